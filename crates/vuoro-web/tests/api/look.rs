//! How pages read: the staff layout is marked for the browser tests' one-primary-action check,
//! public and phone pages are not; the words for a process's parts and a method's steps.

use crate::helpers::*;
use crate::live::{join, open_session, process_in_phase1};
use reqwest::StatusCode;

fn primaries(html: &str) -> usize {
    html.matches("class=\"button primary\"").count()
        + html.matches("class=\"primary\"").count()
        + html.matches("class=\"primary danger\"").count()
}

#[tokio::test]
async fn staff_pages_are_marked_and_have_one_primary_action() {
    let app = spawn().await;
    let (s, login) = app.browser().text("/login").await;
    assert_eq!(s, StatusCode::OK);
    assert!(login.contains("<body>"), "the log-in page is public");
    assert!(!login.contains("data-staff"));

    for who in ["orderer", "coordinator", "facilitator"] {
        let b = app.login(who).await;
        let (_, home) = b.text("/").await;
        assert!(home.contains("<body data-staff>"), "{who}'s front page");
        assert_eq!(
            primaries(&home),
            1,
            "{who}'s front page has one primary action"
        );
    }
    let orderer = app.login("orderer").await;
    let (_, home) = orderer.text("/").await;
    assert!(
        home.contains(&format!(
            "<a class=\"button primary\" href=\"/orgs/{}/orders/new\">Tilaa dialogi</a>",
            app.org
        )),
        "an orderer's primary action is to order"
    );
    let (_, methods) = orderer.text("/methods").await;
    assert_eq!(primaries(&methods), 1);
    let (_, listing) = orderer.text("/listing").await;
    assert!(
        !listing.contains("data-staff"),
        "the peer listing is public"
    );
}

#[tokio::test]
async fn a_process_has_parts_and_a_session_has_steps() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let facilitator = app.login("facilitator").await;
    let (_, page) = facilitator.text(&p).await;
    assert!(page.contains("Osio 1"), "the process's state is its part");
    assert!(!page.contains("Vaihe 1<"), "not a 'vaihe'");
    let (_, code) = open_session(&app, &p).await;
    let (phone, me) = join(&app, &code, &[]).await;
    let (_, phone_page) = phone.text(&me).await;
    assert!(
        phone_page.contains("Vaihe 1/"),
        "the phone counts the method's steps"
    );
    assert!(!phone_page.contains("data-staff"), "a phone is not staff");
    // The same words in Swedish and English: a part is "del" / "part", a step "steg" / "step".
    for (lang, part) in [("sv", "Del 1"), ("en", "Part 1")] {
        let r = facilitator.get(&format!("/lang/{lang}?next=/")).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let (_, page) = facilitator.text(&p).await;
        assert!(page.contains(part), "{lang}: {part}");
        assert!(
            !page.contains("Fas 1") && !page.contains("Phase 1"),
            "{lang}"
        );
    }
}
