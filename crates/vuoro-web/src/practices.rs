//! Practices: what the work community agreed in phase 2 (keep and strengthen, develop), who
//! takes each forward and by when, and the follow-up (in progress, done, dropped) long after the
//! sessions. Groups record them from their phones (`live/practices.rs`); staff add, correct and
//! follow them up here.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::form::FormData;
use crate::processes::{format_date, helsinki_offset, load, require};
use crate::routes::Routes;
use crate::util::{redirect, unprocessable};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use time::OffsetDateTime;
use vuoro_core::PracticeId;
use vuoro_core::permission::{ProcessAction, ProcessActor};
use vuoro_core::practice::{PracticeInput, PracticeKind, PracticeStatus};
use vuoro_store::{NoteAuthor, Practice, Process};

pub fn router() -> Routes {
    Routes::new()
        .route("/processes/{id}/practices", get(page).post(add))
        .route("/processes/{id}/practices/{pid}", post(change))
}

/// A practice as the list shows it.
#[derive(Debug)]
pub struct PracticeView {
    pub id: PracticeId,
    pub kind: PracticeKind,
    pub title: String,
    pub lang: String,
    pub dir: &'static str,
    pub group: Option<String>,
    pub owner: Option<String>,
    pub due: Option<String>,
    /// The due date as the date field takes it.
    pub due_value: String,
    pub overdue: bool,
    pub status: PracticeStatus,
}

impl PracticeView {
    pub fn new(p: &Practice, today: time::Date) -> PracticeView {
        PracticeView {
            id: p.id,
            kind: p.kind,
            title: p.title.clone(),
            lang: p.lang.clone(),
            dir: crate::live::dir_of(&p.lang),
            group: p.group.clone(),
            owner: p.owner.clone(),
            due: p.due.map(format_date),
            due_value: p.due.map(|d| d.to_string()).unwrap_or_default(),
            overdue: p.status.is_open() && p.due.is_some_and(|d| d < today),
            status: p.status,
        }
    }

    pub fn status_code(&self) -> &'static str {
        self.status.code()
    }

    pub fn kind_code(&self) -> &'static str {
        self.kind.code()
    }
}

/// The date in Finland now, for telling overdue practices.
pub fn today() -> time::Date {
    let now = OffsetDateTime::now_utc();
    now.to_offset(helsinki_offset(now)).date()
}

/// What the staff typed into the practice form, kept when it is refused.
#[derive(Debug, Default)]
pub struct PracticeDraft {
    pub kind: String,
    pub title: String,
    pub owner: String,
    pub due: String,
    pub errors: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "practices.html")]
struct PracticesPage {
    c: Ctx,
    process: Process,
    can_follow: bool,
    keep: Vec<PracticeView>,
    develop: Vec<PracticeView>,
    draft: PracticeDraft,
    statuses: Vec<(&'static str, String)>,
}

async fn practices_page(
    state: &AppState,
    c: Ctx,
    p: Process,
    pa: &ProcessActor,
    draft: PracticeDraft,
) -> AppResult<PracticesPage> {
    let today = today();
    let all = state.store.practices(p.id).await?;
    let views = |k: PracticeKind| -> Vec<PracticeView> {
        all.iter()
            .filter(|x| x.kind == k)
            .map(|x| PracticeView::new(x, today))
            .collect()
    };
    Ok(PracticesPage {
        can_follow: pa.can(ProcessAction::FollowUpPractices, p.state),
        keep: views(PracticeKind::Keep),
        develop: views(PracticeKind::Develop),
        statuses: PracticeStatus::ALL
            .iter()
            .map(|s| (s.code(), c.t(&format!("practice-status-{}", s.code()))))
            .collect(),
        draft,
        process: p,
        c,
    })
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    Ok(practices_page(&state, c, p, &pa, PracticeDraft::default())
        .await?
        .into_response())
}

/// The form's errors as "Field: message" lines.
pub fn field_errors(c: &Ctx, e: &vuoro_core::FieldErrors) -> Vec<String> {
    e.0.iter()
        .map(|(field, fe)| {
            format!(
                "{}: {}",
                c.t(&format!("practice-{field}")),
                crate::fields::message(c.lang, fe)
            )
        })
        .collect()
}

async fn add(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::FollowUpPractices, p.state)?;
    let input = match PracticeInput::parse(
        form.get("kind"),
        form.get("title"),
        form.get("owner"),
        form.get("due"),
    ) {
        Ok(i) => i,
        Err(e) => {
            let draft = PracticeDraft {
                kind: form.string("kind"),
                title: form.string("title"),
                owner: form.string("owner"),
                due: form.string("due"),
                errors: field_errors(&c, &e),
            };
            return Ok(unprocessable(
                practices_page(&state, c, p, &pa, draft).await?,
            ));
        }
    };
    let now = OffsetDateTime::now_utc();
    let practice = Practice {
        id: PracticeId::new(),
        process: p.id,
        live_session: None,
        group: None,
        kind: input.kind,
        title: input.title,
        owner: input.owner,
        due: input.due,
        status: PracticeStatus::Agreed,
        author: NoteAuthor::Staff(c.user()?.id),
        lang: c.lang_code().to_owned(),
        created_at: now,
        updated_at: now,
    };
    state.store.add_practice(&practice).await?;
    Ok(redirect(&format!("/processes/{}/practices", p.id)))
}

/// Follows a practice up (its status) or corrects it.
async fn change(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, pid)): Path<(String, String)>,
    form: FormData,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::FollowUpPractices, p.state)?;
    let pid = PracticeId::parse(&pid).map_err(|_| AppError::NotFound)?;
    let practice = state.store.practice(pid).await?;
    if practice.process != p.id {
        return Err(AppError::NotFound);
    }
    let user = c.user()?.id;
    let now = OffsetDateTime::now_utc();
    match form.get("do") {
        "status" => {
            let status = PracticeStatus::parse(form.get("status"))
                .ok_or(AppError::BadRequest("error-malformed-form"))?;
            state
                .store
                .set_practice_status(pid, status, user, now)
                .await?;
        }
        "edit" => {
            let input = PracticeInput::parse(
                form.get("kind"),
                form.get("title"),
                form.get("owner"),
                form.get("due"),
            );
            let input = match input {
                Ok(i) => i,
                Err(e) => {
                    let draft = PracticeDraft {
                        errors: field_errors(&c, &e),
                        ..PracticeDraft::default()
                    };
                    return Ok(unprocessable(
                        practices_page(&state, c, p, &pa, draft).await?,
                    ));
                }
            };
            state
                .store
                .edit_practice(
                    pid,
                    input.kind,
                    &input.title,
                    input.owner.as_deref(),
                    input.due,
                    user,
                    now,
                )
                .await?;
        }
        _ => return Err(AppError::BadRequest("error-malformed-form")),
    }
    Ok(redirect(&format!(
        "/processes/{}/practices#practice-{pid}",
        p.id
    )))
}
