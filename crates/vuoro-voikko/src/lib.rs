//! Finnish base forms and compound parts from Voikko, where it is installed.
//!
//! libvoikko (Debian `libvoikko1`, dictionary `voikko-fi`) is opened at run time with `dlopen`
//! ([`libloading`]), never linked: the server builds and runs on a machine without it, and
//! [`Voikko::load`] then answers `None`, so themes fall back to the built-in stemmer of
//! `vuoro-text`. libvoikko is GPL-2+ in Debian; vuoro neither ships nor links it (see
//! `ARCHITECTURE.md`, "Voikko and the licence").
//!
//! This is the workspace's one crate with `unsafe` code: the calls into the C library. Each
//! `unsafe` block says why it is sound in a `SAFETY:` comment.
//!
//! Thread safety: a Voikko handle must not be used by two threads at once (libvoikko's
//! documentation: "a handle is not thread safe"). [`Voikko`] keeps its handle behind a
//! [`Mutex`], so every call holds the lock; that is what makes it `Sync` and lets one
//! [`Voikko`] serve every request of the server ([`shared`]).

#![deny(unsafe_op_in_unsafe_fn)]

use std::ffi::{CStr, CString, c_char, c_void};
use std::sync::{Arc, Mutex, OnceLock};

use libloading::{Library, Symbol};
use vuoro_text::lemma::{Class, Lemma, Lemmatizer};

/// The shared-object names tried, in order: Debian's runtime package ships only the versioned
/// name (`libvoikko.so.1`); the unversioned one comes with the `-dev` package.
const LIBRARY_NAMES: &[&str] = &["libvoikko.so.1", "libvoikko.so", "libvoikko.1.dylib"];

type InitFn = unsafe extern "C" fn(*mut *const c_char, *const c_char, *const c_char) -> *mut c_void;
type TerminateFn = unsafe extern "C" fn(*mut c_void);
type AnalyzeFn = unsafe extern "C" fn(*mut c_void, *const c_char) -> *mut *mut c_void;
type FreeAnalysisFn = unsafe extern "C" fn(*mut *mut c_void);
type ValueFn = unsafe extern "C" fn(*const c_void, *const c_char) -> *mut c_char;
type FreeValueFn = unsafe extern "C" fn(*mut c_char);

/// The functions of libvoikko this crate calls, resolved once at load.
struct Api {
    terminate: TerminateFn,
    analyze: AnalyzeFn,
    free_analysis: FreeAnalysisFn,
    value: ValueFn,
    free_value: FreeValueFn,
}

/// An open Voikko handle: the raw pointer libvoikko gave, only ever used under [`Voikko`]'s
/// mutex.
struct Handle(*mut c_void);

// SAFETY: a Voikko handle is plain heap memory owned by libvoikko, not tied to the thread that
// created it; libvoikko forbids only concurrent use, which the Mutex in `Voikko` rules out.
unsafe impl Send for Handle {}

/// Finnish morphology from libvoikko. Every call takes the handle's lock.
pub struct Voikko {
    handle: Mutex<Handle>,
    api: Api,
    // Declared last so it is dropped last: the functions above point into it.
    _lib: Library,
}

impl std::fmt::Debug for Voikko {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Voikko")
    }
}

/// Resolves one symbol as a plain function pointer.
///
/// # Safety
/// `T` must be the function's true C signature.
unsafe fn symbol<T: Copy>(lib: &Library, name: &[u8]) -> Option<T> {
    // SAFETY: the caller promises `T` matches the symbol's C signature; the pointer is only
    // called while `lib` is alive, since `Voikko` keeps the library with the pointers.
    let s: Symbol<T> = unsafe { lib.get(name) }.ok()?;
    Some(*s)
}

