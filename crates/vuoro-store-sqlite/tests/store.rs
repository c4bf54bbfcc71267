//! The SQLite store against real database files, one fresh directory per test.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use time::macros::{date, datetime, time};
use time::{Date, Duration, OffsetDateTime};
use vuoro_core::lang::ParticipantLang;
use vuoro_core::live::{JoinCode, Position, Timer};
use vuoro_core::method::{Format, MethodLibrary};
use vuoro_core::openspace::{Cell, OpenSpace};
use vuoro_core::order::{MethodChoice, Order, ParticipantKind};
use vuoro_core::plan::{Plan, PlanSession};
use vuoro_core::practice::{PracticeKind, PracticeStatus};
use vuoro_core::summary::{Block, BlockKind, Summary, SummaryState};
use vuoro_core::themes::{Proposed, Scope, ThemeSet};
use vuoro_core::{
    LiveSessionId, NoteId, OrgId, ParticipantId, PracticeId, ProcessId, ProcessState, Role,
    RoleSet, TopicId, UnitId, UserId,
};
use vuoro_store::prelude::*;
use vuoro_store::{
    Acceptor, ApprovalSide, Budget, EventKind, Invitation, LiveEvent, LiveEventKind, LiveNotice,
    LiveSession, LoginSession, NewProcess, NewUser, Note, NoteAuthor, NoteChange, Organisation,
    Participant, Practice, Presence, ProcessFilter, RoleChangeVia, Spent, StoreError,
    SummaryComment, SummaryLink, SummaryLinkComment, SummaryVersion, ThemeVersion, Topic, Unit,
    User,
};
use vuoro_store_sqlite::SqliteStore;

/// A directory under the system's temporary directory, removed when the test ends.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        let dir = std::env::temp_dir().join(format!("vuoro-store-test-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    fn file(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn open(path: &Path) -> SqliteStore {
    SqliteStore::open(path).await.expect("open store")
}

/// A store with one organisation, one unit and an orderer, a facilitator and a coordinator.
struct Fixture {
    _dir: TempDir,
    store: SqliteStore,
    org: Organisation,
    unit: Unit,
    orderer: User,
    facilitator: User,
    coordinator: User,
}

async fn fixture() -> Fixture {
    let dir = TempDir::new();
    let store = open(&dir.file("vuoro.db")).await;
    let org = store.create_org("Vantaan kaupunki").await.expect("org");
    let unit = store.create_unit(org.id, "Kotihoito").await.expect("unit");
    let orderer = store
        .create_user(new_user("esimies@vantaa.fi", "Eeva Esimies"))
        .await
        .expect("user");
    let facilitator = store
        .create_user(new_user("fasilitaattori@vantaa.fi", "Fanni Fasilitaattori"))
        .await
        .expect("user");
    let coordinator = store
        .create_user(new_user("koordinaattori@vantaa.fi", "Kalle Koordinaattori"))
        .await
        .expect("user");
    store
        .set_roles(org.id, orderer.id, RoleSet::empty().with(Role::Orderer))
        .await
        .expect("roles");
    store
        .set_roles(
            org.id,
            facilitator.id,
            RoleSet::empty().with(Role::Facilitator),
        )
        .await
        .expect("roles");
    store
        .set_roles(
            org.id,
            coordinator.id,
            RoleSet::empty().with(Role::Coordinator),
        )
        .await
        .expect("roles");
    Fixture {
        _dir: dir,
        store,
        org,
        unit,
        orderer,
        facilitator,
        coordinator,
    }
}

fn new_user(email: &str, name: &str) -> NewUser {
    NewUser {
        email: email.into(),
        name: name.into(),
        password_hash: format!("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$hash-of-{name}"),
        site_admin: false,
    }
}

fn order(community: &str, unit: Option<UnitId>) -> Order {
    Order {
        community: community.into(),
        unit,
        reason: "Uusi toimintamalli".into(),
        outcome: "Yhteinen ymmärrys".into(),
        timing: "Helmikuu".into(),
        participant_count: 14,
        participant_kinds: BTreeSet::from([ParticipantKind::Staff]),
        languages: BTreeSet::from([ParticipantLang::Fi, ParticipantLang::Sv]),
        format: Format::FaceToFace,
        method: MethodChoice::Method("eratauko".into()),
    }
}

fn session(id: u32, date: Date) -> PlanSession {
    PlanSession {
        id,
        title: format!("Tapaaminen {id}"),
        phase: 1,
        date,
        start: time!(9:00),
        end: time!(11:30),
        format: Format::FaceToFace,
        place: Some("Kaupungintalo, sali 2".into()),
        online_link: None,
    }
}

/// A plan following the library's Erätauko, adapted for the process, with the given sessions.
fn plan_with(method: &str, dates: &[Date]) -> Plan {
    let lib = MethodLibrary::builtin().expect("library loads");
    Plan {
        method: Some(lib.get(method).expect("method exists").adapt()),
        sessions: dates
            .iter()
            .enumerate()
            .map(|(i, d)| session(i as u32 + 1, *d))
            .collect(),
        invited: "Koko tiimi".into(),
        ..Plan::default()
    }
}

async fn create_process(
    f: &Fixture,
    community: &str,
    unit: Option<UnitId>,
    plan: Plan,
) -> ProcessId {
    f.store
        .create_process(NewProcess {
            org: f.org.id,
            orderer: f.orderer.id,
            order: order(community, unit),
            plan,
        })
        .await
        .expect("create process")
        .id
}

async fn ids(store: &SqliteStore, filter: ProcessFilter) -> Vec<ProcessId> {
    store
        .processes(&filter)
        .await
        .expect("list")
        .into_iter()
        .map(|p| p.id)
        .collect()
}

#[tokio::test]
async fn migrations_run_on_a_fresh_file_and_an_existing_file_reopens() {
    let dir = TempDir::new();
    let path = dir.file("nested-name.db");
    assert!(!path.exists());
    let store = open(&path).await;
    assert!(path.exists(), "open creates the file");
    assert_eq!(store.user_count().await.expect("count"), 0);
    let org = store.create_org("Espoo").await.expect("org");
    store.close().await;

    // A second open finds the schema in place and runs no migration twice.
    let again = open(&path).await;
    assert_eq!(again.org(org.id).await.expect("org survives"), org);
    again.close().await;
    let third = open(&path).await;
    assert_eq!(third.orgs().await.expect("orgs"), vec![org]);
}

#[tokio::test]
async fn organisations_units_and_users() {
    let dir = TempDir::new();
    let store = open(&dir.file("vuoro.db")).await;

    let vantaa = store.create_org("Vantaa").await.expect("org");
    let espoo = store.create_org("espoo").await.expect("org");
    let names: Vec<String> = store
        .orgs()
        .await
        .expect("orgs")
        .into_iter()
        .map(|o| o.name)
        .collect();
    assert_eq!(names, ["espoo", "Vantaa"], "sorted by name, ignoring case");
    assert_eq!(store.org(vantaa.id).await.expect("org"), vantaa);
    assert!(matches!(
        store.org(OrgId::new()).await,
        Err(StoreError::NotFound)
    ));

    let b = store
        .create_unit(vantaa.id, "Sivistystoimi")
        .await
        .expect("unit");
    let a = store
        .create_unit(vantaa.id, "Kaupunkiympäristö")
        .await
        .expect("unit");
    store.create_unit(espoo.id, "Muu").await.expect("unit");
    assert_eq!(store.units(vantaa.id).await.expect("units"), vec![a, b]);
    assert!(matches!(
        store.create_unit(OrgId::new(), "X").await,
        Err(StoreError::NotFound)
    ));

    let u = store
        .create_user(NewUser {
            site_admin: true,
            ..new_user("Maija.Meikalainen@Example.FI", "Maija")
        })
        .await
        .expect("user");
    assert_eq!(u.email, "maija.meikalainen@example.fi", "stored lower-case");
    assert!(u.site_admin);
    assert_eq!(store.user(u.id).await.expect("user"), u);
    assert_eq!(
        store
            .user_by_email("MAIJA.meikalainen@example.fi")
            .await
            .expect("lookup"),
        Some(u.clone())
    );
    assert_eq!(
        store
            .user_by_email("nobody@example.fi")
            .await
            .expect("lookup"),
        None
    );
    assert!(matches!(
        store.user(UserId::new()).await,
        Err(StoreError::NotFound)
    ));
    store
        .create_user(new_user("toinen@example.fi", "Toinen"))
        .await
        .expect("user");
    assert_eq!(store.user_count().await.expect("count"), 2);
}

#[tokio::test]
async fn a_taken_email_is_a_duplicate_whatever_its_case() {
    let dir = TempDir::new();
    let store = open(&dir.file("vuoro.db")).await;
    store
        .create_user(new_user("anna@example.fi", "Anna"))
        .await
        .expect("user");
    let again = store
        .create_user(new_user("Anna@Example.fi", "Toinen Anna"))
        .await;
    assert!(
        matches!(again, Err(StoreError::Duplicate("email"))),
        "{again:?}"
    );
    assert_eq!(store.user_count().await.expect("count"), 1);
}

#[tokio::test]
async fn roles_are_set_replaced_and_removed() {
    let f = fixture().await;
    let s = &f.store;
    let other = s.create_org("Aalto-kaupunki").await.expect("org");
    let admin_orderer = RoleSet::empty().with(Role::Admin).with(Role::Orderer);
    s.set_roles(f.org.id, f.facilitator.id, admin_orderer)
        .await
        .expect("set");
    assert_eq!(
        s.roles(f.org.id, f.facilitator.id).await.expect("roles"),
        admin_orderer
    );

    let fac = RoleSet::empty().with(Role::Facilitator);
    s.set_roles(f.org.id, f.facilitator.id, fac)
        .await
        .expect("replace");
    assert_eq!(
        s.roles(f.org.id, f.facilitator.id).await.expect("roles"),
        fac
    );
    s.set_roles(other.id, f.facilitator.id, admin_orderer)
        .await
        .expect("set");

    let memberships = s.memberships(f.facilitator.id).await.expect("memberships");
    assert_eq!(
        memberships,
        vec![(other.clone(), admin_orderer), (f.org.clone(), fac)]
    );

    let members = s.members(f.org.id).await.expect("members");
    let listed: Vec<(UserId, RoleSet)> = members.iter().map(|m| (m.user.id, m.roles)).collect();
    assert_eq!(
        listed,
        vec![
            (f.orderer.id, RoleSet::empty().with(Role::Orderer)),
            (f.facilitator.id, fac),
            (f.coordinator.id, RoleSet::empty().with(Role::Coordinator)),
        ],
        "sorted by name"
    );

    s.set_roles(f.org.id, f.facilitator.id, RoleSet::empty())
        .await
        .expect("remove");
    assert!(
        s.roles(f.org.id, f.facilitator.id)
            .await
            .expect("roles")
            .is_empty()
    );
    assert_eq!(
        s.memberships(f.facilitator.id).await.expect("memberships"),
        vec![(other, admin_orderer)]
    );
    assert!(
        s.members(f.org.id)
            .await
            .expect("members")
            .iter()
            .all(|m| m.user.id != f.facilitator.id)
    );

    let unknown = s.set_roles(f.org.id, UserId::new(), fac).await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
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
        invited_by: f.coordinator.id,
        created_at: now,
        expires_at: now + Duration::days(7),
        accepted_at: None,
    }
}

#[tokio::test]
async fn invitations_create_or_reuse_accounts_once() {
    let f = fixture().await;
    let s = &f.store;
    let now = datetime!(2027-01-10 12:00:00.123456789 UTC);
    let fac = RoleSet::empty().with(Role::Facilitator);

    // A new person gets an account with the invitation's address.
    let inv = invitation(&f, "hash-new", "uusi@vantaa.fi", fac, now);
    s.create_invitation(&inv).await.expect("invite");
    assert_eq!(s.invitation("hash-new").await.expect("stored"), inv);
    let user = s
        .accept_invitation(
            "hash-new",
            Acceptor::New(new_user("uusi@vantaa.fi", "Uusi Ihminen")),
            now + Duration::hours(1),
        )
        .await
        .expect("accept");
    assert_eq!(user.email, "uusi@vantaa.fi");
    assert_eq!(user.name, "Uusi Ihminen");
    assert_eq!(s.user(user.id).await.expect("created"), user);
    assert_eq!(s.roles(f.org.id, user.id).await.expect("roles"), fac);
    let stored = s.invitation("hash-new").await.expect("stored");
    assert_eq!(stored.accepted_at, Some(now + Duration::hours(1)));

    // Accepting twice is refused and changes nothing.
    let twice = s
        .accept_invitation(
            "hash-new",
            Acceptor::New(new_user("uusi@vantaa.fi", "Joku Muu")),
            now + Duration::hours(2),
        )
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "{twice:?}");
    assert_eq!(
        s.user(user.id).await.expect("unchanged").name,
        "Uusi Ihminen"
    );

    // Someone with an account keeps it and its password and gains the roles on top of theirs.
    let coord = RoleSet::empty().with(Role::Coordinator);
    let inv = invitation(&f, "hash-existing", "ESIMIES@vantaa.fi", coord, now);
    s.create_invitation(&inv).await.expect("invite");
    let reused = s
        .accept_invitation("hash-existing", Acceptor::Account(f.orderer.id), now)
        .await
        .expect("accept");
    assert_eq!(reused, f.orderer, "same account, same password hash");
    assert_eq!(
        s.roles(f.org.id, f.orderer.id).await.expect("roles"),
        RoleSet::empty().with(Role::Orderer).with(Role::Coordinator)
    );

    // Expired and unknown invitations are not found.
    let inv = invitation(&f, "hash-expired", "myohassa@vantaa.fi", fac, now);
    s.create_invitation(&inv).await.expect("invite");
    let late = s
        .accept_invitation(
            "hash-expired",
            Acceptor::New(new_user("myohassa@vantaa.fi", "Myöhässä")),
            inv.expires_at,
        )
        .await;
    assert!(matches!(late, Err(StoreError::NotFound)), "{late:?}");
    assert_eq!(
        s.user_by_email("myohassa@vantaa.fi").await.expect("lookup"),
        None,
        "nothing created"
    );
    let unknown = s
        .accept_invitation(
            "no-such-hash",
            Acceptor::New(new_user("x@vantaa.fi", "X")),
            now,
        )
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");

    let listed: Vec<String> = s
        .invitations(f.org.id)
        .await
        .expect("list")
        .into_iter()
        .map(|i| i.token_hash)
        .collect();
    assert_eq!(listed.len(), 3);
    for token in ["hash-new", "hash-existing", "hash-expired"] {
        assert!(listed.iter().any(|t| t == token), "{token} listed");
    }
    let dup = s
        .create_invitation(&invitation(&f, "hash-new", "a@b.fi", fac, now))
        .await;
    assert!(matches!(dup, Err(StoreError::Duplicate(_))), "{dup:?}");
}

#[tokio::test]
async fn an_account_made_from_a_link_takes_roles_only_from_its_organisation() {
    let f = fixture().await;
    let s = &f.store;
    let now = datetime!(2027-01-10 12:00:00 UTC);
    let fac = RoleSet::empty().with(Role::Facilitator);
    let admin = RoleSet::empty().with(Role::Admin);
    let other = s.create_org("Espoon kaupunki").await.expect("org");

    // Organisation A's link makes the account: its address is unconfirmed, from A.
    let inv = invitation(&f, "hash-a", "kohde@vantaa.fi", fac, now);
    s.create_invitation(&inv).await.expect("invite");
    let target = s
        .accept_invitation(
            "hash-a",
            Acceptor::New(new_user("kohde@vantaa.fi", "Kohde")),
            now,
        )
        .await
        .expect("accept");
    assert_eq!(
        s.unconfirmed_origin(target.id).await.expect("origin"),
        Some(f.org.id)
    );
    assert_eq!(
        s.unconfirmed_origin(f.orderer.id).await.expect("origin"),
        None
    );

    // Organisation B cannot give it roles, neither by invitation nor directly.
    let inv_b = Invitation {
        org: other.id,
        ..invitation(&f, "hash-b", "kohde@vantaa.fi", admin, now)
    };
    s.create_invitation(&inv_b).await.expect("invite");
    let taken = s
        .accept_invitation("hash-b", Acceptor::Account(target.id), now)
        .await;
    assert!(
        matches!(taken, Err(StoreError::Conflict(m)) if m == vuoro_store::ADDRESS_UNCONFIRMED),
        "{taken:?}"
    );
    let direct = s
        .change_roles(
            other.id,
            target.id,
            admin,
            f.coordinator.id,
            RoleChangeVia::Members,
            now,
        )
        .await;
    assert!(matches!(direct, Err(StoreError::Conflict(_))), "{direct:?}");
    assert!(s.memberships(target.id).await.expect("m").len() == 1);
    // Nor can anyone accept for an account that is not theirs, or make a second one.
    let stranger = s
        .accept_invitation("hash-b", Acceptor::Account(f.orderer.id), now)
        .await;
    assert!(
        matches!(stranger, Err(StoreError::Conflict(_))),
        "{stranger:?}"
    );
    let second = s
        .accept_invitation(
            "hash-b",
            Acceptor::New(new_user("kohde@vantaa.fi", "X")),
            now,
        )
        .await;
    assert!(matches!(second, Err(StoreError::Conflict(_))), "{second:?}");

    // Once a site admin confirmed the address, B's invitation works for the account itself.
    s.confirm_address(target.id, f.coordinator.id, now)
        .await
        .expect("confirm");
    assert_eq!(s.unconfirmed_origin(target.id).await.expect("origin"), None);
    assert!(matches!(
        s.confirm_address(target.id, f.coordinator.id, now).await,
        Err(StoreError::NotFound)
    ));
    s.accept_invitation(
        "hash-b",
        Acceptor::Account(target.id),
        now + Duration::minutes(1),
    )
    .await
    .expect("accept");
    assert_eq!(s.roles(other.id, target.id).await.expect("roles"), admin);

    // Every change is recorded with who made it, newest first.
    let log = s.role_changes(other.id, 10).await.expect("log");
    assert_eq!(log.len(), 1);
    assert_eq!(
        (
            log[0].user,
            log[0].actor,
            log[0].before,
            log[0].after,
            log[0].via
        ),
        (
            target.id,
            f.coordinator.id,
            RoleSet::empty(),
            admin,
            RoleChangeVia::Invitation
        )
    );
    assert_eq!(log[0].user_name, "Kohde");
    assert!(!log[0].self_grant);
    let root = s
        .create_user(NewUser {
            site_admin: true,
            ..new_user("root@vantaa.fi", "Pääkäyttäjä")
        })
        .await
        .expect("user");
    s.change_roles(
        f.org.id,
        root.id,
        admin,
        root.id,
        RoleChangeVia::Members,
        now,
    )
    .await
    .expect("self grant");
    // No change, no record.
    s.change_roles(
        f.org.id,
        root.id,
        admin,
        root.id,
        RoleChangeVia::Members,
        now,
    )
    .await
    .expect("same roles");
    let log = s.role_changes(f.org.id, 10).await.expect("log");
    assert_eq!(log.len(), 2, "the invitation of A and the self grant");
    assert!(log[0].self_grant && log[0].actor_name == "Pääkäyttäjä");
    assert_eq!(log[1].via, RoleChangeVia::Invitation);
}

