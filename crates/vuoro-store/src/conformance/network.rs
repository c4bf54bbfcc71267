//! The facilitator network: profiles, absences, trainings, meetings and the members in one go.

use super::*;
use crate::{NetworkRecord, Removal};
use vuoro_core::network::{Absence, HeldTraining, Meeting, Profile, Training};
use vuoro_core::{AbsenceId, HeldTrainingId, MeetingId, TrainingId};

fn profile(unit: Option<UnitId>, minutes: u32) -> Profile {
    Profile {
        unit,
        languages: [ParticipantLang::Fi, ParticipantLang::Sv]
            .into_iter()
            .collect(),
        methods: ["eratauko".to_owned()].into_iter().collect(),
        takes_outsider: true,
        capacity_minutes: minutes,
    }
}

fn training(org: OrgId, method: &str) -> Training {
    Training {
        id: TrainingId::new(),
        org,
        method: method.into(),
        trainer: "THL".into(),
        from: date!(2027 - 02 - 01),
        to: date!(2027 - 02 - 03),
        minutes: 18 * 60,
    }
}

fn absence(from: Date, to: Date) -> Absence {
    Absence {
        id: AbsenceId::new(),
        from,
        to,
    }
}

/// A profile is saved and replaced whole; a unit of another organisation is refused; absences
/// are listed by their first day and deleted only by their owner; a training held before the
/// platform is added and listed.
pub async fn a_profile_its_absences_and_trainings_held_round_trip(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = f.store.as_ref();
    let (org, fac) = (f.org.id, f.facilitator.id);
    assert_eq!(s.profile(org, fac).await.expect("read"), None);
    let p = profile(Some(f.unit.id), 360);
    s.save_profile(org, fac, &p, NOW).await.expect("save");
    assert_eq!(s.profile(org, fac).await.expect("read"), Some(p.clone()));
    let mut q = profile(None, 0);
    q.languages = [ParticipantLang::Ar].into_iter().collect();
    q.methods = BTreeSet::new();
    q.takes_outsider = false;
    s.save_profile(org, fac, &q, NOW).await.expect("replace");
    assert_eq!(s.profile(org, fac).await.expect("read"), Some(q));
    let other = s.create_org("Espoon kaupunki", NOW).await.expect("org");
    let foreign = s.create_unit(other.id, "Nuoriso").await.expect("unit");
    let r = s
        .save_profile(org, fac, &profile(Some(foreign.id), 60), NOW)
        .await;
    assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");

    let later = absence(date!(2027 - 05 - 01), date!(2027 - 05 - 31));
    let sooner = absence(date!(2027 - 03 - 01), date!(2027 - 03 - 02));
    s.add_absence(org, fac, &later, NOW).await.expect("add");
    s.add_absence(org, fac, &sooner, NOW).await.expect("add");
    assert_eq!(
        s.absences(org, fac).await.expect("list"),
        vec![sooner.clone(), later.clone()]
    );
    let r = s.delete_absence(org, f.orderer.id, sooner.id).await;
    assert!(matches!(r, Err(StoreError::NotFound)), "not theirs");
    let r = s.delete_absence(other.id, fac, sooner.id).await;
    assert!(matches!(r, Err(StoreError::NotFound)), "not there");
    s.delete_absence(org, fac, sooner.id).await.expect("delete");
    assert_eq!(s.absences(org, fac).await.expect("list"), vec![later]);

    let held = HeldTraining {
        id: HeldTrainingId::new(),
        method: "eratauko".into(),
        trainer: "Erätauko-säätiö".into(),
        date: date!(2020 - 09 - 01),
        minutes: 8 * 60,
        training: None,
    };
    s.add_held_training(org, fac, &held, f.coordinator.id, NOW)
        .await
        .expect("add");
    assert_eq!(
        s.held_trainings(org, fac).await.expect("list"),
        vec![held.clone()]
    );
    assert!(
        s.held_trainings(other.id, fac)
            .await
            .expect("list")
            .is_empty()
    );
}

