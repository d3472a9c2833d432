//! The fix a user accepts for a source's frame: a scale, a shift, a mirror, a flip, for a
//! season or a file, in the command line's form and as Polars expressions.

use std::fmt;
use std::str::FromStr;

use polars::prelude::*;
use serde::{Deserialize, Serialize};

use crate::court;

/// A change of frame a user accepts for a source (or one season of it): the coordinates are
/// scaled, then shifted, then x is mirrored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoordFix {
    /// Only the rows of this season; every row when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub season: Option<String>,
    /// Only the file of this name (in a folder read as one table); every file when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Multiplies x and y (10 for coordinates in tenths of the court's feet).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub scale: f64,
    /// Added to x after scaling, in feet.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub shift_x_ft: f64,
    /// Added to y after scaling, in feet (−5.25 for a baseline origin).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub shift_y_ft: f64,
    /// Swaps left and right.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mirror_x: bool,
    /// Turns y round, for sources whose y grows towards the baseline.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flip_y: bool,
}

fn one() -> f64 {
    1.0
}
fn is_one(v: &f64) -> bool {
    *v == 1.0
}
fn is_zero(v: &f64) -> bool {
    *v == 0.0
}

impl Default for CoordFix {
    fn default() -> Self {
        CoordFix {
            season: None,
            file: None,
            scale: 1.0,
            shift_x_ft: 0.0,
            shift_y_ft: 0.0,
            mirror_x: false,
            flip_y: false,
        }
    }
}

impl CoordFix {
    /// Whether it changes nothing.
    pub fn is_identity(&self) -> bool {
        self.scale == 1.0
            && self.shift_x_ft == 0.0
            && self.shift_y_ft == 0.0
            && !self.mirror_x
            && !self.flip_y
    }

    /// The fixed point.
    pub fn point(&self, x: f64, y: f64) -> (f64, f64) {
        let round = |v: f64| (v * 1e4).round() / 1e4;
        let y = if self.flip_y { -y } else { y };
        let x = round(x * self.scale + self.shift_x_ft);
        let y = round(y * self.scale + self.shift_y_ft);
        (if self.mirror_x { -x } else { x }, y)
    }

    /// The fixed coordinates as expressions (Float64), to a ten-thousandth of a foot: finer
    /// than any source measures, and coarse enough that a shot the source puts on a zone's
    /// edge stays there after the float arithmetic.
    pub fn exprs(&self, x: Expr, y: Expr) -> (Expr, Expr) {
        let fixed = |e: Expr, shift: f64| {
            let v = (e.cast(DataType::Float64) * lit(self.scale) + lit(shift)) * lit(1e4);
            // Rounded half away from zero (a cast to integers truncates).
            let half = when(v.clone().lt(lit(0.0)))
                .then(lit(-0.5))
                .otherwise(lit(0.5));
            (v + half).cast(DataType::Int64).cast(DataType::Float64) / lit(1e4)
        };
        let y = if self.flip_y {
            lit(0.0) - y.cast(DataType::Float64)
        } else {
            y
        };
        let x = fixed(x, self.shift_x_ft);
        let y = fixed(y, self.shift_y_ft);
        (if self.mirror_x { lit(0.0) - x } else { x }, y)
    }

    /// How a user reads it: "×10, y −5.25 ft".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.scale > 1.0 {
            parts.push(format!("×{}", number(self.scale)));
        } else if self.scale < 1.0 {
            parts.push(format!("÷{}", number(1.0 / self.scale)));
        }
        if self.shift_x_ft != 0.0 {
            parts.push(format!("x {} ft", signed(self.shift_x_ft)));
        }
        if self.shift_y_ft != 0.0 {
            parts.push(format!("y {} ft", signed(self.shift_y_ft)));
        }
        if self.mirror_x {
            parts.push("left and right swapped".into());
        }
        if self.flip_y {
            parts.push("y turned round".into());
        }
        if parts.is_empty() {
            parts.push("no change".into());
        }
        let mut of = Vec::new();
        if let Some(f) = &self.file {
            of.push(f.clone());
        }
        if let Some(s) = &self.season {
            of.push(format!("season {s}"));
        }
        if of.is_empty() {
            parts.join(", ")
        } else {
            format!("{} ({})", parts.join(", "), of.join(", "))
        }
    }
}