#[tokio::test]
async fn login_sessions_expire() {
    let f = fixture().await;
    let s = &f.store;
    let now = datetime!(2027-01-10 12:00:00.5 UTC);
    let session = LoginSession {
        token_hash: "session-hash".into(),
        user: f.orderer.id,
        created_at: now,
        expires_at: now + Duration::hours(8),
    };
    s.create_login(&session).await.expect("login");
    let found = s
        .login("session-hash", now + Duration::hours(1))
        .await
        .expect("lookup");
    assert_eq!(found, Some((session.clone(), f.orderer.clone())));
    assert_eq!(
        s.login("session-hash", session.expires_at)
            .await
            .expect("lookup"),
        None
    );
    assert_eq!(
        s.login("session-hash", now + Duration::days(1))
            .await
            .expect("lookup"),
        None
    );
    assert_eq!(s.login("other-hash", now).await.expect("lookup"), None);

    s.delete_login("session-hash").await.expect("logout");
    assert_eq!(s.login("session-hash", now).await.expect("lookup"), None);
    s.delete_login("session-hash")
        .await
        .expect("logging out twice is fine");
}

#[tokio::test]
async fn processes_are_created_read_and_filtered_by_every_field() {
    let f = fixture().await;
    let s = &f.store;

    let plan = plan_with("eratauko", &[date!(2027 - 02 - 10), date!(2027 - 02 - 03)]);
    let created = s
        .create_process(NewProcess {
            org: f.org.id,
            orderer: f.orderer.id,
            order: order("Kotihoidon tiimi 3", Some(f.unit.id)),
            plan: plan.clone(),
        })
        .await
        .expect("create");
    assert_eq!(created.state, ProcessState::Ordered);
    assert_eq!(created.plan_version, 1);
    assert_eq!(created.title, "Kotihoidon tiimi 3");
    assert_eq!(created.unit, Some(f.unit.id));
    assert_eq!(created.method_id.as_deref(), Some("eratauko"));
    assert_eq!(created.first_session, Some(date!(2027 - 02 - 03)));
    assert_eq!(created.last_session, Some(date!(2027 - 02 - 10)));
    assert_eq!(s.process(created.id).await.expect("get"), created);
    let v1 = s.plan(created.id, 1).await.expect("plan v1");
    assert_eq!((v1.plan, v1.author), (plan, f.orderer.id));
    assert!(matches!(
        s.process(ProcessId::new()).await,
        Err(StoreError::NotFound)
    ));

    // Four more processes, each differing in one filtered field.
    let p_a = created.id;
    let p_b = create_process(
        &f,
        "Koulun opettajat",
        None,
        plan_with("learning-cafe", &[date!(2027 - 03 - 15)]),
    )
    .await;
    let p_c = create_process(&f, "Nuorisotila", None, Plan::default()).await;
    let p_d = create_process(
        &f,
        "Kirjasto",
        Some(f.unit.id),
        plan_with("eratauko", &[date!(2027 - 05 - 01)]),
    )
    .await;
    s.assign_facilitator(p_b, f.facilitator.id, f.coordinator.id)
        .await
        .expect("assign");
    s.assign_facilitator(p_d, f.facilitator.id, f.coordinator.id)
        .await
        .expect("assign");
    s.set_state(
        p_d,
        ProcessState::Ordered,
        ProcessState::Agreed,
        f.facilitator.id,
    )
    .await
    .expect("agree");

    let other_org = s.create_org("Kerava").await.expect("org");
    let other_orderer = s
        .create_user(new_user("kerava@kerava.fi", "Kerava"))
        .await
        .expect("user");
    let p_e = s
        .create_process(NewProcess {
            org: other_org.id,
            orderer: other_orderer.id,
            order: order("Keravan tiimi", None),
            plan: plan_with("eratauko", &[date!(2027 - 02 - 05)]),
        })
        .await
        .expect("create")
        .id;

    let all = ids(s, ProcessFilter::default()).await;
    assert_eq!(all, vec![p_e, p_d, p_c, p_b, p_a], "newest first");
    let org = |f2: ProcessFilter| ProcessFilter {
        org: Some(f.org.id),
        ..f2
    };

    assert_eq!(
        ids(s, org(ProcessFilter::default())).await,
        vec![p_d, p_c, p_b, p_a]
    );
    assert_eq!(
        ids(
            s,
            ProcessFilter {
                org: Some(other_org.id),
                ..Default::default()
            }
        )
        .await,
        vec![p_e]
    );
    assert_eq!(
        ids(
            s,
            org(ProcessFilter {
                state: Some(ProcessState::Agreed),
                ..Default::default()
            })
        )
        .await,
        vec![p_d]
    );
    assert_eq!(
        ids(
            s,
            org(ProcessFilter {
                state: Some(ProcessState::Ordered),
                ..Default::default()
            })
        )
        .await,
        vec![p_c, p_b, p_a]
    );
    assert_eq!(
        ids(
            s,
            org(ProcessFilter {
                unit: Some(f.unit.id),
                ..Default::default()
            })
        )
        .await,
        vec![p_d, p_a]
    );
    assert_eq!(
        ids(
            s,
            org(ProcessFilter {
                method_id: Some("eratauko".into()),
                ..Default::default()
            })
        )
        .await,
        vec![p_d, p_a]
    );
    assert_eq!(
        ids(
            s,
            ProcessFilter {
                method_id: Some("learning-cafe".into()),
                ..Default::default()
            }
        )
        .await,
        vec![p_b]
    );
    assert_eq!(
        ids(
            s,
            ProcessFilter {
                facilitator: Some(f.facilitator.id),
                ..Default::default()
            }
        )
        .await,
        vec![p_d, p_b]
    );
    assert_eq!(
        ids(
            s,
            ProcessFilter {
                orderer: Some(other_orderer.id),
                ..Default::default()
            }
        )
        .await,
        vec![p_e]
    );
    assert_eq!(
        ids(
            s,
            ProcessFilter {
                orderer: Some(f.orderer.id),
                ..Default::default()
            }
        )
        .await,
        vec![p_d, p_c, p_b, p_a]
    );
    assert_eq!(
        ids(
            s,
            org(ProcessFilter {
                unassigned: true,
                ..Default::default()
            })
        )
        .await,
        vec![p_c, p_a]
    );

    // Date ranges match processes whose sessions overlap them; p_c has no session at all.
    let range = |from: Option<Date>, to: Option<Date>| {
        org(ProcessFilter {
            from,
            to,
            ..Default::default()
        })
    };
    assert_eq!(
        ids(s, range(Some(date!(2027 - 03 - 01)), None)).await,
        vec![p_d, p_b]
    );
    assert_eq!(
        ids(s, range(None, Some(date!(2027 - 02 - 03)))).await,
        vec![p_a]
    );
    assert_eq!(
        ids(
            s,
            range(Some(date!(2027 - 02 - 05)), Some(date!(2027 - 02 - 06)))
        )
        .await,
        vec![p_a],
        "a range between two sessions of a process still overlaps it"
    );
    assert_eq!(
        ids(
            s,
            range(Some(date!(2027 - 02 - 11)), Some(date!(2027 - 03 - 14)))
        )
        .await,
        vec![]
    );
    assert_eq!(
        ids(
            s,
            range(Some(date!(2027 - 03 - 15)), Some(date!(2027 - 03 - 15)))
        )
        .await,
        vec![p_b]
    );
    assert_eq!(
        ids(
            s,
            ProcessFilter {
                from: Some(date!(2027 - 01 - 01)),
                to: Some(date!(2027 - 12 - 31)),
                ..Default::default()
            }
        )
        .await,
        vec![p_e, p_d, p_b, p_a]
    );

    // Every field at once.
    let narrow = ProcessFilter {
        org: Some(f.org.id),
        state: Some(ProcessState::Agreed),
        unit: Some(f.unit.id),
        method_id: Some("eratauko".into()),
        facilitator: Some(f.facilitator.id),
        orderer: Some(f.orderer.id),
        from: Some(date!(2027 - 04 - 01)),
        to: Some(date!(2027 - 06 - 01)),
        unassigned: false,
    };
    assert_eq!(ids(s, narrow.clone()).await, vec![p_d]);
    assert_eq!(
        ids(
            s,
            ProcessFilter {
                unassigned: true,
                ..narrow
            }
        )
        .await,
        vec![]
    );

    let unknown_unit = s
        .create_process(NewProcess {
            org: f.org.id,
            orderer: f.orderer.id,
            order: order("X", Some(UnitId::new())),
            plan: Plan::default(),
        })
        .await;
    assert!(
        matches!(unknown_unit, Err(StoreError::NotFound)),
        "{unknown_unit:?}"
    );
}

#[tokio::test]
async fn a_unit_of_another_organisation_is_refused() {
    let f = fixture().await;
    let other = f.store.create_org("Kerava").await.expect("org");
    let foreign = f
        .store
        .create_unit(other.id, "Keravan yksikkö")
        .await
        .expect("unit");
    let r = f
        .store
        .create_process(NewProcess {
            org: f.org.id,
            orderer: f.orderer.id,
            order: order("X", Some(foreign.id)),
            plan: Plan::default(),
        })
        .await;
    assert!(r.is_err(), "{r:?}");
    assert_eq!(ids(&f.store, ProcessFilter::default()).await, vec![]);
}

#[tokio::test]
async fn plans_are_versioned_and_stale_saves_conflict() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let before = s.process(id).await.expect("get");
    assert_eq!((before.method_id, before.first_session), (None, None));

    let v2_plan = plan_with(
        "learning-cafe",
        &[date!(2027 - 04 - 20), date!(2027 - 04 - 01)],
    );
    assert_eq!(
        s.save_plan(id, 1, &v2_plan, f.facilitator.id)
            .await
            .expect("save"),
        2
    );
    let after = s.process(id).await.expect("get");
    assert_eq!(after.plan_version, 2);
    assert_eq!(after.method_id.as_deref(), Some("learning-cafe"));
    assert_eq!(
        (after.first_session, after.last_session),
        (Some(date!(2027 - 04 - 01)), Some(date!(2027 - 04 - 20)))
    );
    assert!(after.updated_at >= before.updated_at);

    // Someone who edited version 1 cannot overwrite version 2.
    let stale = s.save_plan(id, 1, &Plan::default(), f.orderer.id).await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
    let ahead = s.save_plan(id, 5, &Plan::default(), f.orderer.id).await;
    assert!(matches!(ahead, Err(StoreError::Conflict(_))), "{ahead:?}");
    let missing = s
        .save_plan(ProcessId::new(), 1, &Plan::default(), f.orderer.id)
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");

    // Removing every session and the method clears the copied columns again.
    assert_eq!(
        s.save_plan(id, 2, &Plan::default(), f.orderer.id)
            .await
            .expect("save"),
        3
    );
    let cleared = s.process(id).await.expect("get");
    assert_eq!(
        (
            cleared.method_id,
            cleared.first_session,
            cleared.last_session
        ),
        (None, None, None)
    );

    let versions = s.plan_versions(id).await.expect("versions");
    let listed: Vec<(u32, UserId)> = versions.iter().map(|v| (v.version, v.author)).collect();
    assert_eq!(
        listed,
        vec![(3, f.orderer.id), (2, f.facilitator.id), (1, f.orderer.id)]
    );
    assert_eq!(versions[1].plan, v2_plan);
    assert_eq!(s.plan(id, 2).await.expect("v2"), versions[1]);
    assert!(matches!(s.plan(id, 4).await, Err(StoreError::NotFound)));
}

#[tokio::test]
async fn only_one_of_two_concurrent_saves_wins() {
    let f = fixture().await;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let (a, b) = (f.store.clone(), f.store.clone());
    let plan_a = plan_with("eratauko", &[date!(2027 - 02 - 01)]);
    let plan_b = plan_with("open-space", &[date!(2027 - 03 - 01)]);
    let (fa, fb) = (f.orderer.id, f.facilitator.id);
    let ta = tokio::spawn(async move { a.save_plan(id, 1, &plan_a, fa).await });
    let tb = tokio::spawn(async move { b.save_plan(id, 1, &plan_b, fb).await });
    let results = [ta.await.expect("task"), tb.await.expect("task")];
    let wins = results.iter().filter(|r| matches!(r, Ok(2))).count();
    let conflicts = results
        .iter()
        .filter(|r| matches!(r, Err(StoreError::Conflict(_))))
        .count();
    assert_eq!((wins, conflicts), (1, 1), "{results:?}");
    assert_eq!(f.store.plan_versions(id).await.expect("versions").len(), 2);
}

#[tokio::test]
async fn approvals_hold_for_one_version() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(
        &f,
        "Tiimi",
        None,
        plan_with("eratauko", &[date!(2027 - 02 - 01)]),
    )
    .await;
    s.approve(id, 1, ApprovalSide::Orderer, f.orderer.id)
        .await
        .expect("approve");
    s.approve(id, 1, ApprovalSide::Facilitator, f.facilitator.id)
        .await
        .expect("approve");
    // Approving the same side again changes nothing, not even the approver.
    s.approve(id, 1, ApprovalSide::Orderer, f.coordinator.id)
        .await
        .expect("idempotent");
    let approvals = s.approvals(id, 1).await.expect("approvals");
    let sides: Vec<(ApprovalSide, UserId)> = approvals.iter().map(|a| (a.side, a.user)).collect();
    assert_eq!(
        sides,
        vec![
            (ApprovalSide::Orderer, f.orderer.id),
            (ApprovalSide::Facilitator, f.facilitator.id)
        ]
    );
    assert!(approvals.iter().all(|a| a.process == id && a.version == 1));

    // A new version needs new approvals, and the old version can no longer be approved.
    s.save_plan(
        id,
        1,
        &plan_with("eratauko", &[date!(2027 - 02 - 08)]),
        f.facilitator.id,
    )
    .await
    .expect("save");
    assert!(s.approvals(id, 2).await.expect("approvals").is_empty());
    let stale = s
        .approve(id, 1, ApprovalSide::Facilitator, f.facilitator.id)
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
    assert_eq!(
        s.approvals(id, 1).await.expect("old approvals kept").len(),
        2
    );
    s.approve(id, 2, ApprovalSide::Orderer, f.orderer.id)
        .await
        .expect("approve v2");
    assert_eq!(s.approvals(id, 2).await.expect("approvals").len(), 1);
    let missing = s
        .approve(ProcessId::new(), 1, ApprovalSide::Orderer, f.orderer.id)
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");

    let approved_events = s
        .events(id)
        .await
        .expect("events")
        .into_iter()
        .filter(|e| matches!(e.kind, EventKind::Approved { .. }))
        .count();
    assert_eq!(approved_events, 3, "the repeated approval is not logged");
}

#[tokio::test]
async fn state_changes_are_conditional() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    s.set_state(
        id,
        ProcessState::Ordered,
        ProcessState::Agreed,
        f.facilitator.id,
    )
    .await
    .expect("agree");
    let stale = s
        .set_state(
            id,
            ProcessState::Ordered,
            ProcessState::Cancelled,
            f.orderer.id,
        )
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
    assert_eq!(
        s.process(id).await.expect("get").state,
        ProcessState::Agreed
    );
    s.set_state(
        id,
        ProcessState::Agreed,
        ProcessState::Phase1,
        f.facilitator.id,
    )
    .await
    .expect("start");
    assert_eq!(
        s.process(id).await.expect("get").state,
        ProcessState::Phase1
    );
    let missing = s
        .set_state(
            ProcessId::new(),
            ProcessState::Ordered,
            ProcessState::Agreed,
            f.orderer.id,
        )
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    let nobody = s
        .assign_facilitator(ProcessId::new(), f.facilitator.id, f.coordinator.id)
        .await;
    assert!(matches!(nobody, Err(StoreError::NotFound)), "{nobody:?}");
}

