//! Storage for vuoro. [`Store`] is the one trait every backend implements; the web crate holds an
//! `Arc<dyn Store>` and never sees SQL. SQLite ([`sqlite::SqliteStore`]) is the default; a
//! PostgreSQL backend joins behind the same trait.
//!
//! Every change to a process also appends a [`ProcessEvent`]: the event log is what later
//! features (national rounds, notifications, e-mail) subscribe to, and what the process page shows
//! as history.

pub mod audit;

// Accounts by e-mail (part 8): reset and confirmation links.
pub mod account_tokens;
pub use account_tokens::{AccountToken, InvitationMail, TOKEN_USED, TokenPurpose, TokenStore};
pub mod catalogue;
#[cfg(feature = "conformance")]
pub mod conformance;
pub mod copy;

pub mod feed;
pub mod mail;
pub mod network;
pub mod notices;
pub mod offers;
pub mod partners;

pub mod rights;

pub mod sign_on;
pub mod sql;
pub mod throttle;

/// The store's traits without their names: `use vuoro_store::prelude::*;` makes every method
/// callable on a `dyn Store` or a backend, whichever feature it belongs to.
pub mod prelude {
    pub use crate::MailStore as _;
    pub use crate::NetworkStore as _;
    pub use crate::NoticeStore as _;
    pub use crate::OfferStore as _;
    pub use crate::PartnerStore as _;

    pub use crate::TokenStore as _;
    pub use crate::{
        AccountStore as _, CatalogueStore as _, LiveFeed as _, LiveStore as _, OutcomeStore as _,
        ProcessStore as _, SignOnStore as _, Store, ThrottleStore as _,
    };
    pub use crate::{AuditStore as _, RightsStore as _};
}

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use time::{Date, OffsetDateTime};
use vuoro_core::cafe::Cafe;
use vuoro_core::feedback::{Answer, FeedbackState};
use vuoro_core::live::{JoinCode, Position, Timer};
use vuoro_core::openspace::{Cell, OpenSpace};
use vuoro_core::order::Order;
use vuoro_core::plan::Plan;
use vuoro_core::practice::{PracticeKind, PracticeStatus};
use vuoro_core::summary::{Summary, SummaryState};
use vuoro_core::themes::{Scope, ThemeSet};
use vuoro_core::{
    LiveSessionId, NoteId, OrgId, ParticipantId, PracticeId, ProcessId, ProcessState, RoleSet,
    TopicId, UnitId, UserId,
};

pub use audit::{AuditAction, AuditDetail, AuditEntry, AuditStore, NewAuditEntry};
pub use feed::{LiveFeed, LiveNotice};
pub use mail::{MailKind, MailStore, NewMail, QueuedMail};
pub use network::{
    Completed, MeetingLine, NetworkRecord, NetworkStore, SessionHours, Trainee, TrainingLine,
    TrainingRecord,
};
pub use notices::{CommunityMail, NoticeStore, SummaryMove, SummaryMoved};
pub use offers::{Offer, OfferRecord, OfferStore, RecordOffer, RecordVolunteer};
pub use partners::{NewPartnership, PartnerStore};

pub use rights::{
    OwnComment, OwnItem, OwnWords, RawKind, Removal, RetentionCandidate, RetentionCounts,
    RetentionDeletion, RightsStore, StaffRecord,
};

pub use sign_on::{GroupRoles, SignOnStart, SignOnStore};
pub use throttle::{Budget, Spent, ThrottleStore};

pub use catalogue::{
    ActivityRecord, ActivitySource, CatalogueStore, CompletionRequest, ImportReport,
    ImportedListing, ImportedOrg, ListingImport, OrgCatalogue, OrgPlan, PlanArea, ProcessPlanArea,
};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// Someone else changed the record first (a newer plan version, another state).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// A unique value is taken, e.g. an e-mail address.
    #[error("already exists: {0}")]
    Duplicate(&'static str),
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Backend(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The `Conflict` of [`Store::change_roles`] and [`Store::accept_invitation`] when an account
/// whose unconfirmed address came from another organisation's invitation would gain roles.
pub const ADDRESS_UNCONFIRMED: &str = "the address is not confirmed";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Organisation {
    pub id: OrgId,
    pub name: String,
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unit {
    pub id: UnitId,
    pub org: OrgId,
    pub name: String,
}

/// A staff account. The password hash is a PHC string (argon2id); the store never sees a
/// password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub site_admin: bool,
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub site_admin: bool,
}

/// A pending invitation of a staff member to an organisation, with the roles they will get.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    /// A random secret; only its hash is stored, so `token_hash` is what is looked up.
    pub token_hash: String,
    pub org: OrgId,
    pub email: String,
    pub roles: RoleSet,
    pub invited_by: UserId,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub accepted_at: Option<OffsetDateTime>,
}

/// Who accepts an invitation: a person making a new account, or an existing account, logged in.
#[derive(Debug, Clone)]
pub enum Acceptor {
    New(NewUser),
    Account(UserId),
}

/// The link that confirms the address of an account made from an invitation nobody mailed
/// (with mail configured): written with the account, in its transaction, so an account never
/// exists without the mail that lets its owner confirm it. The store sets the mail's account.
#[derive(Debug, Clone)]
pub struct ConfirmLink {
    pub token_hash: String,
    pub expires_at: OffsetDateTime,
    pub mail: crate::mail::NewMail,
}

/// How roles came to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleChangeVia {
    /// An invitation was accepted; the actor is the admin who invited.
    Invitation,
    /// An admin changed a member's roles on the organisation's page.
    Members,
    /// A site administrator created the organisation and became its admin.
    NewOrganisation,
    /// A sign-on applied the organisation's group mappings; the actor is the account itself.
    SignOn,
    /// A coordinator marked a training completed and the trainee became a facilitator.
    Training,
}

