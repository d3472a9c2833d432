//! Exported charts, looked at pixel by pixel: the NBA's "Left" is on the left of the image
//! with the hoop at the bottom (SPEC 3.1), an empty selection says so, sizes are honoured.

mod common;

use std::path::Path;

use common::*;

/// Pixels that carry colour (shots, hexagons), as opposed to paper, grey lines and text.
fn coloured_pixels(png: &Path) -> (u32, u32, Vec<(u32, u32)>) {
    let img = image::open(png).unwrap().to_rgb8();
    let (w, h) = img.dimensions();
    let mut out = Vec::new();
    // The court only: below the title band, above the legend band.
    for y in (h * 10 / 100)..(h * 88 / 100) {
        for x in 0..w {
            let p = img.get_pixel(x, y).0;
            let (max, min) = (
                *p.iter().max().unwrap() as i32,
                *p.iter().min().unwrap() as i32,
            );
            // Paper, court lines and text are grey (spread under 10).
            if max - min > 25 {
                out.push((x, y));
            }
        }
    }
    (w, h, out)
}

#[test]
fn left_corner_threes_land_on_the_left_with_the_hoop_at_the_bottom() {
    let root = manifest_dir();
    let dir = tempfile::tempdir().unwrap();
    let shots = root.join("sample-data/shots.parquet");
    for chart in ["scatter", "hex"] {
        let out = dir.path().join(format!("lc3-{chart}.png"));
        ok(
            dir.path(),
            // The corner specialist, whose corner threes beat the league's (coloured hexagons).
            &[
                "shots",
                shots.to_str().unwrap(),
                "--player",
                "Kofi Mensah",
                "--zone",
                "Left Corner 3",
                "--chart",
                chart,
                "--out",
                out.to_str().unwrap(),
                "--width",
                "500",
                "--height",
                "550",
            ],
        );
        let (w, h, px) = coloured_pixels(&out);
        assert!(px.len() > 100, "{chart}: the shots are drawn");
        assert!(
            px.iter().all(|(x, _)| *x < w / 4),
            "{chart}: every left corner three is on the left edge"
        );
        assert!(
            px.iter().all(|(_, y)| *y > h / 2),
            "{chart}: and near the baseline, at the bottom"
        );
    }
}

#[test]
fn nba_left_corner_threes_are_drawn_on_the_left() {
    let Some(shared) = shared_data() else { return };
    let csv = shared.join("nba-shots/NBA_2024_Shots.csv");
    let dir = tempfile::tempdir().unwrap();
    for (zone, left) in [("Left Corner 3", true), ("Right Corner 3", false)] {
        let out = dir.path().join("corner.png");
        ok(
            dir.path(),
            &[
                "shots",
                csv.to_str().unwrap(),
                "--zone",
                zone,
                "--chart",
                "scatter",
                "--out",
                out.to_str().unwrap(),
                "--width",
                "500",
                "--height",
                "550",
            ],
        );
        let (w, h, px) = coloured_pixels(&out);
        assert!(px.len() > 100);
        let on_side = px.iter().filter(|(x, _)| (*x < w / 2) == left).count();
        assert_eq!(on_side, px.len(), "{zone}: every shot on its side");
        assert!(
            px.iter().all(|(_, y)| *y > h / 2),
            "{zone}: hoop at the bottom"
        );
    }
}

#[test]
fn every_chart_says_when_no_shots_match() {
    let root = manifest_dir();
    let dir = tempfile::tempdir().unwrap();
    let shots = root.join("sample-data/shots.parquet");
    for chart in ["scatter", "hex", "grid", "kde", "zones"] {
        let svg = dir.path().join(format!("{chart}.svg"));
        // Nobody shot in a ninth period.
        let out = ok(
            dir.path(),
            &[
                "shots",
                shots.to_str().unwrap(),
                "--period",
                "9",
                "--chart",
                chart,
                "--out",
                svg.to_str().unwrap(),
            ],
        );
        assert!(out.contains("0 shots"), "{out}");
        let text = std::fs::read_to_string(&svg).unwrap();
        assert!(text.contains("No shots match these filters"), "{chart}");
        assert!(
            text.contains("0 shots"),
            "{chart}: the subtitle gives the sample size"
        );
        let png = dir.path().join(format!("{chart}.png"));
        ok(
            dir.path(),
            &[
                "shots",
                shots.to_str().unwrap(),
                "--period",
                "9",
                "--chart",
                chart,
                "--out",
                png.to_str().unwrap(),
            ],
        );
        let img = image::open(&png).unwrap().to_rgb8();
        let first = *img.get_pixel(0, 0);
        assert!(
            img.pixels().any(|p| *p != first),
            "{chart}: not a blank image"
        );
    }
}

#[test]
fn size_and_dpi_set_the_pixels() {
    let root = manifest_dir();
    let dir = tempfile::tempdir().unwrap();
    let shots = root.join("sample-data/shots.parquet");
    let out = dir.path().join("big.png");
    ok(
        dir.path(),
        &[
            "shots",
            shots.to_str().unwrap(),
            "--chart",
            "zones",
            "--out",
            out.to_str().unwrap(),
            "--width",
            "400",
            "--height",
            "450",
            "--dpi",
            "192",
        ],
    );
    let img = image::open(&out).unwrap();
    assert_eq!((img.width(), img.height()), (800, 900));
    let err = fails(
        dir.path(),
        &["shots", shots.to_str().unwrap(), "--out", "chart.jpg"],
    );
    assert!(err.contains(".png or .svg"), "{err}");
}

#[test]
fn the_title_names_the_selection_and_the_sample() {
    let root = manifest_dir();
    let dir = tempfile::tempdir().unwrap();
    let shots = root.join("sample-data/shots.parquet");
    let svg = dir.path().join("hale.svg");
    ok(
        dir.path(),
        &[
            "shots",
            shots.to_str().unwrap(),
            "--player",
            "Marcus Hale",
            "--period",
            "4",
            "--chart",
            "hex",
            "--out",
            svg.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("Marcus Hale · Q4"), "title");
    assert!(
        text.contains(" shots · FG "),
        "subtitle with sample size and FG%"
    );
    assert!(text.contains("2023-10-24 to 2024-04-"), "date range");
    assert!(
        text.contains("FG% vs league 2023-24 by zone"),
        "legend caption"
    );
    // The whole season's league, whatever the period chosen.
    assert!(
        text.contains("vs league 2023-24, 14,692 shots"),
        "the subtitle names the baseline exactly"
    );
}
