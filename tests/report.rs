//! Scout reports: templates applied to real data, read back from the PDF with a PDF reader.

mod common;

use std::path::Path;

use common::*;
use courtside::report::Report;

/// Each page's text, as a PDF reader extracts it (glyph runs joined).
fn pdf_pages(path: &Path) -> (lopdf::Document, Vec<String>) {
    let doc = lopdf::Document::load(path).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = pages
        .iter()
        .map(|p| {
            doc.extract_text(&[*p])
                .unwrap()
                .chars()
                .filter(|c| *c != '\n')
                .collect()
        })
        .collect();
    (doc, text)
}

/// Each page's MediaBox width and height, points.
fn page_sizes(doc: &lopdf::Document) -> Vec<(f32, f32)> {
    doc.get_pages()
        .values()
        .map(|id| {
            let page = doc.get_object(*id).unwrap().as_dict().unwrap();
            let b = page.get(b"MediaBox").unwrap().as_array().unwrap();
            let f = |o: &lopdf::Object| o.as_float().unwrap();
            (f(&b[2]) - f(&b[0]), f(&b[3]) - f(&b[1]))
        })
        .collect()
}

/// Image XObjects in the document, and line-to operators in its content streams.
fn images_and_lines(doc: &lopdf::Document) -> (usize, usize) {
    let (mut images, mut lines) = (0, 0);
    for obj in doc.objects.values() {
        if let Ok(s) = obj.as_stream() {
            if s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Image") {
                images += 1;
            }
            let content = s
                .decompressed_content()
                .unwrap_or_else(|_| s.content.clone());
            lines += content.windows(3).filter(|w| w == b" l\n").count();
        }
    }
    (images, lines)
}

#[test]
fn the_opponent_report_on_the_nba_log_holds_each_players_zone_table() {
    let Some(shared) = shared_data() else { return };
    let csv = shared.join("nba-shots/NBA_2024_Shots.csv");
    let c = csv.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = ok(
        dir.path(),
        &[
            "report",
            "opponent",
            c,
            "--team",
            "Boston Celtics",
            "--last-games",
            "10",
            "--top",
            "3",
            "--save",
            "celtics.courtside-report.json",
            "--out",
            "celtics.pdf",
        ],
    );
    assert!(out.contains("5 pages"), "{out}");
    let report = Report::read(&dir.path().join("celtics.courtside-report.json")).unwrap();
    let subject = report.subject.clone().unwrap();
    assert_eq!(subject.games, 10);
    let (from, to) = (subject.from.unwrap(), subject.to.unwrap());
    let (doc, text) = pdf_pages(&dir.path().join("celtics.pdf"));
    // The cover, the team's page, one page per top player.
    assert_eq!(text.len(), 2 + 3);
    assert!(text[0].contains("Games: 10 games"), "{}", text[0]);
    // Every page fits its paper.
    assert!(
        text.iter().all(|t| !t.contains("fuller than the paper")),
        "no page overflows"
    );
    for (page, t) in report.pages.iter().zip(&text).skip(2) {
        let player = page.player.as_deref().expect("a player's page");
        assert!(t.contains(player), "{player}");
        // The same figures `zones` gives for that player and those games.
        ok(
            dir.path(),
            &[
                "zones",
                c,
                "--player",
                player,
                "--from",
                &from.to_string(),
                "--to",
                &to.to_string(),
                "--out",
                "z.csv",
            ],
        );
        let zones = std::fs::read_to_string(dir.path().join("z.csv")).unwrap();
        let mut rows = 0;
        for line in zones.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            let (fga, fgm): (u64, u64) = (f[1].parse().unwrap(), f[2].parse().unwrap());
            let row = format!("{}{fga}{fgm}{:.1}%", f[0], 100.0 * fgm as f64 / fga as f64);
            assert!(t.contains(&row), "{player}: {row} not in the page");
            rows += 1;
        }
        assert!(rows >= 4, "{player} shot from several zones");
    }
    // Charts are vector paths, not pictures.
    let (images, lines) = images_and_lines(&doc);
    assert_eq!(images, 0);
    assert!(lines > 500, "{lines} line segments");
    assert!(
        page_sizes(&doc)
            .iter()
            .all(|(w, h)| (*w - 595.28).abs() < 0.1 && (*h - 841.89).abs() < 0.1),
        "A4 portrait"
    );
}

