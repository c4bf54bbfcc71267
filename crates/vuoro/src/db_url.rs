//! Which database `--db` (the config file's `db`, `VUORO_DB`) names: a SQLite file, given as a
//! path or a `sqlite:` URL, or a PostgreSQL server, given as a `postgres://` or `postgresql://`
//! URL. Parsed here and nowhere else; the composition root (`backend.rs`) opens what it names.
//!
//! A PostgreSQL URL may carry a password, so neither `Display` nor `Debug` nor an error shows
//! one: they print `***` in its place.

use percent_encoding::percent_decode_str;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

#[derive(Clone, PartialEq, Eq)]
pub enum DbUrl {
    /// A SQLite file, created when missing.
    Sqlite(PathBuf),
    /// A PostgreSQL URL, kept as given for the driver, which reads its options and decodes its
    /// percent-encoded parts itself.
    Postgres(String),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a database path or URL: {given} ({why})")]
pub struct DbUrlError {
    /// What was given, its password replaced by `***`.
    given: String,
    why: &'static str,
}

impl DbUrl {
    pub fn parse(s: &str) -> Result<DbUrl, DbUrlError> {
        let err = |why| DbUrlError {
            given: redact(s),
            why,
        };
        if s.trim().is_empty() {
            return Err(err("it is empty"));
        }
        if let Some(rest) = s
            .strip_prefix("postgres://")
            .or_else(|| s.strip_prefix("postgresql://"))
        {
            check_postgres(rest).map_err(err)?;
            return Ok(DbUrl::Postgres(s.to_owned()));
        }
        if let Some(rest) = s.strip_prefix("sqlite:") {
            return sqlite_path(rest).map(DbUrl::Sqlite).map_err(err);
        }
        if let Some((scheme, _)) = s.split_once("://")
            && !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        {
            return Err(err(
                "only sqlite: and postgres:// URLs are supported, or a file path",
            ));
        }
        Ok(DbUrl::Sqlite(PathBuf::from(s)))
    }
}

impl FromStr for DbUrl {
    type Err = DbUrlError;
    fn from_str(s: &str) -> Result<DbUrl, DbUrlError> {
        DbUrl::parse(s)
    }
}

impl fmt::Display for DbUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DbUrl::Sqlite(p) => write!(f, "{}", p.display()),
            DbUrl::Postgres(u) => f.write_str(&redact(u)),
        }
    }
}

// By hand, so that a configuration printed with `{:?}` shows no password either.
impl fmt::Debug for DbUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DbUrl::Sqlite(p) => f.debug_tuple("Sqlite").field(p).finish(),
            DbUrl::Postgres(u) => f.debug_tuple("Postgres").field(&redact(u)).finish(),
        }
    }
}

/// `sqlite:///abs/path.db` is an absolute path, `sqlite:relative.db` and `sqlite://relative.db`
/// relative ones; the path may be percent-encoded (`my%20db.db`). Options after `?` are refused
/// rather than read as part of the file name.
fn sqlite_path(rest: &str) -> Result<PathBuf, &'static str> {
    let path = rest.strip_prefix("//").unwrap_or(rest);
    if path.contains('?') || path.contains('#') {
        return Err("a sqlite: URL takes no options");
    }
    if path.is_empty() {
        return Err("the sqlite: URL names no file");
    }
    if path == ":memory:" {
        return Err("an in-memory database would be lost when the command ends");
    }
    let decoded = percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| "its percent-encoded path is not UTF-8")?;
    Ok(PathBuf::from(decoded.as_ref()))
}

/// Checks what a mistyped URL would otherwise only show as a connection failure: a host, a
/// numeric port, and percent-encoded parts that decode.
fn check_postgres(rest: &str) -> Result<(), &'static str> {
    let (authority, tail) = rest.split_at(rest.find(['/', '?']).unwrap_or(rest.len()));
    let host_port = match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split_once(':').map_or(userinfo, |(u, _)| u);
            if user.is_empty() {
                return Err("the user name before @ is empty");
            }
            for part in userinfo.split(':') {
                decodes(part)?;
            }
            host
        }
        None => authority,
    };
    // A bracketed IPv6 address holds colons of its own.
    let (host, port) = match host_port.strip_prefix('[') {
        Some(v6) => {
            let (addr, after) = v6.split_once(']').ok_or("an IPv6 address lacks its ]")?;
            (addr, after.strip_prefix(':'))
        }
        None => match host_port.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host_port, None),
        },
    };
    if host.is_empty() {
        return Err("it names no host");
    }
    if let Some(p) = port
        && p.parse::<u16>().is_err()
    {
        return Err("the port is not a number from 0 to 65535");
    }
    let path = tail.split_once('?').map_or(tail, |(p, _)| p);
    let database = path.strip_prefix('/').unwrap_or(path);
    if database.contains('/') {
        return Err("the database name contains /");
    }
    decodes(database)
}

