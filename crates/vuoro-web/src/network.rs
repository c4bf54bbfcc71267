//! The facilitator network (part 9): the network page for coordinators and admins, each
//! facilitator's profile page (their own page, "Oma fasilitointi", when it is theirs), and the
//! trainings and network meetings a coordinator records.
//!
//! Who may do what (`vuoro_core::permission`): `ViewNetwork` (coordinators and admins) sees
//! every page; `ManageNetwork` (coordinators) records trainings and meetings, completes
//! trainees and edits any profile; `KeepOwnProfile` (facilitators) edits their own profile and
//! absences and sees their own page. Anyone else in the organisation, or outside it, gets 403,
//! as the organisation's other coordinator pages answer; a person who is not a member is 404.

use crate::ctx::{Ctx, CurrentUser};
use crate::error::{AppError, AppResult};
use crate::fields::{Field, Kind, opts};
use crate::form::FormData;
use crate::practices::today;
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
use time::{Date, OffsetDateTime};
use vuoro_core::assignment::YearMonth;
use vuoro_core::lang::ParticipantLang;
use vuoro_core::network::{
    self, Absence, HeldTrainingInput, MeetingInput, Profile, ProfileInput, TrainingInput,
};
use vuoro_core::permission::Action;
use vuoro_core::proposals;
use vuoro_core::{
    AbsenceId, FieldError, FieldErrors, Lang, MeetingId, OrgId, Role, TrainingId, UserId,
};
use vuoro_store::{Member, Organisation, ProcessFilter, User};

pub fn router() -> Routes {
    Routes::new()
        .route("/facilitation", get(own_page))
        .route("/orgs/{org}/network", get(network_page))
        .route(
            "/orgs/{org}/network/people/{person}",
            get(person_page).post(save_profile),
        )
        .route(
            "/orgs/{org}/network/people/{person}/absences",
            post(add_absence),
        )
        .route(
            "/orgs/{org}/network/people/{person}/absences/{absence}/delete",
            post(delete_absence),
        )
        .route(
            "/orgs/{org}/network/people/{person}/trainings",
            post(add_held),
        )
        .route("/orgs/{org}/network/trainings/new", get(new_training))
        .route("/orgs/{org}/network/trainings", post(create_training))
        .route(
            "/orgs/{org}/network/trainings/{training}",
            get(training_page),
        )
        .route(
            "/orgs/{org}/network/trainings/{training}/complete",
            post(complete),
        )
        .route("/orgs/{org}/network/meetings/new", get(new_meeting))
        .route("/orgs/{org}/network/meetings", post(create_meeting))
        .route("/orgs/{org}/network/meetings/{meeting}", get(meeting_page))
        .route(
            "/orgs/{org}/network/meetings/{meeting}/attendance",
            post(attendance),
        )
}

fn org_id(org: &str) -> AppResult<OrgId> {
    OrgId::parse(org).map_err(|_| AppError::NotFound)
}

/// The organisation of a network page, if the user may see its network; whether they keep it.
async fn viewer(state: &AppState, c: &Ctx, org: &str) -> AppResult<(Organisation, bool)> {
    let id = org_id(org)?;
    let user = c.user()?;
    if !user.can(id, Action::ViewNetwork) {
        return Err(AppError::Forbidden);
    }
    Ok((
        state.store.org(id).await?,
        user.can(id, Action::ManageNetwork),
    ))
}

/// The organisation, if the user keeps its network.
async fn manager(state: &AppState, c: &Ctx, org: &str) -> AppResult<Organisation> {
    let id = org_id(org)?;
    if !c.user()?.can(id, Action::ManageNetwork) {
        return Err(AppError::Forbidden);
    }
    Ok(state.store.org(id).await?)
}

/// What the user may do with one person's profile.
#[derive(Clone, Copy, Debug)]
struct Rights {
    /// The page is the user's own.
    own: bool,
    /// They may change the profile and absences.
    edit: bool,
    /// They keep the network: earlier trainings, and the processes are theirs to see.
    manage: bool,
}

/// The organisation and the person of a profile route, and the user's rights there. Someone
/// who neither sees the network nor keeps their own profile here is refused before the person
/// is looked at, so the answer tells nothing of who is a member.
async fn person_of(
    state: &AppState,
    c: &Ctx,
    org: &str,
    person: &str,
) -> AppResult<(Organisation, User, Rights)> {
    let id = org_id(org)?;
    let user = c.user()?;
    let view = user.can(id, Action::ViewNetwork);
    let keep_own = user.can(id, Action::KeepOwnProfile);
    if !view && !keep_own {
        return Err(AppError::Forbidden);
    }
    let pid = UserId::parse(person).map_err(|_| AppError::NotFound)?;
    let own = pid == user.id;
    if !view && !own {
        return Err(AppError::Forbidden);
    }
    if state.store.roles(id, pid).await?.is_empty() {
        return Err(AppError::NotFound);
    }
    let manage = user.can(id, Action::ManageNetwork);
    Ok((
        state.store.org(id).await?,
        state.store.user(pid).await?,
        Rights {
            own,
            edit: manage || (own && keep_own),
            manage,
        },
    ))
}

fn method_ids(state: &AppState) -> Vec<&str> {
    state.methods.all().iter().map(|m| m.id.as_str()).collect()
}

fn method_name(state: &AppState, lang: Lang, id: &str) -> String {
    state
        .methods
        .get(id)
        .map_or_else(|| id.to_owned(), |m| m.name_in(lang).to_owned())
}

fn method_options(state: &AppState, lang: Lang) -> Vec<(String, String)> {
    state
        .methods
        .all()
        .iter()
        .map(|m| (m.id.clone(), m.name_in(lang).to_owned()))
        .collect()
}

pub(crate) fn hours(lang: Lang, minutes: u32) -> String {
    i18n::t_args(
        lang,
        "net-hours",
        &[("hours", i18n::f(f64::from(minutes) / 60.0))],
    )
}

