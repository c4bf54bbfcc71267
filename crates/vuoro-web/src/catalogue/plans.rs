//! An organisation's plans that dialogue feeds (an open government action plan, a strategy):
//! each plan names its areas, processes are linked to areas, and a plan's page shows, area by
//! area, what the linked processes' published summaries said, so that the evaluation of an area
//! can rest on what was heard.
//!
//! Plans are kept by those who keep the catalogue (`Action::EditCatalogue`); anyone else gets
//! 404, so an organisation's plans are not revealed to other organisations. A process's title is
//! shown only to those who may see the process itself; others (an admin without a role in the
//! process, a site administrator without a role) see that it is a dialogue process, and its
//! published summary only as far as the process's plan shares it ([`summary_shown`]): with the
//! whole organisation (anyone holding a role there), publicly (anyone who reaches this page), or,
//! by default, with its participants and the people running it only (nobody else here).

use crate::AppState;
use crate::ctx::{Ctx, CurrentUser};
use crate::error::{AppError, AppResult};
use crate::fields::{Field, Kind, message, opts};
use crate::form::FormData;
use crate::i18n;
use crate::routes::Routes;
use crate::util::{redirect, unprocessable};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::collections::HashMap;
use time::OffsetDateTime;
use vuoro_core::permission::{Action, ProcessAction};
use vuoro_core::plan::SummaryVisibility;
use vuoro_core::summary::BlockKind;
use vuoro_core::text::{self, limits};
use vuoro_core::{
    FieldError, FieldErrors, Lang, OrgId, OrgPlanId, PlanAreaId, ProcessId, ProcessState,
};
use vuoro_store::{OrgPlan, Organisation, PlanArea, Process, ProcessFilter, SummaryVersion};

/// The most areas one plan may have: a plan with more is a list of tasks, not of areas.
pub const MAX_AREAS: usize = 100;

pub fn router() -> Routes {
    Routes::new()
        .route("/orgs/{org}/plans", get(list).post(create))
        .route("/orgs/{org}/plans/{plan}", get(show))
        .route(
            "/orgs/{org}/plans/{plan}/areas/{area}/processes",
            post(link),
        )
        .route("/processes/{id}/plans", post(link_from_process))
}

/// The organisation, if the user keeps its catalogue; anyone else is told it does not exist.
async fn org_for(state: &AppState, c: &Ctx, org: &str) -> AppResult<Organisation> {
    let id = OrgId::parse(org).map_err(|_| AppError::NotFound)?;
    if !c.user()?.can(id, Action::EditCatalogue) {
        return Err(AppError::NotFound);
    }
    Ok(state.store.org(id).await?)
}

/// The plan, if it is this organisation's.
async fn plan_of(state: &AppState, org: &Organisation, plan: &str) -> AppResult<OrgPlan> {
    let id = OrgPlanId::parse(plan).map_err(|_| AppError::NotFound)?;
    let p = state.store.org_plan(id).await?;
    if p.org != org.id {
        return Err(AppError::NotFound);
    }
    Ok(p)
}

fn may_see(user: &CurrentUser, p: &Process) -> bool {
    user.process_actor(p).can(ProcessAction::View, p.state)
}

/// Whether the user may read the process's published summary here: those who may see the
/// process always; anyone else only as far as the summary visibility of the process's current
/// plan reaches. The participants are not on this page (it is staff-only), so "participants"
/// shares it with nobody beyond the process's own people.
pub fn summary_shown(user: &CurrentUser, p: &Process, visibility: SummaryVisibility) -> bool {
    may_see(user, p)
        || match visibility {
            SummaryVisibility::Public => true,
            SummaryVisibility::Organisation => !user.roles_in(p.org).is_empty(),
            SummaryVisibility::Participants => false,
        }
}

