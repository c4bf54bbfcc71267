//! Form bodies. Forms are parsed by our own strict reader, not serde: it refuses bytes that are
//! not UTF-8 (a clear error instead of silently replaced characters), keeps repeated keys (check
//! boxes), and is shared by the CSRF check, so a body is parsed once.

use crate::error::AppError;
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;

/// A parsed `application/x-www-form-urlencoded` body.
#[derive(Clone, Debug, Default)]
pub struct FormData(pub Vec<(String, String)>);

impl FormData {
    pub fn parse(body: &[u8]) -> Result<FormData, AppError> {
        let mut pairs = Vec::new();
        for part in body.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
            let (k, v) = match part.iter().position(|b| *b == b'=') {
                Some(i) => (&part[..i], &part[i + 1..]),
                None => (part, &part[..0]),
            };
            pairs.push((decode(k)?, decode(v)?));
        }
        Ok(FormData(pairs))
    }

    /// The first value of `name`, or "".
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every value of `name`, for check boxes.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    pub fn string(&self, name: &str) -> String {
        self.get(name).to_owned()
    }
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn decode(raw: &[u8]) -> Result<String, AppError> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let (Some(h), Some(l)) = (
                    raw.get(i + 1).copied().and_then(hex),
                    raw.get(i + 2).copied().and_then(hex),
                ) else {
                    return Err(AppError::BadRequest("error-malformed-form"));
                };
                out.push(h * 16 + l);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| AppError::BadRequest("error-not-utf8"))
}

/// Handlers take the body the CSRF layer already parsed and checked.
impl<S: Send + Sync> FromRequestParts<S> for FormData {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<FormData>()
            .cloned()
            .ok_or(AppError::BadRequest("error-malformed-form"))
    }
}

/// Whether a request carries a form body.
pub fn is_form(req: &Request) -> bool {
    req.headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_repeated_keys_and_escapes() {
        let f = FormData::parse(b"a=1&k=x&k=y+z&e=%C3%A4&empty").expect("valid");
        assert_eq!(f.get("a"), "1");
        assert_eq!(f.all("k"), vec!["x", "y z"]);
        assert_eq!(f.get("e"), "ä");
        assert_eq!(f.get("empty"), "");
        assert_eq!(f.get("missing"), "");
    }

    #[test]
    fn refuses_bad_bytes() {
        assert!(FormData::parse(b"a=%FF").is_err());
        assert!(FormData::parse(b"a=%G1").is_err());
        assert!(FormData::parse(b"a=%4").is_err());
    }
}
