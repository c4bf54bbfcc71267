//! Processes: the lists, the process page, the plan and its versions, approvals, facilitator
//! assignment, state transitions and calendar files.

use crate::ctx::{Ctx, CurrentUser};
use crate::error::{AppError, AppResult};
use crate::fields::{Field, Kind, opts};
use crate::form::FormData;
use crate::mail::Recipient;
use crate::routes::Routes;
use crate::util::{redirect, unprocessable};
use crate::{AppState, i18n};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use std::collections::HashMap;
use time::OffsetDateTime;
use vuoro_core::method::Method;
use vuoro_core::offer::{Answer, OfferStatus};
use vuoro_core::order::MethodChoice;
use vuoro_core::permission::{Action, ProcessAction, ProcessActor};
use vuoro_core::plan::{
    Plan, PlanFieldsInput, SessionInput, StageInput, SummaryVisibility, adapt_method, parse_date,
};
use vuoro_core::process::{self, NextStep, Readiness};
use vuoro_core::text::limits;
use vuoro_core::{FieldErrors, Lang, OrgId, ProcessId, ProcessState, Role, Transition, UserId};
use vuoro_store::{ApprovalSide, EventKind, MailKind, Process, ProcessFilter};

pub fn router() -> Routes {
    Routes::new()
        .route("/orgs/{org}/processes", get(list))
        .route("/processes/{id}", get(page))
        .route("/processes/{id}/assign", post(assign))
        .route("/processes/{id}/offer", post(answer_offer))
        .route("/processes/{id}/plan", get(plan_page).post(save_fields))
        .route("/processes/{id}/plan/method", post(choose_method))
        .route(
            "/processes/{id}/plan/adapt",
            get(adapt_page).post(save_adapt),
        )
        .route("/processes/{id}/plan/sessions", post(add_session))
        .route(
            "/processes/{id}/plan/sessions/{sid}/delete",
            post(delete_session),
        )
        .route("/processes/{id}/approve", post(approve))
        .route("/processes/{id}/transition", post(transition))
        .route("/processes/{id}/advice", post(advise))
        .route("/processes/{id}/versions", get(versions))
        .route("/processes/{id}/versions/{v}", get(version_page))
        .route("/processes/{id}/sessions/{sid}/calendar.ics", get(calendar))
}

// ---------------------------------------------------------------------------------------------
// Shared pieces

#[derive(Debug)]
/// One line of a process list.
pub struct ProcessRow {
    pub id: ProcessId,
    pub title: String,
    pub unit: Option<String>,
    pub state: String,
    pub state_code: &'static str,
    pub method: String,
    pub facilitator: String,
    pub dates: String,
    /// In the queue: the next proposal, and who declined or volunteered, linking to the
    /// proposals.
    pub proposal: Option<String>,
}

pub(crate) fn method_label(state: &AppState, lang: Lang, id: Option<&str>) -> String {
    match id {
        Some(id) => state
            .methods
            .get(id)
            .map_or_else(|| id.to_owned(), |m| m.name_in(lang).to_owned()),
        None => i18n::t(lang, "method-not-chosen"),
    }
}

/// Names of users, read in one query whatever their number. A page naming many people (history,
/// approvals, versions, a list's facilitators) asks once, never once per row.
pub(crate) async fn names(
    state: &AppState,
    ids: impl IntoIterator<Item = UserId>,
) -> AppResult<HashMap<UserId, String>> {
    let mut ids: Vec<UserId> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(state
        .store
        .users(&ids)
        .await?
        .into_iter()
        .map(|(id, u)| (id, u.name))
        .collect())
}

pub fn format_date(d: time::Date) -> String {
    format!("{}.{}.{}", d.day(), u8::from(d.month()), d.year())
}

pub async fn rows(state: &AppState, c: &Ctx, list: Vec<Process>) -> AppResult<Vec<ProcessRow>> {
    let ids: Vec<UserId> = list.iter().filter_map(|p| p.facilitator).collect();
    let who = names(state, ids).await?;
    let mut units: HashMap<OrgId, Vec<vuoro_store::Unit>> = HashMap::new();
    let mut out = Vec::with_capacity(list.len());
    for p in list {
        if let std::collections::hash_map::Entry::Vacant(e) = units.entry(p.org) {
            e.insert(state.store.units(p.org).await?);
        }
        let unit = p.unit.and_then(|u| {
            units
                .get(&p.org)
                .and_then(|us| us.iter().find(|x| x.id == u))
                .map(|x| x.name.clone())
        });
        let dates = match (p.first_session, p.last_session) {
            (Some(a), Some(b)) if a == b => format_date(a),
            (Some(a), Some(b)) => format!("{} – {}", format_date(a), format_date(b)),
            _ => c.t("sessions-none"),
        };
        out.push(ProcessRow {
            id: p.id,
            title: p.title.clone(),
            unit,
            state: c.t(&format!("state-{}", p.state.code())),
            state_code: p.state.code(),
            method: method_label(state, c.lang, p.method_id.as_deref()),
            facilitator: match p.facilitator.and_then(|f| who.get(&f).cloned()) {
                Some(n) if p.awaiting_answer => c.t1("facilitator-awaiting", "name", &n),
                Some(n) => n,
                None => c.t("facilitator-none"),
            },
            dates,
            proposal: None,
        });
    }
    Ok(out)
}

/// A process the user may see, with their relation to it. A process the user may not see is
/// "not found", so its existence is not revealed.
pub(crate) async fn load(
    state: &AppState,
    c: &Ctx,
    id: &str,
) -> AppResult<(Process, ProcessActor)> {
    let user = c.user()?;
    let id = ProcessId::parse(id).map_err(|_| AppError::NotFound)?;
    let p = state.store.process(id).await?;
    let pa = user.process_actor(&p);
    if !pa.can(ProcessAction::View, p.state) {
        return Err(AppError::NotFound);
    }
    Ok((p, pa))
}

