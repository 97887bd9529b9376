//! Counterfactuals: the smallest sets of answer changes that give another recommendation.
//!
//! Every single-answer change worth trying is scored (the values come from [`candidates`]:
//! every other choice, the other yes/no, a text given or left empty, and for a number the
//! nearest value in each band the weights tell apart); then every pair of changes to two
//! different answers. A pair is kept only when neither of its answers could reach the same
//! recommendation alone, so each listed set is minimal. Context-only answers, answers that are
//! unknown (see [`super::unknowns`] instead), answers that do not apply, and answers no rule
//! reads are never changed.
//!
//! Like the rest of the engine this is pure. It costs a few thousand evaluations, so callers
//! ask for it explicitly ([`Model::what_if`]).

use std::collections::BTreeSet;

use super::answer_json::answer_json;
use super::{Change, Counterfactual, Model, candidates};
use crate::model::weights::ExclusionRule;
use crate::model::{Question, QuestionKind, Recommendation, Value};

/// Stands for "some non-empty text" when a counterfactual needs a text answer given.
const ANY_TEXT: &str = "(any text)";

impl Model<'_> {
    /// The counterfactuals of one set of resolved values whose recommendation is `base`.
    pub(super) fn counterfactuals(
        &self,
        values: &[Value],
        base: Recommendation,
    ) -> Vec<Counterfactual> {
        let trials = self.trials(values);
        let mut found: Vec<Found> = Vec::new();
        let mut seen = BTreeSet::new();
        let mut scenario = values.to_vec();
        for (t, trial) in trials.iter().enumerate() {
            scenario[trial.question] = trial.value.clone();
            let outcome = self.evaluate(&scenario).recommendation;
            scenario[trial.question] = values[trial.question].clone();
            if outcome != base && seen.insert((trial.group.clone(), outcome)) {
                found.push(Found {
                    trials: vec![t],
                    recommendation: outcome,
                });
            }
        }
        // Which answers can reach a recommendation on their own: a pair including one of them
        // for that recommendation would not be minimal.
        let alone: BTreeSet<(usize, Recommendation)> = found
            .iter()
            .map(|f| (trials[f.trials[0]].question, f.recommendation))
            .collect();
        let mut pairs = Vec::new();
        for (a, first) in trials.iter().enumerate() {
            scenario[first.question] = first.value.clone();
            for (b, second) in trials.iter().enumerate().skip(a + 1) {
                if second.question == first.question
                    || !self.questionnaire.questions[second.question].applies(&scenario)
                {
                    continue;
                }
                scenario[second.question] = second.value.clone();
                let outcome = self.evaluate(&scenario).recommendation;
                scenario[second.question] = values[second.question].clone();
                let minimal = !alone.contains(&(first.question, outcome))
                    && !alone.contains(&(second.question, outcome));
                let group = (first.group.clone(), second.group.clone());
                if outcome != base && minimal && seen.insert((group_pair(group), outcome)) {
                    pairs.push(Found {
                        trials: vec![a, b],
                        recommendation: outcome,
                    });
                }
            }
            scenario[first.question] = values[first.question].clone();
        }
        found.extend(pairs);
        found
            .into_iter()
            .map(|f| self.describe(&f, &trials, values))
            .collect()
    }

    /// Every single change worth trying, in questionnaire order; for a number, nearest first.
    fn trials(&self, values: &[Value]) -> Vec<Trial> {
        let read = self.questions_read();
        let mut trials = Vec::new();
        for (index, question) in self.questionnaire.questions.iter().enumerate() {
            let current = &values[index];
            if question.context_only
                || current.is_unknown()
                || !read.contains(&index)
                || !question.applies(values)
            {
                continue;
            }
            match &question.kind {
                QuestionKind::Number { .. } | QuestionKind::Integer { .. } => {
                    let Some(now) = current.as_f64() else {
                        continue;
                    };
                    let cuts: Vec<f64> = candidates(self.questionnaire, self.weights, index)
                        .iter()
                        .filter_map(Value::as_f64)
                        .collect();
                    let integer = matches!(question.kind, QuestionKind::Integer { .. });
                    let mut nearest = nearest_per_band(&cuts, now, integer);
                    nearest.sort_by(|a, b| (a - now).abs().total_cmp(&(b - now).abs()));
                    for n in nearest {
                        let value = if integer {
                            Value::Integer(n as i64)
                        } else {
                            Value::Number(n)
                        };
                        let direction = if n > now { "up" } else { "down" };
                        trials.push(Trial {
                            question: index,
                            group: format!("{index}:{direction}"),
                            value,
                        });
                    }
                }
                QuestionKind::Text => {
                    let empty = matches!(current, Value::Text(t) if t.trim().is_empty());
                    let value = Value::Text(if empty {
                        ANY_TEXT.to_string()
                    } else {
                        String::new()
                    });
                    trials.push(Trial {
                        question: index,
                        group: format!("{index}:text"),
                        value,
                    });
                }
                QuestionKind::Choice(_) | QuestionKind::Bool => {
                    for value in candidates(self.questionnaire, self.weights, index) {
                        if &value != current {
                            trials.push(Trial {
                                question: index,
                                group: format!("{index}:{value:?}"),
                                value,
                            });
                        }
                    }
                }
            }
        }
        trials
    }

    /// Questions some effect, exclusion or blocker reads: only these can move the
    /// recommendation.
    fn questions_read(&self) -> BTreeSet<usize> {
        let mut read = BTreeSet::new();
        for effect in &self.weights.effects {
            read.insert(effect.question);
            if let Some(when) = &effect.when {
                read.extend(when.questions());
            }
        }
        for exclusion in &self.weights.exclusions {
            match &exclusion.rule {
                ExclusionRule::When(c) | ExclusionRule::Unless(c) => read.extend(c.questions()),
            }
        }
        for blocker in &self.weights.blockers {
            read.extend(blocker.when.questions());
        }
        read
    }

    fn describe(&self, found: &Found, trials: &[Trial], values: &[Value]) -> Counterfactual {
        let questions = &self.questionnaire.questions;
        let changes: Vec<(&Question, &Value, &Value)> = found
            .trials
            .iter()
            .map(|&t| {
                let trial = &trials[t];
                (
                    &questions[trial.question],
                    &values[trial.question],
                    &trial.value,
                )
            })
            .collect();
        let clauses: Vec<String> = changes
            .iter()
            .map(|(question, from, to)| question.what_if(from, to))
            .collect();
        let outcome = match found.recommendation {
            Recommendation::NotReady => "\"not yet\"".to_string(),
            other => other.name().to_string(),
        };
        Counterfactual {
            changes: changes
                .iter()
                .map(|(question, from, to)| Change {
                    answer: question.id.clone(),
                    from: answer_json(question, from),
                    to: answer_json(question, to),
                })
                .collect(),
            recommendation: found.recommendation,
            summary: format!(
                "If {}, the recommendation would be {outcome}.",
                clauses.join(" and ")
            ),
        }
    }
}

