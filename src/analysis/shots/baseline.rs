//! Baselines: FG% per zone to compare a selection against (the league, a file, counts).

use std::collections::BTreeMap;

use super::counts::ZoneCount;
use super::zones::ZoneBy;

/// FG% per zone label of a baseline (the league, a file, another player …).
pub type BaselineFg = BTreeMap<String, f64>;

/// A baseline's FG% per zone, with what it is and how many shots it holds, so that every
/// chart and table can name it exactly: "league 2023-24, 218,701 shots".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NamedBaseline {
    /// What it is: "league 2023-24", "Seth Curry", a file's name.
    pub name: String,
    /// The attempts it is made of.
    pub shots: u64,
    pub fg: BaselineFg,
}

impl NamedBaseline {
    /// "league 2023-24, 218,701 shots".
    pub fn label(&self) -> String {
        format!(
            "{}, {}",
            self.name,
            crate::format::plural(self.shots, "shot")
        )
    }
}

/// FG% per zone from counts.
pub fn baseline_from_counts(by: &ZoneBy, counts: &[ZoneCount]) -> BaselineFg {
    by.labels()
        .into_iter()
        .zip(counts)
        .filter_map(|(label, c)| Some((label, c.fg_pct()?)))
        .collect()
}

/// FG% per zone of a baseline file, for the grouping `by`; None where the file has no label
/// for that grouping (e.g. custom zones against the NBA's cells).
pub fn baseline_from_cells(
    by: &ZoneBy,
    cells: &[crate::data::baseline::BaselineCell],
) -> Option<BaselineFg> {
    let mut sums: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for c in cells {
        let label = match by {
            ZoneBy::Basic => c.basic.as_ref().or(c.zone.as_ref()),
            ZoneBy::Range => c.range.as_ref().or(c.zone.as_ref()),
            ZoneBy::Area => c.area.as_ref().or(c.zone.as_ref()),
            ZoneBy::Custom(_) => c.zone.as_ref(),
        }?;
        let e = sums.entry(label.clone()).or_default();
        e.0 += c.fga;
        e.1 += c.fgm;
    }
    Some(
        sums.into_iter()
            .filter(|(_, (fga, _))| *fga > 0)
            .map(|(label, (fga, fgm))| (label, fgm as f64 / fga as f64))
            .collect(),
    )
}
