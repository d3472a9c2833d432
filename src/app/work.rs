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

/// One table of an opened source.
pub struct OpenedTable {
    /// What `inspect` reports; until its check is done ([`OpenedTable::checking`]), only
    /// the first look.
    pub info: Inspection,
    /// The table still to check, while the check waits or runs: a pass over every value
    /// (seconds on an archive), made after the first chart so that it never delays one.
    pub checking: Option<Table>,
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

impl OpenedTable {
    /// What its frame check found, as the shots view says it beside the chart: the file (and
    /// season), the problem and the fix, and where to accept it when the source can be
    /// remapped.
    pub fn frame_warnings(&self) -> Vec<String> {
        let i = &self.info;
        let editable = !self.paths.is_empty();
        i.frame
            .iter()
            .flat_map(|c| &c.findings)
            .map(|f| {
                let name = f.file.clone().unwrap_or_else(|| {
                    std::path::Path::new(&i.name)
                        .file_name()
                        .map_or(i.name.clone(), |n| n.to_string_lossy().into_owned())
                });
                let fix = match &f.fix {
                    Some(fix) if editable => format!(
                        ". Fix: {}; accept it in the data panel (Ctrl+D)",
                        fix.describe()
                    ),
                    Some(fix) => format!(". Fix: {}", fix.describe()),
                    None => ". Zones and charts of these shots will be wrong".into(),
                };
                match &f.season {
                    Some(season) => format!("{name}, season {season}: {}{fix}", f.problem),
                    None => format!("{name}: {}{fix}", f.problem),
                }
            })
            .collect()
    }
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
                fixes: Vec::new(),
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
            return Err("cancelled".to_string().into());
        }
        // Ragged rows and text that is not UTF-8 stop the source, as they stop `inspect`.
        t.validate_shape().map_err(|e| e.to_string())?;
        let frame = read_rows(&t, cancel)?;
        if frame.height() == 0 {
            return Err(data::DataError::Empty {
                path: t.name.clone().into(),
                detail: "it has a header (columns) but no rows".into(),
            }
            .to_string()
            .into());
        }
        out.push(OpenedTable {
            info: Inspection::first_look(&t, frame.height() as u64),
            source_columns: t.source_columns.clone(),
            paths: t.paths.clone(),
            frame: Some(Arc::new(frame)),
            checking: Some(t),
        });
    }
    Ok(out)
}

/// Shot columns no view of the app reads: the zone labels of the range and area groupings
/// (the app groups by basic zone) and the player id where there are names. Not reading them
/// saves a third of the time to open an archive (the area label is cut out of the NBA's
/// zone name on every row) and their memory.
const UNUSED_SHOT_COLUMNS: [&str; 3] = ["zone_range", "zone_area", "player_id"];

/// The columns of `t` the app holds in memory.
fn app_columns(t: &Table) -> LazyFrame {
    let names = t.column_names();
    if t.kind != TableKind::Shots || !names.contains(&"player") {
        return t.lazy();
    }
    let keep: Vec<Expr> = names
        .iter()
        .filter(|n| !UNUSED_SHOT_COLUMNS.contains(n))
        .map(|n| col(*n))
        .collect();
    t.lazy().select(keep)
}

/// Rows per slice of a long read: a few row groups of a Parquet file.
const SLICE_ROWS: u64 = 1 << 20;

/// Reads the rows of `t` the app holds. A long Parquet table is read a slice of rows at a
/// time, so that the status bar shows how far the read has got (rows read of all) and
/// Cancel stops it between slices; other formats are read in one go.
fn read_rows(t: &Table, cancel: &Cancel) -> Result<DataFrame, Failure> {
    read_rows_by(t, cancel, SLICE_ROWS)
}

