//! From notes to terms: words, the language of each note, stems and compound parts.
//!
//! Every distinct word is analysed once, however many notes use it: resampled or repetitive
//! note sets (a hundred phones answering one question) have far fewer distinct words than words.
//! Notes are split into fixed-size chunks that threads take in turn; results are put back in
//! chunk order, so the outcome does not depend on the number of threads.

use crate::fxhash::FxHashMap as HashMap;

use crate::lemma::Lemma;
use crate::morph::{Morph, Splitter};
use crate::stopwords::is_stop_word;
use crate::{Lang, Options, lang, token};

/// Notes per chunk of parallel work.
const CHUNK: usize = 2048;

/// The terms of a set of notes.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Per note: its language.
    pub langs: Vec<Lang>,
    /// Per note: its content words, as indices into [`Corpus::words`].
    pub note_words: Vec<Vec<u32>>,
    /// Per distinct word: its (term, weight) pairs, the stem first. Terms are kept per word,
    /// not per note, since a word brings a dozen terms (parts, prefix, n-grams) and 100,000
    /// notes would otherwise hold them all again.
    pub word_terms: Vec<Vec<(u32, f32)>>,
    /// Term strings (stems, `~` prefixes, `#` n-grams), indexed by term id; sorted, so ids do
    /// not depend on the order of the notes.
    pub terms: Vec<String>,
    /// Distinct surface words, indexed by word id.
    pub words: Vec<String>,
    /// Per distinct word: the language of the notes it was read in.
    pub word_langs: Vec<Lang>,
    /// Per distinct word: a dictionary's analysis, when [`Options::lemmatizer`] knows it.
    pub lemmas: Vec<Option<Lemma>>,
}

impl Corpus {
    /// The (term, weight, word) triples of note `i`, one per term of each of its words.
    pub fn note_terms(&self, i: usize) -> impl Iterator<Item = (u32, f32, u32)> + '_ {
        self.note_words[i].iter().flat_map(move |w| {
            self.word_terms[*w as usize]
                .iter()
                .map(move |(t, x)| (*t, *x, *w))
        })
    }
}

/// Runs `f` over `items` in chunks on up to `threads` threads; results keep item order.
pub(crate) fn par_map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    par_map_chunked(items, threads, CHUNK, f)
}

/// As [`par_map`] with `chunk` items per piece of work, for items that are costly each.
pub(crate) fn par_map_chunked<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    chunk: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let chunk = chunk.max(1);
    if threads <= 1 || items.len() <= chunk {
        return items.iter().map(&f).collect();
    }
    let chunks: Vec<&[T]> = items.chunks(chunk).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, Vec<R>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(chunk) = chunks.get(i) else { break };
                        mine.push((i, chunk.iter().map(&f).collect::<Vec<R>>()));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().flat_map(|(_, r)| r).collect()
}

/// The number of threads to use.
pub(crate) fn threads(opts: &Options) -> usize {
    opts.threads.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    })
}

