//! Offers and volunteers: an order offered, answered once, declined back to the queue; who
//! volunteered for a waiting order.

use super::*;
use crate::Removal;
use crate::offers::{NOT_AWAITING, NOT_WAITING};
use vuoro_core::offer::{Answer, OfferStatus};

async fn second_facilitator(f: &Fixture) -> User {
    let s = f.store.as_ref();
    let u = s
        .create_user(new_user("toinen@vantaa.fi", "Toivo Toinen"), NOW)
        .await
        .expect("user");
    s.set_roles(f.org.id, u.id, RoleSet::empty().with(Role::Facilitator))
        .await
        .expect("roles");
    u
}

fn decline(reason: &str) -> Answer {
    Answer::Decline(reason.into())
}

/// An offer awaits the facilitator's answer until they accept or decline, and only they can
/// answer, once. A decline takes them off the process: the order is back in the queue, its
/// offers say who declined and why, and the history says it without the reason. Giving the
/// order to someone else withdraws an unanswered offer.
pub async fn an_offer_is_answered_once_and_a_decline_returns_the_order_to_the_queue(
    store: Arc<dyn Store>,
) {
    let f = fixture(store).await;
    let s = f.store.as_ref();
    let other = second_facilitator(&f).await;
    let p = create_process(&f, "Kotihoidon tiimi", None, plan_with("eratauko", &[])).await;
    let (fac, coord) = (f.facilitator.id, f.coordinator.id);
    let at = |m: i64| NOW + Duration::minutes(m);

    s.assign_facilitator(p, fac, coord, OfferStatus::Awaiting, at(1), &[])
        .await
        .expect("offer");
    let process = s.process(p).await.expect("process");
    assert_eq!(process.facilitator, Some(fac));
    assert!(process.awaiting_answer);
    let awaiting = s.awaiting_offers(fac).await.expect("awaiting");
    assert_eq!(awaiting.len(), 1);
    assert_eq!(
        (
            awaiting[0].process,
            awaiting[0].offered_by,
            awaiting[0].status
        ),
        (p, coord, OfferStatus::Awaiting)
    );
    assert!(s.awaiting_offers(other.id).await.expect("none").is_empty());

    // Only the person offered answers.
    let wrong = s
        .answer_offer(p, other.id, &Answer::Accept, at(2), &[])
        .await;
    assert!(
        matches!(wrong, Err(StoreError::Conflict(NOT_AWAITING))),
        "{wrong:?}"
    );
    let missing = s
        .answer_offer(ProcessId::new(), fac, &Answer::Accept, at(2), &[])
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");

    s.answer_offer(p, fac, &Answer::Accept, at(3), &[])
        .await
        .expect("accept");
    let process = s.process(p).await.expect("process");
    assert!(!process.awaiting_answer);
    assert_eq!(process.facilitator, Some(fac));
    let again = s
        .answer_offer(p, fac, &decline("Ei sittenkään"), at(4), &[])
        .await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    assert!(s.awaiting_offers(fac).await.expect("none").is_empty());

    // Given to someone else, who declines: back in the queue.
    s.assign_facilitator(p, other.id, coord, OfferStatus::Awaiting, at(5), &[])
        .await
        .expect("offer again");
    s.answer_offer(
        p,
        other.id,
        &decline("  Olen tämän tiimin entinen esihenkilö "),
        at(6),
        &[],
    )
    .await
    .expect("decline");
    let process = s.process(p).await.expect("process");
    assert_eq!(process.facilitator, None);
    assert!(!process.awaiting_answer);
    let queue = s
        .processes(&ProcessFilter {
            org: Some(f.org.id),
            unassigned: true,
            ..Default::default()
        })
        .await
        .expect("queue");
    assert_eq!(queue.iter().map(|q| q.id).collect::<Vec<_>>(), vec![p]);
    let offers = s.offers(&[p]).await.expect("offers");
    let seen: Vec<(UserId, OfferStatus)> =
        offers.iter().map(|o| (o.facilitator, o.status)).collect();
    assert_eq!(
        seen,
        vec![
            (fac, OfferStatus::Accepted),
            (other.id, OfferStatus::Declined)
        ]
    );
    // The store keeps the reason as given; trimming is the domain's (`decline_reason`).
    assert_eq!(
        offers[1].reason.as_deref(),
        Some("  Olen tämän tiimin entinen esihenkilö ")
    );
    assert_eq!(offers[1].answered_at, Some(at(6)));
    assert_eq!(offers[0].answered_at, Some(at(3)));
    let events = s.events(p).await.expect("events");
    let kinds: Vec<&EventKind> = events.iter().map(|e| &e.kind).collect();
    assert!(kinds.contains(&&EventKind::OfferAccepted { facilitator: fac }));
    assert!(kinds.contains(&&EventKind::OfferDeclined {
        facilitator: other.id
    }));
    let declined = events
        .iter()
        .find(|e| {
            e.kind
                == EventKind::OfferDeclined {
                    facilitator: other.id,
                }
        })
        .expect("declined");
    assert_eq!(declined.actor, other.id);

    // Offered to one, then to another before an answer: the first offer is withdrawn.
    s.assign_facilitator(p, fac, coord, OfferStatus::Awaiting, at(7), &[])
        .await
        .expect("offer");
    s.assign_facilitator(p, other.id, coord, OfferStatus::Awaiting, at(8), &[])
        .await
        .expect("offer to another");
    let late = s.answer_offer(p, fac, &Answer::Accept, at(9), &[]).await;
    assert!(matches!(late, Err(StoreError::Conflict(_))), "{late:?}");
    let offers = s.offers(&[p]).await.expect("offers");
    let last_two: Vec<OfferStatus> = offers[offers.len() - 2..]
        .iter()
        .map(|o| o.status)
        .collect();
    assert_eq!(
        last_two,
        vec![OfferStatus::Withdrawn, OfferStatus::Awaiting]
    );
    // Assigned accepted at once (a coordinator themselves, a volunteer): nothing awaits.
    s.assign_facilitator(p, coord, coord, OfferStatus::Accepted, at(10), &[])
        .await
        .expect("self");
    assert!(!s.process(p).await.expect("process").awaiting_answer);
    assert_eq!(
        s.offers(&[p])
            .await
            .expect("offers")
            .last()
            .map(|o| o.status),
        Some(OfferStatus::Accepted)
    );
    assert!(s.awaiting_offers(other.id).await.expect("none").is_empty());
}

