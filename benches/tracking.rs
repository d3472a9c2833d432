//! Tracking analytics: the per-player summary (distance, speeds, zones, accelerations) and
//! the occupancy heatmap, for one game (the sample: 11 objects at 25 Hz over 48 minutes,
//! 792,000 rows) and for 40 generated games (31.7 million rows), from rows in memory.
//!
//! Also the UI thread's frame time in the tracking view while a possession plays back at 1×
//! and 8× (players and ball with trails over the heatmap): the UI pass plus tessellation, as
//! in the `frame` bench.
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

fn playback_frames(c: &mut Criterion) {
    use courtside::app::CourtsideApp;
    use courtside::app::state::{View, Workspace};
    use std::time::{Duration, Instant};
    let mut g = c.benchmark_group("tracking_view_frame");
    g.sample_size(30);
    for speed in [1.0f32, 8.0] {
        let mut ws = Workspace {
            view: View::Tracking,
            ..Default::default()
        };
        ws.tracking.period = Some(2);
        ws.tracking.speed = speed;
        let mut h = egui_kittest::Harness::builder()
            .with_size(egui::vec2(1500.0, 950.0))
            .build_eframe(move |cc| CourtsideApp::with_workspace(&cc.egui_ctx, ws, Vec::new()));
        let start = Instant::now();
        while h.state().tracking.result.is_none()
            || h.state().tracking.playback.is_none()
            || h.state().busy()
        {
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "the sample opens"
            );
            h.step();
            std::thread::sleep(Duration::from_millis(10));
        }
        let possession = h
            .state()
            .tracking
            .playback
            .as_ref()
            .expect("frames")
            .possessions[3];
        h.state_mut().ws.tracking.range = Some(possession);
        let mut frames: Vec<Duration> = Vec::new();
        g.bench_function(format!("playing at {speed}x"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let app = h.state_mut();
                    if !app.tracking.playing {
                        app.tracking.playhead = Some(possession.0);
                        app.tracking.playing = true;
                    }
                    let t = Instant::now();
                    h.step();
                    let out = h.output();
                    let meshes = h.ctx.tessellate(out.shapes.clone(), out.pixels_per_point);
                    let dt = t.elapsed();
                    drop(meshes);
                    frames.push(dt);
                    total += dt;
                }
                total
            })
        });
        frames.sort();
        let q = |p: f64| frames[((frames.len() - 1) as f64 * p) as usize];
        eprintln!(
            "playback at {speed}x: {} frames, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            frames.len(),
            q(0.5).as_secs_f64() * 1e3,
            q(0.99).as_secs_f64() * 1e3,
            q(1.0).as_secs_f64() * 1e3
        );
    }
    g.finish();
}

criterion_group!(tracking, playback_frames, benches);
criterion_main!(tracking);
