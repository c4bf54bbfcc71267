//! The facilitator network (see `vuoro_store::network`), as SQLite's `network.rs`; a
//! completion locks the training's row and each trainee's account (as `change_roles` does), and
//! a change of attendance the meeting's row.

use super::*;
use crate::accounts::{check_origin, current_roles, lock_user, record_role_change, write_roles};
use std::collections::{BTreeMap, BTreeSet};
use vuoro_core::network::{Absence, HeldTraining, Meeting, NetworkMember, Profile, Training};
use vuoro_core::{AbsenceId, MeetingId, Role, TrainingId};
use vuoro_store::network::{
    Completed, MeetingLine, NetworkRecord, NetworkStore, RecordAttended, RecordHeld, RecordHours,
    RecordMeeting, RecordProfile, RecordSpan, SessionHours, Trainee, TrainingLine, TrainingRecord,
    profile_codes, profile_of, split_codes,
};

const WHAT: &str = "network";

fn day(s: &str) -> Result<Date> {
    codec::parse_opt_date(Some(s), WHAT)?.ok_or_else(|| StoreError::Corrupt(WHAT.into()))
}

type TrainingRow = (String, String, String, String, String, String, i64);

fn training_of(r: TrainingRow) -> Result<Training> {
    let (id, org, method, trainer, from, to, minutes) = r;
    Ok(Training {
        id: parse_id(&id, WHAT)?,
        org: parse_id(&org, WHAT)?,
        method,
        trainer,
        from: day(&from)?,
        to: day(&to)?,
        minutes: number(minutes, WHAT)?,
    })
}

type MeetingRow = (String, String, String, String, Option<String>);

fn meeting_of(r: MeetingRow) -> Result<Meeting> {
    let (id, org, on, title, place) = r;
    Ok(Meeting {
        id: parse_id(&id, WHAT)?,
        org: parse_id(&org, WHAT)?,
        date: day(&on)?,
        title,
        place,
    })
}

type HeldRow = (String, String, String, String, i64, Option<String>);

fn held_of(r: HeldRow) -> Result<HeldTraining> {
    let (id, method, trainer, on, minutes, training) = r;
    Ok(HeldTraining {
        id: parse_id(&id, WHAT)?,
        method,
        trainer,
        date: day(&on)?,
        minutes: number(minutes, WHAT)?,
        training: codec::parse_opt_id(training.as_deref(), WHAT)?,
    })
}

