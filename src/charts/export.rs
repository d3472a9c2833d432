//! Draws a [`Scene`] with plotters into PNG and SVG files. Text uses the DejaVu Sans embedded
//! from `assets/`, so an export looks the same on every machine. This backend knows no chart:
//! whatever a chart's layout holds is drawn, and nothing else.

use std::path::Path;
use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::charts::palette::Rgb;
use crate::charts::scene::{Anchor, CourtLayer, Item, Scene, VAlign};
use crate::charts::spec::Mark;

/// The fonts of every chart, on screen and in files.
pub static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub static FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
const FAMILY: &str = "sans-serif";

fn register_fonts() {
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

/// The file formats a chart is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Svg,
}

impl ImageFormat {
    /// The format a file name asks for, by its extension.
    pub fn of(path: &Path) -> Option<ImageFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "png" => Some(ImageFormat::Png),
            "svg" => Some(ImageFormat::Svg),
            _ => None,
        }
    }
}

fn colour(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

fn rgba(c: Rgb, alpha: f64) -> RGBAColor {
    colour(c).mix(alpha)
}

/// Writes the scene as PNG or SVG, by the file's extension, atomically.
pub fn write(scene: &Scene<'_>, path: &Path) -> Result<(), RenderError> {
    match ImageFormat::of(path) {
        Some(ImageFormat::Svg) => svg(scene, path),
        Some(ImageFormat::Png) => png(scene, path),
        None => Err(RenderError {
            path: path.display().to_string(),
            detail: "charts are written as .png or .svg; name the file so".into(),
        }),
    }
}

/// Writes the scene as a PNG of its size in pixels, atomically.
pub fn png(scene: &Scene<'_>, path: &Path) -> Result<(), RenderError> {
    page_png(scene, &[], path)
}

/// The scene as an SVG document.
pub fn svg_string(scene: &Scene<'_>) -> Result<String, String> {
    page_svg(scene, &[])
}

/// Writes the scene as SVG, atomically.
pub fn svg(scene: &Scene<'_>, path: &Path) -> Result<(), RenderError> {
    let err = |detail: String| RenderError {
        path: path.display().to_string(),
        detail,
    };
    let text = svg_string(scene).map_err(err)?;
    crate::export::write_atomic(path, |w| std::io::Write::write_all(w, text.as_bytes()))
        .map_err(|e| err(e.to_string()))
}

/// A chart placed on a page: its scene, laid out at its own size, with its top left at
/// (`x`, `y`) of the page.
pub struct Placed<'a> {
    pub x: f64,
    pub y: f64,
    pub scene: Scene<'a>,
}

/// Draws a page (its own items) and the charts placed on it.
fn draw_page<DB: DrawingBackend>(
    page: &Scene<'_>,
    parts: &[Placed<'_>],
    root: &DrawingArea<DB, Shift>,
    writer: Writer,
) -> Result<(), String> {
    draw(page, root, writer)?;
    for p in parts {
        let (w, h) = size(&p.scene);
        let area = root.clone().shrink((px(p.x), px(p.y)), (w, h));
        draw(&p.scene, &area, writer)?;
    }
    Ok(())
}

/// A page and the charts on it as an SVG document.
pub fn page_svg(page: &Scene<'_>, parts: &[Placed<'_>]) -> Result<String, String> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size(page)).into_drawing_area();
        draw_page(page, parts, &root, Writer::Svg)?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// A page and the charts on it as RGB pixels, row by row, for the screen.
