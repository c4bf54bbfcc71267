//! Log-in, log-out and accepting an invitation. Passwords are hashed with argon2id; sessions
//! live in the database under the hash of a random token held in an HttpOnly cookie.

use crate::AppState;
use crate::ctx::{Ctx, SESSION_COOKIE};
use crate::error::{AppError, AppResult};
use crate::fields::{Field, Kind};
use crate::form::FormData;
use crate::routes::Routes;
use crate::util::{hash_token, random_token, redirect, unprocessable};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;
use time::{Duration, OffsetDateTime};
use vuoro_core::text::{self, limits};
use vuoro_core::{FieldErrors, Lang};
use vuoro_store::{LoginSession, NewUser};

pub fn router() -> Routes {
    Routes::new()
        .route("/login", get(login_page).post(login))
        .route("/logout", axum::routing::post(logout))
        .route("/invite/{token}", get(invite_page).post(accept_invite))
}

/// Hashes a password with argon2id and a fresh salt.
pub fn hash_password(password: &str) -> Result<String, AppError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("hashing failed: {e}")))
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// A hash to verify against when the e-mail is unknown, so a wrong e-mail takes as long as a
/// wrong password and log-in does not reveal who has an account.
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hash_password("not a real password").unwrap_or_default());

/// Counts failed log-ins per e-mail address, so a password cannot be guessed by trying many.
/// Kept in memory: a restart forgets it, which only gives a guesser a few more tries. With
/// several servers this moves to the store.
#[derive(Debug, Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

/// Failed attempts allowed per address within [`LOGIN_WINDOW`].
pub const LOGIN_ATTEMPTS: usize = 5;
pub const LOGIN_WINDOW: Duration = Duration::minutes(15);
/// Bounds the memory the limiter can take when someone tries many addresses.
const LIMITER_MAX_KEYS: usize = 10_000;

impl LoginLimiter {
    fn window() -> std::time::Duration {
        std::time::Duration::from_secs(LOGIN_WINDOW.whole_seconds().unsigned_abs())
    }

    /// Whether the address has used up its attempts.
    pub fn blocked(&self, email: &str) -> bool {
        let now = Instant::now();
        let map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        map.get(email).is_some_and(|times| {
            times
                .iter()
                .filter(|t| now.duration_since(**t) < Self::window())
                .count()
                >= LOGIN_ATTEMPTS
        })
    }

    pub fn failed(&self, email: &str) {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= LIMITER_MAX_KEYS {
            map.retain(|_, times| {
                times
                    .iter()
                    .any(|t| now.duration_since(*t) < Self::window())
            });
        }
        if map.len() < LIMITER_MAX_KEYS || map.contains_key(email) {
            let times = map.entry(email.to_owned()).or_default();
            times.retain(|t| now.duration_since(*t) < Self::window());
            times.push(now);
        }
    }

    pub fn succeeded(&self, email: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(email);
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
struct LoginView {
    c: Ctx,
    fields: Vec<Field>,
    /// The message id of why the last attempt failed.
    failed: Option<&'static str>,
}

fn login_fields(lang: Lang, email: &str) -> Vec<Field> {
    vec![
        Field::new("email", crate::i18n::t(lang, "field-email"), Kind::Email)
            .value(email)
            .required()
            .max(limits::EMAIL),
        Field::new(
            "password",
            crate::i18n::t(lang, "field-password"),
            Kind::Password,
        )
        .required()
        .max(limits::PASSWORD_MAX),
    ]
}

async fn login_page(c: Ctx) -> AppResult<Response> {
    if c.user.is_some() {
        return Ok(redirect("/"));
    }
    let fields = login_fields(c.lang, "");
    Ok(LoginView {
        c,
        fields,
        failed: None,
    }
    .into_response())
}

fn session_cookie(state: &AppState, token: &str, max_age: i64) -> Option<HeaderValue> {
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    ))
    .ok()
}

