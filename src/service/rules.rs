//! Automation rules as admins manage them: saved only when valid (422 naming the part at fault), previewed against
//! the open tickets, and disabled with visible warnings when a team, agent or canned reply they name goes away.
//! Admins manage rules; supervisors may read them. Running them is in `rule_runs.rs`.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::secrets::new_id;
use super::{now, Actor, ServiceError, Services};
use crate::domain::rules::{
    check_rule_health, default_rules, preview_matches, validate_rule, Rule, RuleCatalog, RulePreview,
    RulePreviewTicket, RuleView, RuleWarning, RuleWarningView, ValidRule, ACKNOWLEDGEMENT_CANNED_ID,
    OUT_OF_HOURS_CANNED_ID, REMINDER_CANNED_ID,
};
use crate::domain::{authorize, Action, FieldError};
use crate::store::{NewCannedResponseRecord, RuleRecord};

/// The seed that plants [`default_rules`] once per database.
const DEFAULT_RULES_SEED: &str = "default_rules_v1";
/// The author of everything rules write, seeded by migration 0017.
pub(super) const AUTOMATION_USER_ID: &str = "automation";
/// The canned replies the default rules send, by the ids `domain::rules` names; admins may reword them.
const DEFAULT_REPLIES: [(&str, &str, &str); 3] = [
    (
        ACKNOWLEDGEMENT_CANNED_ID,
        "Automatic acknowledgement",
        "Hello {{customer.name}}, thank you for your message. We have received your request \"{{ticket.subject}}\" \
         as ticket {{ticket.number}} and will get back to you as soon as possible.",
    ),
    (
        OUT_OF_HOURS_CANNED_ID,
        "Outside business hours",
        "Hello {{customer.name}}, thank you for your message. Our team is currently outside business hours; we \
         will answer ticket {{ticket.number}} on the next working day.",
    ),
    (
        REMINDER_CANNED_ID,
        "Reminder: waiting for your reply",
        "Hello {{customer.name}}, we are still waiting for your reply on ticket {{ticket.number}} \
         \"{{ticket.subject}}\". If we do not hear from you, we will close the ticket in a few days.",
    ),
];
/// The keys a PATCH may change; `id` is fixed once a rule exists.
const PATCHABLE: [&str; 7] = ["name", "enabled", "trigger", "conditions", "actions", "position", "once_per"];

impl Services {
    /// Every rule in run order, disabled ones with their warnings (supervisors and admins).
    pub async fn list_rules(&self, actor: &Actor) -> Result<Vec<RuleView>, ServiceError> {
        authorize(actor.user.role, Action::ReadRules)?;
        self.store().list_rules().await?.into_iter().map(|record| rule_view(&record)).collect()
    }

    pub async fn get_rule(&self, actor: &Actor, id: &str) -> Result<RuleView, ServiceError> {
        authorize(actor.user.role, Action::ReadRules)?;
        rule_view(&self.find_rule_record(id).await?)
    }

    /// Saves a new rule given as the JSON of a [`Rule`] (`id` optional). A rule with an impossible condition, an
    /// operator that does not fit its field or an action naming something that does not exist is refused with 422
    /// and the path of the part at fault.
    pub async fn create_rule(&self, actor: &Actor, input: Value) -> Result<RuleView, ServiceError> {
        authorize(actor.user.role, Action::ManageRules)?;
        let mut input = input;
        if let Value::Object(fields) = &mut input {
            let blank_id = fields.get("id").and_then(Value::as_str).is_none_or(|id| id.trim().is_empty());
            if blank_id {
                fields.insert("id".into(), Value::String(new_id()));
            }
            if !fields.contains_key("position") {
                let last = self.store().list_rules().await?.iter().map(|rule| rule.position).max().unwrap_or(0);
                fields.insert("position".into(), Value::from(last + 10));
            }
        }
        let rule = parse_rule(input)?;
        let valid = validate_rule(&rule, &self.rule_catalog_for(&rule).await?)?;
        let at = now();
        let record = rule_record(valid.rule(), at, at)?;
        self.store().insert_rule(&record).await.map_err(|err| match err {
            crate::store::DbError::Conflict(_) => ServiceError::Conflict {
                code: "rule_exists",
                field: Some("id"),
                message: "There is already a rule with this id.".into(),
            },
            other => other.into(),
        })?;
        self.schedule_time_rule_everywhere(&valid).await?;
        rule_view(&record)
    }

