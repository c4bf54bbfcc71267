//! The PostgreSQL side of copying a whole database ([`vuoro_store::copy`]): the schema read from
//! the catalogue, rows read in one `REPEATABLE READ` transaction (one snapshot, while servers
//! go on writing), and a load in one transaction that fills self-references last and moves
//! every identity sequence past the copied ids.

use crate::PgStore;
use async_trait::async_trait;
use futures_util::TryStreamExt;
use sqlx::postgres::PgRow;
use sqlx::{AssertSqlSafe, Postgres, QueryBuilder, Row as _, Transaction};
use std::collections::{BTreeSet, HashMap};
use vuoro_store::copy::{Column, Kind, Loader, Row, RowSink, Table, TableCopy, Value};
use vuoro_store::sql::codec::db;
use vuoro_store::{Result, StoreError};

/// Rows handed on at a time: few statements, and a batch's bound values far below the
/// protocol's limit of 65,535.
const BATCH: usize = 256;

/// A table or column name in double quotes, for the statements built here from the schema.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The column kind of a type `information_schema` names.
fn kind_of(table: &str, column: &str, ty: &str) -> Result<Kind> {
    Ok(match ty {
        "bigint" | "integer" | "smallint" => Kind::Int,
        "boolean" => Kind::Bool,
        "text" | "character varying" | "character" => Kind::Text,
        "double precision" | "real" => Kind::Real,
        "bytea" => Kind::Blob,
        other => {
            return Err(StoreError::Corrupt(format!(
                "column {table}.{column} has the type {other}, which a copy cannot carry"
            )));
        }
    })
}

impl PgStore {
    /// The columns of each table in the current schema that reference their own table.
    async fn self_references(&self) -> Result<HashMap<String, Vec<String>>> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT c.relname::text, a.attname::text FROM pg_constraint k \
             JOIN pg_class c ON c.oid = k.conrelid \
             JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey) \
             WHERE k.contype = 'f' AND k.confrelid = k.conrelid \
             AND c.relnamespace = current_schema()::regnamespace",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        let mut out: HashMap<String, Vec<String>> = HashMap::new();
        for (t, c) in rows {
            out.entry(t).or_default().push(c);
        }
        Ok(out)
    }
}

