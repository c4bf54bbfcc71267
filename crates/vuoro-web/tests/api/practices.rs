//! Practices over HTTP: groups record them from their phones in phase 2, staff add, correct and
//! follow them up, and only the orderer and the facilitator may.

use crate::helpers::*;
use crate::live::{join, open_session};
use reqwest::StatusCode;

/// A Good Practices Dialogue in phase 2 with a session planned for each phase. Returns the
/// process path.
async fn process_in_phase2(app: &TestApp) -> String {
    let orderer = app.login("orderer").await;
    let coordinator = app.login("coordinator").await;
    let facilitator = app.login("facilitator").await;
    let p = order(
        app,
        &orderer,
        "Hyvät käytännöt",
        "hyvien-kaytantojen-dialogit",
    )
    .await;
    let fac = app.user_id("facilitator").await.to_string();
    coordinator
        .post_form(&format!("{p}/assign"), &[("facilitator", &fac)])
        .await;
    accept_offer(app, &p, "facilitator").await;
    for (title, phase, date) in [
        ("Pohdinta", "1", "2027-02-01"),
        ("Käytännöt", "2", "2027-03-01"),
    ] {
        let r = facilitator
            .add_session(
                &p,
                &[
                    ("title", title),
                    ("phase", phase),
                    ("date", date),
                    ("start", "09:00"),
                    ("end", "11:00"),
                    ("format", "face_to_face"),
                    ("place", "Sali"),
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
    for to in ["agree", "start_phase1", "start_phase2"] {
        let r = facilitator
            .post_form(&format!("{p}/transition"), &[("to", to)])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{to}");
    }
    p
}

#[tokio::test]
async fn groups_record_practices_and_staff_follow_them_up() {
    let app = spawn().await;
    let p = process_in_phase2(&app).await;
    let facilitator = app.login("facilitator").await;
    // The phase 2 session: the second planned one.
    let r = facilitator
        .post_form(&format!("{p}/sessions/2/open"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let run = location(&r);
    let (_, page) = facilitator.text(&run).await;
    let start = page.find("/join/").expect("code") + "/join/".len();
    let code = page[start..start + 6].to_owned();
    let lid = run.trim_end_matches("/run").to_owned();

    // A café table records a practice; the table goes with it, the person does not.
    facilitator
        .post_form(
            &format!("{lid}/cafe"),
            &[
                ("do", "setup"),
                ("rounds", "1"),
                ("questions", "Mitä kehitämme?"),
            ],
        )
        .await;
    let (phone, phone_page) = join(&app, &code, &[("lang", "fi")]).await;
    facilitator
        .post_form(&format!("{lid}/cafe"), &[("do", "next")])
        .await;
    let (_, html) = phone.text(&phone_page).await;
    assert!(html.contains("Kirjatkaa sovittu käytäntö"));
    let r = phone
        .post_form(
            &format!("{phone_page}/practices"),
            &[
                ("kind", "develop"),
                ("title", "Perjantain viikkopalaveri"),
                ("owner", "tiimivastaava"),
                ("due", "2027-04-30"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // A bad date is refused and what was typed is kept.
    let r = phone
        .post_form(
            &format!("{phone_page}/practices"),
            &[
                ("kind", "keep"),
                ("title", "Aamukahvit"),
                ("due", "huomenna"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert!(html.contains("Päivämäärä ei kelpaa."));
    assert!(html.contains(">Aamukahvit</textarea>"));
    let (_, html) = phone.text(&phone_page).await;
    assert!(html.contains("Perjantain viikkopalaveri") && html.contains("(A: Mitä kehitämme?)"));

    // Staff see it with its group, add their own, and follow it up.
    let practices = format!("{p}/practices");
    let (_, html) = facilitator.text(&practices).await;
    assert!(html.contains("Perjantain viikkopalaveri"));
    assert!(html.contains("Ryhmä: A: Mitä kehitämme?"));
    assert!(html.contains("Vie eteenpäin: tiimivastaava") && html.contains("mennessä 30.4.2027"));
    let orderer = app.login("orderer").await;
    let r = orderer
        .post_form(
            &practices,
            &[
                ("kind", "keep"),
                ("title", "Aamukahvit yhdessä"),
                ("owner", ""),
                ("due", "2020-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = orderer.text(&practices).await;
    assert!(
        html.contains("Aamukahvit yhdessä") && html.contains("myöhässä"),
        "past its date"
    );
    let r = orderer
        .post_form(&practices, &[("kind", "keep"), ("title", " ")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.expect("body").contains("Käytäntö: "));

    let id_of = |html: &str, title: &str| {
        let at = html.find(title).expect("listed");
        let start = html[..at].rfind("id=\"practice-title-").expect("its id")
            + "id=\"practice-title-".len();
        html[start..start + 36].to_owned()
    };
    let coffee = id_of(&html, "Aamukahvit yhdessä");
    let r = facilitator
        .post_form(
            &format!("{practices}/{coffee}"),
            &[("do", "status"), ("status", "done")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = facilitator.text(&practices).await;
    assert!(!html.contains("myöhässä"), "a done practice is not overdue");
    let r = facilitator
        .post_form(
            &format!("{practices}/{coffee}"),
            &[
                ("do", "edit"),
                ("kind", "keep"),
                ("title", "Aamukahvit yhdessä maanantaisin"),
                ("owner", "Kaikki"),
                ("due", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = facilitator.text(&p).await;
    assert!(
        html.contains("päivitti käytännön tilaksi: tehty"),
        "the process history says so"
    );
    assert!(html.contains("kirjasi käytännön"));

    // Closing keeps the follow-up open to the orderer and the facilitator.
    for to in ["start_summary"] {
        facilitator
            .post_form(&format!("{p}/transition"), &[("to", to)])
            .await;
    }
    orderer
        .post_form(
            &format!("{p}/transition"),
            &[("to", "close"), ("confirm", "yes")],
        )
        .await;
    let r = orderer
        .post_form(
            &format!("{practices}/{coffee}"),
            &[("do", "status"), ("status", "in_progress")],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "followed up after closing"
    );

    // Others may not; strangers do not even see the list.
    let coordinator = app.login("coordinator").await;
    assert_eq!(coordinator.get(&practices).await.status(), StatusCode::OK);
    let s = coordinator
        .post_form(
            &format!("{practices}/{coffee}"),
            &[("do", "status"), ("status", "dropped")],
        )
        .await
        .status();
    assert_eq!(s, StatusCode::FORBIDDEN);
    for who in ["facilitator2", "outsider"] {
        let b = app.login(who).await;
        assert_eq!(
            b.get(&practices).await.status(),
            StatusCode::NOT_FOUND,
            "{who}"
        );
        let s = b
            .post_form(&practices, &[("kind", "keep"), ("title", "x")])
            .await
            .status();
        assert_eq!(s, StatusCode::NOT_FOUND, "{who}");
    }
    // A phone cannot record practices in phase 1, nor after the session closed.
    let s = phone
        .post_form(
            &format!("{phone_page}/practices"),
            &[("kind", "keep"), ("title", "Myöhään")],
        )
        .await
        .status();
    assert_eq!(s, StatusCode::CONFLICT);
}

#[tokio::test]
async fn phase_one_phones_get_no_practice_form() {
    let app = spawn().await;
    let p = crate::live::process_in_phase1(&app).await;
    let (_, code) = open_session(&app, &p).await;
    let (phone, page) = join(&app, &code, &[("lang", "fi")]).await;
    let (_, html) = phone.text(&page).await;
    assert!(!html.contains("Kirjatkaa sovittu käytäntö"));
    let s = phone
        .post_form(
            &format!("{page}/practices"),
            &[("kind", "keep"), ("title", "Aikaisin")],
        )
        .await
        .status();
    assert_eq!(s, StatusCode::CONFLICT);
}
