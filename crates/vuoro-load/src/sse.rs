//! One open event stream (`/live/{id}/events`): a facilitator's board or a participant's phone.
//! Boards record every load-test note they receive with its delivery latency; phones record when
//! each `moved` event arrived.

use reqwest::Client;
use reqwest::header::COOKIE;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;
use tokio::sync::{Semaphore, watch};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Board,
    Phone,
}

/// One server-sent event.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SseEvent {
    pub event: String,
    pub data: String,
    pub id: Option<i64>,
}

/// Splits a growing buffer into complete events (each ends with an empty line); what is left
/// stays for the next chunk. Comments (keep-alives) give no event.
pub fn take_events(buf: &mut Vec<u8>) -> Vec<SseEvent> {
    let mut out = Vec::new();
    while let Some(end) = buf.windows(2).position(|w| w == b"\n\n") {
        let block: Vec<u8> = buf.drain(..end + 2).collect();
        let text = String::from_utf8_lossy(&block);
        let mut ev = SseEvent::default();
        let mut any = false;
        for line in text.lines() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            let (field, value) = line.split_once(':').unwrap_or((line, ""));
            let value = value.strip_prefix(' ').unwrap_or(value);
            match field {
                "event" => {
                    ev.event = value.to_owned();
                    any = true;
                }
                "id" => ev.id = value.parse().ok(),
                "data" => {
                    if !ev.data.is_empty() {
                        ev.data.push('\n');
                    }
                    ev.data.push_str(value);
                    any = true;
                }
                _ => {}
            }
        }
        if any {
            out.push(ev);
        }
    }
    out
}

/// A load-test note as its text carries it: `load <id> s=<session> t=<µs since start>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub id: u64,
    pub session: usize,
    pub sent_us: u64,
}

pub fn note_text(s: Stamp) -> String {
    format!("load {} s={} t={}", s.id, s.session, s.sent_us)
}

pub fn parse_stamp(text: &str) -> Option<Stamp> {
    let mut it = text.split_whitespace();
    if it.next()? != "load" {
        return None;
    }
    let id = it.next()?.parse().ok()?;
    let session = it.next()?.strip_prefix("s=")?.parse().ok()?;
    let sent_us = it.next()?.strip_prefix("t=")?.parse().ok()?;
    Some(Stamp {
        id,
        session,
        sent_us,
    })
}

/// A note as a board received it.
#[derive(Debug, Clone, Copy)]
pub struct Arrival {
    pub stamp: Stamp,
    pub latency_us: u64,
}

/// What one stream saw.
#[derive(Debug)]
pub struct Outcome {
    pub screen: Screen,
    pub session: usize,
    pub connected: bool,
    /// Why it did not connect, or why it broke.
    pub error: Option<String>,
    /// The server ended the stream before the run did.
    pub ended_early: bool,
    pub notes: Vec<Arrival>,
    /// Arrival of each `moved` event, in µs since the start.
    pub moved: Vec<u64>,
    /// With `reload`: when the page had been reloaded and the stream reopened after each
    /// `moved` (`None` if that failed), in µs since the start.
    pub reloaded: Vec<Option<u64>>,
    /// Events that could not be read.
    pub malformed: u64,
}

/// What every stream shares.
#[derive(Debug, Clone)]
pub struct Shared {
    pub client: Client,
    pub start: Instant,
    /// Limits how many streams are being opened at once.
    pub opening: Arc<Semaphore>,
    pub connected: Arc<AtomicUsize>,
    pub failed: Arc<AtomicUsize>,
    pub stop: watch::Receiver<bool>,
    /// Phones behave like `live.js`: on `moved` they reload the page and reopen the stream.
    pub reload: bool,
}

pub fn micros(start: Instant) -> u64 {
    u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX)
}

/// Opens the stream; `None` when the run stops first.
async fn open(
    sh: &Shared,
    stop: &mut watch::Receiver<bool>,
    url: &str,
    cookie: &str,
) -> Option<Result<reqwest::Response, String>> {
    let sent = tokio::select! {
        r = sh.client.get(url).header(COOKIE, cookie).send() => r,
        _ = stop.changed() => return None,
    };
    Some(match sent {
        Ok(r) if r.status().as_u16() == 200 => Ok(r),
        Ok(r) => Err(format!("status {}", r.status().as_u16())),
        Err(e) => Err(format!("connect: {e}")),
    })
}

/// Why reading a stream ended.
enum End {
    Stopped,
    /// A phone got `moved` and reloads.
    Reload,
    Closed,
    Broken(String),
}

