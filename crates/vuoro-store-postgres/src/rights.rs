//! Retention, a participant's own words and a staff member's record (see
//! `vuoro_store::rights`).

use super::*;
use crate::audit::insert_audit;
use crate::live::{append_live_event, lock_live};
use vuoro_core::summary::Summary;
use vuoro_store::rights::{
    BEYOND_ORGANISATION, RecordAccount, RecordApproval, RecordAudit, RecordEvent, RecordInvitation,
    RecordLogin, RecordMembership, RecordProcess, RecordRoleChange, RecordVersion,
    STILL_FACILITATING,
};
use vuoro_store::rights::{
    removed_address, removed_name, retention_changed_audit, retention_deleted_audit,
};
use vuoro_store::{
    NewAuditEntry, OwnComment, OwnItem, OwnWords, RawKind, Removal, RetentionCandidate,
    RetentionCounts, RetentionDeletion, RightsStore, StaffRecord,
};

/// Deletes these notes of a process with what hangs on them (their history, the link of a
/// duplicate merged into one), in the caller's transaction; returns how many went.
async fn delete_notes(conn: &mut PgConnection, ids: &[String]) -> Result<u64> {
    sqlx::query("DELETE FROM note_history WHERE note_id = ANY($1)")
        .bind(ids)
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    sqlx::query("UPDATE notes SET merged_into = NULL WHERE merged_into = ANY($1)")
        .bind(ids)
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    let done = sqlx::query("DELETE FROM notes WHERE id = ANY($1)")
        .bind(ids)
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    Ok(done.rows_affected())
}

/// Takes the quotes of these notes out of every version of the participant's process's
/// summary (see `Summary::without_quotes_of`), in the caller's transaction.
async fn unquote(conn: &mut PgConnection, participant: &str, gone: &HashSet<NoteId>) -> Result<()> {
    let versions: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT s.process_id, s.version, s.summary_json FROM summary_versions s \
         JOIN participants p ON p.process_id = s.process_id WHERE p.id = $1",
    )
    .bind(participant)
    .fetch_all(&mut *conn)
    .await
    .map_err(db)?;
    for (process, version, json) in versions {
        let summary: Summary = from_json(&json, "summary_versions")?;
        if let Some(after) = summary.without_quotes_of(gone) {
            sqlx::query(
                "UPDATE summary_versions SET summary_json = $1 WHERE process_id = $2 AND version = $3",
            )
            .bind(to_json(&after, "summary")?)
            .bind(&process)
            .bind(version)
            .execute(&mut *conn)
            .await
            .map_err(db)?;
        }
    }
    Ok(())
}

#[async_trait]
impl RightsStore for PgStore {
    async fn retention_months(&self, process: ProcessId) -> Result<u32> {
        let months: Option<i64> =
            sqlx::query_scalar("SELECT retention_months FROM processes WHERE id = $1")
                .bind(process.to_string())
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
        number(months.ok_or(StoreError::NotFound)?, "retention_months")
    }

