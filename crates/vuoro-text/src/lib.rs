//! Themes from short notes, Finnish first.
//!
//! [`themes`] groups the notes of a session, a phase or a whole process into themes. Each
//! theme has a label made of the notes' own words, its notes and its most representative notes.
//! The steps:
//!
//! 1. [`tokenize`]: lower-case words; links, e-mail addresses, emoji and numbers go.
//! 2. [`lang::detect`]: each note's language (Finnish, Swedish or English) from stop words and
//!    letter patterns.
//! 3. [`morph`]: stop words out, Snowball stems (with extra reduction for Finnish), the parts
//!    of Finnish compound words, and for Finnish words also a six-letter prefix and the letter
//!    5-grams, which join forms and compounds the rules miss.
//! 4. [`vector`]: TF-IDF weights, unit-length note vectors.
//! 5. [`choose`]: the number of themes, unless given: candidates around [`default_k`], each
//!    scored by how far its themes stand apart compared with the same notes' terms dealt out at
//!    random.
//! 6. [`consensus`]: many runs of spherical k-means ([`cluster`]) from fixed seeds, and their
//!    consensus.
//!
//! `examples/eval.rs` measures the quality (NMI against a labelled set of notes, in
//! `data/themes-fi.csv`) and the speed; `BENCHMARKS.md` has the figures and what was tried.
//!
//! The result is deterministic: the same notes give the same themes, and so do the same notes in
//! another order (notes are put in a canonical order first and every tie is broken by it).
//! A note with no word that counts (empty, only stop words, emoji, or only words no other note
//! uses) belongs to no theme.

use std::cmp::Ordering;
use std::collections::HashMap;

pub mod analysis;
pub mod choose;
pub mod cluster;
pub mod consensus;
pub mod fxhash;
pub mod lang;
pub mod lemma;
pub mod morph;
pub mod nmi;
pub mod rng;
pub mod sample;
pub mod stopwords;
pub mod token;
pub mod vector;

pub use lang::Lang;
pub use nmi::nmi;
pub use token::tokenize;

/// How to find themes. [`Options::default`] is what vuoro uses; the other values exist for the
/// evaluation that chose those defaults (`examples/eval.rs`, figures in `BENCHMARKS.md`).
#[derive(Debug, Clone)]
pub struct Options {
    /// The number of themes; `None` chooses it from the notes ([`choose::choose_k`]), between
    /// half and twice [`default_k`].
    pub k: Option<usize>,
    /// Seed of the k-means++ seeding.
    pub seed: u64,
    /// The clustering method.
    pub method: Method,
    /// k-means runs behind [`Method::Consensus`].
    pub runs: usize,
    /// Restarts of the final k-means; the one with the tightest themes wins.
    pub restarts: usize,
    /// Threads to use; `None` uses every core. The result does not depend on it.
    pub threads: Option<usize>,
    /// Whether to split Finnish compound words.
    pub compounds: bool,
    /// Weight of a compound part relative to the whole word.
    pub part_weight: f32,
    /// Also add the first `prefix_len` letters of each Finnish word as a term (0: off).
    pub prefix_len: usize,
    /// Weight of that prefix term.
    pub prefix_weight: f32,
    /// Also add the letter n-grams of this length of each Finnish word as terms (0: off).
    pub ngram: usize,
    /// Weight of an n-gram term.
    pub ngram_weight: f32,
    /// Terms in more than this share of notes are left out.
    pub max_df: f32,
    /// Base forms and compound parts of Finnish words from a dictionary ([`lemma`]); `None`
    /// uses the built-in reduction alone.
    pub lemmatizer: Option<std::sync::Arc<dyn lemma::Lemmatizer>>,
    /// The fewest notes a language needs for themes of its own, unless it is the language most
    /// notes are in. Notes of a language with fewer stay unplaced ([`Themes::held_back`]), for
    /// the facilitator to place by hand: a theme of two Swedish notes would say "Swedish", not
    /// what they say.
    pub min_language_notes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            k: None,
            seed: 0x0076_756f_726f,
            method: Method::Consensus,
            runs: 12,
            restarts: 4,
            threads: None,
            compounds: true,
            part_weight: 0.7,
            prefix_len: 6,
            prefix_weight: 0.4,
            ngram: 5,
            ngram_weight: 0.4,
            max_df: 0.5,
            lemmatizer: None,
            min_language_notes: MIN_LANGUAGE_NOTES,
        }
    }
}

