//! Notices: which reminders and follow-ups are due at a given moment, and the community's
//! addresses a process's summary is mailed to.
//!
//! A job pass asks [`reminders_due`] and [`follow_ups_due`] with the time it runs at; both are
//! pure, so the same pass in two server processes (or again after a restart) selects the same
//! notices, each with a dedupe key that the outbox writes once. Days are Finnish days: the
//! time zone is `Europe/Helsinki` from the IANA database bundled with `jiff`, never rules of
//! our own, so a reminder is due at the same local hour on either side of a change of clocks.

use crate::ids::{PracticeId, ProcessId, UserId};
use crate::lang::{Lang, ParticipantLang};
use crate::plan::PlanSession;
use crate::practice::PracticeStatus;
use crate::process::ProcessState;
use crate::text::{self, FieldError};
use jiff::Timestamp;
use jiff::civil;
use jiff::tz::TimeZone;
use std::collections::BTreeSet;
use time::{Date, Duration, OffsetDateTime, Time};

/// The local hour (Helsinki) from which a reminder or a follow-up is sent on its day: nobody
/// is mailed at midnight.
pub const SEND_FROM_HOUR: i8 = 8;

/// A follow-up missed while no server ran is still sent this many days after its due date;
/// after that it is left out, so that practices entered late with old dates mail nobody.
pub const FOLLOW_UP_LATE_DAYS: i64 = 2;

/// The most addresses one process's community may be given.
pub const MAX_COMMUNITY_ADDRESSES: usize = 500;

/// The time zone every day here is counted in.
pub fn helsinki() -> Result<TimeZone, jiff::Error> {
    TimeZone::get("Europe/Helsinki")
}

fn timestamp(t: OffsetDateTime) -> Option<Timestamp> {
    Timestamp::from_nanosecond(t.unix_timestamp_nanos()).ok()
}

fn civil_date(d: Date) -> Option<civil::Date> {
    civil::Date::new(
        i16::try_from(d.year()).ok()?,
        i8::try_from(u8::from(d.month())).ok()?,
        i8::try_from(d.day()).ok()?,
    )
    .ok()
}

/// The instant a local (Helsinki) date and time falls on. A time the spring change skips is
/// read as the moment after the gap, and one the autumn change repeats as the first of the
/// two (`jiff`'s compatible reading, as calendars do).
fn local_instant(tz: &TimeZone, date: Date, at: Time) -> Option<Timestamp> {
    let dt = civil_date(date)?.at(
        i8::try_from(at.hour()).ok()?,
        i8::try_from(at.minute()).ok()?,
        0,
        0,
    );
    Some(dt.to_zoned(tz.clone()).ok()?.timestamp())
}

/// The moment a local (Helsinki) date and time falls on, read as [`local_instant`] reads it.
pub fn local_moment(tz: &TimeZone, date: Date, at: Time) -> Option<OffsetDateTime> {
    let ts = local_instant(tz, date, at)?;
    OffsetDateTime::from_unix_timestamp_nanos(ts.as_nanosecond()).ok()
}

/// The Helsinki date at `now`.
pub fn local_date(tz: &TimeZone, now: OffsetDateTime) -> Option<Date> {
    let d = timestamp(now)?.to_zoned(tz.clone()).date();
    let month = time::Month::try_from(u8::try_from(d.month()).ok()?).ok()?;
    Date::from_calendar_date(i32::from(d.year()), month, u8::try_from(d.day()).ok()?).ok()
}

/// The UTC offset in Helsinki at `t` (+3 in summer time, +2 otherwise), by the IANA rules:
/// every page that shows a time uses it. UTC only if the bundled database lacked the zone,
/// which a test rules out.
pub fn helsinki_offset(t: OffsetDateTime) -> time::UtcOffset {
    helsinki()
        .ok()
        .zip(timestamp(t))
        .and_then(|(tz, at)| time::UtcOffset::from_whole_seconds(tz.to_offset(at).seconds()).ok())
        .unwrap_or(time::UtcOffset::UTC)
}

fn send_from() -> Time {
    Time::from_hms(u8::try_from(SEND_FROM_HOUR).unwrap_or(8), 0, 0).unwrap_or(Time::MIDNIGHT)
}

