//! All load metrics for 50 players × 3 seasons of daily data (54,750 player-days): from the
//! session table (aggregation into days included) and from ready daily series.

use courtside::analysis::load::{self, Bands, Measure, PlayerDays};
use criterion::{Criterion, criterion_group, criterion_main};
use polars::prelude::*;

fn sessions() -> DataFrame {
    // Deterministic loads with a weekly rhythm and rest days.
    let (mut player, mut date, mut value) = (Vec::new(), Vec::new(), Vec::new());
    for p in 0..50 {
        for d in 0..(3 * 365) {
            if (d + p) % 7 == 6 {
                continue;
            }
            player.push(format!("Player {p:02}"));
            date.push(19_000 + d);
            value.push(200.0 + ((d * 37 + p * 11) % 300) as f64);
        }
    }
    df!("player" => player, "date" => date, "player_load" => value)
        .expect("frame")
        .lazy()
        .with_column(col("date").cast(DataType::Date))
        .collect()
        .expect("collects")
}

fn benches(c: &mut Criterion) {
    let df = sessions();
    // Every player from the first session to the last day of the three seasons.
    let series: Vec<PlayerDays> =
        load::daily(df.clone().lazy(), Measure::PlayerLoad).expect("daily");
    let days: usize = series.iter().map(|s| s.load.len()).sum();
    // Seven players (6, 13, … 48) rest on day 0, so start on day 1.
    assert_eq!(days, 50 * 3 * 365 - 7);
    let bands = Bands::default();
    let mut g = c.benchmark_group("load_50_players_3_seasons");
    g.bench_function("metrics from daily series", |b| {
        b.iter(|| {
            series
                .iter()
                .map(|s| load::metrics(s, &bands).len())
                .sum::<usize>()
        })
    });
    g.bench_function("daily table from daily series", |b| {
        b.iter(|| {
            load::daily_table(&series, &bands, None, None)
                .expect("table")
                .height()
        })
    });
    g.bench_function("daily table from sessions", |b| {
        b.iter(|| {
            let s = load::daily(df.clone().lazy(), Measure::PlayerLoad).expect("daily");
            load::daily_table(&s, &bands, None, None)
                .expect("table")
                .height()
        })
    });
    g.finish();
}

criterion_group!(load_bench, benches);
criterion_main!(load_bench);
