//! Every kind of bad input gives one clear paragraph naming the file and the problem, and exit
//! code 1; never a panic, never a blank result. Inputs are never modified.

mod common;

use std::path::{Path, PathBuf};

use common::*;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Runs inspect and convert on `path` and checks both fail with a message naming the file and
/// saying `what`.
fn both_commands_fail(dir: &Path, path: &Path, what: &[&str]) -> String {
    let p = path.to_str().unwrap();
    let name = path.file_name().unwrap().to_str().unwrap();
    let before = std::fs::read(path).ok();
    let out = dir.join("out.parquet");
    let mut messages = Vec::new();
    for args in [
        vec!["inspect", p],
        vec!["convert", p, "--out", out.to_str().unwrap()],
    ] {
        let err = fails(dir, &args);
        assert!(err.contains(name), "the message should name {name}:\n{err}");
        for w in what {
            assert!(err.contains(w), "the message should say {w:?}:\n{err}");
        }
        assert_eq!(err.trim_end().lines().count(), 1, "one paragraph:\n{err}");
        messages.push(err);
    }
    assert!(!out.exists(), "a failed convert writes nothing");
    assert_eq!(
        std::fs::read(path).ok(),
        before,
        "the input is never modified"
    );
    messages.remove(0)
}

const SHOTS_HEADER: &str = "game_id,game_date,team,player,x_ft,y_ft,made\n";

#[test]
fn a_missing_required_column_is_named_with_the_columns_found_and_a_near_name() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "no_made.csv",
        b"game_id,game_date,team,player,x_ft,y_ft,made_flag\ng1,2024-01-02,BCB,Ann,1.5,2.0,1\n",
    );
    let err = both_commands_fail(
        dir.path(),
        &f,
        &[
            "`made`",
            "shots",
            "Columns found:",
            "`x_ft`",
            "Did you mean `made_flag`?",
        ],
    );
    assert!(err.contains("courtside map"), "says how to fix it:\n{err}");
}

#[test]
fn a_vendor_file_missing_a_column_says_what_the_vendor_calls_it() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "log.csv",
        b"GAME_ID,GAME_DATE,TEAM_NAME,PLAYER_NAME,LOC_X,LOC_Y,SHOT_MADE\n1,11-03-2023,Miami Heat,A,1,2,TRUE\n",
    );
    // This one is fine; drop a column and it is not.
    ok(dir.path(), &["inspect", f.to_str().unwrap()]);
    let g = write(
        dir.path(),
        "log_no_date.csv",
        b"GAME_ID,TEAM_NAME,PLAYER_NAME,LOC_X,LOC_Y,SHOT_MADE\n1,Miami Heat,A,1,2,TRUE\n",
    );
    both_commands_fail(
        dir.path(),
        &g,
        &["`game_date`", "NBA shot log has it as `GAME_DATE`"],
    );
}

/// `convert` refuses a value it cannot read (it would write a gap); `inspect` reports it with
/// examples and lines; an answer that reads the column leaves the row out and says so.
fn unreadable_value(dir: &Path, f: &Path, what: &[&str]) {
    let p = f.to_str().unwrap();
    let err = fails(dir, &["convert", p, "--out", "out.parquet"]);
    for w in what.iter().filter(|w| !w.contains(" line")) {
        assert!(err.contains(w), "convert should say {w:?}:\n{err}");
    }
    assert!(!dir.join("out.parquet").exists());
    let text = ok(dir, &["inspect", p]);
    for w in what {
        assert!(text.contains(w), "inspect should say {w:?}:\n{text}");
    }
    assert!(text.contains("read as missing"), "{text}");
}

