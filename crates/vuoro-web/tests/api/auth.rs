use crate::helpers::*;
use reqwest::StatusCode;

#[tokio::test]
async fn wrong_password_and_unknown_email_are_refused_alike() {
    let app = spawn().await;
    let b = app.browser();
    for (email, password) in [
        (email("orderer"), "wrong password!"),
        ("nobody@test.vuoro.fi".into(), PASSWORD),
    ] {
        let r = b
            .post_form("/login", &[("email", &email), ("password", password)])
            .await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        let html = r.text().await.expect("body");
        assert!(html.contains("Sähköpostiosoite tai salasana on väärä."));
        assert!(
            html.contains(&format!("value=\"{email}\"")),
            "the e-mail stays in the field"
        );
    }
}

#[tokio::test]
async fn pages_need_a_login_and_logout_ends_the_session() {
    let app = spawn().await;
    let anon = app.browser();
    for path in ["/", "/methods", &format!("/orgs/{}/processes", app.org)] {
        let r = anon.get(path).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{path}");
        assert_eq!(location(&r), "/login", "{path}");
    }
    let b = app.login("orderer").await;
    let (s, html) = b.text("/").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Testi orderer"));
    let r = b.post_form("/logout", &[]).await;
    assert_eq!(location(&r), "/login");
    assert_eq!(
        location(&b.get("/").await),
        "/login",
        "the old cookie no longer works"
    );
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused() {
    let app = spawn().await;
    let b = app.login("orderer").await;
    let path = format!("/orgs/{}/orders/new", app.org);
    let mut fields = order_fields("Ilman tunnistetta", "eratauko");
    let r = b.post_untokened(&path, &fields).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Lomake oli vanhentunut")
    );
    fields.push((
        "csrf",
        "0000000000000000000000000000000000000000000000000000000000000000",
    ));
    let r = b.post_untokened(&path, &fields).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // A browser with no cookie at all, as a cross-site form would arrive without our token.
    let stranger = app.browser();
    let r = stranger
        .client
        .post(format!("{}/login", b.base))
        .form(&[
            ("email", email("orderer").as_str()),
            ("password", PASSWORD),
            ("csrf", "x"),
        ])
        .send()
        .await
        .expect("sent");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let none = app
        .store
        .processes(&Default::default())
        .await
        .expect("list");
    assert!(none.is_empty(), "nothing was ordered");
}

