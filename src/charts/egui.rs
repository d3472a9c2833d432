//! Draws charts on screen with egui, from the same [`ChartSpec`] and [`Timeline`] the
//! exports draw, in the same colours.
//!
//! A shot chart's fills and dots become one mesh in court coordinates, built off the UI
//! thread ([`CourtMesh::of`]); a frame only moves it to the screen, so a frame costs the same
//! whatever the number of shots behind the chart.

use std::sync::Arc;

use ::egui::epaint::{Mesh, Vertex, WHITE_UV};
use ::egui::{
    Align2, Color32, CornerRadius, FontId, Pos2, Rect, Response, Sense, Shape, Stroke, Ui, Vec2,
    pos2, vec2,
};

use crate::charts::palette::{self, Rgb};
use crate::charts::spec::{ChartSpec, Legend, Mark};
use crate::charts::timeline::{self, Timeline};

/// The most shots a scatter shows on screen; beyond that dots hide each other anyway, and
/// a hex or grid chart says more. Exports draw every shot.
pub const SCATTER_LIMIT: usize = 60_000;

/// An egui colour.
pub fn colour(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

/// A chart's fills and dots as meshes, in court feet with y pointing down.
#[derive(Clone, Default)]
pub struct CourtMesh {
    pub fills: Arc<Mesh>,
    pub dots: Arc<Mesh>,
    /// Shots drawn, of all the chart's shots.
    pub dots_shown: usize,
    pub dots_total: usize,
    /// The chart's labels, so a frame need not look through every mark for them.
    pub labels: Vec<Label>,
    /// The court lines, in the meshes' coordinates.
    pub lines: Vec<Vec<Pos2>>,
}

/// A label of a chart, in court feet (shot frame, y up).
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub x: f64,
    pub y: f64,
    pub text: String,
    pub size: f32,
    pub colour: Color32,
}

fn quad(mesh: &mut Mesh, corners: [Pos2; 4], c: Color32) {
    let i = mesh.vertices.len() as u32;
    for p in corners {
        mesh.vertices.push(Vertex {
            pos: p,
            uv: WHITE_UV,
            color: c,
        });
    }
    mesh.add_triangle(i, i + 1, i + 2);
    mesh.add_triangle(i, i + 2, i + 3);
}

fn fan(mesh: &mut Mesh, points: &[Pos2], c: Color32) {
    let i = mesh.vertices.len() as u32;
    for p in points {
        mesh.vertices.push(Vertex {
            pos: *p,
            uv: WHITE_UV,
            color: c,
        });
    }
    for k in 1..points.len().saturating_sub(1) as u32 {
        mesh.add_triangle(i, i + k, i + k + 1);
    }
}

fn court_pos(x: f64, y: f64) -> Pos2 {
    pos2(x as f32, -y as f32)
}

