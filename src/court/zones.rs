//! Shot zones of SPEC 3.3: the NBA's basic zones, distance ranges and court areas, from
//! coordinates alone, so files without the NBA's labels get them.
//!
//! Each zone has a scalar function (for tests and charts) and a Polars expression (for
//! queries) that agree by construction: both follow the same thresholds.

use polars::prelude::*;

use super::*;

/// The NBA's basic shot zones (`SHOT_ZONE_BASIC`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BasicZone {
    RestrictedArea,
    Paint,
    MidRange,
    LeftCorner3,
    RightCorner3,
    AboveTheBreak3,
    Backcourt,
}

impl BasicZone {
    /// Every zone, in the order charts list them (the order of the variants, which
    /// `as usize` indexing relies on).
    pub const ALL: [BasicZone; 7] = [
        BasicZone::RestrictedArea,
        BasicZone::Paint,
        BasicZone::MidRange,
        BasicZone::LeftCorner3,
        BasicZone::RightCorner3,
        BasicZone::AboveTheBreak3,
        BasicZone::Backcourt,
    ];

    /// The NBA's label for the zone.
    pub fn label(self) -> &'static str {
        match self {
            BasicZone::RestrictedArea => "Restricted Area",
            BasicZone::Paint => "In The Paint (Non-RA)",
            BasicZone::MidRange => "Mid-Range",
            BasicZone::LeftCorner3 => "Left Corner 3",
            BasicZone::RightCorner3 => "Right Corner 3",
            BasicZone::AboveTheBreak3 => "Above the Break 3",
            BasicZone::Backcourt => "Backcourt",
        }
    }

    /// Whether a make in this zone is worth three points.
    pub fn is_three(self) -> bool {
        matches!(
            self,
            BasicZone::LeftCorner3
                | BasicZone::RightCorner3
                | BasicZone::AboveTheBreak3
                | BasicZone::Backcourt
        )
    }
}

/// The basic zone of a shot at `(x, y)` in the shot frame (the rule of SPEC 3.3).
pub fn basic_zone(x: f64, y: f64) -> BasicZone {
    // Squared distances, exactly as the Polars expressions compute them, so both agree.
    let d2 = x * x + y * y;
    if y > HALF_COURT_Y_FT {
        BasicZone::Backcourt
    } else if x.abs() >= CORNER_THREE_X_FT && y <= CORNER_THREE_MAX_Y_FT {
        if x > 0.0 {
            BasicZone::RightCorner3
        } else {
            BasicZone::LeftCorner3
        }
    } else if d2 >= THREE_ARC_FT * THREE_ARC_FT {
        BasicZone::AboveTheBreak3
    } else if d2 <= RESTRICTED_AREA_FT * RESTRICTED_AREA_FT {
        BasicZone::RestrictedArea
    } else if x.abs() <= PAINT_HALF_WIDTH_FT && y <= PAINT_MAX_Y_FT {
        BasicZone::Paint
    } else {
        BasicZone::MidRange
    }
}

/// A Polars expression that is 3 where a shot at (`x`, `y`) is a three and 2 otherwise,
/// for sources that do not say (SPEC 2.1: derive `shot_value` from geometry).
pub fn shot_value_expr(x: Expr, y: Expr) -> Expr {
    let d2 = x.clone() * x.clone() + y.clone() * y.clone();
    let corner = abs(x)
        .gt_eq(lit(CORNER_THREE_X_FT))
        .and(y.clone().lt_eq(lit(CORNER_THREE_MAX_Y_FT)));
    let three = y
        .gt(lit(HALF_COURT_Y_FT))
        .or(corner)
        .or(d2.gt_eq(lit(THREE_ARC_FT * THREE_ARC_FT)));
    when(three).then(lit(3i8)).otherwise(lit(2i8))
}

/// [`basic_zone`] as an index into [`BasicZone::ALL`], without branches: zones of
/// successive shots are unpredictable, and a mispredicted branch per test cost more than the
/// arithmetic. Gives exactly what `basic_zone` gives (tests compare them).
#[inline]
pub fn basic_zone_index(x: f64, y: f64) -> usize {
    let d2 = x * x + y * y;
    let ax = x.abs();
    let backcourt = y > HALF_COURT_Y_FT;
    let corner = ax >= CORNER_THREE_X_FT && y <= CORNER_THREE_MAX_Y_FT;
    let three = d2 >= THREE_ARC_FT * THREE_ARC_FT;
    let ra = d2 <= RESTRICTED_AREA_FT * RESTRICTED_AREA_FT;
    let paint = ax <= PAINT_HALF_WIDTH_FT && y <= PAINT_MAX_Y_FT;
    // Lowest priority first; each later test overrides the ones before, as in basic_zone.
    let mut z = BasicZone::MidRange as usize;
    z = if paint { BasicZone::Paint as usize } else { z };
    z = if ra {
        BasicZone::RestrictedArea as usize
    } else {
        z
    };
    z = if three {
        BasicZone::AboveTheBreak3 as usize
    } else {
        z
    };
    let side = BasicZone::LeftCorner3 as usize + usize::from(x > 0.0);
    z = if corner { side } else { z };
    if backcourt {
        BasicZone::Backcourt as usize
    } else {
        z
    }
}

