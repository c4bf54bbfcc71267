use crate::helpers::*;
use reqwest::StatusCode;

const FORM: &str = "application/x-www-form-urlencoded";

#[tokio::test]
async fn an_invalid_order_comes_back_with_messages_and_the_input_kept() {
    let app = spawn().await;
    let b = app.login("orderer").await;
    let path = format!("/orgs/{}/orders/new", app.org);
    let long = "x".repeat(201);
    let r = b
        .post_form(
            &path,
            &[
                ("community", "<script>alert(1)</script>"),
                ("reason", ""),
                ("participant_count", "lots"),
                ("languages", "fi"),
                ("timing", &long),
                ("method", "no-such-method"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert!(html.contains("Lomakkeessa on virheitä."));
    assert!(html.contains("Tämä tieto tarvitaan."), "missing reason");
    assert!(
        html.contains("Tarkista tämä tieto."),
        "count is not a number"
    );
    assert!(
        html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"),
        "input kept, escaped"
    );
    assert!(!html.contains("<script>alert(1)"), "never unescaped");
    assert!(
        html.contains("value=\"fi\" checked"),
        "check boxes keep their state"
    );
    assert!(
        app.store
            .processes(&Default::default())
            .await
            .expect("list")
            .is_empty()
    );

    // HTML in a saved order is shown as text.
    let mut fields = order_fields("Tiimi <b>3</b>", "eratauko");
    fields.retain(|(k, _)| *k != "community");
    fields.push(("community", "Tiimi <b>3</b>"));
    let r = b.post_form(&path, &fields).await;
    let (_, page) = b.text(&location(&r)).await;
    assert!(page.contains("Tiimi &#60;b&#62;3&#60;/b&#62;"));
}

#[tokio::test]
async fn oversize_and_malformed_requests_get_4xx_pages_never_500() {
    let app = spawn().await;
    let b = app.login("orderer").await;
    let path = format!("/orgs/{}/orders/new", app.org);
    let token = b.csrf().await;

    let huge = format!("csrf={token}&community={}", "a".repeat(200_000));
    let r = b.post_raw(&path, FORM, huge).await;
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.text().await.expect("body").contains("liian suuri"));

    let bad_utf8 = format!("csrf={token}&community=%FF%FE");
    let r = b.post_raw(&path, FORM, bad_utf8).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.expect("body").contains("UTF-8"));

    let r = b.post_raw(&path, "application/json", "{}".into()).await;
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);

    for p in [
        "/processes/not-an-id",
        "/processes/00000000-0000-0000-0000-000000000000",
        "/no/such/page",
        "/methods/nothing",
        "/orgs/xyz/processes",
    ] {
        let (s, html) = b.text(p).await;
        assert!(s == StatusCode::NOT_FOUND, "{p}: {s}");
        assert!(html.contains("Sivua ei löytynyt"), "{p}");
    }
    let r = b
        .client
        .delete(format!("{}/", b.base))
        .send()
        .await
        .expect("sent");
    assert!(r.status().is_client_error(), "DELETE: {}", r.status());
}

#[tokio::test]
async fn a_stale_plan_edit_is_refused_and_loses_nothing() {
    let app = spawn().await;
    let orderer = app.login("orderer").await;
    let p = order(&app, &orderer, "Ristiriitatiimi", "eratauko").await;
    let (_, page) = orderer.text(&format!("{p}/plan")).await;
    let v = plan_version(&page);
    let fields = |invited: &'static str, v: &str| {
        vec![
            ("version", v.to_owned()),
            ("invited", invited.to_owned()),
            ("summary_visibility", "participants".to_owned()),
        ]
    };
    let first = fields("Ensimmäinen", &v);
    let first: Vec<(&str, &str)> = first.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        orderer
            .post_form(&format!("{p}/plan"), &first)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let second = fields("Toinen", &v);
    let second: Vec<(&str, &str)> = second.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = orderer.post_form(&format!("{p}/plan"), &second).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Suunnitelmaa muutettiin")
    );
    let (_, page) = orderer.text(&p).await;
    assert!(page.contains("Ensimmäinen") && !page.contains("Toinen"));
}
