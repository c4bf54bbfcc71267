//! Partner agreements over HTTP: an admin proposes, the other side's admin accepts, either
//! ends it after a confirmation, both audit logs tell it; a management team's order that
//! needs an outsider gets the partner's facilitator proposed and assigned, who then leads it
//! from their own account, and the lending side sees the assignment, not the dialogue.

use crate::helpers::{Browser, PASSWORD, TestApp, email, location, order_fields, spawn};
use reqwest::StatusCode;
use std::collections::BTreeSet;
use time::OffsetDateTime;
use vuoro_core::lang::ParticipantLang;
use vuoro_core::network::Profile;
use vuoro_core::partner::Scope;
use vuoro_core::{OrgId, PartnershipId, Role, RoleSet, UserId};
use vuoro_store::{NewPartnership, NewUser};

/// A person of `org` with these roles, who logs in as `who`.
pub async fn person(app: &TestApp, who: &str, org: OrgId, roles: &[Role]) -> UserId {
    let u = app
        .store
        .create_user(
            NewUser {
                email: email(who),
                name: format!("Testi {who}"),
                password_hash: vuoro_web::auth::hash_password(PASSWORD).expect("hash"),
                site_admin: false,
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("user");
    app.store
        .set_roles(org, u.id, roles.iter().copied().collect::<RoleSet>())
        .await
        .expect("roles");
    u.id
}

/// An agreement of the city's with `partner`, proposed by the city's admin and accepted by
/// `by` of the partner.
pub async fn in_force(app: &TestApp, partner: OrgId, scope: Scope, by: UserId) -> PartnershipId {
    let now = OffsetDateTime::now_utc();
    let p = app
        .store
        .propose_partnership(&NewPartnership {
            proposer: app.org,
            partner,
            scope,
            by: app.user_id("admin").await,
            at: now,
        })
        .await
        .expect("proposed");
    app.store
        .accept_partnership(p.id, by, now)
        .await
        .expect("accepted");
    p.id
}

/// How the assign list and the joint assignment name the county's facilitator.
const LENT: &str = "Testi county-fac (Hyvinvointialue)";

/// The coordinator assigns with the process page's form; the answer's status.
async fn assign(coordinator: &Browser, p: &str, who: UserId) -> StatusCode {
    coordinator
        .post_form(&format!("{p}/assign"), &[("facilitator", &who.to_string())])
        .await
        .status()
}

async fn profile(app: &TestApp, org: OrgId, who: UserId) {
    let p = Profile {
        unit: None,
        languages: BTreeSet::from([ParticipantLang::Fi, ParticipantLang::Sv]),
        methods: BTreeSet::new(),
        takes_outsider: true,
        capacity_minutes: 10 * 60,
    };
    app.store
        .save_profile(org, who, &p, OffsetDateTime::now_utc())
        .await
        .expect("profile");
}

#[tokio::test]
async fn admins_propose_accept_and_end_an_agreement_and_both_logs_say_so() {
    let app = spawn().await;
    let now = OffsetDateTime::now_utc();
    let county = app
        .store
        .create_org("Hyvinvointialue", now)
        .await
        .expect("org");
    person(&app, "county-admin", county.id, &[Role::Admin]).await;
    let city_admin = app.login("admin").await;
    let county_admin = app.login("county-admin").await;
    let ours = format!("/orgs/{}/partners", app.org);
    let theirs = format!("/orgs/{}/partners", county.id);

    // The organisation page leads here; the other organisation is one to choose.
    let (_, html) = city_admin.text(&format!("/orgs/{}", app.org)).await;
    assert!(html.contains(&format!("href=\"{ours}\"")), "{html}");
    let (s, html) = city_admin.text(&ours).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Voimassa olevia sopimuksia ei ole."));
    assert!(
        html.contains(&format!("<option value=\"{}\"", county.id)),
        "{html}"
    );

    // A proposal needs both fields; a refused one keeps what was chosen.
    let r = city_admin
        .post_form(&ours, &[("partner", &county.id.to_string())])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert!(html.contains("Lomakkeessa on virheitä"), "{html}");
    assert!(
        html.contains(&format!("<option value=\"{}\" selected", county.id)),
        "{html}"
    );
    let proposal = [
        ("partner", county.id.to_string()),
        ("scope", "outsider".to_owned()),
    ];
    let fields: Vec<(&str, &str)> = proposal.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = city_admin.post_form(&ours, &fields).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = city_admin.text(&ours).await;
    assert!(html.contains("Ehdotukset, jotka odottavat vastausta"));
    assert!(html.contains("Peru ehdotus: Hyvinvointialue"), "{html}");
    // Not twice: the page says why.
    let r = city_admin.post_form(&ours, &fields).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Tämän organisaation kanssa on jo sopimus tai ehdotus.")
    );

    // The other side accepts; the proposer cannot.
    let id = app.store.partnerships(&[county.id]).await.expect("listed")[0].id;
    let answer = |b: &'static str, fields: &'static [(&'static str, &'static str)]| {
        let (app, ours, theirs) = (&app, ours.clone(), theirs.clone());
        async move {
            let (who, path) = if b == "admin" { (b, ours) } else { (b, theirs) };
            app.login(who)
                .await
                .post_form(&format!("{path}/{id}"), fields)
                .await
        }
    };
    let r = answer("admin", &[("do", "accept")]).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let (_, html) = county_admin.text(&theirs).await;
    assert!(
        html.contains("Hyväksy kumppanuus: Testilän kunta"),
        "{html}"
    );
    let r = answer("county-admin", &[("do", "accept")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = city_admin.text(&ours).await;
    assert!(html.contains("Voimassa olevat sopimukset"));
    assert!(
        html.contains(
            "Hyvinvointialue · Vain ulkopuolista fasilitaattoria tarvitsevat tilaukset · voimassa"
        ),
        "{html}"
    );

    // Ending asks first; the answer "do not end" keeps it.
    let r = answer("county-admin", &[("do", "end")]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.expect("body");
    assert!(
        html.contains("Päätetäänkö sopimus organisaation Testilän kunta kanssa?"),
        "{html}"
    );
    assert_eq!(
        app.store.partnership(id).await.expect("read").status(),
        vuoro_core::partner::Status::Active
    );
    let r = answer("county-admin", &[("do", "end"), ("confirm", "yes")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), theirs);
    let (_, html) = city_admin.text(&ours).await;
    assert!(html.contains("Päättyneet"), "{html}");

    // Withdrawing a proposal asks in its own words.
    let far = app
        .store
        .create_org("Naapurikunta", now)
        .await
        .expect("org");
    let r = city_admin
        .post_form(&ours, &[("partner", &far.id.to_string()), ("scope", "all")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let next = app.store.partnerships(&[far.id]).await.expect("listed")[0].id;
    let r = city_admin
        .post_form(&format!("{ours}/{next}"), &[("do", "end")])
        .await;
    let html = r.text().await.expect("body");
    assert!(
        html.contains("Perutaanko ehdotus organisaatiolle Naapurikunta?"),
        "{html}"
    );

    // Both logs tell it, naming the other side.
    for (b, org, other) in [
        (&city_admin, app.org, "Hyvinvointialue"),
        (&county_admin, county.id, "Testilän kunta"),
    ] {
        let (_, html) = b.text(&format!("/orgs/{org}/audit")).await;
        for said in [
            "Kumppanuutta ehdotettiin",
            "Kumppanuus hyväksyttiin",
            "Kumppanuus päättyi",
        ] {
            assert!(html.contains(said), "{said} in {html}");
        }
        assert!(
            html.contains(&format!("{other}: Vain ulkopuolista")),
            "{html}"
        );
    }
    // Nobody else manages it.
    let coordinator = app.login("coordinator").await;
    assert_eq!(coordinator.get(&ours).await.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_management_team_gets_the_partners_facilitator_who_leads_it() {
    let app = spawn().await;
    let now = OffsetDateTime::now_utc();
    let county = app
        .store
        .create_org("Hyvinvointialue", now)
        .await
        .expect("org");
    let lent = person(&app, "county-fac", county.id, &[Role::Facilitator]).await;
    person(&app, "county-coord", county.id, &[Role::Coordinator]).await;
    let far = app.store.create_org("Kaukainen", now).await.expect("org");
    let stranger = person(&app, "far-fac", far.id, &[Role::Facilitator]).await;
    profile(&app, county.id, lent).await;
    profile(&app, far.id, stranger).await;
    let own = app.user_id("facilitator").await;
    profile(&app, app.org, own).await;
    let agreement = in_force(&app, county.id, Scope::Outsider, lent).await;

    // The management team's order says it needs an outsider; the process page says so too.
    let orderer = app.login("orderer").await;
    let mut fields = order_fields("Johtoryhmä", "advise");
    fields.push(("needs_outsider", "yes"));
    let r = orderer
        .post_form(&format!("/orgs/{}/orders/new", app.org), &fields)
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let team = location(&r);
    let (_, html) = orderer.text(&team).await;
    assert!(
        html.contains("Yhteisö tarvitsee oman organisaation ulkopuolisen fasilitaattorin"),
        "{html}"
    );

    // The partner's facilitator is proposed, named as the partner's; the city's own is not,
    // and the far organisation's is not even listed.
    let coordinator = app.login("coordinator").await;
    let (_, html) = coordinator.text(&format!("{team}/proposals")).await;
    let proposed = html
        .find("Testi county-fac<")
        .expect("the partner's proposed");
    let not = html.find("Testi facilitator<").expect("the own listed");
    assert!(proposed < not, "{html}");
    assert!(html.contains("Kumppanilta Hyvinvointialue"), "{html}");
    assert!(html.contains("Tilaajan omasta organisaatiosta, vaikka tarvitaan ulkopuolinen"));
    assert!(!html.contains("Testi far-fac"), "{html}");

    // An ordinary order gets no partner's facilitator: the agreement is for outsiders only.
    let plain = crate::helpers::order(&app, &orderer, "Kirjasto", "advise").await;
    let (_, html) = coordinator.text(&plain).await;
    assert!(!html.contains(LENT), "{html}");
    assert_eq!(
        assign(&coordinator, &plain, lent).await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        assign(&coordinator, &team, stranger).await,
        StatusCode::BAD_REQUEST
    );

    // The joint assignment of the queue pairs the team with them, named with their
    // organisation.
    let (_, html) = coordinator
        .text(&format!("/orgs/{}/processes/batch", app.org))
        .await;
    assert!(html.contains(LENT), "{html}");

    // The team's order lists them with their organisation, and one click offers it.
    let (_, html) = coordinator.text(&team).await;
    assert!(html.contains(LENT), "{html}");
    assert_eq!(
        assign(&coordinator, &team, lent).await,
        StatusCode::SEE_OTHER
    );

    // They see it on their front page, open it and accept it; a stranger does not see it.
    let fac = app.login("county-fac").await;
    let (_, home) = fac.text("/").await;
    assert!(home.contains("Johtoryhmä"), "{home}");
    let (s, _) = fac.text(&team).await;
    assert_eq!(s, StatusCode::OK);
    let r = fac
        .post_form(&format!("{team}/offer"), &[("answer", "accept")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.login("far-fac").await.get(&team).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(fac.get(&plain).await.status(), StatusCode::NOT_FOUND);

    // The lending side sees who leads for whom, not what the dialogue is about.
    let county_coord = app.login("county-coord").await;
    let (_, html) = county_coord
        .text(&format!("/orgs/{}/network", county.id))
        .await;
    assert!(html.contains("Kumppaneiden prosessit"), "{html}");
    assert!(html.contains("Testilän kunta"), "{html}");
    assert!(!html.contains("Johtoryhmä"), "{html}");

    // Ending the agreement stops new proposals; the team's dialogue stays with its facilitator.
    app.store
        .end_partnership(agreement, lent, now)
        .await
        .expect("ended");
    let fac = app.login("county-fac").await;
    assert_eq!(fac.get(&team).await.status(), StatusCode::OK);
    // The process page still shows them chosen in its assign list.
    let (_, html) = coordinator.text(&team).await;
    assert!(
        html.contains(&format!(
            "<option value=\"{lent}\" selected>Testi county-fac</option>"
        )),
        "{html}"
    );
    let mut fields = order_fields("Hallitus", "advise");
    fields.push(("needs_outsider", "yes"));
    let r = orderer
        .post_form(&format!("/orgs/{}/orders/new", app.org), &fields)
        .await;
    let board = location(&r);
    let (_, html) = coordinator.text(&format!("{board}/proposals")).await;
    assert!(!html.contains("Testi county-fac"), "{html}");
}

/// Someone in both organisations leads the city's processes as the city's facilitator: when
/// the city takes that role away (leaving them an orderer there), the agreement with the
/// county, where they also facilitate, does not keep the process theirs.
#[tokio::test]
async fn a_member_whose_facilitator_role_went_does_not_keep_leading_through_a_partner() {
    let app = spawn().await;
    let now = OffsetDateTime::now_utc();
    let county = app
        .store
        .create_org("Hyvinvointialue", now)
        .await
        .expect("org");
    let both = person(&app, "both", app.org, &[Role::Facilitator]).await;
    app.store
        .set_roles(county.id, both, RoleSet::empty().with(Role::Facilitator))
        .await
        .expect("roles");
    in_force(&app, county.id, Scope::All, both).await;
    let orderer = app.login("orderer").await;
    let p = crate::helpers::order(&app, &orderer, "Kirjasto", "advise").await;
    let coordinator = app.login("coordinator").await;
    assert_eq!(assign(&coordinator, &p, both).await, StatusCode::SEE_OTHER);
    assert_eq!(
        app.login("both").await.get(&p).await.status(),
        StatusCode::OK
    );

    app.store
        .set_roles(app.org, both, RoleSet::empty().with(Role::Orderer))
        .await
        .expect("roles");
    let status = app.login("both").await.get(&p).await.status();
    assert_eq!(status, StatusCode::NOT_FOUND);
}
