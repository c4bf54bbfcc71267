//! Every route refuses the roles it must. The table lists, per route, who may use it; every
//! other test user must be refused (403, or 404 where the process's existence is not theirs to
//! know).

use crate::helpers::*;
use reqwest::StatusCode;

const EVERYONE: &[&str] = &[
    "site",
    "admin",
    "coordinator",
    "orderer",
    "facilitator",
    "facilitator2",
    "outsider",
];

/// A form post: path, fields, and the users who may send it.
type PostCase = (String, Vec<(&'static str, String)>, &'static [&'static str]);

fn allowed(status: StatusCode) -> bool {
    status.is_success()
        || status == StatusCode::SEE_OTHER
        || status == StatusCode::UNPROCESSABLE_ENTITY
}

#[tokio::test]
async fn each_route_admits_only_its_roles() {
    let app = spawn().await;
    let orderer = app.login("orderer").await;
    let p = order(&app, &orderer, "Oikeustesti", "eratauko").await;
    let coordinator = app.login("coordinator").await;
    let fac = app.user_id("facilitator").await.to_string();
    coordinator
        .post_form(&format!("{p}/assign"), &[("facilitator", &fac)])
        .await;
    let r = orderer
        .add_session(
            &p,
            &[
                ("title", "Istunto"),
                ("phase", "1"),
                ("date", "2027-05-05"),
                ("start", "10:00"),
                ("end", "12:00"),
                ("format", "face_to_face"),
                ("place", "Sali"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let org = app.org;
    let outsider_id = app.user_id("orderer").await;

    // (method, path, fields, who may)
    let gets: Vec<(String, &[&str])> = vec![
        ("/admin/orgs".into(), &["site"]),
        (format!("/orgs/{org}"), &["site", "admin"]),
        (format!("/orgs/{org}/processes"), &["coordinator"]),
        (
            format!("/orgs/{org}/orders/new"),
            &["coordinator", "orderer"],
        ),
        (p.clone(), &["coordinator", "orderer", "facilitator"]),
        (
            format!("{p}/plan"),
            &["coordinator", "orderer", "facilitator"],
        ),
        (
            format!("{p}/versions"),
            &["coordinator", "orderer", "facilitator"],
        ),
        (
            format!("{p}/versions/1"),
            &["coordinator", "orderer", "facilitator"],
        ),
        (
            format!("{p}/plan/adapt"),
            &["coordinator", "orderer", "facilitator"],
        ),
        (
            format!("{p}/sessions/1/calendar.ics"),
            &["coordinator", "orderer", "facilitator"],
        ),
    ];
    for (path, who) in &gets {
        for user in EVERYONE {
            let b = app.login(user).await;
            let s = b.get(path).await.status();
            if who.contains(user) {
                assert!(allowed(s), "{user} may GET {path}, got {s}");
            } else {
                assert!(
                    s == StatusCode::FORBIDDEN || s == StatusCode::NOT_FOUND,
                    "{user} must not GET {path}, got {s}"
                );
            }
        }
    }

    let v = {
        let (_, page) = orderer.text(&format!("{p}/plan")).await;
        plan_version(&page)
    };
    let posts: Vec<PostCase> = vec![
        (
            "/admin/orgs".into(),
            vec![("name", "Uusi kunta".into())],
            &["site"],
        ),
        (
            format!("/orgs/{org}/units"),
            vec![("name", "Uusi yksikkö".into())],
            &["site", "admin"],
        ),
        (
            format!("/orgs/{org}/invitations"),
            vec![
                ("email", "x@test.vuoro.fi".into()),
                ("roles", "orderer".into()),
            ],
            &["site", "admin"],
        ),
        (
            format!("/orgs/{org}/members/{outsider_id}/roles"),
            vec![("roles", "orderer".into())],
            &["site", "admin"],
        ),
        (
            format!("{p}/assign"),
            vec![("facilitator", fac.clone())],
            &["coordinator"],
        ),
        (
            format!("{p}/approve"),
            vec![("as", "facilitator".into()), ("version", v.clone())],
            &["facilitator"],
        ),
        // Only the facilitator may start a phase; here the state machine then refuses (409).
        (
            format!("{p}/transition"),
            vec![("to", "start_phase1".into())],
            &["facilitator"],
        ),
    ];
    for (path, fields, who) in &posts {
        for user in EVERYONE {
            let b = app.login(user).await;
            let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let s = b.post_form(path, &f).await.status();
            if who.contains(user) {
                assert!(
                    allowed(s) || s == StatusCode::CONFLICT,
                    "{user} may POST {path}, got {s}"
                );
            } else {
                assert!(
                    s == StatusCode::FORBIDDEN
                        || s == StatusCode::NOT_FOUND
                        || s == StatusCode::CONFLICT,
                    "{user} must not POST {path}, got {s}"
                );
                assert_ne!(
                    s,
                    StatusCode::CONFLICT,
                    "{user} POST {path} reached the state machine"
                );
            }
        }
    }

    // Cancelling belongs to the orderer and the coordinator, never the facilitator.
    let facilitator = app.login("facilitator").await;
    let s = facilitator
        .post_form(&format!("{p}/transition"), &[("to", "cancel")])
        .await
        .status();
    assert_eq!(s, StatusCode::FORBIDDEN);
    let s = orderer
        .post_form(&format!("{p}/transition"), &[("to", "cancel")])
        .await
        .status();
    assert_eq!(s, StatusCode::SEE_OTHER);
    let s = orderer
        .post_form(
            &format!("{p}/plan"),
            &[("version", "99"), ("summary_visibility", "public")],
        )
        .await
        .status();
    assert_eq!(
        s,
        StatusCode::FORBIDDEN,
        "a cancelled plan is no longer edited"
    );
}

#[tokio::test]
async fn admins_cannot_drop_their_own_admin_role() {
    let app = spawn().await;
    let admin = app.login("admin").await;
    let me = app.user_id("admin").await;
    let r = admin
        .post_form(
            &format!("/orgs/{}/members/{me}/roles", app.org),
            &[("roles", "orderer")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
}

/// A facilitator whose roles were removed keeps nothing of the process they ran: not its page,
/// not its notes, not the live runner, not its line on their front page. Then the same with
/// only the facilitator role taken away and another role kept.
#[tokio::test]
async fn removing_roles_removes_access_to_assigned_processes() {
    use vuoro_store::Store;
    let app = spawn().await;
    let p = crate::live::process_in_phase1(&app).await;
    let (run, code) = crate::live::open_session(&app, &p).await;
    let (phone, page) = crate::live::join(&app, &code, &[("lang", "fi")]).await;
    let r = crate::live::write(&phone, &page, "Luottamus kasvaa").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let facilitator = app.login("facilitator").await;
    let notes = format!("{p}/export/notes.csv");
    let lid = run.trim_end_matches("/run").to_owned();
    let paths = [
        p.clone(),
        notes.clone(),
        run.clone(),
        format!("{lid}/projector"),
    ];
    for path in &paths {
        assert_eq!(
            facilitator.get(path).await.status(),
            StatusCode::OK,
            "{path}"
        );
    }
    let (_, home) = facilitator.text("/").await;
    assert!(home.contains(&p), "the front page lists the process");

    let admin = app.login("admin").await;
    let fac = app.user_id("facilitator").await;
    let members = format!("/orgs/{}/members/{fac}/roles", app.org);
    let r = admin.post_form(&members, &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "every role removed");
    for path in &paths {
        assert_eq!(
            facilitator.get(path).await.status(),
            StatusCode::NOT_FOUND,
            "{path} after the roles were removed"
        );
    }
    let (_, csv) = facilitator.text(&notes).await;
    assert!(!csv.contains("Luottamus kasvaa"));
    let r = facilitator
        .post_form(&format!("{lid}/control"), &[("do", "next")])
        .await;
    assert_eq!(
        r.status(),
        StatusCode::NOT_FOUND,
        "the session is not theirs to run"
    );
    let (_, home) = facilitator.text("/").await;
    assert!(!home.contains(&p), "nor listed on their front page");

    // Back in the organisation as an orderer only: still not this process's facilitator.
    app.store
        .set_roles(
            app.org,
            fac,
            [vuoro_core::Role::Orderer].into_iter().collect(),
        )
        .await
        .expect("roles");
    for path in &paths {
        assert_eq!(
            facilitator.get(path).await.status(),
            StatusCode::NOT_FOUND,
            "{path} without the facilitator role"
        );
    }
    // The facilitator role given back restores what the assignment gives.
    app.store
        .set_roles(
            app.org,
            fac,
            [vuoro_core::Role::Facilitator].into_iter().collect(),
        )
        .await
        .expect("roles");
    assert_eq!(facilitator.get(&run).await.status(), StatusCode::OK);
}
