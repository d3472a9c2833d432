//! The app's views: each draws from the app's state and changes only settings; the queries
//! the changes call for are submitted after the frame is drawn.

pub mod data;
pub mod export;
pub mod load;
pub mod report;
pub mod shots;
pub mod tracking;

/// A text field's accessible name and visible label in one: screen readers and UI tests find
/// the field by it.
pub(crate) fn labelled_text(
    ui: &mut egui::Ui,
    label: &str,
    text: &mut String,
    hint: &str,
) -> egui::Response {
    let l = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(text)
            .id_salt(("field", label))
            .hint_text(hint)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(l.id)
}

/// What a view asks of the app; the app does it once the frame's views are drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Ask {
    /// Open the export window.
    Export,
    /// Copy the current view's table to the clipboard.
    CopyTable,
    /// Let the user choose a baseline file for the shots view.
    PickBaselineFile,
    /// Add a block (a chart or table with its request) to the report.
    AddToReport(Box<crate::report::Block>),
    /// Start an empty report.
    NewReport,
    /// Open a report file.
    OpenReport,
    /// Open this report file.
    OpenReportFile(std::path::PathBuf),
    /// Save the report (true: under a new name).
    SaveReport(bool),
    /// Export the report (true: PDF, false: PNG pages).
    ExportReport(bool),
}

/// What a view may use of the app: the open data, read-only; whether sources are still
/// being read; a place for its requests to the app; the figure the status bar shows.
/// A view's own jobs and results are its own.
pub struct ViewContext<'a> {
    pub data: &'a crate::app::work::Combined,
    /// Sources are still being read or combined.
    pub loading: bool,
    pub asks: &'a mut Vec<Ask>,
    /// How long the last query took, for the status bar.
    pub last_query: &'a mut Option<std::time::Duration>,
    /// Strict mode: an answer that leaves rows out is an error.
    pub strict: bool,
}

/// A busy indicator that turns at twelve frames a second. egui's spinner asks for a new
/// frame at once, every frame: while a file is read or a query runs, the app then draws as
/// fast as it can, and with software rendering (no GPU, a remote desktop) that took a core
/// from the work it waits for (an archive's first chart: 1.5 s instead of 0.9 s).
pub(crate) fn spinner(ui: &mut egui::Ui) -> egui::Response {
    let size = ui.style().spacing.interact_size.y;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    paint_spinner(ui, rect);
    response
}

/// [`spinner`] drawn in `rect`.
pub(crate) fn paint_spinner(ui: &egui::Ui, rect: egui::Rect) {
    const FPS: f64 = 12.0;
    if ui.is_rect_visible(rect) {
        let t = (ui.input(|i| i.time) * FPS).floor() / FPS;
        let radius = rect.height().min(rect.width()) / 2.0 - 2.0;
        let start = t * std::f64::consts::TAU;
        let end = start + 240f64.to_radians() * t.sin();
        let points: Vec<egui::Pos2> = (0..=20)
            .map(|i| {
                let a = start + (end - start) * f64::from(i) / 20.0;
                rect.center() + radius * egui::vec2(a.cos() as f32, a.sin() as f32)
            })
            .collect();
        let color = ui.visuals().strong_text_color();
        ui.painter()
            .add(egui::Shape::line(points, egui::Stroke::new(3.0, color)));
    }
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_secs_f64(1.0 / FPS));
}
