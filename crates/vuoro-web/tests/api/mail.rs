//! Mail against a real SMTP server: `tests/smtp/sink.py` (Python's aiosmtpd) on a loopback
//! port stores each message it receives as a JSON file; [`Sink`] starts, stops and restarts it
//! and reads what arrived, and [`spawn_with_mail`] starts a server that sends to it, with
//! `public_url` its own address so links in mail can be followed.
//!
//! Without Python's aiosmtpd the tests say so and pass, unless `VUORO_REQUIRE_SMTP=1`
//! (`scripts/test` installs it and sets that).

use crate::helpers::*;
use reqwest::StatusCode;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use time::OffsetDateTime;
use vuoro_store::{MailKind, NewMail, Store};
use vuoro_web::mail::{MailConfig, Mailer, Pass, send_due};

/// The address mail is sent from in the tests.
pub const FROM: &str = "Vuoro <vuoro@test.vuoro.fi>";

/// The SMTP server the tests send to.
pub struct Sink {
    root: PathBuf,
    dir: PathBuf,
    port: u16,
    child: Option<Child>,
}

/// A message as the sink received it.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_tos: Vec<String>,
    pub from: String,
    pub subject: String,
    pub content_type: String,
    pub text: Option<String>,
    pub html: Option<String>,
}

impl Received {
    pub fn text(&self) -> &str {
        self.text.as_deref().unwrap_or_default()
    }

    pub fn html(&self) -> &str {
        self.html.as_deref().unwrap_or_default()
    }

    /// The http(s) addresses in the plain text, in order.
    pub fn links(&self) -> Vec<String> {
        self.text()
            .split_whitespace()
            .filter(|w| w.starts_with("http://") || w.starts_with("https://"))
            .map(|w| {
                w.trim_end_matches(['.', ',', ')', ';', ':', '!', '?'])
                    .to_owned()
            })
            .collect()
    }
}

fn sink_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/smtp/sink.py")
}

/// Starts `sink.py` on `port` (0: a free one); the child and the port it listens on.
fn spawn_sink(dir: &Path, port: u16) -> Result<(Child, u16), String> {
    let mut child = Command::new("python3")
        .arg(sink_script())
        .arg("--dir")
        .arg(dir)
        .arg("--port")
        .arg(port.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("python3 does not start: {e}"))?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .map_err(|e| e.to_string())?;
    match line.trim().strip_prefix("PORT ").map(str::parse::<u16>) {
        Some(Ok(port)) => Ok((child, port)),
        _ => {
            child.kill().ok();
            child.wait().ok();
            Err(format!(
                "the sink did not start (is aiosmtpd installed?): {line:?}"
            ))
        }
    }
}

impl Sink {
    /// A sink on a free loopback port; `None` when it cannot start (the test then passes,
    /// saying why), unless `VUORO_REQUIRE_SMTP=1`.
    pub fn start() -> Option<Sink> {
        let root = temp_dir();
        let dir = root.join("received");
        match spawn_sink(&dir, 0) {
            Ok((child, port)) => Some(Sink {
                root,
                dir,
                port,
                child: Some(child),
            }),
            Err(e) => {
                std::fs::remove_dir_all(&root).ok();
                assert!(
                    std::env::var("VUORO_REQUIRE_SMTP").as_deref() != Ok("1"),
                    "VUORO_REQUIRE_SMTP=1 but the SMTP sink does not start: {e}"
                );
                eprintln!("skipped: {e}; scripts/test installs aiosmtpd");
                None
            }
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Stops the server: connections to its port are refused until [`Sink::restart`].
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().ok();
            child.wait().expect("the sink ends");
        }
    }

    /// Starts the server again on the same port, keeping what it received.
    pub fn restart(&mut self) {
        self.stop();
        let (child, port) = spawn_sink(&self.dir, self.port).expect("the sink starts again");
        assert_eq!(port, self.port);
        self.child = Some(child);
    }

