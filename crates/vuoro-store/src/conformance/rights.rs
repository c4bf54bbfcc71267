//! People's rights over their data: the audit log, retention and deletions.

use super::*;
use crate::{AuditAction, AuditDetail, NewAuditEntry, OwnWords};

/// Entries are listed per organisation, newest first, with the names of actor and target as the
/// accounts hold them; a limit and a starting point page through them, and the server's own
/// entries have no actor.
pub async fn audit_entries_are_listed_per_organisation_newest_first(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = f.store.as_ref();
    let other = s.create_org("Espoon kaupunki", NOW).await.expect("org");
    let entry = |org, actor, action, target: Option<UserId>, detail: &str, m: i64| NewAuditEntry {
        org: Some(org),
        actor,
        action,
        target_user: target,
        detail: detail.into(),
        at: NOW + Duration::minutes(m),
    };
    let admin = f.coordinator.id;
    for e in [
        entry(
            f.org.id,
            Some(admin),
            AuditAction::StaffExported,
            Some(f.facilitator.id),
            "",
            1,
        ),
        entry(
            other.id,
            Some(admin),
            AuditAction::PasswordLoginChanged,
            None,
            "x",
            2,
        ),
        entry(
            f.org.id,
            None,
            AuditAction::RetentionDeleted,
            None,
            "notes 3",
            3,
        ),
        entry(
            f.org.id,
            Some(admin),
            AuditAction::SignOnMappingChanged,
            None,
            "group → roles",
            4,
        ),
    ] {
        s.record_audit(&e).await.expect("recorded");
    }
    let log = s.audit_log(f.org.id, None, 10).await.expect("log");
    let seen: Vec<(AuditAction, Option<&str>, Option<&str>, &str)> = log
        .iter()
        .map(|e| {
            (
                e.action,
                e.actor_name.as_deref(),
                e.target_name.as_deref(),
                e.detail.as_str(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            (
                AuditAction::SignOnMappingChanged,
                Some("Kalle Koordinaattori"),
                None,
                "group → roles"
            ),
            (AuditAction::RetentionDeleted, None, None, "notes 3"),
            (
                AuditAction::StaffExported,
                Some("Kalle Koordinaattori"),
                Some("Fanni Fasilitaattori"),
                ""
            ),
        ],
        "only this organisation's entries, newest first"
    );
    assert_eq!(log[2].at, NOW + Duration::minutes(1));
    assert_eq!(log[2].target_user, Some(f.facilitator.id));
    let first = s.audit_log(f.org.id, None, 2).await.expect("page");
    assert_eq!(first.len(), 2);
    let more = s
        .audit_log(f.org.id, Some(first[1].id), 2)
        .await
        .expect("next page");
    assert_eq!(
        more.iter().map(|e| e.action).collect::<Vec<_>>(),
        vec![AuditAction::StaffExported],
        "the next page starts below the last entry shown"
    );
    for a in AuditAction::ALL {
        assert_eq!(AuditAction::parse(a.as_str()), Some(a));
    }
}

/// A live session of `process` with a participant who attends it, at `t`.
async fn session_with_participant(
    f: &Fixture,
    process: ProcessId,
    code: &str,
    token: &str,
    t: OffsetDateTime,
) -> (LiveSessionId, Participant) {
    let l = live(f, process, code, t);
    f.store.open_live_session(&l).await.expect("open");
    let p = participant(process, token, t);
    f.store.create_participant(&p).await.expect("participant");
    f.store.attend(l.id, p.id, t).await.expect("attend");
    (l.id, p)
}

/// The daily pass's store side: only processes with a published summary are candidates, a
/// deletion happens only under the rule and publication the caller judged by, it deletes the
/// process's notes (with their history and merged duplicates) and feedback answers and nothing
/// of another process, records the counts per kind and an audit entry, and a second run finds
/// nothing and records nothing. The summary and themes stay.
pub async fn retention_deletes_exactly_what_is_due_and_records_it(store: Arc<dyn Store>) {
    use crate::{RawKind, RetentionCounts, RetentionDeletion};
    let f = fixture(store).await;
    let s = f.store.as_ref();
    let t = datetime!(2027-02-01 09:00 UTC);
    let a = create_process(&f, "Julkaistu", None, Plan::default()).await;
    let b = create_process(&f, "Kesken", None, Plan::default()).await;
    assert_eq!(s.retention_months(a).await.expect("rule"), 12);
    let (la, pa) = session_with_participant(&f, a, "ACDEFG", "a", t).await;
    let (lb, pb) = session_with_participant(&f, b, "HJKMNP", "b", t).await;
    let mine = note(la, NoteAuthor::Participant(pa.id), "Kahvihuone", t);
    let dup = note(la, NoteAuthor::Participant(pa.id), "Kahvihuone!", t);
    let typed = note(la, NoteAuthor::Staff(f.facilitator.id), "Ryhmä 2", t);
    let other = note(lb, NoteAuthor::Participant(pb.id), "Toisen prosessin", t);
    for n in [&mine, &dup, &typed, &other] {
        s.add_note(n).await.expect("note");
    }
    s.change_note(mine.id, &NoteChange::Star, f.facilitator.id, t)
        .await
        .expect("starred");
    s.change_note(
        dup.id,
        &NoteChange::MergeInto { target: mine.id },
        f.facilitator.id,
        t,
    )
    .await
    .expect("merged");
    let answers = vec![vec![vuoro_core::feedback::Answer::Scale(4)]; 2];
    answer_all(s, a, la, &answers, t).await;
    // The open space's topics, with a pick, and the name a participant chose to show.
    let (proposed, _) = s
        .add_topic(&Topic {
            hidden: false,
            cell: None,
            ..topic(la, NoteAuthor::Participant(pa.id), "Tauot", t)
        })
        .await
        .expect("topic");
    s.pick_topic(la, pa.id, proposed.id, t)
        .await
        .expect("picked");
    s.update_participant(pa.id, Some("Aino"), "fi")
        .await
        .expect("named");
    answer_all(s, b, lb, &answers[..1], t).await;
    let notes = [mine.id, dup.id, typed.id, NoteId::new()];
    s.save_themes(
        a,
        Scope::Process,
        None,
        &theme_set(&notes),
        false,
        f.facilitator.id,
        t,
    )
    .await
    .expect("themes");
    assert!(
        s.retention_candidates()
            .await
            .expect("candidates")
            .is_empty(),
        "nothing is due before a summary is published"
    );
    let published = datetime!(2027-03-01 12:00 UTC);
    s.save_summary(
        a,
        None,
        &summary(&notes),
        SummaryState::Published,
        f.orderer.id,
        published,
    )
    .await
    .expect("published");
    s.save_summary(
        a,
        Some(1),
        &summary(&notes),
        SummaryState::Published,
        f.orderer.id,
        published + Duration::days(3),
    )
    .await
    .expect("published again");
    let candidates = s.retention_candidates().await.expect("candidates");
    assert_eq!(candidates.len(), 1);
    assert_eq!(
        (
            candidates[0].process,
            candidates[0].org,
            candidates[0].months
        ),
        (a, f.org.id, 12)
    );
    assert_eq!(
        candidates[0].published_at, published,
        "the first publication counts"
    );

    let now = datetime!(2028-03-02 02:00 UTC);
    assert_eq!(
        s.delete_raw_data(a, 6, published, now).await.expect("run"),
        None,
        "a rule other than the one judged by deletes nothing"
    );
    assert_eq!(
        s.delete_raw_data(a, 12, published + Duration::days(3), now)
            .await
            .expect("run"),
        None,
        "a publication other than the one judged by deletes nothing"
    );
    assert_eq!(s.process_notes(a).await.expect("notes").len(), 3);

    // Comments on the summary count too (the summary exists only now).
    s.add_summary_comment(&summary_comment(a, 2, pa.id, "Hyvä", now))
        .await
        .expect("comment");
    let counts = s.delete_raw_data(a, 12, published, now).await.expect("run");
    assert_eq!(
        counts,
        Some(RetentionCounts {
            notes: 3,
            feedback_answers: 2,
            topics: 1,
            summary_comments: 1,
            shown_names: 1,
        })
    );
    assert!(s.topics(la).await.expect("topics").is_empty());
    assert!(s.summary_comments(a).await.expect("comments").is_empty());
    assert_eq!(
        s.participant_by_token(&pa.token_hash)
            .await
            .expect("read")
            .expect("the participant stays")
            .display_name,
        None,
        "the shown name is gone"
    );
    assert!(s.process_notes(a).await.expect("notes").is_empty());
    assert!(
        s.process_feedback(a)
            .await
            .expect("feedback")
            .iter()
            .all(|f| f.responses.is_empty()),
        "the answers are gone"
    );
    assert_eq!(
        s.process_notes(b).await.expect("notes"),
        vec![other.clone()],
        "another process keeps its notes"
    );
    assert_eq!(s.feedback_responses(lb).await.expect("answers").len(), 1);
    assert!(
        s.summary(a).await.expect("summary").is_some(),
        "summary stays"
    );
    assert!(
        s.themes(a, Scope::Process).await.expect("themes").is_some(),
        "themes stay"
    );
    let record = vec![
        RetentionDeletion {
            kind: RawKind::Notes,
            count: 3,
            at: now,
        },
        RetentionDeletion {
            kind: RawKind::FeedbackAnswers,
            count: 2,
            at: now,
        },
        RetentionDeletion {
            kind: RawKind::Topics,
            count: 1,
            at: now,
        },
        RetentionDeletion {
            kind: RawKind::SummaryComments,
            count: 1,
            at: now,
        },
        RetentionDeletion {
            kind: RawKind::ShownNames,
            count: 1,
            at: now,
        },
    ];
    assert_eq!(s.retention_deletions(a).await.expect("record"), record);
    assert!(s.retention_deletions(b).await.expect("record").is_empty());

    assert_eq!(
        s.delete_raw_data(a, 12, published, now + Duration::days(1))
            .await
            .expect("run again"),
        Some(RetentionCounts::default()),
        "a second run finds nothing"
    );
    assert_eq!(
        s.retention_deletions(a).await.expect("record"),
        record,
        "and records nothing"
    );
    assert!(
        s.retention_candidates()
            .await
            .expect("candidates")
            .is_empty()
    );
    let log = s.audit_log(f.org.id, None, 10).await.expect("log");
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].action, log[0].actor, log[0].at),
        (AuditAction::RetentionDeleted, None, now)
    );
    let kinds = |pairs: &[(&str, u64)]| {
        pairs
            .iter()
            .map(|(k, n)| ((*k).to_owned(), *n))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        AuditDetail::parse(&log[0].detail),
        AuditDetail::RetentionDeleted {
            title: "Julkaistu".into(),
            counts: kinds(&[
                ("notes", 3),
                ("feedback_answers", 2),
                ("topics", 1),
                ("summary_comments", 1),
                ("shown_names", 1),
            ]),
        }
    );

    s.set_retention_months(b, 24, f.coordinator.id, now)
        .await
        .expect("rule changed");
    assert_eq!(s.retention_months(b).await.expect("rule"), 24);
    let log = s.audit_log(f.org.id, None, 10).await.expect("log");
    assert_eq!(
        (
            log[0].action,
            log[0].actor,
            AuditDetail::parse(&log[0].detail)
        ),
        (
            AuditAction::RetentionChanged,
            Some(f.coordinator.id),
            AuditDetail::RetentionChanged {
                title: "Kesken".into(),
                before: 12,
                after: 24
            }
        )
    );
}

