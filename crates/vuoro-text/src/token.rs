//! Splitting a note into lower-case words.
//!
//! Notes are typed on phones: they carry links, e-mail addresses, emoji, hashtags and
//! punctuation glued to words. A word here is a run of letters (any script, so å, ä and ö stay
//! inside words) or digits; everything else separates words. Whitespace-separated chunks that
//! look like links or e-mail addresses are dropped whole, since their pieces ("https", "www",
//! "fi") would otherwise look like words shared by unrelated notes.

/// The words of `text`, lower-cased, in order. Pure numbers are left out: "24 lasta" and
/// "8 tuntia" say nothing about a theme through their digits.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    tokenize_into(text, &mut out);
    out
}

/// As [`tokenize`], appending to `out` so a caller can reuse its buffer.
pub fn tokenize_into(text: &str, out: &mut Vec<String>) {
    for chunk in text.split_whitespace() {
        if is_link_or_address(chunk) {
            continue;
        }
        let mut word = String::new();
        let mut has_letter = false;
        for c in chunk.chars() {
            if c.is_alphanumeric() {
                has_letter |= c.is_alphabetic();
                word.extend(c.to_lowercase());
            } else {
                flush(&mut word, &mut has_letter, out);
            }
        }
        flush(&mut word, &mut has_letter, out);
    }
}

fn flush(word: &mut String, has_letter: &mut bool, out: &mut Vec<String>) {
    if *has_letter {
        out.push(std::mem::take(word));
    } else {
        word.clear();
    }
    *has_letter = false;
}

fn is_link_or_address(chunk: &str) -> bool {
    let lower = chunk.trim_start_matches(|c: char| !c.is_alphanumeric());
    let starts = |p: &str| {
        lower
            .get(..p.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(p))
    };
    chunk.contains("://")
        || starts("www.")
        || (chunk.contains('@') && chunk.contains('.') && !chunk.ends_with('@'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_nordic_letters_and_lowercases() {
        assert_eq!(
            tokenize("Työhyvinvointikysely ÄÖÅ-äöå"),
            ["työhyvinvointikysely", "äöå", "äöå"]
        );
    }

    #[test]
    fn strips_punctuation_emoji_links_and_numbers() {
        assert_eq!(
            tokenize("Kiire!!! 😩 ks. https://example.invalid/a?b=1 ja www.x.fi, 24 lasta #etätyö"),
            ["kiire", "ks", "ja", "lasta", "etätyö"]
        );
        assert_eq!(
            tokenize("posti: matti@example.invalid kiitos"),
            ["posti", "kiitos"]
        );
        assert_eq!(
            tokenize("teams-kokoukset;pitkiä"),
            ["teams", "kokoukset", "pitkiä"]
        );
    }

    #[test]
    fn letters_with_digits_stay_one_word() {
        assert_eq!(tokenize("covid19 ja 5g"), ["covid19", "ja", "5g"]);
    }

    #[test]
    fn empty_and_symbol_only_notes_have_no_words() {
        assert!(tokenize("").is_empty());
        assert!(tokenize(" 👍 !!! 123 ").is_empty());
    }
}
