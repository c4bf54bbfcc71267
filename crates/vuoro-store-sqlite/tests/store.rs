//! What is about SQLite itself, on real database files, one fresh directory per test: opening
//! and reopening a file, backups, and migrations over old data. The `Store` contract is tested
//! by the conformance suite (`tests/conformance.rs`).

use std::path::{Path, PathBuf};
use time::OffsetDateTime;
use time::macros::{date, datetime};
use vuoro_core::live::{JoinCode, Position, Timer};
use vuoro_core::plan::Plan;
use vuoro_core::{LiveSessionId, ProcessId, Role, RoleSet, UnitId};
use vuoro_store::conformance::{new_user, note, order, participant, plan_with};
use vuoro_store::prelude::*;
use vuoro_store::{LiveSession, NewProcess, NoteAuthor, Organisation, StoreError, Unit, User};
use vuoro_store_sqlite::SqliteStore;

/// The time fixtures are stamped with where a test does not care when they happened; a test
/// that does passes its own times.
const NOW: OffsetDateTime = datetime!(2027-01-04 08:00 UTC);

/// A directory under the system's temporary directory, removed when the test ends.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        let dir = std::env::temp_dir().join(format!("vuoro-store-test-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    fn file(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn open(path: &Path) -> SqliteStore {
    SqliteStore::open(path).await.expect("open store")
}

/// A store with one organisation, one unit and an orderer, a facilitator and a coordinator.
struct Fixture {
    _dir: TempDir,
    store: SqliteStore,
    org: Organisation,
    unit: Unit,
    orderer: User,
    facilitator: User,
}

async fn fixture() -> Fixture {
    let dir = TempDir::new();
    let store = open(&dir.file("vuoro.db")).await;
    let org = store
        .create_org("Vantaan kaupunki", NOW)
        .await
        .expect("org");
    let unit = store.create_unit(org.id, "Kotihoito").await.expect("unit");
    let orderer = store
        .create_user(new_user("esimies@vantaa.fi", "Eeva Esimies"), NOW)
        .await
        .expect("user");
    let facilitator = store
        .create_user(
            new_user("fasilitaattori@vantaa.fi", "Fanni Fasilitaattori"),
            NOW,
        )
        .await
        .expect("user");
    let coordinator = store
        .create_user(
            new_user("koordinaattori@vantaa.fi", "Kalle Koordinaattori"),
            NOW,
        )
        .await
        .expect("user");
    store
        .set_roles(org.id, orderer.id, RoleSet::empty().with(Role::Orderer))
        .await
        .expect("roles");
    store
        .set_roles(
            org.id,
            facilitator.id,
            RoleSet::empty().with(Role::Facilitator),
        )
        .await
        .expect("roles");
    store
        .set_roles(
            org.id,
            coordinator.id,
            RoleSet::empty().with(Role::Coordinator),
        )
        .await
        .expect("roles");
    Fixture {
        _dir: dir,
        store,
        org,
        unit,
        orderer,
        facilitator,
    }
}

async fn create_process(
    f: &Fixture,
    community: &str,
    unit: Option<UnitId>,
    plan: Plan,
) -> ProcessId {
    f.store
        .create_process(
            NewProcess {
                org: f.org.id,
                orderer: f.orderer.id,
                order: order(community, unit),
                plan,
                community: None,
            },
            NOW,
        )
        .await
        .expect("create process")
        .id
}

#[tokio::test]
async fn migrations_run_on_a_fresh_file_and_an_existing_file_reopens() {
    let dir = TempDir::new();
    let path = dir.file("nested-name.db");
    assert!(!path.exists());
    let store = open(&path).await;
    assert!(path.exists(), "open creates the file");
    assert_eq!(store.user_count().await.expect("count"), 0);
    let org = store.create_org("Espoo", NOW).await.expect("org");
    store.close().await;

    // A second open finds the schema in place and runs no migration twice.
    let again = open(&path).await;
    assert_eq!(again.org(org.id).await.expect("org survives"), org);
    again.close().await;
    let third = open(&path).await;
    assert_eq!(third.orgs().await.expect("orgs"), vec![org]);
}

