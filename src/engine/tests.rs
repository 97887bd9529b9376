//! One test per rule of SPEC §2 and §2a. Rules that are the domain are tested on the shipped
//! questionnaire and weights, with variations of the shipped examples; rules that are the
//! engine's own (interpolation, the common scale, unknowns that block, confidence) on a small
//! synthetic questionnaire and weights, so they hold whatever the data says.

use super::*;
use crate::load::LoadOptions;
use crate::model::{Confidence, Portal, Recommendation};
use crate::testing::{
    BACKSTAGE_EXAMPLE, HYBRID_EXAMPLE, NOT_READY_EXAMPLE, PORT_EXAMPLE, QUESTIONNAIRE, WEIGHTS,
    answers, with,
};

fn run(answers: &Answers) -> Assessment {
    Model::new(&QUESTIONNAIRE, &WEIGHTS).assess(answers)
}

fn run_what_if(answers: &Answers) -> Assessment {
    Model::new(&QUESTIONNAIRE, &WEIGHTS).assess_with_what_if(answers)
}

/// `base` with several answers replaced.
fn changed(base: &Answers, changes: &[(&str, &str)]) -> Answers {
    changes
        .iter()
        .fold(base.clone(), |a, (id, value)| with(&a, id, value))
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

/// Backstage's lead over Port in score points.
fn backstage_lead(result: &Assessment) -> f64 {
    result.scores.backstage - result.scores.port
}

/// A mid-sized organisation with a sound platform and nothing decided yet: two engineers own
/// the portal, a mostly standard stack, six months to value.
fn middle() -> Answers {
    changed(
        &answers(HYBRID_EXAMPLE),
        &[
            ("integrations.port_gap_documented", "false"),
            ("timeline.first_value_months", "6"),
        ],
    )
}

// ---------------------------------------------------------------------------------------------
// SPEC §2: the four dimensions and the facts.

#[test]
fn the_shipped_examples_keep_their_intended_recommendations() {
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
fn capacity_to_own_the_portal_as_a_product_favours_backstage() {
    let owned = changed(
        &middle(),
        &[
            ("capacity.dedicated_fte", "3"),
            ("capacity.commitment", "\"multi_year\""),
            ("capacity.frontend_skills", "\"strong\""),
        ],
    );
    let stretched = changed(
        &middle(),
        &[
            ("capacity.dedicated_fte", "0.5"),
            ("capacity.ownership", "\"named_part_time\""),
        ],
    );
    let capacity = |a: &Assessment| a.dimensions[Dimension::Capacity.index()].lean;
    assert!(capacity(&run(&owned)) > 50, "{}", capacity(&run(&owned)));
    assert!(capacity(&run(&stretched)) < -15);
    assert_eq!(run(&owned).recommendation, Recommendation::Backstage);
    assert_eq!(run(&stretched).recommendation, Recommendation::Port);
}

#[test]
fn an_unusual_toolchain_favours_backstage_and_a_standard_one_port() {
    let integrations = |a: &Assessment| a.dimensions[Dimension::Integrations.index()].lean;
    let unusual = run(&changed(
        &middle(),
        &[
            ("integrations.stack", "\"unusual\""),
            ("integrations.uncovered_integrations", "8"),
        ],
    ));
    let standard = run(&changed(
        &middle(),
        &[
            ("integrations.stack", "\"standard\""),
            ("integrations.uncovered_integrations", "0"),
            ("integrations.integration_owner", "\"not_needed\""),
        ],
    ));
    assert!(integrations(&unusual) > 15);
    assert!(integrations(&standard) < -15);
    assert!(backstage_lead(&unusual) > backstage_lead(&standard) + 10.0);
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
fn value_within_a_quarter_favours_port_and_a_long_runway_backstage() {
    let soon = run(&changed(
        &middle(),
        &[
            ("timeline.first_value_months", "3"),
            ("timeline.horizon", "\"quarterly\""),
        ],
    ));
    let later = run(&changed(
        &middle(),
        &[
            ("timeline.first_value_months", "12"),
            ("timeline.horizon", "\"multi_year\""),
        ],
    ));
    let time = |a: &Assessment| a.dimensions[Dimension::Time.index()].lean;
    assert!(time(&soon) < -50 && time(&later) > 50);
    assert_eq!(soon.recommendation, Recommendation::Port);
    assert_eq!(later.recommendation, Recommendation::Backstage);
    // More time never helps Port against Backstage.
    let mut previous = f64::MIN;
    for months in 1..=24 {
        let result = run(&with(
            &middle(),
            "timeline.first_value_months",
            &months.to_string(),
        ));
        // Scores are rounded to a tenth: a flat stretch may wobble by that much.
        let lead = backstage_lead(&result);
        assert!(
            lead >= previous - 0.15,
            "{months} months: {lead} after {previous}"
        );
        previous = lead;
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
            assert_eq!(result.confidence, base.confidence);
        }
    }
}

#[test]
fn hybrid_needs_a_standard_enough_stack_and_a_documented_requirement() {
    let hybrid = answers(HYBRID_EXAMPLE);
    assert_eq!(run(&hybrid).recommendation, Recommendation::Hybrid);
    for (id, value) in [
        ("integrations.stack", "\"unusual\""),
        ("integrations.port_gap_documented", "false"),
    ] {
        let result = run(&with(&hybrid, id, value));
        assert_ne!(
            result.recommendation,
            Recommendation::Hybrid,
            "{id} = {value}"
        );
        assert!(result.excluded.iter().any(|e| e.option == Portal::Hybrid));
    }
    // More systems without a connector make the hybrid's second tool bigger: past a handful,
    // one tool wins.
    let many = run(&with(&hybrid, "integrations.uncovered_integrations", "12"));
    assert_ne!(many.recommendation, Recommendation::Hybrid);
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
        let found = result.blockers.iter().find(|b| b.id == blocker);
        assert!(
            found.is_some_and(|b| b.known && !b.title.is_empty()),
            "{id}"
        );
    }
    let not_ready = run(&answers(NOT_READY_EXAMPLE));
    assert_eq!(not_ready.leaning, Portal::Port);
    assert!(not_ready.blockers.len() >= 4);
}

#[test]
fn weak_answers_to_the_five_questions_are_findings() {
    let port = answers(PORT_EXAMPLE);
    for (id, value, question) in [
        ("capacity.ownership", "\"whoever_has_time\"", 1),
        ("friction.top_friction", "\"\"", 2),
        ("integrations.integration_owner", "\"unassigned\"", 3),
        ("success.definition", "\"\"", 4),
        ("exit.migration_path_understood", "false", 5),
    ] {
        let result = run(&with(&port, id, value));
        assert!(
            result
                .open_questions
                .iter()
                .any(|q| q.question == Some(question) && q.answer == id),
            "{id}"
        );
    }
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
        assert!(backstage_lead(&vendor) > backstage_lead(&overhead));
    }
}

