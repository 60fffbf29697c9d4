//! Which skills a ticket needs: rules that map a category (that path or anything below it) and/or a language to
//! a skill at a minimum level, e.g. "Billing → billing ≥ 2", "de → german ≥ 3". Rules are data an admin edits, so
//! checking them is here, once, for REST and the UI alike.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::need::SkillRequirement;
use crate::domain::{CategoryPath, FieldError, Locale};

/// The longest skill name accepted, in characters.
pub const MAX_SKILL_CHARS: usize = 40;
/// Skill levels run from 1 (basic) to 5 (expert).
pub const SKILL_LEVELS: std::ops::RangeInclusive<i64> = 1..=5;

/// One rule: tickets matching `category` and `language` (each when set; at least one is) need `skill` at
/// `min_level` or better.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SkillRule {
    /// A category path such as `Billing`; `Billing/Refunds` matches it too.
    pub category: Option<String>,
    /// `en` or `de`: the ticket's language.
    pub language: Option<String>,
    pub skill: String,
    pub min_level: u8,
}

impl SkillRule {
    /// Checks a submitted rule: a known language, a valid category path, a skill name and a level of 1 to 5.
    pub fn parse(
        category: Option<&str>,
        language: Option<&str>,
        skill: &str,
        min_level: i64,
    ) -> Result<SkillRule, FieldError> {
        let category = category
            .filter(|raw| !raw.trim().is_empty())
            .map(CategoryPath::parse)
            .transpose()?
            .map(CategoryPath::into_string);
        let language = language
            .filter(|raw| !raw.trim().is_empty())
            .map(|raw| {
                Locale::parse(raw)
                    .map(|locale| locale.as_str().to_string())
                    .ok_or_else(|| FieldError::new("language", "unknown_language", "Choose one of: en, de."))
            })
            .transpose()?;
        if category.is_none() && language.is_none() {
            return Err(FieldError::new(
                "category",
                "rule_matches_everything",
                "Give a category, a language or both: a rule for every ticket belongs in the agents' skills.",
            ));
        }
        Ok(SkillRule {
            category,
            language,
            skill: parse_skill_name(skill)?,
            min_level: parse_level(min_level, "min_level")?,
        })
    }

    /// Whether a ticket in `category` written in `language` needs this rule's skill.
    pub fn applies_to(&self, category: Option<&str>, language: Option<&str>) -> bool {
        let category_matches = self.category.as_deref().is_none_or(|rule| {
            category.is_some_and(|category| {
                category == rule || category.strip_prefix(rule).is_some_and(|rest| rest.starts_with('/'))
            })
        });
        let language_matches = self.language.as_deref().is_none_or(|rule| language == Some(rule));
        category_matches && language_matches
    }
}

/// The skills a ticket needs under `rules`: each skill once, at the highest minimum any matching rule asks for.
pub fn required_skills(rules: &[SkillRule], category: Option<&str>, language: Option<&str>) -> Vec<SkillRequirement> {
    let mut needed: BTreeMap<&str, u8> = BTreeMap::new();
    for rule in rules.iter().filter(|rule| rule.applies_to(category, language)) {
        let level = needed.entry(rule.skill.as_str()).or_default();
        *level = (*level).max(rule.min_level);
    }
    needed.into_iter().map(|(skill, min_level)| SkillRequirement { skill: skill.to_string(), min_level }).collect()
}

/// A skill name as stored: trimmed, lower case, 1 to 40 characters, no control characters. Lower case because
/// routing compares names exactly and "German" and "german" are one skill.
pub fn parse_skill_name(raw: &str) -> Result<String, FieldError> {
    let name = raw.trim().to_lowercase();
    if name.is_empty() || name.chars().count() > MAX_SKILL_CHARS || name.chars().any(char::is_control) {
        return Err(FieldError::new(
            "skill",
            "invalid_skill",
            format!("Give a skill name of 1 to {MAX_SKILL_CHARS} characters."),
        ));
    }
    Ok(name)
}

/// A level of 1 to 5, reported against `field` otherwise.
pub fn parse_level(raw: i64, field: &'static str) -> Result<u8, FieldError> {
    if SKILL_LEVELS.contains(&raw) {
        Ok(raw as u8)
    } else {
        Err(FieldError::new(field, "invalid_level", format!("Give a level from 1 to 5 (not {raw}).")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(category: Option<&str>, language: Option<&str>, skill: &str, min_level: i64) -> SkillRule {
        SkillRule::parse(category, language, skill, min_level).unwrap()
    }

    #[test]
    fn rules_match_a_category_and_everything_below_it_and_a_language() {
        let billing = rule(Some("Billing"), None, "Billing", 2);
        assert_eq!(billing.skill, "billing");
        assert!(billing.applies_to(Some("Billing"), None));
        assert!(billing.applies_to(Some("Billing/Refunds"), Some("de")));
        assert!(!billing.applies_to(Some("BillingX"), None));
        assert!(!billing.applies_to(None, None));
        let german = rule(None, Some("de-AT"), "german", 3);
        assert_eq!(german.language.as_deref(), Some("de"));
        assert!(german.applies_to(None, Some("de")) && !german.applies_to(None, Some("en")));
        let both = rule(Some("Courses"), Some("de"), "german", 4);
        assert!(both.applies_to(Some("Courses/Access"), Some("de")) && !both.applies_to(Some("Courses"), Some("en")));
    }

    #[test]
    fn a_ticket_needs_each_skill_once_at_the_highest_level_asked() {
        let rules = [
            rule(None, Some("de"), "german", 2),
            rule(Some("Courses"), Some("de"), "german", 4),
            rule(Some("Billing"), None, "billing", 1),
        ];
        let needed = required_skills(&rules, Some("Courses/Exams"), Some("de"));
        assert_eq!(needed, [SkillRequirement { skill: "german".into(), min_level: 4 }]);
        assert!(required_skills(&rules, None, Some("en")).is_empty());
    }

    #[test]
    fn bad_rules_name_their_field() {
        assert_eq!(SkillRule::parse(None, None, "german", 3).unwrap_err().field, "category");
        assert_eq!(SkillRule::parse(None, Some("fr"), "french", 3).unwrap_err().field, "language");
        assert_eq!(SkillRule::parse(None, Some("de"), "german", 7).unwrap_err().field, "min_level");
        assert_eq!(SkillRule::parse(None, Some("de"), " ", 2).unwrap_err().field, "skill");
        assert_eq!(parse_level(0, "level").unwrap_err().field, "level");
        assert_eq!(parse_level(5, "level"), Ok(5));
    }
}