#[tokio::test]
async fn the_event_log_records_every_change_in_order() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let other = create_process(&f, "Toinen", None, Plan::default()).await;
    s.assign_facilitator(id, f.facilitator.id, f.coordinator.id)
        .await
        .expect("assign");
    s.save_plan(
        id,
        1,
        &plan_with("eratauko", &[date!(2027 - 02 - 01)]),
        f.facilitator.id,
    )
    .await
    .expect("save");
    s.approve(id, 2, ApprovalSide::Facilitator, f.facilitator.id)
        .await
        .expect("approve");
    s.approve(id, 2, ApprovalSide::Orderer, f.orderer.id)
        .await
        .expect("approve");
    s.set_state(
        id,
        ProcessState::Ordered,
        ProcessState::Agreed,
        f.facilitator.id,
    )
    .await
    .expect("agree");
    s.set_state(
        other,
        ProcessState::Ordered,
        ProcessState::Cancelled,
        f.orderer.id,
    )
    .await
    .expect("cancel");

    let events = s.events(id).await.expect("events");
    let log: Vec<(UserId, EventKind)> = events.iter().map(|e| (e.actor, e.kind.clone())).collect();
    assert_eq!(
        log,
        vec![
            (f.orderer.id, EventKind::Ordered),
            (
                f.coordinator.id,
                EventKind::FacilitatorAssigned {
                    facilitator: f.facilitator.id
                }
            ),
            (f.facilitator.id, EventKind::PlanSaved { version: 2 }),
            (
                f.facilitator.id,
                EventKind::Approved {
                    version: 2,
                    side: ApprovalSide::Facilitator
                }
            ),
            (
                f.orderer.id,
                EventKind::Approved {
                    version: 2,
                    side: ApprovalSide::Orderer
                }
            ),
            (
                f.facilitator.id,
                EventKind::StateChanged {
                    from: ProcessState::Ordered,
                    to: ProcessState::Agreed,
                    reason: None
                }
            ),
        ]
    );
    assert!(events.iter().all(|e| e.process == id));
    assert!(
        events
            .windows(2)
            .all(|w| w[0].seq < w[1].seq && w[0].at <= w[1].at)
    );
    let others = s.events(other).await.expect("events");
    assert_eq!(others.len(), 2);
    assert!(
        others[0].seq < events[1].seq,
        "one sequence across processes"
    );

    let p = s.process(id).await.expect("get");
    assert_eq!(
        (p.facilitator, p.state, p.plan_version),
        (Some(f.facilitator.id), ProcessState::Agreed, 2)
    );
    assert_eq!(p.updated_at, events[5].at);
}

#[tokio::test]
async fn a_backup_opens_as_a_store_with_the_data() {
    let f = fixture().await;
    let id = create_process(
        &f,
        "Tiimi",
        Some(f.unit.id),
        plan_with("eratauko", &[date!(2027 - 02 - 01)]),
    )
    .await;
    let dir = TempDir::new();
    let dest = dir.file("backup.db");
    f.store.backup_to(&dest).await.expect("backup");
    let again = f.store.backup_to(&dest).await;
    assert!(
        matches!(again, Err(StoreError::Duplicate(_))),
        "an existing file is not overwritten: {again:?}"
    );

    // Changes after the backup stay out of it.
    f.store.create_org("Myöhempi").await.expect("org");

    let copy = open(&dest).await;
    assert_eq!(copy.orgs().await.expect("orgs"), vec![f.org.clone()]);
    assert_eq!(
        copy.units(f.org.id).await.expect("units"),
        vec![f.unit.clone()]
    );
    assert_eq!(copy.user(f.orderer.id).await.expect("user"), f.orderer);
    assert_eq!(
        copy.process(id).await.expect("process"),
        f.store.process(id).await.expect("process")
    );
    assert_eq!(
        copy.events(id).await.expect("events"),
        f.store.events(id).await.expect("events")
    );
    assert_eq!(copy.user_count().await.expect("count"), 3);
    copy.close().await;
}

/// A live session of `process`, opened by the facilitator, at the first stage with a stopped
/// ten-minute timer.
fn live(f: &Fixture, process: ProcessId, code: &str, opened_at: OffsetDateTime) -> LiveSession {
    LiveSession {
        id: LiveSessionId::new(),
        process,
        plan_session: 1,
        phase: 1,
        join_code: JoinCode::parse(code).expect("valid code"),
        open: true,
        position: Position::default(),
        timer: Timer::new(10),
        opened_by: f.facilitator.id,
        opened_at,
        closed_at: None,
    }
}

fn participant(process: ProcessId, token: &str, created_at: OffsetDateTime) -> Participant {
    Participant {
        id: ParticipantId::new(),
        process,
        token_hash: format!("hash-of-{token}"),
        display_name: None,
        lang: "fi".into(),
        created_at,
    }
}

fn note(live: LiveSessionId, author: NoteAuthor, text: &str, created_at: OffsetDateTime) -> Note {
    Note {
        id: NoteId::new(),
        live_session: live,
        author,
        shown_name: None,
        stage: 1,
        question: "Mikä toimii?".into(),
        text: text.into(),
        lang: "fi".into(),
        hidden: false,
        starred: false,
        place: None,
        merged_into: None,
        topic: None,
        created_at,
    }
}

#[tokio::test]
async fn live_sessions_are_opened_read_and_listed_newest_first() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let other = create_process(&f, "Toinen", None, Plan::default()).await;
    let mut first = live(&f, id, "ACDEFG", datetime!(2027-02-01 09:00 +02:00));
    first.plan_session = 2;
    first.phase = 3;
    first.position = Position {
        stage: 2,
        question: 1,
    };
    first.timer.start(1_000);
    let second = live(&f, id, "HJKMNP", datetime!(2027-02-08 09:00 UTC));
    let elsewhere = live(&f, other, "QRTUVW", datetime!(2027-02-09 09:00 UTC));
    for l in [&first, &second, &elsewhere] {
        s.open_live_session(l).await.expect("open");
    }

    assert_eq!(s.live_session(first.id).await.expect("read"), first);
    assert_eq!(
        s.live_session_by_code(&first.join_code)
            .await
            .expect("by code"),
        Some(first.clone())
    );
    let unknown = JoinCode::parse("XY3467").expect("valid");
    assert_eq!(
        s.live_session_by_code(&unknown).await.expect("by code"),
        None
    );
    assert_eq!(
        s.live_sessions(id).await.expect("list"),
        vec![second.clone(), first.clone()]
    );
    assert_eq!(s.live_sessions(other).await.expect("list"), vec![elsewhere]);
    assert_eq!(
        s.live_sessions(ProcessId::new()).await.expect("list"),
        vec![]
    );
    let missing = s.live_session(LiveSessionId::new()).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");

    let again = s.open_live_session(&second).await;
    assert!(
        matches!(again, Err(StoreError::Duplicate("live session"))),
        "{again:?}"
    );
    let orphan = s
        .open_live_session(&live(
            &f,
            ProcessId::new(),
            "CCCCCC",
            datetime!(2027-02-01 9:00 UTC),
        ))
        .await;
    assert!(matches!(orphan, Err(StoreError::NotFound)), "{orphan:?}");
}

#[tokio::test]
async fn a_join_code_is_unique_among_open_sessions_only() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let other = create_process(&f, "Toinen", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let first = live(&f, id, "ACDEFG", t);
    s.open_live_session(&first).await.expect("open");

    // Another process's session may not take an open code either: the code alone finds a session.
    let taken = s.open_live_session(&live(&f, other, "ACDEFG", t)).await;
    assert!(
        matches!(taken, Err(StoreError::Duplicate("join code"))),
        "{taken:?}"
    );

    s.close_live_session(first.id, t + Duration::hours(2))
        .await
        .expect("close");
    assert_eq!(
        s.live_session_by_code(&first.join_code)
            .await
            .expect("by code"),
        None,
        "a closed session's code stops working"
    );
    let reuse = live(&f, other, "ACDEFG", t + Duration::days(1));
    s.open_live_session(&reuse)
        .await
        .expect("a freed code can be drawn again");
    assert_eq!(
        s.live_session_by_code(&first.join_code)
            .await
            .expect("by code"),
        Some(reuse.clone())
    );
    // Closing the second holder too leaves two closed sessions with the same code.
    s.close_live_session(reuse.id, t + Duration::days(1) + Duration::hours(1))
        .await
        .expect("close");
    assert!(!s.live_session(first.id).await.expect("read").open);
    assert!(!s.live_session(reuse.id).await.expect("read").open);
}

#[tokio::test]
async fn moving_and_closing_a_live_session_append_events() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");

    let pos = Position {
        stage: 1,
        question: 2,
    };
    let mut timer = Timer::new(20);
    timer.start(5_000);
    let moved = s.move_live_session(l.id, pos, timer).await.expect("move");
    assert_eq!(
        (moved.live_session, &moved.kind),
        (l.id, &LiveEventKind::Moved)
    );
    let read = s.live_session(l.id).await.expect("read");
    assert_eq!((read.position, read.timer), (pos, timer));
    assert!(read.open);

    let closed_at = t + Duration::minutes(90);
    let closed = s.close_live_session(l.id, closed_at).await.expect("close");
    assert_eq!(closed.kind, LiveEventKind::Closed);
    assert!(closed.seq > moved.seq);
    let read = s.live_session(l.id).await.expect("read");
    assert_eq!(
        (read.open, read.closed_at, read.position, read.timer),
        (false, Some(closed_at), pos, timer)
    );
    assert_eq!(
        s.live_events_after(l.id, 0).await.expect("events"),
        vec![moved, closed]
    );

    // A closed session neither moves nor closes again; an unknown one is not found.
    let late = s
        .move_live_session(l.id, Position::default(), Timer::new(5))
        .await;
    assert!(matches!(late, Err(StoreError::Conflict(_))), "{late:?}");
    assert_eq!(s.live_session(l.id).await.expect("read").position, pos);
    let twice = s.close_live_session(l.id, closed_at).await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "{twice:?}");
    let nobody = s.move_live_session(LiveSessionId::new(), pos, timer).await;
    assert!(matches!(nobody, Err(StoreError::NotFound)), "{nobody:?}");
    let nobody = s.close_live_session(LiveSessionId::new(), closed_at).await;
    assert!(matches!(nobody, Err(StoreError::NotFound)), "{nobody:?}");
    assert_eq!(s.live_events_after(l.id, 0).await.expect("events").len(), 2);
}

#[tokio::test]
async fn participants_are_found_by_token_and_updated() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let p = participant(id, "selain-1", datetime!(2027-02-01 09:05 UTC));
    s.create_participant(&p).await.expect("create");
    assert_eq!(
        s.participant_by_token(&p.token_hash).await.expect("find"),
        Some(p.clone())
    );
    assert_eq!(
        s.participant_by_token("hash-of-nobody")
            .await
            .expect("find"),
        None
    );

    s.update_participant(p.id, Some("Aino"), "sv")
        .await
        .expect("update");
    let named = s
        .participant_by_token(&p.token_hash)
        .await
        .expect("find")
        .expect("exists");
    assert_eq!(
        (named.display_name.as_deref(), named.lang.as_str()),
        (Some("Aino"), "sv")
    );
    s.update_participant(p.id, None, "ar")
        .await
        .expect("update");
    let anonymous = s
        .participant_by_token(&p.token_hash)
        .await
        .expect("find")
        .expect("exists");
    assert_eq!(
        anonymous,
        Participant {
            lang: "ar".into(),
            ..p.clone()
        }
    );

    let missing = s.update_participant(ParticipantId::new(), None, "fi").await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    let unknown_lang = s.update_participant(p.id, None, "de").await;
    assert!(unknown_lang.is_err(), "{unknown_lang:?}");
    let same_token = s
        .create_participant(&participant(
            id,
            "selain-1",
            datetime!(2027-02-01 09:06 UTC),
        ))
        .await;
    assert!(
        matches!(same_token, Err(StoreError::Duplicate(_))),
        "{same_token:?}"
    );
    let orphan = s
        .create_participant(&participant(
            ProcessId::new(),
            "selain-2",
            datetime!(2027-02-01 09:06 UTC),
        ))
        .await;
    assert!(matches!(orphan, Err(StoreError::NotFound)), "{orphan:?}");
}

#[tokio::test]
async fn attendance_is_counted_once_per_participant() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let other = create_process(&f, "Toinen", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    let later = live(&f, id, "HJKMNP", t + Duration::days(7));
    s.open_live_session(&l).await.expect("open");
    s.open_live_session(&later).await.expect("open");
    let a = participant(id, "a", t);
    let b = participant(id, "b", t);
    let stranger = participant(other, "c", t);
    for p in [&a, &b, &stranger] {
        s.create_participant(p).await.expect("participant");
    }

    assert_eq!(s.count_participants(l.id).await.expect("count"), 0);
    s.attend(l.id, a.id).await.expect("attend");
    s.attend(l.id, a.id).await.expect("attending twice is fine");
    assert_eq!(s.count_participants(l.id).await.expect("count"), 1);
    s.attend(l.id, b.id).await.expect("attend");
    s.attend(later.id, a.id).await.expect("attend");
    assert_eq!(s.count_participants(l.id).await.expect("count"), 2);
    assert_eq!(s.count_participants(later.id).await.expect("count"), 1);

    let foreign = s.attend(l.id, stranger.id).await;
    assert!(
        matches!(foreign, Err(StoreError::NotFound)),
        "a participant of another process: {foreign:?}"
    );
    let nobody = s.attend(l.id, ParticipantId::new()).await;
    assert!(matches!(nobody, Err(StoreError::NotFound)), "{nobody:?}");
    let nowhere = s.attend(LiveSessionId::new(), a.id).await;
    assert!(matches!(nowhere, Err(StoreError::NotFound)), "{nowhere:?}");
    assert_eq!(s.count_participants(l.id).await.expect("count"), 2);
}

#[tokio::test]
async fn notes_are_stored_with_events_a_board_can_resume_from() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    let elsewhere = live(&f, id, "HJKMNP", t);
    s.open_live_session(&l).await.expect("open");
    s.open_live_session(&elsewhere).await.expect("open");
    let a = participant(id, "a", t);
    let b = participant(id, "b", t);
    s.create_participant(&a).await.expect("participant");
    s.create_participant(&b).await.expect("participant");

    let mut n1 = note(
        l.id,
        NoteAuthor::Participant(a.id),
        "Aamupalaverit",
        t + Duration::minutes(5),
    );
    n1.shown_name = Some("Aino".into());
    let e1 = s.add_note(&n1).await.expect("note");
    assert_eq!(
        (e1.live_session, &e1.kind, e1.at),
        (
            l.id,
            &LiveEventKind::NoteAdded { note: n1.id },
            n1.created_at
        )
    );
    let moved = s
        .move_live_session(
            l.id,
            Position {
                stage: 1,
                question: 1,
            },
            Timer::new(5),
        )
        .await
        .expect("move");
    let other_session = s
        .add_note(&note(
            elsewhere.id,
            NoteAuthor::Participant(b.id),
            "Muualla",
            t + Duration::minutes(6),
        ))
        .await
        .expect("note");
    let mut n2 = note(
        l.id,
        NoteAuthor::Participant(b.id),
        "Liian vähän aikaa",
        t + Duration::minutes(7),
    );
    n2.lang = "so".into();
    n2.hidden = true;
    let e2 = s.add_note(&n2).await.expect("note");
    let n3 = note(
        l.id,
        NoteAuthor::Participant(a.id),
        "Kiitos",
        t + Duration::minutes(8),
    );
    let e3 = s.add_note(&n3).await.expect("note");
    assert!(e1.seq < moved.seq && moved.seq < other_session.seq && other_session.seq < e2.seq);
    assert!(e2.seq < e3.seq);

    assert_eq!(s.note(n2.id).await.expect("note"), n2);
    assert_eq!(
        s.notes(l.id).await.expect("notes"),
        vec![n1.clone(), n2.clone(), n3.clone()]
    );
    let missing = s.note(NoteId::new()).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");

    let all = s.live_events_after(l.id, 0).await.expect("events");
    assert_eq!(all, vec![e1.clone(), moved.clone(), e2.clone(), e3.clone()]);
    // A board that saw up to the move gets exactly what came after, not the other session's.
    assert_eq!(
        s.live_events_after(l.id, moved.seq).await.expect("events"),
        vec![e2.clone(), e3.clone()]
    );
    assert_eq!(
        s.live_events_after(l.id, e2.seq).await.expect("events"),
        vec![e3.clone()]
    );
    assert_eq!(
        s.live_events_after(l.id, e3.seq).await.expect("events"),
        vec![]
    );
    assert_eq!(
        s.live_events_after(elsewhere.id, 0).await.expect("events"),
        vec![other_session]
    );

    // Writing counts as taking part, even if joining was never recorded.
    assert_eq!(s.count_participants(l.id).await.expect("count"), 2);
    s.attend(l.id, a.id).await.expect("attend");
    assert_eq!(s.count_participants(l.id).await.expect("count"), 2);

    let again = s.add_note(&n1).await;
    assert!(matches!(again, Err(StoreError::Duplicate(_))), "{again:?}");
    assert_eq!(s.live_events_after(l.id, 0).await.expect("events").len(), 4);
}

#[tokio::test]
async fn recent_notes_are_counted_per_participant_and_session() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    let elsewhere = live(&f, id, "HJKMNP", t);
    s.open_live_session(&l).await.expect("open");
    s.open_live_session(&elsewhere).await.expect("open");
    let a = participant(id, "a", t);
    let b = participant(id, "b", t);
    s.create_participant(&a).await.expect("participant");
    s.create_participant(&b).await.expect("participant");
    for secs in [0, 30, 50, 59] {
        s.add_note(&note(
            l.id,
            NoteAuthor::Participant(a.id),
            "a",
            t + Duration::seconds(secs),
        ))
        .await
        .expect("note");
    }
    s.add_note(&note(
        l.id,
        NoteAuthor::Participant(b.id),
        "b",
        t + Duration::seconds(55),
    ))
    .await
    .expect("note");
    s.add_note(&note(
        elsewhere.id,
        NoteAuthor::Participant(a.id),
        "a",
        t + Duration::seconds(58),
    ))
    .await
    .expect("note");
    s.add_note(&note(
        l.id,
        NoteAuthor::Staff(f.facilitator.id),
        "s",
        t + Duration::seconds(57),
    ))
    .await
    .expect("note");

    let since = t + Duration::seconds(30);
    assert_eq!(
        s.count_recent_notes(l.id, a.id, since)
            .await
            .expect("count"),
        3
    );
    assert_eq!(s.count_recent_notes(l.id, a.id, t).await.expect("count"), 4);
    assert_eq!(
        s.count_recent_notes(l.id, a.id, t + Duration::minutes(1))
            .await
            .expect("count"),
        0
    );
    assert_eq!(
        s.count_recent_notes(l.id, b.id, since)
            .await
            .expect("count"),
        1
    );
    assert_eq!(
        s.count_recent_notes(elsewhere.id, a.id, since)
            .await
            .expect("count"),
        1
    );
}