    /// Every message received so far, in the order they arrived.
    pub fn received(&self) -> Vec<Received> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = entries
            .map(|e| e.expect("readable").path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|f| {
                let text = std::fs::read_to_string(f).expect("readable");
                serde_json::from_str(&text).expect("a message the sink wrote")
            })
            .collect()
    }

    /// The messages received for `address`.
    pub fn to(&self, address: &str) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|m| m.rcpt_tos.iter().any(|r| r == address))
            .collect()
    }

    /// Waits until `count` messages for `address` have arrived (at most 30 s) and returns them.
    pub async fn wait_for_count(&self, address: &str, count: usize) -> Vec<Received> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            let got = self.to(address);
            if got.len() >= count {
                return got;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{count} messages to {address} did not arrive; got {got:?}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// Waits for the first message to `address`.
    pub async fn wait_for(&self, address: &str) -> Received {
        self.wait_for_count(address, 1).await.remove(0)
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.stop();
        std::fs::remove_dir_all(&self.root).ok();
    }
}

/// The mail settings of a server sending to `sink`. Its worker polls only hourly, so what it
/// sends in a test is what a handler woke it for; tests drive other passes themselves.
pub fn mail_config(sink: &Sink) -> MailConfig {
    let mut mail = MailConfig::new(&sink.url(), FROM).expect("valid mail settings");
    mail.poll_interval = std::time::Duration::from_secs(3600);
    mail
}

/// A server that sends its mail to `sink`, with links to itself.
pub async fn spawn_with_mail(sink: &Sink) -> TestApp {
    let mail = mail_config(sink);
    spawn_with_base(|base| vuoro_web::WebConfig {
        mail: Some(mail),
        public_url: Some(base.to_owned()),
        ..vuoro_web::WebConfig::default()
    })
    .await
}

/// The path of a link to this server.
fn path_of(app: &TestApp, link: &str) -> String {
    link.strip_prefix(&app.base)
        .unwrap_or_else(|| panic!("{link} leads to this server ({})", app.base))
        .to_owned()
}

