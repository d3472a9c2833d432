//! `courtside zones`: the zone table of a selection of shots, with an optional baseline, as
//! CSV.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use polars::prelude::*;

use crate::analysis::shots::{CustomZone, ZoneBy};
use crate::cli::filters::FilterArgs;
use crate::cli::timings::Timings;
use crate::data::TableKind;
use crate::format::thousands;
use crate::request::{
    self,
    shots::{Baseline, ZonesRequest},
};

/// How to group shots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    /// Restricted Area, In The Paint (Non-RA), Mid-Range, corners, Above the Break 3, Backcourt.
    Basic,
    /// Less Than 8 ft., 8-16 ft., 16-24 ft., 24+ ft., Back Court Shot.
    Range,
    /// Left Side, Left Side Center, Center, Right Side Center, Right Side, Back Court.
    Area,
    /// Your own polygons, from --zones-file.
    Custom,
}

/// Arguments of `zones`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  courtside zones NBA_2024_Shots.csv --out league.csv
  courtside zones NBA_2024_Shots.csv --player \"Stephen Curry\" --baseline league --out curry.csv
  courtside zones shots.parquet --team \"Bay City Breakers\" --by area --baseline league_avg_2024_by_zone.csv --out z.csv")]
pub struct Args {
    /// Shot files or folders.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// How to group shots into zones.
    #[arg(long, value_enum, default_value_t = By::Basic)]
    pub by: By,

    /// Your zones for --by custom: a TOML file of [[zone]] tables with `name` and `points`
    /// ([[x_ft, y_ft], …] in the shot frame). Default: courtside-zones.toml in the workspace.
    #[arg(long, value_name = "FILE.toml")]
    pub zones_file: Option<PathBuf>,

    /// Compare with `league` (the default: every shot of every game of the seasons in view, whatever the
    /// dates, periods or clock), `league-excluding-us` (the same without the selection's own
    /// team: the teams chosen, or the players' teams), `player:NAME` (another player at the
    /// same moments), `dates:FROM..TO` (the same selection on other dates), or a baseline file
    /// (FGA and FGM per zone, e.g. league_avg_2024_by_zone.csv); `none` for the table alone.
    #[arg(
        long,
        value_name = "league|league-excluding-us|player:NAME|dates:FROM..TO|FILE|none",
        default_value = "league"
    )]
    pub baseline: String,

    /// Refuse to answer when any selected row is left out (no readable coordinates), instead
    /// of answering from the rest and saying so.
    #[arg(long)]
    pub strict: bool,

    /// The CSV file to write (replaced atomically).
    #[arg(long, value_name = "FILE.csv")]
    pub out: PathBuf,
}

/// The workspace's saved custom zones.
pub const ZONES_FILE: &str = "courtside-zones.toml";

/// Custom zones in a TOML file.
#[derive(Debug, serde::Deserialize)]
struct ZonesFile {
    zone: Vec<CustomZone>,
}

/// Runs `zones`.
pub fn run(args: &Args, workspace: &Path, timings: &mut Timings) -> Result<()> {
    crate::cli::refuse_input(&args.out, &args.paths)?;
    let request = ZonesRequest {
        filter: args.filter.filter(),
        by: zone_grouping(args.by, args.zones_file.as_deref(), workspace)?,
        baseline: match args.baseline.as_str() {
            "none" => None,
            b => Some(b.parse::<Baseline>().map_err(anyhow::Error::msg)?),
        },
    };
    let (shots, name, tables) = open_shots(&args.paths, workspace, timings)?;
    let r = timings.time("scan+query", || {
        request::shots::zones_in(
            request::shots::Sources(Some(&tables)),
            &shots,
            &name,
            &request,
        )
    })?;
    crate::cli::account(
        &name,
        &r.left_out,
        "selected row",
        args.strict,
        &tables,
        unplaced_rows(&request.filter, &tables),
    )?;
    let mut table = r.table;
    timings
        .time("write", || crate::export::write_csv(&args.out, &mut table))
        .with_context(|| format!("{}: cannot write it", args.out.display()))?;
    println!(
        "{} — {} shots",
        request.filter.describe(),
        thousands(r.shots as u64)
    );
    if let Some(b) = &r.baseline {
        println!("vs {}", b.label());
    }
    print!("{}", render(&table)?);
    println!("wrote {}", args.out.display());
    Ok(())
}

