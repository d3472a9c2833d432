//! Formats and layouts: canonical CSV/NDJSON/Parquet round trips, hive-partitioned folders,
//! the NBA stats API layout, folders holding several tables, and saved user mappings.

mod common;

use std::path::Path;

use common::*;
use courtside::data::{self, OpenOptions, TableKind};
use polars::prelude::*;

fn read_parquet(path: &Path) -> DataFrame {
    LazyFrame::scan_parquet(PlRefPath::try_from_path(path).unwrap(), Default::default())
        .unwrap()
        .collect()
        .unwrap()
}

fn open_one(path: &Path) -> DataFrame {
    let tables = data::open(path, &OpenOptions::default()).unwrap();
    assert_eq!(tables.len(), 1);
    tables[0].lazy().collect().unwrap()
}

#[test]
fn canonical_csv_round_trips_through_convert() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("shots.csv");
    std::fs::write(
        &csv,
        "game_id,game_date,team,player,period,x_ft,y_ft,made\n\
         001,2024-01-02,BCB,Ann Lee,1,-23.0,0.5,true\n\
         001,2024-01-02,BCB,Ann Lee,2,0.0,5.0,0\n\
         002,01/05/2024,BCB,Bo Chu,4,3.5,24.0,1\n",
    )
    .unwrap();
    let out = dir.path().join("out.parquet");
    let msg = ok(
        dir.path(),
        &["convert", "shots.csv", "--out", "out.parquet"],
    );
    assert!(msg.contains("wrote 3 shots rows"), "{msg}");
    let df = read_parquet(&out);
    assert_eq!(df.height(), 3);
    let ids: Vec<&str> = df
        .column("game_id")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(Option::unwrap)
        .collect();
    assert_eq!(ids, ["001", "001", "002"], "ids keep their leading zeros");
    let dates: Vec<String> = (0..3)
        .map(|i| df.column("game_date").unwrap().get(i).unwrap().to_string())
        .collect();
    assert_eq!(dates, ["2024-01-02", "2024-01-02", "2024-01-05"]);
    let made: Vec<bool> = df
        .column("made")
        .unwrap()
        .bool()
        .unwrap()
        .iter()
        .map(Option::unwrap)
        .collect();
    assert_eq!(made, [true, false, true]);
    let x: Vec<f32> = df
        .column("x_ft")
        .unwrap()
        .f32()
        .unwrap()
        .iter()
        .map(Option::unwrap)
        .collect();
    assert_eq!(x, [-23.0, 0.0, 3.5]);
    // shot_value is derived from geometry when the source lacks it: corner three, two, three.
    let v: Vec<i8> = df
        .column("shot_value")
        .unwrap()
        .i8()
        .unwrap()
        .iter()
        .map(Option::unwrap)
        .collect();
    assert_eq!(v, [3, 2, 3]);
    assert_eq!(df.column("period").unwrap().dtype(), &DataType::Int8);
}

#[test]
fn semicolon_csv_with_decimal_commas_reads_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("export_de.csv");
    std::fs::write(
        &csv,
        "game_id;game_date;team;player;x_ft;y_ft;made;x_ft\ng1;2024-01-02;T;Ann;-1,5;22,25;true;9\n",
    )
    .unwrap();
    let df = open_one(&csv);
    assert_eq!(df.column("x_ft").unwrap().f32().unwrap().get(0), Some(-1.5));
    assert_eq!(
        df.column("y_ft").unwrap().f32().unwrap().get(0),
        Some(22.25)
    );
    // The header repeats `x_ft`: the first is read, and inspect says so.
    let text = ok(dir.path(), &["inspect", "export_de.csv"]);
    assert!(text.contains("names `x_ft` more than once"), "{text}");
}