/// Tokenises, detects languages, stems and splits compounds.
pub fn analyse(notes: &[&str], opts: &Options) -> Corpus {
    let morph = Morph::new();
    let threads = threads(opts);
    // Words of each note, its language and the content words (stop words out).
    let tokenised: Vec<(Lang, Vec<String>)> = par_map(notes, threads, |n| {
        let words = token::tokenize(n);
        let lang = lang::detect(&words);
        let content = words
            .into_iter()
            // Arabic words are compared in one spelling (crate::morph::ar_normalise).
            .map(|w| match lang {
                Lang::Ar => crate::morph::ar_normalise(&w),
                _ => w,
            })
            .filter(|w| w.chars().count() >= 2 && !is_stop_word(w, lang))
            .collect();
        (lang, content)
    });

    // Distinct (language, word) pairs, in order of first use.
    let mut word_ids: HashMap<(Lang, &str), u32> = HashMap::default();
    let mut distinct: Vec<(Lang, &str)> = Vec::new();
    let mut uses: Vec<u32> = Vec::new();
    let mut note_words: Vec<Vec<u32>> = Vec::with_capacity(tokenised.len());
    for (lang, words) in &tokenised {
        let mut ids = Vec::with_capacity(words.len());
        for w in words {
            let id = *word_ids.entry((*lang, w.as_str())).or_insert_with(|| {
                distinct.push((*lang, w.as_str()));
                uses.push(0);
                (distinct.len() - 1) as u32
            });
            ids.push(id);
            uses[id as usize] += 1;
        }
        note_words.push(ids);
    }
    // Own the distinct words and let the per-note word lists go before the heavier steps.
    let langs: Vec<Lang> = tokenised.iter().map(|(l, _)| *l).collect();
    let words: Vec<String> = distinct.iter().map(|(_, w)| (*w).to_owned()).collect();
    let word_langs: Vec<Lang> = distinct.iter().map(|(l, _)| *l).collect();
    drop(word_ids);
    drop(distinct);
    drop(tokenised);
    let distinct: Vec<(Lang, &str)> = word_langs
        .iter()
        .zip(&words)
        .map(|(l, w)| (*l, w.as_str()))
        .collect();

    // A dictionary's analysis of every distinct Finnish word it knows.
    let lemmas: Vec<Option<Lemma>> = match &opts.lemmatizer {
        Some(l) => par_map(&distinct, threads, |(lang, w)| {
            (*lang == Lang::Fi).then(|| l.lemma(w)).flatten()
        }),
        None => vec![None; distinct.len()],
    };
    // Every distinct word's stem (of its base form when known), once; the splitter learns the
    // notes' words from them.
    let stems: Vec<String> = par_map(&distinct, threads, |(lang, w)| morph.stem(w, *lang));
    let stems: Vec<String> = stems
        .into_iter()
        .zip(&lemmas)
        .map(|(s, l)| {
            l.as_ref()
                .map(|l| morph.stem(&l.base, Lang::Fi))
                .unwrap_or(s)
        })
        .collect();
    let splitter = opts.compounds.then(|| {
        Splitter::from_stems(
            distinct
                .iter()
                .zip(&stems)
                .zip(&uses)
                .zip(&lemmas)
                .filter(|((((l, _), _), _), _)| *l == Lang::Fi)
                .map(|((((_, w), stem), c), _)| (*w, stem.clone(), *c)),
            2,
        )
    });
    // Each distinct word's terms: its stem, then the stems of its compound parts.
    let items: Vec<(Lang, &str, &str, Option<&Lemma>)> = distinct
        .iter()
        .zip(&stems)
        .zip(&lemmas)
        .map(|(((l, w), s), lemma)| (*l, *w, s.as_str(), lemma.as_ref()))
        .collect();
    let analysed: Vec<Vec<(String, f32)>> = par_map(&items, threads, |(lang, w, stem, lemma)| {
        let own = analyse_word(&morph, splitter.as_ref(), opts, *lang, w, stem);
        match lemma {
            Some(lemma) => with_lemma(&morph, opts, lemma, stem, own),
            None => own,
        }
    });

    // Distinct terms first (a hash set), then only those are sorted.
    let mut term_index: HashMap<&str, u32> = HashMap::default();
    for ts in &analysed {
        for (t, _) in ts {
            term_index.entry(t.as_str()).or_insert(0);
        }
    }
    let mut term_names: Vec<&str> = term_index.keys().copied().collect();
    term_names.sort_unstable();
    for (i, t) in term_names.iter().enumerate() {
        term_index.insert(t, i as u32);
    }
    let word_terms: Vec<Vec<(u32, f32)>> = analysed
        .iter()
        .map(|ts| {
            ts.iter()
                .filter_map(|(t, w)| term_index.get(t.as_str()).map(|id| (*id, *w)))
                .collect()
        })
        .collect();
    let terms = term_names.iter().map(|t| (*t).to_owned()).collect();
    drop(term_index);
    drop(distinct);
    Corpus {
        langs,
        note_words,
        word_terms,
        terms,
        words,
        word_langs,
        lemmas,
    }
}

