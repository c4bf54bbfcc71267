//! The server's memory of open live sessions. Each live session followed in this process has one
//! broadcast channel; every board, projector and phone of that session connected to this process
//! subscribes to it.
//!
//! The database is the record, and the hub delivers from it, never from a writer's memory: the
//! store's [`vuoro_store::LiveFeed`] tells every server process of every committed live event
//! (by session id and `seq`, whichever process wrote it), and on such a notice the hub reads the
//! session's events after the last one it delivered (`live_backlog`, one query for however many
//! arrived meanwhile) and sends each once, in `seq` order. When the feed reports a gap (it
//! reconnected, or fell behind) the hub reads again every session it follows. A reconnecting
//! client catches up from the database and then follows the channel.
//!
//! Besides the channels it holds what is only worth keeping while the server runs: the open
//! streams of each phone and log-in with their cap ([`LiveHub::open_stream`]), which phones were
//! seen lately ([`LiveHub::active`]), and the limits on joining ([`crate::live::JoinLimiter`]).
//! All of it is bounded and per process, and a restart forgets it, which costs nothing but a few
//! reconnects (ARCHITECTURE.md, "Several server processes", says why each may stay per process).

use crate::live::JoinLimiter;
use futures_util::StreamExt;
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};
use tokio::sync::{broadcast, oneshot};
use vuoro_core::{LiveSessionId, ParticipantId, TopicId};
use vuoro_store::{LiveNotice, Store};

/// One event as clients receive it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Push {
    pub seq: i64,
    /// The server-sent event name: `note`, `changed`, `hands`, `topics`, `moved` or `closed`.
    pub event: &'static str,
    /// JSON for the client.
    pub data: String,
    /// Who may receive it; [`Viewer::sees`] decides.
    pub audience: Audience,
}

/// Who an event is for, as far as the event itself tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// Every screen of the session, phones too (moved, closed, topics).
    Everyone,
    /// Staff screens only (the turn queue).
    Staff,
    /// A new note, with its text: the board always; the projector and the phones of its
    /// open-space group only while it is visible (not hidden, not merged).
    Note {
        topic: Option<TopicId>,
        visible: bool,
    },
    /// A curated note; the payload is its id only. Staff screens reload, and the phones of its
    /// group fetch their part again.
    NoteChanged { topic: Option<TopicId> },
}

/// A screen that follows a live session's events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Viewer {
    /// The facilitator's runner: every event, hidden notes too (it can show them again).
    Board,
    /// The projector: what the room may read.
    Projector,
    /// A participant's phone, with the open-space topics it picked: its groups.
    Phone { groups: Vec<TopicId> },
}

impl Viewer {
    /// Whether this screen receives the event. The one rule for both the live stream and the
    /// replay of a reconnecting client, so the two cannot differ.
    pub fn sees(&self, push: &Push) -> bool {
        match (&push.audience, self) {
            (_, Viewer::Board) | (Audience::Everyone, _) => true,
            (Audience::Staff | Audience::NoteChanged { .. }, Viewer::Projector) => true,
            (Audience::Staff, Viewer::Phone { .. }) => false,
            (Audience::Note { visible, .. }, Viewer::Projector) => *visible,
            (Audience::Note { topic, visible }, Viewer::Phone { groups }) => {
                *visible && topic.is_some_and(|t| groups.contains(&t))
            }
            (Audience::NoteChanged { topic }, Viewer::Phone { groups }) => {
                topic.is_some_and(|t| groups.contains(&t))
            }
        }
    }
}

/// Who holds a stream, for the cap on streams per holder and session.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Holder {
    Participant(ParticipantId),
    /// A staff log-in, by the hash of its session token.
    Login(String),
}

