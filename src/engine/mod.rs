//! The scoring engine: validated answers and weights in, an [`Assessment`] out.
//!
//! It is pure: no files, no printing, no clock, and no randomness beyond the fixed-seed
//! generator of the robustness analysis (`robustness.rs`). The same answers and weights always
//! give the same assessment, which is what lets CI gate on it. It never formats a result for a
//! reader beyond the sentences the result carries; renderers do that.
//!
//! How a result is reached:
//! 1. Every effect in the weights adds its points to each option, times its dimension's weight:
//!    a choice's points, or for a number the point on its curve, times the effect's scale. An
//!    unknown answer adds the average of what its possible values would add, so it neither
//!    helps nor hurts any option.
//! 2. Totals become 0-100 scores on one common scale: 0 is the lowest total any option can
//!    reach with any answers, 100 the highest. A point is the same amount of support for every
//!    option, so scores compare across options.
//! 3. Exclusions remove options (e.g. Port when self-hosting is required). The best remaining
//!    option is the *leaning*; an exact tie goes to the more reversible option (Port, then
//!    Backstage, then hybrid).
//! 4. Blockers (the readiness gate) turn the recommendation into `not_ready`, as does an
//!    unknown answer that would block if answered badly; the leaning is still reported.
//! 5. The confidence starts from the winning margin and is lowered or capped for each reason
//!    to doubt it (a hollow or fragile fit, unknowns that could change the result,
//!    contradictory answers, findings that weigh on it), every reason stated.
//!
//! With evidence (what `idpfit scan` measured, passed in as an [`Evidence`] value), a measured
//! value first fills each answer left unknown, and each one an answer contradicts joins the
//! contradictions of step 5.
//!
//! Where each step lives: `score.rs` is the kernel (steps 1-4, and the only arithmetic),
//! `extremes.rs` finds a sum's best and worst case over unknown answers, `explain.rs` words
//! the result and the confidence, `unknowns.rs` analyses unknown answers exactly,
//! `search.rs` finds the smallest sets of changes that flip a result, `counterfactual.rs` and
//! `robustness.rs` are the what-if analysis, `evidence.rs` weighs the answers against a scan,
//! and [`gate`] checks a result against the conditions a CI job sets.

pub mod answer_json;
mod candidates;
mod counterfactual;
mod evidence;
mod explain;
mod extremes;
pub mod gate;
mod result;
mod robustness;
mod score;
pub mod search;
mod unknowns;

pub use candidates::candidates;
pub use evidence::{Evidence, Measurement};
pub use result::*;
pub use robustness::DRAWS as WHAT_IF_DRAWS;
pub use score::Evaluation;

use crate::model::{Answers, AsSlot, Condition, Dimension, Questionnaire, Slot, Value, Weights};
use score::round1;

/// Scores an answers set. Shorthand for [`Model::new`] then [`Model::assess`].
pub fn assess(questionnaire: &Questionnaire, weights: &Weights, answers: &Answers) -> Assessment {
    Model::new(questionnaire, weights).assess(answers)
}

/// Weights bound to their questionnaire, with what every assessment needs worked out once:
/// which answers each effect reads, the values worth trying for each answer, and the common
/// scale scores and leans are placed on.
#[derive(Clone, Debug)]
pub struct Model<'a> {
    pub questionnaire: &'a Questionnaire,
    pub weights: &'a Weights,
    /// Per effect: the questions it reads (its answer, its condition's, its scale's).
    reads: Vec<Vec<usize>>,
    /// Per question: the effects that read it.
    touching: Vec<Vec<usize>>,
    /// Per exclusion rule: the questions its condition reads.
    exclusion_reads: Vec<Vec<usize>>,
    /// Per blocker: the questions its condition reads.
    blocker_reads: Vec<Vec<usize>>,
    /// Per question: the consistency rules that read it.
    inconsistencies_on: Vec<Vec<usize>>,
    /// Per question: whether an exclusion or blocker reads it, or whether a question applies
    /// depends on it (a change to it may change more than points).
    gate: Vec<bool>,
    /// Per question: the values worth trying ([`candidates`]), as slots.
    trial_slots: Vec<Vec<Slot>>,
    /// Where scores and leans are placed.
    scales: Scales,
}

