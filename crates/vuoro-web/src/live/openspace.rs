//! Open space in a live session. The facilitator sets up time slots and spaces (rooms, or
//! breakout links online) and opens the marketplace; participants propose topics from their
//! phones and everyone sees them appear; each participant picks where to go; the facilitator
//! places the topics into the schedule and starts each slot, and the groups write their notes
//! to their own topic.
//!
//! Live updates: a proposal, a pick or a placement appends `TopicsChanged`, and the open pages
//! fetch their open-space part again (`data-refresh` in `live.js`) instead of reloading, so
//! nobody loses what they are typing. Starting a slot or closing the marketplace is a `Moved`,
//! which reloads the phones, because their note form changes with it.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::form::FormData;
use crate::live::{
    NoteView, PCtx, PhoneDraft, RunDraft, me_in, note_view, participant_view, runnable, setup_view,
};
use crate::routes::Routes;
use crate::util::redirect;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use time::OffsetDateTime;
use vuoro_core::openspace::{self, Cell, OpenSpace};
use vuoro_core::{ParticipantId, TopicId};
use vuoro_store::{LiveSession, Note, NoteAuthor, StoreError, Topic};

pub(super) fn router() -> Routes {
    Routes::new()
        .route("/live/{lid}/openspace", post(control))
        .route("/live/{lid}/openspace/panel", get(panel_fragment))
        .route("/live/{lid}/openspace/wall", get(wall_fragment))
        .route("/live/{lid}/openspace/phone", get(phone_fragment))
        .route("/live/{lid}/topics", post(propose))
        .route("/live/{lid}/topics/{tid}", post(change_topic))
        .route("/live/{lid}/topics/{tid}/pick", post(pick))
}

// ---------------------------------------------------------------------------------------------
// What the pages show

/// What the facilitator typed into the open-space forms, kept when it is refused.
#[derive(Debug, Default)]
pub struct OsDraft {
    pub slots: String,
    pub spaces: String,
    pub topic: String,
    pub error: Option<String>,
}

impl OsDraft {
    /// Whether the facilitator's refused set-up is to be shown instead of the saved one.
    pub fn typed(&self) -> bool {
        !self.slots.is_empty() || !self.spaces.is_empty()
    }

    /// The slots to show in the set-up form: what was typed, else what is saved.
    pub fn slots_or(&self, saved: &str) -> String {
        if self.typed() { &self.slots } else { saved }.to_owned()
    }

    pub fn spaces_or(&self, saved: &str) -> String {
        if self.typed() { &self.spaces } else { saved }.to_owned()
    }
}

/// A topic as a board or a phone shows it.
#[derive(Debug, Clone)]
pub struct TopicView {
    pub id: TopicId,
    pub number: u32,
    pub title: String,
    pub lang: String,
    pub dir: &'static str,
    /// The proposer's name, only if they chose to show it.
    pub name: Option<String>,
    pub picks: u32,
    pub hidden: bool,
    pub cell: Option<Cell>,
    /// When and where its group meets: the slot's and the space's names.
    pub slot: Option<String>,
    pub space: Option<String>,
    /// The space's breakout link, for online groups.
    pub link: Option<String>,
    /// Picked by the phone that shows it.
    pub mine: bool,
}

impl TopicView {
    fn new(t: &Topic, os: &OpenSpace, mine: bool) -> TopicView {
        let space = t.cell.and_then(|c| os.space(c.space));
        TopicView {
            id: t.id,
            number: t.number,
            title: t.title.clone(),
            lang: t.lang.clone(),
            dir: crate::live::dir_of(&t.lang),
            name: t.shown_name.clone(),
            picks: t.picks,
            hidden: t.hidden,
            cell: t.cell,
            slot: t.cell.map(|c| os.slot_name(c.slot).to_owned()),
            space: space.map(|s| s.name.clone()),
            link: space.and_then(|s| s.link.clone()),
            mine,
        }
    }

    /// When and where its group meets, once placed: "10.00–10.45 · Sali A".
    pub fn place_label(&self) -> Option<String> {
        let slot = self.slot.as_deref()?;
        Some(format!(
            "{slot} · {}",
            self.space.as_deref().unwrap_or_default()
        ))
    }

    /// The form value of its cell, or empty when it is not on the schedule.
    pub fn cell_code(&self) -> String {
        self.cell.map(Cell::code).unwrap_or_default()
    }
}

