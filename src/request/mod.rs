//! Requests: between the analysis and charts below and the two front ends above. Each result
//! the app shows and the command line prints is built here, by one function, from one
//! request struct: shots, zone tables, load, tracking. The command line only parses
//! arguments into a request and prints; the app's jobs only call these functions.

pub mod load;
pub mod names;
pub mod shots;
pub mod tracking;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

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
        RequestError::Query(format!("the query failed ({e})"))
    }
}

/// Lets long work see that it was cancelled or superseded.
#[derive(Clone, Debug, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// Whether the work should stop.
    pub fn is_set(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// Asks the work to stop.
    pub fn set(&self) {
        self.0.store(true, Ordering::Relaxed);
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
