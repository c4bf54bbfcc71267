//! Themes from notes: the text engine (`vuoro-text`) proposes themes for the notes of a live
//! session, a phase or the whole process, and the facilitator curates them (rename, merge,
//! split, move notes, remove). Every save is a new version; a proposal never replaces a curated
//! set without the facilitator confirming it, and the earlier versions stay readable.
//!
//! Chosen themes become phase 2's learning-café tables or open-space topics in one step.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::form::FormData;
use crate::live::dir_of;
use crate::processes::{load, require};
use crate::routes::Routes;
use crate::util::{redirect, unprocessable};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use time::OffsetDateTime;
use vuoro_core::permission::{ProcessAction, ProcessActor};
use vuoro_core::process::ProcessState;
use vuoro_core::themes::{Proposed, Scope, ThemeError, ThemeSet};
use vuoro_core::{LiveSessionId, NoteId};

/// One scope per phase that has run a live session, in phase order: where themes of a phase
/// can be, for the themes page, the summary's draft and the exports alike.
pub fn phase_scopes(sessions: &[vuoro_store::LiveSession]) -> Vec<Scope> {
    let mut phases: Vec<u32> = sessions.iter().map(|l| l.phase).collect();
    phases.sort_unstable();
    phases.dedup();
    phases
        .into_iter()
        .map(|phase| Scope::Phase { phase })
        .collect()
}
use vuoro_store::{LiveSession, Note, Process, StoreError, ThemeVersion};

mod unplaced;
use unplaced::LangGroup;

pub fn router() -> Routes {
    Routes::new()
        .route("/processes/{id}/themes", get(overview))
        .route("/processes/{id}/themes/{scope}", get(page).post(edit))
        .route("/processes/{id}/themes/{scope}/propose", post(propose))
        .route(
            "/processes/{id}/themes/{scope}/to-session",
            post(to_session),
        )
        .route(
            "/processes/{id}/themes/{scope}/versions/{v}",
            get(version_page),
        )
}

// ---------------------------------------------------------------------------------------------
// Notes of a scope

/// The notes a scope covers, oldest first: what is on the boards (not hidden, not merged). Two
/// queries however many sessions the process ran: its sessions, for their phases, and its notes.
async fn scope_notes(state: &AppState, p: &Process, scope: Scope) -> AppResult<Vec<Note>> {
    let sessions = state.store.live_sessions(p.id).await?;
    let covered: Vec<LiveSessionId> = sessions
        .iter()
        .filter(|l| match scope {
            Scope::Process => true,
            Scope::Phase { phase } => l.phase == phase,
            Scope::Session { session } => l.id == session,
        })
        .map(|l| l.id)
        .collect();
    if covered.is_empty() {
        return Ok(Vec::new());
    }
    Ok(state
        .store
        .process_notes(p.id)
        .await?
        .into_iter()
        .filter(|n| covered.contains(&n.live_session) && !n.hidden && n.merged_into.is_none())
        .collect())
}

