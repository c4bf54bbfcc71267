//! Notices by real mail (the SMTP sink of `mail.rs`): the summary to the community's addresses
//! with a link that works, the addresses gone after publication, the day-before reminder
//! written once however often the pass runs, and a practice's follow-up on its due date.

use crate::helpers::*;
use crate::live::process_in_phase1;
use crate::mail::{Sink, mail_config, spawn_with_mail};
use crate::share::summary_drafted;
use reqwest::StatusCode;
use time::OffsetDateTime;
use time::macros::{date, datetime};
use vuoro_core::ProcessId;
use vuoro_core::method::MethodLibrary;
use vuoro_core::notices::Community;
use vuoro_core::practice::{PracticeKind, PracticeStatus};
use vuoro_store::{NoteAuthor, Practice};
use vuoro_web::mail::{Mailer, send_due};
use vuoro_web::notices::run;

fn version_of(html: &str) -> String {
    let key = "name=\"base\" value=\"";
    let start = html.find(key).expect("a summary form") + key.len();
    html[start..start + html[start..].find('"').expect("quoted")].to_owned()
}

/// Moves the summary to `to`; the page it leads to.
async fn set_state(b: &Browser, summary: &str, to: &str) -> String {
    let v = version_of(&b.text(summary).await.1);
    let r = b
        .post_form(summary, &[("do", "state"), ("to", to), ("base", &v)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "to {to}");
    location(&r)
}

/// Another server process's state on the app's database, sending to the same sink: what a
/// notices pass runs with.
fn state_beside(app: &TestApp, sink: &Sink) -> vuoro_web::AppState {
    vuoro_web::AppState::new(
        app.store.clone(),
        MethodLibrary::builtin().expect("methods"),
        vuoro_web::WebConfig {
            mail: Some(mail_config(sink)),
            public_url: Some(app.base.clone()),
            ..vuoro_web::WebConfig::default()
        },
    )
}

fn path_in(app: &TestApp, link: &str) -> String {
    link.strip_prefix(&app.base)
        .unwrap_or_else(|| panic!("{link} leads to this server ({})", app.base))
        .to_owned()
}

/// Waits (at most 30 s) for the messages to `address` whose subject starts with `prefix`;
/// returns them once there is one.
async fn wait_subject(sink: &Sink, address: &str, prefix: &str) -> Vec<crate::mail::Received> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let got: Vec<_> = sink
            .to(address)
            .into_iter()
            .filter(|m| m.subject.starts_with(prefix))
            .collect();
        if !got.is_empty() {
            return got;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no message \"{prefix}…\" to {address}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Waits (at most 30 s) until the server's own worker has sent what it queued (the assignment,
/// the plan's approvals), so that a pass at a chosen time sends only what it is about.
async fn outbox_settled(app: &TestApp) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let state = app.store.outbox_state().await.expect("outbox");
        if state.waiting == 0 {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "{state:?}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

fn process_id(path: &str) -> ProcessId {
    ProcessId::parse(path.trim_start_matches("/processes/")).expect("a process path")
}

#[tokio::test]
async fn the_community_reads_the_summary_from_its_mail_and_its_addresses_go_at_publication() {
    let Some(sink) = Sink::start() else {
        return;
    };
    let app = spawn_with_mail(&sink).await;
    let (p, _, orderer) = summary_drafted(&app).await;
    let summary = format!("{p}/summary");

    // A line that is not an address is named, and what was typed comes back.
    let community = format!("{p}/community");
    let r = orderer
        .post_form(
            &community,
            &[(
                "community_addresses",
                "liisa@kunta.fi\nliisa at kunta\nPekka@Kunta.fi",
            )],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("page");
    assert!(
        html.contains("Rivi 2: ”liisa at kunta” ei ole sähköpostiosoite."),
        "{html}"
    );
    assert!(html.contains("Pekka@Kunta.fi"));
    let r = orderer
        .post_form(
            &community,
            &[("community_addresses", "liisa@kunta.fi\n\nPekka@Kunta.fi\n")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = orderer.text(&p).await;
    assert!(
        html.contains("2 osoitetta (poistetaan, kun kooste julkaistaan)."),
        "the process page tells what is kept"
    );

    // Out for comments: one mail per address, with a link anyone holding it reads and
    // comments through; the page says it went.
    let to = set_state(&orderer, &summary, "review").await;
    assert_eq!(to, format!("{summary}?mailed=2"));
    let (_, html) = orderer.text(&to).await;
    assert!(html.contains("Kooste lähetettiin yhteisön 2 osoitteeseen."));
    let mut review_link = String::new();
    for address in ["liisa@kunta.fi", "pekka@kunta.fi"] {
        let m = sink.wait_for(address).await;
        assert_eq!(m.subject, "Dialogin kooste kommentoitavana: Koulun 8B");
        assert!(!m.text().contains("Anna"), "no participant is named");
        let links = m.links();
        assert_eq!(links.len(), 1, "{}", m.text());
        assert!(m.html().contains(&format!("href=\"{}\"", links[0])));
        review_link = path_in(&app, &links[0]);
        let reader = app.browser();
        let (s, page) = reader.text(&review_link).await;
        assert_eq!(s, StatusCode::OK);
        assert!(page.contains("Mitä kuulimme"), "the summary itself");
    }
    let r = app
        .browser()
        .post_form(
            &review_link,
            &[("text", "Kahvihuone puhuttaa meitä kaikkia")],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "a comment through the mail"
    );
    let (_, html) = orderer.text(&summary).await;
    assert!(html.contains("Kahvihuone puhuttaa meitä kaikkia"));

    // Published: the mail with the link to the published summary, and the members' addresses
    // deleted in the same step; the pages say so.
    let to = set_state(&orderer, &summary, "published").await;
    assert_eq!(to, format!("{summary}?mailed=2&renewed=1&deleted=2"));
    let (_, html) = orderer.text(&to).await;
    assert!(html.contains("Yhteisön 2 sähköpostiosoitetta poistettiin julkaisun yhteydessä."));
    for address in ["liisa@kunta.fi", "pekka@kunta.fi"] {
        let got = sink.wait_for_count(address, 2).await;
        let m = &got[1];
        assert_eq!(m.subject, "Dialogin kooste on julkaistu: Koulun 8B");
        let link = path_in(&app, &m.links()[0]);
        let (s, page) = app.browser().text(&link).await;
        assert_eq!(s, StatusCode::OK);
        assert!(page.contains("Mitä kuulimme"));
    }
    assert_eq!(
        app.browser().get(&review_link).await.status(),
        StatusCode::GONE,
        "the mail's new link replaced the review's"
    );
    let kept = app
        .store
        .community_mail(process_id(&p))
        .await
        .expect("read");
    assert_eq!(kept.community, None, "no member's address is kept");
    let (_, html) = orderer.text(&p).await;
    assert!(
        html.contains("2 osoitetta poistettiin"),
        "the process page says so"
    );
    // Nothing more can be given once published.
    let r = orderer
        .post_form(&community, &[("community_addresses", "uusi@kunta.fi")])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    // The sent messages leave the outbox with the passes after they went, and the addresses
    // with them (a message the sink has may be marked sent a moment later).
    let beside = state_beside(&app, &sink);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let mut forgotten = 0;
    while forgotten < 4 {
        assert!(
            std::time::Instant::now() < deadline,
            "{forgotten} forgotten"
        );
        let pass = run(&beside, OffsetDateTime::now_utc()).await.expect("pass");
        forgotten += pass.forgotten;
        if forgotten < 4 {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }
    assert_eq!(forgotten, 4);
}

#[tokio::test]
async fn a_list_address_is_mailed_and_kept_after_publication() {
    let Some(sink) = Sink::start() else {
        return;
    };
    let app = spawn_with_mail(&sink).await;
    let orderer = app.login("orderer").await;
    let mut fields = order_fields("Kotihoidon tiimi", "eratauko");
    fields.push(("community_list", "tiimi@lista.kunta.fi"));
    let r = orderer
        .post_form(&format!("/orgs/{}/orders/new", app.org), &fields)
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let p = location(&r);
    let (_, html) = orderer.text(&p).await;
    assert!(html.contains("Postituslista tiimi@lista.kunta.fi (säilyy julkaisun jälkeen)."));
    // Both at once is refused on the order form, with the order kept as typed.
    let mut both = order_fields("Toinen tiimi", "eratauko");
    both.push(("community_list", "tiimi@lista.kunta.fi"));
    both.push(("community_addresses", "liisa@kunta.fi"));
    let r = orderer
        .post_form(&format!("/orgs/{}/orders/new", app.org), &both)
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("page");
    assert!(html.contains("Anna joko jäsenten osoitteet tai yksi postituslistan osoite"));
    assert!(html.contains("Toinen tiimi"));
    let kept = app
        .store
        .community_mail(process_id(&p))
        .await
        .expect("read");
    assert_eq!(
        kept.community,
        Some(Community::List("tiimi@lista.kunta.fi".into()))
    );
}

#[tokio::test]
async fn a_reminder_reaches_the_facilitator_once_the_day_before() {
    let Some(sink) = Sink::start() else {
        return;
    };
    let app = spawn_with_mail(&sink).await;
    // The plan's session: 20 January 2027 at 09:00 in Luokka 204 (Finnish winter time, +02:00).
    let p = process_in_phase1(&app).await;
    outbox_settled(&app).await;
    let one = state_beside(&app, &sink);
    let early = run(&one, datetime!(2027-01-19 05:59 UTC))
        .await
        .expect("pass");
    assert_eq!(early.due, 0, "07:59 the day before is too early");
    let first = run(&one, datetime!(2027-01-19 06:00 UTC))
        .await
        .expect("pass");
    assert_eq!((first.due, first.written), (1, 1));
    // The outbox's worker at that moment sends it (with whatever else waits).
    let mailer = Mailer::new(&mail_config(&sink));
    let sent = send_due(app.store.as_ref(), &mailer, datetime!(2027-01-19 06:00 UTC))
        .await
        .expect("sent");
    assert!(sent.sent >= 1, "{sent:?}");
    // Again in the same process, and in another one later that day: due, never written twice.
    let again = run(&one, datetime!(2027-01-19 06:05 UTC))
        .await
        .expect("pass");
    assert_eq!((again.due, again.written), (1, 0));
    let two = state_beside(&app, &sink);
    let later = run(&two, datetime!(2027-01-19 20:00 UTC))
        .await
        .expect("pass");
    assert_eq!((later.due, later.written), (1, 0));
    // Once the session has begun, nothing is due.
    let begun = run(&two, datetime!(2027-01-20 07:00 UTC))
        .await
        .expect("pass");
    assert_eq!(begun.due, 0);
    let after = send_due(app.store.as_ref(), &mailer, datetime!(2027-01-20 07:00 UTC))
        .await
        .expect("sent");
    assert_eq!(after.failed, 0);

    let reminders = wait_subject(&sink, &email("facilitator"), "Muistutus").await;
    assert_eq!(reminders.len(), 1, "one reminder");
    let m = &reminders[0];
    assert_eq!(m.subject, "Muistutus: Luokan tuokio 20.1.2027");
    assert!(m.text().contains("20.1.2027 klo 09.00"), "{}", m.text());
    assert!(m.text().contains("Paikka: Luokka 204"), "{}", m.text());
    let link = path_in(&app, &m.links()[0]);
    assert_eq!(link, p);
    let facilitator = app.login("facilitator").await;
    assert_eq!(facilitator.get(&link).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_practice_is_followed_up_on_its_due_date() {
    let Some(sink) = Sink::start() else {
        return;
    };
    let app = spawn_with_mail(&sink).await;
    let p = process_in_phase1(&app).await;
    let fac = app.user_id("facilitator").await;
    let at = OffsetDateTime::now_utc();
    let practice = Practice {
        id: vuoro_core::PracticeId::new(),
        process: process_id(&p),
        live_session: None,
        group: None,
        kind: PracticeKind::Develop,
        title: "Vuorolistat ajoissa".into(),
        owner: Some("esihenkilö".into()),
        due: Some(date!(2027 - 05 - 10)),
        status: PracticeStatus::Agreed,
        author: NoteAuthor::Staff(fac),
        lang: "fi".into(),
        created_at: at,
        updated_at: at,
    };
    app.store.add_practice(&practice).await.expect("practice");
    outbox_settled(&app).await;
    let state = state_beside(&app, &sink);
    // The evening before in Helsinki: not yet.
    let before = run(&state, datetime!(2027-05-09 20:00 UTC))
        .await
        .expect("pass");
    assert_eq!(before.due, 0);
    // 09:00 on the due date (summer time, +03:00): to the orderer and the facilitator.
    let pass = run(&state, datetime!(2027-05-10 06:00 UTC))
        .await
        .expect("pass");
    assert_eq!((pass.due, pass.written), (2, 2));
    let mailer = Mailer::new(&mail_config(&sink));
    let sent = send_due(app.store.as_ref(), &mailer, datetime!(2027-05-10 06:00 UTC))
        .await
        .expect("sent");
    assert!(sent.sent >= 2, "{sent:?}");
    for who in ["orderer", "facilitator"] {
        let got = wait_subject(&sink, &email(who), "Käytännön seurantapäivä").await;
        let m = &got[0];
        assert_eq!(m.subject, "Käytännön seurantapäivä: Vuorolistat ajoissa");
        assert!(m.text().contains("10.5.2027"), "{}", m.text());
        let link = path_in(&app, &m.links()[0]);
        assert_eq!(link, format!("{p}/practices"));
        let b = app.login(who).await;
        assert_eq!(b.get(&link).await.status(), StatusCode::OK);
    }
    // The facilitator leaves the organisation: the next follow-up reaches the orderer only.
    app.store
        .add_practice(&Practice {
            id: vuoro_core::PracticeId::new(),
            title: "Palaverit lyhyemmiksi".into(),
            due: Some(date!(2027 - 06 - 14)),
            ..practice
        })
        .await
        .expect("practice");
    app.store
        .set_roles(app.org, fac, vuoro_core::RoleSet::empty())
        .await
        .expect("roles");
    let pass = run(&state, datetime!(2027-06-14 06:00 UTC))
        .await
        .expect("pass");
    assert_eq!(
        (pass.due, pass.written),
        (2, 1),
        "nothing to the one who left"
    );
}
