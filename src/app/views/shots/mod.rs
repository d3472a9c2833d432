//! The shots view: filters on the left, the court in the middle (with a second one to
//! compare), the zone table on the right.

use chrono::NaiveDate;
use egui::{Color32, RichText, Ui, vec2};

use crate::app::jobs::{AppError, Jobs, drop_elsewhere};
use crate::app::state::ShotSettings;
use crate::app::views::{Ask, ViewContext};
use crate::app::work::{self, ShotsQuery, ShotsResult, TableText};
use crate::charts::court::layout;
use crate::charts::screen::{self as draw, PanZoom};
use crate::court;
use crate::format::thousands;
use crate::report::{Block, ChartBlock, DateRef, TableBlock};
use crate::request::shots::Baseline;

mod filters;
use filters::filters;

/// The shots view's jobs.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    Main,
    Compare,
}

/// The shots view's state between frames (not persisted: the settings are, in the workspace).
pub struct ShotsView {
    jobs: Jobs<Slot, ShotsResult>,
    pub result: Option<Box<ShotsResult>>,
    pub compare: Option<Box<ShotsResult>>,
    pub error: Option<String>,
    /// Set when the data changed: the query runs again.
    pub dirty: bool,
    submitted: Option<ShotSettings>,
    pub search: String,
    pub compare_search: String,
    pub focus_search: bool,
    pan: [PanZoom; 2],
    from_text: String,
    to_text: String,
    /// The baseline's player search and dates, as typed.
    baseline_search: String,
    baseline_from: String,
    baseline_to: String,
    /// A baseline file's path, as typed or chosen.
    baseline_file: String,
    /// A kind of baseline chosen whose player, dates or file is not picked yet.
    baseline_pending: Option<usize>,
}

impl ShotsView {
    /// The view for saved settings; `ctx` is asked for a frame when a query ends.
    pub fn new(ctx: &egui::Context, s: &ShotSettings) -> Self {
        let text = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        Self {
            jobs: Jobs::new(Some(ctx.clone())),
            result: None,
            compare: None,
            error: None,
            dirty: true,
            submitted: None,
            search: String::new(),
            compare_search: String::new(),
            focus_search: false,
            pan: [PanZoom::default(); 2],
            from_text: text(s.filter.from),
            to_text: text(s.filter.to),
            baseline_search: String::new(),
            baseline_from: String::new(),
            baseline_to: String::new(),
            baseline_file: String::new(),
            baseline_pending: None,
        }
    }
}

impl ShotsView {
    /// The zoom and pan of the main court.
    pub fn pan_zoom(&self) -> PanZoom {
        self.pan[0]
    }

    /// Whether a query runs.
    pub fn busy(&self) -> bool {
        self.jobs.busy()
    }

    /// What runs, with how long it has run.
    pub fn running(&self) -> Vec<(String, std::time::Duration)> {
        self.jobs.running()
    }

    /// Takes the finished queries' results.
    pub fn poll(&mut self, ctx: &mut ViewContext<'_>) {
        for done in self.jobs.poll(std::time::Duration::from_millis(4)) {
            match (done.slot, done.result) {
                (Slot::Main, Ok(r)) => {
                    *ctx.last_query = Some(done.elapsed);
                    self.error = None;
                    drop_elsewhere(self.result.replace(Box::new(r)));
                }
                (Slot::Compare, Ok(r)) => drop_elsewhere(self.compare.replace(Box::new(r))),
                (_, Err(AppError::Cancelled)) => {}
                (slot, Err(e)) => {
                    // A chart of other filters than those shown would mislead.
                    match slot {
                        Slot::Main => drop_elsewhere(self.result.take()),
                        Slot::Compare => drop_elsewhere(self.compare.take()),
                    }
                    self.error = Some(e.to_string());
                }
            }
        }
    }

    /// Submits the shot queries if the settings or the data changed.
    pub fn submit(&mut self, settings: &ShotSettings, ctx: &ViewContext<'_>) {
        let Some(data) = &ctx.data.shots else {
            return;
        };
        if !self.dirty && self.submitted.as_ref() == Some(settings) {
            return;
        }
        let frame = data.frame.clone();
        let q = ShotsQuery {
            filter: settings.filter.clone(),
            chart: settings.chart,
            court: settings.court,
            baseline: settings.baseline.clone(),
            strict: ctx.strict,
        };
        let f = frame.clone();
        let memo = data.baselines.clone();
        self.jobs.submit(Slot::Main, "querying shots", move |c| {
            work::shot_query(&f, &q, c, &memo)
        });
        match &settings.compare {
            Some(c) => {
                let q = ShotsQuery {
                    filter: c.filter(&settings.filter),
                    chart: settings.chart,
                    court: settings.court,
                    baseline: settings.baseline.clone(),
                    strict: ctx.strict,
                };
                let memo = data.baselines.clone();
                self.jobs
                    .submit(Slot::Compare, "querying the comparison", move |c| {
                        work::shot_query(&frame, &q, c, &memo)
                    });
            }
            None => {
                self.jobs.cancel(&Slot::Compare);
                self.compare = None;
            }
        }
        self.submitted = Some(settings.clone());
        self.dirty = false;
    }

