//! What a line of the listing says in prose: how many ("noin 10 kpl", "(20-30 vuosittain)"),
//! whether it is planned, in which languages and in what format, and how many facilitators are
//! trained. Each reader looks for a short phrase and hands it to the core's parsers
//! ([`Count::parse`]), so the catalogue reads a count the same way whether a coordinator typed
//! it or the importer found it.

use std::collections::BTreeSet;

use vuoro_core::catalogue::Count;
use vuoro_core::lang::ParticipantLang;
use vuoro_core::method::Format;

use crate::classify::Prepared;

/// A count found in a text: the parsed count, the phrase as written and where it stands (byte
/// offsets in the text).
#[derive(Clone, Debug, PartialEq)]
pub struct FoundCount {
    pub count: Count,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// A word of the text with the punctuation around it left out: `start..end` are byte offsets
/// in the text, `lower` is the word in lower case without a trailing full stop.
#[derive(Debug)]
struct Word {
    start: usize,
    end: usize,
    /// The word ended with a full stop (an abbreviation, an ordinal or a sentence end).
    dot: bool,
    lower: String,
}

const OPEN: &[char] = &['(', '[', '{', '"', '\'', '“', '”', '«', '»', '‘', '’'];
const CLOSE: &[char] = &[
    ')', ']', '}', '"', '\'', '“', '”', '«', '»', '‘', '’', ',', ';', ':', '!', '?',
];

fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut push = |start: usize, end: usize| {
        let raw = text.get(start..end).unwrap_or_default();
        let lead = raw.len() - raw.trim_start_matches(OPEN).len();
        let core = raw.trim_start_matches(OPEN).trim_end_matches(CLOSE);
        out.push(Word {
            start: start + lead,
            end: start + lead + core.len(),
            dot: core.ends_with('.'),
            lower: core.trim_end_matches('.').to_lowercase(),
        });
    };
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                push(s, i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s, text.len());
    }
    out
}

/// Words before a number that make it approximate or a lower bound; the core's
/// [`Count::parse`] reads the same words.
const QUALIFIERS: &[&str] = &[
    "noin",
    "n",
    "ca",
    "c",
    "cirka",
    "about",
    "approximately",
    "around",
    "~",
    "yli",
    "över",
    "over",
    "vähintään",
    "minst",
];

/// Words after a number that say what it counts, when that is not dialogues: "20 vuotta"
/// (years of practice), "n. 10 henkilön" (people), "6 tuntia/kk" (hours). Whole words first,
/// then word beginnings.
const NOT_COUNTS_WORDS: &[&str] = &["v", "h", "min", "%", "€", "kk", "år", "vuoden"];
const NOT_COUNTS: &[&str] = &[
    "vuot",
    "tunti",
    "tunnin",
    "hlö",
    "henk",
    "heng",
    "jäsen",
    "prosent",
    "euro",
    "luoki",
    "luokk",
    "päivä",
    "viiko",
    "viikko",
    "kuukau",
    "osallistuj",
    "oppila",
    "opettaj",
    "lasta",
    "ihmist",
    "year",
    "hour",
    "people",
    "person",
    "member",
    "participant",
    "timm",
];

/// Words after a number that belong to the count's phrase: units and "a year".
const COUNT_WORDS: &[&str] = &[
    "kpl",
    "kappaletta",
    "kertaa",
    "krt",
    "kerran",
    "tilaisuutta",
    "dialogia",
    "vuodessa",
    "vuosittain",
    "vuoden",
    "aikana",
    "/v",
    "per",
    "year",
    "a",
    "om",
    "året",
    "år",
    "årligen",
    "annually",
    "yearly",
    "times",
    "gånger",
];

fn is_number_word(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
        && w.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | '—'))
}

fn is_dash(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| matches!(c, '-' | '–' | '—'))
}

