//! Single sign-on with the organisation's OpenID Connect provider (Entra ID, Google, Keycloak
//! and the like): the authorization code flow with PKCE, `state` and `nonce`, through the
//! `openidconnect` crate.
//!
//! The log-in page's button posts to `/login/sso`, which stores the sign-on under way (its
//! `state`, `nonce` and PKCE verifier) in the database under the hash of a random token, puts
//! the token in a short-lived cookie and sends the browser to the provider. The provider sends
//! it back to [`CALLBACK`]: the sign-on is taken by the cookie's token (once), the `state`
//! compared, the code exchanged with the verifier, and the ID token's signature, issuer,
//! audience, expiry and nonce checked. The account is then the one linked to the token's
//! issuer and subject; at the first sign-on, the one whose address is the token's e-mail, only
//! if the provider says it verified that address (or, for someone without an account, a new
//! one made by accepting an open invitation to that address). The organisations' group
//! mappings are applied, and the sign-on ends in the same log-in session as a password.
//! Everything stored is in the database, so any server process may answer the callback.

use crate::AppState;
use crate::client::ClientAddr;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::form::FormData;
use crate::routes::Routes;
use crate::util::{cookie, cookie_builder, hash_token, random_token, same_secret, set_cookie};
use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use http_body_util::{BodyExt, Full, Limited};
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreErrorResponseType,
    CoreGenderClaim, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreProviderMetadata, CoreRevocableToken, CoreRevocationErrorResponse,
    CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, AsyncHttpClient, AuthorizationCode, ClientId, ClientSecret, CsrfToken,
    EmptyExtraTokenFields, EndpointMaybeSet, EndpointNotSet, EndpointSet, HttpRequest,
    HttpResponse, IdTokenFields, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier,
    RedirectUrl, Scope, StandardErrorResponse, StandardTokenResponse, TokenResponse as _,
};
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use time::{Duration, OffsetDateTime};
use vuoro_core::text::{self, limits};
use vuoro_store::{Acceptor, NewUser, SignOnStart, StoreError, User};

/// Where the provider sends the browser back: register `public_url` + this at the provider.
pub const CALLBACK: &str = "/login/sso/callback";
/// The cookie holding a sign-on's token between the log-in page and the callback; sent only
/// to the sign-on's own paths.
const COOKIE: &str = "vuoro_sign_on";
const COOKIE_PATH: &str = "/login/sso";
/// How long someone may take at the provider's log-in page.
const START_LIFETIME: Duration = Duration::minutes(10);
/// Sign-ons one client may start within [`START_LIFETIME`]: far more than a person needs,
/// even an office behind one address.
const STARTS_PER_CLIENT: u32 = 60;
/// How long the provider's metadata and keys are used before they are read again (a provider
/// rotates its signing keys now and then).
const METADATA_LIFETIME: std::time::Duration = std::time::Duration::from_secs(15 * 60);
/// The longest wait for one answer from the provider, and the largest answer read.
const HTTP_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);
const HTTP_MAX_BYTES: usize = 1 << 20;
/// The password hash of an account made by a sign-on: no password verifies against it (it is
/// no PHC string), so the account logs in only by sign-on until someone sets a password.
const NO_PASSWORD: &str = "!sign-on";

/// The provider vuoro signs on with: the settings `oidc_issuer`, `oidc_client_id` and
/// `oidc_client_secret`, and the address the provider sends the browser back to.
#[derive(Clone)]
pub struct OidcConfig {
    /// The issuer's URL, exactly as its discovery document names it.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// `public_url` + [`CALLBACK`].
    pub redirect_url: String,
}

impl std::fmt::Debug for OidcConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The secret stays out of every log line and panic message.
        f.debug_struct("OidcConfig")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("redirect_url", &self.redirect_url)
            .finish_non_exhaustive()
    }
}

/// Refuses an issuer the client secret and the sign-on's code could be read on the way to:
/// `https://`, or `http://` only to this machine's loopback (a provider beside the server, as
/// the tests run one).
pub fn check_issuer(issuer: &str) -> Result<(), String> {
    let url = openidconnect::url::Url::parse(issuer.trim())
        .map_err(|e| format!("oidc_issuer is not a URL: {e}"))?;
    let loopback = match url.host() {
        Some(openidconnect::url::Host::Ipv4(a)) => a.is_loopback(),
        Some(openidconnect::url::Host::Ipv6(a)) => a.is_loopback(),
        Some(openidconnect::url::Host::Domain(d)) => d == "localhost",
        None => false,
    };
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        _ => Err("oidc_issuer must be an https:// address (http:// only on loopback)".into()),
    }
}

