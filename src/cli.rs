//! The command line: argument definitions (clap derive) and one function per subcommand.
//!
//! This is the only layer that decides where text goes. Commands write results to `out` and
//! problems to `err`, both passed in, so tests can run a command in-process; `main` passes the
//! real stdout and stderr. Exit codes: 0 success, 1 a gate the user asked for failed, 2 invalid
//! input or usage.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::answers::{Answers, LoadOptions};
use crate::defaults;
use crate::diagnostic::Diagnostics;
use crate::engine::{Assessment, Model};
use crate::fsio::{self, Overwrite};
use crate::questionnaire::Questionnaire;
use crate::render::{self, Format, Style};
use crate::report::DecisionRecord;
use crate::template;
use crate::weights::Weights;

mod teams;

/// Process exit status, as documented in the README.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Everything ran and every requested gate passed.
    Success = 0,
    /// It ran, but a gate the user asked for failed.
    GateFailed = 1,
    /// Invalid input or usage; the problems were printed.
    Invalid = 2,
    /// The user stopped an interactive assessment (Esc or Ctrl-C); answers so far are saved.
    Interrupted = 130,
}

#[derive(Debug, Parser)]
#[command(
    name = "idpfit",
    version,
    about = "Choose an internal developer portal: Backstage, Port, a hybrid, or not yet",
    long_about = "Choose an internal developer portal: Backstage, Port, a hybrid, or not yet.\n\n\
        idpfit scores a readiness-and-fit assessment (an answers file) with weights kept in data \
        files, and explains its recommendation. Start with `idpfit template > idp-answers.toml`, \
        fill it in, then run `idpfit score idp-answers.toml`.",
    after_help = "Exit codes: 0 success, 1 a requested gate failed, 2 invalid input or usage."
)]
pub struct Cli {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Where the questionnaire and weights come from.
#[derive(Debug, Args)]
pub struct DataArgs {
    /// Questionnaire file to use instead of the built-in one
    #[arg(long, global = true, value_name = "PATH")]
    pub questionnaire: Option<PathBuf>,
    /// Weights file to use instead of the built-in one
    #[arg(long, global = true, value_name = "PATH")]
    pub weights: Option<PathBuf>,
    /// Built-in weights preset to use instead of the default (see `idpfit presets`)
    #[arg(long, global = true, value_name = "NAME", conflicts_with = "weights",
          value_parser = clap::builder::PossibleValuesParser::new(crate::presets::names()))]
    pub preset: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer the questions interactively, then see the recommendation
    Assess(AssessArgs),
    /// Score answers files and print the recommendation with its reasons
    Score(ScoreArgs),
    /// Check answers files without scoring them
    Validate(ValidateArgs),
    /// Print a commented answers file to fill in
    Template(TemplateArgs),
    /// List every question with its id, type and allowed values
    Questions(QuestionsArgs),
    /// Combine several respondents' answers and show where they disagree
    Aggregate(teams::AggregateArgs),
    /// Show what changed between two answers files and why the recommendation moved
    Diff(teams::DiffArgs),
    /// List the built-in weights presets
    Presets,
    /// Print the JSON Schema of the answers file, for editors and validators
    Schema(teams::SchemaArgs),
    /// Print a shell completion script
    Completions(teams::CompletionsArgs),
    /// Print the man page, or write one page per subcommand with --dir
    Man(teams::ManArgs),
    /// Write a decision record (Markdown or a self-contained HTML page) for leadership
    Report(ReportArgs),
    /// Measure answers in repositories on disk: tools, portal, catalog, deploys
    Scan(crate::scan::command::ScanArgs),
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Answers file to report on (`-` reads standard input)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Output format [default: html when --output ends in .html or .htm, else markdown]
    #[arg(long, short, value_enum)]
    pub format: Option<ReportFormat>,
    /// Write the report to this file instead of standard output
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace the --output file if it exists
    #[arg(long)]
    pub force: bool,
    /// Report on a file with missing answers: they count as unknown and are listed
    #[arg(long)]
    pub partial: bool,
}

/// Formats of `idpfit report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown for a pull request, a CI job summary or a wiki.
    Markdown,
    /// One self-contained HTML page with charts, for a browser or print.
    Html,
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// Where to save the answers; the file is rewritten after every answer
    #[arg(
        long,
        short,
        value_name = "PATH",
        default_value = "idp-answers.toml",
        conflicts_with = "resume"
    )]
    pub output: PathBuf,
    /// Replace the --output file if it exists, without asking
    #[arg(long, conflicts_with = "resume")]
    pub force: bool,
    /// Continue a partly answered file: ask only what is missing and save back to it
    #[arg(long, value_name = "PATH")]
    pub resume: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Answers files to score (`-` reads standard input)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write the result to this file instead of standard output
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace the --output file if it exists
    #[arg(long)]
    pub force: bool,
    /// Score files with missing answers: they count as unknown and are listed
    #[arg(long)]
    pub partial: bool,
    #[command(flatten)]
    pub gates: teams::GateArgs,
    /// Skip the what-if analysis (the answer changes that would flip the recommendation, and its
    /// robustness to the weights): about 2 ms less per file, for scoring files in bulk
    #[arg(long)]
    pub no_what_if: bool,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Answers files to check (`-` reads standard input)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Accept files with missing answers
    #[arg(long)]
    pub partial: bool,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// Write the template to this file instead of standard output
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace the --output file if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct QuestionsArgs {
    /// Output format
    #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// Formats of `idpfit questions`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

/// Standard output and error, passed to every command.
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    /// Whether stdout is a terminal (colour and width follow from it).
    pub out_is_terminal: bool,
}

