//! Live sessions: participants, attendance, notes, feedback, hands, the café, the open space
//! and the live event log.

use super::*;

pub async fn live_sessions_are_opened_read_and_listed_newest_first(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let other = create_process(&f, "Toinen", None, Plan::default()).await;
    let mut first = live(&f, id, "ACDEFG", datetime!(2027-02-01 09:00 +02:00));
    first.plan_session = 2;
    first.phase = 3;
    first.position = Position {
        stage: 2,
        question: 1,
    };
    first.timer.start(1_000);
    let second = live(&f, id, "HJKMNP", datetime!(2027-02-08 09:00 UTC));
    let elsewhere = live(&f, other, "QRTUVW", datetime!(2027-02-09 09:00 UTC));
    for l in [&first, &second, &elsewhere] {
        s.open_live_session(l).await.expect("open");
    }

    assert_eq!(s.live_session(first.id).await.expect("read"), first);
    assert_eq!(
        s.live_session_by_code(&first.join_code)
            .await
            .expect("by code"),
        Some(first.clone())
    );
    let unknown = JoinCode::parse("XY3467").expect("valid");
    assert_eq!(
        s.live_session_by_code(&unknown).await.expect("by code"),
        None
    );
    assert_eq!(
        s.live_sessions(id).await.expect("list"),
        vec![second.clone(), first.clone()]
    );
    assert_eq!(s.live_sessions(other).await.expect("list"), vec![elsewhere]);
    assert_eq!(
        s.live_sessions(ProcessId::new()).await.expect("list"),
        vec![]
    );
    let missing = s.live_session(LiveSessionId::new()).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");

    let again = s.open_live_session(&second).await;
    assert!(
        matches!(again, Err(StoreError::Duplicate("live session"))),
        "{again:?}"
    );
    let orphan = s
        .open_live_session(&live(
            &f,
            ProcessId::new(),
            "CCCCCC",
            datetime!(2027-02-01 9:00 UTC),
        ))
        .await;
    assert!(matches!(orphan, Err(StoreError::NotFound)), "{orphan:?}");
}

pub async fn a_join_code_is_unique_among_open_sessions_only(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let other = create_process(&f, "Toinen", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let first = live(&f, id, "ACDEFG", t);
    s.open_live_session(&first).await.expect("open");

    // Another process's session may not take an open code either: the code alone finds a session.
    let taken = s.open_live_session(&live(&f, other, "ACDEFG", t)).await;
    assert!(
        matches!(taken, Err(StoreError::Duplicate("join code"))),
        "{taken:?}"
    );

    s.close_live_session(first.id, t + Duration::hours(2))
        .await
        .expect("close");
    assert_eq!(
        s.live_session_by_code(&first.join_code)
            .await
            .expect("by code"),
        None,
        "a closed session's code stops working"
    );
    let reuse = live(&f, other, "ACDEFG", t + Duration::days(1));
    s.open_live_session(&reuse)
        .await
        .expect("a freed code can be drawn again");
    assert_eq!(
        s.live_session_by_code(&first.join_code)
            .await
            .expect("by code"),
        Some(reuse.clone())
    );
    // Closing the second holder too leaves two closed sessions with the same code.
    s.close_live_session(reuse.id, t + Duration::days(1) + Duration::hours(1))
        .await
        .expect("close");
    assert!(!s.live_session(first.id).await.expect("read").open);
    assert!(!s.live_session(reuse.id).await.expect("read").open);
}

pub async fn moving_and_closing_a_live_session_append_events(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");

    let pos = Position {
        stage: 1,
        question: 2,
    };
    let mut timer = Timer::new(20);
    timer.start(5_000);
    let moved = s
        .move_live_session(l.id, pos, timer, t)
        .await
        .expect("move");
    assert_eq!(
        (moved.live_session, &moved.kind),
        (l.id, &LiveEventKind::Moved)
    );
    let read = s.live_session(l.id).await.expect("read");
    assert_eq!((read.position, read.timer), (pos, timer));
    assert!(read.open);

    let closed_at = t + Duration::minutes(90);
    let closed = s.close_live_session(l.id, closed_at).await.expect("close");
    assert_eq!(closed.kind, LiveEventKind::Closed);
    assert!(closed.seq > moved.seq);
    let read = s.live_session(l.id).await.expect("read");
    assert_eq!(
        (read.open, read.closed_at, read.position, read.timer),
        (false, Some(closed_at), pos, timer)
    );
    assert_eq!(
        s.live_events_after(l.id, 0).await.expect("events"),
        vec![moved, closed]
    );

    // A closed session neither moves nor closes again; an unknown one is not found.
    let late = s
        .move_live_session(l.id, Position::default(), Timer::new(5), t)
        .await;
    assert!(matches!(late, Err(StoreError::Conflict(_))), "{late:?}");
    assert_eq!(s.live_session(l.id).await.expect("read").position, pos);
    let twice = s.close_live_session(l.id, closed_at).await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "{twice:?}");
    let nobody = s
        .move_live_session(LiveSessionId::new(), pos, timer, t)
        .await;
    assert!(matches!(nobody, Err(StoreError::NotFound)), "{nobody:?}");
    let nobody = s.close_live_session(LiveSessionId::new(), closed_at).await;
    assert!(matches!(nobody, Err(StoreError::NotFound)), "{nobody:?}");
    assert_eq!(s.live_events_after(l.id, 0).await.expect("events").len(), 2);
}

pub async fn participants_are_found_by_token_and_updated(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let p = participant(id, "selain-1", datetime!(2027-02-01 09:05 UTC));
    s.create_participant(&p).await.expect("create");
    assert_eq!(
        s.participant_by_token(&p.token_hash).await.expect("find"),
        Some(p.clone())
    );
    assert_eq!(
        s.participant_by_token("hash-of-nobody")
            .await
            .expect("find"),
        None
    );

    s.update_participant(p.id, Some("Aino"), "sv")
        .await
        .expect("update");
    let named = s
        .participant_by_token(&p.token_hash)
        .await
        .expect("find")
        .expect("exists");
    assert_eq!(
        (named.display_name.as_deref(), named.lang.as_str()),
        (Some("Aino"), "sv")
    );
    s.update_participant(p.id, None, "ar")
        .await
        .expect("update");
    let anonymous = s
        .participant_by_token(&p.token_hash)
        .await
        .expect("find")
        .expect("exists");
    assert_eq!(
        anonymous,
        Participant {
            lang: "ar".into(),
            ..p.clone()
        }
    );

    let missing = s.update_participant(ParticipantId::new(), None, "fi").await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    let unknown_lang = s.update_participant(p.id, None, "de").await;
    assert!(unknown_lang.is_err(), "{unknown_lang:?}");
    let same_token = s
        .create_participant(&participant(
            id,
            "selain-1",
            datetime!(2027-02-01 09:06 UTC),
        ))
        .await;
    assert!(
        matches!(same_token, Err(StoreError::Duplicate(_))),
        "{same_token:?}"
    );
    let orphan = s
        .create_participant(&participant(
            ProcessId::new(),
            "selain-2",
            datetime!(2027-02-01 09:06 UTC),
        ))
        .await;
    assert!(matches!(orphan, Err(StoreError::NotFound)), "{orphan:?}");
}

