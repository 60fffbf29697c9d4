//! The SLA rules in force: every calendar and policy, parsed once per answer or watcher round, and the choices made
//! from them for one ticket: which policy (by channel and customer segment) and which calendar (the policy's own,
//! else the ticket's team's, else its brand's, else the default, else around the clock).

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

use super::{ServiceError, Services};
use crate::domain::sla::{
    choose_policy, headline_state, BusinessCalendar, SlaPolicy, SlaStatus, TicketSla, TicketSlaHistory,
};
use crate::domain::NamedRef;
use crate::store::{SlaCalendarRecord, SlaPolicyRecord, TicketRecord, TicketSlaRecord};

/// Calendars and policies as stored, each with its parsed form. Definitions that no longer parse are left out (and
/// logged): they were checked when written, so this only guards against a future format change.
pub(super) struct SlaRules {
    calendars: Vec<(SlaCalendarRecord, BusinessCalendar)>,
    /// In list order, inactive ones included (a ticket keeps showing the policy it was computed under).
    policies: Vec<(SlaPolicyRecord, SlaPolicy)>,
}

/// A ticket's SLA computed at one instant: the columns to store and the clocks they came from.
pub(super) struct ComputedSla {
    pub(super) record: TicketSlaRecord,
    pub(super) policy: Option<NamedRef>,
    pub(super) status: SlaStatus,
}

impl SlaRules {
    pub(super) async fn load(services: &Services) -> Result<SlaRules, ServiceError> {
        let store = services.store();
        let calendars = store
            .list_sla_calendars()
            .await?
            .into_iter()
            .filter_map(|record| match serde_json::from_str::<BusinessCalendar>(&record.definition) {
                Ok(calendar) => Some((record, calendar)),
                Err(err) => {
                    tracing::warn!(calendar = %record.id, error = %err, "stored SLA calendar no longer parses");
                    None
                }
            })
            .collect();
        let policies = store
            .list_sla_policies()
            .await?
            .into_iter()
            .filter_map(|record| match serde_json::from_str::<SlaPolicy>(&record.definition) {
                Ok(policy) => Some((record, policy)),
                Err(err) => {
                    tracing::warn!(policy = %record.id, error = %err, "stored SLA policy no longer parses");
                    None
                }
            })
            .collect();
        Ok(SlaRules { calendars, policies })
    }

    /// Whether a brand's calendar could apply, so the brand is looked up only then.
    pub(super) fn has_brand_calendars(&self) -> bool {
        self.calendars.iter().any(|(record, _)| record.brand.is_some())
    }

    /// The business hours a ticket's team works (else the default calendar, else around the clock): what the
    /// rules' `within_business_hours` condition reads.
    pub(super) fn business_hours_for(&self, ticket: &TicketRecord) -> BusinessCalendar {
        let by_team = || {
            let team = ticket.team_id.as_deref()?;
            self.calendars.iter().find(|(record, _)| record.team_id.as_deref() == Some(team))
        };
        let default = || self.calendars.iter().find(|(record, _)| record.is_default);
        by_team().or_else(default).map_or_else(BusinessCalendar::always_open, |(_, calendar)| calendar.clone())
    }

    /// The active policy for a ticket from `channel` whose customer is in `segment`, if any.
    fn choose(&self, ticket: &TicketRecord, segment: Option<&str>) -> Option<&(SlaPolicyRecord, SlaPolicy)> {
        let active: Vec<&(SlaPolicyRecord, SlaPolicy)> =
            self.policies.iter().filter(|(record, _)| record.active).collect();
        let candidates: Vec<SlaPolicy> = active.iter().map(|(_, policy)| policy.clone()).collect();
        let chosen = choose_policy(&candidates, ticket.channel, segment)?;
        let index = candidates.iter().position(|policy| std::ptr::eq(policy, chosen))?;
        active.get(index).copied()
    }

    /// The calendar the clocks of `ticket` count in under `policy`: `(id, calendar)`, id `None` for around the clock.
    fn calendar_for(
        &self,
        policy: &SlaPolicyRecord,
        ticket: &TicketRecord,
        brand: Option<&str>,
    ) -> (Option<&str>, BusinessCalendar) {
        let by_id = |id: &str| self.calendars.iter().find(|(record, _)| record.id == id);
        let by_team = || {
            let team = ticket.team_id.as_deref()?;
            self.calendars.iter().find(|(record, _)| record.team_id.as_deref() == Some(team))
        };
        let by_brand = || self.calendars.iter().find(|(record, _)| brand.is_some() && record.brand.as_deref() == brand);
        let default = || self.calendars.iter().find(|(record, _)| record.is_default);
        let found = policy.calendar_id.as_deref().and_then(by_id).or_else(by_team).or_else(by_brand).or_else(default);
        match found {
            Some((record, calendar)) => (Some(record.id.as_str()), calendar.clone()),
            None => (None, BusinessCalendar::always_open()),
        }
    }

    /// Chooses the policy and calendar afresh and computes the clocks at `now`. The customer segment is not known
    /// yet (customers carry no tags), so only policies without a segment condition can match.
    pub(super) fn compute(
        &self,
        ticket: &TicketRecord,
        brand: Option<&str>,
        history: &TicketSlaHistory,
        now: DateTime<Utc>,
    ) -> ComputedSla {
        let segment: Option<&str> = None;
        let Some((policy_record, policy)) = self.choose(ticket, segment) else {
            return ComputedSla { record: TicketSlaRecord::default(), policy: None, status: SlaStatus::default() };
        };
        let (calendar_id, calendar) = self.calendar_for(policy_record, ticket, brand);
        let status = policy.status_for(ticket.priority, &calendar, history, now);
        if status.clocks().next().is_none() {
            // The policy promises nothing at this priority: no SLA.
            return ComputedSla { record: TicketSlaRecord::default(), policy: None, status };
        }
        let micros = |at: DateTime<Utc>| at.duration_trunc(TimeDelta::microseconds(1)).unwrap_or(at);
        let record = TicketSlaRecord {
            policy_id: Some(policy_record.id.clone()),
            calendar_id: calendar_id.map(str::to_string),
            first_response_due_at: status.first_response.map(|clock| micros(clock.due_at)),
            resolution_due_at: status.resolution.map(|clock| micros(clock.due_at)),
            next_due_at: status.next_due_at().map(micros),
            next_change_at: status.next_change_at().map(micros),
            state: headline_state(&status),
        };
        let policy = NamedRef { id: policy_record.id.clone(), name: policy.name().to_string() };
        ComputedSla { record, policy: Some(policy), status }
    }

    /// The ticket's SLA at `now` under the policy and calendar it was last computed with (so a list shows what the
    /// watcher acts on); `None` without a policy.
    pub(super) fn view(
        &self,
        ticket: &TicketRecord,
        history: &TicketSlaHistory,
        now: DateTime<Utc>,
    ) -> Option<TicketSla> {
        let policy_id = ticket.sla.policy_id.as_deref()?;
        let (record, policy) = self.policies.iter().find(|(record, _)| record.id == policy_id)?;
        let calendar = ticket
            .sla
            .calendar_id
            .as_deref()
            .and_then(|id| self.calendars.iter().find(|(record, _)| record.id == id))
            .map_or_else(BusinessCalendar::always_open, |(_, calendar)| calendar.clone());
        let status = policy.status_for(ticket.priority, &calendar, history, now);
        // No clock at this priority: no SLA.
        status.clocks().next()?;
        Some(TicketSla::new(NamedRef { id: record.id.clone(), name: policy.name().to_string() }, &status))
    }
}
