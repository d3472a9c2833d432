//! Load requests: the team overview for a day (as the app's table and `courtside load
//! --overview`), and the load charts (timeline, weekly, team bands) for the screen and files.

use chrono::NaiveDate;
use polars::prelude::*;
use serde::{Deserialize, Serialize};

use crate::analysis::load::{self, Bands, Measure, PlayerDays};
use crate::charts::{self, Chart};
use crate::request::RequestError;

/// A load request: daily metrics and the team overview for one day.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadRequest {
    pub measure: Measure,
    pub bands: Bands,
    pub day: Option<NaiveDate>,
}

/// One row of the team overview.
#[derive(Clone, Debug, PartialEq)]
pub struct OverviewRow {
    pub player: String,
    pub load: f64,
    pub acute: f64,
    pub chronic: f64,
    pub acwr: Option<f64>,
    pub band: Option<String>,
    pub weekly: f64,
    pub monotony: Option<f64>,
    pub strain: Option<f64>,
    pub days_since: Option<i64>,
    pub warmup: bool,
}

/// What the load view shows.
pub struct LoadResult {
    pub query: LoadRequest,
    pub day: NaiveDate,
    /// In the overview's order (highest risk first).
    pub rows: Vec<OverviewRow>,
    pub table: DataFrame,
    pub series: Vec<PlayerDays>,
}

/// Runs a load request over `data` (every open load row).
pub fn load(data: LazyFrame, q: &LoadRequest) -> Result<LoadResult, RequestError> {
    let series =
        load::daily(data, q.measure, None, None).map_err(|e| RequestError::Query(e.to_string()))?;
    let last = last_day(&series)
        .ok_or_else(|| RequestError::Data("no player has a session in the data".into()))?;
    let day = q.day.unwrap_or(last);
    let table = load::overview(&series, day, &q.bands).map_err(RequestError::query)?;
    let rows = overview_rows(&table).map_err(RequestError::query)?;
    Ok(LoadResult {
        query: q.clone(),
        day,
        rows,
        table,
        series,
    })
}

/// The last day any player has.
pub fn last_day(series: &[PlayerDays]) -> Option<NaiveDate> {
    series
        .iter()
        .map(|s| s.date(s.load.len().saturating_sub(1)))
        .max()
}

/// The load charts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LoadChart {
    /// One player: daily load, acute and chronic EWMA, ACWR over the bands.
    #[default]
    Timeline,
    /// Every player by day, coloured by ACWR band.
    Team,
    /// One player: 7-day load with monotony.
    Weekly,
}

/// A load chart's request: which chart, of whom, over which days.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadChartRequest {
    pub chart: LoadChart,
    pub measure: Measure,
    pub bands: Bands,
    /// The player of a timeline or weekly chart; None: the only player there is.
    pub player: Option<String>,
    /// The days of the team chart; None: the eight weeks up to the last day.
    pub days: Option<(NaiveDate, NaiveDate)>,
}

/// A load chart of `series`.
pub fn chart(series: &[PlayerDays], q: &LoadChartRequest) -> Result<Chart, RequestError> {
    if series.is_empty() {
        return Err(RequestError::Data(
            "no player has a session in the chosen dates".into(),
        ));
    }
    if q.chart == LoadChart::Team {
        let last = last_day(series).unwrap_or_default();
        let (from, to) = q.days.unwrap_or((last - chrono::Days::new(55), last));
        return Ok(Chart::Team(charts::load::team_bands(
            series,
            &q.bands,
            q.measure,
            (from, to),
        )));
    }
    let one = match &q.player {
        Some(p) => series.iter().find(|s| &s.player == p).ok_or_else(|| {
            RequestError::Data(format!(
                "no load for a player named {p:?} (check the spelling with `courtside inspect`)"
            ))
        })?,
        None => match series {
            [one] => one,
            _ => {
                let names: Vec<&str> = series.iter().map(|s| s.player.as_str()).collect();
                return Err(RequestError::Data(format!(
                    "a timeline shows one player: add --player NAME (players: {})",
                    names.join(", ")
                )));
            }
        },
    };
    Ok(match q.chart {
        LoadChart::Weekly => Chart::Weekly(charts::load::weekly(one, &q.bands, q.measure)),
        _ => Chart::Timeline(charts::load::timeline(one, &q.bands, q.measure)),
    })
}

fn overview_rows(df: &DataFrame) -> PolarsResult<Vec<OverviewRow>> {
    let f = |n: &str| -> PolarsResult<Vec<Option<f64>>> {
        Ok(df
            .column(n)?
            .cast(&DataType::Float64)?
            .f64()?
            .iter()
            .collect())
    };
    let player: Vec<String> = df
        .column("player")?
        .str()?
        .iter()
        .map(|s| s.unwrap_or_default().to_string())
        .collect();
    let band: Vec<Option<String>> = df
        .column("band")?
        .str()?
        .iter()
        .map(|s| s.map(str::to_string))
        .collect();
    let warmup: Vec<bool> = df
        .column("warmup")?
        .bool()?
        .iter()
        .map(|b| b.unwrap_or(false))
        .collect();
    let since: Vec<Option<i64>> = df
        .column("days_since_session")?
        .cast(&DataType::Int64)?
        .i64()?
        .iter()
        .collect();
    let (load, acute, chronic, acwr) = (
        f("load")?,
        f("acute_ewma")?,
        f("chronic_ewma")?,
        f("acwr_ewma")?,
    );
    let (weekly, monotony, strain) = (f("weekly_load")?, f("monotony")?, f("strain")?);
    Ok((0..df.height())
        .map(|i| OverviewRow {
            player: player[i].clone(),
            load: load[i].unwrap_or(0.0),
            acute: acute[i].unwrap_or(0.0),
            chronic: chronic[i].unwrap_or(0.0),
            acwr: acwr[i],
            band: band[i].clone(),
            weekly: weekly[i].unwrap_or(0.0),
            monotony: monotony[i],
            strain: strain[i],
            days_since: since[i],
            warmup: warmup[i],
        })
        .collect())
}