/// One time slot of the schedule: a topic (or nothing) per space.
#[derive(Debug)]
pub struct SlotRow {
    pub name: String,
    pub running: bool,
    pub cells: Vec<Option<TopicView>>,
}

/// The open space on the facilitator's runner and the projector.
#[derive(Debug)]
pub struct OsPanel {
    pub slots_text: String,
    pub spaces_text: String,
    pub marketplace: bool,
    /// The slot whose groups meet now.
    pub running: Option<String>,
    pub running_slot: Option<u32>,
    /// The facilitator ended the group work.
    pub ended: bool,
    /// (index, name) of every slot, to start one.
    pub slots: Vec<(u32, String)>,
    /// The slot to offer next: the one after the running one, or the first.
    pub next_slot: u32,
    pub spaces: Vec<String>,
    pub grid: Vec<SlotRow>,
    pub topics: Vec<TopicView>,
    /// (value, label) of every free cell, to place a topic into.
    pub free: Vec<(String, String)>,
    pub placed: usize,
}

fn cell_label(os: &OpenSpace, c: Cell) -> String {
    let space = os.space(c.space).map_or("", |s| s.name.as_str());
    format!("{} · {space}", os.slot_name(c.slot))
}

fn panel(os: &OpenSpace, topics: &[Topic]) -> OsPanel {
    let views: Vec<TopicView> = topics
        .iter()
        .map(|t| TopicView::new(t, os, false))
        .collect();
    let at = |c: Cell| views.iter().find(|t| t.cell == Some(c)).cloned();
    let grid = os
        .slots
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let slot = i as u32;
            SlotRow {
                name: name.clone(),
                running: os.running == Some(slot),
                cells: (0..os.spaces.len() as u32)
                    .map(|space| at(Cell { slot, space }))
                    .collect(),
            }
        })
        .collect();
    let free = os
        .cells()
        .filter(|c| !views.iter().any(|t| t.cell == Some(*c)))
        .map(|c| (c.code(), cell_label(os, c)))
        .collect();
    OsPanel {
        slots_text: os.slots_text(),
        spaces_text: os.spaces_text(),
        marketplace: os.marketplace,
        running: os.running.map(|s| os.slot_name(s).to_owned()),
        running_slot: os.running,
        ended: os.ended,
        slots: os
            .slots
            .iter()
            .enumerate()
            .map(|(i, s)| (i as u32, s.clone()))
            .collect(),
        next_slot: os
            .running
            .map_or(0, |s| (s + 1).min(os.slots.len().saturating_sub(1) as u32)),
        spaces: os.spaces.iter().map(|s| s.name.clone()).collect(),
        grid,
        placed: views.iter().filter(|t| t.cell.is_some()).count(),
        topics: views,
        free,
    }
}

/// The open space of a live session for the runner and the projector, if it has one.
pub async fn os_panel(
    state: &AppState,
    live: &LiveSession,
    topics: &[Topic],
) -> AppResult<Option<OsPanel>> {
    Ok(state
        .store
        .open_space(live.id)
        .await?
        .map(|os| panel(&os, topics)))
}

/// Labels the notes written by an open-space group with their topic: "#3 Title".
pub fn label_topics(notes: &mut [NoteView], topics: &[Topic]) {
    for n in notes.iter_mut() {
        n.topic = n
            .topic_id
            .and_then(|id| topics.iter().find(|t| t.id == id))
            .map(|t| format!("#{} {}", t.number, t.title));
    }
}

/// Where a phone's owner goes in one slot.
#[derive(Debug)]
pub struct PlanItem {
    pub slot: String,
    pub topic: TopicView,
}

/// The groups meeting now, as one phone sees them.
#[derive(Debug)]
pub struct RunningGroups {
    pub slot: String,
    /// The group this phone picked for the running slot.
    pub mine: Option<TopicView>,
    /// Every group of the slot, to write for.
    pub choices: Vec<TopicView>,
    /// What the phone's group has written so far.
    pub notes: Vec<NoteView>,
}

/// The open space on a participant's phone.
#[derive(Debug)]
pub struct PhoneOs {
    pub live_id: vuoro_core::LiveSessionId,
    /// The facilitator ended the group work: the phone says so instead of showing topics.
    pub ended: bool,
    pub marketplace: bool,
    /// Every topic not hidden, by number.
    pub topics: Vec<TopicView>,
    /// Where this participant goes, slot by slot.
    pub plan: Vec<PlanItem>,
    pub running: Option<RunningGroups>,
    pub draft: String,
    pub error: Option<String>,
}

