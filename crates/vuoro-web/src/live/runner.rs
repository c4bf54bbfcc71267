//! The facilitator's side: opening a session, the runner, its controls and the projector.

use super::*;
use crate::util::unprocessable;
use vuoro_core::UserId;

pub(super) fn router() -> Routes {
    Routes::new()
        .route("/processes/{id}/sessions/{sid}/open", post(open))
        .route("/live/{lid}/run", get(run_page))
        .route("/live/{lid}/setup", get(setup_page))
        .route("/live/{lid}/control", post(control))
        .route("/live/{lid}/projector", get(projector))
        .route("/live/{lid}/remove", get(remove_page).post(remove))
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
    let live = open_live(&state, &p, user.id, sid).await?;
    Ok(redirect(&format!("/live/{live}/run")))
}

/// Opens a live session of the plan's session `sid`, or finds its open run: the process page's
/// "open" button and the themes page's way on to phase 2 alike. The caller checks the right.
pub(crate) async fn open_live(
    state: &AppState,
    p: &Process,
    user: UserId,
    sid: u32,
) -> AppResult<LiveSessionId> {
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
        return Ok(existing.id);
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
            opened_by: user,
            opened_at: OffsetDateTime::now_utc(),
            closed_at: None,
        };
        match state.store.open_live_session(&live).await {
            Ok(()) => return Ok(live.id),
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
    /// Phones seen in the last minutes or following the session now.
    active: usize,
    joining_locked: bool,
    last_seq: i64,
    feedback: FeedbackState,
    responses: usize,
    hands: Vec<HandView>,
    meeting: Option<String>,
    cafe: Option<CafeRunView>,
    open_space: Option<OsPanel>,
    /// Whether an earlier session's feedback exists, and whether the phones show it.
    previous: Option<bool>,
    /// The runner's one primary action, which follows the state of the session (see
    /// [`primary_action`]).
    primary: &'static str,
}

/// The action the facilitator most likely takes next, marked as the runner's primary one: a
/// café's next round or its end, an open space's next slot or its end, starting the timer,
/// the next stage or question, opening the feedback form, and at last ending the session.
fn primary_action(
    now: &Now,
    at_end: bool,
    cafe: Option<&CafeRunView>,
    os: Option<&OsPanel>,
    feedback: FeedbackState,
) -> &'static str {
    if let Some(k) = cafe.filter(|k| !k.ended && k.round > 0) {
        return if k.finished { "cafe_end" } else { "cafe_next" };
    }
    if let Some(os) = os.filter(|os| !os.ended) {
        let last = os.slots.len().saturating_sub(1) as u32;
        match os.running_slot {
            Some(s) if s < last => return "os_run",
            Some(_) => return "os_finish",
            None if !os.marketplace && os.placed > 0 => return "os_run",
            None => {}
        }
    }
    if !now.running && now.remaining_ms > 0 {
        return "start";
    }
    if !at_end {
        return "next";
    }
    if feedback == FeedbackState::None {
        return "feedback_open";
    }
    "close"
}

/// A raised hand as the facilitator sees it: a number, or the name the person chose to show.
#[derive(Debug)]
pub struct HandView {
    pub number: u32,
    pub label: String,
}

async fn run_page(
    State(state): State<AppState>,
    c: Ctx,
    Path(lid): Path<String>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let (live, p) = runnable(&state, &c, &lid).await?;
    Ok(run_view(&state, c, &headers, live, p)
        .await?
        .into_response())
}

/// The set-up view of a live session: the learning café's questions, rounds and hosts, and
/// the open space's slots, spaces and topics. Kept apart from the runner, which is laid out
/// for running (stage, question, timer, notes, turn queue).
#[derive(Template, WebTemplate)]
#[template(path = "live_setup.html")]
pub(crate) struct SetupView {
    c: Ctx,
    live: LiveSession,
    process_title: String,
    cafe: Option<CafeRunView>,
    /// The café has ended, so the open space comes next.
    cafe_ended: bool,
    open_space: Option<OsPanel>,
    draft: RunDraft,
    last_seq: i64,
}

async fn setup_page(
    State(state): State<AppState>,
    c: Ctx,
    Path(lid): Path<String>,
) -> AppResult<Response> {
    let (live, p) = runnable(&state, &c, &lid).await?;
    Ok(setup_view(&state, c, live, p, RunDraft::default())
        .await?
        .into_response())
}

