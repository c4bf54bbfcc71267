//! The open-space scenario (`vuoro-load open-space`): a big open-space day. Every session's
//! facilitator sets up slots and spaces; every phone, the facilitator's runner and the
//! projector keep their event stream open and behave as `live.js` does: at each `topics` event
//! they schedule one fetch of their open-space fragment after a random pause of 300–1500 ms,
//! and events arriving meanwhile ride along with it. In the first part a few phones per session
//! propose topics; then every phone picks one to three of them, at a fixed rate over all
//! sessions.
//!
//! Measured: the answers to proposals and picks, the fragment fetches (latency, how many per
//! second the server serves) and staleness: for each change, the time from its event reaching
//! the first phone (the moment the server published it, just before answering the post) until
//! every phone of the session has a fragment fetched after the event reached it.

use crate::server::{self, ProcSample};
use crate::sse::{self, take_events};
use crate::{CSRF, Job, MAX_IN_FLIGHT, Posted, drain};
use anyhow::{Context, bail};
use reqwest::Client;
use reqwest::header::COOKIE;
use reqwest::redirect::Policy;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;

#[derive(clap::Args, Debug, Clone)]
pub struct OsArgs {
    /// Live sessions, each running its own open space.
    #[arg(long, default_value_t = 10)]
    pub sessions: usize,
    /// Phones per session, each with its event stream open (the server allows 500).
    #[arg(long, default_value_t = 300)]
    pub per_session: usize,
    /// Phones per session that propose a topic in the first part.
    #[arg(long, default_value_t = 20)]
    pub proposers: usize,
    /// How long the proposals are spread over, in seconds.
    #[arg(long, default_value_t = 10.0)]
    pub propose_seconds: f64,
    /// Picks per second over all sessions.
    #[arg(long, default_value_t = 50.0)]
    pub pick_rate: f64,
    /// Each phone picks between 1 and this many topics.
    #[arg(long, default_value_t = 3)]
    pub max_picks: usize,
    /// Longest pick phase, in seconds; picks not made by then are left out (and reported).
    #[arg(long, default_value_t = 240)]
    pub seconds: u64,
    /// Time slots of each open space.
    #[arg(long, default_value_t = 3)]
    pub slots: usize,
    /// Spaces of each open space.
    #[arg(long, default_value_t = 8)]
    pub spaces: usize,
    /// Seed of the random pauses and choices, so that a run can be repeated.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// At the end, with no events flowing: phone fragments fetched back to back over this many
    /// connections for `--probe-seconds`, to measure one fragment's cost on its own.
    #[arg(long, default_value_t = 16)]
    pub probe_connections: usize,
    /// How long the probe runs, in seconds; 0: no probe.
    #[arg(long, default_value_t = 10)]
    pub probe_seconds: u64,
    /// Fragment fetches in flight over all screens, as a guard on this process's sockets; a
    /// fetch beyond it waits (and the report says how often that happened).
    #[arg(long, default_value_t = 4_096)]
    pub max_fetches: usize,
}

/// `live.js` waits this long, plus up to [`PAUSE_SPREAD_MS`], before fetching a part again.
const PAUSE_MIN_MS: u64 = 300;
const PAUSE_SPREAD_MS: u64 = 1_200;
/// A browser opens at most six connections to one host; the event stream holds one.
const FETCHES_PER_SCREEN: usize = 5;
/// `EventSource` reconnects by itself after a broken stream; browsers wait about this long.
const RECONNECT: Duration = Duration::from_secs(1);
/// After the last pick: time for the last pauses and fetches.
const GRACE: Duration = Duration::from_secs(5);
/// Between the proposals and the picks, so the phones have the topics.
const SETTLE: Duration = Duration::from_secs(2);

/// SplitMix64: small, fast and good enough for pauses and choices.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            v.swap(i, j);
        }
    }
}

/// Which page a screen shows, and so which fragment it fetches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Phone,
    /// The facilitator's runner: `/openspace/panel`.
    Runner,
    /// The projector: `/openspace/wall`.
    Wall,
}

impl Kind {
    /// How long after its last fetch a screen waits to show a change of picks only: the
    /// facilitator's panel sooner than phones and the wall (`assets/live.js`).
    fn pick_pause(self) -> Duration {
        match self {
            Kind::Runner => Duration::from_millis(2_000),
            Kind::Phone | Kind::Wall => Duration::from_millis(8_000),
        }
    }
    fn fragment(self) -> &'static str {
        match self {
            Kind::Phone => "phone",
            Kind::Runner => "panel",
            Kind::Wall => "wall",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Kind::Phone => "phone",
            Kind::Runner => "runner panel",
            Kind::Wall => "projector wall",
        }
    }
}

/// One fragment fetch, in µs since the start.
#[derive(Debug, Clone, Copy)]
pub struct Fetch {
    pub sent: u64,
    pub done: u64,
    /// The HTTP status, or None when the request failed.
    pub status: Option<u16>,
    /// 200 with the fragment's markup in the body.
    pub ok: bool,
    pub bytes: usize,
}

/// What one screen saw.
#[derive(Debug)]
pub struct Seen {
    pub kind: Kind,
    pub session: usize,
    pub connected: bool,
    pub error: Option<String>,
    /// Times the stream broke and was opened again.
    pub reconnects: u32,
    /// Each `topics` event: (its id, its arrival in µs since the start).
    pub events: Vec<(i64, u64)>,
    pub fetches: Vec<Fetch>,
}

/// What every screen shares.
#[derive(Debug, Clone)]
struct Shared {
    /// For the event streams: a connection each.
    streams: Client,
    /// For fragment fetches: kept-alive connections, as a browser keeps them.
    fetches: Client,
    start: Instant,
    opening: Arc<Semaphore>,
    /// Caps fetches in flight over all screens (`--max-fetches`).
    in_flight: Arc<Semaphore>,
    connected: Arc<AtomicUsize>,
    failed: Arc<AtomicUsize>,
    /// Fetches answered, and those that found the cap full, for the progress lines.
    fetched: Arc<AtomicU64>,
    capped: Arc<AtomicU64>,
    stop: watch::Receiver<bool>,
}

