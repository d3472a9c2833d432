//! `courtside inspect`: what Courtside sees in files.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::cli::{open_options, timings::Timings};
use crate::data::quality::{Inspection, inspect};
use crate::data::{self, Table, TableKind};
use crate::format::thousands;

/// Arguments of `inspect`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders (Parquet, CSV, NDJSON; a folder of Catapult exports is one table).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Inspect the sample season built into Courtside instead.
    #[arg(long)]
    pub sample: bool,

    /// Read the inputs as this kind of table, whatever their columns suggest.
    #[arg(long, value_enum)]
    pub kind: Option<TableKind>,

    /// Print JSON (one array of tables) instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Runs `inspect`.
pub fn run(args: &Args, workspace: &Path, timings: &mut Timings) -> Result<()> {
    if args.paths.is_empty() && !args.sample {
        bail!(
            "give one or more files or folders to inspect, or --sample for the built-in sample season"
        );
    }
    let opts = open_options(workspace, args.kind)?;
    let mut tables: Vec<Table> = Vec::new();
    if args.sample {
        tables.extend(timings.time("open", crate::sample::open_embedded)?);
    }
    for path in &args.paths {
        tables.extend(timings.time("open", || data::open(path, &opts))?);
    }
    let mut reports = Vec::new();
    for table in &tables {
        reports.push(timings.time("scan+query", || inspect(table))?);
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&reports)?);
    } else {
        for (i, r) in reports.iter().enumerate() {
            if i > 0 {
                println!();
            }
            print!("{}", render(r));
        }
    }
    Ok(())
}

/// The text report of one table.
pub fn render(r: &Inspection) -> String {
    let mut out = String::new();
    let mut line = |label: &str, value: String| {
        out.push_str(&format!("  {label:<10} {value}\n"));
    };
    let mut head = format!("{}\n", r.name);
    head.push_str(&format!(
        "  {:<10} {} — {} ({}{})\n",
        "table",
        r.kind,
        r.vendor,
        r.format,
        if r.files > 1 {
            format!(", {} files", r.files)
        } else {
            String::new()
        }
    ));
    line("rows", thousands(r.rows));
    let mut reach = Vec::new();
    for (n, what) in [
        (r.games, "game"),
        (r.sessions, "session"),
        (r.players, "player"),
        (r.teams, "team"),
    ] {
        if let Some(n) = n {
            reach.push(format!(
                "{} {what}{}",
                thousands(n),
                if n == 1 { "" } else { "s" }
            ));
        }
    }
    if !reach.is_empty() {
        line("covers", reach.join(", "));
    }
    if let (Some(a), Some(b)) = (&r.first_date, &r.last_date) {
        line("dates", format!("{a} to {b}"));
    }
    let width = r
        .mapping
        .iter()
        .map(|m| m.canonical.len())
        .max()
        .unwrap_or(0);
    for (i, m) in r.mapping.iter().enumerate() {
        let coverage = match r.partial.iter().find(|(c, _)| *c == m.canonical) {
            Some((_, n)) => format!(
                "   [values in {} of {} rows; the rest are missing]",
                thousands(*n),
                thousands(r.rows)
            ),
            None if r.empty.contains(&m.canonical) => "   [no values: missing]".into(),
            None => String::new(),
        };
        line(
            if i == 0 { "mapping" } else { "" },
            format!("{:<width$} ← {}{coverage}", m.canonical, m.source),
        );
    }
    if !r.missing.is_empty() || !r.empty.is_empty() {
        let mut all: Vec<&str> = r.empty.clone();
        all.extend(r.missing.iter().copied());
        line("missing", all.join(", "));
    }
    for (i, n) in r.notes.iter().enumerate() {
        line(if i == 0 { "notes" } else { "" }, n.clone());
    }
    if r.problems.is_empty() {
        line("problems", "none found".into());
    } else {
        for (i, p) in r.problems.iter().enumerate() {
            line(if i == 0 { "problems" } else { "" }, p.clone());
        }
    }
    if r.user_mapping {
        line("", "(read with your saved column mapping)".into());
    }
    head + &out
}
