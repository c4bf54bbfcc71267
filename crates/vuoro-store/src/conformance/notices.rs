//! Notices: the community's addresses, the summary's change of state with its link and mail,
//! and what the reminder and follow-up passes read.

use super::*;
use crate::mail::{MailKind, NewMail};
use crate::notices::{COMMUNITY_MAIL_KEY, CommunityMail, SummaryMove};
use vuoro_core::notices::{Community, DuePractice};

fn community_mail(to: &str, key: &str) -> NewMail {
    NewMail {
        kind: MailKind::SummaryForComments,
        to: to.into(),
        user: None,
        subject: "Kooste kommentoitavana".into(),
        text: "Lue ja kommentoi".into(),
        html: "<p>Lue ja kommentoi</p>".into(),
        dedupe: Some(format!("{COMMUNITY_MAIL_KEY}{key}")),
    }
}

fn summary() -> Summary {
    Summary {
        blocks: vec![Block::heading("Mitä kuultiin")],
    }
}

/// The addresses come back as saved, in the order typed, and are replaced whole: a list address
/// instead of the members', or nothing.
pub async fn community_addresses_are_kept_as_given_and_replaced_whole(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    // Given with the order, they are saved with it.
    let list = Community::List("tiimi@vantaa.fi".into());
    let ordered = s
        .create_process(
            NewProcess {
                org: f.org.id,
                orderer: f.orderer.id,
                order: order("Tiimi", None),
                plan: Plan::default(),
                community: Some(list.clone()),
            },
            NOW,
        )
        .await
        .expect("ordered");
    assert_eq!(
        s.community_mail(ordered.id).await.expect("read").community,
        Some(list)
    );
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    assert_eq!(
        s.community_mail(id).await.expect("read"),
        CommunityMail::default()
    );
    let people = Community::People(vec!["b@vantaa.fi".into(), "a@vantaa.fi".into()]);
    s.set_community_mail(id, Some(&people), NOW)
        .await
        .expect("saved");
    assert_eq!(
        s.community_mail(id).await.expect("read").community,
        Some(people)
    );
    let list = Community::List("tiimi@lista.vantaa.fi".into());
    s.set_community_mail(id, Some(&list), NOW)
        .await
        .expect("saved");
    assert_eq!(
        s.community_mail(id).await.expect("read"),
        CommunityMail {
            community: Some(list),
            deleted: None
        }
    );
    s.set_community_mail(id, None, NOW).await.expect("cleared");
    assert_eq!(s.community_mail(id).await.expect("read").community, None);
    let other = create_process(&f, "Toinen", None, Plan::default()).await;
    assert_eq!(s.community_mail(other).await.expect("read").community, None);
    let missing = s.set_community_mail(ProcessId::new(), None, NOW).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
}

/// Sending the summary for comments writes the version, a new link in place of the working one
/// and the community's mail in one transaction; publishing deletes the members' addresses and
/// says when; a stale version writes none of it.
pub async fn a_summary_moves_with_its_link_its_mail_and_the_deletion_of_addresses(
    store: Arc<dyn Store>,
) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t1 = datetime!(2027-04-01 10:00 UTC);
    let t2 = datetime!(2027-04-20 10:00 UTC);
    let people = Community::People(vec!["a@vantaa.fi".into(), "b@vantaa.fi".into()]);
    s.set_community_mail(id, Some(&people), NOW)
        .await
        .expect("saved");
    let text = summary();
    let v1 = s
        .save_summary(id, None, &text, SummaryState::Draft, f.orderer.id, NOW)
        .await
        .expect("draft");
    let old_link = s
        .make_summary_link(id, &"0".repeat(64), f.orderer.id, NOW)
        .await
        .expect("link");
    let review = SummaryMove {
        process: id,
        base: Some(v1),
        summary: &text,
        state: SummaryState::Review,
        actor: f.orderer.id,
        at: t1,
        link: Some(&"1".repeat(64)),
    };
    let outbox = [
        community_mail("a@vantaa.fi", "1"),
        community_mail("b@vantaa.fi", "2"),
    ];
    let moved = s.move_summary(&review, &outbox).await.expect("moved");
    assert_eq!((moved.version, moved.replaced, moved.deleted), (2, true, 0));
    let link = moved.link.expect("made");
    assert_eq!(s.summary_link(id).await.expect("read"), Some(link.clone()));
    assert_eq!(link.token_hash, "1".repeat(64));
    let old = s
        .summary_link_by_hash(&old_link.token_hash)
        .await
        .expect("read")
        .expect("kept");
    assert_eq!(old.revoked, Some((f.orderer.id, t1)));
    let current = s.summary(id).await.expect("read").expect("some");
    assert_eq!((current.version, current.state), (2, SummaryState::Review));
    // The members' addresses stay until publication.
    assert_eq!(
        s.community_mail(id).await.expect("read").community,
        Some(people.clone())
    );
    let queued = s
        .claim_mail(t1, t1 + Duration::minutes(5), 10)
        .await
        .expect("claimed");
    let to: Vec<&str> = queued.iter().map(|m| m.to.as_str()).collect();
    assert_eq!(to, ["a@vantaa.fi", "b@vantaa.fi"]);

    // A stale move writes no version, no link and no mail.
    let stale = s
        .move_summary(
            &SummaryMove {
                base: Some(1),
                link: Some(&"2".repeat(64)),
                ..review.clone()
            },
            &[community_mail("a@vantaa.fi", "3")],
        )
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
    assert_eq!(
        s.summary_link(id).await.expect("read").map(|l| l.id),
        Some(link.id)
    );
    assert!(
        s.claim_mail(t1, t1 + Duration::minutes(5), 10)
            .await
            .expect("claimed")
            .is_empty()
    );

    let published = s
        .move_summary(
            &SummaryMove {
                base: Some(2),
                state: SummaryState::Published,
                at: t2,
                link: None,
                ..review.clone()
            },
            &[],
        )
        .await
        .expect("published");
    assert_eq!(
        (published.version, published.link, published.deleted),
        (3, None, 2)
    );
    assert_eq!(
        s.community_mail(id).await.expect("read"),
        CommunityMail {
            community: None,
            deleted: Some((t2, 2)),
        }
    );
    // The link made for the review still works: publishing without a link leaves it.
    assert_eq!(
        s.summary_link(id).await.expect("read").map(|l| l.id),
        Some(link.id)
    );

    // A list address names nobody and stays through publication.
    let listed = create_process(&f, "Lista", None, Plan::default()).await;
    let list = Community::List("kaikki@lista.vantaa.fi".into());
    s.set_community_mail(listed, Some(&list), NOW)
        .await
        .expect("saved");
    let v = s
        .save_summary(listed, None, &text, SummaryState::Review, f.orderer.id, NOW)
        .await
        .expect("review");
    let done = s
        .move_summary(
            &SummaryMove {
                process: listed,
                base: Some(v),
                state: SummaryState::Published,
                link: None,
                ..review.clone()
            },
            &[],
        )
        .await
        .expect("published");
    assert_eq!(done.deleted, 0);
    assert_eq!(
        s.community_mail(listed).await.expect("read"),
        CommunityMail {
            community: Some(list),
            deleted: None,
        }
    );
}

