//! Summaries of measured durations, and the one timing helper every section uses.

use std::time::{Duration, Instant};

/// Percentiles of per-item latencies (nearest rank), in microseconds.
pub struct Spread {
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
    /// Items per second of measured time (the sum of the samples, so the timer's own cost between items is left out).
    pub per_second: f64,
}

impl Spread {
    /// `None` for no samples, so an empty run can never print a row of zeros that looks like a result.
    pub fn of(samples: &[Duration]) -> Option<Spread> {
        if samples.is_empty() {
            return None;
        }
        let mut sorted = samples.to_vec();
        sorted.sort_unstable();
        let rank = |p: f64| {
            let index = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len()) - 1;
            micros(sorted[index])
        };
        let total: Duration = sorted.iter().sum();
        Some(Spread {
            p50: rank(0.50),
            p95: rank(0.95),
            p99: rank(0.99),
            max: micros(sorted[sorted.len() - 1]),
            per_second: sorted.len() as f64 / total.as_secs_f64().max(f64::MIN_POSITIVE),
        })
    }
}

pub fn micros(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e6
}

/// Runs `work` `runs` times and returns each run's wall time, sorted (so `[len / 2]` is the median) together with
/// the last run's result. Several runs because a single one on a shared machine can be off by a scheduler hiccup.
pub fn timed_runs<T>(runs: usize, mut work: impl FnMut() -> T) -> (Vec<Duration>, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let result = std::hint::black_box(work());
        times.push(started.elapsed());
        last = Some(result);
    }
    times.sort_unstable();
    (times, last.expect("at least one run"))
}

/// A number with thousands separators (`12,345`), as the other benchmark tables write counts.
pub fn thousands(value: f64) -> String {
    let digits = format!("{:.0}", value.max(0.0));
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank_and_counts_get_separators() {
        let samples: Vec<Duration> = (1..=100).map(Duration::from_micros).collect();
        let spread = Spread::of(&samples).expect("samples");
        assert_eq!((spread.p50, spread.p95, spread.p99, spread.max), (50.0, 95.0, 99.0, 100.0));
        assert!(Spread::of(&[]).is_none());
        assert_eq!(thousands(1234567.4), "1,234,567");
        assert_eq!(thousands(999.0), "999");
    }
}
