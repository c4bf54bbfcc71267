//! The facilitator network (part 9): what the network knows of each facilitator (their profile,
//! the trainings they hold, their absences), the trainings and meetings a coordinator records,
//! and the figures of the network page. Forms come in as typed (`*Input`) and leave validated;
//! nothing here reads a clock or a store.
//!
//! The profile is what [`crate::assignment`] ranks on: [`candidate`] builds an
//! [`assignment::Candidate`] from a profile, the methods the person is trained in and their
//! absences, so the assignment pages of a later slice feed the ranking from what is stored here.

use crate::assignment::{self, Busy, BusyKind, Candidate, Span};
use crate::ids::{AbsenceId, HeldTrainingId, MeetingId, OrgId, TrainingId, UnitId, UserId};
use crate::lang::ParticipantLang;
use crate::plan::parse_date;
use crate::text::{self, FieldError, FieldErrors, limits};
use std::collections::{BTreeMap, BTreeSet};
use time::{Date, Duration, OffsetDateTime, Time};

/// The most hours a month anyone facilitates beside their own work; a full month's work time is
/// about 160 hours.
pub const MAX_CAPACITY_HOURS: u32 = 160;
/// The longest training recorded, in hours (a year's programme of study days).
pub const MAX_TRAINING_HOURS: u32 = 500;
/// The longest absence or training, in days.
pub const MAX_SPAN_DAYS: i64 = 366;

/// A facilitator's profile in one organisation.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Profile {
    /// Their home unit, one of the organisation's units.
    pub unit: Option<UnitId>,
    /// The participant languages they facilitate in.
    pub languages: BTreeSet<ParticipantLang>,
    /// The methods of the library they take on ("eratauko"); empty takes none yet.
    pub methods: BTreeSet<String>,
    /// They take on orders that need an outsider: management teams, boards, a community in a
    /// crisis.
    pub takes_outsider: bool,
    /// Minutes a month they have agreed to facilitate.
    pub capacity_minutes: u32,
}

/// The profile form as typed.
#[derive(Clone, Debug, Default)]
pub struct ProfileInput {
    pub unit: String,
    pub languages: Vec<String>,
    pub methods: Vec<String>,
    pub takes_outsider: bool,
    pub capacity_hours: String,
}

impl ProfileInput {
    /// Checks the form against the organisation's units and the library's method ids.
    pub fn validate(&self, units: &[UnitId], methods: &[&str]) -> Result<Profile, FieldErrors> {
        let mut e = FieldErrors::new();
        let unit = if self.unit.trim().is_empty() {
            None
        } else {
            match UnitId::parse(self.unit.trim()) {
                Ok(u) if units.contains(&u) => Some(u),
                _ => {
                    e.add("unit", FieldError::Invalid);
                    None
                }
            }
        };
        let mut languages = BTreeSet::new();
        for l in &self.languages {
            match ParticipantLang::parse(l) {
                Some(l) => {
                    languages.insert(l);
                }
                None => e.add("languages", FieldError::Invalid),
            }
        }
        if languages.is_empty() {
            e.add("languages", FieldError::Required);
        }
        let mut chosen = BTreeSet::new();
        for m in &self.methods {
            if methods.contains(&m.as_str()) {
                chosen.insert(m.clone());
            } else {
                e.add("methods", FieldError::Invalid);
            }
        }
        let capacity = e.take(
            "capacity",
            parse_hours(&self.capacity_hours, MAX_CAPACITY_HOURS, true),
        );
        match capacity {
            Some(capacity_minutes) if e.is_empty() => Ok(Profile {
                unit,
                languages,
                methods: chosen,
                takes_outsider: self.takes_outsider,
                capacity_minutes,
            }),
            _ => Err(e),
        }
    }
}

/// Hours as typed ("6", "4,5", "4.5", "1,25") into whole minutes, within `0..=max` hours (from
/// a quarter of an hour when `zero` is false).
pub fn parse_hours(s: &str, max: u32, zero: bool) -> Result<u32, FieldError> {
    let t = s.trim().replace(',', ".");
    if t.is_empty() {
        return Err(FieldError::Required);
    }
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    let digits = |d: &str| !d.is_empty() && d.len() <= 4 && d.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !(frac.is_empty() || (digits(frac) && frac.len() <= 2)) {
        return Err(FieldError::Invalid);
    }
    let whole: u32 = whole.parse().map_err(|_| FieldError::Invalid)?;
    let hundredths: u32 = match frac.len() {
        0 => 0,
        1 => frac.parse::<u32>().map_err(|_| FieldError::Invalid)? * 10,
        _ => frac.parse().map_err(|_| FieldError::Invalid)?,
    };
    let minutes = whole * 60 + (hundredths * 60 + 50) / 100;
    let min = if zero { 0 } else { 15 };
    if minutes < min || minutes > max * 60 {
        return Err(FieldError::OutOfRange {
            min: 0,
            max: i64::from(max),
        });
    }
    Ok(minutes)
}