/// A participant reads what they wrote in their process (notes, comments on the summary) and
/// deletes one item, curated or not, or everything; nobody deletes another's words.
pub async fn a_participant_reads_and_deletes_their_own_words(store: Arc<dyn Store>) {
    use crate::OwnItem;
    let f = fixture(store).await;
    let s = f.store.as_ref();
    let t = datetime!(2027-02-01 09:00 UTC);
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let (l, me) = session_with_participant(&f, id, "ACDEFG", "me", t).await;
    let other = participant(id, "other", t);
    s.create_participant(&other).await.expect("participant");
    s.attend(l, other.id, t).await.expect("attend");
    let first = note(l, NoteAuthor::Participant(me.id), "Ensimmäinen", t);
    s.update_participant(me.id, Some("Aino"), "fi")
        .await
        .expect("named");
    let second = Note {
        shown_name: Some("Aino".into()),
        ..note(
            l,
            NoteAuthor::Participant(me.id),
            "Toinen",
            t + Duration::minutes(1),
        )
    };
    let theirs = note(l, NoteAuthor::Participant(other.id), "Toisen", t);
    for n in [&first, &second, &theirs] {
        s.add_note(n).await.expect("note");
    }
    s.change_note(first.id, &NoteChange::Star, f.facilitator.id, t)
        .await
        .expect("curated");
    s.save_summary(
        id,
        None,
        &summary(&[first.id, second.id, theirs.id, first.id]),
        SummaryState::Review,
        f.orderer.id,
        t,
    )
    .await
    .expect("summary");
    s.add_summary_comment(&summary_comment(id, 1, me.id, "Hyvä kooste", t))
        .await
        .expect("comment");

    let (proposed, _) = s
        .add_topic(&Topic {
            shown_name: Some("Aino".into()),
            hidden: false,
            cell: None,
            ..topic(l, NoteAuthor::Participant(me.id), "Tauot", t)
        })
        .await
        .expect("topic");
    let (kept_topic, _) = s
        .add_topic(&Topic {
            hidden: false,
            cell: None,
            ..topic(l, NoteAuthor::Participant(me.id), "Kahvi", t)
        })
        .await
        .expect("topic");
    s.pick_topic(l, other.id, proposed.id, t)
        .await
        .expect("another picks it");

    let words = s.own_words(me.id).await.expect("own words");
    let starred = Note {
        starred: true,
        ..first.clone()
    };
    assert_eq!(words.notes, vec![starred, second.clone()]);
    assert_eq!(words.comments.len(), 1);
    assert_eq!(words.comments[0].comment.text, "Hyvä kooste");
    let picked = Topic {
        picks: 1,
        ..proposed.clone()
    };
    assert_eq!(words.topics, vec![picked, kept_topic.clone()]);
    assert_eq!(words.shown_name.as_deref(), Some("Aino"));
    let theirs_words = s.own_words(other.id).await.expect("own words");
    assert_eq!(
        (theirs_words.notes.len(), theirs_words.topics.len()),
        (1, 0),
        "one's words are one's own"
    );

    // The name goes from the participant, their notes and topics, which stay.
    let events = s
        .delete_own_words(me.id, OwnItem::Name, t)
        .await
        .expect("name removed");
    assert_eq!(
        events.iter().map(|e| e.kind.clone()).collect::<Vec<_>>(),
        vec![
            LiveEventKind::NoteChanged { note: second.id },
            LiveEventKind::TopicsChanged
        ],
        "open boards follow"
    );
    let words = s.own_words(me.id).await.expect("own words");
    assert_eq!(words.shown_name, None);
    assert_eq!(words.notes.len(), 2);
    assert!(words.notes.iter().all(|n| n.shown_name.is_none()));
    assert!(words.topics.iter().all(|t| t.shown_name.is_none()));
    let again = s.delete_own_words(me.id, OwnItem::Name, t).await;
    assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");
    // A topic goes with its picks; another's cannot be deleted.
    let refused = s
        .delete_own_words(other.id, OwnItem::Topic(proposed.id), t)
        .await;
    assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
    let events = s
        .delete_own_words(me.id, OwnItem::Topic(proposed.id), t)
        .await
        .expect("topic deleted");
    assert_eq!(
        events.iter().map(|e| e.kind.clone()).collect::<Vec<_>>(),
        vec![LiveEventKind::TopicsChanged]
    );
    assert_eq!(
        s.topics(l)
            .await
            .expect("topics")
            .iter()
            .map(|t| t.id)
            .collect::<Vec<_>>(),
        vec![kept_topic.id]
    );
    assert!(
        s.picks_of(l, other.id).await.expect("picks").is_empty(),
        "the picks of it went with it"
    );

    let refused = s
        .delete_own_words(other.id, OwnItem::Note(first.id), t)
        .await;
    assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
    let events = s
        .delete_own_words(me.id, OwnItem::Note(first.id), t)
        .await
        .expect("deleted though curated");
    assert_eq!(
        events.iter().map(|e| e.kind.clone()).collect::<Vec<_>>(),
        vec![LiveEventKind::NoteChanged { note: first.id }],
        "open boards drop it"
    );
    s.delete_own_words(me.id, OwnItem::Comment(words.comments[0].id), t)
        .await
        .expect("comment deleted");
    assert!(s.summary_comments(id).await.expect("comments").is_empty());
    s.delete_own_words(me.id, OwnItem::All, t)
        .await
        .expect("all deleted");
    assert_eq!(
        s.own_words(me.id).await.expect("own words"),
        OwnWords::default()
    );
    assert!(s.topics(l).await.expect("topics").is_empty());
    assert_eq!(
        s.notes(l).await.expect("notes"),
        vec![theirs.clone()],
        "another's note stays"
    );
    // The summary quoted the second note: the quote is gone from it, the summary's own words
    // stay and rest on what is left.
    let after = s.summary(id).await.expect("read").expect("summary");
    assert_eq!(
        after.summary.blocks,
        vec![
            Block::heading("Mitä kuulimme"),
            Block::paragraph(
                "Kahvihuone koetaan ahtaaksi, ja \"tauot\" venyvät.",
                Vec::new()
            ),
            Block::paragraph("Seuraavaksi sovitaan tilojen käytöstä.", Vec::new()),
        ]
    );
}