#[tokio::test]
async fn staff_write_notes_for_the_circle() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let n = note(
        l.id,
        NoteAuthor::Staff(f.facilitator.id),
        "Ryhmä 2: työvuorolistat",
        t + Duration::minutes(3),
    );
    let e = s.add_note(&n).await.expect("note");
    assert_eq!(e.kind, LiveEventKind::NoteAdded { note: n.id });
    assert_eq!(s.notes(l.id).await.expect("notes"), vec![n.clone()]);
    assert_eq!(
        s.note(n.id).await.expect("note").author,
        NoteAuthor::Staff(f.facilitator.id)
    );
    assert_eq!(
        s.count_participants(l.id).await.expect("count"),
        0,
        "staff are not participants"
    );
    let unknown = s
        .add_note(&note(l.id, NoteAuthor::Staff(UserId::new()), "x", t))
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
}

#[tokio::test]
async fn a_note_must_name_a_participant_of_the_same_process() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let other = create_process(&f, "Toinen", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let stranger = participant(other, "c", t);
    s.create_participant(&stranger).await.expect("participant");

    let missing = s
        .add_note(&note(
            l.id,
            NoteAuthor::Participant(ParticipantId::new()),
            "x",
            t,
        ))
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    let foreign = s
        .add_note(&note(l.id, NoteAuthor::Participant(stranger.id), "x", t))
        .await;
    assert!(matches!(foreign, Err(StoreError::NotFound)), "{foreign:?}");
    let nowhere = s
        .add_note(&note(
            LiveSessionId::new(),
            NoteAuthor::Staff(f.facilitator.id),
            "x",
            t,
        ))
        .await;
    assert!(matches!(nowhere, Err(StoreError::NotFound)), "{nowhere:?}");
    let mut bad_lang = note(l.id, NoteAuthor::Staff(f.facilitator.id), "x", t);
    bad_lang.lang = "xx".into();
    assert!(s.add_note(&bad_lang).await.is_err());

    // Nothing of the refused notes remains, not even an event.
    assert_eq!(s.notes(l.id).await.expect("notes"), vec![]);
    assert_eq!(s.live_events_after(l.id, 0).await.expect("events"), vec![]);
}

#[tokio::test]
async fn live_data_survives_reopening_the_file() {
    let dir = TempDir::new();
    let path = dir.file("vuoro.db");
    let store = open(&path).await;
    let org = store.create_org("Espoo").await.expect("org");
    let user = store
        .create_user(new_user("f@espoo.fi", "F"))
        .await
        .expect("user");
    let process = store
        .create_process(NewProcess {
            org: org.id,
            orderer: user.id,
            order: order("Tiimi", None),
            plan: Plan::default(),
        })
        .await
        .expect("process");
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = LiveSession {
        id: LiveSessionId::new(),
        process: process.id,
        plan_session: 1,
        phase: 1,
        join_code: JoinCode::parse("ACDEFG").expect("valid"),
        open: true,
        position: Position::default(),
        timer: Timer::new(15),
        opened_by: user.id,
        opened_at: t,
        closed_at: None,
    };
    store.open_live_session(&l).await.expect("open");
    let n = note(l.id, NoteAuthor::Staff(user.id), "muistiin", t);
    let e = store.add_note(&n).await.expect("note");
    store.close().await;

    let again = open(&path).await;
    assert_eq!(again.live_session(l.id).await.expect("read"), l);
    assert_eq!(again.notes(l.id).await.expect("notes"), vec![n]);
    assert_eq!(
        again.live_events_after(l.id, 0).await.expect("events"),
        vec![e.clone()]
    );
    // The sequence continues after a reopen.
    let moved = again
        .move_live_session(l.id, Position::default(), Timer::new(15))
        .await
        .expect("move");
    assert!(moved.seq > e.seq);
    again.close().await;
}

#[tokio::test]
async fn facilitators_change_notes_and_every_change_is_kept() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let n = note(
        l.id,
        NoteAuthor::Staff(f.facilitator.id),
        "Työvuorolistta",
        t,
    );
    let added = s.add_note(&n).await.expect("note");
    let actor = f.facilitator.id;
    let edit = NoteChange::Edit {
        text: "Työvuorolista".into(),
    };
    let mut last = added.seq;
    for (change, minutes) in [
        (NoteChange::Star, 1),
        (edit.clone(), 2),
        (NoteChange::Hide, 3),
        (NoteChange::Show, 4),
        (NoteChange::Hide, 5),
        (NoteChange::Unstar, 6),
    ] {
        let e = s
            .change_note(n.id, &change, actor, t + Duration::minutes(minutes))
            .await
            .expect("changed");
        assert_eq!(e.kind, LiveEventKind::NoteChanged { note: n.id });
        assert!(e.seq > last, "events keep their order");
        last = e.seq;
    }
    let now = s.note(n.id).await.expect("note");
    assert_eq!(now.text, "Työvuorolista");
    assert!(now.hidden && !now.starred);
    let history = s.note_history(n.id).await.expect("history");
    let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(actions, ["star", "edit", "hide", "show", "hide", "unstar"]);
    assert_eq!(
        history[1].old_text.as_deref(),
        Some("Työvuorolistta"),
        "the old text is kept"
    );
    assert_eq!(history[1].new_text.as_deref(), Some("Työvuorolista"));
    assert!(history.iter().all(|h| h.actor == actor));
    assert_eq!(
        history.iter().map(|h| h.version).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5, 6]
    );
    let missing = s
        .change_note(NoteId::new(), &NoteChange::Hide, actor, t)
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
}

#[tokio::test]
async fn feedback_is_taken_once_per_participant_while_open() {
    use vuoro_core::feedback::{Answer, FeedbackState};
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let a = participant(id, "a", t);
    let b = participant(id, "b", t);
    s.create_participant(&a).await.expect("a");
    s.create_participant(&b).await.expect("b");
    let answers = vec![
        Answer::Scale(4),
        Answer::Skipped,
        Answer::Open("Hyvä".into()),
    ];
    assert_eq!(
        s.feedback_state(l.id).await.expect("state"),
        FeedbackState::None
    );
    let early = s.add_feedback(l.id, a.id, &answers, t).await;
    assert!(matches!(early, Err(StoreError::Conflict(_))), "{early:?}");
    let e = s
        .set_feedback_state(l.id, FeedbackState::Open, t)
        .await
        .expect("open");
    assert_eq!(
        e.kind,
        LiveEventKind::Moved,
        "phones reload to show the form"
    );
    s.add_feedback(l.id, a.id, &answers, t)
        .await
        .expect("a answers");
    let again = s.add_feedback(l.id, a.id, &answers, t).await;
    assert!(matches!(again, Err(StoreError::Duplicate(_))), "{again:?}");
    assert!(s.feedback_given(l.id, a.id).await.expect("given"));
    assert!(!s.feedback_given(l.id, b.id).await.expect("given"));
    let other = vec![Answer::Scale(2), Answer::Scale(5), Answer::Skipped];
    s.add_feedback(l.id, b.id, &other, t)
        .await
        .expect("b answers");
    s.set_feedback_state(l.id, FeedbackState::Closed, t)
        .await
        .expect("closed");
    let late = s.add_feedback(l.id, b.id, &other, t).await;
    assert!(matches!(late, Err(StoreError::Conflict(_))));
    // Closing is final: the form neither reopens nor goes back to "not asked".
    for to in [FeedbackState::Open, FeedbackState::None] {
        let back = s.set_feedback_state(l.id, to, t).await;
        assert!(
            matches!(back, Err(StoreError::Conflict(_))),
            "{to:?}: {back:?}"
        );
    }
    assert_eq!(
        s.feedback_state(l.id).await.expect("state"),
        FeedbackState::Closed
    );
    let got = s.feedback_responses(l.id).await.expect("responses");
    let mut want = vec![answers, other];
    want.sort_by_key(|r| serde_json::to_string(r).expect("json"));
    assert_eq!(got, want, "ordered by content");
}

#[tokio::test]
async fn a_closed_session_takes_no_feedback_even_with_its_form_open() {
    use vuoro_core::feedback::{Answer, FeedbackState};
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let a = participant(id, "a", t);
    s.create_participant(&a).await.expect("a");
    s.set_feedback_state(l.id, FeedbackState::Open, t)
        .await
        .expect("open");
    s.close_live_session(l.id, t + Duration::hours(1))
        .await
        .expect("close");
    let late = s
        .add_feedback(l.id, a.id, &[Answer::Scale(1)], t + Duration::hours(2))
        .await;
    assert!(matches!(late, Err(StoreError::Conflict(_))), "{late:?}");
    assert!(!s.feedback_given(l.id, a.id).await.expect("given"));
    assert!(
        s.feedback_responses(l.id)
            .await
            .expect("responses")
            .is_empty()
    );
}

/// A database from before migration 0009 keeps its answers, loses the link to who gave them,
/// and still knows who answered (so nobody answers twice).
#[tokio::test]
async fn migration_0009_moves_answers_away_from_their_participants() {
    use sqlx::{Connection, Executor};
    use vuoro_core::feedback::{Answer, FeedbackState};
    let f = fixture().await;
    let path = f._dir.file("vuoro.db");
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let a = participant(id, "a", t);
    let b = participant(id, "b", t);
    s.create_participant(&a).await.expect("a");
    s.create_participant(&b).await.expect("b");
    s.set_feedback_state(l.id, FeedbackState::Open, t)
        .await
        .expect("open");
    s.close().await;

    // Back to the schema of 0002–0006: answers stored with their participant and time.
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(&path);
    let mut conn = sqlx::SqliteConnection::connect_with(&options)
        .await
        .expect("connect");
    conn.execute(
        "DROP TABLE feedback_answers; DROP TABLE feedback_given; \
         DELETE FROM _sqlx_migrations WHERE version = 9; \
         CREATE TABLE feedback_responses ( \
             live_session_id TEXT NOT NULL, process_id TEXT NOT NULL, \
             participant_id TEXT NOT NULL, \
             answers_json TEXT NOT NULL CHECK (json_valid(answers_json)), \
             created_at TEXT NOT NULL, \
             PRIMARY KEY (live_session_id, participant_id), \
             FOREIGN KEY (live_session_id, process_id) REFERENCES live_sessions (id, process_id), \
             FOREIGN KEY (participant_id, process_id) REFERENCES participants (id, process_id) \
         ) STRICT, WITHOUT ROWID;",
    )
    .await
    .expect("old schema");
    let old = [
        (a.id, vec![Answer::Scale(5), Answer::Open("Hyvä".into())]),
        (b.id, vec![Answer::Scale(2), Answer::Skipped]),
    ];
    for (who, answers) in &old {
        sqlx::query(
            "INSERT INTO feedback_responses \
             (live_session_id, process_id, participant_id, answers_json, created_at) \
             VALUES (?, ?, ?, ?, '2027-02-01T09:30:00Z')",
        )
        .bind(l.id.to_string())
        .bind(id.to_string())
        .bind(who.to_string())
        .bind(serde_json::to_string(answers).expect("json"))
        .execute(&mut conn)
        .await
        .expect("old answer");
    }
    conn.close().await.expect("closed");

    let s = open(&path).await;
    let got = s.feedback_responses(l.id).await.expect("responses");
    let mut want: Vec<Vec<Answer>> = old.iter().map(|(_, a)| a.clone()).collect();
    want.sort_by_key(|r| serde_json::to_string(r).expect("json"));
    assert_eq!(got, want, "every answer kept");
    assert!(s.feedback_given(l.id, a.id).await.expect("given"));
    assert!(s.feedback_given(l.id, b.id).await.expect("given"));
    let again = s.add_feedback(l.id, a.id, &[Answer::Scale(1)], t).await;
    assert!(matches!(again, Err(StoreError::Duplicate(_))), "{again:?}");
    s.close().await;

    let mut conn = sqlx::SqliteConnection::connect_with(&options)
        .await
        .expect("connect");
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'feedback%' \
         ORDER BY name",
    )
    .fetch_all(&mut conn)
    .await
    .expect("tables");
    assert_eq!(
        tables,
        ["feedback_answers", "feedback_given"],
        "the old table is gone"
    );
    let columns: Vec<String> =
        sqlx::query_scalar("SELECT name FROM pragma_table_info('feedback_answers')")
            .fetch_all(&mut conn)
            .await
            .expect("columns");
    assert_eq!(
        columns,
        ["id", "live_session_id", "answers_json"],
        "no participant, no time"
    );
    let columns: Vec<String> =
        sqlx::query_scalar("SELECT name FROM pragma_table_info('feedback_given')")
            .fetch_all(&mut conn)
            .await
            .expect("columns");
    assert!(
        !columns
            .iter()
            .any(|c| c.contains("answer") || c.contains("_at")),
        "{columns:?}"
    );
    conn.close().await.expect("closed");
}

#[tokio::test]
async fn hands_queue_in_the_order_raised_and_carry_numbers_not_ids() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let mut people = Vec::new();
    for (i, name) in [None, Some("Sanna"), None].into_iter().enumerate() {
        let mut p = participant(id, &format!("t{i}"), t);
        p.display_name = name.map(str::to_owned);
        s.create_participant(&p).await.expect("participant");
        s.attend(l.id, p.id).await.expect("attend");
        people.push(p);
        // Attendance order is by time; a pause keeps the numbers apart.
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let unknown = s.raise_hand(l.id, participant(id, "x", t).id, t).await;
    assert!(
        unknown.is_err(),
        "only someone in the session raises a hand"
    );
    s.raise_hand(l.id, people[2].id, t + Duration::seconds(1))
        .await
        .expect("3 raises");
    let e = s
        .raise_hand(l.id, people[1].id, t + Duration::seconds(2))
        .await
        .expect("2 raises");
    assert_eq!(e.kind, LiveEventKind::HandsChanged);
    s.raise_hand(l.id, people[2].id, t + Duration::seconds(3))
        .await
        .expect("again: no change");
    let q = s.hands(l.id).await.expect("queue");
    let order: Vec<(u32, Option<&str>)> = q
        .iter()
        .map(|h| (h.number, h.shown_name.as_deref()))
        .collect();
    assert_eq!(order, [(3, None), (2, Some("Sanna"))]);
    assert_eq!(
        s.participant_by_number(l.id, 3).await.expect("find"),
        Some(people[2].id)
    );
    assert_eq!(s.participant_by_number(l.id, 9).await.expect("find"), None);
    s.lower_hand(l.id, people[2].id, t + Duration::seconds(4))
        .await
        .expect("lowered");
    let q = s.hands(l.id).await.expect("queue");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].participant, people[1].id);
}

#[tokio::test]
async fn a_cafe_and_its_notes_keep_round_and_table() {
    use vuoro_core::cafe::Cafe;
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    assert_eq!(s.cafe(l.id).await.expect("read"), None);
    let mut cafe = Cafe::from_form("2", "Mikä toimii?\nMitä kehitämme?").expect("valid");
    let mut people = Vec::new();
    for i in 0..4 {
        let p = participant(id, &format!("c{i}"), t);
        s.create_participant(&p).await.expect("participant");
        s.attend(l.id, p.id).await.expect("attend");
        people.push(p);
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let numbers: Vec<u32> = s
        .attendees(l.id)
        .await
        .expect("attendees")
        .iter()
        .map(|a| a.number)
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    cafe.next_round(&numbers, 1).expect("seated");
    let e = s.save_cafe(l.id, &cafe, t).await.expect("saved");
    assert_eq!(e.kind, LiveEventKind::Moved);
    assert_eq!(
        s.last_live_seq(l.id).await.expect("seq"),
        e.seq,
        "the newest event"
    );
    assert_eq!(s.last_live_seq(LiveSessionId::new()).await.expect("seq"), 0);
    assert_eq!(s.cafe(l.id).await.expect("read"), Some(cafe));
    let mut n = note(
        l.id,
        NoteAuthor::Participant(people[0].id),
        "Pöydän kooste",
        t,
    );
    n.place = Some(vuoro_store::CafePlace {
        round: 1,
        table: 1,
        summary: true,
    });
    s.add_note(&n).await.expect("note");
    assert_eq!(s.note(n.id).await.expect("read").place, n.place);
    let actor = f.facilitator.id;
    s.change_note(n.id, &NoteChange::MoveToTable { table: 0 }, actor, t)
        .await
        .expect("moved");
    assert_eq!(
        s.note(n.id).await.expect("read").place.map(|p| p.table),
        Some(0)
    );
    let plain = note(l.id, NoteAuthor::Staff(actor), "Ei pöydässä", t);
    s.add_note(&plain).await.expect("note");
    let refused = s
        .change_note(plain.id, &NoteChange::MoveToTable { table: 0 }, actor, t)
        .await;
    assert!(
        matches!(refused, Err(StoreError::Conflict(_))),
        "only café notes have tables"
    );
}

#[tokio::test]
async fn duplicates_merge_into_a_note_of_the_same_session() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let other = live(&f, id, "QCDEFG", t);
    s.open_live_session(&other).await.expect("open");
    let staff = NoteAuthor::Staff(f.facilitator.id);
    let keep = note(l.id, staff.clone(), "Kiire", t);
    let dup = note(l.id, staff.clone(), "Kiirettä on", t);
    let elsewhere = note(other.id, staff, "Kiire", t);
    for n in [&keep, &dup, &elsewhere] {
        s.add_note(n).await.expect("note");
    }
    let actor = f.facilitator.id;
    let merge = |target| NoteChange::MergeInto { target };
    let wrong = s.change_note(dup.id, &merge(elsewhere.id), actor, t).await;
    assert!(
        matches!(wrong, Err(StoreError::Conflict(_))),
        "not across sessions"
    );
    let itself = s.change_note(dup.id, &merge(dup.id), actor, t).await;
    assert!(matches!(itself, Err(StoreError::Conflict(_))));
    s.change_note(dup.id, &merge(keep.id), actor, t)
        .await
        .expect("merged");
    let merged = s.note(dup.id).await.expect("read");
    assert_eq!(merged.merged_into, Some(keep.id));
    assert!(merged.hidden, "a merged duplicate leaves the board");
    assert_eq!(
        s.note_history(dup.id).await.expect("history")[0].action,
        "merge"
    );
    let chain = s.change_note(keep.id, &merge(dup.id), actor, t).await;
    assert!(
        matches!(chain, Err(StoreError::Conflict(_))),
        "not into a merged note"
    );
}