pub(crate) fn require(pa: &ProcessActor, a: ProcessAction, state: ProcessState) -> AppResult<()> {
    if pa.can(a, state) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// What the state machine's guards (and "what next") need, from the process, its plan, the
/// approvals of the plan's current version, its history and its live sessions.
fn readiness(
    p: &Process,
    plan: &Plan,
    approvals: &[vuoro_store::Approval],
    events: &[vuoro_store::ProcessEvent],
    lives: &[vuoro_store::LiveSession],
) -> Readiness {
    let phase = match p.state {
        ProcessState::Phase1 => Some(1),
        ProcessState::Phase2 => Some(2),
        _ => None,
    };
    let in_phase: Vec<&vuoro_core::plan::PlanSession> = phase
        .map(|n| plan.sessions.iter().filter(|s| s.phase == n).collect())
        .unwrap_or_default();
    Readiness {
        facilitator_assigned: p.facilitator.is_some(),
        facilitator_awaiting: p.awaiting_answer,
        has_method: plan.method.is_some(),
        session_count: plan.sessions.len(),
        orderer_approved: approvals.iter().any(|a| a.side == ApprovalSide::Orderer),
        // The current facilitator's approval: one given by someone who declined or was
        // replaced does not agree the plan for the next.
        facilitator_approved: approvals
            .iter()
            .any(|a| a.side == ApprovalSide::Facilitator && Some(a.user) == p.facilitator),
        method_phases: plan.phase_count(),
        cancelled_from: cancelled_from(events),
        live_open: lives.iter().any(|l| l.open),
        phase_sessions: in_phase.len(),
        unheld_sessions: in_phase
            .iter()
            .filter(|s| !lives.iter().any(|l| l.plan_session == s.id))
            .count(),
    }
}

/// The state the process's last cancellation moved it from, and the reason given.
fn last_cancellation(events: &[vuoro_store::ProcessEvent]) -> Option<(ProcessState, Option<&str>)> {
    events.iter().rev().find_map(|e| match &e.kind {
        EventKind::StateChanged {
            from,
            to: ProcessState::Cancelled,
            reason,
        } => Some((*from, reason.as_deref())),
        _ => None,
    })
}

fn cancelled_from(events: &[vuoro_store::ProcessEvent]) -> Option<ProcessState> {
    last_cancellation(events).map(|(from, _)| from)
}

/// The coordinator's latest answer to an order that asked for advice: (method id, text, who,
/// when).
fn latest_advice(
    events: &[vuoro_store::ProcessEvent],
) -> Option<(Option<&str>, &str, UserId, OffsetDateTime)> {
    events.iter().rev().find_map(|e| match &e.kind {
        EventKind::AdviceGiven { method, text } => {
            Some((method.as_deref(), text.as_str(), e.actor, e.at))
        }
        _ => None,
    })
}

/// Checks the version the form was based on and saves the new plan.
async fn save(
    state: &AppState,
    p: &Process,
    form: &FormData,
    plan: &Plan,
    user: &CurrentUser,
) -> AppResult<()> {
    let based_on: u32 = form
        .get("version")
        .parse()
        .map_err(|_| AppError::BadRequest("error-malformed-form"))?;
    let outbox = approval_mail(state, p, user).await?;
    state
        .store
        .save_plan(
            p.id,
            based_on,
            plan,
            user.id,
            OffsetDateTime::now_utc(),
            &outbox,
        )
        .await
        .map_err(|e| match e {
            vuoro_store::StoreError::Conflict(_) => AppError::Conflict("error-plan-conflict"),
            other => other.into(),
        })?;
    if !outbox.is_empty() {
        state.mail_queued();
    }
    Ok(())
}

/// The mail a plan save sends: while the plan is being agreed, each person whose approval the
/// new version waits for (the orderer, the facilitator; not its author) is told. Once per
/// round: a person is mailed at the first save after their side last approved (or ever), not
/// at every save of a plan edited step by step, so the dedupe key names that approval.
async fn approval_mail(
    state: &AppState,
    p: &Process,
    author: &CurrentUser,
) -> AppResult<Vec<vuoro_store::NewMail>> {
    if !state.mail_enabled() || p.state != ProcessState::Ordered {
        return Ok(Vec::new());
    }
    let mut waiting: Vec<(UserId, ApprovalSide)> = vec![(p.orderer, ApprovalSide::Orderer)];
    if let Some(f) = p.facilitator {
        waiting.push((f, ApprovalSide::Facilitator));
    }
    waiting.retain(|(u, _)| *u != author.id);
    if waiting.is_empty() {
        return Ok(Vec::new());
    }
    let people = state
        .store
        .users(&waiting.iter().map(|(u, _)| *u).collect::<Vec<_>>())
        .await?;
    let events = state.store.events(p.id).await?;
    let link = state.mail_link(&format!("/processes/{}", p.id));
    let mut outbox: Vec<vuoro_store::NewMail> = Vec::new();
    for (id, side) in waiting {
        let Some(person) = people.get(&id) else {
            continue;
        };
        // Only someone who may still approve (holds the role in the organisation, or the
        // partner's facilitator lent to it) is asked.
        let is_facilitator = p.facilitator == Some(id);
        let actor = ProcessActor {
            actor: vuoro_core::permission::Actor {
                roles: state.store.roles(p.org, id).await?,
                site_admin: person.site_admin,
            },
            is_orderer: p.orderer == id,
            is_facilitator,
            partner_facilitator: is_facilitator
                && crate::partners::facilitates(state.store.as_ref(), p.org, id).await?,
        };
        let may = match side {
            ApprovalSide::Orderer => ProcessAction::ApproveAsOrderer,
            ApprovalSide::Facilitator => ProcessAction::ApproveAsFacilitator,
        };
        if !actor.can(may, p.state) || outbox.iter().any(|m| m.user == Some(id)) {
            continue;
        }
        let approved = events
            .iter()
            .rev()
            .find_map(|e| match &e.kind {
                EventKind::Approved { version, side: s } if *s == side => Some(*version),
                _ => None,
            })
            .unwrap_or(0);
        let args = vec![
            ("process", i18n::s(p.title.as_str())),
            ("author", i18n::s(author.name.as_str())),
            ("link", i18n::s(link.as_str())),
        ];
        if let Some(mut m) = state
            .compose(
                MailKind::PlanAwaitingApproval,
                Recipient::user(person),
                args,
            )
            .await?
        {
            m.dedupe = Some(format!("plan-approval:{}:{id}:{approved}", p.id));
            outbox.push(m);
        }
    }
    Ok(outbox)
}

/// The mail offering a facilitator a process, to accept or decline on its page (not when
/// coordinators assign themselves or the facilitator volunteered).
pub(crate) async fn assignment_mail(
    state: &AppState,
    p: &Process,
    facilitator: UserId,
    by: &CurrentUser,
) -> AppResult<Vec<vuoro_store::NewMail>> {
    if facilitator == by.id {
        return Ok(Vec::new());
    }
    process_mail(
        state,
        MailKind::OrderAssigned,
        p,
        facilitator,
        &format!("/processes/{}", p.id),
        vec![("by", i18n::s(by.name.as_str()))],
    )
    .await
}

/// One mail of `kind` to the account `to` about `p`, linking to `path`: the process's title
/// (`$process`) and the link (`$link`) join `args`. Nothing without mail configured.
async fn process_mail(
    state: &AppState,
    kind: MailKind,
    p: &Process,
    to: UserId,
    path: &str,
    mut args: crate::mail::MailArgs,
) -> AppResult<Vec<vuoro_store::NewMail>> {
    if !state.mail_enabled() {
        return Ok(Vec::new());
    }
    let person = state.store.user(to).await?;
    args.push(("process", i18n::s(p.title.as_str())));
    args.push(("link", i18n::s(state.mail_link(path))));
    Ok(state
        .compose(kind, Recipient::user(&person), args)
        .await?
        .into_iter()
        .collect())
}

// ---------------------------------------------------------------------------------------------
// The organisation's list

#[derive(Deserialize, Default)]
struct ListQuery {
    state: Option<String>,
    unit: Option<String>,
    method: Option<String>,
    facilitator: Option<String>,
    from: Option<String>,
    to: Option<String>,
    queue: Option<String>,
    /// After a joint assignment: how many pairs were offered, and how many no longer fitted.
    offered: Option<u32>,
    stale: Option<u32>,
}

#[derive(Template, WebTemplate)]
#[template(path = "process_list.html")]
struct ListView {
    c: Ctx,
    org_id: OrgId,
    org_name: String,
    queue: bool,
    filters: Vec<Field>,
    list: Vec<ProcessRow>,
    caption: String,
    filter_error: bool,
    /// What a joint assignment just did.
    batch_notice: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let user = c.user()?;
    let org_id = OrgId::parse(&org).map_err(|_| AppError::NotFound)?;
    if !user.can(org_id, Action::ViewAllProcesses) {
        return Err(AppError::Forbidden);
    }
    let org = state.store.org(org_id).await?;
    let units = state.store.units(org_id).await?;
    let facilitators: Vec<_> = state
        .store
        .members(org_id)
        .await?
        .into_iter()
        .filter(|m| m.roles.has(Role::Facilitator))
        .collect();
    let lang = c.lang;
    let val = |o: &Option<String>| o.clone().unwrap_or_default();
    let queue = q.queue.as_deref() == Some("1");
    let mut bad = false;
    let mut f = ProcessFilter {
        org: Some(org_id),
        unassigned: queue,
        ..Default::default()
    };
    if let Some(s) = q.state.as_deref().filter(|s| !s.is_empty()) {
        f.state = ProcessState::parse(s);
        bad |= f.state.is_none();
    }
    if let Some(s) = q.unit.as_deref().filter(|s| !s.is_empty()) {
        f.unit = vuoro_core::UnitId::parse(s).ok();
        bad |= f.unit.is_none();
    }
    if let Some(s) = q.method.as_deref().filter(|s| !s.is_empty()) {
        f.method_id = Some(s.to_owned());
    }
    if let Some(s) = q.facilitator.as_deref().filter(|s| !s.is_empty()) {
        f.facilitator = UserId::parse(s).ok();
        bad |= f.facilitator.is_none();
    }
    if let Some(s) = q.from.as_deref().filter(|s| !s.is_empty()) {
        f.from = parse_date(s).ok();
        bad |= f.from.is_none();
    }
    if let Some(s) = q.to.as_deref().filter(|s| !s.is_empty()) {
        f.to = parse_date(s).ok();
        bad |= f.to.is_none();
    }
    let any = || (String::new(), i18n::t(lang, "filter-any"));
    let filters = vec![
        Field::new(
            "state",
            c.t("col-state"),
            Kind::Select(opts(
                std::iter::once(any()).chain(
                    ProcessState::ALL
                        .iter()
                        .map(|s| (s.code().to_owned(), c.t(&format!("state-{}", s.code())))),
                ),
                &[val(&q.state)],
            )),
        ),
        Field::new(
            "unit",
            c.t("col-unit"),
            Kind::Select(opts(
                std::iter::once(any())
                    .chain(units.iter().map(|u| (u.id.to_string(), u.name.clone()))),
                &[val(&q.unit)],
            )),
        ),
        Field::new(
            "method",
            c.t("col-method"),
            Kind::Select(opts(
                std::iter::once(any()).chain(
                    state
                        .methods
                        .all()
                        .iter()
                        .map(|m| (m.id.clone(), m.name_in(lang).to_owned())),
                ),
                &[val(&q.method)],
            )),
        ),
        Field::new(
            "facilitator",
            c.t("col-facilitator"),
            Kind::Select(opts(
                std::iter::once(any()).chain(
                    facilitators
                        .iter()
                        .map(|m| (m.user.id.to_string(), m.user.name.clone())),
                ),
                &[val(&q.facilitator)],
            )),
        ),
        Field::new("from", c.t("filter-from"), Kind::Date).value(val(&q.from)),
        Field::new("to", c.t("filter-to"), Kind::Date).value(val(&q.to)),
    ];
    let found = if bad {
        Vec::new()
    } else {
        state.store.processes(&f).await?
    };
    // The queue says for each order who the ranking proposes next, and who declined or
    // volunteered: what the coordinator assigns from.
    let proposals = if queue && !found.is_empty() {
        let refs: Vec<&Process> = found.iter().collect();
        Some(crate::proposals::queue_lines(&state, &c, org_id, &refs).await?)
    } else {
        None
    };
    let mut list = rows(&state, &c, found).await?;
    if let Some(mut lines) = proposals {
        for r in &mut list {
            r.proposal = lines.remove(&r.id);
        }
    }
    let batch_notice = q.offered.map(|n| {
        let mut text = c.tn("batch-offered", "count", i64::from(n));
        if let Some(s) = q.stale.filter(|s| *s > 0) {
            text.push(' ');
            text.push_str(&c.tn("batch-stale", "count", i64::from(s)));
        }
        text
    });
    let caption = c.t(if queue {
        "list-queue-title"
    } else {
        "list-title"
    });
    Ok(ListView {
        c,
        org_id,
        org_name: org.name,
        queue,
        filters,
        list,
        caption,
        filter_error: bad,
        batch_notice,
    }
    .into_response())
}

// ---------------------------------------------------------------------------------------------
// The process page

#[derive(Debug)]
/// A plan, ready to show.
pub struct PlanView {
    pub version: u32,
    pub sessions: Vec<SessionRow>,
    pub invited: String,
    pub representatives: String,
    pub note_taking: String,
    pub summary_use: String,
    pub summary_visibility: String,
    pub method: Option<MethodView>,
}

#[derive(Debug)]
pub struct SessionRow {
    pub id: u32,
    pub title: String,
    pub phase: u32,
    pub when: String,
    pub format: String,
    pub place: Option<String>,
    pub online_link: Option<String>,
}

#[derive(Debug)]
pub struct MethodView {
    pub name: String,
    pub adapted_from: Option<String>,
    pub total_min: u32,
    pub phases: Vec<PhaseView>,
    pub ground_rules: Vec<String>,
}

#[derive(Debug)]
pub struct PhaseView {
    pub name: String,
    pub purpose: String,
    pub stages: Vec<StageView>,
}

#[derive(Debug)]
pub struct StageView {
    pub index: usize,
    pub name: String,
    pub purpose: String,
    pub duration_min: u32,
    pub format: String,
    pub prompts: Vec<String>,
    pub roles: Vec<String>,
}

pub fn method_view(state: &AppState, lang: Lang, m: &Method) -> MethodView {
    let mut index = 0;
    MethodView {
        name: m.name_in(lang).to_owned(),
        adapted_from: m.adapted_from.as_ref().map(|o| {
            let name = state
                .methods
                .get(&o.id)
                .map_or(o.id.as_str(), |lm| lm.name_in(lang));
            i18n::t_args(
                lang,
                "method-adapted-from",
                &[
                    ("name", i18n::s(name)),
                    ("version", i18n::n(i64::from(o.version))),
                ],
            )
        }),
        total_min: m.duration_min(),
        ground_rules: m
            .ground_rules
            .iter()
            .map(|r| r.get(lang).to_owned())
            .collect(),
        phases: m
            .phases
            .iter()
            .map(|p| PhaseView {
                name: p.name.get(lang).to_owned(),
                purpose: p.purpose.get(lang).to_owned(),
                stages: p
                    .stages
                    .iter()
                    .map(|s| {
                        index += 1;
                        StageView {
                            index: index - 1,
                            name: s.name.get(lang).to_owned(),
                            purpose: s.purpose.get(lang).to_owned(),
                            duration_min: s.duration_min,
                            format: i18n::t(lang, &format!("group-format-{}", s.format.code())),
                            prompts: s.prompts.iter().map(|q| q.get(lang).to_owned()).collect(),
                            roles: s
                                .roles
                                .iter()
                                .map(|r| i18n::t(lang, &format!("session-role-{}", r.code())))
                                .collect(),
                        }
                    })
                    .collect(),
            })
            .collect(),
    }
}

pub fn plan_view(state: &AppState, lang: Lang, version: u32, plan: &Plan) -> PlanView {
    let fmt_time = |t: time::Time| format!("{:02}.{:02}", t.hour(), t.minute());
    PlanView {
        version,
        sessions: plan
            .sessions
            .iter()
            .map(|s| SessionRow {
                id: s.id,
                title: s.title.clone(),
                phase: s.phase,
                when: format!(
                    "{} {}–{}",
                    format_date(s.date),
                    fmt_time(s.start),
                    fmt_time(s.end)
                ),
                format: i18n::t(lang, &format!("format-{}", s.format.code())),
                place: s.place.clone(),
                online_link: s.online_link.clone(),
            })
            .collect(),
        invited: plan.invited.clone(),
        representatives: plan.representatives.clone(),
        note_taking: plan.note_taking.clone(),
        summary_use: plan.summary_use.clone(),
        summary_visibility: i18n::t(
            lang,
            &format!("visibility-{}", plan.summary_visibility.code()),
        ),
        method: plan.method.as_ref().map(|m| method_view(state, lang, m)),
    }
}

#[derive(Debug)]
pub struct OrderView {
    pub reason: String,
    pub outcome: String,
    pub timing: String,
    pub count: u32,
    pub kinds: String,
    pub languages: String,
    pub format: String,
    pub method: String,
    pub orderer: String,
    pub unit: Option<String>,
    pub created: String,
    pub needs_outsider: bool,
}

#[derive(Debug)]
pub struct StepView {
    pub label: String,
    pub done: bool,
    pub current: bool,
}

#[derive(Debug)]
pub struct RunRow {
    pub id: vuoro_core::LiveSessionId,
    pub label: String,
    pub open: bool,
}

#[derive(Debug)]
pub struct EventView {
    pub at: String,
    pub text: String,
}

#[derive(Debug)]
pub struct ButtonView {
    pub code: &'static str,
    pub label: String,
    pub danger: bool,
    /// The page's one primary action: the transition that is the real next step.
    pub primary: bool,
}

/// The process page's primary action when it is not a transition: a link, or a form posting
/// `hidden` to `action`.
#[derive(Debug)]
pub struct PrimaryView {
    pub href: Option<String>,
    pub action: String,
    pub label: String,
}

/// An order offered to the user viewing it, as the process page asks for their answer.
#[derive(Debug)]
pub struct OfferView {
    /// "Kalle Koordinaattori offered you this order on …"
    pub text: String,
    pub reason: Field,
}

/// What a facilitator typed as their reason for declining, kept when it is refused.
struct DeclineInput<'a> {
    reason: &'a str,
    errors: &'a FieldErrors,
}