#[test]
fn port_at_its_customisation_ceiling_is_pointed_at_migration() {
    let on_port = changed(
        &answers(BACKSTAGE_EXAMPLE),
        &[
            ("hosting.requirement", "\"no_constraint\""),
            ("current.portal", "\"port\""),
            ("current.months_invested", "18"),
        ],
    );
    let content = run(&on_port);
    let ceiling = run(&with(&on_port, "current.pain", "\"customization_ceiling\""));
    assert!(
        ceiling
            .advice
            .iter()
            .any(|a| a.id == "port_customization_ceiling")
    );
    assert!(backstage_lead(&ceiling) > backstage_lead(&content));
    assert_eq!(ceiling.recommendation, Recommendation::Backstage);
}

#[test]
fn a_long_backstage_investment_short_of_capacity_consolidates() {
    let invested = changed(
        &middle(),
        &[
            ("capacity.dedicated_fte", "1"),
            ("capacity.ownership", "\"named_part_time\""),
            ("current.portal", "\"backstage\""),
            ("current.pain", "\"capacity\""),
            ("current.months_invested", "36"),
            ("current.custom_plugins", "25"),
        ],
    );
    let result = run(&invested);
    assert_eq!(result.recommendation, Recommendation::Backstage);
    assert!(
        result
            .advice
            .iter()
            .any(|a| a.id == "consolidate_backstage")
    );
}