#[tokio::test]
async fn a_backup_opens_as_a_store_with_the_data() {
    let f = fixture().await;
    let id = create_process(
        &f,
        "Tiimi",
        Some(f.unit.id),
        plan_with("eratauko", &[date!(2027 - 02 - 01)]),
    )
    .await;
    let dir = TempDir::new();
    let dest = dir.file("backup.db");
    f.store.backup_to(&dest).await.expect("backup");
    let again = f.store.backup_to(&dest).await;
    assert!(
        matches!(again, Err(StoreError::Duplicate(_))),
        "an existing file is not overwritten: {again:?}"
    );

    // Changes after the backup stay out of it.
    f.store.create_org("Myöhempi", NOW).await.expect("org");

    let copy = open(&dest).await;
    assert_eq!(copy.orgs().await.expect("orgs"), vec![f.org.clone()]);
    assert_eq!(
        copy.units(f.org.id).await.expect("units"),
        vec![f.unit.clone()]
    );
    assert_eq!(copy.user(f.orderer.id).await.expect("user"), f.orderer);
    assert_eq!(
        copy.process(id).await.expect("process"),
        f.store.process(id).await.expect("process")
    );
    assert_eq!(
        copy.events(id).await.expect("events"),
        f.store.events(id).await.expect("events")
    );
    assert_eq!(copy.user_count().await.expect("count"), 3);
    copy.close().await;
}

/// A live session of `process`, opened by the facilitator, at the first stage with a stopped
/// ten-minute timer.
fn live(f: &Fixture, process: ProcessId, code: &str, opened_at: OffsetDateTime) -> LiveSession {
    LiveSession {
        id: LiveSessionId::new(),
        process,
        plan_session: 1,
        phase: 1,
        join_code: JoinCode::parse(code).expect("valid code"),
        open: true,
        position: Position::default(),
        timer: Timer::new(10),
        opened_by: f.facilitator.id,
        opened_at,
        closed_at: None,
    }
}

#[tokio::test]
async fn live_data_survives_reopening_the_file() {
    let dir = TempDir::new();
    let path = dir.file("vuoro.db");
    let store = open(&path).await;
    let org = store.create_org("Espoo", NOW).await.expect("org");
    let user = store
        .create_user(new_user("f@espoo.fi", "F"), NOW)
        .await
        .expect("user");
    let process = store
        .create_process(
            NewProcess {
                org: org.id,
                orderer: user.id,
                order: order("Tiimi", None),
                plan: Plan::default(),
                community: None,
            },
            NOW,
        )
        .await
        .expect("process");
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = LiveSession {
        id: LiveSessionId::new(),
        process: process.id,
        plan_session: 1,
        phase: 1,
        join_code: JoinCode::parse("ACDEFG").expect("valid"),
        open: true,
        position: Position::default(),
        timer: Timer::new(15),
        opened_by: user.id,
        opened_at: t,
        closed_at: None,
    };
    store.open_live_session(&l).await.expect("open");
    let n = note(l.id, NoteAuthor::Staff(user.id), "muistiin", t);
    let e = store.add_note(&n).await.expect("note");
    store.close().await;

    let again = open(&path).await;
    assert_eq!(again.live_session(l.id).await.expect("read"), l);
    assert_eq!(again.notes(l.id).await.expect("notes"), vec![n]);
    assert_eq!(
        again.live_events_after(l.id, 0).await.expect("events"),
        vec![e.clone()]
    );
    // The sequence continues after a reopen.
    let moved = again
        .move_live_session(l.id, Position::default(), Timer::new(15), NOW)
        .await
        .expect("move");
    assert!(moved.seq > e.seq);
    again.close().await;
}

