//! The live model as the socket feeds it, from frames in their wire format.

use super::*;

fn frame(json: serde_json::Value) -> ServerFrame {
    serde_json::from_value(json).expect("a valid server frame")
}

fn ticket_json(id: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id, "number": 1001, "subject": "Login", "status": "open", "priority": "normal", "tags": [],
        "channel": "chat", "requester": {"id": "c1", "name": "Carla", "email": "c@example.com"},
        "created_at": "2026-11-21T10:00:00Z", "updated_at": "2026-11-21T10:00:00Z"
    })
}

fn message_created(seq: u64, topic: &str, author: &str) -> ServerFrame {
    frame(serde_json::json!({
        "type": "event", "seq": seq, "topic": topic,
        "event": {
            "kind": "message_created", "ticket_id": "t1", "ticket": ticket_json("t1"),
            "message": {
                "id": format!("m{seq}"), "ticket_id": "t1", "author": {"id": author, "name": "Carla", "role": "customer"},
                "body": "Hi", "body_html": "Hi", "internal": false, "channel": "chat", "attachments": [],
                "created_at": "2026-11-21T10:00:00Z"
            }
        }
    }))
}

fn typing(seq: u64, user: &str) -> ServerFrame {
    frame(serde_json::json!({
        "type": "event", "seq": seq, "topic": "ticket:t1",
        "event": {"kind": "typing", "ticket_id": "t1", "user": {"id": user, "name": format!("Name {user}"), "role": "customer"}}
    }))
}

#[test]
fn a_message_bumps_only_the_topic_it_arrived_on() {
    let mut model = LiveModel::default();
    model.apply(message_created(4, "inbox", "c1"), 0.0);
    assert_eq!(model.inbox_version, 1);
    assert!(model.ticket_versions.is_empty());
    model.apply(message_created(5, "ticket:t1", "c1"), 0.0);
    assert_eq!(model.inbox_version, 1);
    assert_eq!(model.ticket_versions.get("t1"), Some(&1));
}

#[test]
fn the_highest_seq_per_topic_is_remembered_for_the_reconnect() {
    let mut model = LiveModel::default();
    model.apply(frame(serde_json::json!({"type": "subscribed", "topic": "inbox", "seq": 7})), 0.0);
    assert_eq!(model.seqs.get("inbox"), Some(&7));
    model.apply(message_created(9, "inbox", "c1"), 0.0);
    // A moment carries the last logged number, which may be lower than one already seen.
    model.apply(typing(8, "c1"), 0.0);
    assert_eq!(model.seqs.get("inbox"), Some(&9));
    // A later subscribed frame (a resubscribe) does not move the mark back.
    model.apply(frame(serde_json::json!({"type": "subscribed", "topic": "inbox", "seq": 3})), 0.0);
    assert_eq!(model.seqs.get("inbox"), Some(&9));
}

#[test]
fn a_resync_reloads_the_topic_and_starts_from_its_seq() {
    let mut model = LiveModel::default();
    model.apply(message_created(2, "ticket:t1", "c1"), 0.0);
    model.apply(frame(serde_json::json!({"type": "resync", "topic": "ticket:t1", "seq": 5000})), 0.0);
    assert_eq!(model.ticket_versions.get("t1"), Some(&2));
    assert_eq!(model.seqs.get("ticket:t1"), Some(&5000));
}

#[test]
fn typing_shows_for_a_while_and_ends_with_the_typists_message() {
    let mut model = LiveModel::default();
    model.apply(typing(1, "c1"), 1_000.0);
    model.apply(typing(1, "a1"), 1_000.0);
    assert_eq!(model.typists("t1", "a1"), vec!["Name c1".to_string()], "my own typing is not shown to me");
    assert!(!model.expire_typing(1_000.0 + TYPING_SHOWN_MS - 1.0));
    model.apply(message_created(2, "ticket:t1", "c1"), 2_000.0);
    assert!(model.typists("t1", "a1").is_empty(), "the customer sent what they typed");
    assert!(model.expire_typing(1_000.0 + TYPING_SHOWN_MS + 1.0), "the agent's notice ran out");
    assert!(model.typing.is_empty());
}

#[test]
fn viewers_and_readers_leave_out_me() {
    let mut model = LiveModel::default();
    model.apply(
        frame(serde_json::json!({
            "type": "event", "seq": 1, "topic": "ticket:t1",
            "event": {"kind": "presence", "ticket_id": "t1", "viewers": [{"id": "a1", "name": "Ada"}, {"id": "a2", "name": "Ben"}]}
        })),
        0.0,
    );
    assert_eq!(model.other_viewers("t1", "a1"), vec!["Ben".to_string()]);
    model.apply(
        frame(serde_json::json!({
            "type": "event", "seq": 1, "topic": "ticket:t1",
            "event": {"kind": "read", "ticket_id": "t1", "message_id": "m3", "user": {"id": "c1", "name": "Carla", "role": "customer"}}
        })),
        0.0,
    );
    assert_eq!(model.readers_of("t1", "m3", "a1"), vec!["Carla".to_string()]);
    assert!(model.readers_of("t1", "m2", "a1").is_empty());
}

#[test]
fn report_changes_bump_only_the_analytics_version() {
    let mut model = LiveModel::default();
    let changed = |seq: u64| {
        frame(
            serde_json::json!({"type": "event", "seq": seq, "topic": "analytics", "event": {"kind": "analytics_changed"}}),
        )
    };
    model.apply(changed(4), 0.0);
    model.apply(changed(4), 0.0);
    assert_eq!((model.analytics_version, model.inbox_version, model.agents_version), (2, 0, 0));
    // After a long disconnect the dashboard reloads its numbers too.
    model.apply(frame(serde_json::json!({"type": "resync", "topic": "analytics", "seq": 9})), 0.0);
    assert_eq!(model.analytics_version, 3);
}
