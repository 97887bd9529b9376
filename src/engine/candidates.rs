//! The values worth trying for an answer: every choice, both booleans, empty and non-empty
//! text, and for a number every value where the weights change: the bounds, each point of a
//! curve or scale reading it, and each threshold a decisive rule tests, with the value just
//! below it.
//!
//! Between two neighbouring values of that list every effect on a number is a straight line
//! and every rule's outcome is fixed, so the best and worst case of anything the engine adds up
//! lies at one of them: trying these values is as good as trying every value. The unknowns
//! analysis and the counterfactual search rely on that.

use crate::model::{AsSlot, Condition, QuestionKind, Questionnaire, Slot, Value, Weights};

/// How far below a threshold the value "just below it" lies, relative to the threshold's size.
/// Small enough that no answer anyone gives falls between the two, large enough to survive
/// arithmetic.
const JUST_BELOW: f64 = 1e-6;

/// Representative values of question `index`, one per stretch the weights treat alike: every
/// choice, both yes/no values, empty and given text; for a number, its lowest allowed value
/// and each point where the weights change. For listing what an unknown answer could do, and
/// for telling whether two people's numbers count as the same.
pub fn candidates(questionnaire: &Questionnaire, weights: &Weights, index: usize) -> Vec<Value> {
    let question = &questionnaire.questions[index];
    match &question.kind {
        QuestionKind::Choice(choices) => (0..choices.len()).map(Value::Choice).collect(),
        QuestionKind::Bool => vec![Value::Bool(true), Value::Bool(false)],
        QuestionKind::Text => vec![
            Value::Text(String::new()),
            Value::Text("(answered)".to_string()),
        ],
        QuestionKind::Number { .. } => number_points(questionnaire, weights, index, false)
            .into_iter()
            .map(Value::Number)
            .collect(),
        QuestionKind::Integer { .. } => number_points(questionnaire, weights, index, false)
            .into_iter()
            .map(|n| Value::Integer(n as i64))
            .collect(),
    }
}

/// Every value of question `index` the engine must try to see everything its answer can do
/// (see the module comment), as slots.
pub(super) fn trial_slots(
    questionnaire: &Questionnaire,
    weights: &Weights,
    index: usize,
) -> Vec<Slot> {
    match &questionnaire.questions[index].kind {
        QuestionKind::Number { .. } | QuestionKind::Integer { .. } => {
            number_points(questionnaire, weights, index, true)
                .into_iter()
                .map(Slot::Number)
                .collect()
        }
        _ => candidates(questionnaire, weights, index)
            .iter()
            .map(AsSlot::slot)
            .collect(),
    }
}

/// The points of a number question where the weights change, within its bounds and ascending:
/// its lowest allowed value, every curve and scale point, every threshold of a decisive rule
/// and, with `just_below`, the value just under each threshold.
fn number_points(
    questionnaire: &Questionnaire,
    weights: &Weights,
    index: usize,
    just_below: bool,
) -> Vec<f64> {
    let question = &questionnaire.questions[index];
    let (low, open_low, high, integer) = match question.kind {
        QuestionKind::Number {
            min,
            greater_than,
            max,
        } => match (min, greater_than) {
            (_, Some(g)) => (Some(g), true, max, false),
            (m, None) => (m, false, max, false),
        },
        QuestionKind::Integer { min, max } => {
            (min.map(|m| m as f64), false, max.map(|m| m as f64), true)
        }
        _ => return Vec::new(),
    };
    let mut points: Vec<f64> = breakpoints(weights, index).collect();
    let mut thresholds = Vec::new();
    decisive_conditions(questionnaire, weights)
        .for_each(|c: &Condition| c.thresholds_for(index, &mut thresholds));
    for t in thresholds {
        let t = if integer { t.ceil() } else { t };
        points.push(t);
        if just_below {
            points.push(if integer {
                t - 1.0
            } else {
                t - JUST_BELOW * t.abs().max(1.0)
            });
        }
    }
    let lowest = match (low, open_low) {
        (Some(l), false) => Some(l),
        // An open lower bound: a little above it, below every point of interest.
        (Some(l), true) => {
            let next = points
                .iter()
                .copied()
                .filter(|p| *p > l)
                .fold(l + 1.0, f64::min);
            Some((l + next) / 2.0)
        }
        (None, _) => points.iter().copied().reduce(f64::min).map(|p| p - 1.0),
    };
    // Above the highest point everything is flat (a curve beyond its last point, every
    // threshold already passed), so the upper bound adds nothing to try.
    points.extend(lowest);
    let inside = |p: &f64| {
        p.is_finite()
            && lowest.is_none_or(|l| *p >= l)
            && high.is_none_or(|h| *p <= h)
            && (!open_low || low.is_none_or(|l| *p > l))
    };
    points.retain(inside);
    points.sort_by(f64::total_cmp);
    points.dedup();
    if points.is_empty() {
        points.push(low.unwrap_or(0.0));
    }
    points
}

/// The positions of every curve on question `index` and of every scale reading it.
fn breakpoints(weights: &Weights, index: usize) -> impl Iterator<Item = f64> + '_ {
    let curves = weights
        .effects
        .iter()
        .filter(move |e| e.question == index)
        .flat_map(|e| e.points.breakpoints());
    let scales = weights
        .effects
        .iter()
        .filter_map(move |e| e.scale.as_ref().filter(|s| s.question == index))
        .flat_map(|s| s.factor.breakpoints());
    curves.chain(scales)
}

/// The conditions that can change a recommendation: when an effect applies, exclusions,
/// blockers, and when a question applies at all.
fn decisive_conditions<'a>(
    questionnaire: &'a Questionnaire,
    weights: &'a Weights,
) -> impl Iterator<Item = &'a Condition> {
    weights
        .effects
        .iter()
        .filter_map(|e| e.when.as_ref())
        .chain(super::gate_conditions(questionnaire, weights))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;

    #[test]
    fn numbers_get_the_points_where_the_weights_change() {
        let questionnaire = builtin::questionnaire();
        let weights = builtin::weights();
        let index = questionnaire
            .index_of("timeline.first_value_months")
            .unwrap();
        let values = candidates(&questionnaire, &weights, index);
        assert_eq!(values.first(), Some(&Value::Number(0.5)));
        for month in [1.0, 2.0, 4.0, 6.0, 9.0, 12.0] {
            assert!(
                values.contains(&Value::Number(month)),
                "{month}: {values:?}"
            );
        }
    }

    #[test]
    fn trial_values_start_at_the_lowest_allowed_value() {
        let questionnaire = builtin::questionnaire();
        let weights = builtin::weights();
        let index = questionnaire.index_of("capacity.dedicated_fte").unwrap();
        let slots = trial_slots(&questionnaire, &weights, index);
        assert_eq!(slots.first(), Some(&Slot::Number(0.0)));
        assert_eq!(slots.last(), Some(&Slot::Number(4.0)));
        let integers = questionnaire.index_of("current.custom_plugins").unwrap();
        let values = candidates(&questionnaire, &weights, integers);
        assert_eq!(values.first(), Some(&Value::Integer(0)));
    }
}
