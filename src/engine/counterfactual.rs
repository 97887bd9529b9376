//! Counterfactuals: the smallest sets of changes to levers that give another recommendation.
//!
//! Only levers change: answers the questionnaire marks as the organisation's to decide
//! (staffing, ownership, commitment, the timeline, documenting a requirement, fixing the
//! platform). Facts (what you run today, your toolchain, your constraints) never do, nor do
//! unknown answers (see [`super::unknowns`]), answers that do not apply, or answers no rule
//! reads.
//!
//! The values tried for each lever are every other choice, the other yes/no, a text given or
//! left empty, and for a number the points where the weights change ([`super::candidates`]):
//! between two of them everything is a straight line, so if a number can flip the result, one
//! of them shows it. The search ([`super::search`]) keeps single changes first, then pairs where
//! neither answer alone gives that recommendation. A number in a kept set is then moved back
//! toward its current value as far as the result still holds, and rounded to the question's
//! `step` away from it: "2.5 FTE instead of 1", the nearest change that does it. Every kept
//! counterfactual is checked by scoring it whole before it is reported.
//!
//! Changing one answer changes only the effects that read it, so a trial adds those effects'
//! new points to the base totals instead of scoring everything again; answers that rules
//! (exclusions, blockers) read are scored in full.

use super::answer_json::answer_json;
use super::score::Probe;
use super::search::{Candidate, Plan, smallest_sets};
use super::{Change, Counterfactual, Model, Resolved};
use crate::model::{Question, QuestionKind, Recommendation, Slot, Value};

/// Stands for "some non-empty text" when a counterfactual needs a text answer given.
const ANY_TEXT: &str = "(any text)";

/// Most trials scored looking for counterfactuals; far above what the built-in questionnaire
/// needs (a few hundred), a guard for very large ones.
const BUDGET: usize = 20_000;

/// Most counterfactuals kept.
const MAX_COUNTERFACTUALS: usize = 40;

/// Steps of the search for the nearest value of a number that still gives the result: the
/// widest stretch, a few hundred, narrowed to well under any question's step.
const BISECTIONS: usize = 24;

