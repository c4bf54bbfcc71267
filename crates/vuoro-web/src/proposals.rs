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
use crate::processes::{format_date, load, require};
use crate::routes::Routes;
use crate::{AppState, i18n};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::collections::HashMap;
use time::OffsetDateTime;
use vuoro_core::assignment::{Reason, rank};
use vuoro_core::permission::ProcessAction;
use vuoro_core::proposals::{self, Booking};
use vuoro_core::{Lang, ProcessId, ProcessState, UserId};
use vuoro_store::ProcessFilter;

pub fn router() -> Routes {
    Routes::new().route("/processes/{id}/proposals", get(page))
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
        Reason::SpeaksAll
        | Reason::Volunteered
        | Reason::OwnUnit
        | Reason::OwnCommunity
        | Reason::OwnOrganisation => vec![],
    };
    i18n::t_args(lang, &key, &args)
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::AssignFacilitator, p.state)?;
    let now = OffsetDateTime::now_utc();
    let tz = vuoro_core::notices::helsinki().map_err(|_| AppError::NotFound)?;
    let members = state
        .store
        .network_members(p.org, crate::practices::today())
        .await?;
    // The organisation's other processes that have a facilitator book their months.
    let led: Vec<_> = state
        .store
        .processes(&ProcessFilter {
            org: Some(p.org),
            ..Default::default()
        })
        .await?
        .into_iter()
        .filter(|q| q.id != p.id && q.state != ProcessState::Cancelled)
        .filter_map(|q| q.facilitator.map(|f| (q.id, f)))
        .collect();
    let ids: Vec<ProcessId> = led.iter().map(|(q, _)| *q).chain([p.id]).collect();
    let plans = state.store.current_plans(&ids).await?;
    let bookings: Vec<Booking> = led
        .iter()
        .filter_map(|(q, f)| {
            plans.get(q).map(|v| Booking {
                process: *q,
                facilitator: *f,
                sessions: proposals::session_spans(&tz, &v.plan.sessions),
            })
        })
        .collect();
    let sessions = plans
        .get(&p.id)
        .map(|v| proposals::session_spans(&tz, &v.plan.sessions))
        .unwrap_or_default();
    let no_sessions = sessions.is_empty();
    let need = proposals::need(
        p.org,
        &p.order,
        proposals::method_of(&p.order, p.method_id.as_deref()),
        sessions,
    );
    let cands = proposals::candidates(p.org, &members, &bookings, Some(p.id), now);
    let ranking = rank(&need, &cands);
    let user_ids: Vec<UserId> = members.iter().map(|m| m.user).collect();
    let users = state.store.users(&user_ids).await?;
    let name = |u: &UserId| users.get(u).map(|x| x.name.clone()).unwrap_or_default();
    let orgs = HashMap::new();
    let lang = c.lang;
    let words = |rs: &[Reason]| {
        rs.iter()
            .map(|r| reason_text(&state, lang, r, &orgs))
            .collect::<Vec<_>>()
    };
    let proposed = ranking
        .proposed
        .iter()
        .map(|x| Row {
            id: x.candidate,
            name: name(&x.candidate),
            reasons: words(&x.reasons),
        })
        .collect();
    let not_proposed = ranking
        .not_proposed
        .iter()
        .map(|x| Row {
            id: x.candidate,
            name: name(&x.candidate),
            reasons: words(&x.reasons),
        })
        .collect();
    Ok(ProposalsPage {
        id: p.id,
        title: p.title,
        proposed,
        not_proposed,
        no_sessions,
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
            Reason::OwnUnit,
            Reason::OwnCommunity,
            Reason::OwnOrganisation,
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
