//! Synthetic player load: one row per player per session over each season, from training
//! camp to the last game, with the microcycle of an NBA season (games, light practice the day
//! before, recovery the day after, rest days), an injury gap and two load spikes.

use std::collections::HashMap;

use anyhow::Result;
use chrono::{Datelike, Days, NaiveDate};
use polars::prelude::*;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

use crate::sample::date_column;
use crate::sample::roster::{self, Player, Schedule};

/// Who is injured (no sessions), from which day of the regular season, for how long.
const INJURY: (&str, u64, u64) = ("Jalen Brooks", 85, 21);
/// Players thrust into heavy minutes for a stretch: name, first day of the season, days,
/// minutes per game meanwhile. Their acute load outruns their chronic load (high ACWR).
const SPIKES: &[(&str, u64, u64, f64)] =
    &[("Sam Okoro", 110, 14, 38.0), ("Noah Pierce", 140, 12, 34.0)];

#[derive(Default)]
struct Rows {
    player: Vec<String>,
    date: Vec<NaiveDate>,
    session: Vec<&'static str>,
    duration_min: Vec<f64>,
    rpe: Vec<f64>,
    player_load: Vec<f64>,
    distance_m: Vec<f64>,
    hsr_m: Vec<f64>,
    max_speed: Vec<f64>,
    hr_avg: Vec<f64>,
    hr_max: Vec<f64>,
    zones: [Vec<f64>; 5],
}

struct Session {
    kind: &'static str,
    duration: f64,
    rpe: f64,
    /// Minutes of high-intensity work (game minutes, or drills).
    active: f64,
}

/// Generates every player's sessions over every schedule.
pub fn generate(schedules: &[Schedule], rng: &mut ChaCha8Rng) -> Result<DataFrame> {
    let players = roster::our_players();
    // Each player's own intensity: guards cover more ground than centres.
    let styles: Vec<f64> = players.iter().map(|_| rng.random_range(0.9..1.1)).collect();
    let mut rows = Rows::default();
    for schedule in schedules {
        let games: HashMap<NaiveDate, usize> = schedule
            .games
            .iter()
            .enumerate()
            .map(|(i, g)| (g.date, i))
            .collect();
        let opening = schedule
            .games
            .first()
            .map_or(schedule.camp_start, |g| g.date);
        let mut day = schedule.camp_start;
        while day <= schedule.season_end {
            let season_day = (day - opening).num_days();
            let yesterday_game = games.contains_key(&(day - Days::new(1)));
            let back_to_back = yesterday_game && games.contains_key(&(day - Days::new(2)));
            let days_to_game = (1..=4)
                .find(|k| games.contains_key(&(day + Days::new(*k))))
                .unwrap_or(5);
            for (p, player) in players.iter().enumerate() {
                if injured(player, season_day) {
                    continue;
                }
                let session = if day < opening {
                    Some(camp(day, schedule.camp_start, opening, rng))
                } else if games.contains_key(&day) {
                    Some(game(player, season_day, rng))
                } else if back_to_back
                    || (days_to_game >= 3 && day.weekday().num_days_from_monday() == 0)
                {
                    None
                } else if yesterday_game {
                    Some(recovery(player, rng))
                } else {
                    Some(practice(
                        days_to_game,
                        spike_minutes(player, season_day).is_some(),
                        rng,
                    ))
                };
                if let Some(s) = session {
                    push(&mut rows, player, day, &s, styles[p], rng);
                }
            }
            day = day + Days::new(1);
        }
    }
    to_frame(rows)
}

fn injured(player: &Player, season_day: i64) -> bool {
    let (name, from, days) = INJURY;
    player.name == name && season_day >= from as i64 && season_day < (from + days) as i64
}

fn spike_minutes(player: &Player, season_day: i64) -> Option<f64> {
    SPIKES
        .iter()
        .find(|(name, from, days, _)| {
            player.name == *name
                && season_day >= *from as i64
                && season_day < (*from + *days) as i64
        })
        .map(|s| s.3)
}

fn camp(day: NaiveDate, start: NaiveDate, opening: NaiveDate, rng: &mut ChaCha8Rng) -> Session {
    // Pre-season ramp: from 55 % to full volume over camp.
    let length = (opening - start).num_days().max(1) as f64;
    let t = (day - start).num_days() as f64 / length;
    let duration = 60.0 + 45.0 * t + rng.random_range(-8.0..8.0);
    Session {
        kind: "Practice",
        duration,
        rpe: (4.0 + 3.0 * t + rng.random_range(-0.8..0.8)).round(),
        active: duration * (0.35 + 0.15 * t),
    }
}

