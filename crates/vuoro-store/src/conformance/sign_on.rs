//! Single sign-on: sign-ons under way, linked identities, groups' roles and password log-in.

use super::*;
use crate::{AuditAction, AuditDetail, GroupRoles, SignOnStart};

fn start(token_hash: &str, expires_at: OffsetDateTime) -> SignOnStart {
    SignOnStart {
        token_hash: token_hash.into(),
        state: format!("state-of-{token_hash}"),
        nonce: format!("nonce-of-{token_hash}"),
        pkce_verifier: format!("verifier-of-{token_hash}"),
        next: "/processes".into(),
        expires_at,
    }
}

/// A sign-on under way is taken once, and not after it expired; expired ones are forgotten
/// when another starts.
pub async fn a_sign_on_under_way_is_taken_once_before_it_expires(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let t0 = datetime!(2027-03-01 08:00 UTC);
    let ten = Duration::minutes(10);
    s.start_sign_on(&start("a", t0 + ten), t0)
        .await
        .expect("started");
    s.start_sign_on(&start("b", t0 + ten), t0)
        .await
        .expect("started");
    assert_eq!(
        s.take_sign_on("a", t0 + Duration::minutes(1))
            .await
            .expect("read"),
        Some(start("a", t0 + ten))
    );
    assert_eq!(
        s.take_sign_on("a", t0 + Duration::minutes(1))
            .await
            .expect("read"),
        None,
        "a sign-on is answered once"
    );
    assert_eq!(s.take_sign_on("unknown", t0).await.expect("read"), None);
    assert_eq!(
        s.take_sign_on("b", t0 + ten).await.expect("read"),
        None,
        "expired at its time"
    );
    s.start_sign_on(&start("c", t0 + ten), t0)
        .await
        .expect("started");
    s.start_sign_on(&start("d", t0 + 3 * ten), t0 + 2 * ten)
        .await
        .expect("started");
    assert_eq!(
        s.take_sign_on("c", t0).await.expect("read"),
        None,
        "forgotten when a later sign-on started after it expired"
    );
}

/// An identity is linked to one account, found by issuer and subject alone, and cannot be
/// linked twice; open invitations are found by address.
pub async fn identities_link_to_one_account(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let iss = "https://login.example.fi/tenant";
    assert_eq!(s.sign_on_user(iss, "sub-1").await.expect("read"), None);
    s.link_sign_on(iss, "sub-1", f.orderer.id, NOW)
        .await
        .expect("linked");
    assert_eq!(
        s.sign_on_user(iss, "sub-1").await.expect("read"),
        Some(f.orderer.clone())
    );
    assert_eq!(
        s.sign_on_user("https://other.example", "sub-1")
            .await
            .expect("read"),
        None,
        "a subject is the issuer's own"
    );
    let again = s.link_sign_on(iss, "sub-1", f.facilitator.id, NOW).await;
    assert!(matches!(again, Err(StoreError::Duplicate(_))), "{again:?}");
    assert_eq!(
        s.sign_on_user(iss, "sub-1").await.expect("read"),
        Some(f.orderer.clone())
    );
    // A second identity of the same provider for the account (a mailbox handed on) is refused;
    // one of another provider is not.
    let second = s.link_sign_on(iss, "sub-2", f.orderer.id, NOW).await;
    assert!(
        matches!(second, Err(StoreError::Duplicate(_))),
        "{second:?}"
    );
    assert_eq!(s.sign_on_user(iss, "sub-2").await.expect("read"), None);
    s.link_sign_on("https://other.example", "sub-9", f.orderer.id, NOW)
        .await
        .expect("another provider's identity");
    assert_eq!(
        s.sign_on_identities(f.orderer.id).await.expect("read"),
        vec![
            (
                "https://login.example.fi/tenant".to_owned(),
                "sub-1".to_owned()
            ),
            ("https://other.example".to_owned(), "sub-9".to_owned()),
        ],
        "the account's identities, for its export"
    );
    assert!(
        s.sign_on_identities(f.facilitator.id)
            .await
            .expect("read")
            .is_empty()
    );

    let fac = RoleSet::empty().with(Role::Facilitator);
    let older = invitation(&f, "hash-older", "uusi@vantaa.fi", fac, NOW);
    let newer = invitation(
        &f,
        "hash-newer",
        "uusi@vantaa.fi",
        fac,
        NOW + Duration::hours(1),
    );
    let other = invitation(&f, "hash-other", "muu@vantaa.fi", fac, NOW);
    for inv in [&newer, &older, &other] {
        s.create_invitation(inv, &[]).await.expect("invite");
    }
    assert_eq!(
        s.open_invitations("Uusi@Vantaa.fi", NOW + Duration::hours(2))
            .await
            .expect("read"),
        vec!["hash-older".to_owned(), "hash-newer".to_owned()]
    );
    assert_eq!(
        s.open_invitations("uusi@vantaa.fi", NOW + Duration::days(7))
            .await
            .expect("read"),
        vec!["hash-newer".to_owned()],
        "an expired invitation is not open"
    );
    s.accept_invitation(
        "hash-newer",
        Acceptor::New(new_user("uusi@vantaa.fi", "Uusi Ihminen")),
        NOW + Duration::hours(2),
    )
    .await
    .expect("accepted");
    assert_eq!(
        s.open_invitations("uusi@vantaa.fi", NOW + Duration::hours(3))
            .await
            .expect("read"),
        vec!["hash-older".to_owned()],
        "an accepted invitation is not open"
    );
}

