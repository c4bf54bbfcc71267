//! Text clean-up shared by the formats.

/// The lines of a text: `\r\n` and `\r` count as `\n`, every line is trimmed, and empty lines
/// are dropped.
pub(crate) fn lines(text: &str) -> Vec<&str> {
    text.split(['\n', '\r'])
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect()
}

/// A text on one line: every run of white space (line breaks included) becomes one space, and
/// the ends are trimmed.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Is the text empty once white space is ignored?
pub(crate) fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// Removes characters that cannot appear in an XML 1.0 document (C0 controls other than tab
/// and line breaks, and the non-characters U+FFFE and U+FFFF).
pub(crate) fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

/// A language code fit for a language tag: two or three ASCII letters, lower-cased.
pub(crate) fn lang_code(lang: &str) -> Option<String> {
    let lang = lang.trim();
    ((2..=3).contains(&lang.len()) && lang.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| lang.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_normalise_breaks_and_drop_empty_ones() {
        assert_eq!(lines(" a \r\n\r\n b\rc\n"), vec!["a", "b", "c"]);
        assert!(lines(" \n ").is_empty());
    }

    #[test]
    fn one_line_collapses_white_space() {
        assert_eq!(one_line("  a \n\t b  "), "a b");
    }

    #[test]
    fn xml_safe_drops_only_what_xml_cannot_carry() {
        assert_eq!(
            xml_safe("a\u{0}b\u{1b}c\td\ne<&>\u{FFFF}ä"),
            "abc\td\ne<&>ä"
        );
    }

    #[test]
    fn lang_codes() {
        assert_eq!(lang_code(" FI "), Some("fi".to_owned()));
        assert_eq!(lang_code("ckb"), Some("ckb".to_owned()));
        assert_eq!(lang_code("other"), None);
        assert_eq!(lang_code("f1"), None);
        assert_eq!(lang_code(""), None);
    }
}
