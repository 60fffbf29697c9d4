//! Rules that run without a request: time rules, whose durable jobs (`rule_jobs`) a ticker fires when due, so they
//! fire on schedule after a restart and once however many instances tick; and escalations, rules on SLA warnings
//! and breaches, fed by [`Services::subscribe_sla_transitions`].

use std::time::Duration;

use tokio::sync::broadcast::error::RecvError;

use super::sla_rules::SlaRules;
use super::{now, ServiceError, Services};
use crate::domain::rules::{evaluate, Changes, EventActor, EventKind, RuleEvent, ValidRule};
use crate::domain::sla::SlaAlertKind;
use crate::store::RuleJobRecord;

/// Jobs fired per round at most; the next round takes the rest.
const JOBS_PER_ROUND: u32 = 200;

impl Services {
    /// Fires due time-rule jobs every `every` (at least a second) for the life of the process, like the SLA
    /// watcher. A failed round is logged and the next one tries again.
    pub async fn run_rule_scheduler(self, every: Duration) {
        let mut ticker = tokio::time::interval(every.max(Duration::from_secs(1)));
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            match self.fire_due_rule_jobs().await {
                Ok(0) => {}
                Ok(fired) => tracing::info!(fired, "time rules fired"),
                Err(err) => tracing::warn!(error = %err, "rule scheduler round failed"),
            }
        }
    }

    /// One round: every job due now is fired if its rule still applies (claimed first, so exactly one instance
    /// fires it) or marked skipped if not. Returns how many fired.
    pub async fn fire_due_rule_jobs(&self) -> Result<usize, ServiceError> {
        let jobs = self.store().list_due_rule_jobs(now(), JOBS_PER_ROUND).await?;
        if jobs.is_empty() {
            return Ok(0);
        }
        let rules = self.runnable_rules().await?;
        let sla = SlaRules::load(self).await?;
        let mut fired = 0;
        for job in &jobs {
            match self.fire_rule_job(&rules, &sla, job).await {
                Ok(true) => fired += 1,
                Ok(false) => {}
                Err(err) => tracing::warn!(job = %job.fire_key, error = %err, "firing a time rule failed"),
            }
        }
        Ok(fired)
    }

    async fn fire_rule_job(
        &self,
        rules: &[ValidRule],
        sla: &SlaRules,
        job: &RuleJobRecord,
    ) -> Result<bool, ServiceError> {
        let skip = || async { self.store().skip_rule_jobs(std::slice::from_ref(&job.fire_key), now()).await };
        let Some(rule) = rules.iter().find(|rule| rule.id() == job.rule_id) else {
            // Disabled or deleted since it was scheduled.
            skip().await?;
            return Ok(false);
        };
        let Some(ticket) = self.store().find_ticket(&job.ticket_id).await? else {
            skip().await?;
            return Ok(false);
        };
        let at = now();
        let subject = self.rule_subject_with(sla, &ticket, None, at).await?;
        let event = RuleEvent::originating(EventKind::TimeReached, EventActor::System, job.fire_key.clone(), at);
        let evaluation = evaluate(std::slice::from_ref(rule), &event, &subject);
        let fires_this_job = evaluation
            .firings
            .iter()
            .any(|firing| firing.fire_once_key.as_ref().is_some_and(|key| key.to_string() == job.fire_key));
        if !fires_this_job {
            // Its conditions do not hold (or the anchor moved on: that anchor has a job of its own).
            skip().await?;
            return Ok(false);
        }
        if !self.store().claim_rule_job(job, at).await? {
            return Ok(false);
        }
        self.carry_out_chain(rules, sla, evaluation, &event).await?;
        self.schedule_time_rules(rules, sla, &job.ticket_id).await?;
        Ok(true)
    }

    /// Runs the rules on every SLA warning and breach this instance announces (each is announced by exactly one
    /// instance), for the life of the process: escalations such as "notify the supervisors, raise the priority".
    pub async fn run_rule_escalations(self) {
        let mut transitions = self.subscribe_sla_transitions();
        loop {
            match transitions.recv().await {
                Ok(transition) => {
                    let kind = match transition.kind {
                        SlaAlertKind::Warning => EventKind::SlaWarning,
                        SlaAlertKind::Breached => EventKind::SlaBreach,
                    };
                    self.run_rules(&transition.ticket_id, kind, EventActor::System, None, Changes::default()).await;
                }
                Err(RecvError::Lagged(missed)) => {
                    tracing::warn!(missed, "rule escalations fell behind; the timeline still has every SLA alert");
                }
                Err(RecvError::Closed) => return,
            }
        }
    }
}
