//! Live sessions and outcomes written from many connections at once, as phones and staff on
//! several `vuoro serve` processes would (the writers take turns between two stores, each with
//! its own pool, as two server processes have): each test checks that what SQLite's single
//! writer guaranteed still holds when the writers really run side by side.
//!
//! Like the other PostgreSQL tests these run against the server named by
//! `VUORO_TEST_POSTGRES` and return at once without it (see `vuoro_store_postgres::testing`).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};
use tokio::sync::Barrier;
use vuoro_core::feedback::{Answer, FeedbackState};
use vuoro_core::lang::ParticipantLang;
use vuoro_core::live::{JoinCode, Position, Timer};
use vuoro_core::method::Format;
use vuoro_core::openspace::{Cell, OpenSpace};
use vuoro_core::order::{MethodChoice, Order, ParticipantKind};
use vuoro_core::plan::Plan;
use vuoro_core::practice::{PracticeKind, PracticeStatus};
use vuoro_core::summary::{Block, Summary, SummaryState};
use vuoro_core::themes::{Scope, ThemeSet};
use vuoro_core::{
    LiveSessionId, NoteId, ParticipantId, PracticeId, ProcessId, Role, RoleSet, TopicId,
};
use vuoro_store::conformance::new_user;
use vuoro_store::prelude::*;
use vuoro_store::{
    EventKind, LiveEventKind, LiveSession, NewProcess, Note, NoteAuthor, NoteChange, Participant,
    Practice, StoreError, SummaryLinkComment, Topic, User,
};
use vuoro_store_postgres::PgStore;
use vuoro_store_postgres::testing::fresh_database;

/// Writers in each race: more than two, so that a lock that lets two through shows.
const WRITERS: usize = 8;

const T: OffsetDateTime = datetime!(2027-02-01 09:00 UTC);

/// A process with an open live session, run by its facilitator.
struct Fixture {
    store: PgStore,
    /// A second store on the same database, as a second server process has.
    other: PgStore,
    facilitator: User,
    process: ProcessId,
    live: LiveSessionId,
}

/// `None` when no test server is configured.
async fn fixture() -> Option<Fixture> {
    let url = fresh_database().await?;
    let store = PgStore::connect(&url).await.expect("connect");
    let org = store.create_org("Vantaan kaupunki", T).await.expect("org");
    let orderer = store
        .create_user(new_user("esimies@vantaa.fi", "Eeva Esimies"), T)
        .await
        .expect("user");
    let facilitator = store
        .create_user(
            new_user("fasilitaattori@vantaa.fi", "Fanni Fasilitaattori"),
            T,
        )
        .await
        .expect("user");
    store
        .set_roles(org.id, orderer.id, RoleSet::empty().with(Role::Orderer))
        .await
        .expect("roles");
    let process = store
        .create_process(
            NewProcess {
                org: org.id,
                orderer: orderer.id,
                order: Order {
                    community: "Kotihoidon tiimi".into(),
                    unit: None,
                    reason: "Uusi toimintamalli".into(),
                    outcome: "Yhteinen ymmärrys".into(),
                    timing: "Helmikuu".into(),
                    participant_count: 14,
                    participant_kinds: BTreeSet::from([ParticipantKind::Staff]),
                    languages: BTreeSet::from([ParticipantLang::Fi]),
                    format: Format::FaceToFace,
                    method: MethodChoice::Method("eratauko".into()),
                    needs_outsider: false,
                },
                plan: Plan::default(),
                community: None,
            },
            T,
        )
        .await
        .expect("create process")
        .id;
    let live = LiveSession {
        id: LiveSessionId::new(),
        process,
        plan_session: 1,
        phase: 1,
        join_code: JoinCode::parse("ACDEFG").expect("valid code"),
        open: true,
        position: Position::default(),
        timer: Timer::new(10),
        opened_by: facilitator.id,
        opened_at: T,
        closed_at: None,
    };
    store.open_live_session(&live).await.expect("open");
    let other = PgStore::connect(&url).await.expect("connect again");
    Some(Fixture {
        store,
        other,
        facilitator,
        process,
        live: live.id,
    })
}

