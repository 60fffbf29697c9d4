//! Turning a rule's conditions into typed, checked form: every operator fits its field, every value has the
//! right type, groups nest at most one level, and no group is impossible to satisfy.

use super::condition::{Condition, ConditionField, ConditionGroup, ConditionNode, Operator};
use super::contradiction::impossible_reason;
use super::error::{RuleError, RuleErrorKind};
use super::fields::{operator_fits_field, parse_operand, Operand};
use super::rule::Trigger;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CompiledGroup {
    All(Vec<CompiledNode>),
    Any(Vec<CompiledNode>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CompiledNode {
    Condition(CompiledCondition),
    Group(CompiledGroup),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CompiledCondition {
    pub(crate) field: ConditionField,
    pub(crate) op: Operator,
    pub(crate) operand: Operand,
}

/// Compiles the rule's condition tree; the first problem found, in document order, is returned.
pub(crate) fn compile_conditions(group: &ConditionGroup, trigger: &Trigger) -> Result<CompiledGroup, RuleError> {
    compile_group(group, trigger, "conditions", 0)
}

fn compile_group(
    group: &ConditionGroup,
    trigger: &Trigger,
    parent_path: &str,
    depth: usize,
) -> Result<CompiledGroup, RuleError> {
    let path = format!("{parent_path}.{}", group.key());
    let mut nodes = Vec::with_capacity(group.nodes().len());
    for (index, node) in group.nodes().iter().enumerate() {
        let node_path = format!("{path}[{index}]");
        let compiled = match node {
            ConditionNode::Condition(condition) => {
                CompiledNode::Condition(compile_condition(condition, trigger, &node_path)?)
            }
            ConditionNode::Group(_) if depth >= 1 => {
                return Err(RuleError::new(node_path, RuleErrorKind::GroupTooDeep));
            }
            ConditionNode::Group(inner) => CompiledNode::Group(compile_group(inner, trigger, &node_path, depth + 1)?),
        };
        nodes.push(compiled);
    }
    let compiled = match group {
        ConditionGroup::All(_) => CompiledGroup::All(nodes),
        ConditionGroup::Any(_) => CompiledGroup::Any(nodes),
    };
    check_satisfiable(&compiled, &path)?;
    Ok(compiled)
}

fn compile_condition(condition: &Condition, trigger: &Trigger, path: &str) -> Result<CompiledCondition, RuleError> {
    let Condition { field, op, value } = condition;
    if !operator_fits_field(*field, *op) {
        let kind = RuleErrorKind::OperatorNotAllowed { field: field.as_str(), op: op.as_str() };
        return Err(RuleError::new(format!("{path}.op"), kind));
    }
    if op.reads_changes() && *trigger != Trigger::TicketUpdated {
        let kind = RuleErrorKind::ChangesNeedUpdateTrigger { op: op.as_str() };
        return Err(RuleError::new(format!("{path}.op"), kind));
    }
    let operand = parse_operand(*field, *op, value).map_err(|kind| RuleError::new(format!("{path}.value"), kind))?;
    Ok(CompiledCondition { field: *field, op: *op, operand })
}

/// An `all` group is impossible when its conditions contradict each other; an `any` group when it is empty
/// (it would match nothing). In an `any` group each condition is also checked on its own, so a dead branch
/// such as "priority above urgent" is refused wherever it stands.
fn check_satisfiable(group: &CompiledGroup, path: &str) -> Result<(), RuleError> {
    let impossible = |reason: String| RuleError::new(path, RuleErrorKind::ImpossibleConditions { reason });
    match group {
        CompiledGroup::All(nodes) => {
            let conditions: Vec<&CompiledCondition> = direct_conditions(nodes).collect();
            match impossible_reason(&conditions) {
                Some(reason) => Err(impossible(reason)),
                None => Ok(()),
            }
        }
        CompiledGroup::Any(nodes) if nodes.is_empty() => {
            Err(impossible("an empty `any` group matches nothing".to_string()))
        }
        CompiledGroup::Any(nodes) => {
            for (index, condition) in nodes.iter().enumerate().filter_map(|(index, node)| match node {
                CompiledNode::Condition(condition) => Some((index, condition)),
                CompiledNode::Group(_) => None,
            }) {
                if let Some(reason) = impossible_reason(&[condition]) {
                    let kind = RuleErrorKind::ImpossibleConditions { reason };
                    return Err(RuleError::new(format!("{path}[{index}]"), kind));
                }
            }
            Ok(())
        }
    }
}

fn direct_conditions(nodes: &[CompiledNode]) -> impl Iterator<Item = &CompiledCondition> {
    nodes.iter().filter_map(|node| match node {
        CompiledNode::Condition(condition) => Some(condition),
        CompiledNode::Group(_) => None,
    })
}
