//! Retention: the rule by which a process keeps its raw notes and feedback answers after its
//! summary was published (`vuoro_core::retention`), the process page's section that shows the
//! rule and what it deleted, the form that changes it, and the daily pass that deletes what is
//! due.
//!
//! The pass ([`run`]) is a plain function of the store and a time, so tests call it with the
//! time they mean; [`spawn_daily`] only sleeps and calls it. Every deletion is conditional on
//! the rule and publication the pass read (`RightsStore::delete_raw_data`), so several server
//! processes may run it at once.

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::fields::{Field, Kind};
use crate::form::FormData;
use crate::processes::{format_date, helsinki_offset, load, require};
use crate::routes::Routes;
use crate::util::redirect;
use crate::{AppState, i18n};
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::post;
use std::sync::Arc;
use time::OffsetDateTime;
use vuoro_core::permission::{ProcessAction, ProcessActor};
use vuoro_core::retention::{self, MAX_MONTHS, MIN_MONTHS};
use vuoro_core::{FieldErrors, ProcessId};
use vuoro_store::{Process, RetentionCounts, Store, StoreError};

pub fn router() -> Routes {
    Routes::new().route("/processes/{id}/retention", post(set))
}

/// The process page's section on retention.
#[derive(Debug)]
pub struct ProcessRetention {
    /// The rule as a sentence.
    pub rule: String,
    /// When the raw data is due for deletion, once the summary is published and while some
    /// remains.
    pub due: Option<String>,
    /// What the rule deleted, one line per kind and run ("Raakamuistiinpanot poistettu
    /// 3.12.2027").
    pub deleted: Vec<String>,
    /// The form's field, for those who may change the rule.
    pub field: Option<Field>,
}

fn months_field(c: &Ctx, value: &str, e: &FieldErrors) -> Field {
    Field::new("months", c.t("retention-months"), Kind::Number)
        .hint(i18n::t_args(
            c.lang,
            "retention-months-hint",
            &[
                ("min", i18n::n(i64::from(MIN_MONTHS))),
                ("max", i18n::n(i64::from(MAX_MONTHS))),
            ],
        ))
        .value(value)
        .required()
        .max(2)
        .errors(c.lang, e)
}

/// The section for a process the user may see.
pub async fn for_process(
    state: &AppState,
    c: &Ctx,
    p: &Process,
    pa: &ProcessActor,
) -> AppResult<ProcessRetention> {
    let months = state.store.retention_months(p.id).await?;
    let deletions = state.store.retention_deletions(p.id).await?;
    let published = state
        .store
        .summary_versions(p.id)
        .await?
        .into_iter()
        .filter(|(_, s, _, _)| *s == vuoro_core::summary::SummaryState::Published)
        .map(|(_, _, _, at)| at)
        .min();
    let deleted_all = !deletions.is_empty();
    let due = published
        .filter(|_| !deleted_all)
        .map(|at| local_date(retention::due_at(at, months)));
    let deleted = deletions
        .iter()
        .map(|d| {
            i18n::t_args(
                c.lang,
                &format!("retention-deleted-{}", d.kind.as_str()),
                &[
                    ("date", i18n::s(local_date(d.at))),
                    ("count", i18n::n(i64::try_from(d.count).unwrap_or(i64::MAX))),
                ],
            )
        })
        .collect();
    let field = pa
        .can(ProcessAction::SetRetention, p.state)
        .then(|| months_field(c, &months.to_string(), &FieldErrors::new()));
    Ok(ProcessRetention {
        rule: c.tn("retention-rule", "months", i64::from(months)),
        due,
        deleted,
        field,
    })
}

/// A moment as the date it falls on in Finland.
fn local_date(t: OffsetDateTime) -> String {
    format_date(t.to_offset(helsinki_offset(t)).date())
}

/// The rule as the plan page states it.
pub async fn rule_line(state: &AppState, c: &Ctx, p: ProcessId) -> AppResult<String> {
    let months = state.store.retention_months(p).await?;
    Ok(c.tn("retention-rule", "months", i64::from(months)))
}

async fn set(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::SetRetention, p.state)?;
    match retention::months(form.get("months")) {
        Some(m) => {
            let user = c.user()?.id;
            if m != state.store.retention_months(p.id).await? {
                state
                    .store
                    .set_retention_months(p.id, m, user, OffsetDateTime::now_utc())
                    .await?;
            }
            Ok(redirect(&format!("/processes/{}#retention", p.id)))
        }
        None => Err(AppError::BadRequest("retention-months-invalid")),
    }
}

/// One pass of the daily job at `now`: deletes the raw data of every process whose rule says it
/// is due, one transaction per process, and returns what it deleted in each.
pub async fn run(
    store: &dyn Store,
    now: OffsetDateTime,
) -> Result<Vec<(ProcessId, RetentionCounts)>, StoreError> {
    let mut done = Vec::new();
    for cand in store.retention_candidates().await? {
        if !retention::is_due(cand.published_at, cand.months, now) {
            continue;
        }
        if let Some(counts) = store
            .delete_raw_data(cand.process, cand.months, cand.published_at, now)
            .await?
            && counts != RetentionCounts::default()
        {
            done.push((cand.process, counts));
        }
    }
    Ok(done)
}

/// Runs [`run`] now and then once a day. A failed pass is logged and tried again the next
/// day; nothing it left undone is lost, since the next pass finds it due still.
pub fn spawn_daily(store: Arc<dyn Store>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match run(store.as_ref(), OffsetDateTime::now_utc()).await {
                Ok(done) => {
                    for (process, counts) in done {
                        tracing::info!(
                            %process,
                            notes = counts.notes,
                            feedback_answers = counts.feedback_answers,
                            "retention: raw data deleted"
                        );
                    }
                }
                Err(e) => tracing::error!(error = %e, "retention pass failed"),
            }
            tokio::time::sleep(std::time::Duration::from_secs(24 * 60 * 60)).await;
        }
    })
}
