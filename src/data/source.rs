//! Opening files lazily: which format a file is and a Polars scan of it, and explaining a
//! read that failed. Nothing here reads a whole file, but for finding the line at fault.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::data::csv::{CsvLayout, first_non_utf8_line};
use crate::data::error::{DataError, Result};

/// A file format Courtside reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Parquet,
    Csv,
    Ndjson,
    /// One JSON document (SportVU tracking).
    Json,
}

impl Format {
    /// Lower-case name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Parquet => "parquet",
            Format::Csv => "csv",
            Format::Ndjson => "ndjson",
            Format::Json => "json",
        }
    }
}

/// The format of the file at `path`, from its extension or else its first bytes.
///
/// Also proves the file can be opened and is not empty, and that JSON is not nested deeper
/// than data is.
pub fn detect_format(path: &Path) -> Result<Format> {
    let format = sniff_format(path)?;
    if matches!(format, Format::Json | Format::Ndjson) {
        check_json_depth(path)?;
    }
    Ok(format)
}

fn sniff_format(path: &Path) -> Result<Format> {
    let mut file = File::open(path).map_err(|source| DataError::Unreadable {
        path: path.into(),
        cause: source,
    })?;
    let mut head = [0u8; 512];
    let n = read_up_to(&mut file, &mut head).map_err(|source| DataError::Unreadable {
        path: path.into(),
        cause: source,
    })?;
    if n == 0 {
        return Err(DataError::Empty {
            path: path.into(),
            detail: "0 bytes".into(),
        });
    }
    let head = &head[..n];
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "parquet" | "pq" => return Ok(Format::Parquet),
        "csv" | "tsv" | "txt" => return Ok(Format::Csv),
        "json" if crate::data::adapters::sportvu::looks_like(strip_bom(head)) => {
            return Ok(Format::Json);
        }
        "ndjson" | "jsonl" | "json" => return Ok(Format::Ndjson),
        _ => {}
    }
    if head.starts_with(b"PAR1") {
        return Ok(Format::Parquet);
    }
    let text = strip_bom(head);
    match text.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') if crate::data::adapters::sportvu::looks_like(text) => Ok(Format::Json),
        Some(b'{') => Ok(Format::Ndjson),
        _ if std::str::from_utf8(text).is_ok() && text.contains(&b',') => Ok(Format::Csv),
        _ => Err(DataError::UnknownFormat {
            path: path.into(),
            detail: if ext.is_empty() {
                "no extension, and the first bytes are not Parquet, CSV or JSON".into()
            } else {
                format!("extension `.{ext}`")
            },
        }),
    }
}

/// JSON nested deeper than this is refused before any JSON reader sees it: data records are a
/// few levels deep (SportVU's moments are four), and a bracket bomb would exhaust the stack.
const MAX_JSON_DEPTH: usize = 64;

/// The first line where the JSON of `path` nests deeper than [`MAX_JSON_DEPTH`].
fn json_too_deep(path: &Path) -> std::io::Result<Option<u64>> {
    let mut file = File::open(path)?;
    let mut buf = vec![0u8; 1 << 16];
    let (mut depth, mut line) = (0usize, 1u64);
    let (mut in_string, mut escaped) = (false, false);
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        for &b in &buf[..n] {
            if in_string {
                match (escaped, b) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => in_string = false,
                    _ => {}
                }
                if b == b'\n' {
                    line += 1;
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_JSON_DEPTH {
                        return Ok(Some(line));
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                b'\n' => line += 1,
                _ => {}
            }
        }
    }
}

/// Refuses JSON nested too deep to be data, before a reader recurses into it.
fn check_json_depth(path: &Path) -> Result<()> {
    match json_too_deep(path) {
        Ok(Some(line)) => Err(DataError::Invalid {
            path: path.into(),
            detail: format!(
                "line {line} nests brackets more than {MAX_JSON_DEPTH} levels deep, which no \
                 data record does. Fix or remove that line, or export the file again."
            ),
        }),
        Ok(None) => Ok(()),
        Err(e) => Err(DataError::Unreadable {
            path: path.into(),
            cause: e,
        }),
    }
}

