//! Player load against SPEC 5's oracles and the real Catapult exports.

mod common;

use common::*;
use courtside::analysis::load::{self, Bands, Measure};
use courtside::data::{self, OpenOptions};
use polars::prelude::*;

#[test]
fn ewma_acwr_on_day_28_matches_the_reference() {
    let Some(shared) = shared_data() else { return };
    let csv = shared.join("acwr/training_load.csv");
    // ID, TL, Training_Date (epoch seconds) as a canonical load table.
    let lf = LazyCsvReader::new(PlRefPath::try_from_path(&csv).unwrap())
        .with_has_header(true)
        .finish()
        .unwrap()
        .select([
            col("ID")
                .cast(DataType::Int64)
                .cast(DataType::String)
                .alias("player"),
            (col("Training_Date").cast(DataType::Int64) * lit(1000))
                .cast(DataType::Datetime(TimeUnit::Milliseconds, None))
                .dt()
                .date()
                .alias("date"),
            col("TL").alias("player_load"),
        ]);
    let series = load::daily(lf, Measure::PlayerLoad).unwrap();
    assert_eq!(series.len(), 3);
    let day28: Vec<f64> = series
        .iter()
        .map(|s| {
            assert_eq!(s.load.len(), 28);
            load::metrics(s, &Bands::default())[27].acwr_ewma.unwrap()
        })
        .collect();
    let rounded: Vec<f64> = day28
        .iter()
        .map(|v| (v * 10_000.0).round() / 10_000.0)
        .collect();
    assert_eq!(rounded, [1.2497, 1.4062, 1.5507]);
    let id1 = &load::metrics(&series[0], &Bands::default())[27];
    assert_eq!(
        (id1.acwr_rolling_coupled.unwrap() * 1e4).round() / 1e4,
        1.4286
    );
    assert_eq!(
        (id1.acwr_rolling_uncoupled.unwrap() * 1e4).round() / 1e4,
        1.6667
    );
}

/// (date, player, Total Player Load) from the raw export rows, read without Courtside.
fn raw_catapult_rows(dir: &std::path::Path) -> Vec<(chrono::NaiveDate, String, f64)> {
    let mut rows = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let date = lines[0]
            .trim_start_matches('\u{feff}')
            .split(',')
            .nth(1)
            .unwrap();
        let date = chrono::NaiveDate::parse_from_str(date, "%m/%d/%Y").unwrap();
        let header: Vec<&str> = lines[9].split(',').collect();
        let pl = header
            .iter()
            .position(|h| *h == "Total Player Load")
            .unwrap();
        for line in &lines[10..] {
            let f: Vec<&str> = line.split(',').collect();
            rows.push((date, f[0].to_string(), f[pl].parse().unwrap()));
        }
    }
    rows
}

#[test]
fn catapult_daily_player_load_and_acwr_match_the_raw_rows() {
    let Some(shared) = shared_data() else { return };
    let dir = shared.join("catapult");
    let tables = data::open(&dir, &OpenOptions::default()).unwrap();
    let series = load::daily(tables[0].lazy(), Measure::PlayerLoad).unwrap();
    let raw = raw_catapult_rows(&dir);
    let first = raw.iter().map(|r| r.0).min().unwrap();
    let last = raw.iter().map(|r| r.0).max().unwrap();
    let player = "John";
    let s = series.iter().find(|s| s.player == player).unwrap();
    // One row per calendar day of the player's history, rest days 0.
    let own: Vec<_> = raw.iter().filter(|r| r.1 == player).collect();
    let (p_first, p_last) = (
        own.iter().map(|r| r.0).min().unwrap(),
        own.iter().map(|r| r.0).max().unwrap(),
    );
    // From the player's first session to the folder's last day.
    assert_eq!(s.first, p_first);
    assert_eq!(s.load.len() as i64, (last - p_first).num_days() + 1);
    assert!(first <= p_first && p_last <= last);
    let mut expected = vec![0.0; s.load.len()];
    for r in &own {
        expected[(r.0 - p_first).num_days() as usize] += r.2;
    }
    assert_eq!(s.load, expected);
    assert!(s.load.contains(&0.0), "rest days are 0");
    // EWMA ACWR by hand.
    let (mut a, mut c) = (expected[0], expected[0]);
    for x in &expected[1..] {
        a = 0.25 * x + 0.75 * a;
        c = (2.0 / 29.0) * x + (1.0 - 2.0 / 29.0) * c;
    }
    let ours = load::metrics(s, &Bands::default())
        .last()
        .unwrap()
        .acwr_ewma
        .unwrap();
    assert!((ours - a / c).abs() < 1e-12, "{ours} vs {}", a / c);
}

