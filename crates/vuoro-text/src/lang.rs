//! Which of Finnish, Swedish and English a note is written in, or whether it is written in
//! Arabic or in another script altogether.
//!
//! The script decides first: a note whose letters are mostly Arabic is Arabic, one whose
//! letters are mostly of another non-Latin script (Cyrillic, Tigrinya, …) is [`Lang::Other`].
//! Among Latin-script notes:
//!
//! Notes are short (often three to ten words), so the detector adds two kinds of evidence per
//! word: membership in a language's stop-word list, which settles most notes, and letter
//! patterns that survive inflection (å, the Finnish double vowels and vowel harmony endings,
//! English "th" and "w", Swedish "sj", "tj", "ck" and endings). A note with no evidence at all
//! is taken as Finnish, the language most notes in vuoro are written in.

use crate::stopwords::is_stop_word;

/// A note's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// Finnish.
    Fi = 0,
    /// Swedish.
    Sv = 1,
    /// English.
    En = 2,
    /// Arabic (any note mostly in Arabic script).
    Ar = 3,
    /// A note mostly in another non-Latin script.
    Other = 4,
}

impl Lang {
    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
            Lang::Ar => "ar",
            Lang::Other => "other",
        }
    }
}

/// Which script a letter belongs to, as far as [`detect`] cares.
fn script(c: char) -> usize {
    match c {
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}' => 1,
        c if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) => 0,
        _ => 2,
    }
}

/// The language of a note given its words (as [`crate::tokenize`] returns them).
pub fn detect(words: &[String]) -> Lang {
    // Letters per script: Latin, Arabic, other.
    let mut letters = [0usize; 3];
    for c in words
        .iter()
        .flat_map(|w| w.chars())
        .filter(|c| c.is_alphabetic())
    {
        letters[script(c)] += 1;
    }
    if letters[1] > letters[0] && letters[1] >= letters[2] {
        return Lang::Ar;
    }
    if letters[2] > letters[0] {
        return Lang::Other;
    }
    let mut score = [0.0f32; 3];
    for w in words {
        let w = w.as_str();
        let hits = [
            is_stop_word(w, Lang::Fi),
            is_stop_word(w, Lang::Sv),
            is_stop_word(w, Lang::En),
        ];
        let n = hits.iter().filter(|h| **h).count();
        if n > 0 {
            // A word that is a stop word in two languages ("i", "en", "on") is weak evidence.
            let share = 2.0 / (n as f32 + 1.0);
            for (s, h) in score.iter_mut().zip(hits) {
                if h {
                    *s += share;
                }
            }
        }
        letter_evidence(w, &mut score);
    }
    if score[1] > score[0] && score[1] >= score[2] {
        Lang::Sv
    } else if score[2] > score[0] && score[2] > score[1] {
        Lang::En
    } else {
        Lang::Fi
    }
}

