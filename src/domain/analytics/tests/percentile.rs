use crate::domain::analytics::{nearest_rank, percentile, Percent, P50P90};

#[test]
fn nearest_rank_is_the_ceiling_of_percent_times_count() {
    assert_eq!(nearest_rank(Percent::P50, 1), 1);
    assert_eq!(nearest_rank(Percent::P50, 4), 2);
    assert_eq!(nearest_rank(Percent::P50, 5), 3);
    assert_eq!(nearest_rank(Percent::P90, 10), 9);
    assert_eq!(nearest_rank(Percent::P90, 11), 10);
    assert_eq!(nearest_rank(Percent::new(100).unwrap(), 7), 7);
    assert_eq!(nearest_rank(Percent::new(1).unwrap(), 7), 1);
}

#[test]
fn percentiles_are_observed_values_in_any_input_order() {
    let values = [50, 10, 40, 20, 30];
    assert_eq!(percentile(&values, Percent::P50), Some(30));
    assert_eq!(percentile(&values, Percent::P90), Some(50));
    let ten: Vec<i64> = (1..=10).rev().map(|n| n * 60).collect();
    assert_eq!(P50P90::of(&ten), P50P90 { p50: Some(300), p90: Some(540) });
}

#[test]
fn an_even_count_takes_the_lower_middle_not_an_average() {
    assert_eq!(percentile(&[100, 200], Percent::P50), Some(100));
    assert_eq!(percentile(&[1, 2, 3, 4], Percent::P50), Some(2));
}

#[test]
fn no_values_have_no_percentile_and_zero_is_not_a_percent() {
    assert_eq!(percentile(&[], Percent::P50), None);
    assert_eq!(P50P90::of(&[]), P50P90::default());
    assert_eq!(Percent::new(0), None);
    assert_eq!(Percent::new(101), None);
}
