//! What the app remembers between runs: the workspace. Settings, sources, mappings, filters
//! and the view — never data.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::analysis::load::{Bands, Measure};
use crate::analysis::shots::ShotFilter;
use crate::charts::spec::ChartKind;
use crate::court::Court;
use crate::data::mapping::MappingStore;
use crate::request::load::LoadChart;
use crate::request::load::LoadRange;
use crate::request::shots::Baseline;

/// A source the workspace opens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SourceRef {
    /// The sample season built into the binary.
    Sample,
    /// A file or folder.
    Path(PathBuf),
}

impl SourceRef {
    /// How it is named to a user.
    pub fn name(&self) -> String {
        match self {
            SourceRef::Sample => "Sample season (built in)".into(),
            SourceRef::Path(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string()),
        }
    }
}

/// The main views.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum View {
    #[default]
    Shots,
    Load,
    Tracking,
    Report,
}

/// The report the Report view edits, and the reports opened before.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportSettings {
    /// The report file open (None: a report not saved yet).
    pub path: Option<PathBuf>,
    /// Reports saved or opened, newest first.
    pub recent: Vec<PathBuf>,
}

impl ReportSettings {
    /// Remembers a report file as the newest (ten at most).
    pub fn remember(&mut self, path: &std::path::Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(10);
    }
}

/// Light, dark, or as the system says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

/// The shots view's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShotSettings {
    pub filter: ShotFilter,
    pub chart: ChartKind,
    pub court: Court,
    /// What the selection is compared with.
    pub baseline: Baseline,
    /// The side-by-side comparison, when shown.
    pub compare: Option<Compare>,
}

impl Default for ShotSettings {
    fn default() -> Self {
        Self {
            filter: ShotFilter::default(),
            // Every zone labelled with its FG% and attempts: the first thing a coach reads.
            chart: ChartKind::Zones,
            court: Court::Nba,
            baseline: Baseline::League,
            compare: None,
        }
    }
}

/// What the right-hand chart of a comparison changes from the main selection.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Compare {
    /// Other players (empty: the same players).
    pub players: Vec<String>,
    /// Other periods (empty: the same periods).
    pub periods: Vec<i8>,
}

impl Compare {
    /// The comparison's filter: the main one with the players and periods swapped.
    pub fn filter(&self, main: &ShotFilter) -> ShotFilter {
        let mut f = main.clone();
        if !self.players.is_empty() {
            f.players = self.players.clone();
            // A team filter would hide another team's player.
            f.teams.clear();
        }
        if !self.periods.is_empty() {
            f.periods = self.periods.clone();
        }
        f
    }
}

/// A column of the team overview, for sorting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum LoadSort {
    /// Highest risk first, as the overview comes.
    #[default]
    Risk,
    Player,
    Load,
    Acwr,
    Weekly,
    Monotony,
    Strain,
    DaysSince,
}

/// The load view's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoadSettings {
    /// None: the first measure the data has.
    pub measure: Option<Measure>,
    pub bands: Bands,
    /// The overview's day (None: the last day of the data).
    pub day: Option<NaiveDate>,
    /// The days the charts and the band counts cover.
    pub range: LoadRange,
    /// The table above the chart.
    pub table: LoadTable,
    /// The player whose timeline shows.
    pub player: Option<String>,
    /// The chart under the overview.
    pub chart: LoadChart,
    pub sort: LoadSort,
    pub descending: bool,
}

impl Default for LoadSettings {
    fn default() -> Self {
        Self {
            measure: None,
            bands: Bands::default(),
            day: None,
            range: LoadRange::default(),
            table: LoadTable::Overview,
            player: None,
            chart: LoadChart::Timeline,
            sort: LoadSort::Risk,
            descending: false,
        }
    }
}

/// The load view's tables (and what its CSV export writes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoadTable {
    /// The team on the chosen day.
    #[default]
    Overview,
    /// Days in each band per player over the range.
    BandDays,
    /// Every player's daily series over the range (export only).
    Daily,
}

/// Which bars the tracking view shows beside the court.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TrackBars {
    #[default]
    Speed,
    Distance,
}

/// The tracking view's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrackSettings {
    /// The game and period played back (None: the first).
    pub game: Option<String>,
    pub period: Option<i32>,
    /// Players whose heatmap is shown (empty: everyone).
    pub players: Vec<String>,
    /// The selected time range, `t_ms` (None: the whole period).
    pub range: Option<(i64, i64)>,
    pub grid_m: f64,
    pub one_basket: bool,
    pub smooth_s: f64,
    pub bands: Vec<f64>,
    pub bars: TrackBars,
    /// Playback speed, 1× to 8×.
    pub speed: f32,
    pub court: Court,
}

