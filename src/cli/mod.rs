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

use std::ffi::OsString;
use std::io::Write;

use anyhow::Result;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

pub use args::{DataArgs, OutputArgs, Reads};
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

impl Command {
    /// The subcommand's name, as typed.
    fn name(&self) -> &'static str {
        match self {
            Command::Assess(_) => "assess",
            Command::Score(_) => "score",
            Command::Validate(_) => "validate",
            Command::Template(_) => "template",
            Command::Questions(_) => "questions",
            Command::Aggregate(_) => "aggregate",
            Command::Diff(_) => "diff",
            Command::Presets => "presets",
            Command::Schema(_) => "schema",
            Command::Completions(_) => "completions",
            Command::Man(_) => "man",
            Command::Report(_) => "report",
            Command::Scan(_) => "scan",
        }
    }
}

/// The data files the subcommand `name` reads. The data-file flags it does not use are left out
/// of its help, man page and completions, and refused when given (see [`run`]).
fn reads(name: &str) -> Reads {
    match name {
        "completions" | "man" | "scan" => Reads::Nothing,
        "template" | "questions" | "presets" | "schema" => Reads::Questionnaire,
        _ => Reads::Model,
    }
}

/// The command-line definition every user of it shares (parsing, `--help`, man pages): clap's,
/// with the data-file flags hidden where they do not apply.
pub fn command() -> clap::Command {
    args::hide_unread_flags(Cli::command(), reads)
}

/// The definition shell completions are generated from: [`command`]'s, with the data-file
/// flags offered only where they apply.
pub fn completion_command() -> clap::Command {
    args::complete_only_read_flags(Cli::command(), reads)
}

/// Parses the process's arguments with [`command`], exiting with clap's message (status 2) on
/// a usage error, as `Cli::parse` would. Most command lines are first tried with a definition
/// that holds only the subcommand they name ([`parse_named`]).
pub fn parse() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    if let Some(cli) = parse_named(&args) {
        return cli;
    }
    let mut matches = command().get_matches_from(args);
    Cli::from_arg_matches_mut(&mut matches)
        .unwrap_or_else(|error| error.format(&mut command()).exit())
}

/// The command line parsed with a definition that holds the root's flags and only the
/// subcommand it names: `None` when that does not parse it (help, `--version`, a usage error,
/// no subcommand named, a subcommand name that was an option's value), and [`command`]'s whole
/// definition parses it again and says what is wrong as it always does. A command line this
/// parses, the whole definition parses the same way: the root's flags are the same, and clap
/// only ever reads the one subcommand named. Building one subcommand's definition instead of
/// all thirteen makes every run about 0.13 ms quicker (`benches/score.sh`: about a sixth of
/// what idpfit adds to a hello-world's start-up).
fn parse_named(args: &[OsString]) -> Option<Cli> {
    let named = args
        .iter()
        .skip(1)
        .filter_map(|arg| arg.to_str())
        .find_map(subcommand_definition)?;
    let root = <DataArgs as clap::Args>::augment_args(clap::Command::new("idpfit"));
    let mut matches = root.subcommand(named).try_get_matches_from(args).ok()?;
    Cli::from_arg_matches_mut(&mut matches).ok()
}

