//! The dialogue catalogue: where and how an organisation uses dialogue, comparable across
//! organisations. An [`Activity`] is one line of that catalogue: a kind of dialogue activity
//! (context, topics, method, unit, target group, languages, format, period, how many) that is
//! done or planned. Processes run in vuoro are read into the same shape when the catalogue is
//! shown, never stored as activities, so that each of them counts once without anyone recording
//! it by hand.
//!
//! Contexts, topics and methods come from one controlled [`Vocabulary`]
//! (`catalogue/vocabulary.toml`) with Finnish, Swedish and English names; free tags sit beside
//! it. Counts are kept as people write them ("10–15 a year", "about 10"): see [`Count`].

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::lang::{Lang, ParticipantLang};
use crate::method::Format;
use crate::order::{Order, ParticipantKind};
use crate::process::ProcessState;
use crate::text::{self, FieldError, FieldErrors, limits};

// ---------------------------------------------------------------------------------------------
// Vocabulary

/// One term of the vocabulary: a context, a topic or a method.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub code: String,
    pub name: TermName,
    /// Word beginnings that suggest this term (see the vocabulary file's header).
    #[serde(default)]
    pub keywords: Vec<String>,
}

/// A term's name in each interface language; the vocabulary file must give all three.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermName {
    pub fi: String,
    pub sv: String,
    pub en: String,
}

impl TermName {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fi => &self.fi,
            Lang::Sv => &self.sv,
            Lang::En => &self.en,
        }
    }
}

/// Which list of the vocabulary a term belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TermKind {
    Context,
    Topic,
    Method,
}

impl TermKind {
    pub const ALL: [TermKind; 3] = [TermKind::Context, TermKind::Topic, TermKind::Method];
    pub fn code(self) -> &'static str {
        match self {
            TermKind::Context => "context",
            TermKind::Topic => "topic",
            TermKind::Method => "method",
        }
    }
}

/// The shared vocabulary of the catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vocabulary {
    pub contexts: Vec<Term>,
    pub topics: Vec<Term>,
    pub methods: Vec<Term>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VocabularyError {
    #[error("the vocabulary file is not valid TOML: {0}")]
    Syntax(String),
    #[error("the {kind} code {code:?} is not a lower-case code of letters, digits, '-' and '_'")]
    BadCode { kind: &'static str, code: String },
    #[error("the {kind} code {code:?} appears twice")]
    Duplicate { kind: &'static str, code: String },
    #[error("the {kind} {code:?} has an empty name or keyword")]
    Empty { kind: &'static str, code: String },
}

/// Whether `s` can be a term code: what URLs, CSV columns and the API carry.
pub fn is_code(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 60
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

impl Vocabulary {
    /// Parses and checks a vocabulary file.
    pub fn parse(text: &str) -> Result<Vocabulary, VocabularyError> {
        let v: Vocabulary =
            toml::from_str(text).map_err(|e| VocabularyError::Syntax(e.to_string()))?;
        for kind in TermKind::ALL {
            let mut seen = BTreeSet::new();
            for t in v.terms(kind) {
                let k = kind.code();
                if !is_code(&t.code) {
                    return Err(VocabularyError::BadCode {
                        kind: k,
                        code: t.code.clone(),
                    });
                }
                if !seen.insert(t.code.as_str()) {
                    return Err(VocabularyError::Duplicate {
                        kind: k,
                        code: t.code.clone(),
                    });
                }
                let names = [&t.name.fi, &t.name.sv, &t.name.en];
                if names.iter().any(|n| n.trim().is_empty())
                    || t.keywords.iter().any(|w| w.trim().is_empty())
                {
                    return Err(VocabularyError::Empty {
                        kind: k,
                        code: t.code.clone(),
                    });
                }
            }
        }
        Ok(v)
    }

    /// The vocabulary shipped with vuoro, parsed once. A broken file fails the crate's tests, so
    /// a release always carries a valid one.
    pub fn builtin() -> &'static Vocabulary {
        static V: OnceLock<Vocabulary> = OnceLock::new();
        V.get_or_init(|| {
            Vocabulary::parse(include_str!("../../../catalogue/vocabulary.toml")).unwrap_or_else(
                |_| Vocabulary {
                    contexts: Vec::new(),
                    topics: Vec::new(),
                    methods: Vec::new(),
                },
            )
        })
    }

    pub fn terms(&self, kind: TermKind) -> &[Term] {
        match kind {
            TermKind::Context => &self.contexts,
            TermKind::Topic => &self.topics,
            TermKind::Method => &self.methods,
        }
    }

    pub fn term(&self, kind: TermKind, code: &str) -> Option<&Term> {
        self.terms(kind).iter().find(|t| t.code == code)
    }

    /// The term's name in `lang`, or the code itself when the vocabulary no longer has it (a
    /// stored record outlives a renamed vocabulary).
    pub fn name<'a>(&'a self, kind: TermKind, code: &'a str, lang: Lang) -> &'a str {
        self.term(kind, code).map_or(code, |t| t.name.get(lang))
    }
}

// ---------------------------------------------------------------------------------------------
// Counts and periods

/// How many, as people write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Amount {
    /// "7 kpl"
    Exact { n: u32 },
    /// "noin 10", "n. 10"
    About { n: u32 },
    /// "10–15"
    Range { min: u32, max: u32 },
    /// "yli 20", "toista sataa" (over a hundred)
    AtLeast { n: u32 },
}

/// What a count counts over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountPer {
    /// Each year ("vuodessa", "vuosittain", "a year").
    Year,
    /// Altogether, over the activity's period.
    Total,
}

/// A count of dialogue events.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub amount: Amount,
    pub per: CountPer,
}

