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
use crate::live::{dir_of, publish};
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
use std::collections::HashMap;
use time::OffsetDateTime;
use vuoro_core::permission::{ProcessAction, ProcessActor};
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

/// The notes a scope covers, oldest first: what is on the boards (not hidden, not merged).
async fn scope_notes(state: &AppState, p: &Process, scope: Scope) -> AppResult<Vec<Note>> {
    let sessions = state.store.live_sessions(p.id).await?;
    let mut notes = Vec::new();
    for live in sessions.iter().rev().filter(|l| match scope {
        Scope::Process => true,
        Scope::Phase { phase } => l.phase == phase,
        Scope::Session { session } => l.id == session,
    }) {
        notes.extend(
            state
                .store
                .notes(live.id)
                .await?
                .into_iter()
                .filter(|n| !n.hidden && n.merged_into.is_none()),
        );
    }
    Ok(notes)
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
    /// The theme it is in, 0 when unsorted: what its move form starts from.
    pub theme: u32,
}

#[derive(Debug)]
pub struct ThemeView {
    pub id: u32,
    pub label: String,
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
    /// Open live sessions the chosen themes can go to: (id, label).
    sessions: Vec<(LiveSessionId, String)>,
    /// The proposal waits for a yes: it would replace a curated set.
    confirm: bool,
    /// Showing an earlier version, read only.
    old_version: bool,
    error: Option<String>,
}

fn note_ref(n: &Note, theme: u32) -> NoteRef {
    NoteRef {
        id: n.id,
        text: n.text.clone(),
        lang: n.lang.clone(),
        dir: dir_of(&n.lang),
        name: n.shown_name.clone(),
        theme,
    }
}

fn theme_views(set: &ThemeSet, notes: &[Note]) -> (Vec<ThemeView>, Vec<NoteRef>) {
    let by_id: HashMap<NoteId, &Note> = notes.iter().map(|n| (n.id, n)).collect();
    // A note hidden after the set was saved is left out here, not lost from the set.
    let refs = |ids: &[NoteId], theme: u32| -> Vec<NoteRef> {
        ids.iter()
            .filter_map(|id| by_id.get(id))
            .map(|n| note_ref(n, theme))
            .collect()
    };
    let themes = set
        .themes
        .iter()
        .map(|t| ThemeView {
            id: t.id,
            label: t.label.clone(),
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

/// Everything a theme page needs, for the latest version or an earlier one.
#[allow(clippy::too_many_arguments)]
async fn themes_page(
    state: &AppState,
    c: Ctx,
    p: Process,
    pa: &ProcessActor,
    scope: Scope,
    shown: Option<ThemeVersion>,
    old_version: bool,
    confirm: bool,
    error: Option<String>,
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
            let (t, u) = theme_views(&v.set, &notes);
            let known: std::collections::HashSet<NoteId> = v.set.all_notes().into_iter().collect();
            let new = notes.iter().filter(|n| !known.contains(&n.id)).count();
            (t, u, Some(v.version), v.curated, new)
        }
        None => (Vec::new(), Vec::new(), None, false, 0),
    };
    let can_curate = pa.can(ProcessAction::CurateThemes, p.state) && !old_version;
    let open_sessions = sessions
        .iter()
        .filter(|l| l.open)
        .map(|l| {
            (
                l.id,
                c.tn2(
                    "themes-session-option",
                    "phase",
                    i64::from(l.phase),
                    "session",
                    i64::from(l.plan_session),
                ),
            )
        })
        .collect();
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
        sessions: if pa.can(ProcessAction::RunSession, p.state) {
            open_sessions
        } else {
            Vec::new()
        },
        confirm,
        old_version,
        error,
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
        themes_page(&state, c, p, &pa, scope, shown, false, false, None)
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
    Ok(
        themes_page(&state, c, p, &pa, scope, Some(shown), true, false, None)
            .await?
            .into_response(),
    )
}

#[derive(Deserialize)]
struct Confirm {
    confirm: Option<String>,
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
        let page = themes_page(&state, c, p, &pa, scope, current, false, true, None).await?;
        return Ok(page.into_response());
    }
    let notes = scope_notes(&state, &p, scope).await?;
    if notes.is_empty() {
        let error = Some(c.t("themes-no-notes"));
        let mut r = themes_page(&state, c, p, &pa, scope, current, false, false, error)
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
    Ok(redirect(&format!(
        "/processes/{}/themes/{}",
        p.id,
        scope.code()
    )))
}

/// One curation step on the latest version: rename, merge, split, move a note, remove a theme,
/// or take in the notes written since.
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
    let bad = || AppError::BadRequest("error-malformed-form");
    let theme = |name: &str| form.get(name).parse::<u32>().map_err(|_| bad());
    let mut set = current.set.clone();
    let done = match form.get("do") {
        "rename" => set.rename(theme("theme")?, form.get("label")),
        "merge" => set.merge(theme("into")?, theme("theme")?),
        "remove" => set.remove(theme("theme")?),
        "split" => {
            let notes: Vec<NoteId> = form
                .all("note")
                .iter()
                .filter_map(|n| NoteId::parse(n).ok())
                .collect();
            set.split(theme("theme")?, &notes, form.get("label"))
                .map(|_| ())
        }
        "move" => {
            let note = NoteId::parse(form.get("note")).map_err(|_| bad())?;
            let to = match form.get("to") {
                "" => None,
                _ => Some(theme("to")?),
            };
            set.move_note(note, to)
        }
        "add_new" => {
            let notes = scope_notes(&state, &p, scope).await?;
            set.add_new_notes(notes.iter().map(|n| n.id));
            Ok(())
        }
        _ => return Err(bad()),
    };
    if let Err(e) = done {
        let key = match e {
            ThemeError::Label(_) => "themes-error-label",
            ThemeError::NoNote => "themes-error-no-note",
            ThemeError::TooMany => "themes-error-too-many",
            ThemeError::NoTheme | ThemeError::SameTheme => "themes-error-theme",
        };
        let error = Some(c.t(key));
        let page =
            themes_page(&state, c, p, &pa, scope, Some(current), false, false, error).await?;
        return Ok(unprocessable(page));
    }
    let user = c.user()?.id;
    match state
        .store
        .save_themes(
            p.id,
            scope,
            Some(base),
            &set,
            true,
            user,
            OffsetDateTime::now_utc(),
        )
        .await
    {
        Ok(_) => Ok(redirect(&format!(
            "/processes/{}/themes/{}",
            p.id,
            scope.code()
        ))),
        // Someone saved a newer version since this page was drawn: show it, and say so.
        Err(StoreError::Conflict(_)) => {
            let latest = state.store.themes(p.id, scope).await?;
            let error = Some(c.t("themes-error-stale"));
            let mut r = themes_page(&state, c, p, &pa, scope, latest, false, false, error)
                .await?
                .into_response();
            *r.status_mut() = StatusCode::CONFLICT;
            Ok(r)
        }
        Err(e) => Err(e.into()),
    }
}

