//! The network's reports over HTTP: the page with its tables for the period, the CSV of each
//! table, the five-answer rule of feedback in both, and who may see them.

use crate::helpers::{TestApp, spawn};
use reqwest::StatusCode;
use std::collections::BTreeSet;
use time::{Date, Month, OffsetDateTime, Time};
use vuoro_core::feedback::{Answer, FeedbackState};
use vuoro_core::lang::ParticipantLang;
use vuoro_core::live::{JoinCode, Position, Timer};
use vuoro_core::method::{Format, MethodLibrary};
use vuoro_core::order::{MethodChoice, Order, ParticipantKind};
use vuoro_core::plan::{Plan, PlanSession};
use vuoro_core::{LiveSessionId, ParticipantId, ProcessId, UnitId};
use vuoro_store::{LiveSession, NewProcess, Participant};

fn reports(app: &TestApp) -> String {
    format!("/orgs/{}/network/reports", app.org)
}

/// A day of this year.
fn day(month: Month, d: u8) -> Date {
    let y = OffsetDateTime::now_utc().year();
    Date::from_calendar_date(y, month, d).expect("date")
}

/// A process of `method`, ordered on `ordered`, facilitated by the seed's facilitator, with one
/// session on `first` where `answers` people answered the feedback (each rating 4).
async fn dialogue(
    app: &TestApp,
    method: &str,
    unit: Option<UnitId>,
    ordered: Date,
    first: Date,
    answers: usize,
    code: &str,
) -> ProcessId {
    let s = &*app.store;
    let orderer = app.user_id("orderer").await;
    let fac = app.user_id("facilitator").await;
    let at = ordered
        .with_time(Time::from_hms(9, 0, 0).expect("time"))
        .assume_utc();
    let p = s
        .create_process(
            NewProcess {
                org: app.org,
                orderer,
                order: Order {
                    community: format!("Yhteisö {code}"),
                    unit,
                    reason: "Syy".into(),
                    outcome: "Tulos".into(),
                    timing: "Pian".into(),
                    participant_count: 10,
                    participant_kinds: BTreeSet::from([ParticipantKind::Staff]),
                    languages: BTreeSet::from([ParticipantLang::Fi]),
                    format: Format::FaceToFace,
                    method: MethodChoice::Method(method.into()),
                    needs_outsider: false,
                },
                plan: Plan::default(),
                community: None,
            },
            at,
        )
        .await
        .expect("process");
    s.assign_facilitator(
        p.id,
        fac,
        app.user_id("coordinator").await,
        vuoro_core::offer::OfferStatus::Accepted,
        at,
        &[],
    )
    .await
    .expect("assigned");
    let lib = MethodLibrary::builtin().expect("library");
    let plan = Plan {
        method: Some(lib.get(method).expect("method").adapt()),
        sessions: vec![PlanSession {
            id: 1,
            title: "Tilaisuus".into(),
            phase: 1,
            date: first,
            start: Time::from_hms(13, 0, 0).expect("time"),
            end: Time::from_hms(15, 0, 0).expect("time"),
            format: Format::FaceToFace,
            place: None,
            online_link: None,
        }],
        ..Plan::default()
    };
    s.save_plan(p.id, 1, &plan, fac, at, &[])
        .await
        .expect("plan");
    if answers > 0 {
        let t = first
            .with_time(Time::from_hms(14, 0, 0).expect("time"))
            .assume_utc();
        let live = LiveSession {
            id: LiveSessionId::new(),
            process: p.id,
            plan_session: 1,
            phase: 1,
            join_code: JoinCode::parse(code).expect("code"),
            open: true,
            position: Position::default(),
            timer: Timer::new(10),
            opened_by: fac,
            opened_at: t,
            closed_at: None,
        };
        s.open_live_session(&live).await.expect("live");
        s.set_feedback_state(live.id, FeedbackState::Open, t)
            .await
            .expect("open");
        for _ in 0..answers {
            let who = Participant {
                id: ParticipantId::new(),
                process: p.id,
                token_hash: format!("hash-{}", ParticipantId::new()),
                display_name: None,
                lang: "fi".into(),
                created_at: t,
            };
            s.create_participant(&who).await.expect("participant");
            s.attend(live.id, who.id, t).await.expect("attend");
            s.add_feedback(live.id, who.id, &[Answer::Scale(4)], t)
                .await
                .expect("answer");
        }
    }
    p.id
}

