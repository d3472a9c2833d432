//! The load view: the team overview for a day (sortable, coloured by band, warm-up marked),
//! and the chosen player's timeline.

use chrono::NaiveDate;
use egui::{RichText, Ui, vec2};
use egui_extras::{Column, TableBuilder};

use crate::analysis::load::{Bands, Measure};
use crate::app::jobs::Slot;
use crate::app::state::{LoadSettings, LoadSort};
use crate::app::work::{self, LoadData, LoadQuery, LoadResult, Output, OverviewRow, TableText};
use crate::app::{CourtsideApp, views};
use crate::charts::egui::{self as draw, colour};
use crate::charts::timeline::band_colour;

/// The load view's state between frames.
#[derive(Default)]
pub struct LoadView {
    pub result: Option<Box<LoadResult>>,
    pub error: Option<String>,
    pub dirty: bool,
    submitted: Option<(Measure, Bands, Option<NaiveDate>)>,
    day_text: Option<String>,
}

fn measure_of(s: &LoadSettings, data: &LoadData) -> Option<Measure> {
    s.measure
        .filter(|m| data.measures.contains(m))
        .or(data.measures.first().copied())
}

/// Submits the load query if its settings or the data changed.
pub fn submit(app: &mut CourtsideApp) {
    let Some(data) = &app.combined.load else {
        return;
    };
    let Some(measure) = measure_of(&app.ws.load, data) else {
        app.load.error = Some(
            "The load data has no load measure (srpe, player_load, distance_m or hsr_m).".into(),
        );
        return;
    };
    let key = (measure, app.ws.load.bands, app.ws.load.day);
    if !app.load.dirty && app.load.submitted == Some(key) {
        return;
    }
    let q = LoadQuery {
        measure,
        bands: app.ws.load.bands,
        day: app.ws.load.day,
    };
    let frame = data.frame.clone();
    app.jobs.submit(Slot::Load, "computing load", move |_| {
        work::load(&frame, &q).map(|r| Output::Load(Box::new(r)))
    });
    app.load.submitted = Some(key);
    app.load.dirty = false;
}

/// The overview's row indices in the order shown.
pub fn order(r: &LoadResult, s: &LoadSettings) -> Vec<usize> {
    let rows = &r.rows;
    let mut idx: Vec<usize> = (0..rows.len()).collect();
    let num = |v: Option<f64>| v.unwrap_or(f64::NEG_INFINITY);
    let by = |f: &dyn Fn(&OverviewRow) -> f64, idx: &mut Vec<usize>| {
        idx.sort_by(|a, b| f(&rows[*a]).total_cmp(&f(&rows[*b])))
    };
    match s.sort {
        LoadSort::Risk => {}
        LoadSort::Player => idx.sort_by(|a, b| rows[*a].player.cmp(&rows[*b].player)),
        LoadSort::Load => by(&|r| r.load, &mut idx),
        LoadSort::Acwr => by(&|r| num(r.acwr), &mut idx),
        LoadSort::Weekly => by(&|r| r.weekly, &mut idx),
        LoadSort::Monotony => by(&|r| num(r.monotony), &mut idx),
        LoadSort::Strain => by(&|r| num(r.strain), &mut idx),
        LoadSort::DaysSince => idx.sort_by_key(|i| rows[*i].days_since.unwrap_or(i64::MAX)),
    }
    if s.descending {
        idx.reverse();
    }
    idx
}

/// The overview's rows in the order shown.
pub fn sorted<'a>(r: &'a LoadResult, s: &LoadSettings) -> Vec<&'a OverviewRow> {
    order(r, s).into_iter().map(|i| &r.rows[i]).collect()
}

const HEADERS: [(&str, LoadSort); 8] = [
    ("Player", LoadSort::Player),
    ("Day load", LoadSort::Load),
    ("ACWR", LoadSort::Acwr),
    ("Band", LoadSort::Risk),
    ("7-day", LoadSort::Weekly),
    ("Monotony", LoadSort::Monotony),
    ("Strain", LoadSort::Strain),
    ("Days since", LoadSort::DaysSince),
];

fn cells(r: &OverviewRow) -> [String; 8] {
    let opt =
        |v: Option<f64>, d: usize| v.map(|v| format!("{v:.d$}")).unwrap_or_else(|| "—".into());
    [
        r.player.clone(),
        format!("{:.0}", r.load),
        opt(r.acwr, 2),
        match (&r.band, r.warmup) {
            (Some(b), true) => format!("{b} (warm-up)"),
            (Some(b), false) => b.clone(),
            (None, _) => "—".into(),
        },
        format!("{:.0}", r.weekly),
        opt(r.monotony, 2),
        opt(r.strain, 0),
        r.days_since
            .map(|d| d.to_string())
            .unwrap_or_else(|| "—".into()),
    ]
}