/// Minutes as hours for a form field: "6", "4.5" (the form reads a comma or a point).
pub fn hours_text(minutes: u32) -> String {
    if minutes.is_multiple_of(60) {
        (minutes / 60).to_string()
    } else {
        let h = f64::from(minutes) / 60.0;
        let s = format!("{h:.2}");
        s.trim_end_matches('0').to_owned()
    }
}

/// Two dates as typed, the second on or after the first and at most [`MAX_SPAN_DAYS`] later.
/// Errors under `from` and `to`.
pub fn date_span(from: &str, to: &str) -> Result<(Date, Date), FieldErrors> {
    let mut e = FieldErrors::new();
    let a = e.take("from", parse_date(from));
    let b = e.take("to", parse_date(to));
    match (a, b) {
        (Some(a), Some(b)) if b < a => {
            e.add("to", FieldError::Invalid);
            Err(e)
        }
        (Some(a), Some(b)) if (b - a).whole_days() >= MAX_SPAN_DAYS => {
            e.add("to", FieldError::TooLong { max: 366 });
            Err(e)
        }
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(e),
    }
}

/// Days a facilitator is away, both ends included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Absence {
    pub id: AbsenceId,
    pub from: Date,
    pub to: Date,
}

impl Absence {
    /// The absence as a span for the ranking: from the first day's midnight to the midnight
    /// after the last, in Helsinki time (the days a person marks are Finnish days, so an
    /// evening session on the day before an absence does not clash with it, and one on its
    /// last evening does).
    pub fn busy(&self) -> Busy {
        let midnight = |d: Date| {
            crate::notices::helsinki()
                .ok()
                .and_then(|tz| crate::notices::local_moment(&tz, d, Time::MIDNIGHT))
                // Without the time zone database, UTC midnight: off by the offset only.
                .unwrap_or_else(|| d.with_time(Time::MIDNIGHT).assume_utc())
        };
        let start = midnight(self.from);
        let end = midnight(self.to + Duration::days(1));
        Busy {
            span: Span::new(start, end),
            kind: BusyKind::Absence,
        }
    }

    /// Whether the absence has not ended by `today`.
    pub fn is_current_or_coming(&self, today: Date) -> bool {
        self.to >= today
    }
}

/// A training a person holds: from a training recorded here (`training`), or one done before
/// the platform that a coordinator added on their profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeldTraining {
    pub id: HeldTrainingId,
    pub method: String,
    /// Who trained: THL, the Erätauko foundation, the organisation itself.
    pub trainer: String,
    /// When it was completed.
    pub date: Date,
    pub minutes: u32,
    pub training: Option<TrainingId>,
}

/// The form of a training held before the platform.
#[derive(Clone, Debug, Default)]
pub struct HeldTrainingInput {
    pub method: String,
    pub trainer: String,
    pub date: String,
    pub hours: String,
}

impl HeldTrainingInput {
    pub fn validate(&self, methods: &[&str]) -> Result<HeldTraining, FieldErrors> {
        let mut e = FieldErrors::new();
        let method = e.take("method", known_method(&self.method, methods));
        let trainer = e.take("trainer", text::name(&self.trainer, limits::NAME));
        let date = e.take("date", parse_date(&self.date));
        let minutes = e.take("hours", parse_hours(&self.hours, MAX_TRAINING_HOURS, false));
        match (method, trainer, date, minutes) {
            (Some(method), Some(trainer), Some(date), Some(minutes)) => Ok(HeldTraining {
                id: HeldTrainingId::new(),
                method,
                trainer,
                date,
                minutes,
                training: None,
            }),
            _ => Err(e),
        }
    }
}

fn known_method(s: &str, methods: &[&str]) -> Result<String, FieldError> {
    let t = s.trim();
    if t.is_empty() {
        Err(FieldError::Required)
    } else if methods.contains(&t) {
        Ok(t.to_owned())
    } else {
        Err(FieldError::Invalid)
    }
}

