//! The job runner: reading and querying happen on worker threads, never on the UI thread.
//!
//! Each job goes into a slot (what it is for: opening a source, the shot query, …). A newer
//! job in a slot supersedes the older one: the older one is told to stop, and its result, if it
//! still arrives, is dropped. A panic inside a job comes back as an error. Every view owns a
//! runner with its own slots and results; the app's own (opening, combining, exporting) is
//! one more.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

pub use crate::request::{Cancel, RequestError as AppError};

/// What a job is for: one job per slot runs at a time.
pub trait SlotKey: Clone + Ord + std::fmt::Debug + Send + 'static {}

impl<T: Clone + Ord + std::fmt::Debug + Send + 'static> SlotKey for T {}

/// A finished job.
pub struct Done<K, R> {
    pub slot: K,
    /// The job's result, or what went wrong (a panic included).
    pub result: Result<R, AppError>,
    /// How long the job ran.
    pub elapsed: Duration,
}

struct Running {
    id: u64,
    label: String,
    started: Instant,
    cancel: Cancel,
}

/// Runs jobs on named worker threads and hands back their results.
pub struct Jobs<K, R> {
    tx: Sender<(K, u64, Result<R, AppError>, Duration)>,
    rx: Receiver<(K, u64, Result<R, AppError>, Duration)>,
    running: BTreeMap<K, Running>,
    next: u64,
    repaint: Option<egui::Context>,
}

impl<K: SlotKey, R: Send + 'static> Jobs<K, R> {
    /// A runner that asks `repaint` for a new frame whenever a job ends.
    pub fn new(repaint: Option<egui::Context>) -> Self {
        let (tx, rx) = channel();
        Self {
            tx,
            rx,
            running: BTreeMap::new(),
            next: 0,
            repaint,
        }
    }

    /// Starts `work` in `slot`, superseding the job running there.
    pub fn submit(
        &mut self,
        slot: K,
        label: impl Into<String>,
        work: impl FnOnce(&Cancel) -> Result<R, AppError> + Send + 'static,
    ) {
        self.cancel(&slot);
        self.next += 1;
        let id = self.next;
        let cancel = Cancel::default();
        let label = label.into();
        self.running.insert(
            slot.clone(),
            Running {
                id,
                label: label.clone(),
                started: Instant::now(),
                cancel: cancel.clone(),
            },
        );
        let tx = self.tx.clone();
        let repaint = self.repaint.clone();
        let thread_slot = slot.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("courtside: {label}"))
            .spawn(move || {
                let started = Instant::now();
                let result = catch_unwind(AssertUnwindSafe(|| work(&cancel)))
                    .unwrap_or_else(|panic| Err(AppError::Internal(panic_message(panic.as_ref()))));
                // A superseded result is freed here, not on the UI thread: it can be large.
                if cancel.is_set() {
                    drop(result);
                    return;
                }
                // The receiver is gone only when the app is closing.
                let _ = tx.send((thread_slot, id, result, started.elapsed()));
                if let Some(ctx) = repaint {
                    ctx.request_repaint();
                }
            });
        if let Err(e) = spawned {
            let _ = self.tx.send((
                slot,
                id,
                Err(AppError::Internal(format!(
                    "cannot start a worker thread ({e})"
                ))),
                Duration::ZERO,
            ));
        }
    }

    /// Stops the job in `slot`, if any; its result will be dropped.
    pub fn cancel(&mut self, slot: &K) {
        if let Some(r) = self.running.remove(slot) {
            r.cancel.set();
        }
    }

    /// The finished jobs whose results are still wanted, taking at most `budget` so that a
    /// flood of results cannot stall a frame.
    pub fn poll(&mut self, budget: Duration) -> Vec<Done<K, R>> {
        let start = Instant::now();
        let mut done = Vec::new();
        while let Ok((slot, id, result, elapsed)) = self.rx.try_recv() {
            if self.running.get(&slot).is_some_and(|r| r.id == id) {
                self.running.remove(&slot);
                done.push(Done {
                    slot,
                    result,
                    elapsed,
                });
            } else {
                // Superseded after it finished.
                drop_elsewhere(Some(result));
            }
            if start.elapsed() > budget {
                break;
            }
        }
        done
    }

    /// Whether a job runs in `slot`.
    pub fn is_running(&self, slot: &K) -> bool {
        self.running.contains_key(slot)
    }

    /// What is running, with how long it has run, oldest first.
    pub fn running(&self) -> Vec<(String, Duration)> {
        let mut v: Vec<(String, Duration)> = self
            .running
            .values()
            .map(|r| (r.label.clone(), r.started.elapsed()))
            .collect();
        v.sort_by_key(|r| std::cmp::Reverse(r.1));
        v
    }

    /// The running jobs that say how far they have got: (slot, label, done, total).
    pub fn progress(&self) -> Vec<(K, String, u64, u64)> {
        self.running
            .iter()
            .filter_map(|(k, r)| {
                let (done, total) = r.cancel.progress()?;
                Some((k.clone(), r.label.clone(), done, total))
            })
            .collect()
    }

    /// Whether a job runs in a slot that `which` picks.
    pub fn any_running(&self, which: impl Fn(&K) -> bool) -> bool {
        self.running.keys().any(which)
    }

    /// Whether any job runs.
    pub fn busy(&self) -> bool {
        !self.running.is_empty()
    }
}

