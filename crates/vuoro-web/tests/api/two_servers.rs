//! Two server processes on one PostgreSQL database, as behind a load balancer: a phone's
//! stream on one, the facilitator's board on the other, notes written through both, and one
//! server killed with SIGKILL in the middle of it all. Server A runs in this test process;
//! server B is the real `vuoro serve --db postgres://…` binary (`VUORO_BIN`, or the workspace's
//! `target/debug/vuoro`, which `cargo test --workspace` builds), with its own pool, listener,
//! hub and limiters.
//!
//! Needs `VUORO_TEST_POSTGRES`; without it the test says so and passes, unless
//! `VUORO_REQUIRE_POSTGRES=1`.

use crate::helpers::*;
use crate::live::{join, open_session, process_in_phase1};
use crate::live_feed::{Stream, has_all, ids, note_texts};
use reqwest::StatusCode;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use vuoro_core::LiveSessionId;
use vuoro_store::Store;
use vuoro_store_postgres::PgStore;

const PHONES: usize = 6;
/// Below the notes a phone may write in a minute.
const NOTES_EACH: usize = 8;

/// The same browser (its cookies: a phone's token, a log-in) talking to another server.
fn on(b: &Browser, base: &str) -> Browser {
    Browser {
        client: b.client.clone(),
        base: base.to_owned(),
    }
}

/// Posts a note through `base`; the status, or `None` when the server did not answer.
async fn try_write(phone: &Browser, base: &str, page: &str, text: &str) -> Option<StatusCode> {
    // The form's token is a cookie and its copy, so a page from either server gives one.
    let token = phone.csrf().await;
    phone
        .client
        .post(format!("{base}{page}/notes"))
        .form(&[("csrf", token.as_str()), ("text", text)])
        .send()
        .await
        .ok()
        .map(|r| r.status())
}

/// The `vuoro` binary: `VUORO_BIN`, or the workspace's debug build.
fn vuoro_bin() -> std::path::PathBuf {
    std::env::var_os("VUORO_BIN").map_or_else(
        || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/debug/vuoro"),
        std::path::PathBuf::from,
    )
}

/// A `vuoro serve` process on the database at `url` and a free loopback port, with its address
/// once it listens. Killed (SIGKILL) when dropped, if the test has not killed it already.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(url: &str, dir: &std::path::Path) -> Server {
        let bin = vuoro_bin();
        let mut child = Command::new(&bin)
            .args(["--db", url, "serve", "--listen", "127.0.0.1:0"])
            // In an empty folder, so no ./vuoro.toml is read.
            .current_dir(dir)
            .env("VUORO_LOG", "warn")
            .env_remove("VUORO_CONFIG")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{} starts (build it first): {e}", bin.display()));
        let stdout = child.stdout.take().expect("piped");
        let mut lines = BufReader::new(stdout).lines();
        let base = loop {
            let line = lines
                .next()
                .expect("the server says where it listens before it stops")
                .expect("its output reads");
            if let Some(rest) = line.strip_prefix("vuoro is running at ") {
                let url = rest.split_whitespace().next().expect("an address");
                break url.trim_end_matches('/').to_owned();
            }
        };
        Server { child, base }
    }

    /// SIGKILL: the process ends at once, without closing a connection or finishing a write.
    fn kill(&mut self) {
        self.child.kill().expect("the server is killed");
        self.child.wait().expect("the server is reaped");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            self.kill();
        }
    }
}

