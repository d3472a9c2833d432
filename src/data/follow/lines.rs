//! The lines of a feed file: its format, and each complete line checked (JSON object, CSV
//! field count) before it is kept.

use std::path::Path;

use super::follower::{Batch, Skipped};

/// The line formats a feed can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineFormat {
    /// One JSON object per line.
    Ndjson,
    /// A header line, then one row per line.
    Csv { separator: u8 },
}

impl LineFormat {
    /// The format a file name suggests: `.csv` (`;`-separated when the header says so) or
    /// NDJSON otherwise.
    pub fn of(path: &Path) -> LineFormat {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("csv") => LineFormat::Csv { separator: b',' },
            _ => LineFormat::Ndjson,
        }
    }
}

/// Checks line `line` of a file in `format` (its CSV header in `header`) and adds it to the
/// batch, or says why it was skipped.
pub(super) fn take_line(
    format: LineFormat,
    header: &mut Option<Vec<String>>,
    line: u64,
    raw: &[u8],
    batch: &mut Batch,
) {
    let skip = |batch: &mut Batch, reason: String| batch.skipped.push(Skipped { line, reason });
    let text = match std::str::from_utf8(raw) {
        Ok(t) => t,
        Err(e) => {
            return skip(
                batch,
                format!("not UTF-8 text (byte {} of the line)", e.valid_up_to() + 1),
            );
        }
    };
    if text.trim().is_empty() {
        return;
    }
    match format {
        LineFormat::Ndjson => match serde_json::from_str::<serde_json::Value>(text) {
            Ok(serde_json::Value::Object(_)) => {}
            Ok(_) => return skip(batch, "not a JSON object".into()),
            Err(e) => return skip(batch, format!("not valid JSON ({e})")),
        },
        LineFormat::Csv { separator } => {
            let fields = split_csv(text, separator);
            match header {
                None => {
                    *header = Some(fields);
                    return;
                }
                Some(h) if fields.len() != h.len() => {
                    return skip(
                        batch,
                        format!("{} fields, but the header has {}", fields.len(), h.len()),
                    );
                }
                Some(_) => {}
            }
        }
    }
    batch.lines.push(text.to_string());
    batch.numbers.push(line);
}

/// The fields of a CSV line, with `"` quoting (`""` inside quotes is a quote).
pub fn split_csv(line: &str, separator: u8) -> Vec<String> {
    let sep = separator as char;
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == sep && !quoted => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
}
