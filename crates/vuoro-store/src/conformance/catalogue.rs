//! The catalogue: activities, imports, completion requests and plans.

use super::*;
use crate::{OrgPlan, PlanArea, ProcessPlanArea};
use vuoro_core::{OrgPlanId, PlanAreaId};

pub async fn activities_are_added_read_changed_and_deleted(store: Arc<dyn Store>) {
    use crate::{ActivityRecord, ActivitySource};
    let f = fixture(store).await;
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
    let other = f.store.create_org("Muu kunta", NOW).await.expect("org");
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

pub async fn an_import_finds_or_creates_organisations_and_counts_each_line_once(
    store: Arc<dyn Store>,
) {
    use crate::{ActivitySource, ImportedListing, ImportedOrg};
    let f = fixture(store).await;
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

pub async fn completion_requests_are_listed_newest_first_and_resolved_once(store: Arc<dyn Store>) {
    use crate::CompletionRequest;
    use vuoro_core::catalogue::Missing;
    let f = fixture(store).await;
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

pub async fn plans_list_their_areas_and_link_only_their_organisations_processes(
    store: Arc<dyn Store>,
) {
    let f = fixture(store).await;
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
    let other = f.store.create_org("Muu kunta", NOW).await.expect("org");
    let foreign = f
        .store
        .create_process(
            NewProcess {
                org: other.id,
                orderer: f.orderer.id,
                order: order("Muu tiimi", None),
                plan: Plan::default(),
                community: None,
            },
            NOW,
        )
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

pub async fn a_processs_plan_areas_are_read_in_one_go_with_its_links(store: Arc<dyn Store>) {
    let s: &dyn Store = &*store;
    let org = s.create_org("Vantaan kaupunki", NOW).await.expect("org").id;
    let neighbour = s.create_org("Keravan kaupunki", NOW).await.expect("org").id;
    let kalle = account(s, "koordinaattori@vantaa.fi", "Kalle Koordinaattori").await;
    let id = ordered(s, org, kalle.id, "Kotihoidon tiimi", NOW).await;
    let other = ordered(s, org, kalle.id, "Toinen tiimi", NOW).await;
    // Plans come by name whatever the case, areas in their own order.
    let welfare = org_plan_of(
        org,
        "hyvinvointisuunnitelma",
        &["Liikkuminen", "Yksinäisyys"],
    );
    let open_gov = org_plan_of(
        org,
        "Avoimen hallinnon suunnitelma",
        &["Selkeä kieli", "Osallisuus"],
    );
    let empty = org_plan_of(org, "Budjetti", &[]);
    let theirs = org_plan_of(neighbour, "Keravan strategia", &["Asukkaat"]);
    for p in [&welfare, &open_gov, &empty, &theirs] {
        s.create_org_plan(p).await.expect("plan");
    }
    let at = datetime!(2027-03-01 10:00 UTC);
    s.link_process(welfare.areas[1].id, id, kalle.id, at)
        .await
        .expect("link");
    s.link_process(open_gov.areas[0].id, id, kalle.id, at)
        .await
        .expect("link");
    s.link_process(open_gov.areas[1].id, other, kalle.id, at)
        .await
        .expect("link");

    let row = |p: &OrgPlan, i: usize, linked: bool| ProcessPlanArea {
        plan: p.id,
        plan_name: p.name.clone(),
        area: p.areas[i].id,
        area_name: p.areas[i].name.clone(),
        linked,
    };
    let read = s.process_plan_areas(id).await.expect("areas");
    assert_eq!(
        read,
        [
            row(&open_gov, 0, true),
            row(&open_gov, 1, false),
            row(&welfare, 0, false),
            row(&welfare, 1, true),
        ]
    );
    // The same as reading every plan with its areas and looking for the process.
    let through_plans: Vec<ProcessPlanArea> = s
        .org_plans(org)
        .await
        .expect("plans")
        .iter()
        .flat_map(|p| {
            p.areas.iter().map(|a| ProcessPlanArea {
                plan: p.id,
                plan_name: p.name.clone(),
                area: a.id,
                area_name: a.name.clone(),
                linked: a.processes.contains(&id),
            })
        })
        .collect();
    assert_eq!(read, through_plans);
    assert!(
        s.process_plan_areas(ProcessId::new())
            .await
            .expect("unknown")
            .is_empty()
    );
}

pub async fn an_organisations_plans_keep_their_order_areas_and_links(store: Arc<dyn Store>) {
    let s: &dyn Store = &*store;
    let org = s.create_org("Vantaan kaupunki", NOW).await.expect("org").id;
    let neighbour = s.create_org("Keravan kaupunki", NOW).await.expect("org").id;
    let kalle = account(s, "koordinaattori@vantaa.fi", "Kalle Koordinaattori").await;
    let first = ordered(s, org, kalle.id, "Ensimmäinen", NOW).await;
    let second = ordered(s, org, kalle.id, "Toinen", NOW).await;
    let mut welfare = org_plan_of(
        org,
        "hyvinvointisuunnitelma",
        &["Liikkuminen", "Yksinäisyys"],
    );
    let mut open_gov = org_plan_of(
        org,
        "Avoimen hallinnon suunnitelma",
        &["Selkeä kieli", "Osallisuus"],
    );
    let empty = org_plan_of(org, "Budjetti", &[]);
    let theirs = org_plan_of(neighbour, "Keravan strategia", &["Asukkaat"]);
    for p in [&welfare, &open_gov, &empty, &theirs] {
        s.create_org_plan(p).await.expect("plan");
    }
    // Links read oldest first, whichever was made first in the table.
    let at = datetime!(2027-03-01 10:00 UTC);
    s.link_process(
        welfare.areas[0].id,
        second,
        kalle.id,
        at + Duration::hours(1),
    )
    .await
    .expect("link");
    s.link_process(welfare.areas[0].id, first, kalle.id, at)
        .await
        .expect("link");
    s.link_process(open_gov.areas[1].id, second, kalle.id, at)
        .await
        .expect("link");
    welfare.areas[0].processes = vec![first, second];
    open_gov.areas[1].processes = vec![second];

    let read = s.org_plans(org).await.expect("plans");
    assert_eq!(read, [open_gov.clone(), empty.clone(), welfare.clone()]);
    for p in &read {
        assert_eq!(&s.org_plan(p.id).await.expect("plan"), p);
    }
    assert_eq!(s.org_plans(neighbour).await.expect("plans"), [theirs]);
}

/// A plan of `org` with areas of these names, in this order.
fn org_plan_of(org: OrgId, name: &str, areas: &[&str]) -> OrgPlan {
    OrgPlan {
        id: OrgPlanId::new(),
        org,
        name: name.into(),
        description: String::new(),
        areas: areas
            .iter()
            .map(|a| PlanArea {
                id: PlanAreaId::new(),
                name: (*a).into(),
                processes: Vec::new(),
            })
            .collect(),
        created_at: datetime!(2027-01-01 09:00 UTC),
    }
}
