//! Notices: the community's addresses a process's summary is mailed to, the summary's change of
//! state together with the mail it causes, and what the reminder and follow-up passes read.
//!
//! The community's addresses are kept apart from the process (tables `community_mail` and
//! `community_addresses`), so that publishing the summary deletes each member's address
//! cleanly, in the transaction that publishes; a list address names nobody and stays.

use crate::mail::NewMail;
use crate::sql::codec::{parse_id, parse_opt_date, parse_opt_id};
use crate::{Result, StoreError, SummaryLink};
use async_trait::async_trait;
use time::{Date, OffsetDateTime};
use vuoro_core::notices::{Community, DuePractice};
use vuoro_core::practice::PracticeStatus;
use vuoro_core::summary::{Summary, SummaryState};
use vuoro_core::{ProcessId, ProcessState, UserId};

/// The prefix of the dedupe key of every message to a community's address: the notices pass
/// deletes such messages from the outbox once sent, so no member's address outlives it there.
pub const COMMUNITY_MAIL_KEY: &str = "community:";

/// What a process's community is mailed at.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CommunityMail {
    /// The addresses, or `None` when none are kept (never given, or deleted).
    pub community: Option<Community>,
    /// When publishing the summary deleted the members' addresses, and how many there were.
    pub deleted: Option<(OffsetDateTime, u32)>,
}

/// A summary's new version with a new state, and what comes with it (see
/// [`NoticeStore::move_summary`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryMove<'a> {
    pub process: ProcessId,
    /// The version the change was made on; `Conflict` if a newer one exists.
    pub base: Option<u32>,
    pub summary: &'a Summary,
    pub state: SummaryState,
    pub actor: UserId,
    pub at: OffsetDateTime,
    /// The hash of a new shared link's token, when the mail carries the link: the working
    /// link, if any, is revoked (its token is not stored, so no mail could carry it) and this
    /// one made.
    pub link: Option<&'a str>,
}

/// What [`NoticeStore::move_summary`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryMoved {
    pub version: u32,
    /// The link made, if one was asked for.
    pub link: Option<SummaryLink>,
    /// A working link revoked to make room for it.
    pub replaced: bool,
    /// The members' addresses deleted by the publication.
    pub deleted: u32,
}

/// Notices: the community's addresses and the summary's mail, and the reads of the reminder and
/// follow-up passes.
#[async_trait]
pub trait NoticeStore: Send + Sync {
    /// The community's addresses of a process (`community: None` when none are kept).
    async fn community_mail(&self, process: ProcessId) -> Result<CommunityMail>;
    /// Replaces them (`None` removes them). `NotFound` for an unknown process.
    async fn set_community_mail(
        &self,
        process: ProcessId,
        community: Option<&Community>,
        at: OffsetDateTime,
    ) -> Result<()>;
    /// Saves a new summary version in a new state as `OutcomeStore::save_summary` does
    /// (`Conflict` if `base` is not the latest), and in the same transaction makes the shared
    /// link `m.link` names (revoking the working one), deletes the members' addresses when the
    /// state is `Published` (recording when and how many), and writes `outbox`. So a mail to
    /// the community exists exactly when its summary does, and no member's address outlives the
    /// publication.
    async fn move_summary(&self, m: &SummaryMove<'_>, outbox: &[NewMail]) -> Result<SummaryMoved>;
    /// The practices due from `from` to `to` (inclusive) still open (agreed or in progress),
    /// with their process's state, orderer and facilitator, in one query: what the follow-up
    /// pass reads.
    async fn practices_due(&self, from: Date, to: Date) -> Result<Vec<DuePractice>>;
    /// Deletes the community's messages ([`COMMUNITY_MAIL_KEY`]) that were sent. Returns how
    /// many.
    async fn forget_sent_community_mail(&self) -> Result<u64>;
}

/// The columns of `practices` (aliased `pr`) and `processes` (`p`) that [`DuePracticeRow`]
/// reads.
#[macro_export]
macro_rules! due_practice_columns {
    () => {
        "pr.id, pr.process_id, pr.title, p.title AS process_title, pr.due, pr.status, p.state, \
         p.orderer_id, p.facilitator_id"
    };
}

/// A practice due, as [`NoticeStore::practices_due`] reads it.
#[derive(Debug, sqlx::FromRow)]
pub struct DuePracticeRow {
    id: String,
    process_id: String,
    title: String,
    process_title: String,
    due: String,
    status: String,
    state: String,
    orderer_id: String,
    facilitator_id: Option<String>,
}

impl DuePracticeRow {
    pub fn into_due(self) -> Result<DuePractice> {
        const T: &str = "practices";
        Ok(DuePractice {
            practice: parse_id(&self.id, T)?,
            process: parse_id(&self.process_id, T)?,
            title: self.title,
            process_title: self.process_title,
            due: parse_opt_date(Some(&self.due), T)?
                .ok_or_else(|| StoreError::Corrupt("practice without due date".into()))?,
            status: PracticeStatus::parse(&self.status)
                .ok_or_else(|| StoreError::Corrupt("unknown practice status".into()))?,
            process_state: ProcessState::parse(&self.state)
                .ok_or_else(|| StoreError::Corrupt("unknown process state".into()))?,
            orderer: parse_id(&self.orderer_id, T)?,
            facilitator: parse_opt_id(self.facilitator_id.as_deref(), T)?,
        })
    }
}

/// The stored form of a community's addresses: the list address, and the members' addresses in
/// the order typed.
pub fn community_of(list: Option<String>, people: Vec<String>) -> Option<Community> {
    match list {
        Some(l) => Some(Community::List(l)),
        None if people.is_empty() => None,
        None => Some(Community::People(people)),
    }
}
