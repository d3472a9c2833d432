//! Fixtures the tracking tests share.

use polars::prelude::*;

use super::motion::MotionOptions;

/// A tracking table of one player from (t_ms, x_ft, y_ft) samples in period 1.
pub fn track(samples: &[(i64, f64, f64)]) -> LazyFrame {
    let n = samples.len();
    df!(
        "game_id" => vec!["g"; n],
        "period" => vec![1i8; n],
        "player" => vec!["A"; n],
        "team" => vec!["T"; n],
        "t_ms" => samples.iter().map(|s| s.0).collect::<Vec<_>>(),
        "x_ft" => samples.iter().map(|s| s.1 as f32).collect::<Vec<_>>(),
        "y_ft" => samples.iter().map(|s| s.2 as f32).collect::<Vec<_>>(),
    )
    .unwrap()
    .lazy()
}

/// Speeds from single steps, for cases computed by hand step by step.
pub fn raw() -> MotionOptions {
    MotionOptions {
        smooth_ms: 0,
        ..Default::default()
    }
}

/// Whether `a` is `b` to within a millionth (relative, or absolute near 0).
pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6 * b.abs().max(1.0)
}
