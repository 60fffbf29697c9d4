//! The one table of what each condition field holds and which operators fit it, and the parsing of a
//! condition's JSON value into a typed operand.

use chrono::TimeDelta;
use serde_json::Value;

use super::condition::{ConditionField, Operator};
use super::duration::RuleDuration;
use super::error::RuleErrorKind;
use super::event::EventActor;
use super::text::{fold_label, Needle};
use crate::domain::ticket::{CategoryPath, Channel, Priority, Tag, TicketStatus};

/// The type of value a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ValueKind {
    Status,
    Priority,
    Channel,
    Actor,
    Bool,
    /// Ids compared exactly (teams, agents).
    Id,
    /// Names compared folded (brand, type, segment, language, email domain).
    Label,
    Tag,
    Category,
    /// Free text searched with `contains`.
    Text,
    Duration,
}

/// A typed condition value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Scalar {
    Status(TicketStatus),
    Priority(Priority),
    Channel(Channel),
    Actor(EventActor),
    Bool(bool),
    Id(String),
    Label(String),
    Tag(Tag),
    Category(CategoryPath),
    Text(Needle),
    Duration(TimeDelta),
}

/// What a condition compares against: nothing (`changed`), one value, or a list. `None` inside stands for
/// "not set" (no team, no category) on fields that can be empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Operand {
    Nothing,
    One(Option<Scalar>),
    Many(Vec<Option<Scalar>>),
}

pub(crate) fn value_kind(field: ConditionField) -> ValueKind {
    use ConditionField as F;
    match field {
        F::Status => ValueKind::Status,
        F::Priority => ValueKind::Priority,
        F::Channel => ValueKind::Channel,
        F::Actor => ValueKind::Actor,
        F::RequesterVip | F::WithinBusinessHours => ValueKind::Bool,
        F::TeamId | F::AssigneeId => ValueKind::Id,
        F::TicketType | F::Brand | F::RequesterEmailDomain | F::RequesterSegment | F::RequesterLanguage => {
            ValueKind::Label
        }
        F::Tags => ValueKind::Tag,
        F::Category => ValueKind::Category,
        F::Subject | F::MessageText => ValueKind::Text,
        F::TimeSinceCreated
        | F::TimeSinceUpdated
        | F::TimeSinceStatusChange
        | F::TimeSinceCustomerMessage
        | F::TimeSinceAgentReply => ValueKind::Duration,
    }
}

/// Fields that may be unset on a ticket, so `is null` ("no team") makes sense.
pub(crate) fn is_optional(field: ConditionField) -> bool {
    matches!(value_kind(field), ValueKind::Id | ValueKind::Label | ValueKind::Category)
}

/// Which operators a field accepts.
pub fn operator_fits_field(field: ConditionField, op: Operator) -> bool {
    use Operator as O;
    let equality = matches!(op, O::Is | O::IsNot | O::OneOf | O::NotOneOf);
    let change = op.reads_changes();
    let text = matches!(op, O::Contains | O::NotContains);
    let order = matches!(op, O::Gt | O::Lt);
    match value_kind(field) {
        ValueKind::Priority => equality || change || order,
        ValueKind::Status | ValueKind::Id => equality || change,
        ValueKind::Channel | ValueKind::Actor | ValueKind::Category => equality,
        ValueKind::Bool => matches!(op, O::Is | O::IsNot),
        ValueKind::Label => equality || (text && field == ConditionField::RequesterEmailDomain),
        ValueKind::Tag => text || matches!(op, O::OneOf | O::NotOneOf),
        ValueKind::Text => text,
        ValueKind::Duration => order,
    }
}