impl LoadView {
    /// The overview as shown, as text.
    pub fn table_text(&self, s: &LoadSettings) -> Option<TableText> {
        let r = self.result.as_deref()?;
        Some(TableText {
            columns: HEADERS.iter().map(|(h, _)| h.to_string()).collect(),
            rows: sorted(r, s)
                .into_iter()
                .map(|r| cells(r).to_vec())
                .collect(),
        })
    }
}

/// Draws the load view.
pub fn ui(app: &mut CourtsideApp, ui: &mut Ui) {
    egui::Panel::left("load-settings")
        .resizable(true)
        .default_size(250.0)
        .show(ui, |ui| settings(app, ui));
    egui::CentralPanel::default().show(ui, |ui| body(app, ui));
}

fn settings(app: &mut CourtsideApp, ui: &mut Ui) {
    ui.heading("Load settings");
    let Some(data) = &app.combined.load else {
        ui.label("Open a load file (Catapult exports, a load table) to see the team's load.");
        return;
    };
    let s = &mut app.ws.load;
    let current = measure_of(s, data);
    ui.label("Measure");
    egui::ComboBox::from_id_salt("measure")
        .selected_text(current.map(|m| m.column()).unwrap_or("—"))
        .show_ui(ui, |ui| {
            for m in &data.measures {
                if ui
                    .selectable_label(current == Some(*m), m.column())
                    .clicked()
                {
                    s.measure = Some(*m);
                }
            }
        });
    ui.add_space(6.0);
    let shown_day = app.load.result.as_ref().map(|r| r.day);
    let text = app
        .load
        .day_text
        .get_or_insert_with(|| s.day.map(|d| d.to_string()).unwrap_or_default());
    let hint = data
        .last
        .map(|d| format!("{d} (last day)"))
        .unwrap_or_default();
    let r = views::labelled_text(ui, "Day", text, &hint);
    let parsed = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d");
    if r.changed() {
        match (text.trim().is_empty(), parsed) {
            (true, _) => s.day = None,
            (false, Ok(d)) => s.day = Some(d),
            (false, Err(_)) => {}
        }
    }
    if !text.trim().is_empty() && parsed.is_err() {
        ui.colored_label(ui.visuals().error_fg_color, "Write the day as YYYY-MM-DD");
    }
    ui.horizontal(|ui| {
        let step = |d: NaiveDate, by: i64| d + chrono::Duration::days(by);
        if ui.button("◀ Day before").clicked()
            && let Some(d) = s.day.or(shown_day)
        {
            s.day = Some(step(d, -1));
            *text = step(d, -1).to_string();
        }
        if ui.button("Day after ▶").clicked()
            && let Some(d) = s.day.or(shown_day)
        {
            s.day = Some(step(d, 1));
            *text = step(d, 1).to_string();
        }
    });
    ui.separator();
    ui.heading("ACWR bands");
    let b = &mut s.bands;
    egui::Grid::new("bands").num_columns(2).show(ui, |ui| {
        for (label, value, max) in [
            ("Under-loaded below", &mut b.under, 3.0),
            ("Normal up to", &mut b.normal, 3.0),
            ("Elevated up to", &mut b.elevated, 4.0),
        ] {
            let l = ui.label(label);
            ui.add(
                egui::DragValue::new(value)
                    .speed(0.01)
                    .range(0.1..=max)
                    .fixed_decimals(2),
            )
            .labelled_by(l.id);
            ui.end_row();
        }
    });
    // Keep the bands in order whatever is typed.
    b.normal = b.normal.max(b.under + 0.01);
    b.elevated = b.elevated.max(b.normal + 0.01);
    if ui.button("Reset bands").clicked() {
        *b = Bands::default();
    }
    ui.add_space(6.0);
    ui.weak(
        "ACWR bands come from contested literature: a guide for a conversation, never a diagnosis.",
    );
}

