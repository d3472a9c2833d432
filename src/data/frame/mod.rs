//! Coordinate frames: whether a shot log's x and y are in the shot frame of SPEC 3 (feet,
//! hoop at the origin, x to the shooter's right, y towards half court), found from the spread
//! of the coordinates and the source's own zone labels, and the fix a user can accept.
//!
//! A frame is checked per season: archives mix vendors and years, and one season's export
//! can be scaled while the others are not.

mod cache;
mod fix;
mod spread;

use std::collections::BTreeMap;

use polars::prelude::*;
use serde::{Deserialize, Serialize};

use crate::court::{self, zones};

pub use cache::cached;
pub use fix::{CoordFix, apply_fixes};
use spread::{rim_of, spread_finding};

/// Something wrong with a source's frame, and the fix when one is clear.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FrameFinding {
    /// The file it holds for, when the table reads several.
    pub file: Option<String>,
    /// The season it holds for, when the source has several.
    pub season: Option<String>,
    /// The rows it was judged on.
    pub shots: u64,
    /// What is wrong, in a sentence (without the fix).
    pub problem: String,
    pub fix: Option<CoordFix>,
}

impl FrameFinding {
    /// The finding as a user reads it, with the fix and how to accept it.
    pub fn message(&self) -> String {
        let mut m = self.problem.clone();
        if let Some(s) = &self.season {
            m = format!("season {s}: {m}");
        }
        if let Some(f) = &self.file {
            m = format!("{f}: {m}");
        }
        if let Some(fix) = &self.fix {
            m.push_str(&format!(
                ". Fix: {} (`--fix-coords {fix}` on the command line, or accept it in the data \
                 panel's mapping); until then zones and charts are wrong",
                fix.describe()
            ));
        } else {
            m.push_str("; zones and charts will be wrong until the source is fixed");
        }
        m
    }
}

/// How well a source's own zone labels agree with its coordinates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LabelAgreement {
    pub season: Option<String>,
    /// The label column compared (`zone_basic`).
    pub column: String,
    /// Rows compared (a sample on large sources).
    pub rows: u64,
    /// Rows whose label is not the zone of their coordinates.
    pub disagree: u64,
}

impl LabelAgreement {
    /// The share of rows that disagree, 0–1.
    pub fn share(&self) -> f64 {
        if self.rows == 0 {
            0.0
        } else {
            self.disagree as f64 / self.rows as f64
        }
    }
}

/// What the frame check found in a shot table.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FrameCheck {
    pub findings: Vec<FrameFinding>,
    /// Label agreement per season, with the found fixes applied.
    pub labels: Vec<LabelAgreement>,
    /// Rows read for the check, when it read a sample rather than every row.
    pub sampled: Option<(u64, u64)>,
}

/// Disagreement with the source's labels beyond this share is reported.
pub const LABEL_TOLERANCE: f64 = 0.01;
/// The check reads at most about this many rows (a hashed sample beyond it).
const SAMPLE_ROWS: u64 = 50_000;
/// Fewer shots than this say too little about a frame from their spread alone.
const MIN_SPREAD_SHOTS: usize = 1_000;
/// Threes (from the source's own shot values) enough to judge the scale from their distance.
const MIN_THREES: usize = 30;

/// Scales a frame can be off by: tenths of feet or inches read as feet, feet read as tenths,
/// metres read as feet, feet read as metres.
const SCALES: [(f64, &str); 5] = [
    (10.0, "ten times too small"),
    (0.1, "in tenths of a foot, ten times too large"),
    (1.0 / 12.0, "in inches"),
    (court::FT_PER_M, "in metres"),
    (court::M_PER_FT, "3.28 times too large"),
];