impl OidcConfig {
    /// The settings with the redirect address made from the site's public address.
    pub fn new(issuer: &str, client_id: &str, client_secret: &str, public_url: &str) -> Self {
        Self {
            issuer: issuer.trim().to_owned(),
            client_id: client_id.trim().to_owned(),
            client_secret: client_secret.to_owned(),
            redirect_url: format!("{}{CALLBACK}", public_url.trim().trim_end_matches('/')),
        }
    }
}

/// The claims vuoro reads beyond the standard ones: the groups (mapped to roles per
/// organisation) and Entra ID's `xms_edov`, its word for a verified e-mail address.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Claims {
    #[serde(default)]
    groups: Option<serde_json::Value>,
    #[serde(default)]
    xms_edov: Option<serde_json::Value>,
}

impl AdditionalClaims for Claims {}

impl Claims {
    /// The groups claim's values (a list of strings, or one string), or `None` when the token
    /// carries no groups claim. Absent is not empty: a provider configured without the claim,
    /// or Entra ID's "overage" (too many groups, the claim left out), must not take away every
    /// role a group gave.
    pub fn groups(&self) -> Option<Vec<String>> {
        match &self.groups {
            Some(serde_json::Value::Array(a)) => Some(
                a.iter()
                    .filter_map(|v| v.as_str())
                    .map(str::to_owned)
                    .collect(),
            ),
            Some(serde_json::Value::String(s)) => Some(vec![s.clone()]),
            _ => None,
        }
    }

    fn domain_owner_verified(&self) -> bool {
        matches!(&self.xms_edov, Some(serde_json::Value::Bool(true)))
            || matches!(&self.xms_edov, Some(serde_json::Value::String(s)) if s == "true" || s == "1")
            || matches!(&self.xms_edov, Some(serde_json::Value::Number(n)) if n.as_u64() == Some(1))
    }
}

type TokenResponse = StandardTokenResponse<
    IdTokenFields<
        Claims,
        EmptyExtraTokenFields,
        CoreGenderClaim,
        CoreJweContentEncryptionAlgorithm,
        CoreJwsSigningAlgorithm,
    >,
    CoreTokenType,
>;

type SignOnClient = openidconnect::Client<
    Claims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    TokenResponse,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// The HTTP client of the calls to the provider (discovery, keys, the code exchange): hyper,
/// already under axum, with rustls on ring and the system's trusted certificates. It follows
/// no redirects, so an answer cannot send vuoro's requests elsewhere.
#[derive(Clone)]
pub struct Http {
    client: hyper_util::client::legacy::Client<
        hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>,
        Full<Bytes>,
    >,
}

impl std::fmt::Debug for Http {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Http").finish_non_exhaustive()
    }
}

/// Why a call to the provider failed.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("the provider did not answer within {0:?}")]
    Timeout(std::time::Duration),
    #[error("the call to the provider failed: {0}")]
    Failed(String),
}

