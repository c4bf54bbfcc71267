//! Themes over HTTP: a proposal from the notes of a session, curation with versions, the
//! confirmation before a curated set is replaced, themes taken to a phase 2 session, and who
//! may do what.

use crate::helpers::*;
use crate::live::{join, open_session, process_in_phase1, write};
use crate::permissions::process_in_phase2;
use reqwest::StatusCode;

const NOTES: &[&str] = &[
    "Kahvihuone on liian pieni, ei mahdu istumaan",
    "Kahvihuoneeseen tarvittais lisää tuoleja",
    "Kahvihuoneen jääkaappi on aina täynnä",
    "Kahvihuone vois olla viihtyisämpi",
    "Tauoilla kahvihuone on ihan tupaten täynnä",
    "Vuorolistat tulee liian myöhään",
    "Vuorolistojen muutokset tulee viime tingassa",
    "Vuorolista pitäis saada kuukautta ennen",
    "Vuorolistojen vaihdot on hankalia sopia",
    "Vuorolistassa ei huomioida toiveita",
    "Perehdytys uusille jää puolitiehen",
    "Uusien perehdytys vaatii enemmän aikaa",
    "Perehdytyksessä ei ole selvää kansiota",
    "Perehdytys on jokaisen oman jaksamisen varassa",
    "Perehdytykseen kaivataan nimettyä vastuuhenkilöä",
];

/// A theme's number (its id in the set) from the theme page: the id of the heading that shows
/// `label`.
fn theme_number(html: &str, label: &str) -> String {
    let at = html
        .find(&format!("\">{label} <span"))
        .unwrap_or_else(|| panic!("theme {label} on the page"));
    let key = "<h2 id=\"theme-";
    let start = html[..at].rfind(key).expect("its heading") + key.len();
    html[start..at].to_owned()
}

/// The ids of the notes whose check boxes show these texts.
fn note_ids(html: &str, texts: &[&str]) -> Vec<String> {
    texts
        .iter()
        .map(|t| {
            let at = html
                .find(&format!(">{t}</label>"))
                .unwrap_or_else(|| panic!("{t} on the page"));
            let key = "name=\"note\" value=\"";
            let start = html[..at].rfind(key).expect("its check box") + key.len();
            html[start..start + 36].to_owned()
        })
        .collect()
}

/// The first theme's heading text, without its count.
fn first_label(html: &str) -> String {
    let h = html.find("<h2 id=\"theme-").expect("a theme");
    let start = html[h..].find('>').expect("heading") + h + 1;
    html[start..start + html[start..].find(" <span").expect("count")].to_owned()
}

fn version_of(html: &str) -> String {
    let start = html
        .find("name=\"base\" value=\"")
        .expect("a curation form")
        + "name=\"base\" value=\"".len();
    html[start..start + html[start..].find('"').expect("quoted")].to_owned()
}

