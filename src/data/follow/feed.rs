//! Following a file or a folder of feed files, picking up new files as they appear.

use std::path::{Path, PathBuf};

use super::follower::{Batch, Follower, LineFormat};

/// What one poll of a [`Feed`] found in one file.
#[derive(Debug)]
pub struct FileBatch {
    pub path: PathBuf,
    pub batch: Batch,
    /// The CSV header, for reading the lines.
    pub header: Option<Vec<String>>,
    pub csv: bool,
}

/// Follows a file, or every feed file (`.ndjson`, `.jsonl`, `.json`, `.csv`) in a folder,
/// picking up new files as they appear.
#[derive(Debug)]
pub struct Feed {
    root: PathBuf,
    files: std::collections::BTreeMap<PathBuf, Follower>,
    /// Names that a followed file took when it was rotated: not followed again.
    aliases: std::collections::BTreeSet<PathBuf>,
}

impl Feed {
    /// A feed over `path`: a file (waited for if missing) or a folder.
    pub fn new(path: &Path) -> Feed {
        Feed {
            root: path.to_path_buf(),
            files: Default::default(),
            aliases: Default::default(),
        }
    }

    /// Reads what was appended since the last poll, file by file in name order.
    pub fn poll(&mut self) -> std::io::Result<Vec<FileBatch>> {
        if self.root.is_dir() {
            for e in std::fs::read_dir(&self.root)? {
                let p = e?.path();
                let feed_file = p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                    ["ndjson", "jsonl", "json", "csv"]
                        .iter()
                        .any(|x| e.eq_ignore_ascii_case(x))
                });
                if feed_file
                    && p.is_file()
                    && !self.files.contains_key(&p)
                    && !self.aliases.contains(&p)
                {
                    // A file renamed within the folder is known by its identity, not its
                    // name: its follower reads it to its end already.
                    let id = Follower::identity_of(&p);
                    if id.is_some_and(|id| self.files.values().any(|f| f.knows(id))) {
                        self.aliases.insert(p);
                        continue;
                    }
                    let f = Follower::new(&p, LineFormat::of(&p));
                    self.files.insert(p, f);
                }
            }
        } else if self.files.is_empty() {
            let f = Follower::new(&self.root, LineFormat::of(&self.root));
            self.files.insert(self.root.clone(), f);
        }
        let mut out = Vec::new();
        for (path, f) in &mut self.files {
            let batch = f.poll()?;
            out.push(FileBatch {
                path: path.clone(),
                header: f.header().map(|h| h.to_vec()),
                csv: matches!(f.format, LineFormat::Csv { .. }),
                batch,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::follow::append;

    #[test]
    fn a_folder_feed_picks_up_new_files() {
        let dir = tempfile::tempdir().unwrap();
        let mut feed = Feed::new(dir.path());
        assert!(feed.poll().unwrap().is_empty());
        append(&dir.path().join("q1.ndjson"), b"{\"a\":1}\n");
        append(&dir.path().join("notes.txt"), b"not a feed\n");
        let lines = |b: Vec<FileBatch>| -> Vec<String> {
            b.into_iter().flat_map(|f| f.batch.lines).collect()
        };
        assert_eq!(lines(feed.poll().unwrap()), vec![r#"{"a":1}"#]);
        append(&dir.path().join("q2.csv"), b"x\n2\n");
        append(&dir.path().join("q1.ndjson"), b"{\"a\":3}\n");
        assert_eq!(lines(feed.poll().unwrap()), vec![r#"{"a":3}"#, "2"]);
    }

    #[test]
    fn a_file_rotated_within_a_followed_folder_is_read_once() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let live = dir.path().join("live.ndjson");
        let mut w = std::fs::File::create(&live).unwrap();
        let mut feed = Feed::new(dir.path());
        let mut got: Vec<String> = Vec::new();
        let drain = |feed: &mut Feed, got: &mut Vec<String>| {
            for _ in 0..4 {
                for b in feed.poll().unwrap() {
                    got.extend(b.batch.lines);
                }
            }
        };
        for i in 0..10 {
            writeln!(w, "{{\"i\": {i}}}").unwrap();
        }
        drain(&mut feed, &mut got);
        // Rotated to a name the folder also follows, the writer finishing into it.
        std::fs::rename(&live, dir.path().join("live.1.ndjson")).unwrap();
        for i in 10..15 {
            writeln!(w, "{{\"i\": {i}}}").unwrap();
        }
        let mut w2 = std::fs::File::create(&live).unwrap();
        for i in 15..18 {
            writeln!(w2, "{{\"i\": {i}}}").unwrap();
        }
        drain(&mut feed, &mut got);
        let mut seen: Vec<u64> = got
            .iter()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["i"]
                    .as_u64()
                    .unwrap()
            })
            .collect();
        seen.sort_unstable();
        assert_eq!(
            seen,
            (0..18).collect::<Vec<u64>>(),
            "every line exactly once"
        );
    }
}