// ---------------------------------------------------------------------------------------------
// SPEC §2a: what the first model missed.

/// "Whoever has time" predicts failure for any tool: a finding and a cap on the confidence,
/// never a point for Port.
#[test]
fn whoever_has_time_caps_confidence_and_favours_no_tool() {
    for example in examples() {
        let result = run(&with(
            &example,
            "capacity.ownership",
            "\"whoever_has_time\"",
        ));
        assert!(
            result
                .open_questions
                .iter()
                .any(|q| q.question == Some(1) && q.answer == "capacity.ownership")
        );
        assert_eq!(result.confidence, Confidence::Low);
        let line = result
            .rationale
            .iter()
            .find(|r| r.answer == "capacity.ownership");
        let line = line.expect("the ownership answer moves every score");
        assert_eq!(line.points, 0.0);
        assert_eq!(line.options.backstage, line.options.port);
        assert_eq!(line.options.port, line.options.hybrid);
    }
}

/// Dedicated time decides: the same hours owned full-time make Backstage viable, split
/// across other work they favour Port; funding and skills count only as far as time does.
#[test]
fn time_beats_money_and_skills() {
    let base = with(&middle(), "timeline.first_value_months", "12");
    let owned = run(&base);
    let split = run(&with(&base, "capacity.ownership", "\"named_part_time\""));
    assert_eq!(owned.recommendation, Recommendation::Backstage);
    assert_eq!(split.recommendation, Recommendation::Port);

    let money_and_skills = [
        ("capacity.commitment", "\"multi_year\""),
        ("capacity.frontend_skills", "\"strong\""),
    ];
    let gain = |fte: &str| {
        let without = with(&base, "capacity.dedicated_fte", fte);
        let with_them = changed(&without, &money_and_skills);
        backstage_lead(&run(&with_them)) - backstage_lead(&run(&without))
    };
    assert!(gain("0") < 0.5, "{}", gain("0"));
    assert!(gain("0.5") < gain("2") / 3.0);
    assert!(gain("2") > 2.0);
}

/// A documented requirement Port cannot meet argues for a hybrid only where Backstage alone
/// does not fit.
#[test]
fn a_documented_gap_argues_for_backstage_where_backstage_fits() {
    let fits = changed(
        &middle(),
        &[
            ("capacity.dedicated_fte", "3"),
            ("capacity.commitment", "\"multi_year\""),
            ("timeline.first_value_months", "12"),
            ("timeline.horizon", "\"multi_year\""),
        ],
    );
    assert_eq!(run(&fits).recommendation, Recommendation::Backstage);
    let gap = run(&with(&fits, "integrations.port_gap_documented", "true"));
    assert_eq!(gap.recommendation, Recommendation::Backstage);
    // The requirement gives Backstage at least as much as the hybrid, whatever else is true.
    for example in examples() {
        let without = run(&with(&example, "integrations.port_gap_documented", "false"));
        let with_gap = run(&with(&example, "integrations.port_gap_documented", "true"));
        let hybrid_gain = with_gap.scores.hybrid - without.scores.hybrid;
        let backstage_gain = with_gap.scores.backstage - without.scores.backstage;
        // Scores are rounded to a tenth, so each of the four may be off by 0.05.
        assert!(backstage_gain >= hybrid_gain - 0.2);
    }
    let does_not_fit = changed(
        &fits,
        &[
            ("capacity.dedicated_fte", "1"),
            ("capacity.ownership", "\"named_part_time\""),
            ("timeline.first_value_months", "3"),
            ("timeline.horizon", "\"quarterly\""),
            ("integrations.port_gap_documented", "true"),
        ],
    );
    assert_eq!(run(&does_not_fit).recommendation, Recommendation::Hybrid);
}

