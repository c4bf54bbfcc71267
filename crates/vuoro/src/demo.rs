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

pub fn banner() -> String {
    let mut s = String::from("Demo log-ins (password for all: ");
    s.push_str(PASSWORD);
    s.push_str("):\n");
    for (email, name, roles) in PEOPLE {
        let roles: Vec<&str> = roles.iter().map(|r| r.code()).collect();
        s.push_str(&format!("  {email:<32} {name} ({})\n", roles.join(", ")));
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
pub async fn seed(store: &dyn Store, lib: &MethodLibrary) -> anyhow::Result<()> {
    let mut demo_accounts = 0;
    for (email, _, _) in PEOPLE {
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
    store.create_unit(org.id, "Kaupunkiympäristö").await?;
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
        .assign_facilitator(p2.id, facilitator, coordinator, at, &[])
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
        .assign_facilitator(p3.id, facilitator, coordinator, at, &[])
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
    catalogue(store, org.id, coordinator, p3.id).await
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