/// An answer to "advise me", as the process page shows it.
#[derive(Debug)]
pub struct AdviceView {
    pub method: Option<String>,
    pub text: String,
    pub by: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "process.html")]
struct ProcessView {
    c: Ctx,
    id: ProcessId,
    title: String,
    state_code: &'static str,
    state_label: String,
    steps: Vec<StepView>,
    next: String,
    alert: Option<String>,
    order: OrderView,
    facilitator: Option<String>,
    assign: Option<Field>,
    /// The offer awaiting this user's answer: its words and the reason field.
    offer: Option<OfferView>,
    /// The user may record the hours its sessions took (`/processes/ID/hours`).
    record_hours: bool,
    plan: PlanView,
    can_edit: bool,
    approvals: Vec<String>,
    approve_as: Option<&'static str>,
    buttons: Vec<ButtonView>,
    /// The next step as a link or a form, when it is not a transition button.
    primary: Option<PrimaryView>,
    /// The assign button (next step: a facilitator) or the approve button is the primary action.
    assign_primary: bool,
    approve_primary: bool,
    /// Why the process was cancelled, while it is.
    cancel_reason: Option<String>,
    /// The order asked for advice on the method ("Neuvokaa minua").
    asked_advice: bool,
    advice: Option<AdviceView>,
    /// The coordinator's form to answer it: the method and the words.
    advice_fields: Vec<Field>,
    /// Before the agreement: what the plan still needs, each with whether it is done.
    checklist: Vec<(String, bool)>,
    /// Plan sessions the facilitator can open as live sessions now: (plan session id, title).
    can_open: Vec<(u32, String)>,
    /// Live sessions run so far, newest first.
    runs: Vec<RunRow>,
    /// Whether the runs link to their runner pages (the facilitator's).
    can_run: bool,
    /// Feedback averages per phase, over the phase's closed forms.
    phase_feedback: Vec<PhaseFeedback>,
    /// The organisation's plan areas this process feeds (`orgplan_process.html`).
    plans: crate::catalogue::plans::ProcessPlans,
    /// Where the summary is mailed for the community.
    community: crate::notices::CommunityLine,

    /// The retention rule and what it deleted (`retention_process.html`).
    retention: crate::retention::ProcessRetention,
    events: Vec<EventView>,
}

/// A moment in Finland's own time, as pages show it.
pub fn helsinki_time(t: OffsetDateTime) -> String {
    when(t)
}

fn when(t: OffsetDateTime) -> String {
    // Finland's own time: the users are there, and a stored UTC time would confuse them.
    let t = t.to_offset(helsinki_offset(t));
    format!(
        "{} {:02}.{:02}",
        format_date(t.date()),
        t.hour(),
        t.minute()
    )
}

/// Pages show Finland's time by the IANA rules `vuoro-core` reads with `jiff`.
pub use vuoro_core::notices::helsinki_offset;

/// What a coordinator typed as advice, kept when it is refused.
struct AdviceInput<'a> {
    method: &'a str,
    text: &'a str,
    errors: &'a FieldErrors,
}

async fn process_view(
    state: &AppState,
    c: Ctx,
    p: Process,
    pa: ProcessActor,
    alert: Option<String>,
) -> AppResult<ProcessView> {
    process_view_with(state, c, p, pa, alert, None, None).await
}