/// Two answers at once (a double click, two tabs): exactly one counts.
pub async fn two_answers_at_once_count_once(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = f.store.clone();
    let p = create_process(&f, "Kotihoidon tiimi", None, plan_with("eratauko", &[])).await;
    s.assign_facilitator(
        p,
        f.facilitator.id,
        f.coordinator.id,
        OfferStatus::Awaiting,
        NOW,
        &[],
    )
    .await
    .expect("offer");
    let answer = |a: Answer| {
        let s = s.clone();
        let fac = f.facilitator.id;
        tokio::spawn(async move { s.answer_offer(p, fac, &a, NOW, &[]).await })
    };
    let (a, b) = (answer(Answer::Accept), answer(decline("Lomalla")));
    let (a, b) = (a.await.expect("task"), b.await.expect("task"));
    let ok = [&a, &b].iter().filter(|r| r.is_ok()).count();
    assert_eq!(ok, 1, "{a:?} {b:?}");
    assert!(
        [&a, &b]
            .iter()
            .any(|r| matches!(r, Err(StoreError::Conflict(NOT_AWAITING)))),
        "{a:?} {b:?}"
    );
    let process = s.process(p).await.expect("process");
    let offers = s.offers(&[p]).await.expect("offers");
    assert_eq!(offers.len(), 1);
    match offers[0].status {
        OfferStatus::Accepted => assert_eq!(process.facilitator, Some(f.facilitator.id)),
        OfferStatus::Declined => assert_eq!(process.facilitator, None),
        other => panic!("answered {other:?}"),
    }
}

