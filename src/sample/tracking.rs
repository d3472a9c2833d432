//! Synthetic 25 Hz tracking: ten players and the ball over a whole game, in the full-court
//! frame of SPEC 3.2 (feet, origin at a corner, x along the length).
//!
//! Movement is simple but shaped like basketball: possessions alternate, the offense sets up
//! in the half court it attacks, defenders sit between their man and the basket, the ball is
//! dribbled, passed and shot, and everyone runs the floor on a change of possession.

use anyhow::Result;
use polars::prelude::*;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

use crate::court::{COURT_X, COURT_Y};
use crate::sample::roster::{self, Game, OPPONENTS};

/// Frames per second.
pub const HZ: i64 = 25;
const DT: f64 = 1.0 / HZ as f64;
const FRAME_MS: i64 = 1000 / HZ;
/// Top speed of a player, ft/s (about 8 m/s).
const TOP_SPEED: f64 = 26.0;
/// Half-court pace: offense and defense move at a jog at most, ft/s (about 3.7 m/s).
const HALF_COURT_SPEED: f64 = 12.0;
/// Hardest acceleration or braking, ft/s² (about 4.3 m/s²).
const MAX_ACCEL: f64 = 14.0;
/// Seconds after a change of possession during which players run the floor.
const TRANSITION_S: f64 = 4.0;
const HOOP_X: f64 = 5.25;

/// Offensive spots relative to the attacking basket: (distance from the baseline, y).
const SPOTS: [(f64, f64); 5] = [
    (24.0, 25.0),
    (20.0, 6.0),
    (20.0, 44.0),
    (5.0, 3.5),
    (10.0, 32.0),
];

#[derive(Clone, Copy, Default)]
struct Body {
    x: f64,
    y: f64,
    vx: f64,
    vy: f64,
    /// Wander: a slowly varying push, ft/s², so that steps are smooth as real movement is.
    wx: f64,
    wy: f64,
    /// Offset of the player's spot (cuts and relocations), ft, and seconds to the next cut.
    ox: f64,
    oy: f64,
    next_cut: f64,
    /// How hard the player runs this transition, a share of top speed.
    effort: f64,
}

#[derive(Default)]
struct Rows {
    game_id: Vec<String>,
    period: Vec<i8>,
    t_ms: Vec<i64>,
    game_clock_s: Vec<f32>,
    team: Vec<Option<String>>,
    player_id: Vec<String>,
    player: Vec<String>,
    x_ft: Vec<f32>,
    y_ft: Vec<f32>,
    z_ft: Vec<Option<f32>>,
}

/// Generates every frame of each game.
pub fn generate(games: &[&Game], rng: &mut ChaCha8Rng) -> Result<DataFrame> {
    let mut rows = Rows::default();
    let ours = roster::our_players();
    for game in games {
        let (opp_name, opp_code) = OPPONENTS[game.opponent];
        let theirs = roster::opponent_players(opp_code, rng);
        let people: Vec<(String, String, String)> = ours[..5]
            .iter()
            .map(|p| (roster::TEAM.to_string(), p.id.clone(), p.name.clone()))
            .chain(
                theirs[..5]
                    .iter()
                    .map(|p| (opp_name.to_string(), p.id.clone(), p.name.clone())),
            )
            .collect();
        simulate(game, &people, rng, &mut rows);
    }
    to_frame(rows)
}