/// The largest count taken from text; anything larger is a typo or not a count.
pub const COUNT_MAX: u32 = 100_000;

impl Count {
    /// One number that stands for the count, for sums and charts: the exact or approximate
    /// number, the middle of a range, the lower bound of "at least".
    pub fn estimate(&self) -> f64 {
        match self.amount {
            Amount::Exact { n } | Amount::About { n } | Amount::AtLeast { n } => f64::from(n),
            Amount::Range { min, max } => (f64::from(min) + f64::from(max)) / 2.0,
        }
    }

    /// Reads a count written in Finnish, Swedish or English prose: "noin 10 kpl", "10-15
    /// vuodessa", "n. 5–10 vuodessa", "toista sataa vuodessa", "2-3 kertaa vuodessa", "about
    /// 10 a year", "10–15 per år", "7". The first count in the text wins; `None` when there is
    /// none.
    pub fn parse(text: &str) -> Option<Count> {
        let lower = text.to_lowercase();
        let per = if YEARLY.iter().any(|w| lower.contains(w)) {
            CountPer::Year
        } else {
            CountPer::Total
        };
        if HUNDREDS.iter().any(|w| lower.contains(w)) {
            return Some(Count {
                amount: Amount::AtLeast { n: 100 },
                per,
            });
        }
        let words: Vec<&str> = lower
            .split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        for (i, w) in words.iter().enumerate() {
            let Some((min, max)) = number_or_range(w, words.get(i + 1..i + 3)) else {
                continue;
            };
            // A year ("2019", "2014-2019") is a period, not a count.
            if (1900..=2100).contains(&min) {
                continue;
            }
            let before = |set: &[&str]| {
                i.checked_sub(1)
                    .and_then(|j| words.get(j))
                    .is_some_and(|p| set.iter().any(|s| p.trim_end_matches('.') == *s))
            };
            let amount = if min != max {
                Amount::Range { min, max }
            } else if before(ABOUT) {
                Amount::About { n: min }
            } else if before(OVER) {
                Amount::AtLeast { n: min }
            } else {
                Amount::Exact { n: min }
            };
            return Some(Count { amount, per });
        }
        None
    }
}

