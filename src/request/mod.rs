//! Requests: between the analysis and charts below and the two front ends above. Each result
//! the app shows and the command line prints is built here, by one function, from one
//! request struct: shots, zone tables, load, tracking. The command line only parses
//! arguments into a request and prints; the app's jobs only call these functions.

pub mod load;
pub mod names;
pub mod shots;
pub mod tracking;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use polars::prelude::PolarsError;

/// Why a request gave no result.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum RequestError {
    /// The data or what the user asked for is wrong: a missing file, a name not in the data.
    #[error("{0}")]
    Data(String),
    /// A query failed on data that opened.
    #[error("{0}")]
    Query(String),
    /// A chart could not be drawn or written.
    #[error("{0}")]
    Render(String),
    /// Courtside's own fault (a panic inside a job, a thread that would not start).
    #[error("{0}")]
    Internal(String),
    /// Cancelled, or superseded by a newer request: nobody reads the result.
    #[error("cancelled")]
    Cancelled,
}

impl RequestError {
    /// A query that failed inside Polars, in Courtside's words.
    pub fn query(e: PolarsError) -> RequestError {
        // A column the question needs and the data lacks is the data's gap, said plainly
        // (Polars' own text quotes its query plan).
        let text = e.to_string();
        if let Some(rest) = text.split("unable to find column \"").nth(1)
            && let Some(name) = rest.split('"').next()
        {
            return RequestError::Data(format!(
                "the data has no `{name}` column, which this needs; map one to it with \
                 `courtside map` (or the data panel), or leave this out"
            ));
        }
        let first = text.lines().next().unwrap_or_default();
        RequestError::Query(format!("the query failed ({first})"))
    }
}

/// Rows an answer left out, by reason: said beside every answer (on stderr, beside the app's
/// chart), and an error in strict mode.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct LeftOut {
    /// (why, rows), in the order found; reasons with no row are not kept.
    pub reasons: Vec<(String, u64)>,
}

impl LeftOut {
    /// Counts `rows` left out for `why`.
    pub fn add(&mut self, why: impl Into<String>, rows: u64) {
        if rows > 0 {
            self.reasons.push((why.into(), rows));
        }
    }

    /// Rows left out in all.
    pub fn total(&self) -> u64 {
        self.reasons.iter().map(|(_, n)| n).sum()
    }

    /// Whether no row was left out.
    pub fn is_empty(&self) -> bool {
        self.total() == 0
    }

    /// "3 selected rows left out: 2 with no readable court coordinates, 1 with no date", or
    /// None when nothing was left out.
    pub fn message(&self, noun: &str) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let why: Vec<String> = if self.reasons.len() == 1 {
            vec![self.reasons[0].0.clone()]
        } else {
            self.reasons
                .iter()
                .map(|(w, n)| format!("{} with {w}", crate::format::thousands(*n)))
                .collect()
        };
        Some(format!(
            "{} left out: {}",
            crate::format::plural(self.total(), noun),
            why.join(", ")
        ))
    }

    /// In strict mode, rows left out are an error naming them, rather than a note.
    pub fn check_strict(&self, strict: bool, source: &str, noun: &str) -> Result<(), RequestError> {
        match self.message(noun) {
            Some(m) if strict => Err(RequestError::Data(format!(
                "{source}: {m}, and strict mode asks for every row. Fix those rows in the source, \
                 or turn off View ▸ Strict to answer from the rest (the data panel says where \
                 they are)."
            ))),
            _ => Ok(()),
        }
    }
}

/// Lets long work see that it was cancelled or superseded, and say how far it has got.
#[derive(Clone, Debug, Default)]
pub struct Cancel {
    stop: Arc<AtomicBool>,
    /// Work done and the whole (rows read of all), 0 of 0 until the work says.
    progress: Arc<(AtomicU64, AtomicU64)>,
}

impl Cancel {
    /// Whether the work should stop.
    pub fn is_set(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// Asks the work to stop.
    pub fn set(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    /// Says that `done` of `total` (rows, bytes…) are done.
    pub fn report(&self, done: u64, total: u64) {
        self.progress.1.store(total, Ordering::Relaxed);
        self.progress.0.store(done, Ordering::Relaxed);
    }

    /// How far the work has got: (done, total), once it has said.
    pub fn progress(&self) -> Option<(u64, u64)> {
        let total = self.progress.1.load(Ordering::Relaxed);
        (total > 0).then(|| (self.progress.0.load(Ordering::Relaxed).min(total), total))
    }

    /// `Err(Cancelled)` once cancelled: `cancel.check()?` between steps.
    pub fn check(&self) -> Result<(), RequestError> {
        if self.is_set() {
            Err(RequestError::Cancelled)
        } else {
            Ok(())
        }
    }
}
