//! Base forms: stemming per language, and the parts of Finnish compound words.
//!
//! Snowball's Finnish stemmer leaves many inflected forms of one word apart: it gives
//! "kokous" but "kokouks" for "kokouksen", "asiakas" but "asiak" for "asiakkaan", "työ" but
//! "töitä". [`Morph::stem`] therefore reduces its output once more (`fi_key`): the -us/-uks
//! and -as/-aan alternations are cut to one form, double consonants are made single (the
//! consonant gradation of "tauko"/"taukoja"/"asiakkaat") and a short table covers the
//! irregular forms of the commonest words. Spoken participles ("kasvanu", "ollu") get their
//! written ending back first.
//!
//! Compound words are split into known parts: a part is known when it is in a built-in list of
//! common Finnish compound constituents ([`FI_PARTS`]) or appears on its own in the notes being
//! analysed. "työhyvinvointikysely" becomes työ + hyvin + vointi + kysely, so it shares terms
//! with "hyvinvointi" and "kysely" in other notes.

use std::collections::HashMap;

use crate::fxhash::FxHashSet as HashSet;

use frostem::{Algorithm, Stemmer};

use crate::Lang;

/// Stems words of the three languages.
#[derive(Clone, Copy)]
pub struct Morph {
    fi: Stemmer,
    sv: Stemmer,
    en: Stemmer,
}

impl std::fmt::Debug for Morph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Morph(fi, sv, en)")
    }
}

impl Default for Morph {
    fn default() -> Self {
        Self::new()
    }
}

impl Morph {
    /// The three Snowball stemmers.
    pub fn new() -> Self {
        Morph {
            fi: Stemmer::new(Algorithm::Finnish),
            sv: Stemmer::new(Algorithm::Swedish),
            en: Stemmer::new(Algorithm::English),
        }
    }

    /// The stem of one lower-case word; inflected forms of one word share it.
    pub fn stem(&self, word: &str, lang: Lang) -> String {
        match lang {
            Lang::Fi => {
                if let Some(base) = fi_irregular(word) {
                    return base.to_owned();
                }
                // Compounds ending in an irregular form: "ylitöitä", "paperitöissä".
                for form in ["töitä", "töissä", "töihin", "töistä", "töille", "töit"] {
                    if let Some(head) = word.strip_suffix(form)
                        && head.chars().count() >= 2
                    {
                        return format!("{head}työ");
                    }
                }
                let written = fi_written(word);
                fi_key(&self.fi.stem(&written))
            }
            Lang::Sv => self.sv.stem(word).into_owned(),
            Lang::En => self.en.stem(word).into_owned(),
            Lang::Ar => ar_stem(word),
            Lang::Other => word.to_owned(),
        }
    }
}

/// A light Arabic stem: the spelling normalised (short vowels and tatweel out, the forms of
/// alif as one, tāʾ marbūṭa as hāʾ, alif maqṣūra as yāʾ), then the article and the conjunctions
/// and prepositions glued before it (و، ف، ب، ك، ل with ال) and the commonest plural and
/// possessive endings cut, keeping at least three letters. No root extraction: short notes
/// need forms of one word to meet, not derivations.
pub fn ar_stem(word: &str) -> String {
    let w = ar_normalise(word);
    let mut w: &str = &w;
    for p in ["وال", "بال", "كال", "فال", "لل", "ال"] {
        if let Some(rest) = w.strip_prefix(p)
            && rest.chars().count() >= 3
        {
            w = rest;
            break;
        }
    }
    for s in ["ات", "ون", "ين", "ها", "هم", "نا", "ه", "ي"] {
        if let Some(rest) = w.strip_suffix(s)
            && rest.chars().count() >= 3
        {
            w = rest;
            break;
        }
    }
    w.to_owned()
}

/// Arabic spelling as the stop-word list and [`ar_stem`] compare it.
pub fn ar_normalise(word: &str) -> String {
    word.chars()
        .filter_map(|c| match c {
            // Harakat, shadda, sukun, superscript alif, tatweel.
            '\u{064B}'..='\u{0652}' | '\u{0670}' | '\u{0640}' => None,
            'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
            'ة' => Some('ه'),
            'ى' => Some('ي'),
            c => Some(c),
        })
        .collect()
}

