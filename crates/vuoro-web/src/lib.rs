//! The HTTP interface of vuoro: one `router()` per feature module, merged in [`app`], with the
//! layers every request passes (error pages, CSRF, body limits, security headers).
//!
//! [`serve`] takes a bound listener and a shutdown future, so tests bind port 0 and run the real
//! server in-process.

pub mod admin;
pub mod assets;
pub mod auth;
pub mod batch;
pub mod catalogue;
pub mod client;
pub mod ctx;
pub mod error;
pub mod exports;
pub mod fields;
pub mod form;
pub mod hours;
pub mod hub;
pub mod i18n;
pub mod ics;
pub mod layers;
pub mod live;
pub mod mail;
pub mod methods;
pub mod network;
pub mod notices;
pub mod orders;
pub mod pages;
pub mod partners;
pub mod password;
pub mod practices;
pub mod processes;
pub mod proposals;
pub mod reports;
pub mod retention;
pub mod rights;
pub mod routes;
pub mod share;
pub mod sign_on_admin;
pub mod sso;
pub mod summary;
pub mod themes;
pub mod util;

use axum::Router;
use std::sync::Arc;
use vuoro_core::method::MethodLibrary;
use vuoro_store::Store;

/// Settings of the web layer.
#[derive(Clone, Debug)]
pub struct WebConfig {
    /// Mark cookies `Secure`: on whenever the server is reached over HTTPS.
    pub secure_cookies: bool,
    /// How long a login lasts.
    pub session_hours: i64,
    /// How long an invitation link stays valid.
    pub invitation_days: i64,
    /// The largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Reverse proxies whose `X-Forwarded-For` names the client (see [`client::ClientAddr`]).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Failed log-ins allowed from one client address (an IPv6 /64) within 15 minutes, on
    /// whatever e-mail addresses; then every log-in from it waits.
    pub login_failures_per_client: usize,
    /// Where and as whom mail is sent; `None`: no mail is composed or queued.
    pub mail: Option<mail::MailConfig>,
    /// The address the site is reached at (`https://vuoro.kunta.fi`), for links in mail.
    pub public_url: Option<String>,

    /// Single sign-on with an OpenID Connect provider, when configured.
    pub oidc: Option<sso::OidcConfig>,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            session_hours: 12,
            invitation_days: 14,
            max_body_bytes: 64 * 1024,
            trusted_proxies: Vec::new(),
            login_failures_per_client: 50,
            mail: None,
            public_url: None,

            oidc: None,
        }
    }
}

/// What every handler can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub methods: Arc<MethodLibrary>,
    pub config: Arc<WebConfig>,
    pub(crate) logins: Arc<auth::LoginLimiter>,
    /// Password hashing runs on blocking threads, this many at a time.
    pub(crate) hashing: Arc<tokio::sync::Semaphore>,
    /// Live events fanned out to the open boards and phones.
    pub hub: Arc<hub::LiveHub>,
    /// Comments through shared summary links, per client address.
    pub(crate) shares: Arc<share::CommentLimiter>,
    /// Wakes this process's mail worker when a handler queued mail (`AppState::mail_queued`).
    pub(crate) mail_wake: Arc<tokio::sync::Notify>,

    /// Single sign-on, when configured and usable.
    pub sign_on: Option<Arc<sso::SignOn>>,
    /// The Content-Security-Policy header (`layers::content_security_policy`).
    pub(crate) csp: axum::http::HeaderValue,
}

impl AppState {
    /// The state of a server; call it within a Tokio runtime (the hub starts listening to the
    /// store's live feed on it).
    pub fn new(store: Arc<dyn Store>, methods: MethodLibrary, config: WebConfig) -> Self {
        let mail_wake = Arc::new(tokio::sync::Notify::new());
        if let Some(m) = &config.mail {
            tokio::spawn(mail::worker::run(
                store.clone(),
                mail::Mailer::new(m),
                m.poll_interval,
                mail_wake.clone(),
            ));
        }
        Self {
            hub: hub::LiveHub::start(store.clone()),
            store,
            methods: Arc::new(methods),
            logins: Arc::new(auth::LoginLimiter::new(config.login_failures_per_client)),
            hashing: Arc::new(tokio::sync::Semaphore::new(auth::hashing_permits())),
            sign_on: config.oidc.clone().and_then(|c| match sso::SignOn::new(c) {
                Ok(s) => Some(Arc::new(s)),
                Err(e) => {
                    tracing::error!(error = %e, "single sign-on cannot work: it is off");
                    None
                }
            }),
            csp: layers::content_security_policy(config.oidc.as_ref()),
            config: Arc::new(config),
            shares: Arc::new(share::CommentLimiter::default()),
            mail_wake,
        }
    }
}

/// Every route of the application, one table per feature module.
fn routes() -> routes::Routes {
    routes::Routes::new()
        .merge(pages::router())
        .merge(auth::router())
        .merge(password::router())
        .merge(sso::router())
        .merge(sign_on_admin::router())
        .merge(admin::router())
        .merge(methods::router())
        .merge(orders::router())
        .merge(processes::router())
        .merge(proposals::router())
        .merge(hours::router())
        .merge(batch::router())
        .merge(partners::router())
        .merge(live::router())
        .merge(themes::router())
        .merge(practices::router())
        .merge(summary::router())
        .merge(share::router())
        .merge(notices::router())
        .merge(exports::router())
        .merge(catalogue::router())
        .merge(retention::router())
        .merge(rights::router())
        .merge(network::router())
        .merge(reports::router())
        .merge(assets::router())
        .merge(mail::prefs::router())
}

/// The path of every route [`app`] serves, as axum patterns: the permission test needs a row
/// for each.
pub fn route_paths() -> Vec<&'static str> {
    routes().paths().to_vec()
}

/// The whole application.
pub fn app(state: AppState) -> Router {
    let max_body = state.config.max_body_bytes;
    routes()
        .into_router()
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            layers::csrf,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(max_body))
        .layer(axum::middleware::from_fn(layers::render_errors))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            layers::security_headers,
        ))
        .with_state(state)
}

/// Serves `app` on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // A make-service shares one router among all connections; serving the router itself copies
    // it for every connection, which cost about 24 KiB per open event stream under load.
    // Connection info gives the peer address that per-client limits key on.
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
