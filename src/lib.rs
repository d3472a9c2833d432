//! Courtside: basketball analytics for coaching staff.
//!
//! Data flows one way: [`data`] opens files and maps them to canonical tables; analysis,
//! charts build on those; [`app`] is the desktop app and [`cli`] the command line.

pub mod analysis;
pub mod app;
pub mod charts;
pub mod cli;
pub mod court;
pub mod data;
pub mod export;
pub mod sample;