fn phone(
    live: (vuoro_core::LiveSessionId, bool),
    os: &OpenSpace,
    topics: &[Topic],
    picks: &[TopicId],
    notes: &[Note],
    draft: &PhoneDraft,
) -> PhoneOs {
    let views: Vec<TopicView> = topics
        .iter()
        .filter(|t| !t.hidden)
        .map(|t| TopicView::new(t, os, picks.contains(&t.id)))
        .collect();
    let mut plan: Vec<PlanItem> = views
        .iter()
        .filter(|t| t.mine)
        .filter_map(|t| {
            t.cell.map(|c| PlanItem {
                slot: os.slot_name(c.slot).to_owned(),
                topic: t.clone(),
            })
        })
        .collect();
    plan.sort_by_key(|i| i.topic.cell);
    let running = os.running.map(|slot| {
        let choices: Vec<TopicView> = views
            .iter()
            .filter(|t| t.cell.is_some_and(|c| c.slot == slot))
            .cloned()
            .collect();
        let mine = choices.iter().find(|t| t.mine).cloned();
        let notes = mine.as_ref().map_or_else(Vec::new, |m| {
            let mut group: Vec<NoteView> = notes
                .iter()
                .filter(|n| n.topic == Some(m.id) && !n.hidden)
                .map(note_view)
                .collect();
            group.reverse();
            group
        });
        RunningGroups {
            slot: os.slot_name(slot).to_owned(),
            mine,
            choices,
            notes,
        }
    });
    let (live_id, open) = live;
    PhoneOs {
        live_id,
        ended: os.ended,
        marketplace: os.marketplace && open,
        topics: views,
        plan,
        running,
        draft: draft.topic.clone(),
        error: draft.topic_error.clone(),
    }
}

/// The open space as this participant's phone shows it, if the session has one.
pub async fn phone_os(
    state: &AppState,
    live: &LiveSession,
    me: &vuoro_store::Participant,
    draft: &PhoneDraft,
) -> AppResult<Option<PhoneOs>> {
    let Some(os) = state.store.open_space(live.id).await? else {
        return Ok(None);
    };
    let topics = state.store.topics(live.id).await?;
    let picks = state.store.picks_of(live.id, me.id).await?;
    // Only the phone's own group's notes are read: every phone asks again whenever the open
    // space changes, so reading the whole session's notes would not scale.
    let group = os.running.and_then(|slot| {
        topics
            .iter()
            .find(|t| !t.hidden && picks.contains(&t.id) && t.cell.is_some_and(|c| c.slot == slot))
    });
    let notes = match group {
        Some(t) => state.store.topic_notes(t.id).await?,
        None => Vec::new(),
    };
    Ok(Some(phone(
        (live.id, live.open),
        &os,
        &topics,
        &picks,
        &notes,
        draft,
    )))
}