pub async fn attendance_is_counted_once_per_participant(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let other = create_process(&f, "Toinen", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    let later = live(&f, id, "HJKMNP", t + Duration::days(7));
    s.open_live_session(&l).await.expect("open");
    s.open_live_session(&later).await.expect("open");
    let a = participant(id, "a", t);
    let b = participant(id, "b", t);
    let stranger = participant(other, "c", t);
    for p in [&a, &b, &stranger] {
        s.create_participant(p).await.expect("participant");
    }

    assert_eq!(s.count_participants(l.id).await.expect("count"), 0);
    s.attend(l.id, a.id, t).await.expect("attend");
    s.attend(l.id, a.id, t)
        .await
        .expect("attending twice is fine");
    assert_eq!(s.count_participants(l.id).await.expect("count"), 1);
    s.attend(l.id, b.id, t).await.expect("attend");
    s.attend(later.id, a.id, t).await.expect("attend");
    assert_eq!(s.count_participants(l.id).await.expect("count"), 2);
    assert_eq!(s.count_participants(later.id).await.expect("count"), 1);

    let foreign = s.attend(l.id, stranger.id, t).await;
    assert!(
        matches!(foreign, Err(StoreError::NotFound)),
        "a participant of another process: {foreign:?}"
    );
    let nobody = s.attend(l.id, ParticipantId::new(), t).await;
    assert!(matches!(nobody, Err(StoreError::NotFound)), "{nobody:?}");
    let nowhere = s.attend(LiveSessionId::new(), a.id, t).await;
    assert!(matches!(nowhere, Err(StoreError::NotFound)), "{nowhere:?}");
    assert_eq!(s.count_participants(l.id).await.expect("count"), 2);
}

pub async fn notes_are_stored_with_events_a_board_can_resume_from(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    let elsewhere = live(&f, id, "HJKMNP", t);
    s.open_live_session(&l).await.expect("open");
    s.open_live_session(&elsewhere).await.expect("open");
    let a = participant(id, "a", t);
    let b = participant(id, "b", t);
    s.create_participant(&a).await.expect("participant");
    s.create_participant(&b).await.expect("participant");

    let mut n1 = note(
        l.id,
        NoteAuthor::Participant(a.id),
        "Aamupalaverit",
        t + Duration::minutes(5),
    );
    n1.shown_name = Some("Aino".into());
    let e1 = s.add_note(&n1).await.expect("note");
    assert_eq!(
        (e1.live_session, &e1.kind, e1.at),
        (
            l.id,
            &LiveEventKind::NoteAdded { note: n1.id },
            n1.created_at
        )
    );
    let moved = s
        .move_live_session(
            l.id,
            Position {
                stage: 1,
                question: 1,
            },
            Timer::new(5),
            t + Duration::minutes(5),
        )
        .await
        .expect("move");
    let other_session = s
        .add_note(&note(
            elsewhere.id,
            NoteAuthor::Participant(b.id),
            "Muualla",
            t + Duration::minutes(6),
        ))
        .await
        .expect("note");
    let mut n2 = note(
        l.id,
        NoteAuthor::Participant(b.id),
        "Liian vähän aikaa",
        t + Duration::minutes(7),
    );
    n2.lang = "so".into();
    n2.hidden = true;
    let e2 = s.add_note(&n2).await.expect("note");
    let n3 = note(
        l.id,
        NoteAuthor::Participant(a.id),
        "Kiitos",
        t + Duration::minutes(8),
    );
    let e3 = s.add_note(&n3).await.expect("note");
    assert!(e1.seq < moved.seq && moved.seq < other_session.seq && other_session.seq < e2.seq);
    assert!(e2.seq < e3.seq);

    assert_eq!(s.note(n2.id).await.expect("note"), n2);
    assert_eq!(
        s.notes(l.id).await.expect("notes"),
        vec![n1.clone(), n2.clone(), n3.clone()]
    );
    let missing = s.note(NoteId::new()).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");

    let all = s.live_events_after(l.id, 0).await.expect("events");
    assert_eq!(all, vec![e1.clone(), moved.clone(), e2.clone(), e3.clone()]);
    // A board that saw up to the move gets exactly what came after, not the other session's.
    assert_eq!(
        s.live_events_after(l.id, moved.seq).await.expect("events"),
        vec![e2.clone(), e3.clone()]
    );
    assert_eq!(
        s.live_events_after(l.id, e2.seq).await.expect("events"),
        vec![e3.clone()]
    );
    assert_eq!(
        s.live_events_after(l.id, e3.seq).await.expect("events"),
        vec![]
    );
    assert_eq!(
        s.live_events_after(elsewhere.id, 0).await.expect("events"),
        vec![other_session]
    );

    // Writing counts as taking part, even if joining was never recorded.
    assert_eq!(s.count_participants(l.id).await.expect("count"), 2);
    s.attend(l.id, a.id, t).await.expect("attend");
    assert_eq!(s.count_participants(l.id).await.expect("count"), 2);

    let again = s.add_note(&n1).await;
    assert!(matches!(again, Err(StoreError::Duplicate(_))), "{again:?}");
    assert_eq!(s.live_events_after(l.id, 0).await.expect("events").len(), 4);
}

pub async fn recent_notes_are_counted_per_participant_and_session(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    let elsewhere = live(&f, id, "HJKMNP", t);
    s.open_live_session(&l).await.expect("open");
    s.open_live_session(&elsewhere).await.expect("open");
    let a = participant(id, "a", t);
    let b = participant(id, "b", t);
    s.create_participant(&a).await.expect("participant");
    s.create_participant(&b).await.expect("participant");
    for secs in [0, 30, 50, 59] {
        s.add_note(&note(
            l.id,
            NoteAuthor::Participant(a.id),
            "a",
            t + Duration::seconds(secs),
        ))
        .await
        .expect("note");
    }
    s.add_note(&note(
        l.id,
        NoteAuthor::Participant(b.id),
        "b",
        t + Duration::seconds(55),
    ))
    .await
    .expect("note");
    s.add_note(&note(
        elsewhere.id,
        NoteAuthor::Participant(a.id),
        "a",
        t + Duration::seconds(58),
    ))
    .await
    .expect("note");
    s.add_note(&note(
        l.id,
        NoteAuthor::Staff(f.facilitator.id),
        "s",
        t + Duration::seconds(57),
    ))
    .await
    .expect("note");

    let since = t + Duration::seconds(30);
    assert_eq!(
        s.count_recent_notes(l.id, a.id, since)
            .await
            .expect("count"),
        3
    );
    assert_eq!(s.count_recent_notes(l.id, a.id, t).await.expect("count"), 4);
    assert_eq!(
        s.count_recent_notes(l.id, a.id, t + Duration::minutes(1))
            .await
            .expect("count"),
        0
    );
    assert_eq!(
        s.count_recent_notes(l.id, b.id, since)
            .await
            .expect("count"),
        1
    );
    assert_eq!(
        s.count_recent_notes(elsewhere.id, a.id, since)
            .await
            .expect("count"),
        1
    );
}

pub async fn staff_write_notes_for_the_circle(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let n = note(
        l.id,
        NoteAuthor::Staff(f.facilitator.id),
        "Ryhmä 2: työvuorolistat",
        t + Duration::minutes(3),
    );
    let e = s.add_note(&n).await.expect("note");
    assert_eq!(e.kind, LiveEventKind::NoteAdded { note: n.id });
    assert_eq!(s.notes(l.id).await.expect("notes"), vec![n.clone()]);
    assert_eq!(
        s.note(n.id).await.expect("note").author,
        NoteAuthor::Staff(f.facilitator.id)
    );
    assert_eq!(
        s.count_participants(l.id).await.expect("count"),
        0,
        "staff are not participants"
    );
    let unknown = s
        .add_note(&note(l.id, NoteAuthor::Staff(UserId::new()), "x", t))
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
}

pub async fn a_note_must_name_a_participant_of_the_same_process(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let other = create_process(&f, "Toinen", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let stranger = participant(other, "c", t);
    s.create_participant(&stranger).await.expect("participant");

    let missing = s
        .add_note(&note(
            l.id,
            NoteAuthor::Participant(ParticipantId::new()),
            "x",
            t,
        ))
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    let foreign = s
        .add_note(&note(l.id, NoteAuthor::Participant(stranger.id), "x", t))
        .await;
    assert!(matches!(foreign, Err(StoreError::NotFound)), "{foreign:?}");
    let nowhere = s
        .add_note(&note(
            LiveSessionId::new(),
            NoteAuthor::Staff(f.facilitator.id),
            "x",
            t,
        ))
        .await;
    assert!(matches!(nowhere, Err(StoreError::NotFound)), "{nowhere:?}");
    let mut bad_lang = note(l.id, NoteAuthor::Staff(f.facilitator.id), "x", t);
    bad_lang.lang = "xx".into();
    assert!(s.add_note(&bad_lang).await.is_err());

    // Nothing of the refused notes remains, not even an event.
    assert_eq!(s.notes(l.id).await.expect("notes"), vec![]);
    assert_eq!(s.live_events_after(l.id, 0).await.expect("events"), vec![]);
}

pub async fn facilitators_change_notes_and_every_change_is_kept(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let n = note(
        l.id,
        NoteAuthor::Staff(f.facilitator.id),
        "Työvuorolistta",
        t,
    );
    let added = s.add_note(&n).await.expect("note");
    let actor = f.facilitator.id;
    let edit = NoteChange::Edit {
        text: "Työvuorolista".into(),
    };
    let mut last = added.seq;
    for (change, minutes) in [
        (NoteChange::Star, 1),
        (edit.clone(), 2),
        (NoteChange::Hide, 3),
        (NoteChange::Show, 4),
        (NoteChange::Hide, 5),
        (NoteChange::Unstar, 6),
    ] {
        let e = s
            .change_note(n.id, &change, actor, t + Duration::minutes(minutes))
            .await
            .expect("changed");
        assert_eq!(e.kind, LiveEventKind::NoteChanged { note: n.id });
        assert!(e.seq > last, "events keep their order");
        last = e.seq;
    }
    let now = s.note(n.id).await.expect("note");
    assert_eq!(now.text, "Työvuorolista");
    assert!(now.hidden && !now.starred);
    let history = s.note_history(n.id).await.expect("history");
    let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(actions, ["star", "edit", "hide", "show", "hide", "unstar"]);
    assert_eq!(
        history[1].old_text.as_deref(),
        Some("Työvuorolistta"),
        "the old text is kept"
    );
    assert_eq!(history[1].new_text.as_deref(), Some("Työvuorolista"));
    assert!(history.iter().all(|h| h.actor == actor));
    assert_eq!(
        history.iter().map(|h| h.version).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5, 6]
    );
    let missing = s
        .change_note(NoteId::new(), &NoteChange::Hide, actor, t)
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
}

pub async fn feedback_is_taken_once_per_participant_while_open(store: Arc<dyn Store>) {
    use vuoro_core::feedback::{Answer, FeedbackState};
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let a = participant(id, "a", t);
    let b = participant(id, "b", t);
    s.create_participant(&a).await.expect("a");
    s.create_participant(&b).await.expect("b");
    let answers = vec![
        Answer::Scale(4),
        Answer::Skipped,
        Answer::Open("Hyvä".into()),
    ];
    assert_eq!(
        s.feedback_state(l.id).await.expect("state"),
        FeedbackState::None
    );
    let early = s.add_feedback(l.id, a.id, &answers, t).await;
    assert!(matches!(early, Err(StoreError::Conflict(_))), "{early:?}");
    let e = s
        .set_feedback_state(l.id, FeedbackState::Open, t)
        .await
        .expect("open");
    assert_eq!(
        e.kind,
        LiveEventKind::Moved,
        "phones reload to show the form"
    );
    s.add_feedback(l.id, a.id, &answers, t)
        .await
        .expect("a answers");
    let again = s.add_feedback(l.id, a.id, &answers, t).await;
    assert!(matches!(again, Err(StoreError::Duplicate(_))), "{again:?}");
    assert!(s.feedback_given(l.id, a.id).await.expect("given"));
    assert!(!s.feedback_given(l.id, b.id).await.expect("given"));
    let other = vec![Answer::Scale(2), Answer::Scale(5), Answer::Skipped];
    s.add_feedback(l.id, b.id, &other, t)
        .await
        .expect("b answers");
    s.set_feedback_state(l.id, FeedbackState::Closed, t)
        .await
        .expect("closed");
    let late = s.add_feedback(l.id, b.id, &other, t).await;
    assert!(matches!(late, Err(StoreError::Conflict(_))));
    // Closing is final: the form neither reopens nor goes back to "not asked".
    for to in [FeedbackState::Open, FeedbackState::None] {
        let back = s.set_feedback_state(l.id, to, t).await;
        assert!(
            matches!(back, Err(StoreError::Conflict(_))),
            "{to:?}: {back:?}"
        );
    }
    assert_eq!(
        s.feedback_state(l.id).await.expect("state"),
        FeedbackState::Closed
    );
    let got = s.feedback_responses(l.id).await.expect("responses");
    let mut want = vec![answers, other];
    want.sort_by_key(|r| serde_json::to_string(r).expect("json"));
    assert_eq!(got, want, "ordered by content");
}

pub async fn a_closed_session_takes_no_feedback_even_with_its_form_open(store: Arc<dyn Store>) {
    use vuoro_core::feedback::{Answer, FeedbackState};
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let a = participant(id, "a", t);
    s.create_participant(&a).await.expect("a");
    s.set_feedback_state(l.id, FeedbackState::Open, t)
        .await
        .expect("open");
    s.close_live_session(l.id, t + Duration::hours(1))
        .await
        .expect("close");
    let late = s
        .add_feedback(l.id, a.id, &[Answer::Scale(1)], t + Duration::hours(2))
        .await;
    assert!(matches!(late, Err(StoreError::Conflict(_))), "{late:?}");
    assert!(!s.feedback_given(l.id, a.id).await.expect("given"));
    assert!(
        s.feedback_responses(l.id)
            .await
            .expect("responses")
            .is_empty()
    );
}

pub async fn hands_queue_in_the_order_raised_and_carry_numbers_not_ids(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let mut people = Vec::new();
    for (i, name) in [None, Some("Sanna"), None].into_iter().enumerate() {
        let mut p = participant(id, &format!("t{i}"), t);
        p.display_name = name.map(str::to_owned);
        s.create_participant(&p).await.expect("participant");
        // Attendance order is by time: each arrives a second after the last.
        s.attend(l.id, p.id, t + Duration::seconds(i as i64))
            .await
            .expect("attend");
        people.push(p);
    }
    let unknown = s.raise_hand(l.id, participant(id, "x", t).id, t).await;
    assert!(
        unknown.is_err(),
        "only someone in the session raises a hand"
    );
    s.raise_hand(l.id, people[2].id, t + Duration::seconds(1))
        .await
        .expect("3 raises");
    let e = s
        .raise_hand(l.id, people[1].id, t + Duration::seconds(2))
        .await
        .expect("2 raises");
    assert_eq!(e.kind, LiveEventKind::HandsChanged);
    s.raise_hand(l.id, people[2].id, t + Duration::seconds(3))
        .await
        .expect("again: no change");
    let q = s.hands(l.id).await.expect("queue");
    let order: Vec<(u32, Option<&str>)> = q
        .iter()
        .map(|h| (h.number, h.shown_name.as_deref()))
        .collect();
    assert_eq!(order, [(3, None), (2, Some("Sanna"))]);
    assert_eq!(
        s.participant_by_number(l.id, 3).await.expect("find"),
        Some(people[2].id)
    );
    assert_eq!(s.participant_by_number(l.id, 9).await.expect("find"), None);
    s.lower_hand(l.id, people[2].id, t + Duration::seconds(4))
        .await
        .expect("lowered");
    let q = s.hands(l.id).await.expect("queue");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].participant, people[1].id);
}

