//! The permission table: one row per route and method, saying what every kind of caller gets.
//! The list of routes comes from the router itself (`vuoro_web::route_paths`), so a route added
//! without a row fails here, and so does a row whose route is gone. Every row is then called by
//! every caller against one shared fixture, and the answer's class is checked.

use crate::helpers::*;
use crate::live::{open_session, process_in_phase1};
use reqwest::redirect::Policy;
use reqwest::{Client, Method, StatusCode};
use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicU32, Ordering};
use time::{Duration, OffsetDateTime};
use vuoro_core::{OrgId, ProcessId, Role, RoleSet};
use vuoro_store::{Invitation, LoginSession, NewUser};
use vuoro_web::util::{hash_token, random_token};

/// Who calls. The column order of every row's expectations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    /// No session at all.
    Anon,
    /// A site administrator with no role in the organisation.
    Site,
    /// The organisation's admin.
    Admin,
    /// The organisation's coordinator.
    Coord,
    /// The orderer of the processes.
    Orderer,
    /// Their facilitator.
    Fac,
    /// Another facilitator of the organisation, not assigned.
    Fac2,
    /// A user holding every role, but in another organisation.
    Stranger,
    /// A user with no role anywhere.
    Nobody,
    /// A phone that joined the live session of the process.
    Phone,
    /// A phone that joined a live session of another process.
    Phone2,
}

const WHO: [Who; 11] = [
    Who::Anon,
    Who::Site,
    Who::Admin,
    Who::Coord,
    Who::Orderer,
    Who::Fac,
    Who::Fac2,
    Who::Stranger,
    Who::Nobody,
    Who::Phone,
    Who::Phone2,
];

/// What a caller gets, one letter per caller in the order of [`WHO`]:
/// `Y` allowed (2xx, 422, or 303 to a page of the app other than the log-in or join page),
/// `F` 403, `N` 404 (the thing's existence is not theirs to know), `L` 303 to `/login`,
/// `J` 303 to the join page (a phone route asked without the session's participant cookie),
/// `C` 409: past the permission check, refused by the state of things.
fn class(status: StatusCode, location: &str) -> char {
    match status.as_u16() {
        200..=299 | 422 => 'Y',
        303 if location == "/login" => 'L',
        303 if location.starts_with("/join/") => 'J',
        303 => 'Y',
        403 => 'F',
        404 => 'N',
        409 => 'C',
        _ => '?',
    }
}

/// Which process a row's `{id}` is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum On {
    /// `Q`: ordered, its plan still being agreed.
    Plan,
    /// `P`: a Good Practices Dialogue, in phase 2 with a live session open, then in its
    /// summary step.
    Live,
}

/// When a row runs: while `P` is in phase 2, or once its summary is out for comments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Phase2,
    Summary,
}

/// Something a row uses up, made anew before each call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fresh {
    /// A session of the caller's own (logging out ends it).
    Login,
    /// A session in `Q`'s plan (`{sid}`), to be deleted.
    PlanSession,
    /// A catalogue activity (`{id}`), to be deleted.
    Activity,
    /// An invitation (`{token}`), to be accepted.
    Invitation,
    /// A completion request (`{rid}`), to be resolved.
    Request,
    /// The phone's raised hand, to be given the turn.
    Hand,
    /// A working link sharing `P`'s summary (`{token}`), made anew after revoking the last.
    SummaryLink,
    /// A mailed link (`{token}`) of an account of its own, to be used: a password reset or an
    /// address confirmation.
    MailedLink(vuoro_store::TokenPurpose),
    /// `Q` offered anew to its facilitator, awaiting their answer.
    Offer,
    /// A partnership (`{id}`) proposed to the organisation by a new one, to be accepted.
    Partnership,
}

struct Row {
    method: Method,
    route: &'static str,
    on: On,
    stage: Stage,
    fresh: Option<Fresh>,
    fields: Vec<(&'static str, &'static str)>,
    /// One letter per caller, in the order of [`WHO`]; spaces are for the eye.
    want: &'static str,
}

fn row(method: Method, route: &'static str, want: &'static str) -> Row {
    Row {
        method,
        route,
        on: On::Live,
        stage: Stage::Phase2,
        fresh: None,
        fields: Vec::new(),
        want,
    }
}

impl Row {
    fn on(mut self, on: On) -> Self {
        self.on = on;
        self
    }
    fn stage(mut self, stage: Stage) -> Self {
        self.stage = stage;
        self
    }
    fn fresh(mut self, f: Fresh) -> Self {
        self.fresh = Some(f);
        self
    }
    fn fields(mut self, fields: &[(&'static str, &'static str)]) -> Self {
        self.fields = fields.to_vec();
        self
    }
    fn wants(&self) -> Vec<char> {
        self.want.chars().filter(|c| !c.is_whitespace()).collect()
    }
}

const GET: Method = Method::GET;
const POST: Method = Method::POST;

// Expectations that recur. Columns: anon site admin coord orderer fac fac2 stranger nobody phone
// phone2.
/// Public pages: everyone.
const ALL: &str = "Y Y Y Y Y Y Y Y Y Y Y";
/// Pages that do not exist in this configuration, for anyone.
const NONE: &str = "N N N N N N N N N N N";
/// The site administration.
const SITE: &str = "L Y F F F F F F F L L";
/// Managing the organisation.
const MANAGE: &str = "L Y Y F F F F F F L L";
/// Seeing a process: its coordinator, orderer and facilitator; others are told it does not
/// exist.
const VIEW: &str = "L N N Y Y Y N N N L L";
/// Editing the plan before it is agreed: everyone who sees the process.
const EDIT_PLAN: &str = VIEW;
/// Running a live session: its facilitator, during the phases.
const RUN: &str = "L N N F F Y N N N L L";
/// A phone route of the open session: its participants; anyone else is sent to join.
const PHONE: &str = "J J J J J J J J J Y J";
/// Curating themes in phase 2: the facilitator.
const CURATE: &str = RUN;
/// Following up practices, and the summary: the orderer and the facilitator.
const FOLLOW_UP: &str = "L N N F Y Y N N N L L";
/// Keeping the catalogue (organisation admin, coordinator, site admin); others are told there
/// is no catalogue to keep.
const CATALOGUE: &str = "L Y Y Y N N N N N L L";
/// The organisation's plans: as the catalogue.
const PLANS: &str = CATALOGUE;
/// Seeing the facilitator network: coordinators and admins.
const NETWORK: &str = "L F Y Y F F F F F L L";
/// Keeping the network (trainings, meetings): the coordinator.
const NETWORK_KEEP: &str = "L F F Y F F F F F L L";
/// Changing a facilitator's profile (`{person}`, the facilitator): the coordinator and the
/// facilitator themselves.
const PROFILE: &str = "L F F Y F Y F F F L L";

