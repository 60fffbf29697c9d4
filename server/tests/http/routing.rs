//! Automatic routing end to end: round robin hands out evenly, capacity is never exceeded and a freed agent gets
//! the next waiting ticket (VIP customers first), offline and away agents get nothing, and the routing REST calls
//! are for supervisors and admins.

use crate::common;

use common::routing::{
    actor_of, loads, patch_user, queue_of, routing_agents, set_availability, set_routing, team, team_agent, timeline,
};
use common::tickets::{body_json, error_parts, get_ticket, id_of, patch_ok, sign_in, staff_ticket};
use common::TestApp;
use serde_json::json;
use std::time::Instant;
use tidings::domain::{Channel, Priority, TicketStatus};
use tidings::service::{now, TicketUpdate};
use tidings::store::{EventRecord, MessageRecord, NewTicketRecord};

on_both_backends!(
    round_robin_gives_five_agents_two_hundred_tickets_each,
    capacity_holds_and_a_freed_agent_takes_the_vip_ticket_first,
    offline_and_away_agents_get_nothing,
    skills_routing_needs_the_skills_the_ticket_asks_for,
    routing_settings_are_for_supervisors_and_admins,
);

async fn round_robin_gives_five_agents_two_hundred_tickets_each(app: TestApp) {
    let admin = app.admin().await;
    let team_id = team(&app, &admin, "Technical").await;
    set_routing(&app, &admin, &team_id, "round_robin").await;
    let mut agents = Vec::new();
    for n in 0..5 {
        let (_, id) = team_agent(&app, &admin, &format!("agent{n}@example.com"), &team_id, 1000, "online").await;
        agents.push(id);
    }
    let (_, customer) = sign_in(&app, &admin, "carla@example.com", "customer").await;
    let admin_id = app.state.services.store().find_credentials(common::ADMIN_EMAIL).await.unwrap().unwrap().0.id;
    let staff = actor_of(&app, &admin_id).await;
    let services = &app.state.services;

    // Filed through the store and routed through the services: a thousand tickets over HTTP would take too long.
    let started = Instant::now();
    for n in 0..1000 {
        let ticket = services.store().insert_ticket(&new_ticket(&id_of(&customer), n)).await.unwrap();
        // Filing it with the team routes it.
        let update = TicketUpdate { team_id: Some(Some(team_id.clone())), ..TicketUpdate::default() };
        let routed = services.update_ticket(&staff, &ticket.id, update).await.unwrap();
        assert!(routed.assignee.is_some(), "ticket {n} was routed");
    }
    println!("routed 1000 tickets in {:.1} s", started.elapsed().as_secs_f64());
    let supervisor = app.admin().await;
    assert_eq!(loads(&app, &supervisor, &agents).await, [200; 5], "exactly 200 each");
    assert_eq!(queue_of(&app, &supervisor, &team_id).await["waiting"], 0);
}

/// An API ticket of `requester` with its opening message, as the store takes it.
fn new_ticket(requester: &str, n: usize) -> NewTicketRecord {
    let id = format!("round-robin-{n:04}");
    let at = now();
    NewTicketRecord {
        id: id.clone(),
        subject: format!("Question {n}"),
        status: TicketStatus::New,
        priority: Priority::Normal,
        ticket_type: None,
        category: None,
        channel: Channel::Api,
        requester_id: requester.to_string(),
        team_id: None,
        language: None,
        tags: Vec::new(),
        context: None,
        created_at: at,
        first_message: MessageRecord {
            id: format!("{id}-message"),
            ticket_id: id.clone(),
            author_id: requester.to_string(),
            body: "The player shows a black screen.".into(),
            internal: false,
            channel: Channel::Api,
            created_at: at,
            provider_message_id: None,
            delivery: None,
        },
        created_event: EventRecord {
            id: format!("{id}-created"),
            ticket_id: id,
            actor_id: None,
            kind: "created".into(),
            data: "{}".into(),
            created_at: at,
        },
    }
}