async fn open(
    sh: &Shared,
    stop: &mut watch::Receiver<bool>,
    url: &str,
    cookie: &str,
) -> Option<Result<reqwest::Response, String>> {
    let sent = tokio::select! {
        r = sh.streams.get(url).header(COOKIE, cookie).send() => r,
        _ = stop.changed() => return None,
    };
    Some(match sent {
        Ok(r) if r.status().as_u16() == 200 => Ok(r),
        Ok(r) => Err(format!("status {}", r.status().as_u16())),
        Err(e) => Err(format!("connect: {e}")),
    })
}

async fn fetch(sh: Shared, url: Arc<str>, cookie: Arc<str>, kind: Kind) -> Fetch {
    let permit = match sh.in_flight.clone().try_acquire_owned() {
        Ok(p) => Ok(p),
        Err(_) => {
            sh.capped.fetch_add(1, Ordering::Relaxed);
            sh.in_flight.clone().acquire_owned().await
        }
    };
    let sent = sse::micros(sh.start);
    let r = sh.fetches.get(&*url).header(COOKIE, &*cookie).send().await;
    let (status, ok, bytes) = match r {
        Ok(r) => {
            let status = r.status().as_u16();
            match r.bytes().await {
                Ok(b) => {
                    // Every fragment starts with the part's heading or its form.
                    let marker: &[u8] = match kind {
                        Kind::Phone => b"id=\"os-h\"",
                        Kind::Runner | Kind::Wall => b"<",
                    };
                    let ok = status == 200 && b.windows(marker.len()).any(|w| w == marker);
                    (Some(status), ok, b.len())
                }
                Err(_) => (None, false, 0),
            }
        }
        Err(_) => (None, false, 0),
    };
    drop(permit);
    sh.fetched.fetch_add(1, Ordering::Relaxed);
    Fetch {
        sent,
        done: sse::micros(sh.start),
        status,
        ok,
        bytes,
    }
}

/// One screen: its event stream, and a fragment fetch after a random pause at each `topics`
/// event, events during the pause riding along, as `live.js` does. Like a browser, it reopens a
/// broken stream from the last event it saw and runs at most [`FETCHES_PER_SCREEN`] fetches at
/// once (more wait for a free connection).
async fn screen(
    sh: Shared,
    kind: Kind,
    session: usize,
    live: String,
    base: Arc<str>,
    cookie: Arc<str>,
    seed: u64,
) -> Seen {
    let mut seen = Seen {
        kind,
        session,
        connected: false,
        error: None,
        reconnects: 0,
        events: Vec::new(),
        fetches: Vec::new(),
    };
    let mut rng = Rng::new(seed);
    let mut stop = sh.stop.clone();
    let events_url = format!("{base}/live/{live}/events");
    let fragment: Arc<str> = format!("{base}/live/{live}/openspace/{}", kind.fragment()).into();
    let first = tokio::select! {
        p = sh.opening.clone().acquire_owned() => match p {
            Ok(_permit) => open(&sh, &mut stop, &events_url, &cookie).await,
            Err(_) => None,
        },
        _ = stop.changed() => None,
    };
    let mut resp = match first {
        Some(Ok(r)) => Some(r),
        Some(Err(e)) => {
            seen.error = Some(e);
            sh.failed.fetch_add(1, Ordering::Relaxed);
            return seen;
        }
        None => {
            seen.error = Some("stopped before connecting".into());
            sh.failed.fetch_add(1, Ordering::Relaxed);
            return seen;
        }
    };
    seen.connected = true;
    sh.connected.fetch_add(1, Ordering::Relaxed);
    let far = || tokio::time::Instant::now() + Duration::from_secs(86_400);
    let mut buf = Vec::new();
    let mut last_id: i64 = 0;
    let mut pending: Option<tokio::time::Instant> = None;
    // Long enough ago that the first change is shown after the usual pause.
    let mut last_fetch = tokio::time::Instant::now() - Duration::from_secs(3_600);
    let mut reopen_at = far();
    let mut running: JoinSet<Fetch> = JoinSet::new();
    let mut waiting = 0usize;
    loop {
        let timer = pending.unwrap_or_else(far);
        tokio::select! {
            _ = stop.changed() => break,
            _ = tokio::time::sleep_until(timer), if pending.is_some() => {
                pending = None;
                last_fetch = tokio::time::Instant::now();
                if running.len() < FETCHES_PER_SCREEN {
                    running.spawn(fetch(sh.clone(), fragment.clone(), cookie.clone(), kind));
                } else {
                    waiting += 1;
                }
            }
            Some(done) = running.join_next(), if !running.is_empty() => {
                if let Ok(f) = done {
                    seen.fetches.push(f);
                }
                if waiting > 0 {
                    waiting -= 1;
                    running.spawn(fetch(sh.clone(), fragment.clone(), cookie.clone(), kind));
                }
            }
            c = async { resp.as_mut()?.chunk().await.transpose() }, if resp.is_some() => match c {
                Some(Ok(bytes)) => {
                    let now = sse::micros(sh.start);
                    buf.extend_from_slice(&bytes);
                    for ev in take_events(&mut buf) {
                        if let Some(id) = ev.id {
                            last_id = id;
                        }
                        // `moved` (the set-up) would reload the page; the run sets up before
                        // the screens connect, so it is only ever in the backlog.
                        if ev.event == "topics" {
                            seen.events.push((last_id, now));
                            // As live.js: a change of picks only is shown at most every
                            // `pick_pause` after the last fetch; a new or placed topic may bring
                            // a planned fetch forward, never push it back.
                            let at = tokio::time::Instant::now();
                            let mut pause = Duration::from_millis(
                                PAUSE_MIN_MS + rng.below(PAUSE_SPREAD_MS + 1),
                            );
                            if ev.data.contains("\"picks\":true") {
                                let ready = last_fetch + kind.pick_pause();
                                pause = pause.max(ready.saturating_duration_since(at));
                            }
                            let due = at + pause;
                            if pending.is_none_or(|p| due < p) {
                                pending = Some(due);
                            }
                        }
                    }
                }
                Some(Err(e)) => {
                    seen.error = Some(format!("read: {e}"));
                    resp = None;
                    buf.clear();
                    reopen_at = tokio::time::Instant::now() + RECONNECT;
                }
                None => {
                    seen.error = Some("the server ended the stream".into());
                    resp = None;
                    buf.clear();
                    reopen_at = tokio::time::Instant::now() + RECONNECT;
                }
            },
            _ = tokio::time::sleep_until(reopen_at), if resp.is_none() => {
                seen.reconnects += 1;
                let again = format!("{events_url}?after={last_id}");
                match open(&sh, &mut stop, &again, &cookie).await {
                    None => break,
                    Some(Ok(r)) => resp = Some(r),
                    Some(Err(e)) => {
                        seen.error = Some(format!("reopening: {e}"));
                        reopen_at = tokio::time::Instant::now() + RECONNECT;
                    }
                }
            }
        }
    }
    // Fetches still running at the end are left out: the grace period is for them.
    running.abort_all();
    seen
}

