//! Scan + map of the shared NBA shot log (CSV) and of its canonical Parquet conversion: the
//! time from a path to the canonical shots table in memory.
//!
//! Needs ../shared/data; without it the benchmarks are skipped with a message.

use std::path::{Path, PathBuf};

use courtside::data::{self, OpenOptions};
use criterion::{Criterion, criterion_group, criterion_main};

/// The checkout, read at run time (see tests/common).
fn manifest_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

fn shared_csv() -> Option<PathBuf> {
    let p = manifest_dir().join("../shared/data/nba-shots/NBA_2024_Shots.csv");
    if p.is_file() {
        Some(p)
    } else {
        eprintln!("SKIPPED: {} is absent", p.display());
        None
    }
}

/// Opens `path` and collects the canonical table; returns its row count.
fn scan_and_map(path: &Path) -> usize {
    let tables = data::open(path, &OpenOptions::default()).expect("opens");
    tables[0].lazy().collect().expect("collects").height()
}

fn benches(c: &mut Criterion) {
    let Some(csv) = shared_csv() else { return };
    let dir = tempfile::tempdir().expect("a temp dir");
    let parquet = dir.path().join("NBA_2024_Shots.parquet");
    let tables = data::open(&csv, &OpenOptions::default()).expect("opens");
    let mut df = courtside::cli::convert::collect_all(&tables, false).expect("converts");
    courtside::export::write_parquet(&parquet, &mut df, &[]).expect("writes");

    let mut g = c.benchmark_group("nba_shots_2023_24");
    g.sample_size(10);
    g.bench_function("csv scan+map (218,701 rows)", |b| {
        b.iter(|| assert_eq!(scan_and_map(&csv), 218_701))
    });
    g.bench_function("parquet scan+map (218,701 rows)", |b| {
        b.iter(|| assert_eq!(scan_and_map(&parquet), 218_701))
    });
    g.bench_function("csv open only (schema + mapping)", |b| {
        b.iter(|| {
            data::open(&csv, &OpenOptions::default())
                .expect("opens")
                .len()
        })
    });
    g.finish();
}

criterion_group!(scan, benches);
criterion_main!(scan);
