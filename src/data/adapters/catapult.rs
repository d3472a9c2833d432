//! Catapult OpenField CSV exports (SPEC 7): a `Key:,value` preamble with the session date,
//! then one row per player with ~1,000 columns. One file is one session.

use polars::prelude::*;

use crate::data::adapters::convert::{self, number};
use crate::data::adapters::{Adapted, MappedColumn, SourceInfo, Vendor, missing};
use crate::data::error::{DataError, Result};
use crate::data::schema::{ColType, TableKind};

/// Canonical column → OpenField column, for messages about a missing column.
pub const SOURCES: &[(&str, &str)] = &[("player", "Player Name")];

/// Heart-rate columns: an OpenField export writes 0 where no strap was worn.
const HR_COLUMNS: &[(&str, &str)] = &[
    ("hr_avg", "Avg Heart Rate"),
    ("hr_max", "Maximum Heart Rate"),
];

/// Whether the columns (and preamble) are an OpenField export's.
pub fn matches(info: &SourceInfo<'_>) -> bool {
    info.has("Player Name") && (info.has("Total Player Load") || info.has("Total Distance"))
}

/// Maps an OpenField export.
pub fn adapt(info: &SourceInfo<'_>) -> Result<Adapted> {
    let names = info.names();
    if !info.has("Player Name") {
        return Err(missing(
            info.path,
            TableKind::Load,
            "player",
            &names,
            Vendor::CatapultOpenField,
        ));
    }
    let mut a = Adapted {
        kind: TableKind::Load,
        vendor: Vendor::CatapultOpenField,
        columns: Vec::new(),
        notes: Vec::new(),
    };
    a.set(convert::column(
        "player",
        "Player Name",
        dt(info, "Player Name"),
        ColType::Str,
        None,
    ));

    // The session's local date is in the preamble; the Unix start time is UTC and can fall on
    // the next day for an evening session, so it is only the fallback.
    let meta_date = info
        .layout
        .and_then(|l| l.meta("Date"))
        .and_then(|d| chrono::NaiveDate::parse_from_str(d.trim(), "%m/%d/%Y").ok());
    if let Some(date) = meta_date {
        a.set(MappedColumn {
            canonical: "date",
            source: "preamble `Date:`".into(),
            expr: lit(date),
            check: None,
            inputs: Vec::new(),
        });
    } else if info.has("Unix Start Time") {
        a.set(MappedColumn {
            canonical: "date",
            source: "Unix Start Time (UTC date)".into(),
            expr: (number("Unix Start Time", info.dtype("Unix Start Time")) * lit(1000.0))
                .cast(DataType::Int64)
                .cast(DataType::Datetime(TimeUnit::Milliseconds, None))
                .dt()
                .date(),
            check: None,
            inputs: vec!["Unix Start Time".into()],
        });
    } else {
        return Err(DataError::Invalid {
            path: info.path.into(),
            detail: "this Catapult OpenField export has neither a `Date:` line above the header \
                     nor a `Unix Start Time` column, so the session's date is unknown. Export it \
                     again with the file header (metadata) switched on."
                .into(),
        });
    }

    a.set(MappedColumn {
        canonical: "session",
        source: "file name".into(),
        expr: lit(session_from_file_name(info.path)),
        check: None,
        inputs: Vec::new(),
    });

    if info.has("Total Duration") {
        a.set(MappedColumn {
            canonical: "duration_min",
            source: "Total Duration (h:mm:ss → min)".into(),
            expr: hms_minutes(col("Total Duration"), info.dtype("Total Duration")),
            check: Some(crate::data::adapters::ParseCheck {
                column: "Total Duration".into(),
                has_value: col("Total Duration").is_not_null(),
            }),
            inputs: vec!["Total Duration".into()],
        });
    }
    for (canonical, src) in [
        ("player_load", "Total Player Load"),
        ("distance_m", "Total Distance"),
        ("max_speed", "Maximum Velocity"),
    ] {
        if info.has(src) {
            a.set(convert::column(
                canonical,
                src,
                dt(info, src),
                ColType::F64,
                None,
            ));
        }
    }
    for (canonical, src) in HR_COLUMNS {
        if info.has(src) {
            let v = number(src, info.dtype(src));
            a.set(MappedColumn {
                canonical,
                source: format!("{src} (0 → missing)"),
                expr: when(v.clone().gt(lit(0.0)))
                    .then(v)
                    .otherwise(lit(NULL).cast(DataType::Float64)),
                check: None,
                inputs: vec![src.to_string()],
            });
        }
    }
    a.notes
        .push("heart rate of 0 means no strap was worn: read as missing, not as 0 bpm".into());
    a.notes
        .push("max_speed is in the unit the export was set to (OpenField default: m/s)".into());
    a.sort();
    a.check_required(info.path, &names)?;
    Ok(a)
}

fn dt<'a>(info: &'a SourceInfo<'_>, name: &str) -> &'a DataType {
    info.dtype(name).unwrap_or(&DataType::Null)
}

/// Minutes from `h:mm:ss` (or `mm:ss`) text, or from a number of seconds.
fn hms_minutes(expr: Expr, dtype: Option<&DataType>) -> Expr {
    if dtype.is_some_and(|d| d.is_primitive_numeric()) {
        return expr.cast(DataType::Float64) / lit(60.0);
    }
    let text = expr.cast(DataType::String).str().strip_chars(lit(NULL));
    let part = |re: &str, group: usize| {
        text.clone()
            .str()
            .extract(lit(re), group)
            .cast(DataType::Float64)
    };
    let hms = r"^(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$";
    let ms = r"^(\d+):(\d{1,2}(?:\.\d+)?)$";
    let with_hours = part(hms, 1) * lit(60.0) + part(hms, 2) + part(hms, 3) / lit(60.0);
    let without = part(ms, 1) + part(ms, 2) / lit(60.0);
    with_hours.fill_null(without)
}

/// The session type from an OpenField file name such as `2019_02_02_0656-Game.csv`.
pub fn session_from_file_name(path: &std::path::Path) -> String {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let lower = stem.to_lowercase();
    if lower.contains("game") || lower.contains("match") {
        "Game".into()
    } else if lower.contains("practice") || lower.contains("training") {
        "Practice".into()
    } else {
        "Session".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn session_type_comes_from_the_file_name() {
        assert_eq!(
            session_from_file_name(Path::new("2019_02_02_0656-Game.csv")),
            "Game"
        );
        assert_eq!(
            session_from_file_name(Path::new("2019_01_15_1557-Practice-1-15-19.csv")),
            "Practice"
        );
        assert_eq!(
            session_from_file_name(Path::new("2019_01_16_1538-Activity-20190116153821.csv")),
            "Session"
        );
    }
}
