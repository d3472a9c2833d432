//! Courtside: basketball analytics for coaching staff.
//!
//! Data flows one way: [`data`] opens files and maps them to canonical tables; analysis,
//! charts and the app build on those; [`cli`] is the command line.

pub mod analysis;
pub mod charts;
pub mod cli;
pub mod court;
pub mod data;
pub mod export;
pub mod sample;