#[test]
fn bad_loads_are_refused_and_order_does_not_matter() {
    let frame = |loads: &[f64], dates: &[i32]| {
        df!(
            "player" => vec!["A"; loads.len()],
            "date" => dates.to_vec(),
            "player_load" => loads.to_vec(),
        )
        .unwrap()
        .lazy()
        .with_column(col("date").cast(DataType::Date))
    };
    // Dates out of order and a duplicated session: sorted, and the duplicate summed.
    let s = load::daily(
        frame(&[10.0, 20.0, 5.0, 5.0], &[19_002, 19_000, 19_001, 19_001]),
        Measure::PlayerLoad,
    )
    .unwrap();
    assert_eq!(s[0].load, [20.0, 10.0, 10.0]);
    let err =
        load::daily(frame(&[10.0, -3.0], &[19_000, 19_001]), Measure::PlayerLoad).unwrap_err();
    assert!(err.to_string().contains("negative or non-finite"), "{err}");
    let err = load::daily(
        frame(&[10.0, f64::NAN], &[19_000, 19_001]),
        Measure::PlayerLoad,
    )
    .unwrap_err();
    assert!(err.to_string().contains("negative or non-finite"), "{err}");
    let err = load::daily(frame(&[10.0], &[19_000]), Measure::Srpe).unwrap_err();
    assert!(err.to_string().contains("no `srpe` column"), "{err}");
}

#[test]
fn load_command_writes_the_daily_table_with_the_oracles() {
    let Some(shared) = shared_data() else { return };
    let csv = shared.join("acwr/training_load.csv");
    let dir = tempfile::tempdir().unwrap();
    ok(
        dir.path(),
        &[
            "load",
            csv.to_str().unwrap(),
            "--player-col",
            "ID",
            "--date-col",
            "Training_Date",
            "--load-col",
            "TL",
            "--out",
            "acwr.csv",
        ],
    );
    let text = std::fs::read_to_string(dir.path().join("acwr.csv")).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "player,date,load,acute_ewma,chronic_ewma,acwr_ewma,acwr_rolling_coupled,acwr_rolling_uncoupled,weekly_load,monotony,strain,warmup,band"
        )
    );
    let day28: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| l.contains(",2022-01-28,"))
        .map(|l| l.split(',').collect())
        .collect();
    let acwr: Vec<&str> = day28.iter().map(|f| f[5]).collect();
    assert_eq!(acwr, ["1.2497", "1.4062", "1.5507"]);
    assert_eq!((day28[0][6], day28[0][7]), ("1.4286", "1.6667"));
    assert_eq!(day28[2][12], "high risk");
}

