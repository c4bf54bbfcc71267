//! Passwords and addresses by e-mail: the form that mails a password reset link, and the pages
//! a mailed link opens to choose a password, as a reset or as the confirmation of an address.
//!
//! Both kinds of link do the same when used (`TokenStore::use_token`): the password is set,
//! every log-in of the account ends and the address is confirmed. A confirmation asks for a
//! password too, because the account it confirms was made from an invitation link that an admin
//! saw and may have used to choose the first password: only once the mailbox's reader has
//! chosen the password, and every other log-in has ended, is the account theirs alone.

use crate::AppState;
use crate::client::ClientAddr;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::fields::{Field, Kind};
use crate::form::FormData;
use crate::mail::Recipient;
use crate::routes::Routes;
use crate::util::{hash_token, random_token, redirect, unprocessable};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use time::{Duration, OffsetDateTime};
use vuoro_core::text::{self, limits};
use vuoro_core::{FieldErrors, Lang};
use vuoro_store::mail::{MailKind, NewMail};
use vuoro_store::{AccountToken, Budget, StoreError, TokenPurpose, User};

pub fn router() -> Routes {
    Routes::new()
        .route("/password/forgot", get(forgot_page).post(forgot))
        .route("/password/reset/{token}", get(reset_page).post(reset))
        .route("/address/confirm/{token}", get(confirm_page).post(confirm))
}

/// How long a password reset link works: the person asked for it and is waiting for it.
pub const RESET_VALID: Duration = Duration::hours(1);
/// How long an address confirmation link works: it comes unasked, after an invitation, and may
/// wait in the mailbox for some days. (An expired one is no dead end: a password reset
/// confirms the address as well.)
pub const CONFIRMATION_VALID: Duration = Duration::days(7);
/// Reset links one address may be sent within [`RESET_WINDOW`], so the form cannot flood a
/// mailbox.
pub const RESETS_PER_ADDRESS: u32 = 3;
pub const RESET_WINDOW: Duration = Duration::hours(1);

/// Whether mail is configured: without it nothing can be sent, so the log-in page offers no
/// reset and the reset form does not exist.
pub(crate) fn mail_on(state: &AppState) -> bool {
    state.mail_enabled()
}

/// The texts of the page a link of `purpose` opens: title, introduction, button, and the path
/// its form posts to (before the token).
fn page_texts(purpose: TokenPurpose) -> (&'static str, &'static str, &'static str, &'static str) {
    match purpose {
        TokenPurpose::PasswordReset => (
            "password-reset-title",
            "password-reset-intro",
            "password-reset-submit",
            "/password/reset/",
        ),
        TokenPurpose::AddressConfirmation => (
            "address-confirm-title",
            "address-confirm-intro",
            "address-confirm-submit",
            "/address/confirm/",
        ),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "password_forgot.html")]
struct ForgotView {
    c: Ctx,
    field: Field,
    /// The form was sent: the same words whatever the address.
    sent: bool,
    refused: Option<String>,
}

#[derive(Deserialize)]
struct ForgotQuery {
    sent: Option<String>,
}

fn email_field(lang: Lang, value: &str, errors: &FieldErrors) -> Field {
    Field::new("email", crate::i18n::t(lang, "field-email"), Kind::Email)
        .value(value)
        .required()
        .max(limits::EMAIL)
        .errors(lang, errors)
}

async fn forgot_page(
    State(state): State<AppState>,
    c: Ctx,
    Query(q): Query<ForgotQuery>,
) -> AppResult<Response> {
    if !mail_on(&state) {
        return Err(AppError::NotFound);
    }
    let field = email_field(c.lang, "", &FieldErrors::new());
    Ok(ForgotView {
        c,
        field,
        sent: q.sent.is_some(),
        refused: None,
    }
    .into_response())
}

fn address_budget_key(email: &str) -> String {
    format!("reset-address:{}", hash_token(email))
}

fn client_budget_key(client: std::net::IpAddr) -> String {
    format!(
        "reset-client:{}",
        hash_token(&crate::auth::client_key(client).to_string())
    )
}

