//! `idpfit score`, `validate`, `template` and `questions` run as a user runs them: the
//! recommendation, the output formats, `--output`, and the weights and questionnaire as data.

use std::fs;
use std::path::Path;

use predicates::prelude::*;
use predicates::str::contains;

use crate::support::{Execute, fixture, idpfit, run};

/// Inputs of two CLI cases, used here for what a run does beyond its message.
const SECTIONS_MISSING: &str =
    "tests/cli/cases/broken-answers/only-a-few-sections-answered/answers.toml";
const NOT_TOML: &str = "tests/cli/cases/broken-answers/toml-syntax-error/answers.toml";

fn json_of(args: &[&str]) -> serde_json::Value {
    let run = run(args);
    run.assert_success();
    run.json()
}

// ----------------------------------------------------------------------------------------------
// score

#[test]
fn every_example_gets_its_documented_recommendation() {
    for (file, expected, leaning) in [
        ("examples/port.toml", "port", "port"),
        ("examples/backstage.toml", "backstage", "backstage"),
        ("examples/hybrid.toml", "hybrid", "hybrid"),
        ("examples/not-ready.toml", "not_ready", "port"),
    ] {
        let json = json_of(&["score", "--format", "json", file]);
        assert_eq!(json["recommendation"], expected, "{file}");
        assert_eq!(json["leaning"], leaning, "{file}");
        assert_eq!(json["questionnaire"], "idp-portal/1");
    }
}

#[test]
fn json_has_the_spec_keys() {
    let json = json_of(&["score", "--format", "json", "examples/not-ready.toml"]);
    for key in [
        "questionnaire",
        "recommendation",
        "leaning",
        "confidence",
        "scores",
        "dimensions",
        "excluded",
        "blockers",
        "rationale",
        "open_questions",
        "unknowns",
    ] {
        assert!(json.get(key).is_some(), "missing {key}");
    }
    let dimensions: Vec<&str> = json["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|x| x["id"].as_str())
        .collect();
    assert_eq!(dimensions, ["capacity", "integrations", "hosting", "time"]);
    let rationale = &json["rationale"][0];
    assert!(rationale["answer"].is_string() && rationale["points"].is_number());
    let blockers: Vec<&str> = json["blockers"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|x| x["id"].as_str())
        .collect();
    assert!(blockers.contains(&"golden_paths_unreliable"));
    assert!(blockers.contains(&"no_accountable_owner"));
}

#[test]
fn table_output_shows_the_recommendation_and_reasons() {
    idpfit()
        .args(["score", "examples/backstage.toml"])
        .assert()
        .success()
        .stdout(contains("Recommendation: Backstage"))
        .stdout(contains("Top reasons"))
        .stdout(contains("hosting.requirement = must_self_host"))
        .stdout(contains(
            "Port: All tooling must run in your own infrastructure",
        ));
}

#[test]
fn no_color_means_no_escape_codes() {
    idpfit()
        .args(["score", "examples/port.toml"])
        .assert()
        .success()
        .stdout(contains("\u{1b}[").not());
}

#[test]
fn markdown_output_is_a_pull_request_comment() {
    idpfit()
        .args(["score", "--format", "markdown", "examples/not-ready.toml"])
        .assert()
        .success()
        .stdout(contains("## idpfit: Not yet (leaning Port)"))
        .stdout(contains("### Blockers"))
        .stdout(contains("| Option | Score | Status |"));
}

#[test]
fn several_files_give_one_json_object_per_line() {
    let run = run(&[
        "score",
        "--format",
        "json",
        "examples/port.toml",
        "examples/hybrid.toml",
    ]);
    run.assert_success();
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is one JSON object"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["file"], "examples/port.toml");
    assert_eq!(lines[0]["recommendation"], "port");
    assert_eq!(lines[1]["recommendation"], "hybrid");
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    let unknowns = fixture("unknowns.toml");
    for format in ["table", "json", "markdown"] {
        let run = || {
            idpfit()
                .args([
                    "score",
                    "--format",
                    format,
                    "examples/hybrid.toml",
                    &unknowns,
                ])
                .output()
                .unwrap()
                .stdout
        };
        let first = run();
        assert!(!first.is_empty());
        assert_eq!(first, run(), "{format}");
    }
}

#[test]
fn an_unknown_answer_is_explored_and_lowers_confidence() {
    let json = json_of(&["score", "--format", "json", &fixture("unknowns.toml")]);
    assert_eq!(json["recommendation"], "port");
    assert_eq!(json["holds_across_unknowns"], false);
    let unknown = &json["unknowns"][0];
    assert_eq!(unknown["answer"], "hosting.requirement");
    assert!(unknown["outcomes"].as_array().is_some_and(|o| {
        o.iter()
            .any(|x| x["value"] == "must_self_host" && x["recommendation"] == "backstage")
    }));
    let known = json_of(&["score", "--format", "json", "examples/port.toml"]);
    assert_eq!(known["confidence"], "medium");
    assert_eq!(json["confidence"], "low");
    assert!(
        json["confidence_reason"]
            .as_str()
            .is_some_and(|r| r.contains("An unknown answer could change the recommendation."))
    );
}

#[test]
fn partial_scores_what_is_there_and_lists_what_is_missing() {
    let json = json_of(&["score", "--partial", "--format", "json", SECTIONS_MISSING]);
    assert_eq!(json["missing"].as_array().unwrap().len(), 20);
    assert!(json["recommendation"].is_string());
}

#[test]
fn output_file_is_written_and_not_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("result.json");
    let out_arg = out.to_string_lossy().to_string();
    idpfit()
        .args([
            "score",
            "--format",
            "json",
            "--output",
            &out_arg,
            "examples/port.toml",
        ])
        .assert()
        .success()
        .stdout("");
    let first = fs::read_to_string(&out).unwrap();
    assert!(first.contains("\"recommendation\": \"port\""));
    idpfit()
        .args([
            "score",
            "--format",
            "json",
            "--output",
            &out_arg,
            "examples/hybrid.toml",
        ])
        .assert()
        .code(2)
        .stderr(contains("already exists"))
        .stderr(contains("--force"));
    assert_eq!(fs::read_to_string(&out).unwrap(), first);
    idpfit()
        .args([
            "score",
            "--format",
            "json",
            "--force",
            "--output",
            &out_arg,
            "examples/hybrid.toml",
        ])
        .assert()
        .success();
    assert!(
        fs::read_to_string(&out)
            .unwrap()
            .contains("\"recommendation\": \"hybrid\"")
    );
}

