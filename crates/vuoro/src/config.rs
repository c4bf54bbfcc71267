//! Configuration: built-in defaults, then a TOML file, then `VUORO_` environment variables, then
//! command-line flags. Each layer only overrides what it sets.

use crate::db_url::{DbUrl, DbUrlError};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub listen: String,
    /// The database: a SQLite file or a PostgreSQL URL.
    pub db: DbUrl,
    pub secure_cookies: bool,
    pub session_hours: i64,
    pub invitation_days: i64,
    pub max_body_bytes: usize,
    /// A directory of extra method files that add to or replace the built-in ones.
    pub methods_dir: Option<PathBuf>,
    /// Reverse proxies trusted to name the client in `X-Forwarded-For`.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Failed log-ins allowed from one client address within 15 minutes.
    pub login_failures_per_client: usize,
    /// The mail server; none: no mail is sent.
    pub smtp_url: Option<Secret>,
    /// The address mail is sent from.
    pub mail_from: Option<String>,
    /// The address the site is reached at (`https://vuoro.kunta.fi`), for links in mail; the
    /// sign-on's redirect address is made from it too.
    pub public_url: Option<String>,
    /// Single sign-on: the OpenID Connect provider's issuer URL, and vuoro's client there.
    pub oidc_issuer: Option<String>,
    pub oidc_client_id: Option<String>,
    pub oidc_client_secret: Option<Secret>,
}

/// A setting that holds a password (`smtp_url` may) or is one (`oidc_client_secret`): its
/// `Debug` shows only that it is set, so no log line or panic message carries it.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl Default for Config {
    fn default() -> Self {
        let web = vuoro_web::WebConfig::default();
        Self {
            listen: "127.0.0.1:8080".into(),
            db: DbUrl::Sqlite(PathBuf::from("vuoro.db")),
            secure_cookies: web.secure_cookies,
            session_hours: web.session_hours,
            invitation_days: web.invitation_days,
            max_body_bytes: web.max_body_bytes,
            methods_dir: None,
            trusted_proxies: web.trusted_proxies,
            login_failures_per_client: web.login_failures_per_client,
            smtp_url: None,
            mail_from: None,
            public_url: web.public_url,
            oidc_issuer: None,
            oidc_client_id: None,
            oidc_client_secret: None,
        }
    }
}

/// The file layer: every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    listen: Option<String>,
    db: Option<String>,
    secure_cookies: Option<bool>,
    session_hours: Option<i64>,
    invitation_days: Option<i64>,
    max_body_bytes: Option<usize>,
    methods_dir: Option<PathBuf>,
    trusted_proxies: Option<Vec<std::net::IpAddr>>,
    login_failures_per_client: Option<usize>,
    smtp_url: Option<Secret>,
    mail_from: Option<String>,
    public_url: Option<String>,
    oidc_issuer: Option<String>,
    oidc_client_id: Option<String>,
    oidc_client_secret: Option<Secret>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {0}: {1}")]
    Read(PathBuf, std::io::Error),
    #[error("{0}: {1}")]
    Parse(PathBuf, String),
    #[error("environment variable {0} has an invalid value")]
    Env(&'static str),
    #[error("{0}: db: {1}")]
    FileDb(PathBuf, DbUrlError),
    #[error("VUORO_DB: {0}")]
    EnvDb(DbUrlError),
    #[error("{0}")]
    Mail(vuoro_web::mail::MailConfigError),
    #[error(
        "single sign-on needs oidc_issuer, oidc_client_id, oidc_client_secret and public_url \
         together; {0} is missing"
    )]
    SignOn(&'static str),
    #[error("{0}")]
    SignOnIssuer(String),
}

