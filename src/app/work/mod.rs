//! The work the app hands to worker threads: opening sources, combining them, the views'
//! queries (through [`crate::request`], as the command line makes them), exports. Plain
//! functions of their inputs, so tests call them directly.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use polars::prelude::*;

use crate::analysis::load::{self, Measure};
use crate::analysis::shots::{NamedBaseline, ShotFilter, ZoneCount};
use crate::analysis::tracking::{self, Movement, Occupancy, Roster};
use crate::app::jobs::{AppError, Cancel};
use crate::app::state::SourceRef;
use crate::charts::Chart;
use crate::charts::bars::Bars;
use crate::charts::screen::CourtMesh;
use crate::charts::spec::{ChartKind, ChartOptions, ChartSpec};
use crate::court::Court;
use crate::data::mapping::MappingStore;
use crate::data::quality::{self, Inspection};
use crate::data::{self, OpenOptions, Table, TableKind};
use crate::request::{
    self,
    shots::{Baseline, ShotsRequest},
    tracking::{PlaybackResult, TrackRequest},
};

/// What the app's own jobs hand back (each view's jobs hand back their own results).
pub enum Output {
    /// A source's tables (its id is the job's slot).
    Opened(Vec<OpenedTable>),
    OpenFailed(Failure),
    Combined(Box<Combined>),
    /// The open shots with their filter lists made.
    Listed(Box<ShotData>),
    /// A source's tables checked (`inspect`), in its tables' order; an error is said as a
    /// problem of its table.
    Inspected(Vec<Result<Inspection, String>>),
    Exported(String),
}

mod combine;
mod open;

pub use combine::*;
pub use open::*;

/// A shot query of the app: the shots view's settings that shape its result.
#[derive(Clone, Debug, PartialEq)]
pub struct ShotsQuery {
    pub filter: ShotFilter,
    pub chart: ChartKind,
    pub court: Court,
    pub baseline: Baseline,
    /// Strict mode: rows left out are an error.
    pub strict: bool,
}

impl ShotsQuery {
    /// The request the command line would make for the same chart.
    pub fn request(&self) -> ShotsRequest {
        ShotsRequest {
            filter: self.filter.clone(),
            baseline: self.baseline.clone(),
            chart: chart_options(self.chart, self.court),
        }
    }
}

/// What the shots view shows for one selection.
pub struct ShotsResult {
    pub query: ShotsQuery,
    pub spec: ChartSpec,
    /// The chart's marks, prepared for the screen.
    pub mesh: CourtMesh,
    /// Basic-zone counts of the selection.
    pub zones: Vec<ZoneCount>,
    /// What the selection is compared with, named exactly.
    pub baseline: NamedBaseline,
    /// The zone table, as exported.
    pub table: DataFrame,
    /// The zone table as text, as shown.
    pub rows: TableText,
    pub shots: usize,
    /// Selected rows left out, by reason.
    pub left_out: crate::request::LeftOut,
}

/// The ChartOptions the app draws with (the CLI's defaults).
pub fn chart_options(kind: ChartKind, court: Court) -> ChartOptions {
    ChartOptions::of(kind, court)
}

/// Runs a shot query against `data` (every open shot) through the command line's request,
/// stopping early once superseded so that a burst of filter changes does not pile up work.
pub fn shot_query(
    data: &DataFrame,
    q: &ShotsQuery,
    cancel: &Cancel,
    baselines: &request::shots::BaselineMemo,
) -> Result<ShotsResult, AppError> {
    let r = request::shots::shots_with(
        &data.clone().lazy(),
        "the open shots",
        &q.request(),
        cancel,
        Some(baselines),
    )?;
    r.left_out
        .check_strict(q.strict, "the open shots", "selected row")?;
    cancel.check()?;
    let mesh = CourtMesh::of(&r.chart);
    Ok(ShotsResult {
        query: q.clone(),
        rows: TableText::of(&r.table),
        mesh,
        spec: r.chart,
        zones: r.zones,
        baseline: r.baseline,
        table: r.table,
        shots: r.shots,
        left_out: r.left_out,
    })
}

/// A tracking query of the app: the command line's request (always with the heatmap).
pub type TrackQuery = TrackRequest;