/// A process's session dates, or that it has none yet.
fn process_dates(lang: Lang, p: &vuoro_store::Process) -> String {
    match (p.first_session, p.last_session) {
        (Some(a), Some(b)) => span_text(a, b),
        _ => i18n::t(lang, "net-no-dates"),
    }
}

fn span_text(from: Date, to: Date) -> String {
    if from == to {
        format_date(from)
    } else {
        format!("{}–{}", format_date(from), format_date(to))
    }
}

/// The organisation's members sorted by name, for the check boxes of trainees and attendance.
async fn members_by_name(state: &AppState, org: OrgId) -> AppResult<Vec<Member>> {
    let mut members = state.store.members(org).await?;
    members.sort_by(|a, b| {
        a.user
            .name
            .to_lowercase()
            .cmp(&b.user.name.to_lowercase())
            .then(a.user.id.cmp(&b.user.id))
    });
    Ok(members)
}

/// Check boxes of people, those in `chosen` ticked.
fn people_field(
    name: &'static str,
    label: String,
    people: &[(UserId, String)],
    chosen: &[String],
) -> Field {
    Field::new(
        name,
        label,
        Kind::Checkboxes(opts(
            people.iter().map(|(id, n)| (id.to_string(), n.clone())),
            chosen,
        )),
    )
}

// ---------------------------------------------------------------------------------------------
// The own page

/// "Oma fasilitointi": the user's own profile page in the first organisation where they hold
/// the facilitator role.
async fn own_page(
    c: Ctx,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let user: &CurrentUser = c.user()?;
    let org = user
        .memberships
        .iter()
        .find(|(_, roles)| roles.has(Role::Facilitator))
        .map(|(o, _)| o.id)
        .ok_or(AppError::NotFound)?;
    // A declined order comes here; the page says it went back to the queue.
    let declined = if q.get("declined").is_some_and(|v| v == "1") {
        "?declined=1"
    } else {
        ""
    };
    Ok(redirect(&format!(
        "/orgs/{org}/network/people/{}{declined}",
        user.id
    )))
}

/// The orders of the queue the ranking proposes `person` for, with whether they volunteered:
/// what a facilitator may volunteer for. An order they could not take (their own unit, a
/// clash, no capacity left, declined already) is not shown to them.
async fn open_orders(
    state: &AppState,
    lang: Lang,
    org: OrgId,
    person: UserId,
) -> AppResult<Vec<OpenRow>> {
    let (queue, ranked) = crate::proposals::rank_queue(state, org).await?;
    Ok(queue
        .into_iter()
        .zip(ranked.ranked)
        .filter(|(_, (_, r))| r.proposed.iter().any(|x| x.candidate == person))
        .map(|(p, (need, _))| OpenRow {
            id: p.id,
            method: crate::processes::method_label(state, lang, p.method_id.as_deref()),
            dates: process_dates(lang, &p),
            volunteered: need.volunteers.contains(&person),
            title: p.title,
        })
        .collect())
}

// ---------------------------------------------------------------------------------------------
// The network page

#[derive(Debug)]
pub struct CountRow {
    pub name: String,
    pub count: usize,
}

#[derive(Debug)]
pub struct IdleRow {
    pub id: UserId,
    pub name: String,
    pub unit: String,
    pub last: String,
    /// This month's planned hours against the capacity.
    pub load: String,
}

/// A partner's process led by one of this network's members: who, for whom, from when, how
/// many hours (as planned, corrected by the hours recorded).
#[derive(Debug)]
pub struct LentRow {
    pub id: UserId,
    pub name: String,
    pub partner: String,
    pub first: String,
    pub hours: String,
    sort: Option<OffsetDateTime>,
}

#[derive(Debug)]
pub struct MeetingRow {
    pub id: MeetingId,
    pub date: String,
    pub title: String,
    pub place: String,
    pub attended: u32,
}

#[derive(Debug)]
pub struct TrainingRow {
    pub id: TrainingId,
    pub dates: String,
    pub method: String,
    pub trainer: String,
    pub trainees: u32,
    pub completed: u32,
}

#[derive(Template, WebTemplate)]
#[template(path = "network.html")]
struct NetworkPage {
    c: Ctx,
    org: Organisation,
    manage: bool,
    members: usize,
    per_method: Vec<CountRow>,
    per_unit: Vec<CountRow>,
    idle: Vec<IdleRow>,
    year: String,
    meetings: Vec<MeetingRow>,
    trainings: Vec<TrainingRow>,
    lent: Vec<LentRow>,
}

