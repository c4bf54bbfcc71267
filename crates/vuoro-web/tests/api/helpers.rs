use reqwest::redirect::Policy;
use reqwest::{Client, Response, StatusCode};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use vuoro_core::method::MethodLibrary;
use vuoro_core::{OrgId, Role, RoleSet};
use vuoro_store::{NewUser, Store};
use vuoro_store_sqlite::SqliteStore;

pub const PASSWORD: &str = "correct horse battery";

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A running server with its own database, an organisation and one user per role.
pub struct TestApp {
    pub base: String,
    pub store: Arc<dyn Store>,
    pub org: OrgId,
    dir: PathBuf,
    /// The database, when a second server may open it (see [`TestApp::beside`]).
    database: Option<Database>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// E-mail of the test user holding `who`.
pub fn email(who: &str) -> String {
    format!("{who}@test.vuoro.fi")
}

pub async fn spawn() -> TestApp {
    spawn_with(vuoro_web::WebConfig::default()).await
}

/// A server behind a reverse proxy on this machine: a browser from [`TestApp::browser_from`]
/// counts as the client its `X-Forwarded-For` names, as each phone would behind the proxy.
pub async fn spawn_behind_proxy() -> TestApp {
    spawn_with(vuoro_web::WebConfig {
        trusted_proxies: vec!["127.0.0.1".parse().expect("address")],
        ..vuoro_web::WebConfig::default()
    })
    .await
}

/// Where a test server's data lives, so a second server can open the same database.
#[derive(Debug, Clone)]
pub enum Database {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Database {
    /// A fresh database for a test: a SQLite file in `dir`, or, with
    /// `VUORO_TEST_BACKEND=postgres`, a new database on the PostgreSQL server named by
    /// `VUORO_TEST_POSTGRES` (`scripts/test` runs the API tests once on each backend).
    pub async fn fresh(dir: &std::path::Path) -> Database {
        match std::env::var("VUORO_TEST_BACKEND").as_deref() {
            Ok("postgres") => Database::Postgres(
                vuoro_store_postgres::testing::fresh_database()
                    .await
                    .expect("VUORO_TEST_BACKEND=postgres needs VUORO_TEST_POSTGRES"),
            ),
            Ok("sqlite") | Err(_) => Database::Sqlite(dir.join("test.db")),
            Ok(other) => panic!("VUORO_TEST_BACKEND={other}: expected sqlite or postgres"),
        }
    }