fn read_rows_by(t: &Table, cancel: &Cancel, slice_rows: u64) -> Result<DataFrame, Failure> {
    let err = |e: data::DataError| Failure::from(e.to_string());
    let lf = app_columns(t);
    if t.format != data::source::Format::Parquet || t.paths.is_empty() {
        return t.collect(lf, "cannot read the data").map_err(err);
    }
    let count = lf.clone().select([len().cast(DataType::UInt64).alias("n")]);
    let total = data::table::first_u64(
        &t.aggregate(count, "cannot count the rows").map_err(err)?,
        "n",
    );
    if total <= 2 * slice_rows {
        return t.collect(lf, "cannot read the data").map_err(err);
    }
    // Slices are read two at a time (one per core, as one read would decode them), in
    // order, and counted as each ends.
    use rayon::prelude::*;
    let done = std::sync::atomic::AtomicU64::new(0);
    cancel.report(0, total);
    let parts: Vec<DataFrame> = (0..total.div_ceil(slice_rows))
        .into_par_iter()
        .map(|k| {
            if cancel.is_set() {
                return Err(Failure::from("cancelled".to_string()));
            }
            let part = t
                .collect(
                    lf.clone()
                        .slice((k * slice_rows) as i64, slice_rows as IdxSize),
                    "cannot read the data",
                )
                .map_err(err)?;
            let n = done.fetch_add(part.height() as u64, std::sync::atomic::Ordering::Relaxed);
            cancel.report(n + part.height() as u64, total);
            Ok(part)
        })
        .collect::<Result<_, _>>()?;
    let mut parts = parts.into_iter();
    let mut out = parts.next().unwrap_or_default();
    for part in parts {
        out.vstack_mut_owned(part)
            .map_err(|e| Failure::from(e.to_string()))?;
    }
    Ok(out)
}

/// Checks tables opened by [`open_source`] (what `inspect` reports of each).
pub fn inspect_tables(tables: &[Table], cancel: &Cancel) -> Result<Output, AppError> {
    let mut out = Vec::new();
    for t in tables {
        cancel.check()?;
        out.push(quality::inspect_until(t, &|| cancel.is_set()).map_err(|e| e.to_string()));
    }
    give_back_memory();
    // Stopped part-way: the source is gone or read again, and nothing is reported.
    cancel.check()?;
    Ok(Output::Inspected(out))
}

/// Returns memory freed by a large pass (checking an archive holds a gigabyte for a few
/// seconds) to the system: glibc keeps freed memory for reuse, and the app would go on
/// holding its peak (2.0 GB instead of about 0.8 GB after opening 3.7 million shots). On
/// the worker, not the UI thread: trimming a large heap takes a moment.
fn give_back_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory of the allocator; it takes no pointer.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The open sources' tables combined, with what the filters offer.
#[derive(Default)]
pub struct Combined {
    pub shots: Option<ShotData>,
    /// The shot sources combined without the live feed: a live refresh appends the feed's
    /// rows to it rather than combining every source again.
    pub base_shots: Option<BaseShots>,
    pub load: Option<LoadData>,
    pub tracking: Option<TrackData>,
    /// Shot sources whose coordinates look scaled, shifted or mirrored: said beside the chart.
    pub frame_warnings: Vec<String>,
}

/// Every open tracking row, and who and what is in it.
pub struct TrackData {
    pub frame: Arc<DataFrame>,
    pub roster: Roster,
}

/// The open shot sources' data without the live feed, with the frames it was made from.
#[derive(Clone)]
pub struct BaseShots {
    inputs: Vec<Arc<DataFrame>>,
    pub data: ShotData,
}

/// Every open shot, and the values the shot filters offer.
#[derive(Clone)]
pub struct ShotData {
    pub frame: Arc<DataFrame>,
    /// Whether the lists below are made: when a source opens they are made after its first
    /// chart ([`list_shots`]), which then does not wait for them.
    pub listed: bool,
    /// Baselines counted over these shots, for the next filter change.
    pub baselines: Arc<request::shots::BaselineMemo>,
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
) -> Result<Combined, AppError> {
    combine_live(shots, None, None, load, tracking)
}