const YEARLY: &[&str] = &[
    "vuodessa",
    "vuosittain",
    "vuoden aikana",
    "per år",
    "om året",
    "årligen",
    "a year",
    "per year",
    "yearly",
    "annually",
    "/v",
];
const HUNDREDS: &[&str] = &["toista sataa", "satoja", "hundreds"];
const ABOUT: &[&str] = &[
    "noin",
    "n",
    "n.",
    "ca",
    "ca.",
    "cirka",
    "about",
    "approximately",
    "around",
    "~",
];
const OVER: &[&str] = &[
    "yli",
    "över",
    "over",
    "more than",
    "vähintään",
    "minst",
    "at least",
];

/// A number or a range starting at `w` ("10", "10-15", "10–15", "10 - 15", "10 to 15").
fn number_or_range(w: &str, next: Option<&[&str]>) -> Option<(u32, u32)> {
    let w = w.trim_end_matches(['.', ':', ';']);
    let dash = |c: char| c == '-' || c == '–' || c == '—';
    if let Some((a, b)) = w.split_once(dash) {
        let a = small_number(a)?;
        return match small_number(b) {
            Some(b) if b >= a => Some((a, b)),
            Some(_) => None,
            None if b.is_empty() => next
                .and_then(|n| n.first())
                .and_then(|n| small_number(n.trim_end_matches('.')))
                .filter(|b| *b >= a)
                .map(|b| (a, b)),
            None => None,
        };
    }
    let a = small_number(w)?;
    if let Some([sep, b, ..]) = next
        && (sep.chars().all(dash) || *sep == "to" || *sep == "till")
        && let Some(b) = small_number(b.trim_end_matches('.')).filter(|b| *b >= a)
    {
        return Some((a, b));
    }
    Some((a, a))
}

fn small_number(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|n| *n <= COUNT_MAX)
}

/// The years an activity ran or will run, as years: a catalogue compares years, not days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: i32,
    /// `None`: still going on.
    pub to: Option<i32>,
}

pub const YEAR_MIN: i32 = 1950;
pub const YEAR_MAX: i32 = 2100;

impl Period {
    /// Reads "2019", "2014-2019", "2021–2023", "2021-" or "syksy 2021" (the first year or
    /// range of years in the text).
    pub fn parse(text: &str) -> Option<Period> {
        let chars: Vec<char> = text.chars().collect();
        // A year is four digits standing alone: not part of a longer number or a word.
        let year_at = |i: usize| -> Option<i32> {
            let digits = chars.get(i..i + 4)?;
            let alone = (i == 0 || !chars[i - 1].is_alphanumeric())
                && chars.get(i + 4).is_none_or(|c| !c.is_alphanumeric());
            if !alone || !digits.iter().all(char::is_ascii_digit) {
                return None;
            }
            let y: i32 = digits.iter().collect::<String>().parse().ok()?;
            (YEAR_MIN..=YEAR_MAX).contains(&y).then_some(y)
        };
        let skip_spaces = |mut i: usize| {
            while chars.get(i) == Some(&' ') {
                i += 1;
            }
            i
        };
        let (start, from) = (0..chars.len()).find_map(|i| year_at(i).map(|y| (i, y)))?;
        let after = skip_spaces(start + 4);
        if !matches!(chars.get(after), Some('-' | '–')) {
            return Some(Period {
                from,
                to: Some(from),
            });
        }
        match year_at(skip_spaces(after + 1)) {
            Some(to) if to >= from => Some(Period { from, to: Some(to) }),
            Some(_) => Some(Period {
                from,
                to: Some(from),
            }),
            // "2021-" with no second year: still going on.
            None => Some(Period { from, to: None }),
        }
    }

    /// Whether the period touches `year`.
    pub fn covers(&self, year: i32) -> bool {
        self.from <= year && self.to.is_none_or(|to| year <= to)
    }
}

// ---------------------------------------------------------------------------------------------
// Activities

/// Done, or planned ("tulossa").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ActivityStatus {
    #[default]
    Done,
    Planned,
}

impl ActivityStatus {
    pub const ALL: [ActivityStatus; 2] = [ActivityStatus::Done, ActivityStatus::Planned];
    pub fn code(self) -> &'static str {
        match self {
            ActivityStatus::Done => "done",
            ActivityStatus::Planned => "planned",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.code() == s)
    }
}

