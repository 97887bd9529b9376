//! What would change the decision: how robust it is to the weights, which unknown answers
//! decide it, and which one- and two-answer changes would give another recommendation. It
//! computes no analysis of its own; the engine did, and this only selects and orders.

use super::SHOWN_PAIRS;
use crate::engine::{Assessment, Counterfactual};
use crate::model::Recommendation;

/// What would change the decision.
#[derive(Clone, Debug, PartialEq)]
pub struct Sensitivity<'a> {
    /// Percent of weight perturbations that keep the recommendation, when computed.
    pub robustness: Option<f64>,
    /// Whether the recommendation holds whatever the unknown answers are, or which decides it.
    pub unknowns_text: Vec<String>,
    /// Single-answer changes: to another option first, then to "not yet".
    pub singles: Vec<&'a Counterfactual>,
    /// Two-answer changes, in the same order.
    pub pairs: Vec<&'a Counterfactual>,
    /// Pairs not shown (the JSON output has them all).
    pub more_pairs: usize,
}

pub(super) fn sensitivity(assessment: &Assessment) -> Sensitivity<'_> {
    let robustness = Some(assessment.robustness * 100.0);
    let (mut singles, mut pairs): (Vec<&Counterfactual>, Vec<&Counterfactual>) = assessment
        .counterfactuals
        .iter()
        .flatten()
        .partition(|c| c.changes.len() == 1);
    // Changes to another option first, then those that would trip the readiness gate; the
    // sort is stable, so each group keeps the engine's order.
    singles.sort_by_key(|c| c.recommendation == Recommendation::NotReady);
    pairs.sort_by_key(|c| c.recommendation == Recommendation::NotReady);
    let more_pairs = pairs.len().saturating_sub(SHOWN_PAIRS);
    Sensitivity {
        robustness,
        unknowns_text: unknowns_text(assessment),
        singles,
        pairs: pairs.into_iter().take(SHOWN_PAIRS).collect(),
        more_pairs,
    }
}

/// Whether the recommendation holds whatever the unknown answers are, or which decides it.
pub fn unknowns_text(assessment: &Assessment) -> Vec<String> {
    if assessment.unknowns.is_empty() {
        return vec!["No answer is unknown.".to_string()];
    }
    let names: Vec<&str> = assessment
        .unknowns
        .iter()
        .map(|u| u.answer.as_str())
        .collect();
    if assessment.holds_across_unknowns {
        return vec![format!(
            "The recommendation holds whatever the unknown answers turn out to be ({}).",
            names.join(", ")
        )];
    }
    let decisive: Vec<String> = assessment
        .unknowns
        .iter()
        .filter(|u| u.decisive)
        .map(|u| {
            let outcomes: Vec<String> = u
                .outcomes
                .iter()
                .map(|o| format!("{} gives {}", o.value, o.recommendation.name()))
                .collect();
            format!("{} decides it: {}.", u.answer, outcomes.join("; "))
        })
        .collect();
    if decisive.is_empty() {
        vec![format!(
            "No unknown answer changes the recommendation alone, but together they could: \
             settle {} before committing.",
            names.join(", ")
        )]
    } else {
        let mut lines = vec![
            "The recommendation depends on answers that are still unknown. Settle them before \
             committing."
                .to_string(),
        ];
        lines.extend(decisive);
        lines
    }
}
