//! Word (.docx, Office Open XML) output through `docx-rs`.

use std::io::Cursor;

use docx_rs::{
    AbstractNumbering, BreakType, Docx, IndentLevel, Level, LevelJc, LevelText, LineSpacing,
    NumberFormat, Numbering, NumberingId, Paragraph, Run, RunFonts, SpecialIndentType, Start,
    Style, StyleType,
};

use crate::text::{blank, lines, one_line, xml_safe};
use crate::{Block, Document, ExportError, is_rtl};

/// The id of the bullet list numbering (`docx-rs` always defines number 1 itself).
const BULLETS: usize = 2;

/// The document as a Word file. Paragraph styles carry Word's built-in names (Title, Subtitle,
/// heading 1, Quote), so Word and LibreOffice show them as their own styles and build an
/// outline from the headings. Blank blocks and list items are left out, as in Markdown.
pub fn docx(doc: &Document) -> Result<Vec<u8>, ExportError> {
    let mut out = Docx::new()
        .default_fonts(
            RunFonts::new()
                .ascii("Calibri")
                .hi_ansi("Calibri")
                .cs("Arial"),
        )
        .default_size(22)
        .default_line_spacing(LineSpacing::new().after(120).line(264))
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .next("Normal")
                .size(40)
                .bold(),
        )
        .add_style(
            Style::new("Subtitle", StyleType::Paragraph)
                .name("Subtitle")
                .based_on("Normal")
                .next("Normal")
                .size(28)
                .color("555555"),
        )
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("heading 1")
                .based_on("Normal")
                .next("Normal")
                .size(28)
                .bold()
                .line_spacing(LineSpacing::new().before(280).after(100))
                .outline_lvl(0),
        )
        .add_style(
            Style::new("Quote", StyleType::Paragraph)
                .name("Quote")
                .based_on("Normal")
                .next("Normal")
                .italic()
                .color("404040")
                .indent(Some(720), None, Some(720), None),
        )
        .add_style(
            Style::new("Sources", StyleType::Paragraph)
                .name("Sources")
                .based_on("Normal")
                .next("Normal")
                .size(16)
                .color("666666"),
        )
        .add_abstract_numbering(
            AbstractNumbering::new(BULLETS).add_level(
                Level::new(
                    0,
                    Start::new(1),
                    NumberFormat::new("bullet"),
                    LevelText::new("•"),
                    LevelJc::new("left"),
                )
                .indent(
                    Some(720),
                    Some(SpecialIndentType::Hanging(360)),
                    None,
                    None,
                ),
            ),
        )
        .add_numbering(Numbering::new(BULLETS, BULLETS));

    if !blank(&doc.title) {
        out = out.add_paragraph(line(&doc.title).style("Title"));
    }
    if let Some(subtitle) = doc.subtitle.as_deref().filter(|s| !blank(s)) {
        out = out.add_paragraph(line(subtitle).style("Subtitle"));
    }
    for (label, value) in &doc.meta {
        if blank(label) && blank(value) {
            continue;
        }
        let mut p = Paragraph::new();
        if !blank(label) {
            p = p.add_run(Run::new().add_text(format!("{}: ", clean(label))).bold());
        }
        out = out.add_paragraph(p.add_run(Run::new().add_text(clean(value))));
    }

    for block in &doc.blocks {
        match block {
            Block::Heading(text) if !blank(text) => {
                out = out.add_paragraph(line(text).style("Heading1").keep_next(true));
            }
            Block::Paragraph(text) if !blank(text) => {
                out = out.add_paragraph(Paragraph::new().add_run(broken(text)));
            }
            Block::Bullets(items) => {
                for item in items.iter().filter(|i| !blank(i)) {
                    out = out.add_paragraph(
                        line(item).numbering(NumberingId::new(BULLETS), IndentLevel::new(0)),
                    );
                }
            }
            Block::Quote { text, lang } if !blank(text) => {
                let mut p = Paragraph::new().add_run(broken(text)).style("Quote");
                if is_rtl(lang) {
                    // A right-to-left paragraph: it starts at the right margin.
                    p.property = p.property.bidi(true);
                }
                out = out.add_paragraph(p);
            }
            Block::Sources(text) if !blank(text) => {
                out = out.add_paragraph(line(text).style("Sources"));
            }
            _ => {}
        }
    }

    let mut bytes = Cursor::new(Vec::new());
    out.build()
        .pack(&mut bytes)
        .map_err(|e| ExportError::Docx(e.to_string()))?;
    Ok(bytes.into_inner())
}

/// A text on one line, safe for XML (`docx-rs` escapes `<`, `&` and quotes itself).
fn clean(text: &str) -> String {
    one_line(&xml_safe(text))
}

/// A paragraph of one line.
fn line(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(clean(text)))
}

/// A run whose line breaks are kept as line breaks.
fn broken(text: &str) -> Run {
    let text = xml_safe(text).replace('\t', " ");
    let mut run = Run::new();
    for (i, l) in lines(&text).into_iter().enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(l);
    }
    run
}
