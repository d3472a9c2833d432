//! Tracking requests: the heatmap, summary and bars of a selection (the app's tracking view
//! and `courtside tracking`), and one period's frames for playback.

use polars::prelude::*;
use serde::{Deserialize, Serialize};

use crate::analysis::tracking::{
    self, HeatOptions, MotionOptions, Movement, Occupancy, Playback, TrackFilter,
};
use crate::charts::bars::Bars;
use crate::charts::spec::ChartSpec;
use crate::charts::{Chart, tracking as track_charts};
use crate::court::Court;
use crate::request::names::check_track_names;
use crate::request::{Cancel, LeftOut, RequestError};

/// The tracking charts.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum TrackChart {
    /// Where players spent their time, on the full court.
    #[default]
    Heatmap,
    /// Distance per speed zone, per player.
    Speed,
    /// Distance per period, per player.
    Distance,
}

/// A tracking request: a selection of rows and how to measure it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrackRequest {
    pub filter: TrackFilter,
    pub heat: HeatOptions,
    pub motion: MotionOptions,
    pub court: Court,
    /// Whether to measure the occupancy heatmap too (it costs a second pass over the rows).
    pub heatmap: bool,
}

/// What a tracking request gives.
pub struct TrackResult {
    pub request: TrackRequest,
    /// The occupancy and its chart, when asked for.
    pub heat: Option<Occupancy>,
    pub heatmap: Option<ChartSpec>,
    pub players: Vec<Movement>,
    pub speed: Bars,
    pub periods: Bars,
    /// The per-player summary, as exported.
    pub table: DataFrame,
    /// Selected rows left out, by reason (no position).
    pub left_out: LeftOut,
    /// Selected positions outside the court lines (94 × 50 ft): kept (players step out of
    /// bounds), counted in the heatmap's edge cells, and said.
    pub off_court: u64,
}

impl TrackResult {
    /// What a user should know of the rows behind the answer: left out, or kept off court.
    pub fn notes(&self) -> Vec<String> {
        let mut notes: Vec<String> = self.left_out.message("selected row").into_iter().collect();
        notes.extend(self.off_court_note());
        notes
    }

    /// The positions kept off the court, when there are any.
    pub fn off_court_note(&self) -> Option<String> {
        (self.off_court > 0).then(|| {
            format!(
                "{} outside the court lines (94 × 50 ft): kept (players step out of bounds), \
                 counted in the heatmap's edge cells",
                crate::format::plural(self.off_court, "position")
            )
        })
    }
}

/// The rows a tracking answer leaves out, over canonical columns (`columns`: those the table
/// has): for pointing at their lines.
pub fn left_out_rows(columns: &[String]) -> Expr {
    let has = |c: &str| columns.iter().any(|n| n == c);
    let no_player = ["player", "player_id"]
        .iter()
        .filter(|c| has(c))
        .map(|c| col(*c).is_null())
        .reduce(|a, b| a.and(b))
        .unwrap_or(lit(false));
    let (x, y) = (
        col("x_ft").cast(DataType::Float64),
        col("y_ft").cast(DataType::Float64),
    );
    x.clone()
        .is_null()
        .or(y.clone().is_null())
        .or(col("t_ms").is_null())
        .or(no_player)
        .or(far_off(x, y))
}

/// Beyond this distance outside the court lines a position is a glitch of the tracking (a
/// player does not stand 10 ft past the baseline), and would add a sprint that never
/// happened: left out, and said.
pub const GLITCH_FT: f64 = 10.0;

/// True where a position is more than [`GLITCH_FT`] outside the court.
fn far_off(x: Expr, y: Expr) -> Expr {
    x.clone()
        .lt(lit(-GLITCH_FT))
        .or(x.gt(lit(crate::court::COURT_X + GLITCH_FT)))
        .or(y.clone().lt(lit(-GLITCH_FT)))
        .or(y.gt(lit(crate::court::COURT_Y + GLITCH_FT)))
        .fill_null(lit(false))
}

/// What a tracking answer could not use of the selected rows, and what it kept off court.
#[derive(Default)]
struct Accounting {
    no_position: u64,
    no_time: u64,
    no_player: u64,
    glitches: u64,
    off_court: u64,
}

