//! The catalogue's part of the PostgreSQL backend (its tables are at the end of migration 0001).

use async_trait::async_trait;
use sqlx::PgConnection;
use time::OffsetDateTime;
use vuoro_core::catalogue::{Activity, Count, Missing};
use vuoro_core::{
    ActivityId, CompletionRequestId, ListingImportId, OrgId, OrgPlanId, PlanAreaId, ProcessId,
    UserId,
};

use super::PgStore;
use vuoro_store::catalogue::{
    ActivityRecord, ActivitySource, CatalogueStore, CompletionRequest, ImportReport,
    ImportedListing, ListingImport, OrgCatalogue, OrgPlan, PlanArea,
};
use vuoro_store::sql::codec::{
    db, db_unique, from_json, parse_id, parse_opt_id, parse_opt_timestamp, parse_timestamp,
    timestamp, to_json,
};
use vuoro_store::{Result, StoreError};

#[derive(sqlx::FromRow)]
struct OrgCatalogueRow {
    org_id: String,
    region: Option<String>,
    public: bool,
    publish_processes: bool,
    trained_json: Option<String>,
    trained_text: Option<String>,
    unstructured_json: String,
    updated_at: String,
}

/// The columns of `org_catalogues` that [`OrgCatalogueRow`] reads.
macro_rules! org_catalogue_columns {
    () => {
        "org_id, region, public, publish_processes, trained_json, trained_text, \
         unstructured_json, updated_at"
    };
}

impl OrgCatalogueRow {
    fn into_catalogue(self) -> Result<OrgCatalogue> {
        const T: &str = "org_catalogues";
        Ok(OrgCatalogue {
            org: parse_id(&self.org_id, T)?,
            region: self.region,
            public: self.public,
            publish_processes: self.publish_processes,
            trained: self
                .trained_json
                .as_deref()
                .map(|j| from_json::<Count>(j, T))
                .transpose()?,
            trained_text: self.trained_text,
            unstructured: from_json(&self.unstructured_json, T)?,
            updated_at: parse_timestamp(&self.updated_at, T)?,
        })
    }
}

#[derive(sqlx::FromRow)]
struct ActivityRow {
    id: String,
    org_id: String,
    activity_json: String,
    source: String,
    source_line: Option<i64>,
    source_text: Option<String>,
    unparsed_json: String,
    created_by: Option<String>,
    created_at: String,
    updated_at: String,
}

/// The columns of `activities` that [`ActivityRow`] reads.
macro_rules! activity_columns {
    () => {
        "id, org_id, activity_json, source, source_line, source_text, unparsed_json, \
         created_by, created_at, updated_at"
    };
}

impl ActivityRow {
    fn into_record(self) -> Result<ActivityRecord> {
        const T: &str = "activities";
        let source = match (self.source.as_str(), self.source_text) {
            ("manual", _) => ActivitySource::Manual,
            ("import", Some(text)) => ActivitySource::Import {
                line: self
                    .source_line
                    .and_then(|l| u32::try_from(l).ok())
                    .unwrap_or(0),
                text,
                unparsed: from_json(&self.unparsed_json, T)?,
            },
            _ => return Err(StoreError::Corrupt("unknown activity source".into())),
        };
        Ok(ActivityRecord {
            id: parse_id(&self.id, T)?,
            org: parse_id(&self.org_id, T)?,
            activity: from_json(&self.activity_json, T)?,
            source,
            created_by: parse_opt_id(self.created_by.as_deref(), T)?,
            created_at: parse_timestamp(&self.created_at, T)?,
            updated_at: parse_timestamp(&self.updated_at, T)?,
        })
    }
}

#[derive(sqlx::FromRow)]
struct RequestRow {
    id: String,
    org_id: String,
    activity_id: Option<String>,
    missing_json: String,
    message: String,
    requested_by: String,
    created_at: String,
    resolved_at: Option<String>,
}

impl RequestRow {
    fn into_request(self) -> Result<CompletionRequest> {
        const T: &str = "completion_requests";
        Ok(CompletionRequest {
            id: parse_id(&self.id, T)?,
            org: parse_id(&self.org_id, T)?,
            activity: parse_opt_id(self.activity_id.as_deref(), T)?,
            missing: from_json::<Vec<Missing>>(&self.missing_json, T)?,
            message: self.message,
            requested_by: parse_id(&self.requested_by, T)?,
            created_at: parse_timestamp(&self.created_at, T)?,
            resolved_at: parse_opt_timestamp(self.resolved_at.as_deref(), T)?,
        })
    }
}

