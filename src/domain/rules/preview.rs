//! The admin's "which tickets would this rule apply to right now?" before saving it.

use chrono::{DateTime, Utc};

use super::matching::{group_matches, MatchInput};
use super::subject::RuleSubject;
use super::validate::ValidRule;
use crate::domain::customer::UNFINISHED_STATUSES;

/// The ids of the unfinished (new, open, pending) tickets among `subjects` whose current state matches the
/// rule's conditions at `now`, in the order given. The trigger is ignored, and so are conditions about an
/// event (actor, changes), which count as met: the preview answers "could apply", not "would fire now".
pub fn preview_matches(rule: &ValidRule, subjects: &[RuleSubject], now: DateTime<Utc>) -> Vec<String> {
    subjects
        .iter()
        .filter(|subject| UNFINISHED_STATUSES.contains(&subject.ticket.status))
        .filter(|subject| group_matches(&rule.conditions, MatchInput { subject, event: None, now }))
        .map(|subject| subject.ticket_id.clone())
        .collect()
}
