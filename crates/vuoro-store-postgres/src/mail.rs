//! The outbox and each person's mail settings on PostgreSQL (see `vuoro_store::mail`). Several
//! server processes claim at once: a claim locks the rows it takes and skips those another
//! process has locked (`FOR UPDATE SKIP LOCKED`), and a row it waited for is checked again
//! against its committed lease, so each message is claimed by one process.

use super::*;
use vuoro_core::Lang;
use vuoro_store::mail::{
    ALWAYS_SENT, MailKind, MailStore, NewMail, OutboxState, QueuedMail, QueuedMailRow, parse_kinds,
    parse_lang,
};
use vuoro_store::queued_mail_columns;

/// The longest error text kept: the mail server's answer, enough to tell what went wrong.
const ERROR_MAX: usize = 500;

/// Writes `mails` to the outbox on `conn`, due at once, skipping any whose dedupe key is there
/// already. Store methods whose change causes mail call this inside their own transaction, so
/// the message exists exactly when the change does. Returns how many were written.
pub(crate) async fn insert_mails(
    conn: &mut PgConnection,
    mails: &[NewMail],
    now: OffsetDateTime,
) -> Result<u64> {
    let now = timestamp(now)?;
    let mut written = 0;
    for m in mails {
        let done = sqlx::query(
            "INSERT INTO mail_outbox (kind, address, user_id, subject, body_text, body_html, \
             dedupe_key, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (dedupe_key) DO NOTHING",
        )
        .bind(m.kind.as_str())
        .bind(m.to.trim())
        .bind(m.user.map(|u| u.to_string()))
        .bind(&m.subject)
        .bind(&m.text)
        .bind(&m.html)
        .bind(m.dedupe.as_deref())
        .bind(&now)
        .bind(&now)
        .execute(&mut *conn)
        .await
        .map_err(db)?;
        written += done.rows_affected();
    }
    Ok(written)
}

#[async_trait]
impl MailStore for PgStore {
    async fn enqueue_mail(&self, mails: &[NewMail], now: OffsetDateTime) -> Result<u64> {
        let mut tx = self.begin_write().await?;
        let written = insert_mails(&mut tx, mails, now).await?;
        tx.commit().await.map_err(db)?;
        Ok(written)
    }

    async fn claim_mail(
        &self,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        limit: u32,
    ) -> Result<Vec<QueuedMail>> {
        let mut tx = self.begin_write().await?;
        let rows: Vec<QueuedMailRow> = sqlx::query_as(concat!(
            "UPDATE mail_outbox SET claimed_until = $1 WHERE id IN (SELECT id FROM mail_outbox \
             WHERE sent_at IS NULL AND refused_at IS NULL AND next_attempt_at <= $2 \
             AND (claimed_until IS NULL OR claimed_until <= $2) \
             ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING ",
            queued_mail_columns!()
        ))
        .bind(timestamp(lease_until)?)
        .bind(timestamp(now)?)
        .bind(i64::from(limit))
        .fetch_all(&mut *tx)
        .await
        .map_err(db)?;
        tx.commit().await.map_err(db)?;
        let mut mails = rows
            .into_iter()
            .map(QueuedMailRow::into_mail)
            .collect::<Result<Vec<_>>>()?;
        // RETURNING follows no order.
        mails.sort_by_key(|m| m.id);
        Ok(mails)
    }

