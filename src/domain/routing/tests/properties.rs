use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;

fn any_agent(index: usize) -> impl Strategy<Value = AgentSlot> {
    (any::<bool>(), 0u32..8, 0u32..4, 0u32..8, 0u8..=5).prop_map(
        move |(available, tickets, chats, capacity, german)| {
            let mut slot = skilled(&format!("agent{index}"), tickets, capacity, &[("german", german)]);
            slot.available = available;
            slot.open_chats = chats;
            slot
        },
    )
}

fn any_agents() -> impl Strategy<Value = Vec<AgentSlot>> {
    (0usize..7).prop_flat_map(|count| (0..count).map(any_agent).collect::<Vec<_>>())
}

fn any_needs() -> impl Strategy<Value = Vec<RoutingNeed>> {
    prop::collection::vec((any::<bool>(), 0i64..500, 0u8..=5, any::<bool>()), 0..40).prop_map(|items| {
        items
            .into_iter()
            .enumerate()
            .map(|(n, (is_vip, minutes, german, chat))| RoutingNeed {
                is_vip,
                required_skills: if german > 0 { vec![requirement("german", german)] } else { Vec::new() },
                kind: if chat { WorkKind::Chat } else { WorkKind::Ticket },
                ..need(&format!("t{n}"), minutes)
            })
            .collect()
    })
}

fn any_strategy() -> impl Strategy<Value = RoutingStrategy> {
    prop_oneof![
        Just(RoutingStrategy::RoundRobin),
        Just(RoutingStrategy::LeastLoaded),
        Just(RoutingStrategy::SkillsBased)
    ]
}

proptest! {
    #[test]
    fn no_agent_is_ever_pushed_past_capacity_and_offline_agents_get_nothing(
        agents in any_agents(), needs in any_needs(), strategy in any_strategy()
    ) {
        let routed = route_batch(strategy, &needs, &agents, &RoutingCursor::default());
        let mut received: BTreeMap<&str, u32> = BTreeMap::new();
        for assignment in &routed.assignments {
            if let Some(agent_id) = assigned_to(&assignment.outcome) {
                *received.entry(agent_id).or_default() += 1;
            }
        }
        for (before, after) in agents.iter().zip(&routed.agents) {
            let got = received.get(before.agent_id.as_str()).copied().unwrap_or(0);
            prop_assert_eq!(after.load(), before.load() + got);
            if got > 0 {
                prop_assert!(before.available, "offline {} got work", before.agent_id);
                prop_assert!(after.load() <= after.capacity, "{} is over capacity", before.agent_id);
            }
        }
        // Without skill filtering, work is only queued once every available agent is full.
        if strategy != RoutingStrategy::SkillsBased {
            let room: u32 = agents.iter().filter(|a| a.available).map(|a| a.capacity.saturating_sub(a.load())).sum();
            let assigned: u32 = received.values().sum();
            prop_assert_eq!(assigned, room.min(u32::try_from(needs.len()).unwrap_or(u32::MAX)));
        }
        prop_assert_eq!(&routed, &route_batch(strategy, &needs, &agents, &RoutingCursor::default()));
    }

    #[test]
    fn skills_based_only_assigns_agents_meeting_every_requirement(agents in any_agents(), needs in any_needs()) {
        let routed = route_batch(RoutingStrategy::SkillsBased, &needs, &agents, &RoutingCursor::default());
        for assignment in &routed.assignments {
            if let Some(agent_id) = assigned_to(&assignment.outcome) {
                let need = needs.iter().find(|need| need.ticket_id == assignment.ticket_id).expect("routed need exists");
                let agent = agents.iter().find(|agent| agent.agent_id == agent_id).expect("assigned agent exists");
                prop_assert!(agent.meets(&need.required_skills));
            }
        }
    }
}