    /// A store on this database: its own connections, as a server process has.
    pub async fn open(&self) -> Arc<dyn Store> {
        match self {
            Database::Sqlite(path) => {
                Arc::new(SqliteStore::open(path).await.expect("database opens"))
            }
            Database::Postgres(url) => Arc::new(
                vuoro_store_postgres::PgStore::connect(url)
                    .await
                    .expect("database connects"),
            ),
        }
    }
}

/// A running server as [`spawn`] gives, with its own web settings.
pub async fn spawn_with(config: vuoro_web::WebConfig) -> TestApp {
    spawn_with_base(|_| config).await
}

/// A running server whose settings depend on its own address (`http://127.0.0.1:PORT`), such
/// as `public_url`, which links in mail point to.
pub async fn spawn_with_base(make: impl FnOnce(&str) -> vuoro_web::WebConfig) -> TestApp {
    spawn_listening_with(bind().await, make).await
}

/// A free port of this machine, bound, for a server whose settings must name its address
/// before it starts (single sign-on's redirect address).
pub async fn bind() -> tokio::net::TcpListener {
    tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind")
}

/// A running server as [`spawn_with`] gives, on a listener already bound.
pub async fn spawn_listening(
    listener: tokio::net::TcpListener,
    config: vuoro_web::WebConfig,
) -> TestApp {
    spawn_listening_with(listener, |_| config).await
}

async fn spawn_listening_with(
    listener: tokio::net::TcpListener,
    make: impl FnOnce(&str) -> vuoro_web::WebConfig,
) -> TestApp {
    let dir = temp_dir();
    let database = Database::fresh(&dir).await;
    let store = database.open().await;
    let org = seed(&store).await;
    let mut app = serve_listening(listener, store, org, dir, make).await;
    app.database = Some(database);
    app
}

/// A fresh directory of this test's own.
pub fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "vuoro-api-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// An organisation and one user per role in an empty store; returns the organisation.
pub async fn seed(store: &Arc<dyn Store>) -> OrgId {
    let org = store
        .create_org("Testilän kunta", time::OffsetDateTime::now_utc())
        .await
        .expect("org")
        .id;
    // One cheap hash for everyone: argon2 with default cost is slow enough to matter in tests.
    let hash = vuoro_web::auth::hash_password(PASSWORD).expect("hash");
    let people: &[(&str, &[Role], bool)] = &[
        ("site", &[], true),
        ("admin", &[Role::Admin], false),
        ("coordinator", &[Role::Coordinator], false),
        ("orderer", &[Role::Orderer], false),
        ("facilitator", &[Role::Facilitator], false),
        ("facilitator2", &[Role::Facilitator], false),
        ("outsider", &[], false),
    ];
    for (who, roles, site_admin) in people {
        let u = store
            .create_user(
                NewUser {
                    email: email(who),
                    name: format!("Testi {who}"),
                    password_hash: hash.clone(),
                    site_admin: *site_admin,
                },
                time::OffsetDateTime::now_utc(),
            )
            .await
            .expect("user");
        if !roles.is_empty() {
            let set: RoleSet = roles.iter().copied().collect();
            store.set_roles(org, u.id, set).await.expect("roles");
        }
    }
    org
}

/// Serves the application on `store` on a free port of this machine.
pub async fn serve_on(
    store: Arc<dyn Store>,
    org: OrgId,
    dir: PathBuf,
    config: vuoro_web::WebConfig,
) -> TestApp {
    serve_on_with(store, org, dir, |_| config).await
}

/// As [`serve_on`], with settings made from the server's address once it is bound.
pub async fn serve_on_with(
    store: Arc<dyn Store>,
    org: OrgId,
    dir: PathBuf,
    make: impl FnOnce(&str) -> vuoro_web::WebConfig,
) -> TestApp {
    serve_listening(bind().await, store, org, dir, make).await
}

async fn serve_listening(
    listener: tokio::net::TcpListener,
    store: Arc<dyn Store>,
    org: OrgId,
    dir: PathBuf,
    make: impl FnOnce(&str) -> vuoro_web::WebConfig,
) -> TestApp {
    let addr = listener.local_addr().expect("addr");
    let state = vuoro_web::AppState::new(
        store.clone(),
        MethodLibrary::builtin().expect("methods"),
        make(&format!("http://{addr}")),
    );
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(vuoro_web::serve(listener, state, async {
        let _ = rx.await;
    }));
    TestApp {
        base: format!("http://{addr}"),
        store,
        org,
        dir,
        database: None,
        shutdown: Some(tx),
    }
}

impl TestApp {
    /// A second server process's worth on this app's database: its own store connection, hub
    /// and limiters, as a second `vuoro serve` behind a load balancer has. (SQLite serves one
    /// process per file in production, as live events are announced within a process; what
    /// is kept in the database is shared all the same.)
    pub async fn beside(&self) -> TestApp {
        let database = self
            .database
            .as_ref()
            .expect("a server from spawn_with, whose database is known");
        let store = database.open().await;
        serve_on(store, self.org, temp_dir(), vuoro_web::WebConfig::default()).await
    }
}

/// A browser: keeps cookies, does not follow redirects (tests look at them).
pub struct Browser {
    pub client: Client,
    pub base: String,
}

impl TestApp {
    pub fn browser(&self) -> Browser {
        Browser {
            client: Client::builder()
                .cookie_store(true)
                .redirect(Policy::none())
                .build()
                .expect("client"),
            base: self.base.clone(),
        }
    }

    /// A browser whose requests the proxy forwards from `ip`, asking for pages in `lang`
    /// (see [`spawn_behind_proxy`]).
    pub fn browser_from(&self, ip: &str, lang: &str) -> Browser {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            reqwest::header::HeaderValue::from_str(ip).expect("ascii"),
        );
        headers.insert(
            "accept-language",
            reqwest::header::HeaderValue::from_str(lang).expect("ascii"),
        );
        Browser {
            client: Client::builder()
                .cookie_store(true)
                .redirect(Policy::none())
                .default_headers(headers)
                .build()
                .expect("client"),
            base: self.base.clone(),
        }
    }

