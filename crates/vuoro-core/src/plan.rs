//! The agreed plan (neuvottelu): the one page that orderer, facilitator and the participants'
//! representatives agree on. It is stored whole in versions; each edit makes a new version.

use crate::feedback::{Question, QuestionText, default_questions};
use crate::lang::{Lang, Localized};
use crate::method::{Format, Method};
use crate::text::{self, FieldError, FieldErrors, limits};
use serde::{Deserialize, Serialize};
use time::macros::format_description;
use time::{Date, Time};

/// Who may read the summary once it is published.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SummaryVisibility {
    /// The participants and the people running the process.
    #[default]
    Participants,
    /// Everyone in the organisation.
    Organisation,
    /// Published openly.
    Public,
}

impl SummaryVisibility {
    pub const ALL: [SummaryVisibility; 3] = [
        SummaryVisibility::Participants,
        SummaryVisibility::Organisation,
        SummaryVisibility::Public,
    ];
    pub fn code(self) -> &'static str {
        match self {
            SummaryVisibility::Participants => "participants",
            SummaryVisibility::Organisation => "organisation",
            SummaryVisibility::Public => "public",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == s)
    }
}

/// One meeting of the process.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSession {
    /// Stable within the process, so a calendar entry keeps its identity when the session moves.
    pub id: u32,
    pub title: String,
    /// Which phase of the method the session belongs to, from 1.
    pub phase: u32,
    pub date: Date,
    pub start: Time,
    pub end: Time,
    pub format: Format,
    pub place: Option<String>,
    pub online_link: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Plan {
    /// The process's own copy of its method, adapted by the facilitator.
    pub method: Option<Method>,
    pub sessions: Vec<PlanSession>,
    /// Who is invited to take part.
    pub invited: String,
    /// The participants' representatives who took part in the agreement.
    pub representatives: String,
    /// How notes are taken (note-taker, participants' own notes, none).
    pub note_taking: String,
    /// What happens with the summary.
    pub summary_use: String,
    pub summary_visibility: SummaryVisibility,
    /// The end-of-session feedback questions; empty means the defaults.
    #[serde(default)]
    pub feedback: Vec<Question>,
}

/// Limits that keep one plan readable on one page.
pub const MAX_SESSIONS: usize = 50;
pub const MAX_PROMPTS_PER_STAGE: usize = 20;

impl Plan {
    /// The feedback questions the sessions ask.
    pub fn feedback_questions(&self) -> Vec<Question> {
        if self.feedback.is_empty() {
            default_questions()
        } else {
            self.feedback.clone()
        }
    }

    pub fn phase_count(&self) -> usize {
        self.method.as_ref().map_or(0, |m| m.phases.len())
    }

    pub fn session(&self, id: u32) -> Option<&PlanSession> {
        self.sessions.iter().find(|s| s.id == id)
    }

    fn next_session_id(&self) -> u32 {
        self.sessions.iter().map(|s| s.id).max().unwrap_or(0) + 1
    }

    /// Adds a session and keeps the list in time order.
    pub fn add_session(&mut self, s: SessionInput) -> Result<(), FieldErrors> {
        if self.sessions.len() >= MAX_SESSIONS {
            let mut e = FieldErrors::new();
            e.add(
                "title",
                FieldError::OutOfRange {
                    min: 0,
                    max: MAX_SESSIONS as i64,
                },
            );
            return Err(e);
        }
        let phases = self.phase_count().max(1);
        let session = s.validate(self.next_session_id(), phases)?;
        self.sessions.push(session);
        self.sessions.sort_by_key(|s| (s.date, s.start, s.id));
        Ok(())
    }

    pub fn remove_session(&mut self, id: u32) -> bool {
        let before = self.sessions.len();
        self.sessions.retain(|s| s.id != id);
        before != self.sessions.len()
    }

