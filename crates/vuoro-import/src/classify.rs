//! Classifying a line of prose against the catalogue's vocabulary by its keywords.
//!
//! A keyword is a lower-case word beginning (`catalogue/vocabulary.toml`); it may span words
//! ("hyvien käytäntöjen"). Finnish glues words into compounds ("asiakasdialogit",
//! "koulutyöyhteisö"), so [`Matching::Compound`] also lets a keyword match inside a word;
//! whether that helps is measured (`examples/accuracy.rs`, `BENCHMARKS.md`).

use std::collections::BTreeMap;

use vuoro_core::catalogue::{Term, TermKind, Vocabulary};

/// Where in a word a keyword may match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Matching {
    /// At the beginning of a word, or after a hyphen inside one ("Asiakasdialogit-tulevaisuuden").
    WordStart,
    /// Also inside a word, for keywords of at least [`COMPOUND_MIN`] letters, so that the second
    /// part of a compound counts. The default: it measures better (`BENCHMARKS.md`).
    #[default]
    Compound,
}

/// Which of the contexts found comes first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Ranking {
    /// The one matched most often; ties go to the more specific keyword, then the earlier.
    Hits,
    /// The one named first, where the last part of a compound comes before the first: in
    /// "koulutyöyhteisö" the head is the work community ("työyhteisö"), the school qualifies it.
    /// The default: it measures better.
    #[default]
    FirstMention,
}

/// The shortest keyword allowed to match inside a word: shorter ones ("arvo", "kaava") hide in
/// too many unrelated words.
pub const COMPOUND_MIN: usize = 6;

/// What a text is about, by the vocabulary's codes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Classification {
    /// At most [`MAX_CONTEXTS`], the main one first.
    pub contexts: Vec<String>,
    pub topics: Vec<String>,
    pub method: Option<String>,
}

/// How many contexts a record gets: a main one and at most one beside it, as people label.
pub const MAX_CONTEXTS: usize = 2;

/// A text prepared once for matching every keyword of the vocabulary against it.
#[derive(Debug)]
pub struct Prepared {
    /// Lower case; every character that is not a letter, digit or hyphen became a space, so a
    /// keyword cannot match across punctuation it does not contain. It ends with a space, so a
    /// keyword ending in a space ("team ") matches a whole word only.
    norm: String,
    /// Byte ranges of the words in `norm`.
    words: Vec<(usize, usize)>,
    /// Where a keyword may match at a word beginning: (byte offset, word index); the beginning
    /// of each word and each place after a hyphen inside one.
    starts: Vec<(usize, usize)>,
}

/// One match of a keyword: where, in which word, and how long.
#[derive(Clone, Copy, Debug)]
struct Hit {
    term: usize,
    start: usize,
    end: usize,
    word: usize,
    /// Bytes from the beginning of the word: 0 unless inside a compound or after a hyphen.
    offset: usize,
}

impl Prepared {
    pub fn new(text: &str) -> Prepared {
        let mut norm = String::with_capacity(text.len() + 1);
        for c in text.chars() {
            if c.is_alphanumeric() || c == '-' {
                norm.extend(c.to_lowercase());
            } else {
                norm.push(' ');
            }
        }
        norm.push(' ');
        let mut words = Vec::new();
        let mut starts = Vec::new();
        let mut word_start: Option<usize> = None;
        let mut prev: Option<char> = None;
        for (i, c) in norm.char_indices() {
            if c == ' ' {
                if let Some(s) = word_start.take() {
                    words.push((s, i));
                }
            } else {
                if word_start.is_none() {
                    word_start = Some(i);
                }
                if c != '-' && matches!(prev, None | Some(' ' | '-')) {
                    starts.push((i, words.len()));
                }
            }
            prev = Some(c);
        }
        Prepared {
            norm,
            words,
            starts,
        }
    }

    /// Whether `keyword` matches at the beginning of a word.
    pub fn has(&self, keyword: &str) -> bool {
        self.starts
            .iter()
            .any(|&(s, _)| self.norm.get(s..).is_some_and(|t| t.starts_with(keyword)))
    }

