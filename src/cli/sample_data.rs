//! `courtside sample-data`: the synthetic sample season.

use std::path::PathBuf;

use anyhow::Result;

use crate::cli::timings::Timings;
use crate::sample::{self, SampleOptions};

/// Arguments of `sample-data`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to write shots.parquet, load.parquet and tracking.parquet into.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// Seasons of shots and load, and games of tracking (at most 10), for benchmarks at
    /// scale: each season is ~15,000 shots and ~2,800 load rows, each game ~800,000 rows.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub scale: u32,

    /// Write only tracking.parquet, with this many generated games (any number, about 800,000
    /// rows each, written one game at a time), for measuring tracking at scale.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=5000))]
    pub tracking_games: Option<u32>,

    /// The random seed; the same seed and scale give byte-identical files.
    #[arg(long, default_value_t = sample::DEFAULT_SEED)]
    pub seed: u64,
}

/// Runs `sample-data`.
pub fn run(args: &Args, timings: &mut Timings) -> Result<()> {
    if let Some(n) = args.tracking_games {
        std::fs::create_dir_all(&args.out)?;
        let path = args.out.join(sample::TRACKING_FILE);
        let rows = timings.time("generate+write", || {
            sample::write_tracking_games(&path, n as usize, args.seed)
        })?;
        println!(
            "wrote {} ({n} games, {} rows)",
            path.display(),
            crate::format::thousands(rows)
        );
        return Ok(());
    }
    let opts = SampleOptions {
        scale: args.scale,
        seed: args.seed,
    };
    timings.time("generate+write", || sample::write(&args.out, opts))?;
    println!(
        "wrote {}, {} and {} to {}",
        sample::SHOTS_FILE,
        sample::LOAD_FILE,
        sample::TRACKING_FILE,
        args.out.display()
    );
    Ok(())
}