/// The key of the transaction-level advisory lock that serialises listing imports (an
/// arbitrary constant that nothing else in the database uses).
const IMPORT_LOCK: i64 = 0x7675_6f72_6f5f_696d; // "vuoro_im"

/// Locks an organisation's row until the transaction ends, for a read-modify-write of its
/// catalogue. `NO KEY UPDATE` queues the catalogue's writers without holding up rows that
/// merely refer to the organisation (their foreign keys take a key-share lock). A missing
/// organisation is left for the write to refuse (with `NotFound`, through the foreign key),
/// as on SQLite.
async fn lock_org(conn: &mut PgConnection, org: OrgId) -> Result<()> {
    sqlx::query("SELECT 1 FROM organisations WHERE id = $1 FOR NO KEY UPDATE")
        .bind(org.to_string())
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    Ok(())
}

async fn save_catalogue(conn: &mut PgConnection, c: &OrgCatalogue) -> Result<()> {
    let trained = c
        .trained
        .as_ref()
        .map(|t| to_json(t, "trained"))
        .transpose()?;
    sqlx::query(
        "INSERT INTO org_catalogues (org_id, region, public, publish_processes, trained_json, \
         trained_text, unstructured_json, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (org_id) DO UPDATE SET region = excluded.region, public = excluded.public, \
         publish_processes = excluded.publish_processes, trained_json = excluded.trained_json, \
         trained_text = excluded.trained_text, unstructured_json = excluded.unstructured_json, \
         updated_at = excluded.updated_at",
    )
    .bind(c.org.to_string())
    .bind(c.region.as_deref())
    .bind(c.public)
    .bind(c.publish_processes)
    .bind(trained)
    .bind(c.trained_text.as_deref())
    .bind(to_json(&c.unstructured, "unstructured")?)
    .bind(timestamp(c.updated_at)?)
    .execute(&mut *conn)
    .await
    .map_err(db)?;
    Ok(())
}

async fn load_catalogue(conn: &mut PgConnection, org: OrgId) -> Result<Option<OrgCatalogue>> {
    let row: Option<OrgCatalogueRow> = sqlx::query_as(concat!(
        "SELECT ",
        org_catalogue_columns!(),
        " FROM org_catalogues WHERE org_id = $1"
    ))
    .bind(org.to_string())
    .fetch_optional(&mut *conn)
    .await
    .map_err(db)?;
    row.map(OrgCatalogueRow::into_catalogue).transpose()
}

/// Inserts an activity; an imported line that is already there (or a taken id) is reported as
/// `Duplicate`, and the transaction stays usable.
async fn insert_activity(conn: &mut PgConnection, r: &ActivityRecord) -> Result<()> {
    let (source, line, text, unparsed) = match &r.source {
        ActivitySource::Manual => ("manual", None, None, "[]".to_owned()),
        ActivitySource::Import {
            line,
            text,
            unparsed,
        } => (
            "import",
            Some(i64::from(*line)),
            Some(text.as_str()),
            to_json(unparsed, "unparsed")?,
        ),
    };
    let inserted = sqlx::query(concat!(
        "INSERT INTO activities (",
        activity_columns!(),
        ", status, public) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING"
    ))
    .bind(r.id.to_string())
    .bind(r.org.to_string())
    .bind(to_json(&r.activity, "activity")?)
    .bind(source)
    .bind(line)
    .bind(text)
    .bind(unparsed)
    .bind(r.created_by.map(|u| u.to_string()))
    .bind(timestamp(r.created_at)?)
    .bind(timestamp(r.updated_at)?)
    .bind(r.activity.status.code())
    .bind(r.activity.public)
    .execute(&mut *conn)
    .await
    .map_err(db)?;
    // A failed statement aborts a PostgreSQL transaction, and an import goes on after a line
    // it has already: so the conflict is skipped in the statement and reported from here.
    if inserted.rows_affected() == 0 {
        return Err(StoreError::Duplicate("activity"));
    }
    Ok(())
}

