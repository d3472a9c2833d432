//! The load timeline of one player: daily load bars, acute and chronic EWMA lines, and the
//! ACWR on a second axis over the shaded bands, the warm-up weeks marked.

use std::path::Path;

use chrono::{Days, NaiveDate};
use plotters::chart::DualCoordChartContext;
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::analysis::load::{self, Bands, CHRONIC_DAYS, Measure, PlayerDays};
use crate::charts::palette::{self, Rgb};
use crate::charts::render::{self, FAMILY, RenderError, colour};

/// What a timeline draws.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    pub title: String,
    pub subtitle: String,
    pub measure: String,
    pub first: NaiveDate,
    pub load: Vec<f64>,
    pub acute: Vec<f64>,
    pub chronic: Vec<f64>,
    pub acwr: Vec<Option<f64>>,
    pub bands: Bands,
}

/// The timeline of one player's series.
pub fn timeline(days: &PlayerDays, bands: &Bands, measure: Measure) -> Timeline {
    let m = load::metrics(days, bands);
    let last = m.last();
    let latest = match last.and_then(|l| l.acwr_ewma) {
        Some(a) => format!(
            "ACWR {a:.2} on {} ({})",
            days.date(m.len() - 1),
            bands.of(a)
        ),
        None => "no ACWR yet".into(),
    };
    Timeline {
        title: format!("{} · {}", days.player, measure.column()),
        subtitle: format!(
            "{} to {} · {} · bands {}/{}/{} are a guide, not a diagnosis",
            days.first,
            days.date(days.load.len().saturating_sub(1)),
            latest,
            bands.under,
            bands.normal,
            bands.elevated
        ),
        measure: measure.column().into(),
        first: days.first,
        load: m.iter().map(|d| d.load).collect(),
        acute: m.iter().map(|d| d.acute_ewma).collect(),
        chronic: m.iter().map(|d| d.chronic_ewma).collect(),
        acwr: m.iter().map(|d| d.acwr_ewma).collect(),
        bands: *bands,
    }
}

/// Writes the timeline as PNG or SVG (by extension), atomically.
pub fn write(t: &Timeline, path: &Path, width: u32, height: u32) -> Result<(), RenderError> {
    let svg = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    if svg {
        render::write_svg(
            path,
            render::svg_string_with(width, height, |root| draw(t, root, width, height)),
        )
    } else {
        render::write_png(path, width, height, |root| draw(t, root, width, height))
    }
}

pub(crate) const ACUTE: Rgb = Rgb(230, 120, 20);
pub(crate) const CHRONIC: Rgb = Rgb(33, 102, 172);
pub(crate) const BAR: Rgb = Rgb(190, 190, 190);

/// A page: paper, then the title and a muted subtitle at the top. Returns the area below the
/// header and the scale of text and lines.
fn page<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: &str,
    w: u32,
    h: u32,
) -> Result<(DrawingArea<DB, Shift>, f64), String> {
    render::register_fonts();
    let e = |x: DrawingAreaErrorKind<DB::ErrorType>| x.to_string();
    let s = (w.min(h) as f64 / 700.0).max(0.5);
    root.fill(&colour(palette::PAPER)).map_err(e)?;
    let (top, body) = root.split_vertically((74.0 * s) as u32);
    let left = Pos::new(HPos::Left, VPos::Top);
    top.draw(&Text::new(
        title.to_string(),
        ((20.0 * s) as i32, (12.0 * s) as i32),
        TextStyle::from((FAMILY, 28.0 * s, FontStyle::Bold).into_font()).pos(left),
    ))
    .map_err(e)?;
    top.draw(&Text::new(
        subtitle.to_string(),
        ((20.0 * s) as i32, (46.0 * s) as i32),
        TextStyle::from((FAMILY, 15.0 * s).into_font())
            .color(&colour(palette::MUTED))
            .pos(left),
    ))
    .map_err(e)?;
    Ok((body, s))
}

/// Plain numbers on x and on both y axes.
type Plain = Cartesian2d<RangedCoordf64, RangedCoordf64>;
/// A chart with a second y axis on the right.
type DualChart<'a, DB> = DualCoordChartContext<'a, DB, Plain, Plain>;

