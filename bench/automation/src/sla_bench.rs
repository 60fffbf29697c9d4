//! Section 2: recomputing the SLA clocks of 100,000 open tickets, as the watcher or a calendar change would, single
//! threaded: once on a Berlin office calendar (Mon-Fri 08:00-17:00 with German public holidays, so every due time
//! walks the calendar day by day) and once on the 24/7 calendar (business time is elapsed time).

use std::fmt::Write;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use tidings::domain::sla::{
    compute_sla, BusinessCalendar, MinuteOfDay, OpenInterval, PauseInterval, SlaPolicy, SlaPolicyDraft, SlaState,
    SlaTargets, TargetsByPriority, TicketSlaHistory, Tz, WarningThreshold, WeeklyHours,
};
use tidings::domain::Priority;

use crate::event_gen::base_time;
use crate::rng::Rng;
use crate::stats::{thousands, timed_runs};

pub const TICKETS: usize = 100_000;
const HISTORY_DAYS: u64 = 60;
const RUNS: usize = 3;
const SEED: u64 = 21;

/// Public holidays in Germany (nationwide plus Reformation Day and Epiphany, kept in several states) around the
/// 60 days before "now" and the weeks after it that due times can reach.
const HOLIDAYS: [&str; 15] = [
    "2025-01-01",
    "2025-01-06",
    "2025-04-18",
    "2025-04-21",
    "2025-05-01",
    "2025-05-29",
    "2025-06-09",
    "2025-10-03",
    "2025-10-31",
    "2025-12-24",
    "2025-12-25",
    "2025-12-26",
    "2025-12-31",
    "2026-01-01",
    "2026-01-06",
];

/// The Berlin office: Monday to Friday, 08:00 to 17:00, closed on [`HOLIDAYS`].
pub fn berlin_office() -> BusinessCalendar {
    let hours = OpenInterval::new(
        MinuteOfDay::from_hm(8, 0).expect("08:00 is a time"),
        MinuteOfDay::from_hm(17, 0).expect("17:00 is a time"),
    );
    let holidays = HOLIDAYS.iter().map(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("a fixed date"));
    BusinessCalendar::new(Tz::Europe__Berlin, WeeklyHours::weekdays(&[hours]), holidays).expect("a valid calendar")
}

fn targets(first_response_minutes: i64, resolution_minutes: i64) -> SlaTargets {
    SlaTargets {
        first_response: Some(TimeDelta::minutes(first_response_minutes)),
        resolution: Some(TimeDelta::minutes(resolution_minutes)),
    }
}

/// Targets per priority in business time: urgent 30 min / 4 h, high 1 h / 8 h, normal 4 h / 3 days of 9 h, low
/// 8 h / 5 days; warning with a quarter of the target left.
pub fn policy() -> SlaPolicy {
    let targets = TargetsByPriority {
        low: targets(8 * 60, 5 * 9 * 60),
        normal: targets(4 * 60, 3 * 9 * 60),
        high: targets(60, 8 * 60),
        urgent: targets(30, 4 * 60),
    };
    let draft = SlaPolicyDraft {
        name: "Standard".into(),
        channel: None,
        segment: None,
        targets,
        warning: WarningThreshold::PercentRemaining(25),
    };
    SlaPolicy::new(draft).expect("a valid policy")
}

/// One open ticket as the SLA clock sees it.
pub struct OpenTicket {
    pub priority: Priority,
    pub history: TicketSlaHistory,
}

/// `count` open tickets created at random over the 60 days before `now`: 60 % with a first staff reply (within
/// three days, never after `now`), 40 % with 1-3 pending stretches after that (the last one still running in 30 %
/// of those tickets). None is resolved: they are the open queue.
pub fn generate_tickets(count: usize, now: DateTime<Utc>, rng: &mut Rng) -> Vec<OpenTicket> {
    let span = (HISTORY_DAYS * 24 * 3600) as i64;
    (0..count)
        .map(|_| {
            let created_at = now - TimeDelta::seconds(1 + rng.below(span as u64) as i64);
            let age = (now - created_at).num_seconds();
            let first_staff_reply_at = rng
                .percent(60)
                .then(|| created_at + TimeDelta::seconds(rng.below(age.min(3 * 24 * 3600) as u64) as i64));
            let pauses_from = first_staff_reply_at.unwrap_or(created_at);
            let pauses = if rng.percent(40) { pauses(pauses_from, now, rng) } else { Vec::new() };
            let history = TicketSlaHistory { created_at, first_staff_reply_at, resolved_at: None, pauses };
            let priority =
                *rng.pick(&[Priority::Low, Priority::Normal, Priority::Normal, Priority::High, Priority::Urgent]);
            OpenTicket { priority, history }
        })
        .collect()
}

