//! Consensus of many k-means runs (evidence accumulation).
//!
//! Single k-means runs on short notes land in different local optima, each grouping some notes
//! well and others by chance. Notes that many runs put together belong together; notes that share
//! a cluster only by chance do not. Each note is represented by the clusters it got in every
//! run (one-hot per run), and those vectors are clustered once more: two notes' similarity is then
//! the share of runs that grouped them together. Runs use a sample of at most [`SAMPLE`] notes;
//! every note then goes to the nearest centroid of the sample's themes.

use crate::analysis::{par_map, par_map_chunked};
use crate::cluster::{Clustering, Rows, kmeans, nearest, normalise};

/// Notes in the consensus at most.
pub const SAMPLE: usize = 3000;

/// Clusters `rows` into `k` themes from `runs` k-means runs.
pub fn cluster(
    rows: &Rows,
    k: usize,
    seed: u64,
    runs: usize,
    restarts: usize,
    threads: usize,
) -> Clustering {
    let n = rows.len();
    if n == 0 {
        return kmeans(rows, k, seed, 1, threads);
    }
    let k = k.clamp(1, n);
    let sample: Vec<usize> = if n > SAMPLE {
        (0..SAMPLE).map(|i| i * n / SAMPLE).collect()
    } else {
        (0..n).collect()
    };
    let sub = rows.subset(&sample);
    let m = sample.len();
    let seeds: Vec<u64> = (0..runs.max(1) as u64).collect();
    let labels: Vec<Vec<u32>> = par_map_chunked(&seeds, threads, 1, |r| {
        kmeans(&sub, k, seed.wrapping_add(1000 + r * 7919), 1, 1).assign
    });
    let width = k as u32;
    let mut votes = Rows {
        indptr: vec![0],
        sparse_dim: labels.len() * k,
        ..Rows::default()
    };
    let v = 1.0 / (labels.len() as f32).sqrt();
    for j in 0..m {
        for (r, l) in labels.iter().enumerate() {
            votes.idx.push(r as u32 * width + l[j]);
            votes.val.push(v);
        }
        votes.indptr.push(votes.idx.len());
    }
    let agreed = kmeans(&votes, k, seed, restarts, threads);
    let mut sums = vec![vec![0.0f32; rows.sparse_dim]; k];
    for (j, &i) in sample.iter().enumerate() {
        rows.add_scaled(i, &mut sums[agreed.assign[j] as usize], 1.0);
    }
    for s in &mut sums {
        normalise(s);
    }
    if m == n {
        return Clustering {
            score: agreed.score,
            assign: agreed.assign,
            centroids: sums,
        };
    }
    let all: Vec<usize> = (0..n).collect();
    let near = par_map(&all, threads, |&i| nearest(rows, i, &sums));
    Clustering {
        score: near.iter().map(|(_, s)| *s as f64).sum(),
        assign: near.into_iter().map(|(a, _)| a).collect(),
        centroids: sums,
    }
}