pub async fn follow(
    sh: Shared,
    url: String,
    cookie: String,
    screen: Screen,
    session: usize,
) -> Outcome {
    let mut out = Outcome {
        screen,
        session,
        connected: false,
        error: None,
        ended_early: false,
        notes: Vec::new(),
        moved: Vec::new(),
        reloaded: Vec::new(),
        malformed: 0,
    };
    let mut stop = sh.stop.clone();
    let first = tokio::select! {
        p = sh.opening.clone().acquire_owned() => match p {
            Ok(_permit) => open(&sh, &mut stop, &url, &cookie).await,
            Err(_) => None,
        },
        _ = stop.changed() => None,
    };
    let mut resp = match first {
        Some(Ok(r)) => r,
        Some(Err(e)) => {
            out.error = Some(e);
            sh.failed.fetch_add(1, Ordering::Relaxed);
            return out;
        }
        None => {
            out.error = Some("stopped before connecting".into());
            sh.failed.fetch_add(1, Ordering::Relaxed);
            return out;
        }
    };
    out.connected = true;
    sh.connected.fetch_add(1, Ordering::Relaxed);
    let page = url.trim_end_matches("/events").to_owned();
    let mut last_id: i64 = 0;
    loop {
        match read(&sh, &mut stop, &mut resp, &mut out, &mut last_id).await {
            End::Stopped => break,
            End::Closed => {
                out.ended_early = true;
                break;
            }
            End::Broken(e) => {
                out.ended_early = true;
                out.error = Some(e);
                break;
            }
            End::Reload => {
                // As a browser does: the page again, then a new stream from the last event.
                let page_ok = tokio::select! {
                    r = sh.client.get(&page).header(COOKIE, &cookie).send() => match r {
                        Ok(r) if r.status().is_success() => r.bytes().await.is_ok(),
                        _ => false,
                    },
                    _ = stop.changed() => break,
                };
                let again = format!("{url}?after={last_id}");
                match open(&sh, &mut stop, &again, &cookie).await {
                    None => break,
                    Some(Ok(r)) => {
                        out.reloaded.push(page_ok.then(|| micros(sh.start)));
                        resp = r;
                    }
                    Some(Err(e)) => {
                        out.reloaded.push(None);
                        out.ended_early = true;
                        out.error = Some(format!("reopening: {e}"));
                        break;
                    }
                }
            }
        }
    }
    out
}

async fn read(
    sh: &Shared,
    stop: &mut watch::Receiver<bool>,
    resp: &mut reqwest::Response,
    out: &mut Outcome,
    last_id: &mut i64,
) -> End {
    let mut buf = Vec::new();
    loop {
        tokio::select! {
            _ = stop.changed() => return End::Stopped,
            c = resp.chunk() => match c {
                Ok(Some(bytes)) => {
                    let now = micros(sh.start);
                    buf.extend_from_slice(&bytes);
                    let mut reload = false;
                    for ev in take_events(&mut buf) {
                        if let Some(id) = ev.id {
                            *last_id = id;
                        }
                        match (out.screen, ev.event.as_str()) {
                            (Screen::Board, "note") => {
                                let stamp = serde_json::from_str::<serde_json::Value>(&ev.data)
                                    .ok()
                                    .and_then(|v| v.get("text")?.as_str().and_then(parse_stamp));
                                match stamp {
                                    Some(stamp) => out.notes.push(Arrival {
                                        stamp,
                                        latency_us: now.saturating_sub(stamp.sent_us),
                                    }),
                                    None => out.malformed += 1,
                                }
                            }
                            (Screen::Phone, "moved") => {
                                out.moved.push(now);
                                if sh.reload {
                                    // live.js closes the stream and reloads at the first one.
                                    reload = true;
                                    break;
                                }
                            }
                            (Screen::Phone, "note") => out.malformed += 1,
                            _ => {}
                        }
                    }
                    if reload {
                        return End::Reload;
                    }
                }
                Ok(None) => return End::Closed,
                Err(e) => return End::Broken(format!("read: {e}")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_split_and_comments_skipped() {
        let mut buf = b":\n\nevent: note\ndata: {\"text\":\"x\"}\nid: 3\n\nevent: mov".to_vec();
        let evs = take_events(&mut buf);
        assert_eq!(
            evs,
            vec![SseEvent {
                event: "note".into(),
                data: "{\"text\":\"x\"}".into(),
                id: Some(3),
            }]
        );
        assert_eq!(buf, b"event: mov");
        buf.extend_from_slice(b"ed\ndata: {}\n\n");
        assert_eq!(take_events(&mut buf)[0].event, "moved");
        assert!(buf.is_empty());
    }

    #[test]
    fn stamps_survive_the_round_trip() {
        let s = Stamp {
            id: 42,
            session: 7,
            sent_us: 123_456,
        };
        assert_eq!(parse_stamp(&note_text(s)), Some(s));
        assert_eq!(parse_stamp("something else"), None);
    }
}
