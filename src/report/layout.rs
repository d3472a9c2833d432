//! A report page laid out once, at any size: header, title, blocks top to bottom (charts
//! share what room the tables and notes leave), footer with the page number. The page's own
//! text and tables are scene items; its charts are placed scenes laid out by their own
//! layout, so a chart on a page is drawn exactly as on screen and in a chart export.

use super::Report;
use super::build::{BuiltPage, Part, TableData};
use crate::charts::Chart;
use crate::charts::export::Placed;
use crate::charts::palette::{self, Rgb};
use crate::charts::scene::{Anchor, Item, Scene, VAlign, fit};

/// Pixels per point at 96 dpi.
pub const PX_PER_PT: f64 = 96.0 / 72.0;

/// Every page is laid out at this many times 96 dpi — for the PDF, the PNG pages (144 dpi)
/// and the screen alike — so that a chart on a page has the same room, and the same text,
/// everywhere.
pub const LAYOUT_SCALE: f64 = 1.5;

/// A box on a page: x, y, width, height, pixels.
pub type Rect = (f64, f64, f64, f64);

/// A laid-out page: its own items, and where its charts go.
pub struct PageLayout<'a> {
    pub page: Scene<'static>,
    /// Each chart and its box (x, y, width, height) on the page.
    pub charts: Vec<(&'a Chart, Rect)>,
}

impl<'a> PageLayout<'a> {
    /// The charts laid out in their boxes, for the backends.
    pub fn placed(&self) -> Vec<Placed<'a>> {
        self.charts
            .iter()
            .map(|(c, (x, y, w, h))| Placed {
                x: *x,
                y: *y,
                scene: c.layout(*w, *h),
            })
            .collect()
    }
}

/// The page size in pixels for `report` at `scale` × 96 dpi.
pub fn page_px(report: &Report, scale: f64) -> (f64, f64) {
    let (w, h) = report.page_points();
    (
        (w * PX_PER_PT * scale).round(),
        (h * PX_PER_PT * scale).round(),
    )
}

const LINE: Rgb = Rgb(210, 210, 205);
const STRIPE: Rgb = Rgb(243, 242, 236);

