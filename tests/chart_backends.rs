//! One layout, two backends: for every chart kind, everything the layout describes (marks,
//! court lines, texts, legend entries) appears in what the egui backend paints and in the
//! SVG the plotters backend writes, at the same place and in the same colour. A backend that
//! drops, moves or recolours anything fails here.

use std::collections::HashMap;

use chrono::NaiveDate;
use courtside::analysis::load::{Bands, Measure, PlayerDays};
use courtside::analysis::tracking::{MotionOptions, Movement, Occupancy};
use courtside::charts::palette::{self, Rgb};
use courtside::charts::scene::{Anchor, Item, Scene, VAlign};
use courtside::charts::screen::{self, Placement};
use courtside::charts::spec::{ChartKind, Mark};
use courtside::charts::{Chart, export, load, tracking};
use courtside::court::Court;
use courtside::request::shots::{Baseline, ShotsRequest};
use courtside::request::{self, Cancel};
use egui::epaint::{Mesh, Shape};
use egui::{Color32, Pos2, pos2};

/// Every chart kind Courtside draws, made from the sample season or from small hand-made
/// results.
fn every_chart() -> Vec<(String, Chart)> {
    let tables = courtside::sample::open_embedded().expect("the sample opens");
    let shots = tables
        .iter()
        .find(|t| t.kind == courtside::data::TableKind::Shots)
        .expect("the sample has shots");
    let lf = courtside::data::table::union(std::slice::from_ref(shots)).expect("reads");
    let mut out = Vec::new();
    for kind in [
        ChartKind::Scatter,
        ChartKind::Hex,
        ChartKind::Grid,
        ChartKind::Kde,
        ChartKind::Zones,
    ] {
        // One player keeps the scatter small enough to compare mark by mark.
        let filter = courtside::analysis::shots::ShotFilter {
            players: vec!["Kofi Mensah".into()],
            ..Default::default()
        };
        let req = ShotsRequest {
            filter,
            baseline: Baseline::League,
            chart: courtside::charts::spec::ChartOptions {
                kind,
                ..Default::default()
            },
        };
        let r = request::shots::shots(&lf, "sample", &req, &Cancel::default()).expect("runs");
        out.push((format!("{kind:?}"), Chart::Court(r.chart)));
    }
    let empty = courtside::analysis::shots::ShotFilter {
        periods: vec![9],
        ..Default::default()
    };
    let req = ShotsRequest {
        filter: empty,
        baseline: Baseline::League,
        chart: Default::default(),
    };
    let r = request::shots::shots(&lf, "sample", &req, &Cancel::default()).expect("runs");
    out.push(("empty".into(), Chart::Court(r.chart)));

    let cols = 29;
    let rows = 16;
    let heat = Occupancy {
        cell_ft: 94.0 / cols as f64,
        cols,
        rows,
        seconds: (0..cols * rows).map(|i| (i % 7) as f64 * 3.5).collect(),
        total_s: 1000.0,
        players: 10,
    };
    out.push((
        "heatmap".into(),
        Chart::Court(tracking::heatmap(&heat, "Q2", "", Court::Nba)),
    ));
    let players: Vec<Movement> = (0..6)
        .map(|i| Movement {
            player: format!("Player {i}"),
            team: Some("T".into()),
            zone_m: vec![900.0 + i as f64 * 50.0, 1200.0, 400.0, 80.0 * i as f64],
            period_m: vec![
                (1, 800.0),
                (2, 700.0 + i as f64 * 10.0),
                (3, 650.0),
                (4, 720.0),
            ],
            distance_m: 3000.0,
            ..Default::default()
        })
        .collect();
    out.push((
        "speed".into(),
        Chart::Bars(tracking::speed_bars(
            &players,
            &MotionOptions::default(),
            "Q2",
        )),
    ));
    out.push((
        "periods".into(),
        Chart::Bars(tracking::period_bars(&players, "Q2")),
    ));
    let first = NaiveDate::from_ymd_opt(2024, 1, 1).expect("a date");
    let series: Vec<PlayerDays> = (0..4)
        .map(|p| {
            PlayerDays::new(
                format!("Player {p}"),
                first,
                (0..90)
                    .map(|d| {
                        if d % 7 == 6 {
                            0.0
                        } else {
                            300.0 + ((d * (p + 3)) % 11) as f64 * 40.0
                        }
                    })
                    .collect(),
            )
        })
        .collect();
    let bands = Bands::default();
    out.push((
        "timeline".into(),
        Chart::Timeline(load::timeline(
            &series[0],
            &bands,
            Measure::Srpe,
            load::Shown {
                from: Some(first + chrono::Days::new(10)),
                to: Some(first + chrono::Days::new(80)),
                day: Some(first + chrono::Days::new(50)),
            },
        )),
    ));
    out.push((
        "weekly".into(),
        Chart::Weekly(load::weekly(
            &series[1],
            &bands,
            Measure::Srpe,
            load::Shown::default(),
        )),
    ));
    out.push((
        "team".into(),
        Chart::Team(load::team_bands(
            &series,
            &bands,
            Measure::Srpe,
            (first + chrono::Days::new(30), first + chrono::Days::new(89)),
        )),
    ));
    out
}

