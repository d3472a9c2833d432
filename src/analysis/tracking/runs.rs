//! The rows grouped into runs (one object in one game and period, in time order): the shape
//! movement, occupancy and playback all read.

use polars::prelude::*;
use rayon::prelude::*;

use super::filter::{is_ball, normalised};

/// One object's samples in one game and period, in time order.
pub(super) struct Run {
    pub key: String,
    pub name: String,
    pub team: Option<String>,
    pub ball: bool,
    pub game: String,
    pub period: i32,
    pub t: Vec<i64>,
    pub x: Vec<f64>,
    pub y: Vec<f64>,
}

/// The rows of `tracking` grouped into runs per object, game and period (grouped by Polars,
/// each run put in time order in parallel), ordered by object, game and period.
pub(super) fn runs(tracking: LazyFrame) -> PolarsResult<Vec<Run>> {
    // No filter for nulls: it would copy every row; rows with a null are skipped below.
    let grouped = normalised(tracking)
        .group_by([col("key"), col("game_id"), col("period")])
        .agg([
            col("name").first(),
            col("team").first(),
            col("t_ms"),
            col("x_ft"),
            col("y_ft"),
        ])
        // Which group is the ball, once per group rather than once per row.
        .with_column(is_ball())
        .collect()?;
    let key = grouped.column("key")?.str()?;
    let game = grouped.column("game_id")?.str()?;
    let period = grouped.column("period")?.i32()?;
    let name = grouped.column("name")?.str()?;
    let team = grouped.column("team")?.str()?;
    let ball = grouped.column("ball")?.bool()?;
    let (t, x, y) = (
        grouped.column("t_ms")?.list()?,
        grouped.column("x_ft")?.list()?,
        grouped.column("y_ft")?.list()?,
    );
    let mut out: Vec<Run> = (0..grouped.height())
        .into_par_iter()
        .filter(|i| key.get(*i).is_some())
        .map(|i| -> PolarsResult<Run> {
            let list = |l: &ListChunked| l.get_as_series(i).unwrap_or_default();
            let ts = list(t);
            let (xs, ys) = (list(x), list(y));
            let (tc, xc, yc) = (ts.i64()?, xs.f64()?, ys.f64()?);
            let (mut t, mut x, mut y): (Vec<i64>, Vec<f64>, Vec<f64>) =
                match (tc.cont_slice(), xc.cont_slice(), yc.cont_slice()) {
                    (Ok(t), Ok(x), Ok(y)) => (t.to_vec(), x.to_vec(), y.to_vec()),
                    // A row with a missing time or position is no sample.
                    _ => {
                        let (mut t, mut x, mut y) = (Vec::new(), Vec::new(), Vec::new());
                        for ((ti, xi), yi) in tc.iter().zip(xc.iter()).zip(yc.iter()) {
                            if let (Some(ti), Some(xi), Some(yi)) = (ti, xi, yi) {
                                t.push(ti);
                                x.push(xi);
                                y.push(yi);
                            }
                        }
                        (t, x, y)
                    }
                };
            if !t.windows(2).all(|w| w[0] <= w[1]) {
                let mut order: Vec<usize> = (0..t.len()).collect();
                order.sort_by_key(|&k| t[k]);
                t = order.iter().map(|&k| t[k]).collect();
                x = order.iter().map(|&k| x[k]).collect();
                y = order.iter().map(|&k| y[k]).collect();
            }
            let k = key.get(i).unwrap_or_default().to_string();
            Ok(Run {
                name: name.get(i).map(str::to_string).unwrap_or_else(|| k.clone()),
                key: k,
                team: team.get(i).map(str::to_string),
                ball: ball.get(i).unwrap_or(false),
                game: game.get(i).unwrap_or_default().to_string(),
                period: period.get(i).unwrap_or(0),
                t,
                x,
                y,
            })
        })
        .collect::<PolarsResult<_>>()?;
    out.sort_by(|a, b| (&a.key, &a.game, a.period).cmp(&(&b.key, &b.game, b.period)));
    Ok(out)
}
