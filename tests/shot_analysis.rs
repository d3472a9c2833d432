//! `courtside zones`: the league and player oracles of SPEC 4, baselines, custom zones.

mod common;

use std::path::Path;

use common::*;
use courtside::format::thousands;

/// One row of a zones CSV: (zone, fga, fgm, fg_pct, baseline_fg_pct, fg_pct_diff).
type Row = (String, u64, u64, f64, Option<f64>, Option<f64>);

/// A zones CSV's rows.
fn read_zones(path: &Path) -> Vec<Row> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "zone,fga,fgm,fg_pct,pts_per_shot,efg_pct,share,baseline_fg_pct,fg_pct_diff,baseline,baseline_shots"
        )
    );
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let opt = |s: &str| (!s.is_empty()).then(|| s.parse().unwrap());
            (
                f[0].to_string(),
                f[1].parse().unwrap(),
                f[2].parse().unwrap(),
                f[3].parse().unwrap(),
                opt(f[7]),
                opt(f[8]),
            )
        })
        .collect()
}

fn row<'a>(rows: &'a [Row], zone: &str) -> &'a Row {
    rows.iter()
        .find(|r| r.0 == zone)
        .unwrap_or_else(|| panic!("no {zone} row"))
}

#[test]
fn league_zone_table_matches_spec_4() {
    let Some(shared) = shared_data() else { return };
    let csv = shared.join("nba-shots/NBA_2024_Shots.csv");
    let dir = tempfile::tempdir().unwrap();
    ok(
        dir.path(),
        &["zones", csv.to_str().unwrap(), "--out", "z.csv"],
    );
    let rows = read_zones(&dir.path().join("z.csv"));
    let ra = row(&rows, "Restricted Area");
    assert_eq!((ra.1, ra.2), (64_669, 42_884));
    assert_eq!(ra.3, 0.6631);
    let atb = row(&rows, "Above the Break 3");
    assert_eq!(atb.1, 63_770);
    assert!((atb.3 - 0.360).abs() < 0.0005, "{}", atb.3);
    assert_eq!(rows.iter().map(|r| r.1).sum::<u64>(), 218_701);
    // Zones spelled exactly as SPEC 3.3, in its order.
    let zones: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        zones,
        [
            "Restricted Area",
            "In The Paint (Non-RA)",
            "Mid-Range",
            "Left Corner 3",
            "Right Corner 3",
            "Above the Break 3",
            "Backcourt"
        ]
    );
    // Compared with the league by default: the whole season is its own league.
    assert!(
        rows.iter().all(|r| r.4 == Some(r.3) && r.5 == Some(0.0)),
        "the league compared with itself"
    );
    assert_eq!(
        baseline_of(&dir.path().join("z.csv")),
        ("league 2023-24".into(), "218701".into())
    );
}

#[test]
fn curry_shoots_650_of_1445_and_357_of_876_from_three() {
    let Some(shared) = shared_data() else { return };
    let csv = shared.join("nba-shots/NBA_2024_Shots.csv");
    let dir = tempfile::tempdir().unwrap();
    let out = ok(
        dir.path(),
        &[
            "zones",
            csv.to_str().unwrap(),
            "--player",
            "Stephen Curry",
            "--baseline",
            "league",
            "--out",
            "c.csv",
        ],
    );
    assert!(out.contains("Stephen Curry — 1,445 shots"), "{out}");
    let rows = read_zones(&dir.path().join("c.csv"));
    assert_eq!(rows.iter().map(|r| r.1).sum::<u64>(), 1445);
    assert_eq!(rows.iter().map(|r| r.2).sum::<u64>(), 650);
    let threes = [
        "Left Corner 3",
        "Right Corner 3",
        "Above the Break 3",
        "Backcourt",
    ];
    let (a, m) = rows
        .iter()
        .filter(|r| threes.contains(&r.0.as_str()))
        .fold((0, 0), |(a, m), r| (a + r.1, m + r.2));
    assert_eq!((m, a), (357, 876));
    // Against the league: his above-the-break FG% minus the league's .3597.
    let atb = row(&rows, "Above the Break 3");
    assert_eq!(atb.4, Some(0.3597));
    assert!((atb.5.unwrap() - (315.0 / 796.0 - 22_939.0 / 63_770.0)).abs() < 1e-4);
}