async fn load_plan(conn: &mut PgConnection, id: OrgPlanId) -> Result<OrgPlan> {
    const T: &str = "org_plans";
    let (pid, org, name, description, created_at): (String, String, String, String, String) =
        sqlx::query_as(
            "SELECT id, org_id, name, description, created_at FROM org_plans WHERE id = $1",
        )
        .bind(id.to_string())
        .fetch_one(&mut *conn)
        .await
        .map_err(db)?;
    let areas: Vec<(String, String)> =
        sqlx::query_as("SELECT id, name FROM plan_areas WHERE plan_id = $1 ORDER BY position")
            .bind(&pid)
            .fetch_all(&mut *conn)
            .await
            .map_err(db)?;
    let mut out = Vec::with_capacity(areas.len());
    for (aid, aname) in areas {
        let processes: Vec<String> = sqlx::query_scalar(
            "SELECT process_id FROM plan_area_processes WHERE area_id = $1 \
             ORDER BY linked_at, process_id",
        )
        .bind(&aid)
        .fetch_all(&mut *conn)
        .await
        .map_err(db)?;
        out.push(PlanArea {
            id: parse_id(&aid, T)?,
            name: aname,
            processes: processes
                .iter()
                .map(|p| parse_id(p, T))
                .collect::<Result<_>>()?,
        });
    }
    Ok(OrgPlan {
        id: parse_id(&pid, T)?,
        org: parse_id(&org, T)?,
        name,
        description,
        areas: out,
        created_at: parse_timestamp(&created_at, T)?,
    })
}

#[async_trait]
impl CatalogueStore for PgStore {
    async fn org_catalogue(&self, org: OrgId) -> Result<OrgCatalogue> {
        let mut conn = self.pool.acquire().await.map_err(db)?;
        let exists: Option<String> =
            sqlx::query_scalar("SELECT id FROM organisations WHERE id = $1")
                .bind(org.to_string())
                .fetch_optional(&mut *conn)
                .await
                .map_err(db)?;
        if exists.is_none() {
            return Err(StoreError::NotFound);
        }
        Ok(load_catalogue(&mut conn, org)
            .await?
            .unwrap_or_else(|| OrgCatalogue::empty(org, OffsetDateTime::UNIX_EPOCH)))
    }

    async fn save_org_catalogue(&self, c: &OrgCatalogue) -> Result<()> {
        let mut tx = self.begin_write().await?;
        // An import merges its lines into the catalogue it read; the organisation's row lock
        // keeps this save from landing between that read and its write (see `import_listing`).
        lock_org(&mut tx, c.org).await?;
        save_catalogue(&mut tx, c).await?;
        tx.commit().await.map_err(db)
    }

    async fn org_catalogues(&self) -> Result<Vec<OrgCatalogue>> {
        let rows: Vec<OrgCatalogueRow> = sqlx::query_as(concat!(
            "SELECT ",
            org_catalogue_columns!(),
            " FROM org_catalogues ORDER BY org_id"
        ))
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(OrgCatalogueRow::into_catalogue)
            .collect()
    }

    async fn add_activity(&self, r: &ActivityRecord) -> Result<()> {
        let mut tx = self.begin_write().await?;
        insert_activity(&mut tx, r).await?;
        tx.commit().await.map_err(db)
    }

    async fn activity(&self, id: ActivityId) -> Result<ActivityRecord> {
        let row: ActivityRow = sqlx::query_as(concat!(
            "SELECT ",
            activity_columns!(),
            " FROM activities WHERE id = $1"
        ))
        .bind(id.to_string())
        .fetch_one(&self.pool)
        .await
        .map_err(db)?;
        row.into_record()
    }

    async fn activities(&self, org: Option<OrgId>) -> Result<Vec<ActivityRecord>> {
        let rows: Vec<ActivityRow> = match org {
            Some(org) => sqlx::query_as(concat!(
                "SELECT ",
                activity_columns!(),
                " FROM activities WHERE org_id = $1 \
                 ORDER BY created_at, id"
            ))
            .bind(org.to_string())
            .fetch_all(&self.pool)
            .await
            .map_err(db)?,
            None => sqlx::query_as(concat!(
                "SELECT ",
                activity_columns!(),
                " FROM activities ORDER BY org_id, created_at, id"
            ))
            .fetch_all(&self.pool)
            .await
            .map_err(db)?,
        };
        rows.into_iter().map(ActivityRow::into_record).collect()
    }

