//! Live sessions over HTTP: opening, joining by code without an account, notes, the event
//! stream and its resumption, limits and confidentiality.

use crate::helpers::*;
use reqwest::StatusCode;

/// A process in phase 1 with one planned session, run by the test facilitator. Returns the
/// process path.
pub async fn process_in_phase1(app: &TestApp) -> String {
    let orderer = app.login("orderer").await;
    let coordinator = app.login("coordinator").await;
    let facilitator = app.login("facilitator").await;
    let p = order(app, &orderer, "Koulun 8B", "eratauko").await;
    let fac = app.user_id("facilitator").await.to_string();
    coordinator
        .post_form(&format!("{p}/assign"), &[("facilitator", &fac)])
        .await;
    accept_offer(app, &p, "facilitator").await;
    let r = facilitator
        .add_session(
            &p,
            &[
                ("title", "Luokan tuokio"),
                ("phase", "1"),
                ("date", "2027-01-20"),
                ("start", "09:00"),
                ("end", "10:00"),
                ("format", "face_to_face"),
                ("place", "Luokka 204"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    for (b, side) in [(&orderer, "orderer"), (&facilitator, "facilitator")] {
        let (_, page) = b.text(&p).await;
        let v = plan_version(&page);
        b.post_form(&format!("{p}/approve"), &[("as", side), ("version", &v)])
            .await;
    }
    for to in ["agree", "start_phase1"] {
        let r = facilitator
            .post_form(&format!("{p}/transition"), &[("to", to)])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{to}");
    }
    p
}

/// Opens the plan session as the facilitator; returns the runner path and the join code.
pub async fn open_session(app: &TestApp, p: &str) -> (String, String) {
    let facilitator = app.login("facilitator").await;
    let r = facilitator
        .post_form(&format!("{p}/sessions/1/open"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let run = location(&r);
    assert!(run.starts_with("/live/") && run.ends_with("/run"), "{run}");
    let (_, page) = facilitator.text(&run).await;
    let start = page.find("/join/").expect("the join address is shown") + "/join/".len();
    let code = page[start..start + 6].to_owned();
    (run, code)
}

/// Joins as a new participant; returns their browser and their page's path.
pub async fn join(app: &TestApp, code: &str, fields: &[(&str, &str)]) -> (Browser, String) {
    let phone = app.browser();
    let (s, page) = phone.text(&format!("/join/{code}")).await;
    assert_eq!(s, StatusCode::OK);
    let token = csrf_of(&page);
    let mut all = vec![("csrf", token.as_str())];
    all.extend_from_slice(fields);
    let r = phone.post_untokened(&format!("/join/{code}"), &all).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "joined");
    let to = location(&r);
    (phone, to)
}

/// Posts a note from a participant's phone.
pub async fn write(phone: &Browser, page: &str, text: &str) -> reqwest::Response {
    phone
        .post_form(&format!("{page}/notes"), &[("text", text)])
        .await
}

#[tokio::test]
async fn participants_join_by_code_and_their_notes_reach_the_board() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let facilitator = app.login("facilitator").await;

    // Typed loosely, the code still finds the session.
    let phone = app.browser();
    let typed = format!("{}-{}", &code[..3].to_lowercase(), &code[3..]);
    let r = phone.get(&format!("/join?code={typed}")).await;
    assert_eq!(location(&r), format!("/join/{code}"));

    let (anon, page) = join(&app, &code, &[("lang", "fi")]).await;
    let (named, named_page) = join(
        &app,
        &code,
        &[("lang", "sv"), ("show_name", "yes"), ("name", "Aino")],
    )
    .await;
    assert_eq!(page, named_page, "both land on the same live session");
    assert_eq!(
        write(&anon, &page, "Meillä on hyvä yhteishenki")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        write(&named, &page, "Vi lyssnar på varandra")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );

    let (_, board) = facilitator.text(&run).await;
    assert!(board.contains("Meillä on hyvä yhteishenki"));
    assert!(
        board.contains("lang=\"sv\" dir=\"auto\">Vi lyssnar på varandra"),
        "each note keeps its language"
    );
    assert!(
        board.contains("<p class=\"note-name\"><bdi>Aino</bdi></p>"),
        "a chosen name is shown"
    );
    assert_eq!(
        board.matches("note-name").count(),
        1,
        "the anonymous note carries no name"
    );
    assert!(board.contains("2 osallistujaa"));

    // A reload keeps the participant: no second join, same notes.
    let r = anon.get(&format!("/join/{code}")).await;
    assert_eq!(location(&r), page);
    let (_, mine) = anon.text(&page).await;
    assert!(mine.contains("Meillä on hyvä yhteishenki"));
    assert!(
        !mine.contains("Vi lyssnar"),
        "a phone shows its own notes only"
    );
}

#[tokio::test]
async fn the_event_stream_resumes_after_the_last_event_seen() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let facilitator = app.login("facilitator").await;
    let (phone, page) = join(&app, &code, &[("lang", "fi")]).await;
    for text in ["ensimmäinen", "toinen", "kolmas"] {
        write(&phone, &page, text).await;
    }
    let events = run.replace("/run", "/events");
    // A client that saw event 1 gets 2 and 3, each once, then the live stream stays open.
    let r = facilitator
        .client
        .get(format!("{}{events}", facilitator.base))
        .header("Last-Event-ID", "1")
        .send()
        .await
        .expect("stream");
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/event-stream")
    );
    let mut body = String::new();
    let mut r = r;
    while !body.contains("kolmas") {
        let chunk = tokio::time::timeout(std::time::Duration::from_secs(5), r.chunk())
            .await
            .expect("events arrive")
            .expect("readable")
            .expect("not ended");
        body.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(
        !body.contains("ensimmäinen"),
        "nothing before the last seen event"
    );
    assert_eq!(body.matches("toinen").count(), 1);
    assert!(body.contains("id: 2") && body.contains("id: 3"));
    assert!(
        !body.contains("participant"),
        "no participant identity in the stream"
    );

    // A note written now arrives live on the open stream.
    write(&phone, &page, "neljäs").await;
    while !body.contains("neljäs") {
        let chunk = tokio::time::timeout(std::time::Duration::from_secs(5), r.chunk())
            .await
            .expect("the live note arrives")
            .expect("readable")
            .expect("not ended");
        body.push_str(&String::from_utf8_lossy(&chunk));
    }
}

#[tokio::test]
async fn limits_and_closed_sessions_give_friendly_answers() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let (phone, page) = join(&app, &code, &[("lang", "fi")]).await;

    let r = write(&phone, &page, &"x".repeat(1001)).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert!(html.contains("Teksti on liian pitkä."));
    assert!(
        html.contains(&"x".repeat(1001)),
        "the text is kept for shortening"
    );
    let r = write(&phone, &page, "   ").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    for i in 0..10 {
        assert_eq!(
            write(&phone, &page, &format!("ajatus {i}")).await.status(),
            StatusCode::SEE_OTHER
        );
    }
    let r = write(&phone, &page, "yksitoista").await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.text().await.expect("body").contains("Odota hetki"));

    let (s, html) = app.browser().text("/join?code=QQQQQQ").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(html.contains("Tällä koodilla ei löydy avointa keskustelua"));
    let (s, _) = app.browser().text("/join/not-a-code").await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    let facilitator = app.login("facilitator").await;
    let control = run.replace("/run", "/control");
    assert_eq!(
        facilitator
            .post_form(&control, &[("do", "close")])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let (s, html) = app.browser().text(&format!("/join/{code}")).await;
    assert_eq!(
        s,
        StatusCode::NOT_FOUND,
        "a closed session's code stops working"
    );
    assert!(html.contains("Tarkista koodi"));
    let r = write(&phone, &page, "myöhässä").await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn the_facilitator_moves_the_session_and_phones_follow() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let facilitator = app.login("facilitator").await;
    let (phone, page) = join(&app, &code, &[("lang", "en")]).await;
    let control = run.replace("/run", "/control");
    let (_, before) = phone.text(&page).await;
    assert!(before.contains("<html lang=\"en\" dir=\"ltr\">"));
    // Walk until a stage with a question; Erätauko's opening round has prompts.
    let mut html = before;
    for _ in 0..6 {
        if !html.contains("Listen to the leader") {
            break;
        }
        facilitator.post_form(&control, &[("do", "next")]).await;
        html = phone.text(&page).await.1;
    }
    assert!(
        !html.contains("Listen to the leader"),
        "the phone shows the current question"
    );
    facilitator.post_form(&control, &[("do", "start")]).await;
    let (_, runner) = facilitator.text(&run).await;
    assert!(runner.contains("data-running=\"1\""));
    facilitator.post_form(&control, &[("do", "extend")]).await;
    facilitator.post_form(&control, &[("do", "pause")]).await;
    let (_, runner) = facilitator.text(&run).await;
    assert!(runner.contains("data-running=\"0\""));
    let r = facilitator.post_form(&control, &[("do", "dance")]).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn only_the_facilitator_runs_a_session() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let projector = run.replace("/run", "/projector");
    let control = run.replace("/run", "/control");
    for who in [
        "orderer",
        "coordinator",
        "facilitator2",
        "admin",
        "outsider",
    ] {
        let b = app.login(who).await;
        for path in [&run, &projector] {
            let s = b.get(path).await.status();
            assert!(
                s == StatusCode::FORBIDDEN || s == StatusCode::NOT_FOUND,
                "{who} GET {path}: {s}"
            );
        }
        let s = b.post_form(&control, &[("do", "next")]).await.status();
        assert!(
            s == StatusCode::FORBIDDEN || s == StatusCode::NOT_FOUND,
            "{who} controls: {s}"
        );
        let s = b
            .post_form(&format!("{p}/sessions/1/open"), &[])
            .await
            .status();
        assert!(
            s == StatusCode::FORBIDDEN || s == StatusCode::NOT_FOUND,
            "{who} opens: {s}"
        );
    }
    // A participant's phone is not a staff screen, and a stranger gets no stream.
    let (phone, _) = join(&app, &code, &[("lang", "fi")]).await;
    let s = phone.get(&run).await.status();
    assert_eq!(s, StatusCode::SEE_OTHER, "to the log-in page");
    let stranger = app.browser();
    let s = stranger.get(&run.replace("/run", "/events")).await.status();
    assert_eq!(s, StatusCode::NOT_FOUND);
    let facilitator = app.login("facilitator").await;
    let (s, html) = facilitator.text(&projector).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("<svg"), "the projector shows a QR code");
    assert!(html.contains(&format!("/join/{code}")));
}

