//! What would change the recommendation: counterfactuals and robustness.
//!
//! - **Counterfactuals** are the smallest sets of answer changes that give another
//!   recommendation. Every single-answer change worth trying is scored (the values come from
//!   [`candidates`]: every other choice, the other yes/no, a text given or left empty, and for a
//!   number the nearest value in each band the weights tell apart); then every pair of changes
//!   to two different answers. A pair is kept only when neither of its answers could reach the
//!   same recommendation alone, so each listed set is minimal. Context-only answers, answers
//!   that are unknown (see `unknowns` instead), answers that do not apply, and answers no rule
//!   reads are never changed.
//! - **Robustness** is the share of [`DRAWS`] random perturbations of the weights (each point
//!   value and each dimension weight multiplied by a factor drawn uniformly from 0.75-1.25)
//!   under which the recommendation stays the same. The generator is a fixed-seed SplitMix64
//!   implemented here, so the share is identical on every platform and every run.
//!
//! Like the rest of the engine this is pure: no I/O, no clock, and no randomness beyond that
//! seeded generator. It costs a few thousand evaluations, so callers ask for it explicitly.

use std::collections::BTreeSet;

use super::{
    Assessment, Change, Counterfactual, Evaluation, Model, WhatIf, candidates, effect_outcomes,
    min_max, rank,
};
use crate::answer_json::answer_json;
use crate::answers::Answers;
use crate::domain::{Portal, Recommendation};
use crate::questionnaire::{Question, QuestionKind};
use crate::value::Value;
use crate::weights::{Effect, ExclusionRule, Weights};

/// Weight perturbations drawn for robustness.
pub const DRAWS: usize = 1000;

/// Seed of the perturbation generator. Changing it changes every robustness figure.
const SEED: u64 = 0x1dbf_17a5_5e55_0001;

/// How far each weight may move, as a factor: uniform in `1 - SPREAD .. 1 + SPREAD`.
const SPREAD: f64 = 0.25;

/// Stands for "some non-empty text" when a counterfactual needs a text answer given.
const ANY_TEXT: &str = "(any text)";

impl Model<'_> {
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

    fn counterfactuals(&self, values: &[Value], base: Recommendation) -> Vec<Counterfactual> {
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

    /// Shares of weight perturbations that keep the recommendation and the leaning.
    fn robustness(&self, values: &[Value], base: &Evaluation) -> (f64, f64) {
        let plan = Perturbation::new(self, values, base);
        let mut rng = SplitMix64(SEED);
        let mut points = Vec::new();
        let (mut kept, mut kept_leaning) = (0usize, 0usize);
        for _ in 0..DRAWS {
            let (recommendation, leaning) = plan.draw(&mut rng, &mut points);
            kept += usize::from(recommendation == base.recommendation);
            kept_leaning += usize::from(leaning == base.leaning);
        }
        (
            kept as f64 / DRAWS as f64,
            kept_leaning as f64 / DRAWS as f64,
        )
    }
}

/// What weight perturbations cannot change for one answers set (which case of each effect
/// applies, which options are excluded, whether a blocker fires), so that each draw only redoes
/// the arithmetic of [`Model::new`] and [`Model::evaluate`], in the same order and so to the
/// same bits, without their allocations.
struct Perturbation<'a> {
    weights: &'a Weights,
    effects: Vec<PlannedEffect<'a>>,
    eligible: [bool; 3],
    blocked: bool,
}

struct PlannedEffect<'a> {
    effect: &'a Effect,
    /// Whether "does not apply" (0 points) is one of the effect's outcomes.
    zero_outcome: bool,
    applies: Applies,
}

enum Applies {
    No,
    Case(usize),
    /// The answer is unknown: the average over its outcomes.
    Neutral,
}

