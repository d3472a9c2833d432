//! Scout reports: a report is data (pages of blocks, each block a full request), saved as a
//! readable, versioned `NAME.courtside-report.json`. A template is a report whose blocks say
//! "the team", "each top player" and "the last N games"; [`template::apply`] expands it for
//! a team or a player. [`build`] runs every block's request (the same functions as the app
//! and the command line), [`layout`] lays a page out once, and [`pdf`] writes the pages as
//! a PDF (vector charts, selectable text) or as PNGs.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::analysis::load::Measure;
use crate::analysis::shots::ShotFilter;
use crate::charts::spec::ChartKind;
use crate::court::Court;
use crate::request::load::LoadChart;
use crate::request::shots::Baseline;
use crate::request::tracking::{TrackChart, TrackRequest};

pub mod build;
pub mod layout;
pub mod pdf;
pub mod template;

/// The report file format's version.
pub const FORMAT: u32 = 1;

/// The file name ending of reports and templates.
pub const EXTENSION: &str = ".courtside-report.json";

/// A report: pages of blocks. In a template, text and filters may hold `{team}`, `{player}`,
/// `{dates}`, `{games}` and `{author}`, filled in when it is applied.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Report {
    pub format: u32,
    pub title: String,
    pub author: String,
    pub paper: Paper,
    pub landscape: bool,
    /// What the report covers, once a template is applied (None: a template, or a report
    /// made by hand).
    pub subject: Option<Subject>,
    pub pages: Vec<Page>,
    /// The template it was made from, to apply again (to newer games, or another team).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<Box<Report>>,
}

impl Default for Report {
    fn default() -> Self {
        Report {
            format: FORMAT,
            title: "Report".into(),
            author: String::new(),
            paper: Paper::A4,
            landscape: false,
            subject: None,
            pages: vec![Page::default()],
            template: None,
        }
    }
}

/// Paper sizes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// Width and height in points (1/72 in), portrait.
    pub fn points(self) -> (f64, f64) {
        match self {
            Paper::A4 => (595.276, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

/// Who and when a report covers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Subject {
    pub team: Option<String>,
    pub player: Option<String>,
    pub dates: Dates,
    /// The dates the report covers, once known.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Games covered.
    pub games: usize,
}

/// Which games a template covers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dates {
    /// The last N games of the team (or the player).
    LastGames(u32),
    Range(NaiveDate, NaiveDate),
    #[default]
    All,
}

/// One page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Page {
    pub title: String,
    /// In a template: one page per player of this list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub each: Option<Each>,
    /// The player a page was made for, which keeps its notes when the template is applied
    /// again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub player: Option<String>,
    pub blocks: Vec<Block>,
}

/// Pages repeated over players.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Each {
    /// The team's top N players by attempts over the report's dates.
    TopPlayers(u32),
}

/// One block of a page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    /// The cover: the report's title and what it covers.
    Cover,
    /// Charts side by side.
    Charts(Vec<ChartBlock>),
    Table(Box<TableBlock>),
    /// Text: `# heading`, `- bullet`, `**bold**` lines.
    Notes(String),
}

/// Which dates a block's filter takes when a template is applied.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateRef {
    /// The filter's own dates.
    #[default]
    Own,
    /// The report's dates.
    Report,
    /// As many days just before the report's dates.
    Before,
}

/// A chart and its full request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartBlock {
    Shots {
        filter: ShotFilter,
        #[serde(default)]
        baseline: Baseline,
        kind: ChartKind,
        #[serde(default)]
        court: Court,
        #[serde(default)]
        dates: DateRef,
    },
    /// A tracking chart (heatmap, speed zones, distance by period) of a selection.
    Tracking {
        request: TrackRequest,
        chart: TrackChart,
    },
    Load {
        chart: LoadChart,
        /// The player of a timeline or weekly chart.
        #[serde(default)]
        player: Option<String>,
        /// None: the first measure the data has.
        #[serde(default)]
        measure: Option<Measure>,
        #[serde(default)]
        from: Option<NaiveDate>,
        #[serde(default)]
        to: Option<NaiveDate>,
        #[serde(default)]
        dates: DateRef,
    },
}

