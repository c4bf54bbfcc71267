//! Live sessions on PostgreSQL: participants, notes, café, open space, the turn queue, feedback
//! and live events.
//!
//! SQLite runs one writer at a time; here every transaction that appends a live event or
//! decides on a live session's state (open, feedback, the topics' numbers and cells, a note's
//! history) first locks the session's row with [`lock_live`], before it reads anything else,
//! so the session's writers queue one behind another and always take their locks in the same
//! order (the session, then other rows). The event's `seq` is drawn under that lock, so within
//! a session the numbers commit in the order they were drawn: a client that resumes after the
//! last `seq` it saw never skips an event that was still being written.

use super::*;

/// When a note (aliased `n`) counts as curated ([`LiveStore::note_curated`]): written once for
/// the one note a writer revises and the many a phone's page shows.
macro_rules! curated_condition {
    () => {
        "( \
             EXISTS (SELECT 1 FROM note_history h WHERE h.note_id = n.id) \
             OR EXISTS (SELECT 1 FROM notes m WHERE m.merged_into = n.id) \
             OR EXISTS (SELECT 1 FROM theme_sets t, \
                        jsonb_array_elements(t.themes_json::jsonb -> 'themes') th, \
                        jsonb_array_elements_text(th -> 'notes') tn \
                        WHERE t.process_id = n.process_id AND tn = n.id) \
             OR EXISTS (SELECT 1 FROM summary_versions s WHERE s.process_id = n.process_id \
                        AND strpos(s.summary_json, n.id) > 0))"
    };
}

#[async_trait]
impl LiveStore for PgStore {
    async fn open_live_session(&self, s: &LiveSession) -> Result<()> {
        let done = sqlx::query(
            "INSERT INTO live_sessions (id, process_id, plan_session, phase, join_code, open, \
             stage, question, timer_json, opened_by, opened_at, closed_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(s.id.to_string())
        .bind(s.process.to_string())
        .bind(i64::from(s.plan_session))
        .bind(i64::from(s.phase))
        .bind(s.join_code.as_str())
        .bind(s.open)
        .bind(index_value(s.position.stage)?)
        .bind(index_value(s.position.question)?)
        .bind(to_json(&s.timer, "timer")?)
        .bind(s.opened_by.to_string())
        .bind(timestamp(s.opened_at)?)
        .bind(s.closed_at.map(timestamp).transpose()?)
        .execute(&self.pool)
        .await;
        match done {
            Ok(_) => Ok(()),
            Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
                // Storing the same session twice may also trip the code's index, and which of
                // the two constraints is reported depends on the order the indexes are checked
                // in; the id tells them apart.
                let mut conn = self.pool.acquire().await.map_err(db)?;
                match live_session_process(&mut conn, s.id).await {
                    Ok(_) => Err(StoreError::Duplicate("live session")),
                    Err(StoreError::NotFound) => Err(StoreError::Duplicate("join code")),
                    Err(e) => Err(e),
                }
            }
            Err(e) => Err(db(e)),
        }
    }

    async fn live_session(&self, id: LiveSessionId) -> Result<LiveSession> {
        let row: Option<LiveSessionRow> = sqlx::query_as(concat!(
            "SELECT ",
            live_session_columns!(),
            " FROM live_sessions WHERE id = $1"
        ))
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.ok_or(StoreError::NotFound)?.into_live_session()
    }

    async fn live_session_by_code(&self, code: &JoinCode) -> Result<Option<LiveSession>> {
        // `open` in the condition lets PostgreSQL use the partial unique index on open
        // sessions' codes.
        let row: Option<LiveSessionRow> = sqlx::query_as(concat!(
            "SELECT ",
            live_session_columns!(),
            " FROM live_sessions WHERE join_code = $1 AND open"
        ))
        .bind(code.as_str())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.map(LiveSessionRow::into_live_session).transpose()
    }

