//! One test per domain fact of SPEC §2, on the shipped examples and variations of them.

use super::*;
use crate::builtin;
use crate::model::{Dimension, Portal, Recommendation};
use crate::testing::{
    BACKSTAGE_EXAMPLE, HYBRID_EXAMPLE, NOT_READY_EXAMPLE, PORT_EXAMPLE, answers, with,
};

fn run(answers: &Answers) -> Assessment {
    let questionnaire = builtin::questionnaire();
    let weights = builtin::weights();
    assess(&questionnaire, &weights, answers)
}

fn examples() -> Vec<Answers> {
    [
        PORT_EXAMPLE,
        BACKSTAGE_EXAMPLE,
        HYBRID_EXAMPLE,
        NOT_READY_EXAMPLE,
    ]
    .into_iter()
    .map(answers)
    .collect()
}

#[test]
fn examples_get_their_documented_recommendations() {
    let expected = [
        Recommendation::Port,
        Recommendation::Backstage,
        Recommendation::Hybrid,
        Recommendation::NotReady,
    ];
    for (example, expected) in examples().iter().zip(expected) {
        assert_eq!(run(example).recommendation, expected);
    }
}

#[test]
fn headcount_never_changes_the_result() {
    for example in examples() {
        let base = run(&example);
        for engineers in ["1", "50", "500", "100000"] {
            let result = run(&with(&example, "organization.engineers", engineers));
            assert_eq!(result.recommendation, base.recommendation);
            assert_eq!(result.scores, base.scores);
            assert_eq!(result.rationale, base.rationale);
        }
    }
}

#[test]
fn required_self_hosting_excludes_port_and_hybrid() {
    for example in examples() {
        let result = run(&with(&example, "hosting.requirement", "\"must_self_host\""));
        let excluded: Vec<Portal> = result.excluded.iter().map(|e| e.option).collect();
        assert!(excluded.contains(&Portal::Port) && excluded.contains(&Portal::Hybrid));
        assert_eq!(result.leaning, Portal::Backstage);
        assert!(matches!(
            result.recommendation,
            Recommendation::Backstage | Recommendation::NotReady
        ));
    }
}

#[test]
fn hybrid_needs_a_mostly_standard_stack_few_gaps_and_a_documented_requirement() {
    let hybrid = answers(HYBRID_EXAMPLE);
    assert_eq!(run(&hybrid).recommendation, Recommendation::Hybrid);
    let breaking_changes = [
        ("integrations.stack", "\"standard\""),
        ("integrations.stack", "\"unusual\""),
        ("integrations.uncovered_integrations", "6"),
        ("integrations.port_gap_documented", "false"),
    ];
    for (id, value) in breaking_changes {
        let result = run(&with(&hybrid, id, value));
        assert_ne!(
            result.recommendation,
            Recommendation::Hybrid,
            "{id} = {value}"
        );
        assert!(result.excluded.iter().any(|e| e.option == Portal::Hybrid));
    }
    // A documented gap alone does not make a standard or unusual stack a hybrid.
    for example in [answers(PORT_EXAMPLE), answers(BACKSTAGE_EXAMPLE)] {
        let result = run(&with(&example, "integrations.port_gap_documented", "true"));
        assert_ne!(result.recommendation, Recommendation::Hybrid);
    }
}

#[test]
fn broken_foundations_block_the_decision_but_keep_the_leaning() {
    let port = answers(PORT_EXAMPLE);
    let blockers = [
        (
            "platform.golden_paths",
            "\"unreliable\"",
            "golden_paths_unreliable",
        ),
        ("platform.deploy_automation", "\"manual\"", "deploys_manual"),
        ("platform.catalog_data", "\"stale\"", "catalog_stale"),
        ("friction.metric", "\"\"", "no_baseline_metric"),
        ("friction.baseline_known", "false", "no_baseline_metric"),
        ("success.accountable_owner", "\"\"", "no_accountable_owner"),
    ];
    for (id, value, blocker) in blockers {
        let result = run(&with(&port, id, value));
        assert_eq!(result.recommendation, Recommendation::NotReady, "{id}");
        assert_eq!(result.leaning, Portal::Port, "{id}");
        assert!(result.blockers.iter().any(|b| b.id == blocker), "{id}");
    }
    let not_ready = run(&answers(NOT_READY_EXAMPLE));
    assert_eq!(not_ready.leaning, Portal::Port);
    assert!(not_ready.blockers.len() >= 4);
}

