//! The mail settings: where to send (`smtp_url`) and as whom (`mail_from`). Both are checked
//! when the server starts, so a typo is a start-up error, not a message lost later.

use lettre::message::Mailbox;
use lettre::transport::smtp::AsyncSmtpTransportBuilder;
use lettre::{AsyncSmtpTransport, Tokio1Executor};
use std::time::Duration;

/// How long the worker waits between passes when nothing in this process queued mail. Mail
/// that another process queued, or that waits for a retry, goes out within this time.
pub const POLL_INTERVAL: Duration = Duration::from_secs(15);

/// How long one SMTP conversation may take before it counts as a failed attempt.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// Where and as whom mail is sent. Its `Debug` names the server but never the credentials.
#[derive(Clone)]
pub struct MailConfig {
    transport: AsyncSmtpTransportBuilder,
    pub(crate) from: Mailbox,
    /// `host:port` and whether TLS wraps the connection, for log lines.
    server: String,
    /// How long the worker sleeps between passes.
    pub poll_interval: Duration,
}

impl std::fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailConfig")
            .field("server", &self.server)
            .field("from", &self.from.to_string())
            .field("poll_interval", &self.poll_interval)
            .finish()
    }
}

/// Why the mail settings were refused. The messages never repeat the URL, which may hold a
/// password.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MailConfigError {
    #[error(
        "smtp_url is not a mail server URL: expected smtp://host:port or \
         smtps://user:password@host:port (percent-encode special characters in the user and \
         password; smtp://…?tls=required for STARTTLS)"
    )]
    Url,
    #[error(
        "mail_from is not an e-mail address (e.g. vuoro@kunta.fi or \"Vuoro <vuoro@kunta.fi>\")"
    )]
    From,
    #[error("smtp_url needs mail_from, the address mail is sent from")]
    NoFrom,
    #[error(
        "smtp_url needs public_url, the address links in mail point to (e.g. https://vuoro.kunta.fi)"
    )]
    NoPublicUrl,
    #[error("public_url is not an http:// or https:// address without a path")]
    PublicUrl,
}

impl MailConfig {
    /// Checks the settings: `smtp_url` is `smtp://` (plain, or STARTTLS with `?tls=required`)
    /// or `smtps://` (TLS from the first byte), with `user:password@` when the server asks for
    /// them; `mail_from` an address, with or without a name.
    pub fn new(smtp_url: &str, mail_from: &str) -> Result<MailConfig, MailConfigError> {
        let url = smtp_url.trim();
        let scheme_ok = url.starts_with("smtp://") || url.starts_with("smtps://");
        // The URL parser takes an empty host for these schemes; lettre would then connect to
        // nothing at every attempt.
        let host = host_of(url);
        if !scheme_ok || host.is_empty() || host.starts_with(':') {
            return Err(MailConfigError::Url);
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|_| MailConfigError::Url)?
            .timeout(Some(SMTP_TIMEOUT));
        let from: Mailbox = mail_from
            .trim()
            .parse()
            .map_err(|_| MailConfigError::From)?;
        Ok(MailConfig {
            transport,
            from,
            server: server_of(url),
            poll_interval: POLL_INTERVAL,
        })
    }

    /// The settings as the configuration gives them, each optional: no `smtp_url` means no
    /// mail (nothing is queued); with it, `mail_from` and `public_url` must be there too.
    pub fn from_settings(
        smtp_url: Option<&str>,
        mail_from: Option<&str>,
        public_url: Option<&str>,
    ) -> Result<Option<MailConfig>, MailConfigError> {
        if let Some(p) = public_url {
            check_public_url(p)?;
        }
        let Some(url) = smtp_url.filter(|u| !u.trim().is_empty()) else {
            return Ok(None);
        };
        let from = mail_from.ok_or(MailConfigError::NoFrom)?;
        if public_url.is_none() {
            return Err(MailConfigError::NoPublicUrl);
        }
        MailConfig::new(url, from).map(Some)
    }

