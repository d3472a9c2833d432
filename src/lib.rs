//! Courtside: basketball analytics for coaching staff.
//!
//! Data flows one way: [`data`] opens files and maps them to canonical tables; [`analysis`]
//! computes on them; [`charts`] lays results out and draws them; [`request`] builds each
//! result from one request for both front ends: [`app`] (the desktop app) and [`cli`] (the
//! command line), which never import each other. [`format`] and [`court`] sit at the
//! bottom, for everyone.

pub mod analysis;
pub mod app;
pub mod charts;
pub mod cli;
pub mod court;
pub mod data;
pub mod export;
pub mod format;
pub mod report;
pub mod request;
pub mod sample;
