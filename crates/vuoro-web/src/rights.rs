//! A staff member's data and the audit log, for an organisation's admins (and site
//! administrators): everything held about a person as JSON, anonymising or deleting them, and
//! the log of administrative actions. Each export, anonymisation and deletion is an audit
//! entry. Participants never appear here: the export holds staff data only, and the log names
//! staff only.

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::exports::download;
use crate::form::FormData;
use crate::processes::helsinki_time;
use crate::routes::Routes;
use crate::util::redirect;
use crate::{AppState, i18n};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use vuoro_core::permission::Action;
use vuoro_core::{Lang, OrgId, Role, RoleSet, UserId};
use vuoro_store::rights::{BEYOND_ORGANISATION, STILL_FACILITATING};
use vuoro_store::{
    AuditAction, AuditDetail, NewAuditEntry, Organisation, Removal, StoreError, User,
};

pub fn router() -> Routes {
    Routes::new()
        .route("/orgs/{org}/members/{user}", get(person_page))
        .route("/orgs/{org}/members/{user}/export", get(export))
        .route("/orgs/{org}/members/{user}/remove", post(remove))
        .route("/orgs/{org}/audit", get(audit_page))
}

/// Entries the audit page shows at a time; the "more" link shows the next ones.
const AUDIT_PAGE: u32 = 50;
/// Role changes the audit page shows (the newest).
const ROLE_CHANGES_SHOWN: u32 = 50;

/// The organisation, if the user manages it (an admin there, or a site administrator).
fn managed(c: &Ctx, org: &str) -> AppResult<OrgId> {
    let user = c.user()?;
    let id = OrgId::parse(org).map_err(|_| AppError::NotFound)?;
    if user.can(id, Action::ManageOrganisation) {
        Ok(id)
    } else {
        Err(AppError::Forbidden)
    }
}

/// A member of the organisation and their roles there; `NotFound` for anyone else, so a page
/// tells nothing of people outside it.
async fn member(state: &AppState, org: OrgId, user: &str) -> AppResult<(User, RoleSet)> {
    let id = UserId::parse(user).map_err(|_| AppError::NotFound)?;
    let roles = state.store.roles(org, id).await?;
    if roles.is_empty() {
        // A former member's data is still the organisation's to export or remove.
        let former = state.store.former_members(org).await?;
        return match former.into_iter().find(|u| u.id == id) {
            Some(person) => Ok((person, roles)),
            None => Err(AppError::NotFound),
        };
    }
    Ok((state.store.user(id).await?, roles))
}

