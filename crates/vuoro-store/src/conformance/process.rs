//! Processes: the order, plan versions, approvals, state changes and the event log.

use super::*;

pub async fn processes_are_created_read_and_filtered_by_every_field(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;

    let plan = plan_with("eratauko", &[date!(2027 - 02 - 10), date!(2027 - 02 - 03)]);
    let created = s
        .create_process(
            NewProcess {
                org: f.org.id,
                orderer: f.orderer.id,
                order: order("Kotihoidon tiimi 3", Some(f.unit.id)),
                plan: plan.clone(),
                community: None,
            },
            NOW,
        )
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

    // Four more processes, each differing in one filtered field, ordered a minute apart.
    let p_a = created.id;
    let p_b = create_process_at(
        &f,
        "Koulun opettajat",
        None,
        plan_with("learning-cafe", &[date!(2027 - 03 - 15)]),
        NOW + Duration::minutes(1),
    )
    .await;
    let p_c = create_process_at(
        &f,
        "Nuorisotila",
        None,
        Plan::default(),
        NOW + Duration::minutes(2),
    )
    .await;
    let p_d = create_process_at(
        &f,
        "Kirjasto",
        Some(f.unit.id),
        plan_with("eratauko", &[date!(2027 - 05 - 01)]),
        NOW + Duration::minutes(3),
    )
    .await;
    s.assign_facilitator(
        p_b,
        f.facilitator.id,
        f.coordinator.id,
        vuoro_core::offer::OfferStatus::Accepted,
        NOW,
        &[],
    )
    .await
    .expect("assign");
    s.assign_facilitator(
        p_d,
        f.facilitator.id,
        f.coordinator.id,
        vuoro_core::offer::OfferStatus::Accepted,
        NOW,
        &[],
    )
    .await
    .expect("assign");
    s.set_state(
        p_d,
        ProcessState::Ordered,
        ProcessState::Agreed,
        f.facilitator.id,
        NOW,
    )
    .await
    .expect("agree");

    let other_org = s.create_org("Kerava", NOW).await.expect("org");
    let other_orderer = s
        .create_user(new_user("kerava@kerava.fi", "Kerava"), NOW)
        .await
        .expect("user");
    let p_e = s
        .create_process(
            NewProcess {
                org: other_org.id,
                orderer: other_orderer.id,
                order: order("Keravan tiimi", None),
                plan: plan_with("eratauko", &[date!(2027 - 02 - 05)]),
                community: None,
            },
            NOW + Duration::minutes(4),
        )
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
        .create_process(
            NewProcess {
                org: f.org.id,
                orderer: f.orderer.id,
                order: order("X", Some(UnitId::new())),
                plan: Plan::default(),
                community: None,
            },
            NOW,
        )
        .await;
    assert!(
        matches!(unknown_unit, Err(StoreError::NotFound)),
        "{unknown_unit:?}"
    );
}

pub async fn a_unit_of_another_organisation_is_refused(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let other = f.store.create_org("Kerava", NOW).await.expect("org");
    let foreign = f
        .store
        .create_unit(other.id, "Keravan yksikkö")
        .await
        .expect("unit");
    let r = f
        .store
        .create_process(
            NewProcess {
                org: f.org.id,
                orderer: f.orderer.id,
                order: order("X", Some(foreign.id)),
                plan: Plan::default(),
                community: None,
            },
            NOW,
        )
        .await;
    assert!(r.is_err(), "{r:?}");
    assert_eq!(ids(&f.store, ProcessFilter::default()).await, vec![]);
}

