//! Draws a [`Scene`] on screen with egui: the same items, at the same places, in the same
//! colours as the files of [`super::export`]. It knows no chart. On top of the drawing:
//! zoom and pan of a court (scroll, drag, double-click resets) and hover, which reads the
//! scene (what is under the pointer), never a second layout.
//!
//! A court chart's fills become one mesh in court feet, built off the UI thread
//! ([`CourtMesh::of`]), and its shots (at most [`SCATTER_LIMIT`]) one more, made for the
//! dots' size; a frame only moves them to the screen, so it costs the same whatever the
//! number of shots behind the chart. A resize or a zoom step makes the dots' mesh again.

use std::sync::Arc;

use ::egui::{Color32, FontFamily, Pos2, Rect, Response, Sense, Shape, Ui, Vec2, vec2};

use crate::charts::palette::Rgb;
use crate::charts::scene::{CourtLayer, Item, Scene, mark_tip};

mod paint;
use paint::court_pos;
pub use paint::{CourtMesh, Shapes, shapes};

/// The most shots a scatter shows on screen; beyond that dots hide each other anyway, and
/// a hex or grid chart says more. Exports draw every shot.
pub const SCATTER_LIMIT: usize = 60_000;

/// The egui font family of bold chart text (DejaVu Sans Bold, as in the files).
pub const BOLD: &str = "courtside-bold";

/// Draws the UI in DejaVu Sans, the font of the files, so the screen and the files match (it
/// also has the arrows and symbols the UI uses), and charts' bold text in DejaVu Sans Bold.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "DejaVuSans".into(),
        Arc::new(egui::FontData::from_static(crate::charts::export::FONT)),
    );
    fonts.font_data.insert(
        "DejaVuSans-Bold".into(),
        Arc::new(egui::FontData::from_static(
            crate::charts::export::FONT_BOLD,
        )),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts.families.entry(family.clone()).or_default().insert(
            usize::from(family == FontFamily::Monospace),
            "DejaVuSans".into(),
        );
    }
    fonts.families.insert(
        FontFamily::Name(BOLD.into()),
        vec!["DejaVuSans-Bold".into()],
    );
    ctx.set_fonts(fonts);
}