async fn org_processes(state: &AppState, org: OrgId) -> AppResult<HashMap<ProcessId, Process>> {
    let filter = ProcessFilter {
        org: Some(org),
        ..ProcessFilter::default()
    };
    Ok(state
        .store
        .processes(&filter)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect())
}

// ---------------------------------------------------------------------------------------------
// The list and the new plan form

#[derive(Debug)]
pub struct PlanRow {
    pub id: OrgPlanId,
    pub name: String,
    pub areas: usize,
    pub processes: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "orgplan_list.html")]
struct ListPage {
    c: Ctx,
    org: Organisation,
    plans: Vec<PlanRow>,
    fields: Vec<Field>,
    has_errors: bool,
}

/// Why the areas were refused.
#[derive(Debug, Clone, PartialEq, Eq)]
enum AreasError {
    Field(FieldError),
    TooMany,
    /// A line (counted from 1) is too long or holds characters no keyboard gives.
    Line {
        line: usize,
        error: FieldError,
    },
}

/// One area a line; empty lines are skipped and a repeated name is kept once.
fn parse_areas(s: &str) -> Result<Vec<String>, AreasError> {
    let mut out: Vec<String> = Vec::new();
    for (i, line) in s.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let name = text::name(line, limits::NAME)
            .map_err(|error| AreasError::Line { line: i + 1, error })?;
        if !out.iter().any(|o| o.to_lowercase() == name.to_lowercase()) {
            out.push(name);
        }
    }
    if out.is_empty() {
        return Err(AreasError::Field(FieldError::Required));
    }
    if out.len() > MAX_AREAS {
        return Err(AreasError::TooMany);
    }
    Ok(out)
}

fn areas_message(lang: Lang, e: &AreasError) -> String {
    match e {
        AreasError::Field(f) => message(lang, f),
        AreasError::TooMany => i18n::t_args(
            lang,
            "orgplan-areas-too-many",
            &[("max", i18n::n(MAX_AREAS as i64))],
        ),
        AreasError::Line { line, error } => i18n::t_args(
            lang,
            "orgplan-area-line",
            &[
                ("line", i18n::n(*line as i64)),
                ("error", i18n::s(message(lang, error))),
            ],
        ),
    }
}

fn plan_fields(
    lang: Lang,
    form: Option<&FormData>,
    e: &FieldErrors,
    areas_error: Option<String>,
) -> Vec<Field> {
    let get = |name: &str| form.map(|f| f.string(name)).unwrap_or_default();
    let mut areas = Field::new("areas", i18n::t(lang, "orgplan-areas"), Kind::Textarea)
        .value(get("areas"))
        .hint(i18n::t_args(
            lang,
            "orgplan-areas-hint",
            &[("max", i18n::n(MAX_AREAS as i64))],
        ))
        .required();
    areas.error = areas_error;
    vec![
        Field::new("name", i18n::t(lang, "orgplan-name"), Kind::Text)
            .value(get("name"))
            .hint(i18n::t(lang, "orgplan-name-hint"))
            .required()
            .max(limits::NAME)
            .errors(lang, e),
        Field::new(
            "description",
            i18n::t(lang, "orgplan-description"),
            Kind::Textarea,
        )
        .value(get("description"))
        .max(limits::LONG)
        .errors(lang, e),
        areas,
    ]
}

async fn list_page(
    state: &AppState,
    c: Ctx,
    org: Organisation,
    form: Option<&FormData>,
    e: &FieldErrors,
    areas_error: Option<String>,
) -> AppResult<ListPage> {
    let plans = state
        .store
        .org_plans(org.id)
        .await?
        .into_iter()
        .map(|p| PlanRow {
            id: p.id,
            areas: p.areas.len(),
            processes: p.areas.iter().map(|a| a.processes.len()).sum(),
            name: p.name,
        })
        .collect();
    let has_errors = !e.is_empty() || areas_error.is_some();
    Ok(ListPage {
        fields: plan_fields(c.lang, form, e, areas_error),
        has_errors,
        plans,
        org,
        c,
    })
}

