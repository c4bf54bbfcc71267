//! Live sessions on SQLite: participants, notes, café, open space, the turn queue, feedback and live events.

use super::*;

#[async_trait]
impl LiveStore for SqliteStore {
    async fn open_live_session(&self, s: &LiveSession) -> Result<()> {
        let done = sqlx::query(
            "INSERT INTO live_sessions (id, process_id, plan_session, phase, join_code, open, \
             stage, question, timer_json, opened_by, opened_at, closed_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                // Storing the same session twice also trips the code's index, and which of the
                // two constraints SQLite reports is not specified; the id tells them apart.
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
            " FROM live_sessions WHERE id = ?"
        ))
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.ok_or(StoreError::NotFound)?.into_live_session()
    }

    async fn live_session_by_code(&self, code: &JoinCode) -> Result<Option<LiveSession>> {
        // `open = 1` lets SQLite use the partial unique index on open sessions' codes.
        let row: Option<LiveSessionRow> = sqlx::query_as(concat!(
            "SELECT ",
            live_session_columns!(),
            " FROM live_sessions WHERE join_code = ? AND open = 1"
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
            " FROM live_sessions WHERE process_id = ? ORDER BY opened_at DESC, id DESC"
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
        let done = sqlx::query(
            "UPDATE live_sessions SET stage = ?, question = ?, timer_json = ? \
             WHERE id = ? AND open = 1",
        )
        .bind(stage)
        .bind(question)
        .bind(timer_json)
        .bind(id.to_string())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(live_refused(&mut tx, id).await);
        }
        let event = append_live_event(&mut tx, id, at, LiveEventKind::Moved).await?;
        self.commit_live(tx, &event).await?;
        Ok(event)
    }

    async fn close_live_session(&self, id: LiveSessionId, at: OffsetDateTime) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE live_sessions SET open = 0, closed_at = ? WHERE id = ? AND open = 1",
        )
        .bind(timestamp(at)?)
        .bind(id.to_string())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(live_refused(&mut tx, id).await);
        }
        let event = append_live_event(&mut tx, id, at, LiveEventKind::Closed).await?;
        self.commit_live(tx, &event).await?;
        Ok(event)
    }

    async fn create_participant(&self, p: &Participant) -> Result<()> {
        sqlx::query(
            "INSERT INTO participants (id, process_id, token_hash, display_name, lang, created_at) \
             VALUES (?, ?, ?, ?, ?, ?)",
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
            " FROM participants WHERE token_hash = ?"
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
        let done = sqlx::query("UPDATE participants SET display_name = ?, lang = ? WHERE id = ?")
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
                 WHERE live_session_id = ?1 AND removed_at IS NULL \
                 UNION \
                 SELECT participant_id FROM notes \
                 WHERE live_session_id = ?1 AND participant_id IS NOT NULL \
                 AND participant_id NOT IN ( \
                     SELECT participant_id FROM attendance \
                     WHERE live_session_id = ?1 AND removed_at IS NOT NULL))",
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
             SELECT id, ?, process_id, ? FROM live_sessions WHERE id = ? \
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
            "SELECT removed_at FROM attendance WHERE live_session_id = ? AND participant_id = ?",
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
        let done = sqlx::query(
            "UPDATE attendance SET removed_at = COALESCE(removed_at, ?) \
             WHERE live_session_id = ? AND participant_id = ?",
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
        sqlx::query("DELETE FROM hands WHERE live_session_id = ? AND participant_id = ?")
            .bind(live.to_string())
            .bind(participant.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        let event = append_live_event(&mut tx, live, at, LiveEventKind::HandsChanged).await?;
        self.commit_live(tx, &event).await?;
        Ok(event)
    }

    async fn joining_locked(&self, live: LiveSessionId) -> Result<bool> {
        let row: Option<bool> =
            sqlx::query_scalar("SELECT joining_locked FROM live_sessions WHERE id = ?")
                .bind(live.to_string())
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
        row.ok_or(StoreError::NotFound)
    }

    async fn set_joining_locked(&self, live: LiveSessionId, locked: bool) -> Result<()> {
        let done = sqlx::query("UPDATE live_sessions SET joining_locked = ? WHERE id = ?")
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
        let (participant, staff) = author_columns(&n.author);
        let created_at = timestamp(n.created_at)?;
        let mut tx = self.begin_write().await?;
        let process = live_session_process(&mut tx, n.live_session).await?;
        if let Some(topic) = n.topic {
            // The column's foreign key only knows the topic exists; the schema cannot say it
            // belongs to the note's own session, so that is checked here.
            let found: Option<i64> =
                sqlx::query_scalar("SELECT 1 FROM topics WHERE id = ? AND live_session_id = ?")
                    .bind(topic.to_string())
                    .bind(n.live_session.to_string())
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db)?;
            if found.is_none() {
                return Err(StoreError::NotFound);
            }
        }
        sqlx::query(
            "INSERT INTO notes (id, live_session_id, process_id, participant_id, staff_user_id, \
             shown_name, stage, question, text, lang, hidden, starred, cafe_round, cafe_table, \
             summary, topic_id, created_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(n.id.to_string())
        .bind(n.live_session.to_string())
        .bind(process)
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
        .execute(&mut *tx)
        .await
        .map_err(db_unique("note"))?;
        let event = append_live_event(
            &mut tx,
            n.live_session,
            n.created_at,
            LiveEventKind::NoteAdded { note: n.id },
        )
        .await?;
        self.commit_live(tx, &event).await?;
        Ok(event)
    }

    async fn note(&self, id: NoteId) -> Result<Note> {
        let row: Option<NoteRow> = sqlx::query_as(concat!(
            "SELECT ",
            note_columns!(),
            " FROM notes WHERE id = ?"
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
        let found: Option<(String, String)> =
            sqlx::query_as("SELECT live_session_id, text FROM notes WHERE id = ?")
                .bind(id.to_string())
                .fetch_optional(&mut *tx)
                .await
                .map_err(db)?;
        let (live, old_text) = found.ok_or(StoreError::NotFound)?;
        let live: LiveSessionId = parse_id(&live, "notes")?;
        if let NoteChange::MergeInto { target } = change {
            let target_live: Option<(String, Option<String>)> =
                sqlx::query_as("SELECT live_session_id, merged_into FROM notes WHERE id = ?")
                    .bind(target.to_string())
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db)?;
            let same_session = matches!(&target_live, Some((l, None)) if *l == live.to_string());
            if *target == id || !same_session {
                return Err(StoreError::Conflict("merge target"));
            }
            sqlx::query("UPDATE notes SET hidden = 1, merged_into = ? WHERE id = ?")
                .bind(target.to_string())
                .bind(id.to_string())
                .execute(&mut *tx)
                .await
                .map_err(db)?;
        }
        let (sql, new_text) = match change {
            NoteChange::Hide => ("UPDATE notes SET hidden = 1 WHERE id = ?", None),
            NoteChange::Show => ("UPDATE notes SET hidden = 0 WHERE id = ?", None),
            NoteChange::Star => ("UPDATE notes SET starred = 1 WHERE id = ?", None),
            NoteChange::Unstar => ("UPDATE notes SET starred = 0 WHERE id = ?", None),
            NoteChange::Edit { text } => ("UPDATE notes SET text = ? WHERE id = ?", Some(text)),
            // Done above, where the target is checked.
            NoteChange::MergeInto { .. } => ("", None),
            NoteChange::MoveToTable { .. } | NoteChange::MoveToTopic { .. } => ("", None),
        };
        if let NoteChange::MoveToTopic { topic } = change {
            // The topic must be one of the note's own session, as for a note written to it.
            if let Some(topic) = topic {
                let ours: Option<i64> =
                    sqlx::query_scalar("SELECT 1 FROM topics WHERE id = ? AND live_session_id = ?")
                        .bind(topic.to_string())
                        .bind(live.to_string())
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(db)?;
                if ours.is_none() {
                    return Err(StoreError::NotFound);
                }
            }
            sqlx::query("UPDATE notes SET topic_id = ? WHERE id = ?")
                .bind(topic.map(|t| t.to_string()))
                .bind(id.to_string())
                .execute(&mut *tx)
                .await
                .map_err(db)?;
        }
        if let NoteChange::MoveToTable { table } = change {
            let done = sqlx::query(
                "UPDATE notes SET cafe_table = ? WHERE id = ? AND cafe_round IS NOT NULL",
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
        let version: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM note_history WHERE note_id = ?",
        )
        .bind(id.to_string())
        .fetch_one(&mut *tx)
        .await
        .map_err(db)?;
        sqlx::query(
            "INSERT INTO note_history (note_id, version, action, old_text, new_text, actor, at) \
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id.to_string())
        .bind(version)
        .bind(change.code())
        .bind(new_text.map(|_| old_text))
        .bind(new_text)
        .bind(actor.to_string())
        .bind(when)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        let event =
            append_live_event(&mut tx, live, at, LiveEventKind::NoteChanged { note: id }).await?;
        self.commit_live(tx, &event).await?;
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
            "SELECT n.id FROM notes n WHERE n.id IN (SELECT value FROM json_each(?)) AND ",
            curated_condition!()
        ))
        .bind(id_array(ids)?)
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
        let found: Option<(String, i64)> = sqlx::query_as(
            "SELECT n.live_session_id, l.open FROM notes n \
             JOIN live_sessions l ON l.id = n.live_session_id \
             WHERE n.id = ? AND n.participant_id = ?",
        )
        .bind(id.to_string())
        .bind(participant.to_string())
        .fetch_optional(&mut *tx)
        .await
        .map_err(db)?;
        let (live, open) = found.ok_or(StoreError::NotFound)?;
        let live: LiveSessionId = parse_id(&live, "notes")?;
        if open == 0 {
            return Err(StoreError::Conflict("live session closed"));
        }
        if curated(&mut tx, id).await? {
            return Err(StoreError::Conflict("note curated"));
        }
        match text {
            Some(t) => sqlx::query("UPDATE notes SET text = ? WHERE id = ?").bind(t),
            None => sqlx::query("DELETE FROM notes WHERE id = ?"),
        }
        .bind(id.to_string())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        let event =
            append_live_event(&mut tx, live, at, LiveEventKind::NoteChanged { note: id }).await?;
        self.commit_live(tx, &event).await?;
        Ok(event)
    }

    async fn note_history(&self, id: NoteId) -> Result<Vec<NoteHistoryEntry>> {
        type Row = (i64, String, Option<String>, Option<String>, String, String);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT version, action, old_text, new_text, actor, at FROM note_history \
             WHERE note_id = ? ORDER BY version",
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
            "SELECT COALESCE(MAX(seq), 0) FROM live_events WHERE live_session_id = ?",
        )
        .bind(live.to_string())
        .fetch_one(&self.pool)
        .await
        .map_err(db)
    }

    async fn shares_previous_feedback(&self, live: LiveSessionId) -> Result<bool> {
        let row: Option<bool> =
            sqlx::query_scalar("SELECT share_previous FROM live_sessions WHERE id = ?")
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
        let done =
            sqlx::query("UPDATE live_sessions SET share_previous = ? WHERE id = ? AND open = 1")
                .bind(share)
                .bind(live.to_string())
                .execute(&mut *tx)
                .await
                .map_err(db)?;
        if done.rows_affected() == 0 {
            live_session_process(&mut tx, live).await?;
            return Err(StoreError::Conflict("live session is closed"));
        }
        let event = append_live_event(&mut tx, live, at, LiveEventKind::Moved).await?;
        self.commit_live(tx, &event).await?;
        Ok(event)
    }

    async fn cafe(&self, live: LiveSessionId) -> Result<Option<Cafe>> {
        let row: Option<Option<String>> =
            sqlx::query_scalar("SELECT cafe_json FROM live_sessions WHERE id = ?")
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
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("UPDATE live_sessions SET cafe_json = ? WHERE id = ? AND open = 1")
            .bind(to_json(cafe, "cafe")?)
            .bind(live.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        if done.rows_affected() == 0 {
            live_session_process(&mut tx, live).await?;
            return Err(StoreError::Conflict("live session is closed"));
        }
        let event = append_live_event(&mut tx, live, at, LiveEventKind::Moved).await?;
        self.commit_live(tx, &event).await?;
        Ok(event)
    }

    async fn open_space(&self, live: LiveSessionId) -> Result<Option<OpenSpace>> {
        let row: Option<Option<String>> =
            sqlx::query_scalar("SELECT open_space_json FROM live_sessions WHERE id = ?")
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
        let done =
            sqlx::query("UPDATE live_sessions SET open_space_json = ? WHERE id = ? AND open = 1")
                .bind(json)
                .bind(live.to_string())
                .execute(&mut *tx)
                .await
                .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(live_refused(&mut tx, live).await);
        }
        // A topic in a slot or space the new set-up no longer has would be on no schedule; it
        // goes back to the unplaced ones, keeping its picks.
        sqlx::query(
            "UPDATE topics SET slot = NULL, space = NULL \
             WHERE live_session_id = ? AND (slot >= ? OR space >= ?)",
        )
        .bind(live.to_string())
        .bind(slots)
        .bind(spaces)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        let event = append_live_event(&mut tx, live, at, LiveEventKind::Moved).await?;
        self.commit_live(tx, &event).await?;
        Ok(event)
    }

    async fn add_topic(&self, topic: &Topic) -> Result<(Topic, LiveEvent)> {
        let (participant, staff) = author_columns(&topic.author);
        let mut tx = self.begin_write().await?;
        // The number, the process and the check that the session is open all come from one
        // statement, so two phones proposing at once can never draw the same number.
        let number: Option<i64> = sqlx::query_scalar(
            "INSERT INTO topics (id, live_session_id, process_id, number, title, participant_id, \
             staff_user_id, shown_name, lang, hidden, created_at) \
             SELECT ?, l.id, l.process_id, \
                    (SELECT COALESCE(MAX(number), 0) + 1 FROM topics WHERE live_session_id = l.id), \
                    ?, ?, ?, ?, ?, 0, ? \
             FROM live_sessions l WHERE l.id = ? AND l.open = 1 \
             RETURNING number",
        )
        .bind(topic.id.to_string())
        .bind(&topic.title)
        .bind(participant)
        .bind(staff)
        .bind(topic.shown_name.as_deref())
        .bind(&topic.lang)
        .bind(timestamp(topic.created_at)?)
        .bind(topic.live_session.to_string())
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_unique("topic"))?;
        let Some(number) = number else {
            return Err(live_refused(&mut tx, topic.live_session).await);
        };
        let event = append_live_event(
            &mut tx,
            topic.live_session,
            topic.created_at,
            LiveEventKind::TopicsChanged,
        )
        .await?;
        self.commit_live(tx, &event).await?;
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
            " FROM topics t WHERE t.id = ?"
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
            " FROM topics t WHERE t.live_session_id = ? ORDER BY t.number"
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
                "SELECT count(*) FROM topics WHERE live_session_id = ? AND participant_id = ?",
                p.to_string(),
            ),
            NoteAuthor::Staff(u) => (
                "SELECT count(*) FROM topics WHERE live_session_id = ? AND staff_user_id = ?",
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
        let state = topic_for_change(&mut tx, topic).await?;
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
        sqlx::query("UPDATE topics SET slot = ?, space = ? WHERE id = ?")
            .bind(cell.map(|c| i64::from(c.slot)))
            .bind(cell.map(|c| i64::from(c.space)))
            .bind(topic.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db_unique("cell"))?;
        let event =
            append_live_event(&mut tx, state.live, at, LiveEventKind::TopicsChanged).await?;
        self.commit_live(tx, &event).await?;
        Ok(event)
    }

    async fn set_topic_hidden(
        &self,
        topic: TopicId,
        hidden: bool,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        let state = topic_for_change(&mut tx, topic).await?;
        // A hidden topic holds no cell, so that its group's place is free for another; showing
        // it again leaves it unplaced.
        let sql = if hidden {
            "UPDATE topics SET hidden = 1, slot = NULL, space = NULL WHERE id = ?"
        } else {
            "UPDATE topics SET hidden = 0 WHERE id = ?"
        };
        sqlx::query(sql)
            .bind(topic.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        let event =
            append_live_event(&mut tx, state.live, at, LiveEventKind::TopicsChanged).await?;
        self.commit_live(tx, &event).await?;
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
        // A topic of another session is as unknown here as one that does not exist, whether
        // or not that other session is still open.
        let (state, open) = topic_state(&mut tx, topic).await?;
        if state.live != live {
            return Err(StoreError::NotFound);
        }
        if !open {
            return Err(StoreError::Conflict("live session is closed"));
        }
        // The foreign key to attendance would refuse a stranger too, but as a raw constraint
        // error; asking first gives the caller the same `NotFound` as for a foreign topic.
        let attends: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM attendance WHERE live_session_id = ? AND participant_id = ?",
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
                 WHERE live_session_id = ?1 AND participant_id = ?2 AND topic_id <> ?3 \
                 AND topic_id IN (SELECT id FROM topics WHERE live_session_id = ?1 AND slot = ?4)",
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
             VALUES (?, ?, ?, ?) \
             ON CONFLICT (live_session_id, participant_id, topic_id) DO NOTHING",
        )
        .bind(live.to_string())
        .bind(participant.to_string())
        .bind(topic.to_string())
        .bind(timestamp(at)?)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        let event = append_live_event(&mut tx, live, at, LiveEventKind::TopicsPicked).await?;
        self.commit_live(tx, &event).await?;
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
        require_open(&mut tx, live).await?;
        sqlx::query(
            "DELETE FROM topic_picks \
             WHERE live_session_id = ? AND participant_id = ? AND topic_id = ?",
        )
        .bind(live.to_string())
        .bind(participant.to_string())
        .bind(topic.to_string())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        let event = append_live_event(&mut tx, live, at, LiveEventKind::TopicsPicked).await?;
        self.commit_live(tx, &event).await?;
        Ok(event)
    }

    async fn picks_of(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
    ) -> Result<Vec<TopicId>> {
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT p.topic_id FROM topic_picks p JOIN topics t ON t.id = p.topic_id \
             WHERE p.live_session_id = ? AND p.participant_id = ? ORDER BY t.number",
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
        let process = live_session_process(&mut tx, live).await?;
        sqlx::query(
            "INSERT INTO hands (live_session_id, participant_id, process_id, raised_at) \
             VALUES (?, ?, ?, ?) ON CONFLICT (live_session_id, participant_id) DO NOTHING",
        )
        .bind(live.to_string())
        .bind(participant.to_string())
        .bind(process)
        .bind(timestamp(at)?)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        let event = append_live_event(&mut tx, live, at, LiveEventKind::HandsChanged).await?;
        self.commit_live(tx, &event).await?;
        Ok(event)
    }

    async fn lower_hand(
        &self,
        live: LiveSessionId,
        participant: ParticipantId,
        at: OffsetDateTime,
    ) -> Result<LiveEvent> {
        let mut tx = self.begin_write().await?;
        live_session_process(&mut tx, live).await?;
        sqlx::query("DELETE FROM hands WHERE live_session_id = ? AND participant_id = ?")
            .bind(live.to_string())
            .bind(participant.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        let event = append_live_event(&mut tx, live, at, LiveEventKind::HandsChanged).await?;
        self.commit_live(tx, &event).await?;
        Ok(event)
    }

    async fn hands(&self, live: LiveSessionId) -> Result<Vec<Hand>> {
        type Row = (String, i64, Option<String>, String);
        let rows: Vec<Row> = sqlx::query_as(
            "WITH numbered AS ( \
                 SELECT participant_id, \
                        row_number() OVER (ORDER BY first_seen, participant_id) AS number \
                 FROM attendance WHERE live_session_id = ?1) \
             SELECT h.participant_id, n.number, p.display_name, h.raised_at \
             FROM hands h \
             JOIN numbered n ON n.participant_id = h.participant_id \
             JOIN participants p ON p.id = h.participant_id \
             WHERE h.live_session_id = ?1 \
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
             WHERE a.live_session_id = ? ORDER BY number",
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
                 FROM attendance WHERE live_session_id = ?) \
             WHERE number = ?",
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
            sqlx::query_scalar("SELECT feedback FROM live_sessions WHERE id = ?")
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
        let now: Option<(String, i64)> =
            sqlx::query_as("SELECT feedback, open FROM live_sessions WHERE id = ?")
                .bind(live.to_string())
                .fetch_optional(&mut *tx)
                .await
                .map_err(db)?;
        let (code, open) = now.ok_or(StoreError::NotFound)?;
        if open != 1 {
            return Err(StoreError::Conflict("live session is closed"));
        }
        let from = FeedbackState::parse(&code).ok_or_else(|| {
            StoreError::Corrupt(format!("live_sessions: feedback state {code:?}"))
        })?;
        // Closing is final and nothing goes back (`FeedbackState::may_become`); asked inside the
        // write transaction, so two clicks at once cannot slip past it.
        if !from.may_become(state) {
            return Err(StoreError::Conflict("feedback cannot move that way"));
        }
        sqlx::query("UPDATE live_sessions SET feedback = ? WHERE id = ?")
            .bind(state.code())
            .bind(live.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        let event = append_live_event(&mut tx, live, at, LiveEventKind::Moved).await?;
        self.commit_live(tx, &event).await?;
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
        let now: Option<(String, i64)> =
            sqlx::query_as("SELECT feedback, open FROM live_sessions WHERE id = ?")
                .bind(live.to_string())
                .fetch_optional(&mut *tx)
                .await
                .map_err(db)?;
        let (code, open) = now.ok_or(StoreError::NotFound)?;
        // A closed session takes no answer, even if its form was never closed: results are
        // shown once the session closes, and must not change after.
        if open != 1 || code != FeedbackState::Open.code() {
            return Err(StoreError::Conflict("feedback is not open"));
        }
        let process = live_session_process(&mut tx, live).await?;
        // Only *that* this participant answered, for the one-answer rule.
        sqlx::query(
            "INSERT INTO feedback_given (live_session_id, participant_id, process_id) \
             VALUES (?, ?, ?)",
        )
        .bind(live.to_string())
        .bind(participant.to_string())
        .bind(process)
        .execute(&mut *tx)
        .await
        .map_err(db_unique("feedback"))?;
        // The answers, apart from who gave them and when; the key is random (UUIDv4, not the
        // time-ordered v7 of other ids), so even the rows' order says nothing of arrival.
        sqlx::query(
            "INSERT INTO feedback_answers (id, live_session_id, answers_json) VALUES (?, ?, ?)",
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
             WHERE live_session_id = ? AND participant_id = ?",
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
            "SELECT answers_json FROM feedback_answers WHERE live_session_id = ? \
             ORDER BY answers_json",
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
        let rows: Vec<FeedbackAnswerRow> = sqlx::query_as(
            "SELECT s.id AS live_session_id, s.phase, s.open, s.feedback, a.answers_json \
             FROM live_sessions s JOIN feedback_answers a ON a.live_session_id = s.id \
             WHERE s.process_id = ? \
             ORDER BY s.opened_at DESC, s.id DESC, a.answers_json",
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
            " FROM notes WHERE live_session_id = ? ORDER BY created_at, id"
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
             WHERE live_session_id IN (SELECT id FROM live_sessions WHERE process_id = ?) \
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
            " FROM notes WHERE topic_id = ? ORDER BY created_at, id"
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
             WHERE live_session_id = ? AND participant_id = ? AND created_at >= ?",
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
             LEFT JOIN notes n ON n.id = json_extract(e.kind_json, '$.note') \
             LEFT JOIN topics t ON t.id = n.topic_id \
             WHERE e.live_session_id = ? AND e.seq > ? ORDER BY e.seq LIMIT ?",
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
             WHERE live_session_id = ? AND seq > ? ORDER BY seq",
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
