//! How answers combine and how alignment is measured, on the shipped examples as several
//! respondents would answer them.

use super::*;
use crate::builtin;
use crate::engine::assess;
use crate::load::LoadOptions;
use crate::model::Recommendation;
use crate::render::teams::aggregate::combined_toml;
use crate::testing::{BACKSTAGE_EXAMPLE, PORT_EXAMPLE, answers, with};

fn respondent(name: &str, answers: Answers) -> Respondent {
    Respondent {
        name: name.to_string(),
        answers,
    }
}

fn run(respondents: &[Respondent]) -> Aggregate {
    aggregate(&builtin::questionnaire(), &builtin::weights(), respondents)
}

fn combined<'a>(aggregate: &'a Aggregate, id: &str) -> &'a Combined {
    let index = builtin::questionnaire().index_of(id).unwrap_or(usize::MAX);
    &aggregate.questions[index]
}

fn display(aggregate: &Aggregate, id: &str) -> String {
    let questionnaire = builtin::questionnaire();
    let question = questionnaire.question(id);
    match (question, &combined(aggregate, id).value) {
        (Some(q), Some(v)) => q.display(v),
        _ => "(left out)".to_string(),
    }
}

/// The port example as answered by several people, each with some answers changed.
fn team(changes: &[&[(&str, &str)]]) -> Vec<Respondent> {
    let base = answers(PORT_EXAMPLE);
    changes
        .iter()
        .enumerate()
        .map(|(i, list)| {
            let answers = list.iter().fold(base.clone(), |a, (id, v)| with(&a, id, v));
            respondent(["alice", "bob", "carol", "dan"][i], answers)
        })
        .collect()
}

#[test]
fn identical_answers_combine_to_themselves_and_are_fully_aligned() {
    let result = run(&team(&[&[], &[], &[]]));
    assert_eq!(result.alignment(), Some(1.0));
    assert!(result.not_aligned.is_empty());
    let mut expected = answers(PORT_EXAMPLE);
    expected.values[builtin::questionnaire()
        .index_of(ALIGNMENT_ANSWER)
        .unwrap_or(0)] = None;
    assert_eq!(result.combined, expected);
}

#[test]
fn a_tied_choice_goes_to_the_more_cautious_answer() {
    let result = run(&team(&[
        &[("capacity.frontend_skills", "\"strong\"")],
        &[("capacity.frontend_skills", "\"none\"")],
    ]));
    assert_eq!(display(&result, "capacity.frontend_skills"), "none");
    assert_eq!(
        combined(&result, "capacity.frontend_skills").rule,
        Rule::CautiousTie(vec![Value::Choice(2), Value::Choice(0)])
    );
}

#[test]
fn the_most_common_choice_wins_without_a_tie() {
    let result = run(&team(&[
        &[("platform.golden_paths", "\"reliable\"")],
        &[("platform.golden_paths", "\"reliable\"")],
        &[("platform.golden_paths", "\"unreliable\"")],
    ]));
    assert_eq!(display(&result, "platform.golden_paths"), "reliable");
    assert_eq!(
        combined(&result, "platform.golden_paths").rule,
        Rule::Majority
    );
    assert_eq!(
        combined(&result, "platform.golden_paths").aligned,
        Some(false)
    );
}

#[test]
fn a_tied_yes_no_goes_to_the_cautious_value() {
    let result = run(&team(&[
        &[("integrations.port_gap_documented", "true")],
        &[("integrations.port_gap_documented", "false")],
    ]));
    assert_eq!(
        display(&result, "integrations.port_gap_documented"),
        "false"
    );
    let result = run(&team(&[
        &[("integrations.custom_ui", "true")],
        &[("integrations.custom_ui", "false")],
    ]));
    assert_eq!(display(&result, "integrations.custom_ui"), "true");
}