/// Every count in `text`, in the order they are written.
pub fn counts(text: &str) -> Vec<FoundCount> {
    let ws = words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let Some((first, mut last)) = amount_at(&ws, i) else {
            i += 1;
            continue;
        };
        let mut first = first;
        // "noin", "n.", "yli" before the number.
        if first > 0 && QUALIFIERS.contains(&ws[first - 1].lower.as_str()) {
            first -= 1;
        }
        let next = ws.get(last + 1);
        let counts_something_else = next.is_some_and(|n| {
            let w = n.lower.as_str();
            let yearly = ws.get(last + 2).is_some_and(|a| a.lower == "aikana");
            (NOT_COUNTS_WORDS.contains(&w) && !(w == "vuoden" && yearly))
                || NOT_COUNTS.iter().any(|u| w.starts_with(u))
        });
        // "2. vuoden": a number with a full stop before a word in lower case is an ordinal.
        let ordinal = ws[last].dot
            && is_number_word(&ws[last].lower)
            && next.is_some_and(|n| n.lower.starts_with(|c: char| c.is_lowercase()));
        if counts_something_else || ordinal {
            i = last + 1;
            continue;
        }
        // The words that say what and how often, up to the end of the sentence.
        while !ws[last].dot
            && let Some(n) = ws.get(last + 1)
            && COUNT_WORDS.contains(&n.lower.as_str())
            && last - first < 6
        {
            last += 1;
        }
        let phrase = text.get(ws[first].start..ws[last].end).unwrap_or_default();
        let phrase = match phrase.strip_suffix('.') {
            Some(p) if !QUALIFIERS.contains(&ws[last].lower.as_str()) => p,
            _ => phrase,
        };
        if let Some(count) = Count::parse(phrase) {
            out.push(FoundCount {
                count,
                text: phrase.to_owned(),
                start: ws[first].start,
                end: ws[first].start + phrase.len(),
            });
        }
        i = last + 1;
    }
    out
}

/// Where an amount starts at word `i` ("10", "10-15", "10 - 15", "toista sataa"): the first
/// and last word of it.
fn amount_at(ws: &[Word], i: usize) -> Option<(usize, usize)> {
    let w = &ws[i].lower;
    if w == "toista" && ws.get(i + 1).is_some_and(|n| n.lower.starts_with("sataa")) {
        return Some((i, i + 1));
    }
    if w.starts_with("satoja") || w == "hundreds" {
        return Some((i, i));
    }
    if !is_number_word(w) {
        return None;
    }
    let number = |j: usize| ws.get(j).is_some_and(|n| is_number_word(&n.lower));
    if w.ends_with(['-', '–', '—']) && number(i + 1) {
        return Some((i, i + 1));
    }
    if ws.get(i + 1).is_some_and(|n| is_dash(&n.lower)) && number(i + 2) {
        return Some((i, i + 2));
    }
    Some((i, i))
}

/// The number of trained facilitators, when the text states it: "Koulutettuja on noin 100".
/// Only a count in the same clause as the word counts: "Koulutettujen tapaamiset 4 kertaa"
/// (meetings of the trained) does not say how many there are.
pub fn trained(text: &str, found: &[FoundCount]) -> Option<FoundCount> {
    const TRAINED: &[&str] = &[
        "koulutettuja",
        "koulutettua",
        "koulutettuina",
        "fasilitaattoreita",
        "dialogiosaajia",
        "ohjaajia",
        "utbildade",
        "trained",
    ];
    let ws = words(text);
    let k = ws
        .iter()
        .position(|w| TRAINED.iter().any(|t| w.lower.starts_with(t)))?;
    // The clause ends at a comma, a full stop or "ja".
    let raw_end = |w: &Word| text.get(w.end..).and_then(|r| r.chars().next());
    let mut end = ws[k].end;
    for w in &ws[k..] {
        if w.lower == "ja" || w.lower == "and" || w.lower == "och" {
            break;
        }
        end = w.end;
        if w.dot || matches!(raw_end(w), Some(',' | ';' | ':')) {
            break;
        }
    }
    found
        .iter()
        .find(|c| c.start >= ws[k].end && c.start < end)
        .cloned()
}

/// The first sentence: a later one saying "more are coming" ("Syksyllä tilaisuuksia tulossa
/// lisää.") does not make what was done a plan.
fn first_sentence(text: &str) -> &str {
    let mut prev_stop = false;
    let mut stop_at = None;
    for (i, c) in text.char_indices() {
        if prev_stop && c.is_uppercase() {
            return text.get(..stop_at.unwrap_or(i)).unwrap_or(text);
        }
        if matches!(c, '.' | '!' | '?') {
            prev_stop = true;
            stop_at = Some(i);
        } else if !c.is_whitespace() {
            prev_stop = false;
        }
    }
    text
}

