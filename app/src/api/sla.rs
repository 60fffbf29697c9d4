//! SLA settings for `/admin/sla`: business-hours calendars and policies (admins change them, supervisors read).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tidings::domain::sla::{SlaCalendarView, SlaPolicyView};
use tidings::domain::Team;

use super::AppError;

/// Everything the SLA admin page shows, and the teams a calendar can be linked to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaSettings {
    pub calendars: Vec<SlaCalendarView>,
    pub policies: Vec<SlaPolicyView>,
    pub teams: Vec<Team>,
}

#[server(endpoint = "load_sla_settings")]
pub async fn load_sla_settings() -> Result<SlaSettings, AppError> {
    let actor = super::ssr::require_actor()?;
    let services = super::ssr::services()?;
    Ok(SlaSettings {
        calendars: services.list_sla_calendars(&actor).await?,
        policies: services.list_sla_policies(&actor).await?,
        teams: services.list_teams(&actor).await?,
    })
}

/// `hours` is the calendar's JSON as typed into the page's text area; `is_default` is a checkbox (present when
/// ticked).
#[server(endpoint = "add_sla_calendar")]
pub async fn add_sla_calendar(
    name: String,
    hours: String,
    team_id: Option<String>,
    is_default: Option<String>,
) -> Result<SlaCalendarView, AppError> {
    let actor = super::ssr::require_actor()?;
    let hours = ssr::json_field("hours", "invalid_calendar", &hours)?;
    let input = tidings::service::SlaCalendarInput {
        name,
        hours,
        team_id: team_id.filter(|id| !id.is_empty()),
        brand: None,
        is_default: is_default.is_some(),
    };
    Ok(super::ssr::services()?.create_sla_calendar(&actor, input).await?)
}

/// Targets come as one number field per priority and clock, named `targets[normal_first_response]`,
/// `targets[urgent_resolution]` and so on, in business minutes; empty means no target.
#[server(endpoint = "add_sla_policy")]
pub async fn add_sla_policy(
    name: String,
    channel: Option<String>,
    #[server(default)] targets: std::collections::HashMap<String, String>,
    warning_percent: Option<String>,
) -> Result<SlaPolicyView, AppError> {
    let actor = super::ssr::require_actor()?;
    let mut spec = serde_json::Map::new();
    for priority in ["low", "normal", "high", "urgent"] {
        let mut target = serde_json::Map::new();
        for (clock, key) in [("first_response_minutes", "first_response"), ("resolution_minutes", "resolution")] {
            if let Some(minutes) = ssr::minutes(priority, clock, targets.get(&format!("{priority}_{key}")))? {
                target.insert(clock.to_string(), minutes.into());
            }
        }
        if !target.is_empty() {
            spec.insert(priority.to_string(), target.into());
        }
    }
    let warning = match warning_percent.as_deref().map(str::trim).filter(|raw| !raw.is_empty()) {
        None => None,
        Some(raw) => {
            let percent = raw
                .parse::<u8>()
                .map_err(|_| ssr::field_error("warning.percent_remaining", "Give a whole number from 1 to 99."))?;
            Some(serde_json::json!({ "percent_remaining": percent }))
        }
    };
    let input = tidings::service::SlaPolicyInput {
        name,
        channel: channel.filter(|channel| !channel.is_empty()),
        targets: Some(spec.into()),
        warning,
        ..tidings::service::SlaPolicyInput::default()
    };
    Ok(super::ssr::services()?.create_sla_policy(&actor, input).await?)
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::AppError;

    pub fn field_error(field: &str, message: &str) -> AppError {
        AppError { code: "invalid_sla_policy".into(), message: message.into(), field: Some(field.into()) }
    }

    /// A text area's JSON; a syntax error is reported on the field.
    pub fn json_field(field: &str, code: &str, raw: &str) -> Result<serde_json::Value, AppError> {
        serde_json::from_str(raw).map_err(|err| AppError {
            code: code.into(),
            message: format!("This is not valid JSON: {err}."),
            field: Some(field.into()),
        })
    }

    /// Whole minutes from a number field; empty means none.
    pub fn minutes(priority: &str, clock: &str, raw: Option<&String>) -> Result<Option<i64>, AppError> {
        let Some(raw) = raw.map(|raw| raw.trim()).filter(|raw| !raw.is_empty()) else {
            return Ok(None);
        };
        raw.parse::<i64>()
            .map(Some)
            .map_err(|_| field_error(&format!("targets.{priority}.{clock}"), "Use whole minutes."))
    }
}
