//! A tiny seeded generator (xorshift64*), so every run benchmarks exactly the same rules, tickets and texts without
//! pulling in `rand`. Statistical quality far beyond what picking test data needs.

/// xorshift64* (Vigna 2016). Not for anything secret; only for reproducible benchmark data.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed; the seed is mixed (splitmix64) so that small seeds such as 1, 2, 3 still give
    /// unrelated streams, and zero (a fixed point of xorshift) cannot occur.
    pub fn new(seed: u64) -> Rng {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0). The modulo bias is below 1e-9 for the small `n` used here.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.below(high - low + 1)
    }

    /// True with probability `percent` / 100.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// `count` distinct elements of `items` (all of them when `count` is larger), in random order.
    pub fn pick_distinct<T: Clone>(&mut self, items: &[T], count: usize) -> Vec<T> {
        let mut pool: Vec<T> = items.to_vec();
        let take = count.min(pool.len());
        for index in 0..take {
            let other = index + self.below((pool.len() - index) as u64) as usize;
            pool.swap(index, other);
        }
        pool.truncate(take);
        pool
    }
}

#[cfg(test)]
mod tests {
    use super::Rng;

    #[test]
    fn the_same_seed_gives_the_same_stream_and_picks_stay_in_range() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        for _ in 0..1000 {
            assert_eq!(a.next_u64(), b.next_u64());
            let n = a.between(3, 5);
            assert!((3..=5).contains(&n));
            b.between(3, 5);
        }
        let distinct = a.pick_distinct(&[1, 2, 3, 4], 3);
        assert_eq!(distinct.len(), 3);
        assert!(distinct.iter().all(|x| distinct.iter().filter(|y| *y == x).count() == 1));
    }
}
