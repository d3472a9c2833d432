//! Measuring movement: distance, speed, speed zones and accelerations of one object's runs.

use rayon::prelude::*;

use super::M_PER_FT;
use super::runs::Run;

/// How movement is measured.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct MotionOptions {
    /// A step longer than this is a gap, not movement.
    pub max_gap_ms: i64,
    /// Speeds are averaged over a centred window this long (0: none). Optical tracking is
    /// noisy at 25 Hz: without it, accelerations count the noise.
    pub smooth_ms: i64,
    /// Lower bounds of the speed zones, m/s, increasing from 0.
    pub bands_mps: Vec<f64>,
    /// An acceleration (or deceleration) event starts when |a| rises above this, m/s².
    pub accel_mps2: f64,
}

impl Default for MotionOptions {
    fn default() -> Self {
        Self {
            max_gap_ms: 200,
            smooth_ms: 300,
            bands_mps: vec![0.0, 2.0, 4.0, 6.0],
            accel_mps2: 3.0,
        }
    }
}

impl MotionOptions {
    /// Zone names from the bands: "0–2 m/s", …, "≥ 6 m/s".
    pub fn zone_names(&self) -> Vec<String> {
        let b = &self.bands_mps;
        (0..b.len())
            .map(|i| match b.get(i + 1) {
                Some(hi) => format!("{}–{} m/s", b[i], hi),
                None => format!("≥ {} m/s", b[i]),
            })
            .collect()
    }

    /// Checks the bands: increasing, starting at 0.
    pub fn check(&self) -> Result<(), String> {
        let b = &self.bands_mps;
        if b.first() != Some(&0.0) {
            return Err(format!(
                "speed bands must start at 0 (got {b:?}); e.g. 0,2,4,6 means 0–2, 2–4, 4–6 and ≥ 6 m/s"
            ));
        }
        if b.windows(2).any(|w| w[1] <= w[0]) {
            return Err(format!("speed bands must increase (got {b:?})"));
        }
        Ok(())
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
    /// Metres per period, in period order.
    pub period_m: Vec<(i32, f64)>,
}

impl Movement {
    pub(super) fn empty(zones: usize) -> Movement {
        Movement {
            zone_s: vec![0.0; zones],
            zone_m: vec![0.0; zones],
            ..Default::default()
        }
    }

