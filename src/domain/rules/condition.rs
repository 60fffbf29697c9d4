//! Conditions as written in a rule: a field, an operator and a JSON value. The value stays untyped here so
//! that a wrong one ("priority is 7") reaches validation and comes back as a 422 naming the exact condition,
//! instead of failing the whole body at deserialisation.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// `{"all": [...]}` (every entry must hold) or `{"any": [...]}` (at least one). Entries are conditions or
/// one more level of groups, which is enough for "A and (B or C)" without becoming a query language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionGroup {
    All(Vec<ConditionNode>),
    Any(Vec<ConditionNode>),
}

impl Default for ConditionGroup {
    /// No conditions: the rule applies to every ticket its trigger sees.
    fn default() -> Self {
        ConditionGroup::All(Vec::new())
    }
}

impl ConditionGroup {
    pub fn nodes(&self) -> &[ConditionNode] {
        match self {
            ConditionGroup::All(nodes) | ConditionGroup::Any(nodes) => nodes,
        }
    }

    /// `all` or `any`, as the group appears in a field path.
    pub fn key(&self) -> &'static str {
        match self {
            ConditionGroup::All(_) => "all",
            ConditionGroup::Any(_) => "any",
        }
    }
}

/// One entry of a group. Serialised without a wrapper: a condition object or a group object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ConditionNode {
    Condition(Condition),
    Group(ConditionGroup),
}

impl<'de> Deserialize<'de> for ConditionNode {
    /// Dispatches on the keys instead of serde's `untagged` guessing, so a broken condition reports its own
    /// error ("unknown variant `prio`") rather than "did not match any variant".
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let is_group = value.get("all").is_some() || value.get("any").is_some();
        if is_group {
            serde_json::from_value(value).map(ConditionNode::Group).map_err(serde::de::Error::custom)
        } else {
            serde_json::from_value(value).map(ConditionNode::Condition).map_err(serde::de::Error::custom)
        }
    }
}

/// `{"field": "priority", "op": "is", "value": "high"}`. Operators without a value (`changed`) omit it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub field: ConditionField,
    pub op: Operator,
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub value: Value,
}

impl Condition {
    pub fn new(field: ConditionField, op: Operator, value: Value) -> Condition {
        Condition { field, op, value }
    }
}

/// What a condition looks at: the ticket, its requester, the triggering message, the clock, or the event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionField {
    Status,
    Priority,
    Channel,
    TeamId,
    AssigneeId,
    Tags,
    Subject,
    Category,
    #[serde(rename = "type")]
    TicketType,
    Brand,
    RequesterEmailDomain,
    RequesterVip,
    RequesterSegment,
    RequesterLanguage,
    /// The text of the message that triggered the event (empty for other events).
    MessageText,
    /// Computed by the caller from the business-hours calendar; the engine has no clock of its own.
    WithinBusinessHours,
    /// Who caused the event: customer, agent, system or automation.
    Actor,
    TimeSinceCreated,
    TimeSinceUpdated,
    TimeSinceStatusChange,
    TimeSinceCustomerMessage,
    TimeSinceAgentReply,
}

impl ConditionField {
    pub fn as_str(self) -> &'static str {
        match self {
            ConditionField::Status => "status",
            ConditionField::Priority => "priority",
            ConditionField::Channel => "channel",
            ConditionField::TeamId => "team_id",
            ConditionField::AssigneeId => "assignee_id",
            ConditionField::Tags => "tags",
            ConditionField::Subject => "subject",
            ConditionField::Category => "category",
            ConditionField::TicketType => "type",
            ConditionField::Brand => "brand",
            ConditionField::RequesterEmailDomain => "requester_email_domain",
            ConditionField::RequesterVip => "requester_vip",
            ConditionField::RequesterSegment => "requester_segment",
            ConditionField::RequesterLanguage => "requester_language",
            ConditionField::MessageText => "message_text",
            ConditionField::WithinBusinessHours => "within_business_hours",
            ConditionField::Actor => "actor",
            ConditionField::TimeSinceCreated => "time_since_created",
            ConditionField::TimeSinceUpdated => "time_since_updated",
            ConditionField::TimeSinceStatusChange => "time_since_status_change",
            ConditionField::TimeSinceCustomerMessage => "time_since_customer_message",
            ConditionField::TimeSinceAgentReply => "time_since_agent_reply",
        }
    }
}

/// How a condition compares. Which operators a field accepts is decided in one table
/// ([`super::operator_fits_field`]), so the editor and validation agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operator {
    Is,
    IsNot,
    OneOf,
    NotOneOf,
    /// Text: case-insensitive, accent- and umlaut-tolerant substring. Tags: the ticket has this tag.
    Contains,
    NotContains,
    /// Priority above / durations longer than the value.
    Gt,
    Lt,
    /// The field changed in this event (only `ticket_updated` events carry changes).
    Changed,
    ChangedFrom,
    ChangedTo,
}

impl Operator {
    pub fn as_str(self) -> &'static str {
        match self {
            Operator::Is => "is",
            Operator::IsNot => "is_not",
            Operator::OneOf => "one_of",
            Operator::NotOneOf => "not_one_of",
            Operator::Contains => "contains",
            Operator::NotContains => "not_contains",
            Operator::Gt => "gt",
            Operator::Lt => "lt",
            Operator::Changed => "changed",
            Operator::ChangedFrom => "changed_from",
            Operator::ChangedTo => "changed_to",
        }
    }

    /// Operators that read the event's change list rather than the ticket.
    pub fn reads_changes(self) -> bool {
        matches!(self, Operator::Changed | Operator::ChangedFrom | Operator::ChangedTo)
    }
}