/// Spoken endings that Snowball does not know, restored to the written ones.
fn fi_written(word: &str) -> String {
    let n = word.chars().count();
    // Past participles: "kasvanu" → "kasvanut", "uupunu" → "uupunut".
    if n >= 5 && (word.ends_with("nu") || word.ends_with("ny")) {
        return format!("{word}t");
    }
    // Translative: "helpommaks" → "helpommaksi", "tueks" → "tueksi".
    if n >= 5 && word.ends_with("ks") {
        return format!("{word}i");
    }
    word.to_owned()
}

/// Inflected forms of the commonest short words that no suffix rule reaches.
fn fi_irregular(word: &str) -> Option<&'static str> {
    Some(match word {
        "työ" | "työn" | "työtä" | "työt" | "töitä" | "töissä" | "töihin" | "töistä" | "töis"
        | "töit" | "työssä" | "työstä" | "työhön" | "työllä" | "töille" => "työ",
        "yö" | "yön" | "yötä" | "öitä" | "öisin" => "yö",
        "uus" | "uusi" | "uuden" | "uutta" | "uudet" | "uusia" | "uusien" | "uusille"
        | "uusilla" | "uudelle" | "uudella" => "uus",
        _ => return None,
    })
}

/// Reduces a Finnish Snowball stem to a key shared by more inflected forms.
pub(crate) fn fi_key(stem: &str) -> String {
    let mut s: Vec<char> = stem.chars().collect();
    // "kokouks"/"kokous" → "kokou", "perehdytyks"/"perehdytys" → "perehdyty".
    let n = s.len();
    if n >= 6 && s[n - 2] == 'k' && s[n - 1] == 's' {
        s.truncate(n - 2);
    } else if n >= 5 && s[n - 1] == 's' && matches!(s[n - 2], 'u' | 'y' | 'o' | 'ö' | 'i') {
        s.truncate(n - 1);
    } else if n >= 6 && s[n - 1] == 's' && matches!(s[n - 2], 'a' | 'ä' | 'e') {
        // "asiakas"/"asiak", "asukas"/"asuk", "kirkas"/"kirk".
        s.truncate(n - 2);
    }
    // Consonant gradation: "asiakkaat", "tauko"/"taukoja", "pitkät": single consonants.
    s.dedup_by(|b, a| a == b && !is_vowel(*a));
    // Long vowels at the end differ between forms ("tärkee"/"tärke"): keep one.
    while s.len() >= 4 && s[s.len() - 1] == s[s.len() - 2] && is_vowel(s[s.len() - 1]) {
        s.pop();
    }
    s.into_iter().collect()
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'ä' | 'ö' | 'å')
}

/// Common Finnish compound constituents, in the form they take inside a compound (mostly the
/// nominative, some genitives). The list is of general working-life and public-service words,
/// not of any one data set.
pub const FI_PARTS: &[&str] = &[
    "aamu",
    "aika",
    "aikataulu",
    "alue",
    "ammatti",
    "apu",
    "arvo",
    "asiakas",
    "asukas",
    "asunto",
    "auto",
    "budjetti",
    "digi",
    "ensi",
    "esi",
    "etä",
    "harjoittelu",
    "henki",
    "henkilö",
    "henkilöstö",
    "hoito",
    "hoitaja",
    "huolto",
    "huone",
    "hyvin",
    "ilma",
    "ilta",
    "info",
    "johto",
    "johtaja",
    "johtamis",
    "järjestelmä",
    "kahvi",
    "kansio",
    "kasvatus",
    "katu",
    "kehitys",
    "kehittämis",
    "keskustelu",
    "kiinteistö",
    "kiire",
    "kirja",
    "kirjasto",
    "kone",
    "koti",
    "koulu",
    "koulutus",
    "kulku",
    "kulttuuri",
    "kunta",
    "kuntalais",
    "kurssi",
    "kuukausi",
    "kysely",
    "käyttö",
    "laina",
    "laite",
    "lapsi",
    "lasten",
    "laatu",
    "lepo",
    "liikunta",
    "lista",
    "loma",
    "luokka",
    "lähi",
    "lääke",
    "maksu",
    "mieli",
    "muutos",
    "neuvo",
    "ohje",
    "ohjelma",
    "ohjaus",
    "oma",
    "opetus",
    "opinto",
    "oppi",
    "opettaja",
    "osaamis",
    "palaute",
    "palaveri",
    "palvelu",
    "perehdytys",
    "perhe",
    "piha",
    "posti",
    "puhelin",
    "päivystys",
    "päivä",
    "raportti",
    "ruoka",
    "ryhmä",
    "sairaus",
    "seteli",
    "siivous",
    "sisä",
    "sosiaali",
    "suunnittelu",
    "sähkö",
    "taito",
    "talo",
    "tapa",
    "tauko",
    "terveys",
    "tieto",
    "tila",
    "toimisto",
    "toive",
    "turva",
    "turvallisuus",
    "tuki",
    "tunti",
    "tulos",
    "tyytyväisyys",
    "työ",
    "ulko",
    "uni",
    "vaihto",
    "vanhempain",
    "vapaa",
    "varasto",
    "verkko",
    "video",
    "viesti",
    "viikko",
    "virkistys",
    "vointi",
    "vuoro",
    "vuosi",
    "väline",
    "yhteis",
    "yhteistyö",
    "yö",
    "ylityö",
    "kyky",
    "kuorma",
    "määrä",
    "paine",
    "hanke",
    "projekti",
    "tiimi",
    "kokous",
    "kortti",
    "lupa",
    "kieli",
    "kirjaus",
    "ilmoitus",
    "hakemus",
    "kehitys",
    "kevät",
    "kesä",
    "syksy",
    "talvi",
    "joulu",
    "pyhä",
    "juhla",
    "viikonloppu",
    "ympäristö",
    "väki",
    "neuvottelu",
    "sopimus",
    "kustannus",
    "säästö",
    "kaupunki",
    "valtuusto",
    "koje",
    "kamera",
    "mikro",
    "tulostin",
    "pöytä",
    "tuoli",
    "näyttö",
    "ovi",
    "ikkuna",
    "valo",
    "melu",
    "ääni",
    "ilmanvaihto",
    "lämpö",
    "kylmä",
    "pesu",
    "vaate",
    "kenkä",
];

