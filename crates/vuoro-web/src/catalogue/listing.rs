//! The public peer listing: what the organisations that chose to publish their catalogue do
//! with dialogue, side by side, regenerated from the data (the 2021 listing was written by
//! hand). No login: only what each organisation marked public is shown.

use super::{Audience, Entry, EntryView, count_label, entries, org_names, percent};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::exports::{download, render};
use crate::fields::{Field, Kind, opts};
use crate::form::FormData;
use crate::i18n;
use crate::routes::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::collections::{BTreeMap, HashMap};
use time::OffsetDateTime;
use vuoro_core::catalogue::{
    ActivityStatus, TermKind, Vocabulary, YEAR_MAX, YEAR_MIN, completeness,
};
use vuoro_core::reports::CatalogueFeed;
use vuoro_core::{Lang, OrgId};
use vuoro_export::{Block, Document};
use vuoro_store::OrgCatalogue;

pub fn router() -> Routes {
    Routes::new()
        .route("/listing", get(page))
        .route("/listing/compare", get(compare))
        .route("/listing.md", get(markdown))
        .route("/listing.docx", get(docx))
}

/// The listing's filters, as the query string gives them.
#[derive(Debug, Default, Clone)]
pub struct Filters {
    pub context: String,
    pub method: String,
    pub topic: String,
    pub region: String,
    pub year: Option<i32>,
    /// The year as typed, when it is not a year: shown back with an error.
    pub bad_year: Option<String>,
    pub orgs: Vec<String>,
}

impl Filters {
    /// The valid filters as a query string, for links that keep them (the exports).
    pub fn query(&self) -> String {
        let mut parts = Vec::new();
        for (k, v) in [
            ("context", &self.context),
            ("method", &self.method),
            ("topic", &self.topic),
            ("region", &self.region),
        ] {
            if !v.is_empty() {
                parts.push(format!("{k}={}", crate::ctx::encode(v)));
            }
        }
        if let Some(y) = self.year {
            parts.push(format!("year={y}"));
        }
        parts.join("&")
    }

    fn parse(raw: Option<String>) -> Filters {
        // A query that is not valid form encoding is treated as no filter at all, since the
        // page is still useful unfiltered.
        let q = FormData::parse(raw.unwrap_or_default().as_bytes()).unwrap_or_default();
        let v = Vocabulary::builtin();
        let term = |kind: TermKind, s: &str| {
            let s = s.trim();
            if v.term(kind, s).is_some() {
                s.to_owned()
            } else {
                String::new()
            }
        };
        let year_text = q.get("year").trim();
        let year = year_text
            .parse::<i32>()
            .ok()
            .filter(|y| (YEAR_MIN..=YEAR_MAX).contains(y));
        Filters {
            context: term(TermKind::Context, q.get("context")),
            method: term(TermKind::Method, q.get("method")),
            topic: term(TermKind::Topic, q.get("topic")),
            region: q.get("region").trim().chars().take(200).collect(),
            bad_year: (year.is_none() && !year_text.is_empty())
                .then(|| year_text.chars().take(20).collect()),
            year,
            orgs: q.all("org"),
        }
    }

    fn keeps(&self, e: &Entry, region: Option<&str>, this_year: i32) -> bool {
        let a = &e.activity;
        (self.context.is_empty() || a.contexts.contains(&self.context))
            && (self.method.is_empty() || a.method.as_deref() == Some(self.method.as_str()))
            && (self.topic.is_empty() || a.topics.contains(&self.topic))
            && (self.region.is_empty()
                || region.is_some_and(|r| r.eq_ignore_ascii_case(self.region.as_str())))
            && self.year.is_none_or(|y| e.years(this_year).contains(&y))
    }
}

/// One organisation in the listing.
#[derive(Debug)]
pub struct OrgSection {
    pub id: OrgId,
    pub name: String,
    pub region: String,
    pub trained: String,
    pub completeness: i64,
    /// Contexts with the number of lines in each, most first.
    pub contexts: Vec<(String, usize)>,
    pub topics: String,
    pub done: Vec<EntryView>,
    pub planned: Vec<EntryView>,
    /// Processes run in vuoro (anonymous), counted.
    pub processes: usize,
}

