//! Tracking charts as data: the occupancy heatmap on a full court (a [`ChartSpec`], laid out
//! as every court chart), and bars of distance per speed zone or per period ([`Bars`]).

use crate::analysis::tracking::{
    COURT_X, COURT_Y, MotionOptions, Movement, Occupancy, period_name,
};
use crate::charts::bars::Bars;
use crate::charts::palette::{self, Rgb};
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
        "{} player{} · {} player-minutes",
        heat.players,
        if heat.players == 1 { "" } else { "s" },
        crate::format::thousands_1dp(minutes)
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
                tip: Some(format!("{s:.1} s in this cell")),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::scene::{Item, tick_step};

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
        let items = crate::charts::bars::layout(&b, 1000.0, 600.0).items;
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
