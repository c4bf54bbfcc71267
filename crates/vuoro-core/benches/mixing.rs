//! How long planning a learning café takes, for a small café and for the largest one the
//! facilitator screen is expected to handle. The planner bounds its own work per round, so
//! these numbers are ceilings the web request inherits; they are recorded in BENCHMARKS.md.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use vuoro_core::mixing::{plan, random_assignment};

fn bench_plan(c: &mut Criterion) {
    for (people, tables, rounds) in [(30u32, 5usize, 3usize), (300, 30, 5)] {
        let present: Vec<u32> = (0..people).collect();
        let name = format!("plan {people} people, {tables} tables, {rounds} rounds");
        c.bench_function(&name, |b| {
            b.iter(|| plan(black_box(&present), tables, rounds, &[], black_box(7)))
        });
        // With a host at every table, the common learning-café set-up.
        let hosts: Vec<Option<u32>> = (0..tables as u32).map(Some).collect();
        let name = format!("plan {people} people, {tables} hosted tables, {rounds} rounds");
        c.bench_function(&name, |b| {
            b.iter(|| plan(black_box(&present), tables, rounds, &hosts, black_box(7)))
        });
        let name = format!("random {people} people, {tables} tables, {rounds} rounds");
        c.bench_function(&name, |b| {
            b.iter(|| random_assignment(black_box(&present), tables, rounds, &[], black_box(7)))
        });
    }
}

criterion_group!(benches, bench_plan);
criterion_main!(benches);
