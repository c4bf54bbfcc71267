//! The bulk reads pages use instead of one query per row, each checked against the per-row
//! reads it replaces. The bodies speak only to `dyn Store`, so they hold for any backend; only
//! [`open`] names SQLite.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use time::OffsetDateTime;
use time::macros::datetime;
use vuoro_core::feedback::{Answer, FeedbackState};
use vuoro_core::lang::ParticipantLang;
use vuoro_core::live::{JoinCode, Position, Timer};
use vuoro_core::method::Format;
use vuoro_core::order::{MethodChoice, Order, ParticipantKind};
use vuoro_core::plan::Plan;
use vuoro_core::{
    LiveSessionId, NoteId, OrgId, OrgPlanId, ParticipantId, PlanAreaId, ProcessId, UserId,
};
use vuoro_store::{
    Acceptor, Invitation, LiveSession, NewProcess, NewUser, Note, NoteAuthor, NoteChange, OrgPlan,
    Participant, PlanArea, ProcessFilter, ProcessPlanArea, SessionFeedback, Store, User,
};
use vuoro_store_sqlite::SqliteStore;

/// A store on a fresh file in its own temporary directory, removed when the test ends.
struct Opened {
    store: SqliteStore,
    dir: PathBuf,
}

impl Drop for Opened {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

async fn open() -> Opened {
    let dir = std::env::temp_dir().join(format!("vuoro-bulk-test-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("create temp dir");
    let store = SqliteStore::open(&dir.join("vuoro.db"))
        .await
        .expect("open store");
    Opened { store, dir }
}

async fn user(s: &dyn Store, email: &str, name: &str) -> User {
    s.create_user(NewUser {
        email: email.into(),
        name: name.into(),
        password_hash: format!("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$hash-of-{name}"),
        site_admin: false,
    })
    .await
    .expect("user")
}

async fn process(s: &dyn Store, org: OrgId, orderer: UserId, community: &str) -> ProcessId {
    s.create_process(NewProcess {
        org,
        orderer,
        order: Order {
            community: community.into(),
            unit: None,
            reason: "Uusi toimintamalli".into(),
            outcome: "Yhteinen ymmärrys".into(),
            timing: "Helmikuu".into(),
            participant_count: 14,
            participant_kinds: BTreeSet::from([ParticipantKind::Staff]),
            languages: BTreeSet::from([ParticipantLang::Fi]),
            format: Format::FaceToFace,
            method: MethodChoice::Method("eratauko".into()),
        },
        plan: Plan::default(),
    })
    .await
    .expect("process")
    .id
}

async fn open_live(
    s: &dyn Store,
    process: ProcessId,
    phase: u32,
    code: &str,
    by: UserId,
    at: OffsetDateTime,
) -> LiveSessionId {
    let live = LiveSession {
        id: LiveSessionId::new(),
        process,
        plan_session: phase,
        phase,
        join_code: JoinCode::parse(code).expect("valid code"),
        open: true,
        position: Position::default(),
        timer: Timer::new(10),
        opened_by: by,
        opened_at: at,
        closed_at: None,
    };
    s.open_live_session(&live).await.expect("open session");
    live.id
}

/// Each answer given by a new participant of the process in the live session, while its form
/// is open.
async fn answer(
    s: &dyn Store,
    process: ProcessId,
    live: LiveSessionId,
    all: &[Vec<Answer>],
    at: OffsetDateTime,
) {
    s.set_feedback_state(live, FeedbackState::Open, at)
        .await
        .expect("form opens");
    for answers in all {
        let p = Participant {
            id: ParticipantId::new(),
            process,
            token_hash: format!("hash-of-{}", uuid::Uuid::new_v4()),
            display_name: None,
            lang: "fi".into(),
            created_at: at,
        };
        s.create_participant(&p).await.expect("participant");
        s.attend(live, p.id).await.expect("attend");
        s.add_feedback(live, p.id, answers, at)
            .await
            .expect("answers");
    }
}

#[tokio::test]
async fn users_are_read_in_one_go_by_id() {
    let o = open().await;
    let s: &dyn Store = &o.store;
    let eeva = user(s, "esimies@vantaa.fi", "Eeva Esimies").await;
    let fanni = user(s, "fasilitaattori@vantaa.fi", "Fanni Fasilitaattori").await;
    let kalle = user(s, "koordinaattori@vantaa.fi", "Kalle Koordinaattori").await;

    let read = s
        .users(&[fanni.id, eeva.id, fanni.id, UserId::new()])
        .await
        .expect("users");
    assert_eq!(
        read,
        HashMap::from([(eeva.id, eeva.clone()), (fanni.id, fanni.clone())]),
        "each asked account once, as user() reads it; an unknown id is left out"
    );
    assert_eq!(read[&eeva.id], s.user(eeva.id).await.expect("user"));
    assert!(!read.contains_key(&kalle.id), "only the accounts asked for");
    assert!(s.users(&[]).await.expect("none").is_empty());
}

#[tokio::test]
async fn unconfirmed_addresses_are_read_in_one_go_with_their_origin() {
    let o = open().await;
    let s: &dyn Store = &o.store;
    let vantaa = s.create_org("Vantaan kaupunki").await.expect("org").id;
    let kerava = s.create_org("Keravan kaupunki").await.expect("org").id;
    let admin = user(s, "admin@vantaa.fi", "Aino Admin").await;
    let now = datetime!(2027-01-10 12:00 UTC);
    // Two accounts made from two organisations' links, one confirmed since; the admin's own
    // account was made directly.
    let mut made = Vec::new();
    for (org, email) in [
        (vantaa, "uusi@vantaa.fi"),
        (kerava, "uusi@kerava.fi"),
        (vantaa, "vahvistettu@vantaa.fi"),
    ] {
        let token = format!("hash-{email}");
        s.create_invitation(&Invitation {
            token_hash: token.clone(),
            org,
            email: email.into(),
            roles: vuoro_core::RoleSet::empty().with(vuoro_core::Role::Facilitator),
            invited_by: admin.id,
            created_at: now,
            expires_at: now + time::Duration::days(7),
            accepted_at: None,
        })
        .await
        .expect("invite");
        let u = s
            .accept_invitation(
                &token,
                Acceptor::New(NewUser {
                    email: email.into(),
                    name: email.into(),
                    password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$hash".into(),
                    site_admin: false,
                }),
                now,
            )
            .await
            .expect("accept");
        made.push(u.id);
    }
    s.confirm_address(made[2], admin.id, now)
        .await
        .expect("confirm");

    let mut asked = made.clone();
    asked.extend([admin.id, UserId::new()]);
    let read = s.unconfirmed_origins(&asked).await.expect("origins");
    assert_eq!(read, HashMap::from([(made[0], vantaa), (made[1], kerava)]));
    for u in &asked[..4] {
        assert_eq!(
            read.get(u).copied(),
            s.unconfirmed_origin(*u).await.expect("one account"),
            "as unconfirmed_origin says, account by account"
        );
    }
    assert!(s.unconfirmed_origins(&[]).await.expect("none").is_empty());
}

#[tokio::test]
async fn a_processs_feedback_is_read_per_session_as_each_session_gives_it() {
    let o = open().await;
    let s: &dyn Store = &o.store;
    let org = s.create_org("Vantaan kaupunki").await.expect("org").id;
    let fanni = user(s, "fasilitaattori@vantaa.fi", "Fanni Fasilitaattori").await;
    let id = process(s, org, fanni.id, "Kotihoidon tiimi").await;
    let other = process(s, org, fanni.id, "Toinen tiimi").await;
    let t = datetime!(2027-02-01 09:00 UTC);

    // Phase 1: answered, the form closed. Phase 2: answered, the session closed with its form
    // still open. A third session was never asked, and another process's session is not ours.
    let first = open_live(s, id, 1, "ACDEFG", fanni.id, t).await;
    answer(
        s,
        id,
        first,
        &[
            vec![Answer::Scale(4), Answer::Open("Hyvä".into())],
            vec![Answer::Scale(2), Answer::Skipped],
            vec![Answer::Scale(5), Answer::Open("Kiitos".into())],
        ],
        t,
    )
    .await;
    s.set_feedback_state(first, FeedbackState::Closed, t)
        .await
        .expect("form closes");
    let second = open_live(s, id, 2, "HJKMNP", fanni.id, t + time::Duration::days(7)).await;
    answer(
        s,
        id,
        second,
        &[vec![Answer::Scale(3), Answer::Skipped]],
        t + time::Duration::days(7),
    )
    .await;
    s.close_live_session(second, t + time::Duration::days(7))
        .await
        .expect("closed");
    let unasked = open_live(s, id, 2, "QRTUVW", fanni.id, t + time::Duration::days(8)).await;
    let elsewhere = open_live(s, other, 1, "XY3469", fanni.id, t).await;
    answer(s, other, elsewhere, &[vec![Answer::Scale(1)]], t).await;

    let read = s.process_feedback(id).await.expect("feedback");
    let mut expected = Vec::new();
    for l in s.live_sessions(id).await.expect("sessions") {
        let responses = s.feedback_responses(l.id).await.expect("responses");
        if responses.is_empty() {
            continue;
        }
        expected.push(SessionFeedback {
            live_session: l.id,
            phase: l.phase,
            open: l.open,
            state: s.feedback_state(l.id).await.expect("state"),
            responses,
        });
    }
    assert_eq!(
        read, expected,
        "the same as the per-session reads, newest first"
    );
    assert_eq!(
        read.iter().map(|f| f.live_session).collect::<Vec<_>>(),
        [second, first],
        "only the process's sessions with answers"
    );
    assert!(!read.iter().any(|f| f.live_session == unasked));
    assert_eq!(read[0].phase, 2);
    assert!(!read[0].open);
    assert_eq!(read[0].state, FeedbackState::Open);
    assert_eq!(read[1].state, FeedbackState::Closed);
    assert_eq!(read[1].responses.len(), 3);
    assert!(
        s.process_feedback(ProcessId::new())
            .await
            .expect("none")
            .is_empty()
    );
}

fn plan(org: OrgId, name: &str, areas: &[&str]) -> OrgPlan {
    OrgPlan {
        id: OrgPlanId::new(),
        org,
        name: name.into(),
        description: String::new(),
        areas: areas
            .iter()
            .map(|a| PlanArea {
                id: PlanAreaId::new(),
                name: (*a).into(),
                processes: Vec::new(),
            })
            .collect(),
        created_at: datetime!(2027-01-01 09:00 UTC),
    }
}

#[tokio::test]
async fn a_processs_plan_areas_are_read_in_one_go_with_its_links() {
    let o = open().await;
    let s: &dyn Store = &o.store;
    let org = s.create_org("Vantaan kaupunki").await.expect("org").id;
    let neighbour = s.create_org("Keravan kaupunki").await.expect("org").id;
    let kalle = user(s, "koordinaattori@vantaa.fi", "Kalle Koordinaattori").await;
    let id = process(s, org, kalle.id, "Kotihoidon tiimi").await;
    let other = process(s, org, kalle.id, "Toinen tiimi").await;
    // Plans come by name whatever the case, areas in their own order.
    let welfare = plan(
        org,
        "hyvinvointisuunnitelma",
        &["Liikkuminen", "Yksinäisyys"],
    );
    let open_gov = plan(
        org,
        "Avoimen hallinnon suunnitelma",
        &["Selkeä kieli", "Osallisuus"],
    );
    let empty = plan(org, "Budjetti", &[]);
    let theirs = plan(neighbour, "Keravan strategia", &["Asukkaat"]);
    for p in [&welfare, &open_gov, &empty, &theirs] {
        s.create_org_plan(p).await.expect("plan");
    }
    let at = datetime!(2027-03-01 10:00 UTC);
    s.link_process(welfare.areas[1].id, id, kalle.id, at)
        .await
        .expect("link");
    s.link_process(open_gov.areas[0].id, id, kalle.id, at)
        .await
        .expect("link");
    s.link_process(open_gov.areas[1].id, other, kalle.id, at)
        .await
        .expect("link");

    let row = |p: &OrgPlan, i: usize, linked: bool| ProcessPlanArea {
        plan: p.id,
        plan_name: p.name.clone(),
        area: p.areas[i].id,
        area_name: p.areas[i].name.clone(),
        linked,
    };
    let read = s.process_plan_areas(id).await.expect("areas");
    assert_eq!(
        read,
        [
            row(&open_gov, 0, true),
            row(&open_gov, 1, false),
            row(&welfare, 0, false),
            row(&welfare, 1, true),
        ]
    );
    // The same as reading every plan with its areas and looking for the process.
    let through_plans: Vec<ProcessPlanArea> = s
        .org_plans(org)
        .await
        .expect("plans")
        .iter()
        .flat_map(|p| {
            p.areas.iter().map(|a| ProcessPlanArea {
                plan: p.id,
                plan_name: p.name.clone(),
                area: a.id,
                area_name: a.name.clone(),
                linked: a.processes.contains(&id),
            })
        })
        .collect();
    assert_eq!(read, through_plans);
    assert!(
        s.process_plan_areas(ProcessId::new())
            .await
            .expect("unknown")
            .is_empty()
    );
}

#[tokio::test]
async fn an_organisations_plans_keep_their_order_areas_and_links() {
    let o = open().await;
    let s: &dyn Store = &o.store;
    let org = s.create_org("Vantaan kaupunki").await.expect("org").id;
    let neighbour = s.create_org("Keravan kaupunki").await.expect("org").id;
    let kalle = user(s, "koordinaattori@vantaa.fi", "Kalle Koordinaattori").await;
    let first = process(s, org, kalle.id, "Ensimmäinen").await;
    let second = process(s, org, kalle.id, "Toinen").await;
    let mut welfare = plan(
        org,
        "hyvinvointisuunnitelma",
        &["Liikkuminen", "Yksinäisyys"],
    );
    let mut open_gov = plan(
        org,
        "Avoimen hallinnon suunnitelma",
        &["Selkeä kieli", "Osallisuus"],
    );
    let empty = plan(org, "Budjetti", &[]);
    let theirs = plan(neighbour, "Keravan strategia", &["Asukkaat"]);
    for p in [&welfare, &open_gov, &empty, &theirs] {
        s.create_org_plan(p).await.expect("plan");
    }
    // Links read oldest first, whichever was made first in the table.
    let at = datetime!(2027-03-01 10:00 UTC);
    s.link_process(
        welfare.areas[0].id,
        second,
        kalle.id,
        at + time::Duration::hours(1),
    )
    .await
    .expect("link");
    s.link_process(welfare.areas[0].id, first, kalle.id, at)
        .await
        .expect("link");
    s.link_process(open_gov.areas[1].id, second, kalle.id, at)
        .await
        .expect("link");
    welfare.areas[0].processes = vec![first, second];
    open_gov.areas[1].processes = vec![second];

    let read = s.org_plans(org).await.expect("plans");
    assert_eq!(read, [open_gov.clone(), empty.clone(), welfare.clone()]);
    for p in &read {
        assert_eq!(&s.org_plan(p.id).await.expect("plan"), p);
    }
    assert_eq!(s.org_plans(neighbour).await.expect("plans"), [theirs]);
}

#[tokio::test]
async fn every_organisations_processes_come_in_one_list_as_each_lists_its_own() {
    let o = open().await;
    let s: &dyn Store = &o.store;
    let kalle = user(s, "koordinaattori@vantaa.fi", "Kalle Koordinaattori").await;
    let mut orgs = Vec::new();
    for (i, name) in ["Vantaa", "Kerava", "Tuusula"].iter().enumerate() {
        let org = s.create_org(name).await.expect("org").id;
        for n in 0..=i {
            process(s, org, kalle.id, &format!("{name} {n}")).await;
        }
        orgs.push(org);
    }

    // The listing and the open data API read every process once and group them here.
    let all = s
        .processes(&ProcessFilter::default())
        .await
        .expect("every process");
    assert_eq!(all.len(), 6);
    for org in orgs {
        let own = s
            .processes(&ProcessFilter {
                org: Some(org),
                ..ProcessFilter::default()
            })
            .await
            .expect("one organisation's");
        let grouped: Vec<_> = all.iter().filter(|p| p.org == org).cloned().collect();
        assert_eq!(grouped, own, "the same processes in the same order");
    }
}

#[tokio::test]
async fn the_notes_a_facilitator_curated_are_found_together() {
    let o = open().await;
    let s: &dyn Store = &o.store;
    let org = s.create_org("Vantaan kaupunki").await.expect("org").id;
    let fanni = user(s, "fasilitaattori@vantaa.fi", "Fanni Fasilitaattori").await;
    let id = process(s, org, fanni.id, "Kotihoidon tiimi").await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let live = open_live(s, id, 1, "ACDEFG", fanni.id, t).await;
    let writer = Participant {
        id: ParticipantId::new(),
        process: id,
        token_hash: "hash-of-writer".into(),
        display_name: None,
        lang: "fi".into(),
        created_at: t,
    };
    s.create_participant(&writer).await.expect("participant");
    s.attend(live, writer.id).await.expect("attend");
    let mut ids = Vec::new();
    for text in ["Työrauha", "Työvuorot", "Työvuorolista", "Kahvitauot"] {
        let note = Note {
            id: NoteId::new(),
            live_session: live,
            author: NoteAuthor::Participant(writer.id),
            shown_name: None,
            stage: 0,
            question: "Mikä toimii?".into(),
            text: text.into(),
            lang: "fi".into(),
            hidden: false,
            starred: false,
            place: None,
            merged_into: None,
            topic: None,
            created_at: t,
        };
        s.add_note(&note).await.expect("note");
        ids.push(note.id);
    }
    // Starred; merged into the third, which another note now points to; the fourth untouched.
    s.change_note(ids[0], &NoteChange::Star, fanni.id, t)
        .await
        .expect("star");
    s.change_note(
        ids[1],
        &NoteChange::MergeInto { target: ids[2] },
        fanni.id,
        t,
    )
    .await
    .expect("merge");

    let mut asked = ids.clone();
    asked.push(NoteId::new());
    let found = s.curated_notes(&asked).await.expect("curated");
    assert_eq!(found, HashSet::from([ids[0], ids[1], ids[2]]));
    for n in &ids {
        assert_eq!(
            found.contains(n),
            s.note_curated(*n).await.expect("one note"),
            "as note_curated says, note by note"
        );
    }
    assert!(s.curated_notes(&[]).await.expect("none").is_empty());
    assert!(
        s.curated_notes(&ids[3..])
            .await
            .expect("untouched")
            .is_empty()
    );
}

#[tokio::test]
async fn the_current_plans_of_many_processes_are_read_in_one_go() {
    let o = open().await;
    let s: &dyn Store = &o.store;
    let org = s.create_org("Vantaan kaupunki").await.expect("org").id;
    let fanni = user(s, "fasilitaattori@vantaa.fi", "Fanni Fasilitaattori").await;
    let first = process(s, org, fanni.id, "Ensimmäinen").await;
    let second = process(s, org, fanni.id, "Toinen").await;
    let changed = Plan {
        invited: "Koko tiimi".into(),
        ..Plan::default()
    };
    assert_eq!(
        s.save_plan(first, 1, &changed, fanni.id)
            .await
            .expect("saved"),
        2
    );

    let read = s
        .current_plans(&[first, second, ProcessId::new()])
        .await
        .expect("plans");
    assert_eq!(read.len(), 2, "an unknown process is left out");
    for id in [first, second] {
        let p = s.process(id).await.expect("process");
        assert_eq!(
            read[&id],
            s.plan(id, p.plan_version).await.expect("plan"),
            "the version the process is on"
        );
    }
    assert_eq!(read[&first].version, 2);
    assert_eq!(read[&first].plan.invited, "Koko tiimi");
    assert!(s.current_plans(&[]).await.expect("none").is_empty());
}

#[tokio::test]
async fn the_latest_published_summaries_of_many_processes_are_read_in_one_go() {
    use vuoro_core::summary::{Block, Summary, SummaryState};
    let o = open().await;
    let s: &dyn Store = &o.store;
    let org = s.create_org("Vantaan kaupunki").await.expect("org").id;
    let fanni = user(s, "fasilitaattori@vantaa.fi", "Fanni Fasilitaattori").await;
    let published = process(s, org, fanni.id, "Julkaistu").await;
    let drafted = process(s, org, fanni.id, "Luonnos").await;
    let unasked = process(s, org, fanni.id, "Ei kysytty").await;
    let t = datetime!(2027-05-01 09:00 UTC);
    let text = |words: &str| Summary {
        blocks: vec![
            Block::heading("Mitä sovittiin"),
            Block::paragraph(words, Vec::new()),
        ],
    };
    // Drafted, published, published again after a correction, then sent back for comments:
    // the second publication is the latest published one.
    let mut base = None;
    for (words, state) in [
        ("Luonnos", SummaryState::Draft),
        ("Ensimmäinen julkaisu", SummaryState::Published),
        ("Korjattu julkaisu", SummaryState::Published),
        ("Uusi kierros", SummaryState::Review),
    ] {
        base = Some(
            s.save_summary(published, base, &text(words), state, fanni.id, t)
                .await
                .expect("saved"),
        );
    }
    s.save_summary(
        drafted,
        None,
        &text("Kesken"),
        SummaryState::Draft,
        fanni.id,
        t,
    )
    .await
    .expect("saved");
    s.save_summary(
        unasked,
        None,
        &text("Julki"),
        SummaryState::Published,
        fanni.id,
        t,
    )
    .await
    .expect("saved");

    let read = s
        .published_summaries(&[published, drafted])
        .await
        .expect("summaries");
    assert_eq!(
        read.len(),
        1,
        "only a process with a published version, only those asked"
    );
    let latest = &read[&published];
    assert_eq!(latest.version, 3);
    assert_eq!(latest.state, SummaryState::Published);
    assert_eq!(latest.summary, text("Korjattu julkaisu"));
    // What reading the versions and then the published one gives.
    let (v, ..) = s
        .summary_versions(published)
        .await
        .expect("versions")
        .into_iter()
        .find(|(_, st, ..)| *st == SummaryState::Published)
        .expect("a published version");
    assert_eq!(
        latest,
        &s.summary_version(published, v).await.expect("version")
    );
    assert!(s.published_summaries(&[]).await.expect("none").is_empty());
}

#[tokio::test]
async fn many_processes_histories_are_read_in_one_go() {
    let o = open().await;
    let s: &dyn Store = &o.store;
    let org = s.create_org("Vantaan kaupunki").await.expect("org").id;
    let eeva = user(s, "esimies@vantaa.fi", "Eeva Esimies").await;
    let kalle = user(s, "koordinaattori@vantaa.fi", "Kalle Koordinaattori").await;
    let advised = process(s, org, eeva.id, "Neuvottu").await;
    let waiting = process(s, org, eeva.id, "Odottaa").await;
    let unasked = process(s, org, eeva.id, "Ei kysytty").await;
    s.give_advice(advised, kalle.id, Some("eratauko"), "Erätauko sopii tähän.")
        .await
        .expect("advice");
    s.assign_facilitator(unasked, kalle.id, kalle.id)
        .await
        .expect("assigned");

    let read = s
        .events_of(&[advised, waiting, ProcessId::new()])
        .await
        .expect("events");
    assert_eq!(
        read.len(),
        2,
        "only the processes asked for that have events"
    );
    for id in [advised, waiting] {
        assert_eq!(
            read[&id],
            s.events(id).await.expect("one log"),
            "each log as events() gives it, oldest first"
        );
    }
    assert_eq!(read[&advised].len(), 2);
    assert!(s.events_of(&[]).await.expect("none").is_empty());
}

#[tokio::test]
async fn a_processs_notes_are_read_in_one_go_session_by_session() {
    let o = open().await;
    let s: &dyn Store = &o.store;
    let org = s.create_org("Vantaan kaupunki").await.expect("org").id;
    let fanni = user(s, "fasilitaattori@vantaa.fi", "Fanni Fasilitaattori").await;
    let id = process(s, org, fanni.id, "Kotihoidon tiimi").await;
    let other = process(s, org, fanni.id, "Toinen tiimi").await;
    let t = datetime!(2027-02-01 09:00 UTC);
    // The later session is opened first in the table; notes are written out of order.
    let later = open_live(s, id, 2, "HJKMNP", fanni.id, t + time::Duration::days(7)).await;
    let earlier = open_live(s, id, 1, "ACDEFG", fanni.id, t).await;
    let elsewhere = open_live(s, other, 1, "QRTUVW", fanni.id, t).await;
    let write = |live: LiveSessionId, text: &str, minutes: i64| Note {
        id: NoteId::new(),
        live_session: live,
        author: NoteAuthor::Staff(fanni.id),
        shown_name: None,
        stage: 0,
        question: "Mikä toimii?".into(),
        text: text.into(),
        lang: "fi".into(),
        hidden: false,
        starred: false,
        place: None,
        merged_into: None,
        topic: None,
        created_at: t + time::Duration::minutes(minutes),
    };
    for n in [
        write(later, "Myöhempi toinen", 10_090),
        write(earlier, "Aiempi toinen", 30),
        write(later, "Myöhempi ensimmäinen", 10_085),
        write(elsewhere, "Muualla", 5),
        write(earlier, "Aiempi ensimmäinen", 10),
    ] {
        s.add_note(&n).await.expect("note");
    }

    let read = s.process_notes(id).await.expect("notes");
    let mut expected = Vec::new();
    for l in s.live_sessions(id).await.expect("sessions").iter().rev() {
        expected.extend(s.notes(l.id).await.expect("notes"));
    }
    assert_eq!(
        read, expected,
        "as notes() gives them, the oldest session first"
    );
    assert_eq!(
        read.iter().map(|n| n.text.as_str()).collect::<Vec<_>>(),
        [
            "Aiempi ensimmäinen",
            "Aiempi toinen",
            "Myöhempi ensimmäinen",
            "Myöhempi toinen"
        ]
    );
    assert!(
        s.process_notes(ProcessId::new())
            .await
            .expect("none")
            .is_empty()
    );
}
