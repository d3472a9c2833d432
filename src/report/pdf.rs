//! A report's pages as a PDF or as PNGs. Each page is laid out once ([`super::layout`]) and
//! drawn by the SVG backend every chart export uses; krilla turns that SVG into a PDF page
//! (krilla: a maintained, pure-Rust PDF writer whose SVG path keeps shapes as vectors and
//! text as real, selectable text in the embedded DejaVu Sans). PNG pages are drawn by the
//! PNG backend from the same layout.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use krilla::Document;
use krilla::geom::Size;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla_svg::{SurfaceExt, SvgSettings};
use rayon::prelude::*;

use super::Report;
use super::build::BuiltPage;
use super::layout::{LAYOUT_SCALE, PageLayout, layout, page_px};
use crate::charts::export::{FONT, FONT_BOLD, RenderError, page_png, page_rgb, page_svg};

/// The embedded fonts, and nothing from the system, for reading page SVGs.
fn svg_options() -> usvg::Options<'static> {
    let mut db = usvg::fontdb::Database::new();
    db.load_font_data(FONT.to_vec());
    db.load_font_data(FONT_BOLD.to_vec());
    db.set_sans_serif_family("DejaVu Sans");
    usvg::Options {
        fontdb: Arc::new(db),
        ..Default::default()
    }
}

/// The report as PDF bytes.
pub fn pdf_bytes(report: &Report, pages: &[BuiltPage]) -> Result<Vec<u8>, String> {
    let (wpt, hpt) = report.page_points();
    let opts = svg_options();
    // Pages are laid out and read in parallel, then added in order.
    let trees: Vec<usvg::Tree> = each_page(report, pages, LAYOUT_SCALE, |_, l| {
        let svg = page_svg(&l.page, &l.placed())?;
        usvg::Tree::from_str(&svg, &opts).map_err(|e| e.to_string())
    })?;
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(report.title.clone())
            .creator("Courtside".into()),
    );
    let size = Size::from_wh(wpt as f32, hpt as f32).ok_or("the page has no size")?;
    let settings = PageSettings::from_wh(wpt as f32, hpt as f32).ok_or("the page has no size")?;
    for tree in &trees {
        let mut page = doc.start_page_with(settings.clone());
        let mut surface = page.surface();
        surface
            .draw_svg(tree, size, SvgSettings::default())
            .ok_or("a page could not be drawn")?;
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| format!("{e:?}"))
}

/// Writes the report as a PDF, atomically.
pub fn write_pdf(report: &Report, pages: &[BuiltPage], path: &Path) -> Result<(), RenderError> {
    let err = |detail: String| RenderError {
        path: path.display().to_string(),
        detail,
    };
    let bytes = pdf_bytes(report, pages).map_err(err)?;
    crate::export::write_atomic(path, |w| std::io::Write::write_all(w, &bytes))
        .map_err(|e| err(e.to_string()))
}

/// Lays out every page at `scale` × 96 dpi, in parallel, and draws each with `draw`.
fn each_page<T: Send, E: Send>(
    report: &Report,
    pages: &[BuiltPage],
    scale: f64,
    draw: impl Fn(usize, &PageLayout<'_>) -> Result<T, E> + Sync,
) -> Result<Vec<T>, E> {
    let (w, h) = page_px(report, scale);
    let n = pages.len();
    pages
        .par_iter()
        .enumerate()
        .map(|(i, p)| draw(i, &layout(report, p, i + 1, n, w, h)))
        .collect()
}

/// Writes each page as `page-01.png`, … into `dir` (made if missing) at 144 dpi, each
/// atomically; pages of an earlier, longer export there are removed.
pub fn write_pngs(
    report: &Report,
    pages: &[BuiltPage],
    dir: &Path,
) -> Result<Vec<PathBuf>, RenderError> {
    std::fs::create_dir_all(dir).map_err(|e| RenderError {
        path: dir.display().to_string(),
        detail: e.to_string(),
    })?;
    for n in pages.len() + 1.. {
        let stale = dir.join(format!("page-{n:02}.png"));
        if std::fs::remove_file(&stale).is_err() {
            break;
        }
    }
    each_page(report, pages, LAYOUT_SCALE, |i, l| {
        let path = dir.join(format!("page-{:02}.png", i + 1));
        page_png(&l.page, &l.placed(), &path)?;
        Ok(path)
    })
}

/// A page as pixels: width, height, RGB rows.
pub type PageImage = (u32, u32, Vec<u8>);

/// Every page as pixels, as the PNG pages are drawn, for the screen.
pub fn page_images(report: &Report, pages: &[BuiltPage]) -> Result<Vec<PageImage>, String> {
    each_page(report, pages, LAYOUT_SCALE, |_, l| {
        page_rgb(&l.page, &l.placed())
    })
}
