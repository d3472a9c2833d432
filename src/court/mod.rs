//! Court geometry: the shot (half-court) frame of SPEC 3.1, the full-court tracking frame of
//! SPEC 3.2, and the NBA basic zones of SPEC 3.3.
//!
//! Everything here is in feet. The shot frame has its origin at the centre of the hoop, `+y`
//! towards half court and `+x` towards the side the NBA calls "Right"; the tracking frame has
//! its origin at a corner, `x` along the length and `y` across.

use polars::prelude::*;

pub mod lines;
pub mod zones;

pub use lines::{Court, CourtSpec};
pub use zones::{
    AreaZone, BasicZone, RangeZone, area_zone, basic_zone, range_zone, shot_value_expr,
};

/// Metres per foot (the international foot, exactly).
pub const M_PER_FT: f64 = 0.3048;
/// Feet per metre.
pub const FT_PER_M: f64 = 1.0 / M_PER_FT;

/// The full-court tracking frame (SPEC 3.2): the court's length in feet, along `x`.
pub const COURT_X: f64 = 94.0;
/// The full-court tracking frame (SPEC 3.2): the court's width in feet, along `y`.
pub const COURT_Y: f64 = 50.0;

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

/// `|e|`, without Polars' `abs` feature (one expression does not justify its build time).
pub fn abs(e: Expr) -> Expr {
    when(e.clone().lt(lit(0.0))).then(-e.clone()).otherwise(e)
}
