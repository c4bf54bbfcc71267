//! Choosing the number of themes from the notes.
//!
//! Each candidate k is scored on a k-means clustering by two measures of how well the notes
//! fall apart into k themes, with 1 − cosine as the distance: the Calinski–Harabasz index
//! (between-theme spread per degree of freedom over within-theme spread per degree of freedom)
//! and the mean silhouette. On short notes both drift with k whatever the notes say (the index
//! down, the silhouette up), so each is compared with the same measure on *null* copies of the
//! notes: the same notes' lengths and the same term frequencies, with the terms dealt out to
//! notes at random, which have no themes at all. The k whose measures stand furthest above
//! their nulls' wins. On subsets of the labelled notes with 2 to 10 themes this came nearer the
//! true number than the silhouette or the gap statistic alone, or the agreement of k-means runs
//! from different seeds (`examples/choosek.rs`, `BENCHMARKS.md`).
//!
//! Candidates lie between half and twice [`default_k`](crate::default_k), so the formula stays
//! the centre of the search and the choice cannot run off to extremes on notes without clear
//! themes. The work is bounded: at most [`SAMPLE`] notes (evenly spaced in the canonical order,
//! so shuffled input chooses the same k), whatever the number of notes.

use crate::analysis::par_map_chunked;
use crate::cluster::{Rows, kmeans};
use crate::rng::Rng;

/// Notes the choice looks at, at most.
pub const SAMPLE: usize = 500;
/// Null copies and k-means restarts scale inversely with the notes looked at, so the work stays
/// about the same for every size while few notes, whose indices are the noisiest, get the most
/// repetitions: `WORK / notes` each, within the bounds below.
const WORK: usize = 1000;
/// Null copies per candidate, at least and at most.
const NULLS: (usize, usize) = (2, 16);
/// k-means restarts per clustering (the tightest wins), at least and at most.
const RESTARTS: (usize, usize) = (3, 8);
/// Weight of the silhouette's rise above its nulls' in the score, next to the log of the
/// Calinski–Harabasz ratio. The index alone cannot tell two from three clear topics in a
/// 15-note session reliably (their scores differ by less than the nulls' noise); the silhouette
/// can, and together they chose nearer the true number on the labelled subsets than either.
const SILHOUETTE: f64 = 2.0;
/// Candidates at most: the largest number of themes a person reads through in one sitting.
pub const MAX_K: usize = 16;

/// The candidate numbers of themes for `n` notes, ascending.
pub fn candidates(n: usize) -> Vec<usize> {
    if n < 4 {
        return vec![crate::default_k(n)];
    }
    let d = crate::default_k(n);
    let lo = d.div_ceil(2).max(2);
    // Below three notes per theme on average a theme says little.
    let hi = (2 * d).min(MAX_K).min(n / 3).max(lo);
    (lo..=hi).collect()
}

/// How much a candidate's score is lowered per unit of |ln(k / default_k)|. On notes whose
/// themes are not clear the scores of neighbouring k differ by less than their noise (about
/// 0.02 on the labelled notes); this keeps such a choice near the formula, while a clear
/// structure (a 15-note session on three topics scores 0.06 to 0.09 above its neighbours) still
/// wins.
pub const PRIOR: f64 = 0.1;

/// The number of themes for `rows` (unit note vectors in canonical order).
pub fn choose_k(rows: &Rows, seed: u64, threads: usize) -> usize {
    let scored = scores(rows, seed, threads);
    pick(&scored, crate::default_k(rows.len()), PRIOR)
}

/// The candidate with the best score once lowered by `prior` per unit of |ln(k / centre)|; ties
/// go to the smaller k, since fewer themes are easier to read.
pub fn pick(scored: &[(usize, f64)], centre: usize, prior: f64) -> usize {
    let mut best = (centre, f64::NEG_INFINITY);
    for (k, s) in scored {
        let s = s - prior * (*k as f64 / centre.max(1) as f64).ln().abs();
        if s > best.1 + 1e-9 {
            best = (*k, s);
        }
    }
    best.0
}

/// Each candidate k with its score: the log of its Calinski–Harabasz index over the mean index
/// of the null copies, plus [`SILHOUETTE`] times its silhouette's rise above theirs.
pub fn scores(rows: &Rows, seed: u64, threads: usize) -> Vec<(usize, f64)> {
    let n = rows.len();
    let ks = candidates(n);
    if ks.len() == 1 {
        return vec![(ks[0], 0.0)];
    }
    let sample: Vec<usize> = if n > SAMPLE {
        (0..SAMPLE).map(|i| i * n / SAMPLE).collect()
    } else {
        (0..n).collect()
    };
    let m = sample.len().max(1);
    let nulls = (WORK / m).clamp(NULLS.0, NULLS.1);
    let restarts = (WORK / m).clamp(RESTARTS.0, RESTARTS.1);
    let mut copies = vec![rows.subset(&sample)];
    for z in 0..nulls as u64 {
        copies.push(null_copy(&copies[0], seed.wrapping_add(z)));
    }
    let totals: Vec<f64> = copies.iter().map(total_spread).collect();
    // One job per (candidate, copy), so that both threads stay busy.
    let jobs: Vec<(usize, usize)> = ks
        .iter()
        .flat_map(|k| (0..copies.len()).map(move |c| (*k, c)))
        .collect();
    let both: Vec<(f64, f64)> = par_map_chunked(&jobs, threads, 1, |&(k, c)| {
        let km = kmeans(&copies[c], k, seed, restarts, 1);
        let within = copies[c].len() as f64 - km.score;
        (
            calinski_harabasz(totals[c], within, copies[c].len(), k),
            silhouette(&copies[c], &km.assign, k),
        )
    });
    let index: Vec<f64> = both.iter().map(|x| x.0).collect();
    let sil: Vec<f64> = both.iter().map(|x| x.1).collect();
    let per = copies.len();
    ks.iter()
        .enumerate()
        .map(|(i, k)| {
            let own = index[i * per];
            let null = index[i * per + 1..(i + 1) * per].iter().sum::<f64>() / nulls as f64;
            let s0 = sil[i * per + 1..(i + 1) * per].iter().sum::<f64>() / nulls as f64;
            (
                *k,
                own.max(1e-12).ln() - null.max(1e-12).ln() + SILHOUETTE * (sil[i * per] - s0),
            )
        })
        .collect()
}

