//! Property tests of the scoring engine over generated valid answers.
//!
//! Answers are generated from the questionnaire itself: every question's domain (each choice,
//! both booleans, numbers and whole numbers across their allowed range with extra weight on the
//! band edges the weights use, empty and non-empty text), "unknown" where the question accepts
//! it, and nothing where the question is optional. Each generated set is first checked to be a
//! valid answers file (it is written out and read back), so a property never rests on input
//! the tool would refuse.

use proptest::prelude::*;
use proptest::sample::select;

use crate::library::{
    Answers, Assessment, Condition, LoadOptions, Model, Portal, Question, QuestionKind,
    Questionnaire, Recommendation, Value, Weights, builtin, engine,
};

/// The largest value generated for a number or whole number without an upper bound.
const OPEN_RANGE: f64 = 1000.0;

fn value_of(question: &Question, candidates: Vec<Value>) -> BoxedStrategy<Value> {
    let domain: BoxedStrategy<Value> = match &question.kind {
        QuestionKind::Choice(choices) => (0..choices.len()).prop_map(Value::Choice).boxed(),
        QuestionKind::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
        QuestionKind::Number {
            min,
            greater_than,
            max,
        } => {
            let low = match (min, greater_than) {
                (_, Some(g)) => g + 1e-6,
                (Some(m), None) => *m,
                (None, None) => -OPEN_RANGE,
            };
            let high = max.unwrap_or(low + OPEN_RANGE);
            (low..=high).prop_map(Value::Number).boxed()
        }
        QuestionKind::Integer { min, max } => {
            let low = min.unwrap_or(0);
            let high = max.unwrap_or(low + OPEN_RANGE as i64);
            (low..=high).prop_map(Value::Integer).boxed()
        }
        QuestionKind::Text if question.format.is_some() => {
            prop_oneof![Just(String::new()), "[A-Z]{3}"]
                .prop_map(Value::Text)
                .boxed()
        }
        QuestionKind::Text => prop_oneof![
            Just(String::new()),
            Just("   ".to_string()),
            "[A-Za-z][A-Za-z0-9 ,.'-]{0,30}",
        ]
        .prop_map(Value::Text)
        .boxed(),
    };
    // The band edges and thresholds the weights test: where a small change matters most. A
    // text with a format takes only values of that form.
    if candidates.is_empty() || question.format.is_some() {
        domain
    } else {
        prop_oneof![3 => domain, 1 => select(candidates)].boxed()
    }
}

/// One answer slot: a value, "unknown" where allowed, nothing where optional.
fn slot_of(question: &Question, candidates: Vec<Value>) -> BoxedStrategy<Option<Value>> {
    let value = value_of(question, candidates).prop_map(Some);
    match (question.unknown_allowed, question.required) {
        (true, true) => prop_oneof![9 => value, 1 => Just(Some(Value::Unknown))].boxed(),
        (true, false) => {
            prop_oneof![7 => value, 1 => Just(Some(Value::Unknown)), 2 => Just(None)].boxed()
        }
        (false, true) => value.boxed(),
        (false, false) => prop_oneof![7 => value, 3 => Just(None)].boxed(),
    }
}

struct Fixture {
    questionnaire: Questionnaire,
    weights: Weights,
}

fn fixture() -> Fixture {
    Fixture {
        questionnaire: builtin::questionnaire(),
        weights: builtin::weights(),
    }
}

/// Valid answers to the built-in questionnaire.
fn answers() -> impl Strategy<Value = Answers> {
    let Fixture {
        questionnaire,
        weights,
    } = fixture();
    let slots: Vec<BoxedStrategy<Option<Value>>> = questionnaire
        .questions
        .iter()
        .enumerate()
        .map(|(index, question)| {
            slot_of(
                question,
                engine::candidates(&questionnaire, &weights, index),
            )
        })
        .collect();
    slots.prop_map(move |mut values| {
        // An all-or-nothing section (the cost pair) is either complete or absent.
        for section in questionnaire.sections.iter().filter(|s| s.all_or_nothing) {
            let core = questionnaire.all_or_nothing_core(section);
            if core.iter().any(|&i| values[i].is_none()) {
                let members = questionnaire
                    .questions
                    .iter()
                    .enumerate()
                    .filter(|(_, q)| q.section == section.id);
                members.for_each(|(i, _)| values[i] = None);
            }
        }
        Answers {
            questionnaire: questionnaire.id.clone(),
            values,
        }
    })
}

fn index(questionnaire: &Questionnaire, id: &str) -> usize {
    questionnaire
        .index_of(id)
        .unwrap_or_else(|| panic!("the built-in questionnaire has no {id}"))
}

