//! Bounded, validated text. Every text a user types passes through [`bounded`], so that no field
//! is unlimited and blank input is told apart from missing input in one place.

use std::collections::BTreeMap;

/// Why a field's input was refused. The web layer turns each into a translated message, so the
/// variants are stable keys, not prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldError {
    Required,
    TooLong { max: usize },
    TooShort { min: usize },
    Invalid,
    OutOfRange { min: i64, max: i64 },
}

impl FieldError {
    /// The Fluent message id that explains this error to the user.
    pub fn message_id(&self) -> &'static str {
        match self {
            FieldError::Required => "error-required",
            FieldError::TooLong { .. } => "error-too-long",
            FieldError::TooShort { .. } => "error-too-short",
            FieldError::Invalid => "error-invalid",
            FieldError::OutOfRange { .. } => "error-out-of-range",
        }
    }
}

/// Errors of a whole form, keyed by field name, in a stable order for rendering.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(pub BTreeMap<&'static str, FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn add(&mut self, field: &'static str, e: FieldError) {
        self.0.entry(field).or_insert(e);
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn get(&self, field: &str) -> Option<&FieldError> {
        self.0.get(field)
    }
    /// Records the error of `r` under `field` and passes its value on, so a form parser can
    /// collect every error in one pass instead of stopping at the first.
    pub fn take<T>(&mut self, field: &'static str, r: Result<T, FieldError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.add(field, e);
                None
            }
        }
    }
}

/// Limits shared by the forms. They are generous for real use and small enough that one request
/// cannot fill the database.
pub mod limits {
    pub const NAME: usize = 200;
    pub const SHORT: usize = 500;
    pub const LONG: usize = 5_000;
    pub const URL: usize = 1_000;
    pub const EMAIL: usize = 254;
    pub const PASSWORD_MIN: usize = 10;
    pub const PASSWORD_MAX: usize = 200;
}

/// Trims `s` and checks it against `max` characters. Control characters other than line breaks
/// and tabs are refused: they never come from a keyboard and break exports.
pub fn bounded(s: &str, max: usize) -> Result<String, FieldError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldError::Required);
    }
    if t.chars().count() > max {
        return Err(FieldError::TooLong { max });
    }
    if t.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(FieldError::Invalid);
    }
    Ok(t.replace("\r\n", "\n"))
}

/// The bidirectional embedding, override and isolate controls (U+202A–202E, U+2066–2069). In a
/// name they reverse or reorder the text around it on a board or a staff page ("Trojan Source"),
/// and nobody's name needs them: pages isolate every name themselves (`<bdi>`).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A person's, organisation's, unit's or other shown name: [`bounded`] after dropping the
/// bidirectional controls ([`is_bidi_control`]). Dropped rather than refused: a name pasted from
/// a right-to-left document may carry them unseen, and the name is still the person's.
pub fn name(s: &str, max: usize) -> Result<String, FieldError> {
    let clean: String = s.chars().filter(|c| !is_bidi_control(*c)).collect();
    bounded(&clean, max)
}

/// Like [`bounded`], but an empty field is allowed and gives `None`.
pub fn optional(s: &str, max: usize) -> Result<Option<String>, FieldError> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        bounded(s, max).map(Some)
    }
}

/// A whole number within `min..=max`, from form text.
pub fn number(s: &str, min: i64, max: i64) -> Result<i64, FieldError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldError::Required);
    }
    let n: i64 = t.parse().map_err(|_| FieldError::Invalid)?;
    if n < min || n > max {
        return Err(FieldError::OutOfRange { min, max });
    }
    Ok(n)
}

/// An e-mail address, checked only for shape: the real check is that the invitation reaches the
/// person.
pub fn email(s: &str) -> Result<String, FieldError> {
    let t = bounded(s, limits::EMAIL)?.to_lowercase();
    let mut parts = t.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(FieldError::Invalid);
    };
    if local.is_empty() || !domain.contains('.') || t.chars().any(char::is_whitespace) {
        return Err(FieldError::Invalid);
    }
    Ok(t)
}

