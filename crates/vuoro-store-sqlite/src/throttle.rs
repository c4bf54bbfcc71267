//! Attempts counted in the `attempts` table (see `vuoro_store::throttle`).

use super::*;
use vuoro_store::{Budget, Spent, ThrottleStore};

#[async_trait]
impl ThrottleStore for SqliteStore {
    async fn take_attempt(
        &self,
        budgets: &[Budget<'_>],
        since: OffsetDateTime,
        at: OffsetDateTime,
    ) -> Result<Option<Spent>> {
        let window = at - since;
        let since = timestamp(since)?;
        let at_text = timestamp(at)?;
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM attempts WHERE at <= ?")
            .bind(&since)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        for (i, b) in budgets.iter().enumerate() {
            // The `limit`-th newest attempt in the window: while it is there the budget is
            // spent, and when it leaves the window an attempt is free again.
            let offset = i64::from(b.limit.max(1) - 1);
            let oldest: Option<String> = sqlx::query_scalar(
                "SELECT at FROM attempts WHERE key = ? AND at > ? \
                 ORDER BY at DESC, id DESC LIMIT 1 OFFSET ?",
            )
            .bind(b.key)
            .bind(&since)
            .bind(offset)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db)?;
            if let Some(t) = oldest {
                return Ok(Some(Spent {
                    budget: i,
                    until: parse_timestamp(&t, "attempt")? + window,
                }));
            }
        }
        for b in budgets {
            sqlx::query("INSERT INTO attempts (key, at) VALUES (?, ?)")
                .bind(b.key)
                .bind(&at_text)
                .execute(&mut *tx)
                .await
                .map_err(db)?;
        }
        tx.commit().await.map_err(db)?;
        Ok(None)
    }

    async fn give_back_attempt(&self, key: &str) -> Result<()> {
        sqlx::query(
            "DELETE FROM attempts WHERE id = \
             (SELECT id FROM attempts WHERE key = ? ORDER BY at DESC, id DESC LIMIT 1)",
        )
        .bind(key)
        .execute(&self.pool)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn forget_attempts(&self, key: &str) -> Result<()> {
        sqlx::query("DELETE FROM attempts WHERE key = ?")
            .bind(key)
            .execute(&self.pool)
            .await
            .map_err(db)?;
        Ok(())
    }
}
