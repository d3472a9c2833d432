//! The work the app hands to worker threads: opening sources, combining them, the shot and
//! load queries, exports. Plain functions of their inputs, so tests call them directly.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use polars::prelude::*;

use crate::analysis::bins::{self, Extent, Hex};
use crate::analysis::load::{self, Bands, Measure, PlayerDays};
use crate::analysis::shots::{self, BaselineFg, ShotFilter, ZoneBy, ZoneCount, count_by_zone};
use crate::analysis::tracking::{
    self, HeatOptions, MotionOptions, Movement, Occupancy, Playback, Roster, TrackFilter,
};
use crate::app::jobs::Cancel;
use crate::app::state::SourceRef;
use crate::charts::egui::CourtMesh;
use crate::charts::spec::{self, ChartInput, ChartKind, ChartOptions, ChartSpec};
use crate::charts::timeline::{self, Timeline};
use crate::charts::tracking::{self as track_charts, Bars};
use crate::court::Court;
use crate::data::mapping::MappingStore;
use crate::data::quality::{self, Inspection};
use crate::data::{self, OpenOptions, Table, TableKind};

/// A tracking query: the heatmap and summary of a selection.
#[derive(Clone, Debug, PartialEq)]
pub struct TrackQuery {
    pub filter: TrackFilter,
    pub heat: HeatOptions,
    pub motion: MotionOptions,
    pub court: Court,
}

/// What a tracking query found.
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
}

/// Runs a tracking query over the rows in memory.
pub fn track_query(
    data: &DataFrame,
    q: &TrackQuery,
    cancel: &Cancel,
) -> Result<TrackResult, String> {
    let fail = |e: PolarsError| format!("the tracking query failed ({e})");
    let lf = data.clone().lazy();
    let (players, heat) =
        tracking::movement_and_occupancy(lf, &q.filter, &q.motion, &q.heat).map_err(fail)?;
    if cancel.is_set() {
        return Err(SUPERSEDED.to_string());
    }
    let title = q.filter.describe();
    let mut detail = Vec::new();
    if let Some((a, b)) = q.filter.time_ms {
        detail.push(format!("{:.1} s of play", (b - a) as f64 / 1000.0));
    }
    if q.heat.one_basket {
        detail.push("play mirrored to attack the basket at the bottom".to_string());
    }
    let spec = track_charts::heatmap(&heat, &title, &detail.join(" · "), q.court);
    let mesh = CourtMesh::of(&spec);
    let table = tracking::summary_frame(&players, &q.motion).map_err(fail)?;
    Ok(TrackResult {
        speed: track_charts::speed_bars(&players, &q.motion, &title),
        periods: track_charts::period_bars(&players, &title),
        query: q.clone(),
        heat,
        spec,
        mesh,
        players,
        table,
    })
}

/// One period's frames for playback, and its possessions.
pub struct PlaybackResult {
    pub playback: Playback,
    pub possessions: Vec<(i64, i64)>,
}

/// Loads the frames of a game's period.
pub fn playback_query(
    data: &DataFrame,
    game: Option<&str>,
    period: Option<i32>,
) -> Result<PlaybackResult, String> {
    let playback = tracking::playback(data.clone().lazy(), game, period)
        .map_err(|e| format!("cannot read the period's frames ({e})"))?;
    let possessions = tracking::possessions(&playback, 1_000);
    Ok(PlaybackResult {
        playback,
        possessions,
    })
}

/// What a finished job hands back.
pub enum Output {
    /// A source's tables (its id is the job's slot).
    Opened(Vec<OpenedTable>),
    OpenFailed(Failure),
    Combined(Combined),
    Shots(Box<ShotsResult>),
    Compare(Box<ShotsResult>),
    Load(Box<LoadResult>),
    Tracking(Box<TrackResult>),
    Playback(Box<PlaybackResult>),
    Exported(String),
}

/// One table of an opened source.
pub struct OpenedTable {
    /// What `inspect` reports.
    pub info: Inspection,
    /// The source's own columns, for the mapping editor.
    pub source_columns: Vec<String>,
    /// The files it reads (empty for the built-in sample).
    pub paths: Vec<PathBuf>,
    /// The canonical rows, in memory.
    pub frame: Option<Arc<DataFrame>>,
}

/// Why a source could not be opened.
#[derive(Clone, Debug)]
pub struct Failure {
    pub message: String,
    /// When a column is missing: what the user can map it from.
    pub fix: Option<MissingColumn>,
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure { message, fix: None }
    }
}