pub fn page_rgb(page: &Scene<'_>, parts: &[Placed<'_>]) -> Result<(u32, u32, Vec<u8>), String> {
    let (w, h) = size(page);
    let mut pixels = vec![255u8; w as usize * h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area();
        draw_page(page, parts, &root, Writer::Pixels)?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok((w, h, pixels))
}

/// Writes a page and the charts on it as a PNG of the page's size, atomically.
pub fn page_png(page: &Scene<'_>, parts: &[Placed<'_>], path: &Path) -> Result<(), RenderError> {
    let err = |detail: String| RenderError {
        path: path.display().to_string(),
        detail,
    };
    let (w, h) = size(page);
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
        let root = BitMapBackend::new(tmp.path(), (w, h)).into_drawing_area();
        draw_page(page, parts, &root, Writer::Pixels).map_err(err)?;
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

fn size(scene: &Scene<'_>) -> (u32, u32) {
    (
        scene.width.round().max(1.0) as u32,
        scene.height.round().max(1.0) as u32,
    )
}

/// A line `width` pixels wide, whole pixels as plotters draws them.
fn stroke(c: Rgb, alpha: f64, width: f64) -> ShapeStyle {
    ShapeStyle {
        color: rgba(c, alpha),
        filled: false,
        stroke_width: width.round().max(1.0) as u32,
    }
}

fn px(v: f64) -> i32 {
    v.round() as i32
}

fn text_style(size: f64, bold: bool, c: Rgb, pos: Pos) -> TextStyle<'static> {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    TextStyle {
        font: (FAMILY, size, style).into_font(),
        color: colour(c).to_backend_color(),
        pos,
    }
}

/// What a backend writes: pixels, whose text Courtside rasterises itself, or SVG, whose text
/// the viewer lays out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Writer {
    Pixels,
    Svg,
}

fn draw<DB: DrawingBackend>(
    scene: &Scene<'_>,
    root: &DrawingArea<DB, Shift>,
    writer: Writer,
) -> Result<(), String> {
    register_fonts();
    let e = |x: DrawingAreaErrorKind<DB::ErrorType>| x.to_string();
    root.fill(&colour(scene.background)).map_err(e)?;
    if let Some(court) = &scene.court {
        draw_court(court, root, writer).map_err(e)?;
    }
    for item in &scene.items {
        draw_item(item, root, writer).map_err(e)?;
    }
    Ok(())
}

/// The width in pixels of `t` in DejaVu Sans (bold or not) at `size`, with kerning: as PNG,
/// SVG and PDF set it.
pub fn text_width(t: &str, size: f64, bold: bool) -> f64 {
    use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
    let Ok(font) = FontRef::try_from_slice(if bold { FONT_BOLD } else { FONT }) else {
        return 0.0;
    };
    let scaled = font.as_scaled(PxScale::from(size as f32));
    let mut w = 0.0f32;
    let mut prev = None;
    for ch in t.chars() {
        let id = scaled.glyph_id(ch);
        if let Some(p) = prev {
            w += scaled.kern(p, id);
        }
        w += scaled.h_advance(id);
        prev = Some(id);
    }
    w as f64
}

/// Text, placed as the screen places it: a line is `size` pixels from DejaVu Sans' descender
/// to its ascender, with the baseline 1901/2384 of the way down.
pub const ASCENT: f64 = 1901.0 / 2384.0;

/// The baseline of text anchored at `y`.
pub fn baseline(y: f64, size: f64, valign: VAlign) -> f64 {
    let top = match valign {
        VAlign::Top => y,
        VAlign::Centre => y - size / 2.0,
        VAlign::Bottom => y - size,
    };
    top + ASCENT * size
}

/// plotters writes an SVG font size of its size / 1.24 and a top-anchored line `0.76em` above
/// its baseline: the size and y that put the text at `size` (ascender to descender) on the
/// baseline of text anchored at `y`.
pub fn svg_text(y: f64, size: f64, valign: VAlign) -> (f64, f64) {
    let svg_size = size * 1.24 * 2048.0 / 2384.0;
    (svg_size, baseline(y, size, valign) - 0.76 * svg_size / 1.24)
}

