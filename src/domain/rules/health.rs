//! Re-checking saved rules against what exists now. A rule that was valid may later point at a deleted team,
//! a deactivated agent or a removed canned reply; the service disables such a rule and shows these
//! warnings, rather than letting it fire half its actions or skip silently.

use std::fmt;

use serde::Serialize;

use super::error::ReferenceKind;
use super::references::{references, RuleCatalog};
use super::rule::Rule;

/// One broken reference in a stored rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleWarning {
    pub rule_id: String,
    /// Where in the rule, as in [`super::RuleError::path`].
    pub path: String,
    pub kind: ReferenceKind,
    /// The id that no longer resolves.
    pub id: String,
}

impl fmt::Display for RuleWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: there is no {} \"{}\" any more", self.path, self.kind, self.id)
    }
}

/// Every reference in `rule` that `catalog` no longer knows. Empty means healthy; anything else means the
/// service should disable the rule and show the warnings to admins.
pub fn check_rule_health(rule: &Rule, catalog: &RuleCatalog) -> Vec<RuleWarning> {
    references(rule)
        .into_iter()
        .filter(|found| !catalog.knows(found.kind, &found.id))
        .map(|found| RuleWarning { rule_id: rule.id.clone(), path: found.path, kind: found.kind, id: found.id })
        .collect()
}
