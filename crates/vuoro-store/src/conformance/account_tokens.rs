//! Links mailed to an account's address (password reset, address confirmation), and
//! invitations sent by mail.

use super::*;
use crate::account_tokens::invitation_mail_key;
use crate::mail::{MailKind, NewMail};
use crate::{AccountToken, InvitationMail, TOKEN_USED, TokenPurpose};

/// A token hash as the web layer makes them: 64 hex digits.
fn hash(n: u32) -> String {
    format!("{n:064x}")
}

fn token(user: UserId, n: u32, purpose: TokenPurpose, at: OffsetDateTime) -> AccountToken {
    AccountToken {
        token_hash: hash(n),
        user,
        purpose,
        created_at: at,
        expires_at: at + Duration::hours(1),
        used_at: None,
    }
}

fn mail_to(to: &str, kind: MailKind, user: Option<UserId>, dedupe: Option<String>) -> NewMail {
    NewMail {
        kind,
        to: to.into(),
        user,
        subject: format!("Linkki {to}"),
        text: format!("Avaa linkki {to}"),
        html: format!("<p>Avaa linkki {to}</p>"),
        dedupe,
    }
}

/// A link is written with its mail, works once and until it expires, and only as the newest of
/// its kind; using it sets the password and ends every log-in of the account.
pub async fn a_mailed_link_sets_the_password_once_and_ends_every_log_in(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let t0 = datetime!(2027-03-01 10:00 UTC);
    let who = f.facilitator.id;
    let reset = token(who, 1, TokenPurpose::PasswordReset, t0);
    let mail = mail_to(
        "fasilitaattori@vantaa.fi",
        MailKind::PasswordReset,
        Some(who),
        None,
    );
    s.issue_token(&reset, t0, std::slice::from_ref(&mail))
        .await
        .expect("issued");
    let claimed = s
        .claim_mail(t0, t0 + Duration::minutes(5), 10)
        .await
        .expect("claimed");
    assert_eq!(claimed.len(), 1, "the mail is written with the link");
    assert_eq!(
        (claimed[0].kind, claimed[0].to.as_str()),
        (MailKind::PasswordReset, "fasilitaattori@vantaa.fi")
    );
    s.mail_sent(claimed[0].id, t0).await.expect("sent");
    assert_eq!(
        s.account_token(&hash(1)).await.expect("read"),
        Some(reset.clone())
    );
    assert_eq!(s.account_token(&hash(99)).await.expect("read"), None);

    for n in 0..2 {
        s.create_login(&LoginSession {
            token_hash: format!("session-{n}"),
            user: who,
            created_at: t0,
            expires_at: t0 + Duration::hours(12),
            via: crate::LoginVia::Password,
        })
        .await
        .expect("log-in");
    }
    let wrong = s
        .use_token(
            &hash(1),
            TokenPurpose::AddressConfirmation,
            "hash-x",
            t0 + Duration::minutes(5),
        )
        .await;
    assert!(matches!(wrong, Err(StoreError::NotFound)), "{wrong:?}");
    let used = s
        .use_token(
            &hash(1),
            TokenPurpose::PasswordReset,
            "hash-new",
            t0 + Duration::minutes(10),
        )
        .await
        .expect("used");
    assert_eq!(used.password_hash, "hash-new");
    assert_eq!(s.user(who).await.expect("user"), used);
    for n in 0..2 {
        assert_eq!(
            s.login(&format!("session-{n}"), t0 + Duration::minutes(11))
                .await
                .expect("read"),
            None,
            "every log-in of the account ended"
        );
    }
    let again = s
        .use_token(
            &hash(1),
            TokenPurpose::PasswordReset,
            "hash-again",
            t0 + Duration::minutes(12),
        )
        .await;
    assert!(
        matches!(again, Err(StoreError::Conflict(m)) if m == TOKEN_USED),
        "{again:?}"
    );
    assert_eq!(
        s.user(who).await.expect("user").password_hash,
        "hash-new",
        "a second use changes nothing"
    );
    assert_eq!(
        s.account_token(&hash(1))
            .await
            .expect("read")
            .map(|t| t.used_at),
        Some(Some(t0 + Duration::minutes(10)))
    );

    // An hour later the link no longer works.
    let t1 = t0 + Duration::hours(2);
    s.issue_token(&token(who, 2, TokenPurpose::PasswordReset, t1), t1, &[])
        .await
        .expect("issued");
    let late = s
        .use_token(
            &hash(2),
            TokenPurpose::PasswordReset,
            "hash-late",
            t1 + Duration::hours(1),
        )
        .await;
    assert!(matches!(late, Err(StoreError::NotFound)), "{late:?}");

    // A newer link of the same kind ends the older one; a link of the other kind stays.
    let t2 = t0 + Duration::hours(4);
    for (n, purpose) in [
        (3, TokenPurpose::PasswordReset),
        (4, TokenPurpose::AddressConfirmation),
        (5, TokenPurpose::PasswordReset),
    ] {
        s.issue_token(&token(who, n, purpose, t2), t2, &[])
            .await
            .expect("issued");
    }
    let older = s
        .use_token(&hash(3), TokenPurpose::PasswordReset, "hash-3", t2)
        .await;
    assert!(matches!(older, Err(StoreError::NotFound)), "{older:?}");
    s.use_token(&hash(5), TokenPurpose::PasswordReset, "hash-5", t2)
        .await
        .expect("the newest works");
    s.use_token(&hash(4), TokenPurpose::AddressConfirmation, "hash-4", t2)
        .await
        .expect("the other kind works");
    assert_eq!(
        s.account_token(&hash(1)).await.expect("read"),
        None,
        "links expired by the time a new one is issued are deleted"
    );

    // A link for no account is refused and its mail is not written.
    let nobody = s
        .issue_token(
            &token(UserId::new(), 6, TokenPurpose::PasswordReset, t2),
            t2,
            &[mail_to("x@vantaa.fi", MailKind::PasswordReset, None, None)],
        )
        .await;
    assert!(matches!(nobody, Err(StoreError::NotFound)), "{nobody:?}");
    assert!(
        s.claim_mail(t2, t2 + Duration::minutes(5), 10)
            .await
            .expect("claimed")
            .is_empty()
    );
}

