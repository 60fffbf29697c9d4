//! What triage found for a ticket, as agents and the REST API see it, and the report of training the team model.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::NamedRef;

/// Triage of a ticket's opening message (`GET /tickets/{id}/triage`, the ticket page's Triage panel).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TicketTriage {
    pub ticket_id: String,
    /// `en` or `de`; `None` when the text did not say clearly.
    pub language: Option<String>,
    pub language_confidence: Option<f32>,
    /// `negative`, `neutral` or `positive`.
    pub sentiment: String,
    /// From -1 (very negative) to 1 (very positive).
    pub sentiment_score: f32,
    /// The team the classifier suggested (`None` without a trained model or when no word was known).
    pub suggested_team: Option<NamedRef>,
    /// How likely the suggestion is right, 0 to 1.
    pub team_confidence: Option<f32>,
    /// The words that raised the priority, as the customer wrote them.
    pub urgency_keyword: Option<String>,
    /// Human-readable reasons, in the order language, team, sentiment, urgency.
    pub reasons: Vec<String>,
    pub created_at: DateTime<Utc>,
}

/// The result of training the team classifier from resolved and closed tickets (`POST /triage/train`,
/// `tidings triage train`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TrainingReport {
    /// Resolved or closed tickets with a team: the model now stored learned all of them.
    pub examples: u32,
    /// Every fifth example, held out of a first model to measure it.
    pub held_out: u32,
    /// Share of held-out tickets the first model put in their team (`None` with nothing held out).
    pub accuracy: Option<f32>,
    /// How many teams the model knows.
    pub teams: u32,
    /// Time spent loading, training, measuring and storing.
    pub duration_ms: u64,
    pub trained_at: DateTime<Utc>,
}