async fn list(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
) -> AppResult<Response> {
    let org = org_for(&state, &c, &org).await?;
    Ok(list_page(&state, c, org, None, &FieldErrors::new(), None)
        .await?
        .into_response())
}

async fn create(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let org = org_for(&state, &c, &org).await?;
    let mut e = FieldErrors::new();
    let name = e.take("name", text::name(form.get("name"), limits::NAME));
    let description = e.take(
        "description",
        text::optional(form.get("description"), limits::LONG),
    );
    let areas = parse_areas(form.get("areas"));
    let (Some(name), Some(description), Ok(areas)) = (name, description, &areas) else {
        let areas_error = areas.err().map(|a| areas_message(c.lang, &a));
        let page = list_page(&state, c, org, Some(&form), &e, areas_error).await?;
        return Ok(unprocessable(page));
    };
    let plan = OrgPlan {
        id: OrgPlanId::new(),
        org: org.id,
        name,
        description: description.unwrap_or_default(),
        areas: areas
            .iter()
            .map(|a| PlanArea {
                id: PlanAreaId::new(),
                name: a.clone(),
                processes: Vec::new(),
            })
            .collect(),
        created_at: OffsetDateTime::now_utc(),
    };
    state.store.create_org_plan(&plan).await?;
    Ok(redirect(&format!("/orgs/{}/plans/{}", org.id, plan.id)))
}

// ---------------------------------------------------------------------------------------------
// A plan's page

/// A heading or a paragraph of a published summary.
#[derive(Debug, Clone)]
pub struct SummaryLine {
    pub heading: bool,
    pub text: String,
}

/// The headings and paragraphs of a process's latest published summary; empty when none is
/// published. Quotes are left out: the plan's page tells what was concluded, not who said it.
pub fn published_lines(published: Option<&SummaryVersion>) -> Vec<SummaryLine> {
    let Some(sv) = published else {
        return Vec::new();
    };
    sv.summary
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Heading => Some(SummaryLine {
                heading: true,
                text: b.text.clone(),
            }),
            BlockKind::Paragraph => Some(SummaryLine {
                heading: false,
                text: b.text.clone(),
            }),
            BlockKind::Quote => None,
        })
        .collect()
}

#[derive(Debug)]
pub struct LinkedView {
    pub id: ProcessId,
    /// The community's name, or "a dialogue process" for those who may not see the process.
    pub title: String,
    pub visible: bool,
    pub state: String,
    /// The published summary's lines, or `None` when the process's plan does not share its
    /// summary with this viewer.
    pub summary: Option<Vec<SummaryLine>>,
}

#[derive(Debug)]
pub struct AreaView {
    pub id: PlanAreaId,
    pub name: String,
    pub processes: Vec<LinkedView>,
    /// The processes that can still be linked, for those who may see them.
    pub choices: Option<Field>,
}

#[derive(Template, WebTemplate)]
#[template(path = "orgplan_plan.html")]
struct PlanPage {
    c: Ctx,
    org: Organisation,
    plan: OrgPlan,
    areas: Vec<AreaView>,
}