/// An account made from an invitation link an admin saw is unconfirmed until a link mailed to
/// it is used; then another organisation may give it roles.
pub async fn using_a_mailed_link_confirms_the_address(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let now = datetime!(2027-03-01 10:00 UTC);
    let fac = RoleSet::empty().with(Role::Facilitator);
    let other = s.create_org("Espoon kaupunki", NOW).await.expect("org");
    s.create_invitation(
        &invitation(&f, "hash-seen", "nahty@vantaa.fi", fac, now),
        &[],
    )
    .await
    .expect("invite");
    // With mail, the account is made with its confirmation link and the mail carrying it.
    let link = crate::ConfirmLink {
        token_hash: hash(7),
        expires_at: now + Duration::days(7),
        mail: mail_to("nahty@vantaa.fi", MailKind::AddressConfirmation, None, None),
    };
    let account = s
        .accept_invitation_confirming(
            "hash-seen",
            Acceptor::New(new_user("nahty@vantaa.fi", "Nähty")),
            Some(link),
            now,
        )
        .await
        .expect("accept");
    assert_eq!(
        s.unconfirmed_origin(account.id).await.expect("origin"),
        Some(f.org.id)
    );
    let written = s
        .account_token(&hash(7))
        .await
        .expect("read")
        .expect("the link was written with the account");
    assert_eq!(
        (written.user, written.purpose),
        (account.id, TokenPurpose::AddressConfirmation)
    );
    let queued = s
        .claim_mail(now, now + Duration::minutes(5), 10)
        .await
        .expect("claimed");
    assert_eq!(
        queued
            .iter()
            .map(|m| (m.kind, m.to.as_str()))
            .collect::<Vec<_>>(),
        vec![(MailKind::AddressConfirmation, "nahty@vantaa.fi")],
        "and its mail"
    );
    let refused = s
        .change_roles(
            other.id,
            account.id,
            fac,
            f.coordinator.id,
            RoleChangeVia::Members,
            now,
        )
        .await;
    assert!(
        matches!(refused, Err(StoreError::Conflict(m)) if m == crate::ADDRESS_UNCONFIRMED),
        "{refused:?}"
    );

    s.use_token(
        &hash(7),
        TokenPurpose::AddressConfirmation,
        "hash-own",
        now + Duration::minutes(1),
    )
    .await
    .expect("used");
    assert_eq!(
        s.unconfirmed_origin(account.id).await.expect("origin"),
        None
    );
    s.change_roles(
        other.id,
        account.id,
        fac,
        f.coordinator.id,
        RoleChangeVia::Members,
        now + Duration::minutes(2),
    )
    .await
    .expect("another organisation gives roles");
    assert_eq!(s.roles(other.id, account.id).await.expect("roles"), fac);

    // A password reset confirms as well, and an account that never needed it stays confirmed.
    s.issue_token(
        &token(f.orderer.id, 8, TokenPurpose::PasswordReset, now),
        now,
        &[],
    )
    .await
    .expect("issued");
    s.use_token(&hash(8), TokenPurpose::PasswordReset, "hash-o", now)
        .await
        .expect("used");
    assert_eq!(
        s.unconfirmed_origin(f.orderer.id).await.expect("origin"),
        None
    );
}

