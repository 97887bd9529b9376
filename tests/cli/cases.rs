//! CLI cases: one folder per case under `cases/GROUP/NAME/`, holding the command lines to run
//! (`case.toml`), their inputs, and exactly what they must print (`stdout`, `stderr`). This is
//! where the wording of error messages is pinned, byte for byte.
//!
//! Each command runs in its case folder, so a message names an input as a user would see it
//! (`answers.toml:12:5`). A missing `stdout` or `stderr` file means that stream must be empty.
//! `IDPFIT_BLESS=1 cargo test --test cli cases` rewrites the expected files from the current
//! binary; the exit code and the promises in `stderr_contains` are never rewritten. How to add a
//! case: `tests/README.md`.
//!
//! The runner is ours rather than trycmd's because every byte counts: trycmd turns each `\` into
//! `/` in both texts before comparing (for Windows paths), and writes that form when it
//! overwrites, so a message quoting `"\u001b"` could neither fail on a slash nor be blessed
//! faithfully.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::support::{ROOT, idpfit};

/// Where the case folders live, relative to the repository root.
const CASES: &str = "tests/cli/cases";

/// Broken answers files: each is refused with exit code 2, and every error names the file, the
/// line and the column.
const BROKEN_ANSWERS: &str = "broken-answers";

/// The input of every case in [`BROKEN_ANSWERS`].
const ANSWERS: &str = "answers.toml";

/// Environment variable that turns checking into rewriting the expected files.
const BLESS: &str = "IDPFIT_BLESS";

/// A case folder's `case.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    /// Command lines (`idpfit ARGS...`, split at whitespace); each must give the same result.
    commands: Vec<String>,
    /// The exit code every command must end with.
    status: i32,
    /// A file of the case folder given as standard input; empty input without one.
    stdin: Option<String>,
    /// Text the expected standard error must contain: a promise a bless cannot quietly drop.
    #[serde(default)]
    stderr_contains: Vec<String>,
}

#[derive(Debug)]
struct Case {
    /// `GROUP/NAME`.
    name: String,
    dir: PathBuf,
    spec: Spec,
}

impl Case {
    fn group(&self) -> &str {
        self.name.split('/').next().unwrap_or_default()
    }

    fn expected_path(&self, stream: &str) -> PathBuf {
        self.dir.join(stream)
    }

    /// The expected content of `stream`; empty when the case has no such file.
    fn expected(&self, stream: &str) -> Vec<u8> {
        match fs::read(self.expected_path(stream)) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            read => read.unwrap(),
        }
    }

    /// Runs one of the case's command lines in the case folder.
    fn run(&self, command: &str) -> std::process::Output {
        let words: Vec<&str> = command.split_whitespace().collect();
        let stdin = self
            .spec
            .stdin
            .as_ref()
            .map(|file| fs::read(self.dir.join(file)).unwrap())
            .unwrap_or_default();
        idpfit()
            .current_dir(&self.dir)
            .args(words.get(1..).unwrap_or_default())
            .write_stdin(stdin)
            .output()
            .unwrap()
    }

    /// Writes `content` as the expected `stream`, or removes the file when `content` is empty.
    fn bless(&self, stream: &str, content: &[u8]) {
        let path = self.expected_path(stream);
        if content.is_empty() {
            let _ = fs::remove_file(path);
        } else {
            fs::write(path, content).unwrap();
        }
    }
}

/// Every case, in order of name. A folder of a group without `case.toml` fails here, so a case
/// cannot be skipped by mistake.
fn cases() -> Vec<Case> {
    let root = Path::new(ROOT).join(CASES);
    let mut cases = Vec::new();
    for group in subdirectories(&root) {
        for dir in subdirectories(&group) {
            let name = format!("{}/{}", file_name(&group), file_name(&dir));
            let text = fs::read_to_string(dir.join("case.toml"))
                .unwrap_or_else(|e| panic!("{name}: cannot read case.toml: {e}"));
            let spec = toml::from_str(&text)
                .unwrap_or_else(|e| panic!("{name}/case.toml is not a case: {e}"));
            cases.push(Case { name, dir, spec });
        }
    }
    cases
}

