//! Fresh databases for tests, on the PostgreSQL server named by `VUORO_TEST_POSTGRES` (a URL of
//! a database on that server the tests may connect to, e.g. `postgres://postgres@127.0.0.1:
//! 55432/postgres`; `scripts/test` starts a throw-away server and sets it). Without it the
//! PostgreSQL tests skip, unless `VUORO_REQUIRE_POSTGRES=1` (CI), when they fail: a CI run
//! never passes by skipping them.

use sqlx::Connection;
use sqlx::postgres::PgConnection;

/// The URL of a new, empty database with a unique name on the test server, or `None` (after
/// saying so on standard error) when no server is configured.
///
/// # Panics
/// When no server is configured and `VUORO_REQUIRE_POSTGRES=1`, or when the server refuses.
pub async fn fresh_database() -> Option<String> {
    let Ok(server) = std::env::var("VUORO_TEST_POSTGRES") else {
        assert!(
            std::env::var("VUORO_REQUIRE_POSTGRES").as_deref() != Ok("1"),
            "VUORO_REQUIRE_POSTGRES=1 but VUORO_TEST_POSTGRES is not set"
        );
        eprintln!("skipped: VUORO_TEST_POSTGRES is not set");
        return None;
    };
    let name = format!("vuoro_test_{}", uuid::Uuid::new_v4().simple());
    let mut admin = PgConnection::connect(&server)
        .await
        .expect("the test PostgreSQL server accepts a connection");
    // The name is ours (hex digits only), so it may be spliced into the statement.
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .expect("CREATE DATABASE");
    admin.close().await.expect("close");
    Some(with_database(&server, &name))
}

/// `server` with its database (the last path segment) replaced by `name`.
fn with_database(server: &str, name: &str) -> String {
    let (base, query) = match server.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (server, None),
    };
    let authority_end = base
        .find("://")
        .map(|i| i + 3)
        .and_then(|start| base[start..].find('/').map(|j| start + j))
        .unwrap_or(base.len());
    let mut url = format!("{}/{name}", &base[..authority_end]);
    if let Some(q) = query {
        url.push('?');
        url.push_str(q);
    }
    url
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn the_database_of_a_server_url_is_replaced() {
        assert_eq!(
            with_database("postgres://u@127.0.0.1:5/postgres", "x"),
            "postgres://u@127.0.0.1:5/x"
        );
        assert_eq!(
            with_database("postgres://u:p@h:5/db?sslmode=disable", "x"),
            "postgres://u:p@h:5/x?sslmode=disable"
        );
        assert_eq!(with_database("postgres://u@h:5", "x"), "postgres://u@h:5/x");
    }
}
