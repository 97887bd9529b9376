//! What `diff` reports, and which changes it names as causes, on variations of the shipped
//! examples.

use super::*;
use crate::builtin;
use crate::model::Portal;
use crate::testing::{PORT_EXAMPLE, answers, with};

fn run(old: &Answers, new: &Answers) -> Diff {
    let questionnaire = builtin::questionnaire();
    let weights = builtin::weights();
    diff(&Model::new(&questionnaire, &weights), old, new)
}

#[test]
fn the_same_answers_change_nothing() {
    let old = answers(PORT_EXAMPLE);
    let result = run(&old, &old);
    assert!(result.changes.is_empty());
    assert_eq!(result.causes, Causes::NoFlip);
    assert!(!result.flipped());
}

#[test]
fn a_flip_is_traced_to_the_change_that_causes_it() {
    let old = answers(PORT_EXAMPLE);
    let new = with(
        &with(&old, "hosting.requirement", "\"must_self_host\""),
        "organization.engineers",
        "900",
    );
    let result = run(&old, &new);
    assert!(result.flipped());
    assert_eq!(result.new.recommendation, Recommendation::Backstage);
    assert_eq!(result.changes.len(), 2);
    let hosting = builtin::questionnaire().index_of("hosting.requirement");
    let causing: Vec<usize> = match &result.causes {
        Causes::Single(list) => list.iter().map(|&c| result.changes[c].question).collect(),
        other => panic!("expected a single cause, got {other:?}"),
    };
    assert_eq!(causing, hosting.into_iter().collect::<Vec<_>>());
    let engineers = result.changes.iter().find(|c| Some(c.question) != hosting);
    assert!(engineers.is_some_and(|c| !c.flips_alone(&result) && !c.needed(&result)));
}

/// The port example moved most of the way toward Backstage, but still Port.
fn nearly_backstage() -> Answers {
    [
        ("timeline.first_value_months", "9"),
        ("timeline.horizon", "\"one_year\""),
        ("capacity.ownership", "\"dedicated_team\""),
        ("capacity.dedicated_fte", "2"),
        ("capacity.commitment", "\"multi_year\""),
    ]
    .iter()
    .fold(answers(PORT_EXAMPLE), |a, (id, v)| with(&a, id, v))
}

#[test]
fn a_flip_that_needs_two_changes_names_them_together() {
    let old = nearly_backstage();
    let new = [
        ("capacity.frontend_skills", "\"strong\""),
        ("hosting.requirement", "\"prefer_self_host\""),
        ("organization.engineers", "900"),
    ]
    .iter()
    .fold(old.clone(), |a, (id, v)| with(&a, id, v));
    let result = run(&old, &new);
    assert_eq!(result.old.recommendation, Recommendation::Port);
    assert_eq!(result.new.recommendation, Recommendation::Backstage);
    assert!(result.changes.iter().all(|c| !c.flips_alone(&result)));
    let questionnaire = builtin::questionnaire();
    let ids = |set: &Vec<usize>| -> Vec<String> {
        set.iter()
            .map(|&c| {
                questionnaire.questions[result.changes[c].question]
                    .id
                    .clone()
            })
            .collect()
    };
    let Causes::Combination(sets) = &result.causes else {
        panic!("expected a combination, got {:?}", result.causes);
    };
    let sets: Vec<Vec<String>> = sets.iter().map(ids).collect();
    assert_eq!(
        sets,
        vec![vec![
            "capacity.frontend_skills".to_string(),
            "hosting.requirement".to_string()
        ]]
    );
}

#[test]
fn two_changes_that_only_flip_together_are_all_together() {
    let old = nearly_backstage();
    let new = [
        ("capacity.frontend_skills", "\"strong\""),
        ("hosting.requirement", "\"prefer_self_host\""),
    ]
    .iter()
    .fold(old.clone(), |a, (id, v)| with(&a, id, v));
    let result = run(&old, &new);
    assert_eq!(result.causes, Causes::AllTogether);
    assert!(result.changes.iter().all(|c| c.needed(&result)));
}

#[test]
fn the_leaning_is_traced_separately_from_the_recommendation() {
    let old = answers(PORT_EXAMPLE);
    let new = [
        ("hosting.requirement", "\"must_self_host\""),
        ("platform.catalog_data", "\"stale\""),
        ("capacity.dedicated_fte", "2"),
    ]
    .iter()
    .fold(old.clone(), |a, (id, v)| with(&a, id, v));
    let result = run(&old, &new);
    assert_eq!(result.new.recommendation, Recommendation::NotReady);
    assert_eq!(result.new.leaning, Portal::Backstage);
    let questionnaire = builtin::questionnaire();
    let single = |causes: &Causes| match causes {
        Causes::Single(list) => list
            .iter()
            .map(|&c| {
                questionnaire.questions[result.changes[c].question]
                    .id
                    .clone()
            })
            .collect::<Vec<_>>(),
        other => panic!("expected a single cause, got {other:?}"),
    };
    assert_eq!(single(&result.causes), vec!["platform.catalog_data"]);
    assert_eq!(single(&result.leaning_causes), vec!["hosting.requirement"]);
}

/// Not-yet to Port across 24 changed answers: every set of up to four changes is tried (the
/// search budget ends there), then the needed changes together. The report must not claim the
/// set is the smallest, only what was checked.
#[test]
fn when_the_search_budget_runs_out_the_needed_changes_are_reported_honestly() {
    let old = answers(crate::testing::NOT_READY_EXAMPLE);
    let new = answers(PORT_EXAMPLE);
    let result = run(&old, &new);
    assert_eq!(result.changes.len(), 24);
    let Causes::Sufficient {
        set,
        searched_up_to,
        minimal,
    } = &result.causes
    else {
        panic!("expected a sufficient set, got {:?}", result.causes);
    };
    assert_eq!(*searched_up_to, 4);
    assert!(*minimal);
    let questionnaire = builtin::questionnaire();
    let ids: Vec<&str> = set
        .iter()
        .map(|&c| {
            questionnaire.questions[result.changes[c].question]
                .id
                .as_str()
        })
        .collect();
    assert_eq!(
        ids,
        [
            "friction.metric",
            "friction.baseline_known",
            "success.accountable_owner",
            "platform.golden_paths",
            "platform.deploy_automation",
            "platform.catalog_data"
        ]
    );
}
