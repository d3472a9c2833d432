//! Horizontal bars (one row per player; one segment per series stacked, or one bar per
//! series side by side), laid out once for the screen and for files.

use crate::charts::palette::{self, Rgb};
use crate::charts::scene::{Anchor, Item, Scene, VAlign, fit, scale, tick_label, tick_step, ticks};
use crate::format::grouped;

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

/// Lays the bars out at `w` × `h` pixels.
pub fn layout(b: &Bars, w: f64, h: f64) -> Scene<'static> {
    let s = scale(w, h);
    let mut scene = Scene::new(w, h);
    let items = &mut scene.items;
    let text =
        |x: f64, y: f64, t: String, size: f64, bold: bool, c: Rgb, anchor: Anchor| Item::Text {
            x,
            y,
            text: t,
            size: size * s,
            bold,
            colour: c,
            anchor,
            valign: VAlign::Centre,
        };
    let m = 16.0 * s;
    for (y, t, size, bold, c) in [
        (24.0, &b.title, 22.0, true, palette::INK),
        (50.0, &b.subtitle, 13.0, false, palette::MUTED),
    ] {
        let (t, size) = fit(t, size * s, bold, w - 2.0 * m);
        items.push(text(m, y * s, t, size / s, bold, c, Anchor::Left));
    }
    // Legend: a swatch and a name per series.
    let mut lx = m;
    for (name, c) in &b.series {
        items.push(Item::rect(lx, 68.0 * s, lx + 14.0 * s, 82.0 * s, *c));
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
        let why = if b.rows.is_empty() {
            "No players match these filters"
        } else {
            "Too small to draw the bars: make it wider or taller"
        };
        items.push(text(
            w / 2.0,
            h / 2.0,
            why.into(),
            18.0,
            true,
            palette::INK,
            Anchor::Centre,
        ));
        return scene;
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
    for v in ticks(top, step) {
        let x = x_of(v);
        items.push(Item::path(
            vec![(x, py0), (x, py1)],
            Rgb(225, 222, 215),
            1.0,
        ));
        items.push(text(
            x,
            py1 + 12.0 * s,
            tick_label(v, step),
            12.0,
            false,
            palette::MUTED,
            Anchor::Centre,
        ));
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
                items.push(
                    Item::rect(x_of(at), yc - half, x_of(at + v), yc + half, b.series[k].1).tip(
                        format!("{row} · {}: {} {}", b.series[k].0, grouped(*v), b.axis),
                    ),
                );
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
                items.push(
                    Item::rect(
                        x_of(0.0),
                        y0 + bar * 0.08,
                        x_of(*v),
                        y0 + bar * 0.92,
                        b.series[j].1,
                    )
                    .tip(format!(
                        "{row} · {}: {} {}",
                        b.series[j].0,
                        grouped(*v),
                        b.axis
                    )),
                );
            }
        }
    }
    items.push(Item::path(
        vec![(px0, py0), (px0, py1)],
        palette::LINES,
        1.0,
    ));
    scene
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars(values: Vec<Vec<f64>>, stacked: bool) -> Bars {
        Bars {
            title: "t".into(),
            subtitle: "s".into(),
            rows: (0..values.len()).map(|i| format!("P{i}")).collect(),
            series: (0..values[0].len())
                .map(|i| (format!("z{i}"), Rgb(i as u8, 0, 0)))
                .collect(),
            values,
            stacked,
            axis: "metres".into(),
        }
    }

    fn spans(scene: &Scene<'_>, row: &str) -> (f64, usize) {
        let mut sum = 0.0;
        let mut n = 0;
        for i in &scene.items {
            if let Item::Rect {
                x0,
                x1,
                tip: Some(t),
                ..
            } = i
                && t.starts_with(row)
            {
                sum += x1 - x0;
                n += 1;
            }
        }
        (sum, n)
    }

    #[test]
    fn stacked_bars_are_as_long_as_the_totals() {
        let b = bars(
            vec![
                vec![100.0, 300.0, 0.0, 0.0],
                vec![200.0, 200.0, 200.0, 200.0],
            ],
            true,
        );
        let scene = layout(&b, 1000.0, 600.0);
        // P1 is twice P0; P0's zero zones draw nothing.
        let (a, na) = spans(&scene, "P0 ·");
        let (b2, _) = spans(&scene, "P1 ·");
        assert!((b2 - 2.0 * a).abs() < 1e-9);
        assert_eq!(na, 2);
        assert_eq!(tick_step(4321.0, 5.0), 1000.0);
        assert_eq!(tick_step(830.0, 5.0), 200.0);
    }

    #[test]
    fn no_rows_say_so_instead_of_an_empty_frame() {
        let mut b = bars(vec![vec![1.0]], false);
        b.rows.clear();
        b.values.clear();
        assert!(
            layout(&b, 800.0, 600.0)
                .texts()
                .contains(&"No players match these filters")
        );
    }
}