    async fn update_activity(
        &self,
        id: ActivityId,
        a: &Activity,
        at: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE activities SET activity_json = $1, status = $2, public = $3, updated_at = $4 \
             WHERE id = $5",
        )
        .bind(to_json(a, "activity")?)
        .bind(a.status.code())
        .bind(a.public)
        .bind(timestamp(at)?)
        .bind(id.to_string())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        tx.commit().await.map_err(db)
    }

    async fn delete_activity(&self, id: ActivityId) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("DELETE FROM activities WHERE id = $1")
            .bind(id.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        tx.commit().await.map_err(db)
    }

    async fn import_listing(
        &self,
        listing: &ImportedListing,
        actor: Option<UserId>,
        at: OffsetDateTime,
    ) -> Result<ImportReport> {
        let mut report = ImportReport::default();
        let mut tx = self.begin_write().await?;
        // Imports find their organisations by name and create the missing ones: two imports
        // at once would both miss a new name and create it twice, so they run one at a time,
        // as every writer does on SQLite.
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(IMPORT_LOCK)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        for o in &listing.orgs {
            let found: Option<String> = sqlx::query_scalar(
                "SELECT id FROM organisations WHERE lower(name) = lower($1) ORDER BY id LIMIT 1",
            )
            .bind(o.name.trim())
            .fetch_optional(&mut *tx)
            .await
            .map_err(db)?;
            let org: OrgId = match found {
                Some(id) => {
                    report.orgs_existing += 1;
                    parse_id(&id, "organisations")?
                }
                None => {
                    let id = OrgId::new();
                    sqlx::query(
                        "INSERT INTO organisations (id, name, created_at) VALUES ($1, $2, $3)",
                    )
                    .bind(id.to_string())
                    .bind(o.name.trim())
                    .bind(timestamp(at)?)
                    .execute(&mut *tx)
                    .await
                    .map_err(db)?;
                    report.orgs_created += 1;
                    id
                }
            };
            for (activity, source) in &o.activities {
                let r = ActivityRecord {
                    id: ActivityId::new(),
                    org,
                    activity: activity.clone(),
                    source: source.clone(),
                    created_by: actor,
                    created_at: at,
                    updated_at: at,
                };
                match insert_activity(&mut tx, &r).await {
                    Ok(()) => report.activities_added += 1,
                    Err(StoreError::Duplicate(_)) => report.activities_skipped += 1,
                    Err(e) => return Err(e),
                }
            }
            // The catalogue is read, merged and written back: the organisation's row lock
            // keeps a concurrent `save_org_catalogue` from being overwritten in between.
            lock_org(&mut tx, org).await?;
            let existing = load_catalogue(&mut tx, org).await?;
            // An imported listing was shared in public, so its organisations are public unless
            // someone has already decided otherwise.
            let decided = existing.is_some();
            let mut c = existing.unwrap_or_else(|| OrgCatalogue::empty(org, at));
            c.public |= !decided;
            for line in &o.unstructured {
                if !c.unstructured.contains(line) {
                    c.unstructured.push(line.clone());
                    report.unstructured_lines += 1;
                }
            }
            if c.trained.is_none()
                && let Some((count, text)) = &o.trained
            {
                c.trained = Some(*count);
                c.trained_text = Some(text.clone());
            }
            c.updated_at = at;
            save_catalogue(&mut tx, &c).await?;
        }
        sqlx::query(
            "INSERT INTO listing_imports (id, title, intro_json, lines, report_json, imported_by, \
             imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(ListingImportId::new().to_string())
        .bind(listing.title.as_deref())
        .bind(to_json(&listing.intro, "intro")?)
        .bind(i64::from(listing.lines))
        .bind(to_json(&report, "report")?)
        .bind(actor.map(|u| u.to_string()))
        .bind(timestamp(at)?)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        tx.commit().await.map_err(db)?;
        Ok(report)
    }

    async fn listing_imports(&self) -> Result<Vec<ListingImport>> {
        const T: &str = "listing_imports";
        type Row = (
            String,
            Option<String>,
            String,
            i64,
            String,
            Option<String>,
            String,
        );
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT id, title, intro_json, lines, report_json, imported_by, imported_at \
             FROM listing_imports ORDER BY imported_at DESC, id DESC",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(|(id, title, intro, lines, report, by, at)| {
                Ok(ListingImport {
                    id: parse_id(&id, T)?,
                    title,
                    intro: from_json(&intro, T)?,
                    lines: u32::try_from(lines)
                        .map_err(|_| StoreError::Corrupt("negative line count".into()))?,
                    report: from_json(&report, T)?,
                    imported_by: parse_opt_id(by.as_deref(), T)?,
                    imported_at: parse_timestamp(&at, T)?,
                })
            })
            .collect()
    }

    async fn add_completion_request(&self, r: &CompletionRequest) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO completion_requests (id, org_id, activity_id, missing_json, message, \
             requested_by, created_at, resolved_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(r.id.to_string())
        .bind(r.org.to_string())
        .bind(r.activity.map(|a| a.to_string()))
        .bind(to_json(&r.missing, "missing")?)
        .bind(&r.message)
        .bind(r.requested_by.to_string())
        .bind(timestamp(r.created_at)?)
        .bind(r.resolved_at.map(timestamp).transpose()?)
        .execute(&mut *tx)
        .await
        .map_err(db_unique("completion request"))?;
        tx.commit().await.map_err(db)
    }

    async fn completion_requests(&self, org: OrgId) -> Result<Vec<CompletionRequest>> {
        let rows: Vec<RequestRow> = sqlx::query_as(
            "SELECT id, org_id, activity_id, missing_json, message, requested_by, created_at, \
             resolved_at FROM completion_requests WHERE org_id = $1 ORDER BY created_at DESC, id",
        )
        .bind(org.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(RequestRow::into_request).collect()
    }

    async fn resolve_completion_request(
        &self,
        id: CompletionRequestId,
        at: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE completion_requests SET resolved_at = coalesce(resolved_at, $1) WHERE id = $2",
        )
        .bind(timestamp(at)?)
        .bind(id.to_string())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        tx.commit().await.map_err(db)
    }

    async fn create_org_plan(&self, p: &OrgPlan) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO org_plans (id, org_id, name, description, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(p.id.to_string())
        .bind(p.org.to_string())
        .bind(&p.name)
        .bind(&p.description)
        .bind(timestamp(p.created_at)?)
        .execute(&mut *tx)
        .await
        .map_err(db_unique("plan"))?;
        for (i, a) in p.areas.iter().enumerate() {
            sqlx::query(
                "INSERT INTO plan_areas (id, plan_id, name, position) VALUES ($1, $2, $3, $4)",
            )
            .bind(a.id.to_string())
            .bind(p.id.to_string())
            .bind(&a.name)
            .bind(i64::try_from(i).map_err(|_| StoreError::Conflict("too many areas"))?)
            .execute(&mut *tx)
            .await
            .map_err(db_unique("plan area"))?;
        }
        tx.commit().await.map_err(db)
    }

    async fn org_plan(&self, id: OrgPlanId) -> Result<OrgPlan> {
        let mut conn = self.pool.acquire().await.map_err(db)?;
        load_plan(&mut conn, id).await
    }

    async fn org_plans(&self, org: OrgId) -> Result<Vec<OrgPlan>> {
        let mut conn = self.pool.acquire().await.map_err(db)?;
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM org_plans WHERE org_id = $1 ORDER BY lower(name), id",
        )
        .bind(org.to_string())
        .fetch_all(&mut *conn)
        .await
        .map_err(db)?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.push(load_plan(&mut conn, parse_id(&id, "org_plans")?).await?);
        }
        Ok(out)
    }

    async fn link_process(
        &self,
        area: PlanAreaId,
        process: ProcessId,
        actor: UserId,
        at: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        // A plan is its organisation's: a process of another organisation is refused as if it
        // did not exist, which is what it is from the plan's side.
        let same_org: Option<i32> = sqlx::query_scalar(
            "SELECT 1 FROM plan_areas a JOIN org_plans p ON p.id = a.plan_id \
             JOIN processes r ON r.org_id = p.org_id WHERE a.id = $1 AND r.id = $2",
        )
        .bind(area.to_string())
        .bind(process.to_string())
        .fetch_optional(&mut *tx)
        .await
        .map_err(db)?;
        if same_org.is_none() {
            return Err(StoreError::NotFound);
        }
        sqlx::query(
            "INSERT INTO plan_area_processes (area_id, process_id, linked_by, linked_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(area.to_string())
        .bind(process.to_string())
        .bind(actor.to_string())
        .bind(timestamp(at)?)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        tx.commit().await.map_err(db)
    }

    async fn unlink_process(&self, area: PlanAreaId, process: ProcessId) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM plan_area_processes WHERE area_id = $1 AND process_id = $2")
            .bind(area.to_string())
            .bind(process.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        tx.commit().await.map_err(db)
    }
}
