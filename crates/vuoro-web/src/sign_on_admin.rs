//! An organisation's sign-on settings, for its admins: the roles each value of the provider's
//! groups claim gives in the organisation, and whether its members may still log in with a
//! password.

use crate::admin::{manageable, parse_roles, role_options};
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::fields::{Field, Kind};
use crate::form::FormData;
use crate::routes::Routes;
use crate::util::{redirect, unprocessable};
use crate::{AppState, i18n};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use time::OffsetDateTime;
use vuoro_core::text::{self, limits};
use vuoro_core::{FieldErrors, OrgId, Role};
use vuoro_store::Organisation;

pub fn router() -> Routes {
    Routes::new()
        .route("/orgs/{org}/sign-on", get(page))
        .route("/orgs/{org}/sign-on/groups", post(set_group))
        .route("/orgs/{org}/sign-on/password", post(set_password_login))
}

/// One group and its roles, as the page's form for it shows them.
#[derive(Debug)]
pub struct GroupRow {
    pub group: String,
    /// Every role: its code, its name, and whether the group gives it.
    pub roles: Vec<(String, String, bool)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "org_sign_on.html")]
struct SignOnView {
    c: Ctx,
    org: Organisation,
    /// Sign-on is set up on this server.
    configured: bool,
    groups: Vec<GroupRow>,
    new_group: Vec<Field>,
    password_login: bool,
    /// The admin asked to turn password log-in off: the page asks first.
    confirm_off: bool,
}

async fn view(
    state: &AppState,
    c: Ctx,
    org: OrgId,
    new_group: (&str, Vec<String>, FieldErrors),
    confirm_off: bool,
) -> AppResult<SignOnView> {
    let lang = c.lang;
    let groups = state
        .store
        .group_roles(org)
        .await?
        .into_iter()
        .map(|g| GroupRow {
            roles: Role::ALL
                .iter()
                .map(|r| {
                    (
                        r.code().to_owned(),
                        i18n::t(lang, &format!("role-{}", r.code())),
                        g.roles.has(*r),
                    )
                })
                .collect(),
            group: g.group,
        })
        .collect();
    let (name, roles, errors) = new_group;
    let new_group = vec![
        Field::new("group", i18n::t(lang, "sso-group-name"), Kind::Text)
            .value(name)
            .hint(i18n::t(lang, "sso-group-name-hint"))
            .required()
            .max(limits::NAME)
            .errors(lang, &errors),
        Field::new(
            "roles",
            i18n::t(lang, "field-roles"),
            role_options(lang, &roles),
        )
        .errors(lang, &errors),
    ];
    Ok(SignOnView {
        org: state.store.org(org).await?,
        configured: state.sign_on.is_some(),
        groups,
        new_group,
        password_login: state.store.password_login(org).await?,
        confirm_off,
        c,
    })
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
) -> AppResult<Response> {
    let id = manageable(&c, &org)?;
    Ok(
        view(&state, c, id, ("", Vec::new(), FieldErrors::new()), false)
            .await?
            .into_response(),
    )
}

/// Sets the roles a group gives; no role removes the group.
async fn set_group(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let id = manageable(&c, &org)?;
    let actor = c.user()?.id;
    let mut errors = FieldErrors::new();
    let group = errors.take("group", text::name(form.get("group"), limits::NAME));
    let role_values = form.all("roles");
    let roles = errors.take("roles", parse_roles(&role_values));
    let (Some(group), Some(roles)) = (group, roles) else {
        let v = view(
            &state,
            c,
            id,
            (form.get("group"), role_values, errors),
            false,
        )
        .await?;
        return Ok(unprocessable(v));
    };
    state
        .store
        .set_group_roles(id, &group, roles, actor, OffsetDateTime::now_utc())
        .await?;
    tracing::info!(org = %id, by = %actor, "sign-on group mapping changed");
    Ok(redirect(&format!("/orgs/{id}/sign-on#groups")))
}

/// Turns password log-in on or off for the organisation's members; off only after the page
/// asked, and only where sign-on works, so that nobody is locked out by a slip.
async fn set_password_login(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let id = manageable(&c, &org)?;
    let actor = c.user()?.id;
    let allowed = match form.get("allowed") {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::BadRequest("error-invalid")),
    };
    if !allowed {
        if state.sign_on.is_none() {
            return Err(AppError::Conflict("sso-password-needs-sign-on"));
        }
        // A password session would lose this organisation the moment it is turned off: the
        // admin proves the sign-on works for them first (a site administrator keeps a
        // password everywhere).
        let me = c.user()?;
        if me.session_via == vuoro_store::LoginVia::Password && !me.site_admin {
            return Err(AppError::Conflict("sso-password-sign-on-first"));
        }
        if form.get("confirm") != "yes" {
            let v = view(&state, c, id, ("", Vec::new(), FieldErrors::new()), true).await?;
            return Ok(v.into_response());
        }
    }
    state
        .store
        .set_password_login(id, allowed, actor, OffsetDateTime::now_utc())
        .await?;
    tracing::info!(org = %id, by = %actor, allowed, "password log-in changed");
    Ok(redirect(&format!("/orgs/{id}/sign-on#password")))
}
