//! PDF: poppler reads back every text, in order, with Finnish and Swedish letters exact; the
//! Arabic quote is set in the Arabic font.

mod common;

use common::tools::{assert_in_order, pdffonts, pdftotext};
use vuoro_export::{Block, Document, pdf};

/// The PDF written to a temporary file, for poppler's tools.
fn write(doc: &Document) -> (tempfile::TempDir, std::path::PathBuf) {
    let bytes = pdf(doc).expect("pdf");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF header");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("summary.pdf");
    std::fs::write(&path, bytes).expect("write");
    (dir, path)
}

#[test]
fn texts_read_back_in_order() {
    let (_dir, path) = write(&common::sample());
    let text = pdftotext(&path);
    assert_in_order(
        &text,
        &[
            "Nuorisotilan tulevaisuus",
            "Yhteenveto dialogeista",
            "Tilaaja: Sivistystoimi",
            "Ajankohta: syyskuu–lokakuu 2026",
            "Mitä kuulimme",
            "Osallistujat toivoivat iltaisin avointa tilaa.",
            "Myös viikonloput mainittiin.",
            "Pidemmät aukioloajat",
            "Hiljainen huone läksyille",
            "Täällä on hyvä olla, ja äänekäs pöytä on kivaa.",
            "Jag vill ha ett ställe där man får vara ifred.",
            "Jatko",
            "Tilasta päätetään keväällä.",
            "Lähteet: 5 muistiinpanoa",
        ],
    );
}

#[test]
fn arabic_is_set_in_the_arabic_font() {
    let (_dir, path) = write(&common::sample());
    let fonts = pdffonts(&path);
    assert!(fonts.contains("NotoSans-Regular"), "{fonts}");
    assert!(fonts.contains("NotoSans-Bold"), "{fonts}");
    assert!(fonts.contains("NotoSansArabic"), "{fonts}");
}

#[test]
fn arabic_alone_generates() {
    let doc = Document {
        lang: "ar".into(),
        title: "ملخص الحوار".into(),
        subtitle: None,
        meta: vec![("المنظم".into(), "البلدية".into())],
        blocks: vec![
            Block::Heading("ما سمعناه".into()),
            Block::Quote {
                text: "أريد مكانًا هادئًا للدراسة، وفيه 3 طاولات.\nسطر ثانٍ".into(),
                lang: "ar".into(),
            },
            Block::Bullets(vec!["نقطة أولى".into(), "mixed العربية and English".into()]),
        ],
    };
    let (_dir, path) = write(&doc);
    // Arabic comes back from poppler in visual order and presentation forms; what matters is
    // that the file is sound and the Latin text in it reads back.
    let text = pdftotext(&path);
    assert!(text.contains("mixed") && text.contains("English"), "{text}");
    assert!(pdffonts(&path).contains("NotoSansArabic"));
}

#[test]
fn markup_in_user_text_is_text() {
    let doc = Document {
        lang: "xx-bogus".into(),
        title: "#set page(width: 1cm) *bold* $x^2$ `raw`".into(),
        subtitle: Some("]] } ) #panic(\"no\") \\ // comment".into()),
        meta: vec![],
        blocks: vec![
            Block::Paragraph(
                "= Not a heading\n- not a list\n<label> @ref https://example.com".into(),
            ),
            Block::Quote {
                text: "Quote in an unknown language".into(),
                lang: "other".into(),
            },
        ],
    };
    let (_dir, path) = write(&doc);
    assert_in_order(
        &pdftotext(&path),
        &[
            "#set page(width: 1cm) *bold* $x^2$ `raw`",
            "]] } ) #panic(\"no\") \\ // comment",
            "= Not a heading",
            "- not a list",
            "<label> @ref https://example.com",
            "Quote in an unknown language",
        ],
    );
}

#[test]
fn ten_pages_are_about_ten_pages() {
    let (_dir, path) = write(&common::ten_pages());
    let text = pdftotext(&path);
    // poppler separates pages with a form feed.
    let pages = text.matches('\u{c}').count();
    assert!((8..=12).contains(&pages), "{pages} pages");
}