pub async fn a_cafe_and_its_notes_keep_round_and_table(store: Arc<dyn Store>) {
    use vuoro_core::cafe::Cafe;
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    assert_eq!(s.cafe(l.id).await.expect("read"), None);
    let mut cafe = Cafe::from_form("2", "Mikä toimii?\nMitä kehitämme?").expect("valid");
    let mut people = Vec::new();
    for i in 0..4 {
        let p = participant(id, &format!("c{i}"), t);
        s.create_participant(&p).await.expect("participant");
        s.attend(l.id, p.id, t + Duration::seconds(i))
            .await
            .expect("attend");
        people.push(p);
    }
    let numbers: Vec<u32> = s
        .attendees(l.id)
        .await
        .expect("attendees")
        .iter()
        .map(|a| a.number)
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    cafe.next_round(&numbers, 1).expect("seated");
    let e = s.save_cafe(l.id, &cafe, t).await.expect("saved");
    assert_eq!(e.kind, LiveEventKind::Moved);
    assert_eq!(
        s.last_live_seq(l.id).await.expect("seq"),
        e.seq,
        "the newest event"
    );
    assert_eq!(s.last_live_seq(LiveSessionId::new()).await.expect("seq"), 0);
    assert_eq!(s.cafe(l.id).await.expect("read"), Some(cafe));
    let mut n = note(
        l.id,
        NoteAuthor::Participant(people[0].id),
        "Pöydän kooste",
        t,
    );
    n.place = Some(crate::CafePlace {
        round: 1,
        table: 1,
        summary: true,
    });
    s.add_note(&n).await.expect("note");
    assert_eq!(s.note(n.id).await.expect("read").place, n.place);
    let actor = f.facilitator.id;
    s.change_note(n.id, &NoteChange::MoveToTable { table: 0 }, actor, t)
        .await
        .expect("moved");
    assert_eq!(
        s.note(n.id).await.expect("read").place.map(|p| p.table),
        Some(0)
    );
    let plain = note(l.id, NoteAuthor::Staff(actor), "Ei pöydässä", t);
    s.add_note(&plain).await.expect("note");
    let refused = s
        .change_note(plain.id, &NoteChange::MoveToTable { table: 0 }, actor, t)
        .await;
    assert!(
        matches!(refused, Err(StoreError::Conflict(_))),
        "only café notes have tables"
    );
}

