//! The summary (kooste): the platform drafts it from the curated themes, their most telling
//! notes, the practices and the feedback; the supervisor and the facilitator edit it; it can go
//! to the participants for comments and is then published to them. Every block keeps the notes
//! it rests on, and a link shows them (naming no one who did not choose to be named).

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::form::FormData;
use crate::live::{PCtx, dir_of};
use crate::processes::{format_date, load, require};
use crate::routes::Routes;
use crate::util::{cookie, hash_token, redirect, unprocessable};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use std::collections::HashMap;
use time::OffsetDateTime;
use vuoro_core::permission::{ProcessAction, ProcessActor};
use vuoro_core::practice::PracticeKind;
use vuoro_core::summary::{self, Block, BlockEdit, BlockKind, Summary, SummaryState};
use vuoro_core::themes::Scope;
use vuoro_core::{NoteId, ProcessId};
use vuoro_store::{
    Note, NoteAuthor, Participant, Process, StoreError, SummaryComment, SummaryVersion,
};

pub fn router() -> Routes {
    Routes::new()
        .route("/processes/{id}/summary", get(page).post(change))
        .route("/processes/{id}/summary/sources/{block}", get(sources_page))
        .route("/summary/{id}", get(read_page).post(comment))
}

/// Comments one phone may leave on one summary.
pub const COMMENTS_PER_PHONE: u64 = 10;

// ---------------------------------------------------------------------------------------------
// Notes of the process

/// Every note of the process that is on the boards, by id, in one query.
async fn process_notes(state: &AppState, p: ProcessId) -> AppResult<HashMap<NoteId, Note>> {
    Ok(state
        .store
        .process_notes(p)
        .await?
        .into_iter()
        .filter(|n| !n.hidden && n.merged_into.is_none())
        .map(|n| (n.id, n))
        .collect())
}

/// The draft: what was heard (the curated themes with their most telling notes), the practices,
/// and the feedback, in the writer's language. Themes come from the whole process if they were
/// drawn for it, otherwise from each phase in turn.
async fn draft(state: &AppState, c: &Ctx, p: &Process) -> AppResult<Summary> {
    let notes = process_notes(state, p.id).await?;
    let mut blocks = vec![Block::heading(c.t("summary-h-heard"))];
    let mut sets = Vec::new();
    if let Some(v) = state.store.themes(p.id, Scope::Process).await? {
        sets.push(v.set);
    } else {
        let sessions = state.store.live_sessions(p.id).await?;
        for scope in crate::themes::phase_scopes(&sessions) {
            if let Some(v) = state.store.themes(p.id, scope).await? {
                sets.push(v.set);
            }
        }
    }
    if sets.is_empty() {
        blocks.push(Block::paragraph(c.t("summary-no-themes"), Vec::new()));
    }
    for t in sets.iter().flat_map(|s| &s.themes) {
        let sources: Vec<NoteId> = t
            .notes
            .iter()
            .copied()
            .filter(|n| notes.contains_key(n))
            .collect();
        if sources.is_empty() {
            continue;
        }
        blocks.push(Block::heading(t.label.clone()));
        // Examples only as far as their notes are still on the boards; the label only with them.
        let quotes: Vec<Block> = t
            .representative
            .iter()
            .filter_map(|r| notes.get(r))
            .map(|n| Block::quote(n.text.clone(), &n.lang, n.id))
            .collect();
        let mut told = c.tn("summary-theme-notes", "count", sources.len() as i64);
        if !quotes.is_empty() {
            told.push(' ');
            told.push_str(&c.t("summary-theme-examples"));
        }
        blocks.push(Block::paragraph(told, sources));
        blocks.extend(quotes);
    }
    let practices = state.store.practices(p.id).await?;
    if !practices.is_empty() {
        blocks.push(Block::heading(c.t("summary-h-practices")));
        for kind in PracticeKind::ALL {
            for x in practices.iter().filter(|x| x.kind == kind) {
                let mut line = format!(
                    "{}: {}",
                    c.t(&format!("practice-kind-{}", kind.code())),
                    x.title
                );
                if let Some(o) = &x.owner {
                    line.push_str(&format!(" ({})", c.t1("practice-owner-mark", "owner", o)));
                }
                if let Some(d) = x.due {
                    line.push_str(&format!(
                        " ({})",
                        c.t1("practice-due-mark", "due", &format_date(d))
                    ));
                }
                blocks.push(Block::paragraph(line, Vec::new()));
            }
        }
    }
    let plan = state.store.plan(p.id, p.plan_version).await?.plan;
    // Only what the process page shows: final feedback of sessions with enough answers.
    let feedback: Vec<_> = crate::processes::phase_feedback(state, p, &plan, c.lang)
        .await?
        .into_iter()
        .filter(|f| f.responses > 0)
        .collect();
    if !feedback.is_empty() {
        blocks.push(Block::heading(c.t("summary-h-feedback")));
        for f in feedback {
            let rows = f
                .rows
                .iter()
                .map(|(q, avg, _)| format!("{q} {avg}/5"))
                .collect::<Vec<_>>()
                .join("; ");
            blocks.push(Block::paragraph(
                format!(
                    "{}: {rows} ({})",
                    c.tn("themes-scope-phase", "n", i64::from(f.phase)),
                    c.tn("summary-feedback-answers", "count", f.responses as i64)
                ),
                Vec::new(),
            ));
        }
    }
    blocks.push(Block::heading(c.t("summary-h-next")));
    blocks.push(Block::paragraph(
        c.t("summary-next-placeholder"),
        Vec::new(),
    ));
    Ok(Summary { blocks })
}

