//! Password reset and address confirmation links on PostgreSQL (see
//! `vuoro_store::account_tokens`). Two uses of one link at once queue on its row
//! (`FOR UPDATE`), so the second finds it used.

use super::*;
use vuoro_store::account_token_columns;
use vuoro_store::account_tokens::AccountTokenRow;
use vuoro_store::account_tokens::mail_state;
use vuoro_store::mail::NewMail;
use vuoro_store::{AccountToken, InvitationMail, TOKEN_USED, TokenPurpose, TokenStore};

/// Writes a new link, in the caller's transaction.
pub(crate) async fn insert_token(conn: &mut PgConnection, token: &AccountToken) -> Result<()> {
    sqlx::query(
        "INSERT INTO account_tokens (token_hash, user_id, purpose, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&token.token_hash)
    .bind(token.user.to_string())
    .bind(token.purpose.code())
    .bind(timestamp(token.created_at)?)
    .bind(timestamp(token.expires_at)?)
    .execute(conn)
    .await
    .map_err(db_unique("account token"))?;
    Ok(())
}

#[async_trait]
impl TokenStore for PgStore {
    async fn issue_token(
        &self,
        token: &AccountToken,
        now: OffsetDateTime,
        outbox: &[NewMail],
    ) -> Result<()> {
        let now_text = timestamp(now)?;
        let mut tx = self.begin_write().await?;
        // Swept here rather than by a job: a link is only ever issued through this method.
        sqlx::query("DELETE FROM account_tokens WHERE expires_at <= $1")
            .bind(&now_text)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        // Only the newest link works, so a mailbox holding several asks for no guessing which.
        sqlx::query(
            "UPDATE account_tokens SET expires_at = $1 \
             WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL",
        )
        .bind(&now_text)
        .bind(token.user.to_string())
        .bind(token.purpose.code())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        insert_token(&mut tx, token).await?;
        crate::mail::insert_mails(&mut tx, outbox, now).await?;
        tx.commit().await.map_err(db)
    }

    async fn invitation_mail(&self, org: OrgId) -> Result<HashMap<String, InvitationMail>> {
        let rows: Vec<(String, bool, bool, i64)> = sqlx::query_as(
            "SELECT i.token_hash, m.sent_at IS NOT NULL, m.refused_at IS NOT NULL, m.attempts \
             FROM invitations i JOIN mail_outbox m ON m.dedupe_key = 'invitation:' || i.token_hash \
             WHERE i.org_id = $1",
        )
        .bind(org.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        Ok(rows
            .into_iter()
            .map(|(token, sent, refused, attempts)| (token, mail_state(sent, refused, attempts)))
            .collect())
    }

    async fn account_token(&self, token_hash: &str) -> Result<Option<AccountToken>> {
        let row: Option<AccountTokenRow> = sqlx::query_as(concat!(
            "SELECT ",
            account_token_columns!(),
            " FROM account_tokens WHERE token_hash = $1"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.map(AccountTokenRow::into_token).transpose()
    }

    async fn use_token(
        &self,
        token_hash: &str,
        purpose: TokenPurpose,
        password_hash: &str,
        now: OffsetDateTime,
    ) -> Result<User> {
        let now_text = timestamp(now)?;
        let mut tx = self.begin_write().await?;
        let row: Option<AccountTokenRow> = sqlx::query_as(concat!(
            "SELECT ",
            account_token_columns!(),
            " FROM account_tokens WHERE token_hash = $1 FOR UPDATE"
        ))
        .bind(token_hash)
        .fetch_optional(&mut *tx)
        .await
        .map_err(db)?;
        let token = row.ok_or(StoreError::NotFound)?.into_token()?;
        if token.purpose != purpose || token.expires_at <= now {
            return Err(StoreError::NotFound);
        }
        let marked = sqlx::query(
            "UPDATE account_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL",
        )
        .bind(&now_text)
        .bind(token_hash)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        if marked.rows_affected() != 1 {
            return Err(StoreError::Conflict(TOKEN_USED));
        }
        // The new password is chosen by whoever read the mail, so the address is theirs and the
        // account no longer in the hands of anyone who saw an invitation link: confirmed.
        // (Every expression reads the row as it was before the update.)
        sqlx::query(
            "UPDATE users SET password_hash = $1, origin_org = NULL, \
             confirmed_at = CASE WHEN origin_org IS NULL THEN confirmed_at ELSE $2 END, \
             confirmed_by = CASE WHEN origin_org IS NULL THEN confirmed_by ELSE NULL END \
             WHERE id = $3",
        )
        .bind(password_hash)
        .bind(&now_text)
        .bind(token.user.to_string())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        sqlx::query("DELETE FROM login_sessions WHERE user_id = $1")
            .bind(token.user.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        let user: UserRow = sqlx::query_as(concat!(
            "SELECT ",
            user_columns!(),
            " FROM users u WHERE u.id = $1"
        ))
        .bind(token.user.to_string())
        .fetch_one(&mut *tx)
        .await
        .map_err(db)?;
        tx.commit().await.map_err(db)?;
        user.into_user()
    }
}