/// The topic ids in a phone's fragment, from its pick forms' actions.
pub fn topic_ids(html: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, _) in html.match_indices("/topics/") {
        let rest = &html[i + "/topics/".len()..];
        if let Some(id) = rest.get(..36)
            && rest[36..].starts_with("/pick")
            && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
            && !out.iter().any(|o| o == id)
        {
            out.push(id.to_owned());
        }
    }
    out
}

fn check(os: &OsArgs) -> anyhow::Result<()> {
    use vuoro_core::openspace::{MAX_SLOTS, MAX_SPACES, MAX_TOPICS};
    if os.sessions == 0 || os.per_session == 0 {
        bail!("--sessions and --per-session must be at least 1");
    }
    let max = vuoro_web::live::MAX_PARTICIPANTS as usize;
    if os.per_session > max {
        bail!(
            "--per-session {} exceeds the server's {max} participants per session",
            os.per_session
        );
    }
    if os.proposers == 0 || os.proposers > os.per_session || os.proposers as u64 > MAX_TOPICS {
        bail!("--proposers must be between 1 and --per-session (and at most {MAX_TOPICS} topics)");
    }
    if os.max_picks == 0 || os.max_picks > os.proposers {
        bail!("--max-picks must be between 1 and --proposers (the topics there are to pick)");
    }
    let positive = os.pick_rate > 0.0 && os.pick_rate.is_finite();
    let spread = os.propose_seconds >= 0.0 && os.propose_seconds.is_finite();
    if !positive || !spread || os.seconds == 0 {
        bail!("--pick-rate and --seconds must be positive, --propose-seconds not negative");
    }
    if !(1..=MAX_SLOTS).contains(&os.slots) || !(1..=MAX_SPACES).contains(&os.spaces) {
        bail!("--slots must be 1 to {MAX_SLOTS}, --spaces 1 to {MAX_SPACES}");
    }
    let streams = os.sessions * (os.per_session + 2);
    if let Some(limit) = server::open_file_limit() {
        let need = (streams + os.max_fetches.min(streams * FETCHES_PER_SCREEN)) as u64 + 512;
        if limit < need {
            bail!(
                "the open-file limit is {limit}, but {streams} streams and up to {} fetches \
                 need about {need} descriptors: raise it (`ulimit -n {need}`; \
                 scripts/load-live does this) or lower --max-fetches",
                os.max_fetches
            );
        }
    }
    Ok(())
}

/// One pick to make: (session, phone, topic).
type PickJob = (usize, usize, String);

/// Every phone picks 1 to `max_picks` different topics of its session; the picks of a session
/// come in a random order and the sessions take turns.
fn plan_picks(os: &OsArgs, topics: &[Vec<String>], rng: &mut Rng) -> Vec<PickJob> {
    let mut per_session: Vec<Vec<PickJob>> = Vec::with_capacity(topics.len());
    for (s, ids) in topics.iter().enumerate() {
        let mut jobs = Vec::new();
        if !ids.is_empty() {
            for phone in 0..os.per_session {
                let k = 1 + rng.below(os.max_picks.min(ids.len()) as u64) as usize;
                let mut order: Vec<usize> = (0..ids.len()).collect();
                rng.shuffle(&mut order);
                for &t in order.iter().take(k) {
                    jobs.push((s, phone, ids[t].clone()));
                }
            }
        }
        rng.shuffle(&mut jobs);
        jobs.reverse();
        per_session.push(jobs);
    }
    let mut out = Vec::new();
    loop {
        let mut any = false;
        for jobs in per_session.iter_mut() {
            if let Some(j) = jobs.pop() {
                out.push(j);
                any = true;
            }
        }
        if !any {
            break;
        }
    }
    out
}

/// Posts `jobs` at `rate` per second from `t0`, stopping at `until`; returns the answers and
/// how many were skipped because too many were unanswered.
async fn post_at_rate(
    client: &Client,
    jobs: Vec<Job>,
    rate: f64,
    t0: tokio::time::Instant,
    until: tokio::time::Instant,
    start: Instant,
    sent: Arc<AtomicU64>,
) -> (Vec<Posted>, u64, u64) {
    let in_flight = Arc::new(Semaphore::new(MAX_IN_FLIGHT));
    let mut set = JoinSet::new();
    let mut skipped = 0;
    let mut left_out = 0;
    for (i, job) in jobs.into_iter().enumerate() {
        let at = t0 + Duration::from_secs_f64(i as f64 / rate);
        if at >= until {
            left_out += 1;
            continue;
        }
        tokio::time::sleep_until(at).await;
        let Ok(permit) = in_flight.clone().try_acquire_owned() else {
            skipped += 1;
            continue;
        };
        sent.fetch_add(1, Ordering::Relaxed);
        let client = client.clone();
        set.spawn(async move {
            let r = crate::post(client, job, start).await;
            drop(permit);
            r
        });
    }
    (drain(&mut set).await, skipped, left_out)
}