/// How many events a slow client may lag behind before it must catch up from the database.
const CAPACITY: usize = 256;
/// Events the hub reads from the database for one session at a time.
const BATCH: u32 = 200;
/// How long the hub waits before listening again after the feed failed, at first and at most.
const RETRY_FIRST: Duration = Duration::from_millis(100);
const RETRY_MAX: Duration = Duration::from_secs(10);
/// How long a phone counts as active after its last request.
pub const ACTIVE_WINDOW: Duration = Duration::from_secs(5 * 60);
/// Sessions whose recent phones are remembered; past this, those quiet longest are forgotten.
const SEEN_SESSIONS_MAX: usize = 2_000;
/// Phones remembered per session: a session holds at most `MAX_PARTICIPANTS` of them.
const SEEN_PER_SESSION_MAX: usize = 2_000;

type StreamKey = (LiveSessionId, Holder);
/// A holder's open streams, oldest first: each one's number and the way to tell it to stop.
type Streams = VecDeque<(u64, oneshot::Sender<()>)>;

/// One followed session's channel and how far the hub has delivered its events.
#[derive(Debug)]
struct Channel {
    tx: broadcast::Sender<Arc<Push>>,
    /// Tells this channel apart from a later one of the same session, so a delivery started for
    /// a channel that was dropped never sends into its successor.
    epoch: u64,
    /// The last `seq` sent into the channel; `None` until the session's last `seq` was read
    /// when the channel was made.
    delivered: Option<i64>,
    /// The highest `seq` a notice announced.
    announced: i64,
    /// Read again even without a newer notice: the feed lost notices, or a batch was full.
    reread: bool,
    /// A delivery runs for the channel; notices meanwhile only raise `announced`.
    running: bool,
}

impl Channel {
    fn behind(&self) -> bool {
        self.delivered
            .is_some_and(|d| self.reread || self.announced > d)
    }
}

#[derive(Debug)]
pub struct LiveHub {
    store: Arc<dyn Store>,
    channels: Mutex<HashMap<LiveSessionId, Channel>>,
    next_epoch: AtomicU64,
    streams: Mutex<HashMap<StreamKey, Streams>>,
    next_stream: AtomicU64,
    seen: Mutex<HashMap<LiveSessionId, HashMap<ParticipantId, Instant>>>,
    pub(crate) joins: JoinLimiter,
}

/// An open stream's place among its holder's streams. Dropped with the stream, it frees the
/// place; `replaced` resolves when a newer stream of the same holder took it, or when the
/// holder was removed from the session.
#[derive(Debug)]
pub struct StreamTicket {
    hub: Arc<LiveHub>,
    key: StreamKey,
    id: u64,
    pub replaced: oneshot::Receiver<()>,
}