#[tokio::test]
async fn the_reports_count_the_periods_dialogues_and_hide_feedback_under_five() {
    let app = spawn().await;
    let unit = app
        .store
        .create_unit(app.org, "Kasvatus ja koulutus")
        .await
        .expect("unit")
        .id;
    // Erätauko: two dialogues, 10 and 20 days from order, 6 + 5 answers (eleven: shown).
    dialogue(
        &app,
        "eratauko",
        Some(unit),
        day(Month::January, 1),
        day(Month::January, 11),
        6,
        "ACDEFG",
    )
    .await;
    dialogue(
        &app,
        "eratauko",
        None,
        day(Month::February, 1),
        day(Month::February, 21),
        5,
        "HJKMNP",
    )
    .await;
    // Class dialogue: one, with four answers (under five: not told).
    dialogue(
        &app,
        "luokkadialogi",
        Some(unit),
        day(Month::March, 1),
        day(Month::March, 2),
        4,
        "QRTUVW",
    )
    .await;

    let coordinator = app.login("coordinator").await;
    let (status, network) = coordinator
        .text(&format!("/orgs/{}/network", app.org))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        network.contains(&reports(&app)),
        "the network page links the reports"
    );

    let (status, html) = coordinator.text(&reports(&app)).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    for caption in [
        "Dialogit yksiköittäin",
        "Dialogit menetelmittäin",
        "Dialogit fasilitaattoreittain",
        "Dialogit kuukausittain",
        "Päiviä tilauksesta ensimmäiseen tilaisuuteen",
        "Palaute menetelmittäin",
    ] {
        assert!(html.contains(&format!(">{caption}</caption>")), "{caption}");
    }
    assert!(html.contains("Kasvatus ja koulutus"));
    assert!(html.contains("Testi facilitator"));
    // The median of 10 and 20 days, in Finnish.
    assert!(html.contains("15,0"), "{html}");
    assert!(html.contains("alle viisi vastausta"));
    // The Erätauko figures: eleven answers, mean 4.
    assert!(html.contains("<td>11</td>") && html.contains("4,0"));

    // The CSV: UTF-8 with a byte-order mark, quoted, and the same rule.
    let r = coordinator
        .get(&format!("{}/feedback.csv", reports(&app)))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()[reqwest::header::CONTENT_TYPE]
            .to_str()
            .expect("ascii header")
            .starts_with("text/csv")
    );
    assert!(
        r.headers()[reqwest::header::CONTENT_DISPOSITION]
            .to_str()
            .expect("ascii header")
            .contains("attachment")
    );
    let body = r.bytes().await.expect("body");
    assert!(body.starts_with("\u{feff}".as_bytes()));
    let text = String::from_utf8(body.to_vec()).expect("utf-8");
    assert!(text.contains("\"Menetelmä\",\"Vastauksia\""), "{text}");
    assert!(text.contains("\"11\",\"4,0\""), "{text}");
    assert!(text.contains("\"alle viisi vastausta\""), "{text}");
    assert!(
        !text.contains("\"4\","),
        "four answers are never told: {text}"
    );
    let (status, months) = coordinator
        .text(&format!("{}/months.csv", reports(&app)))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        months.lines().count(),
        13,
        "a header and twelve months: {months}"
    );
    let (status, _) = coordinator
        .text(&format!("{}/nothing.csv", reports(&app)))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Swedish and English, with their decimal marks.
    coordinator.get("/lang/sv").await;
    let (_, sv) = coordinator.text(&reports(&app)).await;
    assert!(
        sv.contains("Respons per metod") && sv.contains("färre än fem svar"),
        "{sv}"
    );
    assert!(sv.contains("15,0"));
    coordinator.get("/lang/en").await;
    let (_, en) = coordinator.text(&reports(&app)).await;
    assert!(en.contains("Feedback per method") && en.contains("fewer than five answers"));
    assert!(en.contains("15.0") && en.contains("4.0"), "{en}");
    let (_, en_csv) = coordinator
        .text(&format!("{}/lead-times.csv", reports(&app)))
        .await;
    assert!(en_csv.contains("\"Median (days)\""), "{en_csv}");
    coordinator.get("/lang/fi").await;

    // A period without them: nothing counted, and a wrong period falls back to this year.
    let y = OffsetDateTime::now_utc().year() - 5;
    let (_, old) = coordinator
        .text(&format!("{}?from={y}-01-01&to={y}-12-31", reports(&app)))
        .await;
    assert!(!old.contains("Kasvatus ja koulutus") && !old.contains("alle viisi"));
    let (status, bad) = coordinator
        .text(&format!("{}?from=eilen", reports(&app)))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(bad.contains("role=\"alert\"") && bad.contains("alle viisi"));
}