/// The common scale scores are placed on, and each dimension's lean range: a property of the
/// questionnaire and weights alone, measured by [`Model::new`] over every set of answers.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scales {
    /// The lowest and highest total any option can reach: the common scale's 0 and 100.
    pub total: (f64, f64),
    /// Per dimension: the largest (backstage - port) sum possible toward Port (as a positive
    /// number) and toward Backstage.
    pub leans: [(f64, f64); 4],
}

/// Answers with every slot filled: given values, skipped values, or unknown.
#[derive(Clone, Debug)]
pub struct Resolved {
    /// The values as given, for quoting answers in messages.
    pub values: Vec<Value>,
    /// The same, as the engine computes with them.
    pub slots: Vec<Slot>,
    /// Required questions the file did not answer (only possible with --partial).
    pub missing: Vec<usize>,
    /// Questions whose unknown value is an open item: answered "unknown", or missing.
    pub open: Vec<usize>,
    /// Questions the file left out that apply only under a condition which depends on an
    /// unknown answer: where the condition fails they take their skipped value.
    pub skippable: Vec<usize>,
}

impl Resolved {
    /// Every question whose value is unknown: the open items and the skippable ones.
    pub fn unknown(&self) -> Vec<usize> {
        let mut all: Vec<usize> = self.open.iter().chain(&self.skippable).copied().collect();
        all.sort_unstable();
        all.dedup();
        all
    }
}

