//! The catalogue pages of an organisation and the public peer listing, over HTTP.

use crate::helpers::{TestApp, location, spawn};
use reqwest::StatusCode;
use vuoro_core::ProcessState;
use vuoro_core::catalogue::{ActivityInput, Vocabulary};
use vuoro_store::{ActivityRecord, ActivitySource};

fn catalogue(app: &TestApp) -> String {
    format!("/orgs/{}/catalogue", app.org)
}

/// An activity as the form sends it.
fn fields<'a>(text: &'a str, count: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("text", text),
        ("status", "done"),
        ("contexts", "school"),
        ("contexts", "families"),
        ("topics", "bullying"),
        ("tags", "vanhempainillat"),
        ("method", "luokkadialogi"),
        ("unit", "Perusopetus"),
        ("target_group", "Oppilaat ja huoltajat"),
        ("languages", "fi"),
        ("languages", "so"),
        ("format", "face_to_face"),
        ("period", "2020–2021"),
        ("count", count),
        ("public", "yes"),
    ]
}

#[tokio::test]
async fn a_coordinator_records_an_activity_and_sees_what_is_missing() {
    let app = spawn().await;
    let b = app.login("coordinator").await;
    let (status, page) = b.text(&catalogue(&app)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Ei vielä kirjattua toimintaa."), "{page}");

    let r = b
        .post_form(
            &format!("{}/new", catalogue(&app)),
            &fields("Luokkadialogit kiusaamisesta", "10–15 vuodessa"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(location(&r).starts_with(&catalogue(&app)));
    let (_, page) = b.text(&catalogue(&app)).await;
    for want in [
        "Luokkadialogit kiusaamisesta",
        "Koulu ja varhaiskasvatus, Perheet ja vanhemmat",
        "Kiusaaminen ja tunnetaidot",
        "Luokkadialogi",
        "10–15 vuodessa",
        "2020–2021",
        "suomi, somali",
        "100 % tiedoista on kirjattu",
    ] {
        assert!(page.contains(want), "the catalogue should show {want:?}");
    }

    // A second one without count and method: the page says what is missing.
    let mut partial = fields("Työyhteisödialogit", "");
    partial.retain(|(k, _)| *k != "method");
    let r = b
        .post_form(&format!("{}/new", catalogue(&app)), &partial)
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = b.text(&catalogue(&app)).await;
    assert!(page.contains("Puuttuu: menetelmä, määrä"), "{page}");
    assert!(page.contains("75 % tiedoista on kirjattu"), "{page}");
}

#[tokio::test]
async fn a_refused_activity_keeps_what_was_typed_and_says_why() {
    let app = spawn().await;
    let b = app.login("coordinator").await;
    let long = "x".repeat(5_001);
    let mut bad = fields(&long, "paljon");
    bad.push(("contexts", "not-a-context"));
    bad.retain(|(k, _)| *k != "period");
    bad.push(("period", "joskus"));
    let r = b.post_form(&format!("{}/new", catalogue(&app)), &bad).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.expect("body");
    assert!(page.contains("Lomakkeessa on virheitä"), "{page}");
    assert!(page.contains("value=\"paljon\""), "the count typed is kept");
    assert!(
        page.contains("value=\"joskus\""),
        "the period typed is kept"
    );
    assert!(page.contains("Enintään 5"), "the text is too long: {page}");
    assert!(
        app.store
            .activities(Some(app.org))
            .await
            .expect("list")
            .is_empty(),
        "nothing is saved"
    );
}

#[tokio::test]
async fn activities_are_edited_and_deleted_only_by_their_organisation() {
    let app = spawn().await;
    let b = app.login("coordinator").await;
    b.post_form(
        &format!("{}/new", catalogue(&app)),
        &fields("Vanhempainillat", "3-5 vuodessa"),
    )
    .await;
    let id = app.store.activities(Some(app.org)).await.expect("list")[0].id;
    let edit = format!("{}/{id}", catalogue(&app));
    let (status, page) = b.text(&edit).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("value=\"3-5 vuodessa\""),
        "the count as it was written"
    );
    let r = b
        .post_form(&edit, &fields("Vanhempainillat ja perhedialogit", "noin 8"))
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let saved = app.store.activity(id).await.expect("read");
    assert_eq!(saved.activity.text, "Vanhempainillat ja perhedialogit");

    // Another organisation's coordinator does not find it.
    let other = app
        .store
        .create_org("Muu kunta", time::OffsetDateTime::now_utc())
        .await
        .expect("org");
    let site = app.login("site").await;
    let wrong = format!("/orgs/{}/catalogue/{id}", other.id);
    assert_eq!(site.get(&wrong).await.status(), StatusCode::NOT_FOUND);

    let r = b.post_form(&format!("{edit}/delete"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(
        app.store
            .activities(Some(app.org))
            .await
            .expect("list")
            .is_empty()
    );
}

#[tokio::test]
async fn who_may_see_and_change_the_catalogue() {
    let app = spawn().await;
    let page = catalogue(&app);
    let new = format!("{page}/new");
    for who in ["coordinator", "admin", "site"] {
        let b = app.login(who).await;
        assert_eq!(b.get(&page).await.status(), StatusCode::OK, "{who} sees it");
        assert_eq!(
            b.get(&new).await.status(),
            StatusCode::OK,
            "{who} may record"
        );
    }
    for who in ["orderer", "facilitator", "outsider"] {
        let b = app.login(who).await;
        assert_eq!(b.get(&page).await.status(), StatusCode::NOT_FOUND, "{who}");
        let r = b.post_form(&new, &fields("Ei saa", "1")).await;
        assert!(
            matches!(r.status(), StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
            "{who}: {}",
            r.status()
        );
    }
    let anon = app.browser();
    assert_eq!(anon.get(&page).await.status(), StatusCode::SEE_OTHER);
    // A form without its CSRF token is refused even from the coordinator.
    let b = app.login("coordinator").await;
    let r = b.post_untokened(&new, &fields("Ilman tokenia", "1")).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(
        app.store
            .activities(Some(app.org))
            .await
            .expect("list")
            .is_empty()
    );
}

#[tokio::test]
async fn requests_to_complete_are_sent_and_resolved() {
    let app = spawn().await;
    let site = app.login("site").await;
    let r = site
        .post_form(
            &format!("{}/requests", catalogue(&app)),
            &[
                ("missing", "count"),
                ("missing", "period"),
                (
                    "message",
                    "Lisäisittekö määrät ja vuodet vertaislistausta varten?",
                ),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let b = app.login("coordinator").await;
    let (_, home) = b.text("/").await;
    assert!(
        home.contains("Dialogikatalogista on pyydetty täydennystä"),
        "the front page tells of the request: {home}"
    );
    let (_, page) = b.text(&catalogue(&app)).await;
    assert!(page.contains("Lisäisittekö määrät ja vuodet"), "{page}");
    assert!(page.contains("määrä, ajankohta"));
    assert!(page.contains("avoin"));
    let id = app.store.completion_requests(app.org).await.expect("list")[0].id;
    // An admin cannot send requests, only resolve them.
    let admin = app.login("admin").await;
    let refused = admin
        .post_form(
            &format!("{}/requests", catalogue(&app)),
            &[("message", "x")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let r = admin
        .post_form(&format!("{}/requests/{id}", catalogue(&app)), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = b.text(&catalogue(&app)).await;
    assert!(page.contains("hoidettu"), "{page}");
    let (_, home) = b.text("/").await;
    assert!(
        !home.contains("täydennys"),
        "a resolved request is no longer news"
    );
    // An empty message is refused with a reason, and the choices stay.
    let r = site
        .post_form(
            &format!("{}/requests", catalogue(&app)),
            &[("missing", "method"), ("message", "  ")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.expect("body");
    assert!(page.contains("Tämä tieto tarvitaan."), "{page}");
    assert!(page.contains("value=\"method\" checked"), "{page}");
}

pub async fn add(app: &TestApp, org: vuoro_core::OrgId, text: &str, context: &str, public: bool) {
    let activity = ActivityInput {
        contexts: vec![context.into()],
        method: "eratauko".into(),
        period: "2021".into(),
        count: "noin 10".into(),
        text: text.into(),
        public,
        ..ActivityInput::default()
    }
    .validate(Vocabulary::builtin())
    .expect("valid");
    let now = time::OffsetDateTime::now_utc();
    app.store
        .add_activity(&ActivityRecord {
            id: vuoro_core::ActivityId::new(),
            org,
            activity,
            source: ActivitySource::Manual,
            created_by: None,
            created_at: now,
            updated_at: now,
        })
        .await
        .expect("add");
}

pub async fn publish(app: &TestApp, org: vuoro_core::OrgId, region: &str, processes: bool) {
    let mut c = app.store.org_catalogue(org).await.expect("catalogue");
    c.public = true;
    c.publish_processes = processes;
    c.region = Some(region.into());
    app.store.save_org_catalogue(&c).await.expect("save");
}

#[tokio::test]
async fn the_peer_listing_shows_only_what_was_published() {
    let app = spawn().await;
    let other = app
        .store
        .create_org("Naapurila", time::OffsetDateTime::now_utc())
        .await
        .expect("org")
        .id;
    let hidden = app
        .store
        .create_org("Salaila", time::OffsetDateTime::now_utc())
        .await
        .expect("org")
        .id;
    add(&app, app.org, "Kouludialogit", "school", true).await;
    add(&app, app.org, "Sisäinen kokeilu", "work_community", false).await;
    add(&app, other, "Asukasillat", "residents", true).await;
    add(&app, hidden, "Ei julkinen organisaatio", "school", true).await;
    publish(&app, app.org, "Uusimaa", false).await;
    publish(&app, other, "Lappi", false).await;
    // A process of the publishing organisation: not counted, since it did not publish them.
    let yotiimi =
        crate::helpers::order(&app, &app.login("orderer").await, "Yötiimi", "eratauko").await;

    let anon = app.browser();
    let (status, page) = anon.text("/listing").await;
    assert_eq!(status, StatusCode::OK, "no login needed");
    assert!(
        page.contains("Kouludialogit") && page.contains("Asukasillat"),
        "{page}"
    );
    for secret in [
        "Sisäinen kokeilu",
        "Ei julkinen organisaatio",
        "Salaila",
        "Yötiimi",
    ] {
        assert!(!page.contains(secret), "{secret} must not be public");
    }
    assert!(page.contains("<svg role=\"img\""), "charts are drawn");
    assert!(
        page.contains("Kirjauksia käyttöyhteyksittäin taulukkona"),
        "with tables"
    );

    // Filters.
    let (_, page) = anon.text("/listing?context=residents").await;
    assert!(page.contains("Asukasillat") && !page.contains("Kouludialogit"));
    let (_, page) = anon.text("/listing?region=lappi").await;
    assert!(page.contains("Asukasillat") && !page.contains("Kouludialogit"));
    let (_, page) = anon.text("/listing?year=2021&method=eratauko").await;
    assert!(page.contains("Asukasillat") && page.contains("Kouludialogit"));
    let (_, page) = anon.text("/listing?year=2019").await;
    assert!(page.contains("Ei julkaistuja kirjauksia näillä rajauksilla."));
    let (status, page) = anon.text("/listing?year=abc&context=%3Cscript%3E").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Vuosi ei kelpaa"), "{page}");
    assert!(
        !page.contains("<script>"),
        "input is never echoed as markup"
    );

    // When the organisation publishes its processes they count, without their names; an
    // order not yet held is not counted as held.
    publish(&app, app.org, "Uusimaa", true).await;
    let (_, page) = anon.text("/listing").await;
    assert!(
        !page.contains("<dt>Vuorossa käydyt prosessit</dt>"),
        "an ordered-only process is not held: {page}"
    );
    let pid = vuoro_core::ProcessId::parse(yotiimi.trim_start_matches("/processes/"))
        .expect("process id");
    let actor = app.user_id("orderer").await;
    for (from, to) in [
        (ProcessState::Ordered, ProcessState::Agreed),
        (ProcessState::Agreed, ProcessState::Phase1),
    ] {
        app.store
            .set_state(pid, from, to, actor, time::OffsetDateTime::now_utc())
            .await
            .expect("a test fixture moves its process");
    }
    let (_, page) = anon.text("/listing").await;
    assert!(
        page.contains("<dt>Vuorossa käydyt prosessit</dt><dd>1</dd>"),
        "{page}"
    );
    assert!(
        page.contains("3 kirjausta"),
        "two published records and the process: {page}"
    );
    assert!(!page.contains("Yötiimi"));

    // Side by side.
    let (status, page) = anon
        .text(&format!("/listing/compare?org={}&org={other}", app.org))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Testilän kunta") && page.contains("Naapurila"));
    assert!(page.contains("Kouludialogit (noin 10)"), "{page}");

    // Exports.
    let md = anon.get("/listing.md?context=school").await;
    assert_eq!(md.status(), StatusCode::OK);
    let text = md.text().await.expect("body");
    assert!(
        text.contains("# Vertaislistaus") || text.contains("Vertaislistaus"),
        "{text}"
    );
    assert!(
        text.contains("Kouludialogit (noin 10)") && !text.contains("Asukasillat"),
        "{text}"
    );
    let docx = anon.get("/listing.docx").await;
    assert_eq!(docx.status(), StatusCode::OK);
    let bytes = docx.bytes().await.expect("body");
    assert!(bytes.starts_with(b"PK"), "a .docx is a zip file");
}

#[tokio::test]
async fn processes_count_in_their_organisations_catalogue_once() {
    let app = spawn().await;
    let orderer = app.login("orderer").await;
    crate::helpers::order(&app, &orderer, "Kotihoidon yötiimi", "eratauko").await;
    let b = app.login("coordinator").await;
    let (_, page) = b.text(&catalogue(&app)).await;
    assert_eq!(page.matches("Kotihoidon yötiimi").count(), 1, "{page}");
    assert!(
        page.contains("Tulossa"),
        "an ordered process is planned activity"
    );
    // The site administrator sees the line but not the community's name.
    let site = app.login("site").await;
    let (_, page) = site.text(&catalogue(&app)).await;
    assert!(!page.contains("Kotihoidon yötiimi"), "{page}");
    assert!(page.contains("Dialogiprosessi vuorossa"));
}
