//! Themes, the summary, its comments and link, and practices.

use super::*;

pub async fn themes_are_versioned_and_stale_saves_conflict(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let notes: Vec<NoteId> = (0..4).map(|_| NoteId::new()).collect();
    let proposal = theme_set(&notes);
    let mut curated = proposal.clone();
    curated.rename(1, "Rauha tehdä työtä").expect("rename");
    curated.merge(1, 2).expect("merge");
    let (t1, t2, t3) = (
        datetime!(2027-02-01 10:00 UTC),
        datetime!(2027-02-01 12:30:00.25 +02:00),
        datetime!(2027-02-02 08:00 UTC),
    );
    let scope = Scope::Process;

    assert_eq!(s.themes(id, scope).await.expect("read"), None);
    assert_eq!(s.theme_versions(id, scope).await.expect("list"), vec![]);
    // A base naming a version that was never saved is as stale as an old one.
    let ahead = s
        .save_themes(id, scope, Some(1), &proposal, false, f.facilitator.id, t1)
        .await;
    assert!(matches!(ahead, Err(StoreError::Conflict(_))), "{ahead:?}");

    assert_eq!(
        s.save_themes(id, scope, None, &proposal, false, f.facilitator.id, t1)
            .await
            .expect("first"),
        1
    );
    // Someone else who also started from nothing cannot replace the first version.
    let again = s
        .save_themes(id, scope, None, &curated, true, f.coordinator.id, t2)
        .await;
    assert!(
        matches!(again, Err(StoreError::Conflict("themes changed"))),
        "{again:?}"
    );
    assert_eq!(
        s.save_themes(id, scope, Some(1), &curated, true, f.facilitator.id, t2)
            .await
            .expect("second"),
        2
    );
    let stale = s
        .save_themes(id, scope, Some(1), &proposal, false, f.coordinator.id, t3)
        .await;
    assert!(
        matches!(stale, Err(StoreError::Conflict("themes changed"))),
        "{stale:?}"
    );
    assert_eq!(
        s.theme_versions(id, scope).await.expect("list").len(),
        2,
        "a refused save stores nothing"
    );
    assert_eq!(
        s.save_themes(id, scope, Some(2), &proposal, false, f.coordinator.id, t3)
            .await
            .expect("third"),
        3
    );

    let latest = ThemeVersion {
        process: id,
        scope,
        version: 3,
        set: proposal.clone(),
        curated: false,
        created_by: f.coordinator.id,
        created_at: t3,
    };
    assert_eq!(
        s.themes(id, scope).await.expect("read"),
        Some(latest.clone())
    );
    assert_eq!(s.theme_version(id, scope, 3).await.expect("v3"), latest);
    let second = s.theme_version(id, scope, 2).await.expect("v2");
    assert_eq!(second.set, curated, "the curated set round-trips exactly");
    assert_eq!(
        (second.curated, second.created_by, second.created_at),
        (true, f.facilitator.id, t2)
    );
    assert_eq!(
        s.theme_version(id, scope, 1).await.expect("v1").set,
        proposal
    );
    let missing = s.theme_version(id, scope, 4).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    assert_eq!(
        s.theme_versions(id, scope).await.expect("list"),
        vec![
            (3, false, f.coordinator.id, t3),
            (2, true, f.facilitator.id, t2),
            (1, false, f.facilitator.id, t1),
        ]
    );

    assert_eq!(
        log_after_order(s, id).await,
        vec![
            (
                f.facilitator.id,
                EventKind::ThemesSaved {
                    scope,
                    version: 1,
                    curated: false
                }
            ),
            (
                f.facilitator.id,
                EventKind::ThemesSaved {
                    scope,
                    version: 2,
                    curated: true
                }
            ),
            (
                f.coordinator.id,
                EventKind::ThemesSaved {
                    scope,
                    version: 3,
                    curated: false
                }
            ),
        ]
    );
}