/// Lays out page `number` (from 1) of `of` at `w` × `h` pixels.
pub fn layout<'a>(
    report: &Report,
    built: &'a BuiltPage,
    number: usize,
    of: usize,
    w: f64,
    h: f64,
) -> PageLayout<'a> {
    // 1 on a portrait A4 page at 96 dpi.
    let u = w.min(h) / 794.0;
    let m = 40.0 * u;
    let mut scene = Scene::new(w, h);
    scene.background = Rgb(255, 255, 255);
    let items = &mut scene.items;
    // Header and footer.
    let (head, size) = fit(&report.title, 10.0 * u, false, w / 2.0 - m);
    items.push(
        Item::text(m, m * 0.6, head, size, palette::MUTED).anchored(Anchor::Left, VAlign::Centre),
    );
    if let Some(s) = &report.subject
        && let (Some(a), Some(b)) = (s.from, s.to)
    {
        items.push(
            Item::text(
                w - m,
                m * 0.6,
                format!("{a} to {b}"),
                10.0 * u,
                palette::MUTED,
            )
            .anchored(Anchor::Right, VAlign::Centre),
        );
    }
    items.push(Item::path(
        vec![(m, m * 0.9), (w - m, m * 0.9)],
        LINE,
        1.0 * u,
    ));
    items.push(Item::path(
        vec![(m, h - m * 0.9), (w - m, h - m * 0.9)],
        LINE,
        1.0 * u,
    ));
    items.push(
        Item::text(m, h - m * 0.55, "Courtside", 9.0 * u, palette::MUTED)
            .anchored(Anchor::Left, VAlign::Centre),
    );
    items.push(
        Item::text(
            w - m,
            h - m * 0.55,
            format!("Page {number} of {of}"),
            9.0 * u,
            palette::MUTED,
        )
        .anchored(Anchor::Right, VAlign::Centre),
    );
    let cover = built.parts.iter().any(|p| matches!(p, Part::Cover { .. }));
    let mut y = m * 1.3;
    if !cover {
        let (title, size) = fit(&built.title, 20.0 * u, true, w - 2.0 * m);
        items.push(
            Item::text(m, y, title, size, palette::INK)
                .bold()
                .anchored(Anchor::Left, VAlign::Top),
        );
        y += 34.0 * u;
    }
    let bottom = h - m * 1.2;
    let full_w = w - 2.0 * m;
    let has_charts = built
        .parts
        .iter()
        .any(|p| matches!(p, Part::Charts(c) if !c.is_empty()));
    let has_others = built
        .parts
        .iter()
        .any(|p| !matches!(p, Part::Charts(_) | Part::Cover { .. }));
    // On a landscape page the charts take the left column and the rest the right one; on a
    // portrait page everything runs down the page.
    let columns = w > h * 1.1 && has_charts && has_others;
    let gutter = 18.0 * u;
    let (chart_w, content_w, other_x) = if columns {
        let cw = (full_w - gutter) * 0.55;
        (cw, full_w - gutter - cw, m + cw + gutter)
    } else {
        (full_w, full_w, m)
    };
    // What the tables, notes and cover take; the charts share the rest.
    let fixed: f64 = if columns {
        0.0
    } else {
        built
            .parts
            .iter()
            .map(|p| match p {
                Part::Charts(_) => 0.0,
                p => height(p, content_w, u, h),
            })
            .sum()
    };
    let chart_rows = built
        .parts
        .iter()
        .filter(|p| matches!(p, Part::Charts(c) if !c.is_empty()))
        .count();
    let chart_h = if chart_rows == 0 {
        0.0
    } else {
        // Each chart row is followed by a 10-unit gap.
        ((bottom - y - fixed) / chart_rows as f64 - 10.0 * u).max(120.0 * u)
    };
    let mut charts = Vec::new();
    // The chart column's own cursor when in columns.
    let mut chart_y = y;
    let m_other = other_x;
    for p in &built.parts {
        match p {
            Part::Charts(cs) if !cs.is_empty() => {
                let at = if columns { &mut chart_y } else { &mut y };
                let n = cs.len() as f64;
                let gap = 12.0 * u;
                let cw = (chart_w - gap * (n - 1.0)) / n;
                let mut row_h: f64 = 0.0;
                for (i, c) in cs.iter().enumerate() {
                    // Each chart in its own proportions, as large as its box allows.
                    let (nw, nh) = c.natural_size();
                    let k = (cw / nw as f64).min(chart_h / nh as f64);
                    let (bw, bh) = (nw as f64 * k, nh as f64 * k);
                    let x = m + i as f64 * (cw + gap) + (cw - bw) / 2.0;
                    charts.push((c, (x.round(), at.round(), bw.round(), bh.round())));
                    row_h = row_h.max(bh);
                }
                // The room the charts took, not all they were offered.
                *at += row_h + 10.0 * u;
            }
            Part::Charts(_) => {}
            Part::Cover { title, lines } => {
                let top = y + (bottom - y) * 0.22;
                let (t, size) = fit(title, 30.0 * u, true, content_w);
                items.push(
                    Item::text(m, top, t, size, palette::INK)
                        .bold()
                        .anchored(Anchor::Left, VAlign::Top),
                );
                items.push(Item::path(
                    vec![(m, top + 46.0 * u), (m + 120.0 * u, top + 46.0 * u)],
                    Rgb(214, 96, 77),
                    3.0 * u,
                ));
                for (i, l) in lines.iter().enumerate() {
                    items.push(
                        Item::text(
                            m,
                            top + 64.0 * u + i as f64 * 24.0 * u,
                            l.clone(),
                            15.0 * u,
                            palette::INK,
                        )
                        .anchored(Anchor::Left, VAlign::Top),
                    );
                }
                y += height(p, content_w, u, h);
            }
            Part::Table(t) => {
                table(items, t, m_other, y, content_w, u);
                y += height(p, content_w, u, h);
            }
            Part::Notes(text) => {
                notes(items, text, m_other, y, content_w, u);
                y += height(p, content_w, u, h);
            }
            Part::Problem(why) => {
                items.push(Item::rect(
                    m_other,
                    y,
                    m_other + content_w,
                    y + 36.0 * u,
                    Rgb(253, 236, 232),
                ));
                let (t, size) = fit(why, 12.0 * u, false, content_w - 16.0 * u);
                items.push(
                    Item::text(m_other + 8.0 * u, y + 18.0 * u, t, size, Rgb(150, 40, 30))
                        .anchored(Anchor::Left, VAlign::Centre),
                );
                y += height(p, content_w, u, h);
            }
        }
    }
    if y.max(chart_y) > bottom + 1.0 {
        // Said on the page itself: a scout's notes must not vanish under the footer.
        let items = &mut scene.items;
        items.push(Item::rect(
            w / 2.0 - 190.0 * u,
            h - m * 0.75,
            w / 2.0 + 190.0 * u,
            h - m * 0.35,
            Rgb(253, 236, 232),
        ));
        items.push(
            Item::text(
                w / 2.0,
                h - m * 0.55,
                "This page is fuller than the paper: move a block to another page",
                9.0 * u,
                Rgb(150, 40, 30),
            )
            .anchored(Anchor::Centre, VAlign::Centre),
        );
    }
    PageLayout {
        page: scene,
        charts,
    }
}