/// What is held about a staff member: their processes, versions, approvals, log entries, role
/// changes and log-ins, within the organisation asked about; notes they typed for the circle
/// are counted, never copied, and no participant appears.
pub async fn a_staff_members_record_holds_their_work_and_no_participant(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = f.store.as_ref();
    let t = datetime!(2027-02-01 09:00 UTC);
    let id = create_process(
        &f,
        "Tiimi",
        None,
        plan_with("eratauko", &[date!(2027 - 02 - 10)]),
    )
    .await;
    s.assign_facilitator(
        id,
        f.facilitator.id,
        f.coordinator.id,
        vuoro_core::offer::OfferStatus::Accepted,
        t,
        &[],
    )
    .await
    .expect("assigned");
    let plan = s.plan(id, 1).await.expect("plan").plan;
    s.save_plan(id, 1, &plan, f.facilitator.id, t, &[])
        .await
        .expect("saved");
    s.approve(id, 2, ApprovalSide::Facilitator, f.facilitator.id, t)
        .await
        .expect("approved");
    s.create_login(&LoginSession {
        token_hash: "fanni-login".into(),
        user: f.facilitator.id,
        created_at: t,
        expires_at: t + Duration::hours(8),
        via: crate::LoginVia::Password,
    })
    .await
    .expect("login");
    let (l, p) = session_with_participant(&f, id, "ACDEFG", "p", t).await;
    s.add_note(&note(
        l,
        NoteAuthor::Participant(p.id),
        "Osallistujan sanat",
        t,
    ))
    .await
    .expect("note");
    s.add_note(&note(
        l,
        NoteAuthor::Staff(f.facilitator.id),
        "Kirjurin sanat",
        t,
    ))
    .await
    .expect("note");
    let elsewhere = s.create_org("Espoon kaupunki", NOW).await.expect("org");
    ordered(s, elsewhere.id, f.facilitator.id, "Espoon tiimi", t).await;
    // The audit log's entries about them, and the ones they made, in this organisation only.
    let entry = |org: OrgId, actor: UserId, target: Option<UserId>| NewAuditEntry {
        org: Some(org),
        actor: Some(actor),
        action: AuditAction::StaffExported,
        target_user: target,
        detail: String::new(),
        at: t,
    };
    for e in [
        entry(f.org.id, f.coordinator.id, Some(f.facilitator.id)),
        entry(f.org.id, f.facilitator.id, Some(f.orderer.id)),
        entry(f.org.id, f.coordinator.id, Some(f.orderer.id)),
        entry(elsewhere.id, f.coordinator.id, Some(f.facilitator.id)),
    ] {
        s.record_audit(&e).await.expect("audit");
    }

    let record = s
        .staff_record(f.facilitator.id, Some(f.org.id))
        .await
        .expect("record");
    assert_eq!(record.account.email, "fasilitaattori@vantaa.fi");
    assert_eq!(record.memberships.len(), 1);
    assert_eq!(record.memberships[0].roles, vec!["facilitator".to_owned()]);
    assert_eq!(
        record
            .processes_facilitated
            .iter()
            .map(|p| p.title.as_str())
            .collect::<Vec<_>>(),
        vec!["Tiimi"]
    );
    assert!(
        record.processes_ordered.is_empty(),
        "the other organisation's order is not this one's to export"
    );
    assert_eq!(record.plan_versions.len(), 1);
    assert_eq!(record.approvals.len(), 1);
    assert_eq!(record.logins.len(), 1);
    assert_eq!(record.notes_typed_for_the_circle, 1);
    assert_eq!(
        record
            .audit_entries
            .iter()
            .map(|e| (e.action.as_str(), e.about_them))
            .collect::<Vec<_>>(),
        vec![("staff_exported", true), ("staff_exported", false)],
        "the entries about them and the one they made, in this organisation"
    );
    assert_eq!(
        (
            record.account.address_confirmed_at.is_some(),
            record.account.unconfirmed_origin.as_deref()
        ),
        (false, None),
        "an account that never needed confirming"
    );
    let json = serde_json::to_string(&record).expect("json");
    for never in ["Osallistujan sanat", "Kirjurin sanat", &p.id.to_string()] {
        assert!(!json.contains(never), "{never} in {json}");
    }
    let everywhere = s
        .staff_record(f.facilitator.id, None)
        .await
        .expect("record");
    assert_eq!(everywhere.processes_ordered.len(), 1);
}

