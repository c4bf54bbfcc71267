//! Live sessions: the facilitator's runner and projector, joining by code without an account,
//! the participant's phone view, notes, and the server-sent event stream that keeps every screen
//! current. Every page works without JavaScript (forms, then a reload); `live.js` adds the live
//! updates.

use crate::AppState;
use crate::ctx::{Count, Ctx};
use crate::error::{AppError, AppResult};
use crate::form::FormData;
use crate::hub::Push;
use crate::i18n::{self, PARTICIPANT_LANGS};
use crate::openspace::{OsDraft, OsPanel, PhoneOs, label_topics, os_panel, phone_os};
use crate::util::{cookie, hash_token, local_path, random_token, redirect};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures_util::stream::{self, Stream, StreamExt};
use serde::Deserialize;
use std::convert::Infallible;
use time::{Duration, OffsetDateTime};
use tokio_stream::wrappers::BroadcastStream;
use vuoro_core::feedback::{self, FeedbackState, Question, QuestionText, Summary};
use vuoro_core::lang::ParticipantLang;
use vuoro_core::live::{self as core_live, Control, JoinCode, Position, Timer};
use vuoro_core::method::Method;
use vuoro_core::permission::ProcessAction;
use vuoro_core::text;
use vuoro_core::{LiveSessionId, NoteId, ParticipantId, ProcessId, TopicId};
use vuoro_store::{
    LiveEvent, LiveEventKind, LiveSession, Note, NoteAuthor, NoteChange, Participant, Process,
    StoreError,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/processes/{id}/sessions/{sid}/open", post(open))
        .route("/live/{lid}/run", get(run_page))
        .route("/live/{lid}/control", post(control))
        .route("/live/{lid}/projector", get(projector))
        .route("/live/{lid}/events", get(events))
        .route("/join", get(join_form))
        .route("/join/{code}", get(join_page).post(join))
        .route("/live/{lid}", get(participant_page))
        .route("/live/{lid}/notes", post(add_note))
        .route(
            "/live/{lid}/feedback",
            get(feedback_results).post(give_feedback),
        )
        .route("/live/{lid}/scribe", get(scribe_page).post(scribe_note))
        .route("/live/{lid}/hand", post(hand))
        .route("/live/{lid}/cafe", post(cafe_control))
        .route("/live/{lid}/hands/{number}/done", post(give_turn))
        .route("/live/{lid}/notes/{nid}/change", post(change_note))
        .route("/live/{lid}/notes/{nid}/card", get(note_card))
        .route(
            "/live/{lid}/notes/{nid}/edit",
            get(edit_page).post(edit_note),
        )
        .route("/plang/{code}", get(switch_plang))
}

/// The longest note. Long enough for a thought, short enough for a board.
pub const NOTE_MAX: usize = 1_000;
/// Notes one participant may send per minute: generous for a person, a brake for a script.
pub const NOTES_PER_MINUTE: u64 = 10;
/// People in one live session; larger events are split into several sessions.
pub const MAX_PARTICIPANTS: u64 = 500;
pub const NAME_MAX: usize = 60;
const PLANG_COOKIE: &str = "vuoro_plang";

pub(crate) fn now_ms() -> i64 {
    let t = OffsetDateTime::now_utc();
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}

// ---------------------------------------------------------------------------------------------
// What a live session shows

/// The stages a live session runs: its phase of the process's adapted method.
pub(crate) struct Course {
    method: Method,
    phase: usize,
    feedback: Vec<Question>,
    /// The online meeting of the planned session, for online and hybrid sessions.
    meeting: Option<String>,
    /// The planned session's title.
    session_title: String,
}

impl Course {
    fn stages(&self) -> &[vuoro_core::method::Stage] {
        self.method
            .phases
            .get(self.phase)
            .map_or(&[], |p| p.stages.as_slice())
    }
    fn questions(&self) -> Vec<usize> {
        self.stages().iter().map(|s| s.prompts.len()).collect()
    }
    fn minutes(&self) -> Vec<u32> {
        self.stages().iter().map(|s| s.duration_min).collect()
    }
}

pub(crate) async fn course(state: &AppState, live: &LiveSession) -> AppResult<(Process, Course)> {
    let p = state.store.process(live.process).await?;
    let plan = state.store.plan(p.id, p.plan_version).await?.plan;
    let feedback = plan.feedback_questions();
    let session = plan.session(live.plan_session);
    let meeting = session.and_then(|s| s.online_link.clone());
    let session_title = session.map(|s| s.title.clone()).unwrap_or_default();
    let method = plan.method.ok_or(AppError::Conflict("error-no-method"))?;
    let phase = (live.phase as usize)
        .saturating_sub(1)
        .min(method.phases.len().saturating_sub(1));
    Ok((
        p,
        Course {
            method,
            phase,
            feedback,
            meeting,
            session_title,
        },
    ))
}

/// The current stage and question, in one language.
#[derive(Debug, Clone)]
pub struct Now {
    pub stage_no: usize,
    pub stage_count: usize,
    pub stage_name: String,
    pub stage_purpose: String,
    pub question: Option<String>,
    pub question_no: usize,
    pub question_count: usize,
    pub remaining_ms: i64,
    pub remaining: String,
    pub running: bool,
}

fn clock(ms: i64) -> String {
    let s = ms / 1000;
    format!("{}:{:02}", s / 60, s % 60)
}

fn now_view(
    c: &Course,
    pos: Position,
    timer: Timer,
    pick: impl Fn(&vuoro_core::Localized) -> String,
) -> Now {
    let stages = c.stages();
    let stage = stages.get(pos.stage);
    let remaining_ms = timer.remaining(now_ms());
    Now {
        stage_no: pos.stage + 1,
        stage_count: stages.len(),
        stage_name: stage.map(|s| pick(&s.name)).unwrap_or_default(),
        stage_purpose: stage.map(|s| pick(&s.purpose)).unwrap_or_default(),
        question: stage.and_then(|s| s.prompts.get(pos.question)).map(&pick),
        question_no: pos.question + 1,
        question_count: stage.map_or(0, |s| s.prompts.len()),
        remaining_ms,
        remaining: clock(remaining_ms),
        running: timer.is_running(),
    }
}

/// A note as boards show it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NoteView {
    pub id: NoteId,
    pub text: String,
    pub lang: String,
    /// Right to left for Arabic, so the board shows each note in its own direction.
    pub dir: &'static str,
    pub name: Option<String>,
    pub question: String,
    pub stage: u32,
    pub hidden: bool,
    pub starred: bool,
    /// Merged into another note as a duplicate.
    pub merged: bool,
    /// How many duplicates were merged into this note.
    pub duplicates: usize,
    /// The café table's letter, for a note written at one.
    pub table: Option<char>,
    /// The open-space topic whose group wrote the note, and its label ("#3 Title") once
    /// [`label_topics`] has filled it in.
    pub topic_id: Option<TopicId>,
    pub topic: Option<String>,
}

/// The text direction of something written in this participant language: right to left for
/// Arabic, so boards show each note and topic in its own direction.
pub(crate) fn dir_of(lang: &str) -> &'static str {
    if ParticipantLang::parse(lang).is_some_and(i18n::is_rtl) {
        "rtl"
    } else {
        "auto"
    }
}

pub(crate) fn note_view(n: &Note) -> NoteView {
    let dir = dir_of(&n.lang);
    NoteView {
        id: n.id,
        text: n.text.clone(),
        lang: n.lang.clone(),
        dir,
        name: n.shown_name.clone(),
        question: n.question.clone(),
        stage: n.stage,
        hidden: n.hidden,
        starred: n.starred,
        merged: n.merged_into.is_some(),
        duplicates: 0,
        table: n
            .place
            .map(|p| vuoro_core::cafe::table_letter(p.table as usize)),
        topic_id: n.topic,
        topic: None,
    }
}

/// Fills in how many duplicates were merged into each note.
fn count_duplicates(views: &mut [NoteView], notes: &[Note]) {
    for v in views.iter_mut() {
        v.duplicates = notes.iter().filter(|n| n.merged_into == Some(v.id)).count();
    }
}

