//! Runs a report's blocks: each chart and table through the same request functions as the
//! app and the command line. A block that cannot be made says why on its page.

use polars::prelude::*;
use rayon::prelude::*;

use super::{Block, ChartBlock, Page, Report, TableBlock};
use crate::analysis::load::{Bands, Measure};
use crate::analysis::shots::{ZoneBy, split};
use crate::charts::Chart;
use crate::charts::load::Shown;
use crate::charts::spec::ChartOptions;
use crate::format::thousands;
use crate::request::load::{self as load_request, LoadChartRequest};
use crate::request::shots::{self as shot_request, ShotsRequest, ZonesRequest};
use crate::request::tracking::{TrackChart, TrackRequest};
use crate::request::{Cancel, RequestError};

/// The data a report is built from.
#[derive(Clone, Default)]
pub struct ReportData {
    pub shots: Option<LazyFrame>,
    pub load: Option<LazyFrame>,
    pub tracking: Option<LazyFrame>,
}

/// A table as printed.
#[derive(Clone, Debug, PartialEq)]
pub struct TableData {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// What the table leaves out, or compares with.
    pub note: Option<String>,
}

/// One block, made.
#[derive(Clone, Debug)]
pub enum Part {
    Cover {
        title: String,
        lines: Vec<String>,
    },
    Charts(Vec<Chart>),
    Table(TableData),
    Notes(String),
    /// A block that could not be made, and why.
    Problem(String),
}

/// A page, made.
#[derive(Clone, Debug)]
pub struct BuiltPage {
    pub title: String,
    pub parts: Vec<Part>,
}

/// Makes every page of the report, pages in parallel.
pub fn build(
    report: &Report,
    data: &ReportData,
    cancel: &Cancel,
) -> Result<Vec<BuiltPage>, RequestError> {
    report
        .pages
        .par_iter()
        .map(|p| build_page(report, p, data, cancel))
        .collect()
}

/// Makes one page.
pub fn build_page(
    report: &Report,
    page: &Page,
    data: &ReportData,
    cancel: &Cancel,
) -> Result<BuiltPage, RequestError> {
    let mut parts = Vec::with_capacity(page.blocks.len());
    for b in &page.blocks {
        cancel.check()?;
        parts.push(match part(report, b, data, cancel) {
            Ok(p) => p,
            Err(RequestError::Cancelled) => return Err(RequestError::Cancelled),
            Err(e) => Part::Problem(e.to_string()),
        });
    }
    Ok(BuiltPage {
        title: page.title.clone(),
        parts,
    })
}

fn need_shots(data: &ReportData) -> Result<&LazyFrame, RequestError> {
    data.shots
        .as_ref()
        .ok_or_else(|| RequestError::Data("this block needs shots: open a shot log".into()))
}

fn need_load(data: &ReportData) -> Result<&LazyFrame, RequestError> {
    data.load
        .as_ref()
        .ok_or_else(|| RequestError::Data("this block needs load data: open a load file".into()))
}

fn tracking(
    data: &ReportData,
    request: &TrackRequest,
    heatmap: bool,
    cancel: &Cancel,
) -> Result<crate::request::tracking::TrackResult, RequestError> {
    let rows = data.tracking.as_ref().ok_or_else(|| {
        RequestError::Data("this block needs tracking data: open a tracking file".into())
    })?;
    crate::request::tracking::tracking(
        rows.clone(),
        "the tracking",
        &TrackRequest {
            heatmap,
            ..request.clone()
        },
        cancel,
    )
}

/// The measure asked for, or the first the load data has.
fn measure_of(load: &LazyFrame, m: Option<Measure>) -> Result<Measure, RequestError> {
    if let Some(m) = m {
        return Ok(m);
    }
    let schema = load.clone().collect_schema().map_err(RequestError::query)?;
    Measure::default_for(|c| schema.get(c).is_some()).ok_or_else(|| {
        RequestError::Data(
            "the load data has no load measure (srpe, player_load, distance_m or hsr_m)".into(),
        )
    })
}

fn pct(v: Option<f64>) -> String {
    v.map_or("—".into(), |v| format!("{:.1}%", v * 100.0))
}

fn part(
    report: &Report,
    b: &Block,
    data: &ReportData,
    cancel: &Cancel,
) -> Result<Part, RequestError> {
    Ok(match b {
        Block::Cover => Part::Cover {
            title: report.title.clone(),
            lines: cover_lines(report),
        },
        Block::Notes(t) => Part::Notes(t.clone()),
        Block::Charts(cs) => Part::Charts(
            cs.iter()
                .map(|c| chart(c, data, cancel))
                .collect::<Result<_, _>>()?,
        ),
        Block::Table(t) => Part::Table(table(t, data)?),
    })
}

