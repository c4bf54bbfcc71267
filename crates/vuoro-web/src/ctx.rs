//! The request context every page gets: language, signed-in user, CSRF token and the current
//! path (for the language switch). Templates reach translations through it, so a template cannot
//! print a string that does not come from the Fluent files.

use crate::AppState;
use crate::error::{AppError, AppResult};
use crate::i18n;
use crate::util::{cookie, hash_token};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use fluent_templates::fluent_bundle::FluentValue;
use time::OffsetDateTime;
use vuoro_core::permission::{Action, Actor};
use vuoro_core::{Lang, OrgId, RoleSet, UserId};
use vuoro_store::{LoginVia, Organisation};

pub const LANG_COOKIE: &str = "vuoro_lang";
pub const SESSION_COOKIE: &str = "vuoro_session";
pub const CSRF_COOKIE: &str = "vuoro_csrf";

/// The CSRF token of this request, put in place by the CSRF layer.
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);

#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub site_admin: bool,
    /// The organisations this session reaches, with the roles held there.
    pub memberships: Vec<(Organisation, RoleSet)>,
    /// Organisations where the user holds roles that this session does not reach: it began
    /// with a password and they turned password log-in off. The front page offers the
    /// sign-on for them.
    pub sign_on_required: Vec<Organisation>,
    /// Organisations whose processes the user may lead as a partner's facilitator: those with
    /// an agreement (ever accepted) with an organisation where this session reaches their
    /// facilitator role (`crate::partners::borrowing_orgs`).
    pub partner_orgs: Vec<OrgId>,
    pub session_hash: String,
    /// How this session began.
    pub session_via: LoginVia,
}

impl CurrentUser {
    pub fn roles_in(&self, org: OrgId) -> RoleSet {
        self.memberships
            .iter()
            .find(|(o, _)| o.id == org)
            .map(|(_, r)| *r)
            .unwrap_or_default()
    }

    pub fn actor(&self, org: OrgId) -> Actor {
        Actor {
            roles: self.roles_in(org),
            site_admin: self.site_admin,
        }
    }

    pub fn can(&self, org: OrgId, a: Action) -> bool {
        self.actor(org).can(a)
    }

    /// Whether they hold any role in `org`, reached by this session or not.
    pub fn member_of(&self, org: OrgId) -> bool {
        self.memberships.iter().any(|(o, _)| o.id == org)
            || self.sign_on_required.iter().any(|o| o.id == org)
    }

    /// Whether the user is staff at all: a site administrator, or someone who may view one of
    /// their organisations. The method library and the staff menu are for them only, so an
    /// account whose roles were all removed sees nothing but the public pages.
    pub fn is_staff(&self) -> bool {
        self.site_admin
            || self
                .memberships
                .iter()
                .any(|(o, _)| self.can(o.id, Action::ViewOrganisation))
    }