async fn assign(app: &TestApp, p: &str, who: &str) {
    let coordinator = app.login("coordinator").await;
    let id = app.user_id(who).await.to_string();
    let r = coordinator
        .post_form(&format!("{p}/assign"), &[("facilitator", &id)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{who} assigned");
    accept_offer(app, p, who).await;
}

async fn add_session(b: &Browser, p: &str, title: &str) {
    let r = b
        .add_session(
            p,
            &[
                ("title", title),
                ("phase", "1"),
                ("date", "2027-01-20"),
                ("start", "09:00"),
                ("end", "10:00"),
                ("format", "face_to_face"),
                ("place", "Luokka 204"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{title} saved");
}

async fn settings(b: &Browser, lang: &str, on: &[&str]) {
    let mut fields = vec![("lang", lang)];
    fields.extend(on.iter().map(|k| ("on", *k)));
    let r = b.post_form("/account/mail", &fields).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/account/mail?saved=1");
}

/// The coordinator assigns a facilitator: the facilitator gets a mail in the language they
/// chose, plain text with an HTML alternative, whose link opens the process for them.
#[tokio::test]
async fn an_assigned_facilitator_gets_a_mail_whose_link_opens_the_process() {
    let Some(sink) = Sink::start() else { return };
    let app = spawn_with_mail(&sink).await;
    let facilitator = app.login("facilitator").await;
    settings(
        &facilitator,
        "sv",
        &["order-assigned", "plan-awaiting-approval"],
    )
    .await;
    let orderer = app.login("orderer").await;
    let p = order(&app, &orderer, "Koulun 8B", "eratauko").await;
    assign(&app, &p, "facilitator").await;

    let m = sink.wait_for(&email("facilitator")).await;
    assert_eq!(m.subject, "Du erbjuds att facilitera: Koulun 8B");
    assert_eq!(m.from, FROM);
    assert_eq!(m.mail_from, "vuoro@test.vuoro.fi");
    assert_eq!(m.content_type, "multipart/alternative");
    assert!(
        m.text()
            .starts_with("Testi coordinator erbjuder dig att facilitera"),
        "{}",
        m.text()
    );
    let link = format!("{}{p}", app.base);
    assert_eq!(
        m.links(),
        [link.clone(), format!("{}/account/mail", app.base)]
    );
    assert!(
        m.html().contains(&format!("<a href=\"{link}\">{link}</a>")),
        "{}",
        m.html()
    );
    assert!(m.html().contains("<html lang=\"sv\">"), "{}", m.html());

    // The link opens the process for the facilitator, and for nobody else.
    let (status, page) = facilitator.text(&path_of(&app, &link)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Koulun 8B"));
    let (status, _) = app
        .login("facilitator2")
        .await
        .text(&path_of(&app, &link))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let state = app.store.outbox_state().await.expect("outbox");
    assert_eq!((state.waiting, state.failing), (0, 0));
    assert_eq!(sink.received().len(), 1, "nobody else was mailed");
}

/// A plan saved while it is being agreed waits for the other side: its orderer (or
/// facilitator) is mailed, once per round of approval, not at every step of an edit.
#[tokio::test]
async fn a_plan_waiting_for_approval_is_mailed_once_per_round() {
    let Some(sink) = Sink::start() else { return };
    let app = spawn_with_mail(&sink).await;
    let orderer = app.login("orderer").await;
    let facilitator = app.login("facilitator").await;
    let p = order(&app, &orderer, "Kotihoidon tiimi", "eratauko").await;
    assign(&app, &p, "facilitator").await;
    sink.wait_for(&email("facilitator")).await;

    add_session(&facilitator, &p, "Ensimmäinen").await;
    let first = sink.wait_for(&email("orderer")).await;
    assert_eq!(
        first.subject,
        "Suunnitelma odottaa hyväksyntääsi: Kotihoidon tiimi"
    );
    assert!(
        first
            .text()
            .starts_with("Testi facilitator tallensi dialogiprosessin Kotihoidon tiimi"),
        "{}",
        first.text()
    );
    let link = first.links().remove(0);
    let (status, page) = orderer.text(&path_of(&app, &link)).await;
    assert_eq!(status, StatusCode::OK);
    let v = plan_version(&page);

    // The next step of the same edit mails nobody; the orderer's approval ends the round.
    add_session(&facilitator, &p, "Toinen").await;
    let (_, page) = orderer.text(&p).await;
    let v2 = plan_version(&page);
    assert_ne!(v, v2);
    let r = orderer
        .post_form(
            &format!("{p}/approve"),
            &[("as", "orderer"), ("version", &v2)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    add_session(&facilitator, &p, "Kolmas").await;
    // The orderer's own change waits for the facilitator; once that mail is in, every earlier
    // one has been sent (the worker sends in the order they were written).
    add_session(&orderer, &p, "Neljäs").await;
    let to_facilitator = sink.wait_for_count(&email("facilitator"), 2).await;
    assert_eq!(
        to_facilitator[1].subject,
        "Suunnitelma odottaa hyväksyntääsi: Kotihoidon tiimi"
    );
    let to_orderer = sink.to(&email("orderer"));
    assert_eq!(
        to_orderer.len(),
        2,
        "one mail per round: {:?}",
        to_orderer.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
}

/// A kind a person turned off is not sent to them; the others still are. Invitations and the
/// like cannot be turned off.
#[tokio::test]
async fn a_kind_turned_off_is_not_sent() {
    let Some(sink) = Sink::start() else { return };
    let app = spawn_with_mail(&sink).await;
    let facilitator = app.login("facilitator").await;
    settings(&facilitator, "fi", &["plan-awaiting-approval"]).await;
    let (status, page) = facilitator.text("/account/mail?saved=1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Sähköpostiasetukset on tallennettu."));
    assert!(page.contains("value=\"plan-awaiting-approval\" checked"));
    assert!(page.contains("value=\"order-assigned\">"), "off: {page}");
    assert!(
        !page.contains("value=\"invitation\""),
        "an invitation is always sent"
    );
    let id = app.user_id("facilitator").await;
    assert_eq!(
        app.store.mail_preferences(id).await.expect("read"),
        [
            MailKind::OrderAssigned,
            MailKind::OfferDeclined,
            MailKind::OfferWithdrawn,
            MailKind::SessionReminder,
            MailKind::PracticeFollowUp,
            MailKind::SummaryForComments,
            MailKind::SummaryPublished,
        ]
    );

    let orderer = app.login("orderer").await;
    let p = order(&app, &orderer, "Koulun 8B", "eratauko").await;
    assign(&app, &p, "facilitator").await;
    add_session(&orderer, &p, "Luokan tuokio").await;
    let got = sink.wait_for(&email("facilitator")).await;
    assert_eq!(got.subject, "Suunnitelma odottaa hyväksyntääsi: Koulun 8B");
    assert_eq!(
        sink.to(&email("facilitator")).len(),
        1,
        "the assignment was not mailed"
    );
}

fn message(to: &str) -> NewMail {
    NewMail {
        kind: MailKind::OrderAssigned,
        to: to.to_owned(),
        user: None,
        subject: format!("Viesti {to}"),
        text: "Teksti".into(),
        html: "<p>Teksti</p>".into(),
        dedupe: None,
    }
}

/// While the mail server is down a message waits in the outbox and is retried later; once
/// the server is back it arrives, exactly once.
#[tokio::test]
async fn mail_waits_while_the_server_is_down_and_arrives_once_it_is_back() {
    let Some(mut sink) = Sink::start() else {
        return;
    };
    let app = spawn_with_mail(&sink).await;
    let mailer = Mailer::new(&mail_config(&sink));
    // A day ahead, so the server's own worker (which uses the clock) never finds it due.
    let t0 = OffsetDateTime::now_utc() + time::Duration::days(1);
    let to = "odottaja@test.vuoro.fi";
    sink.stop();
    app.store
        .enqueue_mail(&[message(to)], t0)
        .await
        .expect("queued");

    let pass = send_due(app.store.as_ref(), &mailer, t0)
        .await
        .expect("pass");
    assert_eq!(
        pass,
        Pass {
            sent: 0,
            failed: 1,
            refused: 0
        }
    );
    let state = app.store.outbox_state().await.expect("outbox");
    assert_eq!((state.waiting, state.failing), (1, 1));
    let error = state.last_error.expect("the failure is kept");
    assert!(error.contains(&sink.url()), "{error}");

    let soon = t0 + time::Duration::seconds(10);
    let pass = send_due(app.store.as_ref(), &mailer, soon)
        .await
        .expect("pass");
    assert_eq!(pass, Pass::default(), "not retried before its time");

    sink.restart();
    let later = t0 + vuoro_web::mail::worker::backoff(0);
    let pass = send_due(app.store.as_ref(), &mailer, later)
        .await
        .expect("pass");
    assert_eq!(
        pass,
        Pass {
            sent: 1,
            failed: 0,
            refused: 0
        }
    );
    let pass = send_due(
        app.store.as_ref(),
        &mailer,
        later + time::Duration::hours(2),
    )
    .await
    .expect("pass");
    assert_eq!(pass, Pass::default());
    let got = sink.to(to);
    assert_eq!(got.len(), 1, "sent once");
    assert_eq!(got[0].subject, format!("Viesti {to}"));
    assert_eq!(app.store.outbox_state().await.expect("outbox").waiting, 0);
}

/// A message the mail server refuses for good (no such mailbox) is not tried again: its body
/// is erased, the outbox counts it as refused, and other messages go on.
#[tokio::test]
async fn a_message_refused_for_good_is_not_tried_again() {
    let Some(sink) = Sink::start() else { return };
    let app = spawn_with_mail(&sink).await;
    let mailer = Mailer::new(&mail_config(&sink));
    let t0 = OffsetDateTime::now_utc() + time::Duration::days(1);
    let ok = "perilla@test.vuoro.fi";
    app.store
        .enqueue_mail(&[message("ei-ole@refused.test"), message(ok)], t0)
        .await
        .expect("queued");
    let pass = send_due(app.store.as_ref(), &mailer, t0)
        .await
        .expect("pass");
    assert_eq!(
        pass,
        Pass {
            sent: 1,
            failed: 0,
            refused: 1
        }
    );
    assert_eq!(sink.to(ok).len(), 1, "the other message went");
    let state = app.store.outbox_state().await.expect("outbox");
    assert_eq!((state.waiting, state.failing, state.refused), (0, 0, 1));
    let pass = send_due(
        app.store.as_ref(),
        &mailer,
        t0 + vuoro_web::mail::worker::LONGEST_RETRY * 3,
    )
    .await
    .expect("pass");
    assert_eq!(pass, Pass::default(), "never tried again");
}

/// Two server processes on one database sending at the same moment send each message once.
#[tokio::test]
async fn two_servers_send_each_message_once() {
    let Some(sink) = Sink::start() else { return };
    let app = spawn_with_mail(&sink).await;
    let other = app.beside().await;
    let t0 = OffsetDateTime::now_utc() + time::Duration::days(1);
    let messages: Vec<NewMail> = (0..24)
        .map(|i| message(&format!("vastaanottaja{i}@test.vuoro.fi")))
        .collect();
    app.store.enqueue_mail(&messages, t0).await.expect("queued");
    let send = |store: Arc<dyn Store>| {
        let mailer = Mailer::new(&mail_config(&sink));
        async move { send_due(store.as_ref(), &mailer, t0).await.expect("pass") }
    };
    let (a, b) = tokio::join!(send(app.store.clone()), send(other.store.clone()));
    assert_eq!((a.failed, b.failed), (0, 0));
    assert_eq!(a.sent + b.sent, 24);
    let mut per_address: BTreeMap<String, usize> = BTreeMap::new();
    for m in sink.received() {
        for r in m.rcpt_tos {
            *per_address.entry(r).or_default() += 1;
        }
    }
    assert_eq!(per_address.len(), 24);
    assert!(
        per_address.values().all(|n| *n == 1),
        "each once: {per_address:?}"
    );
}

/// A facilitator declines an order offered to them: the coordinator who offered it gets a mail
/// with the reason and a link to the order's next proposals.
#[tokio::test]
async fn a_declined_order_tells_the_coordinator_why() {
    let Some(sink) = Sink::start() else { return };
    let app = spawn_with_mail(&sink).await;
    let orderer = app.login("orderer").await;
    let p = order(&app, &orderer, "Kirjasto", "eratauko").await;
    let coordinator = app.login("coordinator").await;
    let id = app.user_id("facilitator").await.to_string();
    let r = coordinator
        .post_form(&format!("{p}/assign"), &[("facilitator", &id)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let facilitator = app.login("facilitator").await;
    let r = facilitator
        .post_form(
            &format!("{p}/offer"),
            &[
                ("answer", "decline"),
                ("reason", "Olen lomalla toukokuussa"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let m = sink.wait_for(&email("coordinator")).await;
    assert_eq!(m.subject, "Testi facilitator kieltäytyi: Kirjasto");
    assert!(
        m.text().contains("Syy: Olen lomalla toukokuussa"),
        "{}",
        m.text()
    );
    assert_eq!(m.links()[0], format!("{}{p}/proposals", app.base));
}

/// An order offered to one facilitator goes to another before they answer: the first is told
/// they need not answer.
#[tokio::test]
async fn a_withdrawn_offer_tells_the_facilitator() {
    let Some(sink) = Sink::start() else { return };
    let app = spawn_with_mail(&sink).await;
    let orderer = app.login("orderer").await;
    let p = order(&app, &orderer, "Kirjasto", "eratauko").await;
    let coordinator = app.login("coordinator").await;
    for who in ["facilitator", "facilitator2"] {
        let id = app.user_id(who).await.to_string();
        let r = coordinator
            .post_form(&format!("{p}/assign"), &[("facilitator", &id)])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{who}");
    }
    let got = sink.wait_for_count(&email("facilitator"), 2).await;
    let m = got
        .iter()
        .find(|m| m.subject == "Tilaus annettiin toiselle: Kirjasto")
        .expect("the withdrawal");
    assert!(
        m.text().contains("Sinun ei tarvitse vastata."),
        "{}",
        m.text()
    );
    assert_eq!(m.links()[0], format!("{}/facilitation", app.base));
}
