//! Following one file: complete lines read from the last offset, each checked, and the file
//! started again when it is truncated, rewritten or replaced.

use std::fs::File;
use std::io::{Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::lines::take_line;
pub use super::lines::{LineFormat, split_csv};
use crate::data::source::read_up_to;

/// A complete line that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// 1-based line number in the file.
    pub line: u64,
    pub reason: String,
}

/// Why the follower started the file again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Restart {
    /// The file became shorter than what was read.
    Truncated,
    /// Another file now has the name, or the start of the file changed.
    Replaced,
    /// The file was renamed away (rotated): it is read to its end, and the new file with the
    /// name from its start.
    Rotated,
}

impl Restart {
    /// What happened, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Restart::Truncated => {
                "the file was truncated; reading it again from the start (lines written just \
                 before may have been missed)"
            }
            Restart::Replaced => "the file was replaced; reading it from the start",
            Restart::Rotated => {
                "the file was rotated; the renamed one is read to its end, the new one from its start"
            }
        }
    }
}

/// What one poll found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Batch {
    /// The complete, well-formed lines, without their line ends.
    pub lines: Vec<String>,
    /// Their 1-based line numbers.
    pub numbers: Vec<u64>,
    pub skipped: Vec<Skipped>,
    /// Set when the file was started again before this batch.
    pub restarted: Option<Restart>,
    /// The file does not exist (yet).
    pub missing: bool,
}

/// How much one poll reads at most, so that a huge backlog is taken in steps.
const MAX_READ: usize = 16 << 20;
/// How many leading bytes identify the file's content.
const HEAD: usize = 256;

/// Follows one file.
#[derive(Debug)]
pub struct Follower {
    path: PathBuf,
    pub(super) format: LineFormat,
    offset: u64,
    partial: Vec<u8>,
    /// Complete lines consumed so far.
    line: u64,
    /// CSV: the header's fields.
    header: Option<Vec<String>>,
    /// The first bytes read, to notice a rewrite that the length alone would not show.
    head: Vec<u8>,
    identity: Option<(u64, u64)>,
    /// The file as opened, held so that a rename does not lose what is written after it.
    handle: Option<File>,
    /// A file renamed away (rotated): read to its end, and while its writer still finishes
    /// into it, before it is let go.
    old: Option<Old>,
}

/// A rotated file still being read through the handle held before the rename.
#[derive(Debug)]
struct Old {
    file: File,
    identity: Option<(u64, u64)>,
    offset: u64,
    partial: Vec<u8>,
    line: u64,
    header: Option<Vec<String>>,
    /// When it last grew (or was moved aside).
    grew: std::time::Instant,
}

/// How long a rotated file may stay quiet before it is let go: a logger finishing its last
/// lines into the renamed file does so within this.
pub const OLD_QUIET: std::time::Duration = std::time::Duration::from_secs(2);

impl Follower {
    /// A follower of `path`, from its start.
    pub fn new(path: &Path, format: LineFormat) -> Self {
        Self {
            path: path.to_path_buf(),
            format,
            offset: 0,
            partial: Vec::new(),
            line: 0,
            header: None,
            head: Vec::new(),
            identity: None,
            handle: None,
            old: None,
        }
    }

    /// Whether the file with this identity (device, inode) is the one followed, or the one
    /// rotated away and still being read: a folder feed must not read it again under its
    /// new name.
    pub fn knows(&self, id: (u64, u64)) -> bool {
        self.identity == Some(id) || self.old.as_ref().is_some_and(|o| o.identity == Some(id))
    }

    /// The identity of the file at `path`, where the platform has one.
    pub fn identity_of(path: &Path) -> Option<(u64, u64)> {
        std::fs::metadata(path).ok().and_then(|m| identity(&m))
    }

    /// The CSV header, once read.
    pub fn header(&self) -> Option<&[String]> {
        self.header.as_deref()
    }

