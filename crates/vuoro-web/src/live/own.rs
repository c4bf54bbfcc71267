//! "What I have written": a participant's own words in their process (notes, open-space topics,
//! comments on the summary) and the name they chose to show, read and deleted with the token
//! their phone already holds, in the phone's language. A deletion asks first, and what is
//! deleted is gone from the board, the themes' input, the summary's quotes and the exports
//! (`RightsStore::delete_own_words`). Feedback answers are not listed: they are stored without
//! who gave them, so nobody can find one person's again.

use super::*;
use vuoro_store::OwnItem;

pub(super) fn router() -> Routes {
    Routes::new().route("/live/{lid}/own", get(page).post(delete))
}

/// One thing the participant wrote, as the page lists it.
#[derive(Debug)]
pub struct OwnLine {
    /// The form value that deletes it: `note:<id>`, `topic:<id>` or `comment:<id>`.
    pub item: String,
    pub text: String,
    pub lang: String,
    pub dir: &'static str,
    /// When, and where ("Kommentti yhteenvedosta").
    pub meta: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "p_own.html")]
struct OwnView {
    p: PCtx,
    live_id: LiveSessionId,
    notes: Vec<OwnLine>,
    topics: Vec<OwnLine>,
    comments: Vec<OwnLine>,
    /// The name they chose to show.
    shown_name: Option<String>,
    /// The deletion waiting for a second press: the item (or `all`) and its question.
    confirm: Option<(String, String)>,
    /// Said after a deletion.
    done: bool,
}

/// The participant of the live session's process, whatever their presence in this session
/// (their words are theirs after the session, and after being removed from it too); without
/// the process's token the join page while the session is open, else 404.
async fn me_of(
    state: &AppState,
    headers: &HeaderMap,
    lid: &str,
) -> Result<(LiveSession, Participant), Response> {
    let id = LiveSessionId::parse(lid).map_err(|_| AppError::NotFound.into_response())?;
    let live = state
        .store
        .live_session(id)
        .await
        .map_err(|e| AppError::from(e).into_response())?;
    match participant_of(state, headers, live.process)
        .await
        .map_err(IntoResponse::into_response)?
    {
        Some(me) => Ok((live, me)),
        None if live.open => Err(redirect(&format!("/join/{}", live.join_code))),
        None => Err(AppError::NotFound.into_response()),
    }
}

fn local_time(t: OffsetDateTime) -> String {
    crate::processes::helsinki_time(t)
}

async fn own_view(
    state: &AppState,
    p: PCtx,
    live: &LiveSession,
    me: &Participant,
    confirm: Option<String>,
    done: bool,
) -> AppResult<OwnView> {
    let words = state.store.own_words(me.id).await?;
    let notes = words
        .notes
        .into_iter()
        .map(|n| OwnLine {
            item: format!("note:{}", n.id),
            dir: dir_of(&n.lang),
            meta: p.t1("p-own-note-meta", "when", &local_time(n.created_at)),
            text: n.text,
            lang: n.lang,
        })
        .collect::<Vec<_>>();
    let topics = words
        .topics
        .into_iter()
        .map(|t| OwnLine {
            item: format!("topic:{}", t.id),
            dir: dir_of(&t.lang),
            meta: p.t1("p-own-topic-meta", "when", &local_time(t.created_at)),
            text: t.title,
            lang: t.lang,
        })
        .collect::<Vec<_>>();
    let comments = words
        .comments
        .into_iter()
        .map(|c| OwnLine {
            item: format!("comment:{}", c.id),
            dir: dir_of(&c.comment.lang),
            meta: p.t1(
                "p-own-comment-meta",
                "when",
                &local_time(c.comment.created_at),
            ),
            text: c.comment.text,
            lang: c.comment.lang,
        })
        .collect::<Vec<_>>();
    let confirm = confirm.and_then(|item| {
        let question = if item == "all" {
            p.t("p-own-delete-all-confirm")
        } else if item == "name" {
            p.t1("p-own-name-confirm", "name", words.shown_name.as_deref()?)
        } else {
            let line = notes
                .iter()
                .chain(&topics)
                .chain(&comments)
                .find(|l| l.item == item)?;
            p.t1("p-own-delete-confirm", "text", &line.text)
        };
        Some((item, question))
    });
    Ok(OwnView {
        p,
        live_id: live.id,
        notes,
        topics,
        comments,
        shown_name: words.shown_name,
        confirm,
        done,
    })
}

#[derive(Deserialize)]
struct OwnQuery {
    done: Option<String>,
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    headers: HeaderMap,
    Path(lid): Path<String>,
    Query(q): Query<OwnQuery>,
) -> Result<Response, Response> {
    let (live, me) = me_of(&state, &headers, &lid).await?;
    let p = PCtx::new(&headers, &c);
    Ok(own_view(&state, p, &live, &me, None, q.done.is_some())
        .await
        .map_err(IntoResponse::into_response)?
        .into_response())
}

fn parse_item(s: &str) -> Option<OwnItem> {
    match s.split_once(':') {
        _ if s == "all" => Some(OwnItem::All),
        _ if s == "name" => Some(OwnItem::Name),
        Some(("note", id)) => NoteId::parse(id).ok().map(OwnItem::Note),
        Some(("topic", id)) => TopicId::parse(id).ok().map(OwnItem::Topic),
        Some(("comment", id)) => id.parse().ok().map(OwnItem::Comment),
        _ => None,
    }
}

async fn delete(
    State(state): State<AppState>,
    c: Ctx,
    headers: HeaderMap,
    Path(lid): Path<String>,
    form: FormData,
) -> Result<Response, Response> {
    let (live, me) = me_of(&state, &headers, &lid).await?;
    let p = PCtx::new(&headers, &c);
    let raw = form.get("item");
    let item = parse_item(raw)
        .ok_or_else(|| AppError::BadRequest("error-malformed-form").into_response())?;
    if form.get("confirm") != "yes" {
        return Ok(own_view(&state, p, &live, &me, Some(raw.to_owned()), false)
            .await
            .map_err(IntoResponse::into_response)?
            .into_response());
    }
    match state
        .store
        .delete_own_words(me.id, item, OffsetDateTime::now_utc())
        .await
    {
        Ok(_) | Err(StoreError::NotFound) => {
            // Already gone (a second press, another tab) is what was asked for.
            Ok(redirect(&format!("/live/{}/own?done=1", live.id)))
        }
        Err(e) => Err(AppError::from(e).into_response()),
    }
}