/// The default of [`Options::min_language_notes`]: enough notes for two themes of three.
pub const MIN_LANGUAGE_NOTES: usize = 6;

/// How notes are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Spherical k-means on the note vectors.
    KMeans,
    /// The consensus of many k-means runs ([`consensus`]).
    Consensus,
}

/// One theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Up to three words of the notes themselves, the most telling first (two or three
    /// whenever the theme's notes have that many words that count), never two forms of one
    /// root, each in its base form: the dictionary's ([`Options::lemmatizer`]) where it knows
    /// the word, else the form of the notes that looks most like one ([`base_form`]).
    pub label: Vec<String>,
    /// The label as a heading, as a person would write it: capitalised, the head word in its
    /// base form, with the word that stands before it in the notes when they have such a
    /// phrase ("Asiakkaan kohtaaminen"), else the two first words joined by the language's
    /// "and" ("Tauko ja kahvi").
    pub heading: String,
    /// The language of its notes: every note of a theme is in one language.
    pub lang: Lang,
    /// Indices (into the input) of its notes, ascending.
    pub notes: Vec<usize>,
    /// Up to three of its notes closest to the theme's centre, the closest first.
    pub representative: Vec<usize>,
}

impl Theme {
    /// The number of notes.
    pub fn size(&self) -> usize {
        self.notes.len()
    }

    /// The label as the heading shown to people ([`Theme::heading`]).
    pub fn label_text(&self) -> String {
        self.heading.clone()
    }
}

/// Themes of a set of notes.
#[derive(Debug, Clone, PartialEq)]
pub struct Themes {
    /// Largest first; equal sizes in a stable order.
    pub themes: Vec<Theme>,
    /// Per input note, the index of its theme in [`Themes::themes`]; `None` for a note with no
    /// word that counts.
    pub assignment: Vec<Option<usize>>,
    /// Per input note, its detected language.
    pub langs: Vec<Lang>,
    /// Languages whose notes were too few for themes of their own
    /// ([`Options::min_language_notes`]); their notes are unplaced.
    pub held_back: Vec<Lang>,
}

/// The usual number of themes for `n` notes: about half the square root, from 2 to 12 (a
/// session of 30 notes 3, a process of hundreds 10 to 12). It is the centre of the range
/// [`choose::choose_k`] searches.
pub fn default_k(n: usize) -> usize {
    (((n as f64).sqrt() / 2.0).round() as usize)
        .clamp(2, 12)
        .min(n.max(1))
}

/// Groups `notes` into themes, within each language: notes of different languages share no
/// words, so grouping them together makes themes of languages. A language with fewer than
/// [`Options::min_language_notes`] notes, other than the language of most notes, gets no theme;
/// its notes are unplaced and its language is in [`Themes::held_back`]. A fixed
/// [`Options::k`] is shared out over the languages by their numbers of notes.
pub fn themes(notes: &[&str], opts: &Options) -> Themes {
    let threads = analysis::threads(opts);
    let langs: Vec<Lang> = analysis::par_map(notes, threads, |n| lang::detect(&tokenize(n)));
    let mut by_lang: std::collections::BTreeMap<Lang, Vec<usize>> = Default::default();
    for (i, l) in langs.iter().enumerate() {
        by_lang.entry(*l).or_default().push(i);
    }
    // The language of most notes; on a tie the first in `Lang`'s order (Finnish first).
    let main = by_lang
        .iter()
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(a.0)))
        .map(|(l, _)| *l);
    let mut held_back = Vec::new();
    by_lang.retain(|l, idx| {
        let keep = Some(*l) == main || idx.len() >= opts.min_language_notes;
        if !keep {
            held_back.push(*l);
        }
        keep
    });
    let grouped: usize = by_lang.values().map(Vec::len).sum();
    let mut out: Vec<Theme> = Vec::new();
    for (lang, idx) in &by_lang {
        let sub: Vec<&str> = idx.iter().map(|i| notes[*i]).collect();
        let k = opts.k.map(|k| {
            if by_lang.len() == 1 {
                k
            } else {
                ((k * idx.len()) as f64 / grouped.max(1) as f64)
                    .round()
                    .max(1.0) as usize
            }
        });
        // A term in half of all notes says little, but a term in half of a smaller language's
        // notes is its topic: the cut-off counts notes of the whole set, as with one language.
        let max_df = (opts.max_df * grouped as f32 / idx.len().max(1) as f32).min(1.0);
        let one = Options {
            k,
            max_df,
            ..opts.clone()
        };
        for mut t in themes_of_one_language(&sub, &one, threads) {
            t.notes = t.notes.iter().map(|j| idx[*j]).collect();
            t.representative = t.representative.iter().map(|j| idx[*j]).collect();
            t.lang = *lang;
            out.push(t);
        }
    }
    // Largest first; a stable sort keeps languages and each language's own order on ties.
    out.sort_by_key(|t| std::cmp::Reverse(t.size()));
    let mut assignment = vec![None; notes.len()];
    for (t, theme) in out.iter().enumerate() {
        for i in &theme.notes {
            assignment[*i] = Some(t);
        }
    }
    Themes {
        themes: out,
        assignment,
        langs,
        held_back,
    }
}

