//! Translations. Every user-visible string comes from the Fluent files in `locales/` at the
//! repository root, compiled into the binary. Finnish is the fallback; a test checks that Swedish
//! and English define every Finnish message, so the fallback never shows in practice.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::fluent_bundle::memoizer::MemoizerKind;
use fluent_templates::fluent_bundle::types::FluentNumber;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use std::borrow::Cow;
use std::collections::HashMap;
use vuoro_core::Lang;
use vuoro_core::lang::ParticipantLang;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "../../locales",
        fallback_language: "fi",
        // Bidi isolation marks would end up inside attribute values and exports; our own
        // interface languages are all left to right.
        customise: |bundle| {
            bundle.set_use_isolating(false);
            // NUMBER() with its options (maximumFractionDigits, ...) in the messages.
            bundle.add_builtins().expect("the builtin functions are added once");
            bundle.set_formatter(Some(format_number));
        },
    };
}

/// How a language writes a number: its decimal separator. fluent-bundle prints every number
/// with a full stop ("4.2"), whatever the language; Finnish and Swedish write "4,2". Built once
/// per bundle by its memoizer, which is the only place the formatter learns the language.
#[derive(Debug, Clone, Copy)]
struct Decimal(char);

impl intl_memoizer::Memoizable for Decimal {
    type Args = ();
    type Error = std::convert::Infallible;
    fn construct(lang: LanguageIdentifier, _: ()) -> Result<Self, Self::Error> {
        Ok(Decimal(decimal_separator(lang.language.as_str())))
    }
}

/// The decimal separator of a language (CLDR, Latin digits): a comma in Finnish and Swedish, a
/// full stop in English, Somali and Arabic (which the phones show with Latin digits).
fn decimal_separator(language: &str) -> char {
    match language {
        "fi" | "sv" => ',',
        _ => '.',
    }
}

/// Every number a message shows goes through here: its fraction digits as the message's
/// NUMBER() options ask (rounded, then padded), and the language's decimal separator. No
/// thousands grouping: the numbers we show are counts, years and averages, and a year is
/// never "2 026".
fn format_number<M: MemoizerKind>(value: &FluentValue, intls: &M) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    let sep = intls
        .with_try_get_threadsafe::<Decimal, _, _>((), |d| d.0)
        .unwrap_or('.');
    Some(number_text(n, sep))
}

fn number_text(n: &FluentNumber, sep: char) -> String {
    let opts = &n.options;
    let min = opts.minimum_fraction_digits.unwrap_or(0);
    // Without options a whole number shows none and a fraction at most three, as Intl does.
    let max = opts.maximum_fraction_digits.unwrap_or(3).max(min);
    // Halves round away from zero, as Intl.NumberFormat does (Rust's formatting would round
    // 4.25 to even, "4.2").
    let scale = 10f64.powi(max as i32);
    let rounded = (n.value * scale).round() / scale;
    let mut text = format!("{rounded:.max$}");
    if let Some(dot) = text.find('.') {
        // Drop the zeros beyond the minimum ("4.50" -> "4.5" unless two digits are asked for).
        let keep = dot + 1 + min;
        while text.len() > keep && text.ends_with('0') {
            text.pop();
        }
        if text.ends_with('.') {
            text.pop();
        }
    }
    if text == "-0" {
        text = "0".to_owned();
    }
    text.replace('.', &sep.to_string())
}

static FI: LanguageIdentifier = langid!("fi");
static SV: LanguageIdentifier = langid!("sv");
static EN: LanguageIdentifier = langid!("en");
static AR: LanguageIdentifier = langid!("ar");
static SO: LanguageIdentifier = langid!("so");

fn id(lang: Lang) -> &'static LanguageIdentifier {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

/// The participant languages the participant views speak: the interface languages plus
/// Arabic and Somali. `Other` is not a language one can pick for the interface.
pub const PARTICIPANT_LANGS: [ParticipantLang; 5] = [
    ParticipantLang::Fi,
    ParticipantLang::Sv,
    ParticipantLang::En,
    ParticipantLang::Ar,
    ParticipantLang::So,
];

fn pid(lang: ParticipantLang) -> &'static LanguageIdentifier {
    match lang {
        ParticipantLang::Sv => &SV,
        ParticipantLang::En => &EN,
        ParticipantLang::Ar => &AR,
        ParticipantLang::So => &SO,
        ParticipantLang::Fi | ParticipantLang::Other => &FI,
    }
}