    async fn set_retention_months(
        &self,
        process: ProcessId,
        months: u32,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let row: Option<(String, String, i64)> =
            sqlx::query_as("SELECT org_id, title, retention_months FROM processes WHERE id = $1")
                .bind(process.to_string())
                .fetch_optional(&mut *tx)
                .await
                .map_err(db)?;
        let (org, title, before) = row.ok_or(StoreError::NotFound)?;
        sqlx::query("UPDATE processes SET retention_months = $1 WHERE id = $2")
            .bind(i64::from(months))
            .bind(process.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        insert_audit(
            &mut tx,
            &retention_changed_audit(
                parse_id(&org, "processes")?,
                &title,
                number(before, "retention_months")?,
                months,
                actor,
                at,
            ),
        )
        .await?;
        tx.commit().await.map_err(db)
    }

    async fn retention_candidates(&self) -> Result<Vec<RetentionCandidate>> {
        type Row = (String, String, String, i64, String);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT p.id, p.org_id, p.title, p.retention_months, \
             (SELECT MIN(s.created_at) FROM summary_versions s \
              WHERE s.process_id = p.id AND s.state = 'published') AS published \
             FROM processes p \
             WHERE EXISTS (SELECT 1 FROM summary_versions s \
                           WHERE s.process_id = p.id AND s.state = 'published') \
               AND (EXISTS (SELECT 1 FROM notes n WHERE n.process_id = p.id) \
                    OR EXISTS (SELECT 1 FROM feedback_answers a \
                               JOIN live_sessions l ON l.id = a.live_session_id \
                               WHERE l.process_id = p.id) \
                    OR EXISTS (SELECT 1 FROM topics t WHERE t.process_id = p.id) \
                    OR EXISTS (SELECT 1 FROM summary_comments c WHERE c.process_id = p.id) \
                    OR EXISTS (SELECT 1 FROM participants r \
                               WHERE r.process_id = p.id AND r.display_name IS NOT NULL)) \
             ORDER BY p.id",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(|(id, org, title, months, published)| {
                Ok(RetentionCandidate {
                    process: parse_id(&id, "processes")?,
                    org: parse_id(&org, "processes")?,
                    title,
                    months: number(months, "retention_months")?,
                    published_at: parse_timestamp(&published, "summary_versions")?,
                })
            })
            .collect()
    }

    async fn delete_raw_data(
        &self,
        process: ProcessId,
        months: u32,
        published_at: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Result<Option<RetentionCounts>> {
        let mut tx = self.begin_write().await?;
        let row: Option<(String, String, Option<String>)> = sqlx::query_as(
            "SELECT p.org_id, p.title, (SELECT MIN(s.created_at) FROM summary_versions s \
                                        WHERE s.process_id = p.id AND s.state = 'published') \
             FROM processes p WHERE p.id = $1 AND p.retention_months = $2",
        )
        .bind(process.to_string())
        .bind(i64::from(months))
        .fetch_optional(&mut *tx)
        .await
        .map_err(db)?;
        let Some((org, title, Some(published))) = row else {
            return Ok(None);
        };
        if published != timestamp(published_at)? {
            return Ok(None);
        }
        let pid = process.to_string();
        let run = |sql: &'static str| sqlx::query(sql).bind(pid.clone());
        let notes: Vec<String> = sqlx::query_scalar("SELECT id FROM notes WHERE process_id = $1")
            .bind(&pid)
            .fetch_all(&mut *tx)
            .await
            .map_err(db)?;
        let deleted_notes = delete_notes(&mut tx, &notes).await?;
        let answers = run("DELETE FROM feedback_answers WHERE live_session_id IN \
                           (SELECT id FROM live_sessions WHERE process_id = $1)")
        .execute(&mut *tx)
        .await
        .map_err(db)?
        .rows_affected();
        run("DELETE FROM topic_picks WHERE topic_id IN (SELECT id FROM topics WHERE process_id = $1)")
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        let topics = run("DELETE FROM topics WHERE process_id = $1")
            .execute(&mut *tx)
            .await
            .map_err(db)?
            .rows_affected();
        let comments = run("DELETE FROM summary_comments WHERE process_id = $1")
            .execute(&mut *tx)
            .await
            .map_err(db)?
            .rows_affected();
        let names = run("UPDATE participants SET display_name = NULL \
                         WHERE process_id = $1 AND display_name IS NOT NULL")
        .execute(&mut *tx)
        .await
        .map_err(db)?
        .rows_affected();
        let counts = RetentionCounts {
            notes: deleted_notes,
            feedback_answers: answers,
            topics,
            summary_comments: comments,
            shown_names: names,
        };
        let at = timestamp(now)?;
        for (kind, n) in counts.by_kind() {
            if n > 0 {
                sqlx::query(
                    "INSERT INTO retention_deletions (process_id, kind, count, at) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(&pid)
                .bind(kind.as_str())
                .bind(i64::try_from(n).unwrap_or(i64::MAX))
                .bind(&at)
                .execute(&mut *tx)
                .await
                .map_err(db)?;
            }
        }
        if counts != RetentionCounts::default() {
            insert_audit(
                &mut tx,
                &retention_deleted_audit(parse_id(&org, "processes")?, &title, &counts, now),
            )
            .await?;
        }
        tx.commit().await.map_err(db)?;
        Ok(Some(counts))
    }

    async fn retention_deletions(&self, process: ProcessId) -> Result<Vec<RetentionDeletion>> {
        let rows: Vec<(String, i64, String)> = sqlx::query_as(
            "SELECT kind, count, at FROM retention_deletions WHERE process_id = $1 ORDER BY id",
        )
        .bind(process.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(|(kind, n, at)| {
                Ok(RetentionDeletion {
                    kind: RawKind::parse(&kind)
                        .ok_or_else(|| StoreError::Corrupt(format!("unknown kind {kind}")))?,
                    count: count(n, "retention_deletions")?,
                    at: parse_timestamp(&at, "retention_deletions")?,
                })
            })
            .collect()
    }

    async fn own_words(&self, participant: ParticipantId) -> Result<OwnWords> {
        let who = participant.to_string();
        let shown_name: Option<Option<String>> =
            sqlx::query_scalar("SELECT display_name FROM participants WHERE id = $1")
                .bind(&who)
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
        let notes: Vec<NoteRow> = sqlx::query_as(concat!(
            "SELECT ",
            note_columns!(),
            " FROM notes WHERE participant_id = $1 ORDER BY created_at, id"
        ))
        .bind(&who)
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        let topics: Vec<TopicRow> = sqlx::query_as(concat!(
            "SELECT ",
            topic_columns!(),
            " FROM topics t WHERE t.participant_id = $1 ORDER BY t.created_at, t.id"
        ))
        .bind(&who)
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        let comments: Vec<(i64, SummaryCommentRow)> = {
            let ids: Vec<i64> = sqlx::query_scalar(
                "SELECT id FROM summary_comments WHERE participant_id = $1 ORDER BY created_at, id",
            )
            .bind(&who)
            .fetch_all(&self.pool)
            .await
            .map_err(db)?;
            let rows: Vec<SummaryCommentRow> = sqlx::query_as(concat!(
                "SELECT ",
                summary_comment_columns!(),
                " FROM summary_comments WHERE participant_id = $1 ORDER BY created_at, id"
            ))
            .bind(&who)
            .fetch_all(&self.pool)
            .await
            .map_err(db)?;
            ids.into_iter().zip(rows).collect()
        };
        Ok(OwnWords {
            notes: notes
                .into_iter()
                .map(NoteRow::into_note)
                .collect::<Result<_>>()?,
            topics: topics
                .into_iter()
                .map(TopicRow::into_topic)
                .collect::<Result<_>>()?,
            comments: comments
                .into_iter()
                .map(|(id, row)| {
                    Ok(OwnComment {
                        id,
                        comment: row.into_summary_comment()?,
                    })
                })
                .collect::<Result<_>>()?,
            shown_name: shown_name.flatten(),
        })
    }

    async fn delete_own_words(
        &self,
        participant: ParticipantId,
        item: OwnItem,
        at: OffsetDateTime,
    ) -> Result<Vec<LiveEvent>> {
        let mut tx = self.begin_write().await?;
        let who = participant.to_string();
        let all = item == OwnItem::All;
        // (id, live session) of what goes.
        let pick = |sql: &'static str, id: Option<String>| {
            let q = sqlx::query_as::<_, (String, String)>(sql);
            match id {
                Some(id) => q.bind(id).bind(who.clone()),
                None => q.bind(who.clone()),
            }
        };
        let notes = match item {
            OwnItem::Note(id) => pick(
                "SELECT id, live_session_id FROM notes WHERE id = $1 AND participant_id = $2",
                Some(id.to_string()),
            )
            .fetch_all(&mut *tx)
            .await
            .map_err(db)?,
            OwnItem::All => pick(
                "SELECT id, live_session_id FROM notes WHERE participant_id = $1 \
                 ORDER BY created_at, id",
                None,
            )
            .fetch_all(&mut *tx)
            .await
            .map_err(db)?,
            _ => Vec::new(),
        };
        let topics = match item {
            OwnItem::Topic(id) => pick(
                "SELECT id, live_session_id FROM topics WHERE id = $1 AND participant_id = $2",
                Some(id.to_string()),
            )
            .fetch_all(&mut *tx)
            .await
            .map_err(db)?,
            OwnItem::All => pick(
                "SELECT id, live_session_id FROM topics WHERE participant_id = $1",
                None,
            )
            .fetch_all(&mut *tx)
            .await
            .map_err(db)?,
            _ => Vec::new(),
        };
        let comments = match item {
            OwnItem::Comment(id) => {
                sqlx::query("DELETE FROM summary_comments WHERE id = $1 AND participant_id = $2")
                    .bind(id)
                    .bind(&who)
                    .execute(&mut *tx)
                    .await
                    .map_err(db)?
                    .rows_affected()
            }
            OwnItem::All => sqlx::query("DELETE FROM summary_comments WHERE participant_id = $1")
                .bind(&who)
                .execute(&mut *tx)
                .await
                .map_err(db)?
                .rows_affected(),
            _ => 0,
        };
        // The name goes from the participant and from what of theirs stays: their notes and
        // topics, whose boards are told.
        let (named, renamed_notes, renamed_topics) = if item == OwnItem::Name {
            let notes = pick(
                "SELECT id, live_session_id FROM notes \
                 WHERE participant_id = $1 AND shown_name IS NOT NULL",
                None,
            )
            .fetch_all(&mut *tx)
            .await
            .map_err(db)?;
            let topics = pick(
                "SELECT id, live_session_id FROM topics \
                 WHERE participant_id = $1 AND shown_name IS NOT NULL",
                None,
            )
            .fetch_all(&mut *tx)
            .await
            .map_err(db)?;
            (true, notes, topics)
        } else {
            (all, Vec::new(), Vec::new())
        };
        let mut named_any = false;
        if named {
            named_any = sqlx::query(
                "UPDATE participants SET display_name = NULL \
                 WHERE id = $1 AND display_name IS NOT NULL",
            )
            .bind(&who)
            .execute(&mut *tx)
            .await
            .map_err(db)?
            .rows_affected()
                > 0;
            for sql in [
                "UPDATE notes SET shown_name = NULL WHERE participant_id = $1",
                "UPDATE topics SET shown_name = NULL WHERE participant_id = $1",
            ] {
                sqlx::query(sql)
                    .bind(&who)
                    .execute(&mut *tx)
                    .await
                    .map_err(db)?;
            }
        }
        let nothing = notes.is_empty()
            && topics.is_empty()
            && comments == 0
            && !named_any
            && renamed_notes.is_empty()
            && renamed_topics.is_empty();
        if nothing && !all {
            return Err(StoreError::NotFound);
        }
        let ids: Vec<String> = notes.iter().map(|(id, _)| id.clone()).collect();
        if !ids.is_empty() {
            let gone = ids
                .iter()
                .map(|id| parse_id(id, "notes"))
                .collect::<Result<HashSet<NoteId>>>()?;
            unquote(&mut tx, &who, &gone).await?;
        }
        delete_notes(&mut tx, &ids).await?;
        let topic_ids: Vec<String> = topics.iter().map(|(id, _)| id.clone()).collect();
        if !topic_ids.is_empty() {
            let json = &topic_ids;
            for sql in [
                "DELETE FROM topic_picks WHERE topic_id = ANY($1)",
                // The group's notes stay, as the session's.
                "UPDATE notes SET topic_id = NULL WHERE topic_id = ANY($1)",
                "DELETE FROM topics WHERE id = ANY($1)",
            ] {
                sqlx::query(sql)
                    .bind(json)
                    .execute(&mut *tx)
                    .await
                    .map_err(db)?;
            }
        }
        // Each session's lock first, in one order, as every writer of live events takes it.
        let mut sessions: Vec<&str> = notes
            .iter()
            .chain(&renamed_notes)
            .chain(&topics)
            .chain(&renamed_topics)
            .map(|(_, live)| live.as_str())
            .collect();
        sessions.sort_unstable();
        sessions.dedup();
        let mut locks = HashMap::new();
        for live in sessions {
            let id: LiveSessionId = parse_id(live, "notes")?;
            locks.insert(live.to_owned(), lock_live(&mut tx, id).await?);
        }
        let lock_of = |live: &str| {
            locks
                .get(live)
                .ok_or_else(|| StoreError::Corrupt("a session was not locked".into()))
        };
        let mut events = Vec::new();
        for (id, live) in notes.iter().chain(&renamed_notes) {
            events.push(
                append_live_event(
                    &mut tx,
                    lock_of(live)?,
                    at,
                    LiveEventKind::NoteChanged {
                        note: parse_id(id, "notes")?,
                    },
                )
                .await?,
            );
        }
        let mut topic_sessions: Vec<&str> = topics
            .iter()
            .chain(&renamed_topics)
            .map(|(_, live)| live.as_str())
            .collect();
        topic_sessions.sort_unstable();
        topic_sessions.dedup();
        for live in topic_sessions {
            events.push(
                append_live_event(&mut tx, lock_of(live)?, at, LiveEventKind::TopicsChanged)
                    .await?,
            );
        }
        tx.commit().await.map_err(db)?;
        Ok(events)
    }

    async fn former_members(&self, org: OrgId) -> Result<Vec<User>> {
        let rows: Vec<UserRow> = sqlx::query_as(concat!(
            "SELECT ",
            user_columns!(),
            " FROM users u WHERE u.id IN (SELECT user_id FROM role_changes WHERE org_id = $1) \
             AND u.id NOT IN (SELECT user_id FROM org_roles WHERE org_id = $1) \
             AND u.email NOT LIKE 'removed-%@vuoro.invalid' ORDER BY u.name, u.id"
        ))
        .bind(org.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(UserRow::into_user).collect()
    }

    async fn staff_record(&self, user: UserId, org: Option<OrgId>) -> Result<StaffRecord> {
        let u = self.user(user).await?;
        let uid = user.to_string();
        // An empty organisation matches every one.
        let scope = org.map(|o| o.to_string()).unwrap_or_default();
        let pool = &self.pool;
        let memberships: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT r.org_id, o.name, r.role FROM org_roles r \
             JOIN organisations o ON o.id = r.org_id \
             WHERE r.user_id = $1 AND ($2 = '' OR r.org_id = $2) \
             ORDER BY o.name, r.org_id, r.role",
        )
        .bind(&uid)
        .bind(&scope)
        .fetch_all(pool)
        .await
        .map_err(db)?;
        let mut ms: Vec<RecordMembership> = Vec::new();
        for (o, name, role) in memberships {
            match ms.last_mut() {
                Some(m) if m.organisation == o => m.roles.push(role),
                _ => ms.push(RecordMembership {
                    organisation: o,
                    organisation_name: name,
                    roles: vec![role],
                }),
            }
        }
        // The column and table names below are literals of this file, never input.
        let processes = |column: &'static str| {
            let sql = format!(
                "SELECT id, org_id, title, state, created_at FROM processes \
                 WHERE {column} = $1 AND ($2 = '' OR org_id = $2) ORDER BY created_at, id"
            );
            let (uid, scope) = (uid.clone(), scope.clone());
            async move {
                let rows: Vec<(String, String, String, String, String)> =
                    sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                        .bind(&uid)
                        .bind(&scope)
                        .bind(&scope)
                        .fetch_all(pool)
                        .await
                        .map_err(db)?;
                Ok::<_, StoreError>(
                    rows.into_iter()
                        .map(
                            |(id, organisation, title, state, created_at)| RecordProcess {
                                id,
                                organisation,
                                title,
                                state,
                                created_at,
                            },
                        )
                        .collect::<Vec<_>>(),
                )
            }
        };
        let versions = |table: &'static str, column: &'static str, at: &'static str| {
            let sql = format!(
                "SELECT t.process_id, t.version, t.{at} FROM {table} t \
                 JOIN processes p ON p.id = t.process_id \
                 WHERE t.{column} = $1 AND ($2 = '' OR p.org_id = $2) ORDER BY t.{at}, t.process_id"
            );
            let (uid, scope) = (uid.clone(), scope.clone());
            async move {
                let rows: Vec<(String, i64, String)> =
                    sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                        .bind(&uid)
                        .bind(&scope)
                        .bind(&scope)
                        .fetch_all(pool)
                        .await
                        .map_err(db)?;
                Ok::<_, StoreError>(
                    rows.into_iter()
                        .map(|(process, version, at)| RecordVersion {
                            process,
                            version,
                            at,
                        })
                        .collect::<Vec<_>>(),
                )
            }
        };
        let approvals: Vec<(String, i64, String, String)> = sqlx::query_as(
            "SELECT a.process_id, a.version, a.side, a.at FROM approvals a \
             JOIN processes p ON p.id = a.process_id \
             WHERE a.user_id = $1 AND ($2 = '' OR p.org_id = $2) ORDER BY a.at, a.process_id",
        )
        .bind(&uid)
        .bind(&scope)
        .bind(&scope)
        .fetch_all(pool)
        .await
        .map_err(db)?;
        let events: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT e.process_id, e.at, e.kind_json FROM process_events e \
             JOIN processes p ON p.id = e.process_id \
             WHERE e.actor_id = $1 AND ($2 = '' OR p.org_id = $2) ORDER BY e.seq",
        )
        .bind(&uid)
        .bind(&scope)
        .bind(&scope)
        .fetch_all(pool)
        .await
        .map_err(db)?;
        let role_changes: Vec<(String, String, String, String, String)> = sqlx::query_as(
            "SELECT org_id, user_id, roles_before, roles_after, at FROM role_changes \
             WHERE (user_id = $1 OR actor_id = $1) AND ($2 = '' OR org_id = $2) ORDER BY id",
        )
        .bind(&uid)
        .bind(&scope)
        .fetch_all(pool)
        .await
        .map_err(db)?;
        let invitations: Vec<(String, String, Option<String>)> = sqlx::query_as(
            "SELECT org_id, created_at, accepted_at FROM invitations \
             WHERE invited_by = $1 AND ($2 = '' OR org_id = $2) ORDER BY created_at",
        )
        .bind(&uid)
        .bind(&scope)
        .bind(&scope)
        .fetch_all(pool)
        .await
        .map_err(db)?;
        let logins: Vec<(String, String)> = sqlx::query_as(
            "SELECT created_at, expires_at FROM login_sessions WHERE user_id = $1 \
             ORDER BY created_at",
        )
        .bind(&uid)
        .fetch_all(pool)
        .await
        .map_err(db)?;
        let account: (Option<String>, Option<String>) =
            sqlx::query_as("SELECT confirmed_at, origin_org FROM users WHERE id = $1")
                .bind(&uid)
                .fetch_one(pool)
                .await
                .map_err(db)?;
        type AuditRow = (Option<String>, String, Option<String>, String, String);
        let audit: Vec<AuditRow> = sqlx::query_as(
            "SELECT org_id, action, target_user_id, detail, at FROM audit_log \
             WHERE (actor_id = $1 OR target_user_id = $1) AND ($2 = '' OR org_id = $2) ORDER BY id",
        )
        .bind(&uid)
        .bind(&scope)
        .fetch_all(pool)
        .await
        .map_err(db)?;
        let typed: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM notes n JOIN processes p ON p.id = n.process_id \
             WHERE n.staff_user_id = $1 AND ($2 = '' OR p.org_id = $2)",
        )
        .bind(&uid)
        .bind(&scope)
        .bind(&scope)
        .fetch_one(pool)
        .await
        .map_err(db)?;
        Ok(StaffRecord {
            account: RecordAccount {
                id: uid.clone(),
                email: u.email,
                name: u.name,
                site_admin: u.site_admin,
                created_at: timestamp(u.created_at)?,
                address_confirmed_at: account.0,
                unconfirmed_origin: account.1,
            },
            memberships: ms,
            processes_ordered: processes("orderer_id").await?,
            processes_facilitated: processes("facilitator_id").await?,
            plan_versions: versions("plan_versions", "author_id", "created_at").await?,
            approvals: approvals
                .into_iter()
                .map(|(process, version, side, at)| RecordApproval {
                    process,
                    version,
                    side,
                    at,
                })
                .collect(),
            theme_versions: versions("theme_sets", "created_by", "created_at").await?,
            summary_versions: versions("summary_versions", "created_by", "created_at").await?,
            process_log: events
                .into_iter()
                .map(|(process, at, json)| {
                    Ok(RecordEvent {
                        process,
                        at,
                        event: from_json(&json, "process_events")?,
                    })
                })
                .collect::<Result<_>>()?,
            role_changes: role_changes
                .into_iter()
                .map(
                    |(organisation, subject, before, after, at)| RecordRoleChange {
                        organisation,
                        own: subject == uid,
                        before,
                        after,
                        at,
                    },
                )
                .collect(),
            invitations_sent: invitations
                .into_iter()
                .map(|(organisation, created_at, accepted)| RecordInvitation {
                    organisation,
                    created_at,
                    accepted: accepted.is_some(),
                })
                .collect(),
            logins: logins
                .into_iter()
                .map(|(created_at, expires_at)| RecordLogin {
                    created_at,
                    expires_at,
                })
                .collect(),
            audit_entries: audit
                .into_iter()
                .map(|(organisation, action, target, detail, at)| RecordAudit {
                    organisation,
                    action,
                    about_them: target.as_deref() == Some(uid.as_str()),
                    detail,
                    at,
                })
                .collect(),
            notes_typed_for_the_circle: count(typed, "notes")?,
            network: vuoro_store::NetworkStore::network_record(self, user, org).await?,
            offers: vuoro_store::OfferStore::offer_record(self, user, org).await?,
        })
    }

    async fn remove_staff(
        &self,
        user: UserId,
        removal: Removal,
        actor: UserId,
        org: Option<OrgId>,
        at: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let uid = user.to_string();
        let account: Option<(String, bool)> =
            sqlx::query_as("SELECT email, site_admin FROM users WHERE id = $1 FOR UPDATE")
                .bind(&uid)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db)?;
        let (email, site_admin) = account.ok_or(StoreError::NotFound)?;
        let roles: Vec<(String, String)> = sqlx::query_as(
            "SELECT org_id, role FROM org_roles WHERE user_id = $1 ORDER BY org_id, role",
        )
        .bind(&uid)
        .fetch_all(&mut *tx)
        .await
        .map_err(db)?;
        let mut held: Vec<(String, Vec<String>)> = Vec::new();
        for (o, role) in roles {
            match held.last_mut() {
                Some((last, rs)) if *last == o => rs.push(role),
                _ => held.push((o, vec![role])),
            }
        }
        if let Some(org) = org {
            let here = org.to_string();
            if !held.iter().any(|(o, _)| *o == here) {
                // A former member: their history here is still this organisation's.
                let was: Option<i64> = sqlx::query_scalar(
                    "SELECT 1::BIGINT FROM role_changes WHERE org_id = $1 AND user_id = $2 LIMIT 1",
                )
                .bind(&here)
                .bind(&uid)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db)?;
                if was.is_none() {
                    return Err(StoreError::NotFound);
                }
            }
            if site_admin || held.iter().any(|(o, _)| *o != here) {
                return Err(StoreError::Conflict(BEYOND_ORGANISATION));
            }
        }
        let running: Option<i32> = sqlx::query_scalar(
            "SELECT 1 FROM processes WHERE facilitator_id = $1 \
             AND state NOT IN ('closed', 'cancelled') LIMIT 1",
        )
        .bind(&uid)
        .fetch_optional(&mut *tx)
        .await
        .map_err(db)?;
        if running.is_some() {
            return Err(StoreError::Conflict(STILL_FACILITATING));
        }
        let now = timestamp(at)?;
        for (o, rs) in &held {
            sqlx::query(
                "INSERT INTO role_changes (org_id, user_id, actor_id, roles_before, roles_after, \
                 via, self_grant, at) VALUES ($1, $2, $3, $4, '', 'members', false, $5)",
            )
            .bind(o)
            .bind(&uid)
            .bind(actor.to_string())
            .bind(rs.join(","))
            .bind(&now)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        }
        // Their roles and log-ins, and what would still reach the person or let them in: a
        // sign-on identity (the provider would log them into the emptied account), mailed
        // links, mail settings, and (below) the outbox's messages to them or their old address.
        for statement in [
            "DELETE FROM org_roles WHERE user_id = $1",
            "DELETE FROM login_sessions WHERE user_id = $1",
            "DELETE FROM sign_on_identities WHERE user_id = $1",
            "DELETE FROM account_tokens WHERE user_id = $1",
            "DELETE FROM mail_settings WHERE user_id = $1",
            "DELETE FROM mail_turned_off WHERE user_id = $1",
            // The network's profile, absences and the trainings added on the profile; what they
            // attended (trainees, trainings completed, meetings) stays under the removed account.
            "DELETE FROM facilitator_profiles WHERE user_id = $1",
            "DELETE FROM facilitator_absences WHERE user_id = $1",
            "DELETE FROM held_trainings WHERE user_id = $1 AND training_id IS NULL",
            // Their volunteering, and the reasons they gave for declining (a reason may tell
            // of their health or their relations); the offers stay as history.
            "DELETE FROM order_volunteers WHERE user_id = $1",
            "UPDATE facilitator_offers SET reason = NULL WHERE facilitator_id = $1",
        ] {
            sqlx::query(statement)
                .bind(&uid)
                .execute(&mut *tx)
                .await
                .map_err(db)?;
        }
        sqlx::query("DELETE FROM mail_outbox WHERE user_id = $1 OR address = $2")
            .bind(&uid)
            .bind(&email)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        sqlx::query(
            "DELETE FROM invitation_roles WHERE token_hash IN \
             (SELECT token_hash FROM invitations WHERE email = $1 AND accepted_at IS NULL)",
        )
        .bind(&email)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        sqlx::query("DELETE FROM invitations WHERE email = $1 AND accepted_at IS NULL")
            .bind(&email)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        // Accepted invitations keep the history of who was invited when, but not the address:
        // it would still show on the organisation's and the audit page.
        let gone = removed_address();
        sqlx::query("UPDATE invitations SET email = $1 WHERE email = $2")
            .bind(&gone)
            .bind(&email)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        let (name, action) = removed_name(removal);
        sqlx::query(
            "UPDATE users SET name = $1, email = $2, password_hash = '!', site_admin = false, \
             origin_org = NULL WHERE id = $3",
        )
        .bind(name)
        .bind(&gone)
        .bind(&uid)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        let orgs: Vec<Option<OrgId>> = if held.is_empty() {
            vec![org]
        } else {
            held.iter()
                .map(|(o, _)| parse_id(o, "org_roles").map(Some))
                .collect::<Result<_>>()?
        };
        for o in orgs {
            insert_audit(
                &mut tx,
                &NewAuditEntry {
                    org: o,
                    actor: Some(actor),
                    action,
                    target_user: Some(user),
                    detail: String::new(),
                    at,
                },
            )
            .await?;
        }
        tx.commit().await.map_err(db)
    }
}