async fn capacity_holds_and_a_freed_agent_takes_the_vip_ticket_first(app: TestApp) {
    let admin = app.admin().await;
    let team_id = team(&app, &admin, "Billing").await;
    set_routing(&app, &admin, &team_id, "round_robin").await;
    let mut agents = Vec::new();
    for n in 0..3 {
        agents.push(team_agent(&app, &admin, &format!("agent{n}@example.com"), &team_id, 2, "online").await);
    }
    let ids: Vec<String> = agents.iter().map(|(_, id)| id.clone()).collect();
    let (_, regular) = sign_in(&app, &admin, "carla@example.com", "customer").await;
    let (_, vip) = sign_in(&app, &admin, "vera@example.com", "customer").await;
    let vip_user = patch_user(&app, &admin, &id_of(&vip), json!({"segment": "VIP"})).await;
    assert_eq!(vip_user["segment"], "vip", "segments are stored in lower case");

    let mut tickets = Vec::new();
    for n in 0..10 {
        // The VIP customer's ticket comes late, so it waits behind older ones.
        let requester = if n == 8 { &vip } else { &regular };
        let email = requester["email"].as_str().unwrap();
        let ticket = staff_ticket(&app, &admin, email, &format!("Invoice {n}"), json!({})).await;
        let ticket = patch_ok(&app, &admin, &id_of(&ticket), json!({"team_id": team_id})).await;
        tickets.push(ticket);
    }
    let assigned = tickets.iter().filter(|ticket| !ticket["assignee"].is_null()).count();
    assert_eq!(assigned, 6, "three agents with room for two each");
    assert_eq!(loads(&app, &admin, &ids).await, [2, 2, 2]);
    let queue = queue_of(&app, &admin, &team_id).await;
    assert_eq!((queue["waiting"].as_u64(), queue["vip_waiting"].as_u64()), (Some(4), Some(1)));
    let waiting_id = id_of(&tickets[9]);
    let why = timeline(&app, &admin, &waiting_id).await;
    let queued = why.iter().find(|(kind, _)| kind == "routing_queued").expect("the reason is on the timeline");
    assert_eq!(queued.1["reason"], "everyone_at_capacity");

    // The first agent resolves one of theirs: exactly one waiting ticket moves, the VIP's, to them.
    let (first_agent, first_id) = &agents[0];
    let theirs = tickets.iter().find(|ticket| ticket["assignee"]["id"] == first_id.as_str()).expect("one of theirs");
    patch_ok(&app, first_agent, &id_of(theirs), json!({"status": "resolved"})).await;
    let vip_ticket = get_ticket(&app, &admin, &id_of(&tickets[8])).await;
    assert_eq!(vip_ticket["assignee"]["id"], first_id.as_str(), "the VIP ticket went to the freed agent");
    assert_eq!(loads(&app, &admin, &ids).await, [2, 2, 2], "nobody over capacity");
    let queue = queue_of(&app, &admin, &team_id).await;
    assert_eq!((queue["waiting"].as_u64(), queue["vip_waiting"].as_u64()), (Some(3), Some(0)));
    let routed = timeline(&app, &admin, &id_of(&tickets[8])).await;
    let assigned = routed.iter().rev().find(|(kind, _)| kind == "assigned").expect("assigned on the timeline");
    assert_eq!((assigned.1["to"].as_str(), assigned.1["by"].as_str()), (Some(first_id.as_str()), Some("round_robin")));
}

