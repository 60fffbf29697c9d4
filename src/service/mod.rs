//! The only place business actions happen. REST handlers, server functions and (later) websocket
//! subscriptions all call these methods with the acting user; each method authorises through
//! [`crate::domain::policy`], validates, talks to the store and reports a typed [`ServiceError`].

mod accounts;
mod analytics;
mod analytics_dashboard;
mod assignees;
mod attachments;
mod auth;
mod canned_responses;
mod channel_admin;
mod chats;
mod csat;
mod customers;
mod deliveries;
mod demo_data;
mod error;
mod ingestion;
mod kb_articles;
mod kb_categories;
mod kb_feedback;
mod kb_reading;
mod kb_search;
mod kb_views;
mod live_dispatch;
mod live_hub;
mod live_moments;
mod mail_poller;
mod rate_limit;
mod routing;
mod routing_admin;
mod rule_actions;
mod rule_runs;
mod rule_scheduler;
mod rules;
mod secrets;
mod sla;
mod sla_clock;
mod sla_policies;
mod sla_rules;
mod sla_watcher;
mod teams;
mod ticket_bulk;
mod ticket_changes;
mod ticket_followups;
mod ticket_merge;
mod ticket_views;
mod tickets;
mod tokens;
mod triage;
mod triage_training;
mod users;
mod weekly_reports;
mod widget;

use chrono::{DateTime, Duration, SubsecRound, Utc};
use std::net::IpAddr;
use std::sync::Arc;

use crate::blob::BlobStore;
use crate::domain::{AttachmentPolicy, User};
use crate::store::Store;

pub use crate::domain::TicketListQuery;
pub use analytics::{AnalyticsExport, AnalyticsQuery};
pub use attachments::{attachment_url, Download};
pub use auth::SignedIn;
pub use canned_responses::{CannedResponseChanges, CannedResponseInput};
pub use chats::{ChatTransfer, WaitingChat};
pub use demo_data::{DemoDataReport, DemoDataSpec};
pub use error::ServiceError;
pub use ingestion::Ingested;
pub use kb_articles::{ArticleChanges, ArticleInput};
pub use kb_categories::KbCategoryInput;
pub use kb_feedback::{identify_voter, kb_image_url, KbImage, Voter, MAX_KB_IMAGE_BYTES, VISITOR_COOKIE};
pub use kb_reading::ArticleQuery;
pub use live_hub::{LiveConnection, LiveLimits, CLOSE_SLOW_CONSUMER};
pub use mail_poller::PollReport;
pub use rate_limit::{RateLimiter, WindowLimit};
pub use routing_admin::{SkillInput, SkillRuleInput};
pub use sla::{SlaCalendarChanges, SlaCalendarInput};
pub use sla_policies::{SlaPolicyChanges, SlaPolicyInput};
pub use ticket_bulk::{BulkFailure, BulkOutcome, BulkUpdate};
pub use ticket_changes::{InboundOrigin, NewMessage, TicketUpdate, Upload};
pub use ticket_merge::SplitInput;
pub use tickets::NewTicketInput;
pub use users::{NewUserInput, UserChanges};
pub use widget::{WidgetBrand, WidgetSessionStarted, WidgetVisitor};

/// Tunables of the services, with defaults that suit a small team.
#[derive(Clone, Debug)]
pub struct Settings {
    pub session_ttl: Duration,
    pub registration_open: bool,
    /// Failed sign-ins allowed per account in the window before 429.
    pub login_failures_per_account: WindowLimit,
    /// Failed sign-ins allowed per client address in the window before 429.
    pub login_failures_per_ip: WindowLimit,
    /// Registrations allowed per client address in the window.
    pub registrations_per_ip: WindowLimit,
    /// Widget visitor sessions started per client address in the window (each creates a contact).
    pub widget_sessions_per_ip: WindowLimit,
    /// Help-center searches and autocompletes per client address in the window (staff are not limited).
    pub kb_reads_per_ip: WindowLimit,
    /// "Was this helpful?" votes per client address in the window.
    pub kb_votes_per_ip: WindowLimit,
    /// Size and count limits for files on one message.
    pub attachments: AttachmentPolicy,
    /// Limits of the realtime hub.
    pub live: LiveLimits,
    /// The channels replies are sent on (none configured: replies are read in the portal and widget only).
    pub senders: crate::channel::outbound::ChannelSenders,
    /// Each channel's setup as the admin sees it (built from the configuration, secrets masked).
    pub channel_overview: Vec<crate::domain::channel_overview::ChannelOverview>,
    /// The approved WhatsApp templates agents may send once the 24-hour window has closed.
    pub whatsapp_templates: Vec<crate::domain::whatsapp_template::WhatsappTemplate>,
    /// How sure triage's team suggestion must be (0 to 1) before it files an unfiled ticket with that team.
    pub triage_min_confidence: f32,
    /// Whether rule webhooks may call loopback and private addresses (tests, or receivers inside the network).
    pub rules_webhook_allow_private: bool,
    /// The site's public address (`TIDINGS_PUBLIC_URL`, no trailing slash): links sent to customers start with it.
    /// Without one they are site-relative (`/csat/…`), which works in the portal and widget only.
    pub public_url: Option<String>,
    /// The secret CSAT links are signed with (`TIDINGS_CSAT_SECRET`, at least 32 bytes). Without one, a random
    /// secret is generated once per installation and kept in the database, shared by every instance.
    pub csat_secret: Option<crate::domain::analytics::CsatSigningKey>,
    /// When the weekly report is mailed to supervisors and admins (`TIDINGS_WEEKLY_REPORT`); `None`: never. It
    /// also needs email (`senders.staff_mail`).
    pub weekly_report: Option<crate::domain::analytics::WeeklySchedule>,
}