pub async fn duplicates_merge_into_a_note_of_the_same_session(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let other = live(&f, id, "QCDEFG", t);
    s.open_live_session(&other).await.expect("open");
    let staff = NoteAuthor::Staff(f.facilitator.id);
    let keep = note(l.id, staff.clone(), "Kiire", t);
    let dup = note(l.id, staff.clone(), "Kiirettä on", t);
    let elsewhere = note(other.id, staff, "Kiire", t);
    for n in [&keep, &dup, &elsewhere] {
        s.add_note(n).await.expect("note");
    }
    let actor = f.facilitator.id;
    let merge = |target| NoteChange::MergeInto { target };
    let wrong = s.change_note(dup.id, &merge(elsewhere.id), actor, t).await;
    assert!(
        matches!(wrong, Err(StoreError::Conflict(_))),
        "not across sessions"
    );
    let itself = s.change_note(dup.id, &merge(dup.id), actor, t).await;
    assert!(matches!(itself, Err(StoreError::Conflict(_))));
    s.change_note(dup.id, &merge(keep.id), actor, t)
        .await
        .expect("merged");
    let merged = s.note(dup.id).await.expect("read");
    assert_eq!(merged.merged_into, Some(keep.id));
    assert!(merged.hidden, "a merged duplicate leaves the board");
    assert_eq!(
        s.note_history(dup.id).await.expect("history")[0].action,
        "merge"
    );
    let chain = s.change_note(keep.id, &merge(dup.id), actor, t).await;
    assert!(
        matches!(chain, Err(StoreError::Conflict(_))),
        "not into a merged note"
    );
}