/// The definition of the subcommand `name`, as [`Cli`]'s derived one builds it (its arguments;
/// its description is only for help, which the whole definition shows).
fn subcommand_definition(name: &str) -> Option<clap::Command> {
    use clap::Args;
    use clap::Command as Definition;
    Some(match name {
        "assess" => assess::AssessArgs::augment_args(Definition::new("assess")),
        "score" => score::ScoreArgs::augment_args(Definition::new("score")),
        "validate" => validate::ValidateArgs::augment_args(Definition::new("validate")),
        "template" => print::TemplateArgs::augment_args(Definition::new("template")),
        "questions" => print::QuestionsArgs::augment_args(Definition::new("questions")),
        "aggregate" => aggregate::AggregateArgs::augment_args(Definition::new("aggregate")),
        "diff" => diff::DiffArgs::augment_args(Definition::new("diff")),
        "presets" => Definition::new("presets"),
        "schema" => print::SchemaArgs::augment_args(Definition::new("schema")),
        "completions" => manual::CompletionsArgs::augment_args(Definition::new("completions")),
        "man" => manual::ManArgs::augment_args(Definition::new("man")),
        "report" => report::ReportArgs::augment_args(Definition::new("report")),
        "scan" => scan::ScanArgs::augment_args(Definition::new("scan")),
        _ => return None,
    })
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
    let name = cli.command.name();
    let read = reads(name);
    if let Some(flag) = sources.first_unread(read) {
        writeln!(
            io.err,
            "error: {flag} does not apply to `idpfit {name}`, which {}\n  = help: leave out {flag}",
            read.described()
        )?;
        return Ok(Exit::Invalid);
    }
    match Job::from(cli.command) {
        Job::Plain(command) => match command {
            PlainCommand::Completions(args) => manual::completions(&args, io),
            PlainCommand::Man(args) => manual::man(&args, io),
            PlainCommand::Scan(args) => scan::run(&args, io),
        },
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
        completion_command().debug_assert();
    }

    /// One command line for each subcommand.
    const EVERY_COMMAND: [&str; 13] = [
        "idpfit assess",
        "idpfit score a.toml",
        "idpfit validate a.toml",
        "idpfit template",
        "idpfit questions",
        "idpfit aggregate a.toml b.toml",
        "idpfit diff a.toml b.toml",
        "idpfit presets",
        "idpfit schema",
        "idpfit completions bash",
        "idpfit man",
        "idpfit report a.toml",
        "idpfit scan .",
    ];

    fn parsed(line: &str) -> Command {
        match Cli::try_parse_from(line.split(' ')) {
            Ok(cli) => cli.command,
            Err(error) => panic!("{line}: {error}"),
        }
    }

    #[test]
    fn what_a_command_is_said_to_read_is_what_run_loads_for_it() {
        for line in EVERY_COMMAND {
            let command = parsed(line);
            let name = command.name();
            assert_eq!(line.split(' ').nth(1), Some(name), "{line}");
            let loaded = match Job::from(command) {
                Job::Plain(_) => Reads::Nothing,
                Job::OnQuestionnaire(_) => Reads::Questionnaire,
                Job::OnModel(_) => Reads::Model,
            };
            assert_eq!(reads(name), loaded, "{line}");
        }
        let defined = Cli::command().get_subcommands().count();
        assert_eq!(
            defined,
            EVERY_COMMAND.len(),
            "a subcommand is missing above"
        );
    }

    /// What the whole definition makes of a command line (or its error kind).
    fn parsed_whole(line: &str) -> Result<String, clap::error::ErrorKind> {
        let mut matches = command()
            .try_get_matches_from(line.split(' '))
            .map_err(|e| e.kind())?;
        Cli::from_arg_matches_mut(&mut matches)
            .map(|cli| format!("{cli:?}"))
            .map_err(|e| e.kind())
    }

    fn parsed_named(line: &str) -> Option<String> {
        let args: Vec<OsString> = line.split(' ').map(OsString::from).collect();
        parse_named(&args).map(|cli| format!("{cli:?}"))
    }

    #[test]
    fn every_subcommand_has_a_definition_of_its_own() {
        for sub in command().get_subcommands() {
            assert!(
                subcommand_definition(sub.get_name()).is_some(),
                "{} is missing from subcommand_definition",
                sub.get_name()
            );
        }
        for line in EVERY_COMMAND {
            assert!(parsed_named(line).is_some(), "{line}");
        }
    }

    #[test]
    fn a_command_line_parses_alike_with_one_subcommand_or_all() {
        let lines = EVERY_COMMAND.into_iter().chain([
            "idpfit score --format json --no-what-if a.toml b.toml",
            "idpfit --weights w.toml score a.toml",
            "idpfit score a.toml --weights w.toml --preset scale-up",
            "idpfit --preset=scale-up report a.toml --format html -o r.html --force",
            "idpfit --questionnaire q.toml --weights diff score a.toml",
            "idpfit --weights score score a.toml",
            "idpfit --weights score",
            "idpfit template --weights w.toml",
            "idpfit assess --resume a.toml",
            "idpfit scan . --format json",
            "idpfit completions zsh",
            "idpfit score",
            "idpfit score --format nonsense a.toml",
            "idpfit score --help",
            "idpfit --version",
            "idpfit help score",
            "idpfit scroe a.toml",
            "idpfit",
        ]);
        for line in lines {
            let whole = parsed_whole(line);
            match parsed_named(line) {
                Some(named) => assert_eq!(Ok(named), whole, "{line}"),
                None => assert!(
                    whole.is_err() || line.contains("--weights diff"),
                    "{line}: only the whole definition parses it"
                ),
            }
        }
    }

    #[test]
    fn help_and_completions_show_a_data_flag_only_where_it_is_read() {
        let mut help = command();
        help.build();
        let completion = completion_command();
        for sub in help
            .get_subcommands()
            .filter(|sub| sub.get_name() != "help")
        {
            let applies = reads(sub.get_name()).flags();
            for id in DataArgs::IDS {
                let shown = sub
                    .get_arguments()
                    .any(|arg| arg.get_id() == id && !arg.is_hide_set());
                assert_eq!(shown, applies.contains(&id), "{} --{id}", sub.get_name());
            }
            let offered = completion
                .find_subcommand(sub.get_name())
                .unwrap()
                .get_arguments()
                .filter(|arg| DataArgs::IDS.contains(&arg.get_id().as_str()))
                .count();
            assert_eq!(offered, applies.len(), "{}", sub.get_name());
        }
    }
}
