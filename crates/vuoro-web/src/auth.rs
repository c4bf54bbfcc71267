//! Log-in, log-out and accepting an invitation. Passwords are hashed with argon2id; sessions
//! live in the database under the hash of a random token held in an HttpOnly cookie.

use crate::AppState;
use crate::client::ClientAddr;
use crate::ctx::{Ctx, SESSION_COOKIE};
use crate::error::{AppError, AppResult};
use crate::fields::{Field, Kind};
use crate::form::FormData;
use crate::routes::Routes;
use crate::util::{
    cookie_builder, hash_token, local_path, random_token, redirect, set_cookie, unprocessable,
};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use std::net::IpAddr;
use time::{Duration, OffsetDateTime};
use vuoro_core::text::{self, limits};
use vuoro_core::{FieldErrors, Lang};
use vuoro_store::prelude::*;
use vuoro_store::{Acceptor, Budget, LoginSession, LoginVia, NewUser};

pub fn router() -> Routes {
    Routes::new()
        .route("/login", get(login_page).post(login))
        .route("/logout", axum::routing::post(logout))
        .route("/invite/{token}", get(invite_page).post(accept_invite))
}

/// Hashes a password with argon2id and a fresh salt. This takes tens of milliseconds of one
/// core: handlers call [`hash_off_thread`] instead, so that it never runs on the async threads.
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

/// How many password hashes may run at once: about one per core. Argon2 keeps a core busy for
/// tens of milliseconds; run on the async threads, eight log-ins at once stalled every other
/// request (`/healthz` went from 2 ms to 834 ms). On blocking threads behind this limit, other
/// requests keep their threads and log-ins beyond the limit wait their turn without holding
/// a thread.
pub fn hashing_permits() -> usize {
    std::thread::available_parallelism().map_or(2, std::num::NonZero::get)
}

/// Runs argon2 work (`f`) on tokio's blocking threads, at most [`hashing_permits`] at a time.
async fn hash_off_thread<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let _permit = state
        .hashing
        .acquire()
        .await
        .map_err(|e| AppError::Internal(format!("hashing closed: {e}")))?;
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AppError::Internal(format!("hashing task failed: {e}")))
}

/// Hashes a new password off the async threads.
pub async fn hash_password_async(state: &AppState, password: String) -> Result<String, AppError> {
    hash_off_thread(state, move || hash_password(&password)).await?
}

/// Failed attempts allowed per e-mail address within [`LOGIN_WINDOW`].
pub const LOGIN_ATTEMPTS: usize = 5;
pub const LOGIN_WINDOW: Duration = Duration::minutes(15);
/// Counts failed log-ins per e-mail address, so a password cannot be guessed by trying many,
/// and per client address, so one client cannot try a few passwords on every address. The
/// counts live in the database ([`vuoro_store::ThrottleStore`]), so every server process on it
/// spends one budget: in each process's memory, an attacker spreading guesses over the
/// processes behind a load balancer would get one budget per process. The keys are hashes:
/// neither an e-mail nor a network address is stored.
#[derive(Debug)]
pub struct LoginLimiter {
    per_client: u32,
}

/// Why a log-in is refused before its password is checked, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Throttled {
    /// The e-mail address has used up its attempts.
    Address(std::time::Duration),
    /// The client has used up its attempts, on whatever addresses.
    Client(std::time::Duration),
}

/// The key of a client: its address, or for IPv6 its /64 network, since one subscriber
/// usually holds a whole /64 and could otherwise use a fresh address for every guess.
pub(crate) fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => {
            let bits = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(std::net::Ipv6Addr::from(bits))
        }
        v4 => v4,
    }
}

impl LoginLimiter {
    /// A limiter allowing `per_client` failures per client within [`LOGIN_WINDOW`].
    pub fn new(per_client: usize) -> Self {
        Self {
            per_client: u32::try_from(per_client).unwrap_or(u32::MAX),
        }
    }

    pub(crate) fn address_key(email: &str) -> String {
        format!("login-address:{}", hash_token(email))
    }

    fn client_budget_key(client: IpAddr) -> String {
        format!(
            "login-client:{}",
            hash_token(&client_key(client).to_string())
        )
    }

