//! The server's memory of open live sessions. Each open live session has one broadcast channel;
//! every board, projector and phone of that session subscribes to it. The database is the
//! record (events carry its sequence numbers), so a reconnecting client catches up from there
//! and then follows the channel.
//!
//! Besides the channels it holds what is only worth keeping while the server runs: the turn a
//! writer takes so that events leave in `seq` order ([`LiveHub::turn`]), the open streams of
//! each phone and log-in with their cap ([`LiveHub::open_stream`]), which phones were seen
//! lately ([`LiveHub::active`]), and the limits on joining ([`crate::live::JoinLimiter`]).
//! All of it is bounded, and a restart forgets it, which costs nothing but a few reconnects.

use crate::live::JoinLimiter;
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{broadcast, oneshot};
use vuoro_core::{LiveSessionId, ParticipantId, TopicId};

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
/// Stripes of the writers' turns: sessions share a stripe, which only makes their writers
/// wait for each other, as SQLite's single writer makes them anyway.
const TURNS: usize = 64;
/// How long a phone counts as active after its last request.
pub const ACTIVE_WINDOW: Duration = Duration::from_secs(5 * 60);
/// Sessions whose recent phones are remembered; past this, those quiet longest are forgotten.
const SEEN_SESSIONS_MAX: usize = 2_000;
/// Phones remembered per session: a session holds at most `MAX_PARTICIPANTS` of them.
const SEEN_PER_SESSION_MAX: usize = 2_000;

type StreamKey = (LiveSessionId, Holder);
/// A holder's open streams, oldest first: each one's number and the way to tell it to stop.
type Streams = VecDeque<(u64, oneshot::Sender<()>)>;

#[derive(Debug)]
pub struct LiveHub {
    channels: Mutex<HashMap<LiveSessionId, broadcast::Sender<Arc<Push>>>>,
    turns: Vec<tokio::sync::Mutex<()>>,
    streams: Mutex<HashMap<StreamKey, Streams>>,
    next_stream: AtomicU64,
    seen: Mutex<HashMap<LiveSessionId, HashMap<ParticipantId, Instant>>>,
    pub(crate) joins: JoinLimiter,
}

impl Default for LiveHub {
    fn default() -> Self {
        Self {
            channels: Mutex::default(),
            turns: (0..TURNS).map(|_| tokio::sync::Mutex::new(())).collect(),
            streams: Mutex::default(),
            next_stream: AtomicU64::new(0),
            seen: Mutex::default(),
            joins: JoinLimiter::default(),
        }
    }
}

/// The right to write one live event and publish it: taken before the write, given back after
/// the publication, so a session's events enter its channel in the order of their `seq`.
#[derive(Debug)]
pub struct Turn<'a> {
    // Held, never read: dropping it lets the session's next writer go.
    _held: tokio::sync::MutexGuard<'a, ()>,
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
    pub fn subscribe(&self, id: LiveSessionId) -> broadcast::Receiver<Arc<Push>> {
        let mut map = lock(&self.channels);
        map.entry(id)
            .or_insert_with(|| broadcast::channel(CAPACITY).0)
            .subscribe()
    }

    /// Waits for the session's turn to write an event; see [`Turn`].
    pub async fn turn(&self, id: LiveSessionId) -> Turn<'_> {
        let stripe = (id.as_uuid().as_u128() % TURNS as u128) as usize;
        Turn {
            _held: self.turns[stripe].lock().await,
        }
    }

    /// Sends an event to the session's subscribers. Taking the [`Turn`] makes a writer hold it
    /// from before its write until here.
    pub fn publish(&self, id: LiveSessionId, push: Push, turn: Turn<'_>) {
        let mut map = lock(&self.channels);
        if let Some(tx) = map.get(&id) {
            if tx.receiver_count() == 0 {
                // Nobody listens any more: drop the channel so closed sessions free memory.
                map.remove(&id);
            } else {
                // No receiver is not an error: a screen may close at any time.
                tx.send(Arc::new(push)).ok();
            }
        }
        drop(turn);
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

    #[tokio::test]
    async fn subscribers_get_what_is_published_after_they_subscribe() {
        let hub = LiveHub::default();
        let id = LiveSessionId::new();
        hub.publish(id, push(1, Audience::Staff), hub.turn(id).await);
        let mut rx = hub.subscribe(id);
        hub.publish(id, push(2, Audience::Staff), hub.turn(id).await);
        let got = rx.recv().await.expect("delivered");
        assert_eq!(got.seq, 2);
        drop(rx);
        hub.publish(id, push(3, Audience::Staff), hub.turn(id).await);
        assert!(
            hub.channels.lock().expect("lock").is_empty(),
            "unused channels are dropped"
        );
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
        let hub = Arc::new(LiveHub::default());
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
    }
}
