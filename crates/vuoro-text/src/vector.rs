//! Weighted term vectors of notes.

use crate::Options;
use crate::analysis::Corpus;
use crate::cluster::Rows;

/// Which terms count, and how much: the term weights per note and the kept terms.
#[derive(Debug, Clone)]
pub struct Weighted {
    /// Per note, in `order`: (term, weight) sorted by term, before normalisation; [`rows`]
    /// takes them over and leaves this empty.
    pub notes: Vec<Vec<(u32, f32)>>,
    /// Per term: the number of notes it occurs in.
    pub df: Vec<u32>,
    /// Per term: whether it is used (frequent enough, not too common).
    pub kept: Vec<bool>,
}

/// Term weights: a note's strongest use of a term plus a quarter of each further use, times
/// the smoothed inverse document frequency (scikit-learn's `ln((1+n)/(1+df)) + 1`). Terms in a single note cannot bring two notes
/// together and terms in most notes cannot tell them apart; both are left out.
pub fn weigh(corpus: &Corpus, order: &[usize], opts: &Options) -> Weighted {
    let nt = corpus.terms.len();
    let n = order.len();
    let mut df = vec![0u32; nt];
    let mut per_note: Vec<Vec<(u32, f32)>> = Vec::with_capacity(n);
    for &i in order {
        let mut v: Vec<(u32, f32)> = corpus.note_terms(i).map(|(t, w, _)| (t, w)).collect();
        v.sort_by_key(|(t, _)| *t);
        // Repeated terms count little more than once: repetition in a short note is emphasis,
        // not topic.
        let mut merged: Vec<(u32, f32)> = Vec::with_capacity(v.len());
        for (t, w) in v {
            match merged.last_mut() {
                Some((lt, lw)) if *lt == t => *lw = lw.max(w) + 0.25 * lw.min(w),
                _ => merged.push((t, w)),
            }
        }
        for (t, _) in &merged {
            df[*t as usize] += 1;
        }
        per_note.push(merged);
    }
    let max_df = (opts.max_df * n as f32).max(2.0) as u32;
    let min_df = if n >= 20 { 2 } else { 1 };
    let kept: Vec<bool> = df.iter().map(|d| *d >= min_df && *d <= max_df).collect();
    let nf = n as f32;
    for v in &mut per_note {
        v.retain(|(t, _)| kept[*t as usize]);
        for (t, w) in v.iter_mut() {
            let d = df[*t as usize] as f32;
            *w *= ((1.0 + nf) / (1.0 + d)).ln() + 1.0;
        }
    }
    Weighted {
        notes: per_note,
        df,
        kept,
    }
}

/// Unit-length sparse rows of the non-empty notes of `w`, in order, with the kept terms
/// renumbered densely so that centroids are only as long as the vocabulary in use. The notes'
/// weights move into the rows (each note's list is freed once copied), so that 100,000 notes
/// are not held twice.
pub fn rows(w: &mut Weighted) -> Rows {
    let mut compact = vec![u32::MAX; w.kept.len()];
    let mut next = 0u32;
    for (t, k) in w.kept.iter().enumerate() {
        if *k {
            compact[t] = next;
            next += 1;
        }
    }
    let notes = std::mem::take(&mut w.notes);
    let nnz = notes.iter().map(Vec::len).sum();
    let mut r = Rows {
        indptr: Vec::with_capacity(notes.len() + 1),
        idx: Vec::with_capacity(nnz),
        val: Vec::with_capacity(nnz),
        sparse_dim: next as usize,
    };
    r.indptr.push(0);
    for v in notes.into_iter().filter(|v| !v.is_empty()) {
        let norm = v.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
        r.idx.extend(v.iter().map(|(t, _)| compact[*t as usize]));
        r.val.extend(v.iter().map(|(_, x)| x / norm));
        r.indptr.push(r.idx.len());
    }
    r
}
