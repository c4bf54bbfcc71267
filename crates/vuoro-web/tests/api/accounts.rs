//! Accounts by e-mail against the real SMTP sink (`crate::mail`): invitations whose link goes
//! only to the invited address, password resets, and confirming an address made from a link an
//! admin saw.

use crate::helpers::*;
use crate::mail::{Received, Sink, spawn_with_mail};
use reqwest::StatusCode;
use time::{Duration, OffsetDateTime};
use vuoro_core::{OrgId, Role, RoleSet};
use vuoro_store::{AccountToken, Invitation, NewUser, TokenPurpose};
use vuoro_web::util::{hash_token, random_token};

const NEWCOMER: &str = "uusi.tulija@kunta.example";
const NEW_PASSWORD: &str = "uusi pitkä salasana";

/// A second organisation with its own admin, `badmin`.
async fn other_org(app: &TestApp) -> OrgId {
    let org = app
        .store
        .create_org("Toinen kunta", OffsetDateTime::now_utc())
        .await
        .expect("org")
        .id;
    let admin = app
        .store
        .create_user(
            NewUser {
                email: email("badmin"),
                name: "Toisen ylläpitäjä".into(),
                password_hash: vuoro_web::auth::hash_password(PASSWORD).expect("hash"),
                site_admin: false,
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("user");
    app.store
        .set_roles(org, admin.id, RoleSet::empty().with(Role::Admin))
        .await
        .expect("roles");
    org
}

/// The one link of a message, as a path on this server.
fn link_path(app: &TestApp, m: &Received) -> String {
    let links = m.links();
    assert_eq!(links.len(), 1, "one link: {}", m.text());
    let link = &links[0];
    assert!(
        m.html().contains(&format!("<a href=\"{link}\">{link}</a>")),
        "the HTML alternative links it too: {}",
        m.html()
    );
    link.strip_prefix(&app.base)
        .unwrap_or_else(|| panic!("{link} leads to this server ({})", app.base))
        .to_owned()
}

async fn log_in(app: &TestApp, address: &str, password: &str) -> reqwest::Response {
    app.browser()
        .post_form("/login", &[("email", address), ("password", password)])
        .await
}

/// An invitation to an address the mail server refuses for good says so on the list, where
/// the admin can see the address to check, and the server stops trying.
#[tokio::test]
async fn an_invitation_to_an_address_that_takes_no_mail_says_so() {
    let Some(sink) = Sink::start() else { return };
    let app = spawn_with_mail(&sink).await;
    let admin = app.login("admin").await;
    let org_page = format!("/orgs/{}", app.org);
    let r = admin
        .post_form(
            &format!("{org_page}/invitations"),
            &[("email", "ei-ole@refused.test"), ("roles", "facilitator")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let mut refused = false;
    for _ in 0..100 {
        let (_, page) = admin.text(&org_page).await;
        if page.contains("Osoite ei ota postia vastaan; tarkista osoite ja kutsu uudelleen") {
            refused = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        refused,
        "the invitation list says the address takes no mail"
    );
    let state = app.store.outbox_state().await.expect("outbox");
    assert_eq!((state.waiting, state.refused), (0, 1));
}

/// With mail, an invitation goes to the invited address only: the admin's page says where it
/// went and never shows the link, the list says when it was sent, and the mailed link makes an
/// account whose address is confirmed, so another organisation may invite it at once.
#[tokio::test]
async fn an_invitation_goes_by_mail_and_its_link_makes_a_confirmed_account() {
    let Some(sink) = Sink::start() else { return };
    let app = spawn_with_mail(&sink).await;
    let admin = app.login("admin").await;
    let org_page = format!("/orgs/{}", app.org);
    let (_, page) = admin.text(&org_page).await;
    assert!(page.contains("Kutsulinkki lähetetään sähköpostilla vain hänelle."));
    let r = admin
        .post_form(
            &format!("{org_page}/invitations"),
            &[("email", NEWCOMER), ("roles", "facilitator")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = admin.text(&location(&r)).await;
    assert!(
        page.contains(&format!(
            "Kutsu lähetettiin sähköpostilla osoitteeseen {NEWCOMER}."
        )),
        "{page}"
    );
    assert!(!page.contains("/invite/"), "the admin never sees the link");

    let m = sink.wait_for(NEWCOMER).await;
    assert_eq!(m.subject, "Kutsu vuoroon: Testilän kunta");
    assert!(
        m.text()
            .starts_with("Testi admin kutsui sinut organisaation Testilän kunta käyttäjäksi"),
        "{}",
        m.text()
    );
    let path = link_path(&app, &m);
    assert!(path.starts_with("/invite/"), "{path}");

    // The list tells the mail went out (once the worker has recorded it), still without a link.
    let mut sent = false;
    for _ in 0..100 {
        let (_, page) = admin.text(&org_page).await;
        assert!(!page.contains("/invite/"));
        if page.contains("<td>Lähetetty</td>") {
            sent = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(sent, "the invitation list says the mail was sent");

    // The invited person makes the account from the mail.
    let person = app.browser();
    let (s, page) = person.text(&path).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("name=\"password\""), "{page}");
    let r = person
        .post_form(
            &path,
            &[("name", "Uusi Tulija"), ("password", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/login?welcome=1", "nothing left to confirm");
    let account = app
        .store
        .user_by_email(NEWCOMER)
        .await
        .expect("query")
        .expect("the account");
    assert_eq!(
        app.store
            .unconfirmed_origin(account.id)
            .await
            .expect("read"),
        None,
        "only the mailbox's reader had the link"
    );

    // So another organisation may invite the account, and its mail goes out too.
    let org_b = other_org(&app).await;
    let badmin = app.login("badmin").await;
    let r = badmin
        .post_form(
            &format!("/orgs/{org_b}/invitations"),
            &[("email", NEWCOMER), ("roles", "coordinator")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let both = sink.wait_for_count(NEWCOMER, 2).await;
    let subjects: Vec<&str> = both.iter().map(|m| m.subject.as_str()).collect();
    assert_eq!(
        subjects,
        [
            "Kutsu vuoroon: Testilän kunta",
            "Kutsu vuoroon: Toinen kunta"
        ],
        "no confirmation mail"
    );
}

/// A reset link arrives, sets the password once and ends the account's other log-ins; used
/// again it is refused with a page that says why.
#[tokio::test]
async fn a_reset_link_sets_the_password_once_and_ends_other_log_ins() {
    let Some(sink) = Sink::start() else { return };
    let app = spawn_with_mail(&sink).await;
    let address = email("facilitator");
    let elsewhere = app.login("facilitator").await;
    let anon = app.browser();
    let (_, login) = anon.text("/login").await;
    assert!(
        login.contains("<a href=\"/password/forgot\">Unohditko salasanan?</a>"),
        "{login}"
    );
    let r = anon
        .post_form("/password/forgot", &[("email", &address)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/password/forgot?sent=1");
    let (_, page) = anon.text(&location(&r)).await;
    assert!(page.contains("Jos osoitteella on tunnus, siihen on matkalla linkki"));

    let m = sink.wait_for(&address).await;
    assert_eq!(m.subject, "Uusi salasana vuoroon");
    assert!(
        m.text().starts_with("Hei Testi facilitator,"),
        "{}",
        m.text()
    );
    let path = link_path(&app, &m);
    assert!(path.starts_with("/password/reset/"), "{path}");

    let (s, page) = anon.text(&path).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        page.contains(&format!("Valitse uusi salasana tunnukselle {address}.")),
        "{page}"
    );
    let r = anon.post_form(&path, &[("password", "lyhyt")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "same rules");
    let r = anon.post_form(&path, &[("password", NEW_PASSWORD)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/login?password=1");
    let (_, page) = anon.text("/login?password=1").await;
    assert!(page.contains("Salasanasi on vaihdettu"));

    assert_eq!(
        location(&elsewhere.get("/").await),
        "/login",
        "the other log-in ended"
    );
    let old = log_in(&app, &address, PASSWORD).await;
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);
    let new = log_in(&app, &address, NEW_PASSWORD).await;
    assert_eq!(new.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&new), "/");

    // Once used, the link does nothing more, and says so.
    let r = anon
        .post_form(&path, &[("password", "kolmas salasana tähän")])
        .await;
    assert_eq!(r.status(), StatusCode::GONE);
    let page = r.text().await.expect("body");
    assert!(
        page.contains("Linkki on vanhentunut tai jo käytetty."),
        "{page}"
    );
    assert!(page.contains("href=\"/password/forgot\""));
    let (s, _) = anon.text(&path).await;
    assert_eq!(s, StatusCode::GONE);
    assert_eq!(
        log_in(&app, &address, NEW_PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
}

/// An expired link opens the same clear page and changes nothing.
#[tokio::test]
async fn an_expired_reset_link_is_refused_with_a_clear_page() {
    let Some(sink) = Sink::start() else { return };
    let app = spawn_with_mail(&sink).await;
    let token = random_token();
    let issued = OffsetDateTime::now_utc() - Duration::hours(2);
    app.store
        .issue_token(
            &AccountToken {
                token_hash: hash_token(&token),
                user: app.user_id("orderer").await,
                purpose: TokenPurpose::PasswordReset,
                created_at: issued,
                expires_at: issued + Duration::hours(1),
                used_at: None,
            },
            issued,
            &[],
        )
        .await
        .expect("issued");
    let anon = app.browser();
    let path = format!("/password/reset/{token}");
    let (s, page) = anon.text(&path).await;
    assert_eq!(s, StatusCode::GONE);
    assert!(page.contains("Linkki on vanhentunut tai jo käytetty."));
    assert!(!page.contains("name=\"password\""));
    let r = anon.post_form(&path, &[("password", NEW_PASSWORD)]).await;
    assert_eq!(r.status(), StatusCode::GONE);
    assert_eq!(
        log_in(&app, &email("orderer"), PASSWORD).await.status(),
        StatusCode::SEE_OTHER,
        "the password is as it was"
    );
}

/// The form answers an unknown address exactly as a known one and sends it nothing; it is
/// limited per address; without mail it is not offered at all.
#[tokio::test]
async fn the_reset_form_answers_alike_and_mails_only_an_account() {
    let Some(sink) = Sink::start() else { return };
    let app = spawn_with_mail(&sink).await;
    let unknown = "ei.ketaan@test.vuoro.fi";
    let anon = app.browser();
    let asked = anon
        .post_form("/password/forgot", &[("email", unknown)])
        .await;
    let known = anon
        .post_form("/password/forgot", &[("email", &email("orderer"))])
        .await;
    assert_eq!(
        (asked.status(), location(&asked)),
        (known.status(), location(&known))
    );
    assert_eq!(
        asked.text().await.expect("body"),
        known.text().await.expect("body")
    );
    sink.wait_for(&email("orderer")).await;
    assert!(
        sink.to(unknown).is_empty(),
        "nothing for an unknown address"
    );

    // Three links an hour per address, account or not; then 429 with a wait.
    for _ in 0..2 {
        let r = anon
            .post_form("/password/forgot", &[("email", unknown)])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let r = anon
        .post_form("/password/forgot", &[("email", unknown)])
        .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Linkkiä on pyydetty liian monta kertaa.")
    );
    assert_eq!(sink.to(&email("orderer")).len(), 1);

    // Without mail there is no link on the log-in page and no form.
    let plain = spawn().await;
    let b = plain.browser();
    let (_, login) = b.text("/login").await;
    assert!(!login.contains("/password/forgot"));
    assert_eq!(
        b.get("/password/forgot").await.status(),
        StatusCode::NOT_FOUND
    );
}

/// An account made from a link an admin saw (an invitation made before mail was configured)
/// gets a confirmation link; choosing its password there confirms the address, ends the other
/// log-ins, and another organisation may then give it roles.
#[tokio::test]
async fn a_confirmation_link_confirms_the_address_for_other_organisations() {
    let Some(sink) = Sink::start() else { return };
    let app = spawn_with_mail(&sink).await;
    let seen = "nahty@kunta.example";
    let token = random_token();
    let now = OffsetDateTime::now_utc();
    app.store
        .create_invitation(
            &Invitation {
                token_hash: hash_token(&token),
                org: app.org,
                email: seen.into(),
                roles: RoleSet::empty().with(Role::Facilitator),
                invited_by: app.user_id("admin").await,
                created_at: now,
                expires_at: now + Duration::days(14),
                accepted_at: None,
            },
            &[],
        )
        .await
        .expect("an invitation whose link the admin saw");
    let person = app.browser();
    let first = "ensimmäinen salasana";
    let r = person
        .post_form(
            &format!("/invite/{token}"),
            &[("name", "Nähty Henkilö"), ("password", first)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/login?welcome=1&confirm=1");
    let (_, page) = person.text(&location(&r)).await;
    assert!(page.contains("Sähköpostiisi lähetettiin linkki"), "{page}");
    let account = app
        .store
        .user_by_email(seen)
        .await
        .expect("query")
        .expect("the account");
    assert_eq!(
        app.store
            .unconfirmed_origin(account.id)
            .await
            .expect("read"),
        Some(app.org)
    );

    // Until the address is confirmed, another organisation cannot invite it.
    let org_b = other_org(&app).await;
    let badmin = app.login("badmin").await;
    let invite_b = format!("/orgs/{org_b}/invitations");
    let r = badmin
        .post_form(&invite_b, &[("email", seen), ("roles", "coordinator")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let m = sink.wait_for(seen).await;
    assert_eq!(m.subject, "Vahvista sähköpostiosoitteesi vuorossa");
    let path = link_path(&app, &m);
    assert!(path.starts_with("/address/confirm/"), "{path}");
    // Whoever chose the first password is logged in meanwhile.
    let other = app.browser();
    let r = other
        .post_form("/login", &[("email", seen), ("password", first)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(other.get("/").await.status(), StatusCode::OK);

    let (s, page) = person.text(&path).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        page.contains(&format!("Vahvista, että osoite {seen} on sinun")),
        "{page}"
    );
    let own = "oma salasana vain minulle";
    let r = person.post_form(&path, &[("password", own)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/login?password=1");
    assert_eq!(
        app.store
            .unconfirmed_origin(account.id)
            .await
            .expect("read"),
        None
    );
    assert_eq!(
        location(&other.get("/").await),
        "/login",
        "the other log-in ended"
    );

    // Now the other organisation invites the account by mail, and it accepts, logged in.
    let r = badmin
        .post_form(&invite_b, &[("email", seen), ("roles", "coordinator")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let mails = sink.wait_for_count(seen, 2).await;
    assert_eq!(mails[1].subject, "Kutsu vuoroon: Toinen kunta");
    let invitation = link_path(&app, &mails[1]);
    let me = app.browser();
    let r = me
        .post_form("/login", &[("email", seen), ("password", own)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = me.text(&invitation).await;
    assert!(page.contains("Sinulla on jo tunnus"), "{page}");
    let r = me.post_form(&invitation, &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.store.roles(org_b, account.id).await.expect("roles"),
        RoleSet::empty().with(Role::Coordinator)
    );
}
