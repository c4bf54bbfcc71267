//! The outbox and each person's mail settings.

use super::*;
use crate::mail::{ALWAYS_SENT, MailKind, NewMail, OutboxState};
use vuoro_core::Lang;

fn mail(to: &str, dedupe: Option<&str>) -> NewMail {
    NewMail {
        kind: MailKind::OrderAssigned,
        to: to.into(),
        user: None,
        subject: format!("Aihe {to}"),
        text: format!("Teksti {to}"),
        html: format!("<p>Teksti {to}</p>"),
        dedupe: dedupe.map(str::to_owned),
    }
}

fn addresses(mails: &[crate::QueuedMail]) -> Vec<&str> {
    mails.iter().map(|m| m.to.as_str()).collect()
}

/// A claimed message is nobody else's until its lease runs out (then another process takes it
/// over), and a sent one is never claimed again.
pub async fn mail_is_claimed_by_one_at_a_time_and_never_after_it_is_sent(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let t0 = datetime!(2027-02-01 09:00 UTC);
    let lease = Duration::minutes(5);
    let mut first = mail("a@vantaa.fi", None);
    first.user = Some(f.facilitator.id);
    assert_eq!(
        s.enqueue_mail(&[first.clone(), mail("b@vantaa.fi", None)], t0)
            .await
            .expect("queued"),
        2
    );
    assert!(
        s.claim_mail(t0 - Duration::seconds(1), t0 + lease, 10)
            .await
            .expect("claimed")
            .is_empty(),
        "nothing is due before it was written"
    );
    let claimed = s.claim_mail(t0, t0 + lease, 10).await.expect("claimed");
    assert_eq!(addresses(&claimed), ["a@vantaa.fi", "b@vantaa.fi"]);
    let a = &claimed[0];
    assert_eq!(
        (
            a.kind,
            a.user,
            a.subject.as_str(),
            a.text.as_str(),
            a.html.as_str()
        ),
        (
            MailKind::OrderAssigned,
            Some(f.facilitator.id),
            "Aihe a@vantaa.fi",
            "Teksti a@vantaa.fi",
            "<p>Teksti a@vantaa.fi</p>"
        )
    );
    assert_eq!((a.attempts, a.created_at), (0, t0));
    assert!(
        s.claim_mail(t0 + Duration::minutes(1), t0 + lease, 10)
            .await
            .expect("claimed")
            .is_empty(),
        "a leased message is not claimed again"
    );
    s.mail_sent(a.id, t0 + Duration::minutes(1))
        .await
        .expect("sent");
    // The other claimant died: once its lease is over the message is claimed again.
    let again = s
        .claim_mail(t0 + lease, t0 + lease * 2, 10)
        .await
        .expect("claimed");
    assert_eq!(addresses(&again), ["b@vantaa.fi"]);
    s.mail_sent(again[0].id, t0 + lease).await.expect("sent");
    assert!(
        s.claim_mail(t0 + Duration::days(30), t0 + Duration::days(31), 10)
            .await
            .expect("claimed")
            .is_empty(),
        "a sent message is never claimed again"
    );
    assert!(
        matches!(
            s.mail_sent(a.id, t0 + lease).await,
            Err(StoreError::NotFound)
        ),
        "a message is marked sent once"
    );
    assert_eq!(
        s.outbox_state().await.expect("state"),
        OutboxState::default()
    );
    // The claim takes the oldest due first, at most `limit`.
    let many: Vec<NewMail> = (0..5)
        .map(|i| mail(&format!("m{i}@vantaa.fi"), None))
        .collect();
    s.enqueue_mail(&many, t0).await.expect("queued");
    let some = s.claim_mail(t0, t0 + lease, 3).await.expect("claimed");
    assert_eq!(
        addresses(&some),
        ["m0@vantaa.fi", "m1@vantaa.fi", "m2@vantaa.fi"]
    );
}

