//! SLA policies: targets per priority, which tickets they cover, and the list order that breaks ties. Admins manage
//! them, supervisors may read them (see `sla.rs` for calendars and the shared rules).

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::secrets::new_id;
use super::sla::parse_name;
use super::{now, Actor, ServiceError, Services};
use crate::domain::sla::{SlaPolicy, SlaPolicySpec, SlaPolicyView, TargetsSpec, WarningSpec};
use crate::domain::{authorize, Action, Channel, FieldError};
use crate::store::SlaPolicyRecord;

/// A policy as submitted. `targets` is `{"normal": {"first_response_minutes": 120, "resolution_minutes": 480}, …}`;
/// `warning` is `{"percent_remaining": 25}` (the default) or `{"minutes_remaining": 30}`.
#[derive(Clone, Debug, Default)]
pub struct SlaPolicyInput {
    pub name: String,
    pub channel: Option<String>,
    pub segment: Option<String>,
    pub targets: Option<Value>,
    pub warning: Option<Value>,
    pub calendar_id: Option<String>,
    /// Default: active.
    pub active: Option<bool>,
    /// Default: after the last policy.
    pub position: Option<i64>,
}

/// A change to a policy; `None` leaves a property alone, `Some(None)` clears a condition or the calendar.
#[derive(Clone, Debug, Default)]
pub struct SlaPolicyChanges {
    pub name: Option<String>,
    pub channel: Option<Option<String>>,
    pub segment: Option<Option<String>>,
    pub targets: Option<Value>,
    pub warning: Option<Value>,
    pub calendar_id: Option<Option<String>>,
    pub active: Option<bool>,
    pub position: Option<i64>,
}

impl Services {
    /// Every policy in list order (supervisors and admins).
    pub async fn list_sla_policies(&self, actor: &Actor) -> Result<Vec<SlaPolicyView>, ServiceError> {
        authorize(actor.user.role, Action::ReadSlaSettings)?;
        self.store().list_sla_policies().await?.into_iter().map(policy_view).collect()
    }

    pub async fn get_sla_policy(&self, actor: &Actor, id: &str) -> Result<SlaPolicyView, ServiceError> {
        authorize(actor.user.role, Action::ReadSlaSettings)?;
        policy_view(self.find_policy(id).await?)
    }

    /// 422 names the field at fault, e.g. `targets.normal.first_response_minutes`.
    pub async fn create_sla_policy(&self, actor: &Actor, input: SlaPolicyInput) -> Result<SlaPolicyView, ServiceError> {
        authorize(actor.user.role, Action::ManageSlaSettings)?;
        let spec = SlaPolicySpec {
            name: parse_name(&input.name)?,
            channel: input.channel.as_deref().map(parse_channel).transpose()?.flatten(),
            segment: input.segment,
            targets: parse_part("targets", input.targets)?.unwrap_or_default(),
            warning: parse_part("warning", input.warning)?.unwrap_or_default(),
        };
        let policy = SlaPolicy::try_from(spec).map_err(FieldError::from)?;
        let calendar_id = input.calendar_id.filter(|id| !id.trim().is_empty());
        self.check_policy_calendar(calendar_id.as_deref()).await?;
        let position = match input.position {
            Some(position) => position,
            None => self.store().list_sla_policies().await?.iter().map(|p| p.position).max().unwrap_or(0) + 1,
        };
        let at = now();
        let record = SlaPolicyRecord {
            id: new_id(),
            name: policy.name().to_string(),
            position,
            calendar_id,
            definition: stored_definition(&policy)?,
            active: input.active.unwrap_or(true),
            created_at: at,
            updated_at: at,
        };
        self.store().insert_sla_policy(&record).await?;
        self.sla_settings_changed().await?;
        policy_view(record)
    }