    pub(super) fn add(&mut self, o: &Movement) {
        self.tracked_s += o.tracked_s;
        self.distance_m += o.distance_m;
        self.top_speed_mps = self.top_speed_mps.max(o.top_speed_mps);
        for (a, b) in self.zone_s.iter_mut().zip(&o.zone_s) {
            *a += b;
        }
        for (a, b) in self.zone_m.iter_mut().zip(&o.zone_m) {
            *a += b;
        }
        self.accels += o.accels;
        self.decels += o.decels;
        for (p, m) in &o.period_m {
            match self.period_m.iter_mut().find(|(q, _)| q == p) {
                Some((_, total)) => *total += m,
                None => self.period_m.push((*p, *m)),
            }
        }
        self.period_m.sort_by_key(|(p, _)| *p);
    }
}

/// One object's samples in one period, in time order.
fn measure(t: &[i64], x: &[f64], y: &[f64], opts: &MotionOptions, m: &mut Movement) {
    // Runs of real steps between gaps; speeds are smoothed within a run only.
    let mut run: Vec<(f64, f64)> = Vec::new(); // (dt_s, metres)
    let half_window = opts.smooth_ms.max(0) as f64 / 2000.0;
    let flush = |run: &mut Vec<(f64, f64)>, m: &mut Movement| {
        // Prefix sums of time and distance; step i spans [ts[i], ts[i + 1]].
        let mut ts = Vec::with_capacity(run.len() + 1);
        let mut ds = Vec::with_capacity(run.len() + 1);
        ts.push(0.0);
        ds.push(0.0);
        for (dt, dm) in run.iter() {
            ts.push(ts[ts.len() - 1] + dt);
            ds.push(ds[ds.len() - 1] + dm);
        }
        let (mut lo, mut hi) = (0usize, 0usize);
        let mut prev: Option<(f64, f64)> = None; // (speed, centre time)
        let (mut acc, mut dec) = (false, false);
        for i in 0..run.len() {
            let centre = (ts[i] + ts[i + 1]) / 2.0;
            // Steps whose centres lie within half a window of this one's.
            while (ts[lo] + ts[lo + 1]) / 2.0 < centre - half_window - 1e-9 {
                lo += 1;
            }
            hi = hi.max(i + 1);
            while hi < run.len() && (ts[hi] + ts[hi + 1]) / 2.0 <= centre + half_window + 1e-9 {
                hi += 1;
            }
            let span = ts[hi] - ts[lo];
            let v = if span > 0.0 {
                (ds[hi] - ds[lo]) / span
            } else {
                0.0
            };
            let (dt, dm) = run[i];
            m.tracked_s += dt;
            m.distance_m += dm;
            m.top_speed_mps = m.top_speed_mps.max(v);
            let zone = opts.bands_mps.iter().rposition(|b| v >= *b).unwrap_or(0);
            m.zone_s[zone] += dt;
            m.zone_m[zone] += dm;
            if let Some((pv, pc)) = prev {
                let a = (v - pv) / (centre - pc);
                let (now_acc, now_dec) = (a > opts.accel_mps2, a < -opts.accel_mps2);
                m.accels += u32::from(now_acc && !acc);
                m.decels += u32::from(now_dec && !dec);
                (acc, dec) = (now_acc, now_dec);
            }
            prev = Some((v, centre));
        }
        run.clear();
    };
    for i in 1..t.len() {
        let dt = t[i] - t[i - 1];
        if dt <= 0 || dt > opts.max_gap_ms {
            flush(&mut run, m);
            continue;
        }
        let metres = (x[i] - x[i - 1]).hypot(y[i] - y[i - 1]) * M_PER_FT;
        run.push((dt as f64 / 1000.0, metres));
    }
    flush(&mut run, m);
}

/// Each player's run (one object, game and period) measured, in parallel, with its key.
pub(super) fn measure_runs(runs: &[Run], opts: &MotionOptions) -> Vec<(String, Movement)> {
    let zones = opts.bands_mps.len().max(1);
    runs.par_iter()
        .filter(|r| !r.ball)
        .map(|r| {
            let mut m = Movement {
                player: r.name.clone(),
                team: r.team.clone(),
                ..Movement::empty(zones)
            };
            measure(&r.t, &r.x, &r.y, opts, &mut m);
            m.period_m = vec![(r.period, m.distance_m)];
            (r.key.clone(), m)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use polars::prelude::*;

    use super::*;
    use crate::analysis::tracking::fixtures::{close, raw, track};
    use crate::analysis::tracking::movement;

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
        let m = &movement(track(&s), &raw()).unwrap()[0];
        assert_eq!((m.accels, m.decels), (1, 1));
        assert!((m.distance_m - 7.0).abs() < 1e-4, "{}", m.distance_m);
        assert!(close(m.zone_s[3], 1.0), "{:?}", m.zone_s);
    }

    #[test]
    fn smoothing_takes_the_noise_out_of_speed_but_not_out_of_distance() {
        // 2 m/s along x with ±2 cm of alternating noise across: raw step speeds swing and
        // count accelerations; over 0.3 s the speed is 2 m/s within the noise's share.
        let step = 2.0 * 0.04 / M_PER_FT;
        let s: Vec<_> = (0..=250)
            .map(|i| {
                let noise = if i % 2 == 0 { 0.02 } else { -0.02 } / M_PER_FT;
                (i * 40, i as f64 * step, 25.0 + noise)
            })
            .collect();
        let rough = &movement(track(&s), &raw()).unwrap()[0];
        let smooth = &movement(track(&s), &MotionOptions::default()).unwrap()[0];
        // Each step is hypot(8 cm, 4 cm) = 8.944 cm, smoothed or not.
        assert!(close(rough.distance_m, 250.0 * 0.08f64.hypot(0.04)));
        assert!(close(smooth.distance_m, rough.distance_m));
        assert!((smooth.top_speed_mps - 0.08f64.hypot(0.04) / 0.04).abs() < 1e-3);
        assert_eq!((smooth.accels, smooth.decels), (0, 0));
        assert!(close(smooth.zone_s[1], 10.0), "{:?}", smooth.zone_s);
    }

    #[test]
    fn distance_is_split_by_period() {
        let step = 0.04 / M_PER_FT;
        let mut df = df!(
            "game_id" => vec!["g"; 52],
            "period" => (0..52).map(|i| if i < 26 { 1i8 } else { 2 }).collect::<Vec<_>>(),
            "player" => vec!["A"; 52],
            "t_ms" => (0..52).map(|i| i64::from(i) * 40).collect::<Vec<_>>(),
            "x_ft" => (0..52).map(|i| (f64::from(i) * step * if i < 26 { 1.0 } else { 2.0 }) as f32).collect::<Vec<_>>(),
            "y_ft" => vec![10f32; 52],
        )
        .unwrap();
        df.rechunk_mut();
        let m = &movement(df.lazy(), &raw()).unwrap()[0];
        // Period 1: 25 steps of 4 cm; period 2: 25 steps of 8 cm. The step between periods
        // (40 ms apart) is not movement: periods are measured apart.
        assert_eq!(m.period_m.len(), 2);
        assert!((m.period_m[0].1 - 1.0).abs() < 1e-4, "{:?}", m.period_m);
        assert!((m.period_m[1].1 - 2.0).abs() < 1e-4, "{:?}", m.period_m);
        assert!((m.distance_m - 3.0).abs() < 1e-4);
    }
}