impl Fixture {
    /// The store of the `i`th writer: even ones on the first, odd ones on the second.
    fn store_for(&self, i: usize) -> PgStore {
        if i.is_multiple_of(2) {
            self.store.clone()
        } else {
            self.other.clone()
        }
    }
}

/// A phone that joined the fixture's session.
async fn phone(f: &Fixture, token: &str) -> ParticipantId {
    let p = Participant {
        id: ParticipantId::new(),
        process: f.process,
        token_hash: format!("hash-of-{token}"),
        display_name: None,
        lang: "fi".into(),
        created_at: T,
    };
    f.store.create_participant(&p).await.expect("participant");
    f.store.attend(f.live, p.id, T).await.expect("attend");
    p.id
}

fn note(live: LiveSessionId, author: ParticipantId, text: String, at: OffsetDateTime) -> Note {
    Note {
        id: NoteId::new(),
        live_session: live,
        author: NoteAuthor::Participant(author),
        shown_name: None,
        stage: 0,
        question: "Mikä toimii?".into(),
        text,
        lang: "fi".into(),
        hidden: false,
        starred: false,
        place: None,
        merged_into: None,
        topic: None,
        created_at: at,
    }
}

fn topic(live: LiveSessionId, author: ParticipantId, title: String) -> Topic {
    Topic {
        id: TopicId::new(),
        live_session: live,
        number: 99,
        title,
        author: NoteAuthor::Participant(author),
        shown_name: None,
        lang: "fi".into(),
        cell: None,
        hidden: false,
        picks: 0,
        created_at: T,
    }
}