impl Http {
    /// The client, or why TLS could not be set up.
    pub fn new() -> Result<Self, String> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = match hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_native_roots(provider.clone())
        {
            Ok(b) => b,
            Err(e) => {
                // Without the system's certificates no provider on HTTPS can be trusted; one on
                // plain HTTP (a test's) still works, so the server starts and says why.
                tracing::warn!(error = %e, "no trusted certificates found for sign-on");
                let config = rustls::ClientConfig::builder_with_provider(provider)
                    .with_safe_default_protocol_versions()
                    .map_err(|e| e.to_string())?
                    .with_root_certificates(rustls::RootCertStore::empty())
                    .with_no_client_auth();
                hyper_rustls::HttpsConnectorBuilder::new().with_tls_config(config)
            }
        };
        let connector = builder.https_or_http().enable_http1().build();
        Ok(Self {
            client: hyper_util::client::legacy::Client::builder(
                hyper_util::rt::TokioExecutor::new(),
            )
            .build(connector),
        })
    }

    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, HttpError> {
        let (parts, body) = request.into_parts();
        let request = axum::http::Request::from_parts(parts, Full::new(Bytes::from(body)));
        let response = tokio::time::timeout(HTTP_TIMEOUT, self.client.request(request))
            .await
            .map_err(|_| HttpError::Timeout(HTTP_TIMEOUT))?
            .map_err(|e| HttpError::Failed(e.to_string()))?;
        let (parts, body) = response.into_parts();
        let body = tokio::time::timeout(HTTP_TIMEOUT, Limited::new(body, HTTP_MAX_BYTES).collect())
            .await
            .map_err(|_| HttpError::Timeout(HTTP_TIMEOUT))?
            .map_err(|e| HttpError::Failed(e.to_string()))?
            .to_bytes();
        Ok(HttpResponse::from_parts(parts, body.to_vec()))
    }
}

impl<'c> AsyncHttpClient<'c> for Http {
    type Error = HttpError;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, HttpError>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(self.send(request))
    }
}

/// Sign-on as a server holds it: the settings, the HTTP client and the provider's metadata
/// (with its keys) read by discovery, kept for [`METADATA_LIFETIME`].
#[derive(Debug)]
pub struct SignOn {
    config: OidcConfig,
    http: Http,
    metadata: tokio::sync::Mutex<Option<(std::time::Instant, CoreProviderMetadata)>>,
}

/// Why the provider could not be used.
#[derive(Debug, thiserror::Error)]
enum ProviderError {
    #[error("discovery: {0}")]
    Discovery(String),
    #[error("settings: {0}")]
    Settings(String),
}

impl SignOn {
    /// Sign-on with these settings, or why it cannot work on this machine.
    pub fn new(config: OidcConfig) -> Result<Self, String> {
        Ok(Self {
            config,
            http: Http::new()?,
            metadata: tokio::sync::Mutex::new(None),
        })
    }

    async fn client(&self, fresh: bool) -> Result<SignOnClient, ProviderError> {
        let mut cached = self.metadata.lock().await;
        let metadata = match cached.as_ref() {
            Some((at, m)) if !fresh && at.elapsed() < METADATA_LIFETIME => m.clone(),
            _ => {
                let issuer = IssuerUrl::new(self.config.issuer.clone())
                    .map_err(|e| ProviderError::Settings(e.to_string()))?;
                let m = CoreProviderMetadata::discover_async(issuer, &self.http)
                    .await
                    .map_err(|e| ProviderError::Discovery(error_chain(&e)))?;
                *cached = Some((std::time::Instant::now(), m.clone()));
                m
            }
        };
        let redirect = RedirectUrl::new(self.config.redirect_url.clone())
            .map_err(|e| ProviderError::Settings(e.to_string()))?;
        Ok(SignOnClient::from_provider_metadata(
            metadata,
            ClientId::new(self.config.client_id.clone()),
            Some(ClientSecret::new(self.config.client_secret.clone())),
        )
        .set_redirect_uri(redirect))
    }
}

/// An error and its causes on one line, for the log.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        s.push_str(": ");
        s.push_str(&cause.to_string());
        source = cause.source();
    }
    s
}

pub fn router() -> Routes {
    Routes::new()
        .route("/login/sso", post(start))
        .route(CALLBACK, get(callback))
}

#[derive(Template, WebTemplate)]
#[template(path = "sso_refused.html")]
struct RefusedView {
    c: Ctx,
    /// The message saying why.
    why: &'static str,
}

/// A sign-on refused: a page saying why, in the visitor's language, with the way back to the
/// log-in page; the sign-on's cookie is cleared.
fn refused(state: &AppState, c: Ctx, why: &'static str, status: StatusCode) -> Response {
    let mut r = RefusedView { c, why }.into_response();
    *r.status_mut() = status;
    clear_cookie(&mut r, state);
    r
}

fn clear_cookie(r: &mut Response, state: &AppState) {
    set_cookie(
        r,
        &state.config,
        cookie_builder(COOKIE, String::new())
            .path(COOKIE_PATH)
            .http_only(true)
            .max_age(Duration::ZERO),
    );
}

