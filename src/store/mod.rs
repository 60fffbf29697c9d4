//! The one storage interface. SQLite (embedded default) and PostgreSQL (production, several instances)
//! implement it; `connect` picks one by the scheme of the database URL and runs its migrations.
//! The contract test suite in `tests/store_contract.rs` runs the same cases against both.

pub(crate) mod analytics_daily;
pub(crate) mod analytics_queries;
pub(crate) mod analytics_records;
pub(crate) mod assembled_sql;
pub(crate) mod attachment_queries;
pub(crate) mod canned_queries;
pub(crate) mod chat_queries;
pub(crate) mod contact_queries;
pub(crate) mod csat_queries;
pub(crate) mod customer_queries;
pub(crate) mod delivery_queries;
mod error;
pub(crate) mod import_queries;
pub(crate) mod kb_article_queries;
mod kb_postgres_search;
mod kb_postgres_vector;
pub(crate) mod kb_queries;
pub(crate) mod kb_shared_queries;
pub(crate) mod kb_sql;
pub use kb_sql::RANKED_MATCHES_AT_MOST;
mod kb_sqlite_search;
pub(crate) mod like;
mod live_backends;
pub(crate) mod live_queries;
mod postgres;
mod postgres_search;
pub(crate) mod queries;
pub(crate) mod records;
pub(crate) mod report_queries;
pub(crate) mod routing_queries;
pub(crate) mod routing_records;
pub(crate) mod rule_queries;
pub(crate) mod rule_records;
mod scratch;
pub(crate) mod sla_queries;
pub(crate) mod sla_records;
mod sqlite;
mod sqlite_search;
pub(crate) mod ticket_queries;
pub(crate) mod ticket_records;
pub(crate) mod ticket_sql;
pub(crate) mod ticket_work_queries;
pub(crate) mod ticket_work_records;
pub(crate) mod triage_queries;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::sync::Arc;

use crate::domain::{ApiToken, Team, User};

