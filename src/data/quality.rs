//! What `inspect` reports about a table: its size and reach, and the problems found in it.

use polars::prelude::*;
use serde::Serialize;

use crate::court;
use crate::data::{ColumnSource, DataError, Result, Table, TableKind, frame};

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
    /// For shots: the frame check (scale, shift, mirror; the source's labels).
    pub frame: Option<frame::FrameCheck>,
    /// Rows every answer leaves out, by reason, with where the first are.
    pub left_out: Vec<LeftOutRows>,
}

/// Rows every answer over a table leaves out, for one reason.
#[derive(Clone, Debug, Serialize)]
pub struct LeftOutRows {
    pub reason: String,
    pub rows: u64,
    /// "shots.csv lines 5, 9": the first of them, where the format has lines or rows.
    pub first_at: Option<String>,
}

/// Inspects a table: validates it, then gathers its figures in one pass over the data (two
/// more small queries count duplicates and sessions).
pub fn inspect(table: &Table) -> Result<Inspection> {
    inspect_until(table, &|| false)
}

/// [`inspect`], stopping between its passes once `stop` says so (the app's check of a
/// source that was closed meanwhile): each pass over an archive takes seconds.
pub fn inspect_until(table: &Table, stop: &dyn Fn() -> bool) -> Result<Inspection> {
    let check = || -> Result<()> {
        if stop() {
            return Err(DataError::Invalid {
                path: table.name.clone().into(),
                detail: "the check was stopped".into(),
            });
        }
        Ok(())
    };
    table.validate_shape()?;
    check()?;
    let unreadable = table.unreadable(table.parsed_columns())?;
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
    }
    check()?;
    let stats = table.aggregate(lf.clone().select(aggs), "cannot read the data")?;
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
    let mut left_out = Vec::new();
    let mut empty = Vec::new();
    // Values that cannot be read are gaps: said with examples and where they are.
    for w in &unreadable {
        let first_at = table.locate(
            col(format!("{}{}", crate::data::table::BAD, w.canonical)),
            5,
        );
        let from = if w.column == w.canonical {
            String::new()
        } else {
            format!(" (read from `{}`)", w.column)
        };
        problems.push(format!(
            "{} of `{}`{from} cannot be read as {} (for example {}): read as missing, so \
             answers that use them leave those rows out{}",
            crate::format::plural(w.bad, "value"),
            w.canonical,
            w.expected,
            w.examples,
            first_at
                .as_ref()
                .map(|at| format!("; the first at {at}"))
                .unwrap_or_default()
        ));
        left_out.push(LeftOutRows {
            reason: format!("`{}` cannot be read as {}", w.canonical, w.expected),
            rows: w.bad,
            first_at,
        });
    }
    let mut partial = Vec::new();
    for c in &names {
        let nulls = get(&format!("__nulls_{c}")).unwrap_or(0);
        let required = table.kind.column(c).is_some_and(|s| s.required);
        if nulls == 0 {
            continue;
        }
        if required {
            let first_at = table.locate(col(*c).is_null(), 5);
            let at = first_at
                .as_ref()
                .map(|at| format!("; the first at {at}"))
                .unwrap_or_default();
            problems.push(format!(
                "{} of {} rows have no `{c}` (a required column): answers that use it leave \
                 them out{at}",
                crate::format::thousands(nulls),
                crate::format::thousands(rows)
            ));
            left_out.push(LeftOutRows {
                reason: format!("no `{c}` (a required column)"),
                rows: nulls,
                first_at,
            });
        } else if nulls == rows {
            empty.push(*c);
        } else {
            partial.push((*c, rows - nulls));
        }
    }
    let mut kept = Vec::new();
    if let Some(off) = get("__off").filter(|n| *n > 0) {
        match table.kind {
            TableKind::Shots => problems.push(format!(
                "{} have coordinates off the court",
                crate::format::plural(off, "shot")
            )),
            // Players step out of bounds: their positions are data, not errors.
            _ => kept.push(format!(
                "{} outside the court lines (94 × 50 ft): kept, counted in the heatmap's edge \
                 cells",
                crate::format::plural(off, "position")
            )),
        }
    }
    check()?;
    // On the streaming engine: 2.1 s instead of 15.8 s over 3.7 million shots.
    let unique = table.aggregate(
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

    check()?;
    let sessions = if table.kind == TableKind::Load {
        let keys: Vec<Expr> = ["date", "session"]
            .iter()
            .filter(|c| has(c))
            .map(|c| col(*c))
            .collect();
        let df = table.aggregate(
            lf.clone()
                .select(keys)
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

    let mut notes = table.notes.clone();
    notes.extend(kept);
    check()?;
    let frame = if table.kind == TableKind::Shots {
        let check = frame_check(table)?;
        problems.extend(check.findings.iter().map(|f| f.message()));
        if let Some(n) = label_note(&check) {
            notes.push(n);
        }
        Some(check)
    } else {
        None
    };
    if let Some(n) = get("__backcourt").filter(|n| *n > 0) {
        notes.push(format!(
            "{} (beyond half court): kept, drawn on full-court views",
            crate::format::plural(n, "backcourt shot")
        ));
    }
    let missing = missing_columns(table);
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
        frame,
        left_out,
    })
}