fn game(player: &Player, season_day: i64, rng: &mut ChaCha8Rng) -> Session {
    let usual = spike_minutes(player, season_day).unwrap_or(player.minutes);
    let dnp = usual < 10.0 && rng.random_bool(0.4);
    let minutes = if dnp {
        0.0
    } else {
        (usual * Normal::new(1.0, 0.12).expect("positive sd").sample(rng)).clamp(0.0, 44.0)
    };
    let rpe = if minutes > 0.0 {
        3.0 + 6.0 * (minutes / 36.0)
    } else {
        2.0
    };
    Session {
        kind: "Game",
        // Warm-up, then the game as the sensor sees it (bench time included).
        duration: 35.0 + 2.3 * minutes.max(12.0),
        rpe: (rpe + rng.random_range(-0.7..0.7)).clamp(1.0, 10.0).round(),
        active: minutes + 8.0,
    }
}

fn recovery(player: &Player, rng: &mut ChaCha8Rng) -> Session {
    if player.minutes >= 20.0 {
        Session {
            kind: "Recovery",
            duration: rng.random_range(30.0..45.0),
            rpe: rng.random_range(1..=3) as f64,
            active: 4.0,
        }
    } else {
        // Bench players condition the day after a game.
        let duration = rng.random_range(50.0..70.0);
        Session {
            kind: "Practice",
            duration,
            rpe: rng.random_range(5..=7) as f64,
            active: duration * 0.45,
        }
    }
}

fn practice(days_to_game: u64, extra: bool, rng: &mut ChaCha8Rng) -> Session {
    let (duration, rpe, share) = if days_to_game <= 1 {
        (
            rng.random_range(50.0..70.0),
            rng.random_range(3..=5) as f64,
            0.3,
        )
    } else {
        (
            rng.random_range(80.0..105.0),
            rng.random_range(5..=7) as f64,
            0.45,
        )
    };
    let boost = if extra { 1.4 } else { 1.0 };
    Session {
        kind: "Practice",
        duration: duration * boost,
        rpe: (rpe + if extra { 2.0 } else { 0.0 }).min(10.0),
        active: duration * share * boost,
    }
}

fn push(
    rows: &mut Rows,
    player: &Player,
    day: NaiveDate,
    s: &Session,
    style: f64,
    rng: &mut ChaCha8Rng,
) {
    let noise =
        |rng: &mut ChaCha8Rng, sd: f64| Normal::new(1.0, sd).expect("positive sd").sample(rng);
    let passive = (s.duration - s.active).max(0.0);
    let load = (s.active * 9.0 + passive * 1.6) * style * noise(rng, 0.06);
    let distance = (s.active * 72.0 + passive * 12.0) * style * noise(rng, 0.05);
    let hsr_share = if s.kind == "Game" { 0.075 } else { 0.045 };
    let hsr = distance * hsr_share * noise(rng, 0.15);
    let intensity = s.rpe / 10.0;
    let max_speed = (5.0 + 2.6 * intensity) * noise(rng, 0.04);
    let hr_avg = 105.0 + 6.0 * s.rpe + rng.random_range(-4.0..4.0);
    let hr_max = (hr_avg + 38.0 + rng.random_range(-5.0..5.0)).min(203.0);
    // Minutes in HR zones 1–5: centred on a zone that rises with intensity.
    let centre = 4.0 * intensity;
    let weights: Vec<f64> = (0..5)
        .map(|k| (-((k as f64 - centre).powi(2)) / 1.5).exp())
        .collect();
    let total: f64 = weights.iter().sum();

    rows.player.push(player.name.clone());
    rows.date.push(day);
    rows.session.push(s.kind);
    rows.duration_min.push(round(s.duration, 1));
    rows.rpe.push(s.rpe);
    rows.player_load.push(round(load, 1));
    rows.distance_m.push(distance.round());
    rows.hsr_m.push(hsr.round());
    rows.max_speed.push(round(max_speed, 2));
    rows.hr_avg.push(hr_avg.round());
    rows.hr_max.push(hr_max.round());
    for (k, w) in weights.iter().enumerate() {
        rows.zones[k].push(round(s.duration * w / total, 1));
    }
}

fn round(v: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (v * f).round() / f
}

fn to_frame(r: Rows) -> Result<DataFrame> {
    let n = r.player.len();
    let [z1, z2, z3, z4, z5] = r.zones;
    let columns = vec![
        Column::new("player".into(), r.player),
        date_column("date", &r.date)?,
        Column::new("session".into(), r.session),
        Column::new("duration_min".into(), r.duration_min),
        Column::new("rpe".into(), r.rpe),
        Column::new("player_load".into(), r.player_load),
        Column::new("distance_m".into(), r.distance_m),
        Column::new("hsr_m".into(), r.hsr_m),
        Column::new("max_speed".into(), r.max_speed),
        Column::new("hr_avg".into(), r.hr_avg),
        Column::new("hr_max".into(), r.hr_max),
        Column::new("hr_zone_1_min".into(), z1),
        Column::new("hr_zone_2_min".into(), z2),
        Column::new("hr_zone_3_min".into(), z3),
        Column::new("hr_zone_4_min".into(), z4),
        Column::new("hr_zone_5_min".into(), z5),
    ];
    Ok(DataFrame::new(n, columns)?)
}
