//! Templates: the two built in (an opponent scouting report, a player development report),
//! and [`apply`], which expands a template for a team or a player and their games, keeping
//! the notes already written for each page when it is applied again.

use chrono::{Days, NaiveDate};
use polars::prelude::*;

use super::build::ReportData;
use super::{Block, ChartBlock, DateRef, Dates, Each, Page, Report, Subject, TableBlock};
use crate::analysis::shots::ShotFilter;
use crate::request::RequestError;

mod builtin;
pub use builtin::{BUILTINS, builtin, development, opponent};

/// Whom and which games a template is applied to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Target {
    pub team: Option<String>,
    pub player: Option<String>,
    pub dates: Dates,
    pub author: Option<String>,
}

/// The placeholders' values.
#[derive(Clone)]
struct Fill {
    team: String,
    player: String,
    dates: String,
    games: String,
    author: String,
}

impl Fill {
    fn text(&self, t: &str) -> String {
        t.replace("{team}", &self.team)
            .replace("{player}", &self.player)
            .replace("{dates}", &self.dates)
            .replace("{games}", &self.games)
            .replace("{author}", &self.author)
    }

    fn list(&self, v: &[String]) -> Vec<String> {
        v.iter().map(|t| self.text(t)).collect()
    }
}

fn needs(report: &Report, what: &str) -> bool {
    // A template names what it needs in its text; the JSON holds all of it.
    serde_json::to_string(report).is_ok_and(|s| s.contains(what))
}

/// Expands `template` for `target` over the data: placeholders filled, one page per top
/// player, dates resolved. Notes already written in `previous` (the same template applied
/// before) stay on their pages: a player's page keeps that player's notes.
pub fn apply(
    template: &Report,
    target: &Target,
    data: &ReportData,
    previous: Option<&Report>,
) -> Result<Report, RequestError> {
    // A report applied again is applied from its own template.
    let template = template.template.as_deref().unwrap_or(template);
    let shots = data.shots.as_ref().ok_or_else(|| {
        RequestError::Data("a report needs shots: open a shot log (File ▸ Open)".into())
    })?;
    if needs(template, "{team}") && target.team.is_none() {
        return Err(RequestError::Data(
            "this template is about a team: choose one (--team NAME)".into(),
        ));
    }
    let has_each = template.pages.iter().any(|p| p.each.is_some());
    if needs(template, "{player}") && !has_each && target.player.is_none() {
        return Err(RequestError::Data(
            "this template is about a player: choose one (--player NAME)".into(),
        ));
    }
    let subject_filter = ShotFilter {
        teams: target.team.iter().cloned().collect(),
        players: target.player.iter().cloned().collect(),
        ..Default::default()
    };
    crate::request::names::check_names(shots, &subject_filter, "the report")?;
    let (from, to, games) = resolve_dates(shots, &subject_filter, target.dates)?;
    let subject = Subject {
        team: target.team.clone(),
        player: target.player.clone(),
        dates: target.dates,
        from: Some(from),
        to: Some(to),
        games,
    };
    let base = Fill {
        team: target.team.clone().unwrap_or_default(),
        player: target.player.clone().unwrap_or_default(),
        dates: if from == to {
            from.to_string()
        } else {
            format!("{from} to {to}")
        },
        games: crate::format::plural(games as u64, "game"),
        author: target
            .author
            .clone()
            .or_else(|| previous.map(|p| p.author.clone()))
            .unwrap_or_else(|| template.author.clone()),
    };
    let len = (to - from).num_days().max(0) as u64 + 1;
    let back = |n: u64| {
        from.checked_sub_days(Days::new(n))
            .unwrap_or(NaiveDate::MIN)
    };
    let before = (back(len), back(1));
    let mut pages = Vec::new();
    for page in &template.pages {
        let players: Vec<Option<String>> = match page.each {
            Some(Each::TopPlayers(n)) => {
                let team = ShotFilter {
                    teams: target.team.iter().cloned().collect(),
                    from: Some(from),
                    to: Some(to),
                    ..Default::default()
                };
                top_players(shots, &team, n as usize)?
                    .into_iter()
                    .map(Some)
                    .collect()
            }
            None => vec![target.player.clone()],
        };
        for p in players {
            let fill = Fill {
                player: p.clone().unwrap_or_else(|| base.player.clone()),
                ..base.clone()
            };
            let blocks: Vec<Block> = page
                .blocks
                .iter()
                .map(|b| expand_block(b, &fill, (from, to), before))
                .collect();
            // A load page is left out when the data has no load for its player.
            let load_player = blocks.iter().find_map(|b| match b {
                Block::Charts(c) => c.iter().find_map(|c| match c {
                    ChartBlock::Load { player, .. } => Some(player.clone()),
                    _ => None,
                }),
                _ => None,
            });
            if let Some(lp) = load_player
                && !has_load(data, lp.as_deref())?
            {
                continue;
            }
            pages.push(Page {
                title: fill.text(&page.title),
                each: None,
                player: if page.each.is_some() { p } else { None },
                blocks,
            });
        }
    }
    if let Some(prev) = previous {
        keep_notes(&mut pages, prev);
        // Notes of pages the new report no longer has (a player out of the top N) are kept
        // on a last page, never dropped.
        let orphans: Vec<Block> = prev
            .pages
            .iter()
            .filter(|o| {
                !pages.iter().any(|p| match (&p.player, &o.player) {
                    (Some(a), Some(b)) => a == b,
                    (None, None) => p.title == o.title,
                    _ => false,
                })
            })
            .flat_map(|o| {
                o.blocks.iter().filter_map(move |b| match b {
                    Block::Notes(t) if !t.trim().is_empty() && !is_placeholder(t) => {
                        Some(Block::Notes(format!("# From \"{}\"\n{t}", o.title)))
                    }
                    _ => None,
                })
            })
            .collect();
        if !orphans.is_empty() {
            pages.push(Page {
                title: "Earlier notes".into(),
                blocks: orphans,
                ..Default::default()
            });
        }
    }
    Ok(Report {
        format: super::FORMAT,
        title: base.text(&template.title),
        author: base.author.clone(),
        paper: previous.map_or(template.paper, |p| p.paper),
        landscape: previous.map_or(template.landscape, |p| p.landscape),
        subject: Some(subject),
        pages,
        template: Some(Box::new(template.clone())),
    })
}

