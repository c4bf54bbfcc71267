//! Attempts counted in the database, so every server process on it spends one budget: a
//! limiter held in each process's memory would give an attacker one budget per process.
//!
//! A key names what is limited (the log-in form hashes an e-mail address or a client's network
//! into it, so no address is stored); an attempt is a row with its time, and rows older than
//! the window are deleted as attempts come. Times are arguments, so tests need no clock.

use crate::Result;
use async_trait::async_trait;
use time::OffsetDateTime;

/// At most `limit` attempts of `key` within the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget<'a> {
    pub key: &'a str,
    pub limit: u32,
}

/// The first budget an attempt would exceed, and when it frees an attempt again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spent {
    /// Its index among the budgets asked about.
    pub budget: usize,
    /// When the attempt that must leave the window first leaves it.
    pub until: OffsetDateTime,
}

#[async_trait]
pub trait ThrottleStore: Send + Sync {
    /// Checks and counts an attempt at `at` in one transaction, so attempts sent at once
    /// cannot all pass the check: if a budget already holds `limit` attempts made after
    /// `since`, nothing is counted and the first such budget is returned; otherwise the
    /// attempt is counted against every budget. Attempts made at `since` or before are forgotten.
    async fn take_attempt(
        &self,
        budgets: &[Budget<'_>],
        since: OffsetDateTime,
        at: OffsetDateTime,
    ) -> Result<Option<Spent>>;
    /// Takes back the latest attempt of `key` (one that turned out right).
    async fn give_back_attempt(&self, key: &str) -> Result<()>;
    /// Forgets every attempt of `key`.
    async fn forget_attempts(&self, key: &str) -> Result<()>;
}