/// Drops a result on another thread: a scatter of millions of shots takes longer to free
/// than a frame may.
pub fn drop_elsewhere<T: Send + 'static>(old: Option<T>) {
    if let Some(old) = old {
        let _ = std::thread::Builder::new()
            .name("courtside: free".into())
            .spawn(move || drop(old));
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    let detail = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no detail".into());
    format!(
        "Courtside hit an internal error and stopped this task ({detail}). The rest of the \
         app keeps working; please report it with the file that caused it."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
    enum Slot {
        Open(u64),
        Shots,
        Load,
    }

    fn wait<R: Send + 'static>(jobs: &mut Jobs<Slot, R>) -> Vec<Done<Slot, R>> {
        let mut all = Vec::new();
        for _ in 0..500 {
            all.extend(jobs.poll(Duration::from_millis(5)));
            if !jobs.busy() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        all
    }

    #[test]
    fn a_newer_job_supersedes_an_older_one() {
        let mut jobs: Jobs<Slot, u32> = Jobs::new(None);
        jobs.submit(Slot::Shots, "slow", |cancel| {
            while !cancel.is_set() {
                std::thread::sleep(Duration::from_millis(1));
            }
            Ok(1)
        });
        jobs.submit(Slot::Shots, "fast", |_| Ok(2));
        let done = wait(&mut jobs);
        let results: Vec<u32> = done.into_iter().filter_map(|d| d.result.ok()).collect();
        assert_eq!(results, vec![2], "only the newer result arrives");
    }

    #[test]
    fn a_panic_becomes_an_error_message() {
        let mut jobs: Jobs<Slot, u32> = Jobs::new(None);
        jobs.submit(Slot::Load, "boom", |_| panic!("index out of range"));
        let done = wait(&mut jobs);
        let err = done[0].result.as_ref().unwrap_err().to_string();
        assert!(err.contains("index out of range"), "{err}");
        assert!(err.contains("keeps working"), "{err}");
    }

    #[test]
    fn a_cancelled_job_result_is_dropped() {
        let mut jobs: Jobs<Slot, u32> = Jobs::new(None);
        jobs.submit(Slot::Open(1), "open", |_| {
            std::thread::sleep(Duration::from_millis(20));
            Ok(1)
        });
        jobs.cancel(&Slot::Open(1));
        std::thread::sleep(Duration::from_millis(60));
        assert!(jobs.poll(Duration::from_millis(5)).is_empty());
    }
}
