//! The SQLite backend: one database file in WAL mode, a small connection pool and the schema in
//! `migrations/`, applied whenever the store is opened.
//!
//! Every write that touches more than one row runs in a `BEGIN IMMEDIATE` transaction. Taking
//! the write lock up front means a transaction never has to upgrade a read snapshot to a write,
//! which in WAL mode fails at once instead of waiting for the busy timeout.

mod catalogue;
mod codec;
mod rows;

use crate::{
    ADDRESS_UNCONFIRMED, Acceptor, Approval, ApprovalSide, Attendee, EventKind, Hand, Invitation,
    LiveEvent, LiveEventKind, LiveReplay, LiveSession, LoginSession, Member, NewProcess, NewUser,
    Note, NoteAuthor, NoteChange, NoteHistoryEntry, Organisation, Participant, PlanVersion,
    Practice, Presence, Process, ProcessEvent, ProcessFilter, Result, RoleChange, RoleChangeVia,
    Store, StoreError, SummaryComment, SummaryLink, SummaryLinkComment, SummaryVersion,
    ThemeVersion, Topic, Unit, User,
};
use async_trait::async_trait;
use codec::{
    count, date, db, db_unique, from_json, index_value, normalise_email, number, parse_id,
    parse_role, parse_timestamp, role_set, timestamp, to_json,
};
use rows::{
    ApprovalRow, EventRow, InvitationRow, LiveEventRow, LiveSessionRow, LoginRow, MemberRow,
    MembershipRow, NoteRow, OrgRow, ParticipantRow, PlanRow, PracticeRow, ProcessRow, ReplayRow,
    SummaryCommentRow, SummaryLinkCommentRow, SummaryLinkRow, SummaryListRow, SummaryRow,
    ThemeListRow, ThemeRow, TopicRow, UnitRow, UserRow,
};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::{QueryBuilder, Sqlite, Transaction};
use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;
use time::{Date, OffsetDateTime};
use vuoro_core::cafe::Cafe;
use vuoro_core::feedback::{Answer, FeedbackState};
use vuoro_core::live::{JoinCode, Position, Timer};
use vuoro_core::openspace::{Cell, OpenSpace};
use vuoro_core::plan::Plan;
use vuoro_core::practice::{PracticeKind, PracticeStatus};
use vuoro_core::summary::{Summary, SummaryState};
use vuoro_core::themes::{Scope, ThemeSet};
use vuoro_core::{
    LiveSessionId, NoteId, OrgId, ParticipantId, PracticeId, ProcessId, ProcessState, RoleSet,
    TopicId, UnitId, UserId,
};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Connections in the pool. SQLite allows one writer at a time anyway; a few connections let
/// page loads read while a write is in progress.
const MAX_CONNECTIONS: u32 = 4;

/// How long a statement waits for another connection's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The columns of `processes` that [`ProcessRow`] reads, written once for every query.
macro_rules! process_columns {
    () => {
        "id, org_id, unit_id, title, state, orderer_id, facilitator_id, order_json, method_id, \
         plan_version, first_session, last_session, created_at, updated_at"
    };
}

/// The columns of `users` (aliased `u`) that [`UserRow`] reads.
macro_rules! user_columns {
    () => {
        "u.id, u.email, u.name, u.password_hash, u.site_admin, u.created_at"
    };
}

/// The columns of `live_sessions` that [`LiveSessionRow`] reads.
macro_rules! live_session_columns {
    () => {
        "id, process_id, plan_session, phase, join_code, open, stage, question, timer_json, \
         opened_by, opened_at, closed_at"
    };
}

/// The columns of `participants` that [`ParticipantRow`] reads.
macro_rules! participant_columns {
    () => {
        "id, process_id, token_hash, display_name, lang, created_at"
    };
}

/// The columns of `notes` that [`NoteRow`] reads.
macro_rules! note_columns {
    () => {
        "id, live_session_id, participant_id, staff_user_id, shown_name, stage, question, text, \
         lang, hidden, starred, cafe_round, cafe_table, summary, merged_into, topic_id, \
         created_at"
    };
}

/// The columns of `topics` (aliased `t`) that [`TopicRow`] reads, with the topic's count of
/// picks, which `topic_picks_by_topic` answers without reading the picks themselves.
macro_rules! topic_columns {
    () => {
        "t.id, t.live_session_id, t.number, t.title, t.participant_id, t.staff_user_id, \
         t.shown_name, t.lang, t.slot, t.space, t.hidden, t.created_at, \
         (SELECT count(*) FROM topic_picks p WHERE p.topic_id = t.id) AS picks"
    };
}

/// The columns of `theme_sets` that [`ThemeRow`] reads.
macro_rules! theme_columns {
    () => {
        "process_id, scope, version, themes_json, curated, created_by, created_at"
    };
}

/// The columns of `practices` that [`PracticeRow`] reads.
macro_rules! practice_columns {
    () => {
        "id, process_id, live_session_id, group_label, kind, title, owner, due, status, \
         participant_id, staff_user_id, lang, created_at, updated_at"
    };
}

/// The columns of `summary_versions` that [`SummaryRow`] reads.
macro_rules! summary_columns {
    () => {
        "process_id, version, summary_json, state, created_by, created_at"
    };
}

/// The columns of `summary_comments` that [`SummaryCommentRow`] reads.
macro_rules! summary_comment_columns {
    () => {
        "process_id, summary_version, participant_id, text, lang, created_at"
    };
}

/// The columns of `summary_links` that [`SummaryLinkRow`] reads.
macro_rules! summary_link_columns {
    () => {
        "id, process_id, token_hash, created_by, created_at, revoked_by, revoked_at"
    };
}

/// A [`Store`] on one SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Moves a process's state and appends the event, in one transaction; `Conflict` if
    /// another user moved it first.
    async fn move_state(
        &self,
        id: ProcessId,
        from: ProcessState,
        to: ProcessState,
        actor: UserId,
        reason: Option<String>,
    ) -> Result<()> {
        let at = now();
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE processes SET state = ?, updated_at = ? WHERE id = ? AND state = ?",
        )
        .bind(to.code())
        .bind(timestamp(at)?)
        .bind(id.to_string())
        .bind(from.code())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(refused(&mut tx, id, "process is not in the expected state").await);
        }
        append_event(
            &mut tx,
            id,
            actor,
            at,
            &EventKind::StateChanged { from, to, reason },
        )
        .await?;
        tx.commit().await.map_err(db)
    }

    /// Opens (and creates, if missing) the database at `path` and brings its schema up to date.
    pub async fn open(path: &Path) -> Result<SqliteStore> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT)
            // In WAL mode NORMAL cannot corrupt the database; at worst a power cut loses the
            // last commits, which is the usual trade for not syncing on every commit.
            .synchronous(SqliteSynchronous::Normal);
        let pool = SqlitePoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .connect_with(options)
            .await
            .map_err(db)?;
        MIGRATOR
            .run(&pool)
            .await
            .map_err(|e| StoreError::Backend(format!("migration failed: {e}")))?;
        Ok(SqliteStore { pool })
    }

    /// Writes a consistent copy of the whole database to `dest`, which must not exist yet, so a
    /// backup never overwrites an earlier one. The copy is a plain database file that
    /// [`SqliteStore::open`] opens.
    pub async fn backup_to(&self, dest: &Path) -> Result<()> {
        let exists = dest
            .try_exists()
            .map_err(|e| StoreError::Backend(format!("cannot check the backup path: {e}")))?;
        if exists {
            return Err(StoreError::Duplicate("backup file"));
        }
        let dest = dest
            .to_str()
            .ok_or_else(|| StoreError::Backend("the backup path is not valid UTF-8".into()))?;
        sqlx::query("VACUUM INTO ?")
            .bind(dest)
            .execute(&self.pool)
            .await
            .map_err(db)?;
        Ok(())
    }

    /// Waits for running queries and closes every connection, so the WAL is checkpointed and
    /// the file is complete on its own.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>> {
        self.pool.begin_with("BEGIN IMMEDIATE").await.map_err(db)
    }
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// The columns of `processes` that are copied from the current plan.
struct PlanColumns {
    method_id: Option<String>,
    first_session: Option<String>,
    last_session: Option<String>,
}

impl PlanColumns {
    fn of(plan: &Plan) -> Result<PlanColumns> {
        // The adapted copy remembers the library method it came from; that id is what lists
        // filter by. A method written for this process alone has only its own id.
        let method_id = plan.method.as_ref().map(|m| {
            m.adapted_from
                .as_ref()
                .map_or_else(|| m.id.clone(), |o| o.id.clone())
        });
        let first = plan.sessions.iter().map(|s| s.date).min();
        let last = plan.sessions.iter().map(|s| s.date).max();
        Ok(PlanColumns {
            method_id,
            first_session: first.map(date).transpose()?,
            last_session: last.map(date).transpose()?,
        })
    }
}

async fn append_event(
    conn: &mut SqliteConnection,
    process: ProcessId,
    actor: UserId,
    at: OffsetDateTime,
    kind: &EventKind,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO process_events (process_id, actor_id, at, kind_json) VALUES (?, ?, ?, ?)",
    )
    .bind(process.to_string())
    .bind(actor.to_string())
    .bind(timestamp(at)?)
    .bind(to_json(kind, "event")?)
    .execute(conn)
    .await
    .map_err(db)?;
    Ok(())
}

async fn process_exists(conn: &mut SqliteConnection, id: ProcessId) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM processes WHERE id = ?")
        .bind(id.to_string())
        .fetch_optional(conn)
        .await
        .map_err(db)?;
    Ok(found.is_some())
}

/// Tells a refused conditional update apart: `NotFound` when the process does not exist,
/// otherwise `Conflict` with `why`.
async fn refused(conn: &mut SqliteConnection, id: ProcessId, why: &'static str) -> StoreError {
    match process_exists(conn, id).await {
        Ok(true) => StoreError::Conflict(why),
        Ok(false) => StoreError::NotFound,
        Err(e) => e,
    }
}

/// Appends an event to a live session's log and returns it with its sequence number.
/// Whether the facilitator has curated a note (see `Store::note_curated`): its history holds
/// a change, another note was merged into it, it is placed in a theme of a saved theme set (a
/// note the set leaves unsorted is not), or a summary of its process names it as a source.
async fn curated(conn: &mut SqliteConnection, id: NoteId) -> Result<bool> {
    let id = id.to_string();
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM notes n WHERE n.id = ?1 AND ( \
             EXISTS (SELECT 1 FROM note_history h WHERE h.note_id = n.id) \
             OR EXISTS (SELECT 1 FROM notes m WHERE m.merged_into = n.id) \
             OR EXISTS (SELECT 1 FROM theme_sets t, json_each(t.themes_json, '$.themes') th, \
                        json_each(th.value, '$.notes') tn \
                        WHERE t.process_id = n.process_id AND tn.value = n.id) \
             OR EXISTS (SELECT 1 FROM summary_versions s WHERE s.process_id = n.process_id \
                        AND instr(s.summary_json, ?1) > 0))",
    )
    .bind(&id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db)?;
    Ok(found.is_some())
}

async fn append_live_event(
    conn: &mut SqliteConnection,
    live: LiveSessionId,
    at: OffsetDateTime,
    kind: LiveEventKind,
) -> Result<LiveEvent> {
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO live_events (live_session_id, at, kind_json) VALUES (?, ?, ?) RETURNING seq",
    )
    .bind(live.to_string())
    .bind(timestamp(at)?)
    .bind(to_json(&kind, "live event")?)
    .fetch_one(conn)
    .await
    .map_err(db)?;
    Ok(LiveEvent {
        seq,
        live_session: live,
        at,
        kind,
    })
}

/// The process of a live session; `NotFound` if there is no such session.
/// A row number as the `u32` the records use.
fn number_of(n: i64) -> Result<u32> {
    u32::try_from(n).map_err(|_| StoreError::Corrupt(format!("row number {n} out of range")))
}

async fn live_session_process(conn: &mut SqliteConnection, id: LiveSessionId) -> Result<String> {
    let process: Option<String> =
        sqlx::query_scalar("SELECT process_id FROM live_sessions WHERE id = ?")
            .bind(id.to_string())
            .fetch_optional(conn)
            .await
            .map_err(db)?;
    process.ok_or(StoreError::NotFound)
}

/// Tells a refused update of an open live session apart: `NotFound` when the session does not
/// exist, otherwise `Conflict` because it is closed.
async fn live_refused(conn: &mut SqliteConnection, id: LiveSessionId) -> StoreError {
    match live_session_process(conn, id).await {
        Ok(_) => StoreError::Conflict("live session is closed"),
        Err(e) => e,
    }
}

/// Refuses a change to a closed live session with `Conflict`, and to a missing one with
/// `NotFound`.
async fn require_open(conn: &mut SqliteConnection, id: LiveSessionId) -> Result<()> {
    let open: Option<bool> = sqlx::query_scalar("SELECT open FROM live_sessions WHERE id = ?")
        .bind(id.to_string())
        .fetch_optional(conn)
        .await
        .map_err(db)?;
    match open {
        Some(true) => Ok(()),
        Some(false) => Err(StoreError::Conflict("live session is closed")),
        None => Err(StoreError::NotFound),
    }
}

/// The two author columns of a note or a topic, of which exactly one is set.
fn author_columns(author: &NoteAuthor) -> (Option<String>, Option<String>) {
    match author {
        NoteAuthor::Participant(p) => (Some(p.to_string()), None),
        NoteAuthor::Staff(u) => (None, Some(u.to_string())),
    }
}

/// What a change to a topic needs to know of it and its session, read inside the change's
/// transaction so that the check and the change see the same rows.
struct TopicState {
    live: LiveSessionId,
    slot: Option<i64>,
    hidden: bool,
    open_space: Option<OpenSpace>,
}

