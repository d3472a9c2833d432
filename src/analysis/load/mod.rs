//! Player load (SPEC 5): daily series with rest days as 0, EWMA and rolling ACWR, weekly
//! load, monotony and strain, warm-up flags and bands, and the team overview.
//!
//! Polars aggregates sessions into days; the per-player series are short (a few hundred
//! days), so the recurrences run as plain loops over them.

use std::ops::Range;

use chrono::{Days, NaiveDate};
use polars::prelude::*;
use serde::{Deserialize, Serialize};

mod team;
pub use team::{band_days, overview};

/// The load measure a series is built from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Session RPE: RPE × minutes.
    Srpe,
    /// Accelerometer load (AU).
    #[value(name = "player_load")]
    PlayerLoad,
    /// Distance, metres.
    #[value(name = "distance_m")]
    DistanceM,
    /// High-speed running distance, metres.
    #[value(name = "hsr_m")]
    HsrM,
    /// Edwards TRIMP: minutes in heart-rate zones 1–5 weighted 1–5.
    Trimp,
}

impl Measure {
    /// The measures a load table's own columns can carry, in the order a default is chosen.
    pub const COLUMNS: [Measure; 4] = [
        Measure::Srpe,
        Measure::PlayerLoad,
        Measure::DistanceM,
        Measure::HsrM,
    ];

    /// The default measure of a table with these columns: the first of [`Self::COLUMNS`] it
    /// has.
    pub fn default_for(has: impl Fn(&str) -> bool) -> Option<Measure> {
        Self::COLUMNS.into_iter().find(|m| has(m.column()))
    }

    /// The canonical load column.
    pub fn column(self) -> &'static str {
        match self {
            Measure::Srpe => "srpe",
            Measure::PlayerLoad => "player_load",
            Measure::DistanceM => "distance_m",
            Measure::HsrM => "hsr_m",
            Measure::Trimp => "trimp",
        }
    }
}

/// The heart-rate zone columns (SPEC 2.2), zone 1 first.
pub const HR_ZONES: [&str; 5] = [
    "hr_zone_1_min",
    "hr_zone_2_min",
    "hr_zone_3_min",
    "hr_zone_4_min",
    "hr_zone_5_min",
];

/// Edwards TRIMP of a session: Σ minutes in zone k × k, over the zones the table has (a
/// session with no zone minutes at all has no TRIMP, not 0).
pub fn trimp_expr() -> Expr {
    let weighted = HR_ZONES
        .iter()
        .enumerate()
        .map(|(k, z)| col(*z).fill_null(lit(0.0)) * lit((k + 1) as f64))
        .reduce(|a, b| a + b)
        .unwrap_or(lit(0.0));
    let any = HR_ZONES
        .iter()
        .map(|z| col(*z).is_not_null())
        .reduce(|a, b| a.or(b))
        .unwrap_or(lit(false));
    when(any)
        .then(weighted)
        .otherwise(lit(NULL).cast(DataType::Float64))
}

/// ACWR bands (contested in the literature: a guide, never a diagnosis).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bands {
    /// Below this: under-loaded.
    pub under: f64,
    /// Up to this: normal.
    pub normal: f64,
    /// Up to this: elevated; above: high risk.
    pub elevated: f64,
}

impl Default for Bands {
    fn default() -> Self {
        Bands {
            under: 0.8,
            normal: 1.3,
            elevated: 1.5,
        }
    }
}

impl Bands {
    /// The band of a ratio.
    pub fn of(&self, acwr: f64) -> &'static str {
        if acwr < self.under {
            "under-loaded"
        } else if acwr <= self.normal {
            "normal"
        } else if acwr <= self.elevated {
            "elevated"
        } else {
            "high risk"
        }
    }

    /// How risky a band is, for sorting (high risk first).
    pub fn rank(band: Option<&str>) -> u8 {
        match band {
            Some("high risk") => 0,
            Some("elevated") => 1,
            Some("under-loaded") => 2,
            Some("normal") => 3,
            _ => 4,
        }
    }
}

/// One player's daily loads, from the player's first session to the last day of the data,
/// rest days 0.
#[derive(Clone, Debug, PartialEq)]
pub struct PlayerDays {
    pub player: String,
    pub first: NaiveDate,
    pub load: Vec<f64>,
    /// Whether the player had a session that day (a session can carry no load).
    pub session: Vec<bool>,
}

impl PlayerDays {
    /// A series with a session on every day that has load (for tests and hand-made series).
    pub fn new(player: impl Into<String>, first: NaiveDate, load: Vec<f64>) -> PlayerDays {
        PlayerDays {
            player: player.into(),
            first,
            session: load.iter().map(|l| *l > 0.0).collect(),
            load,
        }
    }

