//! The SLA clocks of one ticket: when its first response and resolution are due, whether they are running, warning,
//! breached, met or paused, and when that will next change. Pure, so the queue ("due soonest"), the ticket page and the
//! job that fires warning and breach events all compute the same answer from the same history.
//!
//! Pause rules: only the resolution clock pauses while a ticket is pending (waiting on the customer); business time
//! spent paused moves its due time later by the same amount. The first-response clock never pauses: until staff have
//! replied once there is nothing the customer could be holding up, and a ticket set to pending before any public
//! reply should not hide a late first answer. The first-response clock stops at the first public staff reply, or at
//! resolution if that comes first (a ticket solved without a reply does not breach forever).

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::calendar::BusinessCalendar;
use super::clock::{add_business_time, business_time_between};
use super::policy::{SlaTargets, WarningThreshold};

/// A stretch in status pending. `until: None` means the ticket is pending now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PauseInterval {
    pub from: DateTime<Utc>,
    pub until: Option<DateTime<Utc>>,
}

/// What the SLA clocks need to know about a ticket, read from its stamps and status history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TicketSlaHistory {
    pub created_at: DateTime<Utc>,
    /// The first public reply by staff (internal notes and automatic replies do not count).
    pub first_staff_reply_at: Option<DateTime<Utc>>,
    /// When it was last resolved, if it is resolved now (a reopened ticket has none).
    pub resolved_at: Option<DateTime<Utc>>,
    /// Stretches in pending, in any order; overlapping or out-of-range stretches are tolerated.
    pub pauses: Vec<PauseInterval>,
}

/// Where one SLA clock stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SlaState {
    /// Counting, with more than the warning threshold left.
    Running,
    /// Counting, with no more than the warning threshold left.
    Warning,
    /// Past due and not yet done.
    Breached,
    /// Done before the due time.
    Met,
    /// Done, but at or after the due time.
    MissedThenMet,
    /// Resolution clock while the ticket is pending (and not breached before it was paused).
    Paused,
}

impl SlaState {
    pub const ALL: [SlaState; 6] = [
        SlaState::Running,
        SlaState::Warning,
        SlaState::Breached,
        SlaState::Met,
        SlaState::MissedThenMet,
        SlaState::Paused,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SlaState::Running => "running",
            SlaState::Warning => "warning",
            SlaState::Breached => "breached",
            SlaState::Met => "met",
            SlaState::MissedThenMet => "missed_then_met",
            SlaState::Paused => "paused",
        }
    }

    /// Reads the wire name back (as the store keeps it).
    pub fn parse(raw: &str) -> Option<SlaState> {
        SlaState::ALL.into_iter().find(|state| state.as_str() == raw)
    }

    /// Whether the clock has stopped for good (the response or resolution happened).
    pub fn is_done(self) -> bool {
        matches!(self, SlaState::Met | SlaState::MissedThenMet)
    }
}

/// One clock (first response or resolution) of one ticket at a given `now`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlaClock {
    /// The promised business time.
    pub target: Duration,
    /// When the target runs out: at this instant and after, the clock is breached. For a paused clock this assumes
    /// the pause ends now, so it moves later while the ticket stays pending.
    pub due_at: DateTime<Utc>,
    /// When the clock starts warning (no later than `due_at`).
    pub warning_at: DateTime<Utc>,
    pub state: SlaState,
    /// Business time left at `now` (or at the moment the clock stopped, for a done clock); negative when overdue.
    pub remaining: Duration,
}

impl SlaClock {
    /// The next instant at which this clock's state changes on its own (warning, then breach), for a scheduler to wake
    /// at. `None` when only an event can change it: done, breached, or paused until the customer answers.
    pub fn next_change_at(&self) -> Option<DateTime<Utc>> {
        match self.state {
            SlaState::Running => Some(self.warning_at),
            SlaState::Warning => Some(self.due_at),
            SlaState::Breached | SlaState::Met | SlaState::MissedThenMet | SlaState::Paused => None,
        }
    }

    /// Whether the clock still asks something of staff: counting or overdue (not done, not paused).
    pub fn is_pressing(&self) -> bool {
        matches!(self.state, SlaState::Running | SlaState::Warning | SlaState::Breached)
    }
}

/// A ticket's clocks; a clock is `None` when the policy has no target for it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SlaStatus {
    pub first_response: Option<SlaClock>,
    pub resolution: Option<SlaClock>,
}

impl SlaStatus {
    pub fn clocks(&self) -> impl Iterator<Item = &SlaClock> {
        self.first_response.iter().chain(self.resolution.iter())
    }

    /// The earliest instant at which either clock changes state on its own; `None` when nothing is scheduled.
    pub fn next_change_at(&self) -> Option<DateTime<Utc>> {
        self.clocks().filter_map(SlaClock::next_change_at).min()
    }