#[test]
fn numbers_take_the_median_and_whole_numbers_round_a_half_down() {
    let result = run(&team(&[
        &[
            ("capacity.dedicated_fte", "1"),
            ("integrations.uncovered_integrations", "2"),
        ],
        &[
            ("capacity.dedicated_fte", "2"),
            ("integrations.uncovered_integrations", "7"),
        ],
    ]));
    assert_eq!(display(&result, "capacity.dedicated_fte"), "1.5");
    assert_eq!(display(&result, "integrations.uncovered_integrations"), "4");
    let result = run(&team(&[
        &[("capacity.dedicated_fte", "0.5")],
        &[("capacity.dedicated_fte", "3")],
        &[("capacity.dedicated_fte", "1")],
    ]));
    assert_eq!(display(&result, "capacity.dedicated_fte"), "1");
}

#[test]
fn numbers_in_the_same_band_are_aligned() {
    let same_band = run(&team(&[
        &[("capacity.dedicated_fte", "2")],
        &[("capacity.dedicated_fte", "2.5")],
    ]));
    assert_eq!(
        combined(&same_band, "capacity.dedicated_fte").aligned,
        Some(true)
    );
    let other_band = run(&team(&[
        &[("capacity.dedicated_fte", "1")],
        &[("capacity.dedicated_fte", "3")],
    ]));
    assert_eq!(
        combined(&other_band, "capacity.dedicated_fte").aligned,
        Some(false)
    );
}

#[test]
fn unknown_does_not_outvote_an_answer() {
    let result = run(&team(&[
        &[("timeline.horizon", "\"unknown\"")],
        &[("timeline.horizon", "\"unknown\"")],
        &[("timeline.horizon", "\"multi_year\"")],
    ]));
    assert_eq!(display(&result, "timeline.horizon"), "multi_year");
    assert_eq!(combined(&result, "timeline.horizon").aligned, Some(false));
    let nobody = run(&team(&[
        &[("timeline.horizon", "\"unknown\"")],
        &[("timeline.horizon", "\"unknown\"")],
    ]));
    assert_eq!(display(&nobody, "timeline.horizon"), "unknown");
    assert_eq!(combined(&nobody, "timeline.horizon").rule, Rule::AllUnknown);
}

#[test]
fn differing_texts_are_kept_per_respondent_with_empty_ones_marked() {
    let result = run(&team(&[
        &[("friction.metric", "\"Lead time\"")],
        &[("friction.metric", "\"Deploys per week\"")],
        &[("friction.metric", "\"\"")],
    ]));
    assert_eq!(
        display(&result, "friction.metric"),
        "alice: Lead time\nbob: Deploys per week\ncarol: (none)"
    );
    let mostly_empty = run(&team(&[
        &[("friction.metric", "\"Lead time\"")],
        &[("friction.metric", "\"\"")],
    ]));
    assert_eq!(display(&mostly_empty, "friction.metric"), "(none)");
    let same = run(&team(&[
        &[("friction.metric", "\"Lead time\"")],
        &[("friction.metric", "\"lead  time\"")],
    ]));
    assert_eq!(display(&same, "friction.metric"), "Lead time");
}

#[test]
fn disagreeing_on_a_must_agree_answer_blocks_the_combined_file() {
    let result = run(&team(&[
        &[("capacity.ownership", "\"named_part_time\"")],
        &[("capacity.ownership", "\"whoever_has_time\"")],
    ]));
    let questionnaire = builtin::questionnaire();
    let ownership = questionnaire.index_of("capacity.ownership");
    assert_eq!(
        result.not_aligned,
        ownership.into_iter().collect::<Vec<_>>()
    );
    assert_eq!(
        display(&result, ALIGNMENT_ANSWER),
        "capacity.ownership (alice: named_part_time; bob: whoever_has_time)"
    );
    let assessment = assess(&questionnaire, &builtin::weights(), &result.combined);
    assert_eq!(assessment.recommendation, Recommendation::NotReady);
    let blocker = assessment
        .blockers
        .iter()
        .find(|b| b.id == "stakeholders_not_aligned");
    assert!(
        blocker.is_some_and(|b| b.message.starts_with(
            "Stakeholders are not aligned on capacity.ownership (alice: named_part_time; bob: whoever_has_time)."
        )),
        "{:?}",
        assessment.blockers
    );
}

