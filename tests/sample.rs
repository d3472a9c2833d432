//! The bundled sample season: deterministic, committed as generated, and realistic.

mod common;

use std::collections::BTreeMap;

use common::*;
use courtside::court::{BasicZone, basic_zone};
use courtside::sample::{self, SampleOptions};
use polars::prelude::*;

fn committed(name: &str) -> Vec<u8> {
    std::fs::read(common::manifest_dir().join("sample-data").join(name)).unwrap()
}

#[test]
fn regenerating_with_the_same_seed_gives_the_committed_bytes() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["sample-data", "--out", "again"]);
    for name in [sample::SHOTS_FILE, sample::LOAD_FILE, sample::TRACKING_FILE] {
        let again = std::fs::read(dir.path().join("again").join(name)).unwrap();
        assert!(
            again == committed(name),
            "{name} differs from sample-data/{name}: regenerate it"
        );
    }
    // The binary embeds the same files.
    assert!(sample::embedded::SHOTS == committed(sample::SHOTS_FILE).as_slice());
    assert!(sample::embedded::LOAD == committed(sample::LOAD_FILE).as_slice());
    assert!(sample::embedded::TRACKING == committed(sample::TRACKING_FILE).as_slice());
}

#[test]
fn another_seed_gives_another_season() {
    let a = sample::generate(SampleOptions::default()).unwrap();
    let b = sample::generate(SampleOptions { seed: 7, scale: 1 }).unwrap();
    assert!(!a.shots.equals(&b.shots));
    assert_eq!(a.shots.width(), b.shots.width());
}

#[test]
fn scale_multiplies_seasons_and_tracked_games() {
    let s = sample::generate(SampleOptions {
        scale: 2,
        ..Default::default()
    })
    .unwrap();
    let seasons = s.shots.column("season").unwrap().n_unique().unwrap();
    assert_eq!(seasons, 2);
    let games = s.tracking.column("game_id").unwrap().n_unique().unwrap();
    assert_eq!(games, 2);
}

fn embedded(name: &str) -> DataFrame {
    sample::open_embedded()
        .unwrap()
        .into_iter()
        .find(|t| t.name.ends_with(name))
        .unwrap()
        .lazy()
        .collect()
        .unwrap()
}

#[test]
fn sample_shots_look_like_an_nba_season() {
    let shots = embedded(sample::SHOTS_FILE);
    let team = shots.column("team").unwrap().str().unwrap();
    let game = shots.column("game_id").unwrap().str().unwrap();
    let ours: Vec<&str> = team
        .iter()
        .zip(game.iter())
        .filter(|(t, _)| *t == Some(sample::roster::TEAM))
        .filter_map(|(_, g)| g)
        .collect();
    let mut games = ours.clone();
    games.sort();
    games.dedup();
    assert_eq!(games.len(), 82);
    let per_game = ours.len() as f64 / 82.0;
    assert!((80.0..98.0).contains(&per_game), "{per_game} FGA per game");

    // Zone mix and FG% by zone close to the 2023-24 league (SPEC 4).
    let x = shots.column("x_ft").unwrap().f32().unwrap();
    let y = shots.column("y_ft").unwrap().f32().unwrap();
    let made = shots.column("made").unwrap().bool().unwrap();
    let mut by_zone: BTreeMap<BasicZone, (f64, f64)> = BTreeMap::new();
    for ((x, y), m) in x.iter().zip(y.iter()).zip(made.iter()) {
        let e = by_zone
            .entry(basic_zone(x.unwrap() as f64, y.unwrap() as f64))
            .or_default();
        e.0 += 1.0;
        e.1 += f64::from(u8::from(m.unwrap()));
    }
    let n = shots.height() as f64;
    let league = [
        (BasicZone::RestrictedArea, 0.2957, 0.663),
        (BasicZone::Paint, 0.1970, 0.4405),
        (BasicZone::MidRange, 0.1124, 0.4186),
        (BasicZone::LeftCorner3, 0.0527, 0.386),
        (BasicZone::RightCorner3, 0.0486, 0.3938),
        (BasicZone::AboveTheBreak3, 0.2916, 0.3597),
    ];
    for (zone, share, fg) in league {
        let (fga, fgm) = by_zone[&zone];
        assert!(
            (fga / n - share).abs() < 0.025,
            "{} share {:.3} vs league {share}",
            zone.label(),
            fga / n
        );
        assert!(
            (fgm / fga - fg).abs() < 0.04,
            "{} FG% {:.3} vs league {fg}",
            zone.label(),
            fgm / fga
        );
    }
    // Stored shot values agree with the court geometry.
    let values = shots.column("shot_value").unwrap().i8().unwrap();
    for ((x, y), v) in x.iter().zip(y.iter()).zip(values.iter()) {
        let three = basic_zone(x.unwrap() as f64, y.unwrap() as f64).is_three();
        assert_eq!(v, Some(if three { 3 } else { 2 }));
    }
}

