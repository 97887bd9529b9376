//! The error-message suite: every broken answers file in `tests/errors/` is checked with
//! `idpfit validate`, and what it prints is compared with the `.stderr` file beside it.
//!
//! Beyond the exact text, each message must name the file and the line (`file:line:col:`), a
//! file with a near-miss key or value must get a "did you mean", and no file may reach the
//! panic hook. `IDPFIT_BLESS=1 cargo test --test cli errors` rewrites the `.stderr` files after an
//! intended change; review the diff before committing. See `tests/errors/README.md`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::{Execute, idpfit};

const SUITE: &str = "tests/errors";

/// Cases whose mistake is a near miss of a real key, section or value: they must suggest it.
const NEAR_MISSES: &[&str] = &[
    "typo-in-section-name",
    "typo-in-key",
    "typo-in-choice",
    "typo-in-questionnaire-key",
    "typo-in-unknown",
    "choice-in-wrong-case",
    "choice-with-space",
    "key-in-wrong-case",
    "key-with-dash",
];

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = fs::read_dir(SUITE)
        .unwrap()
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    cases.sort();
    cases
}

fn validate(case: &Path) -> (Option<i32>, String, String) {
    let run = idpfit().arg("validate").arg(case).run();
    (run.code, run.stdout, run.stderr)
}

#[test]
fn the_suite_has_at_least_thirty_cases_each_with_its_expected_message() {
    let cases = cases();
    assert!(cases.len() >= 30, "only {} cases in {SUITE}", cases.len());
    for case in &cases {
        let expected = case.with_extension("stderr");
        assert!(
            expected.exists() || std::env::var_os("IDPFIT_BLESS").is_some(),
            "{} has no {}",
            case.display(),
            expected.display()
        );
    }
    for name in NEAR_MISSES {
        let case = Path::new(SUITE).join(format!("{name}.toml"));
        assert!(case.exists(), "{} is listed but missing", case.display());
    }
}

#[test]
fn every_broken_file_gets_its_expected_message() {
    let bless = std::env::var_os("IDPFIT_BLESS").is_some();
    let mut failures = Vec::new();
    for case in cases() {
        let (code, stdout, stderr) = validate(&case);
        let expected_path = case.with_extension("stderr");
        if bless {
            fs::write(&expected_path, &stderr).unwrap();
        }
        let expected = fs::read_to_string(&expected_path).unwrap_or_default();
        if code != Some(2) {
            failures.push(format!(
                "{}: exit code {code:?}, expected 2",
                case.display()
            ));
        }
        if !stdout.is_empty() {
            failures.push(format!("{}: printed to stdout: {stdout}", case.display()));
        }
        if stderr != expected {
            failures.push(format!(
                "{}: message differs from {}\n--- expected\n{expected}\n--- actual\n{stderr}",
                case.display(),
                expected_path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_message_names_the_file_and_the_line() {
    for case in cases() {
        let (_, _, stderr) = validate(&case);
        let shown = case.display().to_string();
        let headlines: Vec<&str> = stderr
            .lines()
            .filter(|line| line.starts_with("error:"))
            .collect();
        assert!(!headlines.is_empty(), "{shown}: no error printed");
        for headline in headlines {
            let rest = headline
                .strip_prefix(&format!("error: {shown}:"))
                .unwrap_or_else(|| panic!("{shown}: headline does not name the file: {headline}"));
            let mut parts = rest.splitn(3, ':');
            let line = parts.next().unwrap_or_default();
            let column = parts.next().unwrap_or_default();
            assert!(
                line.parse::<usize>().is_ok() && column.parse::<usize>().is_ok(),
                "{shown}: headline has no line and column: {headline}"
            );
        }
    }
}

#[test]
fn near_misses_are_answered_with_a_suggestion() {
    for name in NEAR_MISSES {
        let case = Path::new(SUITE).join(format!("{name}.toml"));
        let (_, _, stderr) = validate(&case);
        assert!(
            stderr.contains("did you mean"),
            "{}: no suggestion in\n{stderr}",
            case.display()
        );
    }
}

#[test]
fn quoted_numbers_and_booleans_are_told_to_drop_the_quotes() {
    for name in ["quoted-number", "quoted-boolean"] {
        let case = Path::new(SUITE).join(format!("{name}.toml"));
        let (_, _, stderr) = validate(&case);
        assert!(
            stderr.contains("help: remove the quotes"),
            "{}:\n{stderr}",
            case.display()
        );
    }
}