/// A list typed one item per line: blank lines are skipped, at least one and at most
/// `max_items` items, each at most `max_len` characters.
pub fn lines(s: &str, max_items: usize, max_len: usize) -> Result<Vec<String>, FieldError> {
    let items: Vec<&str> = s.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if items.is_empty() {
        return Err(FieldError::Required);
    }
    if items.len() > max_items {
        return Err(FieldError::OutOfRange {
            min: 1,
            max: max_items as i64,
        });
    }
    items.into_iter().map(|l| bounded(l, max_len)).collect()
}

/// A web link for an online meeting: only http and https, so that a plan never carries a
/// `javascript:` link.
pub fn url(s: &str) -> Result<Option<String>, FieldError> {
    let Some(t) = optional(s, limits::URL)? else {
        return Ok(None);
    };
    let lower = t.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://"))
        || t.chars().any(char::is_whitespace)
    {
        return Err(FieldError::Invalid);
    }
    Ok(Some(t))
}

/// A password for a new account.
pub fn password(s: &str) -> Result<String, FieldError> {
    let n = s.chars().count();
    if n == 0 {
        return Err(FieldError::Required);
    }
    if n < limits::PASSWORD_MIN {
        return Err(FieldError::TooShort {
            min: limits::PASSWORD_MIN,
        });
    }
    if n > limits::PASSWORD_MAX {
        return Err(FieldError::TooLong {
            max: limits::PASSWORD_MAX,
        });
    }
    Ok(s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_trims_and_limits() {
        assert_eq!(bounded("  hei  ", 10), Ok("hei".into()));
        assert_eq!(bounded("   ", 10), Err(FieldError::Required));
        assert_eq!(bounded("äääää", 4), Err(FieldError::TooLong { max: 4 }));
        assert_eq!(bounded("a\u{0}b", 10), Err(FieldError::Invalid));
        assert_eq!(bounded("a\r\nb", 10), Ok("a\nb".into()));
    }

    #[test]
    fn names_lose_bidi_controls_and_nothing_else() {
        // An override that would show "Liisa" and turn the following text around.
        assert_eq!(name("Liisa\u{202E}\u{2066}", 60), Ok("Liisa".into()));
        for c in ['\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}'] {
            assert_eq!(name(&format!("a{c}b"), 60), Ok("ab".into()));
        }
        for c in ['\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}'] {
            assert_eq!(name(&format!("a{c}b"), 60), Ok("ab".into()));
        }
        // Arabic, and the marks that are part of writing it, stay.
        assert_eq!(name("فاطمة\u{200F}", 60), Ok("فاطمة\u{200F}".into()));
        assert_eq!(name("\u{202E}\u{202C}", 60), Err(FieldError::Required));
        assert_eq!(name("a\u{0}", 60), Err(FieldError::Invalid));
    }

    #[test]
    fn numbers_are_checked() {
        assert_eq!(number("12", 1, 100), Ok(12));
        assert_eq!(
            number("0", 1, 100),
            Err(FieldError::OutOfRange { min: 1, max: 100 })
        );
        assert_eq!(number("x", 1, 100), Err(FieldError::Invalid));
        assert_eq!(number("", 1, 100), Err(FieldError::Required));
    }

    #[test]
    fn emails_and_urls() {
        assert_eq!(email("Liisa@Kunta.fi"), Ok("liisa@kunta.fi".into()));
        assert_eq!(email("liisa"), Err(FieldError::Invalid));
        assert_eq!(email("a@b@c.fi"), Err(FieldError::Invalid));
        assert_eq!(url(""), Ok(None));
        assert_eq!(url("javascript:alert(1)"), Err(FieldError::Invalid));
        assert_eq!(
            url("https://teams.example/x"),
            Ok(Some("https://teams.example/x".into()))
        );
    }

    #[test]
    fn passwords_have_a_minimum() {
        assert!(password("short").is_err());
        assert!(password("long enough pass").is_ok());
    }
}
