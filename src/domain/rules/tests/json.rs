use serde_json::json;

use super::*;

#[test]
fn a_rule_round_trips_through_its_rest_json() {
    let wire = json!({
        "id": "vip-escalation",
        "name": "Escalate VIP billing tickets",
        "enabled": true,
        "trigger": {"type": "ticket_updated"},
        "conditions": {"all": [
            {"field": "priority", "op": "is", "value": "high"},
            {"field": "status", "op": "changed", },
            {"any": [
                {"field": "tags", "op": "contains", "value": "vip"},
                {"field": "requester_vip", "op": "is", "value": true}
            ]}
        ]},
        "actions": [
            {"type": "add_tag", "tag": "vip"},
            {"type": "set_status", "status": "open"},
            {"type": "assign_team", "team_id": "billing"},
            {"type": "notify", "target": "supervisors", "text": "VIP ticket escalated"},
            {"type": "notify", "target": {"user": "ada"}, "text": "Yours"},
            {"type": "webhook", "url": "https://hooks.example.com/t"}
        ],
        "position": 5
    });
    let parsed: Rule = serde_json::from_value(wire.clone()).expect("deserialises");
    assert_eq!(serde_json::to_value(&parsed).expect("serialises"), wire);
    let checked = validate_rule(&parsed, &catalog()).expect("valid");
    assert_eq!(serde_json::to_value(&checked).expect("serialises"), wire, "a valid rule serialises as the rule");
    assert_eq!(parsed.actions[0], Action::AddTag { tag: tag("vip") });
}

#[test]
fn time_rules_throttles_and_defaults_have_readable_shapes() {
    let wire = json!({
        "id": "r", "name": "Pending reminder", "enabled": false, "position": 1,
        "trigger": {"type": "elapsed", "since": "status_changed_at", "at_least": {"days": 3}},
        "conditions": {"any": [{"field": "type", "op": "one_of", "value": ["question", null]}]},
        "actions": [{"type": "send_canned_reply", "canned_id": "reminder"}],
        "once_per": {"hours": 12}
    });
    let parsed: Rule = serde_json::from_value(wire.clone()).expect("deserialises");
    assert_eq!(
        parsed.trigger,
        Trigger::Elapsed { since: TimeAnchor::StatusChangedAt, at_least: RuleDuration::Days(3) }
    );
    assert_eq!(serde_json::to_value(&parsed).expect("serialises"), wire);
    for shipped in default_rules() {
        let text = serde_json::to_string(&shipped).expect("serialises");
        assert_eq!(serde_json::from_str::<Rule>(&text).expect("deserialises"), shipped);
    }
}

#[test]
fn missing_optional_parts_take_their_defaults_and_typos_are_refused() {
    let minimal: Rule = serde_json::from_value(json!({"id": "m", "name": "Minimal", "trigger": {"type": "sla_breach"},
        "actions": [{"type": "set_priority", "priority": "urgent"}]}))
    .expect("deserialises");
    assert!(minimal.enabled);
    assert_eq!(
        (minimal.position, minimal.once_per, minimal.conditions.clone()),
        (0, None, ConditionGroup::All(vec![]))
    );
    let typo = serde_json::from_value::<Rule>(json!({"id": "m", "name": "x", "trigger": {"type": "sla_breach"},
        "conditions": {"all": [{"field": "prio", "op": "is", "value": "high"}]}, "actions": []}));
    assert!(typo.expect_err("unknown field").to_string().contains("prio"));
    let bad_tag = serde_json::from_value::<Rule>(json!({"id": "m", "name": "x", "trigger": {"type": "sla_breach"},
        "actions": [{"type": "add_tag", "tag": "two words"}]}));
    assert!(bad_tag.is_err());
}

#[test]
fn evaluation_results_serialise_for_logs_and_the_service() {
    let rules = vec![valid(json!({"id": "r", "trigger": {"type": "ticket_updated"},
        "actions": [{"type": "set_priority", "priority": "high"}]}))];
    let outcome = evaluate(&rules, &event(EventKind::TicketUpdated, EventActor::Agent), &subject());
    let wire = serde_json::to_value(&outcome.firings).expect("serialises");
    assert_eq!(wire, json!([{"rule_id": "r", "actions": [{"type": "set_priority", "priority": "high"}]}]));
    let follow_up = serde_json::to_value(&outcome.follow_up).expect("serialises");
    assert_eq!(follow_up["changes"], json!({"priority": {"from": "normal", "to": "high"}}));
    assert_eq!(follow_up["run"], json!({"origin_event_id": "e1", "fired_rule_ids": ["r"], "depth": 1}));
    let stop = LoopStopped { rule_id: "a".into(), reason: LoopStopReason::ChainTooDeep { depth: 6 } };
    assert_eq!(
        serde_json::to_value(stop).expect("serialises"),
        json!({"rule_id": "a", "reason": {"code": "chain_too_deep", "depth": 6}})
    );
}