impl RoleChangeVia {
    pub fn code(self) -> &'static str {
        match self {
            Self::Invitation => "invitation",
            Self::Members => "members",
            Self::NewOrganisation => "new_organisation",
            Self::SignOn => "sign_on",
            Self::Training => "training",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Invitation,
            Self::Members,
            Self::NewOrganisation,
            Self::SignOn,
            Self::Training,
        ]
        .into_iter()
        .find(|v| v.code() == s)
    }
}

/// One recorded change of an account's roles in an organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleChange {
    pub org: OrgId,
    pub user: UserId,
    pub user_name: String,
    pub user_email: String,
    pub actor: UserId,
    pub actor_name: String,
    pub before: RoleSet,
    pub after: RoleSet,
    pub via: RoleChangeVia,
    /// A site administrator gave roles to themselves.
    pub self_grant: bool,
    pub at: OffsetDateTime,
}

/// One member of an organisation with their roles there.
#[derive(Debug, Clone)]
pub struct Member {
    pub user: User,
    pub roles: RoleSet,
}

/// A login session. Only the token's hash is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginSession {
    pub token_hash: String,
    pub user: UserId,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    /// How it began: an organisation with password log-in off is closed to a session begun
    /// with a password.
    pub via: LoginVia,
}

/// How a log-in session began.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginVia {
    Password,
    SignOn,
}

impl LoginVia {
    /// Stored in `login_sessions.via`.
    pub fn code(self) -> &'static str {
        match self {
            LoginVia::Password => "password",
            LoginVia::SignOn => "sign_on",
        }
    }

    pub fn parse(s: &str) -> Option<LoginVia> {
        [LoginVia::Password, LoginVia::SignOn]
            .into_iter()
            .find(|v| v.code() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Process {
    pub id: ProcessId,
    pub org: OrgId,
    pub unit: Option<UnitId>,
    /// The community the dialogue is for, as the order named it; the process's title in lists.
    pub title: String,
    pub state: ProcessState,
    pub orderer: UserId,
    pub facilitator: Option<UserId>,
    pub order: Order,
    /// The library id of the plan's method, for filtering.
    pub method_id: Option<String>,
    pub plan_version: u32,
    /// First and last session dates of the current plan, for filtering by date.
    pub first_session: Option<Date>,
    pub last_session: Option<Date>,
    /// The order was offered to `facilitator`, who has not answered yet.
    pub awaiting_answer: bool,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

#[derive(Debug, Clone)]
pub struct NewProcess {
    pub org: OrgId,
    pub orderer: UserId,
    pub order: Order,
    pub plan: Plan,
    /// The community's addresses the orderer gave for the summary's mail, saved with the
    /// order in its transaction (as `NoticeStore::set_community_mail` saves them later).
    pub community: Option<vuoro_core::notices::Community>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanVersion {
    pub process: ProcessId,
    pub version: u32,
    pub plan: Plan,
    pub author: UserId,
    pub created_at: OffsetDateTime,
}

/// Which side approved a plan version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalSide {
    Orderer,
    Facilitator,
}

impl ApprovalSide {
    pub fn code(self) -> &'static str {
        match self {
            ApprovalSide::Orderer => "orderer",
            ApprovalSide::Facilitator => "facilitator",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    pub process: ProcessId,
    pub version: u32,
    pub side: ApprovalSide,
    pub user: UserId,
    pub at: OffsetDateTime,
}

/// What happened to a process. Stored as JSON, so new kinds can be added without a migration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum EventKind {
    Ordered,
    FacilitatorAssigned {
        facilitator: UserId,
    },
    /// The facilitator accepted the order offered to them.
    OfferAccepted {
        facilitator: UserId,
    },
    /// The facilitator declined the order, which returned to the queue. Their reason is kept
    /// with the offer, for the coordinators, not in the history everyone on the process reads.
    OfferDeclined {
        facilitator: UserId,
    },
    PlanSaved {
        version: u32,
    },
    Approved {
        version: u32,
        side: ApprovalSide,
    },
    StateChanged {
        from: ProcessState,
        to: ProcessState,
        /// Why, as the person typed it: a cancellation takes a reason. Absent in events stored
        /// before reasons were asked and in moves that need none.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// A coordinator answered an orderer who asked for advice on the method ("Neuvokaa
    /// minua"): the method they suggest, if any, and their words.
    AdviceGiven {
        method: Option<String>,
        text: String,
    },
    /// A version of the themes of a scope was saved: a proposal or the facilitator's curation.
    ThemesSaved {
        scope: Scope,
        version: u32,
        curated: bool,
    },
    /// A practice was recorded or edited by staff.
    PracticeSaved {
        practice: PracticeId,
    },
    /// A practice was followed up.
    PracticeStatusChanged {
        practice: PracticeId,
        to: PracticeStatus,
    },
    /// A version of the summary was saved: drafted, edited, sent for comments or published.
    SummarySaved {
        version: u32,
        state: SummaryState,
    },
    /// A link sharing the summary with the whole community was made.
    SummaryLinkMade {
        link: i64,
    },
    /// A link sharing the summary was revoked: it no longer opens the summary.
    SummaryLinkRevoked {
        link: i64,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessEvent {
    pub process: ProcessId,
    pub seq: i64,
    pub actor: UserId,
    pub at: OffsetDateTime,
    pub kind: EventKind,
}

/// Filters for process lists; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct ProcessFilter {
    pub org: Option<OrgId>,
    pub state: Option<ProcessState>,
    pub unit: Option<UnitId>,
    pub method_id: Option<String>,
    pub facilitator: Option<UserId>,
    pub orderer: Option<UserId>,
    /// Processes with a session on or after this date.
    pub from: Option<Date>,
    /// Processes with a session on or before this date.
    pub to: Option<Date>,
    /// Only processes in the order queue: ordered or agreed, without a facilitator (an agreed
    /// order whose facilitator declined waits there again).
    pub unassigned: bool,
}

/// One run of a planned session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveSession {
    pub id: LiveSessionId,
    pub process: ProcessId,
    /// The plan session (`PlanSession::id`) this run carries out.
    pub plan_session: u32,
    /// The method phase whose stages it runs, from 1.
    pub phase: u32,
    pub join_code: JoinCode,
    pub open: bool,
    pub position: Position,
    pub timer: Timer,
    pub opened_by: UserId,
    pub opened_at: OffsetDateTime,
    pub closed_at: Option<OffsetDateTime>,
}

/// An anonymous participant of one process. Only the hash of their browser's token is stored;
/// the name is stored only if they chose to show one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    pub id: ParticipantId,
    pub process: ProcessId,
    pub token_hash: String,
    pub display_name: Option<String>,
    /// The participant language code they chose (fi, sv, en, ar, so).
    pub lang: String,
    pub created_at: OffsetDateTime,
}

/// Who wrote a note: a participant from their phone, or a staff member typing for the circle
/// (the note-taker). Never shown unless the participant chose to show their name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteAuthor {
    Participant(ParticipantId),
    Staff(UserId),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub id: NoteId,
    pub live_session: LiveSessionId,
    pub author: NoteAuthor,
    /// The name shown with the note: set only when the participant chose to show it.
    pub shown_name: Option<String>,
    /// The stage of the session's phase (from 0) and the question shown when it was written.
    pub stage: u32,
    pub question: String,
    pub text: String,
    /// The language the note was written in, as the writer's chosen language code.
    pub lang: String,
    /// Hidden by the facilitator: kept, but off the board and the projector.
    pub hidden: bool,
    /// Marked by the facilitator as one to come back to.
    pub starred: bool,
    /// Where in a learning café the note was written, if it was.
    pub place: Option<CafePlace>,
    /// The note this one was merged into as a duplicate.
    pub merged_into: Option<NoteId>,
    /// The open-space topic whose group wrote the note, if one did.
    pub topic: Option<TopicId>,
    pub created_at: OffsetDateTime,
}

/// A note's round and table in a learning café.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CafePlace {
    pub round: u32,
    pub table: u32,
    /// The host's summary for the next group at the table.
    pub summary: bool,
}

/// A topic proposed in an open space's marketplace (by a participant, or by the facilitator for
/// someone who spoke it aloud).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    pub id: TopicId,
    pub live_session: LiveSessionId,
    /// The topic's number in its session, from 1, in the order proposed.
    pub number: u32,
    pub title: String,
    /// Who proposed it. Never shown; kept only to limit how many topics one person proposes.
    pub author: NoteAuthor,
    /// The proposer's name, only if they chose to show it.
    pub shown_name: Option<String>,
    /// The language the title was written in, as the writer's chosen language code.
    pub lang: String,
    /// Where and when its group meets, once the facilitator has placed it.
    pub cell: Option<Cell>,
    /// Hidden by the facilitator: kept, but off the marketplace and the schedule.
    pub hidden: bool,
    /// How many participants picked it. Read only; the store counts it.
    pub picks: u32,
    pub created_at: OffsetDateTime,
}

