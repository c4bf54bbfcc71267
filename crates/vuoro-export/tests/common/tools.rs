//! The command-line tools the tests read documents back with: poppler's `pdftotext` and
//! `pdffonts`, and LibreOffice. A missing tool fails the test with what to install;
//! `scripts/test`, which CI runs, installs them.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The path of a program on `PATH`, or a panic naming the Debian package that has it.
pub fn tool(names: &[&str], package: &str) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in names {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    panic!(
        "{} not found on PATH: install Debian's {package} \
         (`apt-get install -y --no-install-recommends {package}`; \
         scripts/test does it, for CI too)",
        names.join(" or ")
    );
}

/// Runs a command and returns its standard output, panicking with its error output when it
/// fails.
pub fn run(command: &mut Command) -> String {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("could not run {command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed ({}):\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap_or_else(|e| panic!("{command:?} printed non-UTF-8: {e}"))
}

/// The text of a PDF file as `pdftotext` reads it (UTF-8, reading order).
pub fn pdftotext(pdf: &Path) -> String {
    let tool = tool(&["pdftotext"], "poppler-utils");
    run(Command::new(tool).args(["-enc", "UTF-8"]).arg(pdf).arg("-"))
}

/// The fonts a PDF file embeds, as `pdffonts` lists them.
pub fn pdffonts(pdf: &Path) -> String {
    let tool = tool(&["pdffonts"], "poppler-utils");
    run(Command::new(tool).arg(pdf))
}

/// White space collapsed to single spaces, so that line wrapping does not matter.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Asserts that every needle occurs in the haystack, in the given order (white space
/// collapsed in both).
pub fn assert_in_order(haystack: &str, needles: &[&str]) {
    let haystack = squash(haystack);
    let mut from = 0;
    for needle in needles {
        let needle = squash(needle);
        match haystack[from..].find(&needle) {
            Some(at) => from += at + needle.len(),
            None => {
                panic!("{needle:?} missing (or out of order) after byte {from} of:\n{haystack}")
            }
        }
    }
}