fn dated(
    filter: &ShotFilter,
    fill: &Fill,
    dates: DateRef,
    report: (NaiveDate, NaiveDate),
    before: (NaiveDate, NaiveDate),
) -> ShotFilter {
    let mut f = ShotFilter {
        players: fill.list(&filter.players),
        teams: fill.list(&filter.teams),
        opponents: fill.list(&filter.opponents),
        ..filter.clone()
    };
    match dates {
        DateRef::Own => {}
        DateRef::Report => (f.from, f.to) = (Some(report.0), Some(report.1)),
        DateRef::Before => (f.from, f.to) = (Some(before.0), Some(before.1)),
    }
    f
}

fn expand_block(
    b: &Block,
    fill: &Fill,
    report: (NaiveDate, NaiveDate),
    before: (NaiveDate, NaiveDate),
) -> Block {
    match b {
        Block::Cover => Block::Cover,
        Block::Notes(t) => Block::Notes(fill.text(t)),
        Block::Charts(cs) => Block::Charts(
            cs.iter()
                .map(|c| match c {
                    ChartBlock::Shots {
                        filter,
                        baseline,
                        kind,
                        court,
                        dates,
                    } => ChartBlock::Shots {
                        filter: dated(filter, fill, *dates, report, before),
                        baseline: baseline.clone(),
                        kind: *kind,
                        court: *court,
                        dates: DateRef::Own,
                    },
                    ChartBlock::Tracking { .. } => c.clone(),
                    ChartBlock::Load {
                        chart,
                        player,
                        measure,
                        from,
                        to,
                        dates,
                    } => {
                        let (from, to) = match dates {
                            DateRef::Own => (*from, *to),
                            DateRef::Report => (Some(report.0), Some(report.1)),
                            DateRef::Before => (Some(before.0), Some(before.1)),
                        };
                        ChartBlock::Load {
                            chart: *chart,
                            player: player.as_deref().map(|p| fill.text(p)),
                            measure: *measure,
                            from,
                            to,
                            dates: DateRef::Own,
                        }
                    }
                })
                .collect(),
        ),
        Block::Table(t) => Block::Table(Box::new(match t.as_ref() {
            TableBlock::Zones {
                filter,
                baseline,
                dates,
            } => TableBlock::Zones {
                filter: dated(filter, fill, *dates, report, before),
                baseline: baseline.clone(),
                dates: DateRef::Own,
            },
            TableBlock::TopActions { filter, n, dates } => TableBlock::TopActions {
                filter: dated(filter, fill, *dates, report, before),
                n: *n,
                dates: DateRef::Own,
            },
            TableBlock::ByPeriod { filter, dates } => TableBlock::ByPeriod {
                filter: dated(filter, fill, *dates, report, before),
                dates: DateRef::Own,
            },
            TableBlock::TrackingSummary { request } => TableBlock::TrackingSummary {
                request: request.clone(),
            },
            TableBlock::LoadOverview { measure, day } => TableBlock::LoadOverview {
                measure: *measure,
                day: *day,
            },
        })),
    }
}

/// Whether notes are only a template's heading, with nothing written under it.
fn is_placeholder(t: &str) -> bool {
    t.lines()
        .all(|l| l.trim().is_empty() || l.starts_with("# ") || l.trim() == "-")
}

