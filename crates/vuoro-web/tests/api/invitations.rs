//! Invitation links cannot hand an account to someone else: the attack on the demo replayed.

use crate::helpers::*;
use reqwest::StatusCode;
use vuoro_core::{OrgId, Role, RoleSet};
use vuoro_store::NewUser;

/// A second organisation with its own admin, `badmin`.
async fn second_org(app: &TestApp) -> OrgId {
    let org = app
        .store
        .create_org("Toinen kunta", time::OffsetDateTime::now_utc())
        .await
        .expect("org")
        .id;
    let hash = vuoro_web::auth::hash_password(PASSWORD).expect("hash");
    let admin = app
        .store
        .create_user(
            NewUser {
                email: email("badmin"),
                name: "Toisen ylläpitäjä".into(),
                password_hash: hash,
                site_admin: false,
            },
            time::OffsetDateTime::now_utc(),
        )
        .await
        .expect("user");
    app.store
        .set_roles(org, admin.id, RoleSet::empty().with(Role::Admin))
        .await
        .expect("roles");
    org
}

/// Invites `address` to `org` as `admin` and returns the link the page shows once.
async fn invite(admin: &Browser, org: OrgId, address: &str, role: &str) -> String {
    let r = admin
        .post_form(
            &format!("/orgs/{org}/invitations"),
            &[("email", address), ("roles", role)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "invitation made");
    let (_, html) = admin.text(&location(&r)).await;
    let start = html.find("/invite/").expect("the link is shown");
    html[start..start + "/invite/".len() + 64].to_owned()
}

const VICTIM: &str = "kohde@toinen.example";
const CHOSEN: &str = "hyökkääjän salasana";

#[tokio::test]
async fn another_organisations_invitation_cannot_take_over_an_account_made_from_a_link() {
    let app = spawn().await;
    let org_b = second_org(&app).await;
    let admin_a = app.login("admin").await;
    let admin_b = app.login("badmin").await;

    // B invites the person first; the link is still unused.
    let link_b = invite(&admin_b, org_b, VICTIM, "admin").await;
    // A's admin invites the same address and opens the link themselves, choosing the password.
    let link_a = invite(&admin_a, app.org, VICTIM, "facilitator").await;
    let attacker = app.browser();
    let r = attacker
        .post_form(&link_a, &[("name", "Kohde"), ("password", CHOSEN)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the account is made");

    // B's link opened without logging in offers no way to take the roles.
    let (s, page) = attacker.text(&link_b).await;
    assert_eq!(s, StatusCode::OK);
    assert!(!page.contains("name=\"password\""), "no password to set");
    let r = attacker.post_form(&link_b, &[]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // Logged in to the account A's admin controls, B's link is still refused and says why.
    let r = attacker
        .post_form("/login", &[("email", VICTIM), ("password", CHOSEN)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = attacker.text(&link_b).await;
    assert!(
        page.contains("toisen organisaation kutsulinkillä"),
        "{page}"
    );
    let r = attacker.post_form(&link_b, &[]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let (_, home) = attacker.text("/").await;
    assert!(!home.contains("Toinen kunta"), "no roles in B");
    let victim = app
        .store
        .user_by_email(VICTIM)
        .await
        .expect("query")
        .expect("account");
    assert!(
        app.store
            .roles(org_b, victim.id)
            .await
            .expect("roles")
            .is_empty()
    );

    // A new invitation from B to that address is refused, translated, with nothing saved.
    let r = admin_b
        .post_form(
            &format!("/orgs/{org_b}/invitations"),
            &[("email", VICTIM), ("roles", "coordinator")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert!(
        html.contains("toisen organisaation kutsulinkillä"),
        "{html}"
    );
    assert!(
        html.contains(&format!("value=\"{VICTIM}\"")),
        "the address is kept"
    );
    assert_eq!(app.store.invitations(org_b).await.expect("list").len(), 1);

    // A's admin may still give roles in A, which the account came from.
    let r = admin_a
        .post_form(
            &format!("/orgs/{}/members/{}/roles", app.org, victim.id),
            &[("roles", "facilitator"), ("roles", "orderer")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // Once a site admin has checked and confirmed the address (recorded), B may invite it.
    let (_, page) = admin_a.text(&format!("/orgs/{}", app.org)).await;
    assert!(page.contains("Henkilön Kohde osoitetta ei ole vahvistettu"));
    assert!(!page.contains("/confirm\""), "only site admins confirm");
    let denied = admin_a
        .post_form(
            &format!("/orgs/{}/members/{}/confirm", app.org, victim.id),
            &[],
        )
        .await;
    assert_eq!(denied.status(), StatusCode::FORBIDDEN);
    let site = app.login("site").await;
    let r = site
        .post_form(
            &format!("/orgs/{}/members/{}/confirm", app.org, victim.id),
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.store
            .unconfirmed_origin(victim.id)
            .await
            .expect("origin"),
        None
    );
    let r = admin_b
        .post_form(
            &format!("/orgs/{org_b}/invitations"),
            &[("email", VICTIM), ("roles", "coordinator")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn an_existing_account_accepts_only_when_logged_in_as_itself() {
    let app = spawn().await;
    let org_b = second_org(&app).await;
    let admin_b = app.login("badmin").await;
    let link = invite(&admin_b, org_b, &email("orderer"), "coordinator").await;

    // Anyone holding the link, not logged in: told to log in as that address.
    let anon = app.browser();
    let (s, page) = anon.text(&link).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Kirjaudu sisään sillä"), "{page}");
    assert!(
        page.contains(&format!("href=\"/login?next={link}\"")),
        "{page}"
    );
    assert!(!page.contains("name=\"password\""));
    let r = anon
        .post_form(&link, &[("name", "X"), ("password", CHOSEN)])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // Another account, logged in: refused.
    let other = app.login("facilitator").await;
    let (_, page) = other.text(&link).await;
    assert!(page.contains("Olet kirjautunut osoitteella facilitator@test.vuoro.fi"));
    let r = other.post_form(&link, &[]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let orderer = app.user_id("orderer").await;
    assert!(
        app.store
            .roles(org_b, orderer)
            .await
            .expect("roles")
            .is_empty()
    );

    // The invited account logs in from the link and comes back to accept.
    let me = app.browser();
    let (_, login_page) = me.text(&format!("/login?next={link}")).await;
    assert!(login_page.contains(&format!("name=\"next\" value=\"{link}\"")));
    let r = me
        .post_form(
            "/login",
            &[
                ("email", &email("orderer")),
                ("password", PASSWORD),
                ("next", &link),
            ],
        )
        .await;
    assert_eq!(location(&r), link, "back to the invitation");
    let (_, page) = me.text(&link).await;
    assert!(page.contains("Sinulla on jo tunnus"));
    let r = me.post_form(&link, &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.store.roles(org_b, orderer).await.expect("roles"),
        RoleSet::empty().with(Role::Coordinator)
    );

    // B's admins see who gave what, and when.
    let (_, page) = admin_b.text(&format!("/orgs/{org_b}")).await;
    let table = &page[page.find("id=\"role-changes\"").expect("role changes")..];
    assert!(
        table.contains("Testi orderer (orderer@test.vuoro.fi)"),
        "{table}"
    );
    assert!(table.contains("Toisen ylläpitäjä"));
    assert!(table.contains("kutsu hyväksyttiin"));
}

#[tokio::test]
async fn a_site_admin_giving_themselves_roles_is_marked() {
    let app = spawn().await;
    let site = app.login("site").await;
    let r = site
        .post_form("/admin/orgs", &[("name", "Uusi kunta")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let org_page = location(&r);
    let (_, page) = site.text(&org_page).await;
    assert!(
        page.contains("pääkäyttäjä antoi roolin itselleen"),
        "{page}"
    );
    // Also in an organisation they did not create; its own admin sees it.
    let me = app.user_id("site").await;
    let r = site
        .post_form(
            &format!("/orgs/{}/members/{me}/roles", app.org),
            &[("roles", "coordinator")],
        )
        .await;
    // Not yet a member: roles come by invitation, so nothing changes.
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let admin = app.login("admin").await;
    let admin_id = app.user_id("admin").await;
    let r = site
        .post_form(
            &format!("/orgs/{}/members/{admin_id}/roles", app.org),
            &[("roles", "admin"), ("roles", "orderer")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = admin.text(&format!("/orgs/{}", app.org)).await;
    let table = &page[page.find("id=\"role-changes\"").expect("role changes")..];
    assert!(table.contains("Testi site"), "{table}");
    assert!(
        table.contains("Testi admin (admin@test.vuoro.fi), Ylläpitäjä → Ylläpitäjä, Tilaaja"),
        "{table}"
    );
    assert!(
        table.contains("roolien muutos; muutti Testi site"),
        "{table}"
    );
    assert!(
        !table.contains("antoi roolin itselleen"),
        "not to themselves"
    );
}