/// Switching cost grows smoothly with what was built: a year on Backstage with no custom
/// plugins does not rule a switch out, and no reason names plugins that do not exist.
#[test]
fn switching_cost_is_proportional() {
    let stretched = changed(
        &answers(PORT_EXAMPLE),
        &[
            ("current.portal", "\"backstage\""),
            ("current.pain", "\"capacity\""),
            ("current.months_invested", "12"),
            ("current.custom_plugins", "0"),
        ],
    );
    let result = run(&stretched);
    assert_eq!(result.recommendation, Recommendation::Port);
    assert!(result.excluded.iter().all(|e| e.option != Portal::Port));
    let texts = result
        .rationale
        .iter()
        .map(|r| r.effect.as_str())
        .chain(result.advice.iter().map(|a| a.message.as_str()))
        .chain(result.excluded.iter().map(|e| e.reason.as_str()));
    for text in texts {
        assert!(!text.contains(" 0 custom"), "{text}");
        assert!(!text.contains("every custom plugin"), "{text}");
    }
    let mut previous = f64::MIN;
    for (months, plugins) in [(0, 0), (3, 0), (6, 1), (12, 3), (18, 8), (30, 20), (48, 40)] {
        let invested = changed(
            &stretched,
            &[
                ("current.months_invested", &months.to_string()),
                ("current.custom_plugins", &plugins.to_string()),
            ],
        );
        let lead = backstage_lead(&run(&invested));
        assert!(lead > previous, "{months} months, {plugins} plugins");
        previous = lead;
    }
}

/// Numbers interpolate between the points the weights name: a small step of an answer never
/// moves the result by a large step.
#[test]
fn no_cliffs_in_numeric_answers() {
    let sweeps: [(&str, f64, f64, f64); 3] = [
        ("capacity.dedicated_fte", 0.0, 6.0, 0.1),
        ("timeline.first_value_months", 0.5, 24.0, 0.5),
        ("integrations.uncovered_integrations", 0.0, 20.0, 1.0),
    ];
    for example in examples() {
        for (id, from, to, step) in sweeps {
            let leads: Vec<f64> = (0..)
                .map(|i| from + step * f64::from(i))
                .take_while(|x| *x <= to + 1e-9)
                .map(|x| {
                    let value = if id.ends_with("integrations") {
                        format!("{}", x as i64)
                    } else {
                        format!("{x}")
                    };
                    backstage_lead(&run(&with(&example, id, &value)))
                })
                .collect();
            let range = leads.iter().copied().fold(f64::MIN, f64::max)
                - leads.iter().copied().fold(f64::MAX, f64::min);
            for pair in leads.windows(2) {
                assert!(
                    (pair[1] - pair[0]).abs() <= range / 4.0 + 1e-9,
                    "{id}: a step of {step} moved the margin {} of {range}",
                    (pair[1] - pair[0]).abs()
                );
            }
        }
    }
    // Zero dedicated people is not the same as half an engineer.
    let zero = run(&with(&middle(), "capacity.dedicated_fte", "0"));
    let half = run(&with(&middle(), "capacity.dedicated_fte", "0.5"));
    assert!(backstage_lead(&zero) < backstage_lead(&half));
}

/// An unknown answer to a question that would block when answered badly blocks until it is
/// known; the unedited template is "not yet".
#[test]
fn premature_means_premature() {
    let port = answers(PORT_EXAMPLE);
    let result = run(&with(&port, "friction.baseline_known", "\"unknown\""));
    assert_eq!(result.recommendation, Recommendation::NotReady);
    assert_eq!(result.leaning, Portal::Port);
    let blocker = result
        .blockers
        .iter()
        .find(|b| b.id == "no_baseline_metric");
    assert!(blocker.is_some_and(|b| !b.known && b.message.contains("Do you know that metric")));
    assert!(!result.holds_across_unknowns);

    let template = crate::render::template::answers_template(&QUESTIONNAIRE);
    let everything_unknown = answers(&template);
    assert_eq!(
        run(&everything_unknown).recommendation,
        Recommendation::NotReady
    );
}