async fn insert_held(
    conn: &mut PgConnection,
    org: OrgId,
    user: UserId,
    held: &HeldTraining,
    actor: UserId,
    at: OffsetDateTime,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO held_trainings (id, org_id, user_id, method_id, trainer, on_date, minutes, \
         training_id, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(held.id.to_string())
    .bind(org.to_string())
    .bind(user.to_string())
    .bind(&held.method)
    .bind(&held.trainer)
    .bind(date(held.date)?)
    .bind(i64::from(held.minutes))
    .bind(held.training.map(|t| t.to_string()))
    .bind(actor.to_string())
    .bind(timestamp(at)?)
    .execute(conn)
    .await
    .map_err(db)?;
    Ok(())
}

#[async_trait]
impl NetworkStore for PgStore {
    async fn profile(&self, org: OrgId, user: UserId) -> Result<Option<Profile>> {
        let row: Option<(Option<String>, String, String, bool, i64)> = sqlx::query_as(
            "SELECT unit_id, languages, methods, takes_outsider, capacity_minutes \
             FROM facilitator_profiles WHERE org_id = $1 AND user_id = $2",
        )
        .bind(org.to_string())
        .bind(user.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.map(|(u, l, m, o, c)| profile_of(u.as_deref(), &l, &m, o, c))
            .transpose()
    }

    async fn save_profile(
        &self,
        org: OrgId,
        user: UserId,
        profile: &Profile,
        at: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        if let Some(unit) = profile.unit {
            let here: Option<String> = sqlx::query_scalar("SELECT org_id FROM units WHERE id = $1")
                .bind(unit.to_string())
                .fetch_optional(&mut *tx)
                .await
                .map_err(db)?;
            if here != Some(org.to_string()) {
                return Err(StoreError::NotFound);
            }
        }
        let (languages, methods) = profile_codes(profile);
        sqlx::query(
            "INSERT INTO facilitator_profiles (org_id, user_id, unit_id, languages, methods, \
             takes_outsider, capacity_minutes, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (org_id, user_id) DO UPDATE SET unit_id = excluded.unit_id, \
             languages = excluded.languages, methods = excluded.methods, \
             takes_outsider = excluded.takes_outsider, \
             capacity_minutes = excluded.capacity_minutes, updated_at = excluded.updated_at",
        )
        .bind(org.to_string())
        .bind(user.to_string())
        .bind(profile.unit.map(|u| u.to_string()))
        .bind(languages)
        .bind(methods)
        .bind(profile.takes_outsider)
        .bind(i64::from(profile.capacity_minutes))
        .bind(timestamp(at)?)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        tx.commit().await.map_err(db)
    }

    async fn absences(&self, org: OrgId, user: UserId) -> Result<Vec<Absence>> {
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT id, from_date, to_date FROM facilitator_absences \
             WHERE org_id = $1 AND user_id = $2 ORDER BY from_date, id",
        )
        .bind(org.to_string())
        .bind(user.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(|(id, from, to)| {
                Ok(Absence {
                    id: parse_id(&id, WHAT)?,
                    from: day(&from)?,
                    to: day(&to)?,
                })
            })
            .collect()
    }

    async fn add_absence(
        &self,
        org: OrgId,
        user: UserId,
        absence: &Absence,
        at: OffsetDateTime,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO facilitator_absences (id, org_id, user_id, from_date, to_date, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(absence.id.to_string())
        .bind(org.to_string())
        .bind(user.to_string())
        .bind(date(absence.from)?)
        .bind(date(absence.to)?)
        .bind(timestamp(at)?)
        .execute(&self.pool)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn delete_absence(&self, org: OrgId, user: UserId, id: AbsenceId) -> Result<()> {
        let done = sqlx::query(
            "DELETE FROM facilitator_absences WHERE id = $1 AND org_id = $2 AND user_id = $3",
        )
        .bind(id.to_string())
        .bind(org.to_string())
        .bind(user.to_string())
        .execute(&self.pool)
        .await
        .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn held_trainings(&self, org: OrgId, user: UserId) -> Result<Vec<HeldTraining>> {
        let rows: Vec<HeldRow> = sqlx::query_as(
            "SELECT id, method_id, trainer, on_date, minutes, training_id FROM held_trainings \
             WHERE org_id = $1 AND user_id = $2 ORDER BY on_date DESC, id DESC",
        )
        .bind(org.to_string())
        .bind(user.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(held_of).collect()
    }

    async fn add_held_training(
        &self,
        org: OrgId,
        user: UserId,
        held: &HeldTraining,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<()> {
        if held.training.is_some() {
            return Err(StoreError::Conflict(
                "a recorded training is completed, not added",
            ));
        }
        let mut conn = self.pool.acquire().await.map_err(db)?;
        insert_held(&mut conn, org, user, held, actor, at).await
    }

    async fn network_members(&self, org: OrgId, today: Date) -> Result<Vec<NetworkMember>> {
        let o = org.to_string();
        let today = date(today)?;
        let people: Vec<String> = sqlx::query_scalar(
            "SELECT user_id FROM org_roles WHERE org_id = $1 AND role = $2 ORDER BY user_id",
        )
        .bind(&o)
        .bind(Role::Facilitator.code())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        let profiles: Vec<(String, Option<String>, String, String, bool, i64)> = sqlx::query_as(
            "SELECT user_id, unit_id, languages, methods, takes_outsider, capacity_minutes \
                 FROM facilitator_profiles WHERE org_id = $1",
        )
        .bind(&o)
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        let held: Vec<(String, String)> = sqlx::query_as(
            "SELECT DISTINCT user_id, method_id FROM held_trainings WHERE org_id = $1",
        )
        .bind(&o)
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        let absences: Vec<(String, String, String, String)> = sqlx::query_as(
            "SELECT user_id, id, from_date, to_date FROM facilitator_absences \
             WHERE org_id = $1 AND to_date >= $2 ORDER BY from_date, id",
        )
        .bind(&o)
        .bind(&today)
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        let last: Vec<(String, Option<String>)> = sqlx::query_as(
            "SELECT facilitator_id, MAX(first_session) FROM processes \
             WHERE org_id = $1 AND facilitator_id IS NOT NULL AND state <> 'cancelled' \
             AND first_session <= $2 GROUP BY facilitator_id",
        )
        .bind(&o)
        .bind(&today)
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        let mut members: BTreeMap<String, NetworkMember> = BTreeMap::new();
        for p in people {
            members.insert(
                p.clone(),
                NetworkMember {
                    user: parse_id(&p, WHAT)?,
                    profile: None,
                    trained: BTreeSet::new(),
                    absences: Vec::new(),
                    last_facilitated: None,
                },
            );
        }
        for (u, unit, l, m, out, cap) in profiles {
            if let Some(member) = members.get_mut(&u) {
                member.profile = Some(profile_of(unit.as_deref(), &l, &m, out, cap)?);
            }
        }
        for (u, method) in held {
            if let Some(member) = members.get_mut(&u) {
                member.trained.insert(method);
            }
        }
        for (u, id, from, to) in absences {
            if let Some(member) = members.get_mut(&u) {
                member.absences.push(Absence {
                    id: parse_id(&id, WHAT)?,
                    from: day(&from)?,
                    to: day(&to)?,
                });
            }
        }
        for (u, on) in last {
            if let (Some(member), Some(on)) = (members.get_mut(&u), on) {
                member.last_facilitated = Some(day(&on)?);
            }
        }
        Ok(members.into_values().collect())
    }

    async fn create_training(
        &self,
        training: &Training,
        trainees: &[UserId],
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO trainings (id, org_id, method_id, trainer, from_date, to_date, minutes, \
             created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(training.id.to_string())
        .bind(training.org.to_string())
        .bind(&training.method)
        .bind(&training.trainer)
        .bind(date(training.from)?)
        .bind(date(training.to)?)
        .bind(i64::from(training.minutes))
        .bind(actor.to_string())
        .bind(timestamp(at)?)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        for t in trainees {
            sqlx::query(
                "INSERT INTO training_trainees (training_id, user_id) VALUES ($1, $2) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(training.id.to_string())
            .bind(t.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        }
        tx.commit().await.map_err(db)
    }

    async fn trainings(&self, org: OrgId) -> Result<Vec<TrainingLine>> {
        type Row = (
            String,
            String,
            String,
            String,
            String,
            String,
            i64,
            i64,
            i64,
        );
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT t.id, t.org_id, t.method_id, t.trainer, t.from_date, t.to_date, t.minutes, \
             (SELECT COUNT(*)::BIGINT FROM training_trainees e WHERE e.training_id = t.id), \
             (SELECT COUNT(*)::BIGINT FROM training_trainees e WHERE e.training_id = t.id \
              AND e.completed_at IS NOT NULL) \
             FROM trainings t WHERE t.org_id = $1 ORDER BY t.from_date DESC, t.id DESC",
        )
        .bind(org.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(|(id, o, m, tr, f, t, min, n, done)| {
                Ok(TrainingLine {
                    training: training_of((id, o, m, tr, f, t, min))?,
                    trainees: number(n, WHAT)?,
                    completed: number(done, WHAT)?,
                })
            })
            .collect()
    }

    async fn training(&self, id: TrainingId) -> Result<TrainingRecord> {
        type Row = (
            String,
            String,
            String,
            String,
            String,
            String,
            i64,
            String,
            String,
        );
        let row: Row = sqlx::query_as(
            "SELECT id, org_id, method_id, trainer, from_date, to_date, minutes, created_by, \
             created_at FROM trainings WHERE id = $1",
        )
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?
        .ok_or(StoreError::NotFound)?;
        let (i, o, m, tr, f, t, min, by, at) = row;
        let trainees: Vec<(String, Option<String>)> = sqlx::query_as(
            "SELECT user_id, completed_at FROM training_trainees WHERE training_id = $1 \
             ORDER BY user_id",
        )
        .bind(id.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        Ok(TrainingRecord {
            training: training_of((i, o, m, tr, f, t, min))?,
            trainees: trainees
                .into_iter()
                .map(|(u, c)| {
                    Ok(Trainee {
                        user: parse_id(&u, WHAT)?,
                        completed_at: codec::parse_opt_timestamp(c.as_deref(), WHAT)?,
                    })
                })
                .collect::<Result<_>>()?,
            created_by: parse_id(&by, WHAT)?,
            created_at: parse_timestamp(&at, WHAT)?,
        })
    }

    async fn complete_training(
        &self,
        id: TrainingId,
        users: &[UserId],
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<Completed> {
        let mut tx = self.begin_write().await?;
        let row: Option<TrainingRow> = sqlx::query_as(
            "SELECT id, org_id, method_id, trainer, from_date, to_date, minutes \
             FROM trainings WHERE id = $1 FOR NO KEY UPDATE",
        )
        .bind(id.to_string())
        .fetch_optional(&mut *tx)
        .await
        .map_err(db)?;
        let training = training_of(row.ok_or(StoreError::NotFound)?)?;
        let mut out = Completed::default();
        for user in users {
            let done = sqlx::query(
                "UPDATE training_trainees SET completed_at = $1, completed_by = $2 \
                 WHERE training_id = $3 AND user_id = $4 AND completed_at IS NULL",
            )
            .bind(timestamp(at)?)
            .bind(actor.to_string())
            .bind(id.to_string())
            .bind(user.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
            if done.rows_affected() == 0 {
                continue;
            }
            let held = HeldTraining {
                id: vuoro_core::HeldTrainingId::new(),
                method: training.method.clone(),
                trainer: training.trainer.clone(),
                date: training.to,
                minutes: training.minutes,
                training: Some(training.id),
            };
            insert_held(&mut tx, training.org, *user, &held, actor, at).await?;
            out.completed.push(*user);
            // As `change_roles`: the roles read as "before" must still hold when written.
            lock_user(&mut tx, *user).await?;
            let before = current_roles(&mut tx, training.org, *user).await?;
            if !before.has(Role::Facilitator) {
                check_origin(&mut tx, training.org, *user).await?;
                let after = before.with(Role::Facilitator);
                write_roles(&mut tx, training.org, *user, after).await?;
                record_role_change(
                    &mut tx,
                    training.org,
                    *user,
                    actor,
                    before,
                    after,
                    RoleChangeVia::Training,
                    at,
                )
                .await?;
                out.became_facilitators.push(*user);
            }
        }
        tx.commit().await.map_err(db)?;
        Ok(out)
    }

    async fn create_meeting(
        &self,
        meeting: &Meeting,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO network_meetings (id, org_id, on_date, title, place, created_by, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(meeting.id.to_string())
        .bind(meeting.org.to_string())
        .bind(date(meeting.date)?)
        .bind(&meeting.title)
        .bind(meeting.place.as_deref())
        .bind(actor.to_string())
        .bind(timestamp(at)?)
        .execute(&self.pool)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn meetings(&self, org: OrgId, year: Option<i32>) -> Result<Vec<MeetingLine>> {
        let (from, to) = match year {
            Some(y) => (format!("{y:04}-01-01"), format!("{y:04}-12-31")),
            None => ("0000-01-01".to_owned(), "9999-12-31".to_owned()),
        };
        type Row = (String, String, String, String, Option<String>, i64);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT m.id, m.org_id, m.on_date, m.title, m.place, \
             (SELECT COUNT(*)::BIGINT FROM meeting_attendance a WHERE a.meeting_id = m.id) \
             FROM network_meetings m WHERE m.org_id = $1 AND m.on_date >= $2 AND m.on_date <= $3 \
             ORDER BY m.on_date DESC, m.id DESC",
        )
        .bind(org.to_string())
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(|(id, o, on, title, place, n)| {
                Ok(MeetingLine {
                    meeting: meeting_of((id, o, on, title, place))?,
                    attended: number(n, WHAT)?,
                })
            })
            .collect()
    }

    async fn meeting(&self, id: MeetingId) -> Result<(Meeting, Vec<UserId>)> {
        let row: MeetingRow = sqlx::query_as(
            "SELECT id, org_id, on_date, title, place FROM network_meetings WHERE id = $1",
        )
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?
        .ok_or(StoreError::NotFound)?;
        let people: Vec<String> = sqlx::query_scalar(
            "SELECT user_id FROM meeting_attendance WHERE meeting_id = $1 ORDER BY user_id",
        )
        .bind(id.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        Ok((
            meeting_of(row)?,
            people
                .iter()
                .map(|p| parse_id(p, WHAT))
                .collect::<Result<_>>()?,
        ))
    }

    async fn set_attendance(&self, id: MeetingId, users: &[UserId]) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT 1::BIGINT FROM network_meetings WHERE id = $1 FOR NO KEY UPDATE",
        )
        .bind(id.to_string())
        .fetch_optional(&mut *tx)
        .await
        .map_err(db)?;
        if found.is_none() {
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM meeting_attendance WHERE meeting_id = $1")
            .bind(id.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        for u in users {
            sqlx::query(
                "INSERT INTO meeting_attendance (meeting_id, user_id) VALUES ($1, $2) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(id.to_string())
            .bind(u.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        }
        tx.commit().await.map_err(db)
    }

    async fn record_hours(&self, h: &SessionHours) -> Result<()> {
        let done = sqlx::query(
            "INSERT INTO facilitation_hours \
             (process_id, session_id, facilitator_id, minutes, recorded_by, recorded_at) \
             SELECT id, $1, $2, $3, $4, $5 FROM processes WHERE id = $6 \
             ON CONFLICT (process_id, session_id) DO UPDATE SET \
             facilitator_id = excluded.facilitator_id, minutes = excluded.minutes, \
             recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
        )
        .bind(i64::from(h.session))
        .bind(h.facilitator.to_string())
        .bind(i64::from(h.minutes))
        .bind(h.recorded_by.to_string())
        .bind(timestamp(h.recorded_at)?)
        .bind(h.process.to_string())
        .execute(&self.pool)
        .await
        .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn recorded_hours(
        &self,
        processes: &[vuoro_core::ProcessId],
    ) -> Result<Vec<SessionHours>> {
        if processes.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<(String, i64, String, i64, String, String)> = sqlx::query_as(
            "SELECT process_id, session_id, facilitator_id, minutes, recorded_by, recorded_at \
             FROM facilitation_hours WHERE process_id = ANY($1) \
             ORDER BY process_id, session_id",
        )
        .bind(id_array(processes))
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(|(p, session, f, minutes, by, at)| {
                Ok(SessionHours {
                    process: parse_id(&p, WHAT)?,
                    session: number(session, WHAT)?,
                    facilitator: parse_id(&f, WHAT)?,
                    minutes: number(minutes, WHAT)?,
                    recorded_by: parse_id(&by, WHAT)?,
                    recorded_at: parse_timestamp(&at, WHAT)?,
                })
            })
            .collect()
    }

    async fn network_record(&self, user: UserId, org: Option<OrgId>) -> Result<NetworkRecord> {
        let u = user.to_string();
        let keep = |o: &str| org.is_none_or(|org| org.to_string() == o);
        let mut out = NetworkRecord::default();
        let profiles: Vec<(String, String, Option<String>, String, String, bool, i64)> =
            sqlx::query_as(
                "SELECT p.org_id, o.name, n.name, p.languages, p.methods, p.takes_outsider, \
                 p.capacity_minutes FROM facilitator_profiles p \
                 JOIN organisations o ON o.id = p.org_id LEFT JOIN units n ON n.id = p.unit_id \
                 WHERE p.user_id = $1 ORDER BY p.org_id",
            )
            .bind(&u)
            .fetch_all(&self.pool)
            .await
            .map_err(db)?;
        for (o, name, unit, l, m, out_, cap) in profiles {
            if keep(&o) {
                out.profiles.push(RecordProfile {
                    organisation: name,
                    unit,
                    languages: split_codes(&l).map(str::to_owned).collect(),
                    methods: split_codes(&m).map(str::to_owned).collect(),
                    takes_outsider: out_,
                    capacity_minutes: number(cap, WHAT)?,
                });
            }
        }
        let spans: Vec<(String, String, String, String)> = sqlx::query_as(
            "SELECT a.org_id, o.name, a.from_date, a.to_date FROM facilitator_absences a \
             JOIN organisations o ON o.id = a.org_id WHERE a.user_id = $1 \
             ORDER BY a.from_date, a.id",
        )
        .bind(&u)
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        for (o, name, from, to) in spans {
            if keep(&o) {
                out.absences.push(RecordSpan {
                    organisation: name,
                    from,
                    to,
                });
            }
        }
        let held: Vec<(String, String, String, String, String, i64, Option<String>)> =
            sqlx::query_as(
                "SELECT h.org_id, o.name, h.method_id, h.trainer, h.on_date, h.minutes, \
                 h.training_id FROM held_trainings h JOIN organisations o ON o.id = h.org_id \
                 WHERE h.user_id = $1 ORDER BY h.on_date, h.id",
            )
            .bind(&u)
            .fetch_all(&self.pool)
            .await
            .map_err(db)?;
        for (o, name, method, trainer, on, minutes, training) in held {
            if keep(&o) {
                out.trainings_held.push(RecordHeld {
                    organisation: name,
                    method,
                    trainer,
                    date: on,
                    minutes: number(minutes, WHAT)?,
                    from_recorded_training: training.is_some(),
                });
            }
        }
        type Attended = (
            String,
            String,
            String,
            String,
            String,
            String,
            Option<String>,
        );
        let attended: Vec<Attended> = sqlx::query_as(
            "SELECT t.org_id, o.name, t.method_id, t.trainer, t.from_date, t.to_date, \
             e.completed_at FROM training_trainees e JOIN trainings t ON t.id = e.training_id \
             JOIN organisations o ON o.id = t.org_id WHERE e.user_id = $1 \
             ORDER BY t.from_date, t.id",
        )
        .bind(&u)
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        for (o, name, method, trainer, from, to, done) in attended {
            if keep(&o) {
                out.trainings_attended.push(RecordAttended {
                    organisation: name,
                    method,
                    trainer,
                    from,
                    to,
                    completed: done.is_some(),
                });
            }
        }
        let meetings: Vec<(String, String, String, String)> = sqlx::query_as(
            "SELECT m.org_id, o.name, m.on_date, m.title FROM meeting_attendance a \
             JOIN network_meetings m ON m.id = a.meeting_id \
             JOIN organisations o ON o.id = m.org_id WHERE a.user_id = $1 \
             ORDER BY m.on_date, m.id",
        )
        .bind(&u)
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        for (o, name, on, title) in meetings {
            if keep(&o) {
                out.meetings_attended.push(RecordMeeting {
                    organisation: name,
                    date: on,
                    title,
                });
            }
        }
        let hours: Vec<(String, String, i64, i64, String)> = sqlx::query_as(
            "SELECT p.org_id, p.title, h.session_id, h.minutes, h.recorded_at \
             FROM facilitation_hours h JOIN processes p ON p.id = h.process_id \
             WHERE h.facilitator_id = $1 ORDER BY h.recorded_at, p.id, h.session_id",
        )
        .bind(&u)
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        for (o, process, session, minutes, at) in hours {
            if keep(&o) {
                out.hours.push(RecordHours {
                    process,
                    session: number(session, WHAT)?,
                    minutes: number(minutes, WHAT)?,
                    recorded_at: at,
                });
            }
        }
        Ok(out)
    }
}