/// One saved version of the themes of a scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeVersion {
    pub process: ProcessId,
    pub scope: Scope,
    pub version: u32,
    pub set: ThemeSet,
    /// Whether a person changed it after the engine proposed it: re-running the analysis
    /// asks before it replaces a curated set.
    pub curated: bool,
    pub created_by: UserId,
    pub created_at: OffsetDateTime,
}

/// One saved version of a process's summary. A change of state (sent for comments, published)
/// is a version too, so the history shows who did what to which text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryVersion {
    pub process: ProcessId,
    pub version: u32,
    pub summary: Summary,
    pub state: SummaryState,
    pub created_by: UserId,
    pub created_at: OffsetDateTime,
}

/// A participant's comment on a summary sent for comments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryComment {
    pub process: ProcessId,
    /// The summary version the participant read.
    pub version: u32,
    /// Kept only so that one phone cannot flood the comments; never shown.
    pub participant: ParticipantId,
    pub text: String,
    pub lang: String,
    pub created_at: OffsetDateTime,
}

/// A link that shares a process's summary with everyone holding it, account or not. Its token
/// is stored only as a hash (`token_hash`, hex SHA-256).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryLink {
    pub id: i64,
    pub process: ProcessId,
    pub token_hash: String,
    pub created_by: UserId,
    pub created_at: OffsetDateTime,
    /// When and by whom it was revoked; a revoked link opens nothing.
    pub revoked: Option<(UserId, OffsetDateTime)>,
}

/// A comment left through a summary link. Nobody is known behind a link; the link is kept
/// only to bound how many comments one link carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryLinkComment {
    pub process: ProcessId,
    /// The summary version the reader read.
    pub version: u32,
    pub link: i64,
    pub text: String,
    pub lang: String,
    pub created_at: OffsetDateTime,
}

/// A practice a work community agreed on, with its follow-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Practice {
    pub id: PracticeId,
    pub process: ProcessId,
    /// The live session where a group recorded it, if it came from one.
    pub live_session: Option<LiveSessionId>,
    /// The group that recorded it, as it was called then ("Pöytä B", "#3 Työrauha").
    pub group: Option<String>,
    pub kind: PracticeKind,
    pub title: String,
    /// Who takes it forward, as the group wrote it.
    pub owner: Option<String>,
    pub due: Option<Date>,
    pub status: PracticeStatus,
    /// Who wrote it down. Never shown; a participant's practice names no one.
    pub author: NoteAuthor,
    /// The language it was written in.
    pub lang: String,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

/// What a facilitator does to a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "action")]
pub enum NoteChange {
    Hide,
    Show,
    Star,
    Unstar,
    /// Fixes a typo; the old text stays in the history.
    Edit {
        text: String,
    },
    /// Merges a duplicate into another note of the same session: this one is hidden and points
    /// to the other.
    MergeInto {
        target: NoteId,
    },
    /// Moves a café note to another table (from 0) of its round.
    MoveToTable {
        table: u32,
    },
    /// Moves a note to another open-space topic of its session (the group it belongs to), or
    /// out of every group with `None`.
    MoveToTopic {
        topic: Option<TopicId>,
    },
}

