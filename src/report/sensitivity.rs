//! What would change the decision: how robust it is to the weights, which unknown answers
//! decide it, and which one- and two-answer changes would give another recommendation. It
//! computes no analysis of its own; the engine did, and this only selects, orders and puts the
//! unknown answers in words (their questions and choices, not their ids).

use crate::engine::{Assessment, Counterfactual};
use crate::model::{Questionnaire, Recommendation};

/// Two-answer counterfactuals shown; the JSON output of `score` lists them all.
pub const SHOWN_PAIRS: usize = 4;
/// One-answer counterfactuals shown.
pub const SHOWN_SINGLES: usize = 6;

/// What would change the decision.
#[derive(Clone, Debug, PartialEq)]
pub struct Sensitivity<'a> {
    /// Percent of weight perturbations that keep the recommendation, when computed.
    pub robustness: Option<f64>,
    pub unknowns: Unknowns,
    /// Single-answer changes: to another option first, then to "not yet".
    pub singles: Vec<&'a Counterfactual>,
    /// Two-answer changes, in the same order.
    pub pairs: Vec<&'a Counterfactual>,
    /// Changes not shown.
    pub more: usize,
}

/// The unknown answers and what they could do, in words.
#[derive(Clone, Debug, PartialEq)]
pub enum Unknowns {
    None,
    /// The recommendation holds whatever they turn out to be (their questions).
    Hold(Vec<String>),
    /// Some decide it: each question with what each of its values gives.
    Decide(Vec<(String, Vec<(String, Recommendation)>)>),
    /// None decides it alone, but together they could (their questions).
    Together(Vec<String>),
}

pub(super) fn sensitivity<'a>(
    questionnaire: &Questionnaire,
    assessment: &'a Assessment,
) -> Sensitivity<'a> {
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
    let more =
        singles.len().saturating_sub(SHOWN_SINGLES) + pairs.len().saturating_sub(SHOWN_PAIRS);
    Sensitivity {
        robustness,
        unknowns: unknowns(questionnaire, assessment),
        singles: singles.into_iter().take(SHOWN_SINGLES).collect(),
        pairs: pairs.into_iter().take(SHOWN_PAIRS).collect(),
        more,
    }
}

fn unknowns(questionnaire: &Questionnaire, assessment: &Assessment) -> Unknowns {
    let prompt = |id: &str| {
        questionnaire
            .question(id)
            .map_or_else(|| id.to_string(), |q| q.prompt.clone())
    };
    // A value as the file writes it, in words: a choice's label.
    let label = |id: &str, value: &str| {
        questionnaire
            .question(id)
            .and_then(|q| q.kind.choices().iter().find(|c| c.value == value))
            .map_or_else(|| value.to_string(), |c| c.label.clone())
    };
    if assessment.unknowns.is_empty() {
        return Unknowns::None;
    }
    let questions: Vec<String> = assessment
        .unknowns
        .iter()
        .map(|u| prompt(&u.answer))
        .collect();
    if assessment.holds_across_unknowns {
        return Unknowns::Hold(questions);
    }
    let decisive: Vec<(String, Vec<(String, Recommendation)>)> = assessment
        .unknowns
        .iter()
        .filter(|u| u.decisive)
        .map(|u| {
            (
                prompt(&u.answer),
                u.outcomes
                    .iter()
                    .map(|o| (label(&u.answer, &o.value), o.recommendation))
                    .collect(),
            )
        })
        .collect();
    if decisive.is_empty() {
        Unknowns::Together(questions)
    } else {
        Unknowns::Decide(decisive)
    }
}