pub async fn plans_are_versioned_and_stale_saves_conflict(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let before = s.process(id).await.expect("get");
    assert_eq!((before.method_id, before.first_session), (None, None));

    let v2_plan = plan_with(
        "learning-cafe",
        &[date!(2027 - 04 - 20), date!(2027 - 04 - 01)],
    );
    assert_eq!(
        s.save_plan(id, 1, &v2_plan, f.facilitator.id, NOW, &[])
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
    let stale = s
        .save_plan(id, 1, &Plan::default(), f.orderer.id, NOW, &[])
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
    let ahead = s
        .save_plan(id, 5, &Plan::default(), f.orderer.id, NOW, &[])
        .await;
    assert!(matches!(ahead, Err(StoreError::Conflict(_))), "{ahead:?}");
    let missing = s
        .save_plan(
            ProcessId::new(),
            1,
            &Plan::default(),
            f.orderer.id,
            NOW,
            &[],
        )
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");

    // Removing every session and the method clears the copied columns again.
    assert_eq!(
        s.save_plan(id, 2, &Plan::default(), f.orderer.id, NOW, &[])
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

pub async fn only_one_of_two_concurrent_saves_wins(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let (a, b) = (f.store.clone(), f.store.clone());
    let plan_a = plan_with("eratauko", &[date!(2027 - 02 - 01)]);
    let plan_b = plan_with("open-space", &[date!(2027 - 03 - 01)]);
    let (fa, fb) = (f.orderer.id, f.facilitator.id);
    let ta = tokio::spawn(async move { a.save_plan(id, 1, &plan_a, fa, NOW, &[]).await });
    let tb = tokio::spawn(async move { b.save_plan(id, 1, &plan_b, fb, NOW, &[]).await });
    let results = [ta.await.expect("task"), tb.await.expect("task")];
    let wins = results.iter().filter(|r| matches!(r, Ok(2))).count();
    let conflicts = results
        .iter()
        .filter(|r| matches!(r, Err(StoreError::Conflict(_))))
        .count();
    assert_eq!((wins, conflicts), (1, 1), "{results:?}");
    assert_eq!(f.store.plan_versions(id).await.expect("versions").len(), 2);
}

pub async fn approvals_hold_for_one_version(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(
        &f,
        "Tiimi",
        None,
        plan_with("eratauko", &[date!(2027 - 02 - 01)]),
    )
    .await;
    s.approve(id, 1, ApprovalSide::Orderer, f.orderer.id, NOW)
        .await
        .expect("approve");
    // Approvals list in the order given: the facilitator's came later.
    s.approve(
        id,
        1,
        ApprovalSide::Facilitator,
        f.facilitator.id,
        NOW + Duration::minutes(1),
    )
    .await
    .expect("approve");
    // Approving the same side again changes nothing, not even the approver.
    s.approve(
        id,
        1,
        ApprovalSide::Orderer,
        f.coordinator.id,
        NOW + Duration::minutes(2),
    )
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
    // A new facilitator's approval replaces the one of who facilitated before.
    s.approve(
        id,
        1,
        ApprovalSide::Facilitator,
        f.coordinator.id,
        NOW + Duration::minutes(3),
    )
    .await
    .expect("a new facilitator approves");
    let approvals = s.approvals(id, 1).await.expect("approvals");
    assert!(
        approvals
            .iter()
            .any(|a| a.side == ApprovalSide::Facilitator && a.user == f.coordinator.id),
        "{approvals:?}"
    );
    assert_eq!(approvals.len(), 2);

    // A new version needs new approvals, and the old version can no longer be approved.
    s.save_plan(
        id,
        1,
        &plan_with("eratauko", &[date!(2027 - 02 - 08)]),
        f.facilitator.id,
        NOW,
        &[],
    )
    .await
    .expect("save");
    assert!(s.approvals(id, 2).await.expect("approvals").is_empty());
    let stale = s
        .approve(id, 1, ApprovalSide::Facilitator, f.facilitator.id, NOW)
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
    assert_eq!(
        s.approvals(id, 1).await.expect("old approvals kept").len(),
        2
    );
    s.approve(id, 2, ApprovalSide::Orderer, f.orderer.id, NOW)
        .await
        .expect("approve v2");
    assert_eq!(s.approvals(id, 2).await.expect("approvals").len(), 1);
    let missing = s
        .approve(
            ProcessId::new(),
            1,
            ApprovalSide::Orderer,
            f.orderer.id,
            NOW,
        )
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");

    let approved_events = s
        .events(id)
        .await
        .expect("events")
        .into_iter()
        .filter(|e| matches!(e.kind, EventKind::Approved { .. }))
        .count();
    // Three first approvals and the new facilitator's; the repeated one is not logged.
    assert_eq!(approved_events, 4, "the repeated approval is not logged");
}

pub async fn state_changes_are_conditional(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    s.set_state(
        id,
        ProcessState::Ordered,
        ProcessState::Agreed,
        f.facilitator.id,
        NOW,
    )
    .await
    .expect("agree");
    let stale = s
        .set_state(
            id,
            ProcessState::Ordered,
            ProcessState::Cancelled,
            f.orderer.id,
            NOW,
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
        NOW,
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
            NOW,
        )
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    let nobody = s
        .assign_facilitator(
            ProcessId::new(),
            f.facilitator.id,
            f.coordinator.id,
            vuoro_core::offer::OfferStatus::Accepted,
            NOW,
            &[],
        )
        .await;
    assert!(matches!(nobody, Err(StoreError::NotFound)), "{nobody:?}");
}

pub async fn the_event_log_records_every_change_in_order(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = &f.store;
    let id = create_process(&f, "Tiimi", None, Plan::default()).await;
    let other = create_process(&f, "Toinen", None, Plan::default()).await;
    s.assign_facilitator(
        id,
        f.facilitator.id,
        f.coordinator.id,
        vuoro_core::offer::OfferStatus::Accepted,
        NOW,
        &[],
    )
    .await
    .expect("assign");
    s.save_plan(
        id,
        1,
        &plan_with("eratauko", &[date!(2027 - 02 - 01)]),
        f.facilitator.id,
        NOW,
        &[],
    )
    .await
    .expect("save");
    s.approve(id, 2, ApprovalSide::Facilitator, f.facilitator.id, NOW)
        .await
        .expect("approve");
    s.approve(id, 2, ApprovalSide::Orderer, f.orderer.id, NOW)
        .await
        .expect("approve");
    s.set_state(
        id,
        ProcessState::Ordered,
        ProcessState::Agreed,
        f.facilitator.id,
        NOW,
    )
    .await
    .expect("agree");
    s.set_state(
        other,
        ProcessState::Ordered,
        ProcessState::Cancelled,
        f.orderer.id,
        NOW,
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

/// A cancellation keeps its reason in the history, a reopening returns the process, and an
/// answer to "advise me" is an event of its own; an old event without a reason still reads.
pub async fn a_cancellation_keeps_its_reason_and_advice_is_recorded(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let id = create_process(&f, "Peruttava tiimi", None, Plan::default()).await;
    f.store
        .give_advice(
            id,
            f.coordinator.id,
            Some("eratauko"),
            "Erätauko sopii kuuden hengen tiimille.",
            NOW,
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
            NOW,
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
            NOW,
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
            NOW,
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
        .give_advice(
            ProcessId::new(),
            f.coordinator.id,
            None,
            "Ei prosessia",
            NOW,
        )
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
}

pub async fn every_organisations_processes_come_in_one_list_as_each_lists_its_own(
    store: Arc<dyn Store>,
) {
    let s: &dyn Store = &*store;
    let kalle = account(s, "koordinaattori@vantaa.fi", "Kalle Koordinaattori").await;
    // Ordered a minute apart, organisations interleaved in time, so the order compared is the
    // list's own and not the order of the rows in the table.
    let mut orgs = Vec::new();
    for name in ["Vantaa", "Kerava", "Tuusula"] {
        orgs.push(s.create_org(name, NOW).await.expect("org").id);
    }
    let mut minute = 0;
    for n in 0..3 {
        for (i, org) in orgs.iter().enumerate().skip(n) {
            minute += 1;
            let at = NOW + Duration::minutes(minute);
            ordered(s, *org, kalle.id, &format!("{i} {n}"), at).await;
        }
    }

    // The listing and the open data API read every process once and group them here.
    let all = s
        .processes(&ProcessFilter::default())
        .await
        .expect("every process");
    assert_eq!(all.len(), 6);
    for org in orgs {
        let own = s
            .processes(&ProcessFilter {
                org: Some(org),
                ..ProcessFilter::default()
            })
            .await
            .expect("one organisation's");
        let grouped: Vec<_> = all.iter().filter(|p| p.org == org).cloned().collect();
        assert_eq!(grouped, own, "the same processes in the same order");
    }
}

pub async fn the_current_plans_of_many_processes_are_read_in_one_go(store: Arc<dyn Store>) {
    let s: &dyn Store = &*store;
    let org = s.create_org("Vantaan kaupunki", NOW).await.expect("org").id;
    let fanni = account(s, "fasilitaattori@vantaa.fi", "Fanni Fasilitaattori").await;
    let first = ordered(s, org, fanni.id, "Ensimmäinen", NOW).await;
    let second = ordered(s, org, fanni.id, "Toinen", NOW).await;
    let changed = Plan {
        invited: "Koko tiimi".into(),
        ..Plan::default()
    };
    assert_eq!(
        s.save_plan(first, 1, &changed, fanni.id, NOW, &[])
            .await
            .expect("saved"),
        2
    );

    let read = s
        .current_plans(&[first, second, ProcessId::new()])
        .await
        .expect("plans");
    assert_eq!(read.len(), 2, "an unknown process is left out");
    for id in [first, second] {
        let p = s.process(id).await.expect("process");
        assert_eq!(
            read[&id],
            s.plan(id, p.plan_version).await.expect("plan"),
            "the version the process is on"
        );
    }
    assert_eq!(read[&first].version, 2);
    assert_eq!(read[&first].plan.invited, "Koko tiimi");
    assert!(s.current_plans(&[]).await.expect("none").is_empty());
}

pub async fn many_processes_histories_are_read_in_one_go(store: Arc<dyn Store>) {
    let s: &dyn Store = &*store;
    let org = s.create_org("Vantaan kaupunki", NOW).await.expect("org").id;
    let eeva = account(s, "esimies@vantaa.fi", "Eeva Esimies").await;
    let kalle = account(s, "koordinaattori@vantaa.fi", "Kalle Koordinaattori").await;
    let advised = ordered(s, org, eeva.id, "Neuvottu", NOW).await;
    let waiting = ordered(s, org, eeva.id, "Odottaa", NOW).await;
    let unasked = ordered(s, org, eeva.id, "Ei kysytty", NOW).await;
    s.give_advice(
        advised,
        kalle.id,
        Some("eratauko"),
        "Erätauko sopii tähän.",
        NOW,
    )
    .await
    .expect("advice");
    s.assign_facilitator(
        unasked,
        kalle.id,
        kalle.id,
        vuoro_core::offer::OfferStatus::Accepted,
        NOW,
        &[],
    )
    .await
    .expect("assigned");

    let read = s
        .events_of(&[advised, waiting, ProcessId::new()])
        .await
        .expect("events");
    assert_eq!(
        read.len(),
        2,
        "only the processes asked for that have events"
    );
    for id in [advised, waiting] {
        assert_eq!(
            read[&id],
            s.events(id).await.expect("one log"),
            "each log as events() gives it, oldest first"
        );
    }
    assert_eq!(read[&advised].len(), 2);
    assert!(s.events_of(&[]).await.expect("none").is_empty());
}
