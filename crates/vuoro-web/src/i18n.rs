//! Translations. Every user-visible string comes from the Fluent files in `locales/` at the
//! repository root, compiled into the binary. Finnish is the fallback; a test checks that Swedish
//! and English define every Finnish message, so the fallback never shows in practice.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use std::borrow::Cow;
use std::collections::HashMap;
use vuoro_core::Lang;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "../../locales",
        fallback_language: "fi",
        // Bidi isolation marks would end up inside attribute values and exports; our own
        // interface languages are all left to right.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static FI: LanguageIdentifier = langid!("fi");
static SV: LanguageIdentifier = langid!("sv");
static EN: LanguageIdentifier = langid!("en");

fn id(lang: Lang) -> &'static LanguageIdentifier {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(lang: &str) -> BTreeSet<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../locales")
            .join(lang);
        let mut out = BTreeSet::new();
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("locale dir exists")
            .map(|e| e.expect("readable").path())
            .collect();
        files.sort();
        for f in files {
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

    #[test]
    fn lookups_use_the_language() {
        assert_eq!(t(Lang::Fi, "lang-name"), "suomi");
        assert_eq!(t(Lang::Sv, "lang-name"), "svenska");
        assert_eq!(t(Lang::En, "lang-name"), "English");
    }
}
