//! `courtside map`: save a user's column mapping for a file.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::cli::{open_options, timings::Timings};
use crate::data::mapping::MappingStore;
use crate::data::{self, TableKind};

/// Arguments of `map`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  courtside map tracking.csv --kind tracking --set t_ms=timestamp --set x_ft=X --set y_ft=Y\n  courtside map shots.csv --fix-coords scale=10,y=-5.25     save the frame fix inspect proposes\n  courtside map shots.csv --fix-coords scale=1              take a saved frame fix back"
)]
pub struct Args {
    /// The file or folder the mapping is for.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,

    /// The kind of table the file holds.
    #[arg(long, value_enum)]
    pub kind: Option<TableKind>,

    /// CANONICAL=SOURCE: read canonical column CANONICAL from the file's column SOURCE.
    #[arg(long = "set", value_name = "CANONICAL=SOURCE")]
    pub set: Vec<String>,

    /// The format of text dates, e.g. %d/%m/%Y.
    #[arg(long, value_name = "FORMAT")]
    pub date_format: Option<String>,

    /// Forget the saved mapping of this file.
    #[arg(long)]
    pub clear: bool,
}

/// Runs `map`: updates the mapping, checks the file opens with it, then saves it.
pub fn run(args: &Args, workspace: &Path, timings: &mut Timings) -> Result<()> {
    let mut store = MappingStore::load(workspace)?;
    if args.clear {
        if store.remove(&args.path).is_none() {
            println!("{} has no saved mapping", args.path.display());
            return Ok(());
        }
        store.save(workspace)?;
        println!("forgot the mapping of {}", args.path.display());
        return Ok(());
    }
    let mut mapping = store.get(&args.path).cloned().unwrap_or_default();
    if args.kind.is_some() {
        mapping.kind = args.kind;
    }
    if args.date_format.is_some() {
        mapping.date_format = args.date_format.clone();
    }
    let fixes = crate::cli::fixes();
    if fixes.iter().any(|f| f.is_identity()) {
        // `--fix-coords scale=1` takes the saved fixes back.
        mapping.coordinates.clear();
    }
    // A new fix goes on top of those saved: it was proposed for the coordinates as fixed.
    mapping
        .coordinates
        .extend(fixes.iter().filter(|f| !f.is_identity()).cloned());
    for pair in &args.set {
        let Some((canonical, source)) = pair.split_once('=') else {
            bail!("--set {pair}: write CANONICAL=SOURCE, e.g. --set x_ft=LOC_X");
        };
        mapping
            .columns
            .insert(canonical.trim().to_string(), source.trim().to_string());
    }
    store.set(&args.path, mapping);
    // Check the file opens with the mapping before saving it.
    let mut opts = open_options(workspace, None)?;
    opts.mappings = store.clone();
    opts.fixes.clear();
    let tables = timings.time("open", || data::open(&args.path, &opts))?;
    store.save(workspace)?;
    println!(
        "saved the mapping of {} in {}",
        args.path.display(),
        MappingStore::path_in(workspace).display()
    );
    for t in &tables {
        println!("{} — {} table", t.name, t.kind);
        for c in &t.columns {
            println!("  {:<14} ← {}", c.canonical, c.source);
        }
    }
    crate::cli::warn_frames(&tables)
}