/// A chart with a left axis (`left`) and a right one (`right`) over `n` slots on x, its grid
/// and labels drawn in the house style.
#[allow(clippy::too_many_arguments)]
fn dual_axes<'a, DB: DrawingBackend>(
    body: &'a DrawingArea<DB, Shift>,
    s: f64,
    n: f64,
    (left_max, left_desc): (f64, &str),
    (right_max, right_desc): (f64, &str),
    x_labels: usize,
    x_label: &dyn Fn(&f64) -> String,
) -> Result<DualChart<'a, DB>, String> {
    let e = |x: DrawingAreaErrorKind<DB::ErrorType>| x.to_string();
    let font = |size: f64| (FAMILY, size * s).into_font();
    let mut chart = ChartBuilder::on(body)
        .margin((16.0 * s) as u32)
        .x_label_area_size((36.0 * s) as u32)
        .y_label_area_size((64.0 * s) as u32)
        .right_y_label_area_size((56.0 * s) as u32)
        .build_cartesian_2d(0.0..n, 0.0..left_max)
        .map_err(e)?
        .set_secondary_coord(0.0..n, 0.0..right_max);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(x_labels)
        .x_label_formatter(x_label)
        .y_desc(left_desc)
        .label_style(font(13.0))
        .axis_desc_style(font(14.0))
        .light_line_style(colour(Rgb(235, 235, 230)))
        .draw()
        .map_err(e)?;
    chart
        .configure_secondary_axes()
        .y_desc(right_desc)
        .label_style(font(13.0))
        .axis_desc_style(font(14.0))
        .draw()
        .map_err(e)?;
    Ok(chart)
}

fn draw<DB: DrawingBackend>(
    t: &Timeline,
    root: &DrawingArea<DB, Shift>,
    w: u32,
    h: u32,
) -> Result<(), String> {
    let e = |x: DrawingAreaErrorKind<DB::ErrorType>| x.to_string();
    let (body, s) = page(root, &t.title, &t.subtitle, w, h)?;
    let font = |size: f64| (FAMILY, size * s).into_font();

    let n = t.load.len().max(1) as f64;
    let load_max = t
        .load
        .iter()
        .chain(&t.acute)
        .chain(&t.chronic)
        .copied()
        .fold(1.0, f64::max)
        * 1.1;
    let acwr_max = t
        .acwr
        .iter()
        .flatten()
        .copied()
        .fold(2.0, f64::max)
        .min(4.0);
    let first = t.first;
    let date_of = move |v: &f64| {
        (first + Days::new(v.max(0.0) as u64))
            .format("%b %d")
            .to_string()
    };
    let mut chart = dual_axes(
        &body,
        s,
        n,
        (load_max, &format!("daily {}", t.measure)),
        (acwr_max, "ACWR (EWMA 7:28)"),
        8,
        &date_of,
    )?;

    // Bands behind everything: under-loaded blue, elevated amber, high risk red.
    let b = t.bands;
    let shades = [
        (0.0, b.under, Rgb(146, 197, 222)),
        (b.normal, b.elevated, Rgb(253, 219, 140)),
        (b.elevated, acwr_max, Rgb(244, 165, 130)),
    ];
    chart
        .draw_secondary_series(
            shades.iter().map(|(a, z, c)| {
                Rectangle::new([(0.0, *a), (n, *z)], colour(*c).mix(0.25).filled())
            }),
        )
        .map_err(e)?;
    // Warm-up: the first 27 days' ratios are not yet reliable.
    let warm = (CHRONIC_DAYS as f64 - 1.0).min(n);
    chart
        .draw_series(std::iter::once(Rectangle::new(
            [(0.0, 0.0), (warm, load_max)],
            colour(Rgb(120, 120, 120)).mix(0.08).filled(),
        )))
        .map_err(e)?;
    chart
        .draw_series(
            t.load
                .iter()
                .enumerate()
                .filter(|(_, v)| **v > 0.0)
                .map(|(i, v)| {
                    Rectangle::new(
                        [(i as f64 + 0.15, 0.0), (i as f64 + 0.85, *v)],
                        colour(BAR).filled(),
                    )
                }),
        )
        .map_err(e)?
        .label(format!("daily {}", t.measure))
        .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 14, y + 5)], colour(BAR).filled()));
    let line = |c: Rgb, width: f64| ShapeStyle {
        color: colour(c).to_rgba(),
        filled: false,
        stroke_width: (width * s).round().max(1.0) as u32,
    };
    for (values, c, name) in [
        (&t.acute, ACUTE, "acute (7-day EWMA)"),
        (&t.chronic, CHRONIC, "chronic (28-day EWMA)"),
    ] {
        let pts: Vec<(f64, f64)> = values
            .iter()
            .enumerate()
            .map(|(i, v)| (i as f64 + 0.5, *v))
            .collect();
        let style = line(c, 2.5);
        chart
            .draw_series(std::iter::once(PathElement::new(pts, style)))
            .map_err(e)?
            .label(name)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], style));
    }
    // The ratio, broken where it is undefined (chronic load 0).
    let acwr_style = line(palette::INK, 2.0);
    let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for (i, a) in t.acwr.iter().enumerate() {
        match a {
            Some(v) => runs
                .last_mut()
                .map(|r| r.push((i as f64 + 0.5, v.min(acwr_max))))
                .unwrap_or(()),
            None if runs.last().is_some_and(|r| !r.is_empty()) => runs.push(Vec::new()),
            None => {}
        }
    }
    chart
        .draw_secondary_series(
            runs.into_iter()
                .filter(|r| r.len() > 1)
                .map(|r| PathElement::new(r, acwr_style)),
        )
        .map_err(e)?
        .label("ACWR (right axis)")
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], acwr_style));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(font(13.0))
        .background_style(colour(palette::PAPER).mix(0.9))
        .border_style(colour(palette::LINES))
        .draw()
        .map_err(e)?;
    Ok(())
}