fn cover_lines(report: &Report) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(s) = &report.subject {
        if let Some(t) = &s.team {
            lines.push(format!("Team: {t}"));
        }
        if let Some(p) = &s.player {
            lines.push(format!("Player: {p}"));
        }
        if let (Some(a), Some(b)) = (s.from, s.to) {
            lines.push(format!(
                "Games: {} ({a} to {b})",
                crate::format::plural(s.games as u64, "game")
            ));
        }
    }
    if !report.author.trim().is_empty() {
        lines.push(format!("Prepared by {}", report.author.trim()));
    }
    lines
}

/// A chart block's chart.
pub fn chart(c: &ChartBlock, data: &ReportData, cancel: &Cancel) -> Result<Chart, RequestError> {
    match c {
        ChartBlock::Shots {
            filter,
            baseline,
            kind,
            court,
            ..
        } => {
            let req = ShotsRequest {
                filter: filter.clone(),
                baseline: baseline.clone(),
                chart: ChartOptions::of(*kind, *court),
            };
            let r = shot_request::shots(need_shots(data)?, "the shots", &req, cancel)?;
            Ok(Chart::Court(r.chart))
        }
        ChartBlock::Tracking { request, chart } => {
            let r = tracking(data, request, *chart == TrackChart::Heatmap, cancel)?;
            r.chart(*chart)
                .ok_or_else(|| RequestError::Data("no tracking rows in this selection".into()))
        }
        ChartBlock::Load {
            chart,
            player,
            measure,
            from,
            to,
            ..
        } => {
            let load = need_load(data)?;
            let measure = measure_of(load, *measure)?;
            let series = load_request::series(load.clone(), measure)?;
            load_request::chart(
                &series,
                &LoadChartRequest {
                    chart: *chart,
                    measure,
                    bands: Bands::default(),
                    player: player.clone(),
                    shown: Shown {
                        from: *from,
                        to: *to,
                        day: None,
                    },
                },
            )
        }
    }
}

fn period_name(p: i64) -> String {
    if p <= 4 {
        format!("Q{p}")
    } else {
        format!("OT{}", p - 4)
    }
}

