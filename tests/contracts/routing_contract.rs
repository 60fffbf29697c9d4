//! Routing's storage in the store contract, on SQLite and PostgreSQL alike: capacity and segments on users, skills,
//! team strategies with their cursor, skill requirements, the team queues, and routing decisions that are stored
//! only while they still hold.

use crate::common;

use common::fixtures::{draft, event, unique, user};
use std::sync::Arc;
use tidings::domain::live::Availability;
use tidings::domain::routing::{SkillRule, TeamRouting};
use tidings::domain::{Role, Team};
use tidings::service::now;
use tidings::store::{RoutedAssignment, RoutedClaim, Store, TicketChanges, UserUpdate};

contract!(
    capacity_and_segment_are_kept_on_the_user,
    skills_are_replaced_whole_and_listed_with_load_and_teams,
    team_strategies_and_skill_requirements_round_trip,
    routed_assignments_are_stored_only_while_they_hold,
    team_queues_put_vip_customers_first,
);

fn update() -> UserUpdate {
    UserUpdate { updated_at: now(), ..UserUpdate::default() }
}

async fn team(store: &Arc<dyn Store>) -> String {
    let id = unique("team");
    store.insert_team(&Team { id: id.clone(), name: id.clone() }, now()).await.unwrap();
    id
}

/// An agent in `team_id`, online, with this capacity.
async fn agent(store: &Arc<dyn Store>, team_id: &str, capacity: u32) -> String {
    let id = user(store, Role::Agent).await;
    let change = UserUpdate { team_ids: Some(vec![team_id.to_string()]), max_tickets: Some(capacity), ..update() };
    store.update_user(&id, &change).await.unwrap();
    assert!(store.set_availability(&id, Availability::Online, None, now()).await.unwrap());
    id
}

/// A waiting ticket of `team_id` filed by `requester`.
async fn waiting(store: &Arc<dyn Store>, requester: &str, team_id: &str, subject: &str) -> String {
    let mut ticket = draft(requester, subject, now());
    ticket.team_id = Some(team_id.to_string());
    store.insert_ticket(&ticket).await.unwrap().id
}

fn routed(ticket_id: &str, team_id: &str, agent_id: &str) -> RoutedAssignment {
    RoutedAssignment {
        ticket_id: ticket_id.into(),
        team_id: team_id.into(),
        agent_id: agent_id.into(),
        events: vec![event(ticket_id, "assigned")],
        at: now(),
    }
}

async fn capacity_and_segment_are_kept_on_the_user(store: Arc<dyn Store>) {
    let customer = user(&store, Role::Customer).await;
    let fresh = store.find_user(&customer).await.unwrap().unwrap();
    assert_eq!((fresh.max_tickets, fresh.segment.as_deref()), (20, None), "the defaults");
    let change = UserUpdate { max_tickets: Some(7), segment: Some(Some("vip".into())), ..update() };
    let changed = store.update_user(&customer, &change).await.unwrap().unwrap();
    assert_eq!((changed.max_tickets, changed.segment.as_deref()), (7, Some("vip")));
    let unrelated = store.update_user(&customer, &UserUpdate { name: Some("Carla".into()), ..update() }).await.unwrap();
    assert_eq!(unrelated.unwrap().segment.as_deref(), Some("vip"), "left alone when not named");
    let cleared = store.update_user(&customer, &UserUpdate { segment: Some(None), ..update() }).await.unwrap().unwrap();
    assert_eq!((cleared.max_tickets, cleared.segment), (7, None));
}

async fn skills_are_replaced_whole_and_listed_with_load_and_teams(store: Arc<dyn Store>) {
    let team_id = team(&store).await;
    let ada = agent(&store, &team_id, 5).await;
    let other = user(&store, Role::Agent).await;
    let customer = user(&store, Role::Customer).await;
    assert!(store.replace_agent_skills(&ada, &[("billing".into(), 2), ("german".into(), 4)]).await.unwrap());
    assert!(store.replace_agent_skills(&ada, &[("german".into(), 5)]).await.unwrap(), "replaced whole");
    assert!(!store.replace_agent_skills("nobody", &[("german".into(), 1)]).await.unwrap());
    let ticket = waiting(&store, &customer, &team_id, "Load").await;
    let change = TicketChanges { assignee_id: Some(Some(ada.clone())), ..TicketChanges::default() };
    store.update_ticket(&ticket, &change, &[], now()).await.unwrap();

    let in_team = store.list_routing_agents(Some(&team_id)).await.unwrap();
    assert_eq!(in_team.len(), 1, "only the team's members");
    let listed = &in_team[0];
    assert_eq!(listed.user_id, ada);
    assert_eq!(listed.skills, [("german".to_string(), 5)]);
    assert_eq!((listed.availability, listed.max_tickets), (Availability::Online, 5));
    assert_eq!((listed.open_tickets, listed.open_chats), (1, 0));
    assert_eq!(listed.team_ids, std::slice::from_ref(&team_id));
    let everyone = store.list_routing_agents(None).await.unwrap();
    assert!(everyone.iter().any(|agent| agent.user_id == other), "every active staff member without a team");
    assert!(!everyone.iter().any(|agent| agent.user_id == customer), "never a customer");
    store.update_user(&other, &UserUpdate { active: Some(false), ..update() }).await.unwrap();
    assert!(!store.list_routing_agents(None).await.unwrap().iter().any(|agent| agent.user_id == other), "deactivated");
}

