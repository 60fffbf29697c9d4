//! Why a rule was refused: the path of the offending part (`conditions.all[1].value`, `actions[0].team_id`)
//! and a typed reason, so the REST layer can answer 422 pointing at the exact input and the editor can
//! highlight it.

use std::fmt;

use serde::Serialize;

use crate::domain::ticket::TicketStatus;

/// A refused rule: where and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{path}: {kind}")]
pub struct RuleError {
    /// Dotted path into the rule's JSON, with `[n]` for list positions.
    pub path: String,
    pub kind: RuleErrorKind,
}

impl RuleError {
    pub(crate) fn new(path: impl Into<String>, kind: RuleErrorKind) -> RuleError {
        RuleError { path: path.into(), kind }
    }

    /// A stable code for clients and translations.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }
}

/// The reasons a rule can be refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum RuleErrorKind {
    #[error("this value is required")]
    Required,
    #[error("use at most {max} characters")]
    TooLong { max: usize },
    #[error("`{op}` cannot be used on {field}")]
    OperatorNotAllowed { field: &'static str, op: &'static str },
    #[error("expected {expected}")]
    WrongValueType { expected: &'static str },
    #[error("\"{value}\" is not a known {field}")]
    UnknownValue { field: &'static str, value: String },
    #[error("{message}")]
    InvalidValue { message: String },
    #[error("no ticket can ever match: {reason}")]
    ImpossibleConditions { reason: String },
    #[error("groups can be nested only one level deep")]
    GroupTooDeep,
    #[error("`{op}` needs a ticket_updated trigger, since only updates carry changes")]
    ChangesNeedUpdateTrigger { op: &'static str },
    #[error("add at least one action")]
    NoActions,
    #[error("there is no {kind} \"{id}\"")]
    UnknownReference { kind: ReferenceKind, id: String },
    #[error("rules cannot move a ticket to {status}")]
    StatusNotSettable { status: TicketStatus },
    #[error("the duration must be longer than zero")]
    ZeroDuration,
    #[error("the webhook URL {reason}")]
    InvalidWebhookUrl { reason: &'static str },
    #[error("contradicts action {other}")]
    ConflictingActions { other: usize },
}

impl RuleErrorKind {
    pub fn code(&self) -> &'static str {
        match self {
            RuleErrorKind::Required => "required",
            RuleErrorKind::TooLong { .. } => "too_long",
            RuleErrorKind::OperatorNotAllowed { .. } => "operator_not_allowed",
            RuleErrorKind::WrongValueType { .. } => "wrong_value_type",
            RuleErrorKind::UnknownValue { .. } => "unknown_value",
            RuleErrorKind::InvalidValue { .. } => "invalid_value",
            RuleErrorKind::ImpossibleConditions { .. } => "impossible_conditions",
            RuleErrorKind::GroupTooDeep => "group_too_deep",
            RuleErrorKind::ChangesNeedUpdateTrigger { .. } => "changes_need_update_trigger",
            RuleErrorKind::NoActions => "no_actions",
            RuleErrorKind::UnknownReference { .. } => "unknown_reference",
            RuleErrorKind::StatusNotSettable { .. } => "status_not_settable",
            RuleErrorKind::ZeroDuration => "zero_duration",
            RuleErrorKind::InvalidWebhookUrl { .. } => "invalid_webhook_url",
            RuleErrorKind::ConflictingActions { .. } => "conflicting_actions",
        }
    }
}

/// The kinds of things a rule can point at that may be deleted later.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceKind {
    Team,
    Agent,
    CannedReply,
    Category,
    Brand,
}

impl fmt::Display for ReferenceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ReferenceKind::Team => "team",
            ReferenceKind::Agent => "active agent",
            ReferenceKind::CannedReply => "canned reply",
            ReferenceKind::Category => "category",
            ReferenceKind::Brand => "brand",
        })
    }
}