/// The mean silhouette of `assign` with 1 − cosine as the distance. With unit rows a note's mean
/// similarity to a theme is its dot product with the theme's sum, so this costs one pass.
fn silhouette(rows: &Rows, assign: &[u32], k: usize) -> f64 {
    let n = rows.len();
    let mut sums = vec![vec![0.0f32; rows.sparse_dim]; k];
    let mut size = vec![0usize; k];
    for (i, a) in assign.iter().enumerate() {
        rows.add_scaled(i, &mut sums[*a as usize], 1.0);
        size[*a as usize] += 1;
    }
    let mut total = 0.0;
    for (i, a) in assign.iter().enumerate() {
        let a = *a as usize;
        if size[a] <= 1 {
            continue;
        }
        let own =
            1.0 - (rows.dot(i, &sums[a]) as f64 - rows.dot_self(i) as f64) / (size[a] - 1) as f64;
        let other = (0..k)
            .filter(|c| *c != a && size[*c] > 0)
            .map(|c| 1.0 - rows.dot(i, &sums[c]) as f64 / size[c] as f64)
            .fold(f64::INFINITY, f64::min);
        if other.is_finite() && own.max(other) > 0.0 {
            total += (other - own) / own.max(other);
        }
    }
    total / n.max(1) as f64
}

/// The spread of unit rows around their mean direction: n − |Σ rows|, the sum over rows of
/// 1 − cosine to the mean direction (as within a theme, where k-means' score is Σ |Σ rows|).
fn total_spread(rows: &Rows) -> f64 {
    let mut sum = vec![0.0f32; rows.sparse_dim];
    for i in 0..rows.len() {
        rows.add_scaled(i, &mut sum, 1.0);
    }
    rows.len() as f64 - sum.iter().map(|x| (*x as f64).powi(2)).sum::<f64>().sqrt()
}

/// Between-theme spread per degree of freedom over within-theme spread per degree of freedom.
fn calinski_harabasz(total: f64, within: f64, n: usize, k: usize) -> f64 {
    let between = (total - within).max(0.0);
    let within = within.max(1e-12);
    (between / (k.max(2) - 1) as f64) / (within / n.saturating_sub(k).max(1) as f64)
}

/// `rows` with their terms dealt out at random: every note keeps its length and weights and
/// every term its number of uses, but which note has which term is chance, so there are no
/// themes to find.
fn null_copy(rows: &Rows, seed: u64) -> Rows {
    let mut rng = Rng::new(seed ^ 0x6e75_6c6c);
    let mut idx = rows.idx.clone();
    for i in (1..idx.len()).rev() {
        idx.swap(i, rng.below(i + 1));
    }
    let mut out = Rows {
        indptr: vec![0],
        sparse_dim: rows.sparse_dim,
        ..Rows::default()
    };
    for w in rows.indptr.windows(2) {
        let mut terms: Vec<(u32, f32)> = (w[0]..w[1]).map(|j| (idx[j], rows.val[j])).collect();
        terms.sort_by_key(|(t, _)| *t);
        let mut merged: Vec<(u32, f32)> = Vec::with_capacity(terms.len());
        for (t, x) in terms {
            match merged.last_mut() {
                Some((lt, lx)) if *lt == t => *lx += x,
                _ => merged.push((t, x)),
            }
        }
        let norm = merged.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
        for (t, x) in merged {
            out.idx.push(t);
            out.val.push(if norm > 0.0 { x / norm } else { 0.0 });
        }
        out.indptr.push(out.idx.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_stay_around_the_formula() {
        assert_eq!(candidates(15), vec![2, 3, 4]);
        assert_eq!(candidates(2), vec![2]);
        let c = candidates(450);
        assert!(c.contains(&11) && c[0] >= 5 && *c.last().unwrap_or(&0) <= MAX_K);
    }

    #[test]
    fn the_null_copy_keeps_lengths_and_unit_rows() {
        let rows = Rows {
            indptr: vec![0, 2, 3, 5],
            idx: vec![0, 1, 2, 0, 3],
            val: vec![0.6, 0.8, 1.0, 0.6, 0.8],
            sparse_dim: 4,
        };
        let z = null_copy(&rows, 1);
        assert_eq!(z.len(), 3);
        for i in 0..3 {
            assert!((z.dot_self(i) - 1.0).abs() < 1e-5);
        }
    }
}