impl NoteChange {
    pub fn code(&self) -> &'static str {
        match self {
            NoteChange::Hide => "hide",
            NoteChange::Show => "show",
            NoteChange::Star => "star",
            NoteChange::Unstar => "unstar",
            NoteChange::Edit { .. } => "edit",
            NoteChange::MergeInto { .. } => "merge",
            NoteChange::MoveToTable { .. } | NoteChange::MoveToTopic { .. } => "move",
        }
    }
}

/// One change in a note's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteHistoryEntry {
    pub version: u32,
    /// `hide`, `show`, `star`, `unstar` or `edit`.
    pub action: String,
    pub old_text: Option<String>,
    pub new_text: Option<String>,
    pub actor: UserId,
    pub at: OffsetDateTime,
}

/// A change in a live session that open boards must see. `seq` increases across all live
/// sessions, so a reconnecting board asks for everything after the last `seq` it saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveEvent {
    pub seq: i64,
    pub live_session: LiveSessionId,
    pub at: OffsetDateTime,
    pub kind: LiveEventKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum LiveEventKind {
    NoteAdded {
        note: NoteId,
    },
    /// A note was hidden, shown, starred, unstarred or edited.
    NoteChanged {
        note: NoteId,
    },
    /// Someone raised or lowered a hand, was given the turn, or was removed from the session.
    HandsChanged,
    /// The facilitator moved the session or its timer.
    Moved,
    /// An open-space topic was proposed, placed, hidden or shown.
    TopicsChanged,
    /// Someone's picks of open-space topics changed: only the counts of who goes where moved,
    /// which pages may show a little late (see `assets/live.js`).
    TopicsPicked,
    Closed,
}

/// Where a participant stands in one live session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Never joined this session (maybe another session of the same process).
    Absent,
    Present,
    /// Removed by the facilitator: the token no longer opens this session.
    Removed,
}

/// An event of a live session with what its payload is built from, read in one query: the
/// note it is about (for `NoteAdded` and `NoteChanged`) as it is now, and that note's topic's
/// number and title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveReplay {
    pub event: LiveEvent,
    pub note: Option<Note>,
    pub topic: Option<(u32, String)>,
}

/// The feedback of one live session, as [`LiveStore::process_feedback`] reads it for a whole
/// process: with what says whether answering has ended (the session closed, or the form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFeedback {
    pub live_session: LiveSessionId,
    /// The method phase the session ran, from 1.
    pub phase: u32,
    pub open: bool,
    pub state: FeedbackState,
    /// Every response's answers, without who gave them, ordered by content.
    pub responses: Vec<Vec<Answer>>,
}

/// A raised hand in the turn queue. Participants are told apart by their number in the
/// session (the order they joined), never by their id; the name only if they chose to show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hand {
    pub participant: ParticipantId,
    pub number: u32,
    pub shown_name: Option<String>,
    pub raised_at: OffsetDateTime,
}

/// A participant in a live session, as the session knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    pub number: u32,
    pub participant: ParticipantId,
    pub shown_name: Option<String>,
}

/// The storage every backend provides: one supertrait per feature, so a backend is written (and
/// read) feature by feature. Methods that change a process take the acting user, so the event
/// log always says who did what, and every method that stamps a time takes it from the caller
/// (`at` or `now`), so no backend reads the clock and tests pass the times they mean.
pub trait Store:
    AccountStore
    + ProcessStore
    + LiveStore
    + LiveFeed
    + OutcomeStore
    + CatalogueStore
    + ThrottleStore
    + MailStore
    + NoticeStore
    + SignOnStore
    + AuditStore
    + RightsStore
    + TokenStore
    + NetworkStore
    + OfferStore
    + PartnerStore
    + std::fmt::Debug
{
}

impl<T> Store for T where
    T: AccountStore
        + ProcessStore
        + LiveStore
        + LiveFeed
        + OutcomeStore
        + CatalogueStore
        + ThrottleStore
        + MailStore
        + NoticeStore
        + SignOnStore
        + AuditStore
        + RightsStore
        + TokenStore
        + NetworkStore
        + OfferStore
        + PartnerStore
        + std::fmt::Debug
{
}

/// Organisations, units, users and their roles, invitations and log-in sessions.
#[async_trait]
pub trait AccountStore: Send + Sync {
    async fn create_org(&self, name: &str, at: OffsetDateTime) -> Result<Organisation>;
    async fn org(&self, id: OrgId) -> Result<Organisation>;
    async fn orgs(&self) -> Result<Vec<Organisation>>;
    async fn create_unit(&self, org: OrgId, name: &str) -> Result<Unit>;
    async fn units(&self, org: OrgId) -> Result<Vec<Unit>>;

