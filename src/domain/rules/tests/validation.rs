use serde_json::json;

use super::*;

/// The error for a rule given as JSON: (path, code).
fn refusal(body: Value) -> (String, &'static str) {
    let error = validate_rule(&rule(body), &catalog()).expect_err("rule should be refused");
    (error.path.clone(), error.code())
}

fn with_condition(condition: Value) -> Value {
    json!({"trigger": {"type": "ticket_updated"}, "conditions": {"all": [condition]},
           "actions": [{"type": "add_tag", "tag": "x"}]})
}

fn with_actions(actions: Value) -> Value {
    json!({"trigger": {"type": "ticket_created"}, "actions": actions})
}

#[test]
fn a_well_formed_rule_passes_and_keeps_its_content() {
    let body = json!({"trigger": {"type": "ticket_updated"},
        "conditions": {"all": [
            {"field": "priority", "op": "gt", "value": "normal"},
            {"any": [{"field": "tags", "op": "contains", "value": "vip"},
                     {"field": "requester_vip", "op": "is", "value": true}]},
            {"field": "team_id", "op": "is", "value": null},
            {"field": "status", "op": "changed_to", "value": "open"},
            {"field": "time_since_created", "op": "lt", "value": {"hours": 4}}]},
        "actions": [{"type": "assign_team", "team_id": "billing"},
                    {"type": "notify", "target": {"user": "ada"}, "text": "VIP ticket"},
                    {"type": "webhook", "url": "https://hooks.example.com/tidings?x=1"}]});
    let checked = valid(body.clone());
    assert_eq!(*checked.rule(), rule(body));
}

#[test]
fn operators_that_do_not_fit_the_field_are_refused_on_op() {
    let cases = [
        json!({"field": "priority", "op": "contains", "value": "high"}),
        json!({"field": "subject", "op": "gt", "value": "a"}),
        json!({"field": "channel", "op": "changed_to", "value": "email"}),
        json!({"field": "requester_vip", "op": "one_of", "value": [true]}),
        json!({"field": "tags", "op": "is", "value": "vip"}),
        json!({"field": "time_since_created", "op": "is", "value": {"hours": 1}}),
    ];
    for case in cases {
        assert_eq!(
            refusal(with_condition(case.clone())),
            ("conditions.all[0].op".into(), "operator_not_allowed"),
            "{case}"
        );
    }
    assert!(!operator_fits_field(ConditionField::Priority, Operator::Contains));
    assert!(operator_fits_field(ConditionField::Priority, Operator::Gt));
}

#[test]
fn values_of_the_wrong_type_or_unknown_names_are_refused_on_value() {
    let cases = [
        (json!({"field": "priority", "op": "is", "value": 3}), "wrong_value_type"),
        (json!({"field": "priority", "op": "is", "value": "critical"}), "unknown_value"),
        (json!({"field": "status", "op": "one_of", "value": "open"}), "wrong_value_type"),
        (json!({"field": "status", "op": "one_of", "value": ["open", "solved"]}), "unknown_value"),
        (json!({"field": "status", "op": "one_of", "value": []}), "invalid_value"),
        (json!({"field": "status", "op": "is", "value": null}), "wrong_value_type"),
        (json!({"field": "requester_vip", "op": "is", "value": "yes"}), "wrong_value_type"),
        (json!({"field": "tags", "op": "contains", "value": "two words"}), "invalid_value"),
        (json!({"field": "subject", "op": "contains", "value": " ?! "}), "invalid_value"),
        (json!({"field": "time_since_updated", "op": "gt", "value": "3 days"}), "wrong_value_type"),
        (json!({"field": "time_since_updated", "op": "gt", "value": {"days": 0}}), "zero_duration"),
        (json!({"field": "status", "op": "changed", "value": "open"}), "wrong_value_type"),
        (json!({"field": "team_id", "op": "is", "value": "  "}), "required"),
        (json!({"field": "actor", "op": "is", "value": "robot"}), "unknown_value"),
    ];
    for (case, code) in cases {
        assert_eq!(refusal(with_condition(case.clone())), ("conditions.all[0].value".into(), code), "{case}");
    }
}

