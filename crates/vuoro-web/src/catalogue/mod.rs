//! The dialogue catalogue: each organisation's record of where and how it uses dialogue
//! (`org`), the public peer listing that compares organisations (`listing`), the open data API
//! (`api`) and the organisation's plans that dialogue feeds (`plans`).
//!
//! An [`Entry`] is one line of a catalogue: an activity someone recorded or imported, or a
//! process run in vuoro read as one ([`vuoro_core::catalogue::process_activity`]). Processes
//! are read, never copied, so each counts once.

pub mod api;
pub mod listing;
pub mod org;
pub mod plans;

use crate::AppState;
use crate::error::AppResult;
use crate::i18n;
use crate::routes::Routes;
use std::collections::HashMap;
use vuoro_core::catalogue::{
    Activity, ActivityStatus, Amount, Count, CountPer, Missing, TermKind, Vocabulary,
    process_activity,
};
use vuoro_core::{ActivityId, Lang, OrgId, ProcessId};
use vuoro_store::{ActivitySource, OrgCatalogue, Organisation, ProcessFilter};

pub fn router() -> Routes {
    org::router()
        .merge(listing::router())
        .merge(api::router())
        .merge(plans::router())
}

/// Where an entry comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Typed in by a person.
    Manual(ActivityId),
    /// Imported from a listing; the line's number and what the importer could not find.
    Imported {
        id: ActivityId,
        line: u32,
        unparsed: Vec<String>,
    },
    /// A process run in vuoro.
    Process(ProcessId),
}

/// One line of a catalogue.
#[derive(Debug, Clone)]
pub struct Entry {
    pub org: OrgId,
    pub activity: Activity,
    pub origin: Origin,
}

impl Entry {
    pub fn activity_id(&self) -> Option<ActivityId> {
        match self.origin {
            Origin::Manual(id) | Origin::Imported { id, .. } => Some(id),
            Origin::Process(_) => None,
        }
    }

    pub fn is_process(&self) -> bool {
        matches!(self.origin, Origin::Process(_))
    }

    /// The years the entry touches, for the per-year chart and the year filter; an activity
    /// still going on counts up to `this_year`. None when no year is known.
    pub fn years(&self, this_year: i32) -> std::ops::Range<i32> {
        match self.activity.period {
            Some(p) => p.from..p.to.unwrap_or(this_year).max(p.from) + 1,
            None => 0..0,
        }
    }
}

/// What a catalogue is read for: the organisation's own staff see everything; the public sees
/// only what the organisation published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Staff,
    Public,
}

/// The entries of one organisation (or all of them), for `audience`.
pub async fn entries(
    state: &AppState,
    org: Option<OrgId>,
    audience: Audience,
) -> AppResult<Vec<Entry>> {
    let vocab = Vocabulary::builtin();
    let settings: HashMap<OrgId, OrgCatalogue> = state
        .store
        .org_catalogues()
        .await?
        .into_iter()
        .map(|c| (c.org, c))
        .collect();
    let public_org = |o: OrgId| settings.get(&o).is_some_and(|c| c.public);
    let mut out = Vec::new();
    for r in state.store.activities(org).await? {
        if audience == Audience::Public && !(r.activity.public && public_org(r.org)) {
            continue;
        }
        let origin = match r.source {
            ActivitySource::Manual => Origin::Manual(r.id),
            ActivitySource::Import { line, unparsed, .. } => Origin::Imported {
                id: r.id,
                line,
                unparsed,
            },
        };
        out.push(Entry {
            org: r.org,
            activity: r.activity,
            origin,
        });
    }
    // The organisations whose processes count, in the order of `orgs()`.
    let counted = |o: &OrgId| {
        audience == Audience::Staff
            || settings
                .get(o)
                .is_some_and(|c| c.public && c.publish_processes)
    };
    let orgs: Vec<OrgId> = match org {
        Some(o) => vec![o],
        None => state
            .store
            .orgs()
            .await?
            .into_iter()
            .map(|o| o.id)
            .collect(),
    };
    let orgs: Vec<OrgId> = orgs.into_iter().filter(counted).collect();
    if orgs.is_empty() {
        return Ok(out);
    }
    // One query for the processes of every organisation (or the one asked for), grouped here,
    // rather than one query per organisation.
    let filter = ProcessFilter {
        org,
        ..ProcessFilter::default()
    };
    let mut by_org: HashMap<OrgId, Vec<vuoro_store::Process>> = HashMap::new();
    for p in state.store.processes(&filter).await? {
        by_org.entry(p.org).or_default().push(p);
    }
    for o in orgs {
        for p in by_org.remove(&o).unwrap_or_default() {
            let year = p
                .first_session
                .map_or_else(|| p.created_at.year(), |d| d.year());
            if let Some(activity) =
                process_activity(&p.order, p.method_id.as_deref(), p.state, year, vocab)
            {
                out.push(Entry {
                    org: o,
                    activity,
                    origin: Origin::Process(p.id),
                });
            }
        }
    }
    Ok(out)
}