/// Reads until `buf` is full or the file ends; returns how much was read.
pub(crate) fn read_up_to(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

pub(super) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)
}

/// The first line of an NDJSON file that is not a JSON object: (line number, reason).
pub fn first_bad_json_line(path: &Path) -> Option<(usize, String)> {
    let reader = BufReader::new(File::open(path).ok()?);
    for (i, line) in reader.split(b'\n').enumerate() {
        let line = line.ok()?;
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        match serde_json::from_slice::<serde_json::Value>(&line) {
            Ok(v) if v.is_object() => {}
            Ok(_) => return Some((i + 1, "it is not a JSON object".into())),
            Err(e) => return Some((i + 1, e.to_string())),
        }
    }
    None
}

/// Explains a Polars read error by finding the line at fault, when it is bad text.
pub fn explain_read_error(path: &Path, format: Format) -> Option<DataError> {
    if format == Format::Ndjson
        && let Some((line, reason)) = first_bad_json_line(path)
    {
        return Some(DataError::Invalid {
            path: path.into(),
            detail: format!(
                "line {line} is not valid JSON ({reason}). Each line of an NDJSON file must be \
                 one JSON object; fix or remove that line."
            ),
        });
    }
    let (line, byte) = first_non_utf8_line(path)?;
    Some(DataError::Invalid {
        path: path.into(),
        detail: format!(
            "line {line} is not UTF-8 text (byte 0x{byte:02X}); the file was probably saved as \
             Latin-1 or Windows-1252. Save it as UTF-8 (in Excel: \"CSV UTF-8\") and open it again."
        ),
    })
}

/// Every data file under `dir` (recursively), sorted, skipping hidden and `_`-prefixed files;
/// and notes on what else was skipped (folders reached again through a link, special files).
pub fn files_under(dir: &Path) -> Result<(Vec<PathBuf>, Vec<String>)> {
    let mut out = Vec::new();
    let mut notes = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    // Folders by their real path: a symlink back up the tree is not walked twice.
    let mut seen = std::collections::HashSet::new();
    let rel = |p: &Path| p.strip_prefix(dir).unwrap_or(p).display().to_string();
    while let Some(d) = stack.pop() {
        if !seen.insert(d.canonicalize().unwrap_or_else(|_| d.clone())) {
            notes.push(format!(
                "{} leads back to a folder already read (a symbolic link loop): skipped",
                rel(&d)
            ));
            continue;
        }
        let entries = std::fs::read_dir(&d).map_err(|source| DataError::Unreadable {
            path: d.clone(),
            cause: source,
        })?;
        for entry in entries {
            let entry = entry.map_err(|source| DataError::Unreadable {
                path: d.clone(),
                cause: source,
            })?;
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') || name.starts_with('_') {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if path.is_file() {
                out.push(path);
            } else {
                // Pipes, sockets, devices and broken links are not data files.
                notes.push(format!(
                    "{} is not a regular file (a pipe, socket, device or broken link): skipped",
                    rel(&path)
                ));
            }
        }
    }
    out.sort();
    notes.sort();
    Ok((out, notes))
}

/// A Polars path from a filesystem path: the file's canonical path where it has one, since
/// Polars' buffered reader (see `main`) refuses `..` in a path; messages keep the path given.
pub fn pl_path(path: &Path) -> Result<PlRefPath> {
    let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    PlRefPath::try_from_path(&real).map_err(|source| DataError::Polars {
        path: path.into(),
        context: "cannot use this path".into(),
        source,
    })
}

