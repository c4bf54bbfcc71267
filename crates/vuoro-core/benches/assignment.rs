//! How long proposing facilitators takes: the ranking for one order among 1,000 facilitators (a
//! page of the order), the joint assignment of 500 waiting orders over 1,000 facilitators (the
//! coordinator's button), and the same batch over a network of only 50. The network is
//! generated from a fixed seed, so every run measures the same work; the figures go to
//! BENCHMARKS.md.

use std::collections::{BTreeMap, BTreeSet};
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;
use vuoro_core::assignment::{Busy, BusyKind, Candidate, Need, Span, YearMonth, joint, rank};
use vuoro_core::lang::ParticipantLang;
use vuoro_core::order::ParticipantKind;
use vuoro_core::{OrgId, UnitId, UserId};

/// A small linear congruential generator (Knuth's MMIX constants): enough to spread a test
/// network, and no crate for it.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as u32
    }

    fn below(&mut self, n: u32) -> u32 {
        self.next() % n
    }

    fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent
    }
}

const METHODS: [&str; 4] = [
    "eratauko",
    "dialogi-cafe",
    "open-space",
    "tulevaisuuden-muistelu",
];

fn org(k: u32) -> OrgId {
    OrgId::from_uuid(Uuid::from_u128(0x0a00_0000 + u128::from(k)))
}

fn unit(k: u32) -> UnitId {
    UnitId::from_uuid(Uuid::from_u128(0x0b00_0000 + u128::from(k)))
}

/// A moment in March or April 2026, on a weekday-like grid of working hours.
fn moment(rng: &mut Lcg) -> OffsetDateTime {
    let start = datetime!(2026-03-02 08:00 +02:00);
    start + Duration::days(i64::from(rng.below(56))) + Duration::hours(i64::from(rng.below(8)))
}

fn span(rng: &mut Lcg, minutes: u32) -> Span {
    let start = moment(rng);
    Span::new(start, start + Duration::minutes(i64::from(minutes)))
}

/// A city's network of 1,000 facilitators in 40 units, and two partner organisations'.
fn candidates(rng: &mut Lcg, n: u32) -> Vec<Candidate> {
    (0..n)
        .map(|k| {
            // Four in five are the city's own.
            let o = if rng.chance(80) { 0 } else { 1 + rng.below(2) };
            let methods: BTreeSet<String> = METHODS
                .iter()
                .filter(|_| rng.chance(40))
                .map(|m| (*m).to_owned())
                .collect();
            let mut languages = BTreeSet::new();
            for (lang, p) in [
                (ParticipantLang::Fi, 95),
                (ParticipantLang::Sv, 30),
                (ParticipantLang::En, 60),
                (ParticipantLang::Ar, 3),
                (ParticipantLang::So, 2),
            ] {
                if rng.chance(p) {
                    languages.insert(lang);
                }
            }
            let kinds = rng.chance(30).then(|| {
                [ParticipantKind::Staff, ParticipantKind::Residents]
                    .into_iter()
                    .chain(rng.chance(50).then_some(ParticipantKind::Pupils))
                    .collect()
            });
            let capacity = 240 + 60 * rng.below(9);
            let booked: BTreeMap<YearMonth, u32> = [3u8, 4]
                .into_iter()
                .map(|m| {
                    let ym = YearMonth {
                        year: 2026,
                        month: m,
                    };
                    (ym, rng.below(capacity / 2))
                })
                .collect();
            let busy = (0..4)
                .map(|_| {
                    let minutes = 120 + 30 * rng.below(3);
                    Busy {
                        span: span(rng, minutes),
                        kind: if rng.chance(20) {
                            BusyKind::Absence
                        } else {
                            BusyKind::Session
                        },
                    }
                })
                .collect();
            Candidate {
                id: UserId::from_uuid(Uuid::from_u128(u128::from(k) + 1)),
                org: org(o),
                unit: Some(unit(o * 100 + rng.below(if o == 0 { 40 } else { 5 }))),
                community: None,
                methods,
                languages,
                kinds,
                capacity_minutes: capacity,
                booked,
                busy,
                load_last_year_minutes: rng.below(20_000),
                volunteered: rng.chance(30),
                // Seven in ten, without drawing from the generator, so the data stays as before.
                takes_outsider: k % 10 < 7,
            }
        })
        .collect()
}

/// The city's waiting orders; one in ten needs an outsider.
fn needs(rng: &mut Lcg, n: u32) -> Vec<Need> {
    (0..n)
        .map(|_| {
            let mut languages = BTreeSet::from([ParticipantLang::Fi]);
            if rng.chance(15) {
                languages.insert(ParticipantLang::Sv);
            }
            if rng.chance(10) {
                languages.insert(ParticipantLang::En);
            }
            let kinds = BTreeSet::from([if rng.chance(70) {
                ParticipantKind::Staff
            } else {
                ParticipantKind::Pupils
            }]);
            let method = (!rng.chance(20)).then(|| METHODS[rng.below(4) as usize].to_owned());
            let sessions = (0..1 + rng.below(2))
                .map(|_| {
                    let minutes = 90 + 30 * rng.below(4);
                    span(rng, minutes)
                })
                .collect();
            Need {
                org: org(0),
                unit: Some(unit(rng.below(40))),
                community: None,
                needs_outsider: rng.chance(10),
                method,
                languages,
                kinds,
                sessions,
                declined: Default::default(),
                volunteers: Default::default(),
                // The city's two partners share their facilitators for every order.
                partners: BTreeSet::from([org(1), org(2)]),
            }
        })
        .collect()
}

fn bench_assignment(c: &mut Criterion) {
    let mut rng = Lcg(2026);
    let facilitators = candidates(&mut rng, 1_000);
    let waiting = needs(&mut rng, 500);

    c.bench_function("rank 1 order among 1000 facilitators", |b| {
        b.iter(|| rank(black_box(&waiting[0]), black_box(&facilitators)))
    });

    let mut group = c.benchmark_group("joint");
    // One iteration takes long enough that criterion's default of 100 samples would run for
    // minutes; ten samples still show the spread.
    group.sample_size(10);
    group.bench_function("joint 500 orders over 1000 facilitators", |b| {
        b.iter(|| joint(black_box(&waiting), black_box(&facilitators)))
    });
    // A batch larger than the network: each facilitator takes several orders over the rounds,
    // and most orders are left for later.
    let few = &facilitators[..50];
    group.bench_function("joint 500 orders over 50 facilitators", |b| {
        b.iter(|| joint(black_box(&waiting), black_box(few)))
    });
    group.finish();
}

criterion_group!(benches, bench_assignment);
criterion_main!(benches);
