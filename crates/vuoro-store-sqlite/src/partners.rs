//! Partner agreements (see `vuoro_store::partners`).

use super::*;
use vuoro_core::PartnershipId;
use vuoro_core::partner::Partnership;
use vuoro_store::partners::{
    ENDED, NOT_PROPOSED, NewPartnership, PARTNERSHIP_EXISTS, PartnerStore, partnership_audit,
};
use vuoro_store::sql::codec::db_unique;
use vuoro_store::sql::rows::PartnershipRow;
use vuoro_store::{AuditAction, partnership_columns};

async fn read(conn: &mut SqliteConnection, id: PartnershipId) -> Result<Partnership> {
    let row: PartnershipRow = sqlx::query_as(concat!(
        "SELECT ",
        partnership_columns!(),
        " FROM partnerships WHERE id = ?"
    ))
    .bind(id.to_string())
    .fetch_one(conn)
    .await
    .map_err(db)?;
    row.into_partnership()
}

/// Writes the audit entries of a change, naming each side to the other.
async fn audit(
    conn: &mut SqliteConnection,
    p: &Partnership,
    action: AuditAction,
    by: UserId,
    at: OffsetDateTime,
) -> Result<()> {
    let name = |org: OrgId| {
        sqlx::query_scalar::<_, String>("SELECT name FROM organisations WHERE id = ?")
            .bind(org.to_string())
    };
    let proposer = name(p.proposer).fetch_one(&mut *conn).await.map_err(db)?;
    let partner = name(p.partner).fetch_one(&mut *conn).await.map_err(db)?;
    for entry in partnership_audit(p, (&proposer, &partner), action, by, at) {
        crate::audit::insert_audit(conn, &entry).await?;
    }
    Ok(())
}

/// Sets `column` (`accepted` or `ended`) of an agreement in the state `guard` allows, with
/// the audit entry; `NotFound` without it, `Conflict(why)` when it is no longer in that state.
async fn change(
    store: &SqliteStore,
    id: PartnershipId,
    sql: &'static str,
    why: &'static str,
    action: AuditAction,
    by: UserId,
    at: OffsetDateTime,
) -> Result<()> {
    let mut tx = store.begin_write().await?;
    let done = sqlx::query(sql)
        .bind(by.to_string())
        .bind(timestamp(at)?)
        .bind(id.to_string())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
    let p = read(&mut tx, id).await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Conflict(why));
    }
    audit(&mut tx, &p, action, by, at).await?;
    tx.commit().await.map_err(db)
}

#[async_trait]
impl PartnerStore for SqliteStore {
    async fn propose_partnership(&self, new: &NewPartnership) -> Result<Partnership> {
        if new.proposer == new.partner {
            return Err(StoreError::NotFound);
        }
        let id = PartnershipId::new();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO partnerships (id, proposer_org, partner_org, scope, proposed_by, \
             proposed_at) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(id.to_string())
        .bind(new.proposer.to_string())
        .bind(new.partner.to_string())
        .bind(new.scope.code())
        .bind(new.by.to_string())
        .bind(timestamp(new.at)?)
        .execute(&mut *tx)
        .await
        .map_err(db_unique(PARTNERSHIP_EXISTS))?;
        let p = read(&mut tx, id).await?;
        audit(
            &mut tx,
            &p,
            AuditAction::PartnershipProposed,
            new.by,
            new.at,
        )
        .await?;
        tx.commit().await.map_err(db)?;
        Ok(p)
    }

    async fn partnerships(&self, orgs: &[OrgId]) -> Result<Vec<Partnership>> {
        if orgs.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<PartnershipRow> = sqlx::query_as(concat!(
            "SELECT ",
            partnership_columns!(),
            " FROM partnerships \
             WHERE proposer_org IN (SELECT value FROM json_each(?1)) \
                OR partner_org IN (SELECT value FROM json_each(?1)) \
             ORDER BY proposed_at DESC, id"
        ))
        .bind(id_array(orgs)?)
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(PartnershipRow::into_partnership)
            .collect()
    }

    async fn partnership(&self, id: PartnershipId) -> Result<Partnership> {
        let mut conn = self.pool.acquire().await.map_err(db)?;
        read(&mut conn, id).await
    }

    async fn accept_partnership(
        &self,
        id: PartnershipId,
        by: UserId,
        at: OffsetDateTime,
    ) -> Result<()> {
        change(
            self,
            id,
            "UPDATE partnerships SET accepted_by = ?, accepted_at = ? \
             WHERE id = ? AND accepted_at IS NULL AND ended_at IS NULL",
            NOT_PROPOSED,
            AuditAction::PartnershipAccepted,
            by,
            at,
        )
        .await
    }

    async fn end_partnership(
        &self,
        id: PartnershipId,
        by: UserId,
        at: OffsetDateTime,
    ) -> Result<()> {
        change(
            self,
            id,
            "UPDATE partnerships SET ended_by = ?, ended_at = ? WHERE id = ? AND ended_at IS NULL",
            ENDED,
            AuditAction::PartnershipEnded,
            by,
            at,
        )
        .await
    }
}