/// A failed attempt is counted and retried from the time given, not before; the outbox's
/// state tells the operator what waits and why.
pub async fn a_failed_mail_is_retried_from_its_time(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let t0 = datetime!(2027-02-01 09:00 UTC);
    let lease = t0 + Duration::minutes(5);
    s.enqueue_mail(&[mail("a@vantaa.fi", None)], t0)
        .await
        .expect("queued");
    let claimed = s.claim_mail(t0, lease, 10).await.expect("claimed");
    let retry = t0 + Duration::minutes(10);
    s.mail_failed(claimed[0].id, "connection refused", retry)
        .await
        .expect("failed");
    assert_eq!(
        s.outbox_state().await.expect("state"),
        OutboxState {
            waiting: 1,
            failing: 1,
            oldest: Some(t0),
            last_error: Some("connection refused".into()),
            refused: 0,
        }
    );
    assert!(
        s.claim_mail(
            retry - Duration::seconds(1),
            retry + Duration::minutes(5),
            10
        )
        .await
        .expect("claimed")
        .is_empty(),
        "not retried before its time, even though its lease was given back"
    );
    let again = s
        .claim_mail(retry, retry + Duration::minutes(5), 10)
        .await
        .expect("claimed");
    assert_eq!(addresses(&again), ["a@vantaa.fi"]);
    assert_eq!(again[0].attempts, 1);
    assert_eq!(
        again[0].text, "Teksti a@vantaa.fi",
        "the body is kept until sent"
    );
    s.mail_failed(again[0].id, "still down", retry + Duration::hours(1))
        .await
        .expect("failed");
    let third = s
        .claim_mail(retry + Duration::hours(1), retry + Duration::hours(2), 10)
        .await
        .expect("claimed");
    assert_eq!(third[0].attempts, 2);
    s.mail_sent(third[0].id, retry + Duration::hours(1))
        .await
        .expect("sent");
    assert!(
        matches!(
            s.mail_failed(third[0].id, "late", retry + Duration::hours(3))
                .await,
            Err(StoreError::NotFound)
        ),
        "a sent message cannot fail afterwards"
    );
    assert_eq!(s.outbox_state().await.expect("state").waiting, 0);

    // Refused for good: never claimed again, its body erased, counted apart.
    let t1 = retry + Duration::hours(4);
    s.enqueue_mail(&[mail("ei-ole@vantaa.fi", None)], t1)
        .await
        .expect("queued");
    let claimed = s
        .claim_mail(t1, t1 + Duration::minutes(5), 10)
        .await
        .expect("claimed");
    s.mail_refused(claimed[0].id, "550", t1)
        .await
        .expect("refused");
    let state = s.outbox_state().await.expect("state");
    assert_eq!((state.waiting, state.failing, state.refused), (0, 0, 1));
    assert!(
        s.claim_mail(t1 + Duration::days(2), t1 + Duration::days(3), 10)
            .await
            .expect("claimed")
            .is_empty(),
        "never tried again"
    );
    assert!(
        matches!(
            s.mail_refused(claimed[0].id, "550", t1).await,
            Err(StoreError::NotFound)
        ),
        "refused once"
    );
}

/// A message with a dedupe key is written once, whether the key comes twice in one call or in
/// a later one; messages without a key are all written.
pub async fn a_dedupe_key_writes_a_message_once(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let t0 = datetime!(2027-02-01 09:00 UTC);
    let key = Some("reminder:1:2");
    assert_eq!(
        s.enqueue_mail(&[mail("a@vantaa.fi", key), mail("a@vantaa.fi", key)], t0)
            .await
            .expect("queued"),
        1
    );
    assert_eq!(
        s.enqueue_mail(
            &[
                mail("a@vantaa.fi", key),
                mail("b@vantaa.fi", None),
                mail("b@vantaa.fi", None)
            ],
            t0
        )
        .await
        .expect("queued"),
        2
    );
    let claimed = s
        .claim_mail(t0, t0 + Duration::minutes(5), 10)
        .await
        .expect("claimed");
    for m in &claimed {
        s.mail_sent(m.id, t0).await.expect("sent");
    }
    assert_eq!(
        addresses(&claimed),
        ["a@vantaa.fi", "b@vantaa.fi", "b@vantaa.fi"]
    );
    // A job that runs again after the message went still writes nothing.
    assert_eq!(
        s.enqueue_mail(&[mail("a@vantaa.fi", key)], t0 + Duration::days(1))
            .await
            .expect("queued"),
        0
    );
}

/// Two claimants at once (two server processes) never take the same message.
pub async fn claims_at_once_take_each_message_once(store: Arc<dyn Store>) {
    let t0 = datetime!(2027-02-01 09:00 UTC);
    let many: Vec<NewMail> = (0..30)
        .map(|i| mail(&format!("m{i}@vantaa.fi"), None))
        .collect();
    store.enqueue_mail(&many, t0).await.expect("queued");
    let claim = |s: Arc<dyn Store>| {
        tokio::spawn(async move {
            let mut ids = Vec::new();
            for _ in 0..4 {
                let got = s
                    .claim_mail(t0, t0 + Duration::minutes(5), 5)
                    .await
                    .expect("claimed");
                ids.extend(got.into_iter().map(|m| m.id));
            }
            ids
        })
    };
    let (a, b) = (claim(Arc::clone(&store)), claim(Arc::clone(&store)));
    let mut ids = a.await.expect("task");
    ids.extend(b.await.expect("task"));
    let distinct: HashSet<i64> = ids.iter().copied().collect();
    assert_eq!(distinct.len(), ids.len(), "a message was claimed twice");
    assert_eq!(ids.len(), 30, "every message was claimed");
}

