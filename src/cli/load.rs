//! `courtside load`: the daily load table (ACWR, monotony, strain, bands) or the team overview
//! for one day, as CSV.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use polars::prelude::*;

use crate::analysis::load::{self, Bands, Measure};
use crate::charts::Chart;
use crate::charts::load::Shown;
use crate::cli::{open_options, timings::Timings};
use crate::data::mapping::ColumnMapping;
use crate::data::{self, Table, TableKind};
use crate::format::{plural, thousands};
use crate::request::{
    self,
    load::{LoadChart, LoadChartRequest},
};

/// Arguments of `load`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  courtside load sample-data/load.parquet --out daily.csv
  courtside load sample-data/load.parquet --overview 2024-02-20 --out team.csv
  courtside load sample-data/load.parquet --band-days --from 2024-02-01 --to 2024-02-29 --out feb.csv
  courtside load catapult/ --measure player_load --player John --out john.csv
  courtside load training_load.csv --player-col ID --date-col Training_Date --load-col TL --out acwr.csv

The bands are a guide from contested literature, never a diagnosis.")]
pub struct Args {
    /// Load files or folders (Catapult exports, canonical load tables, mapped CSVs).
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// Refuse to answer when any session row is left out (no player or no date) instead of
    /// noting it.
    #[arg(long)]
    pub strict: bool,

    /// The load measure (default: the first the data has of srpe, player_load, distance_m,
    /// hsr_m).
    #[arg(long, value_enum)]
    pub measure: Option<Measure>,

    /// Only this player (repeat for several).
    #[arg(long = "player", value_name = "NAME")]
    pub players: Vec<String>,

    /// First day written or drawn (default: each player's first session). Every figure is
    /// computed over each player's whole history: the dates only choose what is shown.
    #[arg(long, value_name = "DATE")]
    pub from: Option<NaiveDate>,

    /// Last day written or drawn (default: the last day of the data).
    #[arg(long, value_name = "DATE")]
    pub to: Option<NaiveDate>,

    /// The day a timeline marks and quotes in its subtitle (default: the last day drawn), and
    /// where the team chart ends unless --to says otherwise.
    #[arg(long, value_name = "DATE", conflicts_with_all = ["overview", "band_days"])]
    pub day: Option<NaiveDate>,

    /// ACWR band thresholds: under-loaded below the first, normal to the second, elevated to
    /// the third, high risk above.
    #[arg(long, value_name = "LOW,HIGH,RISK", default_value = "0.8,1.3,1.5")]
    pub bands: String,

    /// Write the team overview for this day instead of the daily table: every player with a
    /// session on or before it, "no recent data" after a week without one.
    #[arg(long, value_name = "DATE", conflicts_with = "band_days")]
    pub overview: Option<NaiveDate>,

    /// Write the days each player spent in each ACWR band from --from to --to instead of the
    /// daily table.
    #[arg(long)]
    pub band_days: bool,

    /// For a generic CSV: the column holding the player.
    #[arg(long, value_name = "COLUMN")]
    pub player_col: Option<String>,

    /// For a generic CSV: the column holding the date (text, YYYYMMDD, or Unix time).
    #[arg(long, value_name = "COLUMN")]
    pub date_col: Option<String>,

    /// For a generic CSV: the column holding the load (read as the chosen measure).
    #[arg(long, value_name = "COLUMN")]
    pub load_col: Option<String>,

    /// The file to write (replaced atomically): .csv for the table, .png or .svg for one
    /// player's timeline (daily load, acute and chronic EWMA, ACWR over the bands).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,

    /// The chart of a .png/.svg --out: one player's timeline or weekly load, or the team's
    /// ACWR bands day by day (default: the last eight weeks).
    #[arg(long, value_enum, default_value_t = LoadChart::Timeline)]
    pub chart: LoadChart,

    /// Chart width in pixels.
    #[arg(long, default_value_t = 1200, value_parser = clap::value_parser!(u32).range(300..=8000))]
    pub width: u32,

    /// Chart height in pixels.
    #[arg(long, default_value_t = 700, value_parser = clap::value_parser!(u32).range(200..=8000))]
    pub height: u32,
}