/// A table block's table.
pub fn table(t: &TableBlock, data: &ReportData) -> Result<TableData, RequestError> {
    match t {
        TableBlock::TrackingSummary { request } => {
            let r = tracking(data, request, false, &Cancel::default())?;
            Ok(frame_table("Players' tracking summary", &r.table))
        }
        TableBlock::Zones {
            filter, baseline, ..
        } => {
            let r = shot_request::zones(
                need_shots(data)?,
                "the shots",
                &ZonesRequest {
                    filter: filter.clone(),
                    by: ZoneBy::Basic,
                    baseline: Some(baseline.clone()),
                },
            )?;
            let t = &r.table;
            let s = |c: &str| -> Result<Vec<String>, RequestError> {
                let col = t.column(c).map_err(RequestError::query)?;
                Ok((0..t.height())
                    .map(|i| match col.get(i) {
                        Ok(AnyValue::Float64(v)) if c == "fg_pct_diff" => {
                            let v = v * 100.0;
                            if v.abs() < 0.05 {
                                "0.0".into()
                            } else {
                                format!("{v:+.1}")
                            }
                        }
                        Ok(AnyValue::Float64(v)) => pct(Some(v)),
                        Ok(AnyValue::Null) | Err(_) => "—".into(),
                        Ok(AnyValue::String(v)) => v.to_string(),
                        Ok(AnyValue::UInt64(v)) => thousands(v),
                        Ok(v) => v.to_string(),
                    })
                    .collect())
            };
            let cols = [
                "zone",
                "fga",
                "fgm",
                "fg_pct",
                "efg_pct",
                "baseline_fg_pct",
                "fg_pct_diff",
            ];
            let values: Vec<Vec<String>> = cols.iter().map(|c| s(c)).collect::<Result<_, _>>()?;
            Ok(TableData {
                title: format!("{} by zone", shot_request::title_of(filter)),
                columns: [
                    "Zone",
                    "FGA",
                    "FGM",
                    "FG%",
                    "eFG%",
                    "Baseline FG%",
                    "vs base",
                ]
                .map(String::from)
                .to_vec(),
                rows: (0..t.height())
                    .map(|i| values.iter().map(|v| v[i].clone()).collect())
                    .collect(),
                note: r.baseline.map(|b| {
                    format!(
                        "{} · vs base: FG% minus the baseline's, in points; baseline: {}",
                        crate::format::plural(r.shots as u64, "shot"),
                        b.label()
                    )
                }),
            })
        }
        TableBlock::TopActions { filter, n, .. } => {
            let shots = need_shots(data)?;
            let (df, missing) = split(shots, filter, "action").map_err(RequestError::query)?;
            let mut t = counts_table(&df, "action", |v| match v {
                AnyValue::String(s) => s.to_string(),
                AnyValue::StringOwned(s) => s.to_string(),
                v => v.to_string(),
            })?;
            t.rows.truncate(*n as usize);
            t.title = format!("{}: top actions", shot_request::title_of(filter));
            t.columns[0] = "Action".into();
            t.note = (missing > 0).then(|| {
                format!(
                    "{} without an action left out",
                    crate::format::plural(missing, "shot")
                )
            });
            Ok(t)
        }
        TableBlock::ByPeriod { filter, .. } => {
            let shots = need_shots(data)?;
            let (df, missing) = split(shots, filter, "period").map_err(RequestError::query)?;
            let df = df
                .sort(["period"], SortMultipleOptions::default())
                .map_err(RequestError::query)?;
            let mut t = counts_table(&df, "period", |v| match v {
                AnyValue::Int8(p) => period_name(p as i64),
                AnyValue::Int64(p) => period_name(p),
                AnyValue::Int32(p) => period_name(p as i64),
                v => v.to_string(),
            })?;
            t.title = format!("{} by period", shot_request::title_of(filter));
            t.columns[0] = "Period".into();
            t.note = (missing > 0).then(|| {
                format!(
                    "{} without a period left out",
                    crate::format::plural(missing, "shot")
                )
            });
            Ok(t)
        }
        TableBlock::LoadOverview { measure, day } => {
            let load = need_load(data)?;
            let measure = measure_of(load, *measure)?;
            let r = load_request::load(
                load.clone(),
                &load_request::LoadRequest {
                    measure,
                    bands: Bands::default(),
                    day: *day,
                    range: Default::default(),
                },
            )?;
            Ok(TableData {
                title: format!("Team on {} · {}", r.day, measure.column()),
                columns: ["Player", "Day load", "ACWR", "Band", "7-day", "Days since"]
                    .map(String::from)
                    .to_vec(),
                rows: r
                    .rows
                    .iter()
                    .map(|o| {
                        vec![
                            o.player.clone(),
                            format!("{:.0}", o.load),
                            o.acwr.map_or("—".into(), |a| format!("{a:.2}")),
                            if o.no_recent {
                                "no recent data".into()
                            } else {
                                format!(
                                    "{}{}",
                                    o.band.clone().unwrap_or_else(|| "—".into()),
                                    if o.warmup { " (warm-up)" } else { "" }
                                )
                            },
                            format!("{:.0}", o.weekly),
                            o.days_since.map_or("—".into(), |d| d.to_string()),
                        ]
                    })
                    .collect(),
                note: Some(
                    "ACWR bands come from contested literature: a guide, never a diagnosis".into(),
                ),
            })
        }
    }
}

/// Any small frame as printed: floats with one decimal.
fn frame_table(title: &str, df: &DataFrame) -> TableData {
    TableData {
        title: title.into(),
        columns: df
            .get_column_names()
            .iter()
            .map(|n| n.replace('_', " "))
            .collect(),
        rows: (0..df.height())
            .map(|i| {
                df.columns()
                    .iter()
                    .map(|c| match c.get(i) {
                        Ok(AnyValue::Float64(v)) => format!("{v:.1}"),
                        Ok(AnyValue::Float32(v)) => format!("{v:.1}"),
                        Ok(AnyValue::String(s)) => s.to_string(),
                        Ok(AnyValue::Null) | Err(_) => "—".into(),
                        Ok(v) => v.to_string(),
                    })
                    .collect()
            })
            .collect(),
        note: None,
    }
}

/// A split table (`key, fga, fgm, fg_pct`) as printed.
fn counts_table(
    df: &DataFrame,
    key: &str,
    name: impl Fn(AnyValue<'_>) -> String,
) -> Result<TableData, RequestError> {
    let k = df.column(key).map_err(RequestError::query)?;
    let fga = df
        .column("fga")
        .and_then(|c| c.u64().cloned())
        .map_err(RequestError::query)?;
    let fgm = df
        .column("fgm")
        .and_then(|c| c.u64().cloned())
        .map_err(RequestError::query)?;
    let fg = df
        .column("fg_pct")
        .and_then(|c| c.f64().cloned())
        .map_err(RequestError::query)?;
    Ok(TableData {
        title: String::new(),
        columns: ["", "FGA", "FGM", "FG%"].map(String::from).to_vec(),
        rows: (0..df.height())
            .map(|i| {
                vec![
                    k.get(i).map(&name).unwrap_or_default(),
                    thousands(fga.get(i).unwrap_or(0)),
                    thousands(fgm.get(i).unwrap_or(0)),
                    pct(fg.get(i)),
                ]
            })
            .collect(),
        note: None,
    })
}
