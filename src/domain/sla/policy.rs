//! SLA policies: how fast a team promises to answer and to resolve, per priority, and which tickets a policy covers.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::calendar::BusinessCalendar;
use super::policy_json::SlaPolicySpec;
use super::status::{compute_sla, SlaStatus, TicketSlaHistory};
use crate::domain::input::FieldError;
use crate::domain::ticket::{Channel, Priority};

/// The promised business time to a first public reply and to resolution; `None` means no promise for that clock.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SlaTargets {
    pub first_response: Option<Duration>,
    pub resolution: Option<Duration>,
}

impl SlaTargets {
    /// No promise at all: a priority with these targets has no SLA.
    pub const NONE: SlaTargets = SlaTargets { first_response: None, resolution: None };

    pub fn is_empty(&self) -> bool {
        self.first_response.is_none() && self.resolution.is_none()
    }
}

/// Targets for each priority; priorities left at [`SlaTargets::NONE`] have no SLA under the policy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TargetsByPriority {
    pub low: SlaTargets,
    pub normal: SlaTargets,
    pub high: SlaTargets,
    pub urgent: SlaTargets,
}

impl TargetsByPriority {
    pub fn get(&self, priority: Priority) -> SlaTargets {
        match priority {
            Priority::Low => self.low,
            Priority::Normal => self.normal,
            Priority::High => self.high,
            Priority::Urgent => self.urgent,
        }
    }
}

/// When a running clock turns from "running" to "warning", so agents hear about a ticket before it breaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WarningThreshold {
    /// Warn once no more than this share of the target (1 to 99 percent) is left; scales with each priority.
    PercentRemaining(u8),
    /// Warn once no more than this much business time is left; must be shorter than every target of the policy.
    TimeRemaining(Duration),
}

impl Default for WarningThreshold {
    /// A quarter of the target left: early enough to act on for both a 1-hour and a 3-day target.
    fn default() -> Self {
        WarningThreshold::PercentRemaining(25)
    }
}

impl WarningThreshold {
    /// The business time left on a `target` clock at which it starts warning, never more than the target itself.
    pub fn remaining_for(self, target: Duration) -> Duration {
        let remaining = match self {
            // Divide first: `target / 100 * 99` cannot overflow the way `target * 99` could.
            WarningThreshold::PercentRemaining(percent) => target / 100 * i32::from(percent),
            WarningThreshold::TimeRemaining(remaining) => remaining,
        };
        remaining.min(target).max(Duration::zero())
    }
}

/// What an admin submits for a policy, before [`SlaPolicy::new`] checks it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SlaPolicyDraft {
    pub name: String,
    /// Only tickets from this channel; `None` for any channel.
    pub channel: Option<Channel>,
    /// Only tickets of customers in this segment (compared case-insensitively); `None` for anyone.
    pub segment: Option<String>,
    pub targets: TargetsByPriority,
    pub warning: WarningThreshold,
}

/// A checked SLA policy: named, with positive targets of whole minutes (at most a year) and a sensible warning.
/// Serialised as a [`SlaPolicySpec`]; deserialising validates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "SlaPolicySpec", into = "SlaPolicySpec")]
pub struct SlaPolicy {
    name: String,
    channel: Option<Channel>,
    segment: Option<String>,
    targets: TargetsByPriority,
    warning: WarningThreshold,
}

/// The longest target accepted: anything longer is a typo, and it bounds the work of computing a due date.
const LONGEST_TARGET_DAYS: i64 = 365;

impl SlaPolicy {
    pub fn new(draft: SlaPolicyDraft) -> Result<SlaPolicy, SlaPolicyError> {
        let name = draft.name.trim().to_string();
        if name.is_empty() {
            return Err(SlaPolicyError::MissingName);
        }
        let segment = match draft.segment {
            Some(segment) if segment.trim().is_empty() => return Err(SlaPolicyError::EmptySegment),
            Some(segment) => Some(segment.trim().to_lowercase()),
            None => None,
        };
        for (field, target) in target_fields(&draft.targets) {
            check_target(field, target)?;
        }
        check_warning(draft.warning, &draft.targets)?;
        Ok(SlaPolicy { name, channel: draft.channel, segment, targets: draft.targets, warning: draft.warning })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn channel(&self) -> Option<Channel> {
        self.channel
    }

    /// The segment in lower case, as matched.
    pub fn segment(&self) -> Option<&str> {
        self.segment.as_deref()
    }

    pub fn targets(&self) -> &TargetsByPriority {
        &self.targets
    }

    pub fn warning(&self) -> WarningThreshold {
        self.warning
    }

    /// Whether the policy covers a ticket from `channel` whose customer is in `segment` (if any).
    pub fn matches(&self, channel: Channel, segment: Option<&str>) -> bool {
        let channel_fits = self.channel.is_none_or(|wanted| wanted == channel);
        let segment_fits = match (&self.segment, segment) {
            (None, _) => true,
            (Some(wanted), Some(segment)) => segment.trim().to_lowercase() == *wanted,
            (Some(_), None) => false,
        };
        channel_fits && segment_fits
    }

    /// How many conditions the policy sets (0 for a default policy, 2 for channel and segment).
    pub fn specificity(&self) -> u8 {
        u8::from(self.channel.is_some()) + u8::from(self.segment.is_some())
    }

    /// The ticket's SLA under this policy at `now`; no clocks for a priority without targets.
    pub fn status_for(
        &self,
        priority: Priority,
        calendar: &BusinessCalendar,
        history: &TicketSlaHistory,
        now: DateTime<Utc>,
    ) -> SlaStatus {
        compute_sla(calendar, self.targets.get(priority), self.warning, history, now)
    }
}

/// The policy that applies to a ticket: among the matching ones the most specific (channel and segment, then channel
/// or segment, then a default without conditions); on a tie the one listed first, so admins decide by ordering.
/// `None` when nothing matches: the ticket has no SLA.
pub fn choose_policy<'a>(policies: &'a [SlaPolicy], channel: Channel, segment: Option<&str>) -> Option<&'a SlaPolicy> {
    let mut chosen: Option<&SlaPolicy> = None;
    for policy in policies.iter().filter(|policy| policy.matches(channel, segment)) {
        if chosen.is_none_or(|best| policy.specificity() > best.specificity()) {
            chosen = Some(policy);
        }
    }
    chosen
}