#[test]
fn numbers_that_are_not_numbers_are_shown_with_examples_and_left_out_of_answers() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "bad_x.csv",
        format!("{SHOTS_HEADER}g1,2024-01-02,BCB,Ann,1.5,2.0,true\ng1,2024-01-02,BCB,Ann,left wing,3.0,false\ng1,2024-01-02,BCB,Ann,-2.5,2.0,\n").as_bytes(),
    );
    unreadable_value(
        dir.path(),
        &f,
        &[
            "`x_ft`",
            "cannot be read as numbers",
            "\"left wing\"",
            "bad_x.csv line 3",
        ],
    );
    // zones answers from the one shot it can count, and says which two it could not.
    let o = courtside(dir.path(), &["zones", "bad_x.csv", "--out", "z.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("— 1 shots"), "{}", stdout(&o));
    assert!(
        stderr(&o).contains(
            "2 selected rows left out: 1 with no readable court coordinates (x_ft, y_ft), 1 with \
             no readable result (made); the first at bad_x.csv lines 3, 4"
        ),
        "{}",
        stderr(&o)
    );
    let err = fails(
        dir.path(),
        &["zones", "bad_x.csv", "--strict", "--out", "z.csv"],
    );
    assert!(err.contains("--strict asks for every row"), "{err}");
}

#[test]
fn an_unreadable_date_matters_only_to_an_answer_by_date() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "bad_date.csv",
        format!("{SHOTS_HEADER}g1,2024-01-02,BCB,Ann,1.5,2.0,true\ng1,last tuesday,BCB,Ann,1.5,2.0,true\n").as_bytes(),
    );
    unreadable_value(
        dir.path(),
        &f,
        &[
            "`game_date`",
            "cannot be read as a date",
            "\"last tuesday\"",
        ],
    );
    // A zone table of every shot does not read dates: both shots, nothing to say.
    let o = courtside(dir.path(), &["zones", "bad_date.csv", "--out", "z.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("— 2 shots"), "{}", stdout(&o));
    assert!(!stderr(&o).contains("left out"), "{}", stderr(&o));
    // By date, the undated shot cannot be placed in or out of the range: left out, said.
    let o = courtside(
        dir.path(),
        &[
            "zones",
            "bad_date.csv",
            "--from",
            "2024-01-01",
            "--out",
            "z.csv",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("— 1 shots"), "{}", stdout(&o));
    assert!(
        stderr(&o).contains(
            "1 selected row left out: no readable date (the selection is by date); the first at \
             bad_date.csv line 3"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_empty_file_is_reported_as_empty() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "empty.csv", b"");
    both_commands_fail(dir.path(), &f, &["empty", "0 bytes"]);
}

#[test]
fn a_header_without_rows_is_reported_as_empty() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "header_only.csv", SHOTS_HEADER.as_bytes());
    both_commands_fail(dir.path(), &f, &["no rows"]);
}

#[test]
fn a_truncated_parquet_file_is_reported_as_truncated_or_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let good = common::manifest_dir().join("sample-data/load.parquet");
    let bytes = std::fs::read(good).unwrap();
    let f = write(dir.path(), "cut.parquet", &bytes[..bytes.len() / 2]);
    both_commands_fail(dir.path(), &f, &["truncated or corrupt"]);
}

#[test]
fn a_corrupt_parquet_file_is_reported_as_truncated_or_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let good = common::manifest_dir().join("sample-data/load.parquet");
    let mut bytes = std::fs::read(good).unwrap();
    // Keep the magic numbers, scramble the footer's metadata.
    let n = bytes.len();
    for b in &mut bytes[n - 400..n - 8] {
        *b ^= 0x5a;
    }
    let f = write(dir.path(), "scrambled.parquet", &bytes);
    both_commands_fail(dir.path(), &f, &["truncated or corrupt"]);
}

#[test]
fn a_path_that_does_not_exist_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no_such_file.csv");
    let err = fails(dir.path(), &["inspect", missing.to_str().unwrap()]);
    assert!(
        err.contains("no_such_file.csv") && err.contains("cannot read it"),
        "{err}"
    );
}

#[test]
fn an_unknown_format_says_which_formats_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "report.xlsx",
        b"PK\x03\x04\x14\x00\x06\x00binary spreadsheet\x00\x01",
    );
    both_commands_fail(
        dir.path(),
        &f,
        &["unknown file format", "Parquet", "CSV", "NDJSON"],
    );
}