/// A topic as the web layer hands it to `add_topic`. The number, cell, hidden flag and picks
/// are deliberately nonsense: the store must ignore them.
fn topic(
    live: LiveSessionId,
    author: NoteAuthor,
    title: &str,
    created_at: OffsetDateTime,
) -> Topic {
    Topic {
        id: TopicId::new(),
        live_session: live,
        number: 99,
        title: title.into(),
        author,
        shown_name: None,
        lang: "fi".into(),
        cell: Some(Cell { slot: 0, space: 0 }),
        hidden: true,
        picks: 7,
        created_at,
    }
}

fn cell(slot: u32, space: u32) -> Option<Cell> {
    Some(Cell { slot, space })
}

/// Two time slots and two spaces.
fn two_by_two() -> OpenSpace {
    OpenSpace::from_form("10.00–10.45\n11.00–11.45", "Sali\nNurkka").expect("valid set-up")
}

/// The kinds of the session's events after `after`.
async fn kinds_after(s: &SqliteStore, live: LiveSessionId, after: i64) -> Vec<LiveEventKind> {
    s.live_events_after(live, after)
        .await
        .expect("events")
        .into_iter()
        .map(|e| e.kind)
        .collect()
}

fn cells(topics: &[Topic]) -> Vec<Option<Cell>> {
    topics.iter().map(|t| t.cell).collect()
}

#[tokio::test]
async fn topics_are_numbered_counted_and_placed_one_per_cell() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    let other = live(&f, id, "HJKMNP", t);
    s.open_live_session(&l).await.expect("open");
    s.open_live_session(&other).await.expect("open");
    let a = participant(id, "a", t);
    let b = participant(id, "b", t);
    for p in [&a, &b] {
        s.create_participant(p).await.expect("participant");
        s.attend(l.id, p.id).await.expect("attend");
    }
    assert_eq!(s.open_space(l.id).await.expect("read"), None);
    let missing = s.open_space(LiveSessionId::new()).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    let os = two_by_two();
    let saved = s.save_open_space(l.id, &os, t).await.expect("saved");
    assert_eq!(saved.kind, LiveEventKind::Moved);
    assert_eq!(s.open_space(l.id).await.expect("read"), Some(os.clone()));
    let start = saved.seq;

    let by_a = NoteAuthor::Participant(a.id);
    let staff = NoteAuthor::Staff(f.facilitator.id);
    let mut added = Vec::new();
    for (i, (author, title)) in [
        (&by_a, "Vuorolistat"),
        (&staff, "Perehdytys"),
        (&by_a, "Tauot"),
    ]
    .into_iter()
    .enumerate()
    {
        let mut new = topic(l.id, author.clone(), title, t + Duration::minutes(i as i64));
        new.shown_name = (i == 0).then(|| "Aino".to_owned());
        let (stored, event) = s.add_topic(&new).await.expect("topic");
        assert_eq!(
            (event.live_session, &event.kind, event.at),
            (l.id, &LiveEventKind::TopicsChanged, new.created_at)
        );
        assert_eq!(
            stored,
            Topic {
                number: i as u32 + 1,
                cell: None,
                hidden: false,
                picks: 0,
                ..new
            },
            "numbered in order; unplaced, visible and unpicked whatever was asked"
        );
        added.push(stored);
    }
    assert_eq!(s.topics(l.id).await.expect("topics"), added);
    assert_eq!(s.topic(added[0].id).await.expect("topic"), added[0]);
    let nothing = s.topic(TopicId::new()).await;
    assert!(matches!(nothing, Err(StoreError::NotFound)), "{nothing:?}");
    // Numbers run per session.
    let (first_elsewhere, _) = s
        .add_topic(&topic(other.id, by_a.clone(), "Muualla", t))
        .await
        .expect("topic");
    assert_eq!(first_elsewhere.number, 1);
    let again = s.add_topic(&added[0].clone()).await;
    assert!(matches!(again, Err(StoreError::Duplicate(_))), "{again:?}");
    let nowhere = s
        .add_topic(&topic(LiveSessionId::new(), staff.clone(), "?", t))
        .await;
    assert!(matches!(nowhere, Err(StoreError::NotFound)), "{nowhere:?}");

    assert_eq!(s.count_topics_by(l.id, &by_a).await.expect("count"), 2);
    assert_eq!(s.count_topics_by(l.id, &staff).await.expect("count"), 1);
    let by_b = NoteAuthor::Participant(b.id);
    assert_eq!(s.count_topics_by(l.id, &by_b).await.expect("count"), 0);
    assert_eq!(s.count_topics_by(other.id, &by_a).await.expect("count"), 1);

    let [t1, t2, t3] = [added[0].id, added[1].id, added[2].id];
    s.place_topic(t1, cell(0, 0), t).await.expect("placed");
    let before = s.last_live_seq(l.id).await.expect("seq");
    let taken = s.place_topic(t2, cell(0, 0), t).await;
    assert!(matches!(taken, Err(StoreError::Duplicate(_))), "{taken:?}");
    assert_eq!(
        cells(&s.topics(l.id).await.expect("topics")),
        [cell(0, 0), None, None],
        "a taken cell changes nothing"
    );
    assert_eq!(s.last_live_seq(l.id).await.expect("seq"), before);
    let outside = s.place_topic(t2, cell(2, 0), t).await;
    assert!(
        matches!(outside, Err(StoreError::Conflict(_))),
        "{outside:?}"
    );
    let unknown = s.place_topic(TopicId::new(), cell(1, 1), t).await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
    // The other session's schedule is its own: the same cell is free there, but it has no
    // set-up yet, so it has no cells at all.
    let no_set_up = s.place_topic(first_elsewhere.id, cell(0, 0), t).await;
    assert!(
        matches!(no_set_up, Err(StoreError::Conflict(_))),
        "{no_set_up:?}"
    );
    s.place_topic(t2, cell(0, 1), t).await.expect("placed");
    s.place_topic(t3, cell(1, 1), t).await.expect("placed");
    // Moving a topic frees its old cell for another.
    s.place_topic(t1, cell(1, 0), t).await.expect("moved");
    s.place_topic(t1, cell(0, 0), t).await.expect("moved back");
    assert_eq!(
        cells(&s.topics(l.id).await.expect("topics")),
        [cell(0, 0), cell(0, 1), cell(1, 1)]
    );

    // Hiding takes a topic off the schedule; a hidden topic cannot be placed; shown again, it
    // waits unplaced.
    s.set_topic_hidden(t3, true, t).await.expect("hidden");
    let hidden = s.topic(t3).await.expect("topic");
    assert_eq!((hidden.hidden, hidden.cell), (true, None));
    let refused = s.place_topic(t3, cell(1, 1), t).await;
    assert!(
        matches!(refused, Err(StoreError::Conflict("topic is hidden"))),
        "{refused:?}"
    );
    assert_eq!(
        s.topics(l.id).await.expect("topics").len(),
        3,
        "hidden ones too"
    );
    assert_eq!(s.count_topics_by(l.id, &by_a).await.expect("count"), 2);
    s.set_topic_hidden(t3, false, t).await.expect("shown");
    let shown = s.topic(t3).await.expect("topic");
    assert_eq!((shown.hidden, shown.cell), (false, None));
    s.place_topic(t3, cell(1, 1), t).await.expect("placed");
    s.place_topic(t3, None, t).await.expect("unplaced");
    s.place_topic(t3, cell(1, 1), t).await.expect("placed");

    // A smaller set-up takes off the schedule exactly the topics whose cell is gone.
    let mut one_slot = two_by_two();
    one_slot.slots.truncate(1);
    s.save_open_space(l.id, &one_slot, t).await.expect("saved");
    assert_eq!(
        cells(&s.topics(l.id).await.expect("topics")),
        [cell(0, 0), cell(0, 1), None]
    );
    let mut one_space = one_slot.clone();
    one_space.spaces.truncate(1);
    s.save_open_space(l.id, &one_space, t).await.expect("saved");
    assert_eq!(
        cells(&s.topics(l.id).await.expect("topics")),
        [cell(0, 0), None, None]
    );
    assert_eq!(s.open_space(l.id).await.expect("read"), Some(one_space));
    assert_eq!(
        s.topic(first_elsewhere.id).await.expect("topic").cell,
        None,
        "another session is untouched"
    );

    use LiveEventKind::{Moved, TopicsChanged};
    assert_eq!(
        kinds_after(s, l.id, start).await,
        [vec![TopicsChanged; 3 + 5 + 5], vec![Moved, Moved],].concat(),
        "three topics; five placings; hide, show and three placings; two set-ups"
    );
}

#[tokio::test]
async fn a_participant_picks_one_topic_per_slot() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    let other = live(&f, id, "HJKMNP", t);
    s.open_live_session(&l).await.expect("open");
    s.open_live_session(&other).await.expect("open");
    s.save_open_space(l.id, &two_by_two(), t)
        .await
        .expect("set up");
    let a = participant(id, "a", t);
    let b = participant(id, "b", t);
    let stranger = participant(id, "c", t);
    for p in [&a, &b, &stranger] {
        s.create_participant(p).await.expect("participant");
    }
    s.attend(l.id, a.id).await.expect("attend");
    s.attend(l.id, b.id).await.expect("attend");
    s.attend(other.id, stranger.id)
        .await
        .expect("attend elsewhere");
    let staff = NoteAuthor::Staff(f.facilitator.id);
    let mut ids = Vec::new();
    for (title, at) in [
        ("A", cell(0, 0)),
        ("B", cell(0, 1)),
        ("C", cell(1, 0)),
        ("D", None),
    ] {
        let (added, _) = s
            .add_topic(&topic(l.id, staff.clone(), title, t))
            .await
            .expect("topic");
        if at.is_some() {
            s.place_topic(added.id, at, t).await.expect("placed");
        }
        ids.push(added.id);
    }
    let [ta, tb, tc, td] = [ids[0], ids[1], ids[2], ids[3]];
    let (foreign, _) = s
        .add_topic(&topic(other.id, staff.clone(), "Muualla", t))
        .await
        .expect("topic");
    let start = s.last_live_seq(l.id).await.expect("seq");

    for picked in [td, tc, ta] {
        let e = s.pick_topic(l.id, a.id, picked, t).await.expect("picked");
        assert_eq!(
            (e.live_session, e.kind),
            (l.id, LiveEventKind::TopicsPicked)
        );
    }
    assert_eq!(
        s.picks_of(l.id, a.id).await.expect("picks"),
        [ta, tc, td],
        "by number"
    );
    // B is in slot 0 like A, so it replaces A; C (slot 1) and D (unplaced) stay.
    s.pick_topic(l.id, a.id, tb, t).await.expect("picked");
    assert_eq!(s.picks_of(l.id, a.id).await.expect("picks"), [tb, tc, td]);
    s.pick_topic(l.id, a.id, tb, t)
        .await
        .expect("picked again: no change");
    s.pick_topic(l.id, b.id, ta, t).await.expect("picked");
    s.pick_topic(l.id, b.id, tb, t).await.expect("picked");
    s.pick_topic(l.id, b.id, tc, t).await.expect("picked");
    // An unplaced topic drops nothing, whatever slot the others are in.
    s.pick_topic(l.id, b.id, td, t).await.expect("picked");
    assert_eq!(s.picks_of(l.id, b.id).await.expect("picks"), [tb, tc, td]);
    let picks: Vec<u32> = s
        .topics(l.id)
        .await
        .expect("topics")
        .iter()
        .map(|t| t.picks)
        .collect();
    assert_eq!(picks, [0, 2, 2, 2]);
    assert_eq!(s.topic(tb).await.expect("topic").picks, 2);

    s.unpick_topic(l.id, a.id, tc, t).await.expect("unpicked");
    let e = s
        .unpick_topic(l.id, a.id, tc, t)
        .await
        .expect("nothing to unpick");
    assert_eq!(e.kind, LiveEventKind::TopicsPicked);
    assert_eq!(s.picks_of(l.id, a.id).await.expect("picks"), [tb, td]);
    assert_eq!(s.topic(tc).await.expect("topic").picks, 1);

    let before = s.last_live_seq(l.id).await.expect("seq");
    let refusals = [
        (
            "a topic of another session",
            s.pick_topic(l.id, a.id, foreign.id, t).await,
        ),
        (
            "no such topic",
            s.pick_topic(l.id, a.id, TopicId::new(), t).await,
        ),
        (
            "not in this session",
            s.pick_topic(l.id, stranger.id, ta, t).await,
        ),
        (
            "nobody",
            s.pick_topic(l.id, ParticipantId::new(), ta, t).await,
        ),
        (
            "no such session",
            s.pick_topic(LiveSessionId::new(), a.id, ta, t).await,
        ),
    ];
    for (why, r) in refusals {
        assert!(matches!(r, Err(StoreError::NotFound)), "{why}: {r:?}");
    }
    s.set_topic_hidden(tc, true, t).await.expect("hidden");
    let hidden = s.pick_topic(l.id, a.id, tc, t).await;
    assert!(matches!(hidden, Err(StoreError::NotFound)), "{hidden:?}");
    assert_eq!(s.picks_of(l.id, a.id).await.expect("picks"), [tb, td]);
    assert_eq!(s.picks_of(other.id, stranger.id).await.expect("picks"), []);

    assert_eq!(
        kinds_after(s, l.id, before).await,
        [LiveEventKind::TopicsChanged],
        "refusals append nothing; hiding does"
    );
    assert_eq!(
        kinds_after(s, l.id, start).await,
        [
            vec![LiveEventKind::TopicsPicked; 5 + 4 + 2],
            vec![LiveEventKind::TopicsChanged],
        ]
        .concat(),
        "five picks by A, four by B, two unpicks (counts only), one hiding (a topic changed)"
    );
}

#[tokio::test]
async fn a_closed_session_takes_no_open_space_changes() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    s.save_open_space(l.id, &two_by_two(), t)
        .await
        .expect("set up");
    let a = participant(id, "a", t);
    s.create_participant(&a).await.expect("participant");
    s.attend(l.id, a.id).await.expect("attend");
    let by_a = NoteAuthor::Participant(a.id);
    let (kept, _) = s
        .add_topic(&topic(l.id, by_a.clone(), "Tauot", t))
        .await
        .expect("topic");
    s.place_topic(kept.id, cell(0, 0), t).await.expect("placed");
    s.pick_topic(l.id, a.id, kept.id, t).await.expect("picked");
    let closed = s.close_live_session(l.id, t).await.expect("closed");

    let mut refusals = vec![
        (
            "add",
            s.add_topic(&topic(l.id, by_a.clone(), "Myöhässä", t))
                .await
                .map(|(_, e)| e),
        ),
        ("save", s.save_open_space(l.id, &two_by_two(), t).await),
        ("place", s.place_topic(kept.id, cell(1, 1), t).await),
        ("unplace", s.place_topic(kept.id, None, t).await),
        ("hide", s.set_topic_hidden(kept.id, true, t).await),
        ("pick", s.pick_topic(l.id, a.id, kept.id, t).await),
        ("unpick", s.unpick_topic(l.id, a.id, kept.id, t).await),
    ];
    for (what, r) in refusals.drain(..) {
        assert!(
            matches!(r, Err(StoreError::Conflict("live session is closed"))),
            "{what}: {r:?}"
        );
    }
    assert_eq!(
        s.topics(l.id).await.expect("topics"),
        [Topic {
            cell: cell(0, 0),
            picks: 1,
            ..kept
        }]
    );
    assert_eq!(s.count_topics_by(l.id, &by_a).await.expect("count"), 1);
    assert!(
        s.live_events_after(l.id, closed.seq)
            .await
            .expect("events")
            .is_empty()
    );

    let nowhere = LiveSessionId::new();
    let missing = [
        s.save_open_space(nowhere, &two_by_two(), t).await,
        s.unpick_topic(nowhere, a.id, kept.id, t).await,
        s.set_topic_hidden(TopicId::new(), true, t).await,
    ];
    for r in missing {
        assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");
    }
}

#[tokio::test]
async fn a_note_keeps_the_topic_its_group_wrote_it_under() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    let other = live(&f, id, "HJKMNP", t);
    s.open_live_session(&l).await.expect("open");
    s.open_live_session(&other).await.expect("open");
    let staff = NoteAuthor::Staff(f.facilitator.id);
    let (here, _) = s
        .add_topic(&topic(l.id, staff.clone(), "Tauot", t))
        .await
        .expect("topic");
    let (there, _) = s
        .add_topic(&topic(other.id, staff.clone(), "Muualla", t))
        .await
        .expect("topic");
    let mut n = note(l.id, staff.clone(), "Tauot porrastetaan", t);
    n.topic = Some(here.id);
    s.add_note(&n).await.expect("note");
    assert_eq!(s.note(n.id).await.expect("read"), n);
    assert_eq!(s.notes(l.id).await.expect("notes"), [n]);
    let plain = note(l.id, staff.clone(), "Ilman aihetta", t);
    s.add_note(&plain).await.expect("note");
    assert_eq!(s.note(plain.id).await.expect("read").topic, None);

    for wrong in [there.id, TopicId::new()] {
        let mut n = note(l.id, staff.clone(), "Väärä aihe", t);
        n.topic = Some(wrong);
        let r = s.add_note(&n).await;
        assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");
        assert!(matches!(s.note(n.id).await, Err(StoreError::NotFound)));
    }
}

#[tokio::test]
async fn topics_proposed_at_once_get_distinct_numbers() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let staff = NoteAuthor::Staff(f.facilitator.id);
    let tasks: Vec<_> = (0..12)
        .map(|i| {
            let store = s.clone();
            let new = topic(l.id, staff.clone(), &format!("Aihe {i}"), t);
            tokio::spawn(async move { store.add_topic(&new).await })
        })
        .collect();
    let mut numbers = Vec::new();
    for task in tasks {
        let (added, _) = task.await.expect("task").expect("topic");
        numbers.push(added.number);
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=12).collect::<Vec<u32>>());
}

