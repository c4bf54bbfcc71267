//! Larger note sets made from a small labelled one, for speed measurements: notes are drawn
//! with replacement and perturbed (a word dropped, two words swapped, a typo, a word borrowed
//! from another note of the same label), so the vocabulary grows as real notes' would.

use crate::rng::Rng;

/// `n` notes and their labels resampled and perturbed from `notes`/`labels`, from `seed`.
pub fn resample(
    notes: &[String],
    labels: &[String],
    n: usize,
    seed: u64,
) -> (Vec<String>, Vec<String>) {
    let mut rng = Rng::new(seed);
    let mut out_notes = Vec::with_capacity(n);
    let mut out_labels = Vec::with_capacity(n);
    if notes.is_empty() {
        return (out_notes, out_labels);
    }
    for _ in 0..n {
        let i = rng.below(notes.len());
        let mut words: Vec<String> = notes[i].split_whitespace().map(str::to_owned).collect();
        if words.len() > 3 && rng.unit() < 0.4 {
            let j = rng.below(words.len());
            words.remove(j);
        }
        if words.len() > 2 && rng.unit() < 0.3 {
            let j = rng.below(words.len() - 1);
            words.swap(j, j + 1);
        }
        if !words.is_empty() && rng.unit() < 0.3 {
            let j = rng.below(words.len());
            let mut chars: Vec<char> = words[j].chars().collect();
            if chars.len() > 3 {
                let p = rng.below(chars.len());
                if rng.unit() < 0.5 {
                    chars.remove(p);
                } else {
                    let c = chars[p];
                    chars.insert(p, c);
                }
                words[j] = chars.into_iter().collect();
            }
        }
        if rng.unit() < 0.3 {
            // A word from another note of the same label.
            let j = rng.below(notes.len());
            if labels[j] == labels[i]
                && let Some(w) = notes[j].split_whitespace().nth(rng.below(3))
            {
                words.push(w.to_owned());
            }
        }
        out_notes.push(words.join(" "));
        out_labels.push(labels[i].clone());
    }
    (out_notes, out_labels)
}