    async fn create_user(&self, u: NewUser, at: OffsetDateTime) -> Result<User>;
    async fn user(&self, id: UserId) -> Result<User>;
    /// The accounts with these ids, keyed by id, in one query: what a page naming many people
    /// (a process's history, approvals, versions, a list's facilitators) reads instead of one
    /// [`AccountStore::user`] per row. An id repeated is read once; one that names no account
    /// is left out.
    async fn users(&self, ids: &[UserId]) -> Result<HashMap<UserId, User>>;
    async fn user_by_email(&self, email: &str) -> Result<Option<User>>;
    async fn user_count(&self) -> Result<u64>;
    /// Replaces the user's roles in `org`; an empty set removes them from the organisation.
    /// Without a record of who did it: for seeding (`create-admin`, the demo, tests). Changes
    /// people make go through [`Store::change_roles`].
    async fn set_roles(&self, org: OrgId, user: UserId, roles: RoleSet) -> Result<()>;
    /// Replaces the user's roles in `org` and records the change with its actor, in one
    /// transaction. `Conflict` if the user's address is unconfirmed and `org` is not the
    /// organisation whose invitation made the account.
    async fn change_roles(
        &self,
        org: OrgId,
        user: UserId,
        roles: RoleSet,
        actor: UserId,
        via: RoleChangeVia,
        now: OffsetDateTime,
    ) -> Result<()>;
    /// The latest role changes in `org`, newest first.
    async fn role_changes(&self, org: OrgId, limit: u32) -> Result<Vec<RoleChange>>;
    /// `Some(org)` while the user's address is unconfirmed: the account was made through
    /// `org`'s invitation link, and only `org` may give it roles. `None` once confirmed.
    async fn unconfirmed_origin(&self, user: UserId) -> Result<Option<OrgId>>;
    /// Of these accounts, those whose address is unconfirmed, each with its origin, in one
    /// query: what an organisation's page reads for its members instead of
    /// [`AccountStore::unconfirmed_origin`] per member.
    async fn unconfirmed_origins(&self, users: &[UserId]) -> Result<HashMap<UserId, OrgId>>;
    /// Records that a site administrator (`by`) checked that the address is the person's.
    async fn confirm_address(&self, user: UserId, by: UserId, now: OffsetDateTime) -> Result<()>;
    async fn roles(&self, org: OrgId, user: UserId) -> Result<RoleSet>;
    /// Every organisation where the user holds a role, with the roles.
    async fn memberships(&self, user: UserId) -> Result<Vec<(Organisation, RoleSet)>>;
    async fn members(&self, org: OrgId) -> Result<Vec<Member>>;

    /// Stores an invitation, and writes `outbox` (the invitation's mail, carrying its link to
    /// the invited address) in the same transaction. An invitation written with its mail is
    /// *mailed*: its link went only to the invited address, never to the admin's screen, and
    /// an account made from it has its address confirmed at once
    /// ([`AccountStore::accept_invitation`]). With `&[]` (no mail configured) the admin hands
    /// the link over, and the account it makes is unconfirmed.
    async fn create_invitation(
        &self,
        inv: &Invitation,
        outbox: &[crate::mail::NewMail],
    ) -> Result<()>;
    async fn invitation(&self, token_hash: &str) -> Result<Invitation>;
    async fn invitations(&self, org: OrgId) -> Result<Vec<Invitation>>;
    /// Grants the roles and marks the invitation used, recording the change, all in one
    /// transaction. A new account (`Acceptor::New`) is made only when none has the address:
    /// from a mailed invitation with its address confirmed (only the mailbox's reader held the
    /// link), otherwise with the address unconfirmed and the invitation's organisation as its
    /// origin. An
    /// existing account gains roles only when it accepts itself (`Acceptor::Account` with its
    /// id) and its address is confirmed or came from the same organisation. `Conflict` if the
    /// invitation was used already or the acceptor does not fit; `NotFound` if it expired.
    async fn accept_invitation(
        &self,
        token_hash: &str,
        acceptor: Acceptor,
        now: OffsetDateTime,
    ) -> Result<User> {
        self.accept_invitation_confirming(token_hash, acceptor, None, now)
            .await
    }
    /// [`AccountStore::accept_invitation`], and when it makes an account whose address stays
    /// unconfirmed, the `confirm` link (an address-confirmation token and its mail) is written
    /// with it in the same transaction.
    async fn accept_invitation_confirming(
        &self,
        token_hash: &str,
        acceptor: Acceptor,
        confirm: Option<ConfirmLink>,
        now: OffsetDateTime,
    ) -> Result<User>;

    async fn create_login(&self, s: &LoginSession) -> Result<()>;
    /// The session and its user, if the session exists and has not expired at `now`.
    async fn login(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<(LoginSession, User)>>;
    async fn delete_login(&self, token_hash: &str) -> Result<()>;
}

/// Processes: the order, plan versions and approvals, the state and the event log.
#[async_trait]
pub trait ProcessStore: Send + Sync {
    /// Stores the order as a new process in state `ordered` with plan version 1.
    async fn create_process(&self, p: NewProcess, at: OffsetDateTime) -> Result<Process>;
    async fn process(&self, id: ProcessId) -> Result<Process>;
    async fn processes(&self, f: &ProcessFilter) -> Result<Vec<Process>>;
    /// Assigns the facilitator and writes `outbox` (the mail telling them) in the same
    /// transaction, with the offer ([`crate::OfferStore`]) in `status`: `Accepted` or
    /// `Awaiting` their answer. An offer still awaiting an answer from someone else is
    /// withdrawn.
    async fn assign_facilitator(
        &self,
        id: ProcessId,
        facilitator: UserId,
        actor: UserId,
        status: vuoro_core::offer::OfferStatus,
        at: OffsetDateTime,
        outbox: &[NewMail],
    ) -> Result<()>;
    /// Saves a new plan version. `based_on` is the version the author edited; if another
    /// version was saved meanwhile the save is refused with `Conflict`, so nobody overwrites a
    /// change they have not seen, and `outbox` (the mail to those whose approval the new
    /// version waits for) is written only with the version. Returns the new version number.
    async fn save_plan(
        &self,
        id: ProcessId,
        based_on: u32,
        plan: &Plan,
        author: UserId,
        at: OffsetDateTime,
        outbox: &[NewMail],
    ) -> Result<u32>;
    async fn plan(&self, id: ProcessId, version: u32) -> Result<PlanVersion>;
    /// The current plan version of each of these processes, in one query: what a page listing
    /// many processes reads instead of [`ProcessStore::plan`] per process. An unknown id is
    /// left out.
    async fn current_plans(&self, ids: &[ProcessId]) -> Result<HashMap<ProcessId, PlanVersion>>;
    /// Every version, newest first.
    async fn plan_versions(&self, id: ProcessId) -> Result<Vec<PlanVersion>>;
    /// Records an approval of `version`; `Conflict` if it is no longer the current version. A
    /// side approved already keeps its approval, except that a facilitator-side approval by
    /// someone else (a new facilitator) replaces the earlier one.
    async fn approve(
        &self,
        id: ProcessId,
        version: u32,
        side: ApprovalSide,
        user: UserId,
        at: OffsetDateTime,
    ) -> Result<()>;
    async fn approvals(&self, id: ProcessId, version: u32) -> Result<Vec<Approval>>;
    /// Moves the process from `from` to `to`; `Conflict` if it is no longer in `from`.
    async fn set_state(
        &self,
        id: ProcessId,
        from: ProcessState,
        to: ProcessState,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<()>;
    /// As `set_state`, recording why in the same event (a cancellation's reason).
    async fn set_state_with_reason(
        &self,
        id: ProcessId,
        from: ProcessState,
        to: ProcessState,
        actor: UserId,
        reason: &str,
        at: OffsetDateTime,
    ) -> Result<()>;
    /// Records a coordinator's answer to an order that asked for advice on the method.
    async fn give_advice(
        &self,
        id: ProcessId,
        actor: UserId,
        method: Option<&str>,
        text: &str,
        at: OffsetDateTime,
    ) -> Result<()>;
    /// The event log of a process, oldest first.
    async fn events(&self, id: ProcessId) -> Result<Vec<ProcessEvent>>;
    /// The event logs of these processes, each oldest first, in one query: what a page
    /// looking into many processes' histories (the coordinator's count of orders still
    /// waiting for advice) reads instead of [`ProcessStore::events`] per process. A process
    /// without events (or unknown) is left out.
    async fn events_of(&self, ids: &[ProcessId]) -> Result<HashMap<ProcessId, Vec<ProcessEvent>>>;
}

/// Live sessions and everything phones do in them: participants, notes, the café, the open space, the turn queue, feedback and the live event log.
#[async_trait]
pub trait LiveStore: Send + Sync {
    /// Stores a newly opened live session. `Duplicate("join code")` if an open session already
    /// uses the code (the caller draws another).
    async fn open_live_session(&self, s: &LiveSession) -> Result<()>;
    async fn live_session(&self, id: LiveSessionId) -> Result<LiveSession>;
    /// The open live session with this code, if any.
    async fn live_session_by_code(&self, code: &JoinCode) -> Result<Option<LiveSession>>;
    /// Every live session of a process, newest first.
    async fn live_sessions(&self, process: ProcessId) -> Result<Vec<LiveSession>>;
    /// Saves the position and timer and appends a `Moved` event.
    async fn move_live_session(
        &self,
        id: LiveSessionId,
        position: Position,
        timer: Timer,
        at: OffsetDateTime,
    ) -> Result<LiveEvent>;
    /// Closes the session (its code stops working) and appends a `Closed` event.
    async fn close_live_session(&self, id: LiveSessionId, at: OffsetDateTime) -> Result<LiveEvent>;

