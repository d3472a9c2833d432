//! The load view: the team overview for a day (sortable, coloured by band, warm-up marked),
//! and the chosen player's timeline.

use chrono::NaiveDate;
use egui::{RichText, Ui, vec2};
use polars::prelude::IntoLazy;

use crate::analysis::load::{Bands, Measure};
use crate::app::jobs::{AppError, Jobs};
use crate::app::state::{LoadSettings, LoadTable};
use crate::app::views::{self, Ask, ViewContext};
use crate::app::work::{LoadData, TableText};
use crate::charts::Chart;
use crate::charts::load::Shown;
use crate::charts::screen as draw;
use crate::report::{Block, ChartBlock, DateRef, TableBlock};
mod tables;
use tables::{HEADERS, band_days_table, cells, overview_table};
pub use tables::{order, sorted};

use crate::request::load::{
    self as request, LoadChart, LoadChartRequest, LoadRange, LoadRequest, LoadResult,
};

/// The load view's state between frames.
pub struct LoadView {
    /// The overview's query, the view's one job.
    jobs: Jobs<(), LoadResult>,
    pub result: Option<Box<LoadResult>>,
    pub error: Option<String>,
    pub dirty: bool,
    submitted: Option<LoadRequest>,
    /// The chart shown, and what it was made from.
    chart: Option<(LoadChartRequest, Chart)>,
    day_text: Option<String>,
    /// The range's first and last day as typed.
    range_text: Option<(String, String)>,
}

fn measure_of(s: &LoadSettings, data: &LoadData) -> Option<Measure> {
    s.measure
        .filter(|m| data.measures.contains(m))
        .or(data.measures.first().copied())
}

impl LoadView {
    /// The view; `ctx` is asked for a frame when a query ends.
    pub fn new(ctx: &egui::Context) -> Self {
        Self {
            jobs: Jobs::new(Some(ctx.clone())),
            result: None,
            error: None,
            dirty: true,
            submitted: None,
            chart: None,
            day_text: None,
            range_text: None,
        }
    }

    /// Whether a query runs.
    pub fn busy(&self) -> bool {
        self.jobs.busy()
    }

    /// What runs, with how long it has run.
    pub fn running(&self) -> Vec<(String, std::time::Duration)> {
        self.jobs.running()
    }

    /// Takes the finished query's result.
    pub fn poll(&mut self, ctx: &mut ViewContext<'_>) {
        for done in self.jobs.poll(std::time::Duration::from_millis(4)) {
            match done.result {
                Ok(r) => {
                    *ctx.last_query = Some(done.elapsed);
                    self.error = None;
                    self.result = Some(Box::new(r));
                    // The chart is made again from the new series.
                    self.chart = None;
                }
                Err(AppError::Cancelled) => {}
                Err(e) => {
                    // No figure stays on screen under an error it may be wrong by.
                    self.error = Some(e.to_string());
                    self.result = None;
                    self.chart = None;
                }
            }
        }
    }

    /// Submits the load query if its settings or the data changed.
    pub fn submit(&mut self, s: &LoadSettings, ctx: &ViewContext<'_>) {
        let Some(data) = &ctx.data.load else {
            return;
        };
        let Some(measure) = measure_of(s, data) else {
            self.error = Some(
                "The load data has no load measure (srpe, player_load, distance_m or hsr_m)."
                    .into(),
            );
            return;
        };
        let q = LoadRequest {
            measure,
            bands: s.bands,
            day: s.day,
            range: s.range,
        };
        if !self.dirty && self.submitted.as_ref() == Some(&q) {
            return;
        }
        let frame = data.frame.clone();
        self.submitted = Some(q.clone());
        let strict = ctx.strict;
        self.jobs.submit((), "computing load", move |_| {
            let r = request::load(frame.as_ref().clone().lazy(), &q)?;
            r.left_out
                .check_strict(strict, "the open load data", "session row")?;
            Ok(r)
        });
        self.dirty = false;
    }

    /// Draws the load view.
    pub fn ui(&mut self, ui: &mut Ui, s: &mut LoadSettings, ctx: &mut ViewContext<'_>) {
        egui::Panel::left("load-settings")
            .resizable(true)
            .default_size(250.0)
            .show(ui, |ui| self.settings(ui, s, ctx));
        egui::CentralPanel::default().show(ui, |ui| self.body(ui, s, ctx));
    }

