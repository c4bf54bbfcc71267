//! Organisations, units, users, roles, invitations and log-in sessions.

use super::*;

pub async fn organisations_units_and_users(store: Arc<dyn Store>) {
    let vantaa = store.create_org("Vantaa", NOW).await.expect("org");
    let espoo = store.create_org("espoo", NOW).await.expect("org");
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
        .create_user(
            NewUser {
                site_admin: true,
                ..new_user("Maija.Meikalainen@Example.FI", "Maija")
            },
            NOW,
        )
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
        .create_user(new_user("toinen@example.fi", "Toinen"), NOW)
        .await
        .expect("user");
    assert_eq!(store.user_count().await.expect("count"), 2);
}

pub async fn a_taken_email_is_a_duplicate_whatever_its_case(store: Arc<dyn Store>) {
    store
        .create_user(new_user("anna@example.fi", "Anna"), NOW)
        .await
        .expect("user");
    let again = store
        .create_user(new_user("Anna@Example.fi", "Toinen Anna"), NOW)
        .await;
    assert!(
        matches!(again, Err(StoreError::Duplicate("email"))),
        "{again:?}"
    );
    assert_eq!(store.user_count().await.expect("count"), 1);
}

pub async fn roles_are_set_replaced_and_removed(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let other = s.create_org("Aalto-kaupunki", NOW).await.expect("org");
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

pub async fn invitations_create_or_reuse_accounts_once(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let now = datetime!(2027-01-10 12:00:00.123456789 UTC);
    let fac = RoleSet::empty().with(Role::Facilitator);

    // A new person gets an account with the invitation's address.
    let inv = invitation(&f, "hash-new", "uusi@vantaa.fi", fac, now);
    s.create_invitation(&inv, &[]).await.expect("invite");
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
    s.create_invitation(&inv, &[]).await.expect("invite");
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
    s.create_invitation(&inv, &[]).await.expect("invite");
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
        .create_invitation(&invitation(&f, "hash-new", "a@b.fi", fac, now), &[])
        .await;
    assert!(matches!(dup, Err(StoreError::Duplicate(_))), "{dup:?}");
}

pub async fn an_account_made_from_a_link_takes_roles_only_from_its_organisation(
    store: Arc<dyn Store>,
) {
    let f = fixture(store).await;
    let s = &f.store;
    let now = datetime!(2027-01-10 12:00:00 UTC);
    let fac = RoleSet::empty().with(Role::Facilitator);
    let admin = RoleSet::empty().with(Role::Admin);
    let other = s.create_org("Espoon kaupunki", NOW).await.expect("org");

    // Organisation A's link makes the account: its address is unconfirmed, from A.
    let inv = invitation(&f, "hash-a", "kohde@vantaa.fi", fac, now);
    s.create_invitation(&inv, &[]).await.expect("invite");
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
    s.create_invitation(&inv_b, &[]).await.expect("invite");
    let taken = s
        .accept_invitation("hash-b", Acceptor::Account(target.id), now)
        .await;
    assert!(
        matches!(taken, Err(StoreError::Conflict(m)) if m == crate::ADDRESS_UNCONFIRMED),
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
        .create_user(
            NewUser {
                site_admin: true,
                ..new_user("root@vantaa.fi", "Pääkäyttäjä")
            },
            NOW,
        )
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

pub async fn login_sessions_expire(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let now = datetime!(2027-01-10 12:00:00.5 UTC);
    let session = LoginSession {
        token_hash: "session-hash".into(),
        user: f.orderer.id,
        created_at: now,
        expires_at: now + Duration::hours(8),
        via: crate::LoginVia::Password,
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

pub async fn users_are_read_in_one_go_by_id(store: Arc<dyn Store>) {
    let s: &dyn Store = &*store;
    let eeva = account(s, "esimies@vantaa.fi", "Eeva Esimies").await;
    let fanni = account(s, "fasilitaattori@vantaa.fi", "Fanni Fasilitaattori").await;
    let kalle = account(s, "koordinaattori@vantaa.fi", "Kalle Koordinaattori").await;

    let read = s
        .users(&[fanni.id, eeva.id, fanni.id, UserId::new()])
        .await
        .expect("users");
    assert_eq!(
        read,
        HashMap::from([(eeva.id, eeva.clone()), (fanni.id, fanni.clone())]),
        "each asked account once, as user() reads it; an unknown id is left out"
    );
    assert_eq!(read[&eeva.id], s.user(eeva.id).await.expect("user"));
    assert!(!read.contains_key(&kalle.id), "only the accounts asked for");
    assert!(s.users(&[]).await.expect("none").is_empty());
}

pub async fn unconfirmed_addresses_are_read_in_one_go_with_their_origin(store: Arc<dyn Store>) {
    let s: &dyn Store = &*store;
    let vantaa = s.create_org("Vantaan kaupunki", NOW).await.expect("org").id;
    let kerava = s.create_org("Keravan kaupunki", NOW).await.expect("org").id;
    let admin = account(s, "admin@vantaa.fi", "Aino Admin").await;
    let now = datetime!(2027-01-10 12:00 UTC);
    // Two accounts made from two organisations' links, one confirmed since; the admin's own
    // account was made directly.
    let mut made = Vec::new();
    for (org, email) in [
        (vantaa, "uusi@vantaa.fi"),
        (kerava, "uusi@kerava.fi"),
        (vantaa, "vahvistettu@vantaa.fi"),
    ] {
        let token = format!("hash-{email}");
        s.create_invitation(
            &Invitation {
                token_hash: token.clone(),
                org,
                email: email.into(),
                roles: vuoro_core::RoleSet::empty().with(vuoro_core::Role::Facilitator),
                invited_by: admin.id,
                created_at: now,
                expires_at: now + Duration::days(7),
                accepted_at: None,
            },
            &[],
        )
        .await
        .expect("invite");
        let u = s
            .accept_invitation(
                &token,
                Acceptor::New(NewUser {
                    email: email.into(),
                    name: email.into(),
                    password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$hash".into(),
                    site_admin: false,
                }),
                now,
            )
            .await
            .expect("accept");
        made.push(u.id);
    }
    s.confirm_address(made[2], admin.id, now)
        .await
        .expect("confirm");

    let mut asked = made.clone();
    asked.extend([admin.id, UserId::new()]);
    let read = s.unconfirmed_origins(&asked).await.expect("origins");
    assert_eq!(read, HashMap::from([(made[0], vantaa), (made[1], kerava)]));
    for u in &asked[..4] {
        assert_eq!(
            read.get(u).copied(),
            s.unconfirmed_origin(*u).await.expect("one account"),
            "as unconfirmed_origin says, account by account"
        );
    }
    assert!(s.unconfirmed_origins(&[]).await.expect("none").is_empty());
}