/// A message written with a change exists exactly when the change does: an assignment writes
/// it, a refused plan save writes nothing.
pub async fn mail_is_written_with_the_change_that_causes_it(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let mut assigned = mail("fasilitaattori@vantaa.fi", None);
    assigned.user = Some(f.facilitator.id);
    s.assign_facilitator(
        id,
        f.facilitator.id,
        f.coordinator.id,
        vuoro_core::offer::OfferStatus::Awaiting,
        NOW,
        std::slice::from_ref(&assigned),
    )
    .await
    .expect("assigned");
    let mut waiting = mail("esimies@vantaa.fi", None);
    waiting.kind = MailKind::PlanAwaitingApproval;
    let stale = s
        .save_plan(
            id,
            7,
            &Plan::default(),
            f.facilitator.id,
            NOW,
            std::slice::from_ref(&waiting),
        )
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
    let missing = s
        .assign_facilitator(
            ProcessId::new(),
            f.facilitator.id,
            f.coordinator.id,
            vuoro_core::offer::OfferStatus::Awaiting,
            NOW,
            std::slice::from_ref(&assigned),
        )
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    let claimed = s
        .claim_mail(NOW, NOW + Duration::minutes(5), 10)
        .await
        .expect("claimed");
    assert_eq!(addresses(&claimed), ["fasilitaattori@vantaa.fi"]);
    assert_eq!(claimed[0].user, Some(f.facilitator.id));
    s.save_plan(
        id,
        1,
        &Plan::default(),
        f.facilitator.id,
        NOW,
        std::slice::from_ref(&waiting),
    )
    .await
    .expect("saved");
    let claimed = s
        .claim_mail(NOW, NOW + Duration::minutes(5), 10)
        .await
        .expect("claimed");
    assert_eq!(addresses(&claimed), ["esimies@vantaa.fi"]);
    assert_eq!(claimed[0].kind, MailKind::PlanAwaitingApproval);
}

/// Each person turns kinds off and on and chooses their mail language; the kinds that carry
/// a way in are always sent.
pub async fn each_person_keeps_their_own_mail_settings(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let (fanni, eeva) = (f.facilitator.id, f.orderer.id);
    assert!(s.mail_preferences(fanni).await.expect("read").is_empty());
    assert_eq!(s.mail_language(fanni).await.expect("read"), None);
    s.set_mail_preference(fanni, MailKind::SessionReminder, false, NOW)
        .await
        .expect("off");
    s.set_mail_preference(fanni, MailKind::OrderAssigned, false, NOW)
        .await
        .expect("off");
    s.set_mail_preference(fanni, MailKind::OrderAssigned, false, NOW)
        .await
        .expect("off twice is off");
    assert_eq!(
        s.mail_preferences(fanni).await.expect("read"),
        [MailKind::OrderAssigned, MailKind::SessionReminder]
    );
    assert!(s.mail_preferences(eeva).await.expect("read").is_empty());
    s.set_mail_preference(fanni, MailKind::SessionReminder, true, NOW)
        .await
        .expect("on");
    s.set_mail_preference(fanni, MailKind::SummaryPublished, true, NOW)
        .await
        .expect("on while on");
    assert_eq!(
        s.mail_preferences(fanni).await.expect("read"),
        [MailKind::OrderAssigned]
    );
    for kind in [
        MailKind::Invitation,
        MailKind::PasswordReset,
        MailKind::AddressConfirmation,
    ] {
        let refused = s.set_mail_preference(fanni, kind, false, NOW).await;
        assert!(
            matches!(refused, Err(StoreError::Conflict(ALWAYS_SENT))),
            "{kind:?}: {refused:?}"
        );
    }
    let nobody = s
        .set_mail_preference(UserId::new(), MailKind::OrderAssigned, false, NOW)
        .await;
    assert!(matches!(nobody, Err(StoreError::NotFound)), "{nobody:?}");
    s.set_mail_language(fanni, Lang::Sv, NOW)
        .await
        .expect("language");
    s.set_mail_language(fanni, Lang::En, NOW)
        .await
        .expect("language");
    assert_eq!(s.mail_language(fanni).await.expect("read"), Some(Lang::En));
    assert_eq!(s.mail_language(eeva).await.expect("read"), None);
}
