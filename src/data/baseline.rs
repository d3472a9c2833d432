//! Zone baseline files: FGA and FGM per zone cell, such as the shared
//! `league_avg_2024_by_zone.csv` (`BASIC_ZONE, ZONE_ABB, ZONE_RANGE, FGA, FGM, FG_PCT`) or a
//! zone table Courtside wrote (`zone, fga, fgm, …`).

use std::path::Path;

use polars::prelude::*;

use crate::court::AreaZone;
use crate::data::csv::csv_layout;
use crate::data::error::{DataError, Result, list_columns, suggest};
use crate::data::source;

/// One row of a baseline file.
#[derive(Clone, Debug, PartialEq)]
pub struct BaselineCell {
    /// Labels of the cell, by grouping; None where the file does not say.
    pub basic: Option<String>,
    pub area: Option<String>,
    pub range: Option<String>,
    /// A zone label of any grouping (a zone table's `zone` column).
    pub zone: Option<String>,
    pub fga: u64,
    pub fgm: u64,
}

/// The NBA's area abbreviations (`ZONE_ABB`).
fn area_of_abbreviation(abb: &str) -> Option<&'static str> {
    let area = match abb.trim() {
        "L" => AreaZone::LeftSide,
        "LC" => AreaZone::LeftSideCenter,
        "C" => AreaZone::Center,
        "RC" => AreaZone::RightSideCenter,
        "R" => AreaZone::RightSide,
        "BC" => AreaZone::BackCourt,
        _ => return None,
    };
    Some(area.label())
}

/// Reads a baseline file (CSV).
pub fn read_baseline(path: &Path) -> Result<Vec<BaselineCell>> {
    let layout = csv_layout(path)?;
    let mut lf = source::scan_csv(path, &layout)?;
    let schema = lf.collect_schema().map_err(|e| DataError::Polars {
        path: path.into(),
        context: "cannot read the baseline's columns".into(),
        source: e,
    })?;
    let find = |names: &[&str]| {
        schema
            .iter_names()
            .find(|n| names.iter().any(|w| n.eq_ignore_ascii_case(w)))
            .map(|n| n.to_string())
    };
    let found: Vec<String> = schema.iter_names().map(|n| n.to_string()).collect();
    let need = |names: &[&str]| {
        find(names).ok_or_else(|| DataError::Invalid {
            path: path.into(),
            detail: format!(
                "a zone baseline needs a `{}` column, which is missing.{} Columns found: {}. A \
                 baseline holds attempts and makes per zone, like league_avg_2024_by_zone.csv \
                 or a table written by `courtside zones`.",
                names[0],
                suggest(names[0], &found),
                list_columns(&found)
            ),
        })
    };
    let fga = need(&["FGA"])?;
    let fgm = need(&["FGM"])?;
    let basic = find(&["BASIC_ZONE", "SHOT_ZONE_BASIC"]);
    let area_name = find(&["ZONE_NAME"]);
    let area_abb = find(&["ZONE_ABB"]);
    let range = find(&["ZONE_RANGE", "SHOT_ZONE_RANGE"]);
    let zone = find(&["zone"]);
    if basic.is_none() && zone.is_none() {
        need(&["BASIC_ZONE", "zone"])?;
    }
    let text = |c: &Option<String>| match c {
        Some(c) => col(c.as_str()).cast(DataType::String).alias(c.as_str()),
        None => lit(NULL).cast(DataType::String),
    };
    let cols = [
        text(&basic).alias("basic"),
        text(&area_name).alias("area_name"),
        text(&area_abb).alias("area_abb"),
        text(&range).alias("range"),
        text(&zone).alias("zone"),
        col(fga.as_str()).cast(DataType::UInt64).alias("fga"),
        col(fgm.as_str()).cast(DataType::UInt64).alias("fgm"),
    ];
    let df = lf.select(cols).collect().map_err(|e| DataError::Polars {
        path: path.into(),
        context: "cannot read the baseline".into(),
        source: e,
    })?;
    let s = |c: &str| df.column(c).and_then(|c| c.str().cloned());
    let u = |c: &str| df.column(c).and_then(|c| c.u64().cloned());
    let wrap = |e: PolarsError| DataError::Polars {
        path: path.into(),
        context: "cannot read the baseline".into(),
        source: e,
    };
    let (basic, area_name, area_abb, range, zone) = (
        s("basic").map_err(wrap)?,
        s("area_name").map_err(wrap)?,
        s("area_abb").map_err(wrap)?,
        s("range").map_err(wrap)?,
        s("zone").map_err(wrap)?,
    );
    let (fga, fgm) = (u("fga").map_err(wrap)?, u("fgm").map_err(wrap)?);
    let mut cells = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        let (Some(a), Some(m)) = (fga.get(i), fgm.get(i)) else {
            return Err(DataError::Invalid {
                path: path.into(),
                detail: format!(
                    "row {} has no number of attempts or makes; every zone needs both.",
                    i + 2
                ),
            });
        };
        let area = area_name.get(i).map(str::to_string).or_else(|| {
            area_abb
                .get(i)
                .and_then(area_of_abbreviation)
                .map(str::to_string)
        });
        cells.push(BaselineCell {
            basic: basic.get(i).map(str::to_string),
            area,
            range: range.get(i).map(str::to_string),
            zone: zone.get(i).map(str::to_string),
            fga: a,
            fgm: m,
        });
    }
    if cells.is_empty() {
        return Err(DataError::Empty {
            path: path.into(),
            detail: "the baseline has no rows".into(),
        });
    }
    Ok(cells)
}