impl Model<'_> {
    /// The counterfactuals of one set of answers.
    pub(super) fn counterfactuals(&self, resolved: &Resolved) -> Vec<Counterfactual> {
        let mut probe = Probe::new(self, &resolved.slots);
        let base = probe.recommendation(&[]);
        let trials = self.trials(resolved);
        let candidates: Vec<Candidate> = trials
            .iter()
            .map(|t| Candidate {
                answer: t.question,
                kind: t.kind,
            })
            .collect();
        let plan = Plan {
            sizes: 1..=2,
            smallest_only: false,
            budget: BUDGET,
            max_sets: MAX_COUNTERFACTUALS,
        };
        let mut scratch = resolved.slots.clone();
        // Most pairs change answers that only move points, through different effects: their
        // result is the base totals plus each change's own shift, worked out once.
        let shifts: Vec<Option<[f64; 3]>> = trials
            .iter()
            .map(|t| probe.shift(t.question, t.value))
            .collect();
        let apart = |a: usize, b: usize| {
            let (qa, qb) = (trials[a].question, trials[b].question);
            !self.touching[qa]
                .iter()
                .any(|e| self.touching[qb].contains(e))
        };
        // Whether a change makes answers contradict each other is known per change; a pair
        // adds only the rules that read both its answers.
        let contradicting: Vec<bool> = trials
            .iter()
            .map(|t| self.contradicts(&resolved.slots, &mut scratch, &[(t.question, t.value)]))
            .collect();
        let search = smallest_sets(&candidates, &plan, |set| {
            let changes: Vec<(usize, Slot)> = set
                .iter()
                .map(|&t| (trials[t].question, trials[t].value))
                .collect();
            let outcome = match set {
                [a, b] if apart(*a, *b) => match (shifts[*a], shifts[*b]) {
                    (Some(x), Some(y)) => probe.shifted(&[x, y]),
                    _ => probe.recommendation(&changes),
                },
                _ => probe.recommendation(&changes),
            };
            let rules_on = &self.inconsistencies_on;
            let read_together =
                |a: usize, b: usize| rules_on[a].iter().any(|r| rules_on[b].contains(r));
            let plausible = match set {
                [t] => !contradicting[*t],
                // A pair may add a contradiction only through a rule reading both its
                // answers, or undo one a single change made: only then is it checked whole.
                [a, b]
                    if contradicting[*a]
                        || contradicting[*b]
                        || read_together(trials[*a].question, trials[*b].question) =>
                {
                    !self.contradicts(&resolved.slots, &mut scratch, &changes)
                }
                _ => true,
            };
            (outcome != base && plausible).then_some(outcome)
        });
        search
            .found
            .into_iter()
            .filter_map(|(set, target)| {
                let mut changes: Vec<(usize, Slot)> = set
                    .iter()
                    .map(|&t| (trials[t].question, trials[t].value))
                    .collect();
                self.nearest(&mut probe, resolved, &mut changes, target);
                let mut full = resolved.slots.clone();
                for &(q, v) in &changes {
                    full[q] = v;
                }
                (self.decision(&full).recommendation == target)
                    .then(|| self.describe(resolved, &changes, target))
            })
            .collect()
    }

    /// Every change to a lever worth trying, in questionnaire order; for a number, nearest
    /// first in each direction.
    fn trials(&self, resolved: &Resolved) -> Vec<Trial> {
        let mut trials = Vec::new();
        for (index, question) in self.questionnaire.questions.iter().enumerate() {
            let current = resolved.slots[index];
            let applies = question
                .ask_if
                .as_ref()
                .is_none_or(|c| c.holds(&resolved.slots));
            if !question.lever || current.is_unknown() || !applies || !self.is_read(index) {
                continue;
            }
            let kind = |variant: usize| index * 4 + variant;
            match (&question.kind, current) {
                (QuestionKind::Number { .. } | QuestionKind::Integer { .. }, Slot::Number(now)) => {
                    let mut points: Vec<f64> = self.trial_slots[index]
                        .iter()
                        .filter_map(|s| s.as_f64())
                        .filter(|p| *p != now)
                        .collect();
                    points.sort_by(|a, b| (a - now).abs().total_cmp(&(b - now).abs()));
                    trials.extend(points.into_iter().map(|p| Trial {
                        question: index,
                        kind: kind(usize::from(p > now)),
                        value: Slot::Number(p),
                    }));
                }
                (QuestionKind::Text, Slot::Text { empty }) => trials.push(Trial {
                    question: index,
                    kind: kind(0),
                    value: Slot::Text { empty: !empty },
                }),
                _ => {
                    for (variant, &value) in self.trial_slots[index].iter().enumerate() {
                        if value != current {
                            trials.push(Trial {
                                question: index,
                                kind: kind(variant),
                                value,
                            });
                        }
                    }
                }
            }
        }
        trials
    }

    /// Whether `changes` make answers contradict each other that did not before: "if nobody
    /// owned the portal and 3 FTE were dedicated to it" is no advice. Only the rules on a
    /// changed answer can.
    fn contradicts(&self, base: &[Slot], scratch: &mut [Slot], changes: &[(usize, Slot)]) -> bool {
        for &(q, v) in changes {
            scratch[q] = v;
        }
        let new = changes.iter().any(|&(q, _)| {
            self.inconsistencies_on[q].iter().any(|&r| {
                let when = &self.weights.inconsistencies[r].when;
                when.holds(&*scratch) && !when.holds(base)
            })
        });
        for &(q, _) in changes {
            scratch[q] = base[q];
        }
        new
    }

    /// Whether an effect, exclusion or blocker reads question `index`: only those can move the
    /// recommendation.
    fn is_read(&self, index: usize) -> bool {
        !self.touching[index].is_empty()
            || self
                .weights
                .exclusions
                .iter()
                .map(|e| e.rule.condition())
                .chain(self.weights.blockers.iter().map(|b| &b.when))
                .any(|c| c.questions().contains(&index))
    }

    /// Moves each number in `changes` back toward its current value as far as the result is
    /// still `target`, then rounds it to the question's step, away from the current value.
    fn nearest(
        &self,
        probe: &mut Probe<'_, '_>,
        resolved: &Resolved,
        changes: &mut [(usize, Slot)],
        target: Recommendation,
    ) {
        for i in 0..changes.len() {
            let (question, Slot::Number(far)) = changes[i] else {
                continue;
            };
            let Slot::Number(now) = resolved.slots[question] else {
                continue;
            };
            // `far` gives the target, `now` does not: halve the gap, keeping `far` on the
            // target's side.
            let (mut near, mut far) = (now, far);
            for _ in 0..BISECTIONS {
                let middle = (near + far) / 2.0;
                changes[i].1 = Slot::Number(middle);
                if probe.recommendation(changes) == target {
                    far = middle;
                } else {
                    near = middle;
                }
            }
            // Rounding away from `now` moves further into the target's side; should that ever
            // cross into another result, the exact value is kept.
            changes[i].1 = Slot::Number(self.round_away(question, now, far));
            if probe.recommendation(changes) != target {
                changes[i].1 = Slot::Number(far);
            }
        }
    }

    /// `value` rounded to the question's step (whole numbers for whole-number questions),
    /// away from `now`, and kept within the question's bounds.
    fn round_away(&self, question: usize, now: f64, value: f64) -> f64 {
        let q = &self.questionnaire.questions[question];
        let step = match q.kind {
            QuestionKind::Integer { .. } => q.step.unwrap_or(1.0).max(1.0),
            _ => q.step.unwrap_or(0.01),
        };
        let units = value / step;
        let rounded = if value > now {
            units.ceil()
        } else {
            units.floor()
        } * step;
        let rounded = (rounded * 1e9).round() / 1e9;
        match q.kind {
            QuestionKind::Number {
                min,
                greater_than,
                max,
            } => {
                let low_ok =
                    min.is_none_or(|m| rounded >= m) && greater_than.is_none_or(|g| rounded > g);
                if low_ok && max.is_none_or(|m| rounded <= m) {
                    rounded
                } else {
                    value
                }
            }
            _ => rounded,
        }
    }

    fn describe(
        &self,
        resolved: &Resolved,
        changes: &[(usize, Slot)],
        target: Recommendation,
    ) -> Counterfactual {
        let questions = &self.questionnaire.questions;
        let values: Vec<(&Question, &Value, Value)> = changes
            .iter()
            .map(|&(q, slot)| {
                let question = &questions[q];
                (question, &resolved.values[q], value_of(question, slot))
            })
            .collect();
        let clauses: Vec<String> = values
            .iter()
            .map(|(question, from, to)| question.what_if(from, to))
            .collect();
        let outcome = match target {
            Recommendation::NotReady => "\"not yet\"".to_string(),
            other => other.name().to_string(),
        };
        Counterfactual {
            changes: values
                .iter()
                .map(|(question, from, to)| Change {
                    answer: question.id.clone(),
                    from: answer_json(question, from),
                    to: answer_json(question, to),
                })
                .collect(),
            recommendation: target,
            summary: format!(
                "If {}, the recommendation would be {outcome}.",
                clauses.join(" and ")
            ),
        }
    }
}

/// A slot back as the value an answers file would give.
fn value_of(question: &Question, slot: Slot) -> Value {
    match (slot, &question.kind) {
        (Slot::Number(n), QuestionKind::Integer { .. }) => Value::Integer(n.round() as i64),
        (Slot::Number(n), _) => Value::Number(n),
        (Slot::Choice(c), _) => Value::Choice(c),
        (Slot::Bool(b), _) => Value::Bool(b),
        (Slot::Text { empty: true }, _) => Value::Text(String::new()),
        (Slot::Text { empty: false }, _) => Value::Text(ANY_TEXT.to_string()),
        (Slot::Unknown | Slot::Absent, _) => Value::Unknown,
    }
}

/// One change to try: a question and the value it would take.
struct Trial {
    question: usize,
    /// Changes of one kind (a number moved one way, one choice) count as the same when judging
    /// whether a set of changes is minimal.
    kind: usize,
    value: Slot,
}