/// The process's events after it was ordered, as (actor, kind).
async fn log_after_order(s: &SqliteStore, process: ProcessId) -> Vec<(UserId, EventKind)> {
    s.events(process)
        .await
        .expect("events")
        .into_iter()
        .filter(|e| e.kind != EventKind::Ordered)
        .map(|e| (e.actor, e.kind))
        .collect()
}

/// A proposal of two themes over the given notes, with the last note unsorted.
fn theme_set(notes: &[NoteId]) -> ThemeSet {
    ThemeSet::from_proposal(
        vec![
            Proposed {
                label: "Työrauha".into(),
                notes: vec![notes[0], notes[1]],
                representative: vec![notes[1]],
            },
            Proposed {
                label: "Perehdytys".into(),
                notes: vec![notes[2]],
                representative: vec![notes[2]],
            },
        ],
        vec![notes[3]],
    )
}

#[tokio::test]
async fn themes_are_versioned_and_stale_saves_conflict() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let notes: Vec<NoteId> = (0..4).map(|_| NoteId::new()).collect();
    let proposal = theme_set(&notes);
    let mut curated = proposal.clone();
    curated.rename(1, "Rauha tehdä työtä").expect("rename");
    curated.merge(1, 2).expect("merge");
    let (t1, t2, t3) = (
        datetime!(2027-02-01 10:00 UTC),
        datetime!(2027-02-01 12:30:00.25 +02:00),
        datetime!(2027-02-02 08:00 UTC),
    );
    let scope = Scope::Process;

    assert_eq!(s.themes(id, scope).await.expect("read"), None);
    assert_eq!(s.theme_versions(id, scope).await.expect("list"), vec![]);
    // A base naming a version that was never saved is as stale as an old one.
    let ahead = s
        .save_themes(id, scope, Some(1), &proposal, false, f.facilitator.id, t1)
        .await;
    assert!(matches!(ahead, Err(StoreError::Conflict(_))), "{ahead:?}");

    assert_eq!(
        s.save_themes(id, scope, None, &proposal, false, f.facilitator.id, t1)
            .await
            .expect("first"),
        1
    );
    // Someone else who also started from nothing cannot replace the first version.
    let again = s
        .save_themes(id, scope, None, &curated, true, f.coordinator.id, t2)
        .await;
    assert!(
        matches!(again, Err(StoreError::Conflict("themes changed"))),
        "{again:?}"
    );
    assert_eq!(
        s.save_themes(id, scope, Some(1), &curated, true, f.facilitator.id, t2)
            .await
            .expect("second"),
        2
    );
    let stale = s
        .save_themes(id, scope, Some(1), &proposal, false, f.coordinator.id, t3)
        .await;
    assert!(
        matches!(stale, Err(StoreError::Conflict("themes changed"))),
        "{stale:?}"
    );
    assert_eq!(
        s.theme_versions(id, scope).await.expect("list").len(),
        2,
        "a refused save stores nothing"
    );
    assert_eq!(
        s.save_themes(id, scope, Some(2), &proposal, false, f.coordinator.id, t3)
            .await
            .expect("third"),
        3
    );

    let latest = ThemeVersion {
        process: id,
        scope,
        version: 3,
        set: proposal.clone(),
        curated: false,
        created_by: f.coordinator.id,
        created_at: t3,
    };
    assert_eq!(
        s.themes(id, scope).await.expect("read"),
        Some(latest.clone())
    );
    assert_eq!(s.theme_version(id, scope, 3).await.expect("v3"), latest);
    let second = s.theme_version(id, scope, 2).await.expect("v2");
    assert_eq!(second.set, curated, "the curated set round-trips exactly");
    assert_eq!(
        (second.curated, second.created_by, second.created_at),
        (true, f.facilitator.id, t2)
    );
    assert_eq!(
        s.theme_version(id, scope, 1).await.expect("v1").set,
        proposal
    );
    let missing = s.theme_version(id, scope, 4).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    assert_eq!(
        s.theme_versions(id, scope).await.expect("list"),
        vec![
            (3, false, f.coordinator.id, t3),
            (2, true, f.facilitator.id, t2),
            (1, false, f.facilitator.id, t1),
        ]
    );

    assert_eq!(
        log_after_order(s, id).await,
        vec![
            (
                f.facilitator.id,
                EventKind::ThemesSaved {
                    scope,
                    version: 1,
                    curated: false
                }
            ),
            (
                f.facilitator.id,
                EventKind::ThemesSaved {
                    scope,
                    version: 2,
                    curated: true
                }
            ),
            (
                f.coordinator.id,
                EventKind::ThemesSaved {
                    scope,
                    version: 3,
                    curated: false
                }
            ),
        ]
    );
}

#[tokio::test]
async fn each_scope_and_process_keeps_its_own_themes() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let other = create_process(&f, "Toinen", None, Plan::default()).await;
    let t = datetime!(2027-02-01 10:00 UTC);
    let own = live(&f, id, "ACDEFG", t);
    let foreign = live(&f, other, "HJKMNP", t);
    for l in [&own, &foreign] {
        s.open_live_session(l).await.expect("open");
    }
    let notes: Vec<NoteId> = (0..4).map(|_| NoteId::new()).collect();
    let set = theme_set(&notes);
    let phase = Scope::Phase { phase: 1 };
    let session = Scope::Session { session: own.id };
    let fac = f.facilitator.id;

    for scope in [Scope::Process, phase] {
        assert_eq!(
            s.save_themes(id, scope, None, &set, false, fac, t)
                .await
                .expect("first of its scope"),
            1
        );
    }
    assert_eq!(
        s.save_themes(
            id,
            Scope::Process,
            Some(1),
            &ThemeSet::default(),
            true,
            fac,
            t
        )
        .await
        .expect("second"),
        2
    );
    assert_eq!(s.theme_version(id, phase, 1).await.expect("phase").set, set);
    assert_eq!(
        s.themes(id, phase).await.expect("phase").map(|v| v.version),
        Some(1)
    );
    assert!(matches!(
        s.theme_version(id, phase, 2).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        s.themes(id, Scope::Phase { phase: 2 }).await.expect("read"),
        None
    );
    assert_eq!(s.themes(other, Scope::Process).await.expect("read"), None);
    assert_eq!(
        s.save_themes(id, session, None, &set, false, fac, t)
            .await
            .expect("session"),
        1
    );
    assert_eq!(
        s.themes(id, session).await.expect("read").map(|v| v.scope),
        Some(session)
    );

    // A session of another process, an unknown session and an unknown process are all
    // unknown here, and none leaves a version behind.
    let of_other = Scope::Session {
        session: foreign.id,
    };
    let nowhere = Scope::Session {
        session: LiveSessionId::new(),
    };
    for (process, scope) in [
        (id, of_other),
        (id, nowhere),
        (ProcessId::new(), Scope::Process),
    ] {
        let r = s
            .save_themes(process, scope, None, &set, false, fac, t)
            .await;
        assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");
        assert_eq!(s.themes(process, scope).await.expect("read"), None);
    }
    assert_eq!(s.themes(other, of_other).await.expect("read"), None);
    assert_eq!(log_after_order(s, other).await, vec![]);
    let scopes: Vec<Scope> = log_after_order(s, id)
        .await
        .into_iter()
        .map(|(_, kind)| match kind {
            EventKind::ThemesSaved { scope, .. } => scope,
            other => panic!("unexpected event {other:?}"),
        })
        .collect();
    assert_eq!(scopes, vec![Scope::Process, phase, Scope::Process, session]);
}

#[tokio::test]
async fn only_one_of_two_concurrent_theme_saves_wins() {
    let f = fixture().await;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let notes: Vec<NoteId> = (0..4).map(|_| NoteId::new()).collect();
    let set = theme_set(&notes);
    let t = datetime!(2027-02-01 10:00 UTC);
    let tasks: Vec<_> = [f.facilitator.id, f.coordinator.id]
        .into_iter()
        .map(|actor| {
            let (store, set) = (f.store.clone(), set.clone());
            tokio::spawn(async move {
                store
                    .save_themes(id, Scope::Process, None, &set, false, actor, t)
                    .await
            })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.expect("task"));
    }
    let wins = results.iter().filter(|r| matches!(r, Ok(1))).count();
    let conflicts = results
        .iter()
        .filter(|r| matches!(r, Err(StoreError::Conflict(_))))
        .count();
    assert_eq!((wins, conflicts), (1, 1), "{results:?}");
    assert_eq!(
        f.store
            .theme_versions(id, Scope::Process)
            .await
            .expect("list")
            .len(),
        1
    );
}

/// A summary with a heading, a paragraph resting on two notes, a Swedish quote of one of them
/// and a paragraph of the summary's own that rests on none.
fn summary(notes: &[NoteId]) -> Summary {
    Summary {
        blocks: vec![
            Block::heading("Mitä kuulimme"),
            Block::paragraph(
                "Kahvihuone koetaan ahtaaksi, ja \"tauot\" venyvät.",
                vec![notes[0], notes[1]],
            ),
            Block::quote("det ryms inte att sitta", "sv", notes[1]),
            Block::paragraph("Seuraavaksi sovitaan tilojen käytöstä.", Vec::new()),
        ],
    }
}

#[tokio::test]
async fn the_summary_is_versioned_and_stale_saves_conflict() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let other = create_process(&f, "Toinen", None, Plan::default()).await;
    let notes: Vec<NoteId> = (0..2).map(|_| NoteId::new()).collect();
    let draft = summary(&notes);
    let mut edited = draft.clone();
    edited.blocks[1].text = "Kahvihuone on liian pieni.".into();
    edited.blocks.remove(3);
    let (t1, t2, t3) = (
        datetime!(2027-03-01 10:00 UTC),
        datetime!(2027-03-01 12:30:00.25 +02:00),
        datetime!(2027-03-02 08:00 UTC),
    );
    let fac = f.facilitator.id;

    assert_eq!(s.summary(id).await.expect("read"), None);
    assert_eq!(s.summary_versions(id).await.expect("list"), vec![]);
    let missing = s.summary_version(id, 1).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    // A base naming a version that was never saved is as stale as an old one.
    let ahead = s
        .save_summary(id, Some(1), &draft, SummaryState::Draft, fac, t1)
        .await;
    assert!(
        matches!(ahead, Err(StoreError::Conflict("summary changed"))),
        "{ahead:?}"
    );
    let nowhere = s
        .save_summary(ProcessId::new(), None, &draft, SummaryState::Draft, fac, t1)
        .await;
    assert!(matches!(nowhere, Err(StoreError::NotFound)), "{nowhere:?}");

    assert_eq!(
        s.save_summary(id, None, &draft, SummaryState::Draft, fac, t1)
            .await
            .expect("first"),
        1
    );
    // Someone else who also started from nothing cannot replace the first version.
    let again = s
        .save_summary(id, None, &edited, SummaryState::Draft, f.coordinator.id, t2)
        .await;
    assert!(
        matches!(again, Err(StoreError::Conflict("summary changed"))),
        "{again:?}"
    );
    assert_eq!(
        s.save_summary(id, Some(1), &edited, SummaryState::Review, fac, t2)
            .await
            .expect("second"),
        2
    );
    let stale = s
        .save_summary(id, Some(1), &draft, SummaryState::Published, fac, t3)
        .await;
    assert!(
        matches!(stale, Err(StoreError::Conflict("summary changed"))),
        "{stale:?}"
    );
    assert_eq!(
        s.summary_versions(id).await.expect("list").len(),
        2,
        "a refused save stores nothing"
    );
    // Publishing is a version of its own, by whoever published.
    assert_eq!(
        s.save_summary(
            id,
            Some(2),
            &edited,
            SummaryState::Published,
            f.coordinator.id,
            t3
        )
        .await
        .expect("third"),
        3
    );

    let latest = SummaryVersion {
        process: id,
        version: 3,
        summary: edited.clone(),
        state: SummaryState::Published,
        created_by: f.coordinator.id,
        created_at: t3,
    };
    assert_eq!(s.summary(id).await.expect("read"), Some(latest.clone()));
    assert_eq!(s.summary_version(id, 3).await.expect("v3"), latest);
    let first = s.summary_version(id, 1).await.expect("v1");
    assert_eq!(first.summary, draft, "the blocks round-trip exactly");
    let quote = &first.summary.blocks[2];
    assert_eq!(
        (quote.kind, quote.lang.as_deref(), quote.sources.as_slice()),
        (BlockKind::Quote, Some("sv"), &notes[1..])
    );
    assert_eq!(first.summary.blocks[1].sources, notes);
    assert_eq!(first.summary.blocks[3].lang, None);
    assert_eq!(
        (first.state, first.created_by, first.created_at),
        (SummaryState::Draft, fac, t1)
    );
    assert_eq!(
        s.summary_version(id, 2).await.expect("v2").state,
        SummaryState::Review
    );
    assert!(matches!(
        s.summary_version(id, 4).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        s.summary_versions(id).await.expect("list"),
        vec![
            (3, SummaryState::Published, f.coordinator.id, t3),
            (2, SummaryState::Review, fac, t2),
            (1, SummaryState::Draft, fac, t1),
        ]
    );

    // Another process has a summary of its own, numbered from 1.
    assert_eq!(s.summary(other).await.expect("read"), None);
    assert!(matches!(
        s.summary_version(other, 1).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        s.save_summary(
            other,
            None,
            &Summary::default(),
            SummaryState::Draft,
            fac,
            t1
        )
        .await
        .expect("other's first"),
        1
    );
    assert_eq!(
        s.summary(other).await.expect("read").map(|v| v.summary),
        Some(Summary::default())
    );

    assert_eq!(
        log_after_order(s, id).await,
        vec![
            (
                fac,
                EventKind::SummarySaved {
                    version: 1,
                    state: SummaryState::Draft
                }
            ),
            (
                fac,
                EventKind::SummarySaved {
                    version: 2,
                    state: SummaryState::Review
                }
            ),
            (
                f.coordinator.id,
                EventKind::SummarySaved {
                    version: 3,
                    state: SummaryState::Published
                }
            ),
        ]
    );
    assert_eq!(
        log_after_order(s, other).await,
        vec![(
            fac,
            EventKind::SummarySaved {
                version: 1,
                state: SummaryState::Draft
            }
        )]
    );
}

#[tokio::test]
async fn only_one_of_two_concurrent_summary_saves_wins() {
    let f = fixture().await;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let draft = summary(&[NoteId::new(), NoteId::new()]);
    let t = datetime!(2027-03-01 10:00 UTC);
    let tasks: Vec<_> = [f.facilitator.id, f.coordinator.id]
        .into_iter()
        .map(|actor| {
            let (store, draft) = (f.store.clone(), draft.clone());
            tokio::spawn(async move {
                store
                    .save_summary(id, None, &draft, SummaryState::Draft, actor, t)
                    .await
            })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.expect("task"));
    }
    let wins = results.iter().filter(|r| matches!(r, Ok(1))).count();
    let conflicts = results
        .iter()
        .filter(|r| matches!(r, Err(StoreError::Conflict(_))))
        .count();
    assert_eq!((wins, conflicts), (1, 1), "{results:?}");
    assert_eq!(f.store.summary_versions(id).await.expect("list").len(), 1);
}

fn summary_comment(
    process: ProcessId,
    version: u32,
    participant: ParticipantId,
    text: &str,
    created_at: OffsetDateTime,
) -> SummaryComment {
    SummaryComment {
        process,
        version,
        participant,
        text: text.into(),
        lang: "fi".into(),
        created_at,
    }
}

#[tokio::test]
async fn summary_comments_are_kept_in_order_and_counted_per_participant() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let other = create_process(&f, "Toinen", None, Plan::default()).await;
    let t = datetime!(2027-03-01 10:00 UTC);
    let fac = f.facilitator.id;
    let draft = summary(&[NoteId::new(), NoteId::new()]);
    for v in [None, Some(1)] {
        s.save_summary(id, v, &draft, SummaryState::Review, fac, t)
            .await
            .expect("save");
    }
    s.save_summary(other, None, &draft, SummaryState::Review, fac, t)
        .await
        .expect("save other");
    let (a, b) = (participant(id, "a", t), participant(id, "b", t));
    let stranger = participant(other, "s", t);
    for p in [&a, &b, &stranger] {
        s.create_participant(p).await.expect("participant");
    }
    let before = s.events(id).await.expect("events").len();

    assert_eq!(s.summary_comments(id).await.expect("list"), vec![]);
    assert_eq!(s.count_summary_comments_by(id, a.id).await.expect("n"), 0);

    // Written out of order, and two at the same moment: read back by time, then as written.
    let t0 = datetime!(2027-03-01 12:00 UTC);
    let mut sv = summary_comment(id, 2, b.id, "Hyvä kooste", t0 + Duration::minutes(5));
    sv.lang = "sv".into();
    let written = [
        summary_comment(id, 1, a.id, "Ensimmäinen", t0),
        sv.clone(),
        summary_comment(id, 2, a.id, "Toinen", t0 + Duration::minutes(2)),
        summary_comment(id, 2, b.id, "Samaan aikaan", t0 + Duration::minutes(2)),
    ];
    for c in &written {
        s.add_summary_comment(c).await.expect("comment");
    }
    let stranger_own = summary_comment(other, 1, stranger.id, "Omaan koosteeseen", t0);
    s.add_summary_comment(&stranger_own)
        .await
        .expect("own process");

    // A participant of another process, an unknown participant, a version the process does
    // not have and an unknown process are all refused as unknown.
    let refused = [
        summary_comment(id, 2, stranger.id, "Vieras", t0),
        summary_comment(id, 2, ParticipantId::new(), "Ei osallistujaa", t0),
        summary_comment(id, 3, a.id, "Ei versiota", t0),
        summary_comment(ProcessId::new(), 1, a.id, "Ei prosessia", t0),
    ];
    for c in &refused {
        let r = s.add_summary_comment(c).await;
        assert!(matches!(r, Err(StoreError::NotFound)), "{}: {r:?}", c.text);
    }

    assert_eq!(
        s.summary_comments(id).await.expect("list"),
        vec![
            written[0].clone(),
            written[2].clone(),
            written[3].clone(),
            sv
        ]
    );
    assert_eq!(
        s.summary_comments(other).await.expect("list"),
        vec![stranger_own]
    );
    assert_eq!(s.count_summary_comments_by(id, a.id).await.expect("n"), 2);
    assert_eq!(s.count_summary_comments_by(id, b.id).await.expect("n"), 2);
    assert_eq!(
        s.count_summary_comments_by(id, stranger.id)
            .await
            .expect("n"),
        0,
        "the refused comment was not stored"
    );
    assert_eq!(
        s.count_summary_comments_by(other, stranger.id)
            .await
            .expect("n"),
        1
    );
    assert_eq!(
        s.events(id).await.expect("events").len(),
        before,
        "comments from phones add nothing to the staff log"
    );
}

