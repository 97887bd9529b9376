//! The scoring engine: validated answers and weights in, an [`Assessment`] out.
//!
//! It is pure: no files, no printing, no clock, and no randomness beyond the fixed-seed
//! generator of the what-if analysis (see `whatif.rs`). The same answers and weights always give
//! the same assessment, which is what lets CI gate on it.
//!
//! How a result is reached:
//! 1. Every effect in the weights whose answer is known adds its points to each option, times
//!    its dimension's weight. An unknown answer adds the average of what its possible values
//!    would add, so it neither helps nor hurts any option.
//! 2. Each option's total becomes a 0-100 score: where it falls between the lowest and the
//!    highest total the weights make possible for that option.
//! 3. Exclusions remove options (e.g. Port when self-hosting is required). The best remaining
//!    option is the *leaning*; an exact tie goes to the more reversible option (Port, then
//!    Backstage, then hybrid).
//! 4. Blockers (the readiness gate) turn the recommendation into `not_ready`; the leaning is
//!    still reported.
//! 5. Confidence comes from the winning margin, one step lower when an unknown answer could
//!    change the recommendation.

mod candidates;
mod result;
mod whatif;

pub use candidates::candidates;
pub use result::*;
pub use whatif::DRAWS as WHAT_IF_DRAWS;

use crate::answers::Answers;
use crate::domain::{Confidence, Dimension, Portal, Recommendation};
use crate::questionnaire::Questionnaire;
use crate::value::Value;
use crate::weights::{Effect, ExclusionRule, Thresholds, Weights};

/// Unknown answers with more combinations than this are explored one at a time instead of
/// exhaustively, which keeps an assessment's cost bounded.
const MAX_COMBINATIONS: usize = 4096;

/// Scores an answers set. Shorthand for [`Model::new`] then [`Model::assess`].
pub fn assess(questionnaire: &Questionnaire, weights: &Weights, answers: &Answers) -> Assessment {
    Model::new(questionnaire, weights).assess(answers)
}

