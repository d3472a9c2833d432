//! Load charts, laid out once for the screen and for files: one player's timeline (daily
//! load bars, acute and chronic EWMA lines, the ACWR on a second axis over the shaded bands,
//! the warm-up days the analysis flags), one player's weekly load with monotony and strain,
//! and the team's ACWR bands day by day.

use chrono::{Days, NaiveDate};

use crate::analysis::load::{self, Bands, Measure, PlayerDays};
use crate::charts::palette::{self, Rgb};
use crate::charts::scene::{Anchor, Item, Scene, VAlign, fit, scale, tick_label, tick_step, ticks};

mod team;
mod weekly;
pub use team::{TeamBands, team_bands, team_layout};
pub use weekly::{Weekly, weekly, weekly_layout};

pub const ACUTE: Rgb = Rgb(230, 120, 20);
pub const CHRONIC: Rgb = Rgb(33, 102, 172);
pub const BAR: Rgb = Rgb(190, 190, 190);
/// Opacity of the ACWR bands behind a timeline.
pub const BAND_ALPHA: f64 = 0.3;
/// The warm-up days' shading, and its opacity.
pub const WARM_UP: Rgb = Rgb(120, 120, 120);
pub const WARM_UP_ALPHA: f64 = 0.18;

/// What a timeline draws.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    pub title: String,
    pub subtitle: String,
    pub measure: String,
    /// The first day shown.
    pub first: NaiveDate,
    pub load: Vec<f64>,
    pub acute: Vec<f64>,
    pub chronic: Vec<f64>,
    pub acwr: Vec<Option<f64>>,
    /// The days the analysis flags as warm-up (ratios not yet reliable).
    pub warmup: Vec<bool>,
    pub bands: Bands,
    /// The chosen day, as an index into the days shown.
    pub marked: Option<usize>,
}

/// The days a load chart shows, and the day it marks; None: from the player's first day,
/// to the last day of the data, the last day shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub day: Option<NaiveDate>,
}

/// "ACWR 1.14 on 2019-02-19 (normal, warm-up)", for the day quoted in a subtitle.
fn acwr_on(m: &load::DayMetrics, date: NaiveDate, bands: &Bands) -> String {
    match m.acwr_ewma {
        Some(a) => format!(
            "ACWR {a:.2} on {date} ({}{})",
            bands.of(a),
            if m.warmup { ", warm-up" } else { "" }
        ),
        None => format!("no ACWR on {date}"),
    }
}

/// The timeline of one player's series over the days `shown`; every figure comes from the
/// whole series (the window only chooses the days drawn).
pub fn timeline(days: &PlayerDays, bands: &Bands, measure: Measure, shown: Shown) -> Timeline {
    let all = load::metrics(days, bands);
    let range = days.window(shown.from, shown.to);
    let m = &all[range.clone()];
    let first = days.date(range.start);
    let day = shown.day.and_then(|d| days.index(d));
    let marked = day.filter(|i| range.contains(i)).map(|i| i - range.start);
    // The chosen day is quoted even when the window leaves it out; else the last day shown.
    let latest = match day.or(range.end.checked_sub(1).filter(|_| !range.is_empty())) {
        Some(i) => acwr_on(&all[i], days.date(i), bands),
        None => "no days in this window".into(),
    };
    Timeline {
        title: format!("{} · {}", days.player, measure.column()),
        subtitle: format!(
            "{} to {} · {} · rest days count as 0 · bands {}/{}/{} are a guide, not a diagnosis",
            first,
            first + Days::new(m.len().saturating_sub(1) as u64),
            latest,
            bands.under,
            bands.normal,
            bands.elevated
        ),
        measure: measure.column().into(),
        first,
        load: m.iter().map(|d| d.load).collect(),
        acute: m.iter().map(|d| d.acute_ewma).collect(),
        chronic: m.iter().map(|d| d.chronic_ewma).collect(),
        acwr: m.iter().map(|d| d.acwr_ewma).collect(),
        warmup: m.iter().map(|d| d.warmup).collect(),
        bands: *bands,
        marked,
    }
}

