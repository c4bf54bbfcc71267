//! What the PostgreSQL schema refuses and how damaged rows read back: the SQLite crate's unit
//! tests of the same (`damaged_rows_read_as_corrupt`), on a fresh database of the server named
//! by `VUORO_TEST_POSTGRES` (without it the tests return at once).

use std::collections::BTreeSet;
use time::macros::datetime;
use vuoro_core::lang::ParticipantLang;
use vuoro_core::live::{JoinCode, Position, Timer};
use vuoro_core::method::Format;
use vuoro_core::order::{MethodChoice, Order, ParticipantKind};
use vuoro_core::plan::Plan;
use vuoro_core::{LiveSessionId, ProcessId};
use vuoro_store::prelude::*;
use vuoro_store::{LiveSession, NewProcess, NewUser, StoreError, User};
use vuoro_store_postgres::PgStore;
use vuoro_store_postgres::testing::fresh_database;

/// When the tests store something without caring when.
const NOW: time::OffsetDateTime = datetime!(2027-01-10 12:00 UTC);

async fn store_with_process() -> Option<(PgStore, User, ProcessId)> {
    let url = fresh_database().await?;
    let store = PgStore::connect(&url).await.expect("connect");
    let org = store.create_org("Org", NOW).await.expect("org");
    let user = store
        .create_user(
            NewUser {
                email: "a@b.fi".into(),
                name: "A".into(),
                password_hash: "x".into(),
                site_admin: false,
            },
            NOW,
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
            NOW,
        )
        .await
        .expect("process");
    Some((store, user, p.id))
}

#[tokio::test]
async fn damaged_rows_read_as_corrupt() {
    let Some((store, user, p)) = store_with_process().await else {
        return;
    };
    // Valid JSON of the wrong shape passes the CHECK but not the decoder.
    sqlx::query("UPDATE processes SET order_json = '{\"community\": 1}'")
        .execute(store.pool())
        .await
        .expect("damage");
    let read = store.process(p).await;
    assert!(matches!(read, Err(StoreError::Corrupt(_))), "{read:?}");
    sqlx::query("UPDATE users SET created_at = 'yesterday'")
        .execute(store.pool())
        .await
        .expect("damage");
    let read = store.user(user.id).await;
    assert!(matches!(read, Err(StoreError::Corrupt(_))), "{read:?}");

    sqlx::query("UPDATE users SET created_at = '2027-01-01T00:00:00.000000000Z'")
        .execute(store.pool())
        .await
        .expect("repair");
    let live = LiveSession {
        id: LiveSessionId::new(),
        process: p,
        plan_session: 1,
        phase: 1,
        join_code: JoinCode::from_random(7),
        open: true,
        position: Position::default(),
        timer: Timer::new(10),
        opened_by: user.id,
        opened_at: datetime!(2027-02-01 09:00 UTC),
        closed_at: None,
    };
    store.open_live_session(&live).await.expect("open");
    sqlx::query("UPDATE live_sessions SET timer_json = '{\"duration_ms\": \"ten\"}'")
        .execute(store.pool())
        .await
        .expect("damage");
    let read = store.live_session(live.id).await;
    assert!(matches!(read, Err(StoreError::Corrupt(_))), "{read:?}");
    store.close().await;
}

/// The JSON columns are text, as on SQLite, and their CHECKs refuse text that is not JSON, so
/// a hand-made row cannot hide a document that never reads.
#[tokio::test]
async fn json_columns_refuse_what_is_not_json() {
    let Some((store, user, p)) = store_with_process().await else {
        return;
    };
    let not_json = sqlx::query("UPDATE processes SET order_json = 'ei JSONia' WHERE id = $1")
        .bind(p.to_string())
        .execute(store.pool())
        .await;
    assert!(not_json.is_err(), "{not_json:?}");
    let event = sqlx::query(
        "INSERT INTO process_events (process_id, actor_id, at, kind_json) \
         VALUES ($1, $2, '2027-01-01T00:00:00.000000000Z', 'ordered')",
    )
    .bind(p.to_string())
    .bind(user.id.to_string())
    .execute(store.pool())
    .await;
    assert!(event.is_err(), "{event:?}");
    // The process still reads as it was.
    assert_eq!(store.process(p).await.expect("read").title, "Tiimi");
    store.close().await;
}
