//! Shot analytics (SPEC 4): filters, zone tables, baselines.
//!
//! Filtering runs in Polars (predicates reach the Parquet reader); the zone counts run in one
//! pass over f32 coordinates on every core, which is what makes a season's table instant.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use polars::prelude::*;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::court::{self, AreaZone, BasicZone, RangeZone};

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

    /// The shots of `shots` (a canonical table) that pass the filter.
    pub fn apply(&self, shots: LazyFrame) -> PolarsResult<LazyFrame> {
        let labelled = shots.clone().collect_schema()?.get("zone_basic").is_some();
        Ok(shots.filter(self.predicate(labelled)))
    }

    /// The same moments of the game (seasons, dates, periods, clock), whoever shot: the
    /// selection a "league" baseline compares against.
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

/// A user-defined zone: a polygon in the shot frame (feet), saved with the workspace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomZone {
    pub name: String,
    /// Vertices (x_ft, y_ft), in order; the polygon closes itself.
    pub points: Vec<(f64, f64)>,
}

impl CustomZone {
    /// Whether `(x, y)` lies inside the polygon (even-odd rule).
    pub fn contains(&self, x: f64, y: f64) -> bool {
        let n = self.points.len();
        let mut inside = false;
        for i in 0..n {
            let (xi, yi) = self.points[i];
            let (xj, yj) = self.points[(i + n - 1) % n];
            if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
                inside = !inside;
            }
        }
        inside
    }
}

/// How to group shots into zones.
#[derive(Clone, Debug, PartialEq)]
pub enum ZoneBy {
    Basic,
    Range,
    Area,
    /// User polygons, in order (a shot counts in the first that holds it); shots in none are
    /// "Other".
    Custom(Vec<CustomZone>),
}

/// Label of the zone holding shots outside every custom zone.
pub const OTHER_ZONE: &str = "Other";

impl ZoneBy {
    /// The zone labels, in the order tables list them.
    pub fn labels(&self) -> Vec<String> {
        match self {
            ZoneBy::Basic => BasicZone::ALL
                .iter()
                .map(|z| z.label().to_string())
                .collect(),
            ZoneBy::Range => RangeZone::ALL
                .iter()
                .map(|z| z.label().to_string())
                .collect(),
            ZoneBy::Area => AreaZone::ALL
                .iter()
                .map(|z| z.label().to_string())
                .collect(),
            ZoneBy::Custom(zones) => zones
                .iter()
                .map(|z| z.name.clone())
                .chain([OTHER_ZONE.to_string()])
                .collect(),
        }
    }

    /// The index (into [`ZoneBy::labels`]) of the zone of one shot.
    pub fn index(&self, x: f64, y: f64, three: bool) -> usize {
        // Each zone enum declares its variants in the order of its `ALL`.
        match self {
            ZoneBy::Basic => court::basic_zone(x, y) as usize,
            ZoneBy::Range => court::range_zone(x, y, three) as usize,
            ZoneBy::Area => court::area_zone(x, y) as usize,
            ZoneBy::Custom(zones) => zones
                .iter()
                .position(|z| z.contains(x, y))
                .unwrap_or(zones.len()),
        }
    }
}

/// The columns shot analytics read, extracted once so that repeated passes are cheap.
#[derive(Clone, Debug, Default)]
pub struct ShotSet {
    pub x: Vec<f32>,
    pub y: Vec<f32>,
    pub made: Vec<bool>,
    /// Whether each shot was worth three (`shot_value` = 3, or the geometry says so).
    pub three: Vec<bool>,
    /// The source's own zones, per grouping (basic, range, area): for each shot the index of
    /// its label in that grouping's labels, or [`NO_ZONE`].
    pub labels: [Option<Vec<u8>>; 3],
}

/// A shot whose source gave no (known) zone label: its zone comes from its coordinates.
pub const NO_ZONE: u8 = u8::MAX;

/// Canonical columns holding the source's zone labels, by grouping.
const LABEL_COLUMNS: [&str; 3] = ["zone_basic", "zone_range", "zone_area"];

impl ShotSet {
    /// Reads the shots of a canonical shots table (rows without coordinates are left out:
    /// inspect reports them).
    pub fn load(shots: LazyFrame) -> PolarsResult<Self> {
        let schema = shots.clone().collect_schema()?;
        let mut cols = vec![col("x_ft"), col("y_ft"), col("made")];
        for c in ["shot_value"].iter().chain(LABEL_COLUMNS.iter()) {
            if schema.get(c).is_some() {
                cols.push(col(*c));
            }
        }
        let df = shots
            .filter(col("x_ft").is_not_null().and(col("y_ft").is_not_null()))
            .select(cols)
            .collect()?;
        Self::from_frame(&df)
    }