#[test]
fn columns_that_match_no_table_are_reported_with_the_columns_found() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "weather.csv", b"city,temp_c\nOslo,3\n");
    both_commands_fail(
        dir.path(),
        &f,
        &["cannot tell which table", "`city`", "`temp_c`"],
    );
}

#[test]
fn a_short_row_is_reported_with_its_line_number() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "short.csv",
        format!("{SHOTS_HEADER}g1,2024-01-02,BCB,Ann,1.5,2.0,true\ng1,2024-01-02,BCB,Ann,1.5\ng1,2024-01-02,BCB,Ann,1.5,2.0,true\n").as_bytes(),
    );
    both_commands_fail(dir.path(), &f, &["line 3", "5 fields", "header has 7"]);
}

#[test]
fn a_long_row_is_reported_with_its_line_number() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "long.csv",
        format!("{SHOTS_HEADER}g1,2024-01-02,BCB,Ann,1.5,2.0,true,extra\n").as_bytes(),
    );
    both_commands_fail(dir.path(), &f, &["line 2", "8 fields"]);
}

#[test]
fn quoted_separators_and_blank_lines_are_not_ragged() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "quoted.csv",
        format!("{SHOTS_HEADER}g1,2024-01-02,\"Bay City, Breakers\",\"Ann \"\"A\"\" B\",1.5,2.0,true\n\n").as_bytes(),
    );
    let out = ok(dir.path(), &["inspect", f.to_str().unwrap()]);
    assert!(out.contains("rows       1\n"), "{out}");
}

#[test]
fn a_folder_with_no_data_files_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("notes");
    std::fs::create_dir(&sub).unwrap();
    write(&sub, "README.md", b"# nothing here");
    let err = fails(dir.path(), &["inspect", sub.to_str().unwrap()]);
    assert!(
        err.contains("notes") && err.contains("no Parquet, CSV or NDJSON files"),
        "{err}"
    );
}

#[test]
fn convert_refuses_to_overwrite_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let good = common::manifest_dir().join("sample-data/load.parquet");
    let f = dir.path().join("load.parquet");
    std::fs::copy(good, &f).unwrap();
    let before = std::fs::read(&f).unwrap();
    let err = fails(
        dir.path(),
        &["convert", "load.parquet", "--out", "load.parquet"],
    );
    assert!(err.contains("never overwritten"), "{err}");
    assert_eq!(std::fs::read(&f).unwrap(), before);
}

#[test]
fn a_malformed_ndjson_line_is_named_by_its_line_number() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "feed.ndjson",
        b"{\"game_id\":\"g1\",\"period\":1,\"t_ms\":0,\"player_id\":\"p1\",\"x_ft\":1,\"y_ft\":2}\n\
          {\"game_id\":\"g1\",\"period\":1,\"t_ms\":40,\"player_id\":\"p1\",\"x_ft\":1,\n",
    );
    both_commands_fail(dir.path(), &f, &["line 2 is not valid JSON"]);
}

#[test]
fn a_csv_that_is_not_utf8_says_how_to_save_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = format!("{SHOTS_HEADER}g1,2024-01-02,BCB,Ann,1,2,true\n").into_bytes();
    // "Café" in Latin-1: é is the single byte 0xE9.
    bytes.extend_from_slice(b"g1,2024-01-02,Caf\xe9 Team,Ann,1,2,true\n");
    let f = write(dir.path(), "latin1.csv", &bytes);
    both_commands_fail(
        dir.path(),
        &f,
        &["line 3 is not UTF-8", "0xE9", "CSV UTF-8"],
    );
}

