//! Zone tables and hex binning, for one player and for the whole league, over the real
//! 2023-24 season (218,701 shots; skipped without ../shared/data) and over 4,000,000
//! generated shots; cold (from a Parquet file on disk) and warm (from memory).

use std::path::Path;

mod common;
use common::{Set, generated, nba};

use courtside::analysis::bins::{self, Extent};
use courtside::analysis::shots::{ShotFilter, ShotSet, ZoneBy, count_by_zone, zone_table};
use courtside::data::{self, OpenOptions};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use polars::prelude::*;

fn player(name: &str) -> ShotFilter {
    ShotFilter {
        players: vec![name.to_string()],
        ..Default::default()
    }
}

/// Cold: open the Parquet file, read the selection, count the zones, build the table.
fn cold_table(path: &Path, filter: &ShotFilter) -> usize {
    let t = data::open(path, &OpenOptions::default()).expect("opens");
    let set = ShotSet::load(filter.apply(t[0].lazy()).expect("filters")).expect("loads");
    zone_table(&ZoneBy::Basic, &count_by_zone(&set, &ZoneBy::Basic), None)
        .expect("table")
        .height()
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut sets: Vec<Set> = nba(dir.path()).into_iter().collect();
    sets.push(generated(dir.path()));

    let mut g = c.benchmark_group("zone_table");
    g.sample_size(20);
    for set in &sets {
        let league = ShotSet::from_frame(&set.frame).expect("extracts");
        let everyone = ShotFilter::default();
        let one = player(set.player);
        // Warm league: the shots are in memory as a ShotSet (what the app keeps).
        g.bench_function(BenchmarkId::new("league warm", set.name), |b| {
            b.iter(|| {
                zone_table(
                    &ZoneBy::Basic,
                    &count_by_zone(&league, &ZoneBy::Basic),
                    None,
                )
                .expect("table")
            })
        });
        // Warm player: filter the in-memory frame, extract, count.
        g.bench_function(BenchmarkId::new("player warm", set.name), |b| {
            b.iter(|| {
                let s = ShotSet::load(one.apply(set.frame.clone().lazy()).expect("filters"))
                    .expect("loads");
                zone_table(&ZoneBy::Basic, &count_by_zone(&s, &ZoneBy::Basic), None).expect("table")
            })
        });
        g.bench_function(BenchmarkId::new("league cold parquet", set.name), |b| {
            b.iter(|| cold_table(&set.parquet, &everyone))
        });
        g.bench_function(BenchmarkId::new("player cold parquet", set.name), |b| {
            b.iter(|| cold_table(&set.parquet, &one))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("hexbin");
    g.sample_size(20);
    for set in &sets {
        let league = ShotSet::from_frame(&set.frame).expect("extracts");
        let one = ShotSet::load(
            player(set.player)
                .apply(set.frame.clone().lazy())
                .expect("filters"),
        )
        .expect("loads");
        g.bench_function(BenchmarkId::new("league warm", set.name), |b| {
            b.iter(|| bins::hexbin(&league, 1.5, Extent::HALF_COURT).len())
        });
        g.bench_function(BenchmarkId::new("player warm", set.name), |b| {
            b.iter(|| bins::hexbin(&one, 1.5, Extent::HALF_COURT).len())
        });
    }
    g.finish();
}

criterion_group!(shots, benches);
criterion_main!(shots);
