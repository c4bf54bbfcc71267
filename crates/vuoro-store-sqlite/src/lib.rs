//! The SQLite backend: one database file in WAL mode, a small connection pool and the schema in
//! `migrations/`, applied whenever the store is opened.
//!
//! Every write that touches more than one row runs in a `BEGIN IMMEDIATE` transaction. Taking
//! the write lock up front means a transaction never has to upgrade a read snapshot to a write,
//! which in WAL mode fails at once instead of waiting for the busy timeout.

mod account_tokens;
mod accounts;
mod audit;
mod catalogue;
mod copy;

mod feed;
mod live;
mod mail;
mod network;
mod notices;
mod offers;
mod outcome;
mod partners;
mod process;
mod rights;

mod sign_on;
mod throttle;

use async_trait::async_trait;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::{QueryBuilder, Sqlite, Transaction};
use std::collections::{HashMap, HashSet};
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
use vuoro_store::sql::codec;
use vuoro_store::sql::codec::{
    count, date, db, db_unique, from_json, index_value, normalise_email, number, parse_id,
    parse_role, parse_timestamp, role_set, timestamp, to_json,
};
use vuoro_store::sql::rows::{
    ApprovalRow, EventRow, FeedbackAnswerRow, InvitationRow, LiveEventRow, LiveSessionRow,
    LoginRow, MemberRow, MembershipRow, NoteRow, OrgRow, ParticipantRow, PlanRow, PracticeRow,
    ProcessRow, ReplayRow, SummaryCommentRow, SummaryLinkCommentRow, SummaryLinkRow,
    SummaryListRow, SummaryRow, ThemeListRow, ThemeRow, TopicRow, UnitRow, UserRow,
};
use vuoro_store::{
    ADDRESS_UNCONFIRMED, Acceptor, AccountStore, Approval, ApprovalSide, Attendee, EventKind, Hand,
    Invitation, LiveEvent, LiveEventKind, LiveReplay, LiveSession, LiveStore, LoginSession, Member,
    NewProcess, NewUser, Note, NoteAuthor, NoteChange, NoteHistoryEntry, Organisation,
    OutcomeStore, Participant, PlanVersion, Practice, Presence, Process, ProcessEvent,
    ProcessFilter, ProcessStore, Result, RoleChange, RoleChangeVia, SessionFeedback, StoreError,
    SummaryComment, SummaryLink, SummaryLinkComment, SummaryVersion, ThemeVersion, Topic, Unit,
    User, live_session_columns, note_columns, participant_columns, practice_columns,
    process_columns, summary_columns, summary_comment_columns, summary_link_columns, theme_columns,
    topic_columns, user_columns,
};

// SQLite's migrations stay where they landed, in `vuoro-store/migrations/`, from before the
// backends had crates of their own: a landed migration file is never edited or moved. Only
// this crate embeds them.
static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../vuoro-store/migrations");

/// Connections in the pool. SQLite allows one writer at a time anyway; a few connections let
/// page loads read while a write is in progress.
const MAX_CONNECTIONS: u32 = 4;

