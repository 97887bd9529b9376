//! Unknown answers, analysed exactly: what each value an unknown answer could take does to
//! the recommendation, and whether every combination of them agrees.
//!
//! Each unknown is tried alone with every value worth trying ([`super::candidates`]); when none
//! changes the recommendation alone and there are at most [`MAX_COMBINATIONS`] combinations,
//! every combination is scored. Only then does the recommendation "hold across unknowns".

use super::{Model, Resolved, UnknownAnswer, UnknownOutcome, candidates};
use crate::model::{Recommendation, Value};

/// Unknown answers with more combinations than this are explored one at a time instead of
/// exhaustively, which keeps an assessment's cost bounded.
const MAX_COMBINATIONS: usize = 4096;

impl Model<'_> {
    /// What each unknown answer could do to the recommendation, and whether any combination of
    /// them changes it.
    pub(super) fn explore_unknowns(
        &self,
        resolved: &Resolved,
        base: Recommendation,
    ) -> UnknownExploration {
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

pub(super) struct UnknownExploration {
    pub answers: Vec<UnknownAnswer>,
    pub holds: bool,
}