fn analyse_word(
    morph: &Morph,
    splitter: Option<&Splitter>,
    opts: &Options,
    lang: Lang,
    word: &str,
    stem: &str,
) -> Vec<(String, f32)> {
    let mut out = vec![(stem.to_owned(), 1.0)];
    if lang == Lang::Fi
        && let Some(s) = splitter
        && let Some(parts) = s.split(morph, word)
    {
        for p in &parts {
            let stem = morph.stem(p, Lang::Fi);
            if stem != out[0].0 {
                out.push((stem, opts.part_weight));
            }
        }
    }
    if matches!(lang, Lang::Fi | Lang::Sv) {
        // Truncated forms and letter n-grams join inflections and derivations the rules above
        // miss ("kiireellisiä" and "kiireen", "kuormittunu" and "kuormitus") and words that
        // share a part the splitter did not find ("asiakaspalvelutilanteet" and "palvelu").
        // Swedish glues compounds as Finnish does and has no splitter here, so the same terms
        // join "parkeringen" and "parkeringsplatser", "schemat" and "arbetsschemat"; English
        // writes its compounds apart and needs none.
        let mut extra = Vec::new();
        if opts.prefix_len > 0 {
            prefix(word, opts.prefix_len, &mut extra);
        }
        let prefixes = extra.len();
        if opts.ngram > 0 {
            let cs: Vec<char> = word.chars().collect();
            if cs.len() > opts.ngram {
                for g in cs.windows(opts.ngram) {
                    let mut x: String = g.iter().collect();
                    x.push('#');
                    extra.push(x);
                }
            }
        }
        let mut extra: Vec<(String, f32)> = extra
            .into_iter()
            .enumerate()
            .map(|(i, t)| {
                let w = if i < prefixes {
                    opts.prefix_weight
                } else {
                    opts.ngram_weight
                };
                (t, w)
            })
            .collect();
        extra.sort_by(|a, b| a.0.cmp(&b.0));
        extra.dedup_by(|a, b| a.0 == b.0);
        out.extend(extra);
    }
    out
}

/// The terms of a word a dictionary knows: those of the word as written (`own`, with the base
/// form's stem) and those of its base form, with the dictionary's compound parts in place of
/// the splitter's. Measured with Voikko (`BENCHMARKS.md`), the base form's terms alone lost
/// what the letter n-grams of the written forms join on the labelled notes; the union kept it.
fn with_lemma(
    morph: &Morph,
    opts: &Options,
    lemma: &Lemma,
    stem: &str,
    own: Vec<(String, f32)>,
) -> Vec<(String, f32)> {
    let mut out = analyse_word(morph, None, opts, Lang::Fi, &lemma.base, stem);
    if lemma.parts.len() > 1 {
        for p in &lemma.parts {
            let s = morph.stem(p, Lang::Fi);
            if s != stem {
                out.push((s, opts.part_weight));
            }
        }
    }
    out.extend(own);
    // Each term once, at its highest weight; the stem stays first.
    let mut seen: HashMap<String, usize> = HashMap::default();
    let mut merged: Vec<(String, f32)> = Vec::with_capacity(out.len());
    for (t, w) in out {
        match seen.get(&t) {
            Some(&i) => merged[i].1 = merged[i].1.max(w),
            None => {
                seen.insert(t.clone(), merged.len());
                merged.push((t, w));
            }
        }
    }
    merged
}

fn prefix(word: &str, len: usize, out: &mut Vec<String>) {
    if word.chars().count() > len {
        let mut p: String = word.chars().take(len).collect();
        p.push('~');
        out.push(p);
    }
}