    /// Sessions whose phase's stages take longer than the session itself (a Good Practices
    /// phase 2 of 165 minutes in a 150-minute session), in the plan's order. A session of a
    /// phase the method does not have, or a plan without a method, has nothing to compare.
    pub fn overruns(&self) -> Vec<Overrun> {
        let Some(m) = &self.method else {
            return Vec::new();
        };
        self.sessions
            .iter()
            .filter_map(|s| {
                let phase = m.phases.get(s.phase.checked_sub(1)? as usize)?;
                let stages_min = phase.duration_min();
                let session_min = s.duration_min();
                (stages_min > session_min).then_some(Overrun {
                    session: s.id,
                    session_min,
                    stages_min,
                })
            })
            .collect()
    }
}

impl PlanSession {
    /// Minutes from start to end (a saved session always ends after it starts).
    pub fn duration_min(&self) -> u32 {
        let secs = (self.end - self.start).whole_seconds().max(0);
        u32::try_from(secs / 60).unwrap_or(u32::MAX)
    }
}

/// A session too short for its phase's stages: see [`Plan::overruns`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overrun {
    /// The plan session (`PlanSession::id`).
    pub session: u32,
    pub session_min: u32,
    /// The stages of the session's phase together.
    pub stages_min: u32,
}

/// The plan's text fields as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanFieldsInput {
    pub invited: String,
    pub representatives: String,
    pub note_taking: String,
    pub summary_use: String,
    pub summary_visibility: String,
    /// Feedback statements on the 1–5 scale, one per line; with `feedback_open` empty too, the
    /// defaults apply.
    pub feedback_scale: String,
    pub feedback_open: String,
}

/// Feedback statements a plan may have.
pub const MAX_FEEDBACK_STATEMENTS: usize = 10;

impl PlanFieldsInput {
    pub fn from_plan(p: &Plan) -> Self {
        let custom = |want_scale: bool| {
            p.feedback
                .iter()
                .filter(|q| q.is_scale() == want_scale)
                .filter_map(|q| match q.text() {
                    QuestionText::Custom(t) => Some(t.clone()),
                    QuestionText::Standard(_) => None,
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        Self {
            invited: p.invited.clone(),
            representatives: p.representatives.clone(),
            note_taking: p.note_taking.clone(),
            summary_use: p.summary_use.clone(),
            summary_visibility: p.summary_visibility.code().to_owned(),
            feedback_scale: custom(true),
            feedback_open: custom(false),
        }
    }

    /// Applies the fields to a copy of `plan`. Empty text fields are allowed: a plan is filled
    /// in over several meetings.
    pub fn apply(&self, plan: &Plan) -> Result<Plan, FieldErrors> {
        let mut e = FieldErrors::new();
        let mut p = plan.clone();
        let opt = |s: &str| text::optional(s, limits::LONG).map(Option::unwrap_or_default);
        if let Some(v) = e.take("invited", opt(&self.invited)) {
            p.invited = v;
        }
        if let Some(v) = e.take("representatives", opt(&self.representatives)) {
            p.representatives = v;
        }
        if let Some(v) = e.take("note_taking", opt(&self.note_taking)) {
            p.note_taking = v;
        }
        if let Some(v) = e.take("summary_use", opt(&self.summary_use)) {
            p.summary_use = v;
        }
        let statements: Vec<&str> = self
            .feedback_scale
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let open = e.take(
            "feedback_open",
            text::optional(&self.feedback_open, limits::SHORT),
        );
        if statements.len() > MAX_FEEDBACK_STATEMENTS {
            e.add(
                "feedback_scale",
                FieldError::OutOfRange {
                    min: 0,
                    max: MAX_FEEDBACK_STATEMENTS as i64,
                },
            );
        } else if let Some(bad) = statements
            .iter()
            .find_map(|l| text::bounded(l, limits::SHORT).err())
        {
            e.add("feedback_scale", bad);
        } else if let Some(open) = open {
            p.feedback = if statements.is_empty() && open.is_none() {
                Vec::new()
            } else {
                statements
                    .iter()
                    .map(|s| Question::Scale {
                        text: QuestionText::Custom((*s).to_owned()),
                    })
                    .chain(open.map(|o| Question::Open {
                        text: QuestionText::Custom(o),
                    }))
                    .collect()
            };
        }
        if let Some(v) = e.take(
            "summary_visibility",
            SummaryVisibility::parse(&self.summary_visibility).ok_or(FieldError::Invalid),
        ) {
            p.summary_visibility = v;
        }
        if e.is_empty() { Ok(p) } else { Err(e) }
    }
}

/// A session as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInput {
    pub title: String,
    pub phase: String,
    pub date: String,
    pub start: String,
    pub end: String,
    pub format: String,
    pub place: String,
    pub online_link: String,
}

pub fn parse_date(s: &str) -> Result<Date, FieldError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldError::Required);
    }
    Date::parse(t, format_description!("[year]-[month]-[day]")).map_err(|_| FieldError::Invalid)
}

