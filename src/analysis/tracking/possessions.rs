//! Possessions of a playback, from which half the ball is in.

use super::COURT_X;
use super::playback::Playback;

/// Possessions of a playback: spans where the ball stays in one half, split when it has been
/// in the other half for `settle_ms`. Returns (from_ms, to_ms) spans of at least 3 s.
pub fn possessions(p: &Playback, settle_ms: i64) -> Vec<(i64, i64)> {
    let Some(ball) = p.tracks.iter().find(|t| t.ball) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let Some(first) = ball.points.first() else {
        return out;
    };
    let mut start = first.0;
    let mut side = first.1 > (COURT_X / 2.0) as f32;
    let mut other_since: Option<i64> = None;
    let mut last = first.0;
    for &(t, x, _) in &ball.points {
        let now = x > (COURT_X / 2.0) as f32;
        if t - last > 2_000 {
            // A break in the feed ends a possession.
            if last - start >= 3_000 {
                out.push((start, last));
            }
            start = t;
            side = now;
            other_since = None;
        } else if now != side {
            let since = *other_since.get_or_insert(t);
            if t - since >= settle_ms {
                // Possession changed when the ball crossed half court.
                if since - start >= 3_000 {
                    out.push((start, since));
                }
                start = since;
                side = now;
                other_since = None;
            }
        } else {
            other_since = None;
        }
        last = t;
    }
    if last - start >= 3_000 {
        out.push((start, last));
    }
    out
}