/// Splits Finnish compound words into parts known from [`FI_PARTS`] and the notes themselves.
#[derive(Debug, Default)]
pub struct Splitter {
    /// Surface forms that may stand as a non-final part.
    parts: HashSet<String>,
    /// Stems that a final (inflected) part may reduce to: those of the built-in parts and of
    /// every word of the notes.
    heads: HashSet<String>,
}

/// The built-in parts and their stems, computed once.
static BUILT_IN: std::sync::LazyLock<(HashSet<String>, HashSet<String>)> =
    std::sync::LazyLock::new(|| {
        let m = Morph::new();
        (
            FI_PARTS.iter().map(|p| (*p).to_owned()).collect(),
            FI_PARTS.iter().map(|p| m.stem(p, Lang::Fi)).collect(),
        )
    });

/// Shortest part a word from the notes may contribute; shorter ones ("sai", "oli") would cut
/// ordinary words apart.
const MIN_CORPUS_PART: usize = 4;
/// Words shorter than this are never split.
const MIN_COMPOUND: usize = 7;

impl Splitter {
    /// A splitter that knows the built-in parts and the Finnish words of the notes that occur
    /// at least `min_count` times in `counts` (word → occurrences).
    pub fn new<S: std::hash::BuildHasher>(
        morph: &Morph,
        counts: &HashMap<String, u32, S>,
        min_count: u32,
    ) -> Self {
        Self::from_stems(
            counts
                .iter()
                .map(|(w, c)| (w.as_str(), morph.stem(w, Lang::Fi), *c)),
            min_count,
        )
    }

    /// As [`Splitter::new`] from (word, its stem, occurrences) of the notes' Finnish words, for
    /// a caller that has stemmed them already.
    pub fn from_stems<'a>(
        words: impl Iterator<Item = (&'a str, String, u32)>,
        min_count: u32,
    ) -> Self {
        let (parts, heads) = &*BUILT_IN;
        let mut s = Splitter {
            parts: parts.clone(),
            heads: heads.clone(),
        };
        for (w, stem, c) in words {
            if w.chars().count() >= MIN_CORPUS_PART {
                if c >= min_count {
                    s.parts.insert(w.to_owned());
                }
                s.heads.insert(stem);
            }
        }
        s
    }

