//! What follows every stored change to a ticket that reports count (created, status, assignee or team changed, a
//! public reply, a merge or split, a rule's change, a CSAT answer): the one survey a resolved ticket earns, then its
//! rollup rows computed again from its history, and the announcement to the dashboards watching (topic `analytics`).
//! All are idempotent, so a change followed twice costs a little time and nothing else.

use super::Services;

impl Services {
    /// Follows a change the caller already stored. A failure is logged, not returned: the change stands, a later
    /// change follows the ticket again, and `tidings analytics rebuild` recomputes every rollup.
    pub(super) async fn follow_ticket_change(&self, ticket_id: &str) {
        if let Err(err) = self.offer_csat_survey(ticket_id).await {
            tracing::warn!(ticket = %ticket_id, error = %err, "sending the CSAT survey failed");
        }
        match self.refresh_ticket_analytics(ticket_id).await {
            Ok(()) => self.announce_analytics_changed(),
            Err(err) => tracing::warn!(ticket = %ticket_id, error = %err, "refreshing the analytics rollup failed"),
        }
    }
}
