//! Small helpers shared by the feature modules.

use ::cookie::{Cookie, CookieBuilder, SameSite};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// A 303 redirect, the answer to every successful form post (post/redirect/get), so a reload
/// never posts twice.
pub fn redirect(to: &str) -> Response {
    let mut r = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

/// The absolute address of `path` on this server, as the browser asking reached it, for links
/// and QR codes people open on other devices. The `Host` header is taken only when it holds
/// nothing but a host name or address and port; `https` only when a proxy says so.
pub fn site_url(headers: &axum::http::HeaderMap, path: &str) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".:-[]".contains(c))
        })
        .unwrap_or("localhost");
    let scheme = headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
        .filter(|p| *p == "https")
        .unwrap_or("http");
    format!("{scheme}://{host}{path}")
}

/// `text` as a QR code, drawn as inline SVG: no image file, no outside service.
pub fn qr_svg(text: &str) -> String {
    qrcode::QrCode::new(text.as_bytes())
        .map(|q| {
            q.render::<qrcode::render::svg::Color>()
                .min_dimensions(240, 240)
                .dark_color(qrcode::render::svg::Color("#000000"))
                .light_color(qrcode::render::svg::Color("#ffffff"))
                .build()
        })
        .map(|svg| {
            // Drop the XML prologue: the SVG goes inside the page.
            svg.find("<svg")
                .map_or(svg.clone(), |i| svg[i..].to_owned())
        })
        .unwrap_or_default()
}

/// A page answering a refused form: the form again, with what was typed and why it was
/// refused, as 422 so that scripts and tests can tell it from a success.
pub fn unprocessable(r: impl IntoResponse) -> Response {
    let mut r = r.into_response();
    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    r
}

/// A path on this site, safe to redirect to; `None` for anything else, which callers replace by
/// a fixed page. Browsers drop tabs and newlines from a `Location` and read `\` as `/`, so
/// `/\t/evil.example` or `/\evil.example` would lead to another host: a path passes only
/// when it starts with a single `/` and holds nothing but visible ASCII without backslashes,
/// and its percent-decoded form (what a server or browser may decode once more) neither
/// starts with `//` nor holds a control character or backslash.
pub fn local_path(next: &str) -> Option<&str> {
    let plain = next.len() < 2000
        && next.starts_with('/')
        && !next.starts_with("//")
        && next.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    if !plain {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(next).decode_utf8_lossy();
    let decoded_ok =
        !decoded.starts_with("//") && !decoded.chars().any(|c| c.is_control() || c == '\\');
    decoded_ok.then_some(next)
}

/// A cookie the server sets, with the attributes every cookie shares: `Path=/` unless changed,
/// and `Secure` whenever the site is served over HTTPS (`secure_cookies`). Every `Set-Cookie`
/// of the server is built here, so none can forget `Secure`.
pub fn cookie_builder(
    name: impl Into<std::borrow::Cow<'static, str>>,
    value: String,
) -> CookieBuilder<'static> {
    Cookie::build((name, value))
        .path("/")
        .same_site(SameSite::Lax)
}

/// Adds `c` to the response, marked `Secure` when the configuration says the site is served
/// over HTTPS.
pub fn set_cookie(r: &mut Response, config: &crate::WebConfig, c: CookieBuilder<'_>) {
    let c = c.secure(config.secure_cookies).build();
    if let Ok(v) = HeaderValue::from_str(&c.to_string()) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// A secret token with 244 random bits, from two v4 UUIDs.
pub fn random_token() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

/// What is stored of a secret token: a database leak must not hand out live sessions or
/// invitations.
pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two secrets in time independent of where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// Reads one cookie from the request headers (parsed by the `cookie` crate, so quoting and
/// spacing follow the standard rather than our own splitting).
pub fn cookie<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .and_then(|c| c.value_raw())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path("/processes"), Some("/processes"));
        assert_eq!(local_path("//evil.example"), None);
        assert_eq!(local_path("https://evil.example"), None);
        assert_eq!(local_path("/\\evil"), None);
        assert_eq!(
            local_path("/processes?x=%C3%A4#a"),
            Some("/processes?x=%C3%A4#a")
        );
        // Browsers drop tabs and newlines, so these would be `//evil.example`.
        for bad in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "/%09/evil.example",
            "/%2F/evil.example",
            "/%5Cevil.example",
            "/%0d%0aSet-Cookie:x",
            "/ /evil.example",
            "/\u{7f}/x",
            "\\/evil.example",
            "",
            "evil.example",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn cookies_are_secure_when_the_site_is() {
        let mut config = crate::WebConfig::default();
        for secure in [false, true] {
            config.secure_cookies = secure;
            let mut r = StatusCode::OK.into_response();
            set_cookie(
                &mut r,
                &config,
                cookie_builder("c", "v".into()).http_only(true),
            );
            let v = r
                .headers()
                .get(header::SET_COOKIE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            assert!(v.starts_with("c=v"), "{v}");
            assert!(v.contains("HttpOnly") && v.contains("SameSite=Lax"), "{v}");
            assert_eq!(v.contains("Secure"), secure, "{v}");
        }
    }

    #[test]
    fn tokens_are_long_and_hashes_stable() {
        let t = random_token();
        assert_eq!(t.len(), 64);
        assert_ne!(t, random_token());
        assert_eq!(hash_token("x"), hash_token("x"));
        assert_eq!(hash_token("x").len(), 64);
        assert!(same_secret("abc", "abc") && !same_secret("abc", "abd") && !same_secret("a", "ab"));
    }
}
