//! The facilitator network (part 9): profiles, absences, trainings held, the trainings and
//! meetings a coordinator records, and the network's members read in one call.
//!
//! Tables (SQLite 0021, PostgreSQL 0011): `facilitator_profiles` (one per organisation and
//! person; languages and methods as comma-separated codes), `facilitator_absences`,
//! `trainings` with `training_trainees` (completed or not), `held_trainings` (what a person is
//! trained in: a completed trainee's row, `training_id` set, or one added on the profile for a
//! training before the platform), `network_meetings` with `meeting_attendance`.
//!
//! A removed staff member's profile, absences and the trainings added on their profile go with
//! them ([`crate::RightsStore::remove_staff`]); what they attended (trainees, held trainings
//! from a recorded training, meeting attendance) stays under the removed account, as the
//! dialogue history does.

use crate::Result;
use async_trait::async_trait;
use serde::Serialize;
use time::{Date, OffsetDateTime};
use vuoro_core::network::{Absence, HeldTraining, Meeting, NetworkMember, Profile, Training};
use vuoro_core::{AbsenceId, MeetingId, OrgId, TrainingId, UserId};

/// A trainee of a recorded training.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trainee {
    pub user: UserId,
    /// When a coordinator marked them completed.
    pub completed_at: Option<OffsetDateTime>,
}

/// A recorded training with its trainees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingRecord {
    pub training: Training,
    pub trainees: Vec<Trainee>,
    pub created_by: UserId,
    pub created_at: OffsetDateTime,
}

/// A training in the organisation's list: its trainees counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingLine {
    pub training: Training,
    pub trainees: u32,
    pub completed: u32,
}

/// A meeting in the list, with how many attended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingLine {
    pub meeting: Meeting,
    pub attended: u32,
}

/// Who completed a training, and who of them gained the facilitator role by it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Completed {
    pub completed: Vec<UserId>,
    pub became_facilitators: Vec<UserId>,
}

/// The staff export's part of the network: dates as `YYYY-MM-DD`, times as RFC 3339.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NetworkRecord {
    pub profiles: Vec<RecordProfile>,
    pub absences: Vec<RecordSpan>,
    pub trainings_held: Vec<RecordHeld>,
    pub trainings_attended: Vec<RecordAttended>,
    pub meetings_attended: Vec<RecordMeeting>,
    /// Facilitation hours recorded after their sessions.
    pub hours: Vec<RecordHours>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordHours {
    /// The process's title.
    pub process: String,
    pub session: u32,
    pub minutes: u32,
    pub recorded_at: String,
}