/// Groups give roles in their organisation at each sign-on and take back those they gave when
/// the group is gone; roles no group gives stay, and every change is recorded.
pub async fn groups_give_and_take_roles_at_sign_on(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let fac = RoleSet::empty().with(Role::Facilitator);
    let coord = RoleSet::empty().with(Role::Coordinator);
    let admin = f.coordinator.id;
    s.set_group_roles(f.org.id, "vuoro-fasilitaattorit", fac, admin, NOW)
        .await
        .expect("set");
    s.set_group_roles(
        f.org.id,
        "vuoro-koordinaattorit",
        coord.with(Role::Orderer),
        admin,
        NOW,
    )
    .await
    .expect("set");
    assert_eq!(
        s.group_roles(f.org.id).await.expect("read"),
        vec![
            GroupRoles {
                group: "vuoro-fasilitaattorit".into(),
                roles: fac,
            },
            GroupRoles {
                group: "vuoro-koordinaattorit".into(),
                roles: coord.with(Role::Orderer),
            },
        ]
    );
    // Replacing a group's roles; an empty set removes the group.
    s.set_group_roles(f.org.id, "vuoro-koordinaattorit", coord, admin, NOW)
        .await
        .expect("set");
    s.set_group_roles(f.org.id, "poistuva", fac, admin, NOW)
        .await
        .expect("set");
    s.set_group_roles(f.org.id, "poistuva", RoleSet::empty(), admin, NOW)
        .await
        .expect("removed");
    assert_eq!(s.group_roles(f.org.id).await.expect("read").len(), 2);
    // Each change is in the organisation's audit log, by its admin, newest first.
    let log = s.audit_log(f.org.id, None, 10).await.expect("audit");
    assert_eq!(log.len(), 5);
    assert!(
        log.iter()
            .all(|e| e.action == AuditAction::SignOnMappingChanged
                && e.actor == Some(admin)
                && e.target_user.is_none())
    );
    let group = |g: &str, roles: &[&str]| AuditDetail::SignOnGroup {
        group: g.to_owned(),
        roles: roles.iter().map(|r| (*r).to_owned()).collect(),
    };
    assert_eq!(AuditDetail::parse(&log[0].detail), group("poistuva", &[]));
    assert_eq!(
        AuditDetail::parse(&log[1].detail),
        group("poistuva", &["facilitator"])
    );
    assert_eq!(
        AuditDetail::parse(&log[2].detail),
        group("vuoro-koordinaattorit", &["coordinator"])
    );

    // The orderer (role orderer, no group role) signs on holding the facilitators' group.
    let at = NOW + Duration::hours(1);
    let changed = s
        .apply_group_roles(f.orderer.id, &["vuoro-fasilitaattorit".to_owned()], at)
        .await
        .expect("applied");
    assert_eq!(changed, vec![f.org.id]);
    assert_eq!(
        s.roles(f.org.id, f.orderer.id).await.expect("roles"),
        fac.with(Role::Orderer),
        "the group's role is given and the orderer role no group gives stays"
    );
    let log = s.role_changes(f.org.id, 10).await.expect("log");
    assert_eq!(log[0].via, RoleChangeVia::SignOn);
    assert_eq!(log[0].user, f.orderer.id);
    assert_eq!(log[0].actor, f.orderer.id);
    assert_eq!(log[0].before, RoleSet::empty().with(Role::Orderer));
    assert_eq!(log[0].after, fac.with(Role::Orderer));
    assert_eq!(log[0].at, at);

    // The same groups again change nothing and record nothing.
    let again = s
        .apply_group_roles(f.orderer.id, &["vuoro-fasilitaattorit".to_owned()], at)
        .await
        .expect("applied");
    assert!(again.is_empty());
    assert_eq!(s.role_changes(f.org.id, 10).await.expect("log").len(), 1);

    // Out of the group: the role it gave goes.
    let changed = s
        .apply_group_roles(f.orderer.id, &[], at + Duration::hours(1))
        .await
        .expect("applied");
    assert_eq!(changed, vec![f.org.id]);
    assert_eq!(
        s.roles(f.org.id, f.orderer.id).await.expect("roles"),
        RoleSet::empty().with(Role::Orderer)
    );

    // An account made from another organisation's link takes no roles here by its groups.
    let other = s.create_org("Espoon kaupunki", NOW).await.expect("org");
    let inv = Invitation {
        org: other.id,
        ..invitation(&f, "hash-espoo", "espoolainen@espoo.fi", fac, NOW)
    };
    s.create_invitation(&inv, &[]).await.expect("invite");
    let outsider = s
        .accept_invitation(
            "hash-espoo",
            Acceptor::New(new_user("espoolainen@espoo.fi", "Esa Espoolainen")),
            NOW,
        )
        .await
        .expect("accepted");
    let changed = s
        .apply_group_roles(outsider.id, &["vuoro-koordinaattorit".to_owned()], at)
        .await
        .expect("applied");
    assert!(changed.is_empty(), "{changed:?}");
    assert!(
        s.roles(f.org.id, outsider.id)
            .await
            .expect("roles")
            .is_empty()
    );

    // A site administrator's roles from a sign-on are the provider's groups' doing: not marked
    // as a site administrator giving roles to themselves.
    let site = s
        .create_user(
            NewUser {
                site_admin: true,
                ..new_user("yllapito@vantaa.fi", "Ylläpitäjä")
            },
            NOW,
        )
        .await
        .expect("user");
    s.set_roles(f.org.id, site.id, RoleSet::empty().with(Role::Orderer))
        .await
        .expect("roles");
    s.apply_group_roles(site.id, &["vuoro-fasilitaattorit".to_owned()], at)
        .await
        .expect("applied");
    let log = s.role_changes(f.org.id, 1).await.expect("log");
    assert_eq!((log[0].user, log[0].self_grant), (site.id, false));
}

