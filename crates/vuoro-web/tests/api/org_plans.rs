//! An organisation's plans over HTTP: naming a plan and its areas, linking processes to areas
//! (from the plan and from the process page), the published summaries under their areas, and
//! who may see any of it.

use crate::helpers::{Browser, PASSWORD, TestApp, email, location, order, spawn};
use reqwest::StatusCode;
use time::OffsetDateTime;
use vuoro_core::plan::SummaryVisibility;
use vuoro_core::summary::{Block, Summary, SummaryState};
use vuoro_core::{OrgPlanId, ProcessId, Role, RoleSet};
use vuoro_store::NewUser;

fn plans(app: &TestApp) -> String {
    format!("/orgs/{}/plans", app.org)
}

/// Creates a plan as `b`; returns its path.
async fn create(app: &TestApp, b: &Browser, areas: &str) -> String {
    let r = b
        .post_form(
            &plans(app),
            &[
                ("name", "Avoimen hallinnon toimintasuunnitelma"),
                ("description", "Kunnan sitoumukset 2025–2027"),
                ("areas", areas),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = location(&r);
    assert!(to.starts_with(&format!("{}/", plans(app))), "{to}");
    to
}

/// The id of the area named `name` on a plan's page.
async fn area_id(app: &TestApp, plan_path: &str, name: &str) -> String {
    let id = OrgPlanId::parse(plan_path.rsplit('/').next().expect("an id")).expect("an id");
    let plan = app.store.org_plan(id).await.expect("the plan");
    plan.areas
        .iter()
        .find(|a| a.name == name)
        .map(|a| a.id.to_string())
        .expect("the area")
}

fn pid(path: &str) -> String {
    path.trim_start_matches("/processes/").to_owned()
}

#[tokio::test]
async fn a_plan_is_named_and_bad_input_is_kept() {
    let app = spawn().await;
    let b = app.login("coordinator").await;
    let (s, page) = b.text(&plans(&app)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Suunnitelmia ei ole vielä nimetty."));
    // The catalogue leads here.
    let (_, cat) = b.text(&format!("/orgs/{}/catalogue", app.org)).await;
    assert!(cat.contains(&format!("href=\"{}\"", plans(&app))));

    let plan = create(&app, &b, "Osallisuus\n\nAvoin data\nosallisuus").await;
    let (s, page) = b.text(&plan).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Avoimen hallinnon toimintasuunnitelma"));
    assert!(page.contains("Kunnan sitoumukset 2025–2027"));
    assert!(page.contains(">Osallisuus</bdi></h2>") && page.contains(">Avoin data</bdi></h2>"));
    assert_eq!(
        page.matches("<h2 id=\"h-area-").count(),
        2,
        "a repeated area once"
    );
    let (_, list) = b.text(&plans(&app)).await;
    assert!(list.contains("2 osa-aluetta"));

    // Bad input comes back as typed, with the reason, and nothing is saved.
    let long = "x".repeat(10_000);
    let many: String = (1..=101).map(|i| format!("Alue {i}\n")).collect();
    for (name, areas, reason) in [
        ("", "Hyvinvointi", "Tämä tieto tarvitaan."),
        (long.as_str(), "Hyvinvointi", "Enintään 200 merkkiä."),
        ("Strategia", many.as_str(), "Enintään 100 osa-aluetta."),
        ("Strategia", "", "Tämä tieto tarvitaan."),
    ] {
        let r = b
            .post_form(
                &plans(&app),
                &[
                    ("name", name),
                    ("description", "Kuvaus jää"),
                    ("areas", areas),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.expect("body");
        assert!(html.contains(reason), "{reason}");
        assert!(html.contains("Lomakkeessa on virheitä."));
        assert!(html.contains("Kuvaus jää"), "the description is kept");
        if areas.len() > 100 {
            assert!(html.contains("Alue 101"), "the areas are kept");
        }
        if name.len() > 100 {
            assert!(html.contains(&long), "the name is kept");
        }
    }
    assert_eq!(
        app.store.org_plans(app.org).await.expect("plans").len(),
        1,
        "nothing more was saved"
    );

    // Without the token the form is refused before it reaches the handler.
    let r = b
        .post_untokened(&plans(&app), &[("name", "Ilman"), ("areas", "A")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.store.org_plans(app.org).await.expect("plans").len(), 1);
}

#[tokio::test]
async fn the_plan_shows_what_dialogue_said_about_each_area() {
    let app = spawn().await;
    let coordinator = app.login("coordinator").await;
    let orderer = app.login("orderer").await;
    let p = order(&app, &orderer, "Kotihoidon yötiimi", "eratauko").await;
    let plan = create(&app, &coordinator, "Osallisuus\nAvoin data").await;
    let area = area_id(&app, &plan, "Osallisuus").await;
    let link = format!("{plan}/areas/{area}/processes");

    let (_, page) = coordinator.text(&plan).await;
    assert!(
        page.contains("Kotihoidon yötiimi (Tilattu)"),
        "offered for linking"
    );
    let r = coordinator
        .post_form(&link, &[("do", "link"), ("process", &pid(&p))])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), format!("{plan}#area-{area}"));
    let (_, page) = coordinator.text(&plan).await;
    assert!(page.contains(&format!("<a href=\"{p}\">Kotihoidon yötiimi</a>")));
    assert!(page.contains("Koostetta ei ole vielä julkaistu."));

    // A draft is not what dialogue said; the published version is.
    let id = ProcessId::parse(&pid(&p)).expect("id");
    let who = app.user_id("orderer").await;
    let now = OffsetDateTime::now_utc();
    let draft = Summary {
        blocks: vec![Block::paragraph("Luonnoksen lause", Vec::new())],
    };
    let v = app
        .store
        .save_summary(id, None, &draft, SummaryState::Draft, who, now)
        .await
        .expect("draft");
    let published = Summary {
        blocks: vec![
            Block::heading("Mitä kuulimme"),
            Block::paragraph("Yövuoroon toivotaan toista hoitajaa.", Vec::new()),
        ],
    };
    app.store
        .save_summary(id, Some(v), &published, SummaryState::Published, who, now)
        .await
        .expect("published");
    let (_, page) = coordinator.text(&plan).await;
    let at = page.find("Osallisuus</bdi></h2>").expect("the area");
    let next = page.find("Avoin data</bdi></h2>").expect("the other area");
    let section = &page[at..next];
    assert!(section.contains("Mitä dialogissa sanottiin"));
    assert!(section.contains("<strong>Mitä kuulimme</strong>"));
    assert!(section.contains("Yövuoroon toivotaan toista hoitajaa."));
    assert!(!page.contains("Luonnoksen lause"));

    // A site administrator keeps plans but does not see processes: not the name, and the
    // summary only as far as the process's plan shares it (by default, not with them).
    let site = app.login("site").await;
    let (s, page) = site.text(&plan).await;
    assert_eq!(s, StatusCode::OK);
    assert!(!page.contains("Kotihoidon yötiimi"), "no community name");
    assert!(page.contains("Dialogiprosessi"));
    assert!(!page.contains("Yövuoroon toivotaan toista hoitajaa."));
    assert!(!page.contains(&format!("href=\"{p}\"")));

    // Unlinked, it leaves the area.
    let r = coordinator
        .post_form(&link, &[("do", "unlink"), ("process", &pid(&p))])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = coordinator.text(&plan).await;
    assert!(!page.contains("Yövuoroon toivotaan toista hoitajaa."));

    // Nothing chosen, or a process the organisation does not have: the form says so.
    let r = coordinator
        .post_form(&link, &[("do", "link"), ("process", "")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = coordinator
        .post_form(
            &link,
            &[("do", "link"), ("process", &ProcessId::new().to_string())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_process_is_linked_from_its_own_page() {
    let app = spawn().await;
    let coordinator = app.login("coordinator").await;
    let orderer = app.login("orderer").await;
    let p = order(&app, &orderer, "Kirjaston tiimi", "eratauko").await;
    let plan = create(&app, &coordinator, "Osallisuus\nAvoin data").await;
    let area = area_id(&app, &plan, "Avoin data").await;

    let (_, page) = coordinator.text(&p).await;
    assert!(page.contains("Prosessia ei ole liitetty minkään suunnitelman osa-alueeseen."));
    assert!(page.contains("Avoimen hallinnon toimintasuunnitelma: Avoin data"));
    let r = coordinator
        .post_form(&format!("{p}/plans"), &[("do", "link"), ("area", &area)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), format!("{p}#plans"));
    let (_, page) = coordinator.text(&p).await;
    assert!(page.contains(&format!("{plan}#area-{area}")));
    let (_, plan_page) = coordinator.text(&plan).await;
    assert!(plan_page.contains("Kirjaston tiimi</a>"));

    // The orderer sees which areas the process feeds, without forms.
    let (_, page) = orderer.text(&p).await;
    assert!(
        page.contains("<bdi>Avoimen hallinnon toimintasuunnitelma</bdi>: <bdi>Avoin data</bdi>")
    );
    assert!(!page.contains(&format!("action=\"{p}/plans\"")));
    let r = orderer
        .post_form(&format!("{p}/plans"), &[("do", "unlink"), ("area", &area)])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // An area of no plan of the organisation is refused.
    let r = coordinator
        .post_form(
            &format!("{p}/plans"),
            &[
                ("do", "link"),
                ("area", &vuoro_core::PlanAreaId::new().to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);

    let r = coordinator
        .post_form(&format!("{p}/plans"), &[("do", "unlink"), ("area", &area)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, plan_page) = coordinator.text(&plan).await;
    assert!(!plan_page.contains("Kirjaston tiimi</a>"));
}

#[tokio::test]
async fn plans_are_hidden_from_everyone_who_does_not_keep_the_catalogue() {
    let app = spawn().await;
    let coordinator = app.login("coordinator").await;
    let plan = create(&app, &coordinator, "Osallisuus").await;
    let area = area_id(&app, &plan, "Osallisuus").await;
    let link = format!("{plan}/areas/{area}/processes");

    // A coordinator of another organisation.
    let other = app
        .store
        .create_org("Naapurila", time::OffsetDateTime::now_utc())
        .await
        .expect("org")
        .id;
    let hash = vuoro_web::auth::hash_password(PASSWORD).expect("hash");
    let u = app
        .store
        .create_user(
            NewUser {
                email: email("neighbour"),
                name: "Naapuri".into(),
                password_hash: hash,
                site_admin: false,
            },
            time::OffsetDateTime::now_utc(),
        )
        .await
        .expect("user");
    app.store
        .set_roles(other, u.id, RoleSet::empty().with(Role::Coordinator))
        .await
        .expect("roles");
    let neighbour = app.login("neighbour").await;
    // The facilitator cannot keep the catalogue (Action::EditCatalogue): the code answers 404,
    // as to a stranger, so the plans are not revealed.
    let facilitator = app.login("facilitator").await;
    let outsider = app.login("outsider").await;
    for b in [&neighbour, &facilitator, &outsider] {
        assert_eq!(b.get(&plans(&app)).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(b.get(&plan).await.status(), StatusCode::NOT_FOUND);
        let r = b
            .post_form(&plans(&app), &[("name", "X"), ("areas", "Y")])
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let r = b
            .post_form(
                &link,
                &[("do", "unlink"), ("process", &ProcessId::new().to_string())],
            )
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }
    // Their own organisation's address does not reach this plan either.
    let r = neighbour
        .get(&plan.replace(&app.org.to_string(), &other.to_string()))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // Without a login: to the login page.
    let r = app.browser().get(&plans(&app)).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/login");
    // An organisation's admin keeps the catalogue, and so the plans.
    let admin = app.login("admin").await;
    assert_eq!(admin.get(&plan).await.status(), StatusCode::OK);
}

/// Sets the summary visibility of the process's plan, as a new plan version.
async fn share_summary(app: &TestApp, id: ProcessId, visibility: SummaryVisibility) {
    let p = app.store.process(id).await.expect("process");
    let mut plan = app.store.plan(id, p.plan_version).await.expect("plan").plan;
    plan.summary_visibility = visibility;
    let who = app.user_id("orderer").await;
    app.store
        .save_plan(
            id,
            p.plan_version,
            &plan,
            who,
            time::OffsetDateTime::now_utc(),
            &[],
        )
        .await
        .expect("saved");
}

/// Someone who keeps the plan but may not see a linked process reads its published summary
/// only as far as the process's plan shares it, and never its community's name.
#[tokio::test]
async fn the_summary_shows_only_as_far_as_its_plan_shares_it() {
    let app = spawn().await;
    let coordinator = app.login("coordinator").await;
    let orderer = app.login("orderer").await;
    let p = order(&app, &orderer, "Päiväkodin tiimi", "eratauko").await;
    let plan = create(&app, &coordinator, "Osallisuus").await;
    let area = area_id(&app, &plan, "Osallisuus").await;
    let r = coordinator
        .post_form(
            &format!("{plan}/areas/{area}/processes"),
            &[("do", "link"), ("process", &pid(&p))],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let id = ProcessId::parse(&pid(&p)).expect("id");
    let who = app.user_id("orderer").await;
    let published = Summary {
        blocks: vec![Block::paragraph(
            "Lepohetkiin toivotaan rauhaa.",
            Vec::new(),
        )],
    };
    app.store
        .save_summary(
            id,
            None,
            &published,
            SummaryState::Published,
            who,
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("published");
    const TEXT: &str = "Lepohetkiin toivotaan rauhaa.";
    const NOT_SHARED: &str = "Prosessin suunnitelma ei jaa koostetta sinulle";

    // The organisation's admin keeps the plans but has no part in the process; the site
    // administrator keeps them without any role in the organisation.
    let admin = app.login("admin").await;
    let site = app.login("site").await;
    let sees = |page: &str| page.contains(TEXT);
    let cases = [
        (SummaryVisibility::Participants, false, false),
        (SummaryVisibility::Organisation, true, false),
        (SummaryVisibility::Public, true, true),
    ];
    for (visibility, admin_sees, site_sees) in cases {
        share_summary(&app, id, visibility).await;
        let (s, page) = admin.text(&plan).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(sees(&page), admin_sees, "admin, {visibility:?}");
        assert_eq!(
            page.contains(NOT_SHARED),
            !admin_sees,
            "admin, {visibility:?}"
        );
        assert!(!page.contains("Päiväkodin tiimi"), "never the name");
        assert!(!page.contains(&format!("href=\"{p}\"")));
        let (s, page) = site.text(&plan).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(sees(&page), site_sees, "site administrator, {visibility:?}");
        assert!(!page.contains("Päiväkodin tiimi"), "never the name");
        // Those who may see the process read it whatever the setting.
        let (_, page) = coordinator.text(&plan).await;
        assert!(
            sees(&page) && page.contains("Päiväkodin tiimi"),
            "{visibility:?}"
        );
    }
}
