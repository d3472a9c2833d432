//! Scenes into egui shapes: page items one for one, a court's marks through meshes built
//! once per chart ([`CourtMesh`]) and moved to the screen each frame.

use std::sync::{Arc, Mutex};

use ::egui::epaint::{Mesh, Vertex, WHITE_UV};
use ::egui::{
    Align2, Color32, FontFamily, FontId, Painter, Pos2, Rect, Shape, Stroke, Vec2, pos2, vec2,
};

use super::{BOLD, Placement, SCATTER_LIMIT, colour, colour_alpha};
use crate::charts::palette;
use crate::charts::scene::{Anchor, CourtLayer, Item, Scene, VAlign};
use crate::charts::spec::{ChartSpec, Mark};

/// A court chart's marks prepared for the screen, in court feet with y pointing down.
#[derive(Clone, Default)]
pub struct CourtMesh {
    pub fills: Arc<Mesh>,
    /// The shots shown (every n-th beyond [`SCATTER_LIMIT`]): where, and whether made.
    pub dots: Arc<Vec<(Pos2, bool)>>,
    /// The dots as a mesh in court feet, for the radius and stroke (feet) it was made for: a
    /// frame only moves it to the screen; a new size (a resize, a zoom) makes it again.
    sized: Arc<Mutex<Option<SizedDots>>>,
    /// Shots drawn, of all the chart's shots.
    pub dots_shown: usize,
    pub dots_total: usize,
    /// Indices of the marks that tell something when hovered.
    pub tipped: Arc<Vec<usize>>,
    /// The labels, by index into the marks.
    pub labels: Arc<Vec<usize>>,
    /// The court lines, in court feet with y down.
    pub lines: Arc<Vec<Vec<Pos2>>>,
}