    /// Bytes consumed so far (complete lines and the partial one).
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// Moves the file being read aside, still open, to be read to its end (as `tail -F`
    /// does); a file moved aside before it is read to its end first. Returns whether the file
    /// was renamed away (rotated) rather than written over or deleted.
    fn retire(&mut self, batch: &mut Batch) -> std::io::Result<bool> {
        if let Some(mut old) = self.old.take() {
            self.read_old(&mut old, batch)?;
        }
        if let Some(file) = self.handle.take() {
            // Renamed away, it still has a name; written over or deleted, it has none.
            let renamed = still_named(&file);
            let identity = file.metadata().ok().and_then(|m| identity(&m));
            self.old = Some(Old {
                file,
                identity,
                offset: self.offset,
                partial: std::mem::take(&mut self.partial),
                line: self.line,
                header: self.header.clone(),
                grew: std::time::Instant::now(),
            });
            return Ok(renamed);
        }
        Ok(false)
    }

    /// Reads what a rotated file gained; returns whether it grew.
    fn read_old(&self, old: &mut Old, batch: &mut Batch) -> std::io::Result<bool> {
        let len = old.file.metadata()?.len();
        if len <= old.offset {
            return Ok(false);
        }
        old.file.seek(SeekFrom::Start(old.offset))?;
        let want = usize::try_from(len - old.offset)
            .unwrap_or(MAX_READ)
            .min(MAX_READ);
        let start = old.partial.len();
        old.partial.resize(start + want, 0);
        let got = read_up_to(&mut old.file, &mut old.partial[start..])?;
        old.partial.truncate(start + got);
        old.offset += got as u64;
        if let Some(last_end) = memchr::memrchr(b'\n', &old.partial) {
            let rest = old.partial.split_off(last_end + 1);
            let complete = std::mem::replace(&mut old.partial, rest);
            for raw in complete[..complete.len() - 1].split(|b| *b == b'\n') {
                old.line += 1;
                let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
                take_line(self.format, &mut old.header, old.line, raw, batch);
            }
        }
        Ok(got > 0)
    }

    /// The rotated file's new lines, if one is held; it is let go once quiet.
    fn poll_old(&mut self, batch: &mut Batch) -> std::io::Result<()> {
        let Some(mut old) = self.old.take() else {
            return Ok(());
        };
        if self.read_old(&mut old, batch)? {
            old.grew = std::time::Instant::now();
        }
        if old.grew.elapsed() < OLD_QUIET {
            self.old = Some(old);
        }
        Ok(())
    }

    fn restart(&mut self) {
        self.offset = 0;
        self.partial.clear();
        self.line = 0;
        self.header = None;
        self.head.clear();
    }

