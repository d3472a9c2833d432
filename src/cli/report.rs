//! `courtside report`: a report from a template (built in or a file) or a saved report, as
//! PDF or PNG pages, through the same functions as the app's Report view.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use chrono::NaiveDate;
use polars::prelude::*;

use crate::cli::{open_options, timings::Timings};
use crate::data::{self, TableKind};
use crate::report::build::{self, ReportData};
use crate::report::template::{self, Target};
use crate::report::{Dates, Paper, Report, pdf};
use crate::request::Cancel;

/// Arguments of `report`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  courtside report opponent NBA_2024_Shots.csv --team \"Boston Celtics\" --last-games 10 --out celtics.pdf
  courtside report development sample-data/shots.parquet sample-data/load.parquet --player \"Marcus Hale\" --from 2024-02-01 --to 2024-03-31 --out hale.pdf
  courtside report celtics.courtside-report.json NBA_2024_Shots.csv --out pages/
  courtside report opponent --write-template my-opponent.courtside-report.json")]
pub struct Args {
    /// A built-in template (opponent, development), a template or a saved report file.
    #[arg(value_name = "TEMPLATE")]
    pub template: String,

    /// Shot logs and load files the report reads.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// The team a template is about.
    #[arg(long)]
    pub team: Option<String>,

    /// The player a template is about.
    #[arg(long)]
    pub player: Option<String>,

    /// The last N games of the team (or player).
    #[arg(long, value_name = "N", conflicts_with_all = ["from", "to"], value_parser = clap::value_parser!(u32).range(1..))]
    pub last_games: Option<u32>,

    /// First day of the games covered.
    #[arg(long, value_name = "DATE", requires = "to")]
    pub from: Option<NaiveDate>,

    /// Last day of the games covered.
    #[arg(long, value_name = "DATE", requires = "from")]
    pub to: Option<NaiveDate>,

    /// Players on the built-in opponent template's player pages (a template file says its
    /// own number).
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub top: u32,

    /// The author named on the cover.
    #[arg(long)]
    pub author: Option<String>,

    /// Paper size.
    #[arg(long, value_enum)]
    pub paper: Option<Paper>,

    /// Landscape pages.
    #[arg(long)]
    pub landscape: bool,

    /// Also save the report (to edit in the app, or apply again).
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,

    /// Write the built-in TEMPLATE to this file to edit, and nothing else.
    #[arg(long, value_name = "FILE")]
    pub write_template: Option<PathBuf>,

    /// FILE.pdf for a PDF, or a folder for one PNG per page.
    #[arg(
        long,
        value_name = "FILE.pdf|DIR",
        required_unless_present = "write_template"
    )]
    pub out: Option<PathBuf>,
}

/// The template or report named on the command line.
pub fn template_of(name: &str, top: u32) -> Result<Report> {
    if name == "opponent" {
        return Ok(template::opponent(top));
    }
    if let Some(t) = template::builtin(name) {
        return Ok(t);
    }
    let path = Path::new(name);
    if !path.exists() {
        bail!(
            "{name}: no such template: name a built-in one ({}) or a .courtside-report.json file",
            template::BUILTINS.join(", ")
        );
    }
    Ok(Report::read(path)?)
}