#[test]
fn ndjson_tracking_is_read_with_canonical_types() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.ndjson");
    std::fs::write(
        &path,
        "{\"game_id\":\"g1\",\"period\":1,\"t_ms\":0,\"player_id\":\"p1\",\"x_ft\":10.5,\"y_ft\":20.25}\n\
         {\"game_id\":\"g1\",\"period\":1,\"t_ms\":40,\"player_id\":\"p1\",\"x_ft\":10.75,\"y_ft\":20.5}\n\
         {\"game_id\":\"g1\",\"period\":1,\"t_ms\":40,\"player_id\":\"ball\",\"x_ft\":11.0,\"y_ft\":21.0,\"z_ft\":4.5}\n",
    )
    .unwrap();
    let tables = data::open(&path, &OpenOptions::default()).unwrap();
    assert_eq!(tables[0].kind, TableKind::Tracking);
    let df = tables[0].lazy().collect().unwrap();
    assert_eq!(df.height(), 3);
    assert_eq!(df.column("t_ms").unwrap().dtype(), &DataType::Int64);
    assert_eq!(df.column("period").unwrap().dtype(), &DataType::Int8);
    let t: Vec<i64> = df
        .column("t_ms")
        .unwrap()
        .i64()
        .unwrap()
        .iter()
        .map(Option::unwrap)
        .collect();
    assert_eq!(t, [0, 40, 40]);
    let z = df.column("z_ft").unwrap().f32().unwrap();
    assert_eq!((z.get(0), z.get(2)), (None, Some(4.5)));
}