/// The height a part takes on the page (charts: none of their own).
fn height(p: &Part, content_w: f64, u: f64, page_h: f64) -> f64 {
    match p {
        Part::Charts(_) => 0.0,
        Part::Cover { lines, .. } => {
            (page_h * 0.22).max(120.0 * u) + (70.0 + 24.0 * lines.len() as f64) * u
        }
        Part::Table(t) => {
            (t.rows.len() as f64 + 2.0) * 17.0 * u
                + if t.note.is_some() { 16.0 * u } else { 0.0 }
                + 12.0 * u
        }
        Part::Notes(text) => {
            note_lines(text, content_w, u)
                .iter()
                .map(|l| l.height)
                .sum::<f64>()
                + 10.0 * u
        }
        Part::Problem(_) => 44.0 * u,
    }
}

fn table(items: &mut Vec<Item>, t: &TableData, x: f64, y: f64, w: f64, u: f64) {
    let row = 17.0 * u;
    let (title, size) = fit(&t.title, 12.5 * u, true, w);
    items.push(
        Item::text(x, y + row / 2.0, title, size, palette::INK)
            .bold()
            .anchored(Anchor::Left, VAlign::Centre),
    );
    let n = t.columns.len().max(1);
    // The first column (names) is wider; numbers are right-aligned in the others.
    let first = w * if n > 4 { 0.3 } else { 0.45 };
    let other = (w - first) / (n - 1).max(1) as f64;
    let col_x = |i: usize| {
        if i == 0 {
            x
        } else {
            x + first + other * i as f64
        }
    };
    let mut ry = y + row;
    for (i, c) in t.columns.iter().enumerate() {
        let anchor = if i == 0 { Anchor::Left } else { Anchor::Right };
        let cx = if i == 0 { col_x(0) } else { col_x(i) - 4.0 * u };
        let max = if i == 0 {
            first - 6.0 * u
        } else {
            other - 6.0 * u
        };
        let (c, size) = fit(c, 10.5 * u, true, max);
        items.push(
            Item::text(cx, ry + row / 2.0, c, size, palette::MUTED)
                .bold()
                .anchored(anchor, VAlign::Centre),
        );
    }
    ry += row;
    items.push(Item::path(vec![(x, ry), (x + w, ry)], LINE, 1.0 * u));
    for (r, cells) in t.rows.iter().enumerate() {
        if r % 2 == 1 {
            items.push(Item::rect(x, ry, x + w, ry + row, STRIPE));
        }
        for (i, c) in cells.iter().enumerate() {
            let anchor = if i == 0 { Anchor::Left } else { Anchor::Right };
            let cx = if i == 0 {
                col_x(0) + 2.0 * u
            } else {
                col_x(i) - 4.0 * u
            };
            let max = if i == 0 {
                first - 6.0 * u
            } else {
                other - 6.0 * u
            };
            let (text, size) = fit(c, 10.5 * u, false, max);
            items.push(
                Item::text(cx, ry + row / 2.0, text, size, palette::INK)
                    .anchored(anchor, VAlign::Centre),
            );
        }
        ry += row;
    }
    if let Some(note) = &t.note {
        let (text, size) = fit(note, 9.5 * u, false, w);
        items.push(
            Item::text(x, ry + 8.0 * u, text, size, palette::MUTED)
                .anchored(Anchor::Left, VAlign::Centre),
        );
    }
}

/// One printed line of notes.
struct NoteLine {
    /// Runs of text and whether each is bold.
    runs: Vec<(String, bool)>,
    size: f64,
    indent: f64,
    bullet: bool,
    height: f64,
}

/// The width of a run as the files set it.
fn run_width(text: &str, size: f64, bold: bool) -> f64 {
    crate::charts::export::text_width(text, size, bold)
}