/// Completing trainees trains them in the method once and gives the facilitator role to those
/// without it, recorded as a role change by the coordinator; a second completion and a
/// non-trainee are skipped.
pub async fn a_completed_training_trains_and_makes_a_facilitator_once(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = f.store.as_ref();
    let org = f.org.id;
    let t = training(org, "hyvien-kaytantojen-dialogit");
    s.create_training(&t, &[f.orderer.id, f.facilitator.id], f.coordinator.id, NOW)
        .await
        .expect("create");
    let lines = s.trainings(org).await.expect("list");
    assert_eq!(lines.len(), 1);
    assert_eq!((lines[0].trainees, lines[0].completed), (2, 0));
    assert_eq!(lines[0].training, t);

    let later = NOW + Duration::days(1);
    let done = s
        .complete_training(
            t.id,
            &[f.orderer.id, f.facilitator.id, f.coordinator.id],
            f.coordinator.id,
            later,
        )
        .await
        .expect("complete");
    assert_eq!(done.completed, vec![f.orderer.id, f.facilitator.id]);
    assert_eq!(done.became_facilitators, vec![f.orderer.id]);
    let roles = s.roles(org, f.orderer.id).await.expect("roles");
    assert!(roles.has(Role::Facilitator) && roles.has(Role::Orderer));
    let changes = s.role_changes(org, 10).await.expect("changes");
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].via, RoleChangeVia::Training);
    assert_eq!(changes[0].actor, f.coordinator.id);
    assert_eq!(changes[0].user, f.orderer.id);
    let record = s.training(t.id).await.expect("read");
    assert!(
        record
            .trainees
            .iter()
            .all(|e| e.completed_at == Some(later))
    );
    assert_eq!(record.created_by, f.coordinator.id);
    let held = s.held_trainings(org, f.orderer.id).await.expect("held");
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].training, Some(t.id));
    assert_eq!(held[0].method, "hyvien-kaytantojen-dialogit");

    let again = s
        .complete_training(t.id, &[f.orderer.id], f.coordinator.id, later)
        .await
        .expect("again");
    assert_eq!(again, crate::Completed::default());
    assert_eq!(
        s.held_trainings(org, f.orderer.id)
            .await
            .expect("held")
            .len(),
        1
    );
    assert_eq!(s.role_changes(org, 10).await.expect("changes").len(), 1);
    let r = s
        .complete_training(TrainingId::new(), &[f.orderer.id], f.coordinator.id, later)
        .await;
    assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");
}

/// The members of the network come in one call as the per-person reads give them: only holders
/// of the facilitator role, with their profile, trained methods, absences not yet over, and the
/// latest first session on or before the day of a process they facilitate, not cancelled.
pub async fn the_networks_members_are_read_in_one_go_as_each_reads_alone(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = f.store.as_ref();
    let org = f.org.id;
    let fac2 = s
        .create_user(new_user("toinen@vantaa.fi", "Toivo Toinen"), NOW)
        .await
        .expect("user");
    s.set_roles(org, fac2.id, RoleSet::empty().with(Role::Facilitator))
        .await
        .expect("roles");
    s.save_profile(org, f.facilitator.id, &profile(Some(f.unit.id), 360), NOW)
        .await
        .expect("profile");
    // The orderer's profile is not a member's: they do not hold the facilitator role.
    s.save_profile(org, f.orderer.id, &profile(None, 60), NOW)
        .await
        .expect("profile");
    let past = absence(date!(2026 - 12 - 01), date!(2026 - 12 - 02));
    let coming = absence(date!(2027 - 01 - 03), date!(2027 - 02 - 01));
    for a in [&past, &coming] {
        s.add_absence(org, f.facilitator.id, a, NOW)
            .await
            .expect("absence");
    }
    let t = training(org, "eratauko");
    s.create_training(&t, &[f.facilitator.id], f.coordinator.id, NOW)
        .await
        .expect("training");
    s.complete_training(t.id, &[f.facilitator.id], f.coordinator.id, NOW)
        .await
        .expect("complete");
    // Processes: one last autumn, one later (after the day asked about), one cancelled.
    let today = date!(2027 - 01 - 04);
    for (name, d, cancel) in [
        ("Syksy", date!(2026 - 10 - 05), false),
        ("Tuleva", date!(2027 - 03 - 01), false),
        ("Peruttu", date!(2026 - 12 - 10), true),
    ] {
        let p = create_process(&f, name, None, plan_with("eratauko", &[d])).await;
        s.assign_facilitator(
            p,
            f.facilitator.id,
            f.coordinator.id,
            vuoro_core::offer::OfferStatus::Accepted,
            NOW,
            &[],
        )
        .await
        .expect("assign");
        if cancel {
            s.set_state(
                p,
                ProcessState::Ordered,
                ProcessState::Cancelled,
                f.coordinator.id,
                NOW,
            )
            .await
            .expect("cancel");
        }
    }
    let members = s.network_members(org, today).await.expect("members");
    let ids: Vec<UserId> = members.iter().map(|m| m.user).collect();
    let mut want = vec![f.facilitator.id, fac2.id];
    want.sort();
    assert_eq!(ids, want);
    let fac = members
        .iter()
        .find(|m| m.user == f.facilitator.id)
        .expect("facilitator");
    assert_eq!(
        fac.profile,
        s.profile(org, f.facilitator.id).await.expect("profile")
    );
    assert_eq!(
        fac.trained,
        ["eratauko".to_owned()].into_iter().collect::<BTreeSet<_>>()
    );
    assert_eq!(fac.absences, vec![coming]);
    assert_eq!(fac.last_facilitated, Some(date!(2026 - 10 - 05)));
    let other = members.iter().find(|m| m.user == fac2.id).expect("fac2");
    assert_eq!(other.profile, None);
    assert!(other.trained.is_empty() && other.absences.is_empty());
    assert_eq!(other.last_facilitated, None);
}

