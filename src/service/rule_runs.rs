//! Running automation rules: on a new ticket, an update, a customer's message, an SLA warning or breach, and when
//! a time rule's job is due. The pure engine (`domain::rules::evaluate`) decides; this module builds what it looks
//! at, carries out what it returns, and feeds rule-caused changes back in as follow-up events until the chain ends
//! (the engine stops loops and says so). Every automatic action is recorded on the timeline with the rule that
//! did it (`rule_applied`), and so is every loop stopped (`rule_loop_stopped`) and action skipped
//! (`rule_action_skipped`). Rules never stop the change that triggered them: failures are logged.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde_json::json;

use super::rule_actions::OutsideAction;
use super::secrets::new_id;
use super::sla_rules::SlaRules;
use super::ticket_changes::event;
use super::{now, ServiceError, Services};
use crate::domain::routing::VIP_SEGMENT;
use crate::domain::rules::{
    evaluate, fire_once_key, time_rule_due_at, Action, AutomationMemory, Changes, Evaluation, EventActor, EventKind,
    FireOnceKey, RequesterFacts, RuleEvent, RuleSubject, TicketClock, TicketFacts, ValidRule,
};
use crate::domain::{CategoryPath, Stamps, Tag, TicketContext, TicketStatus};
use crate::store::{EventRecord, RuleJobRecord, TicketChanges, TicketFilter, TicketRecord, TicketSort};

/// How many unfinished tickets a preview or a new time rule looks at.
pub(super) const UNFINISHED_LIMIT: u32 = 1000;

impl Services {
    /// Runs the rules for an event on a ticket and schedules its time rules. Never fails the caller: the event
    /// stands whatever the rules do, and a failure is logged.
    pub(super) async fn run_rules(
        &self,
        ticket_id: &str,
        kind: EventKind,
        actor: EventActor,
        message_text: Option<&str>,
        changes: Changes,
    ) {
        if let Err(err) = self.try_run_rules(ticket_id, kind, actor, message_text, changes).await {
            tracing::warn!(ticket = %ticket_id, error = %err, "running automation rules failed");
        }
    }

    async fn try_run_rules(
        &self,
        ticket_id: &str,
        kind: EventKind,
        actor: EventActor,
        message_text: Option<&str>,
        changes: Changes,
    ) -> Result<(), ServiceError> {
        let rules = self.runnable_rules().await?;
        if rules.is_empty() {
            return Ok(());
        }
        let event = RuleEvent::originating(kind, actor, new_id(), now()).with_changes(changes);
        let sla = SlaRules::load(self).await?;
        let ticket = self.store().find_ticket(ticket_id).await?.ok_or(ServiceError::NotFound("ticket"))?;
        let subject = self.rule_subject_with(&sla, &ticket, message_text, event.occurred_at).await?;
        let evaluation = evaluate(&rules, &event, &subject);
        self.carry_out_chain(&rules, &sla, evaluation, &event).await?;
        self.schedule_time_rules(&rules, &sla, ticket_id).await
    }

    /// Carries out an evaluation, then evaluates and carries out its follow-up events (rule-caused updates) until
    /// none is left. The engine ends every chain: a rule fires at most once per originating event and chains are
    /// at most `MAX_CHAIN_DEPTH` deep.
    pub(super) async fn carry_out_chain(
        &self,
        rules: &[ValidRule],
        sla: &SlaRules,
        first: Evaluation,
        first_event: &RuleEvent,
    ) -> Result<(), ServiceError> {
        let ticket_id = first.subject.ticket_id.clone();
        let mut evaluation = first;
        let mut event = first_event.clone();
        loop {
            self.carry_out(rules, &evaluation, &event).await?;
            let Some(next) = evaluation.follow_up.take() else { return Ok(()) };
            let ticket = self.store().find_ticket(&ticket_id).await?.ok_or(ServiceError::NotFound("ticket"))?;
            let subject = self.rule_subject_with(sla, &ticket, None, next.occurred_at).await?;
            evaluation = evaluate(rules, &next, &subject);
            event = next;
        }
    }

