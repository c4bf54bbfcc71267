//! The process page and the plan page as the facilitator's day uses them (Part 6): the plan
//! page keeps everything typed whichever button is pressed, closing and cancelling ask first,
//! a coordinator reopens a cancellation made by mistake, "what next" follows the real state,
//! and an orderer who asked for advice gets an answer.

use crate::helpers::*;
use reqwest::StatusCode;

/// The page's primary actions: the labels of the elements marked primary.
fn primaries(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for marker in ["class=\"primary\"", "class=\"button primary\""] {
        for (i, _) in html.match_indices(marker) {
            let rest = &html[i..];
            let start = rest.find('>').expect("tag ends") + 1;
            let end = rest[start..].find('<').expect("label ends");
            out.push(rest[start..start + end].trim().to_owned());
        }
    }
    out
}

/// A Good Practices Dialogue with a session in each phase (the second one 150 minutes, too
/// short for phase 2's 165), agreed and moved to phase 1.
async fn gpd_in_phase1(app: &TestApp) -> String {
    let orderer = app.login("orderer").await;
    let coordinator = app.login("coordinator").await;
    let facilitator = app.login("facilitator").await;
    let p = order(
        app,
        &orderer,
        "Kotihoidon yötiimi",
        "hyvien-kaytantojen-dialogit",
    )
    .await;
    let fac = app.user_id("facilitator").await.to_string();
    coordinator
        .post_form(&format!("{p}/assign"), &[("facilitator", &fac)])
        .await;
    accept_offer(app, &p, "facilitator").await;
    for (title, phase) in [("Ensimmäinen kerta", "1"), ("Toinen kerta", "2")] {
        let r = facilitator
            .add_session(
                &p,
                &[
                    ("title", title),
                    ("phase", phase),
                    (
                        "date",
                        if phase == "1" {
                            "2027-01-20"
                        } else {
                            "2027-02-10"
                        },
                    ),
                    ("start", "13:00"),
                    ("end", "15:30"),
                    ("format", "face_to_face"),
                    ("place", "Toimiston neuvotteluhuone"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{title}");
    }
    for (b, side) in [(&orderer, "orderer"), (&facilitator, "facilitator")] {
        let (_, page) = b.text(&p).await;
        let v = plan_version(&page);
        b.post_form(&format!("{p}/approve"), &[("as", side), ("version", &v)])
            .await;
    }
    for to in ["agree", "start_phase1"] {
        let r = facilitator
            .post_form(&format!("{p}/transition"), &[("to", to)])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{to}");
    }
    p
}

/// Item 4: the plan page is one form. Text typed into the plan's fields survives "add session",
/// a session typed but not added survives "save", and a refused session keeps both.
#[tokio::test]
async fn the_plan_page_keeps_every_field_whichever_button_is_pressed() {
    let app = spawn().await;
    let orderer = app.login("orderer").await;
    let facilitator = app.login("facilitator").await;
    let coordinator = app.login("coordinator").await;
    let p = order(&app, &orderer, "Kirjaston tiimi", "eratauko").await;
    let fac = app.user_id("facilitator").await.to_string();
    coordinator
        .post_form(&format!("{p}/assign"), &[("facilitator", &fac)])
        .await;
    accept_offer(&app, &p, "facilitator").await;
    let plan = format!("{p}/plan");
    let (_, page) = facilitator.text(&plan).await;
    assert_eq!(
        page.matches(&format!("<form method=\"post\" action=\"{p}/plan\""))
            .count(),
        1,
        "one form holds the page"
    );
    for route in ["plan/sessions", "plan/method"] {
        assert!(
            page.contains(&format!("formaction=\"{p}/{route}\"")),
            "{route}"
        );
    }
    assert_eq!(
        primaries(&page),
        vec!["Tallenna"],
        "saving is the page's primary action"
    );

    // "Lisää istunto" with the plan's fields typed: both are saved.
    let v = plan_version(&page);
    let whole = |v: &str, invited: &'static str, title: &'static str, end: &'static str| {
        vec![
            ("version", v.to_owned()),
            ("page", "plan".to_owned()),
            ("method", "eratauko".to_owned()),
            ("invited", invited.to_owned()),
            ("representatives", "Kaksi kirjastovirkailijaa".to_owned()),
            ("summary_visibility", "organisation".to_owned()),
            ("title", title.to_owned()),
            ("phase", "1".to_owned()),
            (
                "date",
                if title.is_empty() { "" } else { "2027-03-03" }.to_owned(),
            ),
            (
                "start",
                if title.is_empty() { "" } else { "09:00" }.to_owned(),
            ),
            ("end", end.to_owned()),
            ("format", "face_to_face".to_owned()),
            (
                "place",
                if title.is_empty() { "" } else { "Kirjasto" }.to_owned(),
            ),
        ]
    };
    let send = |fields: Vec<(&'static str, String)>, route: &'static str| {
        let facilitator = &facilitator;
        let p = p.clone();
        async move {
            let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            facilitator.post_form(&format!("{p}/{route}"), &refs).await
        }
    };
    let r = send(
        whole(&v, "Koko kirjaston väki", "Aamupäivän tuokio", "10:30"),
        "plan/sessions",
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), format!("{p}/plan#sessions"));
    let (_, page) = facilitator.text(&plan).await;
    assert!(
        page.contains("Koko kirjaston väki"),
        "the text typed before adding a session is kept"
    );
    assert!(page.contains("Kaksi kirjastovirkailijaa"));
    assert!(
        page.contains("<strong>Aamupäivän tuokio</strong>"),
        "the session is added"
    );

    // "Tallenna" with a session half typed: the plan is saved, the session waits as typed.
    let v = plan_version(&page);
    let mut fields = whole(&v, "Koko väki ja sijaiset", "Iltapäivän tuokio", "");
    fields.retain(|(k, _)| !matches!(*k, "date" | "start"));
    let r = send(fields, "plan").await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.expect("body");
    assert!(
        html.contains("value=\"Iltapäivän tuokio\""),
        "the session typed is still there"
    );
    assert!(
        html.contains("ei ole vielä lisätty"),
        "and the page says it is not added yet"
    );
    let (_, process) = facilitator.text(&p).await;
    assert!(
        process.contains("Koko väki ja sijaiset"),
        "the plan was saved"
    );

    // A refused session (it ends before it starts): nothing is saved, everything is kept.
    let (_, page) = facilitator.text(&plan).await;
    let v = plan_version(&page);
    let mut fields = whole(&v, "Vielä uusi kutsu", "Väärä tuokio", "08:00");
    fields.retain(|(k, _)| *k != "place");
    fields.push(("place", "Lukusali".to_owned()));
    let r = send(fields, "plan/sessions").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert!(html.contains("Vielä uusi kutsu"), "the plan's text is kept");
    assert!(html.contains("value=\"Väärä tuokio\"") && html.contains("value=\"Lukusali\""));
    assert!(html.contains("aria-invalid=\"true\""));
    let (_, page) = facilitator.text(&plan).await;
    assert_eq!(plan_version(&page), v, "a refused post saves nothing");

    // Removing a session asks first, keeping everything typed, and keeps the fields too.
    let r = send(
        whole(&v, "Kutsu muuttui taas", "", ""),
        "plan/sessions/1/delete",
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.expect("body");
    assert!(html.contains("Poistetaanko istunto Aamupäivän tuokio suunnitelmasta?"));
    assert!(
        html.contains("Kutsu muuttui taas"),
        "the text typed is kept while asking"
    );
    let (_, page) = facilitator.text(&plan).await;
    assert!(
        page.contains("<strong>Aamupäivän tuokio</strong>"),
        "nothing removed yet"
    );
    let mut fields = whole(&v, "Kutsu muuttui taas", "", "");
    fields.push(("confirm", "yes".to_owned()));
    let r = send(fields, "plan/sessions/1/delete").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = facilitator.text(&plan).await;
    assert!(page.contains("Kutsu muuttui taas"));
    assert!(!page.contains("<strong>Aamupäivän tuokio</strong>"));
}

/// From item 13: a session shorter than its phase's stages is warned about on the plan page.
#[tokio::test]
async fn a_session_too_short_for_its_stages_is_warned_about() {
    let app = spawn().await;
    let p = gpd_in_phase1(&app).await;
    let facilitator = app.login("facilitator").await;
    let (_, page) = facilitator.text(&format!("{p}/plan")).await;
    assert!(
        page.contains("Istunnossa Toinen kerta osion 2 vaiheet kestävät yhteensä 165 minuuttia, mutta istunto kestää 150 minuuttia."),
        "{page}"
    );
    assert!(
        !page.contains("Istunnossa Ensimmäinen kerta"),
        "phase 1 (105 min) fits"
    );
}

/// Item 5: closing and cancelling ask first; a cancellation takes a reason, shown on the page
/// and in the history; a coordinator reopens it where it was, nobody else can.
#[tokio::test]
async fn cancelling_asks_first_keeps_a_reason_and_a_coordinator_reopens() {
    let app = spawn().await;
    let p = gpd_in_phase1(&app).await;
    let orderer = app.login("orderer").await;
    let coordinator = app.login("coordinator").await;
    let (_, page) = orderer.text(&p).await;
    assert!(
        page.contains("class=\"danger\">Peru prosessi"),
        "cancelling looks destructive"
    );

    let r = orderer
        .post_form(&format!("{p}/transition"), &[("to", "cancel")])
        .await;
    assert_eq!(r.status(), StatusCode::OK, "the first press asks");
    let html = r.text().await.expect("body");
    assert!(html.contains("Perutaanko prosessi?"));
    assert!(html.contains("name=\"confirm\" value=\"yes\""));
    assert!(html.contains("class=\"danger\">Kyllä, peru prosessi"));
    let (_, page) = orderer.text(&p).await;
    assert!(page.contains("state-phase1"), "nothing happened yet");

    let r = orderer
        .post_form(
            &format!("{p}/transition"),
            &[("to", "cancel"), ("confirm", "yes"), ("reason", "  ")],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a reason is needed"
    );
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("aria-invalid=\"true\"")
    );

    let r = orderer
        .post_form(
            &format!("{p}/transition"),
            &[
                ("to", "cancel"),
                ("confirm", "yes"),
                ("reason", "Yötiimi yhdistetään päivätiimiin"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = orderer.text(&p).await;
    assert!(page.contains("state-cancelled"));
    assert!(page.contains("Perumisen syy: Yötiimi yhdistetään päivätiimiin"));
    assert!(
        page.contains("siirsi prosessin tilaan: Peruttu. Syy: Yötiimi yhdistetään päivätiimiin")
    );
    assert!(
        !page.contains("Avaa prosessi uudelleen"),
        "reopening is not the orderer's"
    );
    let r = orderer
        .post_form(&format!("{p}/transition"), &[("to", "reopen")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    let (_, page) = coordinator.text(&p).await;
    assert_eq!(primaries(&page), vec!["Avaa prosessi uudelleen"]);
    let r = coordinator
        .post_form(&format!("{p}/transition"), &[("to", "reopen")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = orderer.text(&p).await;
    assert!(
        page.contains("state-phase1"),
        "back where it was cancelled from"
    );
    assert!(!page.contains("Perumisen syy"));
}

/// Item 5: closing asks first too, without a reason.
#[tokio::test]
async fn closing_asks_first() {
    let app = spawn().await;
    let p = crate::live::process_in_phase1(&app).await;
    let facilitator = app.login("facilitator").await;
    let orderer = app.login("orderer").await;
    facilitator
        .post_form(&format!("{p}/transition"), &[("to", "start_summary")])
        .await;
    let r = orderer
        .post_form(&format!("{p}/transition"), &[("to", "close")])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.expect("body");
    assert!(html.contains("Päätetäänkö prosessi?"));
    assert!(!html.contains("name=\"reason\""), "closing needs no reason");
    let (_, page) = orderer.text(&p).await;
    assert!(page.contains("state-summary"));
    let r = orderer
        .post_form(
            &format!("{p}/transition"),
            &[("to", "close"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = orderer.text(&p).await;
    assert!(page.contains("state-closed"));
}

/// Items 6 and 9: in phase 1 "what next" is the sessions first, the page's one primary action
/// is the real next step, and after phase 1 it leads to the themes.
#[tokio::test]
async fn what_next_follows_the_sessions_and_then_leads_to_the_themes() {
    let app = spawn().await;
    let p = gpd_in_phase1(&app).await;
    let facilitator = app.login("facilitator").await;
    let (_, page) = facilitator.text(&p).await;
    assert!(page.contains("Tämän osion istuntoja on vielä pitämättä"));
    assert_eq!(primaries(&page), vec!["Avaa istunto: Ensimmäinen kerta"]);
    assert_eq!(
        page.matches("Avaa istunto: Ensimmäinen kerta").count(),
        1,
        "offered once"
    );
    let next = page.find("id=\"h-next\"").expect("next box");
    let people = page.find("id=\"h-people\"").expect("people");
    assert!(
        page[next..people].contains("Avaa istunto: Ensimmäinen kerta"),
        "the session button is in the next box, at the top"
    );
    assert!(
        page.contains(">Aloita osio 2<"),
        "phase 2 is still offered, as a secondary button"
    );

    let (run, _) = crate::live::open_session(&app, &p).await;
    let (_, page) = facilitator.text(&p).await;
    assert_eq!(primaries(&page), vec!["Jatka istuntoa: Ensimmäinen kerta"]);
    assert!(page.contains(&format!("href=\"{run}\"")));

    let r = facilitator
        .post_form(&run.replace("/run", "/control"), &[("do", "close")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = facilitator.text(&p).await;
    assert_eq!(primaries(&page), vec!["Kokoa ensimmäisen osion teemat"]);
    assert!(page.contains(&format!("href=\"{p}/themes/phase-1\"")));
    let (status, _) = facilitator.text(&format!("{p}/themes/phase-1")).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the link leads to the phase's themes"
    );

    // The orderer cannot open sessions: in part 1 their one primary action leads back to their
    // own front page, not to a step that is the facilitator's.
    let orderer = app.login("orderer").await;
    let (_, page) = orderer.text(&p).await;
    assert_eq!(primaries(&page), vec!["Oma etusivu"]);
}

/// From item 13: "Neuvokaa minua" reaches the coordinator, who answers; the orderer reads the
/// answer; the coordinator's front page counts the waiting orders and requests for advice.
#[tokio::test]
async fn an_orderer_who_asks_for_advice_gets_an_answer() {
    let app = spawn().await;
    let orderer = app.login("orderer").await;
    let coordinator = app.login("coordinator").await;
    let p = order(&app, &orderer, "Neuvoa kaipaava tiimi", "advise").await;
    order(&app, &orderer, "Toinen tiimi", "eratauko").await;

    let (_, home) = coordinator.text("/").await;
    assert!(home.contains("2 tilausta odottaa"), "{home}");
    assert!(home.contains("1 pyytää neuvoa"));

    let (_, page) = orderer.text(&p).await;
    assert!(page.contains("Tilaaja pyysi neuvoa menetelmän valintaan"));
    assert!(page.contains("Neuvoa ei ole vielä annettu."));
    assert!(
        !page.contains("name=\"advice_text\""),
        "the form is the coordinator's"
    );

    let (_, page) = coordinator.text(&p).await;
    assert!(page.contains("name=\"advice_text\""));
    let r = coordinator
        .post_form(
            &format!("{p}/advice"),
            &[("advice_method", "eratauko"), ("advice_text", "")],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "words are needed"
    );
    let r = coordinator
        .post_form(
            &format!("{p}/advice"),
            &[
                ("advice_method", "ei-tallaista"),
                ("advice_text", "Kokeilkaa tätä"),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "an unknown method is refused"
    );
    assert!(
        r.text().await.expect("body").contains("Kokeilkaa tätä"),
        "the words typed are kept"
    );
    let r = coordinator
        .post_form(
            &format!("{p}/advice"),
            &[
                ("advice_method", "eratauko"),
                (
                    "advice_text",
                    "Kuuden hengen tiimille sopii Erätauko: yksi tapaaminen riittää.",
                ),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    let (_, page) = orderer.text(&p).await;
    assert!(page.contains("Ehdotettu menetelmä: Erätauko"));
    assert!(page.contains("Kuuden hengen tiimille sopii Erätauko: yksi tapaaminen riittää."));
    assert!(
        page.contains("vastasi tilaajan pyyntöön neuvoa"),
        "the history says so"
    );
    let (_, home) = coordinator.text("/").await;
    assert!(home.contains("2 tilausta odottaa"));
    assert!(!home.contains("pyytää neuvoa"), "answered: {home}");

    // The facilitator's plan page starts from the advised method.
    let fac = app.user_id("facilitator").await.to_string();
    coordinator
        .post_form(&format!("{p}/assign"), &[("facilitator", &fac)])
        .await;
    accept_offer(&app, &p, "facilitator").await;
    let facilitator = app.login("facilitator").await;
    let (_, plan) = facilitator.text(&format!("{p}/plan")).await;
    assert!(
        plan.contains("<option value=\"eratauko\" selected>"),
        "advised method preselected"
    );
    let (_, home) = coordinator.text("/").await;
    assert!(home.contains("1 tilaus odottaa"));
}