/// Runs the engine on the notes; off the async threads, since a big process takes a moment.
async fn proposal(notes: &[Note]) -> AppResult<ThemeSet> {
    let texts: Vec<String> = notes.iter().map(|n| n.text.clone()).collect();
    let ids: Vec<NoteId> = notes.iter().map(|n| n.id).collect();
    let themes = tokio::task::spawn_blocking(move || {
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        // Two threads at most: the server answers others meanwhile. Voikko's base forms and
        // compound parts where it is installed, the built-in stemmer otherwise.
        let opts = vuoro_text::Options {
            threads: Some(2),
            lemmatizer: vuoro_voikko::shared()
                .map(|v| v as std::sync::Arc<dyn vuoro_text::lemma::Lemmatizer>),
            ..vuoro_text::Options::default()
        };
        vuoro_text::themes(&refs, &opts)
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?;
    let proposed = themes
        .themes
        .iter()
        .map(|t| Proposed {
            label: t.label_text(),
            notes: t.notes.iter().map(|i| ids[*i]).collect(),
            representative: t.representative.iter().map(|i| ids[*i]).collect(),
        })
        .collect();
    let unsorted = themes
        .assignment
        .iter()
        .enumerate()
        .filter(|(_, a)| a.is_none())
        .map(|(i, _)| ids[i])
        .collect();
    Ok(ThemeSet::from_proposal(proposed, unsorted))
}

// ---------------------------------------------------------------------------------------------
// Views

/// A note as a theme page shows it: text, language and the name only if it was shown.
#[derive(Debug, Clone)]
pub struct NoteRef {
    pub id: NoteId,
    pub text: String,
    pub lang: String,
    pub dir: &'static str,
    pub name: Option<String>,
    /// The theme it is in, 0 when unsorted.
    pub theme: u32,
    /// Chosen in the form that was refused: stays chosen.
    pub checked: bool,
}

#[derive(Debug)]
pub struct ThemeView {
    pub id: u32,
    pub label: String,
    /// What the name field holds: the label, or what was typed into a refused form.
    pub value: String,
    pub representative: Vec<NoteRef>,
    pub notes: Vec<NoteRef>,
}

/// A scope the facilitator can look at: its path code, its label and how many notes it has.
#[derive(Debug)]
pub struct ScopeLink {
    pub code: String,
    pub label: String,
    pub notes: usize,
    pub current: bool,
}

/// The way on from the themes to phase 2: the sessions the chosen themes can go to, as
/// (form value, label): open runs by id, planned sessions of a later phase as `plan:<id>`,
/// opened when the themes go there.
#[derive(Debug)]
pub struct Onward {
    pub sessions: Vec<(String, String)>,
}

/// A theme about to be removed, waiting for a yes: (id, label, its notes).
#[derive(Debug)]
pub struct RemoveAsk {
    pub id: u32,
    pub label: String,
    pub notes: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "themes.html")]
struct ThemesPage {
    c: Ctx,
    process: Process,
    scope_code: String,
    scope_label: String,
    scopes: Vec<ScopeLink>,
    can_curate: bool,
    version: Option<u32>,
    curated: bool,
    themes: Vec<ThemeView>,
    unsorted: Vec<NoteRef>,
    /// The unsorted notes by language (`themes_unplaced.html`).
    unplaced: Vec<LangGroup>,
    notes_total: usize,
    /// Notes written since the set was saved, not in it yet.
    new_notes: usize,
    /// Where the themes go on to phase 2, once phase 1 is over.
    onward: Option<Onward>,
    /// Phase 1 is still on: the way on starts from the process page.
    in_phase1: bool,
    /// The proposal waits for a yes: it would replace a curated set.
    confirm: bool,
    /// A theme's removal waits for a yes.
    remove_ask: Option<RemoveAsk>,
    /// The new theme's name typed into a refused form.
    new_label: String,
    /// Showing an earlier version, read only.
    old_version: bool,
    error: Option<String>,
}

/// What a refused or confirming form had in it, shown again as it was: typed names by theme,
/// the chosen notes and the new theme's name.
#[derive(Debug, Default)]
struct Typed {
    labels: HashMap<u32, String>,
    notes: HashSet<NoteId>,
    new_label: String,
}

impl Typed {
    fn of(form: &FormData) -> Typed {
        Typed {
            labels: typed_labels(form),
            notes: chosen_notes(form).into_iter().collect(),
            new_label: form.string("label"),
        }
    }
}

/// The names typed into the curation form, by theme (`label-<id>`).
fn typed_labels(form: &FormData) -> HashMap<u32, String> {
    form.0
        .iter()
        .filter_map(|(k, v)| {
            let id = k.strip_prefix("label-")?.parse().ok()?;
            Some((id, v.clone()))
        })
        .collect()
}

fn chosen_notes(form: &FormData) -> Vec<NoteId> {
    form.all("note")
        .iter()
        .filter_map(|n| NoteId::parse(n).ok())
        .collect()
}

/// Renames every theme whose typed name differs from its label, so that a name typed but not
/// yet saved goes with whichever button of the page was pressed.
fn apply_labels(set: &mut ThemeSet, labels: &HashMap<u32, String>) -> Result<(), ThemeError> {
    let mut ids: Vec<&u32> = labels.keys().collect();
    ids.sort_unstable();
    for id in ids {
        let typed = &labels[id];
        match set.theme(*id) {
            Some(t) if t.label != typed.trim() => set.rename(*id, typed)?,
            _ => {}
        }
    }
    Ok(())
}

fn note_ref(n: &Note, theme: u32, checked: bool) -> NoteRef {
    NoteRef {
        id: n.id,
        text: n.text.clone(),
        lang: n.lang.clone(),
        dir: dir_of(&n.lang),
        name: n.shown_name.clone(),
        theme,
        checked,
    }
}

fn theme_views(set: &ThemeSet, notes: &[Note], typed: &Typed) -> (Vec<ThemeView>, Vec<NoteRef>) {
    let by_id: HashMap<NoteId, &Note> = notes.iter().map(|n| (n.id, n)).collect();
    // A note hidden after the set was saved is left out here, not lost from the set.
    let refs = |ids: &[NoteId], theme: u32| -> Vec<NoteRef> {
        ids.iter()
            .filter_map(|id| by_id.get(id))
            .map(|n| note_ref(n, theme, typed.notes.contains(&n.id)))
            .collect()
    };
    let themes = set
        .themes
        .iter()
        .map(|t| ThemeView {
            id: t.id,
            label: t.label.clone(),
            value: typed
                .labels
                .get(&t.id)
                .cloned()
                .unwrap_or_else(|| t.label.clone()),
            representative: refs(&t.representative, t.id),
            notes: refs(&t.notes, t.id),
        })
        .collect();
    (themes, refs(&set.unsorted, 0))
}

fn scope_label(c: &Ctx, scope: Scope, sessions: &[LiveSession]) -> String {
    match scope {
        Scope::Process => c.t("themes-scope-process"),
        Scope::Phase { phase } => c.tn("themes-scope-phase", "n", i64::from(phase)),
        Scope::Session { session } => {
            let when = sessions
                .iter()
                .find(|l| l.id == session)
                .map(|l| crate::processes::helsinki_time(l.opened_at))
                .unwrap_or_default();
            c.t1("themes-scope-session", "when", &when)
        }
    }
}

/// How a theme page is drawn besides its version: read only, asking for a yes, with what a
/// refused form had in it, with an error.
#[derive(Debug, Default)]
struct Drawn {
    old_version: bool,
    confirm: bool,
    remove_ask: Option<u32>,
    typed: Typed,
    error: Option<String>,
}

impl Drawn {
    fn error(error: String) -> Drawn {
        Drawn {
            error: Some(error),
            ..Drawn::default()
        }
    }
}

/// The sessions the themes can go on to: open runs, then the plan's sessions of a later phase
/// that have not been opened yet. Empty before phase 2 or for someone who does not run them.
async fn onward(
    state: &AppState,
    c: &Ctx,
    p: &Process,
    pa: &ProcessActor,
    sessions: &[LiveSession],
) -> AppResult<Option<Onward>> {
    if p.state != ProcessState::Phase2 || !pa.can(ProcessAction::RunSession, p.state) {
        return Ok(None);
    }
    let plan = state.store.plan(p.id, p.plan_version).await?.plan;
    let title = |sid: u32| {
        plan.session(sid)
            .map(|s| s.title.clone())
            .unwrap_or_default()
    };
    let mut choices: Vec<(String, String)> = sessions
        .iter()
        .filter(|l| l.open)
        .map(|l| {
            (
                l.id.to_string(),
                c.t1("themes-session-open", "title", &title(l.plan_session)),
            )
        })
        .collect();
    choices.extend(
        plan.sessions
            .iter()
            .filter(|s| s.phase >= 2)
            .filter(|s| !sessions.iter().any(|l| l.open && l.plan_session == s.id))
            .map(|s| {
                (
                    format!("plan:{}", s.id),
                    c.t1("themes-session-planned", "title", &s.title),
                )
            }),
    );
    Ok(Some(Onward { sessions: choices }))
}

/// Everything a theme page needs, for the latest version or an earlier one.
async fn themes_page(
    state: &AppState,
    c: Ctx,
    p: Process,
    pa: &ProcessActor,
    scope: Scope,
    shown: Option<ThemeVersion>,
    drawn: Drawn,
) -> AppResult<ThemesPage> {
    let sessions = state.store.live_sessions(p.id).await?;
    let notes = scope_notes(state, &p, scope).await?;
    let mut scopes = vec![Scope::Process];
    scopes.extend(phase_scopes(&sessions));
    scopes.extend(
        sessions
            .iter()
            .rev()
            .map(|l| Scope::Session { session: l.id }),
    );
    let mut links = Vec::new();
    for s in scopes {
        links.push(ScopeLink {
            code: s.code(),
            label: scope_label(&c, s, &sessions),
            notes: scope_notes(state, &p, s).await?.len(),
            current: s == scope,
        });
    }
    let (themes, unsorted, version, curated, new_notes) = match &shown {
        Some(v) => {
            let (t, u) = theme_views(&v.set, &notes, &drawn.typed);
            let known: HashSet<NoteId> = v.set.all_notes().into_iter().collect();
            let new = notes.iter().filter(|n| !known.contains(&n.id)).count();
            (t, u, Some(v.version), v.curated, new)
        }
        None => (Vec::new(), Vec::new(), None, false, 0),
    };
    let can_curate = pa.can(ProcessAction::CurateThemes, p.state) && !drawn.old_version;
    let onward = if can_curate && !themes.is_empty() {
        onward(state, &c, &p, pa, &sessions).await?
    } else {
        None
    };
    let remove_ask = drawn.remove_ask.and_then(|id| {
        themes.iter().find(|t| t.id == id).map(|t| RemoveAsk {
            id,
            label: t.label.clone(),
            notes: t.notes.len(),
        })
    });
    let langs: Vec<vuoro_text::Lang> = notes.iter().map(|n| unplaced::lang_of(&n.text)).collect();
    let unplaced = unplaced::by_language(&c, &unsorted, &langs);
    Ok(ThemesPage {
        unplaced,
        scope_code: scope.code(),
        scope_label: scope_label(&c, scope, &sessions),
        scopes: links,
        can_curate,
        version,
        curated,
        themes,
        unsorted,
        notes_total: notes.len(),
        new_notes,
        onward,
        in_phase1: p.state == ProcessState::Phase1 && can_curate,
        confirm: drawn.confirm,
        remove_ask,
        new_label: drawn.typed.new_label,
        old_version: drawn.old_version,
        error: drawn.error,
        process: p,
        c,
    })
}

fn parse_scope(raw: &str) -> AppResult<Scope> {
    Scope::parse(raw).ok_or(AppError::NotFound)
}

// ---------------------------------------------------------------------------------------------
// Handlers

/// The process's own themes. Asks like every page of the process, so the answer does not tell
/// a stranger whether the process exists.
async fn overview(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (p, _) = load(&state, &c, &id).await?;
    Ok(redirect(&format!("/processes/{}/themes/process", p.id)))
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, scope)): Path<(String, String)>,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    let scope = parse_scope(&scope)?;
    let shown = state.store.themes(p.id, scope).await?;
    Ok(
        themes_page(&state, c, p, &pa, scope, shown, Drawn::default())
            .await?
            .into_response(),
    )
}

