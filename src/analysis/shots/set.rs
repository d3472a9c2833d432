//! The columns shot analytics read, extracted once from a canonical shots table.

use polars::prelude::*;

use super::filter::ShotFilter;
use super::zones::ZoneBy;
use crate::court;

/// The columns shot analytics read, extracted once so that repeated passes are cheap.
#[derive(Clone, Debug, Default)]
pub struct ShotSet {
    pub x: Vec<f32>,
    pub y: Vec<f32>,
    pub made: Vec<bool>,
    /// Whether each shot was worth three (`shot_value` = 3, or the geometry says so).
    pub three: Vec<bool>,
    /// The source's own zones, per grouping (basic, range, area): for each shot the index of
    /// its label in that grouping's labels, or [`NO_ZONE`].
    pub labels: [Option<Vec<u8>>; 3],
}

/// A shot whose source gave no (known) zone label: its zone comes from its coordinates.
pub const NO_ZONE: u8 = u8::MAX;

/// Canonical columns holding the source's zone labels, by grouping.
const LABEL_COLUMNS: [&str; 3] = ["zone_basic", "zone_range", "zone_area"];

impl ShotSet {
    /// Reads the shots of a canonical shots table (rows without coordinates are left out:
    /// inspect reports them).
    pub fn load(shots: LazyFrame) -> PolarsResult<Self> {
        let schema = shots.clone().collect_schema()?;
        let mut cols = vec![col("x_ft"), col("y_ft"), col("made")];
        for c in ["shot_value"].iter().chain(LABEL_COLUMNS.iter()) {
            if schema.get(c).is_some() {
                cols.push(col(*c));
            }
        }
        let df = shots.filter(countable()).select(cols).collect()?;
        Self::from_frame(&df)
    }

    /// Extracts the shots of a frame with non-null `x_ft`, `y_ft`, and `made` (and, if there,
    /// `shot_value` and the zone label columns).
    pub fn from_frame(df: &DataFrame) -> PolarsResult<Self> {
        let x = df.column("x_ft")?.cast(&DataType::Float32)?;
        let y = df.column("y_ft")?.cast(&DataType::Float32)?;
        let made = df.column("made")?.cast(&DataType::Boolean)?;
        let x: Vec<f32> = x.f32()?.iter().map(|v| v.unwrap_or(f32::NAN)).collect();
        let y: Vec<f32> = y.f32()?.iter().map(|v| v.unwrap_or(f32::NAN)).collect();
        let made: Vec<bool> = made.bool()?.iter().map(|v| v.unwrap_or(false)).collect();
        let three: Vec<bool> = match df.column("shot_value") {
            Ok(v) => v
                .cast(&DataType::Int8)?
                .i8()?
                .iter()
                .zip(x.iter().zip(&y))
                .map(|(v, (x, y))| match v {
                    Some(v) => v == 3,
                    None => court::basic_zone(*x as f64, *y as f64).is_three(),
                })
                .collect(),
            Err(_) => x
                .iter()
                .zip(&y)
                .map(|(x, y)| court::basic_zone(*x as f64, *y as f64).is_three())
                .collect(),
        };
        let groupings = [ZoneBy::Basic, ZoneBy::Range, ZoneBy::Area];
        let mut labels: [Option<Vec<u8>>; 3] = [None, None, None];
        for (k, column) in LABEL_COLUMNS.iter().enumerate() {
            if let Ok(c) = df.column(column) {
                let names = groupings[k].labels();
                let codes = c
                    .str()?
                    .iter()
                    .map(|v| {
                        v.and_then(|v| names.iter().position(|n| n == v))
                            .map_or(NO_ZONE, |p| p as u8)
                    })
                    .collect();
                labels[k] = Some(codes);
            }
        }
        Ok(ShotSet {
            x,
            y,
            made,
            three,
            labels,
        })
    }

    /// The source's zone codes for a grouping, if it gave them.
    pub(super) fn labels_for(&self, by: &ZoneBy) -> Option<&[u8]> {
        let k = match by {
            ZoneBy::Basic => 0,
            ZoneBy::Range => 1,
            ZoneBy::Area => 2,
            ZoneBy::Custom(_) => return None,
        };
        self.labels[k].as_deref()
    }

    /// Number of shots.
    pub fn len(&self) -> usize {
        self.x.len()
    }

    /// Whether there are no shots.
    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }
}

/// The shots that can be counted: a shot without a place or a result cannot (a missing result
/// is not a miss); the requests count those rows as left out.
pub fn countable() -> Expr {
    col("x_ft")
        .is_not_null()
        .and(col("y_ft").is_not_null())
        .and(col("made").is_not_null())
}

/// The shots of `shots` (a canonical table) that pass the filter, as a [`ShotSet`].
pub fn select(shots: &LazyFrame, filter: &ShotFilter) -> PolarsResult<ShotSet> {
    ShotSet::load(filter.apply(shots.clone())?)
}