async fn forgot(
    State(state): State<AppState>,
    c: Ctx,
    client: ClientAddr,
    form: FormData,
) -> AppResult<Response> {
    if !mail_on(&state) {
        return Err(AppError::NotFound);
    }
    let mut errors = FieldErrors::new();
    let Some(email) = errors.take("email", text::email(form.get("email"))) else {
        let field = email_field(c.lang, form.get("email"), &errors);
        return Ok(unprocessable(ForgotView {
            c,
            field,
            sent: false,
            refused: None,
        }));
    };
    let now = OffsetDateTime::now_utc();
    // Counted for every address asked about, account or not, so the limit tells nothing
    // either; in the database, like failed log-ins, so every server process spends one budget.
    let client_key = client_budget_key(client.0);
    let address_key = address_budget_key(&email);
    let budgets = [
        Budget {
            key: &client_key,
            limit: u32::try_from(state.config.login_failures_per_client).unwrap_or(u32::MAX),
        },
        Budget {
            key: &address_key,
            limit: RESETS_PER_ADDRESS,
        },
    ];
    if let Some(spent) = state
        .store
        .take_attempt(&budgets, now - RESET_WINDOW, now)
        .await?
    {
        let wait = (spent.until - now).max(Duration::ZERO).unsigned_abs();
        let minutes = wait.as_secs().div_ceil(60).max(1);
        let field = email_field(c.lang, form.get("email"), &FieldErrors::new());
        let refused = Some(c.tn("password-forgot-throttled", "minutes", minutes));
        let mut r = ForgotView {
            c,
            field,
            sent: false,
            refused,
        }
        .into_response();
        *r.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        if let Ok(v) = HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
            r.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return Ok(r);
    }
    // The answer must not tell whether the address has an account, neither by what it says nor
    // by how long it takes: the look-up and the mail happen after answering.
    let lang = c.lang;
    tokio::spawn(async move {
        if let Err(e) = send_reset(&state, &email, lang, now).await {
            tracing::error!(cause = %e, "a password reset link was not written");
        }
    });
    Ok(redirect("/password/forgot?sent=1"))
}

/// Mails a reset link to the account with this address, if there is one.
async fn send_reset(
    state: &AppState,
    email: &str,
    lang: Lang,
    now: OffsetDateTime,
) -> AppResult<()> {
    let Some(user) = state.store.user_by_email(email).await? else {
        return Ok(());
    };
    if issue(state, &user, TokenPurpose::PasswordReset, lang, now).await? {
        tracing::info!(user = %user.id, "password reset link mailed");
    }
    Ok(())
}

/// The link confirming the address of an account about to be made from an invitation nobody
/// mailed, for the store to write with the account (`accept_invitation_confirming`); `None`
/// without mail.
pub(crate) async fn confirmation_for_new(
    state: &AppState,
    name: &str,
    email: &str,
    lang: Lang,
) -> AppResult<Option<vuoro_store::ConfirmLink>> {
    let token = random_token();
    let expires = OffsetDateTime::now_utc() + CONFIRMATION_VALID;
    let path = format!("/address/confirm/{token}");
    let to = (name, email, None);
    Ok(link_mail(
        state,
        MailKind::AddressConfirmation,
        to,
        lang,
        &path,
        expires,
    )
    .await?
    .map(|mail| vuoro_store::ConfirmLink {
        token_hash: hash_token(&token),
        expires_at: expires,
        mail,
    }))
}

/// Makes a link of `purpose` for the account and writes it with its mail, in one transaction.
/// `false` without mail.
async fn issue(
    state: &AppState,
    user: &User,
    purpose: TokenPurpose,
    lang: Lang,
    now: OffsetDateTime,
) -> AppResult<bool> {
    let token = random_token();
    let (kind, valid, path) = match purpose {
        TokenPurpose::PasswordReset => (MailKind::PasswordReset, RESET_VALID, "/password/reset/"),
        TokenPurpose::AddressConfirmation => (
            MailKind::AddressConfirmation,
            CONFIRMATION_VALID,
            "/address/confirm/",
        ),
    };
    let expires = now + valid;
    let lang = state.store.mail_language(user.id).await?.unwrap_or(lang);
    let to = (user.name.as_str(), user.email.as_str(), Some(user.id));
    let Some(mail) = link_mail(state, kind, to, lang, &format!("{path}{token}"), expires).await?
    else {
        return Ok(false);
    };
    state
        .store
        .issue_token(
            &AccountToken {
                token_hash: hash_token(&token),
                user: user.id,
                purpose,
                created_at: now,
                expires_at: expires,
                used_at: None,
            },
            now,
            std::slice::from_ref(&mail),
        )
        .await?;
    state.mail_queued();
    Ok(true)
}

/// The mail carrying a link to `path` to `(name, address, account)`, in `lang` (the account's
/// choice for mail, else the one of the page the request came from: the person asking is most
/// likely the one reading); `None` without mail.
async fn link_mail(
    state: &AppState,
    kind: MailKind,
    (name, email, user): (&str, &str, Option<vuoro_core::UserId>),
    lang: Lang,
    path: &str,
    expires: OffsetDateTime,
) -> AppResult<Option<NewMail>> {
    let args: crate::mail::MailArgs = vec![
        ("name", crate::i18n::s(name)),
        ("email", crate::i18n::s(email)),
        ("link", crate::i18n::s(state.mail_link(path))),
        (
            "until",
            crate::i18n::s(crate::processes::helsinki_time(expires)),
        ),
    ];
    let to = Recipient {
        to: email.to_owned(),
        user,
        lang: Some(lang),
    };
    Ok(state.compose(kind, to, args).await?)
}

