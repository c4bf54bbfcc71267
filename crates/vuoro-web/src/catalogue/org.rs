//! An organisation's own catalogue: what it records of its dialogue activity, what is missing,
//! what it publishes, and the requests to complete it.

use super::{Audience, Entry, EntryView, entries, missing_label, percent};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::fields::{Field, Kind, opts};
use crate::form::FormData;
use crate::i18n;
use crate::routes::Routes;
use crate::util::{redirect, unprocessable};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use time::OffsetDateTime;
use vuoro_core::catalogue::{
    Activity, ActivityInput, ActivityStatus, Count, Missing, TermKind, Vocabulary, completeness,
};
use vuoro_core::lang::ParticipantLang;
use vuoro_core::method::Format;
use vuoro_core::permission::Action;
use vuoro_core::text::{self, limits};
use vuoro_core::{ActivityId, CompletionRequestId, FieldErrors, Lang, OrgId};
use vuoro_store::{ActivityRecord, ActivitySource, CompletionRequest, OrgCatalogue, Organisation};

pub fn router() -> Routes {
    Routes::new()
        .route("/orgs/{org}/catalogue", get(page))
        .route("/orgs/{org}/catalogue/settings", post(save_settings))
        .route("/orgs/{org}/catalogue/new", get(new_page).post(create))
        .route("/orgs/{org}/catalogue/{id}", get(edit_page).post(update))
        .route("/orgs/{org}/catalogue/{id}/delete", post(delete))
        .route("/orgs/{org}/catalogue/requests", post(request))
        .route("/orgs/{org}/catalogue/requests/{rid}", post(resolve))
}

/// The organisation, if the user may see its catalogue: those who keep it, and those who ask
/// for it to be completed.
async fn org_for(state: &AppState, c: &Ctx, org: &str) -> AppResult<Organisation> {
    let id = OrgId::parse(org).map_err(|_| AppError::NotFound)?;
    let user = c.user()?;
    if !user.can(id, Action::EditCatalogue) && !user.can(id, Action::RequestCompletion) {
        return Err(AppError::NotFound);
    }
    Ok(state.store.org(id).await?)
}

fn require(c: &Ctx, org: OrgId, a: Action) -> AppResult<()> {
    if c.user()?.can(org, a) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A request as the page lists it.
#[derive(Debug)]
pub struct RequestView {
    pub id: CompletionRequestId,
    pub message: String,
    pub missing: String,
    pub when: String,
    pub open: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "catalogue_org.html")]
struct CataloguePage {
    c: Ctx,
    org: Organisation,
    can_edit: bool,
    can_request: bool,
    completeness: i64,
    /// (what is missing, in how many entries)
    gaps: Vec<(String, usize)>,
    recorded: Vec<EntryView>,
    processes: Vec<EntryView>,
    unstructured: Vec<String>,
    requests: Vec<RequestView>,
    settings: Vec<Field>,
    request_fields: Vec<Field>,
}

fn settings_fields(
    lang: Lang,
    s: &OrgCatalogue,
    form: Option<&FormData>,
    e: &FieldErrors,
) -> Vec<Field> {
    let get = |name: &str, saved: String| form.map_or(saved, |f| f.string(name));
    let yes = |on: bool| {
        if on {
            vec!["yes".to_owned()]
        } else {
            Vec::new()
        }
    };
    let checked =
        |name: &str, saved: bool| form.map_or_else(|| yes(saved), |f| yes(f.get(name) == "yes"));
    vec![
        Field::new("region", i18n::t(lang, "cat-region"), Kind::Text)
            .value(get("region", s.region.clone().unwrap_or_default()))
            .hint(i18n::t(lang, "cat-region-hint"))
            .max(limits::NAME)
            .prefix("s-")
            .errors(lang, e),
        Field::new("trained", i18n::t(lang, "cat-trained"), Kind::Text)
            .value(get("trained", s.trained_text.clone().unwrap_or_default()))
            .hint(i18n::t(lang, "cat-count-hint"))
            .max(limits::NAME)
            .prefix("s-")
            .errors(lang, e),
        Field::new(
            "public",
            i18n::t(lang, "cat-public"),
            Kind::Checkboxes(opts(
                [("yes".to_owned(), i18n::t(lang, "cat-public-yes"))],
                &checked("public", s.public),
            )),
        )
        .prefix("s-"),
        Field::new(
            "publish_processes",
            i18n::t(lang, "cat-publish-processes"),
            Kind::Checkboxes(opts(
                [("yes".to_owned(), i18n::t(lang, "cat-publish-processes-yes"))],
                &checked("publish_processes", s.publish_processes),
            )),
        )
        .prefix("s-"),
    ]
}