/// How long a statement waits for another connection's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// A [`Store`] on one SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    /// Committed live events, announced to this process's feed readers (see `feed.rs`).
    feed: tokio::sync::broadcast::Sender<(LiveSessionId, i64)>,
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
        at: OffsetDateTime,
    ) -> Result<()> {
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
        // A cancelled order is no longer offered: an answer awaited is withdrawn.
        if to == ProcessState::Cancelled {
            crate::offers::withdraw_awaiting(&mut tx, id, at).await?;
        }
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
        Ok(SqliteStore::on(pool))
    }

    fn on(pool: SqlitePool) -> SqliteStore {
        SqliteStore {
            pool,
            feed: tokio::sync::broadcast::channel(feed::CAPACITY).0,
        }
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

    /// Commits a transaction that appended `event`, then tells the live feed.
    async fn commit_live(&self, tx: Transaction<'static, Sqlite>, event: &LiveEvent) -> Result<()> {
        tx.commit().await.map_err(db)?;
        // Nobody listening (no server in this process) is not an error.
        self.feed.send((event.live_session, event.seq)).ok();
        Ok(())
    }

    async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>> {
        self.pool.begin_with("BEGIN IMMEDIATE").await.map_err(db)
    }
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
/// When a note (aliased `n`) counts as curated ([`LiveStore::note_curated`]): written once for
/// the one note a writer revises and the many a phone's page shows.
macro_rules! curated_condition {
    () => {
        "( \
             EXISTS (SELECT 1 FROM note_history h WHERE h.note_id = n.id) \
             OR EXISTS (SELECT 1 FROM notes m WHERE m.merged_into = n.id) \
             OR EXISTS (SELECT 1 FROM theme_sets t, json_each(t.themes_json, '$.themes') th, \
                        json_each(th.value, '$.notes') tn \
                        WHERE t.process_id = n.process_id AND tn.value = n.id) \
             OR EXISTS (SELECT 1 FROM summary_versions s WHERE s.process_id = n.process_id \
                        AND instr(s.summary_json, n.id) > 0))"
    };
}
use curated_condition;

async fn curated(conn: &mut SqliteConnection, id: NoteId) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(concat!(
        "SELECT 1 FROM notes n WHERE n.id = ? AND ",
        curated_condition!()
    ))
    .bind(id.to_string())
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
/// Ids as one JSON array, read back with `json_each(?)`: a bulk read binds one value whatever
/// the number of ids, so its statement is prepared once and meets no limit on parameters.
fn id_array<T: ToString>(ids: &[T]) -> Result<String> {
    to_json(&ids.iter().map(T::to_string).collect::<Vec<_>>(), "ids")
}

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
    // Roles a sign-on brings come from the provider's groups, not from the person.
    .bind(actor == user && actor_is_site_admin && via != RoleChangeVia::SignOn)
    .bind(timestamp(now)?)
    .execute(conn)
    .await
    .map_err(db)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use vuoro_core::lang::ParticipantLang;
    use vuoro_core::method::Format;
    use vuoro_core::order::{MethodChoice, Order, ParticipantKind};

    /// The one time these tests stamp: what they check does not depend on it.
    const T: OffsetDateTime = time::macros::datetime!(2027-01-10 12:00 UTC);

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
        (
            12,
            "72c7c06c2a24c7e07f5b87c2863cf75f47ec5b52fceba672683954d9dc6bbc1078d422aa9bb172701f8c3d9b084f387c",
        ),
        (
            13,
            "f983e95e38506545f3cf2713d90119f0ad654f7d1054a03c9f1b0cd7e25ea1125dd507c6051dd77d34dea0d5671e4f8d",
        ),
        (
            14,
            "9cf320749fd11aa073f7c2b479a9ea4d796597e469b59db2c211b1aa286fe6e871ea1a3cff15d72ccbf0115b662fa46e",
        ),
        (
            15,
            "3c19e3f951cd8b7d74cce3f38991231d04f87ab1de8e5557f98e4b969815cbb66c0a9702f0a607258c83792effc9ef0b",
        ),
        (
            16,
            "39f646bd73ce7ef5368b0cf10d397adda6078ca419db2756398fc6722b4c14700d6930c593f6fb5f36c1085532030f7a",
        ),
        (
            17,
            "3121bdece87d64bf4835d99b75ba12334fa45b34ad624c7a53ee2f88fddad4d6c5474eaa81a6cbf07f06d31fc0b56cc3",
        ),
        (
            18,
            "875bfad9afc78c477ec1fe37b2b7539f52fef087aec8dfd72d01b0de62b0c9e1009e2353cae843989a4e8c5c52d4673f",
        ),
        (
            19,
            "8b93407c65bca905f61185aefb7d0c3d15b5b37d165c7804499aae838eeeffa533f58ae2a2e94bcee7cd0430a4475538",
        ),
        (
            20,
            "7f47d0a602aca764355298f3031e0dbcd1658aeea520ce46b51a1bfddc81436265b6b6e9249520345799519bb8d1628e",
        ),
        (
            21,
            "7b87ad6d998ffbfd1cd962dc202dce9490b2f91a8ee3a5b6011aa1bd03ef890c8250ba742c50fe02eb71760733f4de95",
        ),
        (
            22,
            "84d1ae366bdf9384395260298d557fcc177f2ceb53057ea5242f7e9f08842a73d9a54144f9d57ab8d5110e7da4cfa116",
        ),
        (
            23,
            "88aa5e613dc8f13ec4fa9a2a55cd49a9e6b0f8222d6127236a084b0cc4078ec35b19602e3eb3f2efbf1fddfd9d720542",
        ),
        (
            24,
            "56e60a41d11b939b45b0a91ddcd57db0c50c13bdfa730140866cccd0d2d0ef642ebcb490ac889c50291f7ab41c81a494",
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
        let old = SqliteStore::on(pool);
        let org = old.create_org("Org", T).await.expect("org");
        let user = old
            .create_user(
                NewUser {
                    email: "a@b.fi".into(),
                    name: "A".into(),
                    password_hash: "x".into(),
                    site_admin: false,
                },
                T,
            )
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
            needs_outsider: false,
        };
        let p = old
            .create_process(
                NewProcess {
                    org: org.id,
                    orderer: user.id,
                    order,
                    plan: Plan::default(),
                    community: None,
                },
                T,
            )
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
            opened_at: T,
            closed_at: None,
        };
        old.open_live_session(&live).await.expect("live session");
        let participant = Participant {
            id: ParticipantId::new(),
            process: p.id,
            token_hash: "h".into(),
            display_name: None,
            lang: "fi".into(),
            created_at: T,
        };
        old.create_participant(&participant)
            .await
            .expect("participant");
        old.attend(live.id, participant.id, T)
            .await
            .expect("attend");
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
        .bind(timestamp(T).expect("time"))
        .execute(&old.pool)
        .await
        .expect("note");
        old.close().await;

        let store = SqliteStore::open(&db.0).await.expect("migrates");
        assert_eq!(store.note(note).await.expect("note").topic, None);
        assert_eq!(store.open_space(live.id).await.expect("read"), None);
        assert!(store.topics(live.id).await.expect("topics").is_empty());
        let os = OpenSpace::from_form("10", "Sali").expect("valid");
        store.save_open_space(live.id, &os, T).await.expect("saved");
        store.close().await;
    }

    #[tokio::test]
    async fn damaged_rows_read_as_corrupt() {
        let db = TempDb::new();
        let store = SqliteStore::open(&db.0).await.expect("open");
        let org = store.create_org("Org", T).await.expect("org");
        let user = store
            .create_user(
                NewUser {
                    email: "a@b.fi".into(),
                    name: "A".into(),
                    password_hash: "x".into(),
                    site_admin: false,
                },
                T,
            )
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
            needs_outsider: false,
        };
        let p = store
            .create_process(
                NewProcess {
                    org: org.id,
                    orderer: user.id,
                    order,
                    plan: Plan::default(),
                    community: None,
                },
                T,
            )
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
            opened_at: T,
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