#[test]
fn impossible_combinations_are_refused_on_their_group() {
    let impossible = [
        json!([{"field": "status", "op": "is", "value": "open"}, {"field": "status", "op": "is", "value": "pending"}]),
        json!([{"field": "priority", "op": "gt", "value": "urgent"}]),
        json!([{"field": "priority", "op": "lt", "value": "low"}]),
        json!([{"field": "priority", "op": "gt", "value": "high"}, {"field": "priority", "op": "is_not", "value": "urgent"}]),
        json!([{"field": "channel", "op": "is", "value": "email"}, {"field": "channel", "op": "is_not", "value": "email"}]),
        json!([{"field": "team_id", "op": "is", "value": "billing"}, {"field": "team_id", "op": "is_not", "value": "billing"}]),
        json!([{"field": "team_id", "op": "one_of", "value": ["billing"]}, {"field": "team_id", "op": "one_of", "value": ["support"]}]),
        json!([{"field": "brand", "op": "is", "value": "acme"}, {"field": "brand", "op": "not_one_of", "value": ["ACME"]}]),
        json!([{"field": "tags", "op": "contains", "value": "vip"}, {"field": "tags", "op": "not_contains", "value": "VIP"}]),
        json!([{"field": "tags", "op": "one_of", "value": ["a", "b"]}, {"field": "tags", "op": "not_one_of", "value": ["a", "b"]}]),
        json!([{"field": "subject", "op": "contains", "value": "refund"}, {"field": "subject", "op": "not_contains", "value": "fund"}]),
        json!([{"field": "time_since_created", "op": "gt", "value": {"days": 3}},
               {"field": "time_since_created", "op": "lt", "value": {"hours": 72}}]),
        json!([{"field": "status", "op": "changed_to", "value": "open"}, {"field": "status", "op": "is", "value": "pending"}]),
        json!([{"field": "status", "op": "changed_to", "value": "open"}, {"field": "status", "op": "changed_from", "value": "open"}]),
        json!([{"field": "within_business_hours", "op": "is", "value": true}, {"field": "within_business_hours", "op": "is", "value": false}]),
    ];
    for conditions in impossible {
        let body = json!({"trigger": {"type": "ticket_updated"}, "conditions": {"all": conditions},
                          "actions": [{"type": "add_tag", "tag": "x"}]});
        assert_eq!(refusal(body), ("conditions.all".into(), "impossible_conditions"), "{conditions}");
    }
    let dead_branch = json!({"trigger": {"type": "ticket_updated"}, "conditions": {"all": [
        {"field": "status", "op": "is", "value": "open"},
        {"any": [{"field": "tags", "op": "contains", "value": "x"}, {"field": "priority", "op": "gt", "value": "urgent"}]}]},
        "actions": [{"type": "add_tag", "tag": "y"}]});
    assert_eq!(refusal(dead_branch), ("conditions.all[1].any[1]".into(), "impossible_conditions"));
    let empty_any = json!({"trigger": {"type": "ticket_updated"}, "conditions": {"any": []},
                           "actions": [{"type": "add_tag", "tag": "y"}]});
    assert_eq!(refusal(empty_any), ("conditions.any".into(), "impossible_conditions"));
}

#[test]
fn satisfiable_look_alikes_are_accepted() {
    let fine = [
        json!([{"field": "status", "op": "is_not", "value": "open"}, {"field": "status", "op": "is_not", "value": "pending"}]),
        json!([{"field": "priority", "op": "gt", "value": "low"}, {"field": "priority", "op": "lt", "value": "urgent"}]),
        json!([{"field": "team_id", "op": "is_not", "value": "billing"}, {"field": "team_id", "op": "is_not", "value": null}]),
        json!([{"field": "subject", "op": "contains", "value": "fund"}, {"field": "subject", "op": "not_contains", "value": "refund"}]),
        json!([{"field": "time_since_created", "op": "gt", "value": {"days": 3}},
               {"field": "time_since_created", "op": "lt", "value": {"days": 4}}]),
        json!([{"field": "status", "op": "changed_from", "value": "pending"}, {"field": "status", "op": "is", "value": "open"}]),
    ];
    for conditions in fine {
        valid(json!({"trigger": {"type": "ticket_updated"}, "conditions": {"all": conditions},
                     "actions": [{"type": "add_tag", "tag": "x"}]}));
    }
}

#[test]
fn structure_problems_are_refused() {
    let too_deep = json!({"trigger": {"type": "ticket_created"}, "conditions": {"all": [
        {"any": [{"all": [{"field": "status", "op": "is", "value": "open"}]}]}]},
        "actions": [{"type": "add_tag", "tag": "x"}]});
    assert_eq!(refusal(too_deep), ("conditions.all[0].any[0]".into(), "group_too_deep"));
    let changes_on_create = json!({"trigger": {"type": "ticket_created"}, "conditions": {"all": [
        {"field": "status", "op": "changed", "value": null}]}, "actions": [{"type": "add_tag", "tag": "x"}]});
    assert_eq!(refusal(changes_on_create), ("conditions.all[0].op".into(), "changes_need_update_trigger"));
    assert_eq!(
        refusal(json!({"name": " ", "trigger": {"type": "ticket_created"},
                              "actions": [{"type": "add_tag", "tag": "x"}]})),
        ("name".into(), "required")
    );
    assert_eq!(refusal(with_actions(json!([]))), ("actions".into(), "no_actions"));
    let zero_wait = json!({"trigger": {"type": "elapsed", "since": "created_at", "at_least": {"hours": 0}},
                           "actions": [{"type": "add_tag", "tag": "x"}]});
    assert_eq!(refusal(zero_wait), ("trigger.at_least".into(), "zero_duration"));
    let zero_throttle = json!({"trigger": {"type": "message_received"}, "once_per": {"days": 0},
                               "actions": [{"type": "add_tag", "tag": "x"}]});
    assert_eq!(refusal(zero_throttle), ("once_per".into(), "zero_duration"));
}

