//! The templates Courtside ships: an opponent scouting report and a player development
//! report.

use crate::analysis::shots::ShotFilter;
use crate::charts::spec::ChartKind;
use crate::court::Court;
use crate::report::{Block, ChartBlock, DateRef, Each, Page, Report, TableBlock};
use crate::request::load::LoadChart;
use crate::request::shots::Baseline;

/// The built-in templates' names.
pub const BUILTINS: [&str; 2] = ["opponent", "development"];

/// A built-in template by name.
pub fn builtin(name: &str) -> Option<Report> {
    match name {
        "opponent" => Some(opponent(5)),
        "development" => Some(development()),
        _ => None,
    }
}

fn team() -> ShotFilter {
    ShotFilter {
        teams: vec!["{team}".into()],
        ..Default::default()
    }
}

fn player() -> ShotFilter {
    ShotFilter {
        players: vec!["{player}".into()],
        ..Default::default()
    }
}

/// A player's shots for the team (not for a team he was traded from).
fn team_player() -> ShotFilter {
    ShotFilter {
        teams: vec!["{team}".into()],
        ..player()
    }
}

fn shots(filter: ShotFilter, kind: ChartKind, dates: DateRef) -> ChartBlock {
    ChartBlock::Shots {
        filter,
        baseline: Baseline::League,
        kind,
        court: Court::Nba,
        dates,
    }
}

fn zones(filter: ShotFilter, dates: DateRef) -> Block {
    Block::Table(Box::new(TableBlock::Zones {
        filter,
        baseline: Baseline::League,
        dates,
    }))
}

/// The opponent scouting report: a cover, the team's shot profile by zone against the
/// league, and a page per top player (hex chart against the league, zone table, top actions,
/// by-period split, notes).
pub fn opponent(top: u32) -> Report {
    Report {
        title: "{team}: scouting report".into(),
        subject: None,
        pages: vec![
            Page {
                title: "{team}".into(),
                blocks: vec![Block::Cover, Block::Notes("# Keys to the game\n".into())],
                ..Default::default()
            },
            Page {
                title: "{team}: shot profile".into(),
                blocks: vec![
                    Block::Charts(vec![shots(team(), ChartKind::Zones, DateRef::Report)]),
                    zones(team(), DateRef::Report),
                    Block::Table(Box::new(TableBlock::ByPeriod {
                        filter: team(),
                        dates: DateRef::Report,
                    })),
                ],
                ..Default::default()
            },
            Page {
                title: "{player}".into(),
                each: Some(Each::TopPlayers(top)),
                blocks: vec![
                    Block::Charts(vec![shots(team_player(), ChartKind::Hex, DateRef::Report)]),
                    zones(team_player(), DateRef::Report),
                    Block::Table(Box::new(TableBlock::TopActions {
                        filter: team_player(),
                        n: 5,
                        dates: DateRef::Report,
                    })),
                    Block::Table(Box::new(TableBlock::ByPeriod {
                        filter: team_player(),
                        dates: DateRef::Report,
                    })),
                    Block::Notes("# Notes on {player}\n".into()),
                ],
                ..Default::default()
            },
        ],
        ..Default::default()
    }
}

/// The player development report: the player over the report's dates beside as many days
/// before, and the player's load when the data has it.
pub fn development() -> Report {
    Report {
        title: "{player}: development report".into(),
        pages: vec![
            Page {
                title: "{player}".into(),
                blocks: vec![Block::Cover, Block::Notes("# Goals\n".into())],
                ..Default::default()
            },
            Page {
                title: "{player}: this period against the one before".into(),
                blocks: vec![
                    Block::Charts(vec![
                        shots(player(), ChartKind::Hex, DateRef::Report),
                        shots(player(), ChartKind::Hex, DateRef::Before),
                    ]),
                    zones(player(), DateRef::Report),
                    zones(player(), DateRef::Before),
                ],
                ..Default::default()
            },
            Page {
                title: "{player}: load".into(),
                blocks: vec![
                    Block::Charts(vec![ChartBlock::Load {
                        chart: LoadChart::Timeline,
                        player: Some("{player}".into()),
                        measure: None,
                        from: None,
                        to: None,
                        dates: DateRef::Report,
                    }]),
                    Block::Notes("# Load\n".into()),
                ],
                ..Default::default()
            },
        ],
        ..Default::default()
    }
}