/// Reads a topic for a change: `NotFound` if there is no such topic, `Conflict` if its session
/// is closed.
async fn topic_for_change(conn: &mut SqliteConnection, id: TopicId) -> Result<TopicState> {
    let (state, open) = topic_state(conn, id).await?;
    if !open {
        return Err(StoreError::Conflict("live session is closed"));
    }
    Ok(state)
}

/// A topic and whether its session is open; `NotFound` if there is no such topic.
async fn topic_state(conn: &mut SqliteConnection, id: TopicId) -> Result<(TopicState, bool)> {
    type Row = (String, Option<i64>, bool, bool, Option<String>);
    let row: Option<Row> = sqlx::query_as(
        "SELECT t.live_session_id, t.slot, t.hidden, l.open, l.open_space_json \
         FROM topics t JOIN live_sessions l ON l.id = t.live_session_id WHERE t.id = ?",
    )
    .bind(id.to_string())
    .fetch_optional(conn)
    .await
    .map_err(db)?;
    let (live, slot, hidden, open, json) = row.ok_or(StoreError::NotFound)?;
    let state = TopicState {
        live: parse_id(&live, "topics")?,
        slot,
        hidden,
        open_space: json.map(|j| from_json(&j, "open space")).transpose()?,
    };
    Ok((state, open))
}

async fn insert_user(conn: &mut SqliteConnection, u: &User) -> Result<()> {
    sqlx::query(
        "INSERT INTO users (id, email, name, password_hash, site_admin, created_at) \
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(u.id.to_string())
    .bind(&u.email)
    .bind(&u.name)
    .bind(&u.password_hash)
    .bind(u.site_admin)
    .bind(timestamp(u.created_at)?)
    .execute(conn)
    .await
    .map_err(db_unique("email"))?;
    Ok(())
}

async fn user_by_email(conn: &mut SqliteConnection, email: &str) -> Result<Option<User>> {
    let row: Option<UserRow> = sqlx::query_as(concat!(
        "SELECT ",
        user_columns!(),
        " FROM users u WHERE u.email = ?"
    ))
    .bind(normalise_email(email))
    .fetch_optional(conn)
    .await
    .map_err(db)?;
    row.map(UserRow::into_user).transpose()
}

async fn invitation_roles(conn: &mut SqliteConnection, token_hash: &str) -> Result<RoleSet> {
    let codes: Vec<String> =
        sqlx::query_scalar("SELECT role FROM invitation_roles WHERE token_hash = ?")
            .bind(token_hash)
            .fetch_all(conn)
            .await
            .map_err(db)?;
    role_set(codes.iter().map(String::as_str))
}

async fn fetch_invitation(conn: &mut SqliteConnection, token_hash: &str) -> Result<Invitation> {
    let row: InvitationRow = sqlx::query_as(
        "SELECT token_hash, org_id, email, invited_by, created_at, expires_at, accepted_at \
         FROM invitations WHERE token_hash = ?",
    )
    .bind(token_hash)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db)?
    .ok_or(StoreError::NotFound)?;
    let roles = invitation_roles(conn, token_hash).await?;
    row.into_invitation(roles)
}

async fn current_roles(conn: &mut SqliteConnection, org: OrgId, user: UserId) -> Result<RoleSet> {
    let codes: Vec<String> =
        sqlx::query_scalar("SELECT role FROM org_roles WHERE org_id = ? AND user_id = ?")
            .bind(org.to_string())
            .bind(user.to_string())
            .fetch_all(conn)
            .await
            .map_err(db)?;
    role_set(codes.iter().map(String::as_str))
}

async fn write_roles(
    conn: &mut SqliteConnection,
    org: OrgId,
    user: UserId,
    roles: RoleSet,
) -> Result<()> {
    sqlx::query("DELETE FROM org_roles WHERE org_id = ? AND user_id = ?")
        .bind(org.to_string())
        .bind(user.to_string())
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    for role in roles.roles() {
        sqlx::query("INSERT INTO org_roles (org_id, user_id, role) VALUES (?, ?, ?)")
            .bind(org.to_string())
            .bind(user.to_string())
            .bind(role.code())
            .execute(&mut *conn)
            .await
            .map_err(db)?;
    }
    Ok(())
}

/// The organisation whose invitation made the account, while its address is unconfirmed.
async fn origin_of(conn: &mut SqliteConnection, user: UserId) -> Result<Option<OrgId>> {
    let row: Option<Option<String>> =
        sqlx::query_scalar("SELECT origin_org FROM users WHERE id = ?")
            .bind(user.to_string())
            .fetch_optional(conn)
            .await
            .map_err(db)?;
    row.ok_or(StoreError::NotFound)?
        .map(|o| parse_id(&o, "users"))
        .transpose()
}

/// Refuses roles in `org` for an account whose unconfirmed address came from another one.
async fn check_origin(conn: &mut SqliteConnection, org: OrgId, user: UserId) -> Result<()> {
    match origin_of(conn, user).await? {
        Some(origin) if origin != org => Err(StoreError::Conflict(ADDRESS_UNCONFIRMED)),
        _ => Ok(()),
    }
}

fn role_codes(r: RoleSet) -> String {
    r.roles().map(|r| r.code()).collect::<Vec<_>>().join(",")
}

#[allow(clippy::too_many_arguments)]
async fn record_role_change(
    conn: &mut SqliteConnection,
    org: OrgId,
    user: UserId,
    actor: UserId,
    before: RoleSet,
    after: RoleSet,
    via: RoleChangeVia,
    now: OffsetDateTime,
) -> Result<()> {
    if before == after {
        return Ok(());
    }
    let actor_is_site_admin: bool = sqlx::query_scalar("SELECT site_admin FROM users WHERE id = ?")
        .bind(actor.to_string())
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)?
        .ok_or(StoreError::NotFound)?;
    sqlx::query(
        "INSERT INTO role_changes \
         (org_id, user_id, actor_id, roles_before, roles_after, via, self_grant, at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(org.to_string())
    .bind(user.to_string())
    .bind(actor.to_string())
    .bind(role_codes(before))
    .bind(role_codes(after))
    .bind(via.code())
    .bind(actor == user && actor_is_site_admin)
    .bind(timestamp(now)?)
    .execute(conn)
    .await
    .map_err(db)?;
    Ok(())
}

#[async_trait]
impl Store for SqliteStore {
    async fn create_org(&self, name: &str) -> Result<Organisation> {
        let org = Organisation {
            id: OrgId::new(),
            name: name.to_owned(),
            created_at: now(),
        };
        sqlx::query("INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?)")
            .bind(org.id.to_string())
            .bind(&org.name)
            .bind(timestamp(org.created_at)?)
            .execute(&self.pool)
            .await
            .map_err(db)?;
        Ok(org)
    }

    async fn org(&self, id: OrgId) -> Result<Organisation> {
        let row: Option<OrgRow> =
            sqlx::query_as("SELECT id, name, created_at FROM organisations WHERE id = ?")
                .bind(id.to_string())
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
        row.ok_or(StoreError::NotFound)?.into_org()
    }

    async fn orgs(&self) -> Result<Vec<Organisation>> {
        let rows: Vec<OrgRow> = sqlx::query_as(
            "SELECT id, name, created_at FROM organisations ORDER BY name COLLATE NOCASE, name, id",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(OrgRow::into_org).collect()
    }

    async fn create_unit(&self, org: OrgId, name: &str) -> Result<Unit> {
        let unit = Unit {
            id: UnitId::new(),
            org,
            name: name.to_owned(),
        };
        sqlx::query("INSERT INTO units (id, org_id, name) VALUES (?, ?, ?)")
            .bind(unit.id.to_string())
            .bind(org.to_string())
            .bind(&unit.name)
            .execute(&self.pool)
            .await
            .map_err(db)?;
        Ok(unit)
    }

    async fn units(&self, org: OrgId) -> Result<Vec<Unit>> {
        let rows: Vec<UnitRow> = sqlx::query_as(
            "SELECT id, org_id, name FROM units WHERE org_id = ? \
             ORDER BY name COLLATE NOCASE, name, id",
        )
        .bind(org.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(UnitRow::into_unit).collect()
    }

    async fn create_user(&self, u: NewUser) -> Result<User> {
        let user = User {
            id: UserId::new(),
            email: normalise_email(&u.email),
            name: u.name,
            password_hash: u.password_hash,
            site_admin: u.site_admin,
            created_at: now(),
        };
        let mut conn = self.pool.acquire().await.map_err(db)?;
        insert_user(&mut conn, &user).await?;
        Ok(user)
    }

    async fn user(&self, id: UserId) -> Result<User> {
        let row: Option<UserRow> = sqlx::query_as(concat!(
            "SELECT ",
            user_columns!(),
            " FROM users u WHERE u.id = ?"
        ))
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.ok_or(StoreError::NotFound)?.into_user()
    }

    async fn user_by_email(&self, email: &str) -> Result<Option<User>> {
        let mut conn = self.pool.acquire().await.map_err(db)?;
        user_by_email(&mut conn, email).await
    }

    async fn user_count(&self) -> Result<u64> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM users")
            .fetch_one(&self.pool)
            .await
            .map_err(db)?;
        u64::try_from(n).map_err(|_| StoreError::Corrupt("negative user count".into()))
    }

    async fn set_roles(&self, org: OrgId, user: UserId, roles: RoleSet) -> Result<()> {
        let mut tx = self.begin_write().await?;
        write_roles(&mut tx, org, user, roles).await?;
        tx.commit().await.map_err(db)
    }

    async fn change_roles(
        &self,
        org: OrgId,
        user: UserId,
        roles: RoleSet,
        actor: UserId,
        via: RoleChangeVia,
        now: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        check_origin(&mut tx, org, user).await?;
        let before = current_roles(&mut tx, org, user).await?;
        write_roles(&mut tx, org, user, roles).await?;
        record_role_change(&mut tx, org, user, actor, before, roles, via, now).await?;
        tx.commit().await.map_err(db)
    }

    async fn role_changes(&self, org: OrgId, limit: u32) -> Result<Vec<RoleChange>> {
        type Row = (
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            bool,
            String,
        );
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT c.user_id, u.name, u.email, c.actor_id, a.name, c.roles_before, \
             c.roles_after, c.via, c.self_grant, c.at \
             FROM role_changes c JOIN users u ON u.id = c.user_id \
             JOIN users a ON a.id = c.actor_id \
             WHERE c.org_id = ? ORDER BY c.id DESC LIMIT ?",
        )
        .bind(org.to_string())
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        let set = |codes: &str| role_set(codes.split(',').filter(|c| !c.is_empty()));
        rows.into_iter()
            .map(
                |(
                    user,
                    user_name,
                    user_email,
                    actor,
                    actor_name,
                    before,
                    after,
                    via,
                    self_grant,
                    at,
                )| {
                    Ok(RoleChange {
                        org,
                        user: parse_id(&user, "role_changes")?,
                        user_name,
                        user_email,
                        actor: parse_id(&actor, "role_changes")?,
                        actor_name,
                        before: set(&before)?,
                        after: set(&after)?,
                        via: RoleChangeVia::parse(&via)
                            .ok_or_else(|| StoreError::Corrupt("unknown role change".into()))?,
                        self_grant,
                        at: parse_timestamp(&at, "role_changes")?,
                    })
                },
            )
            .collect()
    }

    async fn unconfirmed_origin(&self, user: UserId) -> Result<Option<OrgId>> {
        let mut conn = self.pool.acquire().await.map_err(db)?;
        origin_of(&mut conn, user).await
    }

    async fn confirm_address(&self, user: UserId, by: UserId, now: OffsetDateTime) -> Result<()> {
        let done = sqlx::query(
            "UPDATE users SET origin_org = NULL, confirmed_by = ?, confirmed_at = ? \
             WHERE id = ? AND origin_org IS NOT NULL",
        )
        .bind(by.to_string())
        .bind(timestamp(now)?)
        .bind(user.to_string())
        .execute(&self.pool)
        .await
        .map_err(db)?;
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }

    async fn roles(&self, org: OrgId, user: UserId) -> Result<RoleSet> {
        let codes: Vec<String> =
            sqlx::query_scalar("SELECT role FROM org_roles WHERE org_id = ? AND user_id = ?")
                .bind(org.to_string())
                .bind(user.to_string())
                .fetch_all(&self.pool)
                .await
                .map_err(db)?;
        role_set(codes.iter().map(String::as_str))
    }

