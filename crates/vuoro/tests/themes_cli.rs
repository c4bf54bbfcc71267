//! `vuoro themes` run as a user runs it, on a small file of notes.

use std::process::Command;

#[test]
fn prints_themes_and_each_lines_theme_as_json() {
    let dir = std::env::temp_dir().join(format!("vuoro-themes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("notes.txt");
    let notes = "kopiokone on taas rikki\n\
                 tulostin ja kopiokone rikki taas\n\
                 \n\
                 etätyö toimii hyvin kotona\n\
                 etäpäivät kotona on parhaita\n\
                 🙂\n";
    std::fs::write(&file, notes).expect("write notes");
    let out = Command::new(env!("CARGO_BIN_EXE_vuoro"))
        .args(["themes", "--k", "2"])
        .arg(&file)
        .env("VUORO_LOG", "error")
        .current_dir(&dir)
        .output()
        .expect("run vuoro themes");
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let themes = json["themes"].as_array().expect("themes");
    assert_eq!(themes.len(), 2);
    for t in themes {
        assert_eq!(t["size"], 2);
        assert!(!t["label"].as_str().unwrap_or_default().is_empty());
    }
    let lines = json["lines"].as_array().expect("lines");
    let theme_of = |n: u64| {
        lines
            .iter()
            .find(|l| l["line"] == n)
            .map(|l| l["theme"].clone())
            .expect("line")
    };
    // Blank lines are not notes; line numbers are the file's.
    assert_eq!(lines.len(), 5);
    assert_eq!(theme_of(1), theme_of(2));
    assert_eq!(theme_of(4), theme_of(5));
    assert_ne!(theme_of(1), theme_of(4));
    assert!(theme_of(6).is_null());
}

#[test]
fn a_missing_file_is_an_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_vuoro"))
        .args(["themes", "/nonexistent/notes.txt"])
        .output()
        .expect("run vuoro themes");
    assert!(!out.status.success());
}
