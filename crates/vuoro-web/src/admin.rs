//! Organisations, units, staff invitations and roles.

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::fields::{Field, Kind, opts};
use crate::form::FormData;
use crate::mail::Recipient;
use crate::routes::Routes;
use crate::util::{cookie_builder, hash_token, random_token, redirect, set_cookie, unprocessable};
use crate::{AppState, i18n};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use time::{Duration, OffsetDateTime};
use vuoro_core::permission::Action;
use vuoro_core::text::{self, limits};
use vuoro_core::{FieldError, FieldErrors, Lang, OrgId, Role, RoleSet, UserId};
use vuoro_store::account_tokens::invitation_mail_key;
use vuoro_store::{
    Invitation, InvitationMail, MailKind, NewMail, Organisation, RoleChangeVia, StoreError,
};

pub fn router() -> Routes {
    Routes::new()
        .route("/admin/orgs", get(orgs_page).post(create_org))
        .route("/orgs/{org}", get(org_page))
        .route("/orgs/{org}/units", post(create_unit))
        .route("/orgs/{org}/invitations", post(invite))
        .route("/orgs/{org}/members/{user}/roles", post(set_roles))
        .route("/orgs/{org}/members/{user}/confirm", post(confirm_address))
}

#[derive(Template, WebTemplate)]
#[template(path = "admin_orgs.html")]
struct OrgsView {
    c: Ctx,
    orgs: Vec<Organisation>,
    field: Field,
}

fn org_field(lang: Lang, value: &str, e: &FieldErrors) -> Field {
    Field::new("name", i18n::t(lang, "org-name"), Kind::Text)
        .value(value)
        .required()
        .max(limits::NAME)
        .errors(lang, e)
}

async fn orgs_page(State(state): State<AppState>, c: Ctx) -> AppResult<Response> {
    if !c.user()?.site_admin {
        return Err(AppError::Forbidden);
    }
    let orgs = state.store.orgs().await?;
    let field = org_field(c.lang, "", &FieldErrors::new());
    Ok(OrgsView { c, orgs, field }.into_response())
}

async fn create_org(State(state): State<AppState>, c: Ctx, form: FormData) -> AppResult<Response> {
    let user = c.user()?;
    if !user.site_admin {
        return Err(AppError::Forbidden);
    }
    let mut e = FieldErrors::new();
    match e.take("name", text::name(form.get("name"), limits::NAME)) {
        Some(name) => {
            let org = state
                .store
                .create_org(&name, OffsetDateTime::now_utc())
                .await?;
            // The creator becomes the new organisation's first admin, so someone can manage it;
            // recorded, like every role a site admin gives themselves.
            state
                .store
                .change_roles(
                    org.id,
                    user.id,
                    RoleSet::empty().with(Role::Admin),
                    user.id,
                    RoleChangeVia::NewOrganisation,
                    OffsetDateTime::now_utc(),
                )
                .await?;
            Ok(redirect(&format!("/orgs/{}", org.id)))
        }
        None => {
            let orgs = state.store.orgs().await?;
            let field = org_field(c.lang, form.get("name"), &e);
            Ok(unprocessable(OrgsView { c, orgs, field }))
        }
    }
}

#[derive(Debug)]
pub struct MemberRow {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub roles: Vec<(String, String, bool)>,
    /// The account was made through an invitation link and nobody has confirmed its address.
    pub unconfirmed: bool,
}

/// One recorded change of roles, as the organisation's page lists it.
#[derive(Debug)]
pub struct RoleChangeRow {
    /// When, whose roles, before and after, how and by whom, as one sentence.
    pub line: String,
    /// A site administrator gave roles to themselves.
    pub self_grant: bool,
}

/// How many role changes the organisation's page shows.
const ROLE_CHANGES_SHOWN: u32 = 20;

#[derive(Debug)]
pub struct InvitationRow {
    pub email: String,
    pub roles: String,
    pub state: String,
    /// Where its mail is (sent, on its way, failing), or that the link was handed over.
    pub mail: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "org.html")]
struct OrgView {
    c: Ctx,
    org: Organisation,
    units: Vec<String>,
    unit_field: Field,
    members: Vec<MemberRow>,
    /// People who held roles here and hold none now: (id, name), for their data.
    former: Vec<(UserId, String)>,
    invitations: Vec<InvitationRow>,
    invite_fields: Vec<Field>,
    /// Why the invitation just tried was refused, beyond a field's error.
    invite_refused: Option<String>,
    /// The link of an invitation just made: shown once, since only its hash is stored.
    new_link: Option<String>,
    /// The address an invitation was just mailed to (the link itself is never shown then).
    mailed_to: Option<String>,
    /// Mail is configured: invitations go by mail, and the list says where each mail is.
    mail_on: bool,
    role_changes: Vec<RoleChangeRow>,
    /// Site administrators confirm addresses.
    can_confirm: bool,
}

