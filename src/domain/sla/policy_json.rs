//! The JSON shape of an SLA policy, for the REST API and settings storage. Durations travel as whole minutes:
//!
//! ```json
//! {"name":"VIP email","channel":"email","segment":"vip",
//!  "targets":{"urgent":{"first_response_minutes":30,"resolution_minutes":240},"normal":{"resolution_minutes":2880}},
//!  "warning":{"percent_remaining":20}}
//! ```
//!
//! `channel`, `segment` and any priority or target may be left out (no condition, no target); `warning` is
//! `{"percent_remaining":N}` or `{"minutes_remaining":N}` and defaults to 25 percent. Deserialising goes through
//! [`SlaPolicy::new`].

use chrono::Duration;
use serde::{Deserialize, Serialize};

use super::policy::{SlaPolicy, SlaPolicyDraft, SlaPolicyError, SlaTargets, TargetsByPriority, WarningThreshold};
use crate::domain::ticket::Channel;

/// A policy as written in JSON, before validation; convert with `SlaPolicy::try_from`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SlaPolicySpec {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    #[serde(default)]
    pub targets: TargetsSpec,
    #[serde(default)]
    pub warning: WarningSpec,
}

/// Targets per priority in minutes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct TargetsSpec {
    pub low: TargetMinutes,
    pub normal: TargetMinutes,
    pub high: TargetMinutes,
    pub urgent: TargetMinutes,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct TargetMinutes {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_response_minutes: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution_minutes: Option<i64>,
}

/// `{"percent_remaining":20}` or `{"minutes_remaining":30}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum WarningSpec {
    PercentRemaining(u8),
    MinutesRemaining(i64),
}

impl Default for WarningSpec {
    fn default() -> Self {
        WarningSpec::from(WarningThreshold::default())
    }
}

impl TryFrom<SlaPolicySpec> for SlaPolicy {
    type Error = SlaPolicyError;

    fn try_from(spec: SlaPolicySpec) -> Result<SlaPolicy, SlaPolicyError> {
        let targets = TargetsByPriority {
            low: spec.targets.low.into(),
            normal: spec.targets.normal.into(),
            high: spec.targets.high.into(),
            urgent: spec.targets.urgent.into(),
        };
        let warning = match spec.warning {
            WarningSpec::PercentRemaining(percent) => WarningThreshold::PercentRemaining(percent),
            WarningSpec::MinutesRemaining(minutes) => WarningThreshold::TimeRemaining(minutes_to_duration(minutes)),
        };
        SlaPolicy::new(SlaPolicyDraft {
            name: spec.name,
            channel: spec.channel,
            segment: spec.segment,
            targets,
            warning,
        })
    }
}

impl From<SlaPolicy> for SlaPolicySpec {
    fn from(policy: SlaPolicy) -> SlaPolicySpec {
        let targets = policy.targets();
        SlaPolicySpec {
            name: policy.name().to_string(),
            channel: policy.channel(),
            segment: policy.segment().map(str::to_string),
            targets: TargetsSpec {
                low: targets.low.into(),
                normal: targets.normal.into(),
                high: targets.high.into(),
                urgent: targets.urgent.into(),
            },
            warning: policy.warning().into(),
        }
    }
}

impl From<TargetMinutes> for SlaTargets {
    fn from(minutes: TargetMinutes) -> SlaTargets {
        SlaTargets {
            first_response: minutes.first_response_minutes.map(minutes_to_duration),
            resolution: minutes.resolution_minutes.map(minutes_to_duration),
        }
    }
}

impl From<SlaTargets> for TargetMinutes {
    fn from(targets: SlaTargets) -> TargetMinutes {
        TargetMinutes {
            first_response_minutes: targets.first_response.map(|target| target.num_minutes()),
            resolution_minutes: targets.resolution.map(|target| target.num_minutes()),
        }
    }
}

impl From<WarningThreshold> for WarningSpec {
    fn from(warning: WarningThreshold) -> WarningSpec {
        match warning {
            WarningThreshold::PercentRemaining(percent) => WarningSpec::PercentRemaining(percent),
            WarningThreshold::TimeRemaining(remaining) => WarningSpec::MinutesRemaining(remaining.num_minutes()),
        }
    }
}

/// Minutes as a duration; values too large for one saturate, so validation reports them as too long (or not
/// positive) instead of wrapping around.
fn minutes_to_duration(minutes: i64) -> Duration {
    Duration::try_minutes(minutes).unwrap_or(if minutes > 0 { Duration::MAX } else { Duration::MIN })
}
