//! Feedback at the end of every session: a short anonymous form. Its questions come from the
//! plan; by default three statements on a 1–5 scale ("I was heard", "the conversation felt
//! safe", "the topic mattered to me") and one open question. Answers carry no identity.
//!
//! Anonymity rests on three rules, all decided here: the form goes only forwards
//! ([`FeedbackState::may_become`]: once closed it never reopens, so results cannot be watched
//! grow answer by answer), results show only from [`MIN_RESPONSES`] answers ([`results`]), and
//! open answers are listed by their content, never by their arrival.

use serde::{Deserialize, Serialize};

/// Where a live session's feedback form stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackState {
    /// Not asked yet.
    #[default]
    None,
    /// Phones show the form.
    Open,
    /// Answering has ended; the facilitator sees the results.
    Closed,
}

impl FeedbackState {
    pub fn code(self) -> &'static str {
        match self {
            FeedbackState::None => "none",
            FeedbackState::Open => "open",
            FeedbackState::Closed => "closed",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [
            FeedbackState::None,
            FeedbackState::Open,
            FeedbackState::Closed,
        ]
        .into_iter()
        .find(|f| f.code() == s)
    }

    /// Whether the form may move from `self` to `to`: not asked → open → closed, and nothing
    /// else. Closing is final: a form reopened after its results were read would let whoever
    /// reads them again see what the next answer was.
    pub fn may_become(self, to: FeedbackState) -> bool {
        matches!(
            (self, to),
            (FeedbackState::None, FeedbackState::Open)
                | (FeedbackState::Open, FeedbackState::Closed)
        )
    }
}

/// The fewest answers whose results are shown. Below it an average, a distribution or an open
/// answer would point too closely at the few people in the room who answered.
pub const MIN_RESPONSES: usize = 5;

/// The scale's ends: 1 = not at all, 5 = fully.
pub const SCALE: std::ops::RangeInclusive<u8> = 1..=5;
/// The longest open answer.
pub const OPEN_MAX: usize = 1_000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Question {
    /// A statement rated on [`SCALE`].
    Scale { text: QuestionText },
    /// A free answer.
    Open { text: QuestionText },
}

/// A question's wording: one of ours, translated into every participant language, or the
/// plan's own words, shown as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "source", content = "value")]
pub enum QuestionText {
    /// A message id of the participant views' translations.
    Standard(String),
    Custom(String),
}

impl Question {
    pub fn text(&self) -> &QuestionText {
        match self {
            Question::Scale { text } | Question::Open { text } => text,
        }
    }
    pub fn is_scale(&self) -> bool {
        matches!(self, Question::Scale { .. })
    }
}

/// The questions used when the plan names none.
pub fn default_questions() -> Vec<Question> {
    let std = |k: &str| QuestionText::Standard(k.to_owned());
    vec![
        Question::Scale {
            text: std("p-fb-heard"),
        },
        Question::Scale {
            text: std("p-fb-safe"),
        },
        Question::Scale {
            text: std("p-fb-mattered"),
        },
        Question::Open {
            text: std("p-fb-open"),
        },
    ]
}

/// One answer; a participant may skip any question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Answer {
    Scale(u8),
    Open(String),
    Skipped,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("answer {0} is not on the scale")]
    OffScale(usize),
    #[error("answer {0} is too long")]
    TooLong(usize),
    #[error("the answers do not match the questions")]
    Mismatch,
}

/// Reads the form's raw values (one per question, in order) into answers. Empty means skipped.
pub fn parse_answers(questions: &[Question], raw: &[String]) -> Result<Vec<Answer>, AnswerError> {
    if raw.len() != questions.len() {
        return Err(AnswerError::Mismatch);
    }
    questions
        .iter()
        .zip(raw)
        .enumerate()
        .map(|(i, (q, r))| {
            let r = r.trim();
            if r.is_empty() {
                return Ok(Answer::Skipped);
            }
            match q {
                Question::Scale { .. } => r
                    .parse::<u8>()
                    .ok()
                    .filter(|v| SCALE.contains(v))
                    .map(Answer::Scale)
                    .ok_or(AnswerError::OffScale(i)),
                Question::Open { .. } => {
                    if r.chars().count() > OPEN_MAX {
                        Err(AnswerError::TooLong(i))
                    } else {
                        Ok(Answer::Open(r.replace("\r\n", "\n")))
                    }
                }
            }
        })
        .collect()
}

/// What the answers to one question add up to.
#[derive(Clone, Debug, PartialEq)]
pub enum Summary {
    Scale {
        /// How many chose 1, 2, 3, 4 and 5.
        counts: [u32; 5],
        answered: u32,
        average: Option<f64>,
    },
    Open {
        answers: Vec<String>,
    },
}