/// What the store acts on: an organisation's admin acts within it, a site administrator on
/// the whole account.
fn scope(c: &Ctx, org: OrgId) -> AppResult<Option<OrgId>> {
    Ok(if c.user()?.site_admin {
        None
    } else {
        Some(org)
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "person.html")]
struct PersonView {
    c: Ctx,
    org: Organisation,
    person: User,
    roles: String,
    /// The removal waiting for a second press, with its question.
    confirm: Option<(&'static str, String)>,
    /// Why the removal was refused.
    refused: Option<String>,
}

async fn person_view(
    state: &AppState,
    c: Ctx,
    org: OrgId,
    user: &str,
    confirm: Option<&'static str>,
    refused: Option<String>,
) -> AppResult<PersonView> {
    let (person, roles) = member(state, org, user).await?;
    let names: Vec<String> = Role::ALL
        .iter()
        .filter(|r| roles.has(**r))
        .map(|r| c.t(&format!("role-{}", r.code())))
        .collect();
    let confirm = confirm.map(|how| {
        (
            how,
            c.t1(&format!("person-{how}-confirm"), "name", &person.name),
        )
    });
    Ok(PersonView {
        org: state.store.org(org).await?,
        person,
        roles: if names.is_empty() {
            c.t("person-former-member")
        } else {
            names.join(", ")
        },
        confirm,
        refused,
        c,
    })
}

async fn person_page(
    State(state): State<AppState>,
    c: Ctx,
    Path((org, user)): Path<(String, String)>,
) -> AppResult<Response> {
    let org = managed(&c, &org)?;
    Ok(person_view(&state, c, org, &user, None, None)
        .await?
        .into_response())
}

/// The export: the store's record of the person's work, and beside it their mail settings and
/// the sign-on identities linked to their account.
#[derive(Serialize)]
struct StaffExport {
    #[serde(flatten)]
    record: vuoro_store::StaffRecord,
    mail: ExportMail,
    sign_on_identities: Vec<ExportIdentity>,
}

#[derive(Serialize)]
struct ExportMail {
    /// The language their mail is written in, when they chose one.
    language: Option<&'static str>,
    /// The kinds of mail they turned off.
    turned_off: Vec<&'static str>,
}

#[derive(Serialize)]
struct ExportIdentity {
    issuer: String,
    subject: String,
}

async fn export(
    State(state): State<AppState>,
    c: Ctx,
    Path((org, user)): Path<(String, String)>,
) -> AppResult<Response> {
    let org = managed(&c, &org)?;
    let (person, _) = member(&state, org, &user).await?;
    let record = state.store.staff_record(person.id, scope(&c, org)?).await?;
    let export = StaffExport {
        mail: ExportMail {
            language: state
                .store
                .mail_language(person.id)
                .await?
                .map(|l| l.code()),
            turned_off: state
                .store
                .mail_preferences(person.id)
                .await?
                .into_iter()
                .map(|k| k.as_str())
                .collect(),
        },
        sign_on_identities: state
            .store
            .sign_on_identities(person.id)
            .await?
            .into_iter()
            .map(|(issuer, subject)| ExportIdentity { issuer, subject })
            .collect(),
        record,
    };
    let body =
        serde_json::to_string_pretty(&export).map_err(|e| AppError::Internal(e.to_string()))?;
    state
        .store
        .record_audit(&NewAuditEntry {
            org: Some(org),
            actor: Some(c.user()?.id),
            action: AuditAction::StaffExported,
            target_user: Some(person.id),
            detail: String::new(),
            at: OffsetDateTime::now_utc(),
        })
        .await?;
    Ok(download(
        body,
        "application/json; charset=utf-8",
        &format!("vuoro-person-{}.json", person.id),
    ))
}

async fn remove(
    State(state): State<AppState>,
    c: Ctx,
    Path((org, user)): Path<(String, String)>,
    form: FormData,
) -> AppResult<Response> {
    let org = managed(&c, &org)?;
    let (person, _) = member(&state, org, &user).await?;
    let (how, removal) = match form.get("how") {
        "anonymise" => ("anonymise", Removal::Anonymise),
        "delete" => ("delete", Removal::Delete),
        _ => return Err(AppError::BadRequest("error-malformed-form")),
    };
    let actor = c.user()?.id;
    if person.id == actor {
        let why = c.t("person-not-yourself");
        let mut r = person_view(&state, c, org, &user, None, Some(why))
            .await?
            .into_response();
        *r.status_mut() = axum::http::StatusCode::CONFLICT;
        return Ok(r);
    }
    if form.get("confirm") != "yes" {
        return Ok(person_view(&state, c, org, &user, Some(how), None)
            .await?
            .into_response());
    }
    match state
        .store
        .remove_staff(
            person.id,
            removal,
            actor,
            scope(&c, org)?,
            OffsetDateTime::now_utc(),
        )
        .await
    {
        Ok(()) => Ok(redirect(&format!("/orgs/{org}/audit"))),
        Err(StoreError::Conflict(why)) => {
            let key = if why == STILL_FACILITATING {
                "person-refused-facilitating"
            } else if why == BEYOND_ORGANISATION {
                "person-refused-beyond"
            } else {
                "error-conflict"
            };
            let why = c.t1(key, "name", &person.name);
            let mut r = person_view(&state, c, org, &user, None, Some(why))
                .await?
                .into_response();
            *r.status_mut() = axum::http::StatusCode::CONFLICT;
            Ok(r)
        }
        Err(e) => Err(e.into()),
    }
}

/// An entry's detail in the reader's language (entries from before details were structured
/// are shown as stored).
fn detail_text(lang: Lang, stored: &str) -> String {
    use i18n::{n, s as text};
    let count = |v: u64| n(i64::try_from(v).unwrap_or(i64::MAX));
    match AuditDetail::parse(stored) {
        AuditDetail::None => String::new(),
        AuditDetail::Text(t) => t,
        AuditDetail::RetentionChanged {
            title,
            before,
            after,
        } => i18n::t_args(
            lang,
            "audit-detail-retention-changed",
            &[
                ("process", text(title)),
                ("before", count(before.into())),
                ("after", count(after.into())),
            ],
        ),
        AuditDetail::RetentionDeleted { title, counts } => {
            let parts: Vec<String> = counts
                .into_iter()
                .map(|(kind, c)| {
                    i18n::t_args(
                        lang,
                        &format!("audit-detail-deleted-{kind}"),
                        &[("count", count(c))],
                    )
                })
                .collect();
            i18n::t_args(
                lang,
                "audit-detail-retention-deleted",
                &[("process", text(title)), ("what", text(parts.join(", ")))],
            )
        }
        AuditDetail::SignOnGroup { group, roles } => {
            let names: Vec<String> = roles
                .iter()
                .map(|r| i18n::t(lang, &format!("role-{r}")))
                .collect();
            let roles = if names.is_empty() {
                i18n::t(lang, "audit-detail-group-removed")
            } else {
                names.join(", ")
            };
            i18n::t_args(
                lang,
                "audit-detail-sign-on-group",
                &[("group", text(group)), ("roles", text(roles))],
            )
        }
        AuditDetail::Partnership { org, scope } => i18n::t_args(
            lang,
            "audit-detail-partnership",
            &[
                ("org", text(org)),
                (
                    "scope",
                    text(i18n::t(lang, &format!("partners-scope-{scope}"))),
                ),
            ],
        ),
        AuditDetail::PasswordLogin { allowed } => i18n::t(
            lang,
            if allowed {
                "audit-detail-password-on"
            } else {
                "audit-detail-password-off"
            },
        ),
    }
}

/// One line of the audit page.
#[derive(Debug)]
pub struct AuditLine {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub target: Option<String>,
    pub detail: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "audit.html")]
struct AuditView {
    c: Ctx,
    org: Organisation,
    entries: Vec<AuditLine>,
    /// Where the next page starts, when there is one.
    more: Option<i64>,
    role_changes: Vec<String>,
    invitations: Vec<String>,
}

#[derive(Deserialize)]
struct AuditQuery {
    before: Option<i64>,
}

async fn audit_page(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
    Query(q): Query<AuditQuery>,
) -> AppResult<Response> {
    let org = managed(&c, &org)?;
    let lang = c.lang;
    let mut entries = state.store.audit_log(org, q.before, AUDIT_PAGE + 1).await?;
    let more = (entries.len() > AUDIT_PAGE as usize).then(|| {
        entries.truncate(AUDIT_PAGE as usize);
        entries.last().map_or(0, |e| e.id)
    });
    let removed = c.t("audit-removed-person");
    let entries = entries
        .into_iter()
        .map(|e| AuditLine {
            at: helsinki_time(e.at),
            actor: match (e.actor, e.actor_name) {
                (None, _) => c.t("audit-server"),
                (Some(_), Some(name)) => name,
                (Some(_), None) => removed.clone(),
            },
            action: c.t(&format!("audit-action-{}", e.action.as_str())),
            target: e
                .target_user
                .map(|_| e.target_name.unwrap_or_else(|| removed.clone())),
            detail: detail_text(lang, &e.detail),
        })
        .collect();
    let role_names = |r: RoleSet| {
        let names: Vec<String> = r
            .roles()
            .map(|r| i18n::t(lang, &format!("role-{}", r.code())))
            .collect();
        if names.is_empty() {
            i18n::t(lang, "role-changes-no-roles")
        } else {
            names.join(", ")
        }
    };
    // The role changes recorded before the audit log existed, and since then, as the
    // organisation's page words them.
    let role_changes = state
        .store
        .role_changes(org, ROLE_CHANGES_SHOWN)
        .await?
        .into_iter()
        .map(|ch| {
            i18n::t_args(
                lang,
                "role-change-line",
                &[
                    ("at", i18n::s(helsinki_time(ch.at))),
                    (
                        "user",
                        i18n::s(format!("{} ({})", ch.user_name, ch.user_email)),
                    ),
                    ("before", i18n::s(role_names(ch.before))),
                    ("after", i18n::s(role_names(ch.after))),
                    (
                        "via",
                        i18n::s(i18n::t(lang, &format!("role-via-{}", ch.via.code()))),
                    ),
                    ("actor", i18n::s(&ch.actor_name)),
                ],
            )
        })
        .collect();
    let invitations = state.store.invitations(org).await?;
    let inviters = state
        .store
        .users(&invitations.iter().map(|i| i.invited_by).collect::<Vec<_>>())
        .await?;
    let mut invitations: Vec<_> = invitations
        .into_iter()
        .map(|i| {
            let by = inviters
                .get(&i.invited_by)
                .map_or_else(|| removed.clone(), |u| u.name.clone());
            (
                i.created_at,
                i18n::t_args(
                    lang,
                    "audit-invitation-line",
                    &[
                        ("at", i18n::s(helsinki_time(i.created_at))),
                        ("email", i18n::s(i.email)),
                        ("actor", i18n::s(by)),
                    ],
                ),
            )
        })
        .collect();
    invitations.sort_by_key(|i| std::cmp::Reverse(i.0));
    Ok(AuditView {
        org: state.store.org(org).await?,
        entries,
        more,
        role_changes,
        invitations: invitations.into_iter().map(|(_, l)| l).collect(),
        c,
    }
    .into_response())
}