/// Anonymising and deleting replace the name and address, end the log-in, remove every role
/// (recorded) and keep the history; an organisation's admin may not act on someone known
/// beyond it, and nobody removes the facilitator of a running process.
pub async fn removing_a_staff_member_keeps_the_history_and_refuses_a_running_facilitator(
    store: Arc<dyn Store>,
) {
    use crate::Removal;
    use crate::rights::{BEYOND_ORGANISATION, STILL_FACILITATING};
    let f = fixture(store).await;
    let s = f.store.as_ref();
    let t = datetime!(2027-02-01 09:00 UTC);
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    s.assign_facilitator(
        id,
        f.facilitator.id,
        f.coordinator.id,
        vuoro_core::offer::OfferStatus::Accepted,
        t,
        &[],
    )
    .await
    .expect("assigned");
    let admin = f.coordinator.id;
    let refused = s
        .remove_staff(f.facilitator.id, Removal::Delete, admin, Some(f.org.id), t)
        .await;
    assert!(
        matches!(refused, Err(StoreError::Conflict(w)) if w == STILL_FACILITATING),
        "{refused:?}"
    );
    s.create_login(&LoginSession {
        token_hash: "eeva-login".into(),
        user: f.orderer.id,
        created_at: t,
        expires_at: t + Duration::hours(8),
        via: crate::LoginVia::Password,
    })
    .await
    .expect("login");
    s.link_sign_on("https://login.vantaa.fi", "eeva", f.orderer.id, t)
        .await
        .expect("linked");
    // She was invited once and accepted; the invitation's record outlives her address.
    let accepted = Invitation {
        accepted_at: Some(t),
        ..invitation(&f, "eeva-invited", "esimies@vantaa.fi", RoleSet::empty(), t)
    };
    s.create_invitation(&accepted, &[]).await.expect("invited");
    s.remove_staff(f.orderer.id, Removal::Anonymise, admin, Some(f.org.id), t)
        .await
        .expect("anonymised");
    let eeva = s.user(f.orderer.id).await.expect("kept for the history");
    assert!(eeva.name.starts_with('#'), "{}", eeva.name);
    assert_ne!(eeva.email, "esimies@vantaa.fi");
    assert!(
        s.user_by_email("esimies@vantaa.fi")
            .await
            .expect("lookup")
            .is_none()
    );
    assert!(
        s.roles(f.org.id, f.orderer.id)
            .await
            .expect("roles")
            .is_empty()
    );
    assert_eq!(s.login("eeva-login", t).await.expect("login"), None);
    assert!(
        s.invitations(f.org.id)
            .await
            .expect("invitations")
            .iter()
            .all(|i| i.email != "esimies@vantaa.fi"),
        "no page shows her address through an old invitation"
    );
    // The provider's identity no longer leads to the emptied account.
    assert!(
        s.sign_on_user("https://login.vantaa.fi", "eeva")
            .await
            .expect("lookup")
            .is_none()
    );
    assert_eq!(s.process(id).await.expect("process").orderer, f.orderer.id);
    let change = &s.role_changes(f.org.id, 1).await.expect("changes")[0];
    assert_eq!(
        (change.user, change.actor, change.after),
        (f.orderer.id, admin, RoleSet::empty())
    );
    let log = s.audit_log(f.org.id, None, 1).await.expect("log");
    assert_eq!(
        (
            log[0].action,
            log[0].target_user,
            log[0].target_name.clone()
        ),
        (
            AuditAction::StaffAnonymised,
            Some(f.orderer.id),
            Some(eeva.name.clone())
        )
    );

    let both = account(s, "kaksi@vantaa.fi", "Kaisa Kaksi").await;
    let elsewhere = s.create_org("Espoon kaupunki", NOW).await.expect("org");
    let orderer = RoleSet::empty().with(Role::Orderer);
    s.set_roles(f.org.id, both.id, orderer)
        .await
        .expect("roles");
    s.set_roles(elsewhere.id, both.id, orderer)
        .await
        .expect("roles");
    let beyond = s
        .remove_staff(both.id, Removal::Delete, admin, Some(f.org.id), t)
        .await;
    assert!(
        matches!(beyond, Err(StoreError::Conflict(w)) if w == BEYOND_ORGANISATION),
        "{beyond:?}"
    );
    let stranger = s
        .remove_staff(both.id, Removal::Delete, admin, Some(OrgId::new()), t)
        .await;
    assert!(
        matches!(stranger, Err(StoreError::NotFound)),
        "{stranger:?}"
    );
    s.remove_staff(both.id, Removal::Delete, admin, None, t)
        .await
        .expect("a site administrator deletes everywhere");
    assert_eq!(s.user(both.id).await.expect("kept").name, "–");
    assert!(s.memberships(both.id).await.expect("roles").is_empty());
    for org in [f.org.id, elsewhere.id] {
        let log = s.audit_log(org, None, 1).await.expect("log");
        assert_eq!(
            log[0].action,
            AuditAction::StaffDeleted,
            "seen in each organisation"
        );
    }
}

