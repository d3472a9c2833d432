//! The page of a chart drawn on a court (every shot chart, the tracking heatmap): title and
//! subtitle at the top, the court and its marks in the middle, the legend below, and the
//! empty-state message over the court.

use crate::charts::palette::{self, Rgb};
use crate::charts::scene::{Anchor, CourtFrame, CourtLayer, Item, Scene, VAlign, fit};
use crate::charts::spec::{ChartSpec, Legend};
use crate::format::thousands;

/// How opaque shots are, so that a crowd of them reads as density.
pub const SHOT_ALPHA: f64 = 0.75;

/// Lays out a court chart at `w` × `h` pixels.
pub fn layout(spec: &ChartSpec, w: f64, h: f64) -> Scene<'_> {
    let s = crate::charts::scene::scale(w, h);
    let mut scene = Scene::new(w, h);
    let title_h = 78.0 * s;
    let legend_h = 92.0 * s;
    let margin = 16.0 * s;
    let (x0, x1, y0, y1) = spec.court.bounds(spec.full_court);
    let avail_w = w - 2.0 * margin;
    let avail_h = h - title_h - legend_h - 2.0 * margin;
    let k = (avail_w / (x1 - x0)).min(avail_h / (y1 - y0)).max(0.1);
    let frame = CourtFrame {
        x0,
        y1,
        k,
        left: (w - (x1 - x0) * k) / 2.0,
        top: title_h + margin + (avail_h - (y1 - y0) * k) / 2.0,
    };
    // Pixel sizes are whole, as a file draws them.
    let dot = (3.0 * s).max(1.5).trunc();
    scene.court = Some(CourtLayer {
        frame,
        area: (margin, title_h + margin, w - margin, h - legend_h - margin),
        marks: &spec.marks,
        lines: spec.court.lines(spec.full_court),
        line_width: (2.0 * s).round().max(1.0),
        line_colour: palette::LINES,
        dot,
        cross_width: (1.5 * s).round().max(1.0),
        shot_alpha: SHOT_ALPHA,
        label_px: 20.0 * s,
    });
    let items = &mut scene.items;
    if let Some(msg) = &spec.message {
        let (cx, cy) = frame.page_from_court(0.0, (y0 + y1.min(41.75)) / 2.0);
        let (cx, cy) = (cx.round(), cy.round());
        let half = (w * 0.36).trunc();
        let band = (28.0 * s).trunc();
        items.push(Item::rect(
            cx - half,
            cy - band,
            cx + half,
            cy + band,
            palette::PAPER,
        ));
        items.push(
            Item::text(cx, cy, msg.clone(), 28.0 * s, palette::INK)
                .bold()
                .anchored(Anchor::Centre, VAlign::Centre),
        );
    }
    let left = (margin * 1.5).trunc();
    let room = w - 2.0 * left;
    let (title, size) = fit(&spec.title, 30.0 * s, true, room);
    items.push(
        Item::text(left, (14.0 * s).trunc(), title, size, palette::INK)
            .bold()
            .anchored(Anchor::Left, VAlign::Top),
    );
    let (subtitle, size) = fit(&spec.subtitle, 18.0 * s, false, room);
    items.push(
        Item::text(left, (50.0 * s).trunc(), subtitle, size, palette::MUTED)
            .anchored(Anchor::Left, VAlign::Top),
    );
    legend(items, &spec.legend, w, h, s, dot);
    scene
}

/// The legend, centred under the court.
fn legend(items: &mut Vec<Item>, legend: &Legend, w: f64, h: f64, s: f64, dot: f64) {
    let legend_h = 92.0 * s;
    let ly = (h - legend_h + 18.0 * s).trunc();
    let cx = (w / 2.0).trunc();
    match legend {
        Legend::None => {}
        Legend::MadeMissed { made, missed } => {
            let gap = (140.0 * s).trunc();
            let y = ly + 10.0;
            items.push(Item::Circle {
                x: cx - gap,
                y,
                r: dot + 2.0,
                fill: palette::MADE,
                alpha: 1.0,
            });
            items.push(Item::text(
                cx - gap + 14.0,
                y,
                format!("Made ({})", thousands(*made)),
                18.0 * s,
                palette::INK,
            ));
            // Whole pixels, as the integer arithmetic of a file places it.
            let at = cx + (gap / 3.0).trunc();
            items.push(Item::Cross {
                x: at,
                y,
                r: dot + 2.0,
                colour: palette::MISSED,
                alpha: 1.0,
                width: (2.0 * s).round().max(1.0),
            });
            items.push(Item::text(
                at + 14.0,
                y,
                format!("Missed ({})", thousands(*missed)),
                18.0 * s,
                palette::INK,
            ));
        }
        Legend::Diverging { limit_pts, caption } => {
            let labels = [
                (-1.0, format!("−{limit_pts:.0} pts")),
                (0.0, "even".into()),
                (1.0, format!("+{limit_pts:.0} pts")),
            ];
            scale_bar(
                items,
                (cx, ly),
                s,
                |t| palette::diverging(2.0 * t - 1.0, 1.0),
                &labels,
                caption,
            );
        }
        Legend::Sequential { low, high, caption } => {
            let labels = [(-1.0, low.clone()), (1.0, high.clone())];
            scale_bar(items, (cx, ly), s, palette::sequential, &labels, caption);
        }
    }
}

/// A colour scale 360 px wide at 800 px, centred on `at`: the bar, labels under it (at −1
/// the left end, 0 the centre, 1 the right end), and a caption.
fn scale_bar(
    items: &mut Vec<Item>,
    at: (f64, f64),
    s: f64,
    colour_at: impl Fn(f64) -> Rgb,
    labels: &[(f64, String)],
    caption: &str,
) {
    let steps = 60;
    let width = 360.0 * s;
    let left = at.0 - width / 2.0;
    let height = (16.0 * s).trunc();
    for i in 0..steps {
        let a = (left + width * i as f64 / steps as f64).trunc();
        let b = (left + width * (i + 1) as f64 / steps as f64).ceil();
        let c = colour_at((i as f64 + 0.5) / steps as f64);
        items.push(Item::rect(a, at.1, b, at.1 + height, c));
    }
    let half = 180.0 * s;
    let under = at.1 + (30.0 * s).trunc();
    for (pos, label) in labels {
        let x = at.0 + (pos * half).trunc();
        items.push(
            Item::text(x, under, label.clone(), 15.0 * s, palette::INK)
                .anchored(Anchor::Centre, VAlign::Centre),
        );
    }
    items.push(
        Item::text(
            at.0,
            under + (22.0 * s).trunc(),
            caption.to_string(),
            15.0 * s,
            palette::MUTED,
        )
        .anchored(Anchor::Centre, VAlign::Centre),
    );
}
