//! What the tests share: the invariant that no line is lost, computed independently of the
//! importer's own line splitting.

use vuoro_import::listing::Listing;

/// The non-empty lines of `text` (trimmed) with their numbers, split at "\r\n", "\n" or "\r".
pub fn non_empty_lines(text: &str) -> Vec<(usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i + 1, l.trim().to_owned()))
        .collect()
}

/// Every non-empty line of `text` is in exactly one place of `listing`.
pub fn assert_nothing_lost(text: &str, listing: &Listing) {
    let kept: Vec<(usize, String)> = listing
        .kept_lines()
        .into_iter()
        .map(|(n, t)| (n, t.to_owned()))
        .collect();
    assert_eq!(kept, non_empty_lines(text));
}