#[test]
fn team_overview_puts_the_highest_risk_first() {
    let root = manifest_dir();
    let dir = tempfile::tempdir().unwrap();
    let sample = root.join("sample-data/load.parquet");
    // Mid-spike for the sample's bench guard (day 110 of the season onwards).
    let out = ok(
        dir.path(),
        &[
            "load",
            sample.to_str().unwrap(),
            "--overview",
            "2024-02-18",
            "--out",
            "team.csv",
        ],
    );
    assert!(out.contains("highest risk first"), "{out}");
    let text = std::fs::read_to_string(dir.path().join("team.csv")).unwrap();
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    assert_eq!(rows.len(), 15);
    let rank = |band: &str| {
        ["high risk", "elevated", "under-loaded", "normal", ""]
            .iter()
            .position(|b| *b == band)
            .unwrap()
    };
    let ranks: Vec<usize> = rows.iter().map(|r| rank(r[5])).collect();
    assert!(
        ranks.windows(2).all(|w| w[0] <= w[1]),
        "sorted by risk: {ranks:?}"
    );
    let err = fails(
        dir.path(),
        &[
            "load",
            sample.to_str().unwrap(),
            "--bands",
            "1.5,1.3,0.8",
            "--out",
            "x.csv",
        ],
    );
    assert!(err.contains("three increasing"), "{err}");
    let err = fails(
        dir.path(),
        &[
            "load",
            sample.to_str().unwrap(),
            "--player",
            "Marcus Hail",
            "--out",
            "x.csv",
        ],
    );
    assert!(err.contains("\"Marcus Hail\""), "{err}");
}

#[test]
fn a_players_timeline_is_drawn_and_needs_one_player() {
    let root = manifest_dir();
    let dir = tempfile::tempdir().unwrap();
    let sample = root.join("sample-data/load.parquet");
    let s = sample.to_str().unwrap();
    ok(
        dir.path(),
        &[
            "load",
            s,
            "--player",
            "Noah Pierce",
            "--out",
            "pierce.png",
            "--width",
            "900",
            "--height",
            "500",
        ],
    );
    let img = image::open(dir.path().join("pierce.png")).unwrap();
    assert_eq!((img.width(), img.height()), (900, 500));
    ok(
        dir.path(),
        &["load", s, "--player", "Noah Pierce", "--out", "pierce.svg"],
    );
    let svg = std::fs::read_to_string(dir.path().join("pierce.svg")).unwrap();
    assert!(svg.contains("Noah Pierce · srpe") && svg.contains("not a diagnosis"));
    assert!(svg.contains("ACWR (EWMA 7:28)"));
    let err = fails(dir.path(), &["load", s, "--out", "all.png"]);
    assert!(err.contains("a timeline shows one player"), "{err}");
}

#[test]
fn team_and_weekly_charts_are_drawn() {
    let root = manifest_dir();
    let dir = tempfile::tempdir().unwrap();
    let sample = root.join("sample-data/load.parquet");
    let s = sample.to_str().unwrap();
    let out = ok(
        dir.path(),
        &[
            "load",
            s,
            "--chart",
            "team",
            "--from",
            "2024-03-01",
            "--to",
            "2024-03-31",
            "--out",
            "team.svg",
        ],
    );
    assert!(out.contains("15 players"), "{out}");
    let svg = std::fs::read_to_string(dir.path().join("team.svg")).unwrap();
    assert!(
        svg.contains("Team ACWR bands") && svg.contains("Noah Pierce") && svg.contains("high risk")
    );
    ok(
        dir.path(),
        &[
            "load",
            s,
            "--chart",
            "weekly",
            "--player",
            "Sam Okoro",
            "--out",
            "weekly.png",
            "--width",
            "800",
            "--height",
            "450",
        ],
    );
    let img = image::open(dir.path().join("weekly.png")).unwrap();
    assert_eq!((img.width(), img.height()), (800, 450));
    let err = fails(
        dir.path(),
        &["load", s, "--overview", "2024-02-18", "--out", "team.png"],
    );
    assert!(err.contains(".csv"), "{err}");
}

/// The rows of a CSV `load` wrote, without its header.
fn csv_rows(path: &std::path::Path) -> Vec<Vec<String>> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

