//! One request, two front ends: the same request through the command line and through the
//! app's job gives the same table and the same chart file, byte for byte.

mod common;

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use common::*;
use courtside::analysis::load::{Bands, Measure};
use courtside::analysis::shots::ShotFilter;
use courtside::analysis::tracking::{HeatOptions, MotionOptions, TrackFilter};
use courtside::app::jobs::Cancel;
use courtside::app::state::SourceRef;
use courtside::app::work::{self, ShotsQuery, TrackQuery};
use courtside::charts::load::Shown;
use courtside::charts::spec::ChartKind;
use courtside::charts::{Chart, export};
use courtside::court::Court;
use courtside::data::mapping::MappingStore;
use courtside::request::load::{LoadChart, LoadChartRequest, LoadRange, LoadRequest};
use courtside::request::shots::Baseline;
use polars::prelude::*;

/// The rows the app holds for a file, read the way the app reads it.
fn app_frame(path: &Path) -> Arc<DataFrame> {
    let tables = work::open_source(
        &SourceRef::Path(path.to_path_buf()),
        &MappingStore::default(),
        &Cancel::default(),
    )
    .unwrap_or_else(|e| panic!("{}: {}", path.display(), e.message));
    tables
        .into_iter()
        .find_map(|t| t.frame)
        .expect("the file has rows")
}

/// A table as the exports write it.
fn csv_of(df: &DataFrame, dir: &Path, name: &str) -> String {
    let path = dir.join(name);
    courtside::export::write_csv(&path, &mut df.clone()).expect("writes");
    std::fs::read_to_string(path).expect("reads")
}

#[test]
fn a_zone_table_against_another_player_is_the_same_from_the_cli_and_the_app() {
    let root = manifest_dir();
    let dir = tempfile::tempdir().unwrap();
    let shots = root.join("sample-data/shots.parquet");
    let cli = dir.path().join("cli.csv");
    ok(
        dir.path(),
        &[
            "zones",
            shots.to_str().unwrap(),
            "--player",
            "Marcus Hale",
            "--period",
            "4",
            "--baseline",
            "player:Kofi Mensah",
            "--out",
            cli.to_str().unwrap(),
        ],
    );
    let q = ShotsQuery {
        filter: ShotFilter {
            players: vec!["Marcus Hale".into()],
            periods: vec![4],
            ..Default::default()
        },
        chart: ChartKind::Hex,
        court: Court::Nba,
        strict: false,
        baseline: Baseline::Player("Kofi Mensah".into()),
    };
    let app = work::shot_query(
        &app_frame(&shots),
        &q,
        &Cancel::default(),
        &Default::default(),
    )
    .expect("runs");
    let cli_text = std::fs::read_to_string(&cli).unwrap();
    assert_eq!(csv_of(&app.table, dir.path(), "app.csv"), cli_text);
    // Not an empty agreement: Hale has fourth-quarter shots and Mensah's give a baseline.
    assert!(app.shots > 50, "{} shots", app.shots);
    assert!(
        cli_text.lines().nth(1).is_some_and(|l| !l.ends_with(",,")),
        "{cli_text}"
    );

    // The chart too: the app's export and the command line write the same SVG.
    let cli_svg = dir.path().join("cli.svg");
    ok(
        dir.path(),
        &[
            "shots",
            shots.to_str().unwrap(),
            "--player",
            "Marcus Hale",
            "--period",
            "4",
            "--baseline",
            "player:Kofi Mensah",
            "--chart",
            "hex",
            "--out",
            cli_svg.to_str().unwrap(),
        ],
    );
    let app_svg = dir.path().join("app.svg");
    Chart::Court(app.spec.clone())
        .write(&app_svg, 1000, 1100, 96)
        .expect("writes");
    assert_eq!(
        std::fs::read_to_string(app_svg).unwrap(),
        std::fs::read_to_string(cli_svg).unwrap()
    );
}