impl Inspection {
    /// What is known of `table` (with `rows` rows) before a pass over its values: its kind,
    /// source, mapping and size. The app shows this at once and replaces it with
    /// [`inspect`]'s report when that is done.
    pub fn first_look(table: &Table, rows: u64) -> Inspection {
        Inspection {
            name: table.name.clone(),
            kind: table.kind,
            format: table.format.name(),
            vendor: table.vendor.label(),
            files: table.paths.len().max(1),
            rows,
            mapping: table.columns.clone(),
            missing: missing_columns(table),
            empty: Vec::new(),
            partial: Vec::new(),
            first_date: None,
            last_date: None,
            games: None,
            players: None,
            teams: None,
            sessions: None,
            problems: Vec::new(),
            notes: table.notes.clone(),
            user_mapping: table.user_mapping,
            units: table.units.clone(),
            frame: None,
            left_out: Vec::new(),
        }
    }
}

/// The optional canonical columns `table`'s source does not have.
fn missing_columns(table: &Table) -> Vec<&'static str> {
    let names = table.column_names();
    table
        .kind
        .columns()
        .iter()
        .filter(|s| !s.required && !names.contains(&s.name))
        .map(|s| s.name)
        .collect()
}

/// The frame check of a shot table (SPEC 3's shot frame): scale, shift, mirror, labels.
pub fn frame_check(table: &Table) -> Result<frame::FrameCheck> {
    let own_values = table
        .columns
        .iter()
        .any(|c| c.canonical == "shot_value" && !c.source.starts_with("derived"));
    let err = |e| table.polars_error("cannot check the coordinates", e);
    if table.paths.is_empty() {
        return check_frames(table, own_values).map_err(err);
    }
    let mapping: String = table
        .columns
        .iter()
        .map(|c| format!("{}<-{};", c.canonical, c.source))
        .collect();
    frame::cached(&table.paths, &mapping, || check_frames(table, own_values)).map_err(err)
}

fn check_frames(table: &Table, own_values: bool) -> PolarsResult<frame::FrameCheck> {
    let files = table.per_file();
    if files.is_empty() {
        return frame::check(&table.lazy(), &table.column_names(), own_values);
    }
    // File by file: one file of a folder can be in another frame than the rest.
    let mut out = frame::FrameCheck::default();
    for (file, lf) in files {
        let mut one = frame::check(&lf, &table.column_names(), own_values)?;
        for f in &mut one.findings {
            f.file = Some(file.clone());
            if let Some(fix) = &mut f.fix {
                fix.file = Some(file.clone());
            }
        }
        out.findings.extend(one.findings);
        out.labels.extend(one.labels);
        out.sampled = match (out.sampled, one.sampled) {
            (Some((a, b)), Some((c, d))) => Some((a + c, b + d)),
            (a, b) => a.or(b),
        };
    }
    Ok(out)
}

/// How well the source's zone labels agree with its coordinates, when it has labels.
fn label_note(check: &frame::FrameCheck) -> Option<String> {
    let rows: u64 = check.labels.iter().map(|l| l.rows).sum();
    let disagree: u64 = check.labels.iter().map(|l| l.disagree).sum();
    // A fix found says the agreement itself, under the fix.
    if rows == 0 || !check.findings.is_empty() {
        return None;
    }
    let seasons = check.labels.iter().filter(|l| l.season.is_some()).count();
    Some(format!(
        "the source's zone labels agree with its coordinates on {:.1} % of {} shots{}{}",
        100.0 * (rows - disagree) as f64 / rows as f64,
        crate::format::thousands(rows),
        if seasons > 1 {
            format!(", each of {seasons} seasons within 1 %")
        } else {
            String::new()
        },
        if check.sampled.is_some() {
            " (a sample)"
        } else {
            ""
        }
    ))
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
mod tests {
    use super::*;

    #[test]
    fn a_check_stops_when_asked_and_otherwise_reports_as_inspect() {
        let tables = crate::sample::open_embedded().unwrap();
        let shots = tables.iter().find(|t| t.kind == TableKind::Shots).unwrap();
        let err = inspect_until(shots, &|| true).unwrap_err();
        assert!(err.to_string().contains("the check was stopped"), "{err}");
        let (a, b) = (
            inspect(shots).unwrap(),
            inspect_until(shots, &|| false).unwrap(),
        );
        assert_eq!((a.rows, a.players, a.games), (b.rows, b.players, b.games));
        assert_eq!(a.rows, 14_692);
    }
}