async fn team_strategies_and_skill_requirements_round_trip(store: Arc<dyn Store>) {
    let team_id = team(&store).await;
    let fresh = store.find_team_routing(&team_id).await.unwrap().unwrap();
    assert_eq!((fresh.routing, fresh.cursor), (TeamRouting::Manual, None), "teams start manual");
    assert!(store.set_team_routing(&team_id, TeamRouting::LeastLoaded).await.unwrap());
    assert!(!store.set_team_routing("no-team", TeamRouting::Skills).await.unwrap());
    let listed = store.list_team_routing().await.unwrap();
    assert_eq!(
        listed.iter().find(|team| team.team_id == team_id).map(|team| team.routing),
        Some(TeamRouting::LeastLoaded)
    );

    let rules = vec![
        SkillRule::parse(None, Some("de"), "German", 3).unwrap(),
        SkillRule::parse(Some("Billing"), None, "billing", 2).unwrap(),
        SkillRule::parse(Some("Courses"), Some("en"), "courses", 1).unwrap(),
    ];
    store.replace_skill_requirements(&rules).await.unwrap();
    assert_eq!(store.list_skill_requirements().await.unwrap(), rules, "in the order given");
    store.replace_skill_requirements(&rules[1..2]).await.unwrap();
    assert_eq!(store.list_skill_requirements().await.unwrap(), &rules[1..2]);
    store.replace_skill_requirements(&[]).await.unwrap();
    assert!(store.list_skill_requirements().await.unwrap().is_empty());
}

async fn routed_assignments_are_stored_only_while_they_hold(store: Arc<dyn Store>) {
    let team_id = team(&store).await;
    let other_team = team(&store).await;
    let customer = user(&store, Role::Customer).await;
    let ada = agent(&store, &team_id, 1).await;
    let outsider = agent(&store, &other_team, 5).await;
    let first = waiting(&store, &customer, &team_id, "First").await;
    let second = waiting(&store, &customer, &team_id, "Second").await;

    store.set_availability(&ada, Availability::Away, None, now()).await.unwrap();
    assert_eq!(store.assign_routed(&routed(&first, &team_id, &ada)).await.unwrap(), RoutedClaim::AgentUnavailable);
    store.set_availability(&ada, Availability::Online, None, now()).await.unwrap();
    assert_eq!(
        store.assign_routed(&routed(&first, &team_id, &outsider)).await.unwrap(),
        RoutedClaim::AgentUnavailable,
        "not a member of the team"
    );
    let RoutedClaim::Assigned(ticket) = store.assign_routed(&routed(&first, &team_id, &ada)).await.unwrap() else {
        panic!("the first ticket goes to Ada");
    };
    assert_eq!(ticket.assignee_id.as_deref(), Some(ada.as_str()));
    assert_eq!(store.find_team_routing(&team_id).await.unwrap().unwrap().cursor.as_deref(), Some(ada.as_str()));
    assert_eq!(store.list_events(&first).await.unwrap().last().map(|e| e.kind.clone()).as_deref(), Some("assigned"));
    assert_eq!(store.assign_routed(&routed(&second, &team_id, &ada)).await.unwrap(), RoutedClaim::AtCapacity);
    let bea = agent(&store, &team_id, 5).await;
    assert_eq!(
        store.assign_routed(&routed(&first, &team_id, &bea)).await.unwrap(),
        RoutedClaim::NotWaiting,
        "an assigned ticket no longer waits"
    );

    store.update_user(&ada, &UserUpdate { active: Some(false), ..update() }).await.unwrap();
    let change = TicketChanges { status: Some(tidings::domain::TicketStatus::Resolved), ..TicketChanges::default() };
    store.update_ticket(&first, &change, &[], now()).await.unwrap();
    assert_eq!(
        store.assign_routed(&routed(&second, &team_id, &ada)).await.unwrap(),
        RoutedClaim::AgentUnavailable,
        "a deactivated agent is never chosen"
    );
}

async fn team_queues_put_vip_customers_first(store: Arc<dyn Store>) {
    let team_id = team(&store).await;
    let regular = user(&store, Role::Customer).await;
    let vip = user(&store, Role::Customer).await;
    store.update_user(&vip, &UserUpdate { segment: Some(Some("vip".into())), ..update() }).await.unwrap();
    let oldest = waiting(&store, &regular, &team_id, "Oldest").await;
    let newer = waiting(&store, &regular, &team_id, "Newer").await;
    let important = waiting(&store, &vip, &team_id, "Important").await;
    let taken = waiting(&store, &regular, &team_id, "Taken").await;
    let someone = agent(&store, &team_id, 10).await;
    let change = TicketChanges { assignee_id: Some(Some(someone)), ..TicketChanges::default() };
    store.update_ticket(&taken, &change, &[], now()).await.unwrap();

    let queue = store.list_waiting_tickets(&team_id, 10).await.unwrap();
    let ids: Vec<&str> = queue.iter().map(|ticket| ticket.ticket_id.as_str()).collect();
    assert_eq!(ids, [important.as_str(), oldest.as_str(), newer.as_str()]);
    assert_eq!(queue[0].requester_segment.as_deref(), Some("vip"));
    assert_eq!(store.list_waiting_tickets(&team_id, 1).await.unwrap().len(), 1, "limited");

    let queues = store.list_team_queues().await.unwrap();
    let mine = queues.iter().find(|queue| queue.team_id == team_id).expect("the team's queue");
    assert_eq!((mine.waiting, mine.vip_waiting), (3, 1));
    let oldest_at = store.find_ticket(&oldest).await.unwrap().unwrap().created_at;
    assert_eq!(mine.oldest_created_at, Some(oldest_at));
}
