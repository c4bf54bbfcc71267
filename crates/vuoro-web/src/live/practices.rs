//! Practices from the groups' phones in phase 2: what we keep and strengthen, what we develop,
//! who takes it forward and by when. The practice carries the group it came from (the café
//! table or the open-space topic), never the person who typed it.

use super::*;
use vuoro_core::PracticeId;
use vuoro_core::practice::{PracticeInput, PracticeStatus};
use vuoro_store::Practice;

pub(super) fn router() -> Routes {
    Routes::new().route("/live/{lid}/practices", post(add_practice))
}

/// Practices one phone may record in one session: plenty for a group, a brake for a script.
pub const PRACTICES_PER_PHONE: usize = 20;

/// What a phone typed into the practice form, kept when it is refused.
#[derive(Debug, Default, Clone)]
pub struct PracticeDraft {
    pub kind: String,
    pub title: String,
    pub owner: String,
    pub due: String,
    pub error: Option<String>,
}

/// The practice form and the session's practices, as a phone shows them in phase 2.
#[derive(Debug)]
pub struct PhonePractices {
    pub draft: PracticeDraft,
    /// The practices recorded in this session: (kind code, title, language, direction, group).
    pub recorded: Vec<(&'static str, String, String, &'static str, Option<String>)>,
}

/// The phone's practice part: only in phase 2 and later, while the session is open.
pub(crate) async fn phone_practices(
    state: &AppState,
    live: &LiveSession,
    draft: &PracticeDraft,
) -> AppResult<Option<PhonePractices>> {
    if live.phase < 2 || !live.open {
        return Ok(None);
    }
    let recorded = state
        .store
        .practices(live.process)
        .await?
        .into_iter()
        .filter(|p| p.live_session == Some(live.id))
        .map(|p| {
            let dir = dir_of(&p.lang);
            (p.kind.code(), p.title, p.lang, dir, p.group)
        })
        .collect();
    Ok(Some(PhonePractices {
        draft: draft.clone(),
        recorded,
    }))
}

/// The group a phone is in now: its café table, or its open-space group in the running slot.
async fn group_of(
    state: &AppState,
    live: &LiveSession,
    me: &Participant,
) -> AppResult<Option<String>> {
    if let Some(seat) = cafe_seat(state, live, me).await? {
        return Ok(Some(format!(
            "{}: {}",
            vuoro_core::cafe::table_letter(seat.table),
            seat.question()
        )));
    }
    let Some(os) = state.store.open_space(live.id).await? else {
        return Ok(None);
    };
    let Some(slot) = os.running else {
        return Ok(None);
    };
    let picks = state.store.picks_of(live.id, me.id).await?;
    Ok(state
        .store
        .topics(live.id)
        .await?
        .into_iter()
        .find(|t| !t.hidden && picks.contains(&t.id) && t.cell.is_some_and(|c| c.slot == slot))
        .map(|t| format!("#{} {}", t.number, t.title)))
}

async fn add_practice(
    State(state): State<AppState>,
    c: Ctx,
    headers: HeaderMap,
    Path(lid): Path<String>,
    form: FormData,
) -> Result<Response, Response> {
    let (live, me) = me_in(&state, &headers, &lid).await?;
    let p = PCtx::new(&headers, &c);
    let fail = |e: AppError| e.into_response();
    let typed = PracticeDraft {
        kind: form.string("kind"),
        title: form.string("title"),
        owner: form.string("owner"),
        due: form.string("due"),
        error: None,
    };
    let refuse = |p: PCtx, key: &str, status: StatusCode| {
        let state = state.clone();
        let live = live.clone();
        let me = me.clone();
        let draft = PhoneDraft {
            practice: PracticeDraft {
                error: Some(p.t(key)),
                ..typed.clone()
            },
            ..PhoneDraft::default()
        };
        async move {
            match participant_view(&state, p, &live, &me, draft).await {
                Ok(v) => {
                    let mut r = v.into_response();
                    *r.status_mut() = status;
                    r
                }
                Err(e) => e.into_response(),
            }
        }
    };
    if !live.open || live.phase < 2 {
        return Err(refuse(p, "p-practice-closed", StatusCode::CONFLICT).await);
    }
    let input = match PracticeInput::parse(
        form.get("kind"),
        form.get("title"),
        form.get("owner"),
        form.get("due"),
    ) {
        Ok(i) => i,
        Err(e) => {
            let key = if e.get("title").is_some() {
                "p-practice-error-title"
            } else if e.get("kind").is_some() {
                "p-practice-error-kind"
            } else if e.get("due").is_some() {
                "p-practice-error-due"
            } else {
                "p-practice-error-owner"
            };
            return Err(refuse(p, key, StatusCode::UNPROCESSABLE_ENTITY).await);
        }
    };
    let author = NoteAuthor::Participant(me.id);
    let mine = state
        .store
        .practices(live.process)
        .await
        .map_err(|e| fail(e.into()))?
        .iter()
        .filter(|x| x.live_session == Some(live.id) && x.author == author)
        .count();
    if mine >= PRACTICES_PER_PHONE {
        return Err(refuse(p, "p-practice-too-many", StatusCode::TOO_MANY_REQUESTS).await);
    }
    let group = group_of(&state, &live, &me).await.map_err(fail)?;
    let now = OffsetDateTime::now_utc();
    let practice = Practice {
        id: PracticeId::new(),
        process: live.process,
        live_session: Some(live.id),
        group,
        kind: input.kind,
        title: input.title,
        owner: input.owner,
        due: input.due,
        status: PracticeStatus::Agreed,
        author,
        lang: p.code().to_owned(),
        created_at: now,
        updated_at: now,
    };
    state
        .store
        .add_practice(&practice)
        .await
        .map_err(|e| fail(e.into()))?;
    Ok(redirect(&format!("/live/{}#practices", live.id)))
}