impl<'a> Model<'a> {
    pub fn new(questionnaire: &'a Questionnaire, weights: &'a Weights) -> Model<'a> {
        // Measuring the scales needs everything else the model works out.
        let mut model = Model::with_scales(questionnaire, weights, Scales::default());
        model.scales = model.measure_scales();
        model
    }

    /// The same model as [`Model::new`] gives, with its scales as measured before for the same
    /// questionnaire and weights (see [`Model::scales`]), so they are not measured again.
    pub fn with_scales(
        questionnaire: &'a Questionnaire,
        weights: &'a Weights,
        scales: Scales,
    ) -> Model<'a> {
        let reads: Vec<Vec<usize>> = weights.effects.iter().map(|e| e.reads()).collect();
        let touching = (0..questionnaire.questions.len())
            .map(|q| {
                (0..reads.len())
                    .filter(|&e| reads[e].contains(&q))
                    .collect()
            })
            .collect();
        Model {
            questionnaire,
            weights,
            reads,
            touching,
            exclusion_reads: weights
                .exclusions
                .iter()
                .map(|e| e.rule.condition().questions())
                .collect(),
            blocker_reads: weights
                .blockers
                .iter()
                .map(|b| b.when.questions())
                .collect(),
            inconsistencies_on: (0..questionnaire.questions.len())
                .map(|q| {
                    (0..weights.inconsistencies.len())
                        .filter(|&r| weights.inconsistencies[r].answers.contains(&q))
                        .collect()
                })
                .collect(),
            gate: gate_questions(questionnaire, weights),
            trial_slots: (0..questionnaire.questions.len())
                .map(|q| candidates::trial_slots(questionnaire, weights, q))
                .collect(),
            scales,
        }
    }

    /// The common scale and the dimensions' lean ranges.
    pub fn scales(&self) -> Scales {
        self.scales
    }

    /// The common scale (the lowest and highest total any option reaches over every set of
    /// answers) and each dimension's range, from the exact extremes of the sums.
    fn measure_scales(&self) -> Scales {
        let all: Vec<usize> = (0..self.questionnaire.questions.len()).collect();
        let mut slots = vec![Slot::Unknown; all.len()];
        let option = |o: usize| move |_: usize, p: [f64; 3]| Some(p[o]);
        let effects = &self.weights.effects;
        let dimension = |d: Dimension| {
            move |e: usize, p: [f64; 3]| (effects[e].dimension == Some(d)).then_some(p[0] - p[1])
        };
        let (b, p, h) = (option(0), option(1), option(2));
        let dims = Dimension::ALL.map(dimension);
        let phis: [&extremes::Functional<'_>; 7] =
            [&b, &p, &h, &dims[0], &dims[1], &dims[2], &dims[3]];
        let ranges = self
            .extremes(&mut slots, &all, &[], &phis)
            .unwrap_or_else(|| self.effectwise_extremes(&phis));
        let low = ranges[..3]
            .iter()
            .map(|r| r.0)
            .fold(f64::INFINITY, f64::min);
        let high = ranges[..3]
            .iter()
            .map(|r| r.1)
            .fold(f64::NEG_INFINITY, f64::max);
        Scales {
            total: (low, high),
            leans: Dimension::ALL.map(|d| {
                let (low, high) = ranges[3 + d.index()];
                ((-low).max(0.0), high.max(0.0))
            }),
        }
    }

    /// Bounds from each effect's own best and worst case, for a model whose answers are tied
    /// together too much for [`Model::extremes`]: a common scale still, only a wider one. An
    /// effect gives one of its points or nothing, times a factor between its scale's lowest
    /// and highest (a product of two ranges is extreme at a corner).
    fn effectwise_extremes(&self, phis: extremes::Functionals<'_>) -> Vec<(f64, f64)> {
        use crate::model::weights::{Factor, Points};
        let mut ranges = vec![(0.0, 0.0); phis.len()];
        for (index, effect) in self.weights.effects.iter().enumerate() {
            let weight = self.weights.multiplier(effect);
            let mut outcomes: Vec<[f64; 3]> = match &effect.points {
                Points::Cases(cases) => cases.iter().map(|c| c.points).collect(),
                Points::Curve(anchors) => anchors.iter().map(|a| a.points).collect(),
            };
            outcomes.push([0.0; 3]);
            let factors: Vec<f64> = match effect.scale.as_ref().map(|s| &s.factor) {
                Some(Factor::Curve(points)) => points.iter().map(|p| p.1).collect(),
                Some(Factor::Choices(factors)) => factors.clone(),
                None => vec![1.0],
            };
            for (range, phi) in ranges.iter_mut().zip(phis) {
                let values: Vec<f64> = outcomes
                    .iter()
                    .flat_map(|p| factors.iter().map(move |f| p.map(|x| x * f * weight)))
                    .map(|p| phi(index, p).unwrap_or(0.0))
                    .collect();
                range.0 += values.iter().copied().fold(f64::INFINITY, f64::min);
                range.1 += values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            }
        }
        ranges
    }

    /// Fills every slot: given answers as they are; an unanswered question that does not apply
    /// takes its `when_skipped` value, or is unknown while whether it applies depends on an
    /// unknown answer; anything else unanswered is unknown.
    pub fn resolve(&self, answers: &Answers) -> Resolved {
        let values: Vec<Value> = answers
            .values
            .iter()
            .map(|v| v.clone().unwrap_or(Value::Unknown))
            .collect();
        let mut slots: Vec<Slot> = values.iter().map(AsSlot::slot).collect();
        let given = slots.clone();
        let mut resolved_values = values;
        let mut missing = Vec::new();
        let mut open = Vec::new();
        let mut skippable = Vec::new();
        for (index, question) in self.questionnaire.questions.iter().enumerate() {
            match answers.values.get(index).and_then(Option::as_ref) {
                Some(Value::Unknown) => open.push(index),
                Some(_) => {}
                None => match (&question.ask_if, &question.when_skipped) {
                    (Some(ask_if), Some(skipped)) if !ask_if.holds(&given) => {
                        if self.could_hold(ask_if, &given) {
                            skippable.push(index);
                        } else {
                            slots[index] = skipped.slot();
                            resolved_values[index] = skipped.clone();
                        }
                    }
                    _ if question.required => {
                        missing.push(index);
                        open.push(index);
                    }
                    _ => slots[index] = Slot::Absent,
                },
            }
        }
        Resolved {
            values: resolved_values,
            slots,
            missing,
            open,
            skippable,
        }
    }

    /// The full assessment of one answers set: everything but the counterfactuals, which
    /// [`Model::assess_with_what_if`] adds.
    pub fn assess(&self, answers: &Answers) -> Assessment {
        self.assess_with(answers, AssessOptions::default())
    }

    /// The assessment with its counterfactuals: the smallest changes to levers that give
    /// another recommendation.
    pub fn assess_with_what_if(&self, answers: &Answers) -> Assessment {
        let options = AssessOptions {
            what_if: true,
            evidence: None,
        };
        self.assess_with(answers, options)
    }

    /// The assessment, with what `options` ask for beyond the answers: the counterfactuals,
    /// and the answers weighed against [`Evidence`] (measured values fill what the answers
    /// leave unknown, see [`Model::answers_with`], and each one an answer contradicts is an
    /// inconsistency).
    pub fn assess_with(&self, answers: &Answers, options: AssessOptions<'_>) -> Assessment {
        let filled;
        let (scored, weighed) = match options.evidence {
            Some(evidence) => {
                filled = self.answers_with(answers, evidence);
                let weighed = self.weigh(answers, &filled, evidence);
                (&filled, Some(weighed))
            }
            None => (answers, None),
        };
        let resolved = self.resolve(scored);
        let evaluation = self.evaluate(&resolved.slots);
        let unknowns = self.explore_unknowns(&resolved, &evaluation);
        let (robustness, leaning_robustness) = self.robustness(&evaluation);
        let mut inconsistencies = self.inconsistencies(&resolved);
        let evidence = weighed.map(|weighed| {
            inconsistencies.extend(weighed.conflicts);
            weighed.items
        });
        let (confidence, confidence_reason) = self.confidence(
            &evaluation,
            &resolved,
            unknowns.holds,
            leaning_robustness,
            inconsistencies.len(),
        );
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
            blockers: self.blockers(&evaluation, &resolved),
            rationale: self.rationale(&evaluation, &resolved),
            open_questions: self.open_questions(&resolved),
            inconsistencies,
            advice: self.advice(&evaluation, &resolved),
            unknowns: unknowns.answers,
            holds_across_unknowns: unknowns.holds,
            missing: resolved
                .missing
                .iter()
                .map(|&i| self.questionnaire.questions[i].id.clone())
                .collect(),
            context: self
                .questionnaire
                .questions
                .iter()
                .zip(&scored.values)
                .filter(|(q, _)| q.context_only)
                .filter_map(|(q, v)| v.as_ref().map(|v| (q.id.clone(), q.display(v))))
                .collect(),
            counterfactuals: options.what_if.then(|| self.counterfactuals(&resolved)),
            evidence,
            leaning_robustness,
            robustness,
        }
    }
}

