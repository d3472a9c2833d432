//! Tracking charts as plain data: the occupancy heatmap on a full court (a [`ChartSpec`], so
//! both court renderers draw it), and horizontal bars of distance per speed zone or per
//! period, laid out once as [`Item`]s that plotters and egui both draw.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::analysis::tracking::{
    COURT_X, COURT_Y, MotionOptions, Movement, Occupancy, period_name,
};
use crate::charts::palette::{self, Rgb};
use crate::charts::render::{self, FAMILY, RenderError, colour};
use crate::charts::spec::{ChartSpec, Legend, Mark};
use crate::court::Court;

/// A point of the full-court tracking frame (SPEC 3.2) in the shot frame the court renderers
/// draw: the basket at x = 0 at the bottom, the length of the court running up, SportVU's
/// y = 0 sideline on the left.
pub fn to_court(x_ft: f64, y_ft: f64, court: Court) -> (f64, f64) {
    let spec = court.spec();
    (y_ft - COURT_Y / 2.0, x_ft - spec.hoop)
}

/// The inverse of [`to_court`]: a court point back in the full-court tracking frame.
pub fn from_court(x: f64, y: f64, court: Court) -> (f64, f64) {
    (y + court.spec().hoop, x + COURT_Y / 2.0)
}

/// The occupancy heatmap on the full court: cells coloured by time spent, the court lines
/// over them.
pub fn heatmap(heat: &Occupancy, title: &str, detail: &str, court: Court) -> ChartSpec {
    let spec = court.spec();
    let (bx0, bx1, by0, by1) = spec.bounds(true);
    let minutes = heat.total_s / 60.0;
    let mut subtitle = vec![format!(
        "{} player{} · {:.1} player-minutes",
        heat.players,
        if heat.players == 1 { "" } else { "s" },
        minutes
    )];
    if !detail.is_empty() {
        subtitle.push(detail.to_string());
    }
    let mut chart = ChartSpec {
        title: title.to_string(),
        subtitle: subtitle.join(" · "),
        court: spec,
        full_court: true,
        marks: Vec::new(),
        legend: Legend::None,
        message: None,
    };
    let max = heat.max();
    if max <= 0.0 {
        chart.message = Some("No tracking rows match these filters".into());
        return chart;
    }
    for r in 0..heat.rows {
        for c in 0..heat.cols {
            let s = heat.seconds[r * heat.cols + c];
            if s <= 0.0 {
                continue;
            }
            let (x0, y0) = (c as f64 * heat.cell_ft, r as f64 * heat.cell_ft);
            let (x1, y1) = (
                (x0 + heat.cell_ft).min(COURT_X),
                (y0 + heat.cell_ft).min(COURT_Y),
            );
            let (a0, b0) = to_court(x0, y0, court);
            let (a1, b1) = to_court(x1, y1, court);
            chart.marks.push(Mark::Rect {
                x0: a0.max(bx0),
                y0: b0.max(by0),
                x1: a1.min(bx1),
                y1: b1.min(by1),
                // A square root keeps the quieter areas visible next to the hot spots.
                fill: palette::sequential((s / max).sqrt()),
            });
        }
    }
    chart.legend = Legend::Sequential {
        low: "0 s".into(),
        high: seconds(max),
        caption: format!(
            "time per {:.1} m cell ({:.2} ft), colour on a square-root scale",
            heat.cell_ft * crate::analysis::tracking::M_PER_FT,
            heat.cell_ft
        ),
    };
    chart
}

fn seconds(s: f64) -> String {
    if s >= 120.0 {
        format!("{:.1} min", s / 60.0)
    } else {
        format!("{s:.0} s")
    }
}

/// Horizontal bars: one row per player, one segment (stacked) or one bar (grouped) per series.
#[derive(Clone, Debug, PartialEq)]
pub struct Bars {
    pub title: String,
    pub subtitle: String,
    pub rows: Vec<String>,
    pub series: Vec<(String, Rgb)>,
    /// `values[row][series]`.
    pub values: Vec<Vec<f64>>,
    pub stacked: bool,
    /// What the value axis measures: "metres".
    pub axis: String,
}

/// Speed zones from slow (cool) to fast (hot).
fn ramp(i: usize, n: usize) -> Rgb {
    const STOPS: [Rgb; 5] = [
        Rgb(146, 197, 222),
        Rgb(67, 147, 195),
        Rgb(253, 174, 97),
        Rgb(215, 48, 39),
        Rgb(103, 0, 31),
    ];
    let t = if n <= 1 {
        0.0
    } else {
        i as f64 / (n - 1) as f64
    };
    palette::sample(&STOPS, t)
}