pub fn parse_time(s: &str) -> Result<Time, FieldError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldError::Required);
    }
    // Browsers send "HH:MM", some "HH:MM:SS"; both are accepted.
    Time::parse(t, format_description!("[hour]:[minute]"))
        .or_else(|_| Time::parse(t, format_description!("[hour]:[minute]:[second]")))
        .map_err(|_| FieldError::Invalid)
}

impl SessionInput {
    /// Whether nothing was typed into the form (the phase and the format come preselected).
    pub fn is_blank(&self) -> bool {
        [
            &self.title,
            &self.date,
            &self.start,
            &self.end,
            &self.place,
            &self.online_link,
        ]
        .iter()
        .all(|v| v.trim().is_empty())
    }

    fn validate(&self, id: u32, phases: usize) -> Result<PlanSession, FieldErrors> {
        let mut e = FieldErrors::new();
        let title = e.take("title", text::bounded(&self.title, limits::NAME));
        let phase = e.take("phase", text::number(&self.phase, 1, phases as i64));
        let date = e.take("date", parse_date(&self.date));
        let start = e.take("start", parse_time(&self.start));
        let end = e.take("end", parse_time(&self.end));
        if let (Some(s), Some(en)) = (start, end)
            && en <= s
        {
            e.add("end", FieldError::Invalid);
        }
        let format = e.take(
            "format",
            Format::parse(&self.format).ok_or(FieldError::Required),
        );
        let place = e.take("place", text::optional(&self.place, limits::SHORT));
        let link = e.take("online_link", text::url(&self.online_link));
        // A face-to-face meeting needs a place and an online one a link; hybrid needs both.
        if let Some(f) = format {
            if matches!(f, Format::FaceToFace | Format::Hybrid) && matches!(place, Some(None)) {
                e.add("place", FieldError::Required);
            }
            if matches!(f, Format::Online | Format::Hybrid) && matches!(link, Some(None)) {
                e.add("online_link", FieldError::Required);
            }
        }
        match (title, phase, date, start, end, format, place, link) {
            (
                Some(title),
                Some(phase),
                Some(date),
                Some(start),
                Some(end),
                Some(format),
                Some(place),
                Some(online_link),
            ) if e.is_empty() => Ok(PlanSession {
                id,
                title,
                phase: u32::try_from(phase).unwrap_or(1),
                date,
                start,
                end,
                format,
                place,
                online_link,
            }),
            _ => Err(e),
        }
    }
}

/// A facilitator's changes to one stage of the process's method: its length and its questions,
/// one per line, in the language the group speaks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StageInput {
    pub duration_min: String,
    pub prompts: String,
}