async fn process_view_with(
    state: &AppState,
    c: Ctx,
    p: Process,
    pa: ProcessActor,
    alert: Option<String>,
    advice_input: Option<AdviceInput<'_>>,
    decline_input: Option<DeclineInput<'_>>,
) -> AppResult<ProcessView> {
    let lang = c.lang;
    let plan = state.store.plan(p.id, p.plan_version).await?.plan;
    let events = state.store.events(p.id).await?;
    let approvals = state.store.approvals(p.id, p.plan_version).await?;
    let lives = state.store.live_sessions(p.id).await?;
    let ready = readiness(&p, &plan, &approvals, &events, &lives);
    let mut ids: Vec<UserId> = vec![p.orderer];
    ids.extend(p.facilitator);
    ids.extend(events.iter().map(|e| e.actor));
    ids.extend(approvals.iter().map(|a| a.user));
    for e in &events {
        if let EventKind::FacilitatorAssigned { facilitator } = e.kind {
            ids.push(facilitator);
        }
    }
    let who = names(state, ids).await?;
    let name = |id: &UserId| who.get(id).cloned().unwrap_or_default();

    let current_idx = ProcessState::PATH.iter().position(|s| *s == p.state);
    let steps = ProcessState::PATH
        .iter()
        .enumerate()
        .filter(|(_, s)| !(**s == ProcessState::Phase2 && plan.phase_count() == 1))
        .map(|(i, s)| StepView {
            label: c.t(&format!("state-{}", s.code())),
            done: current_idx.is_some_and(|ci| i < ci) || p.state == ProcessState::Closed,
            current: current_idx == Some(i) && p.state != ProcessState::Closed,
        })
        .collect();
    let step = process::next_step(p.state, &ready);
    let next = c.t(step.message_id());

    let units = state.store.units(p.org).await?;
    let join = |items: Vec<String>| items.join(", ");
    let order = OrderView {
        reason: p.order.reason.clone(),
        outcome: p.order.outcome.clone(),
        timing: p.order.timing.clone(),
        count: p.order.participant_count,
        kinds: join(
            p.order
                .participant_kinds
                .iter()
                .map(|k| c.t(&format!("kind-{}", k.code())))
                .collect(),
        ),
        languages: join(
            p.order
                .languages
                .iter()
                .map(|l| c.t(&format!("plang-{}", l.code())))
                .collect(),
        ),
        format: c.t(&format!("format-{}", p.order.format.code())),
        method: match &p.order.method {
            MethodChoice::AdviseMe => c.t("order-method-advise"),
            MethodChoice::Method(id) => method_label(state, lang, Some(id)),
        },
        orderer: name(&p.orderer),
        needs_outsider: p.order.needs_outsider,
        unit: p
            .order
            .unit
            .and_then(|u| units.iter().find(|x| x.id == u).map(|x| x.name.clone())),
        created: when(p.created_at),
    };

    let assign = if pa.can(ProcessAction::AssignFacilitator, p.state) {
        let current = p.facilitator.map(|f| f.to_string()).unwrap_or_default();
        Some(Field::new(
            "facilitator",
            c.t("assign-label"),
            Kind::Select(opts(
                crate::partners::assignable(state, &p)
                    .await?
                    .into_iter()
                    .map(|(id, name)| (id.to_string(), name)),
                &[current],
            )),
        ))
    } else {
        None
    };

    // The order offered to this user and not answered yet: the page asks for their answer.
    // (`AnswerOffer` is the process's facilitator's, so it is theirs.)
    let offer = if p.awaiting_answer && pa.can(ProcessAction::AnswerOffer, p.state) {
        let offers = state.store.offers(&[p.id]).await?;
        vuoro_store::Offer::awaiting(&offers).map(|o| {
            let none = FieldErrors::new();
            let (typed, errors) = decline_input
                .as_ref()
                .map_or(("", &none), |d| (d.reason, d.errors));
            OfferView {
                text: i18n::t_args(
                    lang,
                    "offer-text",
                    &[
                        ("by", i18n::s(name(&o.offered_by))),
                        ("when", i18n::s(when(o.offered_at))),
                    ],
                ),
                reason: Field::new("reason", c.t("offer-reason"), Kind::Textarea)
                    .hint(c.t("offer-reason-hint"))
                    .value(typed)
                    .required()
                    .max(limits::LONG)
                    .errors(lang, errors),
            }
        })
    } else {
        None
    };

    let approve_as = if pa.can(ProcessAction::ApproveAsOrderer, p.state)
        && !approvals.iter().any(|a| a.side == ApprovalSide::Orderer)
    {
        Some("orderer")
    } else if pa.can(ProcessAction::ApproveAsFacilitator, p.state)
        && !approvals
            .iter()
            .any(|a| a.side == ApprovalSide::Facilitator && Some(a.user) == p.facilitator)
    {
        Some("facilitator")
    } else {
        None
    };
    // The page's one primary action is the real next step, when this user can take it: a
    // transition button, the assign or approve button, or a link or form in the next box.
    let can = |a: ProcessAction| pa.can(a, p.state);
    let offered: Vec<Transition> = process::offered(p.state, plan.phase_count())
        .into_iter()
        .filter(|t| can(ProcessAction::Transition(*t)))
        .collect();
    let mut primary_transition = None;
    let mut assign_primary = false;
    let mut approve_primary = false;
    let link = |href: String, label: String| {
        Some(PrimaryView {
            href: Some(href),
            action: String::new(),
            label,
        })
    };
    let mut open_primary = None;
    let primary = match step {
        NextStep::AssignFacilitator => {
            assign_primary = assign.is_some();
            None
        }
        NextStep::AgreePlan => {
            if approve_as.is_some() && ready.has_method && ready.session_count > 0 {
                approve_primary = true;
                None
            } else if can(ProcessAction::EditPlan) {
                link(format!("/processes/{}/plan", p.id), c.t("next-action-plan"))
            } else {
                None
            }
        }
        NextStep::ConfirmAgreement => {
            primary_transition = Some(Transition::Agree);
            None
        }
        NextStep::StartPhase1 => {
            primary_transition = Some(Transition::StartPhase1);
            None
        }
        NextStep::RunSession if pa.facilitator() => lives.iter().find(|l| l.open).and_then(|l| {
            let title = plan.session(l.plan_session)?.title.clone();
            link(
                format!("/live/{}/run", l.id),
                c.t1("next-action-run", "title", &title),
            )
        }),
        NextStep::OpenSession if can(ProcessAction::RunSession) => {
            let n = if p.state == ProcessState::Phase2 {
                2
            } else {
                1
            };
            plan.sessions
                .iter()
                .find(|s| s.phase == n && !lives.iter().any(|l| l.plan_session == s.id))
                .map(|s| {
                    open_primary = Some(s.id);
                    PrimaryView {
                        href: None,
                        action: format!("/processes/{}/sessions/{}/open", p.id, s.id),
                        label: c.t1("live-open-session", "title", &s.title),
                    }
                })
        }
        NextStep::PlanSession if can(ProcessAction::EditPlan) => link(
            format!("/processes/{}/plan#sessions", p.id),
            c.t("next-action-plan-session"),
        ),
        // After phase 1 the way leads to its themes; the themes page leads on to phase 2.
        NextStep::CurateThemes if can(ProcessAction::CurateThemes) => link(
            format!("/processes/{}/themes/phase-1", p.id),
            c.t("next-action-themes"),
        ),
        NextStep::StartSummary => {
            primary_transition = Some(Transition::StartSummary);
            None
        }
        NextStep::WriteSummary if can(ProcessAction::EditSummary) => link(
            format!("/processes/{}/summary", p.id),
            c.t("next-action-summary"),
        ),
        NextStep::Cancelled => {
            primary_transition = Some(Transition::Reopen);
            None
        }
        _ => None,
    };
    let mut buttons: Vec<ButtonView> = offered
        .into_iter()
        .map(|t| ButtonView {
            code: t.code(),
            label: c.t(&format!("transition-{}", t.code())),
            danger: t.is_irreversible(),
            primary: primary_transition == Some(t),
        })
        .collect();
    // The primary one first, where the eye starts.
    buttons.sort_by_key(|b| !b.primary);
    // Someone who cannot take the next step (the orderer while the facilitator runs a part)
    // still gets one main action: back to their own front page, where their own work waits.
    let primary = if primary.is_none()
        && !assign_primary
        && !approve_primary
        && offer.is_none()
        && !buttons.iter().any(|b| b.primary)
    {
        link("/".to_owned(), c.t("home-title"))
    } else {
        primary
    };
    let cancel_reason = (p.state == ProcessState::Cancelled)
        .then(|| last_cancellation(&events).and_then(|(_, r)| r.map(str::to_owned)))
        .flatten();
    let asked_advice = p.order.method == MethodChoice::AdviseMe;
    let advice = latest_advice(&events).map(|(m, text, by, at)| AdviceView {
        method: m.map(|m| method_label(state, lang, Some(m))),
        text: text.to_owned(),
        by: i18n::t_args(
            lang,
            "advice-by",
            &[("name", i18n::s(name(&by))), ("when", i18n::s(when(at)))],
        ),
    });
    let advice_fields = if asked_advice && can(ProcessAction::AdviseOrderer) {
        let none = FieldErrors::new();
        let (m, text, errors) =
            advice_input.map_or(("", "", &none), |a| (a.method, a.text, a.errors));
        vec![
            Field::new(
                "advice_method",
                c.t("advice-method"),
                Kind::Select(opts(
                    std::iter::once((String::new(), c.t("advice-method-none"))).chain(
                        state
                            .methods
                            .all()
                            .iter()
                            .map(|m| (m.id.clone(), m.name_in(lang).to_owned())),
                    ),
                    &[m.to_owned()],
                )),
            )
            .errors(lang, errors),
            Field::new("advice_text", c.t("advice-text"), Kind::Textarea)
                .hint(c.t("advice-text-hint"))
                .value(text)
                .required()
                .max(limits::LONG)
                .errors(lang, errors),
        ]
    } else {
        Vec::new()
    };
    let approvals_text = approvals
        .iter()
        .map(|a| {
            i18n::t_args(
                lang,
                &format!("approved-by-{}", a.side.code()),
                &[
                    ("name", i18n::s(name(&a.user))),
                    ("when", i18n::s(when(a.at))),
                ],
            )
        })
        .collect();
    let events = events
        .iter()
        .rev()
        .map(|e| {
            let actor = i18n::s(name(&e.actor));
            let text = match &e.kind {
                EventKind::Ordered => i18n::t_args(lang, "event-ordered", &[("actor", actor)]),
                EventKind::FacilitatorAssigned { facilitator } => i18n::t_args(
                    lang,
                    "event-assigned",
                    &[
                        ("actor", actor),
                        ("facilitator", i18n::s(name(facilitator))),
                    ],
                ),
                EventKind::OfferAccepted { .. } => {
                    i18n::t_args(lang, "event-offer-accepted", &[("actor", actor)])
                }
                EventKind::OfferDeclined { .. } => {
                    i18n::t_args(lang, "event-offer-declined", &[("actor", actor)])
                }
                EventKind::PlanSaved { version } => i18n::t_args(
                    lang,
                    "event-plan-saved",
                    &[("actor", actor), ("version", i18n::n(i64::from(*version)))],
                ),
                EventKind::Approved { version, side } => i18n::t_args(
                    lang,
                    &format!("event-approved-{}", side.code()),
                    &[("actor", actor), ("version", i18n::n(i64::from(*version)))],
                ),
                EventKind::StateChanged {
                    to,
                    reason: Some(reason),
                    ..
                } => i18n::t_args(
                    lang,
                    "event-state-reason",
                    &[
                        ("actor", actor),
                        ("state", i18n::s(c.t(&format!("state-{}", to.code())))),
                        ("reason", i18n::s(reason.clone())),
                    ],
                ),
                EventKind::StateChanged { to, .. } => i18n::t_args(
                    lang,
                    "event-state",
                    &[
                        ("actor", actor),
                        ("state", i18n::s(c.t(&format!("state-{}", to.code())))),
                    ],
                ),
                EventKind::AdviceGiven { .. } => {
                    i18n::t_args(lang, "event-advice", &[("actor", actor)])
                }
                EventKind::ThemesSaved {
                    version, curated, ..
                } => i18n::t_args(
                    lang,
                    if *curated {
                        "event-themes-curated"
                    } else {
                        "event-themes-proposed"
                    },
                    &[("actor", actor), ("version", i18n::n(i64::from(*version)))],
                ),
                EventKind::SummarySaved { version, state } => i18n::t_args(
                    lang,
                    "event-summary-saved",
                    &[
                        ("actor", actor),
                        ("version", i18n::n(i64::from(*version))),
                        (
                            "state",
                            i18n::s(c.t(&format!("summary-state-{}", state.code()))),
                        ),
                    ],
                ),
                EventKind::PracticeSaved { .. } => {
                    i18n::t_args(lang, "event-practice-saved", &[("actor", actor)])
                }
                EventKind::SummaryLinkMade { .. } => {
                    i18n::t_args(lang, "event-summary-link-made", &[("actor", actor)])
                }
                EventKind::SummaryLinkRevoked { .. } => {
                    i18n::t_args(lang, "event-summary-link-revoked", &[("actor", actor)])
                }
                EventKind::PracticeStatusChanged { to, .. } => i18n::t_args(
                    lang,
                    "event-practice-status",
                    &[
                        ("actor", actor),
                        (
                            "status",
                            i18n::s(c.t(&format!("practice-status-{}", to.code()))),
                        ),
                    ],
                ),
            };
            EventView {
                at: when(e.at),
                text,
            }
        })
        .collect();
    let checklist = if p.state == ProcessState::Ordered {
        [
            (
                "agree-check-facilitator",
                ready.facilitator_assigned && !ready.facilitator_awaiting,
            ),
            ("agree-check-method", ready.has_method),
            ("agree-check-session", ready.session_count > 0),
            ("agree-check-orderer", ready.orderer_approved),
            (
                "agree-check-facilitator-approved",
                ready.facilitator_approved,
            ),
        ]
        .into_iter()
        .map(|(k, done)| (c.t(k), done))
        .collect()
    } else {
        Vec::new()
    };
    // The session the next box opens is not offered twice.
    let can_open = if pa.can(ProcessAction::RunSession, p.state) {
        plan.sessions
            .iter()
            .filter(|s| open_primary != Some(s.id))
            .map(|s| (s.id, s.title.clone()))
            .collect()
    } else {
        Vec::new()
    };
    let can_run = pa.can(ProcessAction::RunSession, p.state) || pa.facilitator();
    let runs = if pa.can(ProcessAction::View, p.state) {
        lives
            .into_iter()
            .map(|l| {
                let title = plan
                    .session(l.plan_session)
                    .map_or_else(String::new, |s| s.title.clone());
                RunRow {
                    id: l.id,
                    label: i18n::t_args(
                        lang,
                        "live-run-link",
                        &[
                            ("title", i18n::s(title)),
                            ("when", i18n::s(when(l.opened_at))),
                        ],
                    ),
                    open: l.open,
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let phase_feedback = phase_feedback(state, &p, &plan, lang).await?;
    let plans = crate::catalogue::plans::for_process(state, &c, &p).await?;
    let community = crate::notices::process_line(state, &c, &p, &pa).await?;
    let retention = crate::retention::for_process(state, &c, &p, &pa).await?;
    Ok(ProcessView {
        phase_feedback,
        plans,
        community,
        retention,
        can_run,
        can_open,
        runs,
        checklist,
        id: p.id,
        title: p.title.clone(),
        state_code: p.state.code(),
        state_label: c.t(&format!("state-{}", p.state.code())),
        steps,
        next,
        alert,
        order,
        facilitator: p.facilitator.map(|f| {
            if p.awaiting_answer {
                c.t1("facilitator-awaiting", "name", &name(&f))
            } else {
                name(&f)
            }
        }),
        assign,
        offer,
        record_hours: pa.can(ProcessAction::RecordHours, p.state),
        can_edit: pa.can(ProcessAction::EditPlan, p.state),
        plan: plan_view(state, lang, p.plan_version, &plan),
        approvals: approvals_text,
        approve_as,
        buttons,
        primary,
        assign_primary,
        approve_primary,
        cancel_reason,
        asked_advice,
        advice,
        advice_fields,
        events,
        c,
    })
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    Ok(process_view(&state, c, p, pa, None).await?.into_response())
}

async fn assign(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::AssignFacilitator, p.state)?;
    let user = c.user()?;
    let fac = UserId::parse(form.get("facilitator"))
        .map_err(|_| AppError::BadRequest("error-invalid"))?;
    // Only a facilitator of the same organisation, or of a partner whose agreement shares
    // them for this order, can be assigned.
    if !crate::partners::assignable(&state, &p)
        .await?
        .iter()
        .any(|(id, _)| *id == fac)
    {
        return Err(AppError::BadRequest("error-not-a-facilitator"));
    }
    // A volunteer, or a coordinator assigning themselves, has said yes already; anyone else
    // is asked, by mail too.
    let volunteered = state
        .store
        .volunteers(&[p.id])
        .await?
        .iter()
        .any(|(_, u)| *u == fac);
    let status = OfferStatus::on_assign(fac, user.id, volunteered);
    let mut outbox = if status == OfferStatus::Awaiting {
        assignment_mail(&state, &p, fac, user).await?
    } else {
        Vec::new()
    };
    // Whoever was offered it and has not answered is told that they need not.
    if let Some(old) = p.facilitator.filter(|o| p.awaiting_answer && *o != fac) {
        outbox.extend(withdrawn_mail(&state, &p, old).await?);
    }
    state
        .store
        .assign_facilitator(
            p.id,
            fac,
            user.id,
            status,
            OffsetDateTime::now_utc(),
            &outbox,
        )
        .await?;
    if !outbox.is_empty() {
        state.mail_queued();
    }
    Ok(redirect(&format!("/processes/{}", p.id)))
}

/// The facilitator's answer to the order offered to them: accept, or decline with a reason,
/// which takes them off the process and puts it back in the queue, with a mail to the
/// coordinator who offered it. A decline without a reason comes back with what was typed.
async fn answer_offer(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::AnswerOffer, p.state)?;
    let user = c.user()?;
    let now = OffsetDateTime::now_utc();
    let answer = match form.get("answer") {
        "accept" => Answer::Accept,
        "decline" => {
            let typed = form.get("reason");
            match vuoro_core::text::bounded(typed, limits::LONG) {
                Ok(reason) => Answer::Decline(reason),
                Err(e) => {
                    let mut errors = FieldErrors::new();
                    errors.add("reason", e);
                    let input = DeclineInput {
                        reason: typed,
                        errors: &errors,
                    };
                    let alert = Some(c.t("form-has-errors"));
                    return Ok(unprocessable(
                        process_view_with(&state, c, p, pa, alert, None, Some(input)).await?,
                    ));
                }
            }
        }
        _ => return Err(AppError::BadRequest("error-malformed-form")),
    };
    let outbox = match &answer {
        Answer::Decline(reason) => declined_mail(&state, &p, user, reason).await?,
        Answer::Accept => Vec::new(),
    };
    state
        .store
        .answer_offer(p.id, user.id, &answer, now, &outbox)
        .await?;
    if !outbox.is_empty() {
        state.mail_queued();
    }
    Ok(redirect(&match answer {
        Answer::Accept => format!("/processes/{}", p.id),
        // The process is no longer theirs to see: back to their own page, where the orders
        // that wait for a facilitator are.
        Answer::Decline(_) => "/facilitation?declined=1".to_owned(),
    }))
}

/// The mail telling a facilitator that the order offered to them went to someone else before
/// they answered.
async fn withdrawn_mail(
    state: &AppState,
    p: &Process,
    facilitator: UserId,
) -> AppResult<Vec<vuoro_store::NewMail>> {
    process_mail(
        state,
        MailKind::OfferWithdrawn,
        p,
        facilitator,
        "/facilitation",
        Vec::new(),
    )
    .await
}

/// The mail telling the coordinator who offered the order that it was declined, and why, while
/// they still keep the organisation's queue.
async fn declined_mail(
    state: &AppState,
    p: &Process,
    by: &CurrentUser,
    reason: &str,
) -> AppResult<Vec<vuoro_store::NewMail>> {
    if !state.mail_enabled() {
        return Ok(Vec::new());
    }
    let offers = state.store.offers(&[p.id]).await?;
    let Some(offer) = vuoro_store::Offer::awaiting(&offers).filter(|o| o.facilitator == by.id)
    else {
        return Ok(Vec::new());
    };
    if offer.offered_by == by.id
        || !state
            .store
            .roles(p.org, offer.offered_by)
            .await?
            .has(Role::Coordinator)
    {
        return Ok(Vec::new());
    }
    process_mail(
        state,
        MailKind::OfferDeclined,
        p,
        offer.offered_by,
        &format!("/processes/{}/proposals", p.id),
        vec![
            ("by", i18n::s(by.name.as_str())),
            ("reason", i18n::s(reason)),
        ],
    )
    .await
}

async fn approve(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    let user = c.user()?;
    let side = match form.get("as") {
        "orderer" => {
            require(&pa, ProcessAction::ApproveAsOrderer, p.state)?;
            ApprovalSide::Orderer
        }
        "facilitator" => {
            require(&pa, ProcessAction::ApproveAsFacilitator, p.state)?;
            ApprovalSide::Facilitator
        }
        _ => return Err(AppError::BadRequest("error-malformed-form")),
    };
    let version: u32 = form
        .get("version")
        .parse()
        .map_err(|_| AppError::BadRequest("error-malformed-form"))?;
    state
        .store
        .approve(p.id, version, side, user.id, OffsetDateTime::now_utc())
        .await
        .map_err(|e| match e {
            vuoro_store::StoreError::Conflict(_) => AppError::Conflict("error-plan-conflict"),
            other => other.into(),
        })?;
    Ok(redirect(&format!("/processes/{}", p.id)))
}

/// The step that asks before an irreversible move: closing, or cancelling with its reason.
#[derive(Template, WebTemplate)]
#[template(path = "process_confirm.html")]
struct ConfirmView {
    c: Ctx,
    id: ProcessId,
    title: String,
    to: &'static str,
    heading: String,
    intro: String,
    yes: String,
    /// The cancellation's reason; none for closing.
    reason: Option<Field>,
}

fn confirm_view(c: Ctx, p: &Process, t: Transition, reason: &str, e: &FieldErrors) -> ConfirmView {
    let reason = (t == Transition::Cancel).then(|| {
        Field::new("reason", c.t("confirm-cancel-reason"), Kind::Textarea)
            .hint(c.t("confirm-cancel-reason-hint"))
            .value(reason)
            .required()
            .max(limits::SHORT)
            .errors(c.lang, e)
    });
    let msg = |part: &str| c.t(&format!("confirm-{}-{part}", t.code()));
    ConfirmView {
        id: p.id,
        title: p.title.clone(),
        to: t.code(),
        heading: msg("title"),
        intro: msg("intro"),
        yes: msg("yes"),
        reason,
        c,
    }
}

async fn transition(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    let t =
        Transition::parse(form.get("to")).ok_or(AppError::BadRequest("error-malformed-form"))?;
    require(&pa, ProcessAction::Transition(t), p.state)?;
    // Closing and cancelling ask first: without `confirm=yes` the answer is the question, a
    // page whose form repeats the post with it (no JavaScript needed). A cancellation also
    // takes a reason, kept in the process's history.
    let mut reason = None;
    if t.is_irreversible() && process::edge(p.state, t).is_some() {
        let typed = form.string("reason");
        if form.get("confirm") != "yes" {
            return Ok(confirm_view(c, &p, t, &typed, &FieldErrors::new()).into_response());
        }
        if t == Transition::Cancel {
            match vuoro_core::text::bounded(&typed, limits::SHORT) {
                Ok(r) => reason = Some(r),
                Err(fe) => {
                    let mut e = FieldErrors::new();
                    e.add("reason", fe);
                    return Ok(unprocessable(confirm_view(c, &p, t, &typed, &e)));
                }
            }
        }
    }
    let user = c.user()?.id;
    let plan = state.store.plan(p.id, p.plan_version).await?.plan;
    let approvals = state.store.approvals(p.id, p.plan_version).await?;
    let events = state.store.events(p.id).await?;
    let lives = state.store.live_sessions(p.id).await?;
    let ready = readiness(&p, &plan, &approvals, &events, &lives);
    match process::apply(p.state, t, &ready) {
        Ok(to) => {
            let now = OffsetDateTime::now_utc();
            match &reason {
                Some(r) => {
                    state
                        .store
                        .set_state_with_reason(p.id, p.state, to, user, r, now)
                        .await?
                }
                None => state.store.set_state(p.id, p.state, to, user, now).await?,
            }
            // Live sessions run only during the phases: leaving them ends any session still
            // open, so phones stop taking notes and say thank you.
            if !matches!(to, ProcessState::Phase1 | ProcessState::Phase2) {
                for live in lives {
                    if live.open {
                        state.store.close_live_session(live.id, now).await?;
                    }
                }
            }
            Ok(redirect(&format!("/processes/{}", p.id)))
        }
        Err(e) => {
            let alert = Some(c.t(e.message_id()));
            let mut r = process_view(&state, c, p, pa, alert).await?.into_response();
            *r.status_mut() = StatusCode::CONFLICT;
            Ok(r)
        }
    }
}

/// A coordinator answers an order that asked for advice on the method; the orderer reads it
/// on the process page.
async fn advise(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::AdviseOrderer, p.state)?;
    if p.order.method != MethodChoice::AdviseMe {
        return Err(AppError::Conflict("error-no-advice-asked"));
    }
    let method = form.get("advice_method");
    let text = form.get("advice_text");
    let mut e = FieldErrors::new();
    if !method.is_empty() && state.methods.get(method).is_none() {
        e.add("advice_method", vuoro_core::FieldError::Invalid);
    }
    let words = e.take("advice_text", vuoro_core::text::bounded(text, limits::LONG));
    match words {
        Some(words) if e.is_empty() => {
            let user = c.user()?.id;
            state
                .store
                .give_advice(
                    p.id,
                    user,
                    (!method.is_empty()).then_some(method),
                    &words,
                    OffsetDateTime::now_utc(),
                )
                .await?;
            Ok(redirect(&format!("/processes/{}#h-order", p.id)))
        }
        _ => {
            let input = AdviceInput {
                method,
                text,
                errors: &e,
            };
            Ok(unprocessable(
                process_view_with(&state, c, p, pa, None, Some(input), None).await?,
            ))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Editing the plan

#[derive(Template, WebTemplate)]
#[template(path = "plan_edit.html")]
struct PlanEditView {
    c: Ctx,
    id: ProcessId,
    title: String,
    version: u32,
    fields: Vec<Field>,
    sessions: Vec<SessionRow>,
    session_fields: Vec<Field>,
    method_field: Field,
    has_method: bool,
    /// Sessions too short for their phase's stages, as warnings.
    overruns: Vec<String>,
    /// Said after a save that kept a session typed but not yet added.
    notice: Option<String>,
    /// A session whose removal waits for a second press: (plan session id, title).
    confirm_delete: Option<(u32, String)>,
    /// The retention rule, as a sentence.
    retention_rule: String,
}

fn plan_fields(lang: Lang, input: &PlanFieldsInput, e: &FieldErrors) -> Vec<Field> {
    let t = |k: &str| i18n::t(lang, k);
    let area = |name: &'static str, label: &str, hint: &str, value: &str| {
        Field::new(name, t(label), Kind::Textarea)
            .hint(t(hint))
            .value(value)
            .max(limits::LONG)
            .errors(lang, e)
    };
    vec![
        area(
            "invited",
            "plan-invited",
            "plan-invited-hint",
            &input.invited,
        ),
        area(
            "representatives",
            "plan-representatives",
            "plan-representatives-hint",
            &input.representatives,
        ),
        area(
            "note_taking",
            "plan-note-taking",
            "plan-note-taking-hint",
            &input.note_taking,
        ),
        area(
            "summary_use",
            "plan-summary-use",
            "plan-summary-use-hint",
            &input.summary_use,
        ),
        Field::new(
            "summary_visibility",
            t("plan-summary-visibility"),
            Kind::Radios(opts(
                SummaryVisibility::ALL
                    .iter()
                    .map(|v| (v.code().to_owned(), t(&format!("visibility-{}", v.code())))),
                std::slice::from_ref(&input.summary_visibility),
            )),
        )
        .required()
        .errors(lang, e),
        area(
            "feedback_scale",
            "plan-feedback-scale",
            "plan-feedback-scale-hint",
            &input.feedback_scale,
        ),
        Field::new("feedback_open", t("plan-feedback-open"), Kind::Text)
            .hint(t("plan-feedback-open-hint"))
            .value(&input.feedback_open)
            .max(limits::SHORT)
            .errors(lang, e),
    ]
}

fn session_fields(lang: Lang, s: &SessionInput, phases: usize, e: &FieldErrors) -> Vec<Field> {
    let t = |k: &str| i18n::t(lang, k);
    let phase_opts: Vec<(String, String)> = (1..=phases.max(1))
        .map(|i| {
            (
                i.to_string(),
                i18n::t_args(lang, "phase-n", &[("n", i18n::n(i as i64))]),
            )
        })
        .collect();
    vec![
        Field::new("title", t("session-title"), Kind::Text)
            .value(&s.title)
            .required()
            .max(limits::NAME)
            .prefix("s-")
            .errors(lang, e),
        Field::new(
            "phase",
            t("session-phase"),
            Kind::Select(opts(phase_opts, std::slice::from_ref(&s.phase))),
        )
        .prefix("s-")
        .errors(lang, e),
        Field::new("date", t("session-date"), Kind::Date)
            .value(&s.date)
            .required()
            .prefix("s-")
            .errors(lang, e),
        Field::new("start", t("session-start"), Kind::Time)
            .value(&s.start)
            .required()
            .prefix("s-")
            .errors(lang, e),
        Field::new("end", t("session-end"), Kind::Time)
            .value(&s.end)
            .required()
            .prefix("s-")
            .errors(lang, e),
        Field::new(
            "format",
            t("session-format"),
            Kind::Radios(opts(
                vuoro_core::method::Format::ALL
                    .iter()
                    .map(|f| (f.code().to_owned(), t(&format!("format-{}", f.code())))),
                std::slice::from_ref(&s.format),
            )),
        )
        .required()
        .prefix("s-")
        .errors(lang, e),
        Field::new("place", t("session-place"), Kind::Text)
            .hint(t("session-place-hint"))
            .value(&s.place)
            .max(limits::SHORT)
            .prefix("s-")
            .errors(lang, e),
        Field::new("online_link", t("session-link"), Kind::Url)
            .hint(t("session-link-hint"))
            .value(&s.online_link)
            .max(limits::URL)
            .prefix("s-")
            .errors(lang, e),
    ]
}

struct EditState<'a> {
    fields: Option<(&'a PlanFieldsInput, &'a FieldErrors)>,
    session: Option<(&'a SessionInput, &'a FieldErrors)>,
    notice: Option<String>,
    confirm_delete: Option<(u32, String)>,
}

async fn plan_edit_view(
    state: &AppState,
    c: Ctx,
    p: &Process,
    es: EditState<'_>,
) -> AppResult<PlanEditView> {
    let lang = c.lang;
    let plan = state.store.plan(p.id, p.plan_version).await?.plan;
    let none = FieldErrors::new();
    let current = PlanFieldsInput::from_plan(&plan);
    let (fi, fe) = es.fields.unwrap_or((&current, &none));
    let blank = SessionInput {
        phase: "1".into(),
        format: p.order.format.code().to_owned(),
        ..Default::default()
    };
    let (si, se) = es.session.unwrap_or((&blank, &none));
    // Without a method yet, the one a coordinator advised (if any) comes preselected.
    let advised = if plan.method.is_none() {
        let events = state.store.events(p.id).await?;
        latest_advice(&events).and_then(|(m, ..)| m.map(str::to_owned))
    } else {
        None
    };
    let chosen = plan
        .method
        .as_ref()
        .and_then(|m| m.adapted_from.as_ref().map(|o| o.id.clone()))
        .or(advised)
        .unwrap_or_default();
    let overruns = plan
        .overruns()
        .iter()
        .filter_map(|o| {
            let s = plan.session(o.session)?;
            Some(i18n::t_args(
                lang,
                "plan-overrun",
                &[
                    ("title", i18n::s(s.title.clone())),
                    ("phase", i18n::n(i64::from(s.phase))),
                    ("stages", i18n::n(i64::from(o.stages_min))),
                    ("session", i18n::n(i64::from(o.session_min))),
                ],
            ))
        })
        .collect();
    let method_field = Field::new(
        "method",
        c.t("plan-method"),
        Kind::Select(opts(
            state
                .methods
                .all()
                .iter()
                .map(|m| (m.id.clone(), m.name_in(lang).to_owned())),
            &[chosen],
        )),
    )
    .hint(c.t("plan-method-hint"))
    .required();
    let retention_rule = crate::retention::rule_line(state, &c, p.id).await?;
    Ok(PlanEditView {
        retention_rule,
        id: p.id,
        title: p.title.clone(),
        version: p.plan_version,
        fields: plan_fields(lang, fi, fe),
        sessions: plan_view(state, lang, p.plan_version, &plan).sessions,
        session_fields: session_fields(lang, si, plan.phase_count(), se),
        method_field,
        has_method: plan.method.is_some(),
        overruns,
        notice: es.notice,
        confirm_delete: es.confirm_delete,
        c,
    })
}

async fn plan_page(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::EditPlan, p.state)?;
    let es = EditState {
        fields: None,
        session: None,
        notice: None,
        confirm_delete: None,
    };
    Ok(plan_edit_view(&state, c, &p, es).await?.into_response())
}

/// The plan page is one form: whichever of its buttons is pressed (save, choose the method,
/// add or remove a session; `formaction` picks the route), every field travels with it, so
/// nothing typed into one part is lost by another part's button. `page=plan` says the body
/// carries the whole page; a post without it (another client) changes only its own part.
struct PlanPost {
    whole: bool,
    fields: PlanFieldsInput,
    draft: SessionInput,
}

impl PlanPost {
    fn read(form: &FormData) -> Self {
        Self {
            whole: form.get("page") == "plan",
            fields: PlanFieldsInput {
                invited: form.string("invited"),
                representatives: form.string("representatives"),
                note_taking: form.string("note_taking"),
                summary_use: form.string("summary_use"),
                summary_visibility: form.string("summary_visibility"),
                feedback_scale: form.string("feedback_scale"),
                feedback_open: form.string("feedback_open"),
            },
            draft: SessionInput {
                title: form.string("title"),
                phase: form.string("phase"),
                date: form.string("date"),
                start: form.string("start"),
                end: form.string("end"),
                format: form.string("format"),
                place: form.string("place"),
                online_link: form.string("online_link"),
            },
        }
    }

    /// The plan with the page's text fields applied (when the post carries the whole page).
    fn with_fields(&self, plan: &Plan) -> Result<Plan, FieldErrors> {
        if self.whole {
            self.fields.apply(plan)
        } else {
            Ok(plan.clone())
        }
    }

    /// The session typed but not added, to keep on the page after another button.
    fn kept_draft(&self) -> Option<&SessionInput> {
        (self.whole && !self.draft.is_blank()).then_some(&self.draft)
    }
}

/// After a save: back to `to`, unless a session was typed and not added; then the page again,
/// with the session as typed and a word that it is not in the plan yet.
async fn after_save(
    state: &AppState,
    c: Ctx,
    id: ProcessId,
    post: &PlanPost,
    to: String,
) -> AppResult<Response> {
    match post.kept_draft() {
        None => Ok(redirect(&to)),
        Some(draft) => {
            let p = state.store.process(id).await?;
            let none = FieldErrors::new();
            let notice = Some(c.t("plan-saved-draft-kept"));
            let es = EditState {
                fields: None,
                session: Some((draft, &none)),
                notice,
                confirm_delete: None,
            };
            Ok(plan_edit_view(state, c, &p, es).await?.into_response())
        }
    }
}

/// A refused post: the page again with everything as typed and the errors at their fields.
async fn refused(
    state: &AppState,
    c: Ctx,
    p: &Process,
    post: &PlanPost,
    fields: Option<&FieldErrors>,
    session: Option<&FieldErrors>,
) -> AppResult<Response> {
    let none = FieldErrors::new();
    let es = EditState {
        fields: (post.whole || fields.is_some()).then(|| (&post.fields, fields.unwrap_or(&none))),
        session: (post.whole || session.is_some()).then(|| (&post.draft, session.unwrap_or(&none))),
        notice: None,
        confirm_delete: None,
    };
    Ok(unprocessable(plan_edit_view(state, c, p, es).await?))
}

async fn save_fields(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::EditPlan, p.state)?;
    let post = PlanPost::read(&form);
    let plan = state.store.plan(p.id, p.plan_version).await?.plan;
    match post.fields.apply(&plan) {
        Ok(new) => {
            if new != plan {
                save(&state, &p, &form, &new, c.user()?).await?;
            }
            after_save(&state, c, p.id, &post, format!("/processes/{}", p.id)).await
        }
        Err(e) => refused(&state, c, &p, &post, Some(&e), None).await,
    }
}