#[test]
fn a_folder_says_which_files_it_did_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("week");
    std::fs::create_dir(&sub).unwrap();
    std::fs::copy(
        common::manifest_dir().join("sample-data/load.parquet"),
        sub.join("load.parquet"),
    )
    .unwrap();
    write(&sub, "wellness.xlsx", b"PK\x03\x04");
    let out = ok(dir.path(), &["inspect", "week"]);
    assert!(out.contains("not read: wellness.xlsx"), "{out}");
}

#[test]
fn no_command_writes_over_its_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let root = manifest_dir();
    // A copy of the sample's shots in a folder of their own.
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let shots = data.join("shots.parquet");
    std::fs::copy(root.join("sample-data/shots.parquet"), &shots).unwrap();
    let before = std::fs::read(&shots).unwrap();
    for args in [
        vec![
            "convert",
            "data/shots.parquet",
            "--out",
            "data/shots.parquet",
        ],
        vec!["convert", "data", "--out", "data/all.parquet"],
        vec!["zones", "data/shots.parquet", "--out", "data/shots.parquet"],
        vec!["zones", "data", "--out", "data/zones.csv"],
        vec![
            "shots",
            "data/../data/shots.parquet",
            "--out",
            "data/shots.parquet",
        ],
        vec![
            "report",
            "opponent",
            "data",
            "--team",
            "Bay City Breakers",
            "--out",
            "data/r.pdf",
        ],
    ] {
        let err = fails(dir.path(), &args);
        assert!(
            err.contains("inputs are never overwritten") || err.contains("inside the input folder"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(
        std::fs::read(&shots).unwrap(),
        before,
        "the input is untouched"
    );
    assert_eq!(
        std::fs::read_dir(&data).unwrap().count(),
        1,
        "nothing written beside it"
    );
}

#[test]
#[cfg(unix)]
fn pipes_are_refused_at_once_and_folders_with_a_loop_are_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("feed.csv");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    if made.is_ok_and(|s| s.success()) {
        // Without the check, reading the pipe waits for a writer forever.
        let err = fails(dir.path(), &["inspect", "feed.csv"]);
        assert!(err.contains("not a regular file (a named pipe)"), "{err}");
    }
    // The OS's words appear once.
    let err = fails(dir.path(), &["inspect", "missing.csv"]);
    assert_eq!(err.matches("os error 2").count(), 1, "{err}");
    // A folder with a link back to itself: its file is read once.
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("sub")).unwrap();
    std::fs::copy(
        manifest_dir().join("sample-data/shots.parquet"),
        data.join("shots.parquet"),
    )
    .unwrap();
    std::os::unix::fs::symlink(&data, data.join("sub/back")).unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(data.join("live.csv"))
        .status()
        .is_ok_and(|s| s.success());
    let out = ok(dir.path(), &["inspect", "data"]);
    assert!(out.contains("14,692"), "{out}");
    // Both skipped with a note, not in silence.
    assert!(
        out.contains(
            "sub/back leads back to a folder already read (a symbolic link loop): skipped"
        ),
        "{out}"
    );
    if fifo {
        assert!(
            out.contains(
                "live.csv is not a regular file (a pipe, socket, device or broken link): skipped"
            ),
            "{out}"
        );
    }
}