fn choice(questionnaire: &Questionnaire, id: &str, value: &str) -> Value {
    let question = &questionnaire.questions[index(questionnaire, id)];
    let position = question
        .kind
        .choices()
        .iter()
        .position(|c| c.value == value)
        .unwrap_or_else(|| panic!("{id} has no choice {value}"));
    Value::Choice(position)
}

/// The generated answers are what a user could have written: they survive a write and a read.
fn assert_valid(fixture: &Fixture, answers: &Answers) {
    let text = idpfit::render::answers::to_toml(&fixture.questionnaire, answers);
    let read = Answers::from_toml(
        "generated.toml",
        &text,
        &fixture.questionnaire,
        LoadOptions::default(),
    );
    match read {
        Ok(read) => assert_eq!(
            &read, answers,
            "generated answers changed on reading:\n{text}"
        ),
        Err(d) => panic!("generated answers are invalid:\n{text}\n{}", d.render()),
    }
}

fn assess(fixture: &Fixture, answers: &Answers) -> Assessment {
    Model::new(&fixture.questionnaire, &fixture.weights).assess(answers)
}

/// Answer changes that make `condition` hold (the first branch of an `any`).
fn trigger(questionnaire: &Questionnaire, condition: &Condition) -> Vec<(usize, Value)> {
    match condition {
        Condition::Choice { question, choices } => choices
            .first()
            .map(|c| (*question, Value::Choice(*c)))
            .into_iter()
            .collect(),
        Condition::Flag { question, value } => vec![(*question, Value::Bool(*value))],
        Condition::Empty { question, empty } => {
            let text = if *empty { "" } else { "given" };
            vec![(*question, Value::Text(text.to_string()))]
        }
        Condition::Range {
            question,
            at_least,
            below,
        } => {
            let n = at_least.or(below.map(|b| b - 1.0)).unwrap_or(0.0);
            let value = match questionnaire.questions[*question].kind {
                QuestionKind::Integer { .. } => Value::Integer(n.ceil() as i64),
                _ => Value::Number(n),
            };
            vec![(*question, value)]
        }
        Condition::Any(list) => list
            .first()
            .map(|c| trigger(questionnaire, c))
            .unwrap_or_default(),
        Condition::All(list) => list
            .iter()
            .flat_map(|c| trigger(questionnaire, c))
            .collect(),
        Condition::AtLeast { count, of } => of
            .iter()
            .take(*count)
            .flat_map(|c| trigger(questionnaire, c))
            .collect(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn scores_stay_between_0_and_100(answers in answers()) {
        let fixture = fixture();
        assert_valid(&fixture, &answers);
        let assessment = assess(&fixture, &answers);
        for portal in Portal::ALL {
            let score = assessment.scores.get(portal);
            prop_assert!((0.0..=100.0).contains(&score), "{portal} scored {score}");
        }
        for dimension in &assessment.dimensions {
            prop_assert!((-100..=100).contains(&dimension.lean), "{:?} leans {}", dimension.id, dimension.lean);
        }
    }

    #[test]
    fn the_same_answers_always_give_the_same_assessment(answers in answers()) {
        let fixture = fixture();
        let first = serde_json::to_string(&assess(&fixture, &answers)).unwrap();
        // A fresh model and weights loaded again: nothing may carry over between runs.
        let second = serde_json::to_string(&assess(&self::fixture(), &answers.clone())).unwrap();
        prop_assert!(!first.is_empty());
        prop_assert_eq!(first, second);
    }

    #[test]
    fn headcount_never_changes_the_result(
        answers in answers(),
        engineers in prop_oneof![Just(None), (1i64..=10_000_000).prop_map(Some)],
    ) {
        let fixture = fixture();
        let slot = index(&fixture.questionnaire, "organization.engineers");
        let mut other = answers.clone();
        other.values[slot] = engineers.map(Value::Integer);
        assert_valid(&fixture, &other);
        let before = assess(&fixture, &answers);
        let after = assess(&fixture, &other);
        prop_assert_eq!(before.recommendation, after.recommendation);
        prop_assert_eq!(before.leaning, after.leaning);
        prop_assert_eq!(before.confidence, after.confidence);
        prop_assert_eq!(before.scores, after.scores);
    }

    #[test]
    fn must_self_host_never_yields_port_or_hybrid(answers in answers()) {
        let fixture = fixture();
        let mut answers = answers;
        let slot = index(&fixture.questionnaire, "hosting.requirement");
        answers.values[slot] = Some(choice(&fixture.questionnaire, "hosting.requirement", "must_self_host"));
        let assessment = assess(&fixture, &answers);
        prop_assert!(
            !matches!(assessment.recommendation, Recommendation::Port | Recommendation::Hybrid),
            "recommended {:?} although self-hosting is required", assessment.recommendation
        );
        prop_assert_eq!(assessment.leaning, Portal::Backstage);
    }

    #[test]
    fn more_dedicated_engineers_never_lower_backstages_score(
        answers in answers(),
        fte in (0.0f64..=500.0, 0.0f64..=500.0),
    ) {
        let fixture = fixture();
        let model = Model::new(&fixture.questionnaire, &fixture.weights);
        let slot = index(&fixture.questionnaire, "capacity.dedicated_fte");
        let (low, high) = if fte.0 <= fte.1 { fte } else { (fte.1, fte.0) };
        let score = |fte: f64| {
            let mut answers = answers.clone();
            answers.values[slot] = Some(Value::Number(fte));
            let resolved = model.resolve(&answers);
            model.evaluate(&resolved.slots).scores[Portal::Backstage.index()]
        };
        let (before, after) = (score(low), score(high));
        prop_assert!(after >= before - 1e-9, "{low} FTE scored {before}, {high} FTE scored {after}");
    }

    #[test]
    fn any_readiness_blocker_yields_not_ready(answers in answers(), pick in any::<prop::sample::Index>()) {
        let fixture = fixture();
        prop_assume!(!fixture.weights.blockers.is_empty());
        let rule = &fixture.weights.blockers[pick.index(fixture.weights.blockers.len())];
        let mut answers = answers;
        for (slot, value) in trigger(&fixture.questionnaire, &rule.when) {
            answers.values[slot] = Some(value);
        }
        assert_valid(&fixture, &answers);
        let assessment = assess(&fixture, &answers);
        prop_assert_eq!(assessment.recommendation, Recommendation::NotReady);
        prop_assert!(
            assessment.blockers.iter().any(|b| b.id == rule.id),
            "blocker {} did not fire", rule.id
        );
    }

    #[test]
    fn scaling_every_weight_by_one_factor_keeps_the_recommendation(
        answers in answers(),
        factor in prop_oneof![0.001f64..1.0, 1.0f64..1000.0],
    ) {
        let fixture = fixture();
        let scaled = fixture.weights.scaled(factor);
        let before = assess(&fixture, &answers);
        let after = Model::new(&fixture.questionnaire, &scaled).assess(&answers);
        prop_assert_eq!(before.recommendation, after.recommendation);
        prop_assert_eq!(before.leaning, after.leaning);
        for portal in Portal::ALL {
            let (b, a) = (before.scores.get(portal), after.scores.get(portal));
            // Scores are rounded to tenths: at most one tenth apart, counted in whole tenths
            // (31.3 - 31.2 is a hair over 0.1 in floating point).
            let tenths = ((b * 10.0).round() - (a * 10.0).round()).abs();
            prop_assert!(tenths <= 1.0, "{portal}: {b} became {a} at factor {factor}");
        }
    }
}

#[test]
fn every_blocker_has_a_trigger_the_properties_can_use() {
    let fixture = fixture();
    assert!(!fixture.weights.blockers.is_empty());
    for rule in &fixture.weights.blockers {
        let changes = trigger(&fixture.questionnaire, &rule.when);
        assert!(!changes.is_empty(), "blocker {} has no trigger", rule.id);
        let mut values = vec![Value::Unknown; fixture.questionnaire.questions.len()];
        for (slot, value) in changes {
            values[slot] = value;
        }
        assert!(
            rule.when.holds(&values),
            "trigger for {} does not fire it",
            rule.id
        );
    }
}

/// The Backstage-minus-Port margin over a sweep of one numeric answer, everything else as
/// `answers` gives it.
fn margins(fixture: &Fixture, answers: &Answers, id: &str, values: &[f64]) -> Vec<f64> {
    let model = Model::new(&fixture.questionnaire, &fixture.weights);
    let slot = index(&fixture.questionnaire, id);
    let integer = matches!(
        fixture.questionnaire.questions[slot].kind,
        QuestionKind::Integer { .. }
    );
    values
        .iter()
        .map(|&x| {
            let mut answers = answers.clone();
            answers.values[slot] = Some(if integer {
                Value::Integer(x as i64)
            } else {
                Value::Number(x)
            });
            let scores = model.evaluate(&model.resolve(&answers).slots).scores;
            scores[Portal::Backstage.index()] - scores[Portal::Port.index()]
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// No cliffs: a step of 0.1 FTE, one month or one integration never moves the
    /// Backstage-Port margin by more than a quarter of its range over the whole sweep.
    #[test]
    fn a_small_step_of_a_number_never_moves_the_margin_by_a_large_step(answers in answers()) {
        let fixture = fixture();
        let sweeps: [(&str, f64, f64); 3] = [
            ("capacity.dedicated_fte", 0.1, 60.0),
            ("timeline.first_value_months", 1.0, 36.0),
            ("integrations.uncovered_integrations", 1.0, 30.0),
        ];
        for (id, step, steps) in sweeps {
            let start = if id == "timeline.first_value_months" { 0.5 } else { 0.0 };
            let values: Vec<f64> = (0..=steps as usize).map(|i| start + step * i as f64).collect();
            let margins = margins(&fixture, &answers, id, &values);
            let range = margins.iter().copied().fold(f64::MIN, f64::max)
                - margins.iter().copied().fold(f64::MAX, f64::min);
            for (pair, value) in margins.windows(2).zip(&values) {
                let moved = (pair[1] - pair[0]).abs();
                prop_assert!(
                    moved <= range / 4.0 + 1e-9,
                    "{} from {}: a step moved the margin {} of its range {}", id, value, moved, range
                );
            }
        }
    }

    /// Every counterfactual does what it says: applied to the answers, its changes give its
    /// recommendation; it changes levers only; and a pair is needed whole.
    #[test]
    fn counterfactuals_do_what_they_say_and_change_levers_only(answers in answers()) {
        let fixture = fixture();
        let model = Model::new(&fixture.questionnaire, &fixture.weights);
        let assessment = model.assess_with_what_if(&answers);
        for counterfactual in assessment.counterfactuals.iter().flatten() {
            prop_assert_ne!(counterfactual.recommendation, assessment.recommendation);
            let mut changed = answers.clone();
            for change in &counterfactual.changes {
                let slot = index(&fixture.questionnaire, &change.answer);
                let question = &fixture.questionnaire.questions[slot];
                prop_assert!(question.lever, "{} is not a lever", change.answer);
                changed.values[slot] = Some(value_from_json(question, &change.to));
            }
            prop_assert_eq!(
                model.assess(&changed).recommendation,
                counterfactual.recommendation,
                "{}", counterfactual.summary
            );
            if counterfactual.changes.len() == 2 {
                for change in &counterfactual.changes {
                    let mut alone = answers.clone();
                    let slot = index(&fixture.questionnaire, &change.answer);
                    alone.values[slot] =
                        Some(value_from_json(&fixture.questionnaire.questions[slot], &change.to));
                    prop_assert_ne!(
                        model.assess(&alone).recommendation,
                        counterfactual.recommendation,
                        "not minimal: {}", counterfactual.summary
                    );
                }
            }
        }
    }

    /// Answers that contradict each other always lower the confidence (unless it is already
    /// as low as it goes): the same answers scored without the contradiction rules are at least
    /// one step surer.
    #[test]
    fn contradictions_always_lower_the_confidence(answers in answers()) {
        let fixture = fixture();
        let with_rules = assess(&fixture, &answers);
        prop_assume!(!with_rules.inconsistencies.is_empty());
        let mut without = fixture.weights.clone();
        without.inconsistencies.clear();
        let unchecked = Model::new(&fixture.questionnaire, &without).assess(&answers);
        prop_assert_eq!(with_rules.recommendation, unchecked.recommendation);
        prop_assert!(
            with_rules.confidence < unchecked.confidence
                || unchecked.confidence == idpfit::model::Confidence::Low,
            "{:?} with contradictions, {:?} without", with_rules.confidence, unchecked.confidence
        );
    }
}

/// A counterfactual's new value back as an answer: `"(any text)"` stands for some text.
fn value_from_json(question: &Question, json: &serde_json::Value) -> Value {
    match (&question.kind, json) {
        (QuestionKind::Choice(choices), serde_json::Value::String(s)) => Value::Choice(
            choices
                .iter()
                .position(|c| &c.value == s)
                .expect("a choice of the question"),
        ),
        (QuestionKind::Bool, serde_json::Value::Bool(b)) => Value::Bool(*b),
        (QuestionKind::Integer { .. }, n) => Value::Integer(n.as_i64().expect("a whole number")),
        (QuestionKind::Number { .. }, n) => Value::Number(n.as_f64().expect("a number")),
        (QuestionKind::Text, serde_json::Value::String(s)) => Value::Text(s.clone()),
        (_, other) => panic!("{other} does not answer {}", question.id),
    }
}