/// A process and its current plan's sessions, as the reminder pass reads them.
#[derive(Clone, Copy, Debug)]
pub struct PlannedProcess<'a> {
    pub id: ProcessId,
    pub state: ProcessState,
    pub facilitator: Option<UserId>,
    pub sessions: &'a [PlanSession],
}

/// A reminder to a session's facilitator, due the day before the session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reminder {
    pub process: ProcessId,
    /// The plan session (`PlanSession::id`).
    pub session: u32,
    pub date: Date,
    pub start: Time,
    pub to: UserId,
}

impl Reminder {
    /// Written once, whichever pass or process finds it due. The date is part of it, so a
    /// session moved to another day is reminded of again; the recipient too, so a new
    /// facilitator is told as well.
    pub fn dedupe(&self) -> String {
        format!(
            "reminder:{}:{}:{}:{}",
            self.process, self.session, self.date, self.to
        )
    }
}

/// The session dates a reminder may be due for at `now`: today's and tomorrow's in Helsinki.
/// What the pass asks the store for; [`reminders_due`] decides.
pub fn reminder_dates(tz: &TimeZone, now: OffsetDateTime) -> Option<(Date, Date)> {
    let today = local_date(tz, now)?;
    Some((today, today.next_day()?))
}

/// The reminders due at `now`: for each session of a process that is neither closed nor
/// cancelled and has a facilitator, from [`SEND_FROM_HOUR`] on the day before the session
/// (Helsinki time) until the session starts. A session already begun or past gets none.
pub fn reminders_due(
    tz: &TimeZone,
    now: OffsetDateTime,
    processes: &[PlannedProcess<'_>],
) -> Vec<Reminder> {
    let Some(now_ts) = timestamp(now) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for p in processes.iter().filter(|p| !p.state.is_final()) {
        let Some(to) = p.facilitator else {
            continue;
        };
        for s in p.sessions {
            let Some(day_before) = s.date.previous_day() else {
                continue;
            };
            let (Some(from), Some(start)) = (
                local_instant(tz, day_before, send_from()),
                local_instant(tz, s.date, s.start),
            ) else {
                continue;
            };
            if (from..start).contains(&now_ts) {
                out.push(Reminder {
                    process: p.id,
                    session: s.id,
                    date: s.date,
                    start: s.start,
                    to,
                });
            }
        }
    }
    out
}

/// A practice with a due date, with what the follow-up pass needs of its process.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuePractice {
    pub practice: PracticeId,
    pub process: ProcessId,
    /// What the community agreed, as the mail names it.
    pub title: String,
    /// The process's title (its community's name).
    pub process_title: String,
    pub due: Date,
    pub status: PracticeStatus,
    pub process_state: ProcessState,
    pub orderer: UserId,
    pub facilitator: Option<UserId>,
}

/// A follow-up of a practice on its due date, to one person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowUp {
    pub practice: PracticeId,
    pub process: ProcessId,
    pub due: Date,
    pub to: UserId,
}

impl FollowUp {
    /// Written once; a new due date is followed up again.
    pub fn dedupe(&self) -> String {
        format!("follow-up:{}:{}:{}", self.practice, self.due, self.to)
    }
}

/// The due dates a follow-up may be due for at `now`: from [`FOLLOW_UP_LATE_DAYS`] days ago to
/// today, in Helsinki. What the pass asks the store for; [`follow_ups_due`] decides.
pub fn follow_up_dates(tz: &TimeZone, now: OffsetDateTime) -> Option<(Date, Date)> {
    let today = local_date(tz, now)?;
    Some((
        today.checked_sub(Duration::days(FOLLOW_UP_LATE_DAYS))?,
        today,
    ))
}

