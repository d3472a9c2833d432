//! Draws a [`ChartSpec`] with plotters, to PNG or SVG. Text uses the DejaVu Sans embedded
//! from `assets/`, so an export looks the same on every machine.

use std::path::Path;
use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::charts::palette::{self, Rgb};
use crate::charts::spec::{ChartSpec, Legend, Mark};

pub(crate) static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub(crate) static FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
pub(crate) const FAMILY: &str = "sans-serif";

pub(crate) fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Both are valid fonts shipped with the binary; a failure here is a build defect.
        let _ = plotters::style::register_font(FAMILY, FontStyle::Normal, FONT);
        let _ = plotters::style::register_font(FAMILY, FontStyle::Bold, FONT_BOLD);
    });
}

/// A chart that could not be drawn or written.
#[derive(Debug, thiserror::Error)]
#[error("{path}: cannot write the chart ({detail})")]
pub struct RenderError {
    pub path: String,
    pub detail: String,
}

pub(crate) fn colour(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// Writes the chart as a PNG of `width` × `height` pixels, atomically.
pub fn png(spec: &ChartSpec, path: &Path, width: u32, height: u32) -> Result<(), RenderError> {
    write_png(path, width, height, |root| draw(spec, root, width, height))
}

/// Writes whatever `draw` draws as a PNG, atomically.
pub(crate) fn write_png(
    path: &Path,
    width: u32,
    height: u32,
    draw: impl FnOnce(&DrawingArea<BitMapBackend<'_>, Shift>) -> Result<(), String>,
) -> Result<(), RenderError> {
    let err = |detail: String| RenderError {
        path: path.display().to_string(),
        detail,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // plotters writes by path; a temporary file beside the target, renamed when complete.
    let tmp = tempfile::Builder::new()
        .prefix(".courtside-")
        .suffix(".png")
        .tempfile_in(dir)
        .map_err(|e| err(e.to_string()))?;
    {
        let root = BitMapBackend::new(tmp.path(), (width, height)).into_drawing_area();
        draw(&root).map_err(err)?;
        root.present().map_err(|e| err(e.to_string()))?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644));
    }
    tmp.persist(path).map_err(|e| err(e.error.to_string()))?;
    Ok(())
}

/// The chart as an SVG document.
pub fn svg_string(spec: &ChartSpec, width: u32, height: u32) -> Result<String, String> {
    svg_string_with(width, height, |root| draw(spec, root, width, height))
}

/// Whatever `draw` draws, as an SVG document.
pub(crate) fn svg_string_with(
    width: u32,
    height: u32,
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<(), String>,
) -> Result<String, String> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        draw(&root)?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// Writes the chart as SVG, atomically.
pub fn svg(spec: &ChartSpec, path: &Path, width: u32, height: u32) -> Result<(), RenderError> {
    write_svg(path, svg_string(spec, width, height))
}

/// Writes an SVG document (or the error that made it), atomically.
pub(crate) fn write_svg(path: &Path, document: Result<String, String>) -> Result<(), RenderError> {
    let err = |detail: String| RenderError {
        path: path.display().to_string(),
        detail,
    };
    let text = document.map_err(err)?;
    crate::export::write_atomic(path, |w| std::io::Write::write_all(w, text.as_bytes()))
        .map_err(|e| err(e.to_string()))
}

/// Where the court goes on the canvas: court feet → pixels, hoop at the bottom, the NBA's
/// "Left" on the left.
#[derive(Clone, Copy)]
struct Frame {
    x0: f64,
    y1: f64,
    k: f64,
    left: f64,
    top: f64,
}

impl Frame {
    fn px(&self, x: f64, y: f64) -> (i32, i32) {
        (
            (self.left + (x - self.x0) * self.k).round() as i32,
            (self.top + (self.y1 - y) * self.k).round() as i32,
        )
    }
}

fn draw<DB: DrawingBackend>(
    spec: &ChartSpec,
    root: &DrawingArea<DB, Shift>,
    w: u32,
    h: u32,
) -> Result<(), String> {
    register_fonts();
    let e = |x: DrawingAreaErrorKind<DB::ErrorType>| x.to_string();
    let s = w.min(h) as f64 / 800.0;
    let (w, h) = (w as f64, h as f64);
    root.fill(&colour(palette::PAPER)).map_err(e)?;

    let title_h = 78.0 * s;
    let legend_h = 92.0 * s;
    let margin = 16.0 * s;
    let (x0, x1, y0, y1) = spec.court.bounds(spec.full_court);
    let avail_w = w - 2.0 * margin;
    let avail_h = h - title_h - legend_h - 2.0 * margin;
    let k = (avail_w / (x1 - x0)).min(avail_h / (y1 - y0)).max(0.1);
    let frame = Frame {
        x0,
        y1,
        k,
        left: (w - (x1 - x0) * k) / 2.0,
        top: title_h + margin + (avail_h - (y1 - y0) * k) / 2.0,
    };
    let text = |size: f64, bold: bool, c: Rgb, pos: Pos| {
        let style = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        TextStyle {
            font: (FAMILY, size * s, style).into_font(),
            color: colour(c).to_backend_color(),
            pos,
        }
    };
    let centre = Pos::new(HPos::Center, VPos::Center);

    // Fills first, then the court lines over them, then shots and labels.
    for m in &spec.marks {
        match m {
            Mark::Rect {
                x0,
                y0,
                x1,
                y1,
                fill,
            } => {
                let (a, b) = (frame.px(*x0, *y1), frame.px(*x1, *y0));
                root.draw(&Rectangle::new([a, b], colour(*fill).filled()))
                    .map_err(e)?;
            }
            Mark::Polygon { points, fill } => {
                let pts: Vec<(i32, i32)> = points.iter().map(|(x, y)| frame.px(*x, *y)).collect();
                root.draw(&Polygon::new(pts, colour(*fill).filled()))
                    .map_err(e)?;
            }
            _ => {}
        }
    }
    let line = ShapeStyle {
        color: colour(palette::LINES).to_rgba(),
        filled: false,
        stroke_width: (2.0 * s).round().max(1.0) as u32,
    };
    for l in spec.court.lines(spec.full_court) {
        let pts: Vec<(i32, i32)> = l.iter().map(|(x, y)| frame.px(*x, *y)).collect();
        root.draw(&PathElement::new(pts, line)).map_err(e)?;
    }
    let dot = (3.0 * s).max(1.5) as i32;
    for m in &spec.marks {
        match m {
            Mark::Shot { x, y, made: true } => {
                root.draw(&Circle::new(
                    frame.px(*x, *y),
                    dot,
                    colour(palette::MADE).mix(0.75).filled(),
                ))
                .map_err(e)?;
            }
            Mark::Shot { x, y, made: false } => {
                let style = ShapeStyle {
                    color: colour(palette::MISSED).mix(0.75),
                    filled: false,
                    stroke_width: (1.5 * s).round().max(1.0) as u32,
                };
                root.draw(&Cross::new(frame.px(*x, *y), dot, style))
                    .map_err(e)?;
            }
            Mark::Label {
                x,
                y,
                text: t,
                size,
                bold,
                colour: c,
            } => {
                root.draw(&Text::new(
                    t.clone(),
                    frame.px(*x, *y),
                    text(20.0 * size, *bold, *c, centre),
                ))
                .map_err(e)?;
            }
            _ => {}
        }
    }
    if let Some(msg) = &spec.message {
        let (cx, cy) = frame.px(0.0, (y0 + y1.min(41.75)) / 2.0);
        let half = (w * 0.36) as i32;
        let band = (28.0 * s) as i32;
        root.draw(&Rectangle::new(
            [(cx - half, cy - band), (cx + half, cy + band)],
            colour(palette::PAPER).filled(),
        ))
        .map_err(e)?;
        root.draw(&Text::new(
            msg.clone(),
            (cx, cy),
            text(28.0, true, palette::INK, centre),
        ))
        .map_err(e)?;
    }

    // Title and subtitle.
    let left = Pos::new(HPos::Left, VPos::Top);
    root.draw(&Text::new(
        spec.title.clone(),
        ((margin * 1.5) as i32, (14.0 * s) as i32),
        text(30.0, true, palette::INK, left),
    ))
    .map_err(e)?;
    root.draw(&Text::new(
        spec.subtitle.clone(),
        ((margin * 1.5) as i32, (50.0 * s) as i32),
        text(18.0, false, palette::MUTED, left),
    ))
    .map_err(e)?;

    // Legend.
    let ly = (h - legend_h + 18.0 * s) as i32;
    let cx = (w / 2.0) as i32;
    match &spec.legend {
        Legend::None => {}
        Legend::MadeMissed { made, missed } => {
            let gap = (140.0 * s) as i32;
            root.draw(&Circle::new(
                (cx - gap, ly + 10),
                dot + 2,
                colour(palette::MADE).filled(),
            ))
            .map_err(e)?;
            let t = Pos::new(HPos::Left, VPos::Center);
            root.draw(&Text::new(
                format!("Made ({})", crate::cli::thousands(*made)),
                (cx - gap + 14, ly + 10),
                text(18.0, false, palette::INK, t),
            ))
            .map_err(e)?;
            let style = ShapeStyle {
                color: colour(palette::MISSED).to_rgba(),
                filled: false,
                stroke_width: (2.0 * s).round().max(1.0) as u32,
            };
            root.draw(&Cross::new((cx + gap / 3, ly + 10), dot + 2, style))
                .map_err(e)?;
            root.draw(&Text::new(
                format!("Missed ({})", crate::cli::thousands(*missed)),
                (cx + gap / 3 + 14, ly + 10),
                text(18.0, false, palette::INK, t),
            ))
            .map_err(e)?;
        }
        Legend::Diverging { limit_pts, caption } => {
            let labels = [
                (-1.0, format!("−{limit_pts:.0} pts")),
                (0.0, "even".into()),
                (1.0, format!("+{limit_pts:.0} pts")),
            ];
            scale(
                root,
                (cx, ly),
                s,
                |t| palette::diverging(2.0 * t - 1.0, 1.0),
                &labels,
                caption,
                &text,
            )
            .map_err(e)?;
        }
        Legend::Sequential { low, high, caption } => {
            let labels = [(-1.0, low.clone()), (1.0, high.clone())];
            scale(
                root,
                (cx, ly),
                s,
                palette::sequential,
                &labels,
                caption,
                &text,
            )
            .map_err(e)?;
        }
    }
    Ok(())
}

/// A colour scale: the bar, labels under it (at -1 left end, 0 centre, 1 right end), and a
/// caption.
fn scale<'a, DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    at: (i32, i32),
    s: f64,
    colour_at: impl Fn(f64) -> Rgb,
    labels: &[(f64, String)],
    caption: &str,
    text: &impl Fn(f64, bool, Rgb, Pos) -> TextStyle<'a>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    bar(root, at, s, colour_at)?;
    let centre = Pos::new(HPos::Center, VPos::Center);
    let half = 180.0 * s;
    let under = at.1 + (30.0 * s) as i32;
    for (pos, label) in labels {
        let x = at.0 + (pos * half) as i32;
        root.draw(&Text::new(
            label.clone(),
            (x, under),
            text(15.0, false, palette::INK, centre),
        ))?;
    }
    root.draw(&Text::new(
        caption.to_string(),
        (at.0, under + (22.0 * s) as i32),
        text(15.0, false, palette::MUTED, centre),
    ))?;
    Ok(())
}

/// A colour bar 360 px wide (at 800 px), centred on `at`.
fn bar<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    at: (i32, i32),
    s: f64,
    colour_at: impl Fn(f64) -> Rgb,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let steps = 60;
    let width = 360.0 * s;
    let left = at.0 as f64 - width / 2.0;
    let height = (16.0 * s) as i32;
    for i in 0..steps {
        let a = (left + width * i as f64 / steps as f64) as i32;
        let b = (left + width * (i + 1) as f64 / steps as f64).ceil() as i32;
        let c = colour_at((i as f64 + 0.5) / steps as f64);
        root.draw(&Rectangle::new(
            [(a, at.1), (b, at.1 + height)],
            colour(c).filled(),
        ))?;
    }
    Ok(())
}