#[tokio::test]
async fn themes_are_proposed_curated_versioned_and_taken_to_a_session() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let lid = run.trim_end_matches("/run").to_owned();
    let facilitator = app.login("facilitator").await;
    let (phone, page) = join(&app, &code, &[("lang", "fi")]).await;
    let (named, _) = join(
        &app,
        &code,
        &[("lang", "fi"), ("show_name", "yes"), ("name", "Aino")],
    )
    .await;
    for (i, text) in NOTES.iter().enumerate() {
        // Ten notes a minute is the limit of one phone; two phones share the work.
        let who = if i % 2 == 0 { &phone } else { &named };
        assert_eq!(
            write(who, &page, text).await.status(),
            StatusCode::SEE_OTHER
        );
    }
    let session_scope = format!("session-{}", lid.trim_start_matches("/live/"));
    let themes = format!("{p}/themes/{session_scope}");

    // The process page leads to the themes; there are none yet.
    let (_, html) = facilitator.text(&p).await;
    assert!(html.contains(&format!("{p}/themes/process")));
    let (s, html) = facilitator.text(&themes).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Tässä on 15 muistiinpanoa."));
    assert!(html.contains("Teemoja ei ole vielä."));

    // One click: a proposal, each note in exactly one place, labels in the notes' own words.
    let r = facilitator
        .post_form(&format!("{themes}/propose"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = facilitator.text(&themes).await;
    assert!(html.contains("versio 1") && html.contains("koneen ehdotus"));
    for n in NOTES {
        let shown = html.matches(&format!(">{n}</label>")).count()
            + html.matches(&format!(">{n}</span>")).count();
        assert_eq!(shown, 1, "{n} is in one theme or unsorted");
    }
    assert!(html.contains("Kuvaavimmat muistiinpanot"));
    // Labels are made of the notes' own words: the topics show in the headings.
    let headings: Vec<String> = html
        .match_indices("<h2 id=\"theme-")
        .map(|(i, _)| {
            let h = &html[i..];
            let start = h.find('>').expect("heading") + 1;
            h[start..h.find(" <span").expect("count")].to_lowercase()
        })
        .collect();
    assert!(headings.len() >= 2, "{headings:?}");
    // Each word of a heading is a word of the notes, the base form of one (Voikko's, where it
    // is installed), or the "ja" that joins two.
    let all_notes = NOTES.join(" ").to_lowercase();
    let bases: Vec<String> = vuoro_voikko::shared()
        .map(|v| {
            use vuoro_text::lemma::Lemmatizer;
            vuoro_text::tokenize(&all_notes)
                .iter()
                .filter_map(|w| v.lemma(w))
                .map(|l| l.base)
                .collect()
        })
        .unwrap_or_default();
    for word in headings.iter().flat_map(|h| h.split_whitespace()) {
        assert!(
            word == "ja" || all_notes.contains(word) || bases.iter().any(|b| b == word),
            "{word} is a word of the notes or its base form"
        );
    }
    assert!(
        ["kahvihuone", "vuorolist", "perehdyt"]
            .iter()
            .any(|w| headings.iter().any(|h| h.contains(*w))),
        "{headings:?}"
    );
    assert!(
        html.contains("<span class=\"note-name\"><bdi>Aino</bdi></span>"),
        "a chosen name is shown"
    );

    // Curation: rename the first theme; a stale page's change is refused and loses nothing.
    let first_heading = html.find("<h2 id=\"theme-").expect("a theme");
    let label_start = html[first_heading..].find('>').expect("heading") + first_heading + 1;
    let label =
        &html[label_start..label_start + html[label_start..].find(" <span").expect("count")];
    let t1 = theme_number(&html, label);
    let v1 = version_of(&html);
    let r = facilitator
        .post_form(
            &themes,
            &[
                ("base", &v1),
                ("do", "rename"),
                ("theme", &t1),
                ("label", "Arjen sujuvuus"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = facilitator
        .post_form(
            &themes,
            &[
                ("base", &v1),
                ("do", "rename"),
                ("theme", &t1),
                ("label", "Vanha sivu"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let html = r.text().await.expect("body");
    assert!(html.contains("Joku muu muokkasi teemoja samaan aikaan."));
    assert!(html.contains("Arjen sujuvuus") && !html.contains(">Vanha sivu"));
    assert!(html.contains("versio 2") && html.contains("muokattu"));

    // Split two notes off into their own theme, then move one back.
    let v2 = version_of(&html);
    let split_from = theme_number(&html, "Arjen sujuvuus");
    let section = &html[html.find("Arjen sujuvuus").expect("renamed")..];
    // The split form's checkboxes (each note also has a move form naming it).
    let ids: Vec<String> = section
        .match_indices("type=\"checkbox\" name=\"note\" value=\"")
        .take(2)
        .map(|(i, m)| section[i + m.len()..i + m.len() + 36].to_owned())
        .collect();
    let r = facilitator
        .post_form(
            &themes,
            &[
                ("base", &v2),
                ("do", "split"),
                ("theme", &split_from),
                ("label", "Erotettu"),
                ("note", &ids[0]),
                ("note", &ids[1]),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = facilitator.text(&themes).await;
    assert!(html.contains(">Erotettu <span class=\"muted\">(2 muistiinpanoa)"));
    let v3 = version_of(&html);
    let r = facilitator
        .post_form(
            &themes,
            &[
                ("base", &v3),
                ("do", "move"),
                ("note", &ids[0]),
                ("to", &split_from),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = facilitator.text(&themes).await;
    assert!(html.contains(">Erotettu <span class=\"muted\">(1 muistiinpano)"),);
    // A label may not be empty.
    let v4 = version_of(&html);
    let r = facilitator
        .post_form(
            &themes,
            &[
                ("base", &v4),
                ("do", "rename"),
                ("theme", &split_from),
                ("label", " "),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.expect("body").contains("Anna teemalle nimi"));

    // A new proposal asks first, because the themes were curated; the curation stays readable.
    let r = facilitator
        .post_form(&format!("{themes}/propose"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Korvataanko muokatut teemat?")
    );
    let (_, html) = facilitator.text(&themes).await;
    assert!(
        html.contains("Arjen sujuvuus"),
        "nothing replaced without a yes"
    );
    let r = facilitator
        .post_form(&format!("{themes}/propose"), &[("confirm", "yes")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = facilitator.text(&themes).await;
    assert!(!html.contains("Arjen sujuvuus") && html.contains("koneen ehdotus"));
    let (_, old) = facilitator.text(&format!("{themes}/versions/4")).await;
    assert!(old.contains("Tämä on teemojen versio 4.") && old.contains("Arjen sujuvuus"));
    assert!(
        !old.contains("name=\"base\""),
        "an old version is read only"
    );
    let (_, process_page) = facilitator.text(&p).await;
    assert!(process_page.contains("muokkasi teemoja (versio 2)"));

    // Chosen themes become the session's café tables in one step (the page offers it from
    // phase 2 on; a phase 1 session may take them too).
    let chosen: Vec<String> = html
        .match_indices("<h2 id=\"theme-")
        .map(|(i, m)| {
            let v = &html[i + m.len()..];
            v[..v.find('"').expect("quoted")].to_owned()
        })
        .collect();
    assert!(chosen.len() >= 2, "two themes or more");
    let live_id = lid.trim_start_matches("/live/").to_owned();
    let mut fields = vec![("live", live_id.clone()), ("as", "cafe".to_owned())];
    fields.extend(chosen.iter().take(2).map(|t| ("theme", t.clone())));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = facilitator
        .post_form(&format!("{themes}/to-session"), &fields)
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), run);
    let setup = run.replace("/run", "/setup");
    let (_, board) = facilitator.text(&setup).await;
    assert_eq!(
        board.matches("class=\"table-box table-colour-").count(),
        2,
        "two tables"
    );
    // And as open-space topics, set up and placed at once.
    let mut fields = vec![("live", live_id.clone()), ("as", "open_space".to_owned())];
    fields.extend(chosen.iter().map(|t| ("theme", t.clone())));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = facilitator
        .post_form(&format!("{themes}/to-session"), &fields)
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, board) = facilitator.text(&setup).await;
    assert_eq!(
        board.matches("class=\"topic\"").count(),
        chosen.len(),
        "a topic per theme"
    );
    assert!(board.contains("Kierros 1 · Tila 1"));
}

#[tokio::test]
async fn only_the_facilitator_curates_themes_and_strangers_see_nothing() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let (phone, page) = join(&app, &code, &[("lang", "fi")]).await;
    write(&phone, &page, "Meillä on hyvä yhteishenki").await;
    let facilitator = app.login("facilitator").await;
    let themes = format!("{p}/themes/process");
    facilitator
        .post_form(&format!("{themes}/propose"), &[])
        .await;
    let (_, html) = facilitator.text(&themes).await;
    assert!(html.contains("Meillä on hyvä yhteishenki"));

    // The orderer and the coordinator read the themes but do not curate them in phase 1.
    for who in ["orderer", "coordinator"] {
        let b = app.login(who).await;
        let (s, html) = b.text(&themes).await;
        assert_eq!(s, StatusCode::OK, "{who}");
        assert!(
            !html.contains("name=\"base\""),
            "{who} gets no curation forms"
        );
        let s = b
            .post_form(&format!("{themes}/propose"), &[])
            .await
            .status();
        assert_eq!(s, StatusCode::FORBIDDEN, "{who}");
        let s = b
            .post_form(&themes, &[("base", "1"), ("do", "remove"), ("theme", "1")])
            .await
            .status();
        assert_eq!(s, StatusCode::FORBIDDEN, "{who}");
    }
    for who in ["facilitator2", "outsider", "admin"] {
        let b = app.login(who).await;
        assert_eq!(
            b.get(&themes).await.status(),
            StatusCode::NOT_FOUND,
            "{who}"
        );
        let s = b
            .post_form(&format!("{themes}/propose"), &[])
            .await
            .status();
        assert_eq!(s, StatusCode::NOT_FOUND, "{who}");
    }
    // A participant's phone is not a staff screen.
    assert_eq!(phone.get(&themes).await.status(), StatusCode::SEE_OTHER);
    // Unknown scopes and versions are not found.
    for path in [
        format!("{p}/themes/phase-0"),
        format!("{p}/themes/session-nonsense"),
        format!("{themes}/versions/9"),
    ] {
        assert_eq!(
            facilitator.get(&path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    // Themes go only to this process's own open sessions.
    let other = process_in_phase1(&app).await;
    let (other_run, _) = open_session(&app, &other).await;
    let other_live = other_run
        .trim_start_matches("/live/")
        .trim_end_matches("/run");
    let s = facilitator
        .post_form(
            &format!("{themes}/to-session"),
            &[("live", other_live), ("as", "cafe"), ("theme", "1")],
        )
        .await
        .status();
    assert_eq!(s, StatusCode::NOT_FOUND);
    let _ = run;
}

/// The body of the first `<section …>` after `marker`, up to its `</section>`.
fn section_after<'a>(html: &'a str, marker: &str) -> &'a str {
    let at = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} on the page"));
    let rest = &html[at..];
    &rest[..rest.find("</section>").expect("closed")]
}

/// The run of a Good Practices Dialogue that found the fault: Finnish notes, and a few Swedish
/// and Arabic ones. One "theme" held every Swedish and Arabic note, whatever it said; its label
/// was a word form ("asiakkaan kollegan").
#[tokio::test]
async fn a_theme_is_never_a_language_and_few_notes_of_a_language_wait_to_be_placed() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let lid = run
        .trim_end_matches("/run")
        .trim_start_matches("/live/")
        .to_owned();
    let facilitator = app.login("facilitator").await;
    let (fi1, page_fi1) = join(&app, &code, &[("lang", "fi")]).await;
    let (fi2, page_fi2) = join(&app, &code, &[("lang", "fi")]).await;
    for (i, text) in NOTES.iter().enumerate() {
        let (who, page) = if i % 2 == 0 {
            (&fi1, &page_fi1)
        } else {
            (&fi2, &page_fi2)
        };
        assert_eq!(write(who, page, text).await.status(), StatusCode::SEE_OTHER);
    }
    const SWEDISH: [&str; 3] = [
        "Kafferummet är för litet för oss alla",
        "Arbetsschemat kommer alltid för sent",
        "Introduktionen av nya tar för lite tid",
    ];
    const ARABIC: [&str; 2] = ["غرفة القهوة صغيرة جدا", "جدول العمل يصل متأخرا دائما"];
    let (sv, page_sv) = join(&app, &code, &[("lang", "sv")]).await;
    for text in SWEDISH {
        assert_eq!(
            write(&sv, &page_sv, text).await.status(),
            StatusCode::SEE_OTHER
        );
    }
    let (ar, page_ar) = join(&app, &code, &[("lang", "ar")]).await;
    for text in ARABIC {
        assert_eq!(
            write(&ar, &page_ar, text).await.status(),
            StatusCode::SEE_OTHER
        );
    }

    let themes = format!("{p}/themes/session-{lid}");
    let r = facilitator
        .post_form(&format!("{themes}/propose"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = facilitator.text(&themes).await;

    // Every theme holds Finnish notes only, and its heading is a capitalised base form.
    let mut theme_count = 0;
    for (at, _) in html.match_indices("<section class=\"card theme\"") {
        theme_count += 1;
        let theme = &html[at..at + html[at..].find("</section>").expect("closed")];
        for text in SWEDISH.iter().chain(&ARABIC) {
            assert!(!theme.contains(text), "{text} is in a theme:\n{theme}");
        }
        let h = &theme[theme.find("<h2").expect("heading")..];
        let heading = &h[h.find('>').expect("tag") + 1..h.find(" <span").expect("count")];
        assert!(
            heading.chars().next().is_some_and(char::is_uppercase),
            "{heading}"
        );
    }
    assert!(theme_count >= 2, "{html}");

    // The Swedish and Arabic notes wait per language, each with its text and a check box that
    // the curation form's buttons place in a theme.
    let unplaced = section_after(&html, "aria-labelledby=\"unsorted\"");
    assert!(
        unplaced.contains("Kieli: ruotsi (3 muistiinpanoa)"),
        "{unplaced}"
    );
    assert!(
        unplaced.contains("Kieli: arabia (2 muistiinpanoa)"),
        "{unplaced}"
    );
    assert!(unplaced.contains("liian vähän muistiinpanoja omiksi teemoikseen"));
    for text in SWEDISH.iter().chain(&ARABIC) {
        assert!(unplaced.contains(&format!(">{text}</label>")), "{text}");
    }
    assert!(unplaced.contains("lang=\"ar\" dir=\"rtl\">"));
    assert!(unplaced.contains("type=\"checkbox\" name=\"note\""));

    // Placing one by hand: the Swedish note on the coffee room goes to the first theme.
    let base = version_of(&html);
    let first = &html[html.find("<section class=\"card theme\"").expect("a theme")..];
    let theme_id = {
        let v = &first[first.find("value=\"here:").expect("theme id") + 12..];
        v[..v.find('"').expect("quoted")].to_owned()
    };
    let note_id = {
        let at = unplaced.find(SWEDISH[0]).expect("the note");
        let li = &unplaced[unplaced[..at].rfind("<li>").expect("its item")..];
        let v = &li[li.find("name=\"note\" value=\"").expect("its check box") + 19..];
        v[..v.find('"').expect("quoted")].to_owned()
    };
    let r = facilitator
        .post_form(
            &themes,
            &[
                ("base", &base),
                ("do", &format!("here:{theme_id}")),
                ("note", &note_id),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = facilitator.text(&themes).await;
    let first = section_after(&html, "<section class=\"card theme\"");
    assert!(first.contains(SWEDISH[0]), "{first}");
    let unplaced = section_after(&html, "aria-labelledby=\"unsorted\"");
    assert!(
        unplaced.contains("Kieli: ruotsi (2 muistiinpanoa)"),
        "{unplaced}"
    );
}

/// A process in phase 1 with the notes of one session, its themes proposed: the facilitator,
/// the themes page and its HTML.
async fn proposed(app: &TestApp) -> (Browser, String, String) {
    let p = process_in_phase1(app).await;
    let (_, code) = open_session(app, &p).await;
    let facilitator = app.login("facilitator").await;
    let (a, page) = join(app, &code, &[("lang", "fi")]).await;
    let (b, _) = join(app, &code, &[("lang", "fi")]).await;
    for (i, text) in NOTES.iter().enumerate() {
        let who = if i % 2 == 0 { &a } else { &b };
        assert_eq!(
            write(who, &page, text).await.status(),
            StatusCode::SEE_OTHER
        );
    }
    let themes = format!("{p}/themes/process");
    let r = facilitator
        .post_form(&format!("{themes}/propose"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = facilitator.text(&themes).await;
    (facilitator, themes, html)
}

#[tokio::test]
async fn chosen_notes_move_at_once_and_the_page_returns_to_where_they_went() {
    let app = spawn().await;
    let (facilitator, themes, html) = proposed(&app).await;
    // One form with a check box per note, no select and button per note.
    assert_eq!(
        html.matches(&format!("<form method=\"post\" action=\"{themes}"))
            .count(),
        1,
        "the curation is one form"
    );
    assert_eq!(
        html.matches("type=\"checkbox\" name=\"note\"").count(),
        NOTES.len()
    );
    assert!(
        !html.contains("name=\"note\" value=\"\""),
        "no per-note move form"
    );
    let target_label = first_label(&html);
    let target = theme_number(&html, &target_label);
    let v1 = version_of(&html);
    // Three notes from wherever they are, and a name typed into the target's field meanwhile.
    let picked = note_ids(&html, &[NOTES[0], NOTES[6], NOTES[12]]);
    let typed = format!("label-{target}");
    let mut fields = vec![
        ("base", v1.clone()),
        ("do", format!("here:{target}")),
        (typed.as_str(), "Arjen asiat".to_owned()),
    ];
    fields.extend(picked.iter().map(|n| ("note", n.clone())));
    let fields_ref: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = facilitator.post_form(&themes, &fields_ref).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&r),
        format!("{themes}#theme-{target}"),
        "back where the notes went"
    );
    let (_, html) = facilitator.text(&themes).await;
    assert_eq!(theme_number(&html, "Arjen asiat"), target, "renamed too");
    let section = &html[html
        .find(&format!("<h2 id=\"theme-{target}\""))
        .expect("theme")..];
    let section = &section[..section.find("</section>").expect("end")];
    for n in [NOTES[0], NOTES[6], NOTES[12]] {
        assert!(section.contains(&format!(">{n}</label>")), "{n} moved");
    }

    // Into a new theme: it gets a name, and the page returns to it.
    let v2 = version_of(&html);
    let picked = note_ids(&html, &[NOTES[1], NOTES[2]]);
    let r = facilitator
        .post_form(
            &themes,
            &[
                ("base", &v2),
                ("do", "move_chosen"),
                ("to", "new"),
                ("label", "Tuolit ja tila"),
                ("note", &picked[0]),
                ("note", &picked[1]),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = facilitator.text(&themes).await;
    let new = theme_number(&html, "Tuolit ja tila");
    assert_eq!(location(&r), format!("{themes}#theme-{new}"));
    assert!(html.contains(">Tuolit ja tila <span class=\"muted\">(2 muistiinpanoa)"));

    // Nothing chosen: refused, and what was typed stays, the names and the new theme's name.
    let v3 = version_of(&html);
    let r = facilitator
        .post_form(
            &themes,
            &[
                ("base", &v3),
                ("do", "move_chosen"),
                ("to", "new"),
                ("label", "Kesken kirjoitettu"),
                (&format!("label-{new}"), "Tuolit, tila ja valo"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.expect("body");
    assert!(body.contains("Valitse ensin muistiinpanot."));
    assert!(body.contains("value=\"Kesken kirjoitettu\""));
    assert!(body.contains("value=\"Tuolit, tila ja valo\""));
    let (_, html) = facilitator.text(&themes).await;
    assert_eq!(version_of(&html), v3, "nothing saved");

    // A theme's own rename button takes the name from its own field.
    let r = facilitator
        .post_form(
            &themes,
            &[
                ("base", &v3),
                ("do", &format!("rename:{new}")),
                (&format!("label-{new}"), "Tuolit ja tilat"),
                ("label", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), format!("{themes}#theme-{new}"));
    let (_, html) = facilitator.text(&themes).await;
    assert_eq!(theme_number(&html, "Tuolit ja tilat"), new);
    let v3 = version_of(&html);

    // Enter in the new theme's name field sends "save" with it: the name still makes the theme.
    let picked = note_ids(&html, &[NOTES[4]]);
    let r = facilitator
        .post_form(
            &themes,
            &[
                ("base", &v3),
                ("do", "save"),
                ("to", ""),
                ("label", "Enterillä tehty"),
                ("note", &picked[0]),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = facilitator.text(&themes).await;
    assert!(html.contains(">Enterillä tehty <span class=\"muted\">(1 muistiinpano)"));
    let v3 = version_of(&html);

    // To the unsorted notes, and the page returns there.
    let picked = note_ids(&html, &[NOTES[3]]);
    let r = facilitator
        .post_form(
            &themes,
            &[
                ("base", &v3),
                ("do", "move_chosen"),
                ("to", ""),
                ("note", &picked[0]),
            ],
        )
        .await;
    assert_eq!(location(&r), format!("{themes}#unsorted"));
    let (_, html) = facilitator.text(&themes).await;
    let unsorted = &html[html.find("<h2 id=\"unsorted\"").expect("unsorted notes")..];
    assert!(unsorted.contains(&format!(">{}</label>", NOTES[3])));
}

#[tokio::test]
async fn removing_a_theme_asks_first_and_keeps_what_was_typed() {
    let app = spawn().await;
    let (facilitator, themes, html) = proposed(&app).await;
    let label = first_label(&html);
    let t = theme_number(&html, &label);
    let v = version_of(&html);
    assert!(
        html.contains(&format!(
            "name=\"do\" value=\"remove:{t}\" class=\"small danger\""
        )),
        "the remove button looks destructive"
    );
    let typed_field = format!("label-{t}");
    let r = facilitator
        .post_form(
            &themes,
            &[
                ("base", &v),
                ("do", &format!("remove:{t}")),
                (&typed_field, "Nimi kesken"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK, "asks, saves nothing");
    let body = r.text().await.expect("body");
    assert!(body.contains(&format!("Poistetaanko teema ”{label}”?")));
    assert!(body.contains("siirtyvät lajittelemattomiin; mitään ei poisteta"));
    assert!(body.contains(&format!("value=\"remove_yes:{t}\" class=\"danger\"")));
    assert!(
        body.contains("value=\"Nimi kesken\""),
        "the typed name stays"
    );
    let (_, now) = facilitator.text(&themes).await;
    assert_eq!(version_of(&now), v, "nothing saved by asking");
    assert!(now.contains(&format!("<h2 id=\"theme-{t}\"")));

    // "Keep it" saves the typed name and removes nothing.
    let r = facilitator
        .post_form(
            &themes,
            &[("base", &v), ("do", "save"), (&typed_field, "Nimi kesken")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = facilitator.text(&themes).await;
    assert_eq!(theme_number(&html, "Nimi kesken"), t);

    // Yes: the theme goes, its notes wait unsorted, and the page shows them.
    let v = version_of(&html);
    let r = facilitator
        .post_form(&themes, &[("base", &v), ("do", &format!("remove_yes:{t}"))])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), format!("{themes}#unsorted"));
    let (_, html) = facilitator.text(&themes).await;
    assert!(!html.contains(&format!("<h2 id=\"theme-{t}\"")));
    assert!(html.contains("<h2 id=\"unsorted\""));
    for n in NOTES {
        let shown = html.matches(&format!(">{n}</label>")).count();
        assert_eq!(shown, 1, "{n} is still on the page once");
    }
}

#[tokio::test]
async fn in_phase_2_the_themes_lead_on_from_the_top_to_a_planned_session() {
    let app = spawn().await;
    let p = process_in_phase2(&app).await;
    let facilitator = app.login("facilitator").await;
    // Phase 1's session was held (opened and closed) before; its notes are the themes'.
    let r = facilitator
        .post_form(&format!("{p}/sessions/1/open"), &[])
        .await;
    let run = location(&r);
    let (_, board) = facilitator.text(&run).await;
    let code = board[board.find("/join/").expect("code") + "/join/".len()..][..6].to_owned();
    let (phone, page) = join(&app, &code, &[("lang", "fi")]).await;
    for text in &NOTES[..10] {
        assert_eq!(
            write(&phone, &page, text).await.status(),
            StatusCode::SEE_OTHER
        );
    }
    let lid = run.trim_end_matches("/run");
    let r = facilitator
        .post_form(&format!("{lid}/control"), &[("do", "close")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let themes = format!("{p}/themes/process");
    facilitator
        .post_form(&format!("{themes}/propose"), &[])
        .await;

    // Before any phase 2 session is open, the way on is at the top and is the primary action.
    let (_, html) = facilitator.text(&themes).await;
    assert_eq!(
        html.matches("class=\"primary\"").count(),
        1,
        "one primary action"
    );
    let onward = html
        .find("id=\"h-to-session\"")
        .expect("the way on to phase 2");
    let first_theme = html.find("<section class=\"card theme\"").expect("a theme");
    assert!(onward < first_theme, "the way on comes before the themes");
    let primary = html.find("class=\"primary\"").expect("primary");
    assert!(
        html[..primary].contains("/to-session") && onward < primary,
        "the primary action takes the themes on"
    );
    assert!(html.contains("<option value=\"plan:2\">Käytännöt (avataan nyt)</option>"));
    let v = version_of(&html);
    let chosen: Vec<String> = html
        .match_indices("type=\"checkbox\" name=\"theme\" value=\"")
        .map(|(i, m)| {
            let v = &html[i + m.len()..];
            v[..v.find('"').expect("quoted")].to_owned()
        })
        .collect();
    assert!(chosen.len() >= 2);
    let first = first_label(&html);
    let t = theme_number(&html, &first);
    let typed = format!("label-{t}");
    let mut fields = vec![
        ("base", v.as_str()),
        ("live", "plan:2"),
        ("as", "cafe"),
        (typed.as_str(), "Vuorot ajoissa"),
    ];
    fields.extend(chosen.iter().map(|c| ("theme", c.as_str())));
    let r = facilitator
        .post_form(&format!("{themes}/to-session"), &fields)
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let run2 = location(&r);
    assert!(
        run2.starts_with("/live/") && run2 != run,
        "a new session opened: {run2}"
    );
    // The café's tables are laid out on the session's set-up view.
    let setup = run2.replace("/run", "/setup");
    let (_, board) = facilitator.text(&setup).await;
    assert_eq!(
        board.matches("class=\"table-box table-colour-").count(),
        chosen.len(),
        "a table per theme"
    );
    assert!(
        board.contains("Vuorot ajoissa"),
        "the name typed on the way is a table's"
    );
    // Now the open session is offered, not opened again.
    let (_, html) = facilitator.text(&themes).await;
    assert!(html.contains("Käytännöt (käynnissä)"));
    assert!(!html.contains("value=\"plan:2\""));
    // A phase 1 session does not open from here.
    let r = facilitator
        .post_form(
            &format!("{themes}/to-session"),
            &[("live", "plan:1"), ("as", "cafe"), ("theme", &chosen[0])],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn in_phase_1_the_themes_page_says_where_phase_2_starts() {
    let app = spawn().await;
    let (_, _, html) = proposed(&app).await;
    assert!(
        !html.contains("id=\"h-to-session\""),
        "no way on before phase 2"
    );
    assert!(html.contains("Osio 2 aloitetaan prosessin sivulta"));
    assert_eq!(
        html.matches("class=\"primary\"").count(),
        1,
        "saving is the primary action"
    );
    assert!(html.contains("name=\"do\" value=\"save\" class=\"primary\""));
}
