//! Facilitation hours recorded after sessions (part 9): the process's sessions that have
//! started, each with its planned length and the hours recorded, and a form per session to
//! record what it really took its facilitator, preparation and wrap-up included. The hours
//! replace the session's planned length in the month's load (`vuoro_core::proposals::Booked`):
//! on the facilitator's own page, the network page and in the ranking. For
//! `ProcessAction::RecordHours`: the facilitator and the coordinators, from phase 1 on.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::fields::{Field, Kind};
use crate::form::FormData;
use crate::processes::{helsinki_time, load, require};
use crate::routes::Routes;
use crate::util::{redirect, unprocessable};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::collections::HashMap;
use time::OffsetDateTime;
use vuoro_core::network::parse_hours;
use vuoro_core::permission::ProcessAction;
use vuoro_core::proposals::session_spans;
use vuoro_core::{FieldErrors, ProcessId};
use vuoro_store::{Process, SessionHours};

/// The longest a session can have taken, in hours: a day.
const MAX_SESSION_HOURS: u32 = 24;

pub fn router() -> Routes {
    Routes::new().route("/processes/{id}/hours", get(page).post(save))
}

#[derive(Debug)]
pub struct SessionLine {
    pub id: u32,
    pub title: String,
    pub when: String,
    pub planned: String,
    /// The hours recorded, if any.
    pub recorded: Option<String>,
    pub field: Field,
}

#[derive(Template, WebTemplate)]
#[template(path = "hours.html")]
struct HoursPage {
    c: Ctx,
    id: ProcessId,
    title: String,
    facilitator: Option<String>,
    sessions: Vec<SessionLine>,
    saved: bool,
    refused: bool,
}

/// What was typed for one session, kept when it is refused.
struct Typed<'a> {
    session: u32,
    text: &'a str,
    errors: FieldErrors,
}

async fn view(
    state: &AppState,
    c: Ctx,
    p: Process,
    typed: Option<Typed<'_>>,
) -> AppResult<HoursPage> {
    let lang = c.lang;
    let plan = state.store.plan(p.id, p.plan_version).await?.plan;
    let recorded: HashMap<u32, u32> = state
        .store
        .recorded_hours(&[p.id])
        .await?
        .into_iter()
        .map(|h| (h.session, h.minutes))
        .collect();
    let tz = vuoro_core::notices::helsinki().map_err(|_| AppError::NotFound)?;
    let now = OffsetDateTime::now_utc();
    let none = FieldErrors::new();
    let sessions = plan
        .sessions
        .iter()
        .zip(session_spans(&tz, &plan.sessions))
        .filter(|(_, span)| span.start <= now)
        .map(|(s, span)| {
            let (value, errors) = match &typed {
                Some(t) if t.session == s.id => (t.text.to_owned(), &t.errors),
                _ => (
                    hours_value(recorded.get(&s.id).copied().unwrap_or(span.minutes())),
                    &none,
                ),
            };
            SessionLine {
                id: s.id,
                title: s.title.clone(),
                when: helsinki_time(span.start),
                planned: crate::network::hours(lang, span.minutes()),
                recorded: recorded.get(&s.id).map(|m| crate::network::hours(lang, *m)),
                field: Field::new("hours", c.t1("hours-field", "title", &s.title), Kind::Text)
                    .prefix(&format!("s{}-", s.id))
                    .hint(c.t("hours-hint"))
                    .value(value)
                    .required()
                    .max(8)
                    .errors(lang, errors),
            }
        })
        .collect();
    let facilitator = match p.facilitator {
        Some(f) => Some(state.store.user(f).await?.name),
        None => None,
    };
    Ok(HoursPage {
        id: p.id,
        title: p.title,
        facilitator,
        sessions,
        saved: false,
        refused: typed.is_some(),
        c,
    })
}

/// Minutes as the form shows hours: "2", "2,5", "1,25".
fn hours_value(minutes: u32) -> String {
    let whole = minutes / 60;
    let hundredths = (minutes % 60) * 100 / 60;
    match hundredths {
        0 => whole.to_string(),
        h if h % 10 == 0 => format!("{whole},{}", h / 10),
        h => format!("{whole},{h:02}"),
    }
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::RecordHours, p.state)?;
    let mut page = view(&state, c, p, None).await?;
    page.saved = q.get("saved").is_some_and(|v| v == "1");
    Ok(page.into_response())
}

async fn save(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::RecordHours, p.state)?;
    let user = c.user()?;
    let session: u32 = form
        .get("session")
        .parse()
        .map_err(|_| AppError::BadRequest("error-malformed-form"))?;
    let plan = state.store.plan(p.id, p.plan_version).await?.plan;
    let tz = vuoro_core::notices::helsinki().map_err(|_| AppError::NotFound)?;
    let now = OffsetDateTime::now_utc();
    // Only a session of the plan that has started: hours are recorded after the fact.
    let started = plan
        .sessions
        .iter()
        .zip(session_spans(&tz, &plan.sessions))
        .any(|(s, span)| s.id == session && span.start <= now);
    if !started {
        return Err(AppError::Conflict("hours-error-not-held"));
    }
    let facilitator = p
        .facilitator
        .ok_or(AppError::Conflict("hours-error-no-facilitator"))?;
    let typed = form.get("hours");
    match parse_hours(typed, MAX_SESSION_HOURS, true) {
        Ok(minutes) => {
            state
                .store
                .record_hours(&SessionHours {
                    process: p.id,
                    session,
                    facilitator,
                    minutes,
                    recorded_by: user.id,
                    recorded_at: now,
                })
                .await?;
            Ok(redirect(&format!(
                "/processes/{}/hours?saved=1#s{session}-f-hours",
                p.id
            )))
        }
        Err(e) => {
            let mut errors = FieldErrors::new();
            errors.add("hours", e);
            let typed = Typed {
                session,
                text: typed,
                errors,
            };
            Ok(unprocessable(view(&state, c, p, Some(typed)).await?))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::hours_value;

    #[test]
    fn minutes_are_shown_as_the_form_reads_them() {
        assert_eq!(hours_value(120), "2");
        assert_eq!(hours_value(150), "2,5");
        assert_eq!(hours_value(75), "1,25");
        for m in [0, 15, 45, 60, 90, 135, 1440] {
            let back = vuoro_core::network::parse_hours(&hours_value(m), 24, true);
            assert_eq!(back, Ok(m), "{m}");
        }
    }
}
