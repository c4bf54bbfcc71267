//! Live sessions under attack: floods of joins, guessed codes, phones writing where they never
//! joined or were removed from, streams opened by the hundred, long backlogs, and events that
//! must leave in `seq` order.

use crate::helpers::*;
use crate::live::{open_session, process_in_phase1, write};
use reqwest::StatusCode;
use std::time::Duration;
use vuoro_core::LiveSessionId;

/// Joins from `phone` (a fresh browser) with the join page's form, anonymously, in Finnish.
async fn join_as(phone: &Browser, code: &str) -> reqwest::Response {
    join_in(phone, code, "fi").await
}

/// Joins anonymously, choosing `lang` on the join page.
async fn join_in(phone: &Browser, code: &str, lang: &str) -> reqwest::Response {
    let (s, page) = phone.text(&format!("/join/{code}")).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    let token = csrf_of(&page);
    phone
        .post_untokened(
            &format!("/join/{code}"),
            &[("csrf", &token), ("lang", lang)],
        )
        .await
}

fn live_id(run: &str) -> LiveSessionId {
    LiveSessionId::parse(run.trim_start_matches("/live/").trim_end_matches("/run"))
        .expect("live session id")
}

/// Opens an event stream.
async fn stream(b: &Browser, path: &str) -> reqwest::Response {
    let r = b
        .client
        .get(format!("{}{path}", b.base))
        .send()
        .await
        .expect("stream");
    assert_eq!(r.status(), StatusCode::OK, "{path}");
    r
}

/// Reads a stream until `until` is in what came, or until it ends; gives what came and whether
/// it ended.
async fn read(r: &mut reqwest::Response, until: &str) -> (String, bool) {
    let mut body = String::new();
    while !body.contains(until) {
        let chunk = tokio::time::timeout(Duration::from_secs(10), r.chunk())
            .await
            .unwrap_or_else(|_| panic!("{until} arrives; so far: {body}"))
            .expect("readable");
        match chunk {
            Some(c) => body.push_str(&String::from_utf8_lossy(&c)),
            None => return (body, true),
        }
    }
    (body, false)
}

#[tokio::test]
async fn a_class_behind_one_address_joins_at_once_while_a_flood_is_slowed() {
    let app = spawn_behind_proxy().await;
    let p = process_in_phase1(&app).await;
    let (_, code) = open_session(&app, &p).await;

    // Thirty pupils behind the school's one address join at the same moment, none waits.
    let school: Vec<Browser> = (0..30)
        .map(|_| app.browser_from("203.0.113.10", "fi"))
        .collect();
    let joins = futures_util::future::join_all(school.iter().map(|b| join_as(b, &code))).await;
    for r in &joins {
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "every pupil is in");
    }

    // One script with fresh cookies for every join, from one address: a burst gets in, then
    // it is told to wait, in the phone's language, with Retry-After.
    let mut joined = 0;
    let mut refused = None;
    for _ in 0..60 {
        let r = join_in(&app.browser_from("198.51.100.66", "sv"), &code, "sv").await;
        match r.status() {
            StatusCode::SEE_OTHER => joined += 1,
            StatusCode::TOO_MANY_REQUESTS => {
                refused = Some(r);
                break;
            }
            s => panic!("unexpected {s}"),
        }
    }
    assert!(joined >= 30, "a burst as large as a class: {joined}");
    let r = refused.expect("the flood is slowed down");
    let wait: u64 = r.headers()["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds");
    assert!(wait >= 1);
    let html = r.text().await.expect("body");
    assert!(html.contains("Många ansluter från samma nätverk"), "{html}");

    // A real phone elsewhere still joins and writes.
    let phone = app.browser_from("192.0.2.7", "fi");
    let r = join_as(&phone, &code).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = location(&r);
    assert_eq!(
        write(&phone, &page, "Pääsin mukaan").await.status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn guessing_codes_is_slowed_per_address() {
    let app = spawn_behind_proxy().await;
    let p = process_in_phase1(&app).await;
    let (_, code) = open_session(&app, &p).await;
    let guesser = app.browser_from("198.51.100.99", "en");
    let mut wrong = 0;
    let refused = loop {
        let r = guesser.get("/join?code=ZZZZZZ").await;
        match r.status() {
            StatusCode::NOT_FOUND => wrong += 1,
            StatusCode::TOO_MANY_REQUESTS => break r,
            s => panic!("unexpected {s}"),
        }
        assert!(wrong < 300, "300 wrong codes were never slowed down");
    };
    assert!(wrong >= 10, "a few typos are forgiven: {wrong}");
    assert!(refused.headers().contains_key("retry-after"));
    let html = refused.text().await.expect("body");
    assert!(
        html.contains("Too many wrong codes from this network"),
        "{html}"
    );
    // While it waits, even the right code is refused to that address, on every join route...
    let (s, _) = guesser.text(&format!("/join/{code}")).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    // ...while everyone else goes on.
    let (s, _) = app
        .browser_from("192.0.2.8", "fi")
        .text(&format!("/join/{code}"))
        .await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test]
async fn a_phone_writes_only_in_a_session_it_joined() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let facilitator = app.login("facilitator").await;
    let phone = app.browser();
    let r = join_as(&phone, &code).await;
    let page = location(&r);
    assert_eq!(
        write(&phone, &page, "Ensimmäisessä").await.status(),
        StatusCode::SEE_OTHER
    );
    facilitator
        .post_form(&run.replace("/run", "/control"), &[("do", "close")])
        .await;

    // The next session of the same process: the phone's cookie belongs to the process, but it
    // never joined this session. Its note, hand and stream are sent to the join page instead.
    let (run2, code2) = open_session(&app, &p).await;
    let lid2 = run2.trim_end_matches("/run").to_owned();
    let r = write(&phone, &lid2, "Toiseen ilman liittymistä").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), format!("/join/{code2}"), "sent to join first");
    let r = phone
        .post_form(&format!("{lid2}/hand"), &[("do", "raise")])
        .await;
    assert_eq!(location(&r), format!("/join/{code2}"));
    let r = phone.get(&format!("{lid2}/events")).await;
    assert_ne!(
        r.status(),
        StatusCode::OK,
        "no stream of a session it did not join"
    );
    let (_, board) = facilitator.text(&run2).await;
    assert!(!board.contains("Toiseen ilman liittymistä"));

    // Once it joins, it writes there.
    let r = phone.get(&format!("/join/{code2}")).await;
    assert_eq!(location(&r), lid2);
    assert_eq!(
        write(&phone, &lid2, "Toiseen liityttyä").await.status(),
        StatusCode::SEE_OTHER
    );
    let (_, board) = facilitator.text(&run2).await;
    assert!(board.contains("Toiseen liityttyä"));
}

