//! `vuoro-load`: a bounded load test of live sessions. It seeds a fresh database (a SQLite file,
//! or the PostgreSQL database `--db` names), starts `--servers` release servers on it, each on a
//! loopback port, opens one board stream per session (the facilitator) and one stream per
//! participant's phone, then posts notes at a fixed rate and presses `next` now and then,
//! measuring how long each note takes to reach its board and each `moved` to reach every phone.
//! With several servers a session's board is on one and its phones on the others, so every
//! note and every `moved` crosses between processes. It prints what it measured, with each
//! server's CPU time and memory, and stops by itself: setup is bounded by `--setup-timeout`, the
//! load by `--seconds`.
//!
//! `vuoro-load open-space` is the other scenario: a big open-space day, with every phone
//! fetching its fragment again after each change as `live.js` does (see `open_space.rs`).
//!
//! Run it through `scripts/load-live`, which builds the binaries and raises the open-file limit.

mod db;
mod open_space;
mod seed;
mod server;
mod sse;

use anyhow::{Context, bail};
use clap::Parser;
use reqwest::Client;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::redirect::Policy;
use server::{ProcSample, Server};
use sse::{Outcome, Screen, Shared, Stamp};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;

#[derive(Parser, Debug, Clone)]
#[command(
    name = "vuoro-load",
    about = "Load test of live sessions against the release server (loopback only, bounded)",
    args_conflicts_with_subcommands = true
)]
struct Args {
    /// Another scenario than notes (the default, whose flags are below).
    #[command(subcommand)]
    scenario: Option<Scenario>,
    /// Live sessions, each in its own process with its own facilitator board.
    #[arg(long, default_value_t = 300)]
    sessions: usize,
    /// Participants' phones per session, each with its own event stream.
    #[arg(long, default_value_t = 20)]
    per_session: usize,
    /// Notes per second over all sessions.
    #[arg(long, default_value_t = 100.0)]
    rate: f64,
    /// How long notes are posted, in seconds.
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    /// The server binary.
    #[arg(long, default_value = "target/release/vuoro", global = true)]
    server_bin: PathBuf,
    /// The database: a SQLite file or `sqlite:` URL, or a `postgres://` URL of an empty
    /// database; without it a fresh SQLite file in a temporary directory.
    #[arg(long, global = true)]
    db: Option<String>,
    /// Server processes on the database, each on its own loopback port (more than one needs
    /// PostgreSQL: one process per SQLite file).
    #[arg(long, default_value_t = 1, global = true)]
    servers: usize,
    /// Seconds between two `next` presses in one session (staggered over sessions); 0: none.
    #[arg(long, default_value_t = 5.0)]
    control_every: f64,
    /// Streams being opened at the same time.
    #[arg(long, default_value_t = 64, global = true)]
    connect_concurrency: usize,
    /// Longest time for seeding, start-up and connecting, in seconds.
    #[arg(long, default_value_t = 300, global = true)]
    setup_timeout: u64,
    /// Phones behave like a browser running `live.js`: on `moved` they reload the participant
    /// page and reopen the stream, and after posting a note they load the page it redirects to.
    #[arg(long)]
    reload: bool,
}

#[derive(clap::Subcommand, Debug, Clone)]
enum Scenario {
    /// A big open-space day: phones propose and pick topics, and every phone fetches its
    /// open-space fragment again after each change, as `live.js` does.
    OpenSpace(open_space::OsArgs),
}

/// Notes posted but not yet answered; beyond this the generator skips notes (and says so)
/// rather than pile up requests without end.
const MAX_IN_FLIGHT: usize = 2_000;
/// How long after the last note the boards may still receive it.
const GRACE: Duration = Duration::from_secs(3);
/// How long answers to the last posts may take.
const DRAIN: Duration = Duration::from_secs(30);

/// Collects what the posting tasks return, waiting at most [`DRAIN`] for the slow ones and
/// abandoning the rest, so a stuck server cannot keep the test from ending.
async fn drain<T: 'static>(set: &mut tokio::task::JoinSet<T>) -> Vec<T> {
    let mut out = Vec::new();
    let drained = tokio::time::timeout(DRAIN, async {
        while let Some(r) = set.join_next().await {
            if let Ok(p) = r {
                out.push(p);
            }
        }
    })
    .await;
    if drained.is_err() {
        set.abort_all();
    }
    out
}
/// Any 64 hex digits do for the double-submit CSRF cookie and field.
const CSRF: &str = "6c6f61642d74657374206373726620746f6b656e206f662036342068657821ff";

