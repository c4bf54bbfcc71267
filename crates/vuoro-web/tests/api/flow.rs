//! The whole story of part 1 over HTTP: order, queue, assignment, agreement, phases, closing.

use crate::helpers::*;
use reqwest::StatusCode;

async fn version_of(b: &Browser, p: &str) -> String {
    let (_, page) = b.text(&format!("{p}/plan")).await;
    plan_version(&page)
}

/// A transition as the process page makes it; closing and cancelling answer the question
/// their confirmation page asks (a cancellation with its reason).
async fn transition(b: &Browser, p: &str, to: &str) -> reqwest::Response {
    let mut fields = vec![("to", to)];
    if matches!(to, "close" | "cancel") {
        fields.extend([("confirm", "yes"), ("reason", "Tiimi yhdistettiin toiseen")]);
    }
    b.post_form(&format!("{p}/transition"), &fields).await
}

async fn approve(b: &Browser, p: &str, side: &str) {
    let (_, page) = b.text(p).await;
    let v = plan_version(&page);
    let r = b
        .post_form(&format!("{p}/approve"), &[("as", side), ("version", &v)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{side} approves");
}

#[tokio::test]
async fn a_process_goes_from_order_to_closing() {
    let app = spawn().await;
    let orderer = app.login("orderer").await;
    let coordinator = app.login("coordinator").await;
    let facilitator = app.login("facilitator").await;

    let p = order(&app, &orderer, "Kotihoidon tiimi 3", "advise").await;
    let (_, page) = orderer.text(&p).await;
    assert!(page.contains("Tilattu"));
    assert!(page.contains("Koordinaattori osoittaa prosessille fasilitaattorin."));
    assert!(page.contains("Fasilitaattori on osoitettu ja ottanut tilauksen vastaan <span class=\"visually-hidden\">(puuttuu)"));

    // The coordinator's queue has it; after assignment it leaves the queue.
    let queue = format!("/orgs/{}/processes?queue=1", app.org);
    let (_, list) = coordinator.text(&queue).await;
    assert!(list.contains("Kotihoidon tiimi 3"));
    let fac_id = app.user_id("facilitator").await.to_string();
    let r = coordinator
        .post_form(&format!("{p}/assign"), &[("facilitator", &fac_id)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    accept_offer(&app, &p, "facilitator").await;
    let (_, list) = coordinator.text(&queue).await;
    assert!(!list.contains("Kotihoidon tiimi 3"));
    let (_, home) = facilitator.text("/").await;
    assert!(
        home.contains("Kotihoidon tiimi 3"),
        "the facilitator sees their process"
    );

    // Agreement is refused until the plan is complete and approved, with the reason shown.
    let r = transition(&facilitator, &p, "agree").await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Suunnitelmasta puuttuu menetelmä.")
    );

    let v = version_of(&facilitator, &p).await;
    let r = facilitator
        .post_form(
            &format!("{p}/plan/method"),
            &[("version", &v), ("method", "hyvien-kaytantojen-dialogit")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    let bad = facilitator
        .add_session(
            &p,
            &[
                ("title", "Aamupäivä"),
                ("phase", "1"),
                ("date", "2027-02-03"),
                ("start", "12:00"),
                ("end", "09:00"),
                ("format", "online"),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = bad.text().await.expect("body");
    assert!(html.contains("value=\"Aamupäivä\""), "input kept");
    assert!(html.contains("Tarvitaan verkko- ja hybridi-istunnoissa."));
    for (title, phase, date, format, place, link) in [
        (
            "Osio 1: pohdinta",
            "1",
            "2027-02-03",
            "face_to_face",
            "Sali 2",
            "",
        ),
        (
            "Osio 2: käytännöt",
            "2",
            "2027-03-03",
            "online",
            "",
            "https://teams.example/meet",
        ),
    ] {
        let r = facilitator
            .add_session(
                &p,
                &[
                    ("title", title),
                    ("phase", phase),
                    ("date", date),
                    ("start", "09:00"),
                    ("end", "11:30"),
                    ("format", format),
                    ("place", place),
                    ("online_link", link),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{title}");
    }

    // Adapting the method changes this process only.
    let (_, adapt) = facilitator.text(&format!("{p}/plan/adapt")).await;
    let mut fields: Vec<(String, String)> = vec![("version".into(), plan_version(&adapt))];
    let mut i = 0;
    while adapt.contains(&format!("name=\"duration_{i}\"")) {
        let d = if i == 0 {
            "25".to_owned()
        } else {
            "15".to_owned()
        };
        let prompts = if i == 0 {
            "Mikä meitä ilahdutti viime viikolla?".to_owned()
        } else {
            String::new()
        };
        fields.push((format!("duration_{i}"), d));
        fields.push((format!("prompts_{i}"), prompts));
        i += 1;
    }
    assert!(i >= 4, "every stage is editable");
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = facilitator
        .post_form(&format!("{p}/plan/adapt"), &refs)
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = facilitator.text(&p).await;
    assert!(page.contains("Mikä meitä ilahdutti viime viikolla?"));
    assert!(page.contains("Sovitettu menetelmästä Hyvien käytäntöjen dialogit"));
    let (_, library) = facilitator
        .text("/methods/hyvien-kaytantojen-dialogit")
        .await;
    assert!(
        !library.contains("Mikä meitä ilahdutti"),
        "the library method is unchanged"
    );

    // Both approve; a later change voids the approvals.
    approve(&orderer, &p, "orderer").await;
    approve(&facilitator, &p, "facilitator").await;
    let v = version_of(&facilitator, &p).await;
    let r = facilitator
        .post_form(
            &format!("{p}/plan"),
            &[
                ("version", &v),
                ("invited", "Koko tiimi ja sijaiset"),
                ("representatives", "Kaksi työntekijöiden edustajaa"),
                ("note_taking", "Kirjuri ilman nimiä"),
                ("summary_use", "Käsitellään tiimipalaverissa"),
                ("summary_visibility", "organisation"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = transition(&facilitator, &p, "agree").await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("molempien hyväksyttävä")
    );
    approve(&orderer, &p, "orderer").await;
    approve(&facilitator, &p, "facilitator").await;

    for (who, to, shown) in [
        (&facilitator, "agree", "Sovittu"),
        (&facilitator, "start_phase1", "Osio 1"),
        (&facilitator, "start_phase2", "Osio 2"),
        (&facilitator, "start_summary", "Kooste"),
        (&orderer, "close", "Päättynyt"),
    ] {
        let r = transition(who, &p, to).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{to}");
        let (_, page) = orderer.text(&p).await;
        assert!(
            page.contains(&format!("state-{}\">{shown}", app_state_code(to))),
            "{to} shows {shown}"
        );
    }
    let (_, page) = orderer.text(&p).await;
    assert!(page.contains("Prosessi on päättynyt."));
    assert!(
        page.contains("siirsi prosessin tilaan: Päättynyt"),
        "the history says who closed it"
    );
    assert!(
        !page.contains("name=\"to\""),
        "a closed process offers no transitions"
    );
    let r = transition(&orderer, &p, "cancel").await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "closed stays closed");
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Tätä siirtymää ei voi tehdä")
    );

    // The plan's history keeps every version with its author.
    let (_, versions) = orderer.text(&format!("{p}/versions")).await;
    assert!(versions.matches("/versions/").count() >= 6);
    let (s, v1) = orderer.text(&format!("{p}/versions/1")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        v1.contains("Menetelmä valitaan, kun toteutuksesta sovitaan"),
        "version 1 had no method yet"
    );

    // Calendar files, one per session.
    let (_, page) = orderer.text(&p).await;
    let start = page.find("/calendar.ics").expect("calendar link");
    let link_start = page[..start].rfind("href=\"").expect("href") + 6;
    let r = orderer
        .get(&page[link_start..start + "/calendar.ics".len()])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/calendar")
    );
    let ics = r.text().await.expect("body");
    assert!(ics.contains("DTSTART;TZID=Europe/Helsinki:20270203T090000"));
    assert!(ics.contains("SUMMARY:Kotihoidon tiimi 3: Osio 1: pohdinta"));
}

fn app_state_code(transition: &str) -> &'static str {
    match transition {
        "agree" => "agreed",
        "start_phase1" => "phase1",
        "start_phase2" => "phase2",
        "start_summary" => "summary",
        _ => "closed",
    }
}

#[tokio::test]
async fn coordinators_filter_the_organisation_list() {
    let app = spawn().await;
    let orderer = app.login("orderer").await;
    let coordinator = app.login("coordinator").await;
    let a = order(&app, &orderer, "Koulun 8B", "luokkadialogi").await;
    order(&app, &orderer, "Kirjasto", "eratauko").await;
    let fac = app.user_id("facilitator").await.to_string();
    coordinator
        .post_form(&format!("{a}/assign"), &[("facilitator", &fac)])
        .await;
    accept_offer(&app, &a, "facilitator").await;
    let list = |q: String| {
        let path = format!("/orgs/{}/processes{q}", app.org);
        let c = &coordinator;
        async move { c.text(&path).await.1 }
    };
    let all = list(String::new()).await;
    assert!(all.contains("Koulun 8B") && all.contains("Kirjasto"));
    let by_method = list("?method=eratauko".into()).await;
    assert!(by_method.contains("Kirjasto") && !by_method.contains("Koulun 8B"));
    let by_fac = list(format!("?facilitator={fac}")).await;
    assert!(by_fac.contains("Koulun 8B") && !by_fac.contains("Kirjasto"));
    let closed = list("?state=closed".into()).await;
    assert!(closed.contains("Ei prosesseja."));
    let ordered = list("?state=ordered".into()).await;
    assert!(ordered.contains("2 prosessia."));
    let future = list("?from=2030-01-01".into()).await;
    assert!(
        future.contains("Ei prosesseja."),
        "no sessions planned then"
    );
    let bad = list("?from=yesterday".into()).await;
    assert!(bad.contains("Rajauksessa oli virheellinen arvo."));
}
