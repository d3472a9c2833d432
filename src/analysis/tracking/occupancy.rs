//! Occupancy heatmaps: time per cell of a grid over the full court, optionally mirrored so
//! the play always attacks one basket.

use polars::prelude::*;
use rayon::prelude::*;

use super::filter::TrackFilter;
use super::runs::{Run, runs};
use super::{COURT_X, COURT_Y, M_PER_FT};

/// Time spent per cell of a grid over the full court.
#[derive(Clone, Debug, PartialEq)]
pub struct Occupancy {
    /// Cell size, feet.
    pub cell_ft: f64,
    /// Cells along the length (x) and across (y).
    pub cols: usize,
    pub rows: usize,
    /// Seconds per cell, row-major from (x 0, y 0).
    pub seconds: Vec<f64>,
    /// Player-seconds counted.
    pub total_s: f64,
    /// Players counted.
    pub players: usize,
}

impl Occupancy {
    /// Seconds in the cell holding (x, y), full-court feet.
    pub fn at(&self, x: f64, y: f64) -> Option<f64> {
        let (c, r) = ((x / self.cell_ft).floor(), (y / self.cell_ft).floor());
        if c < 0.0 || r < 0.0 || c as usize >= self.cols || r as usize >= self.rows {
            return None;
        }
        Some(self.seconds[r as usize * self.cols + c as usize])
    }

    /// The most seconds in one cell.
    pub fn max(&self) -> f64 {
        self.seconds.iter().copied().fold(0.0, f64::max)
    }
}

/// How an occupancy heatmap is counted.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct HeatOptions {
    /// Cell size, metres.
    pub cell_m: f64,
    /// Mirror frames whose ball is in the far half, so the play always attacks the basket at
    /// x = 0 (SPEC 3.2). Frames without a ball are left as they are.
    pub one_basket: bool,
    /// A step longer than this is a gap and counts no time.
    pub max_gap_ms: i64,
}

impl Default for HeatOptions {
    fn default() -> Self {
        Self {
            cell_m: 1.0,
            one_basket: false,
            max_gap_ms: 200,
        }
    }
}

/// The heatmap's grid: cell size in feet, cells along the length and across.
#[derive(Clone, Copy)]
pub(super) struct Grid {
    pub cell_ft: f64,
    pub cols: usize,
    pub rows: usize,
}

impl Grid {
    pub(super) fn of(opts: &HeatOptions) -> Grid {
        let cell_ft = opts.cell_m.clamp(0.1, 10.0) / M_PER_FT;
        Grid {
            cell_ft,
            cols: (COURT_X / cell_ft).ceil() as usize,
            rows: (COURT_Y / cell_ft).ceil() as usize,
        }
    }

    /// The index of the cell holding (x, y); positions just off the court count in the edge
    /// cells.
    pub(super) fn index(&self, x: f64, y: f64) -> usize {
        let cell = |v: f64, n: usize| ((v / self.cell_ft).floor().max(0.0) as usize).min(n - 1);
        cell(y, self.rows) * self.cols + cell(x, self.cols)
    }
}

/// The ball's runs for mirroring to one basket when the filter picks players or teams (and so
/// leaves the ball out); otherwise the ball is among the picked runs, or not needed.
pub(super) fn balls_for(
    lf: LazyFrame,
    filter: &TrackFilter,
    opts: &HeatOptions,
) -> PolarsResult<Vec<Run>> {
    if !opts.one_basket || (filter.players.is_empty() && filter.teams.is_empty()) {
        return Ok(Vec::new());
    }
    let moments = TrackFilter {
        players: Vec::new(),
        teams: Vec::new(),
        ..filter.clone()
    };
    runs(moments.apply(lf).filter(col("ball")))
}