impl CourtMesh {
    /// The meshes of a chart.
    pub fn of(spec: &ChartSpec) -> CourtMesh {
        let mut fills = Mesh::default();
        let mut dots = Mesh::default();
        let total = spec
            .marks
            .iter()
            .filter(|m| matches!(m, Mark::Shot { .. }))
            .count();
        let every = total.div_ceil(SCATTER_LIMIT).max(1);
        let made = colour(palette::MADE).gamma_multiply(0.8);
        let missed = colour(palette::MISSED).gamma_multiply(0.8);
        let (r, t) = (0.32f32, 0.07f32);
        let mut shown = 0;
        let mut shot = 0;
        let mut labels = Vec::new();
        for m in &spec.marks {
            match m {
                Mark::Polygon { points, fill } => {
                    let p: Vec<Pos2> = points.iter().map(|(x, y)| court_pos(*x, *y)).collect();
                    fan(&mut fills, &p, colour(*fill));
                }
                Mark::Rect {
                    x0,
                    y0,
                    x1,
                    y1,
                    fill,
                } => quad(
                    &mut fills,
                    [
                        court_pos(*x0, *y0),
                        court_pos(*x1, *y0),
                        court_pos(*x1, *y1),
                        court_pos(*x0, *y1),
                    ],
                    colour(*fill),
                ),
                Mark::Shot { x, y, made: m } => {
                    shot += 1;
                    // An even thinning keeps the picture's proportions.
                    if (shot - 1) % every != 0 {
                        continue;
                    }
                    shown += 1;
                    let c = court_pos(*x, *y);
                    if *m {
                        let ring: Vec<Pos2> = (0..8)
                            .map(|k| {
                                let a = k as f32 * std::f32::consts::TAU / 8.0;
                                c + vec2(r * a.cos(), r * a.sin())
                            })
                            .collect();
                        fan(&mut dots, &ring, made);
                    } else {
                        for (dx, dy) in [(1.0f32, 1.0f32), (1.0, -1.0)] {
                            let along = vec2(dx, dy) * (r / std::f32::consts::SQRT_2);
                            let across = vec2(-dy, dx) * (t / std::f32::consts::SQRT_2);
                            quad(
                                &mut dots,
                                [
                                    c - along - across,
                                    c + along - across,
                                    c + along + across,
                                    c - along + across,
                                ],
                                missed,
                            );
                        }
                    }
                }
                Mark::Label {
                    x,
                    y,
                    text,
                    size,
                    bold: _,
                    colour: c,
                } => labels.push(Label {
                    x: *x,
                    y: *y,
                    text: text.clone(),
                    size: *size as f32,
                    colour: colour(*c),
                }),
            }
        }
        CourtMesh {
            fills: Arc::new(fills),
            dots: Arc::new(dots),
            dots_shown: shown,
            dots_total: total,
            labels,
            lines: spec
                .court
                .lines(spec.full_court)
                .iter()
                .map(|l| l.iter().map(|(x, y)| court_pos(*x, *y)).collect())
                .collect(),
        }
    }
}

/// Zoom and pan of a court on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PanZoom {
    /// 1 shows the whole court.
    pub zoom: f32,
    /// The court point (feet, y down) at the centre of the view; None: the court's centre.
    pub centre: Option<Pos2>,
}

impl Default for PanZoom {
    fn default() -> Self {
        Self {
            zoom: 1.0,
            centre: None,
        }
    }
}

/// What [`court`] reports.
pub struct CourtResponse {
    pub response: Response,
    /// The court point under the pointer, in feet (shot frame, y up).
    pub hover: Option<(f64, f64)>,
    rect: Rect,
    centre: Pos2,
    k: f32,
}

impl CourtResponse {
    /// Where a court point (feet, shot frame, y up) is on screen, for drawing over the chart.
    pub fn to_screen(&self, x: f64, y: f64) -> Pos2 {
        self.rect.center() + (court_pos(x, y) - self.centre) * self.k
    }

    /// Screen points per foot.
    pub fn scale(&self) -> f32 {
        self.k
    }

    /// The court's area on screen.
    pub fn rect(&self) -> Rect {
        self.rect
    }
}

