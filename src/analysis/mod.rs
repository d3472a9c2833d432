//! Analysis: pure functions from canonical tables to small result tables. No file formats,
//! no drawing.

pub mod bins;
pub mod load;
pub mod shots;
pub mod tracking;
