//! How the benchmark sums up latencies: nearest-rank percentiles in milliseconds.

use std::time::Duration;

/// p50 / p95 / p99 / max of a set of durations, in milliseconds.
#[derive(Clone, Copy, Debug, Default)]
pub struct Spread {
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
}

impl Spread {
    pub fn of(samples: &mut [Duration]) -> Spread {
        if samples.is_empty() {
            return Spread::default();
        }
        samples.sort_unstable();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        Spread {
            p50: ms(nearest_rank(samples, 0.50)),
            p95: ms(nearest_rank(samples, 0.95)),
            p99: ms(nearest_rank(samples, 0.99)),
            max: ms(samples[samples.len() - 1]),
        }
    }
}

/// The nearest-rank percentile of sorted samples.
fn nearest_rank(sorted: &[Duration], p: f64) -> Duration {
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// "598 / 600", with the share when something is missing.
pub fn count_cell(got: usize, expected: usize) -> String {
    if got == expected {
        return format!("{got} / {expected}");
    }
    let share = if expected == 0 { 0.0 } else { got as f64 * 100.0 / expected as f64 };
    format!("{got} / {expected} (**{share:.1} %**)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let mut samples: Vec<Duration> = (1..=100).map(Duration::from_millis).rev().collect();
        let spread = Spread::of(&mut samples);
        assert_eq!((spread.p50, spread.p95, spread.p99, spread.max), (50.0, 95.0, 99.0, 100.0));
        assert_eq!(Spread::of(&mut [Duration::from_millis(7)]).p95, 7.0);
        assert_eq!(Spread::of(&mut []).max, 0.0);
    }

    #[test]
    fn counts_show_the_share_only_when_short() {
        assert_eq!(count_cell(600, 600), "600 / 600");
        assert_eq!(count_cell(300, 600), "300 / 600 (**50.0 %**)");
    }
}