/// A facilitator volunteers for an order waiting in the queue, once however often they ask,
/// and may take it back; an order that has a facilitator or is past ordering takes nobody.
pub async fn volunteers_come_only_for_a_waiting_order(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = f.store.as_ref();
    let other = second_facilitator(&f).await;
    let p = create_process(&f, "Kotihoidon tiimi", None, plan_with("eratauko", &[])).await;
    let q = create_process(&f, "Keittiö", None, plan_with("eratauko", &[])).await;
    s.volunteer(p, f.facilitator.id, NOW)
        .await
        .expect("volunteer");
    s.volunteer(p, f.facilitator.id, NOW + Duration::minutes(1))
        .await
        .expect("again");
    s.volunteer(p, other.id, NOW + Duration::minutes(2))
        .await
        .expect("another");
    s.volunteer(q, other.id, NOW).await.expect("other order");
    assert_eq!(
        s.volunteers(&[p]).await.expect("volunteers"),
        vec![(p, f.facilitator.id), (p, other.id)]
    );
    assert_eq!(s.volunteers(&[p, q]).await.expect("both").len(), 3);
    assert!(s.volunteers(&[]).await.expect("none").is_empty());

    s.withdraw_volunteer(p, other.id).await.expect("withdraw");
    let gone = s.withdraw_volunteer(p, other.id).await;
    assert!(matches!(gone, Err(StoreError::NotFound)), "{gone:?}");
    assert_eq!(
        s.volunteers(&[p]).await.expect("volunteers"),
        vec![(p, f.facilitator.id)]
    );

    s.assign_facilitator(
        p,
        f.facilitator.id,
        f.coordinator.id,
        OfferStatus::Accepted,
        NOW,
        &[],
    )
    .await
    .expect("assign");
    let taken = s.volunteer(p, other.id, NOW).await;
    assert!(
        matches!(taken, Err(StoreError::Conflict(NOT_WAITING))),
        "{taken:?}"
    );
    let missing = s.volunteer(ProcessId::new(), other.id, NOW).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    s.set_state(
        q,
        ProcessState::Ordered,
        ProcessState::Cancelled,
        f.coordinator.id,
        NOW,
    )
    .await
    .expect("cancel");
    let cancelled = s.volunteer(q, f.facilitator.id, NOW).await;
    assert!(
        matches!(cancelled, Err(StoreError::Conflict(NOT_WAITING))),
        "{cancelled:?}"
    );
}

/// A person's data export lists their offers with their reasons and what they volunteered
/// for; removing them empties the reasons and forgets the volunteering, the offers staying as
/// history.
pub async fn offers_are_in_the_record_and_removal_empties_the_reasons(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = f.store.as_ref();
    let fac = f.facilitator.id;
    let p = create_process(&f, "Kotihoidon tiimi", None, plan_with("eratauko", &[])).await;
    let q = create_process(&f, "Keittiö", None, plan_with("eratauko", &[])).await;
    s.assign_facilitator(p, fac, f.coordinator.id, OfferStatus::Awaiting, NOW, &[])
        .await
        .expect("offer");
    s.answer_offer(p, fac, &decline("Sairauslomalla"), NOW, &[])
        .await
        .expect("decline");
    s.volunteer(q, fac, NOW).await.expect("volunteer");
    let record = s.staff_record(fac, Some(f.org.id)).await.expect("record");
    assert_eq!(record.offers.offers.len(), 1);
    assert_eq!(record.offers.offers[0].process, "Kotihoidon tiimi");
    assert_eq!(record.offers.offers[0].status, "declined");
    assert_eq!(
        record.offers.offers[0].reason.as_deref(),
        Some("Sairauslomalla")
    );
    assert_eq!(record.offers.volunteered.len(), 1);
    assert_eq!(record.offers.volunteered[0].process, "Keittiö");
    let elsewhere = s.create_org("Espoon kaupunki", NOW).await.expect("org");
    assert_eq!(
        s.staff_record(fac, Some(elsewhere.id))
            .await
            .expect("record")
            .offers,
        crate::OfferRecord::default()
    );

    s.remove_staff(
        fac,
        Removal::Anonymise,
        f.coordinator.id,
        Some(f.org.id),
        NOW,
    )
    .await
    .expect("remove");
    let offers = s.offers(&[p]).await.expect("offers");
    assert_eq!(offers.len(), 1, "the offer stays as history");
    assert_eq!(offers[0].reason, None);
    assert!(s.volunteers(&[q]).await.expect("volunteers").is_empty());
}

