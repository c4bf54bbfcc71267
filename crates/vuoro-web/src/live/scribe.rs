//! The note-taker (kirjuri): one person types many notes for a circle that talks face to face.

use super::*;
use crate::util::unprocessable;

pub(super) fn router() -> Routes {
    Routes::new().route("/live/{lid}/scribe", get(scribe_page).post(scribe_note))
}

#[derive(Template, WebTemplate)]
#[template(path = "live_scribe.html")]
struct ScribeView {
    c: Ctx,
    live: LiveSession,
    now: Now,
    /// The stage's questions, to tag a note with; the chosen one preselected.
    questions: Vec<(usize, String, bool)>,
    langs: Vec<(&'static str, &'static str, bool)>,
    recent: Vec<NoteView>,
    draft: String,
    error: Option<String>,
    saved: bool,
}

#[derive(Deserialize)]
struct ScribeQuery {
    saved: Option<String>,
    lang: Option<String>,
    q: Option<usize>,
}

/// What the note-taker page shows besides the session: the chosen language and question, and
/// what was typed if it was refused.
struct ScribeState {
    lang: ParticipantLang,
    question: Option<usize>,
    draft: String,
    error: Option<String>,
    saved: bool,
}

async fn scribe_view(
    state: &AppState,
    c: Ctx,
    live: LiveSession,
    s: ScribeState,
) -> AppResult<ScribeView> {
    let (_, course) = course(state, &live).await?;
    let ml = c.lang;
    let now = now_view(&course, live.position, live.timer, |l| l.get(ml).to_owned());
    let chosen = s.question.unwrap_or(live.position.question);
    let questions = course
        .stages()
        .get(live.position.stage)
        .map(|st| {
            st.prompts
                .iter()
                .enumerate()
                .map(|(i, q)| (i + 1, q.get(ml).to_owned(), i == chosen))
                .collect()
        })
        .unwrap_or_default();
    let langs = PARTICIPANT_LANGS
        .iter()
        .map(|l| (l.code(), i18n::autonym(*l), *l == s.lang))
        .collect();
    let mut recent: Vec<NoteView> = state
        .store
        .notes(live.id)
        .await?
        .iter()
        .filter(|n| matches!(n.author, NoteAuthor::Staff(_)))
        .map(note_view)
        .collect();
    recent.reverse();
    recent.truncate(10);
    Ok(ScribeView {
        live,
        now,
        questions,
        langs,
        recent,
        draft: s.draft,
        error: s.error,
        saved: s.saved,
        c,
    })
}

async fn scribe_page(
    State(state): State<AppState>,
    c: Ctx,
    Path(lid): Path<String>,
    Query(q): Query<ScribeQuery>,
) -> AppResult<Response> {
    let (live, _) = runnable(&state, &c, &lid).await?;
    let lang = q
        .lang
        .as_deref()
        .and_then(ParticipantLang::parse)
        .filter(|l| *l != ParticipantLang::Other)
        .unwrap_or_else(|| i18n::as_participant(c.lang));
    let s = ScribeState {
        lang,
        question: q.q.map(|n| n.saturating_sub(1)),
        draft: String::new(),
        error: None,
        saved: q.saved.is_some(),
    };
    Ok(scribe_view(&state, c, live, s).await?.into_response())
}

/// Stores a note typed by the note-taker and comes back to an empty box with the same language
/// and question, so the next note can be typed at once.
async fn scribe_note(
    State(state): State<AppState>,
    c: Ctx,
    Path(lid): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let (live, _) = runnable(&state, &c, &lid).await?;
    if !live.open {
        return Err(AppError::Conflict("error-live-closed"));
    }
    let lang = ParticipantLang::parse(form.get("lang"))
        .filter(|l| *l != ParticipantLang::Other)
        .unwrap_or_else(|| i18n::as_participant(c.lang));
    let qn: Option<usize> = form.get("q").parse().ok();
    let text = match text::bounded(form.get("text"), NOTE_MAX) {
        Ok(t) => t,
        Err(e) => {
            let s = ScribeState {
                lang,
                question: qn.map(|n| n.saturating_sub(1)),
                draft: form.string("text"),
                error: Some(crate::fields::message(c.lang, &e)),
                saved: false,
            };
            return Ok(unprocessable(scribe_view(&state, c, live, s).await?));
        }
    };
    let (_, course) = course(&state, &live).await?;
    let index = qn.map_or(live.position.question, |n| n.saturating_sub(1));
    let question = course
        .stages()
        .get(live.position.stage)
        .and_then(|s| s.prompts.get(index))
        .map(|q| q.for_participant(lang).to_owned())
        .unwrap_or_default();
    let note = Note {
        id: NoteId::new(),
        live_session: live.id,
        author: NoteAuthor::Staff(c.user()?.id),
        shown_name: None,
        stage: live.position.stage as u32,
        question,
        text,
        lang: lang.code().to_owned(),
        hidden: false,
        starred: false,
        place: None,
        merged_into: None,
        topic: None,
        created_at: OffsetDateTime::now_utc(),
    };
    state.store.add_note(&note).await?;
    let q = qn.map(|n| format!("&q={n}")).unwrap_or_default();
    Ok(redirect(&format!(
        "/live/{}/scribe?saved=1&lang={}{q}",
        live.id,
        lang.code()
    )))
}
