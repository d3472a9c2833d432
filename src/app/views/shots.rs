//! The shots view: filters on the left, the court in the middle (with a second one to
//! compare), the zone table on the right.

use chrono::NaiveDate;
use egui::{Color32, RichText, Ui, vec2};

use crate::analysis::shots::ShotFilter;
use crate::app::jobs::Slot;
use crate::app::state::{Compare, ShotSettings};
use crate::app::work::{self, Output, ShotData, ShotsQuery, ShotsResult, TableText};
use crate::app::{CourtsideApp, views};
use crate::charts::egui::{self as draw, PanZoom};
use crate::charts::spec::ChartKind;
use crate::cli::thousands;
use crate::court::{self, BasicZone, Court};

/// The shots view's state between frames (not persisted: the settings are, in the workspace).
pub struct ShotsView {
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
}

impl ShotsView {
    /// The view for saved settings.
    pub fn new(s: &ShotSettings) -> Self {
        let text = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        Self {
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
        }
    }
}

impl ShotsView {
    /// The zoom and pan of the main court.
    pub fn pan_zoom(&self) -> PanZoom {
        self.pan[0]
    }
}

/// Submits the shot queries if the settings or the data changed.
pub fn submit(app: &mut CourtsideApp) {
    let Some(data) = &app.combined.shots else {
        return;
    };
    let settings = &app.ws.shots;
    if !app.shots.dirty && app.shots.submitted.as_ref() == Some(settings) {
        return;
    }
    let frame = data.frame.clone();
    let q = ShotsQuery {
        filter: settings.filter.clone(),
        chart: settings.chart,
        court: settings.court,
    };
    let f = frame.clone();
    app.jobs.submit(Slot::Shots, "querying shots", move |c| {
        work::shot_query(&f, &q, c).map(|r| Output::Shots(Box::new(r)))
    });
    match &settings.compare {
        Some(c) => {
            let q = ShotsQuery {
                filter: c.filter(&settings.filter),
                chart: settings.chart,
                court: settings.court,
            };
            app.jobs
                .submit(Slot::Compare, "querying the comparison", move |c| {
                    work::shot_query(&frame, &q, c).map(|r| Output::Compare(Box::new(r)))
                });
        }
        None => {
            app.jobs.cancel(&Slot::Compare);
            app.shots.compare = None;
        }
    }
    app.shots.submitted = Some(settings.clone());
    app.shots.dirty = false;
}

/// Draws the shots view.
pub fn ui(app: &mut CourtsideApp, ui: &mut Ui) {
    egui::Panel::left("filters")
        .resizable(true)
        .default_size(270.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                let CourtsideApp {
                    ws,
                    combined,
                    shots,
                    ..
                } = app;
                filters(ui, &mut ws.shots, combined.shots.as_ref(), shots);
            });
        });
    egui::Panel::right("zones")
        .resizable(true)
        .default_size(520.0)
        .show(ui, |ui| zone_tables(app, ui));
    egui::CentralPanel::default().show(ui, |ui| charts(app, ui));
}

fn toggle<T: PartialEq + Clone>(list: &mut Vec<T>, v: &T) {
    match list.iter().position(|x| x == v) {
        Some(i) => {
            list.remove(i);
        }
        None => list.push(v.clone()),
    }
}

/// A player search with the chosen players as removable chips. `id` keeps two searches apart.
fn player_picker(
    ui: &mut Ui,
    label: &str,
    data: &ShotData,
    chosen: &mut Vec<String>,
    search: &mut String,
    focus: bool,
) {
    let r = views::labelled_text(ui, label, search, "Search players (Ctrl+F)");
    if focus {
        r.request_focus();
    }
    ui.horizontal_wrapped(|ui| {
        for p in chosen.clone() {
            if ui
                .button(format!("✕ {p}"))
                .on_hover_text("Remove from the selection")
                .clicked()
            {
                toggle(chosen, &p);
            }
        }
    });
    let q = search.trim().to_lowercase();
    if q.is_empty() {
        return;
    }
    let mut shown = 0;
    for (p, team) in &data.players {
        if !p.to_lowercase().contains(&q) {
            continue;
        }
        shown += 1;
        if shown > 12 {
            ui.weak("… type more to narrow the list");
            break;
        }
        let text = if team.is_empty() {
            p.clone()
        } else {
            format!("{p} · {team}")
        };
        if ui.selectable_label(chosen.contains(p), text).clicked() {
            toggle(chosen, p);
        }
    }
    if shown == 0 {
        ui.weak("No player matches");
    }
}

