//! The event stream that keeps boards, projectors and phones current.

use super::*;
use crate::hub::{Holder, StreamTicket, Viewer};
use std::collections::VecDeque;
use std::sync::Arc;
use tokio::sync::broadcast;

pub(super) fn router() -> Routes {
    Routes::new().route("/live/{lid}/events", get(events))
}

/// Streams one phone may hold open in a session: its page, plus a tab or two.
pub const STREAMS_PER_PHONE: usize = 3;
/// Streams one staff log-in may hold open in a session: runner, projector, note-taker and
/// spare screens.
pub const STREAMS_PER_LOGIN: usize = 10;
/// Events a reconnecting client is sent from the database at most. One that missed more is
/// told to reload (the `moved` event every page answers by reloading), which is cheaper for
/// both sides than replaying the lot.
pub const BACKLOG_MAX: u32 = 200;

#[derive(Deserialize)]
struct After {
    after: Option<i64>,
    /// `projector` for the projector: it gets only what the room may read.
    view: Option<String>,
}

/// What the stream sends next.
enum Out {
    Push(Arc<Push>),
    /// Too much was missed: reload.
    Reload,
    /// A newer stream of the same phone or log-in took this one's place: the page stops
    /// listening instead of reconnecting (`live.js`).
    Replaced,
}

struct Follow {
    backlog: VecDeque<Out>,
    rx: broadcast::Receiver<Arc<Push>>,
    seen: i64,
    viewer: Viewer,
    ticket: StreamTicket,
    done: bool,
}

impl Follow {
    async fn next(mut self) -> Option<(Out, Self)> {
        if self.done {
            return None;
        }
        if let Some(out) = self.backlog.pop_front() {
            self.done = matches!(out, Out::Reload);
            return Some((out, self));
        }
        loop {
            tokio::select! {
                biased;
                _ = &mut self.ticket.replaced => {
                    self.done = true;
                    return Some((Out::Replaced, self));
                }
                r = self.rx.recv() => match r {
                    Ok(p) if p.seq > self.seen && self.viewer.sees(&p) => {
                        return Some((Out::Push(p), self));
                    }
                    Ok(_) => continue,
                    // A lagging client has lost events from the channel; it reconnects and
                    // catches up from the database, so the stream ends at the first gap
                    // instead of going on without what it missed.
                    Err(_) => return None,
                },
            }
        }
    }
}

/// Server-sent events for a board (staff) or a phone (participant). A client that reconnects
/// sends the last id it saw (`Last-Event-ID`, or `?after=` on the first connection); it first
/// gets the later events from the database (at most [`BACKLOG_MAX`], in one query), then the
/// live ones, each exactly once, each only if [`Viewer::sees`] lets it.
async fn events(
    State(state): State<AppState>,
    c: Ctx,
    Path(lid): Path<String>,
    Query(q): Query<After>,
    headers: HeaderMap,
) -> Result<Response, Response> {
    let id = LiveSessionId::parse(&lid).map_err(|_| AppError::NotFound.into_response())?;
    let (viewer, holder, cap) = match runnable(&state, &c, &lid).await {
        Ok(_) => {
            let viewer = if q.view.as_deref() == Some("projector") {
                Viewer::Projector
            } else {
                Viewer::Board
            };
            let login = c
                .user()
                .map_err(IntoResponse::into_response)?
                .session_hash
                .clone();
            (viewer, Holder::Login(login), STREAMS_PER_LOGIN)
        }
        Err(AppError::LoginRequired | AppError::NotFound | AppError::Forbidden) => {
            // A phone follows only a session it joined and was not removed from; a stream is
            // no page to be sent to join from.
            let (live, me) = me_in(&state, &headers, &lid).await.map_err(|r| {
                if r.status().is_redirection() {
                    AppError::NotFound.into_response()
                } else {
                    r
                }
            })?;
            let groups = state
                .store
                .picks_of(live.id, me.id)
                .await
                .map_err(|e| AppError::from(e).into_response())?;
            (
                Viewer::Phone { groups },
                Holder::Participant(me.id),
                STREAMS_PER_PHONE,
            )
        }
        Err(e) => return Err(e.into_response()),
    };
    let from_header = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<i64>().ok());
    let after = from_header.or(q.after).unwrap_or(0).max(0);
    let ticket = state.hub.open_stream(id, holder, cap);
    // Subscribe before reading the backlog, so nothing falls between the two.
    let rx = state
        .hub
        .subscribe(id)
        .await
        .map_err(|e| AppError::from(e).into_response())?;
    let rows = state
        .store
        .live_backlog(id, after, BACKLOG_MAX + 1)
        .await
        .map_err(|e| AppError::from(e).into_response())?;
    let mut backlog = VecDeque::new();
    let mut seen = after;
    if rows.len() > BACKLOG_MAX as usize {
        backlog.push_back(Out::Reload);
    } else {
        for r in &rows {
            seen = r.event.seq;
            let p = push_of(r).map_err(IntoResponse::into_response)?;
            if viewer.sees(&p) {
                backlog.push_back(Out::Push(Arc::new(p)));
            }
        }
    }
    let follow = Follow {
        backlog,
        rx,
        seen,
        viewer,
        ticket,
        done: false,
    };
    let out = stream::unfold(follow, Follow::next).map(|o| {
        Ok::<_, Infallible>(match o {
            Out::Push(p) => Event::default()
                .id(p.seq.to_string())
                .event(p.event)
                .data(p.data.clone()),
            Out::Reload => Event::default().event("moved").data("{}"),
            Out::Replaced => Event::default().event("replaced").data("{}"),
        })
    });
    Ok(Sse::new(out)
        .keep_alive(KeepAlive::default())
        .into_response())
}