    /// Changes the keys given (`name`, `enabled`, `trigger`, `conditions`, `actions`, `position`, `once_per`) and
    /// checks the whole rule again; saving clears the warnings of a rule Tidings disabled.
    pub async fn update_rule(&self, actor: &Actor, id: &str, changes: Value) -> Result<RuleView, ServiceError> {
        authorize(actor.user.role, Action::ManageRules)?;
        let record = self.find_rule_record(id).await?;
        let Value::Object(changes) = changes else {
            return Err(FieldError::new("rule", "malformed_rule", "Send the changes as a JSON object.").into());
        };
        let mut merged = serde_json::to_value(stored_rule(&record)?).map_err(internal)?;
        for (key, value) in changes {
            if !PATCHABLE.contains(&key.as_str()) {
                let field = if key == "id" { "id" } else { "rule" };
                return Err(FieldError::new(field, "unknown_field", format!("`{key}` cannot be changed.")).into());
            }
            merged[key] = value;
        }
        let rule = parse_rule(merged)?;
        let valid = validate_rule(&rule, &self.rule_catalog_for(&rule).await?)?;
        let updated = rule_record(valid.rule(), record.created_at, now())?;
        if !self.store().update_rule(&updated).await? {
            return Err(ServiceError::NotFound("rule"));
        }
        self.schedule_time_rule_everywhere(&valid).await?;
        rule_view(&updated)
    }

    pub async fn delete_rule(&self, actor: &Actor, id: &str) -> Result<(), ServiceError> {
        authorize(actor.user.role, Action::ManageRules)?;
        if self.store().delete_rule(id).await? {
            Ok(())
        } else {
            Err(ServiceError::NotFound("rule"))
        }
    }

    /// The unfinished tickets (new, open, pending) a rule, saved or not, would match now: checked like a save (422),
    /// stored nowhere. Conditions about the event (actor, changes) count as met.
    pub async fn preview_rule(&self, actor: &Actor, input: Value) -> Result<RulePreview, ServiceError> {
        authorize(actor.user.role, Action::ManageRules)?;
        let mut input = input;
        if let Value::Object(fields) = &mut input {
            fields.entry("id").or_insert_with(|| Value::String("preview".into()));
        }
        let rule = parse_rule(input)?;
        let valid = validate_rule(&rule, &self.rule_catalog_for(&rule).await?)?;
        let at = now();
        let tickets = self.unfinished_ticket_records().await?;
        let mut subjects = Vec::with_capacity(tickets.len());
        for ticket in &tickets {
            subjects.push(self.rule_subject(ticket, None, at).await?);
        }
        let matched = preview_matches(&valid, &subjects, at);
        let matches = tickets
            .iter()
            .filter(|ticket| matched.contains(&ticket.id))
            .map(|ticket| RulePreviewTicket {
                id: ticket.id.clone(),
                number: ticket.number.0,
                subject: ticket.subject.clone(),
                status: ticket.status,
            })
            .collect();
        Ok(RulePreview { matches, checked: tickets.len() as u64 })
    }

    /// Plants the shipped rules (acknowledgement, out-of-hours reply, pending reminder and resolve) and the shared
    /// canned replies they send the first time a database starts; later starts, and defaults an admin deleted, are
    /// left alone. Returns whether they were planted now.
    pub async fn seed_default_rules(&self) -> Result<bool, ServiceError> {
        let at = now();
        let records = default_rules().iter().map(|rule| rule_record(rule, at, at)).collect::<Result<Vec<_>, _>>()?;
        if !self.store().seed_rules(DEFAULT_RULES_SEED, &records, at).await? {
            return Ok(false);
        }
        for (id, title, body) in DEFAULT_REPLIES {
            let record = NewCannedResponseRecord {
                id: id.to_string(),
                owner_id: AUTOMATION_USER_ID.into(),
                title: title.to_string(),
                body: body.to_string(),
                shared: true,
                created_at: at,
            };
            match self.store().insert_canned_response(&record).await {
                Ok(_) | Err(crate::store::DbError::Conflict(_)) => {}
                Err(err) => return Err(err.into()),
            }
        }
        Ok(true)
    }