/// Whether the text (its first sentence) says the activity is planned.
pub fn planned(text: &str) -> bool {
    // Whole words (the trailing space): "tulossaolo" is not "tulossa".
    const PLANNED: &[&str] = &[
        "tulossa ",
        "suunnitteilla ",
        "on tarkoitus ",
        "tarkoitus on ",
        "suunnitelmissa ",
        "planeras ",
        "planerad ",
        "planned ",
        "upcoming ",
    ];
    let p = Prepared::new(first_sentence(text));
    PLANNED.iter().any(|k| p.has(k))
}

/// The languages the text names ("suomeksi", "arabian- ja somalinkielisille").
pub fn languages(text: &str) -> BTreeSet<ParticipantLang> {
    const NAMES: &[(ParticipantLang, &[&str])] = &[
        (
            ParticipantLang::Fi,
            &[
                "suomeksi",
                "suomenkiel",
                "suomen kiel",
                "på finska",
                "in finnish",
            ],
        ),
        (
            ParticipantLang::Sv,
            &[
                "ruotsiksi",
                "ruotsinkiel",
                "ruotsin kiel",
                "på svenska",
                "in swedish",
            ],
        ),
        (
            ParticipantLang::En,
            &[
                "englanniksi",
                "englanninkiel",
                "englannin kiel",
                "på engelska",
                "in english",
            ],
        ),
        (
            ParticipantLang::Ar,
            &[
                "arabiaksi",
                "arabiankiel",
                "arabian-",
                "arabian kiel",
                "på arabiska",
                "in arabic",
            ],
        ),
        (
            ParticipantLang::So,
            &[
                "somaliksi",
                "somalinkiel",
                "somaliankiel",
                "somalin-",
                "somalian-",
                "somalin kiel",
                "på somaliska",
                "in somali",
            ],
        ),
    ];
    let p = Prepared::new(text);
    NAMES
        .iter()
        .filter(|(_, ks)| ks.iter().any(|k| p.has(k)))
        .map(|(l, _)| *l)
        .collect()
}