/// The follow-ups due at `now`: a practice still open (agreed or in progress) of a process
/// that was not cancelled (a closed one is followed up: that is what practices are for), to its
/// orderer and its facilitator (once if they are the same person), from [`SEND_FROM_HOUR`] on
/// its due date until [`FOLLOW_UP_LATE_DAYS`] days after it ends.
pub fn follow_ups_due(
    tz: &TimeZone,
    now: OffsetDateTime,
    practices: &[DuePractice],
) -> Vec<FollowUp> {
    let Some(now_ts) = timestamp(now) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for p in practices {
        if !p.status.is_open() || p.process_state == ProcessState::Cancelled {
            continue;
        }
        let until = p
            .due
            .checked_add(Duration::days(FOLLOW_UP_LATE_DAYS + 1))
            .and_then(|d| local_instant(tz, d, Time::MIDNIGHT));
        let (Some(from), Some(until)) = (local_instant(tz, p.due, send_from()), until) else {
            continue;
        };
        if !(from..until).contains(&now_ts) {
            continue;
        }
        let mut to = vec![p.orderer];
        to.extend(p.facilitator.filter(|f| *f != p.orderer));
        out.extend(to.into_iter().map(|to| FollowUp {
            practice: p.practice,
            process: p.process,
            due: p.due,
            to,
        }));
    }
    out
}

/// The language of mail to the community's addresses, behind which there is no account: the
/// first interface language the order names for the process (Finnish, Swedish, English), else
/// Finnish.
pub fn community_lang(langs: &BTreeSet<ParticipantLang>) -> Lang {
    [
        (ParticipantLang::Fi, Lang::Fi),
        (ParticipantLang::Sv, Lang::Sv),
        (ParticipantLang::En, Lang::En),
    ]
    .into_iter()
    .find(|(p, _)| langs.contains(p))
    .map_or(Lang::Fi, |(_, l)| l)
}

/// Where the summary is mailed to for the community.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Community {
    /// Each member's own address: kept only until the summary is published.
    People(Vec<String>),
    /// One mailing-list address, which names nobody: kept.
    List(String),
}

/// The community's addresses as typed: one per line, or one list address.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommunityInput {
    pub addresses: String,
    pub list: String,
}

/// Why the community's addresses were refused; each says where, for a message of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommunityError {
    /// Line `line` (from 1, blank lines counted, as the field shows them) is not an address.
    Line { line: usize, text: String },
    /// More than [`MAX_COMMUNITY_ADDRESSES`] addresses.
    TooMany { max: usize },
    /// The list address is not an address.
    List(FieldError),
    /// Both addresses and a list address: one or the other.
    Both,
}

impl CommunityInput {
    pub fn from_community(c: Option<&Community>) -> Self {
        match c {
            None => Self::default(),
            Some(Community::People(a)) => Self {
                addresses: a.join("\n"),
                list: String::new(),
            },
            Some(Community::List(l)) => Self {
                addresses: String::new(),
                list: l.clone(),
            },
        }
    }

