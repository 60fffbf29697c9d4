//! Counting events per key in a sliding window (failed sign-ins per account and per address,
//! registrations per address). In memory, per instance: with several instances behind a balancer the
//! effective limit is multiplied by their number, which still stops online guessing.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WindowLimit {
    pub max: u32,
    pub window: Duration,
}

#[derive(Default)]
pub struct RateLimiter {
    events: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RateLimiter {
    /// Keys kept before stale ones are swept, so a flood of distinct keys cannot grow memory unbounded.
    const SWEEP_ABOVE: usize = 10_000;

    pub fn new() -> RateLimiter {
        RateLimiter::default()
    }

    /// `Err(seconds until allowed)` when `key` already has `limit.max` events in the window.
    pub fn check(&self, key: &str, limit: WindowLimit) -> Result<(), u64> {
        self.check_at(key, limit, Instant::now())
    }

    pub fn record(&self, key: &str, limit: WindowLimit) {
        self.record_at(key, limit, Instant::now());
    }

    pub fn clear(&self, key: &str) {
        self.lock().remove(key);
    }

    fn check_at(&self, key: &str, limit: WindowLimit, now: Instant) -> Result<(), u64> {
        let mut events = self.lock();
        let Some(times) = events.get_mut(key) else { return Ok(()) };
        prune(times, limit.window, now);
        if times.len() < limit.max as usize {
            return Ok(());
        }
        let oldest = times.front().copied().unwrap_or(now);
        let wait = limit.window.saturating_sub(now.duration_since(oldest));
        Err(wait.as_secs().max(1))
    }

    fn record_at(&self, key: &str, limit: WindowLimit, now: Instant) {
        let mut events = self.lock();
        if events.len() > Self::SWEEP_ABOVE {
            events.retain(|_, times| {
                prune(times, limit.window, now);
                !times.is_empty()
            });
        }
        let times = events.entry(key.to_string()).or_default();
        prune(times, limit.window, now);
        times.push_back(now);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, VecDeque<Instant>>> {
        // A poisoned lock only means another request panicked mid-update; the counts are still usable.
        self.events.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn prune(times: &mut VecDeque<Instant>, window: Duration, now: Instant) {
    while times.front().is_some_and(|t| now.duration_since(*t) >= window) {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: WindowLimit = WindowLimit { max: 3, window: Duration::from_secs(60) };

    #[test]
    fn refuses_after_max_events_until_the_window_passes() {
        let limiter = RateLimiter::new();
        let start = Instant::now();
        for i in 0..3 {
            assert!(limiter.check_at("k", LIMIT, start).is_ok(), "attempt {i}");
            limiter.record_at("k", LIMIT, start);
        }
        let wait = limiter.check_at("k", LIMIT, start + Duration::from_secs(10)).unwrap_err();
        assert_eq!(wait, 50);
        assert!(limiter.check_at("other", LIMIT, start).is_ok(), "keys are independent");
        assert!(limiter.check_at("k", LIMIT, start + Duration::from_secs(61)).is_ok());
    }

    #[test]
    fn clearing_a_key_forgives_it() {
        let limiter = RateLimiter::new();
        for _ in 0..3 {
            limiter.record("k", LIMIT);
        }
        assert!(limiter.check("k", LIMIT).is_err());
        limiter.clear("k");
        assert!(limiter.check("k", LIMIT).is_ok());
    }
}