fn simulate(
    game: &Game,
    people: &[(String, String, String)],
    rng: &mut ChaCha8Rng,
    rows: &mut Rows,
) {
    let noise = Normal::new(0.0, 1.0).expect("positive sd");
    let mut bodies: Vec<Body> = (0..10)
        .map(|i| Body {
            x: 47.0 + if i < 5 { -6.0 } else { 6.0 },
            y: 10.0 + 7.0 * (i % 5) as f64,
            effort: 0.8,
            ..Default::default()
        })
        .collect();
    let mut t_ms: i64 = 0;
    for period in 1..=game.periods {
        let length_s = if period > 4 { 300.0 } else { 720.0 };
        let frames = (length_s * HZ as f64) as i64;
        // Our team attacks the right basket in the first half.
        let mut offense = if period % 2 == 1 { 0 } else { 1 };
        let mut possession_left = rng.random_range(8.0..20.0);
        let mut handler = offense * 5;
        let mut pass: Option<(usize, usize, f64)> = None;
        let mut shot: Option<f64> = None;
        let mut next_pass = rng.random_range(1.5..4.0);
        let mut since_change = 0.0;
        for f in 0..frames {
            since_change += DT;
            let clock = length_s - f as f64 * DT;
            let attack_right = (offense == 0) == (period <= 2 || period > 4);
            let hoop_x = if attack_right {
                COURT_X - HOOP_X
            } else {
                HOOP_X
            };
            let toward = |d: f64| if attack_right { COURT_X - d } else { d };
            // Targets: offense on its spots (moved by cuts), defense between its man and the
            // basket.
            let mut targets = [(0.0, 0.0); 10];
            for k in 0..5 {
                let (d, y) = SPOTS[k];
                let b = &bodies[offense * 5 + k];
                targets[offense * 5 + k] = (toward(d) + b.ox, y + b.oy);
            }
            for k in 0..5 {
                let (ox, oy) = targets[offense * 5 + k];
                let def = (1 - offense) * 5 + k;
                targets[def] = (ox + (hoop_x - ox) * 0.3, oy + (25.0 - oy) * 0.3);
            }
            let transition = since_change < TRANSITION_S;
            for (i, b) in bodies.iter_mut().enumerate() {
                b.next_cut -= DT;
                if b.next_cut <= 0.0 {
                    b.ox = rng.random_range(-5.0..5.0);
                    b.oy = rng.random_range(-5.0..5.0);
                    b.next_cut = rng.random_range(2.0..6.0);
                }
                let (tx, ty) = targets[i];
                // Head for the target at a pace that fits the phase, with bounded acceleration
                // and a slowly varying wander.
                let cap = if transition {
                    TOP_SPEED * b.effort
                } else {
                    HALF_COURT_SPEED
                };
                let (mut dvx, mut dvy) = (0.8 * (tx - b.x), 0.8 * (ty - b.y));
                let want = dvx.hypot(dvy);
                if want > cap {
                    dvx *= cap / want;
                    dvy *= cap / want;
                }
                let decay = DT / 1.0;
                b.wx += -b.wx * decay + 1.8 * DT.sqrt() * noise.sample(rng);
                b.wy += -b.wy * decay + 1.8 * DT.sqrt() * noise.sample(rng);
                let (mut ax, mut ay) = ((dvx - b.vx) / 0.6, (dvy - b.vy) / 0.6);
                let a = ax.hypot(ay);
                if a > MAX_ACCEL {
                    ax *= MAX_ACCEL / a;
                    ay *= MAX_ACCEL / a;
                }
                b.vx += (ax + b.wx) * DT;
                b.vy += (ay + b.wy) * DT;
                let speed = b.vx.hypot(b.vy);
                if speed > TOP_SPEED {
                    b.vx *= TOP_SPEED / speed;
                    b.vy *= TOP_SPEED / speed;
                }
                b.x = (b.x + b.vx * DT).clamp(-2.0, COURT_X + 2.0);
                b.y = (b.y + b.vy * DT).clamp(-2.0, COURT_Y + 2.0);
            }
            // The ball: dribbled, in the air on a pass, or on its way to the rim.
            let h = bodies[handler];
            let (bx, by, bz) = if let Some(elapsed) = shot.as_mut() {
                *elapsed += DT;
                let s = (*elapsed / 1.1).min(1.0);
                // Released at 7 ft, peaks near 14 ft, reaches the rim at 10 ft.
                let z = 7.0 + 3.0 * s + 24.0 * s * (1.0 - s);
                (h.x + (hoop_x - h.x) * s, h.y + (25.0 - h.y) * s, z)
            } else if let Some((from, to, elapsed)) = pass.as_mut() {
                *elapsed += DT;
                let s = (*elapsed / 0.6).min(1.0);
                let (a, b) = (bodies[*from], bodies[*to]);
                (
                    a.x + (b.x - a.x) * s,
                    a.y + (b.y - a.y) * s,
                    4.5 + 2.0 * s * (1.0 - s),
                )
            } else {
                let bounce = ((f as f64) * DT * 2.0 * std::f64::consts::PI * 1.6)
                    .sin()
                    .abs();
                (h.x + 0.8, h.y + 0.6, 0.6 + 2.6 * bounce)
            };
            if let Some((_, to, elapsed)) = pass
                && elapsed >= 0.6
            {
                handler = to;
                pass = None;
                next_pass = rng.random_range(1.5..4.5);
            }
            possession_left -= DT;
            next_pass -= DT;
            if shot.is_some_and(|e| e >= 1.1) || (possession_left <= 0.0 && shot.is_none()) {
                if shot.is_none() {
                    shot = Some(0.0);
                } else {
                    // The defense rebounds and becomes the offense; everyone runs the floor.
                    offense = 1 - offense;
                    since_change = 0.0;
                    for b in bodies.iter_mut() {
                        b.effort = rng.random_range(0.5..0.95);
                    }
                    handler = offense * 5 + rng.random_range(0..5);
                    shot = None;
                    pass = None;
                    possession_left = rng.random_range(10.0..22.0);
                    next_pass = rng.random_range(1.5..4.0);
                }
            } else if pass.is_none() && shot.is_none() && next_pass <= 0.0 {
                let mut to = offense * 5 + rng.random_range(0..5);
                if to == handler {
                    to = offense * 5 + (to + 1) % 5;
                }
                pass = Some((handler, to, 0.0));
            }
            for (i, b) in bodies.iter().enumerate() {
                let (team, id, name) = &people[i];
                push(
                    rows,
                    game,
                    period,
                    t_ms,
                    clock,
                    Some(team),
                    id,
                    name,
                    b.x,
                    b.y,
                    None,
                );
            }
            push(
                rows,
                game,
                period,
                t_ms,
                clock,
                None,
                "ball",
                "ball",
                bx,
                by,
                Some(bz),
            );
            t_ms += FRAME_MS;
        }
        // Breaks between periods: two minutes, fifteen at half time.
        t_ms += if period == 2 { 15 * 60_000 } else { 2 * 60_000 };
    }
}