async fn network_page(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
) -> AppResult<Response> {
    let (org, manage) = viewer(&state, &c, &org).await?;
    let lang = c.lang;
    let now = OffsetDateTime::now_utc();
    let year = network::year_of(now);
    let mut members = state.store.network_members(org.id, today()).await?;
    let ids: Vec<UserId> = members.iter().map(|m| m.user).collect();
    let users = state.store.users(&ids).await?;
    let name = |id: &UserId| users.get(id).map(|u| u.name.clone()).unwrap_or_default();
    members.sort_by_key(|m| (name(&m.user).to_lowercase(), m.user));
    let units: HashMap<_, _> = state
        .store
        .units(org.id)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let unit_name = |u: Option<vuoro_core::UnitId>| match u.and_then(|u| units.get(&u)) {
        Some(n) => n.clone(),
        None => i18n::t(lang, "net-no-unit"),
    };
    let methods = method_ids(&state);
    let per_method = network::trained_per_method(&members, &methods)
        .into_iter()
        .map(|(m, count)| CountRow {
            name: method_name(&state, lang, &m),
            count,
        })
        .collect();
    let mut per_unit: Vec<CountRow> = network::trained_per_unit(&members)
        .into_iter()
        .map(|(u, count)| CountRow {
            name: unit_name(u),
            count,
        })
        .collect();
    per_unit.sort_by_key(|r| r.name.to_lowercase());
    // This month's load: the sessions this month of the processes each one leads, with the
    // hours recorded after them.
    let this_month = YearMonth::of(now);
    let mut load: HashMap<UserId, u32> = HashMap::new();
    let own = crate::proposals::bookings(&state, Some(org.id), None).await?;
    // What the partners borrowed: their processes that this network's members lead. The page
    // shows who leads how many hours for whom, never what the dialogues are about.
    let mut lent = Vec::new();
    for partner in crate::partners::borrowing_orgs(state.store.as_ref(), &[org.id]).await? {
        let partner_name = state.store.org(partner).await?.name;
        // Someone who is a member there too leads its processes as its own, not as lent.
        let theirs: Vec<UserId> = state
            .store
            .members(partner)
            .await?
            .into_iter()
            .map(|m| m.user.id)
            .collect();
        for b in crate::proposals::bookings(&state, Some(partner), None).await? {
            if ids.contains(&b.facilitator) {
                let as_lent = !theirs.contains(&b.facilitator);
                lent.push((partner_name.clone(), b, as_lent));
            }
        }
    }
    // Every session of theirs books their month, lent or not.
    for b in own.iter().chain(lent.iter().map(|(_, b, _)| b)) {
        let m = proposals::booked_per_month(&b.sessions)
            .get(&this_month)
            .map_or(0, |m| m.corrected);
        *load.entry(b.facilitator).or_default() += m;
    }
    let mut lent: Vec<LentRow> = lent
        .into_iter()
        .filter(|(_, _, as_lent)| *as_lent)
        .map(|(partner, b, _)| {
            let first = b.sessions.iter().map(|s| s.span.start).min();
            LentRow {
                id: b.facilitator,
                name: name(&b.facilitator),
                partner,
                first: first.map_or_else(
                    || i18n::t(lang, "net-lent-no-dates"),
                    |t| format_date(t.to_offset(vuoro_core::notices::helsinki_offset(t)).date()),
                ),
                hours: hours(lang, b.sessions.iter().map(|s| s.minutes()).sum()),
                sort: first,
            }
        })
        .collect();
    lent.sort_by(|a, b| b.sort.cmp(&a.sort).then_with(|| a.name.cmp(&b.name)));
    let idle = network::longest_idle(&members)
        .into_iter()
        .map(|m| IdleRow {
            id: m.user,
            name: name(&m.user),
            unit: unit_name(m.profile.as_ref().and_then(|p| p.unit)),
            last: m
                .last_facilitated
                .map_or_else(|| i18n::t(lang, "net-never"), format_date),
            load: format!(
                "{} / {}",
                hours(lang, load.get(&m.user).copied().unwrap_or(0)),
                m.profile
                    .as_ref()
                    .map_or_else(|| "–".to_owned(), |p| hours(lang, p.capacity_minutes))
            ),
        })
        .collect();
    let meetings = state
        .store
        .meetings(org.id, Some(year))
        .await?
        .into_iter()
        .map(|l| MeetingRow {
            id: l.meeting.id,
            date: format_date(l.meeting.date),
            title: l.meeting.title,
            place: l.meeting.place.unwrap_or_default(),
            attended: l.attended,
        })
        .collect();
    let trainings = state
        .store
        .trainings(org.id)
        .await?
        .into_iter()
        .map(|l| TrainingRow {
            id: l.training.id,
            dates: span_text(l.training.from, l.training.to),
            method: method_name(&state, lang, &l.training.method),
            trainer: l.training.trainer,
            trainees: l.trainees,
            completed: l.completed,
        })
        .collect();
    Ok(NetworkPage {
        members: members.len(),
        per_method,
        per_unit,
        idle,
        year: year.to_string(),
        meetings,
        trainings,
        lent,
        manage,
        org,
        c,
    }
    .into_response())
}

// ---------------------------------------------------------------------------------------------
// A person's page

#[derive(Debug)]
pub struct AbsenceRow {
    pub id: AbsenceId,
    pub dates: String,
}

#[derive(Debug)]
pub struct HeldRow {
    pub method: String,
    pub trainer: String,
    pub date: String,
    pub hours: String,
    pub recorded: Option<TrainingId>,
}

/// A month of a facilitator's planned hours against their capacity.
#[derive(Debug)]
pub struct HoursRow {
    pub month: String,
    pub planned: String,
    /// With the hours recorded after sessions in place of their planned lengths.
    pub corrected: String,
    pub capacity: String,
    pub over: bool,
}

#[derive(Debug)]
pub struct ComingRow {
    pub id: vuoro_core::ProcessId,
    pub title: String,
    pub dates: String,
    pub state: String,
    /// Offered to them and not answered yet.
    pub awaiting: bool,
}

/// An order waiting in the queue that the ranking would propose this facilitator for.
#[derive(Debug)]
pub struct OpenRow {
    pub id: vuoro_core::ProcessId,
    pub title: String,
    pub method: String,
    pub dates: String,
    pub volunteered: bool,
}

/// Which form on the person's page a refused post came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Refused {
    Profile,
    Absence,
    Held,
}

#[derive(Template, WebTemplate)]
#[template(path = "network_person.html")]
struct PersonPage {
    c: Ctx,
    org: Organisation,
    person: User,
    own: bool,
    edit: bool,
    manage: bool,
    facts: Vec<(String, String)>,
    profile_fields: Vec<Field>,
    absence_fields: Vec<Field>,
    held_fields: Vec<Field>,
    absences: Vec<AbsenceRow>,
    held: Vec<HeldRow>,
    coming: Option<Vec<ComingRow>>,
    /// On their own page: the orders waiting for a facilitator that they could take.
    open: Option<Vec<OpenRow>>,
    /// They just declined an order.
    declined: bool,
    /// Planned hours per month from this month on, to themselves and the coordinator.
    hours: Option<Vec<HoursRow>>,
    refused: Option<Refused>,
    /// The absence whose deletion waits for a second press.
    confirm: Option<AbsenceRow>,
    /// The profile was just saved.
    saved: bool,
}

impl PersonPage {
    fn refused_is(&self, r: Refused) -> bool {
        self.refused == Some(r)
    }
}

