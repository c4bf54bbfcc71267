//! Moving a whole database from one backend to another, row by row: `vuoro migrate-db`, and the
//! backups and restores that go through a SQLite file.
//!
//! Each backend implements [`TableCopy`]: it lists its tables with their columns, reads them in
//! one snapshot, and loads rows into an empty database in one transaction. Everything else is
//! here, written once: the order of the tables, the check that the target is empty and has the
//! same tables and columns, the copy itself and its verification by row counts and digests.
//!
//! The backends store the same columns with the same types except booleans: SQLite keeps 0 and 1
//! in INTEGER columns, PostgreSQL has BOOLEAN. [`Value::into_kind`] converts between them, and the
//! digest reads a boolean as the integer 0 or 1, so both sides digest the same.

use crate::{Result, StoreError};
use async_trait::async_trait;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A column's type as its backend declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Real,
    Text,
    Bool,
    Blob,
}

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Bool(bool),
    Blob(Vec<u8>),
}

impl Value {
    /// The value as a column of `kind` holds it. The one conversion the backends need is
    /// between an integer 0/1 (SQLite) and a boolean (PostgreSQL); anything else that does not
    /// fit is refused rather than guessed.
    pub fn into_kind(self, kind: Kind, column: &str) -> Result<Value> {
        match (self, kind) {
            (Value::Null, _) => Ok(Value::Null),
            (Value::Int(0), Kind::Bool) => Ok(Value::Bool(false)),
            (Value::Int(1), Kind::Bool) => Ok(Value::Bool(true)),
            (Value::Bool(b), Kind::Int) => Ok(Value::Int(i64::from(b))),
            (v @ Value::Int(_), Kind::Int)
            | (v @ Value::Real(_), Kind::Real)
            | (v @ Value::Text(_), Kind::Text)
            | (v @ Value::Bool(_), Kind::Bool)
            | (v @ Value::Blob(_), Kind::Blob) => Ok(v),
            (v, k) => Err(StoreError::Corrupt(format!(
                "column {column}: a {} value does not fit a {k:?} column",
                v.kind_name()
            ))),
        }
    }