/// Draws a shot chart filling `size`: scroll zooms about the pointer, drag pans, a
/// double-click resets.
pub fn court(
    ui: &mut Ui,
    spec: &ChartSpec,
    mesh: &CourtMesh,
    view: &mut PanZoom,
    size: Vec2,
) -> CourtResponse {
    let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
    let (x0, x1, y0, y1) = spec.court.bounds(spec.full_court);
    let fit = ((rect.width() / (x1 - x0) as f32).min(rect.height() / (y1 - y0) as f32)) * 0.97;
    let home = pos2(((x0 + x1) / 2.0) as f32, -((y0 + y1) / 2.0) as f32);
    if response.double_clicked() {
        *view = PanZoom::default();
    }
    let mut centre = view.centre.unwrap_or(home);
    let mut k = fit * view.zoom;
    if response.hovered() {
        let (scroll, pinch, pointer) = ui.input(|i| {
            (
                i.smooth_scroll_delta.y,
                i.zoom_delta(),
                i.pointer.hover_pos(),
            )
        });
        let factor = (scroll * 0.002).exp() * pinch;
        if (factor - 1.0).abs() > 1e-4
            && let Some(p) = pointer
        {
            let zoom = (view.zoom * factor).clamp(1.0, 16.0);
            let at = centre + (p - rect.center()) / k;
            let k_new = fit * zoom;
            centre = at - (p - rect.center()) / k_new;
            view.zoom = zoom;
            k = k_new;
        }
    }
    if response.dragged() {
        centre -= response.drag_delta() / k;
    }
    if view.zoom <= 1.0 + 1e-3 {
        centre = home;
    }
    view.centre = (centre != home).then_some(centre);

    let to_screen = |p: Pos2| rect.center() + (p - centre) * k;
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, CornerRadius::same(6), colour(palette::PAPER));
    let moved = |m: &Mesh| {
        let mut m = m.clone();
        for v in &mut m.vertices {
            v.pos = to_screen(v.pos);
        }
        Shape::mesh(m)
    };
    painter.add(moved(&mesh.fills));
    let line = Stroke::new((1.6 * view.zoom.sqrt()).min(3.0), colour(palette::LINES));
    for l in &mesh.lines {
        let pts: Vec<Pos2> = l.iter().map(|p| to_screen(*p)).collect();
        painter.add(Shape::line(pts, line));
    }
    painter.add(moved(&mesh.dots));
    let body = 15.0 * (k / 8.0).clamp(0.8, 2.5);
    for l in &mesh.labels {
        painter.text(
            to_screen(court_pos(l.x, l.y)),
            Align2::CENTER_CENTER,
            &l.text,
            FontId::proportional(body * l.size),
            l.colour,
        );
    }
    if let Some(msg) = &spec.message {
        let at = to_screen(court_pos(0.0, (y0 + y1.min(41.75)) / 2.0));
        let galley = painter.layout_no_wrap(
            msg.clone(),
            FontId::proportional(20.0),
            colour(palette::INK),
        );
        let r = Rect::from_center_size(at, galley.size() + vec2(32.0, 20.0));
        painter.rect_filled(r, CornerRadius::same(6), colour(palette::PAPER));
        painter.galley(
            r.center() - galley.size() / 2.0,
            galley,
            colour(palette::INK),
        );
    }
    let hover = response.hover_pos().map(|p| {
        let c = centre + (p - rect.center()) / k;
        (c.x as f64, -c.y as f64)
    });
    CourtResponse {
        response,
        hover,
        rect,
        centre,
        k,
    }
}

/// The legend of a shot chart, as under an export.
pub fn legend(ui: &mut Ui, legend: &Legend) {
    let bar = |ui: &mut Ui, colour_at: &dyn Fn(f64) -> Rgb, labels: &[(f64, String)]| {
        let (rect, _) = ui.allocate_exact_size(vec2(240.0, 12.0), Sense::hover());
        let steps = 48;
        for i in 0..steps {
            let a = rect.left() + rect.width() * i as f32 / steps as f32;
            let b = rect.left() + rect.width() * (i + 1) as f32 / steps as f32;
            let c = colour_at((i as f64 + 0.5) / steps as f64);
            ui.painter().rect_filled(
                Rect::from_x_y_ranges(a..=b + 0.5, rect.y_range()),
                0.0,
                colour(c),
            );
        }
        let (under, _) = ui.allocate_exact_size(vec2(240.0, 14.0), Sense::hover());
        for (pos, text) in labels {
            let x = rect.center().x + (*pos as f32) * rect.width() / 2.0;
            ui.painter().text(
                pos2(x, under.center().y),
                Align2::CENTER_CENTER,
                text,
                FontId::proportional(11.0),
                ui.visuals().text_color(),
            );
        }
    };
    match legend {
        Legend::None => {}
        Legend::MadeMissed { made, missed } => {
            ui.horizontal(|ui| {
                ui.colored_label(colour(palette::MADE), "●");
                ui.label(format!("Made ({})", crate::cli::thousands(*made)));
                ui.colored_label(colour(palette::MISSED), "✕");
                ui.label(format!("Missed ({})", crate::cli::thousands(*missed)));
            });
        }
        Legend::Diverging { limit_pts, caption } => {
            ui.vertical_centered(|ui| {
                bar(
                    ui,
                    &|t| palette::diverging(2.0 * t - 1.0, 1.0),
                    &[
                        (-1.0, format!("−{limit_pts:.0} pts")),
                        (0.0, "even".into()),
                        (1.0, format!("+{limit_pts:.0} pts")),
                    ],
                );
                ui.weak(caption);
            });
        }
        Legend::Sequential { low, high, caption } => {
            ui.vertical_centered(|ui| {
                bar(
                    ui,
                    &palette::sequential,
                    &[(-1.0, low.clone()), (1.0, high.clone())],
                );
                ui.weak(caption);
            });
        }
    }
}