/// A practice recorded in a live session, developing something, with an owner and a date.
fn practice(
    process: ProcessId,
    live: Option<LiveSessionId>,
    author: NoteAuthor,
    title: &str,
    created_at: OffsetDateTime,
) -> Practice {
    Practice {
        id: PracticeId::new(),
        process,
        live_session: live,
        group: Some("Pöytä B".into()),
        kind: PracticeKind::Develop,
        title: title.into(),
        owner: Some("tiimivastaava".into()),
        due: Some(date!(2027 - 03 - 31)),
        status: PracticeStatus::Agreed,
        author,
        lang: "fi".into(),
        created_at,
        updated_at: created_at,
    }
}

#[tokio::test]
async fn practices_round_trip_and_only_staff_ones_are_logged() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let other = create_process(&f, "Toinen", None, Plan::default()).await;
    let t = datetime!(2027-02-01 10:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let p = participant(id, "a", t);
    s.create_participant(&p).await.expect("participant");

    let by_staff = practice(
        id,
        Some(l.id),
        NoteAuthor::Staff(f.facilitator.id),
        "Viikkopalaveri perjantaisin",
        datetime!(2027-02-01 11:00 +02:00),
    );
    // Written earlier but stored later: the list follows when it was written.
    let mut by_phone = practice(
        id,
        Some(l.id),
        NoteAuthor::Participant(p.id),
        "Aamukahvit",
        datetime!(2027-02-01 08:30 UTC),
    );
    by_phone.kind = PracticeKind::Keep;
    by_phone.owner = None;
    by_phone.due = None;
    by_phone.lang = "sv".into();
    by_phone.group = Some("#3 Työrauha".into());
    let mut unattached = practice(
        id,
        None,
        NoteAuthor::Staff(f.coordinator.id),
        "Kuukausikatsaus",
        datetime!(2027-02-03 09:00 UTC),
    );
    unattached.group = None;
    unattached.status = PracticeStatus::InProgress;
    for pr in [&by_staff, &by_phone, &unattached] {
        s.add_practice(pr).await.expect("add");
    }

    assert_eq!(s.practice(by_staff.id).await.expect("read"), by_staff);
    assert_eq!(s.practice(by_phone.id).await.expect("read"), by_phone);
    assert_eq!(
        s.practices(id).await.expect("list"),
        vec![by_phone.clone(), by_staff.clone(), unattached.clone()]
    );
    assert_eq!(s.practices(other).await.expect("list"), vec![]);
    let missing = s.practice(PracticeId::new()).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    let twice = s.add_practice(&by_staff).await;
    assert!(
        matches!(twice, Err(StoreError::Duplicate("practice"))),
        "{twice:?}"
    );

    let log = s.events(id).await.expect("events");
    let saved: Vec<(UserId, EventKind, OffsetDateTime)> = log
        .into_iter()
        .filter(|e| e.kind != EventKind::Ordered)
        .map(|e| (e.actor, e.kind, e.at))
        .collect();
    assert_eq!(
        saved,
        vec![
            (
                f.facilitator.id,
                EventKind::PracticeSaved {
                    practice: by_staff.id
                },
                by_staff.created_at
            ),
            (
                f.coordinator.id,
                EventKind::PracticeSaved {
                    practice: unattached.id
                },
                unattached.created_at
            ),
        ],
        "a participant's practice names no actor"
    );
}

#[tokio::test]
async fn a_practice_must_belong_with_its_process() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let other = create_process(&f, "Toinen", None, Plan::default()).await;
    let t = datetime!(2027-02-01 10:00 UTC);
    let foreign_live = live(&f, other, "HJKMNP", t);
    s.open_live_session(&foreign_live).await.expect("open");
    let stranger = participant(other, "s", t);
    s.create_participant(&stranger).await.expect("participant");
    let staff = NoteAuthor::Staff(f.facilitator.id);

    let refused = [
        practice(
            id,
            Some(foreign_live.id),
            staff.clone(),
            "Vieras istunto",
            t,
        ),
        practice(
            id,
            Some(LiveSessionId::new()),
            staff.clone(),
            "Ei istuntoa",
            t,
        ),
        practice(id, None, NoteAuthor::Participant(stranger.id), "Vieras", t),
        practice(ProcessId::new(), None, staff.clone(), "Ei prosessia", t),
        practice(
            id,
            None,
            NoteAuthor::Staff(UserId::new()),
            "Ei käyttäjää",
            t,
        ),
    ];
    for pr in &refused {
        let r = s.add_practice(pr).await;
        assert!(
            matches!(r, Err(StoreError::NotFound)),
            "{}: {r:?}",
            pr.title
        );
        assert!(matches!(s.practice(pr.id).await, Err(StoreError::NotFound)));
    }
    assert_eq!(s.practices(id).await.expect("list"), vec![]);
    assert_eq!(log_after_order(s, id).await, vec![]);
    assert_eq!(log_after_order(s, other).await, vec![]);
}

#[tokio::test]
async fn practices_are_edited_and_followed_up() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 10:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let p = participant(id, "a", t);
    s.create_participant(&p).await.expect("participant");
    let written = practice(
        id,
        Some(l.id),
        NoteAuthor::Participant(p.id),
        "Aamukahvit",
        t,
    );
    s.add_practice(&written).await.expect("add");

    let (t2, t3, t4, t5) = (
        datetime!(2027-02-02 09:00 UTC),
        datetime!(2027-03-01 09:00 UTC),
        datetime!(2027-03-02 09:00 UTC),
        datetime!(2027-04-01 09:00 UTC),
    );
    s.edit_practice(
        written.id,
        PracticeKind::Keep,
        "Aamukahvit maanantaisin",
        None,
        Some(date!(2027 - 05 - 15)),
        f.facilitator.id,
        t2,
    )
    .await
    .expect("edit");
    let edited = Practice {
        kind: PracticeKind::Keep,
        title: "Aamukahvit maanantaisin".into(),
        owner: None,
        due: Some(date!(2027 - 05 - 15)),
        updated_at: t2,
        ..written.clone()
    };
    assert_eq!(s.practice(written.id).await.expect("read"), edited);

    s.set_practice_status(written.id, PracticeStatus::InProgress, f.orderer.id, t3)
        .await
        .expect("status");
    // The same status again changes nothing, not even the time of the last change.
    s.set_practice_status(written.id, PracticeStatus::InProgress, f.orderer.id, t4)
        .await
        .expect("same status");
    let followed = s.practice(written.id).await.expect("read");
    assert_eq!(
        (followed.status, followed.updated_at),
        (PracticeStatus::InProgress, t3)
    );
    s.set_practice_status(written.id, PracticeStatus::Done, f.coordinator.id, t5)
        .await
        .expect("status");
    assert_eq!(
        s.practice(written.id).await.expect("read"),
        Practice {
            status: PracticeStatus::Done,
            updated_at: t5,
            ..edited
        }
    );

    let missing = PracticeId::new();
    let r = s
        .edit_practice(
            missing,
            PracticeKind::Keep,
            "x",
            None,
            None,
            f.facilitator.id,
            t2,
        )
        .await;
    assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");
    let r = s
        .set_practice_status(missing, PracticeStatus::Done, f.facilitator.id, t2)
        .await;
    assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");

    assert_eq!(
        log_after_order(s, id).await,
        vec![
            (
                f.facilitator.id,
                EventKind::PracticeSaved {
                    practice: written.id
                }
            ),
            (
                f.orderer.id,
                EventKind::PracticeStatusChanged {
                    practice: written.id,
                    to: PracticeStatus::InProgress
                }
            ),
            (
                f.coordinator.id,
                EventKind::PracticeStatusChanged {
                    practice: written.id,
                    to: PracticeStatus::Done
                }
            ),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// The catalogue

fn activity(text: &str, count: &str) -> vuoro_core::catalogue::Activity {
    vuoro_core::catalogue::ActivityInput {
        contexts: vec!["school".into()],
        method: "luokkadialogi".into(),
        period: "2021".into(),
        count: count.into(),
        text: text.into(),
        public: true,
        ..Default::default()
    }
    .validate(vuoro_core::catalogue::Vocabulary::builtin())
    .expect("valid activity")
}

#[tokio::test]
async fn activities_are_added_read_changed_and_deleted() {
    use vuoro_store::{ActivityRecord, ActivitySource, CatalogueStore};
    let f = fixture().await;
    let at = datetime!(2027-03-01 10:00 UTC);
    let r = ActivityRecord {
        id: vuoro_core::ActivityId::new(),
        org: f.org.id,
        activity: activity("Luokkadialogit", "10-15 vuodessa"),
        source: ActivitySource::Manual,
        created_by: Some(f.coordinator.id),
        created_at: at,
        updated_at: at,
    };
    f.store.add_activity(&r).await.expect("add");
    assert_eq!(f.store.activity(r.id).await.expect("read"), r);
    let mut changed = r.activity.clone();
    changed.text = "Luokka- ja perhedialogit".into();
    changed.public = false;
    let later = at + Duration::hours(1);
    f.store
        .update_activity(r.id, &changed, later)
        .await
        .expect("update");
    let read = f.store.activity(r.id).await.expect("read");
    assert_eq!(read.activity, changed);
    assert_eq!(read.updated_at, later);
    assert_eq!(
        f.store
            .activities(Some(f.org.id))
            .await
            .expect("list")
            .len(),
        1
    );
    let other = f.store.create_org("Muu kunta").await.expect("org");
    assert!(
        f.store
            .activities(Some(other.id))
            .await
            .expect("list")
            .is_empty()
    );
    f.store.delete_activity(r.id).await.expect("delete");
    assert!(matches!(
        f.store.activity(r.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        f.store.update_activity(r.id, &changed, later).await,
        Err(StoreError::NotFound)
    ));
}

#[tokio::test]
async fn an_import_finds_or_creates_organisations_and_counts_each_line_once() {
    use vuoro_store::{ActivitySource, CatalogueStore, ImportedListing, ImportedOrg};
    let f = fixture().await;
    let at = datetime!(2027-03-01 10:00 UTC);
    let line = |n: u32, text: &str| ActivitySource::Import {
        line: n,
        text: text.into(),
        unparsed: vec!["period".into()],
    };
    let orgs = vec![
        ImportedOrg {
            // The fixture's organisation, written in another case.
            name: "VANTAAN KAUPUNKI".into(),
            activities: vec![(
                activity("Kouludialogit", "noin 10"),
                line(3, "Kouludialogit"),
            )],
            unstructured: vec!["Kelaa sitä.".into()],
            trained: None,
        },
        ImportedOrg {
            name: "Hailuoto".into(),
            activities: vec![
                (
                    activity("Erätauot", "noin 10 kpl"),
                    line(7, "Erätauot noin 10 kpl"),
                ),
                (activity("Järjestöt", ""), line(8, "Järjestöt")),
            ],
            unstructured: Vec::new(),
            trained: vuoro_core::catalogue::Count::parse("noin 100")
                .map(|c| (c, "Koulutettuja on noin 100".to_owned())),
        },
    ];
    let listing = ImportedListing {
        title: Some("Kunnat – Vertaisdialogin listaus".into()),
        intro: vec!["Listauksesta puuttuu osa tiedoista.".into()],
        lines: 20,
        orgs,
    };
    let first = f
        .store
        .import_listing(&listing, None, at)
        .await
        .expect("import");
    assert_eq!((first.orgs_created, first.orgs_existing), (1, 1));
    assert_eq!((first.activities_added, first.activities_skipped), (3, 0));
    assert_eq!(first.unstructured_lines, 1);
    let again = f
        .store
        .import_listing(&listing, None, at)
        .await
        .expect("import again");
    assert_eq!((again.orgs_created, again.orgs_existing), (0, 2));
    assert_eq!((again.activities_added, again.activities_skipped), (0, 3));
    assert_eq!(again.unstructured_lines, 0, "a kept line is kept once");

    let hailuoto = f
        .store
        .orgs()
        .await
        .expect("orgs")
        .into_iter()
        .find(|o| o.name == "Hailuoto")
        .expect("created");
    let c = f.store.org_catalogue(hailuoto.id).await.expect("catalogue");
    assert!(c.public, "an imported organisation was listed in public");
    assert_eq!(c.trained_text.as_deref(), Some("Koulutettuja on noin 100"));
    let acts = f.store.activities(Some(hailuoto.id)).await.expect("list");
    assert_eq!(acts.len(), 2);
    assert!(
        matches!(&acts[0].source, ActivitySource::Import { line: 7, unparsed, .. } if unparsed == &["period"])
    );
    let mine = f.store.org_catalogue(f.org.id).await.expect("catalogue");
    assert_eq!(mine.unstructured, ["Kelaa sitä."]);
    assert_eq!(f.store.activities(None).await.expect("all").len(), 3);
    // Settings a person saved are not overridden by the next import.
    let mut private = mine.clone();
    private.public = false;
    f.store.save_org_catalogue(&private).await.expect("save");
    f.store
        .import_listing(&listing, None, at)
        .await
        .expect("import");
    assert!(
        !f.store
            .org_catalogue(f.org.id)
            .await
            .expect("catalogue")
            .public
    );
    assert_eq!(f.store.org_catalogues().await.expect("all").len(), 2);
    // Each import is recorded with the document's own title and introduction.
    let imports = f.store.listing_imports().await.expect("imports");
    assert_eq!(imports.len(), 3);
    assert_eq!(
        imports[2].title.as_deref(),
        Some("Kunnat – Vertaisdialogin listaus")
    );
    assert_eq!(imports[2].intro, ["Listauksesta puuttuu osa tiedoista."]);
    assert_eq!(imports[2].report, first);
    assert_eq!(imports[2].lines, 20);
    assert!(matches!(
        f.store.org_catalogue(OrgId::new()).await,
        Err(StoreError::NotFound)
    ));
}

#[tokio::test]
async fn completion_requests_are_listed_newest_first_and_resolved_once() {
    use vuoro_core::catalogue::Missing;
    use vuoro_store::{CatalogueStore, CompletionRequest};
    let f = fixture().await;
    let at = datetime!(2027-03-01 10:00 UTC);
    let req = |n: i64, missing: Vec<Missing>| CompletionRequest {
        id: vuoro_core::CompletionRequestId::new(),
        org: f.org.id,
        activity: None,
        missing,
        message: format!("Täydennättekö {n}"),
        requested_by: f.coordinator.id,
        created_at: at + Duration::days(n),
        resolved_at: None,
    };
    let (a, b) = (
        req(1, vec![Missing::Count]),
        req(2, vec![Missing::Method, Missing::Period]),
    );
    f.store.add_completion_request(&a).await.expect("add");
    f.store.add_completion_request(&b).await.expect("add");
    let list = f.store.completion_requests(f.org.id).await.expect("list");
    assert_eq!(list, [b.clone(), a.clone()]);
    let done = at + Duration::days(3);
    f.store
        .resolve_completion_request(a.id, done)
        .await
        .expect("resolve");
    f.store
        .resolve_completion_request(a.id, done + Duration::days(1))
        .await
        .expect("again");
    let list = f.store.completion_requests(f.org.id).await.expect("list");
    assert_eq!(
        list[1].resolved_at,
        Some(done),
        "the first resolution stands"
    );
}

#[tokio::test]
async fn plans_list_their_areas_and_link_only_their_organisations_processes() {
    use vuoro_store::{CatalogueStore, OrgPlan, PlanArea};
    let f = fixture().await;
    let at = datetime!(2027-03-01 10:00 UTC);
    let area = |name: &str| PlanArea {
        id: vuoro_core::PlanAreaId::new(),
        name: name.into(),
        processes: Vec::new(),
    };
    let plan = OrgPlan {
        id: vuoro_core::OrgPlanId::new(),
        org: f.org.id,
        name: "Avoimen hallinnon toimintasuunnitelma 2027–2029".into(),
        description: "Osallisuus ja avoimuus".into(),
        areas: vec![area("Kokemusasiantuntijuus"), area("Selkeä kieli")],
        created_at: at,
    };
    f.store.create_org_plan(&plan).await.expect("create");
    assert_eq!(f.store.org_plan(plan.id).await.expect("read"), plan);
    let process = create_process(&f, "Kotihoidon tiimi", None, Plan::default()).await;
    let first = plan.areas[0].id;
    f.store
        .link_process(first, process, f.coordinator.id, at)
        .await
        .expect("link");
    f.store
        .link_process(first, process, f.coordinator.id, at)
        .await
        .expect("link twice");
    let read = f.store.org_plan(plan.id).await.expect("read");
    assert_eq!(read.areas[0].processes, [process]);
    assert!(read.areas[1].processes.is_empty());

    // A process of another organisation is refused.
    let other = f.store.create_org("Muu kunta").await.expect("org");
    let foreign = f
        .store
        .create_process(NewProcess {
            org: other.id,
            orderer: f.orderer.id,
            order: order("Muu tiimi", None),
            plan: Plan::default(),
        })
        .await
        .expect("process")
        .id;
    assert!(matches!(
        f.store
            .link_process(first, foreign, f.coordinator.id, at)
            .await,
        Err(StoreError::NotFound)
    ));
    f.store
        .unlink_process(first, process)
        .await
        .expect("unlink");
    assert!(
        f.store.org_plan(plan.id).await.expect("read").areas[0]
            .processes
            .is_empty()
    );
    assert_eq!(f.store.org_plans(f.org.id).await.expect("list").len(), 1);
    assert!(f.store.org_plans(other.id).await.expect("list").is_empty());
}

#[tokio::test]
async fn a_removed_participant_stays_out_of_the_session_and_frees_the_seat() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    let later = live(&f, id, "HJKMNP", t);
    s.open_live_session(&l).await.expect("open");
    s.open_live_session(&later).await.expect("open");
    let a = participant(id, "a", t);
    let b = participant(id, "b", t);
    for p in [&a, &b] {
        s.create_participant(p).await.expect("participant");
    }
    s.attend(l.id, a.id).await.expect("attend");
    s.attend(l.id, b.id).await.expect("attend");
    assert_eq!(
        s.presence(l.id, a.id).await.expect("presence"),
        Presence::Present
    );
    assert_eq!(
        s.presence(later.id, a.id).await.expect("presence"),
        Presence::Absent,
        "joining one session is not joining another of the process"
    );
    s.add_note(&note(l.id, NoteAuthor::Participant(a.id), "Jää talteen", t))
        .await
        .expect("note");
    s.raise_hand(l.id, a.id, t).await.expect("hand");
    assert_eq!(s.count_participants(l.id).await.expect("count"), 2);

    let e = s.remove_attendee(l.id, a.id, t).await.expect("removed");
    assert_eq!(e.kind, LiveEventKind::HandsChanged);
    assert_eq!(
        s.presence(l.id, a.id).await.expect("presence"),
        Presence::Removed
    );
    assert!(
        s.hands(l.id).await.expect("hands").is_empty(),
        "the hand comes down"
    );
    assert_eq!(
        s.notes(l.id).await.expect("notes").len(),
        1,
        "the note stays"
    );
    assert_eq!(s.count_participants(l.id).await.expect("count"), 1);
    // Attending again does not bring them back; their number stays theirs.
    s.attend(l.id, a.id).await.expect("attend");
    assert_eq!(
        s.presence(l.id, a.id).await.expect("presence"),
        Presence::Removed
    );
    let mut numbered = BTreeSet::new();
    for n in [1, 2] {
        numbered.insert(s.participant_by_number(l.id, n).await.expect("number"));
    }
    assert_eq!(numbered, BTreeSet::from([Some(a.id), Some(b.id)]));
    let stranger = s.remove_attendee(later.id, b.id, t).await;
    assert!(
        matches!(stranger, Err(StoreError::NotFound)),
        "{stranger:?}"
    );

    assert!(!s.joining_locked(l.id).await.expect("locked"));
    s.set_joining_locked(l.id, true).await.expect("lock");
    assert!(s.joining_locked(l.id).await.expect("locked"));
    assert!(
        !s.joining_locked(later.id).await.expect("locked"),
        "per session"
    );
    s.set_joining_locked(l.id, false).await.expect("open");
    assert!(!s.joining_locked(l.id).await.expect("locked"));
    let nowhere = s.set_joining_locked(LiveSessionId::new(), true).await;
    assert!(matches!(nowhere, Err(StoreError::NotFound)), "{nowhere:?}");
}

#[tokio::test]
async fn a_backlog_is_read_with_its_notes_and_topics_and_bounded() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let staff = NoteAuthor::Staff(f.facilitator.id);
    let (group, topic_added) = s
        .add_topic(&topic(l.id, staff.clone(), "Tauot", t))
        .await
        .expect("topic");
    let mut n = note(l.id, staff.clone(), "Tauot porrastetaan", t);
    n.topic = Some(group.id);
    let added = s.add_note(&n).await.expect("note");
    let hidden = s
        .change_note(n.id, &NoteChange::Hide, f.facilitator.id, t)
        .await
        .expect("hide");
    let moved = s
        .move_live_session(l.id, Position::default(), Timer::new(5))
        .await
        .expect("moved");

    let all = s.live_backlog(l.id, 0, 10).await.expect("backlog");
    let events: Vec<LiveEvent> = all.iter().map(|r| r.event.clone()).collect();
    assert_eq!(
        events,
        [topic_added, added.clone(), hidden.clone(), moved.clone()]
    );
    assert_eq!(all[0].note, None);
    // The note as it is now (hidden), with its topic's number and title.
    let now = s.note(n.id).await.expect("note");
    assert!(now.hidden);
    assert_eq!(all[1].note.as_ref(), Some(&now));
    assert_eq!(all[1].topic, Some((1, "Tauot".to_owned())));
    assert_eq!(all[2].note.as_ref(), Some(&now));
    assert_eq!(all[3].note, None);
    assert_eq!(all[3].topic, None);
    // Bounded, and resumed after a given event.
    let first_two = s.live_backlog(l.id, 0, 2).await.expect("backlog");
    assert_eq!(first_two.len(), 2);
    let rest = s.live_backlog(l.id, added.seq, 10).await.expect("backlog");
    let seqs: Vec<i64> = rest.iter().map(|r| r.event.seq).collect();
    assert_eq!(seqs, [hidden.seq, moved.seq]);
}

/// A cancellation keeps its reason in the history, a reopening returns the process, and an
/// answer to "advise me" is an event of its own; an old event without a reason still reads.
#[tokio::test]
async fn a_cancellation_keeps_its_reason_and_advice_is_recorded() {
    let f = fixture().await;
    let id = create_process(&f, "Peruttava tiimi", None, Plan::default()).await;
    f.store
        .give_advice(
            id,
            f.coordinator.id,
            Some("eratauko"),
            "Erätauko sopii kuuden hengen tiimille.",
        )
        .await
        .expect("advice");
    f.store
        .set_state_with_reason(
            id,
            ProcessState::Ordered,
            ProcessState::Cancelled,
            f.orderer.id,
            "Tiimi yhdistetään toiseen.",
        )
        .await
        .expect("cancel");
    let refused = f
        .store
        .set_state_with_reason(
            id,
            ProcessState::Ordered,
            ProcessState::Cancelled,
            f.orderer.id,
            "Toisen kerran",
        )
        .await;
    assert!(
        matches!(refused, Err(StoreError::Conflict(_))),
        "{refused:?}"
    );
    f.store
        .set_state(
            id,
            ProcessState::Cancelled,
            ProcessState::Ordered,
            f.coordinator.id,
        )
        .await
        .expect("reopen");
    assert_eq!(
        f.store.process(id).await.expect("process").state,
        ProcessState::Ordered
    );
    let kinds: Vec<EventKind> = f
        .store
        .events(id)
        .await
        .expect("events")
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds[1..],
        [
            EventKind::AdviceGiven {
                method: Some("eratauko".into()),
                text: "Erätauko sopii kuuden hengen tiimille.".into()
            },
            EventKind::StateChanged {
                from: ProcessState::Ordered,
                to: ProcessState::Cancelled,
                reason: Some("Tiimi yhdistetään toiseen.".into())
            },
            EventKind::StateChanged {
                from: ProcessState::Cancelled,
                to: ProcessState::Ordered,
                reason: None
            },
        ]
    );
    let old: EventKind =
        serde_json::from_str(r#"{"kind":"state_changed","from":"ordered","to":"agreed"}"#)
            .expect("an event stored before reasons reads");
    assert_eq!(
        old,
        EventKind::StateChanged {
            from: ProcessState::Ordered,
            to: ProcessState::Agreed,
            reason: None
        }
    );
    let missing = f
        .store
        .give_advice(ProcessId::new(), f.coordinator.id, None, "Ei prosessia")
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
}

#[tokio::test]
async fn a_writer_corrects_or_withdraws_a_note_until_it_is_curated() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let me = participant(id, "minä", t);
    let other = participant(id, "toinen", t);
    for p in [&me, &other] {
        s.create_participant(p).await.expect("participant");
        s.attend(l.id, p.id).await.expect("attends");
    }
    let mine = NoteAuthor::Participant(me.id);
    let notes: Vec<Note> = [
        "Kiirre",
        "Peruttava",
        "Tähdellä",
        "Teemassa",
        "Lajittelematon",
    ]
    .into_iter()
    .map(|text| note(l.id, mine.clone(), text, t))
    .collect();
    for n in &notes {
        s.add_note(n).await.expect("note");
    }
    let [typo, gone, starred, themed, unsorted] = [0, 1, 2, 3, 4].map(|i| notes[i].id);
    let e = s
        .revise_own_note(typo, me.id, Some("Kiire"), t)
        .await
        .expect("corrected");
    assert_eq!(e.kind, LiveEventKind::NoteChanged { note: typo });
    assert_eq!(s.note(typo).await.expect("read").text, "Kiire");
    assert!(
        s.note_history(typo).await.expect("history").is_empty(),
        "the writer's own correction is no curation"
    );
    assert!(!s.note_curated(typo).await.expect("read"));
    let other_hand = s.revise_own_note(typo, other.id, None, t).await;
    assert!(
        matches!(other_hand, Err(StoreError::NotFound)),
        "{other_hand:?}"
    );

    s.revise_own_note(gone, me.id, None, t)
        .await
        .expect("withdrawn");
    assert!(matches!(s.note(gone).await, Err(StoreError::NotFound)));
    assert!(
        !s.notes(l.id)
            .await
            .expect("notes")
            .iter()
            .any(|n| n.id == gone)
    );
    // Every event of the session still replays, the withdrawn note's with no note.
    let replay = s.live_backlog(l.id, 0, 100).await.expect("backlog");
    assert!(
        replay
            .iter()
            .any(|r| r.event.kind == LiveEventKind::NoteAdded { note: gone } && r.note.is_none())
    );

    s.change_note(starred, &NoteChange::Star, f.facilitator.id, t)
        .await
        .expect("starred");
    let set = theme_set(&[themed, NoteId::new(), NoteId::new(), unsorted]);
    s.save_themes(id, Scope::Process, None, &set, false, f.facilitator.id, t)
        .await
        .expect("themes");
    for curated in [starred, themed] {
        assert!(s.note_curated(curated).await.expect("read"));
        let r = s.revise_own_note(curated, me.id, Some("Muutettu"), t).await;
        assert!(matches!(r, Err(StoreError::Conflict(_))), "{r:?}");
        let r = s.revise_own_note(curated, me.id, None, t).await;
        assert!(matches!(r, Err(StoreError::Conflict(_))), "{r:?}");
    }
    assert!(
        !s.note_curated(unsorted).await.expect("read"),
        "a note the themes leave unsorted is not curated"
    );
    s.close_live_session(l.id, t).await.expect("closed");
    let r = s.revise_own_note(unsorted, me.id, None, t).await;
    assert!(
        matches!(r, Err(StoreError::Conflict(_))),
        "not once the session is closed"
    );
}

