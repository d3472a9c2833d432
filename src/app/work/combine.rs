//! The open sources combined into what the views query, with the filters' lists; a live
//! feed appended.

use super::*;

/// The open sources' tables combined, with what the filters offer.
#[derive(Default)]
pub struct Combined {
    pub shots: Option<ShotData>,
    /// The shot sources combined without the live feed: a live refresh appends the feed's
    /// rows to it rather than combining every source again.
    pub base_shots: Option<BaseShots>,
    pub load: Option<LoadData>,
    pub tracking: Option<TrackData>,
    /// Shot sources whose coordinates look scaled, shifted or mirrored: said beside the chart.
    pub frame_warnings: Vec<String>,
}

/// Every open tracking row, and who and what is in it.
pub struct TrackData {
    pub frame: Arc<DataFrame>,
    pub roster: Roster,
}

/// The open shot sources' data without the live feed, with the frames it was made from.
#[derive(Clone)]
pub struct BaseShots {
    inputs: Vec<Arc<DataFrame>>,
    pub data: ShotData,
}

/// Every open shot, and the values the shot filters offer.
#[derive(Clone)]
pub struct ShotData {
    pub frame: Arc<DataFrame>,
    /// Whether the lists below are made: when a source opens they are made after its first
    /// chart ([`list_shots`]), which then does not wait for them.
    pub listed: bool,
    /// Baselines counted over these shots, for the next filter change.
    pub baselines: Arc<request::shots::BaselineMemo>,
    /// (player, team), sorted by player.
    pub players: Vec<(String, String)>,
    pub teams: Vec<String>,
    pub opponents: Vec<String>,
    pub seasons: Vec<String>,
    pub periods: Vec<i8>,
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
}

/// Every open load row, and what the load view offers.
pub struct LoadData {
    pub frame: Arc<DataFrame>,
    pub players: Vec<String>,
    /// The measures the data has, in order of preference.
    pub measures: Vec<Measure>,
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
}

/// Combines the in-memory tables of the open sources.
pub fn combine(
    shots: &[Arc<DataFrame>],
    load: &[Arc<DataFrame>],
    tracking: &[Arc<DataFrame>],
) -> Result<Combined, AppError> {
    combine_live(shots, None, None, load, tracking)
}

/// [`combine`], with a live feed's shots: when the shot sources are those `base` was made
/// from, the feed's rows are appended to it and the filter lists grow by the feed's own,
/// instead of every source being combined again at each refresh.
pub fn combine_live(
    shots: &[Arc<DataFrame>],
    live: Option<Arc<DataFrame>>,
    base: Option<BaseShots>,
    load: &[Arc<DataFrame>],
    tracking: &[Arc<DataFrame>],
) -> Result<Combined, AppError> {
    let err = |e: PolarsError| AppError::Query(format!("cannot combine the open sources ({e})"));
    let mut out = Combined::default();
    let same = |b: &BaseShots| {
        b.inputs.len() == shots.len() && b.inputs.iter().zip(shots).all(|(a, b)| Arc::ptr_eq(a, b))
    };
    out.base_shots = match base.filter(same) {
        Some(b) => Some(b),
        None if shots.is_empty() => None,
        None => {
            let df = one_frame(TableKind::Shots, shots).map_err(err)?;
            // Without a live feed to merge with, the lists wait for the first chart.
            let data = if live.is_some() {
                shot_data(df).map_err(err)?
            } else {
                ShotData::unlisted(df)
            };
            Some(BaseShots {
                inputs: shots.to_vec(),
                data,
            })
        }
    };
    if live.is_some()
        && let Some(b) = out.base_shots.as_mut()
        && !b.data.listed
    {
        b.data = list_shots(&b.data).map_err(err)?;
    }
    out.shots = match (&out.base_shots, live) {
        (Some(b), None) => Some(b.data.clone()),
        (None, Some(l)) => Some(shot_data(l).map_err(err)?),
        (Some(b), Some(l)) => Some(with_live(&b.data, l).map_err(err)?),
        (None, None) => None,
    };
    if !load.is_empty() {
        let df = one_frame(TableKind::Load, load).map_err(err)?;
        out.load = Some(load_data(df).map_err(err)?);
    }
    if !tracking.is_empty() {
        let df = one_frame(TableKind::Tracking, tracking).map_err(err)?;
        let roster = tracking::roster(df.as_ref().clone().lazy()).map_err(err)?;
        out.tracking = Some(TrackData { frame: df, roster });
    }
    Ok(out)
}