/// An egui colour.
pub fn colour(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

/// An egui colour with an opacity from 0 to 1.
pub fn colour_alpha(c: Rgb, alpha: f64) -> Color32 {
    Color32::from_rgba_unmultiplied(c.0, c.1, c.2, (alpha.clamp(0.0, 1.0) * 255.0).round() as u8)
}

/// Zoom and pan of a court on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PanZoom {
    /// 1 shows the whole court.
    pub zoom: f32,
    /// The court point (feet, y pointing down) at the centre of the court's area; None: the
    /// court's centre.
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

/// Where a scene is on screen: page pixels are moved by `origin`; court points also go
/// through the zoom about the court area's centre.
#[derive(Clone, Copy, Debug)]
pub struct Placement {
    pub origin: Pos2,
    pub zoom: f32,
    /// The court point shown at the centre of the court's area.
    centre: (f64, f64),
    /// The court's centre, where it is at zoom 1.
    home: (f64, f64),
}

impl Placement {
    /// A placement without zoom.
    pub fn at(origin: Pos2) -> Placement {
        Placement {
            origin,
            zoom: 1.0,
            centre: (0.0, 0.0),
            home: (0.0, 0.0),
        }
    }

    /// Where a page point is on screen.
    pub fn screen_from_page(&self, x: f64, y: f64) -> Pos2 {
        self.origin + vec2(x as f32, y as f32)
    }

    /// Where a court point is on screen.
    pub fn screen_from_court(&self, layer: &CourtLayer<'_>, x: f64, y: f64) -> Pos2 {
        let f = &layer.frame;
        let (hx, hy) = f.page_from_court(self.home.0, self.home.1);
        let (cx, cy) = f.page_from_court(self.centre.0, self.centre.1);
        let (px, py) = f.page_from_court(x, y);
        self.origin
            + vec2(
                (hx + (px - cx) * self.zoom as f64) as f32,
                (hy + (py - cy) * self.zoom as f64) as f32,
            )
    }

    /// The court point under a screen point.
    pub fn court_from_screen(&self, layer: &CourtLayer<'_>, p: Pos2) -> (f64, f64) {
        let f = &layer.frame;
        let (hx, hy) = f.page_from_court(self.home.0, self.home.1);
        let (cx, cy) = f.page_from_court(self.centre.0, self.centre.1);
        let page = p - self.origin;
        f.court_from_page(
            cx + (page.x as f64 - hx) / self.zoom as f64,
            cy + (page.y as f64 - hy) / self.zoom as f64,
        )
    }
}

fn court_home(layer: &CourtLayer<'_>) -> (f64, f64) {
    let (x0, y0, x1, y1) = layer.area;
    layer
        .frame
        .court_from_page((x0 + x1) / 2.0, (y0 + y1) / 2.0)
}

/// What [`chart`] reports.
pub struct ChartResponse {
    pub response: Response,
    /// Where the scene is on screen.
    pub placement: Placement,
    /// The court point under the pointer, in feet (shot frame), when over the court.
    pub hover_court: Option<(f64, f64)>,
    /// What the mark or item under the pointer tells.
    pub tip: Option<String>,
    /// The court's area on screen, when the chart has a court.
    pub court_rect: Option<Rect>,
    /// Screen points per court foot.
    pub scale: f32,
}

/// Draws a scene in a `size` box: a court chart zooms and pans in `view` (scroll zooms about
/// the pointer, drag pans, a double-click resets). The response tells what the scene says of
/// the mark under the pointer; the caller shows it, with what it adds (a shot chart's zone).
pub fn chart(
    ui: &mut Ui,
    scene: &Scene<'_>,
    mesh: Option<&CourtMesh>,
    view: Option<&mut PanZoom>,
    size: Vec2,
) -> ChartResponse {
    let sense = if scene.court.is_some() && view.is_some() {
        Sense::click_and_drag()
    } else {
        Sense::hover()
    };
    let (rect, response) = ui.allocate_exact_size(size, sense);
    let mut placement = Placement::at(rect.min);
    if let (Some(layer), Some(view)) = (&scene.court, view) {
        let home = court_home(layer);
        if response.double_clicked() {
            *view = PanZoom::default();
        }
        placement.home = home;
        placement.centre = view.centre.map_or(home, |p| (p.x as f64, -p.y as f64));
        placement.zoom = view.zoom;
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
                // The court point under the pointer stays under it.
                let under = placement.court_from_screen(layer, p);
                placement.zoom = (view.zoom * factor).clamp(1.0, 16.0);
                let moved = placement.court_from_screen(layer, p);
                placement.centre.0 += under.0 - moved.0;
                placement.centre.1 += under.1 - moved.1;
            }
        }
        if response.dragged() {
            let d = response.drag_delta();
            let k = layer.frame.k * placement.zoom as f64;
            placement.centre.0 -= d.x as f64 / k;
            placement.centre.1 += d.y as f64 / k;
        }
        if placement.zoom <= 1.0 + 1e-3 {
            placement.zoom = 1.0;
            placement.centre = home;
        }
        view.zoom = placement.zoom;
        view.centre =
            (placement.centre != home).then(|| court_pos(placement.centre.0, placement.centre.1));
    }
    let painter = ui.painter_at(rect);
    let shapes = shapes(&painter, scene, mesh, &placement);
    painter.add(shapes.background);
    if let Some(clip) = shapes.court_clip {
        painter
            .with_clip_rect(clip.intersect(rect))
            .extend(shapes.court);
    }
    // Each text of the chart is a label to screen readers (and to UI tests), where it shows.
    for (i, (item, shape)) in scene.items.iter().zip(&shapes.page).enumerate() {
        if let (Item::Text { text, .. }, Shape::Text(t)) = (item, shape)
            && !text.is_empty()
        {
            let area = t.visual_bounding_rect().intersect(rect);
            if area.is_positive() {
                let text = text.clone();
                ui.interact(area, response.id.with(("text", i)), Sense::hover())
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
            }
        }
    }
    painter.extend(shapes.page);

    let pointer = response.hover_pos();
    let mut hover_court = None;
    let mut tip = None;
    if let Some(p) = pointer {
        if let (Some(layer), Some(clip)) = (&scene.court, shapes.court_clip)
            && clip.contains(p)
        {
            let (x, y) = placement.court_from_screen(layer, p);
            hover_court = Some((x, y));
            tip = match mesh {
                Some(m) => m
                    .tipped
                    .iter()
                    .rev()
                    .find_map(|i| mark_tip(layer.marks.get(*i)?, x, y)),
                None => layer.tip_at(x, y),
            }
            .map(str::to_string);
        }
        if tip.is_none() {
            let page = p - rect.min;
            tip = scene
                .tip_at(page.x as f64, page.y as f64)
                .map(str::to_string);
        }
    }
    ChartResponse {
        response,
        placement,
        hover_court,
        tip,
        court_rect: shapes.court_clip,
        scale: scene
            .court
            .as_ref()
            .map_or(1.0, |l| (l.frame.k * placement.zoom as f64) as f32),
    }
}
