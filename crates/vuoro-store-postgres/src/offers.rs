//! Offers and volunteers (see `vuoro_store::offers`), as SQLite's `offers.rs`; an answer locks
//! the process's row first, in the order `assign_facilitator` takes its rows, so an answer and
//! an assignment at once wait for each other instead of deadlocking.

use super::*;
use vuoro_core::offer::{Answer, OfferStatus};
use vuoro_store::offers::{NOT_AWAITING, NOT_WAITING};
use vuoro_store::sql::rows::OfferRow;
use vuoro_store::{NewMail, Offer, OfferRecord, OfferStore, RecordOffer, RecordVolunteer};

const WHAT: &str = "facilitator_offers";

/// Withdraws the offer of `process` still awaiting an answer, if any: when the order goes to
/// someone else or is cancelled.
pub(crate) async fn withdraw_awaiting(
    conn: &mut PgConnection,
    process: ProcessId,
    at: OffsetDateTime,
) -> Result<()> {
    sqlx::query(
        "UPDATE facilitator_offers SET status = 'withdrawn', answered_at = $1 \
         WHERE process_id = $2 AND status = 'awaiting'",
    )
    .bind(timestamp(at)?)
    .bind(process.to_string())
    .execute(conn)
    .await
    .map_err(db)?;
    Ok(())
}

/// Writes the offer of an assignment, withdrawing one that still awaits someone's answer: part
/// of [`ProcessStore::assign_facilitator`]'s transaction.
pub(crate) async fn write_offer(
    conn: &mut PgConnection,
    process: ProcessId,
    facilitator: UserId,
    by: UserId,
    status: OfferStatus,
    at: OffsetDateTime,
) -> Result<()> {
    withdraw_awaiting(conn, process, at).await?;
    let now = timestamp(at)?;
    let answered = (status != OfferStatus::Awaiting).then_some(&now);
    sqlx::query(
        "INSERT INTO facilitator_offers \
         (process_id, facilitator_id, offered_by, offered_at, status, answered_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(process.to_string())
    .bind(facilitator.to_string())
    .bind(by.to_string())
    .bind(&now)
    .bind(status.code())
    .bind(answered)
    .execute(&mut *conn)
    .await
    .map_err(db)?;
    Ok(())
}

/// Assigns the facilitator with the offer, the event and the outbox, in one transaction: what
/// [`ProcessStore::assign_facilitator`] and [`OfferStore::offer_waiting`] do; with
/// `waiting_only`, only while the process waits in the queue (`Conflict(NOT_WAITING)` else).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn assign(
    store: &PgStore,
    id: ProcessId,
    facilitator: UserId,
    actor: UserId,
    status: OfferStatus,
    at: OffsetDateTime,
    outbox: &[NewMail],
    waiting_only: bool,
) -> Result<()> {
    let mut tx = store.begin_write().await?;
    let sql = if waiting_only {
        "UPDATE processes SET facilitator_id = $1, updated_at = $2 WHERE id = $3 \
         AND state IN ('ordered', 'agreed') AND facilitator_id IS NULL"
    } else {
        "UPDATE processes SET facilitator_id = $1, updated_at = $2 WHERE id = $3"
    };
    let done = sqlx::query(sql)
        .bind(facilitator.to_string())
        .bind(timestamp(at)?)
        .bind(id.to_string())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
    if done.rows_affected() == 0 {
        return Err(refused(&mut tx, id, NOT_WAITING).await);
    }
    write_offer(&mut tx, id, facilitator, actor, status, at).await?;
    append_event(
        &mut tx,
        id,
        actor,
        at,
        &EventKind::FacilitatorAssigned { facilitator },
    )
    .await?;
    crate::mail::insert_mails(&mut tx, outbox, at).await?;
    tx.commit().await.map_err(db)
}

#[async_trait]
impl OfferStore for PgStore {
    async fn offer_waiting(
        &self,
        id: ProcessId,
        facilitator: UserId,
        actor: UserId,
        status: OfferStatus,
        at: OffsetDateTime,
        outbox: &[NewMail],
    ) -> Result<()> {
        assign(self, id, facilitator, actor, status, at, outbox, true).await
    }

    async fn offers(&self, processes: &[ProcessId]) -> Result<Vec<Offer>> {
        if processes.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<OfferRow> = sqlx::query_as(
            "SELECT process_id, facilitator_id, offered_by, offered_at, status, answered_at, reason \
             FROM facilitator_offers \
             WHERE process_id = ANY($1) ORDER BY id",
        )
        .bind(id_array(processes))
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(OfferRow::into_offer).collect()
    }

