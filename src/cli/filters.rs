//! The shot filters shared by `shots` and `zones`, and the check that named players, teams
//! and seasons exist (with the closest names when they do not).

use anyhow::{Result, bail};
use chrono::NaiveDate;
use polars::prelude::*;

use crate::analysis::shots::ShotFilter;

/// Filters on shots.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Only this player's shots (repeat for several).
    #[arg(long = "player", value_name = "NAME")]
    pub players: Vec<String>,
    /// Only this team's shots (repeat for several).
    #[arg(long = "team", value_name = "TEAM")]
    pub teams: Vec<String>,
    /// Only shots against this team (repeat for several).
    #[arg(long = "opponent", value_name = "TEAM")]
    pub opponents: Vec<String>,
    /// Only this season, e.g. 2023-24 (repeat for several).
    #[arg(long = "season", value_name = "SEASON")]
    pub seasons: Vec<String>,
    /// Only games on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<NaiveDate>,
    /// Only games on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<NaiveDate>,
    /// Only this period: 1–4, 5 and up for overtime (repeat for several).
    #[arg(long = "period", value_name = "N")]
    pub periods: Vec<i8>,
    /// Only shots with at least this many seconds left in the period.
    #[arg(long, value_name = "SECONDS")]
    pub clock_min: Option<f32>,
    /// Only shots with at most this many seconds left in the period (e.g. 120 for the last two
    /// minutes).
    #[arg(long, value_name = "SECONDS")]
    pub clock_max: Option<f32>,
    /// Only this basic zone, e.g. "Left Corner 3" (repeat for several).
    #[arg(long = "zone", value_name = "ZONE")]
    pub zones: Vec<String>,
    /// Only made shots.
    #[arg(long, conflicts_with = "missed")]
    pub made: bool,
    /// Only missed shots.
    #[arg(long)]
    pub missed: bool,
    /// Only this action, e.g. "Pullup Jump shot" (repeat for several).
    #[arg(long = "action", value_name = "ACTION")]
    pub actions: Vec<String>,
}

impl FilterArgs {
    /// The filter these arguments describe.
    pub fn filter(&self) -> ShotFilter {
        ShotFilter {
            players: self.players.clone(),
            teams: self.teams.clone(),
            opponents: self.opponents.clone(),
            seasons: self.seasons.clone(),
            from: self.from,
            to: self.to,
            periods: self.periods.clone(),
            clock_min_s: self.clock_min,
            clock_max_s: self.clock_max,
            zones: self.zones.clone(),
            made: if self.made {
                Some(true)
            } else if self.missed {
                Some(false)
            } else {
                None
            },
            actions: self.actions.clone(),
        }
    }
}

/// Checks that every named player, team, opponent, season, zone and action is in the data;
/// a name that is not gets an error listing the closest names that are.
pub fn check_names(shots: &LazyFrame, filter: &ShotFilter, source: &str) -> Result<()> {
    let zones: Vec<String> = crate::court::BasicZone::ALL
        .iter()
        .map(|z| z.label().to_string())
        .collect();
    for z in &filter.zones {
        if !zones.contains(z) {
            bail!(
                "{source}: there is no basic zone {z:?}.{} The zones are: {}.",
                closest(z, &zones),
                zones.join(", ")
            );
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
        let schema = shots.clone().collect_schema()?;
        if schema.get(column).is_none() {
            bail!(
                "{source}: the data has no `{column}` column, so it cannot be filtered by {what}."
            );
        }
        let present = shots
            .clone()
            .select([col(column).drop_nulls().unique()])
            .collect()?;
        let present: Vec<String> = present
            .column(column)?
            .str()?
            .iter()
            .flatten()
            .map(str::to_string)
            .collect();
        for name in wanted {
            if !present.contains(name) {
                bail!(
                    "{source}: no {what} named {name:?}.{}",
                    closest(name, &present)
                );
            }
        }
    }
    Ok(())
}

/// " Closest: "a", "b", "c"." — the names most like `wanted`, or "".
pub(crate) fn closest(wanted: &str, names: &[String]) -> String {
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