#[test]
fn shots_left_out_are_counted_and_an_empty_answer_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let header = "game_id,game_date,team,player,x_ft,y_ft,made\n";
    let mut partial = header.to_string();
    for i in 0..10 {
        // Rows 3 and 7 have no x: left out, and said so.
        let x = if i % 4 == 3 {
            String::new()
        } else {
            format!("{}", i as f64 - 5.0)
        };
        partial.push_str(&format!(
            "g1,2024-01-0{},A,Ann,{x},{},true\n",
            1 + i % 3,
            2 + i
        ));
    }
    std::fs::write(dir.path().join("partial.csv"), partial).unwrap();
    let o = courtside(dir.path(), &["zones", "partial.csv", "--out", "z.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("— 8 shots"), "{}", stdout(&o));
    assert!(
        stderr(&o).contains(
            "2 selected rows left out: no readable court coordinates (x_ft, y_ft); the first at \
             partial.csv lines 5, 9"
        ),
        "{}",
        stderr(&o)
    );
    // inspect points at the same lines, and --json carries them.
    let json = inspect_json(dir.path(), &["partial.csv"]);
    assert_eq!(json[0]["left_out"][0]["rows"], 2);
    assert_eq!(json[0]["left_out"][0]["first_at"], "partial.csv lines 5, 9");
    let text = ok(dir.path(), &["inspect", "partial.csv"]);
    assert!(
        text.contains("2 of 10 rows have no `x_ft`") && text.contains("partial.csv lines 5, 9"),
        "{text}"
    );
    // --strict asks for every row.
    let err = fails(
        dir.path(),
        &["zones", "partial.csv", "--strict", "--out", "z.csv"],
    );
    assert!(err.contains("2 selected rows left out"), "{err}");
    // A report says the same once, and a block that needs a column the file lacks says so
    // in Courtside's words.
    let o = courtside(
        dir.path(),
        &[
            "report",
            "opponent",
            "partial.csv",
            "--team",
            "A",
            "--out",
            "r.pdf",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("2 shot rows left out: no readable court coordinates (x_ft, y_ft); the first at partial.csv lines 5, 9"),
        "{err}"
    );
    assert!(
        err.contains("the data has no `period` column, which this needs"),
        "{err}"
    );
    assert!(!err.contains("unable to find"), "{err}");
    // Every x missing: an error that says why, not "0 shots" and a blank court.
    let mut none = header.to_string();
    for i in 0..5 {
        none.push_str(&format!("g1,2024-01-01,A,Ann,,{},false\n", 2 + i));
    }
    std::fs::write(dir.path().join("none.csv"), none).unwrap();
    for cmd in ["zones", "shots"] {
        let out = if cmd == "zones" { "z.csv" } else { "s.png" };
        let err = fails(dir.path(), &[cmd, "none.csv", "--out", out]);
        assert!(
            err.contains("5 shots match, but none can be counted: 5 rows left out: no readable court coordinates"),
            "{cmd}: {err}"
        );
    }
    // A ragged row is refused by every command, as inspect refuses it.
    std::fs::write(
        dir.path().join("ragged.csv"),
        format!("{header}g1,2024-01-01,A,Ann,1,2,true\ng1,2024-01-01,A,Ann,1\n"),
    )
    .unwrap();
    let err = fails(dir.path(), &["zones", "ragged.csv", "--out", "z.csv"]);
    assert!(
        err.contains("line 3 has 5 fields but the header has 7"),
        "{err}"
    );
}

#[test]
fn a_column_named_twice_is_said_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("dup.csv"),
        "game_id,game_date,team,player,x_ft,y_ft,made,x_ft\ng,2024-01-01,A,P,1,2,true,5\n",
    )
    .unwrap();
    let o = courtside(dir.path(), &["zones", "dup.csv", "--out", "z.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the header names `x_ft` more than once; the first of them is read"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn load_rows_without_a_player_or_date_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("load.csv"),
        "player,date,player_load\nAnn,2024-01-01,300\n,2024-01-02,250\nAnn,,200\nAnn,2024-01-03,310\n",
    )
    .unwrap();
    let o = courtside(dir.path(), &["load", "load.csv", "--out", "d.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "2 session rows left out: 1 with no player, 1 with no readable date; the first at load.csv \
             lines 3, 4"
        ),
        "{}",
        stderr(&o)
    );
    // Ann's three days, the middle one a rest day.
    let text = std::fs::read_to_string(dir.path().join("d.csv")).unwrap();
    assert_eq!(text.lines().count(), 1 + 3);
    // --strict asks for every row: no answer, no file.
    let err = fails(
        dir.path(),
        &["load", "load.csv", "--strict", "--out", "strict.csv"],
    );
    assert!(
        err.contains("2 session rows left out: 1 with no player, 1 with no readable date")
            && err.contains("--strict asks for every row")
            && err.contains("the first at load.csv lines 3, 4"),
        "{err}"
    );
    assert!(!dir.path().join("strict.csv").exists());
}

#[test]
fn a_shot_file_without_rows_says_so_instead_of_an_empty_chart() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("header.csv"),
        "game_id,game_date,team,player,x_ft,y_ft,made
",
    )
    .unwrap();
    for (cmd, out) in [("zones", "z.csv"), ("shots", "s.png")] {
        let err = fails(dir.path(), &[cmd, "header.csv", "--out", out]);
        assert!(
            err.contains("header.csv: holds no shots at all"),
            "{cmd}: {err}"
        );
        assert!(!dir.path().join(out).exists());
    }
}

