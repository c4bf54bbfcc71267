//! The open data API over HTTP: every answer is validated against the OpenAPI document the
//! server itself serves, only what organisations marked public comes out, the filters filter,
//! the CSV is safe to open in a spreadsheet and a bad filter is a 400 with a JSON reason.

use crate::helpers::{Browser, TestApp, order, spawn};
use reqwest::StatusCode;
use serde_json::Value;
use time::OffsetDateTime;
use vuoro_core::catalogue::{ActivityInput, Count, Vocabulary};
use vuoro_core::{ActivityId, OrgId};
use vuoro_store::{ActivityRecord, ActivitySource, OrgCatalogue};

/// An activity of `org` as the form would record it.
async fn add(app: &TestApp, org: OrgId, text: &str, public: bool, tweak: fn(&mut ActivityInput)) {
    let mut input = ActivityInput {
        contexts: vec!["school".into()],
        topics: vec!["bullying".into()],
        tags: "vanhempainillat".into(),
        method: "luokkadialogi".into(),
        unit: "Perusopetus".into(),
        target_group: "Oppilaat".into(),
        languages: vec!["fi".into(), "so".into()],
        format: "face_to_face".into(),
        period: "2020–2021".into(),
        count: "10–15 vuodessa".into(),
        status: "done".into(),
        text: text.into(),
        public,
    };
    tweak(&mut input);
    let activity = input.validate(Vocabulary::builtin()).expect("valid");
    let now = OffsetDateTime::now_utc();
    app.store
        .add_activity(&ActivityRecord {
            id: ActivityId::new(),
            org,
            activity,
            source: ActivitySource::Manual,
            created_by: None,
            created_at: now,
            updated_at: now,
        })
        .await
        .expect("saved");
}

async fn settings(app: &TestApp, org: OrgId, public: bool, processes: bool, region: &str) {
    let mut s = OrgCatalogue::empty(org, OffsetDateTime::now_utc());
    s.public = public;
    s.publish_processes = processes;
    s.region = Some(region.to_owned());
    s.trained = Count::parse("12");
    s.trained_text = Some("12".into());
    app.store.save_org_catalogue(&s).await.expect("saved");
}

/// Two organisations: the test organisation publishes its catalogue and its processes; the
/// other keeps its catalogue private, even an activity it marked public.
async fn data(app: &TestApp) -> OrgId {
    settings(app, app.org, true, true, "Pohjois-Pohjanmaa").await;
    add(app, app.org, "Luokkadialogit kiusaamisesta", true, |_| {}).await;
    add(app, app.org, "Salainen johtoryhmän kirjaus", false, |_| {}).await;
    add(app, app.org, "=cmd|' /C calc'!A0", true, |i| {
        i.contexts = vec!["residents".into()];
        i.topics = Vec::new();
        i.method = "eratauko".into();
        i.period = "2023".into();
        i.count = String::new();
        i.status = "planned".into();
    })
    .await;
    let other = app
        .store
        .create_org("Piilolan kunta", time::OffsetDateTime::now_utc())
        .await
        .expect("org")
        .id;
    settings(app, other, false, true, "Uusimaa").await;
    add(app, other, "Piilolan julkinen kirjaus", true, |_| {}).await;
    order(
        app,
        &app.login("orderer").await,
        "Kotihoidon yötiimi",
        "eratauko",
    )
    .await;
    other
}

async fn json_of(r: reqwest::Response) -> Value {
    serde_json::from_str(&r.text().await.expect("body")).expect("JSON")
}

/// The served document, with a `$ref` at its root to the schema of one answer, so that the
/// references inside it resolve against the document's own components.
async fn schema(b: &Browser, path: &str, status: u16) -> jsonschema::Validator {
    let r = b.get("/api/openapi.json").await;
    assert_eq!(r.status(), StatusCode::OK);
    let mut doc = json_of(r).await;
    let escaped = path.replace('~', "~0").replace('/', "~1");
    let pointer =
        format!("#/paths/{escaped}/get/responses/{status}/content/application~1json/schema");
    assert!(
        doc.pointer(&pointer[1..]).is_some(),
        "the document describes {status} of {path}"
    );
    doc["$ref"] = Value::String(pointer);
    jsonschema::validator_for(&doc).expect("the document's schemas compile")
}

