//! The desktop app (eframe/egui). The UI thread only reads state and draws; opening files and
//! running queries go to the job runner ([`jobs`]), whose results come back by channel.

mod checks;
pub mod jobs;
pub mod live;
mod menu;
pub mod state;
mod status;
mod views;
pub mod work;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use polars::prelude::DataFrame;

use jobs::{AppError, Jobs};
use state::{SourceRef, Theme, View, Workspace};
use views::{Ask, ViewContext};
use work::{Combined, OpenedTable, Output, ShotsResult};

use crate::request::load::LoadResult;

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

/// What the app's own jobs are for (each view runs its own queries).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum AppSlot {
    /// Opening one source (by its id).
    Open(u64),
    /// Combining the open sources into the tables the views query.
    Combine,
    /// Checking one open source's tables (by its id), once the views are idle.
    Inspect(u64),
    /// Making the shot filters' lists, after the first chart.
    Lists,
    Export,
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
pub(crate) enum Picked {
    Baseline(PathBuf),
    Open(Vec<PathBuf>),
    Follow(PathBuf),
    ExportFolder(PathBuf),
    SaveWorkspace(PathBuf),
    OpenWorkspace(PathBuf),
    SaveReport(PathBuf),
    OpenReport(PathBuf),
    ExportReport(PathBuf, bool),
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
    pub report: views::report::ReportView,
    pub export: views::export::ExportWindow,
    /// Counts the times the open sources were combined (the report draws again).
    generation: u64,
    /// Things the user should know, newest last: (is an error, text).
    pub messages: Vec<(bool, String)>,
    /// How long the last query took.
    pub last_query: Option<Duration>,
    /// A shot source opened since then and named so, whose first chart is awaited: the time
    /// from opening to the chart is said in the status bar.
    awaiting_chart: Option<(String, std::time::Instant)>,
    /// The live shot feed being followed.
    pub live: Option<live::Live>,
    ctx: egui::Context,
    jobs: Jobs<AppSlot, Output>,
    /// What the views asked of the app this frame.
    asks: Vec<Ask>,
    /// False when the saved workspace is a newer app's: it is left as it is.
    persist: bool,
    next_id: u64,
    picked_tx: Sender<Picked>,
    picked_rx: Receiver<Picked>,
    applied_theme: Option<Theme>,
}