#[test]
fn a_date_window_only_chooses_the_rows_of_the_full_series() {
    let Some(shared) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let catapult = shared.join("catapult");
    let c = catapult.to_str().unwrap();
    let args = |out: &'static str, from: Option<&'static str>| {
        let mut a = vec!["load", c, "--measure", "player_load", "--out", out];
        a.extend(from.map(|f| ["--from", f]).into_iter().flatten());
        a
    };
    ok(dir.path(), &args("full.csv", None));
    let full = csv_rows(&dir.path().join("full.csv"));
    for from in ["2019-02-01", "2019-01-15"] {
        ok(dir.path(), &args("window.csv", Some(from)));
        let window = csv_rows(&dir.path().join("window.csv"));
        // Dates are ISO, so text order is date order.
        let expected: Vec<&Vec<String>> = full.iter().filter(|r| r[1].as_str() >= from).collect();
        assert_eq!(window.len(), expected.len(), "--from {from}");
        for (w, e) in window.iter().zip(&expected) {
            assert_eq!(&w, e, "--from {from}");
        }
    }
    // Ann's history starts with her first session, so her warm-up does too: on 02-19 she is
    // on day 7 of it, with an ACWR of 1.14 (normal), not 2.12.
    let ann: Vec<&Vec<String>> = full.iter().filter(|r| r[0] == "Ann").collect();
    assert_eq!(ann[0][1], "2019-02-13");
    assert_eq!(ann[0][11], "true", "warm-up from her first day");
    let day = ann.iter().find(|r| r[1] == "2019-02-19").unwrap();
    assert_eq!(
        (&day[5][..4], day[11].as_str(), day[12].as_str()),
        ("1.14", "true", "normal")
    );
    // Every player runs to the folder's last day, rest days 0.
    let raw = raw_catapult_rows(&catapult);
    let last = raw.iter().map(|r| r.0).max().unwrap().to_string();
    let players: std::collections::BTreeSet<&str> = raw.iter().map(|r| r.1.as_str()).collect();
    for p in &players {
        let own: Vec<&Vec<String>> = full.iter().filter(|r| r[0] == *p).collect();
        assert_eq!(own.last().unwrap()[1], last, "{p}");
    }
}

#[test]
fn the_overview_keeps_players_who_have_not_trained() {
    let Some(shared) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let catapult = shared.join("catapult");
    let out = ok(
        dir.path(),
        &[
            "load",
            catapult.to_str().unwrap(),
            "--measure",
            "player_load",
            "--overview",
            "2019-02-21",
            "--out",
            "team.csv",
        ],
    );
    let rows = csv_rows(&dir.path().join("team.csv"));
    // Days since each player's last session on or before 02-21, from the raw exports.
    let day = chrono::NaiveDate::from_ymd_opt(2019, 2, 21).unwrap();
    let raw = raw_catapult_rows(&catapult);
    let mut last: std::collections::BTreeMap<&str, chrono::NaiveDate> = Default::default();
    for r in raw.iter().filter(|r| r.0 <= day) {
        let e = last.entry(r.1.as_str()).or_insert(r.0);
        *e = (*e).max(r.0);
    }
    assert_eq!(last.len(), 11);
    assert_eq!(rows.len(), 11, "every player with a session by then");
    let header = std::fs::read_to_string(dir.path().join("team.csv")).unwrap();
    let header: Vec<&str> = header.lines().next().unwrap().split(',').collect();
    let at = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (since, stale) = (at("days_since_session"), at("no_recent_data"));
    let mut absent: Vec<i64> = Vec::new();
    for r in &rows {
        let expected = (day - last[r[0].as_str()]).num_days();
        assert_eq!(r[since], expected.to_string(), "{}", r[0]);
        assert_eq!(r[stale], (expected >= 7).to_string(), "{}", r[0]);
        if expected > 0 {
            absent.push(expected);
        }
    }
    absent.sort();
    assert_eq!(absent, [4, 12], "the two who had not trained");
    // The one with no session for 12 days comes last, after the bands.
    assert_eq!(rows.last().unwrap()[since], "12");
    assert!(
        out.contains("no recent data (last session 12 days before)"),
        "{out}"
    );
}

#[test]
fn days_in_bands_add_up_over_the_range() {
    let root = manifest_dir();
    let sample = root.join("sample-data/load.parquet");
    let (high, _) = check_band_days(
        &[sample.to_str().unwrap()],
        ("2024-02-01", "2024-02-29"),
        15,
    );
    assert!(high[0] > 0, "the sample's spike shows");
    // Ann's and Tom's warm-up days fall in February on the Catapult folder.
    let Some(shared) = shared_data() else { return };
    let catapult = shared.join("catapult");
    let c = catapult.to_str().unwrap();
    let (_, warm) = check_band_days(
        &[c, "--measure", "player_load"],
        ("2019-02-01", "2019-02-28"),
        11,
    );
    assert!(warm > 0, "warm-up days are counted apart");
}