/// A training a coordinator recorded: a method, a trainer, its days and hours. Its trainees are
/// stored beside it; completing one makes a [`HeldTraining`] of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Training {
    pub id: TrainingId,
    pub org: OrgId,
    pub method: String,
    pub trainer: String,
    pub from: Date,
    pub to: Date,
    pub minutes: u32,
}

/// The training form as typed; the trainees are chosen ids, checked by the caller against the
/// organisation's members.
#[derive(Clone, Debug, Default)]
pub struct TrainingInput {
    pub method: String,
    pub trainer: String,
    pub from: String,
    pub to: String,
    pub hours: String,
    pub trainees: Vec<String>,
}

impl TrainingInput {
    /// Checks the form; `members` are the organisation's members, whom trainees are chosen
    /// among (at least one).
    pub fn validate(
        &self,
        org: OrgId,
        methods: &[&str],
        members: &[UserId],
    ) -> Result<(Training, Vec<UserId>), FieldErrors> {
        let mut e = FieldErrors::new();
        let method = e.take("method", known_method(&self.method, methods));
        let trainer = e.take("trainer", text::name(&self.trainer, limits::NAME));
        let span = match date_span(&self.from, &self.to) {
            Ok(s) => Some(s),
            Err(errors) => {
                for (k, v) in errors.0 {
                    e.add(k, v);
                }
                None
            }
        };
        let minutes = e.take("hours", parse_hours(&self.hours, MAX_TRAINING_HOURS, false));
        let mut trainees = Vec::new();
        for t in &self.trainees {
            match UserId::parse(t) {
                Ok(u) if members.contains(&u) => {
                    if !trainees.contains(&u) {
                        trainees.push(u);
                    }
                }
                _ => e.add("trainees", FieldError::Invalid),
            }
        }
        if trainees.is_empty() {
            e.add("trainees", FieldError::Required);
        }
        match (method, trainer, span, minutes) {
            (Some(method), Some(trainer), Some((from, to)), Some(minutes)) if e.is_empty() => Ok((
                Training {
                    id: TrainingId::new(),
                    org,
                    method,
                    trainer,
                    from,
                    to,
                    minutes,
                },
                trainees,
            )),
            _ => Err(e),
        }
    }
}

/// A meeting of the network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meeting {
    pub id: MeetingId,
    pub org: OrgId,
    pub date: Date,
    pub title: String,
    pub place: Option<String>,
}

/// The meeting form as typed.
#[derive(Clone, Debug, Default)]
pub struct MeetingInput {
    pub date: String,
    pub title: String,
    pub place: String,
}

impl MeetingInput {
    pub fn validate(&self, org: OrgId) -> Result<Meeting, FieldErrors> {
        let mut e = FieldErrors::new();
        let date = e.take("date", parse_date(&self.date));
        let title = e.take("title", text::name(&self.title, limits::NAME));
        let place = e.take("place", text::optional(&self.place, limits::NAME));
        match (date, title, place) {
            (Some(date), Some(title), Some(place)) => Ok(Meeting {
                id: MeetingId::new(),
                org,
                date,
                title,
                place,
            }),
            _ => Err(e),
        }
    }
}

/// Chosen people as typed (check boxes of ids), kept only among `allowed`; anything else is an
/// error, since the form offered only those.
pub fn chosen_people(values: &[String], allowed: &[UserId]) -> Result<Vec<UserId>, FieldError> {
    let mut out = Vec::new();
    for v in values {
        match UserId::parse(v) {
            Ok(u) if allowed.contains(&u) => {
                if !out.contains(&u) {
                    out.push(u);
                }
            }
            _ => return Err(FieldError::Invalid),
        }
    }
    Ok(out)
}

/// A facilitator as the network page and the ranking read them: who, their profile if they
/// filled it in, the methods they are trained in, their absences, and when they last
/// facilitated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetworkMember {
    pub user: UserId,
    pub profile: Option<Profile>,
    pub trained: BTreeSet<String>,
    pub absences: Vec<Absence>,
    /// The latest first session date, on or before the day asked about, of a process they
    /// facilitate or facilitated (not cancelled); `None`: never.
    pub last_facilitated: Option<Date>,
}

/// People per method they are trained in, each method of `methods` listed (zero included).
pub fn trained_per_method(members: &[NetworkMember], methods: &[&str]) -> Vec<(String, usize)> {
    methods
        .iter()
        .map(|m| {
            let n = members.iter().filter(|p| p.trained.contains(*m)).count();
            ((*m).to_owned(), n)
        })
        .collect()
}

