//! Triage's storage in the store contract, on SQLite and PostgreSQL alike: a ticket's triage stored with the
//! changes it causes, the team model saved with revisions, and the resolved tickets it learns from.

use crate::common;

use common::fixtures::{draft, event, unique, user};
use std::sync::Arc;
use tidings::domain::{Priority, Role, Team, TicketStatus};
use tidings::service::now;
use tidings::store::{EventRecord, Store, TicketChanges, TicketTriageRecord};

contract!(
    triage_is_stored_with_the_changes_it_causes,
    the_team_model_is_saved_with_revisions,
    training_examples_are_resolved_tickets_with_a_team_and_their_opening_message,
);

fn triage_of(ticket_id: &str, team_id: Option<&str>) -> TicketTriageRecord {
    TicketTriageRecord {
        ticket_id: ticket_id.into(),
        language: Some("de".into()),
        language_confidence: Some(0.75),
        sentiment: "negative".into(),
        sentiment_score: -0.5,
        suggested_team_id: team_id.map(str::to_string),
        team_confidence: team_id.map(|_| 0.875),
        urgency_keyword: Some("Prüfung … morgen".into()),
        reasons: vec!["language de (0.75)".into(), "urgent: keyword 'Prüfung … morgen'".into()],
        learned_team_id: None,
        created_at: now(),
    }
}

async fn triage_is_stored_with_the_changes_it_causes(store: Arc<dyn Store>) {
    let customer = user(&store, Role::Customer).await;
    let team_id = unique("team");
    store.insert_team(&Team { id: team_id.clone(), name: team_id.clone() }, now()).await.unwrap();
    let ticket = store.insert_ticket(&draft(&customer, "Dringend", now())).await.unwrap();
    let mut spoken = draft(&customer, "Spoken", now());
    spoken.language = Some("en".into());
    let spoken = store.insert_ticket(&spoken).await.unwrap();

    let changes = TicketChanges {
        priority: Some(Priority::Urgent),
        team_id: Some(Some(team_id.clone())),
        ..TicketChanges::default()
    };
    let triage = triage_of(&ticket.id, Some(&team_id));
    // The timeline is ordered by time: the second event is a moment later (ids are not ordered).
    let triaged = event(&ticket.id, "triaged");
    let priority_changed = EventRecord {
        created_at: triaged.created_at + chrono::Duration::milliseconds(1),
        ..event(&ticket.id, "priority_changed")
    };
    let events = [triaged, priority_changed];
    let stored = store.record_triage(&triage, &changes, Some("de"), &events, now()).await.unwrap().expect("ticket");
    assert_eq!((stored.priority, stored.team_id.as_deref()), (Priority::Urgent, Some(team_id.as_str())));
    assert_eq!(stored.language.as_deref(), Some("de"), "an empty language is filled in");
    let kinds: Vec<String> = store.list_events(&ticket.id).await.unwrap().into_iter().map(|e| e.kind).collect();
    assert_eq!(kinds, ["created", "triaged", "priority_changed"]);
    assert_eq!(store.find_ticket_triage(&ticket.id).await.unwrap(), Some(triage), "read back as written");

    let kept = store
        .record_triage(&triage_of(&spoken.id, None), &TicketChanges::default(), Some("de"), &[], now())
        .await
        .unwrap()
        .expect("ticket");
    assert_eq!(kept.language.as_deref(), Some("en"), "a language already set is kept");
    let nothing = TicketChanges::default();
    let missing = store.record_triage(&triage_of("no-ticket", None), &nothing, None, &[], now()).await.unwrap();
    assert_eq!(missing, None);

    let mut sentiments = store.list_ticket_sentiments(&[ticket.id.clone(), "other".into()]).await.unwrap();
    sentiments.sort();
    assert_eq!(sentiments, [(ticket.id.clone(), "negative".to_string())]);
    store.set_triage_learned_team(&ticket.id, &team_id).await.unwrap();
    let learned = store.find_ticket_triage(&ticket.id).await.unwrap().unwrap().learned_team_id;
    assert_eq!(learned.as_deref(), Some(team_id.as_str()));
}

async fn the_team_model_is_saved_with_revisions(store: Arc<dyn Store>) {
    assert_eq!(store.triage_model_revision().await.unwrap(), None);
    assert_eq!(store.find_triage_model().await.unwrap(), None);
    let at = now();
    assert_eq!(store.update_triage_model(None, "{\"a\":1}", at, 1).await.unwrap(), Some(1), "the first model");
    assert_eq!(store.update_triage_model(None, "{\"b\":1}", at, 1).await.unwrap(), None, "one exists already");
    assert_eq!(store.update_triage_model(Some(1), "{\"c\":2}", at, 2).await.unwrap(), Some(2));
    assert_eq!(store.update_triage_model(Some(1), "{\"d\":2}", at, 2).await.unwrap(), None, "a stale revision");
    assert_eq!(store.replace_triage_model("{\"e\":9}", at, 9).await.unwrap(), 3, "training replaces any revision");
    let stored = store.find_triage_model().await.unwrap().expect("a model");
    assert_eq!((stored.model.as_str(), stored.example_count, stored.revision), ("{\"e\":9}", 9, 3));
    assert_eq!(stored.trained_at, at);
    assert_eq!(store.triage_model_revision().await.unwrap(), Some(3));
}

async fn training_examples_are_resolved_tickets_with_a_team_and_their_opening_message(store: Arc<dyn Store>) {
    let customer = user(&store, Role::Customer).await;
    let team_id = unique("team");
    store.insert_team(&Team { id: team_id.clone(), name: team_id.clone() }, now()).await.unwrap();
    let mut learned = Vec::new();
    for (subject, status, team) in [
        ("Resolved with team", TicketStatus::Resolved, Some(&team_id)),
        ("Open with team", TicketStatus::Open, Some(&team_id)),
        ("Closed with team", TicketStatus::Closed, Some(&team_id)),
        ("Resolved without team", TicketStatus::Resolved, None),
    ] {
        let ticket = store.insert_ticket(&draft(&customer, subject, now())).await.unwrap();
        let changes = TicketChanges { status: Some(status), team_id: Some(team.cloned()), ..TicketChanges::default() };
        store.update_ticket(&ticket.id, &changes, &[], now()).await.unwrap();
        if team.is_some() && status != TicketStatus::Open {
            learned.push((ticket.id, subject));
        }
    }
    let examples = store.list_training_examples(100).await.unwrap();
    let got: Vec<(String, &str, &str, &str)> = examples
        .iter()
        .map(|example| {
            (example.ticket_id.clone(), example.team_id.as_str(), example.subject.as_str(), example.body.as_str())
        })
        .collect();
    let want: Vec<(String, &str, &str, String)> = learned
        .iter()
        .map(|(id, subject)| (id.clone(), team_id.as_str(), *subject, format!("{subject} opening")))
        .collect();
    assert_eq!(got.len(), want.len());
    for (got, want) in got.iter().zip(&want) {
        assert_eq!((&got.0, got.1, got.2, got.3), (&want.0, want.1, want.2, want.3.as_str()));
    }
    assert_eq!(store.list_training_examples(1).await.unwrap().len(), 1, "limited");
}