#[test]
fn parquet_written_by_convert_reads_back_identically() {
    let dir = tempfile::tempdir().unwrap();
    let sample = common::manifest_dir().join("sample-data/shots.parquet");
    let out = dir.path().join("again.parquet");
    ok(
        dir.path(),
        &[
            "convert",
            sample.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let a = read_parquet(&sample);
    let b = read_parquet(&out);
    assert!(
        a.equals_missing(&b),
        "convert of a canonical file changes nothing"
    );
}

#[test]
fn a_hive_partitioned_folder_is_one_table_with_the_partition_as_a_column() {
    let dir = tempfile::tempdir().unwrap();
    let shots = open_one(&common::manifest_dir().join("sample-data/shots.parquet"));
    let without_season = shots.drop("season").unwrap();
    for (season, range) in [("2022-23", 0usize..100), ("2023-24", 100..250)] {
        let part = dir.path().join(format!("shots/season={season}"));
        std::fs::create_dir_all(&part).unwrap();
        let mut df = without_season.slice(range.start as i64, range.len());
        courtside::export::write_parquet(&part.join("part-0.parquet"), &mut df, &[]).unwrap();
    }
    let tables = data::open(dir.path(), &OpenOptions::default()).unwrap();
    assert_eq!(tables.len(), 1, "one table");
    let df = tables[0].lazy().collect().unwrap();
    assert_eq!(df.height(), 250);
    let seasons = df.column("season").unwrap().str().unwrap();
    assert_eq!(
        seasons
            .iter()
            .map(Option::unwrap)
            .filter(|s| *s == "2022-23")
            .count(),
        100
    );
    assert_eq!(
        seasons
            .iter()
            .map(Option::unwrap)
            .filter(|s| *s == "2023-24")
            .count(),
        150
    );
}

#[test]
fn nba_stats_api_export_follows_spec_3_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shotchartdetail.csv");
    std::fs::write(
        &path,
        "GRID_TYPE,GAME_ID,GAME_EVENT_ID,PLAYER_ID,PLAYER_NAME,TEAM_ID,TEAM_NAME,PERIOD,MINUTES_REMAINING,SECONDS_REMAINING,EVENT_TYPE,ACTION_TYPE,SHOT_TYPE,SHOT_ZONE_BASIC,SHOT_ZONE_AREA,SHOT_ZONE_RANGE,SHOT_DISTANCE,LOC_X,LOC_Y,SHOT_ATTEMPTED_FLAG,SHOT_MADE_FLAG,GAME_DATE,HTM,VTM\n\
         Shot Chart Detail,0022300061,7,201939,Stephen Curry,1610612744,Golden State Warriors,1,11,4,Made Shot,Jump Shot,3PT Field Goal,Left Corner 3,Left Side(L),24+ ft.,22,226,10,1,1,20231024,GSW,PHX\n\
         Shot Chart Detail,0022300061,9,201939,Stephen Curry,1610612744,Golden State Warriors,1,10,30,Missed Shot,Jump Shot,3PT Field Goal,Right Corner 3,Right Side(R),24+ ft.,22,-224,35,1,0,20231024,GSW,PHX\n",
    )
    .unwrap();
    let tables = data::open(&path, &OpenOptions::default()).unwrap();
    assert_eq!(tables[0].vendor.label(), "NBA stats API shotchartdetail");
    let df = tables[0].lazy().collect().unwrap();
    let x = df.column("x_ft").unwrap().f32().unwrap();
    let y = df.column("y_ft").unwrap().f32().unwrap();
    // The NBA's "Left Corner 3" has LOC_X > 0; in our frame it is on the left (x < 0).
    assert_eq!((x.get(0), y.get(0)), (Some(-22.6), Some(1.0)));
    assert_eq!((x.get(1), y.get(1)), (Some(22.4), Some(3.5)));
    assert_eq!(
        df.column("game_id").unwrap().str().unwrap().get(0),
        Some("0022300061")
    );
    assert_eq!(
        df.column("game_date").unwrap().get(0).unwrap().to_string(),
        "2023-10-24"
    );
    let made: Vec<bool> = df
        .column("made")
        .unwrap()
        .bool()
        .unwrap()
        .iter()
        .map(Option::unwrap)
        .collect();
    assert_eq!(made, [true, false]);
    assert_eq!(
        df.column("opponent").unwrap().str().unwrap().get(0),
        Some("Phoenix Suns")
    );
    assert_eq!(
        df.column("clock_s").unwrap().f32().unwrap().get(1),
        Some(630.0)
    );
    assert_eq!(
        df.column("shot_value").unwrap().i8().unwrap().get(0),
        Some(3)
    );
}

#[test]
fn the_sample_folder_holds_three_tables() {
    let root = common::manifest_dir();
    let json = inspect_json(&root, &["sample-data"]);
    let kinds: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["load", "shots", "tracking"]);
    // The embedded copy is the same data.
    let embedded = inspect_json(&root, &["--sample"]);
    let rows = |j: &serde_json::Value| -> Vec<u64> {
        j.as_array()
            .unwrap()
            .iter()
            .map(|t| t["rows"].as_u64().unwrap())
            .collect()
    };
    let mut a = rows(&json);
    let mut b = rows(&embedded);
    a.sort();
    b.sort();
    assert_eq!(a, b);
}

