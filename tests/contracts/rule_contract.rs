//! Automation rules' storage in the store contract, on SQLite and PostgreSQL alike: rules in run order, disabling
//! with warnings, defaults seeded once, per-ticket firing memory, the clock time rules count from, and durable
//! time-rule jobs that fire exactly once.

use crate::common;

use chrono::{Duration, SubsecRound};
use common::fixtures::{draft, event, message, unique, user};
use std::sync::Arc;
use tidings::domain::{Role, TicketStatus};
use tidings::service::now;
use tidings::store::{RuleJobRecord, RuleRecord, Store, TicketChanges};

contract!(
    rules_are_listed_in_run_order_and_updated_and_deleted,
    a_disabled_rule_keeps_its_warnings_until_saved_again,
    defaults_are_seeded_once,
    firings_are_remembered_per_ticket_and_rule,
    the_rule_clock_reads_status_changes_and_messages,
    a_job_fires_once_and_a_skipped_job_can_be_scheduled_again,
    the_automation_author_exists_but_is_not_listed,
);

fn rule(id: &str, position: i64) -> RuleRecord {
    let at = now();
    RuleRecord {
        id: id.into(),
        name: format!("Rule {id}"),
        position,
        enabled: true,
        definition: r#"{"trigger":{"type":"ticket_created"},"actions":[{"type":"add_tag","tag":"x"}]}"#.into(),
        warnings: None,
        created_at: at,
        updated_at: at,
    }
}

fn job(rule_id: &str, ticket_id: &str, due_in: Duration) -> RuleJobRecord {
    let anchor_at = now() - Duration::days(1);
    RuleJobRecord {
        fire_key: format!("{rule_id}/{ticket_id}/created_at/{}", anchor_at.timestamp_millis()),
        rule_id: rule_id.into(),
        ticket_id: ticket_id.into(),
        anchor: "created_at".into(),
        anchor_at,
        due_at: now() + due_in,
    }
}

async fn rules_are_listed_in_run_order_and_updated_and_deleted(store: Arc<dyn Store>) {
    let (b, a, c) = (unique("rule-b"), unique("rule-a"), unique("rule-c"));
    store.insert_rule(&rule(&b, 10)).await.unwrap();
    store.insert_rule(&rule(&a, 10)).await.unwrap();
    store.insert_rule(&rule(&c, 5)).await.unwrap();
    assert!(store.insert_rule(&rule(&a, 1)).await.is_err(), "a taken id is refused");
    let ids: Vec<String> = store.list_rules().await.unwrap().into_iter().map(|r| r.id).collect();
    assert_eq!(ids, [c.clone(), a.clone(), b.clone()], "position, then id");

    let mut changed = store.find_rule(&a).await.unwrap().expect("stored");
    assert_eq!(changed, rule(&a, 10).clone_with_times(&changed), "read back as written");
    changed.name = "Renamed".into();
    changed.enabled = false;
    changed.position = 1;
    changed.updated_at = now();
    assert!(store.update_rule(&changed).await.unwrap());
    assert_eq!(store.find_rule(&a).await.unwrap(), Some(changed.clone()));
    assert!(!store.update_rule(&rule("nope", 1)).await.unwrap());

    assert!(store.delete_rule(&a).await.unwrap());
    assert!(!store.delete_rule(&a).await.unwrap());
    assert_eq!(store.find_rule(&a).await.unwrap(), None);
}

trait WithTimes {
    fn clone_with_times(&self, stored: &RuleRecord) -> RuleRecord;
}

impl WithTimes for RuleRecord {
    /// This record with the stored one's timestamps (made at a different `now()`).
    fn clone_with_times(&self, stored: &RuleRecord) -> RuleRecord {
        RuleRecord { created_at: stored.created_at, updated_at: stored.updated_at, ..self.clone() }
    }
}

async fn a_disabled_rule_keeps_its_warnings_until_saved_again(store: Arc<dyn Store>) {
    let id = unique("rule");
    store.insert_rule(&rule(&id, 1)).await.unwrap();
    let warnings = r#"[{"path":"actions[0].agent_id","kind":"agent","id":"gone"}]"#;
    assert!(store.disable_rule(&id, warnings, now()).await.unwrap());
    let disabled = store.find_rule(&id).await.unwrap().unwrap();
    assert!(!disabled.enabled);
    assert_eq!(disabled.warnings.as_deref(), Some(warnings));
    assert!(!store.disable_rule("nope", warnings, now()).await.unwrap());

    let saved = RuleRecord { enabled: true, warnings: None, updated_at: now(), ..disabled };
    assert!(store.update_rule(&saved).await.unwrap());
    assert_eq!(store.find_rule(&id).await.unwrap().unwrap().warnings, None);
}

async fn defaults_are_seeded_once(store: Arc<dyn Store>) {
    let seed = unique("seed");
    let first = unique("default");
    assert!(store.seed_rules(&seed, &[rule(&first, 1)], now()).await.unwrap());
    assert!(store.delete_rule(&first).await.unwrap(), "an admin deletes the default");
    assert!(!store.seed_rules(&seed, &[rule(&first, 1)], now()).await.unwrap(), "planted before");
    assert_eq!(store.find_rule(&first).await.unwrap(), None, "a deleted default stays deleted");
}

