use crate::helpers::*;
use reqwest::StatusCode;
use vuoro_store::Store;

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