async fn push_of(state: &AppState, e: &LiveEvent) -> AppResult<Push> {
    Ok(match &e.kind {
        LiveEventKind::NoteAdded { note } => {
            let n = state.store.note(*note).await?;
            let mut view = note_view(&n);
            if let Some(t) = n.topic {
                label_topics(
                    std::slice::from_mut(&mut view),
                    &[state.store.topic(t).await?],
                );
            }
            Push {
                seq: e.seq,
                event: "note",
                data: serde_json::to_string(&view)
                    .map_err(|e| AppError::Internal(e.to_string()))?,
                // An open-space group's notes are the group's shared record: its phones show
                // them as they are written.
                for_participants: n.topic.is_some(),
            }
        }
        LiveEventKind::NoteChanged { note } => Push {
            seq: e.seq,
            event: "changed",
            data: serde_json::json!({ "id": note }).to_string(),
            for_participants: false,
        },
        LiveEventKind::HandsChanged => Push {
            seq: e.seq,
            event: "hands",
            data: "{}".into(),
            for_participants: false,
        },
        LiveEventKind::TopicsChanged => Push {
            seq: e.seq,
            event: "topics",
            data: "{}".into(),
            for_participants: true,
        },
        LiveEventKind::Moved => Push {
            seq: e.seq,
            event: "moved",
            data: "{}".into(),
            for_participants: true,
        },
        LiveEventKind::Closed => Push {
            seq: e.seq,
            event: "closed",
            data: "{}".into(),
            for_participants: true,
        },
    })
}

pub(crate) async fn publish(state: &AppState, e: &LiveEvent) {
    match push_of(state, e).await {
        Ok(p) => state.hub.publish(e.live_session, p),
        Err(err) => tracing::warn!(?err, "live event not pushed"),
    }
}

// ---------------------------------------------------------------------------------------------
// The facilitator's side

/// A live session the signed-in user may run.
pub(crate) async fn runnable(
    state: &AppState,
    c: &Ctx,
    lid: &str,
) -> AppResult<(LiveSession, Process)> {
    let user = c.user()?;
    let lid = LiveSessionId::parse(lid).map_err(|_| AppError::NotFound)?;
    let live = state.store.live_session(lid).await?;
    let p = state.store.process(live.process).await?;
    let pa = user.process_actor(&p);
    if !pa.can(ProcessAction::View, p.state) {
        return Err(AppError::NotFound);
    }
    if !pa.can(ProcessAction::RunSession, p.state) {
        return Err(AppError::Forbidden);
    }
    Ok((live, p))
}

async fn open(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, sid)): Path<(String, String)>,
) -> AppResult<Response> {
    let user = c.user()?;
    let pid = ProcessId::parse(&id).map_err(|_| AppError::NotFound)?;
    let p = state.store.process(pid).await?;
    let pa = user.process_actor(&p);
    if !pa.can(ProcessAction::View, p.state) {
        return Err(AppError::NotFound);
    }
    if !pa.can(ProcessAction::RunSession, p.state) {
        return Err(AppError::Forbidden);
    }
    let sid: u32 = sid.parse().map_err(|_| AppError::NotFound)?;
    let plan = state.store.plan(p.id, p.plan_version).await?.plan;
    let session = plan.session(sid).ok_or(AppError::NotFound)?;
    let method = plan
        .method
        .as_ref()
        .ok_or(AppError::Conflict("error-no-method"))?;
    let phase = session.phase.clamp(1, method.phases.len().max(1) as u32);
    let minutes = method
        .phases
        .get(phase as usize - 1)
        .and_then(|ph| ph.stages.first())
        .map_or(0, |s| s.duration_min);
    // An open run of the same session is reused, so a second click does not split the room.
    if let Some(existing) = state
        .store
        .live_sessions(p.id)
        .await?
        .into_iter()
        .find(|l| l.open && l.plan_session == sid)
    {
        return Ok(redirect(&format!("/live/{}/run", existing.id)));
    }
    for _ in 0..8 {
        let bits = u64::from_le_bytes(
            uuid::Uuid::new_v4().as_bytes()[..8]
                .try_into()
                .unwrap_or([0; 8]),
        );
        let live = LiveSession {
            id: LiveSessionId::new(),
            process: p.id,
            plan_session: sid,
            phase,
            join_code: JoinCode::from_random(bits),
            open: true,
            position: Position::default(),
            timer: Timer::new(minutes),
            opened_by: user.id,
            opened_at: OffsetDateTime::now_utc(),
            closed_at: None,
        };
        match state.store.open_live_session(&live).await {
            Ok(()) => return Ok(redirect(&format!("/live/{}/run", live.id))),
            Err(StoreError::Duplicate(_)) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(AppError::Internal("no free join code after 8 draws".into()))
}

#[derive(Template, WebTemplate)]
#[template(path = "live_run.html")]
pub(crate) struct RunView {
    c: Ctx,
    live: LiveSession,
    process_title: String,
    code: String,
    join_url: String,
    now: Now,
    ground_rules: Vec<String>,
    notes: Vec<NoteView>,
    participants: u64,
    last_seq: i64,
    feedback: FeedbackState,
    responses: usize,
    hands: Vec<HandView>,
    meeting: Option<String>,
    cafe: Option<CafeRunView>,
    open_space: Option<OsPanel>,
    draft: RunDraft,
    /// Whether an earlier session's feedback exists, and whether the phones show it.
    previous: Option<bool>,
}

/// A raised hand as the facilitator sees it: a number, or the name the person chose to show.
#[derive(Debug)]
pub struct HandView {
    pub number: u32,
    pub label: String,
}

pub(crate) async fn last_seq(state: &AppState, lid: LiveSessionId) -> AppResult<i64> {
    Ok(state.store.last_live_seq(lid).await?)
}

async fn run_page(
    State(state): State<AppState>,
    c: Ctx,
    Path(lid): Path<String>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let (live, p) = runnable(&state, &c, &lid).await?;
    Ok(run_view(&state, c, &headers, live, p, RunDraft::default())
        .await?
        .into_response())
}

/// What the facilitator typed into one of the runner's forms, kept when it is refused.
#[derive(Debug, Default)]
pub struct RunDraft {
    pub cafe: CafeDraft,
    pub open_space: OsDraft,
}

/// A café set-up the facilitator typed, kept when it is refused.
#[derive(Debug, Default)]
pub struct CafeDraft {
    pub rounds: String,
    pub questions: String,
    pub error: Option<String>,
}

pub(crate) async fn run_view(
    state: &AppState,
    c: Ctx,
    headers: &HeaderMap,
    live: LiveSession,
    p: Process,
    draft: RunDraft,
) -> AppResult<RunView> {
    let state = state.clone();
    let (_, course) = course(&state, &live).await?;
    let lang = c.lang;
    let now = now_view(&course, live.position, live.timer, |l| {
        l.get(lang).to_owned()
    });
    let all_notes = state.store.notes(live.id).await?;
    let topics = state.store.topics(live.id).await?;
    let mut notes: Vec<NoteView> = all_notes.iter().map(note_view).collect();
    notes.reverse();
    count_duplicates(&mut notes, &all_notes);
    label_topics(&mut notes, &topics);
    Ok(RunView {
        process_title: p.title.clone(),
        code: live.join_code.spaced(),
        join_url: join_url(headers, &live.join_code),
        ground_rules: course
            .method
            .ground_rules
            .iter()
            .map(|r| r.get(lang).to_owned())
            .collect(),
        participants: state.store.count_participants(live.id).await?,
        feedback: state.store.feedback_state(live.id).await?,
        hands: state
            .store
            .hands(live.id)
            .await?
            .into_iter()
            .map(|h| HandView {
                number: h.number,
                label: h
                    .shown_name
                    .unwrap_or_else(|| c.tn("live-participant-n", "n", i64::from(h.number))),
            })
            .collect(),
        meeting: course.meeting.clone(),
        cafe: cafe_run_view(&state, &c, &live).await?,
        open_space: os_panel(&state, &live, &topics).await?,
        draft,
        previous: match previous_feedback(&state, &live, &course, ParticipantLang::Fi).await? {
            Some(_) => Some(state.store.shares_previous_feedback(live.id).await?),
            None => None,
        },
        responses: state.store.feedback_responses(live.id).await?.len(),
        last_seq: last_seq(&state, live.id).await?,
        now,
        notes,
        live,
        c,
    })
}

/// The address participants open, as this server is reached from the facilitator's browser.
fn join_url(headers: &HeaderMap, code: &JoinCode) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".:-[]".contains(c))
        })
        .unwrap_or("localhost");
    let scheme = headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
        .filter(|p| *p == "https")
        .unwrap_or("http");
    format!("{scheme}://{host}/join/{code}")
}

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
    let back = redirect(&format!("/live/{}/run", live.id));
    let ctl = match form.get("do") {
        "start" => Control::Start,
        "pause" => Control::Pause,
        "extend" => Control::Extend(5),
        "next" => Control::Next,
        "previous" => Control::Previous,
        "close" => {
            let e = state
                .store
                .close_live_session(live.id, OffsetDateTime::now_utc())
                .await?;
            publish(&state, &e).await;
            return Ok(back);
        }
        "feedback_open" | "feedback_close" => {
            let to = if form.get("do") == "feedback_open" {
                FeedbackState::Open
            } else {
                FeedbackState::Closed
            };
            let e = state
                .store
                .set_feedback_state(live.id, to, OffsetDateTime::now_utc())
                .await?;
            publish(&state, &e).await;
            return Ok(back);
        }
        "share_previous" | "unshare_previous" => {
            let share = form.get("do") == "share_previous";
            let e = state
                .store
                .share_previous_feedback(live.id, share, OffsetDateTime::now_utc())
                .await?;
            publish(&state, &e).await;
            return Ok(back);
        }
        _ => return Err(AppError::BadRequest("error-malformed-form")),
    };
    let (_, course) = course(&state, &live).await?;
    let (pos, timer) = core_live::control(
        live.position,
        live.timer,
        ctl,
        &course.questions(),
        &course.minutes(),
        now_ms(),
    );
    let e = state.store.move_live_session(live.id, pos, timer).await?;
    publish(&state, &e).await;
    Ok(back)
}

