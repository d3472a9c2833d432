//! Analysis: pure functions from canonical tables to small result tables. No file formats,
//! no drawing.

pub mod bins;
pub mod load;
pub mod shots;
pub mod tracking;

/// How a period is named: "Q1" … "Q4", then "OT1" …
pub fn period_name(p: i32) -> String {
    if p <= 4 {
        format!("Q{p}")
    } else {
        format!("OT{}", p - 4)
    }
}