/// Every `interval`: picks posted, fragments fetched and CPU of the server and of this process,
/// so a run shows when (and whether) the server falls behind.
async fn progress(
    dir: std::path::PathBuf,
    pid: String,
    ticks: f64,
    start: Instant,
    sent: Arc<AtomicU64>,
    fetched: Arc<AtomicU64>,
    mut stop: watch::Receiver<bool>,
) {
    let interval = Duration::from_secs(10);
    let mut last = (
        Instant::now(),
        sent.load(Ordering::Relaxed),
        fetched.load(Ordering::Relaxed),
        server::sample(&pid, ticks).unwrap_or_default(),
        server::sample("self", ticks).unwrap_or_default(),
        server::machine_busy_s(ticks),
    );
    loop {
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = stop.changed() => return,
        }
        let now = (
            Instant::now(),
            sent.load(Ordering::Relaxed),
            fetched.load(Ordering::Relaxed),
            server::sample(&pid, ticks).unwrap_or_default(),
            server::sample("self", ticks).unwrap_or_default(),
            server::machine_busy_s(ticks),
        );
        let dt = now.0.duration_since(last.0).as_secs_f64().max(1e-9);
        let (srv, gen_cpu) = (now.3.cpu_s - last.3.cpu_s, now.4.cpu_s - last.4.cpu_s);
        let others = (now.5 - last.5 - srv - gen_cpu).max(0.0);
        println!(
            "  t = {:>4.0} s: posts {:>5.1}/s, fragment GETs {:>6.0}/s, CPU: server {:>3.0} %, generator {:>3.0} %, others {:>3.0} %; server RSS {}, WAL {}",
            start.elapsed().as_secs_f64(),
            (now.1 - last.1) as f64 / dt,
            (now.2 - last.2) as f64 / dt,
            100.0 * srv / dt,
            100.0 * gen_cpu / dt,
            100.0 * others / dt,
            crate::mib(now.3.rss_kib),
            crate::mib(wal_size(&dir).1 / 1024)
        );
        last = now;
    }
}

/// Waits until the server uses under a tenth of a core over half a second (at most `limit`);
/// returns how long that took, in seconds.
async fn wait_idle(pid: &str, ticks: f64, limit: Duration) -> f64 {
    let t = Instant::now();
    let mut last = server::sample(pid, ticks).unwrap_or_default().cpu_s;
    while t.elapsed() < limit {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let now = server::sample(pid, ticks).unwrap_or_default().cpu_s;
        if now - last < 0.05 {
            break;
        }
        last = now;
    }
    t.elapsed().as_secs_f64()
}

/// The sizes of the database file and of its write-ahead log.
fn wal_size(dir: &Path) -> (u64, u64) {
    let size = |name: &str| std::fs::metadata(dir.join(name)).map_or(0, |m| m.len());
    (size("load.db"), size("load.db-wal"))
}

/// What the probe measured.
#[derive(Debug, Default)]
struct Probe {
    seconds: f64,
    latencies: Vec<u64>,
    failed: u64,
    server_cpu_s: f64,
    generator_cpu_s: f64,
    /// CPU seconds other processes on the machine used meanwhile.
    others_cpu_s: f64,
}

/// Fetches phone fragments back to back over `connections` connections for `seconds`, the
/// phones of the first session taking turns, while no event flows: the server's cost of one
/// fragment without the fan-out of events around it.
async fn probe(
    client: &Client,
    urls: Vec<(String, String)>,
    connections: usize,
    seconds: u64,
    pid: &str,
    ticks: f64,
) -> Probe {
    if seconds == 0 || urls.is_empty() {
        return Probe::default();
    }
    let urls = Arc::new(urls);
    let next = Arc::new(AtomicUsize::new(0));
    let before = server::sample(pid, ticks).unwrap_or_default();
    let gen_before = server::sample("self", ticks).unwrap_or_default();
    let busy_before = server::machine_busy_s(ticks);
    let t = Instant::now();
    let until = t + Duration::from_secs(seconds);
    let mut set = JoinSet::new();
    for _ in 0..connections.max(1) {
        let (client, urls, next) = (client.clone(), urls.clone(), next.clone());
        set.spawn(async move {
            let mut lat = Vec::new();
            let mut failed = 0u64;
            while Instant::now() < until {
                let i = next.fetch_add(1, Ordering::Relaxed) % urls.len();
                let Some((url, cookie)) = urls.get(i) else {
                    break;
                };
                let sent = Instant::now();
                let ok = match client.get(url).header(COOKIE, cookie).send().await {
                    Ok(r) => r.status().as_u16() == 200 && r.bytes().await.is_ok(),
                    Err(_) => false,
                };
                if ok {
                    lat.push(u64::try_from(sent.elapsed().as_micros()).unwrap_or(u64::MAX));
                } else {
                    failed += 1;
                }
            }
            (lat, failed)
        });
    }
    let mut out = Probe::default();
    for (lat, failed) in drain(&mut set).await {
        out.latencies.extend(lat);
        out.failed += failed;
    }
    out.seconds = t.elapsed().as_secs_f64();
    let after = server::sample(pid, ticks).unwrap_or_default();
    let gen_after = server::sample("self", ticks).unwrap_or_default();
    out.server_cpu_s = after.cpu_s - before.cpu_s;
    out.generator_cpu_s = gen_after.cpu_s - gen_before.cpu_s;
    out.others_cpu_s =
        (server::machine_busy_s(ticks) - busy_before - out.server_cpu_s - out.generator_cpu_s)
            .max(0.0);
    out
}