fn letter_evidence(w: &str, score: &mut [f32; 3]) {
    const FI_ENDS: &[&str] = &[
        "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "ksi", "nen", "set", "taan",
        "tään", "sti", "ssi",
    ];
    const SV_ENDS: &[&str] = &["ning", "het", "arna", "orna", "erna", "lig", "ligt"];
    const EN_ENDS: &[&str] = &["ing", "tion", "ly", "ed", "ness"];
    // One pass over letter pairs: Finnish double vowels and diphthongs, Swedish and English
    // consonant pairs, letters one language has and the others lack.
    let mut prev = ' ';
    let mut fi_vowel = false;
    let mut aring = false;
    let mut foreign = false;
    for c in w.chars() {
        match c {
            'å' => aring = true,
            'ä' | 'ö' | 'y' => fi_vowel = true,
            'c' | 'q' | 'x' | 'z' => foreign = true,
            'w' => score[2] += 0.2,
            _ => {}
        }
        match (prev, c) {
            ('ä', 'ä')
            | ('ö', 'ö')
            | ('y', 'y')
            | ('u', 'u')
            | ('i', 'i')
            | ('a', 'a')
            | ('e', 'i')
            | ('u', 'o')
            | ('y', 'ö')
            | ('i', 'e') => score[0] += 0.2,
            ('s', 'j') | ('t', 'j') | ('c', 'k') | ('g', 'h') => score[1] += 0.3,
            ('t', 'h')
            | ('s', 'h')
            | ('c', 'h')
            | ('e', 'e')
            | ('o', 'o')
            | ('o', 'u')
            | ('e', 'a') => score[2] += 0.2,
            _ => {}
        }
        prev = c;
    }
    if aring {
        score[1] += 1.5;
    } else if fi_vowel {
        score[0] += 0.3;
        score[1] += 0.1;
    }
    if foreign {
        score[2] += 0.3;
        score[1] += 0.1;
    }
    let ends = |parts: &[&str]| {
        parts
            .iter()
            .any(|p| w.len() > p.len() + 1 && w.ends_with(*p))
    };
    if ends(FI_ENDS) {
        score[0] += 0.5;
    }
    if ends(SV_ENDS) {
        score[1] += 0.5;
    }
    if ends(EN_ENDS) {
        score[2] += 0.5;
    }
    // "sch" opens many Swedish words ("schema", "schemat", "schemaläggning") and few English
    // ones; its "c" and "ch" above would otherwise count for English.
    if w.contains("sch") {
        score[1] += 0.5;
    }
    // Finnish words do not end in most consonants English and Swedish end in.
    if matches!(
        prev,
        'b' | 'c' | 'd' | 'f' | 'g' | 'k' | 'p' | 'v' | 'w' | 'x' | 'z'
    ) {
        score[1] += 0.2;
        score[2] += 0.2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize;

    fn lang_of(s: &str) -> Lang {
        detect(&tokenize(s))
    }

    #[test]
    fn detects_the_language_of_every_sample_note() {
        let samples = [
            (include_str!("../data/lang-fi.txt"), Lang::Fi),
            (include_str!("../data/lang-sv.txt"), Lang::Sv),
            (include_str!("../data/lang-en.txt"), Lang::En),
        ];
        let mut wrong = Vec::new();
        for (text, want) in samples {
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let got = lang_of(line);
                if got != want {
                    wrong.push(format!("{} → {}: {line}", want.code(), got.code()));
                }
            }
        }
        assert!(wrong.is_empty(), "misdetected:\n{}", wrong.join("\n"));
    }

    #[test]
    fn the_script_decides_first() {
        assert_eq!(lang_of("نحتاج إلى وقت أكثر للاستراحة"), Lang::Ar);
        assert_eq!(lang_of("Kahvitauko نحتاج إلى وقت أكثر"), Lang::Ar);
        assert_eq!(lang_of("Нам нужно больше перерывов"), Lang::Other);
        assert_eq!(lang_of("Tarvitaan lisää taukoja, الاستراحة"), Lang::Fi);
    }

    #[test]
    fn a_note_without_evidence_is_finnish() {
        assert_eq!(lang_of(""), Lang::Fi);
        assert_eq!(lang_of("👍"), Lang::Fi);
    }

    #[test]
    fn the_finnish_labelled_set_is_finnish() {
        let text = include_str!("../data/themes-fi.csv");
        // The label after the last comma is an English word; only the note counts.
        let notes: Vec<&str> = text
            .lines()
            .skip(1)
            .filter_map(|l| l.rsplit_once(',').map(|(note, _)| note))
            .collect();
        let finnish = notes.iter().filter(|l| lang_of(l) == Lang::Fi).count();
        // A few two-word notes ("wifi ei kanna ...") may look foreign; nearly all must not.
        assert!(
            finnish * 100 >= notes.len() * 97,
            "{finnish} of {}",
            notes.len()
        );
    }
}
