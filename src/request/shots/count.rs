//! Where a zone count reads its shots: the rows, or, for the files that allow it, a tally of
//! their dictionary codes (see [`data::coded`]), which answers the same without reading a
//! label as text.

use super::*;
use crate::analysis::shots::LazyCounts;

/// The tables a request's shots come from, when it has them (the command line does; the
/// app's shots are in memory).
#[derive(Clone, Copy, Default)]
pub struct Sources<'a>(pub Option<&'a [data::Table]>);

impl Sources<'_> {
    /// The tally of the shots `filter` selects, with the columns a zone count grouped `by`
    /// and `extra` read; None where the files do not allow one, or where the filter picks
    /// players or teams (a tally reads every row's codes, while the reader's own filter
    /// skips most rows of a few players).
    pub fn tally(
        &self,
        shots: &LazyFrame,
        filter: &ShotFilter,
        by: &ZoneBy,
        extra: &[&'static str],
    ) -> Option<LazyFrame> {
        let tables = self.0?;
        if !(filter.players.is_empty() && filter.teams.is_empty() && filter.opponents.is_empty()) {
            return None;
        }
        let schema = shots.clone().collect_schema().ok()?;
        let labelled = schema.get("zone_basic").is_some();
        let mut values = filter.columns(labelled);
        values.extend(
            [by.label_column(), Some("shot_value"), Some("made")]
                .into_iter()
                .flatten(),
        );
        values.extend(extra);
        values.retain(|n| schema.get(n).is_some());
        values.sort_unstable();
        values.dedup();
        data::coded::tallied(tables, &values, &["x_ft", "y_ft"])
    }

    /// The zone counts of the shots `filter` selects (see [`shots::count_lazy`]): from the
    /// tally where there is one and it can answer, else over the rows.
    pub fn count(
        &self,
        shots: &LazyFrame,
        filter: &ShotFilter,
        by: &ZoneBy,
    ) -> PolarsResult<Option<LazyCounts>> {
        if let Some(t) = self.tally(shots, filter, by, &[])
            && let Some(counts) = shots::count_tallied(filter.apply(t)?, by)?
        {
            return Ok(Some(counts));
        }
        count_lazy(filter.apply(shots.clone())?, by)
    }

    /// The distinct values of `column` among the shots `filter` selects, sorted (none when
    /// the table has no such column): from the tally where there is one.
    pub fn distinct(
        &self,
        shots: &LazyFrame,
        filter: &ShotFilter,
        column: &'static str,
    ) -> Result<Vec<String>, RequestError> {
        match self.tally(shots, filter, &ZoneBy::Basic, &[column]) {
            Some(t) => distinct(&t, filter, column),
            None => distinct(shots, filter, column),
        }
    }
}