/// Every route and method with what each caller gets.
fn table() -> Vec<Row> {
    let order: &[(&str, &str)] = &[
        ("community", "Oikeudet"),
        ("reason", "Organisaatiomuutos"),
        ("outcome", "Yhteinen ymmärrys"),
        ("timing", "Helmikuu"),
        ("participant_count", "12"),
        ("participant_kinds", "staff"),
        ("languages", "fi"),
        ("format", "face_to_face"),
        ("method", "eratauko"),
    ];
    let session: &[(&str, &str)] = &[
        ("version", "{Qv}"),
        ("title", "Lisäistunto"),
        ("phase", "1"),
        ("date", "2027-06-01"),
        ("start", "10:00"),
        ("end", "11:00"),
        ("format", "face_to_face"),
        ("place", "Sali"),
    ];
    let activity: &[(&str, &str)] = &[
        ("text", "Vanhempainiltojen dialogit"),
        ("status", "done"),
        ("contexts", "school"),
        ("topics", "bullying"),
        ("method", "luokkadialogi"),
        ("languages", "fi"),
        ("format", "face_to_face"),
        ("period", "2020–2021"),
        ("count", "noin 10"),
        ("public", "yes"),
    ];
    vec![
        // pages
        // The front page: staff see their work, everyone else is asked to log in.
        row(GET, "/", "L Y Y Y Y Y Y Y Y L L"),
        row(GET, "/lang/{code}", ALL),
        row(GET, "/healthz", ALL),
        // auth: a fresh session for logging out, so the caller's own stays valid
        row(GET, "/login", ALL),
        // Right credentials, so the per-address limit on failed log-ins (item 2) is not touched.
        row(POST, "/login", ALL).fields(&[("email", "{site_email}"), ("password", PASSWORD)]),
        row(POST, "/logout", "L L L L L L L L L L L").fresh(Fresh::Login),
        // Single sign-on is not configured on the test server: both routes are not there.
        row(POST, "/login/sso", "N N N N N N N N N N N"),
        row(GET, "/login/sso/callback", "N N N N N N N N N N N"),
        row(GET, "/invite/{token}", ALL).fresh(Fresh::Invitation),
        // A new address, so accepting creates an account; invitations for existing accounts
        // change with item 1 (`auth.rs`).
        row(POST, "/invite/{token}", ALL)
            .fresh(Fresh::Invitation)
            .fields(&[("name", "Uusi Ihminen"), ("password", PASSWORD)]),
        // passwords and addresses by e-mail: the reset form exists only with mail configured
        // (this server has none); a mailed link works for whoever holds it, once.
        row(GET, "/password/forgot", NONE),
        row(POST, "/password/forgot", NONE).fields(&[("email", "{site_email}")]),
        row(GET, "/password/reset/{token}", ALL)
            .fresh(Fresh::MailedLink(vuoro_store::TokenPurpose::PasswordReset)),
        row(POST, "/password/reset/{token}", ALL)
            .fresh(Fresh::MailedLink(vuoro_store::TokenPurpose::PasswordReset))
            .fields(&[("password", PASSWORD)]),
        row(GET, "/address/confirm/{token}", ALL).fresh(Fresh::MailedLink(
            vuoro_store::TokenPurpose::AddressConfirmation,
        )),
        row(POST, "/address/confirm/{token}", ALL)
            .fresh(Fresh::MailedLink(
                vuoro_store::TokenPurpose::AddressConfirmation,
            ))
            .fields(&[("password", PASSWORD)]),
        // admin
        row(GET, "/admin/orgs", SITE),
        row(POST, "/admin/orgs", SITE).fields(&[("name", "Kunta {uniq}")]),
        row(GET, "/orgs/{org}", MANAGE),
        row(POST, "/orgs/{org}/units", MANAGE).fields(&[("name", "Yksikkö {uniq}")]),
        row(POST, "/orgs/{org}/invitations", MANAGE)
            .fields(&[("email", "kutsu{uniq}@test.vuoro.fi"), ("roles", "orderer")]),
        row(POST, "/orgs/{org}/members/{user}/roles", MANAGE).fields(&[("roles", "orderer")]),
        // Only a site administrator confirms an address (an org admin is refused, 403).
        row(POST, "/orgs/{org}/members/{user}/confirm", SITE),
        // A person's data, export and removal (the removal without `confirm` only asks), and
        // the audit log: whoever manages the organisation.
        row(GET, "/orgs/{org}/members/{user}", MANAGE),
        row(GET, "/orgs/{org}/members/{user}/export", MANAGE),
        row(POST, "/orgs/{org}/members/{user}/remove", MANAGE).fields(&[("how", "anonymise")]),
        row(GET, "/orgs/{org}/audit", MANAGE),
        // an organisation's sign-on settings: its admins (and site administrators)
        row(GET, "/orgs/{org}/sign-on", MANAGE),
        row(POST, "/orgs/{org}/sign-on/groups", MANAGE)
            .fields(&[("group", "ryhmä-{uniq}"), ("roles", "orderer")]),
        // Allowing password log-in, the only change that needs no sign-on on the server.
        row(POST, "/orgs/{org}/sign-on/password", MANAGE).fields(&[("allowed", "yes")]),
        // partner agreements: the organisation's admins (and site administrators); a proposal
        // without its fields comes back with their errors
        row(GET, "/orgs/{org}/partners", MANAGE),
        row(POST, "/orgs/{org}/partners", MANAGE),
        row(POST, "/orgs/{org}/partners/{id}", MANAGE)
            .fields(&[("do", "accept")])
            .fresh(Fresh::Partnership),
        // the method library: anyone who holds a role somewhere, or the site administrator
        row(GET, "/methods", "L Y Y Y Y Y Y Y F L L"),
        row(GET, "/methods/{id}", "L Y Y Y Y Y Y Y F L L"),
        // orders
        row(GET, "/orgs/{org}/orders/new", "L F F Y Y F F F F L L"),
        row(POST, "/orgs/{org}/orders/new", "L F F Y Y F F F F L L").fields(order),
        // processes, on Q: ordered, a facilitator assigned, one session planned
        row(GET, "/orgs/{org}/processes", "L F F Y F F F F F L L"),
        // The joint assignment of the queue: the coordinator's; offering nothing ticked is
        // allowed and changes nothing.
        row(GET, "/orgs/{org}/processes/batch", "L F F Y F F F F F L L"),
        row(POST, "/orgs/{org}/processes/batch", "L F F Y F F F F F L L"),
        row(GET, "/processes/{id}", VIEW).on(On::Plan),
        row(GET, "/processes/{id}/proposals", "L N N Y F F N N N L L").on(On::Plan),
        row(POST, "/processes/{id}/assign", "L N N Y F F N N N L L")
            .on(On::Plan)
            .fields(&[("facilitator", "{fac}")]),
        // Only the facilitator the order was offered to answers; a coordinator or the orderer
        // who sees the process is refused (403).
        row(POST, "/processes/{id}/offer", "L N N F F Y N N N L L")
            .on(On::Plan)
            .fresh(Fresh::Offer)
            .fields(&[("answer", "accept")]),
        // Facilitators of the organisation volunteer; Q has its facilitator, so they are
        // refused by the state of things (409). Whoever sees Q without the role gets 403.
        row(POST, "/processes/{id}/volunteer", "L N N F F C C N N L L")
            .on(On::Plan)
            .fields(&[("do", "volunteer")]),
        row(GET, "/processes/{id}/plan", EDIT_PLAN).on(On::Plan),
        row(POST, "/processes/{id}/plan", EDIT_PLAN)
            .on(On::Plan)
            .fields(&[("version", "{Qv}"), ("summary_visibility", "public")]),
        row(POST, "/processes/{id}/plan/method", EDIT_PLAN)
            .on(On::Plan)
            .fields(&[("version", "{Qv}"), ("method", "eratauko")]),
        row(GET, "/processes/{id}/plan/adapt", EDIT_PLAN).on(On::Plan),
        // Erätauko has eight stages; each keeps its prompts and gets ten minutes.
        row(POST, "/processes/{id}/plan/adapt", EDIT_PLAN)
            .on(On::Plan)
            .fields(&[
                ("version", "{Qv}"),
                ("duration_0", "10"),
                ("duration_1", "10"),
                ("duration_2", "10"),
                ("duration_3", "10"),
                ("duration_4", "10"),
                ("duration_5", "10"),
                ("duration_6", "10"),
                ("duration_7", "10"),
            ]),
        row(POST, "/processes/{id}/plan/sessions", EDIT_PLAN)
            .on(On::Plan)
            .fields(session),
        row(
            POST,
            "/processes/{id}/plan/sessions/{sid}/delete",
            EDIT_PLAN,
        )
        .on(On::Plan)
        .fresh(Fresh::PlanSession)
        .fields(&[("version", "{Qv}")]),
        row(POST, "/processes/{id}/approve", "L N N F F Y N N N L L")
            .on(On::Plan)
            .fields(&[("as", "facilitator"), ("version", "{Qv}")]),
        // Only the facilitator may start a phase; the state machine then refuses (409), as
        // the plan is not agreed.
        row(POST, "/processes/{id}/transition", "L N N F F C N N N L L")
            .on(On::Plan)
            .fields(&[("to", "start_phase1")]),
        // Advice on the method is the coordinator's; Q's order named its method, so the
        // coordinator is refused by the state of things (409).
        row(POST, "/processes/{id}/advice", "L N N C F F N N N L L")
            .on(On::Plan)
            .fields(&[("advice_text", "Erätauko sopii.")]),
        row(GET, "/processes/{id}/versions", VIEW).on(On::Plan),
        row(GET, "/processes/{id}/versions/{v}", VIEW).on(On::Plan),
        row(GET, "/processes/{id}/sessions/{sid}/calendar.ics", VIEW).on(On::Plan),
        // live sessions of P, in phase 2
        row(POST, "/processes/{id}/sessions/{sid}/open", RUN),
        row(GET, "/live/{lid}/run", RUN),
        row(GET, "/live/{lid}/setup", RUN),
        row(GET, "/live/{lid}/remove", RUN),
        // A number no phone has: the runner's people get the form back (422), the fixture's
        // phone stays in for the rows after this one.
        row(POST, "/live/{lid}/remove", RUN).fields(&[("number", "999")]),
        row(POST, "/live/{lid}/control", RUN).fields(&[("do", "extend")]),
        row(GET, "/live/{lid}/projector", RUN),
        // The stream: the facilitator and the session's phones; for anyone else it does not
        // exist.
        row(GET, "/live/{lid}/events", "N N N N N Y N N N Y N"),
        row(GET, "/join", ALL),
        row(GET, "/join/{code}", ALL),
        // Eleven joins from one address: a per-client limit on joining (Part 5, item 3, in
        // `live/phone.rs`) must leave room for a class behind one network address.
        row(POST, "/join/{code}", ALL).fields(&[("lang", "fi")]),
        row(GET, "/plang/{code}", ALL),
        row(GET, "/live/{lid}", PHONE),
        row(POST, "/live/{lid}/notes", PHONE).fields(&[("text", "Taukotila on pieni")]),
        row(POST, "/live/{lid}/notes/{nid}/change", RUN).fields(&[("do", "star")]),
        // The fixture note is in a proposed theme set by then: curated, so its writer is refused.
        row(POST, "/live/{lid}/notes/{nid}/own", "J J J J J J J J J C J")
            .fields(&[("do", "correct"), ("text", "Korjattu")]),
        row(GET, "/live/{lid}/notes/{nid}/card", RUN),
        // A participant's own words (deleting all without `confirm` only asks).
        row(GET, "/live/{lid}/own", PHONE),
        row(POST, "/live/{lid}/own", PHONE).fields(&[("item", "all")]),
        row(GET, "/live/{lid}/notes/{nid}/edit", RUN),
        row(POST, "/live/{lid}/notes/{nid}/edit", RUN)
            .fields(&[("text", "Taukotila on liian pieni")]),
        // Feedback results: whoever sees the process. (Part 5, item 6 changes what the results
        // show, not who may see them.)
        row(GET, "/live/{lid}/feedback", VIEW),
        row(POST, "/live/{lid}/feedback", PHONE).fields(&[("q0", "4"), ("q1", "5")]),
        row(GET, "/live/{lid}/scribe", RUN),
        row(POST, "/live/{lid}/scribe", RUN).fields(&[("text", "Kirjurin muistiinpano")]),
        row(POST, "/live/{lid}/hand", PHONE).fields(&[("do", "raise")]),
        row(POST, "/live/{lid}/hands/{number}/done", RUN).fresh(Fresh::Hand),
        row(POST, "/live/{lid}/cafe", RUN).fields(&[
            ("do", "setup"),
            ("rounds", "2"),
            ("questions", "Mikä toimii?\nMitä kokeilemme?"),
        ]),
        row(POST, "/live/{lid}/openspace", RUN).fields(&[
            ("do", "setup"),
            ("slots", "10.00–10.45"),
            ("spaces", "Sali A\nSali B"),
        ]),
        row(GET, "/live/{lid}/openspace/panel", RUN),
        row(GET, "/live/{lid}/openspace/wall", RUN),
        row(GET, "/live/{lid}/openspace/phone", PHONE),
        row(POST, "/live/{lid}/topics", PHONE).fields(&[("title", "Työrauha")]),
        row(POST, "/live/{lid}/topics/{tid}", RUN).fields(&[("do", "show")]),
        row(POST, "/live/{lid}/topics/{tid}/pick", PHONE).fields(&[("do", "pick")]),
        row(POST, "/live/{lid}/practices", PHONE).fields(&[
            ("kind", "keep"),
            ("title", "Viikkopalaveri"),
            ("owner", "tiimi"),
        ]),
        // themes of P, in phase 2
        row(GET, "/processes/{id}/themes", VIEW),
        // Hours after sessions: the facilitator and the coordinator; P's sessions are still to
        // come, so recording is refused by the state of things (409).
        row(GET, "/processes/{id}/hours", "L N N Y F Y N N N L L"),
        row(POST, "/processes/{id}/hours", "L N N C F C N N N L L")
            .fields(&[("session", "1"), ("hours", "2,5")]),
        row(GET, "/processes/{id}/themes/{scope}", VIEW),
        row(POST, "/processes/{id}/themes/{scope}", CURATE).fields(&[
            ("base", "{themev}"),
            ("do", "rename"),
            ("theme", "1"),
            ("label", "Tilat"),
        ]),
        row(POST, "/processes/{id}/themes/{scope}/propose", CURATE),
        // Themes become open-space topics (the café row above already set up a café).
        row(POST, "/processes/{id}/themes/{scope}/to-session", RUN).fields(&[
            ("live", "{lid}"),
            ("as", "open_space"),
            ("theme", "1"),
        ]),
        row(GET, "/processes/{id}/themes/{scope}/versions/{v}", VIEW),
        // practices of P
        row(GET, "/processes/{id}/practices", VIEW),
        row(POST, "/processes/{id}/practices", FOLLOW_UP).fields(&[
            ("kind", "develop"),
            ("title", "Vuorolistat ajoissa"),
            ("owner", "esihenkilö"),
        ]),
        row(POST, "/processes/{id}/practices/{pid}", FOLLOW_UP)
            .fields(&[("do", "status"), ("status", "in_progress")]),
        // the summary of P, out for comments
        row(GET, "/processes/{id}/summary", VIEW).stage(Stage::Summary),
        row(POST, "/processes/{id}/summary", FOLLOW_UP)
            .stage(Stage::Summary)
            .fields(&[("do", "state"), ("to", "review"), ("base", "{sumv}")]),
        row(GET, "/processes/{id}/summary/sources/{block}", VIEW).stage(Stage::Summary),
        // Participants read and comment with their cookie; for anyone else it does not exist.
        row(GET, "/summary/{id}", "N N N N N N N N N Y N").stage(Stage::Summary),
        row(POST, "/summary/{id}", "N N N N N N N N N Y N")
            .stage(Stage::Summary)
            .fields(&[("text", "Hyvä kooste")]),
        // Sharing the summary by a link: its writers make and revoke it; anyone holding the
        // token reads and comments, account or not.
        row(GET, "/processes/{id}/summary/share", FOLLOW_UP).stage(Stage::Summary),
        row(POST, "/processes/{id}/summary/share", FOLLOW_UP)
            .stage(Stage::Summary)
            .fields(&[("do", "make")]),
        row(GET, "/shared/{token}", ALL)
            .stage(Stage::Summary)
            .fresh(Fresh::SummaryLink),
        row(POST, "/shared/{token}", ALL)
            .stage(Stage::Summary)
            .fresh(Fresh::SummaryLink)
            .fields(&[("text", "Kooste puhuttaa")]),
        // The community's addresses for the summary's mail: the orderer and the facilitator.
        row(GET, "/processes/{id}/community", FOLLOW_UP),
        row(POST, "/processes/{id}/community", FOLLOW_UP)
            .fields(&[("community_addresses", "jasen@vantaa.fi")]),
        // exports: whoever sees the process
        row(GET, "/processes/{id}/export/{file}", VIEW).stage(Stage::Summary),
        row(GET, "/processes/{id}/summary.md", VIEW).stage(Stage::Summary),
        row(GET, "/processes/{id}/summary.docx", VIEW).stage(Stage::Summary),
        row(GET, "/processes/{id}/summary.pdf", VIEW).stage(Stage::Summary),
        // the organisation's catalogue
        row(GET, "/orgs/{org}/catalogue", CATALOGUE),
        row(POST, "/orgs/{org}/catalogue/settings", CATALOGUE)
            .fields(&[("public", "yes"), ("region", "Uusimaa")]),
        row(GET, "/orgs/{org}/catalogue/new", CATALOGUE),
        row(POST, "/orgs/{org}/catalogue/new", CATALOGUE).fields(activity),
        row(GET, "/orgs/{org}/catalogue/{id}", CATALOGUE),
        row(POST, "/orgs/{org}/catalogue/{id}", CATALOGUE).fields(activity),
        row(POST, "/orgs/{org}/catalogue/{id}/delete", CATALOGUE).fresh(Fresh::Activity),
        // Asking for completion: the site administrator and the coordinator, not the admin.
        row(
            POST,
            "/orgs/{org}/catalogue/requests",
            "L Y F Y N N N N N L L",
        )
        .fields(&[("missing", "count"), ("message", "Lisäisittekö määrät?")]),
        row(POST, "/orgs/{org}/catalogue/requests/{rid}", CATALOGUE).fresh(Fresh::Request),
        // the organisation's plans
        row(GET, "/orgs/{org}/plans", PLANS),
        row(POST, "/orgs/{org}/plans", PLANS).fields(&[
            ("name", "Suunnitelma {uniq}"),
            ("description", "Sitoumukset"),
            ("areas", "Osallisuus\nAvoimuus"),
        ]),
        row(GET, "/orgs/{org}/plans/{plan}", PLANS),
        row(
            POST,
            "/orgs/{org}/plans/{plan}/areas/{area}/processes",
            PLANS,
        )
        .fields(&[("process", "{P}")]),
        // Linking from the process page: who sees the process and keeps the catalogue.
        row(POST, "/processes/{id}/plans", "L N N Y F F N N N L L").fields(&[("area", "{area}")]),
        // The retention rule: the orderer and the coordinator.
        row(POST, "/processes/{id}/retention", "L N N Y Y F N N N L L").fields(&[("months", "18")]),
        // the public listing and the open data API
        row(GET, "/listing", ALL),
        row(GET, "/listing/compare", ALL),
        row(GET, "/listing.md", ALL),
        row(GET, "/listing.docx", ALL),
        row(GET, "/api/openapi.json", ALL),
        row(GET, "/api/v1/catalogue/organisations", ALL),
        row(GET, "/api/v1/catalogue/activities", ALL),
        row(GET, "/api/v1/catalogue/activities.csv", ALL),
        // assets
        row(GET, "/assets/live.js", ALL),
        row(GET, "/assets/vuoro.css", ALL),
        row(GET, "/assets/fonts/NotoSans-Regular-latin.woff2", ALL),
        row(GET, "/assets/fonts/NotoSans-Bold-latin.woff2", ALL),
        row(GET, "/assets/fonts/NotoSansArabic-Regular.woff2", ALL),
        row(GET, "/assets/fonts/OFL.txt", ALL),
        // mail: every logged-in person's own settings
        // the facilitator network: "my facilitation" leads a facilitator (anywhere) to their page
        row(GET, "/facilitation", "L N N N N Y Y Y N L L"),
        row(GET, "/orgs/{org}/network", NETWORK),
        // A profile: the network's viewers, and the facilitator themselves.
        row(
            GET,
            "/orgs/{org}/network/people/{person}",
            "L F Y Y F Y F F F L L",
        ),
        row(POST, "/orgs/{org}/network/people/{person}", PROFILE).fields(&[
            ("languages", "fi"),
            ("methods", "eratauko"),
            ("capacity", "6"),
        ]),
        row(
            POST,
            "/orgs/{org}/network/people/{person}/absences",
            PROFILE,
        )
        .fields(&[("from", "2030-01-01"), ("to", "2030-01-02")]),
        // Without `confirm` the deletion only asks.
        row(
            POST,
            "/orgs/{org}/network/people/{person}/absences/{absence}/delete",
            PROFILE,
        ),
        row(
            POST,
            "/orgs/{org}/network/people/{person}/trainings",
            NETWORK_KEEP,
        )
        .fields(&[
            ("method", "eratauko"),
            ("trainer", "THL"),
            ("date", "2020-01-01"),
            ("hours", "8"),
        ]),
        row(GET, "/orgs/{org}/network/trainings/new", NETWORK_KEEP),
        row(POST, "/orgs/{org}/network/trainings", NETWORK_KEEP).fields(&[
            ("method", "eratauko"),
            ("trainer", "THL"),
            ("from", "2027-02-01"),
            ("to", "2027-02-02"),
            ("hours", "12"),
            ("trainees", "{fac}"),
        ]),
        row(GET, "/orgs/{org}/network/trainings/{training}", NETWORK),
        row(
            POST,
            "/orgs/{org}/network/trainings/{training}/complete",
            NETWORK_KEEP,
        )
        .fields(&[("completed", "{fac}")]),
        row(GET, "/orgs/{org}/network/meetings/new", NETWORK_KEEP),
        row(POST, "/orgs/{org}/network/meetings", NETWORK_KEEP)
            .fields(&[("date", "2027-03-01"), ("title", "Tapaaminen {uniq}")]),
        row(GET, "/orgs/{org}/network/meetings/{meeting}", NETWORK),
        row(
            POST,
            "/orgs/{org}/network/meetings/{meeting}/attendance",
            NETWORK_KEEP,
        )
        .fields(&[("attended", "{fac}")]),
        // the network's reports and their CSV tables: as the network page
        row(GET, "/orgs/{org}/network/reports", NETWORK),
        row(GET, "/orgs/{org}/network/reports/{table}", NETWORK),
        row(GET, "/account/mail", "L Y Y Y Y Y Y Y Y L L"),
        row(POST, "/account/mail", "L Y Y Y Y Y Y Y Y L L")
            .fields(&[("lang", "sv"), ("on", "order-assigned")]),
    ]
}