fn profile_input(form: &FormData) -> ProfileInput {
    ProfileInput {
        unit: form.string("unit"),
        languages: form.all("languages"),
        methods: form.all("methods"),
        takes_outsider: form.get("outsider") == "yes",
        capacity_hours: form.string("capacity"),
    }
}

fn profile_fields(
    state: &AppState,
    lang: Lang,
    units: &[vuoro_store::Unit],
    input: &ProfileInput,
    e: &FieldErrors,
) -> Vec<Field> {
    let mut unit_opts = vec![(String::new(), i18n::t(lang, "net-no-unit"))];
    unit_opts.extend(units.iter().map(|u| (u.id.to_string(), u.name.clone())));
    let langs = ParticipantLang::ALL.iter().map(|l| {
        (
            l.code().to_owned(),
            i18n::t(lang, &format!("plang-{}", l.code())),
        )
    });
    let outsider = if input.takes_outsider {
        vec!["yes".to_owned()]
    } else {
        vec![]
    };
    vec![
        Field::new(
            "unit",
            i18n::t(lang, "net-unit"),
            Kind::Select(opts(unit_opts, std::slice::from_ref(&input.unit))),
        )
        .hint(i18n::t(lang, "net-unit-hint"))
        .errors(lang, e),
        Field::new(
            "languages",
            i18n::t(lang, "net-languages"),
            Kind::Checkboxes(opts(langs, &input.languages)),
        )
        .required()
        .errors(lang, e),
        Field::new(
            "methods",
            i18n::t(lang, "net-methods"),
            Kind::Checkboxes(opts(method_options(state, lang), &input.methods)),
        )
        .hint(i18n::t(lang, "net-methods-hint"))
        .errors(lang, e),
        Field::new(
            "outsider",
            i18n::t(lang, "net-outsider"),
            Kind::Checkboxes(opts(
                [("yes".to_owned(), i18n::t(lang, "net-outsider-yes"))],
                &outsider,
            )),
        ),
        Field::new("capacity", i18n::t(lang, "net-capacity"), Kind::Text)
            .value(input.capacity_hours.clone())
            .hint(i18n::t_args(
                lang,
                "net-capacity-hint",
                &[("max", i18n::n(i64::from(network::MAX_CAPACITY_HOURS)))],
            ))
            .required()
            .max(8)
            .errors(lang, e),
    ]
}

fn absence_fields(lang: Lang, form: Option<&FormData>, e: &FieldErrors) -> Vec<Field> {
    let get = |n: &str| form.map(|f| f.string(n)).unwrap_or_default();
    vec![
        Field::new("from", i18n::t(lang, "net-absence-from"), Kind::Date)
            .value(get("from"))
            .required()
            .prefix("absence-")
            .errors(lang, e),
        Field::new("to", i18n::t(lang, "net-absence-to"), Kind::Date)
            .value(get("to"))
            .required()
            .prefix("absence-")
            .errors(lang, e),
    ]
}

fn held_fields(
    state: &AppState,
    lang: Lang,
    form: Option<&FormData>,
    e: &FieldErrors,
) -> Vec<Field> {
    let get = |n: &str| form.map(|f| f.string(n)).unwrap_or_default();
    vec![
        Field::new(
            "method",
            i18n::t(lang, "net-method"),
            Kind::Select(opts(method_options(state, lang), &[get("method")])),
        )
        .required()
        .prefix("held-")
        .errors(lang, e),
        Field::new("trainer", i18n::t(lang, "net-trainer"), Kind::Text)
            .value(get("trainer"))
            .hint(i18n::t(lang, "net-trainer-hint"))
            .required()
            .max(vuoro_core::text::limits::NAME)
            .prefix("held-")
            .errors(lang, e),
        Field::new("date", i18n::t(lang, "net-held-date"), Kind::Date)
            .value(get("date"))
            .required()
            .prefix("held-")
            .errors(lang, e),
        Field::new("hours", i18n::t(lang, "net-training-hours"), Kind::Text)
            .value(get("hours"))
            .hint(i18n::t(lang, "net-hours-hint"))
            .required()
            .max(8)
            .prefix("held-")
            .errors(lang, e),
    ]
}

/// What a refused form brings back to the page: which form, what was typed, its errors.
struct Back<'a> {
    refused: Refused,
    form: &'a FormData,
    errors: FieldErrors,
}

/// The person's page again after a refused form, with what was typed and why (422).
async fn refused_again(
    state: &AppState,
    c: Ctx,
    (org, person, rights): (Organisation, User, Rights),
    refused: Refused,
    form: &FormData,
    errors: FieldErrors,
) -> AppResult<Response> {
    let back = Back {
        refused,
        form,
        errors,
    };
    let page = person_view(state, c, org, person, rights, Some(back), None).await?;
    Ok(unprocessable(page))
}