/// Looks up a participant-view message (from `participant.ftl`).
pub fn tp(lang: ParticipantLang, key: &str) -> String {
    LOCALES.lookup(pid(lang), key)
}

/// A participant-view message with named arguments.
pub fn tp_args(
    lang: ParticipantLang,
    key: &str,
    args: &[(&'static str, FluentValue<'static>)],
) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
        .collect();
    LOCALES.lookup_with_args(pid(lang), key, &map)
}

/// The participant language of an interface language, for texts both sides share.
pub fn as_participant(lang: Lang) -> ParticipantLang {
    match lang {
        Lang::Fi => ParticipantLang::Fi,
        Lang::Sv => ParticipantLang::Sv,
        Lang::En => ParticipantLang::En,
    }
}

/// Arabic is written right to left; the page direction follows the language.
pub fn is_rtl(lang: ParticipantLang) -> bool {
    lang == ParticipantLang::Ar
}

/// The language's name in itself, for the language choice on the join page.
pub fn autonym(lang: ParticipantLang) -> &'static str {
    match lang {
        ParticipantLang::Fi | ParticipantLang::Other => "suomi",
        ParticipantLang::Sv => "svenska",
        ParticipantLang::En => "English",
        ParticipantLang::Ar => "العربية",
        ParticipantLang::So => "Soomaali",
    }
}

/// Looks up a message.
pub fn t(lang: Lang, key: &str) -> String {
    LOCALES.lookup(id(lang), key)
}

/// Looks up a message with named arguments.
pub fn t_args(lang: Lang, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
        .collect();
    LOCALES.lookup_with_args(id(lang), key, &map)
}

/// A string argument.
pub fn s(v: impl Into<String>) -> FluentValue<'static> {
    FluentValue::from(v.into())
}

/// A number argument, so Fluent can choose plural forms.
pub fn n(v: i64) -> FluentValue<'static> {
    FluentValue::from(v)
}

/// A decimal number argument (an average); the message decides its digits with NUMBER().
pub fn f(v: f64) -> FluentValue<'static> {
    FluentValue::from(v)
}

/// A number with one decimal ("4,2" in Finnish, "4.2" in English), for tables and texts that
/// show an average on its own.
pub fn decimal1(lang: Lang, v: f64) -> String {
    t_args(lang, "number-1", &[("n", f(v))])
}