pub async fn topics_are_numbered_counted_and_placed_one_per_cell(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    let other = live(&f, id, "HJKMNP", t);
    s.open_live_session(&l).await.expect("open");
    s.open_live_session(&other).await.expect("open");
    let a = participant(id, "a", t);
    let b = participant(id, "b", t);
    for p in [&a, &b] {
        s.create_participant(p).await.expect("participant");
        s.attend(l.id, p.id, t).await.expect("attend");
    }
    assert_eq!(s.open_space(l.id).await.expect("read"), None);
    let missing = s.open_space(LiveSessionId::new()).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    let os = two_by_two();
    let saved = s.save_open_space(l.id, &os, t).await.expect("saved");
    assert_eq!(saved.kind, LiveEventKind::Moved);
    assert_eq!(s.open_space(l.id).await.expect("read"), Some(os.clone()));
    let start = saved.seq;

    let by_a = NoteAuthor::Participant(a.id);
    let staff = NoteAuthor::Staff(f.facilitator.id);
    let mut added = Vec::new();
    for (i, (author, title)) in [
        (&by_a, "Vuorolistat"),
        (&staff, "Perehdytys"),
        (&by_a, "Tauot"),
    ]
    .into_iter()
    .enumerate()
    {
        let mut new = topic(l.id, author.clone(), title, t + Duration::minutes(i as i64));
        new.shown_name = (i == 0).then(|| "Aino".to_owned());
        let (stored, event) = s.add_topic(&new).await.expect("topic");
        assert_eq!(
            (event.live_session, &event.kind, event.at),
            (l.id, &LiveEventKind::TopicsChanged, new.created_at)
        );
        assert_eq!(
            stored,
            Topic {
                number: i as u32 + 1,
                cell: None,
                hidden: false,
                picks: 0,
                ..new
            },
            "numbered in order; unplaced, visible and unpicked whatever was asked"
        );
        added.push(stored);
    }
    assert_eq!(s.topics(l.id).await.expect("topics"), added);
    assert_eq!(s.topic(added[0].id).await.expect("topic"), added[0]);
    let nothing = s.topic(TopicId::new()).await;
    assert!(matches!(nothing, Err(StoreError::NotFound)), "{nothing:?}");
    // Numbers run per session.
    let (first_elsewhere, _) = s
        .add_topic(&topic(other.id, by_a.clone(), "Muualla", t))
        .await
        .expect("topic");
    assert_eq!(first_elsewhere.number, 1);
    let again = s.add_topic(&added[0].clone()).await;
    assert!(matches!(again, Err(StoreError::Duplicate(_))), "{again:?}");
    let nowhere = s
        .add_topic(&topic(LiveSessionId::new(), staff.clone(), "?", t))
        .await;
    assert!(matches!(nowhere, Err(StoreError::NotFound)), "{nowhere:?}");

    assert_eq!(s.count_topics_by(l.id, &by_a).await.expect("count"), 2);
    assert_eq!(s.count_topics_by(l.id, &staff).await.expect("count"), 1);
    let by_b = NoteAuthor::Participant(b.id);
    assert_eq!(s.count_topics_by(l.id, &by_b).await.expect("count"), 0);
    assert_eq!(s.count_topics_by(other.id, &by_a).await.expect("count"), 1);

    let [t1, t2, t3] = [added[0].id, added[1].id, added[2].id];
    s.place_topic(t1, cell(0, 0), t).await.expect("placed");
    let before = s.last_live_seq(l.id).await.expect("seq");
    let taken = s.place_topic(t2, cell(0, 0), t).await;
    assert!(matches!(taken, Err(StoreError::Duplicate(_))), "{taken:?}");
    assert_eq!(
        cells(&s.topics(l.id).await.expect("topics")),
        [cell(0, 0), None, None],
        "a taken cell changes nothing"
    );
    assert_eq!(s.last_live_seq(l.id).await.expect("seq"), before);
    let outside = s.place_topic(t2, cell(2, 0), t).await;
    assert!(
        matches!(outside, Err(StoreError::Conflict(_))),
        "{outside:?}"
    );
    let unknown = s.place_topic(TopicId::new(), cell(1, 1), t).await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
    // The other session's schedule is its own: the same cell is free there, but it has no
    // set-up yet, so it has no cells at all.
    let no_set_up = s.place_topic(first_elsewhere.id, cell(0, 0), t).await;
    assert!(
        matches!(no_set_up, Err(StoreError::Conflict(_))),
        "{no_set_up:?}"
    );
    s.place_topic(t2, cell(0, 1), t).await.expect("placed");
    s.place_topic(t3, cell(1, 1), t).await.expect("placed");
    // Moving a topic frees its old cell for another.
    s.place_topic(t1, cell(1, 0), t).await.expect("moved");
    s.place_topic(t1, cell(0, 0), t).await.expect("moved back");
    assert_eq!(
        cells(&s.topics(l.id).await.expect("topics")),
        [cell(0, 0), cell(0, 1), cell(1, 1)]
    );

    // Hiding takes a topic off the schedule; a hidden topic cannot be placed; shown again, it
    // waits unplaced.
    s.set_topic_hidden(t3, true, t).await.expect("hidden");
    let hidden = s.topic(t3).await.expect("topic");
    assert_eq!((hidden.hidden, hidden.cell), (true, None));
    let refused = s.place_topic(t3, cell(1, 1), t).await;
    assert!(
        matches!(refused, Err(StoreError::Conflict("topic is hidden"))),
        "{refused:?}"
    );
    assert_eq!(
        s.topics(l.id).await.expect("topics").len(),
        3,
        "hidden ones too"
    );
    assert_eq!(s.count_topics_by(l.id, &by_a).await.expect("count"), 2);
    s.set_topic_hidden(t3, false, t).await.expect("shown");
    let shown = s.topic(t3).await.expect("topic");
    assert_eq!((shown.hidden, shown.cell), (false, None));
    s.place_topic(t3, cell(1, 1), t).await.expect("placed");
    s.place_topic(t3, None, t).await.expect("unplaced");
    s.place_topic(t3, cell(1, 1), t).await.expect("placed");

    // A smaller set-up takes off the schedule exactly the topics whose cell is gone.
    let mut one_slot = two_by_two();
    one_slot.slots.truncate(1);
    s.save_open_space(l.id, &one_slot, t).await.expect("saved");
    assert_eq!(
        cells(&s.topics(l.id).await.expect("topics")),
        [cell(0, 0), cell(0, 1), None]
    );
    let mut one_space = one_slot.clone();
    one_space.spaces.truncate(1);
    s.save_open_space(l.id, &one_space, t).await.expect("saved");
    assert_eq!(
        cells(&s.topics(l.id).await.expect("topics")),
        [cell(0, 0), None, None]
    );
    assert_eq!(s.open_space(l.id).await.expect("read"), Some(one_space));
    assert_eq!(
        s.topic(first_elsewhere.id).await.expect("topic").cell,
        None,
        "another session is untouched"
    );

    use LiveEventKind::{Moved, TopicsChanged};
    assert_eq!(
        kinds_after(s, l.id, start).await,
        [vec![TopicsChanged; 3 + 5 + 5], vec![Moved, Moved],].concat(),
        "three topics; five placings; hide, show and three placings; two set-ups"
    );
}

