//! NBA shot data: the shot log layout of the shared `NBA_2024_Shots.csv`, and the NBA stats
//! API `shotchartdetail` export (SPEC 7), with the coordinate conversions of SPEC 3.1.

use polars::prelude::*;

use crate::court;
use crate::data::adapters::convert::{self, number};
use crate::data::adapters::{Adapted, MappedColumn, SourceInfo, Vendor, missing};
use crate::data::error::Result;
use crate::data::schema::{ColType, TableKind};

/// Canonical column → shot log column, for messages about a missing column.
pub const LOG_SOURCES: &[(&str, &str)] = &[
    ("game_id", "GAME_ID"),
    ("game_date", "GAME_DATE"),
    ("team", "TEAM_NAME"),
    ("player", "PLAYER_NAME"),
    ("x_ft", "LOC_X"),
    ("y_ft", "LOC_Y"),
    ("made", "SHOT_MADE"),
];

/// Canonical column → stats API column, for messages about a missing column.
pub const API_SOURCES: &[(&str, &str)] = &[
    ("game_id", "GAME_ID"),
    ("game_date", "GAME_DATE"),
    ("team", "TEAM_NAME"),
    ("player", "PLAYER_NAME"),
    ("x_ft", "LOC_X"),
    ("y_ft", "LOC_Y"),
    ("made", "SHOT_MADE_FLAG"),
];

/// The 30 NBA teams: abbreviation and the name the NBA's shot data uses.
const TEAMS: &[(&str, &str)] = &[
    ("ATL", "Atlanta Hawks"),
    ("BOS", "Boston Celtics"),
    ("BKN", "Brooklyn Nets"),
    ("CHA", "Charlotte Hornets"),
    ("CHI", "Chicago Bulls"),
    ("CLE", "Cleveland Cavaliers"),
    ("DAL", "Dallas Mavericks"),
    ("DEN", "Denver Nuggets"),
    ("DET", "Detroit Pistons"),
    ("GSW", "Golden State Warriors"),
    ("HOU", "Houston Rockets"),
    ("IND", "Indiana Pacers"),
    ("LAC", "LA Clippers"),
    ("LAL", "Los Angeles Lakers"),
    ("MEM", "Memphis Grizzlies"),
    ("MIA", "Miami Heat"),
    ("MIL", "Milwaukee Bucks"),
    ("MIN", "Minnesota Timberwolves"),
    ("NOP", "New Orleans Pelicans"),
    ("NYK", "New York Knicks"),
    ("OKC", "Oklahoma City Thunder"),
    ("ORL", "Orlando Magic"),
    ("PHI", "Philadelphia 76ers"),
    ("PHX", "Phoenix Suns"),
    ("POR", "Portland Trail Blazers"),
    ("SAC", "Sacramento Kings"),
    ("SAS", "San Antonio Spurs"),
    ("TOR", "Toronto Raptors"),
    ("UTA", "Utah Jazz"),
    ("WAS", "Washington Wizards"),
];

/// Whether the columns are the shot log's.
pub fn matches_log(info: &SourceInfo<'_>) -> bool {
    ["LOC_X", "LOC_Y", "SHOT_MADE", "PLAYER_NAME"]
        .iter()
        .all(|c| info.has(c))
}

/// Whether the columns are the stats API's `shotchartdetail`.
pub fn matches_api(info: &SourceInfo<'_>) -> bool {
    ["LOC_X", "LOC_Y", "SHOT_MADE_FLAG", "SHOT_ZONE_BASIC"]
        .iter()
        .all(|c| info.has(c))
}

