//! The scoring kernel: the only place that turns answers into points and points into scores.
//!
//! [`Model::new`] computes once, per weights, the ranges every score and lean is normalised
//! against; [`Model::evaluate`] is one pass over the weights for one set of values. Everything
//! else in the engine (the explanation, unknowns, counterfactuals, robustness) calls these
//! rather than redoing the arithmetic. No wording here: sentences are [`super::explain`]'s job.

use super::Model;
use super::candidates;
use crate::model::weights::{Effect, ExclusionRule};
use crate::model::{Answers, Dimension, Portal, Questionnaire, Recommendation, Value, Weights};

/// Answers with every slot filled: given values, skipped values, or `Unknown`.
#[derive(Clone, Debug)]
pub struct Resolved {
    pub values: Vec<Value>,
    /// Required questions the file did not answer (only possible with --partial).
    pub missing: Vec<usize>,
    /// Questions whose unknown value is an open item: answered "unknown", or missing.
    pub open: Vec<usize>,
}

/// Everything one pass over the weights produces for one set of concrete-or-unknown values.
#[derive(Clone, Debug)]
pub struct Evaluation {
    /// Per option, 0-100, unrounded.
    pub scores: [f64; 3],
    /// Per dimension, -100..100, unrounded.
    pub leans: [f64; 4],
    /// Per applied effect: its index and weighted points per option.
    pub contributions: Vec<(usize, [f64; 3])>,
    /// Per option, the first exclusion rule that removed it.
    pub excluded: [Option<usize>; 3],
    /// Indices of the blocker rules that fired.
    pub blockers: Vec<usize>,
    pub leaning: Portal,
    /// The best other option: eligible if any is, else the best excluded one.
    pub rival: Portal,
    pub recommendation: Recommendation,
}

impl Evaluation {
    pub fn eligible(&self, portal: Portal) -> bool {
        self.excluded[portal.index()].is_none()
    }

    pub(super) fn eligible_count(&self) -> usize {
        Portal::ALL.iter().filter(|p| self.eligible(**p)).count()
    }
}

impl<'a> Model<'a> {
    pub fn new(questionnaire: &'a Questionnaire, weights: &'a Weights) -> Model<'a> {
        let mut option_range = [(0.0, 0.0); 3];
        let mut lean_range = [(0.0, 0.0); 4];
        let mut neutral = Vec::with_capacity(weights.effects.len());
        for effect in &weights.effects {
            let multiplier = weights.multiplier(effect);
            let outcomes = effect_outcomes(questionnaire, effect);
            widen_ranges(&mut option_range, outcomes.iter().copied(), multiplier);
            if let Some(dimension) = effect.dimension {
                let diffs = outcomes.iter().map(|p| (p[0] - p[1]) * multiplier);
                let (low, high) = min_max(diffs);
                lean_range[dimension.index()].0 += -low;
                lean_range[dimension.index()].1 += high;
            }
            neutral.push(mean_points(outcomes.iter().copied(), multiplier));
        }
        Model {
            questionnaire,
            weights,
            option_range,
            lean_range,
            neutral,
        }
    }

    /// Fills every slot: given answers as they are; an unanswered question that does not apply
    /// takes its `when_skipped` value; anything else unanswered is unknown.
    pub fn resolve(&self, answers: &Answers) -> Resolved {
        let given: Vec<Value> = answers
            .values
            .iter()
            .map(|v| v.clone().unwrap_or(Value::Unknown))
            .collect();
        let mut values = given.clone();
        let mut missing = Vec::new();
        let mut open = Vec::new();
        for (index, question) in self.questionnaire.questions.iter().enumerate() {
            match answers.values.get(index).and_then(Option::as_ref) {
                Some(Value::Unknown) => open.push(index),
                Some(_) => {}
                None if !question.applies(&given) && question.when_skipped.is_some() => {
                    values[index] = question.when_skipped.clone().unwrap_or(Value::Unknown);
                }
                None if question.required => {
                    missing.push(index);
                    open.push(index);
                }
                None => {}
            }
        }
        Resolved {
            values,
            missing,
            open,
        }
    }

    /// One pass over the weights.
    pub fn evaluate(&self, values: &[Value]) -> Evaluation {
        let mut totals = [0.0; 3];
        let mut lean_sums = [0.0; 4];
        let mut contributions = Vec::new();
        for (index, effect) in self.weights.effects.iter().enumerate() {
            let Some(points) = self.effect_points(index, effect, values) else {
                continue;
            };
            for (total, p) in totals.iter_mut().zip(points) {
                *total += p;
            }
            if let Some(dimension) = effect.dimension {
                lean_sums[dimension.index()] += points[0] - points[1];
            }
            contributions.push((index, points));
        }
        let scores = option_scores(&totals, &self.option_range);
        let leans = Dimension::ALL.map(|d| {
            let sum = lean_sums[d.index()];
            let (toward_port, toward_backstage) = self.lean_range[d.index()];
            let scale = if sum >= 0.0 {
                toward_backstage
            } else {
                toward_port
            };
            if scale > f64::EPSILON {
                (100.0 * sum / scale).clamp(-100.0, 100.0)
            } else {
                0.0
            }
        });
        let mut excluded = [None; 3];
        for (rule_index, rule) in self.weights.exclusions.iter().enumerate() {
            let fires = match &rule.rule {
                ExclusionRule::When(c) => c.holds(values),
                ExclusionRule::Unless(c) => !c.holds(values),
            };
            if fires {
                for option in &rule.options {
                    excluded[option.index()].get_or_insert(rule_index);
                }
            }
        }
        let ranked = rank(&scores);
        let eligible: Vec<Portal> = ranked
            .iter()
            .copied()
            .filter(|p| excluded[p.index()].is_none())
            .collect();
        let leaning = eligible.first().copied().unwrap_or(ranked[0]);
        let rival = rival_of(leaning, &eligible, &ranked);
        let blockers: Vec<usize> = self
            .weights
            .blockers
            .iter()
            .enumerate()
            .filter(|(_, b)| b.when.holds(values))
            .map(|(i, _)| i)
            .collect();
        let recommendation = if blockers.is_empty() && !eligible.is_empty() {
            leaning.into()
        } else {
            Recommendation::NotReady
        };
        Evaluation {
            scores,
            leans,
            contributions,
            excluded,
            blockers,
            leaning,
            rival,
            recommendation,
        }
    }

    /// The weighted points an effect gives, or `None` when it does not apply.
    fn effect_points(&self, index: usize, effect: &Effect, values: &[Value]) -> Option<[f64; 3]> {
        if effect.when.as_ref().is_some_and(|c| !c.holds(values)) {
            return None;
        }
        let value = values.get(effect.question)?;
        if value.is_unknown() {
            return self.neutral.get(index).copied();
        }
        let case = effect.case_for(value)?;
        let multiplier = self.weights.multiplier(effect);
        Some(case.points.map(|p| p * multiplier))
    }

    /// Raw weighted points expressed in an option's 0-100 score units.
    pub(super) fn to_score_units(&self, portal: Portal, points: f64) -> f64 {
        let (low, high) = self.option_range[portal.index()];
        if high - low > f64::EPSILON {
            100.0 * points / (high - low)
        } else {
            0.0
        }
    }
}