fn parse_bands(text: &str) -> Result<Bands> {
    let v: Vec<f64> = text
        .split(',')
        .map(|s| s.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| anyhow::anyhow!("--bands {text}: give three numbers, e.g. 0.8,1.3,1.5"))?;
    match v[..] {
        [under, normal, elevated] if under > 0.0 && under < normal && normal < elevated => {
            Ok(Bands {
                under,
                normal,
                elevated,
            })
        }
        _ => bail!("--bands {text}: give three increasing positive numbers, e.g. 0.8,1.3,1.5"),
    }
}

/// Runs `load`.
pub fn run(args: &Args, workspace: &Path, timings: &mut Timings) -> Result<()> {
    crate::cli::refuse_input(&args.out, &args.paths)?;
    let ext = args
        .out
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let table = args.overview.is_some() || args.band_days;
    let chart = match ext.as_str() {
        "csv" => false,
        "png" | "svg" if !table => true,
        "png" | "svg" => bail!("--overview and --band-days write a table: name a .csv file"),
        _ => bail!(
            "{}: write .csv (tables) or .png/.svg (a chart)",
            args.out.display()
        ),
    };
    let bands = parse_bands(&args.bands)?;
    let mut opts = open_options(workspace, Some(TableKind::Load))?;
    let flags = [&args.player_col, &args.date_col, &args.load_col];
    if flags.iter().any(|f| f.is_some()) {
        let [Some(p), Some(d), Some(l)] = flags else {
            bail!("--player-col, --date-col and --load-col go together");
        };
        let measure = args.measure.unwrap_or(Measure::PlayerLoad);
        let columns = BTreeMap::from([
            ("player".to_string(), p.clone()),
            ("date".to_string(), d.clone()),
            (measure.column().to_string(), l.clone()),
        ]);
        for path in &args.paths {
            opts.mappings.set(
                path,
                ColumnMapping {
                    kind: Some(TableKind::Load),
                    columns: columns.clone(),
                    ..Default::default()
                },
            );
        }
    }
    let mut tables: Vec<Table> = Vec::new();
    for path in &args.paths {
        tables.extend(timings.time("open", || data::open(path, &opts))?);
    }
    for t in &tables {
        t.validate_shape()?;
    }
    let lf = data::table::union(&tables)?;
    // Sessions without a player or a date cannot join a series: counted and said.
    let left_out = request::load::left_out(&lf)?;
    let source = args
        .paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    crate::cli::account(
        &source,
        &left_out,
        "session row",
        args.strict,
        &tables,
        col("player").is_null().or(col("date").is_null()),
    )?;
    let names = tables
        .iter()
        .map(|t| t.column_names())
        .fold(Vec::new(), |mut acc, n| {
            acc.extend(n);
            acc
        });
    let measure = match args.measure {
        Some(m) => m,
        None => Measure::default_for(|c| names.contains(&c))
            .context("the data has no load measure (srpe, player_load, distance_m or hsr_m)")?,
    };
    // A load that cannot be read is a session without load: never quietly.
    for t in &tables {
        for w in t.unreadable(&[measure.column()])? {
            if args.strict {
                bail!(
                    "{}: {} of `{}` cannot be read as {} (for example {}), and strict mode asks \
                     for every row. Fix them in the source.",
                    t.name,
                    crate::format::plural(w.bad, "value"),
                    w.canonical,
                    w.expected,
                    w.examples
                );
            }
            eprintln!(
                "note: {}: {} of `{}` cannot be read as {} (for example {}): those sessions count \
                 as sessions without load",
                t.name,
                crate::format::plural(w.bad, "value"),
                w.canonical,
                w.expected,
                w.examples
            );
        }
    }
    // Every player's series over all the data, then the players asked for.
    let mut series = timings
        .time("scan+query", || request::load::series(lf, measure))
        .map_err(|e| anyhow::anyhow!("{source}: {e}"))?;
    for p in &args.players {
        if !series.iter().any(|s| &s.player == p) {
            bail!("no load for a player named {p:?} (check the spelling with `courtside inspect`)");
        }
    }
    if !args.players.is_empty() {
        series.retain(|s| args.players.contains(&s.player));
    }
    if args.overview.is_some() && (args.from.is_some() || args.to.is_some()) {
        bail!(
            "--overview shows one day: leave out --from/--to (--band-days counts the days of a range)"
        );
    }
    request::load::check_range(&series, args.from, args.to)?;
    if let Some(day) = args.day {
        let (first, last) = load::span(&series).unwrap_or_default();
        if day < first || day > last {
            bail!("--day {day}: no load data that day; the data runs from {first} to {last}");
        }
    }
    if chart {
        let request = LoadChartRequest {
            chart: args.chart,
            measure,
            bands,
            player: None,
            shown: Shown {
                from: args.from,
                to: args.to,
                day: args.day,
            },
        };
        let chart = request::load::chart(&series, &request)?;
        timings.time("write", || {
            chart.write(&args.out, args.width, args.height, 96)
        })?;
        match &chart {
            Chart::Team(t) => println!(
                "wrote the team's bands from {} to {} ({} players) to {}",
                t.from,
                t.to,
                series.len(),
                args.out.display()
            ),
            Chart::Weekly(w) => println!(
                "wrote {}'s weekly load ({}) to {}",
                series[0].player,
                plural(w.weeks.len() as u64, "week"),
                args.out.display()
            ),
            Chart::Timeline(t) => println!(
                "wrote {}'s timeline ({}) to {}",
                series[0].player,
                plural(t.load.len() as u64, "day"),
                args.out.display()
            ),
            _ => {}
        }
        return Ok(());
    }
    let mut table = timings.time("metrics", || -> Result<DataFrame> {
        Ok(match args.overview {
            Some(day) => request::load::overview(&series, day, &bands)?,
            None if args.band_days => load::band_days(&series, &bands, args.from, args.to)?,
            None => load::daily_table(&series, &bands, args.from, args.to)?,
        })
    })?;
    timings
        .time("write", || crate::export::write_csv(&args.out, &mut table))
        .with_context(|| format!("{}: cannot write it", args.out.display()))?;
    match args.overview {
        Some(day) => {
            println!("team on {day} ({}), highest risk first:", measure.column());
            let p = table.column("player")?.str()?;
            let a = table.column("acwr_ewma")?.f64()?;
            let b = table.column("band")?.str()?;
            let since = table.column("days_since_session")?.i64()?;
            let stale = table.column("no_recent_data")?.bool()?;
            let warm = table.column("warmup")?.bool()?;
            for i in 0..table.height() {
                let mut band = b.get(i).unwrap_or("").to_string();
                if warm.get(i) == Some(true) {
                    band.push_str(" (warm-up)");
                }
                match (stale.get(i), since.get(i)) {
                    (Some(true), Some(d)) => {
                        band = format!("no recent data (last session {d} days before)");
                    }
                    (_, Some(d)) if d > 0 => {
                        band.push_str(&format!(
                            " · last session {} before",
                            plural(d as u64, "day")
                        ));
                    }
                    _ => {}
                }
                println!(
                    "  {:<20} ACWR {:>5} {band}",
                    p.get(i).unwrap_or_default(),
                    a.get(i).map_or("—".into(), |v| format!("{v:.2}")),
                );
            }
        }
        None if args.band_days => println!(
            "days in each ACWR band ({}) for {}{}",
            measure.column(),
            plural(table.height() as u64, "player"),
            match (args.from, args.to) {
                (Some(a), Some(b)) => format!(" from {a} to {b}"),
                (Some(a), None) => format!(" from {a}"),
                (None, Some(b)) => format!(" to {b}"),
                (None, None) => String::new(),
            }
        ),
        None => println!(
            "{} player-days of {} for {}",
            thousands(table.height() as u64),
            measure.column(),
            // Players with a day in the window.
            plural(
                series
                    .iter()
                    .filter(|s| !s.window(args.from, args.to).is_empty())
                    .count() as u64,
                "player"
            )
        ),
    }
    println!("wrote {}", args.out.display());
    Ok(())
}
