//! The store's conformance suite (`vuoro_store::conformance`) on SQLite: each case on a fresh
//! database file in a directory of its own, removed when the case ends.

use std::path::PathBuf;
use std::sync::Arc;
use vuoro_store::Store;
use vuoro_store_sqlite::SqliteStore;

/// A directory under the system's temporary directory, removed when the case ends.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        // A directory left behind costs only disk space; the case's result stands either way.
        if let Err(e) = std::fs::remove_dir_all(&self.0) {
            eprintln!("could not remove {}: {e}", self.0.display());
        }
    }
}

async fn fresh() -> (Arc<dyn Store>, TempDir) {
    let dir = std::env::temp_dir().join(format!("vuoro-conformance-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("create temp dir");
    let dir = TempDir(dir);
    let store = SqliteStore::open(&dir.0.join("vuoro.db"))
        .await
        .expect("open store");
    (Arc::new(store), dir)
}

vuoro_store::conformance_tests!(fresh());
