use serde_json::json;

use super::*;

/// Feeds follow-ups back the way the service will, until there are none (or a safety cap is hit).
fn run_to_rest(rules: &[ValidRule], first: RuleEvent, start: RuleSubject) -> (Vec<Evaluation>, RuleSubject) {
    let mut passes = Vec::new();
    let mut event = Some(first);
    let mut subject = start;
    while let Some(current) = event.take() {
        assert!(passes.len() < 20, "the chain must end on its own");
        let outcome = evaluate(rules, &current, &subject);
        subject = outcome.subject.clone();
        event = outcome.follow_up.clone();
        passes.push(outcome);
    }
    (passes, subject)
}

#[test]
fn two_rules_undoing_each_other_are_stopped_with_a_record() {
    // B (first by position) swaps tag y for x; A swaps x for y. Started with x: A fires, then B in the
    // follow-up, then A would fire again: a real ping-pong.
    let rules = vec![
        valid(json!({"id": "b", "position": 1, "trigger": {"type": "ticket_updated"},
            "conditions": {"all": [{"field": "tags", "op": "contains", "value": "y"}]},
            "actions": [{"type": "remove_tag", "tag": "y"}, {"type": "add_tag", "tag": "x"},
                        {"type": "set_priority", "priority": "normal"}]})),
        valid(json!({"id": "a", "position": 2, "trigger": {"type": "ticket_updated"},
            "conditions": {"all": [{"field": "tags", "op": "contains", "value": "x"}]},
            "actions": [{"type": "remove_tag", "tag": "x"}, {"type": "add_tag", "tag": "y"},
                        {"type": "set_priority", "priority": "high"}]})),
    ];
    let mut start = subject();
    start.ticket.tags = vec![tag("x")];
    let (passes, end) = run_to_rest(&rules, event(EventKind::TicketUpdated, EventActor::Agent), start);
    let fired: Vec<Vec<&str>> =
        passes.iter().map(|pass| pass.firings.iter().map(|firing| firing.rule_id.as_str()).collect()).collect();
    assert_eq!(fired, [vec!["a"], vec!["b"], vec![]]);
    // A is stopped as soon as B has undone its work (later in B's pass) and again in the last pass; every
    // stop is recorded, none is silent.
    let stopped = LoopStopped { rule_id: "a".into(), reason: LoopStopReason::AlreadyFired };
    assert!(passes[0].loop_stopped.is_empty());
    assert_eq!(passes[1].loop_stopped, std::slice::from_ref(&stopped));
    assert_eq!(passes[2].loop_stopped, [stopped]);
    assert_eq!((end.ticket.tags, end.ticket.priority), (vec![tag("x")], Priority::Normal));
}

#[test]
fn a_long_chain_of_rule_caused_updates_stops_at_the_depth_limit() {
    // Rule n reacts to tag s{n-1} and adds s{n}; positions run backwards, so each follow-up fires one rule.
    let rules: Vec<ValidRule> = (1..=8)
        .map(|n| {
            valid(json!({"id": format!("step{n}"), "position": 100 - n, "trigger": {"type": "ticket_updated"},
                "conditions": {"all": [{"field": "tags", "op": "contains", "value": format!("s{}", n - 1)}]},
                "actions": [{"type": "add_tag", "tag": format!("s{n}")}]}))
        })
        .collect();
    let mut start = subject();
    start.ticket.tags = vec![tag("s0")];
    let (passes, end) = run_to_rest(&rules, event(EventKind::TicketUpdated, EventActor::Agent), start);
    let fired: usize = passes.iter().map(|pass| pass.firings.len()).sum();
    assert_eq!(fired, usize::from(MAX_CHAIN_DEPTH) + 1, "the origin pass plus five follow-ups");
    let last = passes.last().expect("at least one pass");
    let depth = MAX_CHAIN_DEPTH + 1;
    assert_eq!(
        last.loop_stopped,
        [LoopStopped { rule_id: "step7".into(), reason: LoopStopReason::ChainTooDeep { depth } }]
    );
    assert!(end.ticket.tags.contains(&tag("s6")) && !end.ticket.tags.contains(&tag("s7")));
}

#[test]
fn rules_in_one_pass_that_cancel_out_end_without_a_follow_up() {
    let rules = vec![
        valid(json!({"id": "up", "position": 1, "trigger": {"type": "ticket_updated"},
            "conditions": {"all": [{"field": "priority", "op": "is", "value": "normal"}]},
            "actions": [{"type": "set_priority", "priority": "high"}]})),
        valid(json!({"id": "down", "position": 2, "trigger": {"type": "ticket_updated"},
            "conditions": {"all": [{"field": "priority", "op": "is", "value": "high"}]},
            "actions": [{"type": "set_priority", "priority": "normal"}]})),
    ];
    let outcome = evaluate(&rules, &event(EventKind::TicketUpdated, EventActor::Agent), &subject());
    assert_eq!(outcome.firings.len(), 2);
    assert!(outcome.follow_up.is_none(), "the ticket ends as it began, so there is nothing to react to");
}
