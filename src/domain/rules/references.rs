//! The things outside a rule that it names: teams, agents, canned replies, categories and brands. Listed in
//! one place so that saving a rule (validation) and re-checking stored rules (health) agree on them.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::action::{Action, NotifyTarget};
use super::condition::{ConditionField, ConditionGroup, ConditionNode};
use super::error::ReferenceKind;
use super::rule::Rule;
use super::text::fold_label;
use crate::domain::ticket::CategoryPath;

/// What exists right now, as the service loads it for validation and health checks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleCatalog {
    pub team_ids: BTreeSet<String>,
    /// Agents that may be assigned and notified (deactivated ones are left out).
    pub active_agent_ids: BTreeSet<String>,
    pub canned_ids: BTreeSet<String>,
    /// Category paths, as `Billing/Refunds`.
    pub categories: BTreeSet<String>,
    pub brands: BTreeSet<String>,
}

impl RuleCatalog {
    /// Ids compare exactly, categories by their normalised path, brands case- and accent-insensitively
    /// (the way brand conditions match).
    pub fn knows(&self, kind: ReferenceKind, id: &str) -> bool {
        match kind {
            ReferenceKind::Team => self.team_ids.contains(id),
            ReferenceKind::Agent => self.active_agent_ids.contains(id),
            ReferenceKind::CannedReply => self.canned_ids.contains(id),
            ReferenceKind::Category => CategoryPath::parse(id).is_ok_and(|wanted| {
                self.categories.iter().any(|known| CategoryPath::parse(known).is_ok_and(|known| known == wanted))
            }),
            ReferenceKind::Brand => self.brands.iter().any(|known| fold_label(known) == fold_label(id)),
        }
    }
}

/// One name a rule uses, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Reference {
    pub(crate) path: String,
    pub(crate) kind: ReferenceKind,
    pub(crate) id: String,
}

/// Every reference in `rule`, conditions first, in document order. Values of the wrong type are skipped
/// here; validation reports them on its own.
pub(crate) fn references(rule: &Rule) -> Vec<Reference> {
    let mut found = Vec::new();
    collect_from_group(&rule.conditions, "conditions", &mut found);
    for (index, action) in rule.actions.iter().enumerate() {
        let path = format!("actions[{index}]");
        let (field, kind, id) = match action {
            Action::AssignTeam { team_id } => ("team_id", ReferenceKind::Team, team_id),
            Action::AssignAgent { agent_id } => ("agent_id", ReferenceKind::Agent, agent_id),
            Action::SendCannedReply { canned_id } => ("canned_id", ReferenceKind::CannedReply, canned_id),
            Action::Notify { target: NotifyTarget::User(user_id), .. } => {
                ("target.user", ReferenceKind::Agent, user_id)
            }
            _ => continue,
        };
        found.push(Reference { path: format!("{path}.{field}"), kind, id: id.trim().to_string() });
    }
    found
}

fn collect_from_group(group: &ConditionGroup, parent_path: &str, found: &mut Vec<Reference>) {
    let path = format!("{parent_path}.{}", group.key());
    for (index, node) in group.nodes().iter().enumerate() {
        let node_path = format!("{path}[{index}]");
        match node {
            ConditionNode::Group(inner) => collect_from_group(inner, &node_path, found),
            ConditionNode::Condition(condition) => {
                let kind = match condition.field {
                    ConditionField::TeamId => ReferenceKind::Team,
                    ConditionField::AssigneeId => ReferenceKind::Agent,
                    ConditionField::Category => ReferenceKind::Category,
                    ConditionField::Brand => ReferenceKind::Brand,
                    _ => continue,
                };
                let values = match &condition.value {
                    Value::Array(items) => items.iter().collect(),
                    single => vec![single],
                };
                for id in values.into_iter().filter_map(Value::as_str) {
                    let path = format!("{node_path}.value");
                    found.push(Reference { path, kind, id: id.trim().to_string() });
                }
            }
        }
    }
}