/// Trained people (in any method) per home unit; `None` is "no unit given". Units without
/// trained people are not listed.
pub fn trained_per_unit(members: &[NetworkMember]) -> BTreeMap<Option<UnitId>, usize> {
    let mut out = BTreeMap::new();
    for m in members.iter().filter(|m| !m.trained.is_empty()) {
        *out.entry(m.profile.as_ref().and_then(|p| p.unit))
            .or_insert(0) += 1;
    }
    out
}

/// The members ordered by how long ago they last facilitated: never first, then the oldest
/// date; ties keep the order given (the caller sorts by name first).
pub fn longest_idle(members: &[NetworkMember]) -> Vec<&NetworkMember> {
    let mut out: Vec<&NetworkMember> = members.iter().collect();
    out.sort_by_key(|m| m.last_facilitated);
    out
}

/// The ranking's view of a member: capacity, languages and kinds from the profile (a member
/// without one has no capacity, so the ranking never books them), methods from the trainings
/// held, and absences as busy spans. `booked`, `sessions` and the load come from the processes,
/// which the assignment slice reads.
pub fn candidate(org: OrgId, m: &NetworkMember) -> Candidate {
    let profile = m.profile.clone().unwrap_or_default();
    Candidate {
        id: m.user,
        org,
        unit: profile.unit,
        community: None,
        methods: m.trained.clone(),
        languages: profile.languages,
        kinds: None,
        capacity_minutes: profile.capacity_minutes,
        booked: BTreeMap::new(),
        busy: m.absences.iter().map(Absence::busy).collect(),
        load_last_year_minutes: 0,
        volunteered: false,
        takes_outsider: profile.takes_outsider,
    }
}

