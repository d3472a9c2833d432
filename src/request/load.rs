//! Load requests: the team overview for a day (as the app's table and `courtside load
//! --overview`), and the load charts (timeline, weekly, team bands) for the screen and files.

use chrono::NaiveDate;
use polars::prelude::*;
use serde::{Deserialize, Serialize};

use crate::analysis::load::{self, Bands, Measure, PlayerDays};
use crate::charts::load::Shown;
use crate::charts::{self, Chart};
use crate::request::{LeftOut, RequestError};

/// A load request: daily metrics, the team overview for one day, and the days each player
/// spent in each band over a range.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadRequest {
    pub measure: Measure,
    pub bands: Bands,
    /// The overview's day; None: the last day of the data.
    pub day: Option<NaiveDate>,
    /// The range the charts and the band counts cover.
    pub range: LoadRange,
}

/// The days a load view covers: the weeks up to its day (following the day), all the data,
/// or two dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoadRange {
    Weeks(u32),
    All,
    Dates(NaiveDate, NaiveDate),
}

impl Default for LoadRange {
    fn default() -> Self {
        LoadRange::Weeks(8)
    }
}

impl LoadRange {
    /// The first and last day for `day`, in the data's `span`.
    pub fn resolve(self, day: NaiveDate, span: (NaiveDate, NaiveDate)) -> (NaiveDate, NaiveDate) {
        let (a, b) = match self {
            LoadRange::Weeks(n) => (day - chrono::Days::new((n.max(1) * 7 - 1) as u64), day),
            LoadRange::All => span,
            LoadRange::Dates(a, b) => (a, b),
        };
        (a.max(span.0), b.min(span.1))
    }
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
    /// No session for a week or more.
    pub no_recent: bool,
}

/// What the load view shows.
pub struct LoadResult {
    pub query: LoadRequest,
    pub day: NaiveDate,
    /// The range shown.
    pub range: (NaiveDate, NaiveDate),
    /// The first and last day of the data.
    pub span: (NaiveDate, NaiveDate),
    /// In the overview's order (highest risk first).
    pub rows: Vec<OverviewRow>,
    pub table: DataFrame,
    /// Days in each band per player over the range.
    pub band_days: DataFrame,
    pub series: Vec<PlayerDays>,
    /// Session rows no series can take, by reason.
    pub left_out: LeftOut,
}

/// Session rows no player's series can take: those without a player or without a date.
pub fn left_out(data: &LazyFrame) -> Result<LeftOut, RequestError> {
    let df = data
        .clone()
        .select([
            col("player").null_count().alias("player"),
            col("date").null_count().alias("date"),
        ])
        .collect()
        .map_err(RequestError::query)?;
    let get = |c: &str| crate::data::table::first_u64(&df, c);
    let mut out = LeftOut::default();
    out.add("no player", get("player"));
    // A row with neither is counted once, as having no player.
    let both = data
        .clone()
        .filter(col("player").is_null().and(col("date").is_null()))
        .select([col("date").null_count().alias("n")])
        .collect()
        .map_err(RequestError::query)?;
    let both = crate::data::table::first_u64(&both, "n");
    out.add("no readable date", get("date") - both);
    Ok(out)
}

/// The series of every player in `data` (see [`load::daily`]).
pub fn series(data: LazyFrame, measure: Measure) -> Result<Vec<PlayerDays>, RequestError> {
    let series = load::daily(data, measure).map_err(|e| match e {
        load::LoadError::Polars(e) => RequestError::query(e),
        e => RequestError::Data(e.to_string()),
    })?;
    if series.is_empty() {
        return Err(RequestError::Data(
            "no player has a session in the data".into(),
        ));
    }
    Ok(series)
}

/// Checks that `from`..`to` is a range with days of the data.
pub fn check_range(
    series: &[PlayerDays],
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<(), RequestError> {
    let Some((first, last)) = load::span(series) else {
        return Err(RequestError::Data(
            "no player has a session in the data".into(),
        ));
    };
    if let (Some(a), Some(b)) = (from, to)
        && a > b
    {
        return Err(RequestError::Data(format!(
            "the range starts on {a}, after it ends on {b}: swap the dates"
        )));
    }
    if from.is_some_and(|d| d > last) || to.is_some_and(|d| d < first) {
        return Err(RequestError::Data(format!(
            "no load data in the chosen dates: the data runs from {first} to {last}"
        )));
    }
    Ok(())
}

/// Runs a load request over `data` (every open load row).
pub fn load(data: LazyFrame, q: &LoadRequest) -> Result<LoadResult, RequestError> {
    let left_out = left_out(&data)?;
    let series = series(data, q.measure)?;
    let span = load::span(&series).unwrap_or_default();
    let day = q.day.unwrap_or(span.1);
    let table = overview(&series, day, &q.bands)?;
    if let LoadRange::Dates(a, b) = q.range {
        check_range(&series, Some(a), Some(b))?;
    }
    let range = q.range.resolve(day, span);
    let rows = overview_rows(&table).map_err(RequestError::query)?;
    let band_days = load::band_days(&series, &q.bands, Some(range.0), Some(range.1))
        .map_err(RequestError::query)?;
    Ok(LoadResult {
        query: q.clone(),
        day,
        range,
        span,
        rows,
        table,
        band_days,
        series,
        left_out,
    })
}

/// The team overview on `day` (see [`load::overview`]), once the data is known to cover it.
pub fn overview(
    series: &[PlayerDays],
    day: NaiveDate,
    bands: &Bands,
) -> Result<DataFrame, RequestError> {
    let (first, last) = load::span(series).unwrap_or_default();
    if day < first || day > last {
        return Err(RequestError::Data(format!(
            "no load data on {day}: the data runs from {first} to {last}"
        )));
    }
    load::overview(series, day, bands).map_err(RequestError::query)
}

impl LoadResult {
    /// The daily table over the range, as `courtside load --from --to` writes it.
    pub fn daily_table(&self) -> PolarsResult<DataFrame> {
        load::daily_table(
            &self.series,
            &self.query.bands,
            Some(self.range.0),
            Some(self.range.1),
        )
    }
}

/// The last day of the data.
pub fn last_day(series: &[PlayerDays]) -> Option<NaiveDate> {
    load::span(series).map(|s| s.1)
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
    /// The days shown and the day marked. A timeline or weekly chart shows the player's
    /// whole series by default, the team chart the eight weeks up to the day (or the last
    /// day of the data).
    pub shown: Shown,
}

/// A load chart of `series`.
pub fn chart(series: &[PlayerDays], q: &LoadChartRequest) -> Result<Chart, RequestError> {
    check_range(series, q.shown.from, q.shown.to)?;
    if q.chart == LoadChart::Team {
        let (first, last) = load::span(series).unwrap_or_default();
        let to = q.shown.to.or(q.shown.day).unwrap_or(last).min(last);
        let from = q
            .shown
            .from
            .unwrap_or(to - chrono::Days::new(55))
            .max(first);
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
    if let Some(d) = q.shown.day
        && one.index(d).is_none()
    {
        return Err(RequestError::Data(format!(
            "{} has no load on {d}: the series runs from the first session, {}, to {}",
            one.player,
            one.first,
            one.last()
        )));
    }
    Ok(match q.chart {
        LoadChart::Weekly => Chart::Weekly(charts::load::weekly(one, &q.bands, q.measure, q.shown)),
        _ => Chart::Timeline(charts::load::timeline(one, &q.bands, q.measure, q.shown)),
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
    let no_recent: Vec<bool> = df
        .column("no_recent_data")?
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
            no_recent: no_recent[i],
        })
        .collect())
}
