//! A shot request (filters, baseline, chart) and what it gives: the chart, the basic-zone
//! counts and the zone table. The app's shot view and `courtside shots`/`zones` all call
//! [`shots`] and [`zones`], so they cannot disagree.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use chrono::NaiveDate;
use polars::prelude::*;
use serde::{Deserialize, Serialize};

use crate::analysis::shots::{
    self, NamedBaseline, ShotFilter, ShotSet, ZoneBy, ZoneCount, baseline_from_cells,
    baseline_from_counts, count_by_zone, count_lazy, zone_table,
};
use crate::charts::spec::{self, ChartInput, ChartOptions, ChartSpec};
use crate::data;
use crate::request::names::check_names;
use crate::request::{Cancel, LeftOut, RequestError};

mod baseline;
mod count;
mod select;

pub use baseline::{BaselineMemo, baseline, baseline_with};
pub use count::Sources;
use select::explain_empty;
pub use select::{Accounting, account, left_out_rows, select, undated_rows};

/// What a selection is compared with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Baseline {
    /// The league over the season(s) in view: every shot of every game of the seasons the
    /// selection covers, whatever its dates, periods or clock.
    #[default]
    League,
    /// The league over the season(s) in view, leaving out the selection's own team(s).
    #[serde(rename = "league_excluding_us")]
    LeagueExcludingUs,
    /// Another player's shots, at the same moments.
    Player(String),
    /// The same selection over other dates.
    Dates(NaiveDate, NaiveDate),
    /// A file of FGA and FGM per zone (`league_avg_2024_by_zone.csv`, or a table `zones`
    /// wrote).
    File(PathBuf),
}

impl FromStr for Baseline {
    type Err = String;

    /// `league`, `league-excluding-us`, `player:NAME`, `dates:FROM..TO`, or a file's path.
    fn from_str(spec: &str) -> Result<Baseline, String> {
        if spec.eq_ignore_ascii_case("league") {
            return Ok(Baseline::League);
        }
        if spec.eq_ignore_ascii_case("league-excluding-us") {
            return Ok(Baseline::LeagueExcludingUs);
        }
        if let Some(name) = spec.strip_prefix("player:") {
            let name = name.trim();
            if name.is_empty() {
                return Err(format!("--baseline {spec}: write player:NAME"));
            }
            return Ok(Baseline::Player(name.to_string()));
        }
        if let Some(range) = spec.strip_prefix("dates:") {
            let bad = || format!("--baseline {spec}: write dates:YYYY-MM-DD..YYYY-MM-DD");
            let (a, b) = range.split_once("..").ok_or_else(bad)?;
            let parse =
                |d: &str| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| bad());
            let (a, b) = (parse(a)?, parse(b)?);
            if a > b {
                return Err(format!(
                    "--baseline {spec}: the dates run backwards; write dates:{b}..{a}"
                ));
            }
            return Ok(Baseline::Dates(a, b));
        }
        let path = PathBuf::from(spec);
        // A bare word that is no file is a misspelt kind, not a file to look for.
        if !path.exists() && !spec.contains(['.', '/', '\\']) {
            return Err(format!(
                "--baseline {spec}: write league, league-excluding-us, player:NAME, \
                 dates:FROM..TO, or the path of a baseline file"
            ));
        }
        Ok(Baseline::File(path))
    }
}

impl fmt::Display for Baseline {
    /// As the command line writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Baseline::League => write!(f, "league"),
            Baseline::LeagueExcludingUs => write!(f, "league-excluding-us"),
            Baseline::Player(p) => write!(f, "player:{p}"),
            Baseline::Dates(a, b) => write!(f, "dates:{a}..{b}"),
            Baseline::File(p) => write!(f, "{}", p.display()),
        }
    }
}

impl Baseline {
    /// How it is named before its data is known: "league", a player, "FROM to TO", a file's
    /// name (a result names it exactly, with its seasons and size: [`NamedBaseline`]).
    pub fn name(&self) -> String {
        match self {
            Baseline::League => "league".into(),
            Baseline::LeagueExcludingUs => "league excluding us".into(),
            Baseline::Player(p) => p.clone(),
            Baseline::Dates(a, b) => format!("{a} to {b}"),
            Baseline::File(p) => p
                .file_stem()
                .and_then(|s| s.to_str())
                .map_or_else(|| p.display().to_string(), str::to_string),
        }
    }
}

/// The distinct values of `column` among the shots `filter` selects (none when the table has
/// no such column).
fn distinct(
    shots: &LazyFrame,
    filter: &ShotFilter,
    column: &str,
) -> Result<Vec<String>, RequestError> {
    let schema = shots
        .clone()
        .collect_schema()
        .map_err(RequestError::query)?;
    if schema.get(column).is_none() {
        return Ok(Vec::new());
    }
    let df = filter
        .apply(shots.clone())
        .and_then(|lf| {
            lf.select([col(column).cast(DataType::String)])
                .drop_nulls(None)
                .unique(None, UniqueKeepStrategy::Any)
                .collect()
        })
        .map_err(RequestError::query)?;
    let values = df
        .column(column)
        .and_then(|c| c.str().cloned())
        .map_err(RequestError::query)?;
    let mut out: Vec<String> = values.iter().flatten().map(str::to_string).collect();
    out.sort();
    Ok(out)
}

