//! The one seeded random number generator of a simulation.
//!
//! ChaCha8 is a fixed algorithm, and the range sampling below is our own, so
//! the same seed gives the same numbers natively and in wasm, in this release
//! and every later one (share links depend on it).

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

#[derive(Clone, Debug)]
pub struct SimRng(ChaCha8Rng);

impl SimRng {
    pub fn new(seed: u64) -> Self {
        SimRng(ChaCha8Rng::seed_from_u64(seed))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A uniform draw from the inclusive range `lo..=hi` (Lemire's method with
    /// rejection, so there is no modulo bias).
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        debug_assert!(lo <= hi);
        let span = hi - lo;
        if span == u64::MAX {
            return self.next_u64();
        }
        let n = span + 1;
        let threshold = n.wrapping_neg() % n;
        loop {
            let m = u128::from(self.next_u64()) * u128::from(n);
            if (m as u64) >= threshold {
                return lo + (m >> 64) as u64;
            }
        }
    }

    /// True with probability `p` (0..=1), from 53 random bits.
    pub fn chance(&mut self, p: f64) -> bool {
        if p <= 0.0 {
            return false;
        }
        let unit = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        unit < p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_numbers() {
        let (mut a, mut b) = (SimRng::new(7), SimRng::new(7));
        for _ in 0..100 {
            assert_eq!(a.range(10, 30), b.range(10, 30));
        }
    }

    #[test]
    fn range_stays_inside_and_covers_both_ends() {
        let mut r = SimRng::new(1);
        let draws: Vec<u64> = (0..2000).map(|_| r.range(3, 6)).collect();
        assert!(draws.iter().all(|d| (3..=6).contains(d)));
        assert!(draws.contains(&3) && draws.contains(&6));
    }

    /// Golden values: if these change, every share link replays differently.
    #[test]
    fn stream_is_stable_across_releases() {
        let mut r = SimRng::new(42);
        let got: Vec<u64> = (0..4).map(|_| r.range(0, 999)).collect();
        assert_eq!(got, GOLDEN_42);
    }

    pub(crate) const GOLDEN_42: [u64; 4] = [681, 950, 427, 627];
}
