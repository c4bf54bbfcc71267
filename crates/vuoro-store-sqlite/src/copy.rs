//! The SQLite side of copying a whole database ([`vuoro_store::copy`]): the schema read from
//! `sqlite_schema` and the pragmas, rows read in one snapshot, and a load in one `BEGIN
//! IMMEDIATE` transaction with foreign keys checked at commit.

use crate::SqliteStore;
use async_trait::async_trait;
use futures_util::TryStreamExt;
use sqlx::sqlite::SqliteRow;
use sqlx::{AssertSqlSafe, QueryBuilder, Row as _, Sqlite, Transaction};
use std::collections::HashMap;
use vuoro_store::copy::{Column, Kind, Loader, Row, RowSink, Table, TableCopy, Value};
use vuoro_store::sql::codec::db;
use vuoro_store::{Result, StoreError};

/// Rows handed on at a time: large enough to keep statements few, small enough that a batch's
/// bound values stay far below SQLite's limit of 32,766.
const BATCH: usize = 256;

/// Tables of SQLite itself and of the migrations, which each database keeps for itself.
fn is_own_table(name: &str) -> bool {
    !name.starts_with("sqlite_") && name != "_sqlx_migrations"
}

/// A table or column name in double quotes, for the statements built here from the schema.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[async_trait]
impl TableCopy for SqliteStore {
    async fn tables(&self) -> Result<Vec<Table>> {
        let mut conn = self.pool.acquire().await.map_err(db)?;
        let names: Vec<String> =
            sqlx::query_scalar("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
                .fetch_all(&mut *conn)
                .await
                .map_err(db)?;
        let mut tables = Vec::new();
        for name in names.into_iter().filter(|n| is_own_table(n)) {
            let cols: Vec<(String, String, i64)> =
                sqlx::query_as("SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid")
                    .bind(&name)
                    .fetch_all(&mut *conn)
                    .await
                    .map_err(db)?;
            let mut columns = Vec::with_capacity(cols.len());
            let mut pk: Vec<(i64, String)> = Vec::new();
            for (col, ty, pk_pos) in cols {
                // The tables are STRICT, so the declared type is the stored one.
                let kind = match ty.to_ascii_uppercase().as_str() {
                    "INTEGER" | "INT" => Kind::Int,
                    "REAL" => Kind::Real,
                    "TEXT" => Kind::Text,
                    "BLOB" => Kind::Blob,
                    other => {
                        return Err(StoreError::Corrupt(format!(
                            "column {name}.{col} has the type {other}, which a copy cannot carry"
                        )));
                    }
                };
                if pk_pos > 0 {
                    pk.push((pk_pos, col.clone()));
                }
                columns.push(Column { name: col, kind });
            }
            pk.sort();
            let references =
                sqlx::query_scalar("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)")
                    .bind(&name)
                    .fetch_all(&mut *conn)
                    .await
                    .map_err(db)?
                    .into_iter()
                    .filter(|r: &String| r != &name)
                    .collect();
            tables.push(Table {
                name,
                columns,
                primary_key: pk.into_iter().map(|(_, c)| c).collect(),
                references,
            });
        }
        vuoro_store::copy::dependency_order(tables)
    }

    async fn count(&self, table: &Table) -> Result<u64> {
        // The name comes from this database's own schema, quoted.
        let sql = format!("SELECT count(*) FROM {}", quoted(&table.name));
        let n: i64 = sqlx::query_scalar(AssertSqlSafe(sql))
            .fetch_one(&self.pool)
            .await
            .map_err(db)?;
        u64::try_from(n).map_err(|_| StoreError::Corrupt(format!("count {n}")))
    }

    async fn read(&self, tables: &[Table], sink: &mut dyn RowSink) -> Result<()> {
        // A deferred transaction: in WAL mode its first read fixes the snapshot every later read
        // sees, while the server goes on writing.
        let mut tx = self.pool.begin().await.map_err(db)?;
        for table in tables {
            let cols: Vec<String> = table.columns.iter().map(|c| quoted(&c.name)).collect();
            let mut sql = format!("SELECT {} FROM {}", cols.join(", "), quoted(&table.name));
            if !table.primary_key.is_empty() {
                let pk: Vec<String> = table.primary_key.iter().map(|c| quoted(c)).collect();
                sql.push_str(" ORDER BY ");
                sql.push_str(&pk.join(", "));
            }
            let mut batch = Vec::with_capacity(BATCH);
            {
                let mut rows = sqlx::query(AssertSqlSafe(sql.as_str())).fetch(&mut *tx);
                while let Some(row) = rows.try_next().await.map_err(db)? {
                    batch.push(values(table, &row)?);
                    if batch.len() == BATCH {
                        sink.rows(table, std::mem::take(&mut batch)).await?;
                    }
                }
            }
            if !batch.is_empty() {
                sink.rows(table, batch).await?;
            }
        }
        tx.rollback().await.map_err(db)
    }

    async fn load(&self) -> Result<Box<dyn Loader>> {
        let tables = self.tables().await?;
        let mut tx = self.begin_write().await?;
        // The rows of a table that references itself (a note merged into another) need not come
        // in an order that satisfies the reference; it is checked when the load commits.
        sqlx::query("PRAGMA defer_foreign_keys = ON")
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        let kinds = tables
            .into_iter()
            .map(|t| {
                let cols = t.columns.into_iter().map(|c| (c.name, c.kind)).collect();
                (t.name, cols)
            })
            .collect();
        Ok(Box::new(SqliteLoader { tx, kinds }))
    }
}

/// A row of `table` as [`Value`]s, decoded by the column's declared type.
fn values(table: &Table, row: &SqliteRow) -> Result<Row> {
    table
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let v = match c.kind {
                Kind::Int | Kind::Bool => {
                    row.try_get::<Option<i64>, _>(i).map(|v| v.map(Value::Int))
                }
                Kind::Real => row.try_get::<Option<f64>, _>(i).map(|v| v.map(Value::Real)),
                Kind::Text => row
                    .try_get::<Option<String>, _>(i)
                    .map(|v| v.map(Value::Text)),
                Kind::Blob => row
                    .try_get::<Option<Vec<u8>>, _>(i)
                    .map(|v| v.map(Value::Blob)),
            };
            v.map(|v| v.unwrap_or(Value::Null))
                .map_err(|e| StoreError::Corrupt(format!("{}.{}: {e}", table.name, c.name)))
        })
        .collect()
}

