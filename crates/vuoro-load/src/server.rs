//! The server under test: the real release binary in its own process, killed when the guard is
//! dropped (also on every error path), and what `/proc` says about its CPU time and memory.

use anyhow::{Context, bail};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::Duration;

#[derive(Debug)]
pub struct Server {
    child: Child,
    pub pid: u32,
    pub addr: String,
    /// Lines the server logged at WARN or ERROR.
    pub problems: Arc<AtomicU64>,
    /// The first few of them, for the report.
    pub samples: Samples,
}

/// The first lines the server logged at WARN or ERROR.
pub type Samples = Arc<std::sync::Mutex<Vec<String>>>;

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Forwards each line of the server's output to `lines`, counting warnings and errors, and keeps
/// them in the log file so a failed run can be read afterwards.
fn drain(
    out: impl Read + Send + 'static,
    lines: mpsc::Sender<String>,
    log: Arc<std::sync::Mutex<std::fs::File>>,
    problems: Arc<AtomicU64>,
    samples: Samples,
) {
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if line.contains("WARN") || line.contains("ERROR") {
                problems.fetch_add(1, Ordering::Relaxed);
                if let Ok(mut s) = samples.lock()
                    && s.len() < 3
                {
                    s.push(line.chars().take(300).collect());
                }
            }
            if let Ok(mut f) = log.lock() {
                use std::io::Write;
                let _ = writeln!(f, "{line}");
            }
            let _ = lines.send(line);
        }
    });
}

/// Starts `bin --db DB serve` on a loopback port of the OS's choice and waits for its address;
/// its output goes to `server-K.log` in `dir`.
pub fn start(
    bin: &Path,
    db: &str,
    k: usize,
    dir: &Path,
    timeout: Duration,
) -> anyhow::Result<Server> {
    let mut child = Command::new(bin)
        .arg("--db")
        .arg(db)
        .args(["serve", "--listen", "127.0.0.1:0"])
        // A directory of its own, so no vuoro.toml of the caller's is read.
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {}", bin.display()))?;
    let pid = child.id();
    let problems = Arc::new(AtomicU64::new(0));
    let samples = Samples::default();
    let log = Arc::new(std::sync::Mutex::new(
        std::fs::File::create(dir.join(format!("server-{k}.log"))).context("server log")?,
    ));
    let (tx, rx) = mpsc::channel();
    if let Some(out) = child.stdout.take() {
        drain(
            out,
            tx.clone(),
            log.clone(),
            problems.clone(),
            samples.clone(),
        );
    }
    if let Some(err) = child.stderr.take() {
        drain(err, tx, log, problems.clone(), samples.clone());
    }
    // From here on the guard kills the child whatever happens.
    let mut server = Server {
        child,
        pid,
        addr: String::new(),
        problems,
        samples,
    };
    let deadline = std::time::Instant::now() + timeout;
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let line = match rx.recv_timeout(left) {
            Ok(l) => l,
            Err(_) => bail!("the server printed no address within {timeout:?}"),
        };
        if let Some(rest) = line.split("running at http://").nth(1) {
            server.addr = rest.split('/').next().unwrap_or_default().to_owned();
            break;
        }
    }
    // Keep draining the pipes in the background so the server never blocks on a full pipe.
    std::thread::spawn(move || while rx.recv().is_ok() {});
    if server.addr.is_empty() {
        bail!("could not read the server's address");
    }
    Ok(server)
}

/// CPU time and memory of one process, read from `/proc`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProcSample {
    /// User plus system CPU time, in seconds.
    pub cpu_s: f64,
    pub rss_kib: u64,
    /// Peak resident memory so far (`VmHWM`).
    pub hwm_kib: u64,
    pub threads: u64,
}

/// Clock ticks per second, for `/proc/PID/stat`.
pub fn clock_ticks() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|t| *t > 0.0)
        .unwrap_or(100.0)
}

pub fn sample(pid: &str, ticks: f64) -> anyhow::Result<ProcSample> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .with_context(|| format!("reading /proc/{pid}/stat"))?;
    // The command name may hold spaces; the fields after it are space-separated. After ") "
    // the first field is the state (field 3), so utime (14) and stime (15) are at 11 and 12.
    let rest = stat
        .rsplit_once(')')
        .map(|(_, r)| r)
        .context("malformed stat")?;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let num =
        |i: usize| -> anyhow::Result<f64> { Ok(f.get(i).context("short stat")?.parse::<f64>()?) };
    let cpu_s = (num(11)? + num(12)?) / ticks;
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .with_context(|| format!("reading /proc/{pid}/status"))?;
    let field = |name: &str| -> u64 {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    Ok(ProcSample {
        cpu_s,
        rss_kib: field("VmRSS:"),
        hwm_kib: field("VmHWM:"),
        threads: field("Threads:"),
    })
}

/// The soft limit on open files of this process (the server inherits it).
pub fn open_file_limit() -> Option<u64> {
    std::fs::read_to_string("/proc/self/limits")
        .ok()?
        .lines()
        .find(|l| l.starts_with("Max open files"))?
        .split_whitespace()
        .nth(3)?
        .parse()
        .ok()
}

/// What the report says about the machine.
pub fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split_once(':'))
        .map_or("unknown CPU", |(_, m)| m.trim())
        .to_owned();
    let mem = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<f64>().ok())
        .map_or(0.0, |kib| kib / 1_048_576.0);
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!(
        "{cores} cores ({model}), {mem:.0} GiB memory, Linux {}",
        kernel.trim()
    )
}

/// CPU time the whole machine has spent busy (every core, every process), in seconds, from
/// `/proc/stat`: what the server and the generator did not use of it was used by others.
pub fn machine_busy_s(ticks: f64) -> f64 {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let Some(cpu) = stat.lines().find(|l| l.starts_with("cpu ")) else {
        return 0.0;
    };
    // user nice system idle iowait irq softirq steal: all but idle and iowait.
    let f: Vec<f64> = cpu
        .split_whitespace()
        .skip(1)
        .take(8)
        .filter_map(|v| v.parse().ok())
        .collect();
    let busy: f64 = f
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 3 && *i != 4)
        .map(|(_, v)| v)
        .sum();
    busy / ticks
}
