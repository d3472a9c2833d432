//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The checkout under test. Read at run time (cargo sets it for test processes), so that a
/// test binary reused from another checkout's target directory still looks at this one.
pub fn manifest_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

/// `../shared/data`, or None (and a message) when it is not there.
pub fn shared_data() -> Option<PathBuf> {
    let dir = manifest_dir().join("../shared/data");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: {} is absent; the real-data oracles need the shared exports beside the repo",
            dir.display()
        );
        None
    }
}

/// Runs the `courtside` binary with `args` in `cwd`.
pub fn courtside(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_courtside"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("the courtside binary runs")
}

/// stdout as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// stderr as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `courtside` expecting success, and returns stdout.
pub fn ok(cwd: &Path, args: &[&str]) -> String {
    let o = courtside(cwd, args);
    assert!(
        o.status.success(),
        "courtside {args:?} failed:\n{}",
        stderr(&o)
    );
    stdout(&o)
}

/// Runs `courtside` expecting a clean failure (exit 1, a message, no panic); returns stderr.
pub fn fails(cwd: &Path, args: &[&str]) -> String {
    let o = courtside(cwd, args);
    let err = stderr(&o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "courtside {args:?} should fail with exit 1; stderr:\n{err}\nstdout:\n{}",
        stdout(&o)
    );
    assert!(
        !err.contains("panicked"),
        "courtside {args:?} panicked:\n{err}"
    );
    assert!(
        err.starts_with("error: "),
        "the message should start with `error: `:\n{err}"
    );
    err
}

/// `inspect --json` of `paths`, parsed.
pub fn inspect_json(cwd: &Path, paths: &[&str]) -> serde_json::Value {
    let mut args = vec!["inspect", "--json"];
    args.extend_from_slice(paths);
    serde_json::from_str(&ok(cwd, &args)).expect("inspect --json prints JSON")
}
