//! CSV specifics: where the header is (below a vendor's preamble), the separator and
//! decimal mark, and a streaming check that every row has as many fields as the header.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use crate::data::error::{DataError, Result};
use crate::data::source::strip_bom;

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
    /// Whether numbers use a decimal comma (`1,5`), as `;`-separated European exports do.
    pub decimal_comma: bool,
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
        cause: source,
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
                cause: source,
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
        // "Exported by: TeamSystem" on a line of its own: a note above the header, not a
        // one-column header.
        if fields.len() == 1
            && let Some((key, value)) = text.split_once(':')
        {
            layout
                .preamble
                .push((key.trim().to_string(), value.trim().to_string()));
            layout.skip_lines += 1;
            continue;
        }
        layout.separator = separator;
        layout.header = fields
            .iter()
            .map(|f| f.trim().trim_matches('"').to_string())
            .collect();
        if separator == b';' {
            // European exports pair `;` with decimal commas (`1,5`): look at the first rows.
            let mut row = Vec::new();
            for _ in 0..20 {
                row.clear();
                if reader.read_until(b'\n', &mut row).unwrap_or(0) == 0 {
                    break;
                }
                let text = String::from_utf8_lossy(&row);
                if split_fields(text.trim_end(), b';')
                    .iter()
                    .any(|f| is_decimal_comma(f.trim()))
                {
                    layout.decimal_comma = true;
                    break;
                }
            }
        }
        return Ok(layout);
    }
    Err(DataError::Empty {
        path: path.into(),
        detail: "no header line was found".into(),
    })
}

