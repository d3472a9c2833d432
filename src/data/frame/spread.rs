//! The frame judged from the spread of the shots alone, and where the rim sits: for sources
//! without zone labels or shot values, and to break ties between frames that agree as well.

use std::collections::BTreeMap;

use super::*;

/// Where the shots nearest the hoop sit in y once fixed: the 10th percentile of y among shots
/// within 4 ft of the hoop's axis, about 0 in the shot frame (some behind the hoop, most just
/// in front), for a season and for one player alike. None with fewer than 20 such shots.
pub(super) fn rim_of(shots: &[Shot], fix: &CoordFix) -> Option<f64> {
    let mut ys: Vec<f64> = shots
        .iter()
        .map(|s| fix.point(s.x, s.y))
        .filter(|(x, y)| x.abs() < 4.0 && (-10.0..30.0).contains(y))
        .map(|(_, y)| y)
        .collect();
    if ys.len() < 20 {
        return None;
    }
    ys.sort_by(f64::total_cmp);
    Some(quantile(&ys, 0.1))
}

/// Where y puts a file's shots, read one way round.
#[derive(Clone)]
struct Side {
    flip: bool,
    y01: f64,
    rim: Option<f64>,
    /// The shift that puts the rim at the hoop (0 when none is needed); None when the rim
    /// is off by what no frame explains.
    shift: Option<f64>,
    /// The median y once shifted.
    median_after: f64,
}

fn y_side(shots: &[Shot], scale: f64, shift_x_ft: f64, flip: bool) -> Side {
    let y_of = |s: &Shot| if flip { -s.y } else { s.y } * scale;
    let mut ys: Vec<f64> = shots.iter().map(y_of).collect();
    ys.sort_by(f64::total_cmp);
    let y01 = quantile(&ys, 0.01);
    let behind = ys.iter().filter(|y| **y < -0.5).count() as f64 / ys.len().max(1) as f64;
    // Where most shots at the rim are taken: a quarter of a foot in front of the hoop, in
    // the shot frame (0.25-ft bins).
    let mut bins: BTreeMap<i64, usize> = BTreeMap::new();
    for s in shots {
        if (s.x * scale + shift_x_ft).abs() < 4.0 {
            *bins.entry((y_of(s) * 4.0).floor() as i64).or_default() += 1;
        }
    }
    let rim = bins
        .iter()
        .max_by_key(|(_, n)| **n)
        .filter(|(_, n)| **n >= 20)
        .map(|(b, _)| *b as f64 / 4.0 + 0.125);
    let off_by = |m: f64, lo: f64, hi: f64| (lo..=hi).contains(&m);
    // Beyond the baseline by far; all in front of the hoop with the rim 5 ft out; or a third
    // of the shots behind the hoop with the rim 5 ft back (where a season has a few %).
    let shifted = (shots.len() >= MIN_SPREAD_SHOTS && y01 > 2.0)
        || (y01 < -8.0 && rim.is_some())
        || (shots.len() >= MIN_SPREAD_SHOTS
            && behind < 0.005
            && rim.is_some_and(|m| off_by(m, 3.5, 7.5)))
        || (behind > 0.3 && rim.is_some_and(|m| off_by(m, -7.5, -3.5)));
    // The shift is one a frame can be off by, never a guess: the nearest to the rim's place.
    let shift = match (shifted, rim) {
        (false, _) => Some(0.0),
        (true, Some(m)) => y_shifts(scale)
            .into_iter()
            .filter(|c| *c != 0.0)
            .min_by(|a, b| (m + a - 0.25).abs().total_cmp(&(m + b - 0.25).abs()))
            .filter(|c| (m + c - 0.25).abs() < 0.75),
        (true, None) => None,
    };
    Side {
        flip,
        y01,
        rim,
        shift,
        median_after: quantile(&ys, 0.5) + shift.unwrap_or(0.0),
    }
}