/// Runs a parsed command line. `Err` is an error not yet printed (main prints it and exits 2);
/// problems already reported to `err` come back as `Ok(Exit::Invalid)`.
pub fn run(cli: Cli, io: &mut Io<'_>) -> Result<Exit> {
    let style = style_for(io.out_is_terminal);
    match cli.command {
        Command::Assess(args) => {
            let terminals = crate::assess::command::Terminals {
                stdin: std::io::IsTerminal::is_terminal(&std::io::stdin()),
                stdout: io.out_is_terminal,
            };
            crate::assess::command::run(&cli.data, &args, terminals, style, io)
        }
        Command::Score(args) => {
            let data = match load_data(&cli.data, io)? {
                Some(data) => data,
                None => return Ok(Exit::Invalid),
            };
            score(&data, &args, style, io)
        }
        Command::Validate(args) => {
            let data = match load_data(&cli.data, io)? {
                Some(data) => data,
                None => return Ok(Exit::Invalid),
            };
            validate(&data, &args, io)
        }
        Command::Template(args) => {
            let Some(questionnaire) = load_questionnaire(&cli.data, io)? else {
                return Ok(Exit::Invalid);
            };
            let text = template::answers_template(&questionnaire);
            emit(&text, args.output.as_deref(), args.force, io)?;
            Ok(Exit::Success)
        }
        Command::Questions(args) => {
            let Some(questionnaire) = load_questionnaire(&cli.data, io)? else {
                return Ok(Exit::Invalid);
            };
            let text = match args.format {
                ListFormat::Table => template::questions_table(&questionnaire, style),
                ListFormat::Json => template::questions_json(&questionnaire),
            };
            io.out.write_all(text.as_bytes())?;
            Ok(Exit::Success)
        }
        Command::Aggregate(args) => {
            let Some(data) = load_data(&cli.data, io)? else {
                return Ok(Exit::Invalid);
            };
            teams::aggregate(&data, &args, style, io)
        }
        Command::Diff(args) => {
            let Some(data) = load_data(&cli.data, io)? else {
                return Ok(Exit::Invalid);
            };
            teams::diff(&data, &args, style, io)
        }
        Command::Presets => teams::presets(&cli.data, io),
        Command::Schema(args) => teams::schema(&cli.data, &args, io),
        Command::Completions(args) => teams::completions(&args, io),
        Command::Man(args) => teams::man(&args, io),
        Command::Report(args) => {
            let data = match load_data(&cli.data, io)? {
                Some(data) => data,
                None => return Ok(Exit::Invalid),
            };
            report_command(&data, &args, io)
        }
        Command::Scan(args) => crate::scan::command::run(&args, io),
    }
}

/// Colour only on a terminal and when `NO_COLOR` is unset or empty (no-color.org); tables as
/// wide as the terminal, or 100 columns when not on one.
fn style_for(out_is_terminal: bool) -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let width = if out_is_terminal {
        dialoguer::console::Term::stdout()
            .size_checked()
            .map_or(100, |(_, cols)| cols)
    } else {
        100
    };
    Style {
        color: out_is_terminal && !no_color,
        width,
    }
}

/// The questionnaire and weights in use, loaded once per run.
pub struct Data {
    pub questionnaire: Questionnaire,
    pub weights: Weights,
}

/// Loads the questionnaire (built-in or `--questionnaire`), printing its problems if it is
/// invalid.
fn load_questionnaire(data: &DataArgs, io: &mut Io<'_>) -> Result<Option<Questionnaire>> {
    match &data.questionnaire {
        Some(path) => {
            let source = fsio::read_text(path).context("cannot load the questionnaire")?;
            report(
                Questionnaire::from_toml(&path.display().to_string(), &source),
                io,
            )
        }
        None => Ok(Some(defaults::questionnaire())),
    }
}

/// Loads questionnaire and weights, printing every problem found in either.
pub fn load_data(data: &DataArgs, io: &mut Io<'_>) -> Result<Option<Data>> {
    let Some(questionnaire) = load_questionnaire(data, io)? else {
        return Ok(None);
    };
    let preset = data.preset.as_deref().and_then(crate::presets::find);
    let loaded = match (&data.weights, preset, &data.questionnaire) {
        (Some(path), _, _) => {
            let source = fsio::read_text(path).context("cannot load the weights")?;
            Weights::from_toml(&path.display().to_string(), &source, &questionnaire)
        }
        (None, Some(preset), _) => preset.load(&questionnaire),
        // The compiled default weights refer to the built-in questionnaire's questions by
        // position; against another questionnaire they must be checked afresh.
        (None, None, Some(_)) => Weights::from_toml(
            defaults::WEIGHTS_NAME,
            defaults::WEIGHTS_TOML,
            &questionnaire,
        ),
        (None, None, None) => Ok(defaults::weights()),
    };
    Ok(report(loaded, io)?.map(|weights| Data {
        questionnaire,
        weights,
    }))
}

