//! Commands for teams, history and CI: the `score` gates, `presets`, `schema`, `completions`
//! and `man`. Argument definitions and the glue between files and the pure modules that do the
//! work ([`crate::gate`], [`crate::presets`], [`crate::schema`], [`crate::manual`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Args, ValueEnum};
use clap_complete::Shell;

use super::{Data, DataArgs, Exit, Io, emit, load_answers, load_questionnaire, report};
use crate::answers::LoadOptions;
use crate::domain::{Confidence, Recommendation};
use crate::engine::gate::Gates;
use crate::engine::{Assessment, Model};
use crate::fsio::{self, Overwrite};
use crate::render::Style;
use crate::render::teams::{self as team_render, TeamFormat};
use crate::render::{listing, schema};
use crate::teams::aggregate::{self, ALIGNMENT_ANSWER, Respondent};
use crate::teams::diff;
use crate::{manual, presets};

#[derive(Debug, Args)]
pub struct AggregateArgs {
    /// Each respondent's answers file; the file name without its extension names the respondent
    #[arg(required = true, num_args = 2.., value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Write the combined answers file here (score it with `idpfit score`)
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace the --output file if it exists
    #[arg(long)]
    pub force: bool,
    /// Format of the alignment report on standard output
    #[arg(long, short, value_enum, default_value_t)]
    pub format: TeamFormat,
    /// Accept respondents' files with missing answers (missing counts as not answering)
    #[arg(long)]
    pub partial: bool,
}

pub(super) fn aggregate(
    data: &Data,
    args: &AggregateArgs,
    style: Style,
    io: &mut Io<'_>,
) -> Result<Exit> {
    let names = match respondent_names(&args.files) {
        Ok(names) => names,
        Err(message) => {
            writeln!(io.err, "error: {message}")?;
            return Ok(Exit::Invalid);
        }
    };
    let options = LoadOptions {
        partial: args.partial,
    };
    let mut respondents = Vec::new();
    let mut invalid = false;
    for (path, name) in args.files.iter().zip(names) {
        match load_answers(data, path, options, io)? {
            Some(answers) => respondents.push(Respondent { name, answers }),
            None => invalid = true,
        }
    }
    if invalid {
        return Ok(Exit::Invalid);
    }
    let questionnaire = &data.questionnaire;
    let combined = aggregate::aggregate(questionnaire, &data.weights, &respondents);
    let assessment = Model::new(questionnaire, &data.weights).assess(&combined.combined);
    let text =
        team_render::aggregate::render(args.format, questionnaire, &combined, &assessment, style);
    if let Some(path) = &args.output {
        let overwrite = if args.force {
            Overwrite::Allow
        } else {
            Overwrite::Refuse
        };
        let file = team_render::aggregate::combined_toml(questionnaire, &combined);
        fsio::write_atomic(path, &file, overwrite)?;
    }
    io.out.write_all(text.as_bytes())?;
    if !combined.not_aligned.is_empty() && questionnaire.index_of(ALIGNMENT_ANSWER).is_none() {
        writeln!(
            io.err,
            "warning: the questionnaire has no `{ALIGNMENT_ANSWER}` question, so the combined file cannot record the disagreement; scoring it alone will not show it"
        )?;
    }
    match &args.output {
        Some(path) => writeln!(
            io.err,
            "wrote the combined answers to {}; score them with `idpfit score {}`",
            path.display(),
            path.display()
        )?,
        None => writeln!(
            io.err,
            "note: pass --output FILE to write the combined answers file"
        )?,
    }
    Ok(Exit::Success)
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier answers file
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later answers file
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Output format
    #[arg(long, short, value_enum, default_value_t)]
    pub format: TeamFormat,
    /// Accept files with missing answers (scored as unknown)
    #[arg(long)]
    pub partial: bool,
}

