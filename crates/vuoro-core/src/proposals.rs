//! The ranking's inputs from the domain's values (Part 9, assignment): the [`Need`] of an
//! order from the order and its plan's sessions, and each facilitator's [`Candidate`] from the
//! network's member and the planned sessions of the processes they facilitate. Nothing here
//! reads a clock or a store: the web layer reads the members, the processes and their plans and
//! passes `now`.
//!
//! Hours are planned from the plan: a session's facilitation minutes are its length, counted in
//! its Finnish month ([`minutes_per_month`]), and corrected after it when the facilitator or a
//! coordinator records the hours it really took ([`Booked`]). Every session of the month
//! counts against the month's capacity, the ones already held too, so a month half used is
//! half full.

use crate::assignment::{Busy, BusyKind, Candidate, Need, Span, YearMonth};
use crate::ids::{OrgId, ProcessId, UserId};
use crate::network::{NetworkMember, candidate};
use crate::notices;
use crate::order::{MethodChoice, Order};
use crate::plan::PlanSession;
use jiff::tz::TimeZone;
use std::collections::{BTreeMap, BTreeSet};
use time::{Duration, OffsetDateTime};

/// How far back the fairness criterion looks: the last twelve months.
pub const LOAD_WINDOW_DAYS: i64 = 365;

/// The plan's sessions as spans of time: each from its start to its end on its date in
/// Helsinki. A session whose times do not fall on a real moment (never from a validated plan)
/// is read as its whole day, so it still counts as busy.
pub fn session_spans(tz: &TimeZone, sessions: &[PlanSession]) -> Vec<Span> {
    sessions
        .iter()
        .map(|s| {
            let start = notices::local_moment(tz, s.date, s.start);
            let end = notices::local_moment(tz, s.date, s.end);
            match (start, end) {
                (Some(a), Some(b)) if b > a => Span::new(a, b),
                _ => {
                    let a = s.date.midnight().assume_utc();
                    Span::new(a, a + Duration::days(1))
                }
            }
        })
        .collect()
}

/// Minutes per Finnish month of these spans (a span counts in the month it starts in).
pub fn minutes_per_month(spans: &[Span]) -> BTreeMap<YearMonth, u32> {
    let mut out = BTreeMap::new();
    for s in spans {
        let m: &mut u32 = out.entry(YearMonth::of(s.start)).or_default();
        *m = m.saturating_add(s.minutes());
    }
    out
}

/// The method an order is ranked on: the plan's method once the facilitator or coordinator
/// chose one, otherwise the order's; `None` when the orderer asked for advice and nobody chose
/// yet (then nobody is refused for their training).
pub fn method_of(order: &Order, plan_method: Option<&str>) -> Option<String> {
    plan_method.map(str::to_owned).or(match &order.method {
        MethodChoice::Method(m) => Some(m.clone()),
        MethodChoice::AdviseMe => None,
    })
}

/// The need of an order in `org`. The work community is not keyed (profiles do not name
/// one), so only the unit rule keeps a facilitator from leading their own; an order whose
/// community needs an outsider keeps everyone of `org` from leading it.
pub fn need(org: OrgId, order: &Order, method: Option<String>, sessions: Vec<Span>) -> Need {
    Need {
        org,
        unit: order.unit,
        community: None,
        needs_outsider: order.needs_outsider,
        method,
        languages: order.languages.clone(),
        kinds: order.participant_kinds.clone(),
        sessions,
        declined: BTreeSet::new(),
        volunteers: BTreeSet::new(),
        partners: BTreeSet::new(),
    }
}

/// A session as it books its facilitator: when it is, its planned length, and the minutes
/// recorded after it, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Booked {
    pub span: Span,
    pub planned: u32,
    pub used: Option<u32>,
}

impl Booked {
    /// What the session counts: the hours recorded after it, else its planned length.
    pub fn minutes(&self) -> u32 {
        self.used.unwrap_or(self.planned)
    }
}

/// The plan's sessions as they book the facilitator, with the minutes recorded after any of
/// them (by the plan session's id).
pub fn booked_sessions(
    tz: &TimeZone,
    sessions: &[PlanSession],
    used: &BTreeMap<u32, u32>,
) -> Vec<Booked> {
    session_spans(tz, sessions)
        .into_iter()
        .zip(sessions)
        .map(|(span, s)| Booked {
            span,
            planned: span.minutes(),
            used: used.get(&s.id).copied(),
        })
        .collect()
}

/// A month's facilitation minutes: as planned, and as corrected by the hours recorded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MonthMinutes {
    pub planned: u32,
    pub corrected: u32,
}

