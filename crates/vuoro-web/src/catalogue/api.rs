//! The open data API: the public part of the catalogue as JSON and CSV, read-only, without a
//! login, under a version in the path (`/api/v1/...`) so that a later change of shape can live
//! beside this one. Its OpenAPI 3.1 document (`/api/openapi.json`) is generated from the types
//! below by `utoipa`, so the document and the answers cannot drift apart; the API tests validate
//! every answer against the served document.
//!
//! Only what is public is read: [`entries`] with [`Audience::Public`] keeps an activity only when
//! it and its organisation are public, and a process only when the organisation also publishes
//! its processes; a process is then an anonymous line, never a community's name.

use super::{Audience, Entry, Origin, entries, org_names};
use crate::AppState;
use crate::ctx::lang_of;
use crate::error::{AppError, AppResult};
use crate::form::FormData;
use crate::i18n;
use crate::routes::Routes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;
use time::OffsetDateTime;
use utoipa::{IntoParams, OpenApi, ToSchema};
use vuoro_core::catalogue::{
    ActivityStatus, Amount, Count, CountPer, Period, TermKind, Vocabulary, YEAR_MAX, YEAR_MIN,
    completeness,
};
use vuoro_core::{Lang, OrgId};

pub fn router() -> Routes {
    Routes::new()
        .route("/api/openapi.json", get(openapi_json))
        .route("/api/v1/catalogue/organisations", get(organisations))
        .route("/api/v1/catalogue/activities", get(activities))
        .route("/api/v1/catalogue/activities.csv", get(activities_csv))
}

// ---------------------------------------------------------------------------------------------
// What the API answers

/// A name in the three interface languages.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Names {
    pub fi: String,
    pub sv: String,
    pub en: String,
}

/// A term of the shared vocabulary: a context, topic or method.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The term's code, stable across languages and renamings of its names.
    pub code: String,
    pub name: Names,
}

/// How a count was given.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CountKind {
    Exact,
    About,
    Range,
    AtLeast,
}

/// What a count counts over.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    Year,
    Total,
}

/// A count of dialogue events: `n` for exact, approximate and at-least counts, `min` and `max`
/// for a range.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CountOut {
    pub kind: CountKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
    pub per: Per,
}

/// The years an activity ran or will run; `to` is null while it goes on.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodOut {
    pub from: i32,
    pub to: Option<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Done,
    Planned,
}

/// Where an activity comes from: recorded by hand, imported from a listing, or a dialogue
/// process run in vuoro.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Manual,
    Import,
    Process,
}

/// One public line of an organisation's catalogue.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityOut {
    /// The record's id; null for a process run in vuoro, which is published only as a line.
    #[schema(format = Uuid)]
    pub id: Option<String>,
    /// The organisation's id (see `/api/v1/catalogue/organisations`).
    #[schema(format = Uuid)]
    pub org: String,
    /// Contexts of the vocabulary; the first is the main one.
    pub contexts: Vec<Term>,
    pub topics: Vec<Term>,
    pub method: Option<Term>,
    /// Free tags beside the vocabulary.
    pub tags: Vec<String>,
    pub unit: Option<String>,
    pub target_group: Option<String>,
    /// Language codes: fi, sv, en, ar, so, other.
    pub languages: Vec<String>,
    /// face_to_face, online or hybrid.
    pub format: Option<String>,
    pub period: Option<PeriodOut>,
    pub count: Option<CountOut>,
    /// The count as the organisation wrote it.
    pub count_text: Option<String>,
    pub status: Status,
    /// The description in the organisation's words; for a process, only that it is one.
    pub text: String,
    pub source: Source,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityList {
    pub activities: Vec<ActivityOut>,
}

/// How many public activities an organisation has in one context.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContextCount {
    pub context: Term,
    pub activities: u32,
}

/// People trained in one method, in the organisation's facilitator network.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MethodTrained {
    pub method: Term,
    pub trained: u32,
}

/// The figures of the organisation's facilitator network, when it keeps one in vuoro and
/// publishes its vuoro figures: they stand in for the hand-entered count on the peer listing.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkOut {
    /// People trained in any method.
    pub trained: u32,
    /// Per method, the most first; methods nobody is trained in are left out.
    pub per_method: Vec<MethodTrained>,
    /// Those who facilitated a process whose first session was within the last 12 months.
    pub active_last_12_months: u32,
}