fn decodes(part: &str) -> Result<(), &'static str> {
    // `%` must start a two-digit escape; percent_decode_str would pass a stray one through.
    let bytes = part.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'%'
            && !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
        {
            return Err("a % is not followed by two hexadecimal digits");
        }
    }
    percent_decode_str(part)
        .decode_utf8()
        .map(|_| ())
        .map_err(|_| "a percent-encoded part is not UTF-8")
}

/// `s` with the password of a URL's `user:password@` replaced by `***`.
pub fn redact(s: &str) -> String {
    let Some((scheme, rest)) = s.split_once("://") else {
        return s.to_owned();
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => s.to_owned(),
        },
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(s: &str) -> PathBuf {
        match DbUrl::parse(s) {
            Ok(DbUrl::Sqlite(p)) => p,
            other => panic!("{s} should be a SQLite file: {other:?}"),
        }
    }

    fn refused(s: &str) -> String {
        match DbUrl::parse(s) {
            Err(e) => e.to_string(),
            Ok(u) => panic!("{s} should be refused, was read as {u:?}"),
        }
    }

    #[test]
    fn paths_are_sqlite_files() {
        assert_eq!(sqlite("vuoro.db"), PathBuf::from("vuoro.db"));
        assert_eq!(
            sqlite("/var/lib/vuoro/vuoro.db"),
            PathBuf::from("/var/lib/vuoro/vuoro.db")
        );
        // A file name with a colon is still a file, not a URL.
        assert_eq!(sqlite("backup:2026.db"), PathBuf::from("backup:2026.db"));
    }

    #[test]
    fn sqlite_urls_name_absolute_and_relative_files() {
        assert_eq!(
            sqlite("sqlite:///var/lib/vuoro.db"),
            PathBuf::from("/var/lib/vuoro.db")
        );
        assert_eq!(sqlite("sqlite:relative.db"), PathBuf::from("relative.db"));
        assert_eq!(sqlite("sqlite://relative.db"), PathBuf::from("relative.db"));
        assert_eq!(
            sqlite("sqlite:///tmp/my%20db%C3%A4.db"),
            PathBuf::from("/tmp/my dbä.db")
        );
    }

    #[test]
    fn postgres_urls_are_kept_for_the_driver() {
        for url in [
            "postgres://vuoro@127.0.0.1:5433/vuoro",
            "postgresql://vuoro:s%40lasana@db.kunta.fi/vuoro?sslmode=require",
            "postgres://localhost",
            "postgres://u@[::1]:5432/vuoro",
        ] {
            assert_eq!(DbUrl::parse(url), Ok(DbUrl::Postgres(url.to_owned())));
        }
    }

    #[test]
    fn bad_input_is_refused_with_what_was_given() {
        assert!(refused("").contains("empty"));
        assert!(refused("mysql://root@db/vuoro").contains("mysql://root@db/vuoro"));
        assert!(refused("sqlite:").contains("names no file"));
        assert!(refused("sqlite::memory:").contains("in-memory"));
        assert!(refused("sqlite:///x.db?mode=ro").contains("no options"));
        assert!(refused("sqlite:///x%FF.db").contains("not UTF-8"));
        assert!(refused("postgres:///vuoro").contains("no host"));
        assert!(refused("postgres://u@db:port/vuoro").contains("port"));
        assert!(refused("postgres://u@db/vu%zzoro").contains("hexadecimal"));
        assert!(refused("postgres://:pw@db/vuoro").contains("user name"));
    }

    #[test]
    fn a_password_is_never_shown() {
        let e = refused("postgres://vuoro:salainen@db:99999/vuoro");
        assert!(!e.contains("salainen"), "{e}");
        assert!(e.contains("postgres://vuoro:***@db:99999/vuoro"), "{e}");
        let u = DbUrl::parse("postgres://vuoro:salainen@db/vuoro").expect("valid");
        assert_eq!(u.to_string(), "postgres://vuoro:***@db/vuoro");
        assert!(!format!("{u:?}").contains("salainen"));
        assert!(!refused("postgres://vuoro:salai%zznen@db/vuoro").contains("salai"));
    }
}
