//! The audit log (see `vuoro_store::audit`).

use super::*;
use vuoro_store::audit::{AuditAction, AuditEntry, AuditStore, NewAuditEntry};

/// Writes an entry inside the caller's transaction, so an action and its record commit
/// together.
pub(crate) async fn insert_audit(conn: &mut PgConnection, entry: &NewAuditEntry) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (org_id, actor_id, action, target_user_id, detail, at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(entry.org.map(|o| o.to_string()))
    .bind(entry.actor.map(|u| u.to_string()))
    .bind(entry.action.as_str())
    .bind(entry.target_user.map(|u| u.to_string()))
    .bind(&entry.detail)
    .bind(timestamp(entry.at)?)
    .execute(conn)
    .await
    .map_err(db)?;
    Ok(())
}

type AuditRow = (
    i64,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
);

fn audit_entry(row: AuditRow) -> Result<AuditEntry> {
    let (id, org, actor, actor_name, action, target, target_name, detail, at) = row;
    Ok(AuditEntry {
        id,
        org: org.map(|o| parse_id(&o, "audit_log")).transpose()?,
        actor: actor.map(|a| parse_id(&a, "audit_log")).transpose()?,
        actor_name,
        action: AuditAction::parse(&action)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown audit action {action}")))?,
        target_user: target.map(|t| parse_id(&t, "audit_log")).transpose()?,
        target_name,
        detail,
        at: parse_timestamp(&at, "audit_log")?,
    })
}

#[async_trait]
impl AuditStore for PgStore {
    async fn record_audit(&self, entry: &NewAuditEntry) -> Result<()> {
        let mut conn = self.pool.acquire().await.map_err(db)?;
        insert_audit(&mut conn, entry).await
    }

    async fn audit_log(
        &self,
        org: OrgId,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>> {
        let rows: Vec<AuditRow> = sqlx::query_as(
            "SELECT l.id, l.org_id, l.actor_id, a.name, l.action, l.target_user_id, t.name, \
             l.detail, l.at \
             FROM audit_log l LEFT JOIN users a ON a.id = l.actor_id \
             LEFT JOIN users t ON t.id = l.target_user_id \
             WHERE l.org_id = $1 AND l.id < $2 ORDER BY l.id DESC LIMIT $3",
        )
        .bind(org.to_string())
        .bind(before.unwrap_or(i64::MAX))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(audit_entry).collect()
    }
}
