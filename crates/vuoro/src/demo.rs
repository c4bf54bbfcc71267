//! Demonstration data: one city with units, a person in each role and processes in several
//! states, so every page has something to show on a fresh machine.

use anyhow::Context;
use std::collections::BTreeSet;
use vuoro_core::lang::ParticipantLang;
use vuoro_core::method::{Format, MethodLibrary};
use vuoro_core::order::{MethodChoice, Order, ParticipantKind};
use vuoro_core::plan::{Plan, SessionInput, SummaryVisibility};
use vuoro_core::process::{self, Readiness, Transition};
use vuoro_core::{ProcessState, Role, RoleSet, UnitId, UserId};
use vuoro_store::{ApprovalSide, NewProcess, NewUser, OrgPlan, PlanArea, Store};

pub const PASSWORD: &str = "vuoro-demo-2026";

const PEOPLE: &[(&str, &str, &[Role])] = &[
    ("admin@demo.vuoro.fi", "Aino Ylläpitäjä", &[Role::Admin]),
    (
        "koordinaattori@demo.vuoro.fi",
        "Kaisa Koordinaattori",
        &[Role::Coordinator],
    ),
    ("tilaaja@demo.vuoro.fi", "Tuomas Tilaaja", &[Role::Orderer]),
    (
        "fasilitaattori@demo.vuoro.fi",
        "Fanni Fasilitaattori",
        &[Role::Facilitator],
    ),
    (
        "vetaja@demo.vuoro.fi",
        "Veikko Vetäjä",
        &[Role::Facilitator, Role::Orderer],
    ),
];

/// The city's partner, a wellbeing services county that shares its facilitators with the city
/// for orders that need an outsider (part 9).
const PARTNER: &str = "Esimerkkilän hyvinvointialue";
const PARTNER_PEOPLE: &[(&str, &str, &[Role])] = &[
    (
        "hyvinvointialue@demo.vuoro.fi",
        "Helmi Hyvärinen",
        &[Role::Admin, Role::Coordinator],
    ),
    (
        "kumppani@demo.vuoro.fi",
        "Kalle Kumppani",
        &[Role::Facilitator],
    ),
    (
        "kumppani2@demo.vuoro.fi",
        "Katja Kumpulainen",
        &[Role::Facilitator],
    ),
];

pub fn banner() -> String {
    let mut s = String::from("Demo log-ins (password for all: ");
    s.push_str(PASSWORD);
    s.push_str("):\n");
    let line = |s: &mut String, (email, name, roles): &(&str, &str, &[Role])| {
        let roles: Vec<&str> = roles.iter().map(|r| r.code()).collect();
        s.push_str(&format!("  {email:<32} {name} ({})\n", roles.join(", ")));
    };
    for p in PEOPLE {
        line(&mut s, p);
    }
    s.push_str(&format!("The city's partner, {PARTNER}:\n"));
    for p in PARTNER_PEOPLE {
        line(&mut s, p);
    }
    s
}

fn order(
    community: &str,
    unit: Option<UnitId>,
    method: MethodChoice,
    kinds: &[ParticipantKind],
) -> Order {
    Order {
        community: community.into(),
        unit,
        reason: "Toimintatapamme ovat muuttuneet, ja haluamme kuulla jokaista ennen seuraavia päätöksiä.".into(),
        outcome: "Yhteinen ymmärrys siitä, mikä meillä toimii ja mitä kehitämme.".into(),
        timing: "Kevät 2027".into(),
        participant_count: 16,
        participant_kinds: kinds.iter().copied().collect(),
        languages: BTreeSet::from([ParticipantLang::Fi, ParticipantLang::Sv]),
        format: Format::FaceToFace,
        method,
        needs_outsider: false,
    }
}

fn session(title: &str, phase: u32, date: &str) -> SessionInput {
    SessionInput {
        title: title.into(),
        phase: phase.to_string(),
        date: date.into(),
        start: "13:00".into(),
        end: "15:00".into(),
        format: "face_to_face".into(),
        place: "Kaupungintalo, neuvotteluhuone Aalto".into(),
        online_link: String::new(),
    }
}

