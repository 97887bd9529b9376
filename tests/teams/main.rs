//! End-to-end tests of the team, history and CI commands, run through the binary as a user
//! would: `aggregate`, `diff`, the `score` gates, `schema`, `presets`, `completions`, `man`,
//! and the example CI workflow. Inputs live beside the tests in `fixtures/` (see README.md).

mod aggregate;
mod ci_example;
mod diff;
mod gates;
mod manual;
mod presets;
mod schema;

use assert_cmd::Command;

/// The binary, run from the repository root so paths and file names in output are stable.
pub fn idpfit() -> Command {
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("idpfit");
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command.env_remove("NO_COLOR");
    command
}

/// A fixture path relative to the repository root.
pub fn fixture(path: &str) -> String {
    format!("tests/teams/fixtures/{path}")
}

/// Standard output of a run as text.
pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Parses standard output as JSON, failing the test with the text when it is not.
pub fn json(output: &std::process::Output) -> serde_json::Value {
    match serde_json::from_slice(&output.stdout) {
        Ok(value) => value,
        Err(error) => panic!("not JSON ({error}):\n{}", stdout(output)),
    }
}
