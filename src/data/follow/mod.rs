//! Following live feed exports (SPEC 2.4): files another system keeps appending to.
//!
//! Each poll reads from the last byte offset to the end, takes only complete lines (a partial
//! last line waits for the next poll, even when it splits a multi-byte character), checks each
//! line, and reports malformed ones with their line numbers. A file that shrinks, is rewritten
//! or replaced is read again from the start, and the poll says so.

mod feed;
mod follower;
mod frame;
mod lines;
mod live;
mod wake;

pub use feed::{Feed, FileBatch};
pub use follower::{Batch, Follower, LineFormat, Restart, Skipped, split_csv};
pub use frame::{canonical, kind_of, stack, to_frame};
pub use live::{Event, LiveFeed};
pub use wake::Wake;

/// Appends `bytes` to `path` (created if missing), as a feed's writer does.
#[cfg(test)]
fn append(path: &std::path::Path, bytes: &[u8]) {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .unwrap();
    f.write_all(bytes).unwrap();
}
