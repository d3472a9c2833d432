//! Zone classification from coordinates against the NBA's own labels on every 2023-24 shot
//! (SPEC 3.3). Skips when ../shared/data is absent.

mod common;

use common::*;
use courtside::court::zones::{area_expr, basic_zone_expr, range_expr};
use courtside::court::{area_zone, basic_zone, range_zone};
use polars::prelude::*;

struct Labelled {
    frame: DataFrame,
}

/// The shot log with our x/y (SPEC 3.1), shot values, and the NBA's labels.
fn labelled() -> Option<Labelled> {
    let shared = shared_data()?;
    let csv = shared.join("nba-shots/NBA_2024_Shots.csv");
    let frame = LazyCsvReader::new(PlRefPath::try_from_path(&csv).unwrap())
        .with_has_header(true)
        .finish()
        .unwrap()
        .select([
            (-col("LOC_X").cast(DataType::Float64)).alias("x"),
            (col("LOC_Y").cast(DataType::Float64) - lit(5.25)).alias("y"),
            col("SHOT_TYPE").str().starts_with(lit("3")).alias("three"),
            col("BASIC_ZONE"),
            col("ZONE_RANGE"),
            col("ZONE_NAME"),
        ])
        .collect()
        .unwrap();
    Some(Labelled { frame })
}

fn agreement(labels: &[&str], ours: &[&str]) -> f64 {
    let same = labels.iter().zip(ours).filter(|(a, b)| a == b).count();
    same as f64 / labels.len() as f64
}

fn strings<'a>(df: &'a DataFrame, c: &str) -> Vec<&'a str> {
    df.column(c)
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|v| v.unwrap())
        .collect()
}

#[test]
fn zones_from_coordinates_match_the_nba_labels() {
    let Some(l) = labelled() else { return };
    let df = &l.frame;
    assert_eq!(df.height(), 218_701);
    let x: Vec<f64> = df
        .column("x")
        .unwrap()
        .f64()
        .unwrap()
        .iter()
        .map(|v| v.unwrap())
        .collect();
    let y: Vec<f64> = df
        .column("y")
        .unwrap()
        .f64()
        .unwrap()
        .iter()
        .map(|v| v.unwrap())
        .collect();
    let three: Vec<bool> = df
        .column("three")
        .unwrap()
        .bool()
        .unwrap()
        .iter()
        .map(|v| v.unwrap())
        .collect();

    let basic: Vec<&str> = x
        .iter()
        .zip(&y)
        .map(|(x, y)| basic_zone(*x, *y).label())
        .collect();
    let range: Vec<&str> = x
        .iter()
        .zip(&y)
        .zip(&three)
        .map(|((x, y), t)| range_zone(*x, *y, *t).label())
        .collect();
    let area: Vec<&str> = x
        .iter()
        .zip(&y)
        .map(|(x, y)| area_zone(*x, *y).label())
        .collect();

    let basic_ok = agreement(&strings(df, "BASIC_ZONE"), &basic);
    let range_ok = agreement(&strings(df, "ZONE_RANGE"), &range);
    let area_ok = agreement(&strings(df, "ZONE_NAME"), &area);
    eprintln!(
        "agreement with the NBA's labels: basic {basic_ok:.5}, range {range_ok:.5}, area {area_ok:.5}"
    );
    assert!(basic_ok >= 0.999, "basic zone agreement {basic_ok}");
    assert!(range_ok >= 0.999, "range agreement {range_ok}");
    assert!(area_ok >= 0.99, "area agreement {area_ok}");

    // The Polars expressions give exactly what the scalar functions give.
    let exprs = df
        .clone()
        .lazy()
        .select([
            basic_zone_expr(col("x"), col("y")).alias("b"),
            range_expr(col("x"), col("y"), col("three")).alias("r"),
            area_expr(col("x"), col("y")).alias("a"),
        ])
        .collect()
        .unwrap();
    for (name, ours) in [("b", &basic), ("r", &range), ("a", &area)] {
        let expr = strings(&exprs, name);
        let differ: Vec<String> = (0..ours.len())
            .filter(|&i| expr[i] != ours[i])
            .map(|i| format!("({}, {}): {} vs {}", x[i], y[i], expr[i], ours[i]))
            .collect();
        assert!(
            differ.is_empty(),
            "{} shots differ, e.g. {:?}",
            differ.len(),
            &differ[..differ.len().min(5)]
        );
    }
}
