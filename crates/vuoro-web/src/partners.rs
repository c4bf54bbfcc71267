//! Partner agreements between organisations (part 9, see `vuoro_core::partner`): an admin of
//! one organisation proposes sharing facilitators with another, an admin of the other accepts,
//! and an admin of either ends it (ending a proposal withdraws or turns it down), after a
//! confirmation. The page is the organisation's admins' (`Action::ManageOrganisation`).
//!
//! Here too are the helpers the rest of the server asks about partners: whether someone leads
//! a process of an organisation as a partner's facilitator ([`facilitates`]), and which
//! organisations' processes a set of facilitator organisations may lead ([`borrowing_orgs`]).

use crate::admin::manageable;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::fields::{Field, Kind, opts};
use crate::form::FormData;
use crate::processes::format_date;
use crate::routes::Routes;
use crate::util::{redirect, unprocessable};
use crate::{AppState, i18n};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::collections::HashMap;
use time::OffsetDateTime;
use vuoro_core::partner::{self, Partnership, Scope, Status};
use vuoro_core::{FieldError, FieldErrors, Lang, OrgId, PartnershipId, Role, UserId};
use vuoro_store::partners::PARTNERSHIP_EXISTS;
use vuoro_store::{NewPartnership, Process, Store, StoreError};

pub fn router() -> Routes {
    Routes::new()
        .route("/orgs/{org}/partners", get(page).post(propose))
        .route("/orgs/{org}/partners/{id}", post(answer))
}

/// The organisations whose processes a facilitator of `orgs` may lead as a partner's: the
/// other sides of every agreement of theirs ever accepted.
pub async fn borrowing_orgs(store: &dyn Store, orgs: &[OrgId]) -> Result<Vec<OrgId>, StoreError> {
    if orgs.is_empty() {
        return Ok(Vec::new());
    }
    Ok(partner::borrowers(&store.partnerships(orgs).await?, orgs))
}

/// Whether `user` may lead processes of `org` as their facilitator: they hold the facilitator
/// role there, or, holding no role there, in a partner organisation that lent them (see
/// `ProcessActor::partner_facilitator`).
pub async fn facilitates(store: &dyn Store, org: OrgId, user: UserId) -> Result<bool, StoreError> {
    let roles = store.roles(org, user).await?;
    if !roles.is_empty() {
        return Ok(roles.has(Role::Facilitator));
    }
    let theirs: Vec<OrgId> = store
        .memberships(user)
        .await?
        .into_iter()
        .filter(|(_, r)| r.has(Role::Facilitator))
        .map(|(o, _)| o.id)
        .collect();
    Ok(borrowing_orgs(store, &theirs).await?.contains(&org))
}

/// The facilitators who may be assigned to `p`: those of its organisation, then those of the
/// partners whose agreements in force share them for its order (`partner::lenders`), a
/// partner's named with their organisation: (id, name for the list). Its facilitator now
/// stays in the list, so the assign form shows them chosen (and sending it unchanged keeps
/// them) after the agreement that lent them ended.
pub async fn assignable(state: &AppState, p: &Process) -> AppResult<Vec<(UserId, String)>> {
    let facilitators = |members: Vec<vuoro_store::Member>| {
        members
            .into_iter()
            .filter(|m| m.roles.has(Role::Facilitator))
            .map(|m| m.user)
            .collect::<Vec<_>>()
    };
    let mut out: Vec<(UserId, String)> = facilitators(state.store.members(p.org).await?)
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let agreements = state.store.partnerships(&[p.org]).await?;
    for lender in partner::lenders(&agreements, p.org, p.order.needs_outsider) {
        let org = state.store.org(lender).await?.name;
        for u in facilitators(state.store.members(lender).await?) {
            if !out.iter().any(|(id, _)| *id == u.id) {
                out.push((u.id, format!("{} ({org})", u.name)));
            }
        }
    }
    if let Some(f) = p.facilitator.filter(|f| !out.iter().any(|(id, _)| id == f)) {
        let name = state.store.users(&[f]).await?.remove(&f).map(|u| u.name);
        out.push((f, name.unwrap_or_default()));
    }
    Ok(out)
}

struct Line {
    id: PartnershipId,
    /// "Vantaan kaupunki · only orders that need an outsider · in force since 3.2.2027"
    text: String,
    /// The other side's name, for the buttons' accessible names.
    other: String,
    /// The words of the end button: end, withdraw or turn down.
    end_label: String,
    /// The question asked before it.
    end_question: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "partners.html")]