pub async fn a_participant_picks_one_topic_per_slot(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    let other = live(&f, id, "HJKMNP", t);
    s.open_live_session(&l).await.expect("open");
    s.open_live_session(&other).await.expect("open");
    s.save_open_space(l.id, &two_by_two(), t)
        .await
        .expect("set up");
    let a = participant(id, "a", t);
    let b = participant(id, "b", t);
    let stranger = participant(id, "c", t);
    for p in [&a, &b, &stranger] {
        s.create_participant(p).await.expect("participant");
    }
    s.attend(l.id, a.id, t).await.expect("attend");
    s.attend(l.id, b.id, t).await.expect("attend");
    s.attend(other.id, stranger.id, t)
        .await
        .expect("attend elsewhere");
    let staff = NoteAuthor::Staff(f.facilitator.id);
    let mut ids = Vec::new();
    for (title, at) in [
        ("A", cell(0, 0)),
        ("B", cell(0, 1)),
        ("C", cell(1, 0)),
        ("D", None),
    ] {
        let (added, _) = s
            .add_topic(&topic(l.id, staff.clone(), title, t))
            .await
            .expect("topic");
        if at.is_some() {
            s.place_topic(added.id, at, t).await.expect("placed");
        }
        ids.push(added.id);
    }
    let [ta, tb, tc, td] = [ids[0], ids[1], ids[2], ids[3]];
    let (foreign, _) = s
        .add_topic(&topic(other.id, staff.clone(), "Muualla", t))
        .await
        .expect("topic");
    let start = s.last_live_seq(l.id).await.expect("seq");

    for picked in [td, tc, ta] {
        let e = s.pick_topic(l.id, a.id, picked, t).await.expect("picked");
        assert_eq!(
            (e.live_session, e.kind),
            (l.id, LiveEventKind::TopicsPicked)
        );
    }
    assert_eq!(
        s.picks_of(l.id, a.id).await.expect("picks"),
        [ta, tc, td],
        "by number"
    );
    // B is in slot 0 like A, so it replaces A; C (slot 1) and D (unplaced) stay.
    s.pick_topic(l.id, a.id, tb, t).await.expect("picked");
    assert_eq!(s.picks_of(l.id, a.id).await.expect("picks"), [tb, tc, td]);
    s.pick_topic(l.id, a.id, tb, t)
        .await
        .expect("picked again: no change");
    s.pick_topic(l.id, b.id, ta, t).await.expect("picked");
    s.pick_topic(l.id, b.id, tb, t).await.expect("picked");
    s.pick_topic(l.id, b.id, tc, t).await.expect("picked");
    // An unplaced topic drops nothing, whatever slot the others are in.
    s.pick_topic(l.id, b.id, td, t).await.expect("picked");
    assert_eq!(s.picks_of(l.id, b.id).await.expect("picks"), [tb, tc, td]);
    let picks: Vec<u32> = s
        .topics(l.id)
        .await
        .expect("topics")
        .iter()
        .map(|t| t.picks)
        .collect();
    assert_eq!(picks, [0, 2, 2, 2]);
    assert_eq!(s.topic(tb).await.expect("topic").picks, 2);

    s.unpick_topic(l.id, a.id, tc, t).await.expect("unpicked");
    let e = s
        .unpick_topic(l.id, a.id, tc, t)
        .await
        .expect("nothing to unpick");
    assert_eq!(e.kind, LiveEventKind::TopicsPicked);
    assert_eq!(s.picks_of(l.id, a.id).await.expect("picks"), [tb, td]);
    assert_eq!(s.topic(tc).await.expect("topic").picks, 1);

    let before = s.last_live_seq(l.id).await.expect("seq");
    let refusals = [
        (
            "a topic of another session",
            s.pick_topic(l.id, a.id, foreign.id, t).await,
        ),
        (
            "no such topic",
            s.pick_topic(l.id, a.id, TopicId::new(), t).await,
        ),
        (
            "not in this session",
            s.pick_topic(l.id, stranger.id, ta, t).await,
        ),
        (
            "nobody",
            s.pick_topic(l.id, ParticipantId::new(), ta, t).await,
        ),
        (
            "no such session",
            s.pick_topic(LiveSessionId::new(), a.id, ta, t).await,
        ),
    ];
    for (why, r) in refusals {
        assert!(matches!(r, Err(StoreError::NotFound)), "{why}: {r:?}");
    }
    s.set_topic_hidden(tc, true, t).await.expect("hidden");
    let hidden = s.pick_topic(l.id, a.id, tc, t).await;
    assert!(matches!(hidden, Err(StoreError::NotFound)), "{hidden:?}");
    assert_eq!(s.picks_of(l.id, a.id).await.expect("picks"), [tb, td]);
    assert_eq!(s.picks_of(other.id, stranger.id).await.expect("picks"), []);

    assert_eq!(
        kinds_after(s, l.id, before).await,
        [LiveEventKind::TopicsChanged],
        "refusals append nothing; hiding does"
    );
    assert_eq!(
        kinds_after(s, l.id, start).await,
        [
            vec![LiveEventKind::TopicsPicked; 5 + 4 + 2],
            vec![LiveEventKind::TopicsChanged],
        ]
        .concat(),
        "five picks by A, four by B, two unpicks (counts only), one hiding (a topic changed)"
    );
}