/// Whether a court mark is inside the court's area of the page, where both backends show it
/// (a heave from beyond a half court's edge is off the chart).
fn in_area(c: &courtside::charts::scene::CourtLayer<'_>, m: &Mark) -> bool {
    let (x, y) = match m {
        Mark::Rect { x0, y0, .. } => (*x0, *y0),
        Mark::Polygon { points, .. } => points[0],
        Mark::Shot { x, y, .. } | Mark::Label { x, y, .. } => (*x, *y),
    };
    let (px, py) = c.frame.page_from_court(x, y);
    let (x0, y0, x1, y1) = c.area;
    (x0..=x1).contains(&px) && (y0..=y1).contains(&py)
}

fn hex(c: Rgb) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

fn px(v: f64) -> i64 {
    v.round() as i64
}

/// The SVG's elements as keys (tag, position, colour, text), counted.
fn svg_keys(svg: &str) -> HashMap<String, usize> {
    let mut keys = HashMap::new();
    let attr = |tag: &str, name: &str| -> String {
        let pat = format!(" {name}=\"");
        tag.split(&pat)
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or_default()
            .to_string()
    };
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        let name = tag.split_whitespace().next().unwrap_or_default();
        let key = match name {
            "text" => {
                let body = &rest[end + 1..];
                let content = body.split("</text>").next().unwrap_or_default().trim();
                Some(format!(
                    "text {} {} {} {}",
                    attr(tag, "x"),
                    attr(tag, "y"),
                    attr(tag, "fill"),
                    content
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&apos;", "'")
                        .replace("&quot;", "\"")
                        .replace("&amp;", "&")
                ))
            }
            "rect" => Some(format!(
                "rect {} {} {}",
                attr(tag, "x"),
                attr(tag, "y"),
                attr(tag, "fill")
            )),
            "circle" => Some(format!(
                "circle {} {} {} {}",
                attr(tag, "cx"),
                attr(tag, "cy"),
                attr(tag, "r"),
                attr(tag, "fill")
            )),
            "polyline" => {
                let first = attr(tag, "points");
                let first = first
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string();
                Some(format!("path {first} {}", attr(tag, "stroke")))
            }
            "polygon" => {
                let first = attr(tag, "points");
                let first = first
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string();
                Some(format!("polygon {first} {}", attr(tag, "fill")))
            }
            "line" => Some(format!(
                "line {},{} {}",
                attr(tag, "x1"),
                attr(tag, "y1"),
                attr(tag, "stroke")
            )),
            _ => None,
        };
        if let Some(k) = key {
            *keys.entry(k).or_insert(0) += 1;
        }
    }
    keys
}

