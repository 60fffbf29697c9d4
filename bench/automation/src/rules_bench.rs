//! Section 1: rule evaluation per ticket event with 200 active rules. The rules are validated once (as when they
//! are saved), then each event is evaluated on its own ticket snapshot, first as one `evaluate` pass, then together
//! with the follow-up passes the service would feed back when rules changed the ticket.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::time::{Duration, Instant};

use tidings::domain::rules::{evaluate, validate_rule, Evaluation, EventKind, ValidRule};

use crate::event_gen::{generate_events, BenchEvent};
use crate::fixture::Labelled;
use crate::rng::Rng;
use crate::rule_gen::{catalog, generate_rules};
use crate::stats::{thousands, Spread};

pub const RULES: usize = 200;
pub const EVENTS: usize = 20_000;
/// Events evaluated before measuring, so caches and the allocator are warm.
const WARM_UP: usize = 1_000;
const RULE_SEED: u64 = 7;
const EVENT_SEED: u64 = 8;

/// Latencies and firing counts of one kind of event (or all of them).
#[derive(Default)]
struct Tally {
    samples: Vec<Duration>,
    firings: usize,
    events_with_firing: usize,
    passes: usize,
}

impl Tally {
    fn add(&mut self, elapsed: Duration, firings: usize, passes: usize) {
        self.samples.push(elapsed);
        self.firings += firings;
        self.events_with_firing += usize::from(firings > 0);
        self.passes += passes;
    }

    fn row(&self, label: &str) -> String {
        let Some(spread) = Spread::of(&self.samples) else {
            return format!("| {label} | 0 | - | - | - | - | - | - | - |");
        };
        let events = self.samples.len() as f64;
        format!(
            "| {label} | {} | {:.1} | {:.1} | {:.1} | {:.1} | {} | {:.2} | {:.0} % | {:.2} |",
            thousands(events),
            spread.p50,
            spread.p95,
            spread.p99,
            spread.max,
            thousands(spread.per_second),
            self.firings as f64 / events,
            100.0 * self.events_with_firing as f64 / events,
            self.passes as f64 / events,
        )
    }
}

/// The 200 generated rules, validated. A generated rule that fails validation is a bug in the generator.
pub fn valid_rules() -> (Vec<ValidRule>, Duration) {
    let rules = generate_rules(RULES, &mut Rng::new(RULE_SEED));
    let catalog = catalog();
    let started = Instant::now();
    let valid = rules
        .iter()
        .map(|rule| validate_rule(rule, &catalog).unwrap_or_else(|error| panic!("generated {}: {error}", rule.id)))
        .collect();
    (valid, started.elapsed())
}

/// One event with its follow-ups, as the service chains them: returns the firings and the number of passes.
fn evaluate_chain(rules: &[ValidRule], event: &BenchEvent) -> (usize, usize) {
    let mut evaluation: Evaluation = evaluate(rules, &event.event, &event.subject);
    let (mut firings, mut passes) = (evaluation.firings.len(), 1);
    while let Some(follow_up) = evaluation.follow_up.take() {
        evaluation = evaluate(rules, &follow_up, &evaluation.subject);
        firings += evaluation.firings.len();
        passes += 1;
    }
    (firings, passes)
}