/// The format the text names: face to face, online (Teams, "verkko"), or both.
pub fn format(text: &str) -> Option<Format> {
    const FACE: &[&str] = &[
        "kasvokkain",
        "kasvotusten",
        "lähitapaami",
        "lähitilaisuu",
        "paikan päällä",
        "face to face",
        "in person",
        "på plats",
    ];
    const ONLINE: &[&str] = &[
        "teams",
        "zoom",
        "verkko",
        "verkossa",
        "etänä",
        "etäyhtey",
        "etätilaisuu",
        "webinaari",
        "online",
        "distans",
        "digitaal",
    ];
    const HYBRID: &[&str] = &["hybridi", "hybrid"];
    let p = Prepared::new(text);
    let any = |ks: &[&str]| ks.iter().any(|k| p.has(k));
    match (any(HYBRID), any(FACE), any(ONLINE)) {
        (true, _, _) | (false, true, true) => Some(Format::Hybrid),
        (false, true, false) => Some(Format::FaceToFace),
        (false, false, true) => Some(Format::Online),
        (false, false, false) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vuoro_core::catalogue::{Amount, CountPer};

    fn first(text: &str) -> Option<(Amount, CountPer, String)> {
        counts(text)
            .into_iter()
            .next()
            .map(|c| (c.count.amount, c.count.per, c.text))
    }

    #[test]
    fn counts_are_phrases_of_their_own() {
        use Amount::*;
        use CountPer::*;
        let t = |s: &str| s.to_owned();
        assert_eq!(
            first("Erätauko-menetelmällä keskusteluja käyty noin 10 kpl"),
            Some((About { n: 10 }, Total, t("noin 10 kpl")))
        );
        assert_eq!(
            first("Kouludialogeja (20-30 vuosittain)"),
            Some((Range { min: 20, max: 30 }, Year, t("20-30 vuosittain")))
        );
        assert_eq!(
            first("vanhempainiltoja. (n. 5-10 vuodessa)"),
            Some((Range { min: 5, max: 10 }, Year, t("n. 5-10 vuodessa")))
        );
        assert_eq!(
            first("dialogisia tilaisuuksia toteutettiin toista sataa vuodessa. Nyt"),
            Some((AtLeast { n: 100 }, Year, t("toista sataa vuodessa")))
        );
        assert_eq!(
            first("Koulutettujen tapaamiset 4 kertaa vuoden aikana"),
            Some((Exact { n: 4 }, Year, t("4 kertaa vuoden aikana")))
        );
        assert_eq!(
            first("7 kpl, yksi suomeksi"),
            Some((Exact { n: 7 }, Total, t("7 kpl")))
        );
        assert_eq!(
            first("Noin 10 – 20 kpl."),
            Some((Range { min: 10, max: 20 }, Total, t("Noin 10 – 20 kpl")))
        );
    }

    #[test]
    fn numbers_that_count_something_else_are_not_counts() {
        for text in [
            "Dialogista toimintatapaa yli 20 vuotta.",
            "Nyt ollaan siirtymässä n. 10 henkilön aktiivirinkiin (6 tuntia/kk).",
            "Nyt kuullaan 5v., 2.-, 5.- ja 8.- luokkien oppilaita sekä lukion 2. vuoden opiskelijoita",
            "20 hengen dialogikoulutus",
            "Osana Euroopan kulttuuripääkaupunki 2026 hakemusasiakirjan valmistelua",
            "toimintasuunnitelmaa 2021-2023",
            "Vertaisdialogiin 5.5.2021 osallistuneet",
            "(2019)",
        ] {
            assert_eq!(counts(text), [], "{text}");
        }
    }

    #[test]
    fn trained_facilitators_only_in_their_own_clause() {
        let text = "Koulutettuja on noin 100 ja toimialat kattavasti koulutetaan tämän vuoden aikana sata henkilöä lisää.";
        let found = counts(text);
        let t = trained(text, &found).map(|c| (c.count.amount, c.count.per));
        assert_eq!(t, Some((Amount::About { n: 100 }, CountPer::Total)));
        let text = "Koulutettujen tapaamiset 4 kertaa vuoden aikana";
        assert_eq!(trained(text, &counts(text)), None);
    }

    #[test]
    fn planned_in_the_first_sentence() {
        assert!(planned(
            "Vertaistyöpajat esimiehille (suunnitteilla syksylle 2021)"
        ));
        assert!(planned("Dialogeja on tarkoitus käydä henkilöstön kesken"));
        assert!(planned("Lisää on tulossa."));
        assert!(!planned(
            "Osana suunnitelmaa dialoginen tapaaminen. Syksyllä tilaisuuksia tulossa lisää."
        ));
        assert!(!planned("Tulossaolo"));
    }

    #[test]
    fn languages_and_formats_when_named() {
        use ParticipantLang::*;
        let l = languages(
            "7 kpl, yksi suomeksi, yksi englanniksi, yksi henkilökunnalle ja neljä arabian- ja somalinkielisille ryhmille.",
        );
        assert_eq!(l.into_iter().collect::<Vec<_>>(), [Fi, En, Ar, So]);
        assert!(languages("Johdon dialogit").is_empty());
        assert_eq!(
            format("Dialogeja kasvokkain ja Teamsin välityksellä:"),
            Some(Format::Hybrid)
        );
        assert_eq!(format("kasvokkain"), Some(Format::FaceToFace));
        assert_eq!(
            format("Ison koulutyöyhteisön verkkodialogi"),
            Some(Format::Online)
        );
        assert_eq!(format("Verkostokoordinaattori"), None);
    }

    #[test]
    fn odd_text_is_no_problem() {
        for t in [
            "",
            "-",
            "1-",
            "- 1",
            "1 -",
            "(",
            ")",
            "toista",
            "n.",
            "1.",
            "İ1",
            "1\u{301}",
            "١٢",
            "9999999999",
            "1 – ",
            "…1…",
        ] {
            let c = counts(t);
            let _ = trained(t, &c);
            let _ = (planned(t), languages(t), format(t));
        }
    }
}
