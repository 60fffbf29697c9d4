//! SLA settings, calendars here and policies in `sla_policies.rs`: admins manage them, supervisors may read them,
//! everyone else is refused. Every change asks the watcher to compute the unfinished tickets again, so due times
//! follow new hours and targets within a round (the stored columns keep the old answer until then).

use serde_json::Value;

use super::secrets::new_id;
use super::{now, Actor, ServiceError, Services};
use crate::domain::sla::{BusinessCalendar, CalendarError, CalendarSpec, SlaCalendarView};
use crate::domain::{authorize, Action, FieldError};
use crate::store::{DbError, SlaCalendarRecord};

/// A calendar as submitted: a name, the hours as JSON (`{"time_zone", "weekly", "holidays"}`) and what it covers.
#[derive(Clone, Debug, Default)]
pub struct SlaCalendarInput {
    pub name: String,
    pub hours: Value,
    pub team_id: Option<String>,
    pub brand: Option<String>,
    pub is_default: bool,
}

/// A change to a calendar; `None` leaves a property alone, `Some(None)` clears a link.
#[derive(Clone, Debug, Default)]
pub struct SlaCalendarChanges {
    pub name: Option<String>,
    pub hours: Option<Value>,
    pub team_id: Option<Option<String>>,
    pub brand: Option<Option<String>>,
    pub is_default: Option<bool>,
}

impl Services {
    /// Every calendar by name (supervisors and admins).
    pub async fn list_sla_calendars(&self, actor: &Actor) -> Result<Vec<SlaCalendarView>, ServiceError> {
        authorize(actor.user.role, Action::ReadSlaSettings)?;
        self.store().list_sla_calendars().await?.into_iter().map(calendar_view).collect()
    }

    pub async fn get_sla_calendar(&self, actor: &Actor, id: &str) -> Result<SlaCalendarView, ServiceError> {
        authorize(actor.user.role, Action::ReadSlaSettings)?;
        calendar_view(self.find_calendar(id).await?)
    }

    /// 422 names the field at fault (for hours, the day: `hours.weekly.mon`); 409 when the team or brand already
    /// has a calendar.
    pub async fn create_sla_calendar(
        &self,
        actor: &Actor,
        input: SlaCalendarInput,
    ) -> Result<SlaCalendarView, ServiceError> {
        authorize(actor.user.role, Action::ManageSlaSettings)?;
        let at = now();
        let record = SlaCalendarRecord {
            id: new_id(),
            name: parse_name(&input.name)?,
            definition: parse_hours(input.hours)?,
            team_id: input.team_id.filter(|id| !id.trim().is_empty()),
            brand: input.brand.filter(|brand| !brand.trim().is_empty()),
            is_default: input.is_default,
            created_at: at,
            updated_at: at,
        };
        self.check_calendar_links(&record).await?;
        self.store().insert_sla_calendar(&record).await.map_err(link_conflict)?;
        self.sla_settings_changed().await?;
        calendar_view(record)
    }

    pub async fn update_sla_calendar(
        &self,
        actor: &Actor,
        id: &str,
        changes: SlaCalendarChanges,
    ) -> Result<SlaCalendarView, ServiceError> {
        authorize(actor.user.role, Action::ManageSlaSettings)?;
        let mut record = self.find_calendar(id).await?;
        if let Some(name) = changes.name {
            record.name = parse_name(&name)?;
        }
        if let Some(hours) = changes.hours {
            record.definition = parse_hours(hours)?;
        }
        if let Some(team_id) = changes.team_id {
            record.team_id = team_id.filter(|id| !id.trim().is_empty());
        }
        if let Some(brand) = changes.brand {
            record.brand = brand.filter(|brand| !brand.trim().is_empty());
        }
        if let Some(is_default) = changes.is_default {
            record.is_default = is_default;
        }
        record.updated_at = now();
        self.check_calendar_links(&record).await?;
        if !self.store().update_sla_calendar(&record).await.map_err(link_conflict)? {
            return Err(ServiceError::NotFound("calendar"));
        }
        self.sla_settings_changed().await?;
        calendar_view(record)
    }

    /// 409 while a policy counts in it.
    pub async fn delete_sla_calendar(&self, actor: &Actor, id: &str) -> Result<(), ServiceError> {
        authorize(actor.user.role, Action::ManageSlaSettings)?;
        if self.store().list_sla_policies().await?.iter().any(|policy| policy.calendar_id.as_deref() == Some(id)) {
            return Err(calendar_in_use());
        }
        match self.store().delete_sla_calendar(id).await {
            Ok(true) => {}
            Ok(false) => return Err(ServiceError::NotFound("calendar")),
            Err(DbError::MissingReference(_)) => return Err(calendar_in_use()),
            Err(err) => return Err(err.into()),
        }
        self.sla_settings_changed().await
    }

