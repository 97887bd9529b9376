//! Helpers shared by the end-to-end suites: run the `idpfit` binary as a user would and
//! collect what it did.

#![allow(dead_code)]

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;

/// Text that only the panic hook prints. No input may make the binary print it.
pub const BUG_REPORT: &str = "idpfit hit an internal error";

/// Guard against a hang (a FIFO read that never returns, say): not a speed target, just long
/// enough that only a hang trips it on a loaded machine.
pub const HANG_GUARD: Duration = Duration::from_secs(120);

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts the run ended with one of the documented exit codes and never reached the panic
    /// hook.
    pub fn assert_handled(&self) -> &Run {
        assert!(
            matches!(self.code, Some(0..=2)),
            "exit code {:?} is not 0, 1 or 2\n{}",
            self.code,
            self.stderr
        );
        assert!(
            !self.stderr.contains(BUG_REPORT),
            "reached the panic hook:\n{}",
            self.stderr
        );
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
}

/// Runs `idpfit ARGS` in `dir` with `stdin` (empty if `None`).
pub fn run_in(dir: &Path, args: &[&str], stdin: Option<Vec<u8>>) -> Run {
    let mut command = Command::cargo_bin("idpfit").unwrap_or_else(|e| panic!("no binary: {e}"));
    command
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .env_remove("IDPFIT_TEST_INTERNAL_PANIC")
        .args(args)
        .timeout(HANG_GUARD)
        .write_stdin(stdin.unwrap_or_default());
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run idpfit: {e}"));
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs `idpfit ARGS` from the repository root.
pub fn run(args: &[&str]) -> Run {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, None)
}

/// The repository's own path for `relative`, as a string argument.
pub fn repo_path(relative: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(relative)
        .display()
        .to_string()
}

/// A valid, complete answers file.
pub fn port_example() -> String {
    std::fs::read_to_string(repo_path("examples/port.toml"))
        .unwrap_or_else(|e| panic!("cannot read the port example: {e}"))
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