/// The temporary directory of one run, removed at the end.
#[derive(Debug)]
struct WorkDir(PathBuf);

impl Drop for WorkDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let dir = std::env::temp_dir().join(format!("vuoro-load-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("error: creating {}: {e}", dir.display());
        return std::process::ExitCode::FAILURE;
    }
    let work = WorkDir(dir);
    let result = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the runtime")
        .and_then(|rt| {
            rt.block_on(async {
                match &args.scenario {
                    Some(Scenario::OpenSpace(os)) => open_space::run(&args, os, &work.0).await,
                    None => run(&args, &work.0).await,
                }
            })
        });
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            for k in 0..args.servers {
                let name = format!("server-{k}.log");
                let log = std::fs::read_to_string(work.0.join(&name)).unwrap_or_default();
                let tail: Vec<&str> = log.lines().rev().take(20).collect();
                if !tail.is_empty() {
                    eprintln!("last lines of server {k}'s log:");
                    for l in tail.iter().rev() {
                        eprintln!("  {l}");
                    }
                }
            }
            std::process::ExitCode::FAILURE
        }
    }
}

/// What both scenarios ask of `--db` and `--servers`.
fn check_servers(args: &Args, dir: &Path) -> anyhow::Result<()> {
    if args.servers == 0 {
        bail!("--servers must be at least 1");
    }
    if args.servers > 1 && db::Db::parse(args.db.as_deref(), dir)?.is_sqlite() {
        bail!(
            "--servers {} needs PostgreSQL (--db postgres://...): a SQLite file is served by \
             one process",
            args.servers
        );
    }
    Ok(())
}

fn check(args: &Args) -> anyhow::Result<()> {
    if args.sessions == 0 || args.per_session == 0 {
        bail!("--sessions and --per-session must be at least 1");
    }
    if !(args.rate > 0.0 && args.rate.is_finite()) || args.seconds == 0 {
        bail!("--rate and --seconds must be positive");
    }
    // Notes rotate over every participant; each must stay under the server's per-minute limit
    // with a margin, or the server (rightly) refuses notes and the test measures the limit.
    let phones = (args.sessions * args.per_session) as f64;
    let per_minute = args.rate * 60.0 / phones;
    let limit = vuoro_web::live::NOTES_PER_MINUTE as f64;
    if per_minute > 0.9 * limit {
        bail!(
            "{per_minute:.1} notes/min per participant exceeds 90 % of the server's limit of \
             {limit} notes/min: raise --sessions or --per-session, or lower --rate (at most {:.1})",
            0.9 * limit * phones / 60.0
        );
    }
    let streams = args.sessions * (args.per_session + 1);
    if let Some(limit) = server::open_file_limit() {
        let need = streams as u64 + 512;
        if limit < need {
            bail!(
                "the open-file limit is {limit}, but {streams} streams need about {need} \
                 descriptors in this process and as many in the server: raise it \
                 (`ulimit -n {need}`; scripts/load-live does this)"
            );
        }
    }
    Ok(())
}

/// CPU seconds all servers spent between two samplings.
fn cpu_between(before: &[ProcSample], after: &[ProcSample]) -> f64 {
    let total = |v: &[ProcSample]| v.iter().map(|p| p.cpu_s).sum::<f64>();
    total(after) - total(before)
}

fn ms(us: u64) -> String {
    format!("{:.1} ms", us as f64 / 1000.0)
}

