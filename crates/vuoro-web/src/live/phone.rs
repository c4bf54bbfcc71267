//! Participants: joining by code without an account, the phone view in five languages, notes
//! from phones, and the phone's own error pages.

use super::*;
use crate::client::ClientAddr;
use crate::util::{cookie_builder, set_cookie, unprocessable};
use vuoro_store::Presence;

pub(super) fn router() -> Routes {
    Routes::new()
        .route("/join", get(join_form))
        .route("/join/{code}", get(join_page).post(join))
        .route("/live/{lid}", get(participant_page))
        .route("/live/{lid}/notes", post(add_note))
        .route("/live/{lid}/notes/{nid}/own", post(revise_note))
        .route("/plang/{code}", get(switch_plang))
}

/// The name of the cookie that holds a participant's token for one process.
pub(crate) fn participant_cookie(process: ProcessId) -> String {
    format!("vuoro_p_{}", process.as_uuid().simple())
}

pub(crate) async fn participant_of(
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
    addr: ClientAddr,
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
    if let Some(wait) = state.hub.joins.guessing(addr.0) {
        return Ok(too_many(&p, "p-join-too-many", wait));
    }
    match JoinCode::parse(&typed) {
        Some(code) if state.store.live_session_by_code(&code).await?.is_some() => {
            Ok(redirect(&format!("/join/{code}")))
        }
        _ => {
            state.hub.joins.wrong_code(addr.0);
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

/// The page a phone gets when it must wait: 429 with `Retry-After`, in its own language.
fn too_many(p: &PCtx, key: &str, seconds: u64) -> Response {
    let message = i18n::tp_args(
        p.lang,
        key,
        &[(
            "seconds",
            i18n::n(i64::try_from(seconds).unwrap_or(i64::MAX)),
        )],
    );
    let mut r = MessageView {
        p: p.clone(),
        message,
    }
    .into_response();
    *r.status_mut() = StatusCode::TOO_MANY_REQUESTS;
    r.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    r
}

/// The open live session of a code, or the friendly "no such session" page. A wrong code
/// counts against the client's address; past its limit every code is refused for a while
/// (429), right ones too, so that codes cannot be guessed by trying many.
async fn by_code(
    state: &AppState,
    p: &PCtx,
    addr: ClientAddr,
    code: &str,
) -> Result<LiveSession, Response> {
    if let Some(wait) = state.hub.joins.guessing(addr.0) {
        return Err(too_many(p, "p-join-too-many", wait));
    }
    let found = match JoinCode::parse(code) {
        Some(c) => state
            .store
            .live_session_by_code(&c)
            .await
            .map_err(|e| AppError::from(e).into_response())?,
        None => None,
    };
    found.ok_or_else(|| {
        state.hub.joins.wrong_code(addr.0);
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

/// Whether one more phone may join the session: joining is not locked, a seat is free, and
/// the client's address is within its limits ([`super::limits`]).
async fn admit(
    state: &AppState,
    p: &PCtx,
    live: &LiveSession,
    addr: ClientAddr,
) -> Result<(), Response> {
    let fail = |e: StoreError| AppError::from(e).into_response();
    if state.store.joining_locked(live.id).await.map_err(fail)? {
        return Err(page_error(p, "p-join-locked", StatusCode::FORBIDDEN));
    }
    if state
        .store
        .count_participants(live.id)
        .await
        .map_err(fail)?
        >= MAX_PARTICIPANTS
    {
        return Err(page_error(
            p,
            "p-error-full",
            StatusCode::SERVICE_UNAVAILABLE,
        ));
    }
    match state.hub.joins.join(live.id, addr.0) {
        Ok(()) => Ok(()),
        Err(Refusal::TooFast(wait)) => Err(too_many(p, "p-join-busy", wait)),
        Err(Refusal::AddressFull) => Err(page_error(
            p,
            "p-join-network-full",
            StatusCode::SERVICE_UNAVAILABLE,
        )),
    }
}

async fn join_page(
    State(state): State<AppState>,
    c: Ctx,
    headers: HeaderMap,
    addr: ClientAddr,
    Path(code): Path<String>,
) -> Result<Response, Response> {
    let p = PCtx::new(&headers, &c);
    let live = by_code(&state, &p, addr, &code).await?;
    let fail = |e: StoreError| AppError::from(e).into_response();
    let known = participant_of(&state, &headers, live.process)
        .await
        .map_err(IntoResponse::into_response)?;
    if let Some(me) = known {
        match state.store.presence(live.id, me.id).await.map_err(fail)? {
            Presence::Present => {}
            Presence::Removed => {
                return Err(page_error(&p, "p-removed", StatusCode::FORBIDDEN));
            }
            // Known from another session of the process: joining this one takes a seat.
            Presence::Absent => {
                admit(&state, &p, &live, addr).await?;
                state
                    .store
                    .attend(live.id, me.id, OffsetDateTime::now_utc())
                    .await
                    .map_err(fail)?;
            }
        }
        state.hub.saw(live.id, me.id);
        return Ok(redirect(&format!("/live/{}", live.id)));
    }
    if state.store.joining_locked(live.id).await.map_err(fail)? {
        return Err(page_error(&p, "p-join-locked", StatusCode::FORBIDDEN));
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
    addr: ClientAddr,
    Path(code): Path<String>,
    form: FormData,
) -> Result<Response, Response> {
    let mut p = PCtx::new(&headers, &c);
    if let Some(l) =
        ParticipantLang::parse(form.get("lang")).filter(|l| *l != ParticipantLang::Other)
    {
        p.lang = l;
    }
    let live = by_code(&state, &p, addr, &code).await?;
    let fail = |e: StoreError| AppError::from(e).into_response();
    let show_name = form.get("show_name") == "yes";
    let name = if show_name {
        match text::name(form.get("name"), NAME_MAX) {
            Ok(n) => Some(n),
            Err(e) => {
                let key = if e == text::FieldError::Required {
                    "p-join-name-missing"
                } else {
                    "p-join-name-long"
                };
                let title = state.store.process(live.process).await.map_err(fail)?.title;
                let error = Some(p.t(key));
                return Err(unprocessable(JoinView {
                    p,
                    code: live.join_code.to_string(),
                    title,
                    name: form.string("name"),
                    show_name,
                    error,
                }));
            }
        }
    } else {
        None
    };
    admit(&state, &p, &live, addr).await?;
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
    state
        .store
        .attend(live.id, me.id, me.created_at)
        .await
        .map_err(fail)?;
    state.hub.saw(live.id, me.id);
    let mut r = redirect(&format!("/live/{}", live.id));
    // A year: participants come back to the same process in later sessions.
    let year = time::Duration::days(365);
    set_cookie(
        &mut r,
        &state.config,
        cookie_builder(participant_cookie(live.process), token)
            .http_only(true)
            .max_age(year),
    );
    set_cookie(
        &mut r,
        &state.config,
        cookie_builder(PLANG_COOKIE, p.lang.code().to_owned()).max_age(year),
    );
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
        || ["/join/", "/live/", "/plang/", "/shared/"]
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

pub(crate) fn page_error(p: &PCtx, key: &str, status: StatusCode) -> Response {
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
    mine: Vec<OwnNote>,
    draft: PhoneDraft,
    last_seq: i64,
    /// The feedback form, while it is open and this participant has not answered.
    feedback: Option<Vec<FeedbackItem>>,
    feedback_done: bool,
    /// Place in the turn queue, from 1, if the hand is up.
    hand: Option<usize>,
    meeting: Option<String>,
    cafe: Option<PhoneCafe>,
    /// The café of this session has ended: the phone says so once seats are gone.
    cafe_ended: bool,
    /// This phone's number in the session (the order it joined), so the facilitator can say
    /// "participant 7 hosts table B" and the person knows it is them.
    number: Option<u32>,
    open_space: Option<PhoneOs>,
    practices: Option<PhonePractices>,
    /// Where to read the process's summary, once it is sent to the participants.
    summary_link: Option<String>,
    /// The previous session's averages, when the facilitator shares them.
    previous: Option<Vec<(String, String, u32)>>,
}

/// One of the participant's own notes on their phone.
#[derive(Debug)]
pub struct OwnNote {
    pub view: NoteView,
    /// The facilitator has curated it (see `Store::note_curated`), so the writer can no longer
    /// correct or withdraw it.
    pub curated: bool,
}

impl OwnNote {
    /// The correction refused for this note, if any: what was typed and why.
    pub fn refused<'a>(&self, draft: &'a PhoneDraft) -> Option<(&'a str, &'a str)> {
        draft
            .revision
            .as_ref()
            .filter(|(id, _, _)| *id == self.view.id)
            .map(|(_, text, why)| (text.as_str(), why.as_str()))
    }
}

/// What a participant typed, kept when it is refused, with the reason.
#[derive(Debug, Default)]
pub struct PhoneDraft {
    pub note: String,
    pub error: Option<String>,
    /// A topic proposed for an open space's marketplace.
    pub topic: String,
    pub topic_error: Option<String>,
    /// A practice recorded in phase 2.
    pub practice: PracticeDraft,
    /// A correction of one of the participant's own notes that was refused: the note, the
    /// text typed, and why.
    pub revision: Option<(NoteId, String, String)>,
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
    let own: Vec<&Note> = notes
        .iter()
        .rev()
        .filter(|n| n.author == NoteAuthor::Participant(me.id))
        .collect();
    // Whether each can still be corrected, for all of them in one query: every phone reloads
    // this page at each move of the session.
    let curated = state
        .store
        .curated_notes(&own.iter().map(|n| n.id).collect::<Vec<_>>())
        .await?;
    let mine: Vec<OwnNote> = own
        .into_iter()
        .map(|n| OwnNote {
            curated: curated.contains(&n.id),
            view: note_view(n),
        })
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
    let cafe_ended = state.store.cafe(live.id).await?.is_some_and(|k| k.ended);
    let number = state
        .store
        .attendees(live.id)
        .await?
        .iter()
        .find(|a| a.participant == me.id)
        .map(|a| a.number);
    let previous = if state.store.shares_previous_feedback(live.id).await? {
        previous_feedback(state, live, &course, p.lang).await?
    } else {
        None
    };
    Ok(ParticipantView {
        previous,
        cafe,
        cafe_ended,
        number,
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
        practices: phone_practices(state, live, &draft.practice).await?,
        summary_link: state
            .store
            .summary(live.process)
            .await?
            .filter(|v| v.state.readable_by_participants())
            .map(|_| format!("/summary/{}", live.process)),
        draft,
        last_seq: last_seq(state, live.id).await?,
        p,
    })
}

/// The participant of this live session, or the join page. Only a phone that joined this very
/// session (not another of the same process) and was not removed from it gets through; every
/// phone route (notes, hands, topics, picks, practices, feedback, the stream) asks here.
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
        Some(me) => match state
            .store
            .presence(live.id, me.id)
            .await
            .map_err(|e| AppError::from(e).into_response())?
        {
            Presence::Present => {
                state.hub.saw(live.id, me.id);
                Ok((live, me))
            }
            Presence::Removed => {
                let p = PCtx {
                    lang: plang_of(headers),
                    csrf: String::new(),
                    path: String::new(),
                };
                Err(page_error(&p, "p-removed", StatusCode::FORBIDDEN))
            }
            Presence::Absent if live.open => Err(redirect(&format!("/join/{}", live.join_code))),
            Presence::Absent => Err(AppError::NotFound.into_response()),
        },
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
        t => match openspace::group_topic(&state, &live, t)
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
    state.store.add_note(&note).await.map_err(fail)?;
    Ok(redirect(&format!("/live/{}#mine", live.id)))
}

/// A participant corrects (`do=correct` with the new `text`) or withdraws (`do=withdraw`) a
/// note of their own, until the facilitator curates it. Boards and the projector hear of it as a
/// changed note and show the note as it is now, or no longer.
async fn revise_note(
    State(state): State<AppState>,
    c: Ctx,
    headers: HeaderMap,
    Path((lid, nid)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, Response> {
    let (live, me) = me_in(&state, &headers, &lid).await?;
    let p = PCtx::new(&headers, &c);
    let id = NoteId::parse(&nid).map_err(|_| AppError::NotFound.into_response())?;
    let refuse = |p: PCtx, key: &str, status: StatusCode, typed: String| {
        let state = state.clone();
        let live = live.clone();
        let me = me.clone();
        let why = p.t(key);
        async move {
            let draft = PhoneDraft {
                revision: Some((id, typed, why)),
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
    let text = match form.get("do") {
        "correct" => match text::bounded(form.get("text"), NOTE_MAX) {
            Ok(t) => Some(t),
            Err(text::FieldError::Required) => {
                let typed = form.string("text");
                return Err(
                    refuse(p, "p-note-empty", StatusCode::UNPROCESSABLE_ENTITY, typed).await,
                );
            }
            Err(_) => {
                let typed = form.string("text");
                return Err(refuse(
                    p,
                    "p-note-too-long",
                    StatusCode::UNPROCESSABLE_ENTITY,
                    typed,
                )
                .await);
            }
        },
        "withdraw" => None,
        _ => return Err(AppError::BadRequest("error-malformed-form").into_response()),
    };
    match state
        .store
        .revise_own_note(id, me.id, text.as_deref(), OffsetDateTime::now_utc())
        .await
    {
        Ok(_) => {}
        Err(StoreError::Conflict(_)) => {
            let typed = form.string("text");
            let key = if live.open {
                "p-note-curated"
            } else {
                "p-error-closed"
            };
            return Err(refuse(p, key, StatusCode::CONFLICT, typed).await);
        }
        Err(e) => return Err(AppError::from(e).into_response()),
    }
    Ok(redirect(&format!("/live/{}#mine", live.id)))
}

#[derive(Deserialize)]
struct Next {
    next: Option<String>,
}

/// Remembers the participant's language and returns to their page.
async fn switch_plang(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<Next>,
) -> AppResult<Response> {
    let lang = ParticipantLang::parse(&code)
        .filter(|l| *l != ParticipantLang::Other)
        .ok_or(AppError::NotFound)?;
    let to = q.next.as_deref().and_then(local_path).unwrap_or("/join");
    let mut r = redirect(to);
    set_cookie(
        &mut r,
        &state.config,
        cookie_builder(PLANG_COOKIE, lang.code().to_owned()).max_age(time::Duration::days(365)),
    );
    Ok(r)
}
