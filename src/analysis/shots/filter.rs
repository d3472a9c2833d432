//! Which shots to look at: the filter as a Polars predicate, its title, and the dates it spans.

use chrono::NaiveDate;
use polars::prelude::*;
use serde::{Deserialize, Serialize};

use crate::court;

/// Which shots to look at. Empty lists mean "all".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShotFilter {
    pub players: Vec<String>,
    pub teams: Vec<String>,
    pub opponents: Vec<String>,
    pub seasons: Vec<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub periods: Vec<i8>,
    /// Seconds left in the period, inclusive bounds.
    pub clock_min_s: Option<f32>,
    pub clock_max_s: Option<f32>,
    /// Basic zone labels (SPEC 3.3).
    pub zones: Vec<String>,
    pub made: Option<bool>,
    pub actions: Vec<String>,
}

impl ShotFilter {
    /// The filter as one Polars predicate over a canonical shots table; `labelled` says
    /// whether the table carries the source's own basic zones (`zone_basic`).
    pub fn predicate(&self, labelled: bool) -> Expr {
        let any_of = |column: &str, values: &[String]| -> Option<Expr> {
            values
                .iter()
                .map(|v| col(column).eq(lit(v.as_str())))
                .reduce(|a, b| a.or(b))
        };
        let mut parts: Vec<Expr> = Vec::new();
        parts.extend(any_of("player", &self.players));
        parts.extend(any_of("team", &self.teams));
        parts.extend(any_of("opponent", &self.opponents));
        parts.extend(any_of("season", &self.seasons));
        parts.extend(any_of("action", &self.actions));
        if let Some(d) = self.from {
            parts.push(col("game_date").gt_eq(lit(d)));
        }
        if let Some(d) = self.to {
            parts.push(col("game_date").lt_eq(lit(d)));
        }
        if let Some(p) = self
            .periods
            .iter()
            .map(|p| col("period").eq(lit(*p)))
            .reduce(|a, b| a.or(b))
        {
            parts.push(p);
        }
        if let Some(c) = self.clock_min_s {
            parts.push(col("clock_s").gt_eq(lit(c)));
        }
        if let Some(c) = self.clock_max_s {
            parts.push(col("clock_s").lt_eq(lit(c)));
        }
        if !self.zones.is_empty() {
            let mut zone = court::zones::basic_zone_expr(
                col("x_ft").cast(DataType::Float64),
                col("y_ft").cast(DataType::Float64),
            );
            if labelled {
                zone = col("zone_basic").fill_null(zone);
            }
            if let Some(z) = self
                .zones
                .iter()
                .map(|name| zone.clone().eq(lit(name.as_str())))
                .reduce(|a, b| a.or(b))
            {
                parts.push(z);
            }
        }
        if let Some(m) = self.made {
            parts.push(col("made").eq(lit(m)));
        }
        parts
            .into_iter()
            .reduce(|a, b| a.and(b))
            .unwrap_or(lit(true))
    }

    /// The canonical columns [`Self::predicate`] reads.
    pub fn columns(&self, labelled: bool) -> Vec<&'static str> {
        let mut out = Vec::new();
        for (column, used) in [
            ("player", !self.players.is_empty()),
            ("team", !self.teams.is_empty()),
            ("opponent", !self.opponents.is_empty()),
            ("season", !self.seasons.is_empty()),
            ("action", !self.actions.is_empty()),
            ("game_date", self.from.is_some() || self.to.is_some()),
            ("period", !self.periods.is_empty()),
            (
                "clock_s",
                self.clock_min_s.is_some() || self.clock_max_s.is_some(),
            ),
            ("x_ft", !self.zones.is_empty()),
            ("y_ft", !self.zones.is_empty()),
            ("zone_basic", labelled && !self.zones.is_empty()),
            ("made", self.made.is_some()),
        ] {
            if used {
                out.push(column);
            }
        }
        out
    }

    /// The shots of `shots` (a canonical table) that pass the filter.
    pub fn apply(&self, shots: LazyFrame) -> PolarsResult<LazyFrame> {
        let labelled = shots.clone().collect_schema()?.get("zone_basic").is_some();
        Ok(shots.filter(self.predicate(labelled)))
    }

    /// The same moments of the game (seasons, dates, periods, clock), whoever shot: where
    /// another player's shots are taken for a player baseline.
    pub fn context(&self) -> ShotFilter {
        ShotFilter {
            seasons: self.seasons.clone(),
            from: self.from,
            to: self.to,
            periods: self.periods.clone(),
            clock_min_s: self.clock_min_s,
            clock_max_s: self.clock_max_s,
            ..Default::default()
        }
    }

    /// A short description for chart titles: "Stephen Curry · 2023-24 · Q4".
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let list = |v: &[String]| v.join(", ");
        if !self.players.is_empty() {
            parts.push(list(&self.players));
        }
        if !self.teams.is_empty() {
            parts.push(list(&self.teams));
        }
        if !self.opponents.is_empty() {
            parts.push(format!("vs {}", list(&self.opponents)));
        }
        if !self.seasons.is_empty() {
            parts.push(list(&self.seasons));
        }
        match (self.from, self.to) {
            (Some(a), Some(b)) => parts.push(format!("{a} to {b}")),
            (Some(a), None) => parts.push(format!("from {a}")),
            (None, Some(b)) => parts.push(format!("to {b}")),
            (None, None) => {}
        }
        if !self.periods.is_empty() {
            let p: Vec<String> = self
                .periods
                .iter()
                .map(|p| crate::analysis::period_name(*p as i32))
                .collect();
            parts.push(p.join(", "));
        }
        if !self.zones.is_empty() {
            parts.push(list(&self.zones));
        }
        if let Some(m) = self.made {
            parts.push(if m { "makes".into() } else { "misses".into() });
        }
        if !self.actions.is_empty() {
            parts.push(list(&self.actions));
        }
        if parts.is_empty() {
            "all shots".into()
        } else {
            parts.join(" · ")
        }
    }
}

/// "first to last" game date of the selection, if the data has dates.
pub fn date_range(shots: &LazyFrame, filter: &ShotFilter) -> PolarsResult<Option<String>> {
    let df = filter
        .apply(shots.clone())?
        .select([
            col("game_date").min().alias("a"),
            col("game_date").max().alias("b"),
        ])
        .collect()?;
    let get = |c: &str| -> Option<String> {
        let v = df.column(c).ok()?.get(0).ok()?;
        (!v.is_null()).then(|| v.to_string())
    };
    Ok(match (get("a"), get("b")) {
        (Some(a), Some(b)) if a == b => Some(a),
        (Some(a), Some(b)) => Some(format!("{a} to {b}")),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_describes_itself_for_titles() {
        let f = ShotFilter {
            players: vec!["Stephen Curry".into()],
            periods: vec![4, 5],
            ..Default::default()
        };
        assert_eq!(f.describe(), "Stephen Curry · Q4, OT1");
        assert_eq!(ShotFilter::default().describe(), "all shots");
    }
}