/// The distinct non-empty values of a column, sorted (the values are grouped first: a
/// column of millions holds a few hundred names).
fn distinct(df: &DataFrame, name: &str) -> PolarsResult<Vec<String>> {
    let Ok(c) = df.column(name) else {
        return Ok(Vec::new());
    };
    let c = c.unique()?.cast(&DataType::String)?;
    let set: BTreeSet<String> = c
        .str()?
        .iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    Ok(set.into_iter().collect())
}

fn date_span(df: &DataFrame, name: &str) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let get = |agg: fn(&Column) -> Option<i32>| {
        let c = df.column(name).ok()?.to_physical_repr();
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
        Some(epoch + chrono::Days::new(u64::try_from(agg(&c)?).ok()?))
    };
    (get(|c| c.i32().ok()?.min()), get(|c| c.i32().ok()?.max()))
}

impl ShotData {
    /// The shots without their lists yet.
    fn unlisted(frame: Arc<DataFrame>) -> ShotData {
        ShotData {
            frame,
            listed: false,
            baselines: Default::default(),
            players: Vec::new(),
            teams: Vec::new(),
            opponents: Vec::new(),
            seasons: Vec::new(),
            periods: Vec::new(),
            first: None,
            last: None,
        }
    }
}

/// `data` with its lists made (the same shots and remembered baselines).
pub fn list_shots(data: &ShotData) -> PolarsResult<ShotData> {
    let mut listed = shot_data(data.frame.clone())?;
    listed.baselines = data.baselines.clone();
    Ok(listed)
}

fn shot_data(frame: Arc<DataFrame>) -> PolarsResult<ShotData> {
    let df = frame.as_ref();
    // Each (player, team) pair once, grouped by Polars rather than row by row; the teams
    // are those of the pairs. The other lists are made at the same time on the other core.
    let pairs = || -> PolarsResult<Option<DataFrame>> {
        if df.column("player").is_err() {
            return Ok(None);
        }
        let team = if df.column("team").is_ok() {
            col("team").cast(DataType::String)
        } else {
            lit(NULL).cast(DataType::String)
        };
        df.clone()
            .lazy()
            .select([col("player").cast(DataType::String), team.alias("team")])
            .unique(None, UniqueKeepStrategy::Any)
            .collect()
            .map(Some)
    };
    let (pairs, (opponents, seasons)) = rayon::join(pairs, || {
        rayon::join(|| distinct(df, "opponent"), || distinct(df, "season"))
    });
    let mut players: BTreeSet<(String, String)> = BTreeSet::new();
    let teams = match pairs? {
        Some(pairs) => {
            let (p, team) = (pairs.column("player")?, pairs.column("team")?);
            for (p, t) in p.str()?.iter().zip(team.str()?.iter()) {
                if let Some(p) = p.filter(|p| !p.is_empty()) {
                    // A player traded mid-season shows once per team.
                    players.insert((p.to_string(), t.unwrap_or_default().to_string()));
                }
            }
            distinct(&pairs, "team")?
        }
        None => distinct(df, "team")?,
    };
    let periods: BTreeSet<i8> = match df.column("period") {
        Ok(c) => c
            .unique()?
            .cast(&DataType::Int8)?
            .i8()?
            .iter()
            .flatten()
            .collect(),
        Err(_) => BTreeSet::new(),
    };
    let (first, last) = date_span(df, "game_date");
    Ok(ShotData {
        listed: true,
        baselines: Default::default(),
        players: players.into_iter().collect(),
        teams,
        opponents: opponents?,
        seasons: seasons?,
        periods: periods.into_iter().collect(),
        first,
        last,
        frame,
    })
}

/// The open tables of one kind as one frame: one is taken as it is (a copy of an archive
/// costs a second), several are combined in canonical columns.
fn one_frame(kind: TableKind, frames: &[Arc<DataFrame>]) -> PolarsResult<Arc<DataFrame>> {
    if let [one] = frames {
        return Ok(one.clone());
    }
    let frames: Vec<&DataFrame> = frames.iter().map(|f| f.as_ref()).collect();
    Ok(Arc::new(
        data::table::union_frames(kind, &frames)?.collect()?,
    ))
}

