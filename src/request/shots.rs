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
    self, BaselineFg, ShotFilter, ShotSet, ZoneBy, ZoneCount, baseline_from_cells,
    baseline_from_counts, count_by_zone, zone_table,
};
use crate::charts::spec::{self, ChartInput, ChartOptions, ChartSpec};
use crate::data;
use crate::request::names::check_names;
use crate::request::{Cancel, RequestError};

/// What a selection is compared with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Baseline {
    /// Every shot at the same moments of the game: seasons, dates, periods, clock.
    #[default]
    League,
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

    /// `league`, `player:NAME`, `dates:FROM..TO`, or a file's path.
    fn from_str(spec: &str) -> Result<Baseline, String> {
        if spec.eq_ignore_ascii_case("league") {
            return Ok(Baseline::League);
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
            return Ok(Baseline::Dates(parse(a)?, parse(b)?));
        }
        Ok(Baseline::File(PathBuf::from(spec)))
    }
}

impl fmt::Display for Baseline {
    /// As the command line writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Baseline::League => write!(f, "league"),
            Baseline::Player(p) => write!(f, "player:{p}"),
            Baseline::Dates(a, b) => write!(f, "dates:{a}..{b}"),
            Baseline::File(p) => write!(f, "{}", p.display()),
        }
    }
}

impl Baseline {
    /// How captions and tables name it: "league", a player, "FROM to TO", a file's name.
    pub fn name(&self) -> String {
        match self {
            Baseline::League => "league".into(),
            Baseline::Player(p) => p.clone(),
            Baseline::Dates(a, b) => format!("{a} to {b}"),
            Baseline::File(p) => p
                .file_stem()
                .and_then(|s| s.to_str())
                .map_or_else(|| p.display().to_string(), str::to_string),
        }
    }
}

/// FG% per zone of the baseline, for `filter`'s selection grouped `by`.
pub fn baseline(
    b: &Baseline,
    shots: &LazyFrame,
    filter: &ShotFilter,
    by: &ZoneBy,
) -> Result<BaselineFg, RequestError> {
    let from_selection = |f: &ShotFilter| -> Result<BaselineFg, RequestError> {
        // An empty baseline leaves the baseline columns blank; the selection says why.
        let set = shots::select(shots, f).map_err(RequestError::query)?;
        Ok(baseline_from_counts(by, &count_by_zone(&set, by)))
    };
    match b {
        Baseline::League => from_selection(&filter.context()),
        Baseline::Player(name) => {
            let other = ShotFilter {
                players: vec![name.clone()],
                ..filter.context()
            };
            check_names(shots, &other, &format!("--baseline player:{name}"))?;
            from_selection(&other)
        }
        Baseline::Dates(a, b) => from_selection(&ShotFilter {
            from: Some(*a),
            to: Some(*b),
            ..filter.clone()
        }),
        Baseline::File(path) => {
            let cells = data::baseline::read_baseline(path)
                .map_err(|e| RequestError::Data(e.to_string()))?;
            baseline_from_cells(by, &cells).ok_or_else(|| {
                RequestError::Data(format!(
                    "{}: this baseline has no zone labels for this grouping; compare with the \
                     league instead (--baseline league)",
                    path.display()
                ))
            })
        }
    }
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
    pub baseline: BaselineFg,
    /// The basic-zone table against the baseline, as exported.
    pub table: DataFrame,
    /// Shots selected.
    pub shots: usize,
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

/// The shots `filter` selects; when none, a check that every name in it is in the data (a
/// misspelt name gets the closest ones).
pub fn select(
    shots: &LazyFrame,
    filter: &ShotFilter,
    source: &str,
) -> Result<ShotSet, RequestError> {
    let selected = shots::select(shots, filter).map_err(RequestError::query)?;
    // A name not in the data selects nothing: only then is it worth a scan to say so.
    if selected.is_empty() {
        check_names(shots, filter, source)?;
    }
    Ok(selected)
}

/// Runs a shot request over `shots` (named `source` in messages), stopping early once
/// cancelled.
pub fn shots(
    shots: &LazyFrame,
    source: &str,
    req: &ShotsRequest,
    cancel: &Cancel,
) -> Result<ShotsResult, RequestError> {
    let selected = select(shots, &req.filter, source)?;
    cancel.check()?;
    let zones = count_by_zone(&selected, &ZoneBy::Basic);
    let fg = baseline(&req.baseline, shots, &req.filter, &ZoneBy::Basic)?;
    cancel.check()?;
    let dates = shots::date_range(shots, &req.filter).map_err(RequestError::query)?;
    let input = ChartInput {
        shots: &selected,
        zones: &zones,
        baseline: Some(&fg),
        title: title_of(&req.filter),
        dates,
        baseline_name: req.baseline.name(),
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
    })
}

/// A zone table's request.
#[derive(Clone, Debug)]
pub struct ZonesRequest {
    pub filter: ShotFilter,
    pub by: ZoneBy,
    pub baseline: Option<Baseline>,
}

/// The zone table of a selection, and the number of shots selected.
pub fn zones(
    shots: &LazyFrame,
    source: &str,
    req: &ZonesRequest,
) -> Result<(DataFrame, usize), RequestError> {
    let selected = select(shots, &req.filter, source)?;
    let counts = count_by_zone(&selected, &req.by);
    let fg = match &req.baseline {
        Some(b) => Some(baseline(b, shots, &req.filter, &req.by)?),
        None => None,
    };
    let table = zone_table(&req.by, &counts, fg.as_ref()).map_err(RequestError::query)?;
    Ok((table, selected.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn baselines_read_as_the_command_line_writes_them() {
        for (text, b) in [
            ("league", Baseline::League),
            ("LEAGUE", Baseline::League),
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
        assert!("player:".parse::<Baseline>().is_err());
        assert_eq!(
            Baseline::File("x/league_avg_2024_by_zone.csv".into()).name(),
            "league_avg_2024_by_zone"
        );
    }
}
