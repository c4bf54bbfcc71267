//! People's rights over their data: each process's retention rule and the deletions it makes, a
//! participant's own words (read and deleted with the token on their phone), and what is held
//! about a staff member (exported, or the person anonymised or deleted).
//!
//! Deletions write their record ([`RetentionDeletion`], an audit entry) in the same transaction
//! as the deletion, and every deletion is conditional on what the caller saw, so two server
//! processes running the daily pass at once delete and record once.

use crate::{LiveEvent, Note, Result, SummaryComment, Topic};
use async_trait::async_trait;
use serde::Serialize;
use time::OffsetDateTime;
use vuoro_core::{NoteId, OrgId, ParticipantId, ProcessId, TopicId, UserId};

/// The `Conflict` of [`RightsStore::remove_staff`] while the person facilitates a process that
/// is neither closed nor cancelled: a coordinator assigns another facilitator first.
pub const STILL_FACILITATING: &str = "the person facilitates a running process";
/// The `Conflict` of [`RightsStore::remove_staff`] by an organisation's admin while the person
/// also holds roles in another organisation, or is a site administrator: a site administrator
/// does it.
pub const BEYOND_ORGANISATION: &str = "the person is known beyond this organisation";

/// What the retention rule deletes: everything participants wrote or chose to show, raw. The
/// summary, themes and practices stay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RawKind {
    Notes,
    FeedbackAnswers,
    /// Open-space topics, with the picks of who goes where.
    Topics,
    /// Participants' comments on the summary.
    SummaryComments,
    /// The names participants chose to show: the participant keeps taking part, nameless.
    ShownNames,
}

impl RawKind {
    pub const ALL: [RawKind; 5] = [
        RawKind::Notes,
        RawKind::FeedbackAnswers,
        RawKind::Topics,
        RawKind::SummaryComments,
        RawKind::ShownNames,
    ];

    /// Stored in `retention_deletions.kind`, so a code once written is never renamed.
    pub fn as_str(self) -> &'static str {
        match self {
            RawKind::Notes => "notes",
            RawKind::FeedbackAnswers => "feedback_answers",
            RawKind::Topics => "topics",
            RawKind::SummaryComments => "summary_comments",
            RawKind::ShownNames => "shown_names",
        }
    }

    pub fn parse(s: &str) -> Option<RawKind> {
        RawKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A process whose raw data the daily pass looks at: its summary was published and some raw
/// data ([`RawKind`]) remains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetentionCandidate {
    pub process: ProcessId,
    pub org: OrgId,
    pub title: String,
    pub months: u32,
    /// When the summary was first published.
    pub published_at: OffsetDateTime,
}

/// What one run deleted in one process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RetentionCounts {
    pub notes: u64,
    pub feedback_answers: u64,
    pub topics: u64,
    pub summary_comments: u64,
    /// Participants whose shown name was removed.
    pub shown_names: u64,
}

impl RetentionCounts {
    /// Each kind with its count, in [`RawKind::ALL`]'s order.
    pub fn by_kind(&self) -> [(RawKind, u64); 5] {
        [
            (RawKind::Notes, self.notes),
            (RawKind::FeedbackAnswers, self.feedback_answers),
            (RawKind::Topics, self.topics),
            (RawKind::SummaryComments, self.summary_comments),
            (RawKind::ShownNames, self.shown_names),
        ]
    }
}

/// One kind deleted by one run, as the process page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetentionDeletion {
    pub kind: RawKind,
    pub count: u64,
    pub at: OffsetDateTime,
}

/// A comment a participant left on the summary, with the key that deletes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnComment {
    pub id: i64,
    pub comment: SummaryComment,
}

/// Everything a participant wrote in their process that is still tied to them, and the name
/// they chose to show. Feedback answers are not: they are stored without who gave them
/// (migration 0009), so nobody, the participant included, can find them again.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OwnWords {
    /// Oldest first.
    pub notes: Vec<Note>,
    /// Open-space topics they proposed, oldest first.
    pub topics: Vec<Topic>,
    /// Oldest first.
    pub comments: Vec<OwnComment>,
    /// The name they chose to show, if they did.
    pub shown_name: Option<String>,
}

/// What a participant deletes of their own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnItem {
    Note(NoteId),
    /// An open-space topic: it leaves the marketplace and the schedule with its picks; the
    /// notes its group wrote stay, as the session's notes.
    Topic(TopicId),
    Comment(i64),
    /// The name they chose to show: removed from the participant and from their notes and
    /// topics, which stay, nameless.
    Name,
    /// Everything above.
    All,
}