/// A drop-down of values with checkboxes; none chosen means all.
fn multi(ui: &mut Ui, label: &str, all: &str, values: &[String], chosen: &mut Vec<String>) {
    let text = match chosen.len() {
        0 => all.to_string(),
        1 => chosen[0].clone(),
        n => format!("{n} chosen"),
    };
    ui.label(label);
    egui::ComboBox::from_id_salt(label)
        .selected_text(text)
        .width(ui.available_width() - 8.0)
        .height(360.0)
        .show_ui(ui, |ui| {
            if ui.selectable_label(chosen.is_empty(), all).clicked() {
                chosen.clear();
            }
            for v in values {
                let mut on = chosen.contains(v);
                if ui.checkbox(&mut on, v).changed() {
                    toggle(chosen, v);
                }
            }
        });
}

fn periods(ui: &mut Ui, available: &[i8], chosen: &mut Vec<i8>) {
    ui.horizontal_wrapped(|ui| {
        for p in available {
            if ui
                .selectable_label(chosen.contains(p), crate::analysis::period_name(*p as i32))
                .clicked()
            {
                toggle(chosen, p);
            }
        }
    });
}

fn date_field(
    ui: &mut Ui,
    label: &str,
    text: &mut String,
    hint: Option<NaiveDate>,
) -> Option<Option<NaiveDate>> {
    let hint = hint
        .map(|d| d.to_string())
        .unwrap_or_else(|| "YYYY-MM-DD".into());
    let r = views::labelled_text(ui, label, text, &hint);
    let t = text.trim();
    let parsed = if t.is_empty() {
        Some(None)
    } else {
        NaiveDate::parse_from_str(t, "%Y-%m-%d").ok().map(Some)
    };
    if parsed.is_none() {
        ui.colored_label(ui.visuals().error_fg_color, "Write the date as YYYY-MM-DD");
    }
    r.changed().then_some(parsed).flatten()
}