/// Points an effect can give (before its multiplier), one entry per distinct outcome; a 0 entry
/// stands for "does not apply" when the effect is conditional or leaves some values unscored.
pub(super) fn effect_outcomes(questionnaire: &Questionnaire, effect: &Effect) -> Vec<[f64; 3]> {
    let mut outcomes: Vec<[f64; 3]> = effect.cases.iter().map(|c| c.points).collect();
    let possible = candidates::value_count(&questionnaire.questions[effect.question].kind);
    let covers_all = possible.is_some_and(|n| effect.cases.len() >= n) || possible.is_none();
    if effect.when.is_some() || !covers_all {
        outcomes.push([0.0; 3]);
    }
    outcomes
}

/// Adds to each option's lowest and highest possible total what one effect can give: the
/// lowest and highest of its `outcomes` times `multiplier`.
pub(super) fn widen_ranges(
    ranges: &mut [(f64, f64); 3],
    outcomes: impl Iterator<Item = [f64; 3]> + Clone,
    multiplier: f64,
) {
    for (i, (low, high)) in ranges.iter_mut().enumerate() {
        let (l, h) = min_max(outcomes.clone().map(|p| p[i] * multiplier));
        *low += l;
        *high += h;
    }
}

/// The weighted points an unknown answer gives: the average of the effect's `outcomes`, so it
/// neither helps nor hurts any option.
pub(super) fn mean_points(
    outcomes: impl Iterator<Item = [f64; 3]> + Clone,
    multiplier: f64,
) -> [f64; 3] {
    let count = outcomes.clone().count().max(1) as f64;
    let mut mean = [0.0; 3];
    for points in outcomes {
        for (m, p) in mean.iter_mut().zip(points) {
            *m += p * multiplier / count;
        }
    }
    mean
}

/// Each option's 0-100 score: where its total falls between the lowest and highest total the
/// weights allow (50 when they allow only one).
pub(super) fn option_scores(totals: &[f64; 3], ranges: &[(f64, f64); 3]) -> [f64; 3] {
    Portal::ALL.map(|p| {
        let (low, high) = ranges[p.index()];
        if high - low > f64::EPSILON {
            (100.0 * (totals[p.index()] - low) / (high - low)).clamp(0.0, 100.0)
        } else {
            50.0
        }
    })
}

/// Lowest and highest of `values`; (0, 0) for none.
pub(super) fn min_max(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if lo.is_finite() { (lo, hi) } else { (0.0, 0.0) }
}

/// The option the leaning one is measured against: the best other eligible option; when none
/// is left, the best other pure tool (Backstage against Port and back), since "why not the
/// other tool" is the question a reader asks.
fn rival_of(leaning: Portal, eligible: &[Portal], ranked: &[Portal; 3]) -> Portal {
    let others = || ranked.iter().copied().filter(move |p| *p != leaning);
    eligible
        .iter()
        .copied()
        .find(|p| *p != leaning)
        .or_else(|| others().find(|p| *p != Portal::Hybrid))
        .or_else(|| others().next())
        .unwrap_or(leaning)
}

/// Options best first; ties in [`Portal::TIE_ORDER`]. Scores are compared at a millionth of a
/// point, so two scores equal in exact arithmetic but a rounding error apart (as a rescaled
/// model gives) still count as a tie, and rounding noise never picks the recommendation.
pub(super) fn rank(scores: &[f64; 3]) -> [Portal; 3] {
    let key = |p: &Portal| (scores[p.index()] * 1e6).round() as i64;
    let mut order = Portal::TIE_ORDER;
    order.sort_by_key(|p| std::cmp::Reverse(key(p)));
    order
}

pub(super) fn round1(x: f64) -> f64 {
    let rounded = (x * 10.0).round() / 10.0;
    if rounded == 0.0 { 0.0 } else { rounded }
}