    /// The date of day `i`.
    pub fn date(&self, i: usize) -> NaiveDate {
        self.first + Days::new(i as u64)
    }

    /// The last day of the series.
    pub fn last(&self) -> NaiveDate {
        self.date(self.load.len().saturating_sub(1))
    }

    /// The index of `day`, if the series has it.
    pub fn index(&self, day: NaiveDate) -> Option<usize> {
        usize::try_from((day - self.first).num_days())
            .ok()
            .filter(|i| *i < self.load.len())
    }

    /// The indices of the days from `from` to `to` (either open) that the series has.
    pub fn window(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Range<usize> {
        let n = self.load.len() as i64;
        let at = |d: NaiveDate| (d - self.first).num_days().clamp(0, n) as usize;
        let start = from.map_or(0, at);
        let end = to.map_or(n as usize, |d| at(d + Days::new(1)));
        start..end.max(start)
    }

    /// Days since the last session on or before day `i` (0: a session that day).
    pub fn days_since_session(&self, i: usize) -> Option<i64> {
        let end = (i + 1).min(self.session.len());
        self.session[..end]
            .iter()
            .rev()
            .position(|s| *s)
            .map(|p| p as i64)
    }
}

/// A player with no session for this many days is flagged "no recent data" in the overview.
pub const RECENT_DAYS: i64 = 7;

/// Acute and chronic windows, days (SPEC 5).
pub const ACUTE_DAYS: usize = 7;
pub const CHRONIC_DAYS: usize = 28;

/// The metrics of one player-day.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DayMetrics {
    pub load: f64,
    pub acute_ewma: f64,
    pub chronic_ewma: f64,
    pub acwr_ewma: Option<f64>,
    pub acwr_rolling_coupled: Option<f64>,
    pub acwr_rolling_uncoupled: Option<f64>,
    pub weekly_load: f64,
    /// Change of the 7-day load against the 7 days before, as a fraction.
    pub week_over_week: Option<f64>,
    pub monotony: Option<f64>,
    pub strain: Option<f64>,
    /// The first 27 days of a history: the ratios are computed but not yet reliable.
    pub warmup: bool,
    pub band: Option<&'static str>,
}

fn ratio(a: f64, b: f64) -> Option<f64> {
    (b != 0.0 && a.is_finite() && b.is_finite()).then(|| a / b)
}

fn mean(s: &[f64]) -> f64 {
    if s.is_empty() {
        0.0
    } else {
        s.iter().sum::<f64>() / s.len() as f64
    }
}

/// Foster's monotony: mean / sample SD of the daily loads; None where the SD is 0.
pub fn monotony(week: &[f64]) -> Option<f64> {
    if week.len() < 2 {
        return None;
    }
    let m = mean(week);
    let var = week.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (week.len() - 1) as f64;
    ratio(m, var.sqrt())
}

/// Every metric for every day of a player's series.
pub fn metrics(days: &PlayerDays, bands: &Bands) -> Vec<DayMetrics> {
    let la = 2.0 / (ACUTE_DAYS as f64 + 1.0);
    let lc = 2.0 / (CHRONIC_DAYS as f64 + 1.0);
    let load = &days.load;
    let mut out = Vec::with_capacity(load.len());
    let (mut acute, mut chronic) = (0.0, 0.0);
    for (t, &x) in load.iter().enumerate() {
        // Both EWMAs are seeded with the first day's load.
        if t == 0 {
            acute = x;
            chronic = x;
        } else {
            acute = la * x + (1.0 - la) * acute;
            chronic = lc * x + (1.0 - lc) * chronic;
        }
        let week = &load[t.saturating_sub(ACUTE_DAYS - 1)..=t];
        let chronic_window = &load[t.saturating_sub(CHRONIC_DAYS - 1)..=t];
        let earlier = &load[t.saturating_sub(CHRONIC_DAYS - 1)..t.saturating_sub(ACUTE_DAYS - 1)];
        let weekly: f64 = week.iter().sum();
        let previous_week: f64 = load
            [t.saturating_sub(2 * ACUTE_DAYS - 1)..t.saturating_sub(ACUTE_DAYS - 1)]
            .iter()
            .sum();
        let acwr = ratio(acute, chronic);
        let mono = (week.len() == ACUTE_DAYS).then(|| monotony(week)).flatten();
        out.push(DayMetrics {
            load: x,
            acute_ewma: acute,
            chronic_ewma: chronic,
            acwr_ewma: acwr,
            acwr_rolling_coupled: ratio(mean(week), mean(chronic_window)),
            acwr_rolling_uncoupled: (!earlier.is_empty())
                .then(|| ratio(mean(week), mean(earlier)))
                .flatten(),
            weekly_load: weekly,
            week_over_week: (t >= 2 * ACUTE_DAYS - 1)
                .then(|| ratio(weekly - previous_week, previous_week))
                .flatten(),
            monotony: mono,
            strain: mono.map(|m| m * weekly),
            warmup: t < CHRONIC_DAYS - 1,
            band: acwr.map(|a| bands.of(a)),
        });
    }
    out
}

