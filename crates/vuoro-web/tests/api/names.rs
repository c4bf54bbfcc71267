//! Names people give (a phone's shown name, staff, organisations, units) cannot carry the
//! bidirectional controls that reorder the text around them, and pages isolate every name.

use crate::helpers::*;
use crate::live::{join, open_session, process_in_phase1, write};
use reqwest::StatusCode;

/// U+202E (right-to-left override) and U+2066 (left-to-right isolate), as an attacker typed them
/// to make a board read something else.
const TRICK: &str = "\u{202E}\u{2066}";

#[tokio::test]
async fn a_shown_name_reaches_the_board_without_bidi_controls_and_isolated() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let name = format!("Aino{TRICK}");
    let (phone, page) = join(
        &app,
        &code,
        &[("lang", "fi"), ("show_name", "yes"), ("name", &name)],
    )
    .await;
    assert_eq!(
        write(&phone, &page, "Hyvä tunnelma").await.status(),
        StatusCode::SEE_OTHER
    );
    let facilitator = app.login("facilitator").await;
    let (_, board) = facilitator.text(&run).await;
    assert!(board.contains("<p class=\"note-name\"><bdi>Aino</bdi></p>"));
    for c in ['\u{202E}', '\u{2066}'] {
        assert!(!board.contains(c), "the board carries no {c:?}");
    }
    // A name of nothing but controls is no name.
    let other = app.browser();
    let (_, form) = other.text(&format!("/join/{code}")).await;
    let token = csrf_of(&form);
    let r = other
        .post_untokened(
            &format!("/join/{code}"),
            &[
                ("csrf", token.as_str()),
                ("lang", "fi"),
                ("show_name", "yes"),
                ("name", TRICK),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn staff_and_unit_names_lose_bidi_controls() {
    let app = spawn().await;
    let admin = app.login("admin").await;
    let org = app.org;
    let r = admin
        .post_form(
            &format!("/orgs/{org}/units"),
            &[("name", &format!("Koulu{TRICK}"))],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = admin.text(&format!("/orgs/{org}")).await;
    assert!(page.contains("Koulu"));
    assert!(!page.contains('\u{202E}') && !page.contains('\u{2066}'));
    // The signed-in person's name is isolated in the header of every page.
    assert!(page.contains("<span class=\"who\"><bdi>Testi admin</bdi></span>"));
}
