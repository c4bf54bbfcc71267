//! The summary over HTTP: drafted from themes, practices and feedback, edited with versions,
//! each statement linked to its notes, sent to the participants for comments and published;
//! and the CSV and JSON exports, which name no one.

use crate::helpers::*;
use crate::live::{join, open_session, process_in_phase1, write};
use reqwest::StatusCode;

fn version_of(html: &str) -> String {
    let key = "name=\"base\" value=\"";
    let start = html.find(key).expect("a summary form") + key.len();
    html[start..start + html[start..].find('"').expect("quoted")].to_owned()
}

#[tokio::test]
async fn a_summary_is_drafted_edited_commented_and_published() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (_, code) = open_session(&app, &p).await;
    let facilitator = app.login("facilitator").await;
    let orderer = app.login("orderer").await;
    let (anna, page) = join(
        &app,
        &code,
        &[("lang", "fi"), ("show_name", "yes"), ("name", "Anna")],
    )
    .await;
    let (anon, _) = join(&app, &code, &[("lang", "fi")]).await;
    for t in [
        "Kahvihuone on liian pieni",
        "Kahvihuoneeseen lisää tuoleja",
        "Kahvihuone on tauoilla täynnä",
    ] {
        write(&anna, &page, t).await;
    }
    for t in [
        "Vuorolistat tulevat myöhään",
        "Vuorolistojen muutokset viime tingassa",
        "=HYPERLINK(\"http://x\")",
    ] {
        write(&anon, &page, t).await;
    }
    facilitator
        .post_form(&format!("{p}/themes/process/propose"), &[])
        .await;
    // The summary is the supervisor's once the process reaches it; the sessions end there.
    let r = facilitator
        .post_form(&format!("{p}/transition"), &[("to", "start_summary")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    orderer
        .post_form(
            &format!("{p}/practices"),
            &[
                ("kind", "develop"),
                ("title", "Vuorolistat kuukautta ennen"),
                ("owner", "esihenkilö"),
            ],
        )
        .await;

    let summary = format!("{p}/summary");
    let (_, html) = orderer.text(&summary).await;
    assert!(html.contains("Koostetta ei ole vielä laadittu."));
    let r = orderer
        .post_form(&summary, &[("do", "draft"), ("base", "")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = orderer.text(&summary).await;
    assert!(html.contains(">Mitä kuulimme</") || html.contains("value=\"Mitä kuulimme\""));
    assert!(html.contains("Sovitut käytännöt"));
    assert!(html.contains("Kehitämme: Vuorolistat kuukautta ennen (Vie eteenpäin: esihenkilö)"));
    assert!(
        html.contains("lähdemuistiinpano"),
        "statements link to their notes"
    );
    assert!(html.contains("luonnos"));

    // Edit: a paragraph reworded keeps its sources; a stale page is refused.
    let v1 = version_of(&html);
    let count = html.matches("name=\"drop").count();
    let mut fields: Vec<(String, String)> = vec![
        ("do".into(), "save".into()),
        ("base".into(), v1.clone()),
        (
            "new".into(),
            "Seuraavaksi sovitaan tilojen käytöstä.".into(),
        ),
    ];
    for i in 0..count {
        let key = format!("id=\"b{i}\" name=\"b{i}\"");
        let at = html.find(&key).expect("a field per block");
        let tag = &html[html[..at].rfind('<').expect("tag")..];
        let text = if tag.starts_with("<input") {
            let v = &tag[tag.find("value=\"").expect("value") + "value=\"".len()..];
            v[..v.find('"').expect("quoted")].to_owned()
        } else {
            let open = tag.find('>').expect("tag") + 1;
            tag[open..open + tag[open..].find("</textarea>").expect("closing")].to_owned()
        };
        fields.push((format!("b{i}"), text));
    }
    let fields_ref: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = orderer.post_form(&summary, &fields_ref).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = orderer.post_form(&summary, &fields_ref).await;
    assert_eq!(
        r.status(),
        StatusCode::CONFLICT,
        "made on version {v1}, now stale"
    );
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Joku muu tallensi koosteen")
    );
    let (_, html) = orderer.text(&summary).await;
    assert!(html.contains("Seuraavaksi sovitaan tilojen käytöstä."));

    // Every statement with sources leads to its notes; a name shows only if it was shown.
    let at = html.find("/summary/sources/").expect("a sources link");
    let link = &html[html[..at].rfind('"').expect("href") + 1..];
    let link = &link[..link.find('"').expect("end")];
    let (s, sources) = facilitator.text(link).await;
    assert_eq!(s, StatusCode::OK);
    assert!(sources.contains("Mihin tämä perustuu"));
    assert!(!sources.contains("participant"), "no ids");

    // Participants cannot read a draft; sent for comments, they can, and comment.
    let read = format!("/summary/{}", p.trim_start_matches("/processes/"));
    assert_eq!(anna.get(&read).await.status(), StatusCode::NOT_FOUND);
    let v = version_of(&orderer.text(&summary).await.1);
    let r = orderer
        .post_form(&summary, &[("do", "state"), ("to", "review"), ("base", &v)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (s, html) = anna.text(&read).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Tämä on luonnos."));
    assert!(
        html.contains("Kahvihuone on liian pieni") || html.contains("Vuorolistat tulevat myöhään")
    );
    assert!(html.contains("(sinun)"), "Anna sees which notes were hers");
    let (_, anon_html) = anon.text(&read).await;
    assert!(
        !anon_html.contains("Anna"),
        "no one else's name, since notes in the summary are shown without names"
    );
    // The phone's page leads there too.
    let (_, phone_page) = anna.text(&page).await;
    assert!(phone_page.contains("Lue kooste: mitä kuulimme"));
    let r = anna
        .post_form(&read, &[("text", "Tauoista puuttuu yksi asia.")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = anna.post_form(&read, &[("text", "  ")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let (_, html) = orderer.text(&summary).await;
    assert!(html.contains("Tauoista puuttuu yksi asia."));
    assert!(html.contains("1 kommentti osallistujilta"));

    // Strangers and other processes' participants read nothing.
    assert_eq!(
        app.browser().get(&read).await.status(),
        StatusCode::NOT_FOUND
    );
    let other = process_in_phase1(&app).await;
    let (_, other_code) = open_session(&app, &other).await;
    let (stranger, _) = join(&app, &other_code, &[("lang", "fi")]).await;
    assert_eq!(stranger.get(&read).await.status(), StatusCode::NOT_FOUND);

    // Published: readable, no longer open to comments or edits.
    let v = version_of(&orderer.text(&summary).await.1);
    orderer
        .post_form(
            &summary,
            &[("do", "state"), ("to", "published"), ("base", &v)],
        )
        .await;
    let (_, html) = anna.text(&read).await;
    assert!(!html.contains("Tämä on luonnos."));
    let r = anna.post_form(&read, &[("text", "Myöhässä")]).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let (_, html) = orderer.text(&p).await;
    assert!(html.contains("tallensi koosteen version"));

    // Only the supervisor and the facilitator edit.
    let coordinator = app.login("coordinator").await;
    let s = coordinator
        .post_form(&summary, &[("do", "state"), ("to", "draft"), ("base", "5")])
        .await
        .status();
    assert_eq!(s, StatusCode::FORBIDDEN);
    let outsider = app.login("outsider").await;
    assert_eq!(outsider.get(&summary).await.status(), StatusCode::NOT_FOUND);

    // The summary downloads as Markdown, Word and PDF.
    let (s, md) = orderer.text(&format!("{p}/summary.md")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(md.contains("# Koulun 8B") && md.contains("Mitä kuulimme"));
    assert!(md.contains("Seuraavaksi sovitaan tilojen käytöstä."));
    assert!(!md.contains("Anna"));
    for (ext, magic) in [("docx", &b"PK"[..]), ("pdf", &b"%PDF"[..])] {
        let r = orderer.get(&format!("{p}/summary.{ext}")).await;
        assert_eq!(r.status(), StatusCode::OK, "{ext}");
        let disposition = r.headers()["content-disposition"]
            .to_str()
            .expect("ascii")
            .to_owned();
        assert!(disposition.contains(&format!(".{ext}\"")), "{disposition}");
        let bytes = r.bytes().await.expect("body");
        assert!(bytes.starts_with(magic), "{ext}");
    }

    // Exports name no one and defuse formulas.
    let (s, notes) = orderer.text(&format!("{p}/export/notes.csv")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(notes.contains("Kahvihuone on liian pieni"));
    assert!(!notes.contains("Anna"), "no shown names in exports");
    assert!(notes.contains("\"'=HYPERLINK(\"\"http://x\"\")\""));
    let (_, json) = orderer.text(&format!("{p}/export/notes.json")).await;
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(parsed.as_array().map(Vec::len), Some(6));
    assert!(!json.contains("Anna") && !json.contains("participant"));
    let (_, practices) = orderer.text(&format!("{p}/export/practices.csv")).await;
    assert!(practices.contains("Vuorolistat kuukautta ennen") && practices.contains("develop"));
    let (_, themes) = orderer.text(&format!("{p}/export/themes.json")).await;
    let parsed: serde_json::Value = serde_json::from_str(&themes).expect("valid JSON");
    assert!(parsed.as_array().is_some_and(|a| !a.is_empty()));
    assert_eq!(
        outsider
            .get(&format!("{p}/export/notes.csv"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        orderer.get(&format!("{p}/export/other.csv")).await.status(),
        StatusCode::NOT_FOUND
    );
}

/// The draft's feedback counts only what the process page shows: a session's answers only
/// when at least five answered it, so a small session is neither shown nor added to a larger
/// one (where subtracting would reveal it).
#[tokio::test]
async fn the_drafts_feedback_leaves_out_sessions_below_five_answers() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let facilitator = app.login("facilitator").await;
    let orderer = app.login("orderer").await;
    // (answers of "I was heard") per session: four 1s, then five 4s.
    for (value, count) in [("1", 4), ("4", 5)] {
        let (run, code) = open_session(&app, &p).await;
        let lid = run.trim_end_matches("/run").to_owned();
        let mut phones = Vec::new();
        for _ in 0..count {
            phones.push(join(&app, &code, &[("lang", "fi")]).await.0);
        }
        facilitator
            .post_form(&format!("{lid}/control"), &[("do", "feedback_open")])
            .await;
        for phone in &phones {
            let r = phone
                .post_form(
                    &format!("{lid}/feedback"),
                    &[("q0", value), ("q1", ""), ("q2", ""), ("q3", "")],
                )
                .await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
        }
        let r = facilitator
            .post_form(&format!("{lid}/control"), &[("do", "close")])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let r = facilitator
        .post_form(&format!("{p}/transition"), &[("to", "start_summary")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let summary = format!("{p}/summary");
    let r = orderer
        .post_form(&summary, &[("do", "draft"), ("base", "")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = orderer.text(&summary).await;
    assert!(
        html.contains("Osio 1: Minua kuultiin. 4,0/5 (5 vastausta)"),
        "only the session of five: {html}"
    );
    assert!(!html.contains("9 vastausta") && !html.contains("3.0/5"));
}

/// The edit form's block fields as the page holds them: (`b<i>`, text).
fn block_fields(html: &str) -> Vec<(String, String)> {
    let count = html.matches("name=\"drop").count();
    (0..count)
        .map(|i| {
            let key = format!("id=\"b{i}\" name=\"b{i}\"");
            let at = html.find(&key).expect("a field per block");
            let tag = &html[html[..at].rfind('<').expect("tag")..];
            let text = if tag.starts_with("<input") {
                let v = &tag[tag.find("value=\"").expect("value") + "value=\"".len()..];
                v[..v.find('"').expect("quoted")].to_owned()
            } else {
                let open = tag.find('>').expect("tag") + 1;
                tag[open..open + tag[open..].find("</textarea>").expect("closing")].to_owned()
            };
            (format!("b{i}"), text)
        })
        .collect()
}

/// The index of the first block whose field holds `text`.
fn block_index(fields: &[(String, String)], text: &str) -> usize {
    fields
        .iter()
        .position(|(_, v)| v == text)
        .unwrap_or_else(|| panic!("a block {text}"))
}

#[tokio::test]
async fn the_editor_is_the_document_and_previews_and_saves_without_losing_a_word() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (_, code) = open_session(&app, &p).await;
    let facilitator = app.login("facilitator").await;
    let orderer = app.login("orderer").await;
    let (phone, page) = join(&app, &code, &[("lang", "fi")]).await;
    for t in [
        "Kahvihuone on liian pieni",
        "Kahvihuoneeseen lisää tuoleja",
        "Kahvihuone on tauoilla täynnä",
    ] {
        write(&phone, &page, t).await;
    }
    facilitator
        .post_form(&format!("{p}/themes/process/propose"), &[])
        .await;
    facilitator
        .post_form(&format!("{p}/transition"), &[("to", "start_summary")])
        .await;
    let summary = format!("{p}/summary");
    let (_, html) = orderer.text(&summary).await;
    assert_eq!(html.matches("class=\"primary\"").count(), 1);
    assert!(html.contains("value=\"draft\"><input type=\"hidden\" name=\"base\" value=\"\">\n  <button type=\"submit\" class=\"primary\">"));
    orderer
        .post_form(&summary, &[("do", "draft"), ("base", "")])
        .await;
    let (_, html) = orderer.text(&summary).await;

    // Laid out as it reads: headings as headings, each part labelled by its section.
    assert!(html.contains("class=\"summary-doc\""));
    assert!(html.contains(">Väliotsikko</label>"));
    assert!(html.contains(">Kappale 1: Mitä seuraavaksi</label>"));
    assert!(!html.contains(">Otsikko 1") && !html.contains(">Kappale 3<"));
    assert_eq!(
        html.matches("class=\"primary\"").count(),
        1,
        "one primary action"
    );
    assert!(html.contains("name=\"do\" value=\"save\" class=\"primary\""));
    let v1 = version_of(&html);
    let mut fields = block_fields(&html);
    let next = block_index(
        &fields,
        "Kerro tässä, miten koostetta ja käytäntöjä käytetään jatkossa.",
    );
    fields[next].1 = "Sovimme tilojen käytöstä\nkesäkuussa.".to_owned();
    fields.push(("new".into(), "Kiitos kaikille.".into()));
    fields.push(("base".into(), v1.clone()));
    let with = |action: &str| {
        let mut f = fields.clone();
        f.push(("do".into(), action.into()));
        f
    };
    let refs = |f: &[(String, String)]| -> Vec<(String, String)> { f.to_vec() };
    let post = |f: Vec<(String, String)>| {
        let orderer = &orderer;
        let summary = &summary;
        async move {
            let r: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            orderer.post_form(summary, &r).await
        }
    };

    // The preview reads like the published summary and saves nothing.
    let r = post(refs(&with("preview"))).await;
    assert_eq!(r.status(), StatusCode::OK);
    let preview = r.text().await.expect("body");
    assert!(preview.contains("Esikatselu: näin kooste luetaan"));
    assert!(preview.contains("<h2>Mitä seuraavaksi</h2>"));
    assert!(preview.contains("<p dir=\"auto\">Kiitos kaikille.</p>"));
    assert!(
        preview.contains("lähdemuistiinpano"),
        "with what it rests on"
    );
    assert!(preview.contains("name=\"new\" value=\"Kiitos kaikille.\""));
    let (_, now) = orderer.text(&summary).await;
    assert_eq!(version_of(&now), v1, "a preview saves nothing");

    // Back to editing from the preview: every word as typed, the line break too.
    let carried: Vec<(String, String)> = preview
        .match_indices("<input type=\"hidden\" name=\"")
        .map(|(i, m)| {
            let rest = &preview[i + m.len()..];
            let name = &rest[..rest.find('"').expect("name")];
            let v = &rest[rest.find("value=\"").expect("value") + "value=\"".len()..];
            (
                name.to_owned(),
                v[..v.find('"').expect("quoted")].to_owned(),
            )
        })
        .filter(|(k, _)| k != "csrf")
        .collect();
    let mut back = carried.clone();
    back.push(("do".into(), "edit".into()));
    let r = post(back).await;
    assert_eq!(r.status(), StatusCode::OK);
    let editor = r.text().await.expect("body");
    assert!(editor.contains(">Sovimme tilojen käytöstä\nkesäkuussa.</textarea>"));
    assert!(editor.contains(">Kiitos kaikille.</textarea>"));

    // A heading left empty: refused, and everything typed stays.
    let mut bad = with("save");
    bad[0].1 = String::new();
    let r = post(bad).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.expect("body");
    assert!(body.contains("Kohta 1:"));
    assert!(body.contains(">Sovimme tilojen käytöstä\nkesäkuussa.</textarea>"));
    assert!(body.contains(">Kiitos kaikille.</textarea>"));

    // Saved from the preview.
    let mut save = carried.clone();
    save.push(("do".into(), "save".into()));
    let r = post(save).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = orderer.text(&summary).await;
    assert!(html.contains(">Sovimme tilojen käytöstä\nkesäkuussa.</textarea>"));
    assert!(html.contains(">Kiitos kaikille.</textarea>"));

    // A state button saves the text typed with it.
    let v2 = version_of(&html);
    let mut fields = block_fields(&html);
    let last = fields.len() - 1;
    fields[last].1 = "Kiitos kaikille, nähdään syksyllä.".into();
    fields.push(("base".into(), v2.clone()));
    fields.push(("do".into(), "to:review".into()));
    let r = post(fields.clone()).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = orderer.text(&summary).await;
    assert!(html.contains("osallistujien kommentoitavana"));
    assert!(html.contains(">Kiitos kaikille, nähdään syksyllä.</textarea>"));

    // Typed on a page that a newer version overtook: refused, the text shown to copy.
    fields[last].1 = "Myöhästynyt lisäys.".into();
    let r = post(fields).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let body = r.text().await.expect("body");
    assert!(body.contains("Kirjoittamasi teksti, jota ei tallennettu"));
    assert!(body.contains("<p dir=\"auto\" class=\"unsaved\">Myöhästynyt lisäys.</p>"));
}