/// Prints diagnostics to `err`, turning them into `None`.
fn report<T>(loaded: Result<T, Diagnostics>, io: &mut Io<'_>) -> Result<Option<T>> {
    match loaded {
        Ok(value) => Ok(Some(value)),
        Err(diagnostics) => {
            // A closed stderr must not turn invalid input into success: the problems are
            // reported as well as they can be, and the exit code still says "invalid".
            let _ = io.err.write_all(diagnostics.render().as_bytes());
            Ok(None)
        }
    }
}

/// Reads and validates one answers file, printing its problems.
fn load_answers(
    data: &Data,
    path: &Path,
    options: LoadOptions,
    io: &mut Io<'_>,
) -> Result<Option<Answers>> {
    let name = display_name(path);
    let source = match fsio::read_text(path) {
        Ok(source) => source,
        Err(error) => {
            let _ = writeln!(io.err, "error: {error}");
            return Ok(None);
        }
    };
    report(
        Answers::from_toml(&name, &source, &data.questionnaire, options),
        io,
    )
}

fn display_name(path: &Path) -> String {
    if path.as_os_str() == fsio::STDIN {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

fn score(data: &Data, args: &ScoreArgs, style: Style, io: &mut Io<'_>) -> Result<Exit> {
    let options = LoadOptions {
        partial: args.partial,
    };
    let model = Model::new(&data.questionnaire, &data.weights);
    let what_if = !args.no_what_if;
    let mut results: Vec<(String, Assessment)> = Vec::new();
    let mut invalid = false;
    for path in &args.files {
        let Some(answers) = load_answers(data, path, options, io)? else {
            invalid = true;
            continue;
        };
        let mut assessment = if what_if {
            model.assess_with_what_if(&answers)
        } else {
            model.assess(&answers)
        };
        let name = display_name(path);
        assessment.file = Some(name.clone());
        results.push((name, assessment));
    }
    let several = args.files.len() > 1;
    let mut text = String::new();
    for (index, (file, assessment)) in results.iter().enumerate() {
        match args.format {
            Format::Json if several => text.push_str(&render::json::render_line(file, assessment)),
            format => {
                if index > 0 {
                    text.push('\n');
                }
                text.push_str(&render::render(format, file, assessment, style));
            }
        }
    }
    if !results.is_empty() {
        emit(&text, args.output.as_deref(), args.force, io)?;
    }
    let gate_failed = teams::check_gates(&args.gates, &results, io)?;
    Ok(if invalid {
        Exit::Invalid
    } else if gate_failed {
        Exit::GateFailed
    } else {
        Exit::Success
    })
}

fn report_command(data: &Data, args: &ReportArgs, io: &mut Io<'_>) -> Result<Exit> {
    let options = LoadOptions {
        partial: args.partial,
    };
    let Some(answers) = load_answers(data, &args.file, options, io)? else {
        return Ok(Exit::Invalid);
    };
    let model = Model::new(&data.questionnaire, &data.weights);
    let assessment = model.assess_with_what_if(&answers);
    let file = display_name(&args.file);
    let record = DecisionRecord::new(&file, &data.questionnaire, &answers, &assessment);
    let format = args.format.unwrap_or_else(|| {
        let html = args
            .output
            .as_deref()
            .and_then(Path::extension)
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
        if html {
            ReportFormat::Html
        } else {
            ReportFormat::Markdown
        }
    });
    let text = match format {
        ReportFormat::Markdown => render::report_markdown::render(&record),
        ReportFormat::Html => render::html::render(&record),
    };
    emit(&text, args.output.as_deref(), args.force, io)?;
    Ok(Exit::Success)
}

fn validate(data: &Data, args: &ValidateArgs, io: &mut Io<'_>) -> Result<Exit> {
    let options = LoadOptions {
        partial: args.partial,
    };
    let mut invalid = false;
    for path in &args.files {
        match load_answers(data, path, options, io)? {
            Some(_) => writeln!(io.out, "{}: valid", display_name(path))?,
            None => invalid = true,
        }
    }
    Ok(if invalid {
        Exit::Invalid
    } else {
        Exit::Success
    })
}

/// Writes `text` to `output` atomically (refusing to replace a file without `force`), or to
/// standard output.
fn emit(text: &str, output: Option<&Path>, force: bool, io: &mut Io<'_>) -> Result<()> {
    match output {
        Some(path) => {
            let overwrite = if force {
                Overwrite::Allow
            } else {
                Overwrite::Refuse
            };
            fsio::write_atomic(path, text, overwrite)?;
            Ok(())
        }
        None => {
            io.out.write_all(text.as_bytes())?;
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