async fn add_session(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::EditPlan, p.state)?;
    let post = PlanPost::read(&form);
    let old = state.store.plan(p.id, p.plan_version).await?.plan;
    // Both parts are checked, so every error shows at once and nothing is saved half.
    let fields = post.with_fields(&old);
    let mut plan = fields.clone().unwrap_or_else(|_| old.clone());
    let session = plan.add_session(post.draft.clone());
    match (fields, session) {
        (Ok(_), Ok(())) => {
            save(&state, &p, &form, &plan, c.user()?).await?;
            Ok(redirect(&format!("/processes/{}/plan#sessions", p.id)))
        }
        (f, s) => refused(&state, c, &p, &post, f.err().as_ref(), s.err().as_ref()).await,
    }
}

async fn delete_session(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, sid)): Path<(String, String)>,
    form: FormData,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::EditPlan, p.state)?;
    let sid: u32 = sid.parse().map_err(|_| AppError::NotFound)?;
    let post = PlanPost::read(&form);
    let old = state.store.plan(p.id, p.plan_version).await?.plan;
    let mut plan = match post.with_fields(&old) {
        Ok(plan) => plan,
        Err(e) => return refused(&state, c, &p, &post, Some(&e), None).await,
    };
    // From the page, removing asks first: the page again, everything as typed, with the
    // question and a second button that confirms.
    if post.whole && form.get("confirm") != "yes" {
        let title = old.session(sid).ok_or(AppError::NotFound)?.title.clone();
        let none = FieldErrors::new();
        let es = EditState {
            fields: Some((&post.fields, &none)),
            session: Some((&post.draft, &none)),
            notice: None,
            confirm_delete: Some((sid, title)),
        };
        return Ok(plan_edit_view(&state, c, &p, es).await?.into_response());
    }
    if !plan.remove_session(sid) {
        return Err(AppError::NotFound);
    }
    save(&state, &p, &form, &plan, c.user()?).await?;
    after_save(
        &state,
        c,
        p.id,
        &post,
        format!("/processes/{}/plan#sessions", p.id),
    )
    .await
}