/// A shot chart's request.
#[derive(Clone, Debug, PartialEq)]
pub struct ShotsRequest {
    pub filter: ShotFilter,
    pub baseline: Baseline,
    pub chart: ChartOptions,
}

/// What a shot request gives.
pub struct ShotsResult {
    pub request: ShotsRequest,
    pub chart: ChartSpec,
    /// Basic-zone counts of the selection.
    pub zones: Vec<ZoneCount>,
    pub baseline: NamedBaseline,
    /// The basic-zone table against the baseline, as exported.
    pub table: DataFrame,
    /// Shots selected.
    pub shots: usize,
    /// Selected rows left out, by reason (no readable court coordinates).
    pub left_out: LeftOut,
}

/// A chart title for a selection: "All shots" when nothing is filtered.
pub fn title_of(filter: &ShotFilter) -> String {
    let d = filter.describe();
    if d.is_empty() || d == "all shots" {
        "All shots".into()
    } else {
        d
    }
}

/// Runs a shot request over `shots` (named `source` in messages), stopping early once
/// cancelled.
pub fn shots(
    shots: &LazyFrame,
    source: &str,
    req: &ShotsRequest,
    cancel: &Cancel,
) -> Result<ShotsResult, RequestError> {
    shots_with(shots, source, req, cancel, None)
}

/// [`shots`], with baselines taken from `memo` when counted before over the same shots.
pub fn shots_with(
    shots: &LazyFrame,
    source: &str,
    req: &ShotsRequest,
    cancel: &Cancel,
    memo: Option<&BaselineMemo>,
) -> Result<ShotsResult, RequestError> {
    let (selected, left_out) = select(shots, &req.filter, source)?;
    cancel.check()?;
    let zones = count_by_zone(&selected, &ZoneBy::Basic);
    let fg = baseline_with(&req.baseline, shots, &req.filter, &ZoneBy::Basic, memo)?;
    cancel.check()?;
    let dates = shots::date_range(shots, &req.filter).map_err(RequestError::query)?;
    let input = ChartInput {
        shots: &selected,
        zones: &zones,
        baseline: Some(&fg),
        title: title_of(&req.filter),
        dates,
    };
    cancel.check()?;
    let chart = spec::build(&input, &req.chart);
    let table = zone_table(&ZoneBy::Basic, &zones, Some(&fg)).map_err(RequestError::query)?;
    Ok(ShotsResult {
        request: req.clone(),
        chart,
        zones,
        baseline: fg,
        table,
        shots: selected.len(),
        left_out,
    })
}

/// A zone table's request.
#[derive(Clone, Debug)]
pub struct ZonesRequest {
    pub filter: ShotFilter,
    pub by: ZoneBy,
    pub baseline: Option<Baseline>,
}

/// A zone table, with what it counts and compares with.
pub struct ZonesResult {
    pub table: DataFrame,
    /// Shots selected.
    pub shots: usize,
    pub baseline: Option<NamedBaseline>,
    /// Selected rows left out, by reason.
    pub left_out: LeftOut,
}

/// The zone table of a selection.
pub fn zones(
    shots: &LazyFrame,
    source: &str,
    req: &ZonesRequest,
) -> Result<ZonesResult, RequestError> {
    zones_in(Sources::default(), shots, source, req)
}