impl CourtsideApp {
    /// The app with the saved workspace (or the sample season the first time); `paths`, when
    /// given, replace its sources.
    pub fn new(cc: &eframe::CreationContext<'_>, paths: Vec<PathBuf>) -> Self {
        match Workspace::restore_checked(cc.storage) {
            Ok(ws) => Self::with_workspace(&cc.egui_ctx, ws.unwrap_or_default(), paths),
            Err(e) => {
                let mut app = Self::with_workspace(&cc.egui_ctx, Workspace::default(), paths);
                app.persist = false;
                app.note(true, e);
                app
            }
        }
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
        crate::charts::screen::install_fonts(ctx);
        let (picked_tx, picked_rx) = channel();
        let mut app = Self {
            shots: ShotsView::new(ctx, &ws.shots),
            load: views::load::LoadView::new(ctx),
            tracking: views::tracking::TrackView::new(ctx),
            report: views::report::ReportView::new(ctx, Default::default()),
            generation: 0,
            export: Default::default(),
            ws,
            sources: Vec::new(),
            combined: Combined::default(),
            messages: Vec::new(),
            last_query: None,
            awaiting_chart: None,
            live: None,
            ctx: ctx.clone(),
            jobs: Jobs::new(Some(ctx.clone())),
            asks: Vec::new(),
            persist: true,
            next_id: 0,
            picked_tx,
            picked_rx,
            applied_theme: None,
        };
        for s in app.ws.sources.clone() {
            app.start_open(s);
        }
        // The report that was open, as it was saved.
        if let Some(p) = app.ws.report.path.clone() {
            let view = app.ws.view;
            app.open_report(&p);
            app.ws.view = view;
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
            AppSlot::Open(id),
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
        self.jobs.cancel(&AppSlot::Open(id));
        self.jobs.cancel(&AppSlot::Inspect(id));
        // In place, so the panel keeps its order.
        self.sources[i] = self.read(reference);
        self.recombine();
    }

    /// Closes a source (cancelling it if it is still being read).
    pub fn close(&mut self, id: u64) {
        self.awaiting_chart = None;
        self.jobs.cancel(&AppSlot::Open(id));
        self.jobs.cancel(&AppSlot::Inspect(id));
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
        let mut frame_warnings: Vec<String> = Vec::new();
        for s in &self.sources {
            if let SourceState::Ready(tables) = &s.state {
                for t in tables {
                    frame_warnings.extend(t.frame_warnings());
                    match (t.info.kind, &t.frame) {
                        (crate::data::TableKind::Shots, Some(f)) => shots.push(f.clone()),
                        (crate::data::TableKind::Load, Some(f)) => load.push(f.clone()),
                        (crate::data::TableKind::Tracking, Some(f)) => tracking.push(f.clone()),
                        _ => {}
                    }
                }
            }
        }
        let mut live_shots = None;
        if let Some(l) = &self.live
            && let Some(f) = l.frame.clone()
        {
            match l.kind {
                Some(crate::data::TableKind::Tracking) => tracking.push(f),
                _ => live_shots = Some(f),
            }
        }
        let base = self.combined.base_shots.clone();
        self.jobs
            .submit(AppSlot::Combine, "combining the sources", move |_| {
                work::combine_live(&shots, live_shots, base, &load, &tracking).map(|mut c| {
                    c.frame_warnings = frame_warnings;
                    Output::Combined(Box::new(c))
                })
            });
    }

    /// Whether work is still running or waiting (a source's check waits for idle views).
    pub fn busy(&self) -> bool {
        self.jobs.busy()
            || self.unlisted()
            || self.unchecked().next().is_some()
            || self.shots.busy()
            || self.load.busy()
            || self.tracking.busy()
            || self.report.busy()
    }

    /// What runs, with how long it has run, oldest first.
    fn running(&self) -> Vec<(String, Duration)> {
        let mut all = self.jobs.running();
        all.extend(self.shots.running());
        all.extend(self.load.running());
        all.extend(self.tracking.running());
        all.extend(self.report.running());
        all.sort_by_key(|r| std::cmp::Reverse(r.1));
        all
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
                (AppSlot::Open(id), result) => {
                    if let Some(s) = self.sources.iter_mut().find(|s| s.id == id) {
                        if let (SourceState::Loading(since), Ok(Output::Opened(tables))) =
                            (&s.state, &result)
                            && tables
                                .iter()
                                .any(|t| t.info.kind == crate::data::TableKind::Shots)
                        {
                            self.awaiting_chart = Some((s.reference.name(), *since));
                        }
                        s.state = match result {
                            Ok(Output::Opened(tables)) => SourceState::Ready(tables),
                            Ok(Output::OpenFailed(f)) => {
                                self.ws.show_data_panel = true;
                                SourceState::Failed(f)
                            }
                            Ok(_) => continue,
                            Err(e) => {
                                self.ws.show_data_panel = true;
                                SourceState::Failed(e.to_string().into())
                            }
                        };
                    }
                    self.recombine();
                }
                (_, Ok(Output::Combined(c))) => {
                    self.combined = *c;
                    // As the checks say now: one may have ended since this combine began.
                    self.combined.frame_warnings = self.frame_warnings();
                    self.generation += 1;
                    self.shots.dirty = true;
                    self.load.dirty = true;
                    self.tracking.data_changed();
                }
                (_, Ok(Output::Listed(data))) => {
                    // For the shots still open: a newer combine drops these lists.
                    let same = |d: &work::ShotData| Arc::ptr_eq(&d.frame, &data.frame);
                    if let Some(b) = self.combined.base_shots.as_mut().filter(|b| same(&b.data)) {
                        b.data = (*data).clone();
                    }
                    if self.combined.shots.as_ref().is_some_and(same) {
                        self.combined.shots = Some(*data);
                    }
                }
                (AppSlot::Lists, Err(e)) => {
                    // Said once; the chart stands, and the lists stay empty.
                    if let Some(s) = self.combined.shots.as_mut() {
                        s.listed = true;
                    }
                    if !matches!(e, AppError::Cancelled) {
                        self.note(true, e.to_string());
                    }
                }
                (AppSlot::Inspect(id), Ok(Output::Inspected(reports))) => self.checked(id, reports),
                (AppSlot::Inspect(id), Err(e)) => {
                    // Cancelled only with its source: nothing to say then.
                    if !matches!(e, AppError::Cancelled) {
                        self.checked(id, vec![Err(e.to_string())]);
                    }
                }
                (_, Ok(Output::Exported(msg))) => {
                    self.export.outcome = Some(Ok(msg.clone()));
                    self.note(false, msg);
                }
                (_, Ok(Output::Opened(..) | Output::OpenFailed(..) | Output::Inspected(..))) => {}
                (_, Err(AppError::Cancelled)) => {}
                (AppSlot::Export, Err(e)) => {
                    self.export.outcome = Some(Err(e.to_string()));
                    self.note(true, e.to_string());
                }
                (AppSlot::Combine, Err(e)) => self.note(true, e.to_string()),
            }
        }
        let loading = self.jobs.busy();
        let mut ctx = ViewContext {
            data: &self.combined,
            loading,
            asks: &mut self.asks,
            last_query: &mut self.last_query,
            strict: self.ws.strict,
        };
        self.shots.poll(&mut ctx);
        self.load.poll(&mut ctx);
        self.tracking.poll(&mut ctx);
        if let Some((error, msg)) = self.report.poll(&self.ctx.clone()) {
            self.note(error, msg);
        }
        if std::mem::take(&mut self.report.applied) {
            // A new report: Save asks where, rather than replacing the last one's file.
            self.ws.report.path = None;
        }
        while let Ok(p) = self.picked_rx.try_recv() {
            match p {
                Picked::Open(paths) => self.open_paths(paths),
                Picked::Baseline(path) => {
                    self.ws.shots.baseline = crate::request::shots::Baseline::File(path)
                }
                Picked::Follow(path) => self.follow(path),
                Picked::ExportFolder(dir) => self.ws.export.folder = Some(dir),
                Picked::SaveWorkspace(path) => self.save_workspace(&path),
                Picked::OpenWorkspace(path) => self.open_workspace(&path),
                Picked::SaveReport(path) => self.save_report(&path),
                Picked::OpenReport(path) => self.open_report(&path),
                Picked::ExportReport(path, pdf) => {
                    match crate::export::refuse_input(&path, &views::export::open_paths(self)) {
                        Ok(()) => self.report.export(&self.combined, path, pdf),
                        Err(e) => self.note(true, e),
                    }
                }
            }
        }
    }

    /// Saves the report to a file, and remembers it in the workspace.
    pub fn save_report(&mut self, path: &std::path::Path) {
        if let Err(e) = crate::export::refuse_input(path, &views::export::open_paths(self)) {
            self.note(true, e);
            return;
        }
        match self.report.report.write(path) {
            Ok(()) => {
                self.report.changed = false;
                self.ws.report.path = Some(path.to_path_buf());
                self.ws.report.remember(path);
                self.note(false, format!("Saved the report to {}", path.display()));
            }
            Err(e) => self.note(true, e.to_string()),
        }
    }

    /// Opens a report file in the Report view.
    pub fn open_report(&mut self, path: &std::path::Path) {
        match crate::report::Report::read(path) {
            Ok(r) => {
                self.report = views::report::ReportView::new(&self.ctx, r);
                self.ws.report.path = Some(path.to_path_buf());
                self.ws.report.remember(path);
                self.ws.view = View::Report;
            }
            Err(e) => self.note(true, e.to_string()),
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
                    self.jobs.cancel(&AppSlot::Open(s.id));
                }
                self.shots = ShotsView::new(&self.ctx, &ws.shots);
                self.load = views::load::LoadView::new(&self.ctx);
                self.tracking = views::tracking::TrackView::new(&self.ctx);
                self.combined = Combined::default();
                self.ws = ws;
                self.report = views::report::ReportView::new(&self.ctx, Default::default());
                if let Some(p) = self.ws.report.path.clone() {
                    let view = self.ws.view;
                    self.open_report(&p);
                    self.ws.view = view;
                }
                for s in self.ws.sources.clone() {
                    self.start_open(s);
                }
                self.note(false, format!("Opened the workspace {}", path.display()));
            }
            Err(e) => self.note(true, e),
        }
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
            View::Report => None,
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
        let mut view_ctx = ViewContext {
            data: &self.combined,
            loading: self.reading(),
            asks: &mut self.asks,
            last_query: &mut self.last_query,
            strict: self.ws.strict,
        };
        match self.ws.view {
            View::Shots => self.shots.ui(ui, &mut self.ws.shots, &mut view_ctx),
            View::Load => self.load.ui(ui, &mut self.ws.load, &mut view_ctx),
            View::Tracking => self.tracking.ui(ui, &mut self.ws.tracking, &mut view_ctx),
            View::Report => self.report.ui(
                ui,
                &mut view_ctx,
                self.ws.report.path.as_ref(),
                &self.ws.report.recent,
            ),
        }
        self.answer_asks(&ctx);
        views::export::ui(self, &ctx);
        self.submit_queries();
        // After the views have asked for their queries: a check started before them would
        // take the cores the first chart needs.
        self.check_when_idle();
        if self.shots.error.is_some() {
            // No chart came: nothing to time.
            self.awaiting_chart = None;
        }
        if self.awaiting_chart.is_some()
            && self.shots_result().is_some()
            && !self.shots.busy()
            && !self.jobs.is_running(&AppSlot::Combine)
            && let Some((name, since)) = self.awaiting_chart.take()
        {
            self.note(
                false,
                format!(
                    "{name}: open to first chart in {:.2} s",
                    since.elapsed().as_secs_f64()
                ),
            );
        }
        if self.busy() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        if let Some(l) = &self.live {
            // The badge's "seconds ago" and the refresh interval need frames.
            ctx.request_repaint_after(l.interval.min(Duration::from_millis(250)));
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if !self.persist {
            return;
        }
        self.ws.persist(storage);
    }
}

