use chrono::TimeDelta;
use serde_json::json;

use super::*;

fn pending_since(days: i64) -> RuleSubject {
    let mut ticket = subject();
    ticket.ticket.status = TicketStatus::Pending;
    ticket.clock.status_changed_at = days_ago(days);
    ticket
}

fn defaults() -> Vec<ValidRule> {
    default_rules().iter().map(|rule| validate_rule(rule, &catalog()).expect("defaults are valid")).collect()
}

fn tick(at: DateTime<Utc>) -> RuleEvent {
    RuleEvent::originating(EventKind::TimeReached, EventActor::System, "tick", at)
}

#[test]
fn a_time_rule_is_due_at_its_anchor_plus_the_wait() {
    let rules = defaults();
    let reminder = rules.iter().find(|rule| rule.id() == PENDING_REMINDER_RULE_ID).expect("shipped").rule();
    assert_eq!(time_rule_due_at(reminder, &pending_since(3)), Some(now()));
    assert_eq!(time_rule_due_at(reminder, &pending_since(1)), Some(now() + TimeDelta::days(2)));
    let on_reply =
        rule(json!({"trigger": {"type": "elapsed", "since": "last_agent_reply_at", "at_least": {"hours": 4}},
                               "actions": [{"type": "add_tag", "tag": "x"}]}));
    assert_eq!(time_rule_due_at(&on_reply, &subject()), None, "nobody replied yet");
    let event_rule = rule(json!({"trigger": {"type": "ticket_created"}, "actions": [{"type": "add_tag", "tag": "x"}]}));
    assert_eq!(time_rule_due_at(&event_rule, &subject()), None);
}

#[test]
fn due_rules_need_the_time_to_have_come_and_their_conditions_to_hold() {
    let rules = defaults();
    let ids = |subject: &RuleSubject, at| {
        due_time_rules(&rules, subject, at).into_iter().map(|due| due.rule_id).collect::<Vec<_>>()
    };
    assert!(ids(&pending_since(3), now() - TimeDelta::seconds(1)).is_empty());
    assert_eq!(ids(&pending_since(3), now()), [PENDING_REMINDER_RULE_ID]);
    assert_eq!(ids(&pending_since(8), now()), [PENDING_REMINDER_RULE_ID, PENDING_RESOLVE_RULE_ID]);
    let mut open_again = pending_since(8);
    open_again.ticket.status = TicketStatus::Open;
    assert!(ids(&open_again, now()).is_empty(), "only pending tickets are reminded");
    assert_eq!(next_due_at(&rules, &pending_since(1), now()), Some(now() + TimeDelta::days(2)));
    assert_eq!(next_due_at(&rules, &pending_since(5), now()), Some(now() + TimeDelta::days(2)));
}

#[test]
fn keys_make_a_time_rule_fire_once_per_anchor_value() {
    let rules = defaults();
    let ticket = pending_since(4);
    let due = due_time_rules(&rules, &ticket, now());
    let key = FireOnceKey {
        rule_id: PENDING_REMINDER_RULE_ID.into(),
        ticket_id: "t1".into(),
        anchor: TimeAnchor::StatusChangedAt,
        anchor_at: days_ago(4),
    };
    assert_eq!(due[0].key, key);
    assert_eq!(
        key.to_string(),
        format!("default-pending-reminder/t1/status_changed_at/{}", days_ago(4).timestamp_millis())
    );

    let first = evaluate(&rules, &tick(now()), &ticket);
    assert_eq!(first.firings.len(), 1);
    assert_eq!(first.firings[0].fire_once_key, Some(key.clone()));
    assert!(first.subject.automation.fired_once.contains(&key));
    // A second scheduler run (or a restart that reloads the memory) finds nothing to do.
    assert!(due_time_rules(&rules, &first.subject, now() + TimeDelta::hours(1)).is_empty());
    assert!(evaluate(&rules, &tick(now() + TimeDelta::hours(1)), &first.subject).firings.is_empty());
    // Pending again later: a new anchor value, a new key, a new reminder after three more days.
    let mut pending_again = first.subject.clone();
    pending_again.clock.status_changed_at = now();
    assert!(due_time_rules(&rules, &pending_again, now() + TimeDelta::days(2)).is_empty());
    let again = due_time_rules(&rules, &pending_again, now() + TimeDelta::days(3));
    assert_eq!(again.len(), 1);
    assert_ne!(again[0].key, key);
}

#[test]
fn a_long_wait_fires_the_reminder_then_resolves_in_one_pass() {
    let outcome = evaluate(&defaults(), &tick(now()), &pending_since(8));
    let fired: Vec<&str> = outcome.firings.iter().map(|firing| firing.rule_id.as_str()).collect();
    assert_eq!(fired, [PENDING_REMINDER_RULE_ID, PENDING_RESOLVE_RULE_ID]);
    assert_eq!(outcome.subject.ticket.status, TicketStatus::Resolved);
    let follow_up = outcome.follow_up.expect("the status changed");
    assert_eq!(follow_up.changes.status, Some(Change { from: TicketStatus::Pending, to: TicketStatus::Resolved }));
    assert_eq!(outcome.subject.automation.fired_once.len(), 2);
}

#[test]
fn time_since_conditions_compare_elapsed_time() {
    let rule = valid(json!({"trigger": {"type": "ticket_updated"}, "conditions": {"all": [
        {"field": "time_since_created", "op": "gt", "value": {"days": 1}},
        {"field": "time_since_created", "op": "lt", "value": {"hours": 49}}]},
        "actions": [{"type": "add_tag", "tag": "x"}]}));
    let fires = |created_days_ago| {
        let mut ticket = subject();
        ticket.clock.created_at = days_ago(created_days_ago);
        !evaluate(std::slice::from_ref(&rule), &event(EventKind::TicketUpdated, EventActor::Agent), &ticket)
            .firings
            .is_empty()
    };
    assert!(!fires(1) && fires(2) && !fires(3));
    let no_reply = valid(json!({"trigger": {"type": "ticket_updated"}, "conditions": {"all": [
        {"field": "time_since_agent_reply", "op": "lt", "value": {"days": 1}}]},
        "actions": [{"type": "add_tag", "tag": "x"}]}));
    assert!(evaluate(&[no_reply], &event(EventKind::TicketUpdated, EventActor::Agent), &subject()).firings.is_empty());
}