/// Weights bound to their questionnaire, with the ranges every score is normalised against
/// computed once.
#[derive(Clone, Debug)]
pub struct Model<'a> {
    pub questionnaire: &'a Questionnaire,
    pub weights: &'a Weights,
    /// Per option: the lowest and highest total the weights allow.
    option_range: [(f64, f64); 3],
    /// Per dimension: the largest (backstage - port) sum possible toward Port (as a positive
    /// number) and toward Backstage.
    lean_range: [(f64, f64); 4],
    /// Per effect: the average weighted points over the values its answer could take.
    neutral: Vec<[f64; 3]>,
}

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

    fn eligible_count(&self) -> usize {
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
            for portal in Portal::ALL {
                let i = portal.index();
                let (low, high) = min_max(outcomes.iter().map(|p| p[i] * multiplier));
                option_range[i].0 += low;
                option_range[i].1 += high;
            }
            if let Some(dimension) = effect.dimension {
                let diffs = outcomes.iter().map(|p| (p[0] - p[1]) * multiplier);
                let (low, high) = min_max(diffs);
                lean_range[dimension.index()].0 += -low;
                lean_range[dimension.index()].1 += high;
            }
            let count = outcomes.len().max(1) as f64;
            let mut mean = [0.0; 3];
            for points in &outcomes {
                for (m, p) in mean.iter_mut().zip(points) {
                    *m += p * multiplier / count;
                }
            }
            neutral.push(mean);
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
        let scores = Portal::ALL.map(|p| {
            let (low, high) = self.option_range[p.index()];
            if high - low > f64::EPSILON {
                (100.0 * (totals[p.index()] - low) / (high - low)).clamp(0.0, 100.0)
            } else {
                50.0
            }
        });
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

    /// The full assessment of one answers set.
    pub fn assess(&self, answers: &Answers) -> Assessment {
        let resolved = self.resolve(answers);
        let evaluation = self.evaluate(&resolved.values);
        let unknowns = self.explore_unknowns(&resolved, evaluation.recommendation);
        let holds = unknowns.holds;
        let (confidence, confidence_reason) = self.confidence(&evaluation, holds);
        Assessment {
            questionnaire: answers.questionnaire.clone(),
            weights: self.weights.name.clone(),
            recommendation: evaluation.recommendation,
            leaning: evaluation.leaning,
            confidence,
            confidence_reason,
            scores: Scores::from_array(evaluation.scores.map(round1)),
            file: None,
            dimensions: self.dimensions(&evaluation, &resolved.values),
            excluded: self.exclusions(&evaluation, &resolved.values),
            blockers: evaluation
                .blockers
                .iter()
                .map(|&i| {
                    let rule = &self.weights.blockers[i];
                    Blocker {
                        id: rule.id.clone(),
                        message: self.fill(&rule.message, &resolved.values),
                    }
                })
                .collect(),
            rationale: self.rationale(&evaluation, &resolved.values),
            open_questions: self.open_questions(&resolved),
            advice: self.advice(&evaluation, &resolved.values),
            unknowns: unknowns.answers,
            holds_across_unknowns: holds,
            missing: resolved
                .missing
                .iter()
                .map(|&i| self.questionnaire.questions[i].id.clone())
                .collect(),
            context: self
                .questionnaire
                .questions
                .iter()
                .zip(&answers.values)
                .filter(|(q, _)| q.context_only)
                .filter_map(|(q, v)| v.as_ref().map(|v| (q.id.clone(), q.display(v))))
                .collect(),
            counterfactuals: None,
            leaning_robustness: None,
            robustness: None,
        }
    }

    fn confidence(&self, evaluation: &Evaluation, holds: bool) -> (Confidence, String) {
        let t: &Thresholds = &self.weights.thresholds;
        let leaning = evaluation.leaning;
        let score = evaluation.scores[leaning.index()];
        let (level, mut reason) = if evaluation.eligible_count() >= 2 {
            let margin = score - evaluation.scores[evaluation.rival.index()];
            let level = if margin >= t.high_margin {
                Confidence::High
            } else if margin >= t.medium_margin {
                Confidence::Medium
            } else {
                Confidence::Low
            };
            (
                level,
                format!(
                    "{} leads {} by {:.1} points.",
                    leaning.name(),
                    evaluation.rival.name(),
                    margin
                ),
            )
        } else {
            let level = if score >= t.single_option_high {
                Confidence::High
            } else if score >= t.single_option_medium {
                Confidence::Medium
            } else {
                Confidence::Low
            };
            (
                level,
                format!(
                    "{} is the only option left; it fits at {:.1} of 100.",
                    leaning.name(),
                    score
                ),
            )
        };
        if holds {
            (level, reason)
        } else {
            reason.push_str(" Lowered: an unknown answer could change the recommendation.");
            (level.lowered(), reason)
        }
    }

    fn dimensions(&self, evaluation: &Evaluation, values: &[Value]) -> Vec<DimensionLean> {
        let t = &self.weights.thresholds;
        Dimension::ALL
            .iter()
            .map(|&dimension| {
                let lean = evaluation.leans[dimension.index()];
                let weights = self.weights.dimension(dimension);
                let summary = &weights.summary;
                let sentence = if lean >= t.strong_lean {
                    &summary.strong_backstage
                } else if lean >= t.clear_lean {
                    &summary.backstage
                } else if lean > -t.clear_lean {
                    &summary.neutral
                } else if lean > -t.strong_lean {
                    &summary.port
                } else {
                    &summary.strong_port
                };
                let driver = self.main_driver(evaluation, dimension, lean, values);
                let explanation = match driver {
                    Some(driver) => format!("{sentence} Main driver: {driver}."),
                    None => sentence.clone(),
                };
                DimensionLean {
                    id: dimension,
                    title: weights.title.clone(),
                    lean: lean.round() as i32,
                    explanation,
                }
            })
            .collect()
    }

    /// The answer that pushed this dimension hardest in the direction it leans.
    fn main_driver(
        &self,
        evaluation: &Evaluation,
        dimension: Dimension,
        lean: f64,
        values: &[Value],
    ) -> Option<String> {
        let direction = if lean >= 0.0 { 1.0 } else { -1.0 };
        evaluation
            .contributions
            .iter()
            .filter(|(i, _)| self.weights.effects[*i].dimension == Some(dimension))
            .map(|(i, p)| (*i, (p[0] - p[1]) * direction))
            .filter(|(_, push)| *push > 0.0)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(i, _)| {
                let question = &self.questionnaire.questions[self.weights.effects[i].question];
                format!(
                    "{} = {}",
                    question.id,
                    question.display(&values[self.weights.effects[i].question])
                )
            })
    }

    fn exclusions(&self, evaluation: &Evaluation, values: &[Value]) -> Vec<Exclusion> {
        Portal::ALL
            .iter()
            .filter_map(|&option| {
                evaluation.excluded[option.index()].map(|rule| Exclusion {
                    option,
                    reason: self.fill(&self.weights.exclusions[rule].reason, values),
                })
            })
            .collect()
    }

    fn rationale(&self, evaluation: &Evaluation, values: &[Value]) -> Vec<Rationale> {
        let leaning = evaluation.leaning.index();
        let rival = evaluation.rival.index();
        let mut lines: Vec<Rationale> = evaluation
            .contributions
            .iter()
            .filter(|(_, points)| points.iter().any(|p| p.abs() > 1e-9))
            .map(|&(index, points)| {
                let effect = &self.weights.effects[index];
                let question = &self.questionnaire.questions[effect.question];
                let value = &values[effect.question];
                let in_score = Portal::ALL.map(|p| self.to_score_units(p, points[p.index()]));
                let why = match effect.case_for(value) {
                    Some(case) => self.fill(&case.why, values),
                    None => {
                        "Not known: counted at the average of what its possible answers would do."
                            .to_string()
                    }
                };
                Rationale {
                    answer: question.id.clone(),
                    value: question.display(value),
                    effect: why,
                    points: round1(in_score[leaning] - in_score[rival]),
                    options: Scores::from_array(in_score.map(round1)),
                    dimension: effect.dimension,
                }
            })
            .collect();
        lines.sort_by(|a, b| {
            b.points
                .abs()
                .total_cmp(&a.points.abs())
                .then_with(|| a.answer.cmp(&b.answer))
        });
        lines
    }

    /// Raw weighted points expressed in an option's 0-100 score units.
    fn to_score_units(&self, portal: Portal, points: f64) -> f64 {
        let (low, high) = self.option_range[portal.index()];
        if high - low > f64::EPSILON {
            100.0 * points / (high - low)
        } else {
            0.0
        }
    }

    fn open_questions(&self, resolved: &Resolved) -> Vec<OpenQuestion> {
        let values = &resolved.values;
        let mut items: Vec<(u8, usize, OpenQuestion)> = Vec::new();
        for (order, rule) in self.weights.findings.iter().enumerate() {
            if rule.when.holds(values) {
                items.push((
                    rule.question,
                    order,
                    OpenQuestion {
                        question: Some(rule.question),
                        answer: self.questionnaire.questions[rule.answer].id.clone(),
                        finding: self.fill(&rule.finding, values),
                    },
                ));
            }
        }
        let base = self.weights.findings.len();
        for (order, &index) in resolved.open.iter().enumerate() {
            let question = &self.questionnaire.questions[index];
            let core = question.serves.first().copied();
            items.push((
                core.unwrap_or(u8::MAX),
                base + order,
                OpenQuestion {
                    question: core,
                    answer: question.id.clone(),
                    finding: self
                        .weights
                        .unknown_finding
                        .replace("{question}", &question.prompt),
                },
            ));
        }
        items.sort_by_key(|(number, order, _)| (*number, *order));
        items.into_iter().map(|(_, _, item)| item).collect()
    }

    fn advice(&self, evaluation: &Evaluation, values: &[Value]) -> Vec<Advice> {
        self.weights
            .advice
            .iter()
            .filter(|rule| rule.leaning.is_empty() || rule.leaning.contains(&evaluation.leaning))
            .filter(|rule| rule.when.as_ref().is_none_or(|c| c.holds(values)))
            .map(|rule| Advice {
                id: rule.id.clone(),
                message: self.fill(&rule.message, values),
            })
            .collect()
    }

    /// Replaces `{section.key}` in a message with that answer.
    fn fill(&self, text: &str, values: &[Value]) -> String {
        let mut out = text.to_string();
        for name in crate::weights::placeholders(text) {
            if let Some(index) = self.questionnaire.index_of(name) {
                let question = &self.questionnaire.questions[index];
                out = out.replace(&format!("{{{name}}}"), &question.display(&values[index]));
            }
        }
        out
    }

    /// What each unknown answer could do to the recommendation, and whether any combination of
    /// them changes it.
    fn explore_unknowns(&self, resolved: &Resolved, base: Recommendation) -> UnknownExploration {
        let mut answers = Vec::new();
        let mut options: Vec<(usize, Vec<Value>)> = Vec::new();
        for &index in &resolved.open {
            let question = &self.questionnaire.questions[index];
            let values = candidates(self.questionnaire, self.weights, index);
            let mut scenario = resolved.values.clone();
            let outcomes: Vec<UnknownOutcome> = values
                .iter()
                .map(|value| {
                    scenario[index] = value.clone();
                    UnknownOutcome {
                        value: question.display(value),
                        recommendation: self.evaluate(&scenario).recommendation,
                    }
                })
                .collect();
            let decisive = outcomes.iter().any(|o| o.recommendation != base);
            answers.push(UnknownAnswer {
                answer: question.id.clone(),
                outcomes,
                decisive,
            });
            options.push((index, values));
        }
        let any_decisive = answers.iter().any(|a| a.decisive);
        let combinations = options
            .iter()
            .try_fold(1usize, |acc, (_, v)| acc.checked_mul(v.len().max(1)));
        let holds = match combinations {
            _ if any_decisive => false,
            Some(n) if n <= MAX_COMBINATIONS && options.len() > 1 => {
                self.every_combination_agrees(&resolved.values, &options, base)
            }
            _ => true,
        };
        UnknownExploration { answers, holds }
    }

    /// Walks every combination of the unknowns' candidate values like an odometer.
    fn every_combination_agrees(
        &self,
        values: &[Value],
        options: &[(usize, Vec<Value>)],
        base: Recommendation,
    ) -> bool {
        let mut scenario = values.to_vec();
        let mut digits = vec![0usize; options.len()];
        loop {
            for ((index, candidates), &digit) in options.iter().zip(&digits) {
                if let Some(value) = candidates.get(digit) {
                    scenario[*index] = value.clone();
                }
            }
            if self.evaluate(&scenario).recommendation != base {
                return false;
            }
            let mut position = 0;
            loop {
                if position == digits.len() {
                    return true;
                }
                digits[position] += 1;
                if digits[position] < options[position].1.len() {
                    break;
                }
                digits[position] = 0;
                position += 1;
            }
        }
    }
}