    /// Extracts the shots of a frame with non-null `x_ft`, `y_ft`, and `made` (and, if there,
    /// `shot_value` and the zone label columns).
    pub fn from_frame(df: &DataFrame) -> PolarsResult<Self> {
        let x = df.column("x_ft")?.cast(&DataType::Float32)?;
        let y = df.column("y_ft")?.cast(&DataType::Float32)?;
        let made = df.column("made")?.cast(&DataType::Boolean)?;
        let x: Vec<f32> = x.f32()?.iter().map(|v| v.unwrap_or(f32::NAN)).collect();
        let y: Vec<f32> = y.f32()?.iter().map(|v| v.unwrap_or(f32::NAN)).collect();
        let made: Vec<bool> = made.bool()?.iter().map(|v| v.unwrap_or(false)).collect();
        let three: Vec<bool> = match df.column("shot_value") {
            Ok(v) => v
                .cast(&DataType::Int8)?
                .i8()?
                .iter()
                .zip(x.iter().zip(&y))
                .map(|(v, (x, y))| match v {
                    Some(v) => v == 3,
                    None => court::basic_zone(*x as f64, *y as f64).is_three(),
                })
                .collect(),
            Err(_) => x
                .iter()
                .zip(&y)
                .map(|(x, y)| court::basic_zone(*x as f64, *y as f64).is_three())
                .collect(),
        };
        let groupings = [ZoneBy::Basic, ZoneBy::Range, ZoneBy::Area];
        let mut labels: [Option<Vec<u8>>; 3] = [None, None, None];
        for (k, column) in LABEL_COLUMNS.iter().enumerate() {
            if let Ok(c) = df.column(column) {
                let names = groupings[k].labels();
                let codes = c
                    .str()?
                    .iter()
                    .map(|v| {
                        v.and_then(|v| names.iter().position(|n| n == v))
                            .map_or(NO_ZONE, |p| p as u8)
                    })
                    .collect();
                labels[k] = Some(codes);
            }
        }
        Ok(ShotSet {
            x,
            y,
            made,
            three,
            labels,
        })
    }

    /// The source's zone codes for a grouping, if it gave them.
    fn labels_for(&self, by: &ZoneBy) -> Option<&[u8]> {
        let k = match by {
            ZoneBy::Basic => 0,
            ZoneBy::Range => 1,
            ZoneBy::Area => 2,
            ZoneBy::Custom(_) => return None,
        };
        self.labels[k].as_deref()
    }

    /// Number of shots.
    pub fn len(&self) -> usize {
        self.x.len()
    }

    /// Whether there are no shots.
    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }
}

/// Attempts and makes in one zone.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ZoneCount {
    pub fga: u64,
    pub fgm: u64,
    /// Threes made.
    pub fg3m: u64,
    pub points: u64,
}

impl ZoneCount {
    /// Counts one shot, without branches: makes are as unpredictable as zones.
    #[inline]
    fn record(&mut self, made: bool, three: bool) {
        let (m, t) = (u64::from(made), u64::from(three));
        self.fga += 1;
        self.fgm += m;
        self.fg3m += m & t;
        self.points += m * (2 + t);
    }

    fn add(mut self, o: ZoneCount) -> ZoneCount {
        self.fga += o.fga;
        self.fgm += o.fgm;
        self.fg3m += o.fg3m;
        self.points += o.points;
        self
    }

    /// FG%, or None without attempts.
    pub fn fg_pct(&self) -> Option<f64> {
        (self.fga > 0).then(|| self.fgm as f64 / self.fga as f64)
    }
}

/// Counts per zone (indexed as [`ZoneBy::labels`]), in one parallel pass.
pub fn count_by_zone(shots: &ShotSet, by: &ZoneBy) -> Vec<ZoneCount> {
    let zones = by.labels().len();
    const CHUNK: usize = 1 << 16;
    let n = shots.len();
    let labels = shots.labels_for(by);
    (0..n.div_ceil(CHUNK))
        .into_par_iter()
        .map(|c| {
            let mut counts = vec![ZoneCount::default(); zones];
            let range = c * CHUNK..((c + 1) * CHUNK).min(n);
            let (xs, ys) = (&shots.x[range.clone()], &shots.y[range.clone()]);
            let (made, three) = (&shots.made[range.clone()], &shots.three[range.clone()]);
            let labels = labels.map(|l| &l[range]);
            if labels.is_none() && *by == ZoneBy::Basic {
                return count_basic(xs, ys, made, three);
            }
            for i in 0..xs.len() {
                let (x, y) = (xs[i] as f64, ys[i] as f64);
                let z = match (labels.map(|l| l[i]), by) {
                    (Some(code), _) if code != NO_ZONE => code as usize,
                    // The common case, without the branches of the general classifier.
                    (_, ZoneBy::Basic) => court::zones::basic_zone_index(x, y),
                    _ => by.index(x, y, three[i]),
                };
                counts[z].record(made[i], three[i]);
            }
            counts
        })
        .reduce(
            || vec![ZoneCount::default(); zones],
            |a, b| a.into_iter().zip(b).map(|(a, b)| a.add(b)).collect(),
        )
}