/// Adds the demo data unless it is there already. Refuses a database that holds accounts the
/// demo did not create: the demo adds a site administrator whose password is published, which
/// must never happen to a real installation's database.
/// The rest of the demo city's facilitator network (part 9): name, home unit (an index into the
/// demo's units, or none), the participant languages they facilitate in, the methods they take
/// on, hours a month, and whether they take on orders that need an outsider. Each logs in as
/// `verkosto01@demo.vuoro.fi` and so on, with the demo password.
type NetworkPerson = (
    &'static str,
    Option<usize>,
    &'static [&'static str],
    &'static [&'static str],
    u32,
    bool,
);

const NETWORK: &[NetworkPerson] = &[
    (
        "Aada Aaltonen",
        Some(0),
        &["fi"],
        &["luokkadialogi", "eratauko"],
        6,
        false,
    ),
    (
        "Benjamin Berg",
        Some(1),
        &["fi", "sv"],
        &["hyvien-kaytantojen-dialogit"],
        4,
        true,
    ),
    (
        "Cecilia Cederholm",
        Some(1),
        &["sv", "fi", "en"],
        &["eratauko", "learning-cafe"],
        6,
        true,
    ),
    (
        "Daniel Dahlström",
        Some(2),
        &["fi"],
        &["open-space", "learning-cafe"],
        3,
        false,
    ),
    (
        "Eveliina Eskola",
        Some(0),
        &["fi", "en"],
        &["luokkadialogi"],
        6,
        false,
    ),
    (
        "Faisal Farah",
        Some(1),
        &["fi", "so", "ar"],
        &["eratauko", "tulevaisuuden-muistelu"],
        5,
        false,
    ),
    (
        "Greta Grönroos",
        None,
        &["fi", "sv"],
        &["hyvien-kaytantojen-dialogit", "eratauko"],
        8,
        true,
    ),
    (
        "Hannu Heikkinen",
        Some(2),
        &["fi"],
        &["eratauko", "eratauko-verkossa"],
        4,
        false,
    ),
    (
        "Iida Immonen",
        Some(0),
        &["fi"],
        &["luokkadialogi", "learning-cafe"],
        6,
        false,
    ),
    (
        "Jussi Jokinen",
        Some(1),
        &["fi"],
        &["tulevaisuuden-muistelu"],
        4,
        false,
    ),
    (
        "Katariina Koskinen",
        None,
        &["fi", "en"],
        &["hyvien-kaytantojen-dialogit", "open-space"],
        6,
        true,
    ),
    (
        "Lauri Lehtonen",
        Some(2),
        &["fi"],
        &["eratauko-verkossa"],
        2,
        false,
    ),
    (
        "Maryan Mohamed",
        Some(1),
        &["so", "fi"],
        &["eratauko"],
        4,
        false,
    ),
    (
        "Noora Nieminen",
        Some(0),
        &["fi", "sv"],
        &["luokkadialogi", "eratauko"],
        6,
        false,
    ),
    (
        "Olli Ojala",
        Some(2),
        &["fi"],
        &["hyvien-kaytantojen-dialogit"],
        5,
        true,
    ),
    (
        "Pirkko Pelkonen",
        Some(1),
        &["fi"],
        &["hyvien-kaytantojen-dialogit", "learning-cafe"],
        6,
        false,
    ),
    (
        "Rami Rantanen",
        Some(0),
        &["fi", "en"],
        &["open-space"],
        3,
        false,
    ),
    ("Sara Salonen", None, &["fi", "ar"], &["eratauko"], 4, false),
];

fn network_email(i: usize) -> String {
    format!("verkosto{:02}@demo.vuoro.fi", i + 1)
}