/// The NBA's shot distance ranges (`SHOT_ZONE_RANGE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RangeZone {
    LessThan8,
    From8To16,
    From16To24,
    Plus24,
    BackCourt,
}

impl RangeZone {
    /// Every range, nearest first.
    pub const ALL: [RangeZone; 5] = [
        RangeZone::LessThan8,
        RangeZone::From8To16,
        RangeZone::From16To24,
        RangeZone::Plus24,
        RangeZone::BackCourt,
    ];

    /// The NBA's label for the range.
    pub fn label(self) -> &'static str {
        match self {
            RangeZone::LessThan8 => "Less Than 8 ft.",
            RangeZone::From8To16 => "8-16 ft.",
            RangeZone::From16To24 => "16-24 ft.",
            RangeZone::Plus24 => "24+ ft.",
            RangeZone::BackCourt => "Back Court Shot",
        }
    }
}

/// The NBA's court areas (`SHOT_ZONE_AREA`, `ZONE_NAME` in shot logs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AreaZone {
    LeftSide,
    LeftSideCenter,
    Center,
    RightSideCenter,
    RightSide,
    BackCourt,
}

impl AreaZone {
    /// Every area, left to right, then the back court.
    pub const ALL: [AreaZone; 6] = [
        AreaZone::LeftSide,
        AreaZone::LeftSideCenter,
        AreaZone::Center,
        AreaZone::RightSideCenter,
        AreaZone::RightSide,
        AreaZone::BackCourt,
    ];

    /// The NBA's label for the area.
    pub fn label(self) -> &'static str {
        match self {
            AreaZone::LeftSide => "Left Side",
            AreaZone::LeftSideCenter => "Left Side Center",
            AreaZone::Center => "Center",
            AreaZone::RightSideCenter => "Right Side Center",
            AreaZone::RightSide => "Right Side",
            AreaZone::BackCourt => "Back Court",
        }
    }
}

/// Beyond this `y` the NBA labels a shot's range and area "Back Court" (its basic zone
/// switches at half court, 2 ft further). Fitted to the 2023-24 labels: 100 % agreement.
pub const BACK_COURT_RANGE_Y_FT: f64 = 39.75;
/// Range boundaries (feet from the hoop, inclusive upper bounds).
const RANGE_8: f64 = 8.0;
const RANGE_16: f64 = 16.0;
const RANGE_24: f64 = 24.0;
/// Area sector half-angles (degrees from the hoop's axis): within 8–16 ft a shot is central
/// within 30°; beyond 16 ft within 18°, and a mid-range shot is on a side from 54°.
const CENTER_NEAR_DEG: f64 = 30.0;
const CENTER_FAR_DEG: f64 = 18.0;
const SIDE_MID_DEG: f64 = 54.0;

/// The range of a shot; `three` says whether it was worth three (every three is 24+).
pub fn range_zone(x: f64, y: f64, three: bool) -> RangeZone {
    let d2 = x * x + y * y;
    if y > BACK_COURT_RANGE_Y_FT {
        RangeZone::BackCourt
    } else if three {
        RangeZone::Plus24
    } else if d2 <= RANGE_8 * RANGE_8 {
        RangeZone::LessThan8
    } else if d2 <= RANGE_16 * RANGE_16 {
        RangeZone::From8To16
    } else if d2 < RANGE_24 * RANGE_24 {
        RangeZone::From16To24
    } else {
        RangeZone::Plus24
    }
}

/// Whether `(x, y)` lies within `deg` degrees of the hoop's axis (towards half court).
fn within(x: f64, y: f64, deg: f64) -> bool {
    y > 0.0 && x.abs() < y * deg.to_radians().tan()
}

