//! The live event log and the signals that wake the realtime hub.
//!
//! Every transaction that changes a ticket appends a row to `live_events` (ids only) as its last statement, so a
//! change and its event commit together: an event is never announced for a change that rolled back, and never
//! lost for one that committed. After the commit the store signals [`LiveSignal::Committed`] to the hub of this
//! process; on PostgreSQL the transaction also sends `NOTIFY tidings_live`, which reaches every instance through
//! the listener started by [`LiveEventStore::live_signals`]. Either way the hub reads "everything after the last
//! sequence number I sent" from the log, so a lost wake-up only delays events, never drops them.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::sync::broadcast;

use super::ticket_records::MessageRecord;
use super::DbError;

/// What a logged event says happened to its ticket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiveChange {
    TicketCreated,
    TicketUpdated,
    MessageCreated,
}

impl LiveChange {
    pub fn as_str(self) -> &'static str {
        match self {
            LiveChange::TicketCreated => "ticket_created",
            LiveChange::TicketUpdated => "ticket_updated",
            LiveChange::MessageCreated => "message_created",
        }
    }

    pub fn parse(value: &str) -> Result<LiveChange, DbError> {
        match value {
            "ticket_created" => Ok(LiveChange::TicketCreated),
            "ticket_updated" => Ok(LiveChange::TicketUpdated),
            "message_created" => Ok(LiveChange::MessageCreated),
            other => Err(DbError::Corrupt(format!("live event kind {other:?}"))),
        }
    }
}

/// One row of the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveEventRecord {
    pub seq: u64,
    pub change: LiveChange,
    pub ticket_id: String,
    pub message_id: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// What wakes the hub.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LiveSignal {
    /// New rows may be in the log.
    Committed,
    /// A moment that is not logged (typing, presence), as published by [`LiveEventStore::publish_moment`].
    Moment(String),
    /// The notification connection dropped: other instances' events arrive late until it is back.
    ListenerLost,
    /// The notification connection is back: read the log for what was missed.
    ListenerRestored,
}

/// The in-process side of the signals: the broadcast the hub listens to and whether cross-instance
/// notifications are flowing.
pub(crate) struct LiveFeed {
    sender: broadcast::Sender<LiveSignal>,
    listening: Arc<AtomicBool>,
}

impl LiveFeed {
    pub(crate) fn new(listening: bool) -> LiveFeed {
        LiveFeed { sender: broadcast::channel(4096).0, listening: Arc::new(AtomicBool::new(listening)) }
    }

    pub(crate) fn send(&self, signal: LiveSignal) {
        // No receiver yet (no hub started, e.g. the command line) is fine: the log keeps everything.
        let _ = self.sender.send(signal);
    }

    pub(crate) fn sender(&self) -> broadcast::Sender<LiveSignal> {
        self.sender.clone()
    }

    pub(crate) fn subscribe(&self) -> broadcast::Receiver<LiveSignal> {
        self.sender.subscribe()
    }

    pub(crate) fn listening(&self) -> bool {
        self.listening.load(Ordering::Relaxed)
    }

    pub(crate) fn listening_flag(&self) -> Arc<AtomicBool> {
        self.listening.clone()
    }
}

#[async_trait]
pub trait LiveEventStore: Send + Sync {
    /// Logged events with `seq > after`, oldest first, at most `limit`.
    async fn live_events_after(&self, after: u64, limit: u32) -> Result<Vec<LiveEventRecord>, DbError>;
    /// One ticket's logged events with `after < seq <= until`, oldest first, at most `limit`.
    async fn ticket_live_events(
        &self,
        ticket_id: &str,
        after: u64,
        until: u64,
        limit: u32,
    ) -> Result<Vec<LiveEventRecord>, DbError>;
    /// The highest sequence number in the log (0 when it is empty and was never written).
    async fn latest_live_seq(&self) -> Result<u64, DbError>;
    /// The lowest sequence number still kept, if any: a `since` below it cannot be replayed exactly.
    async fn oldest_live_seq(&self) -> Result<Option<u64>, DbError>;
    /// Deletes events older than `before`, keeping the newest row so the sequence never restarts.
    async fn prune_live_events(&self, before: DateTime<Utc>) -> Result<u64, DbError>;
    /// Starts listening (on PostgreSQL, a dedicated connection with LISTEN) and returns the signals.
    async fn live_signals(&self) -> Result<broadcast::Receiver<LiveSignal>, DbError>;
    /// Sends a moment to every instance's hub (ids only: PostgreSQL caps a payload at 8000 bytes).
    async fn publish_moment(&self, payload: &str) -> Result<(), DbError>;
    /// Whether cross-instance notifications are flowing (always true on SQLite, which has one instance).
    fn live_listening(&self) -> bool;
    /// One message, for the event that announces it.
    async fn find_message(&self, id: &str) -> Result<Option<MessageRecord>, DbError>;
}

