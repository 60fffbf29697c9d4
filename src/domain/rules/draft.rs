//! A rule as typed into the admin page's form (`/admin/rules`): name, trigger, active box and position as plain
//! fields, conditions and actions as JSON text. [`RuleDraft::to_json`] turns it into the JSON the rules service
//! takes, so the plain form handler and the preview server function build the same rule; a draft that cannot be
//! read is refused on the field at fault, before the service checks the rule itself.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::action::Action;
use super::condition::ConditionGroup;
use super::duration::RuleDuration;
use super::rule::{TimeAnchor, Trigger};
use super::view::RuleView;
use crate::domain::FieldError;

/// The trigger choice of a time rule in the form's select.
pub const ELAPSED_TRIGGER: &str = "elapsed";

/// The form's values, all as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleDraft {
    pub name: String,
    /// `ticket_created`, `ticket_updated`, `message_received`, `sla_warning`, `sla_breach` or `elapsed`.
    pub trigger: String,
    /// For `elapsed`: the anchor, e.g. `status_changed_at`.
    pub since: String,
    /// For `elapsed`: a whole number of `after_unit`s.
    pub after: String,
    /// `minutes`, `hours` or `days`.
    pub after_unit: String,
    pub enabled: bool,
    /// Empty: after the last rule (new rules) or unchanged (edits).
    pub position: String,
    /// `{"all": […]}` or `{"any": […]}`; empty means no conditions.
    pub conditions: String,
    /// `[{"type": …}, …]`.
    pub actions: String,
}

impl RuleDraft {
    /// A new rule's starting point: active, on new tickets, no conditions and an example action.
    pub fn blank() -> RuleDraft {
        RuleDraft {
            trigger: "ticket_created".into(),
            since: TimeAnchor::StatusChangedAt.as_str().into(),
            after_unit: "days".into(),
            enabled: true,
            conditions: "{\n  \"all\": []\n}".into(),
            actions: "[\n  {\"type\": \"add_tag\", \"tag\": \"example\"}\n]".into(),
            ..RuleDraft::default()
        }
    }

    /// A saved rule in the form, with its conditions and actions pretty-printed.
    pub fn from_view(rule: &RuleView) -> RuleDraft {
        let pretty = |value: Value| serde_json::to_string_pretty(&value).unwrap_or_default();
        let (trigger, since, after, after_unit) = match &rule.trigger {
            Trigger::Elapsed { since, at_least } => {
                let (after, unit) = match at_least {
                    RuleDuration::Minutes(n) => (n, "minutes"),
                    RuleDuration::Hours(n) => (n, "hours"),
                    RuleDuration::Days(n) => (n, "days"),
                };
                (ELAPSED_TRIGGER.to_string(), since.as_str().to_string(), after.to_string(), unit.to_string())
            }
            event => {
                (event.type_name().into(), TimeAnchor::StatusChangedAt.as_str().into(), String::new(), "days".into())
            }
        };
        RuleDraft {
            name: rule.name.clone(),
            trigger,
            since,
            after,
            after_unit,
            enabled: rule.enabled,
            position: rule.position.to_string(),
            conditions: pretty(serde_json::to_value(&rule.conditions).unwrap_or_default()),
            actions: pretty(serde_json::to_value(&rule.actions).unwrap_or_default()),
        }
    }

    /// The rule's JSON for the rules service (without `id`). JSON that does not parse, or does not have the
    /// shape of conditions or actions, is refused on `conditions` or `actions`; a time rule's span on
    /// `trigger.at_least`; a position that is not a whole number on `position`.
    pub fn to_json(&self) -> Result<Value, FieldError> {
        let mut rule = Map::new();
        rule.insert("name".into(), Value::String(self.name.trim().to_string()));
        rule.insert("enabled".into(), Value::Bool(self.enabled));
        rule.insert("trigger".into(), self.trigger_json()?);
        if !self.conditions.trim().is_empty() {
            rule.insert("conditions".into(), shaped::<ConditionGroup>("conditions", &self.conditions)?);
        }
        rule.insert("actions".into(), shaped::<Vec<Action>>("actions", &self.actions)?);
        let position = self.position.trim();
        if !position.is_empty() {
            let position = position
                .parse::<i32>()
                .map_err(|_| FieldError::new("position", "invalid_position", "The position must be a whole number."))?;
            rule.insert("position".into(), position.into());
        }
        Ok(Value::Object(rule))
    }