    async fn awaiting_offers(&self, facilitator: UserId) -> Result<Vec<Offer>> {
        let rows: Vec<OfferRow> = sqlx::query_as(
            "SELECT process_id, facilitator_id, offered_by, offered_at, status, answered_at, reason \
             FROM facilitator_offers \
             WHERE facilitator_id = $1 AND status = 'awaiting' ORDER BY id",
        )
        .bind(facilitator.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(OfferRow::into_offer).collect()
    }

    async fn answer_offer(
        &self,
        process: ProcessId,
        facilitator: UserId,
        answer: &Answer,
        at: OffsetDateTime,
        outbox: &[NewMail],
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let now = timestamp(at)?;
        let (status, reason) = match answer {
            Answer::Accept => (OfferStatus::Accepted, None),
            Answer::Decline(r) => (OfferStatus::Declined, Some(r.as_str())),
        };
        // The process's row first, as `assign_facilitator` takes it.
        let holder: Option<Option<String>> =
            sqlx::query_scalar("SELECT facilitator_id FROM processes WHERE id = $1 FOR UPDATE")
                .bind(process.to_string())
                .fetch_optional(&mut *tx)
                .await
                .map_err(db)?;
        let Some(holder) = holder else {
            return Err(StoreError::NotFound);
        };
        if holder != Some(facilitator.to_string()) {
            return Err(StoreError::Conflict(NOT_AWAITING));
        }
        // The offer must still await this person.
        let done = sqlx::query(
            "UPDATE facilitator_offers SET status = $1, answered_at = $2, reason = $3 \
             WHERE process_id = $4 AND facilitator_id = $5 AND status = 'awaiting'",
        )
        .bind(status.code())
        .bind(&now)
        .bind(reason)
        .bind(process.to_string())
        .bind(facilitator.to_string())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Conflict(NOT_AWAITING));
        }
        let event = match answer {
            Answer::Accept => EventKind::OfferAccepted { facilitator },
            Answer::Decline(_) => {
                sqlx::query(
                    "UPDATE processes SET facilitator_id = NULL, updated_at = $1 \
                     WHERE id = $2 AND facilitator_id = $3",
                )
                .bind(&now)
                .bind(process.to_string())
                .bind(facilitator.to_string())
                .execute(&mut *tx)
                .await
                .map_err(db)?;
                EventKind::OfferDeclined { facilitator }
            }
        };
        append_event(&mut tx, process, facilitator, at, &event).await?;
        crate::mail::insert_mails(&mut tx, outbox, at).await?;
        tx.commit().await.map_err(db)
    }

    async fn volunteer(&self, process: ProcessId, user: UserId, at: OffsetDateTime) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "INSERT INTO order_volunteers (process_id, user_id, at) \
             SELECT id, $1, $2 FROM processes \
             WHERE id = $3 AND state IN ('ordered', 'agreed') AND facilitator_id IS NULL \
             ON CONFLICT (process_id, user_id) DO NOTHING",
        )
        .bind(user.to_string())
        .bind(timestamp(at)?)
        .bind(process.to_string())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        if done.rows_affected() == 0 {
            let waiting: Option<bool> = sqlx::query_scalar(
                "SELECT state IN ('ordered', 'agreed') AND facilitator_id IS NULL \
                 FROM processes WHERE id = $1",
            )
            .bind(process.to_string())
            .fetch_optional(&mut *tx)
            .await
            .map_err(db)?;
            match waiting {
                None => return Err(StoreError::NotFound),
                Some(false) => return Err(StoreError::Conflict(NOT_WAITING)),
                // Volunteered already: nothing to change.
                Some(true) => {}
            }
        }
        tx.commit().await.map_err(db)
    }

    async fn withdraw_volunteer(&self, process: ProcessId, user: UserId) -> Result<()> {
        let done =
            sqlx::query("DELETE FROM order_volunteers WHERE process_id = $1 AND user_id = $2")
                .bind(process.to_string())
                .bind(user.to_string())
                .execute(&self.pool)
                .await
                .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn volunteers(&self, processes: &[ProcessId]) -> Result<Vec<(ProcessId, UserId)>> {
        if processes.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT process_id, user_id FROM order_volunteers \
             WHERE process_id = ANY($1) ORDER BY at, user_id",
        )
        .bind(id_array(processes))
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(|(p, u)| Ok((parse_id(&p, WHAT)?, parse_id(&u, WHAT)?)))
            .collect()
    }

    async fn offer_record(&self, user: UserId, org: Option<OrgId>) -> Result<OfferRecord> {
        let org = org.map(|o| o.to_string());
        let offers: Vec<(String, String, String, Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT p.title, o.offered_at, o.status, o.answered_at, o.reason \
                 FROM facilitator_offers o JOIN processes p ON p.id = o.process_id \
                 WHERE o.facilitator_id = $1 AND ($2::text IS NULL OR p.org_id = $2) \
                 ORDER BY o.id",
        )
        .bind(user.to_string())
        .bind(&org)
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        let volunteered: Vec<(String, String)> = sqlx::query_as(
            "SELECT p.title, v.at FROM order_volunteers v JOIN processes p ON p.id = v.process_id \
             WHERE v.user_id = $1 AND ($2::text IS NULL OR p.org_id = $2) ORDER BY v.at",
        )
        .bind(user.to_string())
        .bind(&org)
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        Ok(OfferRecord {
            offers: offers
                .into_iter()
                .map(|(process, offered_at, status, answered_at, reason)| {
                    Ok(RecordOffer {
                        process,
                        offered_at,
                        status: OfferStatus::parse(&status)
                            .ok_or_else(|| StoreError::Corrupt(WHAT.into()))?
                            .code(),
                        answered_at,
                        reason,
                    })
                })
                .collect::<Result<_>>()?,
            volunteered: volunteered
                .into_iter()
                .map(|(process, at)| RecordVolunteer { process, at })
                .collect(),
        })
    }
}
