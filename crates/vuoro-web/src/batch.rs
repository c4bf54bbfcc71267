//! The joint assignment of the queue (part 9): every order waiting for a facilitator is given
//! one at once by `vuoro_core::assignment::joint` (Kuhn–Munkres), which never takes anyone over
//! their capacity, into a clash or their own unit, counting what the batch itself gives them,
//! and is never worse than assigning one order after another. The coordinator sees the pairs,
//! unticks any they do not want and offers the rest with one button; each pair is then the
//! ordinary assignment (an offer the facilitator answers, with its mail).
//!
//! The pairs are computed again when the form comes back, and only a pair the fresh joint
//! assignment still makes is offered, each only while its order still waits
//! (`OfferStore::offer_waiting`): a subset of one feasible assignment is feasible, so nothing
//! the queue or the network changed meanwhile can take anyone over capacity.

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::form::FormData;
use crate::routes::Routes;
use crate::util::redirect;
use crate::{AppState, i18n};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use fluent_templates::fluent_bundle::FluentValue;
use std::collections::{BTreeSet, HashMap, HashSet};
use time::OffsetDateTime;
use vuoro_core::assignment::{greedy, joint};
use vuoro_core::offer::OfferStatus;
use vuoro_core::permission::Action;
use vuoro_core::{OrgId, ProcessId, UserId};
use vuoro_store::Process;

pub fn router() -> Routes {
    Routes::new().route("/orgs/{org}/processes/batch", get(page).post(offer))
}

#[derive(Debug)]
pub struct PairRow {
    pub process: ProcessId,
    pub title: String,
    /// Who the joint assignment gives it to, by name (a partner's with their organisation, as
    /// the assign list names them); `None`: nobody is free for it.
    pub facilitator: Option<String>,
    /// The pair as the form sends it back: `process:facilitator`.
    pub value: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "batch.html")]
struct BatchPage {
    c: Ctx,
    org_id: OrgId,
    org_name: String,
    rows: Vec<PairRow>,
    /// How many orders the joint assignment gives a facilitator, of how many, and how many one
    /// order after another would.
    summary: String,
}

/// The coordinator's organisation, or 403/404.
fn org_of(c: &Ctx, org: &str) -> AppResult<OrgId> {
    let user = c.user()?;
    let org = OrgId::parse(org).map_err(|_| AppError::NotFound)?;
    if !user.can(org, Action::AssignFacilitator) {
        return Err(AppError::Forbidden);
    }
    Ok(org)
}

/// The queue, its joint assignment, how many one order after another would place, and who
/// volunteered for each order.
struct Pairs {
    queue: Vec<Process>,
    joint: Vec<Option<UserId>>,
    one_by_one: usize,
    volunteers: Vec<BTreeSet<UserId>>,
    /// The partner organisation of each partner's facilitator, by name.
    partner_of: HashMap<UserId, String>,
}

async fn pairs(state: &AppState, org: OrgId) -> AppResult<Pairs> {
    let (queue, r) = crate::proposals::rank_queue(state, org).await?;
    let needs = r.needs();
    // A person's first candidate is the one ranked (someone in both organisations is the
    // order's own).
    let mut partner_of = HashMap::new();
    let mut seen = HashSet::new();
    for c in &r.candidates {
        if seen.insert(c.id)
            && let Some(name) = r.partners.get(&c.org)
        {
            partner_of.insert(c.id, name.clone());
        }
    }
    Ok(Pairs {
        partner_of,
        joint: joint(&needs, &r.candidates),
        one_by_one: greedy(&needs, &r.candidates).iter().flatten().count(),
        volunteers: needs.into_iter().map(|n| n.volunteers).collect(),
        queue,
    })
}

fn pair_value(p: ProcessId, u: UserId) -> String {
    format!("{p}:{u}")
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
) -> AppResult<Response> {
    let org = org_of(&c, &org)?;
    let org_name = state.store.org(org).await?.name;
    let Pairs {
        queue,
        joint: j,
        one_by_one,
        partner_of,
        ..
    } = pairs(&state, org).await?;
    let ids: Vec<UserId> = j.iter().flatten().copied().collect();
    let users = state.store.users(&ids).await?;
    let rows = queue
        .into_iter()
        .zip(&j)
        .map(|(p, who)| PairRow {
            process: p.id,
            facilitator: who.and_then(|u| {
                users.get(&u).map(|x| match partner_of.get(&u) {
                    Some(org) => format!("{} ({org})", x.name),
                    None => x.name.clone(),
                })
            }),
            value: who.map(|u| pair_value(p.id, u)).unwrap_or_default(),
            title: p.title,
        })
        .collect();
    let count = |n: usize| FluentValue::from(i64::try_from(n).unwrap_or(i64::MAX));
    let summary = i18n::t_args(
        c.lang,
        "batch-summary",
        &[
            ("joint", count(j.iter().flatten().count())),
            ("total", count(j.len())),
            ("greedy", count(one_by_one)),
        ],
    );
    Ok(BatchPage {
        c,
        org_id: org,
        org_name,
        rows,
        summary,
    }
    .into_response())
}

/// Offers the ticked pairs that the joint assignment, computed afresh, still makes; back to the
/// queue, which says how many were offered and how many no longer fitted.
async fn offer(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let org = org_of(&c, &org)?;
    let user = c.user()?;
    let chosen: HashSet<String> = form.all("pair").into_iter().collect();
    let pairs = pairs(&state, org).await?;
    let now = OffsetDateTime::now_utc();
    let mut offered = 0;
    let mut queued = false;
    for ((p, who), volunteers) in pairs.queue.iter().zip(&pairs.joint).zip(&pairs.volunteers) {
        let Some(fac) = *who else { continue };
        if !chosen.contains(&pair_value(p.id, fac)) {
            continue;
        }
        let status = OfferStatus::on_assign(fac, user.id, volunteers.contains(&fac));
        let outbox = if status == OfferStatus::Awaiting {
            crate::processes::assignment_mail(&state, p, fac, user).await?
        } else {
            Vec::new()
        };
        // Only while it still waits: an assignment or a decline made meanwhile stands, and
        // the pair counts as no longer fitting.
        match state
            .store
            .offer_waiting(p.id, fac, user.id, status, now, &outbox)
            .await
        {
            Ok(()) => {
                queued |= !outbox.is_empty();
                offered += 1;
            }
            Err(vuoro_store::StoreError::Conflict(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    if queued {
        state.mail_queued();
    }
    let stale = chosen.len().saturating_sub(offered);
    Ok(redirect(&format!(
        "/orgs/{org}/processes?queue=1&offered={offered}&stale={stale}"
    )))
}