#[allow(clippy::too_many_arguments)]
fn push(
    rows: &mut Rows,
    game: &Game,
    period: i8,
    t_ms: i64,
    clock: f64,
    team: Option<&str>,
    id: &str,
    name: &str,
    x: f64,
    y: f64,
    z: Option<f64>,
) {
    // Hundredths of a foot, as optical tracking reports.
    let r = |v: f64| ((v * 100.0).round() / 100.0) as f32;
    rows.game_id.push(game.id.clone());
    rows.period.push(period);
    rows.t_ms.push(t_ms);
    rows.game_clock_s
        .push(((clock * 100.0).round() / 100.0) as f32);
    rows.team.push(team.map(str::to_string));
    rows.player_id.push(id.into());
    rows.player.push(name.into());
    rows.x_ft.push(r(x));
    rows.y_ft.push(r(y));
    rows.z_ft.push(z.map(r));
}

fn to_frame(r: Rows) -> Result<DataFrame> {
    let n = r.t_ms.len();
    let columns = vec![
        Column::new("game_id".into(), r.game_id),
        Column::new("period".into(), r.period),
        Column::new("t_ms".into(), r.t_ms),
        Column::new("game_clock_s".into(), r.game_clock_s),
        Column::new("team".into(), r.team),
        Column::new("player_id".into(), r.player_id),
        Column::new("player".into(), r.player),
        Column::new("x_ft".into(), r.x_ft),
        Column::new("y_ft".into(), r.y_ft),
        Column::new("z_ft".into(), r.z_ft),
    ];
    Ok(DataFrame::new(n, columns)?)
}