/// The same for a participant's language.
pub fn decimal1_p(lang: ParticipantLang, v: f64) -> String {
    tp_args(lang, "p-number-1", &[("n", f(v))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(lang: &str) -> BTreeSet<String> {
        keys_in(lang, |_| true)
    }

    fn keys_in(lang: &str, file: impl Fn(&std::path::Path) -> bool) -> BTreeSet<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../locales")
            .join(lang);
        let mut out = BTreeSet::new();
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("locale dir exists")
            .map(|e| e.expect("readable").path())
            .collect();
        files.sort();
        for f in files.into_iter().filter(|f| file(f)) {
            let text = std::fs::read_to_string(&f).expect("readable");
            for line in text.lines() {
                if let Some((k, _)) = line.split_once(" =")
                    && !k.starts_with([' ', '#', '.', '-', '*', '['])
                    && !k.is_empty()
                {
                    out.insert(k.trim().to_owned());
                }
            }
        }
        out
    }

    #[test]
    fn swedish_and_english_are_complete() {
        let fi = keys("fi");
        assert!(fi.len() > 50, "the Finnish files define the interface");
        for lang in ["sv", "en"] {
            let other = keys(lang);
            let missing: Vec<_> = fi.difference(&other).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            let extra: Vec<_> = other.difference(&fi).collect();
            assert!(extra.is_empty(), "{lang} has keys Finnish lacks: {extra:?}");
        }
    }

    /// Every message id written out in the code or the templates exists in Finnish (and so, by
    /// the test above, in Swedish and English): a typo in an id would show the user the raw id.
    /// Ids built at run time (`format!("state-{}", …)`) are covered by the tests of the pages
    /// that show them.
    #[test]
    fn every_message_id_in_the_code_exists() {
        let mut known = keys("fi");
        known.extend(keys_in("fi", |f| f.ends_with("participant.ftl")));
        let prefixes: BTreeSet<String> = known
            .iter()
            .filter_map(|k| k.split('-').next().map(str::to_owned))
            .collect();
        let is_id = |lit: &str| {
            lit.contains('-')
                && lit.starts_with(|c: char| c.is_ascii_lowercase())
                && lit
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
                && lit.split('-').next().is_some_and(|p| prefixes.contains(p))
        };
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut missing = Vec::new();
        // In templates only translation calls name messages; quoted attribute values are class
        // names and ids.
        for (dir, calls_only) in [("src", false), ("templates", true)] {
            // Feature modules may be directories (`src/live/`): read every file below.
            let mut files = Vec::new();
            let mut dirs = vec![root.join(dir)];
            while let Some(d) = dirs.pop() {
                for e in std::fs::read_dir(d).expect("readable") {
                    let path = e.expect("readable").path();
                    if path.is_dir() {
                        dirs.push(path);
                    } else {
                        files.push(path);
                    }
                }
            }
            files.sort();
            for f in files {
                let text = std::fs::read_to_string(&f).expect("readable");
                let mut rest = text.as_str();
                while let Some(open) = rest.find('"') {
                    let before = &rest[..open];
                    let after = &rest[open + 1..];
                    let Some(close) = after.find('"') else { break };
                    let lit = &after[..close];
                    let called = ["t(", "t1(", "tn("].iter().any(|c| before.ends_with(c));
                    if is_id(lit) && (!calls_only || called) && !known.contains(lit) {
                        missing.push(format!("{}: {lit}", f.display()));
                    }
                    rest = &after[close + 1..];
                }
            }
        }
        assert!(
            missing.is_empty(),
            "message ids without a Finnish text: {missing:?}"
        );
    }

    /// Participants see their views in five languages; every one defines every message.
    #[test]
    fn participant_views_are_complete_in_five_languages() {
        let only = |f: &std::path::Path| f.ends_with("participant.ftl");
        let fi = keys_in("fi", only);
        assert!(fi.len() > 10);
        for lang in ["sv", "en", "ar", "so"] {
            assert_eq!(keys_in(lang, only), fi, "{lang}/participant.ftl");
        }
        assert_eq!(tp(ParticipantLang::Ar, "p-lang-name"), "العربية");
        assert_eq!(tp(ParticipantLang::So, "p-lang-name"), "Soomaali");
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(decimal1(Lang::Fi, 4.25), "4,3");
        assert_eq!(decimal1(Lang::Sv, 4.0), "4,0");
        assert_eq!(decimal1(Lang::En, 4.2), "4.2");
        assert_eq!(decimal1_p(ParticipantLang::Fi, 3.96), "4,0");
        assert_eq!(decimal1_p(ParticipantLang::Ar, 3.5), "3.5");
        // Counts and years stay whole and ungrouped.
        assert_eq!(
            t_args(Lang::Fi, "cat-count-exact", &[("n", n(2026))]),
            "2026"
        );
        let plain = |v: f64| number_text(&FluentNumber::new(v, Default::default()), ',');
        assert_eq!(plain(12.0), "12");
        assert_eq!(plain(0.125), "0,125");
        assert_eq!(plain(-0.0001), "0");
    }

    /// "1 muistiinpanoa" was wrong: counts choose their form by the language's plural rules.
    #[test]
    fn counts_choose_plural_forms() {
        let fb = |lang, count| t_args(lang, "fb-answered", &[("count", n(count))]);
        assert_eq!(fb(Lang::Fi, 1), "1 vastaaja");
        assert_eq!(fb(Lang::Fi, 5), "5 vastaajaa");
        assert_eq!(fb(Lang::En, 1), "1 answered");
        let src = |lang, count| tp_args(lang, "p-summary-sources", &[("count", n(count))]);
        assert_eq!(
            src(ParticipantLang::Fi, 1),
            "1 muistiinpano, johon tämä perustuu"
        );
        assert_eq!(
            src(ParticipantLang::Fi, 3),
            "3 muistiinpanoa, joihin tämä perustuu"
        );
        assert_eq!(src(ParticipantLang::En, 1), "1 note this rests on");
    }

    #[test]
    fn lookups_use_the_language() {
        assert_eq!(t(Lang::Fi, "lang-name"), "suomi");
        assert_eq!(t(Lang::Sv, "lang-name"), "svenska");
        assert_eq!(t(Lang::En, "lang-name"), "English");
    }
}
