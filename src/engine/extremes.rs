//! The lowest and highest value a sum of effects can take over every combination of some
//! answers, computed exactly from the model's additive structure.
//!
//! A total is a sum over effects, and each effect reads only a few answers. Answers that no
//! effect reads together are independent, so the answers split into groups (answers read by
//! one effect, or tied by a skip rule, share a group), each group is tried alone over every
//! combination of its values worth trying ([`super::candidates`]), and the group's best and
//! worst cases add up. That is exact, and costs the sum of the groups' combinations instead of
//! their product. Used for the common scale, the dimension leans' ranges and the unknowns
//! analysis.

use super::Model;
use crate::model::Slot;

/// Largest number of combinations tried for one group of answers. The built-in model's
/// largest group has a few hundred; a weights file tying many answers together in one effect
/// could need more, and is then reported as not analysed rather than guessed.
pub(super) const GROUP_LIMIT: usize = 200_000;

/// What [`Model::extremes`] adds up: one number per effect's weighted points, for each of
/// several sums at once.
pub(super) type Functionals<'f> = &'f [&'f dyn Fn(usize, [f64; 3]) -> Option<f64>];

impl Model<'_> {
    /// For each functional `phi` (given an effect's index and weighted points, its share of
    /// the sum, or `None` to leave the effect out), the lowest and highest sum over every
    /// combination of the values of `free`, other answers as in `slots`. `None` when a group is
    /// larger than [`GROUP_LIMIT`].
    pub(super) fn extremes(
        &self,
        slots: &mut [Slot],
        free: &[usize],
        skippable: &[usize],
        phis: Functionals<'_>,
    ) -> Option<Vec<(f64, f64)>> {
        let weights = self.dimension_weights();
        let weighted = |effect: usize, points: [f64; 3]| {
            let w = self.weights.effects[effect]
                .dimension
                .map_or(1.0, |d| weights[d.index()]);
            points.map(|p| p * w)
        };
        let mut result = vec![(0.0, 0.0); phis.len()];
        // Effects reading no free answer add the same whatever the free answers are.
        for effect in 0..self.weights.effects.len() {
            if self.reads[effect].iter().any(|q| free.contains(q)) {
                continue;
            }
            if let Some(points) = self.effect_points(effect, slots) {
                for (range, phi) in result.iter_mut().zip(phis) {
                    let value = phi(effect, weighted(effect, points)).unwrap_or(0.0);
                    range.0 += value;
                    range.1 += value;
                }
            }
        }
        for group in self.groups(free, skippable) {
            let effects: Vec<usize> = (0..self.weights.effects.len())
                .filter(|&e| self.reads[e].iter().any(|q| group.contains(q)))
                .collect();
            if effects.is_empty() {
                continue;
            }
            if self.combinations(&group)? > GROUP_LIMIT {
                return None;
            }
            let group_skips: Vec<usize> = skippable
                .iter()
                .copied()
                .filter(|q| group.contains(q))
                .collect();
            let mut lows = vec![f64::INFINITY; phis.len()];
            let mut highs = vec![f64::NEG_INFINITY; phis.len()];
            self.for_each_assignment(slots, &group, &group_skips, &mut |s| {
                let mut sums = vec![0.0; phis.len()];
                for &effect in &effects {
                    if let Some(points) = self.effect_points(effect, s) {
                        let points = weighted(effect, points);
                        for (sum, phi) in sums.iter_mut().zip(phis) {
                            *sum += phi(effect, points).unwrap_or(0.0);
                        }
                    }
                }
                for (i, sum) in sums.into_iter().enumerate() {
                    lows[i] = lows[i].min(sum);
                    highs[i] = highs[i].max(sum);
                }
                true
            });
            for (range, (low, high)) in result.iter_mut().zip(lows.into_iter().zip(highs)) {
                range.0 += low;
                range.1 += high;
            }
        }
        Some(result)
    }

    /// The free answers split into groups that no effect or skip rule ties together, each in
    /// ascending order, groups ordered by their first answer.
    pub(super) fn groups(&self, free: &[usize], skippable: &[usize]) -> Vec<Vec<usize>> {
        let mut parent: Vec<usize> = (0..self.questionnaire.questions.len()).collect();
        fn root(parent: &mut [usize], mut q: usize) -> usize {
            while parent[q] != q {
                parent[q] = parent[parent[q]];
                q = parent[q];
            }
            q
        }
        let join = |parent: &mut Vec<usize>, tied: &[usize]| {
            let mut tied = tied.iter().copied().filter(|q| free.contains(q));
            if let Some(first) = tied.next() {
                for other in tied {
                    let (a, b) = (root(parent, first), root(parent, other));
                    parent[b] = a;
                }
            }
        };
        for reads in &self.reads {
            join(&mut parent, reads);
        }
        for &q in skippable {
            if let Some(ask_if) = &self.questionnaire.questions[q].ask_if {
                let mut tied = ask_if.questions();
                tied.push(q);
                join(&mut parent, &tied);
            }
        }
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut sorted = free.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        for q in sorted {
            let r = root(&mut parent, q);
            match groups.iter_mut().find(|g| root(&mut parent, g[0]) == r) {
                Some(group) => group.push(q),
                None => groups.push(vec![q]),
            }
        }
        groups
    }
}