/// Text drawn the same way in both files: pixels rasterised here (plotters' own raster lifts
/// glyphs without ascender, so "6,000" read "6.000"), SVG placed on the same baseline.
#[allow(clippy::too_many_arguments)]
fn text<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    writer: Writer,
    t: &str,
    (x, y): (f64, f64),
    size: f64,
    bold: bool,
    c: Rgb,
    (anchor, valign): (Anchor, VAlign),
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    if writer == Writer::Svg {
        let h = match anchor {
            Anchor::Left => HPos::Left,
            Anchor::Centre => HPos::Center,
            Anchor::Right => HPos::Right,
        };
        let (svg_size, top) = svg_text(y, size, valign);
        return root.draw(&Text::new(
            t.to_string(),
            (px(x), px(top)),
            text_style(svg_size, bold, c, Pos::new(h, VPos::Top)),
        ));
    }
    use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
    let Ok(font) = FontRef::try_from_slice(if bold { FONT_BOLD } else { FONT }) else {
        // The fonts are part of the binary; without them there is no text to draw.
        return Ok(());
    };
    let scale = PxScale::from(size as f32);
    let scaled = font.as_scaled(scale);
    let width = text_width(t, size, bold);
    let mut pen = match anchor {
        Anchor::Left => x,
        Anchor::Centre => x - width / 2.0,
        Anchor::Right => x - width,
    } as f32;
    let base = baseline(y, size, valign) as f32;
    let mut prev = None;
    for ch in t.chars() {
        let id = scaled.glyph_id(ch);
        if let Some(p) = prev {
            pen += scaled.kern(p, id);
        }
        prev = Some(id);
        if let Some(outline) =
            font.outline_glyph(id.with_scale_and_position(scale, point(pen, base)))
        {
            let at = outline.px_bounds().min;
            let mut result = Ok(());
            outline.draw(|gx, gy, coverage| {
                if coverage > 0.0 && result.is_ok() {
                    result = root.draw_pixel(
                        (at.x as i32 + gx as i32, at.y as i32 + gy as i32),
                        &rgba(c, coverage.min(1.0) as f64),
                    );
                }
            });
            result?;
        }
        pen += scaled.h_advance(id);
    }
    Ok(())
}

fn draw_court<DB: DrawingBackend>(
    c: &CourtLayer<'_>,
    root: &DrawingArea<DB, Shift>,
    writer: Writer,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let at = |x: f64, y: f64| {
        let (a, b) = c.frame.page_from_court(x, y);
        (px(a), px(b))
    };
    // Fills first, then the court lines over them, then shots and labels.
    for m in c.marks {
        match m {
            Mark::Rect {
                x0,
                y0,
                x1,
                y1,
                fill,
                ..
            } => root.draw(&Rectangle::new(
                [at(*x0, *y1), at(*x1, *y0)],
                colour(*fill).filled(),
            ))?,
            Mark::Polygon { points, fill, .. } => {
                let pts: Vec<(i32, i32)> = points.iter().map(|(x, y)| at(*x, *y)).collect();
                root.draw(&Polygon::new(pts, colour(*fill).filled()))?;
            }
            _ => {}
        }
    }
    let line = ShapeStyle {
        color: colour(c.line_colour).to_rgba(),
        filled: false,
        stroke_width: c.line_width as u32,
    };
    for l in &c.lines {
        let pts: Vec<(i32, i32)> = l.iter().map(|(x, y)| at(*x, *y)).collect();
        root.draw(&PathElement::new(pts, line))?;
    }
    // Shots and labels outside the court's area (a heave beyond a half court) are off the
    // chart, as on screen.
    let (ax0, ay0, ax1, ay1) = c.area;
    let inside = |x: f64, y: f64| {
        let (a, b) = c.frame.page_from_court(x, y);
        (ax0..=ax1).contains(&a) && (ay0..=ay1).contains(&b)
    };
    let dot = c.dot as i32;
    let made = rgba(crate::charts::palette::MADE, c.shot_alpha).filled();
    let missed = ShapeStyle {
        color: rgba(crate::charts::palette::MISSED, c.shot_alpha),
        filled: false,
        stroke_width: c.cross_width as u32,
    };
    for m in c.marks {
        match m {
            Mark::Shot { x, y, .. } | Mark::Label { x, y, .. } if !inside(*x, *y) => {}
            Mark::Shot { x, y, made: true } => root.draw(&Circle::new(at(*x, *y), dot, made))?,
            Mark::Shot { x, y, made: false } => root.draw(&Cross::new(at(*x, *y), dot, missed))?,
            Mark::Label {
                x,
                y,
                text: t,
                size,
                bold,
                colour: c2,
            } => {
                let (a, b) = c.frame.page_from_court(*x, *y);
                text(
                    root,
                    writer,
                    t,
                    (a.round(), b.round()),
                    c.label_px * size,
                    *bold,
                    *c2,
                    (Anchor::Centre, VAlign::Centre),
                )?
            }
            _ => {}
        }
    }
    Ok(())
}