    /// The enabled rules, ready to run. A rule whose team, agent or canned reply went away is disabled here with
    /// its warnings stored (and logged), never run half or skipped without a trace.
    pub(super) async fn runnable_rules(&self) -> Result<Vec<ValidRule>, ServiceError> {
        let records = self.store().list_rules().await?;
        if !records.iter().any(|record| record.enabled) {
            return Ok(Vec::new());
        }
        let catalog = self.rule_catalog().await?;
        let mut runnable = Vec::new();
        for record in records.into_iter().filter(|record| record.enabled) {
            let rule = match stored_rule(&record) {
                Ok(rule) => rule,
                Err(err) => {
                    tracing::warn!(rule = %record.id, error = %err, "stored rule no longer parses; not run");
                    continue;
                }
            };
            let warnings = check_rule_health(&rule, &catalog);
            if !warnings.is_empty() {
                self.disable_broken_rule(&record.id, &warnings).await?;
                continue;
            }
            match validate_rule(&rule, &catalog_with_own_categories(&catalog, &rule)) {
                Ok(valid) => runnable.push(valid),
                Err(err) => tracing::warn!(rule = %record.id, error = %err, "stored rule is no longer valid; not run"),
            }
        }
        Ok(runnable)
    }

    /// Checks every enabled rule against what exists now and disables the broken ones with their warnings: after
    /// an agent was deactivated, a team or a canned reply deleted. Returns the ids disabled.
    pub async fn check_rules_health(&self) -> Result<Vec<String>, ServiceError> {
        let catalog = self.rule_catalog().await?;
        let mut disabled = Vec::new();
        for record in self.store().list_rules().await?.into_iter().filter(|record| record.enabled) {
            let Ok(rule) = stored_rule(&record) else { continue };
            let warnings = check_rule_health(&rule, &catalog);
            if !warnings.is_empty() {
                self.disable_broken_rule(&record.id, &warnings).await?;
                disabled.push(record.id);
            }
        }
        Ok(disabled)
    }

    async fn disable_broken_rule(&self, id: &str, warnings: &[RuleWarning]) -> Result<(), ServiceError> {
        let views: Vec<RuleWarningView> = warnings.iter().map(warning_view).collect();
        let json = serde_json::to_string(&views).map_err(internal)?;
        tracing::warn!(rule = %id, warnings = %json, "rule disabled: something it names is gone");
        self.store().disable_rule(id, &json, now()).await?;
        Ok(())
    }

    async fn find_rule_record(&self, id: &str) -> Result<RuleRecord, ServiceError> {
        self.store().find_rule(id).await?.ok_or(ServiceError::NotFound("rule"))
    }

    /// What exists now: teams, active staff, the canned replies rules may send (shared ones), brands.
    async fn rule_catalog(&self) -> Result<RuleCatalog, ServiceError> {
        let store = self.store();
        let mut catalog = RuleCatalog {
            team_ids: store.list_teams().await?.into_iter().map(|team| team.id).collect(),
            active_agent_ids: store.list_active_staff().await?.into_iter().map(|user| user.id).collect(),
            canned_ids: store
                .list_canned_responses(AUTOMATION_USER_ID, None)
                .await?
                .into_iter()
                .filter(|canned| canned.shared || canned.owner_id == AUTOMATION_USER_ID)
                .map(|canned| canned.id)
                .collect(),
            ..RuleCatalog::default()
        };
        for brand in store.list_brands().await? {
            catalog.brands.insert(brand.slug);
            catalog.brands.insert(brand.name);
        }
        Ok(catalog)
    }

