//! Training the team classifier from the tickets the teams resolved: text = subject + opening message, label = the
//! ticket's team. Every fifth ticket is held out of a first model to measure how often it picks the right team; the
//! model that is stored then learns every ticket (the measurement is an estimate for it).

use std::time::Instant;

use super::{now, Actor, ServiceError, Services};
use crate::domain::triage::{ticket_text, TeamClassifier, TrainingReport};
use crate::domain::{authorize, Action};

/// The most tickets one training reads (the oldest first); naive Bayes trains on this many in well under a second.
const MAX_TRAINING_EXAMPLES: u32 = 100_000;
/// Every n-th example is held out of the measuring model.
const HOLD_OUT_EVERY: usize = 5;

impl Services {
    /// Trains the team model again from resolved and closed tickets (admins).
    pub async fn train_triage_model(&self, actor: &Actor) -> Result<TrainingReport, ServiceError> {
        authorize(actor.user.role, Action::ManageTeams)?;
        self.train_triage_model_as_operator().await
    }

    /// [`Self::train_triage_model`] without an acting user, for `tidings triage train`.
    pub async fn train_triage_model_as_operator(&self) -> Result<TrainingReport, ServiceError> {
        let started = Instant::now();
        let examples: Vec<(String, String)> = self
            .store()
            .list_training_examples(MAX_TRAINING_EXAMPLES)
            .await?
            .into_iter()
            .map(|example| (ticket_text(&example.subject, &example.body), example.team_id))
            .collect();
        // Counting words is CPU work: keep it off the async workers.
        let (model, held_out, correct) = tokio::task::spawn_blocking(move || train_and_measure(&examples))
            .await
            .map_err(|err| ServiceError::Internal(format!("training stopped: {err}")))??;
        let json = serde_json::to_string(&model).map_err(|err| ServiceError::Internal(err.to_string()))?;
        let trained_at = now();
        let count = model.document_count();
        let teams = model.labels().count() as u32;
        let revision = self.store().replace_triage_model(&json, trained_at, count).await?;
        self.cache_model(revision, model);
        let report = TrainingReport {
            examples: count,
            held_out,
            accuracy: (held_out > 0).then(|| correct as f32 / held_out as f32),
            teams,
            duration_ms: started.elapsed().as_millis() as u64,
            trained_at,
        };
        tracing::info!(examples = report.examples, held_out, accuracy = ?report.accuracy, "team model trained");
        Ok(report)
    }
}

/// The model learned from every example, how many were held out of the measuring model, and how many of those it
/// put in the right team.
fn train_and_measure(examples: &[(String, String)]) -> Result<(TeamClassifier, u32, u32), ServiceError> {
    let invalid = |err: crate::domain::triage::ClassifierError| ServiceError::Internal(format!("training: {err}"));
    let held_out = |index: usize| index % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1;
    let training: Vec<&(String, String)> =
        examples.iter().enumerate().filter(|(index, _)| !held_out(*index)).map(|(_, example)| example).collect();
    let mut measuring = TeamClassifier::default();
    for (text, label) in &training {
        measuring.learn(text, label).map_err(invalid)?;
    }
    let mut tested = 0;
    let mut correct = 0;
    for (_, (text, label)) in examples.iter().enumerate().filter(|(index, _)| held_out(*index)) {
        tested += 1;
        if measuring.predict(text).is_some_and(|prediction| &prediction.label == label) {
            correct += 1;
        }
    }
    let model = TeamClassifier::train(examples).map_err(invalid)?;
    Ok((model, tested, correct))
}
