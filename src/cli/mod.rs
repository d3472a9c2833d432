//! The command line: one file per subcommand. `courtside` with no command opens the app.

pub mod convert;
pub mod feed;
pub mod filters;
pub mod inspect;
pub mod load;
pub mod map;
pub mod report;
pub mod sample_data;
pub mod shots;
pub mod timings;
pub mod tracking;
pub mod zones;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::data::mapping::MappingStore;
use crate::data::{OpenOptions, TableKind};
use timings::Timings;

/// Courtside: basketball analytics for coaching staff — shot charts, player load and tracking,
/// from your own files, offline.
#[derive(Debug, Parser)]
#[command(name = "courtside", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    /// Print on stderr the time spent opening, scanning and querying, and writing.
    #[arg(long, global = true)]
    pub timings: bool,

    /// The workspace folder, where saved column mappings live (default: the current folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub workspace: Option<PathBuf>,

    /// Fix the shot frame of every shot file read, on top of any fix saved with its mapping:
    /// scale=N (or a fraction such as 1/12), x=FEET, y=FEET, mirror (swap left and right),
    /// flip (turn y round), and season=NAME to fix one season only (repeat the flag for
    /// several). `inspect` and every command say when a file needs one and give it, e.g.
    /// `--fix-coords scale=0.1,y=-4.725`; `map --fix-coords` saves it with the file.
    #[arg(long = "fix-coords", global = true, value_name = "FIX")]
    pub fix_coords: Vec<crate::data::frame::CoordFix>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The `--fix-coords` of this run: set once by [`run`], read wherever a command opens files.
static FIXES: std::sync::OnceLock<Vec<crate::data::frame::CoordFix>> = std::sync::OnceLock::new();

/// The `--fix-coords` given on the command line.
pub fn fixes() -> &'static [crate::data::frame::CoordFix] {
    FIXES.get().map(Vec::as_slice).unwrap_or_default()
}

const EXAMPLES: &str = "\
Examples:
  courtside inspect --sample                     what the bundled sample season holds
  courtside inspect NBA_2024_Shots.csv           kind, rows, games, players, column mapping
  courtside inspect catapult/                    a folder of Catapult exports as one table
  courtside convert shots.csv --out shots.parquet
  courtside tracking sample-data/tracking.parquet --chart heatmap --out game.png
  courtside sample-data --out my-sample --scale 10

Supported inputs: Parquet files and folders (hive partitions such as season=2023-24/ become
columns), CSV and NDJSON; NBA shot logs and stats API shotchartdetail exports, Catapult
OpenField CSV, SportVU JSON and Kinexon CSV tracking, and any file whose columns use Courtside's canonical names.";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show what Courtside sees in files or folders: table kind, vendor format, rows, games,
    /// players, date range, the column mapping used, and problems found.
    Inspect(inspect::Args),
    /// Convert files to one canonical Parquet file (zstd), written atomically.
    Convert(convert::Args),
    /// Generate the synthetic sample season (shots, player load, one game of tracking) as
    /// canonical Parquet.
    SampleData(sample_data::Args),
    /// A shot chart of a selection (scatter, hexbin, grid, KDE or zones), as PNG or SVG.
    Shots(Box<shots::Args>),
    /// The zone table of a selection of shots (FGA, FG%, points per shot, eFG%, share), with
    /// an optional baseline, written as CSV.
    Zones(Box<zones::Args>),
    /// Player load per day: EWMA and rolling ACWR, weekly load, monotony, strain, bands; or the
    /// team overview for one day. Written as CSV.
    Load(Box<load::Args>),
    /// Tracking: an occupancy heatmap, distance per speed zone or per period (PNG/SVG), or the
    /// per-player summary (CSV): minutes, distance, top speed, zones, accelerations.
    Tracking(Box<tracking::Args>),
    /// A scout report from a template (opponent, development, or a file) or a saved report,
    /// as PDF or one PNG per page.
    Report(Box<report::Args>),
    /// Save which source column feeds which canonical column, for a file Courtside cannot
    /// map on its own; the same file opened again is read with it.
    Map(map::Args),
    /// Open files or folders in the app (`courtside` alone opens the last workspace).
    Open(OpenArgs),
    /// Live feed files: replay a source as one, or follow one and report what arrived.
    #[command(subcommand)]
    Feed(feed::Command),
}

/// Arguments of `open`.
#[derive(Debug, clap::Args)]
pub struct OpenArgs {
    /// Files or folders to open (none: the last workspace, as `courtside` alone).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Follow this live shot feed (NDJSON or CSV) as it grows.
    #[arg(long, value_name = "FILE")]
    pub follow: Option<PathBuf>,
}