    fn trigger_json(&self) -> Result<Value, FieldError> {
        if self.trigger != ELAPSED_TRIGGER {
            return Ok(json!({ "type": self.trigger }));
        }
        let amount = self.after.trim().parse::<u32>().map_err(|_| {
            FieldError::new("trigger.at_least", "invalid_duration", "Give the waiting time as a whole number.")
        })?;
        let unit = match self.after_unit.as_str() {
            unit @ ("minutes" | "hours" | "days") => unit,
            _ => return Err(FieldError::new("trigger.at_least", "invalid_duration", "Choose minutes, hours or days.")),
        };
        Ok(json!({ "type": ELAPSED_TRIGGER, "since": self.since, "at_least": { unit: amount } }))
    }
}

/// `raw` as JSON that reads as a `T`, or a refusal on `field` saying why.
fn shaped<T: serde::de::DeserializeOwned>(field: &'static str, raw: &str) -> Result<Value, FieldError> {
    let value: Value = serde_json::from_str(raw)
        .map_err(|err| FieldError::new(field, "invalid_json", format!("This is not valid JSON: {err}.")))?;
    serde_json::from_value::<T>(value.clone()).map_err(|err| {
        FieldError::new(field, "malformed_rule", format!("This does not have the expected shape: {err}."))
    })?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn draft() -> RuleDraft {
        RuleDraft {
            name: " Tag VIP ".into(),
            conditions: r#"{"all": [{"field": "requester_vip", "op": "is", "value": true}]}"#.into(),
            actions: r#"[{"type": "add_tag", "tag": "vip"}]"#.into(),
            ..RuleDraft::blank()
        }
    }

    #[test]
    fn an_event_rule_becomes_the_services_json() {
        let value = draft().to_json().unwrap();
        assert_eq!(value["name"], "Tag VIP");
        assert_eq!(value["trigger"], json!({"type": "ticket_created"}));
        assert_eq!(value["actions"], json!([{"type": "add_tag", "tag": "vip"}]));
        assert_eq!(value["enabled"], true);
        assert!(value.get("position").is_none());
    }

    #[test]
    fn a_time_rule_carries_its_anchor_and_span() {
        let value = RuleDraft { trigger: "elapsed".into(), after: "3".into(), position: "20".into(), ..draft() }
            .to_json()
            .unwrap();
        assert_eq!(value["trigger"], json!({"type": "elapsed", "since": "status_changed_at", "at_least": {"days": 3}}));
        assert_eq!(value["position"], 20);
    }

    #[test]
    fn unreadable_parts_are_refused_on_their_field() {
        let field = |draft: RuleDraft| draft.to_json().unwrap_err().field;
        assert_eq!(field(RuleDraft { conditions: "{".into(), ..draft() }), "conditions");
        assert_eq!(field(RuleDraft { actions: r#"[{"type": "explode"}]"#.into(), ..draft() }), "actions");
        assert_eq!(field(RuleDraft { trigger: "elapsed".into(), after: "soon".into(), ..draft() }), "trigger.at_least");
        assert_eq!(field(RuleDraft { position: "first".into(), ..draft() }), "position");
    }

    #[test]
    fn a_saved_rule_reads_back_into_the_same_draft() {
        let value = RuleDraft { trigger: "elapsed".into(), after: "4".into(), after_unit: "hours".into(), ..draft() }
            .to_json()
            .unwrap();
        let mut with_id = value.clone();
        with_id["id"] = json!("r1");
        let rule: super::super::Rule = serde_json::from_value(with_id).unwrap();
        let view = RuleView {
            id: rule.id.clone(),
            name: rule.name.clone(),
            enabled: rule.enabled,
            position: 10,
            trigger: rule.trigger.clone(),
            conditions: rule.conditions.clone(),
            actions: rule.actions.clone(),
            once_per: None,
            warnings: Vec::new(),
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        };
        let back = RuleDraft::from_view(&view);
        assert_eq!((back.trigger.as_str(), back.after.as_str(), back.after_unit.as_str()), ("elapsed", "4", "hours"));
        assert_eq!(back.position, "10");
        let again = back.to_json().unwrap();
        assert_eq!(again["conditions"], value["conditions"]);
        assert_eq!(again["actions"], value["actions"]);
    }
}
