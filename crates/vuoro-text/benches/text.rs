//! The steps of finding themes, on the labelled notes and on 10,000 notes resampled from them:
//! tokenising, stemming (with compound splitting), clustering and the whole run. Figures are
//! recorded in BENCHMARKS.md; the 100,000-note run is `examples/eval.rs --scale 100000`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use vuoro_text::morph::{Morph, Splitter};
use vuoro_text::{Lang, Options, analysis, cluster, sample, themes, tokenize, vector};

fn labelled() -> (Vec<String>, Vec<String>) {
    include_str!("../data/themes-fi.csv")
        .lines()
        .skip(1)
        .filter_map(|l| l.rsplit_once(','))
        .map(|(n, l)| (n.trim_matches('"').to_owned(), l.to_owned()))
        .unzip()
}

fn bench(c: &mut Criterion) {
    let (notes, labels) = labelled();
    let (big, _) = sample::resample(&notes, &labels, 10_000, 42);
    let refs: Vec<&str> = notes.iter().map(String::as_str).collect();
    let big_refs: Vec<&str> = big.iter().map(String::as_str).collect();
    let opts = Options::default();

    c.bench_function("tokenise 450 notes", |b| {
        b.iter(|| {
            refs.iter()
                .map(|n| tokenize(black_box(n)).len())
                .sum::<usize>()
        })
    });

    let words: Vec<String> = refs.iter().flat_map(|n| tokenize(n)).collect();
    let morph = Morph::new();
    c.bench_function("stem the 450 notes' words", |b| {
        b.iter(|| {
            words
                .iter()
                .map(|w| morph.stem(black_box(w), Lang::Fi).len())
                .sum::<usize>()
        })
    });
    let counts = std::collections::HashMap::new();
    let splitter = Splitter::new(&morph, &counts, 2);
    c.bench_function("split the 450 notes' words", |b| {
        b.iter(|| {
            words
                .iter()
                .filter_map(|w| splitter.split(&morph, black_box(w)))
                .count()
        })
    });
    c.bench_function("analyse 450 notes (tokens, languages, stems, parts)", |b| {
        b.iter(|| analysis::analyse(black_box(&refs), &opts).terms.len())
    });

    let corpus = analysis::analyse(&refs, &opts);
    let order: Vec<usize> = (0..refs.len()).collect();
    let mut weighted = vector::weigh(&corpus, &order, &opts);
    let rows = vector::rows(&mut weighted);
    c.bench_function("k-means, 450 notes, k = 10", |b| {
        b.iter(|| cluster::kmeans(black_box(&rows), 10, 1, 1, 1).score)
    });
    c.bench_function("consensus clustering, 450 notes, k = 10", |b| {
        b.iter(|| {
            vuoro_text::consensus::cluster(black_box(&rows), 10, 1, opts.runs, opts.restarts, 2)
                .score
        })
    });

    c.bench_function("choose k, 450 notes", |b| {
        b.iter(|| vuoro_text::choose::choose_k(black_box(&rows), 1, 2))
    });

    c.bench_function("themes, 450 notes", |b| {
        b.iter(|| themes(black_box(&refs), &opts).themes.len())
    });
    let mut group = c.benchmark_group("large");
    group.sample_size(10);
    group.bench_function("themes, 10,000 notes", |b| {
        b.iter(|| themes(black_box(&big_refs), &opts).themes.len())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