fn filters(ui: &mut Ui, s: &mut ShotSettings, data: Option<&ShotData>, view: &mut ShotsView) {
    ui.horizontal(|ui| {
        ui.heading("Filters");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Clear all").clicked() {
                s.filter = ShotFilter::default();
                view.from_text.clear();
                view.to_text.clear();
            }
        });
    });
    let Some(data) = data else {
        ui.label("Open a shot file to filter its shots.");
        return;
    };
    let focus = std::mem::take(&mut view.focus_search);
    player_picker(
        ui,
        "Players",
        data,
        &mut s.filter.players,
        &mut view.search,
        focus,
    );
    ui.add_space(6.0);
    multi(ui, "Team", "All teams", &data.teams, &mut s.filter.teams);
    multi(
        ui,
        "Opponent",
        "All opponents",
        &data.opponents,
        &mut s.filter.opponents,
    );
    if data.seasons.len() > 1 || !s.filter.seasons.is_empty() {
        multi(
            ui,
            "Season",
            "All seasons",
            &data.seasons,
            &mut s.filter.seasons,
        );
    }
    ui.add_space(6.0);
    if let Some(d) = date_field(ui, "From", &mut view.from_text, data.first) {
        s.filter.from = d;
    }
    if let Some(d) = date_field(ui, "To", &mut view.to_text, data.last) {
        s.filter.to = d;
    }
    ui.add_space(6.0);
    ui.label("Period");
    periods(ui, &data.periods, &mut s.filter.periods);
    ui.add_space(6.0);
    egui::CollapsingHeader::new("Zone")
        .default_open(!s.filter.zones.is_empty())
        .show(ui, |ui| {
            for z in BasicZone::ALL {
                let label = z.label().to_string();
                let mut on = s.filter.zones.contains(&label);
                if ui.checkbox(&mut on, z.label()).changed() {
                    toggle(&mut s.filter.zones, &label);
                }
            }
        });
    ui.label("Result");
    ui.horizontal(|ui| {
        ui.radio_value(&mut s.filter.made, None, "All");
        ui.radio_value(&mut s.filter.made, Some(true), "Made");
        ui.radio_value(&mut s.filter.made, Some(false), "Missed");
    });
    ui.separator();
    ui.heading("Chart");
    ui.horizontal_wrapped(|ui| {
        for (k, name) in [
            (ChartKind::Hex, "Hex"),
            (ChartKind::Zones, "Zones"),
            (ChartKind::Scatter, "Scatter"),
            (ChartKind::Grid, "Grid"),
            (ChartKind::Kde, "Density"),
        ] {
            ui.selectable_value(&mut s.chart, k, name);
        }
    });
    ui.horizontal(|ui| {
        ui.label("Court");
        egui::ComboBox::from_id_salt("court")
            .selected_text(s.court.spec().name)
            .show_ui(ui, |ui| {
                for c in [Court::Nba, Court::Wnba, Court::Ncaa, Court::Fiba] {
                    ui.selectable_value(&mut s.court, c, c.spec().name);
                }
            });
    });
    ui.separator();
    let mut comparing = s.compare.is_some();
    if ui
        .checkbox(&mut comparing, "Compare side by side")
        .changed()
    {
        s.compare = comparing.then(Compare::default);
    }
    if let Some(c) = &mut s.compare {
        ui.weak("The right-hand chart: the same filters, with these players or periods instead.");
        player_picker(
            ui,
            "Compare players",
            data,
            &mut c.players,
            &mut view.compare_search,
            false,
        );
        ui.label("Compare periods");
        periods(ui, &data.periods, &mut c.periods);
    }
}

