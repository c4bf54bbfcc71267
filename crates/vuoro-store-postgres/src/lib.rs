//! The PostgreSQL backend: several `vuoro serve` processes share one database. The schema in
//! `migrations/` has the same columns and types as the SQLite one (see `vuoro_store::sql`), and
//! is applied whenever the store connects.
//!
//! Where SQLite serialises every write with its one write lock (`BEGIN IMMEDIATE`), here a
//! transaction that reads before it writes locks the row it depends on first (`SELECT … FOR
//! NO KEY UPDATE` on the process, the live session, the user or the organisation), so two
//! processes' writers queue on the same row instead of overwriting each other. `NO KEY UPDATE`
//! is the lock an `UPDATE` of the row takes itself: it queues the writers that take it, but
//! not statements that merely insert rows referring to the locked one (a foreign key takes a
//! key-share lock, which `FOR UPDATE` would also block). Whatever runs under a lock takes it
//! explicitly. A transaction that locks a live session takes that lock before any other. Every live event is appended while its live
//! session's row is locked: the `seq` drawn inside the transaction therefore commits in order
//! within the session, and a client resuming after a `seq` never skips an event that
//! committed late.

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
#[cfg(feature = "testing")]
pub mod testing;
mod throttle;

use async_trait::async_trait;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::{Postgres, QueryBuilder, Transaction};
use std::collections::{HashMap, HashSet};
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

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Connections in each server process's pool. PostgreSQL runs writers side by side, so a
/// process gets more than SQLite's few; with several processes the total must stay under the
/// server's `max_connections` (100 by default).
const MAX_CONNECTIONS: u32 = 16;

/// How long a request waits for a free connection before it fails.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

/// A [`vuoro_store::Store`] on a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to the database at `url` (`postgres://user:password@host:port/database`) and
    /// brings its schema up to date. The database must exist; it may be empty.
    pub async fn connect(url: &str) -> Result<PgStore> {
        let options: PgConnectOptions = url
            .parse()
            .map_err(|_| StoreError::Backend("not a valid PostgreSQL URL".into()))?;
        let pool = PgPoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options)
            .await
            .map_err(db)?;
        MIGRATOR
            .run(&pool)
            .await
            .map_err(|e| StoreError::Backend(format!("migration failed: {e}")))?;
        Ok(PgStore { pool })
    }

    /// The connection pool, for the parts of this crate that are not the store itself.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Waits for running queries and closes every connection.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// A read-committed transaction. Its statements that depend on what they read lock the
    /// row they read first (see the crate's documentation).
    async fn begin_write(&self) -> Result<Transaction<'static, Postgres>> {
        self.pool.begin().await.map_err(db)
    }
}