    /// Draws the shots view.
    pub fn ui(&mut self, ui: &mut Ui, settings: &mut ShotSettings, ctx: &mut ViewContext<'_>) {
        egui::Panel::left("filters")
            .resizable(true)
            .default_size(270.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    filters(ui, settings, ctx.data.shots.as_ref(), self, ctx.asks);
                });
            });
        egui::Panel::right("zones")
            .resizable(true)
            .default_size(520.0)
            .show(ui, |ui| self.zone_tables(ui, settings, ctx));
        egui::CentralPanel::default().show(ui, |ui| self.charts(ui, settings, ctx));
    }
}

impl ShotsView {
    fn charts(&mut self, ui: &mut Ui, settings: &ShotSettings, ctx: &ViewContext<'_>) {
        let updating = self.jobs.is_running(&Slot::Main) || ctx.loading;
        if let Some(e) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        let Some(main) = self.result.as_deref() else {
            if self.error.is_some() && !updating {
                return;
            }
            ui.centered_and_justified(|ui| {
                if ctx.data.shots.is_none() && !ctx.loading {
                    ui.label(
                        "No shots open. Open a shot file (File ▸ Open, Ctrl+O) or drop it on the window.",
                    );
                } else {
                    crate::app::views::spinner(ui);
                }
            });
            return;
        };
        let [a, b] = &mut self.pan;
        match self.compare.as_deref() {
            Some(other) if settings.compare.is_some() => {
                ui.columns(2, |cols| {
                    chart(&mut cols[0], main, a, updating);
                    chart(&mut cols[1], other, b, updating);
                });
            }
            _ => chart(ui, main, a, updating),
        }
    }

    fn zone_tables(&mut self, ui: &mut Ui, settings: &ShotSettings, ctx: &mut ViewContext<'_>) {
        ui.horizontal(|ui| {
            ui.heading("Zone table");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Export…").on_hover_text("Ctrl+E").clicked() {
                    ctx.asks.push(Ask::Export);
                }
                if let Some(r) = self.result.as_deref() {
                    let q = &r.query;
                    if ui
                        .button("Table to report")
                        .on_hover_text(
                            "Add this zone table, with its filters and baseline, to the report",
                        )
                        .clicked()
                    {
                        ctx.asks
                            .push(Ask::AddToReport(Box::new(Block::Table(Box::new(
                                TableBlock::Zones {
                                    filter: q.filter.clone(),
                                    baseline: q.baseline.clone(),
                                    dates: DateRef::Own,
                                },
                            )))));
                    }
                    if ui
                        .button("Chart to report")
                        .on_hover_text(
                            "Add this chart, with its filters, baseline and court, to the report",
                        )
                        .clicked()
                    {
                        ctx.asks.push(Ask::AddToReport(Box::new(Block::Charts(vec![
                            ChartBlock::Shots {
                                filter: q.filter.clone(),
                                baseline: q.baseline.clone(),
                                kind: q.chart,
                                court: q.court,
                                dates: DateRef::Own,
                            },
                        ]))));
                    }
                }
                if ui
                    .button("Copy")
                    .on_hover_text("Copy the table for a spreadsheet (Ctrl+Shift+C)")
                    .clicked()
                {
                    ctx.asks.push(Ask::CopyTable);
                }
            });
        });
        egui::ScrollArea::both().show(ui, |ui| {
            for w in &ctx.data.frame_warnings {
                ui.colored_label(ui.visuals().warn_fg_color, format!("⚠ {w}."));
            }
            if let Some(r) = self.result.as_deref() {
                ui.weak(format!(
                    "{} · {} shots",
                    r.spec.title,
                    thousands(r.shots as u64)
                ));
                if let Some(m) = r.left_out.message("selected row") {
                    ui.colored_label(ui.visuals().warn_fg_color, m);
                }
                zone_grid(ui, "zones-main", &r.rows);
            }
            if let (Some(_), Some(r)) = (&settings.compare, self.compare.as_deref()) {
                ui.add_space(12.0);
                ui.weak(format!(
                    "{} · {} shots",
                    r.spec.title,
                    thousands(r.shots as u64)
                ));
                zone_grid(ui, "zones-compare", &r.rows);
            }
            ui.add_space(8.0);
            if let Some(r) = self.result.as_deref() {
                ui.weak(format!(
                    "vs base: FG% minus the baseline's, in points. Baseline: {}.",
                    r.baseline.label()
                ));
                ui.weak(baseline_meaning(&r.query.baseline));
            }
        });
    }
}