pub(super) fn diff(data: &Data, args: &DiffArgs, style: Style, io: &mut Io<'_>) -> Result<Exit> {
    if args.old.as_os_str() == fsio::STDIN && args.new.as_os_str() == fsio::STDIN {
        writeln!(
            io.err,
            "error: only one of OLD and NEW can be `-` (standard input)"
        )?;
        return Ok(Exit::Invalid);
    }
    let options = LoadOptions {
        partial: args.partial,
    };
    let old = load_answers(data, &args.old, options, io)?;
    let new = load_answers(data, &args.new, options, io)?;
    let (Some(old), Some(new)) = (old, new) else {
        return Ok(Exit::Invalid);
    };
    let model = Model::new(&data.questionnaire, &data.weights);
    let result = diff::diff(&model, &old, &new);
    let (old_name, new_name) = (
        super::display_name(&args.old),
        super::display_name(&args.new),
    );
    let text = team_render::diff::render(
        args.format,
        &data.questionnaire,
        &result,
        (&old_name, &new_name),
        style,
    );
    io.out.write_all(text.as_bytes())?;
    Ok(Exit::Success)
}

/// Each file's respondent name: its stem (`-` is "stdin"). Two files with the same stem are an
/// error, since the report could not tell them apart.
fn respondent_names(files: &[PathBuf]) -> Result<Vec<String>, String> {
    let mut seen: BTreeMap<String, &Path> = BTreeMap::new();
    let mut names = Vec::new();
    for path in files {
        let name = if path.as_os_str() == fsio::STDIN {
            "stdin".to_string()
        } else {
            path.file_stem().map_or_else(
                || path.display().to_string(),
                |s| s.to_string_lossy().into_owned(),
            )
        };
        if let Some(first) = seen.insert(name.clone(), path) {
            return Err(format!(
                "{} and {} would both be respondent \"{name}\"\n  = help: the file name (without extension) names the respondent; rename one, e.g. to {name}-2.toml",
                first.display(),
                path.display()
            ));
        }
        names.push(name);
    }
    Ok(names)
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

impl GateArgs {
    fn gates(&self) -> Gates {
        Gates {
            expect: self.expect.map(Recommendation::from),
            fail_on_blockers: self.fail_on_blockers,
            min_confidence: self.min_confidence.map(Confidence::from),
        }
    }
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

/// Checks the requested gates on every scored file, explaining each failure on standard error.
/// Returns whether any gate failed.
pub(super) fn check_gates(
    args: &GateArgs,
    results: &[(String, Assessment)],
    io: &mut Io<'_>,
) -> Result<bool> {
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

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write the schema to this file instead of standard output
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace the --output file if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write idpfit.1 and one idpfit-<command>.1 per subcommand into this directory
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    pub dir: Option<PathBuf>,
    /// Write the main page to this file instead of standard output
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace existing files
    #[arg(long)]
    pub force: bool,
}

pub(super) fn presets(data: &DataArgs, io: &mut Io<'_>) -> Result<Exit> {
    let Some(questionnaire) = load_questionnaire(data, io)? else {
        return Ok(Exit::Invalid);
    };
    match report(presets::load_all(&questionnaire), io)? {
        Some(loaded) => {
            io.out.write_all(listing::presets(&loaded).as_bytes())?;
            Ok(Exit::Success)
        }
        None => Ok(Exit::Invalid),
    }
}

pub(super) fn schema(data: &DataArgs, args: &SchemaArgs, io: &mut Io<'_>) -> Result<Exit> {
    let Some(questionnaire) = load_questionnaire(data, io)? else {
        return Ok(Exit::Invalid);
    };
    let text = schema::answers_schema_text(&questionnaire);
    emit(&text, args.output.as_deref(), args.force, io)?;
    Ok(Exit::Success)
}

pub(super) fn completions(args: &CompletionsArgs, io: &mut Io<'_>) -> Result<Exit> {
    io.out
        .write_all(manual::completions(args.shell)?.as_bytes())?;
    Ok(Exit::Success)
}

pub(super) fn man(args: &ManArgs, io: &mut Io<'_>) -> Result<Exit> {
    let Some(dir) = &args.dir else {
        emit(&manual::man_page()?, args.output.as_deref(), args.force, io)?;
        return Ok(Exit::Success);
    };
    let overwrite = if args.force {
        Overwrite::Allow
    } else {
        Overwrite::Refuse
    };
    for (name, page) in manual::man_pages()? {
        let path = dir.join(&name);
        fsio::write_atomic(&path, &page, overwrite)?;
        writeln!(io.out, "wrote {}", path.display())?;
    }
    Ok(Exit::Success)
}
