//! Curating notes: star, hide, correct, merge duplicates and move, each kept in the note's
//! history.

use super::*;
use crate::util::unprocessable;

pub(super) fn router() -> Routes {
    Routes::new()
        .route("/live/{lid}/notes/{nid}/change", post(change_note))
        .route("/live/{lid}/notes/{nid}/card", get(note_card))
        .route(
            "/live/{lid}/notes/{nid}/edit",
            get(edit_page).post(edit_note),
        )
}

/// A note of this live session, for the facilitator.
async fn curated(
    state: &AppState,
    c: &Ctx,
    lid: &str,
    nid: &str,
) -> AppResult<(LiveSession, Note)> {
    let (live, _) = runnable(state, c, lid).await?;
    let nid = NoteId::parse(nid).map_err(|_| AppError::NotFound)?;
    let note = state.store.note(nid).await?;
    if note.live_session != live.id {
        return Err(AppError::NotFound);
    }
    Ok((live, note))
}

async fn change_note(
    State(state): State<AppState>,
    c: Ctx,
    Path((lid, nid)): Path<(String, String)>,
    form: FormData,
) -> AppResult<Response> {
    let (live, note) = curated(&state, &c, &lid, &nid).await?;
    let change = match form.get("do") {
        "hide" => NoteChange::Hide,
        "show" => NoteChange::Show,
        "star" => NoteChange::Star,
        "unstar" => NoteChange::Unstar,
        "move" => NoteChange::MoveToTable {
            table: form
                .get("table")
                .parse()
                .map_err(|_| AppError::BadRequest("error-malformed-form"))?,
        },
        "move_topic" => NoteChange::MoveToTopic {
            topic: match form.get("topic") {
                "" => None,
                t => Some(
                    TopicId::parse(t).map_err(|_| AppError::BadRequest("error-malformed-form"))?,
                ),
            },
        },
        "merge" => NoteChange::MergeInto {
            target: NoteId::parse(form.get("target"))
                .map_err(|_| AppError::BadRequest("error-malformed-form"))?,
        },
        _ => return Err(AppError::BadRequest("error-malformed-form")),
    };
    let user = c.user()?.id;
    state
        .store
        .change_note(note.id, &change, user, OffsetDateTime::now_utc())
        .await?;
    Ok(redirect(&format!("/live/{}/run#note-{}", live.id, note.id)))
}

#[derive(Debug)]
pub struct HistoryRow {
    pub text: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "note_edit.html")]
struct EditView {
    c: Ctx,
    live_id: LiveSessionId,
    note: NoteView,
    /// Notes this one can be merged into: (id, start of the text).
    targets: Vec<(NoteId, String)>,
    /// Café tables a café note can move to: (index, letter and question).
    tables: Vec<(usize, String)>,
    /// Open-space topics the note can move to: (id, "#3 Title", whether it is the note's).
    topics: Vec<(TopicId, String, bool)>,
    draft: String,
    error: Option<String>,
    history: Vec<HistoryRow>,
}

async fn edit_view(
    state: &AppState,
    c: Ctx,
    live: &LiveSession,
    note: &Note,
    draft: String,
    error: Option<String>,
) -> AppResult<EditView> {
    let lang = c.lang;
    let mut history = Vec::new();
    let entries = state.store.note_history(note.id).await?;
    let names = crate::processes::names(state, entries.iter().map(|h| h.actor)).await?;
    for h in entries {
        let who = i18n::s(names.get(&h.actor).cloned().unwrap_or_default());
        let when = i18n::s(crate::processes::helsinki_time(h.at));
        let text = match (&h.old_text, &h.new_text) {
            (Some(old), Some(new)) => i18n::t_args(
                lang,
                "note-history-edit",
                &[
                    ("who", who),
                    ("when", when),
                    ("old", i18n::s(old.clone())),
                    ("new", i18n::s(new.clone())),
                ],
            ),
            _ => i18n::t_args(
                lang,
                &format!("note-history-{}", h.action),
                &[("who", who), ("when", when)],
            ),
        };
        history.push(HistoryRow { text });
    }
    let targets = state
        .store
        .notes(live.id)
        .await?
        .iter()
        .filter(|n| n.id != note.id && n.merged_into.is_none())
        .map(|n| {
            let mut t: String = n.text.chars().take(80).collect();
            if n.text.chars().count() > 80 {
                t.push('…');
            }
            (n.id, t)
        })
        .collect();
    let tables = match (note.place, state.store.cafe(live.id).await?) {
        (Some(_), Some(cafe)) => cafe
            .tables
            .iter()
            .enumerate()
            .map(|(i, t)| {
                (
                    i,
                    format!("{}: {}", vuoro_core::cafe::table_letter(i), t.question),
                )
            })
            .collect(),
        _ => Vec::new(),
    };
    let topics = state
        .store
        .topics(live.id)
        .await?
        .into_iter()
        .filter(|t| !t.hidden || note.topic == Some(t.id))
        .map(|t| {
            (
                t.id,
                format!("#{} {}", t.number, t.title),
                note.topic == Some(t.id),
            )
        })
        .collect();
    Ok(EditView {
        tables,
        topics,
        targets,
        live_id: live.id,
        note: note_view(note),
        draft,
        error,
        history,
        c,
    })
}

async fn edit_page(
    State(state): State<AppState>,
    c: Ctx,
    Path((lid, nid)): Path<(String, String)>,
) -> AppResult<Response> {
    let (live, note) = curated(&state, &c, &lid, &nid).await?;
    let draft = note.text.clone();
    Ok(edit_view(&state, c, &live, &note, draft, None)
        .await?
        .into_response())
}

async fn edit_note(
    State(state): State<AppState>,
    c: Ctx,
    Path((lid, nid)): Path<(String, String)>,
    form: FormData,
) -> AppResult<Response> {
    let (live, note) = curated(&state, &c, &lid, &nid).await?;
    let back = redirect(&format!("/live/{}/run#note-{}", live.id, note.id));
    match text::bounded(form.get("text"), NOTE_MAX) {
        Ok(t) if t == note.text => Ok(back),
        Ok(t) => {
            let user = c.user()?.id;
            let change = NoteChange::Edit { text: t };
            state
                .store
                .change_note(note.id, &change, user, OffsetDateTime::now_utc())
                .await?;
            Ok(back)
        }
        Err(e) => {
            let msg = crate::fields::message(c.lang, &e);
            let view = edit_view(&state, c, &live, &note, form.string("text"), Some(msg)).await?;
            Ok(unprocessable(view))
        }
    }
}

/// One note as the runner's board shows it, with its buttons: the page's script asks for this
/// when a note arrives, so a note added live can be curated like one that was there at load.
#[derive(Template, WebTemplate)]
#[template(path = "note_card.html")]
struct CardView {
    c: Ctx,
    live: LiveSession,
    n: NoteView,
}

async fn note_card(
    State(state): State<AppState>,
    c: Ctx,
    Path((lid, nid)): Path<(String, String)>,
) -> AppResult<Response> {
    let (live, note) = curated(&state, &c, &lid, &nid).await?;
    let mut n = note_view(&note);
    if let Some(t) = note.topic {
        label_topics(std::slice::from_mut(&mut n), &[state.store.topic(t).await?]);
    }
    Ok(CardView { n, live, c }.into_response())
}