/// Sums up every response (each a list of answers in question order).
pub fn summarise(questions: &[Question], responses: &[Vec<Answer>]) -> Vec<Summary> {
    questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let answers = responses.iter().filter_map(|r| r.get(i));
            if q.is_scale() {
                let mut counts = [0u32; 5];
                for a in answers {
                    if let Answer::Scale(v) = a
                        && SCALE.contains(v)
                    {
                        counts[usize::from(*v - 1)] += 1;
                    }
                }
                let answered: u32 = counts.iter().sum();
                let total: u32 = counts.iter().zip(1u32..).map(|(c, v)| c * v).sum();
                let average = (answered > 0).then(|| f64::from(total) / f64::from(answered));
                Summary::Scale {
                    counts,
                    answered,
                    average,
                }
            } else {
                let mut texts: Vec<String> = answers
                    .filter_map(|a| match a {
                        Answer::Open(t) => Some(t.clone()),
                        _ => None,
                    })
                    .collect();
                // Alphabetical, not arrival order: the order people answered in could tell who
                // wrote what to someone who watched the room.
                texts.sort();
                Summary::Open { answers: texts }
            }
        })
        .collect()
}

/// What may be shown of a finished form's responses: their summaries when at least
/// [`MIN_RESPONSES`] people answered, otherwise nothing (`None`) but their number.
pub fn results(questions: &[Question], responses: &[Vec<Answer>]) -> Option<Vec<Summary>> {
    (responses.len() >= MIN_RESPONSES).then(|| summarise(questions, responses))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn answers_are_checked_and_skippable() {
        let q = default_questions();
        assert_eq!(
            parse_answers(&q, &raw(&["5", "", "3", " Kiitos "])),
            Ok(vec![
                Answer::Scale(5),
                Answer::Skipped,
                Answer::Scale(3),
                Answer::Open("Kiitos".into())
            ])
        );
        assert_eq!(
            parse_answers(&q, &raw(&["6", "", "", ""])),
            Err(AnswerError::OffScale(0))
        );
        assert_eq!(
            parse_answers(&q, &raw(&["0", "", "", ""])),
            Err(AnswerError::OffScale(0))
        );
        assert_eq!(
            parse_answers(&q, &raw(&["x", "", "", ""])),
            Err(AnswerError::OffScale(0))
        );
        assert_eq!(
            parse_answers(&q, &raw(&["1", "2"])),
            Err(AnswerError::Mismatch)
        );
        let long = "a".repeat(OPEN_MAX + 1);
        assert_eq!(
            parse_answers(&q, &raw(&["", "", "", &long])),
            Err(AnswerError::TooLong(3))
        );
    }

    #[test]
    fn summaries_count_average_and_sort_open_answers() {
        let q = default_questions();
        let responses = vec![
            vec![
                Answer::Scale(5),
                Answer::Scale(4),
                Answer::Skipped,
                Answer::Open("Turvallinen".into()),
            ],
            vec![
                Answer::Scale(3),
                Answer::Scale(4),
                Answer::Skipped,
                Answer::Open("Aikaa oli vähän".into()),
            ],
            vec![
                Answer::Scale(4),
                Answer::Skipped,
                Answer::Skipped,
                Answer::Skipped,
            ],
        ];
        let s = summarise(&q, &responses);
        assert_eq!(
            s[0],
            Summary::Scale {
                counts: [0, 0, 1, 1, 1],
                answered: 3,
                average: Some(4.0)
            }
        );
        assert_eq!(
            s[1],
            Summary::Scale {
                counts: [0, 0, 0, 2, 0],
                answered: 2,
                average: Some(4.0)
            }
        );
        assert_eq!(
            s[2],
            Summary::Scale {
                counts: [0; 5],
                answered: 0,
                average: None
            }
        );
        assert_eq!(
            s[3],
            Summary::Open {
                answers: vec!["Aikaa oli vähän".into(), "Turvallinen".into()]
            }
        );
    }

    #[test]
    fn the_form_only_goes_forwards() {
        use FeedbackState as F;
        let all = [F::None, F::Open, F::Closed];
        let allowed: Vec<(F, F)> = all
            .iter()
            .flat_map(|a| all.iter().map(move |b| (*a, *b)))
            .filter(|(a, b)| a.may_become(*b))
            .collect();
        assert_eq!(allowed, [(F::None, F::Open), (F::Open, F::Closed)]);
        assert!(!F::Closed.may_become(F::Open), "closing is final");
    }

    #[test]
    fn results_show_from_five_responses() {
        let q = default_questions();
        let one = vec![
            Answer::Scale(2),
            Answer::Skipped,
            Answer::Skipped,
            Answer::Open("Vain minä".into()),
        ];
        for n in 0..MIN_RESPONSES {
            assert_eq!(results(&q, &vec![one.clone(); n]), None, "{n} responses");
        }
        let shown = results(&q, &vec![one; MIN_RESPONSES]).expect("five are shown");
        assert_eq!(
            shown[0],
            Summary::Scale {
                counts: [0, 5, 0, 0, 0],
                answered: 5,
                average: Some(2.0)
            }
        );
    }
}
