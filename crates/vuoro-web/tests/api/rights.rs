//! People's rights over their data, over HTTP: the retention rule and the daily pass, a
//! participant's own words on their phone, a staff member's export, anonymisation and
//! deletion, and the audit log.

use crate::helpers::*;
use crate::live::{join, open_session, process_in_phase1, write};
use reqwest::StatusCode;
use time::macros::datetime;
use vuoro_core::ProcessId;
use vuoro_core::summary::{Block, Summary, SummaryState};

fn process_id(path: &str) -> ProcessId {
    ProcessId::parse(path.trim_start_matches("/processes/")).expect("a process path")
}

/// Publishes a summary of the process at `at`, as its orderer.
async fn publish(app: &TestApp, p: &str, at: time::OffsetDateTime) {
    let orderer = app.user_id("orderer").await;
    let summary = Summary {
        blocks: vec![Block::paragraph("Sovimme tauoista.", Vec::new())],
    };
    app.store
        .save_summary(
            process_id(p),
            None,
            &summary,
            SummaryState::Published,
            orderer,
            at,
        )
        .await
        .expect("published");
}

#[tokio::test]
async fn the_daily_pass_deletes_raw_notes_once_due_and_the_process_page_says_so() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (_, code) = open_session(&app, &p).await;
    let (phone, page) = join(&app, &code, &[("lang", "fi")]).await;
    let r = write(&phone, &page, "Taukotila on liian ahdas").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let published = datetime!(2027-03-01 10:00 UTC);
    publish(&app, &p, published).await;
    let orderer = app.login("orderer").await;

    let (_, page_before) = orderer.text(&p).await;
    assert!(
        page_before.contains("poistetaan 12 kuukauden kuluttua yhteenvedon julkaisemisesta"),
        "the rule is shown"
    );
    assert!(page_before.contains("Poisto on vuorossa 1.3.2028."));
    let (_, plan) = orderer.text(&format!("{p}/plan")).await;
    assert!(
        plan.contains("poistetaan 12 kuukauden kuluttua"),
        "and on the plan"
    );

    let before = vuoro_web::retention::run(app.store.as_ref(), datetime!(2028-02-29 23:00 UTC))
        .await
        .expect("pass");
    assert!(before.is_empty(), "nothing is due before the deadline");
    let (_, notes) = orderer.text(&format!("{p}/export/notes.json")).await;
    assert!(notes.contains("Taukotila on liian ahdas"));

    let after = vuoro_web::retention::run(app.store.as_ref(), datetime!(2028-03-02 07:00 UTC))
        .await
        .expect("pass");
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].1.notes, 1);
    let (_, notes) = orderer.text(&format!("{p}/export/notes.json")).await;
    assert!(
        !notes.contains("Taukotila on liian ahdas"),
        "gone from the export"
    );
    let (_, page_after) = orderer.text(&p).await;
    assert!(
        page_after.contains("Raakamuistiinpanot poistettu 2.3.2028 (1 kpl)"),
        "the process page records the deletion"
    );
    assert!(!page_after.contains("Poisto on vuorossa"));
    let again = vuoro_web::retention::run(app.store.as_ref(), datetime!(2028-03-03 07:00 UTC))
        .await
        .expect("pass");
    assert!(again.is_empty(), "a second pass finds nothing");

    // The orderer chooses another period; the coordinator's admin sees it in the audit log.
    let r = orderer
        .post_form(&format!("{p}/retention"), &[("months", "24")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = orderer.text(&p).await;
    assert!(page.contains("poistetaan 24 kuukauden kuluttua"));
    let r = orderer
        .post_form(&format!("{p}/retention"), &[("months", "600")])
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "beyond the limits");
    let facilitator = app.login("facilitator").await;
    let r = facilitator
        .post_form(&format!("{p}/retention"), &[("months", "1")])
        .await;
    assert_eq!(
        r.status(),
        StatusCode::FORBIDDEN,
        "not the facilitator's choice"
    );

    let admin = app.login("admin").await;
    let (s, audit) = admin.text(&format!("/orgs/{}/audit", app.org)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(audit.contains("Säilytysaika muuttui"));
    assert!(audit.contains("12 → 24 kk"), "the change, in Finnish");
    assert!(audit.contains("Raakatiedot poistettiin"));
    assert!(
        audit.contains("muistiinpanoja 1"),
        "what was deleted, counted"
    );
    assert!(audit.contains("Palvelu (päivittäinen ajo)"));
}

/// The open space's topics and the name a participant chose to show are theirs too: listed on
/// their phone and deleted from there, and gone from every other phone.
#[tokio::test]
async fn a_participant_deletes_their_topic_and_their_shown_name() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let lid = run.trim_end_matches("/run").to_owned();
    let facilitator = app.login("facilitator").await;
    let r = facilitator
        .post_form(
            &format!("{lid}/openspace"),
            &[
                ("do", "setup"),
                ("slots", "10.00–10.45"),
                ("spaces", "Sali A"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (anna, page) = join(
        &app,
        &code,
        &[("lang", "fi"), ("show_name", "yes"), ("name", "Anna")],
    )
    .await;
    let (other, _) = join(&app, &code, &[("lang", "fi")]).await;
    let r = anna
        .post_form(&format!("{page}/topics"), &[("title", "Työrauha luokassa")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    write(&anna, &page, "Kahvitauot venyvät").await;
    let (_, html) = other.text(&page).await;
    assert!(html.contains("<bdi>Anna</bdi>"), "her name is shown");

    let own = format!("{page}/own");
    let (_, list) = anna.text(&own).await;
    assert!(list.contains("Ehdottamasi aiheet") && list.contains("Työrauha luokassa"));
    assert!(list.contains("Muut näkevät nimesi näin: Anna"));

    // The name, after asking: the note and the topic stay, nameless.
    let r = anna.post_form(&own, &[("item", "name")]).await;
    assert!(
        r.text()
            .await
            .expect("page")
            .contains("Poistetaanko nimi ”Anna”")
    );
    let r = anna
        .post_form(&own, &[("item", "name"), ("confirm", "yes")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = other.text(&page).await;
    assert!(html.contains("Työrauha luokassa"));
    assert!(!html.contains("Anna"), "the name is gone from every phone");
    let (_, board) = facilitator.text(&run).await;
    assert!(board.contains("Kahvitauot venyvät") && !board.contains("Anna"));
    let (_, list) = anna.text(&own).await;
    assert!(list.contains("Et näytä nimeäsi muille."));

    // The topic, after asking.
    let start = list.find("value=\"topic:").expect("a delete form") + "value=\"".len();
    let item = list[start..start + "topic:".len() + 36].to_owned();
    let r = anna.post_form(&own, &[("item", &item)]).await;
    assert!(
        r.text()
            .await
            .expect("page")
            .contains("Poistetaanko tämä pysyvästi? ”Työrauha luokassa”")
    );
    let r = anna
        .post_form(&own, &[("item", &item), ("confirm", "yes")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = other.text(&page).await;
    assert!(!html.contains("Työrauha luokassa"), "the topic is gone");
    // Another phone cannot take the name or a topic of someone else's: nothing of theirs.
    let r = other
        .post_form(
            &format!("{page}/own"),
            &[("item", &item), ("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "nothing to delete");
}

#[tokio::test]
async fn a_participant_lists_and_deletes_their_note_and_it_leaves_the_board_and_the_export() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let (phone, page) = join(&app, &code, &[("lang", "fi")]).await;
    let (other, other_page) = join(&app, &code, &[("lang", "fi")]).await;
    write(&phone, &page, "Minun sanani").await;
    write(&phone, &page, "Toinen ajatukseni").await;
    write(&other, &other_page, "Naapurin sanat").await;
    let facilitator = app.login("facilitator").await;

    let own = format!("{page}/own");
    let (s, list) = phone.text(&own).await;
    assert_eq!(s, StatusCode::OK);
    assert!(list.contains("Mitä olen kirjoittanut"));
    assert!(list.contains("Minun sanani") && list.contains("Toinen ajatukseni"));
    assert!(!list.contains("Naapurin sanat"), "only their own words");
    let start = list.find("value=\"note:").expect("a delete form") + "value=\"".len();
    let item = list[start..start + "note:".len() + 36].to_owned();

    // Deleting asks first, then deletes.
    let r = phone.post_form(&own, &[("item", &item)]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let asked = r.text().await.expect("page");
    assert!(asked.contains("Poistetaanko tämä pysyvästi?"));
    let (_, board) = facilitator.text(&run).await;
    assert!(
        board.contains("Minun sanani"),
        "nothing deleted before the answer"
    );
    let r = phone
        .post_form(&own, &[("item", &item), ("confirm", "yes")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), format!("{own}?done=1"));
    let (_, list) = phone.text(&location(&r)).await;
    assert!(!list.contains("Minun sanani"));
    assert!(list.contains("Poistettu."));
    let (_, board) = facilitator.text(&run).await;
    assert!(!board.contains("Minun sanani"), "gone from the board");
    assert!(board.contains("Naapurin sanat"));
    let (_, notes) = facilitator.text(&format!("{p}/export/notes.csv")).await;
    assert!(!notes.contains("Minun sanani"), "gone from the export");
    assert!(notes.contains("Toinen ajatukseni"));

    // Everything at once, after asking.
    let r = phone.post_form(&own, &[("item", "all")]).await;
    assert!(
        r.text()
            .await
            .expect("page")
            .contains("Poistetaanko kaikki muistiinpanosi")
    );
    phone
        .post_form(&own, &[("item", "all"), ("confirm", "yes")])
        .await;
    let (_, board) = facilitator.text(&run).await;
    assert!(!board.contains("Toinen ajatukseni"));
    assert!(board.contains("Naapurin sanat"), "another's note stays");

    // Another phone cannot delete it: the item is not theirs.
    let (_, theirs) = other.text(&format!("{other_page}/own")).await;
    assert!(theirs.contains("Naapurin sanat"));
    let stranger = app.browser();
    let r = stranger.get(&own).await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "without the token: the join page"
    );
}

#[tokio::test]
async fn an_admin_exports_a_person_as_json_without_participants_then_anonymises_and_deletes() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (_, code) = open_session(&app, &p).await;
    let (phone, page) = join(
        &app,
        &code,
        &[
            ("lang", "fi"),
            ("show_name", "yes"),
            ("name", "Aino Osallistuja"),
        ],
    )
    .await;
    write(&phone, &page, "Osallistujan ajatus").await;
    let admin = app.login("admin").await;
    let org = app.org;
    let orderer = app.user_id("orderer").await;
    let facilitator = app.user_id("facilitator").await;

    let (s, person) = admin.text(&format!("/orgs/{org}/members/{orderer}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(person.contains("Testi orderer"));
    // What the person chose about their mail is held about them too.
    app.store
        .set_mail_preference(
            orderer,
            vuoro_store::MailKind::SessionReminder,
            false,
            time::OffsetDateTime::now_utc(),
        )
        .await
        .expect("turned off");
    let r = admin
        .get(&format!("/orgs/{org}/members/{orderer}/export"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let json: serde_json::Value =
        serde_json::from_str(&r.text().await.expect("body")).expect("JSON");
    assert_eq!(json["account"]["email"], email("orderer"));
    assert_eq!(json["processes_ordered"][0]["title"], "Koulun 8B");
    assert_eq!(
        json["mail"]["turned_off"],
        serde_json::json!([vuoro_store::MailKind::SessionReminder.as_str()])
    );
    assert_eq!(json["sign_on_identities"], serde_json::json!([]));
    let text = json.to_string();
    for never in ["Aino Osallistuja", "Osallistujan ajatus"] {
        assert!(!text.contains(never), "no participant in the export");
    }

    // A facilitator cannot export anyone.
    let fac = app.login("facilitator").await;
    let r = fac
        .get(&format!("/orgs/{org}/members/{orderer}/export"))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // The facilitator of a running process cannot be deleted, with the reason.
    let remove = format!("/orgs/{org}/members/{facilitator}/remove");
    let r = admin.post_form(&remove, &[("how", "delete")]).await;
    assert!(
        r.text()
            .await
            .expect("page")
            .contains("Poistetaanko Testi facilitator?")
    );
    let r = admin
        .post_form(&remove, &[("how", "delete"), ("confirm", "yes")])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .expect("page")
            .contains("fasilitoi prosessia, joka on yhä käynnissä")
    );

    // The orderer is anonymised: the process keeps its history under the pseudonym, and the
    // old address no longer logs in.
    let r = admin
        .post_form(
            &format!("/orgs/{org}/members/{orderer}/remove"),
            &[("how", "anonymise"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let pseudonym = app.store.user(orderer).await.expect("kept").name;
    assert!(pseudonym.starts_with('#'));
    let (_, process) = app.login("coordinator").await.text(&p).await;
    assert!(process.contains(&pseudonym) && !process.contains("Testi orderer"));
    let b = app.browser();
    let r = b
        .post_form(
            "/login",
            &[("email", &email("orderer")), ("password", PASSWORD)],
        )
        .await;
    assert_ne!(location(&r), "/", "the old address logs in no more");

    // A member with no running process is deleted.
    let second = app.user_id("facilitator2").await;
    let r = admin
        .post_form(
            &format!("/orgs/{org}/members/{second}/remove"),
            &[("how", "delete"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.store.user(second).await.expect("kept").name, "–");

    let (_, audit) = admin.text(&format!("/orgs/{org}/audit")).await;
    for action in [
        "Henkilön tiedot vietiin",
        "Henkilö anonymisoitiin",
        "Henkilö poistettiin",
    ] {
        assert!(audit.contains(action), "{action} in the audit log");
    }
    assert!(!audit.contains("Aino Osallistuja"));
    let fac2 = app.login("coordinator").await;
    let r = fac2.get(&format!("/orgs/{org}/audit")).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "the admins' page");
}

/// Someone whose roles were all taken away is listed as a former member, and the admin can
/// still open, export and remove what is held about them.
#[tokio::test]
async fn a_former_members_data_can_still_be_exported() {
    let app = spawn().await;
    let admin = app.login("admin").await;
    let org = app.org;
    let orderer = app.user_id("orderer").await;
    let r = admin
        .post_form(&format!("/orgs/{org}/members/{orderer}/roles"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = admin.text(&format!("/orgs/{org}")).await;
    assert!(page.contains("Entiset jäsenet"));
    assert!(page.contains(&format!("/orgs/{org}/members/{orderer}\"")));
    let (s, person) = admin.text(&format!("/orgs/{org}/members/{orderer}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(person.contains("Entinen jäsen, ei rooleja"));
    let r = admin
        .get(&format!("/orgs/{org}/members/{orderer}/export"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let json: serde_json::Value =
        serde_json::from_str(&r.text().await.expect("body")).expect("JSON");
    assert_eq!(json["account"]["email"], email("orderer"));
    assert_eq!(
        json["role_changes"][0]["own"], true,
        "the change that ended the membership"
    );
    let r = admin
        .post_form(
            &format!("/orgs/{org}/members/{orderer}/remove"),
            &[("how", "delete"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = admin.text(&format!("/orgs/{org}")).await;
    assert!(!page.contains("Entiset jäsenet"), "no one left to list");
    let (s, _) = admin.text(&format!("/orgs/{org}/members/{orderer}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}
