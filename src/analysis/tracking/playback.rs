//! Playback: who is in a table, and every object's positions in one game and period.

use polars::prelude::*;

use super::filter::normalised;
use super::runs::runs;

/// Who is in a table: (name, team) of every object but the ball, sorted by team then name;
/// and its games and periods.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Roster {
    pub players: Vec<(String, Option<String>)>,
    pub games: Vec<String>,
    pub periods: Vec<i32>,
}

/// The roster of a tracking table.
pub fn roster(tracking: LazyFrame) -> PolarsResult<Roster> {
    let lf = normalised(tracking);
    let players = lf
        .clone()
        .filter(col("ball").not().and(col("name").is_not_null()))
        .group_by([col("name")])
        .agg([col("team").first()])
        .sort(["team", "name"], SortMultipleOptions::default())
        .collect()?;
    let names = players.column("name")?.str()?;
    let teams = players.column("team")?.str()?;
    let uniq = |c: &str| {
        lf.clone()
            .select([col(c).drop_nulls().unique().sort(Default::default())])
    };
    let games = uniq("game_id").collect()?;
    let periods = uniq("period").collect()?;
    Ok(Roster {
        players: (0..players.height())
            .filter_map(|i| Some((names.get(i)?.to_string(), teams.get(i).map(str::to_string))))
            .collect(),
        games: games
            .column("game_id")?
            .str()?
            .iter()
            .flatten()
            .map(str::to_string)
            .collect(),
        periods: periods.column("period")?.i32()?.iter().flatten().collect(),
    })
}

/// One object in a playback.
#[derive(Clone, Debug, PartialEq)]
pub struct Track {
    pub name: String,
    pub team: Option<String>,
    pub ball: bool,
    /// Positions in time order: (t_ms, x_ft, y_ft).
    pub points: Vec<(i64, f32, f32)>,
}

impl Track {
    /// The position at `t_ms`, interpolated between samples; `None` outside the samples or
    /// across a gap longer than `max_gap_ms`.
    pub fn at(&self, t_ms: i64, max_gap_ms: i64) -> Option<(f32, f32)> {
        let i = self.points.partition_point(|p| p.0 <= t_ms);
        if i == 0 {
            return None;
        }
        let a = self.points[i - 1];
        if a.0 == t_ms {
            return Some((a.1, a.2));
        }
        let b = *self.points.get(i)?;
        if b.0 - a.0 > max_gap_ms {
            return None;
        }
        let s = (t_ms - a.0) as f32 / (b.0 - a.0) as f32;
        Some((a.1 + (b.1 - a.1) * s, a.2 + (b.2 - a.2) * s))
    }
}

/// The frames of one game and period for playback: every object's positions, with the
/// period's time span and game clock at its start.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Playback {
    pub game: String,
    pub period: i32,
    pub from_ms: i64,
    pub to_ms: i64,
    /// (t_ms, game clock) samples, for showing the clock.
    pub clock: Vec<(i64, f32)>,
    pub tracks: Vec<Track>,
}

impl Playback {
    /// The game clock at `t_ms`, when the feed has one.
    pub fn clock_at(&self, t_ms: i64) -> Option<f32> {
        let i = self.clock.partition_point(|c| c.0 <= t_ms);
        let (t0, c0) = *self.clock.get(i.checked_sub(1)?)?;
        Some(c0 - (t_ms - t0) as f32 / 1000.0)
    }
}

/// The frames of `game` and `period` (the first of each, when `None`).
pub fn playback(
    tracking: LazyFrame,
    game: Option<&str>,
    period: Option<i32>,
) -> PolarsResult<Playback> {
    let lf = normalised(tracking);
    let first = lf
        .clone()
        .filter(col("t_ms").is_not_null())
        .filter(match game {
            Some(g) => col("game_id").eq(lit(g.to_string())),
            None => lit(true),
        })
        .filter(match period {
            Some(p) => col("period").eq(lit(p)),
            None => lit(true),
        })
        .filter(col("t_ms").eq(col("t_ms").min()))
        .select([col("game_id"), col("period")])
        .limit(1)
        .collect()?;
    let (Some(game), Some(period)) = (
        first.column("game_id")?.str()?.get(0).map(str::to_string),
        first.column("period")?.i32()?.get(0),
    ) else {
        return Ok(Playback::default());
    };
    let period_rows = lf.filter(
        col("game_id")
            .eq(lit(game.clone()))
            .and(col("period").eq(lit(period))),
    );
    let clock_df = period_rows
        .clone()
        .filter(col("game_clock_s").is_not_null())
        .group_by([col("t_ms")])
        .agg([col("game_clock_s").first()])
        .sort(["t_ms"], SortMultipleOptions::default())
        .collect()?;
    let clock: Vec<(i64, f32)> = clock_df
        .column("t_ms")?
        .i64()?
        .iter()
        .zip(clock_df.column("game_clock_s")?.f32()?.iter())
        .filter_map(|(t, c)| Some((t?, c?)))
        .collect();
    let mut tracks: Vec<Track> = runs(period_rows)?
        .into_iter()
        .map(|r| Track {
            points: r
                .t
                .iter()
                .zip(r.x.iter().zip(&r.y))
                .map(|(t, (x, y))| (*t, *x as f32, *y as f32))
                .collect(),
            name: r.name,
            team: r.team,
            ball: r.ball,
        })
        .collect();
    let from_ms = tracks
        .iter()
        .filter_map(|t| t.points.first())
        .map(|p| p.0)
        .min()
        .unwrap_or(0);
    let to_ms = tracks
        .iter()
        .filter_map(|t| t.points.last())
        .map(|p| p.0)
        .max()
        .unwrap_or(0);
    // Players by team then name, the ball last (drawn on top).
    tracks.sort_by(|a, b| {
        a.ball
            .cmp(&b.ball)
            .then(a.team.cmp(&b.team))
            .then(a.name.cmp(&b.name))
    });
    Ok(Playback {
        game,
        period,
        from_ms,
        to_ms,
        clock,
        tracks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tracking::fixtures::track;

    #[test]
    fn playback_interpolates_and_stops_at_gaps() {
        let s: Vec<_> = vec![(0, 0.0, 0.0), (40, 4.0, 2.0), (1_000, 50.0, 2.0)];
        let p = playback(track(&s), None, None).unwrap();
        assert_eq!((p.from_ms, p.to_ms, p.period), (0, 1_000, 1));
        let a = &p.tracks[0];
        assert_eq!(a.at(20, 200), Some((2.0, 1.0)));
        assert_eq!(a.at(40, 200), Some((4.0, 2.0)));
        assert_eq!(a.at(500, 200), None, "no position across a gap");
        assert_eq!(a.at(-1, 200), None);
    }
}
