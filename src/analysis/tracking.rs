//! Tracking analytics (SPEC 6): distance, speed, speed zones and accelerations per player,
//! occupancy heatmaps, and the frames of a time window for playback.
//!
//! Movement is measured from consecutive positions of the same object in the same period,
//! using the real time step between frames. A step longer than the gap limit (missing frames,
//! a player off the court) is no movement at all: it adds no distance, no time and no speed.

use polars::prelude::*;
use rayon::prelude::*;

pub use crate::analysis::period_name;

/// Feet to metres.
pub const M_PER_FT: f64 = 0.3048;
/// The full-court frame (SPEC 3.2): length and width, feet.
pub const COURT_X: f64 = 94.0;
pub const COURT_Y: f64 = 50.0;

/// Which rows to measure. Empty lists and `None` select everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrackFilter {
    /// Players by name (or id, when the table has no names).
    pub players: Vec<String>,
    pub teams: Vec<String>,
    pub games: Vec<String>,
    pub periods: Vec<i8>,
    /// Game clock, seconds left in the period: rows between the two (either order).
    pub clock_s: Option<(f32, f32)>,
    /// Feed time, `t_ms`: rows in `[from, to]`.
    pub time_ms: Option<(i64, i64)>,
}

impl TrackFilter {
    /// The rows of `tracking` this filter selects (the ball stays, for playback).
    pub fn apply(&self, tracking: LazyFrame) -> LazyFrame {
        let mut conds: Vec<Expr> = Vec::new();
        let any_of = |column: &str, values: &[String]| {
            values
                .iter()
                .map(|v| col(column).eq(lit(v.clone())))
                .reduce(|a, b| a.or(b))
        };
        if let Some(c) = any_of("name", &self.players) {
            conds.push(c);
        }
        if let Some(c) = any_of("team", &self.teams) {
            conds.push(c);
        }
        if let Some(c) = any_of("game_id", &self.games) {
            conds.push(c);
        }
        if let Some(c) = self
            .periods
            .iter()
            .map(|p| col("period").eq(lit(*p as i32)))
            .reduce(|a, b| a.or(b))
        {
            conds.push(c);
        }
        if let Some((a, b)) = self.clock_s {
            let (lo, hi) = (a.min(b), a.max(b));
            conds.push(
                col("game_clock_s")
                    .gt_eq(lit(lo))
                    .and(col("game_clock_s").lt_eq(lit(hi))),
            );
        }
        if let Some((a, b)) = self.time_ms {
            conds.push(col("t_ms").gt_eq(lit(a)).and(col("t_ms").lt_eq(lit(b))));
        }
        let lf = normalised(tracking);
        match conds.into_iter().reduce(|a, b| a.and(b)) {
            Some(c) => lf.filter(c),
            None => lf,
        }
    }

    /// Who and what, for a chart title: "Marcus Hale · Q2" or "All players".
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !self.players.is_empty() {
            parts.push(self.players.join(", "));
        } else if !self.teams.is_empty() {
            parts.push(self.teams.join(", "));
        } else {
            parts.push("All players".into());
        }
        if !self.games.is_empty() {
            parts.push(format!("game {}", self.games.join(", ")));
        }
        if !self.periods.is_empty() {
            let p: Vec<String> = self
                .periods
                .iter()
                .map(|p| period_name(*p as i32))
                .collect();
            parts.push(p.join(", "));
        }
        if let Some((a, b)) = self.clock_s {
            parts.push(format!("{}–{}", clock(a.max(b)), clock(a.min(b))));
        }
        parts.join(" · ")
    }
}

/// Seconds as a game clock: 754.2 → "12:34".
pub fn clock(s: f32) -> String {
    let s = s.max(0.0).round() as i64;
    format!("{}:{:02}", s / 60, s % 60)
}