/// Someone whose every role here was taken away is a former member: listed for the
/// organisation's admins, whose export and removal still reach them, until removed.
pub async fn a_former_member_is_listed_and_can_still_be_removed(store: Arc<dyn Store>) {
    use crate::Removal;
    let f = fixture(store).await;
    let s = f.store.as_ref();
    let t = datetime!(2027-02-01 09:00 UTC);
    assert!(s.former_members(f.org.id).await.expect("read").is_empty());
    s.change_roles(
        f.org.id,
        f.orderer.id,
        RoleSet::empty(),
        f.coordinator.id,
        RoleChangeVia::Members,
        t,
    )
    .await
    .expect("roles taken away");
    let former = s.former_members(f.org.id).await.expect("read");
    assert_eq!(
        former.iter().map(|u| u.id).collect::<Vec<_>>(),
        vec![f.orderer.id]
    );
    let elsewhere = s.create_org("Espoon kaupunki", NOW).await.expect("org");
    assert!(
        s.former_members(elsewhere.id)
            .await
            .expect("read")
            .is_empty(),
        "never a member there"
    );
    let refused = s
        .remove_staff(
            f.orderer.id,
            Removal::Anonymise,
            f.coordinator.id,
            Some(elsewhere.id),
            t,
        )
        .await;
    assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
    s.remove_staff(
        f.orderer.id,
        Removal::Anonymise,
        f.coordinator.id,
        Some(f.org.id),
        t,
    )
    .await
    .expect("removed by the organisation it belonged to");
    assert!(
        s.former_members(f.org.id).await.expect("read").is_empty(),
        "a removed account is no longer listed"
    );
}