async fn append_event(
    conn: &mut PgConnection,
    process: ProcessId,
    actor: UserId,
    at: OffsetDateTime,
    kind: &EventKind,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO process_events (process_id, actor_id, at, kind_json) VALUES ($1, $2, $3, $4)",
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

/// Ids as one `text[]`, read with `= ANY($1)`: a bulk read binds one value whatever the number
/// of ids, so its statement is prepared once and meets no limit on parameters.
fn id_array<T: ToString>(ids: &[T]) -> Vec<String> {
    ids.iter().map(T::to_string).collect()
}

async fn process_exists(conn: &mut PgConnection, id: ProcessId) -> Result<bool> {
    let found: Option<i32> = sqlx::query_scalar("SELECT 1 FROM processes WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(conn)
        .await
        .map_err(db)?;
    Ok(found.is_some())
}

/// Tells a refused conditional update apart: `NotFound` when the process does not exist,
/// otherwise `Conflict` with `why`.
async fn refused(conn: &mut PgConnection, id: ProcessId, why: &'static str) -> StoreError {
    match process_exists(conn, id).await {
        Ok(true) => StoreError::Conflict(why),
        Ok(false) => StoreError::NotFound,
        Err(e) => e,
    }
}

/// Locks a process's row until the transaction ends; `NotFound` if there is no such process.
/// Versioned saves (plan, themes, summary) take it before reading the latest version.
async fn lock_process(conn: &mut PgConnection, id: ProcessId) -> Result<()> {
    let found: Option<i32> =
        sqlx::query_scalar("SELECT 1 FROM processes WHERE id = $1 FOR NO KEY UPDATE")
            .bind(id.to_string())
            .fetch_optional(conn)
            .await
            .map_err(db)?;
    found.map(|_| ()).ok_or(StoreError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each migration as it landed: (version, SHA-384 of its SQL, which sqlx stores beside the
    /// version and compares at every connect). A database that ran a migration refuses to open
    /// once the file changes, so a landed migration is never edited: a change is a new file. A
    /// new migration adds its row here in the commit that adds it.
    const LANDED: &[(i64, &str)] = &[
        (
            1,
            "15e4b6ecd05126ea12aa43e70bbcc5452eba46869a74e7b99a052f17468e06e7f000189a1ca8f5e5f09e67bb60612d78",
        ),
        (
            2,
            "8f433962f2e46119648791d89c96642ea14da63baa0a23dd44aff10b40869d7eff4136619bee8d095240c4add8d0891c",
        ),
        (
            3,
            "24e2564b6b9024fd604d08d96f3d86319193f36906c461fafecae20e758b024fa32dc8c2f102d53883420d312d73b6dd",
        ),
        (
            4,
            "19db8ad0f6720bed5ded16fa39510955efdbca214fd25ec50c425986a735f5e4b4099c746c9a5ad0df913d4945ee5af0",
        ),
        (
            5,
            "4539e9927b6e6c1e8eef7da2b1497176b09d3292bfb37282c5c833870cbb90f07b308459eec996d426bdb018c6549db8",
        ),
        (
            6,
            "0c61133a013e84680246fcf567de55a7c8b913676952e3b5e2f0b151f3987c7aec2ec276d115cd072d53cbfcd21a197f",
        ),
        (
            7,
            "ca40825ca238a810f24ad19137e5f6fee1e2c92d4cf1cb3c50d50a2f84a157caea5d40cc1427458319932aca4233e649",
        ),
        (
            8,
            "cf89b4bb7366ae6c162c13e98fba9c65b8a5d1739d91ef54c46f78c8702954728aabd7fe975ed72328a34f2e7c3c3341",
        ),
        (
            9,
            "f92dcca1bd998281d4cdc4d4fdbd45510c99847aba96e42beb148130812f1940953c1958eba1a0a63cbe3b40e325d7cb",
        ),
        (
            10,
            "9f6beb07fe915ac0fb01ae54deeac0e46b9e5ef2d061dbfaad92d13ddcba4082492795f926a16f2c0b3b11c15d817764",
        ),
        (
            11,
            "02965ecc305f2771a5c4012cb36edbfd230334767050a704be14a72cd48741c11f28ac39785ae120860bbcb812edf535",
        ),
        (
            12,
            "7fe0e52d4c07d2c9cb251b5fd9b6434efaa6122332a8beb32703b33b50b583ec5a7a5fbc2de921af81834b39d229f2af",
        ),
        (
            13,
            "4986eebbb186d48168fcb997b7542caebb503b3d22ae6dd956056c6f5367545f770201195cedb5aa5c794a4b42ec3247",
        ),
        (
            14,
            "66dcade21b7f32e1b06050c99eb4baad0646aeafa4d7eacabc20678d195900118f567f62e4f693a4f3331a4ba9b636f2",
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
        let landed: Vec<(i64, String)> = LANDED.iter().map(|(v, h)| (*v, h.to_string())).collect();
        assert_eq!(
            embedded[..landed.len()],
            landed[..],
            "a landed migration was edited; add a new migration instead"
        );
    }
}
