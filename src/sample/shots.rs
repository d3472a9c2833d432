//! Synthetic shots: every field-goal attempt of our 82 games, ours and the opponents'.

use anyhow::Result;
use chrono::NaiveDate;
use polars::prelude::*;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal, Poisson};

use crate::court::{self, BasicZone};
use crate::sample::date_column;
use crate::sample::roster::{self, LEAGUE_FG, LEAGUE_MIX, OPPONENTS, Player, Schedule, ZONES};

/// Profiles list zones in `BasicZone::ALL` order, without the backcourt.
const ZONE_OF: &[BasicZone] = BasicZone::ALL.split_at(ZONES).0;

/// Field-goal attempts per team per game (league 2023-24: 88.9).
const TEAM_FGA: f64 = 88.5;

/// Share of attempts that are heaves from beyond half court (league: 0.2 %).
const BACKCOURT_SHARE: f64 = 0.002;

#[derive(Default)]
struct Rows {
    game_id: Vec<String>,
    game_date: Vec<NaiveDate>,
    season: Vec<String>,
    team: Vec<String>,
    opponent: Vec<String>,
    player_id: Vec<String>,
    player: Vec<String>,
    period: Vec<i8>,
    clock_s: Vec<f32>,
    x_ft: Vec<f32>,
    y_ft: Vec<f32>,
    made: Vec<bool>,
    shot_value: Vec<i8>,
    action: Vec<String>,
}

/// Generates the shots of every game of every schedule.
pub fn generate(schedules: &[Schedule], rng: &mut ChaCha8Rng) -> Result<DataFrame> {
    let ours = roster::our_players();
    let theirs: Vec<Vec<Player>> = OPPONENTS
        .iter()
        .map(|(_, code)| roster::opponent_players(code, rng))
        .collect();
    let mut rows = Rows::default();
    for schedule in schedules {
        for game in &schedule.games {
            let (opp_name, _) = OPPONENTS[game.opponent];
            let sides = [
                (roster::TEAM, opp_name, &ours[..13]),
                (opp_name, roster::TEAM, &theirs[game.opponent][..]),
            ];
            for (team, opponent, players) in sides {
                // Profiles give each player's share; a team takes about 88 shots a game.
                let fga_scale = TEAM_FGA / players.iter().map(|p| p.fga).sum::<f64>();
                for period in 1..=game.periods {
                    let length = if period > 4 { 300.0 } else { 720.0 };
                    let share = if period > 4 { 5.0 / 48.0 } else { 0.25 };
                    for player in players {
                        let mean = player.fga * fga_scale * share;
                        let attempts = Poisson::new(mean.max(0.01))
                            .map(|p| p.sample(rng) as usize)
                            .unwrap_or(0);
                        for _ in 0..attempts {
                            let (x, y, zone) = shot_location(player, rng);
                            let p_make = make_probability(player, zone);
                            rows.game_id.push(game.id.clone());
                            rows.game_date.push(game.date);
                            rows.season.push(game.season.clone());
                            rows.team.push(team.into());
                            rows.opponent.push(opponent.into());
                            rows.player_id.push(player.id.clone());
                            rows.player.push(player.name.clone());
                            rows.period.push(period);
                            rows.clock_s.push(rng.random_range(0..length as u32) as f32);
                            rows.x_ft.push(x as f32);
                            rows.y_ft.push(y as f32);
                            rows.made.push(rng.random_bool(p_make));
                            rows.shot_value.push(if zone.is_three() { 3 } else { 2 });
                            rows.action.push(action(zone, rng).into());
                        }
                    }
                }
            }
        }
    }
    to_frame(rows)
}

fn make_probability(player: &Player, zone: BasicZone) -> f64 {
    match ZONE_OF.iter().position(|z| *z == zone) {
        Some(i) => (LEAGUE_FG[i] * player.skill[i]).clamp(0.05, 0.95),
        None => 0.02,
    }
}