fn sign_on(state: &AppState) -> AppResult<&SignOn> {
    state.sign_on.as_deref().ok_or(AppError::NotFound)
}

/// The log-in page's button: a sign-on starts, and the browser goes to the provider.
async fn start(
    State(state): State<AppState>,
    c: Ctx,
    client_addr: ClientAddr,
    form: FormData,
) -> AppResult<Response> {
    let so = sign_on(&state)?;
    // Each start writes a row until it expires: one client may not fill the table. Counted in
    // the database, so every server process spends one budget.
    let now = OffsetDateTime::now_utc();
    let key = format!(
        "sso-start:{}",
        hash_token(&crate::auth::client_key(client_addr.0).to_string())
    );
    let budget = [vuoro_store::Budget {
        key: &key,
        limit: STARTS_PER_CLIENT,
    }];
    if let Some(spent) = state
        .store
        .take_attempt(&budget, now - START_LIFETIME, now)
        .await?
    {
        let wait = (spent.until - now).max(Duration::ZERO).unsigned_abs();
        let mut r = refused(&state, c, "sso-throttled", StatusCode::TOO_MANY_REQUESTS);
        if let Ok(v) = HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
            r.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return Ok(r);
    }
    let client = match so.client(false).await {
        Ok(client) => client,
        Err(e) => {
            tracing::warn!(error = %e, "the sign-on provider could not be reached");
            return Ok(refused(
                &state,
                c,
                "sso-provider-down",
                StatusCode::SERVICE_UNAVAILABLE,
            ));
        }
    };
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, csrf, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge)
        .url();
    let token = random_token();
    state
        .store
        .start_sign_on(
            &SignOnStart {
                token_hash: hash_token(&token),
                state: csrf.secret().clone(),
                nonce: nonce.secret().clone(),
                pkce_verifier: verifier.secret().clone(),
                next: crate::auth::next_of(Some(form.get("next"))),
                expires_at: now + START_LIFETIME,
            },
            now,
        )
        .await?;
    let mut r = crate::util::redirect(url.as_str());
    // Lax (the builder's default), so the browser sends it on the provider's redirect back.
    set_cookie(
        &mut r,
        &state.config,
        cookie_builder(COOKIE, token)
            .path(COOKIE_PATH)
            .http_only(true)
            .max_age(START_LIFETIME),
    );
    Ok(r)
}

#[derive(Debug, Deserialize)]
struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// The provider's answer.
async fn callback(
    State(state): State<AppState>,
    c: Ctx,
    headers: HeaderMap,
    Query(q): Query<CallbackQuery>,
) -> AppResult<Response> {
    let so = sign_on(&state)?;
    let now = OffsetDateTime::now_utc();
    let started = match cookie(&headers, COOKIE) {
        Some(token) if !token.is_empty() => {
            state.store.take_sign_on(&hash_token(token), now).await?
        }
        _ => None,
    };
    // The answer must belong to the sign-on this browser started: without that, someone could
    // send a victim's browser a link that logs it in as the sender.
    let Some(started) = started.filter(|s| {
        q.state
            .as_deref()
            .is_some_and(|answered| same_secret(answered, &s.state))
    }) else {
        return Ok(refused(
            &state,
            c,
            "sso-refused-state",
            StatusCode::BAD_REQUEST,
        ));
    };
    if let Some(error) = &q.error {
        // Someone who cancelled at the provider, or a provider refusing this client.
        // Written escaped (`?`): the text comes from the address bar, and a line break in it
        // must not forge a log line.
        let error: String = error.chars().take(100).collect();
        tracing::info!(?error, "the provider refused the sign-on");
        return Ok(refused(
            &state,
            c,
            "sso-refused-provider",
            StatusCode::FORBIDDEN,
        ));
    }
    let Some(code) = q.code else {
        return Ok(refused(
            &state,
            c,
            "sso-refused-state",
            StatusCode::BAD_REQUEST,
        ));
    };
    let claims = match verified_claims(so, code, started.pkce_verifier, started.nonce).await {
        Ok(claims) => claims,
        Err(e) => {
            tracing::warn!(error = %e, "a sign-on failed");
            return Ok(refused(
                &state,
                c,
                "sso-refused-token",
                StatusCode::BAD_GATEWAY,
            ));
        }
    };
    let user = match account(&state, &claims, now).await? {
        Ok(user) => user,
        Err(why) => return Ok(refused(&state, c, why, StatusCode::FORBIDDEN)),
    };
    let changed = match &claims.groups {
        Some(groups) => state.store.apply_group_roles(user.id, groups, now).await?,
        None => Vec::new(),
    };
    if !changed.is_empty() {
        tracing::info!(user = %user.id, organisations = changed.len(), "roles changed by sign-on groups");
    }
    let mut r = crate::auth::start_session(
        &state,
        &user,
        vuoro_store::LoginVia::SignOn,
        &started.next,
        now,
    )
    .await?;
    clear_cookie(&mut r, &state);
    tracing::info!(user = %user.id, "signed on");
    Ok(r)
}

