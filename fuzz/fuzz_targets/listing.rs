//! Any bytes into the listing importer: it must answer with a listing or an error, never panic,
//! and a listing must keep every non-empty line of the input exactly once.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(listing) = vuoro_import::listing::parse(data) else {
        return;
    };
    let Ok(text) = std::str::from_utf8(data) else {
        panic!("a listing from bytes that are not UTF-8");
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let expected: Vec<(usize, String)> = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i + 1, l.trim().to_owned()))
        .collect();
    let kept: Vec<(usize, String)> = listing
        .kept_lines()
        .into_iter()
        .map(|(n, t)| (n, t.to_owned()))
        .collect();
    assert_eq!(kept, expected, "a line was lost or kept twice");
});
