use super::*;

fn defaults() -> Vec<ValidRule> {
    default_rules().iter().map(|rule| validate_rule(rule, &catalog()).expect("defaults are valid")).collect()
}

fn fired(outcome: &Evaluation) -> Vec<&str> {
    outcome.firings.iter().map(|firing| firing.rule_id.as_str()).collect()
}

#[test]
fn new_customer_tickets_by_email_widget_or_portal_are_acknowledged() {
    let rules = defaults();
    for channel in Channel::ALL {
        let mut ticket = subject();
        ticket.ticket.channel = channel;
        let outcome = evaluate(&rules, &event(EventKind::TicketCreated, EventActor::Customer), &ticket);
        let expected: &[&str] = if matches!(channel, Channel::Email | Channel::Widget | Channel::Portal) {
            &[ACKNOWLEDGEMENT_RULE_ID]
        } else {
            &[]
        };
        assert_eq!(fired(&outcome), expected, "{channel}");
    }
    let by_agent = evaluate(&rules, &event(EventKind::TicketCreated, EventActor::Agent), &subject());
    assert!(by_agent.firings.is_empty(), "a ticket an agent opens for a customer is not acknowledged");
    let acknowledged = evaluate(&rules, &event(EventKind::TicketCreated, EventActor::Customer), &subject());
    assert_eq!(
        acknowledged.firings[0].actions,
        [Action::SendCannedReply { canned_id: ACKNOWLEDGEMENT_CANNED_ID.into() }]
    );
}

#[test]
fn messages_outside_business_hours_get_one_reply_a_day() {
    let rules = defaults();
    let mut night = subject();
    night.within_business_hours = false;
    let message = |id: &str, hours_later: i64| {
        RuleEvent::originating(
            EventKind::MessageReceived,
            EventActor::Customer,
            id,
            now() + chrono::TimeDelta::hours(hours_later),
        )
    };
    let first = evaluate(&rules, &message("m1", 0), &night);
    assert_eq!(fired(&first), [OUT_OF_HOURS_RULE_ID]);
    assert!(evaluate(&rules, &message("m2", 2), &first.subject).firings.is_empty(), "same night: throttled");
    assert_eq!(fired(&evaluate(&rules, &message("m3", 25), &first.subject)), [OUT_OF_HOURS_RULE_ID]);
    let day = subject();
    assert!(evaluate(&rules, &message("m4", 0), &day).firings.is_empty(), "within business hours: no auto-reply");
}

#[test]
fn pending_tickets_are_reminded_after_three_days_and_resolved_after_seven() {
    let rules = defaults();
    let tick = RuleEvent::originating(EventKind::TimeReached, EventActor::System, "tick", now());
    let pending_for = |days| {
        let mut ticket = subject();
        ticket.ticket.status = TicketStatus::Pending;
        ticket.clock.status_changed_at = days_ago(days);
        ticket
    };
    assert!(evaluate(&rules, &tick, &pending_for(2)).firings.is_empty());
    let reminded = evaluate(&rules, &tick, &pending_for(3));
    assert_eq!(fired(&reminded), [PENDING_REMINDER_RULE_ID]);
    assert_eq!(reminded.firings[0].actions[0], Action::SendCannedReply { canned_id: REMINDER_CANNED_ID.into() });
    assert!(reminded.follow_up.is_none(), "a reminder changes no field");
    // Four days later the same ticket has waited seven: the reminder already went out, only the resolve is left.
    let day_seven =
        RuleEvent::originating(EventKind::TimeReached, EventActor::System, "tick", now() + chrono::TimeDelta::days(4));
    let resolved = evaluate(&rules, &day_seven, &reminded.subject);
    assert_eq!(fired(&resolved), [PENDING_RESOLVE_RULE_ID]);
    assert_eq!(resolved.subject.ticket.status, TicketStatus::Resolved);
}

#[test]
fn every_shipped_rule_is_valid_and_in_position_order() {
    let rules = default_rules();
    assert_eq!(rules.len(), 4);
    assert!(rules.windows(2).all(|pair| pair[0].position < pair[1].position));
    assert_eq!(defaults().len(), 4);
}