#[tokio::test]
async fn an_invitation_creates_an_account_once() {
    let app = spawn().await;
    let admin = app.login("admin").await;
    let r = admin
        .post_form(
            &format!("/orgs/{}/invitations", app.org),
            &[
                ("email", "Uusi.Vetaja@Test.vuoro.fi"),
                ("roles", "facilitator"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "post, then redirect");
    let (_, html) = admin.text(&location(&r)).await;
    let start = html.find("/invite/").expect("the link is shown");
    let link = html[start..start + "/invite/".len() + 64].to_owned();
    let (_, again) = admin.text(&format!("/orgs/{}", app.org)).await;
    assert!(!again.contains("/invite/"), "the link is shown only once");

    let newcomer = app.browser();
    let (s, page) = newcomer.text(&link).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("uusi.vetaja@test.vuoro.fi"));
    let short = newcomer
        .post_form(&link, &[("name", "Uusi Vetäjä"), ("password", "short")])
        .await;
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = short.text().await.expect("body");
    assert!(body.contains("Vähintään 10 merkkiä."));
    assert!(body.contains("value=\"Uusi Vetäjä\""), "the name is kept");
    let ok = newcomer
        .post_form(
            &link,
            &[
                ("name", "Uusi Vetäjä"),
                ("password", "pitkä salasana tässä"),
            ],
        )
        .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    let again = newcomer
        .post_form(
            &link,
            &[("name", "Toinen"), ("password", "pitkä salasana tässä")],
        )
        .await;
    assert_eq!(
        again.status(),
        StatusCode::BAD_REQUEST,
        "a used link does not work twice"
    );

    let r = newcomer
        .post_form(
            "/login",
            &[
                ("email", "uusi.vetaja@test.vuoro.fi"),
                ("password", "pitkä salasana tässä"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, home) = newcomer.text("/").await;
    assert!(
        home.contains("Fasilitaattori"),
        "the invited role is granted"
    );
}

#[tokio::test]
async fn the_language_choice_is_remembered_and_redirects_stay_local() {
    let app = spawn().await;
    let b = app.login("orderer").await;
    let r = b.get("/lang/sv?next=/methods").await;
    assert_eq!(location(&r), "/methods");
    let (_, html) = b.text("/methods").await;
    assert!(html.contains("<html lang=\"sv\">"));
    assert!(html.contains("Metoder"));
    let (_, html) = b.text("/").await;
    assert!(html.contains("<html lang=\"sv\">"), "the choice persists");
    let r = b.get("/lang/en?next=//evil.example/").await;
    assert_eq!(location(&r), "/", "no redirect to another site");
    let (_, html) = b.text("/").await;
    assert!(html.contains("<html lang=\"en\">"));
    assert_eq!(b.get("/lang/de").await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn repeated_wrong_passwords_lock_the_address_for_a_while() {
    let app = spawn().await;
    let b = app.browser();
    let target = email("facilitator");
    for _ in 0..vuoro_web::auth::LOGIN_ATTEMPTS {
        let r = b
            .post_form(
                "/login",
                &[("email", &target), ("password", "guess guess guess")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = b
        .post_form("/login", &[("email", &target), ("password", PASSWORD)])
        .await;
    assert_eq!(
        r.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    assert!(r.text().await.expect("body").contains("Odota 15 minuuttia"));
    // Other people are not locked out by someone guessing at one address.
    app.login("orderer").await;
}

#[tokio::test]
async fn redirects_from_user_input_stay_on_this_site() {
    let app = spawn().await;
    let b = app.browser();
    // A tab (or newline) is dropped by browsers, making `/\t/evil.example` `//evil.example`.
    for (path, home) in [
        ("/lang/en?next=/%09/evil.example", "/"),
        ("/lang/en?next=/%0A/evil.example", "/"),
        ("/lang/en?next=/%5C/evil.example", "/"),
        ("/lang/en?next=/%252F/evil.example", "/"),
        ("/lang/en?next=%09//evil.example", "/"),
        ("/plang/ar?next=/%09/evil.example", "/join"),
        ("/plang/ar?next=/%0D%0A/evil.example", "/join"),
        ("/plang/ar?next=/%5C%5Cevil.example", "/join"),
    ] {
        let r = b.get(path).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{path}");
        assert_eq!(location(&r), home, "{path}");
    }
    // Local paths still work, with their query.
    let r = b.get("/lang/sv?next=/methods%3Fq%3Dx").await;
    assert_eq!(location(&r), "/methods?q=x");
    // The log-in form carries only a local return path.
    let (_, html) = b.text("/login?next=/%09/evil.example").await;
    assert!(!html.contains("name=\"next\""), "no return path kept");
    let (_, html) = b.text("/login?next=/methods").await;
    assert!(html.contains("name=\"next\" value=\"/methods\""));
    let r = b
        .post_form(
            "/login",
            &[
                ("email", &email("orderer")),
                ("password", PASSWORD),
                ("next", "/%09/evil.example"),
            ],
        )
        .await;
    assert_eq!(location(&r), "/", "a bad return path leads home");
}

/// The `Set-Cookie` header of a response that sets `name`.
fn set_cookie_of(r: &reqwest::Response, name: &str) -> String {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("{name} is set"))
        .to_owned()
}

#[tokio::test]
async fn every_cookie_is_secure_and_hsts_is_sent_when_the_site_is_https() {
    let plain = spawn().await;
    let r = plain.browser().get("/login").await;
    assert!(r.headers().get("strict-transport-security").is_none());
    assert!(!set_cookie_of(&r, "vuoro_csrf").contains("Secure"));

    let app = spawn_with(vuoro_web::WebConfig {
        secure_cookies: true,
        ..Default::default()
    })
    .await;
    // A client that keeps cookies by hand: a cookie store would not send Secure cookies over
    // the test's plain HTTP.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let get = |path: &str, cookie: &str| {
        client
            .get(format!("{}{path}", app.base))
            .header("cookie", cookie.to_owned())
            .send()
    };
    let r = get("/login", "").await.expect("login page");
    assert_eq!(
        r.headers()
            .get("strict-transport-security")
            .and_then(|v| v.to_str().ok()),
        Some("max-age=31536000")
    );
    let csrf_cookie = set_cookie_of(&r, "vuoro_csrf");
    assert!(csrf_cookie.contains("Secure") && csrf_cookie.contains("HttpOnly"));
    let token = csrf_cookie["vuoro_csrf=".len().."vuoro_csrf=".len() + 64].to_owned();
    let jar = format!("vuoro_csrf={token}");
    let login = client
        .post(format!("{}/login", app.base))
        .header("cookie", &jar)
        .form(&[
            ("csrf", token.as_str()),
            ("email", &email("admin")),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .expect("log in");
    assert_eq!(login.status(), StatusCode::SEE_OTHER);
    let session = set_cookie_of(&login, "vuoro_session");
    assert!(
        session.contains("Secure") && session.contains("HttpOnly"),
        "{session}"
    );
    let session = session.split(';').next().unwrap_or_default().to_owned();
    let jar = format!("{jar}; {session}");
    let lang = get("/lang/sv?next=/", &jar).await.expect("language");
    assert!(set_cookie_of(&lang, "vuoro_lang").contains("Secure"));
    let invite = client
        .post(format!("{}/orgs/{}/invitations", app.base, app.org))
        .header("cookie", &jar)
        .form(&[
            ("csrf", token.as_str()),
            ("email", "uusi@test.vuoro.fi"),
            ("roles", "orderer"),
        ])
        .send()
        .await
        .expect("invite");
    assert_eq!(invite.status(), StatusCode::SEE_OTHER);
    let link = set_cookie_of(&invite, "vuoro_new_invite");
    assert!(
        link.contains("Secure") && link.contains("SameSite=Strict"),
        "{link}"
    );
    // A phone's language choice: the same rule for participant pages.
    let plang = get("/plang/ar?next=/join", "")
        .await
        .expect("phone language");
    assert!(set_cookie_of(&plang, "vuoro_plang").contains("Secure"));
}

#[tokio::test]
async fn a_flood_of_addresses_does_not_unlock_a_real_one() {
    // The attack on the demo, scaled down: failures on many random addresses, each from a
    // fresh client address through a trusted proxy so that the per-client limit does not stop
    // it first, meant to push the real address out of the limiter. The count is a table
    // whose rows leave only with time, so there is nothing to push out.
    let app = spawn_with(vuoro_web::WebConfig {
        trusted_proxies: vec!["127.0.0.1".parse().expect("ip")],
        ..Default::default()
    })
    .await;
    let b = app.browser();
    let token = b.csrf().await;
    let mut n = 0u32;
    let mut guess = |address: String| {
        n += 1;
        b.client
            .post(format!("{}/login", app.base))
            .header(
                "x-forwarded-for",
                format!("198.51.{}.{}", n / 200, n % 200 + 1),
            )
            .form(&[
                ("csrf", token.clone()),
                ("email", address),
                ("password", "guess guess guess".to_owned()),
            ])
            .send()
    };
    for i in 0..30 {
        let r = guess(format!("random{i}@example.invalid"))
            .await
            .expect("guess");
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let target = email("facilitator");
    for _ in 0..vuoro_web::auth::LOGIN_ATTEMPTS {
        let r = guess(target.clone()).await.expect("guess");
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = guess(target.clone()).await.expect("guess");
    assert_eq!(
        r.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the address is locked"
    );
    let wait: u64 = r
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After in seconds");
    assert!((14 * 60..=15 * 60).contains(&wait), "{wait}");
    assert!(r.text().await.expect("body").contains("Odota 15 minuuttia"));
}

#[tokio::test]
async fn one_client_cannot_guess_across_many_addresses() {
    let app = spawn().await;
    let b = app.browser();
    let per_client = vuoro_web::WebConfig::default().login_failures_per_client;
    for i in 0..per_client {
        let r = b
            .post_form(
                "/login",
                &[
                    ("email", &format!("guess{i}@example.invalid")),
                    ("password", "guess guess guess"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    // Now even a right password from this client waits, with a translated page.
    let r = b
        .post_form(
            "/login",
            &[("email", &email("orderer")), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().get("retry-after").is_some());
    let html = r.text().await.expect("body");
    assert!(html.contains("Tästä verkko-osoitteesta"), "{html}");
    assert!(html.contains("Odota 15 min"), "{html}");
}

#[tokio::test]
async fn two_servers_on_one_database_spend_one_log_in_budget() {
    let a = spawn().await;
    let b = a.beside().await;
    let target = email("facilitator");
    let guess = |app: &TestApp| {
        let browser = app.browser();
        let target = target.clone();
        async move {
            browser
                .post_form(
                    "/login",
                    &[("email", &target), ("password", "guess guess guess")],
                )
                .await
                .status()
        }
    };
    // Guesses spread over both servers, as a load balancer spreads them.
    for i in 0..vuoro_web::auth::LOGIN_ATTEMPTS {
        let server = if i % 2 == 0 { &a } else { &b };
        assert_eq!(guess(server).await, StatusCode::UNAUTHORIZED, "guess {i}");
    }
    assert_eq!(guess(&a).await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        guess(&b).await,
        StatusCode::TOO_MANY_REQUESTS,
        "the other server counts the same failures"
    );
}
