//! How the benchmark's tables show counts (latency percentiles are bench/live's `measure::Spread`).

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
    fn counts_show_the_share_only_when_short() {
        assert_eq!(count_cell(600, 600), "600 / 600");
        assert_eq!(count_cell(300, 600), "300 / 600 (**50.0 %**)");
    }
}
