//! Snapshot tests of every output format for every shipped example, and of rendered error
//! messages. Review changes with `cargo insta review`; a changed snapshot is a changed user
//! experience and belongs in the commit that causes it.

use assert_cmd::Command;

fn run(args: &[&str]) -> (String, String) {
    let output = Command::cargo_bin("idpfit")
        .unwrap_or_else(|e| panic!("binary: {e}"))
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

const EXAMPLES: [&str; 4] = ["port", "backstage", "hybrid", "not-ready"];

#[test]
fn score_outputs() {
    for example in EXAMPLES {
        let file = format!("examples/{example}.toml");
        for format in ["table", "markdown", "json"] {
            let (stdout, stderr) = run(&["score", "--format", format, &file]);
            assert_eq!(stderr, "", "{file} {format}");
            insta::assert_snapshot!(format!("score-{example}-{format}"), stdout);
        }
    }
}

#[test]
fn error_messages() {
    for fixture in [
        "typos",
        "wrong-type",
        "missing",
        "not-toml",
        "wrong-questionnaire",
    ] {
        let file = format!("tests/fixtures/{fixture}.toml");
        let (stdout, stderr) = run(&["score", &file]);
        assert_eq!(stdout, "");
        insta::assert_snapshot!(format!("error-{fixture}"), stderr);
    }
}

#[test]
fn template() {
    let (stdout, _) = run(&["template"]);
    insta::assert_snapshot!("template", stdout);
}