fn draw_item<DB: DrawingBackend>(
    item: &Item,
    root: &DrawingArea<DB, Shift>,
    writer: Writer,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    match item {
        Item::Rect {
            x0,
            y0,
            x1,
            y1,
            fill,
            alpha,
            ..
        } => root.draw(&Rectangle::new(
            [(px(*x0), px(*y0)), (px(*x1), px(*y1))],
            rgba(*fill, *alpha).filled(),
        )),
        Item::Polygon {
            points,
            fill,
            alpha,
        } => root.draw(&Polygon::new(
            points
                .iter()
                .map(|(x, y)| (px(*x), px(*y)))
                .collect::<Vec<_>>(),
            rgba(*fill, *alpha).filled(),
        )),
        Item::Path {
            points,
            colour: c,
            alpha,
            width,
        } => root.draw(&PathElement::new(
            points
                .iter()
                .map(|(x, y)| (px(*x), px(*y)))
                .collect::<Vec<_>>(),
            stroke(*c, *alpha, *width),
        )),
        Item::Circle {
            x,
            y,
            r,
            fill,
            alpha,
        } => root.draw(&Circle::new(
            (px(*x), px(*y)),
            px(*r),
            rgba(*fill, *alpha).filled(),
        )),
        Item::Cross {
            x,
            y,
            r,
            colour: c,
            alpha,
            width,
        } => root.draw(&Cross::new(
            (px(*x), px(*y)),
            px(*r),
            stroke(*c, *alpha, *width),
        )),
        Item::Text {
            x,
            y,
            text: t,
            size,
            bold,
            colour: c,
            anchor,
            valign,
        } => text(
            root,
            writer,
            t,
            (*x, *y),
            *size,
            *bold,
            *c,
            (*anchor, *valign),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first and last rows with ink when `t` is drawn at 40 px, top-anchored at y = 10.
    fn inked_rows(t: &str) -> (u32, u32) {
        let (w, h) = (200u32, 80u32);
        let mut buf = vec![255u8; (w * h * 3) as usize];
        {
            let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
            text(
                &root,
                Writer::Pixels,
                t,
                (10.0, 10.0),
                40.0,
                false,
                Rgb(0, 0, 0),
                (Anchor::Left, VAlign::Top),
            )
            .unwrap();
            root.present().unwrap();
        }
        let inked: Vec<u32> = (0..h)
            .filter(|y| (0..w).any(|x| buf[((y * w + x) * 3) as usize] < 128))
            .collect();
        (inked[0], inked[inked.len() - 1])
    }

    #[test]
    fn punctuation_and_short_letters_sit_on_the_baseline_like_digits() {
        // Baseline: 10 + 40 × 1901/2384 = 41.9.
        let (one_top, one_bottom) = inked_rows("1");
        let (stop_top, stop_bottom) = inked_rows(".");
        let (z_top, z_bottom) = inked_rows("z");
        assert!((41..=42).contains(&one_bottom), "1 ends at {one_bottom}");
        assert_eq!(stop_bottom, one_bottom, "a full stop is not lifted");
        assert_eq!(z_bottom, one_bottom, "nor is a z");
        // A full stop is low and small; a z is as tall as an x, below a digit's top.
        assert!(stop_top > one_bottom - 8, "{stop_top}");
        assert!(z_top > one_top + 5, "z from {z_top}, 1 from {one_top}");
    }
}
