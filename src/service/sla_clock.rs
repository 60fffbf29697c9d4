//! Keeping a ticket's stored SLA current: computed after every change that can move a clock (created, status,
//! priority or team changed, a public staff reply or a customer message) and by the watcher when a clock is due to
//! turn warning or breached. Each warning and breach is announced once per clock and due time: as a timeline entry
//! (`sla_warning` / `sla_breached`, sent live like every timeline change) and as an [`SlaTransition`] for whoever
//! subscribed with [`Services::subscribe_sla_transitions`] (the rules engine's escalations).

use serde_json::json;
use tokio::sync::broadcast;

use super::sla_rules::{ComputedSla, SlaRules};
use super::ticket_changes::event;
use super::{now, ServiceError, Services};
use crate::domain::sla::{SlaAlertKind, SlaClockKind, SlaTransition};
use crate::store::{SlaAlertRecord, TicketRecord};

/// How often a computation is retried when the ticket changed while it ran; after that the change's own
/// computation (or the watcher) has the newer answer anyway.
const ATTEMPTS: usize = 3;

impl Services {
    /// Computes the ticket's SLA now and stores it, announcing any warning or breach not announced before. Returns
    /// the announcements made (also sent to [`Services::subscribe_sla_transitions`]). A system action: no actor.
    pub async fn recompute_ticket_sla(&self, ticket_id: &str) -> Result<Vec<SlaTransition>, ServiceError> {
        let rules = SlaRules::load(self).await?;
        self.recompute_sla_with(&rules, ticket_id).await
    }

    /// The SLA transitions announced by this instance from now on: each warning or breach exactly once across all
    /// instances (the instance that stored the announcement sends it). Escalations subscribe here; a receiver that
    /// falls more than 1024 behind loses the oldest (the timeline keeps them all).
    pub fn subscribe_sla_transitions(&self) -> broadcast::Receiver<SlaTransition> {
        self.inner.sla_transitions.subscribe()
    }

    /// [`Self::recompute_ticket_sla`] after a change the caller already stored: a failure is logged, not returned,
    /// because the change stands and the watcher computes the ticket again on its next round (the change asked it
    /// to, in its own transaction).
    pub(super) async fn refresh_ticket_sla(&self, ticket_id: &str) {
        if let Err(err) = self.recompute_ticket_sla(ticket_id).await {
            tracing::warn!(ticket = %ticket_id, error = %err, "computing the SLA failed; the watcher retries");
        }
    }

    pub(super) async fn recompute_sla_with(
        &self,
        rules: &SlaRules,
        ticket_id: &str,
    ) -> Result<Vec<SlaTransition>, ServiceError> {
        for _ in 0..ATTEMPTS {
            let ticket = self.store().find_ticket(ticket_id).await?.ok_or(ServiceError::NotFound("ticket"))?;
            let (_, history) = self
                .store()
                .ticket_sla_histories(std::slice::from_ref(&ticket.id))
                .await?
                .pop()
                .ok_or(ServiceError::NotFound("ticket"))?;
            let brand = match rules.has_brand_calendars() {
                true => self.store().find_requester_brand(&ticket.requester_id).await?,
                false => None,
            };
            let at = now();
            let computed = rules.compute(&ticket, brand.as_deref(), &history, at);
            let alerts = alerts(&ticket, &computed);
            let Some(recorded) =
                self.store().save_ticket_sla(&ticket.id, ticket.updated_at, &computed.record, &alerts, at).await?
            else {
                continue;
            };
            let transitions: Vec<SlaTransition> = recorded
                .into_iter()
                .map(|alert| SlaTransition {
                    ticket_id: alert.ticket_id,
                    clock: alert.clock,
                    kind: alert.kind,
                    due_at: alert.due_at,
                })
                .collect();
            for transition in &transitions {
                // Nobody subscribed is fine: the timeline has the record.
                let _ = self.inner.sla_transitions.send(transition.clone());
            }
            return Ok(transitions);
        }
        Ok(Vec::new())
    }
}

/// The announcements a ticket's clocks call for now: a warning for a clock in warning, a breach for a breached one.
/// The store keeps only those not made before for the same due time.
fn alerts(ticket: &TicketRecord, computed: &ComputedSla) -> Vec<SlaAlertRecord> {
    let Some(policy) = &computed.policy else { return Vec::new() };
    SlaClockKind::ALL
        .into_iter()
        .filter_map(|clock| {
            let state = clock.of(&computed.status)?;
            let kind = SlaAlertKind::for_state(state.state)?;
            let due_at = match clock {
                SlaClockKind::FirstResponse => computed.record.first_response_due_at,
                SlaClockKind::Resolution => computed.record.resolution_due_at,
            }?;
            let data = json!({
                "clock": clock.as_str(),
                "due_at": due_at,
                "policy": { "id": policy.id, "name": policy.name },
            });
            Some(SlaAlertRecord {
                ticket_id: ticket.id.clone(),
                clock,
                kind,
                due_at,
                event: event(&ticket.id, None, kind.event_kind(), data),
            })
        })
        .collect()
}