/// `1,5` or `-12,25`: a number written with a decimal comma.
fn is_decimal_comma(field: &str) -> bool {
    let field = field.trim_matches('"').strip_prefix('-').unwrap_or(field);
    match field.split_once(',') {
        Some((a, b)) => {
            !a.is_empty()
                && !b.is_empty()
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
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
/// Polars fills short rows with nulls, which would lose data in silence. This streams the
/// file once in 1 MB chunks, quote-aware, with memchr, so it costs little even on a large
/// file and holds little of it in memory.
pub fn check_csv_shape(path: &Path, layout: &CsvLayout) -> Result<()> {
    let unreadable = |source| DataError::Unreadable {
        path: path.into(),
        cause: source,
    };
    let mut reader = BufReader::with_capacity(1 << 20, File::open(path).map_err(unreadable)?);
    // Skip the preamble and the header.
    let mut skipped = Vec::new();
    for _ in 0..=layout.skip_lines {
        skipped.clear();
        if reader.read_until(b'\n', &mut skipped).map_err(unreadable)? == 0 {
            return Ok(());
        }
    }
    let mut shape = Shape {
        expected: layout.header.len(),
        sep: layout.separator,
        line: layout.skip_lines + 2,
        record_line: layout.skip_lines + 2,
        fields: 1,
        quoted: false,
        empty: true,
    };
    loop {
        let chunk = reader.fill_buf().map_err(unreadable)?;
        if chunk.is_empty() {
            break;
        }
        let n = chunk.len();
        if let Some((line, got)) = shape.feed(chunk) {
            return Err(ragged(path, line, shape.expected, got));
        }
        reader.consume(n);
    }
    match shape.finish() {
        Some((line, got)) => Err(ragged(path, line, shape.expected, got)),
        None => Ok(()),
    }
}

fn ragged(path: &Path, line: usize, expected: usize, got: usize) -> DataError {
    DataError::RaggedRows {
        path: path.into(),
        line,
        expected,
        got,
    }
}

/// The state of the field count across chunks of a CSV.
struct Shape {
    expected: usize,
    sep: u8,
    /// The line being read (1-based).
    line: usize,
    /// The line the current record started on (a quoted field may span lines).
    record_line: usize,
    fields: usize,
    quoted: bool,
    /// Whether the record so far is blank (blank lines are not records).
    empty: bool,
}

impl Shape {
    /// Feeds a chunk; returns (line, fields) of the first record with the wrong count.
    fn feed(&mut self, bytes: &[u8]) -> Option<(usize, usize)> {
        let mut pos = 0;
        while pos < bytes.len() {
            let Some(i) = memchr::memchr3(self.sep, b'"', b'\n', &bytes[pos..]) else {
                self.see(&bytes[pos..]);
                break;
            };
            self.see(&bytes[pos..pos + i]);
            let b = bytes[pos + i];
            pos += i + 1;
            match b {
                b'"' => {
                    self.quoted = !self.quoted;
                    self.empty = false;
                }
                b'\n' if self.quoted => self.line += 1,
                b'\n' => {
                    if let Some(bad) = self.end_record() {
                        return Some(bad);
                    }
                    self.line += 1;
                    self.record_line = self.line;
                }
                _ if self.quoted => {}
                _ => {
                    self.fields += 1;
                    self.empty = false;
                }
            }
        }
        None
    }

    fn see(&mut self, text: &[u8]) {
        if self.empty && text.iter().any(|b| !b.is_ascii_whitespace()) {
            self.empty = false;
        }
    }

    fn end_record(&mut self) -> Option<(usize, usize)> {
        let bad = (!self.empty && self.fields != self.expected)
            .then_some((self.record_line, self.fields));
        self.fields = 1;
        self.empty = true;
        bad
    }

    /// The last record, when the file does not end with a newline.
    fn finish(&mut self) -> Option<(usize, usize)> {
        self.end_record()
    }
}

/// The line each of `rows` (0-based data rows, ascending, blank lines counted as rows as the
/// CSV reader counts them) starts on: a quoted field may span lines, so rows and lines part
/// ways after it. Streams the file once.
pub fn record_lines(path: &Path, layout: &CsvLayout, rows: &[u64]) -> Option<Vec<u64>> {
    let mut reader = BufReader::with_capacity(1 << 20, File::open(path).ok()?);
    let mut skipped = Vec::new();
    for _ in 0..=layout.skip_lines {
        skipped.clear();
        if reader.read_until(b'\n', &mut skipped).ok()? == 0 {
            return Some(Vec::new());
        }
    }
    let mut out = Vec::with_capacity(rows.len());
    let mut wanted = rows.iter().copied().peekable();
    let (mut line, mut record, mut quoted) = (layout.skip_lines as u64 + 2, 0u64, false);
    let mut record_line = line;
    loop {
        let chunk = reader.fill_buf().ok()?;
        if chunk.is_empty() {
            break;
        }
        let n = chunk.len();
        for i in memchr::memchr2_iter(b'"', b'\n', chunk) {
            if chunk[i] == b'"' {
                quoted = !quoted;
                continue;
            }
            line += 1;
            if quoted {
                continue;
            }
            while wanted.peek().is_some_and(|w| *w < record) {
                wanted.next();
            }
            if wanted.peek() == Some(&record) {
                out.push(record_line);
                wanted.next();
            }
            if wanted.peek().is_none() {
                return Some(out);
            }
            record += 1;
            record_line = line;
        }
        reader.consume(n);
    }
    // The last record, without a newline after it.
    if wanted.peek() == Some(&record) {
        out.push(record_line);
    }
    Some(out)
}

/// The first line of a text file that is not UTF-8: (line number, the bad byte).
pub fn first_non_utf8_line(path: &Path) -> Option<(usize, u8)> {
    let reader = BufReader::new(File::open(path).ok()?);
    for (i, line) in reader.split(b'\n').enumerate() {
        let line = line.ok()?;
        if let Err(e) = std::str::from_utf8(&line) {
            return Some((i + 1, line[e.valid_up_to()]));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_bad(text: &str, chunk: usize) -> Option<(usize, usize)> {
        let mut s = Shape {
            expected: 3,
            sep: b',',
            line: 2,
            record_line: 2,
            fields: 1,
            quoted: false,
            empty: true,
        };
        for c in text.as_bytes().chunks(chunk) {
            if let Some(bad) = s.feed(c) {
                return Some(bad);
            }
        }
        s.finish()
    }

    #[test]
    fn ragged_rows_are_found_whatever_the_chunk_boundaries() {
        // Body of a CSV whose header (line 1) has 3 fields.
        let good = "1,\"a,\nb\",3\n\n4,5,6";
        let short = "1,2,3\n\"x,y\",2\n7,8,9\n";
        for chunk in [1, 2, 3, 7, 1 << 20] {
            assert_eq!(first_bad(good, chunk), None, "chunk {chunk}");
            assert_eq!(first_bad(short, chunk), Some((3, 2)), "chunk {chunk}");
            assert_eq!(
                first_bad("1,2,3\n1,2,3,4", chunk),
                Some((3, 4)),
                "chunk {chunk}"
            );
        }
    }

    #[test]
    fn a_preamble_above_the_header_is_read_as_metadata() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.csv");
        std::fs::write(&p, "\u{feff}Date:,2/2/2019,,\nDuration:,7537,,\n,,,\nPlayer Name,Total Distance,Avg Heart Rate\nJo,1.5,0\n").unwrap();
        let l = csv_layout(&p).unwrap();
        assert_eq!(l.skip_lines, 3);
        assert_eq!(l.meta("date"), Some("2/2/2019"));
        assert_eq!(
            l.header,
            ["Player Name", "Total Distance", "Avg Heart Rate"]
        );
        check_csv_shape(&p, &l).unwrap();
    }
}