/// Implements the read side of [`LiveEventStore`] for a backend with `reader()`, `writer()` and a `feed` field; the
/// backend supplies `start_live_listener` and `publish_moment_now`.
macro_rules! impl_live_event_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::LiveEventStore for $store {
            async fn live_events_after(
                &self,
                after: u64,
                limit: u32,
            ) -> Result<Vec<$crate::store::LiveEventRecord>, $crate::store::DbError> {
                let rows: Vec<$crate::store::live_queries::LiveRow> = sqlx::query_as(
                    "SELECT seq, kind, ticket_id, message_id, created_at FROM live_events \
                     WHERE seq > $1 ORDER BY seq LIMIT $2",
                )
                .bind(after as i64)
                .bind(i64::from(limit))
                .fetch_all(self.reader())
                .await?;
                rows.into_iter().map($crate::store::live_queries::LiveRow::into_record).collect()
            }

            async fn ticket_live_events(
                &self,
                ticket_id: &str,
                after: u64,
                until: u64,
                limit: u32,
            ) -> Result<Vec<$crate::store::LiveEventRecord>, $crate::store::DbError> {
                let rows: Vec<$crate::store::live_queries::LiveRow> = sqlx::query_as(
                    "SELECT seq, kind, ticket_id, message_id, created_at FROM live_events \
                     WHERE ticket_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4",
                )
                .bind(ticket_id)
                .bind(after as i64)
                .bind(until as i64)
                .bind(i64::from(limit))
                .fetch_all(self.reader())
                .await?;
                rows.into_iter().map($crate::store::live_queries::LiveRow::into_record).collect()
            }

            async fn latest_live_seq(&self) -> Result<u64, $crate::store::DbError> {
                let seq: Option<i64> =
                    sqlx::query_scalar("SELECT MAX(seq) FROM live_events").fetch_one(self.reader()).await?;
                Ok(seq.unwrap_or(0) as u64)
            }

            async fn oldest_live_seq(&self) -> Result<Option<u64>, $crate::store::DbError> {
                let seq: Option<i64> =
                    sqlx::query_scalar("SELECT MIN(seq) FROM live_events").fetch_one(self.reader()).await?;
                Ok(seq.map(|seq| seq as u64))
            }

            async fn prune_live_events(
                &self,
                before: chrono::DateTime<chrono::Utc>,
            ) -> Result<u64, $crate::store::DbError> {
                let done = sqlx::query(
                    "DELETE FROM live_events WHERE created_at < $1 \
                     AND seq < (SELECT MAX(seq) FROM live_events)",
                )
                .bind(before)
                .execute(self.writer())
                .await?;
                Ok(done.rows_affected())
            }

            async fn live_signals(
                &self,
            ) -> Result<tokio::sync::broadcast::Receiver<$crate::store::LiveSignal>, $crate::store::DbError> {
                let receiver = self.feed.subscribe();
                self.start_live_listener().await?;
                Ok(receiver)
            }

            async fn publish_moment(&self, payload: &str) -> Result<(), $crate::store::DbError> {
                self.publish_moment_now(payload).await
            }

            fn live_listening(&self) -> bool {
                self.feed.listening()
            }

            async fn find_message(
                &self,
                id: &str,
            ) -> Result<Option<$crate::store::MessageRecord>, $crate::store::DbError> {
                let sql =
                    format!("SELECT {} FROM messages WHERE id = $1", $crate::store::ticket_records::MESSAGE_COLUMNS);
                let row: Option<$crate::store::ticket_records::MessageRow> =
                    sqlx::query_as(&sql).bind(id).fetch_optional(self.reader()).await?;
                row.map(|row| row.into_record()).transpose()
            }
        }
    };
}

pub(crate) use impl_live_event_store;

#[derive(sqlx::FromRow)]
pub(crate) struct LiveRow {
    seq: i64,
    kind: String,
    ticket_id: String,
    message_id: Option<String>,
    created_at: DateTime<Utc>,
}

impl LiveRow {
    pub(crate) fn into_record(self) -> Result<LiveEventRecord, DbError> {
        Ok(LiveEventRecord {
            seq: self.seq as u64,
            change: LiveChange::parse(&self.kind)?,
            ticket_id: self.ticket_id,
            message_id: self.message_id,
            created_at: self.created_at,
        })
    }
}