async fn offline_and_away_agents_get_nothing(app: TestApp) {
    let admin = app.admin().await;
    let team_id = team(&app, &admin, "Accounts").await;
    set_routing(&app, &admin, &team_id, "least_loaded").await;
    let (online, online_id) = team_agent(&app, &admin, "online@example.com", &team_id, 10, "online").await;
    let (away, away_id) = team_agent(&app, &admin, "away@example.com", &team_id, 10, "away").await;
    let (_, offline_id) = team_agent(&app, &admin, "offline@example.com", &team_id, 10, "offline").await;
    let (_, gone_id) = team_agent(&app, &admin, "gone@example.com", &team_id, 10, "online").await;
    patch_user(&app, &admin, &gone_id, json!({"active": false})).await;
    let (_, customer) = sign_in(&app, &admin, "carla@example.com", "customer").await;
    let email = customer["email"].as_str().unwrap().to_string();
    let ids = [online_id.clone(), away_id.clone(), offline_id.clone()];

    for n in 0..4 {
        let ticket = staff_ticket(&app, &admin, &email, &format!("Password {n}"), json!({})).await;
        let ticket = patch_ok(&app, &admin, &id_of(&ticket), json!({"team_id": team_id})).await;
        assert_eq!(ticket["assignee"]["id"], online_id.as_str(), "only the online agent");
    }
    assert_eq!(loads(&app, &admin, &ids).await, [4, 0, 0]);
    assert!(!routing_agents(&app, &admin).await.iter().any(|agent| agent["id"] == gone_id.as_str()), "deactivated");

    set_availability(&app, &online, "offline").await;
    let ticket = staff_ticket(&app, &admin, &email, "Nobody there", json!({})).await;
    let ticket = patch_ok(&app, &admin, &id_of(&ticket), json!({"team_id": team_id})).await;
    assert!(ticket["assignee"].is_null(), "stays in the queue");
    let why = timeline(&app, &admin, &id_of(&ticket)).await;
    assert!(why.iter().any(|(kind, data)| kind == "routing_queued" && data["reason"] == "nobody_available"));

    // Coming online hands the queue out.
    set_availability(&app, &away, "online").await;
    assert_eq!(get_ticket(&app, &admin, &id_of(&ticket)).await["assignee"]["id"], away_id.as_str());
    assert_eq!(loads(&app, &admin, &ids).await, [4, 1, 0]);
}

async fn skills_routing_needs_the_skills_the_ticket_asks_for(app: TestApp) {
    let admin = app.admin().await;
    let team_id = team(&app, &admin, "Courses").await;
    set_routing(&app, &admin, &team_id, "skills").await;
    let (_, fluent) = team_agent(&app, &admin, "fluent@example.com", &team_id, 10, "online").await;
    let (_, basic) = team_agent(&app, &admin, "basic@example.com", &team_id, 10, "online").await;
    for (agent, level) in [(&fluent, 4), (&basic, 1)] {
        let skills = json!([{"skill": "german", "level": level}]);
        let response = admin.put(app.url(&format!("/api/v1/users/{agent}/skills"))).json(&skills).send().await;
        assert_eq!(response.unwrap().status(), 200);
    }
    let rules = json!([{"language": "de", "skill": "german", "min_level": 3},
                       {"category": "Billing", "skill": "billing", "min_level": 2}]);
    let saved = admin.put(app.url("/api/v1/routing/skill-requirements")).json(&rules).send().await.unwrap();
    assert_eq!(saved.status(), 200);
    let (_, customer) = sign_in(&app, &admin, "carla@example.com", "customer").await;
    let email = customer["email"].as_str().unwrap().to_string();

    // Staff-filed tickets have no language until triage reads it: German here.
    for n in 0..3 {
        let body = json!({"body": "Ich komme nicht in meinen Kurs, bitte helfen Sie mir."});
        let ticket = staff_ticket(&app, &admin, &email, &format!("Kurs {n}"), body).await;
        let ticket = patch_ok(&app, &admin, &id_of(&ticket), json!({"team_id": team_id})).await;
        assert_eq!(ticket["language"], "de");
        assert_eq!(ticket["assignee"]["id"], fluent.as_str(), "only the fluent German speaker");
    }
    let billing = staff_ticket(&app, &admin, &email, "Invoice", json!({"category": "Billing/Invoices"})).await;
    let billing = patch_ok(&app, &admin, &id_of(&billing), json!({"team_id": team_id})).await;
    assert!(billing["assignee"].is_null(), "nobody has the billing skill");
    let why = timeline(&app, &admin, &id_of(&billing)).await;
    assert!(why.iter().any(|(kind, data)| kind == "routing_queued" && data["reason"] == "nobody_has_the_skills"));
    assert_eq!(loads(&app, &admin, &[fluent, basic]).await, [3, 0]);
}