/// The minutes a plan session really took its facilitator, recorded after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionHours {
    pub process: vuoro_core::ProcessId,
    /// The plan session's id.
    pub session: u32,
    pub facilitator: UserId,
    pub minutes: u32,
    pub recorded_by: UserId,
    pub recorded_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordProfile {
    pub organisation: String,
    pub unit: Option<String>,
    pub languages: Vec<String>,
    pub methods: Vec<String>,
    pub takes_outsider: bool,
    pub capacity_minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordSpan {
    pub organisation: String,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordHeld {
    pub organisation: String,
    pub method: String,
    pub trainer: String,
    pub date: String,
    pub minutes: u32,
    pub from_recorded_training: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordAttended {
    pub organisation: String,
    pub method: String,
    pub trainer: String,
    pub from: String,
    pub to: String,
    pub completed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordMeeting {
    pub organisation: String,
    pub date: String,
    pub title: String,
}

#[async_trait]
pub trait NetworkStore: Send + Sync {
    /// The person's profile in the organisation, if they saved one.
    async fn profile(&self, org: OrgId, user: UserId) -> Result<Option<Profile>>;
    /// Saves (replaces) the profile. `NotFound` if the unit is not the organisation's.
    async fn save_profile(
        &self,
        org: OrgId,
        user: UserId,
        profile: &Profile,
        at: OffsetDateTime,
    ) -> Result<()>;

    /// The person's absences in the organisation, by their first day.
    async fn absences(&self, org: OrgId, user: UserId) -> Result<Vec<Absence>>;
    async fn add_absence(
        &self,
        org: OrgId,
        user: UserId,
        absence: &Absence,
        at: OffsetDateTime,
    ) -> Result<()>;
    /// `NotFound` unless the absence is this person's in this organisation.
    async fn delete_absence(&self, org: OrgId, user: UserId, id: AbsenceId) -> Result<()>;

    /// The trainings the person holds in the organisation, newest first.
    async fn held_trainings(&self, org: OrgId, user: UserId) -> Result<Vec<HeldTraining>>;
    /// Adds a training done before the platform (its `training` must be `None`).
    async fn add_held_training(
        &self,
        org: OrgId,
        user: UserId,
        held: &HeldTraining,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<()>;

    /// Everyone holding the facilitator role in the organisation, with their profile, the
    /// methods they are trained in, their absences ending on or after `today`, and the latest
    /// first session on or before `today` of a process they facilitate (not cancelled), in a
    /// fixed number of queries however many they are: what the network page and the ranking
    /// read. Ordered by user id.
    async fn network_members(&self, org: OrgId, today: Date) -> Result<Vec<NetworkMember>>;

    /// Records a training with its trainees (not yet completed).
    async fn create_training(
        &self,
        training: &Training,
        trainees: &[UserId],
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<()>;
    /// The organisation's trainings, newest first.
    async fn trainings(&self, org: OrgId) -> Result<Vec<TrainingLine>>;
    async fn training(&self, id: TrainingId) -> Result<TrainingRecord>;
    /// Marks these trainees completed, in one transaction: each gets a held training of the
    /// training's method and, if they do not hold the facilitator role in its organisation,
    /// gets it, recorded as a role change by `actor` (`RoleChangeVia::Training`). Someone
    /// already completed, or not a trainee, is skipped. `Conflict(ADDRESS_UNCONFIRMED)` as
    /// `change_roles` when a role cannot be given.
    async fn complete_training(
        &self,
        id: TrainingId,
        users: &[UserId],
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<Completed>;

    async fn create_meeting(
        &self,
        meeting: &Meeting,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<()>;
    /// The organisation's meetings of a year (all when `None`), newest first, each with how
    /// many attended.
    async fn meetings(&self, org: OrgId, year: Option<i32>) -> Result<Vec<MeetingLine>>;
    /// A meeting and who attended.
    async fn meeting(&self, id: MeetingId) -> Result<(Meeting, Vec<UserId>)>;
    /// Replaces who attended.
    async fn set_attendance(&self, id: MeetingId, users: &[UserId]) -> Result<()>;

    /// The person's part of the network for the staff export (`StaffRecord::network`); within
    /// one organisation when `org` is given.
    async fn network_record(&self, user: UserId, org: Option<OrgId>) -> Result<NetworkRecord>;

    /// Records the minutes a session took, replacing an earlier record of the same session;
    /// `NotFound` without the process.
    async fn record_hours(&self, h: &SessionHours) -> Result<()>;
    /// The hours recorded for the sessions of these processes.
    async fn recorded_hours(
        &self,
        processes: &[vuoro_core::ProcessId],
    ) -> Result<Vec<SessionHours>>;
}

/// Codes joined by commas, as the tables store languages and methods.
pub fn join_codes<'a>(codes: impl IntoIterator<Item = &'a str>) -> String {
    codes.into_iter().collect::<Vec<_>>().join(",")
}

/// The codes of a comma-separated column.
pub fn split_codes(s: &str) -> impl Iterator<Item = &str> {
    s.split(',').filter(|c| !c.is_empty())
}

/// A profile as both backends read it from `facilitator_profiles`.
pub fn profile_of(
    unit: Option<&str>,
    languages: &str,
    methods: &str,
    takes_outsider: bool,
    capacity_minutes: i64,
) -> Result<Profile> {
    use crate::StoreError;
    use crate::sql::codec::{number, parse_opt_id};
    let mut langs = std::collections::BTreeSet::new();
    for c in split_codes(languages) {
        langs.insert(
            vuoro_core::lang::ParticipantLang::parse(c)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown language {c}")))?,
        );
    }
    Ok(Profile {
        unit: parse_opt_id(unit, "facilitator_profiles")?,
        languages: langs,
        methods: split_codes(methods).map(str::to_owned).collect(),
        takes_outsider,
        capacity_minutes: number(capacity_minutes, "facilitator_profiles")?,
    })
}

/// The codes of a profile's languages and methods, as stored.
pub fn profile_codes(p: &Profile) -> (String, String) {
    (
        join_codes(p.languages.iter().map(|l| l.code())),
        join_codes(p.methods.iter().map(String::as_str)),
    )
}