impl Voikko {
    /// Opens libvoikko and its Finnish dictionary, or `None` when either is missing (the
    /// library not installed, or installed without `voikko-fi`).
    pub fn load() -> Option<Voikko> {
        let lib = LIBRARY_NAMES.iter().find_map(|name| {
            // SAFETY: loading libvoikko runs its initialisers, which only set up its own
            // static tables; it has no load-time side effects on our process beyond that.
            unsafe { Library::new(name) }.ok()
        })?;
        // The signatures below are those of libvoikko's public header `voikko.h` (4.x), which
        // has kept them since 3.0.
        // SAFETY: `InitFn` is voikkoInit's signature in voikko.h.
        let init: InitFn = unsafe { symbol(&lib, b"voikkoInit\0") }?;
        let api = Api {
            // SAFETY: see above.
            terminate: unsafe { symbol(&lib, b"voikkoTerminate\0") }?,
            // SAFETY: see above.
            analyze: unsafe { symbol(&lib, b"voikkoAnalyzeWordCstr\0") }?,
            // SAFETY: see above.
            free_analysis: unsafe { symbol(&lib, b"voikko_free_mor_analysis\0") }?,
            // SAFETY: see above.
            value: unsafe { symbol(&lib, b"voikko_mor_analysis_value_cstr\0") }?,
            // SAFETY: see above.
            free_value: unsafe { symbol(&lib, b"voikko_free_mor_analysis_value_cstr\0") }?,
        };
        let mut error: *const c_char = std::ptr::null();
        // SAFETY: `error` is a valid out-pointer; the language code is a NUL-terminated
        // string; a null path means the default dictionary locations. voikkoInit returns null
        // on failure and sets `error` to a static string we do not free.
        let handle = unsafe { init(&mut error, c"fi".as_ptr(), std::ptr::null()) };
        if handle.is_null() {
            return None;
        }
        Some(Voikko {
            handle: Mutex::new(Handle(handle)),
            api,
            _lib: lib,
        })
    }

    /// Every analysis Voikko gives `word`, each as (key, value) pairs for the keys asked.
    fn analyses(&self, word: &str, keys: &[&CStr]) -> Vec<Vec<Option<String>>> {
        let Ok(word) = CString::new(word) else {
            return Vec::new();
        };
        let handle = match self.handle.lock() {
            Ok(h) => h,
            // A panic in another call cannot leave the handle half-changed on our side: every
            // call below is a complete libvoikko call.
            Err(poisoned) => poisoned.into_inner(),
        };
        // SAFETY: the handle is live (terminated only in Drop) and used by this thread alone
        // while the lock is held; `word` is NUL-terminated UTF-8, as the *Cstr API expects.
        let list = unsafe { (self.api.analyze)(handle.0, word.as_ptr()) };
        if list.is_null() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut i = 0;
        loop {
            // SAFETY: `list` is a null-terminated array from voikkoAnalyzeWordCstr; we stop at
            // the first null entry, so `i` never passes its end.
            let analysis = unsafe { *list.add(i) };
            if analysis.is_null() {
                break;
            }
            let values = keys
                .iter()
                .map(|key| {
                    // SAFETY: `analysis` is an element of the live array; `key` is
                    // NUL-terminated. The result is null or a string we must free below.
                    let v = unsafe { (self.api.value)(analysis, key.as_ptr()) };
                    if v.is_null() {
                        return None;
                    }
                    // SAFETY: a non-null value is a NUL-terminated string owned by us until
                    // freed, which happens right after this copy.
                    let s = unsafe { CStr::from_ptr(v) }.to_string_lossy().into_owned();
                    // SAFETY: `v` came from voikko_mor_analysis_value_cstr and is freed once.
                    unsafe { (self.api.free_value)(v) };
                    Some(s)
                })
                .collect();
            out.push(values);
            i += 1;
        }
        // SAFETY: `list` came from voikkoAnalyzeWordCstr and is freed once, after its last use.
        unsafe { (self.api.free_analysis)(list) };
        drop(handle);
        out
    }
}

impl Drop for Voikko {
    fn drop(&mut self) {
        let handle = match self.handle.get_mut() {
            Ok(h) => h,
            Err(poisoned) => poisoned.into_inner(),
        };
        // SAFETY: the handle came from voikkoInit, is terminated once, and `&mut self` means no
        // other call is running; the library is still loaded (`_lib` drops after this).
        unsafe { (self.api.terminate)(handle.0) };
    }
}

