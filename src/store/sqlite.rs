//! SQLite, the embedded default: WAL, one writer connection (SQLite allows one writer at a time, so
//! queueing in the pool beats SQLITE_BUSY), a small pool of readers, a busy timeout, and write
//! transactions that start with BEGIN IMMEDIATE so they take the write lock up front.

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, Transaction};
use std::str::FromStr;
use std::time::Duration;

use super::analytics_queries::impl_analytics_store;
use super::attachment_queries::impl_attachment_store;
use super::canned_queries::impl_canned_response_store;
use super::chat_queries::impl_chat_store;
use super::contact_queries::impl_contact_store;
use super::csat_queries::impl_csat_store;
use super::customer_queries::impl_customer_store;
use super::delivery_queries::impl_delivery_store;
use super::import_queries::impl_ticket_import_store;
use super::kb_article_queries::impl_kb_store;
use super::live_queries::{impl_live_event_store, LiveFeed};
use super::queries::impl_store;
use super::report_queries::impl_report_store;
use super::routing_queries::impl_routing_store;
use super::rule_queries::impl_rule_store;
use super::sla_queries::impl_sla_store;
use super::ticket_queries::impl_ticket_store;
use super::ticket_work_queries::impl_ticket_work_store;
use super::triage_queries::impl_triage_store;
use super::{Backend, DbError};

pub struct SqliteStore {
    writer: SqlitePool,
    readers: SqlitePool,
    pub(crate) feed: LiveFeed,
}

impl SqliteStore {
    const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
    const READERS: u32 = 8;
    const MMAP_BYTES: u64 = 4 << 30;
    /// Negative: KiB rather than pages.
    const WRITER_CACHE_KIB: i64 = -32 * 1024;

    /// Opens (creating if missing) the database file and runs the SQLite migrations.
    pub async fn open(url: &str) -> Result<SqliteStore, DbError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Self::BUSY_TIMEOUT)
            .foreign_keys(true)
            // Reads through a memory map instead of a system call per page: at 100k tickets this halves a queue's
            // count. Address space only; SQLite maps no more than the file holds.
            .pragma("mmap_size", Self::MMAP_BYTES.to_string());
        // The one writer keeps more pages in memory than SQLite's 2 MB default: full-text segment merges read back
        // what they just wrote (a reindex of 14,000 articles spent a sixth of its time re-reading pages).
        let writer_options = options.clone().pragma("cache_size", Self::WRITER_CACHE_KIB.to_string());
        let writer = SqlitePoolOptions::new().max_connections(1).connect_with(writer_options).await?;
        sqlx::migrate!("migrations/sqlite").run(&writer).await?;
        // Table statistics let the planner pick the right index for a queue filter (e.g. the partial index of
        // unfinished tickets). Cheap: it samples at most `analysis_limit` rows per index and skips fresh tables.
        sqlx::query("PRAGMA analysis_limit = 1000").execute(&writer).await?;
        sqlx::query("PRAGMA optimize = 0x10002").execute(&writer).await?;
        // The queue's plans hinge on how many tickets share a status, assignee or team, which a sample of a thousand
        // rows gets badly wrong (it chose a sort of every open ticket over reading one index in order). The tickets
        // table gets a full analysis: about 0.2 s at 100k tickets, once per start.
        sqlx::query("PRAGMA analysis_limit = 0").execute(&writer).await?;
        sqlx::query("ANALYZE tickets").execute(&writer).await?;
        let readers =
            SqlitePoolOptions::new().max_connections(Self::READERS).connect_with(options.read_only(true)).await?;
        Ok(SqliteStore { writer, readers, feed: LiveFeed::new(true) })
    }

    pub(super) fn reader(&self) -> &SqlitePool {
        &self.readers
    }

    fn writer(&self) -> &SqlitePool {
        &self.writer
    }

    async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>, DbError> {
        Ok(self.writer.begin_with("BEGIN IMMEDIATE").await?)
    }
}

impl_store!(SqliteStore, Backend::Sqlite);
impl_ticket_store!(SqliteStore, Sqlite);
impl_canned_response_store!(SqliteStore);
impl_customer_store!(SqliteStore);
impl_attachment_store!(SqliteStore, Sqlite);
impl_ticket_import_store!(SqliteStore);
impl_ticket_work_store!(SqliteStore);
impl_live_event_store!(SqliteStore);
impl_chat_store!(SqliteStore);
impl_delivery_store!(SqliteStore, sqlx::Sqlite, "");
impl_contact_store!(SqliteStore);
impl_kb_store!(SqliteStore, Sqlite);
impl_sla_store!(SqliteStore, Sqlite);
impl_routing_store!(SqliteStore, "");
impl_triage_store!(SqliteStore);
impl_rule_store!(SqliteStore);
impl_analytics_store!(SqliteStore);
impl_csat_store!(SqliteStore);
impl_report_store!(SqliteStore);