impl<'a> Perturbation<'a> {
    fn new(model: &Model<'a>, values: &[Value], base: &Evaluation) -> Perturbation<'a> {
        let effects = model
            .weights
            .effects
            .iter()
            .map(|effect| {
                let when = effect.when.as_ref().is_none_or(|c| c.holds(values));
                let applies = match values.get(effect.question) {
                    Some(_) if !when => Applies::No,
                    None => Applies::No,
                    Some(value) if value.is_unknown() => Applies::Neutral,
                    Some(value) => effect
                        .cases
                        .iter()
                        .position(|case| {
                            effect
                                .case_for(value)
                                .is_some_and(|c| std::ptr::eq(c, case))
                        })
                        .map_or(Applies::No, Applies::Case),
                };
                PlannedEffect {
                    effect,
                    zero_outcome: effect_outcomes(model.questionnaire, effect).len()
                        > effect.cases.len(),
                    applies,
                }
            })
            .collect();
        Perturbation {
            weights: model.weights,
            effects,
            eligible: Portal::ALL.map(|p| base.eligible(p)),
            blocked: !base.blockers.is_empty(),
        }
    }

    /// One draw: every point value and dimension weight times a random factor, in the order
    /// effects, cases, options, then dimensions. `points` is scratch space.
    fn draw(&self, rng: &mut SplitMix64, points: &mut Vec<[f64; 3]>) -> (Recommendation, Portal) {
        points.clear();
        for planned in &self.effects {
            for case in &planned.effect.cases {
                points.push(case.points.map(|p| p * rng.factor()));
            }
        }
        let dimensions = self
            .weights
            .dimensions
            .each_ref()
            .map(|d| d.weight * rng.factor());
        let mut range = [(0.0, 0.0); 3];
        let mut totals = [0.0; 3];
        let mut offset = 0;
        for planned in &self.effects {
            let cases = &points[offset..offset + planned.effect.cases.len()];
            offset += cases.len();
            let multiplier = planned
                .effect
                .dimension
                .map_or(1.0, |d| dimensions[d.index()]);
            let zero = planned.zero_outcome.then_some([0.0; 3]);
            let outcomes = || cases.iter().copied().chain(zero);
            for (i, (low, high)) in range.iter_mut().enumerate() {
                let (l, h) = min_max(outcomes().map(|p| p[i] * multiplier));
                *low += l;
                *high += h;
            }
            let applied = match planned.applies {
                Applies::No => None,
                Applies::Case(c) => Some(cases[c].map(|p| p * multiplier)),
                Applies::Neutral => {
                    let count = outcomes().count().max(1) as f64;
                    let mut mean = [0.0; 3];
                    for points in outcomes() {
                        for (m, p) in mean.iter_mut().zip(points) {
                            *m += p * multiplier / count;
                        }
                    }
                    Some(mean)
                }
            };
            if let Some(applied) = applied {
                for (total, p) in totals.iter_mut().zip(applied) {
                    *total += p;
                }
            }
        }
        let scores = Portal::ALL.map(|p| {
            let (low, high) = range[p.index()];
            if high - low > f64::EPSILON {
                (100.0 * (totals[p.index()] - low) / (high - low)).clamp(0.0, 100.0)
            } else {
                50.0
            }
        });
        let ranked = rank(&scores);
        let best = ranked.iter().copied().find(|p| self.eligible[p.index()]);
        let leaning = best.unwrap_or(ranked[0]);
        let recommendation = match best {
            Some(portal) if !self.blocked => portal.into(),
            _ => Recommendation::NotReady,
        };
        (recommendation, leaning)
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

/// SplitMix64 (Steele, Lea and Flood, 2014): tiny, fast, and fully specified, so the same
/// seed yields the same stream everywhere.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)` from the top 53 bits.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A perturbation factor, uniform in `1 - SPREAD .. 1 + SPREAD`.
    fn factor(&mut self) -> f64 {
        1.0 - SPREAD + 2.0 * SPREAD * self.unit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    use crate::defaults;
    use crate::questionnaire::{Questionnaire, Scalar};
    use crate::testing::{
        BACKSTAGE_EXAMPLE, HYBRID_EXAMPLE, NOT_READY_EXAMPLE, PORT_EXAMPLE, answers, with,
    };
    use crate::weights::Weights;

    static QUESTIONNAIRE: LazyLock<Questionnaire> = LazyLock::new(defaults::questionnaire);
    static WEIGHTS: LazyLock<Weights> = LazyLock::new(defaults::weights);

    fn what_if(answers: &Answers) -> (Recommendation, WhatIf) {
        let model = Model::new(&QUESTIONNAIRE, &WEIGHTS);
        (model.assess(answers).recommendation, model.what_if(answers))
    }

    fn recommendation(answers: &Answers) -> Recommendation {
        Model::new(&QUESTIONNAIRE, &WEIGHTS)
            .assess(answers)
            .recommendation
    }

    /// The hybrid example without its documented gap and with a long runway: Backstage wins,
    /// narrowly.
    fn balanced() -> Answers {
        let hybrid = answers(HYBRID_EXAMPLE);
        let balanced = with(&hybrid, "integrations.port_gap_documented", "false");
        let balanced = with(&balanced, "capacity.dedicated_fte", "3");
        let balanced = with(&balanced, "timeline.first_value_months", "9");
        with(&balanced, "timeline.horizon", "\"multi_year\"")
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
    fn robustness_is_fixed_and_falls_near_a_tie() {
        let (_, clear) = what_if(&answers(PORT_EXAMPLE));
        assert_eq!(clear.robustness, 1.0);
        let (_, close) = what_if(&balanced());
        assert!(
            close.robustness > 0.3 && close.robustness < 0.95,
            "{}",
            close.robustness
        );
        let (_, again) = what_if(&balanced());
        assert_eq!(close, again);
    }

    /// The plain way to perturb: change a copy of the weights and score with a new model.
    fn reference_draw(
        rng: &mut SplitMix64,
        perturbed: &mut Weights,
        values: &[Value],
    ) -> (Recommendation, Portal) {
        for (effect, original) in perturbed.effects.iter_mut().zip(&WEIGHTS.effects) {
            for (case, original) in effect.cases.iter_mut().zip(&original.cases) {
                for (points, original) in case.points.iter_mut().zip(original.points) {
                    *points = original * rng.factor();
                }
            }
        }
        for (dimension, original) in perturbed.dimensions.iter_mut().zip(&WEIGHTS.dimensions) {
            dimension.weight = original.weight * rng.factor();
        }
        let evaluation = Model::new(&QUESTIONNAIRE, perturbed).evaluate(values);
        (evaluation.recommendation, evaluation.leaning)
    }

    #[test]
    fn each_draw_scores_exactly_like_a_model_built_from_perturbed_weights() {
        let model = Model::new(&QUESTIONNAIRE, &WEIGHTS);
        let cases = [
            answers(PORT_EXAMPLE),
            answers(HYBRID_EXAMPLE),
            answers(NOT_READY_EXAMPLE),
            balanced(),
            with(&balanced(), "capacity.ownership", "\"unknown\""),
            with(&answers(BACKSTAGE_EXAMPLE), "current.portal", "\"port\""),
        ];
        let mut changed = 0;
        for case in cases {
            let values = model.resolve(&case).values;
            let base = model.evaluate(&values);
            let plan = Perturbation::new(&model, &values, &base);
            let (mut fast, mut reference) = (SplitMix64(7), SplitMix64(7));
            let mut perturbed = WEIGHTS.clone();
            let mut points = Vec::new();
            for _ in 0..300 {
                let drawn = plan.draw(&mut fast, &mut points);
                assert_eq!(
                    drawn,
                    reference_draw(&mut reference, &mut perturbed, &values)
                );
                changed += usize::from(drawn.1 != base.leaning);
            }
        }
        // The comparison covers draws that change the outcome, not only ones that keep it.
        assert!(changed > 10, "{changed}");
    }

    #[test]
    fn blockers_hold_not_ready_whatever_the_weights() {
        let (base, analysis) = what_if(&answers(NOT_READY_EXAMPLE));
        assert_eq!(base, Recommendation::NotReady);
        assert_eq!(analysis.robustness, 1.0);
        assert!(analysis.leaning_robustness > 0.9);
        // Five blockers fire: no one or two changes clear them all.
        assert!(analysis.counterfactuals.is_empty());
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

    #[test]
    fn the_generator_is_fixed() {
        let mut rng = SplitMix64(0);
        // Reference outputs of SplitMix64 seeded with 0.
        assert_eq!(rng.next(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(rng.next(), 0x6e78_9e6a_a1b9_65f4);
        let mut rng = SplitMix64(SEED);
        for _ in 0..1000 {
            let f = rng.factor();
            assert!((0.75..1.25).contains(&f));
        }
    }
}