#[tokio::test]
async fn the_facilitator_sees_active_phones_locks_joining_and_removes_a_phone() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let lid = run.trim_end_matches("/run").to_owned();
    let facilitator = app.login("facilitator").await;
    let first = app.browser();
    let page = location(&join_as(&first, &code).await);
    let troll = app.browser();
    join_as(&troll, &code).await;
    assert_eq!(
        write(&troll, &page, "Häiritsevä viesti").await.status(),
        StatusCode::SEE_OTHER
    );
    let (_, board) = facilitator.text(&run).await;
    assert!(
        board.contains("2 puhelinta aktiivisena"),
        "counted per locale"
    );

    // Joining locked: a new phone gets a translated page; those in go on.
    facilitator
        .post_form(&format!("{lid}/control"), &[("do", "lock_joining")])
        .await;
    let (_, board) = facilitator.text(&run).await;
    assert!(board.contains("Liittyminen on suljettu"));
    let late = app.browser_from("192.0.2.1", "sv");
    let (s, html) = late.text(&format!("/join/{code}")).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(html.contains("Det går inte längre att ansluta"), "{html}");
    assert_eq!(
        write(&first, &page, "Yhä mukana").await.status(),
        StatusCode::SEE_OTHER
    );
    facilitator
        .post_form(&format!("{lid}/control"), &[("do", "open_joining")])
        .await;
    let (s, _) = late.text(&format!("/join/{code}")).await;
    assert_eq!(s, StatusCode::OK);

    // Removing the phone that wrote a note: asked first, by the note, never by who it is.
    let at = board.find("Häiritsevä viesti").expect("on the board");
    let start =
        board[..at].rfind("id=\"note-text-").expect("a note card") + "id=\"note-text-".len();
    let note = board[start..start + 36].to_owned();
    let ask = format!("{lid}/remove?note={note}");
    assert!(board.contains(&ask), "the note card offers it");
    let (s, confirm) = facilitator.text(&ask).await;
    assert_eq!(s, StatusCode::OK);
    assert!(confirm.contains("Poistetaanko puhelin istunnosta?"));
    assert!(confirm.contains("class=\"primary danger\""));
    let mut troll_stream = stream(&troll, &format!("{lid}/events")).await;
    let r = facilitator
        .post_form(&format!("{lid}/remove"), &[("note", &note)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, ended) = read(&mut troll_stream, "event: replaced").await;
    assert!(!ended, "the removed phone's stream is told to stop");

    // The removed phone's token no longer opens the session; its note stays.
    let (s, html) = troll.text(&page).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(html.contains("Ohjaaja poisti tämän puhelimen"));
    assert_eq!(
        write(&troll, &page, "Taas täällä").await.status(),
        StatusCode::FORBIDDEN
    );
    let (s, _) = troll.text(&format!("/join/{code}")).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "nor does joining again");
    let (_, board) = facilitator.text(&run).await;
    assert!(board.contains("Häiritsevä viesti") && !board.contains("Taas täällä"));
    assert!(board.contains("1 puhelin aktiivisena"));

    // By number: a number with no phone is refused and kept.
    let r = facilitator
        .post_form(&format!("{lid}/remove"), &[("number", "99")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert!(html.contains("Tällä numerolla ei ole puhelinta") && html.contains("value=\"99\""));
    let r = facilitator
        .post_form(&format!("{lid}/remove"), &[("number", "1")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(first.text(&page).await.0, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn streams_are_capped_per_phone_and_a_long_backlog_asks_for_a_reload() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let lid = run.trim_end_matches("/run").to_owned();
    let phone = app.browser();
    join_as(&phone, &code).await;

    // A phone opening stream after stream: each beyond three replaces its oldest, which is
    // told so and ends, so it never holds more than three.
    let mut open = Vec::new();
    for _ in 0..5 {
        open.push(stream(&phone, &format!("{lid}/events")).await);
    }
    for (i, s) in open.iter_mut().enumerate().take(2) {
        let (body, _) = read(s, "event: replaced").await;
        assert!(body.contains("event: replaced"), "stream {i}");
        let (_, ended) = read(s, "never sent").await;
        assert!(ended, "stream {i} ends");
    }
    // The three newest go on: a move reaches them.
    let facilitator = app.login("facilitator").await;
    facilitator
        .post_form(&format!("{lid}/control"), &[("do", "next")])
        .await;
    for s in open.iter_mut().skip(2) {
        let (body, _) = read(s, "event: moved").await;
        assert!(!body.contains("replaced"));
    }

    // A staff log-in holds at most ten: the eleventh replaces its oldest.
    let mut boards = Vec::new();
    for _ in 0..11 {
        boards.push(stream(&facilitator, &format!("{lid}/events")).await);
    }
    let (body, ended) = read(&mut boards[0], "never sent").await;
    assert!(ended && body.contains("event: replaced"), "{body}");
    drop(boards);

    // A client that missed more than the server replays is told to reload, and no more.
    let id = live_id(&run);
    let live = app.store.live_session(id).await.expect("live");
    for _ in 0..210 {
        app.store
            .move_live_session(
                id,
                live.position,
                live.timer,
                time::OffsetDateTime::now_utc(),
            )
            .await
            .expect("moved");
    }
    let mut s = stream(&facilitator, &format!("{lid}/events?after=0")).await;
    let (body, ended) = read(&mut s, "never sent").await;
    assert!(ended, "the stream ends after telling");
    assert_eq!(body.matches("event: moved").count(), 1, "{body}");
    assert!(!body.contains("id:"), "no event is replayed: {body}");
}

#[tokio::test]
async fn events_leave_in_seq_order_when_notes_and_moves_race() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let lid = run.trim_end_matches("/run").to_owned();
    let facilitator = app.login("facilitator").await;
    let phones: Vec<Browser> = (0..5).map(|_| app.browser()).collect();
    for ph in &phones {
        join_as(ph, &code).await;
    }
    let mut s = stream(&facilitator, &format!("{lid}/events")).await;
    // Give the stream a moment to subscribe; then notes and moves race each other.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let token = facilitator.csrf().await;
    let mut tasks = Vec::new();
    for round in 0..8 {
        for (i, ph) in phones.iter().enumerate() {
            let client = ph.client.clone();
            let url = format!("{}{lid}/notes", ph.base);
            let (_, html) = ph.text(&lid).await;
            let csrf = csrf_of(&html);
            let text = format!("kilpa {round}-{i}");
            tasks.push(tokio::spawn(async move {
                client
                    .post(url)
                    .form(&[("csrf", csrf.as_str()), ("text", text.as_str())])
                    .send()
                    .await
                    .expect("note")
                    .status()
            }));
        }
        let client = facilitator.client.clone();
        let url = format!("{}{lid}/control", facilitator.base);
        let csrf = token.clone();
        tasks.push(tokio::spawn(async move {
            client
                .post(url)
                .form(&[("csrf", csrf.as_str()), ("do", "extend")])
                .send()
                .await
                .expect("move")
                .status()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.expect("task"), StatusCode::SEE_OTHER);
    }
    let last = app.store.last_live_seq(live_id(&run)).await.expect("seq");
    let (body, _) = read(&mut s, &format!("id: {last}\n")).await;
    let ids: Vec<i64> = body
        .lines()
        .filter_map(|l| l.strip_prefix("id: "))
        .map(|v| v.trim().parse().expect("a number"))
        .collect();
    assert_eq!(ids.len(), 48, "every note and move arrives: {ids:?}");
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "in seq order: {ids:?}");
}