/// The themes of notes of one language, indices into `notes`.
fn themes_of_one_language(notes: &[&str], opts: &Options, threads: usize) -> Vec<Theme> {
    let corpus = analysis::analyse(notes, opts);
    // The canonical order: by text, so that shuffled input gives the same themes.
    let mut order: Vec<usize> = (0..notes.len()).collect();
    order.sort_by(|a, b| notes[*a].cmp(notes[*b]));
    let mut weighted = vector::weigh(&corpus, &order, opts);
    // Only notes with a term that counts take part; the rows take over their weights.
    let used: Vec<usize> = (0..order.len())
        .filter(|p| !weighted.notes[*p].is_empty())
        .collect();
    let rows = vector::rows(&mut weighted);
    let k = opts
        .k
        .unwrap_or_else(|| choose::choose_k(&rows, opts.seed, threads));
    let clustering = match opts.method {
        Method::Consensus => {
            consensus::cluster(&rows, k, opts.seed, opts.runs, opts.restarts, threads)
        }
        Method::KMeans => cluster::kmeans(&rows, k, opts.seed, opts.restarts, threads),
    };

    // Group positions (in `used`) by cluster.
    let k = clustering.centroids.len();
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); k];
    for (j, a) in clustering.assign.iter().enumerate() {
        groups[*a as usize].push(j);
    }
    let mut cluster_order: Vec<usize> = (0..k).filter(|c| !groups[*c].is_empty()).collect();
    cluster_order.sort_by(|a, b| {
        groups[*b]
            .len()
            .cmp(&groups[*a].len())
            .then(groups[*a][0].cmp(&groups[*b][0]))
    });

    let mut out = Vec::with_capacity(cluster_order.len());
    for &c in &cluster_order {
        let members = &groups[c];
        let originals: Vec<usize> = members.iter().map(|j| order[used[*j]]).collect();
        let mut by_sim: Vec<(f32, usize)> = members
            .iter()
            .map(|&j| (rows.dot(j, &clustering.centroids[c]), j))
            .collect();
        by_sim.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let representative = by_sim
            .iter()
            .take(3)
            .map(|(_, j)| order[used[*j]])
            .collect();
        let mut sorted = originals.clone();
        sorted.sort_unstable();
        let (label, heading) = label(&corpus, &weighted, &originals, used.len());
        out.push(Theme {
            label,
            heading,
            lang: corpus.langs.first().copied().unwrap_or(Lang::Fi),
            notes: sorted,
            representative,
        });
    }
    out
}