/// The topic a note from a phone is written for: a visible topic of this session whose slot
/// runs now. `None` when the form names no such topic (it was moved, hidden, or the slot ended).
pub async fn group_topic(
    state: &AppState,
    live: &LiveSession,
    raw: &str,
) -> AppResult<Option<Topic>> {
    let Ok(id) = TopicId::parse(raw) else {
        return Ok(None);
    };
    let Some(os) = state.store.open_space(live.id).await? else {
        return Ok(None);
    };
    let topic = match state.store.topic(id).await {
        Ok(t) => t,
        Err(StoreError::NotFound) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let running = os.running;
    Ok((topic.live_session == live.id
        && !topic.hidden
        && topic.cell.is_some_and(|c| Some(c.slot) == running))
    .then_some(topic))
}

// ---------------------------------------------------------------------------------------------
// Fragments for live updates

#[derive(Template, WebTemplate)]
#[template(path = "os_panel_fragment.html")]
struct PanelFragment {
    c: Ctx,
    live: LiveSession,
    os: OsPanel,
    draft: RunDraft,
}

#[derive(Template, WebTemplate)]
#[template(path = "os_wall_fragment.html")]
struct WallFragment {
    c: Ctx,
    os: OsPanel,
}

#[derive(Template, WebTemplate)]
#[template(path = "os_phone_fragment.html")]
struct PhoneFragment {
    p: PCtx,
    os: PhoneOs,
}

async fn staff_panel(state: &AppState, c: &Ctx, lid: &str) -> AppResult<(LiveSession, OsPanel)> {
    let (live, _) = runnable(state, c, lid).await?;
    let topics = state.store.topics(live.id).await?;
    let os = os_panel(state, &live, &topics)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((live, os))
}

async fn panel_fragment(
    State(state): State<AppState>,
    c: Ctx,
    Path(lid): Path<String>,
) -> AppResult<Response> {
    let (live, os) = staff_panel(&state, &c, &lid).await?;
    Ok(PanelFragment {
        c,
        live,
        os,
        draft: RunDraft::default(),
    }
    .into_response())
}

async fn wall_fragment(
    State(state): State<AppState>,
    c: Ctx,
    Path(lid): Path<String>,
) -> AppResult<Response> {
    let (_, os) = staff_panel(&state, &c, &lid).await?;
    Ok(WallFragment { c, os }.into_response())
}

async fn phone_fragment(
    State(state): State<AppState>,
    c: Ctx,
    headers: HeaderMap,
    Path(lid): Path<String>,
) -> Result<Response, Response> {
    let (live, me) = me_in(&state, &headers, &lid).await?;
    let p = PCtx::new(&headers, &c);
    let os = phone_os(&state, &live, &me, &PhoneDraft::default())
        .await
        .and_then(|os| os.ok_or(AppError::NotFound))
        .map_err(IntoResponse::into_response)?;
    Ok(PhoneFragment { p, os }.into_response())
}

// ---------------------------------------------------------------------------------------------
// The facilitator

/// The set-up view again, with what the facilitator typed and why it was refused.
async fn refuse_run(
    state: &AppState,
    c: Ctx,
    live: LiveSession,
    draft: OsDraft,
    status: StatusCode,
) -> AppResult<Response> {
    let p = state.store.process(live.process).await?;
    let draft = RunDraft {
        open_space: draft,
        ..RunDraft::default()
    };
    let mut r = setup_view(state, c, live, p, draft).await?.into_response();
    *r.status_mut() = status;
    Ok(r)
}

/// Sets up the open space, opens and closes the marketplace, starts and ends the slots, and
/// adds topics spoken aloud.
async fn control(
    State(state): State<AppState>,
    c: Ctx,
    Path(lid): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let (live, _) = runnable(&state, &c, &lid).await?;
    if !live.open {
        return Err(AppError::Conflict("error-live-closed"));
    }
    // Set-up and topics belong to the set-up view; running the groups to the runner.
    let back = match form.get("do") {
        "setup" | "topic" => redirect(&format!("/live/{}/setup#openspace", live.id)),
        _ => redirect(&format!("/live/{}/run#openspace", live.id)),
    };
    let now = OffsetDateTime::now_utc();
    let current = state.store.open_space(live.id).await?;
    let existing = || {
        current
            .clone()
            .ok_or(AppError::Conflict("error-no-open-space"))
    };
    let os = match form.get("do") {
        "setup" => match OpenSpace::from_form(form.get("slots"), form.get("spaces")) {
            Ok(new) => match &current {
                Some(old) => old.reshaped(new),
                None => new,
            },
            Err(e) => {
                let error =
                    e.0.iter()
                        .map(|(field, fe)| {
                            format!(
                                "{}: {}",
                                c.t(&format!("os-{field}")),
                                crate::fields::message(c.lang, fe)
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(" ");
                let draft = OsDraft {
                    slots: form.string("slots"),
                    spaces: form.string("spaces"),
                    error: Some(error),
                    ..OsDraft::default()
                };
                return refuse_run(&state, c, live, draft, StatusCode::UNPROCESSABLE_ENTITY).await;
            }
        },
        "marketplace_open" | "marketplace_close" => {
            let mut os = existing()?;
            os.marketplace = form.get("do") == "marketplace_open";
            os
        }
        "run" | "end" => {
            let mut os = existing()?;
            let slot = match form.get("do") {
                "end" => None,
                _ => Some(
                    form.get("slot")
                        .parse::<u32>()
                        .map_err(|_| AppError::BadRequest("error-malformed-form"))?,
                ),
            };
            os.run(slot)
                .map_err(|_| AppError::BadRequest("error-malformed-form"))?;
            os
        }
        // Ends the group work explicitly: phones reload on the event and say the groups are
        // over; notes from now on belong to no group.
        "finish" => {
            let mut os = existing()?;
            os.end();
            os
        }
        "topic" => {
            existing()?;
            let refused = |key: &str| OsDraft {
                topic: form.string("title"),
                error: Some(c.t(key)),
                ..OsDraft::default()
            };
            let title = match openspace::topic_title(form.get("title")) {
                Ok(t) => t,
                Err(e) => {
                    let draft = OsDraft {
                        error: Some(crate::fields::message(c.lang, &e)),
                        ..refused("")
                    };
                    return refuse_run(&state, c, live, draft, StatusCode::UNPROCESSABLE_ENTITY)
                        .await;
                }
            };
            if state.store.topics(live.id).await?.len() as u64 >= openspace::MAX_TOPICS {
                let draft = refused("os-topics-full");
                return refuse_run(&state, c, live, draft, StatusCode::CONFLICT).await;
            }
            let topic = new_topic(
                &live,
                NoteAuthor::Staff(c.user()?.id),
                None,
                title,
                c.lang_code(),
            );
            state.store.add_topic(&topic).await?;
            return Ok(back);
        }
        _ => return Err(AppError::BadRequest("error-malformed-form")),
    };
    state.store.save_open_space(live.id, &os, now).await?;
    Ok(back)
}

fn new_topic(
    live: &LiveSession,
    author: NoteAuthor,
    shown_name: Option<String>,
    title: String,
    lang: &str,
) -> Topic {
    Topic {
        id: TopicId::new(),
        live_session: live.id,
        number: 0,
        title,
        author,
        shown_name,
        lang: lang.to_owned(),
        cell: None,
        hidden: false,
        picks: 0,
        created_at: OffsetDateTime::now_utc(),
    }
}

/// Chosen themes become open-space topics in one step. With no open space set up yet, one is
/// set up with one time slot and a space per theme, each theme in its own space, so the groups
/// can start at once; an existing open space gets the themes as unplaced topics.
pub(crate) async fn topics_from_themes(
    state: &AppState,
    c: &Ctx,
    live: &LiveSession,
    labels: &[String],
    user: vuoro_core::UserId,
) -> AppResult<()> {
    let now = OffsetDateTime::now_utc();
    let fresh = state.store.open_space(live.id).await?.is_none();
    if fresh {
        let spaces: Vec<String> = (1..=labels.len().min(openspace::MAX_SPACES))
            .map(|i| c.tn("os-default-space", "n", i as i64))
            .collect();
        let os = OpenSpace::from_form(&c.t("os-default-slot"), &spaces.join("\n"))
            .map_err(|_| AppError::BadRequest("error-malformed-form"))?;
        state.store.save_open_space(live.id, &os, now).await?;
    }
    let existing = state.store.topics(live.id).await?.len();
    let room = (openspace::MAX_TOPICS as usize).saturating_sub(existing);
    for (i, label) in labels.iter().take(room).enumerate() {
        let title = openspace::topic_title(label)
            .map_err(|_| AppError::BadRequest("error-malformed-form"))?;
        let topic = new_topic(live, NoteAuthor::Staff(user), None, title, c.lang_code());
        let (topic, _) = state.store.add_topic(&topic).await?;
        if fresh && i < openspace::MAX_SPACES {
            let cell = Cell {
                slot: 0,
                space: i as u32,
            };
            state.store.place_topic(topic.id, Some(cell), now).await?;
        }
    }
    Ok(())
}

/// A topic of this live session, for the facilitator.
async fn topic_of(state: &AppState, live: &LiveSession, tid: &str) -> AppResult<Topic> {
    let id = TopicId::parse(tid).map_err(|_| AppError::NotFound)?;
    let topic = state.store.topic(id).await?;
    if topic.live_session != live.id {
        return Err(AppError::NotFound);
    }
    Ok(topic)
}

/// Places a topic into the schedule (or takes it off), hides it or shows it again.
async fn change_topic(
    State(state): State<AppState>,
    c: Ctx,
    Path((lid, tid)): Path<(String, String)>,
    form: FormData,
) -> AppResult<Response> {
    let (live, _) = runnable(&state, &c, &lid).await?;
    if !live.open {
        return Err(AppError::Conflict("error-live-closed"));
    }
    let topic = topic_of(&state, &live, &tid).await?;
    let now = OffsetDateTime::now_utc();
    match form.get("do") {
        "place" => {
            let os = state
                .store
                .open_space(live.id)
                .await?
                .ok_or(AppError::Conflict("error-no-open-space"))?;
            let cell = match form.get("cell") {
                "" => None,
                v => Some(
                    Cell::parse(v)
                        .filter(|c| os.has(*c))
                        .ok_or(AppError::BadRequest("error-malformed-form"))?,
                ),
            };
            match state.store.place_topic(topic.id, cell, now).await {
                Ok(e) => e,
                // Someone placed another topic there a moment earlier.
                Err(StoreError::Duplicate(_)) => {
                    let draft = OsDraft {
                        error: Some(c.t("os-cell-taken")),
                        ..OsDraft::default()
                    };
                    return refuse_run(&state, c, live, draft, StatusCode::CONFLICT).await;
                }
                Err(e) => return Err(e.into()),
            }
        }
        "hide" | "show" => {
            state
                .store
                .set_topic_hidden(topic.id, form.get("do") == "hide", now)
                .await?
        }
        _ => return Err(AppError::BadRequest("error-malformed-form")),
    };
    Ok(redirect(&format!(
        "/live/{}/setup#topic-{}",
        live.id, topic.number
    )))
}

// ---------------------------------------------------------------------------------------------
// Participants

/// The phone page again, with the refused topic and why.
async fn refuse_phone(
    state: &AppState,
    p: PCtx,
    live: &LiveSession,
    me: &vuoro_store::Participant,
    topic: String,
    key: &str,
    status: StatusCode,
) -> Response {
    let draft = PhoneDraft {
        topic,
        topic_error: Some(p.t(key)),
        ..PhoneDraft::default()
    };
    match participant_view(state, p, live, me, draft).await {
        Ok(v) => {
            let mut r = v.into_response();
            *r.status_mut() = status;
            r
        }
        Err(e) => e.into_response(),
    }
}

/// A participant proposes a topic in the marketplace.
async fn propose(
    State(state): State<AppState>,
    c: Ctx,
    headers: HeaderMap,
    Path(lid): Path<String>,
    form: FormData,
) -> Result<Response, Response> {
    let (live, me) = me_in(&state, &headers, &lid).await?;
    let p = PCtx::new(&headers, &c);
    let fail = |e: StoreError| AppError::from(e).into_response();
    let typed = form.string("title");
    let os = state.store.open_space(live.id).await.map_err(fail)?;
    if !live.open || !os.is_some_and(|os| os.marketplace) {
        return Err(refuse_phone(
            &state,
            p,
            &live,
            &me,
            typed,
            "p-topic-closed",
            StatusCode::CONFLICT,
        )
        .await);
    }
    let title = match openspace::topic_title(&typed) {
        Ok(t) => t,
        Err(e) => {
            let key = if e == vuoro_core::FieldError::Required {
                "p-topic-empty"
            } else {
                "p-topic-too-long"
            };
            return Err(refuse_phone(
                &state,
                p,
                &live,
                &me,
                typed,
                key,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await);
        }
    };
    let author = NoteAuthor::Participant(me.id);
    if state
        .store
        .count_topics_by(live.id, &author)
        .await
        .map_err(fail)?
        >= openspace::TOPICS_PER_PERSON
    {
        return Err(refuse_phone(
            &state,
            p,
            &live,
            &me,
            typed,
            "p-topic-too-many",
            StatusCode::TOO_MANY_REQUESTS,
        )
        .await);
    }
    if state.store.topics(live.id).await.map_err(fail)?.len() as u64 >= openspace::MAX_TOPICS {
        return Err(refuse_phone(
            &state,
            p,
            &live,
            &me,
            typed,
            "p-topic-full",
            StatusCode::CONFLICT,
        )
        .await);
    }
    let topic = new_topic(&live, author, me.display_name.clone(), title, p.code());
    let (topic, _) = state.store.add_topic(&topic).await.map_err(fail)?;
    // A proposer goes to their own topic, as in any open space.
    state
        .store
        .pick_topic(live.id, me.id, topic.id, OffsetDateTime::now_utc())
        .await
        .map_err(fail)?;
    Ok(redirect(&format!(
        "/live/{}#topic-{}",
        live.id, topic.number
    )))
}

/// A participant picks a topic's group, or drops the pick.
async fn pick(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((lid, tid)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, Response> {
    let (live, me) = me_in(&state, &headers, &lid).await?;
    let not_found = || AppError::NotFound.into_response();
    let fail = |e: StoreError| AppError::from(e).into_response();
    let id = TopicId::parse(&tid).map_err(|_| not_found())?;
    let topic = state.store.topic(id).await.map_err(fail)?;
    if topic.live_session != live.id || topic.hidden {
        return Err(not_found());
    }
    if !live.open {
        return Err(AppError::Conflict("error-live-closed").into_response());
    }
    let now = OffsetDateTime::now_utc();
    let who: ParticipantId = me.id;
    match form.get("do") {
        "pick" => state.store.pick_topic(live.id, who, topic.id, now).await,
        "unpick" => state.store.unpick_topic(live.id, who, topic.id, now).await,
        _ => return Err(AppError::BadRequest("error-malformed-form").into_response()),
    }
    .map_err(fail)?;
    Ok(redirect(&format!(
        "/live/{}#topic-{}",
        live.id, topic.number
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use vuoro_core::{LiveSessionId, NoteId};

    fn topic(live: LiveSessionId, number: u32, cell: Option<Cell>, picks: u32) -> Topic {
        Topic {
            id: TopicId::new(),
            live_session: live,
            number,
            title: format!("Aihe {number}"),
            author: NoteAuthor::Participant(ParticipantId::new()),
            shown_name: None,
            lang: "fi".into(),
            cell,
            hidden: false,
            picks,
            created_at: OffsetDateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn the_panel_lays_topics_on_the_grid_and_offers_only_free_cells() {
        let os = OpenSpace::from_form("9.00\n10.00", "Sali\nNurkka https://meet.example/x")
            .expect("valid");
        let live = LiveSessionId::new();
        let topics = vec![
            topic(live, 1, Some(Cell { slot: 0, space: 1 }), 4),
            topic(live, 2, None, 1),
        ];
        let p = panel(&os, &topics);
        assert_eq!(p.grid.len(), 2);
        assert!(p.grid[0].cells[0].is_none());
        let placed = p.grid[0].cells[1]
            .as_ref()
            .expect("topic 1 at 9.00 in Nurkka");
        assert_eq!(placed.number, 1);
        assert_eq!(placed.link.as_deref(), Some("https://meet.example/x"));
        assert_eq!(p.free.len(), 3, "four cells, one taken");
        assert!(!p.free.iter().any(|(v, _)| v == "0-1"));
        assert_eq!(p.placed, 1);
    }

    #[test]
    fn a_phone_sees_its_plan_and_its_group_s_notes_only() {
        let mut os = OpenSpace::from_form("9.00\n10.00", "Sali\nNurkka").expect("valid");
        os.run(Some(0)).expect("slot");
        let live = LiveSessionId::new();
        let mut hidden = topic(live, 3, None, 0);
        hidden.hidden = true;
        let topics = vec![
            topic(live, 1, Some(Cell { slot: 0, space: 0 }), 2),
            topic(live, 2, Some(Cell { slot: 0, space: 1 }), 1),
            hidden,
            topic(live, 4, Some(Cell { slot: 1, space: 0 }), 1),
        ];
        let picks = vec![topics[0].id, topics[3].id];
        let note = |t: TopicId, text: &str| Note {
            id: NoteId::new(),
            live_session: live,
            author: NoteAuthor::Participant(ParticipantId::new()),
            shown_name: None,
            stage: 2,
            question: String::new(),
            text: text.into(),
            lang: "fi".into(),
            hidden: false,
            starred: false,
            place: None,
            merged_into: None,
            topic: Some(t),
            created_at: OffsetDateTime::UNIX_EPOCH,
        };
        let notes = vec![note(topics[0].id, "meidän"), note(topics[1].id, "toisten")];
        let ph = phone(
            (live, true),
            &os,
            &topics,
            &picks,
            &notes,
            &PhoneDraft::default(),
        );
        assert_eq!(ph.topics.len(), 3, "the hidden topic is not shown");
        assert_eq!(
            ph.plan.iter().map(|i| i.slot.as_str()).collect::<Vec<_>>(),
            ["9.00", "10.00"]
        );
        let running = ph.running.expect("slot 0 runs");
        assert_eq!(running.mine.map(|t| t.number), Some(1));
        assert_eq!(running.choices.len(), 2);
        assert_eq!(
            running
                .notes
                .iter()
                .map(|n| n.text.as_str())
                .collect::<Vec<_>>(),
            ["meidän"]
        );
    }
}