fn charts(app: &mut CourtsideApp, ui: &mut Ui) {
    let updating = app.jobs.is_running(&Slot::Shots) || app.jobs.is_running(&Slot::Combine);
    if let Some(e) = &app.shots.error {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
    if app.shots.result.is_none() {
        ui.centered_and_justified(|ui| {
            if app.combined.shots.is_none() && !app.busy() {
                ui.label(
                    "No shots open. Open a shot file (File ▸ Open, Ctrl+O) or drop it on the window.",
                );
            } else {
                ui.spinner();
            }
        });
        return;
    }
    let ShotsView {
        result,
        compare,
        pan,
        ..
    } = &mut app.shots;
    let Some(main) = result.as_deref() else {
        return;
    };
    match compare.as_deref() {
        Some(other) if app.ws.shots.compare.is_some() => {
            let [a, b] = pan;
            ui.columns(2, |cols| {
                chart(&mut cols[0], main, a, updating);
                chart(&mut cols[1], other, b, updating);
            });
        }
        _ => chart(ui, main, &mut pan[0], updating),
    }
}

fn chart(ui: &mut Ui, r: &ShotsResult, pan: &mut PanZoom, updating: bool) {
    ui.horizontal(|ui| {
        ui.heading(&r.spec.title);
        if updating {
            ui.spinner();
        }
    });
    ui.weak(&r.spec.subtitle);
    if r.mesh.dots_shown < r.mesh.dots_total {
        ui.weak(format!(
            "Showing every {}th shot ({} of {}); exports draw them all",
            r.mesh.dots_total.div_ceil(r.mesh.dots_shown.max(1)),
            thousands(r.mesh.dots_shown as u64),
            thousands(r.mesh.dots_total as u64)
        ));
    }
    // As tall as the court needs at this width, so the legend sits under it.
    let avail = ui.available_size();
    let (x0, x1, y0, y1) = r.spec.court.bounds(r.spec.full_court);
    let fit = avail.x * ((y1 - y0) / (x1 - x0)) as f32 * 1.02;
    let size = vec2(avail.x, fit.min(avail.y - 64.0).max(200.0));
    let c = draw::court(ui, &r.spec, &r.mesh, pan, size);
    if let Some((x, y)) = c.hover {
        c.response.on_hover_ui_at_pointer(|ui| tooltip(ui, r, x, y));
    }
    draw::legend(ui, &r.spec.legend);
}

/// What the pointer is over: its hexagon (hex charts) and its zone, against the baseline.
fn tooltip(ui: &mut Ui, r: &ShotsResult, x: f64, y: f64) {
    let pct = |v: f64| format!("{:.1}%", v * 100.0);
    if let Some(h) = r
        .hexes
        .iter()
        .map(|h| (h, (h.cx - x).hypot(h.cy - y)))
        .filter(|(_, d)| *d < r.hex_width * 0.58)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(h, _)| h)
    {
        ui.strong("This hexagon");
        ui.label(format!(
            "FGA {} · FGM {} · FG {}",
            h.attempts,
            h.made,
            pct(h.made as f64 / h.attempts.max(1) as f64)
        ));
        ui.separator();
    }
    if let Some(n) = r.grid.as_ref().and_then(|g| g.at(x, y)) {
        let size = r.grid.as_ref().map_or(1.0, |g| g.size);
        ui.strong(format!("This {size} ft cell"));
        ui.label(format!("FGA {n:.0}"));
        ui.separator();
    }
    let zone = court::basic_zone(x, y);
    let c = r.zones[zone as usize];
    ui.strong(zone.label());
    match c.fg_pct() {
        Some(fg) => {
            ui.label(format!("FGA {} · FGM {} · FG {}", c.fga, c.fgm, pct(fg)));
            if let Some(base) = r.baseline.get(zone.label()) {
                let d = (fg - base) * 100.0;
                ui.colored_label(
                    diff_colour(d),
                    format!("{d:+.1} pts vs league ({})", pct(*base)),
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
        "fg_pct_diff" => "vs league",
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
                        let base = league.map(|i| row[i].as_str()).unwrap_or("");
                        ui.colored_label(diff_colour(n), format!("{n:+.1}"))
                            .on_hover_text(format!("League FG% here: {base}"));
                    } else {
                        ui.label(v);
                    }
                }
                ui.end_row();
            }
        });
}

fn zone_tables(app: &mut CourtsideApp, ui: &mut Ui) {
    ui.horizontal(|ui| {
        ui.heading("Zone table");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Export…").on_hover_text("Ctrl+E").clicked() {
                app.export.open = true;
            }
            if ui
                .button("Copy")
                .on_hover_text("Copy the table for a spreadsheet (Ctrl+Shift+C)")
                .clicked()
            {
                let ctx = ui.ctx().clone();
                app.copy_table(&ctx);
            }
        });
    });
    egui::ScrollArea::both().show(ui, |ui| {
        if let Some(r) = app.shots.result.as_deref() {
            ui.weak(format!("{} · {} shots", r.spec.title, thousands(r.shots as u64)));
            zone_grid(ui, "zones-main", &r.rows);
        }
        if let (Some(_), Some(r)) = (&app.ws.shots.compare, app.shots.compare.as_deref()) {
            ui.add_space(12.0);
            ui.weak(format!("{} · {} shots", r.spec.title, thousands(r.shots as u64)));
            zone_grid(ui, "zones-compare", &r.rows);
        }
        ui.add_space(8.0);
        ui.weak("vs league: FG% minus the FG% of every open shot at the same moments (seasons, dates, periods), in points.");
    });
}