    async fn find_calendar(&self, id: &str) -> Result<SlaCalendarRecord, ServiceError> {
        self.store().find_sla_calendar(id).await?.ok_or(ServiceError::NotFound("calendar"))
    }

    /// The team and brand must exist, and must not have a calendar already.
    async fn check_calendar_links(&self, record: &SlaCalendarRecord) -> Result<(), ServiceError> {
        if let Some(team) = &record.team_id {
            if !self.store().list_teams().await?.iter().any(|known| &known.id == team) {
                return Err(FieldError::new("team_id", "unknown_team", "There is no such team.").into());
            }
        }
        if let Some(brand) = &record.brand {
            if self.store().find_brand(brand).await?.is_none() {
                return Err(FieldError::new("brand", "unknown_brand", "There is no brand with this slug.").into());
            }
        }
        for other in self.store().list_sla_calendars().await?.iter().filter(|other| other.id != record.id) {
            if record.team_id.is_some() && other.team_id == record.team_id {
                return Err(taken("team_id", &other.name));
            }
            if record.brand.is_some() && other.brand == record.brand {
                return Err(taken("brand", &other.name));
            }
        }
        Ok(())
    }

    /// After a calendar or policy changed: the watcher computes every unfinished ticket again on its next round.
    pub(super) async fn sla_settings_changed(&self) -> Result<(), ServiceError> {
        self.store().mark_unfinished_tickets_for_sla(now()).await?;
        Ok(())
    }
}

fn calendar_view(record: SlaCalendarRecord) -> Result<SlaCalendarView, ServiceError> {
    let hours: CalendarSpec = serde_json::from_str(&record.definition)
        .map_err(|err| ServiceError::Internal(format!("calendar {} definition: {err}", record.id)))?;
    Ok(SlaCalendarView {
        id: record.id,
        name: record.name,
        hours,
        team_id: record.team_id,
        brand: record.brand,
        is_default: record.is_default,
        created_at: record.created_at,
        updated_at: record.updated_at,
    })
}

/// A name of 1 to 80 characters, trimmed (calendars and policies alike).
pub(super) fn parse_name(raw: &str) -> Result<String, FieldError> {
    let name = raw.trim();
    if name.is_empty() || name.chars().count() > 80 || name.chars().any(char::is_control) {
        return Err(FieldError::new("name", "invalid_name", "Give a name of 1 to 80 characters."));
    }
    Ok(name.to_string())
}

/// Checks the hours and returns them as they are stored (normalised: intervals sorted, times as `HH:MM`).
fn parse_hours(hours: Value) -> Result<String, FieldError> {
    let invalid = |field: &'static str, message: String| FieldError::new(field, "invalid_calendar", message);
    let spec: CalendarSpec = serde_json::from_value(hours).map_err(|err| {
        invalid("hours", format!("Write the hours as {{\"time_zone\", \"weekly\", \"holidays\"}}: {err}."))
    })?;
    let calendar = BusinessCalendar::try_from(spec).map_err(|err| invalid(calendar_field(&err), err.to_string()))?;
    serde_json::to_string(&calendar).map_err(|err| invalid("hours", err.to_string()))
}

/// The JSON path a calendar error is about: the day for a day's hours.
fn calendar_field(err: &CalendarError) -> &'static str {
    use chrono::Weekday;
    let day_field = |day: &Weekday| match day {
        Weekday::Mon => "hours.weekly.mon",
        Weekday::Tue => "hours.weekly.tue",
        Weekday::Wed => "hours.weekly.wed",
        Weekday::Thu => "hours.weekly.thu",
        Weekday::Fri => "hours.weekly.fri",
        Weekday::Sat => "hours.weekly.sat",
        Weekday::Sun => "hours.weekly.sun",
    };
    match err {
        CalendarError::UnknownTimeZone { .. } => "hours.time_zone",
        CalendarError::InvalidTime { day, .. }
        | CalendarError::StartNotBeforeEnd { day, .. }
        | CalendarError::Overlapping { day, .. } => day_field(day),
        CalendarError::EmptyWeek => "hours.weekly",
    }
}

fn taken(field: &'static str, other: &str) -> ServiceError {
    let what = if field == "team_id" { "team" } else { "brand" };
    ServiceError::Conflict {
        code: "calendar_exists",
        field: Some(field),
        message: format!("This {what} already has a calendar ({other}); change that one instead."),
    }
}

/// A unique link that another request took between the check and the write.
fn link_conflict(err: DbError) -> ServiceError {
    match err {
        DbError::Conflict(constraint) if constraint.contains("team") => taken("team_id", "another"),
        DbError::Conflict(constraint) if constraint.contains("brand") => taken("brand", "another"),
        other => other.into(),
    }
}

fn calendar_in_use() -> ServiceError {
    ServiceError::Conflict {
        code: "calendar_in_use",
        field: None,
        message: "A policy counts in this calendar; give that policy other hours first.".into(),
    }
}