    /// `Ok(None)` when both fields are empty (no mail to the community). Addresses are
    /// lower-cased and each kept once, in the order typed; every bad line is reported.
    pub fn validate(&self) -> Result<Option<Community>, Vec<CommunityError>> {
        let mut errors = Vec::new();
        let mut people: Vec<String> = Vec::new();
        for (i, line) in self.addresses.lines().enumerate() {
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            match text::email(t) {
                Ok(a) => {
                    if !people.contains(&a) {
                        people.push(a);
                    }
                }
                Err(_) => errors.push(CommunityError::Line {
                    line: i + 1,
                    text: t.chars().take(80).collect(),
                }),
            }
        }
        if people.len() > MAX_COMMUNITY_ADDRESSES {
            errors.push(CommunityError::TooMany {
                max: MAX_COMMUNITY_ADDRESSES,
            });
        }
        let list = match text::optional(&self.list, text::limits::EMAIL) {
            Ok(None) => None,
            Ok(Some(l)) => match text::email(&l) {
                Ok(a) => Some(a),
                Err(e) => {
                    errors.push(CommunityError::List(e));
                    None
                }
            },
            Err(e) => {
                errors.push(CommunityError::List(e));
                None
            }
        };
        let typed_people = self.addresses.lines().any(|l| !l.trim().is_empty());
        if typed_people && !self.list.trim().is_empty() {
            errors.push(CommunityError::Both);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(match list {
            Some(l) => Some(Community::List(l)),
            None if people.is_empty() => None,
            None => Some(Community::People(people)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::method::Format;
    use time::macros::{date, datetime, time};

    fn session(id: u32, date: Date, start: Time) -> PlanSession {
        PlanSession {
            id,
            title: format!("Tilaisuus {id}"),
            phase: 1,
            date,
            start,
            end: time!(23:00),
            format: Format::FaceToFace,
            place: None,
            online_link: None,
        }
    }

    #[test]
    fn pages_show_helsinki_time_on_both_sides_of_a_change_of_clocks() {
        let offset = |t: OffsetDateTime| helsinki_offset(t).whole_hours();
        // 2027: summer time from 28 March 01:00 UTC to 31 October 01:00 UTC.
        assert_eq!(offset(datetime!(2027-03-28 00:59 UTC)), 2);
        assert_eq!(offset(datetime!(2027-03-28 01:00 UTC)), 3);
        assert_eq!(offset(datetime!(2027-10-31 00:59 UTC)), 3);
        assert_eq!(offset(datetime!(2027-10-31 01:00 UTC)), 2);
        assert_eq!(offset(datetime!(2027-01-15 12:00 +05:00)), 2);
    }

    fn tz() -> TimeZone {
        helsinki().expect("the bundled database knows Helsinki")
    }

    fn due(
        now: OffsetDateTime,
        state: ProcessState,
        facilitator: Option<UserId>,
        sessions: &[PlanSession],
    ) -> Vec<u32> {
        let p = PlannedProcess {
            id: ProcessId::new(),
            state,
            facilitator,
            sessions,
        };
        reminders_due(&tz(), now, &[p])
            .into_iter()
            .map(|r| r.session)
            .collect()
    }

    /// The day before in Helsinki, from 08:00 local time, on both sides of each change of
    /// clocks: 08:00 is 06:00 UTC in winter and 05:00 UTC in summer. (2027: summer time starts
    /// on 28 March and ends on 31 October.)
    #[test]
    fn a_reminder_is_due_from_eight_the_day_before_in_helsinki() {
        let f = Some(UserId::new());
        let cases: &[(&str, Date, OffsetDateTime, bool)] = &[
            // Winter: +02:00.
            (
                "winter, 07:59 local",
                date!(2027 - 01 - 13),
                datetime!(2027-01-12 05:59 UTC),
                false,
            ),
            (
                "winter, 08:00 local",
                date!(2027 - 01 - 13),
                datetime!(2027-01-12 06:00 UTC),
                true,
            ),
            // The session on Monday 29 March; the day before is the Sunday the clocks go
            // forward at 03:00, so 08:00 that day is already summer time (05:00 UTC). Counting
            // with the winter offset would wait until 06:00 UTC.
            (
                "spring change, 07:59",
                date!(2027 - 03 - 29),
                datetime!(2027-03-28 04:59 UTC),
                false,
            ),
            (
                "spring change, 08:00",
                date!(2027 - 03 - 29),
                datetime!(2027-03-28 05:00 UTC),
                true,
            ),
            // The session on Monday 1 November; the Sunday before the clocks went back at 04:00,
            // so 08:00 is winter time again (06:00 UTC); with the summer offset it would be 05:00.
            (
                "autumn change, 07:00",
                date!(2027 - 11 - 01),
                datetime!(2027-10-31 05:00 UTC),
                false,
            ),
            (
                "autumn change, 08:00",
                date!(2027 - 11 - 01),
                datetime!(2027-10-31 06:00 UTC),
                true,
            ),
            // Late in the evening before: still due; 23:30 local on the Sunday is 21:30 UTC.
            (
                "evening before",
                date!(2027 - 11 - 01),
                datetime!(2027-10-31 21:30 UTC),
                true,
            ),
            // Two days before: not yet.
            (
                "two days before",
                date!(2027 - 11 - 01),
                datetime!(2027-10-30 12:00 UTC),
                false,
            ),
        ];
        for (what, day, now, want) in cases {
            let got = due(
                *now,
                ProcessState::Phase1,
                f,
                &[session(1, *day, time!(09:00))],
            );
            assert_eq!(!got.is_empty(), *want, "{what}");
        }
    }

    /// A session already begun or past is reminded of no more; one later the same day still is,
    /// until it starts, when no server ran the day before.
    #[test]
    fn a_session_already_begun_gets_no_reminder() {
        let f = Some(UserId::new());
        let s = [
            session(1, date!(2027 - 01 - 12), time!(09:00)),
            session(2, date!(2027 - 01 - 12), time!(14:00)),
            session(3, date!(2027 - 01 - 05), time!(09:00)),
        ];
        // 12 January 10:00 local (08:00 UTC): the first began an hour ago.
        assert_eq!(
            due(datetime!(2027-01-12 08:00 UTC), ProcessState::Phase1, f, &s),
            vec![2]
        );
        // 14:00 local sharp: the second has begun.
        assert!(due(datetime!(2027-01-12 12:00 UTC), ProcessState::Phase1, f, &s).is_empty());
    }

    #[test]
    fn a_cancelled_or_closed_process_or_one_without_facilitator_is_not_reminded() {
        let s = [session(1, date!(2027 - 01 - 13), time!(09:00))];
        let now = datetime!(2027-01-12 10:00 UTC);
        let f = Some(UserId::new());
        assert_eq!(due(now, ProcessState::Agreed, f, &s), vec![1]);
        assert!(due(now, ProcessState::Cancelled, f, &s).is_empty());
        assert!(due(now, ProcessState::Closed, f, &s).is_empty());
        assert!(due(now, ProcessState::Agreed, None, &s).is_empty());
    }

    /// Every moment of a day before (every 7 minutes through it) finds the reminder due with the
    /// same key, so however often and wherever the pass runs, the outbox writes it once.
    #[test]
    fn every_pass_of_the_day_before_selects_the_same_reminder() {
        let tz = tz();
        let f = UserId::new();
        let s = [session(4, date!(2027 - 03 - 29), time!(09:00))];
        let p = PlannedProcess {
            id: ProcessId::new(),
            state: ProcessState::Phase2,
            facilitator: Some(f),
            sessions: &s,
        };
        let mut keys = BTreeSet::new();
        let mut t = datetime!(2027-03-28 05:00 UTC);
        while t < datetime!(2027-03-29 06:00 UTC) {
            let r = reminders_due(&tz, t, &[p]);
            assert_eq!(r.len(), 1, "due at {t}");
            keys.insert(r[0].dedupe());
            t += Duration::minutes(7);
        }
        assert_eq!(keys.len(), 1);
        // 09:00 local on the 29th, summer time, is 06:00 UTC: the session has begun.
        assert!(reminders_due(&tz, datetime!(2027-03-29 06:00 UTC), &[p]).is_empty());
    }

    fn practice(due: Date, status: PracticeStatus, state: ProcessState) -> DuePractice {
        DuePractice {
            practice: PracticeId::new(),
            process: ProcessId::new(),
            title: "Aamukahvit".into(),
            process_title: "Kotihoito".into(),
            due,
            status,
            process_state: state,
            orderer: UserId::new(),
            facilitator: Some(UserId::new()),
        }
    }

    #[test]
    fn a_follow_up_is_due_on_the_due_date_to_orderer_and_facilitator() {
        let tz = tz();
        let p = practice(
            date!(2027 - 05 - 10),
            PracticeStatus::InProgress,
            ProcessState::Closed,
        );
        // 10 May 08:00 in summer is 05:00 UTC.
        assert!(
            follow_ups_due(
                &tz,
                datetime!(2027-05-10 04:59 UTC),
                std::slice::from_ref(&p)
            )
            .is_empty()
        );
        let got = follow_ups_due(
            &tz,
            datetime!(2027-05-10 05:00 UTC),
            std::slice::from_ref(&p),
        );
        let to: Vec<UserId> = got.iter().map(|f| f.to).collect();
        assert_eq!(to, vec![p.orderer, p.facilitator.expect("set")]);
        // Two days late (a server that did not run) still; the third day no longer.
        assert_eq!(
            follow_ups_due(
                &tz,
                datetime!(2027-05-12 20:59 UTC),
                std::slice::from_ref(&p)
            )
            .len(),
            2
        );
        assert!(
            follow_ups_due(
                &tz,
                datetime!(2027-05-12 21:00 UTC),
                std::slice::from_ref(&p)
            )
            .is_empty()
        );
        // The same person as orderer and facilitator is told once.
        let same = DuePractice {
            facilitator: Some(p.orderer),
            ..p.clone()
        };
        assert_eq!(
            follow_ups_due(&tz, datetime!(2027-05-10 09:00 UTC), &[same]).len(),
            1
        );
    }

    #[test]
    fn done_dropped_and_cancelled_practices_are_not_followed_up() {
        let tz = tz();
        let now = datetime!(2027-05-10 09:00 UTC);
        for (status, state, want) in [
            (PracticeStatus::Agreed, ProcessState::Phase2, 2),
            (PracticeStatus::InProgress, ProcessState::Summary, 2),
            (PracticeStatus::Done, ProcessState::Closed, 0),
            (PracticeStatus::Dropped, ProcessState::Closed, 0),
            (PracticeStatus::Agreed, ProcessState::Cancelled, 0),
        ] {
            let p = practice(date!(2027 - 05 - 10), status, state);
            assert_eq!(
                follow_ups_due(&tz, now, &[p]).len(),
                want,
                "{status:?} in {state:?}"
            );
        }
    }

    #[test]
    fn the_dates_the_passes_ask_for() {
        let tz = tz();
        // 23:30 UTC on 9 May is already 10 May in Helsinki.
        let now = datetime!(2027-05-09 23:30 UTC);
        assert_eq!(
            reminder_dates(&tz, now),
            Some((date!(2027 - 05 - 10), date!(2027 - 05 - 11)))
        );
        assert_eq!(
            follow_up_dates(&tz, now),
            Some((date!(2027 - 05 - 08), date!(2027 - 05 - 10)))
        );
    }

    #[test]
    fn community_addresses_are_checked_line_by_line() {
        let input = CommunityInput {
            addresses: "liisa@kunta.fi\n\n  Pekka@Kunta.fi \nnot an address\nliisa@kunta.fi\nx@y"
                .into(),
            list: String::new(),
        };
        assert_eq!(
            input.validate(),
            Err(vec![
                CommunityError::Line {
                    line: 4,
                    text: "not an address".into()
                },
                CommunityError::Line {
                    line: 6,
                    text: "x@y".into()
                },
            ])
        );
        let ok = CommunityInput {
            addresses: "liisa@kunta.fi\n\n  Pekka@Kunta.fi \nliisa@kunta.fi".into(),
            list: " ".into(),
        };
        assert_eq!(
            ok.validate(),
            Ok(Some(Community::People(vec![
                "liisa@kunta.fi".into(),
                "pekka@kunta.fi".into()
            ])))
        );
        let list = CommunityInput {
            addresses: String::new(),
            list: "Koulu-8B@lista.kunta.fi".into(),
        };
        assert_eq!(
            list.validate(),
            Ok(Some(Community::List("koulu-8b@lista.kunta.fi".into())))
        );
        assert_eq!(CommunityInput::default().validate(), Ok(None));
        let both = CommunityInput {
            addresses: "liisa@kunta.fi".into(),
            list: "lista@kunta.fi".into(),
        };
        assert_eq!(both.validate(), Err(vec![CommunityError::Both]));
        let bad_list = CommunityInput {
            addresses: String::new(),
            list: "lista".into(),
        };
        assert_eq!(
            bad_list.validate(),
            Err(vec![CommunityError::List(FieldError::Invalid)])
        );
        let many = CommunityInput {
            addresses: (0..=MAX_COMMUNITY_ADDRESSES)
                .map(|i| format!("h{i}@kunta.fi\n"))
                .collect(),
            list: String::new(),
        };
        assert_eq!(
            many.validate(),
            Err(vec![CommunityError::TooMany {
                max: MAX_COMMUNITY_ADDRESSES
            }])
        );
    }

    #[test]
    fn the_community_is_written_to_in_the_process_language() {
        let set = |l: &[ParticipantLang]| l.iter().copied().collect::<BTreeSet<_>>();
        assert_eq!(community_lang(&set(&[ParticipantLang::Fi])), Lang::Fi);
        assert_eq!(
            community_lang(&set(&[ParticipantLang::Sv, ParticipantLang::Ar])),
            Lang::Sv
        );
        assert_eq!(
            community_lang(&set(&[ParticipantLang::Fi, ParticipantLang::Sv])),
            Lang::Fi
        );
        assert_eq!(community_lang(&set(&[ParticipantLang::So])), Lang::Fi);
    }
}