#[derive(Template, WebTemplate)]
#[template(path = "live_projector.html")]
struct ProjectorView {
    c: Ctx,
    live: LiveSession,
    code: String,
    join_url: String,
    qr_svg: String,
    now: Now,
    notes: Vec<NoteView>,
    open_space: Option<OsPanel>,
    last_seq: i64,
}

/// The join address as a QR code, drawn as inline SVG: no image file, no outside service.
fn qr_svg(url: &str) -> String {
    qrcode::QrCode::new(url.as_bytes())
        .map(|q| {
            q.render::<qrcode::render::svg::Color>()
                .min_dimensions(240, 240)
                .dark_color(qrcode::render::svg::Color("#000000"))
                .light_color(qrcode::render::svg::Color("#ffffff"))
                .build()
        })
        .map(|svg| {
            // Drop the XML prologue: the SVG goes inside the page.
            svg.find("<svg")
                .map_or(svg.clone(), |i| svg[i..].to_owned())
        })
        .unwrap_or_default()
}

async fn projector(
    State(state): State<AppState>,
    c: Ctx,
    Path(lid): Path<String>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let (live, _) = runnable(&state, &c, &lid).await?;
    let (_, course) = course(&state, &live).await?;
    let lang = c.lang;
    let join_url = join_url(&headers, &live.join_code);
    let mut notes: Vec<NoteView> = state
        .store
        .notes(live.id)
        .await?
        .iter()
        .filter(|n| !n.hidden)
        .map(note_view)
        .collect();
    notes.reverse();
    let topics = state.store.topics(live.id).await?;
    label_topics(&mut notes, &topics);
    Ok(ProjectorView {
        open_space: os_panel(&state, &live, &topics).await?,
        code: live.join_code.spaced(),
        qr_svg: qr_svg(&join_url),
        join_url,
        now: now_view(&course, live.position, live.timer, |l| {
            l.get(lang).to_owned()
        }),
        notes,
        last_seq: last_seq(&state, live.id).await?,
        live,
        c,
    }
    .into_response())
}

// ---------------------------------------------------------------------------------------------
// The event stream

#[derive(Deserialize)]
struct After {
    after: Option<i64>,
}

/// Server-sent events for a board (staff) or a phone (participant). A client that reconnects
/// sends the last id it saw (`Last-Event-ID`, or `?after=` on the first connection); it first
/// gets every later event from the database, then the live ones, each exactly once.
async fn events(
    State(state): State<AppState>,
    c: Ctx,
    Path(lid): Path<String>,
    Query(q): Query<After>,
    headers: HeaderMap,
) -> AppResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    let id = LiveSessionId::parse(&lid).map_err(|_| AppError::NotFound)?;
    let staff = match runnable(&state, &c, &lid).await {
        Ok(_) => true,
        Err(AppError::LoginRequired | AppError::NotFound | AppError::Forbidden) => {
            let live = state.store.live_session(id).await?;
            participant_of(&state, &headers, live.process)
                .await?
                .ok_or(AppError::NotFound)?;
            false
        }
        Err(e) => return Err(e),
    };
    let from_header = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<i64>().ok());
    let after = from_header.or(q.after).unwrap_or(0).max(0);
    // Subscribe before reading the backlog, so nothing falls between the two.
    let rx = state.hub.subscribe(id);
    let mut backlog = Vec::new();
    for e in state.store.live_events_after(id, after).await? {
        backlog.push(push_of(&state, &e).await?);
    }
    let seen = backlog.last().map_or(after, |p| p.seq);
    let visible = move |p: &Push| staff || p.for_participants;
    let old = stream::iter(backlog.into_iter().map(std::sync::Arc::new));
    let live = BroadcastStream::new(rx).filter_map(move |r| async move {
        // A lagging client loses events from the channel; it reconnects and catches up from the
        // database, so ending the stream is the right answer.
        r.ok().filter(|p| p.seq > seen)
    });
    let out = old
        .chain(live)
        .filter(move |p| std::future::ready(visible(p)))
        .map(|p| {
            Ok(Event::default()
                .id(p.seq.to_string())
                .event(p.event)
                .data(p.data.clone()))
        });
    Ok(Sse::new(out).keep_alive(KeepAlive::default()))
}

// ---------------------------------------------------------------------------------------------
// Participants

/// The name of the cookie that holds a participant's token for one process.
fn participant_cookie(process: ProcessId) -> String {
    format!("vuoro_p_{}", process.as_uuid().simple())
}

async fn participant_of(
    state: &AppState,
    headers: &HeaderMap,
    process: ProcessId,
) -> AppResult<Option<Participant>> {
    let Some(token) = cookie(headers, &participant_cookie(process)) else {
        return Ok(None);
    };
    Ok(state
        .store
        .participant_by_token(&hash_token(token))
        .await?
        .filter(|p| p.process == process))
}

/// The participant language of a request: the choice made on the join page, then the browser's
/// wish, then Finnish.
fn plang_of(headers: &HeaderMap) -> ParticipantLang {
    cookie(headers, PLANG_COOKIE)
        .and_then(ParticipantLang::parse)
        .filter(|l| *l != ParticipantLang::Other)
        .or_else(|| {
            let accept = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
            accept
                .split(',')
                .filter_map(|p| p.split(';').next())
                .filter_map(|t| ParticipantLang::parse(t.trim().split('-').next().unwrap_or("")))
                .find(|l| *l != ParticipantLang::Other)
        })
        .unwrap_or(ParticipantLang::Fi)
}

/// What every participant page needs: language, direction and the language switch.
#[derive(Debug, Clone)]
pub struct PCtx {
    pub lang: ParticipantLang,
    pub csrf: String,
    pub path: String,
}

impl PCtx {
    pub(crate) fn new(headers: &HeaderMap, c: &Ctx) -> Self {
        Self {
            lang: plang_of(headers),
            csrf: c.csrf.clone(),
            path: c.path.clone(),
        }
    }
    pub fn t(&self, key: &str) -> String {
        i18n::tp(self.lang, key)
    }
    pub fn t1(&self, key: &str, name: &'static str, value: &str) -> String {
        i18n::tp_args(self.lang, key, &[(name, i18n::s(value))])
    }
    pub fn tn(&self, key: &str, name: &'static str, n: impl Count) -> String {
        i18n::tp_args(self.lang, key, &[(name, i18n::n(n.count()))])
    }
    /// A message with two number arguments, such as "round 2 of 3".
    pub fn tn2(
        &self,
        key: &str,
        a: &'static str,
        an: impl Count,
        b: &'static str,
        bn: impl Count,
    ) -> String {
        i18n::tp_args(
            self.lang,
            key,
            &[(a, i18n::n(an.count())), (b, i18n::n(bn.count()))],
        )
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }
    pub fn dir(&self) -> &'static str {
        if i18n::is_rtl(self.lang) {
            "rtl"
        } else {
            "ltr"
        }
    }
    /// Every participant language with its link, for the switch at the top of each page.
    pub fn langs(&self) -> Vec<(&'static str, &'static str, String, bool)> {
        PARTICIPANT_LANGS
            .iter()
            .map(|l| {
                (
                    l.code(),
                    i18n::autonym(*l),
                    format!(
                        "/plang/{}?next={}",
                        l.code(),
                        crate::ctx::encode(&self.path)
                    ),
                    *l == self.lang,
                )
            })
            .collect()
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "join.html")]
struct JoinFormView {
    p: PCtx,
    code: String,
    error: Option<String>,
}

