//! `vuoro import listing` run as a user runs it: the 2021 listing into a fresh database, twice,
//! and files that are not listings.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const LISTING: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../catalogue/vertaisdialogi-kunnat-2021.txt"
);

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("vuoro-import-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn import(dir: &Path, file: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vuoro"))
        .arg("--db")
        .arg(dir.join("vuoro.db"))
        .args(["import", "listing"])
        .arg(file)
        .args(extra)
        .env("VUORO_LOG", "error")
        .current_dir(dir)
        .output()
        .expect("run vuoro import")
}

#[test]
fn the_2021_listing_imports_once_and_says_what_it_could_not_read() {
    let d = dir("listing");
    let first = import(&d, Path::new(LISTING), &[]);
    let out = String::from_utf8_lossy(&first.stdout).into_owned();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(out.starts_with("10 organisations, "), "{out}");
    assert!(out.contains("kept as text: \"Kelaa sitä.\""), "{out}");
    assert!(out.contains("10 organisations created, 0 found"), "{out}");
    let second = import(&d, Path::new(LISTING), &[]);
    let out2 = String::from_utf8_lossy(&second.stdout).into_owned();
    assert!(second.status.success());
    assert!(
        out2.contains("0 organisations created, 10 found; 0 activities added"),
        "{out2}"
    );
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn a_dry_run_writes_nothing() {
    let d = dir("dry");
    let out = import(&d, Path::new(LISTING), &["--dry-run"]);
    assert!(out.status.success());
    assert!(
        !d.join("vuoro.db").exists(),
        "a dry run does not even create the database"
    );
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn files_that_are_not_listings_are_refused_with_the_reason() {
    let d = dir("bad");
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("empty.txt", Vec::new(), "empty"),
        ("binary.bin", vec![0, 159, 146, 150, 0, 1, 2], "not text"),
        (
            "prose.txt",
            b"Vain yksi kappale ilman otsikoita.\n".to_vec(),
            "no organisations",
        ),
        ("huge.txt", vec![b'a'; 10 * 1024 * 1024], "at most"),
    ];
    for (name, bytes, why) in cases {
        let file = d.join(name);
        std::fs::write(&file, bytes).expect("write");
        let out = import(&d, &file, &[]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{name} must be refused");
        assert!(err.contains(why), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
    std::fs::remove_dir_all(&d).ok();
}
