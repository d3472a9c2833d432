//! Tracking analytics (SPEC 6): distance, speed, speed zones and accelerations per player,
//! from consecutive positions of the same object in the same period, using the real time
//! step between frames. A step longer than the gap limit (missing frames, a player off the
//! court) is no movement at all: it adds no distance, no time and no speed.

use polars::prelude::*;

/// Feet to metres.
const M_PER_FT: f64 = 0.3048;

/// How movement is measured.
#[derive(Clone, Debug, PartialEq)]
pub struct MotionOptions {
    /// A step longer than this is a gap, not movement.
    pub max_gap_ms: i64,
    /// Speeds are averaged over this many steps (1: none).
    pub smoothing: usize,
    /// Lower bounds of the speed zones, m/s, increasing from 0.
    pub bands_mps: Vec<f64>,
    /// An acceleration (or deceleration) event starts when |a| rises above this, m/s².
    pub accel_mps2: f64,
}

impl Default for MotionOptions {
    fn default() -> Self {
        Self {
            max_gap_ms: 200,
            smoothing: 1,
            bands_mps: vec![0.0, 2.0, 4.0, 6.0],
            accel_mps2: 3.0,
        }
    }
}

/// One player's movement.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Movement {
    pub player: String,
    pub team: Option<String>,
    /// Time covered by real steps (gaps excluded), seconds.
    pub tracked_s: f64,
    pub distance_m: f64,
    pub top_speed_mps: f64,
    /// Per speed zone: seconds and metres.
    pub zone_s: Vec<f64>,
    pub zone_m: Vec<f64>,
    pub accels: u32,
    pub decels: u32,
}

/// One object's samples in one period, in time order: (t_ms, x_ft, y_ft).
fn measure(samples: &[(i64, f64, f64)], opts: &MotionOptions, m: &mut Movement) {
    // Runs of real steps between gaps; speeds are smoothed within a run only.
    let mut run: Vec<(f64, f64)> = Vec::new(); // (dt_s, metres)
    let flush = |run: &mut Vec<(f64, f64)>, m: &mut Movement| {
        let k = opts.smoothing.max(1);
        let mut prev_v: Option<f64> = None;
        let (mut acc, mut dec) = (false, false);
        for i in 0..run.len() {
            let lo = i.saturating_sub(k / 2);
            let hi = (lo + k).min(run.len());
            let (t, d) = run[lo..hi]
                .iter()
                .fold((0.0, 0.0), |(t, d), s| (t + s.0, d + s.1));
            let v = if t > 0.0 { d / t } else { 0.0 };
            let (dt, dm) = run[i];
            m.tracked_s += dt;
            m.distance_m += dm;
            m.top_speed_mps = m.top_speed_mps.max(v);
            let zone = opts.bands_mps.iter().rposition(|b| v >= *b).unwrap_or(0);
            m.zone_s[zone] += dt;
            m.zone_m[zone] += dm;
            if let Some(p) = prev_v {
                let a = (v - p) / dt;
                let (now_acc, now_dec) = (a > opts.accel_mps2, a < -opts.accel_mps2);
                m.accels += u32::from(now_acc && !acc);
                m.decels += u32::from(now_dec && !dec);
                (acc, dec) = (now_acc, now_dec);
            }
            prev_v = Some(v);
        }
        run.clear();
    };
    for w in samples.windows(2) {
        let ((t0, x0, y0), (t1, x1, y1)) = (w[0], w[1]);
        let dt = t1 - t0;
        if dt <= 0 || dt > opts.max_gap_ms {
            flush(&mut run, m);
            continue;
        }
        let metres = (x1 - x0).hypot(y1 - y0) * M_PER_FT;
        run.push((dt as f64 / 1000.0, metres));
    }
    flush(&mut run, m);
}

