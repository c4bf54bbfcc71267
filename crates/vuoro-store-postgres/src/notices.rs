//! Notices on PostgreSQL (see `vuoro_store::notices`): the community's addresses, the summary's
//! change of state with its link and mail in one transaction, and the passes' reads.

use super::*;
use crate::mail::insert_mails;
use vuoro_core::notices::{Community, DuePractice};
use vuoro_store::due_practice_columns;
use vuoro_store::mail::NewMail;
use vuoro_store::notices::{
    COMMUNITY_MAIL_KEY, CommunityMail, DuePracticeRow, NoticeStore, SummaryMove, SummaryMoved,
    community_of,
};

/// Replaces the process's community addresses, in the caller's transaction.
pub(crate) async fn write_community(
    conn: &mut PgConnection,
    process: ProcessId,
    community: Option<&Community>,
    at: OffsetDateTime,
) -> Result<()> {
    let list = match community {
        Some(Community::List(l)) => Some(l.as_str()),
        _ => None,
    };
    sqlx::query(
        "INSERT INTO community_mail (process_id, list_address, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (process_id) DO UPDATE SET list_address = excluded.list_address, \
             updated_at = excluded.updated_at",
    )
    .bind(process.to_string())
    .bind(list)
    .bind(timestamp(at)?)
    .execute(&mut *conn)
    .await
    .map_err(db)?;
    sqlx::query("DELETE FROM community_addresses WHERE process_id = $1")
        .bind(process.to_string())
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    if let Some(Community::People(people)) = community {
        for (i, a) in people.iter().enumerate() {
            sqlx::query(
                "INSERT INTO community_addresses (process_id, position, address) \
                     VALUES ($1, $2, $3)",
            )
            .bind(process.to_string())
            .bind(index_value(i)?)
            .bind(a)
            .execute(&mut *conn)
            .await
            .map_err(db_unique("community address"))?;
        }
    }
    Ok(())
}