async fn routing_settings_are_for_supervisors_and_admins(app: TestApp) {
    let admin = app.admin().await;
    let team_id = team(&app, &admin, "Privacy").await;
    let (agent, agent_user) = sign_in(&app, &admin, "agent@example.com", "agent").await;
    let (supervisor, _) = sign_in(&app, &admin, "sue@example.com", "supervisor").await;
    let agent_id = id_of(&agent_user);

    let refused = agent.get(app.url("/api/v1/routing/agents")).send().await.unwrap();
    assert_eq!(refused.status(), 403);
    let refused = agent.post(app.url("/api/v1/triage/train")).send().await.unwrap();
    assert_eq!(refused.status(), 403);
    let refused = supervisor.post(app.url("/api/v1/triage/train")).send().await.unwrap();
    assert_eq!(refused.status(), 403, "training is for admins");
    let refused = supervisor
        .put(app.url(&format!("/api/v1/teams/{team_id}/routing")))
        .json(&json!({"routing_strategy": "skills"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    assert!(!routing_agents(&app, &supervisor).await.is_empty(), "supervisors watch routing");

    let skills = admin.put(app.url(&format!("/api/v1/users/{agent_id}/skills")));
    let bad = skills.json(&json!([{"skill": "german", "level": 3}, {"skill": "billing", "level": 7}])).send().await;
    let (status, code, field, message) = error_parts(bad.unwrap()).await;
    assert_eq!((status, code.as_str(), field.as_deref()), (422, "invalid_level", Some("level")), "{message}");
    assert!(message.contains("billing"), "{message}");
    let good = admin
        .put(app.url(&format!("/api/v1/users/{agent_id}/skills")))
        .json(&json!([{"skill": "German", "level": 3}, {"skill": "billing", "level": 1}]))
        .send()
        .await
        .unwrap();
    assert_eq!(good.status(), 200);
    assert_eq!(
        body_json(good).await["items"],
        json!([{"skill": "billing", "level": 1}, {"skill": "german", "level": 3}])
    );
    let listed = routing_agents(&app, &supervisor).await;
    let row = listed.iter().find(|agent| agent["id"] == agent_id.as_str()).expect("agent listed");
    assert_eq!((row["capacity"].as_u64(), row["availability"].as_str()), (Some(20), Some("offline")));
    assert_eq!(row["skills"].as_array().map(Vec::len), Some(2));
    let refused = agent.put(app.url(&format!("/api/v1/users/{agent_id}/skills"))).json(&json!([])).send().await;
    assert_eq!(refused.unwrap().status(), 403);

    let rules = json!([{"language": "de", "skill": "german", "min_level": 2},
                       {"category": "Billing", "skill": "billing", "min_level": 1}]);
    let saved = admin.put(app.url("/api/v1/routing/skill-requirements")).json(&rules).send().await.unwrap();
    assert_eq!(saved.status(), 200);
    let read = supervisor.get(app.url("/api/v1/routing/skill-requirements")).send().await.unwrap();
    let read = body_json(read).await;
    assert_eq!(read["items"][0], json!({"category": null, "language": "de", "skill": "german", "min_level": 2}));
    let bad = admin.put(app.url("/api/v1/routing/skill-requirements")).json(&json!([{"skill": "x", "min_level": 2}]));
    let (status, _, field, _) = error_parts(bad.send().await.unwrap()).await;
    assert_eq!((status, field.as_deref()), (422, Some("category")), "a rule must say which tickets it is for");

    let bad = admin.patch(app.url(&format!("/api/v1/users/{agent_id}"))).json(&json!({"max_tickets": -1}));
    let (status, _, field, _) = error_parts(bad.send().await.unwrap()).await;
    assert_eq!((status, field.as_deref()), (422, Some("max_tickets")));
    let bad =
        admin.put(app.url(&format!("/api/v1/teams/{team_id}/routing"))).json(&json!({"routing_strategy": "dice"}));
    let (status, _, field, _) = error_parts(bad.send().await.unwrap()).await;
    assert_eq!((status, field.as_deref()), (422, Some("routing_strategy")));
    let openapi = body_json(app.browser().get(app.url("/api/v1/openapi.json")).send().await.unwrap()).await;
    for path in
        ["/api/v1/routing/agents", "/api/v1/users/{id}/skills", "/api/v1/triage/train", "/api/v1/tickets/{id}/triage"]
    {
        assert!(openapi["paths"].get(path).is_some(), "{path} is documented");
    }
}