/// Partial golden paths, some manual deploys or a hand-kept catalog each lower the
/// confidence; two of them together block, as does the worst level of any one.
#[test]
fn golden_paths_that_are_actually_golden() {
    let port = answers(PORT_EXAMPLE);
    let reliable = changed(&port, &[("platform.catalog_data", "\"automated\"")]);
    let base = run(&reliable);
    for (id, middle) in [
        ("platform.golden_paths", "\"partial\""),
        ("platform.deploy_automation", "\"some_manual\""),
        ("platform.catalog_data", "\"manual_maintained\""),
    ] {
        let one = run(&with(&reliable, id, middle));
        assert_eq!(one.recommendation, base.recommendation, "{id}");
        assert!(one.confidence < base.confidence, "{id}");
        assert!(one.open_questions.iter().any(|q| q.answer == id), "{id}");
    }
    let two = run(&changed(
        &reliable,
        &[
            ("platform.golden_paths", "\"partial\""),
            ("platform.deploy_automation", "\"some_manual\""),
        ],
    ));
    assert_eq!(two.recommendation, Recommendation::NotReady);
    assert!(two.blockers.iter().any(|b| b.id == "platform_unreliable"));
}

/// Even Port takes 4-8 weeks: a shorter deadline is unrealistic for any portal.
#[test]
fn a_deadline_shorter_than_any_portal_is_a_finding() {
    let port = changed(
        &answers(PORT_EXAMPLE),
        &[("platform.catalog_data", "\"automated\"")],
    );
    let base = run(&port);
    let rushed = run(&with(&port, "timeline.first_value_months", "0.5"));
    assert!(
        rushed
            .open_questions
            .iter()
            .any(|q| q.answer == "timeline.first_value_months")
    );
    assert!(rushed.confidence < base.confidence);
}

/// Answers that cannot all be true are named, lower the confidence, and change nothing else.
#[test]
fn contradictions_are_named() {
    let port = changed(
        &answers(PORT_EXAMPLE),
        &[("platform.catalog_data", "\"automated\"")],
    );
    let base = run(&port);
    assert!(base.inconsistencies.is_empty());
    let contradictory = run(&changed(
        &port,
        &[
            ("integrations.uncovered_integrations", "3"),
            ("integrations.integration_owner", "\"not_needed\""),
        ],
    ));
    assert_eq!(contradictory.inconsistencies.len(), 1);
    let found = &contradictory.inconsistencies[0];
    assert_eq!(
        found.answers,
        [
            "integrations.uncovered_integrations",
            "integrations.integration_owner"
        ]
    );
    assert!(
        found
            .message
            .starts_with("3 systems have no ready-made connector")
    );
    assert!(contradictory.confidence < base.confidence);
    assert!(
        contradictory
            .confidence_reason
            .contains("Contradictions between answers: 1")
    );
}

/// Contradictions are looked for systematically: every pair of answers that describes the same
/// thing (the questionnaire gives them a common topic) has a rule naming both.
#[test]
fn every_pair_of_answers_on_one_topic_is_checked_for_contradictions() {
    let questions = &QUESTIONNAIRE.questions;
    let mut unchecked = Vec::new();
    let mut pairs = 0;
    for (a, first) in questions.iter().enumerate() {
        for (b, second) in questions.iter().enumerate().skip(a + 1) {
            if !first.topics.iter().any(|t| second.topics.contains(t)) {
                continue;
            }
            pairs += 1;
            let covered = WEIGHTS
                .inconsistencies
                .iter()
                .any(|rule| rule.answers.contains(&a) && rule.answers.contains(&b));
            if !covered {
                unchecked.push(format!("{} and {}", first.id, second.id));
            }
        }
    }
    assert!(pairs >= 12, "{pairs} pairs share a topic");
    assert!(
        unchecked.is_empty(),
        "no contradiction rule for {}",
        unchecked.join("; ")
    );
}

/// With nine unknown answers on the Port example, some combinations give another option: the
/// recommendation does not hold, and is not said to.
#[test]
fn unknowns_are_analysed_exactly() {
    let unknown = [
        "capacity.dedicated_fte",
        "capacity.ownership",
        "capacity.commitment",
        "capacity.frontend_skills",
        "integrations.stack",
        "integrations.uncovered_integrations",
        "integrations.port_gap_documented",
        "timeline.first_value_months",
        "timeline.horizon",
    ];
    let port = answers(PORT_EXAMPLE);
    let changes: Vec<(&str, &str)> = unknown.iter().map(|id| (*id, "\"unknown\"")).collect();
    let result = run(&changed(&port, &changes));
    assert!(!result.holds_across_unknowns);
    assert!(result.confidence < Confidence::High);
    // One unknown that cannot matter leaves the result as it was.
    let harmless = run(&with(&port, "integrations.custom_ui", "\"unknown\""));
    assert!(harmless.holds_across_unknowns);
    assert_eq!(harmless.recommendation, run(&port).recommendation);
}

