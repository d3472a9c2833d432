//! What a selection is compared with: the league of its seasons (with or without us),
//! another player, other dates, a file; and the baselines remembered over one set of shots.

use super::*;

/// The league over the seasons `filter` covers (its own seasons, or those of the shots it
/// selects), without `exclude`'s teams: the filter, the shots and their name.
fn league(
    sources: Sources<'_>,
    shots: &LazyFrame,
    filter: &ShotFilter,
    exclude: &[String],
) -> Result<(ShotFilter, LazyFrame, String), RequestError> {
    let mut seasons = if filter.seasons.is_empty() {
        sources.distinct(shots, filter, "season")?
    } else {
        filter.seasons.clone()
    };
    seasons.sort();
    seasons.dedup();
    let mut name = match &seasons[..] {
        [] => "league (every open game)".to_string(),
        [one] => format!("league {one}"),
        [first, .., last] if seasons.len() > 4 => {
            format!("league, {} seasons ({first} … {last})", seasons.len())
        }
        many => format!("league {}", many.join(", ")),
    };
    // A shot without a team is not ours.
    let lf = match exclude
        .iter()
        .map(|t| col("team").is_null().or(col("team").neq(lit(t.as_str()))))
        .reduce(|a, b| a.and(b))
    {
        Some(p) => {
            name.push_str(&format!(" excluding {}", exclude.join(", ")));
            shots.clone().filter(p)
        }
        None => shots.clone(),
    };
    Ok((
        ShotFilter {
            seasons,
            ..Default::default()
        },
        lf,
        name,
    ))
}

/// Baselines already counted over one set of shots: a filter change that keeps the seasons
/// in view asks for the same league again, which over an archive is most of a query's time.
/// Keep one per set of shots (the app makes a new one when the open data changes).
#[derive(Debug, Default)]
pub struct BaselineMemo(pub(super) std::sync::Mutex<Vec<(String, NamedBaseline)>>);

impl BaselineMemo {
    fn get(&self, key: &str) -> Option<NamedBaseline> {
        let memo = self.0.lock().ok()?;
        memo.iter().find(|(k, _)| k == key).map(|(_, b)| b.clone())
    }

    fn keep(&self, key: String, b: &NamedBaseline) {
        if let Ok(mut memo) = self.0.lock() {
            // A few recent baselines; the oldest goes first.
            if memo.len() >= 16 {
                memo.remove(0);
            }
            memo.push((key, b.clone()));
        }
    }
}

/// The baseline's FG% per zone, for `filter`'s selection grouped `by`, with its exact name
/// and size.
pub fn baseline(
    b: &Baseline,
    shots: &LazyFrame,
    filter: &ShotFilter,
    by: &ZoneBy,
) -> Result<NamedBaseline, RequestError> {
    baseline_with(b, shots, filter, by, None)
}

/// [`baseline`], taken from `memo` when it was counted before over the same shots.
pub fn baseline_with(
    b: &Baseline,
    shots: &LazyFrame,
    filter: &ShotFilter,
    by: &ZoneBy,
    memo: Option<&BaselineMemo>,
) -> Result<NamedBaseline, RequestError> {
    let from_selection =
        |lf: &LazyFrame, f: &ShotFilter, name: String| -> Result<NamedBaseline, RequestError> {
            // The selection, its name (which names any teams left out) and the grouping say
            // which counts these are.
            let key = format!("{f:?}|{name}|{by:?}");
            if let Some(b) = memo.and_then(|m| m.get(&key)) {
                return Ok(b);
            }
            let b = count_baseline(Sources::default(), lf, f, name, by)?;
            if let Some(m) = memo {
                m.keep(key, &b);
            }
            Ok(b)
        };
    baseline_of(Sources::default(), b, shots, filter, by, from_selection)
}

/// [`baseline`] of the shots `shots` of `sources`, counted from the files' tallies where
/// they allow it.
pub(super) fn baseline_in(
    sources: Sources<'_>,
    b: &Baseline,
    shots: &LazyFrame,
    filter: &ShotFilter,
    by: &ZoneBy,
) -> Result<NamedBaseline, RequestError> {
    // Only the league excluding us counts other rows than `shots` (ours left out): a tally
    // of the files would count them.
    let counted = match b {
        Baseline::LeagueExcludingUs => Sources::default(),
        _ => sources,
    };
    baseline_of(sources, b, shots, filter, by, |lf, f, name| {
        count_baseline(counted, lf, f, name, by)
    })
}

/// Counts a baseline's selection.
fn count_baseline(
    sources: Sources<'_>,
    lf: &LazyFrame,
    f: &ShotFilter,
    name: String,
    by: &ZoneBy,
) -> Result<NamedBaseline, RequestError> {
    // An empty baseline leaves the baseline columns blank; the selection says why.
    let counts = match sources.count(lf, f, by).map_err(RequestError::query)? {
        Some(c) => c.zones,
        None => count_by_zone(&shots::select(lf, f).map_err(RequestError::query)?, by),
    };
    Ok(NamedBaseline {
        name,
        // The shots its zones count (custom zones may leave some out).
        shots: counts.iter().map(|c| c.fga).sum(),
        fg: baseline_from_counts(by, &counts),
    })
}

/// Which selection each kind of baseline counts, counted by `from_selection`.
fn baseline_of(
    sources: Sources<'_>,
    b: &Baseline,
    shots: &LazyFrame,
    filter: &ShotFilter,
    by: &ZoneBy,
    from_selection: impl Fn(&LazyFrame, &ShotFilter, String) -> Result<NamedBaseline, RequestError>,
) -> Result<NamedBaseline, RequestError> {
    match b {
        Baseline::League => {
            let (f, lf, name) = league(sources, shots, filter, &[])?;
            from_selection(&lf, &f, name)
        }
        Baseline::LeagueExcludingUs => {
            // Us: the teams chosen, else the teams of the players chosen.
            let us = if !filter.teams.is_empty() {
                filter.teams.clone()
            } else if !filter.players.is_empty() {
                let players = ShotFilter {
                    players: filter.players.clone(),
                    ..Default::default()
                };
                distinct(shots, &players, "team")?
            } else {
                Vec::new()
            };
            if us.is_empty() {
                return Err(RequestError::Data(
                    "the league excluding us needs an \"us\": choose a team, or a player \
                     (whose team is left out), or compare with the whole league"
                        .into(),
                ));
            }
            let (f, lf, name) = league(sources, shots, filter, &us)?;
            from_selection(&lf, &f, name)
        }
        Baseline::Player(name) => {
            let other = ShotFilter {
                players: vec![name.clone()],
                ..filter.context()
            };
            check_names(shots, &other, &format!("--baseline player:{name}"))?;
            from_selection(shots, &other, format!("{name} at the same moments"))
        }
        Baseline::Dates(a, b) => from_selection(
            shots,
            &ShotFilter {
                from: Some(*a),
                to: Some(*b),
                ..filter.clone()
            },
            format!("the selection from {a} to {b}"),
        ),
        Baseline::File(path) => {
            let cells = data::baseline::read_baseline(path)
                .map_err(|e| RequestError::Data(e.to_string()))?;
            let fg = baseline_from_cells(by, &cells).ok_or_else(|| {
                RequestError::Data(format!(
                    "{}: this baseline has no zone labels for this grouping; compare with the \
                     league instead (--baseline league)",
                    path.display()
                ))
            })?;
            Ok(NamedBaseline {
                name: b.name(),
                shots: cells.iter().map(|c| c.fga).sum(),
                fg,
            })
        }
    }
}
