//! Open space over HTTP: the facilitator's set-up, the marketplace of topics proposed from
//! phones, picks, the schedule, group notes, limits and who may do what.

use crate::helpers::*;
use crate::live::{join, open_session, process_in_phase1};
use reqwest::StatusCode;

/// A topic's id from a page that lists it: the pick or change form's action after `/topics/`.
fn topic_id(html: &str, title: &str) -> String {
    let at = html.find(title).expect("the topic is listed");
    let start = html[at..].find("/topics/").expect("with a form") + at + "/topics/".len();
    html[start..start + 36].to_owned()
}

/// Reads an event stream until `until` appears in it.
async fn read_until(r: &mut reqwest::Response, body: &mut String, until: &str) {
    while !body.contains(until) {
        let chunk = tokio::time::timeout(std::time::Duration::from_secs(5), r.chunk())
            .await
            .unwrap_or_else(|_| panic!("{until} arrives"))
            .expect("readable")
            .expect("not ended");
        body.push_str(&String::from_utf8_lossy(&chunk));
    }
}

#[tokio::test]
async fn an_open_space_runs_from_the_marketplace_to_group_notes() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let lid = run.trim_end_matches("/run").to_owned();
    let facilitator = app.login("facilitator").await;
    let (anna, page) = join(
        &app,
        &code,
        &[("lang", "fi"), ("show_name", "yes"), ("name", "Anna")],
    )
    .await;
    let (anon, _) = join(&app, &code, &[("lang", "ar")]).await;
    let (third, _) = join(&app, &code, &[("lang", "fi")]).await;

    // Before the set-up, phones show no marketplace.
    let (_, html) = anna.text(&page).await;
    assert!(!html.contains("Ehdota aihetta"));

    let r = facilitator
        .post_form(
            &format!("{lid}/openspace"),
            &[
                ("do", "setup"),
                ("slots", "10.00–10.45\n11.00–11.45"),
                ("spaces", "Sali A\nVerkko https://meet.example/b1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // A phone's stream hears about topics; the marketplace is open on every phone.
    let mut stream = anon
        .client
        .get(format!("{}{lid}/events", anon.base))
        .send()
        .await
        .expect("stream");
    let mut events = String::new();
    let (_, html) = anon.text(&page).await;
    assert!(html.contains("اقترح موضوعًا"), "the marketplace in Arabic");

    let r = anna
        .post_form(&format!("{page}/topics"), &[("title", "Työrauha luokassa")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), format!("{page}#topic-1"));
    anon.post_form(&format!("{page}/topics"), &[("title", "الاستراحة")])
        .await;
    read_until(&mut stream, &mut events, "event: topics").await;

    // Everyone sees both proposals, Anna's with her name and the other with none.
    let (_, html) = third.text(&page).await;
    assert!(html.contains("Työrauha luokassa") && html.contains("الاستراحة"));
    assert!(html.contains("lang=\"ar\" dir=\"rtl\">الاستراحة"));
    assert!(html.contains("<p class=\"note-name\"><bdi>Anna</bdi></p>"));
    assert_eq!(html.matches("class=\"note-name\"").count(), 1);
    assert!(html.contains("1 menossa"), "a proposer goes to their topic");

    let calm = topic_id(&html, "Työrauha luokassa");
    let pause = topic_id(&html, "الاستراحة");
    let r = third
        .post_form(&format!("{page}/topics/{calm}/pick"), &[("do", "pick")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = third.text(&page).await;
    assert!(html.contains("2 menossa") && html.contains("Sinä menet tähän."));

    // The facilitator places both topics in the first slot; the grid shows them.
    for (id, cell) in [(&calm, "0-0"), (&pause, "0-1")] {
        let r = facilitator
            .post_form(
                &format!("{lid}/topics/{id}"),
                &[("do", "place"), ("cell", cell)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{cell}");
    }
    // A taken cell is refused with a message, and the topic stays where it was.
    let r = facilitator
        .post_form(
            &format!("{lid}/topics/{pause}"),
            &[("do", "place"), ("cell", "0-0")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.expect("body").contains("juuri toinen aihe"));
    let (_, board) = facilitator.text(&format!("{lid}/setup")).await;
    assert!(board.contains("#1 Työrauha luokassa</span> <span class=\"muted\">(2 menossa)"));
    assert!(board.contains("Verkko · ") || board.contains("10.00–10.45 · Verkko"));

    // Picking the other topic of the same slot moves the pick: one place at a time.
    third
        .post_form(&format!("{page}/topics/{pause}/pick"), &[("do", "pick")])
        .await;
    let (_, html) = third.text(&page).await;
    assert!(html.contains("Minne menet"));
    assert!(html.contains("<strong>10.00–10.45</strong>: <span lang=\"ar\""));
    assert!(
        html.contains("https://meet.example/b1"),
        "the breakout link"
    );
    third
        .post_form(&format!("{page}/topics/{calm}/pick"), &[("do", "pick")])
        .await;

    // The slot starts: each phone writes for its group, and the group sees its notes. A
    // slot's start reloads the phones, so their streams start again knowing their groups.
    let r = facilitator
        .post_form(&format!("{lid}/openspace"), &[("do", "run"), ("slot", "0")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    drop(stream);
    let mut stream = anon
        .client
        .get(format!("{}{lid}/events", anon.base))
        .send()
        .await
        .expect("stream");
    let mut events = String::new();
    let (_, html) = third.text(&page).await;
    assert!(html.contains("Ryhmät kokoontuvat nyt: 10.00–10.45"));
    assert!(html.contains(&format!("<option value=\"{calm}\" selected>")));
    let r = third
        .post_form(
            &format!("{page}/notes"),
            &[("text", "Sovitaan hiljainen hetki"), ("topic", &calm)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    anon.post_form(
        &format!("{page}/notes"),
        &[("text", "ملاحظة المجموعة"), ("topic", &pause)],
    )
    .await;
    read_until(&mut stream, &mut events, "ملاحظة المجموعة").await;
    assert!(
        !events.contains("Sovitaan hiljainen hetki"),
        "a phone gets its own group's notes only"
    );
    assert!(
        !events.contains(&anna.base) && !events.contains("participant"),
        "no identity in the stream"
    );

    let (_, html) = anna.text(&page).await;
    assert!(html.contains("Sinun ryhmäsi:"));
    assert!(
        html.contains("Sovitaan hiljainen hetki"),
        "Anna's group note"
    );
    assert!(!html.contains("ملاحظة المجموعة"), "not the other group's");
    let (_, fragment) = anna.text(&format!("{lid}/openspace/phone")).await;
    assert!(fragment.contains("Sovitaan hiljainen hetki"));
    assert!(!fragment.contains("<html"), "a fragment, not a page");

    let (_, board) = facilitator.text(&run).await;
    assert!(board.contains("Aihe: #1 Työrauha luokassa"));
    assert!(board.contains("Aihe: #2 الاستراحة"));
    let (_, wall) = facilitator.text(&format!("{lid}/projector")).await;
    assert!(wall.contains("Ryhmät kokoontuvat nyt: 10.00–10.45"));
    assert!(wall.contains("#1 Työrauha luokassa"));

    // A note written for the wrong group moves to the right one, and its history says so.
    let at = board.find("ملاحظة المجموعة").expect("on the board");
    let start =
        board[..at].rfind("id=\"note-text-").expect("a note card") + "id=\"note-text-".len();
    let note = &board[start..start + 36];
    let (_, edit) = facilitator.text(&format!("{lid}/notes/{note}/edit")).await;
    assert!(
        edit.contains(&format!("<option value=\"{pause}\" selected>#2 الاستراحة")),
        "{edit}"
    );
    let r = facilitator
        .post_form(
            &format!("{lid}/notes/{note}/change"),
            &[("do", "move_topic"), ("topic", &calm)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, board) = facilitator.text(&run).await;
    assert_eq!(board.matches("Aihe: #1 Työrauha luokassa").count(), 2);
    let (_, edit) = facilitator.text(&format!("{lid}/notes/{note}/edit")).await;
    assert!(edit.contains("siirsi muistiinpanon toiseen pöytään tai ryhmään"));
    let (_, html) = anna.text(&page).await;
    assert!(html.contains("ملاحظة المجموعة"), "now in Anna's group");
    // A topic of another session is refused.
    let r = facilitator
        .post_form(
            &format!("{lid}/notes/{note}/change"),
            &[
                ("do", "move_topic"),
                ("topic", &vuoro_core::TopicId::new().to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // A note for a group that does not meet now is refused and kept.
    let r = third
        .post_form(
            &format!("{page}/notes"),
            &[("text", "Väärä ryhmä"), ("topic", "not-a-topic")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert!(html.contains("Tämä ryhmä ei kokoonnu nyt."));
    assert!(html.contains(">Väärä ryhmä</textarea>"));

    // Hiding a topic takes it off the phones and frees its cell.
    facilitator
        .post_form(&format!("{lid}/topics/{pause}"), &[("do", "hide")])
        .await;
    let (_, html) = third.text(&page).await;
    assert!(!html.contains("الاستراحة</p>"));
    let (_, board) = facilitator.text(&format!("{lid}/setup")).await;
    assert!(board.contains("piilotettu"));

    // A new set-up renames the cells; a topic in a cell that still exists stays in it.
    facilitator
        .post_form(
            &format!("{lid}/openspace"),
            &[("do", "setup"), ("slots", "12.00"), ("spaces", "Sali B")],
        )
        .await;
    let (_, board) = facilitator.text(&format!("{lid}/setup")).await;
    assert!(board.contains("<option value=\"0-0\" selected>12.00 · Sali B</option>"));
    assert!(!board.contains("11.00–11.45"));
}

#[tokio::test]
async fn the_marketplace_refuses_bad_topics_and_strangers() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let lid = run.trim_end_matches("/run").to_owned();
    let facilitator = app.login("facilitator").await;
    let (phone, page) = join(&app, &code, &[("lang", "fi")]).await;

    // No open space yet: proposing is refused, the typed topic kept.
    let r = phone
        .post_form(&format!("{page}/topics"), &[("title", "Aikainen aihe")])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Aiheiden tori on suljettu.")
    );

    // A bad set-up names the field and keeps what was typed.
    let r = facilitator
        .post_form(
            &format!("{lid}/openspace"),
            &[("do", "setup"), ("slots", " "), ("spaces", "Sali")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert!(html.contains("Ajat: "), "{html}");
    assert!(html.contains(">Sali</textarea>"));
    facilitator
        .post_form(
            &format!("{lid}/openspace"),
            &[("do", "setup"), ("slots", "9.00"), ("spaces", "Sali")],
        )
        .await;

    let propose = |title: String| {
        let phone = &phone;
        let page = &page;
        async move {
            phone
                .post_form(&format!("{page}/topics"), &[("title", title.as_str())])
                .await
        }
    };
    let r = propose("   ".into()).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Kirjoita aihe ensin.")
    );
    let long = "pitkä ".repeat(50);
    let r = propose(long.clone()).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert!(html.contains("Aihe on liian pitkä."));
    assert!(
        html.contains(&format!("value=\"{}\"", long.trim_end()))
            || html.contains("value=\"pitkä pitkä")
    );
    for i in 1..=5 {
        assert_eq!(
            propose(format!("Aihe {i}")).await.status(),
            StatusCode::SEE_OTHER
        );
    }
    let r = propose("Kuudes".into()).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.text().await.expect("body").contains("viisi aihetta"));
    // Markup in a title is text.
    let (other, _) = join(&app, &code, &[("lang", "fi")]).await;
    other
        .post_form(
            &format!("{page}/topics"),
            &[("title", "<script>alert(1)</script>")],
        )
        .await;
    let (_, html) = facilitator.text(&format!("{lid}/setup")).await;
    assert!(html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"));
    assert!(!html.contains("<script>alert(1)"));

    // The facilitator closes the marketplace; phones can no longer propose, but still pick.
    facilitator
        .post_form(&format!("{lid}/openspace"), &[("do", "marketplace_close")])
        .await;
    let r = other
        .post_form(&format!("{page}/topics"), &[("title", "Myöhäinen")])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let (_, html) = other.text(&page).await;
    let first = topic_id(&html, "Aihe 1");
    let r = other
        .post_form(&format!("{page}/topics/{first}/pick"), &[("do", "pick")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // Nobody but the facilitator runs the open space or sees its staff parts.
    for who in ["orderer", "coordinator", "facilitator2", "outsider"] {
        let b = app.login(who).await;
        for (path, fields) in [
            (format!("{lid}/openspace"), vec![("do", "marketplace_open")]),
            (format!("{lid}/topics/{first}"), vec![("do", "hide")]),
        ] {
            let s = b.post_form(&path, &fields).await.status();
            assert!(
                s == StatusCode::FORBIDDEN || s == StatusCode::NOT_FOUND,
                "{who} POST {path}: {s}"
            );
        }
        for path in [
            format!("{lid}/openspace/panel"),
            format!("{lid}/openspace/wall"),
        ] {
            let s = b.get(&path).await.status();
            assert!(
                s == StatusCode::FORBIDDEN || s == StatusCode::NOT_FOUND,
                "{who} GET {path}: {s}"
            );
        }
    }
    // A phone is not staff: the facilitator's routes send it to log in.
    let s = other
        .post_form(&format!("{lid}/openspace"), &[("do", "marketplace_open")])
        .await
        .status();
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert!(other.get(&format!("{lid}/openspace/panel")).await.status() == StatusCode::SEE_OTHER);
    // A stranger's browser has no phone view and cannot pick.
    let stranger = app.browser();
    assert_eq!(
        stranger
            .get(&format!("{lid}/openspace/phone"))
            .await
            .status(),
        StatusCode::SEE_OTHER,
        "to the join page"
    );
    let s = stranger
        .post_form(&format!("{page}/topics/{first}/pick"), &[("do", "pick")])
        .await
        .status();
    assert!(
        s == StatusCode::SEE_OTHER || s == StatusCode::FORBIDDEN,
        "{s}"
    );
    let (_, html) = facilitator.text(&format!("{lid}/setup")).await;
    assert_eq!(
        html.matches("2 menossa").count(),
        1,
        "the stranger's pick was not counted"
    );
    assert!(!html.contains("3 menossa"));
    // Without the form's token, nothing is changed.
    let s = other
        .post_untokened(&format!("{page}/topics/{first}/pick"), &[("do", "unpick")])
        .await
        .status();
    assert_eq!(s, StatusCode::FORBIDDEN);
    // A participant of another process cannot reach this session's topics.
    let p2 = process_in_phase1(&app).await;
    let (_, code2) = open_session(&app, &p2).await;
    let (outsider_phone, _) = join(&app, &code2, &[("lang", "fi")]).await;
    let s = outsider_phone
        .post_form(&format!("{page}/topics/{first}/pick"), &[("do", "pick")])
        .await
        .status();
    assert!(
        s == StatusCode::SEE_OTHER || s == StatusCode::NOT_FOUND,
        "{s}"
    );
    // Once the session closes, the marketplace is closed too.
    facilitator
        .post_form(&format!("{lid}/control"), &[("do", "close")])
        .await;
    let r = other
        .post_form(&format!("{page}/topics/{first}/pick"), &[("do", "unpick")])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
}

/// The note's id from the facilitator's board: the card whose text is `text`.
fn note_id(board: &str, text: &str) -> String {
    let at = board.find(text).expect("on the board");
    let start =
        board[..at].rfind("id=\"note-text-").expect("a note card") + "id=\"note-text-".len();
    board[start..start + 36].to_owned()
}

/// Reads a stream from its start until `until`, then gives what came.
async fn replay(b: &Browser, path: &str, until: &str) -> String {
    let mut r = b
        .client
        .get(format!("{}{path}", b.base))
        .send()
        .await
        .expect("stream");
    assert_eq!(r.status(), StatusCode::OK, "{path}");
    let mut body = String::new();
    read_until(&mut r, &mut body, until).await;
    body
}

#[tokio::test]
async fn a_replay_gives_each_screen_exactly_what_live_delivery_gives_it() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let lid = run.trim_end_matches("/run").to_owned();
    let facilitator = app.login("facilitator").await;
    let (a, page) = join(&app, &code, &[("lang", "fi")]).await;
    let (b, _) = join(&app, &code, &[("lang", "fi")]).await;
    facilitator
        .post_form(
            &format!("{lid}/openspace"),
            &[
                ("do", "setup"),
                ("slots", "10.00"),
                ("spaces", "Sali A\nSali B"),
            ],
        )
        .await;
    // Each proposer goes to their own topic's group.
    a.post_form(&format!("{page}/topics"), &[("title", "Ryhmä Aalto")])
        .await;
    b.post_form(&format!("{page}/topics"), &[("title", "Ryhmä Berg")])
        .await;
    let (_, html) = a.text(&page).await;
    let (ta, tb) = (
        topic_id(&html, "Ryhmä Aalto"),
        topic_id(&html, "Ryhmä Berg"),
    );
    for (id, cell) in [(&ta, "0-0"), (&tb, "0-1")] {
        facilitator
            .post_form(
                &format!("{lid}/topics/{id}"),
                &[("do", "place"), ("cell", cell)],
            )
            .await;
    }
    facilitator
        .post_form(&format!("{lid}/openspace"), &[("do", "run"), ("slot", "0")])
        .await;
    for (phone, text, topic) in [
        (&a, "Aallon näkyvä ajatus", &ta),
        (&a, "Aallon piilotettava ajatus", &ta),
        (&b, "Bergin ryhmän oma ajatus", &tb),
    ] {
        let r = phone
            .post_form(
                &format!("{page}/notes"),
                &[("text", text), ("topic", topic)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{text}");
    }
    let (_, board) = facilitator.text(&run).await;
    let hidden = note_id(&board, "Aallon piilotettava ajatus");
    let r = facilitator
        .post_form(&format!("{lid}/notes/{hidden}/change"), &[("do", "hide")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // A last event every screen gets, so each replay below is read to its end.
    facilitator
        .post_form(&format!("{lid}/control"), &[("do", "extend")])
        .await;
    let live_id = vuoro_core::LiveSessionId::parse(lid.trim_start_matches("/live/")).expect("id");
    let end = format!(
        "id: {}\n",
        app.store.last_live_seq(live_id).await.expect("seq")
    );

    // A phone of group A replaying from the start: its group's visible note and the change
    // of the hidden one (which makes it fetch its part again), never the hidden text.
    let events = format!("{lid}/events?after=0");
    let got = replay(&a, &events, &end).await;
    assert!(got.contains("Aallon näkyvä ajatus"), "{got}");
    assert!(got.contains("event: changed"), "{got}");
    assert!(!got.contains("Aallon piilotettava ajatus"), "hidden: {got}");
    assert!(
        !got.contains("Bergin ryhmän"),
        "another group's note: {got}"
    );
    // Group B's phone: its own note only; a change in group A is not its business.
    let got = replay(&b, &events, &end).await;
    assert!(got.contains("Bergin ryhmän oma ajatus"), "{got}");
    assert!(!got.contains("Aallon"), "{got}");
    assert!(!got.contains("event: changed"), "{got}");
    // The projector shows the room what is visible; the board everything, to curate.
    let got = replay(&facilitator, &format!("{events}&view=projector"), &end).await;
    assert!(got.contains("Aallon näkyvä ajatus") && got.contains("Bergin ryhmän oma ajatus"));
    assert!(!got.contains("Aallon piilotettava ajatus"), "{got}");
    let got = replay(&facilitator, &events, &end).await;
    assert!(got.contains("Aallon piilotettava ajatus"));
}