#[test]
fn naming_different_accountable_owners_is_a_disagreement() {
    let result = run(&team(&[
        &[("success.accountable_owner", "\"Head of Platform\"")],
        &[("success.accountable_owner", "\"\"")],
    ]));
    assert_eq!(result.not_aligned.len(), 1);
    // At least half left it empty: the combined file has nobody accountable.
    assert_eq!(display(&result, "success.accountable_owner"), "(none)");
}

#[test]
fn answers_that_do_not_apply_to_the_combined_answers_are_left_out() {
    let result = run(&team(&[
        &[
            ("current.portal", "\"backstage\""),
            ("current.months_invested", "12"),
        ],
        &[("current.portal", "\"none\"")],
        &[("current.portal", "\"none\"")],
    ]));
    assert_eq!(display(&result, "current.portal"), "none");
    assert_eq!(display(&result, "current.months_invested"), "(left out)");
    assert_eq!(
        combined(&result, "current.months_invested").rule,
        Rule::NotApplicable
    );
}

#[test]
fn the_combined_file_reads_back_as_the_same_answers_and_the_same_result() {
    let mut respondents = team(&[
        &[
            ("capacity.ownership", "\"dedicated_team\""),
            ("friction.metric", "\"Lead time\""),
        ],
        &[
            ("capacity.ownership", "\"whoever_has_time\""),
            ("friction.metric", "\"Deploy \\\"frequency\\\"\""),
        ],
    ]);
    respondents.push(respondent("erin", answers(BACKSTAGE_EXAMPLE)));
    let result = run(&respondents);
    let questionnaire = builtin::questionnaire();
    let text = combined_toml(&questionnaire, &result);
    let loaded = Answers::from_toml("c.toml", &text, &questionnaire, LoadOptions::default());
    let loaded = loaded.map_err(|d| d.render());
    assert_eq!(loaded.as_ref().ok(), Some(&result.combined), "{text}");
    assert!(
        text.contains(
            "# Who owns the portal day to day?\n\
             # alice: dedicated_team; bob: whoever_has_time; erin: dedicated_team. Combined: most common\n\
             # answer.\n\
             ownership = \"dedicated_team\"\n"
        ),
        "{text}"
    );
}

#[test]
fn disagreements_already_recorded_in_a_combined_file_are_carried_over() {
    let mut respondents = team(&[
        &[(
            ALIGNMENT_ANSWER,
            "\"hosting.requirement (x: must_self_host; y: no_constraint)\"",
        )],
        &[],
    ]);
    respondents[0].name = "security-team".to_string();
    let result = run(&respondents);
    assert!(result.not_aligned.is_empty());
    assert_eq!(
        display(&result, ALIGNMENT_ANSWER),
        "hosting.requirement (x: must_self_host; y: no_constraint) (recorded by security-team)"
    );
    let assessment = assess(
        &builtin::questionnaire(),
        &builtin::weights(),
        &result.combined,
    );
    assert_eq!(assessment.recommendation, Recommendation::NotReady);
}

#[test]
fn partial_respondents_leave_what_nobody_answered_out() {
    let questionnaire = builtin::questionnaire();
    let partial = |text: &str| {
        Answers::from_toml(
            "p.toml",
            text,
            &questionnaire,
            LoadOptions { partial: true },
        )
        .unwrap_or_else(|d| panic!("{}", d.render()))
    };
    let a =
        partial("questionnaire = \"idp-portal/1\"\n[capacity]\nownership = \"dedicated_team\"\n");
    let b = partial(
        "questionnaire = \"idp-portal/1\"\n[capacity]\nownership = \"dedicated_team\"\ncommitment = \"one_year\"\n",
    );
    let result = run(&[respondent("a", a), respondent("b", b)]);
    assert_eq!(display(&result, "capacity.ownership"), "dedicated_team");
    assert_eq!(display(&result, "capacity.commitment"), "one_year");
    assert_eq!(display(&result, "hosting.requirement"), "(left out)");
    // One answer is not compared; two identical ones are aligned.
    assert_eq!(combined(&result, "capacity.commitment").aligned, None);
    assert_eq!(result.compared, 1);
    assert_eq!(result.alignment(), Some(1.0));
}