fn quantile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let pos = p * (sorted.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// The frame judged from the spread alone: a season's shots reach both corners (x about
/// ±23.5 ft at the 1st and 99th percentiles), threes lie about 25 ft from the hoop, and some
/// shots come from behind the hoop (y < 0), most at the rim (y about 0).
pub(super) fn spread_finding(shots: &[Shot]) -> Option<FrameFinding> {
    let threes: Vec<f64> = shots
        .iter()
        .filter(|s| s.three == Some(true))
        .map(|s| s.x.hypot(s.y))
        .collect();
    let mut xs: Vec<f64> = shots.iter().map(|s| s.x).collect();
    xs.sort_by(f64::total_cmp);
    let (x01, x99) = (quantile(&xs, 0.01), quantile(&xs, 0.99));
    // The scale: from the threes' distance where the source says which shots were threes;
    // else from the width a season's shots cover, but only for scales no real file of feet
    // can look like (a big man's shots, all near the rim, are as narrow as a season in
    // metres).
    let by_threes = threes.len() >= MIN_THREES;
    let raw = if by_threes {
        let mut t = threes;
        t.sort_by(f64::total_cmp);
        let d = quantile(&t, 0.5);
        (d > 0.0).then(|| 25.5 / d)
    } else if shots.len() >= MIN_SPREAD_SHOTS {
        let w = x99 - x01;
        (w > 0.0).then(|| 47.0 / w)
    } else {
        // Too few shots to judge a scale: the origin can still be told (below).
        Some(1.0)
    }?;
    let near = |k: f64| (raw / k - 1.0).abs() < 0.35;
    let unmistakable = |k: f64| !(0.2..=5.0).contains(&k);
    let (scale, how) = if near(1.0) {
        (1.0, None)
    } else {
        match SCALES
            .iter()
            .filter(|(k, _)| near(*k) && (by_threes || unmistakable(*k)))
            .min_by(|a, b| (raw / a.0 - 1.0).abs().total_cmp(&(raw / b.0 - 1.0).abs()))
        {
            Some((k, how)) => (*k, Some(*how)),
            None if by_threes || unmistakable(raw) => {
                return Some(FrameFinding {
                    file: None,
                    season: None,
                    shots: shots.len() as u64,
                    problem: format!(
                        "the coordinates do not look like feet from the hoop: x reaches \
                         {x01:.1} to {x99:.1}, where a season's shots reach about ±23.5 ft"
                    ),
                    fix: None,
                });
            }
            // Narrow or wide but not beyond what a player's own shots can be: no alarm.
            None => (1.0, None),
        }
    };
    // The origin: a corner origin puts the middle of the court at x = ±25 ft.
    let centre = scale * (x01 + x99) / 2.0;
    let shift_x_ft = if (centre.abs() - court::HALF_WIDTH_FT).abs() < 6.0 {
        -court::HALF_WIDTH_FT * centre.signum()
    } else {
        0.0
    };
    // y as read, then turned round (y growing towards the baseline): the first that, shifted
    // as a frame can be, puts the shots in front of the hoop.
    let options: Vec<Side> = [false, true]
        .into_iter()
        .filter(|flip| !flip || shots.len() >= MIN_SPREAD_SHOTS)
        .map(|flip| y_side(shots, scale, shift_x_ft, flip))
        .collect();
    let side = options
        .iter()
        .find(|o| o.shift.is_some() && o.median_after > 0.0)
        .or(options.first())
        .cloned()?;
    let (flip_y, y01) = (side.flip, side.y01);
    let Some(shift_y_ft) = side.shift else {
        return Some(FrameFinding {
            file: None,
            season: None,
            shots: shots.len() as u64,
            problem: format!(
                "the coordinates look shifted: y starts at {:.1} and the shots at the rim sit \
                 at {:.1} ft, where a season's start about 1 ft behind the hoop and sit at it",
                y01 / scale,
                side.rim.unwrap_or(f64::NAN) / scale
            ),
            fix: None,
        });
    };
    let fix = CoordFix {
        scale,
        shift_x_ft,
        shift_y_ft,
        flip_y,
        ..Default::default()
    };
    if fix.is_identity() {
        return None;
    }
    let mut what = Vec::new();
    if let Some(how) = how {
        what.push(format!("scaled ({how})"));
    }
    if flip_y {
        what.push("turned round (y grows towards the baseline)".to_string());
    }
    if shift_x_ft != 0.0 || shift_y_ft != 0.0 {
        what.push("shifted (the origin is not the hoop)".to_string());
    }
    Some(FrameFinding {
        file: None,
        season: None,
        shots: shots.len() as u64,
        problem: format!(
            "the coordinates look {}: x reaches {x01:.1} to {x99:.1} and y starts at {:.1}, \
             where a season's shots reach about ±23.5 ft and start about 1 ft behind the hoop",
            what.join(" and "),
            y01 / scale
        ),
        fix: Some(fix),
    })
}
