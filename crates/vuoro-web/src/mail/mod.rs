//! Mail. A change that should tell someone renders the message here ([`AppState::compose`]) and
//! hands it to the store method making the change, which writes it to the outbox in the same
//! transaction (`outbox: &[NewMail]`); jobs write theirs with `MailStore::enqueue_mail` and a
//! dedupe key. The [`worker`] sends the outbox with retries. Without `smtp_url` nothing is
//! composed and nothing is queued.
//!
//! A message is in the recipient's language (their choice on the preferences page, Finnish
//! otherwise): `mail-<kind>-subject` and `mail-<kind>-text` from the Fluent files, the text
//! being plain text with its paragraphs separated by blank lines; the HTML alternative is made
//! from the text here, with links made clickable, so no message is written twice. Links are
//! `public_url` and a path ([`AppState::mail_link`]). Messages never name a participant.

pub mod config;
pub mod prefs;
pub mod worker;

pub use config::{MailConfig, MailConfigError};
pub use worker::{Mailer, Pass, send_due};

use crate::{AppState, i18n};
use fluent_templates::fluent_bundle::FluentValue;
use vuoro_core::{Lang, UserId};
use vuoro_store::{MailKind, NewMail, User};

/// Whom a message is for: an account (its address, language and preferences count), or an
/// address without an account (an invitation, a community's list) in a given language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub to: String,
    pub user: Option<UserId>,
    /// The language, when the caller knows it; otherwise the account's choice, or Finnish.
    pub lang: Option<Lang>,
}

impl Recipient {
    pub fn user(u: &User) -> Recipient {
        Recipient {
            to: u.email.clone(),
            user: Some(u.id),
            lang: None,
        }
    }

    pub fn address(to: impl Into<String>, lang: Lang) -> Recipient {
        Recipient {
            to: to.into(),
            user: None,
            lang: Some(lang),
        }
    }
}

/// The named arguments of a message. Owned, so that composing (which reads the recipient's
/// settings first) stays a `Send` future: a borrowed `FluentValue` is not.
pub type MailArgs = Vec<(&'static str, FluentValue<'static>)>;

impl AppState {
    /// Whether mail is configured.
    pub fn mail_enabled(&self) -> bool {
        self.config.mail.is_some()
    }

    /// The address of `path` (which starts with `/`) for a link in a message.
    pub fn mail_link(&self, path: &str) -> String {
        let base = self.config.public_url.as_deref().unwrap_or_default();
        format!("{}{path}", base.trim_end_matches('/'))
    }

    /// The message of `kind` for `to`, rendered in their language with `args`; `None` when mail
    /// is not configured or the recipient turned this kind off. Set `dedupe` on the result for
    /// a job. Store errors (reading the recipient's settings) are returned.
    pub async fn compose(
        &self,
        kind: MailKind,
        to: Recipient,
        args: MailArgs,
    ) -> vuoro_store::Result<Option<NewMail>> {
        if !self.mail_enabled() {
            return Ok(None);
        }
        let mut lang = to.lang;
        if let Some(user) = to.user {
            if kind.can_turn_off() && self.store.mail_preferences(user).await?.contains(&kind) {
                return Ok(None);
            }
            if lang.is_none() {
                lang = self.store.mail_language(user).await?;
            }
        }
        let lang = lang.unwrap_or_default();
        let key = kind.as_str();
        let subject = i18n::t_args(lang, &format!("mail-{key}-subject"), &args);
        let mut text = i18n::t_args(lang, &format!("mail-{key}-text"), &args);
        if to.user.is_some() && kind.can_turn_off() {
            let settings = self.mail_link(prefs::PATH);
            text.push_str("\n\n");
            text.push_str(&i18n::t_args(
                lang,
                "mail-footer-settings",
                &[("link", i18n::s(settings))],
            ));
        }
        let html = html_of(lang, &subject, &text);
        Ok(Some(NewMail {
            kind,
            to: to.to,
            user: to.user,
            subject,
            text,
            html,
            dedupe: None,
        }))
    }

    /// Wakes this process's mail worker: call it after a store method wrote mail, so the
    /// message goes at once rather than at the next poll.
    pub fn mail_queued(&self) {
        self.mail_wake.notify_one();
    }
}