/// Parses a condition's value for `field` and `op`; the error goes on the condition's `value` path.
pub(crate) fn parse_operand(field: ConditionField, op: Operator, value: &Value) -> Result<Operand, RuleErrorKind> {
    let kind = match (value_kind(field), op) {
        (ValueKind::Label, Operator::Contains | Operator::NotContains) => ValueKind::Text,
        (kind, _) => kind,
    };
    let nullable = is_optional(field) && !matches!(op, Operator::Contains | Operator::NotContains);
    match op {
        Operator::Changed if value.is_null() => Ok(Operand::Nothing),
        Operator::Changed => Err(RuleErrorKind::WrongValueType { expected: "no value for `changed`" }),
        Operator::OneOf | Operator::NotOneOf => {
            let items = value.as_array().ok_or(RuleErrorKind::WrongValueType { expected: "a list of values" })?;
            if items.is_empty() {
                return Err(RuleErrorKind::InvalidValue { message: "list at least one value".into() });
            }
            let parsed: Result<Vec<_>, _> = items.iter().map(|item| parse_one(field, kind, nullable, item)).collect();
            parsed.map(Operand::Many)
        }
        _ => parse_one(field, kind, nullable, value).map(Operand::One),
    }
}

fn parse_one(
    field: ConditionField,
    kind: ValueKind,
    nullable: bool,
    value: &Value,
) -> Result<Option<Scalar>, RuleErrorKind> {
    if value.is_null() && nullable {
        return Ok(None);
    }
    let expected = expected_text(kind);
    let text = || value.as_str().ok_or(RuleErrorKind::WrongValueType { expected });
    let unknown = |raw: &str| RuleErrorKind::UnknownValue { field: field.as_str(), value: raw.to_string() };
    let invalid = |message: String| RuleErrorKind::InvalidValue { message };
    let scalar = match kind {
        ValueKind::Status => text().and_then(|raw| TicketStatus::parse(raw).map(Scalar::Status).ok_or(unknown(raw)))?,
        ValueKind::Priority => text().and_then(|raw| Priority::parse(raw).map(Scalar::Priority).ok_or(unknown(raw)))?,
        ValueKind::Channel => text().and_then(|raw| Channel::parse(raw).map(Scalar::Channel).ok_or(unknown(raw)))?,
        ValueKind::Actor => text().and_then(|raw| EventActor::parse(raw).map(Scalar::Actor).ok_or(unknown(raw)))?,
        ValueKind::Bool => Scalar::Bool(value.as_bool().ok_or(RuleErrorKind::WrongValueType { expected })?),
        ValueKind::Id => Scalar::Id(non_blank(text()?)?.to_string()),
        ValueKind::Label => Scalar::Label(fold_label(non_blank(text()?)?)),
        ValueKind::Tag => Scalar::Tag(Tag::parse(text()?).map_err(|error| invalid(error.message))?),
        ValueKind::Category => Scalar::Category(CategoryPath::parse(text()?).map_err(|error| invalid(error.message))?),
        ValueKind::Text => {
            Scalar::Text(Needle::new(text()?).ok_or_else(|| invalid("search for at least one letter or digit".into()))?)
        }
        ValueKind::Duration => {
            let duration: RuleDuration =
                serde_json::from_value(value.clone()).map_err(|_| RuleErrorKind::WrongValueType { expected })?;
            if duration.is_zero() {
                return Err(RuleErrorKind::ZeroDuration);
            }
            Scalar::Duration(duration.to_delta())
        }
    };
    Ok(Some(scalar))
}

fn non_blank(raw: &str) -> Result<&str, RuleErrorKind> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        Err(RuleErrorKind::Required)
    } else {
        Ok(trimmed)
    }
}

fn expected_text(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::Status => "a status name",
        ValueKind::Priority => "a priority name",
        ValueKind::Channel => "a channel name",
        ValueKind::Actor => "an actor name",
        ValueKind::Bool => "true or false",
        ValueKind::Id => "an id",
        ValueKind::Label | ValueKind::Text => "a text",
        ValueKind::Tag => "a tag",
        ValueKind::Category => "a category path",
        ValueKind::Duration => "a duration like {\"hours\": 4}",
    }
}
