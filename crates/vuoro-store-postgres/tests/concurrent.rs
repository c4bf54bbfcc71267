//! Writers racing each other on one PostgreSQL database, as two `vuoro serve` processes would
//! (the writers take turns between two stores, each with its own pool): each test checks that what SQLite's single writer guaranteed for accounts, processes and
//! the catalogue still holds when the writers really run side by side (each task has its own
//! connection, so their transactions interleave on the server).
//!
//! Like the other PostgreSQL tests these run against the server named by
//! `VUORO_TEST_POSTGRES` and return at once without it (see `vuoro_store_postgres::testing`).

use std::collections::BTreeSet;
use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};
use vuoro_core::lang::ParticipantLang;
use vuoro_core::method::{Format, MethodLibrary};
use vuoro_core::order::{MethodChoice, Order, ParticipantKind};
use vuoro_core::plan::{Plan, PlanSession};
use vuoro_core::{ProcessId, Role, RoleSet};
use vuoro_store::conformance::new_user;
use vuoro_store::prelude::*;
use vuoro_store::{
    Acceptor, ActivitySource, ApprovalSide, EventKind, ImportedListing, ImportedOrg, Invitation,
    NewProcess, Organisation, RoleChangeVia, StoreError, User,
};
use vuoro_store_postgres::PgStore;
use vuoro_store_postgres::testing::fresh_database;

/// Writers in each race: more than two, so that a lock that lets two through shows.
const WRITERS: usize = 6;

/// When the tests store something without caring when.
const NOW: OffsetDateTime = time::macros::datetime!(2027-01-10 12:00 UTC);

struct Fixture {
    store: PgStore,
    /// A second store on the same database, as a second server process has.
    other: PgStore,
    org: Organisation,
    admin: User,
    orderer: User,
    facilitator: User,
}

/// `None` when no test server is configured.
async fn fixture() -> Option<Fixture> {
    let url = fresh_database().await?;
    let store = PgStore::connect(&url).await.expect("connect");
    let other = PgStore::connect(&url).await.expect("connect again");
    let org = store
        .create_org("Vantaan kaupunki", NOW)
        .await
        .expect("org");
    let admin = store
        .create_user(new_user("admin@vantaa.fi", "Aino Admin"), NOW)
        .await
        .expect("user");
    let orderer = store
        .create_user(new_user("esimies@vantaa.fi", "Eeva Esimies"), NOW)
        .await
        .expect("user");
    let facilitator = store
        .create_user(
            new_user("fasilitaattori@vantaa.fi", "Fanni Fasilitaattori"),
            NOW,
        )
        .await
        .expect("user");
    store
        .set_roles(org.id, admin.id, RoleSet::empty().with(Role::Admin))
        .await
        .expect("roles");
    Some(Fixture {
        store,
        other,
        org,
        admin,
        orderer,
        facilitator,
    })
}

impl Fixture {
    /// The store of the `i`th writer: even ones on the first, odd ones on the second.
    fn writer(&self, i: usize) -> PgStore {
        if i.is_multiple_of(2) {
            self.store.clone()
        } else {
            self.other.clone()
        }
    }
}

async fn create_process(f: &Fixture) -> ProcessId {
    f.store
        .create_process(
            NewProcess {
                org: f.org.id,
                orderer: f.orderer.id,
                order: Order {
                    community: "Kotihoidon tiimi".into(),
                    unit: None,
                    reason: "Uusi toimintamalli".into(),
                    outcome: "Yhteinen ymmärrys".into(),
                    timing: "Helmikuu".into(),
                    participant_count: 14,
                    participant_kinds: BTreeSet::from([ParticipantKind::Staff]),
                    languages: BTreeSet::from([ParticipantLang::Fi]),
                    format: Format::FaceToFace,
                    method: MethodChoice::Method("eratauko".into()),
                    needs_outsider: false,
                },
                plan: Plan::default(),
                community: None,
            },
            NOW,
        )
        .await
        .expect("create process")
        .id
}