/// A bar of a chart: its label, value, length in the drawing's units and its row's top.
#[derive(Debug)]
pub struct Bar {
    pub label: String,
    pub value: usize,
    pub width: f64,
    /// Where the value is written: just past the bar's end.
    pub value_x: f64,
    pub y: usize,
}

/// Where bars start, and the longest bar, in the drawing's units (its width is 640).
const BAR_X: f64 = 240.0;
const BAR_MAX: f64 = 340.0;

#[derive(Debug)]
pub struct Chart {
    pub id: &'static str,
    pub title: String,
    pub bars: Vec<Bar>,
    pub height: usize,
}

const BAR_HEIGHT: usize = 28;

fn chart(id: &'static str, title: String, data: Vec<(String, usize)>) -> Chart {
    let max = data.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let bars: Vec<Bar> = data
        .into_iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let width = (value as f64 / max as f64 * BAR_MAX).round();
            Bar {
                width,
                value_x: BAR_X + width + 8.0,
                label,
                value,
                y: i * BAR_HEIGHT,
            }
        })
        .collect();
    Chart {
        id,
        height: bars.len().max(1) * BAR_HEIGHT,
        title,
        bars,
    }
}

/// An imported listing document, named at the foot of the listing with its own introduction:
/// the listing shows where its imported lines come from.
#[derive(Debug)]
pub struct SourceView {
    pub title: String,
    pub when: String,
    pub intro: Vec<String>,
}

async fn sources(state: &AppState) -> AppResult<Vec<SourceView>> {
    let mut out: Vec<SourceView> = Vec::new();
    // Newest first; a document imported again is named once, with its latest import.
    for i in state.store.listing_imports().await? {
        let title = i.title.unwrap_or_default();
        if out.iter().any(|s| s.title == title && s.intro == i.intro) {
            continue;
        }
        out.push(SourceView {
            title,
            when: crate::processes::format_date(i.imported_at.date()),
            intro: i.intro,
        });
    }
    Ok(out)
}

#[derive(Template, WebTemplate)]
#[template(path = "listing.html")]
struct ListingPage {
    c: Ctx,
    filters: Vec<Field>,
    year_error: Option<String>,
    query: String,
    sections: Vec<OrgSection>,
    charts: Vec<Chart>,
    total: usize,
    overall: i64,
    orgs_for_compare: Vec<(OrgId, String)>,
    sources: Vec<SourceView>,
}

/// Everything the listing shows, built once for the page and the exports.
struct Listing {
    sections: Vec<OrgSection>,
    entries: Vec<Entry>,
    total: usize,
}

/// What the listing is made of, read from the store once per request: a page that shows the
/// filtered listing and the list of organisations to compare reads it once, not twice.
struct Data {
    names: HashMap<OrgId, vuoro_store::Organisation>,
    settings: HashMap<OrgId, OrgCatalogue>,
    all: Vec<Entry>,
    /// The network's figures of each public organisation that publishes its vuoro figures
    /// and keeps a network here (part 9): they stand in for the hand-entered count.
    network: HashMap<OrgId, CatalogueFeed>,
    methods: std::sync::Arc<vuoro_core::method::MethodLibrary>,
}

/// The trained facilitators of an organisation as the listing shows them: the network's
/// figures where it feeds them, otherwise the count the organisation typed.
fn trained_label(data: &Data, lang: Lang, org: OrgId) -> String {
    if let Some(f) = data.network.get(&org) {
        let per: Vec<String> = f
            .per_method
            .iter()
            .map(|(m, n)| {
                let name = data
                    .methods
                    .get(m)
                    .map_or_else(|| m.clone(), |x| x.name_in(lang).to_owned());
                format!("{name} {n}")
            })
            .collect();
        return i18n::t_args(
            lang,
            "cat-network-trained",
            &[
                ("trained", i18n::n(i64::from(f.trained))),
                ("methods", i18n::s(per.join(", "))),
                ("active", i18n::n(i64::from(f.active))),
            ],
        );
    }
    data.settings
        .get(&org)
        .and_then(|s| s.trained.as_ref())
        .map(|c| count_label(lang, c))
        .unwrap_or_default()
}