#[test]
fn a_baseline_file_is_aggregated_to_the_grouping() {
    let Some(shared) = shared_data() else { return };
    let csv = shared.join("nba-shots/NBA_2024_Shots.csv");
    let base = shared.join("nba-shots/league_avg_2024_by_zone.csv");
    let dir = tempfile::tempdir().unwrap();
    for by in ["basic", "range", "area"] {
        ok(
            dir.path(),
            &[
                "zones",
                csv.to_str().unwrap(),
                "--by",
                by,
                "--baseline",
                base.to_str().unwrap(),
                "--out",
                "z.csv",
            ],
        );
        // The file is the same season: every zone's difference against it is 0.
        for r in read_zones(&dir.path().join("z.csv")) {
            let diff =
                r.5.unwrap_or_else(|| panic!("{by}: {} has no baseline", r.0));
            assert!(diff.abs() < 1e-3, "{by}: {} differs by {diff}", r.0);
        }
    }
    // By range: Less Than 8 ft. = RA (64,669) + paint < 8 ft (25,865) in the file.
    ok(
        dir.path(),
        &[
            "zones",
            csv.to_str().unwrap(),
            "--by",
            "range",
            "--out",
            "r.csv",
        ],
    );
    assert_eq!(
        row(&read_zones(&dir.path().join("r.csv")), "Less Than 8 ft.").1,
        90_534
    );
}

#[test]
fn unknown_names_suggest_the_closest() {
    let root = common::manifest_dir();
    let err = fails(
        &root,
        &[
            "zones",
            "sample-data/shots.parquet",
            "--player",
            "Marcus Hail",
            "--out",
            "/tmp/never.csv",
        ],
    );
    assert!(
        err.contains("no player named \"Marcus Hail\"") && err.contains("\"Marcus Hale\""),
        "{err}"
    );
    let err = fails(
        &root,
        &[
            "zones",
            "sample-data/shots.parquet",
            "--zone",
            "Left Corner",
            "--out",
            "/tmp/never.csv",
        ],
    );
    assert!(err.contains("\"Left Corner 3\""), "{err}");
    assert!(!Path::new("/tmp/never.csv").exists());
}

#[test]
fn custom_zones_from_a_file() {
    let root = common::manifest_dir();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("zones.toml"),
        "[[zone]]\nname = \"Left wing\"\npoints = [[-25.0, 9.0], [-8.0, 9.0], [-8.0, 30.0], [-25.0, 30.0]]\n\n\
         [[zone]]\nname = \"Right wing\"\npoints = [[25.0, 9.0], [8.0, 9.0], [8.0, 30.0], [25.0, 30.0]]\n",
    )
    .unwrap();
    let shots = root.join("sample-data/shots.parquet");
    ok(
        dir.path(),
        &[
            "zones",
            shots.to_str().unwrap(),
            "--by",
            "custom",
            "--zones-file",
            "zones.toml",
            "--baseline",
            "league",
            "--out",
            "z.csv",
        ],
    );
    let rows = read_zones(&dir.path().join("z.csv"));
    let names: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(names, ["Left wing", "Right wing", "Other"]);
    // Saved in the workspace, they need no flag.
    std::fs::rename(
        dir.path().join("zones.toml"),
        dir.path().join("courtside-zones.toml"),
    )
    .unwrap();
    ok(
        dir.path(),
        &[
            "zones",
            shots.to_str().unwrap(),
            "--by",
            "custom",
            "--out",
            "w.csv",
        ],
    );
    assert_eq!(read_zones(&dir.path().join("w.csv")).len(), 3);
    // The whole table against itself: no difference anywhere.
    assert!(rows.iter().all(|r| r.5 == Some(0.0)));
}

