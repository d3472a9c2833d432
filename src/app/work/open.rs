//! Opening a source: its rows read (in slices, with progress), and its check after the
//! first chart.

use super::*;

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
}
