//! Promises the source layout makes to the people who change it: an error about a file names
//! the right kind of file, and (below) no two top-level modules import each other, directly or
//! through others.

use assert_cmd::Command;

fn idpfit() -> Command {
    let mut command = Command::cargo_bin("idpfit").unwrap_or_else(|e| panic!("{e}"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// Runs `idpfit ARGS`, expects exit status 2, and returns what it printed on standard error.
fn refused(args: &[&str]) -> String {
    let output = idpfit()
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(2), "{args:?}");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_directory_passed_for_a_file_gets_a_hint_for_that_kind_of_file() {
    let answers = refused(&["score", "examples"]);
    assert!(
        answers.contains(
            "examples: is a directory, not a file\n  = help: pass the answers file inside it, e.g. examples/idp-answers.toml"
        ),
        "{answers}"
    );
    let weights = refused(&["--weights", "examples", "score", "examples/port.toml"]);
    assert!(
        weights.contains(
            "cannot load the weights: examples: is a directory, not a file\n  = help: pass the weights file inside it, e.g. examples/default.toml"
        ),
        "{weights}"
    );
    let questionnaire = refused(&["--questionnaire", "examples", "score", "examples/port.toml"]);
    assert!(
        questionnaire.contains(
            "cannot load the questionnaire: examples: is a directory, not a file\n  = help: pass the questionnaire file inside it, e.g. examples/idp-portal-v1.toml"
        ),
        "{questionnaire}"
    );
    for other in [&weights, &questionnaire] {
        assert!(!other.contains("answers file"), "{other}");
    }
}

#[test]
fn a_missing_file_gets_a_hint_for_that_kind_of_file() {
    let answers = refused(&["score", "no/such/answers.toml"]);
    assert!(
        answers.contains(
            "no/such/answers.toml: file not found\n  = help: check the path; `idpfit template > idp-answers.toml` writes a file to start from"
        ),
        "{answers}"
    );
    let weights = refused(&[
        "--weights",
        "no/such/weights.toml",
        "score",
        "examples/port.toml",
    ]);
    assert!(
        weights.contains(
            "no/such/weights.toml: file not found\n  = help: check the path, or leave out --weights to use the built-in weights"
        ),
        "{weights}"
    );
    let questionnaire = refused(&["--questionnaire", "no/such/q.toml", "template"]);
    assert!(
        questionnaire.contains(
            "no/such/q.toml: file not found\n  = help: check the path, or leave out --questionnaire to use the built-in questionnaire"
        ),
        "{questionnaire}"
    );
    for other in [&weights, &questionnaire] {
        assert!(!other.contains("idpfit template >"), "{other}");
    }
}