/// The year of a time in Finland, for "this year's meetings".
pub fn year_of(t: OffsetDateTime) -> i32 {
    assignment::YearMonth::of(t).year
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn hours_read_whole_and_decimal_with_comma_or_point() {
        assert_eq!(parse_hours("6", 160, true), Ok(360));
        assert_eq!(parse_hours(" 4,5 ", 160, true), Ok(270));
        assert_eq!(parse_hours("1.25", 160, true), Ok(75));
        assert_eq!(parse_hours("0", 160, true), Ok(0));
        assert_eq!(parse_hours("", 160, true), Err(FieldError::Required));
        assert_eq!(parse_hours("kuusi", 160, true), Err(FieldError::Invalid));
        assert_eq!(parse_hours("-3", 160, true), Err(FieldError::Invalid));
        assert_eq!(parse_hours("1,234", 160, true), Err(FieldError::Invalid));
        assert!(matches!(
            parse_hours("161", 160, true),
            Err(FieldError::OutOfRange { .. })
        ));
        assert!(matches!(
            parse_hours("0", 500, false),
            Err(FieldError::OutOfRange { .. })
        ));
        assert_eq!(hours_text(360), "6");
        assert_eq!(hours_text(270), "4.5");
        assert_eq!(hours_text(75), "1.25");
        assert_eq!(parse_hours(&hours_text(75), 160, true), Ok(75));
    }

    #[test]
    fn a_profile_takes_only_the_organisations_units_and_known_methods() {
        let unit = UnitId::new();
        let input = ProfileInput {
            unit: unit.to_string(),
            languages: vec!["fi".into(), "sv".into()],
            methods: vec!["eratauko".into()],
            takes_outsider: true,
            capacity_hours: "6".into(),
        };
        let p = input.validate(&[unit], &["eratauko"]).expect("valid");
        assert_eq!(p.unit, Some(unit));
        assert_eq!(p.capacity_minutes, 360);
        assert!(p.takes_outsider);
        let bad = ProfileInput {
            unit: UnitId::new().to_string(),
            languages: vec![],
            methods: vec!["unknown".into()],
            takes_outsider: false,
            capacity_hours: "999".into(),
        };
        let e = bad.validate(&[unit], &["eratauko"]).expect_err("invalid");
        for f in ["unit", "languages", "methods", "capacity"] {
            assert!(e.get(f).is_some(), "{f}");
        }
    }

    #[test]
    fn spans_end_on_or_after_they_start() {
        assert_eq!(
            date_span("2027-03-01", "2027-03-01"),
            Ok((date!(2027 - 03 - 01), date!(2027 - 03 - 01)))
        );
        let e = date_span("2027-03-02", "2027-03-01").expect_err("backwards");
        assert_eq!(e.get("to"), Some(&FieldError::Invalid));
        let e = date_span("2027-03-01", "2029-03-01").expect_err("too long");
        assert!(e.get("to").is_some());
        let e = date_span("", "x").expect_err("missing");
        assert_eq!(e.get("from"), Some(&FieldError::Required));
        assert_eq!(e.get("to"), Some(&FieldError::Invalid));
    }

    #[test]
    fn trainees_are_members_and_at_least_one() {
        let org = OrgId::new();
        let a = UserId::new();
        let input = TrainingInput {
            method: "eratauko".into(),
            trainer: "Erätauko-säätiö".into(),
            from: "2027-02-01".into(),
            to: "2027-02-02".into(),
            hours: "12".into(),
            trainees: vec![a.to_string(), a.to_string()],
        };
        let (t, people) = input.validate(org, &["eratauko"], &[a]).expect("valid");
        assert_eq!(t.minutes, 720);
        assert_eq!(people, vec![a]);
        let stranger = TrainingInput {
            trainees: vec![UserId::new().to_string()],
            ..input.clone()
        };
        let e = stranger
            .validate(org, &["eratauko"], &[a])
            .expect_err("not a member");
        assert_eq!(e.get("trainees"), Some(&FieldError::Invalid));
        let none = TrainingInput {
            trainees: vec![],
            ..input
        };
        let e = none.validate(org, &["eratauko"], &[a]).expect_err("none");
        assert_eq!(e.get("trainees"), Some(&FieldError::Required));
    }

    fn member(last: Option<Date>, trained: &[&str], unit: Option<UnitId>) -> NetworkMember {
        NetworkMember {
            user: UserId::new(),
            profile: Some(Profile {
                unit,
                ..Profile::default()
            }),
            trained: trained.iter().map(|s| (*s).to_owned()).collect(),
            absences: vec![],
            last_facilitated: last,
        }
    }

    #[test]
    fn the_network_counts_and_orders_its_members() {
        let u = UnitId::new();
        let ms = vec![
            member(Some(date!(2026 - 05 - 01)), &["eratauko"], Some(u)),
            member(None, &[], Some(u)),
            member(
                Some(date!(2025 - 01 - 01)),
                &["eratauko", "hyvien-kaytantojen-dialogit"],
                None,
            ),
            member(None, &["eratauko"], None),
        ];
        let per_method = trained_per_method(&ms, &["eratauko", "open-space"]);
        assert_eq!(
            per_method,
            vec![("eratauko".into(), 3), ("open-space".into(), 0)]
        );
        let per_unit = trained_per_unit(&ms);
        assert_eq!(per_unit.get(&Some(u)), Some(&1));
        assert_eq!(per_unit.get(&None), Some(&2));
        let idle: Vec<Option<Date>> = longest_idle(&ms)
            .iter()
            .map(|m| m.last_facilitated)
            .collect();
        assert_eq!(
            idle,
            vec![
                None,
                None,
                Some(date!(2025 - 01 - 01)),
                Some(date!(2026 - 05 - 01))
            ]
        );
    }

    #[test]
    fn a_member_becomes_a_candidate_with_capacity_methods_and_absences() {
        let org = OrgId::new();
        let mut m = member(None, &["eratauko"], None);
        m.profile = Some(Profile {
            unit: None,
            languages: [ParticipantLang::Fi].into_iter().collect(),
            methods: BTreeSet::new(),
            takes_outsider: false,
            capacity_minutes: 360,
        });
        m.absences = vec![Absence {
            id: AbsenceId::new(),
            from: date!(2027 - 03 - 01),
            to: date!(2027 - 03 - 02),
        }];
        let c = candidate(org, &m);
        assert_eq!(c.capacity_minutes, 360);
        assert!(c.methods.contains("eratauko"));
        assert_eq!(c.busy.len(), 1);
        assert_eq!(c.busy[0].span.minutes(), 2 * 24 * 60);
        // Finnish days: 1 March 2027 begins at 22:00 UTC the evening before (UTC+2).
        assert_eq!(
            c.busy[0].span.start,
            time::macros::datetime!(2027-02-28 22:00 UTC)
        );
        let no_profile = member(None, &[], None);
        let c = candidate(
            org,
            &NetworkMember {
                profile: None,
                ..no_profile
            },
        );
        assert_eq!(c.capacity_minutes, 0);
    }
}