async fn choose_method(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::EditPlan, p.state)?;
    // Changing the method once the phases run would orphan the sessions' phase numbers.
    if p.state != ProcessState::Ordered && p.state != ProcessState::Agreed {
        return Err(AppError::Conflict("error-method-locked"));
    }
    let m = state
        .methods
        .get(form.get("method"))
        .ok_or(AppError::BadRequest("error-invalid"))?;
    let post = PlanPost::read(&form);
    let old = state.store.plan(p.id, p.plan_version).await?.plan;
    let mut plan = match post.with_fields(&old) {
        Ok(plan) => plan,
        Err(e) => return refused(&state, c, &p, &post, Some(&e), None).await,
    };
    plan.method = Some(m.adapt());
    let phases = plan.phase_count() as u32;
    for s in &mut plan.sessions {
        s.phase = s.phase.min(phases.max(1));
    }
    save(&state, &p, &form, &plan, c.user()?).await?;
    after_save(&state, c, p.id, &post, format!("/processes/{}/plan", p.id)).await
}

#[derive(Template, WebTemplate)]
#[template(path = "plan_adapt.html")]
struct AdaptView {
    c: Ctx,
    id: ProcessId,
    title: String,
    version: u32,
    method: MethodView,
    /// Per stage: the duration and prompts as in the form, and errors.
    inputs: Vec<(String, String, Option<String>)>,
}

