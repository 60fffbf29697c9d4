//! Triage of every new ticket, and learning from agents' corrections. Triage runs in-process on the subject and
//! opening message (see `domain::triage`): its findings are stored with the ticket and on its timeline, an
//! urgency keyword raises the priority, and a confident team suggestion files an unfiled ticket with that team.
//! When staff move a triaged ticket to another team, the classifier learns the correction at once.

use std::sync::Arc;

use serde_json::json;

use super::ticket_changes::event;
use super::{now, Actor, ServiceError, Services};
use crate::domain::triage::{ticket_text, triage, TeamClassifier, TicketTriage, TriageResult};
use crate::domain::{authorize, Action, NamedRef};
use crate::store::{TicketChanges, TicketRecord, TicketTriageRecord};

/// How often a correction is retried when another one saved the model in between.
const CORRECTION_ATTEMPTS: usize = 3;

/// The parsed team model and the stored revision it came from.
pub(super) struct CachedModel {
    revision: i64,
    model: Arc<TeamClassifier>,
}

impl Services {
    /// What triage found for a ticket (staff only); `None` for a ticket filed before triage existed.
    pub async fn ticket_triage(&self, actor: &Actor, ticket_id: &str) -> Result<Option<TicketTriage>, ServiceError> {
        authorize(actor.user.role, Action::WorkTickets)?;
        self.store().find_ticket(ticket_id).await?.ok_or(ServiceError::NotFound("ticket"))?;
        let Some(record) = self.store().find_ticket_triage(ticket_id).await? else { return Ok(None) };
        let teams = self.store().list_teams().await?;
        let suggested_team = record.suggested_team_id.as_ref().and_then(|id| {
            teams
                .iter()
                .find(|team| &team.id == id)
                .map(|team| NamedRef { id: team.id.clone(), name: team.name.clone() })
        });
        Ok(Some(TicketTriage {
            ticket_id: record.ticket_id,
            language: record.language,
            language_confidence: record.language_confidence,
            sentiment: record.sentiment,
            sentiment_score: record.sentiment_score,
            suggested_team,
            team_confidence: record.team_confidence,
            urgency_keyword: record.urgency_keyword,
            reasons: record.reasons,
            created_at: record.created_at,
        }))
    }

    /// Triages a ticket that was just filed and returns it as it is afterwards. Triage never stops a ticket from
    /// being filed: if it fails, the failure is logged and the ticket stays as it was.
    pub(super) async fn triage_new_ticket(&self, ticket: TicketRecord, first_message: &str) -> TicketRecord {
        match self.apply_triage(&ticket, first_message).await {
            Ok(Some(triaged)) => triaged,
            Ok(None) => ticket,
            Err(err) => {
                tracing::warn!(ticket = %ticket.id, error = %err, "triage of a new ticket failed");
                ticket
            }
        }
    }

    async fn apply_triage(
        &self,
        ticket: &TicketRecord,
        first_message: &str,
    ) -> Result<Option<TicketRecord>, ServiceError> {
        let model = self.team_model().await?;
        let result = triage(&ticket_text(&ticket.subject, first_message), &model);
        let teams = self.store().list_teams().await?;
        // A label of a team that no longer exists is no suggestion.
        let suggestion = result.team.as_ref().filter(|team| teams.iter().any(|known| known.id == team.label));
        let mut changes = TicketChanges::default();
        let mut events = vec![event(&ticket.id, None, "triaged", triaged_data(&result, suggestion.is_some()))];
        if let Some(hit) = result.urgency.as_ref().filter(|hit| hit.raise_to > ticket.priority) {
            changes.priority = Some(hit.raise_to);
            events.push(event(
                &ticket.id,
                None,
                "priority_changed",
                json!({ "from": ticket.priority.as_str(), "to": hit.raise_to.as_str(), "by": "triage",
                        "keyword": hit.keyword }),
            ));
        }
        let min_confidence = self.settings().triage_min_confidence;
        if let Some(team) = suggestion.filter(|team| ticket.team_id.is_none() && team.confidence >= min_confidence) {
            changes.team_id = Some(Some(team.label.clone()));
            events.push(event(
                &ticket.id,
                None,
                "team_changed",
                json!({ "from": null, "to": team.label, "by": "triage", "confidence": team.confidence }),
            ));
        }
        let language = result.language.map(|guess| guess.locale.as_str()).filter(|_| ticket.language.is_none());
        let record = TicketTriageRecord {
            ticket_id: ticket.id.clone(),
            language: result.language.map(|guess| guess.locale.as_str().to_string()),
            language_confidence: result.language.map(|guess| guess.confidence),
            sentiment: result.sentiment.label.as_str().to_string(),
            sentiment_score: result.sentiment.score,
            suggested_team_id: suggestion.map(|team| team.label.clone()),
            team_confidence: suggestion.map(|team| team.confidence),
            urgency_keyword: result.urgency.as_ref().map(|hit| hit.keyword.clone()),
            reasons: result.reasons.clone(),
            learned_team_id: None,
            created_at: now(),
        };
        Ok(self.store().record_triage(&record, &changes, language, &events, now()).await?)
    }