#[test]
fn counterfactuals_change_levers_only_and_read_plainly() {
    for example in examples() {
        let result = run_what_if(&example);
        for counterfactual in result.counterfactuals.iter().flatten() {
            for change in &counterfactual.changes {
                let question = QUESTIONNAIRE.question(&change.answer).expect("a question");
                assert!(question.lever, "{} is not a lever", change.answer);
                assert!(!change.answer.starts_with("current."));
                assert!(!change.answer.starts_with("organization."));
            }
            assert!(counterfactual.summary.starts_with("If "));
            assert!(!counterfactual.summary.contains("{"));
        }
    }
    // Numbers move to the nearest value that changes the result, rounded to the question's step.
    let hybrid = run_what_if(&answers(HYBRID_EXAMPLE));
    let later = hybrid
        .counterfactuals
        .iter()
        .flatten()
        .find(|c| c.changes.len() == 1 && c.changes[0].answer == "timeline.first_value_months")
        .expect("a later deadline flips the hybrid example");
    let months = later.changes[0].to.as_f64().expect("a number");
    assert_eq!(months.fract(), 0.0);
    let one_less = with(
        &answers(HYBRID_EXAMPLE),
        "timeline.first_value_months",
        &(months - 1.0).to_string(),
    );
    assert_eq!(run(&one_less).recommendation, Recommendation::Hybrid);
}

#[test]
fn scores_share_one_scale_and_an_excluded_option_never_leads() {
    for example in examples() {
        let result = run(&example);
        for portal in Portal::ALL {
            assert!((0.0..=100.0).contains(&result.scores.get(portal)));
        }
        // A rationale line's points are the same units for every option: they add up to the
        // difference of two options' scores.
        let lead: f64 = result.rationale.iter().map(|r| r.points).sum();
        let rival = result
            .rationale
            .first()
            .map(|_| result.scores.get(result.leaning) - lead);
        assert!(rival.is_some());
        for dimension in &result.dimensions {
            assert!((-100..=100).contains(&dimension.lean));
        }
    }
    let self_hosted = run(&changed(
        &answers(NOT_READY_EXAMPLE),
        &[("hosting.requirement", "\"must_self_host\"")],
    ));
    assert!(self_hosted.scores.port > self_hosted.scores.backstage);
    assert_eq!(self_hosted.leaning, Portal::Backstage);
}

// ---------------------------------------------------------------------------------------------
// The engine's own rules, on a small synthetic model.

const SMALL_QUESTIONNAIRE: &str = r#"
id = "small/1"
title = "Small"
[[sections]]
id = "a"
title = "A"
[[questions]]
id = "a.people"
type = "number"
min = 0
max = 10
prompt = "People?"
lever = true
step = 0.5
[[questions]]
id = "a.kind"
type = "choice"
choices = [{ value = "x", label = "X" }, { value = "y", label = "Y" }]
prompt = "Kind?"
[[questions]]
id = "a.ready"
type = "choice"
choices = [{ value = "yes", label = "Yes" }, { value = "partly", label = "Partly" }, { value = "no", label = "No" }]
prompt = "Ready?"
lever = true
[[questions]]
id = "a.tested"
type = "choice"
choices = [{ value = "yes", label = "Yes" }, { value = "partly", label = "Partly" }]
prompt = "Tested?"
lever = true
"#;