impl Default for Settings {
    fn default() -> Self {
        let quarter_hour = std::time::Duration::from_secs(15 * 60);
        Settings {
            session_ttl: Duration::days(14),
            registration_open: true,
            login_failures_per_account: WindowLimit { max: 5, window: quarter_hour },
            login_failures_per_ip: WindowLimit { max: 20, window: quarter_hour },
            registrations_per_ip: WindowLimit { max: 10, window: std::time::Duration::from_secs(60 * 60) },
            widget_sessions_per_ip: WindowLimit { max: 30, window: std::time::Duration::from_secs(60 * 60) },
            kb_reads_per_ip: WindowLimit { max: 600, window: std::time::Duration::from_secs(60) },
            kb_votes_per_ip: WindowLimit { max: 60, window: std::time::Duration::from_secs(60 * 60) },
            attachments: AttachmentPolicy::default(),
            live: LiveLimits::default(),
            senders: Default::default(),
            whatsapp_templates: Vec::new(),
            channel_overview: Vec::new(),
            triage_min_confidence: 0.6,
            rules_webhook_allow_private: false,
            public_url: None,
            csat_secret: None,
            weekly_report: Some(crate::domain::analytics::WeeklySchedule::default()),
        }
    }
}

/// Who is asking: the signed-in user, and the session they came through (absent for API tokens).
#[derive(Clone, Debug)]
pub struct Actor {
    pub user: User,
    pub session_key: Option<String>,
}

/// Where a request came from, for rate limits and the session list.
#[derive(Clone, Debug, Default)]
pub struct ClientInfo {
    pub ip: Option<IpAddr>,
    pub user_agent: Option<String>,
}

/// A requested page of a list: 1-based, at most 100 per page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageRequest {
    pub page: u32,
    pub per_page: u32,
}

impl PageRequest {
    pub const DEFAULT_PER_PAGE: u32 = 25;
    pub const MAX_PER_PAGE: u32 = 100;

    pub fn new(page: u32, per_page: u32) -> PageRequest {
        let per_page = if per_page == 0 { Self::DEFAULT_PER_PAGE } else { per_page.min(Self::MAX_PER_PAGE) };
        PageRequest { page: page.max(1), per_page }
    }

    pub fn offset(self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.per_page)
    }
}

/// One page of results and how many there are in all.
#[derive(Clone, Debug, PartialEq)]
pub struct Listed<T> {
    pub items: Vec<T>,
    pub total: u64,
}

/// The services with their shared state. Cheap to clone.
#[derive(Clone)]
pub struct Services {
    inner: Arc<Inner>,
}

struct Inner {
    store: Arc<dyn Store>,
    blobs: Arc<dyn BlobStore>,
    settings: Settings,
    login_failures: RateLimiter,
    registrations: RateLimiter,
    widget_sessions: RateLimiter,
    kb_reads: RateLimiter,
    kb_votes: RateLimiter,
    hub: live_hub::Hub,
    /// Rung when a message is queued, so this instance's outbox worker sends it at once.
    outbox_wake: tokio::sync::Notify,
    /// SLA warnings and breaches this instance announced (see `sla_clock.rs`).
    sla_transitions: tokio::sync::broadcast::Sender<crate::domain::sla::SlaTransition>,
    /// The team model as last parsed, with its stored revision.
    triage_model: std::sync::Mutex<Option<triage::CachedModel>>,
    /// The key CSAT links are signed with, once read (settings or database).
    csat_key: tokio::sync::OnceCell<crate::domain::analytics::CsatSigningKey>,
}

impl Services {
    /// The services over a database and a blob store for attachment bytes.
    pub fn new(store: Arc<dyn Store>, blobs: Arc<dyn BlobStore>, settings: Settings) -> Services {
        Services {
            inner: Arc::new(Inner {
                hub: live_hub::Hub::new(settings.live.clone()),
                store,
                blobs,
                settings,
                login_failures: RateLimiter::new(),
                registrations: RateLimiter::new(),
                widget_sessions: RateLimiter::new(),
                kb_reads: RateLimiter::new(),
                kb_votes: RateLimiter::new(),
                outbox_wake: tokio::sync::Notify::new(),
                sla_transitions: tokio::sync::broadcast::channel(1024).0,
                triage_model: std::sync::Mutex::new(None),
                csat_key: tokio::sync::OnceCell::new(),
            }),
        }
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.inner.store
    }

    pub fn blobs(&self) -> &Arc<dyn BlobStore> {
        &self.inner.blobs
    }

    pub(crate) fn hub(&self) -> &live_hub::Hub {
        &self.inner.hub
    }

    pub fn settings(&self) -> &Settings {
        &self.inner.settings
    }

    /// Readiness: the database answers.
    pub async fn check_ready(&self) -> Result<(), ServiceError> {
        Ok(self.inner.store.ping().await?)
    }
}

/// Now, rounded to microseconds so that SQLite and PostgreSQL store the same instant.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

#[cfg(test)]
mod tests {
    use super::PageRequest;

    #[test]
    fn pages_are_clamped_to_sane_bounds() {
        assert_eq!(PageRequest::new(0, 0), PageRequest { page: 1, per_page: 25 });
        assert_eq!(PageRequest::new(3, 500), PageRequest { page: 3, per_page: 100 });
        assert_eq!(PageRequest::new(3, 10).offset(), 20);
    }
}