/// One change to try: a question and the value it would take.
struct Trial {
    question: usize,
    /// Changes that count as "the same" when keeping only the nearest: a number moved in the
    /// same direction, or the same choice.
    group: String,
    value: Value,
}

struct Found {
    trials: Vec<usize>,
    recommendation: Recommendation,
}

fn group_pair((a, b): (String, String)) -> String {
    format!("{a}+{b}")
}

/// For each band between consecutive cuts other than the current one, the value in it nearest
/// to `now`: a band above starts at its cut; in a band below, the nearest is just under its
/// upper cut (one less for whole numbers and for wide bands, half a unit less for bands
/// narrower than two), never below the band's start.
fn nearest_per_band(cuts: &[f64], now: f64, integer: bool) -> Vec<f64> {
    let mut out = Vec::new();
    for (i, &start) in cuts.iter().enumerate() {
        let end = cuts.get(i + 1).copied();
        let contains_now = now >= start && end.is_none_or(|e| now < e);
        let below_first = i == 0 && now < start;
        if contains_now || below_first {
            continue;
        }
        if start > now {
            out.push(start);
        } else if let Some(end) = end {
            let step = if integer || end - start >= 2.0 {
                1.0
            } else {
                0.5
            };
            out.push((end - step).max(start));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::engine::WhatIf;
    use crate::load::Scalar;
    use crate::model::Answers;
    use crate::testing::{
        BACKSTAGE_EXAMPLE, HYBRID_EXAMPLE, PORT_EXAMPLE, QUESTIONNAIRE, WEIGHTS, answers, balanced,
        with,
    };

    fn what_if(answers: &Answers) -> (Recommendation, WhatIf) {
        let model = Model::new(&QUESTIONNAIRE, &WEIGHTS);
        (model.assess(answers).recommendation, model.what_if(answers))
    }

    fn recommendation(answers: &Answers) -> Recommendation {
        Model::new(&QUESTIONNAIRE, &WEIGHTS)
            .assess(answers)
            .recommendation
    }

    /// `answers` with a counterfactual's changes applied, read back from their JSON form.
    fn apply(answers: &Answers, changes: &[Change]) -> Answers {
        let mut out = answers.clone();
        for change in changes {
            let scalar = match &change.to {
                serde_json::Value::String(s) => Scalar::Str(s),
                serde_json::Value::Bool(b) => Scalar::Bool(*b),
                serde_json::Value::Number(n) => match n.as_i64() {
                    Some(i) => Scalar::Int(i),
                    None => Scalar::Float(n.as_f64().unwrap_or(f64::NAN)),
                },
                _ => Scalar::Other("value"),
            };
            let index = QUESTIONNAIRE.index_of(&change.answer);
            let Some(index) = index else {
                panic!("no question {}", change.answer);
            };
            match QUESTIONNAIRE.questions[index].check(scalar) {
                Ok(value) => out.values[index] = Some(value),
                Err(problem) => panic!("{}: {problem:?}", change.answer),
            }
        }
        out
    }

    #[test]
    fn a_case_one_answer_from_flipping_reports_that_answer() {
        let balanced = balanced();
        let (base, analysis) = what_if(&balanced);
        assert_eq!(base, Recommendation::Backstage);
        let timeline: Vec<&Counterfactual> = analysis
            .counterfactuals
            .iter()
            .filter(|c| {
                c.changes.len() == 1 && c.changes[0].answer == "timeline.first_value_months"
            })
            .collect();
        assert_eq!(timeline.len(), 1, "{timeline:?}");
        let change = &timeline[0].changes[0];
        assert_eq!(change.from, serde_json::json!(9));
        assert_eq!(change.to, serde_json::json!(6));
        assert_eq!(timeline[0].recommendation, Recommendation::Port);
        assert_eq!(
            timeline[0].summary,
            "If leadership needed first value within 6 months instead of 9, the recommendation \
             would be Port."
        );
        // 6 is the nearest value that flips it: 7 does not.
        let seven = with(&balanced, "timeline.first_value_months", "7");
        assert_eq!(recommendation(&seven), Recommendation::Backstage);

        let (_, port) = what_if(&answers(PORT_EXAMPLE));
        let self_host = port
            .counterfactuals
            .iter()
            .find(|c| c.changes.len() == 1 && c.changes[0].answer == "hosting.requirement");
        let Some(self_host) = self_host else {
            panic!("no hosting counterfactual: {:?}", port.counterfactuals);
        };
        assert_eq!(
            self_host.changes[0].from,
            serde_json::json!("no_constraint")
        );
        assert_eq!(self_host.changes[0].to, serde_json::json!("must_self_host"));
        assert_eq!(self_host.recommendation, Recommendation::Backstage);
        assert!(
            self_host
                .summary
                .contains("all tooling had to run in your own infrastructure")
        );
    }

    #[test]
    fn every_counterfactual_does_what_it_says_and_is_minimal() {
        let cases = [
            answers(PORT_EXAMPLE),
            answers(BACKSTAGE_EXAMPLE),
            answers(HYBRID_EXAMPLE),
            balanced(),
        ];
        for case in cases {
            let (base, analysis) = what_if(&case);
            assert!(!analysis.counterfactuals.is_empty());
            let mut previous_size = 1;
            for counterfactual in &analysis.counterfactuals {
                let size = counterfactual.changes.len();
                assert!(size >= previous_size, "singles come before pairs");
                previous_size = size;
                assert_ne!(counterfactual.recommendation, base);
                let changed = apply(&case, &counterfactual.changes);
                assert_eq!(
                    recommendation(&changed),
                    counterfactual.recommendation,
                    "{}",
                    counterfactual.summary
                );
                if size == 2 {
                    for change in &counterfactual.changes {
                        let alone = apply(&case, std::slice::from_ref(change));
                        assert_ne!(
                            recommendation(&alone),
                            counterfactual.recommendation,
                            "not minimal: {}",
                            counterfactual.summary
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn unknown_and_context_answers_are_never_changed() {
        let port = answers(PORT_EXAMPLE);
        let unknown = with(&port, "hosting.requirement", "\"unknown\"");
        let (_, analysis) = what_if(&unknown);
        for counterfactual in &analysis.counterfactuals {
            for change in &counterfactual.changes {
                assert_ne!(change.answer, "hosting.requirement");
                assert!(!change.answer.starts_with("organization."));
                assert!(!change.answer.starts_with("cost."));
            }
        }
    }

    #[test]
    fn nearest_values_sit_next_to_the_current_band() {
        let cuts = [0.5, 4.0, 7.0, 12.0];
        assert_eq!(nearest_per_band(&cuts, 3.0, false), vec![4.0, 7.0, 12.0]);
        assert_eq!(nearest_per_band(&cuts, 12.0, false), vec![3.0, 6.0, 11.0]);
        assert_eq!(nearest_per_band(&cuts, 9.0, false), vec![3.0, 6.0, 12.0]);
        let fte = [0.0, 0.5, 1.0, 2.0, 3.0];
        assert_eq!(nearest_per_band(&fte, 3.0, false), vec![0.0, 0.5, 1.5, 2.5]);
        let plugins = [0.0, 1.0, 5.0, 15.0];
        assert_eq!(nearest_per_band(&plugins, 20.0, true), vec![0.0, 4.0, 14.0]);
    }
}