/// The label of a theme: the terms most over-represented in its notes (compared with all
/// notes), each shown as the word form its notes use most. Stems of content words that two or
/// more of its notes share come first, then six-letter prefixes that they share (shown as the
/// commonest word that has them), then content words of single notes; only when these give
/// fewer than two words do general words and n-grams fill in. No two words of a label share a
/// root ([`same_root`]): "palaverit palavereissa" or "vuorolista työvuorolista" would say one
/// thing twice. Returns the words in their base forms, and the heading made of them
/// ([`heading`]).
fn label(
    corpus: &Corpus,
    w: &vector::Weighted,
    members: &[usize],
    n: usize,
) -> (Vec<String>, String) {
    let size = members.len() as f64;
    // Notes per term, and uses per (term, word) for the surface form.
    let mut in_theme: HashMap<u32, u32> = HashMap::new();
    let mut forms: HashMap<(u32, u32), u32> = HashMap::new();
    for &i in members {
        let mut seen: Vec<u32> = Vec::new();
        for (t, _, word) in corpus.note_terms(i) {
            if !w.kept[t as usize] {
                continue;
            }
            *forms.entry((t, word)).or_insert(0) += 1;
            if !seen.contains(&t) {
                seen.push(t);
                *in_theme.entry(t).or_insert(0) += 1;
            }
        }
    }
    // (tier, score, term), best first.
    let mut scored: Vec<(u8, f64, u32)> = in_theme
        .iter()
        .map(|(t, c)| {
            let p_in = *c as f64 / size;
            let p_all = w.df[*t as usize] as f64 / n.max(1) as f64;
            let score = p_in * (p_in / p_all.max(1e-9)).ln().max(0.0);
            // A term in a single note of a theme does not describe the theme.
            let shared = *c >= 2 || size < 2.0;
            let term = corpus.terms[*t as usize].as_str();
            let tier = match (is_word_term(term), term.ends_with('~'), shared) {
                (true, _, true) => 0,
                (false, true, true) => 1,
                (true, _, false) => 2,
                _ => 3,
            };
            (tier, score, *t)
        })
        .collect();
    scored.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.partial_cmp(&a.1).unwrap_or(Ordering::Equal))
            .then(corpus.terms[a.2 as usize].cmp(&corpus.terms[b.2 as usize]))
    });
    let mut words: Vec<u32> = Vec::new();
    let mut chosen: Vec<u32> = Vec::new();
    for (tier, _, t) in scored {
        if tier == 3 && words.len() >= 2 {
            break;
        }
        // The commonest form of the term; on a tie a word whose own stem it is (not one that
        // carries it as a compound part or prefix), then the shorter word.
        let best = forms
            .iter()
            .filter(|((ft, _), _)| *ft == t)
            .map(|((_, word), c)| {
                let own = corpus.word_terms[*word as usize].first().map(|x| x.0) == Some(t);
                (*c, own, *word)
            })
            .max_by(|a, b| {
                let (wa, wb) = (&corpus.words[a.2 as usize], &corpus.words[b.2 as usize]);
                a.0.cmp(&b.0)
                    .then(a.1.cmp(&b.1))
                    .then(wb.chars().count().cmp(&wa.chars().count()))
                    .then(wb.cmp(wa))
            });
        if let Some((_, _, word)) = best
            && !words.iter().any(|x| same_root(corpus, *x, word))
        {
            words.push(word);
            chosen.push(t);
        }
        if words.len() == 3 {
            break;
        }
    }
    let bases: Vec<String> = words
        .iter()
        .map(|word| {
            // The theme's forms of the chosen word, with their uses: the words with its term
            // whose own stem is the chosen word's, or differs from it only by a letter or two at
            // the end, where Snowball stems forms of one word apart ("tauko", "taukoja"); a
            // compound ("kahvikone" beside "kahvi") differs by more.
            let stem_of = |w: u32| {
                corpus.word_terms[w as usize]
                    .first()
                    .map(|x| corpus.terms[x.0 as usize].as_str())
                    .unwrap_or("")
            };
            let own_stem = stem_of(*word);
            let near = |s: &str| {
                let (short, long) = if s.len() <= own_stem.len() {
                    (s, own_stem)
                } else {
                    (own_stem, s)
                };
                short.chars().count() >= 3
                    && long.starts_with(short)
                    && long.chars().count() - short.chars().count() <= 2
            };
            let own: Vec<(u32, u32)> = forms
                .iter()
                // Each word once: through the entry of its own stem.
                .filter(|((ft, fw), _)| {
                    corpus.word_terms[*fw as usize].first().map(|x| x.0) == Some(*ft)
                        && (*fw == *word || near(stem_of(*fw)))
                })
                .map(|((_, fw), c)| (*fw, *c))
                .collect();
            base_form(corpus, *word, &own)
        })
        .collect();
    let heading = heading(corpus, members, &words, &chosen, &bases);
    (bases, heading)
}