/// The area of a shot.
pub fn area_zone(x: f64, y: f64) -> AreaZone {
    let d2 = x * x + y * y;
    let zone = basic_zone(x, y);
    let side = |outer: AreaZone, inner: AreaZone, is_outer: bool| match (x < 0.0, is_outer) {
        (true, true) => outer,
        (true, false) => inner,
        (false, true) => mirror(outer),
        (false, false) => mirror(inner),
    };
    if y > BACK_COURT_RANGE_Y_FT {
        AreaZone::BackCourt
    } else if d2 <= RANGE_8 * RANGE_8 {
        AreaZone::Center
    } else if matches!(zone, BasicZone::LeftCorner3 | BasicZone::RightCorner3) {
        side(AreaZone::LeftSide, AreaZone::LeftSideCenter, true)
    } else if d2 <= RANGE_16 * RANGE_16 {
        if within(x, y, CENTER_NEAR_DEG) {
            AreaZone::Center
        } else {
            side(AreaZone::LeftSide, AreaZone::LeftSideCenter, true)
        }
    } else if within(x, y, CENTER_FAR_DEG) {
        AreaZone::Center
    } else {
        let outer = zone == BasicZone::MidRange && !within(x, y, SIDE_MID_DEG);
        side(AreaZone::LeftSide, AreaZone::LeftSideCenter, outer)
    }
}

fn mirror(a: AreaZone) -> AreaZone {
    match a {
        AreaZone::LeftSide => AreaZone::RightSide,
        AreaZone::LeftSideCenter => AreaZone::RightSideCenter,
        AreaZone::RightSide => AreaZone::LeftSide,
        AreaZone::RightSideCenter => AreaZone::LeftSideCenter,
        other => other,
    }
}

/// The basic zone's label, as a Polars expression over `x` and `y` (feet, shot frame).
pub fn basic_zone_expr(x: Expr, y: Expr) -> Expr {
    let d2 = x.clone() * x.clone() + y.clone() * y.clone();
    let corner = abs(x.clone())
        .gt_eq(lit(CORNER_THREE_X_FT))
        .and(y.clone().lt_eq(lit(CORNER_THREE_MAX_Y_FT)));
    when(y.clone().gt(lit(HALF_COURT_Y_FT)))
        .then(lit(BasicZone::Backcourt.label()))
        .when(corner.clone().and(x.clone().gt(lit(0.0))))
        .then(lit(BasicZone::RightCorner3.label()))
        .when(corner)
        .then(lit(BasicZone::LeftCorner3.label()))
        .when(d2.clone().gt_eq(lit(THREE_ARC_FT * THREE_ARC_FT)))
        .then(lit(BasicZone::AboveTheBreak3.label()))
        .when(d2.lt_eq(lit(RESTRICTED_AREA_FT * RESTRICTED_AREA_FT)))
        .then(lit(BasicZone::RestrictedArea.label()))
        .when(
            abs(x)
                .lt_eq(lit(PAINT_HALF_WIDTH_FT))
                .and(y.lt_eq(lit(PAINT_MAX_Y_FT))),
        )
        .then(lit(BasicZone::Paint.label()))
        .otherwise(lit(BasicZone::MidRange.label()))
}

/// The basic zone's index in [`BasicZone::ALL`] (UInt32), as a Polars expression: the same
/// rules as [`basic_zone_expr`], without making text of every shot.
pub fn basic_zone_code_expr(x: Expr, y: Expr) -> Expr {
    let code = |z: BasicZone| lit(z as u32);
    let d2 = x.clone() * x.clone() + y.clone() * y.clone();
    let corner = abs(x.clone())
        .gt_eq(lit(CORNER_THREE_X_FT))
        .and(y.clone().lt_eq(lit(CORNER_THREE_MAX_Y_FT)));
    when(y.clone().gt(lit(HALF_COURT_Y_FT)))
        .then(code(BasicZone::Backcourt))
        .when(corner.clone().and(x.clone().gt(lit(0.0))))
        .then(code(BasicZone::RightCorner3))
        .when(corner)
        .then(code(BasicZone::LeftCorner3))
        .when(d2.clone().gt_eq(lit(THREE_ARC_FT * THREE_ARC_FT)))
        .then(code(BasicZone::AboveTheBreak3))
        .when(d2.lt_eq(lit(RESTRICTED_AREA_FT * RESTRICTED_AREA_FT)))
        .then(code(BasicZone::RestrictedArea))
        .when(
            abs(x)
                .lt_eq(lit(PAINT_HALF_WIDTH_FT))
                .and(y.lt_eq(lit(PAINT_MAX_Y_FT))),
        )
        .then(code(BasicZone::Paint))
        .otherwise(code(BasicZone::MidRange))
}

