//! The check that names a request gives (players, teams, seasons, zones, games, periods)
//! are in the data, with the closest names when they are not.

use polars::prelude::*;

use crate::analysis::shots::ShotFilter;
use crate::analysis::tracking::{self, TrackFilter};
use crate::request::RequestError;

fn distinct(lf: &LazyFrame, column: &str) -> PolarsResult<Vec<String>> {
    let df = lf
        .clone()
        .select([col(column).drop_nulls().unique()])
        .collect()?;
    Ok(df
        .column(column)?
        .str()?
        .iter()
        .flatten()
        .map(str::to_string)
        .collect())
}

/// Checks that every named player, team, opponent, season, zone and action is in the data;
/// a name that is not gets an error listing the closest names that are.
pub fn check_names(
    shots: &LazyFrame,
    filter: &ShotFilter,
    source: &str,
) -> Result<(), RequestError> {
    let zones: Vec<String> = crate::court::BasicZone::ALL
        .iter()
        .map(|z| z.label().to_string())
        .collect();
    for z in &filter.zones {
        if !zones.contains(z) {
            return Err(RequestError::Data(format!(
                "{source}: there is no basic zone {z:?}.{} The zones are: {}.",
                closest(z, &zones),
                zones.join(", ")
            )));
        }
    }
    for (column, what, wanted) in [
        ("player", "player", &filter.players),
        ("team", "team", &filter.teams),
        ("opponent", "opponent", &filter.opponents),
        ("season", "season", &filter.seasons),
        ("action", "action", &filter.actions),
    ] {
        if wanted.is_empty() {
            continue;
        }
        let schema = shots
            .clone()
            .collect_schema()
            .map_err(RequestError::query)?;
        if schema.get(column).is_none() {
            return Err(RequestError::Data(format!(
                "{source}: the data has no `{column}` column, so it cannot be filtered by {what}."
            )));
        }
        let present = distinct(shots, column).map_err(RequestError::query)?;
        for name in wanted {
            if !present.contains(name) {
                return Err(RequestError::Data(format!(
                    "{source}: no {what} named {name:?}.{}",
                    closest(name, &present)
                )));
            }
        }
    }
    Ok(())
}

/// " Closest: "a", "b", "c"." — the names most like `wanted`, or "".
pub fn closest(wanted: &str, names: &[String]) -> String {
    let w = wanted.to_lowercase();
    let mut scored: Vec<(f64, &String)> = names
        .iter()
        .map(|n| {
            let l = n.to_lowercase();
            let similarity = strsim::jaro_winkler(&w, &l);
            // "Curry" should find "Stephen Curry": a whole word, or a part of the name, always
            // qualifies; similarity orders the rest.
            let score = if l.split_whitespace().any(|part| part == w) {
                2.0 + similarity
            } else if l.contains(&w) {
                1.0 + similarity
            } else {
                similarity
            };
            (score, n)
        })
        .filter(|(s, _)| *s > 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    if scored.is_empty() {
        return String::new();
    }
    let list: Vec<String> = scored
        .iter()
        .take(3)
        .map(|(_, n)| format!("{n:?}"))
        .collect();
    format!(" Closest: {}.", list.join(", "))
}

/// Checks that every player, team, game and period a tracking filter names is in the
/// rows; one that is not gets an error with the closest names.
pub fn check_track_names(
    lf: &LazyFrame,
    filter: &TrackFilter,
    source: &str,
) -> Result<(), RequestError> {
    let r = tracking::roster(lf.clone()).map_err(RequestError::query)?;
    let names: Vec<String> = r.players.iter().map(|p| p.0.clone()).collect();
    let mut teams: Vec<String> = r.players.iter().filter_map(|p| p.1.clone()).collect();
    teams.sort();
    teams.dedup();
    for (what, wanted, present) in [
        ("player", &filter.players, &names),
        ("team", &filter.teams, &teams),
        ("game", &filter.games, &r.games),
    ] {
        for w in wanted {
            if !present.contains(w) {
                return Err(RequestError::Data(format!(
                    "{source}: no {what} named {w:?}.{}",
                    closest(w, present)
                )));
            }
        }
    }
    for p in &filter.periods {
        if !r.periods.contains(&(*p as i32)) {
            return Err(RequestError::Data(format!(
                "{source}: no period {p}; the data has periods {:?}",
                r.periods
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_names_rank_whole_words_first() {
        let names = vec![
            "Stephen Curry".to_string(),
            "Seth Curry".to_string(),
            "Steven Adams".to_string(),
        ];
        assert_eq!(
            closest("Steph Curry", &names),
            " Closest: \"Stephen Curry\", \"Seth Curry\"."
        );
        // A surname finds everyone of that name, and no one else.
        let curry = closest("Curry", &names);
        assert!(
            curry.contains("\"Seth Curry\"") && curry.contains("\"Stephen Curry\""),
            "{curry}"
        );
        assert!(!curry.contains("Adams"), "{curry}");
        assert_eq!(closest("zzz", &names), "");
    }
}
