//! CommonMark (and GitHub-flavoured Markdown) output.

use crate::text::{blank, lines, one_line};
use crate::{Block, Document};

/// The document as Markdown: the title as `#`, headings as `##`, paragraphs (line breaks kept
/// as hard breaks), `-` lists, `>` quotes, and the meta lines and sources as plain lines with
/// emphasis. Blank blocks and list items are left out. The output ends with one newline.
pub fn markdown(doc: &Document) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !blank(&doc.title) {
        parts.push(format!("# {}", escape(&one_line(&doc.title))));
    }
    if let Some(subtitle) = doc.subtitle.as_deref().filter(|s| !blank(s)) {
        parts.push(format!("*{}*", escape(&one_line(subtitle))));
    }
    let meta: Vec<String> = doc
        .meta
        .iter()
        .filter(|(label, value)| !blank(label) || !blank(value))
        .map(|(label, value)| {
            let value = escape(&one_line(value));
            if blank(label) {
                value
            } else {
                format!("**{}:** {value}", escape(&one_line(label)))
            }
        })
        .collect();
    if !meta.is_empty() {
        parts.push(meta.join(HARD_BREAK));
    }

    let mut previous_list = false;
    for block in &doc.blocks {
        let part = match block {
            Block::Heading(text) if !blank(text) => format!("## {}", escape(&one_line(text))),
            Block::Paragraph(text) if !blank(text) => paragraph(text, ""),
            Block::Bullets(items) if items.iter().any(|i| !blank(i)) => {
                // Two lists one after the other would merge into one in CommonMark unless
                // their markers differ.
                let marker = if previous_list { '*' } else { '-' };
                previous_list = !previous_list;
                let list = items
                    .iter()
                    .filter(|item| !blank(item))
                    .map(|item| format!("{marker} {}", escape(&one_line(item))))
                    .collect::<Vec<_>>()
                    .join("\n");
                parts.push(list);
                continue;
            }
            Block::Quote { text, .. } if !blank(text) => paragraph(text, "> "),
            Block::Sources(text) if !blank(text) => format!("*{}*", escape(&one_line(text))),
            _ => continue,
        };
        previous_list = false;
        parts.push(part);
    }

    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}

/// A backslash at the end of a line: a hard line break.
const HARD_BREAK: &str = "\\\n";

/// A paragraph (or, with `prefix` `"> "`, a quote) whose line breaks are kept.
fn paragraph(text: &str, prefix: &str) -> String {
    lines(text)
        .into_iter()
        .map(|line| format!("{prefix}{}", escape(line)))
        .collect::<Vec<_>>()
        .join(HARD_BREAK)
}

/// Escapes one line of text so that it reads as plain text wherever it stands: at the start of
/// a line, inside emphasis, in a list item or a heading.
///
/// Characters that open inline structure (emphasis, code, links, HTML, entities, tables,
/// strikethrough, math) are escaped wherever they are; characters that only start a block
/// (`-`, `+`, `=`, `1.`, `1)`) are escaped at the start.
pub(crate) fn escape(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    // A block marker only counts at the start of a line.
    if let Some('-' | '+' | '=') = line.chars().next() {
        out.push('\\');
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in line.chars().enumerate() {
        let ordered_list_marker =
            i == digits && (1..=9).contains(&digits) && matches!(c, '.' | ')');
        if ordered_list_marker
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '&' | '|' | '~' | '$'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure_characters_are_escaped() {
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("> no quote"), "\\> no quote");
        assert_eq!(escape("- no list"), "\\- no list");
        assert_eq!(escape("+ no list"), "\\+ no list");
        assert_eq!(escape("==="), "\\===");
        assert_eq!(escape("1. no list"), "1\\. no list");
        assert_eq!(escape("2024) no list"), "2024\\) no list");
        assert_eq!(escape("a - b 1. c"), "a - b 1. c");
        assert_eq!(escape("*a* _b_ `c`"), "\\*a\\* \\_b\\_ \\`c\\`");
        assert_eq!(escape("[x](y) ![i](j)"), "\\[x\\](y) !\\[i\\](j)");
        assert_eq!(escape("<b>&amp;</b>"), "\\<b\\>\\&amp;\\</b\\>");
        assert_eq!(escape("a\\b"), "a\\\\b");
        assert_eq!(escape("Åäö ~~x~~ | $x$"), "Åäö \\~\\~x\\~\\~ \\| \\$x\\$");
    }
}