    async fn create_participant(&self, p: &Participant) -> Result<()>;
    async fn participant_by_token(&self, token_hash: &str) -> Result<Option<Participant>>;
    /// Changes the shown name (None: anonymous) and language.
    async fn update_participant(
        &self,
        id: ParticipantId,
        display_name: Option<&str>,
        lang: &str,
    ) -> Result<()>;
    /// Participants who wrote or joined in this live session, less those removed from it.
    async fn count_participants(&self, live: LiveSessionId) -> Result<u64>;
    /// Records that a participant is in a live session (idempotent: the first `at` stays, and
    /// the session numbers its participants in that order).
    async fn attend(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
        at: OffsetDateTime,
    ) -> Result<()>;

    /// Whether this participant joined the live session, and is still in it.
    async fn presence(&self, live: LiveSessionId, participant: ParticipantId) -> Result<Presence>;
    /// Removes a participant from a live session: their token stops opening it, their hand
    /// comes down, their notes stay. Appends `HandsChanged`, so boards show the new queue.
    /// `NotFound` unless they attend it.
    async fn remove_attendee(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
        at: OffsetDateTime,
    ) -> Result<LiveEvent>;
    /// Whether new phones are turned away from the session.
    async fn joining_locked(&self, live: LiveSessionId) -> Result<bool>;
    async fn set_joining_locked(&self, live: LiveSessionId, locked: bool) -> Result<()>;

