//! A chart laid out for one size: everything there is to draw, in page pixels from the top
//! left, and for charts on a court the court's marks, placed through a court-to-page frame.
//!
//! Every chart kind turns its data into a [`Scene`] in one function; the backends only draw
//! scenes: [`super::screen`] with egui, [`super::export`] with plotters (PNG, SVG). Hovering
//! reads the scene too ([`Scene::tip_at`], [`CourtLayer::tip_at`]), so nothing is laid out
//! twice and the screen and the files cannot disagree.

use crate::charts::palette::Rgb;
use crate::charts::spec::Mark;

/// Where text sits across its point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Left,
    Centre,
    Right,
}

/// Where text sits along its point, vertically.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VAlign {
    Top,
    Centre,
    Bottom,
}

/// One thing to draw, in page pixels from the top left. `alpha` is opacity, 0 to 1.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A filled rectangle from (x0, y0) to (x1, y1); hovering it tells `tip`.
    Rect {
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        fill: Rgb,
        alpha: f64,
        tip: Option<String>,
    },
    /// A filled polygon.
    Polygon {
        points: Vec<(f64, f64)>,
        fill: Rgb,
        alpha: f64,
    },
    /// A line through the points, `width` pixels wide.
    Path {
        points: Vec<(f64, f64)>,
        colour: Rgb,
        alpha: f64,
        width: f64,
    },
    /// A filled circle of radius `r`.
    Circle {
        x: f64,
        y: f64,
        r: f64,
        fill: Rgb,
        alpha: f64,
    },
    /// A diagonal cross reaching `r` from its centre, as a missed shot is drawn.
    Cross {
        x: f64,
        y: f64,
        r: f64,
        colour: Rgb,
        alpha: f64,
        width: f64,
    },
    /// Text; `size` in pixels.
    Text {
        x: f64,
        y: f64,
        text: String,
        size: f64,
        bold: bool,
        colour: Rgb,
        anchor: Anchor,
        valign: VAlign,
    },
}

impl Item {
    /// An opaque rectangle.
    pub fn rect(x0: f64, y0: f64, x1: f64, y1: f64, fill: Rgb) -> Item {
        Item::Rect {
            x0,
            y0,
            x1,
            y1,
            fill,
            alpha: 1.0,
            tip: None,
        }
    }

    /// Text in the chart's regular weight.
    pub fn text(x: f64, y: f64, text: impl Into<String>, size: f64, colour: Rgb) -> Item {
        Item::Text {
            x,
            y,
            text: text.into(),
            size,
            bold: false,
            colour,
            anchor: Anchor::Left,
            valign: VAlign::Centre,
        }
    }

    /// An opaque line.
    pub fn path(points: Vec<(f64, f64)>, colour: Rgb, width: f64) -> Item {
        Item::Path {
            points,
            colour,
            alpha: 1.0,
            width,
        }
    }

    /// The same item with this opacity.
    pub fn alpha(mut self, a: f64) -> Item {
        match &mut self {
            Item::Rect { alpha, .. }
            | Item::Polygon { alpha, .. }
            | Item::Path { alpha, .. }
            | Item::Circle { alpha, .. }
            | Item::Cross { alpha, .. } => *alpha = a,
            Item::Text { .. } => {}
        }
        self
    }

    /// The same rectangle, telling `t` when hovered.
    pub fn tip(mut self, t: impl Into<String>) -> Item {
        if let Item::Rect { tip, .. } = &mut self {
            *tip = Some(t.into());
        }
        self
    }

    /// The same text, bold.
    pub fn bold(mut self) -> Item {
        if let Item::Text { bold, .. } = &mut self {
            *bold = true;
        }
        self
    }

    /// The same text, anchored so.
    pub fn anchored(mut self, h: Anchor, v: VAlign) -> Item {
        if let Item::Text { anchor, valign, .. } = &mut self {
            *anchor = h;
            *valign = v;
        }
        self
    }
}

/// Court feet (shot frame: hoop at the origin, +y towards half court) to page pixels: the
/// hoop at the bottom, the NBA's "Left" on the left.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CourtFrame {
    /// The court's left edge and far end, feet.
    pub x0: f64,
    pub y1: f64,
    /// Pixels per foot.
    pub k: f64,
    /// Where the court's corner (x0, y1) is on the page.
    pub left: f64,
    pub top: f64,
}

impl CourtFrame {
    /// A court point on the page.
    pub fn page_from_court(&self, x: f64, y: f64) -> (f64, f64) {
        (
            self.left + (x - self.x0) * self.k,
            self.top + (self.y1 - y) * self.k,
        )
    }