fn request_fields(lang: Lang, form: Option<&FormData>, e: &FieldErrors) -> Vec<Field> {
    let selected = form.map(|f| f.all("missing")).unwrap_or_default();
    vec![
        Field::new(
            "missing",
            i18n::t(lang, "cat-request-missing"),
            Kind::Checkboxes(opts(
                Missing::ALL
                    .iter()
                    .map(|m| (m.code().to_owned(), missing_label(lang, *m))),
                &selected,
            )),
        )
        .prefix("r-")
        .errors(lang, e),
        Field::new(
            "message",
            i18n::t(lang, "cat-request-message"),
            Kind::Textarea,
        )
        .value(form.map(|f| f.string("message")).unwrap_or_default())
        .required()
        .max(limits::LONG)
        .prefix("r-")
        .errors(lang, e),
    ]
}

/// What a page answering a form should keep of it.
#[derive(Default)]
struct Forms<'a> {
    settings: Option<(&'a FormData, FieldErrors)>,
    request: Option<(&'a FormData, FieldErrors)>,
}

async fn catalogue_page(
    state: &AppState,
    c: Ctx,
    org: Organisation,
    f: Forms<'_>,
) -> AppResult<CataloguePage> {
    let lang = c.lang;
    let user = c.user()?;
    let can_edit = user.can(org.id, Action::EditCatalogue);
    let can_request = user.can(org.id, Action::RequestCompletion);
    // Only those who see every process of the organisation see their communities' names.
    let audience = if user.can(org.id, Action::ViewAllProcesses) {
        Audience::Staff
    } else {
        Audience::Public
    };
    let all: Vec<Entry> = entries(state, Some(org.id), Audience::Staff).await?;
    let gaps = Missing::ALL
        .iter()
        .map(|m| {
            let n = all
                .iter()
                .filter(|e| e.activity.missing().contains(m))
                .count();
            (missing_label(lang, *m), n)
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    let (procs, recorded): (Vec<&Entry>, Vec<&Entry>) = all.iter().partition(|e| e.is_process());
    let settings = state.store.org_catalogue(org.id).await?;
    let requests = state
        .store
        .completion_requests(org.id)
        .await?
        .into_iter()
        .map(|r| RequestView {
            id: r.id,
            message: r.message,
            missing: r
                .missing
                .iter()
                .map(|m| missing_label(lang, *m))
                .collect::<Vec<_>>()
                .join(", "),
            when: crate::processes::helsinki_time(r.created_at),
            open: r.resolved_at.is_none(),
        })
        .collect();
    let (sf, se) = match &f.settings {
        Some((form, e)) => (Some(*form), e.clone()),
        None => (None, FieldErrors::new()),
    };
    let (rf, re) = match &f.request {
        Some((form, e)) => (Some(*form), e.clone()),
        None => (None, FieldErrors::new()),
    };
    Ok(CataloguePage {
        completeness: percent(completeness(all.iter().map(|e| &e.activity))),
        gaps,
        recorded: recorded
            .into_iter()
            .map(|e| EntryView::new(lang, e, Audience::Staff).for_keepers(org.id, can_edit))
            .collect(),
        processes: procs
            .into_iter()
            .map(|e| EntryView::new(lang, e, audience))
            .collect(),
        unstructured: settings.unstructured.clone(),
        requests,
        settings: settings_fields(lang, &settings, sf, &se),
        request_fields: request_fields(lang, rf, &re),
        can_edit,
        can_request,
        org,
        c,
    })
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
) -> AppResult<Response> {
    let org = org_for(&state, &c, &org).await?;
    Ok(catalogue_page(&state, c, org, Forms::default())
        .await?
        .into_response())
}

async fn save_settings(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let org = org_for(&state, &c, &org).await?;
    require(&c, org.id, Action::EditCatalogue)?;
    let mut e = FieldErrors::new();
    let region = e.take("region", text::optional(form.get("region"), limits::NAME));
    let trained_text = e.take("trained", text::optional(form.get("trained"), limits::NAME));
    let trained = match &trained_text {
        Some(Some(t)) => match Count::parse(t) {
            Some(count) => Some(count),
            None => {
                e.add("trained", vuoro_core::FieldError::Invalid);
                None
            }
        },
        _ => None,
    };
    let (Some(region), Some(trained_text), true) = (region, trained_text, e.is_empty()) else {
        let page = catalogue_page(
            &state,
            c,
            org,
            Forms {
                settings: Some((&form, e)),
                ..Forms::default()
            },
        )
        .await?;
        return Ok(unprocessable(page));
    };
    let mut s = state.store.org_catalogue(org.id).await?;
    s.region = region;
    s.trained = trained;
    s.trained_text = trained_text;
    s.public = form.get("public") == "yes";
    s.publish_processes = form.get("publish_processes") == "yes";
    s.updated_at = OffsetDateTime::now_utc();
    state.store.save_org_catalogue(&s).await?;
    Ok(redirect(&format!("/orgs/{}/catalogue#settings", org.id)))
}

async fn request(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let org = org_for(&state, &c, &org).await?;
    require(&c, org.id, Action::RequestCompletion)?;
    let mut e = FieldErrors::new();
    let missing: Option<Vec<Missing>> = e.take(
        "missing",
        form.all("missing")
            .iter()
            .map(|m| {
                Missing::ALL
                    .into_iter()
                    .find(|x| x.code() == m)
                    .ok_or(vuoro_core::FieldError::Invalid)
            })
            .collect(),
    );
    let message = e.take("message", text::bounded(form.get("message"), limits::LONG));
    let (Some(missing), Some(message)) = (missing, message) else {
        let page = catalogue_page(
            &state,
            c,
            org,
            Forms {
                request: Some((&form, e)),
                ..Forms::default()
            },
        )
        .await?;
        return Ok(unprocessable(page));
    };
    let r = CompletionRequest {
        id: CompletionRequestId::new(),
        org: org.id,
        activity: None,
        missing,
        message,
        requested_by: c.user()?.id,
        created_at: OffsetDateTime::now_utc(),
        resolved_at: None,
    };
    state.store.add_completion_request(&r).await?;
    Ok(redirect(&format!("/orgs/{}/catalogue#requests", org.id)))
}

async fn resolve(
    State(state): State<AppState>,
    c: Ctx,
    Path((org, rid)): Path<(String, String)>,
) -> AppResult<Response> {
    let org = org_for(&state, &c, &org).await?;
    require(&c, org.id, Action::EditCatalogue)?;
    let rid = CompletionRequestId::parse(&rid).map_err(|_| AppError::NotFound)?;
    let ours = state
        .store
        .completion_requests(org.id)
        .await?
        .iter()
        .any(|r| r.id == rid);
    if !ours {
        return Err(AppError::NotFound);
    }
    state
        .store
        .resolve_completion_request(rid, OffsetDateTime::now_utc())
        .await?;
    Ok(redirect(&format!("/orgs/{}/catalogue#requests", org.id)))
}

// ---------------------------------------------------------------------------------------------
// The activity form

#[derive(Template, WebTemplate)]
#[template(path = "catalogue_activity.html")]
struct ActivityPage {
    c: Ctx,
    org: Organisation,
    /// `None` for a new activity.
    id: Option<ActivityId>,
    fields: Vec<Field>,
    has_errors: bool,
    source: Option<String>,
}

fn term_options(lang: Lang, kind: TermKind) -> Vec<(String, String)> {
    Vocabulary::builtin()
        .terms(kind)
        .iter()
        .map(|t| (t.code.clone(), t.name.get(lang).to_owned()))
        .collect()
}

fn activity_fields(lang: Lang, i: &ActivityInput, e: &FieldErrors) -> Vec<Field> {
    let t = |k: &str| i18n::t(lang, k);
    let one = |v: &str| vec![v.to_owned()];
    let mut methods = vec![(String::new(), t("cat-method-unknown"))];
    methods.extend(term_options(lang, TermKind::Method));
    let mut formats = vec![(String::new(), t("cat-format-unknown"))];
    formats.extend(
        Format::ALL
            .iter()
            .map(|f| (f.code().to_owned(), t(&format!("format-{}", f.code())))),
    );
    let text_field = |name: &'static str, label: &str, value: &str| {
        Field::new(name, t(label), Kind::Text)
            .value(value)
            .max(limits::NAME)
            .errors(lang, e)
    };
    vec![
        Field::new("text", t("cat-text"), Kind::Textarea)
            .value(&i.text)
            .hint(t("cat-text-hint"))
            .required()
            .max(limits::LONG)
            .errors(lang, e),
        Field::new(
            "status",
            t("cat-status"),
            Kind::Radios(opts(
                ActivityStatus::ALL
                    .iter()
                    .map(|s| (s.code().to_owned(), t(&format!("cat-status-{}", s.code())))),
                &one(if i.status.is_empty() {
                    "done"
                } else {
                    &i.status
                }),
            )),
        )
        .errors(lang, e),
        Field::new(
            "contexts",
            t("cat-contexts"),
            Kind::Checkboxes(opts(term_options(lang, TermKind::Context), &i.contexts)),
        )
        .hint(t("cat-contexts-hint"))
        .errors(lang, e),
        Field::new(
            "topics",
            t("cat-topics"),
            Kind::Checkboxes(opts(term_options(lang, TermKind::Topic), &i.topics)),
        )
        .errors(lang, e),
        text_field("tags", "cat-tags", &i.tags).hint(t("cat-tags-hint")),
        Field::new(
            "method",
            t("cat-method"),
            Kind::Select(opts(methods, &one(&i.method))),
        )
        .errors(lang, e),
        text_field("unit", "cat-unit", &i.unit),
        text_field("target_group", "cat-target-group", &i.target_group),
        Field::new(
            "languages",
            t("cat-languages"),
            Kind::Checkboxes(opts(
                ParticipantLang::ALL
                    .iter()
                    .map(|l| (l.code().to_owned(), t(&format!("plang-{}", l.code())))),
                &i.languages,
            )),
        )
        .errors(lang, e),
        Field::new(
            "format",
            t("cat-format"),
            Kind::Select(opts(formats, &one(&i.format))),
        )
        .errors(lang, e),
        text_field("period", "cat-period", &i.period).hint(t("cat-period-hint")),
        text_field("count", "cat-count", &i.count).hint(t("cat-count-hint")),
        Field::new(
            "public",
            t("cat-activity-public"),
            Kind::Checkboxes(opts(
                [("yes".to_owned(), t("cat-activity-public-yes"))],
                &(if i.public { one("yes") } else { Vec::new() }),
            )),
        ),
    ]
}

fn input_of(form: &FormData) -> ActivityInput {
    ActivityInput {
        contexts: form.all("contexts"),
        topics: form.all("topics"),
        tags: form.string("tags"),
        method: form.string("method"),
        unit: form.string("unit"),
        target_group: form.string("target_group"),
        languages: form.all("languages"),
        format: form.string("format"),
        period: form.string("period"),
        count: form.string("count"),
        status: form.string("status"),
        text: form.string("text"),
        public: form.get("public") == "yes",
    }
}

fn activity_page(
    c: Ctx,
    org: Organisation,
    id: Option<ActivityId>,
    input: &ActivityInput,
    e: &FieldErrors,
    source: Option<String>,
) -> ActivityPage {
    ActivityPage {
        fields: activity_fields(c.lang, input, e),
        has_errors: !e.is_empty(),
        source,
        id,
        org,
        c,
    }
}

async fn new_page(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
) -> AppResult<Response> {
    let org = org_for(&state, &c, &org).await?;
    require(&c, org.id, Action::EditCatalogue)?;
    let input = ActivityInput {
        public: true,
        ..ActivityInput::default()
    };
    Ok(activity_page(c, org, None, &input, &FieldErrors::new(), None).into_response())
}

async fn create(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let org = org_for(&state, &c, &org).await?;
    require(&c, org.id, Action::EditCatalogue)?;
    let input = input_of(&form);
    let activity = match input.validate(Vocabulary::builtin()) {
        Ok(a) => a,
        Err(e) => {
            return Ok(unprocessable(activity_page(c, org, None, &input, &e, None)));
        }
    };
    let now = OffsetDateTime::now_utc();
    let record = ActivityRecord {
        id: ActivityId::new(),
        org: org.id,
        activity,
        source: ActivitySource::Manual,
        created_by: Some(c.user()?.id),
        created_at: now,
        updated_at: now,
    };
    state.store.add_activity(&record).await?;
    Ok(redirect(&format!(
        "/orgs/{}/catalogue#activity-{}",
        org.id, record.id
    )))
}

/// The activity, if it is this organisation's.
async fn activity_of(state: &AppState, org: &Organisation, id: &str) -> AppResult<ActivityRecord> {
    let id = ActivityId::parse(id).map_err(|_| AppError::NotFound)?;
    let r = state.store.activity(id).await?;
    if r.org != org.id {
        return Err(AppError::NotFound);
    }
    Ok(r)
}

fn source_text(lang: Lang, r: &ActivityRecord) -> Option<String> {
    match &r.source {
        ActivitySource::Manual => None,
        ActivitySource::Import { line, text, .. } => Some(i18n::t_args(
            lang,
            "cat-imported-from",
            &[("line", i18n::n(i64::from(*line))), ("text", i18n::s(text))],
        )),
    }
}

async fn edit_page(
    State(state): State<AppState>,
    c: Ctx,
    Path((org, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let org = org_for(&state, &c, &org).await?;
    require(&c, org.id, Action::EditCatalogue)?;
    let r = activity_of(&state, &org, &id).await?;
    let source = source_text(c.lang, &r);
    let input = ActivityInput::from_activity(&r.activity);
    Ok(activity_page(c, org, Some(r.id), &input, &FieldErrors::new(), source).into_response())
}

async fn update(
    State(state): State<AppState>,
    c: Ctx,
    Path((org, id)): Path<(String, String)>,
    form: FormData,
) -> AppResult<Response> {
    let org = org_for(&state, &c, &org).await?;
    require(&c, org.id, Action::EditCatalogue)?;
    let r = activity_of(&state, &org, &id).await?;
    let input = input_of(&form);
    let activity: Activity = match input.validate(Vocabulary::builtin()) {
        Ok(a) => a,
        Err(e) => {
            let source = source_text(c.lang, &r);
            return Ok(unprocessable(activity_page(
                c,
                org,
                Some(r.id),
                &input,
                &e,
                source,
            )));
        }
    };
    state
        .store
        .update_activity(r.id, &activity, OffsetDateTime::now_utc())
        .await?;
    Ok(redirect(&format!(
        "/orgs/{}/catalogue#activity-{}",
        org.id, r.id
    )))
}

async fn delete(
    State(state): State<AppState>,
    c: Ctx,
    Path((org, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let org = org_for(&state, &c, &org).await?;
    require(&c, org.id, Action::EditCatalogue)?;
    let r = activity_of(&state, &org, &id).await?;
    state.store.delete_activity(r.id).await?;
    Ok(redirect(&format!("/orgs/{}/catalogue", org.id)))
}