impl Default for TrackSettings {
    fn default() -> Self {
        Self {
            game: None,
            period: None,
            players: Vec::new(),
            range: None,
            grid_m: 1.0,
            one_basket: false,
            smooth_s: 0.3,
            bands: vec![0.0, 2.0, 4.0, 6.0],
            bars: TrackBars::Speed,
            speed: 1.0,
            court: Court::Nba,
        }
    }
}

/// Export settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportSettings {
    pub width: u32,
    pub height: u32,
    pub dpi: u32,
    /// The folder exports go to.
    pub folder: Option<PathBuf>,
}

impl Default for ExportSettings {
    fn default() -> Self {
        Self {
            width: 1000,
            height: 1100,
            dpi: 96,
            folder: None,
        }
    }
}

/// Everything the app restores on the next start, and what File ▸ Save workspace writes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Workspace {
    /// The version of this layout ([`FORMAT`]); files from before versions read as 0.
    #[serde(default = "before_versions")]
    pub format: u32,
    pub sources: Vec<SourceRef>,
    /// Files opened before, newest first.
    pub recent: Vec<PathBuf>,
    /// Column mappings the user chose, per source file.
    pub mappings: MappingStore,
    pub view: View,
    pub shots: ShotSettings,
    pub load: LoadSettings,
    pub tracking: TrackSettings,
    pub report: ReportSettings,
    pub export: ExportSettings,
    pub theme: Theme,
    pub show_data_panel: bool,
    /// Strict mode: an answer that would leave rows out (no coordinates, no player or date)
    /// is refused with the count, rather than given with a note.
    pub strict: bool,
}

impl Default for Workspace {
    fn default() -> Self {
        Self {
            format: FORMAT,
            sources: vec![SourceRef::Sample],
            recent: Vec::new(),
            mappings: MappingStore::default(),
            view: View::Shots,
            shots: ShotSettings::default(),
            load: LoadSettings::default(),
            tracking: TrackSettings::default(),
            report: ReportSettings::default(),
            export: ExportSettings::default(),
            theme: Theme::System,
            strict: false,
            // The views need the width; the panel opens itself when a source fails.
            show_data_panel: false,
        }
    }
}

/// The version of the workspace layout this app writes. 0: before versions (up to 0.1.0,
/// no `format`, baseline or load chart); 1: adds them. Each reads the ones before it.
pub const FORMAT: u32 = 1;

fn before_versions() -> u32 {
    0
}

/// The key of the workspace in eframe's storage.
pub const STORAGE_KEY: &str = "courtside-workspace";

/// How many recent files are kept.
const RECENT: usize = 10;

impl Workspace {
    /// Restores the workspace from eframe's storage, if one was saved.
    pub fn restore(storage: Option<&dyn eframe::Storage>) -> Option<Workspace> {
        Self::restore_checked(storage).ok().flatten()
    }

    /// Restores the workspace from eframe's storage: None if none was saved, an error when a
    /// newer app saved it.
    pub fn restore_checked(
        storage: Option<&dyn eframe::Storage>,
    ) -> Result<Option<Workspace>, String> {
        let Some(ws) = storage.and_then(|s| eframe::get_value::<Workspace>(s, STORAGE_KEY)) else {
            return Ok(None);
        };
        if ws.format > FORMAT {
            // A newer app's workspace may mean what this one cannot tell.
            return Err(format!(
                "The saved workspace is from a newer Courtside (format {}, this one reads up to \
                 {FORMAT}): this session starts afresh and will not overwrite it",
                ws.format
            ));
        }
        Ok(Some(ws.upgraded()))
    }

    /// The workspace in this app's layout.
    fn upgraded(mut self) -> Workspace {
        self.format = FORMAT;
        self
    }

