//! The facilitator's day in a live session over HTTP: ending a learning café and the group work
//! of an open space explicitly, the runner laid out for running with its set-up view apart, the
//! phone's own number and timer, and asking before a session ends.

use crate::helpers::*;
use crate::live::{join, open_session, process_in_phase1, write};
use reqwest::StatusCode;

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

/// How many elements a page marks as its primary action.
fn primaries(html: &str) -> usize {
    html.matches("class=\"primary\"").count() + html.matches("class=\"button primary\"").count()
}

/// The text of the element marked primary, as far as its closing tag.
fn primary_text(html: &str) -> String {
    let at = html.find("primary\"").expect("a primary action");
    let start = html[at..].find('>').expect("tag ends") + at + 1;
    let end = html[start..].find('<').expect("text ends") + start;
    html[start..end].to_owned()
}

/// The board's card of the note with this text.
fn card_of(board: &str, text: &str) -> String {
    let at = board.find(text).expect("the note is on the board");
    let start = board[..at].rfind("<li").expect("its card");
    let end = board[at..].find("</li>").expect("card ends") + at;
    board[start..end].to_owned()
}

#[tokio::test]
async fn an_ended_cafe_leaves_phones_and_new_notes_without_tables() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let lid = run.trim_end_matches("/run").to_owned();
    let facilitator = app.login("facilitator").await;
    let mut phones = Vec::new();
    for _ in 0..4 {
        phones.push(join(&app, &code, &[("lang", "fi")]).await);
    }
    let cafe = format!("{lid}/cafe");
    let r = facilitator
        .post_form(
            &cafe,
            &[
                ("do", "setup"),
                ("rounds", "2"),
                ("questions", "Mikä toimii?\nMitä kehitämme?"),
            ],
        )
        .await;
    assert_eq!(
        location(&r),
        format!("{lid}/setup#cafe"),
        "set-up is its own view"
    );
    for _ in 0..2 {
        let r = facilitator.post_form(&cafe, &[("do", "next")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let (phone, page) = &phones[0];
    let (_, html) = phone.text(page).await;
    assert!(html.contains("Kierros 2/2"), "the last round runs");
    assert!(html.contains("Mene pöytään"));
    write(phone, page, "Pöydässä sanottu").await;

    // The projector shows the round and the tables, with their hosts, while the café runs.
    let (_, projector) = facilitator.text(&format!("{lid}/projector")).await;
    assert!(projector.contains("Learning café: Kierros 2/2"));
    assert!(projector.contains("Pöytä B</h3><p>Mitä kehitämme?</p>"));

    // After the last round the runner's primary action is to end the café.
    let (_, board) = facilitator.text(&run).await;
    assert_eq!(primaries(&board), 1, "one primary action");
    assert_eq!(primary_text(&board), "Päätä learning café");

    let mut stream = phone
        .client
        .get(format!("{}{lid}/events", phone.base))
        .send()
        .await
        .expect("stream");
    let mut events = String::new();
    let r = facilitator.post_form(&cafe, &[("do", "end")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), format!("{run}#cafe"));
    read_until(&mut stream, &mut events, "event: moved").await;

    for (phone, page) in &phones {
        let (_, html) = phone.text(page).await;
        assert!(!html.contains("Mene pöytään"), "no table after the end");
        assert!(!html.contains("Kierros 2/2"));
        assert!(html.contains("Learning café on päättynyt."));
    }
    write(phone, page, "Kahvilan jälkeen sanottu").await;
    let (_, board) = facilitator.text(&run).await;
    assert!(board.contains("Learning café on päättynyt."));
    assert!(
        card_of(&board, "Pöydässä sanottu").contains("Pöytä "),
        "a note written at a table keeps its table"
    );
    assert!(
        !card_of(&board, "Kahvilan jälkeen sanottu").contains("Pöytä "),
        "a note written after the café has no table"
    );
    let (_, projector) = facilitator.text(&format!("{lid}/projector")).await;
    let after = card_of(&projector, "Kahvilan jälkeen sanottu");
    assert!(!after.contains("Pöytä "), "nor on the projector: {after}");
    assert!(
        !projector.contains("Learning café: Kierros"),
        "no tables on the wall"
    );
    // A starred note stands out on the projector.
    let at = board
        .find("Kahvilan jälkeen sanottu")
        .expect("on the board");
    let start = board[..at].rfind("id=\"note-text-").expect("id") + "id=\"note-text-".len();
    let id = &board[start..start + 36];
    facilitator
        .post_form(&format!("{lid}/notes/{id}/change"), &[("do", "star")])
        .await;
    let (_, projector) = facilitator.text(&format!("{lid}/projector")).await;
    let starred = card_of(&projector, "Kahvilan jälkeen sanottu");
    assert!(starred.contains("note-starred") && starred.contains("star-mark"));
    assert_ne!(primary_text(&board), "Päätä learning café");
    assert_eq!(
        facilitator
            .post_form(&cafe, &[("do", "next")])
            .await
            .status(),
        StatusCode::CONFLICT,
        "an ended café plays no more rounds"
    );
}

#[tokio::test]
async fn ending_the_group_work_shows_on_every_phone() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let lid = run.trim_end_matches("/run").to_owned();
    let facilitator = app.login("facilitator").await;
    let (anna, page) = join(&app, &code, &[("lang", "fi")]).await;
    let (sven, _) = join(&app, &code, &[("lang", "sv")]).await;
    let os = format!("{lid}/openspace");
    let r = facilitator
        .post_form(
            &os,
            &[
                ("do", "setup"),
                ("slots", "10.00–10.45"),
                ("spaces", "Sali A"),
            ],
        )
        .await;
    assert_eq!(location(&r), format!("{lid}/setup#openspace"));
    anna.post_form(&format!("{page}/topics"), &[("title", "Työrauha")])
        .await;
    let (_, setup) = facilitator.text(&format!("{lid}/setup")).await;
    let at = setup
        .find("Työrauha")
        .expect("the topic is on the set-up view");
    let start = setup[at..].find("/topics/").expect("form") + at + "/topics/".len();
    let topic = setup[start..start + 36].to_owned();
    let r = facilitator
        .post_form(
            &format!("{lid}/topics/{topic}"),
            &[("do", "place"), ("cell", "0-0")],
        )
        .await;
    assert_eq!(location(&r), format!("{lid}/setup#topic-1"));
    facilitator
        .post_form(&os, &[("do", "run"), ("slot", "0")])
        .await;
    let (_, html) = anna.text(&page).await;
    assert!(html.contains("Ryhmät kokoontuvat nyt: 10.00–10.45"));
    let (_, board) = facilitator.text(&run).await;
    assert_eq!(primaries(&board), 1);
    assert_eq!(primary_text(&board), "Päätä ryhmätyö", "the only slot runs");

    let mut stream = sven
        .client
        .get(format!("{}{lid}/events", sven.base))
        .send()
        .await
        .expect("stream");
    let mut events = String::new();
    let r = facilitator.post_form(&os, &[("do", "finish")]).await;
    assert_eq!(location(&r), format!("{run}#openspace"));
    read_until(&mut stream, &mut events, "event: moved").await;
    let (_, html) = anna.text(&page).await;
    assert!(html.contains("Ryhmätyö on päättynyt. Kiitos!"));
    assert!(!html.contains("Ryhmät kokoontuvat nyt"));
    assert!(!html.contains("name=\"topic\""), "notes go to no group");
    let (_, html) = sven.text(&page).await;
    assert!(html.contains("Grupparbetet är slut. Tack!"));
    let r = anna
        .post_form(
            &format!("{page}/notes"),
            &[("text", "Myöhässä"), ("topic", &topic)],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "no group takes notes after the end"
    );
    assert!(
        r.text().await.expect("body").contains("Myöhässä"),
        "the text is kept"
    );
    let (_, board) = facilitator.text(&run).await;
    assert!(board.contains("Ryhmätyö on päättynyt."));
    let r = anna
        .post_form(&format!("{page}/topics"), &[("title", "Vielä yksi")])
        .await;
    assert_eq!(
        r.status(),
        StatusCode::CONFLICT,
        "the marketplace closed too"
    );

    // Starting a slot again takes the group work up again.
    facilitator
        .post_form(&os, &[("do", "run"), ("slot", "0")])
        .await;
    let (_, html) = anna.text(&page).await;
    assert!(!html.contains("Ryhmätyö on päättynyt."));
    assert!(html.contains("Ryhmät kokoontuvat nyt"));
}

#[tokio::test]
async fn the_runner_runs_and_the_set_up_view_sets_up() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let lid = run.trim_end_matches("/run").to_owned();
    let facilitator = app.login("facilitator").await;
    let (_, board) = facilitator.text(&run).await;
    assert!(
        !board.contains("name=\"questions\""),
        "no café form on the runner"
    );
    assert!(
        !board.contains("name=\"slots\""),
        "no open-space form on the runner"
    );
    assert!(board.contains(&format!("href=\"{lid}/setup\"")));
    assert_eq!(primaries(&board), 1);
    assert_eq!(primary_text(&board), "Käynnistä ajastin");
    let (s, setup) = facilitator.text(&format!("{lid}/setup")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(setup.contains("name=\"questions\"") && setup.contains("name=\"slots\""));
    assert_eq!(primaries(&setup), 1);
    join(&app, &code, &[("lang", "fi")]).await;
    let stranger = app.browser();
    let (s, _) = stranger.text(&format!("{lid}/setup")).await;
    assert_eq!(
        s,
        StatusCode::SEE_OTHER,
        "set-up is for the facilitator only"
    );

    // A refused set-up comes back on the set-up view with what was typed.
    let r = facilitator
        .post_form(
            &format!("{lid}/openspace"),
            &[("do", "setup"), ("slots", ""), ("spaces", "Sali B")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert!(html.contains(">Sali B</textarea>"));
    assert!(html.contains("Ryhmätyön valmistelu"));

    // The timer runs: the next stage is the primary action; the session ends only after asking.
    facilitator
        .post_form(&format!("{lid}/control"), &[("do", "start")])
        .await;
    let (_, board) = facilitator.text(&run).await;
    assert_eq!(primary_text(&board), "Seuraava");
    let close = board.find("Päätä istunto…").expect("ending asks first");
    let details = board[..close]
        .rfind("<details")
        .expect("inside a disclosure");
    assert!(board[details..].find("class=\"danger\"").is_some());
}

#[tokio::test]
async fn a_phone_shows_its_number_and_the_timer() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let lid = run.trim_end_matches("/run").to_owned();
    let facilitator = app.login("facilitator").await;
    join(&app, &code, &[("lang", "fi")]).await;
    let (second, page) = join(&app, &code, &[("lang", "ar")]).await;
    let (_, html) = second.text(&page).await;
    assert!(
        html.contains("أنت المشارك رقم 2"),
        "the second phone is number 2"
    );
    assert!(html.contains("class=\"timer\""));
    assert!(html.contains("data-running=\"0\""));
    facilitator
        .post_form(&format!("{lid}/control"), &[("do", "start")])
        .await;
    let (_, html) = second.text(&page).await;
    assert!(
        html.contains("data-running=\"1\""),
        "the phone's timer runs with the stage's"
    );
}

/// The id of a note on a phone's own list, by its text.
fn own_note_id(html: &str, text: &str) -> String {
    let at = html.find(text).expect("the note is on the phone");
    let start = html[..at].rfind("id=\"mine-text-").expect("its id") + "id=\"mine-text-".len();
    html[start..start + 36].to_owned()
}

#[tokio::test]
async fn a_long_note_is_refused_whole_and_a_writer_revises_until_curated() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let lid = run.trim_end_matches("/run").to_owned();
    let facilitator = app.login("facilitator").await;
    let (phone, page) = join(&app, &code, &[("lang", "fi")]).await;
    let (other, _) = join(&app, &code, &[("lang", "fi")]).await;

    // Over the limit: refused, not cut; the text comes back whole with the limit.
    let (_, html) = phone.text(&page).await;
    let field = &html[html.find("<textarea id=\"text\"").expect("the note field")..];
    let field = &field[..field.find('>').expect("tag ends")];
    assert!(
        !field.contains("maxlength"),
        "the browser cuts nothing: {field}"
    );
    assert!(
        html.contains("data-counter=\"text\""),
        "a counter under the field"
    );
    let long = format!("{} loppu", "sana ".repeat(200));
    let r = write(&phone, &page, &long).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert!(html.contains("Teksti on liian pitkä. Enintään 1000 merkkiä."));
    assert!(
        html.contains(&format!(">{}</textarea>", long.trim())),
        "nothing is cut"
    );
    let (_, board) = facilitator.text(&run).await;
    assert!(
        !board.contains("sana sana sana"),
        "nothing reached the board"
    );

    write(&phone, &page, "Kahvihuone on liain pieni").await;
    write(&phone, &page, "Tämän peruisin").await;
    write(&phone, &page, "Tähti tälle").await;
    let (_, html) = phone.text(&page).await;
    let typo = own_note_id(&html, "Kahvihuone on liain pieni");
    let gone = own_note_id(&html, "Tämän peruisin");
    let starred = own_note_id(&html, "Tähti tälle");

    let mut stream = facilitator
        .client
        .get(format!("{}{lid}/events?view=projector", facilitator.base))
        .send()
        .await
        .expect("stream");
    let mut events = String::new();
    let own = |id: &str| format!("{lid}/notes/{id}/own");
    let r = phone
        .post_form(
            &own(&typo),
            &[("do", "correct"), ("text", "Kahvihuone on liian pieni")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    read_until(&mut stream, &mut events, "event: changed").await;
    let r = phone.post_form(&own(&gone), &[("do", "withdraw")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, board) = facilitator.text(&run).await;
    assert!(board.contains("Kahvihuone on liian pieni"));
    assert!(!board.contains("liain"), "the correction replaced the text");
    assert!(
        !board.contains("Tämän peruisin"),
        "a withdrawn note is gone"
    );
    let (_, projector) = facilitator.text(&format!("{lid}/projector")).await;
    assert!(!projector.contains("Tämän peruisin"));
    // A screen that reconnects from the start replays every event, the withdrawn note's too.
    let mut replay = facilitator
        .client
        .get(format!("{}{lid}/events?after=0", facilitator.base))
        .send()
        .await
        .expect("replay");
    assert_eq!(replay.status(), StatusCode::OK);
    let mut body = String::new();
    read_until(&mut replay, &mut body, "Kahvihuone on liian pieni").await;

    // Only the writer revises a note.
    let r = other.post_form(&own(&typo), &[("do", "withdraw")]).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // Once the facilitator curates it (here: a star), the writer can no longer change it.
    facilitator
        .post_form(&format!("{lid}/notes/{starred}/change"), &[("do", "star")])
        .await;
    let (_, html) = phone.text(&page).await;
    assert!(html.contains("Ohjaaja on käsitellyt tämän, joten sitä ei voi enää muuttaa."));
    let r = phone
        .post_form(&own(&starred), &[("do", "correct"), ("text", "Muutettu")])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let html = r.text().await.expect("body");
    assert!(html.contains("ei voi enää korjata eikä perua"));
    let r = phone.post_form(&own(&starred), &[("do", "withdraw")]).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let (_, board) = facilitator.text(&run).await;
    assert!(board.contains("Tähti tälle"));
    // A correction over the limit is refused with the text kept at its note.
    let r = phone
        .post_form(&own(&typo), &[("do", "correct"), ("text", &long)])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert!(html.contains(&format!(">{}</textarea>", long.trim())));
}
