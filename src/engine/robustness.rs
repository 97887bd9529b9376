//! Robustness: the share of [`DRAWS`] random perturbations of the weights (each applied point
//! value and each dimension weight multiplied by a factor drawn uniformly from 0.75-1.25)
//! under which the recommendation, and the leaning, stay the same.
//!
//! Which effects apply, which options are excluded and whether a blocker fires do not depend
//! on the weights, so each draw only re-adds the applied points with [`sum_points`] and
//! decides with [`decide`], the kernel's own functions. Scores are one common affine map of
//! the totals, so comparing totals is comparing scores.
//!
//! When even the most unfavourable factors for every point cannot close the leaning option's
//! lead, every draw keeps it, and the share is 1 without drawing. Otherwise the generator is a
//! fixed-seed SplitMix64 implemented here, so the share is identical on every platform and
//! every run: the engine stays pure, with no randomness beyond that seeded stream.

use super::Model;
use super::score::{Evaluation, TIE, decide, sum_points};
use crate::model::{Dimension, Portal};

/// Weight perturbations drawn for robustness.
pub const DRAWS: usize = 1000;

/// Seed of the perturbation generator. Changing it changes every robustness figure.
const SEED: u64 = 0x1dbf_17a5_5e55_0001;

/// How far each weight may move, as a factor: uniform in `1 - SPREAD .. 1 + SPREAD`.
const SPREAD: f64 = 0.25;

impl Model<'_> {
    /// Shares of weight perturbations that keep the recommendation and the leaning.
    pub(super) fn robustness(&self, base: &Evaluation) -> (f64, f64) {
        let blocked = !base.blockers.is_empty();
        let eligible = base.excluded.map(|e| e.is_none());
        let leaning = if self.always_leads(base) {
            1.0
        } else {
            self.drawn_share(base, eligible, blocked)
        };
        // A blocker holds the recommendation at "not yet" whatever the weights.
        let recommendation = if blocked { 1.0 } else { leaning };
        (recommendation, leaning)
    }

    /// Whether the leaning option stays ahead of every other eligible option under the most
    /// unfavourable factors: each point and each dimension weight at whichever end of the
    /// range hurts the lead most.
    fn always_leads(&self, base: &Evaluation) -> bool {
        let k = self.margin_scale();
        let weights = self.dimension_weights();
        let (low, high) = (1.0 - SPREAD, 1.0 + SPREAD);
        let leaning = base.leaning.index();
        Portal::ALL
            .into_iter()
            .filter(|&p| p != base.leaning && base.eligible(p))
            .all(|rival| {
                let rival = rival.index();
                let worst: f64 = base
                    .contributions
                    .iter()
                    .map(|&(effect, points)| {
                        let (ours, theirs) = (points[leaning], points[rival]);
                        let lead = ours * if ours >= 0.0 { low } else { high }
                            - theirs * if theirs >= 0.0 { high } else { low };
                        let weight = self.weights.effects[effect]
                            .dimension
                            .map_or(1.0, |d| weights[d.index()]);
                        weight * lead * if lead >= 0.0 { low } else { high }
                    })
                    .sum();
                k * worst > TIE
            })
    }

    fn drawn_share(&self, base: &Evaluation, eligible: [bool; 3], blocked: bool) -> f64 {
        let k = self.margin_scale();
        let weights = self.dimension_weights();
        let applied: Vec<([f64; 3], Option<Dimension>)> = base
            .contributions
            .iter()
            .map(|&(effect, points)| (points, self.weights.effects[effect].dimension))
            .collect();
        let mut rng = Factors::new(SEED);
        let mut kept = 0usize;
        for _ in 0..DRAWS {
            // Each draw's factors: one per dimension weight, then one per point of each
            // applied effect, in that order.
            let dimensions = weights.map(|w| w * rng.next());
            let perturbed = applied
                .iter()
                .map(|&(points, dimension)| (points.map(|p| p * rng.next()), dimension));
            let totals = sum_points(perturbed, &dimensions);
            kept += usize::from(decide(&k, &totals, eligible, blocked).leaning == base.leaning);
        }
        kept as f64 / DRAWS as f64
    }
}

/// Perturbation factors, uniform in `1 - SPREAD .. 1 + SPREAD` in steps of 1/65,536 of the
/// range: four from each output of SplitMix64 (Steele, Lea and Flood, 2014), which is tiny,
/// fast, and fully specified, so the same seed yields the same factors everywhere.
struct Factors {
    state: u64,
    buffered: u64,
    left: u8,
}

impl Factors {
    fn new(seed: u64) -> Factors {
        Factors {
            state: seed,
            buffered: 0,
            left: 0,
        }
    }

    fn split_mix(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// The next factor: 16 bits of the current output, a new output every fourth time.
    #[inline(always)]
    fn next(&mut self) -> f64 {
        if self.left == 0 {
            self.buffered = self.split_mix();
            self.left = 4;
        }
        let bits = self.buffered as u16;
        self.buffered >>= 16;
        self.left -= 1;
        // 1 - SPREAD + 2 SPREAD (bits / 2^16), with the two exact scalings as one.
        1.0 - SPREAD + f64::from(bits) * (2.0 * SPREAD / 65_536.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factors_stay_in_range_and_repeat_from_the_seed() {
        let mut a = Factors::new(SEED);
        let mut b = Factors::new(SEED);
        for _ in 0..10_000 {
            let (x, y) = (a.next(), b.next());
            assert_eq!(x, y);
            assert!((1.0 - SPREAD..1.0 + SPREAD).contains(&x), "{x}");
        }
    }
}