pub(crate) async fn setup_view(
    state: &AppState,
    c: Ctx,
    live: LiveSession,
    p: Process,
    draft: RunDraft,
) -> AppResult<SetupView> {
    let topics = state.store.topics(live.id).await?;
    let cafe = cafe_run_view(state, &c, &live).await?;
    Ok(SetupView {
        process_title: p.title,
        cafe_ended: cafe.as_ref().is_some_and(|k| k.ended),
        cafe,
        open_space: os_panel(state, &live, &topics).await?,
        draft,
        last_seq: last_seq(state, live.id).await?,
        live,
        c,
    })
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
) -> AppResult<RunView> {
    let state = state.clone();
    let (_, course) = course(&state, &live).await?;
    let lang = c.lang;
    let now = now_view(&course, live.position, live.timer, |l| {
        l.get(lang).to_owned()
    });
    let all_notes = state.store.notes(live.id).await?;
    let topics = state.store.topics(live.id).await?;
    let questions = course.questions();
    let at_end = live.position.stage + 1 >= questions.len()
        && live.position.question + 1 >= questions.last().copied().unwrap_or(0).max(1);
    let cafe = cafe_run_view(&state, &c, &live).await?;
    let open_space = os_panel(&state, &live, &topics).await?;
    let feedback = state.store.feedback_state(live.id).await?;
    let primary = if live.open {
        primary_action(&now, at_end, cafe.as_ref(), open_space.as_ref(), feedback)
    } else {
        "back"
    };
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
        active: state.hub.active(live.id),
        joining_locked: state.store.joining_locked(live.id).await?,
        feedback,
        primary,
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
        cafe,
        open_space,
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
    crate::util::site_url(headers, &format!("/join/{code}"))
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
            state
                .store
                .close_live_session(live.id, OffsetDateTime::now_utc())
                .await?;
            return Ok(back);
        }
        "feedback_open" | "feedback_close" => {
            let to = if form.get("do") == "feedback_open" {
                FeedbackState::Open
            } else {
                FeedbackState::Closed
            };
            state
                .store
                .set_feedback_state(live.id, to, OffsetDateTime::now_utc())
                .await
                .map_err(|e| match e {
                    // Closing is final: a closed form is never opened again.
                    StoreError::Conflict(_) => AppError::Conflict("error-feedback-final"),
                    other => other.into(),
                })?;
            return Ok(back);
        }
        // New phones are turned away; those already in go on. No event: phones need not know.
        "lock_joining" | "open_joining" => {
            state
                .store
                .set_joining_locked(live.id, form.get("do") == "lock_joining")
                .await?;
            return Ok(back);
        }
        "share_previous" | "unshare_previous" => {
            let share = form.get("do") == "share_previous";
            state
                .store
                .share_previous_feedback(live.id, share, OffsetDateTime::now_utc())
                .await?;
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
    state
        .store
        .move_live_session(live.id, pos, timer, OffsetDateTime::now_utc())
        .await?;
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
    /// The café while it runs: its round and tables, so people find their table on the wall.
    cafe: Option<CafeRunView>,
    open_space: Option<OsPanel>,
    last_seq: i64,
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
        cafe: cafe_run_view(&state, &c, &live)
            .await?
            .filter(|k| k.round > 0 && !k.ended),
        open_space: os_panel(&state, &live, &topics).await?,
        code: live.join_code.spaced(),
        qr_svg: crate::util::qr_svg(&join_url),
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
// Removing a phone

#[derive(Template, WebTemplate)]
#[template(path = "live_remove.html")]
struct RemoveView {
    c: Ctx,
    live_id: LiveSessionId,
    /// The phone's number in the session, as typed.
    number: String,
    /// The note whose writer is to be removed, shown so the facilitator knows which phone.
    note: Option<NoteView>,
    error: Option<String>,
}

#[derive(Deserialize)]
struct Which {
    number: Option<String>,
    note: Option<String>,
}

/// The phone a removal names: by its number in the session, or as the writer of a note of it.
/// `None` when there is no such phone; the participant's id never reaches a page.
async fn phone_named(
    state: &AppState,
    live: &LiveSession,
    number: &str,
    note: Option<&Note>,
) -> AppResult<Option<ParticipantId>> {
    if let Some(n) = note {
        return Ok(match n.author {
            NoteAuthor::Participant(p) => Some(p),
            NoteAuthor::Staff(_) => None,
        });
    }
    match number.trim().parse::<u32>() {
        Ok(n) if n >= 1 => Ok(state.store.participant_by_number(live.id, n).await?),
        _ => Ok(None),
    }
}

/// A note of this session, by the id in a form or a link.
async fn note_of(
    state: &AppState,
    live: &LiveSession,
    id: Option<&str>,
) -> AppResult<Option<Note>> {
    let Some(id) = id.filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let id = NoteId::parse(id).map_err(|_| AppError::NotFound)?;
    let n = state.store.note(id).await?;
    if n.live_session != live.id {
        return Err(AppError::NotFound);
    }
    Ok(Some(n))
}

/// Asks before removing a phone: removing is not undone.
async fn remove_page(
    State(state): State<AppState>,
    c: Ctx,
    Path(lid): Path<String>,
    Query(q): Query<Which>,
) -> AppResult<Response> {
    let (live, _) = runnable(&state, &c, &lid).await?;
    let note = note_of(&state, &live, q.note.as_deref()).await?;
    Ok(RemoveView {
        c,
        live_id: live.id,
        number: q.number.unwrap_or_default().chars().take(10).collect(),
        note: note.as_ref().map(note_view),
        error: None,
    }
    .into_response())
}

/// Removes a phone from the session: its token stops opening it, its streams end, its hand
/// comes down; its notes stay.
async fn remove(
    State(state): State<AppState>,
    c: Ctx,
    Path(lid): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let (live, _) = runnable(&state, &c, &lid).await?;
    if !live.open {
        return Err(AppError::Conflict("error-live-closed"));
    }
    let note = note_of(&state, &live, Some(form.get("note"))).await?;
    let Some(who) = phone_named(&state, &live, form.get("number"), note.as_ref()).await? else {
        let error = Some(c.t("live-remove-unknown"));
        return Ok(unprocessable(RemoveView {
            c,
            live_id: live.id,
            number: form.string("number").chars().take(10).collect(),
            note: note.as_ref().map(note_view),
            error,
        }));
    };
    match state
        .store
        .remove_attendee(live.id, who, OffsetDateTime::now_utc())
        .await
    {
        Ok(_) => {}
        Err(StoreError::NotFound) => {
            let error = Some(c.t("live-remove-unknown"));
            return Ok(unprocessable(RemoveView {
                c,
                live_id: live.id,
                number: form.string("number").chars().take(10).collect(),
                note: note.as_ref().map(note_view),
                error,
            }));
        }
        Err(e) => return Err(e.into()),
    };
    state
        .hub
        .close_streams(live.id, &crate::hub::Holder::Participant(who));
    state.hub.forget(live.id, who);
    Ok(redirect(&format!("/live/{}/run", live.id)))
}
