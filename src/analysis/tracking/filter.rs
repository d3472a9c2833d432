//! Which rows a tracking query reads: the filter, and the typed columns every query uses.

use polars::prelude::*;

use super::period_name;

/// Which rows to measure. Empty lists and `None` select everything.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct TrackFilter {
    /// Players by name (or id, when the table has no names).
    pub players: Vec<String>,
    pub teams: Vec<String>,
    pub games: Vec<String>,
    pub periods: Vec<i8>,
    /// Game clock, seconds left in the period: rows between the two (either order).
    pub clock_s: Option<(f32, f32)>,
    /// Feed time, `t_ms`: rows in `[from, to]`.
    pub time_ms: Option<(i64, i64)>,
}

impl TrackFilter {
    /// The rows of `tracking` this filter selects (the ball stays, for playback).
    pub fn apply(&self, tracking: LazyFrame) -> LazyFrame {
        let mut conds: Vec<Expr> = Vec::new();
        let any_of = |column: &str, values: &[String]| {
            values
                .iter()
                .map(|v| col(column).eq(lit(v.clone())))
                .reduce(|a, b| a.or(b))
        };
        if let Some(c) = any_of("name", &self.players) {
            conds.push(c);
        }
        if let Some(c) = any_of("team", &self.teams) {
            conds.push(c);
        }
        if let Some(c) = any_of("game_id", &self.games) {
            conds.push(c);
        }
        if let Some(c) = self
            .periods
            .iter()
            .map(|p| col("period").eq(lit(*p as i32)))
            .reduce(|a, b| a.or(b))
        {
            conds.push(c);
        }
        if let Some((a, b)) = self.clock_s {
            let (lo, hi) = (a.min(b), a.max(b));
            conds.push(
                col("game_clock_s")
                    .gt_eq(lit(lo))
                    .and(col("game_clock_s").lt_eq(lit(hi))),
            );
        }
        if let Some((a, b)) = self.time_ms {
            conds.push(col("t_ms").gt_eq(lit(a)).and(col("t_ms").lt_eq(lit(b))));
        }
        let lf = normalised(tracking);
        match conds.into_iter().reduce(|a, b| a.and(b)) {
            Some(c) => lf.filter(c),
            None => lf,
        }
    }

    /// Who and what, for a chart title: "Marcus Hale · Q2" or "All players".
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !self.players.is_empty() {
            parts.push(self.players.join(", "));
        } else if !self.teams.is_empty() {
            parts.push(self.teams.join(", "));
        } else {
            parts.push("All players".into());
        }
        if !self.games.is_empty() {
            parts.push(format!("game {}", self.games.join(", ")));
        }
        if !self.periods.is_empty() {
            let p: Vec<String> = self
                .periods
                .iter()
                .map(|p| period_name(*p as i32))
                .collect();
            parts.push(p.join(", "));
        }
        if let Some((a, b)) = self.clock_s {
            parts.push(format!("{}–{}", clock(a.max(b)), clock(a.min(b))));
        }
        parts.join(" · ")
    }
}

/// Seconds as a game clock: 754.2 → "12:34".
pub fn clock(s: f32) -> String {
    let s = s.max(0.0).round() as i64;
    format!("{}:{:02}", s / 60, s % 60)
}

/// The columns every tracking query uses, typed, with `key` (the object: its id, else its
/// name), `name` (its name, else its id) and `ball` (whether it is the ball).
pub(super) fn normalised(tracking: LazyFrame) -> LazyFrame {
    let schema = tracking.clone().collect_schema().ok();
    let has = |c: &str| schema.as_ref().is_some_and(|s| s.get(c).is_some());
    if has("key") && has("ball") {
        // Already normalised (a filter's output).
        return tracking;
    }
    // Columns already of the type are taken as they are, so that a game's or a period's
    // filter reaches the Parquet reader (each game then reads its own row groups).
    let typed = |c: &str, to: DataType| {
        crate::data::adapters::convert::cast_to(col(c), schema.as_ref().and_then(|s| s.get(c)), to)
    };
    let text = |c: &str| {
        if has(c) {
            typed(c, DataType::String)
        } else {
            lit(NULL).cast(DataType::String)
        }
    };
    let id = text("player_id");
    let name = text("player");
    let clock = if has("game_clock_s") {
        typed("game_clock_s", DataType::Float32)
    } else {
        lit(NULL).cast(DataType::Float32)
    };
    tracking
        .select([
            text("game_id").alias("game_id"),
            typed("period", DataType::Int32).alias("period"),
            typed("t_ms", DataType::Int64).alias("t_ms"),
            clock.alias("game_clock_s"),
            text("team").alias("team"),
            id.clone().fill_null(name.clone()).alias("key"),
            name.clone().fill_null(id.clone()).alias("name"),
            typed("x_ft", DataType::Float64).alias("x_ft"),
            typed("y_ft", DataType::Float64).alias("y_ft"),
        ])
        .with_column(is_ball())
}

/// Whether a row's object is the ball: its id (or name) or team says `ball`.
pub(super) fn is_ball() -> Expr {
    col("key")
        .str()
        .to_lowercase()
        .eq(lit("ball"))
        .or(col("team").str().to_lowercase().eq(lit("ball")))
        .fill_null(lit(false))
        .alias("ball")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_select_players_periods_and_clock() {
        let f = TrackFilter {
            players: vec!["A".into()],
            periods: vec![2],
            clock_s: Some((300.0, 600.0)),
            ..Default::default()
        };
        assert_eq!(f.describe(), "A · Q2 · 10:00–5:00");
        assert_eq!(clock(754.2), "12:34");
        assert_eq!(period_name(5), "OT1");
    }
}
