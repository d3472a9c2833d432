//! Attempts and makes per zone, in one parallel pass, and the zone table built from them.

use polars::prelude::*;
use rayon::prelude::*;

use super::baseline::NamedBaseline;
use super::set::{NO_ZONE, ShotSet};
use super::zones::ZoneBy;
use crate::court::{self, BasicZone};

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

/// The zone table: one row per zone with attempts (zones without attempts are left out),
/// columns `zone, fga, fgm, fg_pct, pts_per_shot, efg_pct, share, baseline_fg_pct,
/// fg_pct_diff, baseline, baseline_shots` (FG% and difference null without a baseline or
/// where it has no figure; the last two name the baseline and its size on every row).
pub fn zone_table(
    by: &ZoneBy,
    counts: &[ZoneCount],
    baseline: Option<&NamedBaseline>,
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
        let b = baseline.and_then(|b| b.fg.get(&label).copied());
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
            Column::new(
                "baseline".into(),
                vec![baseline.map(|b| b.name.clone()); height],
            ),
            Column::new(
                "baseline_shots".into(),
                vec![baseline.map(|b| b.shots); height],
            ),
        ],
    )
}

/// What [`count_lazy`] counted: the shots per zone, and the rows it read that no zone can
/// count.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LazyCounts {
    /// Per zone, indexed as [`ZoneBy::labels`].
    pub zones: Vec<ZoneCount>,
    /// Rows read.
    pub rows: u64,
    /// Of them, without a readable x or y.
    pub no_place: u64,
    /// With a place but no readable result.
    pub no_result: u64,
}

/// Counts per zone like [`count_by_zone`], as aggregate queries over the shots of `shots`
/// (a canonical table, already filtered) that also count the rows that cannot be counted:
/// only the columns the zones need are read, and no shot is held in memory. Custom zones
/// (polygons) give None: they need the shots.
///
/// Shots whose source names a known zone and a shot value are counted by grouping the raw
/// label alone (a few groups, matched to zones afterwards; a second key costs four times as
/// much); only the rest, if any, pay for the geometry. On an NBA-style archive that is every
/// shot, and the geometry pass is skipped. Sums under a condition rather than a filter keep
/// the pass from copying the rows it reads.
pub fn count_lazy(shots: LazyFrame, by: &ZoneBy) -> PolarsResult<Option<LazyCounts>> {
    count_lazy_weighted(shots, by, None)
}

/// [`count_lazy`] over a tally of rows rather than the rows: each row of `tally` stands for
/// as many shots as its [`crate::data::coded::ROWS`] says, and its coordinates only for
/// whether the shots have some. None where shots would need their place (no known zone
/// label or shot value): the rows themselves are to be counted then.
pub fn count_tallied(tally: LazyFrame, by: &ZoneBy) -> PolarsResult<Option<LazyCounts>> {
    count_lazy_weighted(tally, by, Some(crate::data::coded::ROWS))
}

