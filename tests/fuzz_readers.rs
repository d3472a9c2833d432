//! Property tests over the readers: whatever bytes a file holds, under whatever extension,
//! opening and checking it gives a table or a clear error, never a panic or a hang. CI runs
//! the default number of cases; `PROPTEST_CASES=20000 cargo test --test fuzz_readers` runs
//! more by hand.

use courtside::data::{self, OpenOptions};
use proptest::prelude::*;

/// Opens `bytes` saved as `name` and reads every table fully; returns the error, if any.
fn open_bytes(name: &str, bytes: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    match data::open(&path, &OpenOptions::default()) {
        Ok(tables) => {
            for t in tables {
                if let Err(e) = t.validate() {
                    return Some(e.to_string());
                }
                if let Err(e) = t.lazy().collect() {
                    return Some(e.to_string());
                }
            }
            None
        }
        Err(e) => Some(e.to_string()),
    }
}

/// A file-like text: lines of fields drawn from a small alphabet that hits separators,
/// quotes, brackets and numbers, under a header that sometimes is a shot log's.
fn texty() -> impl Strategy<Value = Vec<u8>> {
    let field = prop::collection::vec(
        prop::sample::select(vec![
            "1",
            "-2.5",
            "x",
            "\"",
            "\"\"",
            ",",
            ";",
            "{",
            "}",
            "[",
            "]",
            ":",
            "null",
            "true",
            "é",
            "\t",
            " ",
            "2024-01-01",
            "LOC_X",
            "PLAYER_NAME",
        ]),
        0..6,
    )
    .prop_map(|v| v.concat());
    let line = prop::collection::vec(field, 0..12).prop_map(|f| f.join(","));
    (
        prop::sample::select(vec![
            "",
            "game_id,game_date,team,player,x_ft,y_ft,made\n",
            "GAME_ID,GAME_DATE,TEAM_NAME,PLAYER_NAME,LOC_X,LOC_Y,SHOT_MADE\n",
        ]),
        prop::collection::vec(line, 0..30),
    )
        .prop_map(|(h, lines)| format!("{h}{}", lines.join("\n")).into_bytes())
}

proptest! {
    // 64 cases each in CI; PROPTEST_CASES=N for more by hand.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_bytes_under_every_extension_give_an_answer_or_an_error(
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
        ext in prop::sample::select(vec!["csv", "ndjson", "jsonl", "json", "parquet", "txt"]),
    ) {
        let err = open_bytes(&format!("f.{ext}"), &bytes);
        if let Some(e) = err {
            prop_assert!(e.contains("f."), "the message names the file: {e}");
            prop_assert!(!e.contains("__POLARS"), "no internal names: {e}");
        }
    }

    #[test]
    fn text_that_looks_like_data_gives_an_answer_or_an_error(
        bytes in texty(),
        ext in prop::sample::select(vec!["csv", "ndjson", "json"]),
    ) {
        if let Some(e) = open_bytes(&format!("f.{ext}"), &bytes) {
            prop_assert!(e.contains("f."), "the message names the file: {e}");
            prop_assert!(!e.contains("__POLARS"), "no internal names: {e}");
        }
    }
}

#[test]
fn deeply_nested_json_is_an_error_not_a_crash() {
    for ext in ["json", "ndjson"] {
        let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
        let err = open_bytes(&format!("deep.{ext}"), deep.as_bytes()).expect("an error");
        assert!(err.contains("deep."), "{err}");
    }
}