/// An assignment computed from the queue is made only while the order still waits (ordered or
/// agreed, without a facilitator); cancelling withdraws an answer still awaited.
pub async fn an_order_is_offered_from_the_queue_only_while_it_waits(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = f.store.as_ref();
    let other = second_facilitator(&f).await;
    let (fac, coord) = (f.facilitator.id, f.coordinator.id);
    let p = create_process(&f, "Kotihoidon tiimi", None, plan_with("eratauko", &[])).await;
    s.offer_waiting(p, fac, coord, OfferStatus::Awaiting, NOW, &[])
        .await
        .expect("waiting");
    let late = s
        .offer_waiting(p, other.id, coord, OfferStatus::Awaiting, NOW, &[])
        .await;
    assert!(
        matches!(late, Err(StoreError::Conflict(NOT_WAITING))),
        "{late:?}"
    );
    assert_eq!(s.process(p).await.expect("process").facilitator, Some(fac));
    let missing = s
        .offer_waiting(
            ProcessId::new(),
            fac,
            coord,
            OfferStatus::Awaiting,
            NOW,
            &[],
        )
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");

    // Agreed and then declined: it waits in the queue again.
    s.answer_offer(p, fac, &Answer::Accept, NOW, &[])
        .await
        .expect("accept");
    s.set_state(p, ProcessState::Ordered, ProcessState::Agreed, fac, NOW)
        .await
        .expect("agreed");
    s.assign_facilitator(p, other.id, coord, OfferStatus::Awaiting, NOW, &[])
        .await
        .expect("replaced");
    s.answer_offer(p, other.id, &decline("Ei sovi"), NOW, &[])
        .await
        .expect("decline");
    let queue = s
        .processes(&ProcessFilter {
            org: Some(f.org.id),
            unassigned: true,
            ..Default::default()
        })
        .await
        .expect("queue");
    assert_eq!(queue.iter().map(|q| q.id).collect::<Vec<_>>(), vec![p]);
    s.volunteer(p, fac, NOW)
        .await
        .expect("an agreed order waits too");
    s.offer_waiting(p, fac, coord, OfferStatus::Accepted, NOW, &[])
        .await
        .expect("offered again");

    // Cancelled while an answer is awaited: the offer is withdrawn.
    let q = create_process(&f, "Keittiö", None, plan_with("eratauko", &[])).await;
    s.assign_facilitator(q, other.id, coord, OfferStatus::Awaiting, NOW, &[])
        .await
        .expect("offer");
    s.set_state(
        q,
        ProcessState::Ordered,
        ProcessState::Cancelled,
        coord,
        NOW,
    )
    .await
    .expect("cancel");
    assert!(!s.process(q).await.expect("process").awaiting_answer);
    assert!(s.awaiting_offers(other.id).await.expect("none").is_empty());
    assert_eq!(
        s.offers(&[q]).await.expect("offers")[0].status,
        OfferStatus::Withdrawn
    );
}
