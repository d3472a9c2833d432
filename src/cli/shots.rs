//! `courtside shots`: a shot chart of a selection, exported as PNG or SVG.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::charts::Chart;
use crate::charts::export::ImageFormat;
use crate::charts::spec::{self, ChartKind, ChartOptions};
use crate::cli::filters::FilterArgs;
use crate::cli::timings::Timings;
use crate::cli::zones::open_shots;
use crate::court::Court;
use crate::format::thousands;
use crate::request::shots::{Baseline, ShotsRequest};
use crate::request::{self, Cancel};

/// Arguments of `shots`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  courtside shots NBA_2024_Shots.csv --player \"Stephen Curry\" --chart hex --out curry.png
  courtside shots NBA_2024_Shots.csv --team \"Boston Celtics\" --period 4 --chart zones --out bos-q4.svg
  courtside shots --help      (every filter is also a filter of `courtside zones`)")]
pub struct Args {
    /// Shot files or folders.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// The chart.
    #[arg(long, value_enum, default_value_t = ChartKind::Hex)]
    pub chart: ChartKind,

    /// Colour zones against `league` (every shot of every game of the seasons in view: the
    /// default), `league-excluding-us` (the same without the selection's team), `player:NAME`,
    /// `dates:FROM..TO`, or a baseline file (FGA and FGM per zone).
    #[arg(
        long,
        value_name = "league|league-excluding-us|player:NAME|dates:FROM..TO|FILE",
        default_value = "league"
    )]
    pub baseline: String,

    /// Refuse to answer when any selected row is left out (no readable coordinates), instead
    /// of answering from the rest and saying so.
    #[arg(long)]
    pub strict: bool,

    /// The file to write: .png or .svg (replaced atomically).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,

    /// Width in pixels (at 96 dpi).
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(200..=8000))]
    pub width: u32,

    /// Height in pixels (at 96 dpi).
    #[arg(long, default_value_t = 1100, value_parser = clap::value_parser!(u32).range(200..=8000))]
    pub height: u32,

    /// Resolution of a PNG: 192 doubles the pixels for print, keeping the layout.
    #[arg(long, default_value_t = 96, value_parser = clap::value_parser!(u32).range(48..=600))]
    pub dpi: u32,

    /// Hexagon width in feet (hex chart).
    #[arg(long, default_value_t = 1.5)]
    pub hex_width: f64,

    /// Cell size in feet (grid chart).
    #[arg(long, default_value_t = 1.0)]
    pub cell: f64,

    /// Smoothing in feet (kde chart).
    #[arg(long, default_value_t = 2.0)]
    pub bandwidth: f64,

    /// The court to draw.
    #[arg(long, value_enum, default_value_t = Court::Nba)]
    pub court: Court,

    /// Draw the full court (backcourt heaves included).
    #[arg(long)]
    pub full_court: bool,

    /// Show lengths in feet or metres (default: metres on a FIBA court, else feet).
    #[arg(long, value_enum)]
    pub units: Option<spec::Units>,
}

/// Runs `shots`.
pub fn run(args: &Args, workspace: &Path, timings: &mut Timings) -> Result<()> {
    crate::cli::refuse_input(&args.out, &args.paths)?;
    if ImageFormat::of(&args.out).is_none() {
        bail!(
            "{}: charts are written as .png or .svg; name the file so",
            args.out.display()
        );
    }
    for (what, v) in [
        ("--hex-width", args.hex_width),
        ("--cell", args.cell),
        ("--bandwidth", args.bandwidth),
    ] {
        if !(0.25..=10.0).contains(&v) {
            bail!("{what} {v}: give a size between 0.25 and 10 feet");
        }
    }
    let baseline: Baseline = args.baseline.parse().map_err(anyhow::Error::msg)?;
    let request = ShotsRequest {
        filter: args.filter.filter(),
        baseline,
        chart: ChartOptions {
            kind: args.chart,
            court: args.court,
            full_court: args.full_court,
            hex_width: args.hex_width,
            cell: args.cell,
            bandwidth: args.bandwidth,
            units: args.units.unwrap_or(spec::Units::of(args.court)),
            ..Default::default()
        },
    };
    let (shots, name, tables) = open_shots(&args.paths, workspace, timings)?;
    let result = timings.time("scan+query", || {
        request::shots::shots(&shots, &name, &request, &Cancel::default())
    })?;
    crate::cli::account(
        &name,
        &result.left_out,
        "selected row",
        args.strict,
        &tables,
        crate::cli::zones::unplaced_rows(&request.filter, &tables),
    )?;
    let chart = Chart::Court(result.chart);
    timings.time("write", || {
        chart.write(&args.out, args.width, args.height, args.dpi)
    })?;
    println!(
        "wrote {} ({} chart, {} shots) to {}",
        chart.title(),
        format!("{:?}", args.chart).to_lowercase(),
        thousands(result.shots as u64),
        args.out.display()
    );
    Ok(())
}