/// A plan whose one session falls on the `day`th of February, so every writer's plan differs.
fn plan(day: u8) -> Plan {
    let lib = MethodLibrary::builtin().expect("library loads");
    let date = date!(2027 - 02 - 01)
        .replace_day(day)
        .expect("a day of February");
    Plan {
        method: Some(lib.get("eratauko").expect("method exists").adapt()),
        sessions: vec![PlanSession {
            id: 1,
            title: "Tapaaminen".into(),
            phase: 1,
            date,
            start: time::macros::time!(9:00),
            end: time::macros::time!(11:30),
            format: Format::FaceToFace,
            place: None,
            online_link: None,
        }],
        invited: "Koko tiimi".into(),
        ..Plan::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn plan_saves_from_one_version_at_once_leave_one_winner_each_round() {
    let Some(f) = fixture().await else { return };
    let id = create_process(&f).await;
    for base in 1..=5u32 {
        let tasks: Vec<_> = (0..WRITERS)
            .map(|i| {
                let store = f.writer(i);
                let author = if i.is_multiple_of(2) {
                    f.orderer.id
                } else {
                    f.facilitator.id
                };
                let day = u8::try_from(i + 1).expect("small");
                tokio::spawn(async move {
                    store
                        .save_plan(id, base, &plan(day), author, NOW, &[])
                        .await
                })
            })
            .collect();
        let mut results = Vec::new();
        for t in tasks {
            results.push(t.await.expect("task"));
        }
        let wins = results
            .iter()
            .filter(|r| matches!(r, Ok(v) if *v == base + 1));
        let conflicts = results
            .iter()
            .filter(|r| matches!(r, Err(StoreError::Conflict(_))));
        assert_eq!(
            (wins.count(), conflicts.count()),
            (1, WRITERS - 1),
            "round from version {base}: {results:?}"
        );
    }
    let versions: Vec<u32> = f
        .store
        .plan_versions(id)
        .await
        .expect("versions")
        .iter()
        .map(|v| v.version)
        .collect();
    assert_eq!(
        versions,
        [6, 5, 4, 3, 2, 1],
        "one version per round, no gaps"
    );
    assert_eq!(f.store.process(id).await.expect("process").plan_version, 6);
    let saved: Vec<u32> = f
        .store
        .events(id)
        .await
        .expect("events")
        .into_iter()
        .filter_map(|e| match e.kind {
            EventKind::PlanSaved { version } => Some(version),
            _ => None,
        })
        .collect();
    assert_eq!(
        saved,
        [2, 3, 4, 5, 6],
        "the log shows each save once, in order"
    );
}

/// An approval racing a new version either lands on the version it saw while it was still the
/// current one or is refused: the log never shows a plan approved after it was replaced.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_approval_racing_a_new_version_is_of_the_version_current_then() {
    let Some(f) = fixture().await else { return };
    let id = create_process(&f).await;
    for base in 1..=8u32 {
        let (a, b) = (f.writer(0), f.writer(1));
        let (orderer, facilitator) = (f.orderer.id, f.facilitator.id);
        let day = u8::try_from(base).expect("small");
        let approve = tokio::spawn(async move {
            a.approve(id, base, ApprovalSide::Orderer, orderer, NOW)
                .await
        });
        let save = tokio::spawn(async move {
            b.save_plan(id, base, &plan(day), facilitator, NOW, &[])
                .await
        });
        let approved = approve.await.expect("task");
        assert!(
            matches!(
                approved,
                Ok(()) | Err(StoreError::Conflict("plan version is not current"))
            ),
            "{approved:?}"
        );
        assert_eq!(save.await.expect("task").expect("save"), base + 1);
    }
    let mut current = 1;
    for e in f.store.events(id).await.expect("events") {
        match e.kind {
            EventKind::PlanSaved { version } => current = version,
            EventKind::Approved { version, .. } => {
                assert_eq!(
                    version, current,
                    "approved version {version} after {current}"
                );
            }
            _ => {}
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_invitation_accepted_at_once_makes_one_account() {
    let Some(f) = fixture().await else { return };
    let now = datetime!(2027-01-10 12:00 UTC);
    let roles = RoleSet::empty().with(Role::Facilitator);
    f.store
        .create_invitation(
            &invitation(&f, "hash-once", "uusi@vantaa.fi", roles, now),
            &[],
        )
        .await
        .expect("invite");
    let users_before = f.store.user_count().await.expect("count");
    let tasks: Vec<_> = (0..WRITERS)
        .map(|i| {
            let store = f.writer(i);
            tokio::spawn(async move {
                let name = format!("Uusi Ihminen {i}");
                store
                    .accept_invitation(
                        "hash-once",
                        Acceptor::New(new_user("uusi@vantaa.fi", &name)),
                        now + Duration::minutes(5),
                    )
                    .await
            })
        })
        .collect();
    let mut results = Vec::new();
    for t in tasks {
        results.push(t.await.expect("task"));
    }
    let accepted: Vec<&User> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(accepted.len(), 1, "{results:?}");
    assert!(
        results
            .iter()
            .all(|r| r.is_ok()
                || matches!(r, Err(StoreError::Conflict("invitation already accepted")))),
        "{results:?}"
    );
    assert_eq!(f.store.user_count().await.expect("count"), users_before + 1);
    assert_eq!(
        f.store
            .roles(f.org.id, accepted[0].id)
            .await
            .expect("roles"),
        roles
    );
    let changes = f.store.role_changes(f.org.id, 100).await.expect("changes");
    let for_new: Vec<_> = changes
        .iter()
        .filter(|c| c.user == accepted[0].id)
        .collect();
    assert_eq!(for_new.len(), 1, "the roles were given once");
}

/// Two organisations invite the same new address and both links are used at the same moment:
/// one makes the account, the other is told the invitation is for another account, as it
/// would be a moment later.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_invitations_to_one_new_address_accepted_at_once_make_one_account() {
    let Some(f) = fixture().await else { return };
    let now = datetime!(2027-01-10 12:00 UTC);
    let other = f
        .store
        .create_org("Keravan kaupunki", NOW)
        .await
        .expect("org");
    let roles = RoleSet::empty().with(Role::Orderer);
    for round in 0..5 {
        let email = format!("kaksi{round}@example.fi");
        let mut tokens = Vec::new();
        for org in [f.org.id, other.id] {
            let token = format!("hash-{round}-{org}");
            let mut inv = invitation(&f, &token, &email, roles, now);
            inv.org = org;
            f.store.create_invitation(&inv, &[]).await.expect("invite");
            tokens.push(token);
        }
        let tasks: Vec<_> = tokens
            .into_iter()
            .enumerate()
            .map(|(i, token)| {
                let (store, email) = (f.writer(i), email.clone());
                tokio::spawn(async move {
                    store
                        .accept_invitation(
                            &token,
                            Acceptor::New(new_user(&email, "Kaksi Kutsua")),
                            now + Duration::minutes(1),
                        )
                        .await
                })
            })
            .collect();
        let mut results = Vec::new();
        for t in tasks {
            results.push(t.await.expect("task"));
        }
        let made = results.iter().filter(|r| r.is_ok()).count();
        let refused = results
            .iter()
            .filter(|r| {
                matches!(
                    r,
                    Err(StoreError::Conflict("invitation is for another account"))
                )
            })
            .count();
        assert_eq!((made, refused), (1, 1), "{results:?}");
        assert!(
            f.store
                .user_by_email(&email)
                .await
                .expect("look-up")
                .is_some()
        );
    }
}

/// Role changes of one member at once end with one of the sets written, whole, and a history
/// in which each change starts from where the one before it ended.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn role_changes_at_once_each_start_from_the_one_before() {
    let Some(f) = fixture().await else { return };
    let sets = [
        RoleSet::empty().with(Role::Facilitator),
        RoleSet::empty().with(Role::Orderer).with(Role::Facilitator),
        RoleSet::empty().with(Role::Coordinator),
        RoleSet::empty().with(Role::Admin).with(Role::Orderer),
        RoleSet::empty(),
        RoleSet::empty()
            .with(Role::Coordinator)
            .with(Role::Facilitator),
    ];
    let user = f.facilitator.id;
    let at = datetime!(2027-01-10 12:00 UTC);
    for _ in 0..4 {
        let tasks: Vec<_> = sets
            .iter()
            .copied()
            .enumerate()
            .map(|(i, roles)| {
                let (store, org, admin) = (f.writer(i), f.org.id, f.admin.id);
                tokio::spawn(async move {
                    store
                        .change_roles(org, user, roles, admin, RoleChangeVia::Members, at)
                        .await
                })
            })
            .collect();
        for t in tasks {
            t.await.expect("task").expect("roles written");
        }
        let now = f.store.roles(f.org.id, user).await.expect("roles");
        assert!(sets.contains(&now), "{now:?} is one of the sets written");
    }
    let history = f.store.role_changes(f.org.id, 1000).await.expect("history");
    let newest_first: Vec<_> = history.iter().filter(|c| c.user == user).collect();
    assert!(newest_first.len() >= 4, "{}", newest_first.len());
    assert_eq!(
        newest_first[0].after,
        f.store.roles(f.org.id, user).await.expect("roles")
    );
    for pair in newest_first.windows(2) {
        assert_eq!(
            pair[0].before, pair[1].after,
            "a change starts where the one before it ended"
        );
    }
    assert!(newest_first.last().is_some_and(|c| c.before.is_empty()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn imports_at_once_create_each_new_organisation_once() {
    let Some(f) = fixture().await else { return };
    let at = datetime!(2027-03-01 10:00 UTC);
    let listing = |variant: usize| ImportedListing {
        title: Some(format!("Listaus {variant}")),
        intro: Vec::new(),
        lines: 10,
        orgs: ["Hailuoto", "Kemijärvi", "Vantaan kaupunki"]
            .into_iter()
            .map(|name| ImportedOrg {
                name: name.into(),
                activities: vec![(
                    activity(&format!("Erätauot {name}")),
                    ActivitySource::Import {
                        line: 3,
                        text: format!("Erätauot {name}"),
                        unparsed: Vec::new(),
                    },
                )],
                unstructured: vec![format!("Rivi {variant} listasta")],
                trained: None,
            })
            .collect(),
    };
    let tasks: Vec<_> = (0..WRITERS)
        .map(|i| {
            let (store, listing) = (f.writer(i), listing(i));
            tokio::spawn(async move { store.import_listing(&listing, None, at).await })
        })
        .collect();
    let mut reports = Vec::new();
    for t in tasks {
        reports.push(t.await.expect("task").expect("import"));
    }
    let created: u32 = reports.iter().map(|r| r.orgs_created).sum();
    let added: u32 = reports.iter().map(|r| r.activities_added).sum();
    assert_eq!(created, 2, "Hailuoto and Kemijärvi once each: {reports:?}");
    assert_eq!(added, 3, "each line once: {reports:?}");
    let names: Vec<String> = f
        .store
        .orgs()
        .await
        .expect("orgs")
        .into_iter()
        .map(|o| o.name)
        .collect();
    assert_eq!(names, ["Hailuoto", "Kemijärvi", "Vantaan kaupunki"]);
    // Every import's own line reached the catalogue: none overwrote another's merge.
    let catalogue = f.store.org_catalogue(f.org.id).await.expect("catalogue");
    let mut lines = catalogue.unstructured.clone();
    lines.sort();
    let want: Vec<String> = (0..WRITERS).map(|i| format!("Rivi {i} listasta")).collect();
    assert_eq!(lines, want);
    assert_eq!(
        f.store.listing_imports().await.expect("imports").len(),
        WRITERS
    );
}

fn invitation(
    f: &Fixture,
    token: &str,
    email: &str,
    roles: RoleSet,
    now: OffsetDateTime,
) -> Invitation {
    Invitation {
        token_hash: token.into(),
        org: f.org.id,
        email: email.into(),
        roles,
        invited_by: f.admin.id,
        created_at: now,
        expires_at: now + Duration::days(7),
        accepted_at: None,
    }
}

fn activity(text: &str) -> vuoro_core::catalogue::Activity {
    vuoro_core::catalogue::ActivityInput {
        contexts: vec!["school".into()],
        method: "luokkadialogi".into(),
        period: "2021".into(),
        count: "noin 10".into(),
        text: text.into(),
        public: true,
        ..Default::default()
    }
    .validate(vuoro_core::catalogue::Vocabulary::builtin())
    .expect("valid activity")
}

/// A training completed by several coordinators at once: each trainee is completed once, holds
/// the training once, and gains the facilitator role by one recorded change.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn completions_at_once_train_and_give_the_role_once() {
    let Some(f) = fixture().await else { return };
    let training = vuoro_core::network::Training {
        id: vuoro_core::TrainingId::new(),
        org: f.org.id,
        method: "eratauko".into(),
        trainer: "Erätauko-säätiö".into(),
        from: date!(2027 - 02 - 01),
        to: date!(2027 - 02 - 02),
        minutes: 720,
    };
    let trainees = [f.orderer.id, f.facilitator.id];
    f.store
        .create_training(&training, &trainees, f.admin.id, NOW)
        .await
        .expect("training");
    let tasks: Vec<_> = (0..WRITERS)
        .map(|i| {
            let (store, admin) = (f.writer(i), f.admin.id);
            tokio::spawn(async move {
                store
                    .complete_training(training.id, &trainees, admin, NOW)
                    .await
            })
        })
        .collect();
    let mut completed = 0;
    let mut became = 0;
    for t in tasks {
        let done = t.await.expect("task").expect("completed");
        completed += done.completed.len();
        became += done.became_facilitators.len();
    }
    assert_eq!((completed, became), (2, 2));
    for user in trainees {
        let held = f.store.held_trainings(f.org.id, user).await.expect("held");
        assert_eq!(held.len(), 1);
        assert!(
            f.store
                .roles(f.org.id, user)
                .await
                .expect("roles")
                .has(Role::Facilitator)
        );
    }
    let changes = f.store.role_changes(f.org.id, 100).await.expect("changes");
    let by_training = changes
        .iter()
        .filter(|c| c.via == RoleChangeVia::Training)
        .count();
    assert_eq!(by_training, 2);
}