/// Runs `WRITERS` copies of `task` (given its index) at once, released together by a
/// barrier, and returns their results in index order.
async fn race<R, F, Fut>(task: F) -> Vec<R>
where
    R: Send + 'static,
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = R> + Send + 'static,
{
    let start = Arc::new(Barrier::new(WRITERS));
    let handles: Vec<_> = (0..WRITERS)
        .map(|i| {
            let start = start.clone();
            let work = task(i);
            tokio::spawn(async move {
                start.wait().await;
                work.await
            })
        })
        .collect();
    let mut results = Vec::new();
    for h in handles {
        results.push(h.await.expect("task runs"));
    }
    results
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn notes_written_at_once_reach_a_resuming_reader_each_once_in_order() {
    const NOTES: usize = 50;
    let Some(f) = fixture().await else { return };
    let mut phones = Vec::new();
    for i in 0..WRITERS {
        phones.push(phone(&f, &format!("phone-{i}")).await);
    }

    // A board that keeps asking for what came after the last event it saw while the phones
    // write, as a client resuming after `Last-Event-ID` does.
    let done = Arc::new(AtomicBool::new(false));
    let reader = {
        let store = f.other.clone();
        let done = done.clone();
        let live = f.live;
        tokio::spawn(async move {
            let mut seen = Vec::new();
            let mut last = 0;
            loop {
                // Read whether the writers are done before reading, so the last round
                // certainly sees everything they wrote.
                let finished = done.load(Ordering::SeqCst);
                let events = store.live_events_after(live, last).await.expect("read");
                for e in events {
                    assert!(e.seq > last, "events come in seq order");
                    last = e.seq;
                    seen.push(e);
                }
                if finished {
                    return seen;
                }
                tokio::task::yield_now().await;
            }
        })
    };

    let written = race(|i| {
        let store = f.store_for(i);
        let live = f.live;
        let author = phones[i];
        async move {
            let mut ids = Vec::new();
            for k in 0..NOTES {
                let at = T + Duration::seconds(i64::try_from(k).expect("small"));
                let n = note(live, author, format!("Puhelin {i}, ajatus {k}"), at);
                let event = store.add_note(&n).await.expect("note stored");
                assert_eq!(event.kind, LiveEventKind::NoteAdded { note: n.id });
                ids.push(n.id);
            }
            ids
        }
    })
    .await;
    done.store(true, Ordering::SeqCst);
    let seen = reader.await.expect("reader runs");

    let all: Vec<NoteId> = written.into_iter().flatten().collect();
    assert_eq!(all.len(), WRITERS * NOTES);
    let mut received: BTreeMap<NoteId, usize> = BTreeMap::new();
    for e in &seen {
        match e.kind {
            LiveEventKind::NoteAdded { note } => *received.entry(note).or_default() += 1,
            ref other => panic!("only notes were written, got {other:?}"),
        }
    }
    let missed = all.iter().filter(|n| !received.contains_key(n)).count();
    assert_eq!(
        missed,
        0,
        "the board missed {missed} of {} notes",
        all.len()
    );
    let repeated = received.values().filter(|&&n| n > 1).count();
    assert_eq!(
        repeated, 0,
        "the board received {repeated} notes more than once"
    );
    assert_eq!(
        received.len(),
        all.len(),
        "and nothing that was not written"
    );
    // Nothing was skipped on the way: what the board collected by resuming is the whole log.
    let log = f.store.live_events_after(f.live, 0).await.expect("log");
    assert_eq!(seen, log);
    assert_eq!(
        f.store.last_live_seq(f.live).await.expect("last"),
        log.last().expect("events").seq
    );
    assert_eq!(
        f.store.notes(f.live).await.expect("notes").len(),
        WRITERS * NOTES
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn topics_proposed_at_once_take_the_numbers_after_the_last_one() {
    const TOPICS: usize = 5;
    let Some(f) = fixture().await else { return };
    let mut phones = Vec::new();
    for i in 0..WRITERS {
        phones.push(phone(&f, &format!("phone-{i}")).await);
    }
    let numbers = race(|i| {
        let store = f.store_for(i);
        let live = f.live;
        let author = phones[i];
        async move {
            let mut numbers = Vec::new();
            for k in 0..TOPICS {
                let (stored, _) = store
                    .add_topic(&topic(live, author, format!("Aihe {i}.{k}")))
                    .await
                    .expect("topic added");
                numbers.push(stored.number);
            }
            numbers
        }
    })
    .await;
    let mut numbers: Vec<u32> = numbers.into_iter().flatten().collect();
    numbers.sort_unstable();
    let expected: Vec<u32> = (1..=u32::try_from(WRITERS * TOPICS).expect("small")).collect();
    assert_eq!(numbers, expected, "every number once, none skipped");
    let listed: Vec<u32> = f
        .store
        .topics(f.live)
        .await
        .expect("topics")
        .iter()
        .map(|t| t.number)
        .collect();
    assert_eq!(listed, expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn picks_of_one_slot_made_at_once_leave_one_group() {
    let Some(f) = fixture().await else { return };
    let s = &f.store;
    // One slot, and a space for each writer's topic.
    let spaces: Vec<String> = (0..WRITERS).map(|i| format!("Tila {i}")).collect();
    let os = OpenSpace::from_form("10.00–10.45", &spaces.join("\n")).expect("valid set-up");
    s.save_open_space(f.live, &os, T).await.expect("set up");
    let me = phone(&f, "me").await;
    let mut topics = Vec::new();
    for i in 0..WRITERS {
        let (t, _) = s
            .add_topic(&topic(f.live, me, format!("Aihe {i}")))
            .await
            .expect("topic");
        let space = u32::try_from(i).expect("small");
        s.place_topic(t.id, Some(Cell { slot: 0, space }), T)
            .await
            .expect("placed");
        topics.push(t.id);
    }
    for round in 0..5 {
        let results = race(|i| {
            let store = f.store_for(i);
            let (live, topic) = (f.live, topics[i]);
            async move { store.pick_topic(live, me, topic, T).await }
        })
        .await;
        assert!(results.iter().all(Result::is_ok), "{results:?}");
        let picks = s.picks_of(f.live, me).await.expect("picks");
        assert_eq!(
            picks.len(),
            1,
            "round {round}: one group per slot, got {picks:?}"
        );
        s.unpick_topic(f.live, me, picks[0], T)
            .await
            .expect("unpick");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn feedback_closed_and_answered_at_once_counts_once() {
    let Some(f) = fixture().await else { return };
    let s = &f.store;
    let me = phone(&f, "me").await;
    s.set_feedback_state(f.live, FeedbackState::Open, T)
        .await
        .expect("open the form");

    // One phone sending its answers from several tabs at once answers once.
    let answers = race(|i| {
        let store = f.store_for(i);
        let live = f.live;
        let scale = u8::try_from(i % 5 + 1).expect("small");
        async move {
            store
                .add_feedback(live, me, &[Answer::Scale(scale), Answer::Skipped], T)
                .await
        }
    })
    .await;
    assert_eq!(
        answers.iter().filter(|r| r.is_ok()).count(),
        1,
        "{answers:?}"
    );
    assert!(
        answers
            .iter()
            .all(|r| matches!(r, Ok(()) | Err(StoreError::Duplicate("feedback")))),
        "{answers:?}"
    );
    assert_eq!(
        s.feedback_responses(f.live).await.expect("responses").len(),
        1
    );

    // Several clicks on "close" at once close the form once.
    let before = s.last_live_seq(f.live).await.expect("last");
    let closes = race(|i| {
        let store = f.store_for(i);
        let live = f.live;
        async move {
            store
                .set_feedback_state(live, FeedbackState::Closed, T)
                .await
        }
    })
    .await;
    assert_eq!(closes.iter().filter(|r| r.is_ok()).count(), 1, "{closes:?}");
    assert!(
        closes
            .iter()
            .all(|r| r.is_ok() || matches!(r, Err(StoreError::Conflict(_)))),
        "{closes:?}"
    );
    assert_eq!(
        s.live_events_after(f.live, before)
            .await
            .expect("events")
            .len(),
        1,
        "one Moved event"
    );
    assert_eq!(
        s.feedback_state(f.live).await.expect("state"),
        FeedbackState::Closed
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn changes_to_one_note_at_once_number_its_history_without_gaps() {
    let Some(f) = fixture().await else { return };
    let s = &f.store;
    let me = phone(&f, "me").await;
    let n = note(f.live, me, "Kahvihuone on ahdas".into(), T);
    s.add_note(&n).await.expect("note");
    let results = race(|i| {
        let store = f.store_for(i);
        let actor = f.facilitator.id;
        let change = [
            NoteChange::Star,
            NoteChange::Unstar,
            NoteChange::Hide,
            NoteChange::Show,
        ][i % 4]
            .clone();
        async move { store.change_note(n.id, &change, actor, T).await }
    })
    .await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    let versions: Vec<u32> = s
        .note_history(n.id)
        .await
        .expect("history")
        .iter()
        .map(|h| h.version)
        .collect();
    let expected: Vec<u32> = (1..=u32::try_from(WRITERS).expect("small")).collect();
    assert_eq!(versions, expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn theme_and_summary_saves_from_one_version_at_once_leave_one_winner() {
    let Some(f) = fixture().await else { return };
    let s = &f.store;
    for base in [None, Some(1), Some(2)] {
        let results = race(|i| {
            let store = f.store_for(i);
            let (process, actor) = (f.process, f.facilitator.id);
            async move {
                store
                    .save_themes(
                        process,
                        Scope::Process,
                        base,
                        &ThemeSet::default(),
                        true,
                        actor,
                        T,
                    )
                    .await
            }
        })
        .await;
        let won: Vec<u32> = results
            .iter()
            .filter_map(|r| r.as_ref().ok().copied())
            .collect();
        assert_eq!(won, vec![base.unwrap_or(0) + 1], "{results:?}");
        assert!(
            results
                .iter()
                .all(|r| r.is_ok() || matches!(r, Err(StoreError::Conflict("themes changed")))),
            "{results:?}"
        );
    }
    assert_eq!(
        s.theme_versions(f.process, Scope::Process)
            .await
            .expect("versions")
            .len(),
        3
    );

    for base in [None, Some(1), Some(2)] {
        let results = race(|i| {
            let store = f.store_for(i);
            let (process, actor) = (f.process, f.facilitator.id);
            let summary = Summary {
                blocks: vec![Block::paragraph(format!("Versio {i}"), Vec::new())],
            };
            async move {
                store
                    .save_summary(process, base, &summary, SummaryState::Draft, actor, T)
                    .await
            }
        })
        .await;
        let won: Vec<u32> = results
            .iter()
            .filter_map(|r| r.as_ref().ok().copied())
            .collect();
        assert_eq!(won, vec![base.unwrap_or(0) + 1], "{results:?}");
        assert!(
            results
                .iter()
                .all(|r| r.is_ok() || matches!(r, Err(StoreError::Conflict("summary changed")))),
            "{results:?}"
        );
    }
    assert_eq!(
        s.summary_versions(f.process).await.expect("versions").len(),
        3
    );
    let saves = s
        .events(f.process)
        .await
        .expect("events")
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                EventKind::ThemesSaved { .. } | EventKind::SummarySaved { .. }
            )
        })
        .count();
    assert_eq!(saves, 6, "one event per version saved");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn comments_through_a_link_at_once_stop_at_the_cap() {
    const CAP: u64 = 3;
    let Some(f) = fixture().await else { return };
    let s = &f.store;
    let summary = Summary {
        blocks: vec![Block::paragraph("Mitä kuulimme", Vec::new())],
    };
    s.save_summary(
        f.process,
        None,
        &summary,
        SummaryState::Review,
        f.facilitator.id,
        T,
    )
    .await
    .expect("summary");
    let link = s
        .make_summary_link(f.process, &"a".repeat(64), f.facilitator.id, T)
        .await
        .expect("link");
    let results = race(|i| {
        let store = f.store_for(i);
        let c = SummaryLinkComment {
            process: f.process,
            version: 1,
            link: link.id,
            text: format!("Kommentti {i}"),
            lang: "fi".into(),
            created_at: T + Duration::minutes(i64::try_from(i).expect("small")),
        };
        async move { store.add_summary_link_comment(&c, CAP).await }
    })
    .await;
    let taken = results
        .iter()
        .map(|r| *r.as_ref().expect("no error"))
        .filter(|&taken| taken)
        .count();
    assert_eq!(u64::try_from(taken).expect("small"), CAP);
    assert_eq!(
        u64::try_from(
            s.summary_link_comments(f.process)
                .await
                .expect("list")
                .len()
        )
        .expect("small"),
        CAP
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_practice_moved_to_a_status_by_many_at_once_is_logged_once_each_time() {
    let Some(f) = fixture().await else { return };
    let s = &f.store;
    let practice = Practice {
        id: PracticeId::new(),
        process: f.process,
        live_session: Some(f.live),
        group: None,
        kind: PracticeKind::Develop,
        title: "Aamukahvit yhdessä".into(),
        owner: None,
        due: None,
        status: PracticeStatus::Agreed,
        author: NoteAuthor::Staff(f.facilitator.id),
        lang: "fi".into(),
        created_at: T,
        updated_at: T,
    };
    s.add_practice(&practice).await.expect("practice");
    let statuses = [
        PracticeStatus::InProgress,
        PracticeStatus::Done,
        PracticeStatus::InProgress,
        PracticeStatus::Dropped,
        PracticeStatus::Done,
    ];
    for status in statuses {
        let results = race(|i| {
            let store = f.store_for(i);
            let actor = f.facilitator.id;
            async move {
                store
                    .set_practice_status(practice.id, status, actor, T)
                    .await
            }
        })
        .await;
        assert!(results.iter().all(Result::is_ok), "{results:?}");
        assert_eq!(s.practice(practice.id).await.expect("read").status, status);
    }
    let changes: Vec<PracticeStatus> = s
        .events(f.process)
        .await
        .expect("events")
        .into_iter()
        .filter_map(|e| match e.kind {
            EventKind::PracticeStatusChanged { to, .. } => Some(to),
            _ => None,
        })
        .collect();
    assert_eq!(changes, statuses, "one event per change");
}
