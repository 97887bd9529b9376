//! The command line: argument definitions (clap derive), one file per subcommand, and the only
//! code that touches files ([`fsio`]) or decides where text goes.
//!
//! Commands write results to `out` and problems to `err`, both passed in ([`Io`]), so tests can
//! run a command in-process; `main` passes the real stdout and stderr. The data files a
//! command reads (the questionnaire, and the weights) are loaded once, in [`run`], before it is
//! dispatched. Exit codes: 0 success, 1 a gate the user asked for failed, 2 invalid input or
//! usage, 130 an interrupted `assess`.
//!
//! What it deliberately does not do: score, word a result or render one. It calls the engine
//! and the renderers and puts their text where the user asked.

mod aggregate;
mod args;
mod assess;
mod data;
mod diff;
pub mod fsio;
mod manual;
mod print;
mod report;
mod scan;
mod score;
mod validate;

use std::io::Write;

use anyhow::Result;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

pub use args::{DataArgs, OutputArgs};
pub use data::Data;

use crate::render::Style;

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

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer the questions interactively, then see the recommendation
    Assess(assess::AssessArgs),
    /// Score answers files and print the recommendation with its reasons
    Score(score::ScoreArgs),
    /// Check answers files without scoring them
    Validate(validate::ValidateArgs),
    /// Print a commented answers file to fill in
    Template(print::TemplateArgs),
    /// List every question with its id, type and allowed values
    Questions(print::QuestionsArgs),
    /// Combine several respondents' answers and show where they disagree
    Aggregate(aggregate::AggregateArgs),
    /// Show what changed between two answers files and why the recommendation moved
    Diff(diff::DiffArgs),
    /// List the built-in weights presets
    Presets,
    /// Print the JSON Schema of the answers file, for editors and validators
    Schema(print::SchemaArgs),
    /// Print a shell completion script
    Completions(manual::CompletionsArgs),
    /// Print the man page, or write one page per subcommand with --dir
    Man(manual::ManArgs),
    /// Write a decision record (Markdown or a self-contained HTML page) for leadership
    Report(report::ReportArgs),
    /// Measure answers in repositories on disk: tools, portal, catalog, deploys
    Scan(scan::ScanArgs),
}

/// Subcommands that read neither the questionnaire nor the weights: `--questionnaire`,
/// `--weights` and `--preset` are left out of their help and man pages, and refused when given
/// (see [`run`]). Shell completions still offer them: clap_complete completes hidden flags.
const READS_NO_DATA: [&str; 3] = ["completions", "man", "scan"];

/// The command-line definition every user of it shares (parsing, `--help`, completions, man
/// pages): clap's, with the data-file flags hidden where they do not apply.
pub fn command() -> clap::Command {
    let command = Cli::command();
    let hide = args::hide_data_flags(&command);
    READS_NO_DATA
        .iter()
        .fold(command, |command, name| command.mut_subcommand(name, &hide))
}

/// Parses the process's arguments with [`command`], exiting with clap's message (status 2) on
/// a usage error, as `Cli::parse` would.
pub fn parse() -> Cli {
    let mut matches = command().get_matches();
    Cli::from_arg_matches_mut(&mut matches)
        .unwrap_or_else(|error| error.format(&mut command()).exit())
}

/// Standard output and error, passed to every command.
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    /// Whether stdout is a terminal (colour and width follow from it).
    pub out_is_terminal: bool,
}

/// A command sorted by the data files it reads, so that [`run`] loads them in one place.
enum Job {
    /// Reads no data file.
    Plain(PlainCommand),
    /// Reads the questionnaire.
    OnQuestionnaire(QuestionnaireCommand),
    /// Reads the questionnaire and the weights.
    OnModel(ModelCommand),
}

enum PlainCommand {
    Completions(manual::CompletionsArgs),
    Man(manual::ManArgs),
    Scan(scan::ScanArgs),
}

impl PlainCommand {
    /// The subcommand's name, as typed.
    fn name(&self) -> &'static str {
        match self {
            PlainCommand::Completions(_) => "completions",
            PlainCommand::Man(_) => "man",
            PlainCommand::Scan(_) => "scan",
        }
    }
}

enum QuestionnaireCommand {
    Template(print::TemplateArgs),
    Questions(print::QuestionsArgs),
    Presets,
    Schema(print::SchemaArgs),
}

enum ModelCommand {
    Assess(assess::AssessArgs),
    Score(score::ScoreArgs),
    Validate(validate::ValidateArgs),
    Aggregate(aggregate::AggregateArgs),
    Diff(diff::DiffArgs),
    Report(report::ReportArgs),
}

