//! `idpfit score FILE...`: score answers files and print the result, with the CI gates
//! (`--expect`, `--fail-on-blockers`, `--min-confidence`) that decide the exit status. Gates
//! never change the result or how it is rendered; they only decide the exit status and say why
//! on standard error.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::args::{EvidenceArgs, OutputArgs, output_help};
use super::data::{self, Data};
use super::{Exit, Io};
use crate::engine::gate::Gates;
use crate::engine::{AssessOptions, Assessment};
use crate::load::LoadOptions;
use crate::model::{Confidence, Recommendation};
use crate::render::Style;
use crate::render::score::{self, ScoreFormat};

#[derive(Debug, Args)]
#[command(mut_args(output_help("Write the result to this file instead of standard output")))]
pub struct ScoreArgs {
    /// Answers files to score (`-` reads standard input)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format
    #[arg(long, short, value_enum, default_value_t = ScoreFormat::Table)]
    pub format: ScoreFormat,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Score files with missing answers: they count as unknown and are listed
    #[arg(long)]
    pub partial: bool,
    #[command(flatten)]
    pub evidence: EvidenceArgs,
    #[command(flatten)]
    pub gates: GateArgs,
    /// Skip the what-if analysis (the answer changes that would flip the recommendation, and its
    /// robustness to the weights): about 2 ms less per file, for scoring files in bulk
    #[arg(long)]
    pub no_what_if: bool,
}

/// Gates a CI job can put on `idpfit score`. Any failure exits 1, after the result is written.
#[derive(Debug, Args)]
pub struct GateArgs {
    /// Exit 1 unless every file's recommendation is this one
    #[arg(
        long,
        value_enum,
        value_name = "RECOMMENDATION",
        help_heading = "Gates"
    )]
    pub expect: Option<Expected>,
    /// Exit 1 if any file has a blocker (the recommendation is then "not yet")
    #[arg(long, help_heading = "Gates")]
    pub fail_on_blockers: bool,
    /// Exit 1 if any file's confidence is below this level
    #[arg(long, value_enum, value_name = "LEVEL", help_heading = "Gates")]
    pub min_confidence: Option<Level>,
}

/// A recommendation as `--expect` takes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Expected {
    Backstage,
    Port,
    Hybrid,
    #[value(name = "not_ready", alias = "not-ready")]
    NotReady,
}

impl From<Expected> for Recommendation {
    fn from(expected: Expected) -> Self {
        match expected {
            Expected::Backstage => Recommendation::Backstage,
            Expected::Port => Recommendation::Port,
            Expected::Hybrid => Recommendation::Hybrid,
            Expected::NotReady => Recommendation::NotReady,
        }
    }
}

/// A confidence level as `--min-confidence` takes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Level {
    Low,
    Medium,
    High,
}

impl From<Level> for Confidence {
    fn from(level: Level) -> Self {
        match level {
            Level::Low => Confidence::Low,
            Level::Medium => Confidence::Medium,
            Level::High => Confidence::High,
        }
    }
}

impl GateArgs {
    fn gates(&self) -> Gates {
        Gates {
            expect: self.expect.map(Recommendation::from),
            fail_on_blockers: self.fail_on_blockers,
            min_confidence: self.min_confidence.map(Confidence::from),
        }
    }
}

pub fn run(data: &Data, args: &ScoreArgs, style: Style, io: &mut Io<'_>) -> Result<Exit> {
    let options = LoadOptions {
        partial: args.partial,
    };
    let Some(evidence) = data::evidence(data, &args.evidence, io)? else {
        return Ok(Exit::Invalid);
    };
    let model = data.model();
    let assess = AssessOptions {
        what_if: !args.no_what_if,
        evidence: evidence.as_ref(),
    };
    let scored = in_parallel(
        &args.files,
        |path| -> Result<(String, Assessment), String> {
            let answers = data::read_answers(data, path, options)?;
            let mut assessment = model.assess_with(&answers, assess);
            let name = data::display_name(path);
            assessment.file = Some(name.clone());
            Ok((name, assessment))
        },
    );
    let mut results: Vec<(String, Assessment)> = Vec::new();
    let mut invalid = false;
    for outcome in scored {
        match outcome {
            Ok(result) => results.push(result),
            Err(problems) => {
                invalid = true;
                // A closed stderr must not turn invalid input into success.
                let _ = io.err.write_all(problems.as_bytes());
            }
        }
    }
    let several = args.files.len() > 1;
    let parts = in_parallel(&results, |(file, assessment)| {
        score::render_part(args.format, file, assessment, several, style)
    });
    let text = score::join(args.format, several, &parts);
    if !results.is_empty() {
        args.output.emit(&text, io)?;
    }
    let gate_failed = check_gates(&args.gates, &results, io)?;
    Ok(if invalid {
        Exit::Invalid
    } else if gate_failed {
        Exit::GateFailed
    } else {
        Exit::Success
    })
}

/// `f` over every item, in order, on as many threads as the machine offers (scoring thousands
/// of files is the case this serves; one file is scored on the calling thread). Each file is
/// independent and the engine is pure, so the result is the same as scoring them one by one.
fn in_parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    // Asking for the core count reads cgroup files: skip it when there is nothing to share.
    if items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| match worker.join() {
                Ok(results) => results,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

/// Checks the requested gates on every scored file, explaining each failure on standard error.
/// Returns whether any gate failed.
fn check_gates(args: &GateArgs, results: &[(String, Assessment)], io: &mut Io<'_>) -> Result<bool> {
    let gates = args.gates();
    let mut failed = false;
    for (file, assessment) in results {
        for failure in gates.check(assessment) {
            writeln!(io.err, "gate failed: {file}: {failure}")?;
            failed = true;
        }
    }
    Ok(failed)
}
