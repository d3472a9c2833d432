//! One pass over a tracking table for movement and occupancy together: the rows grouped once,
//! game by game when the table is large.

use polars::prelude::*;

use super::filter::{TrackFilter, normalised};
use super::motion::{MotionOptions, Movement, measure_runs};
use super::occupancy::{Grid, HeatOptions, Occupancy, balls_for, occupancy_grid};
use super::runs::runs;

/// Movement per player of a canonical tracking table (the ball and rows without a player are
/// left out), sorted by team then player. Periods are measured in parallel.
pub fn movement(tracking: LazyFrame, opts: &MotionOptions) -> PolarsResult<Vec<Movement>> {
    let all = TrackFilter::default();
    Ok(analyse(tracking, &all, Some(opts), None, CHUNK_ROWS)?.0)
}

/// Time per grid cell of the players `filter` selects in `tracking` (the ball left out). A
/// row counts the time until the same object's next row in the same period, unless that is a
/// gap.
pub fn occupancy(
    tracking: LazyFrame,
    filter: &TrackFilter,
    opts: &HeatOptions,
) -> PolarsResult<Occupancy> {
    let heat = analyse(tracking, filter, None, Some(opts), CHUNK_ROWS)?.1;
    heat.ok_or_else(|| polars_err!(ComputeError: "no heatmap was asked for"))
}

/// [`movement`] and [`occupancy`] of the players `filter` selects, from one grouping of the
/// rows.
pub fn movement_and_occupancy(
    tracking: LazyFrame,
    filter: &TrackFilter,
    motion: &MotionOptions,
    heat: &HeatOptions,
) -> PolarsResult<(Vec<Movement>, Occupancy)> {
    let (players, occ) = analyse(tracking, filter, Some(motion), Some(heat), CHUNK_ROWS)?;
    let occ = occ.ok_or_else(|| polars_err!(ComputeError: "no heatmap was asked for"))?;
    Ok((players, occ))
}

/// Above this many rows, a table is measured game by game, so that memory stays near one
/// game's worth whatever the season's size.
const CHUNK_ROWS: usize = 3_000_000;

/// One part of the table (a game, or all of it), grouped once: each player's runs measured,
/// and the seconds per cell with the players counted.
type Part = (Vec<(String, Movement)>, Option<(Vec<f64>, Vec<String>)>);

/// Movement (when `motion` is given) and occupancy (when `heat` is) of the players `filter`
/// selects; the table is grouped once, game by game above `chunk_rows` rows.
fn analyse(
    tracking: LazyFrame,
    filter: &TrackFilter,
    motion: Option<&MotionOptions>,
    heat: Option<&HeatOptions>,
    chunk_rows: usize,
) -> PolarsResult<(Vec<Movement>, Option<Occupancy>)> {
    let grid = heat.map(Grid::of);
    let parts = per_game(tracking, chunk_rows, |lf| -> PolarsResult<Part> {
        let lf = normalised(lf);
        let picked = runs(filter.apply(lf.clone()))?;
        let moved = match motion {
            Some(opts) => measure_runs(&picked, opts),
            None => Vec::new(),
        };
        let cells = match (heat, grid) {
            (Some(opts), Some(g)) => {
                let balls = balls_for(lf, filter, opts)?;
                Some(occupancy_grid(&picked, &balls, opts, g))
            }
            _ => None,
        };
        Ok((moved, cells))
    })?;
    let zones = motion.map_or(1, |m| m.bands_mps.len().max(1));
    // Each object's periods (of every game) added up under its key.
    let mut by_key: std::collections::BTreeMap<String, Movement> = Default::default();
    let mut seconds = grid.map(|g| vec![0.0; g.cols * g.rows]);
    let mut keys: Vec<String> = Vec::new();
    for (moved, cells) in parts {
        for (key, m) in moved {
            by_key
                .entry(key)
                .or_insert_with(|| Movement {
                    player: m.player.clone(),
                    team: m.team.clone(),
                    ..Movement::empty(zones)
                })
                .add(&m);
        }
        if let (Some(total), Some((part, k))) = (seconds.as_mut(), cells) {
            for (a, b) in total.iter_mut().zip(&part) {
                *a += b;
            }
            keys.extend(k);
        }
    }
    let mut players: Vec<Movement> = by_key.into_values().collect();
    players.sort_by(|a, b| a.team.cmp(&b.team).then(a.player.cmp(&b.player)));
    keys.sort();
    keys.dedup();
    let occupancy = grid.zip(seconds).map(|(g, seconds)| Occupancy {
        cell_ft: g.cell_ft,
        cols: g.cols,
        rows: g.rows,
        total_s: seconds.iter().sum(),
        seconds,
        players: keys.len(),
    });
    Ok((players, occupancy))
}