/// [`combine`], with a live feed's shots: when the shot sources are those `base` was made
/// from, the feed's rows are appended to it and the filter lists grow by the feed's own,
/// instead of every source being combined again at each refresh.
pub fn combine_live(
    shots: &[Arc<DataFrame>],
    live: Option<Arc<DataFrame>>,
    base: Option<BaseShots>,
    load: &[Arc<DataFrame>],
    tracking: &[Arc<DataFrame>],
) -> Result<Combined, AppError> {
    let err = |e: PolarsError| AppError::Query(format!("cannot combine the open sources ({e})"));
    let mut out = Combined::default();
    let same = |b: &BaseShots| {
        b.inputs.len() == shots.len() && b.inputs.iter().zip(shots).all(|(a, b)| Arc::ptr_eq(a, b))
    };
    out.base_shots = match base.filter(same) {
        Some(b) => Some(b),
        None if shots.is_empty() => None,
        None => {
            // One source is taken as it is: a copy of an archive costs a second.
            let df = if shots.len() == 1 {
                shots[0].clone()
            } else {
                let frames: Vec<&DataFrame> = shots.iter().map(|f| f.as_ref()).collect();
                Arc::new(
                    data::table::union_frames(TableKind::Shots, &frames)
                        .and_then(|lf| lf.collect())
                        .map_err(err)?,
                )
            };
            // Without a live feed to merge with, the lists wait for the first chart.
            let data = if live.is_some() {
                shot_data(df).map_err(err)?
            } else {
                ShotData::unlisted(df)
            };
            Some(BaseShots {
                inputs: shots.to_vec(),
                data,
            })
        }
    };
    if live.is_some()
        && let Some(b) = out.base_shots.as_mut()
        && !b.data.listed
    {
        b.data = list_shots(&b.data).map_err(err)?;
    }
    out.shots = match (&out.base_shots, live) {
        (Some(b), None) => Some(b.data.clone()),
        (None, Some(l)) => Some(shot_data(l).map_err(err)?),
        (Some(b), Some(l)) => Some(with_live(&b.data, l).map_err(err)?),
        (None, None) => None,
    };
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

/// The distinct non-empty values of a column, sorted (the values are grouped first: a
/// column of millions holds a few hundred names).
fn distinct(df: &DataFrame, name: &str) -> PolarsResult<Vec<String>> {
    let Ok(c) = df.column(name) else {
        return Ok(Vec::new());
    };
    let c = c.unique()?.cast(&DataType::String)?;
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

impl ShotData {
    /// The shots without their lists yet.
    fn unlisted(frame: Arc<DataFrame>) -> ShotData {
        ShotData {
            frame,
            listed: false,
            baselines: Default::default(),
            players: Vec::new(),
            teams: Vec::new(),
            opponents: Vec::new(),
            seasons: Vec::new(),
            periods: Vec::new(),
            first: None,
            last: None,
        }
    }
}

/// `data` with its lists made (the same shots and remembered baselines).
pub fn list_shots(data: &ShotData) -> PolarsResult<ShotData> {
    let mut listed = shot_data(data.frame.clone())?;
    listed.baselines = data.baselines.clone();
    Ok(listed)
}

fn shot_data(frame: Arc<DataFrame>) -> PolarsResult<ShotData> {
    let df = frame.as_ref();
    // Each (player, team) pair once, grouped by Polars rather than row by row; the teams
    // are those of the pairs. The other lists are made at the same time on the other core.
    let pairs = || -> PolarsResult<Option<DataFrame>> {
        if df.column("player").is_err() {
            return Ok(None);
        }
        let team = if df.column("team").is_ok() {
            col("team").cast(DataType::String)
        } else {
            lit(NULL).cast(DataType::String)
        };
        df.clone()
            .lazy()
            .select([col("player").cast(DataType::String), team.alias("team")])
            .unique(None, UniqueKeepStrategy::Any)
            .collect()
            .map(Some)
    };
    let (pairs, (opponents, seasons)) = rayon::join(pairs, || {
        rayon::join(|| distinct(df, "opponent"), || distinct(df, "season"))
    });
    let mut players: BTreeSet<(String, String)> = BTreeSet::new();
    let teams = match pairs? {
        Some(pairs) => {
            let (p, team) = (pairs.column("player")?, pairs.column("team")?);
            for (p, t) in p.str()?.iter().zip(team.str()?.iter()) {
                if let Some(p) = p.filter(|p| !p.is_empty()) {
                    // A player traded mid-season shows once per team.
                    players.insert((p.to_string(), t.unwrap_or_default().to_string()));
                }
            }
            distinct(&pairs, "team")?
        }
        None => distinct(df, "team")?,
    };
    let periods: BTreeSet<i8> = match df.column("period") {
        Ok(c) => c
            .unique()?
            .cast(&DataType::Int8)?
            .i8()?
            .iter()
            .flatten()
            .collect(),
        Err(_) => BTreeSet::new(),
    };
    let (first, last) = date_span(df, "game_date");
    Ok(ShotData {
        listed: true,
        baselines: Default::default(),
        players: players.into_iter().collect(),
        teams,
        opponents: opponents?,
        seasons: seasons?,
        periods: periods.into_iter().collect(),
        first,
        last,
        frame,
    })
}

/// `base` with a live feed's rows after its own: the rows' chunks are appended (not
/// copied), and the lists are `base`'s with the feed's added.
fn with_live(base: &ShotData, live: Arc<DataFrame>) -> PolarsResult<ShotData> {
    let frame = Arc::new(data::follow::stack(&base.frame, &live)?);
    let feed = shot_data(live)?;
    let merge = |a: &[String], b: &[String]| -> Vec<String> {
        let set: BTreeSet<&String> = a.iter().chain(b).collect();
        set.into_iter().cloned().collect()
    };
    let players: BTreeSet<&(String, String)> = base.players.iter().chain(&feed.players).collect();
    let periods: BTreeSet<i8> = base.periods.iter().chain(&feed.periods).copied().collect();
    let pick =
        |a: Option<NaiveDate>, b: Option<NaiveDate>, f: fn(NaiveDate, NaiveDate) -> NaiveDate| {
            match (a, b) {
                (Some(a), Some(b)) => Some(f(a, b)),
                (a, b) => a.or(b),
            }
        };
    Ok(ShotData {
        frame,
        listed: true,
        // Other shots: other baselines.
        baselines: Default::default(),
        players: players.into_iter().cloned().collect(),
        teams: merge(&base.teams, &feed.teams),
        opponents: merge(&base.opponents, &feed.opponents),
        seasons: merge(&base.seasons, &feed.seasons),
        periods: periods.into_iter().collect(),
        first: pick(base.first, feed.first, NaiveDate::min),
        last: pick(base.last, feed.last, NaiveDate::max),
    })
}

fn load_data(frame: Arc<DataFrame>) -> PolarsResult<LoadData> {
    let df = frame.as_ref();
    let has = |c: &str| {
        df.column(c)
            .map(|c| c.null_count() < c.len())
            .unwrap_or(false)
    };
    let mut measures: Vec<Measure> = Measure::COLUMNS
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parquet_table_read_in_slices_is_the_table_and_says_how_far_it_got() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/shots.parquet");
        let t = data::open(&path, &OpenOptions::default())
            .unwrap()
            .remove(0);
        let cancel = Cancel::default();
        let sliced = read_rows_by(&t, &cancel, 4_000).unwrap();
        let whole = t.collect(app_columns(&t), "reads").unwrap();
        assert_eq!(sliced.height(), 14_692);
        assert!(sliced.equals_missing(&whole));
        assert_eq!(cancel.progress(), Some((14_692, 14_692)));
        // The columns no view reads are left on disk; the player stays.
        let names: Vec<&str> = sliced
            .get_column_names()
            .iter()
            .map(|n| n.as_str())
            .collect();
        assert!(names.contains(&"player") && names.contains(&"x_ft"));
        for unused in UNUSED_SHOT_COLUMNS {
            assert!(!names.contains(&unused), "{unused} in {names:?}");
        }
        // Cancelled before it starts: it stops (and says nothing of rows).
        let stop = Cancel::default();
        stop.set();
        assert!(read_rows_by(&t, &stop, 4_000).is_err());
    }

    #[test]
    fn a_live_refresh_appends_to_the_sources_as_combining_them_would() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/shots.parquet");
        let t = data::open(&path, &OpenOptions::default())
            .unwrap()
            .remove(0);
        let all = t.collect(t.lazy(), "reads").unwrap();
        let (first, feed) = (Arc::new(all.slice(0, 10_000)), all.slice(10_000, 4_692));
        let whole = combine(&[first.clone(), Arc::new(feed.clone())], &[], &[]).unwrap();
        let live = combine_live(
            std::slice::from_ref(&first),
            Some(Arc::new(feed.clone())),
            None,
            &[],
            &[],
        )
        .unwrap();
        // Without a feed, the lists wait for the first chart; made, they are the feed's too.
        let whole = whole.shots.unwrap();
        assert!(!whole.listed && whole.players.is_empty());
        let (a, b) = (list_shots(&whole).unwrap(), live.shots.unwrap());
        assert!(a.listed && b.listed && !a.players.is_empty());
        assert_eq!(b.frame.height(), 14_692);
        assert_eq!(
            (
                &a.players,
                &a.teams,
                &a.opponents,
                &a.seasons,
                &a.periods,
                a.first,
                a.last
            ),
            (
                &b.players,
                &b.teams,
                &b.opponents,
                &b.seasons,
                &b.periods,
                b.first,
                b.last
            )
        );
        // The next refresh reuses the sources' part: the same frame, not combined again.
        let base = live.base_shots.clone();
        let again = combine_live(&[first], Some(Arc::new(feed)), base, &[], &[]).unwrap();
        assert!(Arc::ptr_eq(
            &again.base_shots.unwrap().data.frame,
            &live.base_shots.unwrap().data.frame
        ));
    }
}