    async fn rule_catalog_for(&self, rule: &Rule) -> Result<RuleCatalog, ServiceError> {
        Ok(catalog_with_own_categories(&self.rule_catalog().await?, rule))
    }
}

/// Ticket categories are free-form paths in Tidings (no list to check against), so the categories a rule names
/// count as known; their form is still checked by validation.
fn catalog_with_own_categories(catalog: &RuleCatalog, rule: &Rule) -> RuleCatalog {
    let mut catalog = catalog.clone();
    let json = serde_json::to_value(&rule.conditions).unwrap_or_default();
    collect_category_values(&json, &mut catalog);
    catalog
}

fn collect_category_values(value: &Value, catalog: &mut RuleCatalog) {
    match value {
        Value::Object(fields) => {
            if fields.get("field").and_then(Value::as_str) == Some("category") {
                match fields.get("value") {
                    Some(Value::String(path)) => {
                        catalog.categories.insert(path.trim().to_string());
                    }
                    Some(Value::Array(items)) => {
                        catalog.categories.extend(items.iter().filter_map(Value::as_str).map(|p| p.trim().to_string()));
                    }
                    _ => {}
                }
            }
            fields.values().for_each(|inner| collect_category_values(inner, catalog));
        }
        Value::Array(items) => items.iter().for_each(|inner| collect_category_values(inner, catalog)),
        _ => {}
    }
}

/// A rule from its JSON; a body that is not a rule at all (unknown action type, missing trigger) is a 422 on
/// `rule` with serde's explanation.
fn parse_rule(value: Value) -> Result<Rule, ServiceError> {
    serde_json::from_value(value)
        .map_err(|err| FieldError::new("rule", "malformed_rule", format!("This is not a valid rule: {err}.")).into())
}

/// The stored rule: the definition, with the columns' id, name, position and enabled.
pub(super) fn stored_rule(record: &RuleRecord) -> Result<Rule, ServiceError> {
    let mut rule: Rule = serde_json::from_str(&record.definition)
        .map_err(|err| ServiceError::Internal(format!("rule {} definition: {err}", record.id)))?;
    rule.id = record.id.clone();
    rule.name = record.name.clone();
    rule.enabled = record.enabled;
    rule.position = i32::try_from(record.position).unwrap_or(i32::MAX);
    Ok(rule)
}

fn rule_record(rule: &Rule, created_at: DateTime<Utc>, updated_at: DateTime<Utc>) -> Result<RuleRecord, ServiceError> {
    Ok(RuleRecord {
        id: rule.id.trim().to_string(),
        name: rule.name.trim().to_string(),
        position: i64::from(rule.position),
        enabled: rule.enabled,
        definition: serde_json::to_string(rule).map_err(internal)?,
        warnings: None,
        created_at,
        updated_at,
    })
}

pub(super) fn rule_view(record: &RuleRecord) -> Result<RuleView, ServiceError> {
    let rule = stored_rule(record)?;
    let warnings = match record.warnings.as_deref() {
        Some(json) => serde_json::from_str(json).map_err(internal)?,
        None => Vec::new(),
    };
    Ok(RuleView {
        id: rule.id,
        name: rule.name,
        enabled: rule.enabled,
        position: rule.position,
        trigger: rule.trigger,
        conditions: rule.conditions,
        actions: rule.actions,
        once_per: rule.once_per,
        warnings,
        created_at: record.created_at,
        updated_at: record.updated_at,
    })
}

fn warning_view(warning: &RuleWarning) -> RuleWarningView {
    let kind = serde_json::to_value(warning.kind).ok().and_then(|v| v.as_str().map(str::to_string));
    RuleWarningView {
        path: warning.path.clone(),
        kind: kind.unwrap_or_default(),
        id: warning.id.clone(),
        message: warning.to_string(),
    }
}

fn internal(err: serde_json::Error) -> ServiceError {
    ServiceError::Internal(err.to_string())
}