impl CourtsideApp {
    /// Starts the queries whose inputs changed since the last frame.
    fn submit_queries(&mut self) {
        let ctx = ViewContext {
            data: &self.combined,
            loading: self.reading(),
            asks: &mut self.asks,
            last_query: &mut self.last_query,
            strict: self.ws.strict,
        };
        self.shots.submit(&self.ws.shots, &ctx);
        self.load.submit(&self.ws.load, &ctx);
        self.tracking.submit(&self.ws.tracking, &ctx);
        if self.ws.view == View::Report {
            self.report.submit(&self.combined, self.generation);
        }
    }

    /// Does what the views asked for this frame.
    fn answer_asks(&mut self, ctx: &egui::Context) {
        for ask in std::mem::take(&mut self.asks) {
            match ask {
                Ask::Export => self.export.open = true,
                Ask::CopyTable => self.copy_table(ctx),
                Ask::PickBaselineFile => self.dialog(|| {
                    rfd::FileDialog::new()
                        .set_title("Compare with a baseline file (FGA and FGM per zone)")
                        .add_filter("CSV", &["csv"])
                        .pick_file()
                        .map(Picked::Baseline)
                }),
                Ask::AddToReport(block) => {
                    let page = self.report.add(*block);
                    self.note(
                        false,
                        format!("Added to page {page} of the report (Ctrl+4)"),
                    );
                }
                Ask::NewReport => {
                    self.report = views::report::ReportView::new(&self.ctx, Default::default());
                    self.ws.report.path = None;
                }
                Ask::OpenReportFile(p) => self.open_report(&p),
                Ask::OpenReport => self.dialog(|| {
                    rfd::FileDialog::new()
                        .set_title("Open a report")
                        .add_filter("Courtside report", &["json"])
                        .pick_file()
                        .map(Picked::OpenReport)
                }),
                Ask::SaveReport(as_new) => match self.ws.report.path.clone() {
                    Some(p) if !as_new => self.save_report(&p),
                    _ => {
                        let name = format!(
                            "{}{}",
                            views::export::file_stem(&self.report.report.title),
                            crate::report::EXTENSION
                        );
                        self.dialog(move || {
                            rfd::FileDialog::new()
                                .set_title("Save the report")
                                .set_file_name(name)
                                .save_file()
                                .map(Picked::SaveReport)
                        })
                    }
                },
                Ask::ExportReport(is_pdf) => {
                    let stem = views::export::file_stem(&self.report.report.title);
                    self.dialog(move || {
                        let d = rfd::FileDialog::new();
                        if is_pdf {
                            d.set_title("Export the report as PDF")
                                .set_file_name(format!("{stem}.pdf"))
                                .add_filter("PDF", &["pdf"])
                                .save_file()
                        } else {
                            d.set_title("Export the report's pages as PNG into a folder")
                                .pick_folder()
                        }
                        .map(|p| Picked::ExportReport(p, is_pdf))
                    })
                }
            }
        }
    }
}