async fn version_page(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, scope, v)): Path<(String, String, u32)>,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    let scope = parse_scope(&scope)?;
    let shown = state.store.theme_version(p.id, scope, v).await?;
    let drawn = Drawn {
        old_version: true,
        ..Drawn::default()
    };
    Ok(themes_page(&state, c, p, &pa, scope, Some(shown), drawn)
        .await?
        .into_response())
}

#[derive(Deserialize)]
struct Confirm {
    confirm: Option<String>,
}

/// Where a curation step leaves the facilitator: the page, at the theme it touched.
fn back_to(p: &Process, scope: Scope, anchor: Option<String>) -> Response {
    let mut to = format!("/processes/{}/themes/{}", p.id, scope.code());
    if let Some(a) = anchor {
        to.push('#');
        to.push_str(&a);
    }
    redirect(&to)
}

fn theme_anchor(id: Option<u32>) -> String {
    id.map_or_else(|| "unsorted".to_owned(), |id| format!("theme-{id}"))
}

fn theme_error_key(e: ThemeError) -> &'static str {
    match e {
        ThemeError::Label(_) => "themes-error-label",
        ThemeError::NoNote => "themes-error-no-note",
        ThemeError::TooMany => "themes-error-too-many",
        ThemeError::NoTheme | ThemeError::SameTheme => "themes-error-theme",
    }
}

