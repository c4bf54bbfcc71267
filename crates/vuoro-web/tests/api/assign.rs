//! Proposals for an order over HTTP: the coordinator sees the network's facilitators ranked for
//! an order in the queue, with reasons in words, who is not proposed and why (capacity from the
//! plan's sessions), assigns one with a click; nobody else sees the page.

use crate::helpers::{order, spawn};
use reqwest::StatusCode;
use std::collections::BTreeSet;
use time::OffsetDateTime;
use vuoro_core::lang::ParticipantLang;
use vuoro_core::network::Profile;

fn profile(langs: &[ParticipantLang], hours: u32) -> Profile {
    Profile {
        unit: None,
        languages: langs.iter().copied().collect(),
        methods: BTreeSet::new(),
        takes_outsider: true,
        capacity_minutes: hours * 60,
    }
}

#[tokio::test]
async fn a_coordinator_sees_the_proposals_with_reasons_and_assigns_one() {
    let app = spawn().await;
    let orderer = app.login("orderer").await;
    let coordinator = app.login("coordinator").await;
    let p = order(&app, &orderer, "Kirjaston tiimi", "advise").await;
    let now = OffsetDateTime::now_utc();
    let fac = app.user_id("facilitator").await;
    let fac2 = app.user_id("facilitator2").await;
    app.store
        .save_profile(
            app.org,
            fac,
            &profile(&[ParticipantLang::Fi, ParticipantLang::Sv], 2),
            now,
        )
        .await
        .expect("profile");
    app.store
        .save_profile(app.org, fac2, &profile(&[ParticipantLang::Fi], 10), now)
        .await
        .expect("profile");

    // Without sessions both are proposed, the one speaking both languages first.
    let proposals = format!("{p}/proposals");
    let (s, html) = coordinator.text(&proposals).await;
    assert_eq!(s, StatusCode::OK, "{html}");
    assert!(html.contains("Tilaisuuksien päiviä ei ole vielä"), "{html}");
    let first = html.find("Testi facilitator<").expect("first proposed");
    let second = html.find("Testi facilitator2<").expect("second proposed");
    assert!(first < second, "best first");
    assert!(html.contains("Puhuu osallistujien kielet"));
    assert!(html.contains("Ei puhu kieliä: ruotsi"), "{html}");

    // A three-hour session takes the first over their two hours a month.
    let r = coordinator
        .add_session(
            &p,
            &[
                ("title", "Aamupäivä"),
                ("phase", "1"),
                ("date", "2031-05-05"),
                ("start", "09:00"),
                ("end", "12:00"),
                ("format", "face_to_face"),
                ("place", "Kirjasto"),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "session added: {}",
        r.text().await.unwrap_or_default()
    );
    let (_, html) = coordinator.text(&proposals).await;
    assert!(!html.contains("Tilaisuuksien päiviä ei ole vielä"));
    assert!(
        html.contains("Kapasiteetti ylittyisi 5/2031: 1 h yli"),
        "{html}"
    );
    assert!(html.contains("Kuukauden kapasiteettia jää 7 h"), "{html}");

    // The facilitator's own page shows the month's planned hours against their capacity
    // once the process is theirs (below).
    // The process page links here; the orderer may not see the proposals.
    let (_, page) = coordinator.text(&p).await;
    assert!(page.contains(&format!("href=\"{proposals}\"")));
    assert_eq!(
        orderer.get(&proposals).await.status(),
        StatusCode::FORBIDDEN
    );

    // One click assigns the proposed facilitator.
    let r = coordinator
        .post_form(
            &format!("{p}/assign"),
            &[("facilitator", &fac2.to_string())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let id = vuoro_core::ProcessId::parse(p.trim_start_matches("/processes/")).expect("id");
    assert_eq!(
        app.store.process(id).await.expect("process").facilitator,
        Some(fac2)
    );
    // The network page shows this month's load against the capacity (the session is later).
    let (_, html) = coordinator
        .text(&format!("/orgs/{}/network", app.org))
        .await;
    assert!(html.contains("Tämä kuukausi (suunniteltu / kapasiteetti)"));
    assert!(html.contains("<td>0 h / 10 h</td>"), "{html}");
    let own = app.login("facilitator2").await;
    let (_, html) = own
        .text(&format!("/orgs/{}/network/people/{fac2}", app.org))
        .await;
    assert!(html.contains("Fasilitointitunnit kuukausittain"), "{html}");
    assert!(
        html.contains("<th scope=\"row\">5/2031</th><td>3 h</td><td>10 h</td>"),
        "{html}"
    );
}