/// Rewrites the durations and questions of `method` from the form, stage by stage in order.
/// Questions the facilitator left word for word as shown keep their translations; rewritten
/// ones are stored in every language as written, since that is the group's language.
pub fn adapt_method(
    method: &Method,
    stages: &[StageInput],
    lang: Lang,
) -> Result<Method, Vec<(usize, FieldErrors)>> {
    let mut m = method.clone();
    let mut errors = Vec::new();
    let all = m.phases.iter_mut().flat_map(|p| p.stages.iter_mut());
    for (i, (stage, input)) in all.zip(stages).enumerate() {
        let mut e = FieldErrors::new();
        if let Some(d) = e.take(
            "duration_min",
            text::number(
                &input.duration_min,
                1,
                i64::from(crate::method::MAX_STAGE_MIN),
            ),
        ) {
            stage.duration_min = u32::try_from(d).unwrap_or(1);
        }
        let lines: Vec<&str> = input
            .prompts
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if lines.len() > MAX_PROMPTS_PER_STAGE {
            e.add(
                "prompts",
                FieldError::OutOfRange {
                    min: 0,
                    max: MAX_PROMPTS_PER_STAGE as i64,
                },
            );
        } else if let Some(bad) = lines
            .iter()
            .find_map(|l| text::bounded(l, limits::SHORT).err())
        {
            e.add("prompts", bad);
        } else {
            let old = std::mem::take(&mut stage.prompts);
            stage.prompts = lines
                .iter()
                .map(|l| {
                    old.iter()
                        .find(|o| o.get(lang) == *l)
                        .cloned()
                        .unwrap_or_else(|| Localized::same(l))
                })
                .collect();
        }
        if !e.is_empty() {
            errors.push((i, e));
        }
    }
    if errors.is_empty() {
        Ok(m)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::method::MethodLibrary;

    fn session(title: &str, date: &str, format: &str) -> SessionInput {
        SessionInput {
            title: title.into(),
            phase: "1".into(),
            date: date.into(),
            start: "09:00".into(),
            end: "11:30".into(),
            format: format.into(),
            place: "Kaupungintalo, sali 2".into(),
            online_link: String::new(),
        }
    }

    #[test]
    fn sessions_are_kept_in_time_order_with_stable_ids() {
        let mut p = Plan::default();
        p.add_session(session("Toinen", "2027-02-10", "face_to_face"))
            .expect("ok");
        p.add_session(session("Ensimmäinen", "2027-02-03", "face_to_face"))
            .expect("ok");
        let titles: Vec<_> = p
            .sessions
            .iter()
            .map(|s| (s.id, s.title.as_str()))
            .collect();
        assert_eq!(titles, vec![(2, "Ensimmäinen"), (1, "Toinen")]);
        assert!(p.remove_session(1));
        assert!(!p.remove_session(1));
        p.add_session(session("Kolmas", "2027-03-01", "face_to_face"))
            .expect("ok");
        assert_eq!(p.sessions.last().map(|s| s.id), Some(3));
    }

    /// Good Practices Dialogues' phase 2 takes 165 minutes: a 150-minute session is too short
    /// for it, a three-hour one is not, and phase 1 (105 minutes) fits in 150.
    #[test]
    fn stages_longer_than_their_session_are_found() {
        let lib = MethodLibrary::builtin().expect("library");
        let gpd = lib.get("hyvien-kaytantojen-dialogit").expect("gpd");
        assert_eq!(gpd.phases[1].duration_min(), 165);
        let mut p = Plan {
            method: Some(gpd.adapt()),
            ..Plan::default()
        };
        for (title, phase, end) in [
            ("Eka", "1", "15:30"),
            ("Toka", "2", "15:30"),
            ("Kolmas", "2", "17:00"),
        ] {
            p.add_session(SessionInput {
                phase: phase.into(),
                start: "13:00".into(),
                end: end.into(),
                ..session(title, "2027-02-10", "face_to_face")
            })
            .expect("ok");
        }
        let toka = p
            .sessions
            .iter()
            .find(|s| s.title == "Toka")
            .expect("toka")
            .id;
        assert_eq!(
            p.overruns(),
            vec![Overrun {
                session: toka,
                session_min: 150,
                stages_min: 165
            }]
        );
        assert!(
            Plan::default().overruns().is_empty(),
            "no method, nothing to compare"
        );
    }

    #[test]
    fn a_session_form_with_only_its_preselected_choices_is_blank() {
        let preselected = SessionInput {
            phase: "2".into(),
            format: "online".into(),
            ..SessionInput::default()
        };
        assert!(preselected.is_blank());
        assert!(
            !SessionInput {
                place: "Sali".into(),
                ..preselected
            }
            .is_blank()
        );
    }

    #[test]
    fn sessions_are_validated() {
        let mut p = Plan::default();
        let bad = SessionInput {
            end: "08:00".into(),
            date: "2027-02-30".into(),
            ..session("x", "", "online")
        };
        let e = p.add_session(bad).expect_err("invalid");
        assert_eq!(e.get("end"), Some(&FieldError::Invalid));
        assert_eq!(e.get("date"), Some(&FieldError::Invalid));
        assert_eq!(e.get("online_link"), Some(&FieldError::Required));
        let phase3 = SessionInput {
            phase: "3".into(),
            ..session("x", "2027-01-01", "face_to_face")
        };
        assert!(p.add_session(phase3).is_err(), "no method means one phase");
    }

    #[test]
    fn adapting_keeps_untouched_translations() {
        let lib = MethodLibrary::builtin().expect("loads");
        let m = lib
            .get("hyvien-kaytantojen-dialogit")
            .expect("exists")
            .adapt();
        let mut inputs: Vec<StageInput> = m
            .phases
            .iter()
            .flat_map(|p| &p.stages)
            .map(|s| StageInput {
                duration_min: s.duration_min.to_string(),
                prompts: s
                    .prompts
                    .iter()
                    .map(|p| p.fi.clone())
                    .collect::<Vec<_>>()
                    .join("\n"),
            })
            .collect();
        let first_with_prompts = m.phases[0]
            .stages
            .iter()
            .position(|s| !s.prompts.is_empty())
            .expect("phase 1 asks questions");
        let kept = m.phases[0].stages[first_with_prompts].prompts[0].clone();
        inputs[first_with_prompts]
            .prompts
            .push_str("\nMitä opimme viime syksystä?");
        inputs[0].duration_min = "17".into();
        let adapted = adapt_method(&m, &inputs, Lang::Fi).expect("valid");
        assert_eq!(adapted.phases[0].stages[0].duration_min, 17);
        let prompts = &adapted.phases[0].stages[first_with_prompts].prompts;
        assert_eq!(prompts[0], kept, "translations survive");
        assert_eq!(
            prompts.last().map(|p| p.sv.as_str()),
            Some("Mitä opimme viime syksystä?")
        );

        inputs[0].duration_min = "0".into();
        let errs = adapt_method(&m, &inputs, Lang::Fi).expect_err("0 minutes");
        assert_eq!(errs[0].0, 0);
    }

    #[test]
    fn plan_fields_refuse_bad_visibility() {
        let input = PlanFieldsInput {
            summary_visibility: "everyone".into(),
            ..Default::default()
        };
        assert!(input.apply(&Plan::default()).is_err());
        let ok = PlanFieldsInput {
            summary_visibility: "public".into(),
            invited: "Koko tiimi".into(),
            ..Default::default()
        };
        let p = ok.apply(&Plan::default()).expect("valid");
        assert_eq!(p.summary_visibility, SummaryVisibility::Public);
        assert_eq!(p.invited, "Koko tiimi");
        assert_eq!(
            p.feedback_questions(),
            default_questions(),
            "no feedback fields: defaults"
        );
    }

    #[test]
    fn the_plan_sets_its_own_feedback_questions() {
        let input = PlanFieldsInput {
            summary_visibility: "participants".into(),
            feedback_scale: "Sain puheenvuoron\n\n  Opin jotain uutta ".into(),
            feedback_open: "Mitä toivot ensi kerraksi?".into(),
            ..Default::default()
        };
        let p = input.apply(&Plan::default()).expect("valid");
        let q = p.feedback_questions();
        assert_eq!(q.len(), 3);
        assert!(q[0].is_scale() && q[1].is_scale() && !q[2].is_scale());
        assert_eq!(
            q[1].text(),
            &QuestionText::Custom("Opin jotain uutta".into())
        );
        assert_eq!(
            PlanFieldsInput::from_plan(&p).feedback_scale,
            "Sain puheenvuoron\nOpin jotain uutta"
        );
        let too_many = PlanFieldsInput {
            feedback_scale: "x\n".repeat(11),
            ..input
        };
        assert!(too_many.apply(&Plan::default()).is_err());
    }
}