#[test]
fn a_saved_mapping_is_used_when_the_same_file_is_opened_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scout.csv");
    std::fs::write(
        &path,
        "match,day,club,shooter,across,up,result\nm1,03/02/2024,BCB,Ann,-23.1,1.0,make\nm1,03/02/2024,BCB,Ann,2.0,3.0,miss\n",
    )
    .unwrap();
    let err = fails(dir.path(), &["inspect", "scout.csv"]);
    assert!(err.contains("cannot tell which table"), "{err}");

    let saved = ok(
        dir.path(),
        &[
            "map",
            "scout.csv",
            "--kind",
            "shots",
            "--set",
            "game_id=match",
            "--set",
            "game_date=day",
            "--set",
            "team=club",
            "--set",
            "player=shooter",
            "--set",
            "x_ft=across",
            "--set",
            "y_ft=up",
            "--set",
            "made=result",
            "--date-format",
            "%d/%m/%Y",
        ],
    );
    assert!(saved.contains("courtside-mappings.toml"), "{saved}");
    assert!(dir.path().join("courtside-mappings.toml").is_file());

    let json = inspect_json(dir.path(), &["scout.csv"]);
    assert_eq!(json[0]["kind"], "shots");
    assert_eq!(json[0]["user_mapping"], true);
    // Day-first, as the mapping says.
    assert_eq!(json[0]["first_date"], "2024-02-03");
    let out = ok(
        dir.path(),
        &["convert", "scout.csv", "--out", "scout.parquet"],
    );
    assert!(out.contains("wrote 2 shots rows"), "{out}");
    let df = read_parquet(&dir.path().join("scout.parquet"));
    let made: Vec<bool> = df
        .column("made")
        .unwrap()
        .bool()
        .unwrap()
        .iter()
        .map(Option::unwrap)
        .collect();
    assert_eq!(made, [true, false]);
    assert_eq!(
        df.column("shot_value").unwrap().i8().unwrap().get(0),
        Some(3)
    );

    // A mapping that names a column the file lacks is refused, and nothing is saved.
    let before = std::fs::read_to_string(dir.path().join("courtside-mappings.toml")).unwrap();
    let err = fails(dir.path(), &["map", "scout.csv", "--set", "x_ft=acros"]);
    assert!(
        err.contains("`acros`") && err.contains("Did you mean `across`?"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("courtside-mappings.toml")).unwrap(),
        before
    );
    // Forgetting it brings back the original error.
    ok(dir.path(), &["map", "scout.csv", "--clear"]);
    let err = fails(dir.path(), &["inspect", "scout.csv"]);
    assert!(err.contains("cannot tell which table"), "{err}");
}

#[test]
fn units_recorded_in_a_parquet_file_survive_convert() {
    let dir = tempfile::tempdir().unwrap();
    let load = common::manifest_dir().join("sample-data/load.parquet");
    let tables = data::open(&load, &OpenOptions::default()).unwrap();
    assert_eq!(
        tables[0].units,
        [("max_speed".to_string(), "m/s".to_string())]
    );
    ok(
        dir.path(),
        &["convert", load.to_str().unwrap(), "--out", "copy.parquet"],
    );
    let copy = data::open(&dir.path().join("copy.parquet"), &OpenOptions::default()).unwrap();
    assert_eq!(copy[0].units, tables[0].units);
    let text = ok(dir.path(), &["inspect", "copy.parquet"]);
    assert!(text.contains("max_speed is in m/s"), "{text}");
}

#[test]
fn convert_sort_writes_the_same_rows_in_question_order() {
    let dir = tempfile::tempdir().unwrap();
    let sample = common::manifest_dir().join("sample-data/shots.parquet");
    let out = dir.path().join("sorted.parquet");
    ok(
        dir.path(),
        &[
            "convert",
            sample.to_str().unwrap(),
            "--sort",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let keys = courtside::cli::convert::sort_keys(TableKind::Shots);
    let opts = SortMultipleOptions::default()
        .with_nulls_last(true)
        .with_maintain_order(true);
    let a = read_parquet(&sample).sort(keys, opts).unwrap();
    let b = read_parquet(&out);
    assert!(a.equals_missing(&b), "the same rows, sorted");
    // Sorting moved rows: the sample is in game order, not by team and player.
    assert!(!read_parquet(&sample).equals_missing(&b));
}

#[test]
fn a_path_through_dot_dot_reads_as_the_file_it_names() {
    // `tracking` of Parquet reads through Polars' buffered reader, which refuses `..`.
    let dir = tempfile::tempdir().unwrap();
    let sample = common::manifest_dir().join("sample-data/../sample-data/tracking.parquet");
    let out = dir.path().join("summary.csv");
    ok(
        dir.path(),
        &[
            "tracking",
            sample.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("player,team,minutes_tracked"), "{text}");
    assert_eq!(text.lines().count(), 11, "a header and ten players: {text}");
}