fn number(v: f64) -> String {
    let s = format!("{v:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A scale as the command line takes it back unchanged: a fraction for inches and metres.
fn exact(v: f64) -> String {
    if (v * 12.0 - 1.0).abs() < 1e-12 {
        "1/12".into()
    } else if (v * court::M_PER_FT - 1.0).abs() < 1e-12 {
        "1/0.3048".into()
    } else {
        format!("{v}")
    }
}

fn signed(v: f64) -> String {
    if v < 0.0 {
        format!("−{}", number(-v))
    } else {
        format!("+{}", number(v))
    }
}

/// The command line's form, as `--fix-coords` takes it: `scale=10,y=-5.25,mirror`.
impl fmt::Display for CoordFix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if self.scale != 1.0 {
            parts.push(format!("scale={}", exact(self.scale)));
        }
        if self.shift_x_ft != 0.0 {
            parts.push(format!("x={}", number(self.shift_x_ft)));
        }
        if self.shift_y_ft != 0.0 {
            parts.push(format!("y={}", number(self.shift_y_ft)));
        }
        if self.mirror_x {
            parts.push("mirror".into());
        }
        if self.flip_y {
            parts.push("flip".into());
        }
        if let Some(s) = &self.season {
            parts.push(format!("season={s}"));
        }
        if let Some(f) = &self.file {
            parts.push(format!("file={f}"));
        }
        if parts.is_empty() {
            parts.push("scale=1".into());
        }
        f.write_str(&parts.join(","))
    }
}

impl FromStr for CoordFix {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let usage = "write it as scale=N,x=FEET,y=FEET,mirror,flip,season=NAME,file=NAME (any \
                     of them), e.g. scale=10,y=-5.25 or scale=1/12";
        let mut fix = CoordFix::default();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            let num = |v: &str| -> Result<f64, String> {
                let v = v.trim().replace('−', "-");
                // A fraction keeps inches (1/12) and metres (1/0.3048) exact.
                let parsed = match v.split_once('/') {
                    Some((a, b)) => a
                        .trim()
                        .parse::<f64>()
                        .ok()
                        .zip(b.trim().parse::<f64>().ok())
                        .map(|(a, b)| a / b),
                    None => v.parse::<f64>().ok(),
                };
                parsed
                    .filter(|n| n.is_finite())
                    .ok_or_else(|| format!("`{part}`: `{v}` is not a number; {usage}"))
            };
            match key.trim() {
                "scale" => {
                    fix.scale = num(value)?;
                    if fix.scale <= 0.0 {
                        return Err(format!("`{part}`: the scale must be above 0; {usage}"));
                    }
                }
                "x" => fix.shift_x_ft = num(value)?,
                "y" => fix.shift_y_ft = num(value)?,
                "mirror" if value.is_empty() => fix.mirror_x = true,
                "flip" if value.is_empty() => fix.flip_y = true,
                "season" if !value.trim().is_empty() => fix.season = Some(value.trim().into()),
                "file" if !value.trim().is_empty() => fix.file = Some(value.trim().into()),
                _ => return Err(format!("`{part}` is not understood; {usage}")),
            }
        }
        Ok(fix)
    }
}

/// x and y with the fixes applied in the order they were accepted, each on top of the ones
/// before (the check that proposes a fix sees the coordinates already fixed): those without a
/// season on every row, those of a season on that season's rows.
pub fn apply_fixes(x: Expr, y: Expr, season: Option<Expr>, fixes: &[CoordFix]) -> (Expr, Expr) {
    let (mut fx, mut fy) = (x.cast(DataType::Float64), y.cast(DataType::Float64));
    for f in fixes {
        match (&f.season, &season) {
            (None, _) => (fx, fy) = f.exprs(fx, fy),
            (Some(s), Some(season)) => {
                let is = season.clone().cast(DataType::String).eq(lit(s.as_str()));
                let (sx, sy) = f.exprs(fx.clone(), fy.clone());
                fx = when(is.clone()).then(sx).otherwise(fx);
                fy = when(is).then(sy).otherwise(fy);
            }
            // A season's fix on a source without seasons has no rows to fix.
            (Some(_), None) => {}
        }
    }
    (fx, fy)
}