/// The plan's page; `error` puts a message on one area's link form.
async fn plan_page(
    state: &AppState,
    c: Ctx,
    org: Organisation,
    plan: OrgPlan,
    error: Option<(PlanAreaId, String)>,
) -> AppResult<PlanPage> {
    let lang = c.lang;
    let user = c.user()?;
    let procs = org_processes(state, org.id).await?;
    let mut visible: Vec<&Process> = procs
        .values()
        .filter(|p| p.state != ProcessState::Cancelled && may_see(user, p))
        .collect();
    visible.sort_by_key(|a| a.title.to_lowercase());
    // Two queries however many processes the areas link: their current plans (whose summary
    // visibility decides), then the published summaries of only those whose summary is shown,
    // so a summary not to be shown is not even read and no later change can leak it.
    let mut linked: Vec<ProcessId> = plan
        .areas
        .iter()
        .flat_map(|a| a.processes.iter().copied())
        .filter(|id| procs.contains_key(id))
        .collect();
    linked.sort_unstable();
    linked.dedup();
    let plans = state.store.current_plans(&linked).await?;
    let visibility = |p: &Process| {
        plans
            .get(&p.id)
            .map(|pv| pv.plan.summary_visibility)
            .ok_or(AppError::NotFound)
    };
    let mut shown = Vec::new();
    for id in &linked {
        let p = &procs[id];
        if summary_shown(user, p, visibility(p)?) {
            shown.push(p.id);
        }
    }
    let summaries = state.store.published_summaries(&shown).await?;
    let mut areas = Vec::new();
    for (i, a) in plan.areas.iter().enumerate() {
        let mut processes = Vec::new();
        for pid in &a.processes {
            let Some(p) = procs.get(pid) else { continue };
            let seen = may_see(user, p);
            let summary = summary_shown(user, p, visibility(p)?)
                .then(|| published_lines(summaries.get(&p.id)));
            processes.push(LinkedView {
                id: p.id,
                title: if seen {
                    p.title.clone()
                } else {
                    i18n::t(lang, "orgplan-process-anonymous")
                },
                visible: seen,
                state: i18n::t(lang, &format!("state-{}", p.state.code())),
                summary,
            });
        }
        let options: Vec<(String, String)> = visible
            .iter()
            .filter(|p| !a.processes.contains(&p.id))
            .map(|p| {
                let st = i18n::t(lang, &format!("state-{}", p.state.code()));
                (p.id.to_string(), format!("{} ({st})", p.title))
            })
            .collect();
        let choices = (!options.is_empty()).then(|| {
            let mut f = Field::new(
                "process",
                i18n::t(lang, "orgplan-link-process"),
                Kind::Select(opts(options, &[])),
            )
            .prefix(&format!("a{i}-"));
            f.error = error
                .as_ref()
                .filter(|(id, _)| *id == a.id)
                .map(|(_, m)| m.clone());
            f
        });
        areas.push(AreaView {
            id: a.id,
            name: a.name.clone(),
            processes,
            choices,
        });
    }
    Ok(PlanPage {
        areas,
        plan,
        org,
        c,
    })
}

async fn show(
    State(state): State<AppState>,
    c: Ctx,
    Path((org, plan)): Path<(String, String)>,
) -> AppResult<Response> {
    let org = org_for(&state, &c, &org).await?;
    let plan = plan_of(&state, &org, &plan).await?;
    Ok(plan_page(&state, c, org, plan, None).await?.into_response())
}

/// Links (`do=link`) or unlinks (`do=unlink`) a process and an area of the plan. Only a process
/// the user may see can be linked; unlinking reveals nothing, so any keeper of the plan may.
async fn link(
    State(state): State<AppState>,
    c: Ctx,
    Path((org, plan, area)): Path<(String, String, String)>,
    form: FormData,
) -> AppResult<Response> {
    let org = org_for(&state, &c, &org).await?;
    let plan = plan_of(&state, &org, &plan).await?;
    let area = PlanAreaId::parse(&area).map_err(|_| AppError::NotFound)?;
    if !plan.areas.iter().any(|a| a.id == area) {
        return Err(AppError::NotFound);
    }
    let user = c.user()?;
    let back = redirect(&format!("/orgs/{}/plans/{}#area-{area}", org.id, plan.id));
    let chosen = ProcessId::parse(form.get("process")).ok();
    if form.get("do") == "unlink" {
        let p = chosen.ok_or(AppError::BadRequest("error-bad-request"))?;
        state.store.unlink_process(area, p).await?;
        return Ok(back);
    }
    let procs = org_processes(&state, org.id).await?;
    let Some(p) = chosen
        .and_then(|id| procs.get(&id))
        .filter(|p| may_see(user, p))
    else {
        let msg = message(c.lang, &FieldError::Required);
        let page = plan_page(&state, c, org, plan, Some((area, msg))).await?;
        return Ok(unprocessable(page));
    };
    state
        .store
        .link_process(area, p.id, user.id, OffsetDateTime::now_utc())
        .await?;
    Ok(back)
}