pub async fn run(args: &crate::Args, os: &OsArgs, dir: &Path) -> anyhow::Result<()> {
    check(os)?;
    if args.servers > 1 {
        // The open-space figures are per server (fragment fetches, the database file); the
        // notes scenario is the one that spreads screens over several servers.
        bail!("the open-space scenario runs one server: leave out --servers");
    }
    let command: Vec<String> = std::env::args().collect();
    println!("machine: {}", server::machine());
    println!("command: {}", command.join(" "));
    println!(
        "open-file limit: {}",
        server::open_file_limit().map_or("unknown".into(), |l| l.to_string())
    );
    let streams = os.sessions * (os.per_session + 2);
    println!(
        "plan: open space, {} sessions x {} phones (+ runner and projector each) = {streams} \
         streams; {} slots x {} spaces; {} proposals per session over {} s, then every phone \
         picks 1-{} topics at {} picks/s over all sessions (at most {} s)",
        os.sessions,
        os.per_session,
        os.slots,
        os.spaces,
        os.proposers,
        os.propose_seconds,
        os.max_picks,
        os.pick_rate,
        os.seconds
    );
    let start = Instant::now();
    let ticks = server::clock_ticks();
    let setup_deadline = tokio::time::Instant::now() + Duration::from_secs(args.setup_timeout);
    let crate::Booted {
        seeded,
        servers,
        staff,
    } = crate::boot(
        args,
        dir,
        os.sessions,
        os.per_session,
        setup_deadline,
        ticks,
    )
    .await?;
    // This scenario drives one server (checked above); the first is it.
    let crate::Up {
        srv,
        pid,
        base,
        idle,
    } = servers.into_iter().next().context("no server")?;
    let posts = Client::builder()
        .redirect(Policy::none())
        .pool_max_idle_per_host(512)
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(30))
        .build()
        .context("HTTP client")?;

    // The facilitators set up their open spaces (which opens the marketplace).
    let slots: Vec<String> = (0..os.slots).map(|i| format!("{}.00", 9 + i)).collect();
    let spaces: Vec<String> = (1..=os.spaces).map(|i| format!("Tila {i}")).collect();
    let mut set = JoinSet::new();
    for (i, s) in seeded.iter().enumerate() {
        let job = Job {
            url: format!("{base}/live/{}/openspace", s.live),
            follow: None,
            cookie: staff.clone(),
            fields: vec![
                ("csrf", CSRF.to_owned()),
                ("do", "setup".to_owned()),
                ("slots", slots.join("\n")),
                ("spaces", spaces.join("\n")),
            ],
            session: i,
            id: i as u64,
        };
        set.spawn(crate::post(posts.clone(), job, start));
    }
    let setups = drain(&mut set).await;
    let bad = setups.iter().filter(|p| p.status != Some(303)).count();
    if bad > 0 || setups.len() != seeded.len() {
        bail!("{bad} of {} open-space set-ups were refused", seeded.len());
    }
    println!("set up {} open spaces", setups.len());

    // The screens: runner and projector, then the phones.
    let (stop_tx, stop_rx) = watch::channel(false);
    let sh = Shared {
        streams: Client::builder()
            .redirect(Policy::none())
            .tcp_nodelay(true)
            .pool_max_idle_per_host(0)
            .build()
            .context("HTTP client")?,
        fetches: Client::builder()
            .redirect(Policy::none())
            .tcp_nodelay(true)
            .pool_max_idle_per_host(os.max_fetches)
            .timeout(Duration::from_secs(30))
            .build()
            .context("HTTP client")?,
        start,
        opening: Arc::new(Semaphore::new(args.connect_concurrency.max(1))),
        in_flight: Arc::new(Semaphore::new(os.max_fetches.max(1))),
        connected: Arc::new(AtomicUsize::new(0)),
        failed: Arc::new(AtomicUsize::new(0)),
        fetched: Arc::new(AtomicU64::new(0)),
        capped: Arc::new(AtomicU64::new(0)),
        stop: stop_rx.clone(),
    };
    let base_arc: Arc<str> = base.clone().into();
    let staff_arc: Arc<str> = staff.clone().into();
    let mut screens = JoinSet::new();
    let t = Instant::now();
    let mut n = 0u64;
    for (i, s) in seeded.iter().enumerate() {
        for kind in [Kind::Runner, Kind::Wall] {
            n += 1;
            screens.spawn(screen(
                sh.clone(),
                kind,
                i,
                s.live.to_string(),
                base_arc.clone(),
                staff_arc.clone(),
                os.seed ^ n.wrapping_mul(0x2545_F491_4F6C_DD1D),
            ));
        }
    }
    for (i, s) in seeded.iter().enumerate() {
        for phone in &s.phones {
            n += 1;
            screens.spawn(screen(
                sh.clone(),
                Kind::Phone,
                i,
                s.live.to_string(),
                base_arc.clone(),
                format!("{phone}; vuoro_csrf={CSRF}").into(),
                os.seed ^ n.wrapping_mul(0x2545_F491_4F6C_DD1D),
            ));
        }
    }
    let mut last_report = Instant::now();
    loop {
        let (c, f) = (
            sh.connected.load(Ordering::Relaxed),
            sh.failed.load(Ordering::Relaxed),
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
    let connected = sh.connected.load(Ordering::Relaxed);
    println!(
        "connected {connected} of {streams} streams in {connect_s:.1} s, {} failed",
        sh.failed.load(Ordering::Relaxed)
    );
    if connected == 0 {
        bail!("no stream connected");
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after_connect = server::sample(&pid, ticks)?;

    // Proposals: the first phones of each session, sessions taking turns.
    let sent = Arc::new(AtomicU64::new(0));
    let watcher = tokio::spawn(progress(
        dir.to_owned(),
        pid.clone(),
        ticks,
        start,
        sent.clone(),
        sh.fetched.clone(),
        stop_rx.clone(),
    ));
    let load_start = sse::micros(start);
    let before = server::sample(&pid, ticks)?;
    let gen_before = server::sample("self", ticks)?;
    let mut proposals = Vec::new();
    for k in 0..os.proposers {
        for (i, s) in seeded.iter().enumerate() {
            let Some(phone) = s.phones.get(k) else {
                continue;
            };
            proposals.push(Job {
                url: format!("{base}/live/{}/topics", s.live),
                follow: None,
                cookie: format!("{phone}; vuoro_csrf={CSRF}"),
                fields: vec![
                    ("csrf", CSRF.to_owned()),
                    (
                        "title",
                        format!("Aihe {} istunnosta {i}: miten tästä eteenpäin", k + 1),
                    ),
                ],
                session: i,
                id: k as u64,
            });
        }
    }
    let total = proposals.len();
    let rate = if os.propose_seconds > 0.0 {
        total as f64 / os.propose_seconds
    } else {
        f64::INFINITY
    };
    let t0 = tokio::time::Instant::now();
    let far = t0 + Duration::from_secs(86_400);
    let (proposed, p_skipped, _) =
        post_at_rate(&posts, proposals, rate, t0, far, start, sent.clone()).await;
    tokio::time::sleep(SETTLE).await;

    // The topics, as the first phone of each session sees them.
    let mut topics: Vec<Vec<String>> = Vec::with_capacity(seeded.len());
    for s in &seeded {
        let cookie = s
            .phones
            .first()
            .map(|p| format!("{p}; vuoro_csrf={CSRF}"))
            .unwrap_or_default();
        let html = posts
            .get(format!("{base}/live/{}/openspace/phone", s.live))
            .header(COOKIE, cookie)
            .send()
            .await
            .context("reading the topics")?
            .text()
            .await
            .context("reading the topics")?;
        topics.push(topic_ids(&html));
    }
    let found: usize = topics.iter().map(Vec::len).sum();
    println!(
        "proposals: {} of {total} answered 303; {found} topics on the phones",
        proposed.iter().filter(|p| p.status == Some(303)).count()
    );

    // Picks.
    let mut rng = Rng::new(os.seed);
    let plan = plan_picks(os, &topics, &mut rng);
    let planned = plan.len();
    let jobs: Vec<Job> = plan
        .into_iter()
        .enumerate()
        .filter_map(|(k, (s, phone, topic))| {
            let sd = seeded.get(s)?;
            let cookie = sd.phones.get(phone)?;
            Some(Job {
                url: format!("{base}/live/{}/topics/{topic}/pick", sd.live),
                follow: None,
                cookie: format!("{cookie}; vuoro_csrf={CSRF}"),
                fields: vec![("csrf", CSRF.to_owned()), ("do", "pick".to_owned())],
                session: s,
                id: k as u64,
            })
        })
        .collect();
    let pick_start = sse::micros(start);
    let before_picks = server::sample(&pid, ticks)?;
    let gen_before_picks = server::sample("self", ticks)?;
    let busy_before_picks = server::machine_busy_s(ticks);
    let fetched_before = sh.fetched.load(Ordering::Relaxed);
    let t0 = tokio::time::Instant::now();
    let until = t0 + Duration::from_secs(os.seconds);
    let (picks, skipped, left_out) =
        post_at_rate(&posts, jobs, os.pick_rate, t0, until, start, sent.clone()).await;
    let pick_end = sse::micros(start);
    tokio::time::sleep(GRACE).await;
    let after = server::sample(&pid, ticks)?;
    let gen_after = server::sample("self", ticks)?;
    let busy_after = server::machine_busy_s(ticks);
    let fetched_after = sh.fetched.load(Ordering::Relaxed);
    let end = sse::micros(start);

    let _ = stop_tx.send(true);
    let _ = watcher.await;
    let mut seen: Vec<Seen> = Vec::new();
    let collected = tokio::time::timeout(Duration::from_secs(20), async {
        while let Some(r) = screens.join_next().await {
            if let Ok(o) = r {
                seen.push(o);
            }
        }
    })
    .await;
    if collected.is_err() {
        screens.abort_all();
        println!("warning: some screens did not stop within 20 s");
    }
    // The probe, once the screens are gone and the server has finished what they left queued.
    let idle_wait = wait_idle(&pid, ticks, Duration::from_secs(60)).await;
    let urls: Vec<(String, String)> = seeded
        .first()
        .map(|s| {
            s.phones
                .iter()
                .map(|p| {
                    (
                        format!("{base}/live/{}/openspace/phone", s.live),
                        format!("{p}; vuoro_csrf={CSRF}"),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let probed = probe(
        &posts,
        urls,
        os.probe_connections,
        os.probe_seconds,
        &pid,
        ticks,
    )
    .await;

    let wal = wal_size(dir);
    let problems = srv.problems.load(Ordering::Relaxed);
    let samples = srv.samples.lock().map(|s| s.clone()).unwrap_or_default();
    drop(srv);

    report(&Report {
        os,
        streams,
        connected,
        connect_s,
        idle,
        after_connect,
        before,
        before_picks,
        after,
        gen_before,
        gen_before_picks,
        gen_after,
        others_picks: (busy_after - busy_before_picks)
            - (after.cpu_s - before_picks.cpu_s)
            - (gen_after.cpu_s - gen_before_picks.cpu_s),
        load_start,
        pick_start,
        pick_end,
        end,
        proposed: &proposed,
        proposal_skipped: p_skipped,
        planned,
        picks: &picks,
        skipped,
        left_out,
        fetched_in_picks: fetched_after - fetched_before,
        capped: sh.capped.load(Ordering::Relaxed),
        seen: &seen,
        probe: probed,
        idle_wait,
        wal,
        problems,
        samples: &samples,
    });
    Ok(())
}

struct Report<'a> {
    os: &'a OsArgs,
    streams: usize,
    connected: usize,
    connect_s: f64,
    idle: ProcSample,
    after_connect: ProcSample,
    before: ProcSample,
    before_picks: ProcSample,
    after: ProcSample,
    gen_before: ProcSample,
    gen_before_picks: ProcSample,
    gen_after: ProcSample,
    /// CPU seconds other processes on the machine used during the picks and grace.
    others_picks: f64,
    /// µs since the start: the proposals begin, the picks begin and end, the run ends.
    load_start: u64,
    pick_start: u64,
    pick_end: u64,
    end: u64,
    proposed: &'a [Posted],
    proposal_skipped: u64,
    planned: usize,
    picks: &'a [Posted],
    skipped: u64,
    left_out: u64,
    fetched_in_picks: u64,
    capped: u64,
    seen: &'a [Seen],
    probe: Probe,
    /// How long the server took to go idle after the screens stopped.
    idle_wait: f64,
    /// The database file and its write-ahead log at the end, in bytes.
    wal: (u64, u64),
    problems: u64,
    samples: &'a [String],
}

fn statuses(posted: &[Posted]) -> String {
    let mut counts: Vec<(Option<u16>, usize)> = Vec::new();
    for p in posted {
        match counts.iter_mut().find(|(s, _)| *s == p.status) {
            Some((_, n)) => *n += 1,
            None => counts.push((p.status, 1)),
        }
    }
    counts.sort();
    counts
        .iter()
        .map(|(s, n)| match s {
            Some(s) => format!("{s}: {n}"),
            None => format!("failed: {n}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Staleness of each `topics` event of one session: from its first arrival at a phone until
/// every phone that got it has a fragment fetched after it got it. Returns (first arrival,
/// every phone) per complete event, the per-phone times, and how many events some phone never
/// caught up with.
fn staleness(phones: &[&Seen]) -> (Vec<(u64, u64)>, Vec<u64>, u64) {
    use std::collections::BTreeMap;
    // For each phone its good fetches by send time, to find the first after an arrival.
    let good: Vec<Vec<&Fetch>> = phones
        .iter()
        .map(|p| {
            let mut v: Vec<&Fetch> = p.fetches.iter().filter(|f| f.ok).collect();
            v.sort_by_key(|f| f.sent);
            v
        })
        .collect();
    // event id -> (first arrival, latest catch-up, complete)
    let mut events: BTreeMap<i64, (u64, u64, bool)> = BTreeMap::new();
    let mut arrivals: BTreeMap<i64, Vec<(usize, u64)>> = BTreeMap::new();
    for (k, p) in phones.iter().enumerate() {
        for &(id, at) in &p.events {
            arrivals.entry(id).or_default().push((k, at));
        }
    }
    let mut one = Vec::new();
    for (id, list) in &arrivals {
        let first = list.iter().map(|(_, at)| *at).min().unwrap_or(0);
        let mut latest = first;
        let mut complete = true;
        let mut per: Vec<u64> = Vec::with_capacity(list.len());
        for &(k, at) in list {
            let fetches = good.get(k).map_or(&[][..], Vec::as_slice);
            let i = fetches.partition_point(|f| f.sent < at);
            match fetches.get(i) {
                Some(f) => {
                    latest = latest.max(f.done);
                    per.push(f.done.saturating_sub(first));
                }
                None => complete = false,
            }
        }
        if complete {
            one.extend(per);
        }
        events.insert(*id, (first, latest, complete));
    }
    let mut out = Vec::new();
    let mut incomplete = 0;
    for (first, latest, complete) in events.into_values() {
        if complete {
            out.push((first, latest.saturating_sub(first)));
        } else {
            incomplete += 1;
        }
    }
    (out, one, incomplete)
}

fn report(r: &Report) {
    use crate::{dist, mib};
    let os = r.os;
    println!();
    println!("== results ==");
    let reconnects: u32 = r.seen.iter().map(|s| s.reconnects).sum();
    println!(
        "streams: {} of {} connected in {:.1} s; {reconnects} reopened after the server ended them",
        r.connected, r.streams, r.connect_s
    );
    let mut reasons: Vec<String> = r.seen.iter().filter_map(|s| s.error.clone()).collect();
    reasons.sort();
    reasons.dedup();
    for e in reasons.iter().take(5) {
        println!("  stream error: {e}");
    }

    let ok = |p: &&Posted| p.status == Some(303);
    println!(
        "proposals: {} posted, {} skipped; answers: {}",
        r.proposed.len(),
        r.proposal_skipped,
        statuses(r.proposed)
    );
    let mut v: Vec<u64> = r.proposed.iter().filter(ok).map(|p| p.answer_us).collect();
    dist("proposal post answered (303)", &mut v);

    let pick_s = (r.pick_end.saturating_sub(r.pick_start)) as f64 / 1e6;
    let acked = r.picks.iter().filter(ok).count();
    println!(
        "picks: {} planned, {} posted, {} skipped (over {MAX_IN_FLIGHT} in flight), {} left out after --seconds {}; answers: {}",
        r.planned,
        r.picks.len(),
        r.skipped,
        r.left_out,
        os.seconds,
        statuses(r.picks)
    );
    println!(
        "  throughput: {:.1} picks/s acknowledged over {pick_s:.1} s (asked {} /s)",
        acked as f64 / pick_s.max(1e-9),
        os.pick_rate
    );
    let mut v: Vec<u64> = r.picks.iter().filter(ok).map(|p| p.answer_us).collect();
    dist("pick post answered (303)", &mut v);

    // Fragments.
    let window = |f: &Fetch| f.done >= r.pick_start && f.done < r.pick_end;
    for kind in [Kind::Phone, Kind::Runner, Kind::Wall] {
        let all: Vec<&Fetch> = r
            .seen
            .iter()
            .filter(|s| s.kind == kind)
            .flat_map(|s| s.fetches.iter())
            .collect();
        let good = all.iter().filter(|f| f.ok).count();
        let mut codes: Vec<(Option<u16>, usize)> = Vec::new();
        for f in all.iter().filter(|f| !f.ok) {
            match codes.iter_mut().find(|(s, _)| *s == f.status) {
                Some((_, n)) => *n += 1,
                None => codes.push((f.status, 1)),
            }
        }
        let during = all.iter().filter(|f| window(f)).count();
        let bytes = all.iter().map(|f| f.bytes).sum::<usize>() / all.len().max(1);
        println!(
            "{} fragments: {} fetched, {good} good, not good {codes:?}; {:.0}/s during the picks; mean size {bytes} bytes",
            kind.label(),
            all.len(),
            during as f64 / pick_s.max(1e-9),
        );
        let mut v: Vec<u64> = all
            .iter()
            .filter(|f| f.ok)
            .map(|f| f.done.saturating_sub(f.sent))
            .collect();
        dist(&format!("{} fragment GET", kind.label()), &mut v);
    }
    if r.capped > 0 {
        println!(
            "  {} fetches waited for --max-fetches {} (the generator's cap, not the server)",
            r.capped, os.max_fetches
        );
    }

    // Staleness, per session, split into the proposals and the picks.
    let mut during_picks = Vec::new();
    let mut during_proposals = Vec::new();
    let mut one_phone = Vec::new();
    let mut incomplete = 0;
    let mut missed = 0u64;
    for s in 0..os.sessions {
        let phones: Vec<&Seen> = r
            .seen
            .iter()
            .filter(|x| x.kind == Kind::Phone && x.session == s && x.connected)
            .collect();
        let ids: std::collections::BTreeSet<i64> = phones
            .iter()
            .flat_map(|p| p.events.iter().map(|(id, _)| *id))
            .collect();
        for p in &phones {
            missed += (ids.len() - p.events.len().min(ids.len())) as u64;
        }
        let (events, one, inc) = staleness(&phones);
        incomplete += inc;
        for (first, l) in events {
            if first >= r.pick_start && first < r.pick_end {
                during_picks.push(l);
            } else if first >= r.load_start && first < r.pick_start {
                during_proposals.push(l);
            }
        }
        one_phone.extend(one);
    }
    println!(
        "staleness: {} `topics` events during the picks, {} during the proposals; {incomplete} not caught up by every phone by the end; {missed} (phone, event) pairs never arrived",
        during_picks.len(),
        during_proposals.len()
    );
    dist("stale: every phone (picks)", &mut during_picks);
    dist("stale: every phone (proposals)", &mut during_proposals);
    dist("stale: one phone (all events)", &mut one_phone);

    // The server and the generator.
    let secs = |a: u64, b: u64| (b.saturating_sub(a)) as f64 / 1e6;
    let all_s = secs(r.load_start, r.end);
    let picks_s = secs(r.pick_start, r.end);
    let cpu_all = r.after.cpu_s - r.before.cpu_s;
    let cpu_picks = r.after.cpu_s - r.before_picks.cpu_s;
    let gen_picks = r.gen_after.cpu_s - r.gen_before_picks.cpu_s;
    let gen_all = r.gen_after.cpu_s - r.gen_before.cpu_s;
    println!(
        "server: CPU {cpu_picks:.1} s over {picks_s:.1} s of picks and grace ({:.0} % of one core), {cpu_all:.1} s over the whole load ({:.0} %); \
         connecting took {:.1} s of CPU; RSS idle {}, after connecting {}, at the end {}; peak (VmHWM) {}; {} threads; {} warnings/errors logged",
        100.0 * cpu_picks / picks_s.max(1e-9),
        100.0 * cpu_all / all_s.max(1e-9),
        r.after_connect.cpu_s - r.idle.cpu_s,
        mib(r.idle.rss_kib),
        mib(r.after_connect.rss_kib),
        mib(r.after.rss_kib),
        mib(r.after.hwm_kib),
        r.after.threads,
        r.problems
    );
    for l in r.samples {
        println!("  server log: {l}");
    }
    let requests = r.fetched_in_picks + r.picks.len() as u64;
    if requests > 0 {
        println!(
            "  server CPU per request during the picks (fragments and picks together): {:.2} ms ({requests} requests)",
            1000.0 * cpu_picks / requests as f64
        );
    }
    println!(
        "generator: CPU {gen_picks:.1} s over the picks and grace ({:.0} % of one core), {gen_all:.1} s over the whole load; peak RSS {}",
        100.0 * gen_picks / picks_s.max(1e-9),
        mib(r.gen_after.hwm_kib)
    );
    println!(
        "database at the end: {} file, {} write-ahead log",
        mib(r.wal.0 / 1024),
        mib(r.wal.1 / 1024)
    );
    if r.probe.seconds > 0.0 {
        let n = r.probe.latencies.len();
        println!(
            "probe (streams closed, server idle after {:.1} s; {} connections, {:.1} s): {n} phone fragments, {:.0}/s, {} failed; server CPU {:.0} % of one core, {:.2} ms per fragment; generator CPU {:.0} %, others {:.0} %",
            r.idle_wait,
            os.probe_connections,
            r.probe.seconds,
            n as f64 / r.probe.seconds,
            r.probe.failed,
            100.0 * r.probe.server_cpu_s / r.probe.seconds,
            1000.0 * r.probe.server_cpu_s / (n.max(1)) as f64,
            100.0 * r.probe.generator_cpu_s / r.probe.seconds,
            100.0 * r.probe.others_cpu_s / r.probe.seconds
        );
        let mut v = r.probe.latencies.clone();
        dist("probe phone fragment GET", &mut v);
    }
    println!(
        "other processes on the machine: CPU {:.1} s over the picks and grace ({:.0} % of one core)",
        r.others_picks.max(0.0),
        100.0 * r.others_picks.max(0.0) / picks_s.max(1e-9)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_ids_are_read_from_pick_forms() {
        let a = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
        let b = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c";
        let html = format!(
            "<form action=\"/live/x/topics/{a}/pick\"></form><form action=\"/live/x/topics/{b}/pick\">\
             <form action=\"/live/x/topics/{a}/pick\"><form action=\"/live/x/topics\">"
        );
        assert_eq!(topic_ids(&html), vec![a.to_owned(), b.to_owned()]);
    }

    #[test]
    fn every_phone_picks_between_one_and_max_different_topics() {
        let os = OsArgs {
            sessions: 2,
            per_session: 50,
            proposers: 5,
            propose_seconds: 1.0,
            pick_rate: 1.0,
            max_picks: 3,
            seconds: 1,
            slots: 1,
            spaces: 1,
            seed: 7,
            probe_connections: 1,
            probe_seconds: 0,
            max_fetches: 1,
        };
        let topics: Vec<Vec<String>> = (0..2)
            .map(|s| (0..5).map(|t| format!("{s}-{t}")).collect())
            .collect();
        let plan = plan_picks(&os, &topics, &mut Rng::new(7));
        for s in 0..2 {
            for phone in 0..50 {
                let mine: Vec<&String> = plan
                    .iter()
                    .filter(|(ps, pp, _)| *ps == s && *pp == phone)
                    .map(|(_, _, t)| t)
                    .collect();
                assert!((1..=3).contains(&mine.len()));
                let mut d = mine.clone();
                d.sort();
                d.dedup();
                assert_eq!(d.len(), mine.len());
                assert!(mine.iter().all(|t| t.starts_with(&format!("{s}-"))));
            }
        }
        // The sessions take turns.
        assert_ne!(plan[0].0, plan[1].0);
    }

    #[test]
    fn staleness_waits_for_the_first_fetch_sent_after_each_arrival() {
        let f = |sent, done| Fetch {
            sent,
            done,
            status: Some(200),
            ok: true,
            bytes: 1,
        };
        let a = Seen {
            kind: Kind::Phone,
            session: 0,
            connected: true,
            error: None,
            reconnects: 0,
            events: vec![(1, 100), (2, 200)],
            // The fetch sent at 150 answers event 1 only; 900 answers event 2.
            fetches: vec![f(150, 160), f(900, 950)],
        };
        let b = Seen {
            events: vec![(1, 110), (2, 210)],
            fetches: vec![f(1_000, 1_100)],
            ..Seen {
                kind: Kind::Phone,
                session: 0,
                connected: true,
                error: None,
                reconnects: 0,
                events: Vec::new(),
                fetches: Vec::new(),
            }
        };
        let (events, one, incomplete) = staleness(&[&a, &b]);
        assert_eq!(events, vec![(100, 1_000), (200, 900)]);
        assert_eq!(incomplete, 0);
        assert_eq!(one.len(), 4);
        let c = Seen {
            events: vec![(3, 500)],
            fetches: vec![f(400, 450)],
            ..b
        };
        let (events, _, incomplete) = staleness(&[&c]);
        assert!(events.is_empty());
        assert_eq!(incomplete, 1);
    }
}
