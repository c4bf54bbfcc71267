//! The live feed through `LISTEN`/`NOTIFY`: the trigger of migration 0002 sends
//! `<live session id> <seq>` on [`CHANNEL`] inside every transaction that appends a live event,
//! and PostgreSQL delivers it to every listening process once the transaction commits. Each
//! feed listens on a connection of its own. When that connection drops, notices sent meanwhile
//! are lost, so the feed reports a gap (the reader reads again what it follows) and listens
//! again; if it cannot, the feed ends and its reader listens again later, waiting longer each
//! time (`follow_feed` in the web crate's hub).

use super::*;
use futures_util::stream::{self, BoxStream, StreamExt};
use sqlx::postgres::PgListener;
use vuoro_store::{LiveFeed, LiveNotice};

/// The channel the notices travel on (migration 0002).
pub(crate) const CHANNEL: &str = "vuoro_live";

/// Reads a notice's payload; `None` for anything else.
fn parse(payload: &str) -> Option<LiveNotice> {
    let (live, seq) = payload.split_once(' ')?;
    Some(LiveNotice::Committed {
        live_session: LiveSessionId::parse(live).ok()?,
        seq: seq.parse().ok()?,
    })
}

#[async_trait]
impl LiveFeed for PgStore {
    async fn live_feed(&self) -> Result<BoxStream<'static, LiveNotice>> {
        let mut listener = PgListener::connect_with(&self.pool).await.map_err(db)?;
        // Listening before this returns: what commits after it is heard.
        listener.listen(CHANNEL).await.map_err(db)?;
        let notices = stream::unfold(listener, |mut listener| async move {
            loop {
                match listener.try_recv().await {
                    Ok(Some(n)) => match parse(n.payload()) {
                        Some(notice) => return Some((notice, listener)),
                        None => tracing::warn!("a notice on the live channel was not understood"),
                    },
                    // The connection dropped; the listener connects and listens again on the
                    // next call, and what was sent meanwhile is lost.
                    Ok(None) => return Some((LiveNotice::Gap, listener)),
                    Err(err) => {
                        tracing::warn!(?err, "the live feed's connection failed");
                        return None;
                    }
                }
            }
        });
        Ok(stream::once(async { LiveNotice::Gap })
            .chain(notices)
            .boxed())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_names_a_session_and_a_seq_and_nothing_else_is_read() {
        let id = LiveSessionId::new();
        assert_eq!(
            parse(&format!("{id} 42")),
            Some(LiveNotice::Committed {
                live_session: id,
                seq: 42
            })
        );
        assert_eq!(parse("42"), None);
        assert_eq!(parse(&format!("{id} x")), None);
        assert_eq!(parse("x 42"), None);
    }
}