/// Each block's text as pages and exports show it: a paragraph that ends in the label
/// introducing examples ("Esimerkkejä:", in any interface language) loses the label when no
/// quote follows it, as when the examples were removed after drafting.
pub(crate) fn shown_texts(s: &Summary) -> Vec<String> {
    let labels: Vec<String> = vuoro_core::Lang::ALL
        .iter()
        .map(|l| crate::i18n::t(*l, "summary-theme-examples"))
        .collect();
    s.blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let quote_follows = s
                .blocks
                .get(i + 1)
                .is_some_and(|n| n.kind == summary::BlockKind::Quote);
            if b.kind != summary::BlockKind::Paragraph || quote_follows {
                return b.text.clone();
            }
            let trimmed = b.text.trim_end();
            labels
                .iter()
                .find_map(|l| trimmed.strip_suffix(l.as_str()))
                .map_or_else(|| b.text.clone(), |rest| rest.trim_end().to_owned())
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Staff

/// A block as the summary page shows it.
#[derive(Debug)]
pub struct BlockView {
    pub index: usize,
    pub kind: &'static str,
    pub text: String,
    /// What the edit field holds: the text, or what was typed into a refused edit.
    pub value: String,
    /// The field's label, named after where it stands: "Paragraph 2: <the section's heading>".
    pub label: String,
    /// Lines the text area shows, so that a long paragraph is read whole where it stands.
    pub rows: usize,
    pub lang: String,
    pub dir: &'static str,
    pub sources: usize,
}

fn block_views(c: &Ctx, s: &Summary) -> Vec<BlockView> {
    let shown = shown_texts(s);
    // Each part is labelled by the heading it stands under, counted within that section.
    let mut section = c.t("summary-title");
    let mut counts: HashMap<&'static str, i64> = HashMap::new();
    s.blocks
        .iter()
        .zip(shown)
        .enumerate()
        .map(|(index, (b, text))| {
            let lang = b.lang.clone().unwrap_or_default();
            let kind = b.kind.code();
            let label = if b.kind == BlockKind::Heading {
                section = b.text.clone();
                counts.clear();
                c.t("summary-field-heading")
            } else {
                let n = counts.entry(kind).or_insert(0);
                *n += 1;
                crate::i18n::t_args(
                    c.lang,
                    &format!("summary-field-{kind}"),
                    &[
                        ("n", crate::i18n::n(*n)),
                        ("section", crate::i18n::s(section.clone())),
                    ],
                )
            };
            BlockView {
                index,
                kind,
                dir: dir_of(&lang),
                lang,
                text,
                // The field holds the text as saved: the writer sees what is there.
                value: b.text.clone(),
                label,
                rows: rows_for(&b.text),
                sources: b.sources.len(),
            }
        })
        .collect()
}

/// About 90 characters a line at the editor's width, two lines at least, twelve at most.
fn rows_for(text: &str) -> usize {
    let lines: usize = text.lines().map(|l| l.chars().count() / 90 + 1).sum();
    lines.clamp(2, 12)
}

#[derive(Template, WebTemplate)]
#[template(path = "summary.html")]
struct SummaryPage {
    c: Ctx,
    process: Process,
    can_edit: bool,
    version: Option<u32>,
    state: Option<&'static str>,
    blocks: Vec<BlockView>,
    /// The new paragraph typed into a refused edit.
    new_value: String,
    comments: Vec<(String, String, &'static str)>,
    /// The address participants read it at.
    read_url: String,
    /// Whether this user may share it with the whole community by a link.
    can_share: bool,
    history: Vec<String>,
    /// Text typed on a page that a newer version overtook: shown to copy, never dropped.
    unsaved: Vec<String>,
    error: Option<String>,
    /// What a change of state did beyond it: mail to the community, a renewed link, the
    /// members' addresses deleted (`notices::MovedQuery`).
    told: Vec<String>,
}

/// What an edit form held: each block's field and the new paragraph.
#[derive(Debug, Clone, Default)]
struct TypedSummary {
    blocks: Vec<String>,
    drops: Vec<bool>,
    new: String,
    /// Typed on a version that is no longer the latest.
    stale: bool,
}

impl TypedSummary {
    /// The fields of the form for a summary of `count` blocks; `None` when it had no block
    /// fields (a state button sent on its own).
    fn of(form: &FormData, count: usize) -> Option<TypedSummary> {
        if !form.0.iter().any(|(k, _)| k == "b0" || k == "new") {
            return None;
        }
        Some(TypedSummary {
            blocks: (0..count).map(|i| form.string(&format!("b{i}"))).collect(),
            drops: (0..count)
                .map(|i| form.get(&format!("drop{i}")) == "yes")
                .collect(),
            new: form.string("new"),
            stale: false,
        })
    }

    fn edits(&self) -> Vec<BlockEdit> {
        self.blocks
            .iter()
            .zip(&self.drops)
            .map(|(text, drop)| BlockEdit {
                text: text.clone(),
                drop: *drop,
            })
            .collect()
    }

    /// The typed texts that the summary does not hold as they are.
    fn not_in(&self, s: Option<&Summary>) -> Vec<String> {
        let kept: Vec<&str> = s
            .map(|s| s.blocks.iter().map(|b| b.text.trim()).collect())
            .unwrap_or_default();
        self.blocks
            .iter()
            .chain(std::iter::once(&self.new))
            .map(|t| t.trim())
            .filter(|t| !t.is_empty() && !kept.contains(t))
            .map(str::to_owned)
            .collect()
    }
}

async fn summary_page(
    state: &AppState,
    c: Ctx,
    p: Process,
    pa: &ProcessActor,
    typed: Option<TypedSummary>,
    error: Option<String>,
) -> AppResult<SummaryPage> {
    let current = state.store.summary(p.id).await?;
    // Participants' comments and those left through a shared link, in the order written; none
    // says who wrote it.
    let mut written: Vec<(OffsetDateTime, String, String)> = state
        .store
        .summary_comments(p.id)
        .await?
        .into_iter()
        .map(|cm| (cm.created_at, cm.text, cm.lang))
        .collect();
    written.extend(
        state
            .store
            .summary_link_comments(p.id)
            .await?
            .into_iter()
            .map(|cm| (cm.created_at, cm.text, cm.lang)),
    );
    written.sort_by_key(|(at, _, _)| *at);
    let comments = written
        .into_iter()
        .map(|(_, text, lang)| {
            let dir = dir_of(&lang);
            (text, lang, dir)
        })
        .collect();
    let mut history = Vec::new();
    let versions = state.store.summary_versions(p.id).await?;
    let names = crate::processes::names(state, versions.iter().map(|(_, _, who, _)| *who)).await?;
    for (v, st, who, at) in versions {
        let name = names.get(&who).cloned().unwrap_or_default();
        history.push(crate::i18n::t_args(
            c.lang,
            "summary-history-row",
            &[
                ("version", crate::i18n::n(i64::from(v))),
                (
                    "state",
                    crate::i18n::s(c.t(&format!("summary-state-{}", st.code()))),
                ),
                ("who", crate::i18n::s(name)),
                ("when", crate::i18n::s(crate::processes::helsinki_time(at))),
            ],
        ));
    }
    let mut blocks = current
        .as_ref()
        .map(|v| block_views(&c, &v.summary))
        .unwrap_or_default();
    let mut new_value = String::new();
    let mut unsaved = Vec::new();
    if let Some(t) = typed {
        if !t.stale && t.blocks.len() == blocks.len() {
            for (b, text) in blocks.iter_mut().zip(&t.blocks) {
                b.rows = b.rows.max(rows_for(text));
                b.value = text.clone();
            }
            new_value = t.new;
        } else {
            // Drawn from another version: the fields hold the latest, the typed text stands
            // beside them to copy.
            unsaved = t.not_in(current.as_ref().map(|v| &v.summary));
        }
    }
    Ok(SummaryPage {
        can_edit: pa.can(ProcessAction::EditSummary, p.state),
        can_share: pa.can(ProcessAction::ShareSummary, p.state),
        version: current.as_ref().map(|v| v.version),
        state: current.as_ref().map(|v| v.state.code()),
        blocks,
        new_value,
        comments,
        read_url: format!("/summary/{}", p.id),
        history,
        unsaved,
        error,
        told: Vec::new(),
        process: p,
        c,
    })
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    Query(moved): Query<crate::notices::MovedQuery>,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    let mut page = summary_page(&state, c, p, &pa, None, None).await?;
    page.told = moved.told(&page.c);
    Ok(page.into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "summary_preview.html")]
struct PreviewPage {
    c: Ctx,
    process: Process,
    version: Option<u32>,
    /// The edit form's fields as typed, carried to "save" and "continue editing".
    fields: Vec<(String, String)>,
    blocks: Vec<ReadBlock>,
    /// What marks a reader's own note (`summary_article.html`); a preview marks none.
    yours: String,
}

/// Drafts, saves an edit, previews it, or changes the state (for comments, published, back to
/// draft). Every button of the edit page sends the whole form, so a state change saves the
/// text typed with it, and the preview carries it back to the editor.
async fn change(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::EditSummary, p.state)?;
    let user = c.user()?.id;
    let now = OffsetDateTime::now_utc();
    let current = state.store.summary(p.id).await?;
    let back = redirect(&format!("/processes/{}/summary", p.id));
    let base: Option<u32> = match form.get("base") {
        "" => None,
        v => Some(
            v.parse()
                .map_err(|_| AppError::BadRequest("error-malformed-form"))?,
        ),
    };
    let count = current.as_ref().map_or(0, |v| v.summary.blocks.len());
    // `do` is an action, or `to:<state>` from a state button of the edit form.
    let (action, to) = match form.get("do").split_once(':') {
        Some(("to", st)) => ("state", st),
        _ => (form.get("do"), form.get("to")),
    };
    // A page drawn from an older version is refused before its fields are applied: they
    // describe blocks that may no longer be where they were. What was typed is shown.
    if action != "draft" && base != current.as_ref().map(|v| v.version) {
        let typed = TypedSummary::of(&form, form.0.iter().filter(|(k, _)| is_block(k)).count())
            .map(|t| TypedSummary { stale: true, ..t });
        let error = Some(c.t("summary-error-stale"));
        let mut r = summary_page(&state, c, p, &pa, typed, error)
            .await?
            .into_response();
        *r.status_mut() = StatusCode::CONFLICT;
        return Ok(r);
    }
    if action == "draft" {
        if current.is_some() {
            return Err(AppError::Conflict("error-conflict"));
        }
        let summary = draft(&state, &c, &p).await?;
        return save(
            &state,
            c,
            p,
            &pa,
            base,
            &summary,
            SummaryState::Draft,
            user,
            now,
        )
        .await
        .map(|r| r.unwrap_or(back));
    }
    let cur = current.as_ref().ok_or(AppError::NotFound)?;
    let typed = TypedSummary::of(&form, count);
    if action == "edit" {
        // Back from the preview: the editor with everything as it was typed.
        return Ok(summary_page(&state, c, p, &pa, typed, None)
            .await?
            .into_response());
    }
    let to = match action {
        "save" | "preview" => cur.state,
        "state" => SummaryState::parse(to).ok_or(AppError::BadRequest("error-malformed-form"))?,
        _ => return Err(AppError::BadRequest("error-malformed-form")),
    };
    let summary = match &typed {
        Some(t) => {
            if cur.state == SummaryState::Published {
                return Err(AppError::Conflict("error-conflict"));
            }
            match cur.summary.edited(&t.edits(), &t.new) {
                Ok(s) => s,
                Err(e) => {
                    let error = Some(match e {
                        summary::SummaryError::Block(i, fe) => crate::i18n::t_args(
                            c.lang,
                            "summary-error-block",
                            &[
                                ("n", crate::i18n::n(i as i64 + 1)),
                                ("error", crate::i18n::s(crate::fields::message(c.lang, &fe))),
                            ],
                        ),
                        summary::SummaryError::TooMany => c.t("summary-error-too-many"),
                    });
                    let page = summary_page(&state, c, p, &pa, typed, error).await?;
                    return Ok(unprocessable(page));
                }
            }
        }
        None if action == "state" => cur.summary.clone(),
        None => return Err(AppError::BadRequest("error-malformed-form")),
    };
    if action == "preview" {
        let notes = process_notes(&state, p.id).await?;
        let blocks = summary
            .blocks
            .iter()
            .zip(shown_texts(&summary))
            .map(|(b, text)| {
                read_block(b, text, &notes, None, &|n| {
                    c.tn("summary-sources", "count", n)
                })
            })
            .collect();
        let fields = form
            .0
            .iter()
            .filter(|(k, _)| is_block(k) || k.starts_with("drop") || k == "new")
            .cloned()
            .collect();
        return Ok(PreviewPage {
            yours: String::new(),
            version: Some(cur.version),
            fields,
            blocks,
            process: p,
            c,
        }
        .into_response());
    }
    // A move out for comments or to publication mails the community (`notices`).
    if to != cur.state && to.readable_by_participants() {
        return match crate::notices::move_summary(&state, &p, base, &summary, to, user, now).await {
            Ok(query) => Ok(redirect(&format!("/processes/{}/summary{query}", p.id))),
            Err(StoreError::Conflict(_)) => {
                let error = Some(c.t("summary-error-stale"));
                let mut r = summary_page(&state, c, p, &pa, None, error)
                    .await?
                    .into_response();
                *r.status_mut() = StatusCode::CONFLICT;
                Ok(r)
            }
            Err(e) => Err(e.into()),
        };
    }
    save(&state, c, p, &pa, base, &summary, to, user, now)
        .await
        .map(|r| r.unwrap_or(back))
}

/// A block field of the edit form: `b0`, `b1`, …
fn is_block(key: &str) -> bool {
    key.strip_prefix('b')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Saves a version; `Some(409 page)` when a newer version came first.
#[allow(clippy::too_many_arguments)]
async fn save(
    state: &AppState,
    c: Ctx,
    p: Process,
    pa: &ProcessActor,
    base: Option<u32>,
    summary: &Summary,
    to: SummaryState,
    user: vuoro_core::UserId,
    now: OffsetDateTime,
) -> AppResult<Option<Response>> {
    match state
        .store
        .save_summary(p.id, base, summary, to, user, now)
        .await
    {
        Ok(_) => Ok(None),
        Err(StoreError::Conflict(_)) => {
            let error = Some(c.t("summary-error-stale"));
            let mut r = summary_page(state, c, p, pa, None, error)
                .await?
                .into_response();
            *r.status_mut() = StatusCode::CONFLICT;
            Ok(Some(r))
        }
        Err(e) => Err(e.into()),
    }
}

/// A note as a source list shows it.
#[derive(Debug)]
pub struct SourceView {
    pub text: String,
    pub lang: String,
    pub dir: &'static str,
    pub name: Option<String>,
    pub when: String,
    /// Written by the participant reading the list.
    pub mine: bool,
}

fn source_views(
    block: &Block,
    notes: &HashMap<NoteId, Note>,
    me: Option<&Participant>,
) -> Vec<SourceView> {
    block
        .sources
        .iter()
        .filter_map(|id| notes.get(id))
        .map(|n| SourceView {
            text: n.text.clone(),
            lang: n.lang.clone(),
            dir: dir_of(&n.lang),
            name: n.shown_name.clone(),
            when: format_date(
                n.created_at
                    .to_offset(crate::processes::helsinki_offset(n.created_at))
                    .date(),
            ),
            mine: me.is_some_and(|m| n.author == NoteAuthor::Participant(m.id)),
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "summary_sources.html")]
struct SourcesPage {
    c: Ctx,
    process: Process,
    block_text: String,
    sources: Vec<SourceView>,
}

#[derive(Deserialize)]
struct VersionQuery {
    v: Option<u32>,
}

/// The notes one block of the summary rests on.
async fn sources_page(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, block)): Path<(String, usize)>,
    Query(q): Query<VersionQuery>,
) -> AppResult<Response> {
    let (p, _) = load(&state, &c, &id).await?;
    let v: SummaryVersion = match q.v {
        Some(v) => state.store.summary_version(p.id, v).await?,
        None => state.store.summary(p.id).await?.ok_or(AppError::NotFound)?,
    };
    let b = v.summary.blocks.get(block).ok_or(AppError::NotFound)?;
    let notes = process_notes(&state, p.id).await?;
    Ok(SourcesPage {
        block_text: b.text.clone(),
        sources: source_views(b, &notes, None),
        process: p,
        c,
    }
    .into_response())
}

// ---------------------------------------------------------------------------------------------
// Participants

/// A block as a participant reads it, with the notes it rests on.
#[derive(Debug)]
pub struct ReadBlock {
    pub kind: &'static str,
    pub text: String,
    pub lang: String,
    pub dir: &'static str,
    pub sources: Vec<SourceView>,
    /// "N source notes", in the reader's words (staff or participant messages).
    pub sources_label: String,
}

/// A block as the published summary reads; the editor's preview draws it the same way.
fn read_block(
    b: &Block,
    text: String,
    notes: &HashMap<NoteId, Note>,
    me: Option<&Participant>,
    sources_label: &dyn Fn(i64) -> String,
) -> ReadBlock {
    let lang = b.lang.clone().unwrap_or_default();
    ReadBlock {
        sources_label: sources_label(b.sources.len() as i64),
        kind: b.kind.code(),
        dir: dir_of(&lang),
        lang,
        text,
        sources: source_views(b, notes, me),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "summary_read.html")]
pub(crate) struct ReadPage {
    p: PCtx,
    /// Where the comment form posts: the participant's `/summary/<process>`, or a shared link.
    action: String,
    title: String,
    review: bool,
    blocks: Vec<ReadBlock>,
    /// What marks the participant's own notes (`summary_article.html`).
    yours: String,
    draft: String,
    error: Option<String>,
    thanks: bool,
}

/// The participant of this process reading its summary, if the summary is theirs to read.
async fn reader(
    state: &AppState,
    headers: &HeaderMap,
    id: &str,
) -> AppResult<(Process, Participant, SummaryVersion)> {
    let id = ProcessId::parse(id).map_err(|_| AppError::NotFound)?;
    let p = state.store.process(id).await?;
    let token =
        cookie(headers, &crate::live::participant_cookie(p.id)).ok_or(AppError::NotFound)?;
    let me = state
        .store
        .participant_by_token(&hash_token(token))
        .await?
        .filter(|m| m.process == p.id)
        .ok_or(AppError::NotFound)?;
    let v = state
        .store
        .summary(p.id)
        .await?
        .filter(|v| v.state.readable_by_participants())
        .ok_or(AppError::NotFound)?;
    Ok((p, me, v))
}

#[derive(Deserialize)]
struct Thanks {
    thanks: Option<String>,
}

/// What the comment form shows: the text kept from a refused comment and why, or thanks.
#[derive(Debug, Default)]
pub(crate) struct CommentReply {
    pub draft: String,
    pub error: Option<String>,
    pub thanks: bool,
}

/// The summary as a reader sees it: a participant (`me`, whose own notes are marked to them)
/// or anyone holding a shared link (`None`), with the comment form posting to `action`.
pub(crate) async fn read_view(
    state: &AppState,
    p: PCtx,
    process: Process,
    me: Option<&Participant>,
    action: String,
    v: SummaryVersion,
    reply: CommentReply,
) -> AppResult<ReadPage> {
    let notes = process_notes(state, process.id).await?;
    let shown = shown_texts(&v.summary);
    let blocks = v
        .summary
        .blocks
        .iter()
        .zip(shown)
        .map(|(b, text)| {
            read_block(b, text, &notes, me, &|n| {
                p.tn("p-summary-sources", "count", n)
            })
        })
        .collect();
    Ok(ReadPage {
        yours: p.t("p-summary-yours"),
        p,
        action,
        title: process.title,
        review: v.state == SummaryState::Review,
        blocks,
        draft: reply.draft,
        error: reply.error,
        thanks: reply.thanks,
    })
}

async fn read_page(
    State(state): State<AppState>,
    c: Ctx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<Thanks>,
) -> AppResult<Response> {
    let (process, me, v) = reader(&state, &headers, &id).await?;
    let p = PCtx::new(&headers, &c);
    let reply = CommentReply {
        thanks: q.thanks.is_some(),
        ..CommentReply::default()
    };
    let action = format!("/summary/{}", process.id);
    Ok(read_view(&state, p, process, Some(&me), action, v, reply)
        .await?
        .into_response())
}

/// A participant comments on a summary sent to them for comments.
async fn comment(
    State(state): State<AppState>,
    c: Ctx,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let (process, me, v) = reader(&state, &headers, &id).await?;
    let p = PCtx::new(&headers, &c);
    let refuse = |key: &str, status: StatusCode| {
        let error = Some(p.t(key));
        (error, status)
    };
    let refused = if v.state != SummaryState::Review {
        Some(refuse("p-summary-comments-closed", StatusCode::CONFLICT))
    } else if state
        .store
        .count_summary_comments_by(process.id, me.id)
        .await?
        >= COMMENTS_PER_PHONE
    {
        Some(refuse("p-summary-too-many", StatusCode::TOO_MANY_REQUESTS))
    } else {
        None
    };
    let text = match (refused, summary::comment(form.get("text"))) {
        (None, Ok(t)) => t,
        (refused, result) => {
            let (error, status) = refused.unwrap_or_else(|| {
                let key = match result {
                    Err(vuoro_core::FieldError::Required) => "p-summary-comment-empty",
                    _ => "p-summary-comment-long",
                };
                refuse(key, StatusCode::UNPROCESSABLE_ENTITY)
            });
            let reply = CommentReply {
                draft: form.string("text"),
                error,
                thanks: false,
            };
            let action = format!("/summary/{}", process.id);
            let mut r = read_view(&state, p, process, Some(&me), action, v, reply)
                .await?
                .into_response();
            *r.status_mut() = status;
            return Ok(r);
        }
    };
    state
        .store
        .add_summary_comment(&SummaryComment {
            process: process.id,
            version: v.version,
            participant: me.id,
            text,
            lang: p.code().to_owned(),
            created_at: OffsetDateTime::now_utc(),
        })
        .await?;
    Ok(redirect(&format!(
        "/summary/{}?thanks=1#comment",
        process.id
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "Esimerkkejä:" with nothing after it (the examples removed, or none on the boards) is left
    /// out of pages and exports, in whichever interface language the draft was written.
    #[test]
    fn an_examples_label_without_examples_is_left_out() {
        let n = NoteId::new();
        let s = Summary {
            blocks: vec![
                Block::heading("Kahvihuone"),
                Block::paragraph("Teemasta kirjattiin 3 muistiinpanoa. Esimerkkejä:", vec![n]),
                Block::quote("Kahvihuone on ahdas", "fi", n),
                Block::heading("Vuorolistat"),
                Block::paragraph(
                    "Teemasta kirjattiin 2 muistiinpanoa. Esimerkkejä: ",
                    vec![n],
                ),
                Block::heading("Tema"),
                Block::paragraph("Om temat antecknades 2 anteckningar. Exempel:", vec![n]),
                Block::paragraph("Esimerkkejä: kahvi ja tauot.", Vec::new()),
            ],
        };
        assert_eq!(
            shown_texts(&s),
            vec![
                "Kahvihuone",
                "Teemasta kirjattiin 3 muistiinpanoa. Esimerkkejä:",
                "Kahvihuone on ahdas",
                "Vuorolistat",
                "Teemasta kirjattiin 2 muistiinpanoa.",
                "Tema",
                "Om temat antecknades 2 anteckningar.",
                "Esimerkkejä: kahvi ja tauot.",
            ]
        );
    }
}