fn accounting(rows: &LazyFrame, filter: &TrackFilter) -> PolarsResult<Accounting> {
    let (x, y) = (
        col("x_ft").cast(DataType::Float64),
        col("y_ft").cast(DataType::Float64),
    );
    // The filtered rows know an object by `key`: its id, else its name.
    let no_player = col("key").is_null();
    let placed = x.clone().is_not_null().and(y.clone().is_not_null());
    let off = x
        .clone()
        .lt(lit(0.0))
        .or(x.clone().gt(lit(crate::court::COURT_X)))
        .or(y.clone().lt(lit(0.0)))
        .or(y.clone().gt(lit(crate::court::COURT_Y)));
    let far = far_off(x.clone(), y.clone());
    let sum = |e: Expr, name: &str| e.sum().cast(DataType::UInt64).alias(name);
    // Each row is counted once, under the first reason that holds.
    let df = filter.apply(rows.clone()).select([
        sum(placed.clone().not(), "no_position"),
        sum(placed.clone().and(col("t_ms").is_null()), "no_time"),
        sum(
            placed
                .clone()
                .and(col("t_ms").is_not_null())
                .and(no_player.clone()),
            "no_player",
        ),
        sum(
            placed
                .clone()
                .and(col("t_ms").is_not_null())
                .and(no_player.clone().not())
                .and(far.clone()),
            "glitches",
        ),
        sum(off.and(far.not()), "off_court"),
    ]);
    let df = crate::data::table::collect_aggregate(df)?;
    let get = |c: &str| crate::data::table::first_u64(&df, c);
    Ok(Accounting {
        no_position: get("no_position"),
        no_time: get("no_time"),
        no_player: get("no_player"),
        glitches: get("glitches"),
        off_court: get("off_court"),
    })
}

impl TrackResult {
    /// One of the request's charts; the heatmap only when it was measured.
    pub fn chart(&self, kind: TrackChart) -> Option<Chart> {
        Some(match kind {
            TrackChart::Heatmap => Chart::Court(self.heatmap.clone()?),
            TrackChart::Speed => Chart::Bars(self.speed.clone()),
            TrackChart::Distance => Chart::Bars(self.periods.clone()),
        })
    }
}

/// What the heatmap's subtitle adds: the length of a range, the mirroring.
fn detail(q: &TrackRequest) -> String {
    let mut detail = Vec::new();
    if let Some((a, b)) = q.filter.time_ms {
        detail.push(format!("{:.1} s of play", (b - a) as f64 / 1000.0));
    }
    if q.heat.one_basket {
        detail.push("play mirrored to attack the basket at the bottom".to_string());
    }
    detail.join(" · ")
}

/// Runs a tracking request over `rows` (named `source` in messages). No rows matching the
/// filter is an error only when a name in the filter is not in the data.
pub fn tracking(
    rows: LazyFrame,
    source: &str,
    q: &TrackRequest,
    cancel: &Cancel,
) -> Result<TrackResult, RequestError> {
    // Glitches far off the court would add sprints that never happened.
    let kept = rows.clone().filter(
        far_off(
            col("x_ft").cast(DataType::Float64),
            col("y_ft").cast(DataType::Float64),
        )
        .not(),
    );
    let (players, heat) = if q.heatmap {
        let (p, h) = tracking::movement_and_occupancy(kept, &q.filter, &q.motion, &q.heat)
            .map_err(RequestError::query)?;
        (p, Some(h))
    } else {
        let p = tracking::movement(q.filter.apply(kept), &q.motion).map_err(RequestError::query)?;
        (p, None)
    };
    if players.is_empty() {
        check_track_names(&rows, &q.filter, source)?;
    }
    cancel.check()?;
    let acc = accounting(&rows, &q.filter).map_err(RequestError::query)?;
    let off_court = acc.off_court;
    let mut left_out = LeftOut::default();
    left_out.add("no readable position (x_ft, y_ft)", acc.no_position);
    left_out.add("no readable time (t_ms)", acc.no_time);
    left_out.add("no player (player, player_id)", acc.no_player);
    left_out.add(
        format!("a position more than {GLITCH_FT:.0} ft off the court (a tracking glitch)"),
        acc.glitches,
    );
    let title = q.filter.describe();
    let heatmap = heat
        .as_ref()
        .map(|h| track_charts::heatmap(h, &title, &detail(q), q.court));
    let table = tracking::summary_frame(&players, &q.motion).map_err(RequestError::query)?;
    Ok(TrackResult {
        speed: track_charts::speed_bars(&players, &q.motion, &title),
        periods: track_charts::period_bars(&players, &title),
        request: q.clone(),
        heat,
        heatmap,
        players,
        table,
        left_out,
        off_court,
    })
}

/// One period's frames for playback, and its possessions.
pub struct PlaybackResult {
    pub playback: Playback,
    pub possessions: Vec<(i64, i64)>,
}

/// Loads the frames of a game's period.
pub fn playback(
    rows: LazyFrame,
    game: Option<&str>,
    period: Option<i32>,
) -> Result<PlaybackResult, RequestError> {
    let playback = tracking::playback(rows, game, period)
        .map_err(|e| RequestError::Query(format!("cannot read the period's frames ({e})")))?;
    let possessions = tracking::possessions(&playback, 1_000);
    Ok(PlaybackResult {
        playback,
        possessions,
    })
}