#[tokio::test]
async fn only_the_organisations_coordinators_and_admins_see_the_reports() {
    let app = spawn().await;
    let path = reports(&app);
    let csv = format!("{path}/units.csv");
    for who in ["coordinator", "admin"] {
        let b = app.login(who).await;
        assert_eq!(b.get(&path).await.status(), StatusCode::OK, "{who}");
        assert_eq!(b.get(&csv).await.status(), StatusCode::OK, "{who}");
    }
    for who in ["orderer", "facilitator", "outsider"] {
        let b = app.login(who).await;
        assert_eq!(b.get(&path).await.status(), StatusCode::FORBIDDEN, "{who}");
        assert_eq!(b.get(&csv).await.status(), StatusCode::FORBIDDEN, "{who}");
    }
    let neighbour = crate::network::neighbour(&app).await;
    assert_eq!(neighbour.get(&path).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(neighbour.get(&csv).await.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_peer_listing_takes_trained_and_active_facilitators_from_the_network() {
    use vuoro_core::catalogue::{Amount, Count, CountPer};
    let app = spawn().await;
    crate::catalogue::add(&app, app.org, "Kouludialogit", "school", true).await;
    // Published without the organisation's vuoro figures: its hand-entered count stands.
    crate::catalogue::publish(&app, app.org, "Uusimaa", false).await;
    let mut c = app.store.org_catalogue(app.org).await.expect("catalogue");
    c.trained = Some(Count {
        amount: Amount::Exact { n: 37 },
        per: CountPer::Total,
    });
    c.trained_text = Some("37".into());
    app.store.save_org_catalogue(&c).await.expect("save");
    let anon = app.browser();
    let (_, page) = anon.text("/listing").await;
    assert!(page.contains("<dd>37</dd>"), "{page}");

    // The network: the facilitator trained in Erätauko, facilitating a month ago; the second
    // facilitator trained but idle.
    let today = OffsetDateTime::now_utc().date();
    let coordinator = app.user_id("coordinator").await;
    for who in ["facilitator", "facilitator2"] {
        app.store
            .add_held_training(
                app.org,
                app.user_id(who).await,
                &vuoro_core::network::HeldTraining {
                    id: vuoro_core::HeldTrainingId::new(),
                    method: "eratauko".into(),
                    trainer: "THL".into(),
                    date: today - time::Duration::days(400),
                    minutes: 480,
                    training: None,
                },
                coordinator,
                OffsetDateTime::now_utc(),
            )
            .await
            .expect("trained");
    }
    let first = today - time::Duration::days(30);
    dialogue(
        &app,
        "eratauko",
        None,
        first - time::Duration::days(10),
        first,
        0,
        "ACDEFG",
    )
    .await;
    // Still the hand-entered count: the network's figures wait for the consent.
    let (_, page) = anon.text("/listing").await;
    assert!(page.contains("<dd>37</dd>"), "{page}");

    crate::catalogue::publish(&app, app.org, "Uusimaa", true).await;
    let (_, page) = anon.text("/listing").await;
    assert!(
        page.contains("2 koulutettua (Erätauko 2); 1 fasilitoinut viimeisen 12 kuukauden aikana"),
        "{page}"
    );
    assert!(!page.contains("<dd>37</dd>"));
    // The open data API gives the same figures beside the hand-entered count.
    let v = crate::catalogue_api::valid(&anon, "/api/v1/catalogue/organisations", "", 200).await;
    let api = v.to_string();
    let org = &v["organisations"][0];
    assert_eq!(org["network"]["trained"], 2, "{api}");
    assert_eq!(org["network"]["active_last_12_months"], 1);
    assert_eq!(
        org["network"]["per_method"][0]["method"]["code"],
        "eratauko"
    );
    assert_eq!(org["trained_facilitators_text"], "37");
}
