//! Sign-on with an OpenID Connect provider (see `vuoro_store::sign_on`). A sign-on's groups
//! are applied under the account's row lock, as every other change of its roles; a group's
//! roles are rewritten under the organisation's.

use super::*;
use crate::accounts::{current_roles, lock_user, origin_of, record_role_change, write_roles};
use vuoro_store::{GroupRoles, SignOnStart, SignOnStore};

/// A `sign_on_starts` row: token hash, state, nonce, verifier, next, expiry.
type StartRow = (String, String, String, String, String, String);

#[async_trait]
impl SignOnStore for PgStore {
    async fn start_sign_on(&self, s: &SignOnStart, now: OffsetDateTime) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM sign_on_starts WHERE expires_at <= $1")
            .bind(timestamp(now)?)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        sqlx::query(
            "INSERT INTO sign_on_starts \
             (token_hash, state, nonce, pkce_verifier, next, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&s.token_hash)
        .bind(&s.state)
        .bind(&s.nonce)
        .bind(&s.pkce_verifier)
        .bind(&s.next)
        .bind(timestamp(s.expires_at)?)
        .execute(&mut *tx)
        .await
        .map_err(db_unique("sign-on"))?;
        tx.commit().await.map_err(db)
    }

    async fn take_sign_on(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<SignOnStart>> {
        let row: Option<StartRow> = sqlx::query_as(
            "DELETE FROM sign_on_starts WHERE token_hash = $1 \
             RETURNING token_hash, state, nonce, pkce_verifier, next, expires_at",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        let Some((token_hash, state, nonce, pkce_verifier, next, expires_at)) = row else {
            return Ok(None);
        };
        let expires_at = parse_timestamp(&expires_at, "sign_on_starts")?;
        Ok((expires_at > now).then_some(SignOnStart {
            token_hash,
            state,
            nonce,
            pkce_verifier,
            next,
            expires_at,
        }))
    }

    async fn sign_on_user(&self, issuer: &str, subject: &str) -> Result<Option<User>> {
        let row: Option<UserRow> = sqlx::query_as(concat!(
            "SELECT ",
            user_columns!(),
            " FROM users u JOIN sign_on_identities i ON i.user_id = u.id \
             WHERE i.issuer = $1 AND i.subject = $2"
        ))
        .bind(issuer)
        .bind(subject)
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.map(UserRow::into_user).transpose()
    }

    async fn sign_on_identities(&self, user: UserId) -> Result<Vec<(String, String)>> {
        sqlx::query_as(
            "SELECT issuer, subject FROM sign_on_identities WHERE user_id = $1 \
             ORDER BY issuer, subject",
        )
        .bind(user.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)
    }

    async fn link_sign_on(
        &self,
        issuer: &str,
        subject: &str,
        user: UserId,
        now: OffsetDateTime,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO sign_on_identities (issuer, subject, user_id, created_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(issuer)
        .bind(subject)
        .bind(user.to_string())
        .bind(timestamp(now)?)
        .execute(&self.pool)
        .await
        .map_err(db_unique("sign-on identity"))?;
        Ok(())
    }

    async fn open_invitations(&self, email: &str, now: OffsetDateTime) -> Result<Vec<String>> {
        sqlx::query_scalar(
            "SELECT token_hash FROM invitations \
             WHERE email = $1 AND accepted_at IS NULL AND expires_at > $2 \
             ORDER BY created_at, token_hash COLLATE \"C\"",
        )
        .bind(normalise_email(email))
        .bind(timestamp(now)?)
        .fetch_all(&self.pool)
        .await
        .map_err(db)
    }

    async fn group_roles(&self, org: OrgId) -> Result<Vec<GroupRoles>> {
        let mut conn = self.pool.acquire().await.map_err(db)?;
        group_roles_of(&mut conn, org).await
    }

    async fn set_group_roles(
        &self,
        org: OrgId,
        group: &str,
        roles: RoleSet,
        actor: UserId,
        now: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("SELECT 1 FROM organisations WHERE id = $1 FOR NO KEY UPDATE")
            .bind(org.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        sqlx::query("DELETE FROM sign_on_group_roles WHERE org_id = $1 AND group_name = $2")
            .bind(org.to_string())
            .bind(group)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        for role in roles.roles() {
            sqlx::query(
                "INSERT INTO sign_on_group_roles (org_id, group_name, role) VALUES ($1, $2, $3)",
            )
            .bind(org.to_string())
            .bind(group)
            .bind(role.code())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        }
        crate::audit::insert_audit(
            &mut tx,
            &vuoro_store::sign_on::mapping_audit(org, group, roles, actor, now),
        )
        .await?;
        tx.commit().await.map_err(db)
    }

    async fn apply_group_roles(
        &self,
        user: UserId,
        groups: &[String],
        now: OffsetDateTime,
    ) -> Result<Vec<OrgId>> {
        let mut tx = self.begin_write().await?;
        lock_user(&mut tx, user).await?;
        let orgs: Vec<String> =
            sqlx::query_scalar("SELECT DISTINCT org_id FROM sign_on_group_roles ORDER BY org_id")
                .fetch_all(&mut *tx)
                .await
                .map_err(db)?;
        let origin = origin_of(&mut tx, user).await?;
        let mut changed = Vec::new();
        for org in orgs {
            let org: OrgId = parse_id(&org, "sign_on_group_roles")?;
            if origin.is_some_and(|o| o != org) {
                continue;
            }
            let mapped = group_roles_of(&mut tx, org).await?;
            let before = current_roles(&mut tx, org, user).await?;
            let after = vuoro_store::sign_on::roles_after(before, &mapped, groups);
            if after != before {
                write_roles(&mut tx, org, user, after).await?;
                record_role_change(
                    &mut tx,
                    org,
                    user,
                    user,
                    before,
                    after,
                    RoleChangeVia::SignOn,
                    now,
                )
                .await?;
                changed.push(org);
            }
        }
        tx.commit().await.map_err(db)?;
        Ok(changed)
    }

    async fn password_login(&self, org: OrgId) -> Result<bool> {
        let v: Option<bool> =
            sqlx::query_scalar("SELECT password_login FROM org_sign_on WHERE org_id = $1")
                .bind(org.to_string())
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
        Ok(v.unwrap_or(true))
    }

    async fn set_password_login(
        &self,
        org: OrgId,
        allowed: bool,
        actor: UserId,
        now: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO org_sign_on (org_id, password_login) VALUES ($1, $2) \
             ON CONFLICT (org_id) DO UPDATE SET password_login = excluded.password_login",
        )
        .bind(org.to_string())
        .bind(allowed)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        if !allowed {
            // Every member's session begun with a password ends now, so none outlives the
            // rule (one in another organisation too: they log in again and reach the
            // organisations that allow it). Sessions begun by sign-on stay, as do the admin's
            // who turned it off and site administrators'.
            sqlx::query(
                "DELETE FROM login_sessions WHERE via = 'password' AND user_id IN \
                 (SELECT u.id FROM users u JOIN org_roles r ON r.user_id = u.id \
                 WHERE r.org_id = $1 AND NOT u.site_admin AND u.id <> $2)",
            )
            .bind(org.to_string())
            .bind(actor.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        }
        crate::audit::insert_audit(
            &mut tx,
            &vuoro_store::sign_on::password_audit(org, allowed, actor, now),
        )
        .await?;
        tx.commit().await.map_err(db)
    }

    async fn password_login_refused(&self, user: UserId) -> Result<bool> {
        let refused: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM org_roles WHERE user_id = $1) \
             AND NOT EXISTS (SELECT 1 FROM org_roles r \
                             LEFT JOIN org_sign_on s ON s.org_id = r.org_id \
                             WHERE r.user_id = $1 AND coalesce(s.password_login, true)) \
             AND NOT coalesce((SELECT site_admin FROM users WHERE id = $1), false)",
        )
        .bind(user.to_string())
        .fetch_one(&self.pool)
        .await
        .map_err(db)?;
        Ok(refused)
    }

    async fn password_off_orgs(&self, user: UserId) -> Result<Vec<OrgId>> {
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT r.org_id FROM org_roles r \
             JOIN org_sign_on s ON s.org_id = r.org_id JOIN users u ON u.id = r.user_id \
             WHERE r.user_id = $1 AND NOT u.site_admin AND NOT s.password_login \
             ORDER BY r.org_id",
        )
        .bind(user.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        ids.iter().map(|id| parse_id(id, "org_roles")).collect()
    }
}

async fn group_roles_of(conn: &mut PgConnection, org: OrgId) -> Result<Vec<GroupRoles>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT group_name, role FROM sign_on_group_roles WHERE org_id = $1 \
         ORDER BY group_name COLLATE \"C\", role COLLATE \"C\"",
    )
    .bind(org.to_string())
    .fetch_all(conn)
    .await
    .map_err(db)?;
    vuoro_store::sign_on::grouped(rows)
}