/// Period colours, light to dark, overtime in grey.
fn period_colour(p: i32) -> Rgb {
    match p {
        1 => Rgb(158, 202, 225),
        2 => Rgb(66, 146, 198),
        3 => Rgb(8, 81, 156),
        4 => Rgb(8, 48, 107),
        _ => Rgb(150, 150, 150),
    }
}

fn row_name(m: &Movement) -> String {
    m.player.clone()
}

/// Distance per speed zone, stacked, per player.
pub fn speed_bars(players: &[Movement], opts: &MotionOptions, title: &str) -> Bars {
    let names = opts.zone_names();
    let n = names.len();
    Bars {
        title: title.to_string(),
        subtitle: format!(
            "distance per speed zone · speed smoothed over {:.1} s · gaps over {} ms not counted",
            opts.smooth_ms as f64 / 1000.0,
            opts.max_gap_ms
        ),
        rows: players.iter().map(row_name).collect(),
        series: names
            .into_iter()
            .enumerate()
            .map(|(i, s)| (s, ramp(i, n)))
            .collect(),
        values: players.iter().map(|p| p.zone_m.clone()).collect(),
        stacked: true,
        axis: "metres".into(),
    }
}

/// Distance per period, side by side, per player.
pub fn period_bars(players: &[Movement], title: &str) -> Bars {
    let mut periods: Vec<i32> = players
        .iter()
        .flat_map(|p| p.period_m.iter().map(|(q, _)| *q))
        .collect();
    periods.sort_unstable();
    periods.dedup();
    Bars {
        title: title.to_string(),
        subtitle: "distance covered per period".into(),
        rows: players.iter().map(row_name).collect(),
        series: periods
            .iter()
            .map(|p| (period_name(*p), period_colour(*p)))
            .collect(),
        values: players
            .iter()
            .map(|m| {
                periods
                    .iter()
                    .map(|q| {
                        m.period_m
                            .iter()
                            .find(|(p, _)| p == q)
                            .map_or(0.0, |(_, d)| *d)
                    })
                    .collect()
            })
            .collect(),
        stacked: false,
        axis: "metres".into(),
    }
}

/// Where text sits relative to its point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Left,
    Centre,
    Right,
}

/// One thing to draw, in pixels from the top left.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Rect {
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        fill: Rgb,
        /// What hovering it tells: "Marcus Hale · 2–4 m/s: 812 m".
        tip: Option<String>,
    },
    Line {
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        colour: Rgb,
    },
    Text {
        x: f64,
        y: f64,
        text: String,
        /// Pixels.
        size: f64,
        bold: bool,
        colour: Rgb,
        anchor: Anchor,
    },
}

/// A "nice" step for about `n` ticks up to `max`: 1, 2 or 5 × 10^k.
fn tick_step(max: f64, n: f64) -> f64 {
    let raw = (max / n).max(1e-9);
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag)
}

fn grouped(v: f64) -> String {
    crate::cli::thousands(v.round().max(0.0) as u64)
}

