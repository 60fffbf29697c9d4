use serde_json::json;

use super::*;

#[test]
fn preview_lists_unfinished_tickets_whose_state_matches_now() {
    let rule = valid(json!({"trigger": {"type": "ticket_updated"}, "conditions": {"all": [
        {"field": "priority", "op": "one_of", "value": ["high", "urgent"]},
        {"field": "status", "op": "changed", "value": null},
        {"field": "actor", "op": "is", "value": "customer"}]},
        "actions": [{"type": "assign_team", "team_id": "billing"}]}));
    let with = |id: &str, priority, status| {
        let mut ticket = subject_with_id(id);
        ticket.ticket.priority = priority;
        ticket.ticket.status = status;
        ticket
    };
    let tickets = [
        with("high-open", Priority::High, TicketStatus::Open),
        with("normal-open", Priority::Normal, TicketStatus::Open),
        with("urgent-pending", Priority::Urgent, TicketStatus::Pending),
        with("urgent-resolved", Priority::Urgent, TicketStatus::Resolved),
        with("urgent-new", Priority::Urgent, TicketStatus::New),
        with("high-closed", Priority::High, TicketStatus::Closed),
    ];
    // Event conditions (changed, actor) count as met in a preview.
    assert_eq!(preview_matches(&rule, &tickets, now()), ["high-open", "urgent-pending", "urgent-new"]);
}

#[test]
fn preview_uses_the_clock_it_is_given() {
    let rule = valid(json!({"trigger": {"type": "elapsed", "since": "created_at", "at_least": {"days": 1}},
        "conditions": {"all": [{"field": "time_since_created", "op": "gt", "value": {"days": 3}}]},
        "actions": [{"type": "add_tag", "tag": "old"}]}));
    let tickets = [subject_with_id("two-days-old")];
    assert!(preview_matches(&rule, &tickets, now()).is_empty());
    assert_eq!(preview_matches(&rule, &tickets, now() + chrono::TimeDelta::days(2)), ["two-days-old"]);
}