async fn person_view(
    state: &AppState,
    c: Ctx,
    org: Organisation,
    person: User,
    rights: Rights,
    back: Option<Back<'_>>,
    confirm: Option<AbsenceId>,
) -> AppResult<PersonPage> {
    let lang = c.lang;
    let profile = state.store.profile(org.id, person.id).await?;
    let units = state.store.units(org.id).await?;
    let unit_name = |id: Option<vuoro_core::UnitId>| {
        id.and_then(|id| units.iter().find(|u| u.id == id))
            .map_or_else(|| i18n::t(lang, "net-no-unit"), |u| u.name.clone())
    };
    let none = FieldErrors::new();
    let form_of = |r: Refused| {
        back.as_ref()
            .filter(|b| b.refused == r)
            .map(|b| (b.form, &b.errors))
    };
    let stored = profile.clone().unwrap_or_default();
    let input = match form_of(Refused::Profile) {
        Some((f, _)) => profile_input(f),
        None => ProfileInput {
            unit: stored.unit.map(|u| u.to_string()).unwrap_or_default(),
            languages: stored
                .languages
                .iter()
                .map(|l| l.code().to_owned())
                .collect(),
            methods: stored.methods.iter().cloned().collect(),
            takes_outsider: stored.takes_outsider,
            capacity_hours: profile
                .as_ref()
                .map(|p| network::hours_text(p.capacity_minutes))
                .unwrap_or_default(),
        },
    };
    let profile_errors = form_of(Refused::Profile).map_or(&none, |(_, e)| e);
    let facts = match &profile {
        None => vec![(
            i18n::t(lang, "net-profile"),
            i18n::t(lang, "net-no-profile"),
        )],
        Some(p) => profile_facts(state, lang, p, unit_name(p.unit)),
    };
    let absences: Vec<AbsenceRow> = state
        .store
        .absences(org.id, person.id)
        .await?
        .into_iter()
        .filter(|a| a.is_current_or_coming(today()))
        .map(|a: Absence| AbsenceRow {
            id: a.id,
            dates: span_text(a.from, a.to),
        })
        .collect();
    let confirm = confirm.and_then(|id| {
        absences.iter().find(|a| a.id == id).map(|a| AbsenceRow {
            id: a.id,
            dates: a.dates.clone(),
        })
    });
    let held = state
        .store
        .held_trainings(org.id, person.id)
        .await?
        .into_iter()
        .map(|h| HeldRow {
            method: method_name(state, lang, &h.method),
            trainer: h.trainer,
            date: format_date(h.date),
            hours: hours(lang, h.minutes),
            recorded: h.training,
        })
        .collect();
    // The processes they facilitate that are still coming: to themselves and the coordinator,
    // who see those processes anyway; an admin sees the network, not its processes.
    let mut hours_rows = None;
    let coming = if rights.own || rights.manage {
        let filter = ProcessFilter {
            org: Some(org.id),
            facilitator: Some(person.id),
            ..ProcessFilter::default()
        };
        let day = today();
        let led = state.store.processes(&filter).await?;
        // Hours: every session of the processes they lead (not cancelled) counts in its month,
        // as planned and as corrected by the hours recorded after it; the last three months
        // and those to come are shown against the capacity. A partner's processes they lead
        // count too (as sums per month: their titles are the partner's).
        let booked: Vec<_> = crate::proposals::bookings(state, None, Some(person.id))
            .await?
            .into_iter()
            .flat_map(|b| b.sessions)
            .collect();
        // This month and the three before it, whatever the day of the month.
        let this = YearMonth::of(OffsetDateTime::now_utc());
        let index = this.year * 12 + i32::from(this.month) - 1 - 3;
        let from = YearMonth {
            year: index.div_euclid(12),
            month: u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1),
        };
        let capacity = profile.as_ref().map(|p| p.capacity_minutes);
        hours_rows = Some(
            proposals::booked_per_month(&booked)
                .into_iter()
                .filter(|(m, _)| *m >= from)
                .map(|(m, minutes)| HoursRow {
                    month: format!("{}/{}", m.month, m.year),
                    planned: hours(lang, minutes.planned),
                    corrected: hours(lang, minutes.corrected),
                    capacity: capacity.map_or_else(|| "–".to_owned(), |c| hours(lang, c)),
                    over: capacity.is_none_or(|c| minutes.corrected > c),
                })
                .collect(),
        );
        let mut list: Vec<_> = led
            .into_iter()
            .filter(|p| !p.state.is_final() && p.last_session.is_none_or(|d| d >= day))
            .collect();
        list.sort_by_key(|p| (p.first_session.is_none(), p.first_session, p.id));
        Some(
            list.into_iter()
                .map(|p| ComingRow {
                    id: p.id,
                    dates: process_dates(lang, &p),
                    state: i18n::t(lang, &format!("state-{}", p.state.code())),
                    awaiting: p.awaiting_answer,
                    title: p.title,
                })
                .collect(),
        )
    } else {
        None
    };
    let open = if rights.own
        && state
            .store
            .roles(org.id, person.id)
            .await?
            .has(Role::Facilitator)
    {
        Some(open_orders(state, lang, org.id, person.id).await?)
    } else {
        None
    };
    let absence_back = form_of(Refused::Absence);
    let held_back = form_of(Refused::Held);
    Ok(PersonPage {
        profile_fields: profile_fields(state, lang, &units, &input, profile_errors),
        absence_fields: absence_fields(
            lang,
            absence_back.map(|(f, _)| f),
            absence_back.map_or(&none, |(_, e)| e),
        ),
        held_fields: held_fields(
            state,
            lang,
            held_back.map(|(f, _)| f),
            held_back.map_or(&none, |(_, e)| e),
        ),
        refused: back.as_ref().map(|b| b.refused),
        own: rights.own,
        edit: rights.edit,
        manage: rights.manage,
        facts,
        absences,
        held,
        coming,
        open,
        declined: false,
        hours: hours_rows,
        confirm,
        saved: false,
        person,
        org,
        c,
    })
}

fn profile_facts(state: &AppState, lang: Lang, p: &Profile, unit: String) -> Vec<(String, String)> {
    let langs: Vec<String> = p
        .languages
        .iter()
        .map(|l| i18n::t(lang, &format!("plang-{}", l.code())))
        .collect();
    let methods: Vec<String> = p
        .methods
        .iter()
        .map(|m| method_name(state, lang, m))
        .collect();
    let dash = || "–".to_owned();
    vec![
        (i18n::t(lang, "net-unit"), unit),
        (
            i18n::t(lang, "net-languages"),
            if langs.is_empty() {
                dash()
            } else {
                langs.join(", ")
            },
        ),
        (
            i18n::t(lang, "net-methods"),
            if methods.is_empty() {
                dash()
            } else {
                methods.join(", ")
            },
        ),
        (
            i18n::t(lang, "net-outsider"),
            i18n::t(
                lang,
                if p.takes_outsider {
                    "net-outsider-takes"
                } else {
                    "net-outsider-not"
                },
            ),
        ),
        (
            i18n::t(lang, "net-capacity"),
            i18n::t_args(
                lang,
                "net-capacity-value",
                &[("hours", i18n::f(f64::from(p.capacity_minutes) / 60.0))],
            ),
        ),
    ]
}

