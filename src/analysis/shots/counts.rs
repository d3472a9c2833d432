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

/// Counts per zone like [`count_by_zone`], as one aggregate query over the shots of `shots`
/// (a canonical table, already filtered): only the columns the zones need are read, and no
/// shot is held in memory. Custom zones (polygons) give None: they need the shots.
pub fn count_lazy(shots: LazyFrame, by: &ZoneBy) -> PolarsResult<Option<Vec<ZoneCount>>> {
    let label = match by {
        ZoneBy::Basic => "zone_basic",
        ZoneBy::Range => "zone_range",
        ZoneBy::Area => "zone_area",
        ZoneBy::Custom(_) => return Ok(None),
    };
    let schema = shots.clone().collect_schema()?;
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
    let three = if schema.get("shot_value").is_some() {
        when(col("shot_value").is_not_null())
            .then(col("shot_value").cast(DataType::Int8).eq(lit(3i8)))
            .otherwise(three_by_place)
    } else {
        three_by_place
    };
    let labels = by.labels();
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
    let zone = if schema.get(label).is_some() {
        let c = code_of(col(label));
        when(c.clone().is_not_null()).then(c).otherwise(computed)
    } else {
        computed
    };
    let made = col("made").cast(DataType::Boolean);
    let df = shots
        .filter(super::set::countable())
        .select([
            zone.cast(DataType::UInt32).alias("zone"),
            made.clone().alias("made"),
            made.and(three).alias("made3"),
        ])
        .group_by([col("zone")])
        .agg([
            len().cast(DataType::UInt64).alias("fga"),
            col("made").cast(DataType::UInt64).sum().alias("fgm"),
            col("made3").cast(DataType::UInt64).sum().alias("fg3m"),
        ])
        .collect()?;
    let mut counts = vec![ZoneCount::default(); labels.len()];
    let zones = df.column("zone")?.u32()?;
    let get = |c: &str| -> PolarsResult<Vec<u64>> {
        Ok(df
            .column(c)?
            .u64()?
            .iter()
            .map(|v| v.unwrap_or(0))
            .collect())
    };
    let (fga, fgm, fg3m) = (get("fga")?, get("fgm")?, get("fg3m")?);
    for (i, z) in zones.iter().enumerate() {
        let Some(k) = z.map(|z| z as usize).filter(|k| *k < counts.len()) else {
            polars_bail!(ComputeError: "a shot fell in no zone");
        };
        counts[k] = counts[k].add(ZoneCount {
            fga: fga[i],
            fgm: fgm[i],
            fg3m: fg3m[i],
            points: 2 * fgm[i] + fg3m[i],
        });
    }
    Ok(Some(counts))
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
        for lf in [shots, labelled] {
            let set = ShotSet::load(lf.clone()).unwrap();
            for by in [ZoneBy::Basic, ZoneBy::Range, ZoneBy::Area] {
                let lazy = count_lazy(lf.clone(), &by).unwrap().unwrap();
                assert_eq!(lazy, count_by_zone(&set, &by), "{by:?}");
                assert_eq!(lazy.iter().map(|c| c.fga).sum::<u64>(), 14_692);
            }
        }
    }
}
