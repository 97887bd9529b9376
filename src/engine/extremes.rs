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
use super::score::weigh;
use crate::model::Slot;

/// Largest number of combinations tried for one group of answers. The built-in model's
/// largest group has a few hundred; a weights file tying many answers together in one effect
/// could need more, and is then reported as not analysed rather than guessed.
pub(super) const GROUP_LIMIT: usize = 200_000;

/// One sum [`Model::extremes`] adds up: given an effect's index and weighted points, its share
/// of the sum, or `None` to leave the effect out.
pub(super) type Functional<'f> = dyn Fn(usize, [f64; 3]) -> Option<f64> + 'f;

/// Several sums at once.
pub(super) type Functionals<'f> = &'f [&'f Functional<'f>];

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
        // Effects reading no free answer add the same whatever the free answers are.
        let fixed: Vec<usize> = (0..self.weights.effects.len())
            .filter(|&e| !self.reads[e].iter().any(|q| free.contains(q)))
            .collect();
        let mut result: Vec<(f64, f64)> = self
            .sums(&fixed, slots, phis)
            .into_iter()
            .map(|sum| (sum, sum))
            .collect();
        for group in self.groups(free, skippable) {
            let part = self.group_extremes(slots, &group, skippable, phis)?;
            for (range, (low, high)) in result.iter_mut().zip(part) {
                range.0 += low;
                range.1 += high;
            }
        }
        Some(result)
    }

    /// The extremes of the sum over the effects that read `group`'s answers, over every
    /// combination of them. When fixing one answer splits the rest of the group into
    /// independent parts (as the portal you run does for months invested, custom plugins and
    /// the pain with it), each of its values is tried with each part's own extremes: the same
    /// result as every combination, at the cost of their sum instead of their product.
    fn group_extremes(
        &self,
        slots: &mut [Slot],
        group: &[usize],
        skippable: &[usize],
        phis: Functionals<'_>,
    ) -> Option<Vec<(f64, f64)>> {
        let reading = |questions: &[usize]| -> Vec<usize> {
            (0..self.weights.effects.len())
                .filter(|&e| self.reads[e].iter().any(|q| questions.contains(q)))
                .collect()
        };
        if group.len() > 2
            && let Some(separator) = self.separator(group, skippable)
        {
            let rest: Vec<usize> = group.iter().copied().filter(|&q| q != separator).collect();
            let own: Vec<usize> = reading(&[separator])
                .into_iter()
                .filter(|&e| !self.reads[e].iter().any(|q| rest.contains(q)))
                .collect();
            let parts = self.groups(&rest, skippable);
            let saved = slots[separator];
            let mut out = vec![(f64::INFINITY, f64::NEG_INFINITY); phis.len()];
            for value in self.trial_slots[separator].clone() {
                slots[separator] = value;
                let mut totals: Vec<(f64, f64)> = self
                    .sums(&own, slots, phis)
                    .into_iter()
                    .map(|sum| (sum, sum))
                    .collect();
                for part in &parts {
                    let ranges = self.group_extremes(slots, part, skippable, phis);
                    let Some(ranges) = ranges else {
                        slots[separator] = saved;
                        return None;
                    };
                    for (total, (low, high)) in totals.iter_mut().zip(ranges) {
                        total.0 += low;
                        total.1 += high;
                    }
                }
                for (range, (low, high)) in out.iter_mut().zip(totals) {
                    range.0 = range.0.min(low);
                    range.1 = range.1.max(high);
                }
            }
            slots[separator] = saved;
            return Some(out);
        }
        let effects = reading(group);
        if effects.is_empty() {
            return Some(vec![(0.0, 0.0); phis.len()]);
        }
        if self.combinations(group)? > GROUP_LIMIT {
            return None;
        }
        let group_skips: Vec<usize> = skippable
            .iter()
            .copied()
            .filter(|q| group.contains(q))
            .collect();
        let mut out = vec![(f64::INFINITY, f64::NEG_INFINITY); phis.len()];
        // One buffer for every combination: this loop is most of building a model.
        let mut sums = vec![0.0; phis.len()];
        self.for_each_assignment(slots, group, &group_skips, &mut |s| {
            self.add_sums(&effects, s, phis, &mut sums);
            for (range, sum) in out.iter_mut().zip(&mut sums) {
                range.0 = range.0.min(*sum);
                range.1 = range.1.max(*sum);
                *sum = 0.0;
            }
            true
        });
        Some(out)
    }

    /// For each functional, the sum over `effects` of its share of their weighted points.
    fn sums(&self, effects: &[usize], slots: &[Slot], phis: Functionals<'_>) -> Vec<f64> {
        let mut sums = vec![0.0; phis.len()];
        self.add_sums(effects, slots, phis, &mut sums);
        sums
    }

    /// Adds to `sums`, for each functional, its share of the weighted points of `effects`.
    fn add_sums(&self, effects: &[usize], slots: &[Slot], phis: Functionals<'_>, sums: &mut [f64]) {
        let weights = self.dimension_weights();
        for &effect in effects {
            if let Some(points) = self.effect_points(effect, slots) {
                let points = weigh(points, self.weights.effects[effect].dimension, &weights);
                for (sum, phi) in sums.iter_mut().zip(phis) {
                    *sum += phi(effect, points).unwrap_or(0.0);
                }
            }
        }
    }

    /// The answer of `group` whose fixing splits the rest into the most independent parts
    /// (at least two), fewest values to try first; never one that applies only under a
    /// condition, whose value depends on others.
    fn separator(&self, group: &[usize], skippable: &[usize]) -> Option<usize> {
        group
            .iter()
            .copied()
            .filter(|q| !skippable.contains(q))
            .map(|q| {
                let rest: Vec<usize> = group.iter().copied().filter(|&r| r != q).collect();
                (self.groups(&rest, skippable).len(), q)
            })
            .filter(|&(parts, _)| parts >= 2)
            .max_by_key(|&(parts, q)| {
                (
                    parts,
                    std::cmp::Reverse(self.trial_slots[q].len()),
                    std::cmp::Reverse(q),
                )
            })
            .map(|(_, q)| q)
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