/// Meetings are listed per year, newest first, with their attendance counted; attendance is
/// replaced whole.
pub async fn meetings_are_listed_per_year_with_their_attendance(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = f.store.as_ref();
    let org = f.org.id;
    let meeting = |d: Date, title: &str| Meeting {
        id: MeetingId::new(),
        org,
        date: d,
        title: title.into(),
        place: Some("Kaupungintalo".into()),
    };
    let old = meeting(date!(2026 - 11 - 10), "Syystapaaminen");
    let spring = meeting(date!(2027 - 03 - 10), "Kevät");
    let winter = Meeting {
        place: None,
        ..meeting(date!(2027 - 01 - 20), "Talvi")
    };
    for m in [&old, &spring, &winter] {
        s.create_meeting(m, f.coordinator.id, NOW)
            .await
            .expect("meeting");
    }
    s.set_attendance(spring.id, &[f.facilitator.id, f.orderer.id])
        .await
        .expect("attendance");
    let lines = s.meetings(org, Some(2027)).await.expect("meetings");
    let got: Vec<(MeetingId, u32)> = lines.iter().map(|l| (l.meeting.id, l.attended)).collect();
    assert_eq!(got, vec![(spring.id, 2), (winter.id, 0)]);
    assert_eq!(lines[1].meeting, winter);
    assert_eq!(s.meetings(org, None).await.expect("all").len(), 3);
    s.set_attendance(spring.id, &[f.facilitator.id])
        .await
        .expect("replace");
    let (m, people) = s.meeting(spring.id).await.expect("meeting");
    assert_eq!(m, spring);
    assert_eq!(people, vec![f.facilitator.id]);
    let r = s.set_attendance(MeetingId::new(), &[]).await;
    assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");
}