    /// The transport: a new SMTP connection per pass (no pool to go stale between passes).
    pub(crate) fn transport(&self) -> AsyncSmtpTransport<Tokio1Executor> {
        self.transport.clone().build()
    }

    pub(crate) fn server(&self) -> &str {
        &self.server
    }
}

/// `public_url` is where the site is reached: links in mail are it plus a path.
fn check_public_url(url: &str) -> Result<(), MailConfigError> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or(MailConfigError::PublicUrl)?;
    let host = rest.strip_suffix('/').unwrap_or(rest);
    let fine = !host.is_empty()
        && !host.contains(['/', '?', '#', '@'])
        && !host.chars().any(|c| c.is_whitespace() || c.is_control());
    if fine {
        Ok(())
    } else {
        Err(MailConfigError::PublicUrl)
    }
}

/// The `host:port` of the URL, without credentials.
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    authority.rsplit_once('@').map_or(authority, |(_, h)| h)
}

/// The server as log lines name it: scheme, host and port, never the credentials.
fn server_of(url: &str) -> String {
    let scheme = url.split_once("://").map_or("smtp", |(s, _)| s);
    format!("{scheme}://{}", host_of(url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_settings_pass_and_the_password_stays_hidden() {
        let c = MailConfig::new(
            "smtps://vuoro:s%40lasana@smtp.kunta.fi:465",
            "Vuoro <vuoro@kunta.fi>",
        )
        .expect("valid");
        let shown = format!("{c:?}");
        assert!(shown.contains("smtps://smtp.kunta.fi:465"), "{shown}");
        assert!(!shown.contains("lasana"), "{shown}");
        MailConfig::new("smtp://127.0.0.1:2525", "vuoro@kunta.fi").expect("valid");
        MailConfig::new("smtp://smtp.kunta.fi:587?tls=required", "vuoro@kunta.fi").expect("valid");
    }

    #[test]
    fn bad_settings_are_refused_without_repeating_the_url() {
        for url in [
            "http://smtp.kunta.fi",
            "smtp.kunta.fi:25",
            "smtp://",
            "smtp://h:99999",
        ] {
            assert_eq!(
                MailConfig::new(url, "vuoro@kunta.fi").map(|_| ()),
                Err(MailConfigError::Url),
                "{url}"
            );
        }
        assert_eq!(
            MailConfig::new("smtp://127.0.0.1:2525", "not an address").map(|_| ()),
            Err(MailConfigError::From)
        );
        let e = MailConfig::new("smtps://u:secret@@", "x@y.fi")
            .map(|_| ())
            .expect_err("refused")
            .to_string();
        assert!(!e.contains("secret"), "{e}");
    }

    #[test]
    fn mail_needs_a_sender_and_a_public_address() {
        let url = Some("smtp://127.0.0.1:2525");
        let public = Some("https://vuoro.kunta.fi");
        assert!(
            MailConfig::from_settings(None, None, None)
                .expect("no mail")
                .is_none()
        );
        assert_eq!(
            MailConfig::from_settings(url, None, public).map(|_| ()),
            Err(MailConfigError::NoFrom)
        );
        assert_eq!(
            MailConfig::from_settings(url, Some("v@kunta.fi"), None).map(|_| ()),
            Err(MailConfigError::NoPublicUrl)
        );
        assert_eq!(
            MailConfig::from_settings(None, None, Some("vuoro.kunta.fi")).map(|_| ()),
            Err(MailConfigError::PublicUrl)
        );
        assert_eq!(
            MailConfig::from_settings(None, None, Some("https://vuoro.kunta.fi/app")).map(|_| ()),
            Err(MailConfigError::PublicUrl)
        );
        assert!(
            MailConfig::from_settings(url, Some("v@kunta.fi"), Some("http://127.0.0.1:8080/"))
                .expect("valid")
                .is_some()
        );
    }
}