/// Movement per player of a canonical tracking table (the ball and rows without a player are
/// left out), sorted by team then player.
pub fn movement(tracking: LazyFrame, opts: &MotionOptions) -> PolarsResult<Vec<Movement>> {
    let schema = tracking.clone().collect_schema()?;
    let team = if schema.get("team").is_some() {
        col("team")
    } else {
        lit(NULL).cast(DataType::String).alias("team")
    };
    let df = tracking
        .select([
            col("game_id").cast(DataType::String),
            col("period").cast(DataType::Int32),
            col("player").cast(DataType::String),
            team.cast(DataType::String),
            col("t_ms").cast(DataType::Int64),
            col("x_ft").cast(DataType::Float64),
            col("y_ft").cast(DataType::Float64),
        ])
        .filter(
            col("player")
                .is_not_null()
                .and(col("player").neq(lit("ball")))
                .and(col("x_ft").is_not_null())
                .and(col("y_ft").is_not_null()),
        )
        .sort(
            ["player", "game_id", "period", "t_ms"],
            SortMultipleOptions::default(),
        )
        .collect()?;
    let game = df.column("game_id")?.str()?;
    let period = df.column("period")?.i32()?;
    let player = df.column("player")?.str()?;
    let team = df.column("team")?.str()?;
    let t = df.column("t_ms")?.i64()?;
    let x = df.column("x_ft")?.f64()?;
    let y = df.column("y_ft")?.f64()?;
    let zones = opts.bands_mps.len().max(1);
    let mut out: Vec<Movement> = Vec::new();
    let mut samples: Vec<(i64, f64, f64)> = Vec::new();
    let mut key: Option<(&str, &str, i32)> = None;
    for i in 0..df.height() {
        let (Some(p), Some(ti), Some(xi), Some(yi)) = (player.get(i), t.get(i), x.get(i), y.get(i))
        else {
            continue;
        };
        let k = (p, game.get(i).unwrap_or(""), period.get(i).unwrap_or(0));
        if key != Some(k) {
            if let Some(m) = out.last_mut() {
                measure(&samples, opts, m);
            }
            samples.clear();
            if key.is_none_or(|old| old.0 != p) {
                out.push(Movement {
                    player: p.to_string(),
                    team: team.get(i).map(str::to_string),
                    zone_s: vec![0.0; zones],
                    zone_m: vec![0.0; zones],
                    ..Default::default()
                });
            }
            key = Some(k);
        }
        samples.push((ti, xi, yi));
    }
    if let Some(m) = out.last_mut() {
        measure(&samples, opts, m);
    }
    out.sort_by(|a, b| a.team.cmp(&b.team).then(a.player.cmp(&b.player)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tracking table of one player from (t_ms, x_ft, y_ft) samples in period 1.
    fn track(samples: &[(i64, f64, f64)]) -> LazyFrame {
        let n = samples.len();
        df!(
            "game_id" => vec!["g"; n],
            "period" => vec![1i8; n],
            "player" => vec!["A"; n],
            "team" => vec!["T"; n],
            "t_ms" => samples.iter().map(|s| s.0).collect::<Vec<_>>(),
            "x_ft" => samples.iter().map(|s| s.1 as f32).collect::<Vec<_>>(),
            "y_ft" => samples.iter().map(|s| s.2 as f32).collect::<Vec<_>>(),
        )
        .unwrap()
        .lazy()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6 * b.abs().max(1.0)
    }

    #[test]
    fn a_straight_line_at_a_known_speed() {
        // 3 m/s along x for 10 s at 25 Hz: 30 m, all in the 2–4 m/s zone.
        let ft_per_step = 3.0 * 0.04 / M_PER_FT;
        let s: Vec<_> = (0..=250)
            .map(|i| (i * 40, 10.0 + i as f64 * ft_per_step, 25.0))
            .collect();
        let m = &movement(track(&s), &MotionOptions::default()).unwrap()[0];
        assert!((m.distance_m - 30.0).abs() < 1e-4, "{}", m.distance_m);
        assert!(close(m.tracked_s, 10.0));
        assert!((m.top_speed_mps - 3.0).abs() < 1e-4, "{}", m.top_speed_mps);
        assert!(close(m.zone_s[1], 10.0) && m.zone_s[0] == 0.0 && m.zone_s[2] == 0.0);
        assert!(close(m.zone_m[1], 30.0));
        assert_eq!((m.accels, m.decels), (0, 0));
    }

    #[test]
    fn a_gap_of_missing_frames_adds_no_distance() {
        // 1 s at 2 m/s, then 5 s missing while the player crosses 20 m, then 1 s more.
        let step = 2.0 * 0.04 / M_PER_FT;
        let mut s: Vec<_> = (0..=25).map(|i| (i * 40, i as f64 * step, 0.0)).collect();
        let jump = 20.0 / M_PER_FT;
        s.extend((0..=25).map(|i| (6_000 + i * 40, 25.0 * step + jump + i as f64 * step, 0.0)));
        let m = &movement(track(&s), &MotionOptions::default()).unwrap()[0];
        assert!(close(m.distance_m, 4.0), "{}", m.distance_m);
        assert!(close(m.tracked_s, 2.0));
        assert!((m.top_speed_mps - 2.0).abs() < 1e-4);
    }

    #[test]
    fn speeds_use_the_real_time_step_when_the_frame_rate_changes() {
        // 5 m/s throughout: 25 Hz for 1 s, then 10 Hz for 1 s. An assumed 25 Hz would make
        // the second second 12.5 m/s.
        let mut s: Vec<_> = (0..=25)
            .map(|i| (i * 40, i as f64 * 5.0 * 0.04 / M_PER_FT, 0.0))
            .collect();
        let x1 = s.last().unwrap().1;
        s.extend((1..=10).map(|i| (1_000 + i * 100, x1 + i as f64 * 5.0 * 0.1 / M_PER_FT, 0.0)));
        let m = &movement(track(&s), &MotionOptions::default()).unwrap()[0];
        assert!((m.distance_m - 10.0).abs() < 1e-4, "{}", m.distance_m);
        assert!((m.top_speed_mps - 5.0).abs() < 1e-3, "{}", m.top_speed_mps);
        assert!(close(m.zone_s[2], 2.0), "{:?}", m.zone_s);
    }

    #[test]
    fn a_player_who_leaves_and_re_enters_is_measured_on_court_only() {
        // On court 2 s at 1 m/s, off for 3 minutes (no rows), back 2 s at 1 m/s elsewhere.
        let step = 0.04 / M_PER_FT;
        let mut s: Vec<_> = (0..=50).map(|i| (i * 40, i as f64 * step, 5.0)).collect();
        s.extend((0..=50).map(|i| (182_000 + i * 40, 80.0 - i as f64 * step, 40.0)));
        let m = &movement(track(&s), &MotionOptions::default()).unwrap()[0];
        assert!(close(m.distance_m, 4.0), "{}", m.distance_m);
        assert!(close(m.tracked_s, 4.0));
    }

    #[test]
    fn a_sprint_from_standing_counts_one_acceleration_and_one_deceleration() {
        // Stand 1 s, jump to 7 m/s for 1 s, stop for 1 s: a = ±175 m/s² at the steps.
        let mut s = Vec::new();
        let mut x = 0.0;
        for i in 0..=75i64 {
            let v = if (25..50).contains(&i) { 7.0 } else { 0.0 };
            s.push((i * 40, x, 0.0));
            x += v * 0.04 / M_PER_FT;
        }
        let m = &movement(track(&s), &MotionOptions::default()).unwrap()[0];
        assert_eq!((m.accels, m.decels), (1, 1));
        assert!((m.distance_m - 7.0).abs() < 1e-4, "{}", m.distance_m);
        assert!(close(m.zone_s[3], 1.0), "{:?}", m.zone_s);
    }
}