/// What the layout says must be in the SVG, as the same keys.
fn expected_svg_keys(scene: &Scene<'_>) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(c) = &scene.court {
        let at = |x: f64, y: f64| {
            let (a, b) = c.frame.page_from_court(x, y);
            (px(a), px(b))
        };
        for m in c.marks.iter().filter(|m| in_area(c, m)) {
            match m {
                Mark::Rect { x0, y1, fill, .. } => {
                    let (a, b) = at(*x0, *y1);
                    out.push(format!("rect {a} {b} {}", hex(*fill)));
                }
                Mark::Polygon { points, fill, .. } => {
                    let (a, b) = at(points[0].0, points[0].1);
                    out.push(format!("polygon {a},{b} {}", hex(*fill)));
                }
                Mark::Shot { x, y, made: true } => {
                    let (a, b) = at(*x, *y);
                    out.push(format!("circle {a} {b} {} {}", c.dot, hex(palette::MADE)));
                }
                Mark::Shot { x, y, made: false } => {
                    let (a, b) = at(*x, *y);
                    let r = c.dot as i64;
                    out.push(format!("line {},{} {}", a - r, b - r, hex(palette::MISSED)));
                }
                Mark::Label {
                    x,
                    y,
                    text,
                    colour,
                    size,
                    ..
                } => {
                    let (a, b) = at(*x, *y);
                    // The SVG's line top for the baseline the screen uses.
                    let (_, top) = export::svg_text(b as f64, c.label_px * size, VAlign::Centre);
                    out.push(format!("text {a} {} {} {text}", px(top), hex(*colour)));
                }
            }
        }
        for l in &c.lines {
            let (a, b) = at(l[0].0, l[0].1);
            out.push(format!("path {a},{b} {}", hex(c.line_colour)));
        }
    }
    for i in &scene.items {
        match i {
            Item::Rect {
                x0,
                y0,
                fill,
                alpha,
                ..
            } if *alpha > 0.0 => out.push(format!("rect {} {} {}", px(*x0), px(*y0), hex(*fill))),
            Item::Rect { .. } => {}
            Item::Polygon { points, fill, .. } => out.push(format!(
                "polygon {},{} {}",
                px(points[0].0),
                px(points[0].1),
                hex(*fill)
            )),
            Item::Path { points, colour, .. } => out.push(format!(
                "path {},{} {}",
                px(points[0].0),
                px(points[0].1),
                hex(*colour)
            )),
            Item::Circle { x, y, r, fill, .. } => out.push(format!(
                "circle {} {} {} {}",
                px(*x),
                px(*y),
                px(*r),
                hex(*fill)
            )),
            Item::Cross {
                x, y, r, colour, ..
            } => out.push(format!("line {},{} {}", px(x - r), px(y - r), hex(*colour))),
            Item::Text {
                x,
                y,
                text,
                colour,
                size,
                valign,
                ..
            } => {
                // The SVG's line top for the baseline the screen uses.
                let (_, top) = export::svg_text(*y, *size, *valign);
                out.push(format!(
                    "text {} {} {} {text}",
                    px(*x),
                    px(top),
                    hex(*colour)
                ))
            }
        }
    }
    out
}

/// Paints a scene with the egui backend, as a frame would (a court chart through the mesh
/// the app builds off the UI thread), and returns its shapes.
fn egui_shapes(scene: &Scene<'_>, mesh: Option<&screen::CourtMesh>) -> (Vec<Shape>, Pos2) {
    let ctx = egui::Context::default();
    screen::install_fonts(&ctx);
    ctx.run_ui(Default::default(), |_| {})
        .textures_delta
        .clear();
    let origin = pos2(40.0, 30.0);
    let mut out = Vec::new();
    ctx.run_ui(Default::default(), |ui| {
        let painter = ui.painter().clone();
        let s = screen::shapes(&painter, scene, mesh, &Placement::at(origin));
        out.push(s.background);
        out.extend(s.court);
        out.extend(s.page);
    })
    .textures_delta
    .clear();
    (out, origin)
}

fn flatten(shapes: Vec<Shape>, out: &mut Vec<Shape>) {
    for s in shapes {
        match s {
            Shape::Vec(v) => flatten(v, out),
            s => out.push(s),
        }
    }
}

/// A stroke's colour when it is one colour.
fn solid(c: &egui::epaint::ColorMode) -> Option<Rgb> {
    match c {
        egui::epaint::ColorMode::Solid(c) => Some(rgb(*c)),
        _ => None,
    }
}

fn rgb(c: Color32) -> Rgb {
    let [r, g, b, _] = c.to_srgba_unmultiplied();
    Rgb(r, g, b)
}

fn near(a: Pos2, b: Pos2, tol: f32) -> bool {
    (a - b).length() <= tol
}