/// A canonical column a file lacks, and the file's own columns to map it from.
#[derive(Clone, Debug, PartialEq)]
pub struct MissingColumn {
    pub path: PathBuf,
    pub kind: TableKind,
    pub column: String,
    pub columns: Vec<String>,
}

/// Opens a source: reads, maps, inspects, and loads shots and load tables into memory.
pub fn open_source(
    source: &SourceRef,
    mappings: &MappingStore,
    cancel: &Cancel,
) -> Result<Vec<OpenedTable>, Failure> {
    let tables: Vec<Table> = match source {
        SourceRef::Sample => crate::sample::open_embedded().map_err(|e| e.to_string())?,
        SourceRef::Path(path) => {
            let opts = OpenOptions {
                kind: None,
                mappings: mappings.clone(),
            };
            data::open(path, &opts).map_err(|e| {
                let fix = match &e {
                    data::DataError::MissingColumn {
                        path, kind, column, ..
                    } => data::columns_of(path).ok().map(|columns| MissingColumn {
                        path: path.clone(),
                        kind: *kind,
                        column: column.clone(),
                        columns,
                    }),
                    _ => None,
                };
                Failure {
                    message: e.to_string(),
                    fix,
                }
            })?
        }
    };
    let mut out = Vec::new();
    for t in tables {
        if cancel.is_set() {
            return Err(SUPERSEDED.to_string().into());
        }
        let info = quality::inspect(&t).map_err(|e| e.to_string())?;
        let frame = match t.kind {
            TableKind::Shots | TableKind::Load | TableKind::Tracking => Some(Arc::new(
                t.collect(t.lazy(), "cannot read the data")
                    .map_err(|e| e.to_string())?,
            )),
        };
        out.push(OpenedTable {
            info,
            source_columns: t.source_columns.clone(),
            paths: t.paths.clone(),
            frame,
        });
    }
    Ok(out)
}

/// The open sources' tables combined, with what the filters offer.
#[derive(Default)]
pub struct Combined {
    pub shots: Option<ShotData>,
    pub load: Option<LoadData>,
    pub tracking: Option<TrackData>,
}

/// Every open tracking row, and who and what is in it.
pub struct TrackData {
    pub frame: Arc<DataFrame>,
    pub roster: Roster,
}

/// Every open shot, and the values the shot filters offer.
pub struct ShotData {
    pub frame: Arc<DataFrame>,
    /// (player, team), sorted by player.
    pub players: Vec<(String, String)>,
    pub teams: Vec<String>,
    pub opponents: Vec<String>,
    pub seasons: Vec<String>,
    pub periods: Vec<i8>,
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
}

/// Every open load row, and what the load view offers.
pub struct LoadData {
    pub frame: Arc<DataFrame>,
    pub players: Vec<String>,
    /// The measures the data has, in order of preference.
    pub measures: Vec<Measure>,
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
}

/// Combines the in-memory tables of the open sources.
pub fn combine(
    shots: &[Arc<DataFrame>],
    load: &[Arc<DataFrame>],
    tracking: &[Arc<DataFrame>],
) -> Result<Combined, String> {
    let err = |e: PolarsError| format!("cannot combine the open sources ({e})");
    let mut out = Combined::default();
    if !shots.is_empty() {
        let frames: Vec<&DataFrame> = shots.iter().map(|f| f.as_ref()).collect();
        let df = data::table::union_frames(TableKind::Shots, &frames)
            .and_then(|lf| lf.collect())
            .map_err(err)?;
        out.shots = Some(shot_data(Arc::new(df)).map_err(err)?);
    }
    if !load.is_empty() {
        let frames: Vec<&DataFrame> = load.iter().map(|f| f.as_ref()).collect();
        let df = data::table::union_frames(TableKind::Load, &frames)
            .and_then(|lf| lf.collect())
            .map_err(err)?;
        out.load = Some(load_data(Arc::new(df)).map_err(err)?);
    }
    if !tracking.is_empty() {
        let df = if tracking.len() == 1 {
            tracking[0].clone()
        } else {
            let frames: Vec<&DataFrame> = tracking.iter().map(|f| f.as_ref()).collect();
            Arc::new(
                data::table::union_frames(TableKind::Tracking, &frames)
                    .and_then(|lf| lf.collect())
                    .map_err(err)?,
            )
        };
        let roster = tracking::roster(df.as_ref().clone().lazy()).map_err(err)?;
        out.tracking = Some(TrackData { frame: df, roster });
    }
    Ok(out)
}

fn distinct(df: &DataFrame, name: &str) -> PolarsResult<Vec<String>> {
    let Ok(c) = df.column(name) else {
        return Ok(Vec::new());
    };
    let c = c.cast(&DataType::String)?;
    let set: BTreeSet<String> = c
        .str()?
        .iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    Ok(set.into_iter().collect())
}

