//! The desktop app (eframe/egui). The UI thread only reads state and draws; opening files and
//! running queries go to the job runner ([`jobs`]), whose results come back by channel.

pub mod jobs;
pub mod live;
pub mod state;
mod views;
pub mod work;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use egui::{Key, KeyboardShortcut, Modifiers};
use polars::prelude::DataFrame;

use jobs::{Jobs, Slot};
use state::{SourceRef, Theme, View, Workspace};
use work::{Combined, LoadResult, OpenedTable, Output, ShotsResult};

pub use views::shots::ShotsView;

/// The app id: the window class on Linux, which the `.desktop` file's StartupWMClass names.
pub const APP_ID: &str = "courtside";

/// Opens the window. `paths` replace the workspace's sources when given; `follow` is a live
/// feed to follow.
pub fn run(paths: Vec<PathBuf>, follow: Option<PathBuf>) -> anyhow::Result<()> {
    let icon = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/courtside-256.png"))
        .unwrap_or_default();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Courtside")
            .with_app_id(APP_ID)
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([900.0, 600.0])
            .with_drag_and_drop(true)
            .with_icon(Arc::new(icon)),
        ..Default::default()
    };
    eframe::run_native(
        "Courtside",
        options,
        Box::new(move |cc| {
            let mut app = CourtsideApp::new(cc, paths);
            if let Some(f) = follow {
                app.follow(f);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| {
        anyhow::anyhow!(
            "cannot open the window ({e}). Without a display, run it under Xvfb \
             (`xvfb-run -a courtside`); the command line works without one: `courtside --help`"
        )
    })
}

/// Draws the UI in DejaVu Sans, the font of the exports, so the screen and the files match;
/// it also has the arrows and symbols the UI uses.
fn use_export_font(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "DejaVuSans".into(),
        Arc::new(egui::FontData::from_static(crate::charts::render::FONT)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts.families.entry(family.clone()).or_default().insert(
            usize::from(family == egui::FontFamily::Monospace),
            "DejaVuSans".into(),
        );
    }
    ctx.set_fonts(fonts);
}

/// A source the app has open.
pub struct Source {
    pub id: u64,
    pub reference: SourceRef,
    pub state: SourceState,
}

/// Where a source is.
pub enum SourceState {
    /// Being read since then.
    Loading(std::time::Instant),
    Failed(work::Failure),
    Ready(Vec<OpenedTable>),
}

/// What a native dialog, running on its own thread, chose.
enum Picked {
    Open(Vec<PathBuf>),
    Follow(PathBuf),
    ExportFolder(PathBuf),
    SaveWorkspace(PathBuf),
    OpenWorkspace(PathBuf),
}

/// The app.
pub struct CourtsideApp {
    /// What persists.
    pub ws: Workspace,
    pub sources: Vec<Source>,
    /// The open sources combined, once read.
    pub combined: Combined,
    pub shots: ShotsView,
    pub load: views::load::LoadView,
    pub tracking: views::tracking::TrackView,
    pub export: views::export::ExportWindow,
    /// Things the user should know, newest last: (is an error, text).
    pub messages: Vec<(bool, String)>,
    /// How long the last query took.
    pub last_query: Option<Duration>,
    /// The live shot feed being followed.
    pub live: Option<live::Live>,
    ctx: egui::Context,
    jobs: Jobs<Output>,
    next_id: u64,
    picked_tx: Sender<Picked>,
    picked_rx: Receiver<Picked>,
    applied_theme: Option<Theme>,
}

impl CourtsideApp {
    /// The app with the saved workspace (or the sample season the first time); `paths`, when
    /// given, replace its sources.
    pub fn new(cc: &eframe::CreationContext<'_>, paths: Vec<PathBuf>) -> Self {
        let ws = Workspace::restore(cc.storage).unwrap_or_default();
        Self::with_workspace(&cc.egui_ctx, ws, paths)
    }

    /// The app over a given workspace.
    pub fn with_workspace(ctx: &egui::Context, mut ws: Workspace, paths: Vec<PathBuf>) -> Self {
        let (workspaces, data): (Vec<PathBuf>, Vec<PathBuf>) = paths
            .into_iter()
            .partition(|p| Workspace::is_workspace_file(p));
        let mut failed = None;
        if let Some(w) = workspaces.first() {
            match Workspace::open_file(w) {
                Ok(opened) => ws = opened,
                Err(e) => failed = Some(e),
            }
        }
        if !data.is_empty() {
            ws.sources = data.into_iter().map(SourceRef::Path).collect();
        }
        use_export_font(ctx);
        let (picked_tx, picked_rx) = channel();
        let mut app = Self {
            shots: ShotsView::new(&ws.shots),
            load: Default::default(),
            tracking: Default::default(),
            export: Default::default(),
            ws,
            sources: Vec::new(),
            combined: Combined::default(),
            messages: Vec::new(),
            last_query: None,
            live: None,
            ctx: ctx.clone(),
            jobs: Jobs::new(Some(ctx.clone())),
            next_id: 0,
            picked_tx,
            picked_rx,
            applied_theme: None,
        };
        for s in app.ws.sources.clone() {
            app.start_open(s);
        }
        if let Some(e) = failed {
            app.note(true, e);
        }
        app
    }

    /// Follows a live shot feed file (NDJSON or CSV), replacing the one followed before.
    pub fn follow(&mut self, path: PathBuf) {
        self.live = Some(live::Live::start(&path, Some(self.ctx.clone())));
        self.recombine();
    }

    /// Stops following the live feed; its rows leave the views.
    pub fn stop_following(&mut self) {
        self.live = None;
        self.recombine();
    }

    /// Opens files or folders (adds them to the workspace).
    pub fn open_paths(&mut self, paths: Vec<PathBuf>) {
        for p in paths {
            if Workspace::is_workspace_file(&p) {
                self.open_workspace(&p);
                continue;
            }
            let r = SourceRef::Path(p.clone());
            self.ws.remember(&p);
            if self.sources.iter().any(|s| s.reference == r) {
                continue;
            }
            self.ws.sources.push(r.clone());
            self.start_open(r);
        }
    }

    fn start_open(&mut self, reference: SourceRef) {
        let source = self.read(reference);
        self.sources.push(source);
    }

    /// Starts reading a source; the returned entry shows it loading.
    fn read(&mut self, reference: SourceRef) -> Source {
        self.next_id += 1;
        let id = self.next_id;
        let mappings = self.ws.mappings.clone();
        let r = reference.clone();
        self.jobs.submit(
            Slot::Open(id),
            format!("reading {}", reference.name()),
            move |c| {
                Ok(match work::open_source(&r, &mappings, c) {
                    Ok(t) => Output::Opened(t),
                    Err(f) => Output::OpenFailed(f),
                })
            },
        );
        Source {
            id,
            reference,
            state: SourceState::Loading(std::time::Instant::now()),
        }
    }

    /// Reads a source again (after its mapping changed, or to retry).
    pub fn reopen(&mut self, id: u64) {
        let Some(i) = self.sources.iter().position(|s| s.id == id) else {
            return;
        };
        let reference = self.sources[i].reference.clone();
        self.jobs.cancel(&Slot::Open(id));
        // In place, so the panel keeps its order.
        self.sources[i] = self.read(reference);
        self.recombine();
    }

    /// Closes a source (cancelling it if it is still being read).
    pub fn close(&mut self, id: u64) {
        self.jobs.cancel(&Slot::Open(id));
        if let Some(i) = self.sources.iter().position(|s| s.id == id) {
            let s = self.sources.remove(i);
            self.ws.sources.retain(|r| *r != s.reference);
        }
        self.recombine();
    }

    fn recombine(&mut self) {
        let mut shots: Vec<Arc<DataFrame>> = Vec::new();
        let mut load: Vec<Arc<DataFrame>> = Vec::new();
        let mut tracking: Vec<Arc<DataFrame>> = Vec::new();
        for s in &self.sources {
            if let SourceState::Ready(tables) = &s.state {
                for t in tables {
                    match (t.info.kind, &t.frame) {
                        (crate::data::TableKind::Shots, Some(f)) => shots.push(f.clone()),
                        (crate::data::TableKind::Load, Some(f)) => load.push(f.clone()),
                        (crate::data::TableKind::Tracking, Some(f)) => tracking.push(f.clone()),
                        _ => {}
                    }
                }
            }
        }
        if let Some(l) = &self.live
            && let Some(f) = l.frame.clone()
        {
            match l.kind {
                Some(crate::data::TableKind::Tracking) => tracking.push(f),
                _ => shots.push(f),
            }
        }
        self.jobs
            .submit(Slot::Combine, "combining the sources", move |_| {
                work::combine(&shots, &load, &tracking).map(Output::Combined)
            });
    }

    /// Whether work is still running.
    pub fn busy(&self) -> bool {
        self.jobs.busy()
    }

    /// The shots view's current result.
    pub fn shots_result(&self) -> Option<&ShotsResult> {
        self.shots.result.as_deref()
    }

    /// The load view's current result.
    pub fn load_result(&self) -> Option<&LoadResult> {
        self.load.result.as_deref()
    }

    fn note(&mut self, error: bool, text: impl Into<String>) {
        self.messages.push((error, text.into()));
        let n = self.messages.len();
        if n > 50 {
            self.messages.drain(..n - 50);
        }
    }

    fn poll(&mut self) {
        if let Some(l) = &mut self.live
            && l.poll(Duration::from_millis(2))
        {
            self.recombine();
        }
        for done in self.jobs.poll(Duration::from_millis(4)) {
            match (done.slot, done.result) {
                (Slot::Open(id), result) => {
                    if let Some(s) = self.sources.iter_mut().find(|s| s.id == id) {
                        s.state = match result {
                            Ok(Output::Opened(tables)) => SourceState::Ready(tables),
                            Ok(Output::OpenFailed(f)) => {
                                self.ws.show_data_panel = true;
                                SourceState::Failed(f)
                            }
                            Ok(_) => continue,
                            Err(e) => {
                                self.ws.show_data_panel = true;
                                SourceState::Failed(e.into())
                            }
                        };
                    }
                    self.recombine();
                }
                (_, Ok(Output::Combined(c))) => {
                    self.combined = c;
                    self.shots.dirty = true;
                    self.load.dirty = true;
                    self.tracking.data_changed();
                }
                (_, Ok(Output::Shots(r))) => {
                    self.last_query = Some(done.elapsed);
                    self.shots.error = None;
                    jobs::drop_elsewhere(self.shots.result.replace(r));
                }
                (_, Ok(Output::Compare(r))) => jobs::drop_elsewhere(self.shots.compare.replace(r)),
                (_, Ok(Output::Load(r))) => {
                    self.last_query = Some(done.elapsed);
                    self.load.error = None;
                    self.load.result = Some(r);
                }
                (_, Ok(Output::Tracking(r))) => {
                    self.last_query = Some(done.elapsed);
                    self.tracking.error = None;
                    jobs::drop_elsewhere(self.tracking.result.replace(r));
                }
                (_, Ok(Output::Playback(p))) => {
                    self.tracking.error = None;
                    jobs::drop_elsewhere(self.tracking.playback.replace(p));
                }
                (_, Ok(Output::Exported(msg))) => {
                    self.export.outcome = Some(Ok(msg.clone()));
                    self.note(false, msg);
                }
                (_, Ok(Output::Opened(..) | Output::OpenFailed(..))) => {}
                (Slot::Shots | Slot::Compare, Err(e)) => self.shots.error = Some(e),
                (Slot::Load | Slot::Timeline, Err(e)) => self.load.error = Some(e),
                (Slot::Tracking | Slot::Playback, Err(e)) => self.tracking.error = Some(e),
                (Slot::Export, Err(e)) => {
                    self.export.outcome = Some(Err(e.clone()));
                    self.note(true, e);
                }
                (Slot::Combine, Err(e)) => self.note(true, e),
            }
        }
        while let Ok(p) = self.picked_rx.try_recv() {
            match p {
                Picked::Open(paths) => self.open_paths(paths),
                Picked::Follow(path) => self.follow(path),
                Picked::ExportFolder(dir) => self.ws.export.folder = Some(dir),
                Picked::SaveWorkspace(path) => self.save_workspace(&path),
                Picked::OpenWorkspace(path) => self.open_workspace(&path),
            }
        }
    }

    /// Writes the workspace to a file.
    pub fn save_workspace(&mut self, path: &std::path::Path) {
        match self.ws.save_file(path) {
            Ok(()) => self.note(false, format!("Saved the workspace to {}", path.display())),
            Err(e) => self.note(true, e),
        }
    }

    /// Replaces the workspace with one from a file.
    pub fn open_workspace(&mut self, path: &std::path::Path) {
        match Workspace::open_file(path) {
            Ok(ws) => {
                for s in std::mem::take(&mut self.sources) {
                    self.jobs.cancel(&Slot::Open(s.id));
                }
                self.shots = ShotsView::new(&ws.shots);
                self.load = Default::default();
                self.tracking = Default::default();
                self.combined = Combined::default();
                self.ws = ws;
                for s in self.ws.sources.clone() {
                    self.start_open(s);
                }
                self.note(false, format!("Opened the workspace {}", path.display()));
            }
            Err(e) => self.note(true, e),
        }
    }

    /// Runs a native dialog off the UI thread; its choice comes back by channel.
    fn dialog(&self, pick: impl FnOnce() -> Option<Picked> + Send + 'static) {
        let tx = self.picked_tx.clone();
        // macOS allows its panels only on the main thread; there they are modal anyway.
        if cfg!(target_os = "macos") {
            if let Some(p) = pick() {
                let _ = tx.send(p);
            }
            return;
        }
        let _ = std::thread::Builder::new()
            .name("courtside: file dialog".into())
            .spawn(move || {
                if let Some(p) = pick() {
                    let _ = tx.send(p);
                }
            });
    }

    fn open_dialog(&self, folders: bool) {
        self.dialog(move || {
            let d = rfd::FileDialog::new().set_title("Open data");
            let picked = if folders {
                d.pick_folders()
            } else {
                d.add_filter(
                    "Data (Parquet, CSV, NDJSON)",
                    &["parquet", "csv", "ndjson", "jsonl", "json", "txt"],
                )
                .add_filter("All files", &["*"])
                .pick_files()
            };
            picked.map(Picked::Open)
        });
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        let cmd = |k| KeyboardShortcut::new(Modifiers::COMMAND, k);
        let (open, export, shots, load, track, find, save, copy, data) = ctx.input_mut(|i| {
            (
                i.consume_shortcut(&cmd(Key::O)),
                i.consume_shortcut(&cmd(Key::E)),
                i.consume_shortcut(&cmd(Key::Num1)),
                i.consume_shortcut(&cmd(Key::Num2)),
                i.consume_shortcut(&cmd(Key::Num3)),
                i.consume_shortcut(&cmd(Key::F)),
                i.consume_shortcut(&cmd(Key::S)),
                i.consume_shortcut(&KeyboardShortcut::new(
                    Modifiers::COMMAND | Modifiers::SHIFT,
                    Key::C,
                )),
                i.consume_shortcut(&cmd(Key::D)),
            )
        });
        if open {
            self.open_dialog(false);
        }
        if export {
            self.export.open = true;
        }
        if shots {
            self.ws.view = View::Shots;
        }
        if load {
            self.ws.view = View::Load;
        }
        if track {
            self.ws.view = View::Tracking;
        }
        if find {
            self.ws.view = View::Shots;
            self.shots.focus_search = true;
        }
        if save {
            self.save_workspace_dialog();
        }
        if copy {
            self.copy_table(ctx);
        }
        if data {
            self.ws.show_data_panel = !self.ws.show_data_panel;
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.open_paths(dropped);
        }
    }

    fn save_workspace_dialog(&self) {
        self.dialog(|| {
            rfd::FileDialog::new()
                .set_title("Save workspace")
                .set_file_name("workspace.courtside.json")
                .add_filter("Courtside workspace", &["json"])
                .save_file()
                .map(Picked::SaveWorkspace)
        });
    }

    /// The table of the current view, as text.
    pub fn current_table(&self) -> Option<work::TableText> {
        match self.ws.view {
            View::Shots => self.shots.result.as_ref().map(|r| r.rows.clone()),
            View::Load => self.load.table_text(&self.ws.load),
            View::Tracking => self
                .tracking
                .result
                .as_ref()
                .map(|r| work::TableText::of(&r.table)),
        }
    }

    fn copy_table(&mut self, ctx: &egui::Context) {
        match self.current_table() {
            Some(t) => {
                ctx.copy_text(t.tsv());
                self.note(
                    false,
                    format!("Copied {} rows to the clipboard", t.rows.len()),
                );
            }
            None => self.note(
                true,
                "Nothing to copy yet: the table is still being computed",
            ),
        }
    }

    fn apply_theme(&mut self, ctx: &egui::Context) {
        if self.applied_theme == Some(self.ws.theme) {
            return;
        }
        ctx.set_theme(match self.ws.theme {
            Theme::System => egui::ThemePreference::System,
            Theme::Light => egui::ThemePreference::Light,
            Theme::Dark => egui::ThemePreference::Dark,
        });
        self.applied_theme = Some(self.ws.theme);
    }

    fn menu(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if menu_item(ui, "Open files…", Key::O) {
                    self.open_dialog(false);
                }
                if ui.button("Open folder…").clicked() {
                    self.open_dialog(true);
                }
                ui.menu_button("Open recent", |ui| {
                    if self.ws.recent.is_empty() {
                        ui.weak("No recent files");
                    }
                    for p in self.ws.recent.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            self.open_paths(vec![p]);
                        }
                    }
                });
                if ui.button("Follow a live file…").clicked() {
                    self.dialog(|| {
                        rfd::FileDialog::new()
                            .set_title("Follow a live feed file")
                            .add_filter(
                                "Live feed (NDJSON, CSV)",
                                &["ndjson", "jsonl", "json", "csv"],
                            )
                            .pick_file()
                            .map(Picked::Follow)
                    });
                }
                if ui.button("Open the sample season").clicked()
                    && !self
                        .sources
                        .iter()
                        .any(|s| s.reference == SourceRef::Sample)
                {
                    self.ws.sources.push(SourceRef::Sample);
                    self.start_open(SourceRef::Sample);
                }
                ui.separator();
                if menu_item(ui, "Export…", Key::E) {
                    self.export.open = true;
                }
                ui.separator();
                if ui.button("Save workspace…").clicked() {
                    self.save_workspace_dialog();
                }
                if ui.button("Open workspace…").clicked() {
                    self.dialog(|| {
                        rfd::FileDialog::new()
                            .set_title("Open workspace")
                            .add_filter("Courtside workspace", &["json"])
                            .pick_file()
                            .map(Picked::OpenWorkspace)
                    });
                }
                ui.separator();
                if ui.button("Quit").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("Edit", |ui| {
                if ui.button("Copy table").clicked() {
                    self.copy_table(ui.ctx());
                }
            });
            ui.menu_button("View", |ui| {
                ui.checkbox(&mut self.ws.show_data_panel, "Data panel");
                ui.separator();
                ui.label("Theme");
                ui.radio_value(&mut self.ws.theme, Theme::System, "As the system");
                ui.radio_value(&mut self.ws.theme, Theme::Light, "Light");
                ui.radio_value(&mut self.ws.theme, Theme::Dark, "Dark");
            });
            ui.separator();
            let failed = self
                .sources
                .iter()
                .filter(|s| matches!(s.state, SourceState::Failed(_)))
                .count();
            let n = self.sources.len();
            let sources = format!("{n} source{}", if n == 1 { "" } else { "s" });
            let data = if failed > 0 {
                format!("Data ({sources}, {failed} failed)")
            } else {
                format!("Data ({sources})")
            };
            ui.toggle_value(&mut self.ws.show_data_panel, data)
                .on_hover_text("Show the open sources (Ctrl+D)");
            ui.separator();
            self.live_badge(ui);
            ui.selectable_value(&mut self.ws.view, View::Shots, "Shots")
                .on_hover_text("Ctrl+1");
            ui.selectable_value(&mut self.ws.view, View::Load, "Load")
                .on_hover_text("Ctrl+2");
            ui.selectable_value(&mut self.ws.view, View::Tracking, "Tracking")
                .on_hover_text("Ctrl+3");
        });
    }

    fn live_badge(&mut self, ui: &mut egui::Ui) {
        let Some(l) = &self.live else {
            return;
        };
        let paused = l.paused();
        let ago = l
            .last_event
            .map(|t| format!("{:.1} s ago", t.elapsed().as_secs_f64()))
            .unwrap_or_else(|| "waiting".into());
        let text = if paused {
            "❚❚ Paused".to_string()
        } else {
            format!("● LIVE {:.0}/s · {ago}", l.rate())
        };
        let colour = if paused {
            ui.visuals().weak_text_color()
        } else {
            egui::Color32::from_rgb(214, 60, 50)
        };
        ui.label(egui::RichText::new(text).color(colour).strong())
            .on_hover_text(format!(
                "Following {}: {} rows, {} lines skipped",
                l.path.display(),
                crate::cli::thousands(l.rows),
                l.skipped.len()
            ));
        if ui.button(if paused { "Resume" } else { "Pause" }).clicked() {
            l.set_paused(!paused);
        }
        if ui
            .button("Stop")
            .on_hover_text("Stop following the live file")
            .clicked()
        {
            self.stop_following();
        }
        ui.separator();
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let all = self
                .combined
                .shots
                .as_ref()
                .map(|s| s.frame.height())
                .unwrap_or(0);
            match (&self.shots.result, all) {
                (_, 0) => {
                    ui.label("No shots open");
                }
                (Some(r), all) => {
                    ui.label(format!(
                        "Shots: {} of {}",
                        crate::cli::thousands(r.shots as u64),
                        crate::cli::thousands(all as u64)
                    ));
                }
                (None, all) => {
                    ui.label(format!("Shots: {}", crate::cli::thousands(all as u64)));
                }
            }
            ui.separator();
            match &self.combined.load {
                Some(l) => ui.label(format!(
                    "Load: {} sessions, {} players",
                    crate::cli::thousands(l.frame.height() as u64),
                    l.players.len()
                )),
                None => ui.label("No load open"),
            };
            if let Some(t) = self.last_query {
                ui.separator();
                ui.label(format!("Last query {:.0} ms", t.as_secs_f64() * 1000.0));
            }
            let running = self.jobs.running();
            if let Some((label, _)) = running.first() {
                ui.separator();
                ui.spinner();
                ui.label(if running.len() > 1 {
                    format!("{label} (+{} more)", running.len() - 1)
                } else {
                    label.clone()
                });
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some((error, text)) = self.messages.last() {
                    let t = if *error {
                        egui::RichText::new(text).color(ui.visuals().error_fg_color)
                    } else {
                        egui::RichText::new(text).weak()
                    };
                    ui.add(egui::Label::new(t).truncate()).on_hover_text(text);
                }
            });
        });
    }
}

