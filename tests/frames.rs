//! Coordinate frames are checked, not assumed (issue 15): a shot log whose coordinates are
//! scaled, shifted or mirrored is told, per season, with the fix; the fix is accepted on the
//! command line or saved with the mapping; real files raise no alarm.

mod common;

use std::path::Path;

use common::*;
use courtside::data::{self, OpenOptions, frame::CoordFix, quality};
use polars::prelude::*;

/// A copy of an NBA shot log CSV with LOC_X and LOC_Y rewritten, optionally without its zone
/// label columns (the log has no quoted fields).
fn rewrite(
    from: &Path,
    to: &Path,
    labels: bool,
    f: impl Fn(f64, f64) -> (f64, f64),
) -> std::io::Result<()> {
    let text = std::fs::read_to_string(from)?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let at = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (ix, iy) = (at("LOC_X"), at("LOC_Y"));
    let dropped: Vec<usize> = if labels {
        Vec::new()
    } else {
        ["BASIC_ZONE", "ZONE_NAME", "ZONE_ABB", "ZONE_RANGE"]
            .iter()
            .map(|n| at(n))
            .collect()
    };
    let keep = |i: &usize| !dropped.contains(i);
    let mut out = String::with_capacity(text.len());
    let head: Vec<&str> = (0..header.len()).filter(keep).map(|i| header[i]).collect();
    out.push_str(&head.join(","));
    out.push('\n');
    for line in lines {
        let mut fields: Vec<String> = line.split(',').map(str::to_string).collect();
        let (x, y) = f(fields[ix].parse().unwrap(), fields[iy].parse().unwrap());
        fields[ix] = format!("{x:.4}");
        fields[iy] = format!("{y:.4}");
        let row: Vec<&str> = (0..fields.len())
            .filter(keep)
            .map(|i| fields[i].as_str())
            .collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    std::fs::write(to, out)
}

/// The log: x and y divided by ten, y then shifted (as if `LOC_Y / 10 + 5.25`).
fn tenths(x: f64, y: f64) -> (f64, f64) {
    (x / 10.0, y / 10.0 + 5.25)
}

fn frame_of(path: &Path, fixes: Vec<CoordFix>) -> quality::Inspection {
    let opts = OpenOptions {
        fixes,
        ..Default::default()
    };
    let tables = data::open(path, &opts).unwrap();
    quality::inspect(&tables[0]).unwrap()
}

fn coordinates(path: &Path, fixes: Vec<CoordFix>) -> DataFrame {
    let opts = OpenOptions {
        fixes,
        ..Default::default()
    };
    let t = data::open(path, &opts).unwrap().remove(0);
    t.lazy()
        .select([col("x_ft"), col("y_ft")])
        .collect()
        .unwrap()
}

#[test]
fn a_scaled_copy_of_the_shared_log_is_told_with_its_fix_and_the_fix_restores_it() {
    let Some(shared) = shared_data() else { return };
    let original = shared.join("nba-shots/NBA_2024_Shots.csv");
    let dir = tempfile::tempdir().unwrap();
    let scaled = dir.path().join("scaled.csv");
    rewrite(&original, &scaled, false, tenths).unwrap();

    // inspect: the finding, its fix, and the flag that applies it.
    let found = frame_of(&scaled, Vec::new()).frame.unwrap();
    assert_eq!(found.findings.len(), 1, "{found:?}");
    let f = &found.findings[0];
    assert_eq!(
        f.fix,
        Some("scale=10,y=-5.25".parse::<CoordFix>().unwrap()),
        "{f:?}"
    );
    // Judged on a sample of about one row in five.
    let (sampled, rows) = found.sampled.unwrap();
    assert_eq!(rows, 218_701);
    assert!((40_000..48_000).contains(&sampled), "{sampled}");
    assert_eq!(f.shots, sampled);
    let text = ok(dir.path(), &["inspect", scaled.to_str().unwrap()]);
    assert!(
        text.contains("disagree with the source's own two- and three-point values")
            && text.contains("×10, y −5.25 ft, they agree on"),
        "{text}"
    );
    assert!(text.contains("--fix-coords scale=10,y=-5.25"), "{text}");
    let json = inspect_json(dir.path(), &[scaled.to_str().unwrap()]);
    assert_eq!(json[0]["frame"]["findings"][0]["fix"]["scale"], 10.0);
    assert_eq!(json[0]["frame"]["findings"][0]["fix"]["shift_y_ft"], -5.25);

    // Every command says it too, before it answers.
    let out = dir.path().join("zones.csv");
    let args = [
        "zones",
        scaled.to_str().unwrap(),
        "--team",
        "Boston Celtics",
        "--out",
        out.to_str().unwrap(),
    ];
    let o = courtside(dir.path(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("warning: ") && stderr(&o).contains("--fix-coords scale=10,y=-5.25"),
        "{}",
        stderr(&o)
    );

    // With the fix, the coordinates are the original's to the last bit, and nothing is said.
    let fix: CoordFix = "scale=10,y=-5.25".parse().unwrap();
    assert_eq!(
        coordinates(&scaled, vec![fix.clone()]),
        coordinates(&original, Vec::new())
    );
    let mut fixed_args = vec!["--fix-coords", "scale=10,y=-5.25"];
    fixed_args.extend_from_slice(&args);
    let o = courtside(dir.path(), &fixed_args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    assert!(
        frame_of(&scaled, vec![fix])
            .frame
            .unwrap()
            .findings
            .is_empty()
    );

    // Saved with the mapping, the file opens fixed: the mapping says so, inspect is clean.
    ok(
        dir.path(),
        &[
            "map",
            scaled.to_str().unwrap(),
            "--fix-coords",
            "scale=10,y=-5.25",
        ],
    );
    let text = ok(dir.path(), &["inspect", scaled.to_str().unwrap()]);
    assert!(text.contains("[fixed: ×10, y −5.25 ft]"), "{text}");
    assert!(!text.contains("--fix-coords"), "{text}");
    // And taken back.
    ok(
        dir.path(),
        &["map", scaled.to_str().unwrap(), "--fix-coords", "scale=1"],
    );
    let text = ok(dir.path(), &["inspect", scaled.to_str().unwrap()]);
    assert!(text.contains("--fix-coords scale=10,y=-5.25"), "{text}");
}

#[test]
fn labelled_copies_are_judged_by_their_own_labels() {
    let Some(shared) = shared_data() else { return };
    let original = shared.join("nba-shots/NBA_2024_Shots.csv");
    let dir = tempfile::tempdir().unwrap();

    let scaled = dir.path().join("scaled.csv");
    rewrite(&original, &scaled, true, tenths).unwrap();
    let check = frame_of(&scaled, Vec::new()).frame.unwrap();
    assert_eq!(check.findings.len(), 1, "{check:?}");
    assert_eq!(
        check.findings[0].fix,
        Some("scale=10,y=-5.25".parse().unwrap())
    );
    // Under the fix, the labels agree as they do on the original.
    assert!(check.labels[0].share() < 0.002, "{:?}", check.labels);

    // Left and right swapped: the spread cannot tell, the labels can.
    let mirrored = dir.path().join("mirrored.csv");
    rewrite(&original, &mirrored, true, |x, y| (-x, y)).unwrap();
    let check = frame_of(&mirrored, Vec::new()).frame.unwrap();
    assert_eq!(check.findings.len(), 1, "{check:?}");
    assert_eq!(check.findings[0].fix, Some("mirror".parse().unwrap()));
    assert!(check.findings[0].problem.contains("disagree"), "{check:?}");

    // Labels that disagree on more than 1 % without a frame that explains them: said, with
    // the share. One shot in 40 moved 8 ft sideways.
    let noisy = dir.path().join("noisy.csv");
    let n = std::cell::Cell::new(0u32);
    rewrite(&original, &noisy, true, |x, y| {
        n.set(n.get() + 1);
        if n.get().is_multiple_of(40) {
            (x + 8.0, y)
        } else {
            (x, y)
        }
    })
    .unwrap();
    let i = frame_of(&noisy, Vec::new());
    let check = i.frame.unwrap();
    assert_eq!(check.findings.len(), 1, "{check:?}");
    assert_eq!(check.findings[0].fix, None);
    let share = check.labels[0].share();
    assert!((0.01..0.03).contains(&share), "{share}");
    assert!(
        i.problems
            .iter()
            .any(|p| p.contains("zone labels disagree")),
        "{:?}",
        i.problems
    );
}

#[test]
fn one_scaled_season_of_an_archive_is_told_for_that_season_or_file_only() {
    let Some(shared) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    // 2023-24 as published, 2015-16 ten times too small, from the baseline.
    std::fs::copy(
        shared.join("nba-shots/NBA_2024_Shots.csv"),
        archive.join("2024.csv"),
    )
    .unwrap();
    rewrite(
        &shared.join("nba-pbp/NBA_2016_Shots_games_301_400.csv"),
        &archive.join("2016.csv"),
        true,
        tenths,
    )
    .unwrap();

    // One file holding both seasons: told for the season.
    let both = dir.path().join("both.csv");
    let mut text = std::fs::read_to_string(archive.join("2024.csv")).unwrap();
    let old = std::fs::read_to_string(archive.join("2016.csv")).unwrap();
    text.push_str(old.split_once('\n').unwrap().1);
    std::fs::write(&both, text).unwrap();
    let check = frame_of(&both, Vec::new()).frame.unwrap();
    assert_eq!(check.findings.len(), 1, "{check:?}");
    let f = &check.findings[0];
    assert_eq!(f.season.as_deref(), Some("2015-16"));
    let fix = f.fix.clone().unwrap();
    assert_eq!(fix.to_string(), "scale=10,y=-5.25,season=2015-16");
    assert!(
        f.message().starts_with("season 2015-16: "),
        "{}",
        f.message()
    );
    // The 2023-24 labels were checked on their own and agree.
    let ok_season = check
        .labels
        .iter()
        .find(|l| l.season.as_deref() == Some("2023-24"))
        .unwrap();
    assert!(ok_season.share() < 0.002, "{ok_season:?}");
    // The season's fix leaves the other season alone and puts this one right.
    let fixed = frame_of(&both, vec![fix.clone()]).frame.unwrap();
    assert!(fixed.findings.is_empty(), "{fixed:?}");

    // A folder of a file per season: told for the file, and fixed for it alone.
    let check = frame_of(&archive, Vec::new()).frame.unwrap();
    assert_eq!(check.findings.len(), 1, "{check:?}");
    let f = &check.findings[0];
    assert_eq!(f.file.as_deref(), Some("2016.csv"));
    let fix = f.fix.clone().unwrap();
    assert_eq!(fix.to_string(), "scale=10,y=-5.25,file=2016.csv");
    assert!(f.message().starts_with("2016.csv: "), "{}", f.message());
    // Saved on the folder, it holds for that file of the folder.
    let a = archive.to_str().unwrap();
    ok(dir.path(), &["map", a, "--fix-coords", &fix.to_string()]);
    let text = ok(dir.path(), &["inspect", a]);
    assert!(!text.contains("--fix-coords"), "{text}");
    assert!(
        text.contains("[fixed: ×10, y −5.25 ft (2016.csv)]"),
        "{text}"
    );
    // A fix accepted on top of a saved one composes with it: mirror the file as well, and
    // the check now proposes taking the mirror back, nothing else.
    let o = courtside(
        dir.path(),
        &["--fix-coords", "mirror,file=2016.csv", "inspect", a],
    );
    let text = stdout(&o);
    assert!(text.contains("--fix-coords mirror,file=2016.csv"), "{text}");
}

#[test]
fn the_shared_files_and_the_sample_raise_no_frame_alarm() {
    let dir = tempfile::tempdir().unwrap();
    let sample = courtside::sample::open_embedded().unwrap();
    let shots = sample
        .iter()
        .find(|t| t.kind == data::TableKind::Shots)
        .unwrap();
    let check = quality::frame_check(shots).unwrap();
    assert!(check.findings.is_empty(), "{check:?}");
    let text = ok(dir.path(), &["inspect", "--sample"]);
    assert!(!text.contains("coordinates"), "{text}");

    let Some(shared) = shared_data() else { return };
    for file in [
        "nba-shots/NBA_2024_Shots.csv",
        "nba-pbp/NBA_2016_Shots_games_301_400.csv",
    ] {
        let i = frame_of(&shared.join(file), Vec::new());
        let check = i.frame.unwrap();
        assert!(check.findings.is_empty(), "{file}: {check:?}");
        // Their own labels were compared and agree.
        assert!(check.labels[0].rows > 10_000, "{file}: {check:?}");
        assert!(check.labels[0].share() < 0.002, "{file}: {check:?}");
        assert!(
            i.notes.iter().any(|n| n.contains("zone labels agree")),
            "{file}: {:?}",
            i.notes
        );
    }
}

/// How a copy's coordinates are made from the original's.
type Move = fn(f64, f64) -> (f64, f64);

#[test]
fn every_usual_frame_of_the_shared_log_gets_the_fix_that_restores_it_exactly() {
    let Some(shared) = shared_data() else { return };
    let original = shared.join("nba-shots/NBA_2024_Shots.csv");
    let dir = tempfile::tempdir().unwrap();
    let want = coordinates(&original, Vec::new());
    // (how the copy is made, the fix Courtside must propose). The NBA log's own mapping
    // takes 5.25 ft off LOC_Y before any fix, in whatever unit the copy is in: the fix
    // accounts for it.
    let cases: [(&str, Move, &str); 6] = [
        ("tenths", |x, y| (x * 10.0, y * 10.0), "scale=0.1,y=-4.725"),
        (
            "inches",
            |x, y| (x * 12.0, y * 12.0),
            "scale=1/12,y=-4.8125",
        ),
        (
            "metres",
            |x, y| (x * 0.3048, y * 0.3048),
            "scale=1/0.3048,y=11.974409",
        ),
        ("hoop", |x, y| (x, y - 5.25), "y=5.25"),
        ("corner", |x, y| (x + 25.0, y), "x=25"),
        (
            "tenths-small",
            |x, y| (x / 10.0, y / 10.0),
            "scale=10,y=47.25",
        ),
    ];
    for (name, f, expected) in cases {
        let copy = dir.path().join(format!("{name}.csv"));
        rewrite(&original, &copy, false, f).unwrap();
        let check = frame_of(&copy, Vec::new()).frame.unwrap();
        let fix = check.findings.first().and_then(|f| f.fix.clone());
        assert_eq!(
            fix.as_ref().map(|f| f.to_string()).as_deref(),
            Some(expected),
            "{name}: {check:?}"
        );
        let got = coordinates(&copy, vec![fix.unwrap()]);
        // To a ten-thousandth of a foot, the precision the copy was written with.
        for c in ["x_ft", "y_ft"] {
            let values = |df: &DataFrame| -> Vec<f32> {
                df.column(c)
                    .unwrap()
                    .f32()
                    .unwrap()
                    .iter()
                    .map(|v| v.unwrap_or(f32::NAN))
                    .collect()
            };
            let off = values(&got)
                .iter()
                .zip(values(&want))
                .map(|(a, b)| (a - b).abs())
                .fold(0.0f32, f32::max);
            assert!(off < 2e-3, "{name}: {c} off by up to {off}");
        }
    }
}
