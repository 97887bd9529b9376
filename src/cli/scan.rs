//! `idpfit scan PATH...`: its arguments, and the glue from them to [`crate::scan::scan`] and a
//! renderer. Loading the detectors, scanning and rendering are library calls; this reads the
//! `--detectors` files, decides where text goes and which exit code it is.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;

use super::args::{OutputArgs, output_help};
use super::fsio::{self, FileKind};
use super::{Exit, Io};
use crate::render::scan::{ScanFormat, render};
use crate::scan::detectors::{Detectors, Sources, render_all};
use crate::scan::{self, Options};

#[derive(Debug, Args)]
#[command(mut_args(output_help("Write the result to this file instead of standard output")))]
pub struct ScanArgs {
    /// Repositories, or folders holding repositories, to scan
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format [default: toml or json when --output ends in .toml or .json, else table]
    #[arg(long, short, value_enum)]
    pub format: Option<ScanFormat>,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Hide repository, file, job and package names behind stable hashes, to share the result
    #[arg(long)]
    pub redact: bool,
    /// Folder of detector files (tools.toml, coverage.toml, portals.toml, catalog.toml,
    /// deploys.toml, scan.toml) that replace the built-in files of the same name
    #[arg(long, value_name = "DIR")]
    pub detectors: Option<PathBuf>,
}

pub fn run(args: &ScanArgs, io: &mut Io<'_>) -> Result<Exit> {
    let detectors = match load_detectors(args.detectors.as_deref())? {
        Ok(detectors) => detectors,
        Err(problems) => {
            let _ = io.err.write_all(problems.as_bytes());
            return Ok(Exit::Invalid);
        }
    };
    let options = Options {
        redact: args.redact,
    };
    let report = match scan::scan(&args.paths, &detectors, options) {
        Ok(report) => report,
        Err(error) => {
            let _ = writeln!(io.err, "error: {error}");
            return Ok(Exit::Invalid);
        }
    };
    let format = args
        .format
        .unwrap_or_else(|| format_for(args.output.output.as_deref()));
    args.output.emit(&render(format, &report), io)?;
    // The table lists its warnings; other formats carry them too, but a person reading the
    // terminal should hear of them.
    if format != ScanFormat::Table && !report.warnings.is_empty() {
        let _ = writeln!(
            io.err,
            "idpfit scan: {} {}, listed in the output",
            report.warnings.len(),
            if report.warnings.len() == 1 {
                "warning"
            } else {
                "warnings"
            }
        );
    }
    Ok(Exit::Success)
}

/// TOML or JSON when the output file's name says so, a table otherwise.
fn format_for(output: Option<&Path>) -> ScanFormat {
    let extension = output
        .and_then(Path::extension)
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match extension.as_deref() {
        Some("toml") => ScanFormat::Toml,
        Some("json") => ScanFormat::Json,
        _ => ScanFormat::Table,
    }
}

/// The built-in detectors, with any file of `dir` replacing the built-in one of its name.
/// `Ok(Err(text))` carries every problem found, rendered for the terminal.
fn load_detectors(dir: Option<&Path>) -> Result<Result<Detectors, String>> {
    let sources = match dir {
        None => Sources::builtin(),
        Some(dir) => {
            if !dir.is_dir() {
                anyhow::bail!(
                    "{}: not a folder\n  = help: --detectors takes a folder holding files such as tools.toml and coverage.toml",
                    dir.display()
                );
            }
            Sources::builtin()
                .with_overrides(dir, |path| fsio::read_text(path, FileKind::Detectors))
                .context("cannot load the detectors")?
        }
    };
    Ok(Detectors::from_sources(&sources).map_err(|problems| render_all(&problems)))
}
