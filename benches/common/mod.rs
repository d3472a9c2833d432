//! Data sets the benches share: the real 2023-24 season (skipped without ../shared/data) and
//! just over 4,000,000 generated shots, each as a Parquet file and in memory.

use std::path::{Path, PathBuf};

use courtside::data::{self, OpenOptions};
use polars::prelude::*;
use rand::SeedableRng;

fn manifest_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

/// A data set to measure: its Parquet file, the same rows in memory, and a player in it.
pub struct Set {
    pub name: &'static str,
    pub parquet: PathBuf,
    pub frame: DataFrame,
    pub player: &'static str,
}

pub fn nba(dir: &Path) -> Option<Set> {
    let csv = manifest_dir().join("../shared/data/nba-shots/NBA_2024_Shots.csv");
    if !csv.is_file() {
        eprintln!("SKIPPED: {} is absent", csv.display());
        return None;
    }
    let tables = data::open(&csv, &OpenOptions::default()).expect("opens");
    let mut frame = courtside::cli::convert::collect_all(&tables, false).expect("reads");
    let parquet = dir.join("nba.parquet");
    courtside::export::write_parquet(&parquet, &mut frame, &[]).expect("writes");
    Some(Set {
        name: "nba 218,701",
        parquet,
        frame,
        player: "Stephen Curry",
    })
}

pub fn generated(dir: &Path) -> Set {
    // 276 seasons of the sample generator: just over 4,000,000 shots.
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let schedules: Vec<_> = (0..276)
        .map(|i| courtside::sample::roster::schedule(1752 + i, &mut rng))
        .collect();
    let mut frame = courtside::sample::shots::generate(&schedules, &mut rng).expect("generates");
    assert!(frame.height() >= 4_000_000, "{} shots", frame.height());
    let parquet = dir.join("generated.parquet");
    courtside::export::write_parquet(&parquet, &mut frame, &[]).expect("writes");
    Set {
        name: "generated 4M",
        parquet,
        frame,
        player: "Marcus Hale",
    }
}