/// Runs one command (not `open`, which is the app's: `main.rs` starts it) and returns the
/// process exit code.
pub fn run(
    command: Command,
    timings: bool,
    workspace: Option<PathBuf>,
    fixes: Vec<crate::data::frame::CoordFix>,
) -> ExitCode {
    let _ = FIXES.set(fixes);
    let mut timings = Timings::new(timings);
    let workspace = workspace.unwrap_or_else(|| PathBuf::from("."));
    let result = match command {
        Command::Inspect(args) => inspect::run(&args, &workspace, &mut timings),
        Command::Convert(args) => convert::run(&args, &workspace, &mut timings),
        Command::SampleData(args) => sample_data::run(&args, &mut timings),
        Command::Map(args) => map::run(&args, &workspace, &mut timings),
        Command::Report(args) => report::run(&args, &workspace, &mut timings),
        Command::Zones(args) => zones::run(&args, &workspace, &mut timings),
        Command::Shots(args) => shots::run(&args, &workspace, &mut timings),
        Command::Load(args) => load::run(&args, &workspace, &mut timings),
        Command::Tracking(args) => tracking::run(&args, &workspace, &mut timings),
        Command::Open(_) => Err(anyhow::anyhow!("`open` starts the app")),
        Command::Feed(c) => feed::run(&c, &workspace, &mut timings),
    };
    timings.report();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Open options with the workspace's saved mappings.
pub fn open_options(
    workspace: &std::path::Path,
    kind: Option<TableKind>,
) -> anyhow::Result<OpenOptions> {
    Ok(OpenOptions {
        kind,
        mappings: MappingStore::load(workspace)?,
        fixes: fixes().to_vec(),
    })
}

/// Opens files or folders that must all hold `kind` tables, as one lazy table, and a name
/// for messages.
pub fn open_kind(
    paths: &[PathBuf],
    kind: TableKind,
    workspace: &std::path::Path,
    timings: &mut Timings,
) -> anyhow::Result<(polars::prelude::LazyFrame, String, Vec<crate::data::Table>)> {
    let opts = open_options(workspace, None)?;
    let mut tables = Vec::new();
    for path in paths {
        tables.extend(timings.time("open", || crate::data::open(path, &opts))?);
    }
    let name = tables
        .iter()
        .map(|t| t.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    if let Some(t) = tables.iter().find(|t| t.kind != kind) {
        anyhow::bail!(
            "{}: holds a {} table, not {kind}; give files of {kind} (see `courtside inspect`)",
            t.name,
            t.kind
        );
    }
    // A column named twice is read once: said, as inspect says it.
    for t in &tables {
        for n in t.notes.iter().filter(|n| n.contains("more than once")) {
            eprintln!("note: {}: {n}", t.name);
        }
    }
    // Ragged CSV rows and text that is not UTF-8 stop every command, as they stop inspect;
    // values that cannot be read are gaps each answer counts where it reads them.
    timings.time("check", || {
        tables.iter().try_for_each(|t| t.validate_shape())
    })?;
    if kind == TableKind::Shots {
        timings.time("frame check", || warn_frames(&tables))?;
    }
    Ok((crate::data::table::union(&tables)?, name, tables))
}

/// Says on stderr what an answer left out, with where the first such rows are in the files
/// (`rows` picks them, over canonical columns); with `strict`, refuses the answer instead.
pub fn account(
    name: &str,
    left_out: &crate::request::LeftOut,
    noun: &str,
    strict: bool,
    tables: &[crate::data::Table],
    rows: polars::prelude::Expr,
) -> anyhow::Result<()> {
    let Some(m) = left_out.message(noun) else {
        return Ok(());
    };
    let places: Vec<String> = tables
        .iter()
        .filter_map(|t| t.locate(rows.clone(), 5))
        .collect();
    let at = if places.is_empty() {
        String::new()
    } else {
        format!("; the first at {}", places.join("; "))
    };
    if strict {
        anyhow::bail!(
            "{name}: {m}{at}, and --strict asks for every row. Fix those rows in the source, or \
             leave out --strict to answer from the rest."
        );
    }
    eprintln!("note: {name}: {m}{at}");
    Ok(())
}

/// Says on stderr when a shot table's coordinates look scaled, shifted or mirrored, with the
/// fix: a chart drawn from them would be wrong without a word.
pub fn warn_frames(tables: &[crate::data::Table]) -> anyhow::Result<()> {
    for t in tables.iter().filter(|t| t.kind == TableKind::Shots) {
        // A season's fix for a season the data does not have would do nothing in silence.
        let wanted: Vec<&str> = fixes().iter().filter_map(|f| f.season.as_deref()).collect();
        if !wanted.is_empty() {
            let seasons = season_names(t)?;
            for w in wanted.iter().filter(|w| !seasons.iter().any(|s| s == *w)) {
                eprintln!(
                    "warning: {}: --fix-coords names season {w}, which it does not have (its \
                     seasons: {}); that fix does nothing here",
                    t.name,
                    if seasons.is_empty() {
                        "none".to_string()
                    } else {
                        seasons.join(", ")
                    }
                );
            }
        }
        for f in crate::data::quality::frame_check(t)?.findings {
            eprintln!("warning: {}: {}", t.name, f.message());
        }
    }
    Ok(())
}

/// The seasons a table holds, sorted.
fn season_names(t: &crate::data::Table) -> anyhow::Result<Vec<String>> {
    use polars::prelude::*;
    if !t.column_names().contains(&"season") {
        return Ok(Vec::new());
    }
    let df = t.collect(
        t.lazy()
            .select([col("season").cast(DataType::String)])
            .unique(None, UniqueKeepStrategy::Any),
        "cannot read the seasons",
    )?;
    let mut out: Vec<String> = df
        .column("season")?
        .str()?
        .iter()
        .flatten()
        .map(str::to_string)
        .collect();
    out.sort();
    Ok(out)
}

/// Refuses an output that would overwrite an input, or land inside an input folder.
pub fn refuse_input(out: &std::path::Path, inputs: &[PathBuf]) -> anyhow::Result<()> {
    crate::export::refuse_input(out, inputs).map_err(anyhow::Error::msg)
}