    async fn memberships(&self, user: UserId) -> Result<Vec<(Organisation, RoleSet)>> {
        let rows: Vec<MembershipRow> = sqlx::query_as(
            "SELECT o.id, o.name, o.created_at, r.role \
             FROM org_roles r JOIN organisations o ON o.id = r.org_id \
             WHERE r.user_id = ? \
             ORDER BY o.name COLLATE NOCASE, o.name, o.id",
        )
        .bind(user.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        // Rows come sorted, so the roles of one organisation are adjacent.
        let mut out: Vec<(Organisation, RoleSet)> = Vec::new();
        for row in rows {
            let role = parse_role(&row.role)?;
            match out.last_mut() {
                Some((org, roles)) if org.id.to_string() == row.org.id => {
                    *roles = roles.with(role);
                }
                _ => out.push((row.org.into_org()?, RoleSet::empty().with(role))),
            }
        }
        Ok(out)
    }

    async fn members(&self, org: OrgId) -> Result<Vec<Member>> {
        let rows: Vec<MemberRow> = sqlx::query_as(concat!(
            "SELECT ",
            user_columns!(),
            ", r.role FROM org_roles r JOIN users u ON u.id = r.user_id \
             WHERE r.org_id = ? \
             ORDER BY u.name COLLATE NOCASE, u.name, u.id"
        ))
        .bind(org.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        let mut out: Vec<Member> = Vec::new();
        for row in rows {
            let role = parse_role(&row.role)?;
            match out.last_mut() {
                Some(m) if m.user.id.to_string() == row.user.id => m.roles = m.roles.with(role),
                _ => out.push(Member {
                    user: row.user.into_user()?,
                    roles: RoleSet::empty().with(role),
                }),
            }
        }
        Ok(out)
    }

    async fn create_invitation(&self, inv: &Invitation) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO invitations \
             (token_hash, org_id, email, invited_by, created_at, expires_at, accepted_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&inv.token_hash)
        .bind(inv.org.to_string())
        .bind(normalise_email(&inv.email))
        .bind(inv.invited_by.to_string())
        .bind(timestamp(inv.created_at)?)
        .bind(timestamp(inv.expires_at)?)
        .bind(inv.accepted_at.map(timestamp).transpose()?)
        .execute(&mut *tx)
        .await
        .map_err(db_unique("invitation"))?;
        for role in inv.roles.roles() {
            sqlx::query("INSERT INTO invitation_roles (token_hash, role) VALUES (?, ?)")
                .bind(&inv.token_hash)
                .bind(role.code())
                .execute(&mut *tx)
                .await
                .map_err(db)?;
        }
        tx.commit().await.map_err(db)
    }

    async fn invitation(&self, token_hash: &str) -> Result<Invitation> {
        let mut conn = self.pool.acquire().await.map_err(db)?;
        fetch_invitation(&mut conn, token_hash).await
    }

    async fn invitations(&self, org: OrgId) -> Result<Vec<Invitation>> {
        let rows: Vec<InvitationRow> = sqlx::query_as(
            "SELECT token_hash, org_id, email, invited_by, created_at, expires_at, accepted_at \
             FROM invitations WHERE org_id = ? ORDER BY created_at DESC, token_hash",
        )
        .bind(org.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        let role_rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT r.token_hash, r.role FROM invitation_roles r \
             JOIN invitations i ON i.token_hash = r.token_hash WHERE i.org_id = ?",
        )
        .bind(org.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        let mut roles: HashMap<String, RoleSet> = HashMap::new();
        for (token, code) in role_rows {
            let role = parse_role(&code)?;
            let set = roles.entry(token).or_default();
            *set = set.with(role);
        }
        rows.into_iter()
            .map(|row| {
                let r = roles.get(&row.token_hash).copied().unwrap_or_default();
                row.into_invitation(r)
            })
            .collect()
    }

    async fn accept_invitation(
        &self,
        token_hash: &str,
        acceptor: Acceptor,
        now: OffsetDateTime,
    ) -> Result<User> {
        let mut tx = self.begin_write().await?;
        let inv = fetch_invitation(&mut tx, token_hash).await?;
        if inv.accepted_at.is_some() {
            return Err(StoreError::Conflict("invitation already accepted"));
        }
        if inv.expires_at <= now {
            return Err(StoreError::NotFound);
        }
        let account = match (user_by_email(&mut tx, &inv.email).await?, acceptor) {
            // The person already has an account, perhaps from another organisation: they keep
            // it and its password, and gain the roles only by accepting while logged in as it,
            // since the link itself may have been seen by others (the admin who invited).
            (Some(existing), Acceptor::Account(id)) if existing.id == id => {
                check_origin(&mut tx, inv.org, existing.id).await?;
                existing
            }
            (Some(_), _) => return Err(StoreError::Conflict("invitation is for another account")),
            (None, Acceptor::New(user)) => {
                // The invitation was sent to this address, so the account gets that address
                // whatever the form said; and an invitation grants roles in one organisation,
                // never site administration.
                let created = User {
                    id: UserId::new(),
                    email: inv.email.clone(),
                    name: user.name,
                    password_hash: user.password_hash,
                    site_admin: false,
                    created_at: now,
                };
                insert_user(&mut tx, &created).await?;
                // Whoever held the link may have chosen the password: the address stays
                // unconfirmed, and only this organisation may give the account roles.
                sqlx::query("UPDATE users SET origin_org = ? WHERE id = ?")
                    .bind(inv.org.to_string())
                    .bind(created.id.to_string())
                    .execute(&mut *tx)
                    .await
                    .map_err(db)?;
                created
            }
            (None, Acceptor::Account(_)) => {
                return Err(StoreError::Conflict("invitation is for a new account"));
            }
        };
        let before = current_roles(&mut tx, inv.org, account.id).await?;
        let after = inv.roles.roles().fold(before, RoleSet::with);
        write_roles(&mut tx, inv.org, account.id, after).await?;
        record_role_change(
            &mut tx,
            inv.org,
            account.id,
            inv.invited_by,
            before,
            after,
            RoleChangeVia::Invitation,
            now,
        )
        .await?;
        let marked = sqlx::query(
            "UPDATE invitations SET accepted_at = ? WHERE token_hash = ? AND accepted_at IS NULL",
        )
        .bind(timestamp(now)?)
        .bind(token_hash)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        if marked.rows_affected() != 1 {
            return Err(StoreError::Conflict("invitation already accepted"));
        }
        tx.commit().await.map_err(db)?;
        Ok(account)
    }

    async fn create_login(&self, s: &LoginSession) -> Result<()> {
        sqlx::query(
            "INSERT INTO login_sessions (token_hash, user_id, created_at, expires_at) \
             VALUES (?, ?, ?, ?)",
        )
        .bind(&s.token_hash)
        .bind(s.user.to_string())
        .bind(timestamp(s.created_at)?)
        .bind(timestamp(s.expires_at)?)
        .execute(&self.pool)
        .await
        .map_err(db_unique("login session"))?;
        // Sweeping expired sessions whenever someone logs in keeps the table small without a
        // background task.
        sqlx::query("DELETE FROM login_sessions WHERE expires_at <= ?")
            .bind(timestamp(s.created_at)?)
            .execute(&self.pool)
            .await
            .map_err(db)?;
        Ok(())
    }

    async fn login(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<(LoginSession, User)>> {
        let row: Option<LoginRow> = sqlx::query_as(concat!(
            "SELECT s.token_hash, s.created_at AS session_created_at, s.expires_at, ",
            user_columns!(),
            " FROM login_sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        let Some(row) = row else {
            return Ok(None);
        };
        let (session, user) = row.into_login()?;
        if session.expires_at <= now {
            return Ok(None);
        }
        Ok(Some((session, user)))
    }

    async fn delete_login(&self, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM login_sessions WHERE token_hash = ?")
            .bind(token_hash)
            .execute(&self.pool)
            .await
            .map_err(db)?;
        Ok(())
    }

    async fn create_process(&self, p: NewProcess) -> Result<Process> {
        let at = now();
        let cols = PlanColumns::of(&p.plan)?;
        let process = Process {
            id: ProcessId::new(),
            org: p.org,
            unit: p.order.unit,
            title: p.order.community.clone(),
            state: ProcessState::Ordered,
            orderer: p.orderer,
            facilitator: None,
            method_id: cols.method_id.clone(),
            plan_version: 1,
            first_session: p.plan.sessions.iter().map(|s| s.date).min(),
            last_session: p.plan.sessions.iter().map(|s| s.date).max(),
            created_at: at,
            updated_at: at,
            order: p.order,
        };
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO processes (id, org_id, unit_id, title, state, orderer_id, facilitator_id, \
             order_json, method_id, plan_version, first_session, last_session, created_at, \
             updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, 1, ?, ?, ?, ?)",
        )
        .bind(process.id.to_string())
        .bind(process.org.to_string())
        .bind(process.unit.map(|u| u.to_string()))
        .bind(&process.title)
        .bind(process.state.code())
        .bind(process.orderer.to_string())
        .bind(to_json(&process.order, "order")?)
        .bind(cols.method_id)
        .bind(cols.first_session)
        .bind(cols.last_session)
        .bind(timestamp(at)?)
        .bind(timestamp(at)?)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        sqlx::query(
            "INSERT INTO plan_versions (process_id, version, plan_json, author_id, created_at) \
             VALUES (?, 1, ?, ?, ?)",
        )
        .bind(process.id.to_string())
        .bind(to_json(&p.plan, "plan")?)
        .bind(process.orderer.to_string())
        .bind(timestamp(at)?)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        append_event(
            &mut tx,
            process.id,
            process.orderer,
            at,
            &EventKind::Ordered,
        )
        .await?;
        tx.commit().await.map_err(db)?;
        Ok(process)
    }

    async fn process(&self, id: ProcessId) -> Result<Process> {
        let row: Option<ProcessRow> = sqlx::query_as(concat!(
            "SELECT ",
            process_columns!(),
            " FROM processes WHERE id = ?"
        ))
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.ok_or(StoreError::NotFound)?.into_process()
    }

    async fn processes(&self, f: &ProcessFilter) -> Result<Vec<Process>> {
        // Only the conditions that are set go into the SQL, so SQLite can pick the index that
        // fits the one filter a list uses.
        let mut q = QueryBuilder::<Sqlite>::new(concat!(
            "SELECT ",
            process_columns!(),
            " FROM processes WHERE 1 = 1"
        ));
        if let Some(org) = f.org {
            q.push(" AND org_id = ").push_bind(org.to_string());
        }
        if let Some(state) = f.state {
            q.push(" AND state = ").push_bind(state.code());
        }
        if let Some(unit) = f.unit {
            q.push(" AND unit_id = ").push_bind(unit.to_string());
        }
        if let Some(method) = &f.method_id {
            q.push(" AND method_id = ").push_bind(method.clone());
        }
        if let Some(user) = f.facilitator {
            q.push(" AND facilitator_id = ").push_bind(user.to_string());
        }
        if let Some(user) = f.orderer {
            q.push(" AND orderer_id = ").push_bind(user.to_string());
        }
        // A process matches a date range when its sessions overlap it; one without sessions
        // has no dates and matches no range.
        if let Some(from) = f.from {
            q.push(" AND last_session >= ").push_bind(date(from)?);
        }
        if let Some(to) = f.to {
            q.push(" AND first_session <= ").push_bind(date(to)?);
        }
        if f.unassigned {
            q.push(" AND state = 'ordered' AND facilitator_id IS NULL");
        }
        q.push(" ORDER BY created_at DESC, id DESC");
        let rows: Vec<ProcessRow> = q.build_query_as().fetch_all(&self.pool).await.map_err(db)?;
        rows.into_iter().map(ProcessRow::into_process).collect()
    }

    async fn assign_facilitator(
        &self,
        id: ProcessId,
        facilitator: UserId,
        actor: UserId,
    ) -> Result<()> {
        let at = now();
        let mut tx = self.begin_write().await?;
        let done =
            sqlx::query("UPDATE processes SET facilitator_id = ?, updated_at = ? WHERE id = ?")
                .bind(facilitator.to_string())
                .bind(timestamp(at)?)
                .bind(id.to_string())
                .execute(&mut *tx)
                .await
                .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        append_event(
            &mut tx,
            id,
            actor,
            at,
            &EventKind::FacilitatorAssigned { facilitator },
        )
        .await?;
        tx.commit().await.map_err(db)
    }

    async fn save_plan(
        &self,
        id: ProcessId,
        based_on: u32,
        plan: &Plan,
        author: UserId,
    ) -> Result<u32> {
        let at = now();
        let cols = PlanColumns::of(plan)?;
        let plan_json = to_json(plan, "plan")?;
        let new_version = based_on
            .checked_add(1)
            .ok_or(StoreError::Conflict("plan version is not current"))?;
        let mut tx = self.begin_write().await?;
        // The version check and the bump are one statement, so of two authors who edited the
        // same version exactly one wins, whatever the transaction mode.
        let done = sqlx::query(
            "UPDATE processes SET plan_version = ?, method_id = ?, first_session = ?, \
             last_session = ?, updated_at = ? WHERE id = ? AND plan_version = ?",
        )
        .bind(i64::from(new_version))
        .bind(cols.method_id)
        .bind(cols.first_session)
        .bind(cols.last_session)
        .bind(timestamp(at)?)
        .bind(id.to_string())
        .bind(i64::from(based_on))
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(refused(&mut tx, id, "plan version is not current").await);
        }
        sqlx::query(
            "INSERT INTO plan_versions (process_id, version, plan_json, author_id, created_at) \
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(id.to_string())
        .bind(i64::from(new_version))
        .bind(plan_json)
        .bind(author.to_string())
        .bind(timestamp(at)?)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        append_event(
            &mut tx,
            id,
            author,
            at,
            &EventKind::PlanSaved {
                version: new_version,
            },
        )
        .await?;
        tx.commit().await.map_err(db)?;
        Ok(new_version)
    }

    async fn plan(&self, id: ProcessId, version: u32) -> Result<PlanVersion> {
        let row: Option<PlanRow> = sqlx::query_as(
            "SELECT process_id, version, plan_json, author_id, created_at FROM plan_versions \
             WHERE process_id = ? AND version = ?",
        )
        .bind(id.to_string())
        .bind(i64::from(version))
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.ok_or(StoreError::NotFound)?.into_plan_version()
    }

    async fn plan_versions(&self, id: ProcessId) -> Result<Vec<PlanVersion>> {
        let rows: Vec<PlanRow> = sqlx::query_as(
            "SELECT process_id, version, plan_json, author_id, created_at FROM plan_versions \
             WHERE process_id = ? ORDER BY version DESC",
        )
        .bind(id.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(PlanRow::into_plan_version).collect()
    }

    async fn approve(
        &self,
        id: ProcessId,
        version: u32,
        side: ApprovalSide,
        user: UserId,
    ) -> Result<()> {
        let at = now();
        let mut tx = self.begin_write().await?;
        let current: Option<i64> =
            sqlx::query_scalar("SELECT plan_version FROM processes WHERE id = ?")
                .bind(id.to_string())
                .fetch_optional(&mut *tx)
                .await
                .map_err(db)?;
        let current = current.ok_or(StoreError::NotFound)?;
        if codec::version(current, "processes")? != version {
            return Err(StoreError::Conflict("plan version is not current"));
        }
        // The write lock taken at BEGIN IMMEDIATE keeps the version from changing between the
        // check above and this insert. A second approval of the same side keeps the first.
        let done = sqlx::query(
            "INSERT INTO approvals (process_id, version, side, user_id, at) VALUES (?, ?, ?, ?, ?) \
             ON CONFLICT (process_id, version, side) DO NOTHING",
        )
        .bind(id.to_string())
        .bind(i64::from(version))
        .bind(side.code())
        .bind(user.to_string())
        .bind(timestamp(at)?)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        if done.rows_affected() == 1 {
            sqlx::query("UPDATE processes SET updated_at = ? WHERE id = ?")
                .bind(timestamp(at)?)
                .bind(id.to_string())
                .execute(&mut *tx)
                .await
                .map_err(db)?;
            append_event(
                &mut tx,
                id,
                user,
                at,
                &EventKind::Approved { version, side },
            )
            .await?;
        }
        tx.commit().await.map_err(db)
    }

    async fn approvals(&self, id: ProcessId, version: u32) -> Result<Vec<Approval>> {
        let rows: Vec<ApprovalRow> = sqlx::query_as(
            "SELECT process_id, version, side, user_id, at FROM approvals \
             WHERE process_id = ? AND version = ? ORDER BY at, side",
        )
        .bind(id.to_string())
        .bind(i64::from(version))
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(ApprovalRow::into_approval).collect()
    }

    async fn set_state(
        &self,
        id: ProcessId,
        from: ProcessState,
        to: ProcessState,
        actor: UserId,
    ) -> Result<()> {
        self.move_state(id, from, to, actor, None).await
    }

    async fn set_state_with_reason(
        &self,
        id: ProcessId,
        from: ProcessState,
        to: ProcessState,
        actor: UserId,
        reason: &str,
    ) -> Result<()> {
        self.move_state(id, from, to, actor, Some(reason.to_owned()))
            .await
    }

    async fn give_advice(
        &self,
        id: ProcessId,
        actor: UserId,
        method: Option<&str>,
        text: &str,
    ) -> Result<()> {
        let at = now();
        let mut tx = self.begin_write().await?;
        // The process must exist; the event table's foreign key would say so less clearly.
        let found: Option<(String,)> = sqlx::query_as("SELECT id FROM processes WHERE id = ?")
            .bind(id.to_string())
            .fetch_optional(&mut *tx)
            .await
            .map_err(db)?;
        if found.is_none() {
            return Err(StoreError::NotFound);
        }
        append_event(
            &mut tx,
            id,
            actor,
            at,
            &EventKind::AdviceGiven {
                method: method.map(str::to_owned),
                text: text.to_owned(),
            },
        )
        .await?;
        tx.commit().await.map_err(db)
    }

    async fn events(&self, id: ProcessId) -> Result<Vec<ProcessEvent>> {
        let rows: Vec<EventRow> = sqlx::query_as(
            "SELECT seq, process_id, actor_id, at, kind_json FROM process_events \
             WHERE process_id = ? ORDER BY seq",
        )
        .bind(id.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(EventRow::into_event).collect()
    }

    async fn open_live_session(&self, s: &LiveSession) -> Result<()> {
        let done = sqlx::query(
            "INSERT INTO live_sessions (id, process_id, plan_session, phase, join_code, open, \
             stage, question, timer_json, opened_by, opened_at, closed_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(s.id.to_string())
        .bind(s.process.to_string())
        .bind(i64::from(s.plan_session))
        .bind(i64::from(s.phase))
        .bind(s.join_code.as_str())
        .bind(s.open)
        .bind(index_value(s.position.stage)?)
        .bind(index_value(s.position.question)?)
        .bind(to_json(&s.timer, "timer")?)
        .bind(s.opened_by.to_string())
        .bind(timestamp(s.opened_at)?)
        .bind(s.closed_at.map(timestamp).transpose()?)
        .execute(&self.pool)
        .await;
        match done {
            Ok(_) => Ok(()),
            Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
                // Storing the same session twice also trips the code's index, and which of the
                // two constraints SQLite reports is not specified; the id tells them apart.
                let mut conn = self.pool.acquire().await.map_err(db)?;
                match live_session_process(&mut conn, s.id).await {
                    Ok(_) => Err(StoreError::Duplicate("live session")),
                    Err(StoreError::NotFound) => Err(StoreError::Duplicate("join code")),
                    Err(e) => Err(e),
                }
            }
            Err(e) => Err(db(e)),
        }
    }

    async fn live_session(&self, id: LiveSessionId) -> Result<LiveSession> {
        let row: Option<LiveSessionRow> = sqlx::query_as(concat!(
            "SELECT ",
            live_session_columns!(),
            " FROM live_sessions WHERE id = ?"
        ))
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.ok_or(StoreError::NotFound)?.into_live_session()
    }

    async fn live_session_by_code(&self, code: &JoinCode) -> Result<Option<LiveSession>> {
        // `open = 1` lets SQLite use the partial unique index on open sessions' codes.
        let row: Option<LiveSessionRow> = sqlx::query_as(concat!(
            "SELECT ",
            live_session_columns!(),
            " FROM live_sessions WHERE join_code = ? AND open = 1"
        ))
        .bind(code.as_str())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.map(LiveSessionRow::into_live_session).transpose()
    }

    async fn live_sessions(&self, process: ProcessId) -> Result<Vec<LiveSession>> {
        let rows: Vec<LiveSessionRow> = sqlx::query_as(concat!(
            "SELECT ",
            live_session_columns!(),
            " FROM live_sessions WHERE process_id = ? ORDER BY opened_at DESC, id DESC"
        ))
        .bind(process.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(LiveSessionRow::into_live_session)
            .collect()
    }

    async fn move_live_session(
        &self,
        id: LiveSessionId,
        position: Position,
        timer: Timer,
    ) -> Result<LiveEvent> {
        let at = now();
        let stage = index_value(position.stage)?;
        let question = index_value(position.question)?;
        let timer_json = to_json(&timer, "timer")?;
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE live_sessions SET stage = ?, question = ?, timer_json = ? \
             WHERE id = ? AND open = 1",
        )
        .bind(stage)
        .bind(question)
        .bind(timer_json)
        .bind(id.to_string())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(live_refused(&mut tx, id).await);
        }
        let event = append_live_event(&mut tx, id, at, LiveEventKind::Moved).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn close_live_session(&self, id: LiveSessionId, at: OffsetDateTime) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE live_sessions SET open = 0, closed_at = ? WHERE id = ? AND open = 1",
        )
        .bind(timestamp(at)?)
        .bind(id.to_string())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(live_refused(&mut tx, id).await);
        }
        let event = append_live_event(&mut tx, id, at, LiveEventKind::Closed).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn create_participant(&self, p: &Participant) -> Result<()> {
        sqlx::query(
            "INSERT INTO participants (id, process_id, token_hash, display_name, lang, created_at) \
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(p.id.to_string())
        .bind(p.process.to_string())
        .bind(&p.token_hash)
        .bind(p.display_name.as_deref())
        .bind(&p.lang)
        .bind(timestamp(p.created_at)?)
        .execute(&self.pool)
        .await
        .map_err(db_unique("participant"))?;
        Ok(())
    }

    async fn participant_by_token(&self, token_hash: &str) -> Result<Option<Participant>> {
        let row: Option<ParticipantRow> = sqlx::query_as(concat!(
            "SELECT ",
            participant_columns!(),
            " FROM participants WHERE token_hash = ?"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.map(ParticipantRow::into_participant).transpose()
    }

    async fn update_participant(
        &self,
        id: ParticipantId,
        display_name: Option<&str>,
        lang: &str,
    ) -> Result<()> {
        let done = sqlx::query("UPDATE participants SET display_name = ?, lang = ? WHERE id = ?")
            .bind(display_name)
            .bind(lang)
            .bind(id.to_string())
            .execute(&self.pool)
            .await
            .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn count_participants(&self, live: LiveSessionId) -> Result<u64> {
        // Someone who wrote a note counts even if their joining was never recorded; someone
        // removed frees their seat.
        let n: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM ( \
                 SELECT participant_id FROM attendance \
                 WHERE live_session_id = ?1 AND removed_at IS NULL \
                 UNION \
                 SELECT participant_id FROM notes \
                 WHERE live_session_id = ?1 AND participant_id IS NOT NULL \
                 AND participant_id NOT IN ( \
                     SELECT participant_id FROM attendance \
                     WHERE live_session_id = ?1 AND removed_at IS NOT NULL))",
        )
        .bind(live.to_string())
        .fetch_one(&self.pool)
        .await
        .map_err(db)?;
        count(n, "participant")
    }

    async fn attend(&self, live: LiveSessionId, participant: ParticipantId) -> Result<()> {
        // The process is copied from the session in the same statement; the foreign keys then
        // refuse a participant of another process as well as an unknown one.
        let done = sqlx::query(
            "INSERT INTO attendance (live_session_id, participant_id, process_id, first_seen) \
             SELECT id, ?, process_id, ? FROM live_sessions WHERE id = ? \
             ON CONFLICT (live_session_id, participant_id) DO NOTHING",
        )
        .bind(participant.to_string())
        .bind(timestamp(now())?)
        .bind(live.to_string())
        .execute(&self.pool)
        .await
        .map_err(db)?;
        if done.rows_affected() == 0 {
            // Either already recorded, or there is no such session.
            let mut conn = self.pool.acquire().await.map_err(db)?;
            live_session_process(&mut conn, live).await?;
        }
        Ok(())
    }

    async fn presence(&self, live: LiveSessionId, participant: ParticipantId) -> Result<Presence> {
        let removed: Option<Option<String>> = sqlx::query_scalar(
            "SELECT removed_at FROM attendance WHERE live_session_id = ? AND participant_id = ?",
        )
        .bind(live.to_string())
        .bind(participant.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        Ok(match removed {
            None => Presence::Absent,
            Some(None) => Presence::Present,
            Some(Some(_)) => Presence::Removed,
        })
    }

    async fn remove_attendee(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE attendance SET removed_at = COALESCE(removed_at, ?) \
             WHERE live_session_id = ? AND participant_id = ?",
        )
        .bind(timestamp(at)?)
        .bind(live.to_string())
        .bind(participant.to_string())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM hands WHERE live_session_id = ? AND participant_id = ?")
            .bind(live.to_string())
            .bind(participant.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        let event = append_live_event(&mut tx, live, at, LiveEventKind::HandsChanged).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn joining_locked(&self, live: LiveSessionId) -> Result<bool> {
        let row: Option<bool> =
            sqlx::query_scalar("SELECT joining_locked FROM live_sessions WHERE id = ?")
                .bind(live.to_string())
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
        row.ok_or(StoreError::NotFound)
    }

    async fn set_joining_locked(&self, live: LiveSessionId, locked: bool) -> Result<()> {
        let done = sqlx::query("UPDATE live_sessions SET joining_locked = ? WHERE id = ?")
            .bind(locked)
            .bind(live.to_string())
            .execute(&self.pool)
            .await
            .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn add_note(&self, n: &Note) -> Result<LiveEvent> {
        let (participant, staff) = author_columns(&n.author);
        let created_at = timestamp(n.created_at)?;
        let mut tx = self.begin_write().await?;
        let process = live_session_process(&mut tx, n.live_session).await?;
        if let Some(topic) = n.topic {
            // The column's foreign key only knows the topic exists; the schema cannot say it
            // belongs to the note's own session, so that is checked here.
            let found: Option<i64> =
                sqlx::query_scalar("SELECT 1 FROM topics WHERE id = ? AND live_session_id = ?")
                    .bind(topic.to_string())
                    .bind(n.live_session.to_string())
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db)?;
            if found.is_none() {
                return Err(StoreError::NotFound);
            }
        }
        sqlx::query(
            "INSERT INTO notes (id, live_session_id, process_id, participant_id, staff_user_id, \
             shown_name, stage, question, text, lang, hidden, starred, cafe_round, cafe_table, \
             summary, topic_id, created_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(n.id.to_string())
        .bind(n.live_session.to_string())
        .bind(process)
        .bind(participant)
        .bind(staff)
        .bind(n.shown_name.as_deref())
        .bind(i64::from(n.stage))
        .bind(&n.question)
        .bind(&n.text)
        .bind(&n.lang)
        .bind(n.hidden)
        .bind(n.starred)
        .bind(n.place.map(|p| i64::from(p.round)))
        .bind(n.place.map(|p| i64::from(p.table)))
        .bind(n.place.is_some_and(|p| p.summary))
        .bind(n.topic.map(|t| t.to_string()))
        .bind(created_at)
        .execute(&mut *tx)
        .await
        .map_err(db_unique("note"))?;
        let event = append_live_event(
            &mut tx,
            n.live_session,
            n.created_at,
            LiveEventKind::NoteAdded { note: n.id },
        )
        .await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn note(&self, id: NoteId) -> Result<Note> {
        let row: Option<NoteRow> = sqlx::query_as(concat!(
            "SELECT ",
            note_columns!(),
            " FROM notes WHERE id = ?"
        ))
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.ok_or(StoreError::NotFound)?.into_note()
    }

    async fn change_note(
        &self,
        id: NoteId,
        change: &NoteChange,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let when = timestamp(at)?;
        let mut tx = self.begin_write().await?;
        let found: Option<(String, String)> =
            sqlx::query_as("SELECT live_session_id, text FROM notes WHERE id = ?")
                .bind(id.to_string())
                .fetch_optional(&mut *tx)
                .await
                .map_err(db)?;
        let (live, old_text) = found.ok_or(StoreError::NotFound)?;
        let live: LiveSessionId = parse_id(&live, "notes")?;
        if let NoteChange::MergeInto { target } = change {
            let target_live: Option<(String, Option<String>)> =
                sqlx::query_as("SELECT live_session_id, merged_into FROM notes WHERE id = ?")
                    .bind(target.to_string())
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db)?;
            let same_session = matches!(&target_live, Some((l, None)) if *l == live.to_string());
            if *target == id || !same_session {
                return Err(StoreError::Conflict("merge target"));
            }
            sqlx::query("UPDATE notes SET hidden = 1, merged_into = ? WHERE id = ?")
                .bind(target.to_string())
                .bind(id.to_string())
                .execute(&mut *tx)
                .await
                .map_err(db)?;
        }
        let (sql, new_text) = match change {
            NoteChange::Hide => ("UPDATE notes SET hidden = 1 WHERE id = ?", None),
            NoteChange::Show => ("UPDATE notes SET hidden = 0 WHERE id = ?", None),
            NoteChange::Star => ("UPDATE notes SET starred = 1 WHERE id = ?", None),
            NoteChange::Unstar => ("UPDATE notes SET starred = 0 WHERE id = ?", None),
            NoteChange::Edit { text } => ("UPDATE notes SET text = ? WHERE id = ?", Some(text)),
            // Done above, where the target is checked.
            NoteChange::MergeInto { .. } => ("", None),
            NoteChange::MoveToTable { .. } | NoteChange::MoveToTopic { .. } => ("", None),
        };
        if let NoteChange::MoveToTopic { topic } = change {
            // The topic must be one of the note's own session, as for a note written to it.
            if let Some(topic) = topic {
                let ours: Option<i64> =
                    sqlx::query_scalar("SELECT 1 FROM topics WHERE id = ? AND live_session_id = ?")
                        .bind(topic.to_string())
                        .bind(live.to_string())
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(db)?;
                if ours.is_none() {
                    return Err(StoreError::NotFound);
                }
            }
            sqlx::query("UPDATE notes SET topic_id = ? WHERE id = ?")
                .bind(topic.map(|t| t.to_string()))
                .bind(id.to_string())
                .execute(&mut *tx)
                .await
                .map_err(db)?;
        }
        if let NoteChange::MoveToTable { table } = change {
            let done = sqlx::query(
                "UPDATE notes SET cafe_table = ? WHERE id = ? AND cafe_round IS NOT NULL",
            )
            .bind(i64::from(*table))
            .bind(id.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Conflict("not a café note"));
            }
        }
        if !sql.is_empty() {
            let mut q = sqlx::query(sql);
            if let Some(t) = new_text {
                q = q.bind(t);
            }
            q.bind(id.to_string()).execute(&mut *tx).await.map_err(db)?;
        }
        let version: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM note_history WHERE note_id = ?",
        )
        .bind(id.to_string())
        .fetch_one(&mut *tx)
        .await
        .map_err(db)?;
        sqlx::query(
            "INSERT INTO note_history (note_id, version, action, old_text, new_text, actor, at) \
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id.to_string())
        .bind(version)
        .bind(change.code())
        .bind(new_text.map(|_| old_text))
        .bind(new_text)
        .bind(actor.to_string())
        .bind(when)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        let event =
            append_live_event(&mut tx, live, at, LiveEventKind::NoteChanged { note: id }).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn note_curated(&self, id: NoteId) -> Result<bool> {
        let mut conn = self.pool.acquire().await.map_err(db)?;
        curated(&mut conn, id).await
    }

    async fn revise_own_note(
        &self,
        id: NoteId,
        participant: ParticipantId,
        text: Option<&str>,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        let found: Option<(String, i64)> = sqlx::query_as(
            "SELECT n.live_session_id, l.open FROM notes n \
             JOIN live_sessions l ON l.id = n.live_session_id \
             WHERE n.id = ? AND n.participant_id = ?",
        )
        .bind(id.to_string())
        .bind(participant.to_string())
        .fetch_optional(&mut *tx)
        .await
        .map_err(db)?;
        let (live, open) = found.ok_or(StoreError::NotFound)?;
        let live: LiveSessionId = parse_id(&live, "notes")?;
        if open == 0 {
            return Err(StoreError::Conflict("live session closed"));
        }
        if curated(&mut tx, id).await? {
            return Err(StoreError::Conflict("note curated"));
        }
        match text {
            Some(t) => sqlx::query("UPDATE notes SET text = ? WHERE id = ?").bind(t),
            None => sqlx::query("DELETE FROM notes WHERE id = ?"),
        }
        .bind(id.to_string())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        let event =
            append_live_event(&mut tx, live, at, LiveEventKind::NoteChanged { note: id }).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn note_history(&self, id: NoteId) -> Result<Vec<NoteHistoryEntry>> {
        type Row = (i64, String, Option<String>, Option<String>, String, String);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT version, action, old_text, new_text, actor, at FROM note_history \
             WHERE note_id = ? ORDER BY version",
        )
        .bind(id.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(|(version, action, old_text, new_text, actor, at)| {
                Ok(NoteHistoryEntry {
                    version: number(version, "note_history")?,
                    action,
                    old_text,
                    new_text,
                    actor: parse_id(&actor, "note_history")?,
                    at: parse_timestamp(&at, "note_history")?,
                })
            })
            .collect()
    }

    async fn last_live_seq(&self, live: LiveSessionId) -> Result<i64> {
        sqlx::query_scalar(
            "SELECT COALESCE(MAX(seq), 0) FROM live_events WHERE live_session_id = ?",
        )
        .bind(live.to_string())
        .fetch_one(&self.pool)
        .await
        .map_err(db)
    }

    async fn shares_previous_feedback(&self, live: LiveSessionId) -> Result<bool> {
        let row: Option<bool> =
            sqlx::query_scalar("SELECT share_previous FROM live_sessions WHERE id = ?")
                .bind(live.to_string())
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
        row.ok_or(StoreError::NotFound)
    }

    async fn share_previous_feedback(
        &self,
        live: LiveSessionId,
        share: bool,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        let done =
            sqlx::query("UPDATE live_sessions SET share_previous = ? WHERE id = ? AND open = 1")
                .bind(share)
                .bind(live.to_string())
                .execute(&mut *tx)
                .await
                .map_err(db)?;
        if done.rows_affected() == 0 {
            live_session_process(&mut tx, live).await?;
            return Err(StoreError::Conflict("live session is closed"));
        }
        let event = append_live_event(&mut tx, live, at, LiveEventKind::Moved).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn cafe(&self, live: LiveSessionId) -> Result<Option<Cafe>> {
        let row: Option<Option<String>> =
            sqlx::query_scalar("SELECT cafe_json FROM live_sessions WHERE id = ?")
                .bind(live.to_string())
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
        row.ok_or(StoreError::NotFound)?
            .map(|j| {
                serde_json::from_str(&j)
                    .map_err(|e| StoreError::Corrupt(format!("live_sessions: cafe: {e}")))
            })
            .transpose()
    }

    async fn save_cafe(
        &self,
        live: LiveSessionId,
        cafe: &Cafe,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("UPDATE live_sessions SET cafe_json = ? WHERE id = ? AND open = 1")
            .bind(to_json(cafe, "cafe")?)
            .bind(live.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        if done.rows_affected() == 0 {
            live_session_process(&mut tx, live).await?;
            return Err(StoreError::Conflict("live session is closed"));
        }
        let event = append_live_event(&mut tx, live, at, LiveEventKind::Moved).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn open_space(&self, live: LiveSessionId) -> Result<Option<OpenSpace>> {
        let row: Option<Option<String>> =
            sqlx::query_scalar("SELECT open_space_json FROM live_sessions WHERE id = ?")
                .bind(live.to_string())
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
        row.ok_or(StoreError::NotFound)?
            .map(|j| from_json(&j, "open space"))
            .transpose()
    }

    async fn save_open_space(
        &self,
        live: LiveSessionId,
        os: &OpenSpace,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let json = to_json(os, "open space")?;
        let slots = index_value(os.slots.len())?;
        let spaces = index_value(os.spaces.len())?;
        let mut tx = self.begin_write().await?;
        let done =
            sqlx::query("UPDATE live_sessions SET open_space_json = ? WHERE id = ? AND open = 1")
                .bind(json)
                .bind(live.to_string())
                .execute(&mut *tx)
                .await
                .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(live_refused(&mut tx, live).await);
        }
        // A topic in a slot or space the new set-up no longer has would be on no schedule; it
        // goes back to the unplaced ones, keeping its picks.
        sqlx::query(
            "UPDATE topics SET slot = NULL, space = NULL \
             WHERE live_session_id = ? AND (slot >= ? OR space >= ?)",
        )
        .bind(live.to_string())
        .bind(slots)
        .bind(spaces)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        let event = append_live_event(&mut tx, live, at, LiveEventKind::Moved).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn add_topic(&self, topic: &Topic) -> Result<(Topic, LiveEvent)> {
        let (participant, staff) = author_columns(&topic.author);
        let mut tx = self.begin_write().await?;
        // The number, the process and the check that the session is open all come from one
        // statement, so two phones proposing at once can never draw the same number.
        let number: Option<i64> = sqlx::query_scalar(
            "INSERT INTO topics (id, live_session_id, process_id, number, title, participant_id, \
             staff_user_id, shown_name, lang, hidden, created_at) \
             SELECT ?, l.id, l.process_id, \
                    (SELECT COALESCE(MAX(number), 0) + 1 FROM topics WHERE live_session_id = l.id), \
                    ?, ?, ?, ?, ?, 0, ? \
             FROM live_sessions l WHERE l.id = ? AND l.open = 1 \
             RETURNING number",
        )
        .bind(topic.id.to_string())
        .bind(&topic.title)
        .bind(participant)
        .bind(staff)
        .bind(topic.shown_name.as_deref())
        .bind(&topic.lang)
        .bind(timestamp(topic.created_at)?)
        .bind(topic.live_session.to_string())
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_unique("topic"))?;
        let Some(number) = number else {
            return Err(live_refused(&mut tx, topic.live_session).await);
        };
        let event = append_live_event(
            &mut tx,
            topic.live_session,
            topic.created_at,
            LiveEventKind::TopicsChanged,
        )
        .await?;
        tx.commit().await.map_err(db)?;
        let stored = Topic {
            number: number_of(number)?,
            cell: None,
            hidden: false,
            picks: 0,
            ..topic.clone()
        };
        Ok((stored, event))
    }

    async fn topic(&self, id: TopicId) -> Result<Topic> {
        let row: Option<TopicRow> = sqlx::query_as(concat!(
            "SELECT ",
            topic_columns!(),
            " FROM topics t WHERE t.id = ?"
        ))
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.ok_or(StoreError::NotFound)?.into_topic()
    }

    async fn topics(&self, live: LiveSessionId) -> Result<Vec<Topic>> {
        let rows: Vec<TopicRow> = sqlx::query_as(concat!(
            "SELECT ",
            topic_columns!(),
            " FROM topics t WHERE t.live_session_id = ? ORDER BY t.number"
        ))
        .bind(live.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(TopicRow::into_topic).collect()
    }

    async fn count_topics_by(&self, live: LiveSessionId, author: &NoteAuthor) -> Result<u64> {
        let (sql, who) = match author {
            NoteAuthor::Participant(p) => (
                "SELECT count(*) FROM topics WHERE live_session_id = ? AND participant_id = ?",
                p.to_string(),
            ),
            NoteAuthor::Staff(u) => (
                "SELECT count(*) FROM topics WHERE live_session_id = ? AND staff_user_id = ?",
                u.to_string(),
            ),
        };
        let n: i64 = sqlx::query_scalar(sql)
            .bind(live.to_string())
            .bind(who)
            .fetch_one(&self.pool)
            .await
            .map_err(db)?;
        count(n, "topic")
    }

    async fn place_topic(
        &self,
        topic: TopicId,
        cell: Option<Cell>,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        let state = topic_for_change(&mut tx, topic).await?;
        if let Some(cell) = cell {
            if state.hidden {
                return Err(StoreError::Conflict("topic is hidden"));
            }
            // The set-up may have shrunk since the facilitator's page was drawn; a cell it no
            // longer has would put the topic on no schedule.
            if !state.open_space.is_some_and(|os| os.has(cell)) {
                return Err(StoreError::Conflict("no such cell"));
            }
        }
        sqlx::query("UPDATE topics SET slot = ?, space = ? WHERE id = ?")
            .bind(cell.map(|c| i64::from(c.slot)))
            .bind(cell.map(|c| i64::from(c.space)))
            .bind(topic.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db_unique("cell"))?;
        let event =
            append_live_event(&mut tx, state.live, at, LiveEventKind::TopicsChanged).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn set_topic_hidden(
        &self,
        topic: TopicId,
        hidden: bool,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        let state = topic_for_change(&mut tx, topic).await?;
        // A hidden topic holds no cell, so that its group's place is free for another; showing
        // it again leaves it unplaced.
        let sql = if hidden {
            "UPDATE topics SET hidden = 1, slot = NULL, space = NULL WHERE id = ?"
        } else {
            "UPDATE topics SET hidden = 0 WHERE id = ?"
        };
        sqlx::query(sql)
            .bind(topic.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        let event =
            append_live_event(&mut tx, state.live, at, LiveEventKind::TopicsChanged).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn pick_topic(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
        topic: TopicId,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        // A topic of another session is as unknown here as one that does not exist, whether
        // or not that other session is still open.
        let (state, open) = topic_state(&mut tx, topic).await?;
        if state.live != live {
            return Err(StoreError::NotFound);
        }
        if !open {
            return Err(StoreError::Conflict("live session is closed"));
        }
        // The foreign key to attendance would refuse a stranger too, but as a raw constraint
        // error; asking first gives the caller the same `NotFound` as for a foreign topic.
        let attends: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM attendance WHERE live_session_id = ? AND participant_id = ?",
        )
        .bind(live.to_string())
        .bind(participant.to_string())
        .fetch_optional(&mut *tx)
        .await
        .map_err(db)?;
        if attends.is_none() {
            return Err(StoreError::NotFound);
        }
        // A hidden topic is off the marketplace, so to a phone showing an old page it is as
        // gone as one that never was.
        if state.hidden {
            return Err(StoreError::NotFound);
        }
        if let Some(slot) = state.slot {
            // One person is in one group at a time, so this pick replaces any other in the
            // same slot.
            sqlx::query(
                "DELETE FROM topic_picks \
                 WHERE live_session_id = ?1 AND participant_id = ?2 AND topic_id <> ?3 \
                 AND topic_id IN (SELECT id FROM topics WHERE live_session_id = ?1 AND slot = ?4)",
            )
            .bind(live.to_string())
            .bind(participant.to_string())
            .bind(topic.to_string())
            .bind(slot)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        }
        sqlx::query(
            "INSERT INTO topic_picks (live_session_id, participant_id, topic_id, picked_at) \
             VALUES (?, ?, ?, ?) \
             ON CONFLICT (live_session_id, participant_id, topic_id) DO NOTHING",
        )
        .bind(live.to_string())
        .bind(participant.to_string())
        .bind(topic.to_string())
        .bind(timestamp(at)?)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        let event = append_live_event(&mut tx, live, at, LiveEventKind::TopicsPicked).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn unpick_topic(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
        topic: TopicId,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        require_open(&mut tx, live).await?;
        sqlx::query(
            "DELETE FROM topic_picks \
             WHERE live_session_id = ? AND participant_id = ? AND topic_id = ?",
        )
        .bind(live.to_string())
        .bind(participant.to_string())
        .bind(topic.to_string())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        let event = append_live_event(&mut tx, live, at, LiveEventKind::TopicsPicked).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn picks_of(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
    ) -> Result<Vec<TopicId>> {
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT p.topic_id FROM topic_picks p JOIN topics t ON t.id = p.topic_id \
             WHERE p.live_session_id = ? AND p.participant_id = ? ORDER BY t.number",
        )
        .bind(live.to_string())
        .bind(participant.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        ids.iter().map(|id| parse_id(id, "topic_picks")).collect()
    }

    async fn themes(&self, process: ProcessId, scope: Scope) -> Result<Option<ThemeVersion>> {
        let row: Option<ThemeRow> = sqlx::query_as(concat!(
            "SELECT ",
            theme_columns!(),
            " FROM theme_sets WHERE process_id = ? AND scope = ? ORDER BY version DESC LIMIT 1"
        ))
        .bind(process.to_string())
        .bind(scope.code())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.map(ThemeRow::into_theme_version).transpose()
    }

    async fn save_themes(
        &self,
        process: ProcessId,
        scope: Scope,
        base: Option<u32>,
        set: &ThemeSet,
        curated: bool,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<u32> {
        let themes_json = to_json(set, "themes")?;
        let created_at = timestamp(at)?;
        let mut tx = self.begin_write().await?;
        // An unknown process would otherwise look like a scope with no versions yet and fail
        // only on the insert's foreign key; asking first gives `NotFound` before any version
        // check.
        if !process_exists(&mut tx, process).await? {
            return Err(StoreError::NotFound);
        }
        if let Scope::Session { session } = scope {
            // The scope's key names a session the schema cannot tie to the process, so themes
            // of another process's session would be filed under the wrong process.
            if live_session_process(&mut tx, session).await? != process.to_string() {
                return Err(StoreError::NotFound);
            }
        }
        // The write lock taken at BEGIN IMMEDIATE keeps another save from adding a version
        // between this read and the insert, so of two people curating the same version exactly
        // one wins.
        let latest: Option<i64> = sqlx::query_scalar(
            "SELECT MAX(version) FROM theme_sets WHERE process_id = ? AND scope = ?",
        )
        .bind(process.to_string())
        .bind(scope.code())
        .fetch_one(&mut *tx)
        .await
        .map_err(db)?;
        let latest = latest
            .map(|v| codec::version(v, "theme_sets"))
            .transpose()?;
        if latest != base {
            return Err(StoreError::Conflict("themes changed"));
        }
        let new_version = latest
            .unwrap_or(0)
            .checked_add(1)
            .ok_or(StoreError::Conflict("themes changed"))?;
        sqlx::query(
            "INSERT INTO theme_sets (process_id, scope, version, themes_json, curated, \
             created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(process.to_string())
        .bind(scope.code())
        .bind(i64::from(new_version))
        .bind(themes_json)
        .bind(curated)
        .bind(actor.to_string())
        .bind(created_at)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        append_event(
            &mut tx,
            process,
            actor,
            at,
            &EventKind::ThemesSaved {
                scope,
                version: new_version,
                curated,
            },
        )
        .await?;
        tx.commit().await.map_err(db)?;
        Ok(new_version)
    }

    async fn theme_versions(
        &self,
        process: ProcessId,
        scope: Scope,
    ) -> Result<Vec<(u32, bool, UserId, OffsetDateTime)>> {
        let rows: Vec<ThemeListRow> = sqlx::query_as(
            "SELECT version, curated, created_by, created_at FROM theme_sets \
             WHERE process_id = ? AND scope = ? ORDER BY version DESC",
        )
        .bind(process.to_string())
        .bind(scope.code())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(ThemeListRow::into_entry).collect()
    }

    async fn theme_version(
        &self,
        process: ProcessId,
        scope: Scope,
        version: u32,
    ) -> Result<ThemeVersion> {
        let row: Option<ThemeRow> = sqlx::query_as(concat!(
            "SELECT ",
            theme_columns!(),
            " FROM theme_sets WHERE process_id = ? AND scope = ? AND version = ?"
        ))
        .bind(process.to_string())
        .bind(scope.code())
        .bind(i64::from(version))
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.ok_or(StoreError::NotFound)?.into_theme_version()
    }

    async fn add_practice(&self, p: &Practice) -> Result<()> {
        let (participant, staff) = author_columns(&p.author);
        let mut tx = self.begin_write().await?;
        // The composite foreign keys refuse a live session or a participant of another process
        // as well as a missing one, and `db` reports either as `NotFound`.
        sqlx::query(
            "INSERT INTO practices (id, process_id, live_session_id, group_label, kind, title, \
             owner, due, status, participant_id, staff_user_id, lang, created_at, updated_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(p.id.to_string())
        .bind(p.process.to_string())
        .bind(p.live_session.map(|l| l.to_string()))
        .bind(p.group.as_deref())
        .bind(p.kind.code())
        .bind(&p.title)
        .bind(p.owner.as_deref())
        .bind(p.due.map(date).transpose()?)
        .bind(p.status.code())
        .bind(participant)
        .bind(staff)
        .bind(&p.lang)
        .bind(timestamp(p.created_at)?)
        .bind(timestamp(p.updated_at)?)
        .execute(&mut *tx)
        .await
        .map_err(db_unique("practice"))?;
        // The process log names only staff as actors, so a practice from a phone is recorded
        // without an event rather than under someone else's name.
        if let NoteAuthor::Staff(user) = p.author {
            append_event(
                &mut tx,
                p.process,
                user,
                p.created_at,
                &EventKind::PracticeSaved { practice: p.id },
            )
            .await?;
        }
        tx.commit().await.map_err(db)
    }

    async fn practice(&self, id: PracticeId) -> Result<Practice> {
        let row: Option<PracticeRow> = sqlx::query_as(concat!(
            "SELECT ",
            practice_columns!(),
            " FROM practices WHERE id = ?"
        ))
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.ok_or(StoreError::NotFound)?.into_practice()
    }

    async fn practices(&self, process: ProcessId) -> Result<Vec<Practice>> {
        let rows: Vec<PracticeRow> = sqlx::query_as(concat!(
            "SELECT ",
            practice_columns!(),
            " FROM practices WHERE process_id = ? ORDER BY created_at, id"
        ))
        .bind(process.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(PracticeRow::into_practice).collect()
    }

    async fn edit_practice(
        &self,
        id: PracticeId,
        kind: PracticeKind,
        title: &str,
        owner: Option<&str>,
        due: Option<Date>,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<()> {
        let due = due.map(date).transpose()?;
        let mut tx = self.begin_write().await?;
        let process: Option<String> = sqlx::query_scalar(
            "UPDATE practices SET kind = ?, title = ?, owner = ?, due = ?, updated_at = ? \
             WHERE id = ? RETURNING process_id",
        )
        .bind(kind.code())
        .bind(title)
        .bind(owner)
        .bind(due)
        .bind(timestamp(at)?)
        .bind(id.to_string())
        .fetch_optional(&mut *tx)
        .await
        .map_err(db)?;
        let process = process.ok_or(StoreError::NotFound)?;
        append_event(
            &mut tx,
            parse_id(&process, "practices")?,
            actor,
            at,
            &EventKind::PracticeSaved { practice: id },
        )
        .await?;
        tx.commit().await.map_err(db)
    }

    async fn set_practice_status(
        &self,
        id: PracticeId,
        status: PracticeStatus,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<()> {
        let when = timestamp(at)?;
        let mut tx = self.begin_write().await?;
        let row: Option<(String, String)> =
            sqlx::query_as("SELECT process_id, status FROM practices WHERE id = ?")
                .bind(id.to_string())
                .fetch_optional(&mut *tx)
                .await
                .map_err(db)?;
        let (process, current) = row.ok_or(StoreError::NotFound)?;
        // Choosing the status a practice already has changes nothing, so it neither moves
        // `updated_at` nor adds an event; the transaction ends without writing.
        if current == status.code() {
            return Ok(());
        }
        sqlx::query("UPDATE practices SET status = ?, updated_at = ? WHERE id = ?")
            .bind(status.code())
            .bind(when)
            .bind(id.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        append_event(
            &mut tx,
            parse_id(&process, "practices")?,
            actor,
            at,
            &EventKind::PracticeStatusChanged {
                practice: id,
                to: status,
            },
        )
        .await?;
        tx.commit().await.map_err(db)
    }

    async fn summary(&self, process: ProcessId) -> Result<Option<SummaryVersion>> {
        let row: Option<SummaryRow> = sqlx::query_as(concat!(
            "SELECT ",
            summary_columns!(),
            " FROM summary_versions WHERE process_id = ? ORDER BY version DESC LIMIT 1"
        ))
        .bind(process.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.map(SummaryRow::into_summary_version).transpose()
    }

    async fn summary_version(&self, process: ProcessId, version: u32) -> Result<SummaryVersion> {
        let row: Option<SummaryRow> = sqlx::query_as(concat!(
            "SELECT ",
            summary_columns!(),
            " FROM summary_versions WHERE process_id = ? AND version = ?"
        ))
        .bind(process.to_string())
        .bind(i64::from(version))
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.ok_or(StoreError::NotFound)?.into_summary_version()
    }

    async fn save_summary(
        &self,
        process: ProcessId,
        base: Option<u32>,
        summary: &Summary,
        state: SummaryState,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<u32> {
        let summary_json = to_json(summary, "summary")?;
        let created_at = timestamp(at)?;
        let mut tx = self.begin_write().await?;
        // As for themes: an unknown process is `NotFound` before any version check, not a
        // summary with no versions yet that fails only on the insert's foreign key.
        if !process_exists(&mut tx, process).await? {
            return Err(StoreError::NotFound);
        }
        // The write lock taken at BEGIN IMMEDIATE keeps another save from adding a version
        // between this read and the insert, so of two people editing the same version exactly
        // one wins.
        let latest: Option<i64> =
            sqlx::query_scalar("SELECT MAX(version) FROM summary_versions WHERE process_id = ?")
                .bind(process.to_string())
                .fetch_one(&mut *tx)
                .await
                .map_err(db)?;
        let latest = latest
            .map(|v| codec::version(v, "summary_versions"))
            .transpose()?;
        if latest != base {
            return Err(StoreError::Conflict("summary changed"));
        }
        let new_version = latest
            .unwrap_or(0)
            .checked_add(1)
            .ok_or(StoreError::Conflict("summary changed"))?;
        sqlx::query(
            "INSERT INTO summary_versions (process_id, version, summary_json, state, created_by, \
             created_at) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(process.to_string())
        .bind(i64::from(new_version))
        .bind(summary_json)
        .bind(state.code())
        .bind(actor.to_string())
        .bind(created_at)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        append_event(
            &mut tx,
            process,
            actor,
            at,
            &EventKind::SummarySaved {
                version: new_version,
                state,
            },
        )
        .await?;
        tx.commit().await.map_err(db)?;
        Ok(new_version)
    }

    async fn summary_versions(
        &self,
        process: ProcessId,
    ) -> Result<Vec<(u32, SummaryState, UserId, OffsetDateTime)>> {
        let rows: Vec<SummaryListRow> = sqlx::query_as(
            "SELECT version, state, created_by, created_at FROM summary_versions \
             WHERE process_id = ? ORDER BY version DESC",
        )
        .bind(process.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(SummaryListRow::into_entry).collect()
    }

    async fn add_summary_comment(&self, c: &SummaryComment) -> Result<()> {
        // The composite foreign keys refuse a participant of another process and a version the
        // process does not have, as well as a missing participant or process, and `db` reports
        // each as `NotFound`. One statement, so no transaction.
        sqlx::query(
            "INSERT INTO summary_comments (process_id, summary_version, participant_id, text, \
             lang, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(c.process.to_string())
        .bind(i64::from(c.version))
        .bind(c.participant.to_string())
        .bind(&c.text)
        .bind(&c.lang)
        .bind(timestamp(c.created_at)?)
        .execute(&self.pool)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn summary_comments(&self, process: ProcessId) -> Result<Vec<SummaryComment>> {
        let rows: Vec<SummaryCommentRow> = sqlx::query_as(concat!(
            "SELECT ",
            summary_comment_columns!(),
            " FROM summary_comments WHERE process_id = ? ORDER BY created_at, id"
        ))
        .bind(process.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(SummaryCommentRow::into_summary_comment)
            .collect()
    }

    async fn count_summary_comments_by(
        &self,
        process: ProcessId,
        participant: ParticipantId,
    ) -> Result<u64> {
        let n: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM summary_comments WHERE process_id = ? AND participant_id = ?",
        )
        .bind(process.to_string())
        .bind(participant.to_string())
        .fetch_one(&self.pool)
        .await
        .map_err(db)?;
        count(n, "summary comment")
    }

    async fn make_summary_link(
        &self,
        process: ProcessId,
        token_hash: &str,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<SummaryLink> {
        let mut tx = self.begin_write().await?;
        if !process_exists(&mut tx, process).await? {
            return Err(StoreError::NotFound);
        }
        // The partial unique index allows one working link per process; a second is a conflict.
        let inserted = sqlx::query(
            "INSERT INTO summary_links (process_id, token_hash, created_by, created_at) \
             VALUES (?, ?, ?, ?)",
        )
        .bind(process.to_string())
        .bind(token_hash)
        .bind(actor.to_string())
        .bind(timestamp(at)?)
        .execute(&mut *tx)
        .await;
        let id = match inserted {
            Ok(r) => r.last_insert_rowid(),
            Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
                return Err(StoreError::Conflict("a summary link already works"));
            }
            Err(e) => return Err(db(e)),
        };
        append_event(
            &mut tx,
            process,
            actor,
            at,
            &EventKind::SummaryLinkMade { link: id },
        )
        .await?;
        tx.commit().await.map_err(db)?;
        Ok(SummaryLink {
            id,
            process,
            token_hash: token_hash.to_owned(),
            created_by: actor,
            created_at: at,
            revoked: None,
        })
    }

    async fn summary_link(&self, process: ProcessId) -> Result<Option<SummaryLink>> {
        let row: Option<SummaryLinkRow> = sqlx::query_as(concat!(
            "SELECT ",
            summary_link_columns!(),
            " FROM summary_links WHERE process_id = ? AND revoked_at IS NULL"
        ))
        .bind(process.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.map(SummaryLinkRow::into_link).transpose()
    }

    async fn summary_link_by_hash(&self, token_hash: &str) -> Result<Option<SummaryLink>> {
        let row: Option<SummaryLinkRow> = sqlx::query_as(concat!(
            "SELECT ",
            summary_link_columns!(),
            " FROM summary_links WHERE token_hash = ?"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.map(SummaryLinkRow::into_link).transpose()
    }

    async fn revoke_summary_link(
        &self,
        process: ProcessId,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let id: Option<i64> = sqlx::query_scalar(
            "UPDATE summary_links SET revoked_by = ?, revoked_at = ? \
             WHERE process_id = ? AND revoked_at IS NULL RETURNING id",
        )
        .bind(actor.to_string())
        .bind(timestamp(at)?)
        .bind(process.to_string())
        .fetch_optional(&mut *tx)
        .await
        .map_err(db)?;
        let id = id.ok_or(StoreError::NotFound)?;
        append_event(
            &mut tx,
            process,
            actor,
            at,
            &EventKind::SummaryLinkRevoked { link: id },
        )
        .await?;
        tx.commit().await.map_err(db)?;
        Ok(())
    }

    async fn add_summary_link_comment(&self, c: &SummaryLinkComment, max: u64) -> Result<bool> {
        let max = i64::try_from(max).unwrap_or(i64::MAX);
        // One statement: the count under the cap and the insert cannot be split by another
        // comment. The foreign keys refuse a version the process does not have.
        let r = sqlx::query(
            "INSERT INTO summary_link_comments (process_id, summary_version, link_id, text, lang, \
             created_at) SELECT ?, ?, ?, ?, ?, ? \
             WHERE (SELECT count(*) FROM summary_link_comments WHERE link_id = ?) < ?",
        )
        .bind(c.process.to_string())
        .bind(i64::from(c.version))
        .bind(c.link)
        .bind(&c.text)
        .bind(&c.lang)
        .bind(timestamp(c.created_at)?)
        .bind(c.link)
        .bind(max)
        .execute(&self.pool)
        .await
        .map_err(db)?;
        Ok(r.rows_affected() == 1)
    }

    async fn summary_link_comments(&self, process: ProcessId) -> Result<Vec<SummaryLinkComment>> {
        let rows: Vec<SummaryLinkCommentRow> = sqlx::query_as(
            "SELECT process_id, summary_version, link_id, text, lang, created_at \
             FROM summary_link_comments WHERE process_id = ? ORDER BY created_at, id",
        )
        .bind(process.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(SummaryLinkCommentRow::into_comment)
            .collect()
    }

    async fn raise_hand(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        let process = live_session_process(&mut tx, live).await?;
        sqlx::query(
            "INSERT INTO hands (live_session_id, participant_id, process_id, raised_at) \
             VALUES (?, ?, ?, ?) ON CONFLICT (live_session_id, participant_id) DO NOTHING",
        )
        .bind(live.to_string())
        .bind(participant.to_string())
        .bind(process)
        .bind(timestamp(at)?)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        let event = append_live_event(&mut tx, live, at, LiveEventKind::HandsChanged).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn lower_hand(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        live_session_process(&mut tx, live).await?;
        sqlx::query("DELETE FROM hands WHERE live_session_id = ? AND participant_id = ?")
            .bind(live.to_string())
            .bind(participant.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        let event = append_live_event(&mut tx, live, at, LiveEventKind::HandsChanged).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn hands(&self, live: LiveSessionId) -> Result<Vec<Hand>> {
        type Row = (String, i64, Option<String>, String);
        let rows: Vec<Row> = sqlx::query_as(
            "WITH numbered AS ( \
                 SELECT participant_id, \
                        row_number() OVER (ORDER BY first_seen, participant_id) AS number \
                 FROM attendance WHERE live_session_id = ?1) \
             SELECT h.participant_id, n.number, p.display_name, h.raised_at \
             FROM hands h \
             JOIN numbered n ON n.participant_id = h.participant_id \
             JOIN participants p ON p.id = h.participant_id \
             WHERE h.live_session_id = ?1 \
             ORDER BY h.raised_at, n.number",
        )
        .bind(live.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(|(p, number, name, at)| {
                Ok(Hand {
                    participant: parse_id(&p, "hands")?,
                    number: number_of(number)?,
                    shown_name: name,
                    raised_at: parse_timestamp(&at, "hands")?,
                })
            })
            .collect()
    }

    async fn attendees(&self, live: LiveSessionId) -> Result<Vec<Attendee>> {
        type Row = (i64, String, Option<String>);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT row_number() OVER (ORDER BY a.first_seen, a.participant_id) AS number, \
                    a.participant_id, p.display_name \
             FROM attendance a JOIN participants p ON p.id = a.participant_id \
             WHERE a.live_session_id = ? ORDER BY number",
        )
        .bind(live.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(|(number, p, name)| {
                Ok(Attendee {
                    number: number_of(number)?,
                    participant: parse_id(&p, "attendance")?,
                    shown_name: name,
                })
            })
            .collect()
    }

    async fn participant_by_number(
        &self,
        live: LiveSessionId,
        number: u32,
    ) -> Result<Option<ParticipantId>> {
        let found: Option<String> = sqlx::query_scalar(
            "SELECT participant_id FROM ( \
                 SELECT participant_id, \
                        row_number() OVER (ORDER BY first_seen, participant_id) AS number \
                 FROM attendance WHERE live_session_id = ?) \
             WHERE number = ?",
        )
        .bind(live.to_string())
        .bind(i64::from(number))
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        found.map(|p| parse_id(&p, "attendance")).transpose()
    }

    async fn feedback_state(&self, live: LiveSessionId) -> Result<FeedbackState> {
        let code: Option<String> =
            sqlx::query_scalar("SELECT feedback FROM live_sessions WHERE id = ?")
                .bind(live.to_string())
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
        let code = code.ok_or(StoreError::NotFound)?;
        FeedbackState::parse(&code)
            .ok_or_else(|| StoreError::Corrupt(format!("live_sessions: feedback state {code:?}")))
    }

    async fn set_feedback_state(
        &self,
        live: LiveSessionId,
        state: FeedbackState,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        let now: Option<(String, i64)> =
            sqlx::query_as("SELECT feedback, open FROM live_sessions WHERE id = ?")
                .bind(live.to_string())
                .fetch_optional(&mut *tx)
                .await
                .map_err(db)?;
        let (code, open) = now.ok_or(StoreError::NotFound)?;
        if open != 1 {
            return Err(StoreError::Conflict("live session is closed"));
        }
        let from = FeedbackState::parse(&code).ok_or_else(|| {
            StoreError::Corrupt(format!("live_sessions: feedback state {code:?}"))
        })?;
        // Closing is final and nothing goes back (`FeedbackState::may_become`); asked inside the
        // write transaction, so two clicks at once cannot slip past it.
        if !from.may_become(state) {
            return Err(StoreError::Conflict("feedback cannot move that way"));
        }
        sqlx::query("UPDATE live_sessions SET feedback = ? WHERE id = ?")
            .bind(state.code())
            .bind(live.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        let event = append_live_event(&mut tx, live, at, LiveEventKind::Moved).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn add_feedback(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
        answers: &[Answer],
        _at: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let now: Option<(String, i64)> =
            sqlx::query_as("SELECT feedback, open FROM live_sessions WHERE id = ?")
                .bind(live.to_string())
                .fetch_optional(&mut *tx)
                .await
                .map_err(db)?;
        let (code, open) = now.ok_or(StoreError::NotFound)?;
        // A closed session takes no answer, even if its form was never closed: results are
        // shown once the session closes, and must not change after.
        if open != 1 || code != FeedbackState::Open.code() {
            return Err(StoreError::Conflict("feedback is not open"));
        }
        let process = live_session_process(&mut tx, live).await?;
        // Only *that* this participant answered, for the one-answer rule.
        sqlx::query(
            "INSERT INTO feedback_given (live_session_id, participant_id, process_id) \
             VALUES (?, ?, ?)",
        )
        .bind(live.to_string())
        .bind(participant.to_string())
        .bind(process)
        .execute(&mut *tx)
        .await
        .map_err(db_unique("feedback"))?;
        // The answers, apart from who gave them and when; the key is random (UUIDv4, not the
        // time-ordered v7 of other ids), so even the rows' order says nothing of arrival.
        sqlx::query(
            "INSERT INTO feedback_answers (id, live_session_id, answers_json) VALUES (?, ?, ?)",
        )
        .bind(uuid::Uuid::new_v4().simple().to_string())
        .bind(live.to_string())
        .bind(to_json(&answers, "feedback")?)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        tx.commit().await.map_err(db)?;
        Ok(())
    }

    async fn feedback_given(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
    ) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM feedback_given \
             WHERE live_session_id = ? AND participant_id = ?",
        )
        .bind(live.to_string())
        .bind(participant.to_string())
        .fetch_one(&self.pool)
        .await
        .map_err(db)?;
        Ok(n > 0)
    }

    async fn feedback_responses(&self, live: LiveSessionId) -> Result<Vec<Vec<Answer>>> {
        let rows: Vec<String> = sqlx::query_scalar(
            "SELECT answers_json FROM feedback_answers WHERE live_session_id = ? \
             ORDER BY answers_json",
        )
        .bind(live.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.iter()
            .map(|j| {
                serde_json::from_str(j)
                    .map_err(|e| StoreError::Corrupt(format!("feedback_answers: {e}")))
            })
            .collect()
    }

    async fn notes(&self, live: LiveSessionId) -> Result<Vec<Note>> {
        let rows: Vec<NoteRow> = sqlx::query_as(concat!(
            "SELECT ",
            note_columns!(),
            " FROM notes WHERE live_session_id = ? ORDER BY created_at, id"
        ))
        .bind(live.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(NoteRow::into_note).collect()
    }

    async fn topic_notes(&self, topic: TopicId) -> Result<Vec<Note>> {
        let rows: Vec<NoteRow> = sqlx::query_as(concat!(
            "SELECT ",
            note_columns!(),
            " FROM notes WHERE topic_id = ? ORDER BY created_at, id"
        ))
        .bind(topic.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(NoteRow::into_note).collect()
    }

    async fn count_recent_notes(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
        since: OffsetDateTime,
    ) -> Result<u64> {
        let n: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM notes \
             WHERE live_session_id = ? AND participant_id = ? AND created_at >= ?",
        )
        .bind(live.to_string())
        .bind(participant.to_string())
        .bind(timestamp(since)?)
        .fetch_one(&self.pool)
        .await
        .map_err(db)?;
        count(n, "note")
    }

    async fn live_backlog(
        &self,
        live: LiveSessionId,
        after: i64,
        limit: u32,
    ) -> Result<Vec<LiveReplay>> {
        // `NoteAdded` and `NoteChanged` name their note as `$.note`; other kinds join nothing.
        let rows: Vec<ReplayRow> = sqlx::query_as(
            "SELECT e.seq, e.live_session_id, e.at, e.kind_json, \
                    n.id AS n_id, n.live_session_id AS n_live_session_id, \
                    n.participant_id AS n_participant_id, n.staff_user_id AS n_staff_user_id, \
                    n.shown_name AS n_shown_name, n.stage AS n_stage, n.question AS n_question, \
                    n.text AS n_text, n.lang AS n_lang, n.hidden AS n_hidden, \
                    n.starred AS n_starred, n.cafe_round AS n_cafe_round, \
                    n.cafe_table AS n_cafe_table, n.summary AS n_summary, \
                    n.merged_into AS n_merged_into, n.topic_id AS n_topic_id, \
                    n.created_at AS n_created_at, t.number AS t_number, t.title AS t_title \
             FROM live_events e \
             LEFT JOIN notes n ON n.id = json_extract(e.kind_json, '$.note') \
             LEFT JOIN topics t ON t.id = n.topic_id \
             WHERE e.live_session_id = ? AND e.seq > ? ORDER BY e.seq LIMIT ?",
        )
        .bind(live.to_string())
        .bind(after)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(ReplayRow::into_replay).collect()
    }

    async fn live_events_after(&self, live: LiveSessionId, after: i64) -> Result<Vec<LiveEvent>> {
        let rows: Vec<LiveEventRow> = sqlx::query_as(
            "SELECT seq, live_session_id, at, kind_json FROM live_events \
             WHERE live_session_id = ? AND seq > ? ORDER BY seq",
        )
        .bind(live.to_string())
        .bind(after)
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(LiveEventRow::into_live_event)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use vuoro_core::lang::ParticipantLang;
    use vuoro_core::method::Format;
    use vuoro_core::order::{MethodChoice, Order, ParticipantKind};

    /// Each migration as it landed: (version, SHA-384 of its SQL, which sqlx stores beside the
    /// version and compares at every open). A database that ran a migration refuses to open once
    /// the file changes, so a landed migration is never edited: a change is a new file. This
    /// happened three times (0001–0003 before this table existed); a database made by a build
    /// between those edits cannot be opened and must be set up again or restored from a backup
    /// made by the same build. A new migration adds its row here in the commit that adds it.
    const LANDED: &[(i64, &str)] = &[
        (
            1,
            "cf3856768fe1a36fb28952a0058d8fed3c5346c6ea4413e34ebf8a718ad1319c9a815294c9c8120a461e4aea0cb3b7e7",
        ),
        (
            2,
            "b881f45802d5ceafb758f799bd1280eaa682cddab0287269db1b54debdff995e3057a6ba2844a308c5498ce782b60f16",
        ),
        (
            3,
            "531894c6630edc6f4aa087cdb5b0b25eea3c3bff369b2231060aafe60afb290b582a7dd293c8b9191481514632ab3593",
        ),
        (
            4,
            "c2b9d476d9ca6b2f1e7d7d6065474ea917168be422224cec4ac943c289870953297b44161661fbf876c3b9de0de4a8c5",
        ),
        (
            5,
            "6e3ffe780ff7e05ee1bd2e2a25f677d6ed9d7744d4f2c5458b155f912c6595d8ad443d9b23b93955fc97a5bfb1a6ce3b",
        ),
        (
            6,
            "3847d53f09cd01fc131a313ff51de337cecfd860634c201b0a3407563d440dabb681d6fd872c6e68de46034fdb76481c",
        ),
        (
            7,
            "dc1e68a73c9d1c65a225757694d6979d1e3982a4f700f97c99f8d5826fe27842ffee1221b81d704784e1f94c430de845",
        ),
        (
            8,
            "e333f5aa7de3fe7340d0ad48b45c35acf4acf5467d176d56984ce0228e9848ae7e052ef2d390d2b3c08ddfe41dc066fa",
        ),
        (
            9,
            "70d6c0b26a4812b6d7d9cbaaba2a11fdbdf2c5b2cd694469677ae1035ecabde29ab62fe472bb2dff6f3e86a85a9e4592",
        ),
        (
            10,
            "76234e47c994cfb71de4f45a6dea03118900d1363ee9597b1b42160962ce016841c4c0332d0bd019587a37120272f89d",
        ),
        (
            11,
            "05f1760ae42c455608005e4cc24fbda26597f1584806aa0e3636878402bd5f493342c4cca49778057bfed10261013e6a",
        ),
    ];

    #[test]
    fn landed_migrations_are_never_edited() {
        let embedded: Vec<(i64, String)> = MIGRATOR
            .iter()
            .map(|m| {
                let hex: String = m.checksum.iter().map(|b| format!("{b:02x}")).collect();
                (m.version, hex)
            })
            .collect();
        for (version, pinned) in LANDED {
            let found = embedded.iter().find(|(v, _)| v == version);
            assert_eq!(
                found.map(|(_, h)| h.as_str()),
                Some(*pinned),
                "migration {version:04} was edited or removed after it landed: restore it and put \
                 the change in a new numbered migration"
            );
        }
        let unpinned: Vec<i64> = embedded
            .iter()
            .map(|(v, _)| *v)
            .filter(|v| !LANDED.iter().any(|(l, _)| l == v))
            .collect();
        assert!(
            unpinned.is_empty(),
            "pin the checksum of migrations {unpinned:?} in LANDED, in the commit that adds them"
        );
    }

    /// Removes the database and its WAL files when the test ends.
    struct TempDb(std::path::PathBuf);

    impl TempDb {
        fn new() -> TempDb {
            let name = format!("vuoro-store-unit-{}.db", uuid::Uuid::new_v4());
            TempDb(std::env::temp_dir().join(name))
        }
    }

    impl Drop for TempDb {
        fn drop(&mut self) {
            for suffix in ["", "-wal", "-shm"] {
                let mut p = self.0.clone().into_os_string();
                p.push(suffix);
                let _ = std::fs::remove_file(p);
            }
        }
    }

    #[tokio::test]
    async fn connections_are_configured_as_intended() {
        let db = TempDb::new();
        let store = SqliteStore::open(&db.0).await.expect("open");
        let mut conn = store.pool.acquire().await.expect("connection");
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut *conn)
            .await
            .expect("pragma");
        let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(&mut *conn)
            .await
            .expect("pragma");
        let timeout: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
            .fetch_one(&mut *conn)
            .await
            .expect("pragma");
        let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
            .fetch_one(&mut *conn)
            .await
            .expect("pragma");
        assert_eq!((mode.as_str(), fk, timeout, sync), ("wal", 1, 5000, 1));
        // Counting the loose tables rather than the strict ones keeps this test true as the
        // schema grows.
        let loose: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' \
             AND strict = 0 AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'",
        )
        .fetch_all(&mut *conn)
        .await
        .expect("table list");
        assert!(loose.is_empty(), "tables not STRICT: {loose:?}");
        let strict: i64 =
            sqlx::query_scalar("SELECT count(*) FROM pragma_table_list WHERE strict = 1")
                .fetch_one(&mut *conn)
                .await
                .expect("table list");
        assert!(strict >= 16, "the schema's tables are there");
        drop(conn);
        store.close().await;
    }

    /// A database at `db` that has run the migrations up to `version` only, as one made by an
    /// older release would have.
    async fn pool_at(db: &TempDb, version: i64) -> SqlitePool {
        let options = SqliteConnectOptions::new()
            .filename(&db.0)
            .create_if_missing(true)
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await
            .expect("connect");
        MIGRATOR
            .run_to(version, &pool)
            .await
            .expect("the older migrations");
        pool
    }

    /// Names stored before names were cleaned lose their bidirectional controls when a database
    /// takes migration 0010; other text stays as it was.
    #[tokio::test]
    async fn stored_names_lose_their_bidi_controls() {
        let db = TempDb::new();
        let pool = pool_at(&db, 6).await;
        // Written by hand: the store's own methods follow the newest schema.
        let (org, user) = (OrgId::new(), UserId::new());
        sqlx::query("INSERT INTO organisations (id, name, created_at) VALUES (?, ?, '2026-01-01T00:00:00Z')")
            .bind(org.to_string())
            .bind("Kunta\u{202E}\u{2066}x")
            .execute(&pool)
            .await
            .expect("org");
        sqlx::query(
            "INSERT INTO users (id, email, name, password_hash, created_at) \
             VALUES (?, 'a@b.fi', ?, 'x', '2026-01-01T00:00:00Z')",
        )
        .bind(user.to_string())
        .bind("فاطمة\u{200F} \u{202B}Liisa\u{202C}")
        .execute(&pool)
        .await
        .expect("user");
        pool.close().await;
        let store = SqliteStore::open(&db.0).await.expect("migrates");
        assert_eq!(store.org(org).await.expect("org").name, "Kuntax");
        let u = store
            .user_by_email("a@b.fi")
            .await
            .expect("read")
            .expect("user");
        assert_eq!(
            u.name, "فاطمة\u{200F} Liisa",
            "the right-to-left mark of Arabic stays"
        );
        store.close().await;
    }

    /// A database that ran 0001 and 0002 before the open space existed, with a live session,
    /// an attendee and a note in it, takes 0003 when the store opens it.
    #[tokio::test]
    async fn the_open_space_migration_applies_to_existing_live_data() {
        let db = TempDb::new();
        let pool = pool_at(&db, 2).await;
        let old = SqliteStore { pool };
        let org = old.create_org("Org").await.expect("org");
        let user = old
            .create_user(NewUser {
                email: "a@b.fi".into(),
                name: "A".into(),
                password_hash: "x".into(),
                site_admin: false,
            })
            .await
            .expect("user");
        let order = Order {
            community: "Tiimi".into(),
            unit: None,
            reason: "r".into(),
            outcome: "o".into(),
            timing: "t".into(),
            participant_count: 3,
            participant_kinds: BTreeSet::from([ParticipantKind::Staff]),
            languages: BTreeSet::from([ParticipantLang::Fi]),
            format: Format::Online,
            method: MethodChoice::AdviseMe,
        };
        let p = old
            .create_process(NewProcess {
                org: org.id,
                orderer: user.id,
                order,
                plan: Plan::default(),
            })
            .await
            .expect("process");
        let live = LiveSession {
            id: LiveSessionId::new(),
            process: p.id,
            plan_session: 1,
            phase: 1,
            join_code: JoinCode::from_random(7),
            open: true,
            position: Position::default(),
            timer: Timer::new(10),
            opened_by: user.id,
            opened_at: now(),
            closed_at: None,
        };
        old.open_live_session(&live).await.expect("live session");
        let participant = Participant {
            id: ParticipantId::new(),
            process: p.id,
            token_hash: "h".into(),
            display_name: None,
            lang: "fi".into(),
            created_at: now(),
        };
        old.create_participant(&participant)
            .await
            .expect("participant");
        old.attend(live.id, participant.id).await.expect("attend");
        // Written by hand, since `add_note` now fills a column 0002 does not have.
        let note = NoteId::new();
        sqlx::query(
            "INSERT INTO notes (id, live_session_id, process_id, participant_id, stage, question, \
             text, lang, created_at) VALUES (?, ?, ?, ?, 0, 'q', 'Vanha', 'fi', ?)",
        )
        .bind(note.to_string())
        .bind(live.id.to_string())
        .bind(p.id.to_string())
        .bind(participant.id.to_string())
        .bind(timestamp(now()).expect("time"))
        .execute(&old.pool)
        .await
        .expect("note");
        old.close().await;

        let store = SqliteStore::open(&db.0).await.expect("migrates");
        assert_eq!(store.note(note).await.expect("note").topic, None);
        assert_eq!(store.open_space(live.id).await.expect("read"), None);
        assert!(store.topics(live.id).await.expect("topics").is_empty());
        let os = OpenSpace::from_form("10", "Sali").expect("valid");
        store
            .save_open_space(live.id, &os, now())
            .await
            .expect("saved");
        store.close().await;
    }

    #[tokio::test]
    async fn damaged_rows_read_as_corrupt() {
        let db = TempDb::new();
        let store = SqliteStore::open(&db.0).await.expect("open");
        let org = store.create_org("Org").await.expect("org");
        let user = store
            .create_user(NewUser {
                email: "a@b.fi".into(),
                name: "A".into(),
                password_hash: "x".into(),
                site_admin: false,
            })
            .await
            .expect("user");
        let order = Order {
            community: "Tiimi".into(),
            unit: None,
            reason: "r".into(),
            outcome: "o".into(),
            timing: "t".into(),
            participant_count: 3,
            participant_kinds: BTreeSet::from([ParticipantKind::Staff]),
            languages: BTreeSet::from([ParticipantLang::Fi]),
            format: Format::Online,
            method: MethodChoice::AdviseMe,
        };
        let p = store
            .create_process(NewProcess {
                org: org.id,
                orderer: user.id,
                order,
                plan: Plan::default(),
            })
            .await
            .expect("process");
        // Valid JSON of the wrong shape passes the CHECK but not the decoder.
        sqlx::query("UPDATE processes SET order_json = '{\"community\": 1}'")
            .execute(&store.pool)
            .await
            .expect("damage");
        let read = store.process(p.id).await;
        assert!(matches!(read, Err(StoreError::Corrupt(_))), "{read:?}");
        sqlx::query("UPDATE users SET created_at = 'yesterday'")
            .execute(&store.pool)
            .await
            .expect("damage");
        let read = store.user(user.id).await;
        assert!(matches!(read, Err(StoreError::Corrupt(_))), "{read:?}");

        sqlx::query("UPDATE users SET created_at = '2027-01-01T00:00:00.000000000Z'")
            .execute(&store.pool)
            .await
            .expect("repair");
        let live = LiveSession {
            id: LiveSessionId::new(),
            process: p.id,
            plan_session: 1,
            phase: 1,
            join_code: JoinCode::from_random(7),
            open: true,
            position: Position::default(),
            timer: Timer::new(10),
            opened_by: user.id,
            opened_at: now(),
            closed_at: None,
        };
        store.open_live_session(&live).await.expect("open");
        sqlx::query("UPDATE live_sessions SET timer_json = '{\"duration_ms\": \"ten\"}'")
            .execute(&store.pool)
            .await
            .expect("damage");
        let read = store.live_session(live.id).await;
        assert!(matches!(read, Err(StoreError::Corrupt(_))), "{read:?}");
        store.close().await;
    }
}