/// One kind of dialogue activity of an organisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    /// Context codes of the vocabulary; the first is the main one.
    pub contexts: Vec<String>,
    pub topics: Vec<String>,
    /// Free tags beside the vocabulary.
    pub tags: Vec<String>,
    pub method: Option<String>,
    /// The unit or sector ("ikäpalvelut", "sivistystoimi").
    pub unit: Option<String>,
    pub target_group: Option<String>,
    pub languages: BTreeSet<ParticipantLang>,
    pub format: Option<Format>,
    pub period: Option<Period>,
    pub count: Option<Count>,
    /// The count as it was written, kept beside the parsed one.
    pub count_text: Option<String>,
    pub status: ActivityStatus,
    /// The description in the organisation's own words.
    pub text: String,
    /// Whether the peer listing and the open data API may show it.
    pub public: bool,
}

/// What an activity lacks for the catalogue to compare it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    Context,
    Method,
    Count,
    Period,
}

impl Missing {
    pub const ALL: [Missing; 4] = [
        Missing::Context,
        Missing::Method,
        Missing::Count,
        Missing::Period,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Missing::Context => "context",
            Missing::Method => "method",
            Missing::Count => "count",
            Missing::Period => "period",
        }
    }
}

impl Activity {
    /// What the catalogue would need to compare this activity with others'.
    pub fn missing(&self) -> Vec<Missing> {
        let mut m = Vec::new();
        if self.contexts.is_empty() {
            m.push(Missing::Context);
        }
        if self.method.is_none() {
            m.push(Missing::Method);
        }
        // A planned activity has not happened, so it cannot be counted yet.
        if self.count.is_none() && self.status == ActivityStatus::Done {
            m.push(Missing::Count);
        }
        if self.period.is_none() {
            m.push(Missing::Period);
        }
        m
    }

    /// The share (0–1) of what could be known that is known.
    pub fn completeness(&self) -> f64 {
        let wanted = if self.status == ActivityStatus::Done {
            4.0
        } else {
            3.0
        };
        1.0 - self.missing().len() as f64 / wanted
    }
}

/// The completeness (0–1) of a set of activities: the mean of theirs; an empty catalogue is
/// not complete.
pub fn completeness<'a>(activities: impl IntoIterator<Item = &'a Activity>) -> f64 {
    let (sum, n) = activities
        .into_iter()
        .fold((0.0, 0usize), |(s, n), a| (s + a.completeness(), n + 1));
    if n == 0 { 0.0 } else { sum / n as f64 }
}

/// Limits of an activity's fields.
pub mod activity_limits {
    pub const TAGS: usize = 20;
    pub const TAG: usize = 60;
    pub const TERMS: usize = 10;
}

/// An activity as typed into the form: every field as text, so a refused form comes back as
/// it was written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityInput {
    pub contexts: Vec<String>,
    pub topics: Vec<String>,
    /// Comma-separated free tags.
    pub tags: String,
    pub method: String,
    pub unit: String,
    pub target_group: String,
    pub languages: Vec<String>,
    pub format: String,
    pub period: String,
    pub count: String,
    pub status: String,
    pub text: String,
    pub public: bool,
}