    /// Stores a note and appends its `NoteAdded` event, in one transaction.
    async fn add_note(&self, n: &Note) -> Result<LiveEvent>;
    async fn note(&self, id: NoteId) -> Result<Note>;
    /// Applies a facilitator's change, records it in the note's history and appends a
    /// `NoteChanged` event, in one transaction.
    async fn change_note(
        &self,
        id: NoteId,
        change: &NoteChange,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<LiveEvent>;
    /// The note's changes, oldest first.
    async fn note_history(&self, id: NoteId) -> Result<Vec<NoteHistoryEntry>>;
    /// Whether the facilitator has curated the note, after which its writer can no longer
    /// correct or withdraw it: the facilitator changed it (starred, hid, showed, edited, moved
    /// or merged it: anything in its history), merged another note into it, placed it in a
    /// theme of a saved theme set, or made it a source of the process's summary.
    async fn note_curated(&self, id: NoteId) -> Result<bool>;
    /// Of these notes, those [`LiveStore::note_curated`] calls curated, in one query: what a
    /// phone's page reads for the notes it wrote, instead of one query per note.
    async fn curated_notes(&self, ids: &[NoteId]) -> Result<HashSet<NoteId>>;
    /// The writer corrects their note (`Some(text)`) or withdraws it (`None`: the note is
    /// deleted, its words kept nowhere), while it is not curated, and appends `NoteChanged`, in
    /// one transaction. `NotFound` unless this participant wrote it; `Conflict` once it is
    /// curated or the session is closed.
    async fn revise_own_note(
        &self,
        id: NoteId,
        participant: ParticipantId,
        text: Option<&str>,
        at: OffsetDateTime,
    ) -> Result<LiveEvent>;
    /// Notes of a live session, oldest first.
    async fn notes(&self, live: LiveSessionId) -> Result<Vec<Note>>;
    /// Every note of every live session of a process, in one query: the sessions oldest first
    /// (the reverse of [`LiveStore::live_sessions`]), each one's notes as
    /// [`LiveStore::notes`] gives them. What the summary and themes pages read instead of
    /// `notes` per session.
    async fn process_notes(&self, process: ProcessId) -> Result<Vec<Note>>;
    /// Notes written by an open-space topic's group (or moved to it), oldest first.
    async fn topic_notes(&self, topic: TopicId) -> Result<Vec<Note>>;
    /// Notes the participant wrote in the live session since `since`, for the rate limit.
    async fn count_recent_notes(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
        since: OffsetDateTime,
    ) -> Result<u64>;
    /// Whether the phones show the feedback of the process's previous session.
    async fn shares_previous_feedback(&self, live: LiveSessionId) -> Result<bool>;
    /// Shows or hides it, and appends `Moved` so phones reload.
    async fn share_previous_feedback(
        &self,
        live: LiveSessionId,
        share: bool,
        at: OffsetDateTime,
    ) -> Result<LiveEvent>;

    async fn cafe(&self, live: LiveSessionId) -> Result<Option<Cafe>>;
    /// Saves the café (set up, hosts, a new round) and appends `Moved`, so phones reload.
    async fn save_cafe(
        &self,
        live: LiveSessionId,
        cafe: &Cafe,
        at: OffsetDateTime,
    ) -> Result<LiveEvent>;

    async fn open_space(&self, live: LiveSessionId) -> Result<Option<OpenSpace>>;
    /// Saves the open space (set-up, marketplace open or closed, the running slot), takes off
    /// the schedule every topic whose cell no longer exists, and appends `Moved`, so phones
    /// reload. `Conflict` if the session is closed.
    async fn save_open_space(
        &self,
        live: LiveSessionId,
        os: &OpenSpace,
        at: OffsetDateTime,
    ) -> Result<LiveEvent>;
    /// Adds a topic, numbering it after the session's last one (`topic.number` is ignored), and
    /// appends `TopicsChanged`. `Conflict` if the session is closed.
    async fn add_topic(&self, topic: &Topic) -> Result<(Topic, LiveEvent)>;
    async fn topic(&self, id: TopicId) -> Result<Topic>;
    /// The session's topics by number, hidden ones too, each with its count of picks.
    async fn topics(&self, live: LiveSessionId) -> Result<Vec<Topic>>;
    /// How many topics this author proposed in the session (hidden ones too).
    async fn count_topics_by(&self, live: LiveSessionId, author: &NoteAuthor) -> Result<u64>;
    /// Puts a topic into a cell of the schedule, or takes it off with `None`, and appends
    /// `TopicsChanged`. `Duplicate` if another topic holds the cell.
    async fn place_topic(
        &self,
        topic: TopicId,
        cell: Option<Cell>,
        at: OffsetDateTime,
    ) -> Result<LiveEvent>;
    /// Hides a topic (which also takes it off the schedule) or shows it again, and appends
    /// `TopicsChanged`.
    async fn set_topic_hidden(
        &self,
        topic: TopicId,
        hidden: bool,
        at: OffsetDateTime,
    ) -> Result<LiveEvent>;
    /// The participant will go to this topic's group. One can be in one place at a time, so
    /// their picks of other topics placed in the same slot are dropped. Appends `TopicsPicked`.
    /// The participant must attend the session and the topic must belong to it (`NotFound`).
    async fn pick_topic(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
        topic: TopicId,
        at: OffsetDateTime,
    ) -> Result<LiveEvent>;
    /// Drops a pick (nothing if there was none) and appends `TopicsPicked`.
    async fn unpick_topic(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
        topic: TopicId,
        at: OffsetDateTime,
    ) -> Result<LiveEvent>;
    /// The topics this participant picked in the session.
    async fn picks_of(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
    ) -> Result<Vec<TopicId>>;

    /// Puts the participant in the queue (once) and appends `HandsChanged`.
    async fn raise_hand(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
        at: OffsetDateTime,
    ) -> Result<LiveEvent>;
    /// Takes the participant out of the queue and appends `HandsChanged`.
    async fn lower_hand(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
        at: OffsetDateTime,
    ) -> Result<LiveEvent>;
    /// The queue, first raised first.
    async fn hands(&self, live: LiveSessionId) -> Result<Vec<Hand>>;
    /// Everyone recorded in the session, by number (the order they joined, from 1), with the
    /// name they chose to show.
    async fn attendees(&self, live: LiveSessionId) -> Result<Vec<Attendee>>;
    /// The participant with this number in the session (the order they joined, from 1).
    async fn participant_by_number(
        &self,
        live: LiveSessionId,
        number: u32,
    ) -> Result<Option<ParticipantId>>;

    async fn feedback_state(&self, live: LiveSessionId) -> Result<FeedbackState>;
    /// Opens or closes the feedback form and appends a `Moved` event, so phones reload.
    /// `Conflict` if the session is closed or the form may not move so
    /// (`FeedbackState::may_become`: closing is final).
    async fn set_feedback_state(
        &self,
        live: LiveSessionId,
        state: FeedbackState,
        at: OffsetDateTime,
    ) -> Result<LiveEvent>;
    /// Stores one participant's answers: the answers without the participant or a time, and
    /// apart from them only that the participant answered. `Duplicate("feedback")` if they
    /// answered already, `Conflict` if the form is not open or the session is closed. `at` is
    /// not stored: the time of an answer would tell who gave it.
    async fn add_feedback(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
        answers: &[Answer],
        at: OffsetDateTime,
    ) -> Result<()>;
    async fn feedback_given(&self, live: LiveSessionId, participant: ParticipantId)
    -> Result<bool>;
    /// Every response's answers, without who gave them, ordered by content, never by arrival.
    async fn feedback_responses(&self, live: LiveSessionId) -> Result<Vec<Vec<Answer>>>;
    /// The feedback of every live session of a process that has any answers, newest session
    /// first, in one query: what the process page and the summary draft sum up per phase,
    /// instead of [`LiveStore::feedback_state`] and [`LiveStore::feedback_responses`] per
    /// session. Each session's answers as `feedback_responses` gives them.
    async fn process_feedback(&self, process: ProcessId) -> Result<Vec<SessionFeedback>>;

    /// The newest event's `seq` of a live session, 0 when it has none.
    async fn last_live_seq(&self, live: LiveSessionId) -> Result<i64>;
    /// Events of a live session with `seq` greater than `after`, oldest first.
    async fn live_events_after(&self, live: LiveSessionId, after: i64) -> Result<Vec<LiveEvent>>;
    /// At most `limit` events of a live session after `after`, oldest first, each with the
    /// note it is about and that note's topic, in one query: what a reconnecting client is
    /// sent, and what a new event is published as.
    async fn live_backlog(
        &self,
        live: LiveSessionId,
        after: i64,
        limit: u32,
    ) -> Result<Vec<LiveReplay>>;
}

/// What a process produces: themes, practices, the summary and its shared link.
#[async_trait]
pub trait OutcomeStore: Send + Sync {
    /// The latest version of a scope's themes, if any was saved.
    async fn themes(&self, process: ProcessId, scope: Scope) -> Result<Option<ThemeVersion>>;
    /// Saves a new version of a scope's themes and appends `ThemesSaved`. `base` is the version
    /// the change was made on (`None` for the first); `Conflict` if a newer one exists, so two
    /// people curating at once never overwrite each other. Returns the new version number.
    // Every argument is a column of the version or of its event; a struct built at one call
    // site would only rename them.
    #[allow(clippy::too_many_arguments)]
    async fn save_themes(
        &self,
        process: ProcessId,
        scope: Scope,
        base: Option<u32>,
        set: &ThemeSet,
        curated: bool,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<u32>;
    /// Every saved version of a scope's themes, newest first, without their sets.
    async fn theme_versions(
        &self,
        process: ProcessId,
        scope: Scope,
    ) -> Result<Vec<(u32, bool, UserId, OffsetDateTime)>>;
    /// A given version of a scope's themes.
    async fn theme_version(
        &self,
        process: ProcessId,
        scope: Scope,
        version: u32,
    ) -> Result<ThemeVersion>;

    /// Records a practice. A practice written by staff appends `PracticeSaved`; one written
    /// from a phone appends nothing, since the process log names only staff as actors.
    async fn add_practice(&self, p: &Practice) -> Result<()>;
    async fn practice(&self, id: PracticeId) -> Result<Practice>;
    /// The practices of a process, oldest first.
    async fn practices(&self, process: ProcessId) -> Result<Vec<Practice>>;
    /// Staff correct a practice's kind, title, owner or due date; appends `PracticeSaved`.
    // The four fields are exactly what the edit form changes, so they are passed as they are.
    #[allow(clippy::too_many_arguments)]
    async fn edit_practice(
        &self,
        id: PracticeId,
        kind: PracticeKind,
        title: &str,
        owner: Option<&str>,
        due: Option<Date>,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<()>;
    /// Follows a practice up; appends `PracticeStatusChanged` (nothing if the status is the same).
    async fn set_practice_status(
        &self,
        id: PracticeId,
        status: PracticeStatus,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<()>;

    /// The latest version of the process's summary, if any.
    async fn summary(&self, process: ProcessId) -> Result<Option<SummaryVersion>>;
    async fn summary_version(&self, process: ProcessId, version: u32) -> Result<SummaryVersion>;
    /// The latest published version of each of these processes' summaries, for those that have
    /// one, in one query: what an organisation's plan page shows under its areas instead of
    /// reading each process's versions and then its published one.
    async fn published_summaries(
        &self,
        processes: &[ProcessId],
    ) -> Result<HashMap<ProcessId, SummaryVersion>>;
    /// Saves a new version and appends `SummarySaved`. `base` is the version the change was made
    /// on (`None` for the first); `Conflict` if a newer one exists. Returns the new version.
    #[allow(clippy::too_many_arguments)]
    async fn save_summary(
        &self,
        process: ProcessId,
        base: Option<u32>,
        summary: &Summary,
        state: SummaryState,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<u32>;
    /// Every version, newest first, without the text: (version, state, who, when).
    async fn summary_versions(
        &self,
        process: ProcessId,
    ) -> Result<Vec<(u32, SummaryState, UserId, OffsetDateTime)>>;
    async fn add_summary_comment(&self, c: &SummaryComment) -> Result<()>;
    /// The comments on the process's summary, oldest first.
    async fn summary_comments(&self, process: ProcessId) -> Result<Vec<SummaryComment>>;
    /// How many comments this participant left on the process's summary.
    async fn count_summary_comments_by(
        &self,
        process: ProcessId,
        participant: ParticipantId,
    ) -> Result<u64>;

    /// Makes the process's summary link with the hash of its token and appends
    /// `SummaryLinkMade`. `Conflict` while another link of the process works: it must be
    /// revoked first, so that one process has at most one working link.
    async fn make_summary_link(
        &self,
        process: ProcessId,
        token_hash: &str,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<SummaryLink>;
    /// The process's working (not revoked) link, if any.
    async fn summary_link(&self, process: ProcessId) -> Result<Option<SummaryLink>>;
    /// The link, working or revoked, whose token has this hash.
    async fn summary_link_by_hash(&self, token_hash: &str) -> Result<Option<SummaryLink>>;
    /// Revokes the process's working link and appends `SummaryLinkRevoked`; `NotFound` when no
    /// link works.
    async fn revoke_summary_link(
        &self,
        process: ProcessId,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<()>;
    /// Adds a comment left through a link, unless the link already carries `max` comments
    /// (then `Ok(false)`); the count and the insert are one statement, so a burst of comments
    /// cannot pass the cap together.
    async fn add_summary_link_comment(&self, c: &SummaryLinkComment, max: u64) -> Result<bool>;
    /// The comments left through the process's links, oldest first.
    async fn summary_link_comments(&self, process: ProcessId) -> Result<Vec<SummaryLinkComment>>;
}