/// The notes of `previous` moved onto the same pages of `pages`: a player's page by player,
/// another page by title.
fn keep_notes(pages: &mut [Page], previous: &Report) {
    for page in pages.iter_mut() {
        let Some(old) = previous
            .pages
            .iter()
            .find(|o| match (&page.player, &o.player) {
                (Some(a), Some(b)) => a == b,
                (None, None) => o.title == page.title,
                _ => false,
            })
        else {
            continue;
        };
        let mut notes = old.blocks.iter().filter_map(|b| match b {
            Block::Notes(t) => Some(t.clone()),
            _ => None,
        });
        for b in page.blocks.iter_mut() {
            if let Block::Notes(t) = b
                && let Some(n) = notes.next()
            {
                *t = n;
            }
        }
        page.blocks.extend(notes.map(Block::Notes));
    }
}

/// The first and last day of the subject's games and how many games: its last `n` games,
/// the range given, or all of them.
fn resolve_dates(
    shots: &LazyFrame,
    subject: &ShotFilter,
    dates: Dates,
) -> Result<(NaiveDate, NaiveDate, usize), RequestError> {
    let days = subject
        .apply(shots.clone())
        .and_then(|lf| {
            lf.group_by([col("game_date")])
                .agg([col("game_id").n_unique().alias("games")])
                .sort(["game_date"], SortMultipleOptions::default())
                .collect()
        })
        .map_err(RequestError::query)?;
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let day = |d: i32| epoch.checked_add_signed(chrono::Duration::days(d as i64));
    let date = days
        .column("game_date")
        .and_then(|c| c.cast(&DataType::Int32))
        .map_err(RequestError::query)?;
    let games = days
        .column("games")
        .and_then(|c| c.cast(&DataType::UInt64))
        .map_err(RequestError::query)?;
    let rows: Vec<(NaiveDate, u64)> = date
        .i32()
        .map_err(RequestError::query)?
        .iter()
        .zip(games.u64().map_err(RequestError::query)?.iter())
        .filter_map(|(d, g)| Some((day(d?)?, g.unwrap_or(0))))
        .collect();
    if rows.is_empty() {
        return Err(RequestError::Data(format!(
            "no shots for {}: check the name",
            subject.describe()
        )));
    }
    let chosen: Vec<&(NaiveDate, u64)> = match dates {
        Dates::LastGames(n) => {
            // Game days, newest first, until n games are in.
            let mut out = Vec::new();
            let mut count = 0;
            for r in rows.iter().rev() {
                if count >= n as u64 {
                    break;
                }
                count += r.1;
                out.push(r);
            }
            out
        }
        Dates::Range(a, b) => rows.iter().filter(|r| r.0 >= a && r.0 <= b).collect(),
        Dates::All => rows.iter().collect(),
    };
    let first = chosen.iter().map(|r| r.0).min();
    let last = chosen.iter().map(|r| r.0).max();
    match (first, last) {
        (Some(a), Some(b)) => Ok((a, b, chosen.iter().map(|r| r.1 as usize).sum())),
        _ => Err(RequestError::Data(format!(
            "no games of {} in those dates",
            subject.describe()
        ))),
    }
}

/// The `n` players of `filter`'s selection with the most attempts (ties by name).
fn top_players(
    shots: &LazyFrame,
    filter: &ShotFilter,
    n: usize,
) -> Result<Vec<String>, RequestError> {
    let df = filter
        .apply(shots.clone())
        .and_then(|lf| {
            lf.filter(col("player").is_not_null())
                .group_by([col("player")])
                .agg([len().alias("fga")])
                .sort_by_exprs(
                    [col("fga"), col("player")],
                    SortMultipleOptions::default().with_order_descending_multi([true, false]),
                )
                .limit(n as IdxSize)
                .collect()
        })
        .map_err(RequestError::query)?;
    Ok(df
        .column("player")
        .and_then(|c| c.str().cloned())
        .map_err(RequestError::query)?
        .iter()
        .flatten()
        .map(str::to_string)
        .collect())
}

/// Whether the load data has `player` (any player when None).
fn has_load(data: &ReportData, player: Option<&str>) -> Result<bool, RequestError> {
    let Some(load) = &data.load else {
        return Ok(false);
    };
    let lf = match player {
        Some(p) => load.clone().filter(col("player").eq(lit(p))),
        None => load.clone(),
    };
    let n = lf
        .select([len().alias("n")])
        .collect()
        .map_err(RequestError::query)?;
    Ok(n.column("n")
        .ok()
        .and_then(|c| c.get(0).ok())
        .is_some_and(|v| !matches!(v, AnyValue::UInt32(0) | AnyValue::UInt64(0))))
}