    fn kind_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Int(_) => "integer",
            Value::Real(_) => "real",
            Value::Text(_) => "text",
            Value::Bool(_) => "boolean",
            Value::Blob(_) => "blob",
        }
    }

    /// Bytes that are equal exactly when the values are, whichever backend read them.
    fn digest_into(&self, h: &mut Sha256) {
        match self {
            Value::Null => h.update([0]),
            // A boolean digests as the integer SQLite stores for it.
            Value::Bool(b) => {
                h.update([1]);
                h.update(i64::from(*b).to_be_bytes());
            }
            Value::Int(i) => {
                h.update([1]);
                h.update(i.to_be_bytes());
            }
            Value::Real(r) => {
                h.update([2]);
                h.update(r.to_bits().to_be_bytes());
            }
            Value::Text(s) => {
                h.update([3]);
                h.update((s.len() as u64).to_be_bytes());
                h.update(s.as_bytes());
            }
            Value::Blob(b) => {
                h.update([4]);
                h.update((b.len() as u64).to_be_bytes());
                h.update(b);
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub kind: Kind,
}

/// A table as a backend reads and writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub name: String,
    /// In the order the backend's rows hold their values.
    pub columns: Vec<Column>,
    /// The primary key's columns, which rows are read in the order of.
    pub primary_key: Vec<String>,
    /// The tables this one references (itself excluded).
    pub references: BTreeSet<String>,
}

/// A row: one value per column of its [`Table`], in the table's column order.
pub type Row = Vec<Value>;

/// Where [`TableCopy::read`] hands the rows it reads.
#[async_trait]
pub trait RowSink: Send {
    /// Rows of `table`, a batch at a time.
    async fn rows(&mut self, table: &Table, rows: Vec<Row>) -> Result<()>;
}

/// A backend's side of copying: implemented by every backend, used by [`copy`] and [`summarize`].
#[async_trait]
pub trait TableCopy: Send + Sync {
    /// Every table the store's data lives in, without the migrations' own bookkeeping, each
    /// after the tables it references (see [`dependency_order`]).
    async fn tables(&self) -> Result<Vec<Table>>;
    /// The number of rows in `table`.
    async fn count(&self, table: &Table) -> Result<u64>;
    /// Reads `tables` in the order given inside one read transaction, so that what is read is
    /// one consistent state even while a server writes, handing each table's rows to `sink` in
    /// primary-key order and in batches.
    async fn read(&self, tables: &[Table], sink: &mut dyn RowSink) -> Result<()>;
    /// Starts loading rows into this database in one write transaction. The rows come with the
    /// source's [`Table`]: the loader matches columns by name and converts values with
    /// [`Value::into_kind`]. Foreign keys are checked when the load is finished, not row by row.
    async fn load(&self) -> Result<Box<dyn Loader>>;
}

/// A load in progress: rows go in through [`RowSink`]; [`Loader::finish`] commits them.
#[async_trait]
pub trait Loader: RowSink {
    /// Commits the rows and brings the database's counters (identity sequences) past the
    /// highest identifier loaded. Dropping a loader unfinished writes nothing.
    async fn finish(self: Box<Self>) -> Result<()>;
}

/// Orders tables so each comes after those it references; ties go by name, so the order is
/// the same on every backend. A cycle other than a table referencing itself is refused.
pub fn dependency_order(tables: Vec<Table>) -> Result<Vec<Table>> {
    let mut pending: BTreeMap<String, Table> =
        tables.into_iter().map(|t| (t.name.clone(), t)).collect();
    let mut done: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::with_capacity(pending.len());
    while !pending.is_empty() {
        let ready: Vec<String> = pending
            .values()
            .filter(|t| {
                t.references
                    .iter()
                    .all(|r| r == &t.name || done.contains(r) || !pending.contains_key(r))
            })
            .map(|t| t.name.clone())
            .collect();
        if ready.is_empty() {
            let left: Vec<&str> = pending.keys().map(String::as_str).collect();
            return Err(StoreError::Corrupt(format!(
                "the tables reference each other in a cycle: {}",
                left.join(", ")
            )));
        }
        for name in ready {
            if let Some(t) = pending.remove(&name) {
                out.push(t);
            }
            done.insert(name);
        }
    }
    Ok(out)
}

/// A table's row count and the digest of its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSummary {
    pub table: String,
    pub rows: u64,
    /// SHA-256, in hexadecimal, of the sorted SHA-256 digests of the rows, each taken over the
    /// row's columns in the order of their names: the same content gives the same digest on
    /// every backend, whatever order the columns were declared or the rows read in.
    pub digest: String,
}

/// Counts and digests every table while the rows pass by.
#[derive(Debug, Default)]
struct Digests {
    tables: BTreeMap<String, (u64, Vec<[u8; 32]>)>,
}

impl Digests {
    fn add(&mut self, table: &Table, rows: &[Row]) {
        let mut order: Vec<usize> = (0..table.columns.len()).collect();
        order.sort_by(|a, b| table.columns[*a].name.cmp(&table.columns[*b].name));
        let entry = self.tables.entry(table.name.clone()).or_default();
        for row in rows {
            let mut h = Sha256::new();
            for i in &order {
                h.update(table.columns[*i].name.as_bytes());
                h.update([0]);
                row.get(*i).unwrap_or(&Value::Null).digest_into(&mut h);
            }
            entry.0 += 1;
            entry.1.push(h.finalize().into());
        }
    }