pub(crate) fn role_options(lang: Lang, selected: &[String]) -> Kind {
    Kind::Checkboxes(opts(
        Role::ALL.iter().map(|r| {
            (
                r.code().to_owned(),
                i18n::t(lang, &format!("role-{}", r.code())),
            )
        }),
        selected,
    ))
}

struct OrgForms<'a> {
    unit: (&'a str, FieldErrors),
    invite: (&'a str, Vec<String>, FieldErrors),
    invite_refused: Option<String>,
    new_link: Option<String>,
    mailed_to: Option<String>,
}

async fn org_view(state: &AppState, c: Ctx, org_id: OrgId, f: OrgForms<'_>) -> AppResult<OrgView> {
    let lang = c.lang;
    let org = state.store.org(org_id).await?;
    let units = state
        .store
        .units(org_id)
        .await?
        .into_iter()
        .map(|u| u.name)
        .collect();
    let mut members = Vec::new();
    let all = state.store.members(org_id).await?;
    // Whose address is unconfirmed, for every member in one query.
    let origins = state
        .store
        .unconfirmed_origins(&all.iter().map(|m| m.user.id).collect::<Vec<_>>())
        .await?;
    for m in all {
        let unconfirmed = origins.contains_key(&m.user.id);
        members.push(MemberRow {
            id: m.user.id,
            name: m.user.name,
            email: m.user.email,
            unconfirmed,
            roles: Role::ALL
                .iter()
                .map(|r| {
                    (
                        r.code().to_owned(),
                        i18n::t(lang, &format!("role-{}", r.code())),
                        m.roles.has(*r),
                    )
                })
                .collect(),
        });
    }
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
    let role_changes = state
        .store
        .role_changes(org_id, ROLE_CHANGES_SHOWN)
        .await?
        .into_iter()
        .map(|ch| RoleChangeRow {
            line: i18n::t_args(
                lang,
                "role-change-line",
                &[
                    ("at", i18n::s(crate::processes::helsinki_time(ch.at))),
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
            ),
            self_grant: ch.self_grant,
        })
        .collect();
    let can_confirm = c.user.as_ref().is_some_and(|u| u.site_admin);
    let now = OffsetDateTime::now_utc();
    let mail_states = state.store.invitation_mail(org_id).await?;
    let invitations = state
        .store
        .invitations(org_id)
        .await?
        .into_iter()
        .map(|i| InvitationRow {
            mail: i18n::t(
                lang,
                match mail_states.get(&i.token_hash) {
                    Some(InvitationMail::Sent) => "invitation-mail-sent",
                    Some(InvitationMail::Waiting) => "invitation-mail-waiting",
                    Some(InvitationMail::Failing) => "invitation-mail-failing",
                    Some(InvitationMail::Refused) => "invitation-mail-refused",
                    None => "invitation-mail-none",
                },
            ),
            email: i.email,
            roles: i
                .roles
                .roles()
                .map(|r| i18n::t(lang, &format!("role-{}", r.code())))
                .collect::<Vec<_>>()
                .join(", "),
            state: i18n::t(
                lang,
                if i.accepted_at.is_some() {
                    "invitation-accepted"
                } else if i.expires_at < now {
                    "invitation-expired"
                } else {
                    "invitation-pending"
                },
            ),
        })
        .collect();
    let unit_field = Field::new("name", i18n::t(lang, "unit-name"), Kind::Text)
        .value(f.unit.0)
        .required()
        .max(limits::NAME)
        .prefix("u-")
        .errors(lang, &f.unit.1);
    let invite_fields = vec![
        Field::new("email", i18n::t(lang, "field-email"), Kind::Email)
            .value(f.invite.0)
            .required()
            .max(limits::EMAIL)
            .prefix("i-")
            .errors(lang, &f.invite.2),
        Field::new(
            "roles",
            i18n::t(lang, "field-roles"),
            role_options(lang, &f.invite.1),
        )
        .prefix("i-")
        .errors(lang, &f.invite.2),
    ];
    let former = state
        .store
        .former_members(org_id)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    Ok(OrgView {
        c,
        org,
        units,
        unit_field,
        members,
        former,
        invitations,
        invite_fields,
        invite_refused: f.invite_refused,
        new_link: f.new_link,
        mailed_to: f.mailed_to,
        mail_on: crate::password::mail_on(state),
        role_changes,
        can_confirm,
    })
}

pub(crate) fn manageable(c: &Ctx, org: &str) -> AppResult<OrgId> {
    let user = c.user()?;
    let id = OrgId::parse(org).map_err(|_| AppError::NotFound)?;
    if user.can(id, Action::ManageOrganisation) {
        Ok(id)
    } else {
        Err(AppError::Forbidden)
    }
}

fn blank() -> OrgForms<'static> {
    OrgForms {
        unit: ("", FieldErrors::new()),
        invite: ("", Vec::new(), FieldErrors::new()),
        invite_refused: None,
        new_link: None,
        mailed_to: None,
    }
}

/// Carries a new invitation's link from the post to the page that shows it, once: the link
/// cannot be rebuilt later because only its hash is stored, and showing it in the post's own
/// answer would make a reload create a second invitation.
const NEW_INVITE_COOKIE: &str = "vuoro_new_invite";

/// Carries the address an invitation was just mailed to from the post to the page that says
/// so, once (percent-encoded).
const MAILED_INVITE_COOKIE: &str = "vuoro_invite_mailed";

fn set_invite_cookie(
    r: &mut Response,
    state: &AppState,
    org: OrgId,
    (name, value): (&'static str, String),
    max_age: Duration,
) {
    set_cookie(
        r,
        &state.config,
        cookie_builder(name, value)
            .path(format!("/orgs/{org}"))
            .http_only(true)
            .same_site(::cookie::SameSite::Strict)
            .max_age(max_age),
    );
}

async fn org_page(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let id = manageable(&c, &org)?;
    let token = crate::util::cookie(&headers, NEW_INVITE_COOKIE)
        .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_owned);
    let mailed_to = crate::util::cookie(&headers, MAILED_INVITE_COOKIE)
        .map(|v| {
            percent_encoding::percent_decode_str(v)
                .decode_utf8_lossy()
                .into_owned()
        })
        .filter(|a| !a.is_empty());
    let forms = OrgForms {
        new_link: token.as_ref().map(|t| format!("/invite/{t}")),
        mailed_to: mailed_to.clone(),
        ..blank()
    };
    let mut r = org_view(&state, c, id, forms).await?.into_response();
    if token.is_some() {
        set_invite_cookie(
            &mut r,
            &state,
            id,
            (NEW_INVITE_COOKIE, String::new()),
            Duration::ZERO,
        );
    }
    if mailed_to.is_some() {
        set_invite_cookie(
            &mut r,
            &state,
            id,
            (MAILED_INVITE_COOKIE, String::new()),
            Duration::ZERO,
        );
    }
    Ok(r)
}

async fn create_unit(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let id = manageable(&c, &org)?;
    let mut e = FieldErrors::new();
    match e.take("name", text::name(form.get("name"), limits::NAME)) {
        Some(name) => {
            state.store.create_unit(id, &name).await?;
            Ok(redirect(&format!("/orgs/{id}#units")))
        }
        None => {
            let f = OrgForms {
                unit: (form.get("name"), e),
                ..blank()
            };
            Ok(unprocessable(org_view(&state, c, id, f).await?))
        }
    }
}

pub(crate) fn parse_roles(values: &[String]) -> Result<RoleSet, FieldError> {
    values
        .iter()
        .map(|v| Role::parse(v).ok_or(FieldError::Invalid))
        .collect::<Result<RoleSet, _>>()
}

async fn invite(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let id = manageable(&c, &org)?;
    let user = c.user()?.id;
    let mut e = FieldErrors::new();
    let email = e.take("email", text::email(form.get("email")));
    let role_values = form.all("roles");
    let roles = e.take(
        "roles",
        parse_roles(&role_values).and_then(|r| {
            if r.is_empty() {
                Err(FieldError::Required)
            } else {
                Ok(r)
            }
        }),
    );
    let (Some(email), Some(roles)) = (email, roles) else {
        let f = OrgForms {
            invite: (form.get("email"), role_values, e),
            ..blank()
        };
        return Ok(unprocessable(org_view(&state, c, id, f).await?));
    };
    // An account made through another organisation's invitation link may be in the hands of
    // that organisation's admin, who saw the link and may have set the password: until its
    // address is confirmed, this organisation cannot give it roles.
    if let Some(account) = state.store.user_by_email(&email).await?
        && state
            .store
            .unconfirmed_origin(account.id)
            .await?
            .is_some_and(|origin| origin != id)
    {
        let refused = c.t1("invite-refused-unconfirmed", "email", &email);
        let f = OrgForms {
            invite: (form.get("email"), role_values, FieldErrors::new()),
            invite_refused: Some(refused),
            ..blank()
        };
        return Ok(unprocessable(org_view(&state, c, id, f).await?));
    }
    let token = random_token();
    let now = OffsetDateTime::now_utc();
    let invitation = Invitation {
        token_hash: hash_token(&token),
        org: id,
        email,
        roles,
        invited_by: user,
        created_at: now,
        expires_at: now + Duration::days(state.config.invitation_days),
        accepted_at: None,
    };
    // With mail the link goes only to the invited address, in the invitation's transaction,
    // and the admin never sees it; without, the admin hands it over, so the page shows it once.
    let mail = invitation_mail(&state, &c, &invitation, &token).await?;
    state
        .store
        .create_invitation(&invitation, mail.as_slice())
        .await?;
    if mail.is_some() {
        state.mail_queued();
    }
    let mut r = redirect(&format!("/orgs/{id}#invitations"));
    let carried = if mail.is_some() {
        (
            MAILED_INVITE_COOKIE,
            percent_encoding::utf8_percent_encode(
                &invitation.email,
                percent_encoding::NON_ALPHANUMERIC,
            )
            .to_string(),
        )
    } else {
        (NEW_INVITE_COOKIE, token)
    };
    set_invite_cookie(&mut r, &state, id, carried, Duration::minutes(5));
    Ok(r)
}

/// The mail carrying an invitation's link to the invited address, or `None` without mail. In
/// the language the invited account chose, if it has one, else the inviting admin's: the
/// invited person's own is not known yet. Its dedupe key lets the invitation list find it.
async fn invitation_mail(
    state: &AppState,
    c: &Ctx,
    inv: &Invitation,
    token: &str,
) -> AppResult<Option<NewMail>> {
    if !state.mail_enabled() {
        return Ok(None);
    }
    let org = state.store.org(inv.org).await?;
    let inviter = c.user()?;
    let to = match state.store.user_by_email(&inv.email).await? {
        Some(account) => Recipient {
            to: inv.email.clone(),
            user: Some(account.id),
            lang: Some(
                state
                    .store
                    .mail_language(account.id)
                    .await?
                    .unwrap_or(c.lang),
            ),
        },
        None => Recipient::address(inv.email.as_str(), c.lang),
    };
    let link = state.mail_link(&format!("/invite/{token}"));
    let args: crate::mail::MailArgs = vec![
        ("org", i18n::s(org.name.as_str())),
        ("inviter", i18n::s(inviter.name.as_str())),
        ("link", i18n::s(link.as_str())),
        (
            "until",
            i18n::s(crate::processes::helsinki_time(inv.expires_at)),
        ),
    ];
    Ok(state
        .compose(MailKind::Invitation, to, args)
        .await?
        .map(|mut m| {
            m.dedupe = Some(invitation_mail_key(&inv.token_hash));
            m
        }))
}

async fn set_roles(
    State(state): State<AppState>,
    c: Ctx,
    Path((org, member)): Path<(String, String)>,
    form: FormData,
) -> AppResult<Response> {
    let id = manageable(&c, &org)?;
    let member = UserId::parse(&member).map_err(|_| AppError::NotFound)?;
    // Only people already in the organisation; roles are granted to outsiders by invitation.
    if state.store.roles(id, member).await?.is_empty() {
        return Err(AppError::NotFound);
    }
    let roles =
        parse_roles(&form.all("roles")).map_err(|_| AppError::BadRequest("error-invalid"))?;
    let me = c.user()?;
    // An admin cannot remove their own admin role, so an organisation never loses its last
    // admin by a slip of the mouse.
    if member == me.id && !roles.has(Role::Admin) && !me.site_admin {
        return Err(AppError::Conflict("error-own-admin"));
    }
    state
        .store
        .change_roles(
            id,
            member,
            roles,
            me.id,
            RoleChangeVia::Members,
            OffsetDateTime::now_utc(),
        )
        .await
        .map_err(|e| match e {
            StoreError::Conflict(m) if m == vuoro_store::ADDRESS_UNCONFIRMED => {
                AppError::Conflict("invite-unconfirmed")
            }
            other => other.into(),
        })?;
    Ok(redirect(&format!("/orgs/{id}#members")))
}

/// A site administrator records that they checked a member's address is the person's own (for
/// an account made through an invitation link); then other organisations may invite it too.
async fn confirm_address(
    State(state): State<AppState>,
    c: Ctx,
    Path((org, member)): Path<(String, String)>,
) -> AppResult<Response> {
    let id = manageable(&c, &org)?;
    let me = c.user()?;
    if !me.site_admin {
        return Err(AppError::Forbidden);
    }
    let member = UserId::parse(&member).map_err(|_| AppError::NotFound)?;
    if state.store.roles(id, member).await?.is_empty() {
        return Err(AppError::NotFound);
    }
    match state
        .store
        .confirm_address(member, me.id, OffsetDateTime::now_utc())
        .await
    {
        Ok(()) => tracing::info!(user = %member, by = %me.id, "address confirmed"),
        // Already confirmed (a second press, or an account that never needed it): nothing to do.
        Err(StoreError::NotFound) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(redirect(&format!("/orgs/{id}#members")))
}