async fn load(state: &AppState) -> AppResult<Data> {
    let settings: HashMap<OrgId, OrgCatalogue> = state
        .store
        .org_catalogues()
        .await?
        .into_iter()
        .filter(|c| c.public)
        .map(|c| (c.org, c))
        .collect();
    // The network's figures are published under the consent that publishes the organisation's
    // other vuoro figures (`publish_processes`).
    let today = crate::practices::today();
    let mut network = HashMap::new();
    for s in settings.values().filter(|s| s.publish_processes) {
        let members = state.store.network_members(s.org, today).await?;
        if let Some(f) = vuoro_core::reports::catalogue_feed(&members, today) {
            network.insert(s.org, f);
        }
    }
    Ok(Data {
        names: org_names(state).await?,
        settings,
        all: entries(state, None, Audience::Public).await?,
        network,
        methods: state.methods.clone(),
    })
}

fn build(data: &Data, lang: Lang, f: &Filters) -> Listing {
    let this_year = OffsetDateTime::now_utc().year();
    let Data {
        names,
        settings,
        all,
        ..
    } = data;
    let region_of = |o: OrgId| settings.get(&o).and_then(|c| c.region.as_deref());
    let kept: Vec<Entry> = all
        .iter()
        .filter(|e| f.keeps(e, region_of(e.org), this_year))
        .cloned()
        .collect();
    let mut by_org: BTreeMap<String, (OrgId, Vec<&Entry>)> = BTreeMap::new();
    for e in &kept {
        let Some(org) = names.get(&e.org) else {
            continue;
        };
        by_org
            .entry(org.name.to_lowercase())
            .or_insert_with(|| (e.org, Vec::new()))
            .1
            .push(e);
    }
    let v = Vocabulary::builtin();
    let mut sections = Vec::new();
    for (_, (org, list)) in by_org {
        let s = settings.get(&org);
        let mut contexts: BTreeMap<String, usize> = BTreeMap::new();
        let mut topics: Vec<String> = Vec::new();
        for e in &list {
            for c in &e.activity.contexts {
                *contexts
                    .entry(v.name(TermKind::Context, c, lang).to_owned())
                    .or_default() += 1;
            }
            for t in &e.activity.topics {
                let name = v.name(TermKind::Topic, t, lang).to_owned();
                if !topics.contains(&name) {
                    topics.push(name);
                }
            }
        }
        let mut contexts: Vec<(String, usize)> = contexts.into_iter().collect();
        contexts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let view = |e: &&Entry| EntryView::new(lang, e, Audience::Public);
        sections.push(OrgSection {
            id: org,
            name: names.get(&org).map(|o| o.name.clone()).unwrap_or_default(),
            region: s.and_then(|s| s.region.clone()).unwrap_or_default(),
            trained: trained_label(data, lang, org),
            completeness: percent(completeness(list.iter().map(|e| &e.activity))),
            contexts,
            topics: topics.join(", "),
            done: list
                .iter()
                .filter(|e| !e.is_process() && e.activity.status == ActivityStatus::Done)
                .map(view)
                .collect(),
            planned: list
                .iter()
                .filter(|e| !e.is_process() && e.activity.status == ActivityStatus::Planned)
                .map(view)
                .collect(),
            // Held: a process counts once its phases started, never while only ordered or
            // agreed (`process_activity` reads those as planned).
            processes: list
                .iter()
                .filter(|e| e.is_process() && e.activity.status == ActivityStatus::Done)
                .count(),
        });
    }
    Listing {
        total: kept.len(),
        sections,
        entries: kept,
    }
}