impl From<Command> for Job {
    fn from(command: Command) -> Job {
        match command {
            Command::Completions(args) => Job::Plain(PlainCommand::Completions(args)),
            Command::Man(args) => Job::Plain(PlainCommand::Man(args)),
            Command::Scan(args) => Job::Plain(PlainCommand::Scan(args)),
            Command::Template(args) => Job::OnQuestionnaire(QuestionnaireCommand::Template(args)),
            Command::Questions(args) => Job::OnQuestionnaire(QuestionnaireCommand::Questions(args)),
            Command::Presets => Job::OnQuestionnaire(QuestionnaireCommand::Presets),
            Command::Schema(args) => Job::OnQuestionnaire(QuestionnaireCommand::Schema(args)),
            Command::Assess(args) => Job::OnModel(ModelCommand::Assess(args)),
            Command::Score(args) => Job::OnModel(ModelCommand::Score(args)),
            Command::Validate(args) => Job::OnModel(ModelCommand::Validate(args)),
            Command::Aggregate(args) => Job::OnModel(ModelCommand::Aggregate(args)),
            Command::Diff(args) => Job::OnModel(ModelCommand::Diff(args)),
            Command::Report(args) => Job::OnModel(ModelCommand::Report(args)),
        }
    }
}

/// Runs a parsed command line: loads the data files the command reads, once, then runs it.
/// `Err` is an error not yet printed (main prints it and exits 2); problems already reported to
/// `err` come back as `Ok(Exit::Invalid)`.
pub fn run(cli: Cli, io: &mut Io<'_>) -> Result<Exit> {
    let style = style_for(io.out_is_terminal);
    let sources = &cli.data;
    match Job::from(cli.command) {
        Job::Plain(command) => {
            if let Some(flag) = sources.first_given() {
                writeln!(
                    io.err,
                    "error: {flag} does not apply to `idpfit {}`, which reads no questionnaire or weights\n  = help: leave out {flag}",
                    command.name()
                )?;
                return Ok(Exit::Invalid);
            }
            match command {
                PlainCommand::Completions(args) => manual::completions(&args, io),
                PlainCommand::Man(args) => manual::man(&args, io),
                PlainCommand::Scan(args) => scan::run(&args, io),
            }
        }
        Job::OnQuestionnaire(command) => {
            let Some(questionnaire) = data::questionnaire(sources, io)? else {
                return Ok(Exit::Invalid);
            };
            match command {
                QuestionnaireCommand::Template(args) => print::template(&questionnaire, &args, io),
                QuestionnaireCommand::Questions(args) => {
                    print::questions(&questionnaire, &args, style, io)
                }
                QuestionnaireCommand::Presets => print::presets(&questionnaire, io),
                QuestionnaireCommand::Schema(args) => print::schema(&questionnaire, &args, io),
            }
        }
        Job::OnModel(command) => {
            // Whether `assess` can ask anything at all is settled before any file is read.
            if let ModelCommand::Assess(_) = command
                && let Some(exit) = assess::require_terminal(io)?
            {
                return Ok(exit);
            }
            let Some(data) = data::load(sources, io)? else {
                return Ok(Exit::Invalid);
            };
            match command {
                ModelCommand::Assess(args) => assess::run(&data, sources, &args, style, io),
                ModelCommand::Score(args) => score::run(&data, &args, style, io),
                ModelCommand::Validate(args) => validate::run(&data, &args, io),
                ModelCommand::Aggregate(args) => aggregate::run(&data, &args, style, io),
                ModelCommand::Diff(args) => diff::run(&data, &args, style, io),
                ModelCommand::Report(args) => report::run(&data, &args, io),
            }
        }
    }
}

/// Colour only on a terminal and when `NO_COLOR` is unset or empty (no-color.org); text as
/// wide as the terminal, else as `COLUMNS` says (at least 40), else 100 columns.
fn style_for(out_is_terminal: bool) -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|c| *c >= 40);
    let terminal = out_is_terminal
        .then(|| console::Term::stdout().size_checked())
        .flatten()
        .map(|(_, cols)| cols);
    let width = terminal.or(columns).unwrap_or(100);
    Style {
        color: out_is_terminal && !no_color,
        width,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
        command().debug_assert();
    }

    #[test]
    fn the_commands_that_hide_the_data_flags_are_those_that_read_no_data() {
        for line in ["idpfit completions bash", "idpfit man", "idpfit scan ."] {
            let cli = Cli::try_parse_from(line.split(' ')).map_err(|e| e.to_string());
            let Ok(cli) = cli else {
                panic!("{line}: {cli:?}");
            };
            let Job::Plain(plain) = Job::from(cli.command) else {
                panic!("{line} reads data");
            };
            assert!(READS_NO_DATA.contains(&plain.name()), "{line}");
        }
        let listed = command()
            .get_subcommands()
            .filter(|sub| {
                sub.get_arguments()
                    .any(|arg| arg.get_id() == "weights" && arg.is_hide_set())
            })
            .count();
        assert_eq!(listed, READS_NO_DATA.len());
    }
}