/// An organisation that publishes its catalogue.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationOut {
    #[schema(format = Uuid)]
    pub id: String,
    pub name: String,
    pub region: Option<String>,
    /// How many facilitators the organisation has trained.
    pub trained_facilitators: Option<CountOut>,
    /// That number as the organisation wrote it.
    pub trained_facilitators_text: Option<String>,
    /// The facilitator network's figures, if it feeds them (see [`NetworkOut`]).
    pub network: Option<NetworkOut>,
    /// How many public activities it has.
    pub activities: u32,
    /// The share (0–1) of what the catalogue compares that its public activities state.
    #[schema(minimum = 0.0, maximum = 1.0)]
    pub completeness: f64,
    /// Public activities per context, in the vocabulary's order; contexts without any are left
    /// out.
    pub contexts: Vec<ContextCount>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationList {
    pub organisations: Vec<OrganisationOut>,
}

/// A refused request: a message id (stable, for programs) and its text in the language the
/// request asked for (Accept-Language; Finnish by default).
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApiError {
    pub error: String,
    pub message: String,
}

/// The filters of the activity lists. Each may be given once; they all must hold.
///
/// This type only describes the parameters in the document: the handlers read the query
/// themselves ([`Filter::parse`]) so that a bad value gets a JSON 400 with a translated message
/// instead of the framework's plain-text rejection; hence its fields are never read.
#[derive(Debug, Default, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct Filters {
    /// An organisation's id.
    #[param(format = Uuid)]
    org: Option<String>,
    /// A context code of the vocabulary.
    context: Option<String>,
    /// A method code of the vocabulary.
    method: Option<String>,
    /// A topic code of the vocabulary.
    topic: Option<String>,
    /// The organisation's region, as it wrote it (case does not matter).
    region: Option<String>,
    /// A year the activity's period touches.
    #[param(minimum = 1950, maximum = 2100)]
    year: Option<i32>,
    status: Option<Status>,
}

// ---------------------------------------------------------------------------------------------
// The OpenAPI document

#[derive(OpenApi)]
#[openapi(
    info(
        title = "vuoro open data",
        version = "1.0.0",
        description = "The public part of the dialogue catalogue: the organisations that \
                       publish theirs, and their activities. Read-only; no login."
    ),
    paths(organisations, activities, activities_csv),
    components(schemas(
        ActivityList,
        ActivityOut,
        OrganisationList,
        OrganisationOut,
        NetworkOut,
        MethodTrained,
        ContextCount,
        Term,
        Names,
        CountOut,
        CountKind,
        Per,
        PeriodOut,
        Status,
        Source,
        ApiError
    ))
)]
struct ApiDoc;

/// The document as served, built once.
pub fn openapi_document() -> &'static str {
    static DOC: OnceLock<String> = OnceLock::new();
    DOC.get_or_init(|| {
        ApiDoc::openapi()
            .to_json()
            .unwrap_or_else(|_| String::from("{}"))
    })
}

async fn openapi_json() -> Response {
    json_body(StatusCode::OK, openapi_document().to_owned())
}

// ---------------------------------------------------------------------------------------------
// Handlers

/// The public organisations, by name.
#[utoipa::path(
    get,
    path = "/api/v1/catalogue/organisations",
    responses((status = 200, description = "The organisations that publish their catalogue", body = OrganisationList))
)]
async fn organisations(State(state): State<AppState>) -> AppResult<Response> {
    let vocab = Vocabulary::builtin();
    let names = org_names(&state).await?;
    let all = entries(&state, None, Audience::Public).await?;
    let mut out = Vec::new();
    for s in state.store.org_catalogues().await? {
        let Some(org) = names.get(&s.org).filter(|_| s.public) else {
            continue;
        };
        let own: Vec<&Entry> = all.iter().filter(|e| e.org == org.id).collect();
        // Under the consent that publishes the organisation's other vuoro figures.
        let network = if s.publish_processes {
            let today = crate::practices::today();
            let members = state.store.network_members(s.org, today).await?;
            vuoro_core::reports::catalogue_feed(&members, today).map(|f| NetworkOut {
                trained: f.trained,
                per_method: f
                    .per_method
                    .iter()
                    .map(|(m, n)| MethodTrained {
                        method: term(TermKind::Method, m),
                        trained: *n,
                    })
                    .collect(),
                active_last_12_months: f.active,
            })
        } else {
            None
        };
        let contexts = vocab
            .contexts
            .iter()
            .filter_map(|t| {
                let n = own
                    .iter()
                    .filter(|e| e.activity.contexts.contains(&t.code))
                    .count();
                (n > 0).then(|| ContextCount {
                    context: term(TermKind::Context, &t.code),
                    activities: u32::try_from(n).unwrap_or(u32::MAX),
                })
            })
            .collect();
        out.push(OrganisationOut {
            id: org.id.to_string(),
            name: org.name.clone(),
            region: s.region.clone(),
            trained_facilitators: s.trained.as_ref().map(count_out),
            trained_facilitators_text: s.trained_text.clone(),
            network,
            activities: u32::try_from(own.len()).unwrap_or(u32::MAX),
            completeness: completeness(own.iter().map(|e| &e.activity)),
            contexts,
        });
    }
    out.sort_by_key(|a| a.name.to_lowercase());
    json(&OrganisationList { organisations: out })
}

