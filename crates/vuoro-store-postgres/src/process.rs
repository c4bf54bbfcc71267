//! Processes, plans, approvals and the process event log on PostgreSQL.

use super::*;
use vuoro_store::NewMail;

/// The columns of `processes` that are copied from the current plan.
struct PlanColumns {
    method_id: Option<String>,
    first_session: Option<String>,
    last_session: Option<String>,
}

impl PlanColumns {
    fn of(plan: &Plan) -> Result<PlanColumns> {
        // The adapted copy remembers the library method it came from; that id is what lists
        // filter by. A method written for this process alone has only its own id.
        let method_id = plan.method.as_ref().map(|m| {
            m.adapted_from
                .as_ref()
                .map_or_else(|| m.id.clone(), |o| o.id.clone())
        });
        let first = plan.sessions.iter().map(|s| s.date).min();
        let last = plan.sessions.iter().map(|s| s.date).max();
        Ok(PlanColumns {
            method_id,
            first_session: first.map(date).transpose()?,
            last_session: last.map(date).transpose()?,
        })
    }
}

impl PgStore {
    /// Moves a process's state and appends the event, in one transaction; `Conflict` if
    /// another user moved it first.
    async fn move_state(
        &self,
        id: ProcessId,
        from: ProcessState,
        to: ProcessState,
        actor: UserId,
        reason: Option<String>,
        at: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE processes SET state = $1, updated_at = $2 WHERE id = $3 AND state = $4",
        )
        .bind(to.code())
        .bind(timestamp(at)?)
        .bind(id.to_string())
        .bind(from.code())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(refused(&mut tx, id, "process is not in the expected state").await);
        }
        append_event(
            &mut tx,
            id,
            actor,
            at,
            &EventKind::StateChanged { from, to, reason },
        )
        .await?;
        // A cancelled order is no longer offered: an answer awaited is withdrawn.
        if to == ProcessState::Cancelled {
            crate::offers::withdraw_awaiting(&mut tx, id, at).await?;
        }
        tx.commit().await.map_err(db)
    }
}

