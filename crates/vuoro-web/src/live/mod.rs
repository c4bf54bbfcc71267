//! Live sessions: the facilitator's runner and projector, joining by code without an account,
//! the participant's phone view, notes, and the server-sent event stream that keeps every screen
//! current. Every page works without JavaScript (forms, then a reload); `live.js` adds the live
//! updates.
//!
//! One submodule per feature, each with its own `router()`: `runner` (opening, the runner, its
//! controls, the projector), `events` (the stream), `phone` (joining, the phone view, notes
//! from phones, phone error pages), `curation`, `feedback_form`, `scribe`, `hands`, `cafe` and
//! `openspace`. This file holds what they share: the course of a session and what it shows now,
//! notes as boards show them, publishing events, and who may run a session.

use crate::AppState;
use crate::ctx::{Count, Ctx};
use crate::error::{AppError, AppResult};
use crate::form::FormData;
use crate::hub::{Audience, Push};
use crate::i18n::{self, PARTICIPANT_LANGS};
use crate::routes::Routes;
use crate::util::{cookie, hash_token, local_path, random_token, redirect};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures_util::stream::{self, StreamExt};
use serde::Deserialize;
use std::convert::Infallible;
use time::{Duration, OffsetDateTime};
use vuoro_core::feedback::{self, FeedbackState, Question, QuestionText, Summary};
use vuoro_core::lang::ParticipantLang;
use vuoro_core::live::{self as core_live, Control, JoinCode, Position, Timer};
use vuoro_core::method::Method;
use vuoro_core::permission::ProcessAction;
use vuoro_core::text;
use vuoro_core::{LiveSessionId, NoteId, ParticipantId, ProcessId, TopicId};
use vuoro_store::{
    LiveEventKind, LiveReplay, LiveSession, Note, NoteAuthor, NoteChange, Participant, Process,
    StoreError,
};

mod cafe;
mod curation;
mod events;
mod feedback_form;
mod hands;
mod limits;
mod openspace;
mod own;
mod phone;
mod practices;
mod runner;
mod scribe;

pub(crate) use cafe::*;
pub(crate) use feedback_form::*;
pub(crate) use limits::{JoinLimiter, Refusal};
pub(crate) use openspace::{
    OsDraft, OsPanel, PhoneOs, label_topics, os_panel, phone_os, topics_from_themes,
};
pub(crate) use phone::*;
pub(crate) use practices::{PhonePractices, PracticeDraft, phone_practices};
pub(crate) use runner::open_live;
pub(crate) use runner::*;

pub fn router() -> Routes {
    Routes::new()
        .merge(runner::router())
        .merge(events::router())
        .merge(phone::router())
        .merge(own::router())
        .merge(curation::router())
        .merge(feedback_form::router())
        .merge(scribe::router())
        .merge(hands::router())
        .merge(cafe::router())
        .merge(openspace::router())
        .merge(practices::router())
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
    /// Written from a phone, so the runner offers to remove that phone (never sent out).
    #[serde(skip)]
    pub by_phone: bool,
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
        by_phone: matches!(n.author, NoteAuthor::Participant(_)),
    }
}

/// Fills in how many duplicates were merged into each note.
fn count_duplicates(views: &mut [NoteView], notes: &[Note]) {
    for v in views.iter_mut() {
        v.duplicates = notes.iter().filter(|n| n.merged_into == Some(v.id)).count();
    }
}

/// What an event is sent as: built from the event and, for a note, the note as it is now
/// ([`LiveReplay`]), with no I/O, for the live stream and for a replay alike. Who receives it
/// is [`crate::hub::Viewer::sees`]'s to decide.
pub(crate) fn push_of(r: &LiveReplay) -> AppResult<Push> {
    let e = &r.event;
    let push = |event, data: String, audience| Push {
        seq: e.seq,
        event,
        data,
        audience,
    };
    Ok(match &e.kind {
        LiveEventKind::NoteAdded { note } => match &r.note {
            Some(n) => {
                let mut view = note_view(n);
                view.topic = r
                    .topic
                    .as_ref()
                    .map(|(number, title)| format!("#{number} {title}"));
                let data =
                    serde_json::to_string(&view).map_err(|e| AppError::Internal(e.to_string()))?;
                push(
                    "note",
                    data,
                    Audience::Note {
                        topic: n.topic,
                        visible: !n.hidden && n.merged_into.is_none(),
                    },
                )
            }
            // The writer withdrew the note since: staff screens that showed it drop it (they
            // reload on a change), and nobody else hears of it.
            None => push(
                "changed",
                serde_json::json!({ "id": note }).to_string(),
                Audience::NoteChanged { topic: None },
            ),
        },
        LiveEventKind::NoteChanged { note } => push(
            "changed",
            serde_json::json!({ "id": note }).to_string(),
            Audience::NoteChanged {
                topic: r.note.as_ref().and_then(|n| n.topic),
            },
        ),
        LiveEventKind::HandsChanged => push("hands", "{}".into(), Audience::Staff),
        LiveEventKind::TopicsChanged => push("topics", "{}".into(), Audience::Everyone),
        // Only counts moved: pages refresh their part later and less often than for a new or
        // placed topic, so that a room of phones picking at once does not make every phone ask
        // the server again after every pick.
        LiveEventKind::TopicsPicked => {
            push("topics", "{\"picks\":true}".into(), Audience::Everyone)
        }
        LiveEventKind::Moved => push("moved", "{}".into(), Audience::Everyone),
        LiveEventKind::Closed => push("closed", "{}".into(), Audience::Everyone),
    })
}

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

/// The last event of a live session, so a page opened now asks for what comes after it.
pub(crate) async fn last_seq(state: &AppState, lid: LiveSessionId) -> AppResult<i64> {
    Ok(state.store.last_live_seq(lid).await?)
}