/// `f` over the whole table, or over each game in turn when the table is large.
fn per_game<T>(
    lf: LazyFrame,
    chunk_rows: usize,
    f: impl Fn(LazyFrame) -> PolarsResult<T>,
) -> PolarsResult<Vec<T>> {
    use crate::data::table::{collect_aggregate, first_u64};
    let rows = first_u64(
        &collect_aggregate(lf.clone().select([len().cast(DataType::UInt64).alias("n")]))?,
        "n",
    ) as usize;
    if rows <= chunk_rows {
        return Ok(vec![f(lf)?]);
    }
    // Game by game: on rows in memory, each filter is one pass over the game ids; on Parquet
    // sorted by game (as `convert` writes it), the row groups that hold the game. Only one
    // game's rows and groups are held at a time. In order, so that sums come out the same.
    let games = collect_aggregate(lf.clone().select([col("game_id").unique()]))?;
    let mut games: Vec<Option<String>> = games
        .column("game_id")?
        .str()?
        .iter()
        .map(|g| g.map(str::to_string))
        .collect();
    games.sort();
    games
        .into_iter()
        .map(|g| {
            f(lf.clone().filter(match g {
                Some(g) => col("game_id").eq(lit(g)),
                None => col("game_id").is_null(),
            }))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tracking::M_PER_FT;
    use crate::analysis::tracking::fixtures::{close, raw};

    #[test]
    fn a_large_table_measured_game_by_game_gives_the_same_figures() {
        // Two games of the same two players (and a ball), measured whole and game by game.
        let mut rows: Vec<(&str, &str, i64, f32, f32)> = Vec::new();
        for (g, speed) in [("g1", 1.0f32), ("g2", 2.0)] {
            for i in 0..100i64 {
                let d = i as f32 * 0.04 * speed / M_PER_FT as f32;
                rows.push((g, "A", i * 40, 10.0 + d, 10.0));
                rows.push((g, "B", i * 40, 80.0 - d, 40.0));
                rows.push((g, "ball", i * 40, 60.0, 25.0));
            }
        }
        let df = df!(
            "game_id" => rows.iter().map(|r| r.0).collect::<Vec<_>>(),
            "period" => vec![1i8; rows.len()],
            "player" => rows.iter().map(|r| r.1).collect::<Vec<_>>(),
            "t_ms" => rows.iter().map(|r| r.2).collect::<Vec<_>>(),
            "x_ft" => rows.iter().map(|r| r.3).collect::<Vec<_>>(),
            "y_ft" => rows.iter().map(|r| r.4).collect::<Vec<_>>(),
        )
        .unwrap();
        let opts = raw();
        let whole = analyse(
            df.clone().lazy(),
            &TrackFilter::default(),
            Some(&opts),
            None,
            usize::MAX,
        )
        .unwrap()
        .0;
        let chunked = analyse(
            df.clone().lazy(),
            &TrackFilter::default(),
            Some(&opts),
            None,
            0,
        )
        .unwrap()
        .0;
        assert_eq!(whole.len(), 2);
        for (a, b) in whole.iter().zip(&chunked) {
            assert_eq!(a.player, b.player);
            assert!(close(a.distance_m, b.distance_m) && close(a.tracked_s, b.tracked_s));
            // 99 steps at 1 m/s in g1 and at 2 m/s in g2.
            assert!(close(a.distance_m, 99.0 * 0.04 * 3.0), "{}", a.distance_m);
            assert!((a.top_speed_mps - 2.0).abs() < 1e-4);
        }
        let heat = HeatOptions {
            one_basket: true,
            ..Default::default()
        };
        let f = TrackFilter::default();
        let h1 = analyse(df.clone().lazy(), &f, None, Some(&heat), usize::MAX)
            .unwrap()
            .1
            .unwrap();
        let h2 = analyse(df.lazy(), &f, None, Some(&heat), 0)
            .unwrap()
            .1
            .unwrap();
        assert_eq!((h1.players, h2.players), (2, 2));
        assert!(close(h1.total_s, 2.0 * 2.0 * 99.0 * 0.04) && close(h2.total_s, h1.total_s));
        assert!(
            h1.seconds
                .iter()
                .zip(&h2.seconds)
                .all(|(a, b)| (a - b).abs() < 1e-9)
        );
    }
}