/// Daily sRPE per date (rest days 0) and its EWMA ACWR (SPEC 5), from day 28 on.
fn ewma_acwr(load: &DataFrame, player: &str) -> Vec<f64> {
    let df = load
        .clone()
        .lazy()
        .filter(col("player").eq(lit(player)))
        .group_by([col("date")])
        .agg([col("srpe").sum()])
        .sort(["date"], Default::default())
        .collect()
        .unwrap();
    let dates: Vec<i32> = df
        .column("date")
        .unwrap()
        .to_physical_repr()
        .i32()
        .unwrap()
        .iter()
        .flatten()
        .collect();
    let srpe: Vec<f64> = df
        .column("srpe")
        .unwrap()
        .f64()
        .unwrap()
        .iter()
        .flatten()
        .collect();
    let first = load
        .column("date")
        .unwrap()
        .to_physical_repr()
        .i32()
        .unwrap()
        .min()
        .unwrap();
    let last = load
        .column("date")
        .unwrap()
        .to_physical_repr()
        .i32()
        .unwrap()
        .max()
        .unwrap();
    let mut daily = vec![0.0; (last - first + 1) as usize];
    for (d, v) in dates.iter().zip(srpe) {
        daily[(d - first) as usize] = v;
    }
    let (la, lc) = (2.0 / 8.0, 2.0 / 29.0);
    let (mut a, mut c) = (daily[0], daily[0]);
    let mut out = Vec::new();
    for (i, v) in daily.iter().enumerate() {
        a = la * v + (1.0 - la) * a;
        c = lc * v + (1.0 - lc) * c;
        if i >= 27 && c > 0.0 {
            out.push(a / c);
        }
    }
    out
}

#[test]
fn sample_load_has_a_season_microcycle_an_injury_gap_and_load_spikes() {
    let load = embedded(sample::LOAD_FILE);
    assert_eq!(load.column("player").unwrap().n_unique().unwrap(), 15);
    let kinds: Vec<&str> = {
        let mut k: Vec<&str> = load
            .column("session")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .flatten()
            .collect();
        k.sort();
        k.dedup();
        k
    };
    assert_eq!(kinds, ["Game", "Practice", "Recovery"]);

    // The injured player has no session for three weeks in mid-season.
    let brooks: Vec<i32> = load
        .clone()
        .lazy()
        .filter(col("player").eq(lit("Jalen Brooks")))
        .select([col("date").to_physical()])
        .collect()
        .unwrap()
        .column("date")
        .unwrap()
        .i32()
        .unwrap()
        .iter()
        .flatten()
        .collect();
    let longest_gap = brooks.windows(2).map(|w| w[1] - w[0]).max().unwrap();
    assert!(longest_gap >= 21, "longest gap {longest_gap} days");

    // Two players spike into high ACWR; a regular starter never does.
    for spiking in ["Sam Okoro", "Noah Pierce"] {
        let max = ewma_acwr(&load, spiking).into_iter().fold(0.0, f64::max);
        assert!(max > 1.5, "{spiking} peaks at ACWR {max:.2}");
    }
    let steady = ewma_acwr(&load, "Marcus Hale")
        .into_iter()
        .fold(0.0, f64::max);
    assert!(steady < 1.5, "Marcus Hale peaks at ACWR {steady:.2}");

    // Pre-season ramp: the first camp week is lighter than the last.
    let camp = load
        .clone()
        .lazy()
        .filter(col("date").lt(lit(chrono::NaiveDate::from_ymd_opt(2023, 10, 24).unwrap())))
        .sort(["date"], Default::default())
        .collect()
        .unwrap();
    let srpe: Vec<f64> = camp
        .column("srpe")
        .unwrap()
        .f64()
        .unwrap()
        .iter()
        .flatten()
        .collect();
    let week = srpe.len() / 4;
    let mean = |s: &[f64]| s.iter().sum::<f64>() / s.len() as f64;
    assert!(mean(&srpe[..week]) < 0.8 * mean(&srpe[srpe.len() - week..]));
}

#[test]
fn sample_tracking_is_25_hz_with_ten_players_and_the_ball() {
    let t = embedded(sample::TRACKING_FILE);
    // Four periods of 12 minutes at 25 frames a second, 11 objects a frame.
    assert_eq!(t.height(), 4 * 720 * 25 * 11);
    let per_frame = t
        .clone()
        .lazy()
        .group_by([col("t_ms")])
        .agg([len().alias("n")])
        .select([col("n").min().alias("lo"), col("n").max().alias("hi")])
        .collect()
        .unwrap();
    assert_eq!(
        per_frame
            .column("lo")
            .unwrap()
            .get(0)
            .unwrap()
            .extract::<u32>(),
        Some(11)
    );
    assert_eq!(
        per_frame
            .column("hi")
            .unwrap()
            .get(0)
            .unwrap()
            .extract::<u32>(),
        Some(11)
    );
    let ball: Vec<i64> = t
        .clone()
        .lazy()
        .filter(
            col("player_id")
                .eq(lit("ball"))
                .and(col("period").eq(lit(1))),
        )
        .select([col("t_ms")])
        .collect()
        .unwrap()
        .column("t_ms")
        .unwrap()
        .i64()
        .unwrap()
        .iter()
        .flatten()
        .collect();
    assert!(
        ball.windows(2).all(|w| w[1] - w[0] == 40),
        "one frame every 40 ms"
    );
    // Players stay (nearly) on the court; real tracking shows a step or two out of bounds.
    let players = t
        .lazy()
        .filter(col("player_id").neq(lit("ball")))
        .collect()
        .unwrap();
    let x = players.column("x_ft").unwrap().f32().unwrap();
    let y = players.column("y_ft").unwrap().f32().unwrap();
    assert!(x.min().unwrap() >= -2.0 && x.max().unwrap() <= 96.0);
    assert!(y.min().unwrap() >= -2.0 && y.max().unwrap() <= 52.0);
}