/// Lays the bars out in a `w` × `h` pixel box; `s` scales text and margins (1 on screen at
/// 100 %, `min(w, h) / 800` for an export).
pub fn layout(b: &Bars, w: f64, h: f64, s: f64) -> Vec<Item> {
    let mut items = Vec::new();
    let text =
        |x: f64, y: f64, t: String, size: f64, bold: bool, c: Rgb, anchor: Anchor| Item::Text {
            x,
            y,
            text: t,
            size: size * s,
            bold,
            colour: c,
            anchor,
        };
    let m = 16.0 * s;
    items.push(text(
        m,
        24.0 * s,
        b.title.clone(),
        22.0,
        true,
        palette::INK,
        Anchor::Left,
    ));
    items.push(text(
        m,
        50.0 * s,
        b.subtitle.clone(),
        13.0,
        false,
        palette::MUTED,
        Anchor::Left,
    ));
    // Legend: a swatch and a name per series.
    let mut lx = m;
    for (name, c) in &b.series {
        items.push(Item::Rect {
            x0: lx,
            y0: 68.0 * s,
            x1: lx + 14.0 * s,
            y1: 82.0 * s,
            fill: *c,
            tip: None,
        });
        items.push(text(
            lx + 19.0 * s,
            75.0 * s,
            name.clone(),
            13.0,
            false,
            palette::INK,
            Anchor::Left,
        ));
        lx += (30.0 + 7.5 * name.chars().count() as f64) * s;
    }
    let label_w =
        b.rows.iter().map(|r| r.chars().count()).max().unwrap_or(4) as f64 * 7.2 * s + 12.0 * s;
    let (px0, px1) = (m + label_w, w - m - 56.0 * s);
    let (py0, py1) = (100.0 * s, h - 44.0 * s);
    if b.rows.is_empty() || px1 <= px0 || py1 <= py0 {
        items.push(text(
            w / 2.0,
            h / 2.0,
            "No players match these filters".into(),
            18.0,
            true,
            palette::INK,
            Anchor::Centre,
        ));
        return items;
    }
    let totals: Vec<f64> = b
        .values
        .iter()
        .map(|r| {
            if b.stacked {
                r.iter().sum()
            } else {
                r.iter().copied().fold(0.0, f64::max)
            }
        })
        .collect();
    let max = totals.iter().copied().fold(0.0, f64::max).max(1.0);
    // About one tick per 110 px, so the labels never run into each other.
    let step = tick_step(max, ((px1 - px0) / (110.0 * s)).clamp(2.0, 6.0));
    let top = (max / step).ceil() * step;
    let x_of = |v: f64| px0 + (px1 - px0) * v / top;
    let mut v = 0.0;
    while v <= top + 1e-9 {
        let x = x_of(v);
        items.push(Item::Line {
            x0: x,
            y0: py0,
            x1: x,
            y1: py1,
            colour: Rgb(225, 222, 215),
        });
        items.push(text(
            x,
            py1 + 12.0 * s,
            grouped(v),
            12.0,
            false,
            palette::MUTED,
            Anchor::Centre,
        ));
        v += step;
    }
    items.push(text(
        (px0 + px1) / 2.0,
        py1 + 32.0 * s,
        b.axis.clone(),
        13.0,
        false,
        palette::MUTED,
        Anchor::Centre,
    ));
    let band = (py1 - py0) / b.rows.len() as f64;
    for (i, (row, values)) in b.rows.iter().zip(&b.values).enumerate() {
        let yc = py0 + band * (i as f64 + 0.5);
        items.push(text(
            px0 - 8.0 * s,
            yc,
            row.clone(),
            13.0,
            false,
            palette::INK,
            Anchor::Right,
        ));
        if b.stacked {
            let half = band * 0.32;
            let mut at = 0.0;
            for (k, v) in values.iter().enumerate() {
                if *v <= 0.0 {
                    continue;
                }
                items.push(Item::Rect {
                    x0: x_of(at),
                    y0: yc - half,
                    x1: x_of(at + v),
                    y1: yc + half,
                    fill: b.series[k].1,
                    tip: Some(format!(
                        "{row} · {}: {} {}",
                        b.series[k].0,
                        grouped(*v),
                        b.axis
                    )),
                });
                at += v;
            }
            items.push(text(
                x_of(at) + 5.0 * s,
                yc,
                grouped(at),
                12.0,
                false,
                palette::INK,
                Anchor::Left,
            ));
        } else {
            let k = values.len().max(1) as f64;
            let bar = band * 0.8 / k;
            for (j, v) in values.iter().enumerate() {
                let y0 = yc - band * 0.4 + bar * j as f64;
                items.push(Item::Rect {
                    x0: x_of(0.0),
                    y0: y0 + bar * 0.08,
                    x1: x_of(*v),
                    y1: y0 + bar * 0.92,
                    fill: b.series[j].1,
                    tip: Some(format!(
                        "{row} · {}: {} {}",
                        b.series[j].0,
                        grouped(*v),
                        b.axis
                    )),
                });
            }
        }
    }
    items.push(Item::Line {
        x0: px0,
        y0: py0,
        x1: px0,
        y1: py1,
        colour: palette::LINES,
    });
    items
}

/// Writes the bars as PNG or SVG (by extension), atomically.
pub fn write_bars(b: &Bars, path: &Path, width: u32, height: u32) -> Result<(), RenderError> {
    let svg = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    if svg {
        render::write_svg(
            path,
            render::svg_string_with(width, height, |root| draw_bars(b, root, width, height)),
        )
    } else {
        render::write_png(path, width, height, |root| {
            draw_bars(b, root, width, height)
        })
    }
}

