//! What `inspect` reports about a table: its size and reach, and the problems found in it.

use polars::prelude::*;
use serde::Serialize;

use crate::court;
use crate::data::{ColumnSource, DataError, Result, Table, TableKind};

/// What Courtside sees in a table.
#[derive(Clone, Debug, Serialize)]
pub struct Inspection {
    pub name: String,
    pub kind: TableKind,
    pub format: &'static str,
    pub vendor: &'static str,
    pub files: usize,
    pub rows: u64,
    /// Canonical column ← source.
    pub mapping: Vec<ColumnSource>,
    /// Optional canonical columns the source does not have.
    pub missing: Vec<&'static str>,
    /// Canonical columns that are mapped but hold no value at all.
    pub empty: Vec<&'static str>,
    /// Canonical columns with some values missing: (column, rows with a value).
    pub partial: Vec<(&'static str, u64)>,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub games: Option<u64>,
    pub players: Option<u64>,
    pub teams: Option<u64>,
    pub sessions: Option<u64>,
    pub problems: Vec<String>,
    pub notes: Vec<String>,
    pub user_mapping: bool,
    /// Units recorded in the source: (column, unit).
    pub units: Vec<(String, String)>,
}

/// Inspects a table: validates it, then gathers its figures in one pass over the data (two
/// more small queries count duplicates and sessions).
pub fn inspect(table: &Table) -> Result<Inspection> {
    table.validate()?;
    let lf = table.lazy();
    let names = table.column_names();
    let has = |c: &str| names.contains(&c);

    let mut aggs: Vec<Expr> = vec![len().alias("__rows")];
    for c in &names {
        aggs.push(col(*c).null_count().alias(format!("__nulls_{c}")));
    }
    let distinct = |c: &str| {
        let v = col(c).cast(DataType::String);
        v.clone()
            .filter(v.str().len_bytes().gt(lit(0)))
            .n_unique()
            .alias(format!("__n_{c}"))
    };
    let id_of_player = if has("player") { "player" } else { "player_id" };
    for c in ["game_id", "team", id_of_player] {
        if has(c) {
            aggs.push(distinct(c));
        }
    }
    let date_col = match table.kind {
        TableKind::Shots => Some("game_date"),
        TableKind::Load => Some("date"),
        TableKind::Tracking => None,
    };
    if let Some(d) = date_col.filter(|d| has(d)) {
        aggs.push(col(d).min().alias("__first"));
        aggs.push(col(d).max().alias("__last"));
    }
    if let Some(off) = off_court(table.kind) {
        aggs.push(off.sum().alias("__off"));
    }
    if table.kind == TableKind::Shots {
        aggs.push(
            col("y_ft")
                .gt(lit(court::HALF_COURT_Y_FT))
                .sum()
                .alias("__backcourt"),
        );
        // The spread of the coordinates, to tell a scaled or shifted frame.
        let q = |e: Expr, p: f64, name: &str| {
            e.cast(DataType::Float64)
                .quantile(lit(p), QuantileMethod::Linear)
                .alias(name)
        };
        let x = col("x_ft").cast(DataType::Float64);
        let abs_x = when(x.clone().lt(lit(0.0)))
            .then(lit(0.0) - x.clone())
            .otherwise(x);
        aggs.push(q(abs_x, 0.99, "__x99"));
        aggs.push(q(col("y_ft"), 0.01, "__y01"));
        aggs.push(q(col("y_ft"), 0.99, "__y99"));
    }
    let stats = table.collect(lf.clone().select(aggs), "cannot read the data")?;
    let get =
        |name: &str| -> Option<u64> { stats.column(name).ok()?.get(0).ok()?.extract::<u64>() };
    let get_text = |name: &str| -> Option<String> {
        let v = stats.column(name).ok()?.get(0).ok()?;
        (!v.is_null()).then(|| v.to_string())
    };
    let rows = get("__rows").unwrap_or(0);
    if rows == 0 {
        return Err(DataError::Empty {
            path: table.name.clone().into(),
            detail: "it has a header (columns) but no rows".into(),
        });
    }

    let mut problems = Vec::new();
    let mut empty = Vec::new();
    let mut partial = Vec::new();
    for c in &names {
        let nulls = get(&format!("__nulls_{c}")).unwrap_or(0);
        let required = table.kind.column(c).is_some_and(|s| s.required);
        if nulls == 0 {
            continue;
        }
        if required {
            problems.push(format!(
                "{nulls} of {rows} rows have no `{c}` (a required column)"
            ));
        } else if nulls == rows {
            empty.push(*c);
        } else {
            partial.push((*c, rows - nulls));
        }
    }
    if let Some(off) = get("__off").filter(|n| *n > 0) {
        problems.push(match table.kind {
            TableKind::Shots => format!("{off} shots have coordinates off the court"),
            _ => format!("{off} positions are outside the court lines (94 × 50 ft)"),
        });
    }
    let unique = table.collect(
        lf.clone()
            .unique(None, UniqueKeepStrategy::Any)
            .select([len()]),
        "cannot count duplicates",
    )?;
    let unique = unique
        .columns()
        .first()
        .and_then(|c| c.get(0).ok())
        .and_then(|v| v.extract::<u64>())
        .unwrap_or(rows);
    if unique < rows {
        problems.push(format!(
            "{} duplicated rows (identical in every column)",
            rows - unique
        ));
    }

    let sessions = if table.kind == TableKind::Load {
        let keys: Vec<Expr> = ["date", "session"]
            .iter()
            .filter(|c| has(c))
            .map(|c| col(*c))
            .collect();
        let df = table.collect(
            lf.select(keys)
                .unique(None, UniqueKeepStrategy::Any)
                .select([len()]),
            "cannot count sessions",
        )?;
        df.columns()
            .first()
            .and_then(|c| c.get(0).ok())
            .and_then(|v| v.extract::<u64>())
    } else {
        None
    };

    if table.kind == TableKind::Shots
        && let Some(p) = frame_problem(
            get_f64(&stats, "__x99"),
            get_f64(&stats, "__y01"),
            get_f64(&stats, "__y99"),
        )
    {
        problems.push(p);
    }
    let mut notes = table.notes.clone();
    if let Some(n) = get("__backcourt").filter(|n| *n > 0) {
        notes.push(format!(
            "{n} backcourt shots (beyond half court): kept, drawn on full-court views"
        ));
    }
    let missing = table
        .kind
        .columns()
        .iter()
        .filter(|s| !s.required && !has(s.name))
        .map(|s| s.name)
        .collect();
    Ok(Inspection {
        name: table.name.clone(),
        kind: table.kind,
        format: table.format.name(),
        vendor: table.vendor.label(),
        files: table.paths.len().max(1),
        rows,
        mapping: table.columns.clone(),
        missing,
        empty,
        partial,
        first_date: date_col.and_then(|_| get_text("__first")),
        last_date: date_col.and_then(|_| get_text("__last")),
        games: get("__n_game_id"),
        players: get(&format!("__n_{id_of_player}")),
        teams: get("__n_team"),
        sessions,
        problems,
        notes,
        user_mapping: table.user_mapping,
        units: table.units.clone(),
    })
}

fn get_f64(stats: &DataFrame, name: &str) -> Option<f64> {
    stats.column(name).ok()?.get(0).ok()?.extract::<f64>()
}

/// What the spread of a shot log's coordinates says about its frame, when it is not the
/// shot frame (feet, hoop at the origin): a season of shots reaches the corners (|x| about
/// 22–25 ft) and runs from just behind the hoop to beyond the arc.
pub fn frame_problem(x99: Option<f64>, y01: Option<f64>, y99: Option<f64>) -> Option<String> {
    let (x99, y01, y99) = (x99?, y01?, y99?);
    if x99 <= 0.0 {
        return None;
    }
    let scale = 23.0 / x99;
    // The usual mistakes: tenths of feet or inches read as feet, feet read as tenths, metres.
    let guess = [
        (10.0, "×10"),
        (0.1, "÷10"),
        (1.0 / 12.0, "÷12 (inches)"),
        (3.28084, "×3.28 (metres)"),
    ]
    .into_iter()
    .map(|(k, how)| ((scale / k - 1.0).abs(), k, how))
    .filter(|(off, _, _)| *off < 0.35)
    .min_by(|a, b| a.0.total_cmp(&b.0))
    .map(|(_, k, how)| (k, how));
    let spread = format!(
        "x reaches ±{x99:.1} ft and y runs {y01:.1} to {y99:.1} ft, where a season's shots \
         reach ±22 to 25 ft and run from about −5 to 30 ft"
    );
    if let Some((k, how)) = guess {
        // Scaled back, the nearest shots should sit about at the hoop, not feet beyond it.
        let shifted = if y01 * k > 2.0 {
            " and shifted (y does not start at the hoop)"
        } else {
            ""
        };
        return Some(format!(
            "the coordinates look scaled{shifted}: {spread}. The source's x and y may need {how}; \
             map them from the right columns or fix them in the source, or zones and charts \
             will be wrong"
        ));
    }
    if y01 > 2.0 && (x99 - 23.0).abs() < 8.0 {
        return Some(format!(
            "the coordinates look shifted: {spread}. The origin may be the baseline or a corner \
             rather than the hoop; zones and charts will be wrong until it is fixed"
        ));
    }
    None
}

/// True for rows whose coordinates are off the court, for kinds that have coordinates.
fn off_court(kind: TableKind) -> Option<Expr> {
    let (x, y) = (col("x_ft"), col("y_ft"));
    match kind {
        TableKind::Shots => Some(
            court::abs(x)
                .gt(lit(court::HALF_WIDTH_FT))
                .or(y.clone().lt(lit(court::BASELINE_Y_FT)))
                .or(y.gt(lit(court::FAR_BASELINE_Y_FT))),
        ),
        TableKind::Tracking => Some(
            x.clone()
                .lt(lit(0.0))
                .or(x.gt(lit(94.0)))
                .or(y.clone().lt(lit(0.0)))
                .or(y.gt(lit(50.0))),
        ),
        TableKind::Load => None,
    }
}

#[cfg(test)]
mod frame_tests {
    use super::frame_problem;

    #[test]
    fn a_scaled_and_shifted_log_is_told_and_a_right_one_is_not() {
        // The log: x within ±2.5, y 5.3 to 14.3.
        let p = frame_problem(Some(2.4), Some(5.3), Some(14.3)).unwrap();
        assert!(p.contains("scaled and shifted") && p.contains("×10"), "{p}");
        // The 2023-24 NBA log in the shot frame.
        assert_eq!(frame_problem(Some(23.0), Some(-3.0), Some(27.0)), None);
        // Inches.
        assert!(
            frame_problem(Some(276.0), Some(-36.0), Some(330.0))
                .unwrap()
                .contains("inches")
        );
    }
}