pub async fn seed(store: &dyn Store, lib: &MethodLibrary) -> anyhow::Result<()> {
    let mut demo_accounts = 0;
    for i in 0..NETWORK.len() {
        if store.user_by_email(&network_email(i)).await?.is_some() {
            demo_accounts += 1;
        }
    }
    for (email, _, _) in PEOPLE.iter().chain(PARTNER_PEOPLE) {
        if store.user_by_email(email).await?.is_some() {
            demo_accounts += 1;
        }
    }
    let others = store.user_count().await?.saturating_sub(demo_accounts);
    if others > 0 {
        anyhow::bail!(
            "this database holds {others} account(s) that `vuoro demo` did not create; the demo \
             adds a site administrator with a published password, so it runs only on a new \
             database or on one it filled itself. Use `vuoro serve` for this database, or give \
             the demo another file with --db."
        );
    }
    if demo_accounts > 0 {
        return Ok(());
    }
    let hash = vuoro_web::auth::hash_password(PASSWORD).map_err(|e| anyhow::anyhow!("{e}"))?;
    // One time for everything seeded: the demo is made in one go.
    let at = time::OffsetDateTime::now_utc();
    let org = store.create_org("Esimerkkilän kaupunki", at).await?;
    let education = store.create_unit(org.id, "Kasvatus ja koulutus").await?;
    let care = store
        .create_unit(org.id, "Sosiaali- ja terveyspalvelut")
        .await?;
    let environment = store.create_unit(org.id, "Kaupunkiympäristö").await?;
    let mut ids: Vec<UserId> = Vec::new();
    for (i, (email, name, roles)) in PEOPLE.iter().enumerate() {
        let u = store
            .create_user(
                NewUser {
                    email: (*email).into(),
                    name: (*name).into(),
                    password_hash: hash.clone(),
                    site_admin: i == 0,
                },
                at,
            )
            .await?;
        store
            .set_roles(org.id, u.id, roles.iter().copied().collect::<RoleSet>())
            .await?;
        ids.push(u.id);
    }
    let (coordinator, orderer, facilitator, second) = (ids[1], ids[2], ids[3], ids[4]);
    let method = |id: &str| {
        lib.get(id)
            .map(|m| m.adapt())
            .context("demo method missing")
    };

    // 1. A fresh order in the queue.
    store
        .create_process(
            NewProcess {
                org: org.id,
                orderer,
                order: order(
                    "Kotihoidon tiimi 3",
                    Some(care.id),
                    MethodChoice::Method("hyvien-kaytantojen-dialogit".into()),
                    &[ParticipantKind::Staff],
                ),
                plan: Plan {
                    method: Some(method("hyvien-kaytantojen-dialogit")?),
                    ..Plan::default()
                },
                community: None,
            },
            at,
        )
        .await?;

    // Two more orders waiting for a facilitator, with their sessions already in the plan, so the
    // proposals page checks the month's capacity and clashes (part 9).
    for (community, unit, date) in [
        ("Varhaiskasvatuksen tiimi Kielo", education.id, "2027-03-04"),
        (
            "Kaupunkiympäristön asiakaspalvelu",
            environment.id,
            "2027-04-15",
        ),
    ] {
        let mut plan = Plan {
            method: Some(method("eratauko")?),
            ..Plan::default()
        };
        plan.add_session(session("Erätauko-keskustelu", 1, date))
            .map_err(|e| anyhow::anyhow!("demo session: {e:?}"))?;
        store
            .create_process(
                NewProcess {
                    org: org.id,
                    orderer,
                    order: order(
                        community,
                        Some(unit),
                        MethodChoice::Method("eratauko".into()),
                        &[ParticipantKind::Staff],
                    ),
                    plan,
                    community: None,
                },
                at,
            )
            .await?;
    }

    // 2. Being agreed: a facilitator, a plan with sessions, the orderer's approval pending.
    let mut plan = Plan {
        method: Some(method("eratauko")?),
        ..Plan::default()
    };
    plan.invited = "Koko henkilöstö, myös sijaiset".into();
    plan.representatives = "Luottamusmies ja kaksi työntekijöiden valitsemaa edustajaa".into();
    plan.note_taking = "Kirjuri kirjaa ilman nimiä".into();
    plan.summary_use = "Esihenkilö tekee koosteen; se käsitellään henkilöstökokouksessa.".into();
    plan.add_session(session("Erätauko-keskustelu", 1, "2027-02-10"))
        .map_err(|e| anyhow::anyhow!("demo session: {e:?}"))?;
    let p2 = store
        .create_process(
            NewProcess {
                org: org.id,
                orderer,
                order: order(
                    "Pääkirjaston henkilöstö",
                    None,
                    MethodChoice::AdviseMe,
                    &[ParticipantKind::Staff],
                ),
                plan: Plan::default(),
                community: None,
            },
            at,
        )
        .await?;
    store
        .assign_facilitator(
            p2.id,
            facilitator,
            coordinator,
            vuoro_core::offer::OfferStatus::Accepted,
            at,
            &[],
        )
        .await?;
    let v = store
        .save_plan(p2.id, 1, &plan, facilitator, at, &[])
        .await?;
    store
        .approve(p2.id, v, ApprovalSide::Facilitator, facilitator, at)
        .await?;

    // 3. Running: a class dialogue in phase 1.
    let mut plan3 = Plan {
        method: Some(method("luokkadialogi")?),
        summary_visibility: SummaryVisibility::Organisation,
        ..Plan::default()
    };
    plan3.invited = "Luokan 8B oppilaat ja luokanvalvoja".into();
    plan3
        .add_session(session("Luokkadialogi", 1, "2027-01-20"))
        .map_err(|e| anyhow::anyhow!("demo session: {e:?}"))?;
    let p3 = store
        .create_process(
            NewProcess {
                org: org.id,
                orderer: second,
                order: order(
                    "Koulun 8B-luokka",
                    Some(education.id),
                    MethodChoice::Method("luokkadialogi".into()),
                    &[ParticipantKind::Pupils],
                ),
                plan: Plan::default(),
                community: None,
            },
            at,
        )
        .await?;
    store
        .assign_facilitator(
            p3.id,
            facilitator,
            coordinator,
            vuoro_core::offer::OfferStatus::Accepted,
            at,
            &[],
        )
        .await?;
    let v = store
        .save_plan(p3.id, 1, &plan3, facilitator, at, &[])
        .await?;
    store
        .approve(p3.id, v, ApprovalSide::Orderer, second, at)
        .await?;
    store
        .approve(p3.id, v, ApprovalSide::Facilitator, facilitator, at)
        .await?;
    // The demo moves its process as the process page would: through the state machine's guards,
    // with what it has just set up as their evidence.
    let ready = Readiness {
        facilitator_assigned: true,
        has_method: plan3.method.is_some(),
        session_count: plan3.sessions.len(),
        orderer_approved: true,
        facilitator_approved: true,
        method_phases: plan3.phase_count(),
        ..Readiness::default()
    };
    let mut now = ProcessState::Ordered;
    for t in [Transition::Agree, Transition::StartPhase1] {
        let to = process::apply(now, t, &ready)?;
        store.set_state(p3.id, now, to, facilitator, at).await?;
        now = to;
    }
    past_dialogues(
        store,
        lib,
        org.id,
        orderer,
        coordinator,
        &[(facilitator, environment.id), (second, care.id)],
        at,
    )
    .await?;
    partner(store, lib, org.id, (ids[0], orderer), &hash, at).await?;
    let units = [education.id, care.id, environment.id];
    network(
        store,
        org.id,
        &units,
        coordinator,
        &[facilitator, second],
        &hash,
        at,
    )
    .await?;
    catalogue(store, org.id, coordinator, p3.id).await
}