/// The range's label, as a Polars expression; `three` is a boolean expression.
pub fn range_expr(x: Expr, y: Expr, three: Expr) -> Expr {
    let d2 = x.clone() * x + y.clone() * y.clone();
    when(y.gt(lit(BACK_COURT_RANGE_Y_FT)))
        .then(lit(RangeZone::BackCourt.label()))
        .when(three)
        .then(lit(RangeZone::Plus24.label()))
        .when(d2.clone().lt_eq(lit(RANGE_8 * RANGE_8)))
        .then(lit(RangeZone::LessThan8.label()))
        .when(d2.clone().lt_eq(lit(RANGE_16 * RANGE_16)))
        .then(lit(RangeZone::From8To16.label()))
        .when(d2.lt(lit(RANGE_24 * RANGE_24)))
        .then(lit(RangeZone::From16To24.label()))
        .otherwise(lit(RangeZone::Plus24.label()))
}

/// The area's label, as a Polars expression.
pub fn area_expr(x: Expr, y: Expr) -> Expr {
    let d2 = x.clone() * x.clone() + y.clone() * y.clone();
    let within = |deg: f64| {
        y.clone()
            .gt(lit(0.0))
            .and(abs(x.clone()).lt(y.clone() * lit(deg.to_radians().tan())))
    };
    let left = x.clone().lt(lit(0.0));
    let pick = |l: AreaZone, r: AreaZone| {
        when(left.clone())
            .then(lit(l.label()))
            .otherwise(lit(r.label()))
    };
    let outer = pick(AreaZone::LeftSide, AreaZone::RightSide);
    let inner = pick(AreaZone::LeftSideCenter, AreaZone::RightSideCenter);
    let corner = abs(x.clone())
        .gt_eq(lit(CORNER_THREE_X_FT))
        .and(y.clone().lt_eq(lit(CORNER_THREE_MAX_Y_FT)));
    let mid_range = basic_zone_expr(x.clone(), y.clone()).eq(lit(BasicZone::MidRange.label()));
    when(y.clone().gt(lit(BACK_COURT_RANGE_Y_FT)))
        .then(lit(AreaZone::BackCourt.label()))
        .when(d2.clone().lt_eq(lit(RANGE_8 * RANGE_8)))
        .then(lit(AreaZone::Center.label()))
        .when(corner)
        .then(outer.clone())
        .when(d2.lt_eq(lit(RANGE_16 * RANGE_16)))
        .then(
            when(within(CENTER_NEAR_DEG))
                .then(lit(AreaZone::Center.label()))
                .otherwise(outer.clone()),
        )
        .when(within(CENTER_FAR_DEG))
        .then(lit(AreaZone::Center.label()))
        .when(mid_range.and(within(SIDE_MID_DEG).not()))
        .then(outer)
        .otherwise(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_are_declared_in_the_order_of_all() {
        for (i, z) in BasicZone::ALL.iter().enumerate() {
            assert_eq!(*z as usize, i);
        }
        for (i, z) in RangeZone::ALL.iter().enumerate() {
            assert_eq!(*z as usize, i);
        }
        for (i, z) in AreaZone::ALL.iter().enumerate() {
            assert_eq!(*z as usize, i);
        }
    }

    #[test]
    fn branch_free_basic_zone_agrees_everywhere() {
        // Every 0.05 ft over the court and beyond, boundaries included.
        for i in -600..=600 {
            for j in -120..=1000 {
                let (x, y) = (i as f64 * 0.05, j as f64 * 0.05);
                assert_eq!(
                    basic_zone_index(x, y),
                    basic_zone(x, y) as usize,
                    "({x}, {y})"
                );
            }
        }
    }

    #[test]
    fn zones_follow_the_spec_rule() {
        assert_eq!(basic_zone(0.0, 0.0), BasicZone::RestrictedArea);
        assert_eq!(basic_zone(0.0, 10.0), BasicZone::Paint);
        assert_eq!(basic_zone(-23.0, 0.0), BasicZone::LeftCorner3);
        assert_eq!(basic_zone(23.0, 0.0), BasicZone::RightCorner3);
        assert_eq!(basic_zone(0.0, 25.0), BasicZone::AboveTheBreak3);
        assert_eq!(basic_zone(12.0, 12.0), BasicZone::MidRange);
        assert_eq!(basic_zone(0.0, 60.0), BasicZone::Backcourt);
        // Just inside the corner line is a long two, not a three.
        assert_eq!(basic_zone(21.9, 0.0), BasicZone::MidRange);
    }
}