    /// A page point on the court.
    pub fn court_from_page(&self, px: f64, py: f64) -> (f64, f64) {
        (
            self.x0 + (px - self.left) / self.k,
            self.y1 - (py - self.top) / self.k,
        )
    }
}

/// A court and its marks, as a court chart places them on its page.
#[derive(Clone, Debug)]
pub struct CourtLayer<'a> {
    pub frame: CourtFrame,
    /// The court's own area on the page (x0, y0, x1, y1): zooming stays inside it, and shots
    /// and labels outside it (a heave beyond a half court) are off the chart.
    pub area: (f64, f64, f64, f64),
    /// Fills, shots and labels in court feet; drawn fills first, then the court lines, then
    /// shots and labels.
    pub marks: &'a [Mark],
    /// The court's lines, in court feet.
    pub lines: Vec<Vec<(f64, f64)>>,
    pub line_width: f64,
    pub line_colour: Rgb,
    /// A shot's radius, and the stroke of a missed one's cross, in pixels.
    pub dot: f64,
    pub cross_width: f64,
    /// Opacity of shots.
    pub shot_alpha: f64,
    /// The size in pixels of a label whose relative size is 1.
    pub label_px: f64,
}

impl CourtLayer<'_> {
    /// What the mark under a court point tells, topmost first.
    pub fn tip_at(&self, x: f64, y: f64) -> Option<&str> {
        self.marks.iter().rev().find_map(|m| mark_tip(m, x, y))
    }
}

/// What a mark tells when (x, y), in court feet, is over it.
pub fn mark_tip(m: &Mark, x: f64, y: f64) -> Option<&str> {
    match m {
        Mark::Rect {
            x0,
            y0,
            x1,
            y1,
            tip: Some(t),
            ..
        } if in_rect(*x0, *y0, *x1, *y1, x, y) => Some(t.as_str()),
        Mark::Polygon {
            points,
            tip: Some(t),
            ..
        } if inside(points, x, y) => Some(t.as_str()),
        _ => None,
    }
}

/// Whether (x, y) is inside the polygon (even-odd rule).
pub fn inside(points: &[(f64, f64)], x: f64, y: f64) -> bool {
    let mut inside = false;
    let n = points.len();
    for i in 0..n {
        let (xi, yi) = points[i];
        let (xj, yj) = points[(i + n - 1) % n];
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
    }
    inside
}

/// A chart laid out at `width` × `height` pixels.
#[derive(Clone, Debug)]
pub struct Scene<'a> {
    pub width: f64,
    pub height: f64,
    pub background: Rgb,
    /// Drawn first, when the chart is on a court.
    pub court: Option<CourtLayer<'a>>,
    /// Drawn in order, over the court.
    pub items: Vec<Item>,
}

impl Scene<'_> {
    /// A blank page.
    pub fn new(width: f64, height: f64) -> Scene<'static> {
        Scene {
            width,
            height,
            background: crate::charts::palette::PAPER,
            court: None,
            items: Vec::new(),
        }
    }

    /// What the item under a page point tells, topmost first.
    pub fn tip_at(&self, x: f64, y: f64) -> Option<&str> {
        self.items.iter().rev().find_map(|i| match i {
            Item::Rect {
                x0,
                y0,
                x1,
                y1,
                tip: Some(t),
                ..
            } if in_rect(*x0, *y0, *x1, *y1, x, y) => Some(t.as_str()),
            _ => None,
        })
    }

    /// Every text of the scene, in drawing order (the court's labels first).
    pub fn texts(&self) -> Vec<&str> {
        let court = self.court.iter().flat_map(|c| {
            c.marks.iter().filter_map(|m| match m {
                Mark::Label { text, .. } => Some(text.as_str()),
                _ => None,
            })
        });
        court
            .chain(self.items.iter().filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.as_str()),
                _ => None,
            }))
            .collect()
    }
}

/// Text fitted to `max_w` pixels: at `size` when it fits, else smaller (down to three
/// quarters), else cut with an ellipsis. Widths are estimated (DejaVu Sans averages about
/// half its size per character, bold a little more) so that a layout needs no font renderer
/// and both backends get the same text.
pub fn fit(text: &str, size: f64, bold: bool, max_w: f64) -> (String, f64) {
    let per_char = if bold { 0.58 } else { 0.52 };
    let n = text.chars().count() as f64;
    let width = |size: f64| n * size * per_char;
    if width(size) <= max_w || n == 0.0 {
        return (text.to_string(), size);
    }
    let fitting = size * max_w / width(size);
    if fitting >= size * 0.75 {
        return (text.to_string(), fitting);
    }
    let smaller = size * 0.75;
    let keep = ((max_w / (smaller * per_char)).floor() as usize).saturating_sub(1);
    let cut: String = text.chars().take(keep).collect();
    (format!("{}…", cut.trim_end()), smaller)
}

