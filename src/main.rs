//! The `idpfit` binary: parse arguments, run, map the outcome to an exit code.
//!
//! Exit codes: 0 success, 1 a requested gate failed, 2 invalid input or usage, and 101 an
//! internal error (a bug: a panic, reported by [`install_panic_hook`] as a short bug report).

use std::io::{self, IsTerminal, Write};
use std::panic::PanicHookInfo;
use std::process::ExitCode;

use idpfit::cli::{self, Exit, Io};

fn main() -> ExitCode {
    install_panic_hook();
    // Lets the test suite prove that the hook fires and what it prints; not a user feature.
    if std::env::var_os("IDPFIT_TEST_INTERNAL_PANIC").is_some() {
        panic!("panic requested by IDPFIT_TEST_INTERNAL_PANIC");
    }
    let cli = cli::parse();
    let stdout = io::stdout();
    let stderr = io::stderr();
    let mut out = stdout.lock();
    let mut err = stderr.lock();
    let out_is_terminal = io::stdout().is_terminal();
    let mut io = Io {
        out: &mut out,
        err: &mut err,
        out_is_terminal,
    };
    let result = cli::run(cli, &mut io);
    let flushed = io.out.flush();
    match (result, flushed) {
        (Ok(exit), Ok(())) => ExitCode::from(exit as u8),
        (Err(error), _) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        (Ok(_), Err(error)) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        (Ok(_), Err(error)) => {
            let _ = writeln!(io.err, "error: cannot write output: {error}");
            ExitCode::from(Exit::Invalid as u8)
        }
        (Err(error), _) => {
            let _ = writeln!(io.err, "error: {error:#}");
            ExitCode::from(Exit::Invalid as u8)
        }
    }
}

/// A closed stdout (`idpfit score x.toml | head -1`) is not a failure.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Replaces Rust's default panic output (a developer message and a hint about backtraces) with
/// a short bug report: what happened, that it is idpfit's fault and not the user's, and what to
/// include when reporting it. A backtrace is added only when `RUST_BACKTRACE` asks for one. The
/// process then exits with status 101, as every Rust panic does.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let mut text = bug_report(info);
        let backtrace = std::backtrace::Backtrace::capture();
        if backtrace.status() == std::backtrace::BacktraceStatus::Captured {
            text.push_str(&format!("\nbacktrace:\n{backtrace}\n"));
        } else {
            text.push_str("  = set RUST_BACKTRACE=1 to add a backtrace to the report\n");
        }
        let _ = io::stderr().lock().write_all(text.as_bytes());
    }));
}

fn bug_report(info: &PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let what = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("unknown cause");
    let location = info
        .location()
        .map_or_else(String::new, |l| format!(" at {}:{}", l.file(), l.line()));
    let repository = option_env!("CARGO_PKG_REPOSITORY").filter(|r| !r.is_empty());
    let report_to = match repository {
        Some(url) => format!("please report it at {url}/issues"),
        None => "please report it to the idpfit maintainers".to_string(),
    };
    format!(
        "error: idpfit hit an internal error. This is a bug in idpfit {version}, not a problem with your files.\n  \
         = what happened: {what}{location}\n  \
         = {report_to}, with the command you ran and the files it read (remove anything private)\n",
        version = env!("CARGO_PKG_VERSION"),
    )
}