/// Reads the paths' shots and load into memory (each block reads them again).
fn open_data(paths: &[PathBuf], workspace: &Path, timings: &mut Timings) -> Result<ReportData> {
    let opts = open_options(workspace, None)?;
    let mut tables = Vec::new();
    for path in paths {
        tables.extend(timings.time("open", || data::open(path, &opts))?);
    }
    for t in &tables {
        t.validate_shape()?;
    }
    crate::cli::warn_frames(&tables)?;
    let of = |kind: TableKind| -> Result<Option<LazyFrame>> {
        let these: Vec<_> = tables.iter().filter(|t| t.kind == kind).cloned().collect();
        if these.is_empty() {
            return Ok(None);
        }
        let df = data::table::union(&these)?.collect()?;
        Ok(Some(df.lazy()))
    };
    let data = ReportData {
        shots: timings.time("scan+query", || of(TableKind::Shots))?,
        load: of(TableKind::Load)?,
        tracking: of(TableKind::Tracking)?,
    };
    // Rows no block can use, said once for the whole report (each block's own selection
    // leaves out at most these).
    let of_kind = |kind: TableKind| -> Vec<data::Table> {
        tables.iter().filter(|t| t.kind == kind).cloned().collect()
    };
    if let Some(shots) = &data.shots {
        let acc = crate::request::shots::account(shots, &Default::default())?;
        let these = of_kind(TableKind::Shots);
        crate::cli::account(
            &names(&these),
            &acc.left_out(),
            "shot row",
            false,
            &these,
            crate::cli::zones::unplaced_rows(&Default::default(), &these),
        )?;
    }
    if let Some(load) = &data.load {
        let left_out = crate::request::load::left_out(load)?;
        let these = of_kind(TableKind::Load);
        crate::cli::account(
            &names(&these),
            &left_out,
            "session row",
            false,
            &these,
            polars::prelude::col("player")
                .is_null()
                .or(polars::prelude::col("date").is_null()),
        )?;
    }
    Ok(data)
}

fn names(tables: &[data::Table]) -> String {
    tables
        .iter()
        .map(|t| t.name.clone())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs `report`.
pub fn run(args: &Args, workspace: &Path, timings: &mut Timings) -> Result<()> {
    let template = template_of(&args.template, args.top)?;
    if let Some(path) = &args.write_template {
        template.write(path)?;
        println!("wrote the template to {}", path.display());
        return Ok(());
    }
    let Some(out) = &args.out else {
        bail!("name the output: --out FILE.pdf or --out DIR for PNG pages");
    };
    crate::cli::refuse_input(out, &args.paths)?;
    let data = open_data(&args.paths, workspace, timings)?;
    let is_template = template.is_template();
    // A saved report made from a template can be applied again (newer games, another team).
    let reapplies = template.template.is_some()
        && (args.team.is_some()
            || args.player.is_some()
            || args.last_games.is_some()
            || args.from.is_some());
    let apply = is_template || reapplies;
    let mut report = if apply {
        let old = template.subject.clone().unwrap_or_default();
        let target = Target {
            team: args.team.clone().or(old.team),
            player: args.player.clone().or(old.player),
            dates: match (args.last_games, args.from, args.to) {
                (Some(n), _, _) => Dates::LastGames(n),
                (_, Some(a), Some(b)) => Dates::Range(a, b),
                _ => old.dates,
            },
            author: args.author.clone(),
        };
        let previous = (!is_template).then_some(&template);
        timings.time("scan+query", || {
            template::apply(&template, &target, &data, previous)
        })?
    } else {
        template
    };
    if let Some(p) = args.paper {
        report.paper = p;
    }
    if let Some(a) = &args.author {
        report.author = a.clone();
    }
    report.landscape |= args.landscape;
    let pages = timings.time("scan+query", || {
        build::build(&report, &data, &Cancel::default())
    })?;
    if let Some(path) = &args.save {
        report.write(path)?;
    }
    let is_pdf = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if is_pdf {
        timings.time("write", || pdf::write_pdf(&report, &pages, out))?;
        println!(
            "wrote {} ({}) to {}",
            report.title,
            crate::format::plural(pages.len() as u64, "page"),
            out.display()
        );
    } else {
        if out.extension().is_some() && !out.is_dir() {
            bail!(
                "{}: write a .pdf, or name a folder for one PNG per page",
                out.display()
            );
        }
        let files = timings.time("write", || pdf::write_pngs(&report, &pages, out))?;
        println!(
            "wrote {} as {} in {}",
            report.title,
            crate::format::plural(files.len() as u64, "PNG page"),
            out.display()
        );
    }
    let problems: Vec<String> = pages
        .iter()
        .flat_map(|p| {
            p.parts.iter().filter_map(move |b| match b {
                build::Part::Problem(why) => Some(format!("{}: {why}", p.title)),
                _ => None,
            })
        })
        .collect();
    for p in &problems {
        eprintln!("note: {p}");
    }
    Ok(())
}
