//! `courtside tracking`: a heatmap, speed-zone or distance-by-period chart of tracking data
//! (PNG or SVG), or the per-player summary table (CSV).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use polars::prelude::{IntoLazy, LazyFrame};

use crate::analysis::tracking::{HeatOptions, MotionOptions, TrackFilter};
use crate::cli::timings::Timings;
use crate::court::Court;
use crate::data::TableKind;
use crate::request::tracking::{TrackChart, TrackRequest};
use crate::request::{self, Cancel};

/// Arguments of `tracking`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  courtside tracking sample-data/tracking.parquet --chart heatmap --out game.png
  courtside tracking game.json --player \"Marcus Hale\" --period 4 --from-clock 5:00 --to-clock 0:00 --out hale-q4.png
  courtside tracking kinexon.csv --chart speed --bands 0,2,4,6,7 --out speed.svg
  courtside tracking sample-data/tracking.parquet --out summary.csv     (per-player table)")]
pub struct Args {
    /// Tracking files or folders: canonical Parquet/CSV/NDJSON, SportVU JSON, Kinexon CSV.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Only this player (repeat for several).
    #[arg(long = "player", value_name = "NAME")]
    pub players: Vec<String>,
    /// Only this team's players (repeat for several).
    #[arg(long = "team", value_name = "TEAM")]
    pub teams: Vec<String>,
    /// Only this game (repeat for several).
    #[arg(long = "game", value_name = "ID")]
    pub games: Vec<String>,
    /// Only this period: 1–4, 5 and up for overtime (repeat for several).
    #[arg(long = "period", value_name = "N")]
    pub periods: Vec<i8>,
    /// Game clock where the window starts, e.g. 10:00 (the clock counts down).
    #[arg(long, value_name = "MM:SS", requires = "to_clock")]
    pub from_clock: Option<String>,
    /// Game clock where the window ends, e.g. 5:00.
    #[arg(long, value_name = "MM:SS", requires = "from_clock")]
    pub to_clock: Option<String>,
    /// Heatmap cell size, metres.
    #[arg(long, default_value_t = 1.0)]
    pub grid_m: f64,
    /// Lower bounds of the speed zones, m/s, from 0.
    #[arg(long, value_delimiter = ',', default_value = "0,2,4,6")]
    pub bands: Vec<f64>,
    /// Speed smoothing window, seconds (0: none).
    #[arg(long, default_value_t = 0.3)]
    pub smooth_s: f64,
    /// Acceleration and deceleration threshold, m/s².
    #[arg(long, default_value_t = 3.0)]
    pub accel: f64,
    /// A step longer than this many milliseconds is a gap (missing frames, off the court).
    #[arg(long, default_value_t = 200)]
    pub max_gap_ms: i64,
    /// Heatmap: mirror frames so that play always attacks the same basket.
    #[arg(long)]
    pub one_basket: bool,
    /// The chart (ignored when writing CSV).
    #[arg(long, value_enum, default_value_t = TrackChart::Heatmap)]
    pub chart: TrackChart,
    /// The file to write: .png or .svg (the chart) or .csv (the per-player summary).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Width in pixels.
    #[arg(long, value_parser = clap::value_parser!(u32).range(200..=8000))]
    pub width: Option<u32>,
    /// Height in pixels.
    #[arg(long, value_parser = clap::value_parser!(u32).range(200..=8000))]
    pub height: Option<u32>,
    /// The court to draw.
    #[arg(long, value_enum, default_value_t = Court::Nba)]
    pub court: Court,

    /// Refuse to answer when any selected row is left out (no readable position) instead of
    /// noting it.
    #[arg(long)]
    pub strict: bool,
}
/// "MM:SS" (or plain seconds) as seconds.
pub fn parse_clock(s: &str) -> Result<f32> {
    let bad = || anyhow::anyhow!("{s:?}: give a game clock as MM:SS, e.g. 10:00 or 4:30.5");
    match s.split_once(':') {
        Some((m, sec)) => {
            let m: u32 = m.trim().parse().map_err(|_| bad())?;
            let sec: f32 = sec.trim().parse().map_err(|_| bad())?;
            if !(0.0..60.0).contains(&sec) {
                return Err(bad());
            }
            Ok(m as f32 * 60.0 + sec)
        }
        None => s.trim().parse::<f32>().map_err(|_| bad()),
    }
}

/// Rows of Parquet tracking above which the command line reads it game by game from disk:
/// about 25 games at 25 Hz, some 2 GB in memory.
const ON_DISK_ROWS: u64 = 20_000_000;

/// Opens tracking files as one lazy table, and how to name it.
pub fn open_tracking(
    paths: &[PathBuf],
    workspace: &Path,
    timings: &mut Timings,
) -> Result<(LazyFrame, String, Vec<crate::data::Table>)> {
    let (lf, name, tables) = crate::cli::open_kind(paths, TableKind::Tracking, workspace, timings)?;
    // Past some 25 games, Parquet stays on disk: the table is measured game by game, each
    // game's rows read from the row groups that hold it, so memory stays near one game's
    // worth (sorted by game, as `convert --sort` writes tracking; unsorted, each game reads
    // the whole file, which is slow but still fits). Smaller tables, and text formats (a
    // game would parse every file again), are read once into memory.
    let parquet = tables
        .iter()
        .all(|t| t.format == crate::data::source::Format::Parquet && !t.paths.is_empty());
    if parquet {
        use polars::prelude::{DataType, len};
        let count = lf.clone().select([len().cast(DataType::UInt64).alias("n")]);
        let rows =
            crate::data::table::first_u64(&crate::data::table::collect_aggregate(count)?, "n");
        if rows > ON_DISK_ROWS {
            return Ok((lf, name, tables));
        }
    }
    let df = timings.time("read", || lf.collect())?;
    Ok((df.lazy(), name, tables))
}