/// Checks the frame of a canonical shot table: per season, its spread, and where it has
/// them, its own zone labels. `own_values` says whether `shot_value` comes from the source
/// (not from the coordinates).
pub fn check(lf: &LazyFrame, names: &[&str], own_values: bool) -> PolarsResult<FrameCheck> {
    let has = |c: &str| names.contains(&c);
    let rows = count_rows(lf)?;
    let mut cols = vec![
        col("x_ft").cast(DataType::Float64),
        col("y_ft").cast(DataType::Float64),
    ];
    for c in ["season", "zone_basic", "zone_area"] {
        if has(c) {
            cols.push(col(c).cast(DataType::String));
        }
    }
    if has("shot_value") && own_values {
        cols.push(col("shot_value").cast(DataType::Int32));
    }
    let step = rows.div_ceil(SAMPLE_ROWS).max(1);
    let mut sample = lf.clone();
    if step > 1 {
        // One row in `step`, spread by a multiplicative hash of the row number: every part of
        // the table is sampled (runs of rows could miss a season stored in one block), and
        // not every n-th row, which a file with a period of its own could alias with. It
        // decodes every row of the columns read: the result is kept between runs (see
        // [`cached`]).
        let keep = (1u64 << 32) / step;
        sample = sample.with_row_index("__i", None).filter(
            ((col("__i").cast(DataType::UInt64) * lit(2_654_435_761u64)) % lit(1u64 << 32))
                .lt(lit(keep)),
        );
    }
    let df = sample.select(cols).collect()?;
    let strs = |c: &str| -> Vec<Option<String>> {
        df.column(c)
            .ok()
            .and_then(|s| s.str().ok())
            .map(|s| s.iter().map(|v| v.map(str::to_string)).collect())
            .unwrap_or_else(|| vec![None; df.height()])
    };
    let floats =
        |c: &str| -> PolarsResult<Vec<Option<f64>>> { Ok(df.column(c)?.f64()?.iter().collect()) };
    let (xs, ys) = (floats("x_ft")?, floats("y_ft")?);
    let seasons = strs("season");
    let basic = strs("zone_basic");
    let area = strs("zone_area");
    let values: Vec<Option<i32>> = df
        .column("shot_value")
        .ok()
        .and_then(|s| s.i32().ok())
        .map(|s| s.iter().collect())
        .unwrap_or_else(|| vec![None; df.height()]);

    let mut groups: BTreeMap<Option<String>, Vec<Shot>> = BTreeMap::new();
    for i in 0..df.height() {
        let (Some(x), Some(y)) = (xs[i], ys[i]) else {
            continue;
        };
        groups.entry(seasons[i].clone()).or_default().push(Shot {
            x,
            y,
            basic: basic[i].clone(),
            area: area[i].clone(),
            three: values[i].map(|v| v == 3),
        });
    }
    let named = groups.len() > 1;
    let mut out = FrameCheck {
        sampled: (step > 1).then_some((df.height() as u64, rows)),
        ..Default::default()
    };
    for (season, shots) in &groups {
        let undated = named && season.is_none();
        let season = if named { season.clone() } else { None };
        let (finding, labels) = judge(shots);
        if let Some(mut f) = finding {
            if undated {
                // No season to fix them by: a fix for every row would break the others.
                f.fix = None;
                f.problem = format!("rows without a season: {}", f.problem);
            }
            if let Some(fix) = &mut f.fix {
                fix.season = season.clone();
            }
            f.season = season.clone();
            out.findings.push(f);
        }
        if let Some(mut l) = labels {
            l.season = season;
            // A few edge cases in a small file are not a disagreement worth a warning.
            if l.share() > LABEL_TOLERANCE && l.rows >= 500 && l.disagree >= 10 {
                out.findings.push(FrameFinding {
                    file: None,
                    season: l.season.clone(),
                    shots: l.rows,
                    problem: format!(
                        "the source's own zone labels disagree with the zones of its coordinates \
                         on {:.1} % of shots ({} of {}{}), above the 1 % they should (a league \
                         with other court lines, or a frame Courtside cannot tell)",
                        l.share() * 100.0,
                        l.disagree,
                        l.rows,
                        if step > 1 { ", a sample" } else { "" }
                    ),
                    fix: None,
                });
            }
            out.labels.push(l);
        }
    }
    // Every season with the same fix reads as one finding.
    if named && out.findings.len() == groups.len() && out.findings.iter().all(|f| f.fix.is_some()) {
        let strip = |f: &FrameFinding| {
            f.fix.clone().map(|mut x| {
                x.season = None;
                x
            })
        };
        let first = strip(&out.findings[0]);
        if out.findings.iter().all(|f| strip(f) == first) {
            let shots = out.findings.iter().map(|f| f.shots).sum();
            let mut f = out.findings.swap_remove(0);
            f.season = None;
            f.fix = first;
            f.shots = shots;
            out.findings = vec![f];
        }
    }
    Ok(out)
}