struct SqliteLoader {
    tx: Transaction<'static, Sqlite>,
    /// Each table's columns and their kinds in this database.
    kinds: HashMap<String, HashMap<String, Kind>>,
}

#[async_trait]
impl RowSink for SqliteLoader {
    async fn rows(&mut self, table: &Table, rows: Vec<Row>) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let kinds = self.kinds.get(&table.name).ok_or_else(|| {
            StoreError::Corrupt(format!("table {} is not in the target", table.name))
        })?;
        let targets: Vec<Kind> = table
            .columns
            .iter()
            .map(|c| {
                kinds.get(&c.name).copied().ok_or_else(|| {
                    StoreError::Corrupt(format!(
                        "column {}.{} is not in the target",
                        table.name, c.name
                    ))
                })
            })
            .collect::<Result<_>>()?;
        let cols: Vec<String> = table.columns.iter().map(|c| quoted(&c.name)).collect();
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(format!(
            "INSERT INTO {} ({}) ",
            quoted(&table.name),
            cols.join(", ")
        ));
        let mut converted = Vec::with_capacity(rows.len());
        for row in rows {
            let mut out = Vec::with_capacity(row.len());
            for ((v, kind), c) in row.into_iter().zip(&targets).zip(&table.columns) {
                out.push(v.into_kind(*kind, &c.name)?);
            }
            converted.push(out);
        }
        q.push_values(converted, |mut b, row| {
            for v in row {
                match v {
                    Value::Null => b.push_bind(None::<i64>),
                    Value::Int(i) => b.push_bind(i),
                    Value::Bool(x) => b.push_bind(i64::from(x)),
                    Value::Real(r) => b.push_bind(r),
                    Value::Text(s) => b.push_bind(s),
                    Value::Blob(bytes) => b.push_bind(bytes),
                };
            }
        });
        q.build().execute(&mut *self.tx).await.map_err(db)?;
        Ok(())
    }
}

#[async_trait]
impl Loader for SqliteLoader {
    async fn finish(self: Box<Self>) -> Result<()> {
        // AUTOINCREMENT counters (`sqlite_sequence`) follow the largest value inserted by
        // themselves, and the deferred foreign keys are checked here.
        self.tx.commit().await.map_err(db)
    }
}

impl std::fmt::Debug for SqliteLoader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteLoader").finish_non_exhaustive()
    }
}