impl AdaptView {
    /// The form values of stage `i`.
    fn input(&self, i: &usize) -> Option<&(String, String, Option<String>)> {
        self.inputs.get(*i)
    }
}

async fn adapt_page(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::EditPlan, p.state)?;
    let plan = state.store.plan(p.id, p.plan_version).await?.plan;
    let m = plan
        .method
        .as_ref()
        .ok_or(AppError::Conflict("error-no-method"))?;
    let inputs = m
        .phases
        .iter()
        .flat_map(|ph| &ph.stages)
        .map(|s| {
            let prompts: Vec<&str> = s.prompts.iter().map(|q| q.get(c.lang)).collect();
            (s.duration_min.to_string(), prompts.join("\n"), None)
        })
        .collect();
    let method = method_view(&state, c.lang, m);
    Ok(AdaptView {
        id: p.id,
        title: p.title.clone(),
        version: p.plan_version,
        method,
        inputs,
        c,
    }
    .into_response())
}

async fn save_adapt(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::EditPlan, p.state)?;
    let mut plan = state.store.plan(p.id, p.plan_version).await?.plan;
    let m = plan
        .method
        .clone()
        .ok_or(AppError::Conflict("error-no-method"))?;
    let stage_count = m.phases.iter().map(|ph| ph.stages.len()).sum::<usize>();
    let inputs: Vec<StageInput> = (0..stage_count)
        .map(|i| StageInput {
            duration_min: form.string(&format!("duration_{i}")),
            prompts: form.string(&format!("prompts_{i}")),
        })
        .collect();
    match adapt_method(&m, &inputs, c.lang) {
        Ok(adapted) => {
            plan.method = Some(adapted);
            save(&state, &p, &form, &plan, c.user()?).await?;
            Ok(redirect(&format!("/processes/{}", p.id)))
        }
        Err(errors) => {
            let lang = c.lang;
            let inputs = inputs
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let err = errors.iter().find(|(j, _)| *j == i).map(|(_, e)| {
                        e.0.iter()
                            .map(|(field, fe)| {
                                format!(
                                    "{}: {}",
                                    i18n::t(lang, &format!("adapt-{field}")),
                                    crate::fields::message(lang, fe)
                                )
                            })
                            .collect::<Vec<_>>()
                            .join(" ")
                    });
                    (s.duration_min.clone(), s.prompts.clone(), err)
                })
                .collect();
            let method = method_view(&state, lang, &m);
            Ok(unprocessable(AdaptView {
                id: p.id,
                title: p.title.clone(),
                version: p.plan_version,
                method,
                inputs,
                c,
            }))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Versions

