//! The harness both contract suites share: a fresh SQLite file or a scratch PostgreSQL database per case.
//! PostgreSQL comes from TIDINGS_TEST_PG_URL (the test command starts a throwaway server); with
//! TIDINGS_REQUIRE_PG=1 (CI) a missing URL fails the run instead of skipping.

#[allow(dead_code)] // each suite uses some of them
pub mod fixtures;

use std::sync::Arc;
use tidings::store::{connect, create_scratch_postgres_database, Store};

pub async fn sqlite_store() -> (Arc<dyn Store>, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("contract.db").display());
    (connect(&url).await.expect("open sqlite"), dir)
}

pub async fn postgres_store() -> Option<Arc<dyn Store>> {
    let Ok(admin_url) = std::env::var("TIDINGS_TEST_PG_URL") else {
        assert!(
            std::env::var("TIDINGS_REQUIRE_PG").is_err(),
            "TIDINGS_REQUIRE_PG is set but TIDINGS_TEST_PG_URL is not"
        );
        eprintln!("skipping PostgreSQL: TIDINGS_TEST_PG_URL not set");
        return None;
    };
    let url = create_scratch_postgres_database(&admin_url).await.expect("scratch database");
    Some(connect(&url).await.expect("open postgres"))
}

/// Runs each `async fn case(store)` once per backend, as `on_sqlite::case` and `on_postgres::case`.
macro_rules! contract {
    ($($case:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let (store, _dir) = super::common::sqlite_store().await;
                super::$case(store).await;
            })*
        }
        mod on_postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                if let Some(store) = super::common::postgres_store().await {
                    super::$case(store).await;
                }
            })*
        }
    };
}
