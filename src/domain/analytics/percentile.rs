//! Percentiles of durations, by the nearest-rank method: the p-th percentile of `n` values is the value at rank
//! `ceil(p × n / 100)` (1-based) in ascending order. It is always one of the observed values (no interpolation), so a
//! dashboard, an export and a test computed by hand agree to the second, and the rollup tables (which keep one row per
//! ticket, see `migrations/*/0018_analytics.sql`) give exactly what the raw history gives.

/// A whole percent from 1 to 100.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percent(u8);

impl Percent {
    pub const P50: Percent = Percent(50);
    pub const P90: Percent = Percent(90);

    /// `None` outside 1..=100: the 0th percentile has no nearest rank.
    pub fn new(value: u8) -> Option<Percent> {
        (1..=100).contains(&value).then_some(Percent(value))
    }

    pub fn value(self) -> u8 {
        self.0
    }
}

/// The 1-based nearest rank of `percent` among `count` values: `ceil(percent × count / 100)`, at least 1. Exact
/// integer arithmetic, so 90 % of 10 is rank 9 and never 9.000000001.
pub fn nearest_rank(percent: Percent, count: usize) -> usize {
    let scaled = usize::from(percent.0) * count;
    scaled.div_ceil(100).max(1)
}

/// The `percent` percentile of `values` (any order); `None` when there are none.
pub fn percentile(values: &[i64], percent: Percent) -> Option<i64> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    percentile_of_sorted(&sorted, percent)
}

/// The same over values already sorted ascending, so several percentiles share one sort.
pub fn percentile_of_sorted(sorted: &[i64], percent: Percent) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    sorted.get(nearest_rank(percent, sorted.len()) - 1).copied()
}

/// The median and 90th percentile the summary reports, from one sort.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct P50P90 {
    pub p50: Option<i64>,
    pub p90: Option<i64>,
}

impl P50P90 {
    pub fn of(values: &[i64]) -> P50P90 {
        let mut sorted = values.to_vec();
        sorted.sort_unstable();
        P50P90 { p50: percentile_of_sorted(&sorted, Percent::P50), p90: percentile_of_sorted(&sorted, Percent::P90) }
    }
}