/// The HTML alternative of a plain text: its paragraphs (separated by blank lines) as `<p>`,
/// its line breaks as `<br>`, and every http(s) address as a link; everything else escaped.
pub fn html_of(lang: Lang, subject: &str, text: &str) -> String {
    let mut body = String::new();
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        body.push_str("<p>");
        for (i, line) in para.lines().enumerate() {
            if i > 0 {
                body.push_str("<br>\n");
            }
            push_linked(&mut body, line);
        }
        body.push_str("</p>\n");
    }
    format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head><meta charset=\"utf-8\"><title>{}</title></head>\n<body>\n{body}</body>\n</html>\n",
        lang.code(),
        escape(subject)
    )
}

/// Appends `line`, escaped, with its http(s) addresses as links.
fn push_linked(out: &mut String, line: &str) {
    let mut rest = line;
    while let Some(start) = ["https://", "http://"]
        .iter()
        .filter_map(|p| rest.find(p))
        .min()
    {
        out.push_str(&escape(&rest[..start]));
        let tail = &rest[start..];
        let end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
            .unwrap_or(tail.len());
        // A sentence's full stop or a closing bracket after an address is not part of it.
        let url = tail[..end].trim_end_matches(['.', ',', ')', ';', ':', '!', '?']);
        let shown = escape(url);
        out.push_str(&format!("<a href=\"{shown}\">{shown}</a>"));
        rest = &tail[url.len()..];
    }
    out.push_str(&escape(rest));
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_keeps_paragraphs_and_links_and_escapes_the_rest() {
        let html = html_of(
            Lang::Sv,
            "Hej & <välkommen>",
            "Rad 1 <b>\nRad 2\n\nSe https://vuoro.kunta.fi/processes/1?a=1&b=2.\n\nhttp://x.fi",
        );
        assert!(html.contains("<html lang=\"sv\">"), "{html}");
        assert!(
            html.contains("<title>Hej &amp; &lt;välkommen&gt;</title>"),
            "{html}"
        );
        assert!(html.contains("<p>Rad 1 &lt;b&gt;<br>\nRad 2</p>"), "{html}");
        assert!(
            html.contains(
                "<p>Se <a href=\"https://vuoro.kunta.fi/processes/1?a=1&amp;b=2\">\
                 https://vuoro.kunta.fi/processes/1?a=1&amp;b=2</a>.</p>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<p><a href=\"http://x.fi\">http://x.fi</a></p>"),
            "{html}"
        );
    }

    /// The kinds this module sends read well in every language: a subject, a text with the
    /// link, and the footer that leads to the preferences.
    #[test]
    fn the_mails_of_this_module_exist_in_every_language() {
        for lang in Lang::ALL {
            for kind in [MailKind::OrderAssigned, MailKind::PlanAwaitingApproval] {
                let args: MailArgs = vec![
                    ("process", i18n::s("Koulun 8B")),
                    ("link", i18n::s("https://vuoro.kunta.fi/processes/x")),
                    ("version", i18n::n(3)),
                    ("author", i18n::s("Fanni")),
                    ("by", i18n::s("Kalle")),
                ];
                let key = kind.as_str();
                let subject = i18n::t_args(lang, &format!("mail-{key}-subject"), &args);
                let text = i18n::t_args(lang, &format!("mail-{key}-text"), &args);
                assert!(subject.contains("Koulun 8B"), "{lang:?} {key}: {subject}");
                assert!(
                    text.contains("https://vuoro.kunta.fi/processes/x"),
                    "{lang:?} {key}: {text}"
                );
                assert!(text.contains("\n\n"), "{lang:?} {key}: paragraphs: {text}");
            }
            let footer = i18n::t_args(
                lang,
                "mail-footer-settings",
                &[("link", i18n::s("https://v.fi/account/mail"))],
            );
            assert!(footer.contains("https://v.fi/account/mail"), "{footer}");
            for kind in MailKind::ALL {
                let label = i18n::t(lang, &format!("mail-kind-{}", kind.as_str()));
                assert!(
                    !label.starts_with("Unknown localization"),
                    "{lang:?}: {label}"
                );
            }
        }
    }
}
