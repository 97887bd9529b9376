//! The values worth trying for an answer: every choice, both booleans, empty and non-empty
//! text, and for numbers one value on each side of every threshold the weights and the
//! questionnaire test. Used to explore unknown answers and, later, what-if changes; trying
//! more values than these could not change any rule's outcome.

use crate::model::weights::{ExclusionRule, Matcher};
use crate::model::{Condition, QuestionKind, Questionnaire, Value, Weights};

/// Values that together reach every outcome the weights distinguish for question `index`, in
/// ascending or declaration order.
pub fn candidates(questionnaire: &Questionnaire, weights: &Weights, index: usize) -> Vec<Value> {
    let question = &questionnaire.questions[index];
    match &question.kind {
        QuestionKind::Choice(choices) => (0..choices.len()).map(Value::Choice).collect(),
        QuestionKind::Bool => vec![Value::Bool(true), Value::Bool(false)],
        QuestionKind::Text => vec![
            Value::Text(String::new()),
            Value::Text("(answered)".to_string()),
        ],
        QuestionKind::Number {
            min,
            greater_than,
            max,
        } => {
            let lowest = match (min, greater_than) {
                (Some(m), _) => Some(*m),
                (None, Some(g)) => Some(g + 0.5),
                (None, None) => None,
            };
            representatives(thresholds(questionnaire, weights, index), lowest, *max)
                .into_iter()
                .map(Value::Number)
                .collect()
        }
        QuestionKind::Integer { min, max } => {
            let cuts = thresholds(questionnaire, weights, index)
                .into_iter()
                .map(f64::ceil)
                .collect();
            representatives(cuts, min.map(|m| m as f64), max.map(|m| m as f64))
                .into_iter()
                .map(|n| Value::Integer(n as i64))
                .collect()
        }
    }
}

/// How many distinct values a question can take, when that is finite and small.
pub fn value_count(kind: &QuestionKind) -> Option<usize> {
    match kind {
        QuestionKind::Choice(choices) => Some(choices.len()),
        QuestionKind::Bool | QuestionKind::Text => Some(2),
        QuestionKind::Number { .. } | QuestionKind::Integer { .. } => None,
    }
}

/// One value per interval between cuts: the lowest allowed value, then each cut itself (a cut
/// is where a band starts or an `at_least` begins to hold), all within the bounds.
fn representatives(mut cuts: Vec<f64>, lowest: Option<f64>, highest: Option<f64>) -> Vec<f64> {
    cuts.sort_by(f64::total_cmp);
    cuts.dedup();
    let first = match (lowest, cuts.first()) {
        (Some(low), _) => low,
        (None, Some(cut)) => cut - 1.0,
        (None, None) => 0.0,
    };
    let mut values = vec![first];
    for cut in cuts {
        let in_bounds = cut > first && highest.is_none_or(|h| cut <= h);
        if in_bounds {
            values.push(cut);
        }
    }
    values
}

/// Every numeric threshold applied to question `index` anywhere in the weights or the
/// questionnaire's skip rules.
fn thresholds(questionnaire: &Questionnaire, weights: &Weights, index: usize) -> Vec<f64> {
    let mut out = Vec::new();
    for effect in &weights.effects {
        if effect.question == index {
            for case in &effect.cases {
                if let Matcher::Range { at_least, below } = case.matcher {
                    out.extend(at_least.iter().chain(below.iter()));
                }
            }
        }
    }
    let conditions = weights
        .effects
        .iter()
        .filter_map(|e| e.when.as_ref())
        .chain(weights.exclusions.iter().map(|e| match &e.rule {
            ExclusionRule::When(c) | ExclusionRule::Unless(c) => c,
        }))
        .chain(weights.blockers.iter().map(|b| &b.when))
        .chain(weights.findings.iter().map(|f| &f.when))
        .chain(weights.advice.iter().filter_map(|a| a.when.as_ref()))
        .chain(
            questionnaire
                .questions
                .iter()
                .filter_map(|q| q.ask_if.as_ref()),
        );
    conditions.for_each(|c: &Condition| c.thresholds_for(index, &mut out));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;

    #[test]
    fn numbers_get_one_value_per_band() {
        let questionnaire = builtin::questionnaire();
        let weights = builtin::weights();
        let index = questionnaire
            .index_of("timeline.first_value_months")
            .unwrap_or(0);
        let values = candidates(&questionnaire, &weights, index);
        assert_eq!(
            values,
            vec![
                Value::Number(0.5),
                Value::Number(4.0),
                Value::Number(7.0),
                Value::Number(12.0)
            ]
        );
    }

    #[test]
    fn integers_start_at_their_minimum() {
        let questionnaire = builtin::questionnaire();
        let weights = builtin::weights();
        let index = questionnaire
            .index_of("integrations.uncovered_integrations")
            .unwrap_or(0);
        let values = candidates(&questionnaire, &weights, index);
        assert_eq!(values.first(), Some(&Value::Integer(0)));
        assert!(values.contains(&Value::Integer(4)));
        assert!(values.contains(&Value::Integer(10)));
    }
}