/// Two Erätauko dialogues held 45 and 20 days ago (ordered two and three weeks before), each
/// with a session where six participants answered the feedback, so that the network's reports
/// have figures to show, feedback included (12 answers: over the five-answer threshold). Early
/// in January they fall in the year before, which the reports' period filter reaches.
async fn past_dialogues(
    store: &dyn Store,
    lib: &MethodLibrary,
    org: vuoro_core::OrgId,
    orderer: UserId,
    coordinator: UserId,
    who: &[(UserId, UnitId); 2],
    at: time::OffsetDateTime,
) -> anyhow::Result<()> {
    use time::Duration;
    use vuoro_core::feedback::{Answer, FeedbackState};
    use vuoro_core::live::{JoinCode, Position, Timer};
    use vuoro_core::{LiveSessionId, ParticipantId};
    use vuoro_store::{LiveSession, Participant};

    let today = at.date();
    let dialogues = [
        (
            "Ympäristöpalvelujen lupatiimi",
            45,
            14,
            0x5eed_0001_u64,
            [4, 5, 4, 3, 5, 4],
        ),
        (
            "Sosiaalipalvelujen aikuistiimi",
            20,
            21,
            0x5eed_0002_u64,
            [5, 4, 4, 4, 3, 5],
        ),
    ];
    for (i, (community, ago, wait, code, ratings)) in dialogues.into_iter().enumerate() {
        let (facilitator, unit) = who[i];
        let first = today - Duration::days(ago);
        let ordered_at = at - Duration::days(ago + wait);
        let mut plan = Plan {
            method: Some(
                lib.get("eratauko")
                    .map(|m| m.adapt())
                    .context("demo method missing")?,
            ),
            ..Plan::default()
        };
        plan.invited = "Tiimin koko henkilöstö".into();
        let date = format!(
            "{:04}-{:02}-{:02}",
            first.year(),
            u8::from(first.month()),
            first.day()
        );
        plan.add_session(session("Erätauko-keskustelu", 1, &date))
            .map_err(|e| anyhow::anyhow!("demo session: {e:?}"))?;
        let p = store
            .create_process(
                NewProcess {
                    org,
                    orderer,
                    order: order(
                        community,
                        Some(unit),
                        MethodChoice::Method("eratauko".into()),
                        &[ParticipantKind::Staff],
                    ),
                    plan: Plan::default(),
                    community: None,
                },
                ordered_at,
            )
            .await?;
        store
            .assign_facilitator(
                p.id,
                facilitator,
                coordinator,
                vuoro_core::offer::OfferStatus::Accepted,
                ordered_at,
                &[],
            )
            .await?;
        let v = store
            .save_plan(p.id, 1, &plan, facilitator, ordered_at, &[])
            .await?;
        store
            .approve(p.id, v, ApprovalSide::Orderer, orderer, ordered_at)
            .await?;
        store
            .approve(p.id, v, ApprovalSide::Facilitator, facilitator, ordered_at)
            .await?;
        let ready = Readiness {
            facilitator_assigned: true,
            has_method: true,
            session_count: plan.sessions.len(),
            orderer_approved: true,
            facilitator_approved: true,
            method_phases: plan.phase_count(),
            ..Readiness::default()
        };
        let mut now = ProcessState::Ordered;
        for t in [Transition::Agree, Transition::StartPhase1] {
            let to = process::apply(now, t, &ready)?;
            store
                .set_state(p.id, now, to, facilitator, ordered_at)
                .await?;
            now = to;
        }
        let held = first
            .with_time(time::Time::from_hms(14, 0, 0)?)
            .assume_utc();
        let live = LiveSession {
            id: LiveSessionId::new(),
            process: p.id,
            plan_session: 1,
            phase: 1,
            join_code: JoinCode::from_random(code),
            open: true,
            position: Position::default(),
            timer: Timer::new(10),
            opened_by: facilitator,
            opened_at: held,
            closed_at: None,
        };
        store.open_live_session(&live).await?;
        store
            .set_feedback_state(live.id, FeedbackState::Open, held)
            .await?;
        for r in ratings {
            let one = Participant {
                id: ParticipantId::new(),
                process: p.id,
                token_hash: format!("demo-{}", ParticipantId::new()),
                display_name: None,
                lang: "fi".into(),
                created_at: held,
            };
            store.create_participant(&one).await?;
            store.attend(live.id, one.id, held).await?;
            store
                .add_feedback(
                    live.id,
                    one.id,
                    &[
                        Answer::Scale(r),
                        Answer::Scale(r),
                        Answer::Scale(r),
                        Answer::Skipped,
                    ],
                    held,
                )
                .await?;
        }
        store
            .set_feedback_state(live.id, FeedbackState::Closed, held)
            .await?;
        store.close_live_session(live.id, held).await?;
    }
    Ok(())
}