/// Nearest-rank percentile of sorted values.
fn pct(sorted: &[u64], p: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn dist(label: &str, values: &mut [u64]) {
    values.sort_unstable();
    if values.is_empty() {
        println!("{label:<36} none");
        return;
    }
    println!(
        "{label:<36} p50 {:>9}  p90 {:>9}  p99 {:>9}  max {:>9}  (n = {})",
        ms(pct(values, 50.0)),
        ms(pct(values, 90.0)),
        ms(pct(values, 99.0)),
        ms(*values.last().unwrap_or(&0)),
        values.len()
    );
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

/// Logs in over HTTP as the facilitator; returns the cookie header for staff requests.
async fn login(client: &Client, base: &str) -> anyhow::Result<String> {
    let r = client
        .post(format!("{base}/login"))
        .header(COOKIE, format!("vuoro_csrf={CSRF}"))
        .form(&[
            ("csrf", CSRF),
            ("email", seed::FACILITATOR_EMAIL),
            ("password", seed::PASSWORD),
        ])
        .send()
        .await
        .context("log-in request")?;
    let to = r
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if r.status().as_u16() != 303 || to != "/" {
        bail!("log-in failed: status {}", r.status());
    }
    let session = r
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|kv| kv.starts_with("vuoro_session="))
        .context("no session cookie after log-in")?
        .to_owned();
    Ok(format!("{session}; vuoro_csrf={CSRF}"))
}

/// The answer to one posted note or control action.
#[derive(Debug)]
struct Posted {
    session: usize,
    id: u64,
    sent_us: u64,
    answer_us: u64,
    /// The HTTP status, or None when the request failed.
    status: Option<u16>,
}

/// One form post to make.
struct Job {
    url: String,
    /// The page to load after a 303, as a browser follows the redirect (with `--reload`).
    follow: Option<String>,
    cookie: String,
    fields: Vec<(&'static str, String)>,
    session: usize,
    id: u64,
}

async fn post(client: Client, job: Job, start: Instant) -> Posted {
    let sent_us = sse::micros(start);
    let r = client
        .post(&job.url)
        .header(COOKIE, &job.cookie)
        .form(&job.fields)
        .send()
        .await;
    let answer_us = sse::micros(start).saturating_sub(sent_us);
    let status = r.ok().map(|r| r.status().as_u16());
    if let (Some(303), Some(page)) = (status, &job.follow)
        && let Ok(r) = client.get(page).header(COOKIE, &job.cookie).send().await
    {
        let _ = r.bytes().await;
    }
    Posted {
        session: job.session,
        id: job.id,
        sent_us,
        answer_us,
        status,
    }
}

struct Load {
    notes: Vec<Posted>,
    skipped: u64,
    controls: Vec<Posted>,
}

/// Posts notes at the set rate, round-robin over sessions and over each session's phones (each
/// phone to its own server), and presses `next` in every session every `control_every`
/// seconds, staggered (on the server of the session's board).
async fn load(
    args: &Args,
    client: &Client,
    bases: &[String],
    staff: &str,
    seeded: &[seed::Seeded],
    start: Instant,
) -> Load {
    let t0 = tokio::time::Instant::now();
    let in_flight = Arc::new(Semaphore::new(MAX_IN_FLIGHT));

    let notes = {
        let client = client.clone();
        let in_flight = in_flight.clone();
        let seeded = seeded.to_vec();
        let bases = bases.to_vec();
        let (rate, seconds, n, reload) = (args.rate, args.seconds, args.sessions, args.reload);
        tokio::spawn(async move {
            let total = (rate * seconds as f64).round() as u64;
            let mut set = JoinSet::new();
            let mut skipped = 0;
            for i in 0..total {
                tokio::time::sleep_until(t0 + Duration::from_secs_f64(i as f64 / rate)).await;
                let session = (i % n as u64) as usize;
                let round = (i / n as u64) as usize;
                let Some(s) = seeded.get(session) else {
                    continue;
                };
                let j = round % s.phones.len().max(1);
                let Some(phone) = s.phones.get(j) else {
                    continue;
                };
                let base = &bases[phone_server(session, j, bases.len())];
                let Ok(permit) = in_flight.clone().try_acquire_owned() else {
                    skipped += 1;
                    continue;
                };
                let text = sse::note_text(Stamp {
                    id: i,
                    session,
                    sent_us: sse::micros(start),
                });
                let job = Job {
                    url: format!("{base}/live/{}/notes", s.live),
                    follow: reload.then(|| format!("{base}/live/{}", s.live)),
                    cookie: format!("{phone}; vuoro_csrf={CSRF}"),
                    fields: vec![("csrf", CSRF.to_owned()), ("text", text)],
                    session,
                    id: i,
                };
                let client = client.clone();
                set.spawn(async move {
                    let r = post(client, job, start).await;
                    drop(permit);
                    r
                });
            }
            let out = drain(&mut set).await;
            (out, skipped)
        })
    };

    let controls = {
        let client = client.clone();
        let lives: Vec<String> = seeded.iter().map(|s| s.live.to_string()).collect();
        let bases = bases.to_vec();
        let staff = staff.to_owned();
        let (every, seconds) = (args.control_every, args.seconds as f64);
        tokio::spawn(async move {
            let mut plan: Vec<(f64, usize)> = Vec::new();
            if every > 0.0 {
                let n = lives.len() as f64;
                for (s, _) in lives.iter().enumerate() {
                    let mut t = every * (s as f64 + 0.5) / n;
                    while t < seconds {
                        plan.push((t, s));
                        t += every;
                    }
                }
            }
            plan.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut set = JoinSet::new();
            for (k, (t, s)) in plan.into_iter().enumerate() {
                tokio::time::sleep_until(t0 + Duration::from_secs_f64(t)).await;
                let Some(live) = lives.get(s) else { continue };
                let base = &bases[board_server(s, bases.len())];
                let job = Job {
                    url: format!("{base}/live/{live}/control"),
                    follow: None,
                    cookie: staff.clone(),
                    fields: vec![("csrf", CSRF.to_owned()), ("do", "next".to_owned())],
                    session: s,
                    id: k as u64,
                };
                set.spawn(post(client.clone(), job, start));
            }
            drain(&mut set).await
        })
    };
    let (notes, skipped) = notes.await.unwrap_or_default();
    let controls = controls.await.unwrap_or_default();
    Load {
        notes,
        skipped,
        controls,
    }
}

/// One server process under test.
pub(crate) struct Up {
    srv: Server,
    pid: String,
    base: String,
    /// The server before any load.
    idle: ProcSample,
}

/// A seeded database and the servers running on it (at least one), with the facilitator logged
/// in (on the first; the log-in is a row in the database, so it holds on every server).
struct Booted {
    seeded: Vec<seed::Seeded>,
    servers: Vec<Up>,
    /// The facilitator's cookies.
    staff: String,
}

/// Seeds the database `--db` names (a fresh file in `dir` by default), starts `--servers`
/// servers on it and logs in as the facilitator.
async fn boot(
    args: &Args,
    dir: &Path,
    sessions: usize,
    per_session: usize,
    setup_deadline: tokio::time::Instant,
    ticks: f64,
) -> anyhow::Result<Booted> {
    check_servers(args, dir)?;
    let db = db::Db::parse(args.db.as_deref(), dir)?;
    println!("database: {}", db.describe());
    // Seeding.
    let t = Instant::now();
    let seeded = tokio::time::timeout_at(setup_deadline, async {
        let store = db.open().await?;
        seed::seed(store, sessions, per_session).await
    })
    .await
    .context("seeding took longer than --setup-timeout")??;
    println!(
        "seeded {} sessions and {} participants in {:.1} s",
        seeded.len(),
        seeded.len() * per_session,
        t.elapsed().as_secs_f64()
    );

    // The servers, one after another: each runs the migrations at start, which are then done.
    let bin = args.server_bin.canonicalize().with_context(|| {
        format!(
            "server binary {} (build it with `cargo build --release --bin vuoro`)",
            args.server_bin.display()
        )
    })?;
    let mut servers = Vec::with_capacity(args.servers);
    for k in 0..args.servers {
        let (bin2, db2, dir2) = (bin.clone(), db.server_arg(), dir.to_owned());
        let srv: Server = tokio::task::spawn_blocking(move || {
            server::start(&bin2, &db2, k, &dir2, Duration::from_secs(30))
        })
        .await??;
        let pid = srv.pid.to_string();
        let base = format!("http://{}", srv.addr);
        println!("server {k}: {} (pid {pid}) at {base}", bin.display());
        servers.push(Up {
            srv,
            pid,
            base,
            idle: ProcSample::default(),
        });
    }
    let client = Client::builder()
        .redirect(Policy::none())
        .build()
        .context("HTTP client")?;
    let first = servers.first().context("no server")?;
    let staff = login(&client, &first.base).await?;
    for up in &mut servers {
        up.idle = server::sample(&up.pid, ticks)?;
    }
    Ok(Booted {
        seeded,
        servers,
        staff,
    })
}

/// The server of session `s`'s board: round robin over the servers.
fn board_server(s: usize, servers: usize) -> usize {
    s % servers
}

/// The server of phone `j` of session `s`: round robin over the servers other than its board's,
/// so with several servers every note and every `moved` crosses between processes.
fn phone_server(s: usize, j: usize, servers: usize) -> usize {
    if servers <= 1 {
        return 0;
    }
    (board_server(s, servers) + 1 + j % (servers - 1)) % servers
}

/// CPU time and memory of every server, read at once.
fn sample_all(servers: &[Up], ticks: f64) -> anyhow::Result<Vec<ProcSample>> {
    servers
        .iter()
        .map(|u| server::sample(&u.pid, ticks))
        .collect()
}

async fn run(args: &Args, dir: &Path) -> anyhow::Result<()> {
    check(args)?;
    let command: Vec<String> = std::env::args().collect();
    println!("machine: {}", server::machine());
    println!("command: {}", command.join(" "));
    println!(
        "open-file limit: {}",
        server::open_file_limit().map_or("unknown".into(), |l| l.to_string())
    );
    let streams = args.sessions * (args.per_session + 1);
    println!(
        "plan: {} sessions x {} phones = {} phone streams + {} boards; {} notes/s for {} s \
         ({:.1} notes/min per participant); `next` every {} s per session{}",
        args.sessions,
        args.per_session,
        args.sessions * args.per_session,
        args.sessions,
        args.rate,
        args.seconds,
        args.rate * 60.0 / (args.sessions * args.per_session) as f64,
        args.control_every,
        if args.reload {
            "; phones reload like live.js"
        } else {
            ""
        }
    );
    let start = Instant::now();
    let ticks = server::clock_ticks();
    let setup = Duration::from_secs(args.setup_timeout);
    let setup_deadline = tokio::time::Instant::now() + setup;

    let Booted {
        seeded,
        servers,
        staff,
    } = boot(
        args,
        dir,
        args.sessions,
        args.per_session,
        setup_deadline,
        ticks,
    )
    .await?;

    // Streams: the boards first, then the phones.
    let (stop_tx, stop_rx) = watch::channel(false);
    let shared = Shared {
        client: Client::builder()
            .redirect(Policy::none())
            .tcp_nodelay(true)
            .pool_max_idle_per_host(0)
            .build()
            .context("HTTP client")?,
        start,
        opening: Arc::new(Semaphore::new(args.connect_concurrency.max(1))),
        connected: Arc::new(AtomicUsize::new(0)),
        failed: Arc::new(AtomicUsize::new(0)),
        stop: stop_rx,
        reload: args.reload,
    };
    let mut followers = JoinSet::new();
    let t = Instant::now();
    let gen_before_connect = server::sample("self", ticks)?;
    let bases: Vec<String> = servers.iter().map(|u| u.base.clone()).collect();
    let n = bases.len();
    for (i, s) in seeded.iter().enumerate() {
        let base = &bases[board_server(i, n)];
        followers.spawn(sse::follow(
            shared.clone(),
            format!("{base}/live/{}/events", s.live),
            staff.clone(),
            Screen::Board,
            i,
        ));
    }
    for (i, s) in seeded.iter().enumerate() {
        for (j, phone) in s.phones.iter().enumerate() {
            let base = &bases[phone_server(i, j, n)];
            followers.spawn(sse::follow(
                shared.clone(),
                format!("{base}/live/{}/events", s.live),
                phone.clone(),
                Screen::Phone,
                i,
            ));
        }
    }
    let mut last_report = Instant::now();
    loop {
        let (c, f) = (
            shared.connected.load(Ordering::Relaxed),
            shared.failed.load(Ordering::Relaxed),
        );
        if c + f >= streams {
            break;
        }
        if tokio::time::Instant::now() >= setup_deadline {
            println!("setup timeout: {c} of {streams} streams connected, {f} failed");
            break;
        }
        if last_report.elapsed() >= Duration::from_secs(5) {
            println!("  connecting: {c} connected, {f} failed");
            last_report = Instant::now();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let connect_s = t.elapsed().as_secs_f64();
    let connected = shared.connected.load(Ordering::Relaxed);
    let failed = shared.failed.load(Ordering::Relaxed);
    let after_connect = sample_all(&servers, ticks)?;
    let gen_after_connect = server::sample("self", ticks)?;
    println!(
        "connected {connected} of {streams} streams in {connect_s:.1} s ({:.0}/s), {failed} failed",
        connected as f64 / connect_s.max(1e-9)
    );
    if connected == 0 {
        bail!("no stream connected");
    }
    // Let the connection storm settle before the load starts.
    tokio::time::sleep(Duration::from_secs(2)).await;

    // Load.
    let posts = Client::builder()
        .redirect(Policy::none())
        .pool_max_idle_per_host(512)
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(30))
        .build()
        .context("HTTP client")?;
    let before = sample_all(&servers, ticks)?;
    let gen_before = server::sample("self", ticks)?;
    let t = Instant::now();
    let load = tokio::time::timeout(
        Duration::from_secs(args.seconds) + DRAIN + Duration::from_secs(10),
        load(args, &posts, &bases, &staff, &seeded, start),
    )
    .await
    .context("the load did not finish in time")?;
    let load_s = t.elapsed().as_secs_f64();
    tokio::time::sleep(GRACE).await;
    let after = sample_all(&servers, ticks)?;
    let gen_after = server::sample("self", ticks)?;
    let window_s = load_s + GRACE.as_secs_f64();

    // Stop the streams and collect what they saw.
    let _ = stop_tx.send(true);
    let mut outcomes: Vec<Outcome> = Vec::with_capacity(streams);
    let collected = tokio::time::timeout(Duration::from_secs(20), async {
        while let Some(r) = followers.join_next().await {
            if let Ok(o) = r {
                outcomes.push(o);
            }
        }
    })
    .await;
    if collected.is_err() {
        followers.abort_all();
        println!("warning: some streams did not stop within 20 s");
    }
    let problems: Vec<u64> = servers
        .iter()
        .map(|u| u.srv.problems.load(Ordering::Relaxed))
        .collect();
    let samples: Vec<String> = servers
        .iter()
        .flat_map(|u| u.srv.samples.lock().map(|s| s.clone()).unwrap_or_default())
        .collect();
    let idle: Vec<ProcSample> = servers.iter().map(|u| u.idle).collect();
    drop(servers);

    report(
        args,
        &Report {
            connected,
            failed,
            streams,
            connect_s,
            window_s,
            idle,
            after_connect,
            before,
            after,
            gen_before_connect,
            gen_after_connect,
            gen_before,
            gen_after,
            problems,
            samples,
        },
        &load,
        &outcomes,
    );
    Ok(())
}

struct Report {
    connected: usize,
    failed: usize,
    streams: usize,
    connect_s: f64,
    window_s: f64,
    /// Per server, in the order they were started.
    idle: Vec<ProcSample>,
    after_connect: Vec<ProcSample>,
    before: Vec<ProcSample>,
    after: Vec<ProcSample>,
    gen_before_connect: ProcSample,
    gen_after_connect: ProcSample,
    gen_before: ProcSample,
    gen_after: ProcSample,
    /// Warnings and errors each server logged.
    problems: Vec<u64>,
    samples: Vec<String>,
}

fn report(args: &Args, r: &Report, load: &Load, outcomes: &[Outcome]) {
    println!();
    println!("== results ==");
    let boards: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| o.screen == Screen::Board)
        .collect();
    let phones: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| o.screen == Screen::Phone)
        .collect();
    let up = |v: &[&Outcome]| v.iter().filter(|o| o.connected).count();
    let early = outcomes.iter().filter(|o| o.ended_early).count();
    println!(
        "streams: {} of {} connected ({} boards, {} phones), {} failed, {} ended early by the server",
        r.connected,
        r.streams,
        up(&boards),
        up(&phones),
        r.failed,
        early
    );
    let mut reasons: Vec<String> = outcomes.iter().filter_map(|o| o.error.clone()).collect();
    reasons.sort();
    reasons.dedup();
    for e in reasons.iter().take(5) {
        println!("  stream error: {e}");
    }
    println!(
        "connect: {:.1} s for {} streams; server CPU {:.1} s, generator CPU {:.1} s",
        r.connect_s,
        r.streams,
        cpu_between(&r.idle, &r.after_connect),
        r.gen_after_connect.cpu_s - r.gen_before_connect.cpu_s
    );

    // Notes.
    let acked: HashSet<u64> = load
        .notes
        .iter()
        .filter(|p| p.status == Some(303))
        .map(|p| p.id)
        .collect();
    let mut statuses: Vec<(Option<u16>, usize)> = Vec::new();
    for p in &load.notes {
        match statuses.iter_mut().find(|(s, _)| *s == p.status) {
            Some((_, n)) => *n += 1,
            None => statuses.push((p.status, 1)),
        }
    }
    statuses.sort();
    let mut delivered: HashSet<u64> = HashSet::new();
    let mut latencies = Vec::new();
    let mut duplicates = 0u64;
    let mut misrouted = 0u64;
    let mut malformed = 0u64;
    for o in outcomes {
        malformed += o.malformed;
        for a in &o.notes {
            if a.stamp.session != o.session {
                misrouted += 1;
            }
            if delivered.insert(a.stamp.id) {
                latencies.push(a.latency_us);
            } else {
                duplicates += 1;
            }
        }
    }
    let lost = acked.iter().filter(|id| !delivered.contains(id)).count();
    let planned = (args.rate * args.seconds as f64).round() as u64;
    println!(
        "notes: {planned} planned, {} posted, {} skipped (over {MAX_IN_FLIGHT} in flight), {} acknowledged (303), {} delivered to a board, {lost} acknowledged but not delivered",
        load.notes.len(),
        load.skipped,
        acked.len(),
        delivered.len()
    );
    let answers: Vec<String> = statuses
        .iter()
        .map(|(s, n)| match s {
            Some(s) => format!("{s}: {n}"),
            None => format!("failed: {n}"),
        })
        .collect();
    println!(
        "  answers: {}; duplicates {duplicates}, misrouted {misrouted}, malformed events {malformed}",
        answers.join(", ")
    );
    println!(
        "  throughput: {:.1} notes/s acknowledged over {} s",
        acked.len() as f64 / args.seconds as f64,
        args.seconds
    );
    let mut answer: Vec<u64> = load
        .notes
        .iter()
        .filter(|p| p.status == Some(303))
        .map(|p| p.answer_us)
        .collect();
    dist("note post answered (303)", &mut answer);
    dist("note delivered to its board", &mut latencies);
    // One line for scripts (the rate search): what decides whether a rate is held.
    println!(
        "summary: rate {} acknowledged {} lost {lost} p99_us {}",
        args.rate,
        acked.len(),
        pct(&latencies, 99.0)
    );

    // Moved fan-out: the k-th `moved` a phone gets answers the k-th `next` of its session.
    let n = args.sessions;
    let mut sends: Vec<Vec<&Posted>> = vec![Vec::new(); n];
    let mut bad_session = vec![false; n];
    for c in &load.controls {
        if let Some(v) = sends.get_mut(c.session) {
            v.push(c);
        }
        if c.status != Some(303)
            && let Some(b) = bad_session.get_mut(c.session)
        {
            *b = true;
        }
    }
    for v in &mut sends {
        v.sort_by_key(|c| c.sent_us);
    }
    let mut per_phone = Vec::new();
    let mut all_phones = Vec::new();
    let mut incomplete = 0u64;
    let mut reload_all = Vec::new();
    let mut reload_incomplete = 0u64;
    let mut control_answer: Vec<u64> = load
        .controls
        .iter()
        .filter(|c| c.status == Some(303))
        .map(|c| c.answer_us)
        .collect();
    for (s, presses) in sends.iter().enumerate() {
        if bad_session.get(s).copied().unwrap_or(true) {
            continue;
        }
        let mine: Vec<&&Outcome> = phones
            .iter()
            .filter(|o| o.session == s && o.connected)
            .collect();
        for (k, press) in presses.iter().enumerate() {
            let mut worst = 0u64;
            let mut complete = true;
            for o in &mine {
                match o.moved.get(k) {
                    Some(at) => {
                        let l = at.saturating_sub(press.sent_us);
                        per_phone.push(l);
                        worst = worst.max(l);
                    }
                    None => complete = false,
                }
            }
            if complete {
                all_phones.push(worst);
            } else {
                incomplete += 1;
            }
            if args.reload {
                let done: Option<Vec<u64>> = mine
                    .iter()
                    .map(|o| o.reloaded.get(k).copied().flatten())
                    .collect();
                match done.and_then(|d| d.into_iter().max()) {
                    Some(at) => reload_all.push(at.saturating_sub(press.sent_us)),
                    None => reload_incomplete += 1,
                }
            }
        }
    }
    let failed_controls = load
        .controls
        .iter()
        .filter(|c| c.status != Some(303))
        .count();
    println!(
        "next: {} pressed, {failed_controls} not answered 303, {incomplete} did not reach every phone",
        load.controls.len()
    );
    dist("`next` post answered (303)", &mut control_answer);
    dist("`moved` at one phone", &mut per_phone);
    dist("`moved` at every phone of a session", &mut all_phones);
    if args.reload {
        println!("reload: {reload_incomplete} presses after which some phone failed to reload");
        dist("every phone reloaded and reopened", &mut reload_all);
    }

    // The servers, each and in total, and the generator.
    let zero = ProcSample::default();
    for (k, after) in r.after.iter().enumerate() {
        let at = |v: &[ProcSample]| v.get(k).copied().unwrap_or(zero);
        let cpu = after.cpu_s - at(&r.before).cpu_s;
        println!(
            "server {k}: CPU {cpu:.1} s over {:.1} s of load ({:.0} % of one core); RSS idle {}, after connecting {}, after the load {}; peak (VmHWM) {}; {} threads; {} warnings/errors logged",
            r.window_s,
            100.0 * cpu / r.window_s,
            mib(at(&r.idle).rss_kib),
            mib(at(&r.after_connect).rss_kib),
            mib(after.rss_kib),
            mib(after.hwm_kib),
            after.threads,
            r.problems.get(k).copied().unwrap_or(0)
        );
    }
    let cpu = cpu_between(&r.before, &r.after);
    let gen_cpu = r.gen_after.cpu_s - r.gen_before.cpu_s;
    let sum = |v: &[ProcSample], f: fn(&ProcSample) -> u64| v.iter().map(f).sum::<u64>();
    println!(
        "servers in total ({}): CPU {cpu:.1} s over the load ({:.0} % of one core); RSS after the load {}; peaks (VmHWM) added {}; {} warnings/errors logged",
        r.after.len(),
        100.0 * cpu / r.window_s,
        mib(sum(&r.after, |p| p.rss_kib)),
        mib(sum(&r.after, |p| p.hwm_kib)),
        r.problems.iter().sum::<u64>()
    );
    for l in &r.samples {
        println!("  server log: {l}");
    }
    if r.connected > 0 {
        let grown =
            sum(&r.after_connect, |p| p.rss_kib).saturating_sub(sum(&r.idle, |p| p.rss_kib));
        println!(
            "  memory per connected stream: {:.1} KiB",
            grown as f64 / r.connected as f64
        );
    }
    println!(
        "generator: CPU {gen_cpu:.1} s over the load ({:.0} % of one core); peak RSS {}",
        100.0 * gen_cpu / r.window_s,
        mib(r.gen_after.hwm_kib)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_server_carries_every_screen() {
        for s in 0..5 {
            assert_eq!(board_server(s, 1), 0);
            for j in 0..20 {
                assert_eq!(phone_server(s, j, 1), 0);
            }
        }
    }

    #[test]
    fn with_several_servers_a_sessions_phones_are_never_on_its_boards_server() {
        for servers in 2..=4 {
            let mut boards = vec![0; servers];
            let mut phones = vec![0; servers];
            for s in 0..12 {
                let board = board_server(s, servers);
                boards[board] += 1;
                for j in 0..20 {
                    let phone = phone_server(s, j, servers);
                    assert!(phone < servers);
                    assert_ne!(phone, board, "session {s} phone {j} on {servers} servers");
                    phones[phone] += 1;
                }
            }
            // Round robin: boards and phones spread evenly over the servers.
            assert!(boards.iter().all(|&b| b == 12 / servers), "{boards:?}");
            let (lo, hi) = (phones.iter().min(), phones.iter().max());
            assert!(hi.zip(lo).is_some_and(|(h, l)| h - l <= 20), "{phones:?}");
        }
    }

    #[test]
    fn more_than_one_server_is_refused_on_sqlite() {
        let dir = Path::new("/nonexistent");
        let args = |more: &[&str]| {
            let mut v = vec!["vuoro-load"];
            v.extend_from_slice(more);
            Args::parse_from(v)
        };
        let refused = check_servers(&args(&["--servers", "2"]), dir).map_err(|e| e.to_string());
        assert!(refused.is_err_and(|e| e.contains("needs PostgreSQL")));
        let file = check_servers(&args(&["--servers", "2", "--db", "sqlite:x.db"]), dir);
        assert!(file.is_err());
        let pg = args(&["--servers", "2", "--db", "postgres://u@127.0.0.1:1/d"]);
        assert!(check_servers(&pg, dir).is_ok());
        assert!(check_servers(&args(&[]), dir).is_ok());
        assert!(check_servers(&args(&["--servers", "0"]), dir).is_err());
    }
}