/// [`zones`] of the shots `shots` of `sources`: the same answer, counted from the files'
/// tallies where they allow it (see [`Sources`]).
pub fn zones_in(
    sources: Sources<'_>,
    shots: &LazyFrame,
    source: &str,
    req: &ZonesRequest,
) -> Result<ZonesResult, RequestError> {
    // One aggregate query where the zones need no shot in memory.
    let lazy = sources
        .count(shots, &req.filter, &req.by)
        .map_err(RequestError::query)?;
    let (counts, left_out, n) = match lazy {
        Some(lazy) => {
            // The pass that counted also tallied what it left out; only a date needs more.
            let acc = Accounting {
                rows: lazy.rows,
                no_place: lazy.no_place,
                no_result: lazy.no_result,
                no_date: undated_rows(shots, &req.filter).map_err(RequestError::query)?,
            };
            let counts = lazy.zones;
            // Every shot that can be counted falls in one zone of these groupings.
            let n = counts.iter().map(|c| c.fga).sum::<u64>() as usize;
            if n == 0 {
                explain_empty(shots, &req.filter, source, &acc)?;
            }
            (counts, acc.left_out(), n)
        }
        None => {
            let (selected, left_out) = select(shots, &req.filter, source)?;
            (count_by_zone(&selected, &req.by), left_out, selected.len())
        }
    };
    let fg = match &req.baseline {
        Some(b) => Some(baseline::baseline_in(
            sources,
            b,
            shots,
            &req.filter,
            &req.by,
        )?),
        None => None,
    };
    let table = zone_table(&req.by, &counts, fg.as_ref()).map_err(RequestError::query)?;
    Ok(ZonesResult {
        table,
        shots: n,
        baseline: fg,
        left_out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn baselines_read_as_the_command_line_writes_them() {
        for (text, b) in [
            ("league", Baseline::League),
            ("LEAGUE", Baseline::League),
            ("league-excluding-us", Baseline::LeagueExcludingUs),
            ("player: Seth Curry", Baseline::Player("Seth Curry".into())),
            (
                "dates:2024-01-01..2024-02-01",
                Baseline::Dates(
                    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default(),
                    NaiveDate::from_ymd_opt(2024, 2, 1).unwrap_or_default(),
                ),
            ),
            ("avg.csv", Baseline::File("avg.csv".into())),
        ] {
            assert_eq!(text.parse::<Baseline>(), Ok(b.clone()), "{text}");
            assert_eq!(b.to_string().parse::<Baseline>(), Ok(b));
        }
        assert!("dates:2024-01-01".parse::<Baseline>().is_err());
        assert!("dates:2024-02-01..2024-01-01".parse::<Baseline>().is_err());
        let err = "leage".parse::<Baseline>().unwrap_err();
        assert!(err.contains("write league, league-excluding-us"), "{err}");
        assert!("player:".parse::<Baseline>().is_err());
        assert_eq!(
            Baseline::File("x/league_avg_2024_by_zone.csv".into()).name(),
            "league_avg_2024_by_zone"
        );
    }

    #[test]
    fn the_league_is_the_seasons_in_view_and_can_leave_us_out() {
        // Layups (restricted area): A in 2022-23 makes 1 of 2, B 2 of 2; 2023-24 misses 4.
        let shots = df!(
            "season" => ["2022-23", "2022-23", "2022-23", "2022-23", "2023-24", "2023-24", "2023-24", "2023-24"],
            "team" => ["A", "A", "B", "B", "A", "B", "B", "B"],
            "player" => ["a", "a", "b", "b", "a", "b", "b", "b"],
            "game_date" => [1i32, 2, 1, 2, 400, 400, 401, 401],
            "x_ft" => [0.0f32; 8],
            "y_ft" => [1.0f32; 8],
            "made" => [true, false, true, true, false, false, false, false],
        )
        .unwrap()
        .lazy()
        .with_column(col("game_date").cast(DataType::Date));
        // One day of A's: the league is the whole 2022-23 season, not that day.
        let filter = ShotFilter {
            teams: vec!["A".into()],
            from: NaiveDate::from_ymd_opt(1970, 1, 2),
            to: NaiveDate::from_ymd_opt(1970, 1, 2),
            ..Default::default()
        };
        let ra = |b: &NamedBaseline| b.fg.get("Restricted Area").copied();
        let league = baseline(&Baseline::League, &shots, &filter, &ZoneBy::Basic).unwrap();
        assert_eq!(
            (league.label(), ra(&league)),
            ("league 2022-23, 4 shots".into(), Some(0.75))
        );
        let others = baseline(
            &Baseline::LeagueExcludingUs,
            &shots,
            &filter,
            &ZoneBy::Basic,
        )
        .unwrap();
        assert_eq!(
            (others.label(), ra(&others)),
            ("league 2022-23 excluding A, 2 shots".into(), Some(1.0))
        );
        // A player's seasons are those of his shots.
        let filter = ShotFilter {
            players: vec!["b".into()],
            ..Default::default()
        };
        let league = baseline(&Baseline::League, &shots, &filter, &ZoneBy::Basic).unwrap();
        assert_eq!(league.label(), "league 2022-23, 2023-24, 8 shots");
        let others = baseline(
            &Baseline::LeagueExcludingUs,
            &shots,
            &filter,
            &ZoneBy::Basic,
        )
        .unwrap();
        assert_eq!(
            others.label(),
            "league 2022-23, 2023-24 excluding B, 3 shots"
        );

        // Remembered: the same league for another player of those seasons comes from the
        // memo, equal to a count; another season or leaving a team out is counted anew.
        let memo = BaselineMemo::default();
        let with = |b: &Baseline, f: &ShotFilter| {
            baseline_with(b, &shots, f, &ZoneBy::Basic, Some(&memo)).unwrap()
        };
        let a = ShotFilter {
            players: vec!["a".into()],
            ..Default::default()
        };
        let counted = with(&Baseline::League, &filter);
        assert_eq!(counted, league);
        assert_eq!(with(&Baseline::League, &a), league);
        assert_eq!(memo.0.lock().unwrap().len(), 1);
        assert_eq!(with(&Baseline::LeagueExcludingUs, &filter), others);
        let one = ShotFilter {
            seasons: vec!["2023-24".into()],
            ..Default::default()
        };
        assert_eq!(
            with(&Baseline::League, &one).label(),
            "league 2023-24, 4 shots"
        );
        assert_eq!(memo.0.lock().unwrap().len(), 3);
    }
}
