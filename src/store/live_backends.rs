//! The backend halves of the live event log (see `live_queries.rs`): how each database appends an event inside a
//! write transaction, and how instances hear of new events and moments.

use sqlx::postgres::{PgListener, PgPool};
use sqlx::{Postgres, Sqlite, Transaction};
use std::sync::atomic::Ordering;
use std::time::Duration;

use super::live_queries::{LiveChange, LiveSignal};
use super::postgres::PostgresStore;
use super::sqlite::SqliteStore;
use super::DbError;

/// The channel that says "new rows in live_events"; its payload is empty.
const LOG_CHANNEL: &str = "tidings_live";
/// The channel for moments (typing, presence): small JSON with ids only.
const MOMENT_CHANNEL: &str = "tidings_moments";
/// Serialises appends to the log until commit, so sequence numbers become visible in order.
const LOG_LOCK: i64 = 0x7469_6469_6e67_0010;
const INSERT_EVENT: &str = "INSERT INTO live_events (kind, ticket_id, message_id, created_at) VALUES ($1, $2, $3, $4)";
/// The name the listener connection shows in `pg_stat_activity` (operators and the tests find it by it).
pub const LISTENER_APPLICATION_NAME: &str = "tidings-live-listener";

impl SqliteStore {
    /// Appends one event to the log inside a write transaction (SQLite has one writer, so order is commit order).
    pub(crate) async fn append_live_event(
        tx: &mut Transaction<'static, Sqlite>,
        change: LiveChange,
        ticket_id: &str,
        message_id: Option<&str>,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), DbError> {
        sqlx::query(INSERT_EVENT)
            .bind(change.as_str())
            .bind(ticket_id)
            .bind(message_id)
            .bind(at)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Called after a commit that appended events.
    pub(crate) fn live_committed(&self) {
        self.feed.send(LiveSignal::Committed);
    }

    pub(crate) async fn start_live_listener(&self) -> Result<(), DbError> {
        Ok(())
    }

    pub(crate) async fn publish_moment_now(&self, payload: &str) -> Result<(), DbError> {
        self.feed.send(LiveSignal::Moment(payload.to_string()));
        Ok(())
    }
}

impl PostgresStore {
    /// Appends one event to the log inside a write transaction. The advisory lock is held until the transaction
    /// ends, so a later sequence number never commits before an earlier one; it must be the transaction's last
    /// lock (appends come last), so waiting for it never closes a cycle with row locks.
    pub(crate) async fn append_live_event(
        tx: &mut Transaction<'static, Postgres>,
        change: LiveChange,
        ticket_id: &str,
        message_id: Option<&str>,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), DbError> {
        sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(LOG_LOCK).execute(&mut **tx).await?;
        sqlx::query(INSERT_EVENT)
            .bind(change.as_str())
            .bind(ticket_id)
            .bind(message_id)
            .bind(at)
            .execute(&mut **tx)
            .await?;
        sqlx::query("SELECT pg_notify($1, '')").bind(LOG_CHANNEL).execute(&mut **tx).await?;
        Ok(())
    }

    /// Called after a commit that appended events: this instance's hub need not wait for the notification.
    pub(crate) fn live_committed(&self) {
        self.feed.send(LiveSignal::Committed);
    }

    /// Starts the listener task once. It keeps one connection with LISTEN on both channels; when that connection
    /// drops it reports [`LiveSignal::ListenerLost`], reconnects with backoff and reports
    /// [`LiveSignal::ListenerRestored`], after which the hub reads what it missed from the log.
    pub(crate) async fn start_live_listener(&self) -> Result<(), DbError> {
        if self.listener_started.swap(true, Ordering::SeqCst) {
            return Ok(());
        }
        let mut listener = connect_listener(&self.listener_pool).await?;
        let sender = self.feed.sender();
        let listening = self.feed.listening_flag();
        let pool = self.listener_pool.clone();
        listening.store(true, Ordering::Relaxed);
        tokio::spawn(async move {
            loop {
                while let Ok(Some(notification)) = listener.try_recv().await {
                    let signal = if notification.channel() == LOG_CHANNEL {
                        LiveSignal::Committed
                    } else {
                        LiveSignal::Moment(notification.payload().to_string())
                    };
                    let _ = sender.send(signal);
                }
                listening.store(false, Ordering::Relaxed);
                let _ = sender.send(LiveSignal::ListenerLost);
                tracing::warn!("live notifications: connection lost; reconnecting");
                let mut backoff = Duration::from_millis(100);
                listener = loop {
                    tokio::time::sleep(backoff).await;
                    match connect_listener(&pool).await {
                        Ok(listener) => break listener,
                        Err(err) => {
                            tracing::warn!(error = %err, "live notifications: reconnect failed");
                            backoff = (backoff * 2).min(Duration::from_secs(5));
                        }
                    }
                };
                listening.store(true, Ordering::Relaxed);
                let _ = sender.send(LiveSignal::ListenerRestored);
                tracing::info!("live notifications: reconnected");
            }
        });
        Ok(())
    }

    pub(crate) async fn publish_moment_now(&self, payload: &str) -> Result<(), DbError> {
        sqlx::query("SELECT pg_notify($1, $2)").bind(MOMENT_CHANNEL).bind(payload).execute(&self.pool).await?;
        Ok(())
    }
}

async fn connect_listener(pool: &PgPool) -> Result<PgListener, DbError> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.ignore_pool_close_event(true);
    // Report a lost connection at once instead of quietly reconnecting: the hub must re-read the log.
    listener.eager_reconnect(false);
    listener.listen_all([LOG_CHANNEL, MOMENT_CHANNEL]).await?;
    Ok(listener)
}