pub async fn each_scope_and_process_keeps_its_own_themes(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let other = create_process(&f, "Toinen", None, Plan::default()).await;
    let t = datetime!(2027-02-01 10:00 UTC);
    let own = live(&f, id, "ACDEFG", t);
    let foreign = live(&f, other, "HJKMNP", t);
    for l in [&own, &foreign] {
        s.open_live_session(l).await.expect("open");
    }
    let notes: Vec<NoteId> = (0..4).map(|_| NoteId::new()).collect();
    let set = theme_set(&notes);
    let phase = Scope::Phase { phase: 1 };
    let session = Scope::Session { session: own.id };
    let fac = f.facilitator.id;

    for scope in [Scope::Process, phase] {
        assert_eq!(
            s.save_themes(id, scope, None, &set, false, fac, t)
                .await
                .expect("first of its scope"),
            1
        );
    }
    assert_eq!(
        s.save_themes(
            id,
            Scope::Process,
            Some(1),
            &ThemeSet::default(),
            true,
            fac,
            t
        )
        .await
        .expect("second"),
        2
    );
    assert_eq!(s.theme_version(id, phase, 1).await.expect("phase").set, set);
    assert_eq!(
        s.themes(id, phase).await.expect("phase").map(|v| v.version),
        Some(1)
    );
    assert!(matches!(
        s.theme_version(id, phase, 2).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        s.themes(id, Scope::Phase { phase: 2 }).await.expect("read"),
        None
    );
    assert_eq!(s.themes(other, Scope::Process).await.expect("read"), None);
    assert_eq!(
        s.save_themes(id, session, None, &set, false, fac, t)
            .await
            .expect("session"),
        1
    );
    assert_eq!(
        s.themes(id, session).await.expect("read").map(|v| v.scope),
        Some(session)
    );

    // A session of another process, an unknown session and an unknown process are all
    // unknown here, and none leaves a version behind.
    let of_other = Scope::Session {
        session: foreign.id,
    };
    let nowhere = Scope::Session {
        session: LiveSessionId::new(),
    };
    for (process, scope) in [
        (id, of_other),
        (id, nowhere),
        (ProcessId::new(), Scope::Process),
    ] {
        let r = s
            .save_themes(process, scope, None, &set, false, fac, t)
            .await;
        assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");
        assert_eq!(s.themes(process, scope).await.expect("read"), None);
    }
    assert_eq!(s.themes(other, of_other).await.expect("read"), None);
    assert_eq!(log_after_order(s, other).await, vec![]);
    let scopes: Vec<Scope> = log_after_order(s, id)
        .await
        .into_iter()
        .map(|(_, kind)| match kind {
            EventKind::ThemesSaved { scope, .. } => scope,
            other => panic!("unexpected event {other:?}"),
        })
        .collect();
    assert_eq!(scopes, vec![Scope::Process, phase, Scope::Process, session]);
}

pub async fn only_one_of_two_concurrent_theme_saves_wins(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let notes: Vec<NoteId> = (0..4).map(|_| NoteId::new()).collect();
    let set = theme_set(&notes);
    let t = datetime!(2027-02-01 10:00 UTC);
    let tasks: Vec<_> = [f.facilitator.id, f.coordinator.id]
        .into_iter()
        .map(|actor| {
            let (store, set) = (f.store.clone(), set.clone());
            tokio::spawn(async move {
                store
                    .save_themes(id, Scope::Process, None, &set, false, actor, t)
                    .await
            })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.expect("task"));
    }
    let wins = results.iter().filter(|r| matches!(r, Ok(1))).count();
    let conflicts = results
        .iter()
        .filter(|r| matches!(r, Err(StoreError::Conflict(_))))
        .count();
    assert_eq!((wins, conflicts), (1, 1), "{results:?}");
    assert_eq!(
        f.store
            .theme_versions(id, Scope::Process)
            .await
            .expect("list")
            .len(),
        1
    );
}

pub async fn the_summary_is_versioned_and_stale_saves_conflict(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let other = create_process(&f, "Toinen", None, Plan::default()).await;
    let notes: Vec<NoteId> = (0..2).map(|_| NoteId::new()).collect();
    let draft = summary(&notes);
    let mut edited = draft.clone();
    edited.blocks[1].text = "Kahvihuone on liian pieni.".into();
    edited.blocks.remove(3);
    let (t1, t2, t3) = (
        datetime!(2027-03-01 10:00 UTC),
        datetime!(2027-03-01 12:30:00.25 +02:00),
        datetime!(2027-03-02 08:00 UTC),
    );
    let fac = f.facilitator.id;

    assert_eq!(s.summary(id).await.expect("read"), None);
    assert_eq!(s.summary_versions(id).await.expect("list"), vec![]);
    let missing = s.summary_version(id, 1).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    // A base naming a version that was never saved is as stale as an old one.
    let ahead = s
        .save_summary(id, Some(1), &draft, SummaryState::Draft, fac, t1)
        .await;
    assert!(
        matches!(ahead, Err(StoreError::Conflict("summary changed"))),
        "{ahead:?}"
    );
    let nowhere = s
        .save_summary(ProcessId::new(), None, &draft, SummaryState::Draft, fac, t1)
        .await;
    assert!(matches!(nowhere, Err(StoreError::NotFound)), "{nowhere:?}");

    assert_eq!(
        s.save_summary(id, None, &draft, SummaryState::Draft, fac, t1)
            .await
            .expect("first"),
        1
    );
    // Someone else who also started from nothing cannot replace the first version.
    let again = s
        .save_summary(id, None, &edited, SummaryState::Draft, f.coordinator.id, t2)
        .await;
    assert!(
        matches!(again, Err(StoreError::Conflict("summary changed"))),
        "{again:?}"
    );
    assert_eq!(
        s.save_summary(id, Some(1), &edited, SummaryState::Review, fac, t2)
            .await
            .expect("second"),
        2
    );
    let stale = s
        .save_summary(id, Some(1), &draft, SummaryState::Published, fac, t3)
        .await;
    assert!(
        matches!(stale, Err(StoreError::Conflict("summary changed"))),
        "{stale:?}"
    );
    assert_eq!(
        s.summary_versions(id).await.expect("list").len(),
        2,
        "a refused save stores nothing"
    );
    // Publishing is a version of its own, by whoever published.
    assert_eq!(
        s.save_summary(
            id,
            Some(2),
            &edited,
            SummaryState::Published,
            f.coordinator.id,
            t3
        )
        .await
        .expect("third"),
        3
    );

    let latest = SummaryVersion {
        process: id,
        version: 3,
        summary: edited.clone(),
        state: SummaryState::Published,
        created_by: f.coordinator.id,
        created_at: t3,
    };
    assert_eq!(s.summary(id).await.expect("read"), Some(latest.clone()));
    assert_eq!(s.summary_version(id, 3).await.expect("v3"), latest);
    let first = s.summary_version(id, 1).await.expect("v1");
    assert_eq!(first.summary, draft, "the blocks round-trip exactly");
    let quote = &first.summary.blocks[2];
    assert_eq!(
        (quote.kind, quote.lang.as_deref(), quote.sources.as_slice()),
        (BlockKind::Quote, Some("sv"), &notes[1..])
    );
    assert_eq!(first.summary.blocks[1].sources, notes);
    assert_eq!(first.summary.blocks[3].lang, None);
    assert_eq!(
        (first.state, first.created_by, first.created_at),
        (SummaryState::Draft, fac, t1)
    );
    assert_eq!(
        s.summary_version(id, 2).await.expect("v2").state,
        SummaryState::Review
    );
    assert!(matches!(
        s.summary_version(id, 4).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        s.summary_versions(id).await.expect("list"),
        vec![
            (3, SummaryState::Published, f.coordinator.id, t3),
            (2, SummaryState::Review, fac, t2),
            (1, SummaryState::Draft, fac, t1),
        ]
    );

    // Another process has a summary of its own, numbered from 1.
    assert_eq!(s.summary(other).await.expect("read"), None);
    assert!(matches!(
        s.summary_version(other, 1).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        s.save_summary(
            other,
            None,
            &Summary::default(),
            SummaryState::Draft,
            fac,
            t1
        )
        .await
        .expect("other's first"),
        1
    );
    assert_eq!(
        s.summary(other).await.expect("read").map(|v| v.summary),
        Some(Summary::default())
    );

    assert_eq!(
        log_after_order(s, id).await,
        vec![
            (
                fac,
                EventKind::SummarySaved {
                    version: 1,
                    state: SummaryState::Draft
                }
            ),
            (
                fac,
                EventKind::SummarySaved {
                    version: 2,
                    state: SummaryState::Review
                }
            ),
            (
                f.coordinator.id,
                EventKind::SummarySaved {
                    version: 3,
                    state: SummaryState::Published
                }
            ),
        ]
    );
    assert_eq!(
        log_after_order(s, other).await,
        vec![(
            fac,
            EventKind::SummarySaved {
                version: 1,
                state: SummaryState::Draft
            }
        )]
    );
}

pub async fn only_one_of_two_concurrent_summary_saves_wins(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let draft = summary(&[NoteId::new(), NoteId::new()]);
    let t = datetime!(2027-03-01 10:00 UTC);
    let tasks: Vec<_> = [f.facilitator.id, f.coordinator.id]
        .into_iter()
        .map(|actor| {
            let (store, draft) = (f.store.clone(), draft.clone());
            tokio::spawn(async move {
                store
                    .save_summary(id, None, &draft, SummaryState::Draft, actor, t)
                    .await
            })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.expect("task"));
    }
    let wins = results.iter().filter(|r| matches!(r, Ok(1))).count();
    let conflicts = results
        .iter()
        .filter(|r| matches!(r, Err(StoreError::Conflict(_))))
        .count();
    assert_eq!((wins, conflicts), (1, 1), "{results:?}");
    assert_eq!(f.store.summary_versions(id).await.expect("list").len(), 1);
}

pub async fn summary_comments_are_kept_in_order_and_counted_per_participant(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let other = create_process(&f, "Toinen", None, Plan::default()).await;
    let t = datetime!(2027-03-01 10:00 UTC);
    let fac = f.facilitator.id;
    let draft = summary(&[NoteId::new(), NoteId::new()]);
    for v in [None, Some(1)] {
        s.save_summary(id, v, &draft, SummaryState::Review, fac, t)
            .await
            .expect("save");
    }
    s.save_summary(other, None, &draft, SummaryState::Review, fac, t)
        .await
        .expect("save other");
    let (a, b) = (participant(id, "a", t), participant(id, "b", t));
    let stranger = participant(other, "s", t);
    for p in [&a, &b, &stranger] {
        s.create_participant(p).await.expect("participant");
    }
    let before = s.events(id).await.expect("events").len();

    assert_eq!(s.summary_comments(id).await.expect("list"), vec![]);
    assert_eq!(s.count_summary_comments_by(id, a.id).await.expect("n"), 0);

    // Written out of order, and two at the same moment: read back by time, then as written.
    let t0 = datetime!(2027-03-01 12:00 UTC);
    let mut sv = summary_comment(id, 2, b.id, "Hyvä kooste", t0 + Duration::minutes(5));
    sv.lang = "sv".into();
    let written = [
        summary_comment(id, 1, a.id, "Ensimmäinen", t0),
        sv.clone(),
        summary_comment(id, 2, a.id, "Toinen", t0 + Duration::minutes(2)),
        summary_comment(id, 2, b.id, "Samaan aikaan", t0 + Duration::minutes(2)),
    ];
    for c in &written {
        s.add_summary_comment(c).await.expect("comment");
    }
    let stranger_own = summary_comment(other, 1, stranger.id, "Omaan koosteeseen", t0);
    s.add_summary_comment(&stranger_own)
        .await
        .expect("own process");

    // A participant of another process, an unknown participant, a version the process does
    // not have and an unknown process are all refused as unknown.
    let refused = [
        summary_comment(id, 2, stranger.id, "Vieras", t0),
        summary_comment(id, 2, ParticipantId::new(), "Ei osallistujaa", t0),
        summary_comment(id, 3, a.id, "Ei versiota", t0),
        summary_comment(ProcessId::new(), 1, a.id, "Ei prosessia", t0),
    ];
    for c in &refused {
        let r = s.add_summary_comment(c).await;
        assert!(matches!(r, Err(StoreError::NotFound)), "{}: {r:?}", c.text);
    }

    assert_eq!(
        s.summary_comments(id).await.expect("list"),
        vec![
            written[0].clone(),
            written[2].clone(),
            written[3].clone(),
            sv
        ]
    );
    assert_eq!(
        s.summary_comments(other).await.expect("list"),
        vec![stranger_own]
    );
    assert_eq!(s.count_summary_comments_by(id, a.id).await.expect("n"), 2);
    assert_eq!(s.count_summary_comments_by(id, b.id).await.expect("n"), 2);
    assert_eq!(
        s.count_summary_comments_by(id, stranger.id)
            .await
            .expect("n"),
        0,
        "the refused comment was not stored"
    );
    assert_eq!(
        s.count_summary_comments_by(other, stranger.id)
            .await
            .expect("n"),
        1
    );
    assert_eq!(
        s.events(id).await.expect("events").len(),
        before,
        "comments from phones add nothing to the staff log"
    );
}

pub async fn practices_round_trip_and_only_staff_ones_are_logged(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let other = create_process(&f, "Toinen", None, Plan::default()).await;
    let t = datetime!(2027-02-01 10:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let p = participant(id, "a", t);
    s.create_participant(&p).await.expect("participant");

    let by_staff = practice(
        id,
        Some(l.id),
        NoteAuthor::Staff(f.facilitator.id),
        "Viikkopalaveri perjantaisin",
        datetime!(2027-02-01 11:00 +02:00),
    );
    // Written earlier but stored later: the list follows when it was written.
    let mut by_phone = practice(
        id,
        Some(l.id),
        NoteAuthor::Participant(p.id),
        "Aamukahvit",
        datetime!(2027-02-01 08:30 UTC),
    );
    by_phone.kind = PracticeKind::Keep;
    by_phone.owner = None;
    by_phone.due = None;
    by_phone.lang = "sv".into();
    by_phone.group = Some("#3 Työrauha".into());
    let mut unattached = practice(
        id,
        None,
        NoteAuthor::Staff(f.coordinator.id),
        "Kuukausikatsaus",
        datetime!(2027-02-03 09:00 UTC),
    );
    unattached.group = None;
    unattached.status = PracticeStatus::InProgress;
    for pr in [&by_staff, &by_phone, &unattached] {
        s.add_practice(pr).await.expect("add");
    }

    assert_eq!(s.practice(by_staff.id).await.expect("read"), by_staff);
    assert_eq!(s.practice(by_phone.id).await.expect("read"), by_phone);
    assert_eq!(
        s.practices(id).await.expect("list"),
        vec![by_phone.clone(), by_staff.clone(), unattached.clone()]
    );
    assert_eq!(s.practices(other).await.expect("list"), vec![]);
    let missing = s.practice(PracticeId::new()).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    let twice = s.add_practice(&by_staff).await;
    assert!(
        matches!(twice, Err(StoreError::Duplicate("practice"))),
        "{twice:?}"
    );

    let log = s.events(id).await.expect("events");
    let saved: Vec<(UserId, EventKind, OffsetDateTime)> = log
        .into_iter()
        .filter(|e| e.kind != EventKind::Ordered)
        .map(|e| (e.actor, e.kind, e.at))
        .collect();
    assert_eq!(
        saved,
        vec![
            (
                f.facilitator.id,
                EventKind::PracticeSaved {
                    practice: by_staff.id
                },
                by_staff.created_at
            ),
            (
                f.coordinator.id,
                EventKind::PracticeSaved {
                    practice: unattached.id
                },
                unattached.created_at
            ),
        ],
        "a participant's practice names no actor"
    );
}

pub async fn a_practice_must_belong_with_its_process(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let other = create_process(&f, "Toinen", None, Plan::default()).await;
    let t = datetime!(2027-02-01 10:00 UTC);
    let foreign_live = live(&f, other, "HJKMNP", t);
    s.open_live_session(&foreign_live).await.expect("open");
    let stranger = participant(other, "s", t);
    s.create_participant(&stranger).await.expect("participant");
    let staff = NoteAuthor::Staff(f.facilitator.id);

    let refused = [
        practice(
            id,
            Some(foreign_live.id),
            staff.clone(),
            "Vieras istunto",
            t,
        ),
        practice(
            id,
            Some(LiveSessionId::new()),
            staff.clone(),
            "Ei istuntoa",
            t,
        ),
        practice(id, None, NoteAuthor::Participant(stranger.id), "Vieras", t),
        practice(ProcessId::new(), None, staff.clone(), "Ei prosessia", t),
        practice(
            id,
            None,
            NoteAuthor::Staff(UserId::new()),
            "Ei käyttäjää",
            t,
        ),
    ];
    for pr in &refused {
        let r = s.add_practice(pr).await;
        assert!(
            matches!(r, Err(StoreError::NotFound)),
            "{}: {r:?}",
            pr.title
        );
        assert!(matches!(s.practice(pr.id).await, Err(StoreError::NotFound)));
    }
    assert_eq!(s.practices(id).await.expect("list"), vec![]);
    assert_eq!(log_after_order(s, id).await, vec![]);
    assert_eq!(log_after_order(s, other).await, vec![]);
}

pub async fn practices_are_edited_and_followed_up(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 10:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let p = participant(id, "a", t);
    s.create_participant(&p).await.expect("participant");
    let written = practice(
        id,
        Some(l.id),
        NoteAuthor::Participant(p.id),
        "Aamukahvit",
        t,
    );
    s.add_practice(&written).await.expect("add");

    let (t2, t3, t4, t5) = (
        datetime!(2027-02-02 09:00 UTC),
        datetime!(2027-03-01 09:00 UTC),
        datetime!(2027-03-02 09:00 UTC),
        datetime!(2027-04-01 09:00 UTC),
    );
    s.edit_practice(
        written.id,
        PracticeKind::Keep,
        "Aamukahvit maanantaisin",
        None,
        Some(date!(2027 - 05 - 15)),
        f.facilitator.id,
        t2,
    )
    .await
    .expect("edit");
    let edited = Practice {
        kind: PracticeKind::Keep,
        title: "Aamukahvit maanantaisin".into(),
        owner: None,
        due: Some(date!(2027 - 05 - 15)),
        updated_at: t2,
        ..written.clone()
    };
    assert_eq!(s.practice(written.id).await.expect("read"), edited);

    s.set_practice_status(written.id, PracticeStatus::InProgress, f.orderer.id, t3)
        .await
        .expect("status");
    // The same status again changes nothing, not even the time of the last change.
    s.set_practice_status(written.id, PracticeStatus::InProgress, f.orderer.id, t4)
        .await
        .expect("same status");
    let followed = s.practice(written.id).await.expect("read");
    assert_eq!(
        (followed.status, followed.updated_at),
        (PracticeStatus::InProgress, t3)
    );
    s.set_practice_status(written.id, PracticeStatus::Done, f.coordinator.id, t5)
        .await
        .expect("status");
    assert_eq!(
        s.practice(written.id).await.expect("read"),
        Practice {
            status: PracticeStatus::Done,
            updated_at: t5,
            ..edited
        }
    );

    let missing = PracticeId::new();
    let r = s
        .edit_practice(
            missing,
            PracticeKind::Keep,
            "x",
            None,
            None,
            f.facilitator.id,
            t2,
        )
        .await;
    assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");
    let r = s
        .set_practice_status(missing, PracticeStatus::Done, f.facilitator.id, t2)
        .await;
    assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");

    assert_eq!(
        log_after_order(s, id).await,
        vec![
            (
                f.facilitator.id,
                EventKind::PracticeSaved {
                    practice: written.id
                }
            ),
            (
                f.orderer.id,
                EventKind::PracticeStatusChanged {
                    practice: written.id,
                    to: PracticeStatus::InProgress
                }
            ),
            (
                f.coordinator.id,
                EventKind::PracticeStatusChanged {
                    practice: written.id,
                    to: PracticeStatus::Done
                }
            ),
        ]
    );
}

/// A summary link: one works per process at a time, it is found by the hash of its token (and
/// stays findable once revoked, to tell its holders so), making and revoking it are process
/// events, and the comments through it are capped per link in the same statement as the insert.
pub async fn a_summary_link_is_made_revoked_and_its_comments_capped(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let other = create_process(&f, "Toinen", None, Plan::default()).await;
    let fac = f.facilitator.id;
    let t = datetime!(2027-03-01 10:00 UTC);
    let draft = summary(&[NoteId::new(), NoteId::new()]);
    s.save_summary(id, None, &draft, SummaryState::Review, fac, t)
        .await
        .expect("save");
    let (h1, h2) = ("a".repeat(64), "b".repeat(64));
    assert_eq!(s.summary_link(id).await.expect("none yet"), None);
    assert_eq!(s.summary_link_by_hash(&h1).await.expect("unknown"), None);
    let before = s.events(id).await.expect("events").len();

    let link = s.make_summary_link(id, &h1, fac, t).await.expect("make");
    assert_eq!(
        link,
        SummaryLink {
            id: link.id,
            process: id,
            token_hash: h1.clone(),
            created_by: fac,
            created_at: t,
            revoked: None,
        }
    );
    assert_eq!(s.summary_link(id).await.expect("read"), Some(link.clone()));
    assert_eq!(
        s.summary_link_by_hash(&h1).await.expect("by hash"),
        Some(link.clone())
    );
    let second = s.make_summary_link(id, &h2, fac, t).await;
    assert!(
        matches!(second, Err(StoreError::Conflict(_))),
        "one working link per process: {second:?}"
    );
    let missing = s.make_summary_link(ProcessId::new(), &h2, fac, t).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    assert_eq!(s.summary_link(other).await.expect("other"), None);

    // Comments through the link, capped at two for the test.
    let comment = |text: &str, minutes: i64| SummaryLinkComment {
        process: id,
        version: 1,
        link: link.id,
        text: text.into(),
        lang: "ar".into(),
        created_at: t + Duration::minutes(minutes),
    };
    assert!(
        s.add_summary_link_comment(&comment("Toinen", 2), 2)
            .await
            .expect("first")
    );
    assert!(
        s.add_summary_link_comment(&comment("Ensin", 1), 2)
            .await
            .expect("second")
    );
    assert!(
        !s.add_summary_link_comment(&comment("Liikaa", 3), 2)
            .await
            .expect("capped"),
        "the third is over the cap"
    );
    let no_version = SummaryLinkComment {
        version: 9,
        ..comment("Ei versiota", 4)
    };
    let r = s.add_summary_link_comment(&no_version, 10).await;
    assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");
    assert_eq!(
        s.summary_link_comments(id).await.expect("list"),
        vec![comment("Ensin", 1), comment("Toinen", 2)],
        "oldest first"
    );
    assert_eq!(s.summary_link_comments(other).await.expect("other"), vec![]);
    assert_eq!(
        s.summary_comments(id)
            .await
            .expect("participants' comments"),
        vec![],
        "link comments are not participants' comments"
    );

    // Revoked: no longer the working link, still found by its hash, marked revoked; a new one
    // can then be made.
    let later = t + Duration::hours(1);
    s.revoke_summary_link(id, f.coordinator.id, later)
        .await
        .expect("revoke");
    assert_eq!(s.summary_link(id).await.expect("read"), None);
    let revoked = s.summary_link_by_hash(&h1).await.expect("by hash");
    assert_eq!(
        revoked.and_then(|l| l.revoked),
        Some((f.coordinator.id, later))
    );
    let again = s.revoke_summary_link(id, fac, later).await;
    assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");
    let new = s.make_summary_link(id, &h2, fac, later).await.expect("new");
    assert_ne!(new.id, link.id);
    let reused = s.make_summary_link(other, &h2, fac, later).await;
    assert!(reused.is_err(), "a token hash is unique");

    let kinds: Vec<EventKind> = s
        .events(id)
        .await
        .expect("events")
        .into_iter()
        .skip(before)
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds,
        vec![
            EventKind::SummaryLinkMade { link: link.id },
            EventKind::SummaryLinkRevoked { link: link.id },
            EventKind::SummaryLinkMade { link: new.id },
        ]
    );
}
