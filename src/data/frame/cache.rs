//! The frame check kept between runs.

use serde::{Deserialize, Serialize};

use polars::prelude::PolarsResult;

use super::FrameCheck;

/// A frame check kept between runs: a check reads a sample of every file, which on an
/// archive costs as much as the question itself, while the answer changes only with the
/// files or their mapping. Kept under `$XDG_CACHE_HOME/courtside/frames` (or
/// `~/.cache/courtside/frames`), keyed by the files' paths, sizes and modification times and
/// the mapping; anything amiss with the cache only means checking again.
pub fn cached(
    paths: &[std::path::PathBuf],
    mapping: &str,
    check: impl FnOnce() -> PolarsResult<FrameCheck>,
) -> PolarsResult<FrameCheck> {
    match cache_dir() {
        Some(dir) => cached_in(&dir, paths, mapping, check),
        None => check(),
    }
}

pub(super) fn cached_in(
    dir: &std::path::Path,
    paths: &[std::path::PathBuf],
    mapping: &str,
    check: impl FnOnce() -> PolarsResult<FrameCheck>,
) -> PolarsResult<FrameCheck> {
    use std::hash::{Hash, Hasher};
    let key = {
        let mut key = format!("v1|{mapping}");
        for p in paths {
            let Ok(meta) = std::fs::metadata(p) else {
                return check();
            };
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            let real = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
            key.push_str(&format!("|{}|{}|{modified}", real.display(), meta.len()));
        }
        key
    };
    let mut h = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut h);
    let file = dir.join(format!("{:016x}.json", h.finish()));
    #[derive(Serialize, Deserialize)]
    struct Entry {
        key: String,
        check: FrameCheck,
    }
    if let Ok(text) = std::fs::read_to_string(&file)
        && let Ok(e) = serde_json::from_str::<Entry>(&text)
        && e.key == key
    {
        return Ok(e.check);
    }
    let found = check()?;
    let entry = Entry {
        key,
        check: found.clone(),
    };
    if std::fs::create_dir_all(dir).is_ok()
        && let Ok(text) = serde_json::to_string(&entry)
    {
        let _ =
            crate::export::write_atomic(&file, |w| std::io::Write::write_all(w, text.as_bytes()));
    }
    Ok(found)
}

fn cache_dir() -> Option<std::path::PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(std::path::PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".cache")))?;
    Some(base.join("courtside").join("frames"))
}