    /// The chart shown under the overview.
    pub fn chart(&self) -> Option<&Chart> {
        self.chart.as_ref().map(|(_, c)| c)
    }

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

impl LoadView {
    fn settings(&mut self, ui: &mut Ui, s: &mut LoadSettings, ctx: &ViewContext<'_>) {
        ui.heading("Load settings");
        let Some(data) = &ctx.data.load else {
            ui.label("Open a load file (Catapult exports, a load table) to see the team's load.");
            return;
        };
        let current = measure_of(s, data);
        let label = ui.label("Measure");
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
            })
            .response
            .labelled_by(label.id);
        ui.add_space(6.0);
        let shown_day = self.result.as_ref().map(|r| r.day);
        let text = self
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
        let span = self.result.as_ref().map(|r| r.span);
        ui.horizontal(|ui| {
            let current = s.day.or(shown_day);
            // The buttons stop at the data's first and last day.
            for (name, by) in [("◀ Day before", -1), ("Day after ▶", 1)] {
                let next = current
                    .map(|d| d + chrono::Duration::days(by))
                    .filter(|d| span.is_some_and(|(a, b)| (a..=b).contains(d)));
                if ui
                    .add_enabled(next.is_some(), egui::Button::new(name))
                    .clicked()
                    && let Some(d) = next
                {
                    s.day = Some(d);
                    *text = d.to_string();
                }
            }
        });
        ui.add_space(6.0);
        self.range_settings(ui, s);
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

    /// The range the charts and the band counts cover: the weeks up to the day (following
    /// it), all the data, or two dates typed.
    fn range_settings(&mut self, ui: &mut Ui, s: &mut LoadSettings) {
        let shown = self.result.as_ref().map(|r| r.range);
        let (from, to) = self.range_text.get_or_insert_with(|| match s.range {
            LoadRange::Dates(a, b) => (a.to_string(), b.to_string()),
            _ => Default::default(),
        });
        // A preset shows its dates as hints; typed dates replace it.
        let hint = |i: usize| {
            shown.map_or(String::new(), |r| {
                if i == 0 { r.0 } else { r.1 }.to_string()
            })
        };
        let a = views::labelled_text(ui, "Range from", from, &hint(0));
        let b = views::labelled_text(ui, "to", to, &hint(1));
        let parse = |t: &str| NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d");
        if a.changed() || b.changed() {
            match (
                from.trim().is_empty() && to.trim().is_empty(),
                parse(from),
                parse(to),
            ) {
                (true, _, _) => s.range = LoadRange::default(),
                (false, Ok(x), Ok(y)) if x <= y => s.range = LoadRange::Dates(x, y),
                _ => {}
            }
        }
        let bad = |t: &str| !t.trim().is_empty() && parse(t).is_err();
        if bad(from) || bad(to) {
            ui.colored_label(ui.visuals().error_fg_color, "Write the dates as YYYY-MM-DD");
        } else if let (Ok(x), Ok(y)) = (parse(from), parse(to))
            && x > y
        {
            ui.colored_label(
                ui.visuals().error_fg_color,
                "The range ends before it starts",
            );
        }
        ui.horizontal_wrapped(|ui| {
            for (r, name, tip) in [
                (
                    LoadRange::Weeks(4),
                    "4 weeks",
                    "The four weeks up to the day, following it",
                ),
                (
                    LoadRange::Weeks(8),
                    "8 weeks",
                    "The eight weeks up to the day, following it",
                ),
                (LoadRange::All, "All", "Every day of the data"),
            ] {
                if ui
                    .selectable_label(s.range == r, name)
                    .on_hover_text(tip)
                    .clicked()
                {
                    s.range = r;
                    from.clear();
                    to.clear();
                }
            }
        });
        ui.weak("Every figure comes from each player's whole history: the range only chooses the days shown.");
    }