/// The facilitator network: about twenty facilitators with profiles (units, languages,
/// capacities, a few absences), a THL Good Practices training and an Erätauko training with
/// their trainees completed, one coming training, earlier trainings on two profiles, and four
/// network meetings of the year with who attended.
async fn network(
    store: &dyn Store,
    org: vuoro_core::OrgId,
    units: &[UnitId; 3],
    coordinator: UserId,
    named: &[UserId; 2],
    hash: &str,
    at: time::OffsetDateTime,
) -> anyhow::Result<()> {
    use time::Duration;
    use time::macros::date;
    use vuoro_core::network::{Absence, HeldTraining, Meeting, Profile, Training};
    use vuoro_core::{AbsenceId, HeldTrainingId, MeetingId, TrainingId};

    let profile =
        |unit: Option<usize>, langs: &[&str], methods: &[&str], hours: u32, out| Profile {
            unit: unit.map(|u| units[u]),
            languages: langs
                .iter()
                .filter_map(|l| ParticipantLang::parse(l))
                .collect(),
            methods: methods.iter().map(|m| (*m).to_owned()).collect(),
            takes_outsider: out,
            capacity_minutes: hours * 60,
        };
    // Fanni and Veikko, the facilitators of the log-in table, first.
    store
        .save_profile(
            org,
            named[0],
            &profile(
                Some(1),
                &["fi", "sv"],
                &["hyvien-kaytantojen-dialogit", "eratauko", "luokkadialogi"],
                6,
                false,
            ),
            at,
        )
        .await?;
    store
        .save_profile(
            org,
            named[1],
            &profile(Some(0), &["fi"], &["eratauko"], 4, true),
            at,
        )
        .await?;
    let mut people = vec![named[0], named[1]];
    for (i, (name, unit, langs, methods, hours, out)) in NETWORK.iter().enumerate() {
        let u = store
            .create_user(
                NewUser {
                    email: network_email(i),
                    name: (*name).into(),
                    password_hash: hash.to_owned(),
                    site_admin: false,
                },
                at,
            )
            .await?;
        store
            .set_roles(org, u.id, RoleSet::empty().with(Role::Facilitator))
            .await?;
        store
            .save_profile(org, u.id, &profile(*unit, langs, methods, *hours, *out), at)
            .await?;
        people.push(u.id);
    }
    // A few absences, from the coming weeks on.
    let today = at.date();
    for (who, from, days) in [(2, 10, 14), (7, 30, 5), (12, 3, 60), (0, 45, 3)] {
        let first = today + Duration::days(from);
        store
            .add_absence(
                org,
                people[who],
                &Absence {
                    id: AbsenceId::new(),
                    from: first,
                    to: first + Duration::days(days),
                },
                at,
            )
            .await?;
    }
    // The trainings: THL's Good Practices training and an Erätauko training, completed; a
    // class dialogue training coming, its trainees not yet completed.
    let trainings = [
        (
            "hyvien-kaytantojen-dialogit",
            "THL",
            date!(2026 - 09 - 14),
            date!(2026 - 09 - 16),
            18,
            &[0usize, 1, 3, 8, 12, 16, 17][..],
            true,
        ),
        (
            "eratauko",
            "Erätauko-säätiö",
            date!(2026 - 11 - 05),
            date!(2026 - 11 - 06),
            12,
            &[0, 1, 4, 5, 7, 9, 14, 15, 19][..],
            true,
        ),
        (
            "luokkadialogi",
            "Esimerkkilän kaupunki",
            date!(2027 - 02 - 15),
            date!(2027 - 02 - 15),
            6,
            &[6, 10, 15, 18][..],
            false,
        ),
    ];
    for (method, trainer, from, to, hours, trainees, done) in trainings {
        let t = Training {
            id: TrainingId::new(),
            org,
            method: method.into(),
            trainer: trainer.into(),
            from,
            to,
            minutes: hours * 60,
        };
        let who: Vec<UserId> = trainees.iter().map(|i| people[*i]).collect();
        store.create_training(&t, &who, coordinator, at).await?;
        if done {
            store.complete_training(t.id, &who, coordinator, at).await?;
        }
    }
    // Trainings before the platform, added on two profiles.
    for (who, method, trainer, on, hours) in [
        (0, "eratauko", "Erätauko-säätiö", date!(2020 - 10 - 01), 8),
        (2, "learning-cafe", "Sitra", date!(2019 - 04 - 10), 4),
        (
            13,
            "tulevaisuuden-muistelu",
            "THL",
            date!(2018 - 03 - 12),
            24,
        ),
    ] {
        store
            .add_held_training(
                org,
                people[who],
                &HeldTraining {
                    id: HeldTrainingId::new(),
                    method: method.into(),
                    trainer: trainer.into(),
                    date: on,
                    minutes: hours * 60,
                    training: None,
                },
                coordinator,
                at,
            )
            .await?;
    }
    // Four network meetings this year, with who attended.
    let year = vuoro_core::network::year_of(at);
    let meetings: [(u8, u8, &str, Option<&str>, usize); 4] = [
        (
            2,
            10,
            "Verkoston aloitustapaaminen",
            Some("Kaupungintalo, sali 2"),
            16,
        ),
        (5, 12, "Kokemusten vaihto: Erätauko", Some("Teams"), 11),
        (9, 8, "Syksyn suunnittelu", Some("Pääkirjasto"), 14),
        (11, 24, "Vertaistapaaminen", None, 9),
    ];
    for (month, day, title, place, count) in meetings {
        let date = time::Date::from_calendar_date(year, time::Month::try_from(month)?, day)?;
        let m = Meeting {
            id: MeetingId::new(),
            org,
            date,
            title: title.into(),
            place: place.map(str::to_owned),
        };
        store.create_meeting(&m, coordinator, at).await?;
        let mut who: Vec<UserId> = people
            .iter()
            .cycle()
            .skip(usize::from(month))
            .take(count)
            .copied()
            .collect();
        who.push(coordinator);
        store.set_attendance(m.id, &who).await?;
    }
    Ok(())
}