/// The common case of [`count_by_zone`]: basic zones from coordinates, with nothing else
/// to decide per shot.
fn count_basic(xs: &[f32], ys: &[f32], made: &[bool], three: &[bool]) -> Vec<ZoneCount> {
    let mut counts = vec![ZoneCount::default(); BasicZone::ALL.len()];
    for (((x, y), m), t) in xs.iter().zip(ys).zip(made).zip(three) {
        counts[court::zones::basic_zone_index(*x as f64, *y as f64)].record(*m, *t);
    }
    counts
}

/// FG% per zone label of a baseline (the league, a file, another player …).
pub type BaselineFg = BTreeMap<String, f64>;

/// FG% per zone from counts.
pub fn baseline_from_counts(by: &ZoneBy, counts: &[ZoneCount]) -> BaselineFg {
    by.labels()
        .into_iter()
        .zip(counts)
        .filter_map(|(label, c)| Some((label, c.fg_pct()?)))
        .collect()
}

/// FG% per zone of a baseline file, for the grouping `by`; None where the file has no label
/// for that grouping (e.g. custom zones against the NBA's cells).
pub fn baseline_from_cells(
    by: &ZoneBy,
    cells: &[crate::data::baseline::BaselineCell],
) -> Option<BaselineFg> {
    let mut sums: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for c in cells {
        let label = match by {
            ZoneBy::Basic => c.basic.as_ref().or(c.zone.as_ref()),
            ZoneBy::Range => c.range.as_ref().or(c.zone.as_ref()),
            ZoneBy::Area => c.area.as_ref().or(c.zone.as_ref()),
            ZoneBy::Custom(_) => c.zone.as_ref(),
        }?;
        let e = sums.entry(label.clone()).or_default();
        e.0 += c.fga;
        e.1 += c.fgm;
    }
    Some(
        sums.into_iter()
            .filter(|(_, (fga, _))| *fga > 0)
            .map(|(label, (fga, fgm))| (label, fgm as f64 / fga as f64))
            .collect(),
    )
}

/// The zone table: one row per zone with attempts (zones without attempts are left out),
/// columns `zone, fga, fgm, fg_pct, pts_per_shot, efg_pct, share, baseline_fg_pct,
/// fg_pct_diff` (the last two null without a baseline, or where it has no figure).
pub fn zone_table(
    by: &ZoneBy,
    counts: &[ZoneCount],
    baseline: Option<&BaselineFg>,
) -> PolarsResult<DataFrame> {
    let total: u64 = counts.iter().map(|c| c.fga).sum();
    let mut zone = Vec::new();
    let (mut fga, mut fgm) = (Vec::new(), Vec::new());
    let (mut fg, mut pps, mut efg, mut share) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut base, mut diff) = (Vec::new(), Vec::new());
    for (label, c) in by.labels().into_iter().zip(counts) {
        if c.fga == 0 {
            continue;
        }
        let n = c.fga as f64;
        let pct = c.fgm as f64 / n;
        let b = baseline.and_then(|b| b.get(&label).copied());
        zone.push(label);
        fga.push(c.fga);
        fgm.push(c.fgm);
        fg.push(pct);
        pps.push(c.points as f64 / n);
        efg.push((c.fgm as f64 + 0.5 * c.fg3m as f64) / n);
        share.push(n / total as f64);
        base.push(b);
        diff.push(b.map(|b| pct - b));
    }
    let height = zone.len();
    DataFrame::new(
        height,
        vec![
            Column::new("zone".into(), zone),
            Column::new("fga".into(), fga),
            Column::new("fgm".into(), fgm),
            Column::new("fg_pct".into(), fg),
            Column::new("pts_per_shot".into(), pps),
            Column::new("efg_pct".into(), efg),
            Column::new("share".into(), share),
            Column::new("baseline_fg_pct".into(), base),
            Column::new("fg_pct_diff".into(), diff),
        ],
    )
}

/// The shots of `shots` (a canonical table) that pass the filter, as a [`ShotSet`].
pub fn select(shots: &LazyFrame, filter: &ShotFilter) -> PolarsResult<ShotSet> {
    ShotSet::load(filter.apply(shots.clone())?)
}

