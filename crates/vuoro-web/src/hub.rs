//! Fan-out of live events from the server's memory. Each open live session has one broadcast
//! channel; every board, projector and phone of that session subscribes to it. The database is
//! the record (events carry its sequence numbers), so a reconnecting client catches up from
//! there and then follows the channel.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast;
use vuoro_core::LiveSessionId;

/// One event as clients receive it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Push {
    pub seq: i64,
    /// The server-sent event name: `note`, `moved` or `closed`.
    pub event: &'static str,
    /// JSON for the client.
    pub data: String,
    /// Whether participants' phones receive it; notes go only to staff screens.
    pub for_participants: bool,
}

/// How many events a slow client may lag behind before it must catch up from the database.
const CAPACITY: usize = 256;

#[derive(Debug, Default)]
pub struct LiveHub {
    channels: Mutex<HashMap<LiveSessionId, broadcast::Sender<Arc<Push>>>>,
}

impl LiveHub {
    pub fn subscribe(&self, id: LiveSessionId) -> broadcast::Receiver<Arc<Push>> {
        let mut map = self.channels.lock().unwrap_or_else(|e| e.into_inner());
        map.entry(id)
            .or_insert_with(|| broadcast::channel(CAPACITY).0)
            .subscribe()
    }

    pub fn publish(&self, id: LiveSessionId, push: Push) {
        let mut map = self.channels.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(tx) = map.get(&id) {
            if tx.receiver_count() == 0 {
                // Nobody listens any more: drop the channel so closed sessions free memory.
                map.remove(&id);
            } else {
                let _ = tx.send(Arc::new(push));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn subscribers_get_what_is_published_after_they_subscribe() {
        let hub = LiveHub::default();
        let id = LiveSessionId::new();
        let push = |seq| Push {
            seq,
            event: "note",
            data: "{}".into(),
            for_participants: false,
        };
        hub.publish(id, push(1));
        let mut rx = hub.subscribe(id);
        hub.publish(id, push(2));
        let got = rx.recv().await.expect("delivered");
        assert_eq!(got.seq, 2);
        drop(rx);
        hub.publish(id, push(3));
        assert!(
            hub.channels.lock().expect("lock").is_empty(),
            "unused channels are dropped"
        );
    }
}