#[async_trait]
impl NoticeStore for PgStore {
    async fn community_mail(&self, process: ProcessId) -> Result<CommunityMail> {
        let head: Option<(Option<String>, Option<String>, i64)> = sqlx::query_as(
            "SELECT list_address, deleted_at, deleted_count FROM community_mail \
             WHERE process_id = $1",
        )
        .bind(process.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        let Some((list, deleted_at, deleted_count)) = head else {
            return Ok(CommunityMail::default());
        };
        let people: Vec<String> = sqlx::query_scalar(
            "SELECT address FROM community_addresses WHERE process_id = $1 ORDER BY position",
        )
        .bind(process.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        let deleted = match deleted_at {
            Some(at) => Some((
                parse_timestamp(&at, "community_mail")?,
                number(deleted_count, "community_mail")?,
            )),
            None => None,
        };
        Ok(CommunityMail {
            community: community_of(list, people),
            deleted,
        })
    }

    async fn set_community_mail(
        &self,
        process: ProcessId,
        community: Option<&Community>,
        at: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        // The process's row locked first: two saves at once replace the addresses one after
        // the other, never interleaved.
        lock_process(&mut tx, process).await?;
        write_community(&mut tx, process, community, at).await?;
        tx.commit().await.map_err(db)?;
        Ok(())
    }

    async fn move_summary(&self, m: &SummaryMove<'_>, outbox: &[NewMail]) -> Result<SummaryMoved> {
        let summary_json = to_json(m.summary, "summary")?;
        let at = timestamp(m.at)?;
        let process = m.process.to_string();
        let mut tx = self.begin_write().await?;
        // The process's row locked first, as `save_summary` does: of two saves on one version
        // exactly one wins, and a publication's deletion meets no save of addresses halfway.
        lock_process(&mut tx, m.process).await?;
        let latest: Option<i64> =
            sqlx::query_scalar("SELECT MAX(version) FROM summary_versions WHERE process_id = $1")
                .bind(&process)
                .fetch_one(&mut *tx)
                .await
                .map_err(db)?;
        let latest = latest
            .map(|v| codec::version(v, "summary_versions"))
            .transpose()?;
        if latest != m.base {
            return Err(StoreError::Conflict("summary changed"));
        }
        let version = latest
            .unwrap_or(0)
            .checked_add(1)
            .ok_or(StoreError::Conflict("summary changed"))?;
        sqlx::query(
            "INSERT INTO summary_versions (process_id, version, summary_json, state, created_by, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&process)
        .bind(i64::from(version))
        .bind(summary_json)
        .bind(m.state.code())
        .bind(m.actor.to_string())
        .bind(&at)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        append_event(
            &mut tx,
            m.process,
            m.actor,
            m.at,
            &EventKind::SummarySaved {
                version,
                state: m.state,
            },
        )
        .await?;
        let mut replaced = false;
        let mut link = None;
        if let Some(hash) = m.link {
            let revoked: Option<i64> = sqlx::query_scalar(
                "UPDATE summary_links SET revoked_by = $1, revoked_at = $2 \
                 WHERE process_id = $3 AND revoked_at IS NULL RETURNING id",
            )
            .bind(m.actor.to_string())
            .bind(&at)
            .bind(&process)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db)?;
            if let Some(old) = revoked {
                replaced = true;
                append_event(
                    &mut tx,
                    m.process,
                    m.actor,
                    m.at,
                    &EventKind::SummaryLinkRevoked { link: old },
                )
                .await?;
            }
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO summary_links (process_id, token_hash, created_by, created_at) \
                 VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(&process)
            .bind(hash)
            .bind(m.actor.to_string())
            .bind(&at)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_unique("summary link"))?;
            append_event(
                &mut tx,
                m.process,
                m.actor,
                m.at,
                &EventKind::SummaryLinkMade { link: id },
            )
            .await?;
            link = Some(SummaryLink {
                id,
                process: m.process,
                token_hash: hash.to_owned(),
                created_by: m.actor,
                created_at: m.at,
                revoked: None,
            });
        }
        let mut deleted = 0;
        if m.state == SummaryState::Published {
            deleted = sqlx::query("DELETE FROM community_addresses WHERE process_id = $1")
                .bind(&process)
                .execute(&mut *tx)
                .await
                .map_err(db)?
                .rows_affected();
            if deleted > 0 {
                sqlx::query(
                    "UPDATE community_mail SET deleted_at = $1, deleted_count = $2, updated_at = $3 \
                     WHERE process_id = $4",
                )
                .bind(&at)
                .bind(i64::try_from(deleted).unwrap_or(i64::MAX))
                .bind(&at)
                .bind(&process)
                .execute(&mut *tx)
                .await
                .map_err(db)?;
            }
        }
        insert_mails(&mut tx, outbox, m.at).await?;
        tx.commit().await.map_err(db)?;
        Ok(SummaryMoved {
            version,
            link,
            replaced,
            deleted: u32::try_from(deleted).unwrap_or(u32::MAX),
        })
    }

    async fn practices_due(&self, from: Date, to: Date) -> Result<Vec<DuePractice>> {
        let rows: Vec<DuePracticeRow> = sqlx::query_as(concat!(
            "SELECT ",
            due_practice_columns!(),
            " FROM practices pr JOIN processes p ON p.id = pr.process_id \
             WHERE pr.due IS NOT NULL AND pr.due >= $1 AND pr.due <= $2 \
             AND pr.status IN ('agreed', 'in_progress') ORDER BY pr.due, pr.id"
        ))
        .bind(date(from)?)
        .bind(date(to)?)
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(DuePracticeRow::into_due).collect()
    }

    async fn forget_sent_community_mail(&self) -> Result<u64> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "DELETE FROM mail_outbox WHERE (sent_at IS NOT NULL OR refused_at IS NOT NULL) \
             AND dedupe_key LIKE $1 || '%'",
        )
        .bind(COMMUNITY_MAIL_KEY)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        tx.commit().await.map_err(db)?;
        Ok(done.rows_affected())
    }
}