/// The colour of an ACWR band.
pub fn band_colour(band: Option<&str>) -> Rgb {
    match band {
        Some("under-loaded") => Rgb(146, 197, 222),
        Some("normal") => Rgb(225, 232, 220),
        Some("elevated") => Rgb(253, 200, 110),
        Some("high risk") => Rgb(214, 96, 77),
        _ => palette::PAPER,
    }
}

/// The bands' shading behind a timeline: under-loaded blue, elevated amber, high risk red.
fn band_shades(b: &Bands, top: f64) -> [(f64, f64, Rgb, &'static str); 3] {
    [
        (0.0, b.under, Rgb(146, 197, 222), "under-loaded"),
        (b.normal, b.elevated, Rgb(253, 219, 140), "elevated"),
        (b.elevated, top, Rgb(244, 165, 130), "high risk"),
    ]
}

/// Title and subtitle at the top left of a page.
pub(crate) fn header(items: &mut Vec<Item>, w: f64, title: &str, subtitle: &str, s: f64) {
    let (title, size) = fit(title, 28.0 * s, true, w - 40.0 * s);
    items.push(
        Item::text(20.0 * s, 12.0 * s, title, size, palette::INK)
            .bold()
            .anchored(Anchor::Left, VAlign::Top),
    );
    let (subtitle, size) = fit(subtitle, 15.0 * s, false, w - 40.0 * s);
    items.push(
        Item::text(20.0 * s, 46.0 * s, subtitle, size, palette::MUTED)
            .anchored(Anchor::Left, VAlign::Top),
    );
}

/// A legend row: a swatch (a box, or a line) and a name per entry, left to right.
pub(crate) fn legend_row(
    items: &mut Vec<Item>,
    x: f64,
    y: f64,
    s: f64,
    entries: &[(Rgb, bool, &str)],
) {
    let mut lx = x;
    for (c, line, name) in entries {
        if *line {
            items.push(Item::path(vec![(lx, y), (lx + 18.0 * s, y)], *c, 2.5 * s));
        } else {
            items.push(Item::rect(lx, y - 6.0 * s, lx + 16.0 * s, y + 6.0 * s, *c));
        }
        items.push(Item::text(lx + 24.0 * s, y, *name, 13.0 * s, palette::INK));
        lx += (40.0 + 7.5 * name.chars().count() as f64) * s;
    }
}

/// The plot's box on the page, and how values map into it.
pub(crate) struct Plot {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    /// Slots along x (days or weeks).
    pub n: f64,
    pub left_max: f64,
    pub right_max: f64,
}

impl Plot {
    pub fn x(&self, slot: f64) -> f64 {
        self.x0 + (self.x1 - self.x0) * slot / self.n
    }
    pub fn left(&self, v: f64) -> f64 {
        self.y1 - (self.y1 - self.y0) * (v / self.left_max).clamp(0.0, 1.0)
    }
    pub fn right(&self, v: f64) -> f64 {
        self.y1 - (self.y1 - self.y0) * (v / self.right_max).clamp(0.0, 1.0)
    }

    /// Grid lines and tick labels of both axes, the axes' names above them, and `x_labels`
    /// under the slots they name.
    pub fn axes(
        &self,
        items: &mut Vec<Item>,
        s: f64,
        (left_name, right_name): (&str, &str),
        x_labels: &[(f64, String)],
    ) {
        let small = 12.0 * s;
        let step = tick_step(self.left_max, 5.0);
        for v in ticks(self.left_max, step) {
            let y = self.left(v);
            items.push(Item::path(
                vec![(self.x0, y), (self.x1, y)],
                Rgb(235, 235, 230),
                1.0,
            ));
            items.push(
                Item::text(
                    self.x0 - 6.0 * s,
                    y,
                    tick_label(v, step),
                    small,
                    palette::MUTED,
                )
                .anchored(Anchor::Right, VAlign::Centre),
            );
        }
        let step = tick_step(self.right_max, 5.0);
        for v in ticks(self.right_max, step) {
            items.push(
                Item::text(
                    self.x1 + 6.0 * s,
                    self.right(v),
                    format!("{v:.1}"),
                    small,
                    palette::MUTED,
                )
                .anchored(Anchor::Left, VAlign::Centre),
            );
        }
        items.push(
            Item::text(
                self.x0,
                self.y0 - 8.0 * s,
                left_name,
                13.0 * s,
                palette::MUTED,
            )
            .anchored(Anchor::Left, VAlign::Bottom),
        );
        items.push(
            Item::text(
                self.x1,
                self.y0 - 8.0 * s,
                right_name,
                13.0 * s,
                palette::MUTED,
            )
            .anchored(Anchor::Right, VAlign::Bottom),
        );
        for (slot, label) in x_labels {
            items.push(
                Item::text(
                    self.x(*slot),
                    self.y1 + 6.0 * s,
                    label.clone(),
                    small,
                    palette::MUTED,
                )
                .anchored(Anchor::Centre, VAlign::Top),
            );
        }
        items.push(Item::path(
            vec![(self.x0, self.y0), (self.x0, self.y1), (self.x1, self.y1)],
            palette::LINES,
            1.0,
        ));
    }
}

/// The plot box of a page with a header and a legend row.
pub(crate) fn plot_box(w: f64, h: f64, s: f64, n: f64, left_max: f64, right_max: f64) -> Plot {
    Plot {
        x0: 80.0 * s,
        y0: 126.0 * s,
        x1: w - 56.0 * s,
        y1: h - 40.0 * s,
        n: n.max(1.0),
        left_max,
        right_max,
    }
}

/// Dates under a day axis: about eight, a whole number of weeks apart.
fn day_labels(first: NaiveDate, n: usize) -> Vec<(f64, String)> {
    let weeks = n.div_ceil(7 * 8).max(1);
    let step = if n <= 16 { 2 } else { 7 * weeks };
    (0..n)
        .step_by(step)
        .map(|i| {
            (
                i as f64 + 0.5,
                (first + Days::new(i as u64)).format("%b %d").to_string(),
            )
        })
        .collect()
}

/// Lays a timeline out at `w` × `h` pixels. Hovering a day tells its figures.
pub fn timeline_layout(t: &Timeline, w: f64, h: f64) -> Scene<'static> {
    let s = scale(w, h);
    let mut scene = Scene::new(w, h);
    let items = &mut scene.items;
    header(items, w, &t.title, &t.subtitle, s);
    let n = t.load.len();
    let left_max = t
        .load
        .iter()
        .chain(&t.acute)
        .chain(&t.chronic)
        .copied()
        .fold(1.0, f64::max)
        * 1.1;
    let right_max = t
        .acwr
        .iter()
        .flatten()
        .copied()
        .fold(2.0, f64::max)
        .min(4.0);
    let p = plot_box(w, h, s, n as f64, left_max, right_max);
    let bar_name = format!("daily {}", t.measure);
    legend_row(
        items,
        20.0 * s,
        84.0 * s,
        s,
        &[
            (BAR, false, &bar_name),
            (ACUTE, true, "acute (7-day EWMA)"),
            (CHRONIC, true, "chronic (28-day EWMA)"),
            (palette::INK, true, "ACWR (right axis)"),
            // The shading's colour over the paper.
            (palette::PAPER.mix(WARM_UP, WARM_UP_ALPHA), false, "warm-up"),
        ],
    );
    if n == 0 {
        items.push(
            Item::text(
                w / 2.0,
                h / 2.0,
                "No sessions to show",
                18.0 * s,
                palette::INK,
            )
            .bold()
            .anchored(Anchor::Centre, VAlign::Centre),
        );
        return scene;
    }
    for (lo, hi, c, _) in band_shades(&t.bands, right_max) {
        items.push(Item::rect(p.x0, p.right(hi), p.x1, p.right(lo), c).alpha(BAND_ALPHA));
    }
    // Warm-up: exactly the days the analysis flags.
    let mut i = 0;
    while i < n {
        if !t.warmup.get(i).copied().unwrap_or(false) {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && t.warmup.get(i).copied().unwrap_or(false) {
            i += 1;
        }
        items.push(
            Item::rect(p.x(start as f64), p.y0, p.x(i as f64), p.y1, WARM_UP).alpha(WARM_UP_ALPHA),
        );
    }
    p.axes(
        items,
        s,
        (&bar_name, "ACWR (EWMA 7:28)"),
        &day_labels(t.first, n),
    );
    for (i, v) in t.load.iter().enumerate() {
        if *v > 0.0 {
            let x = i as f64;
            items.push(Item::rect(
                p.x(x + 0.15),
                p.left(*v),
                p.x(x + 0.85),
                p.y1,
                BAR,
            ));
        }
    }
    let series = |v: &[f64]| -> Vec<(f64, f64)> {
        v.iter()
            .enumerate()
            .map(|(i, v)| (p.x(i as f64 + 0.5), p.left(*v)))
            .collect()
    };
    items.push(Item::path(series(&t.chronic), CHRONIC, 2.5 * s));
    items.push(Item::path(series(&t.acute), ACUTE, 2.5 * s));
    // The ratio, broken where it is undefined (chronic load 0).
    let mut run: Vec<(f64, f64)> = Vec::new();
    for (i, a) in t.acwr.iter().enumerate() {
        match a {
            Some(v) => run.push((p.x(i as f64 + 0.5), p.right(*v))),
            None => {
                if run.len() > 1 {
                    items.push(Item::path(std::mem::take(&mut run), palette::INK, 2.0 * s));
                }
                run.clear();
            }
        }
    }
    if run.len() > 1 {
        items.push(Item::path(run, palette::INK, 2.0 * s));
    }
    if let Some(i) = t.marked {
        let x = p.x(i as f64 + 0.5);
        items.push(
            Item::rect(p.x(i as f64), p.y0, p.x(i as f64 + 1.0), p.y1, palette::INK).alpha(0.12),
        );
        items.push(Item::path(
            vec![(x, p.y0), (x, p.y1)],
            palette::INK,
            1.5 * s,
        ));
        let date = (t.first + Days::new(i as u64)).format("%b %d").to_string();
        // The label sits on the side of the line with more room.
        let (lx, anchor) = if i * 2 < n {
            (x + 5.0 * s, Anchor::Left)
        } else {
            (x - 5.0 * s, Anchor::Right)
        };
        items.push(
            Item::text(lx, p.y0 + 4.0 * s, date, 12.0 * s, palette::INK)
                .bold()
                .anchored(anchor, VAlign::Top),
        );
    }
    // Each day's column tells its figures.
    for i in 0..n {
        let date = t.first + Days::new(i as u64);
        let acwr = match t.acwr[i] {
            Some(a) => format!("ACWR {a:.2} ({})", t.bands.of(a)),
            None => "no ACWR".into(),
        };
        let warm = if t.warmup.get(i).copied().unwrap_or(false) {
            " · warm-up"
        } else {
            ""
        };
        items.push(
            Item::rect(p.x(i as f64), p.y0, p.x(i as f64 + 1.0), p.y1, palette::INK)
                .alpha(0.0)
                .tip(format!(
                    "{date}: load {:.0} · acute {:.1} · chronic {:.1} · {acwr}{warm}",
                    t.load[i], t.acute[i], t.chronic[i]
                )),
        );
    }
    scene
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(n: usize) -> PlayerDays {
        PlayerDays::new(
            "A",
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default(),
            (0..n).map(|i| 100.0 + (i % 3) as f64 * 50.0).collect(),
        )
    }

    #[test]
    fn the_warm_up_shading_covers_exactly_the_flagged_days() {
        let t = timeline(
            &days(60),
            &Bands::default(),
            Measure::Srpe,
            Shown::default(),
        );
        let flagged = t.warmup.iter().filter(|w| **w).count();
        assert_eq!(flagged, 27, "the analysis flags the first 27 days");
        let scene = timeline_layout(&t, 1000.0, 600.0);
        let grey = scene
            .items
            .iter()
            .find_map(|i| match i {
                Item::Rect {
                    x0,
                    x1,
                    fill: WARM_UP,
                    alpha,
                    ..
                } if *alpha == WARM_UP_ALPHA => Some(x1 - x0),
                _ => None,
            })
            .unwrap_or_default();
        // One day's width, from the hover column of day 0.
        let day = scene
            .items
            .iter()
            .find_map(|i| match i {
                Item::Rect {
                    x0,
                    x1,
                    tip: Some(_),
                    ..
                } => Some(x1 - x0),
                _ => None,
            })
            .unwrap_or_default();
        assert!((grey / day - 27.0).abs() < 1e-9, "{} days", grey / day);
    }

    #[test]
    fn hovering_a_day_tells_its_figures() {
        let t = timeline(
            &days(40),
            &Bands::default(),
            Measure::Srpe,
            Shown::default(),
        );
        let scene = timeline_layout(&t, 1000.0, 600.0);
        let Some(Item::Rect { x0, x1, y0, y1, .. }) = scene
            .items
            .iter()
            .find(|i| matches!(i, Item::Rect { tip: Some(t), .. } if t.starts_with("2024-01-02")))
        else {
            panic!("day 2 has a hover column");
        };
        let tip = scene.tip_at((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        // Acute 0.25 × 150 + 0.75 × 100 = 112.5; chronic 100 + 2/29 × 50 = 103.45; 1.087.
        assert_eq!(
            tip,
            Some(
                "2024-01-02: load 150 · acute 112.5 · chronic 103.4 · ACWR 1.09 (normal) · warm-up"
            )
        );
    }

    #[test]
    fn a_window_shows_the_whole_series_figures_and_marks_the_day() {
        let d = days(60);
        let full = timeline(&d, &Bands::default(), Measure::Srpe, Shown::default());
        let day = |n: u64| Some(d.first + Days::new(n));
        let t = timeline(
            &d,
            &Bands::default(),
            Measure::Srpe,
            Shown {
                from: day(20),
                to: day(39),
                day: day(30),
            },
        );
        assert_eq!(t.first, d.first + Days::new(20));
        assert_eq!(t.acwr, full.acwr[20..40]);
        assert_eq!(
            t.warmup,
            full.warmup[20..40],
            "the warm-up is the player's own"
        );
        assert_eq!(t.marked, Some(10));
        let a = full.acwr[30].unwrap_or_default();
        assert!(
            t.subtitle
                .contains(&format!("ACWR {a:.2} on 2024-01-31 (normal)")),
            "{}",
            t.subtitle
        );
        // A day outside the window is quoted, not marked.
        let outside = timeline(
            &d,
            &Bands::default(),
            Measure::Srpe,
            Shown {
                from: day(20),
                to: day(39),
                day: day(50),
            },
        );
        assert_eq!(outside.marked, None);
        let a = full.acwr[50].unwrap_or_default();
        assert!(
            outside
                .subtitle
                .contains(&format!("ACWR {a:.2} on 2024-02-20")),
            "{}",
            outside.subtitle
        );
        // The marked day's line runs through the middle of its column.
        let scene = timeline_layout(&t, 1000.0, 600.0);
        let p = plot_box(1000.0, 600.0, scale(1000.0, 600.0), 20.0, 1.0, 1.0);
        let x = p.x(10.5);
        assert!(scene.items.iter().any(|i| matches!(i,
            Item::Path { points, .. } if points.len() == 2 && points[0].0 == x && points[1].0 == x)));
    }
}
