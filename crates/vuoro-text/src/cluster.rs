//! Note vectors and spherical k-means over them.
//!
//! A note is a sparse unit vector of weighted terms; similarity is the dot product. K-means is
//! seeded with k-means++ from a fixed seed, runs a few Lloyd steps and then moves single notes
//! while that improves the objective ([`hartigan`]); restarts run on a sample and the best is
//! refined on every note. Sums run in note order, so the same notes in the same order give the
//! same result on any machine and any number of threads.

use crate::analysis::par_map;
use crate::rng::Rng;

/// Unit-length sparse note vectors (CSR).
#[derive(Debug, Default, Clone)]
pub struct Rows {
    /// Row starts into `idx`/`val`; `len() + 1` entries.
    pub indptr: Vec<usize>,
    /// Column indices.
    pub idx: Vec<u32>,
    /// Values.
    pub val: Vec<f32>,
    /// The number of columns.
    pub sparse_dim: usize,
}

impl Rows {
    /// The number of rows.
    pub fn len(&self) -> usize {
        self.indptr.len().saturating_sub(1)
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn row(&self, i: usize) -> (&[u32], &[f32]) {
        let (a, b) = (self.indptr[i], self.indptr[i + 1]);
        (&self.idx[a..b], &self.val[a..b])
    }

    /// The dot product of row `i` with a dense vector of `sparse_dim` values.
    pub fn dot(&self, i: usize, c: &[f32]) -> f32 {
        let (idx, val) = self.row(i);
        idx.iter().zip(val).map(|(j, v)| v * c[*j as usize]).sum()
    }

    /// The dot products of row `i` with `k` vectors stored column by column in `m` (value
    /// `c` of column `j` at `m[j * k + c]`), into `out`. One pass over the row's terms reads
    /// `k` neighbouring values per term, which is what makes comparing a note with every
    /// centroid cheap.
    pub fn dots(&self, i: usize, m: &[f32], k: usize, out: &mut [f32]) {
        out.fill(0.0);
        let (idx, val) = self.row(i);
        for (j, v) in idx.iter().zip(val) {
            let col = &m[*j as usize * k..(*j as usize + 1) * k];
            for (o, x) in out.iter_mut().zip(col) {
                *o += v * x;
            }
        }
    }

    /// Adds `scale` times row `i` to column `c` of the column-major `m` (as in [`Rows::dots`]).
    fn add_to_column(&self, i: usize, m: &mut [f32], k: usize, c: usize, scale: f32) {
        let (idx, val) = self.row(i);
        for (j, v) in idx.iter().zip(val) {
            m[*j as usize * k + c] += scale * v;
        }
    }

    /// The squared length of row `i`.
    pub fn dot_self(&self, i: usize) -> f32 {
        self.row(i).1.iter().map(|v| v * v).sum()
    }

    /// Adds `scale` times row `i` to `acc`.
    pub fn add_scaled(&self, i: usize, acc: &mut [f32], scale: f32) {
        let (idx, val) = self.row(i);
        for (j, v) in idx.iter().zip(val) {
            acc[*j as usize] += scale * v;
        }
    }

    /// The rows at `which`, in that order.
    pub fn subset(&self, which: &[usize]) -> Rows {
        let mut r = Rows {
            indptr: vec![0],
            sparse_dim: self.sparse_dim,
            ..Rows::default()
        };
        for &i in which {
            let (idx, val) = self.row(i);
            r.idx.extend_from_slice(idx);
            r.val.extend_from_slice(val);
            r.indptr.push(r.idx.len());
        }
        r
    }
}

/// The result of clustering: each row's cluster and the unit-length centroids.
#[derive(Debug, Clone)]
pub struct Clustering {
    /// Cluster of each row.
    pub assign: Vec<u32>,
    /// The centroids, `k` of `sparse_dim` values each.
    pub centroids: Vec<Vec<f32>>,
    /// The objective: the sum over clusters of the length of the cluster's sum of rows.
    pub score: f64,
}

impl Clustering {
    fn empty() -> Self {
        Clustering {
            assign: Vec::new(),
            centroids: Vec::new(),
            score: 0.0,
        }
    }
}

/// Restarts run on at most this many rows; the winner is then refined on all of them.
const SAMPLE: usize = 3000;
/// Lloyd steps before single-note moves take over.
const LLOYD_STEPS: usize = 3;
/// Passes of single-note moves at most.
const MAX_PASSES: usize = 30;

/// Spherical k-means of `rows` into `k` clusters, the best of `restarts` seedings.
pub fn kmeans(rows: &Rows, k: usize, seed: u64, restarts: usize, threads: usize) -> Clustering {
    let n = rows.len();
    if n == 0 {
        return Clustering::empty();
    }
    let k = k.clamp(1, n);
    let all: Vec<usize> = (0..n).collect();
    let sample: Vec<usize> = if n > SAMPLE {
        (0..SAMPLE).map(|i| i * n / SAMPLE).collect()
    } else {
        all.clone()
    };
    let mut best: Option<Clustering> = None;
    for r in 0..restarts.max(1) {
        let mut rng = Rng::new(seed.wrapping_add(r as u64));
        let init = plus_plus(rows, &sample, k, &mut rng);
        let assign = lloyd(rows, &sample, init, LLOYD_STEPS, threads);
        let c = hartigan(rows, &sample, assign, k, MAX_PASSES);
        if best.as_ref().is_none_or(|b| c.score > b.score) {
            best = Some(c);
        }
    }
    let Some(best) = best else {
        return Clustering::empty();
    };
    if sample.len() == n {
        return best;
    }
    let assign = lloyd(rows, &all, best.centroids, LLOYD_STEPS, threads);
    hartigan(rows, &all, assign, k, MAX_PASSES)
}

/// k-means++ seeding over `members`, with 1 − similarity as the distance.
fn plus_plus(rows: &Rows, members: &[usize], k: usize, rng: &mut Rng) -> Vec<Vec<f32>> {
    let unit = |i: usize| {
        let mut c = vec![0.0; rows.sparse_dim];
        rows.add_scaled(i, &mut c, 1.0);
        c
    };
    let mut centroids: Vec<Vec<f32>> = Vec::with_capacity(k);
    centroids.push(unit(members[rng.below(members.len())]));
    let mut dist: Vec<f64> = members
        .iter()
        .map(|&i| (1.0 - rows.dot(i, &centroids[0]) as f64).max(0.0))
        .collect();
    while centroids.len() < k {
        let total: f64 = dist.iter().map(|d| d * d).sum();
        let pick = if total <= 0.0 {
            rng.below(members.len())
        } else {
            let mut x = rng.unit() * total;
            let mut chosen = members.len() - 1;
            for (j, d) in dist.iter().enumerate() {
                x -= d * d;
                if x <= 0.0 {
                    chosen = j;
                    break;
                }
            }
            chosen
        };
        let c = unit(members[pick]);
        for (j, &i) in members.iter().enumerate() {
            let d = (1.0 - rows.dot(i, &c) as f64).max(0.0);
            if d < dist[j] {
                dist[j] = d;
            }
        }
        centroids.push(c);
    }
    centroids
}

/// The index of the centroid most similar to row `i` (the first on ties) and the similarity.
pub fn nearest(rows: &Rows, i: usize, centroids: &[Vec<f32>]) -> (u32, f32) {
    let mut best = (0u32, f32::NEG_INFINITY);
    for (j, c) in centroids.iter().enumerate() {
        let s = rows.dot(i, c);
        if s > best.1 {
            best = (j as u32, s);
        }
    }
    best
}

/// `centroids` column by column, as [`Rows::dots`] reads them.
pub fn column_major(centroids: &[Vec<f32>], dim: usize) -> Vec<f32> {
    let k = centroids.len();
    let mut m = vec![0.0f32; dim * k];
    for (c, v) in centroids.iter().enumerate() {
        for (j, x) in v.iter().enumerate() {
            m[j * k + c] = *x;
        }
    }
    m
}

/// As [`nearest`], with the centroids column by column ([`column_major`]).
pub fn nearest_cm(rows: &Rows, i: usize, m: &[f32], k: usize) -> (u32, f32) {
    let mut d = vec![0.0f32; k];
    rows.dots(i, m, k, &mut d);
    let mut best = (0u32, f32::NEG_INFINITY);
    for (j, s) in d.into_iter().enumerate() {
        if s > best.1 {
            best = (j as u32, s);
        }
    }
    best
}

/// Lloyd steps over `members` from the given centroids; the cluster of each member.
fn lloyd(
    rows: &Rows,
    members: &[usize],
    mut centroids: Vec<Vec<f32>>,
    steps: usize,
    threads: usize,
) -> Vec<u32> {
    let k = centroids.len();
    let mut assign: Vec<u32> = vec![u32::MAX; members.len()];
    for step in 0..steps.max(1) {
        let m = column_major(&centroids, rows.sparse_dim);
        let next: Vec<(u32, f32)> = par_map(members, threads, |&i| nearest_cm(rows, i, &m, k));
        let mut changed = false;
        for (a, (b, _)) in assign.iter_mut().zip(&next) {
            changed |= *a != *b;
            *a = *b;
        }
        if !changed || step + 1 == steps {
            break;
        }
        let sims: Vec<f32> = next.iter().map(|(_, s)| *s).collect();
        centroids = means(rows, members, &assign, &sims, k);
    }
    assign
}

/// Unit-length means; an empty cluster takes the row least similar to its own centroid.
fn means(rows: &Rows, members: &[usize], assign: &[u32], sims: &[f32], k: usize) -> Vec<Vec<f32>> {
    let mut sums = vec![vec![0.0f32; rows.sparse_dim]; k];
    let mut sizes = vec![0usize; k];
    for (j, &i) in members.iter().enumerate() {
        let a = assign[j] as usize;
        rows.add_scaled(i, &mut sums[a], 1.0);
        sizes[a] += 1;
    }
    let mut taken = vec![false; members.len()];
    for c in 0..k {
        if sizes[c] == 0 {
            let worst = (0..members.len())
                .filter(|&j| !taken[j] && sizes[assign[j] as usize] > 1)
                .min_by(|&a, &b| sims[a].total_cmp(&sims[b]).then(a.cmp(&b)));
            if let Some(j) = worst {
                taken[j] = true;
                sizes[assign[j] as usize] -= 1;
                sizes[c] += 1;
                rows.add_scaled(members[j], &mut sums[c], 1.0);
            }
        }
        normalise(&mut sums[c]);
    }
    sums
}

/// Moves single notes between clusters while that raises the objective (Hartigan's method for
/// spherical k-means, Dhillon's "first variation"). With unit rows the objective is the sum over
/// clusters of the length of the cluster's sum vector, and the gain of a move needs only the
/// note's dot products with those sums. Batch Lloyd steps stall in poor local optima on sparse
/// short notes, since moving one note shifts its small cluster's centre noticeably; this takes
/// that into account. Notes are visited in order and the first best cluster wins.
pub fn hartigan(
    rows: &Rows,
    members: &[usize],
    mut assign: Vec<u32>,
    k: usize,
    passes: usize,
) -> Clustering {
    let dim = rows.sparse_dim;
    // Cluster sums, column by column.
    let mut sums = vec![0.0f32; dim * k];
    let mut sizes = vec![0usize; k];
    for (j, &i) in members.iter().enumerate() {
        rows.add_to_column(i, &mut sums, k, assign[j] as usize, 1.0);
        sizes[assign[j] as usize] += 1;
    }
    let mut sq = vec![0.0f64; k];
    for col in sums.chunks_exact(k) {
        for (s, x) in sq.iter_mut().zip(col) {
            *s += (*x as f64).powi(2);
        }
    }
    let mut dots = vec![0.0f32; k];
    for _ in 0..passes {
        let mut moved = false;
        for (j, &i) in members.iter().enumerate() {
            let a = assign[j] as usize;
            let xx = rows.dot_self(i) as f64;
            if sizes[a] <= 1 || xx == 0.0 {
                continue;
            }
            rows.dots(i, &sums, k, &mut dots);
            let da = dots[a] as f64;
            let without = (sq[a] - 2.0 * da + xx).max(0.0).sqrt() - sq[a].sqrt();
            let mut best = (a, 0.0f64);
            for c in (0..k).filter(|c| *c != a) {
                let dc = dots[c] as f64;
                let gain = (sq[c] + 2.0 * dc + xx).max(0.0).sqrt() - sq[c].sqrt() + without;
                if gain > best.1 + 1e-9 {
                    best = (c, gain);
                }
            }
            let b = best.0;
            if b != a {
                rows.add_to_column(i, &mut sums, k, a, -1.0);
                rows.add_to_column(i, &mut sums, k, b, 1.0);
                sq[a] = (sq[a] - 2.0 * da + xx).max(0.0);
                sq[b] += 2.0 * dots[b] as f64 + xx;
                sizes[a] -= 1;
                sizes[b] += 1;
                assign[j] = b as u32;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    let mut centroids = vec![vec![0.0f32; dim]; k];
    for (j, col) in sums.chunks_exact(k).enumerate() {
        for (c, x) in col.iter().enumerate() {
            centroids[c][j] = *x;
        }
    }
    let score = centroids
        .iter()
        .map(|s| s.iter().map(|x| (*x as f64).powi(2)).sum::<f64>().sqrt())
        .sum();
    for s in &mut centroids {
        normalise(s);
    }
    Clustering {
        assign,
        centroids,
        score,
    }
}

/// Scales `v` to unit length (a zero vector stays zero).
pub fn normalise(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        for x in v {
            *x /= norm;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows with one 1.0 in the given column.
    fn one_hot(cols: &[u32], dim: usize) -> Rows {
        Rows {
            indptr: (0..=cols.len()).collect(),
            idx: cols.to_vec(),
            val: vec![1.0; cols.len()],
            sparse_dim: dim,
        }
    }

    #[test]
    fn separates_obvious_groups() {
        let rows = one_hot(&[0, 0, 0, 1, 1, 2, 2, 2], 3);
        let c = kmeans(&rows, 3, 1, 3, 1);
        let a = &c.assign;
        assert!(a[0] == a[1] && a[1] == a[2]);
        assert!(a[3] == a[4] && a[3] != a[0]);
        assert!(a[5] == a[6] && a[6] == a[7] && a[5] != a[0] && a[5] != a[3]);
    }

    #[test]
    fn single_moves_raise_the_objective() {
        // Two clean groups, started badly mixed.
        let rows = one_hot(&[0, 0, 0, 1, 1, 1], 2);
        let c = hartigan(&rows, &[0, 1, 2, 3, 4, 5], vec![0, 1, 0, 1, 0, 1], 2, 10);
        assert!((c.score - 6.0).abs() < 1e-6, "{}", c.score);
        assert_eq!(c.assign[0], c.assign[1]);
        assert_ne!(c.assign[0], c.assign[3]);
    }

    #[test]
    fn more_clusters_than_rows_is_fine() {
        let rows = one_hot(&[0, 1], 2);
        assert_eq!(kmeans(&rows, 5, 1, 2, 1).assign.len(), 2);
        let empty = Rows {
            indptr: vec![0],
            ..Rows::default()
        };
        assert!(kmeans(&empty, 3, 1, 2, 1).assign.is_empty());
    }
}