#[test]
fn answers_can_come_from_standard_input() {
    let source = fs::read_to_string("examples/port.toml").unwrap();
    idpfit()
        .args(["score", "--format", "json", "-"])
        .write_stdin(source)
        .assert()
        .success()
        .stdout(contains("\"recommendation\": \"port\""))
        .stdout(contains("\"file\": \"<stdin>\""));
}

// ----------------------------------------------------------------------------------------------
// weights and questionnaire as data

#[test]
fn editing_the_weights_changes_the_result_without_recompiling() {
    let dir = tempfile::tempdir().unwrap();
    let weights = fs::read_to_string("weights/default.toml").unwrap();
    // Make the time dimension overwhelming: a quarter's deadline then decides for Port even in
    // the self-hosting-free version of the Backstage example.
    let heavy_time = weights.replacen(
        "[dimensions.time]\nweight = 1.0",
        "[dimensions.time]\nweight = 12.0",
        1,
    );
    assert_ne!(heavy_time, weights, "the weights file layout changed");
    let path = dir.path().join("heavy-time.toml");
    fs::write(&path, heavy_time).unwrap();
    let answers = fs::read_to_string("examples/backstage.toml")
        .unwrap()
        .replace(
            "requirement = \"must_self_host\"",
            "requirement = \"no_constraint\"",
        )
        .replace("first_value_months = 9", "first_value_months = 2")
        .replace("horizon = \"multi_year\"", "horizon = \"quarterly\"");
    let answers_path = dir.path().join("answers.toml");
    fs::write(&answers_path, answers).unwrap();
    let answers_arg = answers_path.to_string_lossy().to_string();
    let default = json_of(&["score", "--format", "json", &answers_arg]);
    let heavy = json_of(&[
        "score",
        "--format",
        "json",
        "--weights",
        &path.to_string_lossy(),
        &answers_arg,
    ]);
    assert_eq!(default["recommendation"], "backstage");
    assert_eq!(heavy["recommendation"], "port");
}

#[test]
fn a_weights_file_with_bad_references_lists_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let weights = fs::read_to_string("weights/default.toml")
        .unwrap()
        .replacen(
            "answer = \"timeline.horizon\"",
            "answer = \"timeline.horizn\"",
            1,
        )
        .replacen("choices.prefer_saas ", "choices.prefer_sass ", 1);
    let path = dir.path().join("bad-weights.toml");
    fs::write(&path, weights).unwrap();
    idpfit()
        .args([
            "score",
            "--weights",
            &path.to_string_lossy(),
            "examples/port.toml",
        ])
        .assert()
        .code(2)
        .stderr(contains("no question `timeline.horizn`"))
        .stderr(contains("did you mean `timeline.horizon`?"))
        .stderr(contains(
            "\"prefer_sass\" is not a choice of `hosting.requirement`",
        ))
        .stderr(contains("bad-weights.toml:"));
}

