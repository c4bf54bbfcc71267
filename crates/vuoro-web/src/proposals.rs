//! The proposals for an order (part 9, assignment): the facilitators of the organisation's
//! network ranked for one process by `vuoro_core::assignment::rank`, each with its reasons in
//! words, and who is not proposed and why. The page is for whoever may assign the process's
//! facilitator (`ProcessAction::AssignFacilitator`, coordinators); its buttons post to the
//! process's existing assign route, so assigning from here is the same one-click assignment.
//!
//! The ranking's inputs are built in `vuoro_core::proposals` from what the store already keeps:
//! the network's members (profiles, trainings, absences), and the planned sessions of the other
//! processes each facilitator leads (booked hours per month, busy time, the last year's load).

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::form::FormData;
use crate::processes::{format_date, load, require};
use crate::routes::Routes;
use crate::util::redirect;
use crate::{AppState, i18n};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::collections::{BTreeMap, HashMap};
use time::OffsetDateTime;
use vuoro_core::assignment::{Candidate, Need, Ranking, Reason, rank};
use vuoro_core::offer::OfferStatus;
use vuoro_core::partner;
use vuoro_core::permission::{Action, ProcessAction};
use vuoro_core::proposals::{self, Booking};
use vuoro_core::{Lang, OrgId, ProcessId, ProcessState, UserId};
use vuoro_store::{Offer, Process, ProcessFilter};

pub fn router() -> Routes {
    Routes::new()
        .route("/processes/{id}/proposals", get(page))
        .route("/processes/{id}/volunteer", post(volunteer))
}

/// A facilitator of the organisation volunteers for an order waiting in the queue, or takes it
/// back; then back to their own page's open orders. Someone without the facilitator role there
/// is refused as the process page would refuse them: 403 if they see the process, else 404.
async fn volunteer(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let user = c.user()?;
    let pid = ProcessId::parse(&id).map_err(|_| AppError::NotFound)?;
    let p = state.store.process(pid).await?;
    if !user.can(p.org, Action::Volunteer) {
        load(&state, &c, &id).await?;
        return Err(AppError::Forbidden);
    }
    match form.get("do") {
        "volunteer" => {
            // Who declined the order is never proposed for it again, so their volunteering
            // would only mislead the queue.
            let declined = state
                .store
                .offers(&[p.id])
                .await?
                .iter()
                .any(|o| o.facilitator == user.id && o.status == OfferStatus::Declined);
            if declined {
                return Err(AppError::Conflict("open-error-declined"));
            }
            state
                .store
                .volunteer(p.id, user.id, OffsetDateTime::now_utc())
                .await?
        }
        "withdraw" => state.store.withdraw_volunteer(p.id, user.id).await?,
        _ => return Err(AppError::BadRequest("error-malformed-form")),
    }
    Ok(redirect("/facilitation#h-open"))
}

struct Row {
    id: UserId,
    name: String,
    reasons: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "proposals.html")]
struct ProposalsPage {
    c: Ctx,
    id: ProcessId,
    title: String,
    proposed: Vec<Row>,
    not_proposed: Vec<Row>,
    no_sessions: bool,
    /// "Offered to … on …, waiting for an answer."
    awaiting: Option<String>,
}

fn time_text(t: OffsetDateTime) -> String {
    let l = t.to_offset(vuoro_core::notices::helsinki_offset(t));
    format!(
        "{} {:02}:{:02}",
        format_date(l.date()),
        l.hour(),
        l.minute()
    )
}