/// The colour of an ACWR band on the team heat table.
pub fn band_colour(band: Option<&str>) -> Rgb {
    match band {
        Some("under-loaded") => Rgb(146, 197, 222),
        Some("normal") => Rgb(225, 232, 220),
        Some("elevated") => Rgb(253, 200, 110),
        Some("high risk") => Rgb(214, 96, 77),
        _ => palette::PAPER,
    }
}

/// The team heat table: one row per player, one column per day from `from` to `to`, each
/// cell coloured by the day's ACWR band.
pub fn write_team(
    series: &[PlayerDays],
    bands: &Bands,
    measure: Measure,
    (from, to): (NaiveDate, NaiveDate),
    path: &Path,
    width: u32,
    height: u32,
) -> Result<(), RenderError> {
    let days = ((to - from).num_days() + 1).max(1) as usize;
    let rows: Vec<(String, Vec<Option<&'static str>>)> = series
        .iter()
        .map(|s| {
            let m = load::metrics(s, bands);
            let cells = (0..days)
                .map(|d| {
                    let i = (from + Days::new(d as u64) - s.first).num_days();
                    usize::try_from(i)
                        .ok()
                        .and_then(|i| m.get(i))
                        .and_then(|m| m.band)
                })
                .collect();
            (s.player.clone(), cells)
        })
        .collect();
    let title = format!("Team ACWR bands · {}", measure.column());
    let subtitle = format!(
        "{from} to {to} · EWMA 7:28 · bands {}/{}/{} are a guide, not a diagnosis",
        bands.under, bands.normal, bands.elevated
    );
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
    {
        render::write_svg(
            path,
            render::svg_string_with(width, height, |r| {
                draw_team(&title, &subtitle, from, &rows, r, width, height)
            }),
        )
    } else {
        render::write_png(path, width, height, |r| {
            draw_team(&title, &subtitle, from, &rows, r, width, height)
        })
    }
}

fn draw_team<DB: DrawingBackend>(
    title: &str,
    subtitle: &str,
    from: NaiveDate,
    rows: &[(String, Vec<Option<&'static str>>)],
    root: &DrawingArea<DB, Shift>,
    w: u32,
    h: u32,
) -> Result<(), String> {
    let e = |x: DrawingAreaErrorKind<DB::ErrorType>| x.to_string();
    let (_body, s) = page(root, title, subtitle, w, h)?;
    let (x0, y0) = (180.0 * s, 110.0 * s);
    let (x1, y1) = (w as f64 - 20.0 * s, h as f64 - 70.0 * s);
    let days = rows.first().map_or(1, |r| r.1.len()).max(1);
    let (cw, ch) = (
        (x1 - x0) / days as f64,
        (y1 - y0) / rows.len().max(1) as f64,
    );
    let label = |size: f64, pos: Pos| TextStyle {
        font: (FAMILY, size * s).into_font(),
        color: colour(palette::INK).to_backend_color(),
        pos,
    };

    for (r, (player, cells)) in rows.iter().enumerate() {
        let y = y0 + r as f64 * ch;
        root.draw(&Text::new(
            player.clone(),
            ((x0 - 8.0 * s) as i32, (y + ch / 2.0) as i32),
            label(13.0, Pos::new(HPos::Right, VPos::Center)),
        ))
        .map_err(e)?;
        for (d, band) in cells.iter().enumerate() {
            let x = x0 + d as f64 * cw;
            root.draw(&Rectangle::new(
                [
                    (x as i32, y as i32),
                    ((x + cw).ceil() as i32 - 1, (y + ch).ceil() as i32 - 1),
                ],
                colour(band_colour(*band)).filled(),
            ))
            .map_err(e)?;
        }
    }
    // A date under every week.
    for d in (0..days).step_by(7) {
        let x = x0 + d as f64 * cw;
        let text = (from + Days::new(d as u64)).format("%b %d").to_string();
        root.draw(&Text::new(
            text,
            (x as i32, (y1 + 6.0 * s) as i32),
            label(12.0, Pos::new(HPos::Left, VPos::Top)),
        ))
        .map_err(e)?;
    }
    let key = [
        ("under-loaded", "under-loaded"),
        ("normal", "normal"),
        ("elevated", "elevated"),
        ("high risk", "high risk"),
    ];
    for (i, (band, name)) in key.iter().enumerate() {
        let x = (x0 + i as f64 * 150.0 * s) as i32;
        let y = (h as f64 - 30.0 * s) as i32;
        root.draw(&Rectangle::new(
            [(x, y - 7), (x + (16.0 * s) as i32, y + 7)],
            colour(band_colour(Some(band))).filled(),
        ))
        .map_err(e)?;
        root.draw(&Text::new(
            name.to_string(),
            (x + (22.0 * s) as i32, y),
            label(13.0, Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(e)?;
    }
    Ok(())
}

/// One player's weekly load (7-day blocks from the first day) with monotony and strain.
pub fn write_weekly(
    days: &PlayerDays,
    bands: &Bands,
    measure: Measure,
    path: &Path,
    width: u32,
    height: u32,
) -> Result<(), RenderError> {
    let m = load::metrics(days, bands);
    // The metrics of each block's last day describe that block's 7 days.
    let weeks: Vec<(NaiveDate, f64, Option<f64>, Option<f64>)> = (6..m.len())
        .step_by(7)
        .map(|i| {
            (
                days.date(i - 6),
                m[i].weekly_load,
                m[i].monotony,
                m[i].strain,
            )
        })
        .collect();
    let title = format!("{} · weekly {}", days.player, measure.column());
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
    {
        render::write_svg(
            path,
            render::svg_string_with(width, height, |r| {
                draw_weekly(&title, &weeks, r, width, height)
            }),
        )
    } else {
        render::write_png(path, width, height, |r| {
            draw_weekly(&title, &weeks, r, width, height)
        })
    }
}

fn draw_weekly<DB: DrawingBackend>(
    title: &str,
    weeks: &[(NaiveDate, f64, Option<f64>, Option<f64>)],
    root: &DrawingArea<DB, Shift>,
    w: u32,
    h: u32,
) -> Result<(), String> {
    let e = |x: DrawingAreaErrorKind<DB::ErrorType>| x.to_string();
    let (body, s) = page(
        root,
        title,
        "bars: 7-day load, labelled with strain (load × monotony, thousands) · line: monotony (mean/SD, right axis)",
        w,
        h,
    )?;
    let n = weeks.len().max(1) as f64;
    let top_load = weeks.iter().map(|w| w.1).fold(1.0, f64::max) * 1.15;
    let top_mono = weeks.iter().filter_map(|w| w.2).fold(2.0, f64::max) * 1.1;
    let dates: Vec<NaiveDate> = weeks.iter().map(|w| w.0).collect();
    let week_of = move |v: &f64| {
        dates
            .get(v.max(0.0) as usize)
            .map_or(String::new(), |d| d.format("%b %d").to_string())
    };
    let mut chart = dual_axes(
        &body,
        s,
        n,
        (top_load, "weekly load"),
        (top_mono, "monotony"),
        10,
        &week_of,
    )?;
    chart
        .draw_series(weeks.iter().enumerate().map(|(i, w)| {
            Rectangle::new(
                [(i as f64 + 0.15, 0.0), (i as f64 + 0.85, w.1)],
                colour(BAR).filled(),
            )
        }))
        .map_err(e)?;
    // Strain over each bar, in thousands.
    let small = TextStyle {
        font: (FAMILY, 11.0 * s).into_font(),
        color: colour(palette::MUTED).to_backend_color(),
        pos: Pos::new(HPos::Center, VPos::Bottom),
    };
    chart
        .draw_series(weeks.iter().enumerate().filter_map(|(i, w)| {
            let strain = w.3?;
            Some(Text::new(
                format!("{:.1}k", strain / 1000.0),
                (i as f64 + 0.5, w.1 * 1.01),
                small.clone(),
            ))
        }))
        .map_err(e)?;
    let style = ShapeStyle {
        color: colour(ACUTE).to_rgba(),
        filled: true,
        stroke_width: (2.0 * s).round().max(1.0) as u32,
    };
    let pts: Vec<(f64, f64)> = weeks
        .iter()
        .enumerate()
        .filter_map(|(i, w)| Some((i as f64 + 0.5, w.2?)))
        .collect();
    chart
        .draw_secondary_series(std::iter::once(PathElement::new(pts.clone(), style)))
        .map_err(e)?;
    chart
        .draw_secondary_series(pts.iter().map(|p| Circle::new(*p, (3.0 * s) as i32, style)))
        .map_err(e)?;
    Ok(())
}