    pub async fn update_sla_policy(
        &self,
        actor: &Actor,
        id: &str,
        changes: SlaPolicyChanges,
    ) -> Result<SlaPolicyView, ServiceError> {
        authorize(actor.user.role, Action::ManageSlaSettings)?;
        let mut record = self.find_policy(id).await?;
        let mut spec = stored_spec(&record)?;
        if let Some(name) = changes.name {
            spec.name = parse_name(&name)?;
        }
        if let Some(channel) = changes.channel {
            spec.channel = channel.as_deref().map(parse_channel).transpose()?.flatten();
        }
        if let Some(segment) = changes.segment {
            spec.segment = segment;
        }
        if let Some(targets) = parse_part("targets", changes.targets)? {
            spec.targets = targets;
        }
        if let Some(warning) = parse_part("warning", changes.warning)? {
            spec.warning = warning;
        }
        let policy = SlaPolicy::try_from(spec).map_err(FieldError::from)?;
        if let Some(calendar_id) = changes.calendar_id {
            record.calendar_id = calendar_id.filter(|id| !id.trim().is_empty());
            self.check_policy_calendar(record.calendar_id.as_deref()).await?;
        }
        record.name = policy.name().to_string();
        record.definition = stored_definition(&policy)?;
        record.active = changes.active.unwrap_or(record.active);
        record.position = changes.position.unwrap_or(record.position);
        record.updated_at = now();
        if !self.store().update_sla_policy(&record).await? {
            return Err(ServiceError::NotFound("policy"));
        }
        self.sla_settings_changed().await?;
        policy_view(record)
    }

    /// Tickets under it lose their SLA until the watcher finds them another policy.
    pub async fn delete_sla_policy(&self, actor: &Actor, id: &str) -> Result<(), ServiceError> {
        authorize(actor.user.role, Action::ManageSlaSettings)?;
        if !self.store().delete_sla_policy(id).await? {
            return Err(ServiceError::NotFound("policy"));
        }
        self.sla_settings_changed().await
    }

    async fn find_policy(&self, id: &str) -> Result<SlaPolicyRecord, ServiceError> {
        self.store().find_sla_policy(id).await?.ok_or(ServiceError::NotFound("policy"))
    }

    async fn check_policy_calendar(&self, calendar_id: Option<&str>) -> Result<(), ServiceError> {
        let Some(id) = calendar_id else { return Ok(()) };
        if self.store().find_sla_calendar(id).await?.is_none() {
            return Err(FieldError::new("calendar_id", "unknown_calendar", "There is no such calendar.").into());
        }
        Ok(())
    }
}

/// A channel condition; empty means any channel.
fn parse_channel(raw: &str) -> Result<Option<Channel>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let names = Channel::ALL.map(Channel::as_str).join(", ");
    Channel::parse(raw)
        .map(Some)
        .ok_or_else(|| FieldError::new("channel", "unknown_channel", format!("Choose one of: {names}.")))
}

/// `targets` or `warning` in their JSON shape; `null` counts as left out.
fn parse_part<T: DeserializeOwned>(field: &'static str, raw: Option<Value>) -> Result<Option<T>, FieldError> {
    match raw {
        None | Some(Value::Null) => Ok(None),
        Some(value) => serde_json::from_value(value)
            .map(Some)
            .map_err(|err| FieldError::new(field, "invalid_sla_policy", format!("{err}."))),
    }
}

fn stored_definition(policy: &SlaPolicy) -> Result<String, ServiceError> {
    serde_json::to_string(policy).map_err(|err| ServiceError::Internal(format!("policy JSON: {err}")))
}

fn stored_spec(record: &SlaPolicyRecord) -> Result<SlaPolicySpec, ServiceError> {
    serde_json::from_str(&record.definition)
        .map_err(|err| ServiceError::Internal(format!("policy {} definition: {err}", record.id)))
}

fn policy_view(record: SlaPolicyRecord) -> Result<SlaPolicyView, ServiceError> {
    let spec = stored_spec(&record)?;
    let (targets, warning): (TargetsSpec, WarningSpec) = (spec.targets, spec.warning);
    Ok(SlaPolicyView {
        id: record.id,
        name: record.name,
        position: record.position,
        calendar_id: record.calendar_id,
        active: record.active,
        channel: spec.channel,
        segment: spec.segment,
        targets,
        warning,
        created_at: record.created_at,
        updated_at: record.updated_at,
    })
}