fn body(app: &mut CourtsideApp, ui: &mut Ui) {
    if let Some(e) = &app.load.error {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
    let Some(r) = app.load.result.as_deref() else {
        ui.centered_and_justified(|ui| {
            if app.combined.load.is_none() && !app.busy() {
                ui.label("No load open. Open a load file (File ▸ Open, Ctrl+O) or drop it on the window.");
            } else {
                ui.spinner();
            }
        });
        return;
    };
    let s = &mut app.ws.load;
    ui.horizontal(|ui| {
        ui.heading(format!("Team on {} · {}", r.day, r.query.measure.column()));
        if app.jobs.is_running(&Slot::Load) {
            ui.spinner();
        }
    });
    ui.weak("Highest risk first; click a column to sort, a player for the timeline. Warm-up: under 28 days of history, the ratio is not yet reliable.");
    let rows = sorted(r, s);
    let selected = s
        .player
        .clone()
        .filter(|p| r.series.iter().any(|s| &s.player == p))
        .or_else(|| rows.first().map(|r| r.player.clone()));
    let table_h = (ui.available_height() * 0.45).max(160.0);
    let mut clicked: Option<String> = None;
    ui.push_id("overview", |ui| {
        // A click anywhere on a row picks the player, so cell text is not selectable.
        ui.style_mut().interaction.selectable_labels = false;
        TableBuilder::new(ui)
            .striped(true)
            .sense(egui::Sense::click())
            .max_scroll_height(table_h)
            .min_scrolled_height(table_h.min(160.0))
            .column(Column::initial(170.0).at_least(120.0))
            .columns(Column::initial(84.0).at_least(50.0), 2)
            .column(Column::initial(170.0).at_least(90.0))
            .columns(Column::initial(96.0).at_least(60.0), 4)
            .header(22.0, |mut h| {
                for (name, sort) in HEADERS {
                    h.col(|ui| {
                        let arrow = if s.sort == sort {
                            if s.descending { " ▼" } else { " ▲" }
                        } else {
                            ""
                        };
                        if ui
                            .button(RichText::new(format!("{name}{arrow}")).strong())
                            .on_hover_text("Sort by this column")
                            .clicked()
                        {
                            if s.sort == sort {
                                s.descending = !s.descending;
                            } else {
                                s.sort = sort;
                                s.descending = matches!(
                                    sort,
                                    LoadSort::Acwr
                                        | LoadSort::Load
                                        | LoadSort::Weekly
                                        | LoadSort::Strain
                                        | LoadSort::Monotony
                                );
                            }
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(22.0, rows.len(), |mut row| {
                    let o = rows[row.index()];
                    row.set_selected(selected.as_deref() == Some(o.player.as_str()));
                    for (i, text) in cells(o).into_iter().enumerate() {
                        row.col(|ui| {
                            if i == 3 {
                                let c = colour(band_colour(o.band.as_deref()));
                                ui.horizontal(|ui| {
                                    let (rect, _) = ui.allocate_exact_size(
                                        vec2(12.0, 12.0),
                                        egui::Sense::hover(),
                                    );
                                    ui.painter().rect_filled(rect, 2.0, c);
                                    let t = RichText::new(text);
                                    ui.label(if o.warmup { t.italics() } else { t });
                                });
                            } else {
                                ui.label(text);
                            }
                        });
                    }
                    if row.response().clicked() {
                        clicked = Some(o.player.clone());
                    }
                });
            });
    });
    if let Some(p) = clicked {
        s.player = Some(p);
    }
    ui.separator();
    let Some(player) = selected else {
        return;
    };
    let Some(t) = r
        .series
        .iter()
        .position(|s| s.player == player)
        .map(|i| &r.timelines[i])
    else {
        return;
    };
    ui.heading(&t.title);
    ui.weak(&t.subtitle);
    ui.horizontal(|ui| {
        ui.colored_label(colour(crate::charts::timeline::BAR), "■ daily load");
        ui.colored_label(
            colour(crate::charts::timeline::ACUTE),
            "━ acute (7-day EWMA)",
        );
        ui.colored_label(
            colour(crate::charts::timeline::CHRONIC),
            "━ chronic (28-day EWMA)",
        );
        ui.label("━ ACWR (right axis)");
    });
    let size = vec2(ui.available_width(), ui.available_height().max(160.0));
    let (response, hover) = draw::timeline(ui, t, size);
    if let Some(i) = hover {
        let day = t.first + chrono::Days::new(i as u64);
        response.on_hover_ui_at_pointer(|ui| {
            ui.strong(day.format("%a %Y-%m-%d").to_string());
            ui.label(format!("Load {:.0}", t.load[i]));
            ui.label(format!(
                "Acute {:.1} · chronic {:.1}",
                t.acute[i], t.chronic[i]
            ));
            match t.acwr[i] {
                Some(a) => ui.label(format!("ACWR {a:.2} ({})", t.bands.of(a))),
                None => ui.label("No ACWR (no chronic load yet)"),
            };
            if i < crate::analysis::load::CHRONIC_DAYS {
                ui.weak("Warm-up: not yet reliable");
            }
        });
    }
}