/// Checks that everything the layout holds is in what egui paints.
fn check_egui(name: &str, scene: &Scene<'_>, mesh: Option<&screen::CourtMesh>) {
    let (shapes, origin) = egui_shapes(scene, mesh);
    let mut flat = Vec::new();
    flatten(shapes, &mut flat);
    let page = |x: f64, y: f64| origin + egui::vec2(x as f32, y as f32);
    // Mesh vertices, by position (quarter pixels) and colour.
    let mut vertices: HashMap<(i64, i64, [u8; 4]), usize> = HashMap::new();
    let mut meshes: Vec<&Mesh> = Vec::new();
    for s in &flat {
        if let Shape::Mesh(m) = s {
            meshes.push(m);
        }
    }
    for m in &meshes {
        for v in &m.vertices {
            let key = (
                (v.pos.x * 4.0).round() as i64,
                (v.pos.y * 4.0).round() as i64,
                v.color.to_srgba_unmultiplied(),
            );
            *vertices.entry(key).or_insert(0) += 1;
        }
    }
    let has_vertex = |p: Pos2, c: Color32| {
        let (x, y) = ((p.x * 4.0).round() as i64, (p.y * 4.0).round() as i64);
        (-1..=1).any(|dx| {
            (-1..=1).any(|dy| vertices.contains_key(&(x + dx, y + dy, c.to_srgba_unmultiplied())))
        })
    };
    let texts: Vec<(String, egui::Rect, Rgb)> = flat
        .iter()
        .filter_map(|s| match s {
            Shape::Text(t) => Some((
                t.galley.text().to_string(),
                egui::Rect::from_min_size(t.pos, t.galley.size()),
                rgb(t.fallback_color),
            )),
            _ => None,
        })
        .collect();
    let text_at = |text: &str, x: f64, y: f64, c: Rgb, anchor: Anchor, valign: VAlign| {
        let p = page(x, y);
        texts.iter().any(|(t, r, col)| {
            let ax = match anchor {
                Anchor::Left => r.left(),
                Anchor::Centre => r.center().x,
                Anchor::Right => r.right(),
            };
            let ay = match valign {
                VAlign::Top => r.top(),
                VAlign::Centre => r.center().y,
                VAlign::Bottom => r.bottom(),
            };
            t == text && *col == c && (ax - p.x).abs() <= 1.0 && (ay - p.y).abs() <= 1.0
        })
    };
    if let Some(c) = &scene.court {
        let at = |x: f64, y: f64| {
            let (a, b) = c.frame.page_from_court(x, y);
            page(a, b)
        };
        for m in c.marks {
            match m {
                Mark::Rect {
                    x0,
                    y0,
                    x1,
                    y1,
                    fill,
                    ..
                } => {
                    for (x, y) in [(*x0, *y0), (*x1, *y1)] {
                        assert!(
                            has_vertex(at(x, y), screen::colour(*fill)),
                            "{name}: a court cell at ({x}, {y}) in {fill:?} is not painted"
                        );
                    }
                }
                Mark::Polygon { points, fill, .. } => {
                    for (x, y) in points {
                        assert!(
                            has_vertex(at(*x, *y), screen::colour(*fill)),
                            "{name}: a polygon's corner ({x}, {y}) is not painted"
                        );
                    }
                }
                Mark::Shot { x, y, made } => {
                    let p = at(*x, *y);
                    let (c2, probe) = if *made {
                        (
                            screen::colour_alpha(palette::MADE, c.shot_alpha),
                            p + egui::vec2(c.dot as f32, 0.0),
                        )
                    } else {
                        (screen::colour_alpha(palette::MISSED, c.shot_alpha), p)
                    };
                    let found = if *made {
                        has_vertex(probe, c2)
                    } else {
                        // The cross's strokes straddle its centre.
                        meshes.iter().any(|m| {
                            m.vertices
                                .iter()
                                .any(|v| v.color == c2 && near(v.pos, probe, c.dot as f32 * 1.5))
                        })
                    };
                    assert!(found, "{name}: the shot at ({x}, {y}) is not painted");
                }
                Mark::Label {
                    x, y, text, colour, ..
                } => {
                    let (a, b) = c.frame.page_from_court(*x, *y);
                    assert!(
                        text_at(text, a, b, *colour, Anchor::Centre, VAlign::Centre),
                        "{name}: the court label {text:?} is not painted at its place"
                    );
                }
            }
        }
        for l in &c.lines {
            let first = at(l[0].0, l[0].1);
            let found = flat.iter().any(|s| match s {
                Shape::Path(p) => {
                    solid(&p.stroke.color) == Some(c.line_colour)
                        && p.points.first().is_some_and(|q| near(*q, first, 0.5))
                }
                _ => false,
            });
            assert!(found, "{name}: a court line from {:?} is not painted", l[0]);
        }
    }
    for i in &scene.items {
        match i {
            Item::Rect {
                x0,
                y0,
                x1,
                y1,
                fill,
                alpha,
                ..
            } if *alpha > 0.0 => {
                let r = egui::Rect::from_two_pos(page(*x0, *y0), page(*x1, *y1));
                let c = screen::colour_alpha(*fill, *alpha);
                let found = flat.iter().any(|s| match s {
                    Shape::Rect(rs) => {
                        rs.fill == c
                            && near(rs.rect.min, r.min, 0.5)
                            && near(rs.rect.max, r.max, 0.5)
                    }
                    _ => false,
                });
                assert!(
                    found,
                    "{name}: the rectangle {r:?} in {fill:?} is not painted"
                );
            }
            Item::Rect { .. } => {}
            Item::Polygon { points, fill, .. } => {
                let found = flat.iter().any(|s| match s {
                    Shape::Path(p) => {
                        rgb(p.fill) == *fill
                            && p.points
                                .first()
                                .is_some_and(|q| near(*q, page(points[0].0, points[0].1), 0.5))
                    }
                    _ => false,
                });
                assert!(found, "{name}: a polygon in {fill:?} is not painted");
            }
            Item::Path { points, colour, .. } => {
                let first = page(points[0].0, points[0].1);
                let found = flat.iter().any(|s| match s {
                    Shape::Path(p) => {
                        solid(&p.stroke.color) == Some(*colour)
                            && p.points.first().is_some_and(|q| near(*q, first, 0.5))
                    }
                    _ => false,
                });
                assert!(
                    found,
                    "{name}: a line from {first:?} in {colour:?} is not painted"
                );
            }
            Item::Circle { x, y, r, fill, .. } => {
                let found = flat.iter().any(|s| match s {
                    Shape::Circle(c) => {
                        rgb(c.fill) == *fill
                            && near(c.center, page(*x, *y), 0.5)
                            && (c.radius - *r as f32).abs() < 0.5
                    }
                    _ => false,
                });
                assert!(found, "{name}: the circle at ({x}, {y}) is not painted");
            }
            Item::Cross {
                x, y, r, colour, ..
            } => {
                let corner = page(x - r, y - r);
                let found = flat.iter().any(|s| match s {
                    Shape::LineSegment { points, stroke } => {
                        rgb(stroke.color) == *colour && near(points[0], corner, 0.5)
                    }
                    _ => false,
                });
                assert!(found, "{name}: the cross at ({x}, {y}) is not painted");
            }
            Item::Text {
                x,
                y,
                text,
                colour,
                anchor,
                valign,
                ..
            } => {
                assert!(
                    text_at(text, *x, *y, *colour, *anchor, *valign),
                    "{name}: the text {text:?} is not painted at ({x}, {y})"
                );
            }
        }
    }
}