/// Whether a staff member's account is anonymised (a pseudonym stays in the history, the same
/// for all their actions) or deleted (their actions are kept under a mark shared by every
/// deleted person, so the history no longer tells their actions apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removal {
    Anonymise,
    Delete,
}

/// A process a staff member ordered or facilitated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordProcess {
    pub id: String,
    pub organisation: String,
    pub title: String,
    pub state: String,
    pub created_at: String,
}

/// A membership of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordMembership {
    pub organisation: String,
    pub organisation_name: String,
    pub roles: Vec<String>,
}

/// A version (of a plan, themes or a summary) the person saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordVersion {
    pub process: String,
    pub version: i64,
    pub at: String,
}

/// An approval the person gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordApproval {
    pub process: String,
    pub version: i64,
    pub side: String,
    pub at: String,
}

/// An entry of a process's log the person made, with what it says (the advice they gave, a
/// cancellation's reason).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordEvent {
    pub process: String,
    pub at: String,
    pub event: serde_json::Value,
}

/// A change of the person's roles, or one they made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordRoleChange {
    pub organisation: String,
    /// Whether the change was to the person's own roles (else they made it).
    pub own: bool,
    pub before: String,
    pub after: String,
    pub at: String,
}

/// An invitation the person sent: to whom is another person's data and is left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordInvitation {
    pub organisation: String,
    pub created_at: String,
    pub accepted: bool,
}

/// A log-in session's times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordLogin {
    pub created_at: String,
    pub expires_at: String,
}

/// The account itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordAccount {
    pub id: String,
    pub email: String,
    pub name: String,
    pub site_admin: bool,
    pub created_at: String,
    /// When the address was confirmed (by a mailed link, or by a site administrator); `None`
    /// while it is not, or for an account that never needed it.
    pub address_confirmed_at: Option<String>,
    /// While the address is unconfirmed: the only organisation that may give the account
    /// roles.
    pub unconfirmed_origin: Option<String>,
}

/// An entry of the audit log the person made or that was about them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordAudit {
    pub organisation: Option<String>,
    pub action: String,
    /// Whether it was about them (else they made it).
    pub about_them: bool,
    /// The entry's detail as stored ([`crate::AuditDetail`]).
    pub detail: String,
    pub at: String,
}

/// Everything held about a staff member, as the JSON export gives it: times as stored (RFC
/// 3339, UTC). Never a participant's data: notes the person typed for the circle are counted,
/// not copied, since their words are the participants'.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaffRecord {
    pub account: RecordAccount,
    pub memberships: Vec<RecordMembership>,
    pub processes_ordered: Vec<RecordProcess>,
    pub processes_facilitated: Vec<RecordProcess>,
    pub plan_versions: Vec<RecordVersion>,
    pub approvals: Vec<RecordApproval>,
    pub theme_versions: Vec<RecordVersion>,
    pub summary_versions: Vec<RecordVersion>,
    pub process_log: Vec<RecordEvent>,
    pub role_changes: Vec<RecordRoleChange>,
    pub invitations_sent: Vec<RecordInvitation>,
    pub logins: Vec<RecordLogin>,
    pub audit_entries: Vec<RecordAudit>,
    pub notes_typed_for_the_circle: u64,
    /// The facilitator network: profiles, absences, trainings held and attended, meetings.
    pub network: crate::network::NetworkRecord,
    /// Orders offered to them and their answers, and the orders they volunteered for.
    pub offers: crate::offers::OfferRecord,
}

