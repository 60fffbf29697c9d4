//! The websocket protocol of `/ws` (shared/API.md, "Widget and realtime"): what clients send, what the server
//! answers, and the pure rules around it (topic names, frame limits, the per-socket flood guard). Shared with
//! the browser, which speaks the same frames.

use serde::{Deserialize, Serialize};

use super::{Message, NamedRef, Role, Ticket};

/// What a socket can listen to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Topic {
    /// Every ticket the listener may see: all of them for staff, their own for a customer or widget visitor.
    Inbox,
    /// One ticket: its changes, messages, typing and who is viewing it.
    Ticket(String),
    /// Staff only: agents' availability (online, away, offline).
    Agents,
    /// Staff only: the report numbers changed (a ticket change reached the rollups); the dashboards reload theirs.
    Analytics,
}

impl Topic {
    /// Parses `inbox`, `agents`, `analytics` or `ticket:<id>`; anything else is an unknown topic.
    pub fn parse(name: &str) -> Option<Topic> {
        match name {
            "inbox" => Some(Topic::Inbox),
            "agents" => Some(Topic::Agents),
            "analytics" => Some(Topic::Analytics),
            _ => {
                let id = name.strip_prefix("ticket:")?;
                let plausible = !id.is_empty()
                    && id.len() <= 64
                    && id.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_');
                plausible.then(|| Topic::Ticket(id.to_string()))
            }
        }
    }

    pub fn name(&self) -> String {
        match self {
            Topic::Inbox => "inbox".to_string(),
            Topic::Agents => "agents".to_string(),
            Topic::Analytics => "analytics".to_string(),
            Topic::Ticket(id) => format!("ticket:{id}"),
        }
    }
}

/// A frame from the client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientFrame {
    /// Start listening; with `since`, first replay what happened after that sequence number.
    Subscribe {
        topic: String,
        since: Option<u64>,
    },
    Unsubscribe {
        topic: String,
    },
    /// "I am typing in this ticket" (sent at most every few seconds while typing).
    Typing {
        ticket_id: String,
    },
    /// "I have read this ticket's thread up to this message" (read receipts in chats).
    Read {
        ticket_id: String,
        message_id: String,
    },
    Ping,
}

/// Why a client frame was refused; the code of the error frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameError {
    /// Not JSON, or not one of the frames above.
    Malformed,
    /// Over the text size limit: the socket is closed with a policy code.
    TooLarge,
}

impl FrameError {
    pub fn code(self) -> &'static str {
        match self {
            FrameError::Malformed => "malformed_frame",
            FrameError::TooLarge => "frame_too_large",
        }
    }
}

impl ClientFrame {
    /// The largest text frame a client may send. Every legitimate frame is far smaller.
    pub const MAX_BYTES: usize = 4 * 1024;

    pub fn parse(text: &str) -> Result<ClientFrame, FrameError> {
        if text.len() > Self::MAX_BYTES {
            return Err(FrameError::TooLarge);
        }
        serde_json::from_str(text).map_err(|_| FrameError::Malformed)
    }
}

/// An agent's chat availability.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    Online,
    Away,
    Offline,
}

impl Availability {
    pub const ALL: [Availability; 3] = [Availability::Online, Availability::Away, Availability::Offline];

    pub fn as_str(self) -> &'static str {
        match self {
            Availability::Online => "online",
            Availability::Away => "away",
            Availability::Offline => "offline",
        }
    }

    pub fn parse(value: &str) -> Option<Availability> {
        Availability::ALL.into_iter().find(|availability| availability.as_str() == value)
    }
}

/// An agent's chat availability, limit and current load (`GET /agents/availability`, the chat page).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AgentLoad {
    pub user_id: String,
    pub name: String,
    pub availability: Availability,
    /// The most chats they take at once.
    pub max_chats: u32,
    /// Chats assigned to them that are not finished.
    pub active_chats: u32,
}