    /// Reads what was appended since the last poll.
    pub fn poll(&mut self) -> std::io::Result<Batch> {
        let mut batch = Batch::default();
        // A rotated file first: its lines came before the new file's.
        self.poll_old(&mut batch)?;
        let mut file = match File::open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if self.offset > 0 || self.handle.is_some() {
                    // Renamed away (rotated): read on through the held handle, and start
                    // the new file when it appears.
                    let rotated = self.retire(&mut batch)?;
                    self.poll_old(&mut batch)?;
                    self.restart();
                    self.identity = None;
                    batch.restarted = Some(if rotated {
                        Restart::Rotated
                    } else {
                        Restart::Replaced
                    });
                }
                batch.missing = true;
                return Ok(batch);
            }
            Err(e) => return Err(e),
        };
        let meta = file.metadata()?;
        let identity = identity(&meta);
        if self.identity.is_some() && identity != self.identity {
            let rotated = self.retire(&mut batch)?;
            self.poll_old(&mut batch)?;
            self.restart();
            batch.restarted = Some(if rotated {
                Restart::Rotated
            } else {
                Restart::Replaced
            });
        }
        self.identity = identity;
        if meta.len() < self.offset {
            self.restart();
            batch.restarted = Some(Restart::Truncated);
        } else if !self.head.is_empty() {
            let mut now = vec![0u8; self.head.len()];
            file.seek(SeekFrom::Start(0))?;
            let n = read_up_to(&mut file, &mut now)?;
            if now[..n] != self.head[..] {
                self.restart();
                batch.restarted = Some(Restart::Replaced);
            }
        }
        if meta.len() == self.offset {
            self.handle = Some(file);
            return Ok(batch);
        }
        file.seek(SeekFrom::Start(self.offset))?;
        let want = usize::try_from(meta.len() - self.offset)
            .unwrap_or(MAX_READ)
            .min(MAX_READ);
        let start = self.partial.len();
        self.partial.resize(start + want, 0);
        let got = read_up_to(&mut file, &mut self.partial[start..])?;
        self.partial.truncate(start + got);
        if self.offset < HEAD as u64 {
            let keep = (HEAD as u64 - self.offset) as usize;
            self.head
                .extend_from_slice(&self.partial[start..start + got.min(keep)]);
        }
        self.offset += got as u64;
        let Some(last_end) = memchr::memrchr(b'\n', &self.partial) else {
            self.handle = Some(file);
            return Ok(batch);
        };
        let rest = self.partial.split_off(last_end + 1);
        let complete = std::mem::replace(&mut self.partial, rest);
        for raw in complete[..complete.len() - 1].split(|b| *b == b'\n') {
            self.line += 1;
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            self.take(raw, &mut batch);
        }
        self.handle = Some(file);
        Ok(batch)
    }

    fn take(&mut self, raw: &[u8], batch: &mut Batch) {
        take_line(self.format, &mut self.header, self.line, raw, batch);
    }
}

/// Whether an open file still has a name in the file system.
#[cfg(unix)]
fn still_named(file: &File) -> bool {
    use std::os::unix::fs::MetadataExt;
    file.metadata().is_ok_and(|m| m.nlink() > 0)
}

#[cfg(not(unix))]
fn still_named(_file: &File) -> bool {
    true
}

