//! Live feeds end to end: `feed replay` writes a feed while `feed follow`'s code reads it.

mod common;

use std::time::Duration;

use courtside::cli::feed::follow;

/// Replays `args` with the binary while following `out` in this process.
fn replay_and_follow(out: &std::path::Path, args: &[&str]) -> courtside::cli::feed::Report {
    let path = out.to_path_buf();
    let follower = std::thread::spawn(move || follow(&path, Duration::from_millis(1500)).unwrap());
    std::thread::sleep(Duration::from_millis(100));
    let o = common::courtside(&common::manifest_dir(), args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    follower.join().unwrap()
}

#[test]
fn a_replayed_season_arrives_whole_and_within_a_second() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("live.ndjson");
    let r = replay_and_follow(
        &out,
        &[
            "feed",
            "replay",
            "sample-data/shots.parquet",
            "--out",
            out.to_str().unwrap(),
            "--rate",
            "40000",
        ],
    );
    assert_eq!((r.rows, r.malformed, r.restarts), (14_692, 0, 0), "{r:?}");
    assert!(r.latency_ms.p99 < 1000.0, "{r:?}");
}

#[test]
fn a_tracking_game_replays_at_game_speed_as_csv() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("game.csv");
    let r = replay_and_follow(
        &out,
        &[
            "feed",
            "replay",
            "sample-data/tracking.parquet",
            "--out",
            out.to_str().unwrap(),
            "--speed",
            "50",
            "--limit",
            "11000",
        ],
    );
    // 11,000 rows: 1,000 frames of 11 objects at 25 Hz, 40 s of play in under a second.
    assert_eq!((r.rows, r.malformed), (11_000, 0), "{r:?}");
}

#[test]
fn replay_needs_a_pace() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.ndjson");
    let o = common::courtside(
        &common::manifest_dir(),
        &[
            "feed",
            "replay",
            "sample-data/shots.parquet",
            "--out",
            out.to_str().unwrap(),
            "--speed",
            "2",
        ],
    );
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--speed needs a time column"), "{err}");
}
