//! How shots are grouped into zones: the court's groupings (SPEC 3.3) or the user's polygons.

use serde::{Deserialize, Serialize};

use crate::court::{self, AreaZone, BasicZone, RangeZone};

/// A user-defined zone: a polygon in the shot frame (feet), saved with the workspace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomZone {
    pub name: String,
    /// Vertices (x_ft, y_ft), in order; the polygon closes itself.
    pub points: Vec<(f64, f64)>,
}

impl CustomZone {
    /// Whether `(x, y)` lies inside the polygon (even-odd rule).
    pub fn contains(&self, x: f64, y: f64) -> bool {
        let n = self.points.len();
        let mut inside = false;
        for i in 0..n {
            let (xi, yi) = self.points[i];
            let (xj, yj) = self.points[(i + n - 1) % n];
            if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
                inside = !inside;
            }
        }
        inside
    }
}

/// How to group shots into zones.
#[derive(Clone, Debug, PartialEq)]
pub enum ZoneBy {
    Basic,
    Range,
    Area,
    /// User polygons, in order (a shot counts in the first that holds it); shots in none are
    /// "Other".
    Custom(Vec<CustomZone>),
}

/// Label of the zone holding shots outside every custom zone.
pub const OTHER_ZONE: &str = "Other";

impl ZoneBy {
    /// The canonical column holding the source's own label of this grouping, if any.
    pub fn label_column(&self) -> Option<&'static str> {
        match self {
            ZoneBy::Basic => Some("zone_basic"),
            ZoneBy::Range => Some("zone_range"),
            ZoneBy::Area => Some("zone_area"),
            ZoneBy::Custom(_) => None,
        }
    }

    /// The zone labels, in the order tables list them.
    pub fn labels(&self) -> Vec<String> {
        match self {
            ZoneBy::Basic => BasicZone::ALL
                .iter()
                .map(|z| z.label().to_string())
                .collect(),
            ZoneBy::Range => RangeZone::ALL
                .iter()
                .map(|z| z.label().to_string())
                .collect(),
            ZoneBy::Area => AreaZone::ALL
                .iter()
                .map(|z| z.label().to_string())
                .collect(),
            ZoneBy::Custom(zones) => zones
                .iter()
                .map(|z| z.name.clone())
                .chain([OTHER_ZONE.to_string()])
                .collect(),
        }
    }

    /// The index (into [`ZoneBy::labels`]) of the zone of one shot.
    pub fn index(&self, x: f64, y: f64, three: bool) -> usize {
        // Each zone enum declares its variants in the order of its `ALL`.
        match self {
            ZoneBy::Basic => court::basic_zone(x, y) as usize,
            ZoneBy::Range => court::range_zone(x, y, three) as usize,
            ZoneBy::Area => court::area_zone(x, y) as usize,
            ZoneBy::Custom(zones) => zones
                .iter()
                .position(|z| z.contains(x, y))
                .unwrap_or(zones.len()),
        }
    }
}