/// Runs the analysis and saves its proposal as a new version. A curated set is replaced only
/// after the facilitator says yes; it stays readable as an earlier version.
async fn propose(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, scope)): Path<(String, String)>,
    Query(q): Query<Confirm>,
    form: FormData,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::CurateThemes, p.state)?;
    let scope = parse_scope(&scope)?;
    let current = state.store.themes(p.id, scope).await?;
    let confirmed = form.get("confirm") == "yes" || q.confirm.as_deref() == Some("yes");
    if current.as_ref().is_some_and(|v| v.curated) && !confirmed {
        // Asked from the curation form: what was typed there stays in it.
        let drawn = Drawn {
            confirm: true,
            typed: Typed::of(&form),
            ..Drawn::default()
        };
        let page = themes_page(&state, c, p, &pa, scope, current, drawn).await?;
        return Ok(page.into_response());
    }
    let notes = scope_notes(&state, &p, scope).await?;
    if notes.is_empty() {
        let drawn = Drawn::error(c.t("themes-no-notes"));
        let mut r = themes_page(&state, c, p, &pa, scope, current, drawn)
            .await?
            .into_response();
        *r.status_mut() = StatusCode::CONFLICT;
        return Ok(r);
    }
    let set = proposal(&notes).await?;
    let user = c.user()?.id;
    state
        .store
        .save_themes(
            p.id,
            scope,
            current.map(|v| v.version),
            &set,
            false,
            user,
            OffsetDateTime::now_utc(),
        )
        .await?;
    Ok(back_to(&p, scope, None))
}

