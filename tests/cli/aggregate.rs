//! `idpfit aggregate`: several stakeholders' answers combined into one file, with who disagreed
//! on what.

use crate::support::{Execute, fixture, idpfit};

fn stakeholders() -> Vec<String> {
    ["platform-lead", "staff-engineer", "vp-engineering"]
        .iter()
        .map(|name| fixture(&format!("aggregate/{name}.toml")))
        .collect()
}

fn question<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    report["questions"]
        .as_array()
        .and_then(|list| list.iter().find(|q| q["answer"] == id))
        .unwrap_or(&serde_json::Value::Null)
}

#[test]
fn disagreement_on_ownership_is_reported_as_a_blocker_with_who_answered_what() {
    let run = idpfit().arg("aggregate").args(stakeholders()).run();
    run.assert_success();
    let text = &run.stdout;
    assert!(
        text.contains("Alignment: 78% (21 of 27 compared questions unanimous)"),
        "{text}"
    );
    assert!(text.contains(
        "✗ Stakeholders are not aligned on capacity.ownership (Who owns the portal day to day?): \
         platform-lead: whoever_has_time; staff-engineer: named_part_time; vp-engineering: named_part_time."
    ), "{text}");
    assert!(
        text.contains("The combined answers score: Not yet (leaning Port)"),
        "{text}"
    );
    assert!(run.stderr.contains("pass --output FILE"), "{}", run.stderr);
}

#[test]
fn the_combined_file_scores_like_any_other_and_shows_the_disagreement() {
    let dir = tempfile::tempdir().unwrap();
    let combined = dir.path().join("combined.toml");
    idpfit()
        .arg("aggregate")
        .args(stakeholders())
        .arg("--output")
        .arg(&combined)
        .run()
        .assert_success();
    let text = std::fs::read_to_string(&combined).unwrap();
    assert!(
        text.starts_with(
            "# Combined answers of 3 respondents: platform-lead, staff-engineer, vp-engineering.\n"
        ),
        "{text}"
    );
    // The texts that differ are kept per respondent, an empty one marked.
    assert!(
        text.contains(
            "accountable_owner = \"\"\"\nplatform-lead: Head of Platform\nstaff-engineer: (none)\nvp-engineering: Head of Platform\"\"\"\n"
        ),
        "{text}"
    );
    let scored = idpfit()
        .args(["score", "--format", "json"])
        .arg(&combined)
        .run();
    scored.assert_success();
    let result = scored.json();
    assert_eq!(result["recommendation"], "not_ready");
    assert_eq!(result["leaning"], "port");
    let blocker = result["blockers"]
        .as_array()
        .and_then(|b| b.iter().find(|b| b["id"] == "stakeholders_not_aligned"))
        .and_then(|b| b["message"].as_str())
        .expect("a stakeholders_not_aligned blocker with a message");
    assert!(
        blocker.starts_with(
            "Stakeholders are not aligned on capacity.ownership (platform-lead: whoever_has_time; \
             staff-engineer: named_part_time; vp-engineering: named_part_time), success.accountable_owner"
        ),
        "{blocker}"
    );
    // Writing it again without --force is refused and leaves the file alone.
    let again = idpfit()
        .arg("aggregate")
        .args(stakeholders())
        .arg("--output")
        .arg(&combined)
        .run();
    assert_eq!(again.code, Some(2));
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(&combined).unwrap(), text);
}

#[test]
fn ties_go_to_the_cautious_answer_and_say_so() {
    let run = idpfit()
        .args(["aggregate", "--format", "json"])
        .arg(fixture("tie/ana.toml"))
        .arg(fixture("tie/ben.toml"))
        .run();
    run.assert_success();
    let report = run.json();
    assert_eq!(report["respondents"], serde_json::json!(["ana", "ben"]));
    let skills = question(&report, "capacity.frontend_skills");
    assert_eq!(skills["combined"], "none");
    assert_eq!(
        skills["rule"],
        "tie between none and strong: the more cautious answer"
    );
    assert_eq!(skills["tie"], serde_json::json!(["none", "strong"]));
    assert_eq!(skills["aligned"], false);
    assert_eq!(skills["agreement"], 0.5);
    let gap = question(&report, "integrations.port_gap_documented");
    assert_eq!(gap["combined"], false);
    assert_eq!(gap["tie"], serde_json::json!([false, true]));
    // Whole numbers: the median of 1 and 2 is 1.5, and a half rounds down.
    let uncovered = question(&report, "integrations.uncovered_integrations");
    assert_eq!(uncovered["combined"], 1);
    assert_eq!(uncovered["rule"], "median");
    // Nothing here must agree, so nothing blocks.
    assert_eq!(report["not_aligned"], serde_json::json!([]));
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let run = || {
        idpfit()
            .args(["aggregate", "--format", "markdown"])
            .args(stakeholders())
            .output()
            .unwrap()
            .stdout
    };
    let first = run();
    assert!(!first.is_empty());
    assert_eq!(first, run());
}

#[test]
fn two_files_with_the_same_name_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("platform-lead.toml");
    std::fs::copy(
        crate::support::repo_path(&fixture("aggregate/platform-lead.toml")),
        &copy,
    )
    .unwrap();
    let run = idpfit()
        .arg("aggregate")
        .arg(fixture("aggregate/platform-lead.toml"))
        .arg(&copy)
        .run();
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr
            .contains("would both be respondent \"platform-lead\""),
        "{}",
        run.stderr
    );
}

#[test]
fn an_invalid_respondent_file_stops_everything() {
    let dir = tempfile::tempdir().unwrap();
    let combined = dir.path().join("combined.toml");
    let run = idpfit()
        .arg("aggregate")
        .arg(fixture("aggregate/vp-engineering.toml"))
        .arg(fixture("schema/bad.toml"))
        .arg("--output")
        .arg(&combined)
        .run();
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr
            .contains("\"dedicated_tem\" is not a choice of `capacity.ownership`"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
    assert!(!combined.exists());
}

#[test]
fn one_respondent_is_not_an_aggregate() {
    let run = idpfit()
        .arg("aggregate")
        .arg(fixture("aggregate/vp-engineering.toml"))
        .run();
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("2 values required"), "{}", run.stderr);
}