/// What the tracking view shows for one selection.
pub struct TrackResult {
    pub query: TrackQuery,
    pub heat: Occupancy,
    pub spec: ChartSpec,
    pub mesh: CourtMesh,
    pub players: Vec<Movement>,
    pub speed: Bars,
    pub periods: Bars,
    /// The per-player summary, as exported.
    pub table: DataFrame,
    /// Rows left out, positions off court: as the command line says them.
    pub notes: Vec<String>,
    pub left_out: crate::request::LeftOut,
}

/// Runs a tracking query over the rows in memory.
pub fn track_query(
    data: &DataFrame,
    q: &TrackQuery,
    cancel: &Cancel,
) -> Result<TrackResult, AppError> {
    let q = TrackRequest {
        heatmap: true,
        ..q.clone()
    };
    let r = request::tracking::tracking(data.clone().lazy(), "the open tracking", &q, cancel)?;
    let notes = r.notes();
    let left_out = r.left_out.clone();
    let (Some(heat), Some(spec)) = (r.heat, r.heatmap) else {
        return Err(AppError::Internal("the heatmap was not measured".into()));
    };
    Ok(TrackResult {
        notes,
        left_out,
        query: q,
        mesh: CourtMesh::of(&spec),
        heat,
        spec,
        players: r.players,
        speed: r.speed,
        periods: r.periods,
        table: r.table,
    })
}

/// Loads the frames of a game's period.
pub fn playback_query(
    data: &DataFrame,
    game: Option<&str>,
    period: Option<i32>,
) -> Result<PlaybackResult, AppError> {
    request::tracking::playback(data.clone().lazy(), game, period)
}

/// A table as text, for showing and copying.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TableText {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl TableText {
    /// A frame's values as shown: fractions as percentages, floats with 3 decimals.
    pub fn of(df: &DataFrame) -> TableText {
        let columns: Vec<String> = df
            .get_column_names()
            .iter()
            .map(|n| n.to_string())
            .collect();
        let rows = (0..df.height())
            .map(|i| {
                df.columns()
                    .iter()
                    .map(|c| match c.get(i) {
                        Ok(AnyValue::Null) | Err(_) => String::new(),
                        Ok(AnyValue::Float64(v)) => format_float(c.name(), v),
                        Ok(AnyValue::Float32(v)) => format_float(c.name(), v as f64),
                        Ok(AnyValue::String(s)) => s.to_string(),
                        Ok(v) => v.to_string(),
                    })
                    .collect()
            })
            .collect();
        TableText { columns, rows }
    }

    /// Tab-separated, for pasting into a spreadsheet.
    pub fn tsv(&self) -> String {
        let mut out = self.columns.join("\t");
        out.push('\n');
        for r in &self.rows {
            out.push_str(&r.join("\t"));
            out.push('\n');
        }
        out
    }
}

fn format_float(name: &str, v: f64) -> String {
    if name.ends_with("pct") || name == "share" || name.ends_with("diff") {
        format!("{:.1}%", v * 100.0)
    } else {
        format!("{v:.3}")
    }
}

/// What to export.
pub enum ExportJob {
    /// A chart, at `width` × `height` (96 dpi) and `dpi`.
    Chart {
        chart: Box<Chart>,
        width: u32,
        height: u32,
        dpi: u32,
    },
    Table(DataFrame),
}

/// Writes an export to `path` (PNG, SVG or CSV by extension), atomically.
pub fn export(job: ExportJob, path: &Path) -> Result<String, AppError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match (job, ext.as_str()) {
        (
            ExportJob::Chart {
                chart,
                width,
                height,
                dpi,
            },
            "png" | "svg",
        ) => chart
            .write(path, width, height, dpi)
            .map_err(|e| AppError::Render(e.to_string()))?,
        (ExportJob::Table(mut df), "csv") => crate::export::write_csv(path, &mut df)
            .map_err(|e| AppError::Render(format!("{}: cannot write it ({e})", path.display())))?,
        (_, _) => {
            return Err(AppError::Data(format!(
                "{}: charts export as .png or .svg, tables as .csv",
                path.display()
            )));
        }
    }
    Ok(format!("Exported {}", path.display()))
}