#[test]
fn the_team_overview_and_a_timeline_are_the_same_from_the_cli_and_the_app() {
    let root = manifest_dir();
    let dir = tempfile::tempdir().unwrap();
    let load = root.join("sample-data/load.parquet");
    let day = NaiveDate::from_ymd_opt(2024, 3, 15).unwrap();
    let cli = dir.path().join("cli.csv");
    ok(
        dir.path(),
        &[
            "load",
            load.to_str().unwrap(),
            "--overview",
            "2024-03-15",
            "--out",
            cli.to_str().unwrap(),
        ],
    );
    let from = NaiveDate::from_ymd_opt(2024, 2, 15).unwrap();
    let q = LoadRequest {
        measure: Measure::Srpe,
        bands: Bands::default(),
        day: Some(day),
        range: LoadRange::Dates(from, day),
    };
    let app =
        courtside::request::load::load(app_frame(&load).as_ref().clone().lazy(), &q).expect("runs");
    assert_eq!(app.day, day);
    assert_eq!(
        csv_of(&app.table, dir.path(), "app.csv"),
        std::fs::read_to_string(&cli).unwrap()
    );
    assert_eq!(app.rows.len(), 15, "every player of the sample");
    // The range's tables: days in bands, and the daily series.
    for (flag, table) in [
        (Some("--band-days"), app.band_days.clone()),
        (None, app.daily_table().unwrap()),
    ] {
        let mut a = vec![
            "load",
            load.to_str().unwrap(),
            "--from",
            "2024-02-15",
            "--to",
            "2024-03-15",
            "--out",
            cli.to_str().unwrap(),
        ];
        a.extend(flag);
        ok(dir.path(), &a);
        assert_eq!(
            csv_of(&table, dir.path(), "app.csv"),
            std::fs::read_to_string(&cli).unwrap(),
            "{flag:?}"
        );
    }

    for (chart, args) in [
        (LoadChart::Timeline, vec!["--player", "Noah Pierce"]),
        (
            LoadChart::Weekly,
            vec!["--player", "Noah Pierce", "--chart", "weekly"],
        ),
    ] {
        let cli_svg = dir.path().join("cli.svg");
        let mut a = vec![
            "load",
            load.to_str().unwrap(),
            "--from",
            "2024-02-15",
            "--to",
            "2024-03-15",
            "--day",
            "2024-03-15",
        ];
        a.extend(args);
        a.extend(["--out", cli_svg.to_str().unwrap()]);
        ok(dir.path(), &a);
        let c = courtside::request::load::chart(
            &app.series,
            &LoadChartRequest {
                chart,
                measure: Measure::Srpe,
                bands: Bands::default(),
                player: Some("Noah Pierce".into()),
                // As the load view asks: the range, and the overview's day marked.
                shown: Shown {
                    from: Some(app.range.0),
                    to: Some(app.range.1),
                    day: Some(app.day),
                },
            },
        )
        .expect("a chart");
        let app_svg = export::svg_string(&c.layout(1200.0, 700.0)).expect("draws");
        assert_eq!(
            app_svg,
            std::fs::read_to_string(&cli_svg).unwrap(),
            "{chart:?}"
        );
    }
}

#[test]
fn the_tracking_summary_is_the_same_from_the_cli_and_the_app() {
    let root = manifest_dir();
    let dir = tempfile::tempdir().unwrap();
    let tracking = root.join("sample-data/tracking.parquet");
    let cli = dir.path().join("cli.csv");
    ok(
        dir.path(),
        &[
            "tracking",
            tracking.to_str().unwrap(),
            "--period",
            "2",
            "--out",
            cli.to_str().unwrap(),
        ],
    );
    let q = TrackQuery {
        filter: TrackFilter {
            periods: vec![2],
            ..Default::default()
        },
        heat: HeatOptions::default(),
        motion: MotionOptions::default(),
        court: Court::Nba,
        heatmap: true,
    };
    let app = work::track_query(&app_frame(&tracking), &q, &Cancel::default()).expect("runs");
    assert_eq!(app.players.len(), 10);
    assert_eq!(
        csv_of(&app.table, dir.path(), "app.csv"),
        std::fs::read_to_string(&cli).unwrap()
    );
    // And the speed-zone bars the app exports are the command line's.
    let cli_png = dir.path().join("cli.png");
    ok(
        dir.path(),
        &[
            "tracking",
            tracking.to_str().unwrap(),
            "--period",
            "2",
            "--chart",
            "speed",
            "--out",
            cli_png.to_str().unwrap(),
        ],
    );
    let app_png = dir.path().join("app.png");
    Chart::Bars(app.speed.clone())
        .write(
            &app_png,
            1100,
            (160 + 48 * app.players.len() as u32).max(420),
            96,
        )
        .expect("writes");
    assert_eq!(
        std::fs::read(app_png).unwrap(),
        std::fs::read(cli_png).unwrap()
    );
}