/// 1-3 non-overlapping pending stretches between `from` and `now`, in order.
fn pauses(from: DateTime<Utc>, now: DateTime<Utc>, rng: &mut Rng) -> Vec<PauseInterval> {
    let span = (now - from).num_seconds().max(1) as u64;
    let count = rng.between(1, 3) as usize;
    let mut points: Vec<DateTime<Utc>> =
        (0..count * 2).map(|_| from + TimeDelta::seconds(rng.below(span) as i64)).collect();
    points.sort_unstable();
    let still_pending = rng.percent(30);
    points
        .chunks(2)
        .enumerate()
        .map(|(index, pair)| PauseInterval {
            from: pair[0],
            until: if still_pending && index == count - 1 { None } else { Some(pair[1]) },
        })
        .collect()
}

/// The resolution clocks' states of one run: running, warning, breached, paused, other.
type StateCounts = [usize; 5];

fn recompute_all(
    calendar: &BusinessCalendar,
    policy: &SlaPolicy,
    tickets: &[OpenTicket],
    now: DateTime<Utc>,
) -> StateCounts {
    let mut counts = [0; 5];
    for ticket in tickets {
        let targets = policy.targets().get(ticket.priority);
        let status = compute_sla(calendar, targets, policy.warning(), &ticket.history, now);
        let slot = match status.resolution.map(|clock| clock.state) {
            Some(SlaState::Running) => 0,
            Some(SlaState::Warning) => 1,
            Some(SlaState::Breached) => 2,
            Some(SlaState::Paused) => 3,
            _ => 4,
        };
        counts[slot] += 1;
        std::hint::black_box(status);
    }
    counts
}

/// Runs the section and returns its markdown.
pub fn run() -> String {
    let now = base_time();
    let tickets = generate_tickets(TICKETS, now, &mut Rng::new(SEED));
    let policy = policy();
    let with_reply = tickets.iter().filter(|ticket| ticket.history.first_staff_reply_at.is_some()).count();
    let with_pauses = tickets.iter().filter(|ticket| !ticket.history.pauses.is_empty()).count();

    let mut out = String::new();
    let _ = writeln!(out, "## SLA recomputation: {} open tickets\n", thousands(TICKETS as f64));
    let _ = writeln!(
        out,
        "`compute_sla` (first-response and resolution clocks) for every ticket at a fixed now (Wed 2025-11-12 10:00 \
         Berlin), single-threaded. Tickets created at random over the past {HISTORY_DAYS} days, {} with a first staff \
         reply, {} with 1-3 pending pauses (some still pending); one policy with targets per priority (urgent 30 min / \
         4 h, high 1 h / 8 h, normal 4 h / 27 h, low 8 h / 45 h of business time, warning at 25 % left). Office: \
         Europe/Berlin Mon-Fri 08:00-17:00 with {} holidays; 24/7: `BusinessCalendar::always_open()`. Time: the \
         median of {RUNS} runs over all tickets (range in brackets).\n",
        thousands(with_reply as f64),
        thousands(with_pauses as f64),
        HOLIDAYS.len(),
    );
    out.push_str("| calendar | tickets | total s | tickets/s | µs per ticket | resolution clocks: running / warning / breached / paused |\n");
    out.push_str("|---|---:|---:|---:|---:|---|\n");
    for (label, calendar) in [("Berlin office", berlin_office()), ("24/7", BusinessCalendar::always_open())] {
        eprintln!("sla: {label}: {RUNS} runs over {TICKETS} tickets");
        let (times, counts) = timed_runs(RUNS, || recompute_all(&calendar, &policy, &tickets, now));
        let median = times[times.len() / 2].as_secs_f64();
        let range = format!("{:.3}-{:.3}", times[0].as_secs_f64(), times[times.len() - 1].as_secs_f64());
        let _ = writeln!(
            out,
            "| {label} | {} | {median:.3} ({range}) | {} | {:.2} | {} / {} / {} / {} |",
            thousands(TICKETS as f64),
            thousands(TICKETS as f64 / median),
            median * 1e6 / TICKETS as f64,
            thousands(counts[0] as f64),
            thousands(counts[1] as f64),
            thousands(counts[2] as f64),
            thousands(counts[3] as f64),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_tickets_have_ordered_histories_and_get_both_clocks() {
        let now = base_time();
        let tickets = generate_tickets(5_000, now, &mut Rng::new(SEED));
        let (calendar, policy) = (berlin_office(), policy());
        for ticket in &tickets {
            let history = &ticket.history;
            assert!(history.created_at < now);
            assert!(history.first_staff_reply_at.is_none_or(|reply| reply >= history.created_at && reply <= now));
            for pair in history.pauses.windows(2) {
                assert!(pair[0].until.is_some_and(|until| until <= pair[1].from));
            }
            let status = compute_sla(&calendar, policy.targets().get(ticket.priority), policy.warning(), history, now);
            assert!(status.first_response.is_some() && status.resolution.is_some());
        }
        let counts = recompute_all(&calendar, &policy, &tickets, now);
        assert_eq!(counts[4], 0, "every open ticket has a counting or paused resolution clock: {counts:?}");
        assert!(counts[..4].iter().all(|count| *count > 0), "all four states occur: {counts:?}");
    }
}