pub use analytics_queries::{AnalyticsStore, RolledUpDurations};
pub use analytics_records::{AnalyticsSourceRecord, CsatSurveyRecord, ExportedTicketRecord};
pub use attachment_queries::{AttachmentLocation, AttachmentRecord, AttachmentStore};
pub use canned_queries::{CannedResponseRecord, CannedResponseStore, CannedResponseUpdate, NewCannedResponseRecord};
pub use chat_queries::{AgentAvailabilityRecord, BrandRecord, ChatClaim, ChatStore, WidgetSessionRecord};
pub use contact_queries::ContactStore;
pub use csat_queries::CsatSurveyStore;
pub use customer_queries::{CustomerRecord, CustomerStore};
pub use delivery_queries::{AttemptOutcome, ClaimedDelivery, DeliveryStore};
pub use error::DbError;
pub use import_queries::{ImportedTicket, TicketImportStore};
pub use kb_queries::{
    ArticleContent, ArticleFilter, ArticleRecord, ArticleSave, ArticleSearch, ArticleSearchText, ArticleStatusChange,
    ArticleVersionRecord, KbCategoryRecord, KbImageRecord, KbStore, NewArticleRecord, ReindexBatch, SearchForm,
    SearchWord,
};
pub use live_backends::LISTENER_APPLICATION_NAME;
pub use live_queries::{LiveChange, LiveEventRecord, LiveEventStore, LiveSignal};
pub use postgres::PostgresStore;
pub use records::{ApiTokenRecord, NewUserRecord, SessionRecord, TokenOwner, UserUpdate};
pub use report_queries::ReportStore;
pub use routing_queries::RoutingStore;
pub use routing_records::{
    RoutedAssignment, RoutedClaim, RoutingAgentRecord, TeamQueueRecord, TeamRoutingRecord, TicketTriageRecord,
    TrainingExampleRecord, TriageModelRecord, WaitingTicketRecord,
};
pub use rule_queries::RuleStore;
pub use rule_records::{RuleJobRecord, RuleJobState, RuleRecord, TicketRuleClock, TicketRuleMemory};
pub use scratch::create_scratch_postgres_database;
pub use sla_queries::SlaStore;
pub use sla_records::{SlaAlertRecord, SlaCalendarRecord, SlaDueTicket, SlaPolicyRecord, TicketSlaRecord};
pub use sqlite::SqliteStore;
pub use ticket_queries::TicketStore;
pub use ticket_records::{
    AssigneeFilter, EventRecord, MessageDelivery, MessageRecord, NewTicketRecord, TextSearch, TicketChanges,
    TicketFilter, TicketRecord, TicketSort,
};
pub use ticket_work_queries::TicketWorkStore;
pub use ticket_work_records::{SplitTicketRecord, TicketMerge, TicketSplit};
pub use triage_queries::TriageStore;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[async_trait]
/// Accounts here; tickets in [`TicketStore`] and [`TicketWorkStore`] (merge, split), files on messages in
/// [`AttachmentStore`], canned responses in [`CannedResponseStore`], customer lookup in [`CustomerStore`], bulk
/// import in [`TicketImportStore`], SLA calendars, policies and computed due times in [`SlaStore`], routing in
/// [`RoutingStore`], triage in [`TriageStore`], automation rules and their jobs in [`RuleStore`], analytics rollups
/// in [`AnalyticsStore`], CSAT surveys and instance secrets in [`CsatSurveyStore`], scheduled reports in [`ReportStore`].
pub trait Store:
    TicketStore
    + TicketWorkStore
    + TicketImportStore
    + AttachmentStore
    + CannedResponseStore
    + CustomerStore
    + LiveEventStore
    + ChatStore
    + DeliveryStore
    + ContactStore
    + KbStore
    + SlaStore
    + RoutingStore
    + TriageStore
    + RuleStore
    + AnalyticsStore
    + CsatSurveyStore
    + ReportStore
    + Send
    + Sync
    + 'static
{
    fn backend(&self) -> Backend;
    /// Answers when the database does (readiness).
    async fn ping(&self) -> Result<(), DbError>;

    // Users
    async fn insert_user(&self, user: &NewUserRecord) -> Result<(), DbError>;
    async fn find_user(&self, id: &str) -> Result<Option<User>, DbError>;
    /// The user and their password hash, for signing in.
    async fn find_credentials(&self, email: &str) -> Result<Option<(User, String)>, DbError>;
    async fn find_password_hash(&self, user_id: &str) -> Result<Option<String>, DbError>;
    /// Newest first; the `automation` account rules write as (migration 0017) is not listed.
    async fn list_users(&self, limit: u32, offset: u64) -> Result<(Vec<User>, u64), DbError>;
    /// The users with these ids (unknown ones are left out), in no particular order.
    async fn find_users(&self, ids: &[String]) -> Result<Vec<User>, DbError>;
    /// Every active agent, supervisor and admin (the people tickets can be assigned to), in no particular order.
    async fn list_active_staff(&self) -> Result<Vec<User>, DbError>;
    async fn count_active_admins(&self) -> Result<u64, DbError>;
    /// Applies what is set in `update` in one transaction; `None` if there is no such user.
    async fn update_user(&self, id: &str, update: &UserUpdate) -> Result<Option<User>, DbError>;

    // Sessions
    async fn insert_session(&self, session: &SessionRecord) -> Result<(), DbError>;
    /// The active user owning an unexpired session.
    async fn find_session_user(&self, key_hash: &str, now: DateTime<Utc>) -> Result<Option<User>, DbError>;
    async fn delete_session(&self, key_hash: &str) -> Result<(), DbError>;
    /// Ends every session of the user except `keep`; returns how many ended.
    async fn delete_user_sessions(&self, user_id: &str, keep: Option<&str>) -> Result<u64, DbError>;
    async fn delete_expired_sessions(&self, now: DateTime<Utc>) -> Result<u64, DbError>;

    // API tokens
    async fn insert_api_token(&self, token: &ApiTokenRecord) -> Result<(), DbError>;
    async fn find_token_owner(&self, token_hash: &str) -> Result<Option<TokenOwner>, DbError>;
    async fn touch_api_token(&self, id: &str, now: DateTime<Utc>) -> Result<(), DbError>;
    async fn list_api_tokens(&self, user_id: &str) -> Result<Vec<ApiToken>, DbError>;
    async fn delete_api_token(&self, user_id: &str, id: &str) -> Result<bool, DbError>;

    // Teams
    async fn insert_team(&self, team: &Team, created_at: DateTime<Utc>) -> Result<(), DbError>;
    async fn list_teams(&self) -> Result<Vec<Team>, DbError>;
}

/// Opens the database named by `url` (`sqlite://…` or `postgres://…`) and brings its schema up to date.
pub async fn connect(url: &str) -> Result<Arc<dyn Store>, DbError> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::open(url).await?))
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PostgresStore::open(url).await?))
    } else {
        Err(DbError::Config(format!(
            "DATABASE_URL must start with sqlite: or postgres://, got scheme {:?}",
            url.split(':').next().unwrap_or_default()
        )))
    }
}