async fn firings_are_remembered_per_ticket_and_rule(store: Arc<dyn Store>) {
    let customer = user(&store, Role::Customer).await;
    let ticket = store.insert_ticket(&draft(&customer, "Memory", now())).await.unwrap();
    let other = store.insert_ticket(&draft(&customer, "Other", now())).await.unwrap();
    let earlier = now() - Duration::hours(2);
    let rules = vec!["r1".to_string(), "r2".to_string()];
    store.record_rule_firings(&ticket.id, &rules, earlier).await.unwrap();
    let later = now();
    store.record_rule_firings(&ticket.id, &rules[..1], later).await.unwrap();
    store.record_rule_firings(&ticket.id, &[], later).await.unwrap();
    let memory = store.ticket_rule_memory(&ticket.id).await.unwrap();
    assert_eq!(memory.last_fired, [("r1".to_string(), later), ("r2".to_string(), earlier)]);
    assert!(memory.fired_jobs.is_empty());
    assert_eq!(store.ticket_rule_memory(&other.id).await.unwrap().last_fired, []);
}

async fn the_rule_clock_reads_status_changes_and_messages(store: Arc<dyn Store>) {
    let customer = user(&store, Role::Customer).await;
    let agent = user(&store, Role::Agent).await;
    let created = now() - Duration::hours(3);
    let ticket = store.insert_ticket(&draft(&customer, "Clock", created)).await.unwrap();
    let clock = store.ticket_rule_clock(&ticket.id).await.unwrap().expect("known ticket");
    assert_eq!(clock.status_changed_at, created, "never changed: since creation");
    assert_eq!(clock.last_customer_message_at, Some(created), "the opening message");
    assert_eq!(clock.last_agent_reply_at, None);

    let replied = (now() - Duration::hours(1)).trunc_subsecs(6);
    let reply = message(&ticket.id, &agent, "Answer", replied);
    let mut moved = event(&ticket.id, "status_changed");
    moved.data = r#"{"from":"new","to":"pending"}"#.into();
    moved.created_at = replied;
    let changes = TicketChanges { status: Some(TicketStatus::Pending), ..TicketChanges::default() };
    store.insert_message_with_attachments(&reply, &[], &changes, &[moved]).await.unwrap();
    let automatic = message(&ticket.id, "automation", "Thanks, we got it", now());
    store.insert_message_with_attachments(&automatic, &[], &TicketChanges::default(), &[]).await.unwrap();
    let clock = store.ticket_rule_clock(&ticket.id).await.unwrap().unwrap();
    assert_eq!(clock.status_changed_at, replied);
    assert_eq!(clock.last_agent_reply_at, Some(replied), "automatic replies are no agent's answer");
    assert_eq!(store.ticket_rule_clock("nope").await.unwrap(), None);
}

async fn a_job_fires_once_and_a_skipped_job_can_be_scheduled_again(store: Arc<dyn Store>) {
    let customer = user(&store, Role::Customer).await;
    let ticket = store.insert_ticket(&draft(&customer, "Jobs", now())).await.unwrap();
    let due = job("due", &ticket.id, -Duration::minutes(5));
    let later = job("later", &ticket.id, Duration::hours(5));
    store.schedule_rule_jobs(&[due.clone(), later.clone()], now()).await.unwrap();
    store.schedule_rule_jobs(std::slice::from_ref(&due), now()).await.unwrap();
    assert_eq!(store.list_due_rule_jobs(now(), 10).await.unwrap(), std::slice::from_ref(&due), "scheduled once");
    let moved = RuleJobRecord { due_at: now() + Duration::days(1), ..later.clone() };
    store.schedule_rule_jobs(std::slice::from_ref(&moved), now()).await.unwrap();
    assert_eq!(
        store.list_due_rule_jobs(now() + Duration::hours(6), 10).await.unwrap(),
        std::slice::from_ref(&due),
        "moved later"
    );

    assert!(store.claim_rule_job(&due, now()).await.unwrap(), "the first claim wins");
    assert!(!store.claim_rule_job(&due, now()).await.unwrap(), "and only the first");
    assert_eq!(store.list_due_rule_jobs(now(), 10).await.unwrap(), []);
    store.schedule_rule_jobs(std::slice::from_ref(&due), now()).await.unwrap();
    assert_eq!(store.list_due_rule_jobs(now(), 10).await.unwrap(), [], "a fired job stays fired");
    assert_eq!(store.ticket_rule_memory(&ticket.id).await.unwrap().fired_jobs, std::slice::from_ref(&due));

    let never_scheduled = job("direct", &ticket.id, -Duration::minutes(1));
    assert!(store.claim_rule_job(&never_scheduled, now()).await.unwrap(), "claimed without a schedule");
    assert!(!store.claim_rule_job(&never_scheduled, now()).await.unwrap());

    let skipped = job("skipped", &ticket.id, -Duration::minutes(1));
    store.schedule_rule_jobs(std::slice::from_ref(&skipped), now()).await.unwrap();
    store.skip_rule_jobs(std::slice::from_ref(&skipped.fire_key), now()).await.unwrap();
    assert_eq!(store.list_due_rule_jobs(now(), 10).await.unwrap(), []);
    let again = RuleJobRecord { due_at: now() - Duration::seconds(1), ..skipped.clone() };
    store.schedule_rule_jobs(std::slice::from_ref(&again), now()).await.unwrap();
    assert_eq!(store.list_due_rule_jobs(now(), 10).await.unwrap(), [again]);

    assert!(store.delete_rule("due").await.is_ok());
    assert!(store.ticket_rule_memory(&ticket.id).await.unwrap().fired_jobs.iter().all(|job| job.rule_id != "due"));
}

async fn the_automation_author_exists_but_is_not_listed(store: Arc<dyn Store>) {
    let author = store.find_user("automation").await.unwrap().expect("the automation user");
    assert!(!author.active, "nobody signs in as it or gets tickets assigned");
    assert!(store.list_active_staff().await.unwrap().iter().all(|user| user.id != "automation"));
    let (users, total) = store.list_users(100, 0).await.unwrap();
    assert!(users.iter().all(|user| user.id != "automation") && total == users.len() as u64);
}
