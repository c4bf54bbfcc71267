//! The event stream that keeps boards, projectors and phones current.

use super::*;

pub(super) fn router() -> Routes {
    Routes::new().route("/live/{lid}/events", get(events))
}

#[derive(Deserialize)]
struct After {
    after: Option<i64>,
}

/// Server-sent events for a board (staff) or a phone (participant). A client that reconnects
/// sends the last id it saw (`Last-Event-ID`, or `?after=` on the first connection); it first
/// gets every later event from the database, then the live ones, each exactly once.
async fn events(
    State(state): State<AppState>,
    c: Ctx,
    Path(lid): Path<String>,
    Query(q): Query<After>,
    headers: HeaderMap,
) -> AppResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    let id = LiveSessionId::parse(&lid).map_err(|_| AppError::NotFound)?;
    let staff = match runnable(&state, &c, &lid).await {
        Ok(_) => true,
        Err(AppError::LoginRequired | AppError::NotFound | AppError::Forbidden) => {
            let live = state.store.live_session(id).await?;
            participant_of(&state, &headers, live.process)
                .await?
                .ok_or(AppError::NotFound)?;
            false
        }
        Err(e) => return Err(e),
    };
    let from_header = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<i64>().ok());
    let after = from_header.or(q.after).unwrap_or(0).max(0);
    // Subscribe before reading the backlog, so nothing falls between the two.
    let rx = state.hub.subscribe(id);
    let mut backlog = Vec::new();
    for e in state.store.live_events_after(id, after).await? {
        backlog.push(push_of(&state, &e).await?);
    }
    let seen = backlog.last().map_or(after, |p| p.seq);
    let visible = move |p: &Push| staff || p.for_participants;
    let old = stream::iter(backlog.into_iter().map(std::sync::Arc::new));
    // A lagging client has lost events from the channel; it reconnects and catches up from the
    // database, so the stream ends at the first gap instead of going on without what it missed.
    let live = BroadcastStream::new(rx)
        .take_while(|r| std::future::ready(r.is_ok()))
        .filter_map(move |r| async move { r.ok().filter(|p| p.seq > seen) });
    let out = old
        .chain(live)
        .filter(move |p| std::future::ready(visible(p)))
        .map(|p| {
            Ok(Event::default()
                .id(p.seq.to_string())
                .event(p.event)
                .data(p.data.clone()))
        });
    Ok(Sse::new(out).keep_alive(KeepAlive::default()))
}