async fn connect(url: &str) -> Arc<dyn Store> {
    Arc::new(PgStore::connect(url).await.expect("the database accepts"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_note_reaches_each_screen_once_across_two_servers_and_a_kill() {
    let Some(url) = vuoro_store_postgres::testing::fresh_database().await else {
        return;
    };
    let store = connect(&url).await;
    let org = seed(&store).await;
    let a = serve_on(store, org, temp_dir(), vuoro_web::WebConfig::default()).await;
    let dir_b = temp_dir();
    let mut server_b = Server::start(&url, &dir_b);
    let b_base = server_b.base.clone();

    let p = process_in_phase1(&a).await;
    let (run, code) = open_session(&a, &p).await;
    let lid = LiveSessionId::parse(run.trim_start_matches("/live/").trim_end_matches("/run"))
        .expect("a live session id");
    let events = run.replace("/run", "/events");
    let facilitator = a.login("facilitator").await;
    let board_on_b = on(&facilitator, &b_base);

    // The board follows the session on B, a phone and the projector on A.
    let mut board = Stream::open(&board_on_b, &events, None).await;
    let (watcher, _) = join(&a, &code, &[("lang", "fi")]).await;
    let mut phone = Stream::open(&watcher, &events, None).await;
    let mut projector = Stream::open(&facilitator, &format!("{events}?view=projector"), None).await;

    // A move on B reaches the phone on A; a note through A reaches the board on B.
    let r = board_on_b
        .post_form(&format!("/live/{lid}/control"), &[("do", "start")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    phone
        .read_until(|e| e.iter().any(|e| e.event == "moved"))
        .await;
    let mut phones = Vec::new();
    for _ in 0..PHONES {
        phones.push(join(&a, &code, &[("lang", "fi")]).await);
    }
    let first = "ensimmäinen ajatus A:n kautta".to_owned();
    let status = try_write(&phones[0].0, &a.base, &phones[0].1, &first).await;
    assert_eq!(status, Some(StatusCode::SEE_OTHER));
    let expected_first = BTreeSet::from([first.clone()]);
    board.read_until(has_all(&expected_first)).await;
    let board_reader = tokio::spawn(async move {
        board.read_to_end().await;
        board
    });

    // The storm: every phone writes through A and B by turns; B is killed once half the phones
    // are halfway, and the rest go through A.
    let killed = Arc::new(AtomicBool::new(false));
    let (halfway, mut halfway_rx) = tokio::sync::watch::channel(0usize);
    let halfway = Arc::new(halfway);
    let writers: Vec<_> = phones
        .into_iter()
        .enumerate()
        .map(|(i, (phone, page))| {
            let (a_base, b_base) = (a.base.clone(), b_base.clone());
            let killed = Arc::clone(&killed);
            let halfway = Arc::clone(&halfway);
            tokio::spawn(async move {
                let mut acked = Vec::new();
                for n in 0..NOTES_EACH {
                    let text = format!("myrsky puhelin {i} ajatus {n}");
                    let base = if n % 2 == 1 && !killed.load(Ordering::SeqCst) {
                        &b_base
                    } else {
                        &a_base
                    };
                    if let Some(status) = try_write(&phone, base, &page, &text).await {
                        if status == StatusCode::SEE_OTHER {
                            acked.push(text);
                        } else {
                            assert!(status.is_server_error(), "{text}: {status}");
                        }
                    }
                    if n == NOTES_EACH / 2 {
                        halfway.send_modify(|c| *c += 1);
                    }
                }
                acked
            })
        })
        .collect();
    halfway_rx
        .wait_for(|c| *c >= PHONES / 2)
        .await
        .expect("writers run");
    killed.store(true, Ordering::SeqCst);
    server_b.kill();

    let mut acked = BTreeSet::from([first]);
    for w in futures_util::future::join_all(writers).await {
        acked.extend(w.expect("writer ran"));
    }
    assert!(
        acked.len() > PHONES * NOTES_EACH / 2,
        "most notes were acknowledged"
    );

    // The board's stream on B ended with B; it comes back to A from the last event it saw.
    let before = board_reader.await.expect("the board's reader ran");
    let last_seen = ids(&before.events).last().copied();
    let mut after = Stream::open(&facilitator, &events, last_seen).await;
    let seen_before: BTreeSet<String> = note_texts(&before.events).into_iter().collect();
    let still_missing: BTreeSet<String> = acked.difference(&seen_before).cloned().collect();
    after.read_until(has_all(&still_missing)).await;
    projector.read_until(has_all(&acked)).await;

    let stored: BTreeSet<String> = a
        .store
        .notes(lid)
        .await
        .expect("notes read")
        .into_iter()
        .map(|n| n.text)
        .collect();
    let board_events: Vec<_> = before.events.iter().chain(&after.events).cloned().collect();
    for (screen, events) in [("board", &board_events), ("projector", &projector.events)] {
        let texts = note_texts(events);
        let unique: BTreeSet<String> = texts.iter().cloned().collect();
        assert_eq!(texts.len(), unique.len(), "{screen}: each note once");
        assert!(
            acked.is_subset(&unique),
            "{screen}: every acknowledged note"
        );
        assert!(unique.is_subset(&stored), "{screen}: only stored notes");
        let seqs = ids(events);
        assert!(
            seqs.windows(2).all(|w| w[0] < w[1]),
            "{screen}: in seq order: {seqs:?}"
        );
    }
    assert!(
        note_texts(&phone.events).is_empty(),
        "a phone outside any open-space group gets no one else's notes"
    );
    drop(server_b);
    if let Err(e) = std::fs::remove_dir_all(&dir_b) {
        eprintln!("could not remove {}: {e}", dir_b.display());
    }
}