/// Password log-in is allowed until an organisation turns it off; then its members' sessions
/// begun with a password end and a password is refused to whoever belongs to no organisation
/// that allows it; one who also belongs to another reaches only that one by password. Site
/// administrators and members of other organisations are not touched, nor sessions begun by
/// sign-on.
pub async fn password_log_in_is_turned_off_per_organisation(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    assert!(s.password_login(f.org.id).await.expect("read"));
    assert!(!s.password_login_refused(f.orderer.id).await.expect("read"));
    let site = s
        .create_user(
            NewUser {
                site_admin: true,
                ..new_user("yllapito@vantaa.fi", "Ylla Pitaja")
            },
            NOW,
        )
        .await
        .expect("user");
    s.set_roles(f.org.id, site.id, RoleSet::empty().with(Role::Admin))
        .await
        .expect("roles");
    let other = s.create_org("Espoon kaupunki", NOW).await.expect("org");
    let espoo = s
        .create_user(new_user("esa@espoo.fi", "Esa Espoolainen"), NOW)
        .await
        .expect("user");
    s.set_roles(other.id, espoo.id, RoleSet::empty().with(Role::Orderer))
        .await
        .expect("roles");
    // The coordinator is a member in Espoo too.
    s.set_roles(
        other.id,
        f.coordinator.id,
        RoleSet::empty().with(Role::Orderer),
    )
    .await
    .expect("roles");
    for (token, user, via) in [
        ("orderer-session", f.orderer.id, crate::LoginVia::Password),
        ("orderer-sign-on", f.orderer.id, crate::LoginVia::SignOn),
        ("site-session", site.id, crate::LoginVia::Password),
        ("espoo-session", espoo.id, crate::LoginVia::Password),
    ] {
        s.create_login(&LoginSession {
            token_hash: token.into(),
            user,
            created_at: NOW,
            expires_at: NOW + Duration::hours(8),
            via,
        })
        .await
        .expect("login");
    }

    s.set_password_login(f.org.id, false, site.id, NOW)
        .await
        .expect("set");
    // The member's session, which may have begun with a password, has ended; the admin who
    // turned it off and the other organisation's member are still in.
    let still_in = |token: &'static str| async move {
        s.login(token, NOW + Duration::minutes(1))
            .await
            .expect("session")
            .is_some()
    };
    assert!(!still_in("orderer-session").await);
    assert!(still_in("orderer-sign-on").await, "a sign-on session stays");
    assert_eq!(
        s.login("orderer-sign-on", NOW)
            .await
            .expect("session")
            .map(|(l, _)| l.via),
        Some(crate::LoginVia::SignOn)
    );
    assert!(still_in("site-session").await);
    assert!(still_in("espoo-session").await);
    assert!(!s.password_login(f.org.id).await.expect("read"));
    assert!(s.password_login(other.id).await.expect("read"));
    assert!(s.password_login_refused(f.orderer.id).await.expect("read"));
    assert!(
        !s.password_login_refused(site.id).await.expect("read"),
        "a site administrator keeps a password"
    );
    assert!(!s.password_login_refused(espoo.id).await.expect("read"));
    assert!(
        !s.password_login_refused(f.coordinator.id)
            .await
            .expect("read"),
        "Espoo still takes their password"
    );
    assert_eq!(
        s.password_off_orgs(f.coordinator.id).await.expect("read"),
        vec![f.org.id],
        "but a password session does not reach Vantaa"
    );
    assert!(s.password_off_orgs(site.id).await.expect("read").is_empty());
    assert!(
        s.password_off_orgs(espoo.id)
            .await
            .expect("read")
            .is_empty()
    );

    s.set_password_login(f.org.id, true, site.id, NOW + Duration::minutes(1))
        .await
        .expect("set");
    assert!(s.password_login(f.org.id).await.expect("read"));
    assert!(!s.password_login_refused(f.orderer.id).await.expect("read"));
    let log = s.audit_log(f.org.id, None, 10).await.expect("audit");
    let seen: Vec<(AuditAction, AuditDetail, Option<UserId>)> = log
        .iter()
        .map(|e| (e.action, AuditDetail::parse(&e.detail), e.actor))
        .collect();
    let login = |allowed| AuditDetail::PasswordLogin { allowed };
    assert_eq!(
        seen,
        vec![
            (
                AuditAction::PasswordLoginChanged,
                login(true),
                Some(site.id)
            ),
            (
                AuditAction::PasswordLoginChanged,
                login(false),
                Some(site.id)
            ),
        ]
    );
    assert!(
        s.audit_log(other.id, None, 10)
            .await
            .expect("audit")
            .is_empty()
    );
}
