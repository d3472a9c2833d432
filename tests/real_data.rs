//! Oracles from the real exports in ../shared/data (SPEC 8). Each test skips, with a message,
//! when the folder is absent.

mod common;

use common::*;
use courtside::data::{self, OpenOptions, TableKind};
use polars::prelude::*;

#[test]
fn nba_shot_log_is_inspected_as_218701_shots_in_1230_games_by_568_players() {
    let Some(shared) = shared_data() else { return };
    let csv = shared.join("nba-shots/NBA_2024_Shots.csv");
    let json = inspect_json(&shared, &[csv.to_str().unwrap()]);
    let t = &json[0];
    assert_eq!(t["kind"], "shots");
    assert_eq!(t["vendor"], "NBA shot log");
    assert_eq!(t["rows"], 218_701);
    assert_eq!(t["games"], 1_230);
    assert_eq!(t["players"], 568);
    assert_eq!(t["teams"], 30);
    assert_eq!(t["first_date"], "2023-10-24");
    assert_eq!(t["last_date"], "2024-04-14");
    let mapping: Vec<(String, String)> = t["mapping"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["canonical"].as_str().unwrap().into(),
                m["source"].as_str().unwrap().into(),
            )
        })
        .collect();
    let source_of = |c: &str| {
        mapping
            .iter()
            .find(|(k, _)| k == c)
            .map(|(_, s)| s.clone())
            .unwrap_or_default()
    };
    assert!(source_of("x_ft").starts_with("LOC_X"));
    assert!(source_of("y_ft").starts_with("LOC_Y"));
    assert!(source_of("made").starts_with("SHOT_MADE"));
    assert_eq!(source_of("player"), "PLAYER_NAME");
    assert_eq!(source_of("game_id"), "GAME_ID");

    // The text report says the same.
    let text = ok(&shared, &["inspect", csv.to_str().unwrap()]);
    assert!(text.contains("218,701"), "{text}");
    assert!(text.contains("1,230 games"), "{text}");
    assert!(text.contains("568 players"), "{text}");
}

#[test]
fn nba_shot_log_converts_to_canonical_parquet_with_spec_coordinates() {
    let Some(shared) = shared_data() else { return };
    let csv = shared.join("nba-shots/NBA_2024_Shots.csv");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shots.parquet");
    ok(
        dir.path(),
        &[
            "convert",
            csv.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );

    let converted =
        LazyFrame::scan_parquet(PlRefPath::try_from_path(&out).unwrap(), Default::default())
            .unwrap()
            .collect()
            .unwrap();
    assert_eq!(converted.height(), 218_701);
    let names: Vec<&str> = converted
        .get_column_names()
        .iter()
        .map(|n| n.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "game_id",
            "game_date",
            "season",
            "team",
            "opponent",
            "player_id",
            "player",
            "period",
            "clock_s",
            "x_ft",
            "y_ft",
            "made",
            "shot_value",
            "action",
            "zone_basic",
            "zone_range",
            "zone_area"
        ]
    );

    // The NBA's own labels, read straight from the CSV, in the same row order.
    let raw = LazyCsvReader::new(PlRefPath::try_from_path(&csv).unwrap())
        .with_has_header(true)
        .finish()
        .unwrap()
        .select([
            col("BASIC_ZONE"),
            col("PLAYER_NAME"),
            col("LOC_X"),
            col("LOC_Y"),
        ])
        .collect()
        .unwrap();
    let both = converted.hstack(raw.columns()).unwrap();

    // First row: Jordan Poole, LOC_X −0.4, LOC_Y 17.45 → x 0.4 ft, y 12.2 ft (SPEC 3.1).
    let first = both.slice(0, 1);
    assert_eq!(
        first.column("player").unwrap().str().unwrap().get(0),
        Some("Jordan Poole")
    );
    let x = first.column("x_ft").unwrap().f32().unwrap().get(0).unwrap();
    let y = first.column("y_ft").unwrap().f32().unwrap().get(0).unwrap();
    assert!((x - 0.4).abs() < 1e-5, "x_ft = {x}");
    assert!((y - 12.2).abs() < 1e-5, "y_ft = {y}");
    assert_eq!(
        first.column("opponent").unwrap().str().unwrap().get(0),
        Some("Miami Heat")
    );
    assert_eq!(
        first.column("clock_s").unwrap().f32().unwrap().get(0),
        Some(661.0)
    );

    // Every "Left Corner 3" lands at x < 0 and every "Right Corner 3" at x > 0.
    let corners = both
        .lazy()
        .group_by([col("BASIC_ZONE")])
        .agg([
            len().alias("n"),
            col("x_ft").max().alias("max_x"),
            col("x_ft").min().alias("min_x"),
        ])
        .collect()
        .unwrap();
    let zone = |name: &str| {
        let f = corners
            .clone()
            .lazy()
            .filter(col("BASIC_ZONE").eq(lit(name)))
            .collect()
            .unwrap();
        let n = f
            .column("n")
            .unwrap()
            .get(0)
            .unwrap()
            .extract::<u64>()
            .unwrap();
        let max = f.column("max_x").unwrap().f32().unwrap().get(0).unwrap();
        let min = f.column("min_x").unwrap().f32().unwrap().get(0).unwrap();
        (n, min, max)
    };
    let (n_left, _, max_left) = zone("Left Corner 3");
    let (n_right, min_right, _) = zone("Right Corner 3");
    assert_eq!(n_left, 11_523);
    assert_eq!(n_right, 10_628);
    assert!(max_left < 0.0, "a Left Corner 3 has x_ft = {max_left}");
    assert!(min_right > 0.0, "a Right Corner 3 has x_ft = {min_right}");

    // `made` is read right: league FG% and Stephen Curry's line (SPEC 4).
    let made = converted.column("made").unwrap().bool().unwrap();
    let fg = made.sum().unwrap() as f64 / made.len() as f64;
    assert!((fg - 0.4743).abs() < 5e-5, "league FG% {fg}");
    let curry = converted
        .clone()
        .lazy()
        .filter(col("player").eq(lit("Stephen Curry")))
        .select([
            len().alias("fga"),
            col("made").sum().alias("fgm"),
            col("shot_value").eq(lit(3)).sum().alias("fg3a"),
            col("made")
                .and(col("shot_value").eq(lit(3)))
                .sum()
                .alias("fg3m"),
        ])
        .collect()
        .unwrap();
    let get = |c: &str| {
        curry
            .column(c)
            .unwrap()
            .get(0)
            .unwrap()
            .extract::<u64>()
            .unwrap()
    };
    assert_eq!((get("fgm"), get("fga")), (650, 1445));
    assert_eq!((get("fg3m"), get("fg3a")), (357, 876));
}