/// Notes as printed lines: `# ` headings, `- ` bullets, `**bold**` runs, words wrapped to
/// the width.
fn note_lines(text: &str, w: f64, u: f64) -> Vec<NoteLine> {
    let mut out = Vec::new();
    for raw in text.lines() {
        let line = raw.trim_end();
        let (body, size, heading, bullet) = if let Some(h) = line.strip_prefix("# ") {
            (h, 14.0 * u, true, false)
        } else if let Some(b) = line
            .strip_prefix("- ")
            .or(line.strip_prefix("* "))
            .or((line == "-" || line == "*").then_some(""))
        {
            (b, 11.5 * u, false, true)
        } else {
            (line, 11.5 * u, false, false)
        };
        if body.trim().is_empty() && !bullet {
            out.push(NoteLine {
                runs: Vec::new(),
                size,
                indent: 0.0,
                bullet: false,
                height: 8.0 * u,
            });
            continue;
        }
        let indent = if bullet { 16.0 * u } else { 0.0 };
        // Words with their boldness, from `**` toggles.
        let mut words: Vec<(String, bool)> = Vec::new();
        for (i, seg) in body.split("**").enumerate() {
            let bold = heading || i % 2 == 1;
            words.extend(seg.split_whitespace().map(|wd| (wd.to_string(), bold)));
        }
        let mut lines: Vec<Vec<(String, bool)>> = vec![Vec::new()];
        let mut used = 0.0;
        for (wd, bold) in words {
            let ww = run_width(&format!("{wd} "), size, bold);
            if used + ww > w - indent && !lines.last().is_some_and(Vec::is_empty) {
                lines.push(Vec::new());
                used = 0.0;
            }
            used += ww;
            if let Some(l) = lines.last_mut() {
                l.push((wd, bold));
            }
        }
        for (i, words) in lines.into_iter().enumerate() {
            // Consecutive words of the same weight make one run.
            let mut runs: Vec<(String, bool)> = Vec::new();
            for (wd, bold) in words {
                match runs.last_mut() {
                    Some((t, b)) if *b == bold => {
                        t.push(' ');
                        t.push_str(&wd);
                    }
                    _ => runs.push((wd, bold)),
                }
            }
            out.push(NoteLine {
                runs,
                size,
                indent,
                bullet: bullet && i == 0,
                height: size * if heading { 1.7 } else { 1.45 },
            });
        }
    }
    out
}

fn notes(items: &mut Vec<Item>, text: &str, x: f64, y: f64, w: f64, u: f64) {
    let mut ly = y;
    for l in note_lines(text, w, u) {
        let cy = ly + l.height / 2.0;
        if l.bullet {
            items.push(
                Item::text(x + 4.0 * u, cy, "•", l.size, palette::INK)
                    .anchored(Anchor::Left, VAlign::Centre),
            );
        }
        let mut lx = x + l.indent;
        for (run, bold) in &l.runs {
            let mut item = Item::text(lx, cy, run.clone(), l.size, palette::INK)
                .anchored(Anchor::Left, VAlign::Centre);
            if *bold {
                item = item.bold();
            }
            items.push(item);
            lx += run_width(&format!("{run} "), l.size, *bold);
        }
        ly += l.height;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_wrap_and_keep_bold_runs() {
        let lines = note_lines(
            "# Keys\n- Force **left** on every drive to the basket in the half court\nplain",
            200.0,
            1.0,
        );
        assert!(lines.len() >= 4, "the bullet wraps");
        assert_eq!(lines[0].runs, vec![("Keys".to_string(), true)]);
        assert!(lines[1].bullet && !lines[2].bullet);
        assert_eq!(
            lines[1].runs[..2],
            [("Force".to_string(), false), ("left".to_string(), true)]
        );
        assert_eq!(
            lines.last().unwrap().runs,
            vec![("plain".to_string(), false)]
        );
    }

    #[test]
    fn a_page_fuller_than_the_paper_says_so() {
        let table = |rows: usize| {
            Part::Table(TableData {
                title: "Shots".into(),
                columns: vec!["Player".into(), "FGA".into()],
                rows: vec![vec!["A".into(), "1".into()]; rows],
                note: None,
            })
        };
        let report = Report::default();
        let (w, h) = page_px(&report, 1.0);
        let says = |rows: usize| {
            let page = BuiltPage {
                title: "T".into(),
                parts: vec![table(rows)],
            };
            layout(&report, &page, 1, 1, w, h)
                .page
                .texts()
                .iter()
                .any(|t| t.contains("fuller than the paper"))
        };
        // A4 at 96 dpi holds about 55 rows of 17 px below the title.
        assert!(!says(40));
        assert!(says(70));
    }
}
