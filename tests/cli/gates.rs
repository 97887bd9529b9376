//! The `score` gates for CI: `--expect`, `--fail-on-blockers` and `--min-confidence`, and the
//! exit code 1 they give when a gate fails.

use crate::support::{Execute, Run, fixture, idpfit};

fn score(args: &[&str]) -> Run {
    idpfit().arg("score").args(args).run()
}

#[test]
fn the_expected_recommendation_passes() {
    let output = score(&["examples/port.toml", "--expect", "port"]);
    output.assert_success();
    assert!(output.stderr.is_empty(), "{}", output.stderr);
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
    assert_eq!(output.code, Some(1));
    assert_eq!(
        output.stderr,
        "gate failed: examples/port.toml: expected backstage, but the recommendation is port (Port): \
         Port leads Backstage by 39.8 points. Service metadata is kept current by hand; it will drift \
         once the portal shows it to everyone. Plan to automate it.\n"
    );
    assert!(
        output
            .stdout
            .starts_with("## idpfit: Port (confidence: medium)"),
        "{}",
        output.stdout
    );
}

#[test]
fn not_ready_can_be_expected_and_names_its_blockers_when_it_is_not_met() {
    let output = score(&["examples/not-ready.toml", "--expect", "not_ready"]);
    output.assert_success();
    let output = score(&["examples/not-ready.toml", "--expect", "port"]);
    assert_eq!(output.code, Some(1));
    assert!(
        output.stderr.contains("expected port, but the recommendation is not_ready (Not yet (leaning Port)): blocked by golden_paths_unreliable, deploys_manual"),
        "{}",
        output.stderr
    );
}

#[test]
fn blockers_fail_the_blocker_gate() {
    let output = score(&["examples/not-ready.toml", "--fail-on-blockers"]);
    assert_eq!(output.code, Some(1));
    assert!(
        output.stderr.starts_with(
            "gate failed: examples/not-ready.toml: 5 blockers (golden_paths_unreliable, deploys_manual, catalog_stale, no_baseline_metric, no_accountable_owner): "
        ),
        "{}",
        output.stderr
    );
    let clean = score(&["examples/backstage.toml", "--fail-on-blockers"]);
    clean.assert_success();
}

#[test]
fn low_confidence_fails_a_minimum() {
    let borderline = fixture("gates/borderline.toml");
    let output = score(&[&borderline, "--min-confidence", "medium"]);
    assert_eq!(output.code, Some(1));
    assert!(
        output
            .stderr
            .contains("confidence is low, below the required medium: Port leads Backstage by "),
        "{}",
        output.stderr
    );
    let low = score(&[&borderline, "--min-confidence", "low"]);
    assert_eq!(low.code, Some(0));
    let clear = fixture("scenarios/stretched-quarterly-standard.toml");
    let high = score(&[&clear, "--min-confidence", "high"]);
    high.assert_success();
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
    assert_eq!(output.code, Some(1));
    let failures: Vec<&str> = output.stderr.lines().collect();
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert!(failures[0].starts_with("gate failed: examples/backstage.toml: expected port"));
    // Both results are still printed, one JSON object per line.
    assert_eq!(output.stdout.lines().count(), 2);
}

#[test]
fn invalid_input_wins_over_a_failed_gate() {
    let bad = fixture("schema/bad.toml");
    let output = score(&["examples/port.toml", &bad, "--expect", "backstage"]);
    assert_eq!(output.code, Some(2));
    assert!(
        output.stderr.contains("gate failed: examples/port.toml"),
        "{}",
        output.stderr
    );
}

#[test]
fn an_unknown_expectation_is_a_usage_error() {
    let output = score(&["examples/port.toml", "--expect", "portal"]);
    assert_eq!(output.code, Some(2));
    assert!(
        output
            .stderr
            .contains("possible values: backstage, port, hybrid, not_ready"),
        "{}",
        output.stderr
    );
}
