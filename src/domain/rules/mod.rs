//! The automation rules engine: triggers, conditions and actions, as in Zendesk triggers and automations or
//! Zammad triggers and schedulers. Pure: the service loads rules and ticket snapshots, calls these functions
//! and carries out the returned actions.
//!
//! The flow: [`validate_rule`] checks a [`Rule`] when it is saved and yields a [`ValidRule`];
//! [`check_rule_health`] re-checks stored rules when teams, agents or canned replies go away; [`evaluate`]
//! runs rules for a [`RuleEvent`] on a [`RuleSubject`] and returns [`Firing`]s plus a follow-up event for
//! the changes rules made; [`due_time_rules`] and [`next_due_at`] drive the scheduler.

mod action;
mod compile;
mod condition;
mod contradiction;
mod defaults;
mod draft;
mod duration;
mod effects;
mod error;
mod evaluate;
mod event;
mod fields;
mod health;
mod matching;
mod preview;
mod references;
mod rule;
mod subject;
mod text;
mod time;
mod validate;
mod view;

pub use action::{Action, NotifyTarget};
pub use condition::{Condition, ConditionField, ConditionGroup, ConditionNode, Operator};
pub use defaults::{
    default_rules, ACKNOWLEDGEMENT_CANNED_ID, ACKNOWLEDGEMENT_RULE_ID, OUT_OF_HOURS_CANNED_ID, OUT_OF_HOURS_RULE_ID,
    PENDING_REMINDER_RULE_ID, PENDING_RESOLVE_RULE_ID, REMINDER_CANNED_ID,
};
pub use draft::{RuleDraft, ELAPSED_TRIGGER};
pub use duration::RuleDuration;
pub use effects::SkipReason;
pub use error::{ReferenceKind, RuleError, RuleErrorKind};
pub use evaluate::{evaluate, Evaluation, Firing, LoopStopReason, LoopStopped, SkippedAction};
pub use event::{Change, Changes, EventActor, EventKind, RuleEvent, RuleRunContext, MAX_CHAIN_DEPTH};
pub use fields::operator_fits_field;
pub use health::{check_rule_health, RuleWarning};
pub use preview::preview_matches;
pub use references::RuleCatalog;
pub use rule::{Rule, TimeAnchor, Trigger};
pub use subject::{AutomationMemory, RequesterFacts, RuleSubject, TicketClock, TicketFacts};
pub use time::{due_time_rules, fire_once_key, next_due_at, time_rule_due_at, DueTimeRule, FireOnceKey};
pub use validate::{check_webhook_url, validate_rule, ValidRule, MAX_ACTION_TEXT_CHARS, MAX_RULE_NAME_CHARS};
pub use view::{RulePreview, RulePreviewTicket, RuleView, RuleWarningView};

#[cfg(test)]
mod tests;