/// What a press of the curation form does, besides saving the names typed into it.
enum Step {
    /// Only the typed names.
    Save,
    Rename(u32, String),
    Merge {
        into: u32,
        from: u32,
    },
    /// Removing asks first.
    AskRemove(u32),
    Remove(u32),
    Split(u32, Vec<NoteId>, String),
    /// The chosen notes to a theme, or to the unsorted ones.
    Move(Vec<NoteId>, Option<u32>),
    /// The chosen notes into a new theme of this name.
    Gather(Vec<NoteId>, String),
    AddNew,
}

/// Reads the pressed button: `do` is an action, or an action and a theme (`remove:4`), since a
/// button carries one value and every theme's buttons are in the one form.
fn step(form: &FormData) -> AppResult<Step> {
    let bad = || AppError::BadRequest("error-malformed-form");
    let num = |v: &str| v.parse::<u32>().map_err(|_| bad());
    let field = |name: &str| num(form.get(name));
    let (action, arg) = match form.get("do").split_once(':') {
        Some((a, n)) => (a, Some(num(n)?)),
        None => (form.get("do"), None),
    };
    let theme = || arg.map_or_else(|| field("theme"), Ok);
    Ok(match action {
        // Enter in the new theme's name field presses the first button, "save": the name
        // typed there still makes the new theme, never vanishes.
        "save" if !form.get("label").trim().is_empty() => {
            Step::Gather(chosen_notes(form), form.string("label"))
        }
        "save" => Step::Save,
        // A theme's own "rename" button names it from its own field.
        "rename" => match arg {
            Some(id) => Step::Rename(id, form.string(&format!("label-{id}"))),
            None => Step::Rename(field("theme")?, form.string("label")),
        },
        "merge" => {
            let from = theme()?;
            let into = match arg {
                Some(id) => field(&format!("into-{id}"))?,
                None => field("into")?,
            };
            Step::Merge { into, from }
        }
        "remove" => Step::AskRemove(theme()?),
        "remove_yes" => Step::Remove(theme()?),
        "split" => Step::Split(theme()?, chosen_notes(form), form.string("label")),
        // A theme's own "move the chosen notes here" button; 0 is the unsorted notes.
        "here" => {
            let to = theme()?;
            Step::Move(chosen_notes(form), (to != 0).then_some(to))
        }
        "move_chosen" => match form.get("to") {
            "" => Step::Move(chosen_notes(form), None),
            "new" => Step::Gather(chosen_notes(form), form.string("label")),
            to => Step::Move(chosen_notes(form), Some(num(to)?)),
        },
        // One note's move, as the page sent it before notes were chosen with check boxes.
        "move" => {
            let note = NoteId::parse(form.get("note")).map_err(|_| bad())?;
            let to = match form.get("to") {
                "" => None,
                to => Some(num(to)?),
            };
            Step::Move(vec![note], to)
        }
        "add_new" => Step::AddNew,
        _ => return Err(bad()),
    })
}

