//! The store's conformance suite (`vuoro_store::conformance`) on PostgreSQL: each case on a
//! fresh, empty database of the server named by `VUORO_TEST_POSTGRES` (see
//! `vuoro_store_postgres::testing`; without it the cases are skipped, or fail where
//! `VUORO_REQUIRE_POSTGRES=1`).

use std::sync::Arc;
use vuoro_store::Store;
use vuoro_store_postgres::PgStore;
use vuoro_store_postgres::testing::fresh_database;

async fn fresh() -> Option<Arc<dyn Store>> {
    let url = fresh_database().await?;
    let store = PgStore::connect(&url).await.expect("connect to the store");
    Some(Arc::new(store))
}

vuoro_store::conformance_tests!(fresh());