fn date_span(df: &DataFrame, name: &str) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let get = |agg: fn(&Column) -> Option<i32>| {
        let c = df.column(name).ok()?.to_physical_repr();
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
        Some(epoch + chrono::Days::new(u64::try_from(agg(&c)?).ok()?))
    };
    (get(|c| c.i32().ok()?.min()), get(|c| c.i32().ok()?.max()))
}

fn shot_data(frame: Arc<DataFrame>) -> PolarsResult<ShotData> {
    let df = frame.as_ref();
    let mut players: BTreeSet<(String, String)> = BTreeSet::new();
    if let Ok(p) = df.column("player") {
        let p = p.cast(&DataType::String)?;
        let team = match df.column("team") {
            Ok(t) => t.cast(&DataType::String)?,
            Err(_) => Column::full_null("team".into(), df.height(), &DataType::String),
        };
        for (p, t) in p.str()?.iter().zip(team.str()?.iter()) {
            if let Some(p) = p.filter(|p| !p.is_empty()) {
                players.insert((p.to_string(), t.unwrap_or_default().to_string()));
            }
        }
    }
    // A player traded mid-season shows once per team.
    let periods: BTreeSet<i8> = match df.column("period") {
        Ok(c) => c.cast(&DataType::Int8)?.i8()?.iter().flatten().collect(),
        Err(_) => BTreeSet::new(),
    };
    let (first, last) = date_span(df, "game_date");
    Ok(ShotData {
        players: players.into_iter().collect(),
        teams: distinct(df, "team")?,
        opponents: distinct(df, "opponent")?,
        seasons: distinct(df, "season")?,
        periods: periods.into_iter().collect(),
        first,
        last,
        frame,
    })
}

fn load_data(frame: Arc<DataFrame>) -> PolarsResult<LoadData> {
    let df = frame.as_ref();
    let has = |c: &str| {
        df.column(c)
            .map(|c| c.null_count() < c.len())
            .unwrap_or(false)
    };
    let mut measures: Vec<Measure> = [
        Measure::Srpe,
        Measure::PlayerLoad,
        Measure::DistanceM,
        Measure::HsrM,
    ]
    .into_iter()
    .filter(|m| has(m.column()))
    .collect();
    if load::HR_ZONES.iter().all(|z| df.column(z).is_ok()) {
        measures.push(Measure::Trimp);
    }
    let (first, last) = date_span(df, "date");
    Ok(LoadData {
        players: distinct(df, "player")?,
        measures,
        first,
        last,
        frame,
    })
}

/// A shot query: the selection, its chart, and its zone table.
#[derive(Clone)]
pub struct ShotsQuery {
    pub filter: ShotFilter,
    pub chart: ChartKind,
    pub court: Court,
}

/// What the shots view shows for one selection.
pub struct ShotsResult {
    pub query: ShotsQuery,
    pub spec: ChartSpec,
    pub mesh: CourtMesh,
    /// Basic-zone counts of the selection.
    pub zones: Vec<ZoneCount>,
    pub baseline: BaselineFg,
    /// The zone table, as exported.
    pub table: DataFrame,
    /// The zone table as text, as shown.
    pub rows: TableText,
    /// Hexagons, for hovering a hex chart.
    pub hexes: Vec<Hex>,
    /// Attempts per cell, for hovering a grid chart.
    pub grid: Option<bins::Grid>,
    pub hex_width: f64,
    pub shots: usize,
}

/// The ChartOptions the app draws with (the CLI's defaults).
pub fn chart_options(kind: ChartKind, court: Court) -> ChartOptions {
    ChartOptions {
        kind,
        court,
        units: spec::Units::of(court),
        ..Default::default()
    }
}

/// What a superseded job returns at its next step: nobody reads it.
const SUPERSEDED: &str = "superseded";

