//! Writes Voikko's analysis of every distinct word of labelled CSV files (`text,label`) as a
//! `vuoro_text::lemma::Table` (word, base, parts, class, `gen`), for
//! `vuoro-text`'s `examples/eval.rs --lemmas` to measure themes with Voikko
//! (`scripts/theme-quality`). `cargo run -p vuoro-voikko --example lemmas -- FILE… > OUT.tsv`
use std::collections::BTreeSet;
use vuoro_text::lemma::{Class, Lemmatizer};

fn main() -> Result<(), String> {
    let v = vuoro_voikko::Voikko::load().ok_or("libvoikko1 + voikko-fi are not installed")?;
    let mut words = BTreeSet::new();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
        // The label after the last comma is an English word, a few words more do no harm.
        words.extend(text.lines().skip(1).flat_map(vuoro_text::tokenize));
    }
    let mut known = 0;
    for w in &words {
        if let Some(l) = v.lemma(w) {
            known += 1;
            let class = match l.class {
                Some(Class::Noun) => "noun",
                Some(Class::Adjective) => "adj",
                Some(Class::Verb) => "verb",
                Some(Class::Name) => "name",
                Some(Class::Other) | None => "other",
            };
            let genitive = if l.genitive { "gen" } else { "" };
            println!(
                "{w}\t{}\t{}\t{class}\t{genitive}",
                l.base,
                l.parts.join(" ")
            );
        }
    }
    eprintln!("Voikko knows {known} of {} distinct words", words.len());
    Ok(())
}