    fn summaries(self, tables: &[Table]) -> Vec<TableSummary> {
        let mut by_name = self.tables;
        tables
            .iter()
            .map(|t| {
                let (rows, mut digests) = by_name.remove(&t.name).unwrap_or_default();
                digests.sort_unstable();
                let mut h = Sha256::new();
                for d in &digests {
                    h.update(d);
                }
                let digest = h
                    .finalize()
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect::<String>();
                TableSummary {
                    table: t.name.clone(),
                    rows,
                    digest,
                }
            })
            .collect()
    }
}

#[async_trait]
impl RowSink for Digests {
    async fn rows(&mut self, table: &Table, rows: Vec<Row>) -> Result<()> {
        self.add(table, &rows);
        Ok(())
    }
}

/// Row counts and digests of every table of `db`, read in one snapshot.
pub async fn summarize(db: &dyn TableCopy) -> Result<Vec<TableSummary>> {
    let tables = db.tables().await?;
    let mut d = Digests::default();
    db.read(&tables, &mut d).await?;
    Ok(d.summaries(&tables))
}

/// Why a copy did not happen or did not check out.
#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    /// The target holds rows already; nothing was written.
    #[error(
        "the target database is not empty: table {table} has {rows} row(s); nothing was written"
    )]
    NotEmpty { table: String, rows: u64 },
    /// The two databases do not have the same tables and columns (e.g. different releases).
    #[error("the databases' schemas differ, nothing was written: {0}")]
    Schema(String),
    /// The copy was written but reads back differently.
    #[error("the copy differs from the source in table(s) {}", .0.join(", "))]
    Differs(Vec<String>, Vec<TableReport>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One table of a finished copy: the source's and the target's count and digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableReport {
    pub source: TableSummary,
    pub target: TableSummary,
}

impl TableReport {
    pub fn matches(&self) -> bool {
        self.source.rows == self.target.rows && self.source.digest == self.target.digest
    }
}

/// Passes rows to the loader and digests them on the way, so the source is digested in the
/// same snapshot it is copied from.
struct Tee<'a> {
    loader: &'a mut dyn Loader,
    digests: Digests,
}

#[async_trait]
impl RowSink for Tee<'_> {
    async fn rows(&mut self, table: &Table, rows: Vec<Row>) -> Result<()> {
        self.digests.add(table, &rows);
        self.loader.rows(table, rows).await
    }
}

/// Copies every row of `from` into `to`, which must be empty and have the same tables and
/// columns, then reads `to` back and compares each table's count and digest with what was
/// read from `from`. Returns the comparison table by table.
pub async fn copy(
    from: &dyn TableCopy,
    to: &dyn TableCopy,
) -> std::result::Result<Vec<TableReport>, CopyError> {
    let tables = from.tables().await?;
    let target = to.tables().await?;
    same_schema(&tables, &target)?;
    for t in &target {
        let rows = to.count(t).await?;
        if rows > 0 {
            return Err(CopyError::NotEmpty {
                table: t.name.clone(),
                rows,
            });
        }
    }
    let mut loader = to.load().await?;
    let mut tee = Tee {
        loader: loader.as_mut(),
        digests: Digests::default(),
    };
    from.read(&tables, &mut tee).await?;
    let source = tee.digests.summaries(&tables);
    loader.finish().await?;
    let copied = summarize(to).await?;
    let copied: HashMap<String, TableSummary> =
        copied.into_iter().map(|s| (s.table.clone(), s)).collect();
    let reports: Vec<TableReport> = source
        .into_iter()
        .map(|s| TableReport {
            target: copied.get(&s.table).cloned().unwrap_or(TableSummary {
                table: s.table.clone(),
                rows: 0,
                digest: String::new(),
            }),
            source: s,
        })
        .collect();
    let differ: Vec<String> = reports
        .iter()
        .filter(|r| !r.matches())
        .map(|r| r.source.table.clone())
        .collect();
    if differ.is_empty() {
        Ok(reports)
    } else {
        Err(CopyError::Differs(differ, reports))
    }
}

