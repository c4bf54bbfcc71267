//! The outbox: every message is written to the database first, in the same transaction as the
//! change that caused it, and a worker sends it later with retries (see `vuoro_web::mail`). A
//! mail server that is down therefore loses nothing, and a message is claimed by one server
//! process at a time, so several processes send it once.
//!
//! A store method whose change causes mail takes the rendered messages as its last argument,
//! `outbox: &[NewMail]`, and each backend writes them with its `mail::insert_mails` inside the
//! method's own transaction. Jobs that are not tied to one change use
//! [`MailStore::enqueue_mail`], with a dedupe key so that a job run by several processes, or
//! again after a restart, writes a message once.

use crate::Result;
use crate::sql::codec::{parse_opt_id, parse_timestamp};
use async_trait::async_trait;
use time::OffsetDateTime;
use vuoro_core::{Lang, UserId};

/// What a message is about. The preferences page lists the kinds a person may turn off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MailKind {
    Invitation,
    PasswordReset,
    AddressConfirmation,
    OrderAssigned,
    OfferDeclined,
    OfferWithdrawn,
    PlanAwaitingApproval,
    SessionReminder,
    PracticeFollowUp,
    SummaryForComments,
    SummaryPublished,
}

impl MailKind {
    pub const ALL: [MailKind; 11] = [
        MailKind::Invitation,
        MailKind::PasswordReset,
        MailKind::AddressConfirmation,
        MailKind::OrderAssigned,
        MailKind::OfferDeclined,
        MailKind::OfferWithdrawn,
        MailKind::PlanAwaitingApproval,
        MailKind::SessionReminder,
        MailKind::PracticeFollowUp,
        MailKind::SummaryForComments,
        MailKind::SummaryPublished,
    ];

    /// The code stored in the outbox and the preferences, and the `<kind>` of the Fluent
    /// messages `mail-<kind>-subject`, `mail-<kind>-text` and `mail-<kind>-html`.
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::Invitation => "invitation",
            MailKind::PasswordReset => "password-reset",
            MailKind::AddressConfirmation => "address-confirmation",
            MailKind::OrderAssigned => "order-assigned",
            MailKind::OfferDeclined => "offer-declined",
            MailKind::OfferWithdrawn => "offer-withdrawn",
            MailKind::PlanAwaitingApproval => "plan-awaiting-approval",
            MailKind::SessionReminder => "session-reminder",
            MailKind::PracticeFollowUp => "practice-follow-up",
            MailKind::SummaryForComments => "summary-for-comments",
            MailKind::SummaryPublished => "summary-published",
        }
    }

    pub fn parse(s: &str) -> Option<MailKind> {
        MailKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether a person may turn this kind off. Messages that carry a link the person asked for
    /// or needs to get in at all are always sent.
    pub fn can_turn_off(self) -> bool {
        !matches!(
            self,
            MailKind::Invitation | MailKind::PasswordReset | MailKind::AddressConfirmation
        )
    }
}

/// A message to write to the outbox, already rendered in the recipient's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMail {
    pub kind: MailKind,
    /// The address.
    pub to: String,
    /// The account it is for, if any (never a participant).
    pub user: Option<UserId>,
    pub subject: String,
    /// The plain text body.
    pub text: String,
    /// The HTML alternative.
    pub html: String,
    /// A message with the same key is written once (jobs that run in several processes, or
    /// again after a restart, use it: e.g. "reminder:<session id>:<user id>").
    pub dedupe: Option<String>,
}

/// A message claimed from the outbox for sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedMail {
    pub id: i64,
    pub kind: MailKind,
    pub to: String,
    pub user: Option<UserId>,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// Failed attempts so far; the worker's backoff grows with it.
    pub attempts: u32,
    pub created_at: OffsetDateTime,
}

/// The outbox's state, for the operator: what waits and what keeps failing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutboxState {
    /// Messages not sent yet.
    pub waiting: u64,
    /// Of those, the ones that failed at least once.
    pub failing: u64,
    /// When the oldest unsent message was written.
    pub oldest: Option<OffsetDateTime>,
    /// The last error of the most recent failure (the mail server's answer, never a body).
    pub last_error: Option<String>,
    /// Messages the mail server refused for good, never tried again.
    pub refused: u64,
}

