//! Checking a rule before it is saved, so that every rule the engine runs is well-formed: typed conditions
//! that can be satisfied, actions that name existing things, a time rule that waits for something.

use serde::{Serialize, Serializer};

use super::action::{Action, NotifyTarget};
use super::compile::{compile_conditions, CompiledGroup};
use super::error::{RuleError, RuleErrorKind};
use super::references::{references, RuleCatalog};
use super::rule::{Rule, Trigger};
use crate::domain::canned::CannedBody;
use crate::domain::ticket::TicketStatus;

/// Long enough for a descriptive name, short enough for a list row.
pub const MAX_RULE_NAME_CHARS: usize = 120;
/// Note and notification texts are bounded like canned replies.
pub const MAX_ACTION_TEXT_CHARS: usize = CannedBody::MAX_CHARS;
pub const MAX_WEBHOOK_URL_CHARS: usize = 2048;

/// A rule that passed [`validate_rule`], with its conditions compiled. Only these are evaluated, so the
/// engine never meets a malformed condition at run time. Serialises as the plain rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidRule {
    rule: Rule,
    pub(crate) conditions: CompiledGroup,
}

impl ValidRule {
    pub fn rule(&self) -> &Rule {
        &self.rule
    }

    pub fn id(&self) -> &str {
        &self.rule.id
    }

    pub fn into_rule(self) -> Rule {
        self.rule
    }
}

impl Serialize for ValidRule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.rule.serialize(serializer)
    }
}

/// Checks `rule` against itself and against what exists (`catalog`). The first problem, in the order the
/// rule reads, is returned with its path, for a 422.
pub fn validate_rule(rule: &Rule, catalog: &RuleCatalog) -> Result<ValidRule, RuleError> {
    if rule.id.trim().is_empty() {
        return Err(RuleError::new("id", RuleErrorKind::Required));
    }
    check_text("name", &rule.name, MAX_RULE_NAME_CHARS)?;
    if let Trigger::Elapsed { at_least, .. } = &rule.trigger {
        if at_least.is_zero() {
            return Err(RuleError::new("trigger.at_least", RuleErrorKind::ZeroDuration));
        }
    }
    if rule.once_per.is_some_and(|span| span.is_zero()) {
        return Err(RuleError::new("once_per", RuleErrorKind::ZeroDuration));
    }
    let conditions = compile_conditions(&rule.conditions, &rule.trigger)?;
    check_actions(&rule.actions)?;
    if let Some(missing) = references(rule).into_iter().find(|found| !catalog.knows(found.kind, &found.id)) {
        let kind = RuleErrorKind::UnknownReference { kind: missing.kind, id: missing.id };
        return Err(RuleError::new(missing.path, kind));
    }
    Ok(ValidRule { rule: rule.clone(), conditions })
}

fn check_actions(actions: &[Action]) -> Result<(), RuleError> {
    if actions.is_empty() {
        return Err(RuleError::new("actions", RuleErrorKind::NoActions));
    }
    for (index, action) in actions.iter().enumerate() {
        let path = |field: &str| format!("actions[{index}].{field}");
        match action {
            Action::SetStatus { status: TicketStatus::New } => {
                let kind = RuleErrorKind::StatusNotSettable { status: TicketStatus::New };
                return Err(RuleError::new(path("status"), kind));
            }
            Action::AssignTeam { team_id: id } => check_id(&path("team_id"), id)?,
            Action::AssignAgent { agent_id: id } => check_id(&path("agent_id"), id)?,
            Action::SendCannedReply { canned_id: id } => check_id(&path("canned_id"), id)?,
            Action::AddInternalNote { text } => check_text(&path("text"), text, MAX_ACTION_TEXT_CHARS)?,
            Action::Notify { target, text } => {
                if let NotifyTarget::User(user_id) = target {
                    check_id(&path("target.user"), user_id)?;
                }
                check_text(&path("text"), text, MAX_ACTION_TEXT_CHARS)?;
            }
            Action::Webhook { url } => check_webhook_url(url).map_err(|kind| RuleError::new(path("url"), kind))?,
            Action::SetStatus { .. }
            | Action::SetPriority { .. }
            | Action::AddTag { .. }
            | Action::RemoveTag { .. } => {}
        }
        if let Some(other) = actions[..index].iter().position(|earlier| conflicts(earlier, action)) {
            return Err(RuleError::new(format!("actions[{index}]"), RuleErrorKind::ConflictingActions { other }));
        }
    }
    Ok(())
}

/// Two actions that set the same field to different values, or add and remove the same tag: whichever
/// runs last would silently win.
fn conflicts(first: &Action, second: &Action) -> bool {
    match (first, second) {
        (Action::SetStatus { status: a }, Action::SetStatus { status: b }) => a != b,
        (Action::SetPriority { priority: a }, Action::SetPriority { priority: b }) => a != b,
        (Action::AssignTeam { team_id: a }, Action::AssignTeam { team_id: b }) => a != b,
        (Action::AssignAgent { agent_id: a }, Action::AssignAgent { agent_id: b }) => a != b,
        (Action::AddTag { tag: a }, Action::RemoveTag { tag: b })
        | (Action::RemoveTag { tag: a }, Action::AddTag { tag: b }) => a == b,
        _ => false,
    }
}

fn check_id(path: &str, id: &str) -> Result<(), RuleError> {
    if id.trim().is_empty() {
        return Err(RuleError::new(path, RuleErrorKind::Required));
    }
    Ok(())
}

fn check_text(path: &str, text: &str, max: usize) -> Result<(), RuleError> {
    if text.trim().is_empty() {
        return Err(RuleError::new(path, RuleErrorKind::Required));
    }
    if text.trim().chars().count() > max {
        return Err(RuleError::new(path, RuleErrorKind::TooLong { max }));
    }
    Ok(())
}

/// An absolute `http://` or `https://` URL with a host, no spaces, and no user name or password (which
/// would be shown to every admin reading the rule). Whether the host may be called (no private addresses)
/// is decided by the service when it resolves the host.
pub fn check_webhook_url(url: &str) -> Result<(), RuleErrorKind> {
    let invalid = |reason| Err(RuleErrorKind::InvalidWebhookUrl { reason });
    let url = url.trim();
    if url.is_empty() {
        return Err(RuleErrorKind::Required);
    }
    if url.chars().count() > MAX_WEBHOOK_URL_CHARS {
        return Err(RuleErrorKind::TooLong { max: MAX_WEBHOOK_URL_CHARS });
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return invalid("must start with http:// or https://");
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return invalid("must use http or https");
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return invalid("must not contain spaces or control characters");
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return invalid("must not contain a user name or password");
    }
    let (host, port) = match authority.strip_prefix('[') {
        // An IPv6 literal: `[::1]` or `[::1]:8080`.
        Some(bracketed) => match bracketed.split_once(']') {
            Some((host, "")) => (host, None),
            Some((host, after)) => match after.strip_prefix(':') {
                Some(port) => (host, Some(port)),
                None => return invalid("has an invalid port"),
            },
            None => ("", None),
        },
        None => match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    if host.is_empty() {
        return invalid("needs a host name");
    }
    if port.is_some_and(|port| port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit())) {
        return invalid("has an invalid port");
    }
    Ok(())
}
