//! The notes no theme holds, per language, for the facilitator to place by hand.
//!
//! The engine groups notes within a language and leaves the notes of a language too few wrote
//! in unplaced (`vuoro_text::Options::min_language_notes`), so a theme never stands for a
//! language. The themes page shows those notes by the language their text is in (as the engine
//! detected it, which may differ from the phone's interface language), each with its text and a
//! form that moves it into a theme (`templates/themes_unplaced.html`).

use super::NoteRef;
use crate::ctx::Ctx;
use vuoro_text::Lang;

/// The unplaced notes of one language.
#[derive(Debug)]
pub struct LangGroup {
    /// The language's code, for the `lang` and `id` attributes ("fi", "sv", "ar", "other").
    pub code: &'static str,
    /// Its heading: the language's name in the interface's language and the number of notes.
    pub heading: String,
    /// Whether the language had too few notes for themes of its own, so that all of its notes
    /// wait here; otherwise these are notes that shared no words with the others.
    pub too_few: bool,
    pub notes: Vec<NoteRef>,
}

/// The language the engine reads a note's text in.
pub fn lang_of(text: &str) -> Lang {
    vuoro_text::lang::detect(&vuoro_text::tokenize(text))
}

/// `unsorted` grouped by language, in the order Finnish, Swedish, English, Arabic, other;
/// `all` are every note of the scope with their language, to tell which languages were too
/// few ([`vuoro_text::MIN_LANGUAGE_NOTES`], unless the language of most notes).
pub fn by_language(c: &Ctx, unsorted: &[NoteRef], all: &[Lang]) -> Vec<LangGroup> {
    let mut count = [0usize; 5];
    for l in all {
        count[*l as usize] += 1;
    }
    let most = count
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))
        .map(|(i, _)| i);
    let mut groups: Vec<LangGroup> = Vec::new();
    for lang in [Lang::Fi, Lang::Sv, Lang::En, Lang::Ar, Lang::Other] {
        // The text's own language marks it up, not the phone's: an Arabic note written on a
        // phone set to Finnish still reads right to left.
        let notes: Vec<NoteRef> = unsorted
            .iter()
            .filter(|n| lang_of(&n.text) == lang)
            .cloned()
            .map(|mut n| {
                if lang != Lang::Other {
                    n.lang = lang.code().to_owned();
                    n.dir = if lang == Lang::Ar { "rtl" } else { "ltr" };
                }
                n
            })
            .collect();
        if notes.is_empty() {
            continue;
        }
        let n = count[lang as usize];
        let name = c.t(&format!("plang-{}", lang.code()));
        let heading = crate::i18n::t_args(
            c.lang,
            "themes-unplaced-lang",
            &[
                ("lang", crate::i18n::s(name)),
                (
                    "count",
                    fluent_templates::fluent_bundle::FluentValue::from(notes.len()),
                ),
            ],
        );
        groups.push(LangGroup {
            code: lang.code(),
            heading,
            too_few: Some(lang as usize) != most && n < vuoro_text::MIN_LANGUAGE_NOTES,
            notes,
        });
    }
    groups
}