    /// The due time the queue sorts by ("due soonest"): the earliest due time of a clock that still asks something
    /// of staff. Paused and done clocks do not count; `None` sorts such tickets after all others.
    pub fn next_due_at(&self) -> Option<DateTime<Utc>> {
        self.clocks().filter(|clock| clock.is_pressing()).map(|clock| clock.due_at).min()
    }
}

/// The ticket's SLA at `now` under `targets`, counting only the calendar's open time. Targets are expected from a
/// checked [`SlaPolicy`](super::SlaPolicy) (positive, at most a year): the due time is found by walking the calendar.
pub fn compute_sla(
    calendar: &BusinessCalendar,
    targets: SlaTargets,
    warning: WarningThreshold,
    history: &TicketSlaHistory,
    now: DateTime<Utc>,
) -> SlaStatus {
    let first_response = targets.first_response.map(|target| {
        let answered_at = [history.first_staff_reply_at, history.resolved_at].into_iter().flatten().min();
        let timeline = CountingTimeline { start: history.created_at, pauses: Vec::new() };
        build_clock(calendar, &timeline, target, warning, answered_at, false, now)
    });
    let resolution = targets.resolution.map(|target| {
        let counted_until = history.resolved_at.map_or(now, |resolved_at| resolved_at.min(now));
        let timeline = CountingTimeline::with_pauses(history.created_at, &history.pauses, counted_until, now);
        let paused_now = history.pauses.iter().any(|pause| pause.from <= now && pause.until.is_none_or(|u| u > now));
        build_clock(calendar, &timeline, target, warning, history.resolved_at, paused_now, now)
    });
    SlaStatus { first_response, resolution }
}

fn build_clock(
    calendar: &BusinessCalendar,
    timeline: &CountingTimeline,
    target: Duration,
    warning: WarningThreshold,
    stopped_at: Option<DateTime<Utc>>,
    paused_now: bool,
    now: DateTime<Utc>,
) -> SlaClock {
    let due_at = timeline.instant_after(calendar, target);
    let warning_at = timeline.instant_after(calendar, target - warning.remaining_for(target));
    let counted = timeline.counted_until(calendar, stopped_at.unwrap_or(now));
    let remaining = target.checked_sub(&counted).unwrap_or(Duration::MIN);
    let state = match stopped_at {
        Some(done_at) if done_at < due_at => SlaState::Met,
        Some(_) => SlaState::MissedThenMet,
        None if now >= due_at => SlaState::Breached,
        None if paused_now => SlaState::Paused,
        None if now >= warning_at => SlaState::Warning,
        None => SlaState::Running,
    };
    SlaClock { target, due_at, warning_at, state, remaining }
}

/// Business time counted from `start`, leaving out pauses: sorted, merged, non-empty `[from, until)` stretches.
struct CountingTimeline {
    start: DateTime<Utc>,
    pauses: Vec<(DateTime<Utc>, DateTime<Utc>)>,
}

impl CountingTimeline {
    /// Pauses cut to `[start, counted_until)`; a pause still open at `now` is taken to end now.
    fn with_pauses(
        start: DateTime<Utc>,
        pauses: &[PauseInterval],
        counted_until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> CountingTimeline {
        let mut cut: Vec<_> = pauses
            .iter()
            .map(|pause| (pause.from.max(start), pause.until.unwrap_or(now).min(counted_until)))
            .filter(|(from, until)| from < until)
            .collect();
        cut.sort();
        let mut merged: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::with_capacity(cut.len());
        for (from, until) in cut {
            match merged.last_mut() {
                Some(last) if from <= last.1 => last.1 = last.1.max(until),
                _ => merged.push((from, until)),
            }
        }
        CountingTimeline { start, pauses: merged }
    }

    /// The earliest instant at which `counted` business time outside pauses has passed since `start`.
    fn instant_after(&self, calendar: &BusinessCalendar, counted: Duration) -> DateTime<Utc> {
        let mut cursor = self.start;
        let mut remaining = counted;
        if remaining <= Duration::zero() {
            return cursor;
        }
        for &(pause_from, pause_until) in &self.pauses {
            if pause_from > cursor {
                let before_pause = business_time_between(calendar, cursor, pause_from);
                if remaining <= before_pause {
                    return add_business_time(calendar, cursor, remaining);
                }
                remaining -= before_pause;
            }
            cursor = cursor.max(pause_until);
        }
        add_business_time(calendar, cursor, remaining)
    }

    /// Business time outside pauses in `[start, instant)`.
    fn counted_until(&self, calendar: &BusinessCalendar, instant: DateTime<Utc>) -> Duration {
        let paused: Duration =
            self.pauses.iter().map(|&(from, until)| business_time_between(calendar, from, until.min(instant))).sum();
        business_time_between(calendar, self.start, instant) - paused
    }
}
