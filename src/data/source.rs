//! Opening files lazily: which format a file is, where a CSV's header is, and a Polars scan of
//! it. Nothing here reads a whole file.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::data::error::{DataError, Result};

/// A file format Courtside reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Parquet,
    Csv,
    Ndjson,
}

impl Format {
    /// Lower-case name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Parquet => "parquet",
            Format::Csv => "csv",
            Format::Ndjson => "ndjson",
        }
    }
}

/// The format of the file at `path`, from its extension or else its first bytes.
///
/// Also proves the file can be opened and is not empty.
pub fn detect_format(path: &Path) -> Result<Format> {
    let mut file = File::open(path).map_err(|source| DataError::Unreadable {
        path: path.into(),
        source,
    })?;
    let mut head = [0u8; 512];
    let n = read_up_to(&mut file, &mut head).map_err(|source| DataError::Unreadable {
        path: path.into(),
        source,
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
        "ndjson" | "jsonl" | "json" => return Ok(Format::Ndjson),
        _ => {}
    }
    if head.starts_with(b"PAR1") {
        return Ok(Format::Parquet);
    }
    let text = strip_bom(head);
    match text.iter().find(|b| !b.is_ascii_whitespace()) {
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

fn read_up_to(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)
}

/// Where a CSV's header is, and the `Key:,value` metadata lines some vendors put above it.
#[derive(Clone, Debug, Default)]
pub struct CsvLayout {
    /// Lines before the header (preamble and blank lines).
    pub skip_lines: usize,
    /// `Key:` → value pairs from the preamble, keys without the colon, in file order.
    pub preamble: Vec<(String, String)>,
    /// The header's column names.
    pub header: Vec<String>,
    /// The field separator.
    pub separator: u8,
}

impl CsvLayout {
    /// A preamble value by key (without its colon).
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.preamble
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }
}

/// Reads the first lines of a CSV (never the whole file) to find its header.
pub fn csv_layout(path: &Path) -> Result<CsvLayout> {
    let file = File::open(path).map_err(|source| DataError::Unreadable {
        path: path.into(),
        source,
    })?;
    let mut reader = BufReader::new(file);
    let mut layout = CsvLayout::default();
    let mut line = Vec::new();
    // A preamble is a handful of lines; a header further down than this is not a CSV we know.
    for index in 0..64 {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .map_err(|source| DataError::Unreadable {
                path: path.into(),
                source,
            })?;
        if n == 0 {
            break;
        }
        let bytes = if index == 0 {
            strip_bom(&line)
        } else {
            &line[..]
        };
        let text = String::from_utf8_lossy(bytes);
        let text = text.trim_end_matches(['\r', '\n']);
        let separator = if index == 0 || layout.separator == 0 {
            guess_separator(text)
        } else {
            layout.separator
        };
        let fields: Vec<&str> = split_fields(text, separator);
        let is_blank = fields.iter().all(|f| f.trim().is_empty());
        let is_meta = fields.first().is_some_and(|f| f.trim_end().ends_with(':'))
            && fields.iter().skip(2).all(|f| f.trim().is_empty());
        if is_blank {
            if layout.preamble.is_empty() && index > 0 {
                break;
            }
            layout.skip_lines += 1;
            continue;
        }
        if is_meta {
            let key = fields[0].trim().trim_end_matches(':').to_string();
            let value = fields
                .get(1)
                .map(|v| v.trim().to_string())
                .unwrap_or_default();
            layout.preamble.push((key, value));
            layout.skip_lines += 1;
            continue;
        }
        layout.separator = separator;
        layout.header = fields
            .iter()
            .map(|f| f.trim().trim_matches('"').to_string())
            .collect();
        return Ok(layout);
    }
    Err(DataError::Empty {
        path: path.into(),
        detail: "no header line was found".into(),
    })
}

fn guess_separator(line: &str) -> u8 {
    let count = |c: char| line.matches(c).count();
    [(',', count(',')), (';', count(';')), ('\t', count('\t'))]
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(b',', |(c, _)| c as u8)
}

/// Splits one CSV line on `sep`, honouring double quotes.
fn split_fields(line: &str, sep: u8) -> Vec<&str> {
    let bytes = line.as_bytes();
    let mut fields = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == sep && !quoted {
            fields.push(&line[start..i]);
            start = i + 1;
        }
    }
    fields.push(&line[start..]);
    fields
}

/// Checks that every record of a CSV has as many fields as its header.
///
/// Polars fills short rows with nulls, which would lose data in silence; this reads the file
/// once, quote-aware, with memchr so it costs little even on a large file.
pub fn check_csv_shape(path: &Path, layout: &CsvLayout) -> Result<()> {
    let bytes = std::fs::read(path).map_err(|source| DataError::Unreadable {
        path: path.into(),
        source,
    })?;
    let expected = layout.header.len();
    let sep = layout.separator;
    let mut line_no = 1usize;
    let mut pos = 0usize;
    // Skip the preamble and the header.
    for _ in 0..=layout.skip_lines {
        match memchr::memchr(b'\n', &bytes[pos..]) {
            Some(i) => {
                pos += i + 1;
                line_no += 1;
            }
            None => return Ok(()),
        }
    }
    let mut fields = 1usize;
    let mut quoted = false;
    let mut record_start_line = line_no;
    let mut record_empty = true;
    while pos < bytes.len() {
        let Some(i) = memchr::memchr3(sep, b'"', b'\n', &bytes[pos..]) else {
            if bytes[pos..].iter().any(|b| !b.is_ascii_whitespace()) {
                record_empty = false;
            }
            break;
        };
        if bytes[pos..pos + i].iter().any(|b| !b.is_ascii_whitespace()) {
            record_empty = false;
        }
        let b = bytes[pos + i];
        pos += i + 1;
        match b {
            b'"' => {
                quoted = !quoted;
                record_empty = false;
            }
            b'\n' if quoted => line_no += 1,
            b'\n' => {
                if !record_empty && fields != expected {
                    return Err(DataError::RaggedRows {
                        path: path.into(),
                        line: record_start_line,
                        expected,
                        got: fields,
                    });
                }
                line_no += 1;
                record_start_line = line_no;
                fields = 1;
                record_empty = true;
            }
            _ if quoted => {}
            _ => {
                fields += 1;
                record_empty = false;
            }
        }
    }
    if !record_empty && fields != expected {
        return Err(DataError::RaggedRows {
            path: path.into(),
            line: record_start_line,
            expected,
            got: fields,
        });
    }
    Ok(())
}

/// Every data file under `dir` (recursively), sorted, skipping hidden and `_`-prefixed files.
pub fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|source| DataError::Unreadable {
            path: d.clone(),
            source,
        })?;
        for entry in entries {
            let entry = entry.map_err(|source| DataError::Unreadable {
                path: d.clone(),
                source,
            })?;
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') || name.starts_with('_') {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// A Polars path from a filesystem path.
pub fn pl_path(path: &Path) -> Result<PlRefPath> {
    PlRefPath::try_from_path(path).map_err(|source| DataError::Polars {
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
        source,
    })?;
    ParquetReader::new(file)
        .num_rows()
        .map_err(|e| parquet_error(path, e))
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