/// The public activities, filtered.
#[utoipa::path(
    get,
    path = "/api/v1/catalogue/activities",
    params(Filters),
    responses(
        (status = 200, description = "The public activities that pass every filter", body = ActivityList),
        (status = 400, description = "A filter is not understood", body = ApiError)
    )
)]
async fn activities(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> AppResult<Response> {
    let lang = lang_of(&headers);
    let f = match Filter::parse(q.as_deref()) {
        Ok(f) => f,
        Err(id) => return Ok(refused(lang, id)),
    };
    let list = filtered(&state, &f).await?;
    json(&ActivityList {
        activities: list.iter().map(|e| activity_out(lang, e)).collect(),
    })
}

/// The public activities as CSV (UTF-8 with a byte-order mark, one activity a row, several
/// values in a cell separated by "; "), filtered as the JSON list.
#[utoipa::path(
    get,
    path = "/api/v1/catalogue/activities.csv",
    params(Filters),
    responses(
        (status = 200, description = "The public activities that pass every filter", content_type = "text/csv", body = String),
        (status = 400, description = "A filter is not understood", body = ApiError)
    )
)]
async fn activities_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> AppResult<Response> {
    let lang = lang_of(&headers);
    let f = match Filter::parse(q.as_deref()) {
        Ok(f) => f,
        Err(id) => return Ok(refused(lang, id)),
    };
    let list = filtered(&state, &f).await?;
    let names = org_names(&state).await?;
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|e| {
            let org_name = names.get(&e.org).map(|o| o.name.clone());
            csv_row(activity_out(lang, e), org_name.unwrap_or_default())
        })
        .collect();
    let mut r = (StatusCode::OK, crate::exports::csv(&CSV_HEADER, &rows)).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("inline; filename=\"activities.csv\""),
    );
    open_to_all(h);
    Ok(r)
}

// ---------------------------------------------------------------------------------------------
// Filters

/// The filters of a request, checked.
#[derive(Debug, Default)]
struct Filter {
    org: Option<OrgId>,
    context: Option<String>,
    method: Option<String>,
    topic: Option<String>,
    region: Option<String>,
    year: Option<i32>,
    status: Option<ActivityStatus>,
}

impl Filter {
    /// Reads the query string; the error is a message id. An unknown or repeated parameter is
    /// refused rather than ignored, so a misspelt filter never passes for an answer to it.
    fn parse(q: Option<&str>) -> Result<Filter, &'static str> {
        let pairs = FormData::parse(q.unwrap_or_default().as_bytes())
            .map_err(|_| "api-bad-query")?
            .0;
        let mut f = Filter::default();
        let mut seen: Vec<&str> = Vec::new();
        for (k, v) in &pairs {
            if seen.contains(&k.as_str()) {
                return Err("api-repeated-parameter");
            }
            seen.push(k);
            let v = v.trim();
            let term = |kind: TermKind, err: &'static str| {
                Vocabulary::builtin()
                    .term(kind, v)
                    .map(|t| t.code.clone())
                    .ok_or(err)
            };
            match k.as_str() {
                "org" => f.org = Some(OrgId::parse(v).map_err(|_| "api-bad-org")?),
                "context" => f.context = Some(term(TermKind::Context, "api-bad-context")?),
                "method" => f.method = Some(term(TermKind::Method, "api-bad-method")?),
                "topic" => f.topic = Some(term(TermKind::Topic, "api-bad-topic")?),
                "region" => {
                    if v.is_empty() || v.chars().count() > vuoro_core::text::limits::NAME {
                        return Err("api-bad-region");
                    }
                    f.region = Some(v.to_lowercase());
                }
                "year" => {
                    let y: i32 = v.parse().map_err(|_| "api-bad-year")?;
                    if !(YEAR_MIN..=YEAR_MAX).contains(&y) {
                        return Err("api-bad-year");
                    }
                    f.year = Some(y);
                }
                "status" => f.status = Some(ActivityStatus::parse(v).ok_or("api-bad-status")?),
                _ => return Err("api-unknown-parameter"),
            }
        }
        Ok(f)
    }
}

