//! The front page (each user's own overview), the language switch and health check.

use crate::AppState;
use crate::ctx::{Ctx, LANG_COOKIE};
use crate::error::{AppError, AppResult};
use crate::processes::{ProcessRow, rows};
use crate::routes::Routes;
use crate::util::{cookie_builder, local_path, redirect, set_cookie};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use vuoro_core::order::MethodChoice;
use vuoro_core::permission::{Action, ProcessAction};
use vuoro_core::{Lang, ProcessId, Role};
use vuoro_store::{EventKind, Organisation, Process, ProcessFilter};

pub fn router() -> Routes {
    Routes::new()
        .route("/", get(home))
        .route("/lang/{code}", get(switch_lang))
        .route("/healthz", get(|| async { "ok" }))
}

#[derive(Debug)]
/// One organisation on the front page, with the links the user's roles open.
pub struct OrgCard {
    pub org: Organisation,
    pub roles: Vec<String>,
    pub can_order: bool,
    pub can_coordinate: bool,
    pub can_manage: bool,
    pub can_catalogue: bool,
    /// Sees the facilitator network (coordinators, admins).
    pub can_network: bool,
    /// Their own page ("Oma fasilitointi"), where they keep a facilitator profile here.
    pub own_page: Option<String>,
    /// Requests to complete the catalogue that nobody has resolved yet.
    pub open_requests: i64,
    /// For a coordinator: orders waiting for a facilitator, and how many of them asked for
    /// advice on the method that nobody has given yet.
    pub waiting_orders: i64,
    pub waiting_advice: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
struct HomeView {
    c: Ctx,
    orgs: Vec<OrgCard>,
    /// Organisations this password session does not reach (see `CurrentUser`).
    sign_on_required: Vec<vuoro_store::Organisation>,
    ordered: Vec<ProcessRow>,
    facilitating: Vec<ProcessRow>,
}

/// The front page's one primary action (`class="primary"`), by what the user does first: an
/// orderer orders, a coordinator works through the order queue, a facilitator continues their
/// first process still under way. Only the first organisation's card can hold it.
#[derive(Debug, PartialEq, Eq)]
enum HomePrimary {
    Order,
    Queue,
    Continue,
    /// Nothing to order, coordinate or continue yet: a staff member reads the method library,
    /// anyone else the public listing.
    Methods,
    Listing,
    /// Every organisation of the user wants a sign-on this password session lacks.
    SignOn,
}

impl HomeView {
    fn primary(&self) -> HomePrimary {
        match self.orgs.first() {
            Some(o) if o.can_order => HomePrimary::Order,
            Some(o) if o.can_coordinate => HomePrimary::Queue,
            _ if self.continue_row().is_some() => HomePrimary::Continue,
            None if !self.sign_on_required.is_empty() => HomePrimary::SignOn,
            _ if self.c.user.as_ref().is_some_and(|u| u.is_staff()) => HomePrimary::Methods,
            _ => HomePrimary::Listing,
        }
    }

    /// The first process the user facilitates that is neither closed nor cancelled.
    fn continue_row(&self) -> Option<&ProcessRow> {
        self.facilitating
            .iter()
            .find(|p| !matches!(p.state_code, "closed" | "cancelled"))
    }
}

async fn home(State(state): State<AppState>, c: Ctx) -> AppResult<Response> {
    let Some(user) = c.user.clone() else {
        return Ok(redirect("/login"));
    };
    let mut orgs = Vec::with_capacity(user.memberships.len());
    for (org, roles) in &user.memberships {
        let actor = user.actor(org.id);
        let can_edit_catalogue = actor.can(Action::EditCatalogue);
        // Those who keep the catalogue are told of requests to complete it on their front page,
        // since nothing else would bring them to the catalogue.
        let open_requests = if can_edit_catalogue {
            state
                .store
                .completion_requests(org.id)
                .await?
                .iter()
                .filter(|r| r.resolved_at.is_none())
                .count() as i64
        } else {
            0
        };
        let (waiting_orders, waiting_advice) = if actor.can(Action::ViewAllProcesses) {
            let queue = state
                .store
                .processes(&ProcessFilter {
                    org: Some(org.id),
                    unassigned: true,
                    ..Default::default()
                })
                .await?;
            // The histories of every order asking for advice, in one query.
            let asking: Vec<ProcessId> = queue
                .iter()
                .filter(|p| p.order.method == MethodChoice::AdviseMe)
                .map(|p| p.id)
                .collect();
            let events = state.store.events_of(&asking).await?;
            let mut advice = 0;
            for id in &asking {
                let answered = events.get(id).is_some_and(|es| {
                    es.iter()
                        .any(|e| matches!(e.kind, EventKind::AdviceGiven { .. }))
                });
                advice += i64::from(!answered);
            }
            (queue.len() as i64, advice)
        } else {
            (0, 0)
        };
        orgs.push(OrgCard {
            org: org.clone(),
            roles: roles
                .roles()
                .map(|r| c.t(&format!("role-{}", r.code())))
                .collect(),
            can_order: actor.can(Action::CreateOrder),
            can_coordinate: actor.can(Action::ViewAllProcesses),
            can_manage: actor.can(Action::ManageOrganisation),
            can_catalogue: can_edit_catalogue || actor.can(Action::RequestCompletion),
            can_network: actor.can(Action::ViewNetwork),
            own_page: actor
                .can(Action::KeepOwnProfile)
                .then(|| format!("/orgs/{}/network/people/{}", org.id, user.id)),
            open_requests,
            waiting_orders,
            waiting_advice,
        });
    }
    let ordered = state
        .store
        .processes(&ProcessFilter {
            orderer: Some(user.id),
            ..Default::default()
        })
        .await?;
    let is_facilitator = user
        .memberships
        .iter()
        .any(|(_, r)| r.has(Role::Facilitator));
    let facilitating = if is_facilitator {
        state
            .store
            .processes(&ProcessFilter {
                facilitator: Some(user.id),
                ..Default::default()
            })
            .await?
    } else {
        Vec::new()
    };
    // The store lists what the user is named on; the permission rules decide what they still
    // may see (a process of an organisation whose roles they no longer hold is not theirs).
    let visible = |list: Vec<Process>| -> Vec<Process> {
        list.into_iter()
            .filter(|p| user.process_actor(p).can(ProcessAction::View, p.state))
            .collect()
    };
    let ordered = rows(&state, &c, visible(ordered)).await?;
    let facilitating = rows(&state, &c, visible(facilitating)).await?;
    Ok(HomeView {
        c,
        orgs,
        sign_on_required: user.sign_on_required.clone(),
        ordered,
        facilitating,
    }
    .into_response())
}

#[derive(Deserialize)]
struct Next {
    next: Option<String>,
}

/// Remembers the chosen language for a year and returns to the page the user was on.
async fn switch_lang(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<Next>,
) -> AppResult<Response> {
    let lang = Lang::parse(&code).ok_or(AppError::NotFound)?;
    let to = q.next.as_deref().and_then(local_path).unwrap_or("/");
    let mut r = redirect(to);
    set_cookie(
        &mut r,
        &state.config,
        cookie_builder(LANG_COOKIE, lang.code().to_owned()).max_age(time::Duration::days(365)),
    );
    Ok(r)
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}