const SMALL_WEIGHTS: &str = r#"
name = "small"
questionnaire = "small/1"
unknown_finding = "Not known: {question}"
unknown_blocker = "Not known: {question}"
unknown_effect = "Not known."
[thresholds]
strong_lean = 50
clear_lean = 15
high_margin = 10
medium_margin = 4
single_option_high = 60
single_option_medium = 40
hollow_fit = 0
robust_high = 0.9
robust_medium = 0.7
[confidence_wording]
margin = "{leaning} by {margin}."
only_option = "{leaning} alone."
hollow = "Hollow."
fragile = "Fragile."
unknowns = "Unknowns."
inconsistent = "Contradictions: {count}."
not_ready = "Not yet."
[evidence_wording]
conflict = "{answer}: {reported} or {measured}? {evidence}"
filled = "Filled."
not_applicable = "Not applicable."
[dimensions.capacity]
weight = 1
title = "C"
question = "?"
summary = { strong_backstage = "", backstage = "", neutral = "", port = "", strong_port = "" }
[dimensions.integrations]
weight = 1
title = "I"
question = "?"
summary = { strong_backstage = "", backstage = "", neutral = "", port = "", strong_port = "" }
[dimensions.hosting]
weight = 1
title = "H"
question = "?"
summary = { strong_backstage = "", backstage = "", neutral = "", port = "", strong_port = "" }
[dimensions.time]
weight = 1
title = "T"
question = "?"
summary = { strong_backstage = "", backstage = "", neutral = "", port = "", strong_port = "" }

[[effects]]
answer = "a.people"
dimension = "capacity"
curve = [
  { at = 0, backstage = -10, port = 10, why = "few" },
  { at = 4, backstage = 10, port = -10, why = "many" },
]

[[effects]]
answer = "a.kind"
dimension = "integrations"
scale = { answer = "a.people", curve = [{ at = 0, factor = 0 }, { at = 2, factor = 1 }] }
choices.y = { backstage = 6, why = "y, as far as there are people" }

[[effects]]
answer = "a.kind"
choices.x = { hybrid = 30, why = "x suits the hybrid" }

[[exclusions]]
options = ["hybrid"]
unless = { answer = "a.kind", is = ["y"] }
reason = "Only with y."

[[blockers]]
id = "not_ready"
title = "Not ready"
when = { any = [
  { answer = "a.ready", is = ["no"] },
  { at_least = 2, of = [
    { answer = "a.ready", is = ["partly"] },
    { answer = "a.tested", is = ["partly"] },
  ] },
] }
message = "Not ready."

[[findings]]
answer = "a.ready"
when = { answer = "a.ready", is = ["partly"] }
confidence = { lower = 1 }
finding = "Partly ready."

[[inconsistencies]]
answers = ["a.people", "a.kind"]
when = { all = [{ answer = "a.people", below = 1 }, { answer = "a.kind", is = ["y"] }] }
message = "Y needs people."
"#;

struct Small {
    questionnaire: Questionnaire,
    weights: Weights,
}

fn small() -> Small {
    let questionnaire = Questionnaire::from_toml("q", SMALL_QUESTIONNAIRE).expect("valid");
    let weights = Weights::from_toml("w", SMALL_WEIGHTS, &questionnaire).expect("valid");
    Small {
        questionnaire,
        weights,
    }
}

impl Small {
    fn run(&self, people: &str, kind: &str, ready: &str, tested: &str) -> Assessment {
        let text = format!(
            "questionnaire = \"small/1\"\n[a]\npeople = {people}\nkind = {kind}\nready = {ready}\ntested = {tested}\n"
        );
        let answers = Answers::from_toml("a", &text, &self.questionnaire, LoadOptions::default())
            .expect("valid answers");
        Model::new(&self.questionnaire, &self.weights).assess_with_what_if(&answers)
    }
}

#[test]
fn numbers_interpolate_along_their_curve() {
    let small = small();
    let at = |people: &str| {
        let result = small.run(people, "\"x\"", "\"yes\"", "\"yes\"");
        result.scores.backstage - result.scores.port
    };
    assert!(at("0") < at("1") && at("1") < at("2") && at("2") < at("3"));
    assert!(((at("1") - at("0")) - (at("3") - at("2"))).abs() < 0.05);
    assert_eq!(at("4"), at("9"));
}

