//! A ten-page opponent report on the sample season (cover, team page, eight player pages):
//! applying the template, building every block, and writing the PDF.

use courtside::report::build::{self, ReportData};
use courtside::report::template::{self, Target};
use courtside::report::{Dates, pdf};
use courtside::request::Cancel;
use criterion::{Criterion, criterion_group, criterion_main};
use polars::prelude::*;

fn benches(c: &mut Criterion) {
    let tables = courtside::sample::open_embedded().expect("the sample opens");
    let shots = tables
        .iter()
        .find(|t| t.kind == courtside::data::TableKind::Shots)
        .expect("the sample has shots")
        .lazy()
        .collect()
        .expect("collects");
    let data = ReportData {
        shots: Some(shots.lazy()),
        load: None,
        tracking: None,
    };
    let target = Target {
        team: Some("Bay City Breakers".into()),
        dates: Dates::LastGames(10),
        ..Default::default()
    };
    let t = template::opponent(8);
    let report = template::apply(&t, &target, &data, None).expect("applies");
    assert_eq!(report.pages.len(), 10);
    let pages = build::build(&report, &data, &Cancel::default()).expect("builds");
    let mut g = c.benchmark_group("report_10_pages");
    g.sample_size(10);
    g.bench_function("apply the template and build the pages", |b| {
        b.iter(|| {
            let r = template::apply(&t, &target, &data, None).expect("applies");
            build::build(&r, &data, &Cancel::default())
                .expect("builds")
                .len()
        })
    });
    g.bench_function("PDF of the built pages", |b| {
        b.iter(|| pdf::pdf_bytes(&report, &pages).expect("writes").len())
    });
    g.bench_function("template to PDF file", |b| {
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("report.pdf");
        b.iter(|| {
            let r = template::apply(&t, &target, &data, None).expect("applies");
            let p = build::build(&r, &data, &Cancel::default()).expect("builds");
            pdf::write_pdf(&r, &p, &path).expect("writes");
        })
    });
    g.finish();
}

criterion_group!(report_bench, benches);
criterion_main!(report_bench);