    /// One evaluation's firings, in order: field changes with their timeline entries in one transaction per rule,
    /// then the outside actions; then the loops stopped and actions skipped, each on the timeline.
    async fn carry_out(
        &self,
        rules: &[ValidRule],
        evaluation: &Evaluation,
        event: &RuleEvent,
    ) -> Result<(), ServiceError> {
        let ticket_id = &evaluation.subject.ticket_id;
        let name_of = |rule_id: &str| {
            rules.iter().find(|rule| rule.id() == rule_id).map(|rule| rule.rule().name.clone()).unwrap_or_default()
        };
        let mut fired = Vec::new();
        for firing in &evaluation.firings {
            let mut ticket = self.store().find_ticket(ticket_id).await?.ok_or(ServiceError::NotFound("ticket"))?;
            let at = now();
            let rule_name = name_of(&firing.rule_id);
            let (changes, mut events) = field_changes(&ticket, &firing.actions, at);
            events.push(event_by_rules(
                ticket_id,
                "rule_applied",
                json!({
                    "rule": { "id": firing.rule_id, "name": rule_name },
                    "actions": firing.actions,
                    "event": event.kind,
                    "origin_event_id": event.run.origin_event_id,
                    "depth": event.run.depth,
                }),
                at,
            ));
            ticket = self.store().update_ticket(ticket_id, &changes, &events, at).await?.unwrap_or(ticket);
            if changes.status.is_some() || changes.priority.is_some() || changes.team_id.is_some() {
                self.refresh_ticket_sla(ticket_id).await;
            }
            let counted = changes.status.is_some() || changes.assignee_id.is_some() || changes.team_id.is_some();
            if counted || changes.priority.is_some() || changes.category.is_some() {
                self.follow_ticket_change(ticket_id).await;
            }
            for action in &firing.actions {
                if let Some(outside) = OutsideAction::of(action) {
                    let context = super::rule_actions::FiringContext {
                        rule_id: &firing.rule_id,
                        rule_name: &rule_name,
                        event_kind: event.kind,
                    };
                    if let Err(err) = self.carry_out_outside(&ticket, &context, outside).await {
                        tracing::warn!(ticket = %ticket_id, rule = %firing.rule_id, error = %err, "rule action failed");
                    }
                }
            }
            fired.push(firing.rule_id.clone());
        }
        self.store().record_rule_firings(ticket_id, &fired, event.occurred_at).await?;
        let mut notes = Vec::new();
        let at = now();
        for stopped in &evaluation.loop_stopped {
            let data = json!({
                "rule": { "id": stopped.rule_id, "name": name_of(&stopped.rule_id) },
                "reason": stopped.reason,
                "origin_event_id": event.run.origin_event_id,
                "depth": event.run.depth,
            });
            tracing::info!(ticket = %ticket_id, rule = %stopped.rule_id, "automation loop stopped");
            notes.push(event_by_rules(ticket_id, "rule_loop_stopped", data, at));
        }
        for skipped in &evaluation.skipped_actions {
            let data = json!({
                "rule": { "id": skipped.rule_id, "name": name_of(&skipped.rule_id) },
                "action_index": skipped.action_index,
                "reason": skipped.reason,
            });
            notes.push(event_by_rules(ticket_id, "rule_action_skipped", data, at));
        }
        if !notes.is_empty() {
            self.store().update_ticket(ticket_id, &TicketChanges::default(), &notes, at).await?;
        }
        Ok(())
    }

    /// Stores a job for each enabled time rule of the ticket at its current anchor (a new anchor, e.g. the ticket
    /// went pending again, is a new job). Closed tickets get none.
    pub(super) async fn schedule_time_rules(
        &self,
        rules: &[ValidRule],
        sla: &SlaRules,
        ticket_id: &str,
    ) -> Result<(), ServiceError> {
        if !rules.iter().any(|rule| rule.rule().trigger.is_time_based()) {
            return Ok(());
        }
        let Some(ticket) = self.store().find_ticket(ticket_id).await? else { return Ok(()) };
        if ticket.status == TicketStatus::Closed {
            return Ok(());
        }
        let subject = self.rule_subject_with(sla, &ticket, None, now()).await?;
        let jobs: Vec<RuleJobRecord> = rules
            .iter()
            .filter(|rule| rule.rule().enabled)
            .filter_map(|rule| {
                let due_at = time_rule_due_at(rule.rule(), &subject)?;
                let key = fire_once_key(rule.rule(), &subject)?;
                Some(job_record(&key, due_at))
            })
            .collect();
        self.store().schedule_rule_jobs(&jobs, now()).await?;
        Ok(())
    }