/// Every TOML input of every case (all `.toml` files but `case.toml`), for the suites that
/// feed known-bad files to other commands.
pub fn inputs() -> Vec<PathBuf> {
    let mut inputs = Vec::new();
    for case in cases() {
        let mut files: Vec<PathBuf> = fs::read_dir(&case.dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
            .filter(|path| !path.ends_with("case.toml"))
            .collect();
        files.sort();
        inputs.extend(files);
    }
    inputs
}

fn subdirectories(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// A line-by-line diff of what was expected and what came out.
fn diff(expected: &[u8], actual: &[u8]) -> String {
    let expected = String::from_utf8_lossy(expected);
    let actual = String::from_utf8_lossy(actual);
    similar::TextDiff::from_lines(&*expected, &*actual)
        .unified_diff()
        .header("expected", "actual")
        .to_string()
}

#[test]
fn every_case_gives_its_expected_output() {
    let bless = std::env::var_os(BLESS).is_some();
    let cases = cases();
    let mut failed = Vec::new();
    for case in &cases {
        let mut problems = Vec::new();
        for (index, command) in case.spec.commands.iter().enumerate() {
            let output = case.run(command);
            if bless && index == 0 {
                case.bless("stdout", &output.stdout);
                case.bless("stderr", &output.stderr);
            }
            let code = output.status.code();
            if code != Some(case.spec.status) {
                problems.push(format!(
                    "`{command}` exited with {code:?}, expected {}\n{}",
                    case.spec.status,
                    String::from_utf8_lossy(&output.stderr)
                ));
            }
            for (stream, actual) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
                let expected = case.expected(stream);
                if *actual != expected {
                    problems.push(format!(
                        "`{command}` printed another {stream}\n{}",
                        diff(&expected, actual)
                    ));
                }
            }
        }
        if !problems.is_empty() {
            failed.push(format!("{}:\n{}", case.name, problems.join("\n")));
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} cases failed (after an intended change, rewrite the expected files with \
         {BLESS}=1 and read the diff):\n\n{}",
        failed.len(),
        cases.len(),
        failed.join("\n")
    );
}

#[test]
fn every_case_folder_is_complete() {
    for case in cases() {
        let name = &case.name;
        assert!(!case.spec.commands.is_empty(), "{name}: no command");
        for command in &case.spec.commands {
            assert!(
                command.starts_with("idpfit "),
                "{name}: `{command}` does not run idpfit"
            );
        }
        if let Some(stdin) = &case.spec.stdin {
            assert!(case.dir.join(stdin).is_file(), "{name}: no stdin {stdin}");
        }
    }
}

#[test]
fn every_case_keeps_the_promises_in_its_case_file() {
    for case in cases() {
        let stderr = String::from_utf8(case.expected("stderr")).unwrap();
        for promise in &case.spec.stderr_contains {
            assert!(
                stderr.contains(promise.as_str()),
                "{}: the message no longer says {promise:?}:\n{stderr}",
                case.name
            );
        }
    }
}

#[test]
fn broken_answers_are_refused_with_exit_2_and_nothing_on_stdout() {
    let broken: Vec<Case> = cases()
        .into_iter()
        .filter(|case| case.group() == BROKEN_ANSWERS)
        .collect();
    assert!(
        broken.len() >= 30,
        "only {} broken answers files",
        broken.len()
    );
    for case in &broken {
        let name = &case.name;
        assert_eq!(case.spec.status, 2, "{name}");
        assert!(
            !case.expected_path("stdout").exists(),
            "{name} prints to stdout"
        );
        assert!(case.dir.join(ANSWERS).is_file(), "{name}: no {ANSWERS}");
        for command in &case.spec.commands {
            assert!(
                command.split_whitespace().any(|word| word == ANSWERS),
                "{name}: `{command}` does not read {ANSWERS}"
            );
        }
    }
}

#[test]
fn every_error_about_an_answers_file_names_its_line_and_column() {
    for case in cases()
        .into_iter()
        .filter(|case| case.group() == BROKEN_ANSWERS)
    {
        let stderr = String::from_utf8_lossy(&case.expected("stderr")).into_owned();
        let headlines: Vec<&str> = stderr
            .lines()
            .filter(|line| line.starts_with("error:"))
            .collect();
        assert!(!headlines.is_empty(), "{}: no error printed", case.name);
        for headline in headlines {
            let position = headline
                .strip_prefix(&format!("error: {ANSWERS}:"))
                .unwrap_or_else(|| panic!("{}: does not name the file: {headline}", case.name));
            let mut parts = position.splitn(3, ':');
            let (line, column) = (parts.next().unwrap(), parts.next().unwrap_or_default());
            assert!(
                line.parse::<usize>().is_ok() && column.parse::<usize>().is_ok(),
                "{}: no line and column: {headline}",
                case.name
            );
        }
    }
}
