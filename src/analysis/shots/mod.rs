//! Shot analytics (SPEC 4): filters, zone tables, baselines.
//!
//! Filtering runs in Polars (predicates reach the Parquet reader); the zone counts run in one
//! pass over f32 coordinates on every core, which is what makes a season's table instant.

mod baseline;
mod counts;
mod filter;
mod set;
mod split;
mod zones;

pub use baseline::{BaselineFg, NamedBaseline, baseline_from_cells, baseline_from_counts};
pub use counts::{LazyCounts, ZoneCount, count_by_zone, count_lazy, count_tallied, zone_table};
pub use filter::{ShotFilter, date_range};
pub use set::{NO_ZONE, ShotSet, countable, select};
pub use split::split;
pub use zones::{CustomZone, OTHER_ZONE, ZoneBy};