/// A lazy scan of one CSV file laid out as `layout` says, every column read as text or as
/// Polars infers it.
pub fn scan_csv(path: &Path, layout: &CsvLayout) -> Result<LazyFrame> {
    // IDs are labels: read them as text so that `0022300003` keeps its leading zeros.
    let ids: Schema = layout
        .header
        .iter()
        .filter(|h| is_id_column(h))
        .map(|h| Field::new(h.as_str().into(), DataType::String))
        .collect();
    LazyCsvReader::new(pl_path(path)?)
        .with_dtype_overwrite(Some(std::sync::Arc::new(ids)))
        .with_skip_lines(layout.skip_lines)
        .with_separator(layout.separator)
        .with_has_header(true)
        .with_infer_schema_length(Some(10_000))
        .with_missing_is_null(true)
        .with_decimal_comma(layout.decimal_comma)
        .finish()
        .map_err(|source| DataError::Polars {
            path: path.into(),
            context: "cannot scan this CSV".into(),
            source,
        })
}

/// Whether a column name says it holds an identifier (`GAME_ID`, `player_id`, `sensor id` …).
pub fn is_id_column(name: &str) -> bool {
    let lower = name.trim().to_ascii_lowercase();
    lower == "id" || lower.ends_with("_id") || lower.ends_with(" id")
}

/// A lazy scan of one NDJSON file.
pub fn scan_ndjson(path: &Path) -> Result<LazyFrame> {
    LazyJsonLineReader::new(pl_path(path)?)
        .with_infer_schema_length(std::num::NonZeroUsize::new(10_000))
        .finish()
        .map_err(|source| DataError::Polars {
            path: path.into(),
            context: "cannot scan this NDJSON file".into(),
            source,
        })
}

/// A lazy scan of a Parquet file, or of a folder of them (hive partitions become columns).
pub fn scan_parquet(path: &Path) -> Result<LazyFrame> {
    LazyFrame::scan_parquet(pl_path(path)?, ScanArgsParquet::default())
        .map_err(|e| parquet_error(path, e))
}

/// A lazy scan of Parquet bytes held in memory (the embedded sample).
pub fn scan_parquet_bytes(bytes: &'static [u8]) -> PolarsResult<LazyFrame> {
    // Polars does not re-export its buffer type; a copy of a few MB is cheap.
    LazyFrame::scan_parquet_sources(
        ScanSources::Buffers(std::sync::Arc::from(vec![bytes.to_vec().into()])),
        ScanArgsParquet {
            hive_options: polars::io::HiveOptions::new_disabled(),
            ..Default::default()
        },
    )
}

/// Rows of a Parquet file from its footer, without reading its data.
pub fn parquet_rows(path: &Path) -> Result<usize> {
    let file = File::open(path).map_err(|source| DataError::Unreadable {
        path: path.into(),
        cause: source,
    })?;
    ParquetReader::new(file)
        .num_rows()
        .map_err(|e| parquet_error(path, e))
}

/// Column units recorded in Parquet key-value metadata by Courtside (see `export`).
pub fn parquet_units<R: polars::io::mmap::MmapBytesReader>(
    reader: R,
) -> PolarsResult<Vec<(String, String)>> {
    let mut reader = ParquetReader::new(reader);
    let meta = reader.get_metadata()?;
    let mut units: Vec<(String, String)> = meta
        .key_value_metadata()
        .iter()
        .flatten()
        .filter_map(|kv| {
            let column = kv.key.strip_prefix(crate::export::UNIT_KEY)?;
            Some((column.to_string(), kv.value.clone()?))
        })
        .collect();
    units.sort();
    Ok(units)
}

/// Checks a Parquet file's footer, so that a truncated file is reported as such.
pub fn check_parquet(path: &Path) -> Result<()> {
    parquet_rows(path).map(|_| ())
}

/// A Polars error about a Parquet file, told as a corrupt or truncated file.
pub fn parquet_error(path: &Path, e: PolarsError) -> DataError {
    DataError::CorruptParquet {
        path: path.into(),
        detail: e.to_string().lines().next().unwrap_or_default().to_string(),
    }
}
