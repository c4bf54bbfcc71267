//! `vuoro demo` as an operator runs it by mistake on a real database: it must refuse, since the
//! demo adds a site administrator whose password is published.

use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn the_demo_refuses_a_database_with_accounts_it_did_not_create() {
    let d = std::env::temp_dir().join(format!("vuoro-demo-cli-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    let db = d.join("vuoro.db");
    let mut admin = Command::new(env!("CARGO_BIN_EXE_vuoro"))
        .arg("--db")
        .arg(&db)
        .args([
            "create-admin",
            "--email",
            "root@kunta.fi",
            "--name",
            "Oikea Ylläpitäjä",
        ])
        .env("VUORO_LOG", "error")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run create-admin");
    admin
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"a real long password\n")
        .expect("password written");
    let created = admin.wait_with_output().expect("create-admin ends");
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );

    // Port 0: were the demo to start anyway, it would not collide with anything; and it is
    // stopped after a minute, so a regression fails instead of hanging.
    let mut child = Command::new(env!("CARGO_BIN_EXE_vuoro"))
        .arg("--db")
        .arg(&db)
        .args(["demo", "--listen", "127.0.0.1:0"])
        .env("VUORO_LOG", "error")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run demo");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().expect("demo state").is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().expect("demo stopped");
            panic!("the demo started on a database with other accounts");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let demo = child.wait_with_output().expect("demo output");
    let err = String::from_utf8_lossy(&demo.stderr);
    assert!(!demo.status.success(), "the demo must not start");
    assert!(
        err.contains("1 account(s) that `vuoro demo` did not create"),
        "{err}"
    );
    let out = String::from_utf8_lossy(&demo.stdout);
    assert!(!out.contains("vuoro-demo-2026"), "no demo log-ins: {out}");
    std::fs::remove_dir_all(&d).ok();
}