fn person_path(org: OrgId, person: UserId) -> String {
    format!("/orgs/{org}/network/people/{person}")
}

async fn person_page(
    State(state): State<AppState>,
    c: Ctx,
    Path((org, person)): Path<(String, String)>,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let (org, person, rights) = person_of(&state, &c, &org, &person).await?;
    let mut page = person_view(&state, c, org, person, rights, None, None).await?;
    page.saved = q.get("saved").is_some_and(|v| v == "1");
    page.declined = page.own && q.get("declined").is_some_and(|v| v == "1");
    Ok(page.into_response())
}

async fn save_profile(
    State(state): State<AppState>,
    c: Ctx,
    Path((org, person)): Path<(String, String)>,
    form: FormData,
) -> AppResult<Response> {
    let (org, person, rights) = person_of(&state, &c, &org, &person).await?;
    if !rights.edit {
        return Err(AppError::Forbidden);
    }
    let units: Vec<_> = state
        .store
        .units(org.id)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    match profile_input(&form).validate(&units, &method_ids(&state)) {
        Ok(p) => {
            state
                .store
                .save_profile(org.id, person.id, &p, OffsetDateTime::now_utc())
                .await?;
            Ok(redirect(&format!(
                "{}?saved=1",
                person_path(org.id, person.id)
            )))
        }
        Err(errors) => {
            refused_again(
                &state,
                c,
                (org, person, rights),
                Refused::Profile,
                &form,
                errors,
            )
            .await
        }
    }
}

async fn add_absence(
    State(state): State<AppState>,
    c: Ctx,
    Path((org, person)): Path<(String, String)>,
    form: FormData,
) -> AppResult<Response> {
    let (org, person, rights) = person_of(&state, &c, &org, &person).await?;
    if !rights.edit {
        return Err(AppError::Forbidden);
    }
    match network::date_span(form.get("from"), form.get("to")) {
        Ok((from, to)) => {
            let a = Absence {
                id: AbsenceId::new(),
                from,
                to,
            };
            state
                .store
                .add_absence(org.id, person.id, &a, OffsetDateTime::now_utc())
                .await?;
            Ok(redirect(&format!(
                "{}#h-absences",
                person_path(org.id, person.id)
            )))
        }
        Err(errors) => {
            refused_again(
                &state,
                c,
                (org, person, rights),
                Refused::Absence,
                &form,
                errors,
            )
            .await
        }
    }
}

/// Deleting an absence asks first: without `confirm=yes` the page comes back with the question.
async fn delete_absence(
    State(state): State<AppState>,
    c: Ctx,
    Path((org, person, absence)): Path<(String, String, String)>,
    form: FormData,
) -> AppResult<Response> {
    let (org, person, rights) = person_of(&state, &c, &org, &person).await?;
    if !rights.edit {
        return Err(AppError::Forbidden);
    }
    let id = AbsenceId::parse(&absence).map_err(|_| AppError::NotFound)?;
    if form.get("confirm") != "yes" {
        if !state
            .store
            .absences(org.id, person.id)
            .await?
            .iter()
            .any(|a| a.id == id)
        {
            return Err(AppError::NotFound);
        }
        return Ok(person_view(&state, c, org, person, rights, None, Some(id))
            .await?
            .into_response());
    }
    state.store.delete_absence(org.id, person.id, id).await?;
    Ok(redirect(&format!(
        "{}#h-absences",
        person_path(org.id, person.id)
    )))
}