impl ActivityInput {
    /// Checks every field against the vocabulary and returns all errors at once.
    pub fn validate(&self, vocab: &Vocabulary) -> Result<Activity, FieldErrors> {
        let mut e = FieldErrors::new();
        let terms = |kind: TermKind, codes: &[String]| -> Result<Vec<String>, FieldError> {
            if codes.len() > activity_limits::TERMS {
                return Err(FieldError::Invalid);
            }
            let mut out: Vec<String> = Vec::new();
            for c in codes {
                let c = c.trim();
                if vocab.term(kind, c).is_none() {
                    return Err(FieldError::Invalid);
                }
                if !out.iter().any(|o| o == c) {
                    out.push(c.to_owned());
                }
            }
            Ok(out)
        };
        let contexts = e.take("contexts", terms(TermKind::Context, &self.contexts));
        let topics = e.take("topics", terms(TermKind::Topic, &self.topics));
        let tags = e.take("tags", parse_tags(&self.tags));
        let method = e.take(
            "method",
            match self.method.trim() {
                "" => Ok(None),
                m if vocab.term(TermKind::Method, m).is_some() => Ok(Some(m.to_owned())),
                _ => Err(FieldError::Invalid),
            },
        );
        let unit = e.take("unit", text::optional(&self.unit, limits::NAME));
        let target_group = e.take(
            "target_group",
            text::optional(&self.target_group, limits::NAME),
        );
        let languages = e.take(
            "languages",
            self.languages
                .iter()
                .map(|l| ParticipantLang::parse(l).ok_or(FieldError::Invalid))
                .collect::<Result<BTreeSet<_>, _>>(),
        );
        let format = e.take(
            "format",
            match self.format.trim() {
                "" => Ok(None),
                f => Format::parse(f).map(Some).ok_or(FieldError::Invalid),
            },
        );
        let period = e.take(
            "period",
            match self.period.trim() {
                "" => Ok(None),
                p if p.chars().count() > 40 => Err(FieldError::TooLong { max: 40 }),
                p => Period::parse(p).map(Some).ok_or(FieldError::Invalid),
            },
        );
        let count_text = e.take("count", text::optional(&self.count, limits::NAME));
        let count = match &count_text {
            Some(Some(t)) => match Count::parse(t) {
                Some(c) => Some(c),
                None => {
                    e.add("count", FieldError::Invalid);
                    None
                }
            },
            _ => None,
        };
        let status = e.take(
            "status",
            match self.status.trim() {
                "" => Ok(ActivityStatus::Done),
                s => ActivityStatus::parse(s).ok_or(FieldError::Invalid),
            },
        );
        let text = e.take("text", text::bounded(&self.text, limits::LONG));
        if !e.is_empty() {
            return Err(e);
        }
        match (
            contexts,
            topics,
            tags,
            method,
            unit,
            target_group,
            languages,
            format,
            period,
            count_text,
            status,
            text,
        ) {
            (
                Some(contexts),
                Some(topics),
                Some(tags),
                Some(method),
                Some(unit),
                Some(target_group),
                Some(languages),
                Some(format),
                Some(period),
                Some(count_text),
                Some(status),
                Some(text),
            ) => Ok(Activity {
                contexts,
                topics,
                tags,
                method,
                unit,
                target_group,
                languages,
                format,
                period,
                count,
                count_text,
                status,
                text,
                public: self.public,
            }),
            _ => Err(e),
        }
    }

    /// The form filled with a saved activity, for editing.
    pub fn from_activity(a: &Activity) -> ActivityInput {
        ActivityInput {
            contexts: a.contexts.clone(),
            topics: a.topics.clone(),
            tags: a.tags.join(", "),
            method: a.method.clone().unwrap_or_default(),
            unit: a.unit.clone().unwrap_or_default(),
            target_group: a.target_group.clone().unwrap_or_default(),
            languages: a.languages.iter().map(|l| l.code().to_owned()).collect(),
            format: a.format.map(|f| f.code().to_owned()).unwrap_or_default(),
            period: a.period.map(period_text).unwrap_or_default(),
            count: a.count_text.clone().unwrap_or_default(),
            status: a.status.code().to_owned(),
            text: a.text.clone(),
            public: a.public,
        }
    }
}

/// The catalogue context that a process's participants point to.
pub fn context_of(kind: ParticipantKind) -> Option<&'static str> {
    match kind {
        ParticipantKind::Staff => Some("work_community"),
        ParticipantKind::Residents => Some("residents"),
        ParticipantKind::Pupils => Some("school"),
        ParticipantKind::Parents => Some("families"),
        ParticipantKind::Clients => Some("clients"),
        ParticipantKind::Other => None,
    }
}