/// A removed staff member's profile, absences and trainings added on the profile go; what they
/// attended stays under the removed account. The export's part holds each.
pub async fn removal_takes_the_profile_and_keeps_what_was_attended(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = f.store.as_ref();
    let (org, fac) = (f.org.id, f.facilitator.id);
    s.save_profile(org, fac, &profile(Some(f.unit.id), 360), NOW)
        .await
        .expect("profile");
    s.add_absence(
        org,
        fac,
        &absence(date!(2027 - 03 - 01), date!(2027 - 03 - 02)),
        NOW,
    )
    .await
    .expect("absence");
    let before = HeldTraining {
        id: HeldTrainingId::new(),
        method: "eratauko".into(),
        trainer: "Erätauko-säätiö".into(),
        date: date!(2020 - 09 - 01),
        minutes: 240,
        training: None,
    };
    s.add_held_training(org, fac, &before, f.coordinator.id, NOW)
        .await
        .expect("held");
    let t = training(org, "hyvien-kaytantojen-dialogit");
    s.create_training(&t, &[fac], f.coordinator.id, NOW)
        .await
        .expect("training");
    s.complete_training(t.id, &[fac], f.coordinator.id, NOW)
        .await
        .expect("complete");
    let m = Meeting {
        id: MeetingId::new(),
        org,
        date: date!(2027 - 02 - 01),
        title: "Verkostotapaaminen".into(),
        place: None,
    };
    s.create_meeting(&m, f.coordinator.id, NOW)
        .await
        .expect("meeting");
    s.set_attendance(m.id, &[fac]).await.expect("attendance");

    let record: NetworkRecord = s.network_record(fac, Some(org)).await.expect("record");
    assert_eq!(record.profiles.len(), 1);
    assert_eq!(record.profiles[0].unit.as_deref(), Some("Kotihoito"));
    assert_eq!(record.profiles[0].capacity_minutes, 360);
    assert_eq!(record.absences.len(), 1);
    assert_eq!(record.trainings_held.len(), 2);
    assert_eq!(record.trainings_attended.len(), 1);
    assert!(record.trainings_attended[0].completed);
    assert_eq!(record.meetings_attended[0].title, "Verkostotapaaminen");
    assert_eq!(
        s.staff_record(fac, Some(org))
            .await
            .expect("staff record")
            .network,
        record,
        "the staff export carries the network"
    );
    let other = s.create_org("Espoon kaupunki", NOW).await.expect("org");
    assert_eq!(
        s.network_record(fac, Some(other.id)).await.expect("record"),
        NetworkRecord::default()
    );

    s.remove_staff(fac, Removal::Anonymise, f.coordinator.id, Some(org), NOW)
        .await
        .expect("remove");
    assert_eq!(s.profile(org, fac).await.expect("profile"), None);
    assert!(s.absences(org, fac).await.expect("absences").is_empty());
    let held = s.held_trainings(org, fac).await.expect("held");
    assert_eq!(held.len(), 1, "the completed training stays");
    assert_eq!(held[0].training, Some(t.id));
    assert_eq!(s.training(t.id).await.expect("training").trainees.len(), 1);
    assert_eq!(s.meeting(m.id).await.expect("meeting").1, vec![fac]);
}

/// Hours recorded after a session replace an earlier record of the same session, are read
/// back per process, belong to the process's facilitator in the staff export, and need a
/// process.
pub async fn hours_recorded_after_a_session_are_kept_once_per_session(store: Arc<dyn Store>) {
    let f = fixture(store).await;
    let s = f.store.as_ref();
    let p = create_process(
        &f,
        "Kotihoito",
        None,
        plan_with("eratauko", &[date!(2027 - 01 - 20)]),
    )
    .await;
    let q = create_process(
        &f,
        "Keittiö",
        None,
        plan_with("eratauko", &[date!(2027 - 01 - 21)]),
    )
    .await;
    let hours = |process, session, minutes, at| crate::SessionHours {
        process,
        session,
        facilitator: f.facilitator.id,
        minutes,
        recorded_by: f.coordinator.id,
        recorded_at: at,
    };
    s.record_hours(&hours(p, 1, 240, NOW))
        .await
        .expect("record");
    let later = NOW + Duration::hours(1);
    s.record_hours(&hours(p, 1, 180, later))
        .await
        .expect("correct");
    s.record_hours(&hours(p, 2, 60, NOW))
        .await
        .expect("another session");
    s.record_hours(&hours(q, 1, 90, NOW))
        .await
        .expect("another process");
    assert_eq!(
        s.recorded_hours(&[p]).await.expect("read"),
        vec![hours(p, 1, 180, later), hours(p, 2, 60, NOW)]
    );
    assert_eq!(s.recorded_hours(&[p, q]).await.expect("both").len(), 3);
    assert!(s.recorded_hours(&[]).await.expect("none").is_empty());
    let missing = s.record_hours(&hours(ProcessId::new(), 1, 60, NOW)).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    let record = s
        .network_record(f.facilitator.id, Some(f.org.id))
        .await
        .expect("record");
    let seen: Vec<(&str, u32, u32)> = record
        .hours
        .iter()
        .map(|h| (h.process.as_str(), h.session, h.minutes))
        .collect();
    assert_eq!(seen.len(), 3);
    assert!(seen.contains(&("Kotihoito", 1, 180)));
    assert!(seen.contains(&("Keittiö", 1, 90)));
}