/// Picks a zone from the player's profile, then a point inside it (tenths of a foot, as the
/// NBA records them).
fn shot_location(player: &Player, rng: &mut ChaCha8Rng) -> (f64, f64, BasicZone) {
    if rng.random_bool(BACKCOURT_SHARE) {
        let x = round1(rng.random_range(-20.0..20.0));
        let y = round1(rng.random_range(42.0..75.0));
        return (x, y, BasicZone::Backcourt);
    }
    let weights: Vec<f64> = (0..ZONES).map(|z| LEAGUE_MIX[z] * player.mix[z]).collect();
    let total: f64 = weights.iter().sum();
    let mut r = rng.random_range(0.0..total);
    let mut zi = ZONES - 1;
    for (i, w) in weights.iter().enumerate() {
        if r < *w {
            zi = i;
            break;
        }
        r -= w;
    }
    let zone = ZONE_OF[zi];
    loop {
        let (x, y) = candidate(zone, rng);
        let (x, y) = (round1(x), round1(y));
        if court::basic_zone(x, y) == zone && y >= court::BASELINE_Y_FT + 0.5 && x.abs() <= 24.9 {
            return (x, y, zone);
        }
    }
}

fn candidate(zone: BasicZone, rng: &mut ChaCha8Rng) -> (f64, f64) {
    let normal = |sd: f64| Normal::new(0.0, sd).expect("a positive standard deviation");
    let polar = |d: f64, theta: f64| (d * theta.sin(), d * theta.cos());
    match zone {
        BasicZone::RestrictedArea => {
            let d = normal(1.6).sample(rng).abs();
            polar(d, normal(0.9).sample(rng))
        }
        BasicZone::Paint => {
            let x = rng.random_range(-8.0..8.0);
            let y = court::BASELINE_Y_FT + 19.0 * rng.random::<f64>().powf(1.4);
            (x, y)
        }
        BasicZone::MidRange => {
            let d = rng.random_range(8.0..23.7);
            polar(d, rng.random_range(-1.65..1.65))
        }
        BasicZone::LeftCorner3 | BasicZone::RightCorner3 => {
            let side = if zone == BasicZone::RightCorner3 {
                1.0
            } else {
                -1.0
            };
            let x = side * (22.0 + normal(0.7).sample(rng).abs()).min(24.9);
            (x, rng.random_range(-4.7..8.75))
        }
        BasicZone::AboveTheBreak3 => {
            let d = 23.75 + normal(1.8).sample(rng).abs();
            polar(d, normal(0.7).sample(rng).clamp(-1.3, 1.3))
        }
        BasicZone::Backcourt => (0.0, 60.0),
    }
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn action(zone: BasicZone, rng: &mut ChaCha8Rng) -> &'static str {
    let choices: &[&str] = match zone {
        BasicZone::RestrictedArea => &[
            "Driving Layup Shot",
            "Layup Shot",
            "Dunk Shot",
            "Cutting Layup Shot",
            "Tip Layup Shot",
            "Alley Oop Dunk Shot",
        ],
        BasicZone::Paint => &[
            "Driving Floating Jump Shot",
            "Hook Shot",
            "Turnaround Hook Shot",
            "Floating Jump shot",
            "Jump Shot",
        ],
        BasicZone::MidRange => &[
            "Pullup Jump shot",
            "Jump Shot",
            "Fadeaway Jump Shot",
            "Step Back Jump shot",
        ],
        BasicZone::Backcourt => &["Jump Shot"],
        _ => &[
            "Jump Shot",
            "Jump Shot",
            "Pullup Jump shot",
            "Step Back Jump shot",
            "Running Jump Shot",
        ],
    };
    choices[rng.random_range(0..choices.len())]
}

fn to_frame(r: Rows) -> Result<DataFrame> {
    let n = r.made.len();
    let columns = vec![
        Column::new("game_id".into(), r.game_id),
        date_column("game_date", &r.game_date)?,
        Column::new("season".into(), r.season),
        Column::new("team".into(), r.team),
        Column::new("opponent".into(), r.opponent),
        Column::new("player_id".into(), r.player_id),
        Column::new("player".into(), r.player),
        Column::new("period".into(), r.period),
        Column::new("clock_s".into(), r.clock_s),
        Column::new("x_ft".into(), r.x_ft),
        Column::new("y_ft".into(), r.y_ft),
        Column::new("made".into(), r.made),
        Column::new("shot_value".into(), r.shot_value),
        Column::new("action".into(), r.action),
    ];
    let df = DataFrame::new(n, columns)?;
    // Game order, then the clock running down, as a play-by-play reads.
    Ok(df.sort(
        ["game_id", "period", "clock_s"],
        SortMultipleOptions::default()
            .with_order_descending_multi([false, false, true])
            .with_maintain_order(true),
    )?)
}
