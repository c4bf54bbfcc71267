//! Themes, practices, the summary and its shared link on PostgreSQL.
//!
//! Versioned saves (themes, summary) lock the process's row before they read the latest
//! version, and a capped count locks the row it counts under, where SQLite's one writer made
//! the read and the write one step.

use super::*;
use crate::live::{author_columns, live_session_process};

#[async_trait]
impl OutcomeStore for PgStore {
    async fn themes(&self, process: ProcessId, scope: Scope) -> Result<Option<ThemeVersion>> {
        let row: Option<ThemeRow> = sqlx::query_as(concat!(
            "SELECT ",
            theme_columns!(),
            " FROM theme_sets WHERE process_id = $1 AND scope = $2 ORDER BY version DESC LIMIT 1"
        ))
        .bind(process.to_string())
        .bind(scope.code())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.map(ThemeRow::into_theme_version).transpose()
    }

    async fn save_themes(
        &self,
        process: ProcessId,
        scope: Scope,
        base: Option<u32>,
        set: &ThemeSet,
        curated: bool,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<u32> {
        let themes_json = to_json(set, "themes")?;
        let created_at = timestamp(at)?;
        let mut tx = self.begin_write().await?;
        // The process's row locked first: another save waits here until this one commits, so
        // the latest version read below stays the latest until the insert, and of two people
        // curating the same version exactly one wins. An unknown process is `NotFound` here,
        // before any version check, not a scope with no versions yet.
        lock_process(&mut tx, process).await?;
        if let Scope::Session { session } = scope {
            // The scope's key names a session the schema cannot tie to the process, so themes
            // of another process's session would be filed under the wrong process.
            if live_session_process(&mut tx, session).await? != process.to_string() {
                return Err(StoreError::NotFound);
            }
        }
        let latest: Option<i64> = sqlx::query_scalar(
            "SELECT MAX(version) FROM theme_sets WHERE process_id = $1 AND scope = $2",
        )
        .bind(process.to_string())
        .bind(scope.code())
        .fetch_one(&mut *tx)
        .await
        .map_err(db)?;
        let latest = latest
            .map(|v| codec::version(v, "theme_sets"))
            .transpose()?;
        if latest != base {
            return Err(StoreError::Conflict("themes changed"));
        }
        let new_version = latest
            .unwrap_or(0)
            .checked_add(1)
            .ok_or(StoreError::Conflict("themes changed"))?;
        sqlx::query(
            "INSERT INTO theme_sets (process_id, scope, version, themes_json, curated, \
             created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(process.to_string())
        .bind(scope.code())
        .bind(i64::from(new_version))
        .bind(themes_json)
        .bind(curated)
        .bind(actor.to_string())
        .bind(created_at)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        append_event(
            &mut tx,
            process,
            actor,
            at,
            &EventKind::ThemesSaved {
                scope,
                version: new_version,
                curated,
            },
        )
        .await?;
        tx.commit().await.map_err(db)?;
        Ok(new_version)
    }

    async fn theme_versions(
        &self,
        process: ProcessId,
        scope: Scope,
    ) -> Result<Vec<(u32, bool, UserId, OffsetDateTime)>> {
        let rows: Vec<ThemeListRow> = sqlx::query_as(
            "SELECT version, curated, created_by, created_at FROM theme_sets \
             WHERE process_id = $1 AND scope = $2 ORDER BY version DESC",
        )
        .bind(process.to_string())
        .bind(scope.code())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(ThemeListRow::into_entry).collect()
    }

    async fn theme_version(
        &self,
        process: ProcessId,
        scope: Scope,
        version: u32,
    ) -> Result<ThemeVersion> {
        let row: Option<ThemeRow> = sqlx::query_as(concat!(
            "SELECT ",
            theme_columns!(),
            " FROM theme_sets WHERE process_id = $1 AND scope = $2 AND version = $3"
        ))
        .bind(process.to_string())
        .bind(scope.code())
        .bind(i64::from(version))
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.ok_or(StoreError::NotFound)?.into_theme_version()
    }

    async fn add_practice(&self, p: &Practice) -> Result<()> {
        let (participant, staff) = author_columns(&p.author);
        let mut tx = self.begin_write().await?;
        // The composite foreign keys refuse a live session or a participant of another process
        // as well as a missing one, and `db` reports either as `NotFound`.
        sqlx::query(
            "INSERT INTO practices (id, process_id, live_session_id, group_label, kind, title, \
             owner, due, status, participant_id, staff_user_id, lang, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        )
        .bind(p.id.to_string())
        .bind(p.process.to_string())
        .bind(p.live_session.map(|l| l.to_string()))
        .bind(p.group.as_deref())
        .bind(p.kind.code())
        .bind(&p.title)
        .bind(p.owner.as_deref())
        .bind(p.due.map(date).transpose()?)
        .bind(p.status.code())
        .bind(participant)
        .bind(staff)
        .bind(&p.lang)
        .bind(timestamp(p.created_at)?)
        .bind(timestamp(p.updated_at)?)
        .execute(&mut *tx)
        .await
        .map_err(db_unique("practice"))?;
        // The process log names only staff as actors, so a practice from a phone is recorded
        // without an event rather than under someone else's name.
        if let NoteAuthor::Staff(user) = p.author {
            append_event(
                &mut tx,
                p.process,
                user,
                p.created_at,
                &EventKind::PracticeSaved { practice: p.id },
            )
            .await?;
        }
        tx.commit().await.map_err(db)
    }

    async fn practice(&self, id: PracticeId) -> Result<Practice> {
        let row: Option<PracticeRow> = sqlx::query_as(concat!(
            "SELECT ",
            practice_columns!(),
            " FROM practices WHERE id = $1"
        ))
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.ok_or(StoreError::NotFound)?.into_practice()
    }

    async fn practices(&self, process: ProcessId) -> Result<Vec<Practice>> {
        let rows: Vec<PracticeRow> = sqlx::query_as(concat!(
            "SELECT ",
            practice_columns!(),
            " FROM practices WHERE process_id = $1 ORDER BY created_at, id"
        ))
        .bind(process.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(PracticeRow::into_practice).collect()
    }

    async fn edit_practice(
        &self,
        id: PracticeId,
        kind: PracticeKind,
        title: &str,
        owner: Option<&str>,
        due: Option<Date>,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<()> {
        let due = due.map(date).transpose()?;
        let mut tx = self.begin_write().await?;
        let process: Option<String> = sqlx::query_scalar(
            "UPDATE practices SET kind = $1, title = $2, owner = $3, due = $4, updated_at = $5 \
             WHERE id = $6 RETURNING process_id",
        )
        .bind(kind.code())
        .bind(title)
        .bind(owner)
        .bind(due)
        .bind(timestamp(at)?)
        .bind(id.to_string())
        .fetch_optional(&mut *tx)
        .await
        .map_err(db)?;
        let process = process.ok_or(StoreError::NotFound)?;
        append_event(
            &mut tx,
            parse_id(&process, "practices")?,
            actor,
            at,
            &EventKind::PracticeSaved { practice: id },
        )
        .await?;
        tx.commit().await.map_err(db)
    }

    async fn set_practice_status(
        &self,
        id: PracticeId,
        status: PracticeStatus,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<()> {
        let when = timestamp(at)?;
        let mut tx = self.begin_write().await?;
        // The practice's row locked: of two people choosing the same new status at once, the
        // second reads the first's and changes nothing, as on SQLite.
        let row: Option<(String, String)> =
            sqlx::query_as("SELECT process_id, status FROM practices WHERE id = $1 FOR UPDATE")
                .bind(id.to_string())
                .fetch_optional(&mut *tx)
                .await
                .map_err(db)?;
        let (process, current) = row.ok_or(StoreError::NotFound)?;
        // Choosing the status a practice already has changes nothing, so it neither moves
        // `updated_at` nor adds an event; the transaction ends without writing.
        if current == status.code() {
            return Ok(());
        }
        sqlx::query("UPDATE practices SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(status.code())
            .bind(when)
            .bind(id.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        append_event(
            &mut tx,
            parse_id(&process, "practices")?,
            actor,
            at,
            &EventKind::PracticeStatusChanged {
                practice: id,
                to: status,
            },
        )
        .await?;
        tx.commit().await.map_err(db)
    }

    async fn summary(&self, process: ProcessId) -> Result<Option<SummaryVersion>> {
        let row: Option<SummaryRow> = sqlx::query_as(concat!(
            "SELECT ",
            summary_columns!(),
            " FROM summary_versions WHERE process_id = $1 ORDER BY version DESC LIMIT 1"
        ))
        .bind(process.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.map(SummaryRow::into_summary_version).transpose()
    }

    async fn summary_version(&self, process: ProcessId, version: u32) -> Result<SummaryVersion> {
        let row: Option<SummaryRow> = sqlx::query_as(concat!(
            "SELECT ",
            summary_columns!(),
            " FROM summary_versions WHERE process_id = $1 AND version = $2"
        ))
        .bind(process.to_string())
        .bind(i64::from(version))
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.ok_or(StoreError::NotFound)?.into_summary_version()
    }

    async fn save_summary(
        &self,
        process: ProcessId,
        base: Option<u32>,
        summary: &Summary,
        state: SummaryState,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<u32> {
        let summary_json = to_json(summary, "summary")?;
        let created_at = timestamp(at)?;
        let mut tx = self.begin_write().await?;
        // As for themes: the process's row locked first keeps another save from adding a
        // version between this read and the insert, so of two people editing the same version
        // exactly one wins; an unknown process is `NotFound` before any version check.
        lock_process(&mut tx, process).await?;
        let latest: Option<i64> =
            sqlx::query_scalar("SELECT MAX(version) FROM summary_versions WHERE process_id = $1")
                .bind(process.to_string())
                .fetch_one(&mut *tx)
                .await
                .map_err(db)?;
        let latest = latest
            .map(|v| codec::version(v, "summary_versions"))
            .transpose()?;
        if latest != base {
            return Err(StoreError::Conflict("summary changed"));
        }
        let new_version = latest
            .unwrap_or(0)
            .checked_add(1)
            .ok_or(StoreError::Conflict("summary changed"))?;
        sqlx::query(
            "INSERT INTO summary_versions (process_id, version, summary_json, state, created_by, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(process.to_string())
        .bind(i64::from(new_version))
        .bind(summary_json)
        .bind(state.code())
        .bind(actor.to_string())
        .bind(created_at)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        append_event(
            &mut tx,
            process,
            actor,
            at,
            &EventKind::SummarySaved {
                version: new_version,
                state,
            },
        )
        .await?;
        tx.commit().await.map_err(db)?;
        Ok(new_version)
    }

    async fn summary_versions(
        &self,
        process: ProcessId,
    ) -> Result<Vec<(u32, SummaryState, UserId, OffsetDateTime)>> {
        let rows: Vec<SummaryListRow> = sqlx::query_as(
            "SELECT version, state, created_by, created_at FROM summary_versions \
             WHERE process_id = $1 ORDER BY version DESC",
        )
        .bind(process.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(SummaryListRow::into_entry).collect()
    }

    async fn add_summary_comment(&self, c: &SummaryComment) -> Result<()> {
        // The composite foreign keys refuse a participant of another process and a version the
        // process does not have, as well as a missing participant or process, and `db` reports
        // each as `NotFound`. One statement, so no transaction.
        sqlx::query(
            "INSERT INTO summary_comments (process_id, summary_version, participant_id, text, \
             lang, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(c.process.to_string())
        .bind(i64::from(c.version))
        .bind(c.participant.to_string())
        .bind(&c.text)
        .bind(&c.lang)
        .bind(timestamp(c.created_at)?)
        .execute(&self.pool)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn summary_comments(&self, process: ProcessId) -> Result<Vec<SummaryComment>> {
        let rows: Vec<SummaryCommentRow> = sqlx::query_as(concat!(
            "SELECT ",
            summary_comment_columns!(),
            " FROM summary_comments WHERE process_id = $1 ORDER BY created_at, id"
        ))
        .bind(process.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(SummaryCommentRow::into_summary_comment)
            .collect()
    }

    async fn count_summary_comments_by(
        &self,
        process: ProcessId,
        participant: ParticipantId,
    ) -> Result<u64> {
        let n: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM summary_comments WHERE process_id = $1 AND participant_id = $2",
        )
        .bind(process.to_string())
        .bind(participant.to_string())
        .fetch_one(&self.pool)
        .await
        .map_err(db)?;
        count(n, "summary comment")
    }

    async fn make_summary_link(
        &self,
        process: ProcessId,
        token_hash: &str,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<SummaryLink> {
        let mut tx = self.begin_write().await?;
        if !process_exists(&mut tx, process).await? {
            return Err(StoreError::NotFound);
        }
        // The partial unique index allows one working link per process; a second is a conflict,
        // also when two are made at once (the second insert waits for the first to commit).
        let inserted: std::result::Result<i64, sqlx::Error> = sqlx::query_scalar(
            "INSERT INTO summary_links (process_id, token_hash, created_by, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(process.to_string())
        .bind(token_hash)
        .bind(actor.to_string())
        .bind(timestamp(at)?)
        .fetch_one(&mut *tx)
        .await;
        let id = match inserted {
            Ok(id) => id,
            Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
                return Err(StoreError::Conflict("a summary link already works"));
            }
            Err(e) => return Err(db(e)),
        };
        append_event(
            &mut tx,
            process,
            actor,
            at,
            &EventKind::SummaryLinkMade { link: id },
        )
        .await?;
        tx.commit().await.map_err(db)?;
        Ok(SummaryLink {
            id,
            process,
            token_hash: token_hash.to_owned(),
            created_by: actor,
            created_at: at,
            revoked: None,
        })
    }

    async fn summary_link(&self, process: ProcessId) -> Result<Option<SummaryLink>> {
        let row: Option<SummaryLinkRow> = sqlx::query_as(concat!(
            "SELECT ",
            summary_link_columns!(),
            " FROM summary_links WHERE process_id = $1 AND revoked_at IS NULL"
        ))
        .bind(process.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.map(SummaryLinkRow::into_link).transpose()
    }

    async fn summary_link_by_hash(&self, token_hash: &str) -> Result<Option<SummaryLink>> {
        let row: Option<SummaryLinkRow> = sqlx::query_as(concat!(
            "SELECT ",
            summary_link_columns!(),
            " FROM summary_links WHERE token_hash = $1"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.map(SummaryLinkRow::into_link).transpose()
    }

    async fn revoke_summary_link(
        &self,
        process: ProcessId,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let id: Option<i64> = sqlx::query_scalar(
            "UPDATE summary_links SET revoked_by = $1, revoked_at = $2 \
             WHERE process_id = $3 AND revoked_at IS NULL RETURNING id",
        )
        .bind(actor.to_string())
        .bind(timestamp(at)?)
        .bind(process.to_string())
        .fetch_optional(&mut *tx)
        .await
        .map_err(db)?;
        let id = id.ok_or(StoreError::NotFound)?;
        append_event(
            &mut tx,
            process,
            actor,
            at,
            &EventKind::SummaryLinkRevoked { link: id },
        )
        .await?;
        tx.commit().await.map_err(db)?;
        Ok(())
    }

    async fn add_summary_link_comment(&self, c: &SummaryLinkComment, max: u64) -> Result<bool> {
        let max = i64::try_from(max).unwrap_or(i64::MAX);
        let mut tx = self.begin_write().await?;
        // One statement is not enough here: two at once would each count under the cap. The
        // link's row locked first makes the comments on one link go one at a time, each
        // counting the ones before it; an unknown link is `NotFound`, as its foreign key says
        // on SQLite. `FOR NO KEY UPDATE` leaves the comments' foreign-key checks free.
        let link: Option<i32> =
            sqlx::query_scalar("SELECT 1 FROM summary_links WHERE id = $1 FOR NO KEY UPDATE")
                .bind(c.link)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db)?;
        if link.is_none() {
            return Err(StoreError::NotFound);
        }
        // The foreign keys refuse a version the process does not have.
        let r = sqlx::query(
            "INSERT INTO summary_link_comments (process_id, summary_version, link_id, text, lang, \
             created_at) SELECT $1, $2, $3, $4, $5, $6 \
             WHERE (SELECT count(*) FROM summary_link_comments WHERE link_id = $7) < $8",
        )
        .bind(c.process.to_string())
        .bind(i64::from(c.version))
        .bind(c.link)
        .bind(&c.text)
        .bind(&c.lang)
        .bind(timestamp(c.created_at)?)
        .bind(c.link)
        .bind(max)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        tx.commit().await.map_err(db)?;
        Ok(r.rows_affected() == 1)
    }

    async fn summary_link_comments(&self, process: ProcessId) -> Result<Vec<SummaryLinkComment>> {
        let rows: Vec<SummaryLinkCommentRow> = sqlx::query_as(
            "SELECT process_id, summary_version, link_id, text, lang, created_at \
             FROM summary_link_comments WHERE process_id = $1 ORDER BY created_at, id",
        )
        .bind(process.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(SummaryLinkCommentRow::into_comment)
            .collect()
    }
}