    /// Every match of the keywords in `index`.
    fn hits(&self, index: &Index, matching: Matching) -> Vec<Hit> {
        let mut out = Vec::new();
        // `at_start`: a word beginning (or after a hyphen), where every keyword may match;
        // elsewhere inside a word only the long ones.
        let mut try_at = |pos: usize, word: usize, offset: usize, at_start: bool| {
            let Some(rest) = self.norm.get(pos..) else {
                return;
            };
            let Some(c) = rest.chars().next() else {
                return;
            };
            for k in index.get(&c).map_or(&[][..], Vec::as_slice) {
                if (at_start || k.inside) && rest.starts_with(k.text.as_str()) {
                    out.push(Hit {
                        term: k.term,
                        start: pos,
                        end: pos + k.text.len(),
                        word,
                        offset,
                    });
                }
            }
        };
        match matching {
            Matching::WordStart => {
                for &(s, word) in &self.starts {
                    let offset = s - self.words.get(word).map_or(s, |w| w.0);
                    try_at(s, word, offset, true);
                }
            }
            Matching::Compound => {
                for (word, &(ws, we)) in self.words.iter().enumerate() {
                    let Some(w) = self.norm.get(ws..we) else {
                        continue;
                    };
                    let mut prev = None;
                    for (off, c) in w.char_indices() {
                        let start = c != '-' && matches!(prev, None | Some('-'));
                        prev = Some(c);
                        try_at(ws + off, word, off, start);
                    }
                }
            }
        }
        // A match inside a longer match of another keyword is that keyword's: "koulutettuja"
        // is training ("koulutet"), not school ("koulu"). Matches compete only within their
        // word, which keeps this linear in the length of the text.
        out.sort_by_key(|h| (h.word, h.start));
        let mut kept = Vec::with_capacity(out.len());
        for group in out.chunk_by(|a, b| a.word == b.word) {
            for h in group {
                let dominated = group.iter().any(|o| {
                    o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start
                });
                if !dominated {
                    kept.push(*h);
                }
            }
        }
        kept
    }
}

/// A keyword of the vocabulary, ready for matching.
#[derive(Debug)]
struct Keyword {
    term: usize,
    text: String,
    /// Long enough to match inside a word (see [`COMPOUND_MIN`]).
    inside: bool,
}

/// Keywords by their first character, so that each place in a text is tried only against the
/// few that can match there: the vocabulary has hundreds of keywords.
type Index = BTreeMap<char, Vec<Keyword>>;

fn index(terms: &[Term]) -> Index {
    let mut index = Index::new();
    for (term, t) in terms.iter().enumerate() {
        for k in &t.keywords {
            if let Some(c) = k.chars().next() {
                index.entry(c).or_default().push(Keyword {
                    term,
                    text: k.clone(),
                    inside: k.chars().count() >= COMPOUND_MIN,
                });
            }
        }
    }
    index
}

#[derive(Clone, Copy, Debug, Default)]
struct Score {
    /// Words matched.
    hits: usize,
    /// The earliest mention: word index, then the later place in the word first.
    first: Option<(usize, std::cmp::Reverse<usize>)>,
    longest: usize,
}

/// The terms of `kind` found in the text, strongest first.
fn ranked<'v>(
    p: &Prepared,
    terms: &'v [Term],
    index: &Index,
    matching: Matching,
    ranking: Ranking,
) -> Vec<&'v Term> {
    let hits = p.hits(index, matching);
    let mut scores = vec![Score::default(); terms.len()];
    // Hits come in word order, so a term's last word tells whether this word is new to it.
    let mut last_word: Vec<Option<usize>> = vec![None; terms.len()];
    for h in &hits {
        let (Some(s), Some(last)) = (scores.get_mut(h.term), last_word.get_mut(h.term)) else {
            continue;
        };
        if *last != Some(h.word) {
            *last = Some(h.word);
            s.hits += 1;
        }
        let at = (h.word, std::cmp::Reverse(h.offset));
        s.first = Some(s.first.map_or(at, |f| f.min(at)));
        s.longest = s.longest.max(h.end - h.start);
    }
    let mut found: Vec<(Score, usize)> = scores
        .into_iter()
        .enumerate()
        .filter(|(_, s)| s.hits > 0)
        .map(|(i, s)| (s, i))
        .collect();
    found.sort_by(|(a, ai), (b, bi)| {
        let by_hits = b.hits.cmp(&a.hits).then(b.longest.cmp(&a.longest));
        let by_first = a.first.cmp(&b.first);
        match ranking {
            Ranking::Hits => by_hits.then(by_first),
            Ranking::FirstMention => by_first.then(by_hits),
        }
        .then(ai.cmp(bi))
    });
    found
        .into_iter()
        .filter_map(|(_, i)| terms.get(i))
        .collect()
}