async fn login(State(state): State<AppState>, c: Ctx, form: FormData) -> AppResult<Response> {
    let email = form.get("email").trim().to_lowercase();
    let password = form.get("password");
    let refuse = |c: Ctx, why: &'static str, status: axum::http::StatusCode| {
        let fields = login_fields(c.lang, form.get("email"));
        let mut r = LoginView {
            c,
            fields,
            failed: Some(why),
        }
        .into_response();
        *r.status_mut() = status;
        r
    };
    if state.logins.blocked(&email) {
        return Ok(refuse(
            c,
            "login-throttled",
            axum::http::StatusCode::TOO_MANY_REQUESTS,
        ));
    }
    let user = if email.is_empty() || email.chars().count() > limits::EMAIL {
        None
    } else {
        state.store.user_by_email(&email).await?
    };
    let ok = match &user {
        Some(u) => verify_password(password, &u.password_hash),
        None => {
            verify_password(password, &DUMMY_HASH);
            false
        }
    };
    let Some(user) = user.filter(|_| ok) else {
        state.logins.failed(&email);
        return Ok(refuse(
            c,
            "login-failed",
            axum::http::StatusCode::UNAUTHORIZED,
        ));
    };
    state.logins.succeeded(&email);
    let token = random_token();
    let now = OffsetDateTime::now_utc();
    let hours = state.config.session_hours;
    state
        .store
        .create_login(&LoginSession {
            token_hash: hash_token(&token),
            user: user.id,
            created_at: now,
            expires_at: now + Duration::hours(hours),
        })
        .await?;
    tracing::info!(user = %user.id, "logged in");
    let mut r = redirect("/");
    if let Some(v) = session_cookie(&state, &token, hours * 3600) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(r)
}

async fn logout(State(state): State<AppState>, c: Ctx) -> AppResult<Response> {
    if let Some(u) = &c.user {
        state.store.delete_login(&u.session_hash).await?;
    }
    let mut r = redirect("/login");
    if let Some(v) = session_cookie(&state, "", 0) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(r)
}

#[derive(Template, WebTemplate)]
#[template(path = "invite.html")]
struct InviteView {
    c: Ctx,
    org_name: String,
    email: String,
    existing: bool,
    fields: Vec<Field>,
}

async fn invitation_view(
    state: &AppState,
    c: Ctx,
    token: &str,
    name: &str,
    errors: &FieldErrors,
) -> AppResult<InviteView> {
    let inv = state.store.invitation(&hash_token(token)).await?;
    if inv.accepted_at.is_some() || inv.expires_at < OffsetDateTime::now_utc() {
        return Err(AppError::BadRequest("error-invitation-used"));
    }
    let org = state.store.org(inv.org).await?;
    let existing = state.store.user_by_email(&inv.email).await?.is_some();
    let lang = c.lang;
    let fields = if existing {
        Vec::new()
    } else {
        vec![
            Field::new("name", crate::i18n::t(lang, "field-name"), Kind::Text)
                .value(name)
                .required()
                .max(limits::NAME)
                .errors(lang, errors),
            Field::new(
                "password",
                crate::i18n::t(lang, "field-new-password"),
                Kind::NewPassword,
            )
            .hint(crate::i18n::t_args(
                lang,
                "field-new-password-hint",
                &[("min", crate::i18n::n(limits::PASSWORD_MIN as i64))],
            ))
            .required()
            .max(limits::PASSWORD_MAX)
            .errors(lang, errors),
        ]
    };
    Ok(InviteView {
        c,
        org_name: org.name,
        email: inv.email,
        existing,
        fields,
    })
}

async fn invite_page(
    State(state): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    Ok(invitation_view(&state, c, &token, "", &FieldErrors::new())
        .await?
        .into_response())
}

async fn accept_invite(
    State(state): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let hash = hash_token(&token);
    let inv = state.store.invitation(&hash).await?;
    let existing = state.store.user_by_email(&inv.email).await?.is_some();
    let mut errors = FieldErrors::new();
    let new_user = if existing {
        // The account exists; only the roles are added, and its password stays as it is.
        Some(NewUser {
            email: inv.email.clone(),
            name: String::new(),
            password_hash: String::new(),
            site_admin: false,
        })
    } else {
        let name = errors.take("name", text::name(form.get("name"), limits::NAME));
        let password = errors.take("password", text::password(form.get("password")));
        match (name, password) {
            (Some(name), Some(p)) => Some(NewUser {
                email: inv.email.clone(),
                name,
                password_hash: hash_password(&p)?,
                site_admin: false,
            }),
            _ => None,
        }
    };
    let Some(new_user) = new_user else {
        let view = invitation_view(&state, c, &token, form.get("name"), &errors).await?;
        return Ok(unprocessable(view));
    };
    state
        .store
        .accept_invitation(&hash, new_user, OffsetDateTime::now_utc())
        .await
        .map_err(|e| match e {
            vuoro_store::StoreError::Conflict(_) | vuoro_store::StoreError::NotFound => {
                AppError::BadRequest("error-invitation-used")
            }
            other => other.into(),
        })?;
    Ok(redirect(if c.user.is_some() {
        "/"
    } else {
        "/login?welcome=1"
    }))
}
