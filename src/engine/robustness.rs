//! Robustness: the share of [`DRAWS`] random perturbations of the weights (each point value
//! and each dimension weight multiplied by a factor drawn uniformly from 0.75-1.25) under
//! which the recommendation stays the same.
//!
//! The generator is a fixed-seed SplitMix64 implemented here, so the share is identical on
//! every platform and every run: the engine stays pure, with no randomness beyond that seeded
//! stream. Each draw redoes only the arithmetic a perturbation can change, with the kernel's
//! own helpers from [`super::score`], in the same order and so to the same bits.

use super::score::{effect_outcomes, mean_points, option_scores, rank, widen_ranges};
use super::{Evaluation, Model};
use crate::model::weights::Effect;
use crate::model::{Portal, Recommendation, Value, Weights};

/// Weight perturbations drawn for robustness.
pub const DRAWS: usize = 1000;

/// Seed of the perturbation generator. Changing it changes every robustness figure.
const SEED: u64 = 0x1dbf_17a5_5e55_0001;

/// How far each weight may move, as a factor: uniform in `1 - SPREAD .. 1 + SPREAD`.
const SPREAD: f64 = 0.25;

impl Model<'_> {
    /// Shares of weight perturbations that keep the recommendation and the leaning.
    pub(super) fn robustness(&self, values: &[Value], base: &Evaluation) -> (f64, f64) {
        let plan = Perturbation::new(self, values, base);
        let mut rng = SplitMix64(SEED);
        let mut points = Vec::new();
        let (mut kept, mut kept_leaning) = (0usize, 0usize);
        for _ in 0..DRAWS {
            let (recommendation, leaning) = plan.draw(&mut rng, &mut points);
            kept += usize::from(recommendation == base.recommendation);
            kept_leaning += usize::from(leaning == base.leaning);
        }
        (
            kept as f64 / DRAWS as f64,
            kept_leaning as f64 / DRAWS as f64,
        )
    }
}

/// What weight perturbations cannot change for one answers set (which case of each effect
/// applies, which options are excluded, whether a blocker fires), so that each draw only redoes
/// the arithmetic of [`Model::new`] and [`Model::evaluate`], in the same order and so to the
/// same bits, without their allocations.
struct Perturbation<'a> {
    weights: &'a Weights,
    effects: Vec<PlannedEffect<'a>>,
    eligible: [bool; 3],
    blocked: bool,
}

struct PlannedEffect<'a> {
    effect: &'a Effect,
    /// Whether "does not apply" (0 points) is one of the effect's outcomes.
    zero_outcome: bool,
    applies: Applies,
}

enum Applies {
    No,
    Case(usize),
    /// The answer is unknown: the average over its outcomes.
    Neutral,
}