/// A summary link: one works per process at a time, it is found by the hash of its token (and
/// stays findable once revoked, to tell its holders so), making and revoking it are process
/// events, and the comments through it are capped per link in the same statement as the insert.
#[tokio::test]
async fn a_summary_link_is_made_revoked_and_its_comments_capped() {
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let other = create_process(&f, "Toinen", None, Plan::default()).await;
    let fac = f.facilitator.id;
    let t = datetime!(2027-03-01 10:00 UTC);
    let draft = summary(&[NoteId::new(), NoteId::new()]);
    s.save_summary(id, None, &draft, SummaryState::Review, fac, t)
        .await
        .expect("save");
    let (h1, h2) = ("a".repeat(64), "b".repeat(64));
    assert_eq!(s.summary_link(id).await.expect("none yet"), None);
    assert_eq!(s.summary_link_by_hash(&h1).await.expect("unknown"), None);
    let before = s.events(id).await.expect("events").len();

    let link = s.make_summary_link(id, &h1, fac, t).await.expect("make");
    assert_eq!(
        link,
        SummaryLink {
            id: link.id,
            process: id,
            token_hash: h1.clone(),
            created_by: fac,
            created_at: t,
            revoked: None,
        }
    );
    assert_eq!(s.summary_link(id).await.expect("read"), Some(link.clone()));
    assert_eq!(
        s.summary_link_by_hash(&h1).await.expect("by hash"),
        Some(link.clone())
    );
    let second = s.make_summary_link(id, &h2, fac, t).await;
    assert!(
        matches!(second, Err(StoreError::Conflict(_))),
        "one working link per process: {second:?}"
    );
    let missing = s.make_summary_link(ProcessId::new(), &h2, fac, t).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    assert_eq!(s.summary_link(other).await.expect("other"), None);

    // Comments through the link, capped at two for the test.
    let comment = |text: &str, minutes: i64| SummaryLinkComment {
        process: id,
        version: 1,
        link: link.id,
        text: text.into(),
        lang: "ar".into(),
        created_at: t + Duration::minutes(minutes),
    };
    assert!(
        s.add_summary_link_comment(&comment("Toinen", 2), 2)
            .await
            .expect("first")
    );
    assert!(
        s.add_summary_link_comment(&comment("Ensin", 1), 2)
            .await
            .expect("second")
    );
    assert!(
        !s.add_summary_link_comment(&comment("Liikaa", 3), 2)
            .await
            .expect("capped"),
        "the third is over the cap"
    );
    let no_version = SummaryLinkComment {
        version: 9,
        ..comment("Ei versiota", 4)
    };
    let r = s.add_summary_link_comment(&no_version, 10).await;
    assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");
    assert_eq!(
        s.summary_link_comments(id).await.expect("list"),
        vec![comment("Ensin", 1), comment("Toinen", 2)],
        "oldest first"
    );
    assert_eq!(s.summary_link_comments(other).await.expect("other"), vec![]);
    assert_eq!(
        s.summary_comments(id)
            .await
            .expect("participants' comments"),
        vec![],
        "link comments are not participants' comments"
    );

    // Revoked: no longer the working link, still found by its hash, marked revoked; a new one
    // can then be made.
    let later = t + Duration::hours(1);
    s.revoke_summary_link(id, f.coordinator.id, later)
        .await
        .expect("revoke");
    assert_eq!(s.summary_link(id).await.expect("read"), None);
    let revoked = s.summary_link_by_hash(&h1).await.expect("by hash");
    assert_eq!(
        revoked.and_then(|l| l.revoked),
        Some((f.coordinator.id, later))
    );
    let again = s.revoke_summary_link(id, fac, later).await;
    assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");
    let new = s.make_summary_link(id, &h2, fac, later).await.expect("new");
    assert_ne!(new.id, link.id);
    let reused = s.make_summary_link(other, &h2, fac, later).await;
    assert!(reused.is_err(), "a token hash is unique");

    let kinds: Vec<EventKind> = s
        .events(id)
        .await
        .expect("events")
        .into_iter()
        .skip(before)
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds,
        vec![
            EventKind::SummaryLinkMade { link: link.id },
            EventKind::SummaryLinkRevoked { link: link.id },
            EventKind::SummaryLinkMade { link: new.id },
        ]
    );
}

/// The live feed starts with a gap (read what you follow once), then announces each committed
/// live event by its session and `seq`, in the order they committed; a refused write announces
/// nothing.
#[tokio::test]
async fn the_live_feed_announces_each_committed_event_by_session_and_seq() {
    use futures_util::{FutureExt, StreamExt};
    let f = fixture().await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let t = datetime!(2027-02-01 09:00 UTC);
    let l = live(&f, id, "ACDEFG", t);
    s.open_live_session(&l).await.expect("open");
    let mut feed = s.live_feed().await.expect("feed");
    assert_eq!(feed.next().await, Some(LiveNotice::Gap));

    let staff = NoteAuthor::Staff(f.facilitator.id);
    let added = s
        .add_note(&note(l.id, staff, "Tauot porrastetaan", t))
        .await
        .expect("note");
    let closed = s.close_live_session(l.id, t).await.expect("closed");
    let refused = s
        .move_live_session(l.id, Position::default(), Timer::new(5))
        .await;
    assert!(refused.is_err(), "a closed session does not move");
    for e in [&added, &closed] {
        assert_eq!(
            feed.next().await,
            Some(LiveNotice::Committed {
                live_session: l.id,
                seq: e.seq
            })
        );
    }
    assert_eq!(
        feed.next().now_or_never(),
        None,
        "the refused move announced nothing"
    );
}

/// Attempts count against every budget named, are refused as a whole once one budget is spent
/// (saying until when), leave the window with time, and can be taken back or forgotten.
#[tokio::test]
async fn attempts_are_counted_per_budget_within_the_window() {
    let f = fixture().await;
    let s = &f.store;
    let window = Duration::minutes(15);
    let t0 = datetime!(2027-02-01 09:00 UTC);
    let both = [
        Budget {
            key: "client",
            limit: 3,
        },
        Budget {
            key: "address",
            limit: 2,
        },
    ];
    let at = |m: i64| t0 + Duration::minutes(m);
    assert_eq!(
        s.take_attempt(&both, at(0) - window, at(0))
            .await
            .expect("1"),
        None
    );
    assert_eq!(
        s.take_attempt(&both, at(1) - window, at(1))
            .await
            .expect("2"),
        None
    );
    assert_eq!(
        s.take_attempt(&both, at(2) - window, at(2))
            .await
            .expect("3"),
        Some(Spent {
            budget: 1,
            until: at(15)
        }),
        "the address is spent until its first attempt leaves the window"
    );
    // The refused attempt was not counted: the client has one left, on another address.
    let other = [
        both[0],
        Budget {
            key: "other",
            limit: 2,
        },
    ];
    assert_eq!(
        s.take_attempt(&other, at(3) - window, at(3))
            .await
            .expect("4"),
        None
    );
    assert_eq!(
        s.take_attempt(&other, at(4) - window, at(4))
            .await
            .expect("5"),
        Some(Spent {
            budget: 0,
            until: at(15)
        })
    );
    // A right password takes back the client's latest attempt and clears the address.
    s.give_back_attempt("client").await.expect("given back");
    s.forget_attempts("address").await.expect("forgotten");
    assert_eq!(
        s.take_attempt(&both, at(5) - window, at(5))
            .await
            .expect("6"),
        None
    );
    // With time, the oldest attempts leave the window.
    assert_eq!(
        s.take_attempt(&both, at(6) - window, at(6))
            .await
            .expect("7"),
        Some(Spent {
            budget: 0,
            until: at(15)
        })
    );
    assert_eq!(
        s.take_attempt(&both, at(15) - window, at(15))
            .await
            .expect("8"),
        None,
        "when it said"
    );
}
