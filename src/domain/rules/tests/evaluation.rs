use serde_json::json;

use super::*;

fn updated() -> RuleEvent {
    event(EventKind::TicketUpdated, EventActor::Agent)
}

#[test]
fn rules_run_in_position_order_and_see_earlier_changes() {
    // Listed out of order on purpose: positions decide, ties by id.
    let rules = vec![
        valid(json!({"id": "c-escalate", "position": 20, "trigger": {"type": "ticket_updated"},
            "conditions": {"all": [{"field": "priority", "op": "is", "value": "urgent"}]},
            "actions": [{"type": "assign_team", "team_id": "billing"}]})),
        valid(json!({"id": "a-vip", "position": 10, "trigger": {"type": "ticket_updated"},
            "conditions": {"all": [{"field": "subject", "op": "contains", "value": "invoice"}]},
            "actions": [{"type": "set_priority", "priority": "urgent"}]})),
        valid(json!({"id": "b-tag", "position": 20, "trigger": {"type": "ticket_updated"},
            "conditions": {"all": [{"field": "priority", "op": "gt", "value": "high"}]},
            "actions": [{"type": "add_tag", "tag": "escalated"}]})),
    ];
    let outcome = evaluate(&rules, &updated(), &subject());
    let order: Vec<&str> = outcome.firings.iter().map(|firing| firing.rule_id.as_str()).collect();
    assert_eq!(order, ["a-vip", "b-tag", "c-escalate"]);
    assert_eq!(outcome.subject.ticket.priority, Priority::Urgent);
    assert_eq!(outcome.subject.ticket.team_id.as_deref(), Some("billing"));
    assert_eq!(outcome.subject.ticket.tags, [tag("escalated")]);
    assert_eq!(outcome.subject.clock.updated_at, now());
    // The same input gives the same answer.
    assert_eq!(evaluate(&rules, &updated(), &subject()), outcome);
}

#[test]
fn only_rules_whose_trigger_fits_the_event_and_that_are_enabled_run() {
    let rules = vec![
        valid(
            json!({"id": "on-create", "trigger": {"type": "ticket_created"}, "actions": [{"type": "add_tag", "tag": "a"}]}),
        ),
        valid(
            json!({"id": "on-message", "trigger": {"type": "message_received"}, "actions": [{"type": "add_tag", "tag": "b"}]}),
        ),
        valid(
            json!({"id": "on-breach", "trigger": {"type": "sla_breach"}, "actions": [{"type": "add_tag", "tag": "c"}]}),
        ),
        valid(json!({"id": "off", "enabled": false, "trigger": {"type": "sla_breach"},
                     "actions": [{"type": "add_tag", "tag": "d"}]})),
    ];
    let fired = |kind| {
        let outcome = evaluate(&rules, &event(kind, EventActor::System), &subject());
        outcome.firings.into_iter().map(|firing| firing.rule_id).collect::<Vec<_>>()
    };
    assert_eq!(fired(EventKind::TicketCreated), ["on-create"]);
    assert_eq!(fired(EventKind::MessageReceived), ["on-message"]);
    assert_eq!(fired(EventKind::SlaBreach), ["on-breach"]);
    assert!(fired(EventKind::SlaWarning).is_empty());
    assert!(fired(EventKind::TimeReached).is_empty());
}

#[test]
fn conditions_read_requester_message_and_changes() {
    let rules = vec![valid(json!({"trigger": {"type": "ticket_updated"}, "conditions": {"all": [
        {"field": "status", "op": "changed_from", "value": "pending"},
        {"field": "requester_email_domain", "op": "is", "value": "EXAMPLE.com"},
        {"field": "requester_language", "op": "one_of", "value": ["de", "at"]},
        {"field": "actor", "op": "is", "value": "customer"},
        {"any": [{"field": "message_text", "op": "contains", "value": "Rueckerstattung"},
                 {"field": "tags", "op": "contains", "value": "refund"}]}]},
        "actions": [{"type": "assign_team", "team_id": "billing"}]}))];
    let mut ticket = subject();
    ticket.message_text = Some("Ich möchte eine Rückerstattung.".into());
    let reopened =
        Changes { status: Some(Change { from: TicketStatus::Pending, to: TicketStatus::Open }), ..Changes::default() };
    let by_customer = event(EventKind::TicketUpdated, EventActor::Customer).with_changes(reopened.clone());
    assert_eq!(evaluate(&rules, &by_customer, &ticket).firings.len(), 1);
    let by_agent = event(EventKind::TicketUpdated, EventActor::Agent).with_changes(reopened);
    assert!(evaluate(&rules, &by_agent, &ticket).firings.is_empty());
    let no_change = event(EventKind::TicketUpdated, EventActor::Customer);
    assert!(evaluate(&rules, &no_change, &ticket).firings.is_empty());
}

