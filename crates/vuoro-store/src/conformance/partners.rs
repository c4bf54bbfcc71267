//! Partner agreements: proposed, accepted and ended once each, one open between two
//! organisations, every change in both sides' audit logs.

use super::*;
use crate::partners::{ENDED, NOT_PROPOSED, NewPartnership, PARTNERSHIP_EXISTS};
use crate::{AuditAction, AuditDetail};
use vuoro_core::PartnershipId;
use vuoro_core::partner::{Scope as PartnerScope, Status};

fn proposal(from: OrgId, to: OrgId, by: UserId, at: OffsetDateTime) -> NewPartnership {
    NewPartnership {
        proposer: from,
        partner: to,
        scope: PartnerScope::Outsider,
        by,
        at,
    }
}

/// A proposal is listed for both sides, accepted once by the other, ended once; while one is
/// open no second is proposed between the two (either way), and after it ends a new one may
/// be. Both sides' audit logs say who did what, naming the other side and the scope.
pub async fn an_agreement_is_proposed_accepted_and_ended_once(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = f.store.as_ref();
    let county = s
        .create_org("Vantaan ja Keravan hyvinvointialue", NOW)
        .await
        .expect("org");
    let far = s.create_org("Kaukainen kunta", NOW).await.expect("org");
    let (city, by) = (f.org.id, f.coordinator.id);
    let at = |m: i64| NOW + Duration::minutes(m);

    let p = s
        .propose_partnership(&proposal(city, county.id, by, at(1)))
        .await
        .expect("proposed");
    assert_eq!(
        (p.proposer, p.partner, p.scope),
        (city, county.id, PartnerScope::Outsider)
    );
    assert_eq!(
        (p.status(), p.proposed_by, p.proposed_at),
        (Status::Proposed, by, at(1))
    );
    assert_eq!(s.partnership(p.id).await.expect("read"), p);
    assert_eq!(
        s.partnerships(&[city]).await.expect("city"),
        vec![p.clone()]
    );
    assert_eq!(
        s.partnerships(&[county.id]).await.expect("county"),
        vec![p.clone()]
    );
    assert!(s.partnerships(&[far.id]).await.expect("far").is_empty());
    assert!(s.partnerships(&[]).await.expect("none").is_empty());

    // One open agreement between two organisations, whichever proposes.
    for (a, b) in [(city, county.id), (county.id, city)] {
        let again = s.propose_partnership(&proposal(a, b, by, at(2))).await;
        assert!(
            matches!(again, Err(StoreError::Duplicate(PARTNERSHIP_EXISTS))),
            "{again:?}"
        );
    }
    // Nobody partners with themselves or with an organisation that does not exist.
    for (a, b) in [(city, city), (city, OrgId::new())] {
        let bad = s.propose_partnership(&proposal(a, b, by, at(2))).await;
        assert!(matches!(bad, Err(StoreError::NotFound)), "{bad:?}");
    }

    s.accept_partnership(p.id, f.orderer.id, at(3))
        .await
        .expect("accepted");
    let accepted = s.partnership(p.id).await.expect("read");
    assert_eq!(accepted.status(), Status::Active);
    assert_eq!(
        (accepted.accepted_by, accepted.accepted_at),
        (Some(f.orderer.id), Some(at(3)))
    );
    let twice = s.accept_partnership(p.id, by, at(4)).await;
    assert!(
        matches!(twice, Err(StoreError::Conflict(NOT_PROPOSED))),
        "{twice:?}"
    );

    s.end_partnership(p.id, by, at(5)).await.expect("ended");
    let ended = s.partnership(p.id).await.expect("read");
    assert_eq!(ended.status(), Status::Ended);
    assert!(ended.was_accepted());
    assert_eq!((ended.ended_by, ended.ended_at), (Some(by), Some(at(5))));
    let twice = s.end_partnership(p.id, by, at(6)).await;
    assert!(
        matches!(twice, Err(StoreError::Conflict(ENDED))),
        "{twice:?}"
    );
    // An ended agreement is not accepted after all.
    let late = s.accept_partnership(p.id, by, at(6)).await;
    assert!(
        matches!(late, Err(StoreError::Conflict(NOT_PROPOSED))),
        "{late:?}"
    );

    // A new agreement may follow, proposed by either side; newest first.
    let next = s
        .propose_partnership(&NewPartnership {
            scope: PartnerScope::All,
            ..proposal(county.id, city, by, at(7))
        })
        .await
        .expect("a new agreement");
    let listed: Vec<PartnershipId> = s
        .partnerships(&[city, far.id])
        .await
        .expect("listed")
        .iter()
        .map(|x| x.id)
        .collect();
    assert_eq!(listed, vec![next.id, p.id]);

    for missing in [
        s.accept_partnership(PartnershipId::new(), by, at(8)).await,
        s.end_partnership(PartnershipId::new(), by, at(8)).await,
        s.partnership(PartnershipId::new()).await.map(|_| ()),
    ] {
        assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    }

    // Both sides' logs tell the story, each naming the other side.
    for (org, other) in [
        (city, county.name.as_str()),
        (county.id, f.org.name.as_str()),
    ] {
        let log = s.audit_log(org, None, 10).await.expect("log");
        let actions: Vec<AuditAction> = log.iter().map(|e| e.action).collect();
        assert_eq!(
            actions,
            vec![
                AuditAction::PartnershipProposed,
                AuditAction::PartnershipEnded,
                AuditAction::PartnershipAccepted,
                AuditAction::PartnershipProposed,
            ],
            "{org}"
        );
        assert_eq!(log[2].actor, Some(f.orderer.id));
        assert_eq!(
            AuditDetail::parse(&log[1].detail),
            AuditDetail::Partnership {
                org: other.to_owned(),
                scope: "outsider".into()
            }
        );
    }
    assert!(s.audit_log(far.id, None, 10).await.expect("far").is_empty());
}

/// Two admins proposing to each other at once leave one proposal; an acceptance and an end at
/// once leave the agreement either accepted then ended, or ended unaccepted, never both
/// answers lost.
pub async fn proposals_and_answers_at_once_count_once(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = f.store.clone();
    let county = s.create_org("Hyvinvointialue", NOW).await.expect("org");
    let (city, by) = (f.org.id, f.coordinator.id);
    let propose = |a: OrgId, b: OrgId| {
        let s = s.clone();
        tokio::spawn(async move { s.propose_partnership(&proposal(a, b, by, NOW)).await })
    };
    let (a, b) = (propose(city, county.id), propose(county.id, city));
    let (a, b) = (a.await.expect("task"), b.await.expect("task"));
    assert_eq!(
        [&a, &b].iter().filter(|r| r.is_ok()).count(),
        1,
        "{a:?} {b:?}"
    );
    assert_eq!(s.partnerships(&[city]).await.expect("listed").len(), 1);

    let id = a.or(b).expect("one proposal").id;
    let accept = {
        let s = s.clone();
        tokio::spawn(async move { s.accept_partnership(id, by, NOW).await })
    };
    let end = {
        let s = s.clone();
        tokio::spawn(async move { s.end_partnership(id, by, NOW).await })
    };
    let (accepted, ended) = (accept.await.expect("task"), end.await.expect("task"));
    ended.expect("an end always comes through");
    let p = s.partnership(id).await.expect("read");
    assert_eq!(p.status(), Status::Ended);
    assert_eq!(p.was_accepted(), accepted.is_ok(), "{accepted:?}");
}