struct UnknownExploration {
    answers: Vec<UnknownAnswer>,
    holds: bool,
}

/// Points an effect can give (before its multiplier), one entry per distinct outcome; a 0 entry
/// stands for "does not apply" when the effect is conditional or leaves some values unscored.
fn effect_outcomes(questionnaire: &Questionnaire, effect: &Effect) -> Vec<[f64; 3]> {
    let mut outcomes: Vec<[f64; 3]> = effect.cases.iter().map(|c| c.points).collect();
    let possible = candidates::value_count(&questionnaire.questions[effect.question].kind);
    let covers_all = possible.is_some_and(|n| effect.cases.len() >= n) || possible.is_none();
    if effect.when.is_some() || !covers_all {
        outcomes.push([0.0; 3]);
    }
    outcomes
}

/// Lowest and highest of `values`; (0, 0) for none.
fn min_max(values: impl Iterator<Item = f64>) -> (f64, f64) {
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
fn rank(scores: &[f64; 3]) -> [Portal; 3] {
    let key = |p: &Portal| (scores[p.index()] * 1e6).round() as i64;
    let mut order = Portal::TIE_ORDER;
    order.sort_by_key(|p| std::cmp::Reverse(key(p)));
    order
}

fn round1(x: f64) -> f64 {
    let rounded = (x * 10.0).round() / 10.0;
    if rounded == 0.0 { 0.0 } else { rounded }
}

#[cfg(test)]
mod tests;
