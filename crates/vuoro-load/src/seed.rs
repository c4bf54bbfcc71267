//! Writes the test data straight into a fresh database through the store (`Arc<dyn Store>`,
//! SQLite or PostgreSQL), before the servers start: an organisation, a facilitator, and per live
//! session a process in phase 1 with an open live session and its participants. Much faster
//! than joining 6,000 phones over HTTP, and the servers read exactly what they would have
//! written.

use anyhow::{Context, anyhow};
use std::collections::BTreeSet;
use std::sync::Arc;
use time::OffsetDateTime;
use vuoro_core::lang::ParticipantLang;
use vuoro_core::live::{JoinCode, Position, Timer};
use vuoro_core::method::{Format, MethodLibrary};
use vuoro_core::order::{MethodChoice, Order, ParticipantKind};
use vuoro_core::plan::{Plan, SessionInput};
use vuoro_core::{LiveSessionId, ParticipantId, ProcessState, Role, RoleSet};
use vuoro_store::{LiveSession, NewProcess, NewUser, Participant, Store};

pub const FACILITATOR_EMAIL: &str = "fasilitaattori@load.vuoro.invalid";
pub const PASSWORD: &str = "load-test-password";
const METHOD: &str = "eratauko";

/// One seeded live session and the tokens of its participants' phones.
#[derive(Debug, Clone)]
pub struct Seeded {
    pub live: LiveSessionId,
    /// The participant cookie of each phone: `vuoro_p_<process>=<token>`.
    pub phones: Vec<String>,
}

fn order(n: usize) -> Order {
    Order {
        community: format!("Kuormitustesti {n}"),
        unit: None,
        reason: "Kansallinen dialogipäivä".into(),
        outcome: "Mittaus".into(),
        timing: "Nyt".into(),
        participant_count: 20,
        participant_kinds: BTreeSet::from([ParticipantKind::Residents]),
        languages: BTreeSet::from([ParticipantLang::Fi]),
        format: Format::FaceToFace,
        method: MethodChoice::Method(METHOD.into()),
        needs_outsider: false,
    }
}

/// A six-character code from the index: distinct for every session, so no draw can collide.
fn join_code(i: usize) -> JoinCode {
    JoinCode::from_random(i as u64 * 7_919 + 104_729)
}

pub async fn seed(
    store: Arc<dyn Store>,
    sessions: usize,
    per_session: usize,
) -> anyhow::Result<Vec<Seeded>> {
    let lib = MethodLibrary::builtin().context("built-in methods")?;
    let method = lib
        .get(METHOD)
        .with_context(|| format!("method {METHOD} missing"))?
        .adapt();
    let minutes = method
        .phases
        .first()
        .and_then(|p| p.stages.first())
        .map_or(0, |s| s.duration_min);
    let mut plan = Plan {
        method: Some(method),
        ..Plan::default()
    };
    plan.add_session(SessionInput {
        title: "Dialogipäivän keskustelu".into(),
        phase: "1".into(),
        date: "2027-05-20".into(),
        start: "09:00".into(),
        end: "11:00".into(),
        format: "face_to_face".into(),
        place: "Kirjasto".into(),
        online_link: String::new(),
    })
    .map_err(|e| anyhow!("plan session refused: {e:?}"))?;
    let plan_session = plan.sessions.first().map_or(1, |s| s.id);

    // One time for every fixture: nothing the load run measures depends on it.
    let at = OffsetDateTime::now_utc();
    let org = store.create_org("Kuormitustestin kunta", at).await?;
    let hash = vuoro_web::auth::hash_password(PASSWORD).map_err(|e| anyhow!("{e:?}"))?;
    let user = |email: &str, name: &str| NewUser {
        email: email.into(),
        name: name.into(),
        password_hash: hash.clone(),
        site_admin: false,
    };
    let orderer = store
        .create_user(user("tilaaja@load.vuoro.invalid", "Tilaaja"), at)
        .await?;
    let facilitator = store
        .create_user(user(FACILITATOR_EMAIL, "Fasilitaattori"), at)
        .await?;
    store
        .set_roles(org.id, orderer.id, RoleSet::from_iter([Role::Orderer]))
        .await?;
    store
        .set_roles(
            org.id,
            facilitator.id,
            RoleSet::from_iter([Role::Facilitator]),
        )
        .await?;

    let mut out = Vec::with_capacity(sessions);
    for i in 0..sessions {
        let p = store
            .create_process(
                NewProcess {
                    org: org.id,
                    orderer: orderer.id,
                    order: order(i),
                    plan: plan.clone(),
                    community: None,
                },
                at,
            )
            .await?;
        store
            .assign_facilitator(
                p.id,
                facilitator.id,
                facilitator.id,
                vuoro_core::offer::OfferStatus::Accepted,
                at,
                &[],
            )
            .await?;
        for (from, to) in [
            (ProcessState::Ordered, ProcessState::Agreed),
            (ProcessState::Agreed, ProcessState::Phase1),
        ] {
            store.set_state(p.id, from, to, facilitator.id, at).await?;
        }
        let live = LiveSession {
            id: LiveSessionId::new(),
            process: p.id,
            plan_session,
            phase: 1,
            join_code: join_code(i),
            open: true,
            position: Position::default(),
            timer: Timer::new(minutes),
            opened_by: facilitator.id,
            opened_at: at,
            closed_at: None,
        };
        store.open_live_session(&live).await?;
        let cookie_name = format!("vuoro_p_{}", p.id.as_uuid().simple());
        let mut phones = Vec::with_capacity(per_session);
        for _ in 0..per_session {
            let token = vuoro_web::util::random_token();
            let me = Participant {
                id: ParticipantId::new(),
                process: p.id,
                token_hash: vuoro_web::util::hash_token(&token),
                display_name: None,
                lang: "fi".into(),
                created_at: at,
            };
            store.create_participant(&me).await?;
            store.attend(live.id, me.id, at).await?;
            phones.push(format!("{cookie_name}={token}"));
        }
        out.push(Seeded {
            live: live.id,
            phones,
        });
    }
    Ok(out)
}
