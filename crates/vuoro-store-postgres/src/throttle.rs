//! Attempts counted in the `attempts` table (see `vuoro_store::throttle`). Several processes
//! check and count at once here, so each budget's key is locked for the transaction first
//! (an advisory lock on its hash, taken in the keys' order so two attempts never wait on each
//! other in a cycle): the count a transaction reads then cannot change before it inserts.

use super::*;
use vuoro_store::{Budget, Spent, ThrottleStore};

#[async_trait]
impl ThrottleStore for PgStore {
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
        let mut keys: Vec<&str> = budgets.iter().map(|b| b.key).collect();
        keys.sort_unstable();
        keys.dedup();
        for key in keys {
            sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .bind(key)
                .execute(&mut *tx)
                .await
                .map_err(db)?;
        }
        sqlx::query("DELETE FROM attempts WHERE at <= $1")
            .bind(&since)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        for (i, b) in budgets.iter().enumerate() {
            // The `limit`-th newest attempt in the window: while it is there the budget is
            // spent, and when it leaves the window an attempt is free again.
            let offset = i64::from(b.limit.max(1) - 1);
            let oldest: Option<String> = sqlx::query_scalar(
                "SELECT at FROM attempts WHERE key = $1 AND at > $2 \
                 ORDER BY at DESC, id DESC LIMIT 1 OFFSET $3",
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
            sqlx::query("INSERT INTO attempts (key, at) VALUES ($1, $2)")
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
             (SELECT id FROM attempts WHERE key = $1 ORDER BY at DESC, id DESC LIMIT 1)",
        )
        .bind(key)
        .execute(&self.pool)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn forget_attempts(&self, key: &str) -> Result<()> {
        sqlx::query("DELETE FROM attempts WHERE key = $1")
            .bind(key)
            .execute(&self.pool)
            .await
            .map_err(db)?;
        Ok(())
    }
}