/// A training done before the platform, added by a coordinator.
async fn add_held(
    State(state): State<AppState>,
    c: Ctx,
    Path((org, person)): Path<(String, String)>,
    form: FormData,
) -> AppResult<Response> {
    let (org, person, rights) = person_of(&state, &c, &org, &person).await?;
    if !rights.manage {
        return Err(AppError::Forbidden);
    }
    let input = HeldTrainingInput {
        method: form.string("method"),
        trainer: form.string("trainer"),
        date: form.string("date"),
        hours: form.string("hours"),
    };
    match input.validate(&method_ids(&state)) {
        Ok(held) => {
            let actor = c.user()?.id;
            state
                .store
                .add_held_training(org.id, person.id, &held, actor, OffsetDateTime::now_utc())
                .await?;
            Ok(redirect(&format!(
                "{}#h-trainings",
                person_path(org.id, person.id)
            )))
        }
        Err(errors) => {
            refused_again(
                &state,
                c,
                (org, person, rights),
                Refused::Held,
                &form,
                errors,
            )
            .await
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Trainings

#[derive(Template, WebTemplate)]
#[template(path = "network_training_new.html")]
struct NewTrainingPage {
    c: Ctx,
    org: Organisation,
    first: Vec<Field>,
    second: Vec<Field>,
    trainees: Field,
    has_errors: bool,
}

async fn new_training_page(
    state: &AppState,
    c: Ctx,
    org: Organisation,
    form: Option<&FormData>,
    e: &FieldErrors,
) -> AppResult<NewTrainingPage> {
    let lang = c.lang;
    let get = |n: &str| form.map(|f| f.string(n)).unwrap_or_default();
    let members = members_by_name(state, org.id).await?;
    let people: Vec<(UserId, String)> = members
        .iter()
        .map(|m| (m.user.id, m.user.name.clone()))
        .collect();
    let chosen = form.map(|f| f.all("trainees")).unwrap_or_default();
    let first = vec![
        Field::new(
            "method",
            i18n::t(lang, "net-method"),
            Kind::Select(opts(method_options(state, lang), &[get("method")])),
        )
        .required()
        .errors(lang, e),
        Field::new("trainer", i18n::t(lang, "net-trainer"), Kind::Text)
            .value(get("trainer"))
            .required()
            .max(vuoro_core::text::limits::NAME)
            .errors(lang, e),
    ];
    let second = vec![
        Field::new("from", i18n::t(lang, "net-training-from"), Kind::Date)
            .value(get("from"))
            .required()
            .errors(lang, e),
        Field::new("to", i18n::t(lang, "net-training-to"), Kind::Date)
            .value(get("to"))
            .required()
            .errors(lang, e),
        Field::new("hours", i18n::t(lang, "net-training-hours"), Kind::Text)
            .value(get("hours"))
            .hint(i18n::t(lang, "net-hours-hint"))
            .required()
            .max(8)
            .errors(lang, e),
    ];
    let trainees = people_field("trainees", i18n::t(lang, "net-trainees"), &people, &chosen)
        .required()
        .errors(lang, e);
    Ok(NewTrainingPage {
        has_errors: !e.is_empty(),
        first,
        second,
        trainees,
        org,
        c,
    })
}

async fn new_training(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
) -> AppResult<Response> {
    let org = manager(&state, &c, &org).await?;
    Ok(new_training_page(&state, c, org, None, &FieldErrors::new())
        .await?
        .into_response())
}

async fn create_training(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let org = manager(&state, &c, &org).await?;
    let members: Vec<UserId> = state
        .store
        .members(org.id)
        .await?
        .into_iter()
        .map(|m| m.user.id)
        .collect();
    let input = TrainingInput {
        method: form.string("method"),
        trainer: form.string("trainer"),
        from: form.string("from"),
        to: form.string("to"),
        hours: form.string("hours"),
        trainees: form.all("trainees"),
    };
    match input.validate(org.id, &method_ids(&state), &members) {
        Ok((training, trainees)) => {
            let actor = c.user()?.id;
            state
                .store
                .create_training(&training, &trainees, actor, OffsetDateTime::now_utc())
                .await?;
            Ok(redirect(&format!(
                "/orgs/{}/network/trainings/{}",
                org.id, training.id
            )))
        }
        Err(e) => {
            let page = new_training_page(&state, c, org, Some(&form), &e).await?;
            Ok(unprocessable(page))
        }
    }
}

#[derive(Debug)]
pub struct TraineeRow {
    pub id: UserId,
    pub name: String,
    pub completed: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "network_training.html")]
struct TrainingPage {
    c: Ctx,
    org: Organisation,
    manage: bool,
    method: String,
    trainer: String,
    dates: String,
    hours: String,
    trainees: Vec<TraineeRow>,
    /// The trainees not yet completed, as check boxes, for the coordinator.
    to_complete: Option<Field>,
    /// Who became facilitators by the completion just saved.
    became: Vec<String>,
    id: TrainingId,
}

async fn training_of(
    state: &AppState,
    org: &Organisation,
    id: &str,
) -> AppResult<vuoro_store::TrainingRecord> {
    let id = TrainingId::parse(id).map_err(|_| AppError::NotFound)?;
    let t = state.store.training(id).await?;
    if t.training.org != org.id {
        return Err(AppError::NotFound);
    }
    Ok(t)
}

async fn training_view(
    state: &AppState,
    c: Ctx,
    org: Organisation,
    manage: bool,
    record: vuoro_store::TrainingRecord,
    error: Option<FieldError>,
    became: Vec<String>,
) -> AppResult<TrainingPage> {
    let lang = c.lang;
    let ids: Vec<UserId> = record.trainees.iter().map(|t| t.user).collect();
    let users = state.store.users(&ids).await?;
    let mut trainees: Vec<TraineeRow> = record
        .trainees
        .iter()
        .map(|t| TraineeRow {
            id: t.user,
            name: users
                .get(&t.user)
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            completed: t
                .completed_at
                .map(|at| format_date(at.to_offset(crate::processes::helsinki_offset(at)).date())),
        })
        .collect();
    trainees.sort_by_key(|t| t.name.to_lowercase());
    let open: Vec<(UserId, String)> = trainees
        .iter()
        .filter(|t| t.completed.is_none())
        .map(|t| (t.id, t.name.clone()))
        .collect();
    let to_complete = (manage && !open.is_empty()).then(|| {
        let mut f = people_field("completed", i18n::t(lang, "net-complete-who"), &open, &[]);
        f.error = error.map(|e| crate::fields::message(lang, &e));
        f
    });
    let t = &record.training;
    Ok(TrainingPage {
        method: method_name(state, lang, &t.method),
        trainer: t.trainer.clone(),
        dates: span_text(t.from, t.to),
        hours: hours(lang, t.minutes),
        id: t.id,
        trainees,
        to_complete,
        became,
        manage,
        org,
        c,
    })
}

async fn training_page(
    State(state): State<AppState>,
    c: Ctx,
    Path((org, training)): Path<(String, String)>,
) -> AppResult<Response> {
    let (org, manage) = viewer(&state, &c, &org).await?;
    let record = training_of(&state, &org, &training).await?;
    Ok(
        training_view(&state, c, org, manage, record, None, Vec::new())
            .await?
            .into_response(),
    )
}

async fn complete(
    State(state): State<AppState>,
    c: Ctx,
    Path((org, training)): Path<(String, String)>,
    form: FormData,
) -> AppResult<Response> {
    let org = manager(&state, &c, &org).await?;
    let record = training_of(&state, &org, &training).await?;
    let open: Vec<UserId> = record
        .trainees
        .iter()
        .filter(|t| t.completed_at.is_none())
        .map(|t| t.user)
        .collect();
    let chosen = match network::chosen_people(&form.all("completed"), &open) {
        Ok(c) if !c.is_empty() => Ok(c),
        Ok(_) => Err(FieldError::Required),
        Err(e) => Err(e),
    };
    let chosen = match chosen {
        Ok(c) => c,
        Err(e) => {
            let page = training_view(&state, c, org, true, record, Some(e), Vec::new()).await?;
            return Ok(unprocessable(page));
        }
    };
    let actor = c.user()?.id;
    let done = state
        .store
        .complete_training(
            record.training.id,
            &chosen,
            actor,
            OffsetDateTime::now_utc(),
        )
        .await
        .map_err(|e| match e {
            vuoro_store::StoreError::Conflict(_) => AppError::Conflict("net-error-unconfirmed"),
            other => other.into(),
        })?;
    let users = state.store.users(&done.became_facilitators).await?;
    let mut became: Vec<String> = done
        .became_facilitators
        .iter()
        .filter_map(|u| users.get(u).map(|u| u.name.clone()))
        .collect();
    became.sort();
    let record = state.store.training(record.training.id).await?;
    Ok(training_view(&state, c, org, true, record, None, became)
        .await?
        .into_response())
}

// ---------------------------------------------------------------------------------------------
// Meetings

#[derive(Template, WebTemplate)]
#[template(path = "network_meeting_new.html")]
struct NewMeetingPage {
    c: Ctx,
    org: Organisation,
    fields: Vec<Field>,
    has_errors: bool,
}

fn meeting_fields(lang: Lang, form: Option<&FormData>, e: &FieldErrors) -> Vec<Field> {
    let get = |n: &str| form.map(|f| f.string(n)).unwrap_or_default();
    vec![
        Field::new("date", i18n::t(lang, "net-meeting-date"), Kind::Date)
            .value(get("date"))
            .required()
            .errors(lang, e),
        Field::new("title", i18n::t(lang, "net-meeting-title"), Kind::Text)
            .value(get("title"))
            .required()
            .max(vuoro_core::text::limits::NAME)
            .errors(lang, e),
        Field::new("place", i18n::t(lang, "net-meeting-place"), Kind::Text)
            .value(get("place"))
            .hint(i18n::t(lang, "net-meeting-place-hint"))
            .max(vuoro_core::text::limits::NAME)
            .errors(lang, e),
    ]
}

async fn new_meeting(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
) -> AppResult<Response> {
    let org = manager(&state, &c, &org).await?;
    let fields = meeting_fields(c.lang, None, &FieldErrors::new());
    Ok(NewMeetingPage {
        c,
        org,
        fields,
        has_errors: false,
    }
    .into_response())
}

async fn create_meeting(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let org = manager(&state, &c, &org).await?;
    let input = MeetingInput {
        date: form.string("date"),
        title: form.string("title"),
        place: form.string("place"),
    };
    match input.validate(org.id) {
        Ok(m) => {
            let actor = c.user()?.id;
            state
                .store
                .create_meeting(&m, actor, OffsetDateTime::now_utc())
                .await?;
            Ok(redirect(&format!(
                "/orgs/{}/network/meetings/{}",
                org.id, m.id
            )))
        }
        Err(e) => {
            let fields = meeting_fields(c.lang, Some(&form), &e);
            Ok(unprocessable(NewMeetingPage {
                c,
                org,
                fields,
                has_errors: true,
            }))
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "network_meeting.html")]
struct MeetingPage {
    c: Ctx,
    org: Organisation,
    id: MeetingId,
    title: String,
    date: String,
    place: Option<String>,
    attended: Vec<String>,
    field: Option<Field>,
    saved: bool,
}

async fn meeting_of(
    state: &AppState,
    org: &Organisation,
    id: &str,
) -> AppResult<(vuoro_core::network::Meeting, Vec<UserId>)> {
    let id = MeetingId::parse(id).map_err(|_| AppError::NotFound)?;
    let (m, people) = state.store.meeting(id).await?;
    if m.org != org.id {
        return Err(AppError::NotFound);
    }
    Ok((m, people))
}

async fn meeting_view(
    state: &AppState,
    c: Ctx,
    org: Organisation,
    manage: bool,
    id: &str,
    error: Option<FieldError>,
    saved: bool,
) -> AppResult<MeetingPage> {
    let (m, people) = meeting_of(state, &org, id).await?;
    let users = state.store.users(&people).await?;
    let mut attended: Vec<String> = people
        .iter()
        .filter_map(|u| users.get(u).map(|u| u.name.clone()))
        .collect();
    attended.sort_by_key(|n| n.to_lowercase());
    let field = if manage {
        let members = members_by_name(state, org.id).await?;
        let mut list: Vec<(UserId, String)> = members
            .iter()
            .map(|m| (m.user.id, m.user.name.clone()))
            .collect();
        // Someone who attended and has left the organisation since stays ticked.
        for p in &people {
            if !list.iter().any(|(id, _)| id == p)
                && let Some(u) = users.get(p)
            {
                list.push((*p, u.name.clone()));
            }
        }
        let chosen: Vec<String> = people.iter().map(ToString::to_string).collect();
        let mut f = people_field(
            "attended",
            i18n::t(c.lang, "net-attended-who"),
            &list,
            &chosen,
        );
        f.error = error.map(|e| crate::fields::message(c.lang, &e));
        Some(f)
    } else {
        None
    };
    Ok(MeetingPage {
        id: m.id,
        title: m.title,
        date: format_date(m.date),
        place: m.place,
        attended,
        field,
        saved,
        org,
        c,
    })
}

async fn meeting_page(
    State(state): State<AppState>,
    c: Ctx,
    Path((org, meeting)): Path<(String, String)>,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let (org, manage) = viewer(&state, &c, &org).await?;
    let saved = q.get("saved").is_some_and(|v| v == "1");
    Ok(meeting_view(&state, c, org, manage, &meeting, None, saved)
        .await?
        .into_response())
}

async fn attendance(
    State(state): State<AppState>,
    c: Ctx,
    Path((org, meeting)): Path<(String, String)>,
    form: FormData,
) -> AppResult<Response> {
    let org = manager(&state, &c, &org).await?;
    let (m, people) = meeting_of(&state, &org, &meeting).await?;
    let mut allowed: Vec<UserId> = state
        .store
        .members(org.id)
        .await?
        .into_iter()
        .map(|m| m.user.id)
        .collect();
    allowed.extend(people);
    match network::chosen_people(&form.all("attended"), &allowed) {
        Ok(chosen) => {
            state.store.set_attendance(m.id, &chosen).await?;
            Ok(redirect(&format!(
                "/orgs/{}/network/meetings/{}?saved=1",
                org.id, m.id
            )))
        }
        Err(e) => {
            let page = meeting_view(&state, c, org, true, &meeting, Some(e), false).await?;
            Ok(unprocessable(page))
        }
    }
}