#[tokio::test]
async fn the_facilitator_hides_stars_and_corrects_notes_with_history() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let facilitator = app.login("facilitator").await;
    let (phone, page) = join(&app, &code, &[("lang", "fi")]).await;
    write(&phone, &page, "Asiaton kommentti").await;
    write(&phone, &page, "Työvuorolistta toimii").await;
    let (_, board) = facilitator.text(&run).await;
    let note_of = |html: &str, text: &str| {
        let at = html.find(text).expect("note on the board");
        let start = html[..at].rfind("id=\"note-text-").expect("note id") + "id=\"note-text-".len();
        html[start..start + 36].to_owned()
    };
    let rude = note_of(&board, "Asiaton kommentti");
    let typo = note_of(&board, "Työvuorolistta toimii");
    let lid = run.trim_end_matches("/run").to_owned();

    let r = facilitator
        .post_form(&format!("{lid}/notes/{rude}/change"), &[("do", "hide")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    facilitator
        .post_form(&format!("{lid}/notes/{typo}/change"), &[("do", "star")])
        .await;
    let (_, projector) = facilitator.text(&format!("{lid}/projector")).await;
    assert!(
        !projector.contains("Asiaton kommentti"),
        "a hidden note leaves the projector"
    );
    let (_, board) = facilitator.text(&run).await;
    assert!(
        board.contains("Piilotettu taululta ja projektorilta"),
        "the facilitator still sees it, marked"
    );
    assert!(board.contains("Tähdellä merkitty"));

    let r = facilitator
        .post_form(
            &format!("{lid}/notes/{typo}/edit"),
            &[("text", "Työvuorolista toimii")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, edit) = facilitator.text(&format!("{lid}/notes/{typo}/edit")).await;
    assert!(edit.contains("korjasi tekstin"));
    assert!(
        edit.contains("Työvuorolistta toimii"),
        "the history keeps the original"
    );
    assert!(edit.contains("merkitsi muistiinpanon tähdellä"));
    let r = facilitator
        .post_form(&format!("{lid}/notes/{typo}/edit"), &[("text", " ")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Nobody else curates: not a participant, not another facilitator.
    let s = phone
        .post_form(&format!("{lid}/notes/{typo}/change"), &[("do", "hide")])
        .await
        .status();
    assert_eq!(s, StatusCode::SEE_OTHER, "a phone is sent to log in");
    let other = app.login("facilitator2").await;
    let s = other
        .post_form(&format!("{lid}/notes/{typo}/change"), &[("do", "hide")])
        .await
        .status();
    assert_eq!(s, StatusCode::NOT_FOUND);
    let s = other
        .get(&format!("{lid}/notes/{typo}/edit"))
        .await
        .status();
    assert_eq!(s, StatusCode::NOT_FOUND);
    let s = other
        .get(&format!("{lid}/notes/{typo}/card"))
        .await
        .status();
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, card) = facilitator.text(&format!("{lid}/notes/{typo}/card")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        card.starts_with("<li") && card.contains("Työvuorolista toimii"),
        "a card is one note"
    );
    let s = facilitator
        .post_form(&format!("{lid}/notes/{typo}/change"), &[("do", "shred")])
        .await
        .status();
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn feedback_is_anonymous_once_per_person_and_shown_when_closed() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let lid = run.trim_end_matches("/run").to_owned();
    let facilitator = app.login("facilitator").await;
    let (a, page) = join(&app, &code, &[("lang", "fi")]).await;
    let (b, _) = join(&app, &code, &[("lang", "sv")]).await;
    let (_, before) = a.text(&page).await;
    assert!(
        !before.contains("Minua kuultiin."),
        "no form before the facilitator opens it"
    );

    let control = format!("{lid}/control");
    facilitator
        .post_form(&control, &[("do", "feedback_open")])
        .await;
    let (_, form) = a.text(&page).await;
    for q in [
        "Minua kuultiin.",
        "Keskustelu tuntui turvalliselta.",
        "Aihe oli minulle tärkeä.",
        "Mitä muuta haluat sanoa?",
    ] {
        assert!(form.contains(q), "{q}");
    }
    let (_, sv) = b.text(&page).await;
    assert!(
        sv.contains("Jag blev hörd."),
        "each phone in its own language"
    );

    let feedback = format!("{lid}/feedback");
    let r = b
        .post_form(
            &feedback,
            &[("q0", "7"), ("q1", ""), ("q2", ""), ("q3", "")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = a
        .post_form(
            &feedback,
            &[
                ("q0", "5"),
                ("q1", ""),
                ("q2", "3"),
                ("q3", "Hyvä ilmapiiri"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, done) = a.text(&page).await;
    assert!(
        done.contains("Kiitos palautteesta!") && !done.contains("name=\"q0\""),
        "asked once"
    );
    b.post_form(
        &feedback,
        &[("q0", "4"), ("q1", "4"), ("q2", ""), ("q3", "")],
    )
    .await;
    // Three more, so that the results reach the five answers they need.
    for _ in 0..3 {
        let (phone, _) = join(&app, &code, &[("lang", "fi")]).await;
        let r = phone
            .post_form(
                &feedback,
                &[("q0", "4"), ("q1", ""), ("q2", ""), ("q3", "")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }

    let (_, early) = facilitator.text(&feedback).await;
    assert!(early.contains("Tulokset näytetään, kun palautelomake on suljettu."));
    assert!(!early.contains("Hyvä ilmapiiri"));
    facilitator
        .post_form(&control, &[("do", "feedback_close")])
        .await;
    let r = a
        .post_form(
            &feedback,
            &[("q0", "1"), ("q1", ""), ("q2", ""), ("q3", "")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "answering has ended");

    let orderer = app.login("orderer").await;
    let (s, results) = orderer.text(&feedback).await;
    assert_eq!(
        s,
        StatusCode::OK,
        "the orderer sees the results on the process"
    );
    assert!(results.contains("5 vastausta."));
    assert!(
        results.contains("Keskiarvo 4,2 / 5"),
        "(5 + 4 + 4 + 4 + 4) / 5, with the Finnish decimal comma"
    );
    // Each value of the scale is a bar with its figures in words, counted by plural rules.
    assert!(results.contains("4 vastausta · 80 %"), "{results}");
    assert!(results.contains("1 vastaus · 20 %"), "{results}");
    assert!(results.contains("0 vastausta · 0 %"), "{results}");
    assert!(results.contains("5 vastaajaa"), "{results}");
    assert!(results.contains("<rect class=\"bar-fill\" width=\"80\""));
    assert!(results.contains("Hyvä ilmapiiri"));
    let (_, process) = orderer.text(&p).await;
    assert!(
        process.contains(&format!("{feedback}\"")),
        "the process page links the results"
    );
    assert!(
        process.contains("Palaute osioittain"),
        "feedback per phase on the process page"
    );
    assert!(process.contains("<td>Minua kuultiin.</td><td>4,2</td>"));
    let outsider = app.login("facilitator2").await;
    assert_eq!(
        outsider.get(&feedback).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_note_taker_types_notes_one_after_another() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, _) = open_session(&app, &p).await;
    let lid = run.trim_end_matches("/run").to_owned();
    let facilitator = app.login("facilitator").await;
    let scribe = format!("{lid}/scribe");
    let (s, page) = facilitator.text(&scribe).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("autofocus"), "the cursor is in the box");
    for text in ["Kiire näkyy kaikessa", "Tiimipalaverit auttavat"] {
        let r = facilitator
            .post_form(&scribe, &[("text", text), ("lang", "fi")])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(location(&r).starts_with(&format!("{scribe}?saved=1&lang=fi")));
    }
    let r = facilitator
        .post_form(&scribe, &[("text", "Vi behöver mer tid"), ("lang", "sv")])
        .await;
    let (_, back) = facilitator.text(&location(&r)).await;
    assert!(
        back.contains("<option value=\"sv\" lang=\"sv\" selected>"),
        "the language stays chosen"
    );
    let r = facilitator
        .post_form(&scribe, &[("text", "  "), ("lang", "fi")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let (_, board) = facilitator.text(&run).await;
    for text in [
        "Kiire näkyy kaikessa",
        "Tiimipalaverit auttavat",
        "Vi behöver mer tid",
    ] {
        assert!(board.contains(text), "{text} on the board");
    }
    assert!(
        !board.contains("note-name"),
        "the note-taker's notes carry no name"
    );
    let orderer = app.login("orderer").await;
    let s = orderer
        .post_form(&scribe, &[("text", "x"), ("lang", "fi")])
        .await
        .status();
    assert!(
        s == StatusCode::FORBIDDEN || s == StatusCode::NOT_FOUND,
        "{s}"
    );
}

#[tokio::test]
async fn hands_go_up_in_order_and_the_facilitator_gives_turns() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let lid = run.trim_end_matches("/run").to_owned();
    let facilitator = app.login("facilitator").await;
    let (first, page) = join(&app, &code, &[("lang", "fi")]).await;
    let (second, _) = join(
        &app,
        &code,
        &[("lang", "fi"), ("show_name", "yes"), ("name", "Sanna")],
    )
    .await;
    let hand = format!("{lid}/hand");
    assert_eq!(
        second.post_form(&hand, &[("do", "raise")]).await.status(),
        StatusCode::SEE_OTHER
    );
    first.post_form(&hand, &[("do", "raise")]).await;
    let (_, mine) = first.text(&page).await;
    assert!(mine.contains("Olet jonossa sijalla 2."));
    let (_, board) = facilitator.text(&run).await;
    let sanna = board.find(">Sanna<").expect("Sanna in the queue");
    let anon = board
        .find(">Osallistuja 1<")
        .expect("the anonymous one by number");
    assert!(sanna < anon, "first raised, first listed");
    let r = facilitator
        .post_form(&format!("{lid}/hands/2/done"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, mine) = first.text(&page).await;
    assert!(mine.contains("Olet jonossa sijalla 1."));
    first.post_form(&hand, &[("do", "lower")]).await;
    let (_, board) = facilitator.text(&run).await;
    assert!(board.contains("Kukaan ei ole pyytänyt puheenvuoroa."));
    assert_eq!(
        facilitator
            .post_form(&format!("{lid}/hands/99/done"), &[])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let s = first
        .post_form(&format!("{lid}/hands/1/done"), &[])
        .await
        .status();
    assert_eq!(
        s,
        StatusCode::SEE_OTHER,
        "a phone cannot give turns: it is sent to log in"
    );
}

#[tokio::test]
async fn a_learning_cafe_seats_people_rounds_and_carries_the_hosts_summary() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let lid = run.trim_end_matches("/run").to_owned();
    let facilitator = app.login("facilitator").await;
    let mut phones = Vec::new();
    for i in 0..6 {
        let name = format!("Hlö{i}");
        let (b, page) = join(
            &app,
            &code,
            &[("lang", "fi"), ("show_name", "yes"), ("name", &name)],
        )
        .await;
        phones.push((b, page));
    }
    let cafe = format!("{lid}/cafe");
    let r = facilitator
        .post_form(
            &cafe,
            &[("do", "setup"), ("rounds", "9"), ("questions", "Kysymys A")],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "at most six rounds"
    );
    let html = r.text().await.expect("body");
    assert!(html.contains("Anna luku väliltä 1–6."));
    assert!(
        html.contains(">Kysymys A</textarea>"),
        "the questions typed are kept"
    );
    let questions = "Mikä meillä toimii?\nMitä kehitämme?\nKuka auttaa ketä?";
    let r = facilitator
        .post_form(
            &cafe,
            &[("do", "setup"), ("rounds", "2"), ("questions", questions)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // Hlö0 hosts table A, Hlö1 table B; the same person twice is ignored.
    facilitator
        .post_form(
            &cafe,
            &[
                ("do", "hosts"),
                ("host_0", "1"),
                ("host_1", "2"),
                ("host_2", "1"),
            ],
        )
        .await;
    let (_, board) = facilitator.text(&run).await;
    assert!(board.contains("Kierrokset eivät ole vielä alkaneet."));
    assert_eq!(
        facilitator
            .post_form(&cafe, &[("do", "next")])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );

    let (_, host_page) = phones[0].0.text(&phones[0].1).await;
    assert!(host_page.contains("Mene pöytään A"), "the host stays at A");
    assert!(host_page.contains("Olet tämän pöydän isäntä."));
    assert!(
        host_page.contains("Mikä meillä toimii?"),
        "the table's question is the phone's question"
    );
    for (b, page) in &phones[2..] {
        let (_, html) = b.text(page).await;
        assert!(html.contains("Mene pöytään"), "everyone has a table");
        assert!(!html.contains("Olet tämän pöydän isäntä."));
    }
    let r = phones[0]
        .0
        .post_form(
            &format!("{lid}/notes"),
            &[("text", "Ryhmä 1: luottamus kantaa"), ("summary", "yes")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, host_page) = phones[0].0.text(&phones[0].1).await;
    assert!(host_page.contains("Pöydän muistiinpanot tällä kierroksella"));

    facilitator.post_form(&cafe, &[("do", "next")]).await;
    let mut saw_summary = false;
    for (b, page) in &phones[1..] {
        let (_, html) = b.text(page).await;
        if html.contains("Mene pöytään A") {
            assert!(
                html.contains("Ryhmä 1: luottamus kantaa"),
                "the next group at A gets the summary"
            );
            saw_summary = true;
        }
    }
    assert!(saw_summary, "someone sat at table A in round 2");
    let (_, board) = facilitator.text(&run).await;
    assert!(board.contains("Toistuvia kohtaamisia:"));
    assert!(board.contains("Kaikki kierrokset on pelattu."));
    assert_eq!(
        facilitator
            .post_form(&cafe, &[("do", "next")])
            .await
            .status(),
        StatusCode::CONFLICT
    );
    // The facilitator moves the summary to table B; the board says so.
    let at = board
        .find("Ryhmä 1: luottamus kantaa")
        .expect("on the board");
    let start = board[..at].rfind("id=\"note-text-").expect("id") + "id=\"note-text-".len();
    let summary = board[start..start + 36].to_owned();
    let card = board[board[..at].rfind("<li").expect("card")..at].to_owned();
    assert!(card.contains("Pöytä A"), "written at table A");
    let r = facilitator
        .post_form(
            &format!("{lid}/notes/{summary}/change"),
            &[("do", "move"), ("table", "1")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, moved) = facilitator
        .text(&format!("{lid}/notes/{summary}/card"))
        .await;
    assert!(moved.contains("Pöytä B"));
    let s = phones[0]
        .0
        .post_form(&cafe, &[("do", "next")])
        .await
        .status();
    assert_eq!(s, StatusCode::SEE_OTHER, "a phone is sent to log in");
}

#[tokio::test]
async fn the_last_sessions_feedback_can_open_the_next() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let lid = run.trim_end_matches("/run").to_owned();
    let facilitator = app.login("facilitator").await;
    let mut phones = Vec::new();
    for _ in 0..5 {
        phones.push(join(&app, &code, &[("lang", "fi")]).await.0);
    }
    facilitator
        .post_form(&format!("{lid}/control"), &[("do", "feedback_open")])
        .await;
    for phone in &phones {
        let r = phone
            .post_form(
                &format!("{lid}/feedback"),
                &[("q0", "4"), ("q1", "5"), ("q2", ""), ("q3", "")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    facilitator
        .post_form(&format!("{lid}/control"), &[("do", "close")])
        .await;

    // The next session of the same process.
    let (run2, code2) = open_session(&app, &p).await;
    let lid2 = run2.trim_end_matches("/run").to_owned();
    let (_, page) = facilitator.text(&run2).await;
    assert!(page.contains("Näytä edellisen istunnon palaute osallistujille"));
    let (phone2, page2) = join(&app, &code2, &[("lang", "fi")]).await;
    let (_, before) = phone2.text(&page2).await;
    assert!(
        !before.contains("Näin edellinen tapaaminen koettiin"),
        "not shown until shared"
    );
    facilitator
        .post_form(&format!("{lid2}/control"), &[("do", "share_previous")])
        .await;
    let (_, after) = phone2.text(&page2).await;
    assert!(after.contains("Näin edellinen tapaaminen koettiin"));
    assert!(after.contains("Minua kuultiin.") && after.contains("4,0 / 5"));
    assert!(
        after.contains("5 vastausta"),
        "counted in words on the phone"
    );
    facilitator
        .post_form(&format!("{lid2}/control"), &[("do", "unshare_previous")])
        .await;
    let (_, hidden) = phone2.text(&page2).await;
    assert!(!hidden.contains("Näin edellinen tapaaminen koettiin"));
}

/// The attack on the demo: close the form, read the results, reopen, and watch each answer
/// arrive; or answer from a phone after the session closed and see it in the results. Closing
/// is final, a closed session takes no answer, and nothing shows below five answers.
#[tokio::test]
async fn feedback_is_final_and_shows_nothing_below_five_answers() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let lid = run.trim_end_matches("/run").to_owned();
    let control = format!("{lid}/control");
    let feedback = format!("{lid}/feedback");
    let facilitator = app.login("facilitator").await;
    let mut phones = Vec::new();
    for _ in 0..6 {
        phones.push(join(&app, &code, &[("lang", "fi")]).await);
    }
    let r = facilitator
        .post_form(&control, &[("do", "feedback_open")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let answer =
        |v: &'static str, text: &'static str| vec![("q0", v), ("q1", ""), ("q2", ""), ("q3", text)];
    for (i, (phone, _)) in phones.iter().take(4).enumerate() {
        let r = phone
            .post_form(
                &feedback,
                &answer("3", ["Ensimmäinen", "Toinen", "Kolmas", "Neljäs"][i]),
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let (_, page) = facilitator.text(&run).await;
    assert!(
        page.contains("Sulkeminen on lopullista"),
        "the runner warns first"
    );
    let r = facilitator
        .post_form(&control, &[("do", "feedback_close")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // Four answered: the count, and that results show from five; no average, no open answer.
    let (s, results) = facilitator.text(&feedback).await;
    assert_eq!(s, StatusCode::OK);
    assert!(results.contains("4 vastausta."));
    assert!(results.contains("Vastaajia oli 4. Tulokset näytetään vasta vähintään viidestä"));
    assert!(!results.contains("Keskiarvo"));
    for text in ["Ensimmäinen", "Toinen", "Kolmas", "Neljäs"] {
        assert!(!results.contains(text), "{text}");
    }
    let (_, process) = facilitator.text(&p).await;
    assert!(
        !process.contains("<td>Minua kuultiin.</td>"),
        "no averages per phase"
    );
    assert!(process.contains("4 vastausta istunnoista, joissa vastaajia oli alle viisi"));

    // Reopening is refused, and the runner no longer offers it.
    let r = facilitator
        .post_form(&control, &[("do", "feedback_open")])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("sulkeminen on lopullista")
    );
    let (_, page) = facilitator.text(&run).await;
    assert!(!page.contains("value=\"feedback_open\""));
    // A fifth phone cannot add the answer that would reveal itself by difference.
    let (fifth, fifth_page) = &phones[4];
    let r = fifth.post_form(&feedback, &answer("1", "Viides")).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let (_, results) = facilitator.text(&feedback).await;
    assert!(results.contains("4 vastausta.") && !results.contains("Viides"));
    let (_, phone_page) = fifth.text(fifth_page).await;
    assert!(!phone_page.contains("name=\"q0\""), "no form on the phone");

    // A second session: the form left open and the session closed; a phone that still has the
    // form answers after the close and is told that answering has ended.
    let r = facilitator.post_form(&control, &[("do", "close")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (run2, code2) = open_session(&app, &p).await;
    let lid2 = run2.trim_end_matches("/run").to_owned();
    assert_ne!(lid2, lid);
    let (late, _) = join(&app, &code2, &[("lang", "fi")]).await;
    facilitator
        .post_form(&format!("{lid2}/control"), &[("do", "feedback_open")])
        .await;
    let r = facilitator
        .post_form(&format!("{lid2}/control"), &[("do", "close")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = late
        .post_form(&format!("{lid2}/feedback"), &answer("2", "Myöhässä"))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Palautteen antaminen on päättynyt."),
        "told on the phone, in its language"
    );
    let (_, results) = facilitator.text(&format!("{lid2}/feedback")).await;
    assert!(!results.contains("Myöhässä"), "{results}");
    assert!(results.contains("Kukaan ei vastannut."), "{results}");
}

#[tokio::test]
async fn duplicates_are_merged_and_counted_on_the_board() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let lid = run.trim_end_matches("/run").to_owned();
    let facilitator = app.login("facilitator").await;
    let (phone, page) = join(&app, &code, &[("lang", "fi")]).await;
    write(&phone, &page, "Kiire").await;
    write(&phone, &page, "Kiirettä pitää").await;
    let (_, board) = facilitator.text(&run).await;
    let id_of = |text: &str| {
        let at = board
            .find(&format!(">{text}</p>"))
            .expect("note on the board");
        let start = board[..at].rfind("id=\"note-text-").expect("id") + "id=\"note-text-".len();
        board[start..start + 36].to_owned()
    };
    let keep = id_of("Kiire");
    let dup = id_of("Kiirettä pitää");
    let (_, edit) = facilitator.text(&format!("{lid}/notes/{dup}/edit")).await;
    assert!(edit.contains(&format!("<option value=\"{keep}\">Kiire</option>")));
    let r = facilitator
        .post_form(
            &format!("{lid}/notes/{dup}/change"),
            &[("do", "merge"), ("target", &keep)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, board) = facilitator.text(&run).await;
    assert!(board.contains("Tähän on yhdistetty 1 samanlainen muistiinpano"));
    assert!(board.contains("Yhdistetty toiseen muistiinpanoon"));
    let (_, projector) = facilitator.text(&format!("{lid}/projector")).await;
    assert!(
        !projector.contains("Kiirettä pitää"),
        "the duplicate leaves the projector"
    );
    let r = facilitator
        .post_form(
            &format!("{lid}/notes/{keep}/change"),
            &[("do", "merge"), ("target", &keep)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "not into itself");
}

#[tokio::test]
async fn phones_get_error_pages_in_their_own_language() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (_, code) = open_session(&app, &p).await;
    let (phone, page) = join(&app, &code, &[("lang", "ar")]).await;
    // A form sent without its token: the Arabic phone is told why, right to left.
    let r = phone
        .post_untokened(&format!("{page}/notes"), &[("text", "مرحبا")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let html = r.text().await.expect("body");
    assert!(html.contains("dir=\"rtl\""), "{html}");
    assert!(html.contains("انتهت صلاحية النموذج"));
    // An address that does not exist, asked by a Somali phone.
    let r = app
        .browser()
        .client
        .get(format!("{}/live/not-a-session", app.base))
        .header("accept-language", "so")
        .send()
        .await
        .expect("answer");
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(r.text().await.expect("body").contains("Boggan lama helin"));
    // Staff keep their own error pages on the same routes.
    let facilitator = app.login("facilitator").await;
    let (s, html) = facilitator.text("/live/not-a-session/run").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(html.contains("Sivua ei löytynyt"));
}
