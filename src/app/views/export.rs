//! The export window: any chart the current view shows, as PNG or SVG, or its table as CSV.
//! The chart is laid out by the same function as on screen and in the command line, drawn by
//! the plotters backend, and written atomically on a worker.

use std::path::PathBuf;

use egui::Ui;
use polars::prelude::*;

use crate::app::AppSlot as Slot;
use crate::app::CourtsideApp;
use crate::app::state::{LoadTable, View};
use crate::app::work::{self, ExportJob, Output};
use crate::charts::Chart;
use crate::request::tracking::TrackChart;

/// What the export writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Png,
    Svg,
    Csv,
}

impl Format {
    fn ext(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Svg => "svg",
            Format::Csv => "csv",
        }
    }
}

/// The export window's state.
#[derive(Default)]
pub struct ExportWindow {
    pub open: bool,
    pub format: Format,
    /// The file name, without extension; empty: named after what is shown.
    pub name: String,
    /// The last export's outcome.
    pub outcome: Option<Result<String, String>>,
    /// Which of the tracking view's charts to export.
    pub track_chart: TrackChart,
    /// Which of the load view's tables a CSV export writes.
    pub load_table: LoadTable,
    /// What the name was typed for: another view or chart starts from its own name.
    named_for: Option<String>,
}

/// A file name from a title: "Stephen Curry · 2023-24" → "stephen-curry-2023-24".
pub fn file_stem(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(80).collect()
}

fn default_stem(app: &CourtsideApp, format: Format) -> String {
    let kind = match (app.ws.view, format) {
        (View::Shots, Format::Csv) => "zones".to_string(),
        (View::Shots, _) => format!("{:?}", app.ws.shots.chart).to_lowercase(),
        (View::Load, Format::Csv) => match app.export.load_table {
            LoadTable::Overview => "overview".into(),
            LoadTable::BandDays => "band-days".into(),
            LoadTable::Daily => "daily".into(),
        },
        (View::Load, _) => format!("{:?}", app.ws.load.chart).to_lowercase(),
        (View::Tracking, Format::Csv) => "summary".into(),
        (View::Tracking, _) => format!("{:?}", app.export.track_chart).to_lowercase(),
        (View::Report, _) => "report".into(),
    };
    let title = match app.ws.view {
        View::Shots => app.shots.result.as_ref().map(|r| r.spec.title.clone()),
        View::Load => app.load.result.as_ref().map(|r| format!("load {}", r.day)),
        View::Tracking => app
            .tracking
            .result
            .as_ref()
            .map(|r| format!("tracking {}", r.spec.title)),
        View::Report => Some(app.report.report.title.clone()),
    };
    match title {
        Some(t) => format!("{}-{kind}", file_stem(&t)),
        None => kind,
    }
}