    /// Staff moved a triaged ticket to `right`: the classifier learns that its text belongs there (moving the
    /// counts if it had learned the text under another team before). Logged, never failing the team change.
    pub(super) async fn learn_team_correction(&self, ticket: &TicketRecord, right: &str) {
        if let Err(err) = self.try_learn_team_correction(ticket, right).await {
            tracing::warn!(ticket = %ticket.id, error = %err, "learning a team correction failed");
        }
    }

    async fn try_learn_team_correction(&self, ticket: &TicketRecord, right: &str) -> Result<(), ServiceError> {
        let Some(triage) = self.store().find_ticket_triage(&ticket.id).await? else { return Ok(()) };
        let Some(wrong) = triage.learned_team_id.or(triage.suggested_team_id) else { return Ok(()) };
        if wrong == right {
            return Ok(());
        }
        let Some(first) = self.store().list_messages(&ticket.id, false).await?.into_iter().next() else {
            return Ok(());
        };
        let text = ticket_text(&ticket.subject, &first.body);
        for _ in 0..CORRECTION_ATTEMPTS {
            let stored = self.store().find_triage_model().await?;
            let mut model = match &stored {
                Some(stored) => parse_model(&stored.model)?,
                None => TeamClassifier::default(),
            };
            model.correct(&text, &wrong, right).map_err(|err| ServiceError::Internal(err.to_string()))?;
            let json = serde_json::to_string(&model).map_err(|err| ServiceError::Internal(err.to_string()))?;
            let expected = stored.as_ref().map(|stored| stored.revision);
            let trained_at = stored.as_ref().map(|stored| stored.trained_at).unwrap_or_else(now);
            if let Some(revision) =
                self.store().update_triage_model(expected, &json, trained_at, model.document_count()).await?
            {
                self.store().set_triage_learned_team(&ticket.id, right).await?;
                self.cache_model(revision, model);
                return Ok(());
            }
        }
        Err(ServiceError::Conflict {
            code: "model_busy",
            field: None,
            message: "The team model kept changing; the correction was not learned.".into(),
        })
    }

    /// The stored team model, parsed once per revision. Without one (or with one made by other feature rules) the
    /// model is empty and suggests nothing.
    pub(super) async fn team_model(&self) -> Result<Arc<TeamClassifier>, ServiceError> {
        let Some(revision) = self.store().triage_model_revision().await? else {
            return Ok(Arc::new(TeamClassifier::default()));
        };
        if let Some(cached) = self.cached_model(revision) {
            return Ok(cached);
        }
        let Some(stored) = self.store().find_triage_model().await? else {
            return Ok(Arc::new(TeamClassifier::default()));
        };
        let model = parse_model(&stored.model)?;
        if model.needs_retraining() {
            tracing::warn!("the stored team model was made by other feature rules: run `tidings triage train`");
            return Ok(Arc::new(TeamClassifier::default()));
        }
        Ok(self.cache_model(stored.revision, model))
    }

    fn cached_model(&self, revision: i64) -> Option<Arc<TeamClassifier>> {
        let cache = self.inner.triage_model.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        cache.as_ref().filter(|cached| cached.revision == revision).map(|cached| cached.model.clone())
    }

    pub(super) fn cache_model(&self, revision: i64, model: TeamClassifier) -> Arc<TeamClassifier> {
        let model = Arc::new(model);
        let mut cache = self.inner.triage_model.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *cache = Some(CachedModel { revision, model: model.clone() });
        model
    }
}

fn parse_model(json: &str) -> Result<TeamClassifier, ServiceError> {
    serde_json::from_str(json).map_err(|err| ServiceError::Internal(format!("stored team model: {err}")))
}

/// The `triaged` timeline entry: everything triage found, for the timeline sentence and for audits.
fn triaged_data(result: &TriageResult, team_known: bool) -> serde_json::Value {
    let team = result.team.as_ref().filter(|_| team_known);
    json!({
        "language": result.language.map(|guess| guess.locale.as_str()),
        "language_confidence": result.language.map(|guess| guess.confidence),
        "sentiment": result.sentiment.label.as_str(),
        "sentiment_score": result.sentiment.score,
        "team": team.map(|team| team.label.as_str()),
        "team_confidence": team.map(|team| team.confidence),
        "urgency": result.urgency.as_ref().map(|hit| hit.keyword.as_str()),
        "reasons": result.reasons,
    })
}