/// A process run in vuoro as a line of its organisation's catalogue: one dialogue process, in
/// the year its sessions start (`year`), done once it is under way. A cancelled process is no
/// activity. The text is the community's name, which staff of the organisation see anyway; it
/// is never public (`public` is false): the peer listing shows processes only as counts, since a
/// work community's name can say more than its organisation wants published.
pub fn process_activity(
    order: &Order,
    method: Option<&str>,
    state: ProcessState,
    year: i32,
    vocab: &Vocabulary,
) -> Option<Activity> {
    let status = match state {
        ProcessState::Cancelled => return None,
        ProcessState::Ordered | ProcessState::Agreed => ActivityStatus::Planned,
        ProcessState::Phase1
        | ProcessState::Phase2
        | ProcessState::Summary
        | ProcessState::Closed => ActivityStatus::Done,
    };
    let mut contexts: Vec<String> = Vec::new();
    for k in &order.participant_kinds {
        if let Some(c) = context_of(*k)
            && !contexts.iter().any(|x| x == c)
        {
            contexts.push(c.to_owned());
        }
    }
    let method = method
        .filter(|m| vocab.term(TermKind::Method, m).is_some())
        .map(str::to_owned);
    let count = (status == ActivityStatus::Done).then_some(Count {
        amount: Amount::Exact { n: 1 },
        per: CountPer::Total,
    });
    Some(Activity {
        contexts,
        topics: Vec::new(),
        tags: Vec::new(),
        method,
        unit: None,
        target_group: None,
        languages: order.languages.clone(),
        format: Some(order.format),
        period: Some(Period {
            from: year,
            to: Some(year),
        }),
        count,
        count_text: None,
        status,
        text: order.community.clone(),
        public: false,
    })
}

/// A period as a form shows it: "2019", "2014–2019" or "2021–".
pub fn period_text(p: Period) -> String {
    match p.to {
        Some(to) if to == p.from => p.from.to_string(),
        Some(to) => format!("{}–{}", p.from, to),
        None => format!("{}–", p.from),
    }
}