/// A table and its full request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableBlock {
    /// FGA, FGM, FG% and the baseline per basic zone.
    Zones {
        filter: ShotFilter,
        #[serde(default)]
        baseline: Baseline,
        #[serde(default)]
        dates: DateRef,
    },
    /// The selection's most-used actions with FGA and FG%.
    TopActions {
        filter: ShotFilter,
        n: u32,
        #[serde(default)]
        dates: DateRef,
    },
    /// FGA and FG% by period.
    ByPeriod {
        filter: ShotFilter,
        #[serde(default)]
        dates: DateRef,
    },
    /// The players' tracking summary: minutes, distance, top speed, zones, accelerations.
    TrackingSummary { request: TrackRequest },
    /// The team's load on a day (None: the last day of the data).
    LoadOverview {
        #[serde(default)]
        measure: Option<Measure>,
        #[serde(default)]
        day: Option<NaiveDate>,
    },
}

/// A report file that cannot be read or written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{path}: cannot read it ({detail})")]
    Read { path: String, detail: String },
    #[error(
        "{path}: not a Courtside report ({detail}). Reports are written by Courtside as NAME{EXTENSION}."
    )]
    Parse { path: String, detail: String },
    #[error(
        "{path}: the report is format {found}, newer than this Courtside reads ({FORMAT}): update Courtside"
    )]
    Newer { path: String, found: u32 },
    #[error("{path}: cannot write it ({detail})")]
    Write { path: String, detail: String },
}

impl Report {
    /// Reads a report or template file.
    pub fn read(path: &Path) -> Result<Report, ReportError> {
        let p = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ReportError::Read {
            path: p.clone(),
            detail: e.to_string(),
        })?;
        // Any JSON object would read as an empty report: a report names its format and
        // holds pages.
        let value: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| ReportError::Parse {
                path: p.clone(),
                detail: e.to_string(),
            })?;
        if !(value.get("format").is_some_and(|f| f.is_u64())
            && value.get("pages").is_some_and(|f| f.is_array()))
        {
            return Err(ReportError::Parse {
                path: p,
                detail: "it has no report format and pages".into(),
            });
        }
        let r: Report = serde_json::from_value(value).map_err(|e| ReportError::Parse {
            path: p.clone(),
            detail: e.to_string(),
        })?;
        if r.format > FORMAT {
            return Err(ReportError::Newer {
                path: p,
                found: r.format,
            });
        }
        Ok(r)
    }

    /// Writes the report, atomically.
    pub fn write(&self, path: &Path) -> Result<(), ReportError> {
        let err = |e: String| ReportError::Write {
            path: path.display().to_string(),
            detail: e,
        };
        let text = serde_json::to_string_pretty(self).map_err(|e| err(e.to_string()))?;
        crate::export::write_atomic(path, |w| std::io::Write::write_all(w, text.as_bytes()))
            .map_err(|e| err(e.to_string()))
    }

    /// Whether this is a template still to apply: it names "the team" or "the player", repeats
    /// pages over players, or takes "the report's dates". A report made by hand is printed as
    /// it is.
    pub fn is_template(&self) -> bool {
        if self.subject.is_some() {
            return false;
        }
        let text = serde_json::to_string(&self.pages).unwrap_or_default();
        self.title.contains("{team}")
            || self.title.contains("{player}")
            || text.contains("{team}")
            || text.contains("{player}")
            || text.contains("\"dates\":\"report\"")
            || text.contains("\"dates\":\"before\"")
            || self.pages.iter().any(|p| p.each.is_some())
    }

    /// Page width and height in points, as printed.
    pub fn page_points(&self) -> (f64, f64) {
        let (w, h) = self.paper.points();
        if self.landscape { (h, w) } else { (w, h) }
    }
}