#[test]
fn a_rule_fires_once_per_event_and_reports_a_follow_up_for_its_changes() {
    let rules = vec![valid(json!({"id": "tagger", "trigger": {"type": "ticket_updated"},
        "actions": [{"type": "add_tag", "tag": "seen"}, {"type": "add_internal_note", "text": "Seen."}]}))];
    let first = evaluate(&rules, &updated(), &subject());
    assert_eq!(first.firings.len(), 1);
    let follow_up = first.follow_up.clone().expect("the tag is a change");
    assert_eq!(follow_up.kind, EventKind::TicketUpdated);
    assert_eq!(follow_up.actor, EventActor::Automation);
    assert!(follow_up.is_caused_by_rules());
    assert_eq!(follow_up.changes.tags_added, [tag("seen")]);
    assert_eq!(follow_up.run.fired_rule_ids, ["tagger"]);
    assert_eq!(follow_up.run.origin_event_id, "e1");
    // Fed back, the rule still matches but does not fire again, and nothing loops.
    let second = evaluate(&rules, &follow_up, &first.subject);
    assert!(second.firings.is_empty() && second.loop_stopped.is_empty() && second.follow_up.is_none());
}

#[test]
fn field_actions_that_change_nothing_are_dropped_and_disallowed_moves_reported() {
    let rules = vec![valid(json!({"id": "close", "trigger": {"type": "ticket_updated"},
        "actions": [{"type": "set_priority", "priority": "normal"}, {"type": "set_status", "status": "closed"},
                    {"type": "notify", "target": "assignee", "text": "Closed?"}]}))];
    let outcome = evaluate(&rules, &updated(), &subject());
    assert_eq!(outcome.firings[0].actions, [Action::Notify { target: NotifyTarget::Assignee, text: "Closed?".into() }]);
    assert_eq!(
        outcome.skipped_actions,
        [SkippedAction {
            rule_id: "close".into(),
            action_index: 1,
            reason: SkipReason::TransitionNotAllowed { from: TicketStatus::Open, to: TicketStatus::Closed },
        }]
    );
    assert!(outcome.follow_up.is_none());
}

#[test]
fn closed_tickets_are_left_alone() {
    let rules =
        vec![valid(json!({"trigger": {"type": "ticket_updated"}, "actions": [{"type": "add_tag", "tag": "x"}]}))];
    let mut closed = subject();
    closed.ticket.status = TicketStatus::Closed;
    let outcome = evaluate(&rules, &updated(), &closed);
    assert!(outcome.firings.is_empty());
    assert_eq!(outcome.subject, closed);
}

#[test]
fn once_per_throttles_a_rule_per_ticket() {
    let rules = vec![valid(json!({"id": "nag", "trigger": {"type": "message_received"}, "once_per": {"hours": 24},
                                  "actions": [{"type": "send_canned_reply", "canned_id": "refund"}]}))];
    let message = event(EventKind::MessageReceived, EventActor::Customer);
    let first = evaluate(&rules, &message, &subject());
    assert_eq!(first.subject.automation.last_fired_at.get("nag"), Some(&now()));
    let mut later = first.subject.clone();
    let soon = RuleEvent::originating(
        EventKind::MessageReceived,
        EventActor::Customer,
        "e2",
        now() + chrono::TimeDelta::hours(23),
    );
    assert!(evaluate(&rules, &soon, &later).firings.is_empty());
    let next_day = RuleEvent::originating(
        EventKind::MessageReceived,
        EventActor::Customer,
        "e3",
        now() + chrono::TimeDelta::hours(24),
    );
    later.message_text = Some("still there?".into());
    assert_eq!(evaluate(&rules, &next_day, &later).firings.len(), 1);
}

#[test]
fn nothing_is_added_past_the_tag_limit() {
    let rules = vec![valid(
        json!({"id": "more", "trigger": {"type": "ticket_updated"}, "actions": [{"type": "add_tag", "tag": "one-more"}]}),
    )];
    let mut full = subject();
    full.ticket.tags = (0..Tag::MAX_PER_TICKET).map(|n| tag(&format!("t{n}"))).collect();
    let outcome = evaluate(&rules, &updated(), &full);
    assert!(outcome.firings.is_empty());
    assert_eq!(outcome.skipped_actions[0].reason, SkipReason::TooManyTags);
}