/// Draws tracking bars filling `size`, laid out as an export lays them out; hovering a bar
/// tells its value.
pub fn bars(ui: &mut Ui, b: &crate::charts::tracking::Bars, size: Vec2) -> Response {
    use crate::charts::tracking::{Anchor, Item, layout};
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, CornerRadius::same(6), colour(palette::PAPER));
    let at = |x: f64, y: f64| rect.min + vec2(x as f32, y as f32);
    let hover = response.hover_pos();
    let mut tip: Option<String> = None;
    for item in layout(b, rect.width() as f64, rect.height() as f64, 0.85) {
        match item {
            Item::Rect {
                x0,
                y0,
                x1,
                y1,
                fill,
                tip: t,
            } => {
                let r = Rect::from_min_max(at(x0, y0), at(x1, y1));
                painter.rect_filled(r, 0.0, colour(fill));
                if let (Some(p), Some(t)) = (hover, t)
                    && r.contains(p)
                {
                    tip = Some(t);
                }
            }
            Item::Line {
                x0,
                y0,
                x1,
                y1,
                colour: c,
            } => {
                painter.line_segment([at(x0, y0), at(x1, y1)], Stroke::new(1.0, colour(c)));
            }
            Item::Text {
                x,
                y,
                text,
                size,
                colour: c,
                anchor,
                ..
            } => {
                let align = match anchor {
                    Anchor::Left => Align2::LEFT_CENTER,
                    Anchor::Centre => Align2::CENTER_CENTER,
                    Anchor::Right => Align2::RIGHT_CENTER,
                };
                painter.text(
                    at(x, y),
                    align,
                    text,
                    FontId::proportional(size as f32),
                    colour(c),
                );
            }
        }
    }
    match tip {
        Some(t) => response.on_hover_text_at_pointer(t),
        None => response,
    }
}