#[derive(Deserialize)]
struct CodeQuery {
    code: Option<String>,
}

async fn join_form(
    State(state): State<AppState>,
    c: Ctx,
    headers: HeaderMap,
    Query(q): Query<CodeQuery>,
) -> AppResult<Response> {
    let p = PCtx::new(&headers, &c);
    let Some(typed) = q.code.filter(|s| !s.trim().is_empty()) else {
        return Ok(JoinFormView {
            p,
            code: String::new(),
            error: None,
        }
        .into_response());
    };
    match JoinCode::parse(&typed) {
        Some(code) if state.store.live_session_by_code(&code).await?.is_some() => {
            Ok(redirect(&format!("/join/{code}")))
        }
        _ => {
            let error = Some(p.t("p-join-unknown-code"));
            let mut r = JoinFormView {
                p,
                code: typed.chars().take(20).collect(),
                error,
            }
            .into_response();
            *r.status_mut() = StatusCode::NOT_FOUND;
            Ok(r)
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "join_code.html")]
struct JoinView {
    p: PCtx,
    code: String,
    title: String,
    name: String,
    show_name: bool,
    error: Option<String>,
}

/// The open live session of a code, or the friendly "no such session" page.
async fn by_code(state: &AppState, p: &PCtx, code: &str) -> Result<LiveSession, Response> {
    let found = match JoinCode::parse(code) {
        Some(c) => state
            .store
            .live_session_by_code(&c)
            .await
            .map_err(|e| AppError::from(e).into_response())?,
        None => None,
    };
    found.ok_or_else(|| {
        let error = Some(p.t("p-join-unknown-code"));
        let mut r = JoinFormView {
            p: p.clone(),
            code: String::new(),
            error,
        }
        .into_response();
        *r.status_mut() = StatusCode::NOT_FOUND;
        r
    })
}

async fn join_page(
    State(state): State<AppState>,
    c: Ctx,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Response, Response> {
    let p = PCtx::new(&headers, &c);
    let live = by_code(&state, &p, &code).await?;
    let known = participant_of(&state, &headers, live.process)
        .await
        .map_err(IntoResponse::into_response)?;
    if let Some(me) = known {
        state
            .store
            .attend(live.id, me.id)
            .await
            .map_err(|e| AppError::from(e).into_response())?;
        return Ok(redirect(&format!("/live/{}", live.id)));
    }
    let title = state
        .store
        .process(live.process)
        .await
        .map_err(|e| AppError::from(e).into_response())?
        .title;
    Ok(JoinView {
        p,
        code: live.join_code.to_string(),
        title,
        name: String::new(),
        show_name: false,
        error: None,
    }
    .into_response())
}

async fn join(
    State(state): State<AppState>,
    c: Ctx,
    headers: HeaderMap,
    Path(code): Path<String>,
    form: FormData,
) -> Result<Response, Response> {
    let mut p = PCtx::new(&headers, &c);
    if let Some(l) =
        ParticipantLang::parse(form.get("lang")).filter(|l| *l != ParticipantLang::Other)
    {
        p.lang = l;
    }
    let live = by_code(&state, &p, &code).await?;
    let fail = |e: StoreError| AppError::from(e).into_response();
    if state
        .store
        .count_participants(live.id)
        .await
        .map_err(fail)?
        >= MAX_PARTICIPANTS
    {
        return Err(page_error(
            &p,
            "p-error-full",
            StatusCode::SERVICE_UNAVAILABLE,
        ));
    }
    let show_name = form.get("show_name") == "yes";
    let name = if show_name {
        match text::bounded(form.get("name"), NAME_MAX) {
            Ok(n) => Some(n),
            Err(e) => {
                let key = if e == text::FieldError::Required {
                    "p-join-name-missing"
                } else {
                    "p-join-name-long"
                };
                let title = state.store.process(live.process).await.map_err(fail)?.title;
                let error = Some(p.t(key));
                let mut r = JoinView {
                    p,
                    code: live.join_code.to_string(),
                    title,
                    name: form.string("name"),
                    show_name,
                    error,
                }
                .into_response();
                *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
                return Err(r);
            }
        }
    } else {
        None
    };
    let token = random_token();
    let me = Participant {
        id: ParticipantId::new(),
        process: live.process,
        token_hash: hash_token(&token),
        display_name: name,
        lang: p.lang.code().to_owned(),
        created_at: OffsetDateTime::now_utc(),
    };
    state.store.create_participant(&me).await.map_err(fail)?;
    state.store.attend(live.id, me.id).await.map_err(fail)?;
    let mut r = redirect(&format!("/live/{}", live.id));
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    // A year: participants come back to the same process in later sessions.
    for c in [
        format!(
            "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000{secure}",
            participant_cookie(live.process)
        ),
        format!(
            "{PLANG_COOKIE}={}; Path=/; SameSite=Lax; Max-Age=31536000",
            p.lang.code()
        ),
    ] {
        if let Ok(v) = HeaderValue::from_str(&c) {
            r.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    Ok(r)
}

#[derive(Template, WebTemplate)]
#[template(path = "p_message.html")]
struct MessageView {
    p: PCtx,
    message: String,
}

/// Whether an error page goes to a participant's phone: a phone route, asked without a staff
/// log-in. Phones get their error pages in their own language and layout, Arabic and Somali too.
pub(crate) fn phone_language(headers: &HeaderMap, path: &str) -> Option<ParticipantLang> {
    let phone_route = path == "/join"
        || ["/join/", "/live/", "/plang/"]
            .iter()
            .any(|p| path.starts_with(p));
    (phone_route && cookie(headers, crate::ctx::SESSION_COOKIE).is_none())
        .then(|| plang_of(headers))
}

/// The error page a phone gets for a status no handler explained.
pub(crate) fn phone_error(lang: ParticipantLang, path: String, status: StatusCode) -> Response {
    let key = match status {
        StatusCode::NOT_FOUND => "p-error-not-found",
        StatusCode::FORBIDDEN => "p-error-forbidden",
        StatusCode::CONFLICT => "p-error-conflict",
        StatusCode::PAYLOAD_TOO_LARGE => "p-error-too-large",
        s if s.is_server_error() => "p-error-internal",
        _ => "p-error-bad-request",
    };
    let p = PCtx {
        lang,
        csrf: String::new(),
        path,
    };
    page_error(&p, key, status)
}

fn page_error(p: &PCtx, key: &str, status: StatusCode) -> Response {
    let mut r = MessageView {
        p: p.clone(),
        message: p.t(key),
    }
    .into_response();
    *r.status_mut() = status;
    r
}

#[derive(Template, WebTemplate)]
#[template(path = "participant.html")]
pub(crate) struct ParticipantView {
    p: PCtx,
    live_id: LiveSessionId,
    open: bool,
    title: String,
    now: Now,
    name: Option<String>,
    mine: Vec<NoteView>,
    draft: PhoneDraft,
    last_seq: i64,
    /// The feedback form, while it is open and this participant has not answered.
    feedback: Option<Vec<FeedbackItem>>,
    feedback_done: bool,
    /// Place in the turn queue, from 1, if the hand is up.
    hand: Option<usize>,
    meeting: Option<String>,
    cafe: Option<PhoneCafe>,
    open_space: Option<PhoneOs>,
    /// The previous session's averages, when the facilitator shares them.
    previous: Option<Vec<(String, String, u32)>>,
}

/// What a participant typed, kept when it is refused, with the reason.
#[derive(Debug, Default)]
pub struct PhoneDraft {
    pub note: String,
    pub error: Option<String>,
    /// A topic proposed for an open space's marketplace.
    pub topic: String,
    pub topic_error: Option<String>,
}

/// One feedback question as a phone shows it.
#[derive(Debug, Clone)]
pub struct FeedbackItem {
    pub index: usize,
    pub text: String,
    pub scale: bool,
}

/// The wording of a feedback question in a participant language.
pub fn question_text(q: &Question, lang: ParticipantLang) -> String {
    match q.text() {
        QuestionText::Standard(key) => i18n::tp(lang, key),
        QuestionText::Custom(t) => t.clone(),
    }
}

pub(crate) async fn participant_view(
    state: &AppState,
    p: PCtx,
    live: &LiveSession,
    me: &Participant,
    draft: PhoneDraft,
) -> AppResult<ParticipantView> {
    let (process, course) = course(state, live).await?;
    let notes = state.store.notes(live.id).await?;
    let mine = notes
        .iter()
        .filter(|n| n.author == NoteAuthor::Participant(me.id))
        .map(note_view)
        .rev()
        .collect();
    let fb_state = state.store.feedback_state(live.id).await?;
    let given = state.store.feedback_given(live.id, me.id).await?;
    let feedback = (fb_state == FeedbackState::Open && !given && live.open).then(|| {
        course
            .feedback
            .iter()
            .enumerate()
            .map(|(index, q)| FeedbackItem {
                index,
                text: question_text(q, p.lang),
                scale: q.is_scale(),
            })
            .collect()
    });
    let hand = state
        .store
        .hands(live.id)
        .await?
        .iter()
        .position(|h| h.participant == me.id)
        .map(|i| i + 1);
    let cafe = cafe_seat(state, live, me)
        .await?
        .map(|seat| phone_cafe(&seat, &notes));
    let previous = if state.store.shares_previous_feedback(live.id).await? {
        previous_feedback(state, live, &course, p.lang).await?
    } else {
        None
    };
    Ok(ParticipantView {
        previous,
        cafe,
        hand,
        meeting: course.meeting.clone(),
        feedback,
        feedback_done: given && fb_state == FeedbackState::Open,
        live_id: live.id,
        open: live.open,
        title: process.title,
        now: now_view(&course, live.position, live.timer, |l| {
            l.for_participant(p.lang).to_owned()
        }),
        name: me.display_name.clone(),
        mine,
        open_space: phone_os(state, live, me, &draft).await?,
        draft,
        last_seq: last_seq(state, live.id).await?,
        p,
    })
}

/// The participant of this live session, or the join page.
pub(crate) async fn me_in(
    state: &AppState,
    headers: &HeaderMap,
    lid: &str,
) -> Result<(LiveSession, Participant), Response> {
    let id = LiveSessionId::parse(lid).map_err(|_| AppError::NotFound.into_response())?;
    let live = state
        .store
        .live_session(id)
        .await
        .map_err(|e| AppError::from(e).into_response())?;
    match participant_of(state, headers, live.process)
        .await
        .map_err(IntoResponse::into_response)?
    {
        Some(me) => Ok((live, me)),
        None if live.open => Err(redirect(&format!("/join/{}", live.join_code))),
        None => Err(AppError::NotFound.into_response()),
    }
}

async fn participant_page(
    State(state): State<AppState>,
    c: Ctx,
    headers: HeaderMap,
    Path(lid): Path<String>,
) -> Result<Response, Response> {
    let (live, me) = me_in(&state, &headers, &lid).await?;
    let p = PCtx::new(&headers, &c);
    Ok(
        participant_view(&state, p, &live, &me, PhoneDraft::default())
            .await
            .map_err(IntoResponse::into_response)?
            .into_response(),
    )
}

async fn add_note(
    State(state): State<AppState>,
    c: Ctx,
    headers: HeaderMap,
    Path(lid): Path<String>,
    form: FormData,
) -> Result<Response, Response> {
    let (live, me) = me_in(&state, &headers, &lid).await?;
    let p = PCtx::new(&headers, &c);
    let fail = |e: StoreError| AppError::from(e).into_response();
    let refuse = |p: PCtx, key: &str, status: StatusCode, draft: String| {
        let state = state.clone();
        let live = live.clone();
        let me = me.clone();
        let key = key.to_owned();
        async move {
            let draft = PhoneDraft {
                error: Some(p.t(&key)),
                note: draft,
                ..PhoneDraft::default()
            };
            match participant_view(&state, p, &live, &me, draft).await {
                Ok(v) => {
                    let mut r = v.into_response();
                    *r.status_mut() = status;
                    r
                }
                Err(e) => e.into_response(),
            }
        }
    };
    if !live.open {
        return Err(refuse(
            p,
            "p-error-closed",
            StatusCode::CONFLICT,
            form.string("text"),
        )
        .await);
    }
    let body = match text::bounded(form.get("text"), NOTE_MAX) {
        Ok(t) => t,
        Err(text::FieldError::Required) => {
            return Err(refuse(
                p,
                "p-note-empty",
                StatusCode::UNPROCESSABLE_ENTITY,
                String::new(),
            )
            .await);
        }
        Err(_) => {
            return Err(refuse(
                p,
                "p-note-too-long",
                StatusCode::UNPROCESSABLE_ENTITY,
                form.string("text"),
            )
            .await);
        }
    };
    let minute_ago = OffsetDateTime::now_utc() - Duration::minutes(1);
    if state
        .store
        .count_recent_notes(live.id, me.id, minute_ago)
        .await
        .map_err(fail)?
        >= NOTES_PER_MINUTE
    {
        return Err(refuse(p, "p-note-too-fast", StatusCode::TOO_MANY_REQUESTS, body).await);
    }
    let (_, course) = course(&state, &live)
        .await
        .map_err(IntoResponse::into_response)?;
    let question = course
        .stages()
        .get(live.position.stage)
        .and_then(|s| s.prompts.get(live.position.question))
        .map(|q| q.for_participant(p.lang).to_owned())
        .unwrap_or_default();
    // In a café round the note belongs to the writer's table and answers its question.
    let seat = cafe_seat(&state, &live, &me)
        .await
        .map_err(IntoResponse::into_response)?;
    let (question, place) = match seat {
        Some(seat) => (
            seat.question(),
            Some(vuoro_store::CafePlace {
                round: seat.cafe.round(),
                table: seat.table as u32,
                summary: seat.hosts() && form.get("summary") == "yes",
            }),
        ),
        None => (question, None),
    };
    // In an open space the note belongs to the group the writer chose among the running slot's.
    let topic = match form.get("topic") {
        "" => None,
        t => match crate::openspace::group_topic(&state, &live, t)
            .await
            .map_err(IntoResponse::into_response)?
        {
            Some(topic) => Some(topic.id),
            None => {
                return Err(
                    refuse(p, "p-topic-gone", StatusCode::UNPROCESSABLE_ENTITY, body).await,
                );
            }
        },
    };
    let note = Note {
        id: NoteId::new(),
        live_session: live.id,
        author: NoteAuthor::Participant(me.id),
        shown_name: me.display_name.clone(),
        stage: live.position.stage as u32,
        question,
        text: body,
        lang: p.lang.code().to_owned(),
        hidden: false,
        starred: false,
        place,
        merged_into: None,
        topic,
        created_at: OffsetDateTime::now_utc(),
    };
    let e = state.store.add_note(&note).await.map_err(fail)?;
    publish(&state, &e).await;
    Ok(redirect(&format!("/live/{}#mine", live.id)))
}

#[derive(Deserialize)]
struct Next {
    next: Option<String>,
}

/// Remembers the participant's language and returns to their page.
async fn switch_plang(Path(code): Path<String>, Query(q): Query<Next>) -> AppResult<Response> {
    let lang = ParticipantLang::parse(&code)
        .filter(|l| *l != ParticipantLang::Other)
        .ok_or(AppError::NotFound)?;
    let to = q.next.as_deref().and_then(local_path).unwrap_or("/join");
    let mut r = redirect(to);
    let c = format!(
        "{PLANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    );
    if let Ok(v) = HeaderValue::from_str(&c) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(r)
}

// ---------------------------------------------------------------------------------------------
// Curating notes

/// A note of this live session, for the facilitator.
async fn curated(
    state: &AppState,
    c: &Ctx,
    lid: &str,
    nid: &str,
) -> AppResult<(LiveSession, Note)> {
    let (live, _) = runnable(state, c, lid).await?;
    let nid = NoteId::parse(nid).map_err(|_| AppError::NotFound)?;
    let note = state.store.note(nid).await?;
    if note.live_session != live.id {
        return Err(AppError::NotFound);
    }
    Ok((live, note))
}

async fn change_note(
    State(state): State<AppState>,
    c: Ctx,
    Path((lid, nid)): Path<(String, String)>,
    form: FormData,
) -> AppResult<Response> {
    let (live, note) = curated(&state, &c, &lid, &nid).await?;
    let change = match form.get("do") {
        "hide" => NoteChange::Hide,
        "show" => NoteChange::Show,
        "star" => NoteChange::Star,
        "unstar" => NoteChange::Unstar,
        "move" => NoteChange::MoveToTable {
            table: form
                .get("table")
                .parse()
                .map_err(|_| AppError::BadRequest("error-malformed-form"))?,
        },
        "move_topic" => NoteChange::MoveToTopic {
            topic: match form.get("topic") {
                "" => None,
                t => Some(
                    TopicId::parse(t).map_err(|_| AppError::BadRequest("error-malformed-form"))?,
                ),
            },
        },
        "merge" => NoteChange::MergeInto {
            target: NoteId::parse(form.get("target"))
                .map_err(|_| AppError::BadRequest("error-malformed-form"))?,
        },
        _ => return Err(AppError::BadRequest("error-malformed-form")),
    };
    let user = c.user()?.id;
    let e = state
        .store
        .change_note(note.id, &change, user, OffsetDateTime::now_utc())
        .await?;
    publish(&state, &e).await;
    Ok(redirect(&format!("/live/{}/run#note-{}", live.id, note.id)))
}

#[derive(Debug)]
pub struct HistoryRow {
    pub text: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "note_edit.html")]
struct EditView {
    c: Ctx,
    live_id: LiveSessionId,
    note: NoteView,
    /// Notes this one can be merged into: (id, start of the text).
    targets: Vec<(NoteId, String)>,
    /// Café tables a café note can move to: (index, letter and question).
    tables: Vec<(usize, String)>,
    /// Open-space topics the note can move to: (id, "#3 Title", whether it is the note's).
    topics: Vec<(TopicId, String, bool)>,
    draft: String,
    error: Option<String>,
    history: Vec<HistoryRow>,
}

async fn edit_view(
    state: &AppState,
    c: Ctx,
    live: &LiveSession,
    note: &Note,
    draft: String,
    error: Option<String>,
) -> AppResult<EditView> {
    let lang = c.lang;
    let mut history = Vec::new();
    for h in state.store.note_history(note.id).await? {
        let who = i18n::s(state.store.user(h.actor).await?.name);
        let when = i18n::s(crate::processes::helsinki_time(h.at));
        let text = match (&h.old_text, &h.new_text) {
            (Some(old), Some(new)) => i18n::t_args(
                lang,
                "note-history-edit",
                &[
                    ("who", who),
                    ("when", when),
                    ("old", i18n::s(old.clone())),
                    ("new", i18n::s(new.clone())),
                ],
            ),
            _ => i18n::t_args(
                lang,
                &format!("note-history-{}", h.action),
                &[("who", who), ("when", when)],
            ),
        };
        history.push(HistoryRow { text });
    }
    let targets = state
        .store
        .notes(live.id)
        .await?
        .iter()
        .filter(|n| n.id != note.id && n.merged_into.is_none())
        .map(|n| {
            let mut t: String = n.text.chars().take(80).collect();
            if n.text.chars().count() > 80 {
                t.push('…');
            }
            (n.id, t)
        })
        .collect();
    let tables = match (note.place, state.store.cafe(live.id).await?) {
        (Some(_), Some(cafe)) => cafe
            .tables
            .iter()
            .enumerate()
            .map(|(i, t)| {
                (
                    i,
                    format!("{}: {}", vuoro_core::cafe::table_letter(i), t.question),
                )
            })
            .collect(),
        _ => Vec::new(),
    };
    let topics = state
        .store
        .topics(live.id)
        .await?
        .into_iter()
        .filter(|t| !t.hidden || note.topic == Some(t.id))
        .map(|t| {
            (
                t.id,
                format!("#{} {}", t.number, t.title),
                note.topic == Some(t.id),
            )
        })
        .collect();
    Ok(EditView {
        tables,
        topics,
        targets,
        live_id: live.id,
        note: note_view(note),
        draft,
        error,
        history,
        c,
    })
}

async fn edit_page(
    State(state): State<AppState>,
    c: Ctx,
    Path((lid, nid)): Path<(String, String)>,
) -> AppResult<Response> {
    let (live, note) = curated(&state, &c, &lid, &nid).await?;
    let draft = note.text.clone();
    Ok(edit_view(&state, c, &live, &note, draft, None)
        .await?
        .into_response())
}

async fn edit_note(
    State(state): State<AppState>,
    c: Ctx,
    Path((lid, nid)): Path<(String, String)>,
    form: FormData,
) -> AppResult<Response> {
    let (live, note) = curated(&state, &c, &lid, &nid).await?;
    let back = redirect(&format!("/live/{}/run#note-{}", live.id, note.id));
    match text::bounded(form.get("text"), NOTE_MAX) {
        Ok(t) if t == note.text => Ok(back),
        Ok(t) => {
            let user = c.user()?.id;
            let change = NoteChange::Edit { text: t };
            let e = state
                .store
                .change_note(note.id, &change, user, OffsetDateTime::now_utc())
                .await?;
            publish(&state, &e).await;
            Ok(back)
        }
        Err(e) => {
            let msg = crate::fields::message(c.lang, &e);
            let view = edit_view(&state, c, &live, &note, form.string("text"), Some(msg)).await?;
            let mut r = view.into_response();
            *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(r)
        }
    }
}

/// One note as the runner's board shows it, with its buttons: the page's script asks for this
/// when a note arrives, so a note added live can be curated like one that was there at load.
#[derive(Template, WebTemplate)]
#[template(path = "note_card.html")]
struct CardView {
    c: Ctx,
    live: LiveSession,
    n: NoteView,
}

async fn note_card(
    State(state): State<AppState>,
    c: Ctx,
    Path((lid, nid)): Path<(String, String)>,
) -> AppResult<Response> {
    let (live, note) = curated(&state, &c, &lid, &nid).await?;
    let mut n = note_view(&note);
    if let Some(t) = note.topic {
        label_topics(std::slice::from_mut(&mut n), &[state.store.topic(t).await?]);
    }
    Ok(CardView { n, live, c }.into_response())
}

// ---------------------------------------------------------------------------------------------
// Feedback

async fn give_feedback(
    State(state): State<AppState>,
    c: Ctx,
    headers: HeaderMap,
    Path(lid): Path<String>,
    form: FormData,
) -> Result<Response, Response> {
    let (live, me) = me_in(&state, &headers, &lid).await?;
    let p = PCtx::new(&headers, &c);
    let (_, course) = course(&state, &live)
        .await
        .map_err(IntoResponse::into_response)?;
    let questions = &course.feedback;
    let raw: Vec<String> = (0..questions.len())
        .map(|i| form.string(&format!("q{i}")))
        .collect();
    let answers = match feedback::parse_answers(questions, &raw) {
        Ok(a) => a,
        Err(e) => {
            let key = match e {
                feedback::AnswerError::TooLong(_) => "p-fb-error-long",
                _ => "p-fb-error-scale",
            };
            let draft = PhoneDraft {
                error: Some(p.t(key)),
                ..PhoneDraft::default()
            };
            let view = participant_view(&state, p, &live, &me, draft)
                .await
                .map_err(IntoResponse::into_response)?;
            let mut r = view.into_response();
            *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Err(r);
        }
    };
    match state
        .store
        .add_feedback(live.id, me.id, &answers, OffsetDateTime::now_utc())
        .await
    {
        // A second answer from the same phone is simply the first one standing.
        Ok(()) | Err(StoreError::Duplicate(_)) => Ok(redirect(&format!("/live/{}", live.id))),
        Err(StoreError::Conflict(_)) => Err(page_error(&p, "p-fb-closed", StatusCode::CONFLICT)),
        Err(e) => Err(AppError::from(e).into_response()),
    }
}

/// One question's results, ready to show.
#[derive(Debug)]
pub struct ResultView {
    pub question: String,
    /// (value, count) for 1..=5 on a scale question.
    pub counts: Vec<(u8, u32)>,
    pub answered: u32,
    pub average: Option<String>,
    pub open: Vec<String>,
    pub scale: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "feedback_results.html")]
struct ResultsView {
    c: Ctx,
    process_id: ProcessId,
    title: String,
    session_title: String,
    responses: usize,
    available: bool,
    results: Vec<ResultView>,
}

/// Results of a session's feedback, for everyone who may see the process, once answering has
/// ended: results shown while the form is open would steer the answers still coming.
async fn feedback_results(
    State(state): State<AppState>,
    c: Ctx,
    Path(lid): Path<String>,
) -> AppResult<Response> {
    let user = c.user()?;
    let id = LiveSessionId::parse(&lid).map_err(|_| AppError::NotFound)?;
    let live = state.store.live_session(id).await?;
    let (p, course) = course(&state, &live).await?;
    if !user.process_actor(&p).can(ProcessAction::View, p.state) {
        return Err(AppError::NotFound);
    }
    let session_title = course.session_title.clone();
    let fb = state.store.feedback_state(live.id).await?;
    let available = fb == FeedbackState::Closed || !live.open;
    let responses = state.store.feedback_responses(live.id).await?;
    let plang = i18n::as_participant(c.lang);
    let questions = &course.feedback;
    let results = if available {
        feedback::summarise(questions, &responses)
            .into_iter()
            .zip(questions)
            .map(|(s, q)| match s {
                Summary::Scale {
                    counts,
                    answered,
                    average,
                } => ResultView {
                    question: question_text(q, plang),
                    counts: (1u8..=5).zip(counts).collect(),
                    answered,
                    average: average.map(|a| format!("{a:.1}")),
                    open: Vec::new(),
                    scale: true,
                },
                Summary::Open { answers } => ResultView {
                    question: question_text(q, plang),
                    counts: Vec::new(),
                    answered: answers.len() as u32,
                    average: None,
                    open: answers,
                    scale: false,
                },
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(ResultsView {
        process_id: p.id,
        title: p.title,
        session_title,
        responses: responses.len(),
        available,
        results,
        c,
    }
    .into_response())
}

// ---------------------------------------------------------------------------------------------
// The note-taker (kirjuri): one person types many notes for a circle that talks face to face.

#[derive(Template, WebTemplate)]
#[template(path = "live_scribe.html")]
struct ScribeView {
    c: Ctx,
    live: LiveSession,
    now: Now,
    /// The stage's questions, to tag a note with; the chosen one preselected.
    questions: Vec<(usize, String, bool)>,
    langs: Vec<(&'static str, &'static str, bool)>,
    recent: Vec<NoteView>,
    draft: String,
    error: Option<String>,
    saved: bool,
}

#[derive(Deserialize)]
struct ScribeQuery {
    saved: Option<String>,
    lang: Option<String>,
    q: Option<usize>,
}

/// What the note-taker page shows besides the session: the chosen language and question, and
/// what was typed if it was refused.
struct ScribeState {
    lang: ParticipantLang,
    question: Option<usize>,
    draft: String,
    error: Option<String>,
    saved: bool,
}

async fn scribe_view(
    state: &AppState,
    c: Ctx,
    live: LiveSession,
    s: ScribeState,
) -> AppResult<ScribeView> {
    let (_, course) = course(state, &live).await?;
    let ml = c.lang;
    let now = now_view(&course, live.position, live.timer, |l| l.get(ml).to_owned());
    let chosen = s.question.unwrap_or(live.position.question);
    let questions = course
        .stages()
        .get(live.position.stage)
        .map(|st| {
            st.prompts
                .iter()
                .enumerate()
                .map(|(i, q)| (i + 1, q.get(ml).to_owned(), i == chosen))
                .collect()
        })
        .unwrap_or_default();
    let langs = PARTICIPANT_LANGS
        .iter()
        .map(|l| (l.code(), i18n::autonym(*l), *l == s.lang))
        .collect();
    let mut recent: Vec<NoteView> = state
        .store
        .notes(live.id)
        .await?
        .iter()
        .filter(|n| matches!(n.author, NoteAuthor::Staff(_)))
        .map(note_view)
        .collect();
    recent.reverse();
    recent.truncate(10);
    Ok(ScribeView {
        live,
        now,
        questions,
        langs,
        recent,
        draft: s.draft,
        error: s.error,
        saved: s.saved,
        c,
    })
}

async fn scribe_page(
    State(state): State<AppState>,
    c: Ctx,
    Path(lid): Path<String>,
    Query(q): Query<ScribeQuery>,
) -> AppResult<Response> {
    let (live, _) = runnable(&state, &c, &lid).await?;
    let lang = q
        .lang
        .as_deref()
        .and_then(ParticipantLang::parse)
        .filter(|l| *l != ParticipantLang::Other)
        .unwrap_or_else(|| i18n::as_participant(c.lang));
    let s = ScribeState {
        lang,
        question: q.q.map(|n| n.saturating_sub(1)),
        draft: String::new(),
        error: None,
        saved: q.saved.is_some(),
    };
    Ok(scribe_view(&state, c, live, s).await?.into_response())
}

/// Stores a note typed by the note-taker and comes back to an empty box with the same language
/// and question, so the next note can be typed at once.
async fn scribe_note(
    State(state): State<AppState>,
    c: Ctx,
    Path(lid): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let (live, _) = runnable(&state, &c, &lid).await?;
    if !live.open {
        return Err(AppError::Conflict("error-live-closed"));
    }
    let lang = ParticipantLang::parse(form.get("lang"))
        .filter(|l| *l != ParticipantLang::Other)
        .unwrap_or_else(|| i18n::as_participant(c.lang));
    let qn: Option<usize> = form.get("q").parse().ok();
    let text = match text::bounded(form.get("text"), NOTE_MAX) {
        Ok(t) => t,
        Err(e) => {
            let s = ScribeState {
                lang,
                question: qn.map(|n| n.saturating_sub(1)),
                draft: form.string("text"),
                error: Some(crate::fields::message(c.lang, &e)),
                saved: false,
            };
            let mut r = scribe_view(&state, c, live, s).await?.into_response();
            *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(r);
        }
    };
    let (_, course) = course(&state, &live).await?;
    let index = qn.map_or(live.position.question, |n| n.saturating_sub(1));
    let question = course
        .stages()
        .get(live.position.stage)
        .and_then(|s| s.prompts.get(index))
        .map(|q| q.for_participant(lang).to_owned())
        .unwrap_or_default();
    let note = Note {
        id: NoteId::new(),
        live_session: live.id,
        author: NoteAuthor::Staff(c.user()?.id),
        shown_name: None,
        stage: live.position.stage as u32,
        question,
        text,
        lang: lang.code().to_owned(),
        hidden: false,
        starred: false,
        place: None,
        merged_into: None,
        topic: None,
        created_at: OffsetDateTime::now_utc(),
    };
    let e = state.store.add_note(&note).await?;
    publish(&state, &e).await;
    let q = qn.map(|n| format!("&q={n}")).unwrap_or_default();
    Ok(redirect(&format!(
        "/live/{}/scribe?saved=1&lang={}{q}",
        live.id,
        lang.code()
    )))
}

// ---------------------------------------------------------------------------------------------
// The turn queue: everyone gets a turn, also online.

async fn hand(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(lid): Path<String>,
    form: FormData,
) -> Result<Response, Response> {
    let (live, me) = me_in(&state, &headers, &lid).await?;
    let fail = |e: StoreError| AppError::from(e).into_response();
    if !live.open {
        return Err(AppError::Conflict("error-live-closed").into_response());
    }
    let now = OffsetDateTime::now_utc();
    let e = match form.get("do") {
        "raise" => {
            // Someone who came back from another tab may not be recorded as present yet.
            state.store.attend(live.id, me.id).await.map_err(fail)?;
            state
                .store
                .raise_hand(live.id, me.id, now)
                .await
                .map_err(fail)?
        }
        "lower" => state
            .store
            .lower_hand(live.id, me.id, now)
            .await
            .map_err(fail)?,
        _ => return Err(AppError::BadRequest("error-malformed-form").into_response()),
    };
    publish(&state, &e).await;
    Ok(redirect(&format!("/live/{}#hand", live.id)))
}

/// The facilitator gives the turn to the person with this number: their hand goes down.
async fn give_turn(
    State(state): State<AppState>,
    c: Ctx,
    Path((lid, number)): Path<(String, String)>,
) -> AppResult<Response> {
    let (live, _) = runnable(&state, &c, &lid).await?;
    let number: u32 = number.parse().map_err(|_| AppError::NotFound)?;
    let who = state
        .store
        .participant_by_number(live.id, number)
        .await?
        .ok_or(AppError::NotFound)?;
    let e = state
        .store
        .lower_hand(live.id, who, OffsetDateTime::now_utc())
        .await?;
    publish(&state, &e).await;
    Ok(redirect(&format!("/live/{}/run#hands", live.id)))
}

// ---------------------------------------------------------------------------------------------
// Learning café

/// How many table colours have names; more tables reuse them with other letters.
const TABLE_COLOURS: usize = 8;

/// A café table on the facilitator's page.
#[derive(Debug)]
pub struct CafeTableView {
    pub index: usize,
    pub letter: char,
    pub question: String,
    pub host: Option<u32>,
    /// Who sits there this round, by shown name or number.
    pub seated: Vec<String>,
}

impl CafeTableView {
    /// Whether the person with this number hosts the table.
    pub fn is_host(&self, number: impl Count) -> bool {
        self.host.map(i64::from) == Some(number.count())
    }
}

#[derive(Debug)]
pub struct CafeRunView {
    pub round: u32,
    pub rounds: u32,
    pub finished: bool,
    pub tables: Vec<CafeTableView>,
    /// (number, label) of everyone present, to choose hosts from.
    pub people: Vec<(u32, String)>,
    pub repeats: usize,
    pub pairs: usize,
    pub random: Option<String>,
}

fn label(c: &Ctx, a: &vuoro_store::Attendee) -> String {
    a.shown_name
        .clone()
        .unwrap_or_else(|| c.tn("live-participant-n", "n", i64::from(a.number)))
}

async fn cafe_run_view(
    state: &AppState,
    c: &Ctx,
    live: &LiveSession,
) -> AppResult<Option<CafeRunView>> {
    let Some(cafe) = state.store.cafe(live.id).await? else {
        return Ok(None);
    };
    let attendees = state.store.attendees(live.id).await?;
    let name_of = |n: u32| {
        attendees.iter().find(|a| a.number == n).map_or_else(
            || c.tn("live-participant-n", "n", i64::from(n)),
            |a| label(c, a),
        )
    };
    let current = cafe.seating.last();
    let tables = cafe
        .tables
        .iter()
        .enumerate()
        .map(|(i, t)| CafeTableView {
            index: i,
            letter: vuoro_core::cafe::table_letter(i),
            question: t.question.clone(),
            host: t.host,
            seated: current
                .and_then(|r| r.tables.get(i))
                .map(|tb| tb.members().map(name_of).collect())
                .unwrap_or_default(),
        })
        .collect();
    let report = cafe.report();
    Ok(Some(CafeRunView {
        round: cafe.round(),
        rounds: cafe.rounds,
        finished: cafe.finished(),
        tables,
        people: attendees.iter().map(|a| (a.number, label(c, a))).collect(),
        repeats: report.repeats,
        pairs: report.distinct_pairs,
        random: cafe.random_repeats().map(|r| format!("{r:.1}")),
    }))
}

/// The facilitator sets up the café, names hosts, and starts each round.
async fn cafe_control(
    State(state): State<AppState>,
    c: Ctx,
    Path(lid): Path<String>,
    headers: HeaderMap,
    form: FormData,
) -> AppResult<Response> {
    let (live, _) = runnable(&state, &c, &lid).await?;
    let back = redirect(&format!("/live/{}/run#cafe", live.id));
    let now = OffsetDateTime::now_utc();
    let cafe = match form.get("do") {
        "setup" => {
            match vuoro_core::cafe::Cafe::from_form(form.get("rounds"), form.get("questions")) {
                Ok(cafe) => cafe,
                Err(e) => {
                    let error =
                        e.0.iter()
                            .map(|(field, fe)| {
                                format!(
                                    "{}: {}",
                                    c.t(&format!("cafe-{field}")),
                                    crate::fields::message(c.lang, fe)
                                )
                            })
                            .collect::<Vec<_>>()
                            .join(" ");
                    let draft = RunDraft {
                        cafe: CafeDraft {
                            rounds: form.string("rounds"),
                            questions: form.string("questions"),
                            error: Some(error),
                        },
                        ..RunDraft::default()
                    };
                    let p = state.store.process(live.process).await?;
                    let view = run_view(&state, c, &headers, live, p, draft).await?;
                    let mut r = view.into_response();
                    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
                    return Ok(r);
                }
            }
        }
        "hosts" => {
            let mut cafe = state
                .store
                .cafe(live.id)
                .await?
                .ok_or(AppError::Conflict("error-no-cafe"))?;
            let present: Vec<u32> = state
                .store
                .attendees(live.id)
                .await?
                .iter()
                .map(|a| a.number)
                .collect();
            let mut chosen: Vec<u32> = Vec::new();
            for (i, t) in cafe.tables.iter_mut().enumerate() {
                let host = form
                    .get(&format!("host_{i}"))
                    .parse::<u32>()
                    .ok()
                    .filter(|n| present.contains(n));
                // One person hosts one table; a second choice of the same person is ignored.
                t.host = host.filter(|h| !chosen.contains(h));
                chosen.extend(t.host);
            }
            cafe
        }
        "next" => {
            let mut cafe = state
                .store
                .cafe(live.id)
                .await?
                .ok_or(AppError::Conflict("error-no-cafe"))?;
            if cafe.finished() {
                return Err(AppError::Conflict("error-cafe-finished"));
            }
            let present: Vec<u32> = state
                .store
                .attendees(live.id)
                .await?
                .iter()
                .map(|a| a.number)
                .collect();
            let seed = u64::from_le_bytes(
                live.id.as_uuid().as_bytes()[8..16]
                    .try_into()
                    .unwrap_or([0; 8]),
            ) ^ u64::from(cafe.round());
            cafe.next_round(&present, seed)
                .map_err(|_| AppError::Conflict("error-cafe-too-few"))?;
            cafe
        }
        _ => return Err(AppError::BadRequest("error-malformed-form")),
    };
    let e = state.store.save_cafe(live.id, &cafe, now).await?;
    publish(&state, &e).await;
    Ok(back)
}

/// The café as one phone sees it.
#[derive(Debug)]
pub struct PhoneCafe {
    pub round: u32,
    pub rounds: u32,
    pub letter: char,
    /// Colour class and name key of the table, for children to recognise it.
    pub colour: usize,
    pub question: String,
    pub host: bool,
    /// What the last group at this table left for the next.
    pub previous: Option<String>,
    /// The table's notes this round, for its host.
    pub table_notes: Vec<NoteView>,
}

/// Where a participant sits in the current café round.
#[derive(Debug)]
struct Seat {
    cafe: vuoro_core::cafe::Cafe,
    number: u32,
    table: usize,
}

impl Seat {
    fn question(&self) -> String {
        self.cafe
            .tables
            .get(self.table)
            .map(|t| t.question.clone())
            .unwrap_or_default()
    }

    fn hosts(&self) -> bool {
        self.cafe.hosted_by(self.number) == Some(self.table)
    }
}

/// The participant's seat in the running café round, if a round runs and they have a table.
async fn cafe_seat(
    state: &AppState,
    live: &LiveSession,
    me: &Participant,
) -> AppResult<Option<Seat>> {
    let Some(cafe) = state.store.cafe(live.id).await? else {
        return Ok(None);
    };
    if cafe.round() == 0 {
        return Ok(None);
    }
    let attendees = state.store.attendees(live.id).await?;
    let Some(number) = attendees
        .iter()
        .find(|a| a.participant == me.id)
        .map(|a| a.number)
    else {
        return Ok(None);
    };
    Ok(cafe.table_of(number).map(|table| Seat {
        cafe,
        number,
        table,
    }))
}

/// The café as the phone of someone at `seat` shows it, from the session's notes.
fn phone_cafe(seat: &Seat, notes: &[Note]) -> PhoneCafe {
    let round = seat.cafe.round();
    let table = seat.table;
    let at_table = |r: u32| {
        notes.iter().filter(move |n| {
            n.place
                .is_some_and(|p| p.round == r && p.table as usize == table)
        })
    };
    let previous = if round > 1 {
        at_table(round - 1)
            .rfind(|n| n.place.is_some_and(|p| p.summary) && !n.hidden)
            .map(|n| n.text.clone())
    } else {
        None
    };
    let host = seat.hosts();
    let table_notes = if host {
        at_table(round)
            .filter(|n| !n.hidden)
            .map(note_view)
            .collect()
    } else {
        Vec::new()
    };
    PhoneCafe {
        round,
        rounds: seat.cafe.rounds,
        letter: vuoro_core::cafe::table_letter(table),
        colour: table % TABLE_COLOURS,
        question: seat.question(),
        host,
        previous,
        table_notes,
    }
}

// ---------------------------------------------------------------------------------------------
// The previous session's feedback, shown to participants at the start of the next

/// The averages of the process's previous live session, if it has feedback: (question, average
/// out of 5, answers).
async fn previous_feedback(
    state: &AppState,
    live: &LiveSession,
    course: &Course,
    lang: ParticipantLang,
) -> AppResult<Option<Vec<(String, String, u32)>>> {
    let earlier = state
        .store
        .live_sessions(live.process)
        .await?
        .into_iter()
        .find(|l| l.id != live.id && l.opened_at <= live.opened_at);
    let Some(prev) = earlier else {
        return Ok(None);
    };
    let responses = state.store.feedback_responses(prev.id).await?;
    if responses.is_empty() {
        return Ok(None);
    }
    let questions = &course.feedback;
    let rows = feedback::summarise(questions, &responses)
        .into_iter()
        .zip(questions)
        .filter_map(|(s, q)| match s {
            Summary::Scale {
                answered,
                average: Some(a),
                ..
            } => Some((question_text(q, lang), format!("{a:.1}"), answered)),
            _ => None,
        })
        .collect::<Vec<_>>();
    Ok((!rows.is_empty()).then_some(rows))
}