/// An invitation written with its mail makes a confirmed account, and the organisation's list
/// can tell where its mail is.
pub async fn a_mailed_invitation_makes_a_confirmed_account_and_tells_its_mail(
    store: Arc<dyn Store>,
) {
    let f = fixture(store).await;
    let s = &f.store;
    let now = datetime!(2027-03-01 10:00 UTC);
    let fac = RoleSet::empty().with(Role::Facilitator);
    let mailed = hash(10);
    s.create_invitation(
        &invitation(&f, &mailed, "postissa@vantaa.fi", fac, now),
        &[mail_to(
            "postissa@vantaa.fi",
            MailKind::Invitation,
            None,
            Some(invitation_mail_key(&mailed)),
        )],
    )
    .await
    .expect("invite");
    s.create_invitation(
        &invitation(&f, "hash-shown", "naytetty@vantaa.fi", fac, now),
        &[],
    )
    .await
    .expect("invite");
    let state = |m: Option<InvitationMail>| -> HashMap<String, InvitationMail> {
        m.map(|m| (mailed.clone(), m)).into_iter().collect()
    };
    assert_eq!(
        s.invitation_mail(f.org.id).await.expect("read"),
        state(Some(InvitationMail::Waiting)),
        "only the mailed invitation has mail"
    );
    let claimed = s
        .claim_mail(now, now + Duration::minutes(5), 10)
        .await
        .expect("claimed");
    assert_eq!(claimed.len(), 1);
    assert_eq!(claimed[0].kind, MailKind::Invitation);
    s.mail_failed(claimed[0].id, "451 try later", now)
        .await
        .expect("failed");
    assert_eq!(
        s.invitation_mail(f.org.id).await.expect("read"),
        state(Some(InvitationMail::Failing))
    );
    let claimed = s
        .claim_mail(now, now + Duration::minutes(5), 10)
        .await
        .expect("claimed");
    s.mail_sent(claimed[0].id, now).await.expect("sent");
    assert_eq!(
        s.invitation_mail(f.org.id).await.expect("read"),
        state(Some(InvitationMail::Sent))
    );
    let other = s.create_org("Espoon kaupunki", NOW).await.expect("org");
    assert!(s.invitation_mail(other.id).await.expect("read").is_empty());

    let link = crate::ConfirmLink {
        token_hash: hash(11),
        expires_at: now + Duration::days(7),
        mail: mail_to(
            "postissa@vantaa.fi",
            MailKind::AddressConfirmation,
            None,
            None,
        ),
    };
    let account = s
        .accept_invitation_confirming(
            &mailed,
            Acceptor::New(new_user("postissa@vantaa.fi", "Postissa")),
            Some(link),
            now,
        )
        .await
        .expect("accept");
    assert_eq!(
        s.unconfirmed_origin(account.id).await.expect("origin"),
        None,
        "only the mailbox's reader had the link"
    );
    assert_eq!(
        s.account_token(&hash(11)).await.expect("read"),
        None,
        "a confirmed address needs no link"
    );
    assert!(
        s.claim_mail(now, now + Duration::minutes(5), 10)
            .await
            .expect("claimed")
            .is_empty(),
        "nor its mail"
    );
    s.change_roles(
        other.id,
        account.id,
        fac,
        f.coordinator.id,
        RoleChangeVia::Members,
        now,
    )
    .await
    .expect("another organisation gives roles");
    let shown = s
        .accept_invitation(
            "hash-shown",
            Acceptor::New(new_user("naytetty@vantaa.fi", "Näytetty")),
            now,
        )
        .await
        .expect("accept");
    assert_eq!(
        s.unconfirmed_origin(shown.id).await.expect("origin"),
        Some(f.org.id),
        "a link an admin saw leaves the address unconfirmed"
    );
}