/// Chosen themes become an open live session's café tables or open-space topics.
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
    let live_id = LiveSessionId::parse(form.get("live")).map_err(|_| AppError::NotFound)?;
    let live = state.store.live_session(live_id).await?;
    if live.process != p.id {
        return Err(AppError::NotFound);
    }
    if !live.open {
        return Err(AppError::Conflict("error-live-closed"));
    }
    let chosen: Vec<u32> = form
        .all("theme")
        .iter()
        .filter_map(|t| t.parse().ok())
        .collect();
    let labels: Vec<String> = current
        .set
        .themes
        .iter()
        .filter(|t| chosen.contains(&t.id))
        .map(|t| t.label.clone())
        .collect();
    let refuse = |key: &str| {
        let error = Some(c.t(key));
        (error, StatusCode::UNPROCESSABLE_ENTITY)
    };
    if labels.is_empty() {
        let (error, status) = refuse("themes-error-choose");
        let mut r = themes_page(&state, c, p, &pa, scope, Some(current), false, false, error)
            .await?
            .into_response();
        *r.status_mut() = status;
        return Ok(r);
    }
    let now = OffsetDateTime::now_utc();
    let user = c.user()?.id;
    match form.get("as") {
        "cafe" => {
            if state.store.cafe(live.id).await?.is_some() {
                let (error, _) = refuse("themes-error-cafe-exists");
                let mut r =
                    themes_page(&state, c, p, &pa, scope, Some(current), false, false, error)
                        .await?
                        .into_response();
                *r.status_mut() = StatusCode::CONFLICT;
                return Ok(r);
            }
            let cafe = vuoro_core::cafe::Cafe::from_form("3", &labels.join("\n"))
                .map_err(|_| AppError::BadRequest("error-malformed-form"))?;
            let turn = state.hub.turn(live.id).await;
            let e = state.store.save_cafe(live.id, &cafe, now).await?;
            publish(&state, turn, &e).await;
        }
        "open_space" => {
            crate::live::topics_from_themes(&state, &c, &live, &labels, user).await?;
        }
        _ => return Err(AppError::BadRequest("error-malformed-form")),
    }
    Ok(redirect(&format!("/live/{}/run", live.id)))
}