/// The base form of `word`, a label word: the dictionary's when it knows the word; else, of
/// the theme's forms with the same stem (`forms`: word and uses), the one that looks most like
/// a base form: in Finnish one without a case or plural ending (the "-n" of a genitive, "-ssa",
/// "-t", …; "-nen" is a base form's ending); then the commonest, then the shortest. So the word is always one the notes use, or the dictionary's base form of one.
pub fn base_form(corpus: &Corpus, word: u32, forms: &[(u32, u32)]) -> String {
    if let Some(l) = &corpus.lemmas[word as usize] {
        return l.base.clone();
    }
    let lang = corpus.word_langs[word as usize];
    let mut candidates: Vec<(u32, u32)> = forms.to_vec();
    if candidates.is_empty() {
        candidates.push((word, 1));
    }
    let text = |w: u32| corpus.words[w as usize].as_str();
    let best = candidates.iter().max_by(|a, b| {
        let (wa, wb) = (text(a.0), text(b.0));
        // A form that another form of the word begins ("tauko" in "taukoja", "schema" in
        // "schemat") is the less inflected one, in Finnish and Swedish; English stems join
        // words ("park", "parking") that are not forms of one another.
        let prefixed = |x: &str| {
            matches!(lang, Lang::Fi | Lang::Sv)
                && candidates
                    .iter()
                    .any(|(c, _)| text(*c) != x && x.starts_with(text(*c)))
        };
        let looks = |x: &str| !prefixed(x) && (lang != Lang::Fi || !fi_inflected(x));
        looks(wa)
            .cmp(&looks(wb))
            .then(a.1.cmp(&b.1))
            .then(wb.chars().count().cmp(&wa.chars().count()))
            .then(wb.cmp(wa))
    });
    best.map(|(w, _)| text(*w).to_owned())
        .unwrap_or_else(|| text(word).to_owned())
}

/// Whether a Finnish word ends like an inflected form, not a base form.
fn fi_inflected(w: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi", "ihin", "iin",
        "ista", "istä", "ita", "itä", "jen", "ien", "t",
    ];
    w.chars().count() > 4
        && (ENDINGS.iter().any(|e| w.ends_with(e)) || (w.ends_with('n') && !w.ends_with("nen")))
}

/// A theme's heading from its label words (`words`, their terms `terms` and base forms
/// `bases`, the most telling first).
///
/// When two label words stand next to each other in the theme's notes (in two notes, or in one
/// of a theme of fewer than four), the heading is that phrase with the second word in its base
/// form: the first stays as written when it is a genitive ("Asiakkaan kohtaaminen", "Kundens
/// bemötande"), or takes its base form when it is an adjective, which then agrees with the
/// head ("Hyvä perehdytys"). Otherwise the heading is the first two base forms joined by the
/// language's "and". Capitalised; Arabic has no capitals.
fn heading(
    corpus: &Corpus,
    members: &[usize],
    words: &[u32],
    terms: &[u32],
    bases: &[String],
) -> String {
    let Some(first) = bases.first() else {
        return String::new();
    };
    let lang = corpus.word_langs[words[0] as usize];
    let which = |w: u32| {
        corpus.word_terms[w as usize]
            .first()
            .and_then(|(t, _)| terms.iter().position(|x| x == t))
    };
    // (modifier word, head label index) → notes in which they stand in that order.
    let mut pairs: HashMap<(u32, usize), u32> = HashMap::new();
    for &i in members {
        let mut seen: Vec<(u32, usize)> = Vec::new();
        for pair in corpus.note_words[i].windows(2) {
            if let (Some(a), Some(b)) = (which(pair[0]), which(pair[1]))
                && a != b
                && !seen.contains(&(pair[0], b))
            {
                seen.push((pair[0], b));
                *pairs.entry((pair[0], b)).or_insert(0) += 1;
            }
        }
    }
    let needed = if members.len() < 4 { 1 } else { 2 };
    // A phrase only of a modifier that qualifies a noun: a genitive or an adjective before it
    // (by the dictionary), not any two words that happen to stand together ("puhelin soi").
    let qualifies = |modifier: u32, head: usize| match (
        &corpus.lemmas[modifier as usize],
        &corpus.lemmas[words[head] as usize],
    ) {
        (Some(m), h) => {
            (m.genitive || m.class == Some(lemma::Class::Adjective))
                && h.as_ref()
                    .is_none_or(|h| matches!(h.class, Some(lemma::Class::Noun) | None))
        }
        (None, _) => genitive(corpus, modifier, lang),
    };
    let phrase = pairs
        .iter()
        .filter(|((m, h), c)| **c >= needed && qualifies(*m, *h))
        // The most frequent; on a tie the one whose head is the more telling, then by text.
        .max_by(|a, b| {
            a.1.cmp(b.1)
                .then(b.0.1.cmp(&a.0.1))
                .then(corpus.words[b.0.0 as usize].cmp(&corpus.words[a.0.0 as usize]))
        })
        .map(|((modifier, head), _)| {
            let written = corpus.words[*modifier as usize].as_str();
            let m = which(*modifier)
                .map(|x| bases[x].as_str())
                .unwrap_or(written);
            let modifier = if genitive(corpus, *modifier, lang) {
                written
            } else {
                m
            };
            format!("{modifier} {}", bases[*head])
        });
    let text = match phrase {
        Some(p) => p,
        None => match (bases.get(1), lang) {
            (None, _) => first.clone(),
            (Some(second), Lang::Fi) => format!("{first} ja {second}"),
            (Some(second), Lang::Sv) => format!("{first} och {second}"),
            (Some(second), Lang::En) => format!("{first} and {second}"),
            (Some(second), Lang::Ar) => format!("{first} و{second}"),
            (Some(second), Lang::Other) => format!("{first} · {second}"),
        },
    };
    capitalise(&text)
}