/// A "nice" step for about `n` ticks up to `max`: 1, 2 or 5 × 10^k.
pub fn tick_step(max: f64, n: f64) -> f64 {
    let raw = (max / n).max(1e-9);
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag)
}

/// Tick values from 0 to `top` (within rounding), `step` apart.
pub fn ticks(top: f64, step: f64) -> impl Iterator<Item = f64> {
    std::iter::successors(Some(0.0), move |v| Some(v + step)).take_while(move |v| *v <= top + 1e-9)
}

/// A tick's label: whole numbers grouped by thousands for steps of 1 and more, else as many
/// decimals as the step has.
pub fn tick_label(v: f64, step: f64) -> String {
    if step >= 1.0 {
        crate::format::grouped(v)
    } else {
        let decimals = (-step.log10()).ceil().max(1.0) as usize;
        format!("{v:.decimals$}")
    }
}

/// Whether (x, y) is in the rectangle with corners (x0, y0) and (x1, y1), either way round.
fn in_rect(x0: f64, y0: f64, x1: f64, y1: f64, x: f64, y: f64) -> bool {
    (x0.min(x1)..=x0.max(x1)).contains(&x) && (y0.min(y1)..=y0.max(y1)).contains(&y)
}

/// How text and lines scale with a chart's size: 1 at 800 pixels on the short side, never
/// below 0.75 so that a small panel stays readable.
pub fn scale(width: f64, height: f64) -> f64 {
    (width.min(height) / 800.0).max(0.75)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn court_and_page_points_convert_both_ways() {
        let f = CourtFrame {
            x0: -25.0,
            y1: 41.75,
            k: 10.0,
            left: 20.0,
            top: 100.0,
        };
        assert_eq!(f.page_from_court(-25.0, 41.75), (20.0, 100.0));
        assert_eq!(f.page_from_court(0.0, 0.0), (270.0, 517.5));
        let (x, y) = f.court_from_page(270.0, 517.5);
        assert!((x - 0.0).abs() < 1e-9 && (y - 0.0).abs() < 1e-9);
    }

    #[test]
    fn long_text_shrinks_then_is_cut() {
        assert_eq!(
            fit("Short", 20.0, false, 500.0),
            ("Short".to_string(), 20.0)
        );
        // 40 characters at 20 px: 416 px estimated; 380 px fit at 18.3 px.
        let (t, size) = fit(&"a".repeat(40), 20.0, false, 380.0);
        assert_eq!(t.len(), 40);
        assert!((size - 20.0 * 380.0 / 416.0).abs() < 1e-9);
        // Far too long: three quarters of the size, and an ellipsis.
        let (t, size) = fit(&"a".repeat(200), 20.0, false, 380.0);
        assert_eq!(size, 15.0);
        assert!(t.ends_with('…') && t.chars().count() <= 49, "{t}");
    }

    #[test]
    fn tick_labels_have_the_steps_decimals() {
        assert_eq!(tick_label(1500.0, 500.0), "1,500");
        assert_eq!(tick_label(0.4, 0.2), "0.4");
        assert_eq!(tick_label(0.05, 0.05), "0.05");
    }

    #[test]
    fn the_topmost_tip_under_a_point_wins() {
        let mut s = Scene::new(100.0, 100.0);
        s.items
            .push(Item::rect(0.0, 0.0, 50.0, 50.0, Rgb(1, 1, 1)).tip("under"));
        s.items
            .push(Item::rect(10.0, 10.0, 20.0, 20.0, Rgb(1, 1, 1)).tip("over"));
        assert_eq!(s.tip_at(15.0, 15.0), Some("over"));
        assert_eq!(s.tip_at(40.0, 40.0), Some("under"));
        assert_eq!(s.tip_at(60.0, 60.0), None);
        assert!(inside(&[(0.0, 0.0), (4.0, 0.0), (0.0, 4.0)], 1.0, 1.0));
        assert!(!inside(&[(0.0, 0.0), (4.0, 0.0), (0.0, 4.0)], 3.0, 3.0));
    }
}