    /// Checks and counts an attempt as failed in one step, before its password is checked: many
    /// guesses sent at once would otherwise all pass the check while the first still hash.
    /// [`LoginLimiter::succeeded`] takes it back when the password was right.
    pub async fn attempt(
        &self,
        store: &dyn Store,
        email: &str,
        client: IpAddr,
        now: OffsetDateTime,
    ) -> vuoro_store::Result<Option<Throttled>> {
        let client_key = Self::client_budget_key(client);
        let address_key = Self::address_key(email);
        let budgets = [
            Budget {
                key: &client_key,
                limit: self.per_client,
            },
            Budget {
                key: &address_key,
                limit: u32::try_from(LOGIN_ATTEMPTS).unwrap_or(u32::MAX),
            },
        ];
        let spent = store
            .take_attempt(&budgets, now - LOGIN_WINDOW, now)
            .await?;
        Ok(spent.map(|s| {
            let wait = (s.until - now).max(Duration::ZERO).unsigned_abs();
            if s.budget == 0 {
                Throttled::Client(wait)
            } else {
                Throttled::Address(wait)
            }
        }))
    }

    /// A right password clears the address's failures and takes back the client's count for
    /// this attempt; the client's earlier failures stay, so that logging in to one's own
    /// account does not buy more guesses at others.
    pub async fn succeeded(
        &self,
        store: &dyn Store,
        email: &str,
        client: IpAddr,
    ) -> vuoro_store::Result<()> {
        store.forget_attempts(&Self::address_key(email)).await?;
        store
            .give_back_attempt(&Self::client_budget_key(client))
            .await
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
struct LoginView {
    c: Ctx,
    fields: Vec<Field>,
    /// Why the last attempt failed.
    failed: Option<Refusal>,
    /// Where to go after logging in (a local path, or empty for the front page): an invitation
    /// sends someone with an account here to log in first.
    next: String,
    /// Mail is configured, so a forgotten password can be reset by e-mail.
    mail_on: bool,

    /// Single sign-on is offered beside the password.
    sso: bool,
}

/// Why a log-in was refused: a message id, and the minutes to wait when it was throttled.
#[derive(Debug, Clone, Copy)]
struct Refusal {
    id: &'static str,
    minutes: u64,
}

#[derive(Deserialize)]
struct LoginQuery {
    next: Option<String>,
}

/// The local path a log-in form should return to, or an empty string for the front page.
pub(crate) fn next_of(next: Option<&str>) -> String {
    next.and_then(local_path).unwrap_or_default().to_owned()
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

async fn login_page(
    State(state): State<AppState>,
    c: Ctx,
    Query(q): Query<LoginQuery>,
) -> AppResult<Response> {
    let next = next_of(q.next.as_deref());
    if c.user.is_some() {
        return Ok(redirect(if next.is_empty() { "/" } else { &next }));
    }
    let fields = login_fields(c.lang, "");
    Ok(LoginView {
        c,
        fields,
        failed: None,
        next,
        mail_on: crate::password::mail_on(&state),

        sso: state.sign_on.is_some(),
    }
    .into_response())
}

fn set_session_cookie(r: &mut Response, state: &AppState, token: String, max_age: Duration) {
    set_cookie(
        r,
        &state.config,
        cookie_builder(SESSION_COOKIE, token)
            .http_only(true)
            .max_age(max_age),
    );
}

async fn login(
    State(state): State<AppState>,
    c: Ctx,
    client: ClientAddr,
    form: FormData,
) -> AppResult<Response> {
    let email = form.get("email").trim().to_lowercase();
    let password = form.get("password").to_owned();
    let refuse = |c: Ctx, why: Refusal, status: StatusCode| {
        let fields = login_fields(c.lang, form.get("email"));
        let next = next_of(Some(form.get("next")));
        let mut r = LoginView {
            c,
            fields,
            failed: Some(why),
            next,
            mail_on: crate::password::mail_on(&state),

            sso: state.sign_on.is_some(),
        }
        .into_response();
        *r.status_mut() = status;
        r
    };
    let throttled = state
        .logins
        .attempt(
            state.store.as_ref(),
            &email,
            client.0,
            OffsetDateTime::now_utc(),
        )
        .await?;
    if let Some(t) = throttled {
        let (why, wait) = match t {
            Throttled::Address(w) => ("login-throttled", w),
            Throttled::Client(w) => ("login-throttled-client", w),
        };
        let minutes = wait.as_secs().div_ceil(60).max(1);
        let mut r = refuse(
            c,
            Refusal { id: why, minutes },
            StatusCode::TOO_MANY_REQUESTS,
        );
        if let Ok(v) = HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
            r.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return Ok(r);
    }
    let user = if email.is_empty() || email.chars().count() > limits::EMAIL {
        None
    } else {
        state.store.user_by_email(&email).await?
    };
    // An unknown address is checked against a dummy hash, so it takes as long as a known one.
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let ok = hash_off_thread(&state, move || match hash {
        Some(h) => verify_password(&password, &h),
        None => {
            verify_password(&password, &DUMMY_HASH);
            false
        }
    })
    .await?;
    let Some(user) = user.filter(|_| ok) else {
        return Ok(refuse(
            c,
            Refusal {
                id: "login-failed",
                minutes: 0,
            },
            StatusCode::UNAUTHORIZED,
        ));
    };
    state
        .logins
        .succeeded(state.store.as_ref(), &email, client.0)
        .await?;
    // Checked only after the password, so that the answer tells nothing to someone who does
    // not know it. Without a working sign-on on this server (configured away, or it failed
    // to start) the password is the only way in, so it is not refused.
    if state.sign_on.is_some() && state.store.password_login_refused(user.id).await? {
        return Ok(refuse(
            c,
            Refusal {
                id: "login-password-off",
                minutes: 0,
            },
            StatusCode::FORBIDDEN,
        ));
    }
    start_session(
        &state,
        &user,
        LoginVia::Password,
        &next_of(Some(form.get("next"))),
        OffsetDateTime::now_utc(),
    )
    .await
}

/// Starts a log-in session for `user`, whichever way they proved who they are (a password or
/// a sign-on), and sends them on to `next` (a local path, or the front page when empty).
pub(crate) async fn start_session(
    state: &AppState,
    user: &vuoro_store::User,
    via: LoginVia,
    next: &str,
    now: OffsetDateTime,
) -> AppResult<Response> {
    let token = random_token();
    let hours = state.config.session_hours;
    state
        .store
        .create_login(&LoginSession {
            token_hash: hash_token(&token),
            user: user.id,
            created_at: now,
            expires_at: now + Duration::hours(hours),
            via,
        })
        .await?;
    tracing::info!(user = %user.id, via = via.code(), "logged in");
    let mut r = redirect(if next.is_empty() { "/" } else { next });
    set_session_cookie(&mut r, state, token, Duration::hours(hours));
    Ok(r)
}

async fn logout(State(state): State<AppState>, c: Ctx) -> AppResult<Response> {
    if let Some(u) = &c.user {
        state.store.delete_login(&u.session_hash).await?;
    }
    let mut r = redirect("/login");
    set_session_cookie(&mut r, &state, String::new(), Duration::ZERO);
    Ok(r)
}

#[derive(Template, WebTemplate)]
#[template(path = "invite.html")]
struct InviteView {
    c: Ctx,
    org_name: String,
    email: String,
    /// What the page offers: see [`InviteMode::code`].
    mode: &'static str,
    /// The address of whoever is logged in, when it is not the invited one.
    current: String,
    /// Log in, then come back to this invitation.
    login_href: String,
    /// The server has a sign-on: a new account can be made by signing on, which accepts the
    /// invitation by its verified address.
    sso: bool,
    /// The organisation allows password log-in, so a new account may be made with a password.
    passwords: bool,
    fields: Vec<Field>,
}

/// What an invitation link may do for whoever opens it. The link may have been seen by others
/// than the person invited (the admin who invited, whoever they handed it to), so it never
/// gives roles to an existing account on its own: that account must be logged in.
#[derive(Debug, Clone, PartialEq, Eq)]
enum InviteMode {
    /// No account has the address: the form makes one.
    NewAccount,
    /// The invited account is logged in: accepting adds the roles.
    Accept,
    /// The address has an account, and nobody is logged in: log in as it first.
    LogIn,
    /// Someone else is logged in.
    WrongAccount(String),
    /// The address's account was made through another organisation's link and its address is
    /// not confirmed, so this organisation cannot give it roles.
    Unconfirmed,
}

impl InviteMode {
    fn code(&self) -> &'static str {
        match self {
            Self::NewAccount => "new",
            Self::Accept => "accept",
            Self::LogIn => "login",
            Self::WrongAccount(_) => "wrong",
            Self::Unconfirmed => "unconfirmed",
        }
    }
}

/// A usable invitation and what it offers to the person holding `c`.
async fn invitation_mode(
    state: &AppState,
    c: &Ctx,
    token: &str,
) -> AppResult<(vuoro_store::Invitation, InviteMode)> {
    let inv = state.store.invitation(&hash_token(token)).await?;
    if inv.accepted_at.is_some() || inv.expires_at < OffsetDateTime::now_utc() {
        return Err(AppError::BadRequest("error-invitation-used"));
    }
    let Some(account) = state.store.user_by_email(&inv.email).await? else {
        return Ok((inv, InviteMode::NewAccount));
    };
    let origin = state.store.unconfirmed_origin(account.id).await?;
    let mode = if origin.is_some_and(|o| o != inv.org) {
        InviteMode::Unconfirmed
    } else {
        match &c.user {
            None => InviteMode::LogIn,
            Some(u) if u.id == account.id => InviteMode::Accept,
            Some(u) => InviteMode::WrongAccount(u.email.clone()),
        }
    };
    Ok((inv, mode))
}

async fn invitation_view(
    state: &AppState,
    c: Ctx,
    token: &str,
    name: &str,
    errors: &FieldErrors,
) -> AppResult<InviteView> {
    let (inv, mode) = invitation_mode(state, &c, token).await?;
    let org = state.store.org(inv.org).await?;
    let lang = c.lang;
    let sso = state.sign_on.is_some();
    let passwords = new_passwords_allowed(state, inv.org).await?;
    let fields = if mode == InviteMode::NewAccount && passwords {
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
    } else {
        Vec::new()
    };
    let current = match &mode {
        InviteMode::WrongAccount(e) => e.clone(),
        _ => String::new(),
    };
    let login_href = format!(
        "/login?next={}",
        crate::ctx::encode(&format!("/invite/{token}"))
    );
    Ok(InviteView {
        c,
        org_name: org.name,
        email: inv.email,
        mode: mode.code(),
        current,
        login_href,
        sso,
        passwords,
        fields,
    })
}

/// Whether an invitation to `org` may make an account with a password. Not when the
/// organisation turned password log-in off: the password could never be used, and the
/// sign-on makes the account instead. Without a sign-on on the server (it was configured away
/// since) the password is the only way in, so it is offered.
async fn new_passwords_allowed(state: &AppState, org: vuoro_core::OrgId) -> AppResult<bool> {
    Ok(state.sign_on.is_none() || state.store.password_login(org).await?)
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
    let (inv, mode) = invitation_mode(&state, &c, &token).await?;
    let acceptor = match mode {
        // The account exists and is the one logged in: only the roles are added, and its
        // password stays as it is.
        InviteMode::Accept => Acceptor::Account(c.user()?.id),
        InviteMode::NewAccount => {
            if !new_passwords_allowed(&state, inv.org).await? {
                return Err(AppError::Conflict("invite-password-off"));
            }
            let mut errors = FieldErrors::new();
            let name = errors.take("name", text::name(form.get("name"), limits::NAME));
            let password = errors.take("password", text::password(form.get("password")));
            let (Some(name), Some(p)) = (name, password) else {
                let view = invitation_view(&state, c, &token, form.get("name"), &errors).await?;
                return Ok(unprocessable(view));
            };
            Acceptor::New(NewUser {
                email: String::new(),
                name,
                password_hash: hash_password_async(&state, p).await?,
                site_admin: false,
            })
        }
        // The page explains what to do instead (log in, log out, ask for confirmation).
        InviteMode::LogIn | InviteMode::WrongAccount(_) | InviteMode::Unconfirmed => {
            let view = invitation_view(&state, c, &token, "", &FieldErrors::new()).await?;
            let mut r = view.into_response();
            *r.status_mut() = StatusCode::FORBIDDEN;
            return Ok(r);
        }
    };
    // An account made from a link an admin saw (one made before mail was configured) keeps an
    // unconfirmed address; with mail, a link to confirm it goes to that address, written with
    // the account (the store writes it only then). One made from a mailed invitation is
    // confirmed already, by the store.
    let confirm = match &acceptor {
        Acceptor::New(user) => {
            crate::password::confirmation_for_new(&state, &user.name, &inv.email, c.lang).await?
        }
        _ => None,
    };
    let made = matches!(acceptor, Acceptor::New(_));
    let confirming = confirm.is_some();
    let account = state
        .store
        .accept_invitation_confirming(&hash, acceptor, confirm, OffsetDateTime::now_utc())
        .await
        .map_err(|e| match e {
            vuoro_store::StoreError::Conflict(m) if m == vuoro_store::ADDRESS_UNCONFIRMED => {
                AppError::Conflict("invite-unconfirmed")
            }
            vuoro_store::StoreError::Conflict(_) | vuoro_store::StoreError::NotFound => {
                AppError::BadRequest("error-invitation-used")
            }
            other => other.into(),
        })?;
    let confirm_sent =
        made && confirming && state.store.unconfirmed_origin(account.id).await?.is_some();
    if confirm_sent {
        state.mail_queued();
        tracing::info!(user = %account.id, "address confirmation link mailed");
    }
    Ok(redirect(if c.user.is_some() {
        "/"
    } else if confirm_sent {
        "/login?welcome=1&confirm=1"
    } else {
        "/login?welcome=1"
    }))
}
