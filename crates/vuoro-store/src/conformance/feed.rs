//! The live feed: how every server process learns of every committed live event.

use super::*;
use crate::LiveNotice;
use futures_util::StreamExt;

/// A feed starts with a gap (read once what you follow), then announces each committed live
/// event by its session and `seq` alone, in the order a session's events committed; a refused
/// write announces nothing.
pub async fn the_live_feed_announces_each_committed_event_by_session_and_seq(
    store: Arc<dyn Store>,
) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let other = live(&f, id, "HJKMNP", t);
    s.open_live_session(&other).await.expect("open");
    let mut feed = s.live_feed().await.expect("feed");
    assert_eq!(feed.next().await, Some(LiveNotice::Gap));

    let staff = NoteAuthor::Staff(f.facilitator.id);
    let added = s
        .add_note(&note(l.id, staff.clone(), "Tauot porrastetaan", t))
        .await
        .expect("note");
    let elsewhere = s
        .add_note(&note(other.id, staff, "Toinen istunto", t))
        .await
        .expect("note");
    let moved = s
        .move_live_session(l.id, Position::default(), Timer::new(5), t)
        .await
        .expect("moved");
    let closed = s.close_live_session(l.id, t).await.expect("closed");
    let refused = s
        .move_live_session(l.id, Position::default(), Timer::new(5), t)
        .await;
    assert!(refused.is_err(), "a closed session does not move");
    let last = s.close_live_session(other.id, t).await.expect("closed");
    for e in [&added, &elsewhere, &moved, &closed, &last] {
        assert_eq!(
            feed.next().await,
            Some(LiveNotice::Committed {
                live_session: e.live_session,
                seq: e.seq
            }),
            "{:?}, and nothing for the refused move",
            e.kind
        );
    }
}