/// What an assessment adds to the answers, beyond the result itself.
#[derive(Clone, Copy, Debug, Default)]
pub struct AssessOptions<'e> {
    /// The what-if analysis: the smallest changes to levers that give another
    /// recommendation.
    pub what_if: bool,
    /// The scan's evidence to weigh the answers against.
    pub evidence: Option<&'e Evidence>,
}

/// The conditions of every exclusion, blocker and skip rule: what decides more than points.
fn gate_conditions<'a>(
    questionnaire: &'a Questionnaire,
    weights: &'a Weights,
) -> impl Iterator<Item = &'a Condition> {
    weights
        .exclusions
        .iter()
        .map(|e| e.rule.condition())
        .chain(weights.blockers.iter().map(|b| &b.when))
        .chain(
            questionnaire
                .questions
                .iter()
                .filter_map(|q| q.ask_if.as_ref()),
        )
}

/// Per question, whether an exclusion, a blocker or a skip rule reads it.
fn gate_questions(questionnaire: &Questionnaire, weights: &Weights) -> Vec<bool> {
    let mut gate = vec![false; questionnaire.questions.len()];
    for condition in gate_conditions(questionnaire, weights) {
        condition
            .questions()
            .into_iter()
            .for_each(|q| gate[q] = true);
    }
    gate
}

#[cfg(test)]
mod tests;