#[test]
fn a_custom_questionnaire_is_used_for_validation() {
    let dir = tempfile::tempdir().unwrap();
    let questionnaire = fs::read_to_string("questionnaires/idp-portal-v1.toml").unwrap()
        .replace(
            "{ value = \"whoever_has_time\", label = \"Whoever has time works on it\" },",
            "{ value = \"whoever_has_time\", label = \"Whoever has time works on it\" },\n  { value = \"contractor\", label = \"A contractor\" },",
        )
        .replace(
            "cautious = [\"whoever_has_time\", \"named_part_time\", \"dedicated_team\"]",
            "cautious = [\"whoever_has_time\", \"contractor\", \"named_part_time\", \"dedicated_team\"]",
        );
    let path = dir.path().join("q.toml");
    fs::write(&path, questionnaire).unwrap();
    let answers = fs::read_to_string("examples/port.toml").unwrap().replace(
        "ownership = \"named_part_time\"",
        "ownership = \"contractor\"",
    );
    let answers_path = dir.path().join("a.toml");
    fs::write(&answers_path, answers).unwrap();
    idpfit()
        .args(["validate", &answers_path.to_string_lossy()])
        .assert()
        .code(2)
        .stderr(contains(
            "\"contractor\" is not a choice of `capacity.ownership`",
        ));
    idpfit()
        .args([
            "validate",
            "--questionnaire",
            &path.to_string_lossy(),
            &answers_path.to_string_lossy(),
        ])
        .assert()
        .success()
        .stdout(contains("valid"));
}

// ----------------------------------------------------------------------------------------------
// validate, template, questions

#[test]
fn validate_accepts_every_example() {
    idpfit()
        .args([
            "validate",
            "examples/port.toml",
            "examples/backstage.toml",
            "examples/hybrid.toml",
            "examples/not-ready.toml",
        ])
        .assert()
        .success()
        .stdout(contains("examples/hybrid.toml: valid"));
}

#[test]
fn the_template_validates_and_scores_with_every_answer_open() {
    let output = run(&["template"]);
    output.assert_success();
    let template = output.stdout;
    assert!(template.contains("\"dedicated_team\"    A dedicated team owns it as a product"));
    assert!(template.contains("# engineers = 1"));
    idpfit()
        .args(["validate", "-"])
        .write_stdin(template.clone())
        .assert()
        .success();
    let json = idpfit()
        .args(["score", "--format", "json", "-"])
        .write_stdin(template)
        .run()
        .json();
    assert_eq!(json["confidence"], "low");
    assert!(json["unknowns"].as_array().is_some_and(|u| u.len() > 20));
}

#[test]
fn template_to_a_file_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("idp-answers.toml");
    let arg = path.to_string_lossy().to_string();
    idpfit()
        .args(["template", "--output", &arg])
        .assert()
        .success();
    idpfit()
        .args(["template", "--output", &arg])
        .assert()
        .code(2)
        .stderr(contains("already exists"));
    idpfit()
        .args(["template", "--force", "--output", &arg])
        .assert()
        .success();
}

#[test]
fn questions_lists_ids_types_and_allowed_values() {
    idpfit()
        .arg("questions")
        .assert()
        .success()
        .stdout(contains("capacity.ownership"))
        .stdout(contains("hosting.requirement"))
        .stdout(contains("\"must_self_host\""));
    let json = json_of(&["questions", "--format", "json"]);
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|x| x["id"].as_str())
        .collect();
    assert_eq!(ids.len(), 35);
    assert_eq!(json[0]["id"], "organization.name");
}

// ----------------------------------------------------------------------------------------------
// bad input (the messages themselves are pinned as CLI cases, in cases/)

#[test]
fn one_bad_file_among_good_ones_still_scores_the_good_ones_and_exits_2() {
    idpfit()
        .args(["score", "--format", "json", "examples/port.toml", NOT_TOML])
        .assert()
        .code(2)
        .stdout(contains("\"recommendation\":\"port\""))
        .stderr(contains("answers.toml:5:28"));
}

// ----------------------------------------------------------------------------------------------
// help, version, and the shipped examples

#[test]
fn help_and_version_succeed() {
    idpfit()
        .arg("--help")
        .assert()
        .success()
        .stdout(contains("Exit codes"));
    idpfit()
        .arg("--version")
        .assert()
        .success()
        .stdout(contains("idpfit"));
}

#[test]
fn examples_open_with_a_description_of_the_organisation() {
    for entry in fs::read_dir("examples").unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "toml") && Path::new(&path).is_file() {
            let text = fs::read_to_string(&path).unwrap();
            assert!(
                text.starts_with("# "),
                "{} does not open with a comment",
                path.display()
            );
            assert!(
                text.contains("Expected recommendation:"),
                "{}",
                path.display()
            );
        }
    }
}