struct Shot {
    x: f64,
    y: f64,
    basic: Option<String>,
    area: Option<String>,
    three: Option<bool>,
}

/// What a candidate frame is judged against.
#[derive(Clone, Copy, PartialEq)]
enum Rule {
    /// The source's basic zone labels, and the side of its area labels.
    Labels,
    /// The source's own shot values: a three lies beyond the arc, a two inside it.
    Threes,
}

/// The rows of a table: from the files' metadata where Polars can, else by counting a column
/// (a bare `len()` over several files' scans trips Polars: a cast to a 128-bit integer this
/// build lacks).
fn count_rows(lf: &LazyFrame) -> PolarsResult<u64> {
    let first = |df: DataFrame| -> u64 {
        df.columns()
            .iter()
            .map(|c| c.get(0).ok().and_then(|v| v.extract::<u64>()).unwrap_or(0))
            .sum()
    };
    if let Ok(df) = lf.clone().select([len()]).collect() {
        return Ok(first(df));
    }
    let df = lf
        .clone()
        .select([
            col("x_ft").count().alias("n"),
            col("x_ft").null_count().alias("z"),
        ])
        .collect()?;
    Ok(first(df))
}

/// How many of `shots` (every `stride`-th) disagree with `rule` under `fix`.
fn agreement(shots: &[Shot], fix: &CoordFix, rule: Rule, stride: usize) -> LabelAgreement {
    let mut rows = 0;
    let mut disagree = 0;
    for s in shots.iter().step_by(stride) {
        let (x, y) = fix.point(s.x, s.y);
        let ok = match rule {
            Rule::Labels => {
                let Some(label) = &s.basic else { continue };
                zones::basic_zone(x, y).label() == label.as_str()
                    && s.area.as_deref().is_none_or(|a| side_agrees(a, x, y))
            }
            Rule::Threes => {
                let Some(three) = s.three else { continue };
                zones::basic_zone(x, y).is_three() == three
            }
        };
        rows += 1;
        disagree += u64::from(!ok);
    }
    LabelAgreement {
        season: None,
        column: match rule {
            Rule::Labels => "zone_basic",
            Rule::Threes => "shot_value",
        }
        .into(),
        rows,
        disagree,
    }
}