pub(super) fn court_pos(x: f64, y: f64) -> Pos2 {
    pos2(x as f32, -y as f32)
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

/// Dots made for one size.
struct SizedDots {
    radius: f32,
    stroke: f32,
    alpha: f64,
    mesh: Arc<Mesh>,
}

/// The shots as a mesh: a filled ring (made) or two strokes corner to corner (missed, as a
/// file's cross), `radius` and `stroke` in the dots' own units.
fn dots_mesh(dots: &[(Pos2, bool)], radius: f32, stroke: f32, alpha: f64) -> Mesh {
    let mut mesh = Mesh::default();
    mesh.reserve_vertices(dots.len() * 8);
    let made = colour_alpha(palette::MADE, alpha);
    let missed = colour_alpha(palette::MISSED, alpha);
    let ring: Vec<Vec2> = (0..8)
        .map(|k| {
            let a = k as f32 * std::f32::consts::TAU / 8.0;
            vec2(a.cos(), a.sin()) * radius
        })
        .collect();
    for (c, m) in dots {
        let i = mesh.vertices.len() as u32;
        if *m {
            for d in &ring {
                mesh.colored_vertex(*c + *d, made);
            }
            for t in 1..7 {
                mesh.add_triangle(i, i + t, i + t + 1);
            }
            continue;
        }
        for (k, (dx, dy)) in [(1.0f32, 1.0f32), (1.0, -1.0)].into_iter().enumerate() {
            let along = vec2(dx, dy) * radius;
            let across = vec2(-dy, dx) * (stroke / 2.0 / std::f32::consts::SQRT_2);
            for q in [
                *c - along - across,
                *c + along - across,
                *c + along + across,
                *c - along + across,
            ] {
                mesh.colored_vertex(q, missed);
            }
            let j = i + 4 * k as u32;
            mesh.add_triangle(j, j + 1, j + 2);
            mesh.add_triangle(j, j + 2, j + 3);
        }
    }
    mesh
}

impl CourtMesh {
    /// The dots as a mesh in court feet at this radius and stroke (feet), made again only
    /// when the size changed by more than a hair.
    fn sized_dots(&self, radius: f32, stroke: f32, alpha: f64) -> Arc<Mesh> {
        let mut sized = self.sized.lock().unwrap_or_else(|e| e.into_inner());
        let close = |a: f32, b: f32| (a - b).abs() <= 0.002 * b.abs().max(1e-6);
        match &*sized {
            Some(s) if close(s.radius, radius) && close(s.stroke, stroke) && s.alpha == alpha => {
                s.mesh.clone()
            }
            _ => {
                let mesh = Arc::new(dots_mesh(&self.dots, radius, stroke, alpha));
                *sized = Some(SizedDots {
                    radius,
                    stroke,
                    alpha,
                    mesh: mesh.clone(),
                });
                mesh
            }
        }
    }

    /// The screen's share of a chart's marks.
    pub fn of(spec: &ChartSpec) -> CourtMesh {
        Self::from_marks(&spec.marks, &spec.court.lines(spec.full_court))
    }

    /// The screen's share of court marks and lines (court feet, shot frame).
    fn from_marks(marks: &[Mark], lines: &[Vec<(f64, f64)>]) -> CourtMesh {
        let mut fills = Mesh::default();
        let total = marks
            .iter()
            .filter(|m| matches!(m, Mark::Shot { .. }))
            .count();
        let every = total.div_ceil(SCATTER_LIMIT).max(1);
        let mut dots = Vec::with_capacity(total.min(SCATTER_LIMIT));
        let mut shot = 0;
        let mut tipped = Vec::new();
        let mut labels = Vec::new();
        for (i, m) in marks.iter().enumerate() {
            match m {
                Mark::Polygon { points, fill, tip } => {
                    let p: Vec<Pos2> = points.iter().map(|(x, y)| court_pos(*x, *y)).collect();
                    fan(&mut fills, &p, colour(*fill));
                    if tip.is_some() {
                        tipped.push(i);
                    }
                }
                Mark::Rect {
                    x0,
                    y0,
                    x1,
                    y1,
                    fill,
                    tip,
                } => {
                    let corners = [
                        court_pos(*x0, *y0),
                        court_pos(*x1, *y0),
                        court_pos(*x1, *y1),
                        court_pos(*x0, *y1),
                    ];
                    fan(&mut fills, &corners, colour(*fill));
                    if tip.is_some() {
                        tipped.push(i);
                    }
                }
                Mark::Shot { x, y, made } => {
                    shot += 1;
                    // An even thinning keeps the picture's proportions.
                    if (shot - 1) % every == 0 {
                        dots.push((court_pos(*x, *y), *made));
                    }
                }
                Mark::Label { .. } => labels.push(i),
            }
        }
        CourtMesh {
            fills: Arc::new(fills),
            dots_shown: dots.len(),
            dots: Arc::new(dots),
            sized: Arc::default(),
            dots_total: total,
            tipped: Arc::new(tipped),
            labels: Arc::new(labels),
            lines: Arc::new(
                lines
                    .iter()
                    .map(|l| l.iter().map(|(x, y)| court_pos(*x, *y)).collect())
                    .collect(),
            ),
        }
    }
}

/// A layout's text size is the one plotters draws with: the font's height from descender to
/// ascender. egui sizes a font by its em, which in DejaVu Sans is 2048 of those 2384 units.
const EM_PER_SIZE: f64 = 2048.0 / 2384.0;

fn font(size: f64, bold: bool, families: &[FontFamily]) -> FontId {
    let family = FontFamily::Name(BOLD.into());
    let em = (size * EM_PER_SIZE) as f32;
    if bold && families.contains(&family) {
        FontId::new(em, family)
    } else {
        FontId::proportional(em)
    }
}

fn align(anchor: Anchor, valign: VAlign) -> Align2 {
    let h = match anchor {
        Anchor::Left => egui::Align::Min,
        Anchor::Centre => egui::Align::Center,
        Anchor::Right => egui::Align::Max,
    };
    let v = match valign {
        VAlign::Top => egui::Align::Min,
        VAlign::Centre => egui::Align::Center,
        VAlign::Bottom => egui::Align::Max,
    };
    Align2([h, v])
}

/// What a scene becomes on screen: the court's shapes (to be clipped to the court's area)
/// and the page's.
pub struct Shapes {
    pub background: Shape,
    pub court: Vec<Shape>,
    /// The court's area on screen.
    pub court_clip: Option<Rect>,
    pub page: Vec<Shape>,
}

/// The shapes of a scene placed at `at`. `mesh` is the court's marks prepared for the
/// screen; without it, they are prepared here.
pub fn shapes(
    painter: &Painter,
    scene: &Scene<'_>,
    mesh: Option<&CourtMesh>,
    at: &Placement,
) -> Shapes {
    let families = painter.fonts(|f| f.families());
    let mut out = Shapes {
        background: Shape::rect_filled(
            Rect::from_min_size(at.origin, vec2(scene.width as f32, scene.height as f32)),
            6.0,
            colour(scene.background),
        ),
        court: Vec::new(),
        court_clip: None,
        page: Vec::new(),
    };
    if let Some(layer) = &scene.court {
        let own;
        let mesh = match mesh {
            Some(m) => m,
            None => {
                own = CourtMesh::from_marks(layer.marks, &layer.lines);
                &own
            }
        };
        let (x0, y0, x1, y1) = layer.area;
        out.court_clip = Some(Rect::from_min_max(
            at.screen_from_page(x0, y0),
            at.screen_from_page(x1, y1),
        ));
        court_shapes(painter, layer, mesh, at, &families, &mut out.court);
    }
    for item in &scene.items {
        out.page.push(item_shape(painter, item, at, &families));
    }
    out
}

fn court_shapes(
    painter: &Painter,
    layer: &CourtLayer<'_>,
    mesh: &CourtMesh,
    at: &Placement,
    families: &[FontFamily],
    out: &mut Vec<Shape>,
) {
    // Court feet with y down (the meshes' frame) to screen is one scale and one shift.
    let origin = at.screen_from_court(layer, 0.0, 0.0);
    let k = (layer.frame.k * at.zoom as f64) as f32;
    let to_screen = |p: Pos2| origin + p.to_vec2() * k;
    let mut fills = (*mesh.fills).clone();
    for v in &mut fills.vertices {
        v.pos = to_screen(v.pos);
    }
    out.push(Shape::mesh(fills));
    let grow = at.zoom.sqrt();
    let line = Stroke::new(
        layer.line_width as f32 * grow.min(2.0),
        colour(layer.line_colour),
    );
    for l in mesh.lines.iter() {
        out.push(Shape::line(l.iter().map(|p| to_screen(*p)).collect(), line));
    }
    let r = layer.dot as f32 * grow.min(2.0);
    let w = layer.cross_width as f32 * grow.min(2.0);
    // Pixels on screen, feet in the mesh: the frame's one scale and shift moves it.
    let mut dots = (*mesh.sized_dots(r / k, w / k, layer.shot_alpha)).clone();
    for v in &mut dots.vertices {
        v.pos = to_screen(v.pos);
    }
    out.push(Shape::mesh(dots));
    for i in mesh.labels.iter() {
        if let Some(Mark::Label {
            x,
            y,
            text,
            size,
            bold,
            colour: c,
        }) = layer.marks.get(*i)
        {
            let f = font(
                layer.label_px * size * grow.min(2.0) as f64,
                *bold,
                families,
            );
            out.push(painter.fonts_mut(|fonts| {
                Shape::text(
                    fonts,
                    at.screen_from_court(layer, *x, *y),
                    Align2::CENTER_CENTER,
                    text,
                    f,
                    colour(*c),
                )
            }));
        }
    }
}

fn item_shape(painter: &Painter, item: &Item, at: &Placement, families: &[FontFamily]) -> Shape {
    let p = |x: f64, y: f64| at.screen_from_page(x, y);
    match item {
        // Hover areas only.
        Item::Rect { alpha, .. } if *alpha <= 0.0 => Shape::Noop,
        Item::Rect {
            x0,
            y0,
            x1,
            y1,
            fill,
            alpha,
            ..
        } => Shape::rect_filled(
            Rect::from_two_pos(p(*x0, *y0), p(*x1, *y1)),
            0.0,
            colour_alpha(*fill, *alpha),
        ),
        Item::Polygon {
            points,
            fill,
            alpha,
        } => Shape::convex_polygon(
            points.iter().map(|(x, y)| p(*x, *y)).collect(),
            colour_alpha(*fill, *alpha),
            Stroke::NONE,
        ),
        Item::Path {
            points,
            colour: c,
            alpha,
            width,
        } => Shape::line(
            points.iter().map(|(x, y)| p(*x, *y)).collect(),
            Stroke::new(*width as f32, colour_alpha(*c, *alpha)),
        ),
        Item::Circle {
            x,
            y,
            r,
            fill,
            alpha,
        } => Shape::circle_filled(p(*x, *y), *r as f32, colour_alpha(*fill, *alpha)),
        Item::Cross {
            x,
            y,
            r,
            colour: c,
            alpha,
            width,
        } => {
            let s = Stroke::new(*width as f32, colour_alpha(*c, *alpha));
            Shape::Vec(vec![
                Shape::line_segment([p(x - r, y - r), p(x + r, y + r)], s),
                Shape::line_segment([p(x - r, y + r), p(x + r, y - r)], s),
            ])
        }
        Item::Text {
            x,
            y,
            text,
            size,
            bold,
            colour: c,
            anchor,
            valign,
        } => {
            let f = font(*size, *bold, families);
            painter.fonts_mut(|fonts| {
                Shape::text(
                    fonts,
                    p(*x, *y),
                    align(*anchor, *valign),
                    text,
                    f,
                    colour(*c),
                )
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::palette::Rgb;
    use crate::court::Court;

    fn spec(marks: Vec<Mark>) -> ChartSpec {
        ChartSpec {
            title: String::new(),
            subtitle: String::new(),
            court: Court::Nba.spec(),
            full_court: false,
            marks,
            legend: crate::charts::spec::Legend::None,
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
            tip: None,
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
        // Eight vertices a ring or a cross.
        assert_eq!(m.sized_dots(0.3, 0.1, 0.75).vertices.len(), 50_000 * 8);
    }
}