fn chart(ui: &mut Ui, r: &ShotsResult, pan: &mut PanZoom, updating: bool) {
    if r.mesh.dots_shown < r.mesh.dots_total {
        ui.weak(format!(
            "Showing every {}th shot ({} of {}); exports draw them all",
            r.mesh.dots_total.div_ceil(r.mesh.dots_shown.max(1)),
            thousands(r.mesh.dots_shown as u64),
            thousands(r.mesh.dots_total as u64)
        ));
    }
    // The chart as an export lays it out at this size: title, court, legend.
    let size = ui.available_size().max(vec2(300.0, 300.0));
    let scene = layout(&r.spec, size.x as f64, size.y as f64);
    let c = draw::chart(ui, &scene, Some(&r.mesh), Some(pan), size);
    if updating {
        let at = c.response.rect.right_top() + vec2(-18.0, 18.0);
        crate::app::views::paint_spinner(ui, egui::Rect::from_center_size(at, vec2(16.0, 16.0)));
    }
    if let Some((x, y)) = c.hover_court {
        let tip = c.tip.clone();
        c.response
            .on_hover_ui_at_pointer(|ui| tooltip(ui, r, tip.as_deref(), x, y));
    }
}

/// What the pointer is over: what its mark tells (a hexagon, a cell) and its zone, against
/// the baseline.
fn tooltip(ui: &mut Ui, r: &ShotsResult, tip: Option<&str>, x: f64, y: f64) {
    let pct = |v: f64| format!("{:.1}%", v * 100.0);
    if let Some(t) = tip {
        ui.label(t);
        ui.separator();
    }
    let zone = court::basic_zone(x, y);
    let c = r.zones[zone as usize];
    ui.strong(zone.label());
    match c.fg_pct() {
        Some(fg) => {
            ui.label(format!("FGA {} · FGM {} · FG {}", c.fga, c.fgm, pct(fg)));
            if let Some(base) = r.baseline.fg.get(zone.label()) {
                let d = (fg - base) * 100.0;
                ui.colored_label(
                    diff_colour(d),
                    format!("{d:+.1} pts vs {} ({})", r.baseline.name, pct(*base)),
                );
            }
        }
        None => {
            ui.label("No shots here in this selection");
        }
    }
}

fn diff_colour(pts: f64) -> Color32 {
    if pts.abs() < 0.05 {
        Color32::GRAY
    } else if pts > 0.0 {
        Color32::from_rgb(200, 70, 55)
    } else {
        Color32::from_rgb(40, 110, 180)
    }
}

fn header(column: &str) -> &str {
    match column {
        "zone" => "Zone",
        "fga" => "FGA",
        "fgm" => "FGM",
        "fg_pct" => "FG%",
        "efg_pct" => "eFG%",
        "share" => "Share",
        "fg_pct_diff" => "vs base",
        other => other,
    }
}

/// The columns the zone table shows (the CSV export has them all).
const SHOWN: [&str; 7] = [
    "zone",
    "fga",
    "fgm",
    "fg_pct",
    "fg_pct_diff",
    "efg_pct",
    "share",
];

fn zone_grid(ui: &mut Ui, id: &str, t: &TableText) {
    let at: Vec<Option<usize>> = SHOWN
        .iter()
        .map(|c| t.columns.iter().position(|x| x == c))
        .collect();
    let league = t.columns.iter().position(|x| x == "baseline_fg_pct");
    egui::Grid::new(id)
        .striped(true)
        .num_columns(SHOWN.len())
        .show(ui, |ui| {
            for c in SHOWN {
                ui.label(RichText::new(header(c)).strong());
            }
            ui.end_row();
            for row in &t.rows {
                for (c, i) in SHOWN.iter().zip(&at) {
                    let v = i.map(|i| row[i].as_str()).unwrap_or("");
                    if *c == "fg_pct_diff" && !v.is_empty() {
                        let n: f64 = v.trim_end_matches('%').parse().unwrap_or(0.0);
                        // No "-0.0": a difference that rounds to nothing has no sign.
                        let n = if n.abs() < 0.05 { 0.0 } else { n };
                        let base = league.map(|i| row[i].as_str()).unwrap_or("");
                        ui.colored_label(diff_colour(n), format!("{n:+.1}"))
                            .on_hover_text(format!("The baseline's FG% here: {base}"));
                    } else {
                        ui.label(v);
                    }
                }
                ui.end_row();
            }
        });
}

/// What a baseline compares with, in a sentence.
fn baseline_meaning(b: &Baseline) -> String {
    match b {
        Baseline::League => {
            "The league: every shot of every game of the seasons in view, whatever the dates, \
             periods or clock chosen."
                .into()
        }
        Baseline::LeagueExcludingUs => {
            "The league without us: every shot of the seasons in view, except the selection's \
             own team's."
                .into()
        }
        Baseline::Player(p) => {
            format!("{p}'s shots at the same moments: the same seasons, dates, periods and clock.")
        }
        Baseline::Dates(a, b) => format!("The same selection from {a} to {b}."),
        Baseline::File(p) => format!("The baseline file {}.", p.display()),
    }
}
