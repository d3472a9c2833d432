//! Tracking analytics: the per-player summary (distance, speeds, zones, accelerations) and
//! the occupancy heatmap, for one game (the sample: 11 objects at 25 Hz over 48 minutes,
//! 792,000 rows) and for 40 generated games (31.7 million rows), from rows in memory.
//!
//! The 40-game set is also written to `$TMPDIR/courtside-tracking-40.parquet`, for measuring
//! the command line's peak memory on it (`/usr/bin/time -v courtside tracking …`).

use courtside::analysis::tracking::{
    HeatOptions, MotionOptions, TrackFilter, movement, occupancy, playback,
};
use courtside::data::TableKind;
use criterion::{Criterion, criterion_group, criterion_main};
use polars::prelude::*;
use rand::SeedableRng;

fn one_game() -> DataFrame {
    let t = courtside::sample::open_embedded()
        .expect("the sample opens")
        .into_iter()
        .find(|t| t.kind == TableKind::Tracking)
        .expect("the sample has tracking");
    t.lazy().collect().expect("reads")
}

fn forty_games() -> DataFrame {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(40);
    let schedule = courtside::sample::roster::schedule(2023, &mut rng);
    let games: Vec<_> = schedule.games.iter().take(40).collect();
    let mut df = courtside::sample::tracking::generate(&games, &mut rng).expect("generates");
    let path = std::env::temp_dir().join("courtside-tracking-40.parquet");
    courtside::export::write_parquet(&path, &mut df, &[]).expect("writes");
    df
}

fn benches(c: &mut Criterion) {
    let opts = MotionOptions::default();
    let heat = HeatOptions::default();
    let all = TrackFilter::default();

    let game = one_game();
    assert_eq!(game.height(), 792_000);
    let mut g = c.benchmark_group("tracking_one_game_792k_rows");
    g.bench_function("summary", |b| {
        b.iter(|| movement(game.clone().lazy(), &opts).expect("measures"))
    });
    g.bench_function("heatmap", |b| {
        b.iter(|| occupancy(game.clone().lazy(), &all, &heat).expect("counts"))
    });
    g.bench_function("heatmap_one_basket", |b| {
        let one = HeatOptions {
            one_basket: true,
            ..Default::default()
        };
        b.iter(|| occupancy(game.clone().lazy(), &all, &one).expect("counts"))
    });
    g.bench_function("playback_one_period", |b| {
        b.iter(|| playback(game.clone().lazy(), None, Some(2)).expect("loads"))
    });
    g.finish();
    drop(game);

    let many = forty_games();
    assert!(many.height() >= 30_000_000, "{}", many.height());
    let mut g = c.benchmark_group("tracking_40_games_31.7M_rows");
    g.sample_size(10);
    g.bench_function("summary", |b| {
        b.iter(|| movement(many.clone().lazy(), &opts).expect("measures"))
    });
    g.bench_function("heatmap", |b| {
        b.iter(|| occupancy(many.clone().lazy(), &all, &heat).expect("counts"))
    });
    g.finish();
}

criterion_group!(tracking, benches);
criterion_main!(tracking);