#[test]
fn every_chart_kind_draws_the_same_on_screen_and_in_svg() {
    for (name, chart) in every_chart() {
        for (w, h) in [(900.0, 800.0), (1000.0, 1100.0)] {
            let scene = chart.layout(w, h);
            assert!(
                !scene.texts().is_empty(),
                "{name}: a chart always has a title"
            );
            // The SVG holds every element of the layout, where the layout puts it.
            let svg = export::svg_string(&scene).expect("draws");
            let mut have = svg_keys(&svg);
            for key in expected_svg_keys(&scene) {
                match have.get_mut(&key) {
                    Some(n) if *n > 0 => *n -= 1,
                    _ => panic!("{name} at {w}×{h}: the SVG lacks `{key}`"),
                }
            }
            let mesh = match &chart {
                Chart::Court(spec) => Some(screen::CourtMesh::of(spec)),
                _ => None,
            };
            check_egui(&name, &scene, mesh.as_ref());
        }
    }
}

#[test]
fn a_backend_that_moves_a_mark_is_caught() {
    // The check above is not vacuous: the same keys with a text moved by 3 pixels miss.
    let chart = every_chart().remove(0).1;
    let scene = chart.layout(900.0, 800.0);
    let mut moved = scene.clone();
    for i in &mut moved.items {
        if let Item::Text { y, .. } = i {
            *y += 3.0;
        }
    }
    let have = svg_keys(&export::svg_string(&moved).expect("draws"));
    let lost = expected_svg_keys(&scene)
        .into_iter()
        .filter(|k| k.starts_with("text") && !have.contains_key(k))
        .count();
    assert!(lost > 0, "moved texts must not match");
}
