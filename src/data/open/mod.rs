//! Opening sources: files and folders, recognised, mapped and combined into tables.

use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::court;
use crate::data::adapters::{self, Adapted, MappedColumn, SourceInfo, Vendor};
use crate::data::csv::{self, CsvLayout};
use crate::data::error::{self, DataError, Result};
use crate::data::frame::{self, CoordFix};
use crate::data::mapping::{ColumnMapping, MappingStore};
use crate::data::schema::TableKind;
use crate::data::source::{self, Format};
use crate::data::table::{BAD, ColumnSource, Located, ROW, SRC, Table};

mod mapping;

use mapping::{apply_user_mapping, derive, fix_frame};

/// How to open sources.
#[derive(Clone, Debug, Default)]
pub struct OpenOptions {
    /// Read every source as this kind, whatever its columns suggest.
    pub kind: Option<TableKind>,
    /// Column mappings the user saved.
    pub mappings: MappingStore,
    /// Frame fixes for every shot source opened, on top of any saved with its mapping (the
    /// command line's `--fix-coords`).
    pub fixes: Vec<CoordFix>,
}

/// Opens a file or a folder. A folder may hold several tables (files with different columns);
/// files of one table are read as one, and hive partitions (`season=2023-24/…`) become columns.
pub fn open(path: &Path, opts: &OpenOptions) -> Result<Vec<Table>> {
    let meta = std::fs::metadata(path).map_err(|source| DataError::Unreadable {
        path: path.into(),
        cause: source,
    })?;
    if !meta.is_dir() && !meta.is_file() {
        // A pipe would be read forever, a device or socket makes no sense as data.
        #[cfg(unix)]
        let what = {
            use std::os::unix::fs::FileTypeExt;
            let t = meta.file_type();
            if t.is_fifo() {
                "a named pipe"
            } else if t.is_socket() {
                "a socket"
            } else if t.is_block_device() || t.is_char_device() {
                "a device"
            } else {
                "a special file"
            }
        };
        #[cfg(not(unix))]
        let what = "a special file";
        return Err(DataError::Special {
            path: path.into(),
            what,
        });
    }
    if !meta.is_dir() {
        let part = open_part(path, path, opts)?;
        return Ok(vec![table_of(path.display().to_string(), vec![part])?]);
    }
    let mut parts: Vec<Part> = Vec::new();
    let mut skipped: Vec<String> = Vec::new();
    let mut hive_roots: Vec<PathBuf> = Vec::new();
    let (files, walk_notes) = source::files_under(path)?;
    for file in files {
        if !is_data_file(&file) {
            skipped.push(
                file.strip_prefix(path)
                    .unwrap_or(&file)
                    .display()
                    .to_string(),
            );
            continue;
        }
        let rel = file.strip_prefix(path).unwrap_or(&file);
        let hive_at = rel
            .components()
            .position(|c| c.as_os_str().to_string_lossy().contains('='));
        match hive_at {
            Some(i) if i + 1 < rel.components().count() => {
                let root: PathBuf = path.join(rel.components().take(i).collect::<PathBuf>());
                if !hive_roots.contains(&root) {
                    source::check_parquet(&file)?;
                    hive_roots.push(root);
                }
            }
            _ => parts.push(open_part(&file, path, opts)?),
        }
    }
    for root in hive_roots {
        parts.push(open_hive(&root, opts)?);
    }
    if parts.is_empty() {
        return Err(DataError::Empty {
            path: path.into(),
            detail: "the folder holds no Parquet, CSV or NDJSON files".into(),
        });
    }
    // One table per (kind, vendor, format), in the order their first file appears.
    let mut groups: Vec<Vec<Part>> = Vec::new();
    for part in parts {
        let key = (part.adapted.kind, part.adapted.vendor, part.format);
        match groups
            .iter_mut()
            .find(|g| (g[0].adapted.kind, g[0].adapted.vendor, g[0].format) == key)
        {
            Some(g) => g.push(part),
            None => groups.push(vec![part]),
        }
    }
    let many = groups.len() > 1;
    let mut tables: Vec<Table> = groups
        .into_iter()
        .map(|g| {
            let name = if many || g.len() == 1 {
                g.iter()
                    .map(|p| p.display.clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            } else {
                path.display().to_string()
            };
            let name = if g.len() > 3 {
                path.display().to_string()
            } else {
                name
            };
            table_of(name, g)
        })
        .collect::<Result<_>>()?;
    if let Some(first) = tables.first_mut() {
        first.notes.extend(walk_notes);
    }
    if !skipped.is_empty()
        && let Some(first) = tables.first_mut()
    {
        first.notes.push(format!(
            "the folder also holds {} file(s) that are not Parquet, CSV or NDJSON, not read: {}",
            skipped.len(),
            error::list_columns(&skipped).replace('`', "")
        ));
    }
    Ok(tables)
}

/// Opens the Parquet bytes of a canonical table held in memory (the embedded sample).
pub fn open_bytes(name: &str, bytes: &'static [u8]) -> Result<Table> {
    let path = PathBuf::from(name);
    let mut raw = source::scan_parquet_bytes(bytes).map_err(|e| source::parquet_error(&path, e))?;
    let schema = raw
        .collect_schema()
        .map_err(|e| source::parquet_error(&path, e))?;
    let info = SourceInfo {
        path: &path,
        schema: &schema,
        layout: None,
    };
    let adapted = adapt(&info, &OpenOptions::default(), None)?;
    let part = Part {
        display: name.into(),
        path: None,
        format: Format::Parquet,
        source_columns: info.names(),
        indexed: Some((indexed_of(raw.clone(), &adapted, 1, false), "row", None)),
        frame: frame_of(raw, &adapted),
        adapted,
        layout: None,
        user_mapping: false,
        units: source::parquet_units(std::io::Cursor::new(bytes)).unwrap_or_default(),
        schema: None,
    };
    table_of(name.into(), vec![part])
}

fn is_data_file(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    matches!(
        ext.as_str(),
        "parquet" | "pq" | "csv" | "tsv" | "ndjson" | "jsonl" | "json"
    )
}

/// One source file (or hive-partitioned folder), mapped.
struct Part {
    display: String,
    path: Option<PathBuf>,
    format: Format,
    source_columns: Vec<String>,
    adapted: Adapted,
    frame: LazyFrame,
    layout: Option<CsvLayout>,
    user_mapping: bool,
    units: Vec<(String, String)>,
    /// The canonical rows with their place in the file (see [`indexed_of`]), how the place
    /// is named, and the line of the first row of a CSV.
    indexed: Option<(LazyFrame, &'static str, Option<u64>)>,
    /// For one Parquet file: its columns' types, for tallies over its codes.
    schema: Option<SchemaRef>,
}

/// The columns of a file as it stores them, for choosing a mapping.
pub fn columns_of(path: &Path) -> Result<Vec<String>> {
    let (_, _, _, schema, _) = read_schema(path)?;
    Ok(schema.iter_names().map(|n| n.to_string()).collect())
}

/// A file read lazily: its format, scan, CSV layout, schema, and notes from reading it.
type Scanned = (Format, LazyFrame, Option<CsvLayout>, SchemaRef, Vec<String>);

/// A file's lazy scan, its CSV layout, its schema, and notes from reading it.
fn read_schema(path: &Path) -> Result<Scanned> {
    let format = source::detect_format(path)?;
    let mut notes = Vec::new();
    let (mut raw, layout) = match format {
        Format::Json => {
            let (df, read_notes) = adapters::sportvu::read(path)?;
            notes = read_notes;
            (df.lazy(), None)
        }
        Format::Parquet => {
            source::check_parquet(path)?;
            (source::scan_parquet(path)?, None)
        }
        Format::Csv => {
            let layout = csv::csv_layout(path)?;
            (source::scan_csv(path, &layout)?, Some(layout))
        }
        Format::Ndjson => (source::scan_ndjson(path)?, None),
    };
    let schema = raw.collect_schema().map_err(|e| match format {
        Format::Parquet => source::parquet_error(path, e),
        _ if let Some(explained) = source::explain_read_error(path, format) => explained,
        _ => DataError::Polars {
            path: path.into(),
            context: format!("cannot read the {} file's columns", format.name()),
            source: e,
        },
    })?;
    Ok((format, raw, layout, schema, notes))
}

/// Opens one file; `root` is the file or folder the user opened, whose saved mapping holds
/// for its files that have none of their own.
fn open_part(path: &Path, root: &Path, opts: &OpenOptions) -> Result<Part> {
    let (format, raw, layout, schema, read_notes) = read_schema(path)?;
    let info = SourceInfo {
        path,
        schema: &schema,
        layout: layout.as_ref(),
    };
    let user = opts.mappings.get(path).or_else(|| opts.mappings.get(root));
    let mut adapted = adapt(&info, opts, user)?;
    if format == Format::Json {
        adapted.vendor = Vendor::SportVu;
        adapted.notes.extend(read_notes);
    }
    let units = match format {
        Format::Parquet => std::fs::File::open(path)
            .ok()
            .and_then(|f| source::parquet_units(f).ok())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    if let Some(l) = &layout {
        let mut seen: Vec<&str> = Vec::new();
        for h in &l.header {
            if seen.contains(&h.as_str()) {
                adapted.notes.push(format!(
                    "the header names `{h}` more than once; the first of them is read as `{h}`"
                ));
            }
            seen.push(h);
        }
    }
    let indexed = match &layout {
        Some(l) => {
            let first = l.skip_lines as u64 + 2;
            (
                indexed_of(raw.clone(), &adapted, first, true),
                "line",
                Some(first),
            )
        }
        None => (indexed_of(raw.clone(), &adapted, 1, false), "row", None),
    };
    Ok(Part {
        display: path.display().to_string(),
        path: Some(path.into()),
        format,
        source_columns: info.names(),
        indexed: Some(indexed),
        frame: frame_of(
            if layout.is_some() {
                drop_blank_rows(raw, &adapted)
            } else {
                raw
            },
            &adapted,
        ),
        adapted,
        layout,
        user_mapping: user.is_some(),
        units,
        schema: (format == Format::Parquet).then_some(schema),
    })
}

/// A blank line in a CSV reads as a row of nulls; it holds no data, so it is not a row.
///
/// Only the columns the mapping reads are looked at: the others need not be parsed (a
/// Catapult export has a thousand).
fn drop_blank_rows(raw: LazyFrame, a: &Adapted) -> LazyFrame {
    let mut inputs: Vec<&str> = a
        .columns
        .iter()
        .flat_map(|c| c.inputs.iter().map(String::as_str))
        .collect();
    inputs.sort_unstable();
    inputs.dedup();
    let any_value: Vec<Expr> = inputs.iter().map(|n| col(*n).is_not_null()).collect();
    match any_horizontal(any_value) {
        Ok(any) if !inputs.is_empty() => raw.filter(any),
        _ => raw,
    }
}

fn open_hive(root: &Path, opts: &OpenOptions) -> Result<Part> {
    let mut raw = source::scan_parquet(root)?;
    let schema = raw
        .collect_schema()
        .map_err(|e| source::parquet_error(root, e))?;
    let info = SourceInfo {
        path: root,
        schema: &schema,
        layout: None,
    };
    let user = opts.mappings.get(root);
    let adapted = adapt(&info, opts, user)?;
    Ok(Part {
        display: root.display().to_string(),
        path: Some(root.into()),
        format: Format::Parquet,
        source_columns: info.names(),
        frame: frame_of(raw, &adapted),
        adapted,
        layout: None,
        user_mapping: user.is_some(),
        units: Vec::new(),
        // Rows of many files have no one place to point at.
        indexed: None,
        schema: None,
    })
}

/// Recognises and maps one source, applying the user's mapping on top.
fn adapt(
    info: &SourceInfo<'_>,
    opts: &OpenOptions,
    user: Option<&ColumnMapping>,
) -> Result<Adapted> {
    let kind_hint = opts.kind.or(user.and_then(|u| u.kind));
    let detected = adapters::detect(info);
    let vendor_result = match detected {
        Some(Vendor::Canonical) | None => None,
        Some(v) if kind_hint.is_none_or(|k| k == vendor_kind(v)) => {
            Some(adapters::adapt(info, v, None))
        }
        Some(_) => None,
    };
    let mut adapted = match (vendor_result, user) {
        (Some(Ok(a)), _) => a,
        // A vendor file missing a column the user has mapped from elsewhere.
        (Some(Err(DataError::MissingColumn { .. })), Some(u)) if !u.columns.is_empty() => {
            adapters::canonical::adapt(info, vendor_kind(detected.unwrap_or(Vendor::Canonical)))?
        }
        (Some(Err(e)), _) => return Err(e),
        (None, _) => {
            let kind = kind_hint
                .or_else(|| adapters::canonical::detect_kind(info))
                .ok_or_else(|| adapters::unknown_table(info))?;
            adapters::canonical::adapt(info, kind)?
        }
    };
    if let Some(u) = user {
        apply_user_mapping(info, &mut adapted, u)?;
    }
    // The saved fixes, then the command line's on top: a fix is proposed for the coordinates
    // as they are read, saved fixes applied. A fix for a named file holds for that file only.
    let file = info
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    let fixes: Vec<CoordFix> = user
        .map(|u| u.coordinates.clone())
        .unwrap_or_default()
        .into_iter()
        .chain(opts.fixes.iter().cloned())
        .filter(|f| f.file.is_none() || f.file == file)
        .collect();
    if adapted.kind == TableKind::Shots && !fixes.is_empty() {
        fix_frame(&mut adapted, &fixes);
    }
    derive(&mut adapted);
    adapted.sort();
    adapted.check_required(info.path, &info.names())?;
    Ok(adapted)
}

fn vendor_kind(v: Vendor) -> TableKind {
    match v {
        Vendor::NbaShotLog | Vendor::NbaStatsApi | Vendor::Canonical => TableKind::Shots,
        Vendor::CatapultOpenField => TableKind::Load,
        Vendor::Kinexon | Vendor::SportVu => TableKind::Tracking,
    }
}

/// The canonical rows with their place in the source, for pointing at rows left out: the
/// line of a CSV (blank lines read as rows, so the count holds), else the row (1-based). Kept
/// apart from the frame queries read, where a row index would stop filters reaching the scan.
fn indexed_of(raw: LazyFrame, a: &Adapted, first: u64, csv: bool) -> LazyFrame {
    let raw = raw.with_row_index(ROW, None);
    let raw = if csv { drop_blank_rows(raw, a) } else { raw };
    let schema = raw.clone().collect_schema().ok();
    let mut exprs = mapped_exprs(a, schema.as_deref());
    exprs.push((col(ROW).cast(DataType::UInt64) + lit(first)).alias(ROW));
    raw.select(exprs)
}

/// The source frame with the canonical columns, plus hidden columns that flag unreadable text.
fn frame_of(mut raw: LazyFrame, a: &Adapted) -> LazyFrame {
    let schema = raw.collect_schema().ok();
    raw.select(mapped_exprs(a, schema.as_deref()))
}

/// The canonical columns (and the checks' hidden ones) over a source of `schema`.
pub(super) fn mapped_exprs(a: &Adapted, schema: Option<&Schema>) -> Vec<Expr> {
    let mut exprs: Vec<Expr> = Vec::new();
    for c in &a.columns {
        let expr = match a.kind.column(c.canonical) {
            // A cast that changes nothing is left out: it would stop a filter on the column
            // from reaching the file's reader.
            Some(spec)
                if schema
                    .and_then(|s| c.expr.to_field(s).ok())
                    .is_some_and(|f| *f.dtype() == spec.ty.dtype()) =>
            {
                c.expr.clone()
            }
            Some(spec) => c.expr.clone().cast(spec.ty.dtype()),
            None => c.expr.clone(),
        };
        exprs.push(expr.alias(c.canonical));
        if let Some(check) = &c.check {
            exprs.push(
                check
                    .has_value
                    .clone()
                    .fill_null(lit(false))
                    .and(c.expr.clone().is_null())
                    .alias(format!("{BAD}{}", c.canonical)),
            );
            exprs.push(
                col(check.column.as_str())
                    .cast(DataType::String)
                    .alias(format!("{SRC}{}", c.canonical)),
            );
        }
    }
    exprs
}

/// One table from parts of the same kind, vendor and format.
fn table_of(name: String, parts: Vec<Part>) -> Result<Table> {
    let Some(first) = parts.first() else {
        return Err(DataError::Empty {
            path: name.into(),
            detail: "no files".into(),
        });
    };
    let kind = first.adapted.kind;
    let vendor = first.adapted.vendor;
    let format = first.format;
    let mut notes = first.adapted.notes.clone();
    // Union of the parts' columns, in canonical order; a part lacking one gets nulls.
    let mut columns: Vec<ColumnSource> = Vec::new();
    let mut checked: Vec<&'static str> = Vec::new();
    for spec in kind.columns() {
        if let Some(c) = parts
            .iter()
            .flat_map(|p| p.adapted.columns.iter())
            .find(|c| c.canonical == spec.name)
        {
            columns.push(ColumnSource {
                canonical: spec.name,
                source: c.source.clone(),
            });
        }
        if parts
            .iter()
            .flat_map(|p| p.adapted.columns.iter())
            .any(|c| c.canonical == spec.name && c.check.is_some())
        {
            checked.push(spec.name);
        }
    }
    let frames: Vec<LazyFrame> = parts
        .iter()
        .map(|p| {
            let mut exprs = Vec::new();
            for spec in kind.columns() {
                let own = p.adapted.columns.iter().find(|c| c.canonical == spec.name);
                if columns.iter().any(|c| c.canonical == spec.name) {
                    exprs.push(match own {
                        Some(_) => col(spec.name),
                        None => lit(NULL).cast(spec.ty.dtype()).alias(spec.name),
                    });
                }
                if checked.contains(&spec.name) {
                    let has_check = own.is_some_and(|c| c.check.is_some());
                    exprs.push(if has_check {
                        col(format!("{BAD}{}", spec.name))
                    } else {
                        lit(false).alias(format!("{BAD}{}", spec.name))
                    });
                    exprs.push(if has_check {
                        col(format!("{SRC}{}", spec.name))
                    } else {
                        lit(NULL)
                            .cast(DataType::String)
                            .alias(format!("{SRC}{}", spec.name))
                    });
                }
            }
            p.frame.clone().select(exprs)
        })
        .collect();
    let frame = if frames.len() == 1 {
        frames.into_iter().next().unwrap_or_default()
    } else {
        concat(frames, UnionArgs::default()).map_err(|source| DataError::Polars {
            path: name.clone().into(),
            context: "cannot combine the files".into(),
            source,
        })?
    };
    let located = parts
        .iter()
        .filter_map(|p| {
            let (frame, unit, first) = p.indexed.clone()?;
            let csv = match (&p.path, &p.layout, first) {
                (Some(path), Some(layout), Some(first)) => {
                    Some((path.clone(), layout.clone(), first))
                }
                _ => None,
            };
            let mut exprs: Vec<Expr> = kind
                .columns()
                .iter()
                .filter(|spec| columns.iter().any(|c| c.canonical == spec.name))
                .map(|spec| {
                    if p.adapted.has(spec.name) {
                        col(spec.name)
                    } else {
                        lit(NULL).cast(spec.ty.dtype()).alias(spec.name)
                    }
                })
                .collect();
            for c in &checked {
                let has_check = p
                    .adapted
                    .columns
                    .iter()
                    .any(|m| m.canonical == *c && m.check.is_some());
                exprs.push(if has_check {
                    col(format!("{BAD}{c}"))
                } else {
                    lit(false).alias(format!("{BAD}{c}"))
                });
            }
            exprs.push(col(ROW));
            let file = std::path::Path::new(&p.display)
                .file_name()
                .map_or(p.display.clone(), |n| n.to_string_lossy().into_owned());
            Some(Located {
                file,
                frame: frame.select(exprs),
                unit,
                csv,
            })
        })
        .collect();
    if parts.len() > 1 {
        notes.push(format!("{} files read as one table", parts.len()));
    }
    let mut units: Vec<(String, String)> = first
        .units
        .iter()
        .filter(|(c, u)| {
            columns.iter().any(|m| m.canonical == c.as_str())
                && parts
                    .iter()
                    .all(|p| p.units.iter().any(|(pc, pu)| pc == c && pu == u))
        })
        .cloned()
        .collect();
    units.sort();
    for (column, unit) in &units {
        notes.push(format!("{column} is in {unit} (recorded in the file)"));
    }
    Ok(Table {
        name,
        units,
        paths: parts.iter().filter_map(|p| p.path.clone()).collect(),
        format,
        kind,
        vendor,
        columns,
        source_columns: first.source_columns.clone(),
        notes,
        user_mapping: parts.iter().any(|p| p.user_mapping),
        frame,
        checked,
        located,
        coded: parts
            .iter()
            .map(|p| {
                Some(super::coded::CodedSource {
                    path: p.path.clone()?,
                    adapted: p.adapted.clone(),
                    schema: p.schema.clone()?,
                })
            })
            .collect(),
        csv_files: parts
            .iter()
            .filter_map(|p| Some((p.path.clone()?, p.layout.clone()?)))
            .collect(),
    })
}