    /// The parts of `word` (lower case), the last one as written; `None` when the word is not
    /// a compound of known parts. Of several splits the one with the fewest parts wins, then
    /// the one whose first part is longest.
    pub fn split(&self, morph: &Morph, word: &str) -> Option<Vec<String>> {
        let chars: Vec<char> = word.chars().collect();
        let n = chars.len();
        if n < MIN_COMPOUND {
            return None;
        }
        // reach[j]: the best way to read chars[..j] as whole parts: (parts, first part's
        // length, where the last part starts). Only reachable positions are tried as the start
        // of the final part, so the stemmer runs a few times per word, not once per position.
        let mut reach: Vec<Option<(usize, usize, usize)>> = vec![None; n + 1];
        reach[0] = Some((0, 0, 0));
        let mut part = String::new();
        for i in 0..n {
            let Some((count, first, _)) = reach[i] else {
                continue;
            };
            part.clear();
            for j in i + 1..n.min(i + MAX_PART) {
                part.push(chars[j - 1]);
                if j - i < 2 || !self.parts.contains(&part) {
                    continue;
                }
                let first = if i == 0 { j } else { first };
                let cand = (count + 1, first, i);
                if better(cand, reach[j]) {
                    reach[j] = Some(cand);
                }
            }
        }
        let mut best: Option<(usize, usize, usize)> = None;
        let mut tail = String::new();
        for i in 1..n.saturating_sub(2) {
            let Some((count, first, _)) = reach[i] else {
                continue;
            };
            tail.clear();
            tail.extend(&chars[i..]);
            if self.parts.contains(&tail) || self.heads.contains(&morph.stem(&tail, Lang::Fi)) {
                let cand = (count + 1, first, i);
                if better(cand, best) {
                    best = Some(cand);
                }
            }
        }
        let (_, _, mut start) = best?;
        let mut parts = vec![chars[start..].iter().collect::<String>()];
        while start > 0 {
            let (_, _, prev) = reach[start]?;
            parts.push(chars[prev..start].iter().collect());
            start = prev;
        }
        parts.reverse();
        Some(parts)
    }
}

/// Parts longer than this are not looked up.
const MAX_PART: usize = 24;

/// Fewer parts first, then a longer first part.
fn better(cand: (usize, usize, usize), old: Option<(usize, usize, usize)>) -> bool {
    match old {
        None => true,
        Some((c, f, _)) => cand.0 < c || (cand.0 == c && cand.1 > f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(w: &str) -> String {
        Morph::new().stem(w, Lang::Fi)
    }

    #[test]
    fn inflected_forms_share_a_stem() {
        for group in [
            &["kokouksissa", "kokous", "kokouksen", "kokouksia"][..],
            &[
                "perehdytys",
                "perehdytystä",
                "perehdytyksen",
                "perehdytyksessä",
            ],
            &["asiakas", "asiakkaat", "asiakkaiden", "asiakkaan"],
            &["koulutus", "koulutusta", "koulutuksiin", "koulutuksista"],
            &["tauko", "taukoja", "taukoa"],
            &["työ", "töitä", "töissä", "työtä"],
            &["kasvanu", "kasvanut"],
        ] {
            let first = stem(group[0]);
            for w in group {
                assert_eq!(stem(w), first, "{w} vs {}", group[0]);
            }
        }
    }

    #[test]
    fn different_words_keep_different_stems() {
        assert_ne!(stem("kokous"), stem("koulutus"));
        assert_ne!(stem("vuoro"), stem("vuosi"));
    }

    #[test]
    fn swedish_and_english_use_their_own_stemmers() {
        let m = Morph::new();
        assert_eq!(m.stem("meetings", Lang::En), m.stem("meeting", Lang::En));
        assert_eq!(
            m.stem("utbildningar", Lang::Sv),
            m.stem("utbildning", Lang::Sv)
        );
    }

    #[test]
    fn splits_compounds_into_known_parts() {
        let m = Morph::new();
        let s = Splitter::new(&m, &HashMap::new(), 2);
        assert_eq!(
            s.split(&m, "työhyvinvointikysely"),
            Some(vec![
                "työ".into(),
                "hyvin".into(),
                "vointi".into(),
                "kysely".into()
            ])
        );
        // The last part may be inflected.
        assert_eq!(
            s.split(&m, "asiakaspalautetta"),
            Some(vec!["asiakas".into(), "palautetta".into()])
        );
        assert_eq!(s.split(&m, "perehdytys"), None);
        assert_eq!(s.split(&m, "kaikki"), None);
    }

    #[test]
    fn words_of_the_notes_become_parts() {
        let m = Morph::new();
        let counts = HashMap::from([("kopiokone".to_owned(), 2u32), ("rikki".to_owned(), 3)]);
        let s = Splitter::new(&m, &counts, 2);
        assert_eq!(
            s.split(&m, "kopiokonerikki"),
            Some(vec!["kopiokone".into(), "rikki".into()])
        );
        assert_eq!(
            s.split(&m, "kopiokonehuone"),
            Some(vec!["kopiokone".into(), "huone".into()])
        );
    }
}
