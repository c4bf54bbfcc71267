//! Live events delivered from the table: the hub reads what the store's feed announces, so
//! notes written at once by many phones reach every screen once each and in `seq` order, and a
//! client that resumes after a `seq` gets exactly the events it missed.

use crate::helpers::*;
use crate::live::{join, open_session, process_in_phase1, write};
use reqwest::StatusCode;
use std::collections::BTreeSet;
use std::time::Duration;
use vuoro_core::LiveSessionId;

const PHONES: usize = 6;
/// Below the notes a phone may write in a minute.
const NOTES_EACH: usize = 8;

/// One server-sent event: its id, name and data.
#[derive(Debug, Clone)]
pub struct Sse {
    pub id: Option<i64>,
    pub event: String,
    pub data: String,
}

/// An open event stream and what was read of it so far.
pub struct Stream {
    response: reqwest::Response,
    buffer: String,
    pub events: Vec<Sse>,
}

impl Stream {
    pub async fn open(b: &Browser, path: &str, last_seen: Option<i64>) -> Stream {
        let mut req = b.client.get(format!("{}{path}", b.base));
        if let Some(id) = last_seen {
            req = req.header("Last-Event-ID", id.to_string());
        }
        let response = req.send().await.expect("stream");
        assert_eq!(response.status(), StatusCode::OK);
        Stream {
            response,
            buffer: String::new(),
            events: Vec::new(),
        }
    }

    /// Reads until `done` holds for the events read so far.
    pub async fn read_until(&mut self, done: impl Fn(&[Sse]) -> bool) {
        while !done(&self.events) {
            let chunk = tokio::time::timeout(Duration::from_secs(20), self.response.chunk())
                .await
                .expect("events arrive")
                .expect("readable")
                .expect("not ended");
            self.take(&chunk);
        }
    }

    /// Reads until the stream ends or breaks (its server went away).
    pub async fn read_to_end(&mut self) {
        while let Ok(Some(chunk)) = self.response.chunk().await {
            self.take(&chunk);
        }
    }

    fn take(&mut self, chunk: &[u8]) {
        self.buffer.push_str(&String::from_utf8_lossy(chunk));
        while let Some(end) = self.buffer.find("\n\n") {
            let block: String = self.buffer.drain(..end + 2).collect();
            let mut e = Sse {
                id: None,
                event: String::new(),
                data: String::new(),
            };
            for line in block.lines() {
                if let Some(v) = line.strip_prefix("id: ") {
                    e.id = Some(v.parse().expect("numeric id"));
                } else if let Some(v) = line.strip_prefix("event: ") {
                    e.event = v.to_owned();
                } else if let Some(v) = line.strip_prefix("data: ") {
                    e.data.push_str(v);
                }
            }
            if !e.event.is_empty() {
                self.events.push(e);
            }
        }
    }
}

/// The texts of the `note` events, in the order they came.
pub fn note_texts(events: &[Sse]) -> Vec<String> {
    events
        .iter()
        .filter(|e| e.event == "note")
        .map(|e| {
            let v: serde_json::Value = serde_json::from_str(&e.data).expect("json");
            v["text"].as_str().expect("a note's text").to_owned()
        })
        .collect()
}

pub fn ids(events: &[Sse]) -> Vec<i64> {
    events.iter().filter_map(|e| e.id).collect()
}

pub fn has_all(expected: &BTreeSet<String>) -> impl Fn(&[Sse]) -> bool + '_ {
    move |events| {
        let got: BTreeSet<String> = note_texts(events).into_iter().collect();
        expected.is_subset(&got)
    }
}