/// Fetches `path` (with `query`), checks the status and validates the body against the
/// document's schema for that path and status.
pub async fn valid(b: &Browser, path: &str, query: &str, status: u16) -> Value {
    let r = b.get(&format!("{path}{query}")).await;
    assert_eq!(r.status().as_u16(), status, "{path}{query}");
    let ct = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(ct.starts_with("application/json"), "{ct}");
    let body = json_of(r).await;
    let v = schema(b, path, status).await;
    let errors: Vec<String> = v.iter_errors(&body).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{path}{query}: {errors:?}\n{body:#}");
    body
}

const ACTIVITIES: &str = "/api/v1/catalogue/activities";
const ORGS: &str = "/api/v1/catalogue/organisations";

fn texts(body: &Value) -> Vec<String> {
    body["activities"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|a| a["text"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn the_api_publishes_only_what_is_public_and_matches_its_document() {
    let app = spawn().await;
    let other = data(&app).await;
    // No login: open data.
    let b = app.browser();

    let doc = json_of(b.get("/api/openapi.json").await).await;
    assert!(
        doc["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1"))
    );
    for p in [ORGS, ACTIVITIES, "/api/v1/catalogue/activities.csv"] {
        assert!(doc["paths"][p]["get"].is_object(), "{p} is documented");
    }

    // The schemas bite: a wrong type or a field the document does not name is refused.
    let v = schema(&b, ACTIVITIES, 200).await;
    assert!(!v.is_valid(&serde_json::json!({"activities": [{"text": 1}]})));
    assert!(!v.is_valid(&serde_json::json!({"activities": [], "more": 1})));
    assert!(v.is_valid(&serde_json::json!({"activities": []})));

    let orgs = valid(&b, ORGS, "", 200).await;
    let list = orgs["organisations"].as_array().expect("a list");
    assert_eq!(list.len(), 1, "only the public organisation: {orgs:#}");
    let o = &list[0];
    assert_eq!(o["id"], app.org.to_string());
    assert_eq!(o["name"], "Testilän kunta");
    assert_eq!(o["region"], "Pohjois-Pohjanmaa");
    assert_eq!(o["trained_facilitators"]["n"], 12);
    // Two public records and the process.
    assert_eq!(o["activities"], 3);
    let c = o["completeness"].as_f64().expect("a number");
    assert!((0.0..=1.0).contains(&c), "{c}");
    assert!(
        o["contexts"]
            .as_array()
            .expect("contexts")
            .iter()
            .any(|c| c["context"]["code"] == "school" && c["activities"] == 1)
    );
    assert!(!orgs.to_string().contains(&other.to_string()));

    let all = valid(&b, ACTIVITIES, "", 200).await;
    let t = texts(&all);
    assert!(
        t.contains(&"Luokkadialogit kiusaamisesta".to_owned()),
        "{t:?}"
    );
    for private in [
        "Salainen johtoryhmän kirjaus",
        "Piilolan julkinen kirjaus",
        "Kotihoidon yötiimi",
    ] {
        assert!(!all.to_string().contains(private), "{private} leaked");
    }
    let a = all["activities"]
        .as_array()
        .expect("list")
        .iter()
        .find(|a| a["text"] == "Luokkadialogit kiusaamisesta")
        .expect("the public record");
    assert_eq!(a["contexts"][0]["code"], "school");
    assert_eq!(
        a["contexts"][0]["name"]["sv"],
        "Skola och småbarnspedagogik"
    );
    assert_eq!(a["method"]["code"], "luokkadialogi");
    assert_eq!(a["count"]["kind"], "range");
    assert_eq!(a["count"]["min"], 10);
    assert_eq!(a["count"]["per"], "year");
    assert_eq!(a["count_text"], "10–15 vuodessa");
    assert_eq!(a["period"]["from"], 2020);
    assert_eq!(a["source"], "manual");
    assert_eq!(a["languages"], serde_json::json!(["fi", "so"]));
    let process = all["activities"]
        .as_array()
        .expect("list")
        .iter()
        .find(|a| a["source"] == "process")
        .expect("the published process, as a line");
    assert_eq!(process["text"], "Dialogiprosessi vuorossa");
    assert!(process["id"].is_null() && process["unit"].is_null());

    // Without publish_processes the process disappears; a private organisation, everything.
    let mut s = app.store.org_catalogue(app.org).await.expect("settings");
    s.publish_processes = false;
    app.store.save_org_catalogue(&s).await.expect("saved");
    let body = valid(&b, ACTIVITIES, "", 200).await;
    assert!(!body.to_string().contains("\"process\""));
    s.public = false;
    app.store.save_org_catalogue(&s).await.expect("saved");
    let body = valid(&b, ACTIVITIES, "", 200).await;
    assert_eq!(body["activities"], serde_json::json!([]));
    let body = valid(&b, ORGS, "", 200).await;
    assert_eq!(body["organisations"], serde_json::json!([]));
}

#[tokio::test]
async fn filters_narrow_the_list() {
    let app = spawn().await;
    data(&app).await;
    let b = app.browser();
    let org = app.org.to_string();
    let cases: Vec<(String, Vec<&str>)> = vec![
        (
            "?context=school".into(),
            vec!["Luokkadialogit kiusaamisesta"],
        ),
        ("?context=residents".into(), vec!["=cmd|' /C calc'!A0"]),
        // The process, ordered with Erätauko, is planned until its sessions begin.
        (
            "?method=eratauko&status=planned".into(),
            vec!["=cmd|' /C calc'!A0", "Dialogiprosessi vuorossa"],
        ),
        (
            "?context=work_community".into(),
            vec!["Dialogiprosessi vuorossa"],
        ),
        (
            "?topic=bullying".into(),
            vec!["Luokkadialogit kiusaamisesta"],
        ),
        ("?year=2021".into(), vec!["Luokkadialogit kiusaamisesta"]),
        (
            "?year=2023&status=planned".into(),
            vec!["=cmd|' /C calc'!A0"],
        ),
        ("?year=1999".into(), vec![]),
        (
            "?region=pohjois-pohjanmaa&context=school".into(),
            vec!["Luokkadialogit kiusaamisesta"],
        ),
        ("?region=Uusimaa".into(), vec![]),
        (
            format!("?org={org}&topic=bullying"),
            vec!["Luokkadialogit kiusaamisesta"],
        ),
        (format!("?org={}", OrgId::new()), vec![]),
    ];
    for (q, want) in cases {
        let body = valid(&b, ACTIVITIES, &q, 200).await;
        assert_eq!(texts(&body), want, "{q}");
    }
    // Every public line of the organisation: two records and its process.
    let body = valid(&b, ACTIVITIES, &format!("?org={org}"), 200).await;
    assert_eq!(texts(&body).len(), 3);
}

#[tokio::test]
async fn the_csv_has_a_header_and_defuses_formulas() {
    let app = spawn().await;
    data(&app).await;
    let b = app.browser();
    let r = b
        .get("/api/v1/catalogue/activities.csv?status=planned&context=residents")
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/csv"))
    );
    let text = r.text().await.expect("body");
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header = lines.next().expect("a header");
    assert!(header.starts_with("\"org\",\"org_name\",\"id\",\"source\",\"status\",\"contexts\""));
    assert!(header.ends_with("\"count_text\",\"text\""));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 1, "{text}");
    assert!(rows[0].contains("\"'=cmd|' /C calc'!A0\""), "{}", rows[0]);
    assert!(rows[0].contains("\"Testilän kunta\""));
    assert!(rows[0].contains("\"residents\",\"Asukkaat"), "{}", rows[0]);
    assert!(!text.contains("Salainen"));
    let r = b.get("/api/v1/catalogue/activities.csv?year=abc").await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let body = json_of(r).await;
    assert_eq!(body["error"], "api-bad-year");
}

#[tokio::test]
async fn a_bad_filter_is_a_400_with_a_translated_json_reason() {
    let app = spawn().await;
    let b = app.browser();
    for (q, id) in [
        ("?context=nowhere", "api-bad-context"),
        ("?year=abc", "api-bad-year"),
        ("?year=99999999999", "api-bad-year"),
        ("?status=maybe", "api-bad-status"),
        ("?org=1", "api-bad-org"),
        ("?colour=red", "api-unknown-parameter"),
        ("?year=2020&year=2021", "api-repeated-parameter"),
        ("?context=%ff%fe", "api-bad-query"),
    ] {
        let body = valid(&b, ACTIVITIES, q, 400).await;
        assert_eq!(body["error"], id, "{q}");
        assert!(!body["message"].as_str().unwrap_or_default().is_empty());
    }
    let r = b
        .client
        .get(format!("{}{ACTIVITIES}?year=abc", b.base))
        .header("accept-language", "en")
        .send()
        .await
        .expect("request");
    let body = json_of(r).await;
    assert_eq!(
        body["message"],
        "The year must be a number from 1950 to 2100."
    );
    let (_, fi) = b.text(&format!("{ACTIVITIES}?year=abc")).await;
    assert!(fi.contains("Vuoden pitää olla luku"), "{fi}");
}
