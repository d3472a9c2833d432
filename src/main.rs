//! The `courtside` binary: the desktop app, or one command of the command line. Only this
//! file knows both; `cli` and `app` never import each other.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use courtside::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => gui(Vec::new(), None),
        Some(Command::Open(args)) => gui(args.paths, args.follow),
        Some(command) => courtside::cli::run(command, cli.timings, cli.workspace, cli.fix_coords),
    }
}

/// Runs the app until its window closes.
fn gui(paths: Vec<PathBuf>, follow: Option<PathBuf>) -> ExitCode {
    // Relative paths are kept as given; the workspace remembers them absolute.
    let paths = paths
        .into_iter()
        .map(|p| std::path::absolute(&p).unwrap_or(p))
        .collect();
    let follow = follow.map(|p| std::path::absolute(&p).unwrap_or(p));
    match courtside::app::run(paths, follow) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
