use super::*;

fn pick(strategy: RoutingStrategy, need: &RoutingNeed, agents: &[AgentSlot], cursor: &RoutingCursor) -> Option<String> {
    assigned_to(&route_one(strategy, need, agents, cursor).0).map(str::to_string)
}

#[test]
fn round_robin_takes_turns_by_agent_id_from_the_cursor() {
    let agents = [agent("cy", 0, 5), agent("ann", 0, 5), agent("bo", 0, 5)];
    let mut cursor = RoutingCursor::default();
    let mut turns = Vec::new();
    for n in 0..5 {
        let (outcome, next) = route_one(RoutingStrategy::RoundRobin, &need(&format!("t{n}"), n), &agents, &cursor);
        turns.push(assigned_to(&outcome).map(str::to_string));
        cursor = next;
    }
    let turns: Vec<&str> = turns.iter().flatten().map(String::as_str).collect();
    assert_eq!(turns, ["ann", "bo", "cy", "ann", "bo"]);
    assert_eq!(cursor.last_assigned.get("support").map(String::as_str), Some("bo"));
    // A cursor naming an agent who has since left still finds the next one in id order.
    let gone = RoutingCursor { last_assigned: [("support".to_string(), "bz".to_string())].into_iter().collect() };
    assert_eq!(pick(RoutingStrategy::RoundRobin, &need("t", 0), &agents, &gone).as_deref(), Some("cy"));
}

#[test]
fn nobody_offline_full_or_outside_the_team_is_picked() {
    let mut offline = agent("ann", 0, 5);
    offline.available = false;
    let mut elsewhere = agent("bo", 0, 5);
    elsewhere.team_ids = ["billing".to_string()].into_iter().collect();
    let full = agent("cy", 5, 5);
    let over = agent("dee", 7, 5);
    let mut busy_with_chats = agent("eve", 2, 5);
    busy_with_chats.open_chats = 3;
    let free = agent("zed", 4, 5);
    let agents = [offline, elsewhere, full, over, busy_with_chats, free];
    for strategy in [RoutingStrategy::RoundRobin, RoutingStrategy::LeastLoaded, RoutingStrategy::SkillsBased] {
        assert_eq!(
            pick(strategy, &need("t", 0), &agents, &RoutingCursor::default()).as_deref(),
            Some("zed"),
            "{strategy:?}"
        );
    }
}

#[test]
fn queued_work_says_which_limit_left_nobody() {
    let queued = |agents: &[AgentSlot], need: &RoutingNeed, strategy| {
        route_one(strategy, need, agents, &RoutingCursor::default()).0
    };
    let reason = |reason| RoutingOutcome::Queued { reason };
    let mut offline = agent("ann", 0, 5);
    offline.available = false;
    let mut billing = need("t", 0);
    billing.team_id = Some("billing".into());
    assert_eq!(
        queued(&[agent("ann", 0, 5)], &billing, RoutingStrategy::RoundRobin),
        reason(NoAgentReason::NoAgentInTeam)
    );
    assert_eq!(queued(&[], &need("t", 0), RoutingStrategy::LeastLoaded), reason(NoAgentReason::NoAgentInTeam));
    assert_eq!(queued(&[offline], &need("t", 0), RoutingStrategy::RoundRobin), reason(NoAgentReason::NobodyAvailable));
    assert_eq!(
        queued(&[agent("ann", 3, 3), agent("bo", 0, 0)], &need("t", 0), RoutingStrategy::LeastLoaded),
        reason(NoAgentReason::EveryoneAtCapacity)
    );
    let mut german = need("t", 0);
    german.required_skills = vec![requirement("german", 3)];
    assert_eq!(
        queued(&[skilled("ann", 0, 5, &[("german", 2)])], &german, RoutingStrategy::SkillsBased),
        reason(NoAgentReason::NobodyHasTheSkills)
    );
    let mut anyone = need("t", 0);
    anyone.team_id = None;
    assert_eq!(
        queued(&[agent("ann", 0, 5)], &anyone, RoutingStrategy::RoundRobin),
        RoutingOutcome::Assigned { agent_id: "ann".into() }
    );
}

#[test]
fn least_loaded_compares_load_against_capacity_and_breaks_ties_in_turn() {
    // ann is 2/10 full, bo 1/2, cy 3/12: ann is the least full.
    let agents = [agent("ann", 2, 10), agent("bo", 1, 2), agent("cy", 3, 12)];
    assert_eq!(
        pick(RoutingStrategy::LeastLoaded, &need("t", 0), &agents, &RoutingCursor::default()).as_deref(),
        Some("ann")
    );
    // ann 1/4 and bo 2/8 are exactly as full (no rounding): the turn decides.
    let tied = [agent("ann", 1, 4), agent("bo", 2, 8), agent("cy", 1, 2)];
    let after_ann = RoutingCursor { last_assigned: [("support".to_string(), "ann".to_string())].into_iter().collect() };
    assert_eq!(
        pick(RoutingStrategy::LeastLoaded, &need("t", 0), &tied, &RoutingCursor::default()).as_deref(),
        Some("ann")
    );
    assert_eq!(pick(RoutingStrategy::LeastLoaded, &need("t", 0), &tied, &after_ann).as_deref(), Some("bo"));
}

#[test]
fn skills_based_filters_then_prefers_skill_then_load() {
    let agents = [
        skilled("ann", 0, 5, &[("german", 5)]),
        skilled("bo", 0, 5, &[("german", 4), ("billing", 3)]),
        skilled("cy", 4, 5, &[("german", 5), ("billing", 5)]),
        skilled("dee", 1, 5, &[("german", 5), ("billing", 5)]),
        skilled("eve", 0, 5, &[("billing", 5)]),
    ];
    let mut need = need("t", 0);
    need.required_skills = vec![requirement("german", 4), requirement("billing", 2)];
    // bo, cy and dee qualify; cy and dee have the higher skill sum; dee is less loaded.
    assert_eq!(pick(RoutingStrategy::SkillsBased, &need, &agents, &RoutingCursor::default()).as_deref(), Some("dee"));
    need.required_skills = vec![requirement("german", 5), requirement("billing", 5)];
    let full_dee =
        [skilled("cy", 4, 5, &[("german", 5), ("billing", 5)]), skilled("dee", 5, 5, &[("german", 5), ("billing", 5)])];
    assert_eq!(pick(RoutingStrategy::SkillsBased, &need, &full_dee, &RoutingCursor::default()).as_deref(), Some("cy"));
    // Without requirements it behaves like least-loaded.
    need.required_skills.clear();
    assert_eq!(pick(RoutingStrategy::SkillsBased, &need, &agents, &RoutingCursor::default()).as_deref(), Some("ann"));
}

#[test]
fn the_order_agents_are_listed_in_does_not_matter() {
    let agents = vec![agent("ann", 1, 4), agent("bo", 0, 3), agent("cy", 2, 4), agent("dee", 0, 1)];
    let mut reversed = agents.clone();
    reversed.reverse();
    for strategy in [RoutingStrategy::RoundRobin, RoutingStrategy::LeastLoaded, RoutingStrategy::SkillsBased] {
        let needs: Vec<RoutingNeed> = (0..6).map(|n| need(&format!("t{n}"), n)).collect();
        let forward = route_batch(strategy, &needs, &agents, &RoutingCursor::default());
        let backward = route_batch(strategy, &needs, &reversed, &RoutingCursor::default());
        assert_eq!(forward.assignments, backward.assignments, "{strategy:?}");
        assert_eq!(forward, route_batch(strategy, &needs, &agents, &RoutingCursor::default()), "{strategy:?}");
    }
}