impl Config {
    fn apply_file(&mut self, f: FileConfig, path: &Path) -> Result<(), ConfigError> {
        if let Some(v) = f.listen {
            self.listen = v;
        }
        if let Some(v) = f.db {
            self.db = DbUrl::parse(&v).map_err(|e| ConfigError::FileDb(path.to_owned(), e))?;
        }
        if let Some(v) = f.secure_cookies {
            self.secure_cookies = v;
        }
        if let Some(v) = f.session_hours {
            self.session_hours = v;
        }
        if let Some(v) = f.invitation_days {
            self.invitation_days = v;
        }
        if let Some(v) = f.max_body_bytes {
            self.max_body_bytes = v;
        }
        if let Some(v) = f.methods_dir {
            self.methods_dir = Some(v);
        }
        if let Some(v) = f.trusted_proxies {
            self.trusted_proxies = v;
        }
        if let Some(v) = f.login_failures_per_client {
            self.login_failures_per_client = v;
        }
        if let Some(v) = f.smtp_url {
            self.smtp_url = Some(v);
        }
        if let Some(v) = f.oidc_client_secret {
            self.oidc_client_secret = Some(v);
        }
        if let Some(v) = f.mail_from {
            self.mail_from = Some(v);
        }
        for (from, to) in [
            (f.public_url, &mut self.public_url),
            (f.oidc_issuer, &mut self.oidc_issuer),
            (f.oidc_client_id, &mut self.oidc_client_id),
        ] {
            if from.is_some() {
                *to = from;
            }
        }
        Ok(())
    }

    fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        fn parse<T: std::str::FromStr>(v: String, name: &'static str) -> Result<T, ConfigError> {
            v.trim().parse().map_err(|_| ConfigError::Env(name))
        }
        if let Some(v) = get("VUORO_LISTEN") {
            self.listen = v;
        }
        if let Some(v) = get("VUORO_DB") {
            self.db = DbUrl::parse(&v).map_err(ConfigError::EnvDb)?;
        }
        if let Some(v) = get("VUORO_SECURE_COOKIES") {
            self.secure_cookies = parse(v, "VUORO_SECURE_COOKIES")?;
        }
        if let Some(v) = get("VUORO_SESSION_HOURS") {
            self.session_hours = parse(v, "VUORO_SESSION_HOURS")?;
        }
        if let Some(v) = get("VUORO_INVITATION_DAYS") {
            self.invitation_days = parse(v, "VUORO_INVITATION_DAYS")?;
        }
        if let Some(v) = get("VUORO_MAX_BODY_BYTES") {
            self.max_body_bytes = parse(v, "VUORO_MAX_BODY_BYTES")?;
        }
        if let Some(v) = get("VUORO_METHODS_DIR") {
            self.methods_dir = Some(PathBuf::from(v));
        }
        if let Some(v) = get("VUORO_TRUSTED_PROXIES") {
            // A comma-separated list; an empty value trusts no proxy.
            self.trusted_proxies = v
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| {
                    s.parse()
                        .map_err(|_| ConfigError::Env("VUORO_TRUSTED_PROXIES"))
                })
                .collect::<Result<_, _>>()?;
        }
        if let Some(v) = get("VUORO_LOGIN_FAILURES_PER_CLIENT") {
            self.login_failures_per_client = parse(v, "VUORO_LOGIN_FAILURES_PER_CLIENT")?;
        }
        if let Some(v) = get("VUORO_SMTP_URL") {
            self.smtp_url = Some(Secret(v));
        }
        if let Some(v) = get("VUORO_OIDC_CLIENT_SECRET") {
            self.oidc_client_secret = Some(Secret(v));
        }
        if let Some(v) = get("VUORO_MAIL_FROM") {
            self.mail_from = Some(v);
        }
        for (name, to) in [
            ("VUORO_PUBLIC_URL", &mut self.public_url),
            ("VUORO_OIDC_ISSUER", &mut self.oidc_issuer),
            ("VUORO_OIDC_CLIENT_ID", &mut self.oidc_client_id),
        ] {
            if let Some(v) = get(name) {
                *to = Some(v);
            }
        }
        Ok(())
    }

    /// Defaults, then `file` if given (or `vuoro.toml` if present), then the environment.
    pub fn load(file: Option<&Path>) -> Result<Config, ConfigError> {
        let mut c = Config::default();
        let implicit = Path::new("vuoro.toml");
        let path = file.or_else(|| implicit.exists().then_some(implicit));
        if let Some(p) = path {
            let text =
                std::fs::read_to_string(p).map_err(|e| ConfigError::Read(p.to_owned(), e))?;
            let f: FileConfig = toml::from_str(&text)
                .map_err(|e| ConfigError::Parse(p.to_owned(), e.to_string()))?;
            c.apply_file(f, p)?;
        }
        c.apply_env(|k| std::env::var(k).ok())?;
        // The mail settings are checked now, so a wrong one stops the start, never a message.
        c.web()?;
        c.sign_on()?;
        Ok(c)
    }

    /// The sign-on settings: none when no `oidc_*` key is set, all of them (and `public_url`)
    /// when any is, so a half-made configuration is refused at start-up, not at a log-in.
    fn sign_on(&self) -> Result<Option<vuoro_web::sso::OidcConfig>, ConfigError> {
        fn set(v: &Option<String>) -> Option<&str> {
            v.as_deref().filter(|s| !s.trim().is_empty())
        }
        let (issuer, id, secret) = (
            set(&self.oidc_issuer),
            set(&self.oidc_client_id),
            self.oidc_client_secret
                .as_ref()
                .map(|s| s.0.as_str())
                .filter(|s| !s.trim().is_empty()),
        );
        if issuer.is_none() && id.is_none() && secret.is_none() {
            return Ok(None);
        }
        let issuer = issuer.ok_or(ConfigError::SignOn("oidc_issuer"))?;
        let id = id.ok_or(ConfigError::SignOn("oidc_client_id"))?;
        let secret = secret.ok_or(ConfigError::SignOn("oidc_client_secret"))?;
        vuoro_web::sso::check_issuer(issuer).map_err(ConfigError::SignOnIssuer)?;
        let public = set(&self.public_url).ok_or(ConfigError::SignOn("public_url"))?;
        Ok(Some(vuoro_web::sso::OidcConfig::new(
            issuer, id, secret, public,
        )))
    }

    /// The web layer's settings; `Mail` when the mail settings do not fit together.
    pub fn web(&self) -> Result<vuoro_web::WebConfig, ConfigError> {
        let public_url = self
            .public_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty());
        let mail = vuoro_web::mail::MailConfig::from_settings(
            self.smtp_url.as_ref().map(|u| u.0.as_str()),
            self.mail_from.as_deref(),
            public_url,
        )
        .map_err(ConfigError::Mail)?;
        Ok(vuoro_web::WebConfig {
            secure_cookies: self.secure_cookies,
            session_hours: self.session_hours,
            invitation_days: self.invitation_days,
            max_body_bytes: self.max_body_bytes,
            trusted_proxies: self.trusted_proxies.clone(),
            login_failures_per_client: self.login_failures_per_client,
            mail,
            public_url: public_url.map(str::to_owned),
            oidc: self.sign_on()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_override_in_order() {
        let mut c = Config::default();
        let f: FileConfig =
            toml::from_str("listen = \"0.0.0.0:9000\"\nsession_hours = 2").expect("valid");
        c.apply_file(f, Path::new("vuoro.toml")).expect("valid");
        assert_eq!(c.listen, "0.0.0.0:9000");
        assert_eq!(c.session_hours, 2);
        c.apply_env(|k| (k == "VUORO_SESSION_HOURS").then(|| "5".to_owned()))
            .expect("valid");
        assert_eq!(c.session_hours, 5);
        assert_eq!(
            c.listen, "0.0.0.0:9000",
            "unset variables leave the file's value"
        );
        assert!(
            c.apply_env(|k| (k == "VUORO_SECURE_COOKIES").then(|| "perhaps".to_owned()))
                .is_err()
        );
    }

    #[test]
    fn trusted_proxies_are_addresses() {
        let mut c = Config::default();
        assert!(
            c.trusted_proxies.is_empty(),
            "no proxy is trusted by default"
        );
        c.apply_env(|k| (k == "VUORO_TRUSTED_PROXIES").then(|| "127.0.0.1, ::1".to_owned()))
            .expect("valid");
        assert_eq!(c.trusted_proxies.len(), 2);
        assert!(
            c.apply_env(|k| (k == "VUORO_TRUSTED_PROXIES").then(|| "10.0.0.0/8".to_owned()))
                .is_err(),
            "a range is refused, not read as no proxy"
        );
        let f: FileConfig = toml::from_str("trusted_proxies = [\"10.0.0.5\"]").expect("valid");
        c.apply_file(f, Path::new("vuoro.toml")).expect("valid");
        assert_eq!(
            c.trusted_proxies,
            vec!["10.0.0.5".parse::<std::net::IpAddr>().expect("ip")]
        );
    }

    #[test]
    fn the_database_is_a_path_or_a_url_in_every_layer() {
        let mut c = Config::default();
        assert_eq!(c.db, DbUrl::Sqlite(PathBuf::from("vuoro.db")));
        let f: FileConfig =
            toml::from_str("db = \"postgres://vuoro@db.kunta.fi/vuoro\"").expect("valid");
        c.apply_file(f, Path::new("vuoro.toml")).expect("valid");
        assert!(matches!(c.db, DbUrl::Postgres(_)));
        c.apply_env(|k| (k == "VUORO_DB").then(|| "sqlite:///srv/vuoro.db".to_owned()))
            .expect("valid");
        assert_eq!(c.db, DbUrl::Sqlite(PathBuf::from("/srv/vuoro.db")));
        let bad: FileConfig = toml::from_str("db = \"mysql://u:pw@db/x\"").expect("valid toml");
        let e = c
            .apply_file(bad, Path::new("vuoro.toml"))
            .expect_err("refused")
            .to_string();
        assert!(e.starts_with("vuoro.toml: db: "), "{e}");
        assert!(!e.contains(":pw@"), "{e}");
    }

    #[test]
    fn mail_settings_are_checked_when_loaded() {
        let mut c = Config::default();
        assert!(c.web().expect("no mail is fine").mail.is_none());
        let f: FileConfig = toml::from_str(
            "smtp_url = \"smtps://vuoro:salainen@smtp.kunta.fi:465\"\n\
             mail_from = \"Vuoro <vuoro@kunta.fi>\"\n\
             public_url = \"https://vuoro.kunta.fi\"",
        )
        .expect("valid");
        c.apply_file(f, Path::new("vuoro.toml")).expect("valid");
        let web = c.web().expect("valid");
        assert!(web.mail.is_some());
        assert_eq!(web.public_url.as_deref(), Some("https://vuoro.kunta.fi"));
        assert!(!format!("{c:?}").contains("salainen"));
        c.apply_env(|k| (k == "VUORO_SMTP_URL").then(|| "smtp//typo:2525".to_owned()))
            .expect("read");
        let e = c.web().expect_err("a bad URL is refused").to_string();
        assert!(e.starts_with("smtp_url is not a mail server URL"), "{e}");
        c.apply_env(|k| (k == "VUORO_SMTP_URL").then(|| "smtp://127.0.0.1:2525".to_owned()))
            .expect("read");
        c.web().expect("valid again");
        c.public_url = None;
        assert!(matches!(
            c.web(),
            Err(ConfigError::Mail(
                vuoro_web::mail::MailConfigError::NoPublicUrl
            ))
        ));
    }

    #[test]
    fn sign_on_needs_every_setting() {
        let mut c = Config::default();
        assert!(
            c.web().expect("valid").oidc.is_none(),
            "no sign-on by default"
        );
        let f: FileConfig = toml::from_str(
            "oidc_issuer = \"https://login.kunta.fi/realms/staff\"\n\
             oidc_client_id = \"vuoro\"\npublic_url = \"https://vuoro.kunta.fi/\"",
        )
        .expect("valid");
        c.apply_file(f, Path::new("vuoro.toml")).expect("valid");
        let e = c.sign_on().expect_err("the secret is missing").to_string();
        assert!(e.ends_with("oidc_client_secret is missing"), "{e}");
        c.apply_env(|k| (k == "VUORO_OIDC_CLIENT_SECRET").then(|| "s3cret".to_owned()))
            .expect("valid");
        c.oidc_issuer = Some("http://login.kunta.fi/realms/staff".into());
        let e = c.sign_on().expect_err("plain http is refused").to_string();
        assert!(e.contains("https://"), "{e}");
        c.oidc_issuer = Some("https://login.kunta.fi/realms/staff".into());
        c.apply_env(|k| (k == "VUORO_OIDC_CLIENT_SECRET").then(|| "s3cret".to_owned()))
            .expect("valid");
        let oidc = c.web().expect("valid").oidc.expect("sign-on");
        assert!(
            !format!("{c:?}").contains("s3cret"),
            "the secret stays out of logs"
        );
        assert!(!format!("{oidc:?}").contains("s3cret"));
        assert_eq!(oidc.issuer, "https://login.kunta.fi/realms/staff");
        assert_eq!(oidc.client_id, "vuoro");
        assert_eq!(
            oidc.redirect_url,
            "https://vuoro.kunta.fi/login/sso/callback"
        );
    }

    #[test]
    fn unknown_keys_are_refused() {
        assert!(toml::from_str::<FileConfig>("lisen = \"x\"").is_err());
    }
}
