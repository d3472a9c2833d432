//! Following a live shot or tracking feed in the app: a worker polls the file and sends canonical chunks;
//! the app appends them on a refresh interval, so the views see a consistent, growing table.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use polars::prelude::DataFrame;

use crate::data::TableKind;
use crate::data::follow::{Event, LiveFeed, Restart, Skipped, Wake};

/// What the worker sends.
enum Message {
    Rows(TableKind, DataFrame),
    Skipped(Vec<Skipped>),
    Restarted(Restart),
    Failed(String),
}

/// A followed file.
pub struct Live {
    pub path: PathBuf,
    /// How often new rows reach the views.
    pub interval: Duration,
    /// Shots or tracking, known from the first rows' columns.
    pub kind: Option<TableKind>,
    /// Every row so far, canonical; None until the first rows arrive.
    pub frame: Option<Arc<DataFrame>>,
    pub rows: u64,
    pub skipped: Vec<Skipped>,
    pub restarts: u64,
    /// The latest notice (a restart, an error).
    pub notice: Option<String>,
    pub last_event: Option<Instant>,
    paused: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
    rx: Receiver<Message>,
    pending: Vec<DataFrame>,
    last_refresh: Instant,
    recent: VecDeque<(Instant, u64)>,
}

/// How often the worker looks at the file without a change event (network drives).
const POLL: Duration = Duration::from_millis(100);

impl Live {
    /// Starts following `path` (waiting for it if it does not exist yet).
    pub fn start(path: &Path, repaint: Option<egui::Context>) -> Live {
        let (tx, rx) = channel();
        let paused = Arc::new(AtomicBool::new(false));
        let stop = Arc::new(AtomicBool::new(false));
        let (p, s, file) = (paused.clone(), stop.clone(), path.to_path_buf());
        let _ = std::thread::Builder::new()
            .name("courtside: live feed".into())
            .spawn(move || {
                let mut feed = LiveFeed::new(&file);
                let wake = Wake::new(&file);
                while !s.load(Ordering::Relaxed) {
                    if p.load(Ordering::Relaxed) {
                        std::thread::sleep(POLL);
                        continue;
                    }
                    let msgs: Vec<Message> = match feed.poll() {
                        Ok(events) => events
                            .into_iter()
                            .map(|e| match e {
                                Event::Rows { kind, frame, .. } => Message::Rows(kind, frame),
                                Event::Skipped(s) => Message::Skipped(s),
                                Event::Restarted { restart, .. } => Message::Restarted(restart),
                            })
                            .collect(),
                        Err(e) => vec![Message::Failed(format!(
                            "{}: cannot read it ({e})",
                            file.display()
                        ))],
                    };
                    let sent = !msgs.is_empty();
                    for m in msgs {
                        if tx.send(m).is_err() {
                            return;
                        }
                    }
                    if sent && let Some(ctx) = &repaint {
                        ctx.request_repaint();
                    }
                    wake.wait(POLL);
                }
            });
        Live {
            path: path.to_path_buf(),
            interval: Duration::from_millis(500),
            kind: None,
            frame: None,
            rows: 0,
            skipped: Vec::new(),
            restarts: 0,
            notice: None,
            last_event: None,
            paused,
            stop,
            rx,
            pending: Vec::new(),
            last_refresh: Instant::now(),
            recent: VecDeque::new(),
        }
    }

    /// Whether following is paused.
    pub fn paused(&self) -> bool {
        self.paused.load(Ordering::Relaxed)
    }

    /// Pauses or resumes following.
    pub fn set_paused(&self, paused: bool) {
        self.paused.store(paused, Ordering::Relaxed);
    }

    /// Rows per second over the last five seconds.
    pub fn rate(&self) -> f64 {
        let n: u64 = self.recent.iter().map(|(_, n)| n).sum();
        n as f64 / 5.0
    }

    /// Takes what the worker sent (within `budget`); returns true when new rows reach the
    /// table, which happens at most once per interval.
    pub fn poll(&mut self, budget: Duration) -> bool {
        let start = Instant::now();
        while let Ok(m) = self.rx.try_recv() {
            match m {
                Message::Rows(kind, df) => {
                    self.kind = Some(kind);
                    let now = Instant::now();
                    self.recent.push_back((now, df.height() as u64));
                    self.last_event = Some(now);
                    self.pending.push(df);
                }
                Message::Skipped(s) => self.skipped.extend(s),
                Message::Restarted(r) => {
                    self.restarts += 1;
                    // Rows of the old file stay: they happened.
                    self.notice = Some(format!("{}: {}", self.path.display(), r.describe()));
                }
                Message::Failed(e) => self.notice = Some(e),
            }
            if start.elapsed() > budget {
                break;
            }
        }
        while self
            .recent
            .front()
            .is_some_and(|(t, _)| t.elapsed() > Duration::from_secs(5))
        {
            self.recent.pop_front();
        }
        if self.pending.is_empty() || self.last_refresh.elapsed() < self.interval {
            return false;
        }
        self.last_refresh = Instant::now();
        let mut frame = self.frame.as_deref().cloned().unwrap_or_default();
        for df in self.pending.drain(..) {
            let n = df.height() as u64;
            self.rows += n;
            // Chunks are appended, not copied; a column a chunk lacks is nulls in it. Only
            // a column whose type changed fails, and the notice says so.
            let appended = crate::data::follow::stack(&frame, &df);
            match appended {
                Ok(f) => frame = f,
                Err(e) => {
                    self.notice = Some(format!(
                        "{}: {} rows have other columns than the first ones ({e})",
                        self.path.display(),
                        n
                    ));
                    self.rows -= n;
                }
            }
        }
        self.frame = Some(Arc::new(frame));
        true
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}