#[test]
fn whoever_has_time_is_a_finding_and_weighs_against_backstage() {
    let backstage = answers(BACKSTAGE_EXAMPLE);
    let base = run(&backstage);
    let result = run(&with(
        &backstage,
        "capacity.ownership",
        "\"whoever_has_time\"",
    ));
    assert!(
        result
            .open_questions
            .iter()
            .any(|q| q.question == Some(1) && q.answer == "capacity.ownership")
    );
    assert!(result.scores.backstage + 5.0 < base.scores.backstage);
    let line = result
        .rationale
        .iter()
        .find(|r| r.answer == "capacity.ownership");
    assert!(line.is_some_and(|l| l.points < 0.0), "{line:?}");
    // In a balanced organisation where Backstage narrowly leads, it tips the balance to Port.
    let balanced = with(
        &answers(HYBRID_EXAMPLE),
        "integrations.port_gap_documented",
        "false",
    );
    let balanced = with(&balanced, "capacity.dedicated_fte", "3");
    let balanced = with(&balanced, "timeline.first_value_months", "9");
    let balanced = with(&balanced, "timeline.horizon", "\"multi_year\"");
    assert_eq!(run(&balanced).leaning, Portal::Backstage);
    let stalled = with(&balanced, "capacity.ownership", "\"whoever_has_time\"");
    assert_eq!(run(&stalled).leaning, Portal::Port);
}

#[test]
fn backstage_short_of_capacity_consolidates_instead_of_switching() {
    let stretched = with(&answers(PORT_EXAMPLE), "current.portal", "\"backstage\"");
    let stretched = with(&stretched, "current.pain", "\"capacity\"");
    let invested = with(
        &with(&stretched, "current.months_invested", "24"),
        "current.custom_plugins",
        "12",
    );
    let result = run(&invested);
    assert_eq!(result.recommendation, Recommendation::Backstage);
    assert!(
        result
            .advice
            .iter()
            .any(|a| a.id == "consolidate_backstage")
    );

    // Switching cost grows with months invested and custom plugins.
    let mut previous = f64::MIN;
    for (months, plugins) in [
        ("0", "0"),
        ("6", "0"),
        ("6", "3"),
        ("18", "8"),
        ("30", "20"),
    ] {
        let answers = with(
            &with(&stretched, "current.months_invested", months),
            "current.custom_plugins",
            plugins,
        );
        let score = run(&answers).scores.backstage;
        assert!(score >= previous, "{months} months, {plugins} plugins");
        previous = score;
    }
}

#[test]
fn port_at_its_customisation_ceiling_is_pointed_at_migration() {
    let on_port = with(
        &answers(BACKSTAGE_EXAMPLE),
        "hosting.requirement",
        "\"no_constraint\"",
    );
    let on_port = with(&on_port, "current.portal", "\"port\"");
    let on_port = with(&on_port, "current.months_invested", "18");
    let content = run(&on_port);
    let ceiling = run(&with(&on_port, "current.pain", "\"customization_ceiling\""));
    assert!(
        ceiling
            .advice
            .iter()
            .any(|a| a.id == "port_customization_ceiling")
    );
    assert!(
        ceiling.scores.backstage - ceiling.scores.port
            > content.scores.backstage - content.scores.port
    );
    assert_eq!(ceiling.recommendation, Recommendation::Backstage);
}

#[test]
fn vendor_risk_leans_to_backstage_and_overhead_to_port() {
    for example in examples() {
        let vendor = run(&with(&example, "exit.primary_concern", "\"vendor_risk\""));
        let overhead = run(&with(
            &example,
            "exit.primary_concern",
            "\"operational_overhead\"",
        ));
        let hosting = |a: &Assessment| a.dimensions[Dimension::Hosting.index()].lean;
        assert!(hosting(&vendor) > hosting(&overhead));
        assert!(vendor.scores.backstage > overhead.scores.backstage);
        assert!(vendor.scores.port < overhead.scores.port);
    }
}

#[test]
fn an_unknown_answer_is_explored_not_guessed() {
    let port = answers(PORT_EXAMPLE);
    let result = run(&with(&port, "hosting.requirement", "\"unknown\""));
    let unknown = result
        .unknowns
        .iter()
        .find(|u| u.answer == "hosting.requirement");
    let Some(unknown) = unknown else {
        panic!("hosting.requirement not explored: {:?}", result.unknowns);
    };
    assert_eq!(unknown.outcomes.len(), 4);
    let must = unknown
        .outcomes
        .iter()
        .find(|o| o.value == "must_self_host");
    assert_eq!(
        must.map(|o| o.recommendation),
        Some(Recommendation::Backstage)
    );
    assert!(unknown.decisive);
    assert!(!result.holds_across_unknowns);
    assert!(result.confidence < run(&port).confidence);
}

#[test]
fn an_unknown_that_cannot_matter_keeps_confidence() {
    let port = answers(PORT_EXAMPLE);
    let result = run(&with(&port, "integrations.custom_ui", "\"unknown\""));
    assert!(result.holds_across_unknowns);
    assert_eq!(result.confidence, run(&port).confidence);
    assert_eq!(result.recommendation, Recommendation::Port);
}

#[test]
fn scores_stay_in_range_and_rationale_is_sorted() {
    for example in examples() {
        let result = run(&example);
        for portal in Portal::ALL {
            let score = result.scores.get(portal);
            assert!((0.0..=100.0).contains(&score));
        }
        for pair in result.rationale.windows(2) {
            assert!(pair[0].points.abs() >= pair[1].points.abs());
        }
        for dimension in &result.dimensions {
            assert!((-100..=100).contains(&dimension.lean));
        }
    }
}
