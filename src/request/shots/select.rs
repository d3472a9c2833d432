//! Which shots a request counts, and what it leaves out and why.

use super::*;

/// The shots `filter` selects, and the selected rows left out; when none is selected, a check
/// that every name in it is in the data (a misspelt name gets the closest ones) and an error
/// that says why when the data has no rows or none of the matching rows can be counted.
pub fn select(
    shots: &LazyFrame,
    filter: &ShotFilter,
    source: &str,
) -> Result<(ShotSet, LeftOut), RequestError> {
    let selected = shots::select(shots, filter).map_err(RequestError::query)?;
    let acc = account(shots, filter).map_err(RequestError::query)?;
    if selected.is_empty() {
        explain_empty(shots, filter, source, &acc)?;
    }
    Ok((selected, acc.left_out()))
}

/// When a selection counts no shot, why, as an error where it is not simply a filter that
/// matches nothing: a name not in the data, rows that cannot be counted, a file without rows.
pub(super) fn explain_empty(
    shots: &LazyFrame,
    filter: &ShotFilter,
    source: &str,
    acc: &Accounting,
) -> Result<(), RequestError> {
    let left_out = acc.left_out();
    {
        check_names(shots, filter, source)?;
        // Rows matched but none could be counted: said, never an empty chart.
        if acc.rows > 0 && left_out.total() >= acc.rows {
            return Err(RequestError::Data(format!(
                "{source}: {} match, but none can be counted: {}. Check the columns they are \
                 read from with `courtside inspect`, and map others with `courtside map`.",
                crate::format::plural(acc.rows, "shot"),
                left_out.message("row").unwrap_or_default()
            )));
        }
        if acc.rows == 0 && total_rows(shots).map_err(RequestError::query)? == 0 {
            return Err(RequestError::Data(format!(
                "{source}: holds no shots at all (a header without rows?), so there is nothing \
                 to chart. Check the file with `courtside inspect`."
            )));
        }
    }
    Ok(())
}

fn total_rows(shots: &LazyFrame) -> PolarsResult<u64> {
    let df = shots
        .clone()
        .select([
            col("made").count().alias("n"),
            col("made").null_count().alias("z"),
        ])
        .collect()?;
    let get = |c: &str| crate::data::table::first_u64(&df, c);
    Ok(get("n") + get("z"))
}

/// The rows a filter selects and those of them a shot answer cannot count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Accounting {
    /// Rows the filter selects.
    pub rows: u64,
    /// Of them, without readable x or y.
    pub no_place: u64,
    /// With a place but no readable result (`made`).
    pub no_result: u64,
    /// Rows without a readable date, which a selection by dates cannot place in or out of it
    /// (counted only when the filter has dates).
    pub no_date: u64,
}

impl Accounting {
    /// The rows left out, by reason.
    pub fn left_out(&self) -> LeftOut {
        let mut l = LeftOut::default();
        l.add("no readable court coordinates (x_ft, y_ft)", self.no_place);
        l.add("no readable result (made)", self.no_result);
        l.add("no readable date (the selection is by date)", self.no_date);
        l
    }
}

/// The rows of `filter`'s selection a shot answer leaves out, as [`account`] counts them:
/// without a place or a result, or (selecting by dates) without a date. For pointing at them
/// in the files; `labelled` as for [`ShotFilter::predicate`].
pub fn left_out_rows(filter: &ShotFilter, labelled: bool) -> Expr {
    let dated = filter.from.is_some() || filter.to.is_some();
    let undated = ShotFilter {
        from: None,
        to: None,
        ..filter.clone()
    };
    filter
        .predicate(labelled)
        .and(crate::analysis::shots::countable().not())
        .or(undated
            .predicate(labelled)
            .and(col("game_date").is_null())
            .and(lit(dated)))
}

/// Counts the rows `filter` selects, and those an answer leaves out.
pub fn account(shots: &LazyFrame, filter: &ShotFilter) -> PolarsResult<Accounting> {
    let no_place = col("x_ft").is_null().or(col("y_ft").is_null());
    let df = filter.apply(shots.clone())?.select([
        col("made").count().alias("rows"),
        col("made").null_count().alias("nulls"),
        no_place
            .clone()
            .sum()
            .cast(DataType::UInt64)
            .alias("no_place"),
        no_place
            .not()
            .and(col("made").is_null())
            .sum()
            .cast(DataType::UInt64)
            .alias("no_result"),
    ]);
    let df = crate::data::table::collect_aggregate(df)?;
    let get = crate::data::table::first_u64;
    Ok(Accounting {
        rows: get(&df, "rows") + get(&df, "nulls"),
        no_place: get(&df, "no_place"),
        no_result: get(&df, "no_result"),
        no_date: undated_rows(shots, filter)?,
    })
}

/// The rows a selection by dates cannot place in or out of it (no readable date); 0 when
/// `filter` has no dates.
pub fn undated_rows(shots: &LazyFrame, filter: &ShotFilter) -> PolarsResult<u64> {
    if filter.from.is_none() && filter.to.is_none() {
        return Ok(0);
    }
    let undated = ShotFilter {
        from: None,
        to: None,
        ..filter.clone()
    };
    let df = crate::data::table::collect_aggregate(
        undated
            .apply(shots.clone())?
            .select([col("game_date").null_count().alias("n")]),
    )?;
    Ok(crate::data::table::first_u64(&df, "n"))
}
