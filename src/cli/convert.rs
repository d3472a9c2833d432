//! `courtside convert`: any supported input to one canonical Parquet file.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use polars::prelude::*;

use crate::cli::{open_options, timings::Timings};
use crate::data::{self, Table, TableKind};
use crate::format::thousands;

/// Arguments of `convert`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders of one table kind.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// The Parquet file to write (replaced atomically if it exists).
    #[arg(long, value_name = "FILE.parquet")]
    pub out: PathBuf,

    /// Read the inputs as this kind of table, whatever their columns suggest.
    #[arg(long, value_enum)]
    pub kind: Option<TableKind>,

    /// Write the rows in the order questions pick them: shots by season, team, player, date
    /// and game; tracking by game, period, object and time; load by player and date. A
    /// question about one player or one game then reads a few row groups instead of the
    /// whole file (for archives). Without it the rows keep the inputs' order.
    #[arg(long)]
    pub sort: bool,
}

/// Runs `convert`.
pub fn run(args: &Args, workspace: &Path, timings: &mut Timings) -> Result<()> {
    crate::cli::refuse_input(&args.out, &args.paths)?;
    let opts = open_options(workspace, args.kind)?;
    let mut tables: Vec<Table> = Vec::new();
    for path in &args.paths {
        tables.extend(timings.time("open", || data::open(path, &opts))?);
    }
    let kinds: Vec<String> = tables
        .iter()
        .map(|t| format!("{} ({})", t.name, t.kind))
        .collect();
    let Some(kind) = tables.first().map(|t| t.kind) else {
        bail!("nothing to convert");
    };
    if tables.iter().any(|t| t.kind != kind) {
        bail!(
            "the inputs hold tables of different kinds: {}. Convert each kind to its own file.",
            kinds.join(", ")
        );
    }
    let mut df = timings.time("scan+query", || collect_all(&tables, args.sort))?;
    crate::cli::warn_frames(&tables)?;
    if df.height() == 0 {
        bail!(
            "{}: the inputs hold no rows, so there is nothing to write",
            kinds.join(", ")
        );
    }
    let rows = df.height();
    timings
        .time("write", || {
            crate::export::write_parquet(&args.out, &mut df, &units_of(&tables))
        })
        .with_context(|| format!("{}: cannot write it", args.out.display()))?;
    println!(
        "wrote {} {} rows ({} columns) to {}",
        thousands(rows as u64),
        kind,
        df.width(),
        args.out.display()
    );
    Ok(())
}

/// The units the tables record, where they agree (a unit two inputs disagree on is dropped:
/// the values are then not in one unit, which the missing unit shows).
fn units_of(tables: &[Table]) -> Vec<(String, String)> {
    let mut units: Vec<(String, String)> = Vec::new();
    for (column, unit) in tables.iter().flat_map(|t| t.units.iter()) {
        if !units.iter().any(|(c, _)| c == column) {
            units.push((column.clone(), unit.clone()));
        }
    }
    units.retain(|(column, unit)| {
        tables
            .iter()
            .all(|t| t.units.iter().any(|(c, u)| c == column && u == unit))
    });
    units
}

/// Validates each table and reads them into one canonical frame (columns in canonical order;
/// a table lacking an optional column gets nulls there), `sorted` by [`sort_keys`].
pub fn collect_all(tables: &[Table], sorted: bool) -> Result<DataFrame> {
    for t in tables {
        t.validate()?;
    }
    let lf = crate::data::table::union(tables)?;
    let keys: Vec<&str> = sort_keys(tables[0].kind)
        .iter()
        .copied()
        .filter(|k| tables.iter().all(|t| t.column_names().contains(k)))
        .collect();
    let lf = if keys.is_empty() || !sorted {
        lf
    } else {
        lf.sort(
            keys,
            SortMultipleOptions::default()
                .with_nulls_last(true)
                .with_maintain_order(true),
        )
    };
    Ok(tables[0].collect(lf, "cannot read the data")?)
}

/// The order `convert` writes each kind in: rows a question usually picks together sit
/// together, so that the row groups' statistics let a reader skip the others (a player's
/// shots of a season are one or two row groups; a game's tracking is its own).
pub fn sort_keys(kind: TableKind) -> &'static [&'static str] {
    match kind {
        TableKind::Shots => &["season", "team", "player", "game_date", "game_id"],
        TableKind::Tracking => &["game_id", "period", "player_id", "player", "t_ms"],
        TableKind::Load => &["player", "date"],
    }
}
