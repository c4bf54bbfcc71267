//! Layers every request passes.

use crate::AppState;
use crate::ctx::{CSRF_COOKIE, CsrfToken, lang_of};
use crate::error::ErrorPage;
use crate::form::{FormData, is_form};
use crate::util::{cookie, cookie_builder, random_token, same_secret, set_cookie};
use askama::Template;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use vuoro_core::Lang;

/// Double-submit CSRF protection for every state-changing request. The token lives in a cookie
/// that pages copy into a hidden form field; a cross-site form can send the cookie but cannot
/// read it to fill the field. The body is parsed here once and handed to the handler.
pub async fn csrf(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let existing = cookie(req.headers(), CSRF_COOKIE)
        .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_owned);
    let fresh = existing.is_none();
    let token = existing.clone().unwrap_or_else(random_token);
    let (mut parts, body) = req.into_parts();
    parts.extensions.insert(CsrfToken(token.clone()));

    let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
    let req = if safe {
        Request::from_parts(parts, body)
    } else {
        if !is_form(&Request::from_parts(parts.clone(), Body::empty())) {
            return error_response(StatusCode::UNSUPPORTED_MEDIA_TYPE, "error-malformed-form");
        }
        let bytes = match axum::body::to_bytes(body, state.config.max_body_bytes).await {
            Ok(b) => b,
            Err(_) => return error_response(StatusCode::PAYLOAD_TOO_LARGE, "error-too-large"),
        };
        let form = match FormData::parse(&bytes) {
            Ok(f) => f,
            Err(e) => return e.into_response(),
        };
        let sent = form.get("csrf");
        let valid = existing.as_deref().is_some_and(|c| same_secret(c, sent));
        if !valid {
            return error_response(StatusCode::FORBIDDEN, "error-csrf");
        }
        parts.extensions.insert(form);
        Request::from_parts(parts, Body::empty())
    };

    let mut res = next.run(req).await;
    if fresh {
        set_cookie(
            &mut res,
            &state.config,
            cookie_builder(CSRF_COOKIE, token).http_only(true),
        );
    }
    res
}

fn error_response(status: StatusCode, message_id: &'static str) -> Response {
    let mut r = status.into_response();
    r.extensions_mut().insert(ErrorPage { message_id });
    r
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorView {
    lang: Lang,
    /// The language switch: (language, link back to the same address).
    switch: Vec<(Lang, String)>,
    switch_label: String,
    status: u16,
    message: String,
    title: String,
    home: String,
}

/// Turns error responses into a translated page. Handlers mark their errors with [`ErrorPage`];
/// errors from the framework itself (a malformed path, an unknown method, a body over the
/// limit) arrive as plain text and get a message chosen by their status.
pub async fn render_errors(req: Request, next: Next) -> Response {
    let lang = lang_of(req.headers());
    let path = crate::ctx::return_path(req.method(), req.uri(), req.headers());
    let phone = crate::live::phone_language(req.headers(), req.uri().path());
    let res = next.run(req).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    // A handler's own answer: a page (a form with its errors) or, from the open data API, a
    // JSON error body that programs read.
    let is_own = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html") || v.starts_with("application/json"));
    let marked = res.extensions().get::<ErrorPage>().copied();
    if is_own && marked.is_none() {
        return res;
    }
    if let Some(plang) = phone {
        return crate::live::phone_error(plang, path, status);
    }
    let message_id = marked.map_or_else(
        || match status {
            StatusCode::NOT_FOUND => "error-not-found",
            StatusCode::METHOD_NOT_ALLOWED => "error-method",
            StatusCode::PAYLOAD_TOO_LARGE => "error-too-large",
            StatusCode::FORBIDDEN => "error-forbidden",
            s if s.is_server_error() => "error-internal",
            _ => "error-bad-request",
        },
        |m| m.message_id,
    );
    let switch = Lang::ALL
        .into_iter()
        .filter(|l| *l != lang)
        .map(|l| {
            (
                l,
                format!("/lang/{}?next={}", l.code(), crate::ctx::encode(&path)),
            )
        })
        .collect();
    let view = ErrorView {
        lang,
        switch,
        switch_label: crate::i18n::t(lang, "nav-language"),
        status: status.as_u16(),
        message: crate::i18n::t(lang, message_id),
        title: crate::i18n::t(lang, "error-title"),
        home: crate::i18n::t(lang, "error-home"),
    };
    match view.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => status.into_response(),
    }
}

/// Headers that keep pages from being framed, sniffed or fed outside scripts, and, when the site
/// is served over HTTPS (`secure_cookies`), tell browsers to never use plain HTTP for it.
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if state.config.secure_cookies {
        // A year, the usual value; subdomains are not included, since the site cannot know
        // what else its domain serves.
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::CONTENT_SECURITY_POLICY, state.csp.clone());
    res
}

/// The Content-Security-Policy every answer carries. Forms post to the site only, except that
/// the sign-on button's form is answered with a redirect to the provider, and Chromium checks
/// `form-action` on that redirect too: with sign-on configured, the issuer's origin (where
/// Entra ID, Google and Keycloak all serve their authorisation endpoint) is allowed as well.
pub fn content_security_policy(oidc: Option<&crate::sso::OidcConfig>) -> HeaderValue {
    let provider = oidc
        .and_then(|o| openidconnect::url::Url::parse(&o.issuer).ok())
        .map(|u| u.origin().ascii_serialization())
        .filter(|origin| origin != "null")
        .map(|origin| format!(" {origin}"))
        .unwrap_or_default();
    let policy = format!(
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
         frame-ancestors 'none'; form-action 'self'{provider}; base-uri 'none'"
    );
    HeaderValue::from_str(&policy).unwrap_or_else(|_| {
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        )
    })
}

#[cfg(test)]
mod csp_tests {
    use super::*;

    #[test]
    fn the_sign_on_provider_may_receive_the_sign_on_form() {
        let none = content_security_policy(None);
        assert!(
            none.to_str()
                .expect("ascii")
                .contains("form-action 'self';")
        );
        let o = crate::sso::OidcConfig::new(
            "https://login.kunta.fi/realms/staff",
            "vuoro",
            "secret",
            "https://vuoro.kunta.fi",
        );
        let with = content_security_policy(Some(&o));
        assert!(
            with.to_str()
                .expect("ascii")
                .contains("form-action 'self' https://login.kunta.fi;"),
            "{with:?}"
        );
    }
}