impl Drop for StreamTicket {
    fn drop(&mut self) {
        let mut map = self.hub.streams.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(q) = map.get_mut(&self.key) {
            q.retain(|(id, _)| *id != self.id);
            if q.is_empty() {
                map.remove(&self.key);
            }
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl LiveHub {
    /// A hub that follows the store's live feed, from a task spawned on the current Tokio
    /// runtime; the task ends when the hub is dropped.
    pub fn start(store: Arc<dyn Store>) -> Arc<LiveHub> {
        let hub = Arc::new(LiveHub {
            store,
            channels: Mutex::default(),
            next_epoch: AtomicU64::new(0),
            streams: Mutex::default(),
            next_stream: AtomicU64::new(0),
            seen: Mutex::default(),
            joins: JoinLimiter::default(),
        });
        tokio::spawn(follow_feed(Arc::downgrade(&hub)));
        hub
    }

    /// A receiver of the session's events: every event committed after this call returns, and
    /// perhaps some earlier ones, each once and in `seq` order (a subscriber drops what it read
    /// already). Subscribe first and read the backlog after, so nothing falls between the two.
    /// If reading the session's events fails, the channel closes and its streams end, so their
    /// clients catch up from the database.
    pub async fn subscribe(
        self: &Arc<Self>,
        id: LiveSessionId,
    ) -> vuoro_store::Result<broadcast::Receiver<Arc<Push>>> {
        let (rx, epoch) = {
            let mut map = lock(&self.channels);
            if let Some(ch) = map.get(&id) {
                return Ok(ch.tx.subscribe());
            }
            let (tx, rx) = broadcast::channel(CAPACITY);
            let epoch = self.next_epoch.fetch_add(1, Ordering::Relaxed);
            map.insert(
                id,
                Channel {
                    tx,
                    epoch,
                    delivered: None,
                    announced: 0,
                    reread: false,
                    running: false,
                },
            );
            (rx, epoch)
        };
        // Read after the channel exists: every event up to `last` is committed before the
        // subscriber reads its backlog, and every later one is announced to the channel.
        let last = match self.store.last_live_seq(id).await {
            Ok(last) => last,
            Err(e) => {
                let mut map = lock(&self.channels);
                if map.get(&id).is_some_and(|ch| ch.epoch == epoch) {
                    map.remove(&id);
                }
                return Err(e);
            }
        };
        let mut map = lock(&self.channels);
        if let Some(ch) = map.get_mut(&id).filter(|ch| ch.epoch == epoch) {
            ch.delivered = Some(last);
            self.deliver_if_behind(id, ch);
        }
        Ok(rx)
    }

    /// A notice from the feed: the session's event `seq` is committed.
    fn committed(self: &Arc<Self>, id: LiveSessionId, seq: i64) {
        let mut map = lock(&self.channels);
        let Some(ch) = map.get_mut(&id) else {
            return;
        };
        if ch.tx.receiver_count() == 0 {
            // Nobody follows the session here any more: forget it, so closed sessions free
            // memory.
            map.remove(&id);
            return;
        }
        ch.announced = ch.announced.max(seq);
        self.deliver_if_behind(id, ch);
    }

    /// The feed may have lost notices: read every followed session again.
    fn gap(self: &Arc<Self>) {
        let mut map = lock(&self.channels);
        map.retain(|_, ch| ch.tx.receiver_count() > 0);
        for (id, ch) in map.iter_mut() {
            ch.reread = true;
            self.deliver_if_behind(*id, ch);
        }
    }

    /// Starts the session's delivery unless one runs, if there is something to deliver.
    fn deliver_if_behind(self: &Arc<Self>, id: LiveSessionId, ch: &mut Channel) {
        if !ch.running && ch.behind() {
            ch.running = true;
            tokio::spawn(Arc::clone(self).deliver(id, ch.epoch));
        }
    }

    /// Sends the session's events after the last one delivered into its channel, batch by
    /// batch, until it has sent every announced one. One delivery runs per channel at a time,
    /// so the channel carries the events once each and in `seq` order.
    async fn deliver(self: Arc<Self>, id: LiveSessionId, epoch: u64) {
        loop {
            let after = {
                let mut map = lock(&self.channels);
                let Some(ch) = map.get_mut(&id).filter(|ch| ch.epoch == epoch) else {
                    return;
                };
                if ch.tx.receiver_count() == 0 {
                    map.remove(&id);
                    return;
                }
                let Some(after) = ch.delivered.filter(|_| ch.behind()) else {
                    ch.running = false;
                    return;
                };
                ch.reread = false;
                after
            };
            let rows = match self.store.live_backlog(id, after, BATCH).await {
                Ok(rows) => rows,
                Err(err) => {
                    tracing::warn!(?err, "live events not read; their streams reconnect");
                    let mut map = lock(&self.channels);
                    if map.get(&id).is_some_and(|ch| ch.epoch == epoch) {
                        // Dropping the sender ends every stream of the channel; their clients
                        // reconnect and read what they missed from the database.
                        map.remove(&id);
                    }
                    return;
                }
            };
            let mut pushes = Vec::with_capacity(rows.len());
            for r in &rows {
                match crate::live::push_of(r) {
                    Ok(p) => pushes.push(Arc::new(p)),
                    // Skipped, as a replay skips it: it cannot be built later either.
                    Err(err) => tracing::warn!(?err, seq = r.event.seq, "live event not pushed"),
                }
            }
            let mut map = lock(&self.channels);
            let Some(ch) = map.get_mut(&id).filter(|ch| ch.epoch == epoch) else {
                return;
            };
            for p in pushes {
                // No receiver is not an error: a screen may close at any time.
                ch.tx.send(p).ok();
            }
            if let Some(last) = rows.last() {
                ch.delivered = Some(last.event.seq);
            }
            if rows.len() == BATCH as usize {
                ch.reread = true;
            }
        }
    }

    /// Counts a new stream of `holder` in the session. Beyond `cap`, the holder's oldest stream
    /// is told it was replaced (see [`StreamTicket`]): the newest is the page the person looks
    /// at, and a script that opens streams in a loop still holds at most `cap`.
    pub fn open_stream(
        self: &Arc<Self>,
        id: LiveSessionId,
        holder: Holder,
        cap: usize,
    ) -> StreamTicket {
        let n = self.next_stream.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = oneshot::channel();
        let mut map = lock(&self.streams);
        let q = map.entry((id, holder.clone())).or_default();
        while q.len() >= cap.max(1) {
            if let Some((_, old)) = q.pop_front() {
                // Its stream may have ended already.
                old.send(()).ok();
            }
        }
        q.push_back((n, tx));
        StreamTicket {
            hub: Arc::clone(self),
            key: (id, holder),
            id: n,
            replaced: rx,
        }
    }

    /// Ends every stream the holder has open in the session (a removed phone).
    pub fn close_streams(&self, id: LiveSessionId, holder: &Holder) {
        let gone = lock(&self.streams).remove(&(id, holder.clone()));
        for (_, tx) in gone.into_iter().flatten() {
            tx.send(()).ok();
        }
    }

    /// How many streams the holder has open in the session.
    pub fn streams_of(&self, id: LiveSessionId, holder: &Holder) -> usize {
        lock(&self.streams)
            .get(&(id, holder.clone()))
            .map_or(0, VecDeque::len)
    }

    /// Remembers that the participant's phone asked for something in the session now.
    pub fn saw(&self, id: LiveSessionId, who: ParticipantId) {
        let now = Instant::now();
        let mut map = lock(&self.seen);
        if map.len() >= SEEN_SESSIONS_MAX && !map.contains_key(&id) {
            map.retain(|_, phones| {
                phones
                    .values()
                    .any(|t| now.duration_since(*t) < ACTIVE_WINDOW)
            });
            if map.len() >= SEEN_SESSIONS_MAX {
                let quietest = map
                    .iter()
                    .map(|(k, phones)| (phones.values().max().copied(), *k))
                    .min()
                    .map(|(_, k)| k);
                if let Some(k) = quietest {
                    map.remove(&k);
                }
            }
        }
        let phones = map.entry(id).or_default();
        if phones.len() >= SEEN_PER_SESSION_MAX && !phones.contains_key(&who) {
            phones.retain(|_, t| now.duration_since(*t) < ACTIVE_WINDOW);
            if phones.len() >= SEEN_PER_SESSION_MAX {
                return;
            }
        }
        phones.insert(who, now);
    }

    /// Forgets a phone removed from the session.
    pub fn forget(&self, id: LiveSessionId, who: ParticipantId) {
        if let Some(phones) = lock(&self.seen).get_mut(&id) {
            phones.remove(&who);
        }
    }

    /// Phones active in the session: seen within [`ACTIVE_WINDOW`] or holding a stream open.
    pub fn active(&self, id: LiveSessionId) -> usize {
        let now = Instant::now();
        let mut who: HashSet<ParticipantId> = lock(&self.seen)
            .get(&id)
            .map(|phones| {
                phones
                    .iter()
                    .filter(|(_, t)| now.duration_since(**t) < ACTIVE_WINDOW)
                    .map(|(p, _)| *p)
                    .collect()
            })
            .unwrap_or_default();
        who.extend(lock(&self.streams).keys().filter_map(|(lid, h)| match h {
            Holder::Participant(p) if *lid == id => Some(*p),
            _ => None,
        }));
        who.len()
    }
}

/// Listens to the store's live feed for as long as the hub lives, and listens again, waiting
/// longer each time, when the feed fails; every new feed starts with a gap, so nothing
/// committed while nobody listened is lost.
async fn follow_feed(hub: Weak<LiveHub>) {
    let mut wait = RETRY_FIRST;
    loop {
        let feed = match hub.upgrade() {
            Some(h) => h.store.live_feed().await,
            None => return,
        };
        match feed {
            Ok(mut feed) => {
                while let Some(notice) = feed.next().await {
                    let Some(h) = hub.upgrade() else {
                        return;
                    };
                    wait = RETRY_FIRST;
                    match notice {
                        LiveNotice::Committed { live_session, seq } => {
                            h.committed(live_session, seq)
                        }
                        LiveNotice::Gap => h.gap(),
                    }
                }
                tracing::warn!("the live feed ended; listening again");
            }
            Err(err) => tracing::warn!(?err, "the live feed failed; listening again"),
        }
        if hub.strong_count() == 0 {
            return;
        }
        tokio::time::sleep(wait).await;
        wait = (wait * 2).min(RETRY_MAX);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn push(seq: i64, audience: Audience) -> Push {
        Push {
            seq,
            event: "note",
            data: "{}".into(),
            audience,
        }
    }

    #[test]
    fn each_screen_sees_what_it_may() {
        let mine = TopicId::new();
        let other = TopicId::new();
        let phone = Viewer::Phone { groups: vec![mine] };
        let note = |topic, visible| push(1, Audience::Note { topic, visible });
        assert!(
            Viewer::Board.sees(&note(None, false)),
            "the board shows hidden notes"
        );
        assert!(!Viewer::Projector.sees(&note(None, false)));
        assert!(Viewer::Projector.sees(&note(None, true)));
        assert!(phone.sees(&note(Some(mine), true)), "the phone's group");
        assert!(!phone.sees(&note(Some(mine), false)), "hidden");
        assert!(!phone.sees(&note(Some(other), true)), "another group");
        assert!(!phone.sees(&note(None, true)), "not a group's note");
        assert!(!phone.sees(&push(1, Audience::Staff)));
        assert!(phone.sees(&push(1, Audience::Everyone)));
        assert!(phone.sees(&push(1, Audience::NoteChanged { topic: Some(mine) })));
        assert!(!phone.sees(&push(1, Audience::NoteChanged { topic: Some(other) })));
    }

    #[tokio::test]
    async fn a_holder_keeps_at_most_its_cap_of_streams() {
        let dir = std::env::temp_dir().join(format!("vuoro-hub-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let store = vuoro_store_sqlite::SqliteStore::open(&dir.join("hub.db"))
            .await
            .expect("database opens");
        let hub = LiveHub::start(Arc::new(store));
        let id = LiveSessionId::new();
        let who = Holder::Participant(ParticipantId::new());
        let mut first = hub.open_stream(id, who.clone(), 2);
        let mut second = hub.open_stream(id, who.clone(), 2);
        assert_eq!(hub.streams_of(id, &who), 2);
        let third = hub.open_stream(id, who.clone(), 2);
        assert_eq!(hub.streams_of(id, &who), 2);
        assert!(first.replaced.try_recv().is_ok(), "the oldest is replaced");
        assert!(second.replaced.try_recv().is_err(), "the others go on");
        assert_eq!(hub.active(id), 1);
        drop(second);
        drop(third);
        assert_eq!(
            hub.streams_of(id, &who),
            0,
            "an ended stream frees its place"
        );
        assert_eq!(hub.active(id), 0);
        std::fs::remove_dir_all(&dir).expect("temp dir removed");
    }
}