    async fn live_sessions(&self, process: ProcessId) -> Result<Vec<LiveSession>> {
        let rows: Vec<LiveSessionRow> = sqlx::query_as(concat!(
            "SELECT ",
            live_session_columns!(),
            " FROM live_sessions WHERE process_id = $1 ORDER BY opened_at DESC, id DESC"
        ))
        .bind(process.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(LiveSessionRow::into_live_session)
            .collect()
    }

    async fn move_live_session(
        &self,
        id: LiveSessionId,
        position: Position,
        timer: Timer,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let stage = index_value(position.stage)?;
        let question = index_value(position.question)?;
        let timer_json = to_json(&timer, "timer")?;
        let mut tx = self.begin_write().await?;
        // Locked first: the session's state decides, and the event's `seq` is drawn below.
        let lock = lock_live(&mut tx, id).await?;
        lock.require_open()?;
        sqlx::query(
            "UPDATE live_sessions SET stage = $1, question = $2, timer_json = $3 WHERE id = $4",
        )
        .bind(stage)
        .bind(question)
        .bind(timer_json)
        .bind(id.to_string())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        let event = append_live_event(&mut tx, &lock, at, LiveEventKind::Moved).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn close_live_session(&self, id: LiveSessionId, at: OffsetDateTime) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        // Locked first, so no writer of the session appends after `Closed`.
        let lock = lock_live(&mut tx, id).await?;
        lock.require_open()?;
        sqlx::query("UPDATE live_sessions SET open = FALSE, closed_at = $1 WHERE id = $2")
            .bind(timestamp(at)?)
            .bind(id.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        let event = append_live_event(&mut tx, &lock, at, LiveEventKind::Closed).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn create_participant(&self, p: &Participant) -> Result<()> {
        sqlx::query(
            "INSERT INTO participants (id, process_id, token_hash, display_name, lang, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(p.id.to_string())
        .bind(p.process.to_string())
        .bind(&p.token_hash)
        .bind(p.display_name.as_deref())
        .bind(&p.lang)
        .bind(timestamp(p.created_at)?)
        .execute(&self.pool)
        .await
        .map_err(db_unique("participant"))?;
        Ok(())
    }

    async fn participant_by_token(&self, token_hash: &str) -> Result<Option<Participant>> {
        let row: Option<ParticipantRow> = sqlx::query_as(concat!(
            "SELECT ",
            participant_columns!(),
            " FROM participants WHERE token_hash = $1"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.map(ParticipantRow::into_participant).transpose()
    }

    async fn update_participant(
        &self,
        id: ParticipantId,
        display_name: Option<&str>,
        lang: &str,
    ) -> Result<()> {
        let done =
            sqlx::query("UPDATE participants SET display_name = $1, lang = $2 WHERE id = $3")
                .bind(display_name)
                .bind(lang)
                .bind(id.to_string())
                .execute(&self.pool)
                .await
                .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn count_participants(&self, live: LiveSessionId) -> Result<u64> {
        // Someone who wrote a note counts even if their joining was never recorded; someone
        // removed frees their seat.
        let n: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM ( \
                 SELECT participant_id FROM attendance \
                 WHERE live_session_id = $1 AND removed_at IS NULL \
                 UNION \
                 SELECT participant_id FROM notes \
                 WHERE live_session_id = $1 AND participant_id IS NOT NULL \
                 AND participant_id NOT IN ( \
                     SELECT participant_id FROM attendance \
                     WHERE live_session_id = $1 AND removed_at IS NOT NULL)) AS present",
        )
        .bind(live.to_string())
        .fetch_one(&self.pool)
        .await
        .map_err(db)?;
        count(n, "participant")
    }

    async fn attend(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
        at: OffsetDateTime,
    ) -> Result<()> {
        // The process is copied from the session in the same statement; the foreign keys then
        // refuse a participant of another process as well as an unknown one.
        let done = sqlx::query(
            "INSERT INTO attendance (live_session_id, participant_id, process_id, first_seen) \
             SELECT id, $1, process_id, $2 FROM live_sessions WHERE id = $3 \
             ON CONFLICT (live_session_id, participant_id) DO NOTHING",
        )
        .bind(participant.to_string())
        .bind(timestamp(at)?)
        .bind(live.to_string())
        .execute(&self.pool)
        .await
        .map_err(db)?;
        if done.rows_affected() == 0 {
            // Either already recorded, or there is no such session.
            let mut conn = self.pool.acquire().await.map_err(db)?;
            live_session_process(&mut conn, live).await?;
        }
        Ok(())
    }

    async fn presence(&self, live: LiveSessionId, participant: ParticipantId) -> Result<Presence> {
        let removed: Option<Option<String>> = sqlx::query_scalar(
            "SELECT removed_at FROM attendance WHERE live_session_id = $1 AND participant_id = $2",
        )
        .bind(live.to_string())
        .bind(participant.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        Ok(match removed {
            None => Presence::Absent,
            Some(None) => Presence::Present,
            Some(Some(_)) => Presence::Removed,
        })
    }

    async fn remove_attendee(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        // Locked first: the queue changes and an event is appended.
        let lock = lock_live(&mut tx, live).await?;
        let done = sqlx::query(
            "UPDATE attendance SET removed_at = COALESCE(removed_at, $1) \
             WHERE live_session_id = $2 AND participant_id = $3",
        )
        .bind(timestamp(at)?)
        .bind(live.to_string())
        .bind(participant.to_string())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM hands WHERE live_session_id = $1 AND participant_id = $2")
            .bind(live.to_string())
            .bind(participant.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        let event = append_live_event(&mut tx, &lock, at, LiveEventKind::HandsChanged).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn joining_locked(&self, live: LiveSessionId) -> Result<bool> {
        let row: Option<bool> =
            sqlx::query_scalar("SELECT joining_locked FROM live_sessions WHERE id = $1")
                .bind(live.to_string())
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
        row.ok_or(StoreError::NotFound)
    }

    async fn set_joining_locked(&self, live: LiveSessionId, locked: bool) -> Result<()> {
        let done = sqlx::query("UPDATE live_sessions SET joining_locked = $1 WHERE id = $2")
            .bind(locked)
            .bind(live.to_string())
            .execute(&self.pool)
            .await
            .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn add_note(&self, n: &Note) -> Result<LiveEvent> {
        // The hot path of a session (every phone's every note): one lock and one statement
        // that stores the note and appends its event together.
        let (participant, staff) = author_columns(&n.author);
        let created_at = timestamp(n.created_at)?;
        let kind = LiveEventKind::NoteAdded { note: n.id };
        let kind_json = to_json(&kind, "live event")?;
        let mut tx = self.begin_write().await?;
        // Locked first, so the event's `seq`, drawn in the statement below, commits before any
        // `seq` the session's next writer draws.
        let lock = lock_live(&mut tx, n.live_session).await?;
        // A note on a topic: the column's foreign key only knows the topic exists; the schema
        // cannot say it belongs to the note's own session, so the insert asks. Without a row
        // to insert, no event is appended and no `seq` returned.
        let seq: Option<i64> = sqlx::query_scalar(
            "WITH note AS ( \
                 INSERT INTO notes (id, live_session_id, process_id, participant_id, \
                 staff_user_id, shown_name, stage, question, text, lang, hidden, starred, \
                 cafe_round, cafe_table, summary, topic_id, created_at) \
                 SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17 \
                 WHERE $16::text IS NULL OR EXISTS ( \
                     SELECT 1 FROM topics WHERE id = $16 AND live_session_id = $2) \
                 RETURNING id) \
             INSERT INTO live_events (live_session_id, at, kind_json) \
             SELECT $2, $17, $18 FROM note RETURNING seq",
        )
        .bind(n.id.to_string())
        .bind(n.live_session.to_string())
        .bind(&lock.process)
        .bind(participant)
        .bind(staff)
        .bind(n.shown_name.as_deref())
        .bind(i64::from(n.stage))
        .bind(&n.question)
        .bind(&n.text)
        .bind(&n.lang)
        .bind(n.hidden)
        .bind(n.starred)
        .bind(n.place.map(|p| i64::from(p.round)))
        .bind(n.place.map(|p| i64::from(p.table)))
        .bind(n.place.is_some_and(|p| p.summary))
        .bind(n.topic.map(|t| t.to_string()))
        .bind(created_at)
        .bind(kind_json)
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_unique("note"))?;
        let seq = seq.ok_or(StoreError::NotFound)?;
        tx.commit().await.map_err(db)?;
        Ok(LiveEvent {
            seq,
            live_session: n.live_session,
            at: n.created_at,
            kind,
        })
    }

    async fn note(&self, id: NoteId) -> Result<Note> {
        let row: Option<NoteRow> = sqlx::query_as(concat!(
            "SELECT ",
            note_columns!(),
            " FROM notes WHERE id = $1"
        ))
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.ok_or(StoreError::NotFound)?.into_note()
    }

    async fn change_note(
        &self,
        id: NoteId,
        change: &NoteChange,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let when = timestamp(at)?;
        let mut tx = self.begin_write().await?;
        // The note's session locked first: its text, its history's next version and the merge
        // target are read under the lock every writer of the session's notes takes.
        let lock = lock_live_of_note(&mut tx, id).await?;
        let live = lock.live;
        // Read again under the lock: its writer may have withdrawn it meanwhile.
        let old_text: Option<String> = sqlx::query_scalar("SELECT text FROM notes WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(&mut *tx)
            .await
            .map_err(db)?;
        let old_text = old_text.ok_or(StoreError::NotFound)?;
        if let NoteChange::MergeInto { target } = change {
            let target_live: Option<(String, Option<String>)> =
                sqlx::query_as("SELECT live_session_id, merged_into FROM notes WHERE id = $1")
                    .bind(target.to_string())
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db)?;
            let same_session = matches!(&target_live, Some((l, None)) if *l == live.to_string());
            if *target == id || !same_session {
                return Err(StoreError::Conflict("merge target"));
            }
            sqlx::query("UPDATE notes SET hidden = TRUE, merged_into = $1 WHERE id = $2")
                .bind(target.to_string())
                .bind(id.to_string())
                .execute(&mut *tx)
                .await
                .map_err(db)?;
        }
        let (sql, new_text) = match change {
            NoteChange::Hide => ("UPDATE notes SET hidden = TRUE WHERE id = $1", None),
            NoteChange::Show => ("UPDATE notes SET hidden = FALSE WHERE id = $1", None),
            NoteChange::Star => ("UPDATE notes SET starred = TRUE WHERE id = $1", None),
            NoteChange::Unstar => ("UPDATE notes SET starred = FALSE WHERE id = $1", None),
            NoteChange::Edit { text } => ("UPDATE notes SET text = $1 WHERE id = $2", Some(text)),
            // Done above, where the target is checked.
            NoteChange::MergeInto { .. } => ("", None),
            NoteChange::MoveToTable { .. } | NoteChange::MoveToTopic { .. } => ("", None),
        };
        if let NoteChange::MoveToTopic { topic } = change {
            // The topic must be one of the note's own session, as for a note written to it.
            if let Some(topic) = topic {
                let ours: Option<i32> = sqlx::query_scalar(
                    "SELECT 1 FROM topics WHERE id = $1 AND live_session_id = $2",
                )
                .bind(topic.to_string())
                .bind(live.to_string())
                .fetch_optional(&mut *tx)
                .await
                .map_err(db)?;
                if ours.is_none() {
                    return Err(StoreError::NotFound);
                }
            }
            sqlx::query("UPDATE notes SET topic_id = $1 WHERE id = $2")
                .bind(topic.map(|t| t.to_string()))
                .bind(id.to_string())
                .execute(&mut *tx)
                .await
                .map_err(db)?;
        }
        if let NoteChange::MoveToTable { table } = change {
            let done = sqlx::query(
                "UPDATE notes SET cafe_table = $1 WHERE id = $2 AND cafe_round IS NOT NULL",
            )
            .bind(i64::from(*table))
            .bind(id.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Conflict("not a café note"));
            }
        }
        if !sql.is_empty() {
            let mut q = sqlx::query(sql);
            if let Some(t) = new_text {
                q = q.bind(t);
            }
            q.bind(id.to_string()).execute(&mut *tx).await.map_err(db)?;
        }
        // The number after the last one, safe to draw in the insert: every writer of the note's
        // history holds the session's lock.
        sqlx::query(
            "INSERT INTO note_history (note_id, version, action, old_text, new_text, actor, at) \
             SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4, $5, $6 \
             FROM note_history WHERE note_id = $1",
        )
        .bind(id.to_string())
        .bind(change.code())
        .bind(new_text.map(|_| old_text))
        .bind(new_text)
        .bind(actor.to_string())
        .bind(when)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        let event =
            append_live_event(&mut tx, &lock, at, LiveEventKind::NoteChanged { note: id }).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn note_curated(&self, id: NoteId) -> Result<bool> {
        let mut conn = self.pool.acquire().await.map_err(db)?;
        curated(&mut conn, id).await
    }

    async fn curated_notes(&self, ids: &[NoteId]) -> Result<HashSet<NoteId>> {
        if ids.is_empty() {
            return Ok(HashSet::new());
        }
        let found: Vec<String> = sqlx::query_scalar(concat!(
            "SELECT n.id FROM notes n WHERE n.id = ANY($1) AND ",
            curated_condition!()
        ))
        .bind(id_array(ids))
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        found.iter().map(|id| parse_id(id, "notes")).collect()
    }

    async fn revise_own_note(
        &self,
        id: NoteId,
        participant: ParticipantId,
        text: Option<&str>,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        // The note's session locked first: whether it is open, and the note's history and
        // merges that `curated` reads, change only under that lock.
        let lock = lock_live_of_note(&mut tx, id).await?;
        let mine: Option<i32> =
            sqlx::query_scalar("SELECT 1 FROM notes WHERE id = $1 AND participant_id = $2")
                .bind(id.to_string())
                .bind(participant.to_string())
                .fetch_optional(&mut *tx)
                .await
                .map_err(db)?;
        if mine.is_none() {
            return Err(StoreError::NotFound);
        }
        if !lock.open {
            return Err(StoreError::Conflict("live session closed"));
        }
        // `curated` also reads the process's theme sets and summary versions, which are saved
        // under the process's row lock (`lock_process`); a share lock waits for a save under
        // way, so a note cannot be withdrawn while a theme takes it in. The process comes after
        // the session, in the one lock order.
        sqlx::query("SELECT 1 FROM processes WHERE id = $1 FOR SHARE")
            .bind(&lock.process)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        if curated(&mut tx, id).await? {
            return Err(StoreError::Conflict("note curated"));
        }
        match text {
            Some(t) => sqlx::query("UPDATE notes SET text = $1 WHERE id = $2").bind(t),
            None => sqlx::query("DELETE FROM notes WHERE id = $1"),
        }
        .bind(id.to_string())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        let event =
            append_live_event(&mut tx, &lock, at, LiveEventKind::NoteChanged { note: id }).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn note_history(&self, id: NoteId) -> Result<Vec<NoteHistoryEntry>> {
        type Row = (i64, String, Option<String>, Option<String>, String, String);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT version, action, old_text, new_text, actor, at FROM note_history \
             WHERE note_id = $1 ORDER BY version",
        )
        .bind(id.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(|(version, action, old_text, new_text, actor, at)| {
                Ok(NoteHistoryEntry {
                    version: number(version, "note_history")?,
                    action,
                    old_text,
                    new_text,
                    actor: parse_id(&actor, "note_history")?,
                    at: parse_timestamp(&at, "note_history")?,
                })
            })
            .collect()
    }

    async fn last_live_seq(&self, live: LiveSessionId) -> Result<i64> {
        sqlx::query_scalar(
            "SELECT COALESCE(MAX(seq), 0) FROM live_events WHERE live_session_id = $1",
        )
        .bind(live.to_string())
        .fetch_one(&self.pool)
        .await
        .map_err(db)
    }

    async fn shares_previous_feedback(&self, live: LiveSessionId) -> Result<bool> {
        let row: Option<bool> =
            sqlx::query_scalar("SELECT share_previous FROM live_sessions WHERE id = $1")
                .bind(live.to_string())
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
        row.ok_or(StoreError::NotFound)
    }

    async fn share_previous_feedback(
        &self,
        live: LiveSessionId,
        share: bool,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        // Locked first: whether the session is open decides, and an event is appended.
        let lock = lock_live(&mut tx, live).await?;
        lock.require_open()?;
        sqlx::query("UPDATE live_sessions SET share_previous = $1 WHERE id = $2")
            .bind(share)
            .bind(live.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        let event = append_live_event(&mut tx, &lock, at, LiveEventKind::Moved).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn cafe(&self, live: LiveSessionId) -> Result<Option<Cafe>> {
        let row: Option<Option<String>> =
            sqlx::query_scalar("SELECT cafe_json FROM live_sessions WHERE id = $1")
                .bind(live.to_string())
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
        row.ok_or(StoreError::NotFound)?
            .map(|j| {
                serde_json::from_str(&j)
                    .map_err(|e| StoreError::Corrupt(format!("live_sessions: cafe: {e}")))
            })
            .transpose()
    }

    async fn save_cafe(
        &self,
        live: LiveSessionId,
        cafe: &Cafe,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let json = to_json(cafe, "cafe")?;
        let mut tx = self.begin_write().await?;
        // Locked first: whether the session is open decides, and an event is appended.
        let lock = lock_live(&mut tx, live).await?;
        lock.require_open()?;
        sqlx::query("UPDATE live_sessions SET cafe_json = $1 WHERE id = $2")
            .bind(json)
            .bind(live.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        let event = append_live_event(&mut tx, &lock, at, LiveEventKind::Moved).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn open_space(&self, live: LiveSessionId) -> Result<Option<OpenSpace>> {
        let row: Option<Option<String>> =
            sqlx::query_scalar("SELECT open_space_json FROM live_sessions WHERE id = $1")
                .bind(live.to_string())
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
        row.ok_or(StoreError::NotFound)?
            .map(|j| from_json(&j, "open space"))
            .transpose()
    }

    async fn save_open_space(
        &self,
        live: LiveSessionId,
        os: &OpenSpace,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let json = to_json(os, "open space")?;
        let slots = index_value(os.slots.len())?;
        let spaces = index_value(os.spaces.len())?;
        let mut tx = self.begin_write().await?;
        // Locked first: the topics' cells are checked against the set-up under this lock
        // (`place_topic`), so none is placed in a cell the new set-up drops.
        let lock = lock_live(&mut tx, live).await?;
        lock.require_open()?;
        sqlx::query("UPDATE live_sessions SET open_space_json = $1 WHERE id = $2")
            .bind(json)
            .bind(live.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        // A topic in a slot or space the new set-up no longer has would be on no schedule; it
        // goes back to the unplaced ones, keeping its picks.
        sqlx::query(
            "UPDATE topics SET slot = NULL, space = NULL \
             WHERE live_session_id = $1 AND (slot >= $2 OR space >= $3)",
        )
        .bind(live.to_string())
        .bind(slots)
        .bind(spaces)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        let event = append_live_event(&mut tx, &lock, at, LiveEventKind::Moved).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn add_topic(&self, topic: &Topic) -> Result<(Topic, LiveEvent)> {
        let (participant, staff) = author_columns(&topic.author);
        let mut tx = self.begin_write().await?;
        // Locked first: the number after the session's last one is drawn below, and two phones
        // proposing at once must never draw the same one.
        let lock = lock_live(&mut tx, topic.live_session).await?;
        lock.require_open()?;
        let number: i64 = sqlx::query_scalar(
            "INSERT INTO topics (id, live_session_id, process_id, number, title, participant_id, \
             staff_user_id, shown_name, lang, hidden, created_at) \
             VALUES ($1, $2, $3, \
                     (SELECT COALESCE(MAX(number), 0) + 1 FROM topics WHERE live_session_id = $2), \
                     $4, $5, $6, $7, $8, FALSE, $9) \
             RETURNING number",
        )
        .bind(topic.id.to_string())
        .bind(topic.live_session.to_string())
        .bind(&lock.process)
        .bind(&topic.title)
        .bind(participant)
        .bind(staff)
        .bind(topic.shown_name.as_deref())
        .bind(&topic.lang)
        .bind(timestamp(topic.created_at)?)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_unique("topic"))?;
        let event = append_live_event(
            &mut tx,
            &lock,
            topic.created_at,
            LiveEventKind::TopicsChanged,
        )
        .await?;
        tx.commit().await.map_err(db)?;
        let stored = Topic {
            number: number_of(number)?,
            cell: None,
            hidden: false,
            picks: 0,
            ..topic.clone()
        };
        Ok((stored, event))
    }

    async fn topic(&self, id: TopicId) -> Result<Topic> {
        let row: Option<TopicRow> = sqlx::query_as(concat!(
            "SELECT ",
            topic_columns!(),
            " FROM topics t WHERE t.id = $1"
        ))
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.ok_or(StoreError::NotFound)?.into_topic()
    }

    async fn topics(&self, live: LiveSessionId) -> Result<Vec<Topic>> {
        let rows: Vec<TopicRow> = sqlx::query_as(concat!(
            "SELECT ",
            topic_columns!(),
            " FROM topics t WHERE t.live_session_id = $1 ORDER BY t.number"
        ))
        .bind(live.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(TopicRow::into_topic).collect()
    }

    async fn count_topics_by(&self, live: LiveSessionId, author: &NoteAuthor) -> Result<u64> {
        let (sql, who) = match author {
            NoteAuthor::Participant(p) => (
                "SELECT count(*) FROM topics WHERE live_session_id = $1 AND participant_id = $2",
                p.to_string(),
            ),
            NoteAuthor::Staff(u) => (
                "SELECT count(*) FROM topics WHERE live_session_id = $1 AND staff_user_id = $2",
                u.to_string(),
            ),
        };
        let n: i64 = sqlx::query_scalar(sql)
            .bind(live.to_string())
            .bind(who)
            .fetch_one(&self.pool)
            .await
            .map_err(db)?;
        count(n, "topic")
    }

    async fn place_topic(
        &self,
        topic: TopicId,
        cell: Option<Cell>,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        // The topic's session locked first: the set-up and the cells held are read under it.
        let (lock, state) = lock_topic(&mut tx, topic).await?;
        lock.require_open()?;
        if let Some(cell) = cell {
            if state.hidden {
                return Err(StoreError::Conflict("topic is hidden"));
            }
            // The set-up may have shrunk since the facilitator's page was drawn; a cell it no
            // longer has would put the topic on no schedule.
            if !state.open_space.is_some_and(|os| os.has(cell)) {
                return Err(StoreError::Conflict("no such cell"));
            }
        }
        sqlx::query("UPDATE topics SET slot = $1, space = $2 WHERE id = $3")
            .bind(cell.map(|c| i64::from(c.slot)))
            .bind(cell.map(|c| i64::from(c.space)))
            .bind(topic.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db_unique("cell"))?;
        let event = append_live_event(&mut tx, &lock, at, LiveEventKind::TopicsChanged).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn set_topic_hidden(
        &self,
        topic: TopicId,
        hidden: bool,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        // The topic's session locked first, as for every change that appends an event.
        let (lock, _) = lock_topic(&mut tx, topic).await?;
        lock.require_open()?;
        // A hidden topic holds no cell, so that its group's place is free for another; showing
        // it again leaves it unplaced.
        let sql = if hidden {
            "UPDATE topics SET hidden = TRUE, slot = NULL, space = NULL WHERE id = $1"
        } else {
            "UPDATE topics SET hidden = FALSE WHERE id = $1"
        };
        sqlx::query(sql)
            .bind(topic.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        let event = append_live_event(&mut tx, &lock, at, LiveEventKind::TopicsChanged).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn pick_topic(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
        topic: TopicId,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        // Locked first: the topic's slot and the participant's other picks are read under it.
        // An unknown session is `NotFound`, as a topic of another session is below.
        let lock = lock_live(&mut tx, live).await?;
        // A topic of another session is as unknown here as one that does not exist, whether
        // or not that other session is still open.
        let state = topic_state(&mut tx, topic).await?;
        if state.live != live {
            return Err(StoreError::NotFound);
        }
        lock.require_open()?;
        // The foreign key to attendance would refuse a stranger too, but as a raw constraint
        // error; asking first gives the caller the same `NotFound` as for a foreign topic.
        let attends: Option<i32> = sqlx::query_scalar(
            "SELECT 1 FROM attendance WHERE live_session_id = $1 AND participant_id = $2",
        )
        .bind(live.to_string())
        .bind(participant.to_string())
        .fetch_optional(&mut *tx)
        .await
        .map_err(db)?;
        if attends.is_none() {
            return Err(StoreError::NotFound);
        }
        // A hidden topic is off the marketplace, so to a phone showing an old page it is as
        // gone as one that never was.
        if state.hidden {
            return Err(StoreError::NotFound);
        }
        if let Some(slot) = state.slot {
            // One person is in one group at a time, so this pick replaces any other in the
            // same slot.
            sqlx::query(
                "DELETE FROM topic_picks \
                 WHERE live_session_id = $1 AND participant_id = $2 AND topic_id <> $3 \
                 AND topic_id IN (SELECT id FROM topics WHERE live_session_id = $1 AND slot = $4)",
            )
            .bind(live.to_string())
            .bind(participant.to_string())
            .bind(topic.to_string())
            .bind(slot)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        }
        sqlx::query(
            "INSERT INTO topic_picks (live_session_id, participant_id, topic_id, picked_at) \
             VALUES ($1, $2, $3, $4) \
             ON CONFLICT (live_session_id, participant_id, topic_id) DO NOTHING",
        )
        .bind(live.to_string())
        .bind(participant.to_string())
        .bind(topic.to_string())
        .bind(timestamp(at)?)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        let event = append_live_event(&mut tx, &lock, at, LiveEventKind::TopicsPicked).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn unpick_topic(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
        topic: TopicId,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        // Locked first: whether the session is open decides, and an event is appended.
        let lock = lock_live(&mut tx, live).await?;
        lock.require_open()?;
        sqlx::query(
            "DELETE FROM topic_picks \
             WHERE live_session_id = $1 AND participant_id = $2 AND topic_id = $3",
        )
        .bind(live.to_string())
        .bind(participant.to_string())
        .bind(topic.to_string())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        let event = append_live_event(&mut tx, &lock, at, LiveEventKind::TopicsPicked).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn picks_of(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
    ) -> Result<Vec<TopicId>> {
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT p.topic_id FROM topic_picks p JOIN topics t ON t.id = p.topic_id \
             WHERE p.live_session_id = $1 AND p.participant_id = $2 ORDER BY t.number",
        )
        .bind(live.to_string())
        .bind(participant.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        ids.iter().map(|id| parse_id(id, "topic_picks")).collect()
    }

    async fn raise_hand(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        // Locked first, as for every change that appends an event.
        let lock = lock_live(&mut tx, live).await?;
        sqlx::query(
            "INSERT INTO hands (live_session_id, participant_id, process_id, raised_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (live_session_id, participant_id) DO NOTHING",
        )
        .bind(live.to_string())
        .bind(participant.to_string())
        .bind(&lock.process)
        .bind(timestamp(at)?)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        let event = append_live_event(&mut tx, &lock, at, LiveEventKind::HandsChanged).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn lower_hand(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        // Locked first, as for every change that appends an event.
        let lock = lock_live(&mut tx, live).await?;
        sqlx::query("DELETE FROM hands WHERE live_session_id = $1 AND participant_id = $2")
            .bind(live.to_string())
            .bind(participant.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        let event = append_live_event(&mut tx, &lock, at, LiveEventKind::HandsChanged).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn hands(&self, live: LiveSessionId) -> Result<Vec<Hand>> {
        type Row = (String, i64, Option<String>, String);
        let rows: Vec<Row> = sqlx::query_as(
            "WITH numbered AS ( \
                 SELECT participant_id, \
                        row_number() OVER (ORDER BY first_seen, participant_id) AS number \
                 FROM attendance WHERE live_session_id = $1) \
             SELECT h.participant_id, n.number, p.display_name, h.raised_at \
             FROM hands h \
             JOIN numbered n ON n.participant_id = h.participant_id \
             JOIN participants p ON p.id = h.participant_id \
             WHERE h.live_session_id = $1 \
             ORDER BY h.raised_at, n.number",
        )
        .bind(live.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(|(p, number, name, at)| {
                Ok(Hand {
                    participant: parse_id(&p, "hands")?,
                    number: number_of(number)?,
                    shown_name: name,
                    raised_at: parse_timestamp(&at, "hands")?,
                })
            })
            .collect()
    }

    async fn attendees(&self, live: LiveSessionId) -> Result<Vec<Attendee>> {
        type Row = (i64, String, Option<String>);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT row_number() OVER (ORDER BY a.first_seen, a.participant_id) AS number, \
                    a.participant_id, p.display_name \
             FROM attendance a JOIN participants p ON p.id = a.participant_id \
             WHERE a.live_session_id = $1 ORDER BY number",
        )
        .bind(live.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(|(number, p, name)| {
                Ok(Attendee {
                    number: number_of(number)?,
                    participant: parse_id(&p, "attendance")?,
                    shown_name: name,
                })
            })
            .collect()
    }

    async fn participant_by_number(
        &self,
        live: LiveSessionId,
        number: u32,
    ) -> Result<Option<ParticipantId>> {
        let found: Option<String> = sqlx::query_scalar(
            "SELECT participant_id FROM ( \
                 SELECT participant_id, \
                        row_number() OVER (ORDER BY first_seen, participant_id) AS number \
                 FROM attendance WHERE live_session_id = $1) AS numbered \
             WHERE number = $2",
        )
        .bind(live.to_string())
        .bind(i64::from(number))
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        found.map(|p| parse_id(&p, "attendance")).transpose()
    }

    async fn feedback_state(&self, live: LiveSessionId) -> Result<FeedbackState> {
        let code: Option<String> =
            sqlx::query_scalar("SELECT feedback FROM live_sessions WHERE id = $1")
                .bind(live.to_string())
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
        let code = code.ok_or(StoreError::NotFound)?;
        FeedbackState::parse(&code)
            .ok_or_else(|| StoreError::Corrupt(format!("live_sessions: feedback state {code:?}")))
    }

    async fn set_feedback_state(
        &self,
        live: LiveSessionId,
        state: FeedbackState,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        // Locked first: the form's state is read under the lock, so two clicks at once cannot
        // both move it.
        let lock = lock_live(&mut tx, live).await?;
        lock.require_open()?;
        let from = lock.feedback()?;
        // Closing is final and nothing goes back (`FeedbackState::may_become`).
        if !from.may_become(state) {
            return Err(StoreError::Conflict("feedback cannot move that way"));
        }
        sqlx::query("UPDATE live_sessions SET feedback = $1 WHERE id = $2")
            .bind(state.code())
            .bind(live.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        let event = append_live_event(&mut tx, &lock, at, LiveEventKind::Moved).await?;
        tx.commit().await.map_err(db)?;
        Ok(event)
    }

    async fn add_feedback(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
        answers: &[Answer],
        _at: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        // Locked first: no answer lands after the form or the session closed, whose results
        // are shown then and must not change after.
        let lock = lock_live(&mut tx, live).await?;
        // A closed session takes no answer, even if its form was never closed.
        if !lock.open || lock.feedback()? != FeedbackState::Open {
            return Err(StoreError::Conflict("feedback is not open"));
        }
        // Only *that* this participant answered, for the one-answer rule.
        sqlx::query(
            "INSERT INTO feedback_given (live_session_id, participant_id, process_id) \
             VALUES ($1, $2, $3)",
        )
        .bind(live.to_string())
        .bind(participant.to_string())
        .bind(&lock.process)
        .execute(&mut *tx)
        .await
        .map_err(db_unique("feedback"))?;
        // The answers, apart from who gave them and when; the key is random (UUIDv4, not the
        // time-ordered v7 of other ids), so even the rows' order says nothing of arrival.
        sqlx::query(
            "INSERT INTO feedback_answers (id, live_session_id, answers_json) VALUES ($1, $2, $3)",
        )
        .bind(uuid::Uuid::new_v4().simple().to_string())
        .bind(live.to_string())
        .bind(to_json(&answers, "feedback")?)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        tx.commit().await.map_err(db)?;
        Ok(())
    }

    async fn feedback_given(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
    ) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM feedback_given \
             WHERE live_session_id = $1 AND participant_id = $2",
        )
        .bind(live.to_string())
        .bind(participant.to_string())
        .fetch_one(&self.pool)
        .await
        .map_err(db)?;
        Ok(n > 0)
    }

    async fn feedback_responses(&self, live: LiveSessionId) -> Result<Vec<Vec<Answer>>> {
        let rows: Vec<String> = sqlx::query_scalar(
            // Byte order, as on SQLite, whatever the database's collation.
            "SELECT answers_json FROM feedback_answers WHERE live_session_id = $1 \
             ORDER BY answers_json COLLATE \"C\"",
        )
        .bind(live.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.iter()
            .map(|j| {
                serde_json::from_str(j)
                    .map_err(|e| StoreError::Corrupt(format!("feedback_answers: {e}")))
            })
            .collect()
    }

    async fn process_feedback(&self, process: ProcessId) -> Result<Vec<SessionFeedback>> {
        // One row per answer: a session without answers has no row, and has nothing to sum.
        // Answers in byte order, as `feedback_responses` gives them.
        let rows: Vec<FeedbackAnswerRow> = sqlx::query_as(
            "SELECT s.id AS live_session_id, s.phase, s.open, s.feedback, a.answers_json \
             FROM live_sessions s JOIN feedback_answers a ON a.live_session_id = s.id \
             WHERE s.process_id = $1 \
             ORDER BY s.opened_at DESC, s.id DESC, a.answers_json COLLATE \"C\"",
        )
        .bind(process.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        FeedbackAnswerRow::group(rows)
    }

    async fn notes(&self, live: LiveSessionId) -> Result<Vec<Note>> {
        let rows: Vec<NoteRow> = sqlx::query_as(concat!(
            "SELECT ",
            note_columns!(),
            " FROM notes WHERE live_session_id = $1 ORDER BY created_at, id"
        ))
        .bind(live.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(NoteRow::into_note).collect()
    }

    async fn process_notes(&self, process: ProcessId) -> Result<Vec<Note>> {
        let rows: Vec<NoteRow> = sqlx::query_as(concat!(
            "SELECT ",
            note_columns!(),
            " FROM notes \
             WHERE live_session_id IN (SELECT id FROM live_sessions WHERE process_id = $1) \
             ORDER BY (SELECT s.opened_at FROM live_sessions s WHERE s.id = notes.live_session_id), \
                      live_session_id, created_at, id"
        ))
        .bind(process.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(NoteRow::into_note).collect()
    }

    async fn topic_notes(&self, topic: TopicId) -> Result<Vec<Note>> {
        let rows: Vec<NoteRow> = sqlx::query_as(concat!(
            "SELECT ",
            note_columns!(),
            " FROM notes WHERE topic_id = $1 ORDER BY created_at, id"
        ))
        .bind(topic.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(NoteRow::into_note).collect()
    }

    async fn count_recent_notes(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
        since: OffsetDateTime,
    ) -> Result<u64> {
        let n: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM notes \
             WHERE live_session_id = $1 AND participant_id = $2 AND created_at >= $3",
        )
        .bind(live.to_string())
        .bind(participant.to_string())
        .bind(timestamp(since)?)
        .fetch_one(&self.pool)
        .await
        .map_err(db)?;
        count(n, "note")
    }

    async fn live_backlog(
        &self,
        live: LiveSessionId,
        after: i64,
        limit: u32,
    ) -> Result<Vec<LiveReplay>> {
        // `NoteAdded` and `NoteChanged` name their note as `$.note`; other kinds join nothing.
        let rows: Vec<ReplayRow> = sqlx::query_as(
            "SELECT e.seq, e.live_session_id, e.at, e.kind_json, \
                    n.id AS n_id, n.live_session_id AS n_live_session_id, \
                    n.participant_id AS n_participant_id, n.staff_user_id AS n_staff_user_id, \
                    n.shown_name AS n_shown_name, n.stage AS n_stage, n.question AS n_question, \
                    n.text AS n_text, n.lang AS n_lang, n.hidden AS n_hidden, \
                    n.starred AS n_starred, n.cafe_round AS n_cafe_round, \
                    n.cafe_table AS n_cafe_table, n.summary AS n_summary, \
                    n.merged_into AS n_merged_into, n.topic_id AS n_topic_id, \
                    n.created_at AS n_created_at, t.number AS t_number, t.title AS t_title \
             FROM live_events e \
             LEFT JOIN notes n ON n.id = (e.kind_json::jsonb ->> 'note') \
             LEFT JOIN topics t ON t.id = n.topic_id \
             WHERE e.live_session_id = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3",
        )
        .bind(live.to_string())
        .bind(after)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(ReplayRow::into_replay).collect()
    }

    async fn live_events_after(&self, live: LiveSessionId, after: i64) -> Result<Vec<LiveEvent>> {
        let rows: Vec<LiveEventRow> = sqlx::query_as(
            "SELECT seq, live_session_id, at, kind_json FROM live_events \
             WHERE live_session_id = $1 AND seq > $2 ORDER BY seq",
        )
        .bind(live.to_string())
        .bind(after)
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(LiveEventRow::into_live_event)
            .collect()
    }
}

/// A live session's row, locked by this transaction until it ends (see [`lock_live`]), with
/// what the callers decide on. Appending a live event takes one, so no event is appended
/// without its session's lock.
pub(crate) struct Locked {
    live: LiveSessionId,
    process: String,
    open: bool,
    feedback: String,
}

impl Locked {
    /// Refuses a change to a closed session.
    fn require_open(&self) -> Result<()> {
        if self.open {
            Ok(())
        } else {
            Err(StoreError::Conflict("live session is closed"))
        }
    }

    fn feedback(&self) -> Result<FeedbackState> {
        FeedbackState::parse(&self.feedback).ok_or_else(|| {
            StoreError::Corrupt(format!("live_sessions: feedback state {:?}", self.feedback))
        })
    }
}

/// Locks a live session's row until the transaction ends; `NotFound` if there is no such
/// session. Every transaction that appends a live event, or decides on the session's state,
/// takes it before it reads anything else, so the session's writers run one after another (as
/// SQLite's one writer did) and take their row locks in one order: the session, then others.
///
/// `FOR NO KEY UPDATE` conflicts with itself and with every `UPDATE live_sessions`, which is
/// all the queueing needs. Unlike `FOR UPDATE` it lets through the `FOR KEY SHARE` that a
/// foreign-key check takes on the session when a row refers to it (a phone's attendance, a
/// practice), so those writers do not wait behind a session's notes; and a transaction that
/// inserted such a row before taking the lock cannot deadlock with another doing the same.
pub(crate) async fn lock_live(conn: &mut PgConnection, live: LiveSessionId) -> Result<Locked> {
    lock_where(
        conn,
        "SELECT id, process_id, open, feedback FROM live_sessions WHERE id = $1 \
         FOR NO KEY UPDATE",
        live.to_string(),
    )
    .await
}

/// [`lock_live`] for the session of a note; `NotFound` if there is no such note. A note never
/// moves to another session, so its session can be found in the same statement.
async fn lock_live_of_note(conn: &mut PgConnection, note: NoteId) -> Result<Locked> {
    lock_where(
        conn,
        "SELECT id, process_id, open, feedback FROM live_sessions \
         WHERE id = (SELECT live_session_id FROM notes WHERE id = $1) FOR NO KEY UPDATE",
        note.to_string(),
    )
    .await
}

/// [`lock_live`] for the session of a topic, and then the topic as it is under the lock;
/// `NotFound` if there is no such topic.
async fn lock_topic(conn: &mut PgConnection, topic: TopicId) -> Result<(Locked, TopicState)> {
    let lock = lock_where(
        conn,
        "SELECT id, process_id, open, feedback FROM live_sessions \
         WHERE id = (SELECT live_session_id FROM topics WHERE id = $1) FOR NO KEY UPDATE",
        topic.to_string(),
    )
    .await?;
    let state = topic_state(conn, topic).await?;
    Ok((lock, state))
}

async fn lock_where(conn: &mut PgConnection, sql: &'static str, id: String) -> Result<Locked> {
    let row: Option<(String, String, bool, String)> = sqlx::query_as(sql)
        .bind(id)
        .fetch_optional(conn)
        .await
        .map_err(db)?;
    let (live, process, open, feedback) = row.ok_or(StoreError::NotFound)?;
    Ok(Locked {
        live: parse_id(&live, "live_sessions")?,
        process,
        open,
        feedback,
    })
}

/// Appends an event to a live session's log and returns it with its sequence number; the
/// trigger of migration 0002 sends its notice to every server process at commit (`feed.rs`),
/// for this insert and `add_note`'s alike. The caller holds the session's lock (`lock`), so the `seq` drawn here commits before any `seq`
/// the session's next writer draws.
///
/// Every live event goes through here except a new note's: `add_note`, the hot path, inserts
/// the note and its event in one statement. Whatever every event needs done in its
/// transaction (such as a notice to other server processes) goes in both places, or in a
/// trigger on `live_events`.
pub(crate) async fn append_live_event(
    conn: &mut PgConnection,
    lock: &Locked,
    at: OffsetDateTime,
    kind: LiveEventKind,
) -> Result<LiveEvent> {
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO live_events (live_session_id, at, kind_json) VALUES ($1, $2, $3) RETURNING seq",
    )
    .bind(lock.live.to_string())
    .bind(timestamp(at)?)
    .bind(to_json(&kind, "live event")?)
    .fetch_one(conn)
    .await
    .map_err(db)?;
    Ok(LiveEvent {
        seq,
        live_session: lock.live,
        at,
        kind,
    })
}

/// The process of a live session; `NotFound` if there is no such session.
pub(crate) async fn live_session_process(
    conn: &mut PgConnection,
    id: LiveSessionId,
) -> Result<String> {
    let process: Option<String> =
        sqlx::query_scalar("SELECT process_id FROM live_sessions WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(conn)
            .await
            .map_err(db)?;
    process.ok_or(StoreError::NotFound)
}

/// Whether the facilitator has curated a note (see `LiveStore::note_curated`): its history
/// holds a change, another note was merged into it, it is placed in a theme of a saved theme
/// set (a note the set leaves unsorted is not), or a summary of its process names it as a
/// source.
async fn curated(conn: &mut PgConnection, id: NoteId) -> Result<bool> {
    let found: Option<i32> = sqlx::query_scalar(concat!(
        "SELECT 1 FROM notes n WHERE n.id = $1 AND ",
        curated_condition!()
    ))
    .bind(id.to_string())
    .fetch_optional(&mut *conn)
    .await
    .map_err(db)?;
    Ok(found.is_some())
}

/// A row number as the `u32` the records use.
fn number_of(n: i64) -> Result<u32> {
    u32::try_from(n).map_err(|_| StoreError::Corrupt(format!("row number {n} out of range")))
}

/// The two author columns of a note, a topic or a practice, of which exactly one is set.
pub(crate) fn author_columns(author: &NoteAuthor) -> (Option<String>, Option<String>) {
    match author {
        NoteAuthor::Participant(p) => (Some(p.to_string()), None),
        NoteAuthor::Staff(u) => (None, Some(u.to_string())),
    }
}

/// What a change to a topic needs to know of it and its session.
struct TopicState {
    live: LiveSessionId,
    slot: Option<i64>,
    hidden: bool,
    open_space: Option<OpenSpace>,
}

/// A topic with its session's open-space set-up; `NotFound` if there is no such topic. Read
/// under the session's lock, so that the check and the change see the same rows.
async fn topic_state(conn: &mut PgConnection, id: TopicId) -> Result<TopicState> {
    type Row = (String, Option<i64>, bool, Option<String>);
    let row: Option<Row> = sqlx::query_as(
        "SELECT t.live_session_id, t.slot, t.hidden, l.open_space_json \
         FROM topics t JOIN live_sessions l ON l.id = t.live_session_id WHERE t.id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(conn)
    .await
    .map_err(db)?;
    let (live, slot, hidden, json) = row.ok_or(StoreError::NotFound)?;
    Ok(TopicState {
        live: parse_id(&live, "topics")?,
        slot,
        hidden,
        open_space: json.map(|j| from_json(&j, "open space")).transpose()?,
    })
}