#[test]
fn tracking_rows_without_a_position_are_left_out_and_off_court_ones_kept_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("game_id,period,t_ms,player,x_ft,y_ft\n");
    for i in 0..50 {
        // One position without x; three a step over the sideline (y −0.1 ft); one glitch
        // 100 ft away (line 32); one row without a player (line 42).
        let x = match i {
            10 => String::new(),
            30 => "120".into(),
            _ => format!("{}", 20.0 + i as f64 * 0.2),
        };
        let y = if (20..23).contains(&i) { -0.1 } else { 0.3 };
        let player = if i == 40 { "" } else { "Ann" };
        csv.push_str(&format!("g1,1,{},{player},{x},{y}\n", i * 40));
    }
    std::fs::write(dir.path().join("track.csv"), csv).unwrap();
    let o = courtside(dir.path(), &["tracking", "track.csv", "--out", "t.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "3 selected rows left out: 1 with no readable position (x_ft, y_ft), 1 with no \
             player (player, player_id), 1 with a position more than 10 ft off the court (a \
             tracking glitch); the first at track.csv lines 12, 32, 42"
        ),
        "{err}"
    );
    // The glitch adds no sprint: Ann walks 0.2 ft per 40 ms (1.5 m/s) and steps out.
    let summary = std::fs::read_to_string(dir.path().join("t.csv")).unwrap();
    let row: Vec<&str> = summary.lines().nth(1).unwrap().split(',').collect();
    let top: f64 = row[4].parse().unwrap();
    assert!(top < 4.0, "top speed {top} m/s:\n{summary}");
    assert!(
        err.contains("3 positions outside the court lines (94 × 50 ft): kept"),
        "{err}"
    );
    let err = fails(
        dir.path(),
        &["tracking", "track.csv", "--strict", "--out", "t2.csv"],
    );
    assert!(err.contains("--strict asks for every row"), "{err}");
}

#[test]
fn line_numbers_count_the_files_lines_past_quoted_fields_and_blank_lines() {
    let dir = tempfile::tempdir().unwrap();
    // A preamble line, a quoted field over three lines, a blank line: the rows without x
    // are on lines 7 and 10.
    let text = "Exported by: TeamSystem\n\
                game_id,game_date,team,player,x_ft,y_ft,made,action\n\
                g1,2024-01-02,A,Ann,1.5,2.0,true,\"Jump\n\
                Shot (note\n\
                over lines)\"\n\
                g1,2024-01-02,A,Ann,2.5,3.0,false,Layup\n\
                g1,2024-01-02,A,Ann,,3.0,false,Layup\n\
                \n\
                g1,2024-01-02,A,Ann,3.5,4.0,true,Dunk\n\
                g1,2024-01-02,A,Ann,,5.0,true,Dunk\n";
    std::fs::write(dir.path().join("q.csv"), text).unwrap();
    let o = courtside(dir.path(), &["zones", "q.csv", "--out", "z.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("2 selected rows left out: no readable court coordinates (x_ft, y_ft); the first at q.csv lines 7, 10"),
        "{}",
        stderr(&o)
    );
    let json = inspect_json(dir.path(), &["q.csv"]);
    assert_eq!(json[0]["left_out"][0]["first_at"], "q.csv lines 7, 10");
}