/// The shared fixture: the ids that fill the routes' parameters, and every caller's cookies.
struct Fx {
    org: OrgId,
    /// `Q`, the process whose plan is being agreed, and `P`, the one in its phases.
    q: ProcessId,
    p: ProcessId,
    q_session: String,
    p_session: String,
    lid: String,
    code: String,
    nid: String,
    tid: String,
    pid: String,
    activity: String,
    request: String,
    plan: String,
    area: String,
    member: String,
    fac: String,
    /// The facilitator's absence, a training and a network meeting.
    absence: String,
    training: String,
    meeting: String,
    /// The cookies each caller sends, by the index of [`WHO`].
    cookies: Vec<String>,
    /// A CSRF token every caller holds in a cookie and sends with every form.
    csrf: String,
}

static UNIQ: AtomicU32 = AtomicU32::new(0);

fn pid_of(path: &str) -> ProcessId {
    ProcessId::parse(path.trim_start_matches("/processes/")).expect("a process path")
}

/// A staff session minted in the store, as logging in would; logging in over HTTP for every
/// call would spend most of the test hashing passwords.
async fn session_for(app: &TestApp, who: &str) -> String {
    let token = random_token();
    let now = OffsetDateTime::now_utc();
    app.store
        .create_login(&LoginSession {
            token_hash: hash_token(&token),
            user: app.user_id(who).await,
            created_at: now,
            expires_at: now + Duration::hours(1),
            via: vuoro_store::LoginVia::Password,
        })
        .await
        .expect("session");
    format!("vuoro_session={token}")
}