/// The city's partner: the wellbeing services county, its admin and coordinator and two
/// facilitators trained in Erätauko who take orders that need an outsider, an agreement in force
/// for such orders, and the city management team's order in the queue, which needs one.
async fn partner(
    store: &dyn Store,
    lib: &MethodLibrary,
    city: vuoro_core::OrgId,
    (city_admin, orderer): (UserId, UserId),
    hash: &str,
    at: time::OffsetDateTime,
) -> anyhow::Result<()> {
    use vuoro_core::network::{HeldTraining, Profile};
    use vuoro_core::partner::Scope;
    use vuoro_store::NewPartnership;

    let county = store.create_org(PARTNER, at).await?;
    let mut ids = Vec::new();
    for (email, name, roles) in PARTNER_PEOPLE {
        let u = store
            .create_user(
                NewUser {
                    email: (*email).into(),
                    name: (*name).into(),
                    password_hash: hash.to_owned(),
                    site_admin: false,
                },
                at,
            )
            .await?;
        store
            .set_roles(county.id, u.id, roles.iter().copied().collect::<RoleSet>())
            .await?;
        ids.push(u.id);
    }
    for (who, hours) in [(ids[1], 6), (ids[2], 4)] {
        let profile = Profile {
            unit: None,
            languages: [ParticipantLang::Fi, ParticipantLang::Sv].into(),
            methods: ["eratauko".to_owned()].into(),
            takes_outsider: true,
            capacity_minutes: hours * 60,
        };
        store.save_profile(county.id, who, &profile, at).await?;
        store
            .add_held_training(
                county.id,
                who,
                &HeldTraining {
                    id: vuoro_core::HeldTrainingId::new(),
                    method: "eratauko".into(),
                    trainer: "Erätauko-säätiö".into(),
                    date: time::macros::date!(2025 - 10 - 02),
                    minutes: 12 * 60,
                    training: None,
                },
                ids[0],
                at,
            )
            .await?;
    }
    let agreement = store
        .propose_partnership(&NewPartnership {
            proposer: city,
            partner: county.id,
            scope: Scope::Outsider,
            by: city_admin,
            at,
        })
        .await?;
    store.accept_partnership(agreement.id, ids[0], at).await?;

    let mut plan = Plan {
        method: Some(
            lib.get("eratauko")
                .map(|m| m.adapt())
                .context("demo method missing")?,
        ),
        ..Plan::default()
    };
    plan.add_session(session("Johtoryhmän Erätauko", 1, "2027-03-18"))
        .map_err(|e| anyhow::anyhow!("demo session: {e:?}"))?;
    store
        .create_process(
            NewProcess {
                org: city,
                orderer,
                order: Order {
                    needs_outsider: true,
                    ..order(
                        "Kaupungin johtoryhmä",
                        None,
                        MethodChoice::Method("eratauko".into()),
                        &[ParticipantKind::Staff],
                    )
                },
                plan,
                community: None,
            },
            at,
        )
        .await?;
    Ok(())
}

