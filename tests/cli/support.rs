//! The one way the tests run the `idpfit` binary, and what a run did.
//!
//! [`idpfit`] is the command every module starts from: the binary Cargo built, run from the
//! repository root so relative paths in its output are stable, with none of the developer's
//! colour, backtrace or test-hook settings, and with a guard against a hang. Tests that need the
//! child process itself (a pseudo-terminal, an endless standard input, a shell wrapper) start from
//! [`process`], the same command before that guard.

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

/// The binary under test.
pub const BINARY: &str = env!("CARGO_BIN_EXE_idpfit");

/// The repository root: the working directory of every run unless a test says otherwise.
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The shipped examples, by file stem under `examples/`.
pub const EXAMPLES: [&str; 4] = ["port", "backstage", "hybrid", "not-ready"];

/// Text that only the panic hook prints. No input may make the binary print it.
pub const BUG_REPORT: &str = "idpfit hit an internal error";

/// Guard against a hang (a FIFO read that never returns, say): not a speed target, just long
/// enough that only a hang trips it on a loaded machine.
pub const HANG_GUARD: Duration = Duration::from_secs(120);

/// `idpfit` with no arguments yet, ready for `.args(...)`, `.assert()` or [`Execute::run`].
/// Standard input is empty unless the test writes some.
pub fn idpfit() -> assert_cmd::Command {
    let mut command = assert_cmd::Command::from_std(process());
    command.timeout(HANG_GUARD);
    command
}

/// The same command as a plain [`Command`], for tests that manage the child themselves.
pub fn process() -> Command {
    let mut command = Command::new(BINARY);
    command
        .current_dir(ROOT)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .env_remove("IDPFIT_TEST_INTERNAL_PANIC");
    command
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// Runs a prepared command to the end.
pub trait Execute {
    fn run(&mut self) -> Run;
}

impl Execute for assert_cmd::Command {
    fn run(&mut self) -> Run {
        self.output().expect("cannot run idpfit").into()
    }
}

impl Run {
    /// Asserts the run ended with one of the documented exit codes and never reached the panic
    /// hook.
    pub fn assert_handled(&self) -> &Run {
        self.assert_handled_by("idpfit")
    }

    /// [`Run::assert_handled`], naming the run `what` (its arguments, say) when it fails.
    pub fn assert_handled_by(&self, what: impl std::fmt::Display) -> &Run {
        assert!(
            matches!(self.code, Some(0..=2)),
            "{what}: exit code {:?} is not 0, 1 or 2\n{}",
            self.code,
            self.stderr
        );
        assert!(
            !self.stderr.contains(BUG_REPORT),
            "{what} reached the panic hook:\n{}",
            self.stderr
        );
        self
    }

    /// Asserts exit code 0.
    pub fn assert_success(&self) -> &Run {
        assert_eq!(self.code, Some(0), "expected success\n{}", self.stderr);
        self
    }

    /// Asserts exit code 2 and a message containing `needle`.
    pub fn assert_invalid(&self, needle: &str) -> &Run {
        self.assert_handled();
        assert_eq!(self.code, Some(2), "expected exit 2\n{}", self.stderr);
        assert!(
            self.stderr.contains(needle),
            "expected {needle:?} in\n{}",
            self.stderr
        );
        self
    }

    /// Standard output parsed as one JSON value.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|error| panic!("not JSON ({error}):\n{}", self.stdout))
    }
}

/// Runs `idpfit ARGS` from the repository root.
pub fn run(args: &[&str]) -> Run {
    idpfit().args(args).run()
}

/// Runs `idpfit ARGS` in `dir` with `stdin` (empty if `None`).
pub fn run_in(dir: &Path, args: &[&str], stdin: Option<Vec<u8>>) -> Run {
    idpfit()
        .current_dir(dir)
        .args(args)
        .write_stdin(stdin.unwrap_or_default())
        .run()
}

/// The repository's own path for `relative`, as a string argument.
pub fn repo_path(relative: &str) -> String {
    Path::new(ROOT).join(relative).display().to_string()
}

/// A shared input file, as a path relative to the repository root (see `tests/README.md`).
pub fn fixture(path: &str) -> String {
    format!("tests/fixtures/{path}")
}

/// A valid, complete answers file.
pub fn port_example() -> String {
    std::fs::read_to_string(repo_path("examples/port.toml")).expect("the port example")
}

/// Whether this process can read a file whatever its permission bits say (root, or a
/// capability such as CAP_DAC_OVERRIDE). Decided by trying, not by asking who we are.
pub fn permissions_are_bypassed(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("permission-probe");
    let _ = std::fs::write(&probe, "x");
    let _ = std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000));
    let bypassed = std::fs::read(&probe).is_ok();
    let _ = std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o600));
    let _ = std::fs::remove_file(&probe);
    bypassed
}