/// A database from before migration 0009 keeps its answers, loses the link to who gave them,
/// and still knows who answered (so nobody answers twice).
#[tokio::test]
async fn migration_0009_moves_answers_away_from_their_participants() {
    use sqlx::{Connection, Executor};
    use vuoro_core::feedback::{Answer, FeedbackState};
    let f = fixture().await;
    let path = f._dir.file("vuoro.db");
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let a = participant(id, "a", t);
    let b = participant(id, "b", t);
    s.create_participant(&a).await.expect("a");
    s.create_participant(&b).await.expect("b");
    s.set_feedback_state(l.id, FeedbackState::Open, t)
        .await
        .expect("open");
    s.close().await;

    // Back to the schema of 0002–0006: answers stored with their participant and time.
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(&path);
    let mut conn = sqlx::SqliteConnection::connect_with(&options)
        .await
        .expect("connect");
    conn.execute(
        "DROP TABLE feedback_answers; DROP TABLE feedback_given; \
         DELETE FROM _sqlx_migrations WHERE version = 9; \
         CREATE TABLE feedback_responses ( \
             live_session_id TEXT NOT NULL, process_id TEXT NOT NULL, \
             participant_id TEXT NOT NULL, \
             answers_json TEXT NOT NULL CHECK (json_valid(answers_json)), \
             created_at TEXT NOT NULL, \
             PRIMARY KEY (live_session_id, participant_id), \
             FOREIGN KEY (live_session_id, process_id) REFERENCES live_sessions (id, process_id), \
             FOREIGN KEY (participant_id, process_id) REFERENCES participants (id, process_id) \
         ) STRICT, WITHOUT ROWID;",
    )
    .await
    .expect("old schema");
    let old = [
        (a.id, vec![Answer::Scale(5), Answer::Open("Hyvä".into())]),
        (b.id, vec![Answer::Scale(2), Answer::Skipped]),
    ];
    for (who, answers) in &old {
        sqlx::query(
            "INSERT INTO feedback_responses \
             (live_session_id, process_id, participant_id, answers_json, created_at) \
             VALUES (?, ?, ?, ?, '2027-02-01T09:30:00Z')",
        )
        .bind(l.id.to_string())
        .bind(id.to_string())
        .bind(who.to_string())
        .bind(serde_json::to_string(answers).expect("json"))
        .execute(&mut conn)
        .await
        .expect("old answer");
    }
    conn.close().await.expect("closed");

    let s = open(&path).await;
    let got = s.feedback_responses(l.id).await.expect("responses");
    let mut want: Vec<Vec<Answer>> = old.iter().map(|(_, a)| a.clone()).collect();
    want.sort_by_key(|r| serde_json::to_string(r).expect("json"));
    assert_eq!(got, want, "every answer kept");
    assert!(s.feedback_given(l.id, a.id).await.expect("given"));
    assert!(s.feedback_given(l.id, b.id).await.expect("given"));
    let again = s.add_feedback(l.id, a.id, &[Answer::Scale(1)], t).await;
    assert!(matches!(again, Err(StoreError::Duplicate(_))), "{again:?}");
    s.close().await;

    let mut conn = sqlx::SqliteConnection::connect_with(&options)
        .await
        .expect("connect");
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'feedback%' \
         ORDER BY name",
    )
    .fetch_all(&mut conn)
    .await
    .expect("tables");
    assert_eq!(
        tables,
        ["feedback_answers", "feedback_given"],
        "the old table is gone"
    );
    let columns: Vec<String> =
        sqlx::query_scalar("SELECT name FROM pragma_table_info('feedback_answers')")
            .fetch_all(&mut conn)
            .await
            .expect("columns");
    assert_eq!(
        columns,
        ["id", "live_session_id", "answers_json"],
        "no participant, no time"
    );
    let columns: Vec<String> =
        sqlx::query_scalar("SELECT name FROM pragma_table_info('feedback_given')")
            .fetch_all(&mut conn)
            .await
            .expect("columns");
    assert!(
        !columns
            .iter()
            .any(|c| c.contains("answer") || c.contains("_at")),
        "{columns:?}"
    );
    conn.close().await.expect("closed");
}

/// A sent message keeps no body: the link of an invitation or a password reset must not stay
/// in the outbox once it went. The kind, address, subject and times stay.
#[tokio::test]
async fn a_sent_messages_body_is_erased() {
    use sqlx::Connection;
    use vuoro_store::{MailKind, NewMail};
    let dir = TempDir::new();
    let path = dir.file("vuoro.db");
    let s = open(&path).await;
    let invitation = NewMail {
        kind: MailKind::Invitation,
        to: "uusi@vantaa.fi".into(),
        user: None,
        subject: "Kutsu".into(),
        text: "https://vuoro.test/invite/SALAINEN".into(),
        html: "<a href=\"https://vuoro.test/invite/SALAINEN\">kutsu</a>".into(),
        dedupe: None,
    };
    s.enqueue_mail(&[invitation], NOW).await.expect("queued");
    let claimed = s
        .claim_mail(NOW, NOW + time::Duration::minutes(5), 10)
        .await
        .expect("claimed");
    s.mail_sent(claimed[0].id, NOW).await.expect("sent");
    s.close().await;

    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(&path);
    let mut conn = sqlx::SqliteConnection::connect_with(&options)
        .await
        .expect("connect");
    let row: (String, String, String, String, Option<String>) = sqlx::query_as(
        "SELECT kind, address, subject, body_text || body_html, sent_at FROM mail_outbox",
    )
    .fetch_one(&mut conn)
    .await
    .expect("row");
    assert_eq!(
        row,
        (
            "invitation".to_owned(),
            "uusi@vantaa.fi".to_owned(),
            "Kutsu".to_owned(),
            String::new(),
            Some("2027-01-04T08:00:00.000000000Z".to_owned())
        )
    );
}