#[test]
fn another_player_or_other_dates_can_be_the_baseline() {
    let root = common::manifest_dir();
    let dir = tempfile::tempdir().unwrap();
    let shots = root.join("sample-data/shots.parquet");
    let s = shots.to_str().unwrap();
    // A player against himself: no difference in any zone.
    ok(
        dir.path(),
        &[
            "zones",
            s,
            "--player",
            "Marcus Hale",
            "--baseline",
            "player:Marcus Hale",
            "--out",
            "a.csv",
        ],
    );
    assert!(
        read_zones(&dir.path().join("a.csv"))
            .iter()
            .all(|r| r.5 == Some(0.0))
    );
    // Against another player: his own figures are the baseline column.
    ok(
        dir.path(),
        &["zones", s, "--player", "Marcus Hale", "--out", "okafor.csv"],
    );
    ok(
        dir.path(),
        &[
            "zones",
            s,
            "--player",
            "Dante Okafor",
            "--out",
            "okafor-own.csv",
        ],
    );
    ok(
        dir.path(),
        &[
            "zones",
            s,
            "--player",
            "Marcus Hale",
            "--baseline",
            "player:Dante Okafor",
            "--out",
            "b.csv",
        ],
    );
    let own = read_zones(&dir.path().join("okafor-own.csv"));
    let vs = read_zones(&dir.path().join("b.csv"));
    let ra_okafor = row(&own, "Restricted Area").3;
    assert_eq!(row(&vs, "Restricted Area").4, Some(ra_okafor));
    // The same player over the first two months.
    ok(
        dir.path(),
        &[
            "zones",
            s,
            "--player",
            "Marcus Hale",
            "--baseline",
            "dates:2023-10-24..2023-12-31",
            "--out",
            "c.csv",
        ],
    );
    assert!(
        read_zones(&dir.path().join("c.csv"))
            .iter()
            .any(|r| r.5.is_some_and(|d| d != 0.0))
    );
    let err = fails(
        dir.path(),
        &["zones", s, "--baseline", "dates:October", "--out", "d.csv"],
    );
    assert!(err.contains("dates:YYYY-MM-DD..YYYY-MM-DD"), "{err}");
    let err = fails(
        dir.path(),
        &[
            "zones",
            s,
            "--baseline",
            "player:Dante Okafr",
            "--out",
            "d.csv",
        ],
    );
    assert!(err.contains("\"Dante Okafor\""), "{err}");
}

/// The (baseline, baseline_shots) columns of a zones CSV's first row.
fn baseline_of(path: &Path) -> (String, String) {
    let text = std::fs::read_to_string(path).unwrap();
    let f: Vec<String> = text
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .map(str::to_string)
        .collect();
    (f[9].clone(), f[10].clone())
}

#[test]
fn one_game_is_compared_with_the_seasons_league() {
    let root = manifest_dir();
    let dir = tempfile::tempdir().unwrap();
    let sample = root.join("sample-data/shots.parquet");
    let s = sample.to_str().unwrap();
    let team = "Bay City Breakers";
    // The season, and the Breakers' season, without a baseline.
    ok(dir.path(), &["zones", s, "--out", "season.csv"]);
    ok(
        dir.path(),
        &["zones", s, "--team", team, "--out", "ours.csv"],
    );
    let season = read_zones(&dir.path().join("season.csv"));
    let ours = read_zones(&dir.path().join("ours.csv"));
    let total: u64 = season.iter().map(|r| r.1).sum();
    assert_eq!(total, 14_692);
    let game = ["--team", team, "--from", "2023-10-27", "--to", "2023-10-27"];
    let mut args = vec!["zones", s];
    args.extend(game);
    args.extend(["--baseline", "league", "--out", "game.csv"]);
    let out = ok(dir.path(), &args);
    assert!(out.contains("vs league 2023-24, 14,692 shots"), "{out}");
    let rows = read_zones(&dir.path().join("game.csv"));
    // At the rim: the season's league rate, 3,006 of 4,546 (66.1 %), not that night's.
    let ra = row(&rows, "Restricted Area");
    assert_eq!(row(&season, "Restricted Area").3, 0.6612);
    assert_eq!(ra.4, Some(0.6612));
    assert_eq!(
        baseline_of(&dir.path().join("game.csv")),
        ("league 2023-24".into(), "14692".into())
    );
    // Without the Breakers: the season's shots less theirs.
    let mut args = vec!["zones", s];
    args.extend(game);
    args.extend(["--baseline", "league-excluding-us", "--out", "others.csv"]);
    let out = ok(dir.path(), &args);
    let theirs: u64 = ours.iter().map(|r| r.1).sum();
    let others = thousands(total - theirs);
    assert!(
        out.contains(&format!(
            "vs league 2023-24 excluding {team}, {others} shots"
        )),
        "{out}"
    );
    let (sra, ora) = (
        row(&season, "Restricted Area"),
        row(&ours, "Restricted Area"),
    );
    let expected = (sra.2 - ora.2) as f64 / (sra.1 - ora.1) as f64;
    let got = row(
        &read_zones(&dir.path().join("others.csv")),
        "Restricted Area",
    )
    .4;
    assert!(
        (got.unwrap() - expected).abs() < 5e-5,
        "{got:?} vs {expected}"
    );
    // The chart names its baseline in the subtitle.
    let mut args = vec!["shots", s];
    args.extend(game);
    args.extend(["--chart", "zones", "--out", "game.svg"]);
    ok(dir.path(), &args);
    let svg = std::fs::read_to_string(dir.path().join("game.svg")).unwrap();
    assert!(
        svg.contains("vs league 2023-24, 14,692 shots"),
        "the subtitle names it"
    );
}

