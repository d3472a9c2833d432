//! Waking a follower when its file or folder changes, rather than at its next poll.

use std::path::{Path, PathBuf};

/// Wakes a follower as soon as its file or folder changes (inotify, FSEvents,
/// ReadDirectoryChangesW). Where no events come (network drives), the follower's own polling
/// interval still finds every line.
pub struct Wake {
    _watcher: Option<notify::RecommendedWatcher>,
    rx: std::sync::mpsc::Receiver<()>,
}

impl Wake {
    /// Watches `path`'s folder (the file may not exist yet, or be replaced).
    pub fn new(path: &Path) -> Wake {
        use notify::Watcher;
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        let dir = if path.is_dir() {
            path.to_path_buf()
        } else {
            match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            }
        };
        let watcher = notify::recommended_watcher(move |_| {
            // One pending wake is enough: the poll reads everything there is.
            let _ = tx.try_send(());
        })
        .ok()
        .and_then(|mut w| {
            w.watch(&dir, notify::RecursiveMode::NonRecursive).ok()?;
            Some(w)
        });
        Wake {
            _watcher: watcher,
            rx,
        }
    }

    /// Whether change events arrive (else only polling finds new lines).
    pub fn has_events(&self) -> bool {
        self._watcher.is_some()
    }

    /// Waits for a change, or `timeout`.
    pub fn wait(&self, timeout: std::time::Duration) {
        let _ = self.rx.recv_timeout(timeout);
    }
}