#[async_trait]
impl ProcessStore for PgStore {
    async fn create_process(&self, p: NewProcess, at: OffsetDateTime) -> Result<Process> {
        let cols = PlanColumns::of(&p.plan)?;
        let process = Process {
            id: ProcessId::new(),
            org: p.org,
            unit: p.order.unit,
            title: p.order.community.clone(),
            state: ProcessState::Ordered,
            orderer: p.orderer,
            facilitator: None,
            method_id: cols.method_id.clone(),
            plan_version: 1,
            first_session: p.plan.sessions.iter().map(|s| s.date).min(),
            last_session: p.plan.sessions.iter().map(|s| s.date).max(),
            awaiting_answer: false,
            created_at: at,
            updated_at: at,
            order: p.order,
        };
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO processes (id, org_id, unit_id, title, state, orderer_id, facilitator_id, \
             order_json, method_id, plan_version, first_session, last_session, created_at, \
             updated_at) VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8, 1, $9, $10, $11, $12)",
        )
        .bind(process.id.to_string())
        .bind(process.org.to_string())
        .bind(process.unit.map(|u| u.to_string()))
        .bind(&process.title)
        .bind(process.state.code())
        .bind(process.orderer.to_string())
        .bind(to_json(&process.order, "order")?)
        .bind(cols.method_id)
        .bind(cols.first_session)
        .bind(cols.last_session)
        .bind(timestamp(at)?)
        .bind(timestamp(at)?)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        sqlx::query(
            "INSERT INTO plan_versions (process_id, version, plan_json, author_id, created_at) \
             VALUES ($1, 1, $2, $3, $4)",
        )
        .bind(process.id.to_string())
        .bind(to_json(&p.plan, "plan")?)
        .bind(process.orderer.to_string())
        .bind(timestamp(at)?)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        append_event(
            &mut tx,
            process.id,
            process.orderer,
            at,
            &EventKind::Ordered,
        )
        .await?;
        if let Some(community) = &p.community {
            crate::notices::write_community(&mut tx, process.id, Some(community), at).await?;
        }
        tx.commit().await.map_err(db)?;
        Ok(process)
    }

    async fn process(&self, id: ProcessId) -> Result<Process> {
        let row: Option<ProcessRow> = sqlx::query_as(concat!(
            "SELECT ",
            process_columns!(),
            " FROM processes WHERE id = $1"
        ))
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.ok_or(StoreError::NotFound)?.into_process()
    }

    async fn processes(&self, f: &ProcessFilter) -> Result<Vec<Process>> {
        // Only the conditions that are set go into the SQL, so SQLite can pick the index that
        // fits the one filter a list uses.
        let mut q = QueryBuilder::<Postgres>::new(concat!(
            "SELECT ",
            process_columns!(),
            " FROM processes WHERE 1 = 1"
        ));
        if let Some(org) = f.org {
            q.push(" AND org_id = ").push_bind(org.to_string());
        }
        if let Some(state) = f.state {
            q.push(" AND state = ").push_bind(state.code());
        }
        if let Some(unit) = f.unit {
            q.push(" AND unit_id = ").push_bind(unit.to_string());
        }
        if let Some(method) = &f.method_id {
            q.push(" AND method_id = ").push_bind(method.clone());
        }
        if let Some(user) = f.facilitator {
            q.push(" AND facilitator_id = ").push_bind(user.to_string());
        }
        if let Some(user) = f.orderer {
            q.push(" AND orderer_id = ").push_bind(user.to_string());
        }
        // A process matches a date range when its sessions overlap it; one without sessions
        // has no dates and matches no range.
        if let Some(from) = f.from {
            q.push(" AND last_session >= ").push_bind(date(from)?);
        }
        if let Some(to) = f.to {
            q.push(" AND first_session <= ").push_bind(date(to)?);
        }
        if f.unassigned {
            q.push(" AND state IN ('ordered', 'agreed') AND facilitator_id IS NULL");
        }
        q.push(" ORDER BY created_at DESC, id DESC");
        let rows: Vec<ProcessRow> = q.build_query_as().fetch_all(&self.pool).await.map_err(db)?;
        rows.into_iter().map(ProcessRow::into_process).collect()
    }

    async fn assign_facilitator(
        &self,
        id: ProcessId,
        facilitator: UserId,
        actor: UserId,
        status: vuoro_core::offer::OfferStatus,
        at: OffsetDateTime,
        outbox: &[NewMail],
    ) -> Result<()> {
        crate::offers::assign(self, id, facilitator, actor, status, at, outbox, false).await
    }

    async fn save_plan(
        &self,
        id: ProcessId,
        based_on: u32,
        plan: &Plan,
        author: UserId,
        at: OffsetDateTime,
        outbox: &[NewMail],
    ) -> Result<u32> {
        let cols = PlanColumns::of(plan)?;
        let plan_json = to_json(plan, "plan")?;
        let new_version = based_on
            .checked_add(1)
            .ok_or(StoreError::Conflict("plan version is not current"))?;
        let mut tx = self.begin_write().await?;
        // The version check and the bump are one statement, so of two authors who edited the
        // same version exactly one wins: the second's UPDATE waits for the first's row lock
        // and then checks its condition again against the committed row (PostgreSQL's
        // read-committed rule), finding the version moved on. The row stays locked until the
        // commit, so the version's row, its event and any approval come in order.
        let done = sqlx::query(
            "UPDATE processes SET plan_version = $1, method_id = $2, first_session = $3, \
             last_session = $4, updated_at = $5 WHERE id = $6 AND plan_version = $7",
        )
        .bind(i64::from(new_version))
        .bind(cols.method_id)
        .bind(cols.first_session)
        .bind(cols.last_session)
        .bind(timestamp(at)?)
        .bind(id.to_string())
        .bind(i64::from(based_on))
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(refused(&mut tx, id, "plan version is not current").await);
        }
        sqlx::query(
            "INSERT INTO plan_versions (process_id, version, plan_json, author_id, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id.to_string())
        .bind(i64::from(new_version))
        .bind(plan_json)
        .bind(author.to_string())
        .bind(timestamp(at)?)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        append_event(
            &mut tx,
            id,
            author,
            at,
            &EventKind::PlanSaved {
                version: new_version,
            },
        )
        .await?;
        crate::mail::insert_mails(&mut tx, outbox, at).await?;
        tx.commit().await.map_err(db)?;
        Ok(new_version)
    }

    async fn plan(&self, id: ProcessId, version: u32) -> Result<PlanVersion> {
        let row: Option<PlanRow> = sqlx::query_as(
            "SELECT process_id, version, plan_json, author_id, created_at FROM plan_versions \
             WHERE process_id = $1 AND version = $2",
        )
        .bind(id.to_string())
        .bind(i64::from(version))
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.ok_or(StoreError::NotFound)?.into_plan_version()
    }

    async fn current_plans(&self, ids: &[ProcessId]) -> Result<HashMap<ProcessId, PlanVersion>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let rows: Vec<PlanRow> = sqlx::query_as(
            "SELECT v.process_id, v.version, v.plan_json, v.author_id, v.created_at \
             FROM processes p JOIN plan_versions v \
             ON v.process_id = p.id AND v.version = p.plan_version \
             WHERE p.id = ANY($1)",
        )
        .bind(id_array(ids))
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(|r| r.into_plan_version().map(|v| (v.process, v)))
            .collect()
    }

    async fn plan_versions(&self, id: ProcessId) -> Result<Vec<PlanVersion>> {
        let rows: Vec<PlanRow> = sqlx::query_as(
            "SELECT process_id, version, plan_json, author_id, created_at FROM plan_versions \
             WHERE process_id = $1 ORDER BY version DESC",
        )
        .bind(id.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(PlanRow::into_plan_version).collect()
    }

    async fn approve(
        &self,
        id: ProcessId,
        version: u32,
        side: ApprovalSide,
        user: UserId,
        at: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        // The process's row lock keeps a concurrent `save_plan` from moving the version on
        // between the check below and the insert: an approval is only ever of the current
        // plan. `NotFound` if there is no such process.
        lock_process(&mut tx, id).await?;
        let current: i64 = sqlx::query_scalar("SELECT plan_version FROM processes WHERE id = $1")
            .bind(id.to_string())
            .fetch_one(&mut *tx)
            .await
            .map_err(db)?;
        if codec::version(current, "processes")? != version {
            return Err(StoreError::Conflict("plan version is not current"));
        }
        // A second approval of the same side keeps the first, unless a new facilitator
        // approves: the facilitator changed, and theirs is what counts.
        let done = sqlx::query(
            "INSERT INTO approvals (process_id, version, side, user_id, at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (process_id, version, side) DO UPDATE \
             SET user_id = excluded.user_id, at = excluded.at \
             WHERE approvals.side = 'facilitator' AND approvals.user_id <> excluded.user_id",
        )
        .bind(id.to_string())
        .bind(i64::from(version))
        .bind(side.code())
        .bind(user.to_string())
        .bind(timestamp(at)?)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        if done.rows_affected() == 1 {
            sqlx::query("UPDATE processes SET updated_at = $1 WHERE id = $2")
                .bind(timestamp(at)?)
                .bind(id.to_string())
                .execute(&mut *tx)
                .await
                .map_err(db)?;
            append_event(
                &mut tx,
                id,
                user,
                at,
                &EventKind::Approved { version, side },
            )
            .await?;
        }
        tx.commit().await.map_err(db)
    }

    async fn approvals(&self, id: ProcessId, version: u32) -> Result<Vec<Approval>> {
        let rows: Vec<ApprovalRow> = sqlx::query_as(
            "SELECT process_id, version, side, user_id, at FROM approvals \
             WHERE process_id = $1 AND version = $2 ORDER BY at, side",
        )
        .bind(id.to_string())
        .bind(i64::from(version))
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(ApprovalRow::into_approval).collect()
    }

    async fn set_state(
        &self,
        id: ProcessId,
        from: ProcessState,
        to: ProcessState,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<()> {
        self.move_state(id, from, to, actor, None, at).await
    }

    async fn set_state_with_reason(
        &self,
        id: ProcessId,
        from: ProcessState,
        to: ProcessState,
        actor: UserId,
        reason: &str,
        at: OffsetDateTime,
    ) -> Result<()> {
        self.move_state(id, from, to, actor, Some(reason.to_owned()), at)
            .await
    }

    async fn give_advice(
        &self,
        id: ProcessId,
        actor: UserId,
        method: Option<&str>,
        text: &str,
        at: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        // The process must exist (`NotFound` otherwise; the event table's foreign key would
        // say so less clearly). Its row lock also keeps the process's events in the order
        // their numbers give, as every other writer of them holds it too.
        lock_process(&mut tx, id).await?;
        append_event(
            &mut tx,
            id,
            actor,
            at,
            &EventKind::AdviceGiven {
                method: method.map(str::to_owned),
                text: text.to_owned(),
            },
        )
        .await?;
        tx.commit().await.map_err(db)
    }

    async fn events_of(&self, ids: &[ProcessId]) -> Result<HashMap<ProcessId, Vec<ProcessEvent>>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let rows: Vec<EventRow> = sqlx::query_as(
            "SELECT seq, process_id, actor_id, at, kind_json FROM process_events \
             WHERE process_id = ANY($1) ORDER BY seq",
        )
        .bind(id_array(ids))
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        let mut out: HashMap<ProcessId, Vec<ProcessEvent>> = HashMap::new();
        for r in rows {
            let e = r.into_event()?;
            out.entry(e.process).or_default().push(e);
        }
        Ok(out)
    }

    async fn events(&self, id: ProcessId) -> Result<Vec<ProcessEvent>> {
        let rows: Vec<EventRow> = sqlx::query_as(
            "SELECT seq, process_id, actor_id, at, kind_json FROM process_events \
             WHERE process_id = $1 ORDER BY seq",
        )
        .bind(id.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(EventRow::into_event).collect()
    }
}