#[test]
fn one_nba_game_is_compared_with_the_seasons_league() {
    let Some(shared) = shared_data() else { return };
    let csv = shared.join("nba-shots/NBA_2024_Shots.csv");
    let dir = tempfile::tempdir().unwrap();
    let out = ok(
        dir.path(),
        &[
            "zones",
            csv.to_str().unwrap(),
            "--team",
            "Boston Celtics",
            "--from",
            "2023-10-25",
            "--to",
            "2023-10-25",
            "--baseline",
            "league",
            "--out",
            "g.csv",
        ],
    );
    assert!(out.contains("vs league 2023-24, 218,701 shots"), "{out}");
    let rows = read_zones(&dir.path().join("g.csv"));
    // SPEC 4: the league's restricted area, 42,884 of 64,669.
    assert_eq!(row(&rows, "Restricted Area").4, Some(0.6631));
    assert_eq!(
        baseline_of(&dir.path().join("g.csv")),
        ("league 2023-24".into(), "218701".into())
    );
}

/// Zone tables of a Parquet file are counted from its dictionary codes (a tally) where the
/// file allows it; they must read exactly as the rows do. Hand-counted: RA 3 FGA 2 FGM, the
/// mid-range shot, three above the break (one a two by its shot type), one left corner
/// three of another season, and one shot without a result (left out).
#[test]
fn zone_tables_from_a_tally_of_parquet_codes_match_the_rows() {
    use courtside::analysis::shots::{ShotFilter, ZoneBy};
    use courtside::request::shots::Sources;
    let dir = tempfile::tempdir().unwrap();
    let header =
        "game_id,game_date,team,player,season,period,x_ft,y_ft,made,zone_basic,shot_value\n";
    let rows = "\
        1,2024-01-02,BCB,Ann Lee,2023-24,1,0.5,1.0,true,Restricted Area,2\n\
        1,2024-01-02,BCB,Ann Lee,2023-24,1,-1.0,2.0,false,Restricted Area,2\n\
        1,2024-01-02,BCB,Bo Chu,2023-24,2,1.0,0.0,true,Restricted Area,2\n\
        1,2024-01-02,BCB,Bo Chu,2023-24,2,15.0,10.0,true,Mid-Range,2\n\
        2,2024-01-05,BCB,Ann Lee,2023-24,3,0.0,25.0,true,Above the Break 3,3\n\
        2,2024-01-05,BCB,Ann Lee,2023-24,3,3.0,25.0,false,Above the Break 3,3\n\
        2,2024-01-05,BCB,Bo Chu,2023-24,4,-3.0,24.5,true,Above the Break 3,2\n\
        3,2023-01-05,BCB,Bo Chu,2022-23,4,-22.0,0.0,true,Left Corner 3,3\n\
        3,2023-01-05,BCB,Bo Chu,2022-23,4,0.0,3.0,,Restricted Area,2\n";
    std::fs::write(dir.path().join("shots.csv"), format!("{header}{rows}")).unwrap();
    ok(
        dir.path(),
        &["convert", "shots.csv", "--out", "shots.parquet"],
    );
    let parquet = dir.path().join("shots.parquet");
    let tables = courtside::data::open(&parquet, &Default::default()).unwrap();
    let shots = courtside::data::table::union(&tables).unwrap();
    let sources = Sources(Some(&tables));
    let league = ShotFilter::default();
    assert!(
        sources
            .tally(&shots, &league, &ZoneBy::Basic, &[])
            .is_some(),
        "the league is counted from the tally"
    );
    let one_player = ShotFilter {
        players: vec!["Ann Lee".into()],
        ..Default::default()
    };
    assert!(
        sources
            .tally(&shots, &one_player, &ZoneBy::Basic, &[])
            .is_none()
    );

    for args in [
        &["--baseline", "none"][..],
        &[][..],
        &["--season", "2023-24"][..],
        &["--by", "range", "--baseline", "none"][..],
        &["--made", "--period", "4"][..],
    ] {
        let run = |input: &str, out: &str| {
            let mut a = vec!["zones", input, "--out", out];
            a.extend(args);
            ok(dir.path(), &a);
            std::fs::read_to_string(dir.path().join(out)).unwrap()
        };
        let (from_rows, from_tally) = (
            run("shots.csv", "rows.csv"),
            run("shots.parquet", "tally.csv"),
        );
        assert_eq!(from_tally, from_rows, "zones {args:?}");
    }
    ok(
        dir.path(),
        &[
            "zones",
            "shots.parquet",
            "--baseline",
            "none",
            "--out",
            "z.csv",
        ],
    );
    let z = read_zones(&dir.path().join("z.csv"));
    let counts: Vec<(&str, u64, u64)> = z.iter().map(|r| (r.0.as_str(), r.1, r.2)).collect();
    assert_eq!(
        counts,
        [
            ("Restricted Area", 3, 2),
            ("Mid-Range", 1, 1),
            ("Left Corner 3", 1, 1),
            ("Above the Break 3", 3, 2),
        ]
    );
    let text = std::fs::read_to_string(dir.path().join("z.csv")).unwrap();
    // Above the break: 2 made, one of them a three by its type: 5 points, eFG% (2 + 0.5) / 3.
    assert!(
        text.contains("Above the Break 3,3,2,0.6667,1.6667,0.8333,"),
        "{text}"
    );

    // A shot without coordinates: the footer's statistics rule out the tally, and the rows
    // answer (the shot is left out and said).
    std::fs::write(
        dir.path().join("gap.csv"),
        format!("{header}{rows}4,2024-02-01,BCB,Bo Chu,2023-24,1,,,true,Mid-Range,2\n"),
    )
    .unwrap();
    ok(dir.path(), &["convert", "gap.csv", "--out", "gap.parquet"]);
    let gap = courtside::data::open(&dir.path().join("gap.parquet"), &Default::default()).unwrap();
    let gap_shots = courtside::data::table::union(&gap).unwrap();
    assert!(
        Sources(Some(&gap))
            .tally(&gap_shots, &league, &ZoneBy::Basic, &[])
            .is_none()
    );
    let out = courtside(
        dir.path(),
        &[
            "zones",
            "gap.parquet",
            "--baseline",
            "none",
            "--out",
            "g.csv",
        ],
    );
    assert!(out.status.success());
    assert!(
        stderr(&out).contains(
            "2 selected rows left out: 1 with no readable court coordinates (x_ft, y_ft), 1 \
             with no readable result (made)"
        ),
        "{}",
        stderr(&out)
    );
    let g = read_zones(&dir.path().join("g.csv"));
    assert_eq!((row(&g, "Mid-Range").1, row(&g, "Mid-Range").2), (1, 1));
}