/// The columns every tracking query uses, typed, with `key` (the object: its id, else its
/// name), `name` (its name, else its id) and `ball` (whether it is the ball).
fn normalised(tracking: LazyFrame) -> LazyFrame {
    let schema = tracking.clone().collect_schema().ok();
    let has = |c: &str| schema.as_ref().is_some_and(|s| s.get(c).is_some());
    if has("key") && has("ball") {
        // Already normalised (a filter's output).
        return tracking;
    }
    let text = |c: &str| {
        if has(c) {
            col(c).cast(DataType::String)
        } else {
            lit(NULL).cast(DataType::String)
        }
    };
    let id = text("player_id");
    let name = text("player");
    let clock = if has("game_clock_s") {
        col("game_clock_s").cast(DataType::Float32)
    } else {
        lit(NULL).cast(DataType::Float32)
    };
    tracking
        .select([
            text("game_id").alias("game_id"),
            col("period").cast(DataType::Int32),
            col("t_ms").cast(DataType::Int64),
            clock.alias("game_clock_s"),
            text("team").alias("team"),
            id.clone().fill_null(name.clone()).alias("key"),
            name.clone().fill_null(id.clone()).alias("name"),
            col("x_ft").cast(DataType::Float64),
            col("y_ft").cast(DataType::Float64),
        ])
        .with_column(is_ball())
}

/// Whether a row's object is the ball: its id (or name) or team says `ball`.
fn is_ball() -> Expr {
    col("key")
        .str()
        .to_lowercase()
        .eq(lit("ball"))
        .or(col("team").str().to_lowercase().eq(lit("ball")))
        .fill_null(lit(false))
        .alias("ball")
}

