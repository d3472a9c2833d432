//! The team's view of the series: everyone on one day (the overview), and the days each
//! player spent in each band over a range.

use chrono::NaiveDate;
use polars::prelude::*;

use super::{Bands, DayMetrics, PlayerDays, RECENT_DAYS, metrics};

/// The team on one day: one row per player who has a session on or before that day, sorted
/// by risk (high risk first, then by ACWR, highest first); players with no session for
/// [`RECENT_DAYS`] or more are flagged `no_recent_data` and come after the bands, the most
/// recently seen first.
pub fn overview(series: &[PlayerDays], day: NaiveDate, bands: &Bands) -> PolarsResult<DataFrame> {
    struct Row {
        player: String,
        m: DayMetrics,
        since: Option<i64>,
    }
    let mut rows: Vec<Row> = Vec::new();
    for s in series {
        let Some(i) = s.index(day) else {
            continue;
        };
        let m = metrics(s, bands).swap_remove(i);
        rows.push(Row {
            player: s.player.clone(),
            m,
            since: s.days_since_session(i),
        });
    }
    let stale = |r: &Row| r.since.is_none_or(|d| d >= RECENT_DAYS);
    rows.sort_by(|a, b| {
        stale(a)
            .cmp(&stale(b))
            .then_with(|| {
                if stale(a) {
                    a.since.cmp(&b.since)
                } else {
                    Bands::rank(a.m.band).cmp(&Bands::rank(b.m.band)).then(
                        b.m.acwr_ewma
                            .unwrap_or(0.0)
                            .total_cmp(&a.m.acwr_ewma.unwrap_or(0.0)),
                    )
                }
            })
            .then(a.player.cmp(&b.player))
    });
    let no_recent: Vec<bool> = rows.iter().map(stale).collect();
    let n = rows.len();
    DataFrame::new(
        n,
        vec![
            Column::new(
                "player".into(),
                rows.iter().map(|r| r.player.clone()).collect::<Vec<_>>(),
            ),
            Column::new(
                "load".into(),
                rows.iter().map(|r| r.m.load).collect::<Vec<_>>(),
            ),
            Column::new(
                "acute_ewma".into(),
                rows.iter().map(|r| r.m.acute_ewma).collect::<Vec<_>>(),
            ),
            Column::new(
                "chronic_ewma".into(),
                rows.iter().map(|r| r.m.chronic_ewma).collect::<Vec<_>>(),
            ),
            Column::new(
                "acwr_ewma".into(),
                rows.iter().map(|r| r.m.acwr_ewma).collect::<Vec<_>>(),
            ),
            Column::new(
                "band".into(),
                rows.iter().map(|r| r.m.band).collect::<Vec<_>>(),
            ),
            Column::new(
                "weekly_load".into(),
                rows.iter().map(|r| r.m.weekly_load).collect::<Vec<_>>(),
            ),
            Column::new(
                "monotony".into(),
                rows.iter().map(|r| r.m.monotony).collect::<Vec<_>>(),
            ),
            Column::new(
                "strain".into(),
                rows.iter().map(|r| r.m.strain).collect::<Vec<_>>(),
            ),
            Column::new(
                "days_since_session".into(),
                rows.iter().map(|r| r.since).collect::<Vec<_>>(),
            ),
            Column::new(
                "warmup".into(),
                rows.iter().map(|r| r.m.warmup).collect::<Vec<_>>(),
            ),
            Column::new("no_recent_data".into(), no_recent),
        ],
    )
}

/// How many days each player spent in each ACWR band from `from` to `to` (either open),
/// counted over the days of the player's series in that window: columns `player, days,
/// sessions, high_risk, elevated, normal, under_loaded, no_acwr, warmup_days`; the most
/// days at high risk first. Warm-up days (ratio not yet reliable) are counted apart, in
/// `warmup_days` only, so the band and warm-up columns add up to `days`.
pub fn band_days(
    series: &[PlayerDays],
    bands: &Bands,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> PolarsResult<DataFrame> {
    const BANDS: [&str; 4] = ["high risk", "elevated", "normal", "under-loaded"];
    struct Row {
        player: String,
        days: u32,
        sessions: u32,
        in_band: [u32; 4],
        none: u32,
        warmup: u32,
    }
    let mut rows: Vec<Row> = Vec::new();
    for s in series {
        let shown = s.window(from, to);
        if shown.is_empty() {
            continue;
        }
        let m = metrics(s, bands);
        let mut r = Row {
            player: s.player.clone(),
            days: shown.len() as u32,
            sessions: s.session[shown.clone()].iter().filter(|b| **b).count() as u32,
            in_band: [0; 4],
            none: 0,
            warmup: 0,
        };
        for d in &m[shown] {
            // A warm-up ratio is not yet reliable: its days are counted apart.
            if d.warmup {
                r.warmup += 1;
                continue;
            }
            match BANDS.iter().position(|b| Some(*b) == d.band) {
                Some(k) => r.in_band[k] += 1,
                None => r.none += 1,
            }
        }
        rows.push(r);
    }
    rows.sort_by(|a, b| {
        b.in_band[0]
            .cmp(&a.in_band[0])
            .then(b.in_band[1].cmp(&a.in_band[1]))
            .then(a.player.cmp(&b.player))
    });
    let col_of = |name: &str, get: &dyn Fn(&Row) -> u32| {
        Column::new(name.into(), rows.iter().map(get).collect::<Vec<u32>>())
    };
    DataFrame::new(
        rows.len(),
        vec![
            Column::new(
                "player".into(),
                rows.iter().map(|r| r.player.clone()).collect::<Vec<_>>(),
            ),
            col_of("days", &|r| r.days),
            col_of("sessions", &|r| r.sessions),
            col_of("high_risk", &|r| r.in_band[0]),
            col_of("elevated", &|r| r.in_band[1]),
            col_of("normal", &|r| r.in_band[2]),
            col_of("under_loaded", &|r| r.in_band[3]),
            col_of("no_acwr", &|r| r.none),
            col_of("warmup_days", &|r| r.warmup),
        ],
    )
}
