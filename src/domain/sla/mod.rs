//! Service-level agreements: business-hours calendars, the business-time clock and the SLA clocks of a ticket. Pure
//! and wasm-safe, so the server (queue order, warning and breach events for many tickets) and the browser (live
//! countdowns) compute the same due times.
//!
//! Decisions worth knowing:
//! - Times of day are local to the calendar's time zone. On DST days an ambiguous local time means its first
//!   occurrence and a skipped one means the moment clocks jump (see `local_time`); open time is real elapsed time, so
//!   `08:00-17:00` is 9 hours on both DST days in Europe/Berlin.
//! - Holidays are whole local days closed.
//! - Only the resolution clock pauses while a ticket is pending; see [`compute_sla`] and the `status` module.
//! - A clock is breached at its due instant (nothing left), and a reply at exactly that instant is late.

mod calendar;
mod calendar_json;
mod clock;
mod history;
mod local_time;
mod policy;
mod policy_json;
mod settings;
mod status;
mod view;

pub use calendar::{parse_time_zone, BusinessCalendar, CalendarError, MinuteOfDay, OpenInterval, WeeklyHours};
pub use calendar_json::{CalendarSpec, WeeklySpec};
pub use chrono_tz::Tz;
pub use clock::{add_business_time, business_time_between, signed_business_time};
pub use history::{headline_state, ticket_sla_history, StatusChange, TicketStamps};
pub use policy::{
    choose_policy, SlaPolicy, SlaPolicyDraft, SlaPolicyError, SlaTargets, TargetsByPriority, WarningThreshold,
};
pub use policy_json::{SlaPolicySpec, TargetMinutes, TargetsSpec, WarningSpec};
pub use settings::{SlaCalendarView, SlaPolicyView};
pub use status::{compute_sla, PauseInterval, SlaClock, SlaState, SlaStatus, TicketSlaHistory};
pub use view::{SlaAlertKind, SlaClockKind, SlaClockView, SlaTransition, TicketSla};

#[cfg(test)]
mod tests;
