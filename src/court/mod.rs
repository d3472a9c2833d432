//! Court geometry: the shot (half-court) frame of SPEC 3.1 and the NBA basic zones of SPEC 3.3.
//!
//! Everything here is in feet, with the origin at the centre of the hoop, `+y` towards half
//! court and `+x` towards the side the NBA calls "Right".

use polars::prelude::*;

/// Distance from the baseline to the centre of the hoop.
pub const HOOP_FROM_BASELINE_FT: f64 = 5.25;
/// `y` of the baseline in the shot frame.
pub const BASELINE_Y_FT: f64 = -HOOP_FROM_BASELINE_FT;
/// `y` of the half-court line in the shot frame.
pub const HALF_COURT_Y_FT: f64 = 47.0 - HOOP_FROM_BASELINE_FT;
/// `y` of the far baseline (full court) in the shot frame.
pub const FAR_BASELINE_Y_FT: f64 = 94.0 - HOOP_FROM_BASELINE_FT;
/// Half the court's width.
pub const HALF_WIDTH_FT: f64 = 25.0;
/// Radius of the NBA three-point arc.
pub const THREE_ARC_FT: f64 = 23.75;
/// Distance of the NBA corner three from the hoop centre (measured along x).
pub const CORNER_THREE_X_FT: f64 = 22.0;
/// The corner three line runs straight up to this `y` (14 ft from the baseline).
pub const CORNER_THREE_MAX_Y_FT: f64 = 14.0 - HOOP_FROM_BASELINE_FT;
/// Radius of the restricted area.
pub const RESTRICTED_AREA_FT: f64 = 4.0;
/// Half the lane's width.
pub const PAINT_HALF_WIDTH_FT: f64 = 8.0;
/// `y` of the free-throw line (19 ft from the baseline).
pub const PAINT_MAX_Y_FT: f64 = 19.0 - HOOP_FROM_BASELINE_FT;

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
    /// Every zone, in the order charts list them.
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
    let d = x.hypot(y);
    if y > HALF_COURT_Y_FT {
        BasicZone::Backcourt
    } else if x.abs() >= CORNER_THREE_X_FT && y <= CORNER_THREE_MAX_Y_FT {
        if x > 0.0 {
            BasicZone::RightCorner3
        } else {
            BasicZone::LeftCorner3
        }
    } else if d >= THREE_ARC_FT {
        BasicZone::AboveTheBreak3
    } else if d <= RESTRICTED_AREA_FT {
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

/// `|e|`, without Polars' `abs` feature (one expression does not justify its build time).
pub fn abs(e: Expr) -> Expr {
    when(e.clone().lt(lit(0.0))).then(-e.clone()).otherwise(e)
}

#[cfg(test)]
mod tests {
    use super::*;

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