#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    // Elsewhere the first bytes of the file tell a replacement.
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::follow::append;
    use rand::{Rng, SeedableRng};

    /// Polls until nothing more comes, gathering lines and skips.
    fn drain(
        f: &mut Follower,
        lines: &mut Vec<String>,
        skipped: &mut Vec<Skipped>,
    ) -> Vec<Restart> {
        let mut restarts = Vec::new();
        loop {
            let b = f.poll().unwrap();
            restarts.extend(b.restarted);
            let empty = b.lines.is_empty() && b.skipped.is_empty();
            lines.extend(b.lines);
            skipped.extend(b.skipped);
            if empty {
                return restarts;
            }
        }
    }

    #[test]
    fn random_chunks_give_every_complete_line_once_even_split_inside_a_character() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feed.ndjson");
        let mut text = Vec::new();
        let mut expected = Vec::new();
        for i in 0..2_000 {
            // Multi-byte names: chunk ends land inside characters.
            let line = format!(r#"{{"i":{i},"player":"Dončić Jokić 😀 {i}"}}"#);
            text.extend_from_slice(line.as_bytes());
            text.push(b'\n');
            expected.push(line);
        }
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(9);
        let mut f = Follower::new(&path, LineFormat::Ndjson);
        let (mut got, mut skipped) = (Vec::new(), Vec::new());
        let mut at = 0;
        while at < text.len() {
            let n = rng.random_range(1..=97).min(text.len() - at);
            append(&path, &text[at..at + n]);
            at += n;
            drain(&mut f, &mut got, &mut skipped);
        }
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(got, expected);
    }

    #[test]
    fn malformed_lines_are_reported_with_their_numbers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feed.ndjson");
        append(
            &path,
            b"{\"a\":1}\n{\"a\":\n[1,2]\n\n\xff\xfe\n{\"a\":2}\n{\"a\":3",
        );
        let mut f = Follower::new(&path, LineFormat::Ndjson);
        let b = f.poll().unwrap();
        assert_eq!(b.lines, vec![r#"{"a":1}"#, r#"{"a":2}"#]);
        assert_eq!(b.numbers, vec![1, 6]);
        let lines: Vec<u64> = b.skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, vec![2, 3, 5], "{:?}", b.skipped);
        assert!(b.skipped[0].reason.contains("not valid JSON"));
        assert!(b.skipped[1].reason.contains("not a JSON object"));
        assert!(b.skipped[2].reason.contains("not UTF-8"));
        // The unterminated last line waits.
        append(&path, b"}\n");
        assert_eq!(f.poll().unwrap().lines, vec![r#"{"a":3}"#]);
    }

    #[test]
    fn a_truncated_file_is_read_again_from_the_start() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feed.csv");
        append(&path, b"x,y\n1,2\n3,4\n");
        let mut f = Follower::new(&path, LineFormat::Csv { separator: b',' });
        assert_eq!(f.poll().unwrap().lines, vec!["1,2", "3,4"]);
        std::fs::write(&path, b"x,y\n5,6\n").unwrap();
        let b = f.poll().unwrap();
        assert_eq!(b.restarted, Some(Restart::Truncated));
        assert_eq!(b.lines, vec!["5,6"]);
    }

    #[test]
    fn a_replaced_file_is_read_again_even_when_longer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feed.csv");
        append(&path, b"x,y\n1,2\n");
        let mut f = Follower::new(&path, LineFormat::Csv { separator: b',' });
        assert_eq!(f.poll().unwrap().lines, vec!["1,2"]);
        // Rotation: a new file renamed over the old one, already longer than what was read.
        let new = dir.path().join("new.csv");
        std::fs::write(&new, b"x,y\n7,8\n9,10\n11,12\n").unwrap();
        std::fs::rename(&new, &path).unwrap();
        let b = f.poll().unwrap();
        assert_eq!(b.restarted, Some(Restart::Replaced));
        assert_eq!(b.lines, vec!["7,8", "9,10", "11,12"]);
    }

    #[test]
    fn csv_rows_with_the_wrong_field_count_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feed.csv");
        append(&path, b"x,name\n1,\"Smith, J\"\n2\n3,c,d\n");
        let mut f = Follower::new(&path, LineFormat::Csv { separator: b',' });
        let b = f.poll().unwrap();
        assert_eq!(b.lines, vec!["1,\"Smith, J\""]);
        assert_eq!(
            b.skipped,
            vec![
                Skipped {
                    line: 3,
                    reason: "1 fields, but the header has 2".into()
                },
                Skipped {
                    line: 4,
                    reason: "3 fields, but the header has 2".into()
                },
            ]
        );
    }

    #[test]
    fn a_missing_file_is_waited_for() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("later.ndjson");
        let mut f = Follower::new(&path, LineFormat::Ndjson);
        assert!(f.poll().unwrap().missing);
        append(&path, b"{\"a\":1}\n");
        assert_eq!(f.poll().unwrap().lines.len(), 1);
    }

    #[test]
    fn chunks_then_truncation_then_replacement_lose_and_repeat_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("game.ndjson");
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
        let mut f = Follower::new(&path, LineFormat::Ndjson);
        let (mut got, mut skipped) = (Vec::new(), Vec::new());
        let mut restarts = Vec::new();
        // Writes `n` lines (every 50th malformed) in random chunks, following as it goes;
        // returns the good lines written.
        let mut write = |from: usize,
                         n: usize,
                         f: &mut Follower,
                         got: &mut Vec<String>,
                         skipped: &mut Vec<Skipped>,
                         restarts: &mut Vec<Restart>| {
            let mut good = Vec::new();
            let mut text = Vec::new();
            for i in from..from + n {
                let line = if i % 50 == 49 {
                    format!("{{\"i\":{i},\"name\":\"Šarūnas")
                } else {
                    let l = format!("{{\"i\":{i},\"name\":\"Šarūnas Jasikevičius\"}}");
                    good.push(l.clone());
                    l
                };
                text.extend_from_slice(line.as_bytes());
                text.push(b'\n');
            }
            let mut at = 0;
            while at < text.len() {
                let k = rng.random_range(1..=300).min(text.len() - at);
                append(&path, &text[at..at + k]);
                at += k;
                restarts.extend(drain(f, got, skipped));
            }
            good
        };
        let first = write(0, 1_000, &mut f, &mut got, &mut skipped, &mut restarts);
        assert_eq!(got, first);
        assert_eq!(skipped.len(), 20);
        // Truncated mid-run: the writer starts the file again.
        std::fs::write(&path, b"").unwrap();
        restarts.extend(drain(&mut f, &mut got, &mut skipped));
        let second = write(1_000, 500, &mut f, &mut got, &mut skipped, &mut restarts);
        // Replaced by a new file.
        let new = dir.path().join("next.ndjson");
        std::fs::write(&new, b"{\"i\":-1}\n").unwrap();
        std::fs::rename(&new, &path).unwrap();
        restarts.extend(drain(&mut f, &mut got, &mut skipped));
        let third = write(1_500, 500, &mut f, &mut got, &mut skipped, &mut restarts);
        let mut expected = first;
        expected.extend(second);
        expected.push("{\"i\":-1}".to_string());
        expected.extend(third);
        assert_eq!(got, expected, "every complete line exactly once");
        assert_eq!(skipped.len(), 40, "every malformed line reported");
        assert_eq!(restarts, vec![Restart::Truncated, Restart::Replaced]);
        assert!(skipped.iter().all(|s| s.line % 50 == 0 || s.line % 50 == 1));
    }

    #[test]
    fn rotation_by_rename_loses_and_repeats_nothing_while_the_writer_finishes_late() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("live.ndjson");
        let mut writer = std::fs::File::create(&path).unwrap();
        let mut f = Follower::new(&path, LineFormat::Ndjson);
        let (mut got, mut skipped, mut restarts) = (Vec::new(), Vec::new(), Vec::new());
        let mut n = 0u64;
        fn write(w: &mut std::fs::File, n: &mut u64, k: u64) {
            for _ in 0..k {
                writeln!(w, "{{\"i\": {n}}}").unwrap();
                *n += 1;
            }
        }
        for round in 0..25 {
            write(&mut writer, &mut n, 40);
            // Half a line, finished after the rename.
            write!(writer, "{{\"i\": ").unwrap();
            restarts.extend(drain(&mut f, &mut got, &mut skipped));
            let rotated = dir.path().join(format!("live.{round}"));
            std::fs::rename(&path, &rotated).unwrap();
            // The logger still finishes its last lines into the renamed file…
            writeln!(writer, "{n}}}").unwrap();
            n += 1;
            write(&mut writer, &mut n, 7);
            if round % 2 == 0 {
                // …sometimes seen before the new file appears, sometimes after.
                restarts.extend(drain(&mut f, &mut got, &mut skipped));
            }
            let mut next = std::fs::File::create(&path).unwrap();
            write(&mut next, &mut n, 5);
            restarts.extend(drain(&mut f, &mut got, &mut skipped));
            // And a last line into the old file once the new one is being read.
            write(&mut writer, &mut n, 1);
            writer = next;
        }
        write(&mut writer, &mut n, 3);
        restarts.extend(drain(&mut f, &mut got, &mut skipped));
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(
            restarts,
            vec![Restart::Rotated; 25],
            "each rotation said as one"
        );
        let mut seen: Vec<u64> = got
            .iter()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["i"]
                    .as_u64()
                    .unwrap()
            })
            .collect();
        seen.sort_unstable();
        let expected: Vec<u64> = (0..n).collect();
        assert_eq!(seen.len(), expected.len(), "every line exactly once");
        assert_eq!(seen, expected);
    }
}