#[test]
fn actions_must_name_existing_things_and_fit_together() {
    let cases = [
        (json!([{"type": "assign_team", "team_id": "legal"}]), "actions[0].team_id", "unknown_reference"),
        (json!([{"type": "assign_team", "team_id": ""}]), "actions[0].team_id", "required"),
        (json!([{"type": "assign_agent", "agent_id": "bob"}]), "actions[0].agent_id", "unknown_reference"),
        (json!([{"type": "send_canned_reply", "canned_id": "gone"}]), "actions[0].canned_id", "unknown_reference"),
        (
            json!([{"type": "notify", "target": {"user": "bob"}, "text": "hi"}]),
            "actions[0].target.user",
            "unknown_reference",
        ),
        (json!([{"type": "notify", "target": "supervisors", "text": " "}]), "actions[0].text", "required"),
        (json!([{"type": "add_internal_note", "text": ""}]), "actions[0].text", "required"),
        (json!([{"type": "set_status", "status": "new"}]), "actions[0].status", "status_not_settable"),
        (
            json!([{"type": "add_tag", "tag": "x"}, {"type": "remove_tag", "tag": "x"}]),
            "actions[1]",
            "conflicting_actions",
        ),
        (
            json!([{"type": "set_priority", "priority": "low"}, {"type": "set_priority", "priority": "high"}]),
            "actions[1]",
            "conflicting_actions",
        ),
    ];
    for (actions, path, code) in cases {
        assert_eq!(refusal(with_actions(actions.clone())), (path.into(), code), "{actions}");
    }
    let long_note = json!([{"type": "add_internal_note", "text": "n".repeat(MAX_ACTION_TEXT_CHARS + 1)}]);
    assert_eq!(refusal(with_actions(long_note)), ("actions[0].text".into(), "too_long"));
}

#[test]
fn conditions_must_name_existing_teams_agents_categories_and_brands() {
    let cases = [
        json!({"field": "team_id", "op": "is", "value": "legal"}),
        json!({"field": "assignee_id", "op": "one_of", "value": ["ada", "bob"]}),
        json!({"field": "category", "op": "is", "value": "Shipping"}),
        json!({"field": "brand", "op": "is", "value": "globex"}),
    ];
    for case in cases {
        assert_eq!(refusal(with_condition(case.clone())).1, "unknown_reference", "{case}");
    }
    valid(with_condition(json!({"field": "category", "op": "is", "value": " Billing / Refunds "})));
    valid(with_condition(json!({"field": "brand", "op": "is", "value": "ACME"})));
}

#[test]
fn webhooks_take_only_http_and_https_urls_with_a_host() {
    for good in ["https://hooks.example.com/x", "http://10.0.0.5:8080/hook", "HTTPS://[::1]:9000/", "https://a.b?c#d"] {
        assert_eq!(check_webhook_url(good), Ok(()), "{good}");
    }
    let bad = [
        "ftp://example.com/x",
        "javascript:alert(1)",
        "example.com/hook",
        "https://",
        "https:///path",
        "https://user:secret@example.com/",
        "https://exa mple.com/",
        "https://example.com:port/",
        "https://[::1]x/",
        "file:///etc/passwd",
    ];
    for url in bad {
        let error = check_webhook_url(url).expect_err(url);
        assert_eq!(error.code(), "invalid_webhook_url", "{url}");
    }
    assert_eq!(check_webhook_url(" ").map_err(|error| error.code()), Err("required"));
    let body = with_actions(json!([{"type": "webhook", "url": "gopher://example.com"}]));
    assert_eq!(refusal(body), ("actions[0].url".into(), "invalid_webhook_url"));
}

#[test]
fn errors_read_as_a_path_and_a_sentence() {
    let error = validate_rule(
        &rule(with_condition(json!({"field": "priority", "op": "contains", "value": "high"}))),
        &catalog(),
    )
    .expect_err("contains on priority");
    assert_eq!(error.to_string(), "conditions.all[0].op: `contains` cannot be used on priority");
    let wire = serde_json::to_value(&error).expect("serialises");
    assert_eq!(
        wire,
        json!({"path": "conditions.all[0].op",
                            "kind": {"code": "operator_not_allowed", "field": "priority", "op": "contains"}})
    );
}
