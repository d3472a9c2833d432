//! The UI thread's frame time in the shots view while the filter keeps changing, over the real
//! 2023-24 season (218,701 shots; skipped without ../shared/data) and over 4,000,000
//! generated shots. The queries run on workers meanwhile; a frame only submits them and draws
//! the latest result. Every tenth frame switches between one player and the whole league.
//! A frame is measured as eframe spends it on the CPU: the UI pass, then tessellation.

use std::time::{Duration, Instant};

mod common;
use common::{generated, nba};

use courtside::app::CourtsideApp;
use courtside::app::state::{SourceRef, Workspace};
use courtside::charts::spec::ChartKind;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut sets: Vec<common::Set> = nba(dir.path()).into_iter().collect();
    sets.push(generated(dir.path()));
    let mut g = c.benchmark_group("shots_view_frame");
    g.sample_size(30);
    for set in &sets {
        eprintln!("{}: {} shots", set.name, set.frame.height());
        for chart in [ChartKind::Hex, ChartKind::Scatter] {
            let ws = Workspace {
                sources: vec![SourceRef::Path(set.parquet.clone())],
                ..Default::default()
            };
            let mut ws = ws;
            ws.shots.chart = chart;
            let mut h = Harness::builder()
                .with_size(egui::vec2(1500.0, 950.0))
                .build_eframe(move |cc| CourtsideApp::with_workspace(&cc.egui_ctx, ws, Vec::new()));
            let start = Instant::now();
            while h.state().shots_result().is_none() || h.state().busy() {
                assert!(start.elapsed() < Duration::from_secs(600), "the data opens");
                h.step();
                std::thread::sleep(Duration::from_millis(10));
            }
            let mut frames: Vec<Duration> = Vec::new();
            let mut n = 0u64;
            let id = format!("{} {:?}", set.name, chart).to_lowercase();
            g.bench_function(BenchmarkId::new("filter changing", &id), |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        if n.is_multiple_of(10) {
                            let players = &mut h.state_mut().ws.shots.filter.players;
                            *players = if players.is_empty() {
                                vec![set.player.to_string()]
                            } else {
                                Vec::new()
                            };
                        }
                        n += 1;
                        let t = Instant::now();
                        h.step();
                        // What eframe does next on the CPU: turn the shapes into meshes.
                        let out = h.output();
                        let meshes = h.ctx.tessellate(out.shapes.clone(), out.pixels_per_point);
                        let dt = t.elapsed();
                        drop(meshes);
                        frames.push(dt);
                        total += dt;
                        // Frames come at display rate; the workers use the time between.
                        std::thread::sleep(Duration::from_millis(4));
                    }
                    total
                })
            });
            frames.sort();
            let q = |p: f64| frames[((frames.len() - 1) as f64 * p) as usize];
            eprintln!(
                "{id}: {} frames, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
                frames.len(),
                q(0.5).as_secs_f64() * 1e3,
                q(0.99).as_secs_f64() * 1e3,
                q(1.0).as_secs_f64() * 1e3
            );
        }
    }
    g.finish();
}

criterion_group!(frame, benches);
criterion_main!(frame);
