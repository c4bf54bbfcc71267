//! Links mailed to an account's address: a password reset, and a confirmation of the address.
//!
//! Either kind lets whoever reads the mailbox choose the account's password. Using one sets the
//! password, ends every log-in of the account and confirms its address, in one transaction:
//! afterwards nobody who saw an invitation link (and may have chosen the first password) holds
//! the account any more, so other organisations may give it roles. A token is a random secret
//! that only the mail carries; the store keeps only its hash. Times are arguments.

use crate::mail::NewMail;
use crate::{Result, User};
use async_trait::async_trait;
use std::collections::HashMap;
use time::OffsetDateTime;
use vuoro_core::{OrgId, UserId};

/// What a mailed link is for. Both kinds do the same when used; they differ in the mail and the
/// page the person reads, and in how long the link works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenPurpose {
    /// Asked for on the log-in page ("Unohditko salasanan?").
    PasswordReset,
    /// Sent when an account was made from an invitation link that an admin saw.
    AddressConfirmation,
}

impl TokenPurpose {
    pub const ALL: [TokenPurpose; 2] = [Self::PasswordReset, Self::AddressConfirmation];

    pub fn code(self) -> &'static str {
        match self {
            Self::PasswordReset => "password_reset",
            Self::AddressConfirmation => "address_confirmation",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == s)
    }
}

/// A mailed link's token as stored: its hash (hex SHA-256), whose account, what for, and how
/// long it works.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountToken {
    pub token_hash: String,
    pub user: UserId,
    pub purpose: TokenPurpose,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub used_at: Option<OffsetDateTime>,
}

impl AccountToken {
    /// Whether the link still does something at `now`: not used, and not expired.
    pub fn works(&self, now: OffsetDateTime) -> bool {
        self.used_at.is_none() && now < self.expires_at
    }
}

/// Where an invitation's mail is, as the outbox tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationMail {
    /// Written, not sent yet.
    Waiting,
    /// Not sent yet, and sending failed at least once (the worker tries again).
    Failing,
    Sent,
    /// The mail server refused it for good: the address takes no mail.
    Refused,
}

/// The dedupe key of an invitation's mail: how the outbox row is found again for the
/// invitation list ([`TokenStore::invitation_mail`]).
pub fn invitation_mail_key(token_hash: &str) -> String {
    format!("invitation:{token_hash}")
}

/// The `Conflict` of [`TokenStore::use_token`] for a link used already.
pub const TOKEN_USED: &str = "the link was used already";

#[async_trait]
pub trait TokenStore: Send + Sync {
    /// Stores a new token (`token.used_at` is ignored) and writes the mail that carries it to
    /// the outbox, in one transaction. The account's earlier links of the same purpose expire
    /// at `now`, so only the newest one mailed does anything; every link expired by `now` is
    /// deleted first. `NotFound` if there is no such account.
    async fn issue_token(
        &self,
        token: &AccountToken,
        now: OffsetDateTime,
        outbox: &[NewMail],
    ) -> Result<()>;
    /// Where the mail of each mailed invitation of `org` is, by the invitation's token hash,
    /// in one query; an invitation without mail (or whose mail the outbox no longer holds) is
    /// left out. The mail is found by its dedupe key, [`invitation_mail_key`].
    async fn invitation_mail(&self, org: OrgId) -> Result<HashMap<String, InvitationMail>>;
    /// The token with this hash, whether it still works or not; `None` once deleted or never
    /// issued.
    async fn account_token(&self, token_hash: &str) -> Result<Option<AccountToken>>;
    /// Uses a link of `purpose`: sets the account's password hash, confirms its address, ends
    /// every log-in session of the account and marks the link used, in one transaction, and
    /// returns the account as it now is. `NotFound` for an unknown link, one of another purpose
    /// or one expired at `now` (a newer link of the account expires it); `Conflict(TOKEN_USED)`
    /// for one used already.
    async fn use_token(
        &self,
        token_hash: &str,
        purpose: TokenPurpose,
        password_hash: &str,
        now: OffsetDateTime,
    ) -> Result<User>;
}

/// The columns of `account_tokens` that [`AccountTokenRow`] reads, for both backends' queries.
#[macro_export]
macro_rules! account_token_columns {
    () => {
        "token_hash, user_id, purpose, created_at, expires_at, used_at"
    };
}

/// A token as both backends' queries return it, with its checked conversion.
#[derive(Debug, sqlx::FromRow)]
pub struct AccountTokenRow {
    token_hash: String,
    user_id: String,
    purpose: String,
    created_at: String,
    expires_at: String,
    used_at: Option<String>,
}

impl AccountTokenRow {
    pub fn into_token(self) -> Result<AccountToken> {
        use crate::sql::codec::{parse_id, parse_opt_timestamp, parse_timestamp};
        Ok(AccountToken {
            user: parse_id(&self.user_id, "account_tokens")?,
            purpose: TokenPurpose::parse(&self.purpose).ok_or_else(|| {
                crate::StoreError::Corrupt(format!("account_tokens: purpose {}", self.purpose))
            })?,
            created_at: parse_timestamp(&self.created_at, "account_tokens")?,
            expires_at: parse_timestamp(&self.expires_at, "account_tokens")?,
            used_at: parse_opt_timestamp(self.used_at.as_deref(), "account_tokens")?,
            token_hash: self.token_hash,
        })
    }
}

/// An invitation's mail state from its outbox row: sent, or its failed attempts so far.
pub fn mail_state(sent: bool, refused: bool, attempts: i64) -> InvitationMail {
    match (sent, refused, attempts) {
        (true, _, _) => InvitationMail::Sent,
        (false, true, _) => InvitationMail::Refused,
        (false, false, 0) => InvitationMail::Waiting,
        (false, false, _) => InvitationMail::Failing,
    }
}
