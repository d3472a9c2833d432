//! The one loop step of following a live feed: what a poll found, as canonical rows, skipped
//! lines and restarts. The app's live worker and `courtside feed follow` both consume it, so
//! both see the same rows and count the same lines.

use std::path::{Path, PathBuf};

use polars::prelude::DataFrame;

use super::{Feed, Restart, Skipped, canonical, kind_of, to_frame};
use crate::data::TableKind;

/// What one poll of a [`LiveFeed`] found.
#[derive(Debug)]
pub enum Event {
    /// New rows of one file, in canonical types, and the lines they came from.
    Rows {
        path: PathBuf,
        kind: TableKind,
        frame: DataFrame,
        lines: Vec<String>,
        /// Whether the lines are CSV rows (else NDJSON objects).
        csv: bool,
    },
    /// Lines left out, with why; in a folder feed the reason starts with the file's name.
    Skipped(Vec<Skipped>),
    /// A file was truncated or replaced and is read again from the start.
    Restarted { path: PathBuf, restart: Restart },
}

/// A feed file or folder followed as a table: shots or tracking, told apart by the first
/// rows' columns.
#[derive(Debug)]
pub struct LiveFeed {
    root: PathBuf,
    feed: Feed,
    kind: Option<TableKind>,
    appeared: bool,
}

impl LiveFeed {
    /// Follows `path`: a file (waited for if it does not exist yet) or a folder.
    pub fn new(path: &Path) -> LiveFeed {
        LiveFeed {
            root: path.to_path_buf(),
            feed: Feed::new(path),
            kind: None,
            appeared: false,
        }
    }

    /// Shots or tracking, once the first rows arrived.
    pub fn kind(&self) -> Option<TableKind> {
        self.kind
    }

    /// Whether the file (or folder) exists yet.
    pub fn appeared(&self) -> bool {
        self.appeared
    }

    /// Reads what was appended since the last poll.
    pub fn poll(&mut self) -> std::io::Result<Vec<Event>> {
        let folder = self.root.is_dir();
        // A folder is there as soon as it exists, even before its first file.
        self.appeared |= folder;
        let mut out = Vec::new();
        for fb in self.feed.poll()? {
            let b = fb.batch;
            self.appeared |= !b.missing;
            let name = fb
                .path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let named = |reason: String| {
                if folder {
                    format!("{name}: {reason}")
                } else {
                    reason
                }
            };
            if let Some(restart) = b.restarted {
                out.push(Event::Restarted {
                    path: fb.path.clone(),
                    restart,
                });
            }
            if !b.skipped.is_empty() {
                out.push(Event::Skipped(
                    b.skipped
                        .into_iter()
                        .map(|s| Skipped {
                            line: s.line,
                            reason: named(s.reason),
                        })
                        .collect(),
                ));
            }
            if b.lines.is_empty() {
                continue;
            }
            let table = to_frame(&b.lines, fb.header.as_deref(), fb.csv).and_then(|df| {
                let kind = *self.kind.get_or_insert_with(|| kind_of(&df));
                Ok((kind, canonical(&df, kind)?))
            });
            match table {
                Ok((kind, frame)) => out.push(Event::Rows {
                    path: fb.path,
                    kind,
                    frame,
                    lines: b.lines,
                    csv: fb.csv,
                }),
                // Every line of a batch that cannot be read as the feed's table is left out,
                // counted and said, never dropped in silence.
                Err(e) => {
                    let kind = self.kind.unwrap_or(TableKind::Shots);
                    out.push(Event::Skipped(
                        b.numbers
                            .iter()
                            .map(|n| Skipped {
                                line: *n,
                                reason: named(format!("cannot be read as {kind} ({e})")),
                            })
                            .collect(),
                    ));
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::follow::append;

    #[test]
    fn rows_arrive_canonical_and_bad_lines_are_counted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("live.ndjson");
        let mut live = LiveFeed::new(&path);
        assert!(live.poll().unwrap().is_empty());
        assert!(!live.appeared());
        let shot = |x: f64| {
            format!(
                "{{\"game_id\":\"g\",\"game_date\":\"2024-01-02\",\"team\":\"T\",\"player\":\"P\",\
                 \"x_ft\":{x},\"y_ft\":5.0,\"made\":true,\"_written_us\":1}}\n"
            )
        };
        append(
            &path,
            format!("{}not json\n{}", shot(1.0), shot(2.0)).as_bytes(),
        );
        let events = live.poll().unwrap();
        assert!(live.appeared());
        assert_eq!(live.kind(), Some(TableKind::Shots));
        let mut rows = 0;
        let mut skipped = Vec::new();
        for e in events {
            match e {
                Event::Rows { frame, lines, .. } => {
                    rows += frame.height();
                    assert_eq!(lines.len(), frame.height());
                    // Canonical columns only: the writer's stamp is not a shot's column.
                    assert!(frame.column("_written_us").is_err());
                    assert!(frame.column("x_ft").is_ok());
                }
                Event::Skipped(s) => skipped.extend(s),
                Event::Restarted { .. } => panic!("no restart"),
            }
        }
        assert_eq!(rows, 2);
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].line, 2);
    }
}