/// Someone named in a live event, with the role that tells a chat which side they are on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LivePerson {
    pub id: String,
    pub name: String,
    pub role: Role,
}

/// What happened, as the listener may see it (the REST shapes for tickets and messages).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LiveEvent {
    TicketCreated {
        ticket: Box<Ticket>,
    },
    TicketUpdated {
        ticket: Box<Ticket>,
    },
    /// A new message, with the ticket as it is after it (a reply may reopen it).
    MessageCreated {
        ticket_id: String,
        message: Box<Message>,
        ticket: Box<Ticket>,
    },
    /// Someone is typing in the ticket; shown for a few seconds.
    Typing {
        ticket_id: String,
        user: LivePerson,
    },
    /// Who has the ticket open now (staff only): the collision warning.
    Presence {
        ticket_id: String,
        viewers: Vec<NamedRef>,
    },
    /// Someone read the thread up to `message_id`.
    Read {
        ticket_id: String,
        user: LivePerson,
        message_id: String,
    },
    /// An agent's availability changed (topic `agents`).
    Availability {
        user: NamedRef,
        availability: Availability,
        max_chats: u32,
    },
    /// Ticket changes reached the report numbers (topic `analytics`). Carries no numbers: a listener reloads the
    /// ones it may see, so nothing reaches a socket that its user could not ask for.
    AnalyticsChanged,
}

impl LiveEvent {
    /// Kept in the event log and replayed after a reconnect; the others are moments that only matter live.
    pub fn is_durable(&self) -> bool {
        matches!(
            self,
            LiveEvent::TicketCreated { .. } | LiveEvent::TicketUpdated { .. } | LiveEvent::MessageCreated { .. }
        )
    }
}

/// A frame from the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerFrame {
    /// `seq` increases per topic. Moments that are not logged (typing, presence) carry the sequence number of
    /// the last logged event, so a client that remembers the highest `seq` it saw never skips one.
    Event {
        seq: u64,
        topic: String,
        event: LiveEvent,
    },
    /// The subscription is in place; everything after `seq` will arrive (replayed first if `since` was given).
    Subscribed {
        topic: String,
        seq: u64,
    },
    Unsubscribed {
        topic: String,
    },
    /// `since` is older than the log keeps: reload the topic's data, then carry on from `seq`.
    Resync {
        topic: String,
        seq: u64,
    },
    Pong,
    Error {
        code: String,
        message: String,
        topic: Option<String>,
    },
}

impl ServerFrame {
    pub fn error(code: &str, message: &str, topic: Option<&str>) -> ServerFrame {
        ServerFrame::Error { code: code.to_string(), message: message.to_string(), topic: topic.map(str::to_string) }
    }
}

/// A token bucket for one socket's frames: a burst, then a steady rate. Time is passed in (seconds since
/// any fixed start) so the rule is pure.
#[derive(Clone, Debug)]
pub struct FrameBudget {
    per_second: f64,
    burst: f64,
    tokens: f64,
    last: f64,
}

impl FrameBudget {
    pub fn new(per_second: f64, burst: f64) -> FrameBudget {
        FrameBudget { per_second, burst, tokens: burst, last: 0.0 }
    }