/// Draws a load timeline filling `size`: bars of daily load, acute and chronic lines, and the
/// ACWR over its bands on the right axis. Returns the day under the pointer.
pub fn timeline(ui: &mut Ui, t: &Timeline, size: Vec2) -> (Response, Option<usize>) {
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, CornerRadius::same(6), colour(palette::PAPER));
    let n = t.load.len().max(1);
    let plot = Rect::from_min_max(rect.min + vec2(52.0, 10.0), rect.max - vec2(48.0, 26.0));
    let left_max = t
        .load
        .iter()
        .chain(&t.acute)
        .chain(&t.chronic)
        .fold(0.0f64, |a, b| a.max(*b))
        .max(1.0)
        * 1.1;
    let acwr_max = t
        .acwr
        .iter()
        .flatten()
        .fold(2.0f64, |a, b| a.max(*b * 1.1))
        .min(4.0);
    let x_of = |i: f64| plot.left() + plot.width() * ((i + 0.5) / n as f64) as f32;
    let y_left = |v: f64| plot.bottom() - plot.height() * (v / left_max) as f32;
    let y_right = |v: f64| plot.bottom() - plot.height() * (v.min(acwr_max) / acwr_max) as f32;
    let b = t.bands;
    for (lo, hi, c) in [
        (0.0, b.under, Rgb(146, 197, 222)),
        (b.normal, b.elevated, Rgb(253, 219, 140)),
        (b.elevated, acwr_max, Rgb(244, 165, 130)),
    ] {
        painter.rect_filled(
            Rect::from_x_y_ranges(plot.x_range(), y_right(hi)..=y_right(lo)),
            0.0,
            colour(c).gamma_multiply(0.35),
        );
    }
    let warm = crate::analysis::load::CHRONIC_DAYS.min(n) as f64;
    painter.rect_filled(
        Rect::from_x_y_ranges(plot.left()..=x_of(warm - 0.5), plot.y_range()),
        0.0,
        Color32::from_black_alpha(14),
    );
    let ink = colour(palette::MUTED);
    let font = FontId::proportional(11.0);
    for k in 0..=4 {
        let v = left_max / 1.1 * k as f64 / 4.0;
        let y = y_left(v);
        painter.hline(
            plot.x_range(),
            y,
            Stroke::new(1.0, Color32::from_black_alpha(18)),
        );
        painter.text(
            pos2(plot.left() - 4.0, y),
            Align2::RIGHT_CENTER,
            format!("{v:.0}"),
            font.clone(),
            ink,
        );
    }
    let mut a = 0.0;
    while a <= acwr_max + 1e-9 {
        painter.text(
            pos2(plot.right() + 4.0, y_right(a)),
            Align2::LEFT_CENTER,
            format!("{a:.1}"),
            font.clone(),
            ink,
        );
        a += 0.5;
    }
    let bar_w = (plot.width() / n as f32 * 0.8).max(1.0);
    for (i, v) in t.load.iter().enumerate() {
        if *v > 0.0 {
            let x = x_of(i as f64);
            painter.rect_filled(
                Rect::from_x_y_ranges(
                    x - bar_w / 2.0..=x + bar_w / 2.0,
                    y_left(*v)..=plot.bottom(),
                ),
                0.0,
                colour(timeline::BAR),
            );
        }
    }
    let series = |v: &[f64]| -> Vec<Pos2> {
        v.iter()
            .enumerate()
            .map(|(i, v)| pos2(x_of(i as f64), y_left(*v)))
            .collect()
    };
    painter.add(Shape::line(
        series(&t.chronic),
        Stroke::new(2.0, colour(timeline::CHRONIC)),
    ));
    painter.add(Shape::line(
        series(&t.acute),
        Stroke::new(2.0, colour(timeline::ACUTE)),
    ));
    // The ratio line breaks where there is no ratio.
    let mut run: Vec<Pos2> = Vec::new();
    let ratio = Stroke::new(2.2, colour(palette::INK));
    for (i, a) in t.acwr.iter().enumerate() {
        match a {
            Some(a) => run.push(pos2(x_of(i as f64), y_right(*a))),
            None if !run.is_empty() => {
                painter.add(Shape::line(std::mem::take(&mut run), ratio));
            }
            None => {}
        }
    }
    if !run.is_empty() {
        painter.add(Shape::line(run, ratio));
    }
    // Month ticks.
    let mut last_month = None;
    for i in 0..n {
        let d = t.first + chrono::Days::new(i as u64);
        let m = chrono::Datelike::month(&d);
        if last_month != Some(m) {
            if last_month.is_some() {
                painter.text(
                    pos2(x_of(i as f64), plot.bottom() + 4.0),
                    Align2::CENTER_TOP,
                    d.format("%b %Y").to_string(),
                    font.clone(),
                    ink,
                );
            }
            last_month = Some(m);
        }
    }
    let hover = response
        .hover_pos()
        .filter(|p| plot.x_range().contains(p.x))
        .map(|p| (((p.x - plot.left()) / plot.width() * n as f32).floor() as usize).min(n - 1));
    if let Some(i) = hover {
        painter.vline(
            x_of(i as f64),
            plot.y_range(),
            Stroke::new(1.0, colour(palette::INK).gamma_multiply(0.5)),
        );
    }
    (response, hover)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::court::Court;

    fn spec(marks: Vec<Mark>) -> ChartSpec {
        ChartSpec {
            title: String::new(),
            subtitle: String::new(),
            court: Court::Nba.spec(),
            full_court: false,
            marks,
            legend: Legend::None,
            message: None,
        }
    }

    #[test]
    fn a_hexagon_becomes_four_triangles_in_court_feet_y_down() {
        let points: Vec<(f64, f64)> = (0..6)
            .map(|k| {
                let a = k as f64 * std::f64::consts::PI / 3.0;
                (10.0 + a.cos(), 5.0 + a.sin())
            })
            .collect();
        let m = CourtMesh::of(&spec(vec![Mark::Polygon {
            points,
            fill: Rgb(1, 2, 3),
        }]));
        assert_eq!(m.fills.indices.len(), 4 * 3);
        assert_eq!(m.fills.vertices[0].pos, pos2(11.0, -5.0));
        assert_eq!(m.fills.vertices[0].color, Color32::from_rgb(1, 2, 3));
    }

    #[test]
    fn a_large_scatter_is_thinned_evenly_on_screen() {
        let marks: Vec<Mark> = (0..150_000)
            .map(|i| Mark::Shot {
                x: 0.0,
                y: 10.0,
                made: i % 2 == 0,
            })
            .collect();
        let m = CourtMesh::of(&spec(marks));
        assert_eq!(m.dots_total, 150_000);
        assert_eq!(m.dots_shown, 50_000, "every third shot");
    }
}