/// One press of the curation form on the latest version: the typed names, and the step of the
/// button pressed (rename, merge, move the chosen notes, split, remove after a yes, or take in
/// the notes written since). Leads back to where the facilitator was on the page.
async fn edit(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, scope)): Path<(String, String)>,
    form: FormData,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::CurateThemes, p.state)?;
    let scope = parse_scope(&scope)?;
    let current = state
        .store
        .themes(p.id, scope)
        .await?
        .ok_or(AppError::NotFound)?;
    let base: u32 = form
        .get("base")
        .parse()
        .map_err(|_| AppError::BadRequest("error-malformed-form"))?;
    let step = step(&form)?;
    let mut set = current.set.clone();
    let mut done = apply_labels(&mut set, &typed_labels(&form));
    let mut anchor = None;
    if done.is_ok() {
        done = match step {
            Step::Save => Ok(()),
            Step::Rename(id, label) => {
                anchor = Some(theme_anchor(Some(id)));
                set.rename(id, &label)
            }
            Step::Merge { into, from } => {
                anchor = Some(theme_anchor(Some(into)));
                set.merge(into, from)
            }
            Step::AskRemove(id) => {
                if set.theme(id).is_none() {
                    Err(ThemeError::NoTheme)
                } else {
                    // Nothing is saved yet: the page asks, keeping what was typed.
                    let drawn = Drawn {
                        remove_ask: Some(id),
                        typed: Typed::of(&form),
                        ..Drawn::default()
                    };
                    let page = themes_page(&state, c, p, &pa, scope, Some(current), drawn).await?;
                    return Ok(page.into_response());
                }
            }
            Step::Remove(id) => {
                anchor = Some(theme_anchor(None));
                set.remove(id)
            }
            Step::Split(id, notes, label) => set.split(id, &notes, &label).map(|new| {
                anchor = Some(theme_anchor(Some(new)));
            }),
            Step::Move(notes, to) => {
                anchor = Some(theme_anchor(to));
                set.move_notes(&notes, to)
            }
            Step::Gather(notes, label) => set.gather(&notes, &label).map(|new| {
                anchor = Some(theme_anchor(Some(new)));
            }),
            Step::AddNew => {
                let notes = scope_notes(&state, &p, scope).await?;
                set.add_new_notes(notes.iter().map(|n| n.id));
                anchor = Some(theme_anchor(None));
                Ok(())
            }
        };
    }
    if let Err(e) = done {
        let drawn = Drawn {
            typed: Typed::of(&form),
            ..Drawn::error(c.t(theme_error_key(e)))
        };
        let page = themes_page(&state, c, p, &pa, scope, Some(current), drawn).await?;
        return Ok(unprocessable(page));
    }
    if set == current.set {
        return Ok(back_to(&p, scope, anchor));
    }
    if save_curated(&state, &c, &p, scope, base, &set).await? {
        Ok(back_to(&p, scope, anchor))
    } else {
        stale_page(&state, c, p, &pa, scope, &form).await
    }
}