/// What vuoro takes from a verified ID token.
#[derive(Debug)]
struct Verified {
    issuer: String,
    subject: String,
    email: Option<String>,
    email_verified: bool,
    name: Option<String>,
    groups: Option<Vec<String>>,
}

/// Exchanges the code (with the PKCE verifier) and checks the ID token: signature by the
/// provider's keys, issuer, audience, expiry and the nonce of this sign-on. The provider's
/// keys are read again once if the token's key is not among those kept.
async fn verified_claims(
    so: &SignOn,
    code: String,
    verifier: String,
    nonce: String,
) -> Result<Verified, String> {
    let client = so.client(false).await.map_err(|e| e.to_string())?;
    let tokens = client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(|e| e.to_string())?
        .set_pkce_verifier(PkceCodeVerifier::new(verifier))
        .request_async(&so.http)
        .await
        .map_err(|e| format!("code exchange: {}", error_chain(&e)))?;
    let id_token = tokens.id_token().ok_or("no ID token in the answer")?;
    let nonce = Nonce::new(nonce);
    let claims = match id_token.claims(&client.id_token_verifier(), &nonce) {
        Ok(c) => c.clone(),
        Err(first) => {
            // A key the provider rotated in since the metadata was read.
            let fresh = so.client(true).await.map_err(|e| e.to_string())?;
            id_token
                .claims(&fresh.id_token_verifier(), &nonce)
                .map_err(|e| format!("ID token: {first}; with fresh keys: {e}"))?
                .clone()
        }
    };
    let extra = claims.additional_claims();
    Ok(Verified {
        issuer: claims.issuer().as_str().to_owned(),
        subject: claims.subject().as_str().to_owned(),
        email: claims.email().map(|e| e.as_str().trim().to_lowercase()),
        email_verified: claims.email_verified() == Some(true) || extra.domain_owner_verified(),
        name: claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().to_owned()),
        groups: extra.groups(),
    })
}

/// The account of a verified sign-on, or the message saying why there is none.
async fn account(
    state: &AppState,
    v: &Verified,
    now: OffsetDateTime,
) -> AppResult<Result<User, &'static str>> {
    if let Some(user) = state.store.sign_on_user(&v.issuer, &v.subject).await? {
        return Ok(Ok(user));
    }
    // The first sign-on: the e-mail links it, and only one the provider verified, since
    // anyone may type any address into an account at some providers.
    let Some(email) = v.email.as_deref().filter(|e| !e.is_empty()) else {
        return Ok(Err("sso-refused-no-email"));
    };
    if !v.email_verified {
        return Ok(Err("sso-refused-unverified"));
    }
    let user = match state.store.user_by_email(email).await? {
        Some(user) => user,
        None => match invited_account(state, v, email, now).await? {
            Some(user) => user,
            None => return Ok(Err("sso-refused-no-account")),
        },
    };
    match state
        .store
        .link_sign_on(&v.issuer, &v.subject, user.id, now)
        .await
    {
        Ok(()) => {}
        Err(StoreError::Duplicate(_)) => {
            // Two callbacks of one person at once, the other linking first, is fine; an account
            // already linked to another identity of this provider (an address handed on to
            // someone else) is not.
            let linked = state.store.sign_on_user(&v.issuer, &v.subject).await?;
            if linked.is_none_or(|u| u.id != user.id) {
                return Ok(Err("sso-refused-linked"));
            }
        }
        Err(e) => return Err(e.into()),
    }
    tracing::info!(user = %user.id, "sign-on linked to an account");
    Ok(Ok(user))
}

