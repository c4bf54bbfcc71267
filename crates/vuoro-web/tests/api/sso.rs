//! Single sign-on against a real OpenID provider: `tests/oidc/provider.mjs` (the npm package
//! oidc-provider) on a free loopback port, its log-in form filled over HTTP as a browser
//! without JavaScript would. Without Node or the package the tests say so and pass, unless
//! `VUORO_REQUIRE_OIDC=1` (as `scripts/test` sets), when they fail.

use crate::helpers::*;
use reqwest::StatusCode;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use time::{Duration, OffsetDateTime};
use vuoro_core::{Role, RoleSet};
use vuoro_store::{Invitation, NewUser, RoleChangeVia};
use vuoro_web::util::hash_token;

/// A running test provider; killed when dropped.
pub struct Provider {
    pub issuer: String,
    child: Child,
}

impl Drop for Provider {
    fn drop(&mut self) {
        // Already gone is fine: the test is over either way.
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Starts the provider for a vuoro whose callback is `redirect`, or `None` (with a message)
/// where Node or the package is missing and `VUORO_REQUIRE_OIDC` is not 1.
pub fn start_provider(redirect: &str) -> Option<Provider> {
    let root = repository();
    let installed = root
        .join("tests/browser/node_modules/oidc-provider")
        .is_dir();
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !installed || !node {
        let why = "the test OpenID provider needs Node and `npm ci` in tests/browser";
        assert!(
            std::env::var("VUORO_REQUIRE_OIDC").as_deref() != Ok("1"),
            "VUORO_REQUIRE_OIDC=1: {why}"
        );
        eprintln!("skipped: {why}");
        return None;
    }
    let mut child = Command::new("node")
        .arg(root.join("tests/oidc/provider.mjs"))
        .args(["--redirect-uri", redirect])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("node starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let issuer = loop {
        match lines.next() {
            Some(Ok(line)) => {
                if let Some(url) = line.strip_prefix("oidc provider at ") {
                    break url.trim().to_owned();
                }
            }
            _ => {
                child.kill().ok();
                panic!("the test provider stopped before saying where it listens");
            }
        }
    };
    // Keep reading, so the provider never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    Some(Provider { issuer, child })
}

/// A server with sign-on at a started provider, or `None` where the provider cannot run.
async fn spawn_with_sign_on() -> Option<(TestApp, Provider)> {
    let listener = bind().await;
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let provider = start_provider(&format!("{base}{}", vuoro_web::sso::CALLBACK))?;
    let config = vuoro_web::WebConfig {
        oidc: Some(vuoro_web::sso::OidcConfig::new(
            &provider.issuer,
            "vuoro",
            "vuoro-test-secret",
            &base,
        )),
        ..vuoro_web::WebConfig::default()
    };
    let app = spawn_listening(listener, config).await;
    Some((app, provider))
}

/// Presses the log-in page's sign-on button and logs in at the provider as `login`; returns
/// the address the provider sends the browser back to (vuoro's callback with code and state).
async fn sign_on_at_provider(b: &Browser, p: &Provider, login: &str) -> String {
    let (_, page) = b.text("/login").await;
    assert!(
        page.contains("Kirjaudu organisaation tunnuksella"),
        "the log-in page offers sign-on"
    );
    let r = b.post_form("/login/sso", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to_provider = location(&r);
    assert!(
        to_provider.starts_with(&format!("{}/auth?", p.issuer)),
        "{to_provider}"
    );
    assert!(to_provider.contains("code_challenge_method=S256"), "PKCE");
    // The provider sends the browser to its log-in form.
    let r = b.client.get(&to_provider).send().await.expect("request");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let form_at = format!("{}{}", p.issuer, location(&r));
    let r = b.client.get(&form_at).send().await.expect("request");
    assert_eq!(r.status(), StatusCode::OK);
    let r = b
        .client
        .post(format!("{form_at}/login"))
        .form(&[("login", login), ("password", login)])
        .send()
        .await
        .expect("request");
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "logged in at the provider"
    );
    let resume = location(&r);
    let r = b.client.get(&resume).send().await.expect("request");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let back = location(&r);
    assert!(
        back.starts_with(&format!("{}{}?", b.base, vuoro_web::sso::CALLBACK)),
        "{back}"
    );
    back
}

async fn get_absolute(b: &Browser, url: &str) -> (StatusCode, String, String) {
    let r = b.client.get(url).send().await.expect("request");
    let status = r.status();
    let to = location(&r);
    (status, to, r.text().await.expect("body"))
}

/// Replaces the value of `state` in a callback address.
fn with_state(url: &str, state: &str) -> String {
    let (base, query) = url.split_once('?').expect("query");
    let query: Vec<String> = query
        .split('&')
        .map(|kv| {
            if kv.starts_with("state=") {
                format!("state={state}")
            } else {
                kv.to_owned()
            }
        })
        .collect();
    format!("{base}?{}", query.join("&"))
}

async fn logged_in(b: &Browser) -> bool {
    b.get("/").await.status() == StatusCode::OK
}

#[tokio::test]
async fn a_wrong_or_missing_state_is_refused() {
    let Some((app, provider)) = spawn_with_sign_on().await else {
        return;
    };
    app.store
        .create_user(
            NewUser {
                email: "verified@oidc.test".into(),
                name: "Veera Vahvistettu".into(),
                password_hash: vuoro_web::auth::hash_password(PASSWORD).expect("hash"),
                site_admin: false,
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("user");
    let b = app.browser();
    let back = sign_on_at_provider(&b, &provider, "verified").await;

    // The provider's answer with another state: refused, with a page saying why.
    let (status, _, page) = get_absolute(&b, &with_state(&back, "forged")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        page.contains("Kirjautumista ei voitu yhdistää tähän selaimeen"),
        "{page}"
    );
    assert!(page.contains("href=\"/login\""), "the way back to log in");
    assert!(!logged_in(&b).await);

    // The sign-on was used up by that answer: the right state no longer works either.
    let (status, _, _) = get_absolute(&b, &back).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(!logged_in(&b).await);

    // A callback without the browser's sign-on cookie (someone else's link) is refused.
    let b2 = app.browser();
    let back = sign_on_at_provider(&b2, &provider, "verified").await;
    let stranger = app.browser();
    let (status, _, page) = get_absolute(&stranger, &back).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("Aloita kirjautuminen alusta"), "{page}");
    assert!(!logged_in(&stranger).await);

    // A callback with no state at all.
    let (status, _, _) = get_absolute(
        &b,
        &format!("{}{}?code=x", app.base, vuoro_web::sso::CALLBACK),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

/// Each start writes a row until it expires, so one client may start only so many: the next
/// is refused with a page saying to wait, and when.
#[tokio::test]
async fn one_client_cannot_start_sign_ons_without_end() {
    let Some((app, _provider)) = spawn_with_sign_on().await else {
        return;
    };
    let b = app.browser();
    for i in 0..60 {
        let r = b.post_form("/login/sso", &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "start {i}");
    }
    let r = b.post_form("/login/sso", &[]).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
    let page = r.text().await.expect("page");
    assert!(
        page.contains("Tästä osoitteesta on aloitettu liian monta kirjautumista."),
        "{page}"
    );
}

#[tokio::test]
async fn an_unverified_email_is_refused() {
    let Some((app, provider)) = spawn_with_sign_on().await else {
        return;
    };
    // The address has an account: only the missing verification stands in the way.
    let user = app
        .store
        .create_user(
            NewUser {
                email: "unverified@oidc.test".into(),
                name: "Uuno Vahvistamaton".into(),
                password_hash: vuoro_web::auth::hash_password(PASSWORD).expect("hash"),
                site_admin: false,
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("user");
    app.store
        .set_roles(app.org, user.id, RoleSet::empty().with(Role::Orderer))
        .await
        .expect("roles");
    let b = app.browser();
    let back = sign_on_at_provider(&b, &provider, "unverified").await;
    let (status, _, page) = get_absolute(&b, &back).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        page.contains("Kirjautumispalvelu ei ole vahvistanut sähköpostiosoitettasi"),
        "{page}"
    );
    assert!(!logged_in(&b).await);
    assert_eq!(
        app.store
            .sign_on_user(&provider.issuer, "sub-unverified")
            .await
            .expect("read"),
        None,
        "nothing was linked"
    );
}

#[tokio::test]
async fn the_first_sign_on_accepts_an_invitation_and_groups_give_roles() {
    let Some((app, provider)) = spawn_with_sign_on().await else {
        return;
    };
    let now = OffsetDateTime::now_utc();
    let admin = app.user_id("admin").await;
    app.store
        .create_invitation(
            &Invitation {
                token_hash: hash_token("an invitation sent by e-mail"),
                org: app.org,
                email: "verified@oidc.test".into(),
                roles: RoleSet::empty().with(Role::Orderer),
                invited_by: admin,
                created_at: now,
                expires_at: now + Duration::days(14),
                accepted_at: None,
            },
            &[],
        )
        .await
        .expect("invited");
    // A neighbouring municipality invited the same address a little later.
    let other = app
        .store
        .create_org("Naapurikunta", now)
        .await
        .expect("org");
    app.store
        .create_invitation(
            &Invitation {
                token_hash: hash_token("the neighbour's invitation"),
                org: other.id,
                email: "verified@oidc.test".into(),
                roles: RoleSet::empty().with(Role::Facilitator),
                invited_by: admin,
                created_at: now + Duration::minutes(1),
                expires_at: now + Duration::days(14),
                accepted_at: None,
            },
            &[],
        )
        .await
        .expect("invited");
    // The organisation's admin maps the provider's group to the facilitator role.
    let admin_b = app.login("admin").await;
    let r = admin_b
        .post_form(
            &format!("/orgs/{}/sign-on/groups", app.org),
            &[("group", "vuoro-fasilitaattorit"), ("roles", "facilitator")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = admin_b.text(&format!("/orgs/{}/sign-on", app.org)).await;
    assert!(
        page.contains("vuoro-fasilitaattorit"),
        "the group is listed"
    );

    let b = app.browser();
    let back = sign_on_at_provider(&b, &provider, "verified").await;
    let (status, to, _) = get_absolute(&b, &back).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(to, "/", "to the front page");
    let (status, home) = b.text("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(home.contains("Veera Vahvistettu"), "logged in by name");

    let user = app
        .store
        .user_by_email("verified@oidc.test")
        .await
        .expect("read")
        .expect("the invitation made the account");
    assert_eq!(
        app.store.roles(app.org, user.id).await.expect("roles"),
        RoleSet::empty().with(Role::Orderer).with(Role::Facilitator),
        "the invitation's role and the group's"
    );
    assert_eq!(
        app.store.roles(other.id, user.id).await.expect("roles"),
        RoleSet::empty().with(Role::Facilitator),
        "the other open invitation to the verified address is accepted too"
    );
    let changes = app.store.role_changes(app.org, 5).await.expect("log");
    assert_eq!(changes[0].via, RoleChangeVia::SignOn);
    assert_eq!(changes[0].user, user.id);
    assert_eq!(
        app.store
            .sign_on_user(&provider.issuer, "sub-verified")
            .await
            .expect("read")
            .map(|u| u.id),
        Some(user.id),
        "the identity is linked"
    );
    // The account has no password: only sign-on opens it.
    let r = app
        .browser()
        .post_form(
            "/login",
            &[("email", "verified@oidc.test"), ("password", "!sign-on")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    // The next sign-on finds the account by the provider's subject.
    let again = app.browser();
    let back = sign_on_at_provider(&again, &provider, "verified").await;
    let (status, to, _) = get_absolute(&again, &back).await;
    assert_eq!((status, to.as_str()), (StatusCode::SEE_OTHER, "/"));
    assert_eq!(
        app.store.role_changes(app.org, 5).await.expect("log").len(),
        changes.len()
    );
}

/// A browser holding a session of `who` begun by sign-on, as the callback would start it.
async fn signed_on(app: &TestApp, who: &str) -> Browser {
    let token = vuoro_web::util::random_token();
    let now = OffsetDateTime::now_utc();
    app.store
        .create_login(&vuoro_store::LoginSession {
            token_hash: hash_token(&token),
            user: app.user_id(who).await,
            created_at: now,
            expires_at: now + Duration::hours(1),
            via: vuoro_store::LoginVia::SignOn,
        })
        .await
        .expect("session");
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let url: reqwest::Url = app.base.parse().expect("url");
    jar.add_cookie_str(&format!("vuoro_session={token}"), &url);
    Browser {
        client: reqwest::Client::builder()
            .cookie_provider(jar)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client"),
        base: app.base.clone(),
    }
}

#[tokio::test]
async fn password_log_in_off_refuses_a_members_password() {
    let Some((app, _provider)) = spawn_with_sign_on().await else {
        return;
    };
    let page = format!("/orgs/{}/sign-on", app.org);
    let action = format!("{page}/password");
    // An admin on a password session would lock themselves out: they sign on first.
    let on_password = app.login("admin").await;
    let r = on_password
        .post_form(&action, &[("allowed", "no"), ("confirm", "yes")])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Kirjaudu ensin ulos ja takaisin sisään organisaation tunnuksella")
    );
    assert!(app.store.password_login(app.org).await.expect("read"));
    let admin = signed_on(&app, "admin").await;
    let member = app.login("orderer").await;
    // The coordinator is also a member of another organisation that keeps passwords.
    let other = app
        .store
        .create_org("Naapurikunta", OffsetDateTime::now_utc())
        .await
        .expect("org");
    let coordinator = app.user_id("coordinator").await;
    app.store
        .set_roles(
            other.id,
            coordinator,
            RoleSet::empty().with(Role::Coordinator),
        )
        .await
        .expect("roles");
    // The first press asks; nothing changes yet.
    let r = admin.post_form(&action, &[("allowed", "no")]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let asked = r.text().await.expect("body");
    assert!(asked.contains("Poistetaanko salasanalla kirjautuminen käytöstä?"));
    assert!(app.store.password_login(app.org).await.expect("read"));
    let r = admin
        .post_form(&action, &[("allowed", "no"), ("confirm", "yes")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, shown) = admin.text(&page).await;
    assert!(shown.contains("Salasanalla kirjautuminen on pois käytöstä"));
    // The member who was in on a password is out; the admin who did it is not.
    assert!(!logged_in(&member).await);
    assert!(logged_in(&admin).await);

    // The coordinator logs in with a password and reaches the other organisation only: the
    // front page offers the sign-on for this one, whose pages are closed to the session.
    let coord = app.login("coordinator").await;
    let (_, home) = coord.text("/").await;
    assert!(
        home.contains("Tämä organisaatio on ottanut salasanalla kirjautumisen pois käytöstä"),
        "{home}"
    );
    assert!(home.contains("Naapurikunta"));
    let (status, _) = coord.text(&format!("/orgs/{}/processes", app.org)).await;
    assert!(
        status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND,
        "{status}"
    );
    let (status, _) = coord.text(&format!("/orgs/{}/processes", other.id)).await;
    assert_eq!(status, StatusCode::OK);
    // Signed on, the same person reaches this organisation again.
    let coord_signed_on = signed_on(&app, "coordinator").await;
    let (status, _) = coord_signed_on
        .text(&format!("/orgs/{}/processes", app.org))
        .await;
    assert_eq!(status, StatusCode::OK);

    // An invitation to the organisation makes the account by sign-on, not with a password.
    let now = OffsetDateTime::now_utc();
    app.store
        .create_invitation(
            &Invitation {
                token_hash: hash_token("invited-while-passwords-are-off"),
                org: app.org,
                email: "uusi@oidc.test".into(),
                roles: RoleSet::empty().with(Role::Orderer),
                invited_by: app.user_id("admin").await,
                created_at: now,
                expires_at: now + Duration::days(14),
                accepted_at: None,
            },
            &[],
        )
        .await
        .expect("invited");
    let invited = app.browser();
    let link = "/invite/invited-while-passwords-are-off";
    let (status, offer) = invited.text(link).await;
    assert_eq!(status, StatusCode::OK);
    assert!(offer.contains("Hyväksy kutsu kirjautumalla organisaation tunnuksella"));
    assert!(
        !offer.contains("name=\"password\""),
        "no password field: {offer}"
    );
    let r = invited
        .post_form(link, &[("name", "Uusi Ihminen"), ("password", PASSWORD)])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Tämä organisaatio ei käytä salasanalla kirjautumista")
    );
    assert!(
        app.store
            .user_by_email("uusi@oidc.test")
            .await
            .expect("read")
            .is_none(),
        "no account was made"
    );

    let b = app.browser();
    let r = b
        .post_form(
            "/login",
            &[("email", &email("orderer")), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let refused = r.text().await.expect("body");
    assert!(
        refused.contains("Organisaatiosi on ottanut salasanalla kirjautumisen pois käytöstä"),
        "{refused}"
    );
    assert!(!logged_in(&b).await);
    // A wrong password gets the usual answer: the refusal tells nothing without the password.
    let r = b
        .post_form(
            "/login",
            &[("email", &email("orderer")), ("password", "wrong password")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    // A site administrator who is a member keeps their password.
    let site = app.user_id("site").await;
    app.store
        .set_roles(app.org, site, RoleSet::empty().with(Role::Admin))
        .await
        .expect("roles");
    app.login("site").await;
    // Someone of no organisation with password log-in off is not affected.
    app.login("outsider").await;

    // Allowed again, the member logs in with the password.
    let r = admin.post_form(&action, &[("allowed", "yes")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    app.login("orderer").await;
}

#[tokio::test]
async fn without_sign_on_password_log_in_cannot_be_turned_off() {
    let app = spawn().await;
    let (_, login) = app.browser().text("/login").await;
    assert!(!login.contains("/login/sso"), "no sign-on button");
    let admin = app.login("admin").await;
    let (status, page) = admin.text(&format!("/orgs/{}/sign-on", app.org)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Kertakirjautumista ei ole otettu käyttöön tällä palvelimella"));
    let r = admin
        .post_form(
            &format!("/orgs/{}/sign-on/password", app.org),
            &[("allowed", "no"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(app.store.password_login(app.org).await.expect("read"));
    app.login("orderer").await;
}

/// A partner's facilitator leads a city process on a password session until the city turns
/// password log-in off: then only their sign-on session reaches it, as a member's would.
#[tokio::test]
async fn a_partner_without_passwords_is_not_reached_on_a_password_session() {
    let Some((app, _provider)) = spawn_with_sign_on().await else {
        return;
    };
    let now = OffsetDateTime::now_utc();
    let county = app
        .store
        .create_org("Hyvinvointialue", now)
        .await
        .expect("org");
    let lent = crate::partners::person(&app, "county-fac", county.id, &[Role::Facilitator]).await;
    let admin = app.user_id("admin").await;
    crate::partners::in_force(&app, county.id, vuoro_core::partner::Scope::All, lent).await;
    let orderer = app.login("orderer").await;
    let p = order(&app, &orderer, "Kirjasto", "advise").await;
    let id = vuoro_core::ProcessId::parse(p.trim_start_matches("/processes/")).expect("id");
    app.store
        .assign_facilitator(
            id,
            lent,
            admin,
            vuoro_core::offer::OfferStatus::Accepted,
            now,
            &[],
        )
        .await
        .expect("assigned");
    let on_password = app.login("county-fac").await;
    assert_eq!(on_password.get(&p).await.status(), StatusCode::OK);

    app.store
        .set_password_login(app.org, false, admin, now)
        .await
        .expect("off");
    assert_eq!(on_password.get(&p).await.status(), StatusCode::NOT_FOUND);
    let signed = signed_on(&app, "county-fac").await;
    assert_eq!(signed.get(&p).await.status(), StatusCode::OK);
}
