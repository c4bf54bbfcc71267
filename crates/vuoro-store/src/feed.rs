//! How every server process learns that a live event was committed, whichever process wrote it.
//!
//! The table of live events stays the record: a notice carries only a live session's id and an
//! event's `seq`, never a text or who wrote it, and whoever receives it reads the events from
//! the store. A feed may lose notices (a slow reader, a dropped connection); it then yields
//! [`LiveNotice::Gap`] and the reader reads again what it may have missed. A feed also starts
//! with a gap, since events may have committed before it was listening.
//!
//! SQLite announces its commits inside the process that made them (one server process per
//! database file); PostgreSQL uses `LISTEN`/`NOTIFY`, so every process hears every other.

use crate::Result;
use async_trait::async_trait;
use futures_util::stream::BoxStream;
use vuoro_core::LiveSessionId;

/// What a [`LiveFeed`] tells its reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveNotice {
    /// The live session's event `seq` (and every earlier one of it) is committed.
    Committed {
        live_session: LiveSessionId,
        seq: i64,
    },
    /// Notices may have been lost since the feed's previous item (or since it started): read
    /// every followed session again from the last `seq` delivered.
    Gap,
}

/// Notices of committed live events, from every process writing to the same database.
#[async_trait]
pub trait LiveFeed: Send + Sync {
    /// Starts listening. The stream's first item is a [`LiveNotice::Gap`]; it ends only when
    /// the store is gone or its connection failed for good, and the caller may then listen
    /// again (and treat that as a gap too).
    async fn live_feed(&self) -> Result<BoxStream<'static, LiveNotice>>;
}