struct PartnersPage {
    c: Ctx,
    org_id: OrgId,
    org_name: String,
    active: Vec<Line>,
    incoming: Vec<Line>,
    outgoing: Vec<Line>,
    ended: Vec<Line>,
    fields: Vec<Field>,
    has_errors: bool,
    /// Why a proposal was refused beyond its fields (an agreement exists already).
    refused: Option<String>,
    /// The agreement an end was asked for, awaiting its confirmation.
    confirm: Option<Line>,
}

fn scope_text(lang: Lang, s: Scope) -> String {
    i18n::t(lang, &format!("partners-scope-{}", s.code()))
}

fn date(t: OffsetDateTime) -> String {
    format_date(t.to_offset(vuoro_core::notices::helsinki_offset(t)).date())
}

fn line(lang: Lang, org: OrgId, p: &Partnership, names: &HashMap<OrgId, String>) -> Line {
    let other = p
        .other(org)
        .and_then(|o| names.get(&o).cloned())
        .unwrap_or_default();
    let (key, when) = match p.status() {
        Status::Proposed => ("partners-since-proposed", p.proposed_at),
        Status::Active => (
            "partners-since-active",
            p.accepted_at.unwrap_or(p.proposed_at),
        ),
        Status::Ended => ("partners-since-ended", p.ended_at.unwrap_or(p.proposed_at)),
    };
    let text = format!(
        "{} · {} · {}",
        other,
        scope_text(lang, p.scope),
        i18n::t_args(lang, key, &[("date", i18n::s(date(when)))])
    );
    let end = match p.status() {
        Status::Proposed if p.proposer == org => "partners-withdraw",
        Status::Proposed => "partners-decline",
        _ => "partners-end",
    };
    let with_org = |key: &str| i18n::t_args(lang, key, &[("org", i18n::s(other.clone()))]);
    Line {
        id: p.id,
        text,
        end_label: with_org(end),
        end_question: with_org(&format!("{end}-confirm")),
        other,
    }
}

/// The proposal form: the other organisation (those without an agreement proposed or in force
/// with this one) and the scope.
fn fields(
    lang: Lang,
    choices: &[(OrgId, String)],
    typed: (&str, &str),
    e: &FieldErrors,
) -> Vec<Field> {
    vec![
        Field::new(
            "partner",
            i18n::t(lang, "partners-org"),
            Kind::Select(opts(
                std::iter::once((String::new(), i18n::t(lang, "partners-org-choose"))).chain(
                    choices
                        .iter()
                        .map(|(id, name)| (id.to_string(), name.clone())),
                ),
                &[typed.0.to_owned()],
            )),
        )
        .required()
        .errors(lang, e),
        Field::new(
            "scope",
            i18n::t(lang, "partners-scope"),
            Kind::Radios(opts(
                Scope::ALL
                    .iter()
                    .map(|s| (s.code().to_owned(), scope_text(lang, *s))),
                &[typed.1.to_owned()],
            )),
        )
        .hint(i18n::t(lang, "partners-scope-hint"))
        .required()
        .errors(lang, e),
    ]
}

async fn view(
    state: &AppState,
    c: Ctx,
    org: OrgId,
    typed: (&str, &str),
    e: &FieldErrors,
    refused: Option<String>,
    confirm: Option<PartnershipId>,
) -> AppResult<PartnersPage> {
    let lang = c.lang;
    let all = state.store.partnerships(&[org]).await?;
    let orgs = state.store.orgs().await?;
    let names: HashMap<OrgId, String> = orgs.iter().map(|o| (o.id, o.name.clone())).collect();
    let open: Vec<OrgId> = all
        .iter()
        .filter(|p| p.status() != Status::Ended)
        .filter_map(|p| p.other(org))
        .collect();
    let choices: Vec<(OrgId, String)> = orgs
        .iter()
        .filter(|o| o.id != org && !open.contains(&o.id))
        .map(|o| (o.id, o.name.clone()))
        .collect();
    let (mut active, mut incoming, mut outgoing, mut ended) = (vec![], vec![], vec![], vec![]);
    for p in &all {
        let l = line(lang, org, p, &names);
        match p.status() {
            Status::Active => active.push(l),
            Status::Proposed if p.partner == org => incoming.push(l),
            Status::Proposed => outgoing.push(l),
            Status::Ended => ended.push(l),
        }
    }
    let confirm = confirm
        .and_then(|id| all.iter().find(|p| p.id == id && p.may_end(org)))
        .map(|p| line(lang, org, p, &names));
    Ok(PartnersPage {
        org_id: org,
        org_name: names.get(&org).cloned().unwrap_or_default(),
        active,
        incoming,
        outgoing,
        ended,
        fields: fields(lang, &choices, typed, e),
        has_errors: !e.is_empty() || refused.is_some(),
        refused,
        confirm,
        c,
    })
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
) -> AppResult<Response> {
    let org = manageable(&c, &org)?;
    Ok(
        view(&state, c, org, ("", ""), &FieldErrors::new(), None, None)
            .await?
            .into_response(),
    )
}