#[async_trait]
pub trait RightsStore: Send + Sync {
    /// The months the process keeps its raw data after its summary was first published.
    async fn retention_months(&self, process: ProcessId) -> Result<u32>;
    /// Changes the rule and writes a `RetentionChanged` audit entry, in one transaction.
    async fn set_retention_months(
        &self,
        process: ProcessId,
        months: u32,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<()>;
    /// Processes with a published summary that still hold raw data ([`RawKind`]).
    async fn retention_candidates(&self) -> Result<Vec<RetentionCandidate>>;
    /// Deletes the process's raw data ([`RawKind`]: notes with their history, feedback answers,
    /// open-space topics with their picks, comments on the summary, and participants' shown
    /// names), records the counts per kind and a `RetentionDeleted` audit entry, in one
    /// transaction; only while the
    /// rule is still `months` and the first publication still `published_at` (what the caller
    /// judged due), else `None` and nothing changes. A run that finds nothing left (another
    /// server process was first) records nothing and returns zero counts.
    async fn delete_raw_data(
        &self,
        process: ProcessId,
        months: u32,
        published_at: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Result<Option<RetentionCounts>>;
    /// What the rule deleted in the process, oldest first.
    async fn retention_deletions(&self, process: ProcessId) -> Result<Vec<RetentionDeletion>>;

    /// What the participant wrote that is still tied to them.
    async fn own_words(&self, participant: ParticipantId) -> Result<OwnWords>;
    /// Deletes one of the participant's notes, topics or comments, their shown name, or all of
    /// them, whether or not the facilitator curated them: a note goes from the board, the
    /// themes' input and exports (its history and the links of duplicates merged into it go
    /// with it), and every quote of it leaves every version of the summary
    /// ([`vuoro_core::summary::Summary::without_quotes_of`]). Appends `NoteChanged` for each
    /// note deleted or renamed and `TopicsChanged` for each session whose topics changed, so
    /// open boards follow. `NotFound` if the item is not theirs (or, for the name, they show
    /// none).
    async fn delete_own_words(
        &self,
        participant: ParticipantId,
        item: OwnItem,
        at: OffsetDateTime,
    ) -> Result<Vec<LiveEvent>>;

    /// People who held roles in the organisation and hold none there now (removed accounts
    /// left out), by name: their data is still the organisation's to export or remove.
    async fn former_members(&self, org: OrgId) -> Result<Vec<crate::User>>;
    /// Everything held about the staff member; within one organisation when `org` is given
    /// (its memberships, processes and their records), else everywhere. Log-ins are the
    /// account's, whatever the organisation.
    async fn staff_record(&self, user: UserId, org: Option<OrgId>) -> Result<StaffRecord>;
    /// Anonymises or deletes the person: name and address replaced, log-in impossible, every
    /// role removed (each removal recorded as a role change by `actor`), log-in sessions and
    /// pending invitations to the address deleted, and an audit entry written, in one
    /// transaction. The dialogue history stays. With `org` (an organisation's admin acting)
    /// the person must hold roles there or have held them ([`RightsStore::former_members`])
    /// (`NotFound`), hold none anywhere else and not be a site administrator
    /// (`Conflict(BEYOND_ORGANISATION)`). `Conflict(STILL_FACILITATING)` while
    /// they facilitate a running process.
    async fn remove_staff(
        &self,
        user: UserId,
        removal: Removal,
        actor: UserId,
        org: Option<OrgId>,
        at: OffsetDateTime,
    ) -> Result<()>;
}

/// The name a removed account keeps, and the audit action: an anonymised person gets a
/// pseudonym of their own (random, so it leads back to no one), a deleted one the mark every
/// deleted person shares.
pub fn removed_name(removal: Removal) -> (String, crate::AuditAction) {
    match removal {
        Removal::Anonymise => {
            let id = UserId::new().to_string();
            let random = &id[id.len() - 8..];
            (format!("#{random}"), crate::AuditAction::StaffAnonymised)
        }
        Removal::Delete => ("–".to_owned(), crate::AuditAction::StaffDeleted),
    }
}

/// An address no mail reaches and nobody can register (`.invalid` is reserved), unique per
/// removal as the column requires.
pub fn removed_address() -> String {
    format!("removed-{}@vuoro.invalid", UserId::new())
}

/// The audit entry of a change of a process's retention rule, written in the change's
/// transaction.
pub fn retention_changed_audit(
    org: OrgId,
    title: &str,
    before: u32,
    after: u32,
    actor: UserId,
    at: OffsetDateTime,
) -> crate::NewAuditEntry {
    crate::NewAuditEntry {
        org: Some(org),
        actor: Some(actor),
        action: crate::AuditAction::RetentionChanged,
        target_user: None,
        detail: crate::AuditDetail::RetentionChanged {
            title: title.to_owned(),
            before,
            after,
        }
        .to_stored(),
        at,
    }
}

/// The audit entry of what the daily pass deleted in a process (the kinds it found), written
/// in the deletion's transaction.
pub fn retention_deleted_audit(
    org: OrgId,
    title: &str,
    counts: &RetentionCounts,
    at: OffsetDateTime,
) -> crate::NewAuditEntry {
    crate::NewAuditEntry {
        org: Some(org),
        actor: None,
        action: crate::AuditAction::RetentionDeleted,
        target_user: None,
        detail: crate::AuditDetail::RetentionDeleted {
            title: title.to_owned(),
            counts: counts
                .by_kind()
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|(k, n)| (k.as_str().to_owned(), n))
                .collect(),
        }
        .to_stored(),
        at,
    }
}