#[test]
fn one_scale_for_every_option() {
    let small = small();
    // The hybrid's 30 points for x are the largest total any option reaches, so it scores 100
    // there, and still cannot be recommended: it is excluded without y.
    let x = small.run("2", "\"x\"", "\"yes\"", "\"yes\"");
    assert_eq!(x.scores.hybrid, 100.0);
    assert_eq!(x.recommendation, Recommendation::Port);
    assert!(x.excluded.iter().any(|e| e.option == Portal::Hybrid));
    let y = small.run("2", "\"y\"", "\"yes\"", "\"yes\"");
    let lead = y.scores.backstage - y.scores.port;
    // The scale runs from -10 (Backstage or Port at their worst) to 30 (the hybrid's best): six
    // points of lead are 15 score points.
    assert!((lead - 15.0).abs() < 0.05, "{lead}");
}

#[test]
fn a_scale_counts_an_effect_only_as_far_as_its_factor() {
    let small = small();
    let gain = |people: &str| {
        let x = small.run(people, "\"x\"", "\"yes\"", "\"yes\"");
        let y = small.run(people, "\"y\"", "\"yes\"", "\"yes\"");
        (y.scores.backstage - y.scores.port) - (x.scores.backstage - x.scores.port)
    };
    assert!(gain("0").abs() < 0.05);
    assert!((gain("1") * 2.0 - gain("2")).abs() < 0.05);
    assert!((gain("2") - gain("5")).abs() < 0.05);
}

#[test]
fn several_middle_levels_together_block_and_one_lowers_the_confidence() {
    let small = small();
    let base = small.run("4", "\"y\"", "\"yes\"", "\"yes\"");
    let partly = small.run("4", "\"y\"", "\"partly\"", "\"yes\"");
    assert_eq!(partly.recommendation, base.recommendation);
    assert!(partly.confidence < base.confidence);
    let both = small.run("4", "\"y\"", "\"partly\"", "\"partly\"");
    assert_eq!(both.recommendation, Recommendation::NotReady);
}

#[test]
fn an_unknown_that_could_block_blocks() {
    let small = small();
    let result = small.run("4", "\"y\"", "\"unknown\"", "\"yes\"");
    assert_eq!(result.recommendation, Recommendation::NotReady);
    assert_eq!(result.blockers.len(), 1);
    assert!(!result.blockers[0].known);
    assert!(!result.holds_across_unknowns);
    // The same unknown where no value of it could block does not.
    let settled = small.run("4", "\"y\"", "\"yes\"", "\"unknown\"");
    assert_eq!(settled.recommendation, Recommendation::Backstage);
    assert!(settled.holds_across_unknowns);
}

#[test]
fn a_contradiction_lowers_the_confidence_and_is_named() {
    let small = small();
    let sound = small.run("2", "\"y\"", "\"yes\"", "\"yes\"");
    let contradictory = small.run("0.5", "\"y\"", "\"yes\"", "\"yes\"");
    assert_eq!(contradictory.inconsistencies.len(), 1);
    assert_eq!(contradictory.inconsistencies[0].message, "Y needs people.");
    assert!(
        contradictory
            .confidence_reason
            .contains("Contradictions: 1.")
    );
    assert!(sound.inconsistencies.is_empty());
}

#[test]
fn a_counterfactual_moves_a_number_to_the_nearest_step_that_flips_it() {
    let small = small();
    let result = small.run("1", "\"y\"", "\"yes\"", "\"yes\"");
    assert_eq!(result.recommendation, Recommendation::Port);
    let people = result
        .counterfactuals
        .iter()
        .flatten()
        .find(|c| c.changes[0].answer == "a.people")
        .expect("more people flip it");
    // Backstage leads once (5p - 10) + 3p > 10 - 5p (for p up to 2), that is past p = 20/13,
    // about 1.54: the nearest half step beyond it is 2.
    assert_eq!(people.changes[0].to, serde_json::json!(2));
    assert_eq!(people.recommendation, Recommendation::Backstage);
    // `a.kind` is not a lever: it is never changed.
    for counterfactual in result.counterfactuals.iter().flatten() {
        assert!(counterfactual.changes.iter().all(|c| c.answer != "a.kind"));
    }
}
