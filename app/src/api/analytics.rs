//! The analytics pages' data: the supervisor dashboard (`analytics_dashboard`, supervisors and admins), its summary
//! alone (`analytics_summary`: the live "today" cards reload it), and an agent's own numbers (`my_analytics_summary`,
//! only the signed-in agent's tickets). The services authorise; these only carry the form's values.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tidings::domain::analytics::{DashboardReport, SummaryReport};

use super::AppError;

/// The dashboard form's values as the address carries them (blank means unset).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalyticsForm {
    pub preset: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub team: Option<String>,
    pub channel: Option<String>,
    pub agent: Option<String>,
}

impl AnalyticsForm {
    /// Reads the form from query parameters.
    pub fn from_pairs(get: impl Fn(&str) -> Option<String>) -> AnalyticsForm {
        let value = |key: &str| get(key).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        AnalyticsForm {
            preset: value("preset"),
            from: value("from"),
            to: value("to"),
            team: value("team"),
            channel: value("channel"),
            agent: value("agent"),
        }
    }

    /// The same filters over today (UTC), against yesterday: the live cards' numbers.
    pub fn today(&self) -> AnalyticsForm {
        AnalyticsForm { preset: Some("today".into()), from: None, to: None, ..self.clone() }
    }

    /// The export's address for `format` (`csv` or `xlsx`), with the form's period and filters.
    pub fn export_href(&self, format: &str) -> String {
        let mut href = format!("/api/v1/analytics/export?format={format}");
        for field in ["preset", "from", "to", "team", "channel", "agent"] {
            let value = self.get(field);
            if !value.is_empty() {
                href.push_str(&format!("&{field}={}", tidings::domain::encode_query_value(&value)));
            }
        }
        href
    }

    /// The form's value for `field` (`preset`, `from`, …), blank when unset.
    pub fn get(&self, field: &str) -> String {
        let value = match field {
            "preset" => &self.preset,
            "from" => &self.from,
            "to" => &self.to,
            "team" => &self.team,
            "channel" => &self.channel,
            "agent" => &self.agent,
            _ => &None,
        };
        value.clone().unwrap_or_default()
    }
}

#[cfg(feature = "ssr")]
impl AnalyticsForm {
    fn query(self) -> tidings::service::AnalyticsQuery {
        let AnalyticsForm { preset, from, to, team, channel, agent } = self;
        tidings::service::AnalyticsQuery { preset, from, to, team, channel, agent }
    }
}

/// Everything `/supervisor` shows.
#[server(endpoint = "load_analytics_dashboard")]
pub async fn load_analytics_dashboard(#[server(default)] form: AnalyticsForm) -> Result<DashboardReport, AppError> {
    let actor = super::ssr::require_actor()?;
    Ok(super::ssr::services()?.analytics_dashboard(&actor, &form.query()).await?)
}

/// The dashboard's KPI numbers alone, with the previous period (supervisors and admins).
#[server(endpoint = "load_analytics_summary")]
pub async fn load_analytics_summary(#[server(default)] form: AnalyticsForm) -> Result<SummaryReport, AppError> {
    let actor = super::ssr::require_actor()?;
    Ok(super::ssr::services()?.analytics_summary(&actor, &form.query()).await?)
}

/// The signed-in agent's own numbers (`/agent/me`); any team, channel or agent in the form is ignored.
#[server(endpoint = "load_my_analytics")]
pub async fn load_my_analytics(#[server(default)] form: AnalyticsForm) -> Result<SummaryReport, AppError> {
    let actor = super::ssr::require_actor()?;
    let own = AnalyticsForm { team: None, channel: None, agent: None, ..form };
    Ok(super::ssr::services()?.my_analytics_summary(&actor, &own.query()).await?)
}