/// Checks `load --band-days` against the daily table of the same range; returns the high
/// risk column and the warm-up days.
fn check_band_days(source: &[&str], (from, to): (&str, &str), players: usize) -> (Vec<u32>, u32) {
    let dir = tempfile::tempdir().unwrap();
    let run = |extra: &[&str], out: &str| {
        let mut a = vec!["load"];
        a.extend(source);
        a.extend(["--from", from, "--to", to, "--out", out]);
        a.extend(extra);
        ok(dir.path(), &a);
    };
    run(&[], "daily.csv");
    run(&["--band-days"], "bands.csv");
    let daily = csv_rows(&dir.path().join("daily.csv"));
    let bands = csv_rows(&dir.path().join("bands.csv"));
    assert_eq!(bands.len(), players);
    let warm: u32 = bands.iter().map(|b| b[8].parse::<u32>().unwrap()).sum();
    for b in &bands {
        let own: Vec<&Vec<String>> = daily.iter().filter(|r| r[0] == b[0]).collect();
        // Warm-up days apart; the rest by band.
        let count = |band: &str| {
            own.iter()
                .filter(|r| r[11] == "false" && r[12] == band)
                .count()
                .to_string()
        };
        assert_eq!(b[1], own.len().to_string(), "{}", b[0]);
        assert_eq!(
            [&b[3], &b[4], &b[5], &b[6], &b[7]],
            [
                &count("high risk"),
                &count("elevated"),
                &count("normal"),
                &count("under-loaded"),
                &count("")
            ],
            "{}",
            b[0]
        );
        let warm = own.iter().filter(|r| r[11] == "true").count().to_string();
        assert_eq!(b[8], warm, "{}", b[0]);
        let sum: u32 = b[3..=8].iter().map(|v| v.parse::<u32>().unwrap()).sum();
        assert_eq!(
            sum.to_string(),
            b[1],
            "{}: the columns add up to the days",
            b[0]
        );
    }
    // The most days at high risk first.
    let high: Vec<u32> = bands.iter().map(|b| b[3].parse().unwrap()).collect();
    assert!(high.windows(2).all(|w| w[0] >= w[1]), "{high:?}");
    (high, warm)
}

#[test]
fn dates_outside_the_data_are_said_not_guessed() {
    let root = manifest_dir();
    let dir = tempfile::tempdir().unwrap();
    let sample = root.join("sample-data/load.parquet");
    let s = sample.to_str().unwrap();
    for (args, says) in [
        (
            vec!["--from", "2030-01-01", "--out", "x.csv"],
            "the data runs from 2023-",
        ),
        (
            vec![
                "--from",
                "2024-03-01",
                "--to",
                "2024-02-01",
                "--out",
                "x.csv",
            ],
            "after it ends on 2024-02-01",
        ),
        (
            vec!["--overview", "2030-01-01", "--out", "x.csv"],
            "no load data on 2030-01-01",
        ),
        (
            vec![
                "--overview",
                "2024-03-01",
                "--from",
                "2024-02-01",
                "--out",
                "x.csv",
            ],
            "--overview shows one day",
        ),
        (
            vec![
                "--player",
                "Noah Pierce",
                "--day",
                "2030-01-01",
                "--out",
                "x.png",
            ],
            "--day 2030-01-01: no load data that day",
        ),
    ] {
        let mut a = vec!["load", s];
        a.extend(&args);
        let err = fails(dir.path(), &a);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    // A window that starts before the data draws the days the data has.
    let out = ok(
        dir.path(),
        &[
            "load",
            s,
            "--chart",
            "team",
            "--from",
            "1990-01-01",
            "--out",
            "team.svg",
        ],
    );
    assert!(out.contains("from 2023-"), "{out}");
}
