//! The `idpfit` binary: parse arguments, run, map the outcome to an exit code.

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use clap::Parser;
use idpfit::cli::{self, Cli, Exit, Io};

fn main() -> ExitCode {
    let cli = Cli::parse();
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