/// A menu entry with its Ctrl (⌘) shortcut shown; whether it was clicked.
fn menu_item(ui: &mut egui::Ui, text: &str, key: Key) -> bool {
    let shortcut = ui
        .ctx()
        .format_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, key));
    ui.add(egui::Button::new(text).shortcut_text(shortcut))
        .clicked()
}

impl eframe::App for CourtsideApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.apply_theme(&ctx);
        self.poll();
        self.shortcuts(&ctx);
        egui::Panel::top("menu").show(ui, |ui| self.menu(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if self.ws.show_data_panel {
            egui::Panel::left("data")
                .resizable(true)
                .default_size(260.0)
                .show(ui, |ui| views::data::ui(self, ui));
        }
        match self.ws.view {
            View::Shots => views::shots::ui(self, ui),
            View::Load => views::load::ui(self, ui),
            View::Tracking => views::tracking::ui(self, ui),
        }
        views::export::ui(self, &ctx);
        self.submit_queries();
        if self.jobs.busy() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        if let Some(l) = &self.live {
            // The badge's "seconds ago" and the refresh interval need frames.
            ctx.request_repaint_after(l.interval.min(Duration::from_millis(250)));
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.ws.persist(storage);
    }
}

impl CourtsideApp {
    /// Starts the queries whose inputs changed since the last frame.
    fn submit_queries(&mut self) {
        views::shots::submit(self);
        views::load::submit(self);
        views::tracking::submit(self);
    }
}
