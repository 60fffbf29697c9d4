//! PostgreSQL, the production backend shared by several app instances.

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{Postgres, Transaction};
use std::str::FromStr;
use std::sync::atomic::AtomicBool;
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

pub struct PostgresStore {
    pub(crate) pool: PgPool,
    pub(crate) feed: LiveFeed,
    /// One connection for LISTEN, named so operators can see it (see `live_backends.rs`).
    pub(crate) listener_pool: PgPool,
    pub(crate) listener_started: AtomicBool,
}

impl PostgresStore {
    const MAX_CONNECTIONS: u32 = 16;

    /// Connects and runs the PostgreSQL migrations (sqlx takes an advisory lock, so instances starting
    /// together do not race).
    pub async fn open(url: &str) -> Result<PostgresStore, DbError> {
        let pool = PgPoolOptions::new()
            .max_connections(Self::MAX_CONNECTIONS)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await?;
        sqlx::migrate!("migrations/postgres").run(&pool).await?;
        let listener_options =
            PgConnectOptions::from_str(url)?.application_name(super::live_backends::LISTENER_APPLICATION_NAME);
        let listener_pool = PgPoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(5))
            .connect_lazy_with(listener_options);
        Ok(PostgresStore { pool, feed: LiveFeed::new(false), listener_pool, listener_started: AtomicBool::new(false) })
    }

    fn reader(&self) -> &PgPool {
        &self.pool
    }

    fn writer(&self) -> &PgPool {
        &self.pool
    }

    async fn begin_write(&self) -> Result<Transaction<'static, Postgres>, DbError> {
        Ok(self.pool.begin().await?)
    }
}

impl_store!(PostgresStore, Backend::Postgres);
impl_ticket_store!(PostgresStore, Postgres);
impl_canned_response_store!(PostgresStore);
impl_customer_store!(PostgresStore);
impl_attachment_store!(PostgresStore, Postgres);
impl_ticket_import_store!(PostgresStore);
impl_ticket_work_store!(PostgresStore);
impl_live_event_store!(PostgresStore);
impl_chat_store!(PostgresStore);
impl_delivery_store!(PostgresStore, sqlx::Postgres, "FOR UPDATE SKIP LOCKED");
impl_contact_store!(PostgresStore);
impl_kb_store!(PostgresStore, Postgres);
impl_sla_store!(PostgresStore, Postgres);
impl_routing_store!(PostgresStore, "FOR UPDATE");
impl_triage_store!(PostgresStore);
impl_rule_store!(PostgresStore);
impl_analytics_store!(PostgresStore);
impl_csat_store!(PostgresStore);
impl_report_store!(PostgresStore);
