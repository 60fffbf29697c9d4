//! The SLA watcher: every few seconds it computes again the tickets whose clocks are due to turn warning or breached
//! (or that a change or a new policy asked it to look at), in pages, so warnings and breaches are announced even
//! when nobody touches the ticket. Several instances may run it at once: announcements are stored once per clock
//! and due time, and a computation only lands on the ticket version it read.

use std::time::Duration;

use super::sla_rules::SlaRules;
use super::{now, ServiceError, Services};
use crate::domain::sla::SlaTransition;
use crate::store::SlaDueTicket;

/// Tickets read per page of a round.
const PAGE: u32 = 100;

impl Services {
    /// Runs a round every `every` (at least a second) for the life of the process, like the outbox and the mail
    /// pollers. A failed round is logged and the next one tries again.
    pub async fn run_sla_watcher(self, every: Duration) {
        let mut ticker = tokio::time::interval(every.max(Duration::from_secs(1)));
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            match self.check_sla_due().await {
                Ok(transitions) if !transitions.is_empty() => {
                    tracing::info!(count = transitions.len(), "SLA warnings and breaches announced");
                }
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "SLA watcher round failed"),
            }
        }
    }

    /// One round: computes every ticket whose SLA changes at or before now, page by page, and returns the warnings
    /// and breaches it announced (the hook for escalations, besides [`Services::subscribe_sla_transitions`]). A
    /// ticket that cannot be computed is logged and skipped; it stays due, so the next round tries it again.
    pub async fn check_sla_due(&self) -> Result<Vec<SlaTransition>, ServiceError> {
        let round_at = now();
        let mut rules: Option<SlaRules> = None;
        let mut after: Option<SlaDueTicket> = None;
        let mut transitions = Vec::new();
        loop {
            let due = self.store().list_tickets_due_for_sla(round_at, after.as_ref(), PAGE).await?;
            if due.is_empty() {
                break;
            }
            let rules = match &mut rules {
                Some(rules) => rules,
                None => rules.insert(SlaRules::load(self).await?),
            };
            for ticket in &due {
                match self.recompute_sla_with(rules, &ticket.id).await {
                    Ok(announced) => transitions.extend(announced),
                    Err(err) => tracing::warn!(ticket = %ticket.id, error = %err, "computing the SLA failed"),
                }
            }
            if due.len() < PAGE as usize {
                break;
            }
            after = due.into_iter().last();
        }
        Ok(transitions)
    }
}