/// Joins `PHONES` phones and has them all write `NOTES_EACH` notes at once; returns the texts
/// the server acknowledged.
async fn storm(app: &TestApp, code: &str, round: &str) -> BTreeSet<String> {
    let mut phones = Vec::new();
    for _ in 0..PHONES {
        phones.push(join(app, code, &[("lang", "fi")]).await);
    }
    let writers = phones.into_iter().enumerate().map(|(i, (phone, page))| {
        let round = round.to_owned();
        tokio::spawn(async move {
            let mut acked = Vec::new();
            for n in 0..NOTES_EACH {
                let text = format!("{round} puhelin {i} ajatus {n}");
                let status = write(&phone, &page, &text).await.status();
                assert_eq!(status, StatusCode::SEE_OTHER, "{text}");
                acked.push(text);
            }
            acked
        })
    });
    let mut all = BTreeSet::new();
    for w in futures_util::future::join_all(writers).await {
        all.extend(w.expect("writer ran"));
    }
    assert_eq!(all.len(), PHONES * NOTES_EACH);
    all
}

#[tokio::test]
async fn notes_written_at_once_reach_every_screen_once_each_in_order() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let facilitator = app.login("facilitator").await;
    let events = run.replace("/run", "/events");
    let mut board = Stream::open(&facilitator, &events, None).await;
    let mut projector = Stream::open(&facilitator, &format!("{events}?view=projector"), None).await;

    let acked = storm(&app, &code, "myrsky").await;

    for (screen, stream) in [("board", &mut board), ("projector", &mut projector)] {
        stream.read_until(has_all(&acked)).await;
        let texts = note_texts(&stream.events);
        let unique: BTreeSet<String> = texts.iter().cloned().collect();
        assert_eq!(texts.len(), unique.len(), "{screen}: each note once");
        assert_eq!(unique, acked, "{screen}: every acknowledged note");
        let seqs = ids(&stream.events);
        assert!(
            seqs.windows(2).all(|w| w[0] < w[1]),
            "{screen}: events in seq order: {seqs:?}"
        );
    }
    // Each phone's own notes come back in the order it wrote them.
    let texts = note_texts(&board.events);
    for i in 0..PHONES {
        let mine: Vec<&String> = texts
            .iter()
            .filter(|t| t.starts_with(&format!("myrsky puhelin {i} ")))
            .collect();
        let written: Vec<String> = (0..NOTES_EACH)
            .map(|n| format!("myrsky puhelin {i} ajatus {n}"))
            .collect();
        assert!(mine.iter().zip(&written).all(|(a, b)| *a == b), "phone {i}");
    }
}

#[tokio::test]
async fn a_board_resuming_after_a_seq_gets_exactly_the_events_it_missed() {
    let app = spawn().await;
    let p = process_in_phase1(&app).await;
    let (run, code) = open_session(&app, &p).await;
    let lid = LiveSessionId::parse(run.trim_start_matches("/live/").trim_end_matches("/run"))
        .expect("a live session id");
    let facilitator = app.login("facilitator").await;
    let events = run.replace("/run", "/events");

    // The board follows the first round, then drops its stream.
    let mut first = Stream::open(&facilitator, &events, None).await;
    let round1 = storm(&app, &code, "ensin").await;
    first.read_until(has_all(&round1)).await;
    let last_seen = *ids(&first.events).last().expect("events seen");
    drop(first);

    // Meanwhile the phones write more, and the board comes back with its last id.
    let round2 = storm(&app, &code, "sitten").await;
    let mut again = Stream::open(&facilitator, &events, Some(last_seen)).await;
    again.read_until(has_all(&round2)).await;

    let missed: Vec<i64> = app
        .store
        .live_events_after(lid, last_seen)
        .await
        .expect("events read")
        .iter()
        .map(|e| e.seq)
        .collect();
    let got = ids(&again.events);
    assert_eq!(
        got[..missed.len()],
        missed[..],
        "the missed events, each once, in order, and nothing before them"
    );
    let texts = note_texts(&again.events);
    assert_eq!(
        texts.iter().cloned().collect::<BTreeSet<_>>(),
        round2,
        "none of the notes seen before"
    );
    assert_eq!(texts.len(), round2.len(), "each note once");
}
