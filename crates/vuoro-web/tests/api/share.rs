//! Sharing the summary with the whole community by a link: most of a work community never
//! joined a session, so they have no participant token; the orderer or the facilitator makes a
//! link (shown once, with its QR code) that anyone holding it reads and comments through,
//! without an account, as far as participants may; it can be revoked, and a new one made.

use crate::helpers::*;
use crate::live::{join, open_session, process_in_phase1, write};
use reqwest::StatusCode;

/// A process whose summary the orderer has drafted, from three notes of a participant who
/// showed her name (Anna) on one theme: its path, and the facilitator's and the orderer's
/// browsers.
pub async fn summary_drafted(app: &TestApp) -> (String, Browser, Browser) {
    let p = process_in_phase1(app).await;
    let (_, code) = open_session(app, &p).await;
    let facilitator = app.login("facilitator").await;
    let orderer = app.login("orderer").await;
    let (anna, page) = join(
        app,
        &code,
        &[("lang", "fi"), ("show_name", "yes"), ("name", "Anna")],
    )
    .await;
    for t in [
        "Kahvihuone on liian pieni",
        "Kahvihuoneeseen lisää tuoleja",
        "Kahvihuone on tauoilla täynnä",
    ] {
        write(&anna, &page, t).await;
    }
    facilitator
        .post_form(&format!("{p}/themes/process/propose"), &[])
        .await;
    facilitator
        .post_form(&format!("{p}/transition"), &[("to", "start_summary")])
        .await;
    orderer
        .post_form(&format!("{p}/summary"), &[("do", "draft"), ("base", "")])
        .await;
    (p, facilitator, orderer)
}

fn version_of(html: &str) -> String {
    let key = "name=\"base\" value=\"";
    let start = html.find(key).expect("a summary form") + key.len();
    html[start..start + html[start..].find('"').expect("quoted")].to_owned()
}

/// The address the share page shows once, and the path in it.
fn shared_url(html: &str) -> (String, String) {
    let key = "id=\"share-url\" type=\"text\" readonly value=\"";
    let start = html.find(key).expect("the new link") + key.len();
    let url = html[start..start + html[start..].find('"').expect("quoted")].to_owned();
    let path = url[url.find("/shared/").expect("a shared path")..].to_owned();
    (url, path)
}