/// The public entries that pass every filter.
async fn filtered(state: &AppState, f: &Filter) -> AppResult<Vec<Entry>> {
    let regions: HashMap<OrgId, String> = state
        .store
        .org_catalogues()
        .await?
        .into_iter()
        .filter_map(|c| c.region.map(|r| (c.org, r.trim().to_lowercase())))
        .collect();
    let this_year = OffsetDateTime::now_utc().year();
    Ok(entries(state, f.org, Audience::Public)
        .await?
        .into_iter()
        .filter(|e| {
            let a = &e.activity;
            f.context.as_ref().is_none_or(|c| a.contexts.contains(c))
                && f.topic.as_ref().is_none_or(|t| a.topics.contains(t))
                && f.method
                    .as_ref()
                    .is_none_or(|m| a.method.as_ref() == Some(m))
                && f.status.is_none_or(|s| a.status == s)
                && f.year.is_none_or(|y| e.years(this_year).contains(&y))
                && f.region
                    .as_ref()
                    .is_none_or(|r| regions.get(&e.org) == Some(r))
        })
        .collect())
}

// ---------------------------------------------------------------------------------------------
// Shaping the answers

fn term(kind: TermKind, code: &str) -> Term {
    let v = Vocabulary::builtin();
    Term {
        code: code.to_owned(),
        name: Names {
            fi: v.name(kind, code, Lang::Fi).to_owned(),
            sv: v.name(kind, code, Lang::Sv).to_owned(),
            en: v.name(kind, code, Lang::En).to_owned(),
        },
    }
}

fn count_out(c: &Count) -> CountOut {
    let (kind, n, min, max) = match c.amount {
        Amount::Exact { n } => (CountKind::Exact, Some(n), None, None),
        Amount::About { n } => (CountKind::About, Some(n), None, None),
        Amount::AtLeast { n } => (CountKind::AtLeast, Some(n), None, None),
        Amount::Range { min, max } => (CountKind::Range, None, Some(min), Some(max)),
    };
    CountOut {
        kind,
        n,
        min,
        max,
        per: match c.per {
            CountPer::Year => Per::Year,
            CountPer::Total => Per::Total,
        },
    }
}

fn period_out(p: Period) -> PeriodOut {
    PeriodOut {
        from: p.from,
        to: p.to,
    }
}

/// An entry as the API publishes it. A process carries no name, unit or target group: only
/// that it is a dialogue process, in the language the request asked for.
fn activity_out(lang: Lang, e: &Entry) -> ActivityOut {
    let a = &e.activity;
    let process = e.is_process();
    ActivityOut {
        id: e.activity_id().map(|i| i.to_string()),
        org: e.org.to_string(),
        contexts: a
            .contexts
            .iter()
            .map(|c| term(TermKind::Context, c))
            .collect(),
        topics: a.topics.iter().map(|c| term(TermKind::Topic, c)).collect(),
        method: a.method.as_deref().map(|m| term(TermKind::Method, m)),
        tags: a.tags.clone(),
        unit: if process { None } else { a.unit.clone() },
        target_group: if process {
            None
        } else {
            a.target_group.clone()
        },
        languages: a.languages.iter().map(|l| l.code().to_owned()).collect(),
        format: a.format.map(|f| f.code().to_owned()),
        period: a.period.map(period_out),
        count: a.count.as_ref().map(count_out),
        count_text: a.count_text.clone(),
        status: match a.status {
            ActivityStatus::Done => Status::Done,
            ActivityStatus::Planned => Status::Planned,
        },
        text: if process {
            i18n::t(lang, "cat-process-public")
        } else {
            a.text.clone()
        },
        source: match e.origin {
            Origin::Manual(_) => Source::Manual,
            Origin::Imported { .. } => Source::Import,
            Origin::Process(_) => Source::Process,
        },
    }
}

const CSV_HEADER: [&str; 31] = [
    "org",
    "org_name",
    "id",
    "source",
    "status",
    "contexts",
    "contexts_fi",
    "contexts_sv",
    "contexts_en",
    "topics",
    "topics_fi",
    "topics_sv",
    "topics_en",
    "method",
    "method_fi",
    "method_sv",
    "method_en",
    "tags",
    "unit",
    "target_group",
    "languages",
    "format",
    "period_from",
    "period_to",
    "count_kind",
    "count_n",
    "count_min",
    "count_max",
    "count_per",
    "count_text",
    "text",
];