/// FG% per basic zone of every shot at the same moments of the game as `filter`
/// ([`ShotFilter::context`]): the "league" baseline.
pub fn league_baseline(shots: &LazyFrame, filter: &ShotFilter) -> PolarsResult<BaselineFg> {
    let set = select(shots, &filter.context())?;
    Ok(baseline_from_counts(
        &ZoneBy::Basic,
        &count_by_zone(&set, &ZoneBy::Basic),
    ))
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

    fn set(shots: &[(f32, f32, bool)]) -> ShotSet {
        ShotSet {
            x: shots.iter().map(|s| s.0).collect(),
            y: shots.iter().map(|s| s.1).collect(),
            made: shots.iter().map(|s| s.2).collect(),
            three: shots
                .iter()
                .map(|s| court::basic_zone(s.0 as f64, s.1 as f64).is_three())
                .collect(),
            labels: [None, None, None],
        }
    }

    #[test]
    fn zone_table_by_hand() {
        // Two layups (one made), three corner threes (two made), one missed top-of-key three.
        let shots = set(&[
            (0.0, 1.0, true),
            (1.0, 0.0, false),
            (-23.0, 0.0, true),
            (-23.0, 2.0, true),
            (-23.5, 1.0, false),
            (0.0, 25.0, false),
        ]);
        let counts = count_by_zone(&shots, &ZoneBy::Basic);
        let table = zone_table(&ZoneBy::Basic, &counts, None).unwrap();
        let zones: Vec<&str> = table
            .column("zone")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .flatten()
            .collect();
        assert_eq!(
            zones,
            ["Restricted Area", "Left Corner 3", "Above the Break 3"]
        );
        let f = |c: &str, i: usize| table.column(c).unwrap().f64().unwrap().get(i).unwrap();
        assert_eq!(f("fg_pct", 1), 2.0 / 3.0);
        assert_eq!(f("pts_per_shot", 1), 2.0);
        // eFG% = (FGM + 0.5·3PM) / FGA = (2 + 1) / 3.
        assert_eq!(f("efg_pct", 1), 1.0);
        assert_eq!(f("share", 0), 2.0 / 6.0);
        assert_eq!(f("pts_per_shot", 0), 1.0);
        assert!(
            table
                .column("baseline_fg_pct")
                .unwrap()
                .get(0)
                .unwrap()
                .is_null()
        );
    }

    #[test]
    fn baseline_gives_the_difference_per_zone() {
        let shots = set(&[(0.0, 1.0, true), (0.0, 2.0, false)]);
        let counts = count_by_zone(&shots, &ZoneBy::Basic);
        let mut base = BaselineFg::new();
        base.insert("Restricted Area".into(), 0.663);
        let table = zone_table(&ZoneBy::Basic, &counts, Some(&base)).unwrap();
        let d = table
            .column("fg_pct_diff")
            .unwrap()
            .f64()
            .unwrap()
            .get(0)
            .unwrap();
        assert!((d - (0.5 - 0.663)).abs() < 1e-12);
    }

    #[test]
    fn source_labels_win_over_geometry() {
        // A layup the source labels "Mid-Range" counts there; an unlabelled one by geometry.
        let mut shots = set(&[(0.0, 1.0, true), (0.0, 1.0, true)]);
        let mid = ZoneBy::Basic
            .labels()
            .iter()
            .position(|l| l == "Mid-Range")
            .unwrap() as u8;
        shots.labels[0] = Some(vec![mid, NO_ZONE]);
        let counts = count_by_zone(&shots, &ZoneBy::Basic);
        assert_eq!(counts[mid as usize].fga, 1);
        assert_eq!(counts[BasicZone::RestrictedArea as usize].fga, 1);
        // Other groupings are not affected by basic labels.
        assert_eq!(
            count_by_zone(&shots, &ZoneBy::Range)[RangeZone::LessThan8 as usize].fga,
            2
        );
    }

    #[test]
    fn custom_zones_catch_shots_in_their_polygon() {
        let left_wing = CustomZone {
            name: "Left wing".into(),
            points: vec![(-25.0, 9.0), (-10.0, 9.0), (-10.0, 30.0), (-25.0, 30.0)],
        };
        let by = ZoneBy::Custom(vec![left_wing]);
        let shots = set(&[(-18.0, 15.0, true), (18.0, 15.0, false)]);
        let counts = count_by_zone(&shots, &by);
        assert_eq!(counts[0].fga, 1);
        assert_eq!(counts[1].fga, 1);
        assert_eq!(by.labels(), ["Left wing", "Other"]);
    }

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