async fn propose(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let org = manageable(&c, &org)?;
    let user = c.user()?.id;
    let (typed_partner, typed_scope) = (form.get("partner"), form.get("scope"));
    let mut e = FieldErrors::new();
    let partner = match typed_partner.trim() {
        "" => {
            e.add("partner", FieldError::Required);
            None
        }
        s => match OrgId::parse(s) {
            Ok(o) if o != org => Some(o),
            _ => {
                e.add("partner", FieldError::Invalid);
                None
            }
        },
    };
    let scope = match typed_scope {
        "" => {
            e.add("scope", FieldError::Required);
            None
        }
        s => Scope::parse(s).or_else(|| {
            e.add("scope", FieldError::Invalid);
            None
        }),
    };
    let mut refused = None;
    if let (Some(partner), Some(scope)) = (partner, scope) {
        let new = NewPartnership {
            proposer: org,
            partner,
            scope,
            by: user,
            at: OffsetDateTime::now_utc(),
        };
        match state.store.propose_partnership(&new).await {
            Ok(_) => return Ok(redirect(&format!("/orgs/{org}/partners#h-outgoing"))),
            Err(StoreError::Duplicate(PARTNERSHIP_EXISTS)) => {
                refused = Some(c.t("partners-error-exists"));
            }
            Err(StoreError::NotFound) => e.add("partner", FieldError::Invalid),
            Err(other) => return Err(other.into()),
        }
    }
    let again = view(
        &state,
        c,
        org,
        (typed_partner, typed_scope),
        &e,
        refused,
        None,
    )
    .await?;
    Ok(unprocessable(again))
}

/// Accepts a proposal made to this organisation, or ends an agreement (or withdraws or turns
/// down a proposal) once the admin confirmed it.
async fn answer(
    State(state): State<AppState>,
    c: Ctx,
    Path((org, id)): Path<(String, String)>,
    form: FormData,
) -> AppResult<Response> {
    let org = manageable(&c, &org)?;
    let user = c.user()?.id;
    let id = PartnershipId::parse(&id).map_err(|_| AppError::NotFound)?;
    let p = state.store.partnership(id).await?;
    if !p.involves(org) {
        return Err(AppError::NotFound);
    }
    let now = OffsetDateTime::now_utc();
    match form.get("do") {
        "accept" if p.may_accept(org) => state.store.accept_partnership(id, user, now).await?,
        "end" if p.may_end(org) => {
            if form.get("confirm") != "yes" {
                let blank = FieldErrors::new();
                let v = view(&state, c, org, ("", ""), &blank, None, Some(id)).await?;
                return Ok(v.into_response());
            }
            state.store.end_partnership(id, user, now).await?
        }
        "accept" | "end" => return Err(AppError::Conflict("partners-error-changed")),
        _ => return Err(AppError::BadRequest("error-malformed-form")),
    }
    Ok(redirect(&format!("/orgs/{org}/partners")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The end button's words and question are named at run time (`{end}-confirm`), so the
    /// test of message ids in the code cannot see them: each has its text in every language.
    #[test]
    fn every_end_has_its_words_and_question_in_every_language() {
        for lang in [Lang::Fi, Lang::Sv, Lang::En] {
            for end in ["partners-withdraw", "partners-decline", "partners-end"] {
                for key in [end.to_owned(), format!("{end}-confirm")] {
                    let text = i18n::t_args(lang, &key, &[("org", i18n::s("Kunta"))]);
                    assert!(text.contains("Kunta"), "{lang:?} {key}: {text}");
                }
            }
            for s in Scope::ALL {
                let key = format!("partners-scope-{}", s.code());
                assert_ne!(i18n::t(lang, &key), key, "{lang:?}");
            }
        }
    }
}
