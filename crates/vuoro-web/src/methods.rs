//! The method library, as staff browse it.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::processes::{MethodView, method_view};
use crate::routes::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

pub fn router() -> Routes {
    Routes::new()
        .route("/methods", get(list))
        .route("/methods/{id}", get(show))
}

#[derive(Debug)]
pub struct MethodCard {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub formats: String,
    pub total_min: u32,
    pub phases: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "methods.html")]
struct ListView {
    c: Ctx,
    methods: Vec<MethodCard>,
}

/// The library is for staff (`CurrentUser::is_staff`): a user without any role is refused.
fn require_staff(c: &Ctx) -> AppResult<()> {
    if c.user()?.is_staff() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

async fn list(State(state): State<AppState>, c: Ctx) -> AppResult<Response> {
    require_staff(&c)?;
    let lang = c.lang;
    let methods = state
        .methods
        .all()
        .iter()
        .map(|m| MethodCard {
            id: m.id.clone(),
            name: m.name_in(lang).to_owned(),
            summary: m.summary.get(lang).to_owned(),
            formats: m
                .formats
                .iter()
                .map(|f| c.t(&format!("format-{}", f.code())))
                .collect::<Vec<_>>()
                .join(", "),
            total_min: m.duration_min(),
            phases: m.phases.len(),
        })
        .collect();
    Ok(ListView { c, methods }.into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "method.html")]
struct ShowView {
    c: Ctx,
    m: MethodView,
    summary: String,
    source: Option<String>,
    version: u32,
    group_size: Option<[u32; 2]>,
}

async fn show(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    require_staff(&c)?;
    let method = state.methods.get(&id).ok_or(AppError::NotFound)?;
    let m = method_view(&state, c.lang, method);
    let summary = method.summary.get(c.lang).to_owned();
    let source = method.source.as_ref().map(|s| s.get(c.lang).to_owned());
    Ok(ShowView {
        c,
        m,
        summary,
        source,
        version: method.version,
        group_size: method.group_size,
    }
    .into_response())
}
