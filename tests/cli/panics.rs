//! The panic hook: what it prints when something does go wrong, and proof that no input in the
//! test suites reaches it.
//!
//! Every input of the CLI cases (`cases/`), every fuzz seed and every example is run through
//! `score` and `validate`, and as `--weights`, `--questionnaire` and `--evidence` (where an
//! answers file is a badly broken weights or questionnaire file, or evidence without any). Each run must end with exit code 0, 1 or 2 and
//! never print the bug report. The hostile inputs of `hostile.rs` and `output.rs` make the same
//! check on every run they make.

use std::fs;
use std::path::PathBuf;

use crate::support::{BUG_REPORT, Execute, Run, idpfit, repo_path, run};

fn files_in(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(repo_path(dir))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn suite_inputs() -> Vec<PathBuf> {
    let mut inputs = crate::cases::inputs();
    for target in ["answers", "weights", "questionnaire", "evidence"] {
        inputs.extend(files_in(&format!("fuzz/seeds/{target}")));
    }
    inputs.extend(files_in("examples"));
    inputs
}

/// `score` on an example with the test hook that makes the binary panic on purpose.
fn panic_run(backtrace: bool) -> Run {
    let mut command = idpfit();
    command
        .env("IDPFIT_TEST_INTERNAL_PANIC", "1")
        .args(["score", "examples/port.toml"]);
    if backtrace {
        command.env("RUST_BACKTRACE", "1");
    }
    command.run()
}

#[test]
fn a_panic_prints_a_short_bug_report_and_exits_101() {
    let Run { code, stderr, .. } = panic_run(false);
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
    assert!(stderr.contains("set RUST_BACKTRACE=1"), "{stderr}");
    assert!(stderr.lines().count() <= 5, "too long:\n{stderr}");
}

#[test]
fn rust_backtrace_adds_a_backtrace_to_the_report() {
    let Run { code, stderr, .. } = panic_run(true);
    assert_eq!(code, Some(101), "{stderr}");
    assert!(stderr.contains(BUG_REPORT), "{stderr}");
    assert!(stderr.contains("backtrace:"), "{stderr}");
    // Already set: the hint to set it would be noise.
    assert!(!stderr.contains("set RUST_BACKTRACE"), "{stderr}");
    // Symbols are kept in release builds, so the frames are named.
    assert!(stderr.contains("install_panic_hook"), "{stderr}");
}

#[test]
fn no_suite_input_reaches_the_panic_hook() {
    let inputs = suite_inputs();
    assert!(inputs.len() >= 40, "only {} inputs", inputs.len());
    let answers = repo_path("examples/port.toml");
    let mut runs = 0;
    for input in &inputs {
        let input = input.display().to_string();
        let ways: [Vec<&str>; 6] = [
            vec!["validate", &input],
            vec!["score", &input, "--format", "json"],
            vec!["score", &input, "--partial", "--format", "markdown"],
            vec!["--weights", &input, "score", &answers],
            vec!["--questionnaire", &input, "validate", &answers],
            vec!["score", "--evidence", &input, &answers],
        ];
        for args in ways {
            run(&args).assert_handled_by(format!("idpfit {args:?}"));
            runs += 1;
        }
    }
    assert_eq!(runs, inputs.len() * 6);
}