fn draw_bars<DB: DrawingBackend>(
    b: &Bars,
    root: &DrawingArea<DB, Shift>,
    w: u32,
    h: u32,
) -> Result<(), String> {
    render::register_fonts();
    let e = |x: DrawingAreaErrorKind<DB::ErrorType>| x.to_string();
    root.fill(&colour(palette::PAPER)).map_err(e)?;
    let s = (w.min(h) as f64 / 800.0).max(0.5);
    let px = |v: f64| v.round() as i32;
    for item in layout(b, w as f64, h as f64, s) {
        match item {
            Item::Rect {
                x0,
                y0,
                x1,
                y1,
                fill,
                ..
            } => {
                root.draw(&Rectangle::new(
                    [(px(x0), px(y0)), (px(x1), px(y1))],
                    colour(fill).filled(),
                ))
                .map_err(e)?;
            }
            Item::Line {
                x0,
                y0,
                x1,
                y1,
                colour: c,
            } => {
                root.draw(&PathElement::new(
                    vec![(px(x0), px(y0)), (px(x1), px(y1))],
                    colour(c).stroke_width(1),
                ))
                .map_err(e)?;
            }
            Item::Text {
                x,
                y,
                text,
                size,
                bold,
                colour: c,
                anchor,
            } => {
                let h = match anchor {
                    Anchor::Left => HPos::Left,
                    Anchor::Centre => HPos::Center,
                    Anchor::Right => HPos::Right,
                };
                let style = TextStyle {
                    font: (
                        FAMILY,
                        size,
                        if bold {
                            FontStyle::Bold
                        } else {
                            FontStyle::Normal
                        },
                    )
                        .into_font(),
                    color: colour(c).to_backend_color(),
                    pos: Pos::new(h, VPos::Center),
                };
                root.draw(&Text::new(text, (px(x), px(y)), style))
                    .map_err(e)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mover(name: &str, zone_m: Vec<f64>, period_m: Vec<(i32, f64)>) -> Movement {
        Movement {
            player: name.into(),
            team: Some("T".into()),
            distance_m: zone_m.iter().sum(),
            zone_m,
            period_m,
            ..Default::default()
        }
    }

    #[test]
    fn the_far_basket_is_at_the_top_and_the_near_one_at_the_origin() {
        assert_eq!(to_court(5.25, 25.0, Court::Nba), (0.0, 0.0));
        assert_eq!(to_court(88.75, 25.0, Court::Nba), (0.0, 83.5));
        assert_eq!(to_court(0.0, 0.0, Court::Nba), (-25.0, -5.25));
        assert_eq!(from_court(-25.0, -5.25, Court::Nba), (0.0, 0.0));
    }

    #[test]
    fn stacked_bars_are_as_long_as_the_totals() {
        let players = vec![
            mover("A", vec![100.0, 300.0, 0.0, 0.0], vec![(1, 400.0)]),
            mover("B", vec![200.0, 200.0, 200.0, 200.0], vec![(1, 800.0)]),
        ];
        let b = speed_bars(&players, &MotionOptions::default(), "t");
        let items = layout(&b, 1000.0, 600.0, 1.0);
        let spans = |row: &str| -> f64 {
            items
                .iter()
                .filter_map(|i| match i {
                    Item::Rect {
                        x0,
                        x1,
                        tip: Some(t),
                        ..
                    } if t.starts_with(row) => Some(x1 - x0),
                    _ => None,
                })
                .sum()
        };
        // B is twice A; A's zero zones draw nothing.
        assert!((spans("B ·") - 2.0 * spans("A ·")).abs() < 1e-9);
        let a_rects = items
            .iter()
            .filter(|i| matches!(i, Item::Rect { tip: Some(t), .. } if t.starts_with("A ·")))
            .count();
        assert_eq!(a_rects, 2);
        assert_eq!(tick_step(4321.0, 5.0), 1000.0);
        assert_eq!(tick_step(830.0, 5.0), 200.0);
    }

    #[test]
    fn period_bars_have_one_bar_per_period_in_order() {
        let p = vec![mover("A", vec![1.0], vec![(1, 100.0), (2, 50.0)])];
        let b = period_bars(&p, "t");
        assert_eq!(
            b.series.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(),
            ["Q1", "Q2"]
        );
        assert_eq!(b.values, vec![vec![100.0, 50.0]]);
    }
}
