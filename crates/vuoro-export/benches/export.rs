//! Rendering a ten-page summary. `cargo bench -p vuoro-export`; figures in BENCHMARKS.md.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "../tests/common/mod.rs"]
mod common;

fn export(c: &mut Criterion) {
    let doc = common::ten_pages();
    // The first PDF also reads the fonts; measure the steady state.
    let _ = vuoro_export::pdf(&doc);
    c.bench_function("pdf, 10 pages", |b| {
        b.iter(|| vuoro_export::pdf(black_box(&doc)))
    });
    c.bench_function("docx, 10 pages", |b| {
        b.iter(|| vuoro_export::docx(black_box(&doc)))
    });
    c.bench_function("markdown, 10 pages", |b| {
        b.iter(|| vuoro_export::markdown(black_box(&doc)))
    });
}

criterion_group!(benches, export);
criterion_main!(benches);