fn folder(app: &CourtsideApp) -> PathBuf {
    app.ws
        .export
        .folder
        .clone()
        .or_else(|| std::env::var_os("HOME").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The size of a chart's export at 96 dpi: a half court at the settings' size, a full court
/// as tall and narrower, other charts at the settings' width in their own proportions.
/// `court` says whether the chart is on a full court, when it is on a court.
fn export_size(app: &CourtsideApp, court: Option<bool>, natural: (u32, u32)) -> (u32, u32) {
    let e = &app.ws.export;
    match court {
        Some(true) => (e.width.min(e.height * 6 / 10).max(400), e.height),
        Some(false) => (e.width, e.height),
        None => (
            e.width,
            ((natural.1 as f64 * e.width as f64 / natural.0 as f64).round() as u32).max(200),
        ),
    }
}

/// The size the current view's chart exports at, found without copying the chart (a
/// scatter's marks are millions): the window shows it every frame.
fn shown_size(app: &CourtsideApp) -> Option<(u32, u32)> {
    let court = |full: bool| Some(export_size(app, Some(full), (0, 0)));
    match app.ws.view {
        View::Report => None,
        View::Shots => court(app.shots.result.as_ref()?.spec.full_court),
        View::Tracking => {
            let r = app.tracking.result.as_ref()?;
            let bars = match app.export.track_chart {
                TrackChart::Heatmap => return court(r.spec.full_court),
                TrackChart::Speed => &r.speed,
                TrackChart::Distance => &r.periods,
            };
            Some(export_size(
                app,
                None,
                Chart::Bars(bars.clone()).natural_size(),
            ))
        }
        View::Load => Some(export_size(app, None, app.load.chart()?.natural_size())),
    }
}

/// A chart at its export size.
fn chart_job(app: &CourtsideApp, chart: Chart) -> ExportJob {
    let court = match &chart {
        Chart::Court(c) => Some(c.full_court),
        _ => None,
    };
    let (width, height) = export_size(app, court, chart.natural_size());
    ExportJob::Chart {
        chart: Box::new(chart),
        width,
        height,
        dpi: app.ws.export.dpi,
    }
}

/// The job exporting what the current view shows, or why there is nothing to export.
fn job(app: &CourtsideApp, format: Format) -> Result<ExportJob, String> {
    match (app.ws.view, format) {
        (View::Report, _) => Err(
            "A report is exported with Export PDF… or Export PNG pages… in the Report view".into(),
        ),
        (View::Shots, Format::Csv) => {
            let r = app.shots.result.as_ref().ok_or("No zone table yet")?;
            Ok(ExportJob::Table(r.table.clone()))
        }
        (View::Shots, _) => {
            let r = app.shots.result.as_ref().ok_or("No chart yet")?;
            Ok(chart_job(app, Chart::Court(r.spec.clone())))
        }
        (View::Tracking, Format::Csv) => {
            let r = app.tracking.result.as_ref().ok_or("No summary yet")?;
            Ok(ExportJob::Table(r.table.clone()))
        }
        (View::Tracking, _) => {
            let r = app.tracking.result.as_ref().ok_or("No heatmap yet")?;
            let kind = app.export.track_chart;
            let chart = match kind {
                TrackChart::Heatmap => Chart::Court(r.spec.clone()),
                TrackChart::Speed => Chart::Bars(r.speed.clone()),
                TrackChart::Distance => Chart::Bars(r.periods.clone()),
            };
            Ok(chart_job(app, chart))
        }
        (View::Load, Format::Csv) => {
            let r = app.load.result.as_deref().ok_or("No overview yet")?;
            let table = match app.export.load_table {
                LoadTable::Overview => {
                    // In the order shown.
                    let order: Vec<IdxSize> = super::load::order(r, &app.ws.load)
                        .into_iter()
                        .map(|i| i as IdxSize)
                        .collect();
                    let idx = IdxCa::from_vec("".into(), order);
                    r.table.take(&idx)
                }
                LoadTable::BandDays => Ok(r.band_days.clone()),
                LoadTable::Daily => r.daily_table(),
            };
            Ok(ExportJob::Table(table.map_err(|e| e.to_string())?))
        }
        (View::Load, _) => {
            let chart = app.load.chart().ok_or("No chart yet")?;
            Ok(chart_job(app, chart.clone()))
        }
    }
}

/// The files and folders the app has open: an export never writes over them.
pub(crate) fn open_paths(app: &CourtsideApp) -> Vec<PathBuf> {
    app.sources
        .iter()
        .filter_map(|s| match &s.reference {
            crate::app::state::SourceRef::Path(p) => Some(p.clone()),
            _ => None,
        })
        .collect()
}

/// Starts the export to `path`.
pub fn start(app: &mut CourtsideApp, format: Format, path: PathBuf) {
    if let Err(e) = crate::export::refuse_input(&path, &open_paths(app)) {
        app.export.outcome = Some(Err(e));
        return;
    }
    match job(app, format) {
        Ok(j) => {
            app.export.outcome = None;
            app.jobs.submit(Slot::Export, "exporting", move |_| {
                work::export(j, &path).map(Output::Exported)
            });
        }
        Err(e) => app.export.outcome = Some(Err(e.to_string())),
    }
}

/// Draws the export window, when open.
pub fn ui(app: &mut CourtsideApp, ctx: &egui::Context) {
    if !app.export.open {
        return;
    }
    let mut open = true;
    egui::Window::new("Export")
        .open(&mut open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| window(app, ui));
    app.export.open &= open;
}

fn window(app: &mut CourtsideApp, ui: &mut Ui) {
    let what = match app.ws.view {
        View::Shots => "the shot chart, or its zone table",
        View::Load => "the chart under the table, or a table",
        View::Tracking => "a chart of the selected range, or the players' summary",
        View::Report => "charts and tables of the other views (the report has its own Export PDF…)",
    };
    ui.label(format!("Export {what}, as shown."));
    if app.ws.view == View::Shots
        && app.ws.shots.compare.is_some()
        && app.export.format != Format::Csv
    {
        ui.weak("Comparing: the chart and table on the left are exported.");
    }
    if app.export.format != Format::Csv {
        ui.weak("A court is exported whole, whatever the zoom.");
    }
    if app.ws.view == View::Tracking && app.export.format != Format::Csv {
        ui.horizontal(|ui| {
            for (k, name) in [
                (TrackChart::Heatmap, "Heatmap"),
                (TrackChart::Speed, "Speed zones"),
                (TrackChart::Distance, "Distance by period"),
            ] {
                ui.radio_value(&mut app.export.track_chart, k, name);
            }
        });
    }
    ui.horizontal(|ui| {
        ui.radio_value(&mut app.export.format, Format::Png, "PNG");
        ui.radio_value(&mut app.export.format, Format::Svg, "SVG");
        ui.radio_value(&mut app.export.format, Format::Csv, "CSV table");
    });
    let format = app.export.format;
    if app.ws.view == View::Load
        && format == Format::Csv
        && let Some(r) = app.load.result.as_deref()
    {
        let (a, b) = r.range;
        for (k, name) in [
            (LoadTable::Overview, format!("The team on {}", r.day)),
            (LoadTable::BandDays, format!("Days in bands, {a} to {b}")),
            (
                LoadTable::Daily,
                format!("Every player's daily series, {a} to {b}"),
            ),
        ] {
            ui.radio_value(&mut app.export.load_table, k, name);
        }
    }
    if format != Format::Csv {
        let e = &mut app.ws.export;
        egui::Grid::new("export-size")
            .num_columns(2)
            .show(ui, |ui| {
                let l = ui.label("Width (px)");
                ui.add(egui::DragValue::new(&mut e.width).range(200..=8000))
                    .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("Height (px)");
                ui.add(egui::DragValue::new(&mut e.height).range(200..=8000))
                    .labelled_by(l.id);
                ui.end_row();
                if format == Format::Png {
                    let label = ui.label("Resolution");
                    egui::ComboBox::from_id_salt("dpi")
                        .selected_text(format!("{} dpi", e.dpi))
                        .show_ui(ui, |ui| {
                            for d in [96, 144, 192, 300] {
                                ui.selectable_value(&mut e.dpi, d, format!("{d} dpi"));
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                }
            });
    }
    let dir = folder(app);
    ui.horizontal(|ui| {
        ui.label("Folder");
        ui.monospace(dir.display().to_string());
        if ui.button("Choose…").clicked() {
            app.dialog(|| {
                rfd::FileDialog::new()
                    .set_title("Export to folder")
                    .pick_folder()
                    .map(super::super::Picked::ExportFolder)
            });
        }
    });
    let stem_hint = default_stem(app, format);
    // A name typed for one chart does not carry over to another (and overwrite its file).
    let target = format!(
        "{:?} {:?} {:?} {:?} {:?}",
        app.ws.view,
        app.ws.shots.chart,
        app.ws.load.chart,
        app.export.track_chart,
        app.export.load_table
    );
    if app.export.named_for.as_ref() != Some(&target) {
        app.export.name.clear();
        app.export.named_for = Some(target);
    }
    super::labelled_text(ui, "File name", &mut app.export.name, &stem_hint);
    let stem = if app.export.name.trim().is_empty() {
        stem_hint
    } else {
        app.export.name.trim().to_string()
    };
    let path = dir.join(format!("{stem}.{}", format.ext()));
    let size = match (format, shown_size(app)) {
        (Format::Png, Some((width, height))) => {
            let k = app.ws.export.dpi as f64 / 96.0;
            format!(
                ", {} × {} px",
                (width as f64 * k).trunc(),
                (height as f64 * k).trunc()
            )
        }
        (Format::Svg, Some((width, height))) => format!(", {width} × {height}"),
        _ => String::new(),
    };
    ui.weak(format!("Writes {}{size}", path.display()));
    if path.exists() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "A file of that name is there: Export replaces it",
        );
    }
    ui.horizontal(|ui| {
        let busy = app.jobs.is_running(&Slot::Export);
        if ui.add_enabled(!busy, egui::Button::new("Export")).clicked() {
            start(app, format, path);
        }
        if busy {
            crate::app::views::spinner(ui);
        }
    });
    match &app.export.outcome {
        Some(Ok(m)) => {
            ui.label(m);
        }
        Some(Err(e)) => {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        None => {}
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_come_from_titles() {
        assert_eq!(
            super::file_stem("Stephen Curry · 2023-24"),
            "stephen-curry-2023-24"
        );
        assert_eq!(super::file_stem("All shots"), "all-shots");
    }
}
