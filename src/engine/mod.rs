//! The scoring engine: validated answers and weights in, an [`Assessment`] out.
//!
//! It is pure: no files, no printing, no clock, and no randomness beyond the fixed-seed
//! generator of the robustness analysis (`robustness.rs`). The same answers and weights always
//! give the same assessment, which is what lets CI gate on it. It never formats a result for a
//! reader beyond the sentences the result carries; renderers do that.
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
//!
//! Where each step lives: `score.rs` is the kernel (steps 1-4, and the only arithmetic),
//! `explain.rs` words the result, `unknowns.rs` analyses unknown answers exactly,
//! `counterfactual.rs` and `robustness.rs` are the what-if analysis, and [`gate`] checks a
//! result against the conditions a CI job sets.

pub mod answer_json;
mod candidates;
mod counterfactual;
mod explain;
pub mod gate;
mod result;
mod robustness;
mod score;
mod unknowns;

pub use candidates::candidates;
pub use result::*;
pub use robustness::DRAWS as WHAT_IF_DRAWS;
pub use score::{Evaluation, Resolved};

use crate::model::{Answers, Questionnaire, Weights};
use score::round1;

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

impl Model<'_> {
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
            blockers: self.blockers(&evaluation, &resolved.values),
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

    /// The assessment with its what-if analysis filled in.
    pub fn assess_with_what_if(&self, answers: &Answers) -> Assessment {
        let mut assessment = self.assess(answers);
        let what_if = self.what_if(answers);
        assessment.counterfactuals = Some(what_if.counterfactuals);
        assessment.leaning_robustness = Some(what_if.leaning_robustness);
        assessment.robustness = Some(what_if.robustness);
        assessment
    }

    /// Counterfactuals and robustness for one answers set.
    pub fn what_if(&self, answers: &Answers) -> WhatIf {
        let resolved = self.resolve(answers);
        let base = self.evaluate(&resolved.values);
        let (robustness, leaning_robustness) = self.robustness(&resolved.values, &base);
        WhatIf {
            counterfactuals: self.counterfactuals(&resolved.values, base.recommendation),
            robustness,
            leaning_robustness,
        }
    }
}

#[cfg(test)]
mod tests;