impl<'a> Perturbation<'a> {
    fn new(model: &Model<'a>, values: &[Value], base: &Evaluation) -> Perturbation<'a> {
        let effects = model
            .weights
            .effects
            .iter()
            .map(|effect| {
                let when = effect.when.as_ref().is_none_or(|c| c.holds(values));
                let applies = match values.get(effect.question) {
                    Some(_) if !when => Applies::No,
                    None => Applies::No,
                    Some(value) if value.is_unknown() => Applies::Neutral,
                    Some(value) => effect
                        .cases
                        .iter()
                        .position(|case| {
                            effect
                                .case_for(value)
                                .is_some_and(|c| std::ptr::eq(c, case))
                        })
                        .map_or(Applies::No, Applies::Case),
                };
                PlannedEffect {
                    effect,
                    zero_outcome: effect_outcomes(model.questionnaire, effect).len()
                        > effect.cases.len(),
                    applies,
                }
            })
            .collect();
        Perturbation {
            weights: model.weights,
            effects,
            eligible: Portal::ALL.map(|p| base.eligible(p)),
            blocked: !base.blockers.is_empty(),
        }
    }

    /// One draw: every point value and dimension weight times a random factor, in the order
    /// effects, cases, options, then dimensions. `points` is scratch space.
    fn draw(&self, rng: &mut SplitMix64, points: &mut Vec<[f64; 3]>) -> (Recommendation, Portal) {
        points.clear();
        for planned in &self.effects {
            for case in &planned.effect.cases {
                points.push(case.points.map(|p| p * rng.factor()));
            }
        }
        let dimensions = self
            .weights
            .dimensions
            .each_ref()
            .map(|d| d.weight * rng.factor());
        let mut range = [(0.0, 0.0); 3];
        let mut totals = [0.0; 3];
        let mut offset = 0;
        for planned in &self.effects {
            let cases = &points[offset..offset + planned.effect.cases.len()];
            offset += cases.len();
            let multiplier = planned
                .effect
                .dimension
                .map_or(1.0, |d| dimensions[d.index()]);
            let zero = planned.zero_outcome.then_some([0.0; 3]);
            let outcomes = cases.iter().copied().chain(zero);
            widen_ranges(&mut range, outcomes.clone(), multiplier);
            let applied = match planned.applies {
                Applies::No => None,
                Applies::Case(c) => Some(cases[c].map(|p| p * multiplier)),
                Applies::Neutral => Some(mean_points(outcomes, multiplier)),
            };
            if let Some(applied) = applied {
                for (total, p) in totals.iter_mut().zip(applied) {
                    *total += p;
                }
            }
        }
        let scores = option_scores(&totals, &range);
        let ranked = rank(&scores);
        let best = ranked.iter().copied().find(|p| self.eligible[p.index()]);
        let leaning = best.unwrap_or(ranked[0]);
        let recommendation = match best {
            Some(portal) if !self.blocked => portal.into(),
            _ => Recommendation::NotReady,
        };
        (recommendation, leaning)
    }
}

/// SplitMix64 (Steele, Lea and Flood, 2014): tiny, fast, and fully specified, so the same
/// seed yields the same stream everywhere.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)` from the top 53 bits.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A perturbation factor, uniform in `1 - SPREAD .. 1 + SPREAD`.
    fn factor(&mut self) -> f64 {
        1.0 - SPREAD + 2.0 * SPREAD * self.unit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::engine::WhatIf;
    use crate::model::Answers;
    use crate::testing::{
        BACKSTAGE_EXAMPLE, HYBRID_EXAMPLE, NOT_READY_EXAMPLE, PORT_EXAMPLE, QUESTIONNAIRE, WEIGHTS,
        answers, balanced, with,
    };

    fn what_if(answers: &Answers) -> (Recommendation, WhatIf) {
        let model = Model::new(&QUESTIONNAIRE, &WEIGHTS);
        (model.assess(answers).recommendation, model.what_if(answers))
    }

    #[test]
    fn robustness_is_fixed_and_falls_near_a_tie() {
        let (_, clear) = what_if(&answers(PORT_EXAMPLE));
        assert_eq!(clear.robustness, 1.0);
        let (_, close) = what_if(&balanced());
        assert!(
            close.robustness > 0.3 && close.robustness < 0.95,
            "{}",
            close.robustness
        );
        let (_, again) = what_if(&balanced());
        assert_eq!(close, again);
    }

    /// The plain way to perturb: change a copy of the weights and score with a new model.
    fn reference_draw(
        rng: &mut SplitMix64,
        perturbed: &mut Weights,
        values: &[Value],
    ) -> (Recommendation, Portal) {
        for (effect, original) in perturbed.effects.iter_mut().zip(&WEIGHTS.effects) {
            for (case, original) in effect.cases.iter_mut().zip(&original.cases) {
                for (points, original) in case.points.iter_mut().zip(original.points) {
                    *points = original * rng.factor();
                }
            }
        }
        for (dimension, original) in perturbed.dimensions.iter_mut().zip(&WEIGHTS.dimensions) {
            dimension.weight = original.weight * rng.factor();
        }
        let evaluation = Model::new(&QUESTIONNAIRE, perturbed).evaluate(values);
        (evaluation.recommendation, evaluation.leaning)
    }

    #[test]
    fn each_draw_scores_exactly_like_a_model_built_from_perturbed_weights() {
        let model = Model::new(&QUESTIONNAIRE, &WEIGHTS);
        let cases = [
            answers(PORT_EXAMPLE),
            answers(HYBRID_EXAMPLE),
            answers(NOT_READY_EXAMPLE),
            balanced(),
            with(&balanced(), "capacity.ownership", "\"unknown\""),
            with(&answers(BACKSTAGE_EXAMPLE), "current.portal", "\"port\""),
        ];
        let mut changed = 0;
        for case in cases {
            let values = model.resolve(&case).values;
            let base = model.evaluate(&values);
            let plan = Perturbation::new(&model, &values, &base);
            let (mut fast, mut reference) = (SplitMix64(7), SplitMix64(7));
            let mut perturbed = WEIGHTS.clone();
            let mut points = Vec::new();
            for _ in 0..300 {
                let drawn = plan.draw(&mut fast, &mut points);
                assert_eq!(
                    drawn,
                    reference_draw(&mut reference, &mut perturbed, &values)
                );
                changed += usize::from(drawn.1 != base.leaning);
            }
        }
        // The comparison covers draws that change the outcome, not only ones that keep it.
        assert!(changed > 10, "{changed}");
    }

    #[test]
    fn blockers_hold_not_ready_whatever_the_weights() {
        let (base, analysis) = what_if(&answers(NOT_READY_EXAMPLE));
        assert_eq!(base, Recommendation::NotReady);
        assert_eq!(analysis.robustness, 1.0);
        assert!(analysis.leaning_robustness > 0.9);
        // Five blockers fire: no one or two changes clear them all.
        assert!(analysis.counterfactuals.is_empty());
    }

    #[test]
    fn the_generator_is_fixed() {
        let mut rng = SplitMix64(0);
        // Reference outputs of SplitMix64 seeded with 0.
        assert_eq!(rng.next(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(rng.next(), 0x6e78_9e6a_a1b9_65f4);
        let mut rng = SplitMix64(SEED);
        for _ in 0..1000 {
            let f = rng.factor();
            assert!((0.75..1.25).contains(&f));
        }
    }
}