    /// Takes one frame's token at time `now`; false when the client is over its budget.
    pub fn take(&mut self, now: f64) -> bool {
        let elapsed = (now - self.last).max(0.0);
        self.last = now;
        self.tokens = (self.tokens + elapsed * self.per_second).min(self.burst);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_round_trip_and_reject_unknown_names() {
        for name in ["inbox", "agents", "analytics", "ticket:0192-abc_D"] {
            assert_eq!(Topic::parse(name).map(|topic| topic.name()), Some(name.to_string()));
        }
        for name in ["", "Inbox", "ticket:", "ticket:a b", "ticket:../x", "tickets:1", "user:1"] {
            assert_eq!(Topic::parse(name), None, "{name}");
        }
        assert_eq!(Topic::parse(&format!("ticket:{}", "a".repeat(65))), None);
    }

    #[test]
    fn client_frames_parse_as_the_contract_writes_them() {
        assert_eq!(
            ClientFrame::parse(r#"{"type":"subscribe","topic":"inbox","since":null}"#),
            Ok(ClientFrame::Subscribe { topic: "inbox".into(), since: None })
        );
        assert_eq!(
            ClientFrame::parse(r#"{"type":"subscribe","topic":"ticket:t1","since":41}"#),
            Ok(ClientFrame::Subscribe { topic: "ticket:t1".into(), since: Some(41) })
        );
        assert_eq!(ClientFrame::parse(r#"{"type":"ping"}"#), Ok(ClientFrame::Ping));
        assert_eq!(
            ClientFrame::parse(r#"{"type":"typing","ticket_id":"t1"}"#),
            Ok(ClientFrame::Typing { ticket_id: "t1".into() })
        );
        assert_eq!(ClientFrame::parse("{not json"), Err(FrameError::Malformed));
        assert_eq!(ClientFrame::parse(r#"{"type":"shout"}"#), Err(FrameError::Malformed));
        assert_eq!(ClientFrame::parse(r#"{"type":"subscribe"}"#), Err(FrameError::Malformed));
        let huge = format!(r#"{{"type":"typing","ticket_id":"{}"}}"#, "x".repeat(ClientFrame::MAX_BYTES));
        assert_eq!(ClientFrame::parse(&huge), Err(FrameError::TooLarge));
    }

    #[test]
    fn server_frames_carry_type_and_kind_tags() {
        let frame = ServerFrame::Event {
            seq: 7,
            topic: "ticket:t1".into(),
            event: LiveEvent::Typing {
                ticket_id: "t1".into(),
                user: LivePerson { id: "u1".into(), name: "Ann".into(), role: Role::Agent },
            },
        };
        let json = serde_json::to_value(&frame).unwrap();
        assert_eq!(json["type"], "event");
        assert_eq!(json["seq"], 7);
        assert_eq!(json["event"]["kind"], "typing");
        assert_eq!(serde_json::to_value(ServerFrame::Pong).unwrap(), serde_json::json!({"type": "pong"}));
        let error = serde_json::to_value(ServerFrame::error("unknown_topic", "No such topic.", Some("x"))).unwrap();
        assert_eq!(error["code"], "unknown_topic");
    }

    #[test]
    fn only_ticket_changes_and_messages_are_durable() {
        let typing = LiveEvent::Typing {
            ticket_id: "t".into(),
            user: LivePerson { id: "u".into(), name: "U".into(), role: Role::Customer },
        };
        assert!(!typing.is_durable());
        assert!(!LiveEvent::Presence { ticket_id: "t".into(), viewers: vec![] }.is_durable());
        assert!(!LiveEvent::AnalyticsChanged.is_durable());
        let changed = ServerFrame::Event { seq: 3, topic: "analytics".into(), event: LiveEvent::AnalyticsChanged };
        assert_eq!(serde_json::to_value(changed).unwrap()["event"], serde_json::json!({"kind": "analytics_changed"}));
    }

    #[test]
    fn frame_budget_allows_a_burst_then_the_steady_rate() {
        let mut budget = FrameBudget::new(10.0, 20.0);
        let granted = (0..50).filter(|_| budget.take(0.0)).count();
        assert_eq!(granted, 20, "a burst of 20 at one instant");
        assert!(!budget.take(0.05), "half a token after 50 ms is not enough");
        assert!(budget.take(0.1), "one token after 100 ms");
        assert_eq!((0..30).filter(|_| budget.take(10.0)).count(), 20, "refills up to the burst, no more");
    }

    #[test]
    fn availability_names_round_trip() {
        for availability in Availability::ALL {
            assert_eq!(Availability::parse(availability.as_str()), Some(availability));
        }
        assert_eq!(Availability::parse("busy"), None);
    }
}