/// The parts of a compound from Voikko's WORDBASES (`+asiakas(asiakas)+palvelu(palvelu)` gives
/// asiakas, palvelu): every `+` opens a piece, and a piece whose base is empty or starts with
/// `+` is a derivation ending that belongs to the part before it. Parts are lower case, as
/// written in the word; a simple word has none.
pub fn compound_parts(wordbases: &str) -> Vec<String> {
    // (surface, base) pieces; a `+` inside the parentheses belongs to the base.
    let mut pieces: Vec<(String, String)> = Vec::new();
    let mut depth = 0;
    for c in wordbases.chars() {
        match c {
            '+' if depth == 0 => pieces.push((String::new(), String::new())),
            '(' => depth += 1,
            ')' => depth -= 1,
            c => {
                if let Some(p) = pieces.last_mut() {
                    if depth == 0 { p.0.push(c) } else { p.1.push(c) }
                }
            }
        }
    }
    let mut parts: Vec<String> = Vec::new();
    for (surface, base) in pieces {
        if (base.is_empty() || base.starts_with('+'))
            && let Some(last) = parts.last_mut()
        {
            last.push_str(&surface.to_lowercase());
            continue;
        }
        if !surface.is_empty() {
            parts.push(surface.to_lowercase());
        }
    }
    if parts.len() > 1 { parts } else { Vec::new() }
}

fn class_of(class: &str) -> Class {
    match class {
        "nimisana" | "nimisana_laatusana" => Class::Noun,
        "laatusana" | "lukusana" | "järjestysluku" => Class::Adjective,
        "teonsana" => Class::Verb,
        "etunimi" | "sukunimi" | "paikannimi" | "nimi" => Class::Name,
        _ => Class::Other,
    }
}

impl Voikko {
    /// Every analysis of `word` as (key, value) pairs of the keys this crate reads, for
    /// looking at what Voikko says (`examples/analyse.rs`).
    pub fn raw(&self, word: &str) -> Vec<Vec<(&'static str, String)>> {
        const KEYS: [&CStr; 6] = [
            c"BASEFORM",
            c"CLASS",
            c"SIJAMUOTO",
            c"NUMBER",
            c"WORDBASES",
            c"STRUCTURE",
        ];
        self.analyses(word, &KEYS)
            .into_iter()
            .map(|a| {
                KEYS.iter()
                    .zip(a)
                    .filter_map(|(k, v)| Some((k.to_str().unwrap_or(""), v?)))
                    .collect()
            })
            .collect()
    }
}

impl Lemmatizer for Voikko {
    fn lemma(&self, word: &str) -> Option<Lemma> {
        let found = self.analyses(word, &[c"BASEFORM", c"CLASS", c"SIJAMUOTO", c"WORDBASES"]);
        // Of several readings, a noun's first: headings are made of nouns, and the notes'
        // words are far more often nouns than the rarer readings ("kohtaaminen").
        let pick = found
            .iter()
            .find(|a| a[1].as_deref().map(class_of) == Some(Class::Noun))
            .or_else(|| found.first())?;
        let mut base = pick[0].as_deref()?.to_lowercase();
        let mut class = pick[1].as_deref().map(class_of);
        // Voikko reads an action noun in -minen ("kohtaamiseen") as its verb ("kohdata"); a
        // heading needs the noun ("Asiakkaan kohtaaminen"), which is the word up to "-mi"
        // with "-nen".
        if class == Some(Class::Verb)
            && let Some(at) = word.rfind("mise").or_else(|| word.rfind("minen"))
        {
            base = format!("{}minen", &word[..at]);
            class = Some(Class::Noun);
        }
        Some(Lemma {
            parts: pick[3].as_deref().map(compound_parts).unwrap_or_default(),
            class,
            genitive: pick[2].as_deref() == Some("omanto"),
            base,
        })
    }
}