/// The community's messages leave the outbox once sent; others stay.
pub async fn sent_community_mail_is_forgotten(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let other = NewMail {
        kind: MailKind::OrderAssigned,
        dedupe: Some("reminder:x".into()),
        ..community_mail("fasilitaattori@vantaa.fi", "")
    };
    s.enqueue_mail(
        &[
            community_mail("a@vantaa.fi", "p:1"),
            community_mail("b@vantaa.fi", "p:2"),
            other,
        ],
        NOW,
    )
    .await
    .expect("queued");
    let claimed = s
        .claim_mail(NOW, NOW + Duration::minutes(5), 10)
        .await
        .expect("claimed");
    assert_eq!(claimed.len(), 3);
    // a and the other one sent; b not yet.
    for m in claimed.iter().filter(|m| m.to != "b@vantaa.fi") {
        s.mail_sent(m.id, NOW).await.expect("sent");
    }
    assert_eq!(s.forget_sent_community_mail().await.expect("forgot"), 1);
    assert_eq!(s.forget_sent_community_mail().await.expect("forgot"), 0);
    let b = claimed
        .iter()
        .find(|m| m.to == "b@vantaa.fi")
        .expect("b claimed");
    s.mail_sent(b.id, NOW).await.expect("sent");
    assert_eq!(s.forget_sent_community_mail().await.expect("forgot"), 1);
    // The reminder's key still dedupes: it was not a community message.
    let again = NewMail {
        kind: MailKind::SessionReminder,
        dedupe: Some("reminder:x".into()),
        ..community_mail("fasilitaattori@vantaa.fi", "")
    };
    assert_eq!(s.enqueue_mail(&[again], NOW).await.expect("queued"), 0);
}

/// The follow-up pass reads the open practices due within the dates, with their process's
/// state and people, in one query.
pub async fn practices_due_are_read_with_their_process(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    s.assign_facilitator(
        id,
        f.facilitator.id,
        f.coordinator.id,
        vuoro_core::offer::OfferStatus::Accepted,
        NOW,
        &[],
    )
    .await
    .expect("assigned");
    let staff = NoteAuthor::Staff(f.facilitator.id);
    let mut on_time = practice(id, None, staff.clone(), "Aamukahvit", NOW);
    on_time.due = Some(date!(2027 - 05 - 10));
    let mut in_progress = practice(id, None, staff.clone(), "Vuorolistat", NOW);
    in_progress.due = Some(date!(2027 - 05 - 08));
    in_progress.status = PracticeStatus::InProgress;
    let mut done = practice(id, None, staff.clone(), "Valmis", NOW);
    done.due = Some(date!(2027 - 05 - 09));
    done.status = PracticeStatus::Done;
    let mut later = practice(id, None, staff.clone(), "Myöhemmin", NOW);
    later.due = Some(date!(2027 - 05 - 11));
    let mut undated = practice(id, None, staff.clone(), "Ilman päivää", NOW);
    undated.due = None;
    for p in [&on_time, &in_progress, &done, &later, &undated] {
        s.add_practice(p).await.expect("added");
    }
    let other = create_process(&f, "Toinen", None, Plan::default()).await;
    let mut elsewhere = practice(other, None, staff, "Muualla", NOW);
    elsewhere.due = Some(date!(2027 - 05 - 09));
    s.add_practice(&elsewhere).await.expect("added");

    let due = s
        .practices_due(date!(2027 - 05 - 08), date!(2027 - 05 - 10))
        .await
        .expect("read");
    let want = |p: &Practice, process, title: &str, facilitator| DuePractice {
        practice: p.id,
        process,
        title: p.title.clone(),
        process_title: title.into(),
        due: p.due.expect("dated"),
        status: p.status,
        process_state: ProcessState::Ordered,
        orderer: f.orderer.id,
        facilitator,
    };
    assert_eq!(
        due,
        vec![
            want(&in_progress, id, "Tiimi", Some(f.facilitator.id)),
            want(&elsewhere, other, "Toinen", None),
            want(&on_time, id, "Tiimi", Some(f.facilitator.id)),
        ]
    );
}