/// Runs the section and returns its markdown.
pub fn run(messages: &[Labelled]) -> String {
    eprintln!("rules: generating and validating {RULES} rules");
    let (rules, validation) = valid_rules();
    let events = generate_events(WARM_UP + EVENTS, messages, &mut Rng::new(EVENT_SEED));
    let (warm_up, measured) = events.split_at(WARM_UP);
    for event in warm_up {
        std::hint::black_box(evaluate_chain(&rules, event));
    }

    eprintln!("rules: evaluating {EVENTS} events (one pass)");
    let mut by_kind: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut all = Tally::default();
    for event in measured {
        let started = Instant::now();
        let evaluation = evaluate(&rules, &event.event, &event.subject);
        let elapsed = started.elapsed();
        let firings = std::hint::black_box(evaluation).firings.len();
        all.add(elapsed, firings, 1);
        by_kind.entry(kind_name(event.event.kind)).or_default().add(elapsed, firings, 1);
    }

    eprintln!("rules: evaluating {EVENTS} events with their follow-ups");
    let mut chained = Tally::default();
    for event in measured {
        let started = Instant::now();
        let (firings, passes) = std::hint::black_box(evaluate_chain(&rules, event));
        chained.add(started.elapsed(), firings, passes);
    }

    let mut out = String::new();
    let _ = writeln!(out, "## Rule evaluation: {RULES} active rules, {} events\n", thousands(EVENTS as f64));
    let _ = writeln!(
        out,
        "{RULES} generated rules (seeded; triggers ticket_created / ticket_updated / message_received, 1-4 conditions \
         on status, priority, channel, tags, subject and message text `contains`, requester domain / VIP / segment / \
         language, 25 % in an `any` group; 1-3 actions), validated once in {:.1} ms. Events on varied ticket \
         snapshots (30 % created, 40 % updated with a change, 30 % message received with a fixture message as text), \
         {WARM_UP} warm-up events first. Latency per event in µs; events/s over the measured time; fired: rules that \
         fired per event (mean); passes: `evaluate` calls per event.\n",
        validation.as_secs_f64() * 1e3
    );
    out.push_str("| events | count | p50 | p95 | p99 | max | events/s | fired | events with a firing | passes |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    let _ = writeln!(out, "{}", all.row("all, one `evaluate` pass"));
    for (kind, tally) in &by_kind {
        let _ = writeln!(out, "{}", tally.row(&format!("{kind}, one pass")));
    }
    let _ = writeln!(out, "{}", chained.row("all, with follow-up passes"));
    out
}

fn kind_name(kind: EventKind) -> &'static str {
    match kind {
        EventKind::TicketCreated => "ticket_created",
        EventKind::TicketUpdated => "ticket_updated",
        EventKind::MessageReceived => "message_received",
        EventKind::SlaWarning => "sla_warning",
        EventKind::SlaBreach => "sla_breach",
        EventKind::TimeReached => "time_reached",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::messages;
    use tidings::domain::rules::{ConditionField, Rule, Trigger};

    /// Many seeds, not just the benchmark's, so a generator change that can produce an invalid rule is caught.
    #[test]
    fn every_generated_rule_is_valid_for_many_seeds() {
        let catalog = catalog();
        for seed in 0..50 {
            for rule in generate_rules(RULES, &mut Rng::new(seed)) {
                if let Err(error) = validate_rule(&rule, &catalog) {
                    panic!("seed {seed}, {}: {error}\n{}", rule.id, serde_json::to_string(&rule).unwrap_or_default());
                }
            }
        }
    }

    #[test]
    fn the_benchmark_rules_mix_triggers_fields_and_sizes() {
        let (valid, _) = valid_rules();
        let rules: Vec<&Rule> = valid.iter().map(ValidRule::rule).collect();
        assert_eq!(rules.len(), RULES);
        for trigger in [Trigger::TicketCreated, Trigger::TicketUpdated, Trigger::MessageReceived] {
            assert!(rules.iter().filter(|rule| rule.trigger == trigger).count() > RULES / 5, "{trigger:?}");
        }
        let fields: std::collections::BTreeSet<ConditionField> = rules
            .iter()
            .flat_map(|rule| rule.conditions.nodes().iter())
            .filter_map(|node| match node {
                tidings::domain::rules::ConditionNode::Condition(condition) => Some(condition.field),
                tidings::domain::rules::ConditionNode::Group(_) => None,
            })
            .collect();
        assert_eq!(fields.len(), 10, "{fields:?}");
        assert!(rules.iter().all(|rule| (1..=4).contains(&rule.conditions.nodes().len())));
        assert!(rules.iter().all(|rule| (1..=3).contains(&rule.actions.len())));
    }

    /// The measured events must make rules fire, but not all of them: otherwise the benchmark measures nothing
    /// (every rule rejected at the trigger) or something unrealistic.
    #[test]
    fn generated_events_fire_some_rules_of_every_kind() {
        let (rules, _) = valid_rules();
        let events = generate_events(2_000, &messages(), &mut Rng::new(EVENT_SEED));
        let mut fired: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for event in &events {
            let (firings, passes) = evaluate_chain(&rules, event);
            assert!(passes >= 1);
            let entry = fired.entry(kind_name(event.event.kind)).or_default();
            entry.0 += firings;
            entry.1 += 1;
        }
        assert_eq!(fired.len(), 3, "{fired:?}");
        for (kind, (firings, count)) in fired {
            let mean = firings as f64 / count as f64;
            assert!(mean > 0.5 && mean < RULES as f64 / 3.0, "{kind}: {mean} rules fired per event");
        }
    }
}
