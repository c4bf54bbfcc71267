//! The composition root's one place that names a backend: it opens the database a [`DbUrl`]
//! names and hands out `Arc<dyn Store>` (for the server and the commands) and `&dyn TableCopy`
//! (for `migrate-db`, `backup` and `restore`). Each backend runs its own embedded migrations
//! when it opens.

use crate::db_url::DbUrl;
use anyhow::Context;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use vuoro_store::Store;
use vuoro_store::copy::{self, CopyError, TableCopy, TableReport};
use vuoro_store_postgres::PgStore;
use vuoro_store_sqlite::SqliteStore;

#[derive(Debug, Clone)]
pub enum Backend {
    Sqlite(SqliteStore),
    Postgres(PgStore),
}

impl Backend {
    /// Opens (a SQLite file is created when missing) and migrates the database `url` names.
    pub async fn open(url: &DbUrl) -> anyhow::Result<Backend> {
        match url {
            DbUrl::Sqlite(path) => SqliteStore::open(path)
                .await
                .map(Backend::Sqlite)
                .with_context(|| format!("opening database {url}")),
            DbUrl::Postgres(u) => PgStore::connect(u)
                .await
                .map(Backend::Postgres)
                .with_context(|| format!("opening database {url}")),
        }
    }

    pub fn store(&self) -> Arc<dyn Store> {
        match self {
            Backend::Sqlite(s) => Arc::new(s.clone()),
            Backend::Postgres(s) => Arc::new(s.clone()),
        }
    }

    /// The copy path's view of the database; PostgreSQL's `TableCopy` is not in this build yet,
    /// so it has none (serving on PostgreSQL needs only `store`).
    pub fn tables(&self) -> Option<&dyn TableCopy> {
        match self {
            Backend::Sqlite(s) => Some(s),
            Backend::Postgres(_) => None,
        }
    }

    /// Waits for running queries and closes the connections (a SQLite file is then complete
    /// without its WAL).
    pub async fn close(&self) {
        match self {
            Backend::Sqlite(s) => s.close().await,
            Backend::Postgres(s) => s.close().await,
        }
    }

    /// Writes a backup to `to`, which must not exist. A backup is always one SQLite file, whatever
    /// the backend: SQLite copies itself with `VACUUM INTO`; any other backend is copied row by
    /// row from one snapshot into a new SQLite file ([`copy::copy`]), checked table by table.
    /// Either way `vuoro restore` loads it into any backend.
    pub async fn backup(&self, to: &Path) -> anyhow::Result<()> {
        refuse_existing(to)?;
        match self {
            Backend::Sqlite(s) => s
                .backup_to(to)
                .await
                .with_context(|| format!("writing the backup {}", to.display())),
            Backend::Postgres(_) => backup_by_copy(self, to).await.map(|_| ()),
        }
    }

    /// Copies `self` into `to` (which must be empty) through [`copy::copy`].
    pub async fn copy_into(&self, to: &Backend) -> Result<Vec<TableReport>, CopyError> {
        let unsupported =
            || CopyError::Schema("PostgreSQL's side of the copy is not in this build yet".into());
        let from = self.tables().ok_or_else(unsupported)?;
        let into = to.tables().ok_or_else(unsupported)?;
        copy::copy(from, into).await
    }
}

fn refuse_existing(to: &Path) -> anyhow::Result<()> {
    let exists = to
        .try_exists()
        .with_context(|| format!("checking {}", to.display()))?;
    if exists {
        anyhow::bail!(
            "{} exists already; a backup never overwrites a file",
            to.display()
        );
    }
    Ok(())
}

/// Writes a backup of `source` to `to` through the copy path: into a new SQLite file next to
/// `to`, then linked to its name, which fails rather than replace a file that appeared in the
/// meantime. Used for backends that cannot copy themselves into a SQLite file.
pub async fn backup_by_copy(source: &Backend, to: &Path) -> anyhow::Result<Vec<TableReport>> {
    refuse_existing(to)?;
    let partial = sibling(to, "partial");
    refuse_existing(&partial)?;
    let target = Backend::Sqlite(
        SqliteStore::open(&partial)
            .await
            .with_context(|| format!("creating {}", partial.display()))?,
    );
    let copied = source.copy_into(&target).await;
    target.close().await;
    let reports = match copied {
        Ok(r) => r,
        Err(e) => {
            remove_sqlite(&partial);
            return Err(e).context("copying the database into the backup");
        }
    };
    let linked = std::fs::hard_link(&partial, to);
    remove_sqlite(&partial);
    linked.with_context(|| format!("naming the backup {}", to.display()))?;
    Ok(reports)
}

/// Loads the backup `file` into `target`, which must be empty, and checks it table by table.
/// The backup itself is not changed: it is copied aside first, since opening it runs the
/// migrations of this release on it.
pub async fn restore(file: &Path, target: &Backend) -> anyhow::Result<Vec<TableReport>> {
    if !file.is_file() {
        anyhow::bail!("{} is not a backup file", file.display());
    }
    let scratch = std::env::temp_dir().join(format!(
        "vuoro-restore-{}-{}.db",
        std::process::id(),
        time::OffsetDateTime::now_utc().unix_timestamp_nanos()
    ));
    std::fs::copy(file, &scratch)
        .with_context(|| format!("reading the backup {}", file.display()))?;
    let result = async {
        let source = Backend::Sqlite(
            SqliteStore::open(&scratch)
                .await
                .with_context(|| format!("opening the backup {}", file.display()))?,
        );
        let copied = source.copy_into(target).await;
        source.close().await;
        Ok::<_, anyhow::Error>(copied?)
    }
    .await;
    remove_sqlite(&scratch);
    result
}

/// `path` with `.suffix` added to its file name.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".");
    s.push(suffix);
    PathBuf::from(s)
}

/// Removes a SQLite file and the WAL files beside it, if any.
fn remove_sqlite(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        // Best effort: a scratch file left in the temporary directory is harmless.
        std::fs::remove_file(PathBuf::from(p)).ok();
    }
}

/// The table-by-table report `migrate-db` and `restore` print.
pub fn describe(reports: &[TableReport]) -> String {
    let width = reports
        .iter()
        .map(|r| r.source.table.len())
        .max()
        .unwrap_or(5)
        .max(5);
    let mut s = format!(
        "{:<width$}  {:>9}  {:>9}  {:<16}  check\n",
        "table", "source", "copy", "digest"
    );
    let mut rows = 0;
    for r in reports {
        rows += r.source.rows;
        s.push_str(&format!(
            "{:<width$}  {:>9}  {:>9}  {:<16}  {}\n",
            r.source.table,
            r.source.rows,
            r.target.rows,
            r.source.digest.get(..16).unwrap_or(""),
            if r.matches() { "same" } else { "DIFFERS" }
        ));
    }
    s.push_str(&format!("{} tables, {rows} rows; ", reports.len()));
    if reports.iter().all(TableReport::matches) {
        s.push_str("every count and digest matches\n");
    } else {
        s.push_str("the copy differs from the source\n");
    }
    s
}
