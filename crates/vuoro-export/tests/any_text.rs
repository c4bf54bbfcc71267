//! Arbitrary Unicode in every field never makes an export fail or panic.

use proptest::prelude::*;
use vuoro_export::{Block, Document, docx, markdown, pdf};

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[-#*_<>&\"'\\[\\]{}$`=@/\\\\ \t\r\n\u{0}\u{1}\u{202e}\u{200f}\u{fffe}a-zåäöÅÄÖ\u{600}-\u{6ff}]{0,60}",
    ]
}

fn document() -> impl Strategy<Value = Document> {
    let block = prop_oneof![
        text().prop_map(Block::Heading),
        text().prop_map(Block::Paragraph),
        prop::collection::vec(text(), 0..4).prop_map(Block::Bullets),
        (
            text(),
            prop_oneof![Just("fi".to_owned()), Just("ar".to_owned()), text()]
        )
            .prop_map(|(text, lang)| Block::Quote { text, lang }),
        text().prop_map(Block::Sources),
    ];
    (
        text(),
        text(),
        proptest::option::of(text()),
        prop::collection::vec((text(), text()), 0..3),
        prop::collection::vec(block, 0..6),
    )
        .prop_map(|(lang, title, subtitle, meta, blocks)| Document {
            lang,
            title,
            subtitle,
            meta,
            blocks,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn markdown_and_docx_take_anything(doc in document()) {
        let md = markdown(&doc);
        prop_assert!(md.ends_with('\n'));
        let bytes = docx(&doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(bytes.starts_with(b"PK"));
    }
}

proptest! {
    // A PDF takes tens of milliseconds; a few cases are enough to catch a panic.
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn pdf_takes_anything(doc in document()) {
        let bytes = pdf(&doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(bytes.starts_with(b"%PDF-"));
    }
}

/// The case the property test found: a right-to-left symbol and an unassigned character from the
/// supplementary planes on one line made Typst panic while shaping. The PDF still comes out.
#[test]
fn a_mix_that_makes_the_typesetter_panic_still_prints() {
    let doc = Document {
        lang: String::new(),
        title: "Ö<fÖ".to_owned(),
        subtitle: None,
        meta: vec![("Tila".to_owned(), "*\u{1EE39}6^ \u{1E5EE}7#w".to_owned())],
        blocks: vec![Block::Paragraph("Tämä näkyy".to_owned())],
    };
    let bytes = pdf(&doc).expect("a PDF");
    assert!(bytes.starts_with(b"%PDF-"));
}