/// One season's (or source's) frame: a finding, and the labels' agreement under its fix.
///
/// Where the source says something the coordinates must agree with (its zone labels, or its
/// own two- and three-point values), the frame is the candidate that agrees with it best;
/// otherwise it is judged from the spread alone, which proposes only what it cannot mistake.
fn judge(shots: &[Shot]) -> (Option<FrameFinding>, Option<LabelAgreement>) {
    let labelled = shots.iter().filter(|s| s.basic.is_some()).count();
    let valued = shots.iter().filter(|s| s.three.is_some()).count();
    let rule = if labelled >= 50 {
        Rule::Labels
    } else if valued >= 50 {
        Rule::Threes
    } else {
        return (spread_finding(shots), None);
    };
    let as_is = agreement(shots, &CoordFix::default(), rule, 1);
    let fine = |a: &LabelAgreement| a.share() <= LABEL_TOLERANCE || a.disagree < 10;
    if fine(&as_is) {
        // Two- and three-point values cannot see y turned round or shifted past the hoop
        // where distances barely change: the spread's own finding stands if they allow it.
        let seen = (rule == Rule::Threes)
            .then(|| spread_finding(shots))
            .flatten()
            .filter(|f| {
                f.fix
                    .as_ref()
                    .is_none_or(|fix| fine(&agreement(shots, fix, rule, 1)))
            });
        return (seen, (rule == Rule::Labels).then_some(as_is));
    }
    // Candidates are tried on about 4,000 shots; the answer is counted on all.
    let stride = (shots.len() / 4_000).max(1);
    let spread = spread_finding(shots);
    let from_spread = spread.as_ref().and_then(|f| f.fix.clone());
    let tried: Vec<(CoordFix, f64)> = candidates(rule == Rule::Labels)
        .into_iter()
        .chain(from_spread.clone())
        .map(|f| {
            let a = agreement(shots, &f, rule, stride).share();
            (f, a)
        })
        .collect();
    // Frames that agree about as well (a player who never shoots threes agrees with many):
    // the one that puts the shots at the rim at the hoop.
    let least = tried.iter().map(|t| t.1).fold(f64::INFINITY, f64::min);
    let best = tried
        .into_iter()
        .filter(|t| t.1 <= least + 0.002)
        .map(|(f, _)| {
            let off = rim_of(shots, &f).map_or(f64::INFINITY, f64::abs);
            (f, off)
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .filter(|(_, off)| *off < 1.5)
        .map(|(f, _)| {
            let a = agreement(shots, &f, rule, 1);
            (f, a)
        });
    let said_by = match rule {
        Rule::Labels => "the source's own zone labels",
        Rule::Threes => "the source's own two- and three-point values",
    };
    if let Some((fix, a)) = best
        && !fix.is_identity()
        && a.share() < 0.03
        && a.share() < as_is.share() / 4.0
    {
        let finding = FrameFinding {
            file: None,
            season: None,
            shots: a.rows,
            problem: format!(
                "the coordinates disagree with {said_by} on {:.1} % of shots; {}, they agree on \
                 {:.1} %",
                as_is.share() * 100.0,
                fix.describe(),
                100.0 - a.share() * 100.0
            ),
            fix: Some(fix),
        };
        return (Some(finding), (rule == Rule::Labels).then_some(a));
    }
    match rule {
        // No frame explains the labels: they are reported as they are.
        Rule::Labels => (spread.map(|f| FrameFinding { fix: None, ..f }), Some(as_is)),
        Rule::Threes => {
            let problem = format!(
                "the coordinates disagree with {said_by} on {:.1} % of shots ({} of {}), and no \
                 change of scale, origin or side explains it",
                as_is.share() * 100.0,
                as_is.disagree,
                as_is.rows
            );
            let finding = FrameFinding {
                file: None,
                season: None,
                shots: as_is.rows,
                problem,
                fix: None,
            };
            (
                Some(finding).filter(|_| as_is.rows >= 500 || as_is.share() > 0.1),
                None,
            )
        }
    }
}

/// Whether a "Left …"/"Right …" area label has its shot on that side (left is −x).
fn side_agrees(area: &str, x: f64, y: f64) -> bool {
    let a = area.trim();
    let computed = zones::area_zone(x, y).label();
    let side = |s: &str| {
        if s.starts_with("Left") {
            Some(true)
        } else if s.starts_with("Right") {
            Some(false)
        } else {
            None
        }
    };
    match (side(a), side(computed)) {
        (Some(l), Some(c)) => l == c,
        _ => true,
    }
}

/// Shifts of y worth trying at scale `k`: none, a baseline origin (−5.25 ft), a hoop origin
/// read as a baseline one (+5.25), and those a vendor mapping's own shift (−5.25 ft, in the
/// wrong unit, before the fix) leaves: 5.25k − 5.25 and 5.25k.
fn y_shifts(k: f64) -> Vec<f64> {
    let h = court::HOOP_FROM_BASELINE_FT;
    let mut v: Vec<f64> = Vec::new();
    for c in [0.0, -h, h, h * k - h, h * k] {
        let c = (c * 1e6).round() / 1e6;
        if !v.contains(&c) {
            v.push(c);
        }
    }
    v
}

/// Frames worth trying: each scale, each shift of y, an origin at a corner, and (where labels
/// can tell left from right) mirroring.
fn candidates(mirror: bool) -> Vec<CoordFix> {
    let mut out = Vec::new();
    for scale in std::iter::once(1.0).chain(SCALES.iter().map(|(k, _)| *k)) {
        for shift_y_ft in y_shifts(scale) {
            for shift_x_ft in [0.0, -court::HALF_WIDTH_FT, court::HALF_WIDTH_FT] {
                for mirror_x in [false, true] {
                    if mirror_x && !mirror {
                        continue;
                    }
                    out.push(CoordFix {
                        scale,
                        shift_x_ft,
                        shift_y_ft,
                        mirror_x,
                        ..Default::default()
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::cache::cached_in;
    use super::*;

    #[test]
    fn a_fix_reads_back_from_its_command_line_form() {
        let fix: CoordFix = "scale=10,y=-5.25,mirror,season=2019-20".parse().unwrap();
        assert_eq!(fix.scale, 10.0);
        assert_eq!(fix.shift_y_ft, -5.25);
        assert!(fix.mirror_x);
        assert_eq!(fix.to_string(), "scale=10,y=-5.25,mirror,season=2019-20");
        assert_eq!(fix.to_string().parse::<CoordFix>().unwrap(), fix);
        assert_eq!(
            fix.describe(),
            "×10, y −5.25 ft, left and right swapped (season 2019-20)"
        );
        // A point 2.0 ft right, 1.5 ft up in tenths with a baseline origin.
        assert_eq!(fix.point(0.2, 0.675), (-2.0, 1.5));
        assert!(
            "scale=ten"
                .parse::<CoordFix>()
                .unwrap_err()
                .contains("not a number")
        );
        assert!(
            "turn"
                .parse::<CoordFix>()
                .unwrap_err()
                .contains("not understood")
        );
        assert!("scale=0".parse::<CoordFix>().is_err());
        // Inches read back exactly: a shot 285 in (23.75 ft) from the hoop stays on the arc.
        let inches: CoordFix = "scale=1/12".parse().unwrap();
        assert_eq!(inches.to_string(), "scale=1/12");
        assert_eq!(inches.describe(), "÷12");
        assert_eq!(inches.point(0.0, 285.0), (0.0, 23.75));
    }

    #[test]
    fn a_kept_check_is_used_until_the_file_or_its_mapping_changes() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("shots.csv");
        std::fs::write(&file, "a\n1\n").unwrap();
        let paths = vec![file.clone()];
        let cache = dir.path().join("cache");
        let found = |n: u64| FrameCheck {
            sampled: Some((n, n)),
            ..Default::default()
        };
        let first = cached_in(&cache, &paths, "m", || Ok(found(1))).unwrap();
        assert_eq!(first, found(1));
        // Kept: the check does not run again.
        let again = cached_in(&cache, &paths, "m", || panic!("checked again")).unwrap();
        assert_eq!(again, found(1));
        // Another mapping, or the file changed: checked again.
        assert_eq!(
            cached_in(&cache, &paths, "m2", || Ok(found(2))).unwrap(),
            found(2)
        );
        std::fs::write(&file, "a\n1\n2\n").unwrap();
        assert_eq!(
            cached_in(&cache, &paths, "m", || Ok(found(3))).unwrap(),
            found(3)
        );
    }

    #[test]
    fn fixes_apply_in_turn_and_a_seasons_fix_on_top_of_the_rest() {
        let df = df!(
            "x" => [0.2f64, 0.2],
            "y" => [0.3f64, 0.3],
            "season" => ["2015-16", "2023-24"],
        )
        .unwrap();
        let fixes: Vec<CoordFix> = ["scale=10", "mirror,season=2015-16", "y=-1"]
            .iter()
            .map(|f| f.parse().unwrap())
            .collect();
        let (x, y) = apply_fixes(col("x"), col("y"), Some(col("season")), &fixes);
        let out = df
            .lazy()
            .select([x.alias("x"), y.alias("y")])
            .collect()
            .unwrap();
        let v = |c: &str| -> Vec<f64> {
            out.column(c)
                .unwrap()
                .f64()
                .unwrap()
                .into_no_null_iter()
                .collect()
        };
        // ×10 for both, mirrored for 2015-16 only, then y −1 for both.
        assert_eq!(v("x"), [-2.0, 2.0]);
        assert_eq!(v("y"), [2.0, 2.0]);
    }

    /// A season's worth of shots in the shot frame: every distance and angle, a crowd at the
    /// rim and a few from behind the hoop.
    fn season() -> Vec<(f64, f64)> {
        let mut v = Vec::new();
        for d in 0..56 {
            for a in 0..37 {
                let (d, a) = (d as f64 * 0.5, (a as f64 * 5.0 - 90.0).to_radians());
                v.push((d * a.sin(), d * a.cos()));
            }
        }
        for i in 0..300 {
            v.push(((i % 7) as f64 * 0.4 - 1.2, (i % 4) as f64 * 0.3));
        }
        for i in 0..50 {
            v.push(((i % 6) as f64 - 2.5, -2.0));
        }
        v
    }

    /// The finding for `points` moved by `f`; with `values`, each shot carries its two- or
    /// three-point value, as a source that records it does.
    fn judged(
        points: Vec<(f64, f64)>,
        values: bool,
        f: impl Fn(f64, f64) -> (f64, f64),
    ) -> Option<FrameFinding> {
        let shots: Vec<Shot> = points
            .into_iter()
            .map(|(x, y)| {
                let three = values.then(|| zones::basic_zone(x, y).is_three());
                let (x, y) = f(x, y);
                Shot {
                    x,
                    y,
                    basic: None,
                    area: None,
                    three,
                }
            })
            .collect();
        judge(&shots).0
    }

    fn fix_of(points: Vec<(f64, f64)>, values: bool, f: impl Fn(f64, f64) -> (f64, f64)) -> String {
        judged(points, values, f)
            .and_then(|f| f.fix)
            .map(|f| f.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn the_spread_tells_what_it_cannot_mistake_and_leaves_a_right_frame_alone() {
        for values in [false, true] {
            assert_eq!(judged(season(), values, |x, y| (x, y)), None);
            // Origin at the left corner of the baseline.
            assert_eq!(
                fix_of(season(), values, |x, y| (x + 25.0, y + 5.25)),
                "x=-25,y=-5.25"
            );
            // Inches, from the baseline.
            assert_eq!(
                fix_of(season(), values, |x, y| (x * 12.0, (y + 5.25) * 12.0)),
                "scale=1/12,y=-5.25"
            );
            // Ten times too small, with a vendor's −5.25 ft already taken off y.
            assert_eq!(
                fix_of(season(), values, |x, y| (
                    x / 10.0,
                    (y + 5.25) / 10.0 - 5.25
                )),
                "scale=10,y=47.25"
            );
            // y growing towards the baseline.
            assert_eq!(fix_of(season(), values, |x, y| (x, -y)), "flip");
        }
        // Metres: told by the shots' own values, not by the spread, which a big man's shots
        // share.
        assert_eq!(
            fix_of(season(), true, |x, y| (x * 0.3048, y * 0.3048)),
            "scale=1/0.3048"
        );
        assert_eq!(
            judged(season(), false, |x, y| (x * 0.3048, y * 0.3048)),
            None
        );
        let near: Vec<(f64, f64)> = season()
            .into_iter()
            .filter(|(x, y)| x.hypot(*y) < 8.0)
            .cycle()
            .take(1_200)
            .collect();
        assert_eq!(judged(near.clone(), false, |x, y| (x, y)), None);
        assert_eq!(judged(near, true, |x, y| (x, y)), None);
        // A centre's 400 shots near the rim are too few to judge from their spread.
        let centre: Vec<(f64, f64)> = season()
            .into_iter()
            .filter(|(x, y)| x.hypot(*y) < 6.0)
            .take(400)
            .collect();
        assert_eq!(judged(centre, false, |x, y| (x, y)), None);
    }
}
