//! The live feed of one SQLite file. Only one server process may use a database file (SQLite
//! has one writer, and nothing tells another process of a commit), so the store announces each
//! committed live event to the readers in its own process through a broadcast channel.

use super::*;
use futures_util::stream::{self, BoxStream, StreamExt};
use tokio::sync::broadcast::error::RecvError;
use vuoro_store::{LiveFeed, LiveNotice};

/// Notices a reader may fall behind by before it is told of a gap. A reader only marks which
/// sessions to read again, so it falls behind only when starved of CPU.
pub(crate) const CAPACITY: usize = 4096;

#[async_trait]
impl LiveFeed for SqliteStore {
    async fn live_feed(&self) -> Result<BoxStream<'static, LiveNotice>> {
        let rx = self.feed.subscribe();
        let notices = stream::unfold(rx, |mut rx| async move {
            match rx.recv().await {
                Ok((live_session, seq)) => Some((LiveNotice::Committed { live_session, seq }, rx)),
                Err(RecvError::Lagged(_)) => Some((LiveNotice::Gap, rx)),
                Err(RecvError::Closed) => None,
            }
        });
        Ok(stream::once(async { LiveNotice::Gap })
            .chain(notices)
            .boxed())
    }
}