pub async fn a_closed_session_takes_no_open_space_changes(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    s.save_open_space(l.id, &two_by_two(), t)
        .await
        .expect("set up");
    let a = participant(id, "a", t);
    s.create_participant(&a).await.expect("participant");
    s.attend(l.id, a.id, t).await.expect("attend");
    let by_a = NoteAuthor::Participant(a.id);
    let (kept, _) = s
        .add_topic(&topic(l.id, by_a.clone(), "Tauot", t))
        .await
        .expect("topic");
    s.place_topic(kept.id, cell(0, 0), t).await.expect("placed");
    s.pick_topic(l.id, a.id, kept.id, t).await.expect("picked");
    let closed = s.close_live_session(l.id, t).await.expect("closed");

    let mut refusals = vec![
        (
            "add",
            s.add_topic(&topic(l.id, by_a.clone(), "Myöhässä", t))
                .await
                .map(|(_, e)| e),
        ),
        ("save", s.save_open_space(l.id, &two_by_two(), t).await),
        ("place", s.place_topic(kept.id, cell(1, 1), t).await),
        ("unplace", s.place_topic(kept.id, None, t).await),
        ("hide", s.set_topic_hidden(kept.id, true, t).await),
        ("pick", s.pick_topic(l.id, a.id, kept.id, t).await),
        ("unpick", s.unpick_topic(l.id, a.id, kept.id, t).await),
    ];
    for (what, r) in refusals.drain(..) {
        assert!(
            matches!(r, Err(StoreError::Conflict("live session is closed"))),
            "{what}: {r:?}"
        );
    }
    assert_eq!(
        s.topics(l.id).await.expect("topics"),
        [Topic {
            cell: cell(0, 0),
            picks: 1,
            ..kept
        }]
    );
    assert_eq!(s.count_topics_by(l.id, &by_a).await.expect("count"), 1);
    assert!(
        s.live_events_after(l.id, closed.seq)
            .await
            .expect("events")
            .is_empty()
    );

    let nowhere = LiveSessionId::new();
    let missing = [
        s.save_open_space(nowhere, &two_by_two(), t).await,
        s.unpick_topic(nowhere, a.id, kept.id, t).await,
        s.set_topic_hidden(TopicId::new(), true, t).await,
    ];
    for r in missing {
        assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");
    }
}

pub async fn a_note_keeps_the_topic_its_group_wrote_it_under(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    let other = live(&f, id, "HJKMNP", t);
    s.open_live_session(&l).await.expect("open");
    s.open_live_session(&other).await.expect("open");
    let staff = NoteAuthor::Staff(f.facilitator.id);
    let (here, _) = s
        .add_topic(&topic(l.id, staff.clone(), "Tauot", t))
        .await
        .expect("topic");
    let (there, _) = s
        .add_topic(&topic(other.id, staff.clone(), "Muualla", t))
        .await
        .expect("topic");
    let mut n = note(l.id, staff.clone(), "Tauot porrastetaan", t);
    n.topic = Some(here.id);
    s.add_note(&n).await.expect("note");
    assert_eq!(s.note(n.id).await.expect("read"), n);
    assert_eq!(s.notes(l.id).await.expect("notes"), [n]);
    let plain = note(l.id, staff.clone(), "Ilman aihetta", t);
    s.add_note(&plain).await.expect("note");
    assert_eq!(s.note(plain.id).await.expect("read").topic, None);

    for wrong in [there.id, TopicId::new()] {
        let mut n = note(l.id, staff.clone(), "Väärä aihe", t);
        n.topic = Some(wrong);
        let r = s.add_note(&n).await;
        assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");
        assert!(matches!(s.note(n.id).await, Err(StoreError::NotFound)));
    }
}

pub async fn topics_proposed_at_once_get_distinct_numbers(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let staff = NoteAuthor::Staff(f.facilitator.id);
    let tasks: Vec<_> = (0..12)
        .map(|i| {
            let store = s.clone();
            let new = topic(l.id, staff.clone(), &format!("Aihe {i}"), t);
            tokio::spawn(async move { store.add_topic(&new).await })
        })
        .collect();
    let mut numbers = Vec::new();
    for task in tasks {
        let (added, _) = task.await.expect("task").expect("topic");
        numbers.push(added.number);
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=12).collect::<Vec<u32>>());
}

pub async fn a_removed_participant_stays_out_of_the_session_and_frees_the_seat(
    store: Arc<dyn Store>,
) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    let later = live(&f, id, "HJKMNP", t);
    s.open_live_session(&l).await.expect("open");
    s.open_live_session(&later).await.expect("open");
    let a = participant(id, "a", t);
    let b = participant(id, "b", t);
    for p in [&a, &b] {
        s.create_participant(p).await.expect("participant");
    }
    s.attend(l.id, a.id, t).await.expect("attend");
    s.attend(l.id, b.id, t).await.expect("attend");
    assert_eq!(
        s.presence(l.id, a.id).await.expect("presence"),
        Presence::Present
    );
    assert_eq!(
        s.presence(later.id, a.id).await.expect("presence"),
        Presence::Absent,
        "joining one session is not joining another of the process"
    );
    s.add_note(&note(l.id, NoteAuthor::Participant(a.id), "Jää talteen", t))
        .await
        .expect("note");
    s.raise_hand(l.id, a.id, t).await.expect("hand");
    assert_eq!(s.count_participants(l.id).await.expect("count"), 2);

    let e = s.remove_attendee(l.id, a.id, t).await.expect("removed");
    assert_eq!(e.kind, LiveEventKind::HandsChanged);
    assert_eq!(
        s.presence(l.id, a.id).await.expect("presence"),
        Presence::Removed
    );
    assert!(
        s.hands(l.id).await.expect("hands").is_empty(),
        "the hand comes down"
    );
    assert_eq!(
        s.notes(l.id).await.expect("notes").len(),
        1,
        "the note stays"
    );
    assert_eq!(s.count_participants(l.id).await.expect("count"), 1);
    // Attending again does not bring them back; their number stays theirs.
    s.attend(l.id, a.id, t).await.expect("attend");
    assert_eq!(
        s.presence(l.id, a.id).await.expect("presence"),
        Presence::Removed
    );
    let mut numbered = BTreeSet::new();
    for n in [1, 2] {
        numbered.insert(s.participant_by_number(l.id, n).await.expect("number"));
    }
    assert_eq!(numbered, BTreeSet::from([Some(a.id), Some(b.id)]));
    let stranger = s.remove_attendee(later.id, b.id, t).await;
    assert!(
        matches!(stranger, Err(StoreError::NotFound)),
        "{stranger:?}"
    );

    assert!(!s.joining_locked(l.id).await.expect("locked"));
    s.set_joining_locked(l.id, true).await.expect("lock");
    assert!(s.joining_locked(l.id).await.expect("locked"));
    assert!(
        !s.joining_locked(later.id).await.expect("locked"),
        "per session"
    );
    s.set_joining_locked(l.id, false).await.expect("open");
    assert!(!s.joining_locked(l.id).await.expect("locked"));
    let nowhere = s.set_joining_locked(LiveSessionId::new(), true).await;
    assert!(matches!(nowhere, Err(StoreError::NotFound)), "{nowhere:?}");
}

