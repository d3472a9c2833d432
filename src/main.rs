//! The `courtside` binary: the desktop app, or one command of the command line. Only this
//! file knows both; `cli` and `app` never import each other.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use courtside::cli::{Cli, Command};

fn main() -> ExitCode {
    // Polars reads local files through memory maps by default, and the pages of a map it
    // keeps count against the process: over 400 games of tracking that grew to 2.1 GB
    // although each game is read and dropped in turn. Its buffered reader keeps memory to
    // what the query holds (0.77 GB) at the same speed, and never maps a live feed file
    // that another program is appending to. Set before Polars reads its settings, while no
    // other thread runs; a value the user gives wins.
    if std::env::var_os("POLARS_FORCE_ASYNC").is_none() {
        // SAFETY: the first thing main does, before any thread is started.
        unsafe { std::env::set_var("POLARS_FORCE_ASYNC", "1") };
    }
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