/// Every target of a policy with the field name that reports it (the JSON path of its minutes).
fn target_fields(targets: &TargetsByPriority) -> [(&'static str, Option<Duration>); 8] {
    [
        ("targets.low.first_response_minutes", targets.low.first_response),
        ("targets.low.resolution_minutes", targets.low.resolution),
        ("targets.normal.first_response_minutes", targets.normal.first_response),
        ("targets.normal.resolution_minutes", targets.normal.resolution),
        ("targets.high.first_response_minutes", targets.high.first_response),
        ("targets.high.resolution_minutes", targets.high.resolution),
        ("targets.urgent.first_response_minutes", targets.urgent.first_response),
        ("targets.urgent.resolution_minutes", targets.urgent.resolution),
    ]
}

fn check_target(field: &'static str, target: Option<Duration>) -> Result<(), SlaPolicyError> {
    let Some(target) = target else { return Ok(()) };
    if target <= Duration::zero() {
        return Err(SlaPolicyError::NonPositiveTarget { field });
    }
    if target > Duration::days(LONGEST_TARGET_DAYS) {
        return Err(SlaPolicyError::TargetTooLong { field });
    }
    if !is_whole_minutes(target) {
        return Err(SlaPolicyError::NotWholeMinutes { field });
    }
    Ok(())
}

fn check_warning(warning: WarningThreshold, targets: &TargetsByPriority) -> Result<(), SlaPolicyError> {
    match warning {
        WarningThreshold::PercentRemaining(percent) if !(1..=99).contains(&percent) => {
            Err(SlaPolicyError::WarningPercentOutOfRange { percent })
        }
        WarningThreshold::PercentRemaining(_) => Ok(()),
        WarningThreshold::TimeRemaining(remaining) if remaining <= Duration::zero() => {
            Err(SlaPolicyError::NonPositiveWarning)
        }
        WarningThreshold::TimeRemaining(remaining) => {
            let too_short =
                target_fields(targets).into_iter().find(|(_, target)| target.is_some_and(|t| t <= remaining));
            if let Some((target_field, _)) = too_short {
                return Err(SlaPolicyError::WarningNotShorterThanTarget { target_field });
            }
            if !is_whole_minutes(remaining) {
                return Err(SlaPolicyError::NotWholeMinutes { field: WARNING_MINUTES_FIELD });
            }
            Ok(())
        }
    }
}

const WARNING_MINUTES_FIELD: &str = "warning.minutes_remaining";

fn is_whole_minutes(duration: Duration) -> bool {
    duration.subsec_nanos() == 0 && duration.num_seconds() % 60 == 0
}

/// Why a policy was refused. The message is the reason; [`SlaPolicyError::field`] names the JSON field at fault, and
/// both travel together as a [`FieldError`] to the 422.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SlaPolicyError {
    #[error("A policy needs a name.")]
    MissingName,
    #[error("Leave the segment out instead of sending it empty.")]
    EmptySegment,
    #[error("A target must be longer than zero; leave it out for no target.")]
    NonPositiveTarget { field: &'static str },
    #[error("Use whole minutes.")]
    NotWholeMinutes { field: &'static str },
    #[error("A target may be at most {LONGEST_TARGET_DAYS} days.")]
    TargetTooLong { field: &'static str },
    #[error("The warning share must be between 1 and 99 percent, not {percent}.")]
    WarningPercentOutOfRange { percent: u8 },
    #[error("The warning must come more than zero minutes before the due time.")]
    NonPositiveWarning,
    #[error("The warning must be shorter than {target_field}, or that clock would warn from the start.")]
    WarningNotShorterThanTarget { target_field: &'static str },
}

impl SlaPolicyError {
    /// The JSON field the error is about.
    pub fn field(&self) -> &'static str {
        match self {
            SlaPolicyError::MissingName => "name",
            SlaPolicyError::EmptySegment => "segment",
            SlaPolicyError::NonPositiveTarget { field }
            | SlaPolicyError::NotWholeMinutes { field }
            | SlaPolicyError::TargetTooLong { field } => field,
            SlaPolicyError::WarningPercentOutOfRange { .. } => "warning.percent_remaining",
            SlaPolicyError::NonPositiveWarning | SlaPolicyError::WarningNotShorterThanTarget { .. } => {
                WARNING_MINUTES_FIELD
            }
        }
    }
}

impl From<SlaPolicyError> for FieldError {
    fn from(error: SlaPolicyError) -> FieldError {
        FieldError::new(error.field(), "invalid_sla_policy", error.to_string())
    }
}
