//! The database a run uses, named by `--db`: a fresh SQLite file in the run's directory by
//! default, a SQLite path or `sqlite:` URL, or a `postgres://` URL. This is the one place in the
//! generator that names a backend: the seeder gets an `Arc<dyn Store>`, and the servers the
//! same `--db` string.

use anyhow::{Context, bail};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use vuoro_store::Store;

#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Db {
    /// `--db` as given, or a new file `load.db` in `dir` when it is absent.
    pub fn parse(arg: Option<&str>, dir: &Path) -> anyhow::Result<Db> {
        let Some(s) = arg else {
            return Ok(Db::Sqlite(dir.join("load.db")));
        };
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            return Ok(Db::Postgres(s.to_owned()));
        }
        let path = s
            .strip_prefix("sqlite://")
            .or_else(|| s.strip_prefix("sqlite:"));
        let path = path.unwrap_or(s).split('?').next().unwrap_or_default();
        if path.is_empty() {
            bail!("--db: give a SQLite file, a sqlite: URL or a postgres:// URL");
        }
        Ok(Db::Sqlite(PathBuf::from(path)))
    }

    pub fn is_sqlite(&self) -> bool {
        matches!(self, Db::Sqlite(_))
    }

    /// What the servers get as `--db`.
    pub fn server_arg(&self) -> String {
        match self {
            Db::Sqlite(p) => p.display().to_string(),
            Db::Postgres(u) => u.clone(),
        }
    }

    /// For the report: the backend, never a password.
    pub fn describe(&self) -> String {
        match self {
            Db::Sqlite(p) => format!("SQLite {}", p.display()),
            Db::Postgres(u) => {
                let host = u.rsplit_once('@').map_or(u.as_str(), |(_, h)| h);
                format!("PostgreSQL {host}")
            }
        }
    }

    /// Opens the database (a SQLite file is created) and runs its migrations.
    pub async fn open(&self) -> anyhow::Result<Arc<dyn Store>> {
        Ok(match self {
            Db::Sqlite(p) => Arc::new(
                vuoro_store_sqlite::SqliteStore::open(p)
                    .await
                    .with_context(|| format!("opening {}", p.display()))?,
            ),
            Db::Postgres(u) => Arc::new(
                vuoro_store_postgres::PgStore::connect(u)
                    .await
                    .with_context(|| format!("connecting to {}", self.describe()))?,
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn db_names_a_file_a_url_or_postgres() {
        let dir = Path::new("/run/x");
        let parsed = |a: Option<&str>| Db::parse(a, dir).map(|d| d.server_arg()).ok();
        assert_eq!(parsed(None).as_deref(), Some("/run/x/load.db"));
        assert_eq!(parsed(Some("a.db")).as_deref(), Some("a.db"));
        assert_eq!(
            parsed(Some("sqlite:a.db?mode=rwc")).as_deref(),
            Some("a.db")
        );
        assert_eq!(parsed(Some("sqlite:")), None);
        let pg = "postgres://load:secret@127.0.0.1:5433/vuoro";
        let db = Db::parse(Some(pg), dir).ok();
        assert!(db.as_ref().is_some_and(|d| !d.is_sqlite()));
        assert_eq!(db.as_ref().map(Db::server_arg).as_deref(), Some(pg));
        // The report never shows the password.
        let shown = db.map(|d| d.describe()).unwrap_or_default();
        assert_eq!(shown, "PostgreSQL 127.0.0.1:5433/vuoro");
    }
}