/// The catalogue: the 2021 peer listing of ten organisations, imported as `vuoro import
/// listing --year 2021` would, and the demo city's own page: public, in a region, its processes counted.
async fn catalogue(
    store: &dyn Store,
    org: vuoro_core::OrgId,
    coordinator: UserId,
    class_dialogue: vuoro_core::ProcessId,
) -> anyhow::Result<()> {
    let listing = vuoro_import::listing::parse(LISTING.as_bytes())
        .map_err(|e| anyhow::anyhow!("the demo listing: {e}"))?;
    let now = time::OffsetDateTime::now_utc();
    store
        .import_listing(&crate::import::to_store(&listing, Some(2021)), None, now)
        .await?;
    let mut own = store.org_catalogue(org).await?;
    own.public = true;
    own.publish_processes = true;
    own.region = Some("Uusimaa".into());
    own.trained = vuoro_core::catalogue::Count::parse("noin 25");
    own.trained_text = Some("noin 25".into());
    own.updated_at = now;
    store.save_org_catalogue(&own).await?;

    // A plan that dialogue feeds, with the class dialogue linked to one of its areas.
    let area = |name: &str| PlanArea {
        id: vuoro_core::PlanAreaId::new(),
        name: name.into(),
        processes: Vec::new(),
    };
    let plan = OrgPlan {
        id: vuoro_core::OrgPlanId::new(),
        org,
        name: "Avoimen hallinnon toimintasuunnitelma 2027–2029".into(),
        description: "Kaupungin sitoumukset avoimuuteen ja osallisuuteen; dialogien koosteet ovat osa osa-alueiden arviointia.".into(),
        areas: vec![
            area("Kokemusasiantuntijuus palvelujen kehittämisessä"),
            area("Selkeä kieli"),
            area("Lasten ja nuorten osallisuus"),
        ],
        created_at: now,
    };
    store.create_org_plan(&plan).await?;
    store
        .link_process(plan.areas[2].id, class_dialogue, coordinator, now)
        .await?;
    Ok(())
}

/// The 2021 listing, compiled in so the demo needs no files.
const LISTING: &str = include_str!("../../../catalogue/vertaisdialogi-kunnat-2021.txt");