#[test]
fn catapult_folder_is_one_load_table_of_30_sessions() {
    let Some(shared) = shared_data() else { return };
    let dir = shared.join("catapult");
    let json = inspect_json(&shared, &[dir.to_str().unwrap()]);
    let tables = json.as_array().unwrap();
    assert_eq!(tables.len(), 1, "{json:#}");
    let t = &tables[0];
    assert_eq!(t["kind"], "load");
    assert_eq!(t["vendor"], "Catapult OpenField CSV");
    assert_eq!(t["files"], 30);
    assert_eq!(t["sessions"], 30);
    assert_eq!(t["rows"], 267);
    assert_eq!(t["players"], 11);
    assert_eq!(t["first_date"], "2019-01-15");
    assert_eq!(t["last_date"], "2019-02-21");
    let mapped: Vec<&str> = t["mapping"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["canonical"].as_str().unwrap())
        .collect();
    for c in [
        "player",
        "date",
        "duration_min",
        "player_load",
        "distance_m",
    ] {
        assert!(mapped.contains(&c), "{c} is not mapped: {mapped:?}");
    }
    // Heart rates of 0 (no strap) are missing, not 0 bpm: only 29 rows carry one.
    let partial = t["partial"].as_array().unwrap();
    assert!(
        partial.iter().any(|p| p[0] == "hr_avg" && p[1] == 29),
        "{partial:?}"
    );
}

#[test]
fn a_catapult_session_without_heart_rate_straps_reports_heart_rate_missing() {
    let Some(shared) = shared_data() else { return };
    // Nobody wore a strap in this practice: every heart-rate column is 0.
    let file = shared.join("catapult/2019_01_25_1518-practice-1-25-19.csv");
    let json = inspect_json(&shared, &[file.to_str().unwrap()]);
    let empty: Vec<&str> = json[0]["empty"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(empty, ["hr_avg", "hr_max"]);
    let text = ok(&shared, &["inspect", file.to_str().unwrap()]);
    assert!(
        text.contains("hr_avg") && text.contains("no values: missing"),
        "{text}"
    );
}

#[test]
fn catapult_values_match_the_export() {
    let Some(shared) = shared_data() else { return };
    let file = shared.join("catapult/2019_02_02_0656-Game.csv");
    let tables = data::open(&file, &OpenOptions::default()).unwrap();
    assert_eq!(tables[0].kind, TableKind::Load);
    let df = tables[0]
        .lazy()
        .filter(col("player").eq(lit("John")))
        .collect()
        .unwrap();
    assert_eq!(df.height(), 1);
    let f = |c: &str| df.column(c).unwrap().f64().unwrap().get(0);
    // Total Duration 1:17:08 → 77.1333 min; the totals as exported.
    assert!((f("duration_min").unwrap() - (77.0 + 8.0 / 60.0)).abs() < 1e-9);
    assert_eq!(f("player_load"), Some(750.29277));
    assert_eq!(f("distance_m"), Some(8097.72843));
    assert_eq!(f("hr_avg"), None);
    assert_eq!(
        df.column("session").unwrap().str().unwrap().get(0),
        Some("Game")
    );
    assert_eq!(
        df.column("date").unwrap().get(0).unwrap().to_string(),
        "2019-02-02"
    );
}