/// The outbox and each person's mail settings.
#[async_trait]
pub trait MailStore: Send + Sync {
    /// Writes the messages for sending from `now` on, skipping any whose dedupe key is in the
    /// outbox already. Returns how many were written. For jobs; a change that causes mail
    /// writes it in its own transaction instead (`outbox: &[NewMail]`).
    async fn enqueue_mail(&self, mails: &[NewMail], now: OffsetDateTime) -> Result<u64>;
    /// Claims up to `limit` messages due at `now` (not sent, their next attempt at or before
    /// `now`, and not claimed by anyone whose lease runs past `now`) until `lease_until`, oldest
    /// due first. A message is claimed by one caller at a time, across server processes.
    async fn claim_mail(
        &self,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        limit: u32,
    ) -> Result<Vec<QueuedMail>>;
    /// Marks a claimed message sent: it is never claimed again, and its body (which may carry
    /// a link with a secret) is erased.
    async fn mail_sent(&self, id: i64, now: OffsetDateTime) -> Result<()>;
    /// Records a failed attempt: the message is claimed again from `retry_at` on.
    async fn mail_failed(&self, id: i64, error: &str, retry_at: OffsetDateTime) -> Result<()>;
    /// Records that the mail server refused the message for good: it is never claimed again,
    /// and its body is erased as a sent one's is.
    async fn mail_refused(&self, id: i64, error: &str, now: OffsetDateTime) -> Result<()>;
    /// The outbox's state: what waits, what keeps failing.
    async fn outbox_state(&self) -> Result<OutboxState>;

    /// The kinds the user turned OFF.
    async fn mail_preferences(&self, user: UserId) -> Result<Vec<MailKind>>;
    /// Turns a kind on or off for the user. `Conflict` for turning off a kind that cannot be
    /// turned off ([`MailKind::can_turn_off`]).
    async fn set_mail_preference(
        &self,
        user: UserId,
        kind: MailKind,
        on: bool,
        now: OffsetDateTime,
    ) -> Result<()>;
    /// The language the user gets mail in, if they chose one.
    async fn mail_language(&self, user: UserId) -> Result<Option<Lang>>;
    async fn set_mail_language(&self, user: UserId, lang: Lang, now: OffsetDateTime) -> Result<()>;
}

/// The `Conflict` of [`MailStore::set_mail_preference`] for a kind that is always sent.
pub const ALWAYS_SENT: &str = "this kind of mail is always sent";

/// The columns of `mail_outbox` that [`QueuedMailRow`] reads.
#[macro_export]
macro_rules! queued_mail_columns {
    () => {
        "id, kind, address, user_id, subject, body_text, body_html, attempts, created_at"
    };
}

/// A claimed message as a query returns it.
#[derive(Debug, sqlx::FromRow)]
pub struct QueuedMailRow {
    id: i64,
    kind: String,
    address: String,
    user_id: Option<String>,
    subject: String,
    body_text: String,
    body_html: String,
    attempts: i64,
    created_at: String,
}

impl QueuedMailRow {
    pub fn into_mail(self) -> Result<QueuedMail> {
        let what = "mail_outbox";
        Ok(QueuedMail {
            id: self.id,
            kind: MailKind::parse(&self.kind)
                .ok_or_else(|| crate::StoreError::Corrupt("unknown mail kind".into()))?,
            to: self.address,
            user: parse_opt_id(self.user_id.as_deref(), what)?,
            subject: self.subject,
            text: self.body_text,
            html: self.body_html,
            attempts: u32::try_from(self.attempts).map_err(|_| {
                crate::StoreError::Corrupt("invalid attempts in mail_outbox".into())
            })?,
            created_at: parse_timestamp(&self.created_at, what)?,
        })
    }
}

/// Reads stored kind codes, refusing unknown ones.
pub fn parse_kinds(codes: Vec<String>) -> Result<Vec<MailKind>> {
    let mut kinds = codes
        .iter()
        .map(|c| {
            MailKind::parse(c).ok_or_else(|| crate::StoreError::Corrupt("unknown mail kind".into()))
        })
        .collect::<Result<Vec<_>>>()?;
    kinds.sort_unstable();
    Ok(kinds)
}

/// Reads a stored mail language.
pub fn parse_lang(code: Option<String>) -> Result<Option<Lang>> {
    code.map(|c| {
        Lang::parse(&c).ok_or_else(|| crate::StoreError::Corrupt("unknown mail language".into()))
    })
    .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_only_optional_ones_turn_off() {
        for k in MailKind::ALL {
            assert_eq!(MailKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(MailKind::parse("spam"), None);
        let fixed: Vec<MailKind> = MailKind::ALL
            .into_iter()
            .filter(|k| !k.can_turn_off())
            .collect();
        assert_eq!(
            fixed,
            [
                MailKind::Invitation,
                MailKind::PasswordReset,
                MailKind::AddressConfirmation
            ]
        );
    }
}