    /// Schedules a new or changed time rule on every unfinished ticket, so it fires without waiting for an event.
    pub(super) async fn schedule_time_rule_everywhere(&self, rule: &ValidRule) -> Result<(), ServiceError> {
        if !rule.rule().enabled || !rule.rule().trigger.is_time_based() {
            return Ok(());
        }
        let sla = SlaRules::load(self).await?;
        for ticket in self.unfinished_ticket_records().await? {
            self.schedule_time_rules(std::slice::from_ref(rule), &sla, &ticket.id).await?;
        }
        Ok(())
    }

    /// The unfinished tickets (new, open, pending), most recently updated first, at most [`UNFINISHED_LIMIT`].
    pub(super) async fn unfinished_ticket_records(&self) -> Result<Vec<TicketRecord>, ServiceError> {
        let filter = TicketFilter {
            statuses: vec![TicketStatus::New, TicketStatus::Open, TicketStatus::Pending],
            ..TicketFilter::default()
        };
        let (tickets, _) = self.store().list_tickets(&filter, TicketSort::UpdatedDesc, UNFINISHED_LIMIT, 0).await?;
        Ok(tickets)
    }

    /// What rules see of a ticket at `at`, for a caller that checks one ticket.
    pub(super) async fn rule_subject(
        &self,
        ticket: &TicketRecord,
        message_text: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<RuleSubject, ServiceError> {
        let sla = SlaRules::load(self).await?;
        self.rule_subject_with(&sla, ticket, message_text, at).await
    }

    /// What rules see of a ticket at `at`: its fields, requester, clock, automation memory, and whether `at` lies
    /// within the business hours of its team's (else the default) calendar.
    pub(super) async fn rule_subject_with(
        &self,
        sla: &SlaRules,
        ticket: &TicketRecord,
        message_text: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<RuleSubject, ServiceError> {
        let requester = self.store().find_user(&ticket.requester_id).await?;
        let clock = self.store().ticket_rule_clock(&ticket.id).await?.ok_or(ServiceError::NotFound("ticket"))?;
        let memory = self.store().ticket_rule_memory(&ticket.id).await?;
        let brand = ticket
            .context
            .as_deref()
            .and_then(|json| serde_json::from_str::<TicketContext>(json).ok())
            .and_then(|context| context.brand);
        Ok(RuleSubject {
            ticket_id: ticket.id.clone(),
            ticket: TicketFacts { brand, ..ticket_facts(ticket) },
            requester: RequesterFacts {
                email_domain: requester.as_ref().and_then(|user| RequesterFacts::domain_of(&user.email)),
                is_vip: requester.as_ref().is_some_and(|user| user.segment.as_deref() == Some(VIP_SEGMENT)),
                segment: requester.as_ref().and_then(|user| user.segment.clone()),
                language: ticket
                    .language
                    .clone()
                    .or_else(|| requester.as_ref().map(|user| user.locale.as_str().to_string())),
            },
            message_text: message_text.map(str::to_string),
            within_business_hours: sla.business_hours_for(ticket).is_open_at(at),
            clock: TicketClock {
                created_at: ticket.created_at,
                updated_at: ticket.updated_at,
                status_changed_at: clock.status_changed_at,
                last_customer_message_at: clock.last_customer_message_at,
                last_agent_reply_at: clock.last_agent_reply_at,
            },
            automation: AutomationMemory {
                last_fired_at: memory.last_fired.into_iter().collect::<BTreeMap<_, _>>(),
                fired_once: memory.fired_jobs.iter().filter_map(fire_once_key_of).collect::<BTreeSet<_>>(),
            },
        })
    }
}

/// The fields of a ticket rules read and change (the brand, read from the ticket's context, left out).
pub(super) fn ticket_facts(ticket: &TicketRecord) -> TicketFacts {
    TicketFacts {
        status: ticket.status,
        priority: ticket.priority,
        team_id: ticket.team_id.clone(),
        assignee_id: ticket.assignee_id.clone(),
        tags: ticket.tags.iter().filter_map(|tag| Tag::parse(tag).ok()).collect(),
        channel: ticket.channel,
        subject: ticket.subject.clone(),
        category: ticket.category.as_deref().and_then(|path| CategoryPath::parse(path).ok()),
        ticket_type: ticket.ticket_type.clone(),
        brand: None,
    }
}

/// The stored form of a time rule's job.
pub(super) fn job_record(key: &FireOnceKey, due_at: DateTime<Utc>) -> RuleJobRecord {
    RuleJobRecord {
        fire_key: key.to_string(),
        rule_id: key.rule_id.clone(),
        ticket_id: key.ticket_id.clone(),
        anchor: key.anchor.as_str().to_string(),
        anchor_at: key.anchor_at,
        due_at,
    }
}

fn fire_once_key_of(job: &RuleJobRecord) -> Option<FireOnceKey> {
    Some(FireOnceKey {
        rule_id: job.rule_id.clone(),
        ticket_id: job.ticket_id.clone(),
        anchor: serde_json::from_value(json!(job.anchor)).ok()?,
        anchor_at: job.anchor_at,
    })
}

/// A timeline entry written by rules (no person acting).
pub(super) fn event_by_rules(ticket_id: &str, kind: &str, data: serde_json::Value, at: DateTime<Utc>) -> EventRecord {
    EventRecord { created_at: at, ..event(ticket_id, None, kind, data) }
}

/// The field actions of one firing as ticket changes, with the usual timeline entries (`status_changed`, …) so the
/// SLA and the activity read them like any other change.
fn field_changes(ticket: &TicketRecord, actions: &[Action], at: DateTime<Utc>) -> (TicketChanges, Vec<EventRecord>) {
    let mut changes = TicketChanges::default();
    let mut events = Vec::new();
    let mut tags = ticket.tags.clone();
    for action in actions {
        match action {
            Action::SetStatus { status } if *status != ticket.status => {
                let stamps = Stamps { first_response_at: ticket.first_response_at, resolved_at: ticket.resolved_at }
                    .after(ticket.status, *status, false, at);
                changes.status = Some(*status);
                changes.resolved_at = Some(stamps.resolved_at).filter(|stamp| *stamp != ticket.resolved_at);
                let data = json!({ "from": ticket.status.as_str(), "to": status.as_str() });
                events.push(event_by_rules(&ticket.id, "status_changed", data, at));
            }
            Action::SetPriority { priority } if *priority != ticket.priority => {
                changes.priority = Some(*priority);
                let data = json!({ "from": ticket.priority.as_str(), "to": priority.as_str() });
                events.push(event_by_rules(&ticket.id, "priority_changed", data, at));
            }
            Action::AssignAgent { agent_id } if ticket.assignee_id.as_deref() != Some(agent_id) => {
                changes.assignee_id = Some(Some(agent_id.clone()));
                let data = json!({ "from": ticket.assignee_id, "to": agent_id });
                events.push(event_by_rules(&ticket.id, "assigned", data, at));
            }
            Action::AssignTeam { team_id } if ticket.team_id.as_deref() != Some(team_id) => {
                changes.team_id = Some(Some(team_id.clone()));
                let data = json!({ "from": ticket.team_id, "to": team_id });
                events.push(event_by_rules(&ticket.id, "team_changed", data, at));
            }
            Action::AddTag { tag } if !tags.iter().any(|present| present == tag.as_str()) => {
                tags.push(tag.as_str().to_string());
            }
            Action::RemoveTag { tag } => tags.retain(|present| present != tag.as_str()),
            _ => {}
        }
    }
    if tags != ticket.tags {
        events.push(event_by_rules(&ticket.id, "tags_changed", json!({ "from": ticket.tags, "to": tags }), at));
        changes.tags = Some(tags);
    }
    (changes, events)
}