#[derive(Debug)]
pub struct VersionRow {
    pub version: u32,
    pub author: String,
    pub at: String,
    pub current: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "plan_versions.html")]
struct VersionsView {
    c: Ctx,
    id: ProcessId,
    title: String,
    versions: Vec<VersionRow>,
}

async fn versions(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (p, _) = load(&state, &c, &id).await?;
    let all = state.store.plan_versions(p.id).await?;
    let ids: Vec<UserId> = all.iter().map(|v| v.author).collect();
    let who = names(&state, ids).await?;
    let versions = all
        .iter()
        .map(|v| VersionRow {
            version: v.version,
            author: who.get(&v.author).cloned().unwrap_or_default(),
            at: when(v.created_at),
            current: v.version == p.plan_version,
        })
        .collect();
    Ok(VersionsView {
        c,
        id: p.id,
        title: p.title,
        versions,
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "plan_version.html")]
struct VersionView {
    c: Ctx,
    id: ProcessId,
    title: String,
    author: String,
    at: String,
    plan: PlanView,
}

async fn version_page(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, v)): Path<(String, String)>,
) -> AppResult<Response> {
    let (p, _) = load(&state, &c, &id).await?;
    let v: u32 = v.parse().map_err(|_| AppError::NotFound)?;
    let pv = state.store.plan(p.id, v).await?;
    let author = state.store.user(pv.author).await?.name;
    let plan = plan_view(&state, c.lang, pv.version, &pv.plan);
    Ok(VersionView {
        id: p.id,
        title: p.title,
        author,
        at: when(pv.created_at),
        plan,
        c,
    }
    .into_response())
}

// ---------------------------------------------------------------------------------------------
// Calendar

async fn calendar(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, sid)): Path<(String, String)>,
) -> AppResult<Response> {
    let (p, _) = load(&state, &c, &id).await?;
    let sid: u32 = sid.parse().map_err(|_| AppError::NotFound)?;
    let plan = state.store.plan(p.id, p.plan_version).await?.plan;
    let s = plan.session(sid).ok_or(AppError::NotFound)?;
    let method = plan.method.as_ref().map(|m| m.name_in(c.lang).to_owned());
    let description = [Some(p.title.clone()), method]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n");
    let body = crate::ics::event(&crate::ics::Event {
        uid: format!("{}-{}@vuoro", p.id, s.id),
        sequence: p.plan_version,
        stamp: OffsetDateTime::now_utc(),
        date: s.date,
        start: s.start,
        end: s.end,
        summary: format!("{}: {}", p.title, s.title),
        location: s.place.clone().or_else(|| s.online_link.clone()),
        url: s.online_link.clone(),
        description,
    });
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"vuoro-{}-{}.ics\"", p.id, s.id),
            ),
        ],
        body,
    )
        .into_response())
}

/// One phase's feedback on the process page.
#[derive(Debug)]
pub struct PhaseFeedback {
    pub phase: u32,
    /// The answers counted in `rows`.
    pub responses: usize,
    /// (statement, average, how many answered)
    pub rows: Vec<(String, String, u32)>,
    /// Answers of the phase's sessions that had fewer than `feedback::MIN_RESPONSES`, left out.
    pub withheld: usize,
}

/// Averages of the scale questions per phase, over the phase's sessions whose feedback is final
/// (form or session closed: answers still coming would steer the picture, and a sum that grows
/// one answer at a time tells each answer). A session counts only if it has at least
/// `feedback::MIN_RESPONSES` answers by itself, as on its own results page: adding a small
/// session to a shown one would let anyone subtract the two sums and read the few answers.
pub(crate) async fn phase_feedback(
    state: &AppState,
    p: &Process,
    plan: &Plan,
    lang: Lang,
) -> AppResult<Vec<PhaseFeedback>> {
    use vuoro_core::feedback::{Answer, MIN_RESPONSES, Summary, summarise};
    let plang = i18n::as_participant(lang);
    let questions = plan.feedback_questions();
    // phase → (answers counted, answers withheld)
    let mut by_phase: std::collections::BTreeMap<u32, (Vec<Vec<Answer>>, usize)> =
        std::collections::BTreeMap::new();
    // Every session's answers in one query, not two queries per session.
    for f in state.store.process_feedback(p.id).await? {
        if !crate::live::answering_ended(f.open, f.state) {
            continue;
        }
        let answers = f.responses;
        let entry = by_phase.entry(f.phase).or_default();
        if answers.len() >= MIN_RESPONSES {
            entry.0.extend(answers);
        } else {
            entry.1 += answers.len();
        }
    }
    Ok(by_phase
        .into_iter()
        .map(|(phase, (responses, withheld))| PhaseFeedback {
            phase,
            rows: summarise(&questions, &responses)
                .into_iter()
                .zip(&questions)
                .filter_map(|(s, q)| match s {
                    Summary::Scale {
                        answered,
                        average: Some(a),
                        ..
                    } => Some((
                        crate::live::question_text(q, plang),
                        i18n::decimal1(lang, a),
                        answered,
                    )),
                    _ => None,
                })
                .collect(),
            responses: responses.len(),
            withheld,
        })
        .collect())
}