#[test]
fn both_templates_paper_sizes_and_png_pages() {
    let root = manifest_dir();
    let shots = root.join("sample-data/shots.parquet");
    let load = root.join("sample-data/load.parquet");
    let (s, l) = (shots.to_str().unwrap(), load.to_str().unwrap());
    let dir = tempfile::tempdir().unwrap();
    // Opponent: A4 landscape.
    let out = ok(
        dir.path(),
        &[
            "report",
            "opponent",
            s,
            "--team",
            "Bay City Breakers",
            "--last-games",
            "5",
            "--top",
            "2",
            "--landscape",
            "--out",
            "breakers.pdf",
        ],
    );
    assert!(out.contains("4 pages"), "{out}");
    let (doc, text) = pdf_pages(&dir.path().join("breakers.pdf"));
    assert_eq!(text.len(), 4);
    assert!(
        text[1].contains("vs league 2023-24"),
        "the baseline is named"
    );
    for (w, h) in page_sizes(&doc) {
        assert!(
            (w - 841.89).abs() < 0.1 && (h - 595.28).abs() < 0.1,
            "{w}×{h}"
        );
    }
    // Charts are vector paths, not pictures.
    let (images, lines) = images_and_lines(&doc);
    assert_eq!(images, 0);
    assert!(lines > 300, "{lines} line segments");
    // Development: one player against the period before, with load: US Letter portrait.
    let args = |load: bool, out: &'static str| {
        let mut a = vec!["report", "development", s];
        if load {
            a.push(l);
        }
        a.extend([
            "--player",
            "Marcus Hale",
            "--from",
            "2024-02-01",
            "--to",
            "2024-03-31",
            "--paper",
            "letter",
            "--out",
            out,
        ]);
        a
    };
    let mut a = args(true, "hale.pdf");
    a.extend(["--save", "hale.courtside-report.json"]);
    ok(dir.path(), &a);
    let (doc, text) = pdf_pages(&dir.path().join("hale.pdf"));
    assert_eq!(text.len(), 3, "cover, the two periods, load");
    // His games in those dates, and as many days just before.
    let s = Report::read(&dir.path().join("hale.courtside-report.json"))
        .unwrap()
        .subject
        .unwrap();
    let (from, to) = (s.from.unwrap(), s.to.unwrap());
    assert!(from >= chrono::NaiveDate::from_ymd_opt(2024, 2, 1).unwrap());
    let days = (to - from).num_days() + 1;
    let before = (
        from - chrono::Duration::days(days),
        from - chrono::Duration::days(1),
    );
    // The two hex charts' subtitles: his dates, and the period before.
    assert!(
        text[1].matches(&format!("{from} to {to}")).count() >= 2,
        "{}",
        text[1]
    );
    assert!(
        text[1].contains(&format!("{} to {}", before.0, before.1)),
        "{}",
        text[1]
    );
    assert!(text[2].contains("Marcus Hale · srpe"), "the load timeline");
    for (w, h) in page_sizes(&doc) {
        assert!(
            (w - 612.0).abs() < 0.1 && (h - 792.0).abs() < 0.1,
            "{w}×{h}"
        );
    }
    // Without load data the load page is left out.
    ok(dir.path(), &args(false, "hale-shots.pdf"));
    assert_eq!(pdf_pages(&dir.path().join("hale-shots.pdf")).1.len(), 2);
    // PNG pages: one file per page, at twice 96 dpi.
    let pages = dir.path().join("pages");
    ok(dir.path(), &args(true, "pages"));
    let mut files: Vec<_> = std::fs::read_dir(&pages)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 3);
    let img = image::open(&files[0]).unwrap();
    assert_eq!(
        (img.width(), img.height()),
        (1224, 1584),
        "Letter at 144 dpi"
    );
    // A shorter export into the same folder leaves no pages of the longer one.
    ok(dir.path(), &args(false, "pages"));
    assert_eq!(std::fs::read_dir(&pages).unwrap().count(), 2);
}

#[test]
fn applying_a_report_again_keeps_each_players_notes() {
    let root = manifest_dir();
    let shots = root.join("sample-data/shots.parquet");
    let s = shots.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.courtside-report.json");
    ok(
        dir.path(),
        &[
            "report",
            "opponent",
            s,
            "--team",
            "Bay City Breakers",
            "--last-games",
            "5",
            "--top",
            "3",
            "--save",
            first.to_str().unwrap(),
            "--out",
            "a.pdf",
        ],
    );
    let mut report = Report::read(&first).unwrap();
    // A scout's note on the first player's page.
    let page = report
        .pages
        .iter_mut()
        .find(|p| p.player.is_some())
        .unwrap();
    let player = page.player.clone().unwrap();
    for b in page.blocks.iter_mut() {
        if let courtside::report::Block::Notes(t) = b {
            *t = "# Tendencies\n- Goes **left** off the catch".into();
        }
    }
    report.write(&first).unwrap();
    let again = dir.path().join("again.courtside-report.json");
    ok(
        dir.path(),
        &[
            "report",
            first.to_str().unwrap(),
            s,
            "--last-games",
            "10",
            "--save",
            again.to_str().unwrap(),
            "--out",
            "b.pdf",
        ],
    );
    let again = Report::read(&again).unwrap();
    assert_eq!(again.subject.as_ref().unwrap().games, 10);
    let page = again
        .pages
        .iter()
        .find(|p| p.player.as_deref() == Some(player.as_str()))
        .expect("the player is still a top player");
    assert!(page.blocks.contains(&courtside::report::Block::Notes(
        "# Tendencies\n- Goes **left** off the catch".into()
    )));
    // Applied to another team, no page is his: the note moves to a last page, not away.
    let other = dir.path().join("other.courtside-report.json");
    ok(
        dir.path(),
        &[
            "report",
            first.to_str().unwrap(),
            s,
            "--team",
            "Harborview Hawks",
            "--save",
            other.to_str().unwrap(),
            "--out",
            "c.pdf",
        ],
    );
    let other = Report::read(&other).unwrap();
    let last = other.pages.last().unwrap();
    assert_eq!(last.title, "Earlier notes");
    assert_eq!(
        last.blocks,
        [courtside::report::Block::Notes(format!(
            "# From \"{player}\"\n# Tendencies\n- Goes **left** off the catch"
        ))]
    );
    // And the notes are printed.
    let (_, text) = pdf_pages(&dir.path().join("b.pdf"));
    // (Bold runs are separate text runs.)
    assert!(
        text.iter()
            .any(|t| t.contains("Tendencies") && t.contains("Goes") && t.contains("off the catch"))
    );
}

