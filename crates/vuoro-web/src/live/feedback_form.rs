//! Feedback at the end of a session, its results, and the previous session's averages shown
//! at the start of the next.

use super::*;
use crate::util::unprocessable;

pub(super) fn router() -> Routes {
    Routes::new().route(
        "/live/{lid}/feedback",
        get(feedback_results).post(give_feedback),
    )
}

async fn give_feedback(
    State(state): State<AppState>,
    c: Ctx,
    headers: HeaderMap,
    Path(lid): Path<String>,
    form: FormData,
) -> Result<Response, Response> {
    let (live, me) = me_in(&state, &headers, &lid).await?;
    let p = PCtx::new(&headers, &c);
    // Once the session is closed its results may be read, so nothing may change them; the
    // store refuses too, this only answers before the form is even read.
    if !live.open {
        return Err(page_error(&p, "p-fb-closed", StatusCode::CONFLICT));
    }
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
            return Err(unprocessable(view));
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

/// One value of a scale question: how many chose it, and its share of those who answered in
/// whole per cent (the bar's length and the figure beside it).
#[derive(Debug)]
pub struct Bar {
    pub value: u8,
    pub count: u32,
    pub percent: u32,
}

impl Bar {
    fn new(value: u8, count: u32, answered: u32) -> Self {
        let percent = if answered == 0 {
            0
        } else {
            (f64::from(count) * 100.0 / f64::from(answered)).round() as u32
        };
        Bar {
            value,
            count,
            percent,
        }
    }
}

/// One question's results, ready to show.
#[derive(Debug)]
pub struct ResultView {
    pub question: String,
    /// One bar per value 1..=5 of a scale question.
    pub counts: Vec<Bar>,
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
    /// Answering has ended but fewer than `feedback::MIN_RESPONSES` answered.
    too_few: bool,
    results: Vec<ResultView>,
}

/// Whether a session's feedback is final: its form closed (for good) or the session itself
/// closed, after which no answer is taken. Only final feedback is ever summed up anywhere.
pub(crate) async fn feedback_final(state: &AppState, live: &LiveSession) -> AppResult<bool> {
    // A closed session's form needs no read.
    if !live.open {
        return Ok(true);
    }
    Ok(answering_ended(
        true,
        state.store.feedback_state(live.id).await?,
    ))
}

/// [`feedback_final`] for a session whose form's state is already read: whether answering has
/// ended.
pub(crate) fn answering_ended(open: bool, state: FeedbackState) -> bool {
    !open || state == FeedbackState::Closed
}

/// Results of a session's feedback, for everyone who may see the process, once answering has
/// ended (results shown while the form is open would steer the answers still coming, and let
/// a reader match each new answer to who just put their phone down), and only when at least
/// `feedback::MIN_RESPONSES` answered.
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
    let available = feedback_final(&state, &live).await?;
    let responses = state.store.feedback_responses(live.id).await?;
    let plang = i18n::as_participant(c.lang);
    let questions = &course.feedback;
    let shown = if available {
        feedback::results(questions, &responses)
    } else {
        None
    };
    let too_few = available && shown.is_none();
    let results = if let Some(summaries) = shown {
        summaries
            .into_iter()
            .zip(questions)
            .map(|(s, q)| match s {
                Summary::Scale {
                    counts,
                    answered,
                    average,
                } => ResultView {
                    question: question_text(q, plang),
                    counts: (1u8..=5)
                        .zip(counts)
                        .map(|(v, n)| Bar::new(v, n, answered))
                        .collect(),
                    answered,
                    average: average.map(|a| i18n::decimal1(c.lang, a)),
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
        too_few,
        results,
        c,
    }
    .into_response())
}

/// The averages of the process's previous live session, if its feedback is final and at least
/// `feedback::MIN_RESPONSES` answered: (question, average out of 5, answers).
pub(crate) async fn previous_feedback(
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
    if !feedback_final(state, &prev).await? {
        return Ok(None);
    }
    let responses = state.store.feedback_responses(prev.id).await?;
    let questions = &course.feedback;
    let Some(summaries) = feedback::results(questions, &responses) else {
        return Ok(None);
    };
    let rows = summaries
        .into_iter()
        .zip(questions)
        .filter_map(|(s, q)| match s {
            Summary::Scale {
                answered,
                average: Some(a),
                ..
            } => Some((question_text(q, lang), i18n::decimal1_p(lang, a), answered)),
            _ => None,
        })
        .collect::<Vec<_>>();
    Ok((!rows.is_empty()).then_some(rows))
}