fn count_lazy_weighted(
    shots: LazyFrame,
    by: &ZoneBy,
    weight: Option<&str>,
) -> PolarsResult<Option<LazyCounts>> {
    let Some(label) = by.label_column() else {
        return Ok(None);
    };
    let schema = shots.clone().collect_schema()?;
    let has_value = schema.get("shot_value").is_some();
    let has_label = schema.get(label).is_some();
    let labels = by.labels();
    let placed = col("x_ft").is_not_null().and(col("y_ft").is_not_null());
    let ok = super::set::countable();
    let made = col("made").cast(DataType::Boolean);
    let sum = |e: Expr, name: &str| match weight {
        Some(w) => when(e).then(col(w)).otherwise(lit(0u64)).sum().alias(name),
        None => e.cast(DataType::UInt64).sum().alias(name),
    };
    let rows = match weight {
        Some(w) => col(w).sum(),
        None => len().cast(DataType::UInt64),
    };
    // Tallies every pass makes per group: the rows, those left out, and the counted shots.
    let tallies = |three: Expr, counted: Expr| {
        vec![
            rows.clone().alias("rows"),
            sum(placed.clone().not(), "no_place"),
            sum(placed.clone().and(col("made").is_null()), "no_result"),
            sum(counted.clone(), "fga"),
            sum(counted.clone().and(made.clone()), "fgm"),
            sum(counted.and(made.clone()).and(three), "fg3m"),
        ]
    };
    let mut out = LazyCounts {
        zones: vec![ZoneCount::default(); labels.len()],
        ..Default::default()
    };
    let add = |out: &mut LazyCounts, k: Option<usize>, df: &DataFrame, i: usize, all: bool| {
        let get = |c: &str| {
            df.column(c)
                .ok()
                .and_then(|s| s.get(i).ok())
                .and_then(|v| v.extract::<u64>())
                .unwrap_or(0)
        };
        if all {
            out.rows += get("rows");
            out.no_place += get("no_place");
            out.no_result += get("no_result");
        }
        if let Some(k) = k {
            let (fgm, fg3m) = (get("fgm"), get("fg3m"));
            out.zones[k] = out.zones[k].add(ZoneCount {
                fga: get("fga"),
                fgm,
                fg3m,
                points: 2 * fgm + fg3m,
            });
        }
    };
    let rest = if has_label {
        let value = if has_value {
            col("shot_value").cast(DataType::Int8)
        } else {
            lit(NULL).cast(DataType::Int8)
        };
        // Shots with a value are counted here; those without go to the geometry.
        let mut aggs = tallies(
            value.clone().eq(lit(3i8)),
            ok.clone().and(value.clone().is_not_null()),
        );
        aggs.push(sum(ok.clone().and(value.is_null()), "unvalued"));
        let df = crate::data::table::collect_aggregate(
            shots
                .clone()
                .group_by([col(label).cast(DataType::String).alias("label")])
                .agg(aggs),
        )?;
        let text = df.column("label")?.str()?;
        let (valued, unvalued) = (df.column("fga")?.u64()?, df.column("unvalued")?.u64()?);
        let mut rest = false;
        for i in 0..df.height() {
            let k = text.get(i).and_then(|t| labels.iter().position(|l| l == t));
            add(&mut out, k, &df, i, true);
            rest |=
                unvalued.get(i).unwrap_or(0) > 0 || (k.is_none() && valued.get(i).unwrap_or(0) > 0);
        }
        if !rest {
            return Ok(Some(out));
        }
        if weight.is_some() {
            return Ok(None);
        }
        // The shots left for the geometry: no known label, or no shot value.
        let known = labels
            .iter()
            .map(|l| col(label).cast(DataType::String).eq(lit(l.as_str())))
            .reduce(|a, b| a.or(b))
            .unwrap_or(lit(false))
            .fill_null(lit(false));
        let valued = if has_value {
            col("shot_value").is_not_null()
        } else {
            lit(false)
        };
        Some(shots.clone().filter(known.and(valued).not()))
    } else if weight.is_some() {
        return Ok(None);
    } else {
        None
    };
    let (x, y) = (
        col("x_ft").cast(DataType::Float32).cast(DataType::Float64),
        col("y_ft").cast(DataType::Float32).cast(DataType::Float64),
    );
    let basic = court::zones::basic_zone_code_expr(x.clone(), y.clone());
    let three_by_place = [
        BasicZone::LeftCorner3,
        BasicZone::RightCorner3,
        BasicZone::AboveTheBreak3,
        BasicZone::Backcourt,
    ]
    .iter()
    .map(|z| basic.clone().eq(lit(*z as u32)))
    .reduce(|a, b| a.or(b))
    .unwrap_or(lit(false));
    // As a shot set reads them: the source's value where it has one, else the place.
    let three = if has_value {
        when(col("shot_value").is_not_null())
            .then(col("shot_value").cast(DataType::Int8).eq(lit(3i8)))
            .otherwise(three_by_place)
    } else {
        three_by_place
    };
    // The zone as its index: the source's label where it is one of the zones (compared as
    // text once per label, no string grouping), else the coordinates' zone.
    let code_of = |text: Expr| -> Expr {
        labels
            .iter()
            .enumerate()
            .rev()
            .fold(lit(NULL).cast(DataType::UInt32), |rest, (k, l)| {
                when(text.clone().eq(lit(l.as_str())))
                    .then(lit(k as u32))
                    .otherwise(rest)
            })
    };
    let computed = match by {
        ZoneBy::Basic => basic,
        ZoneBy::Range => code_of(court::zones::range_expr(x, y, three.clone())),
        _ => code_of(court::zones::area_expr(x, y)),
    };
    let zone = if has_label {
        let c = code_of(col(label));
        when(c.clone().is_not_null()).then(c).otherwise(computed)
    } else {
        computed
    };
    // Rows without a place fall in no zone (null): their tallies count, their shots do not.
    let all = rest.is_none();
    let df = crate::data::table::collect_aggregate(
        rest.unwrap_or(shots)
            .group_by([zone.cast(DataType::UInt32).alias("zone")])
            .agg(tallies(three, ok.clone())),
    )?;
    let zones = df.column("zone")?.u32()?;
    let fga = df.column("fga")?.u64()?;
    for i in 0..df.height() {
        let k = zones.get(i).map(|z| z as usize);
        if k.is_none_or(|k| k >= labels.len()) && fga.get(i).unwrap_or(0) > 0 {
            polars_bail!(ComputeError: "a shot fell in no zone");
        }
        add(&mut out, k, &df, i, all);
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::shots::CustomZone;
    use crate::court::RangeZone;

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
        let mut base = NamedBaseline {
            name: "league 2023-24".into(),
            shots: 218_701,
            ..Default::default()
        };
        base.fg.insert("Restricted Area".into(), 0.663);
        let table = zone_table(&ZoneBy::Basic, &counts, Some(&base)).unwrap();
        let named = table.column("baseline").unwrap().str().unwrap().get(0);
        assert_eq!(named, Some("league 2023-24"));
        let size = table.column("baseline_shots").unwrap().u64().unwrap();
        assert_eq!(size.get(0), Some(218_701));
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
}

#[cfg(test)]
mod lazy_tests {
    use super::*;

    /// The aggregate query counts exactly what the shot set counts, for every grouping,
    /// with and without the source's labels (known, unknown and missing ones).
    #[test]
    fn the_query_counts_as_the_shot_set_does() {
        let tables = crate::sample::open_embedded().unwrap();
        let shots = tables
            .iter()
            .find(|t| t.kind == crate::data::TableKind::Shots)
            .unwrap()
            .lazy();
        let labelled = shots.clone().with_column(
            when(col("period").eq(lit(1)))
                .then(lit("Restricted Area"))
                .when(col("period").eq(lit(2)))
                .then(lit("not a zone"))
                .otherwise(lit(NULL).cast(DataType::String))
                .alias("zone_basic"),
        );
        // Every shot named (the fast path alone), and named but some without a value.
        let named = shots.clone().with_columns([
            lit("Mid-Range").alias("zone_basic"),
            lit("16-24 ft.").alias("zone_range"),
            lit(2i8).alias("shot_value"),
        ]);
        let part_valued = named.clone().with_column(
            when(col("period").eq(lit(4)))
                .then(lit(NULL).cast(DataType::Int8))
                .otherwise(lit(3i8))
                .alias("shot_value"),
        );
        // Rows left out: no place in period 1, no result in period 2.
        let gaps = part_valued.clone().with_columns([
            when(col("period").eq(lit(1)))
                .then(lit(NULL).cast(DataType::Float64))
                .otherwise(col("x_ft"))
                .alias("x_ft"),
            when(col("period").eq(lit(2)))
                .then(lit(NULL).cast(DataType::Boolean))
                .otherwise(col("made"))
                .alias("made"),
        ]);
        for lf in [
            shots.clone(),
            labelled.clone(),
            named,
            part_valued,
            gaps.clone(),
        ] {
            let acc = crate::request::shots::account(&lf, &Default::default()).unwrap();
            for by in [ZoneBy::Basic, ZoneBy::Range, ZoneBy::Area] {
                let lazy = count_lazy(lf.clone(), &by).unwrap().unwrap();
                assert_eq!(
                    (lazy.rows, lazy.no_place, lazy.no_result),
                    (acc.rows, acc.no_place, acc.no_result),
                    "{by:?}"
                );
                assert_eq!(
                    lazy.zones,
                    count_by_zone(&ShotSet::load(lf.clone()).unwrap(), &by)
                );
            }
        }
        let acc = crate::request::shots::account(&gaps, &Default::default()).unwrap();
        assert!(acc.no_place > 0 && acc.no_result > 0, "{acc:?}");
        for lf in [shots, labelled] {
            let set = ShotSet::load(lf.clone()).unwrap();
            for by in [ZoneBy::Basic, ZoneBy::Range, ZoneBy::Area] {
                let lazy = count_lazy(lf.clone(), &by).unwrap().unwrap();
                assert_eq!(lazy.zones, count_by_zone(&set, &by), "{by:?}");
                assert_eq!(lazy.zones.iter().map(|c| c.fga).sum::<u64>(), 14_692);
                assert_eq!(lazy.rows, 14_692);
            }
        }
    }
}