pub async fn a_backlog_is_read_with_its_notes_and_topics_and_bounded(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let staff = NoteAuthor::Staff(f.facilitator.id);
    let (group, topic_added) = s
        .add_topic(&topic(l.id, staff.clone(), "Tauot", t))
        .await
        .expect("topic");
    let mut n = note(l.id, staff.clone(), "Tauot porrastetaan", t);
    n.topic = Some(group.id);
    let added = s.add_note(&n).await.expect("note");
    let hidden = s
        .change_note(n.id, &NoteChange::Hide, f.facilitator.id, t)
        .await
        .expect("hide");
    let moved = s
        .move_live_session(l.id, Position::default(), Timer::new(5), t)
        .await
        .expect("moved");

    let all = s.live_backlog(l.id, 0, 10).await.expect("backlog");
    let events: Vec<LiveEvent> = all.iter().map(|r| r.event.clone()).collect();
    assert_eq!(
        events,
        [topic_added, added.clone(), hidden.clone(), moved.clone()]
    );
    assert_eq!(all[0].note, None);
    // The note as it is now (hidden), with its topic's number and title.
    let now = s.note(n.id).await.expect("note");
    assert!(now.hidden);
    assert_eq!(all[1].note.as_ref(), Some(&now));
    assert_eq!(all[1].topic, Some((1, "Tauot".to_owned())));
    assert_eq!(all[2].note.as_ref(), Some(&now));
    assert_eq!(all[3].note, None);
    assert_eq!(all[3].topic, None);
    // Bounded, and resumed after a given event.
    let first_two = s.live_backlog(l.id, 0, 2).await.expect("backlog");
    assert_eq!(first_two.len(), 2);
    let rest = s.live_backlog(l.id, added.seq, 10).await.expect("backlog");
    let seqs: Vec<i64> = rest.iter().map(|r| r.event.seq).collect();
    assert_eq!(seqs, [hidden.seq, moved.seq]);
}

pub async fn a_writer_corrects_or_withdraws_a_note_until_it_is_curated(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let me = participant(id, "minä", t);
    let other = participant(id, "toinen", t);
    for p in [&me, &other] {
        s.create_participant(p).await.expect("participant");
        s.attend(l.id, p.id, t).await.expect("attends");
    }
    let mine = NoteAuthor::Participant(me.id);
    let notes: Vec<Note> = [
        "Kiirre",
        "Peruttava",
        "Tähdellä",
        "Teemassa",
        "Lajittelematon",
    ]
    .into_iter()
    .map(|text| note(l.id, mine.clone(), text, t))
    .collect();
    for n in &notes {
        s.add_note(n).await.expect("note");
    }
    let [typo, gone, starred, themed, unsorted] = [0, 1, 2, 3, 4].map(|i| notes[i].id);
    let e = s
        .revise_own_note(typo, me.id, Some("Kiire"), t)
        .await
        .expect("corrected");
    assert_eq!(e.kind, LiveEventKind::NoteChanged { note: typo });
    assert_eq!(s.note(typo).await.expect("read").text, "Kiire");
    assert!(
        s.note_history(typo).await.expect("history").is_empty(),
        "the writer's own correction is no curation"
    );
    assert!(!s.note_curated(typo).await.expect("read"));
    let other_hand = s.revise_own_note(typo, other.id, None, t).await;
    assert!(
        matches!(other_hand, Err(StoreError::NotFound)),
        "{other_hand:?}"
    );

    s.revise_own_note(gone, me.id, None, t)
        .await
        .expect("withdrawn");
    assert!(matches!(s.note(gone).await, Err(StoreError::NotFound)));
    assert!(
        !s.notes(l.id)
            .await
            .expect("notes")
            .iter()
            .any(|n| n.id == gone)
    );
    // Every event of the session still replays, the withdrawn note's with no note.
    let replay = s.live_backlog(l.id, 0, 100).await.expect("backlog");
    assert!(
        replay
            .iter()
            .any(|r| r.event.kind == LiveEventKind::NoteAdded { note: gone } && r.note.is_none())
    );

    s.change_note(starred, &NoteChange::Star, f.facilitator.id, t)
        .await
        .expect("starred");
    let set = theme_set(&[themed, NoteId::new(), NoteId::new(), unsorted]);
    s.save_themes(id, Scope::Process, None, &set, false, f.facilitator.id, t)
        .await
        .expect("themes");
    for curated in [starred, themed] {
        assert!(s.note_curated(curated).await.expect("read"));
        let r = s.revise_own_note(curated, me.id, Some("Muutettu"), t).await;
        assert!(matches!(r, Err(StoreError::Conflict(_))), "{r:?}");
        let r = s.revise_own_note(curated, me.id, None, t).await;
        assert!(matches!(r, Err(StoreError::Conflict(_))), "{r:?}");
    }
    assert!(
        !s.note_curated(unsorted).await.expect("read"),
        "a note the themes leave unsorted is not curated"
    );
    s.close_live_session(l.id, t).await.expect("closed");
    let r = s.revise_own_note(unsorted, me.id, None, t).await;
    assert!(
        matches!(r, Err(StoreError::Conflict(_))),
        "not once the session is closed"
    );
}