    /// Saves the workspace into eframe's storage.
    pub fn persist(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, self);
    }

    /// Writes the workspace as a JSON file, atomically.
    pub fn save_file(&self, path: &Path) -> Result<(), String> {
        let text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        crate::export::write_atomic(path, |w| std::io::Write::write_all(w, text.as_bytes()))
            .map_err(|e| format!("{}: cannot save the workspace ({e})", path.display()))
    }

    /// Reads a workspace file.
    pub fn open_file(path: &Path) -> Result<Workspace, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read the workspace ({e})", path.display()))?;
        let ws: Workspace = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{}: not a Courtside workspace file ({e}); save one with File ▸ Save workspace",
                path.display()
            )
        })?;
        if ws.format > FORMAT {
            return Err(format!(
                "{}: saved by a newer Courtside (workspace format {}, this one reads up to {}); \
                 update Courtside to open it",
                path.display(),
                ws.format,
                FORMAT
            ));
        }
        Ok(ws.upgraded())
    }

    /// Whether `path` names a workspace file rather than data.
    pub fn is_workspace_file(path: &Path) -> bool {
        path.to_string_lossy().ends_with(".courtside.json")
    }

    /// Adds `path` to the front of the recent files.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workspace_file_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace {
            view: View::Load,
            ..Default::default()
        };
        ws.shots.filter.players = vec!["Stephen Curry".into()];
        ws.shots.filter.periods = vec![4];
        ws.load.bands.elevated = 1.6;
        ws.remember(Path::new("/data/a.csv"));
        ws.remember(Path::new("/data/b.csv"));
        ws.remember(Path::new("/data/a.csv"));
        let path = dir.path().join("ws.courtside.json");
        ws.save_file(&path).unwrap();
        let back = Workspace::open_file(&path).unwrap();
        assert_eq!(back, ws);
        assert_eq!(
            back.recent,
            vec![PathBuf::from("/data/a.csv"), PathBuf::from("/data/b.csv")]
        );
    }

    #[test]
    fn a_workspace_saved_by_0_1_0_still_opens() {
        // Written by the app as it was before workspaces had a format version.
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/workspace-0.1.0.courtside.json");
        let ws = Workspace::open_file(&path).unwrap();
        assert_eq!(ws.format, FORMAT);
        assert_eq!(
            ws.sources,
            vec![
                SourceRef::Sample,
                SourceRef::Path("/data/NBA_2024_Shots.csv".into())
            ]
        );
        assert_eq!(ws.view, View::Tracking);
        assert_eq!(ws.shots.filter.players, ["Stephen Curry"]);
        assert_eq!(ws.shots.filter.periods, [4]);
        assert_eq!(ws.shots.chart, ChartKind::Hex);
        assert_eq!(
            ws.shots.compare.as_ref().map(|c| c.players.clone()),
            Some(vec!["Seth Curry".to_string()])
        );
        // What 0.1.0 did not have takes its default.
        assert_eq!(ws.shots.baseline, Baseline::League);
        assert_eq!(ws.load.chart, LoadChart::Timeline);
        assert_eq!(ws.load.bands.elevated, 1.6);
        assert_eq!(ws.load.player.as_deref(), Some("Noah Pierce"));
        assert_eq!(ws.load.sort, LoadSort::Acwr);
        assert_eq!(ws.tracking.players, ["Marcus Hale"]);
        assert_eq!(ws.tracking.range, Some((1000, 61000)));
        assert_eq!(ws.tracking.bars, TrackBars::Distance);
        assert_eq!(ws.export.dpi, 192);
        assert_eq!(ws.theme, Theme::Dark);
        // Saved again, it says which layout it has.
        let dir = tempfile::tempdir().unwrap();
        let again = dir.path().join("again.courtside.json");
        ws.save_file(&again).unwrap();
        let text = std::fs::read_to_string(&again).unwrap();
        assert!(text.contains(&format!("\"format\": {FORMAT}")), "{text}");
    }

    #[test]
    fn a_workspace_from_a_newer_app_is_refused_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.courtside.json");
        std::fs::write(&path, r#"{"format": 99}"#).unwrap();
        let e = Workspace::open_file(&path).unwrap_err();
        assert!(e.contains("newer Courtside") && e.contains("99"), "{e}");
    }

    #[test]
    fn the_comparison_swaps_players_and_periods_only() {
        let main = ShotFilter {
            players: vec!["A".into()],
            teams: vec!["T".into()],
            periods: vec![1],
            made: Some(true),
            ..Default::default()
        };
        let c = Compare {
            players: vec!["B".into()],
            periods: vec![],
        };
        let f = c.filter(&main);
        assert_eq!(f.players, vec!["B".to_string()]);
        assert!(f.teams.is_empty());
        assert_eq!(f.periods, vec![1]);
        assert_eq!(f.made, Some(true));
    }
}