/// Someone without an account, invited by address: the oldest open invitation is accepted
/// and makes the account, as the invitation link would, and every other open invitation to the
/// same verified address is accepted for it too (two organisations may have invited the person,
/// and the one whose page they signed on from must not be left waiting).
async fn invited_account(
    state: &AppState,
    v: &Verified,
    email: &str,
    now: OffsetDateTime,
) -> AppResult<Option<User>> {
    let open = state.store.open_invitations(email, now).await?;
    let Some(first) = open.first() else {
        return Ok(None);
    };
    let name = v
        .name
        .as_deref()
        .and_then(|n| text::name(n, limits::NAME).ok())
        .or_else(|| text::name(email, limits::NAME).ok())
        .unwrap_or_else(|| email.to_owned());
    let made = state
        .store
        .accept_invitation(
            first,
            Acceptor::New(NewUser {
                email: String::new(),
                name,
                password_hash: NO_PASSWORD.into(),
                site_admin: false,
            }),
            now,
        )
        .await;
    match made {
        Ok(user) => {
            // The provider verified the address, as a mailed link would have: it is
            // confirmed, so other organisations may give the account roles. (Already
            // confirmed when the invitation was mailed: nothing to do.)
            match state.store.confirm_address(user.id, user.id, now).await {
                Ok(()) | Err(StoreError::NotFound) => {}
                Err(e) => return Err(e.into()),
            }
            for more in &open[1..] {
                match state
                    .store
                    .accept_invitation(more, Acceptor::Account(user.id), now)
                    .await
                {
                    // Used or expired meanwhile, or refused for an unconfirmed address: the
                    // link in its mail still shows why.
                    Ok(_) | Err(StoreError::Conflict(_) | StoreError::NotFound) => {}
                    Err(e) => return Err(e.into()),
                }
            }
            Ok(Some(user))
        }
        // Used or expired meanwhile, or an account made meanwhile: refused like no invitation.
        Err(StoreError::Conflict(_) | StoreError::NotFound | StoreError::Duplicate(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_redirect_is_the_public_address_and_the_callback() {
        let c = OidcConfig::new(
            " https://login.example.fi/t/v2.0 ",
            "vuoro",
            "s3cret",
            "https://vuoro.kunta.fi/",
        );
        assert_eq!(c.redirect_url, "https://vuoro.kunta.fi/login/sso/callback");
        assert_eq!(c.issuer, "https://login.example.fi/t/v2.0");
        assert!(
            !format!("{c:?}").contains("s3cret"),
            "the secret is never printed"
        );
    }

    #[test]
    fn the_issuer_is_reached_over_https_or_on_loopback() {
        assert!(check_issuer("https://login.microsoftonline.com/t/v2.0").is_ok());
        assert!(check_issuer("http://127.0.0.1:4000/").is_ok());
        assert!(check_issuer("http://localhost:8080").is_ok());
        assert!(check_issuer("http://login.kunta.fi/realms/staff").is_err());
        assert!(check_issuer("http://127.0.0.1.kunta.fi/").is_err());
        assert!(check_issuer("login.kunta.fi").is_err());
    }

    #[test]
    fn groups_are_a_list_or_one_value() {
        let list: Claims = serde_json::from_str(r#"{"groups": ["a", "b", 3]}"#).expect("claims");
        assert_eq!(list.groups(), Some(vec!["a".to_owned(), "b".to_owned()]));
        let one: Claims = serde_json::from_str(r#"{"groups": "a"}"#).expect("claims");
        assert_eq!(one.groups(), Some(vec!["a".to_owned()]));
        let none: Claims = serde_json::from_str("{}").expect("claims");
        assert_eq!(none.groups(), None, "no claim leaves the roles as they are");
        let overage: Claims =
            serde_json::from_str(r#"{"_claim_names": {"groups": "src1"}}"#).expect("claims");
        assert_eq!(overage.groups(), None);
        assert!(!none.domain_owner_verified());
        let entra: Claims = serde_json::from_str(r#"{"xms_edov": true}"#).expect("claims");
        assert!(entra.domain_owner_verified());
    }
}