/// A load problem a user must fix.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("the load table has no `{column}` column for the {measure} measure. Columns: {found}.")]
    NoMeasure {
        column: &'static str,
        measure: &'static str,
        found: String,
    },
    #[error(
        "{count} session(s) have a negative or non-finite {column} (for example {player} on {date}): fix them in the source."
    )]
    BadLoad {
        column: &'static str,
        count: usize,
        player: String,
        date: NaiveDate,
    },
    #[error(transparent)]
    Polars(#[from] PolarsError),
}

/// Per-player daily series of `measure` from a canonical load table: sessions of one day are
/// summed (duplicated rows too: they are sessions), days without one are 0 (SPEC 5), from
/// each player's first session to the last day of the whole table, so that every player's
/// figures on a day come from all the data the player has, whatever window is shown later.
/// Missing loads (null) count as a session without load; negative or non-finite loads are an
/// error.
pub fn daily(load: LazyFrame, measure: Measure) -> Result<Vec<PlayerDays>, LoadError> {
    let column = measure.column();
    let schema = load.clone().collect_schema()?;
    let load = if measure == Measure::Trimp && HR_ZONES.iter().all(|z| schema.get(z).is_some()) {
        load.with_column(trimp_expr().alias("trimp"))
    } else {
        load
    };
    let schema = load.clone().collect_schema()?;
    if schema.get(column).is_none() {
        return Err(LoadError::NoMeasure {
            column,
            measure: column,
            found: schema
                .iter_names()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    let df = load
        .select([
            col("player"),
            col("date"),
            col(column).cast(DataType::Float64).alias("load"),
        ])
        .filter(col("player").is_not_null().and(col("date").is_not_null()))
        .collect()?;
    let players = df.column("player")?.str()?;
    let dates = df.column("date")?.to_physical_repr();
    let dates = dates.i32()?;
    let loads = df.column("load")?.f64()?;
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let mut rows: Vec<(&str, i32, f64)> = Vec::with_capacity(df.height());
    let mut bad: Option<(usize, String, NaiveDate)> = None;
    for ((p, d), l) in players.iter().zip(dates.iter()).zip(loads.iter()) {
        let (Some(p), Some(d)) = (p, d) else { continue };
        let l = l.unwrap_or(0.0);
        if !l.is_finite() || l < 0.0 {
            let date = epoch + chrono::Duration::days(d as i64);
            let b = bad.get_or_insert((0, p.to_string(), date));
            b.0 += 1;
            continue;
        }
        rows.push((p, d, l));
    }
    if let Some((count, player, date)) = bad {
        return Err(LoadError::BadLoad {
            column,
            count,
            player,
            date,
        });
    }
    // Any order in, player and date order out.
    rows.sort_by(|a, b| a.0.cmp(b.0).then(a.1.cmp(&b.1)));
    let Some(last) = rows.iter().map(|r| r.1).max() else {
        return Ok(Vec::new());
    };
    let mut out: Vec<PlayerDays> = Vec::new();
    for group in rows.chunk_by(|a, b| a.0 == b.0) {
        let first = group[0].1;
        let n = (last - first + 1) as usize;
        let (mut load, mut session) = (vec![0.0; n], vec![false; n]);
        for &(_, d, l) in group {
            load[(d - first) as usize] += l;
            session[(d - first) as usize] = true;
        }
        out.push(PlayerDays {
            player: group[0].0.to_string(),
            first: epoch + chrono::Duration::days(first as i64),
            load,
            session,
        });
    }
    Ok(out)
}

/// The first and last day of the series together.
pub fn span(series: &[PlayerDays]) -> Option<(NaiveDate, NaiveDate)> {
    let first = series.iter().map(|s| s.first).min()?;
    let last = series.iter().map(PlayerDays::last).max()?;
    Some((first, last))
}

/// The daily table from `from` to `to` (either open): one row per player per day, columns
/// `player, date, load, acute_ewma, chronic_ewma, acwr_ewma, acwr_rolling_coupled,
/// acwr_rolling_uncoupled, weekly_load, monotony, strain, warmup, band`. Every figure comes
/// from the player's whole series: the dates only choose the rows.
pub fn daily_table(
    series: &[PlayerDays],
    bands: &Bands,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> PolarsResult<DataFrame> {
    let mut player = Vec::new();
    let mut date = Vec::new();
    let mut m_all: Vec<DayMetrics> = Vec::new();
    for s in series {
        let shown = s.window(from, to);
        let m = metrics(s, bands);
        for i in shown.clone() {
            player.push(s.player.clone());
            date.push(crate::sample::epoch_days(s.date(i)));
        }
        m_all.extend(m.into_iter().skip(shown.start).take(shown.len()));
    }
    let f = |get: fn(&DayMetrics) -> f64| -> Vec<f64> { m_all.iter().map(get).collect() };
    let o = |get: fn(&DayMetrics) -> Option<f64>| -> Vec<Option<f64>> {
        m_all.iter().map(get).collect()
    };
    let n = player.len();
    DataFrame::new(
        n,
        vec![
            Column::new("player".into(), player),
            Column::new("date".into(), date).cast(&DataType::Date)?,
            Column::new("load".into(), f(|m| m.load)),
            Column::new("acute_ewma".into(), f(|m| m.acute_ewma)),
            Column::new("chronic_ewma".into(), f(|m| m.chronic_ewma)),
            Column::new("acwr_ewma".into(), o(|m| m.acwr_ewma)),
            Column::new("acwr_rolling_coupled".into(), o(|m| m.acwr_rolling_coupled)),
            Column::new(
                "acwr_rolling_uncoupled".into(),
                o(|m| m.acwr_rolling_uncoupled),
            ),
            Column::new("weekly_load".into(), f(|m| m.weekly_load)),
            Column::new("monotony".into(), o(|m| m.monotony)),
            Column::new("strain".into(), o(|m| m.strain)),
            Column::new(
                "warmup".into(),
                m_all.iter().map(|m| m.warmup).collect::<Vec<bool>>(),
            ),
            Column::new(
                "band".into(),
                m_all.iter().map(|m| m.band).collect::<Vec<Option<&str>>>(),
            ),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(load: &[f64]) -> PlayerDays {
        PlayerDays::new(
            "A",
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            load.to_vec(),
        )
    }

    #[test]
    fn monotony_of_the_spec_week() {
        let m = monotony(&[55.0, 50.0, 40.0, 60.0, 45.0, 50.0, 50.0]).unwrap();
        assert!((m - 7.746).abs() < 5e-4, "{m}");
        assert_eq!(monotony(&[50.0; 7]), None, "blank where SD = 0");
    }

    #[test]
    fn rolling_acwr_of_the_spec_player() {
        // ID 1 of the ACWR reference: 21 days at 30, then 7 at 50.
        let mut load = vec![30.0; 21];
        load.extend([50.0; 7]);
        let m = metrics(&days(&load), &Bands::default());
        let d28 = &m[27];
        assert!((d28.acwr_rolling_coupled.unwrap() - 1.4286).abs() < 5e-5);
        assert!((d28.acwr_rolling_uncoupled.unwrap() - 1.6667).abs() < 5e-5);
        assert!(m[26].warmup && !d28.warmup);
        assert_eq!(d28.weekly_load, 350.0);
        // 350 this week against 210 the week before.
        assert!((d28.week_over_week.unwrap() - (350.0 - 210.0) / 210.0).abs() < 1e-12);
    }

    #[test]
    fn one_session_and_all_zero_loads_are_defined() {
        let one = metrics(&days(&[300.0]), &Bands::default());
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].acwr_ewma, Some(1.0));
        assert_eq!(one[0].monotony, None);
        assert!(one[0].warmup);
        let zeros = metrics(&days(&[0.0; 40]), &Bands::default());
        assert!(
            zeros
                .iter()
                .all(|m| m.acwr_ewma.is_none() && m.band.is_none() && m.monotony.is_none())
        );
    }

    #[test]
    fn edwards_trimp_weights_zone_minutes() {
        let df = df!(
            "hr_zone_1_min" => [Some(10.0), None],
            "hr_zone_2_min" => [Some(10.0), None],
            "hr_zone_3_min" => [Some(10.0), None],
            "hr_zone_4_min" => [Some(5.0), None],
            "hr_zone_5_min" => [Some(2.0), None],
        )
        .unwrap();
        let t = df
            .lazy()
            .select([trimp_expr().alias("t")])
            .collect()
            .unwrap();
        let t = t.column("t").unwrap().f64().unwrap();
        // 10·1 + 10·2 + 10·3 + 5·4 + 2·5 = 90; no zone minutes: no TRIMP.
        assert_eq!((t.get(0), t.get(1)), (Some(90.0), None));
    }

    #[test]
    fn bands_follow_the_thresholds() {
        let b = Bands::default();
        assert_eq!(b.of(0.79), "under-loaded");
        assert_eq!(b.of(0.8), "normal");
        assert_eq!(b.of(1.3), "normal");
        assert_eq!(b.of(1.5), "elevated");
        assert_eq!(b.of(1.51), "high risk");
    }
}
