//! Moving an installation as an operator does it, through the `vuoro` binary: `migrate-db` from
//! a SQLite file with the demo city and a live session in it, and `backup` then `restore`. The
//! copies are checked the way a user would notice: every table holds the same rows, a note
//! merged into another still points at it, new live events carry on numbering after the copied
//! ones, and a database that holds data is never written into.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use time::macros::datetime;
use vuoro_core::live::{JoinCode, Position, Timer};
use vuoro_core::{LiveSessionId, NoteId, ParticipantId};
use vuoro_store::copy::{TableSummary, summarize};
use vuoro_store::prelude::*;
use vuoro_store::{LiveSession, Note, NoteAuthor, NoteChange, Participant, ProcessFilter, Store};
use vuoro_store_sqlite::SqliteStore;

/// A directory of its own for each test, removed when the test ends.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let d =
            std::env::temp_dir().join(format!("vuoro-migrate-cli-{name}-{}", std::process::id()));
        // A directory left by an earlier run of the same process id is stale.
        std::fs::remove_dir_all(&d).ok();
        std::fs::create_dir_all(&d).expect("temp dir");
        TempDir(d)
    }
    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

fn vuoro(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vuoro"))
        .args(["--db", db])
        .args(args)
        .env("VUORO_LOG", "error")
        .env_remove("VUORO_DB")
        .env_remove("VUORO_CONFIG")
        .output()
        .expect("vuoro runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn refused(out: &Output) -> String {
    assert!(
        !out.status.success(),
        "should have been refused: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn url(p: &Path) -> String {
    p.to_str().expect("UTF-8 path").to_owned()
}

/// What the demo leaves, plus a live session with two participants' notes, one merged into the
/// other (a row that references its own table), a raised hand and their live events: the rows
/// a running installation has that the demo does not make.
struct Live {
    merged: NoteId,
    kept: NoteId,
    session: LiveSessionId,
    last_seq: i64,
}

async fn demo_with_live_session(db: &Path) -> Live {
    ok(&vuoro(&url(db), &["demo", "--seed-only"]));
    let store = SqliteStore::open(db).await.expect("open");
    let process = store
        .processes(&ProcessFilter::default())
        .await
        .expect("processes")
        .into_iter()
        .next()
        .expect("the demo has processes");
    let facilitator = store
        .user_by_email("fasilitaattori@demo.vuoro.fi")
        .await
        .expect("read")
        .expect("the demo facilitator");
    let at = datetime!(2027-03-01 10:00 UTC);
    let live = LiveSession {
        id: LiveSessionId::new(),
        process: process.id,
        plan_session: 1,
        phase: 1,
        join_code: JoinCode::from_random(42),
        open: true,
        position: Position::default(),
        timer: Timer::new(10),
        opened_by: facilitator.id,
        opened_at: at,
        closed_at: None,
    };
    store.open_live_session(&live).await.expect("live session");
    let mut notes = Vec::new();
    for (i, text) in ["Palaverit venyvät", "Kokoukset venyvät liian pitkiksi"]
        .into_iter()
        .enumerate()
    {
        let p = Participant {
            id: ParticipantId::new(),
            process: process.id,
            token_hash: format!("token-{i}"),
            display_name: None,
            lang: "fi".into(),
            created_at: at,
        };
        store.create_participant(&p).await.expect("participant");
        store.attend(live.id, p.id, at).await.expect("attends");
        let n = Note {
            id: NoteId::new(),
            live_session: live.id,
            author: NoteAuthor::Participant(p.id),
            shown_name: None,
            stage: 0,
            question: "Mikä toimii?".into(),
            text: text.into(),
            lang: "fi".into(),
            hidden: false,
            starred: i == 1,
            place: None,
            merged_into: None,
            topic: None,
            created_at: at,
        };
        store.add_note(&n).await.expect("note");
        store.raise_hand(live.id, p.id, at).await.expect("hand");
        notes.push(n.id);
    }
    // The first note is merged into the second, written after it.
    store
        .change_note(
            notes[0],
            &NoteChange::MergeInto { target: notes[1] },
            facilitator.id,
            at,
        )
        .await
        .expect("merged");
    let last_seq = store.last_live_seq(live.id).await.expect("seq");
    store.close().await;
    Live {
        merged: notes[0],
        kept: notes[1],
        session: live.id,
        last_seq,
    }
}

async fn summary_of(db: &Path) -> Vec<TableSummary> {
    let store = SqliteStore::open(db).await.expect("open");
    let s = summarize(&store).await.expect("summary");
    store.close().await;
    s
}

/// The copy holds what the source held: the same rows in every table, the merge, and a live
/// session that goes on numbering its events after the copied ones.
async fn check_copy(copy: &dyn Store, live: &Live) {
    let merged = copy.note(live.merged).await.expect("the merged note");
    assert_eq!(merged.merged_into, Some(live.kept));
    assert!(copy.note(live.kept).await.expect("the kept note").starred);
    let at = datetime!(2027-03-01 10:05 UTC);
    let session = copy.live_session(live.session).await.expect("session");
    let hands = copy.hands(session.id).await.expect("hands");
    assert_eq!(hands.len(), 2, "both hands are still up");
    let event = copy
        .lower_hand(session.id, hands[0].participant, at)
        .await
        .expect("a new event");
    assert!(
        event.seq > live.last_seq,
        "a new event ({}) comes after the copied ones ({})",
        event.seq,
        live.last_seq
    );
}

#[tokio::test]
async fn a_running_installation_moves_to_another_sqlite_file_with_every_row() {
    let d = TempDir::new("sqlite");
    let (from, to) = (d.path("from.db"), d.path("to.db"));
    let live = demo_with_live_session(&from).await;

    let target = format!("sqlite://{}", url(&to));
    let out = ok(&vuoro(&url(&from), &["migrate-db", "--to", &target]));
    assert!(out.contains("every count and digest matches"), "{out}");
    let notes = out
        .lines()
        .find(|l| l.starts_with("notes "))
        .expect("a line for the notes");
    let cells: Vec<&str> = notes.split_whitespace().collect();
    assert_eq!(
        (cells[1], cells[2], cells[4]),
        ("2", "2", "same"),
        "{notes}"
    );
    assert!(!out.contains("DIFFERS"), "{out}");
    assert_eq!(summary_of(&from).await, summary_of(&to).await);

    // A second run finds the target full and writes nothing.
    let before = summary_of(&to).await;
    let err = refused(&vuoro(&url(&from), &["migrate-db", "--to", &target]));
    assert!(err.contains("not empty"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(summary_of(&to).await, before);

    let copy = SqliteStore::open(&to).await.expect("open the copy");
    check_copy(&copy, &live).await;
    copy.close().await;
}

#[tokio::test]
async fn a_backup_restores_into_an_empty_database_with_the_same_content() {
    let d = TempDir::new("backup");
    let (db, backup, restored) = (d.path("vuoro.db"), d.path("backup.db"), d.path("new.db"));
    let live = demo_with_live_session(&db).await;

    let out = ok(&vuoro(&url(&db), &["backup", &url(&backup)]));
    assert!(out.contains("wrote"), "{out}");
    let err = refused(&vuoro(&url(&db), &["backup", &url(&backup)]));
    assert!(err.contains("never overwrites"), "{err}");

    let out = ok(&vuoro(&url(&restored), &["restore", &url(&backup)]));
    assert!(out.contains("every count and digest matches"), "{out}");
    assert_eq!(summary_of(&db).await, summary_of(&restored).await);

    // Restoring into a database that holds data is refused and changes nothing.
    let before = summary_of(&restored).await;
    let err = refused(&vuoro(&url(&restored), &["restore", &url(&backup)]));
    assert!(err.contains("not empty"), "{err}");
    assert_eq!(summary_of(&restored).await, before);

    let copy = SqliteStore::open(&restored).await.expect("open");
    check_copy(&copy, &live).await;
    copy.close().await;
}

#[test]
fn a_bad_database_url_is_named_without_its_password() {
    let out = vuoro("postgres://vuoro:salainen@db:70000/vuoro", &["serve"]);
    let err = refused(&out);
    assert!(err.contains("postgres://vuoro:***@db:70000/vuoro"), "{err}");
    assert!(!err.contains("salainen"), "{err}");
}
