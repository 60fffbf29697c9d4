use serde_json::json;

use super::*;

#[test]
fn rules_pointing_at_deleted_things_get_one_warning_per_reference() {
    let stored = rule(json!({"id": "route", "trigger": {"type": "ticket_created"},
        "conditions": {"all": [{"field": "team_id", "op": "one_of", "value": ["billing", "support"]}]},
        "actions": [{"type": "assign_agent", "agent_id": "grace"}, {"type": "send_canned_reply", "canned_id": "refund"},
                    {"type": "notify", "target": "supervisors", "text": "New billing ticket"}]}));
    assert!(check_rule_health(&stored, &catalog()).is_empty());

    let mut later = catalog();
    later.team_ids.remove("support");
    later.active_agent_ids.remove("grace");
    later.canned_ids.remove("refund");
    let warnings = check_rule_health(&stored, &later);
    let found: Vec<(&str, ReferenceKind, &str)> =
        warnings.iter().map(|warning| (warning.path.as_str(), warning.kind, warning.id.as_str())).collect();
    assert_eq!(
        found,
        [
            ("conditions.all[0].value", ReferenceKind::Team, "support"),
            ("actions[0].agent_id", ReferenceKind::Agent, "grace"),
            ("actions[1].canned_id", ReferenceKind::CannedReply, "refund"),
        ]
    );
    assert!(warnings.iter().all(|warning| warning.rule_id == "route"));
    assert_eq!(warnings[1].to_string(), "actions[0].agent_id: there is no active agent \"grace\" any more");
    // The same rule no longer validates, so the service cannot run it by accident.
    assert_eq!(validate_rule(&stored, &later).map_err(|error| error.code()), Err("unknown_reference"));
}

#[test]
fn default_rules_warn_when_their_canned_replies_are_missing() {
    let empty = RuleCatalog::default();
    let warned: Vec<String> = default_rules()
        .iter()
        .flat_map(|rule| check_rule_health(rule, &empty))
        .map(|warning| format!("{}:{}", warning.rule_id, warning.id))
        .collect();
    assert_eq!(
        warned,
        [
            "default-acknowledgement:acknowledgement",
            "default-out-of-hours:out_of_hours",
            "default-pending-reminder:reminder",
        ]
    );
}
