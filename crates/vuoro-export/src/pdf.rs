//! PDF output: Typst lays the document out (shaping Arabic and setting it right to left) and
//! `typst-pdf` writes it with the fonts subset into the file.
//!
//! The fonts are compiled in (`fonts/`, Noto Sans regular and bold and Noto Sans Arabic,
//! under the SIL Open Font License, 1.3 MB), so a PDF looks the same on every machine and the
//! server needs no font packages. Typst never looks at the system's fonts here.

use std::panic::AssertUnwindSafe;
use std::sync::LazyLock;

use typst::foundations::{Array, Dict, IntoValue, Value};
use typst_as_lib::{TypstEngine, TypstTemplateMainFile};
use typst_layout::PagedDocument;

use crate::text::{blank, lang_code, lines, one_line};
use crate::{Block, Document, ExportError, is_rtl};

const TEMPLATE: &str = include_str!("summary.typ");
static NOTO_SANS: &[u8] = include_bytes!("../fonts/NotoSans-Regular.ttf");
static NOTO_SANS_BOLD: &[u8] = include_bytes!("../fonts/NotoSans-Bold.ttf");
static NOTO_SANS_ARABIC: &[u8] = include_bytes!("../fonts/NotoSansArabic-Regular.ttf");

/// The Typst engine with the template and the fonts, made once: reading the fonts' tables
/// takes a few milliseconds.
static ENGINE: LazyLock<TypstEngine<TypstTemplateMainFile>> = LazyLock::new(|| {
    TypstEngine::builder()
        .main_file(TEMPLATE)
        .fonts([NOTO_SANS, NOTO_SANS_BOLD, NOTO_SANS_ARABIC])
        .build()
});

/// The document as an A4 PDF with page numbers, the title in its metadata and the headings
/// as its outline. Blank blocks and list items are left out, as in Markdown.
pub fn pdf(doc: &Document) -> Result<Vec<u8>, ExportError> {
    // Typst 0.15 can panic while shaping some rare mixes of right-to-left and unassigned
    // supplementary-plane characters ("one or more glyphs … fell out of range"; found by
    // `tests/any_text.rs`). A summary must still print, so when typesetting panics the document
    // is typeset again without the characters outside the Basic Multilingual Plane (rare in
    // summaries; emoji are among them). Only that second failure is an error.
    let first = std::panic::catch_unwind(AssertUnwindSafe(|| typeset(doc)));
    first.unwrap_or_else(|_| {
        let plain = bmp_only(doc);
        std::panic::catch_unwind(AssertUnwindSafe(|| typeset(&plain)))
            .unwrap_or_else(|_| Err(ExportError::Pdf("the typesetter panicked".to_owned())))
    })
}

/// The document with every character outside the Basic Multilingual Plane left out.
fn bmp_only(doc: &Document) -> Document {
    let keep = |t: &String| -> String { t.chars().filter(|c| u32::from(*c) <= 0xFFFF).collect() };
    Document {
        lang: doc.lang.clone(),
        title: keep(&doc.title),
        subtitle: doc.subtitle.as_ref().map(keep),
        meta: doc.meta.iter().map(|(l, v)| (keep(l), keep(v))).collect(),
        blocks: doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Heading(t) => Block::Heading(keep(t)),
                Block::Paragraph(t) => Block::Paragraph(keep(t)),
                Block::Bullets(items) => Block::Bullets(items.iter().map(keep).collect()),
                Block::Quote { text, lang } => Block::Quote {
                    text: keep(text),
                    lang: lang.clone(),
                },
                Block::Sources(t) => Block::Sources(keep(t)),
            })
            .collect(),
    }
}

/// One typesetting of the document.
fn typeset(doc: &Document) -> Result<Vec<u8>, ExportError> {
    let compiled: PagedDocument = ENGINE
        .compile_with_input(inputs(doc))
        .output
        .map_err(|e| ExportError::Pdf(e.to_string()))?;
    typst_pdf::pdf(&compiled, &typst_pdf::PdfOptions::default()).map_err(|diagnostics| {
        ExportError::Pdf(
            diagnostics
                .iter()
                .map(|d| d.message.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })
}

/// The document as the `sys.inputs` of `summary.typ`.
fn inputs(doc: &Document) -> Dict {
    let mut d = Dict::new();
    d.insert("title".into(), single(&doc.title));
    d.insert(
        "subtitle".into(),
        doc.subtitle.as_deref().map_or(Value::None, single),
    );
    d.insert("lang".into(), lang(&doc.lang));
    let meta: Array = doc
        .meta
        .iter()
        .filter(|(label, value)| !blank(label) || !blank(value))
        .map(|(label, value)| {
            let pair: Array = [single(label), one_line(value).into_value()]
                .into_iter()
                .collect();
            pair.into_value()
        })
        .collect();
    d.insert("meta".into(), meta.into_value());
    let blocks: Array = doc.blocks.iter().filter_map(block).collect();
    d.insert("blocks".into(), blocks.into_value());
    d
}

/// One block as a dictionary with its `kind`, or nothing for a blank one.
fn block(block: &Block) -> Option<Value> {
    let mut d = Dict::new();
    match block {
        Block::Heading(text) if !blank(text) => {
            d.insert("kind".into(), "heading".into_value());
            d.insert("text".into(), one_line(text).into_value());
        }
        Block::Paragraph(text) if !blank(text) => {
            d.insert("kind".into(), "paragraph".into_value());
            d.insert("lines".into(), line_array(text));
        }
        Block::Bullets(items) if items.iter().any(|i| !blank(i)) => {
            d.insert("kind".into(), "bullets".into_value());
            let items: Array = items
                .iter()
                .filter(|i| !blank(i))
                .map(|i| one_line(i).into_value())
                .collect();
            d.insert("items".into(), items.into_value());
        }
        Block::Quote { text, lang: l } if !blank(text) => {
            d.insert("kind".into(), "quote".into_value());
            d.insert("lines".into(), line_array(text));
            d.insert("lang".into(), lang(l));
            d.insert("rtl".into(), is_rtl(l).into_value());
        }
        Block::Sources(text) if !blank(text) => {
            d.insert("kind".into(), "sources".into_value());
            d.insert("text".into(), one_line(text).into_value());
        }
        _ => return None,
    }
    Some(d.into_value())
}

/// A one-line text, or `none` when it is blank.
fn single(text: &str) -> Value {
    if blank(text) {
        Value::None
    } else {
        one_line(text).into_value()
    }
}

/// The lines of a text as an array of strings.
fn line_array(text: &str) -> Value {
    lines(text)
        .into_iter()
        .map(IntoValue::into_value)
        .collect::<Array>()
        .into_value()
}

/// A language code Typst accepts, or `none`.
fn lang(code: &str) -> Value {
    lang_code(code).map_or(Value::None, IntoValue::into_value)
}