/// Runs a shot query against `data` (every open shot), stopping early once superseded so that
/// a burst of filter changes does not pile up work.
pub fn shot_query(
    data: &DataFrame,
    q: &ShotsQuery,
    cancel: &Cancel,
) -> Result<ShotsResult, String> {
    let fail = |e: PolarsError| format!("the shot query failed ({e})");
    let step = || {
        if cancel.is_set() {
            Err(SUPERSEDED.to_string())
        } else {
            Ok(())
        }
    };
    let lf = data.clone().lazy();
    let selected = shots::select(&lf, &q.filter).map_err(fail)?;
    step()?;
    let zones = count_by_zone(&selected, &ZoneBy::Basic);
    let baseline = shots::league_baseline(&lf, &q.filter).map_err(fail)?;
    step()?;
    let baseline_name = "league".to_string();
    let dates = shots::date_range(&lf, &q.filter).map_err(fail)?;
    let opts = chart_options(q.chart, q.court);
    let input = ChartInput {
        shots: &selected,
        zones: &zones,
        baseline: Some(&baseline),
        title: title_of(&q.filter),
        dates,
        baseline_name,
    };
    step()?;
    let spec = spec::build(&input, &opts);
    step()?;
    let mesh = CourtMesh::of(&spec);
    let (x0, x1, y0, y1) = opts.court.spec().bounds(false);
    let extent = Extent { x0, x1, y0, y1 };
    let hexes = if q.chart == ChartKind::Hex {
        bins::hexbin(&selected, opts.hex_width, extent)
    } else {
        Vec::new()
    };
    let grid = (q.chart == ChartKind::Grid).then(|| bins::grid(&selected, opts.cell, extent));
    let table =
        shots::zone_table(&ZoneBy::Basic, &zones, Some(&baseline)).map_err(|e| e.to_string())?;
    Ok(ShotsResult {
        query: q.clone(),
        rows: TableText::of(&table),
        spec,
        mesh,
        zones,
        baseline,
        table,
        hexes,
        grid,
        hex_width: opts.hex_width,
        shots: selected.len(),
    })
}

/// A chart title for a selection: "All shots" when nothing is filtered.
pub fn title_of(filter: &ShotFilter) -> String {
    let d = filter.describe();
    if d.is_empty() || d == "all shots" {
        "All shots".into()
    } else {
        d
    }
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

/// A load query: daily metrics and the team overview for one day.
#[derive(Clone)]
pub struct LoadQuery {
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
    pub query: LoadQuery,
    pub day: NaiveDate,
    /// In the overview's order (highest risk first).
    pub rows: Vec<OverviewRow>,
    pub table: DataFrame,
    /// Every player's timeline, by player.
    pub timelines: Vec<Timeline>,
    pub series: Vec<PlayerDays>,
}

/// Runs a load query against `data` (every open load row).
pub fn load(data: &DataFrame, q: &LoadQuery) -> Result<LoadResult, String> {
    let series =
        load::daily(data.clone().lazy(), q.measure, None, None).map_err(|e| e.to_string())?;
    let last = series
        .iter()
        .map(|s| s.date(s.load.len().saturating_sub(1)))
        .max()
        .ok_or("no player has a session in the data")?;
    let day = q.day.unwrap_or(last);
    let table = load::overview(&series, day, &q.bands).map_err(|e| e.to_string())?;
    let rows = overview_rows(&table).map_err(|e| e.to_string())?;
    let timelines = series
        .iter()
        .map(|s| timeline::timeline(s, &q.bands, q.measure))
        .collect();
    Ok(LoadResult {
        query: q.clone(),
        day,
        rows,
        table,
        timelines,
        series,
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

/// What to export.
pub enum ExportJob {
    ShotChart {
        spec: Box<ChartSpec>,
        width: u32,
        height: u32,
        dpi: u32,
    },
    Timeline {
        timeline: Box<Timeline>,
        width: u32,
        height: u32,
    },
    Table(DataFrame),
}

/// Writes an export to `path` (PNG, SVG or CSV by extension), atomically.
pub fn export(job: ExportJob, path: &Path) -> Result<String, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match (job, ext.as_str()) {
        (
            ExportJob::ShotChart {
                spec,
                width,
                height,
                dpi,
            },
            "png",
        ) => {
            let s = dpi as f64 / 96.0;
            let (w, h) = ((width as f64 * s) as u32, (height as f64 * s) as u32);
            crate::charts::render::png(&spec, path, w, h).map_err(|e| e.to_string())?;
        }
        (
            ExportJob::ShotChart {
                spec,
                width,
                height,
                ..
            },
            "svg",
        ) => crate::charts::render::svg(&spec, path, width, height).map_err(|e| e.to_string())?,
        (
            ExportJob::Timeline {
                timeline,
                width,
                height,
            },
            "png" | "svg",
        ) => timeline::write(&timeline, path, width, height).map_err(|e| e.to_string())?,
        (ExportJob::Table(mut df), "csv") => crate::export::write_csv(path, &mut df)
            .map_err(|e| format!("{}: cannot write it ({e})", path.display()))?,
        (_, _) => {
            return Err(format!(
                "{}: charts export as .png or .svg, tables as .csv",
                path.display()
            ));
        }
    }
    Ok(format!("Exported {}", path.display()))
}