/// Saves a curated set made on version `base`; false when a newer version came first.
async fn save_curated(
    state: &AppState,
    c: &Ctx,
    p: &Process,
    scope: Scope,
    base: u32,
    set: &ThemeSet,
) -> AppResult<bool> {
    let user = c.user()?.id;
    match state
        .store
        .save_themes(
            p.id,
            scope,
            Some(base),
            set,
            true,
            user,
            OffsetDateTime::now_utc(),
        )
        .await
    {
        Ok(_) => Ok(true),
        Err(StoreError::Conflict(_)) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Someone saved a newer version since this page was drawn: show it and say so, with the names
/// typed here still in their fields where the themes still exist.
async fn stale_page(
    state: &AppState,
    c: Ctx,
    p: Process,
    pa: &ProcessActor,
    scope: Scope,
    form: &FormData,
) -> AppResult<Response> {
    let latest = state.store.themes(p.id, scope).await?;
    let drawn = Drawn {
        typed: Typed::of(form),
        ..Drawn::error(c.t("themes-error-stale"))
    };
    let mut r = themes_page(state, c, p, pa, scope, latest, drawn)
        .await?
        .into_response();
    *r.status_mut() = StatusCode::CONFLICT;
    Ok(r)
}

/// Chosen themes become a session's café tables or open-space topics: an open session, or a
/// planned session of phase 2 that opens now. Names typed into the page are saved first.
async fn to_session(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, scope)): Path<(String, String)>,
    form: FormData,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::RunSession, p.state)?;
    let scope = parse_scope(&scope)?;
    let current = state
        .store
        .themes(p.id, scope)
        .await?
        .ok_or(AppError::NotFound)?;
    let refuse = |c: &Ctx, key: &str, typed: Typed| Drawn {
        typed,
        ..Drawn::error(c.t(key))
    };
    let mut set = current.set.clone();
    if let Err(e) = apply_labels(&mut set, &typed_labels(&form)) {
        let drawn = refuse(&c, theme_error_key(e), Typed::of(&form));
        let page = themes_page(&state, c, p, &pa, scope, Some(current), drawn).await?;
        return Ok(unprocessable(page));
    }
    let chosen: Vec<u32> = form
        .all("theme")
        .iter()
        .filter_map(|t| t.parse().ok())
        .collect();
    let labels: Vec<String> = set
        .themes
        .iter()
        .filter(|t| chosen.contains(&t.id))
        .map(|t| t.label.clone())
        .collect();
    if labels.is_empty() {
        let drawn = refuse(&c, "themes-error-choose", Typed::of(&form));
        let page = themes_page(&state, c, p, &pa, scope, Some(current), drawn).await?;
        return Ok(unprocessable(page));
    }
    let user = c.user()?.id;
    let live = match form.get("live").strip_prefix("plan:") {
        Some(sid) => {
            let sid: u32 = sid.parse().map_err(|_| AppError::NotFound)?;
            let plan = state.store.plan(p.id, p.plan_version).await?.plan;
            // Only a later phase's session opens from here; phase 1 opens on the process page.
            if plan.session(sid).is_none_or(|s| s.phase < 2) {
                return Err(AppError::NotFound);
            }
            let id = crate::live::open_live(&state, &p, user, sid).await?;
            state.store.live_session(id).await?
        }
        None => {
            let live_id = LiveSessionId::parse(form.get("live")).map_err(|_| AppError::NotFound)?;
            let live = state.store.live_session(live_id).await?;
            if live.process != p.id {
                return Err(AppError::NotFound);
            }
            if !live.open {
                return Err(AppError::Conflict("error-live-closed"));
            }
            live
        }
    };
    let kind = form.get("as");
    if !matches!(kind, "cafe" | "open_space") {
        return Err(AppError::BadRequest("error-malformed-form"));
    }
    if kind == "cafe" && state.store.cafe(live.id).await?.is_some() {
        let drawn = refuse(&c, "themes-error-cafe-exists", Typed::of(&form));
        let mut r = themes_page(&state, c, p, &pa, scope, Some(current), drawn)
            .await?
            .into_response();
        *r.status_mut() = StatusCode::CONFLICT;
        return Ok(r);
    }
    if set != current.set {
        // The names were typed on the version the page was drawn from.
        let base = form.get("base").parse().unwrap_or(current.version);
        if !save_curated(&state, &c, &p, scope, base, &set).await? {
            return stale_page(&state, c, p, &pa, scope, &form).await;
        }
    }
    let now = OffsetDateTime::now_utc();
    if kind == "cafe" {
        let cafe = vuoro_core::cafe::Cafe::from_form("3", &labels.join("\n"))
            .map_err(|_| AppError::BadRequest("error-malformed-form"))?;
        state.store.save_cafe(live.id, &cafe, now).await?;
    } else {
        crate::live::topics_from_themes(&state, &c, &live, &labels, user).await?;
    }
    Ok(redirect(&format!("/live/{}/run", live.id)))
}
