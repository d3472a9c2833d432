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
        if self.off_court > 0 {
            notes.push(format!(
                "{} outside the court lines (94 × 50 ft): kept, counted in the edge cells",
                crate::format::plural(self.off_court, "position")
            ));
        }
        notes
    }
}

/// The selected rows without a position, those without a time, and those off the court.
fn accounting(rows: &LazyFrame, filter: &TrackFilter) -> PolarsResult<(u64, u64, u64)> {
    let (x, y) = (
        col("x_ft").cast(DataType::Float64),
        col("y_ft").cast(DataType::Float64),
    );
    let off = x
        .clone()
        .lt(lit(0.0))
        .or(x.clone().gt(lit(crate::court::COURT_X)))
        .or(y.clone().lt(lit(0.0)))
        .or(y.clone().gt(lit(crate::court::COURT_Y)));
    let df = filter
        .apply(rows.clone())
        .select([
            (x.clone().is_null().or(y.clone().is_null()))
                .sum()
                .cast(DataType::UInt64)
                .alias("unplaced"),
            off.sum().cast(DataType::UInt64).alias("off"),
            x.clone()
                .is_not_null()
                .and(y.clone().is_not_null())
                .and(col("t_ms").is_null())
                .sum()
                .cast(DataType::UInt64)
                .alias("untimed"),
        ])
        .collect()?;
    let get = |c: &str| {
        df.column(c)
            .ok()
            .and_then(|s| s.get(0).ok())
            .and_then(|v| v.extract::<u64>())
            .unwrap_or(0)
    };
    Ok((get("unplaced"), get("untimed"), get("off")))
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
    let (players, heat) = if q.heatmap {
        let (p, h) = tracking::movement_and_occupancy(rows.clone(), &q.filter, &q.motion, &q.heat)
            .map_err(RequestError::query)?;
        (p, Some(h))
    } else {
        let p = tracking::movement(q.filter.apply(rows.clone()), &q.motion)
            .map_err(RequestError::query)?;
        (p, None)
    };
    if players.is_empty() {
        check_track_names(&rows, &q.filter, source)?;
    }
    cancel.check()?;
    let (unplaced, untimed, off_court) =
        accounting(&rows, &q.filter).map_err(RequestError::query)?;
    let mut left_out = LeftOut::default();
    left_out.add("no readable position (x_ft, y_ft)", unplaced);
    left_out.add("no readable time (t_ms)", untimed);
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
