//! Analysis: pure functions from canonical tables to small result tables. No file formats,
//! no drawing.

pub mod bins;
pub mod shots;