/// The grouping asked for.
pub fn zone_grouping(by: By, zones_file: Option<&Path>, workspace: &Path) -> Result<ZoneBy> {
    let saved = workspace.join(ZONES_FILE);
    let zones_file = zones_file.or(saved.is_file().then_some(saved.as_path()));
    Ok(match (by, zones_file) {
        (By::Basic, _) => ZoneBy::Basic,
        (By::Range, _) => ZoneBy::Range,
        (By::Area, _) => ZoneBy::Area,
        (By::Custom, None) => bail!(
            "--by custom needs your zones: --zones-file FILE.toml, or {} in the workspace ({})",
            ZONES_FILE,
            workspace.display()
        ),
        (By::Custom, Some(file)) => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("{}: cannot read it", file.display()))?;
            let zones: ZonesFile = toml::from_str(&text).map_err(|e| {
                anyhow::anyhow!("{}: not a zones file ({})", file.display(), e.message())
            })?;
            if let Some(z) = zones.zone.iter().find(|z| z.points.len() < 3) {
                bail!(
                    "{}: zone {:?} needs at least 3 points",
                    file.display(),
                    z.name
                );
            }
            ZoneBy::Custom(zones.zone)
        }
    })
}

/// Opens shot files as one lazy table, and a name for messages.
pub fn open_shots(
    paths: &[PathBuf],
    workspace: &Path,
    timings: &mut Timings,
) -> Result<(LazyFrame, String, Vec<crate::data::Table>)> {
    crate::cli::open_kind(paths, TableKind::Shots, workspace, timings)
}

/// The selected rows a shot answer leaves out (see [`request::shots::left_out_rows`]), over
/// these tables.
pub fn unplaced_rows(
    filter: &crate::analysis::shots::ShotFilter,
    tables: &[crate::data::Table],
) -> Expr {
    let labelled = tables
        .iter()
        .all(|t| t.column_names().contains(&"zone_basic"));
    request::shots::left_out_rows(filter, labelled)
}

/// The table as aligned text for the terminal.
fn render(table: &DataFrame) -> Result<String> {
    let zone = table.column("zone")?.str()?;
    let fga = table.column("fga")?.u64()?;
    let fgm = table.column("fgm")?.u64()?;
    let f = |c: &str| -> Result<Float64Chunked> { Ok(table.column(c)?.f64()?.clone()) };
    let (fg, pps, efg, share, diff) = (
        f("fg_pct")?,
        f("pts_per_shot")?,
        f("efg_pct")?,
        f("share")?,
        f("fg_pct_diff")?,
    );
    let mut out = format!(
        "  {:<22} {:>9} {:>9} {:>6} {:>6} {:>6} {:>6} {:>7}\n",
        "zone", "FGA", "FGM", "FG%", "PPS", "eFG%", "share", "vs base"
    );
    for i in 0..table.height() {
        let pct = |v: Option<f64>| v.map_or("".into(), |v| format!("{:.1}", v * 100.0));
        out.push_str(&format!(
            "  {:<22} {:>9} {:>9} {:>6} {:>6} {:>6} {:>6} {:>7}\n",
            zone.get(i).unwrap_or_default(),
            thousands(fga.get(i).unwrap_or(0)),
            thousands(fgm.get(i).unwrap_or(0)),
            pct(fg.get(i)),
            pps.get(i).map_or("".into(), |v| format!("{v:.2}")),
            pct(efg.get(i)),
            pct(share.get(i)),
            diff.get(i)
                .map_or("".into(), |v| format!("{:+.1}", v * 100.0)),
        ));
    }
    Ok(out)
}
