//! The facilitator network's reports (part 9): dialogues (processes) per unit, method,
//! facilitator and month, days from the order to the first session, and feedback per method.
//! Pure aggregation over what the store gives; the web layer names units, methods and people.
//!
//! A process belongs to a period when its first session falls in it (both ends included);
//! processes without a session date and cancelled ones are left out. Its month is its first
//! session's month.
//!
//! Feedback is only ever summed per method over every session of the period's processes,
//! never per participant, session or process; a process counts only with [`MIN_RESPONSES`]
//! answers of its own, and a figure is shown only from [`MIN_RESPONSES`] answers, the rule the session's own results follow
//! ([`crate::feedback::results`]): below it the report carries the fact "fewer than five", not
//! a number ([`Gated::Fewer`]).

use crate::feedback::{Answer, MIN_RESPONSES};
use crate::{UnitId, UserId};
use std::collections::BTreeMap;
use time::Date;

/// One process as the reports read it.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportProcess {
    pub unit: Option<UnitId>,
    pub method: Option<String>,
    pub facilitator: Option<UserId>,
    /// The day it was ordered.
    pub ordered: Date,
    pub first_session: Option<Date>,
    pub cancelled: bool,
    /// Every response given in its sessions, each the answers of one response.
    pub responses: Vec<Vec<Answer>>,
}

/// A period, both days included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

impl Period {
    /// The calendar year of `day`.
    pub fn year_of(day: Date) -> Period {
        let y = day.year();
        Period {
            from: Date::from_calendar_date(y, time::Month::January, 1).expect("1 January"),
            to: Date::from_calendar_date(y, time::Month::December, 31).expect("31 December"),
        }
    }
    pub fn contains(&self, d: Date) -> bool {
        self.from <= d && d <= self.to
    }
}

/// The processes of a period: not cancelled, with a first session in it.
pub fn in_period(processes: &[ReportProcess], p: Period) -> Vec<&ReportProcess> {
    processes
        .iter()
        .filter(|x| !x.cancelled && x.first_session.is_some_and(|d| p.contains(d)))
        .collect()
}

/// Counts of processes by a key, the largest first, ties by the key.
fn count_by<K: Ord + Clone>(
    ps: &[&ReportProcess],
    key: impl Fn(&ReportProcess) -> K,
) -> Vec<(K, u32)> {
    let mut m: BTreeMap<K, u32> = BTreeMap::new();
    for p in ps {
        *m.entry(key(p)).or_default() += 1;
    }
    let mut v: Vec<(K, u32)> = m.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

pub fn per_unit(ps: &[&ReportProcess]) -> Vec<(Option<UnitId>, u32)> {
    count_by(ps, |p| p.unit)
}

pub fn per_method(ps: &[&ReportProcess]) -> Vec<(Option<String>, u32)> {
    count_by(ps, |p| p.method.clone())
}

pub fn per_facilitator(ps: &[&ReportProcess]) -> Vec<(Option<UserId>, u32)> {
    count_by(ps, |p| p.facilitator)
}

/// Processes per month of the period's first session, every month of the period from its first
/// to its last, zeros included, in calendar order: `(year, month 1–12, count)`.
pub fn per_month(ps: &[&ReportProcess], period: Period) -> Vec<(i32, u8, u32)> {
    let mut out = Vec::new();
    let (mut y, mut m) = (period.from.year(), u8::from(period.from.month()));
    let end = (period.to.year(), u8::from(period.to.month()));
    while (y, m) <= end {
        let n = ps
            .iter()
            .filter(|p| {
                p.first_session
                    .is_some_and(|d| d.year() == y && u8::from(d.month()) == m)
            })
            .count() as u32;
        out.push((y, m, n));
        if m == 12 {
            y += 1;
            m = 1;
        } else {
            m += 1;
        }
    }
    out
}

/// Days from the order to the first session, for one method.
#[derive(Clone, Debug, PartialEq)]
pub struct LeadTime {
    pub method: Option<String>,
    pub processes: u32,
    pub median: f64,
    pub min: i64,
    pub max: i64,
}

/// The median of sorted values; the mean of the middle two for an even count.
fn median(sorted: &[i64]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2] as f64
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0
    }
}

