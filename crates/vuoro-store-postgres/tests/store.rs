//! What is particular to PostgreSQL beyond the conformance suite (`tests/conformance.rs`): the
//! schema is migrated once and found again by the next connection, and live data and its event
//! sequence carry on across connections, as after a server restart. One fresh database per test
//! on the server named by `VUORO_TEST_POSTGRES` (see `vuoro_store_postgres::testing`).

use time::OffsetDateTime;
use time::macros::datetime;
use vuoro_core::LiveSessionId;
use vuoro_core::live::{JoinCode, Position, Timer};
use vuoro_core::plan::Plan;
use vuoro_store::conformance::{new_user, note, order};
use vuoro_store::prelude::*;
use vuoro_store::{LiveSession, NewProcess, NoteAuthor};
use vuoro_store_postgres::PgStore;
use vuoro_store_postgres::testing::fresh_database;

/// When the tests store something without caring when.
const NOW: OffsetDateTime = datetime!(2027-01-15 12:00 UTC);

async fn open(url: &str) -> PgStore {
    PgStore::connect(url).await.expect("connect to the store")
}

#[tokio::test]
async fn migrations_run_on_an_empty_database_and_a_second_connect_finds_them() {
    let Some(url) = fresh_database().await else {
        return;
    };
    let store = open(&url).await;
    assert_eq!(store.user_count().await.expect("count"), 0);
    let org = store.create_org("Espoo", NOW).await.expect("org");
    store.close().await;

    // A second connect finds the schema in place and runs no migration twice.
    let again = open(&url).await;
    assert_eq!(again.org(org.id).await.expect("org survives"), org);
    again.close().await;
    let third = open(&url).await;
    assert_eq!(third.orgs().await.expect("orgs"), vec![org]);
}

#[tokio::test]
async fn live_data_survives_connecting_again() {
    let Some(url) = fresh_database().await else {
        return;
    };
    let store = open(&url).await;
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

    let again = open(&url).await;
    assert_eq!(again.live_session(l.id).await.expect("read"), l);
    assert_eq!(again.notes(l.id).await.expect("notes"), vec![n]);
    assert_eq!(
        again.live_events_after(l.id, 0).await.expect("events"),
        vec![e.clone()]
    );
    // The sequence continues after connecting again.
    let moved = again
        .move_live_session(l.id, Position::default(), Timer::new(15), t)
        .await
        .expect("move");
    assert!(moved.seq > e.seq);
    again.close().await;
}
