//! One player's weekly load, with monotony and strain.

use chrono::NaiveDate;

use super::{ACUTE, BAR, Shown, header, legend_row, plot_box};
use crate::analysis::load::{self, Bands, Measure, PlayerDays};
use crate::charts::palette;
use crate::charts::scene::{Anchor, Item, Scene, VAlign, scale};
use crate::format::grouped;

/// One player's weekly load: 7-day blocks from the first day, with monotony and strain.
#[derive(Clone, Debug, PartialEq)]
pub struct Weekly {
    pub title: String,
    pub subtitle: String,
    /// Each block's first day, load, monotony and strain.
    pub weeks: Vec<(NaiveDate, f64, Option<f64>, Option<f64>)>,
}

/// One player's weekly load: the 7-day blocks (counted from the player's first day) that end
/// within the days `shown`.
pub fn weekly(days: &PlayerDays, bands: &Bands, measure: Measure, shown: Shown) -> Weekly {
    let m = load::metrics(days, bands);
    let range = days.window(shown.from, shown.to);
    // The metrics of each block's last day describe that block's 7 days.
    let weeks = (6..m.len())
        .step_by(7)
        .filter(|i| range.contains(i))
        .map(|i| {
            (
                days.date(i - 6),
                m[i].weekly_load,
                m[i].monotony,
                m[i].strain,
            )
        })
        .collect();
    Weekly {
        title: format!("{} · weekly {}", days.player, measure.column()),
        subtitle: "bars: 7-day load (rest days 0), labelled with strain (load × monotony, \
                   thousands) · line: monotony (mean/SD, right axis)"
            .into(),
        weeks,
    }
}

/// Lays the weekly load out at `w` × `h` pixels. Hovering a week tells its figures.
pub fn weekly_layout(t: &Weekly, w: f64, h: f64) -> Scene<'static> {
    let s = scale(w, h);
    let mut scene = Scene::new(w, h);
    let items = &mut scene.items;
    header(items, w, &t.title, &t.subtitle, s);
    let n = t.weeks.len();
    let top_load = t.weeks.iter().map(|w| w.1).fold(1.0, f64::max) * 1.15;
    let top_mono = t.weeks.iter().filter_map(|w| w.2).fold(2.0, f64::max) * 1.1;
    let p = plot_box(w, h, s, n as f64, top_load, top_mono);
    legend_row(
        items,
        20.0 * s,
        84.0 * s,
        s,
        &[(BAR, false, "weekly load"), (ACUTE, true, "monotony")],
    );
    if n == 0 {
        items.push(
            Item::text(
                w / 2.0,
                h / 2.0,
                "Not a full week of sessions yet",
                18.0 * s,
                palette::INK,
            )
            .bold()
            .anchored(Anchor::Centre, VAlign::Centre),
        );
        return scene;
    }
    let every = n.div_ceil(10).max(1);
    let labels: Vec<(f64, String)> = (0..n)
        .step_by(every)
        .map(|i| (i as f64 + 0.5, t.weeks[i].0.format("%b %d").to_string()))
        .collect();
    p.axes(items, s, ("weekly load", "monotony"), &labels);
    for (i, (date, load, mono, strain)) in t.weeks.iter().enumerate() {
        let x = i as f64;
        let m = mono.map_or("no monotony".into(), |m| format!("monotony {m:.2}"));
        let st = strain.map_or(String::new(), |v| format!(" · strain {:.1}k", v / 1000.0));
        items.push(
            Item::rect(p.x(x + 0.15), p.left(*load), p.x(x + 0.85), p.y1, BAR)
                .tip(format!("week of {date}: load {} · {m}{st}", grouped(*load))),
        );
        if let Some(v) = strain {
            items.push(
                Item::text(
                    p.x(x + 0.5),
                    p.left(*load) - 2.0 * s,
                    format!("{:.1}k", v / 1000.0),
                    11.0 * s,
                    palette::MUTED,
                )
                .anchored(Anchor::Centre, VAlign::Bottom),
            );
        }
    }
    let pts: Vec<(f64, f64)> = t
        .weeks
        .iter()
        .enumerate()
        .filter_map(|(i, w)| Some((p.x(i as f64 + 0.5), p.right(w.2?))))
        .collect();
    for (x, y) in &pts {
        items.push(Item::Circle {
            x: *x,
            y: *y,
            r: 3.0 * s,
            fill: ACUTE,
            alpha: 1.0,
        });
    }
    items.push(Item::path(pts, ACUTE, 2.0 * s));
    scene
}