// ---------------------------------------------------------------------------------------------
// On the process page

/// An area a process is linked to.
#[derive(Debug)]
pub struct ProcessLink {
    pub plan: OrgPlanId,
    pub plan_name: String,
    pub area: PlanAreaId,
    pub area_name: String,
}

/// The process page's section on plans: the areas it feeds, and for the catalogue's keepers a
/// form to link it to another area.
#[derive(Debug, Default)]
pub struct ProcessPlans {
    pub org: Option<OrgId>,
    pub links: Vec<ProcessLink>,
    pub can_edit: bool,
    pub choices: Option<Field>,
}

impl ProcessPlans {
    pub fn shown(&self) -> bool {
        self.can_edit || !self.links.is_empty()
    }
}

/// The section for a process the user may see.
pub async fn for_process(state: &AppState, c: &Ctx, p: &Process) -> AppResult<ProcessPlans> {
    let can_edit = c.user()?.can(p.org, Action::EditCatalogue);
    let mut links = Vec::new();
    let mut options = Vec::new();
    // Every area of the organisation's plans with whether this process is linked, in one query.
    for a in state.store.process_plan_areas(p.id).await? {
        if a.linked {
            links.push(ProcessLink {
                plan: a.plan,
                plan_name: a.plan_name,
                area: a.area,
                area_name: a.area_name,
            });
        } else {
            options.push((
                a.area.to_string(),
                format!("{}: {}", a.plan_name, a.area_name),
            ));
        }
    }
    let choices = (can_edit && !options.is_empty()).then(|| {
        Field::new(
            "area",
            c.t("orgplan-link-area"),
            Kind::Select(opts(options, &[])),
        )
        .prefix("plans-")
    });
    Ok(ProcessPlans {
        org: Some(p.org),
        links,
        can_edit,
        choices,
    })
}

/// Links the process to an area of one of its organisation's plans, or unlinks it.
async fn link_from_process(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let (p, _) = crate::processes::load(&state, &c, &id).await?;
    let user = c.user()?;
    if !user.can(p.org, Action::EditCatalogue) {
        return Err(AppError::Forbidden);
    }
    let area = PlanAreaId::parse(form.get("area"))
        .map_err(|_| AppError::BadRequest("error-bad-request"))?;
    let ours = state
        .store
        .process_plan_areas(p.id)
        .await?
        .iter()
        .any(|a| a.area == area);
    if !ours {
        return Err(AppError::BadRequest("error-bad-request"));
    }
    if form.get("do") == "unlink" {
        state.store.unlink_process(area, p.id).await?;
    } else {
        state
            .store
            .link_process(area, p.id, user.id, OffsetDateTime::now_utc())
            .await?;
    }
    Ok(redirect(&format!("/processes/{}#plans", p.id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_are_one_a_line() {
        assert_eq!(
            parse_areas("Osallisuus\n\n  Avoin data \nosallisuus\r\n"),
            Ok(vec!["Osallisuus".to_owned(), "Avoin data".to_owned()])
        );
        assert_eq!(
            parse_areas(" \n"),
            Err(AreasError::Field(FieldError::Required))
        );
        let many: String = (0..=MAX_AREAS).map(|i| format!("Alue {i}\n")).collect();
        assert_eq!(parse_areas(&many), Err(AreasError::TooMany));
        let long = format!("Hyvä\n{}", "x".repeat(limits::NAME + 1));
        assert!(matches!(
            parse_areas(&long),
            Err(AreasError::Line { line: 2, .. })
        ));
    }
}