/// The process's one Voikko, opened at first use; `None` where it is not installed. Opening
/// reads the dictionary once (about 10 ms), so a server pays it at the first theme proposal.
pub fn shared() -> Option<Arc<Voikko>> {
    static SHARED: OnceLock<Option<Arc<Voikko>>> = OnceLock::new();
    SHARED.get_or_init(|| Voikko::load().map(Arc::new)).clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compound_parts_join_derivation_endings_to_their_part() {
        assert_eq!(
            compound_parts("+asiakas(asiakas)+palvelu(palvelu)"),
            vec!["asiakas", "palvelu"]
        );
        assert_eq!(
            compound_parts("+työ(työ)+hyvin(hyvin)+vointi(+vointi)"),
            vec!["työ", "hyvinvointi"]
        );
        assert!(compound_parts("+kahvi(kahvi)").is_empty());
        assert!(compound_parts("").is_empty());
    }

    /// The library itself, where it is installed. `scripts/test` installs it (and sets
    /// `VUORO_REQUIRE_VOIKKO=1`, so there a missing library fails instead of skipping).
    #[test]
    fn voikko_gives_base_forms_classes_and_compound_parts() {
        let Some(v) = Voikko::load() else {
            assert!(
                std::env::var_os("VUORO_REQUIRE_VOIKKO").is_none(),
                "VUORO_REQUIRE_VOIKKO is set but libvoikko1 + voikko-fi are not installed"
            );
            eprintln!("SKIPPED: libvoikko1 + voikko-fi not installed; the Voikko path is untested");
            return;
        };
        let l = v.lemma("asiakkaan").expect("a known word");
        assert_eq!(l.base, "asiakas");
        assert!(l.genitive);
        assert_eq!(l.class, Some(Class::Noun));
        let l = v.lemma("kohtaamiseen").expect("a known word");
        assert_eq!(l.base, "kohtaaminen");
        assert_eq!(l.class, Some(Class::Noun));
        assert!(!l.genitive);
        // The heading the themes page shows, from notes as a Finn writes them.
        let notes = [
            "asiakkaan kohtaaminen vaatii aikaa",
            "asiakkaan kohtaamiseen tarvitaan koulutusta",
            "asiakkaan kohtaaminen on kiireessä vaikeaa",
            "hyviä käytäntöjä pitäisi jakaa",
            "hyvät käytännöt unohtuvat kiireessä",
            "hyvistä käytännöistä puhutaan liian vähän",
        ];
        let opts = vuoro_text::Options {
            k: Some(2),
            lemmatizer: shared().map(|v| v as Arc<dyn Lemmatizer>),
            ..vuoro_text::Options::default()
        };
        let t = vuoro_text::themes(&notes, &opts);
        let headings: Vec<&str> = t.themes.iter().map(|x| x.heading.as_str()).collect();
        assert!(headings.contains(&"Asiakkaan kohtaaminen"), "{headings:?}");
        // "hyvä" is too general a word for a label; the head noun is in its base form.
        assert!(
            headings.iter().any(|h| h.starts_with("Käytäntö")),
            "{headings:?}"
        );
        let l = v.lemma("työhyvinvointikyselyn").expect("a compound");
        assert_eq!(l.base, "työhyvinvointikysely");
        assert_eq!(l.parts.first().map(String::as_str), Some("työ"));
        assert_eq!(l.parts, vec!["työ", "hyvinvointi", "kysely"]);
        assert_eq!(
            v.lemma("hyvää").and_then(|l| l.class),
            Some(Class::Adjective)
        );
        assert_eq!(v.lemma("xqzzv"), None);
        assert_eq!(v.lemma("nul\0byte"), None);
    }

    /// One Voikko serves many threads at once: the mutex takes them in turn.
    #[test]
    fn one_voikko_serves_many_threads() {
        let Some(v) = shared() else {
            eprintln!("SKIPPED: libvoikko1 + voikko-fi not installed");
            return;
        };
        std::thread::scope(|s| {
            for _ in 0..4 {
                let v = &v;
                s.spawn(move || {
                    for _ in 0..200 {
                        assert_eq!(
                            v.lemma("asiakkaiden").map(|l| l.base),
                            Some("asiakas".to_owned())
                        );
                    }
                });
            }
        });
    }
}