/// How movement is measured.
#[derive(Clone, Debug, PartialEq)]
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
    fn empty(zones: usize) -> Movement {
        Movement {
            zone_s: vec![0.0; zones],
            zone_m: vec![0.0; zones],
            ..Default::default()
        }
    }

    fn add(&mut self, o: &Movement) {
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

/// One object's samples in one game and period, in time order.
struct Run {
    key: String,
    name: String,
    team: Option<String>,
    ball: bool,
    game: String,
    period: i32,
    t: Vec<i64>,
    x: Vec<f64>,
    y: Vec<f64>,
}

/// The rows of `tracking` grouped into runs per object, game and period (grouped by Polars,
/// each run put in time order in parallel), ordered by object, game and period.
fn runs(tracking: LazyFrame) -> PolarsResult<Vec<Run>> {
    // No filter for nulls: it would copy every row; rows with a null are skipped below.
    let grouped = normalised(tracking)
        .group_by([col("key"), col("game_id"), col("period")])
        .agg([
            col("name").first(),
            col("team").first(),
            col("t_ms"),
            col("x_ft"),
            col("y_ft"),
        ])
        // Which group is the ball, once per group rather than once per row.
        .with_column(is_ball())
        .collect()?;
    let key = grouped.column("key")?.str()?;
    let game = grouped.column("game_id")?.str()?;
    let period = grouped.column("period")?.i32()?;
    let name = grouped.column("name")?.str()?;
    let team = grouped.column("team")?.str()?;
    let ball = grouped.column("ball")?.bool()?;
    let (t, x, y) = (
        grouped.column("t_ms")?.list()?,
        grouped.column("x_ft")?.list()?,
        grouped.column("y_ft")?.list()?,
    );
    let mut out: Vec<Run> = (0..grouped.height())
        .into_par_iter()
        .filter(|i| key.get(*i).is_some())
        .map(|i| -> PolarsResult<Run> {
            let list = |l: &ListChunked| l.get_as_series(i).unwrap_or_default();
            let ts = list(t);
            let (xs, ys) = (list(x), list(y));
            let (tc, xc, yc) = (ts.i64()?, xs.f64()?, ys.f64()?);
            let (mut t, mut x, mut y): (Vec<i64>, Vec<f64>, Vec<f64>) =
                match (tc.cont_slice(), xc.cont_slice(), yc.cont_slice()) {
                    (Ok(t), Ok(x), Ok(y)) => (t.to_vec(), x.to_vec(), y.to_vec()),
                    // A row with a missing time or position is no sample.
                    _ => {
                        let (mut t, mut x, mut y) = (Vec::new(), Vec::new(), Vec::new());
                        for ((ti, xi), yi) in tc.iter().zip(xc.iter()).zip(yc.iter()) {
                            if let (Some(ti), Some(xi), Some(yi)) = (ti, xi, yi) {
                                t.push(ti);
                                x.push(xi);
                                y.push(yi);
                            }
                        }
                        (t, x, y)
                    }
                };
            if !t.windows(2).all(|w| w[0] <= w[1]) {
                let mut order: Vec<usize> = (0..t.len()).collect();
                order.sort_by_key(|&k| t[k]);
                t = order.iter().map(|&k| t[k]).collect();
                x = order.iter().map(|&k| x[k]).collect();
                y = order.iter().map(|&k| y[k]).collect();
            }
            let k = key.get(i).unwrap_or_default().to_string();
            Ok(Run {
                name: name.get(i).map(str::to_string).unwrap_or_else(|| k.clone()),
                key: k,
                team: team.get(i).map(str::to_string),
                ball: ball.get(i).unwrap_or(false),
                game: game.get(i).unwrap_or_default().to_string(),
                period: period.get(i).unwrap_or(0),
                t,
                x,
                y,
            })
        })
        .collect::<PolarsResult<_>>()?;
    out.sort_by(|a, b| (&a.key, &a.game, a.period).cmp(&(&b.key, &b.game, b.period)));
    Ok(out)
}

/// Movement per player of a canonical tracking table (the ball and rows without a player are
/// left out), sorted by team then player. Periods are measured in parallel.
pub fn movement(tracking: LazyFrame, opts: &MotionOptions) -> PolarsResult<Vec<Movement>> {
    let all = TrackFilter::default();
    Ok(analyse(tracking, &all, Some(opts), None, CHUNK_ROWS)?.0)
}

/// Time per grid cell of the players `filter` selects in `tracking` (the ball left out). A
/// row counts the time until the same object's next row in the same period, unless that is a
/// gap.
pub fn occupancy(
    tracking: LazyFrame,
    filter: &TrackFilter,
    opts: &HeatOptions,
) -> PolarsResult<Occupancy> {
    let heat = analyse(tracking, filter, None, Some(opts), CHUNK_ROWS)?.1;
    heat.ok_or_else(|| polars_err!(ComputeError: "no heatmap was asked for"))
}

/// [`movement`] and [`occupancy`] of the players `filter` selects, from one grouping of the
/// rows.
pub fn movement_and_occupancy(
    tracking: LazyFrame,
    filter: &TrackFilter,
    motion: &MotionOptions,
    heat: &HeatOptions,
) -> PolarsResult<(Vec<Movement>, Occupancy)> {
    let (players, occ) = analyse(tracking, filter, Some(motion), Some(heat), CHUNK_ROWS)?;
    let occ = occ.ok_or_else(|| polars_err!(ComputeError: "no heatmap was asked for"))?;
    Ok((players, occ))
}

/// Above this many rows, a table is measured game by game, so that memory stays near one
/// game's worth whatever the season's size.
const CHUNK_ROWS: usize = 3_000_000;

/// The heatmap's grid: cell size in feet, cells along the length and across.
#[derive(Clone, Copy)]
struct Grid {
    cell_ft: f64,
    cols: usize,
    rows: usize,
}

impl Grid {
    fn of(opts: &HeatOptions) -> Grid {
        let cell_ft = opts.cell_m.clamp(0.1, 10.0) / M_PER_FT;
        Grid {
            cell_ft,
            cols: (COURT_X / cell_ft).ceil() as usize,
            rows: (COURT_Y / cell_ft).ceil() as usize,
        }
    }

    /// The index of the cell holding (x, y); positions just off the court count in the edge
    /// cells.
    fn index(&self, x: f64, y: f64) -> usize {
        let cell = |v: f64, n: usize| ((v / self.cell_ft).floor().max(0.0) as usize).min(n - 1);
        cell(y, self.rows) * self.cols + cell(x, self.cols)
    }
}

/// One part of the table (a game, or all of it), grouped once: each player's runs measured,
/// and the seconds per cell with the players counted.
type Part = (Vec<(String, Movement)>, Option<(Vec<f64>, Vec<String>)>);

/// Movement (when `motion` is given) and occupancy (when `heat` is) of the players `filter`
/// selects; the table is grouped once, game by game above `chunk_rows` rows.
fn analyse(
    tracking: LazyFrame,
    filter: &TrackFilter,
    motion: Option<&MotionOptions>,
    heat: Option<&HeatOptions>,
    chunk_rows: usize,
) -> PolarsResult<(Vec<Movement>, Option<Occupancy>)> {
    let grid = heat.map(Grid::of);
    let parts = per_game(tracking, chunk_rows, |lf| -> PolarsResult<Part> {
        let lf = normalised(lf);
        let picked = runs(filter.apply(lf.clone()))?;
        let moved = match motion {
            Some(opts) => measure_runs(&picked, opts),
            None => Vec::new(),
        };
        let cells = match (heat, grid) {
            (Some(opts), Some(g)) => {
                let balls = balls_for(lf, filter, opts)?;
                Some(occupancy_grid(&picked, &balls, opts, g))
            }
            _ => None,
        };
        Ok((moved, cells))
    })?;
    let zones = motion.map_or(1, |m| m.bands_mps.len().max(1));
    // Each object's periods (of every game) added up under its key.
    let mut by_key: std::collections::BTreeMap<String, Movement> = Default::default();
    let mut seconds = grid.map(|g| vec![0.0; g.cols * g.rows]);
    let mut keys: Vec<String> = Vec::new();
    for (moved, cells) in parts {
        for (key, m) in moved {
            by_key
                .entry(key)
                .or_insert_with(|| Movement {
                    player: m.player.clone(),
                    team: m.team.clone(),
                    ..Movement::empty(zones)
                })
                .add(&m);
        }
        if let (Some(total), Some((part, k))) = (seconds.as_mut(), cells) {
            for (a, b) in total.iter_mut().zip(&part) {
                *a += b;
            }
            keys.extend(k);
        }
    }
    let mut players: Vec<Movement> = by_key.into_values().collect();
    players.sort_by(|a, b| a.team.cmp(&b.team).then(a.player.cmp(&b.player)));
    keys.sort();
    keys.dedup();
    let occupancy = grid.zip(seconds).map(|(g, seconds)| Occupancy {
        cell_ft: g.cell_ft,
        cols: g.cols,
        rows: g.rows,
        total_s: seconds.iter().sum(),
        seconds,
        players: keys.len(),
    });
    Ok((players, occupancy))
}

/// `f` over the whole table, or over each game in turn when the table is large.
fn per_game<T>(
    lf: LazyFrame,
    chunk_rows: usize,
    f: impl Fn(LazyFrame) -> PolarsResult<T>,
) -> PolarsResult<Vec<T>> {
    let rows = lf
        .clone()
        .select([len().alias("n")])
        .collect()?
        .column("n")?
        .cast(&DataType::UInt64)?
        .u64()?
        .get(0)
        .unwrap_or(0) as usize;
    if rows <= chunk_rows {
        return Ok(vec![f(lf)?]);
    }
    // Game by game: on rows in memory, each filter is one pass over the game ids, and only
    // one game's groups are held at a time.
    let games = lf.clone().select([col("game_id").unique()]).collect()?;
    let games: Vec<Option<String>> = games
        .column("game_id")?
        .str()?
        .iter()
        .map(|g| g.map(str::to_string))
        .collect();
    games
        .into_iter()
        .map(|g| {
            f(lf.clone().filter(match g {
                Some(g) => col("game_id").eq(lit(g)),
                None => col("game_id").is_null(),
            }))
        })
        .collect()
}

/// Each player's run (one object, game and period) measured, in parallel, with its key.
fn measure_runs(runs: &[Run], opts: &MotionOptions) -> Vec<(String, Movement)> {
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

/// The per-player summary as a table: minutes tracked, distance, top speed, distance per
/// zone, accelerations and decelerations.
pub fn summary_frame(players: &[Movement], opts: &MotionOptions) -> PolarsResult<DataFrame> {
    let r2 = |v: f64| (v * 100.0).round() / 100.0;
    let mut columns = vec![
        Column::new(
            "player".into(),
            players.iter().map(|p| p.player.clone()).collect::<Vec<_>>(),
        ),
        Column::new(
            "team".into(),
            players.iter().map(|p| p.team.clone()).collect::<Vec<_>>(),
        ),
        Column::new(
            "minutes_tracked".into(),
            players
                .iter()
                .map(|p| r2(p.tracked_s / 60.0))
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "distance_m".into(),
            players.iter().map(|p| r2(p.distance_m)).collect::<Vec<_>>(),
        ),
        Column::new(
            "top_speed_mps".into(),
            players
                .iter()
                .map(|p| r2(p.top_speed_mps))
                .collect::<Vec<_>>(),
        ),
    ];
    for (z, name) in opts.zone_names().iter().enumerate() {
        let name = name.replace(" m/s", "").replace('–', "_").replace("≥ ", "");
        let label = if z + 1 == opts.bands_mps.len() {
            format!("m_above_{name}_mps")
        } else {
            format!("m_{name}_mps")
        };
        columns.push(Column::new(
            label.as_str().into(),
            players
                .iter()
                .map(|p| r2(p.zone_m.get(z).copied().unwrap_or(0.0)))
                .collect::<Vec<_>>(),
        ));
    }
    columns.push(Column::new(
        "accels".into(),
        players.iter().map(|p| p.accels).collect::<Vec<_>>(),
    ));
    columns.push(Column::new(
        "decels".into(),
        players.iter().map(|p| p.decels).collect::<Vec<_>>(),
    ));
    DataFrame::new(players.len(), columns)
}

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
#[derive(Clone, Debug, PartialEq)]
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
/// The ball's runs for mirroring to one basket when the filter picks players or teams (and so
/// leaves the ball out); otherwise the ball is among the picked runs, or not needed.
fn balls_for(lf: LazyFrame, filter: &TrackFilter, opts: &HeatOptions) -> PolarsResult<Vec<Run>> {
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
fn occupancy_grid(
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

/// Who is in a table: (name, team) of every object but the ball, sorted by team then name;
/// and its games and periods.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Roster {
    pub players: Vec<(String, Option<String>)>,
    pub games: Vec<String>,
    pub periods: Vec<i32>,
}

/// The roster of a tracking table.
pub fn roster(tracking: LazyFrame) -> PolarsResult<Roster> {
    let lf = normalised(tracking);
    let players = lf
        .clone()
        .filter(col("ball").not().and(col("name").is_not_null()))
        .group_by([col("name")])
        .agg([col("team").first()])
        .sort(["team", "name"], SortMultipleOptions::default())
        .collect()?;
    let names = players.column("name")?.str()?;
    let teams = players.column("team")?.str()?;
    let uniq = |c: &str| {
        lf.clone()
            .select([col(c).drop_nulls().unique().sort(Default::default())])
    };
    let games = uniq("game_id").collect()?;
    let periods = uniq("period").collect()?;
    Ok(Roster {
        players: (0..players.height())
            .filter_map(|i| Some((names.get(i)?.to_string(), teams.get(i).map(str::to_string))))
            .collect(),
        games: games
            .column("game_id")?
            .str()?
            .iter()
            .flatten()
            .map(str::to_string)
            .collect(),
        periods: periods.column("period")?.i32()?.iter().flatten().collect(),
    })
}

/// One object in a playback.
#[derive(Clone, Debug, PartialEq)]
pub struct Track {
    pub name: String,
    pub team: Option<String>,
    pub ball: bool,
    /// Positions in time order: (t_ms, x_ft, y_ft).
    pub points: Vec<(i64, f32, f32)>,
}

impl Track {
    /// The position at `t_ms`, interpolated between samples; `None` outside the samples or
    /// across a gap longer than `max_gap_ms`.
    pub fn at(&self, t_ms: i64, max_gap_ms: i64) -> Option<(f32, f32)> {
        let i = self.points.partition_point(|p| p.0 <= t_ms);
        if i == 0 {
            return None;
        }
        let a = self.points[i - 1];
        if a.0 == t_ms {
            return Some((a.1, a.2));
        }
        let b = *self.points.get(i)?;
        if b.0 - a.0 > max_gap_ms {
            return None;
        }
        let s = (t_ms - a.0) as f32 / (b.0 - a.0) as f32;
        Some((a.1 + (b.1 - a.1) * s, a.2 + (b.2 - a.2) * s))
    }
}

/// The frames of one game and period for playback: every object's positions, with the
/// period's time span and game clock at its start.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Playback {
    pub game: String,
    pub period: i32,
    pub from_ms: i64,
    pub to_ms: i64,
    /// (t_ms, game clock) samples, for showing the clock.
    pub clock: Vec<(i64, f32)>,
    pub tracks: Vec<Track>,
}

impl Playback {
    /// The game clock at `t_ms`, when the feed has one.
    pub fn clock_at(&self, t_ms: i64) -> Option<f32> {
        let i = self.clock.partition_point(|c| c.0 <= t_ms);
        let (t0, c0) = *self.clock.get(i.checked_sub(1)?)?;
        Some(c0 - (t_ms - t0) as f32 / 1000.0)
    }
}

/// The frames of `game` and `period` (the first of each, when `None`).
pub fn playback(
    tracking: LazyFrame,
    game: Option<&str>,
    period: Option<i32>,
) -> PolarsResult<Playback> {
    let lf = normalised(tracking);
    let first = lf
        .clone()
        .filter(col("t_ms").is_not_null())
        .filter(match game {
            Some(g) => col("game_id").eq(lit(g.to_string())),
            None => lit(true),
        })
        .filter(match period {
            Some(p) => col("period").eq(lit(p)),
            None => lit(true),
        })
        .filter(col("t_ms").eq(col("t_ms").min()))
        .select([col("game_id"), col("period")])
        .limit(1)
        .collect()?;
    let (Some(game), Some(period)) = (
        first.column("game_id")?.str()?.get(0).map(str::to_string),
        first.column("period")?.i32()?.get(0),
    ) else {
        return Ok(Playback::default());
    };
    let period_rows = lf.filter(
        col("game_id")
            .eq(lit(game.clone()))
            .and(col("period").eq(lit(period))),
    );
    let clock_df = period_rows
        .clone()
        .filter(col("game_clock_s").is_not_null())
        .group_by([col("t_ms")])
        .agg([col("game_clock_s").first()])
        .sort(["t_ms"], SortMultipleOptions::default())
        .collect()?;
    let clock: Vec<(i64, f32)> = clock_df
        .column("t_ms")?
        .i64()?
        .iter()
        .zip(clock_df.column("game_clock_s")?.f32()?.iter())
        .filter_map(|(t, c)| Some((t?, c?)))
        .collect();
    let mut tracks: Vec<Track> = runs(period_rows)?
        .into_iter()
        .map(|r| Track {
            points: r
                .t
                .iter()
                .zip(r.x.iter().zip(&r.y))
                .map(|(t, (x, y))| (*t, *x as f32, *y as f32))
                .collect(),
            name: r.name,
            team: r.team,
            ball: r.ball,
        })
        .collect();
    let from_ms = tracks
        .iter()
        .filter_map(|t| t.points.first())
        .map(|p| p.0)
        .min()
        .unwrap_or(0);
    let to_ms = tracks
        .iter()
        .filter_map(|t| t.points.last())
        .map(|p| p.0)
        .max()
        .unwrap_or(0);
    // Players by team then name, the ball last (drawn on top).
    tracks.sort_by(|a, b| {
        a.ball
            .cmp(&b.ball)
            .then(a.team.cmp(&b.team))
            .then(a.name.cmp(&b.name))
    });
    Ok(Playback {
        game,
        period,
        from_ms,
        to_ms,
        clock,
        tracks,
    })
}

/// Possessions of a playback: spans where the ball stays in one half, split when it has been
/// in the other half for `settle_ms`. Returns (from_ms, to_ms) spans of at least 3 s.
pub fn possessions(p: &Playback, settle_ms: i64) -> Vec<(i64, i64)> {
    let Some(ball) = p.tracks.iter().find(|t| t.ball) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let Some(first) = ball.points.first() else {
        return out;
    };
    let mut start = first.0;
    let mut side = first.1 > (COURT_X / 2.0) as f32;
    let mut other_since: Option<i64> = None;
    let mut last = first.0;
    for &(t, x, _) in &ball.points {
        let now = x > (COURT_X / 2.0) as f32;
        if t - last > 2_000 {
            // A break in the feed ends a possession.
            if last - start >= 3_000 {
                out.push((start, last));
            }
            start = t;
            side = now;
            other_since = None;
        } else if now != side {
            let since = *other_since.get_or_insert(t);
            if t - since >= settle_ms {
                // Possession changed when the ball crossed half court.
                if since - start >= 3_000 {
                    out.push((start, since));
                }
                start = since;
                side = now;
                other_since = None;
            }
        } else {
            other_since = None;
        }
        last = t;
    }
    if last - start >= 3_000 {
        out.push((start, last));
    }
    out
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

    /// Speeds from single steps, for cases computed by hand step by step.
    fn raw() -> MotionOptions {
        MotionOptions {
            smooth_ms: 0,
            ..Default::default()
        }
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

    #[test]
    fn playback_interpolates_and_stops_at_gaps() {
        let s: Vec<_> = vec![(0, 0.0, 0.0), (40, 4.0, 2.0), (1_000, 50.0, 2.0)];
        let p = playback(track(&s), None, None).unwrap();
        assert_eq!((p.from_ms, p.to_ms, p.period), (0, 1_000, 1));
        let a = &p.tracks[0];
        assert_eq!(a.at(20, 200), Some((2.0, 1.0)));
        assert_eq!(a.at(40, 200), Some((4.0, 2.0)));
        assert_eq!(a.at(500, 200), None, "no position across a gap");
        assert_eq!(a.at(-1, 200), None);
    }

    #[test]
    fn filters_select_players_periods_and_clock() {
        let f = TrackFilter {
            players: vec!["A".into()],
            periods: vec![2],
            clock_s: Some((300.0, 600.0)),
            ..Default::default()
        };
        assert_eq!(f.describe(), "A · Q2 · 10:00–5:00");
        assert_eq!(clock(754.2), "12:34");
        assert_eq!(period_name(5), "OT1");
    }

    #[test]
    fn a_large_table_measured_game_by_game_gives_the_same_figures() {
        // Two games of the same two players (and a ball), measured whole and game by game.
        let mut rows: Vec<(&str, &str, i64, f32, f32)> = Vec::new();
        for (g, speed) in [("g1", 1.0f32), ("g2", 2.0)] {
            for i in 0..100i64 {
                let d = i as f32 * 0.04 * speed / M_PER_FT as f32;
                rows.push((g, "A", i * 40, 10.0 + d, 10.0));
                rows.push((g, "B", i * 40, 80.0 - d, 40.0));
                rows.push((g, "ball", i * 40, 60.0, 25.0));
            }
        }
        let df = df!(
            "game_id" => rows.iter().map(|r| r.0).collect::<Vec<_>>(),
            "period" => vec![1i8; rows.len()],
            "player" => rows.iter().map(|r| r.1).collect::<Vec<_>>(),
            "t_ms" => rows.iter().map(|r| r.2).collect::<Vec<_>>(),
            "x_ft" => rows.iter().map(|r| r.3).collect::<Vec<_>>(),
            "y_ft" => rows.iter().map(|r| r.4).collect::<Vec<_>>(),
        )
        .unwrap();
        let opts = raw();
        let whole = analyse(
            df.clone().lazy(),
            &TrackFilter::default(),
            Some(&opts),
            None,
            usize::MAX,
        )
        .unwrap()
        .0;
        let chunked = analyse(
            df.clone().lazy(),
            &TrackFilter::default(),
            Some(&opts),
            None,
            0,
        )
        .unwrap()
        .0;
        assert_eq!(whole.len(), 2);
        for (a, b) in whole.iter().zip(&chunked) {
            assert_eq!(a.player, b.player);
            assert!(close(a.distance_m, b.distance_m) && close(a.tracked_s, b.tracked_s));
            // 99 steps at 1 m/s in g1 and at 2 m/s in g2.
            assert!(close(a.distance_m, 99.0 * 0.04 * 3.0), "{}", a.distance_m);
            assert!((a.top_speed_mps - 2.0).abs() < 1e-4);
        }
        let heat = HeatOptions {
            one_basket: true,
            ..Default::default()
        };
        let f = TrackFilter::default();
        let h1 = analyse(df.clone().lazy(), &f, None, Some(&heat), usize::MAX)
            .unwrap()
            .1
            .unwrap();
        let h2 = analyse(df.lazy(), &f, None, Some(&heat), 0)
            .unwrap()
            .1
            .unwrap();
        assert_eq!((h1.players, h2.players), (2, 2));
        assert!(close(h1.total_s, 2.0 * 2.0 * 99.0 * 0.04) && close(h2.total_s, h1.total_s));
        assert!(
            h1.seconds
                .iter()
                .zip(&h2.seconds)
                .all(|(a, b)| (a - b).abs() < 1e-9)
        );
    }
}