/// Whether a word is a genitive: by the dictionary when it knows the word, else by its ending
/// (Finnish "-n" but not the "-nen" of base forms or the illative's "-iin", "-seen", "-hVn";
/// Swedish "-s" on a word whose base form does not end in it).
fn genitive(corpus: &Corpus, word: u32, lang: Lang) -> bool {
    if let Some(l) = &corpus.lemmas[word as usize] {
        return l.genitive;
    }
    let w = corpus.words[word as usize].as_str();
    match lang {
        Lang::Fi => {
            const NOT: &[&str] = &[
                "nen", "iin", "seen", "hin", "han", "hän", "hon", "hön", "hun", "hyn",
            ];
            w.chars().count() > 3 && w.ends_with('n') && !NOT.iter().any(|e| w.ends_with(e))
        }
        Lang::Sv => w.chars().count() > 4 && w.ends_with('s') && !w.ends_with("ss"),
        _ => false,
    }
}

/// The text with its first letter in upper case.
pub fn capitalise(text: &str) -> String {
    let mut cs = text.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// Letters two words must share at the start to count as one root in a label.
const ROOT_PREFIX: usize = 5;

/// Whether two words are forms of one root as far as a label is concerned: the same word, a
/// stem or compound part in common ("vuorolistassa" and "työvuorolista" share "vuoro"), one
/// word's stem inside the other ("kahvi" and "kahvikone", "työ" and "etätyö"), or the same
/// first five letters ("palaverit" and "palavereissa", which Snowball stems apart).
fn same_root(corpus: &Corpus, a: u32, b: u32) -> bool {
    if a == b {
        return true;
    }
    let (wa, wb) = (&corpus.words[a as usize], &corpus.words[b as usize]);
    let roots = |x: u32| -> Vec<&str> {
        corpus.word_terms[x as usize]
            .iter()
            .map(|(t, _)| corpus.terms[*t as usize].as_str())
            .filter(|t| !t.ends_with('~') && !t.ends_with('#'))
            .collect()
    };
    let (ra, rb) = (roots(a), roots(b));
    if ra.iter().any(|r| rb.contains(r)) {
        return true;
    }
    // Compounds put the head last ("etätyö", "arbetsschemat"), and endings may follow it, so a
    // stem anywhere inside the other word counts; a short stem only at either end, where it is
    // less likely to be chance ("työ" and "etätyö").
    let inside = |stems: &[&str], word: &str| {
        stems.first().is_some_and(|s| match s.chars().count() {
            0..=2 => false,
            3 => word.starts_with(s) || word.ends_with(s),
            _ => word.contains(s),
        })
    };
    if inside(&ra, wb) || inside(&rb, wa) {
        return true;
    }
    let head = |w: &str| -> Option<String> {
        (w.chars().count() >= ROOT_PREFIX).then(|| w.chars().take(ROOT_PREFIX).collect())
    };
    matches!((head(wa), head(wb)), (Some(x), Some(y)) if x == y)
}

use analysis::Corpus;

/// Whether a term may appear in a label: a stem (or a compound part's stem), not a prefix or
/// an n-gram, and not a general-purpose word.
fn is_word_term(t: &str) -> bool {
    !t.ends_with('~') && !t.ends_with('#') && !stopwords::is_generic_stem(t)
}