    /// A browser logged in as the test user `who`.
    pub async fn login(&self, who: &str) -> Browser {
        let b = self.browser();
        let r = b
            .post_form("/login", &[("email", &email(who)), ("password", PASSWORD)])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{who} logs in");
        assert_eq!(location(&r), "/");
        b
    }

    pub async fn user_id(&self, who: &str) -> vuoro_core::UserId {
        self.store
            .user_by_email(&email(who))
            .await
            .expect("query")
            .expect("exists")
            .id
    }
}

pub fn location(r: &Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// The value of the first hidden CSRF field on a page.
pub fn csrf_of(html: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker).expect("page has a form") + marker.len();
    html[start..start + 64].to_owned()
}

impl Browser {
    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("request")
    }

    pub async fn text(&self, path: &str) -> (StatusCode, String) {
        let r = self.get(path).await;
        let s = r.status();
        (s, r.text().await.expect("body"))
    }

    /// Fetches a page to get a CSRF token, as a browser would have one from the form it shows.
    pub async fn csrf(&self) -> String {
        let (_, html) = self.text("/login").await;
        if html.contains("name=\"csrf\"") {
            return csrf_of(&html);
        }
        let (_, html) = self.text("/").await;
        csrf_of(&html)
    }

    /// Posts a form exactly as given, with no token added.
    pub async fn post_untokened(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        self.client
            .post(format!("{}{path}", self.base))
            .form(fields)
            .send()
            .await
            .expect("request")
    }

    /// Posts a raw body with the given content type.
    pub async fn post_raw(&self, path: &str, content_type: &str, body: String) -> Response {
        self.client
            .post(format!("{}{path}", self.base))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .expect("request")
    }

    /// Adds a session to a process's plan, based on the plan version the edit page shows.
    pub async fn add_session(&self, process: &str, fields: &[(&str, &str)]) -> Response {
        let (_, page) = self.text(&format!("{process}/plan")).await;
        let v = plan_version(&page);
        let mut all: Vec<(&str, &str)> = vec![("version", v.as_str())];
        all.extend_from_slice(fields);
        self.post_form(&format!("{process}/plan/sessions"), &all)
            .await
    }

    /// Posts a form with a valid CSRF token.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        let token = self.csrf().await;
        let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.client
            .post(format!("{}{path}", self.base))
            .form(&all)
            .send()
            .await
            .expect("request")
    }
}

/// The fields of a valid order.
pub fn order_fields(
    community: &'static str,
    method: &'static str,
) -> Vec<(&'static str, &'static str)> {
    vec![
        ("community", community),
        ("reason", "Organisaatiomuutos"),
        ("outcome", "Yhteinen ymmärrys"),
        ("timing", "Helmikuu"),
        ("participant_count", "12"),
        ("participant_kinds", "staff"),
        ("languages", "fi"),
        ("languages", "sv"),
        ("format", "face_to_face"),
        ("method", method),
    ]
}

/// Orders a process as the orderer and returns its path.
pub async fn order(
    app: &TestApp,
    b: &Browser,
    community: &'static str,
    method: &'static str,
) -> String {
    let r = b
        .post_form(
            &format!("/orgs/{}/orders/new", app.org),
            &order_fields(community, method),
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "order accepted");
    let to = location(&r);
    assert!(to.starts_with("/processes/"));
    to
}

/// The plan version shown on a process page.
pub fn plan_version(html: &str) -> String {
    let marker = "name=\"version\" value=\"";
    match html.find(marker) {
        Some(i) => {
            let rest = &html[i + marker.len()..];
            rest[..rest.find('"').expect("closing quote")].to_owned()
        }
        None => panic!("no version field on page"),
    }
}

/// The facilitator a coordinator assigned accepts the order offered to them.
pub async fn accept_offer(app: &TestApp, p: &str, who: &str) {
    let b = app.login(who).await;
    let r = b
        .post_form(&format!("{p}/offer"), &[("answer", "accept")])
        .await;
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER, "{who} accepts");
}