    /// The user's relation to one process, for the permission rules.
    pub fn process_actor(&self, p: &vuoro_store::Process) -> vuoro_core::permission::ProcessActor {
        vuoro_core::permission::ProcessActor {
            actor: self.actor(p.org),
            is_orderer: p.orderer == self.id,
            is_facilitator: p.facilitator == Some(self.id),
            partner_facilitator: self.partner_orgs.contains(&p.org) && !self.member_of(p.org),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Ctx {
    pub lang: Lang,
    pub user: Option<CurrentUser>,
    pub csrf: String,
    /// Path and query of this request, for links that come back here.
    pub path: String,
}

/// The language a request asks for: the remembered choice, then the browser's wish, then
/// Finnish.
pub fn lang_of(headers: &HeaderMap) -> Lang {
    cookie(headers, LANG_COOKIE)
        .and_then(Lang::parse)
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

impl Ctx {
    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }

    /// A message with one string argument.
    pub fn t1(&self, key: &str, name: &'static str, value: &str) -> String {
        i18n::t_args(self.lang, key, &[(name, i18n::s(value))])
    }

    /// A message with one number argument.
    pub fn tn(&self, key: &str, name: &'static str, value: impl Count) -> String {
        i18n::t_args(self.lang, key, &[(name, FluentValue::from(value.count()))])
    }

    /// A message with two number arguments, such as "stage 2 of 6".
    pub fn tn2(
        &self,
        key: &str,
        a: &'static str,
        an: impl Count,
        b: &'static str,
        bn: impl Count,
    ) -> String {
        i18n::t_args(
            self.lang,
            key,
            &[
                (a, FluentValue::from(an.count())),
                (b, FluentValue::from(bn.count())),
            ],
        )
    }

    pub fn user(&self) -> AppResult<&CurrentUser> {
        self.user.as_ref().ok_or(AppError::LoginRequired)
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    /// The other interface languages, for the switch in the header.
    pub fn other_langs(&self) -> Vec<Lang> {
        Lang::ALL.into_iter().filter(|l| *l != self.lang).collect()
    }

    /// The link that switches to `lang` and comes back to this page.
    pub fn switch_href(&self, lang: &Lang) -> String {
        format!("/lang/{}?next={}", lang.code(), encode(&self.path))
    }
}

/// Percent-encodes a value for a query string.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char);
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Where links that "come back here" should point. For a page that answers a form, the form's
/// address only takes posts, so the page the form was on (the same-site `Referer`) is used,
/// or the front page when there is none.
pub fn return_path(
    method: &axum::http::Method,
    uri: &axum::http::Uri,
    headers: &HeaderMap,
) -> String {
    if matches!(*method, axum::http::Method::GET | axum::http::Method::HEAD) {
        return uri
            .path_and_query()
            .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned());
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    headers
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .and_then(|r| r.split_once("://"))
        .and_then(|(_, rest)| {
            let (h, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            (Some(h) == host).then(|| path.to_owned())
        })
        .and_then(|p| crate::util::local_path(&p).map(str::to_owned))
        .unwrap_or_else(|| "/".to_owned())
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let lang = lang_of(&parts.headers);
        let csrf = parts
            .extensions
            .get::<CsrfToken>()
            .map(|t| t.0.clone())
            .unwrap_or_default();
        let path = return_path(&parts.method, &parts.uri, &parts.headers);
        let mut user = None;
        if let Some(token) = cookie(&parts.headers, SESSION_COOKIE) {
            let hash = hash_token(token);
            if let Some((session, u)) = state.store.login(&hash, OffsetDateTime::now_utc()).await? {
                let mut memberships = state.store.memberships(u.id).await?;
                // A session begun with a password does not reach an organisation that turned
                // password log-in off, while the server's sign-on works (without it, passwords
                // work everywhere, so nobody is locked out).
                let mut sign_on_required = Vec::new();
                if session.via == LoginVia::Password && state.sign_on.is_some() {
                    let off = state.store.password_off_orgs(u.id).await?;
                    if !off.is_empty() {
                        let (closed, open) = memberships
                            .into_iter()
                            .partition::<Vec<_>, _>(|(o, _)| off.contains(&o.id));
                        memberships = open;
                        sign_on_required = closed.into_iter().map(|(o, _)| o).collect();
                    }
                }
                // Read only for facilitators: nobody else leads a partner's process.
                let facilitating: Vec<OrgId> = memberships
                    .iter()
                    .filter(|(_, r)| r.has(vuoro_core::Role::Facilitator))
                    .map(|(o, _)| o.id)
                    .collect();
                let mut partner_orgs =
                    crate::partners::borrowing_orgs(state.store.as_ref(), &facilitating).await?;
                // A partner that turned password log-in off is not reached by a password
                // session either, as its own members' sessions would not reach it.
                if session.via == LoginVia::Password && state.sign_on.is_some() {
                    let mut reached = Vec::with_capacity(partner_orgs.len());
                    for o in partner_orgs {
                        if state.store.password_login(o).await? {
                            reached.push(o);
                        }
                    }
                    partner_orgs = reached;
                }
                user = Some(CurrentUser {
                    id: u.id,
                    name: u.name,
                    email: u.email,
                    site_admin: u.site_admin,
                    memberships,
                    sign_on_required,
                    partner_orgs,
                    session_hash: hash,
                    session_via: session.via,
                });
            }
        }
        Ok(Ctx {
            lang,
            user,
            csrf,
            path,
        })
    }
}

/// Numbers a template passes to [`Ctx::tn`]; templates hand over references or values
/// depending on the expression, so both are accepted.
pub trait Count {
    fn count(&self) -> i64;
}

impl Count for i64 {
    fn count(&self) -> i64 {
        *self
    }
}

impl Count for u64 {
    fn count(&self) -> i64 {
        i64::try_from(*self).unwrap_or(i64::MAX)
    }
}

impl Count for u32 {
    fn count(&self) -> i64 {
        i64::from(*self)
    }
}

impl<T: Count> Count for &T {
    fn count(&self) -> i64 {
        (**self).count()
    }
}
