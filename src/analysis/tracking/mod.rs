//! Tracking analytics (SPEC 6): distance, speed, speed zones and accelerations per player,
//! occupancy heatmaps, and the frames of a time window for playback.
//!
//! Movement is measured from consecutive positions of the same object in the same period,
//! using the real time step between frames. A step longer than the gap limit (missing frames,
//! a player off the court) is no movement at all: it adds no distance, no time and no speed.

mod analyse;
mod filter;
#[cfg(test)]
mod fixtures;
mod motion;
mod occupancy;
mod playback;
mod possessions;
mod runs;
mod summary;

pub use crate::analysis::period_name;
// The court's constants live in `court`; charts still reach them through here.
pub use crate::court::{COURT_X, COURT_Y, M_PER_FT};

pub use analyse::{movement, movement_and_occupancy, occupancy};
pub use filter::{TrackFilter, clock};
pub use motion::{MotionOptions, Movement};
pub use occupancy::{HeatOptions, Occupancy};
pub use playback::{Playback, Roster, Track, playback, roster};
pub use possessions::possessions;
pub use summary::summary_frame;
