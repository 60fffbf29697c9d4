use super::*;

#[test]
fn round_robin_over_a_thousand_tickets_is_exactly_fair() {
    let agents: Vec<AgentSlot> = ["a", "b", "c", "d", "e"].iter().map(|id| agent(id, 0, 1_000)).collect();
    let needs: Vec<RoutingNeed> = (0..1_000).map(|n| need(&format!("t{n:04}"), n)).collect();
    let routed = route_batch(RoutingStrategy::RoundRobin, &needs, &agents, &RoutingCursor::default());
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for assignment in &routed.assignments {
        *counts.entry(assigned_to(&assignment.outcome).expect("everyone has room")).or_default() += 1;
    }
    assert_eq!(counts.into_iter().collect::<Vec<_>>(), [("a", 200), ("b", 200), ("c", 200), ("d", 200), ("e", 200)]);
    assert!(routed.agents.iter().all(|agent| agent.open_tickets == 200));
}

#[test]
fn vip_work_is_routed_before_older_work() {
    let mut vip = need("vip", 30);
    vip.is_vip = true;
    let needs = [need("old", 0), vip];
    let routed = route_batch(RoutingStrategy::LeastLoaded, &needs, &[agent("ann", 2, 3)], &RoutingCursor::default());
    assert_eq!(
        routed.assignments[0],
        Assignment { ticket_id: "vip".into(), outcome: RoutingOutcome::Assigned { agent_id: "ann".into() } }
    );
    assert_eq!(
        routed.assignments[1],
        Assignment {
            ticket_id: "old".into(),
            outcome: RoutingOutcome::Queued { reason: NoAgentReason::EveryoneAtCapacity }
        }
    );
}

#[test]
fn the_queue_puts_vip_then_soonest_due_then_oldest_first() {
    let mut vip_new = need("vip-new", 50);
    vip_new.is_vip = true;
    let mut vip_old = need("vip-old", 10);
    vip_old.is_vip = true;
    let mut due_soon = need("due-soon", 40);
    due_soon.due_at = Some(start() + TimeDelta::hours(1));
    let mut due_later = need("due-later", 5);
    due_later.due_at = Some(start() + TimeDelta::hours(2));
    let needs =
        [need("plain-new", 30), due_later, need("plain-old", 0), vip_new, due_soon, vip_old, need("plain-tie", 0)];
    let order: Vec<&str> = order_queue(&needs).into_iter().map(|index| needs[index].ticket_id.as_str()).collect();
    assert_eq!(order, ["vip-old", "vip-new", "due-soon", "due-later", "plain-old", "plain-tie", "plain-new"]);
}

#[test]
fn loads_grow_as_the_batch_goes_and_chats_count_as_chats() {
    let agents = [agent("ann", 0, 2), agent("bo", 1, 2)];
    let mut chat = need("chat", 0);
    chat.kind = WorkKind::Chat;
    let needs = [chat, need("t1", 1), need("t2", 2), need("t3", 3)];
    let routed = route_batch(RoutingStrategy::LeastLoaded, &needs, &agents, &RoutingCursor::default());
    let who: Vec<Option<&str>> = routed.assignments.iter().map(|a| assigned_to(&a.outcome)).collect();
    // ann 0/2 takes the chat; then ann and bo are both half full and the tie goes to bo, whose turn it is.
    assert_eq!(who, [Some("ann"), Some("bo"), Some("ann"), None]);
    assert_eq!((routed.agents[0].open_chats, routed.agents[0].open_tickets), (1, 1));
    assert_eq!(routed.agents[1].load(), 2);
    assert_eq!(routed.cursor.last_assigned.get("support").map(String::as_str), Some("ann"));
}

#[test]
fn teams_keep_their_own_turn() {
    let mut billing_agent = agent("zoe", 0, 9);
    billing_agent.team_ids = ["billing".to_string()].into_iter().collect();
    let agents = [agent("ann", 0, 9), agent("bo", 0, 9), billing_agent];
    let mut billing = need("b1", 1);
    billing.team_id = Some("billing".into());
    let needs = [need("s1", 0), billing, need("s2", 2)];
    let routed = route_batch(RoutingStrategy::RoundRobin, &needs, &agents, &RoutingCursor::default());
    let who: Vec<Option<&str>> = routed.assignments.iter().map(|a| assigned_to(&a.outcome)).collect();
    assert_eq!(who, [Some("ann"), Some("zoe"), Some("bo")]);
    assert_eq!(routed.cursor.last_assigned.len(), 2);
}
