//! The facilitator network over HTTP: a facilitator's own page and profile, absences, recording
//! trainings and their completion (the facilitator role on completion), network meetings and
//! their attendance, the network page, bad input, and who may do any of it.

use crate::helpers::{PASSWORD, TestApp, email, location, spawn};
use reqwest::StatusCode;
use time::OffsetDateTime;
use vuoro_core::lang::ParticipantLang;
use vuoro_core::{Role, RoleSet, TrainingId};
use vuoro_store::{NewUser, RoleChangeVia};

fn network(app: &TestApp) -> String {
    format!("/orgs/{}/network", app.org)
}

async fn profile_path(app: &TestApp, who: &str) -> String {
    format!("{}/people/{}", network(app), app.user_id(who).await)
}

/// A coordinator of another organisation, logged in.
pub async fn neighbour(app: &TestApp) -> crate::helpers::Browser {
    let other = app
        .store
        .create_org("Naapurila", OffsetDateTime::now_utc())
        .await
        .expect("org")
        .id;
    let u = app
        .store
        .create_user(
            NewUser {
                email: email("neighbour"),
                name: "Naapuri".into(),
                password_hash: vuoro_web::auth::hash_password(PASSWORD).expect("hash"),
                site_admin: false,
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("user");
    app.store
        .set_roles(
            other,
            u.id,
            RoleSet::empty()
                .with(Role::Coordinator)
                .with(Role::Facilitator),
        )
        .await
        .expect("roles");
    app.login("neighbour").await
}

#[tokio::test]
async fn a_facilitator_keeps_their_own_profile_and_absences() {
    let app = spawn().await;
    let fac = app.login("facilitator").await;
    let me = app.user_id("facilitator").await;
    let own = profile_path(&app, "facilitator").await;
    let r = fac.get("/facilitation").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), own);
    let (s, html) = fac.text(&own).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Oma fasilitointi"), "{html}");
    assert!(html.contains("Profiilia ei ole vielä täytetty"));

    // Bad input comes back with what was typed and a translated error per field.
    let r = fac
        .post_form(
            &own,
            &[
                ("unit", "not-a-unit"),
                ("methods", "eratauko"),
                ("methods", "keksitty"),
                ("outsider", "yes"),
                ("capacity", "kuusi"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert!(html.contains("value=\"kuusi\""), "typed capacity kept");
    assert!(html.contains("Lomakkeessa on virheitä"));
    assert!(html.contains("aria-invalid=\"true\""));
    assert!(
        html.contains("value=\"yes\" checked"),
        "the outsider box stays ticked"
    );
    assert!(
        app.store
            .profile(app.org, me)
            .await
            .expect("read")
            .is_none()
    );

    let unit = app
        .store
        .create_unit(app.org, "Nuorisopalvelut")
        .await
        .expect("unit");
    let r = fac
        .post_form(
            &own,
            &[
                ("unit", &unit.id.to_string()),
                ("languages", "fi"),
                ("languages", "so"),
                ("methods", "eratauko"),
                ("capacity", "4,5"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let p = app
        .store
        .profile(app.org, me)
        .await
        .expect("read")
        .expect("saved");
    assert_eq!(p.capacity_minutes, 270);
    assert_eq!(p.unit, Some(unit.id));
    assert!(p.languages.contains(&ParticipantLang::So));
    assert!(!p.takes_outsider);
    let (_, html) = fac.text(&format!("{own}?saved=1")).await;
    assert!(html.contains("Profiili tallennettiin"));
    assert!(html.contains("4,5 tuntia kuukaudessa"), "{html}");
    assert!(html.contains("Nuorisopalvelut"));

    // Absences: a backwards span is refused, a good one kept, deleting asks first.
    let absences = format!("{own}/absences");
    let r = fac
        .post_form(&absences, &[("from", "2031-03-10"), ("to", "2031-03-01")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert!(html.contains("value=\"2031-03-10\""));
    let r = fac
        .post_form(&absences, &[("from", "2031-03-01"), ("to", "2031-03-10")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let stored = app.store.absences(app.org, me).await.expect("absences");
    assert_eq!(stored.len(), 1);
    let delete = format!("{absences}/{}/delete", stored[0].id);
    let r = fac.post_form(&delete, &[]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.expect("body");
    assert!(
        html.contains("Poistetaanko poissaolo 1.3.2031–10.3.2031?"),
        "{html}"
    );
    assert_eq!(app.store.absences(app.org, me).await.expect("a").len(), 1);
    let r = fac.post_form(&delete, &[("confirm", "yes")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(app.store.absences(app.org, me).await.expect("a").is_empty());

    // Nobody else's profile: another facilitator is refused reading and writing it, and the
    // facilitator adds no earlier trainings to their own (the coordinator does).
    let fac2 = app.login("facilitator2").await;
    assert_eq!(fac2.get(&own).await.status(), StatusCode::FORBIDDEN);
    let r = fac2
        .post_form(&own, &[("languages", "fi"), ("capacity", "1")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = fac2
        .post_form(&absences, &[("from", "2031-03-01"), ("to", "2031-03-10")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = fac
        .post_form(
            &format!("{own}/trainings"),
            &[
                ("method", "eratauko"),
                ("trainer", "THL"),
                ("date", "2020-01-01"),
                ("hours", "8"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // The network page is not theirs.
    assert_eq!(
        fac.get(&network(&app)).await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_coordinator_edits_any_profile_and_adds_earlier_trainings() {
    let app = spawn().await;
    let coord = app.login("coordinator").await;
    let fac = profile_path(&app, "facilitator").await;
    let r = coord
        .post_form(
            &fac,
            &[("languages", "sv"), ("outsider", "yes"), ("capacity", "6")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let me = app.user_id("facilitator").await;
    let p = app.store.profile(app.org, me).await.expect("r").expect("p");
    assert!(p.takes_outsider && p.capacity_minutes == 360);

    let held = format!("{fac}/trainings");
    let r = coord
        .post_form(
            &held,
            &[
                ("method", "eratauko"),
                ("trainer", ""),
                ("date", "2020-13-01"),
                ("hours", "0"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert!(html.contains("value=\"2020-13-01\""));
    let r = coord
        .post_form(
            &held,
            &[
                ("method", "eratauko"),
                ("trainer", "Erätauko-säätiö"),
                ("date", "2020-09-01"),
                ("hours", "8"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let list = app.store.held_trainings(app.org, me).await.expect("held");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].minutes, 480);
    // The admin sees the profile but changes nothing; the orderer sees nothing.
    let admin = app.login("admin").await;
    let (s, html) = admin.text(&fac).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Erätauko-säätiö"));
    assert!(
        !html.contains("Tulossa"),
        "an admin is not shown the processes"
    );
    let r = admin
        .post_form(&fac, &[("languages", "fi"), ("capacity", "1")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let orderer = app.login("orderer").await;
    assert_eq!(orderer.get(&fac).await.status(), StatusCode::FORBIDDEN);
    // A member who is not one: 404 to those who may see profiles.
    let nobody = format!("{}/people/{}", network(&app), app.user_id("outsider").await);
    assert_eq!(coord.get(&nobody).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_completed_training_makes_its_trainees_trained_facilitators() {
    let app = spawn().await;
    let coord = app.login("coordinator").await;
    let (orderer, fac) = (
        app.user_id("orderer").await,
        app.user_id("facilitator").await,
    );
    let (s, html) = coord
        .text(&format!("{}/trainings/new", network(&app)))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        html.contains("Testi orderer"),
        "members are offered as trainees"
    );
    let create = format!("{}/trainings", network(&app));
    // Refused: no trainee, and a trainee who is not a member.
    let r = coord
        .post_form(
            &create,
            &[
                ("method", "hyvien-kaytantojen-dialogit"),
                ("trainer", "THL"),
                ("from", "2027-02-01"),
                ("to", "2027-01-01"),
                ("hours", "18"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert!(html.contains("value=\"THL\""));
    let outsider = app.user_id("outsider").await.to_string();
    let r = coord
        .post_form(
            &create,
            &[
                ("method", "hyvien-kaytantojen-dialogit"),
                ("trainer", "THL"),
                ("from", "2027-02-01"),
                ("to", "2027-02-03"),
                ("hours", "18"),
                ("trainees", &outsider),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = coord
        .post_form(
            &create,
            &[
                ("method", "hyvien-kaytantojen-dialogit"),
                ("trainer", "THL"),
                ("from", "2027-02-01"),
                ("to", "2027-02-03"),
                ("hours", "18"),
                ("trainees", &orderer.to_string()),
                ("trainees", &fac.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = location(&r);
    let id = TrainingId::parse(page.rsplit('/').next().expect("id")).expect("id");
    let t = app.store.training(id).await.expect("training");
    assert_eq!(t.trainees.len(), 2);

    // The facilitator may not complete anyone.
    let facilitator = app.login("facilitator").await;
    let r = facilitator
        .post_form(
            &format!("{page}/complete"),
            &[("completed", &fac.to_string())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Nobody chosen, or someone not a trainee: refused.
    let r = coord.post_form(&format!("{page}/complete"), &[]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = coord
        .post_form(&format!("{page}/complete"), &[("completed", &outsider)])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = coord
        .post_form(
            &format!("{page}/complete"),
            &[
                ("completed", &orderer.to_string()),
                ("completed", &fac.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.expect("body");
    assert!(
        html.contains("Fasilitaattorin rooli annettiin: Testi orderer"),
        "{html}"
    );
    let roles = app.store.roles(app.org, orderer).await.expect("roles");
    assert!(roles.has(Role::Facilitator) && roles.has(Role::Orderer));
    let changes = app.store.role_changes(app.org, 5).await.expect("changes");
    assert_eq!(changes[0].via, RoleChangeVia::Training);
    assert_eq!(changes[0].actor, app.user_id("coordinator").await);
    // The audit page names the change in words.
    let admin = app.login("admin").await;
    let (_, audit) = admin.text(&format!("/orgs/{}/audit", app.org)).await;
    assert!(audit.contains("koulutuksen suoritus"), "{audit}");

    // The network page counts them trained in the method.
    let (s, html) = coord.text(&network(&app)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        html.contains("Hyvien käytäntöjen dialogit</td><td>2</td>"),
        "{html}"
    );
    // Their own page lists the training.
    let (_, html) = facilitator
        .text(&profile_path(&app, "facilitator").await)
        .await;
    assert!(html.contains("<bdi>THL</bdi>, 3.2.2027, 18 h"), "{html}");
}

#[tokio::test]
async fn meetings_their_attendance_and_the_network_page() {
    let app = spawn().await;
    let coord = app.login("coordinator").await;
    let create = format!("{}/meetings", network(&app));
    let r = coord
        .post_form(&create, &[("date", "31.12.2026"), ("title", "")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert!(html.contains("value=\"31.12.2026\""));
    let year = time::OffsetDateTime::now_utc().year();
    let date = format!("{year}-06-15");
    let r = coord
        .post_form(
            &create,
            &[
                ("date", &date),
                ("title", "Kesätapaaminen"),
                ("place", "Kaupungintalo"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = location(&r);
    let (fac, fac2) = (
        app.user_id("facilitator").await,
        app.user_id("facilitator2").await,
    );
    let r = coord
        .post_form(
            &format!("{page}/attendance"),
            &[
                ("attended", &fac.to_string()),
                ("attended", &fac2.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = coord.text(&location(&r)).await;
    assert!(html.contains("Osallistujat tallennettiin"));
    let r = coord
        .post_form(&format!("{page}/attendance"), &[("attended", "x")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let (s, html) = coord.text(&network(&app)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Kesätapaaminen"));
    assert!(html.contains("<td>2</td>"), "attendance counted");
    assert!(html.contains("Verkostossa on 2 fasilitaattoria"), "{html}");
    assert!(html.contains("ei koskaan"), "never facilitated");
    // Swedish and English pages are complete.
    for (lang, words) in [
        ("sv", "Facilitatornätverket"),
        ("en", "Facilitator network"),
    ] {
        let r = coord.get(&format!("/lang/{lang}")).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let (_, html) = coord.text(&network(&app)).await;
        assert!(html.contains(words), "{lang}");
    }

    // The admin sees the page but records nothing; orderers, facilitators and other
    // organisations' coordinators are refused.
    let admin = app.login("admin").await;
    assert_eq!(admin.get(&network(&app)).await.status(), StatusCode::OK);
    assert_eq!(
        admin.get(&format!("{}/new", create)).await.status(),
        StatusCode::FORBIDDEN
    );
    let orderer = app.login("orderer").await;
    assert_eq!(
        orderer.get(&network(&app)).await.status(),
        StatusCode::FORBIDDEN
    );
    let neighbour = neighbour(&app).await;
    assert_eq!(
        neighbour.get(&network(&app)).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(neighbour.get(&page).await.status(), StatusCode::FORBIDDEN);
    let r = neighbour
        .post_form(&create, &[("date", &date), ("title", "Vieras")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Their own facilitation page is in their own organisation.
    let r = neighbour.get("/facilitation").await;
    let theirs = location(&r);
    assert!(!theirs.contains(&app.org.to_string()));
    // Through their own organisation's address our meeting is not found either.
    let their_org = theirs
        .trim_start_matches("/orgs/")
        .split('/')
        .next()
        .expect("an organisation")
        .to_owned();
    let meeting_id = page.rsplit('/').next().expect("an id");
    let r = neighbour
        .get(&format!("/orgs/{their_org}/network/meetings/{meeting_id}"))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // Malformed addresses are not found.
    for path in [
        "/orgs/not-an-id/network".to_owned(),
        format!("{}/meetings/not-an-id", network(&app)),
        format!("{}/trainings/not-an-id", network(&app)),
        format!("{}/people/not-an-id", network(&app)),
    ] {
        assert_eq!(
            coord.get(&path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    // Someone without a facilitator role has no page of their own.
    assert_eq!(
        orderer.get("/facilitation").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_staff_export_carries_the_network_and_removal_takes_the_profile() {
    let app = spawn().await;
    let coord = app.login("coordinator").await;
    let fac = profile_path(&app, "facilitator").await;
    let r = coord
        .post_form(&fac, &[("languages", "fi"), ("capacity", "6")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let me = app.user_id("facilitator").await;
    let admin = app.login("admin").await;
    let (s, json) = admin
        .text(&format!("/orgs/{}/members/{me}/export", app.org))
        .await;
    assert_eq!(s, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["network"]["profiles"][0]["capacity_minutes"], 360);
    let r = admin
        .post_form(
            &format!("/orgs/{}/members/{me}/remove", app.org),
            &[("how", "anonymise"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(app.store.profile(app.org, me).await.expect("r").is_none());
}
