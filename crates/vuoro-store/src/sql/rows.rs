//! Rows as SQLite returns them, and their checked conversion into the store's records.

use super::codec::{
    from_json, index, join_code, number, parse_id, parse_opt_date, parse_opt_id,
    parse_opt_timestamp, parse_timestamp, version,
};
use crate::{
    Approval, ApprovalSide, CafePlace, EventKind, Invitation, LiveEvent, LiveEventKind,
    LiveSession, LoginSession, Note, NoteAuthor, Organisation, Participant, PlanVersion, Practice,
    Process, ProcessEvent, Result, StoreError, SummaryComment, SummaryLink, SummaryLinkComment,
    SummaryVersion, ThemeVersion, Topic, Unit, User,
};
use time::OffsetDateTime;
use vuoro_core::live::Position;
use vuoro_core::openspace::Cell;
use vuoro_core::practice::{PracticeKind, PracticeStatus};
use vuoro_core::summary::SummaryState;
use vuoro_core::themes::Scope;
use vuoro_core::{ProcessState, RoleSet, UserId};

#[derive(Debug, sqlx::FromRow)]
pub struct OrgRow {
    pub id: String,
    name: String,
    created_at: String,
}

impl OrgRow {
    pub fn into_org(self) -> Result<Organisation> {
        Ok(Organisation {
            id: parse_id(&self.id, "organisations")?,
            name: self.name,
            created_at: parse_timestamp(&self.created_at, "organisations")?,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct MembershipRow {
    #[sqlx(flatten)]
    pub org: OrgRow,
    pub role: String,
}

#[derive(Debug, sqlx::FromRow)]
pub struct UnitRow {
    id: String,
    org_id: String,
    name: String,
}

impl UnitRow {
    pub fn into_unit(self) -> Result<Unit> {
        Ok(Unit {
            id: parse_id(&self.id, "units")?,
            org: parse_id(&self.org_id, "units")?,
            name: self.name,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct UserRow {
    pub id: String,
    email: String,
    name: String,
    password_hash: String,
    site_admin: bool,
    created_at: String,
}

impl UserRow {
    pub fn into_user(self) -> Result<User> {
        Ok(User {
            id: parse_id(&self.id, "users")?,
            email: self.email,
            name: self.name,
            password_hash: self.password_hash,
            site_admin: self.site_admin,
            created_at: parse_timestamp(&self.created_at, "users")?,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct MemberRow {
    #[sqlx(flatten)]
    pub user: UserRow,
    pub role: String,
}

#[derive(Debug, sqlx::FromRow)]
pub struct InvitationRow {
    pub token_hash: String,
    org_id: String,
    email: String,
    invited_by: String,
    created_at: String,
    expires_at: String,
    accepted_at: Option<String>,
}

impl InvitationRow {
    pub fn into_invitation(self, roles: RoleSet) -> Result<Invitation> {
        Ok(Invitation {
            org: parse_id(&self.org_id, "invitations")?,
            email: self.email,
            roles,
            invited_by: parse_id(&self.invited_by, "invitations")?,
            created_at: parse_timestamp(&self.created_at, "invitations")?,
            expires_at: parse_timestamp(&self.expires_at, "invitations")?,
            accepted_at: parse_opt_timestamp(self.accepted_at.as_deref(), "invitations")?,
            token_hash: self.token_hash,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct LoginRow {
    token_hash: String,
    session_created_at: String,
    expires_at: String,
    via: String,
    #[sqlx(flatten)]
    user: UserRow,
}

impl LoginRow {
    pub fn into_login(self) -> Result<(LoginSession, User)> {
        let user = self.user.into_user()?;
        let session = LoginSession {
            token_hash: self.token_hash,
            user: user.id,
            created_at: parse_timestamp(&self.session_created_at, "login_sessions")?,
            expires_at: parse_timestamp(&self.expires_at, "login_sessions")?,
            via: crate::LoginVia::parse(&self.via)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown log-in {}", self.via)))?,
        };
        Ok((session, user))
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct ProcessRow {
    id: String,
    org_id: String,
    unit_id: Option<String>,
    title: String,
    state: String,
    orderer_id: String,
    facilitator_id: Option<String>,
    order_json: String,
    method_id: Option<String>,
    plan_version: i64,
    first_session: Option<String>,
    last_session: Option<String>,
    created_at: String,
    updated_at: String,
    awaiting_answer: bool,
}

impl ProcessRow {
    pub fn into_process(self) -> Result<Process> {
        const T: &str = "processes";
        Ok(Process {
            id: parse_id(&self.id, T)?,
            org: parse_id(&self.org_id, T)?,
            unit: parse_opt_id(self.unit_id.as_deref(), T)?,
            title: self.title,
            state: ProcessState::parse(&self.state)
                .ok_or_else(|| StoreError::Corrupt("unknown process state".into()))?,
            orderer: parse_id(&self.orderer_id, T)?,
            facilitator: parse_opt_id(self.facilitator_id.as_deref(), T)?,
            order: from_json(&self.order_json, "order")?,
            method_id: self.method_id,
            plan_version: version(self.plan_version, T)?,
            first_session: parse_opt_date(self.first_session.as_deref(), T)?,
            last_session: parse_opt_date(self.last_session.as_deref(), T)?,
            awaiting_answer: self.awaiting_answer,
            created_at: parse_timestamp(&self.created_at, T)?,
            updated_at: parse_timestamp(&self.updated_at, T)?,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct PlanRow {
    process_id: String,
    version: i64,
    plan_json: String,
    author_id: String,
    created_at: String,
}

impl PlanRow {
    pub fn into_plan_version(self) -> Result<PlanVersion> {
        const T: &str = "plan_versions";
        Ok(PlanVersion {
            process: parse_id(&self.process_id, T)?,
            version: version(self.version, T)?,
            plan: from_json(&self.plan_json, "plan")?,
            author: parse_id(&self.author_id, T)?,
            created_at: parse_timestamp(&self.created_at, T)?,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct ApprovalRow {
    process_id: String,
    version: i64,
    side: String,
    user_id: String,
    at: String,
}

impl ApprovalRow {
    pub fn into_approval(self) -> Result<Approval> {
        const T: &str = "approvals";
        let side = match self.side.as_str() {
            "orderer" => ApprovalSide::Orderer,
            "facilitator" => ApprovalSide::Facilitator,
            _ => return Err(StoreError::Corrupt("unknown approval side".into())),
        };
        Ok(Approval {
            process: parse_id(&self.process_id, T)?,
            version: version(self.version, T)?,
            side,
            user: parse_id(&self.user_id, T)?,
            at: parse_timestamp(&self.at, T)?,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct EventRow {
    seq: i64,
    process_id: String,
    actor_id: String,
    at: String,
    kind_json: String,
}

impl EventRow {
    pub fn into_event(self) -> Result<ProcessEvent> {
        const T: &str = "process_events";
        let kind: EventKind = from_json(&self.kind_json, "event")?;
        Ok(ProcessEvent {
            process: parse_id(&self.process_id, T)?,
            seq: self.seq,
            actor: parse_id(&self.actor_id, T)?,
            at: parse_timestamp(&self.at, T)?,
            kind,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct LiveSessionRow {
    id: String,
    process_id: String,
    plan_session: i64,
    phase: i64,
    join_code: String,
    open: bool,
    stage: i64,
    question: i64,
    timer_json: String,
    opened_by: String,
    opened_at: String,
    closed_at: Option<String>,
}

impl LiveSessionRow {
    pub fn into_live_session(self) -> Result<LiveSession> {
        const T: &str = "live_sessions";
        Ok(LiveSession {
            id: parse_id(&self.id, T)?,
            process: parse_id(&self.process_id, T)?,
            plan_session: number(self.plan_session, T)?,
            phase: number(self.phase, T)?,
            join_code: join_code(self.join_code)?,
            open: self.open,
            position: Position {
                stage: index(self.stage, T)?,
                question: index(self.question, T)?,
            },
            timer: from_json(&self.timer_json, "timer")?,
            opened_by: parse_id(&self.opened_by, T)?,
            opened_at: parse_timestamp(&self.opened_at, T)?,
            closed_at: parse_opt_timestamp(self.closed_at.as_deref(), T)?,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct ParticipantRow {
    id: String,
    process_id: String,
    token_hash: String,
    display_name: Option<String>,
    lang: String,
    created_at: String,
}

impl ParticipantRow {
    pub fn into_participant(self) -> Result<Participant> {
        const T: &str = "participants";
        Ok(Participant {
            id: parse_id(&self.id, T)?,
            process: parse_id(&self.process_id, T)?,
            token_hash: self.token_hash,
            display_name: self.display_name,
            lang: self.lang,
            created_at: parse_timestamp(&self.created_at, T)?,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct NoteRow {
    id: String,
    live_session_id: String,
    participant_id: Option<String>,
    staff_user_id: Option<String>,
    shown_name: Option<String>,
    stage: i64,
    question: String,
    text: String,
    lang: String,
    hidden: bool,
    starred: bool,
    cafe_round: Option<i64>,
    cafe_table: Option<i64>,
    summary: bool,
    merged_into: Option<String>,
    topic_id: Option<String>,
    created_at: String,
}

/// The author of a note, a topic or a practice, stored as two columns of which exactly one is set.
fn author(participant: Option<String>, staff: Option<String>, what: &str) -> Result<NoteAuthor> {
    match (participant, staff) {
        (Some(p), None) => Ok(NoteAuthor::Participant(parse_id(&p, what)?)),
        (None, Some(u)) => Ok(NoteAuthor::Staff(parse_id(&u, what)?)),
        _ => Err(StoreError::Corrupt(format!(
            "a row of {what} needs exactly one author"
        ))),
    }
}

impl NoteRow {
    pub fn into_note(self) -> Result<Note> {
        const T: &str = "notes";
        Ok(Note {
            id: parse_id(&self.id, T)?,
            live_session: parse_id(&self.live_session_id, T)?,
            author: author(self.participant_id, self.staff_user_id, T)?,
            shown_name: self.shown_name,
            stage: number(self.stage, T)?,
            question: self.question,
            text: self.text,
            lang: self.lang,
            hidden: self.hidden,
            starred: self.starred,
            place: match (self.cafe_round, self.cafe_table) {
                (Some(round), Some(table)) => Some(CafePlace {
                    round: number(round, T)?,
                    table: number(table, T)?,
                    summary: self.summary,
                }),
                _ => None,
            },
            merged_into: self.merged_into.map(|m| parse_id(&m, T)).transpose()?,
            topic: parse_opt_id(self.topic_id.as_deref(), T)?,
            created_at: parse_timestamp(&self.created_at, T)?,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct TopicRow {
    id: String,
    live_session_id: String,
    number: i64,
    title: String,
    participant_id: Option<String>,
    staff_user_id: Option<String>,
    shown_name: Option<String>,
    lang: String,
    slot: Option<i64>,
    space: Option<i64>,
    hidden: bool,
    created_at: String,
    picks: i64,
}

impl TopicRow {
    pub fn into_topic(self) -> Result<Topic> {
        const T: &str = "topics";
        let cell = match (self.slot, self.space) {
            (Some(slot), Some(space)) => Some(Cell {
                slot: number(slot, T)?,
                space: number(space, T)?,
            }),
            (None, None) => None,
            // The schema's CHECK forbids half a cell, so one read back means damage.
            _ => return Err(StoreError::Corrupt("a topic has half a cell".into())),
        };
        Ok(Topic {
            id: parse_id(&self.id, T)?,
            live_session: parse_id(&self.live_session_id, T)?,
            number: number(self.number, T)?,
            title: self.title,
            author: author(self.participant_id, self.staff_user_id, T)?,
            shown_name: self.shown_name,
            lang: self.lang,
            cell,
            hidden: self.hidden,
            picks: number(self.picks, T)?,
            created_at: parse_timestamp(&self.created_at, T)?,
        })
    }
}

fn scope(s: &str, what: &str) -> Result<Scope> {
    Scope::parse(s).ok_or_else(|| StoreError::Corrupt(format!("unknown scope in {what}")))
}

#[derive(Debug, sqlx::FromRow)]
pub struct ThemeRow {
    process_id: String,
    scope: String,
    version: i64,
    themes_json: String,
    curated: bool,
    created_by: String,
    created_at: String,
}

impl ThemeRow {
    pub fn into_theme_version(self) -> Result<ThemeVersion> {
        const T: &str = "theme_sets";
        Ok(ThemeVersion {
            process: parse_id(&self.process_id, T)?,
            scope: scope(&self.scope, T)?,
            version: version(self.version, T)?,
            set: from_json(&self.themes_json, "themes")?,
            curated: self.curated,
            created_by: parse_id(&self.created_by, T)?,
            created_at: parse_timestamp(&self.created_at, T)?,
        })
    }
}

/// A version of a scope's themes as lists show it, without the set itself.
#[derive(Debug, sqlx::FromRow)]
pub struct ThemeListRow {
    version: i64,
    curated: bool,
    created_by: String,
    created_at: String,
}

impl ThemeListRow {
    pub fn into_entry(self) -> Result<(u32, bool, UserId, OffsetDateTime)> {
        const T: &str = "theme_sets";
        Ok((
            version(self.version, T)?,
            self.curated,
            parse_id(&self.created_by, T)?,
            parse_timestamp(&self.created_at, T)?,
        ))
    }
}

fn summary_state(s: &str) -> Result<SummaryState> {
    SummaryState::parse(s).ok_or_else(|| StoreError::Corrupt("unknown summary state".into()))
}

#[derive(Debug, sqlx::FromRow)]
pub struct SummaryRow {
    process_id: String,
    version: i64,
    summary_json: String,
    state: String,
    created_by: String,
    created_at: String,
}

impl SummaryRow {
    pub fn into_summary_version(self) -> Result<SummaryVersion> {
        const T: &str = "summary_versions";
        Ok(SummaryVersion {
            process: parse_id(&self.process_id, T)?,
            version: version(self.version, T)?,
            summary: from_json(&self.summary_json, "summary")?,
            state: summary_state(&self.state)?,
            created_by: parse_id(&self.created_by, T)?,
            created_at: parse_timestamp(&self.created_at, T)?,
        })
    }
}

/// A version of the summary as lists show it, without its text.
#[derive(Debug, sqlx::FromRow)]
pub struct SummaryListRow {
    version: i64,
    state: String,
    created_by: String,
    created_at: String,
}

impl SummaryListRow {
    pub fn into_entry(self) -> Result<(u32, SummaryState, UserId, OffsetDateTime)> {
        const T: &str = "summary_versions";
        Ok((
            version(self.version, T)?,
            summary_state(&self.state)?,
            parse_id(&self.created_by, T)?,
            parse_timestamp(&self.created_at, T)?,
        ))
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct SummaryCommentRow {
    process_id: String,
    summary_version: i64,
    participant_id: String,
    text: String,
    lang: String,
    created_at: String,
}

#[derive(Debug, sqlx::FromRow)]
pub struct SummaryLinkRow {
    id: i64,
    process_id: String,
    token_hash: String,
    created_by: String,
    created_at: String,
    revoked_by: Option<String>,
    revoked_at: Option<String>,
}

impl SummaryLinkRow {
    pub fn into_link(self) -> Result<SummaryLink> {
        const T: &str = "summary_links";
        let revoked = match (self.revoked_by, self.revoked_at) {
            (Some(by), Some(at)) => Some((parse_id(&by, T)?, parse_timestamp(&at, T)?)),
            (None, None) => None,
            _ => return Err(StoreError::Corrupt(format!("half a revocation in {T}"))),
        };
        Ok(SummaryLink {
            id: self.id,
            process: parse_id(&self.process_id, T)?,
            token_hash: self.token_hash,
            created_by: parse_id(&self.created_by, T)?,
            created_at: parse_timestamp(&self.created_at, T)?,
            revoked,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct SummaryLinkCommentRow {
    process_id: String,
    summary_version: i64,
    link_id: i64,
    text: String,
    lang: String,
    created_at: String,
}

impl SummaryLinkCommentRow {
    pub fn into_comment(self) -> Result<SummaryLinkComment> {
        const T: &str = "summary_link_comments";
        Ok(SummaryLinkComment {
            process: parse_id(&self.process_id, T)?,
            version: version(self.summary_version, T)?,
            link: self.link_id,
            text: self.text,
            lang: self.lang,
            created_at: parse_timestamp(&self.created_at, T)?,
        })
    }
}

impl SummaryCommentRow {
    pub fn into_summary_comment(self) -> Result<SummaryComment> {
        const T: &str = "summary_comments";
        Ok(SummaryComment {
            process: parse_id(&self.process_id, T)?,
            version: version(self.summary_version, T)?,
            participant: parse_id(&self.participant_id, T)?,
            text: self.text,
            lang: self.lang,
            created_at: parse_timestamp(&self.created_at, T)?,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct PracticeRow {
    id: String,
    process_id: String,
    live_session_id: Option<String>,
    group_label: Option<String>,
    kind: String,
    title: String,
    owner: Option<String>,
    due: Option<String>,
    status: String,
    participant_id: Option<String>,
    staff_user_id: Option<String>,
    lang: String,
    created_at: String,
    updated_at: String,
}

impl PracticeRow {
    pub fn into_practice(self) -> Result<Practice> {
        const T: &str = "practices";
        Ok(Practice {
            id: parse_id(&self.id, T)?,
            process: parse_id(&self.process_id, T)?,
            live_session: parse_opt_id(self.live_session_id.as_deref(), T)?,
            group: self.group_label,
            kind: PracticeKind::parse(&self.kind)
                .ok_or_else(|| StoreError::Corrupt("unknown practice kind".into()))?,
            title: self.title,
            owner: self.owner,
            due: parse_opt_date(self.due.as_deref(), T)?,
            status: PracticeStatus::parse(&self.status)
                .ok_or_else(|| StoreError::Corrupt("unknown practice status".into()))?,
            author: author(self.participant_id, self.staff_user_id, T)?,
            lang: self.lang,
            created_at: parse_timestamp(&self.created_at, T)?,
            updated_at: parse_timestamp(&self.updated_at, T)?,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct LiveEventRow {
    seq: i64,
    live_session_id: String,
    at: String,
    kind_json: String,
}

impl LiveEventRow {
    pub fn into_live_event(self) -> Result<LiveEvent> {
        const T: &str = "live_events";
        let kind: LiveEventKind = from_json(&self.kind_json, "live event")?;
        Ok(LiveEvent {
            seq: self.seq,
            live_session: parse_id(&self.live_session_id, T)?,
            at: parse_timestamp(&self.at, T)?,
            kind,
        })
    }
}

/// A live event with the note it is about and that note's topic, as `live_backlog` reads them
/// in one query (`LEFT JOIN`s, so every note and topic column may be missing).
#[derive(Debug, sqlx::FromRow)]
pub struct ReplayRow {
    seq: i64,
    live_session_id: String,
    at: String,
    kind_json: String,
    n_id: Option<String>,
    n_live_session_id: Option<String>,
    n_participant_id: Option<String>,
    n_staff_user_id: Option<String>,
    n_shown_name: Option<String>,
    n_stage: Option<i64>,
    n_question: Option<String>,
    n_text: Option<String>,
    n_lang: Option<String>,
    n_hidden: Option<bool>,
    n_starred: Option<bool>,
    n_cafe_round: Option<i64>,
    n_cafe_table: Option<i64>,
    n_summary: Option<bool>,
    n_merged_into: Option<String>,
    n_topic_id: Option<String>,
    n_created_at: Option<String>,
    t_number: Option<i64>,
    t_title: Option<String>,
}

impl ReplayRow {
    pub fn into_replay(self) -> Result<crate::LiveReplay> {
        let missing = || StoreError::Corrupt("a joined note lacks a column".into());
        let event = LiveEventRow {
            seq: self.seq,
            live_session_id: self.live_session_id,
            at: self.at,
            kind_json: self.kind_json,
        }
        .into_live_event()?;
        let note = match self.n_id {
            None => None,
            Some(id) => Some(
                NoteRow {
                    id,
                    live_session_id: self.n_live_session_id.ok_or_else(missing)?,
                    participant_id: self.n_participant_id,
                    staff_user_id: self.n_staff_user_id,
                    shown_name: self.n_shown_name,
                    stage: self.n_stage.ok_or_else(missing)?,
                    question: self.n_question.ok_or_else(missing)?,
                    text: self.n_text.ok_or_else(missing)?,
                    lang: self.n_lang.ok_or_else(missing)?,
                    hidden: self.n_hidden.ok_or_else(missing)?,
                    starred: self.n_starred.ok_or_else(missing)?,
                    cafe_round: self.n_cafe_round,
                    cafe_table: self.n_cafe_table,
                    summary: self.n_summary.ok_or_else(missing)?,
                    merged_into: self.n_merged_into,
                    topic_id: self.n_topic_id,
                    created_at: self.n_created_at.ok_or_else(missing)?,
                }
                .into_note()?,
            ),
        };
        let topic = match (self.t_number, self.t_title) {
            (Some(n), Some(title)) => Some((number(n, "topics")?, title)),
            _ => None,
        };
        Ok(crate::LiveReplay { event, note, topic })
    }
}

/// One answer of a session's feedback with its session's phase and state: the rows of
/// [`crate::LiveStore::process_feedback`], newest session first and each session's answers
/// by content. [`FeedbackAnswerRow::group`] gathers them per session.
#[derive(Debug, sqlx::FromRow)]
pub struct FeedbackAnswerRow {
    live_session_id: String,
    phase: i64,
    open: bool,
    feedback: String,
    answers_json: String,
}

impl FeedbackAnswerRow {
    /// The sessions in the order their rows come, each with its answers in theirs.
    pub fn group(rows: Vec<FeedbackAnswerRow>) -> Result<Vec<crate::SessionFeedback>> {
        const T: &str = "feedback_answers";
        let mut out: Vec<crate::SessionFeedback> = Vec::new();
        for r in rows {
            let id = parse_id(&r.live_session_id, T)?;
            let answers = from_json(&r.answers_json, T)?;
            match out.last_mut() {
                Some(last) if last.live_session == id => last.responses.push(answers),
                _ => out.push(crate::SessionFeedback {
                    live_session: id,
                    phase: number(r.phase, T)?,
                    open: r.open,
                    state: vuoro_core::feedback::FeedbackState::parse(&r.feedback).ok_or_else(
                        || StoreError::Corrupt(format!("{T}: feedback state {:?}", r.feedback)),
                    )?,
                    responses: vec![answers],
                }),
            }
        }
        Ok(out)
    }
}

/// An area of an organisation's plans with whether one process is linked to it: the rows of
/// [`crate::CatalogueStore::process_plan_areas`].
#[derive(Debug, sqlx::FromRow)]
pub struct ProcessPlanAreaRow {
    plan_id: String,
    plan_name: String,
    area_id: String,
    area_name: String,
    linked: bool,
}

impl ProcessPlanAreaRow {
    pub fn into_area(self) -> Result<crate::ProcessPlanArea> {
        const T: &str = "plan_areas";
        Ok(crate::ProcessPlanArea {
            plan: parse_id(&self.plan_id, T)?,
            plan_name: self.plan_name,
            area: parse_id(&self.area_id, T)?,
            area_name: self.area_name,
            linked: self.linked,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct OfferRow {
    process_id: String,
    facilitator_id: String,
    offered_by: String,
    offered_at: String,
    status: String,
    answered_at: Option<String>,
    reason: Option<String>,
}

impl OfferRow {
    pub fn into_offer(self) -> Result<crate::Offer> {
        const T: &str = "facilitator_offers";
        Ok(crate::Offer {
            process: parse_id(&self.process_id, T)?,
            facilitator: parse_id(&self.facilitator_id, T)?,
            offered_by: parse_id(&self.offered_by, T)?,
            offered_at: parse_timestamp(&self.offered_at, T)?,
            status: vuoro_core::offer::OfferStatus::parse(&self.status).ok_or_else(|| {
                StoreError::Corrupt(format!("unknown offer status {}", self.status))
            })?,
            answered_at: parse_opt_timestamp(self.answered_at.as_deref(), T)?,
            reason: self.reason,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct PartnershipRow {
    id: String,
    proposer_org: String,
    partner_org: String,
    scope: String,
    proposed_by: String,
    proposed_at: String,
    accepted_by: Option<String>,
    accepted_at: Option<String>,
    ended_by: Option<String>,
    ended_at: Option<String>,
}

impl PartnershipRow {
    pub fn into_partnership(self) -> Result<vuoro_core::partner::Partnership> {
        const T: &str = "partnerships";
        Ok(vuoro_core::partner::Partnership {
            id: parse_id(&self.id, T)?,
            proposer: parse_id(&self.proposer_org, T)?,
            partner: parse_id(&self.partner_org, T)?,
            scope: vuoro_core::partner::Scope::parse(&self.scope).ok_or_else(|| {
                StoreError::Corrupt(format!("unknown partnership scope {}", self.scope))
            })?,
            proposed_by: parse_id(&self.proposed_by, T)?,
            proposed_at: parse_timestamp(&self.proposed_at, T)?,
            accepted_by: parse_opt_id(self.accepted_by.as_deref(), T)?,
            accepted_at: parse_opt_timestamp(self.accepted_at.as_deref(), T)?,
            ended_by: parse_opt_id(self.ended_by.as_deref(), T)?,
            ended_at: parse_opt_timestamp(self.ended_at.as_deref(), T)?,
        })
    }
}
