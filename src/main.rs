//! The `courtside` binary: the desktop app, or one command of the command line. Only this
//! file knows both; `cli` and `app` never import each other.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use courtside::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(Command::Tracking(args)) = &cli.command {
        buffered_reads_for(&args.paths);
    }
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

/// Tracking of Parquet files is measured game by game, and the pages of Polars' memory maps
/// of the file count against the process: over 400 games that grew to 2.1 GB although each
/// game is read and dropped in turn. Polars' buffered reader keeps memory to what the query
/// holds (0.77 GB) at the same speed. It goes through a file cache in the temporary folder
/// for text formats, so it is asked for only when every input is Parquet, before Polars
/// reads its settings (no other thread runs yet); a value the user gives wins.
fn buffered_reads_for(paths: &[PathBuf]) {
    let parquet = |p: &PathBuf| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("parquet"))
    };
    if !paths.is_empty()
        && paths.iter().all(parquet)
        && std::env::var_os("POLARS_FORCE_ASYNC").is_none()
    {
        // SAFETY: called first thing in main, before any thread is started.
        unsafe { std::env::set_var("POLARS_FORCE_ASYNC", "1") };
    }
}