/// Joins a live session by its code; returns the participant cookie.
async fn join_cookie(client: &Client, app: &TestApp, csrf: &str, code: &str) -> String {
    let r = client
        .post(format!("{}/join/{code}", app.base))
        .header("cookie", format!("vuoro_csrf={csrf}"))
        .form(&[("csrf", csrf), ("lang", "fi")])
        .send()
        .await
        .expect("join");
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "joined");
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("vuoro_p_"))
        .expect("a participant cookie")
        .split(';')
        .next()
        .expect("name=value")
        .to_owned()
}

/// A Good Practices Dialogue in phase 2, with a session planned in each phase.
pub async fn process_in_phase2(app: &TestApp) -> String {
    let orderer = app.login("orderer").await;
    let coordinator = app.login("coordinator").await;
    let facilitator = app.login("facilitator").await;
    let p = order(
        app,
        &orderer,
        "Hyvät käytännöt",
        "hyvien-kaytantojen-dialogit",
    )
    .await;
    let fac = app.user_id("facilitator").await.to_string();
    coordinator
        .post_form(&format!("{p}/assign"), &[("facilitator", &fac)])
        .await;
    accept_offer(app, &p, "facilitator").await;
    for (title, phase, date) in [
        ("Pohdinta", "1", "2027-02-01"),
        ("Käytännöt", "2", "2027-03-01"),
    ] {
        let r = facilitator
            .add_session(
                &p,
                &[
                    ("title", title),
                    ("phase", phase),
                    ("date", date),
                    ("start", "09:00"),
                    ("end", "11:00"),
                    ("format", "face_to_face"),
                    ("place", "Sali"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{title}");
    }
    for (b, side) in [(&orderer, "orderer"), (&facilitator, "facilitator")] {
        let (_, page) = b.text(&p).await;
        let v = plan_version(&page);
        let r = b
            .post_form(&format!("{p}/approve"), &[("as", side), ("version", &v)])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{side} approves");
    }
    for to in ["agree", "start_phase1", "start_phase2"] {
        let r = facilitator
            .post_form(&format!("{p}/transition"), &[("to", to)])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{to}");
    }
    p
}

async fn fixture(app: &TestApp, client: &Client) -> Fx {
    let csrf = random_token();
    let hash = vuoro_web::auth::hash_password(PASSWORD).expect("hash");
    // A user with every role, in another organisation; a member whose roles the admins set.
    let other = app
        .store
        .create_org("Toisen kunnan", time::OffsetDateTime::now_utc())
        .await
        .expect("org")
        .id;
    for (who, org, roles) in [
        ("stranger", other, RoleSet::from_iter(Role::ALL)),
        ("member", app.org, RoleSet::from_iter([Role::Orderer])),
    ] {
        let u = app
            .store
            .create_user(
                NewUser {
                    email: email(who),
                    name: format!("Testi {who}"),
                    password_hash: hash.clone(),
                    site_admin: false,
                },
                time::OffsetDateTime::now_utc(),
            )
            .await
            .expect("user");
        app.store.set_roles(org, u.id, roles).await.expect("roles");
    }

    let orderer = app.login("orderer").await;
    let coordinator = app.login("coordinator").await;
    let facilitator = app.login("facilitator").await;
    let site = app.login("site").await;
    let fac = app.user_id("facilitator").await.to_string();

    // Q: ordered, assigned, one session planned.
    let q = order(app, &orderer, "Suunnitteilla", "eratauko").await;
    let r = coordinator
        .post_form(&format!("{q}/assign"), &[("facilitator", &fac)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = orderer
        .add_session(
            &q,
            &[
                ("title", "Istunto"),
                ("phase", "1"),
                ("date", "2027-05-05"),
                ("start", "10:00"),
                ("end", "12:00"),
                ("format", "face_to_face"),
                ("place", "Sali"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // P: phase 2, its second session open, a phone in it with a note, a topic and a raised
    // hand, feedback open, themes proposed and a practice recorded.
    let p = process_in_phase2(app).await;
    let r = facilitator
        .post_form(&format!("{p}/sessions/2/open"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let run = location(&r);
    let lid = run
        .trim_start_matches("/live/")
        .trim_end_matches("/run")
        .to_owned();
    let live = app
        .store
        .live_session(vuoro_core::LiveSessionId::parse(&lid).expect("id"))
        .await
        .expect("live session");
    let code = live.join_code.to_string();
    let phone = join_cookie(client, app, &csrf, &code).await;
    let send = |path: String, cookie: String, fields: Vec<(&'static str, &'static str)>| {
        let csrf = csrf.clone();
        async move {
            let mut all = vec![("csrf", csrf.as_str())];
            all.extend(fields);
            client
                .post(format!("{}{path}", app.base))
                .header("cookie", format!("{cookie}; vuoro_csrf={csrf}"))
                .form(&all)
                .send()
                .await
                .expect("request")
        }
    };
    let r = send(
        format!("/live/{lid}/notes"),
        phone.clone(),
        vec![("text", "Kahvihuone on liian pieni")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "a note");
    let r = facilitator
        .post_form(
            &format!("/live/{lid}/openspace"),
            &[
                ("do", "setup"),
                ("slots", "10.00–10.45"),
                ("spaces", "Sali A\nSali B"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "an open space");
    let r = send(
        format!("/live/{lid}/topics"),
        phone.clone(),
        vec![("title", "Kahvihuone")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "a topic");
    let r = facilitator
        .post_form(&format!("/live/{lid}/control"), &[("do", "feedback_open")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "feedback opens");
    let r = facilitator
        .post_form(&format!("{p}/themes/process/propose"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "themes");
    let r = orderer
        .post_form(
            &format!("{p}/practices"),
            &[
                ("kind", "keep"),
                ("title", "Aamukahvit"),
                ("owner", "tiimi"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "a practice");

    // Another process with a session open, and a phone in it.
    let p2 = process_in_phase1(app).await;
    let (_, code2) = open_session(app, &p2).await;
    let phone2 = join_cookie(client, app, &csrf, &code2).await;

    // The catalogue: an activity, a request to complete it, a plan with two areas.
    let (p_id, q_id) = (pid_of(&p), pid_of(&q));
    let catalogue = format!("/orgs/{}/catalogue", app.org);
    let r = site
        .post_form(
            &format!("{catalogue}/new"),
            &[
                ("text", "Luokkadialogit"),
                ("status", "done"),
                ("contexts", "school"),
                ("period", "2020–2021"),
                ("count", "noin 10"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "an activity");
    let r = site
        .post_form(
            &format!("{catalogue}/requests"),
            &[("missing", "count"), ("message", "Määrät?")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "a request");
    let r = coordinator
        .post_form(
            &format!("/orgs/{}/plans", app.org),
            &[
                ("name", "Toimintasuunnitelma"),
                ("description", "Sitoumukset"),
                ("areas", "Osallisuus\nAvoimuus"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "a plan");

    let plans = app.store.org_plans(app.org).await.expect("plans");
    let note = app.store.notes(live.id).await.expect("notes");
    let topics = app.store.topics(live.id).await.expect("topics");
    let practices = app.store.practices(p_id).await.expect("practices");
    let activities = app
        .store
        .activities(Some(app.org))
        .await
        .expect("activities");
    let requests = app
        .store
        .completion_requests(app.org)
        .await
        .expect("requests");

    // The network: an absence of the facilitator, a training they take and a meeting.
    let fac_id = app.user_id("facilitator").await;
    let coord_id = app.user_id("coordinator").await;
    let now = OffsetDateTime::now_utc();
    let absence = vuoro_core::network::Absence {
        id: vuoro_core::AbsenceId::new(),
        from: time::macros::date!(2030 - 06 - 01),
        to: time::macros::date!(2030 - 06 - 30),
    };
    app.store
        .add_absence(app.org, fac_id, &absence, now)
        .await
        .expect("absence");
    let training = vuoro_core::network::Training {
        id: vuoro_core::TrainingId::new(),
        org: app.org,
        method: "eratauko".into(),
        trainer: "Erätauko-säätiö".into(),
        from: time::macros::date!(2027 - 02 - 01),
        to: time::macros::date!(2027 - 02 - 02),
        minutes: 720,
    };
    app.store
        .create_training(&training, &[fac_id], coord_id, now)
        .await
        .expect("training");
    let meeting = vuoro_core::network::Meeting {
        id: vuoro_core::MeetingId::new(),
        org: app.org,
        date: time::macros::date!(2027 - 03 - 01),
        title: "Verkostotapaaminen".into(),
        place: None,
    };
    app.store
        .create_meeting(&meeting, coord_id, now)
        .await
        .expect("meeting");

    let mut cookies = Vec::new();
    for who in WHO {
        let c = match who {
            Who::Anon => String::new(),
            Who::Site => session_for(app, "site").await,
            Who::Admin => session_for(app, "admin").await,
            Who::Coord => session_for(app, "coordinator").await,
            Who::Orderer => session_for(app, "orderer").await,
            Who::Fac => session_for(app, "facilitator").await,
            Who::Fac2 => session_for(app, "facilitator2").await,
            Who::Stranger => session_for(app, "stranger").await,
            Who::Nobody => session_for(app, "outsider").await,
            Who::Phone => phone.clone(),
            Who::Phone2 => phone2.clone(),
        };
        cookies.push(c);
    }
    Fx {
        org: app.org,
        q: q_id,
        p: p_id,
        q_session: "1".into(),
        p_session: live.plan_session.to_string(),
        lid,
        code,
        nid: note[0].id.to_string(),
        tid: topics[0].id.to_string(),
        pid: practices[0].id.to_string(),
        activity: activities[0].id.to_string(),
        request: requests[0].id.to_string(),
        plan: plans[0].id.to_string(),
        area: plans[0].areas[0].id.to_string(),
        member: app.user_id("member").await.to_string(),
        absence: absence.id.to_string(),
        training: training.id.to_string(),
        meeting: meeting.id.to_string(),
        fac,
        cookies,
        csrf,
    }
}

/// The values of a route's parameters for a row.
fn params(fx: &Fx, r: &Row) -> HashMap<&'static str, String> {
    let process = match r.on {
        On::Plan => fx.q,
        On::Live => fx.p,
    };
    let id = if r.route.starts_with("/methods/") {
        "eratauko".to_owned()
    } else if r.route.starts_with("/orgs/{org}/catalogue/") {
        fx.activity.clone()
    } else {
        process.to_string()
    };
    let code = if r.route.starts_with("/join/") {
        fx.code.clone()
    } else {
        "en".to_owned()
    };
    let sid = match r.on {
        On::Plan => fx.q_session.clone(),
        On::Live => fx.p_session.clone(),
    };
    HashMap::from([
        ("id", id),
        ("code", code),
        ("sid", sid),
        ("org", fx.org.to_string()),
        ("user", fx.member.clone()),
        ("v", "1".to_owned()),
        ("lid", fx.lid.clone()),
        ("nid", fx.nid.clone()),
        ("tid", fx.tid.clone()),
        ("pid", fx.pid.clone()),
        ("number", "1".to_owned()),
        ("scope", "process".to_owned()),
        ("block", "0".to_owned()),
        ("file", "notes.csv".to_owned()),
        ("rid", fx.request.clone()),
        ("plan", fx.plan.clone()),
        ("area", fx.area.clone()),
        ("token", "not-a-token".to_owned()),
        ("person", fx.fac.clone()),
        ("absence", fx.absence.clone()),
        ("training", fx.training.clone()),
        ("meeting", fx.meeting.clone()),
        ("table", "units.csv".to_owned()),
    ])
}

fn fill(pattern: &str, values: &HashMap<&'static str, String>) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(start) = rest.find('{') {
        let end = rest[start..].find('}').expect("closing brace") + start;
        out.push_str(&rest[..start]);
        let name = &rest[start + 1..end];
        out.push_str(
            values
                .get(name)
                .unwrap_or_else(|| panic!("no value for {{{name}}} in {pattern}")),
        );
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Makes what a row uses up, and returns the parameter it fills (and for a fresh log-in, the
/// cookie to send instead of the caller's own).
async fn make_fresh(
    app: &TestApp,
    fx: &Fx,
    client: &Client,
    f: Fresh,
    who: Who,
    values: &mut HashMap<&'static str, String>,
) -> Option<String> {
    let now = OffsetDateTime::now_utc();
    let n = UNIQ.fetch_add(1, Ordering::SeqCst);
    match f {
        Fresh::Login => {
            let name = match who {
                Who::Site => "site",
                Who::Admin => "admin",
                Who::Coord => "coordinator",
                Who::Orderer => "orderer",
                Who::Fac => "facilitator",
                Who::Fac2 => "facilitator2",
                Who::Stranger => "stranger",
                Who::Nobody => "outsider",
                Who::Anon | Who::Phone | Who::Phone2 => return None,
            };
            return Some(session_for(app, name).await);
        }
        Fresh::Offer => {
            app.store
                .assign_facilitator(
                    fx.q,
                    app.user_id("facilitator").await,
                    app.user_id("coordinator").await,
                    vuoro_core::offer::OfferStatus::Awaiting,
                    now,
                    &[],
                )
                .await
                .expect("offered anew");
        }
        Fresh::Partnership => {
            let county = app
                .store
                .create_org(&format!("Kumppani {n}"), now)
                .await
                .expect("org");
            let p = app
                .store
                .propose_partnership(&vuoro_store::NewPartnership {
                    proposer: county.id,
                    partner: fx.org,
                    scope: vuoro_core::partner::Scope::Outsider,
                    by: app.user_id("admin").await,
                    at: now,
                })
                .await
                .expect("proposed");
            values.insert("id", p.id.to_string());
        }
        Fresh::PlanSession => {
            let orderer = app.login("orderer").await;
            let r = orderer
                .add_session(
                    &format!("/processes/{}", fx.q),
                    &[
                        ("title", "Poistettava"),
                        ("phase", "1"),
                        ("date", "2027-07-01"),
                        ("start", "10:00"),
                        ("end", "11:00"),
                        ("format", "face_to_face"),
                        ("place", "Sali"),
                    ],
                )
                .await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "a session to delete");
            let p = app.store.process(fx.q).await.expect("process");
            let plan = app.store.plan(p.id, p.plan_version).await.expect("plan");
            let last = plan.plan.sessions.last().expect("a session").id;
            values.insert("sid", last.to_string());
        }
        Fresh::Activity => {
            let site = app.login("site").await;
            let r = site
                .post_form(
                    &format!("/orgs/{}/catalogue/new", fx.org),
                    &[
                        ("text", "Poistettava"),
                        ("status", "done"),
                        ("contexts", "school"),
                    ],
                )
                .await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "an activity to delete");
            let all = app
                .store
                .activities(Some(fx.org))
                .await
                .expect("activities");
            let newest = all
                .iter()
                .max_by_key(|a| a.created_at)
                .expect("an activity");
            values.insert("id", newest.id.to_string());
        }
        Fresh::Invitation => {
            let token = random_token();
            app.store
                .create_invitation(
                    &Invitation {
                        token_hash: hash_token(&token),
                        org: fx.org,
                        email: format!("uusi{n}@test.vuoro.fi"),
                        roles: RoleSet::from_iter([Role::Orderer]),
                        invited_by: app.user_id("admin").await,
                        created_at: now,
                        expires_at: now + Duration::days(1),
                        accepted_at: None,
                    },
                    &[],
                )
                .await
                .expect("invitation");
            values.insert("token", token);
        }
        Fresh::Request => {
            let site = app.login("site").await;
            let r = site
                .post_form(
                    &format!("/orgs/{}/catalogue/requests", fx.org),
                    &[("missing", "period"), ("message", "Vuodet?")],
                )
                .await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "a request to resolve");
            let all = app
                .store
                .completion_requests(fx.org)
                .await
                .expect("requests");
            let open = all
                .iter()
                .filter(|r| r.resolved_at.is_none())
                .max_by_key(|r| r.created_at)
                .expect("an open request");
            values.insert("rid", open.id.to_string());
        }
        Fresh::Hand => {
            let phone = &fx.cookies[WHO.iter().position(|w| *w == Who::Phone).expect("phone")];
            let r = client
                .post(format!("{}/live/{}/hand", app.base, fx.lid))
                .header("cookie", format!("{phone}; vuoro_csrf={}", fx.csrf))
                .form(&[("csrf", fx.csrf.as_str()), ("do", "raise")])
                .send()
                .await
                .expect("hand");
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "a hand goes up");
        }
        Fresh::MailedLink(purpose) => {
            // An account of its own: using the link sets its password and ends its log-ins.
            let user = app
                .store
                .create_user(
                    NewUser {
                        email: format!("linkki{n}@test.vuoro.fi"),
                        name: format!("Linkki {n}"),
                        password_hash: "unused".into(),
                        site_admin: false,
                    },
                    now,
                )
                .await
                .expect("user");
            let token = random_token();
            app.store
                .issue_token(
                    &vuoro_store::AccountToken {
                        token_hash: hash_token(&token),
                        user: user.id,
                        purpose,
                        created_at: now,
                        expires_at: now + Duration::hours(1),
                        used_at: None,
                    },
                    now,
                    &[],
                )
                .await
                .expect("link");
            values.insert("token", token);
        }
        Fresh::SummaryLink => {
            let orderer = app.user_id("orderer").await;
            match app.store.revoke_summary_link(fx.p, orderer, now).await {
                Ok(()) | Err(vuoro_store::StoreError::NotFound) => {}
                Err(e) => panic!("revoking the last link: {e}"),
            }
            let token = random_token();
            app.store
                .make_summary_link(fx.p, &hash_token(&token), orderer, now)
                .await
                .expect("a summary link");
            values.insert("token", token);
        }
    }
    None
}

/// The placeholders in a row's fields, filled from the current state.
async fn field_value(app: &TestApp, fx: &Fx, v: &str) -> String {
    let mut v = v.to_owned();
    if v.contains("{Qv}") {
        let q = app.store.process(fx.q).await.expect("process");
        v = v.replace("{Qv}", &q.plan_version.to_string());
    }
    if v.contains("{themev}") {
        let scope = vuoro_core::themes::Scope::parse("process").expect("scope");
        let t = app.store.themes(fx.p, scope).await.expect("themes");
        v = v.replace("{themev}", &t.expect("themes proposed").version.to_string());
    }
    if v.contains("{sumv}") {
        let s = app.store.summary(fx.p).await.expect("summary");
        v = v.replace("{sumv}", &s.expect("a summary").version.to_string());
    }
    v.replace("{uniq}", &UNIQ.fetch_add(1, Ordering::SeqCst).to_string())
        .replace("{fac}", &fx.fac)
        .replace("{lid}", &fx.lid)
        .replace("{P}", &fx.p.to_string())
        .replace("{area}", &fx.area)
        .replace("{site_email}", &email("site"))
}

/// Calls a row as each caller; returns one line per unexpected answer.
async fn check(app: &TestApp, fx: &Fx, client: &Client, r: &Row) -> Vec<String> {
    let mut failures = Vec::new();
    let wants = r.wants();
    assert_eq!(
        wants.len(),
        WHO.len(),
        "{} {}: one letter per caller",
        r.method,
        r.route
    );
    for (i, who) in WHO.iter().enumerate() {
        let mut values = params(fx, r);
        let mut cookie = fx.cookies[i].clone();
        if let Some(f) = r.fresh
            && let Some(c) = make_fresh(app, fx, client, f, *who, &mut values).await
        {
            cookie = c;
        }
        let path = fill(r.route, &values);
        let url = format!("{}{path}", app.base);
        let cookie = format!("{cookie}; vuoro_csrf={}", fx.csrf);
        let req = client
            .request(r.method.clone(), &url)
            .header("cookie", cookie);
        let req = if r.method == Method::GET {
            req
        } else {
            let mut form = vec![("csrf".to_owned(), fx.csrf.clone())];
            for (k, v) in &r.fields {
                form.push(((*k).to_owned(), field_value(app, fx, v).await));
            }
            req.form(&form)
        };
        let res = req.send().await.expect("request");
        let got = class(res.status(), &location(&res));
        if got != wants[i] {
            failures.push(format!(
                "{} {} ({path}) as {who:?}: expected {}, got {} {}",
                r.method,
                r.route,
                wants[i],
                got,
                res.status()
            ));
        }
    }
    failures
}

/// The route table covers every route the router serves, and only those; and every route
/// answers every kind of caller as its row says.
#[tokio::test]
async fn every_route_answers_each_caller_as_its_row_says() {
    let app = spawn().await;
    let client = Client::builder()
        .redirect(Policy::none())
        .build()
        .expect("client");
    let rows = table();

    // The table against the router: rows without a route, routes without a row.
    let routes: BTreeSet<&str> = vuoro_web::route_paths().into_iter().collect();
    let rowed: BTreeSet<&str> = rows.iter().map(|r| r.route).collect();
    let mut problems: Vec<String> = Vec::new();
    for gone in rowed.difference(&routes) {
        problems.push(format!(
            "a row for {gone}, which the router no longer serves"
        ));
    }
    for missing in routes.difference(&rowed) {
        problems.push(format!("no row for {missing}"));
    }
    let mut seen = BTreeSet::new();
    for r in &rows {
        assert!(
            seen.insert((r.method.to_string(), r.route)),
            "two rows for {} {}",
            r.method,
            r.route
        );
    }

    let fx = fixture(&app, &client).await;

    // Every method without a row must be refused as not allowed (405), before any handler.
    for route in &routes {
        let Some(any) = rows.iter().find(|r| r.route == *route) else {
            continue;
        };
        let path = fill(route, &params(&fx, any));
        for m in [
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ] {
            if rows.iter().any(|r| r.route == *route && r.method == m) {
                continue;
            }
            let mut req = client
                .request(m.clone(), format!("{}{path}", app.base))
                .header("cookie", format!("vuoro_csrf={}", fx.csrf));
            if m != Method::GET {
                req = req.form(&[("csrf", fx.csrf.as_str())]);
            }
            let s = req.send().await.expect("request").status();
            if s != StatusCode::METHOD_NOT_ALLOWED {
                problems.push(format!("no row for {m} {route}, which answers {s}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // Every row, every caller; the summary's rows once P is in its summary step with the
    // summary out for comments.
    let mut failures = Vec::new();
    for r in rows.iter().filter(|r| r.stage == Stage::Phase2) {
        failures.extend(check(&app, &fx, &client, r).await);
    }
    let facilitator = app.login("facilitator").await;
    let orderer = app.login("orderer").await;
    let p = format!("/processes/{}", fx.p);
    let r = facilitator
        .post_form(&format!("{p}/transition"), &[("to", "start_summary")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the summary step");
    let r = orderer
        .post_form(&format!("{p}/summary"), &[("do", "draft"), ("base", "")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "a draft");
    let v = field_value(&app, &fx, "{sumv}").await;
    let r = orderer
        .post_form(
            &format!("{p}/summary"),
            &[("do", "state"), ("to", "review"), ("base", &v)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "out for comments");
    for r in rows.iter().filter(|r| r.stage == Stage::Summary) {
        failures.extend(check(&app, &fx, &client, r).await);
    }
    assert!(
        failures.is_empty(),
        "{} unexpected answers:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn admins_cannot_drop_their_own_admin_role() {
    let app = spawn().await;
    let admin = app.login("admin").await;
    let me = app.user_id("admin").await;
    let r = admin
        .post_form(
            &format!("/orgs/{}/members/{me}/roles", app.org),
            &[("roles", "orderer")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn a_cancelled_process_is_no_longer_edited_and_only_its_orderer_cancels() {
    let app = spawn().await;
    let orderer = app.login("orderer").await;
    let p = order(&app, &orderer, "Peruttava", "eratauko").await;
    let coordinator = app.login("coordinator").await;
    let fac = app.user_id("facilitator").await.to_string();
    coordinator
        .post_form(&format!("{p}/assign"), &[("facilitator", &fac)])
        .await;
    accept_offer(&app, &p, "facilitator").await;
    // Cancelling belongs to the orderer and the coordinator, never the facilitator.
    let facilitator = app.login("facilitator").await;
    let s = facilitator
        .post_form(&format!("{p}/transition"), &[("to", "cancel")])
        .await
        .status();
    assert_eq!(s, StatusCode::FORBIDDEN);
    let s = orderer
        .post_form(
            &format!("{p}/transition"),
            &[
                ("to", "cancel"),
                ("confirm", "yes"),
                ("reason", "Tiimi lakkautetaan"),
            ],
        )
        .await
        .status();
    assert_eq!(s, StatusCode::SEE_OTHER);
    let s = orderer
        .post_form(
            &format!("{p}/plan"),
            &[("version", "99"), ("summary_visibility", "public")],
        )
        .await
        .status();
    assert_eq!(
        s,
        StatusCode::FORBIDDEN,
        "a cancelled plan is no longer edited"
    );
}

/// A facilitator whose roles were removed keeps nothing of the process they ran: not its page,
/// not its notes, not the live runner, not its line on their front page. Then the same with
/// only the facilitator role taken away and another role kept.
#[tokio::test]
async fn removing_roles_removes_access_to_assigned_processes() {
    let app = spawn().await;
    let p = crate::live::process_in_phase1(&app).await;
    let (run, code) = crate::live::open_session(&app, &p).await;
    let (phone, page) = crate::live::join(&app, &code, &[("lang", "fi")]).await;
    let r = crate::live::write(&phone, &page, "Luottamus kasvaa").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let facilitator = app.login("facilitator").await;
    let notes = format!("{p}/export/notes.csv");
    let lid = run.trim_end_matches("/run").to_owned();
    let paths = [
        p.clone(),
        notes.clone(),
        run.clone(),
        format!("{lid}/projector"),
    ];
    for path in &paths {
        assert_eq!(
            facilitator.get(path).await.status(),
            StatusCode::OK,
            "{path}"
        );
    }
    let (_, home) = facilitator.text("/").await;
    assert!(home.contains(&p), "the front page lists the process");

    let admin = app.login("admin").await;
    let fac = app.user_id("facilitator").await;
    let members = format!("/orgs/{}/members/{fac}/roles", app.org);
    let r = admin.post_form(&members, &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "every role removed");
    for path in &paths {
        assert_eq!(
            facilitator.get(path).await.status(),
            StatusCode::NOT_FOUND,
            "{path} after the roles were removed"
        );
    }
    let (_, csv) = facilitator.text(&notes).await;
    assert!(!csv.contains("Luottamus kasvaa"));
    let r = facilitator
        .post_form(&format!("{lid}/control"), &[("do", "next")])
        .await;
    assert_eq!(
        r.status(),
        StatusCode::NOT_FOUND,
        "the session is not theirs to run"
    );
    let (_, home) = facilitator.text("/").await;
    assert!(!home.contains(&p), "nor listed on their front page");

    // Back in the organisation as an orderer only: still not this process's facilitator.
    app.store
        .set_roles(
            app.org,
            fac,
            [vuoro_core::Role::Orderer].into_iter().collect(),
        )
        .await
        .expect("roles");
    for path in &paths {
        assert_eq!(
            facilitator.get(path).await.status(),
            StatusCode::NOT_FOUND,
            "{path} without the facilitator role"
        );
    }
    // The facilitator role given back restores what the assignment gives.
    app.store
        .set_roles(
            app.org,
            fac,
            [vuoro_core::Role::Facilitator].into_iter().collect(),
        )
        .await
        .expect("roles");
    assert_eq!(facilitator.get(&run).await.status(), StatusCode::OK);
}