    async fn mail_sent(&self, id: i64, now: OffsetDateTime) -> Result<()> {
        let done = sqlx::query(
            "UPDATE mail_outbox SET sent_at = $1, claimed_until = NULL, body_text = '', \
             body_html = '' WHERE id = $2 AND sent_at IS NULL",
        )
        .bind(timestamp(now)?)
        .bind(id)
        .execute(&self.pool)
        .await
        .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn mail_failed(&self, id: i64, error: &str, retry_at: OffsetDateTime) -> Result<()> {
        let error: String = error.chars().take(ERROR_MAX).collect();
        let done = sqlx::query(
            "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = $1, \
             claimed_until = NULL, last_error = $2 WHERE id = $3 AND sent_at IS NULL",
        )
        .bind(timestamp(retry_at)?)
        .bind(error)
        .bind(id)
        .execute(&self.pool)
        .await
        .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn mail_refused(&self, id: i64, error: &str, now: OffsetDateTime) -> Result<()> {
        let error: String = error.chars().take(ERROR_MAX).collect();
        let done = sqlx::query(
            "UPDATE mail_outbox SET attempts = attempts + 1, refused_at = $1, \
             claimed_until = NULL, last_error = $2, body_text = '', body_html = '' \
             WHERE id = $3 AND sent_at IS NULL AND refused_at IS NULL",
        )
        .bind(timestamp(now)?)
        .bind(error)
        .bind(id)
        .execute(&self.pool)
        .await
        .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn outbox_state(&self) -> Result<OutboxState> {
        let (waiting, failing, oldest): (i64, i64, Option<String>) = sqlx::query_as(
            "SELECT count(*), coalesce(sum(CASE WHEN attempts > 0 THEN 1 ELSE 0 END), 0), \
             min(created_at) FROM mail_outbox WHERE sent_at IS NULL AND refused_at IS NULL",
        )
        .fetch_one(&self.pool)
        .await
        .map_err(db)?;
        let last_error: Option<String> = sqlx::query_scalar(
            "SELECT last_error FROM mail_outbox WHERE sent_at IS NULL AND refused_at IS NULL \
             AND last_error IS NOT NULL ORDER BY next_attempt_at DESC, id DESC LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        let refused: i64 =
            sqlx::query_scalar("SELECT count(*) FROM mail_outbox WHERE refused_at IS NOT NULL")
                .fetch_one(&self.pool)
                .await
                .map_err(db)?;
        Ok(OutboxState {
            waiting: count(waiting, "mail")?,
            failing: count(failing, "failing mail")?,
            oldest: oldest
                .map(|t| parse_timestamp(&t, "mail_outbox"))
                .transpose()?,
            last_error,
            refused: count(refused, "refused mail")?,
        })
    }

    async fn mail_preferences(&self, user: UserId) -> Result<Vec<MailKind>> {
        let codes: Vec<String> =
            sqlx::query_scalar("SELECT kind FROM mail_turned_off WHERE user_id = $1")
                .bind(user.to_string())
                .fetch_all(&self.pool)
                .await
                .map_err(db)?;
        parse_kinds(codes)
    }

    async fn set_mail_preference(
        &self,
        user: UserId,
        kind: MailKind,
        on: bool,
        now: OffsetDateTime,
    ) -> Result<()> {
        if on {
            sqlx::query("DELETE FROM mail_turned_off WHERE user_id = $1 AND kind = $2")
                .bind(user.to_string())
                .bind(kind.as_str())
                .execute(&self.pool)
                .await
                .map_err(db)?;
            return Ok(());
        }
        if !kind.can_turn_off() {
            return Err(StoreError::Conflict(ALWAYS_SENT));
        }
        sqlx::query(
            "INSERT INTO mail_turned_off (user_id, kind, since) VALUES ($1, $2, $3) \
             ON CONFLICT DO NOTHING",
        )
        .bind(user.to_string())
        .bind(kind.as_str())
        .bind(timestamp(now)?)
        .execute(&self.pool)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn mail_language(&self, user: UserId) -> Result<Option<Lang>> {
        let lang: Option<Option<String>> =
            sqlx::query_scalar("SELECT lang FROM mail_settings WHERE user_id = $1")
                .bind(user.to_string())
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
        parse_lang(lang.flatten())
    }

    async fn set_mail_language(&self, user: UserId, lang: Lang, now: OffsetDateTime) -> Result<()> {
        sqlx::query(
            "INSERT INTO mail_settings (user_id, lang, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id) DO UPDATE SET lang = excluded.lang, \
             updated_at = excluded.updated_at",
        )
        .bind(user.to_string())
        .bind(lang.code())
        .bind(timestamp(now)?)
        .execute(&self.pool)
        .await
        .map_err(db)?;
        Ok(())
    }
}