async fn set_state(b: &Browser, summary: &str, to: &str) {
    let v = version_of(&b.text(summary).await.1);
    let r = b
        .post_form(summary, &[("do", "state"), ("to", to), ("base", &v)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "to {to}");
}

#[tokio::test]
async fn anyone_with_the_link_reads_and_comments_until_it_is_revoked() {
    let app = spawn().await;
    let (p, facilitator, orderer) = summary_drafted(&app).await;
    let summary = format!("{p}/summary");
    let share = format!("{p}/summary/share");

    // A draft is not shared: the page says when it can be, and making a link is refused.
    let (s, html) = orderer.text(&summary).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        html.contains(&format!("href=\"{share}\"")),
        "the summary leads to sharing"
    );
    let (s, html) = orderer.text(&share).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Koostetta voi jakaa, kun se on lähetetty kommentoitavaksi"));
    assert_eq!(
        orderer.post_form(&share, &[("do", "make")]).await.status(),
        StatusCode::CONFLICT
    );
    // Only the summary's writers share it.
    let coordinator = app.login("coordinator").await;
    assert_eq!(
        coordinator.get(&share).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(facilitator.get(&share).await.status(), StatusCode::OK);

    set_state(&orderer, &summary, "review").await;
    let (_, html) = orderer.text(&share).await;
    assert!(html.contains("Tee linkki ja QR-koodi"));
    let r = orderer.post_form(&share, &[("do", "make")]).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let html = r.text().await.expect("body");
    let (url, path) = shared_url(&html);
    let token = path.trim_start_matches("/shared/");
    assert_eq!(token.len(), 64, "a 256-bit token");
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    // The QR code is the link: the page's SVG is that of the address, module for module.
    assert!(
        html.contains(&vuoro_web::util::qr_svg(&url)),
        "the QR code encodes the link"
    );
    assert!(html.contains("linkkiä ei tallenneta"), "shown once");

    // Shown only once: the page later says a link works, not what it is.
    let (_, html) = orderer.text(&share).await;
    assert!(html.contains("Koosteen linkki on käytössä"));
    assert!(!html.contains(token));
    // A second link while one works (another tab) shows the page as it is.
    let r = facilitator.post_form(&share, &[("do", "make")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), share);

    // Someone who never joined reads it: the summary, the notes it rests on, no name, no
    // staff navigation, in their language, right to left in Arabic.
    let colleague = app.browser();
    let (s, html) = colleague.text(&path).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Kooste: mitä kuulimme"));
    assert!(html.contains("Tämä on luonnos."));
    assert!(html.contains("Kahvihuone"));
    assert!(!html.contains("Anna"), "no one's name");
    assert!(!html.contains("(sinun)"), "no one's notes are theirs");
    assert!(!html.contains("href=\"/processes"), "no staff navigation");
    assert!(html.contains("<html lang=\"fi\" dir=\"ltr\">"));
    let r = colleague
        .get(&format!("/plang/ar?next={}", path.replace('/', "%2F")))
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), path);
    let (_, html) = colleague.text(&path).await;
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));

    // Comments: kept with the text on a refusal, shown to the writers without a name.
    let r = colleague
        .post_form(&path, &[("text", "تعليق من الزميل")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), format!("{path}?thanks=1#comment"));
    let long = "pitkä ".repeat(400);
    let r = colleague.post_form(&path, &[("text", &long)]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.expect("body");
    assert!(body.contains(long.trim_end()), "the text is kept");
    let r = colleague.post_form(&path, &[("text", " ")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let (_, html) = orderer.text(&summary).await;
    assert!(html.contains("تعليق من الزميل"));
    assert!(html.contains("lang=\"ar\" dir=\"rtl\""));

    // One address may comment in a burst, then waits, its text kept.
    let mut refused = None;
    for i in 0..40 {
        let r = colleague
            .post_form(&path, &[("text", &format!("Kommentti {i}"))])
            .await;
        if r.status() != StatusCode::SEE_OTHER {
            refused = Some((i, r));
            break;
        }
    }
    let (i, r) = refused.expect("a flood is slowed");
    assert_eq!(i, 19, "a burst of twenty, the first comment included");
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
    let body = r.text().await.expect("body");
    assert!(body.contains("Kommentti 19"), "the text is kept");

    // Revoked after asking: the link answers that it was withdrawn, in the reader's language;
    // comments already sent stay; a new link works, the old one still does not.
    let (_, html) = orderer.text(&format!("{share}?ask=revoke")).await;
    assert!(html.contains("Perutaanko linkki?"));
    assert!(html.contains("name=\"do\" value=\"revoke\""));
    let r = orderer.post_form(&share, &[("do", "revoke")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (s, html) = colleague.text(&path).await;
    assert_eq!(s, StatusCode::GONE);
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(html.contains("تم إلغاء هذا الرابط"));
    let (s, html) = app.browser().text(&path).await;
    assert_eq!(s, StatusCode::GONE);
    assert!(html.contains("Tämä linkki on peruttu"));
    let r = colleague.post_form(&path, &[("text", "Vielä")]).await;
    assert_eq!(r.status(), StatusCode::GONE);
    let (_, html) = orderer.text(&summary).await;
    assert!(html.contains("تعليق من الزميل"), "comments stay");
    let (_, html) = orderer.text(&p).await;
    assert!(html.contains("jakoi koosteen linkillä") && html.contains("perui koosteen jakolinkin"));

    let r = facilitator.post_form(&share, &[("do", "make")]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let (_, new_path) = shared_url(&r.text().await.expect("body"));
    assert_ne!(new_path, path);
    assert_eq!(app.browser().get(&new_path).await.status(), StatusCode::OK);
    assert_eq!(app.browser().get(&path).await.status(), StatusCode::GONE);

    // Unknown and malformed tokens are not found.
    let unknown = format!("/shared/{}", "a".repeat(64));
    assert_eq!(
        app.browser().get(&unknown).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.browser().get("/shared/nonsense").await.status(),
        StatusCode::NOT_FOUND
    );

    // Back to a draft: the link shows nothing until the summary is out again.
    set_state(&orderer, &summary, "draft").await;
    let (s, html) = app.browser().text(&new_path).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(html.contains("Koostetta ei voi lukea juuri nyt"));
    assert!(!html.contains("Kahvihuone"));

    // Published: read, no longer commented.
    set_state(&orderer, &summary, "published").await;
    let (s, html) = app.browser().text(&new_path).await;
    assert_eq!(s, StatusCode::OK);
    assert!(!html.contains("Tämä on luonnos.") && !html.contains("name=\"text\""));
    let r = app
        .browser()
        .post_form(&new_path, &[("text", "Myöhässä")])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.expect("body").contains("Myöhässä"), "kept");
}

/// The session page leads to the notes' exports, which download.
#[tokio::test]
async fn the_session_page_leads_to_the_notes_exports() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let (phone, page) = join(&app, &code, &[("lang", "fi")]).await;
    write(&phone, &page, "Kahvihuone on liian pieni").await;
    let facilitator = app.login("facilitator").await;
    let (s, html) = facilitator.text(&run).await;
    assert_eq!(s, StatusCode::OK);
    for file in ["notes.csv", "notes.json"] {
        let href = format!("{p}/export/{file}");
        assert!(
            html.contains(&format!("class=\"button\" href=\"{href}\"")),
            "{file}"
        );
        let (s, body) = facilitator.text(&href).await;
        assert_eq!(s, StatusCode::OK);
        assert!(body.contains("Kahvihuone on liian pieni"), "{file}");
    }
}