#[derive(Template, WebTemplate)]
#[template(path = "password_set.html")]
struct SetView {
    c: Ctx,
    title: &'static str,
    intro: &'static str,
    submit: &'static str,
    action: String,
    email: String,
    field: Field,
    /// The link no longer works (used, expired, superseded or never issued).
    gone: bool,
    mail_on: bool,
}

fn password_field(lang: Lang, errors: &FieldErrors) -> Field {
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
    .errors(lang, errors)
}

/// The page a link opens: its form while the link works, else a page saying it no longer does
/// (410, since the link existed once or may have; whether it did is not told).
async fn token_page(
    state: &AppState,
    c: Ctx,
    token: &str,
    purpose: TokenPurpose,
    errors: &FieldErrors,
) -> AppResult<Response> {
    let now = OffsetDateTime::now_utc();
    let found = state.store.account_token(&hash_token(token)).await?;
    let account = match found.filter(|t| t.purpose == purpose && t.works(now)) {
        Some(t) => Some(state.store.user(t.user).await?),
        None => None,
    };
    let (title, intro, submit, path) = page_texts(purpose);
    let field = password_field(c.lang, errors);
    let gone = account.is_none();
    let mut r = SetView {
        c,
        title,
        intro,
        submit,
        action: format!("{path}{token}"),
        email: account.map(|a| a.email).unwrap_or_default(),
        field,
        gone,
        mail_on: mail_on(state),
    }
    .into_response();
    if gone {
        *r.status_mut() = StatusCode::GONE;
    } else if !errors.is_empty() {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(r)
}

/// Sets the password through a link: the new password, every log-in ended, the address
/// confirmed; then the person logs in with it (on the one log-in page, which applies every rule
/// of logging in).
async fn use_link(
    state: AppState,
    c: Ctx,
    token: String,
    purpose: TokenPurpose,
    form: FormData,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let Some(password) = errors.take("password", text::password(form.get("password"))) else {
        return token_page(&state, c, &token, purpose, &errors).await;
    };
    let hash = crate::auth::hash_password_async(&state, password).await?;
    let now = OffsetDateTime::now_utc();
    match state
        .store
        .use_token(&hash_token(&token), purpose, &hash, now)
        .await
    {
        Ok(user) => {
            // Failed log-ins with the forgotten password must not keep the person out now.
            state
                .store
                .forget_attempts(&crate::auth::LoginLimiter::address_key(&user.email))
                .await?;
            tracing::info!(user = %user.id, purpose = purpose.code(), "password set from a mailed link");
            Ok(redirect("/login?password=1"))
        }
        Err(StoreError::NotFound | StoreError::Conflict(_)) => {
            token_page(&state, c, &token, purpose, &FieldErrors::new()).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn reset_page(
    State(state): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    token_page(
        &state,
        c,
        &token,
        TokenPurpose::PasswordReset,
        &FieldErrors::new(),
    )
    .await
}

async fn reset(
    State(state): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    use_link(state, c, token, TokenPurpose::PasswordReset, form).await
}

async fn confirm_page(
    State(state): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    token_page(
        &state,
        c,
        &token,
        TokenPurpose::AddressConfirmation,
        &FieldErrors::new(),
    )
    .await
}

async fn confirm(
    State(state): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    use_link(state, c, token, TokenPurpose::AddressConfirmation, form).await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mails of this module and the invitation read in every language: a subject, and a
    /// text in paragraphs carrying the link and how long it works.
    #[test]
    fn the_account_mails_exist_in_every_language() {
        for lang in Lang::ALL {
            for kind in [
                MailKind::Invitation,
                MailKind::PasswordReset,
                MailKind::AddressConfirmation,
            ] {
                let args: crate::mail::MailArgs = vec![
                    ("org", crate::i18n::s("Testilän kunta")),
                    ("inviter", crate::i18n::s("Anna Admin")),
                    ("name", crate::i18n::s("Fanni")),
                    ("email", crate::i18n::s("fanni@kunta.fi")),
                    ("link", crate::i18n::s("https://vuoro.kunta.fi/x/123")),
                    ("until", crate::i18n::s("4.12.2026 klo 12.00")),
                ];
                let key = kind.as_str();
                let subject = crate::i18n::t_args(lang, &format!("mail-{key}-subject"), &args);
                let text = crate::i18n::t_args(lang, &format!("mail-{key}-text"), &args);
                assert!(
                    !subject.is_empty() && !subject.contains("Unknown"),
                    "{lang:?} {key}: {subject}"
                );
                assert!(
                    text.contains("https://vuoro.kunta.fi/x/123")
                        && text.contains("4.12.2026 klo 12.00")
                        && text.contains("\n\n"),
                    "{lang:?} {key}: {text}"
                );
            }
        }
    }
}
