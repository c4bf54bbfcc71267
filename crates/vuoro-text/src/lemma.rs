//! Dictionary base forms, when the caller has a dictionary.
//!
//! The built-in reduction ([`crate::morph`]) needs nothing installed. A morphological analyser
//! such as Voikko knows the base form and the compound parts of most written Finnish words
//! ("asiakkaiden" → "asiakas", "työhyvinvointikyselyn" → työ + hyvinvointi + kysely), though not
//! the spoken forms notes are often typed in. [`Lemmatizer`] is the seam: [`crate::Options`]
//! may carry one, and every Finnish word it knows is analysed from its base form and its
//! parts, the rest as before. The crate itself loads nothing; [`Table`] is a lemmatizer from a
//! prepared list (`scripts/theme-quality` makes one with Voikko to measure it).

use std::collections::HashMap;

/// A word's base form and, for a compound, its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lemma {
    /// The base form, lower case ("asiakas" for "asiakkaiden").
    pub base: String,
    /// The parts of a compound word, in order; empty for a simple word.
    pub parts: Vec<String>,
    /// The word class, when the dictionary says.
    pub class: Option<Class>,
    /// Whether this form is a genitive ("asiakkaan"): a theme's heading keeps a genitive
    /// before its head as written ("Asiakkaan kohtaaminen").
    pub genitive: bool,
}

/// A word class, as far as a theme's heading needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A noun.
    Noun,
    /// An adjective or a numeral.
    Adjective,
    /// A verb (also its participles and infinitives).
    Verb,
    /// A proper name.
    Name,
    /// Anything else (adverbs, pronouns, …).
    Other,
}

/// Gives the base form of Finnish words.
pub trait Lemmatizer: Send + Sync + std::fmt::Debug {
    /// The analysis of one lower-case word, or `None` for a word the dictionary does not know.
    fn lemma(&self, word: &str) -> Option<Lemma>;
}

/// A lemmatizer from a prepared list.
#[derive(Debug, Clone, Default)]
pub struct Table(HashMap<String, Lemma>);

impl Table {
    /// Reads lines of `word`, tab, `base`, tab, parts separated by spaces (the parts may be
    /// empty), and optionally tab, the class (`noun`, `adj`, `verb`, `name`, `other`) and tab,
    /// `gen` for a genitive. Lines without a base form are skipped.
    pub fn parse(text: &str) -> Table {
        let mut map = HashMap::new();
        for line in text.lines() {
            let mut fields = line.split('\t');
            let (Some(word), Some(base)) = (fields.next(), fields.next()) else {
                continue;
            };
            if word.is_empty() || base.is_empty() {
                continue;
            }
            let parts = fields
                .next()
                .map(|p| p.split_whitespace().map(str::to_owned).collect())
                .unwrap_or_default();
            let class = fields.next().and_then(|c| match c {
                "noun" => Some(Class::Noun),
                "adj" => Some(Class::Adjective),
                "verb" => Some(Class::Verb),
                "name" => Some(Class::Name),
                "other" => Some(Class::Other),
                _ => None,
            });
            let genitive = fields.next() == Some("gen");
            map.insert(
                word.to_lowercase(),
                Lemma {
                    base: base.to_lowercase(),
                    parts,
                    class,
                    genitive,
                },
            );
        }
        Table(map)
    }

    /// The number of words in the list.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Lemmatizer for Table {
    fn lemma(&self, word: &str) -> Option<Lemma> {
        self.0.get(word).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_reads_base_forms_and_parts() {
        let t = Table::parse(
            "asiakkaiden\tasiakas\t\naamuvuoron\taamuvuoro\taamu vuoro\tnoun\tgen\nbroken\n",
        );
        assert_eq!(t.len(), 2);
        assert_eq!(
            t.lemma("aamuvuoron"),
            Some(Lemma {
                base: "aamuvuoro".into(),
                parts: vec!["aamu".into(), "vuoro".into()],
                class: Some(Class::Noun),
                genitive: true,
            })
        );
        assert_eq!(t.lemma("asiakkaiden").map(|l| l.parts.len()), Some(0));
        assert_eq!(t.lemma("meil"), None);
    }
}