#[test]
fn a_built_in_template_is_written_out_to_edit() {
    let dir = tempfile::tempdir().unwrap();
    ok(
        dir.path(),
        &[
            "report",
            "opponent",
            "--write-template",
            "mine.courtside-report.json",
        ],
    );
    let t = Report::read(&dir.path().join("mine.courtside-report.json")).unwrap();
    assert_eq!(t, courtside::report::template::opponent(5));
    let err = fails(dir.path(), &["report", "nonesuch", "--out", "x.pdf"]);
    assert!(err.contains("no such template"), "{err}");
    // Another JSON file (a workspace) is not taken for an empty report.
    std::fs::write(dir.path().join("ws.json"), r#"{"view": "Shots"}"#).unwrap();
    let err = fails(dir.path(), &["report", "ws.json", "--out", "x.pdf"]);
    assert!(err.contains("not a Courtside report"), "{err}");
    // A report made by hand (no team, no player) is printed as it is.
    let hand = Report {
        title: "Notes for Friday".into(),
        pages: vec![courtside::report::Page {
            title: "Defence".into(),
            blocks: vec![courtside::report::Block::Notes("- Switch 1 to 4".into())],
            ..Default::default()
        }],
        ..Default::default()
    };
    assert!(!hand.is_template() && t.is_template());
    hand.write(&dir.path().join("hand.courtside-report.json"))
        .unwrap();
    let out = ok(
        dir.path(),
        &["report", "hand.courtside-report.json", "--out", "hand.pdf"],
    );
    assert!(out.contains("Notes for Friday (1 page)"), "{out}");
}

#[test]
fn tracking_and_load_blocks_print_from_the_sample() {
    use courtside::report::build::{self, Part, ReportData};
    use courtside::report::{Block, ChartBlock, Page, TableBlock};
    use courtside::request::tracking::{TrackChart, TrackRequest};
    let tables = courtside::sample::open_embedded().unwrap();
    let of = |k: courtside::data::TableKind| {
        tables
            .iter()
            .find(|t| t.kind == k)
            .map(|t| t.lazy().collect().unwrap().lazy())
    };
    use polars::prelude::IntoLazy;
    let data = ReportData {
        shots: of(courtside::data::TableKind::Shots),
        load: of(courtside::data::TableKind::Load),
        tracking: of(courtside::data::TableKind::Tracking),
    };
    let request = TrackRequest {
        filter: courtside::analysis::tracking::TrackFilter {
            periods: vec![2],
            ..Default::default()
        },
        heat: Default::default(),
        motion: Default::default(),
        court: Default::default(),
        heatmap: true,
    };
    let report = Report {
        title: "Game 1".into(),
        pages: vec![Page {
            title: "Q2".into(),
            blocks: vec![
                Block::Charts(vec![
                    ChartBlock::Tracking {
                        request: request.clone(),
                        chart: TrackChart::Heatmap,
                    },
                    ChartBlock::Tracking {
                        request: request.clone(),
                        chart: TrackChart::Speed,
                    },
                ]),
                Block::Table(Box::new(TableBlock::TrackingSummary { request })),
                Block::Table(Box::new(TableBlock::LoadOverview {
                    measure: None,
                    day: None,
                })),
            ],
            ..Default::default()
        }],
        ..Default::default()
    };
    let pages = build::build(&report, &data, &courtside::request::Cancel::default()).unwrap();
    let problems: Vec<&Part> = pages[0]
        .parts
        .iter()
        .filter(|p| matches!(p, Part::Problem(_)))
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
    let Part::Table(summary) = &pages[0].parts[1] else {
        panic!("a table")
    };
    assert_eq!(summary.rows.len(), 10, "ten players on court in Q2");
    let Part::Table(team) = &pages[0].parts[2] else {
        panic!("a table")
    };
    assert_eq!(team.rows.len(), 15, "the sample's squad");
    // Saved and read back as it was.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("game.courtside-report.json");
    report.write(&path).unwrap();
    assert_eq!(Report::read(&path).unwrap(), report);
    let pdf = courtside::report::pdf::pdf_bytes(&report, &pages).unwrap();
    std::fs::write(dir.path().join("g.pdf"), pdf).unwrap();
    let (_, text) = pdf_pages(&dir.path().join("g.pdf"));
    assert!(text[0].contains("Players' tracking summary"));
}