/// Days from order to first session per method, methods in name order. A session before the
/// order (a process recorded afterwards) counts as 0 days.
pub fn lead_times(ps: &[&ReportProcess]) -> Vec<LeadTime> {
    let mut m: BTreeMap<Option<String>, Vec<i64>> = BTreeMap::new();
    for p in ps {
        if let Some(first) = p.first_session {
            let days = (first - p.ordered).whole_days().max(0);
            m.entry(p.method.clone()).or_default().push(days);
        }
    }
    m.into_iter()
        .map(|(method, mut days)| {
            days.sort_unstable();
            LeadTime {
                method,
                processes: days.len() as u32,
                median: median(&days),
                min: days[0],
                max: days[days.len() - 1],
            }
        })
        .collect()
}

/// A figure shown only from [`MIN_RESPONSES`] answers.
#[derive(Clone, Debug, PartialEq)]
pub enum Gated<T> {
    /// Fewer than [`MIN_RESPONSES`] answers: neither the figure nor their exact number is told.
    Fewer,
    Shown(T),
}

/// The feedback of one method's sessions in the period.
#[derive(Clone, Debug, PartialEq)]
pub struct MethodFeedback {
    pub method: Option<String>,
    /// How many responses, and the mean of their answers on the 1–5 scale over every scale
    /// question (a response that rated nothing counts as a response but adds no rating).
    pub figures: Gated<FeedbackFigures>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FeedbackFigures {
    pub responses: u32,
    /// `None` when no response rated anything.
    pub mean: Option<f64>,
}

/// Feedback per method, summed over the sessions of the processes, methods in name order;
/// methods whose processes got no response are left out. The number of responses is itself a
/// figure: under [`MIN_RESPONSES`] it is not told either.
///
/// A process's responses count only when it has [`MIN_RESPONSES`] of them itself. A period
/// takes or leaves whole processes, so comparing the figures of two periods (or of a period
/// and its sub-period) can uncover at most the difference of whole processes, each of five
/// answers or more, never the few answers of one small session.
pub fn feedback_per_method(ps: &[&ReportProcess]) -> Vec<MethodFeedback> {
    let mut m: BTreeMap<Option<String>, (usize, u64, u64)> = BTreeMap::new();
    for p in ps {
        if p.responses.is_empty() {
            continue;
        }
        let e = m.entry(p.method.clone()).or_default();
        if p.responses.len() < MIN_RESPONSES {
            continue;
        }
        for r in &p.responses {
            e.0 += 1;
            for a in r {
                if let Answer::Scale(v) = a {
                    e.1 += u64::from(*v);
                    e.2 += 1;
                }
            }
        }
    }
    m.into_iter()
        .map(|(method, (responses, sum, rated))| MethodFeedback {
            method,
            figures: if responses < MIN_RESPONSES {
                Gated::Fewer
            } else {
                Gated::Shown(FeedbackFigures {
                    responses: responses as u32,
                    mean: (rated > 0).then(|| sum as f64 / rated as f64),
                })
            },
        })
        .collect()
}

/// What the network gives the organisation's catalogue entry (part 4): people trained in any
/// method, per method (methods nobody is trained in left out, the most first), and those who
/// facilitated a process whose first session was within the last 12 months. `None` when the
/// network has nobody trained: the organisation keeps no network here, and its hand-entered
/// figure stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogueFeed {
    pub trained: u32,
    pub per_method: Vec<(String, u32)>,
    pub active: u32,
}