/// The same tables with the same column names; types may differ only as [`Value::into_kind`]
/// allows, which the load checks value by value.
fn same_schema(from: &[Table], to: &[Table]) -> std::result::Result<(), CopyError> {
    let names = |ts: &[Table]| -> BTreeMap<String, BTreeSet<String>> {
        ts.iter()
            .map(|t| {
                (
                    t.name.clone(),
                    t.columns.iter().map(|c| c.name.clone()).collect(),
                )
            })
            .collect()
    };
    let (a, b) = (names(from), names(to));
    let mut problems = Vec::new();
    for (t, cols) in &a {
        match b.get(t) {
            None => problems.push(format!("table {t} is missing from the target")),
            Some(other) if other != cols => {
                let only_src: Vec<&str> = cols.difference(other).map(String::as_str).collect();
                let only_dst: Vec<&str> = other.difference(cols).map(String::as_str).collect();
                problems.push(format!(
                    "table {t}: only in the source [{}], only in the target [{}]",
                    only_src.join(", "),
                    only_dst.join(", ")
                ));
            }
            Some(_) => {}
        }
    }
    for t in b.keys().filter(|t| !a.contains_key(*t)) {
        problems.push(format!("table {t} is missing from the source"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(CopyError::Schema(problems.join("; ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str, refs: &[&str]) -> Table {
        Table {
            name: name.into(),
            columns: vec![Column {
                name: "id".into(),
                kind: Kind::Text,
            }],
            primary_key: vec!["id".into()],
            references: refs.iter().map(|r| (*r).to_owned()).collect(),
        }
    }

    #[test]
    fn referenced_tables_come_first() {
        let order = dependency_order(vec![
            table("notes", &["notes", "live_sessions", "users"]),
            table("users", &[]),
            table("live_sessions", &["processes", "users"]),
            table("processes", &["users"]),
        ])
        .expect("no cycle");
        let names: Vec<&str> = order.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["users", "processes", "live_sessions", "notes"]);
        assert!(dependency_order(vec![table("a", &["b"]), table("b", &["a"])]).is_err());
    }

    #[test]
    fn booleans_convert_between_backends_and_digest_alike() {
        assert_eq!(
            Value::Int(1).into_kind(Kind::Bool, "open").expect("fits"),
            Value::Bool(true)
        );
        assert_eq!(
            Value::Bool(false)
                .into_kind(Kind::Int, "open")
                .expect("fits"),
            Value::Int(0)
        );
        assert!(Value::Int(2).into_kind(Kind::Bool, "open").is_err());
        assert!(Value::Text("1".into()).into_kind(Kind::Int, "n").is_err());

        let mut sqlite_table = table("t", &[]);
        sqlite_table.columns.push(Column {
            name: "open".into(),
            kind: Kind::Int,
        });
        // The other backend declares its columns in another order and has a boolean.
        let pg_table = Table {
            columns: vec![
                Column {
                    name: "open".into(),
                    kind: Kind::Bool,
                },
                Column {
                    name: "id".into(),
                    kind: Kind::Text,
                },
            ],
            ..sqlite_table.clone()
        };
        let mut a = Digests::default();
        a.add(
            &sqlite_table,
            &[
                vec![Value::Text("x".into()), Value::Int(1)],
                vec![Value::Text("y".into()), Value::Int(0)],
            ],
        );
        let mut b = Digests::default();
        b.add(
            &pg_table,
            &[
                vec![Value::Bool(false), Value::Text("y".into())],
                vec![Value::Bool(true), Value::Text("x".into())],
            ],
        );
        let (a, b) = (
            a.summaries(std::slice::from_ref(&sqlite_table)),
            b.summaries(&[pg_table]),
        );
        assert_eq!(a, b);
        let mut c = Digests::default();
        c.add(
            &sqlite_table,
            &[
                vec![Value::Text("x".into()), Value::Int(0)],
                vec![Value::Text("y".into()), Value::Int(1)],
            ],
        );
        assert_ne!(c.summaries(&[sqlite_table])[0].digest, a[0].digest);
    }
}