/// `base` with a live feed's rows after its own: the rows' chunks are appended (not
/// copied), and the lists are `base`'s with the feed's added.
fn with_live(base: &ShotData, live: Arc<DataFrame>) -> PolarsResult<ShotData> {
    let frame = Arc::new(data::follow::stack(&base.frame, &live)?);
    let feed = shot_data(live)?;
    let merge = |a: &[String], b: &[String]| -> Vec<String> {
        let set: BTreeSet<&String> = a.iter().chain(b).collect();
        set.into_iter().cloned().collect()
    };
    let players: BTreeSet<&(String, String)> = base.players.iter().chain(&feed.players).collect();
    let periods: BTreeSet<i8> = base.periods.iter().chain(&feed.periods).copied().collect();
    let pick =
        |a: Option<NaiveDate>, b: Option<NaiveDate>, f: fn(NaiveDate, NaiveDate) -> NaiveDate| {
            match (a, b) {
                (Some(a), Some(b)) => Some(f(a, b)),
                (a, b) => a.or(b),
            }
        };
    Ok(ShotData {
        frame,
        listed: true,
        // Other shots: other baselines.
        baselines: Default::default(),
        players: players.into_iter().cloned().collect(),
        teams: merge(&base.teams, &feed.teams),
        opponents: merge(&base.opponents, &feed.opponents),
        seasons: merge(&base.seasons, &feed.seasons),
        periods: periods.into_iter().collect(),
        first: pick(base.first, feed.first, NaiveDate::min),
        last: pick(base.last, feed.last, NaiveDate::max),
    })
}

fn load_data(frame: Arc<DataFrame>) -> PolarsResult<LoadData> {
    let df = frame.as_ref();
    let has = |c: &str| {
        df.column(c)
            .map(|c| c.null_count() < c.len())
            .unwrap_or(false)
    };
    let mut measures: Vec<Measure> = Measure::COLUMNS
        .into_iter()
        .filter(|m| has(m.column()))
        .collect();
    if load::HR_ZONES.iter().all(|z| df.column(z).is_ok()) {
        measures.push(Measure::Trimp);
    }
    let (first, last) = date_span(df, "date");
    Ok(LoadData {
        players: distinct(df, "player")?,
        measures,
        first,
        last,
        frame,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_live_refresh_appends_to_the_sources_as_combining_them_would() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/shots.parquet");
        let t = data::open(&path, &OpenOptions::default())
            .unwrap()
            .remove(0);
        let all = t.collect(t.lazy(), "reads").unwrap();
        let (first, feed) = (Arc::new(all.slice(0, 10_000)), all.slice(10_000, 4_692));
        let whole = combine(&[first.clone(), Arc::new(feed.clone())], &[], &[]).unwrap();
        let live = combine_live(
            std::slice::from_ref(&first),
            Some(Arc::new(feed.clone())),
            None,
            &[],
            &[],
        )
        .unwrap();
        // Without a feed, the lists wait for the first chart; made, they are the feed's too.
        let whole = whole.shots.unwrap();
        assert!(!whole.listed && whole.players.is_empty());
        let (a, b) = (list_shots(&whole).unwrap(), live.shots.unwrap());
        assert!(a.listed && b.listed && !a.players.is_empty());
        assert_eq!(b.frame.height(), 14_692);
        assert_eq!(
            (
                &a.players,
                &a.teams,
                &a.opponents,
                &a.seasons,
                &a.periods,
                a.first,
                a.last
            ),
            (
                &b.players,
                &b.teams,
                &b.opponents,
                &b.seasons,
                &b.periods,
                b.first,
                b.last
            )
        );
        // The next refresh reuses the sources' part: the same frame, not combined again.
        let base = live.base_shots.clone();
        let again = combine_live(&[first], Some(Arc::new(feed)), base, &[], &[]).unwrap();
        assert!(Arc::ptr_eq(
            &again.base_shots.unwrap().data.frame,
            &live.base_shots.unwrap().data.frame
        ));
    }
}