pub fn catalogue_feed(
    members: &[crate::network::NetworkMember],
    today: Date,
) -> Option<CatalogueFeed> {
    let trained = members.iter().filter(|m| !m.trained.is_empty()).count() as u32;
    if trained == 0 {
        return None;
    }
    let mut per: BTreeMap<&str, u32> = BTreeMap::new();
    for m in members {
        for t in &m.trained {
            *per.entry(t.as_str()).or_default() += 1;
        }
    }
    let mut per_method: Vec<(String, u32)> =
        per.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    per_method.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let since = today - time::Duration::days(365);
    let active = members
        .iter()
        .filter(|m| m.last_facilitated.is_some_and(|d| d > since && d <= today))
        .count() as u32;
    Some(CatalogueFeed {
        trained,
        per_method,
        active,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    fn proc(method: &str, ordered: Date, first: Option<Date>, answers: &[u8]) -> ReportProcess {
        ReportProcess {
            unit: None,
            method: Some(method.into()),
            facilitator: None,
            ordered,
            first_session: first,
            cancelled: false,
            responses: answers.iter().map(|a| vec![Answer::Scale(*a)]).collect(),
        }
    }

    #[test]
    fn the_period_takes_first_sessions_in_it_and_not_cancelled() {
        let y = Period::year_of(date!(2026 - 06 - 01));
        let mut c = proc(
            "eratauko",
            date!(2026 - 01 - 01),
            Some(date!(2026 - 02 - 01)),
            &[],
        );
        c.cancelled = true;
        let ps = vec![
            proc(
                "eratauko",
                date!(2025 - 12 - 01),
                Some(date!(2026 - 01 - 01)),
                &[],
            ),
            proc(
                "eratauko",
                date!(2025 - 12 - 01),
                Some(date!(2025 - 12 - 31)),
                &[],
            ),
            proc("eratauko", date!(2026 - 01 - 01), None, &[]),
            c,
        ];
        assert_eq!(in_period(&ps, y).len(), 1);
    }

    #[test]
    fn counts_months_and_lead_times() {
        let ps = [
            proc("a", date!(2026 - 01 - 01), Some(date!(2026 - 01 - 11)), &[]),
            proc("a", date!(2026 - 01 - 01), Some(date!(2026 - 01 - 21)), &[]),
            proc("a", date!(2026 - 03 - 01), Some(date!(2026 - 03 - 02)), &[]),
            proc("b", date!(2026 - 03 - 05), Some(date!(2026 - 03 - 01)), &[]),
        ];
        let refs: Vec<_> = ps.iter().collect();
        assert_eq!(
            per_method(&refs),
            vec![(Some("a".into()), 3), (Some("b".into()), 1)]
        );
        let months = per_month(&refs, Period::year_of(date!(2026 - 01 - 01)));
        assert_eq!(months.len(), 12);
        assert_eq!(months[0], (2026, 1, 2));
        assert_eq!(months[1], (2026, 2, 0));
        assert_eq!(months[2], (2026, 3, 2));
        let lt = lead_times(&refs);
        assert_eq!(
            lt[0],
            LeadTime {
                method: Some("a".into()),
                processes: 3,
                median: 10.0,
                min: 1,
                max: 20
            }
        );
        // A session before the order counts as no wait.
        assert_eq!((lt[1].min, lt[1].max, lt[1].median), (0, 0, 0.0));
        let even = [
            proc("c", date!(2026 - 01 - 01), Some(date!(2026 - 01 - 02)), &[]),
            proc("c", date!(2026 - 01 - 01), Some(date!(2026 - 01 - 05)), &[]),
        ];
        let refs: Vec<_> = even.iter().collect();
        assert_eq!(lead_times(&refs)[0].median, 2.5);
    }

    #[test]
    fn feedback_shows_from_five_responses_over_processes() {
        let d = date!(2026 - 01 - 01);
        // Five answers of one process are shown; a process of two answers adds nothing, so
        // that leaving it out of a period could not uncover its two.
        let ps = [
            proc("a", d, Some(d), &[5, 4, 3, 2, 1]),
            proc("a", d, Some(d), &[5, 5]),
            proc("b", d, Some(d), &[5, 5, 5, 5]),
            proc("c", d, Some(d), &[5, 5, 5]),
            proc("c", d, Some(d), &[1, 1, 1]),
        ];
        let refs: Vec<_> = ps.iter().collect();
        let f = feedback_per_method(&refs);
        assert_eq!(
            f[0].figures,
            Gated::Shown(FeedbackFigures {
                responses: 5,
                mean: Some(3.0)
            })
        );
        assert_eq!(f[1].figures, Gated::Fewer);
        assert_eq!(
            f[2].figures,
            Gated::Fewer,
            "3 + 3 in two processes: neither counts"
        );
    }

    #[test]
    fn the_catalogue_feed_counts_trained_and_active_people() {
        use crate::network::NetworkMember;
        let today = date!(2026 - 12 - 04);
        let m = |trained: &[&str], last: Option<Date>| NetworkMember {
            user: UserId::new(),
            profile: None,
            trained: trained.iter().map(|s| (*s).to_owned()).collect(),
            absences: Vec::new(),
            last_facilitated: last,
        };
        assert_eq!(catalogue_feed(&[m(&[], Some(today))], today), None);
        let feed = catalogue_feed(
            &[
                m(&["eratauko", "luokkadialogi"], Some(date!(2026 - 01 - 10))),
                m(&["eratauko"], Some(date!(2025 - 12 - 01))),
                m(&[], Some(date!(2026 - 11 - 30))),
            ],
            today,
        )
        .expect("a network");
        assert_eq!(
            feed,
            CatalogueFeed {
                trained: 2,
                per_method: vec![("eratauko".into(), 2), ("luokkadialogi".into(), 1)],
                active: 2,
            }
        );
    }

    proptest! {
        /// Whatever the processes, no method's feedback figure rests on fewer than five
        /// responses, and every shown figure counts exactly that method's responses in
        /// processes of five or more.
        #[test]
        fn the_threshold_never_leaks(
            sizes in proptest::collection::vec((0usize..3, 0usize..7, 1u8..=5), 0..12)
        ) {
            let d = date!(2026 - 01 - 01);
            let ps: Vec<ReportProcess> = sizes
                .iter()
                .map(|(m, n, v)| proc(&format!("m{m}"), d, Some(d), &vec![*v; *n]))
                .collect();
            let refs: Vec<_> = ps.iter().collect();
            for f in feedback_per_method(&refs) {
                let total: usize = ps
                    .iter()
                    .filter(|p| p.method == f.method && p.responses.len() >= MIN_RESPONSES)
                    .map(|p| p.responses.len())
                    .sum();
                match f.figures {
                    Gated::Fewer => prop_assert!(total < MIN_RESPONSES),
                    Gated::Shown(x) => {
                        prop_assert!(x.responses as usize >= MIN_RESPONSES);
                        prop_assert_eq!(x.responses as usize, total);
                        let mean = x.mean.expect("every response rated");
                        prop_assert!((1.0..=5.0).contains(&mean));
                    }
                }
            }
        }

        /// Every process of the period is counted once in each table.
        #[test]
        fn each_table_counts_every_process_once(
            days in proptest::collection::vec((0i64..800, 0i64..60, 0usize..3), 0..30)
        ) {
            let base = date!(2025 - 06 - 01);
            let ps: Vec<ReportProcess> = days
                .iter()
                .map(|(o, w, m)| {
                    let ordered = base + time::Duration::days(*o);
                    proc(&format!("m{m}"), ordered, Some(ordered + time::Duration::days(*w)), &[])
                })
                .collect();
            let period = Period::year_of(date!(2026 - 03 - 01));
            let inp = in_period(&ps, period);
            let n = inp.len() as u32;
            prop_assert_eq!(per_unit(&inp).iter().map(|x| x.1).sum::<u32>(), n);
            prop_assert_eq!(per_method(&inp).iter().map(|x| x.1).sum::<u32>(), n);
            prop_assert_eq!(per_facilitator(&inp).iter().map(|x| x.1).sum::<u32>(), n);
            prop_assert_eq!(per_month(&inp, period).iter().map(|x| x.2).sum::<u32>(), n);
            prop_assert_eq!(lead_times(&inp).iter().map(|x| x.processes).sum::<u32>(), n);
            for l in lead_times(&inp) {
                prop_assert!(l.min as f64 <= l.median && l.median <= l.max as f64);
            }
        }
    }
}