/// Seconds per cell (row-major) of the picked players' runs, and the players counted.
pub(super) fn occupancy_grid(
    picked: &[Run],
    balls: &[Run],
    opts: &HeatOptions,
    g: Grid,
) -> (Vec<f64>, Vec<String>) {
    let ball_of = |game: &str, period: i32| -> Option<&Run> {
        picked
            .iter()
            .chain(balls)
            .find(|r| r.ball && r.game == game && r.period == period)
    };
    let seconds = picked
        .par_iter()
        .filter(|r| !r.ball)
        .fold(
            || vec![0.0; g.cols * g.rows],
            |mut grid, r| {
                let ball = if opts.one_basket {
                    ball_of(&r.game, r.period)
                } else {
                    None
                };
                for i in 0..r.t.len().saturating_sub(1) {
                    let dt = r.t[i + 1] - r.t[i];
                    if dt <= 0 || dt > opts.max_gap_ms {
                        continue;
                    }
                    let (mut x, mut y) = (r.x[i], r.y[i]);
                    if let Some(b) = ball {
                        let k = b.t.partition_point(|t| *t < r.t[i]);
                        if b.t.get(k) == Some(&r.t[i]) && b.x[k] > COURT_X / 2.0 {
                            (x, y) = (COURT_X - x, COURT_Y - y);
                        }
                    }
                    grid[g.index(x, y)] += dt as f64 / 1000.0;
                }
                grid
            },
        )
        .reduce(
            || vec![0.0; g.cols * g.rows],
            |mut a, b| {
                for (p, q) in a.iter_mut().zip(&b) {
                    *p += q;
                }
                a
            },
        );
    let keys = picked
        .iter()
        .filter(|r| !r.ball)
        .map(|r| r.key.clone())
        .collect();
    (seconds, keys)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tracking::fixtures::{close, track};
    use crate::analysis::tracking::occupancy;

    #[test]
    fn occupancy_counts_real_time_per_cell_and_nothing_across_gaps() {
        // 1 s standing in one cell, 1 s in another, then a 5 s gap, then 0.5 s back in the
        // first: 1.5 s and 1 s (the last sample of each run counts nothing).
        let mut s: Vec<(i64, f64, f64)> = (0..25).map(|i| (i * 40, 2.0, 2.0)).collect();
        s.extend((25..=50).map(|i| (i * 40, 10.0, 2.0)));
        s.extend((0..=12).map(|i| (7_000 + i * 40, 2.0, 2.0)));
        let heat = occupancy(track(&s), &TrackFilter::default(), &HeatOptions::default()).unwrap();
        assert!((heat.cell_ft - 3.2808).abs() < 1e-3);
        assert_eq!((heat.cols, heat.rows), (29, 16));
        assert!(
            close(heat.at(2.0, 2.0).unwrap(), 1.0 + 0.48),
            "{:?}",
            heat.at(2.0, 2.0)
        );
        assert!(close(heat.at(10.0, 2.0).unwrap(), 1.0));
        assert!(close(heat.total_s, 2.48));
        assert_eq!(heat.players, 1);
    }

    #[test]
    fn one_basket_mirrors_the_frames_whose_ball_is_in_the_far_half() {
        // A player at (80, 10) with the ball at (85, 20) for 1 s: mirrored to (14, 40).
        let n = 26;
        let df = df!(
            "game_id" => vec!["g"; 2 * n],
            "period" => vec![1i8; 2 * n],
            "player" => (0..2 * n).map(|i| if i < n { "A" } else { "ball" }).collect::<Vec<_>>(),
            "t_ms" => (0..2 * n).map(|i| (i % n) as i64 * 40).collect::<Vec<_>>(),
            "x_ft" => (0..2 * n).map(|i| if i < n { 80f32 } else { 85.0 }).collect::<Vec<_>>(),
            "y_ft" => (0..2 * n).map(|i| if i < n { 10f32 } else { 20.0 }).collect::<Vec<_>>(),
        )
        .unwrap();
        let plain = occupancy(
            df.clone().lazy(),
            &TrackFilter::default(),
            &HeatOptions::default(),
        )
        .unwrap();
        assert!(close(plain.at(80.0, 10.0).unwrap(), 1.0));
        let one = HeatOptions {
            one_basket: true,
            ..Default::default()
        };
        let mirrored = occupancy(df.clone().lazy(), &TrackFilter::default(), &one).unwrap();
        // Picking the player keeps the ball's side.
        let a = TrackFilter {
            players: vec!["A".into()],
            ..Default::default()
        };
        let picked = occupancy(df.lazy(), &a, &one).unwrap();
        assert!(
            picked
                .seconds
                .iter()
                .zip(&mirrored.seconds)
                .all(|(p, m)| (p - m).abs() < 1e-9)
        );
        assert_eq!(mirrored.at(80.0, 10.0), Some(0.0));
        assert!(close(mirrored.at(14.0, 40.0).unwrap(), 1.0));
        assert_eq!(mirrored.players, 1, "the ball is not a player");
    }
}