/// What distinguishes the two NBA layouts.
struct Layout {
    vendor: Vendor,
    /// Required canonical column → source column.
    sources: &'static [(&'static str, &'static str)],
    made: &'static str,
    date_format: &'static str,
    /// Source units per foot (the stats API uses tenths).
    per_foot: f64,
    /// Added to `y` after the unit change: the shot log measures from the baseline.
    y_offset: f64,
    period: &'static str,
    /// The NBA's zone labels: basic, range, area.
    zones: (&'static str, &'static str, &'static str),
    clock: (&'static str, &'static str),
    /// Home and away team abbreviations.
    teams: (&'static str, &'static str),
    season: Option<&'static str>,
}

const LOG: Layout = Layout {
    vendor: Vendor::NbaShotLog,
    sources: LOG_SOURCES,
    made: "SHOT_MADE",
    date_format: "%m-%d-%Y",
    per_foot: 1.0,
    y_offset: -court::HOOP_FROM_BASELINE_FT,
    period: "QUARTER",
    zones: ("BASIC_ZONE", "ZONE_RANGE", "ZONE_NAME"),
    clock: ("MINS_LEFT", "SECS_LEFT"),
    teams: ("HOME_TEAM", "AWAY_TEAM"),
    season: Some("SEASON_2"),
};

const API: Layout = Layout {
    vendor: Vendor::NbaStatsApi,
    sources: API_SOURCES,
    made: "SHOT_MADE_FLAG",
    date_format: "%Y%m%d",
    per_foot: 10.0,
    y_offset: 0.0,
    period: "PERIOD",
    zones: ("SHOT_ZONE_BASIC", "SHOT_ZONE_RANGE", "SHOT_ZONE_AREA"),
    clock: ("MINUTES_REMAINING", "SECONDS_REMAINING"),
    teams: ("HTM", "VTM"),
    season: None,
};

/// Maps a shot log (feet, `LOC_Y` from the baseline): `x = −LOC_X`, `y = LOC_Y − 5.25`.
pub fn adapt_log(info: &SourceInfo<'_>) -> Result<Adapted> {
    adapt(info, &LOG)
}

/// Maps a stats API export (tenths of a foot, hoop origin): `x = −LOC_X/10`, `y = LOC_Y/10`.
pub fn adapt_api(info: &SourceInfo<'_>) -> Result<Adapted> {
    adapt(info, &API)
}

fn adapt(info: &SourceInfo<'_>, layout: &Layout) -> Result<Adapted> {
    let names = info.names();
    for (canonical, src) in layout.sources {
        if !info.has(src) {
            return Err(missing(
                info.path,
                TableKind::Shots,
                canonical,
                &names,
                layout.vendor,
            ));
        }
    }
    let mut a = Adapted {
        kind: TableKind::Shots,
        vendor: layout.vendor,
        columns: Vec::new(),
        notes: Vec::new(),
    };
    let unit = |name: &str| {
        if layout.per_foot == 1.0 {
            name.to_string()
        } else {
            format!("{name} ÷ {}", layout.per_foot)
        }
    };
    a.set(mapped(
        "x_ft",
        &format!("{} (× −1)", unit("LOC_X")),
        &["LOC_X"],
        (-number("LOC_X", info.dtype("LOC_X")) / lit(layout.per_foot)).cast(DataType::Float32),
    ));
    a.set(mapped(
        "y_ft",
        &if layout.y_offset == 0.0 {
            unit("LOC_Y")
        } else {
            format!(
                "{} (− {}, baseline to hoop)",
                unit("LOC_Y"),
                -layout.y_offset
            )
        },
        &["LOC_Y"],
        (number("LOC_Y", info.dtype("LOC_Y")) / lit(layout.per_foot) + lit(layout.y_offset))
            .cast(DataType::Float32),
    ));
    a.set(convert::column(
        "made",
        layout.made,
        dt(info, layout.made),
        ColType::Bool,
        None,
    ));
    a.set(convert::column(
        "game_date",
        "GAME_DATE",
        dt(info, "GAME_DATE"),
        ColType::Date,
        Some(layout.date_format),
    ));
    let optional = [
        ("game_id", "GAME_ID", ColType::Str),
        ("team", "TEAM_NAME", ColType::Str),
        ("player", "PLAYER_NAME", ColType::Str),
        ("player_id", "PLAYER_ID", ColType::Str),
        ("action", "ACTION_TYPE", ColType::Str),
        ("period", layout.period, ColType::I8),
    ];
    for (canonical, src, ty) in optional
        .into_iter()
        .chain(layout.season.map(|s| ("season", s, ColType::Str)))
    {
        if info.has(src) {
            a.set(convert::column(canonical, src, dt(info, src), ty, None));
        }
    }
    if info.has("SHOT_TYPE") {
        a.set(mapped(
            "shot_value",
            "SHOT_TYPE (3PT → 3, else 2)",
            &["SHOT_TYPE"],
            when(
                col("SHOT_TYPE")
                    .cast(DataType::String)
                    .str()
                    .starts_with(lit("3")),
            )
            .then(lit(3i8))
            .otherwise(lit(2i8)),
        ));
    }
    let (basic, range, area) = layout.zones;
    for (canonical, src) in [("zone_basic", basic), ("zone_range", range)] {
        if info.has(src) {
            a.set(convert::column(
                canonical,
                src,
                dt(info, src),
                ColType::Str,
                None,
            ));
        }
    }
    if info.has(area) {
        // The stats API appends the abbreviation: "Left Side(L)".
        a.set(mapped(
            "zone_area",
            area,
            &[area],
            col(area)
                .cast(DataType::String)
                .str()
                .extract(lit(r"^([^(]*)"), 1)
                .str()
                .strip_chars(lit(NULL)),
        ));
    }
    let (mins, secs) = layout.clock;
    if info.has(mins) && info.has(secs) {
        a.set(clock(info, mins, secs));
    }
    let (home, away) = layout.teams;
    if info.has(home) && info.has(away) {
        a.set(opponent("TEAM_NAME", home, away));
    }
    a.sort();
    a.check_required(info.path, &names)?;
    Ok(a)
}

fn dt<'a>(info: &'a SourceInfo<'_>, name: &str) -> &'a DataType {
    info.dtype(name).unwrap_or(&DataType::Null)
}

fn mapped(canonical: &'static str, source: &str, inputs: &[&str], expr: Expr) -> MappedColumn {
    MappedColumn {
        inputs: inputs.iter().map(|s| s.to_string()).collect(),
        canonical,
        source: source.into(),
        expr,
        check: None,
    }
}

fn clock(info: &SourceInfo<'_>, mins: &str, secs: &str) -> MappedColumn {
    mapped(
        "clock_s",
        &format!("{mins} × 60 + {secs}"),
        &[mins, secs],
        (number(mins, info.dtype(mins)) * lit(60.0) + number(secs, info.dtype(secs)))
            .cast(DataType::Float32),
    )
}

/// The opponent's name: whichever of home and away (abbreviations) is not the shooting team.
///
/// One pass with a 30-entry lookup: a `when/then` chain per team cost 430 ms on a season.
fn opponent(team: &str, home: &str, away: &str) -> MappedColumn {
    let text = |c: &str| col(c).cast(DataType::String);
    let expr = text(team).map_many(
        |cols: &mut [Column]| {
            let [team, home, away] = cols else {
                polars_bail!(ComputeError: "opponent needs team, home and away columns");
            };
            let (team, home, away) = (team.str()?, home.str()?, away.str()?);
            let abbr_of = |name: &str| TEAMS.iter().find(|(_, n)| *n == name).map(|(a, _)| *a);
            let name_of = |abbr: &str| TEAMS.iter().find(|(a, _)| *a == abbr).map(|(_, n)| *n);
            // A season holds a few hundred (team, home, away) triples: each is worked out
            // once (3.7 million shots: 160 ms to a few tens), and no text is copied per row.
            // Rows come game by game, so most rows repeat the row before: compared, not
            // hashed.
            let mut seen: PlHashMap<(&str, &str, &str), &str> = PlHashMap::new();
            let mut last: Option<((&str, &str, &str), &str)> = None;
            let out: StringChunked = team
                .iter()
                .zip(home.iter())
                .zip(away.iter())
                .map(|((t, h), a)| {
                    let key = (t?, h?, a?);
                    if let Some((k, v)) = last
                        && k == key
                    {
                        return Some(v);
                    }
                    let (t, h, a) = key;
                    let v = *seen.entry(key).or_insert_with(|| {
                        let other = if abbr_of(t) == Some(h) { a } else { h };
                        name_of(other).unwrap_or(other)
                    });
                    last = Some((key, v));
                    Some(v)
                })
                .collect();
            Ok(out.with_name("opponent".into()).into_column())
        },
        &[text(home), text(away)],
        |_, _| Ok(Field::new("opponent".into(), DataType::String)),
    );
    mapped(
        "opponent",
        &format!("{home} / {away} (the other team)"),
        &[team, home, away],
        expr,
    )
}
