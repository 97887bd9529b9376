//! The panic hook: what it prints when something does go wrong, and proof that no input in the
//! test suites reaches it.
//!
//! Every broken answers file in `tests/errors/`, every fuzz seed and every example is run
//! through `score` and `validate`, and as `--weights` and `--questionnaire` (where an answers
//! file is a badly broken weights or questionnaire file). Each run must end with exit code 0, 1
//! or 2 and never print the bug report. The hostile inputs of `tests/hostile.rs` and
//! `tests/output.rs` make the same check on every run they make.

mod support;

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;
use support::{BUG_REPORT, repo_path};

fn files_in(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(repo_path(dir))
        .unwrap_or_else(|e| panic!("cannot list {dir}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn suite_inputs() -> Vec<PathBuf> {
    let mut inputs = files_in("tests/errors");
    for target in ["answers", "weights", "questionnaire"] {
        inputs.extend(files_in(&format!("fuzz/seeds/{target}")));
    }
    inputs.extend(files_in("examples"));
    inputs
}

fn panic_run(backtrace: bool) -> (Option<i32>, String) {
    let mut command = Command::cargo_bin("idpfit").unwrap_or_else(|e| panic!("no binary: {e}"));
    command
        .env("IDPFIT_TEST_INTERNAL_PANIC", "1")
        .args(["score", "examples/port.toml"])
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    if backtrace {
        command.env("RUST_BACKTRACE", "1");
    } else {
        command
            .env_remove("RUST_BACKTRACE")
            .env_remove("RUST_LIB_BACKTRACE");
    }
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run idpfit: {e}"));
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_panic_prints_a_short_bug_report_and_exits_101() {
    let (code, stderr) = panic_run(false);
    assert_eq!(code, Some(101), "{stderr}");
    assert!(
        stderr.starts_with(&format!("error: {BUG_REPORT}")),
        "{stderr}"
    );
    assert!(
        stderr.contains("This is a bug in idpfit")
            && stderr.contains("not a problem with your files"),
        "{stderr}"
    );
    assert!(
        stderr.contains("what happened: panic requested by IDPFIT_TEST_INTERNAL_PANIC"),
        "{stderr}"
    );
    assert!(
        stderr.contains("with the command you ran and the files it read"),
        "{stderr}"
    );
    // Not the default panic text, and no backtrace unless asked for.
    assert!(!stderr.contains("thread 'main' panicked"), "{stderr}");
    assert!(!stderr.contains("backtrace:"), "{stderr}");
    assert!(stderr.lines().count() <= 5, "too long:\n{stderr}");
}

#[test]
fn rust_backtrace_adds_a_backtrace_to_the_report() {
    let (code, stderr) = panic_run(true);
    assert_eq!(code, Some(101), "{stderr}");
    assert!(stderr.contains(BUG_REPORT), "{stderr}");
    assert!(stderr.contains("backtrace:"), "{stderr}");
}

#[test]
fn no_suite_input_reaches_the_panic_hook() {
    let inputs = suite_inputs();
    assert!(inputs.len() >= 40, "only {} inputs", inputs.len());
    let answers = repo_path("examples/port.toml");
    let mut runs = 0;
    for input in &inputs {
        let input = input.display().to_string();
        let ways: [Vec<&str>; 5] = [
            vec!["validate", &input],
            vec!["score", &input, "--format", "json"],
            vec!["score", &input, "--partial", "--format", "markdown"],
            vec!["--weights", &input, "score", &answers],
            vec!["--questionnaire", &input, "validate", &answers],
        ];
        for args in ways {
            let run = support::run(&args);
            assert!(
                matches!(run.code, Some(0..=2)),
                "idpfit {args:?} exited with {:?}\n{}",
                run.code,
                run.stderr
            );
            assert!(
                !run.stderr.contains(BUG_REPORT),
                "idpfit {args:?} reached the panic hook:\n{}",
                run.stderr
            );
            runs += 1;
        }
    }
    assert_eq!(runs, inputs.len() * 5);
}
