//! Word: the package holds the texts (escaped), its XML is well-formed, and LibreOffice
//! converts it to a PDF that reads back with every text.

mod common;

use std::io::{Cursor, Read};
use std::process::Command;

use common::tools::{assert_in_order, pdftotext, run, tool};
use vuoro_export::{Block, Document, docx};

/// A file of the package, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("the .docx is a zip");
    let mut file = archive
        .by_name(name)
        .unwrap_or_else(|e| panic!("{name} missing from the .docx: {e}"));
    let mut text = String::new();
    file.read_to_string(&mut text).expect("UTF-8 XML");
    text
}

/// The text of every `w:t` element, unescaped, one string per element, after checking that
/// the XML is well-formed.
fn texts(xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut out = Vec::new();
    let mut in_text = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.name().as_ref() == b"w:t" => {
                in_text = true;
                out.push(String::new());
            }
            Ok(Event::End(e)) if e.name().as_ref() == b"w:t" => in_text = false,
            Ok(Event::Text(t)) if in_text => {
                let decoded = t.decode().expect("text decodes");
                if let Some(last) = out.last_mut() {
                    last.push_str(&decoded);
                }
            }
            Ok(Event::GeneralRef(r)) if in_text => {
                let name = r.decode().expect("reference decodes");
                let c = match name.as_ref() {
                    "lt" => "<".to_owned(),
                    "gt" => ">".to_owned(),
                    "amp" => "&".to_owned(),
                    "quot" => "\"".to_owned(),
                    "apos" => "'".to_owned(),
                    _ => r
                        .resolve_char_ref()
                        .expect("character reference")
                        .map(String::from)
                        .unwrap_or_else(|| panic!("unknown entity &{name};")),
                };
                if let Some(last) = out.last_mut() {
                    last.push_str(&c);
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!(
                "document.xml is not well-formed at {}: {e}",
                reader.error_position()
            ),
        }
    }
    out
}

fn tricky() -> Document {
    Document {
        lang: "en".into(),
        title: "Title <b>bold</b> & \"quoted\" 'single'".into(),
        subtitle: None,
        meta: vec![("A&B".into(), "x < y > z".into())],
        blocks: vec![
            Block::Heading("]]> <![CDATA[ &amp;".into()),
            Block::Paragraph("Control\u{1}characters\u{1b} go\u{0}away\nsecond line".into()),
            Block::Bullets(vec!["<script>alert('x')</script>".into()]),
        ],
    }
}

#[test]
fn document_xml_holds_the_texts_escaped() {
    let bytes = docx(&common::sample()).expect("docx");
    let xml = part(&bytes, "word/document.xml");
    assert!(
        xml.contains(">Nuorisotilan tulevaisuus<"),
        "title in\n{xml}"
    );
    assert!(
        xml.contains(r#"<w:pStyle w:val="Title" />"#),
        "title style in\n{xml}"
    );
    assert!(xml.contains(r#"<w:pStyle w:val="Heading1" />"#));
    assert!(
        xml.contains("<w:bidi />"),
        "the Arabic quote is right to left"
    );
    let all = texts(&xml);
    for needle in [
        "Nuorisotilan tulevaisuus",
        "Yhteenveto dialogeista",
        "Sivistystoimi",
        "Mitä kuulimme",
        "Osallistujat toivoivat iltaisin avointa tilaa.",
        "Myös viikonloput mainittiin.",
        "Pidemmät aukioloajat",
        "Täällä on hyvä olla, ja äänekäs pöytä on kivaa.",
        "Jag vill ha ett ställe där man får vara ifred.",
        "أريد مكانًا هادئًا للدراسة",
        "Lähteet: 5 muistiinpanoa",
    ] {
        assert!(
            all.iter().any(|t| t == needle),
            "{needle:?} not a text of\n{all:?}"
        );
    }
    let styles = part(&bytes, "word/styles.xml");
    assert!(
        styles.contains(r#"<w:name w:val="heading 1" />"#),
        "{styles}"
    );
    let numbering = part(&bytes, "word/numbering.xml");
    assert!(
        numbering.contains(r#"<w:numFmt w:val="bullet" />"#),
        "{numbering}"
    );
}

#[test]
fn user_text_is_escaped_and_control_characters_dropped() {
    let bytes = docx(&tricky()).expect("docx");
    let xml = part(&bytes, "word/document.xml");
    assert!(
        xml.contains("Title &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; &apos;single&apos;")
    );
    assert!(xml.contains("]]&gt; &lt;![CDATA[ &amp;amp;"));
    assert!(!xml.contains("<script>") && !xml.contains('\u{1}') && !xml.contains('\u{0}'));
    let all = texts(&xml);
    for needle in [
        "Title <b>bold</b> & \"quoted\" 'single'",
        "A&B: ",
        "x < y > z",
        "]]> <![CDATA[ &amp;",
        "Controlcharacters goaway",
        "second line",
        "<script>alert('x')</script>",
    ] {
        assert!(
            all.iter().any(|t| t == needle),
            "{needle:?} not a text of\n{all:?}"
        );
    }
}

/// LibreOffice opens the file and converts it; the PDF it writes has every text in order.
/// One test converts both documents, so LibreOffice starts once.
#[test]
fn libreoffice_converts_it() {
    let soffice = tool(&["libreoffice", "soffice"], "libreoffice-writer-nogui");
    let dir = tempfile::tempdir().expect("temp dir");
    let sample = dir.path().join("sample.docx");
    let tricky_path = dir.path().join("tricky.docx");
    std::fs::write(&sample, docx(&common::sample()).expect("docx")).expect("write");
    std::fs::write(&tricky_path, docx(&tricky()).expect("docx")).expect("write");
    // Its own profile: a LibreOffice already running (or another test) cannot interfere.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.path().join("profile").display()
    );
    run(Command::new(soffice)
        .arg(profile)
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&sample)
        .arg(&tricky_path));

    let text = pdftotext(&dir.path().join("sample.pdf"));
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
        ],
    );
    assert_in_order(&text, &["Lähteet: 5 muistiinpanoa"]);

    let text = pdftotext(&dir.path().join("tricky.pdf"));
    assert_in_order(
        &text,
        &[
            "Title <b>bold</b> & \"quoted\" 'single'",
            "A&B: x < y > z",
            "]]> <![CDATA[ &amp;",
            "Controlcharacters goaway",
            "second line",
            "<script>alert('x')</script>",
        ],
    );
}