fn filter_fields(lang: Lang, f: &Filters) -> Vec<Field> {
    let t = |k: &str| i18n::t(lang, k);
    let v = Vocabulary::builtin();
    let select = |name: &'static str, label: &str, kind: TermKind, value: &str| {
        let mut items = vec![(String::new(), t("listing-all"))];
        items.extend(
            v.terms(kind)
                .iter()
                .map(|x| (x.code.clone(), x.name.get(lang).to_owned())),
        );
        Field::new(
            name,
            t(label),
            Kind::Select(opts(items, &[value.to_owned()])),
        )
        .prefix("l-")
    };
    vec![
        select("context", "cat-contexts", TermKind::Context, &f.context),
        select("method", "cat-method", TermKind::Method, &f.method),
        select("topic", "cat-topics", TermKind::Topic, &f.topic),
        Field::new("region", t("cat-region"), Kind::Text)
            .value(&f.region)
            .max(200)
            .prefix("l-"),
        Field::new("year", t("listing-year"), Kind::Number)
            .value(
                f.year
                    .map(|y| y.to_string())
                    .or_else(|| f.bad_year.clone())
                    .unwrap_or_default(),
            )
            .prefix("l-"),
    ]
}

fn charts(lang: Lang, entries: &[Entry]) -> Vec<Chart> {
    let this_year = OffsetDateTime::now_utc().year();
    let v = Vocabulary::builtin();
    let per_context: Vec<(String, usize)> = v
        .contexts
        .iter()
        .map(|c| {
            let n = entries
                .iter()
                .filter(|e| e.activity.contexts.contains(&c.code))
                .count();
            (c.name.get(lang).to_owned(), n)
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    let mut per_year: BTreeMap<i32, usize> = BTreeMap::new();
    for e in entries {
        for y in e.years(this_year) {
            *per_year.entry(y).or_default() += 1;
        }
    }
    vec![
        chart(
            "chart-context",
            i18n::t(lang, "listing-chart-context"),
            per_context,
        ),
        chart(
            "chart-year",
            i18n::t(lang, "listing-chart-year"),
            per_year
                .into_iter()
                .map(|(y, n)| (y.to_string(), n))
                .collect(),
        ),
    ]
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    let f = Filters::parse(raw);
    let data = load(&state).await?;
    let listing = build(&data, c.lang, &f);
    let everyone = build(&data, c.lang, &Filters::default());
    Ok(ListingPage {
        filters: filter_fields(c.lang, &f),
        year_error: f.bad_year.as_ref().map(|_| {
            i18n::t_args(
                c.lang,
                "listing-year-error",
                &[
                    ("min", i18n::n(i64::from(YEAR_MIN))),
                    ("max", i18n::n(i64::from(YEAR_MAX))),
                ],
            )
        }),
        query: f.query(),
        charts: charts(c.lang, &listing.entries),
        total: listing.total,
        overall: percent(completeness(listing.entries.iter().map(|e| &e.activity))),
        orgs_for_compare: everyone
            .sections
            .iter()
            .map(|s| (s.id, s.name.clone()))
            .collect(),
        sources: sources(&state).await?,
        sections: listing.sections,
        c,
    }
    .into_response())
}

// ---------------------------------------------------------------------------------------------
// Side by side

/// One row of the comparison: a context, and each organisation's lines in it.
#[derive(Debug)]
pub struct CompareRow {
    pub context: String,
    pub cells: Vec<Vec<String>>,
}

#[derive(Template, WebTemplate)]
#[template(path = "listing_compare.html")]
struct ComparePage {
    c: Ctx,
    orgs: Vec<(OrgId, String, bool)>,
    columns: Vec<String>,
    rows: Vec<CompareRow>,
    context_field: Field,
}

async fn compare(
    State(state): State<AppState>,
    c: Ctx,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    let f = Filters::parse(raw);
    let lang = c.lang;
    let everyone = build(&load(&state).await?, lang, &Filters::default());
    let chosen: Vec<&OrgSection> = everyone
        .sections
        .iter()
        .filter(|s| f.orgs.iter().any(|o| *o == s.id.to_string()))
        .collect();
    let v = Vocabulary::builtin();
    let contexts: Vec<&vuoro_core::catalogue::Term> = v
        .contexts
        .iter()
        .filter(|t| f.context.is_empty() || t.code == f.context)
        .collect();
    let line = |e: &Entry| {
        let view = EntryView::new(lang, e, Audience::Public);
        if view.count.is_empty() {
            view.text
        } else {
            format!("{} ({})", view.text, view.count)
        }
    };
    let rows = contexts
        .iter()
        .map(|t| CompareRow {
            context: t.name.get(lang).to_owned(),
            cells: chosen
                .iter()
                .map(|s| {
                    everyone
                        .entries
                        .iter()
                        .filter(|e| e.org == s.id && e.activity.contexts.contains(&t.code))
                        .map(line)
                        .collect()
                })
                .collect(),
        })
        .filter(|r| r.cells.iter().any(|c| !c.is_empty()))
        .collect();
    let mut items = vec![(String::new(), i18n::t(lang, "listing-all"))];
    items.extend(
        v.contexts
            .iter()
            .map(|x| (x.code.clone(), x.name.get(lang).to_owned())),
    );
    Ok(ComparePage {
        orgs: everyone
            .sections
            .iter()
            .map(|s| (s.id, s.name.clone(), chosen.iter().any(|x| x.id == s.id)))
            .collect(),
        columns: chosen.iter().map(|s| s.name.clone()).collect(),
        rows,
        context_field: Field::new(
            "context",
            i18n::t(lang, "cat-contexts"),
            Kind::Select(opts(items, std::slice::from_ref(&f.context))),
        )
        .prefix("cmp-"),
        c,
    }
    .into_response())
}

// ---------------------------------------------------------------------------------------------
// Exports

/// The listing as a document like the hand-made 2021 one: per organisation its lines as
/// bullets (with counts), then what is coming.
async fn document(state: &AppState, lang: Lang, f: &Filters) -> AppResult<Document> {
    let listing = build(&load(state).await?, lang, f);
    let t = |k: &str| i18n::t(lang, k);
    let mut blocks = vec![Block::Paragraph(t("listing-intro"))];
    for s in &listing.sections {
        blocks.push(Block::Heading(s.name.clone()));
        let mut facts = Vec::new();
        if !s.region.is_empty() {
            facts.push(format!("{}: {}", t("cat-region"), s.region));
        }
        if !s.trained.is_empty() {
            facts.push(format!("{}: {}", t("cat-trained"), s.trained));
        }
        if s.processes > 0 {
            facts.push(i18n::t_args(
                lang,
                "listing-processes",
                &[("count", i18n::n(s.processes as i64))],
            ));
        }
        if !facts.is_empty() {
            blocks.push(Block::Paragraph(facts.join(" · ")));
        }
        let bullet = |e: &EntryView| {
            if e.count.is_empty() {
                e.text.clone()
            } else {
                format!("{} ({})", e.text, e.count)
            }
        };
        if !s.done.is_empty() {
            blocks.push(Block::Bullets(s.done.iter().map(bullet).collect()));
        }
        if !s.planned.is_empty() {
            blocks.push(Block::Paragraph(t("cat-status-planned")));
            blocks.push(Block::Bullets(s.planned.iter().map(bullet).collect()));
        }
    }
    Ok(Document {
        lang: lang.code().to_owned(),
        title: t("listing-title"),
        subtitle: None,
        meta: vec![(
            t("summary-export-date"),
            crate::processes::format_date(OffsetDateTime::now_utc().date()),
        )],
        blocks,
    })
}

async fn markdown(
    State(state): State<AppState>,
    c: Ctx,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    let doc = document(&state, c.lang, &Filters::parse(raw)).await?;
    Ok(download(
        vuoro_export::markdown(&doc),
        "text/markdown; charset=utf-8",
        "vertaislistaus.md",
    ))
}

async fn docx(
    State(state): State<AppState>,
    c: Ctx,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    let doc = document(&state, c.lang, &Filters::parse(raw)).await?;
    let bytes = render(doc, vuoro_export::docx).await?;
    Ok(download(
        bytes,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "vertaislistaus.docx",
    ))
}
