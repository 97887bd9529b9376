use crate::{fixture, idpfit, stderr, stdout};

fn score(args: &[&str]) -> std::process::Output {
    idpfit()
        .arg("score")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_expected_recommendation_passes() {
    let output = score(&["examples/port.toml", "--expect", "port"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
}

#[test]
fn a_different_recommendation_fails_with_the_reason_and_still_prints_the_result() {
    let output = score(&[
        "examples/port.toml",
        "--expect",
        "backstage",
        "--format",
        "markdown",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "gate failed: examples/port.toml: expected backstage, but the recommendation is port (Port): \
         Port leads Backstage by 56.9 points.\n"
    );
    assert!(
        stdout(&output).starts_with("## idpfit: Port (confidence: high)"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn not_ready_can_be_expected_and_names_its_blockers_when_it_is_not_met() {
    let output = score(&["examples/not-ready.toml", "--expect", "not_ready"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let output = score(&["examples/not-ready.toml", "--expect", "port"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("expected port, but the recommendation is not_ready (Not yet (leaning Port)): blocked by golden_paths_unreliable, deploys_manual"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn blockers_fail_the_blocker_gate() {
    let output = score(&["examples/not-ready.toml", "--fail-on-blockers"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with(
            "gate failed: examples/not-ready.toml: 5 blockers (golden_paths_unreliable, deploys_manual, catalog_stale, no_baseline_metric, no_accountable_owner): "
        ),
        "{}",
        stderr(&output)
    );
    let clean = score(&["examples/backstage.toml", "--fail-on-blockers"]);
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
}

#[test]
fn low_confidence_fails_a_minimum() {
    let borderline = fixture("gates/borderline.toml");
    let output = score(&[&borderline, "--min-confidence", "medium"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(
            "confidence is low, below the required medium: Port leads Backstage by 0.6 points."
        ),
        "{}",
        stderr(&output)
    );
    let low = score(&[&borderline, "--min-confidence", "low"]);
    assert_eq!(low.status.code(), Some(0));
    let high = score(&["examples/port.toml", "--min-confidence", "high"]);
    assert_eq!(high.status.code(), Some(0), "{}", stderr(&high));
}

#[test]
fn one_failing_file_among_several_fails_the_run() {
    let output = score(&[
        "examples/port.toml",
        "examples/backstage.toml",
        "--expect",
        "port",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let failures: Vec<&str> = std::str::from_utf8(&output.stderr)
        .unwrap_or_default()
        .lines()
        .collect();
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert!(failures[0].starts_with("gate failed: examples/backstage.toml: expected port"));
    // Both results are still printed, one JSON object per line.
    assert_eq!(stdout(&output).lines().count(), 2);
}

#[test]
fn invalid_input_wins_over_a_failed_gate() {
    let bad = fixture("schema/bad.toml");
    let output = score(&["examples/port.toml", &bad, "--expect", "backstage"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("gate failed: examples/port.toml"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_unknown_expectation_is_a_usage_error() {
    let output = score(&["examples/port.toml", "--expect", "portal"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("possible values: backstage, port, hybrid, not_ready"),
        "{}",
        stderr(&output)
    );
}