/// A reason in words, in the user's language.
fn reason_text(
    state: &AppState,
    lang: Lang,
    r: &Reason,
    orgs: &HashMap<vuoro_core::OrgId, String>,
    declined_because: Option<&str>,
) -> String {
    let key = format!("assign-reason-{}", r.code());
    let args = match r {
        Reason::TrainedIn { method } | Reason::NotTrained { method } => vec![(
            "method",
            i18n::s(
                state
                    .methods
                    .get(method)
                    .map_or_else(|| method.clone(), |m| m.name_in(lang).to_owned()),
            ),
        )],
        Reason::MissingLanguages { languages } => vec![(
            "languages",
            i18n::s(
                languages
                    .iter()
                    .map(|l| i18n::t(lang, &format!("plang-{}", l.code())))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        )],
        Reason::FromPartner { org } => {
            vec![("org", i18n::s(orgs.get(org).cloned().unwrap_or_default()))]
        }
        Reason::CapacityLeft { minutes } | Reason::LoadLastYear { minutes } => {
            vec![("hours", i18n::f(f64::from(*minutes) / 60.0))]
        }
        Reason::KindNotTaken { kinds } => vec![(
            "kinds",
            i18n::s(
                kinds
                    .iter()
                    .map(|k| i18n::t(lang, &format!("kind-{}", k.code())))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        )],
        Reason::OverCapacity {
            month,
            over_minutes,
        } => vec![
            ("month", i18n::s(format!("{}/{}", month.month, month.year))),
            ("hours", i18n::f(f64::from(*over_minutes) / 60.0)),
        ],
        Reason::Clash { at } | Reason::Absent { at } => vec![("at", i18n::s(time_text(*at)))],
        Reason::Declined => vec![("reason", i18n::s(declined_because.unwrap_or_default()))],
        Reason::SpeaksAll
        | Reason::Volunteered
        | Reason::OwnUnit
        | Reason::OwnCommunity
        | Reason::OwnOrganisation
        | Reason::NoOutsiderOrders
        | Reason::NotShared => vec![],
    };
    i18n::t_args(lang, &key, &args)
}

/// The rankings of some orders of one organisation, with what they were made from.
#[derive(Debug)]
pub struct Rankings {
    /// The network's members, the organisation's own first, then those of the partners whose
    /// agreements share them for some order.
    pub members: Vec<vuoro_core::network::NetworkMember>,
    /// The names of those partners.
    pub partners: HashMap<OrgId, String>,
    /// Each order's need (with who declined and who volunteered) and its ranking, in the
    /// order of the orders given.
    pub ranked: Vec<(Need, Ranking)>,
    /// The orders' offers, oldest first (who declined and why, who was asked).
    pub offers: Vec<Offer>,
    /// The network's candidates (the partners' too) beside the processes already led: what a
    /// joint assignment of the orders reads with their needs, whose `partners` say whose
    /// facilitators each order may get.
    pub candidates: Vec<Candidate>,
}

impl Rankings {
    pub fn needs(&self) -> Vec<Need> {
        self.ranked.iter().map(|(n, _)| n.clone()).collect()
    }
}

/// What books facilitators: every session of the processes of `org` (of any organisation
/// without one) that have a facilitator (not cancelled), each counting the hours recorded after
/// it or else its planned length; only `facilitator`'s with one given. Three queries however
/// many processes.
pub async fn bookings(
    state: &AppState,
    org: Option<OrgId>,
    facilitator: Option<UserId>,
) -> AppResult<Vec<Booking>> {
    let tz = vuoro_core::notices::helsinki().map_err(|_| AppError::NotFound)?;
    let led: Vec<(ProcessId, UserId)> = state
        .store
        .processes(&ProcessFilter {
            org,
            facilitator,
            ..Default::default()
        })
        .await?
        .into_iter()
        .filter(|q| q.state != ProcessState::Cancelled)
        .filter_map(|q| q.facilitator.map(|f| (q.id, f)))
        .collect();
    let ids: Vec<ProcessId> = led.iter().map(|(q, _)| *q).collect();
    let plans = state.store.current_plans(&ids).await?;
    let mut used: HashMap<ProcessId, BTreeMap<u32, u32>> = HashMap::new();
    for h in state.store.recorded_hours(&ids).await? {
        used.entry(h.process)
            .or_default()
            .insert(h.session, h.minutes);
    }
    let none = BTreeMap::new();
    Ok(led
        .iter()
        .filter_map(|(q, f)| {
            plans.get(q).map(|v| Booking {
                process: *q,
                facilitator: *f,
                sessions: proposals::booked_sessions(
                    &tz,
                    &v.plan.sessions,
                    used.get(q).unwrap_or(&none),
                ),
            })
        })
        .collect())
}

/// Ranks the network's facilitators for each of `orders` (all of `org`), reading the network,
/// the bookings of the processes its facilitators lead, and the orders' plans, offers and
/// volunteers once, whatever the number of orders: the proposals page ranks one, the queue, a
/// facilitator's open orders and the joint assignment every waiting one.
///
/// The facilitators of every partner whose agreement is in force are candidates too, with the
/// bookings of their own organisation's processes; each order's `partners` say whose of them
/// the agreements share for it (`partner::lenders`: an agreement for outsiders only shares
/// them for an order that needs one).
pub async fn rank_orders(state: &AppState, org: OrgId, orders: &[&Process]) -> AppResult<Rankings> {
    if orders.is_empty() {
        // Nothing to rank: the network is not read (an empty queue on every own page).
        return Ok(Rankings {
            members: Vec::new(),
            partners: HashMap::new(),
            ranked: Vec::new(),
            offers: Vec::new(),
            candidates: Vec::new(),
        });
    }
    let now = OffsetDateTime::now_utc();
    let tz = vuoro_core::notices::helsinki().map_err(|_| AppError::NotFound)?;
    let today = crate::practices::today();
    let agreements = state.store.partnerships(&[org]).await?;
    // Every agreement in force covers an order that needs an outsider.
    let lenders = partner::lenders(&agreements, org, true);
    let mut members = state.store.network_members(org, today).await?;
    let mut sides = vec![(org, members.len())];
    let mut partners = HashMap::new();
    for &lender in &lenders {
        let theirs = state.store.network_members(lender, today).await?;
        sides.push((lender, theirs.len()));
        members.extend(theirs);
        partners.insert(lender, state.store.org(lender).await?.name);
    }
    // What books them: the processes of these organisations, and of every organisation that
    // borrowed from one of them under an agreement ever accepted (a dialogue given before an
    // agreement ended still books its facilitator).
    let mut booked_in: Vec<OrgId> = sides.iter().map(|(o, _)| *o).collect();
    let borrowing = crate::partners::borrowing_orgs(state.store.as_ref(), &booked_in).await?;
    booked_in.extend(borrowing);
    let mut bookings = Vec::new();
    for o in booked_in {
        bookings.extend(self::bookings(state, Some(o), None).await?);
    }
    // Each side's members as candidates of their own organisation, the order's own first (a
    // person in both counts as its own).
    let candidates_of = |skip: Option<ProcessId>| {
        let mut out = Vec::with_capacity(members.len());
        let mut rest = members.as_slice();
        for &(side, n) in &sides {
            let (these, after) = rest.split_at(n);
            out.extend(proposals::candidates(side, these, &bookings, skip, now));
            rest = after;
        }
        out
    };
    let targets: Vec<ProcessId> = orders.iter().map(|p| p.id).collect();
    let plans = state.store.current_plans(&targets).await?;
    let offers = state.store.offers(&targets).await?;
    let volunteers = state.store.volunteers(&targets).await?;
    // An order with no facilitator books nobody, so leaving it out changes nothing: one set
    // of candidates serves every such order (the whole queue); only an order that has its
    // facilitator needs its own, without its own sessions.
    let candidates = candidates_of(None);
    let mut ranked = Vec::with_capacity(orders.len());
    for p in orders {
        let sessions = plans
            .get(&p.id)
            .map(|v| proposals::session_spans(&tz, &v.plan.sessions))
            .unwrap_or_default();
        let mut need = proposals::need(
            p.org,
            &p.order,
            proposals::method_of(&p.order, p.method_id.as_deref()),
            sessions,
        );
        need.declined = offers
            .iter()
            .filter(|o| o.process == p.id && o.status == OfferStatus::Declined)
            .map(|o| o.facilitator)
            .collect();
        need.volunteers = volunteers
            .iter()
            .filter(|(q, _)| *q == p.id)
            .map(|(_, u)| *u)
            .collect();
        need.partners = partner::lenders(&agreements, org, need.needs_outsider)
            .into_iter()
            .collect();
        let ranking = if p.facilitator.is_some() {
            rank(&need, &candidates_of(Some(p.id)))
        } else {
            rank(&need, &candidates)
        };
        ranked.push((need, ranking));
    }
    Ok(Rankings {
        members,
        partners,
        ranked,
        offers,
        candidates,
    })
}

/// The orders waiting in `org`'s queue, ranked.
pub async fn rank_queue(state: &AppState, org: OrgId) -> AppResult<(Vec<Process>, Rankings)> {
    let queue = state
        .store
        .processes(&ProcessFilter {
            org: Some(org),
            unassigned: true,
            ..ProcessFilter::default()
        })
        .await?;
    let refs: Vec<&Process> = queue.iter().collect();
    let r = rank_orders(state, org, &refs).await?;
    Ok((queue, r))
}

/// For each order of the queue, one line: the next proposal (or that nobody can be proposed),
/// and how many declined it or volunteered for it.
pub async fn queue_lines(
    state: &AppState,
    c: &Ctx,
    org: OrgId,
    orders: &[&Process],
) -> AppResult<HashMap<ProcessId, String>> {
    let r = rank_orders(state, org, orders).await?;
    let tops: Vec<UserId> = r
        .ranked
        .iter()
        .filter_map(|(_, k)| k.proposed.first().map(|x| x.candidate))
        .collect();
    let users = state.store.users(&tops).await?;
    let mut out = HashMap::new();
    for (p, (need, ranking)) in orders.iter().zip(&r.ranked) {
        let mut parts = vec![match ranking
            .proposed
            .first()
            .and_then(|x| users.get(&x.candidate))
        {
            Some(u) => c.t1("queue-next", "name", &u.name),
            None => c.t("queue-next-none"),
        }];
        if !need.declined.is_empty() {
            parts.push(c.tn("queue-declined", "count", need.declined.len() as i64));
        }
        if !need.volunteers.is_empty() {
            parts.push(c.tn("queue-volunteers", "count", need.volunteers.len() as i64));
        }
        out.insert(p.id, parts.join(" · "));
    }
    Ok(out)
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::AssignFacilitator, p.state)?;
    let Rankings {
        members,
        partners: orgs,
        ranked,
        offers,
        ..
    } = rank_orders(&state, p.org, &[&p]).await?;
    let (need, ranking) = ranked.into_iter().next().ok_or(AppError::NotFound)?;
    let user_ids: Vec<UserId> = members
        .iter()
        .map(|m| m.user)
        .chain(p.facilitator)
        .collect();
    let users = state.store.users(&user_ids).await?;
    let name = |u: &UserId| users.get(u).map(|x| x.name.clone()).unwrap_or_default();
    let lang = c.lang;
    // The latest reason of each who declined, for the coordinator's eyes only.
    let declined: HashMap<UserId, String> = offers
        .iter()
        .filter(|o| o.status == OfferStatus::Declined)
        .map(|o| (o.facilitator, o.reason.clone().unwrap_or_default()))
        .collect();
    let words = |who: &UserId, rs: &[Reason]| {
        rs.iter()
            .map(|x| {
                reason_text(
                    &state,
                    lang,
                    x,
                    &orgs,
                    declined.get(who).map(String::as_str),
                )
            })
            .collect::<Vec<_>>()
    };
    let proposed = ranking
        .proposed
        .iter()
        .map(|x| Row {
            id: x.candidate,
            name: name(&x.candidate),
            reasons: words(&x.candidate, &x.reasons),
        })
        .collect();
    // A partner's facilitator whom no agreement shares for this order is not this order's
    // business: not listed.
    let not_proposed = ranking
        .not_proposed
        .iter()
        .filter(|x| !x.reasons.contains(&Reason::NotShared))
        .map(|x| Row {
            id: x.candidate,
            name: name(&x.candidate),
            reasons: words(&x.candidate, &x.reasons),
        })
        .collect();
    // The order offered and not answered yet: the page says to whom and since when.
    let awaiting = p
        .awaiting_answer
        .then(|| {
            Offer::awaiting(&offers).map(|o| {
                i18n::t_args(
                    lang,
                    "proposals-awaiting",
                    &[
                        ("name", i18n::s(name(&o.facilitator))),
                        (
                            "when",
                            i18n::s(crate::processes::helsinki_time(o.offered_at)),
                        ),
                    ],
                )
            })
        })
        .flatten();
    Ok(ProposalsPage {
        id: p.id,
        title: p.title,
        proposed,
        not_proposed,
        no_sessions: need.sessions.is_empty(),
        awaiting,
        c,
    }
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use vuoro_core::assignment::YearMonth;

    /// Reason messages are named from the code at run time, so the test of message ids in the
    /// code cannot see them: every reason has its text in every language here.
    #[test]
    fn every_reason_has_words_in_every_language() {
        let at = OffsetDateTime::UNIX_EPOCH;
        let reasons = [
            Reason::TrainedIn { method: "m".into() },
            Reason::NotTrained { method: "m".into() },
            Reason::SpeaksAll,
            Reason::MissingLanguages { languages: vec![] },
            Reason::FromPartner {
                org: vuoro_core::OrgId::new(),
            },
            Reason::CapacityLeft { minutes: 90 },
            Reason::LoadLastYear { minutes: 0 },
            Reason::Volunteered,
            Reason::Declined,
            Reason::OwnUnit,
            Reason::OwnCommunity,
            Reason::OwnOrganisation,
            Reason::NoOutsiderOrders,
            Reason::NotShared,
            Reason::KindNotTaken { kinds: vec![] },
            Reason::OverCapacity {
                month: YearMonth {
                    year: 2030,
                    month: 1,
                },
                over_minutes: 30,
            },
            Reason::Clash { at },
            Reason::Absent { at },
        ];
        for lang in [Lang::Fi, Lang::Sv, Lang::En] {
            for r in &reasons {
                let key = format!("assign-reason-{}", r.code());
                let text = i18n::t(lang, &key);
                assert!(!text.is_empty() && text != key, "{lang:?} {key}");
            }
        }
        assert_eq!(
            i18n::t_args(
                Lang::Fi,
                "assign-reason-capacity-left",
                &[("hours", i18n::f(1.5))]
            ),
            "Kuukauden kapasiteettia jää 1,5 h"
        );
    }
}
