//! What a rule does. Field actions change the ticket (and later rules in the same pass see the change);
//! the others are effects the service carries out: replies, notes, notifications, webhooks.

use serde::{Deserialize, Serialize};

use crate::domain::ticket::{Priority, Tag, TicketStatus};

/// One action: `{"type": "add_tag", "tag": "vip"}`. Resolving is `{"type": "set_status", "status":
/// "resolved"}`; [`Action::resolve`] spells it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Action {
    SetStatus {
        status: TicketStatus,
    },
    SetPriority {
        priority: Priority,
    },
    AssignTeam {
        team_id: String,
    },
    AssignAgent {
        agent_id: String,
    },
    AddTag {
        tag: Tag,
    },
    RemoveTag {
        tag: Tag,
    },
    /// A public reply from a canned response, its placeholders filled by the service.
    SendCannedReply {
        canned_id: String,
    },
    AddInternalNote {
        text: String,
    },
    Notify {
        target: NotifyTarget,
        text: String,
    },
    /// A POST of the ticket event to an outside URL (`http` or `https` only).
    Webhook {
        url: String,
    },
}

impl Action {
    pub fn resolve() -> Action {
        Action::SetStatus { status: TicketStatus::Resolved }
    }

    /// Whether the action changes a ticket field (and so can take part in a rule loop).
    pub fn changes_ticket(&self) -> bool {
        matches!(
            self,
            Action::SetStatus { .. }
                | Action::SetPriority { .. }
                | Action::AssignTeam { .. }
                | Action::AssignAgent { .. }
                | Action::AddTag { .. }
                | Action::RemoveTag { .. }
        )
    }

    /// The `type` tag, as a field path shows it.
    pub fn kind(&self) -> &'static str {
        match self {
            Action::SetStatus { .. } => "set_status",
            Action::SetPriority { .. } => "set_priority",
            Action::AssignTeam { .. } => "assign_team",
            Action::AssignAgent { .. } => "assign_agent",
            Action::AddTag { .. } => "add_tag",
            Action::RemoveTag { .. } => "remove_tag",
            Action::SendCannedReply { .. } => "send_canned_reply",
            Action::AddInternalNote { .. } => "add_internal_note",
            Action::Notify { .. } => "notify",
            Action::Webhook { .. } => "webhook",
        }
    }
}

/// Who a notification goes to: `"supervisors"`, `"assignee"`, `"team"` (the ticket's team) or
/// `{"user": "<agent id>"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotifyTarget {
    Supervisors,
    Assignee,
    Team,
    User(String),
}
