//! Opening an archive and changing a filter over it, as the app does them (issue 16): the
//! stand-in archive of `benches/archive/make_archive.py` (3,717,917 shots), named by
//! `COURTSIDE_ARCHIVE`; skipped without it. "Open to first chart" is the app's open job, its
//! combine job and the first shot query (the zones chart against the league); a filter
//! change is a shot query (chart, zone table, league baseline) for another player or team.
//!
//!   python3 benches/archive/make_archive.py ../shared/data/nba-shots/NBA_2024_Shots.csv /tmp/archive.parquet
//!   COURTSIDE_ARCHIVE=/tmp/archive.parquet cargo bench --bench archive

use courtside::app::state::SourceRef;
use courtside::app::work::{self, ShotsQuery};
use courtside::charts::spec::ChartKind;
use courtside::request::Cancel;
use courtside::request::shots::Baseline;
use criterion::{Criterion, criterion_group, criterion_main};

fn query(chart: ChartKind) -> ShotsQuery {
    ShotsQuery {
        filter: Default::default(),
        chart,
        court: Default::default(),
        baseline: Baseline::League,
        strict: false,
    }
}

fn open(source: &SourceRef) -> work::ShotData {
    let cancel = Cancel::default();
    let opened = work::open_source(source, &Default::default(), &cancel).expect("opens");
    let frames: Vec<_> = opened.iter().filter_map(|t| t.frame.clone()).collect();
    let combined = work::combine(&frames, &[], &[]).expect("combines");
    combined.shots.expect("shots")
}

fn benches(c: &mut Criterion) {
    let Some(path) = std::env::var_os("COURTSIDE_ARCHIVE") else {
        eprintln!(
            "archive: skipped; set COURTSIDE_ARCHIVE to the stand-in archive (see the top of benches/archive.rs)"
        );
        return;
    };
    let source = SourceRef::Path(path.into());
    let cancel = Cancel::default();
    let mut g = c.benchmark_group("archive_app");
    g.sample_size(10);
    g.bench_function("open_to_first_chart", |b| {
        b.iter(|| {
            let data = open(&source);
            work::shot_query(
                &data.frame,
                &query(ChartKind::Zones),
                &cancel,
                &data.baselines,
            )
            .expect("queries")
        })
    });
    let data = open(&source);
    for (name, pick) in [
        (
            "filter_change_player",
            &["Stephen Curry", "LeBron James"][..],
        ),
        (
            "filter_change_team",
            &["Boston Celtics", "Denver Nuggets"][..],
        ),
    ] {
        for chart in [ChartKind::Zones, ChartKind::Hex] {
            let mut i = 0;
            g.bench_function(format!("{name}_{chart:?}").to_lowercase(), |b| {
                b.iter(|| {
                    let mut q = query(chart);
                    let v = vec![pick[i % 2].to_string()];
                    if name.contains("player") {
                        q.filter.players = v;
                    } else {
                        q.filter.teams = v;
                    }
                    i += 1;
                    work::shot_query(&data.frame, &q, &cancel, &data.baselines).expect("queries")
                })
            });
        }
    }
    g.finish();
}

criterion_group!(group, benches);
criterion_main!(group);