    fn body(&mut self, ui: &mut Ui, s: &mut LoadSettings, ctx: &mut ViewContext<'_>) {
        if let Some(e) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        let Some(r) = self.result.as_deref() else {
            if self.error.is_some() {
                return;
            }
            ui.centered_and_justified(|ui| {
            if ctx.data.load.is_none() && !ctx.loading {
                ui.label("No load open. Open a load file (File ▸ Open, Ctrl+O) or drop it on the window.");
            } else {
                crate::app::views::spinner(ui);
            }
        });
            return;
        };
        ui.horizontal(|ui| {
            ui.selectable_value(
                &mut s.table,
                LoadTable::Overview,
                RichText::new(format!("Team on {}", r.day)).heading(),
            );
            ui.selectable_value(
                &mut s.table,
                LoadTable::BandDays,
                RichText::new(format!("Days in bands, {} to {}", r.range.0, r.range.1)).heading(),
            );
            ui.label(RichText::new(format!("· {}", r.query.measure.column())).heading());
            if self.jobs.busy() {
                crate::app::views::spinner(ui);
            }
        });
        if let Some(m) = r.left_out.message("session row") {
            ui.colored_label(ui.visuals().warn_fg_color, format!("⚠ {m}"));
        }
        let table_h = (ui.available_height() * 0.45).max(160.0);
        let selected = s
            .player
            .clone()
            .filter(|p| r.series.iter().any(|s| &s.player == p))
            .or_else(|| sorted(r, s).first().map(|r| r.player.clone()));
        if s.table == LoadTable::BandDays {
            ui.weak("Days each player spent in each band over the range; warm-up days (ratio not yet reliable) are counted apart. Click a player for the timeline.");
            if let Some(p) = band_days_table(ui, r, selected.as_deref(), table_h) {
                s.player = Some(p);
            }
        } else {
            overview_table(ui, r, s, selected.clone(), table_h);
        }
        ui.separator();
        ui.horizontal(|ui| {
            for (k, name) in [
                (LoadChart::Timeline, "Timeline"),
                (LoadChart::Weekly, "Weekly load"),
                (LoadChart::Team, "Team bands"),
            ] {
                ui.selectable_value(&mut s.chart, k, name);
            }
            ui.separator();
            if ui
                .button("Chart to report")
                .on_hover_text("Add this chart, over the range, to the report")
                .clicked()
            {
                ctx.asks.push(Ask::AddToReport(Box::new(Block::Charts(vec![
                    ChartBlock::Load {
                        chart: s.chart,
                        player: (s.chart != LoadChart::Team)
                            .then(|| selected.clone())
                            .flatten(),
                        measure: Some(r.query.measure),
                        from: Some(r.range.0),
                        to: Some(r.range.1),
                        dates: DateRef::Own,
                    },
                ]))));
            }
            if ui
                .button("Overview to report")
                .on_hover_text("Add the team on this day to the report")
                .clicked()
            {
                ctx.asks
                    .push(Ask::AddToReport(Box::new(Block::Table(Box::new(
                        TableBlock::LoadOverview {
                            measure: Some(r.query.measure),
                            day: Some(r.day),
                        },
                    )))));
            }
        });
        let Some(chart) = chart_of(&mut self.chart, r, s, selected) else {
            return;
        };
        let size = vec2(ui.available_width(), ui.available_height().max(200.0));
        let scene = chart.layout(size.x as f64, size.y as f64);
        let c = draw::chart(ui, &scene, None, None, size);
        if let Some(t) = c.tip {
            c.response.on_hover_text_at_pointer(t);
        }
    }
}

/// The chart to show, made again only when what it shows changed.
fn chart_of<'a>(
    cache: &'a mut Option<(LoadChartRequest, Chart)>,
    r: &LoadResult,
    s: &LoadSettings,
    player: Option<String>,
) -> Option<&'a Chart> {
    let q = LoadChartRequest {
        chart: s.chart,
        measure: r.query.measure,
        bands: r.query.bands,
        player: if s.chart == LoadChart::Team {
            None
        } else {
            Some(player?)
        },
        shown: Shown {
            from: Some(r.range.0),
            to: Some(r.range.1),
            day: Some(r.day),
        },
    };
    if cache.as_ref().is_none_or(|(old, _)| *old != q) {
        *cache = request::chart(&r.series, &q).ok().map(|c| (q, c));
    }
    cache.as_ref().map(|(_, c)| c)
}
