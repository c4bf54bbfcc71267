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
        html.contains("<th scope=\"row\">5/2031</th><td>3 h</td><td>3 h</td><td>10 h</td>"),
        "{html}"
    );
}

/// An order offered to a facilitator waits for their answer: nothing is agreed before it, a
/// decline needs a reason (a refused one keeps what was typed), takes them off the process and
/// puts the order back in the queue, where the next proposal and the decline show, and they are
/// never proposed for it again. A volunteer, assigned, has said yes already.
#[tokio::test]
async fn an_offered_order_is_declined_back_to_the_queue_and_a_volunteer_takes_it() {
    let app = spawn().await;
    let orderer = app.login("orderer").await;
    let coordinator = app.login("coordinator").await;
    let p = order(&app, &orderer, "Kirjaston tiimi", "eratauko").await;
    let id = vuoro_core::ProcessId::parse(p.trim_start_matches("/processes/")).expect("id");
    let now = OffsetDateTime::now_utc();
    let fac = app.user_id("facilitator").await;
    let fac2 = app.user_id("facilitator2").await;
    for who in [fac, fac2] {
        app.store
            .save_profile(app.org, who, &profile(&[ParticipantLang::Fi], 10), now)
            .await
            .expect("profile");
    }
    let assign = |who: vuoro_core::UserId| {
        let coordinator = &coordinator;
        let p = &p;
        async move {
            coordinator
                .post_form(&format!("{p}/assign"), &[("facilitator", &who.to_string())])
                .await
                .status()
        }
    };
    assert_eq!(assign(fac).await, StatusCode::SEE_OTHER);
    assert!(
        app.store
            .process(id)
            .await
            .expect("process")
            .awaiting_answer
    );

    // The coordinator sees whom it waits for; the facilitator is asked on the process page.
    let (_, html) = coordinator.text(&format!("{p}/proposals")).await;
    assert!(
        html.contains("Tilaus on tarjottu: Testi facilitator"),
        "{html}"
    );
    let (_, html) = coordinator.text(&p).await;
    assert!(
        html.contains("Testi facilitator (vastausta odotetaan)"),
        "{html}"
    );
    let facilitator = app.login("facilitator").await;
    let (_, html) = facilitator.text(&p).await;
    assert!(html.contains("tarjosi sinulle tämän tilauksen"), "{html}");
    assert!(html.contains("Otan tilauksen vastaan"));
    // The facilitator's own page marks it.
    let own_page = |who: vuoro_core::UserId| format!("/orgs/{}/network/people/{who}", app.org);
    let (_, own) = facilitator.text(&own_page(fac)).await;
    assert!(own.contains("odottaa vastaustasi"), "{own}");

    // A decline without a reason is refused and keeps nothing lost (here: spaces only).
    let r = facilitator
        .post_form(
            &format!("{p}/offer"),
            &[("answer", "decline"), ("reason", "   ")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert!(html.contains("role=\"alert\""), "{html}");
    assert!(html.contains("Tämä tieto tarvitaan."), "{html}");
    assert!(
        app.store
            .process(id)
            .await
            .expect("process")
            .awaiting_answer
    );

    let r = facilitator
        .post_form(
            &format!("{p}/offer"),
            &[
                ("answer", "decline"),
                ("reason", "Olen kirjaston entinen esihenkilö"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers()["location"].to_str().expect("location"),
        "/facilitation?declined=1"
    );
    let (_, own) = facilitator
        .text(&format!("{}?declined=1", own_page(fac)))
        .await;
    assert!(own.contains("Kieltäydyit tilauksesta"), "{own}");
    assert_eq!(facilitator.get(&p).await.status(), StatusCode::NOT_FOUND);
    // Answering again is refused by the state of things.
    let again = facilitator
        .post_form(&format!("{p}/offer"), &[("answer", "accept")])
        .await;
    assert_eq!(
        again.status(),
        StatusCode::NOT_FOUND,
        "no longer theirs to see"
    );
    let process = app.store.process(id).await.expect("process");
    assert_eq!(process.facilitator, None);
    // Who declined cannot volunteer for it.
    let r = facilitator
        .post_form(&format!("{p}/volunteer"), &[("do", "volunteer")])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);

    // Back in the queue, with the next proposal and the decline.
    let (_, queue) = coordinator
        .text(&format!("/orgs/{}/processes?queue=1", app.org))
        .await;
    assert!(
        queue.contains("Seuraava ehdotus: Testi facilitator2"),
        "{queue}"
    );
    assert!(queue.contains("Yksi kieltäytyi"), "{queue}");
    let (_, html) = coordinator.text(&format!("{p}/proposals")).await;
    assert!(
        html.contains("Kieltäytyi tästä tilauksesta: Olen kirjaston entinen esihenkilö"),
        "{html}"
    );
    // The orderer's history says it, without the reason.
    let (_, html) = orderer.text(&p).await;
    assert!(
        html.contains("kieltäytyi tilauksesta; se palasi jonoon"),
        "{html}"
    );
    assert!(!html.contains("entinen esihenkilö"), "{html}");

    // The other facilitator sees the open order and volunteers; assigned, nothing awaits.
    let second = app.login("facilitator2").await;
    let (_, own) = second.text(&own_page(fac2)).await;
    assert!(own.contains("Ilmoittaudun: Kirjaston tiimi"), "{own}");
    let r = second
        .post_form(&format!("{p}/volunteer"), &[("do", "volunteer")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, own) = second.text(&own_page(fac2)).await;
    assert!(own.contains("Olet ilmoittautunut."), "{own}");
    let (_, queue) = coordinator
        .text(&format!("/orgs/{}/processes?queue=1", app.org))
        .await;
    assert!(queue.contains("Yksi ilmoittautui"), "{queue}");
    // The one who declined does not see it among their open orders.
    let (_, own) = facilitator.text(&own_page(fac)).await;
    assert!(!own.contains("Ilmoittaudun: Kirjaston tiimi"), "{own}");
    assert_eq!(assign(fac2).await, StatusCode::SEE_OTHER);
    let process = app.store.process(id).await.expect("process");
    assert_eq!(process.facilitator, Some(fac2));
    assert!(!process.awaiting_answer, "a volunteer has said yes already");
    let (_, html) = second.text(&p).await;
    assert!(!html.contains("Otan tilauksen vastaan"), "{html}");
    // A waiting order only: volunteering now is refused.
    let late = facilitator
        .post_form(&format!("{p}/volunteer"), &[("do", "volunteer")])
        .await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
}

/// While the offer waits, the plan cannot be agreed on the facilitator's behalf; accepting
/// lets the process go on.
#[tokio::test]
async fn nothing_is_agreed_before_the_facilitator_accepts() {
    let app = spawn().await;
    let orderer = app.login("orderer").await;
    let coordinator = app.login("coordinator").await;
    let p = order(&app, &orderer, "Kirjaston tiimi", "eratauko").await;
    let id = vuoro_core::ProcessId::parse(p.trim_start_matches("/processes/")).expect("id");
    let fac = app.user_id("facilitator").await;
    let r = coordinator
        .post_form(&format!("{p}/assign"), &[("facilitator", &fac.to_string())])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let missing = "Fasilitaattori on osoitettu ja ottanut tilauksen vastaan <span class=\"visually-hidden\">(puuttuu)";
    let (_, html) = orderer.text(&p).await;
    assert!(
        html.contains(missing),
        "the checklist waits for the answer: {html}"
    );
    let r = coordinator
        .post_form(&format!("{p}/transition"), &[("to", "agree")])
        .await;
    let html = r.text().await.expect("body");
    assert!(
        html.contains("Fasilitaattori ei ole vielä ottanut tilausta vastaan."),
        "{html}"
    );
    let facilitator = app.login("facilitator").await;
    let r = facilitator
        .post_form(&format!("{p}/offer"), &[("answer", "accept")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let process = app.store.process(id).await.expect("process");
    assert!(!process.awaiting_answer);
    assert_eq!(process.facilitator, Some(fac));
    let (_, html) = orderer.text(&p).await;
    assert!(html.contains("otti tilauksen vastaan"), "{html}");
    assert!(!html.contains(missing), "{html}");
    let again = facilitator
        .post_form(&format!("{p}/offer"), &[("answer", "accept")])
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
}

/// After a session the facilitator records the hours it really took: only for a session that
/// has started, a refused value comes back as typed, and the hours replace the planned length
/// on their own page; the orderer may not record them.
#[tokio::test]
async fn hours_recorded_after_a_session_correct_the_month() {
    let app = spawn().await;
    let p = crate::live::process_in_phase1(&app).await;
    let id = vuoro_core::ProcessId::parse(p.trim_start_matches("/processes/")).expect("id");
    let facilitator = app.login("facilitator").await;
    let r = facilitator
        .add_session(
            &p,
            &[
                ("title", "Jo pidetty"),
                ("phase", "1"),
                ("date", "2026-11-03"),
                ("start", "09:00"),
                ("end", "11:00"),
                ("format", "face_to_face"),
                ("place", "Luokka 204"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let process = app.store.process(id).await.expect("process");
    let plan = app
        .store
        .plan(id, process.plan_version)
        .await
        .expect("plan")
        .plan;
    let held = plan
        .sessions
        .iter()
        .find(|s| s.title == "Jo pidetty")
        .expect("held")
        .id
        .to_string();
    let coming = plan
        .sessions
        .iter()
        .find(|s| s.title == "Luokan tuokio")
        .expect("coming")
        .id
        .to_string();

    let hours = format!("{p}/hours");
    let (s, html) = facilitator.text(&p).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains(&format!("href=\"{hours}\"")), "{html}");
    let (s, html) = facilitator.text(&hours).await;
    assert_eq!(s, StatusCode::OK, "{html}");
    assert!(html.contains("Jo pidetty"));
    assert!(html.contains("suunniteltu 2 h"), "{html}");
    assert!(
        !html.contains("Luokan tuokio"),
        "a session to come is not listed"
    );

    let r = facilitator
        .post_form(&hours, &[("session", &held), ("hours", "kolme")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert!(
        html.contains("value=\"kolme\""),
        "the typed value is kept: {html}"
    );
    let r = facilitator
        .post_form(&hours, &[("session", &coming), ("hours", "2")])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let r = facilitator
        .post_form(&hours, &[("session", &held), ("hours", "3,5")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = facilitator.text(&format!("{hours}?saved=1")).await;
    assert!(html.contains("Tunnit on tallennettu."));
    assert!(html.contains("kirjattu 3,5 h"), "{html}");
    let fac = app.user_id("facilitator").await;
    let (_, own) = facilitator
        .text(&format!("/orgs/{}/network/people/{fac}", app.org))
        .await;
    assert!(
        own.contains("<th scope=\"row\">11/2026</th><td>2 h</td><td>3,5 h"),
        "{own}"
    );
    let orderer = app.login("orderer").await;
    assert_eq!(orderer.get(&hours).await.status(), StatusCode::FORBIDDEN);
}

/// The joint assignment of the queue: every waiting order gets someone where anyone is free,
/// never two orders over one person's capacity; the ticked pairs are offered, and a pair the
/// fresh computation no longer makes is not.
#[tokio::test]
async fn the_whole_queue_is_offered_at_once_within_capacity() {
    let app = spawn().await;
    let orderer = app.login("orderer").await;
    let coordinator = app.login("coordinator").await;
    let now = OffsetDateTime::now_utc();
    let fac = app.user_id("facilitator").await;
    let fac2 = app.user_id("facilitator2").await;
    // Three hours a month each; each order takes two hours the same month.
    for who in [fac, fac2] {
        app.store
            .save_profile(app.org, who, &profile(&[ParticipantLang::Fi], 3), now)
            .await
            .expect("profile");
    }
    let mut orders = Vec::new();
    for (title, day) in [("Kirjasto", "05"), ("Keittiö", "06"), ("Varasto", "07")] {
        let p = order(&app, &orderer, title, "eratauko").await;
        let r = coordinator
            .add_session(
                &p,
                &[
                    ("title", "Tapaaminen"),
                    ("phase", "1"),
                    ("date", &format!("2031-05-{day}")),
                    ("start", "09:00"),
                    ("end", "11:00"),
                    ("format", "face_to_face"),
                    ("place", "Sali"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{title}");
        orders.push(p);
    }
    let batch = format!("/orgs/{}/processes/batch", app.org);
    let (s, html) = coordinator.text(&batch).await;
    assert_eq!(s, StatusCode::OK, "{html}");
    assert!(
        html.contains("2 / 3 tilausta saa fasilitaattorin"),
        "{html}"
    );
    assert!(html.contains("ei ketään vapaana"), "{html}");
    let pairs: Vec<String> = html
        .match_indices("name=\"pair\" value=\"")
        .map(|(i, m)| {
            let rest = &html[i + m.len()..];
            rest[..rest.find('"').expect("end")].to_owned()
        })
        .collect();
    assert_eq!(pairs.len(), 2, "{html}");
    // One ticked pair, and one that names a pair the assignment does not make.
    let bogus = format!(
        "{}:{}",
        pairs[1].split(':').next().expect("process"),
        app.user_id("coordinator").await
    );
    let r = coordinator
        .post_form(&batch, &[("pair", &pairs[0]), ("pair", &bogus)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let location = r.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(location.ends_with("offered=1&stale=1"), "{location}");
    let (_, queue) = coordinator.text(&location).await;
    assert!(
        queue.contains("Yksi tilaus tarjottiin fasilitaattorille."),
        "{queue}"
    );
    let mut given = Vec::new();
    for p in &orders {
        let id = vuoro_core::ProcessId::parse(p.trim_start_matches("/processes/")).expect("id");
        let process = app.store.process(id).await.expect("process");
        if let Some(f) = process.facilitator {
            assert!(process.awaiting_answer, "offered, to be answered");
            given.push(f);
        }
    }
    assert_eq!(given.len(), 1);
    // The rest of the queue: the remaining free person gets one more, nobody a second.
    let (_, html) = coordinator.text(&batch).await;
    assert!(
        html.contains("1 / 2 tilausta saa fasilitaattorin"),
        "{html}"
    );
    assert!(
        !html.contains(&format!("{}\"", given[0])),
        "nobody over capacity: {html}"
    );
    let orderer_sees = orderer.get(&batch).await.status();
    assert_eq!(orderer_sees, StatusCode::FORBIDDEN);
}

/// The approval of someone who declined does not agree the plan for the next facilitator, and
/// an order declined after its agreement waits in the queue again.
#[tokio::test]
async fn a_decline_leaves_no_approval_behind_and_an_agreed_order_back_in_the_queue() {
    let app = spawn().await;
    let orderer = app.login("orderer").await;
    let coordinator = app.login("coordinator").await;
    let p = order(&app, &orderer, "Kirjaston tiimi", "eratauko").await;
    let fac = app.user_id("facilitator").await.to_string();
    let fac2 = app.user_id("facilitator2").await.to_string();
    let facilitator = app.login("facilitator").await;
    let second = app.login("facilitator2").await;
    let assign = |who: String| {
        let coordinator = &coordinator;
        let p = &p;
        async move {
            let r = coordinator
                .post_form(&format!("{p}/assign"), &[("facilitator", &who)])
                .await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
        }
    };
    let r = coordinator
        .add_session(
            &p,
            &[
                ("title", "Tapaaminen"),
                ("phase", "1"),
                ("date", "2031-05-05"),
                ("start", "09:00"),
                ("end", "11:00"),
                ("format", "face_to_face"),
                ("place", "Sali"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // Offered, approved while the answer is awaited, then declined.
    assign(fac.clone()).await;
    approve(&orderer, &p, "orderer").await;
    approve(&facilitator, &p, "facilitator").await;
    let r = facilitator
        .post_form(
            &format!("{p}/offer"),
            &[("answer", "decline"), ("reason", "Lomalla")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // The next one (a volunteer: accepted at once) has not approved: nothing is agreed.
    let r = second
        .post_form(&format!("{p}/volunteer"), &[("do", "volunteer")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assign(fac2.clone()).await;
    let r = coordinator
        .post_form(&format!("{p}/transition"), &[("to", "agree")])
        .await;
    let html = r.text().await.expect("body");
    assert!(
        html.contains("Tilaajan ja fasilitaattorin on molempien hyväksyttävä"),
        "refused: {html}"
    );
    approve(&second, &p, "facilitator").await;
    let r = coordinator
        .post_form(&format!("{p}/transition"), &[("to", "agree")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // Agreed, then given to someone else who declines: it waits in the queue again.
    assign(fac.clone()).await;
    let r = facilitator
        .post_form(
            &format!("{p}/offer"),
            &[("answer", "decline"), ("reason", "Ei sittenkään")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, queue) = coordinator
        .text(&format!("/orgs/{}/processes?queue=1", app.org))
        .await;
    assert!(queue.contains("Kirjaston tiimi"), "{queue}");
    assert!(queue.contains("Sovittu"), "{queue}");
}

async fn approve(b: &crate::helpers::Browser, p: &str, side: &str) {
    let (_, page) = b.text(p).await;
    let v = crate::helpers::plan_version(&page);
    let r = b
        .post_form(&format!("{p}/approve"), &[("as", side), ("version", &v)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{side} approves");
}