fn csv_row(a: ActivityOut, org_name: String) -> Vec<String> {
    let join = |items: Vec<String>| items.join("; ");
    let codes = |ts: &[Term]| join(ts.iter().map(|t| t.code.clone()).collect());
    let names = |ts: &[Term], pick: fn(&Names) -> &String| {
        join(ts.iter().map(|t| pick(&t.name).clone()).collect())
    };
    let method = a.method.as_ref();
    let method_name = |pick: fn(&Names) -> &String| method.map(|m| pick(&m.name).clone());
    let num = |n: Option<u32>| n.map(|v| v.to_string()).unwrap_or_default();
    let (kind, n, min, max, per) = match &a.count {
        Some(c) => (
            code_of(&c.kind),
            num(c.n),
            num(c.min),
            num(c.max),
            code_of(&c.per),
        ),
        None => Default::default(),
    };
    vec![
        a.org,
        org_name,
        a.id.unwrap_or_default(),
        code_of(&a.source),
        code_of(&a.status),
        codes(&a.contexts),
        names(&a.contexts, |n| &n.fi),
        names(&a.contexts, |n| &n.sv),
        names(&a.contexts, |n| &n.en),
        codes(&a.topics),
        names(&a.topics, |n| &n.fi),
        names(&a.topics, |n| &n.sv),
        names(&a.topics, |n| &n.en),
        method.map(|m| m.code.clone()).unwrap_or_default(),
        method_name(|n| &n.fi).unwrap_or_default(),
        method_name(|n| &n.sv).unwrap_or_default(),
        method_name(|n| &n.en).unwrap_or_default(),
        join(a.tags),
        a.unit.unwrap_or_default(),
        a.target_group.unwrap_or_default(),
        join(a.languages),
        a.format.unwrap_or_default(),
        a.period
            .as_ref()
            .map(|p| p.from.to_string())
            .unwrap_or_default(),
        a.period
            .as_ref()
            .and_then(|p| p.to)
            .map(|y| y.to_string())
            .unwrap_or_default(),
        kind,
        n,
        min,
        max,
        per,
        a.count_text.unwrap_or_default(),
        a.text,
    ]
}

/// The code serde gives a unit variant, so that the CSV says what the JSON says.
fn code_of(v: &impl Serialize) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// Responses

/// Open data may be read from any site's scripts: nothing here needs a login or a cookie.
fn open_to_all(h: &mut HeaderMap) {
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
}

fn json_body(status: StatusCode, body: String) -> Response {
    let mut r = (status, body).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    open_to_all(h);
    r
}

fn json(v: &impl Serialize) -> AppResult<Response> {
    let body = serde_json::to_string(v).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(json_body(StatusCode::OK, body))
}

/// A 400 with the reason as JSON; the error layer passes JSON through as it is.
fn refused(lang: Lang, id: &'static str) -> Response {
    let body = ApiError {
        error: id.to_owned(),
        message: i18n::t(lang, id),
    };
    let text = serde_json::to_string(&body).unwrap_or_else(|_| String::from("{}"));
    json_body(StatusCode::BAD_REQUEST, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_checked() {
        let f = Filter::parse(Some("context=school&year=2021&status=planned&region=Oulu"))
            .expect("valid");
        assert_eq!(f.context.as_deref(), Some("school"));
        assert_eq!(f.year, Some(2021));
        assert_eq!(f.status, Some(ActivityStatus::Planned));
        assert_eq!(f.region.as_deref(), Some("oulu"));
        assert!(Filter::parse(None).is_ok());
        for (q, err) in [
            ("context=nowhere", "api-bad-context"),
            ("year=abc", "api-bad-year"),
            ("year=3000", "api-bad-year"),
            ("org=x", "api-bad-org"),
            ("status=maybe", "api-bad-status"),
            ("method=x", "api-bad-method"),
            ("topic=x", "api-bad-topic"),
            ("colour=red", "api-unknown-parameter"),
            ("year=2020&year=2021", "api-repeated-parameter"),
            ("context=%ff", "api-bad-query"),
        ] {
            assert_eq!(Filter::parse(Some(q)).err(), Some(err), "{q}");
        }
    }

    #[test]
    fn the_document_is_openapi_3_1_and_names_every_endpoint() {
        let doc: serde_json::Value =
            serde_json::from_str(openapi_document()).expect("the document is JSON");
        assert!(
            doc["openapi"]
                .as_str()
                .is_some_and(|v| v.starts_with("3.1"))
        );
        for p in [
            "/api/v1/catalogue/organisations",
            "/api/v1/catalogue/activities",
            "/api/v1/catalogue/activities.csv",
        ] {
            assert!(doc["paths"][p]["get"].is_object(), "{p}");
        }
    }
}