/// The vocabulary prepared for classifying many texts.
#[derive(Debug)]
pub struct Classifier<'v> {
    vocab: &'v Vocabulary,
    /// Per kind, in the order of [`TermKind::ALL`].
    index: [Index; 3],
    matching: Matching,
    ranking: Ranking,
}

impl<'v> Classifier<'v> {
    pub fn new(vocab: &'v Vocabulary, matching: Matching, ranking: Ranking) -> Classifier<'v> {
        Classifier {
            vocab,
            index: TermKind::ALL.map(|k| index(vocab.terms(k))),
            matching,
            ranking,
        }
    }

    fn ranked(&self, p: &Prepared, kind: TermKind) -> Vec<&'v Term> {
        let i = match kind {
            TermKind::Context => 0,
            TermKind::Topic => 1,
            TermKind::Method => 2,
        };
        ranked(
            p,
            self.vocab.terms(kind),
            &self.index[i],
            self.matching,
            self.ranking,
        )
    }

    /// Classifies `text`.
    pub fn classify(&self, text: &str) -> Classification {
        let p = Prepared::new(text);
        let code = |t: &Term| t.code.clone();
        // For a method the most specific name wins outright: "Erätauko verkossa" is the online
        // variant even though "erätauko" matches as often, because the longer keyword
        // dominates the shorter one inside it.
        let method = self.ranked(&p, TermKind::Method).first().map(|t| code(t));
        Classification {
            contexts: self
                .ranked(&p, TermKind::Context)
                .into_iter()
                .take(MAX_CONTEXTS)
                .map(code)
                .collect(),
            topics: self
                .ranked(&p, TermKind::Topic)
                .into_iter()
                .map(code)
                .collect(),
            method,
        }
    }
}

/// Classifies one text against `vocab` (see [`Classifier`] for many).
pub fn classify(
    text: &str,
    vocab: &Vocabulary,
    matching: Matching,
    ranking: Ranking,
) -> Classification {
    Classifier::new(vocab, matching, ranking).classify(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(text: &str) -> Classification {
        classify(
            text,
            Vocabulary::builtin(),
            Matching::WordStart,
            Ranking::Hits,
        )
    }

    #[test]
    fn keywords_match_word_beginnings_across_hyphens_not_inside_words() {
        assert_eq!(
            c("Asiakasdialogit-tulevaisuuden muistelu/ lastensuojelu")
                .method
                .as_deref(),
            Some("tulevaisuuden-muistelu")
        );
        assert_eq!(c("Johtoryhmän dialogi").contexts, ["leadership"]);
        assert!(c("Ryhmädialogit").contexts.is_empty());
    }

    #[test]
    fn the_more_specific_method_wins() {
        assert_eq!(
            c("Erätauko verkossa").method.as_deref(),
            Some("eratauko-verkossa")
        );
        assert_eq!(
            c("Erätauko-menetelmällä keskusteluja").method.as_deref(),
            Some("eratauko")
        );
    }

    #[test]
    fn at_most_two_contexts_the_strongest_first() {
        let x = c("Vanhempainillat ja huoltajien dialogit, oppilaat mukana");
        assert_eq!(x.contexts, ["families", "school"]);
    }

    #[test]
    fn compound_matching_finds_second_parts() {
        let text = "Ison koulutyöyhteisön verkkodialogi";
        assert!(!c(text).contexts.iter().any(|c| c == "work_community"));
        let x = classify(
            text,
            Vocabulary::builtin(),
            Matching::Compound,
            Ranking::Hits,
        );
        assert!(x.contexts.iter().any(|c| c == "work_community"), "{x:?}");
    }

    #[test]
    fn odd_text_is_no_problem() {
        for t in ["", " ", "-", "--a", "İİİ", "ß-", "\u{0}", "a\u{301}"] {
            let _ = classify(
                t,
                Vocabulary::builtin(),
                Matching::Compound,
                Ranking::FirstMention,
            );
        }
    }
}