#[async_trait]
impl TableCopy for PgStore {
    async fn tables(&self) -> Result<Vec<Table>> {
        let columns: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT c.table_name::text, c.column_name::text, c.data_type::text \
             FROM information_schema.columns c \
             JOIN information_schema.tables t \
               ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
             WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' \
               AND c.table_name <> '_sqlx_migrations' \
             ORDER BY c.table_name, c.ordinal_position",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        let keys: Vec<(String, String)> = sqlx::query_as(
            "SELECT c.relname::text, a.attname::text FROM pg_index i \
             JOIN pg_class c ON c.oid = i.indrelid \
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) \
             WHERE i.indisprimary AND c.relnamespace = current_schema()::regnamespace \
             ORDER BY c.relname, array_position(i.indkey::int2[], a.attnum)",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        let refs: Vec<(String, String)> = sqlx::query_as(
            "SELECT DISTINCT c.relname::text, r.relname::text FROM pg_constraint k \
             JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid \
             WHERE k.contype = 'f' AND c.relnamespace = current_schema()::regnamespace",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        let mut tables: Vec<Table> = Vec::new();
        for (t, c, ty) in columns {
            let kind = kind_of(&t, &c, &ty)?;
            if tables.last().is_none_or(|last| last.name != t) {
                tables.push(Table {
                    name: t.clone(),
                    columns: Vec::new(),
                    primary_key: Vec::new(),
                    references: BTreeSet::new(),
                });
            }
            if let Some(last) = tables.last_mut() {
                last.columns.push(Column { name: c, kind });
            }
        }
        let mut by_name: HashMap<String, Table> =
            tables.into_iter().map(|t| (t.name.clone(), t)).collect();
        for (t, c) in keys {
            if let Some(table) = by_name.get_mut(&t) {
                table.primary_key.push(c);
            }
        }
        for (t, r) in refs {
            if let Some(table) = by_name.get_mut(&t)
                && r != t
            {
                table.references.insert(r);
            }
        }
        vuoro_store::copy::dependency_order(by_name.into_values().collect())
    }

    async fn count(&self, table: &Table) -> Result<u64> {
        // The name comes from this database's own catalogue, quoted.
        let sql = format!("SELECT count(*) FROM {}", quoted(&table.name));
        let n: i64 = sqlx::query_scalar(AssertSqlSafe(sql))
            .fetch_one(&self.pool)
            .await
            .map_err(db)?;
        u64::try_from(n).map_err(|_| StoreError::Corrupt(format!("count {n}")))
    }

    async fn read(&self, tables: &[Table], sink: &mut dyn RowSink) -> Result<()> {
        // One snapshot for every table: a backup taken while the servers write is one state.
        let mut tx = self
            .pool
            .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            .await
            .map_err(db)?;
        for table in tables {
            // Each column cast to the one type its kind decodes from, so an INTEGER column
            // reads like a BIGINT one.
            let cols: Vec<String> = table
                .columns
                .iter()
                .map(|c| {
                    let cast = match c.kind {
                        Kind::Int => "::bigint",
                        Kind::Real => "::float8",
                        Kind::Text => "::text",
                        Kind::Bool | Kind::Blob => "",
                    };
                    format!("{}{cast}", quoted(&c.name))
                })
                .collect();
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
        let self_refs = self.self_references().await?;
        let identities: Vec<(String, String)> = sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = current_schema() AND is_identity = 'YES'",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        let tx = self.pool.begin().await.map_err(db)?;
        let targets = tables
            .into_iter()
            .map(|t| {
                let kinds = t.columns.iter().map(|c| (c.name.clone(), c.kind)).collect();
                (t.name.clone(), (t, kinds))
            })
            .collect();
        Ok(Box::new(PgLoader {
            tx,
            targets,
            self_refs,
            identities,
            later: Vec::new(),
        }))
    }
}

/// A row of `table` as [`Value`]s, decoded by the column's kind.
fn values(table: &Table, row: &PgRow) -> Result<Row> {
    table
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let v = match c.kind {
                Kind::Int => row.try_get::<Option<i64>, _>(i).map(|v| v.map(Value::Int)),
                Kind::Bool => row
                    .try_get::<Option<bool>, _>(i)
                    .map(|v| v.map(Value::Bool)),
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

/// A self-reference set after its table's rows are in: `UPDATE table SET column = value`
/// for the row with this primary key.
struct Later {
    table: String,
    column: String,
    value: Value,
    key: Vec<(String, Value)>,
}

struct PgLoader {
    tx: Transaction<'static, Postgres>,
    /// Each table of this database and its columns' kinds.
    targets: HashMap<String, (Table, HashMap<String, Kind>)>,
    /// The columns that reference their own table (a note merged into another): loaded as
    /// NULL and set in `finish`, since the rows need not come in an order that satisfies them
    /// and PostgreSQL checks a foreign key row by row unless it was declared deferrable.
    self_refs: HashMap<String, Vec<String>>,
    /// Identity columns, whose sequences `finish` moves past the copied ids.
    identities: Vec<(String, String)>,
    later: Vec<Later>,
}

fn bind_value(
    b: &mut sqlx::query_builder::Separated<'_, Postgres, &'static str>,
    v: Value,
    kind: Kind,
) {
    // A NULL is bound with its column's type: PostgreSQL refuses a text NULL in a BIGINT.
    match (v, kind) {
        (Value::Null, Kind::Int) => b.push_bind(None::<i64>),
        (Value::Null, Kind::Bool) => b.push_bind(None::<bool>),
        (Value::Null, Kind::Real) => b.push_bind(None::<f64>),
        (Value::Null, Kind::Text) => b.push_bind(None::<String>),
        (Value::Null, Kind::Blob) => b.push_bind(None::<Vec<u8>>),
        (Value::Int(i), _) => b.push_bind(i),
        (Value::Bool(x), _) => b.push_bind(x),
        (Value::Real(r), _) => b.push_bind(r),
        (Value::Text(s), _) => b.push_bind(s),
        (Value::Blob(bytes), _) => b.push_bind(bytes),
    };
}

#[async_trait]
impl RowSink for PgLoader {
    async fn rows(&mut self, table: &Table, rows: Vec<Row>) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let (target, kinds) = self.targets.get(&table.name).ok_or_else(|| {
            StoreError::Corrupt(format!("table {} is not in the target", table.name))
        })?;
        let cols: Vec<(String, Kind)> = table
            .columns
            .iter()
            .map(|c| {
                kinds
                    .get(&c.name)
                    .map(|k| (c.name.clone(), *k))
                    .ok_or_else(|| {
                        StoreError::Corrupt(format!(
                            "column {}.{} is not in the target",
                            table.name, c.name
                        ))
                    })
            })
            .collect::<Result<_>>()?;
        let deferred: Vec<usize> = self
            .self_refs
            .get(&table.name)
            .map(|names| {
                cols.iter()
                    .enumerate()
                    .filter(|(_, (n, _))| names.contains(n))
                    .map(|(i, _)| i)
                    .collect()
            })
            .unwrap_or_default();
        let key_at: Vec<usize> = target
            .primary_key
            .iter()
            .filter_map(|k| cols.iter().position(|(n, _)| n == k))
            .collect();
        let mut converted = Vec::with_capacity(rows.len());
        for row in rows {
            let mut out = Vec::with_capacity(row.len());
            for (v, (name, kind)) in row.into_iter().zip(&cols) {
                out.push(v.into_kind(*kind, name)?);
            }
            for i in &deferred {
                if out[*i] != Value::Null {
                    let value = std::mem::replace(&mut out[*i], Value::Null);
                    self.later.push(Later {
                        table: table.name.clone(),
                        column: cols[*i].0.clone(),
                        value,
                        key: key_at
                            .iter()
                            .map(|k| (cols[*k].0.clone(), out[*k].clone()))
                            .collect(),
                    });
                }
            }
            converted.push(out);
        }
        let names: Vec<String> = cols.iter().map(|(n, _)| quoted(n)).collect();
        // OVERRIDING SYSTEM VALUE: identity columns take the copied ids even when declared
        // GENERATED ALWAYS.
        let mut q: QueryBuilder<Postgres> = QueryBuilder::new(format!(
            "INSERT INTO {} ({}) OVERRIDING SYSTEM VALUE ",
            quoted(&table.name),
            names.join(", ")
        ));
        q.push_values(converted, |mut b, row| {
            for (v, (_, kind)) in row.into_iter().zip(&cols) {
                bind_value(&mut b, v, *kind);
            }
        });
        q.build().execute(&mut *self.tx).await.map_err(db)?;
        Ok(())
    }
}

#[async_trait]
impl Loader for PgLoader {
    async fn finish(mut self: Box<Self>) -> Result<()> {
        for l in std::mem::take(&mut self.later) {
            let kind = self
                .targets
                .get(&l.table)
                .and_then(|(_, k)| k.get(&l.column))
                .copied()
                .unwrap_or(Kind::Text);
            let mut q: QueryBuilder<Postgres> = QueryBuilder::new(format!(
                "UPDATE {} SET {} = ",
                quoted(&l.table),
                quoted(&l.column)
            ));
            {
                let mut s = q.separated("");
                bind_value(&mut s, l.value, kind);
            }
            let mut first = true;
            for (col, v) in l.key {
                q.push(if first { " WHERE " } else { " AND " });
                first = false;
                q.push(quoted(&col)).push(" = ");
                let k = self
                    .targets
                    .get(&l.table)
                    .and_then(|(_, kinds)| kinds.get(&col))
                    .copied()
                    .unwrap_or(Kind::Text);
                let mut s = q.separated("");
                bind_value(&mut s, v, k);
            }
            q.build().execute(&mut *self.tx).await.map_err(db)?;
        }
        for (table, column) in &self.identities {
            // The next id a server hands out comes after the largest copied one; an empty
            // table leaves its sequence as it is (setval of NULL does nothing).
            let sql = format!(
                "SELECT setval(pg_get_serial_sequence($1, $2), max({})) FROM {}",
                quoted(column),
                quoted(table)
            );
            sqlx::query(AssertSqlSafe(sql))
                .bind(quoted(table))
                .bind(column)
                .execute(&mut *self.tx)
                .await
                .map_err(db)?;
        }
        self.tx.commit().await.map_err(db)
    }
}

impl std::fmt::Debug for PgLoader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgLoader").finish_non_exhaustive()
    }
}