/// The shared 2023-24 log as pandas users store it (the NBA's columns in Parquet): its
/// league table, counted from the tally, reads exactly as the CSV's, baseline and all.
#[test]
fn the_nba_log_in_parquet_counts_from_its_codes_as_the_csv_does() {
    use polars::prelude::*;
    let Some(shared) = shared_data() else { return };
    let csv = shared.join("nba-shots/NBA_2024_Shots.csv");
    let dir = tempfile::tempdir().unwrap();
    let parquet = dir.path().join("shots.parquet");
    let mut df = CsvReadOptions::default()
        .with_has_header(true)
        .try_into_reader_with_file_path(Some(csv.clone()))
        .unwrap()
        .finish()
        .unwrap();
    ParquetWriter::new(std::fs::File::create(&parquet).unwrap())
        .finish(&mut df)
        .unwrap();
    let tables = courtside::data::open(&parquet, &Default::default()).unwrap();
    let shots = courtside::data::table::union(&tables).unwrap();
    assert!(
        courtside::request::shots::Sources(Some(&tables))
            .tally(
                &shots,
                &Default::default(),
                &courtside::analysis::shots::ZoneBy::Basic,
                &[]
            )
            .is_some()
    );
    for args in [&[][..], &["--by", "area", "--period", "4"][..]] {
        let run = |input: &str, out: &str| {
            let mut a = vec!["zones", input, "--out", out];
            a.extend(args);
            ok(dir.path(), &a);
            std::fs::read_to_string(dir.path().join(out)).unwrap()
        };
        let from_csv = run(csv.to_str().unwrap(), "csv.csv");
        assert_eq!(run("shots.parquet", "parquet.csv"), from_csv, "{args:?}");
    }
    let rows = read_zones(&dir.path().join("parquet.csv"));
    // DuckDB: SELECT count(*) FROM read_csv('NBA_2024_Shots.csv') WHERE QUARTER = 4
    assert_eq!(
        rows.iter().map(|r| r.1).sum::<u64>(),
        51_983,
        "the fourth quarters' shots"
    );
}
