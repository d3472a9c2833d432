//! The team's ACWR bands day by day: one row per player, one cell per day.

use chrono::{Days, NaiveDate};

use super::{band_colour, header};
use crate::analysis::load::{self, Bands, Measure, PlayerDays};
use crate::charts::palette::{self, Rgb};
use crate::charts::scene::{Anchor, Item, Scene, VAlign, scale};

/// One player-day of the team chart.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct DayBand {
    /// The ACWR band and ratio (None before the player's first session, or without a ratio).
    pub band: Option<&'static str>,
    pub acwr: Option<f64>,
    /// In the player's warm-up: the ratio is not yet reliable.
    pub warmup: bool,
    /// No session for a week or more: the days since the last one.
    pub stale: Option<i64>,
}

/// How much paler a warm-up day is drawn.
pub const WARM_UP_PALE: f64 = 0.6;
/// The colour of a day with no recent data.
pub const STALE: Rgb = Rgb(205, 205, 205);

/// The team's ACWR bands, one row per player and one column per day.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamBands {
    pub title: String,
    pub subtitle: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// A player, and each day's band and ACWR.
    pub rows: Vec<(String, Vec<DayBand>)>,
}

/// The team's bands from `from` to `to`.
pub fn team_bands(
    series: &[PlayerDays],
    bands: &Bands,
    measure: Measure,
    (from, to): (NaiveDate, NaiveDate),
) -> TeamBands {
    let days = ((to - from).num_days() + 1).max(1) as usize;
    let rows = series
        .iter()
        .map(|s| {
            let m = load::metrics(s, bands);
            let cells = (0..days)
                .map(|d| {
                    let i = (from + Days::new(d as u64) - s.first).num_days();
                    usize::try_from(i)
                        .ok()
                        .and_then(|i| Some((i, m.get(i)?)))
                        .map_or(DayBand::default(), |(i, m)| DayBand {
                            band: m.band,
                            acwr: m.acwr_ewma,
                            warmup: m.warmup,
                            stale: s.days_since_session(i).filter(|d| *d >= load::RECENT_DAYS),
                        })
                })
                .collect();
            (s.player.clone(), cells)
        })
        .collect();
    TeamBands {
        title: format!("Team ACWR bands · {}", measure.column()),
        subtitle: format!(
            "{from} to {to} · EWMA 7:28 over each player's whole history, rest days 0 · \
             bands {}/{}/{} are a guide, not a diagnosis",
            bands.under, bands.normal, bands.elevated
        ),
        from,
        to,
        rows,
    }
}

/// Lays the team's bands out at `w` × `h` pixels. Hovering a cell tells its player, day,
/// band and ACWR.
pub fn team_layout(t: &TeamBands, w: f64, h: f64) -> Scene<'static> {
    let s = scale(w, h);
    let mut scene = Scene::new(w, h);
    let items = &mut scene.items;
    header(items, w, &t.title, &t.subtitle, s);
    let (x0, y0) = (180.0 * s, 110.0 * s);
    let (x1, y1) = (w - 20.0 * s, h - 70.0 * s);
    let days = t.rows.first().map_or(1, |r| r.1.len()).max(1);
    let (cw, ch) = (
        (x1 - x0) / days as f64,
        (y1 - y0) / t.rows.len().max(1) as f64,
    );
    if t.rows.is_empty() {
        items.push(
            Item::text(
                w / 2.0,
                h / 2.0,
                "No players to show",
                18.0 * s,
                palette::INK,
            )
            .bold()
            .anchored(Anchor::Centre, VAlign::Centre),
        );
    }
    for (r, (player, cells)) in t.rows.iter().enumerate() {
        let y = y0 + r as f64 * ch;
        items.push(
            Item::text(
                x0 - 8.0 * s,
                y + ch / 2.0,
                player.clone(),
                13.0 * s,
                palette::INK,
            )
            .anchored(Anchor::Right, VAlign::Centre),
        );
        for (d, c) in cells.iter().enumerate() {
            let x = x0 + d as f64 * cw;
            let date = t.from + Days::new(d as u64);
            let mut what = match (c.band, c.acwr) {
                (Some(b), Some(a)) => format!("{b}, ACWR {a:.2}"),
                _ => "no ACWR".into(),
            };
            let fill = match c.stale {
                Some(n) => {
                    what = format!("no recent data ({n} days without a session; {what})");
                    STALE
                }
                None if c.warmup => {
                    what.push_str(" · warm-up: not yet reliable");
                    band_colour(c.band).mix(palette::PAPER, WARM_UP_PALE)
                }
                None => band_colour(c.band),
            };
            items.push(
                Item::rect(x, y, x + cw - 1.0, y + ch - 1.0, fill)
                    .tip(format!("{player} · {date}: {what}")),
            );
        }
    }
    // A date under every week.
    for d in (0..days).step_by(7) {
        let x = x0 + d as f64 * cw;
        let text = (t.from + Days::new(d as u64)).format("%b %d").to_string();
        items.push(
            Item::text(x, y1 + 6.0 * s, text, 12.0 * s, palette::INK)
                .anchored(Anchor::Left, VAlign::Top),
        );
    }
    let legend = [
        ("under-loaded", band_colour(Some("under-loaded"))),
        ("normal", band_colour(Some("normal"))),
        ("elevated", band_colour(Some("elevated"))),
        ("high risk", band_colour(Some("high risk"))),
        (
            "warm-up (paler)",
            band_colour(Some("high risk")).mix(palette::PAPER, WARM_UP_PALE),
        ),
        ("no recent data", STALE),
    ];
    let mut x = x0;
    for (name, colour) in legend {
        let y = h - 30.0 * s;
        items.push(Item::rect(
            x,
            y - 7.0 * s,
            x + 16.0 * s,
            y + 7.0 * s,
            colour,
        ));
        items.push(Item::text(x + 22.0 * s, y, name, 13.0 * s, palette::INK));
        x += (44.0 + 7.5 * name.chars().count() as f64) * s;
    }
    scene
}