/// Runs `tracking`.
pub fn run(args: &Args, workspace: &Path, timings: &mut Timings) -> Result<()> {
    crate::cli::refuse_input(&args.out, &args.paths)?;
    let ext = args
        .out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if !matches!(ext.as_str(), "png" | "svg" | "csv") {
        bail!(
            "{}: write a chart as .png or .svg, or the summary as .csv; name the file so",
            args.out.display()
        );
    }
    if !(0.25..=5.0).contains(&args.grid_m) {
        bail!(
            "--grid-m {}: give a cell between 0.25 and 5 metres",
            args.grid_m
        );
    }
    if !(0.0..=2.0).contains(&args.smooth_s) {
        bail!(
            "--smooth-s {}: give a window between 0 and 2 seconds",
            args.smooth_s
        );
    }
    let motion = MotionOptions {
        max_gap_ms: args.max_gap_ms.max(1),
        smooth_ms: (args.smooth_s * 1000.0).round() as i64,
        bands_mps: args.bands.clone(),
        accel_mps2: args.accel,
    };
    motion
        .check()
        .map_err(|e| anyhow::anyhow!("--bands: {e}"))?;
    let clock_s = match (&args.from_clock, &args.to_clock) {
        (Some(a), Some(b)) => Some((parse_clock(a)?, parse_clock(b)?)),
        _ => None,
    };
    let filter = TrackFilter {
        players: args.players.clone(),
        teams: args.teams.clone(),
        games: args.games.clone(),
        periods: args.periods.clone(),
        clock_s,
        time_ms: None,
    };
    let (lf, name, tables) = open_tracking(&args.paths, workspace, timings)?;
    let columns: Vec<String> = lf
        .clone()
        .collect_schema()?
        .iter_names()
        .map(|n| n.to_string())
        .collect();
    if clock_s.is_some() {
        let schema = lf.clone().collect_schema()?;
        if schema.get("game_clock_s").is_none() {
            bail!(
                "{name}: has no game clock (`game_clock_s`), so --from-clock/--to-clock cannot \
                 select a window; filter by --period instead"
            );
        }
    }
    let ext_csv = ext == "csv";
    let request = TrackRequest {
        heat: HeatOptions {
            cell_m: args.grid_m,
            one_basket: args.one_basket,
            max_gap_ms: motion.max_gap_ms,
        },
        filter,
        motion,
        court: args.court,
        // The heatmap needs a second pass over the rows; nothing else does.
        heatmap: !ext_csv && args.chart == TrackChart::Heatmap,
    };
    let result = timings.time("scan+query", || {
        request::tracking::tracking(lf, &name, &request, &Cancel::default())
    })?;
    if result.players.is_empty() {
        if !result.left_out.is_empty() {
            bail!(
                "{name}: none of the selected rows can be used: {}",
                result.left_out.message("selected row").unwrap_or_default()
            );
        }
        if request.filter == TrackFilter::default() {
            bail!("{name}: holds no tracking rows (a header without rows?)");
        }
        bail!(
            "{name}: no tracking rows match these filters ({})",
            request.filter.describe()
        );
    }
    // Where the rows left out are, when every row was asked for.
    let everything = request.filter == TrackFilter::default();
    crate::cli::account(
        &name,
        &result.left_out,
        "selected row",
        args.strict,
        if everything { &tables } else { &[] },
        request::tracking::left_out_rows(&columns),
    )?;
    if let Some(n) = result.off_court_note() {
        eprintln!("note: {name}: {n}");
    }
    if ext_csv {
        let mut df = result.table.clone();
        timings
            .time("write", || crate::export::write_csv(&args.out, &mut df))
            .with_context(|| format!("{}: cannot write it", args.out.display()))?;
        println!(
            "wrote the summary of {} player(s) to {}",
            result.players.len(),
            args.out.display()
        );
        return Ok(());
    }
    let chart = result
        .chart(args.chart)
        .context("the heatmap was not measured")?;
    let (w, h) = chart.natural_size();
    let (w, h) = (args.width.unwrap_or(w), args.height.unwrap_or(h));
    timings.time("write", || chart.write(&args.out, w, h, 96))?;
    println!(
        "wrote the {} chart of {} player(s) to {}",
        format!("{:?}", args.chart).to_lowercase(),
        result.players.len(),
        args.out.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_read_as_seconds() {
        assert_eq!(parse_clock("10:00").unwrap(), 600.0);
        assert_eq!(parse_clock("4:30.5").unwrap(), 270.5);
        assert_eq!(parse_clock("75").unwrap(), 75.0);
        assert!(parse_clock("4:75").is_err());
        assert!(parse_clock("ten").is_err());
    }
}