/// Splits comma-separated tags, trims them, drops empty and repeated ones.
pub fn parse_tags(s: &str) -> Result<Vec<String>, FieldError> {
    let mut out: Vec<String> = Vec::new();
    for t in s.split([',', ';', '\n']) {
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        if t.chars().count() > activity_limits::TAG {
            return Err(FieldError::TooLong {
                max: activity_limits::TAG,
            });
        }
        if !out.iter().any(|o| o.to_lowercase() == t.to_lowercase()) {
            out.push(t.to_owned());
        }
    }
    if out.len() > activity_limits::TAGS {
        return Err(FieldError::Invalid);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(text: &str) -> Option<(Amount, CountPer)> {
        Count::parse(text).map(|c| (c.amount, c.per))
    }

    #[test]
    fn the_builtin_vocabulary_parses_and_names_every_term_in_three_languages() {
        let text = include_str!("../../../catalogue/vocabulary.toml");
        let v = Vocabulary::parse(text).expect("catalogue/vocabulary.toml");
        assert!(v.contexts.len() >= 9, "{}", v.contexts.len());
        assert!(v.topics.len() >= 10);
        assert_eq!(Vocabulary::builtin(), &v);
        for (file, _) in crate::method::BUILTIN {
            let id = file.trim_end_matches(".toml");
            assert!(
                v.term(TermKind::Method, id).is_some(),
                "the library method {id} is missing from the catalogue's methods"
            );
        }
        assert_eq!(
            v.name(TermKind::Context, "school", Lang::Sv),
            "Skola och småbarnspedagogik"
        );
        assert_eq!(v.name(TermKind::Context, "gone", Lang::Fi), "gone");
    }

    #[test]
    fn a_broken_vocabulary_is_refused_with_the_reason() {
        let one = |code: &str, fi: &str| {
            format!(
                "contexts = [{{ code = \"{code}\", name = {{ fi = \"{fi}\", sv = \"s\", en = \"e\" }} }}]\ntopics = []\nmethods = []"
            )
        };
        assert!(Vocabulary::parse(&one("ok", "Hyvä")).is_ok());
        assert!(matches!(
            Vocabulary::parse(&one("Not OK", "x")),
            Err(VocabularyError::BadCode { .. })
        ));
        assert!(matches!(
            Vocabulary::parse(&one("a", " ")),
            Err(VocabularyError::Empty { .. })
        ));
        assert!(matches!(
            Vocabulary::parse("contexts = 3"),
            Err(VocabularyError::Syntax(_))
        ));
    }

    #[test]
    fn counts_are_read_as_people_write_them() {
        use Amount::*;
        use CountPer::*;
        assert_eq!(
            count("Erätauko-menetelmällä keskusteluja käyty noin 10 kpl"),
            Some((About { n: 10 }, Total))
        );
        assert_eq!(count("7 kpl, yksi suomeksi"), Some((Exact { n: 7 }, Total)));
        assert_eq!(
            count("(10-15 vuodessa)"),
            Some((Range { min: 10, max: 15 }, Year))
        );
        assert_eq!(
            count("(n. 5-10 vuodessa)"),
            Some((Range { min: 5, max: 10 }, Year))
        );
        assert_eq!(
            count("Kouludialogeja (20-30 vuosittain)"),
            Some((Range { min: 20, max: 30 }, Year))
        );
        assert_eq!(
            count("toteutettiin toista sataa vuodessa"),
            Some((AtLeast { n: 100 }, Year))
        );
        assert_eq!(
            count("Noin 10–20 kpl"),
            Some((Range { min: 10, max: 20 }, Total))
        );
        assert_eq!(count("about 10 a year"), Some((About { n: 10 }, Year)));
        assert_eq!(
            count("10 – 15 per år"),
            Some((Range { min: 10, max: 15 }, Year))
        );
        assert_eq!(count("yli 20 vuodessa"), Some((AtLeast { n: 20 }, Year)));
        assert_eq!(count("12"), Some((Exact { n: 12 }, Total)));
        // Years are periods, not counts; a reversed range is not a count.
        assert_eq!(count("2014-2019 verkostokoordinaattoreita"), None);
        assert_eq!(count("Oulu (2019)"), None);
        assert_eq!(count("15-10"), None);
        assert_eq!(count("ei tiedossa"), None);
        assert_eq!(count("99999999 kpl"), None);
    }

    #[test]
    fn a_count_stands_for_one_number() {
        let c = |t: &str| Count::parse(t).map(|c| c.estimate());
        assert_eq!(c("10-15 vuodessa"), Some(12.5));
        assert_eq!(c("noin 10"), Some(10.0));
        assert_eq!(c("toista sataa"), Some(100.0));
    }

    #[test]
    fn periods_are_years() {
        let p = |t: &str| Period::parse(t).map(|p| (p.from, p.to));
        assert_eq!(
            p("2014-2019 verkostokoordinaattoreita oli kaksi"),
            Some((2014, Some(2019)))
        );
        assert_eq!(
            p("toimintasuunnitelmaa 2021–2023"),
            Some((2021, Some(2023)))
        );
        assert_eq!(p("(2019)"), Some((2019, Some(2019))));
        assert_eq!(p("syksy 2021"), Some((2021, Some(2021))));
        assert_eq!(p("2021-"), Some((2021, None)));
        assert_eq!(p("2021 – "), Some((2021, None)));
        assert_eq!(p("10-15 vuodessa"), None);
        assert_eq!(p("12345"), None);
        assert_eq!(p("1200"), None);
        assert!(
            Period {
                from: 2020,
                to: None
            }
            .covers(2030)
        );
        assert!(
            !Period {
                from: 2020,
                to: Some(2021)
            }
            .covers(2022)
        );
        assert_eq!(
            period_text(Period {
                from: 2014,
                to: Some(2019)
            }),
            "2014–2019"
        );
        assert_eq!(
            Period::parse(&period_text(Period {
                from: 2021,
                to: None
            })),
            Some(Period {
                from: 2021,
                to: None
            })
        );
    }

    fn input() -> ActivityInput {
        ActivityInput {
            contexts: vec!["school".into(), "families".into(), "school".into()],
            topics: vec!["bullying".into()],
            tags: "vanhempainillat, Kiusaaminen, kiusaaminen".into(),
            method: "luokkadialogi".into(),
            unit: "Perusopetus".into(),
            target_group: "Vanhemmat ja oppilaat".into(),
            languages: vec!["fi".into(), "so".into()],
            format: "face_to_face".into(),
            period: "2020-2021".into(),
            count: "3-5 vuodessa".into(),
            status: "done".into(),
            text: "Vanhempainillat kiusaamisesta".into(),
            public: true,
        }
    }

    #[test]
    fn a_valid_activity_keeps_what_was_written() {
        let a = input().validate(Vocabulary::builtin()).expect("valid");
        assert_eq!(a.contexts, ["school", "families"]);
        assert_eq!(a.tags, ["vanhempainillat", "Kiusaaminen"]);
        assert_eq!(
            a.count.map(|c| c.amount),
            Some(Amount::Range { min: 3, max: 5 })
        );
        assert_eq!(a.count_text.as_deref(), Some("3-5 vuodessa"));
        assert!(a.missing().is_empty());
        assert!((a.completeness() - 1.0).abs() < 1e-9);
        let again = ActivityInput::from_activity(&a)
            .validate(Vocabulary::builtin())
            .expect("valid");
        assert_eq!(again, a);
    }

    #[test]
    fn bad_fields_are_all_reported_at_once() {
        let mut i = input();
        i.contexts = vec!["nowhere".into()];
        i.method = "x".into();
        i.count = "paljon".into();
        i.period = "joskus".into();
        i.languages = vec!["xx".into()];
        i.text = " ".into();
        i.tags = "a".repeat(61);
        let e = i.validate(Vocabulary::builtin()).expect_err("invalid");
        for f in [
            "contexts",
            "method",
            "count",
            "period",
            "languages",
            "text",
            "tags",
        ] {
            assert!(e.0.contains_key(f), "{f} should be refused: {e:?}");
        }
    }

    #[test]
    fn what_is_missing_and_how_complete() {
        let mut a = input().validate(Vocabulary::builtin()).expect("valid");
        a.count = None;
        a.method = None;
        assert_eq!(a.missing(), [Missing::Method, Missing::Count]);
        assert!((a.completeness() - 0.5).abs() < 1e-9);
        // A planned activity is not asked for a count.
        a.status = ActivityStatus::Planned;
        assert_eq!(a.missing(), [Missing::Method]);
        assert!((completeness([&a]) - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(completeness(std::iter::empty()), 0.0);
    }

    #[test]
    fn a_process_is_one_activity_of_its_year() {
        let order = Order {
            community: "Kotihoidon yötiimi".into(),
            unit: None,
            reason: "r".into(),
            outcome: "o".into(),
            timing: "t".into(),
            participant_count: 12,
            participant_kinds: [ParticipantKind::Staff, ParticipantKind::Other].into(),
            languages: [ParticipantLang::Fi].into(),
            format: Format::FaceToFace,
            method: crate::order::MethodChoice::AdviseMe,
            needs_outsider: false,
        };
        let v = Vocabulary::builtin();
        let a = process_activity(&order, Some("eratauko"), ProcessState::Closed, 2027, v)
            .expect("an activity");
        assert_eq!(a.contexts, ["work_community"]);
        assert_eq!(a.method.as_deref(), Some("eratauko"));
        assert_eq!(a.count.map(|c| c.estimate()), Some(1.0));
        assert!(a.missing().is_empty(), "{:?}", a.missing());
        assert!(!a.public, "a process is never published line by line");
        let planned =
            process_activity(&order, Some("oma-menetelma"), ProcessState::Agreed, 2027, v)
                .expect("an activity");
        assert_eq!(planned.status, ActivityStatus::Planned);
        assert_eq!(planned.count, None);
        assert_eq!(
            planned.method, None,
            "a method outside the vocabulary is not a term"
        );
        assert!(process_activity(&order, None, ProcessState::Cancelled, 2027, v).is_none());
    }
}
