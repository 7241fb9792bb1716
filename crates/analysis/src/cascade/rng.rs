//! SplitMix64 (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number generators", OOPSLA):
//! a tiny generator whose streams can be derived from (seed, trial), so that every trial draws the
//! same numbers whichever thread runs it.

#[derive(Clone, Debug)]
pub struct SplitMix64 {
    state: u64,
}

const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl SplitMix64 {
    /// The stream of trial `trial` under `seed`.
    pub fn for_trial(seed: u64, trial: u64) -> SplitMix64 {
        SplitMix64 {
            state: mix(seed ^ mix(trial.wrapping_add(1).wrapping_mul(GAMMA))),
        }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GAMMA);
        mix(self.state)
    }

    /// Uniform in [0, 1), 53 bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_differ_and_are_uniform_enough() {
        let mut a = SplitMix64::for_trial(7, 0);
        let mut b = SplitMix64::for_trial(7, 1);
        assert_ne!(a.next_u64(), b.next_u64());
        let mut r = SplitMix64::for_trial(1, 0);
        let n = 200_000;
        let mean = (0..n).map(|_| r.next_f64()).sum::<f64>() / n as f64;
        assert!((mean - 0.5).abs() < 0.005, "{mean}");
    }
}