/// A count in words: "noin 10 vuodessa", "3–5", "vähintään 100 vuodessa".
pub fn count_label(lang: Lang, c: &Count) -> String {
    let n = |v: u32| i18n::n(i64::from(v));
    let amount = match c.amount {
        Amount::Exact { n: v } => i18n::t_args(lang, "cat-count-exact", &[("n", n(v))]),
        Amount::About { n: v } => i18n::t_args(lang, "cat-count-about", &[("n", n(v))]),
        Amount::AtLeast { n: v } => i18n::t_args(lang, "cat-count-at-least", &[("n", n(v))]),
        Amount::Range { min, max } => {
            i18n::t_args(lang, "cat-count-range", &[("min", n(min)), ("max", n(max))])
        }
    };
    match c.per {
        CountPer::Year => i18n::t_args(lang, "cat-count-per-year", &[("count", i18n::s(&amount))]),
        CountPer::Total => amount,
    }
}

/// A period in words: "2019", "2014–2019", "2021 alkaen".
pub fn period_label(lang: Lang, p: vuoro_core::catalogue::Period) -> String {
    match p.to {
        Some(to) if to == p.from => p.from.to_string(),
        Some(to) => format!("{}–{}", p.from, to),
        None => i18n::t_args(
            lang,
            "cat-period-from",
            &[("year", i18n::n(i64::from(p.from)))],
        ),
    }
}

/// The names of terms, joined.
pub fn term_names(lang: Lang, kind: TermKind, codes: &[String]) -> String {
    let v = Vocabulary::builtin();
    codes
        .iter()
        .map(|c| v.name(kind, c, lang).to_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A completeness share as a whole percentage.
pub fn percent(share: f64) -> i64 {
    (share * 100.0).round() as i64
}

/// An entry as the pages show it, every part already in words.
#[derive(Debug, Clone)]
pub struct EntryView {
    pub id: Option<ActivityId>,
    pub process: Option<ProcessId>,
    pub text: String,
    pub contexts: String,
    pub topics: String,
    pub tags: String,
    pub method: String,
    pub unit: String,
    pub target_group: String,
    pub languages: String,
    pub format: String,
    pub period: String,
    pub count: String,
    pub planned: bool,
    pub public: bool,
    /// What is missing, in words.
    pub missing: Vec<String>,
    /// Where it came from, in words ("tuotu listauksesta, rivi 12").
    pub origin: String,
    /// Whether the line shows its keepers' details: where it came from, whether it is public and
    /// what it lacks (the organisation's own page, not the public listing).
    pub keeper: bool,
    /// The address of its edit form, for those who may edit it.
    pub edit: Option<String>,
}

impl EntryView {
    /// `audience` decides whether a process shows its community's name (staff) or only that it
    /// is a process run in vuoro (public).
    pub fn new(lang: Lang, e: &Entry, audience: Audience) -> EntryView {
        let a = &e.activity;
        let text = match (&e.origin, audience) {
            (Origin::Process(_), Audience::Public) => i18n::t(lang, "cat-process-public"),
            _ => a.text.clone(),
        };
        let origin = match &e.origin {
            Origin::Manual(_) => i18n::t(lang, "cat-origin-manual"),
            Origin::Imported { line, .. } => i18n::t_args(
                lang,
                "cat-origin-import",
                &[("line", i18n::n(i64::from(*line)))],
            ),
            Origin::Process(_) => i18n::t(lang, "cat-origin-process"),
        };
        EntryView {
            id: e.activity_id(),
            process: match e.origin {
                Origin::Process(p) if audience == Audience::Staff => Some(p),
                _ => None,
            },
            text,
            contexts: term_names(lang, TermKind::Context, &a.contexts),
            topics: term_names(lang, TermKind::Topic, &a.topics),
            tags: a.tags.join(", "),
            method: a
                .method
                .as_deref()
                .map(|m| {
                    Vocabulary::builtin()
                        .name(TermKind::Method, m, lang)
                        .to_owned()
                })
                .unwrap_or_default(),
            unit: a.unit.clone().unwrap_or_default(),
            target_group: a.target_group.clone().unwrap_or_default(),
            languages: a
                .languages
                .iter()
                .map(|l| i18n::t(lang, &format!("plang-{}", l.code())))
                .collect::<Vec<_>>()
                .join(", "),
            format: a
                .format
                .map(|f| i18n::t(lang, &format!("format-{}", f.code())))
                .unwrap_or_default(),
            period: a.period.map(|p| period_label(lang, p)).unwrap_or_default(),
            count: a
                .count
                .as_ref()
                .map(|c| count_label(lang, c))
                .unwrap_or_default(),
            planned: a.status == ActivityStatus::Planned,
            public: a.public,
            missing: a
                .missing()
                .into_iter()
                .map(|m| missing_label(lang, m))
                .collect(),
            origin,
            keeper: false,
            edit: None,
        }
    }

    /// The view for the organisation's own page: its keepers' details, and the edit link when
    /// `can_edit`.
    pub fn for_keepers(mut self, org: OrgId, can_edit: bool) -> EntryView {
        self.keeper = true;
        self.edit = self
            .id
            .filter(|_| can_edit)
            .map(|id| format!("/orgs/{org}/catalogue/{id}"));
        self
    }
}

pub fn missing_label(lang: Lang, m: Missing) -> String {
    i18n::t(lang, &format!("cat-missing-{}", m.code()))
}

/// Organisations by id, for naming them.
pub async fn org_names(state: &AppState) -> AppResult<HashMap<OrgId, Organisation>> {
    Ok(state
        .store
        .orgs()
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect())
}