/// Minutes per Finnish month of these sessions, planned and corrected.
pub fn booked_per_month(sessions: &[Booked]) -> BTreeMap<YearMonth, MonthMinutes> {
    let mut out: BTreeMap<YearMonth, MonthMinutes> = BTreeMap::new();
    for b in sessions {
        let m = out.entry(YearMonth::of(b.span.start)).or_default();
        m.planned = m.planned.saturating_add(b.planned);
        m.corrected = m.corrected.saturating_add(b.minutes());
    }
    out
}

/// A process a facilitator leads and its sessions: what books their months.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Booking {
    pub process: ProcessId,
    pub facilitator: UserId,
    pub sessions: Vec<Booked>,
}

/// Each member as the ranking sees them: [`candidate`] plus, from the other processes they
/// lead (`skip`, the order being ranked, is left out), the minutes booked per month, their
/// sessions as busy time and the minutes facilitated over the [`LOAD_WINDOW_DAYS`] before
/// `now`, each session counting the hours recorded after it where there are.
pub fn candidates(
    org: OrgId,
    members: &[NetworkMember],
    bookings: &[Booking],
    skip: Option<ProcessId>,
    now: OffsetDateTime,
) -> Vec<Candidate> {
    let since = now - Duration::days(LOAD_WINDOW_DAYS);
    members
        .iter()
        .map(|m| {
            let mut c = candidate(org, m);
            for b in bookings
                .iter()
                .filter(|b| b.facilitator == m.user && Some(b.process) != skip)
            {
                for (month, minutes) in booked_per_month(&b.sessions) {
                    let e = c.booked.entry(month).or_default();
                    *e = e.saturating_add(minutes.corrected);
                }
                for s in &b.sessions {
                    c.busy.push(Busy {
                        span: s.span,
                        kind: BusyKind::Session,
                    });
                    if s.span.start >= since && s.span.start < now {
                        c.load_last_year_minutes =
                            c.load_last_year_minutes.saturating_add(s.minutes());
                    }
                }
            }
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assignment::{Reason, rank};
    use crate::lang::ParticipantLang;
    use crate::method::Format;
    use crate::network::Profile;
    use std::collections::BTreeSet;
    use time::macros::{date, datetime, time};

    fn tz() -> TimeZone {
        notices::helsinki().expect("the bundled zone database has Helsinki")
    }

    /// Sessions booked as planned, nothing recorded.
    fn planned(tz: &TimeZone, sessions: &[PlanSession]) -> Vec<Booked> {
        booked_sessions(tz, sessions, &BTreeMap::new())
    }

    fn session(id: u32, d: time::Date, from: time::Time, to: time::Time) -> PlanSession {
        PlanSession {
            id,
            title: "s".into(),
            phase: 1,
            date: d,
            start: from,
            end: to,
            format: Format::FaceToFace,
            place: None,
            online_link: None,
        }
    }

    fn order(unit: Option<crate::ids::UnitId>) -> Order {
        Order {
            community: "Koulu".into(),
            unit,
            reason: "r".into(),
            outcome: "o".into(),
            timing: "t".into(),
            participant_count: 10,
            participant_kinds: BTreeSet::from([crate::order::ParticipantKind::Staff]),
            languages: BTreeSet::from([ParticipantLang::Fi]),
            format: Format::FaceToFace,
            method: MethodChoice::Method("eratauko".into()),
            needs_outsider: false,
        }
    }

    fn member(user: UserId, capacity_hours: u32) -> NetworkMember {
        NetworkMember {
            user,
            profile: Some(Profile {
                unit: None,
                languages: BTreeSet::from([ParticipantLang::Fi]),
                methods: BTreeSet::new(),
                takes_outsider: true,
                capacity_minutes: capacity_hours * 60,
            }),
            trained: BTreeSet::from(["eratauko".to_owned()]),
            absences: vec![],
            last_facilitated: None,
        }
    }

    #[test]
    fn sessions_are_read_in_helsinki_time() {
        // Summer time: 9–11 in Helsinki is 6–8 UTC.
        let spans = session_spans(
            &tz(),
            &[session(1, date!(2026 - 06 - 01), time!(9:00), time!(11:00))],
        );
        assert_eq!(spans[0].start, datetime!(2026-06-01 6:00 UTC));
        assert_eq!(spans[0].minutes(), 120);
        // A session at 00:30 on the first counts for that Finnish month.
        let early = session_spans(
            &tz(),
            &[session(1, date!(2026 - 03 - 01), time!(0:30), time!(1:30))],
        );
        assert_eq!(
            minutes_per_month(&early),
            BTreeMap::from([(
                YearMonth {
                    year: 2026,
                    month: 3
                },
                60
            )])
        );
    }

    #[test]
    fn the_plan_method_wins_over_the_order() {
        let o = order(None);
        assert_eq!(method_of(&o, None).as_deref(), Some("eratauko"));
        assert_eq!(
            method_of(&o, Some("dialogi-cafe")).as_deref(),
            Some("dialogi-cafe")
        );
        let mut advise = o.clone();
        advise.method = MethodChoice::AdviseMe;
        assert_eq!(method_of(&advise, None), None);
    }

    #[test]
    fn other_processes_book_months_and_busy_time_but_not_the_one_ranked() {
        let tz = tz();
        let org = OrgId::new();
        let a = UserId::new();
        let this = ProcessId::new();
        let other = ProcessId::new();
        let sessions = planned(
            &tz,
            &[session(1, date!(2026 - 09 - 10), time!(9:00), time!(12:00))],
        );
        let bookings = vec![
            Booking {
                process: other,
                facilitator: a,
                sessions: sessions.clone(),
            },
            Booking {
                process: this,
                facilitator: a,
                sessions: planned(
                    &tz,
                    &[session(1, date!(2026 - 09 - 20), time!(9:00), time!(10:00))],
                ),
            },
        ];
        let now = datetime!(2026-12-01 10:00 UTC);
        let c = candidates(org, &[member(a, 6)], &bookings, Some(this), now);
        assert_eq!(
            c[0].booked,
            BTreeMap::from([(
                YearMonth {
                    year: 2026,
                    month: 9
                },
                180
            )])
        );
        assert_eq!(c[0].busy.len(), 1);
        assert_eq!(c[0].load_last_year_minutes, 180);
        // A year and more later the load has run out of the window.
        let later = candidates(
            org,
            &[member(a, 6)],
            &bookings,
            Some(this),
            now + Duration::days(400),
        );
        assert_eq!(later[0].load_last_year_minutes, 0);
    }

    #[test]
    fn hours_recorded_after_a_session_replace_its_planned_length() {
        let tz = tz();
        let org = OrgId::new();
        let a = UserId::new();
        let plan = [
            session(1, date!(2026 - 09 - 10), time!(9:00), time!(12:00)),
            session(2, date!(2026 - 09 - 24), time!(9:00), time!(10:00)),
        ];
        // The first session took four hours with its preparation; the second is as planned.
        let used = BTreeMap::from([(1, 240)]);
        let sessions = booked_sessions(&tz, &plan, &used);
        assert_eq!(sessions[0].minutes(), 240);
        assert_eq!(sessions[1].minutes(), 60);
        let september = YearMonth {
            year: 2026,
            month: 9,
        };
        assert_eq!(
            booked_per_month(&sessions)[&september],
            MonthMinutes {
                planned: 240,
                corrected: 300
            }
        );
        let bookings = [Booking {
            process: ProcessId::new(),
            facilitator: a,
            sessions,
        }];
        let c = candidates(
            org,
            &[member(a, 6)],
            &bookings,
            None,
            datetime!(2026-12-01 10:00 UTC),
        );
        assert_eq!(c[0].booked[&september], 300);
        assert_eq!(c[0].load_last_year_minutes, 300);
        // Six hours a month: two more hours in September no longer fit.
        let more = session_spans(
            &tz,
            &[session(3, date!(2026 - 09 - 28), time!(9:00), time!(11:00))],
        );
        let r = rank(&need(org, &order(None), None, more), &c);
        assert!(r.proposed.is_empty());
    }

    #[test]
    fn a_full_month_is_never_proposed_and_a_clash_is_named() {
        let tz = tz();
        let org = OrgId::new();
        let (full, clashing, free) = (UserId::new(), UserId::new(), UserId::new());
        let day = date!(2026 - 10 - 05);
        let members = [member(full, 3), member(clashing, 20), member(free, 20)];
        let bookings = vec![
            Booking {
                process: ProcessId::new(),
                facilitator: full,
                sessions: planned(
                    &tz,
                    &[session(1, date!(2026 - 10 - 20), time!(9:00), time!(11:00))],
                ),
            },
            Booking {
                process: ProcessId::new(),
                facilitator: clashing,
                sessions: planned(&tz, &[session(1, day, time!(10:00), time!(12:00))]),
            },
        ];
        let spans = session_spans(&tz, &[session(1, day, time!(9:00), time!(11:00))]);
        let n = need(org, &order(None), Some("eratauko".into()), spans);
        let cands = candidates(
            org,
            &members,
            &bookings,
            None,
            datetime!(2026-09-01 0:00 UTC),
        );
        let r = rank(&n, &cands);
        assert_eq!(r.proposed.len(), 1);
        assert_eq!(r.proposed[0].candidate, free);
        let why = |u: UserId| {
            r.not_proposed
                .iter()
                .find(|p| p.candidate == u)
                .map(|p| p.reasons.clone())
                .expect("not proposed")
        };
        assert!(
            why(full)
                .iter()
                .any(|r| matches!(r, Reason::OverCapacity { .. }))
        );
        assert!(
            why(clashing)
                .iter()
                .any(|r| matches!(r, Reason::Clash { .. }))
        );
    }
}
