//! Arguments several subcommands share, declared once: where the questionnaire and weights come
//! from ([`DataArgs`], global), where a command's text goes ([`OutputArgs`]), and the scan's
//! evidence to weigh the answers against ([`EvidenceArgs`]).
//!
//! A subcommand that words `--output` differently (the report, the combined answers file)
//! rewords its help with `#[command(mut_args(output_help(...)))]`; the flags and their
//! behaviour stay these. No command logic lives here.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Arg, Args};

use super::Io;
use super::fsio::{self, Overwrite};
use crate::builtin::presets;

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
          value_parser = clap::builder::PossibleValuesParser::new(presets::names()))]
    pub preset: Option<String>,
}

impl DataArgs {
    /// The ids of the flags above, as clap knows them.
    pub const IDS: [&'static str; 3] = ["questionnaire", "weights", "preset"];

    /// The first of the flags above given on the command line that `reads` does not use, as
    /// the user typed its name.
    pub fn first_unread(&self, reads: Reads) -> Option<&'static str> {
        let given = [
            (
                "questionnaire",
                "--questionnaire",
                self.questionnaire.is_some(),
            ),
            ("weights", "--weights", self.weights.is_some()),
            ("preset", "--preset", self.preset.is_some()),
        ];
        given
            .into_iter()
            .find(|(id, _, given)| *given && !reads.flags().contains(id))
            .map(|(_, flag, _)| flag)
    }
}

/// The data files a subcommand reads, which decides the data-file flags that apply to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reads {
    /// Neither file (`scan`, `completions`, `man`).
    Nothing,
    /// The questionnaire alone (`template`, `questions`, `presets`, `schema`).
    Questionnaire,
    /// The questionnaire and the weights: everything that scores.
    Model,
}

impl Reads {
    /// The ids of the data-file flags that apply.
    pub fn flags(self) -> &'static [&'static str] {
        match self {
            Reads::Nothing => &[],
            Reads::Questionnaire => &["questionnaire"],
            Reads::Model => &DataArgs::IDS,
        }
    }

    /// What the command reads, as a refusal of a flag words it.
    pub fn described(self) -> &'static str {
        match self {
            Reads::Nothing => "reads no questionnaire or weights",
            Reads::Questionnaire => "reads the questionnaire but no weights",
            Reads::Model => "reads the questionnaire and the weights",
        }
    }
}

/// Hides, from each subcommand that reads less than the model (`reads`, by name), the
/// data-file flags it does not use. The flags are global (they may stand before or after any
/// subcommand): when clap builds the definition it copies them into every subcommand that has
/// no argument of the same id. Giving the subcommand a hidden copy first leaves everything else
/// as it was, parsing included.
pub fn hide_unread_flags(root: clap::Command, reads: impl Fn(&str) -> Reads) -> clap::Command {
    let flags = data_flags(&root);
    for_subcommands(
        root,
        |name| reads(name) != Reads::Model,
        |name, sub| {
            let applies = reads(name).flags();
            sub.args(
                flags
                    .iter()
                    .filter(|flag| !applies.contains(&flag.get_id().as_str()))
                    .map(|flag| flag.clone().hide(true)),
            )
        },
    )
}

/// The data-file flags for a definition that shell completions are generated from: offered
/// before any subcommand and after those that read them, and nowhere else. (Completion
/// generators list hidden flags, so hiding them, as [`hide_unread_flags`] does for help, is
/// not enough.) Nothing parses with this definition.
pub fn complete_only_read_flags(
    root: clap::Command,
    reads: impl Fn(&str) -> Reads,
) -> clap::Command {
    let flags = data_flags(&root);
    let root = flags.iter().fold(root, |root, flag| {
        root.mut_arg(flag.get_id(), |arg| arg.global(false))
    });
    for_subcommands(
        root,
        |_| true,
        |name, sub| {
            let applies = reads(name).flags();
            sub.args(
                flags
                    .iter()
                    .filter(|flag| applies.contains(&flag.get_id().as_str()))
                    .map(|flag| flag.clone().global(false)),
            )
        },
    )
}

/// The data-file flags as the root command declares them.
fn data_flags(root: &clap::Command) -> Vec<Arg> {
    root.get_arguments()
        .filter(|arg| DataArgs::IDS.contains(&arg.get_id().as_str()))
        .cloned()
        .collect()
}

/// `root` with `change` applied to each subcommand whose name passes `which`.
fn for_subcommands(
    root: clap::Command,
    which: impl Fn(&str) -> bool,
    change: impl Fn(&str, clap::Command) -> clap::Command,
) -> clap::Command {
    let names: Vec<String> = root
        .get_subcommands()
        .map(|sub| sub.get_name().to_owned())
        .filter(|name| which(name))
        .collect();
    names.iter().fold(root, |root, name| {
        root.mut_subcommand(name, |sub| change(name, sub))
    })
}

/// Changes the argument `id` of a subcommand with `change`, leaving every other argument, and
/// the order of all of them, as it is (clap's `mut_arg` would move it last, reordering the
/// completion scripts).
pub fn edit(id: &'static str, change: impl Fn(Arg) -> Arg) -> impl FnMut(Arg) -> Arg {
    move |arg| {
        if arg.get_id() == id { change(arg) } else { arg }
    }
}

/// Rewords the help of `--output` for one subcommand (see [`edit`]).
pub fn output_help(help: &'static str) -> impl FnMut(Arg) -> Arg {
    edit("output", move |arg| arg.help(help))
}

/// `--output PATH` and `--force`: write to a file, never replacing one unless asked.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Write to this file instead of standard output
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace the --output file if it exists
    #[arg(long)]
    pub force: bool,
}

impl OutputArgs {
    /// Whether an existing file may be replaced.
    pub fn overwrite(&self) -> Overwrite {
        if self.force {
            Overwrite::Allow
        } else {
            Overwrite::Refuse
        }
    }

    /// Writes `text` to the `--output` file atomically (refusing to replace a file without
    /// `--force`), or to standard output when there is none.
    pub fn emit(&self, text: &str, io: &mut Io<'_>) -> Result<()> {
        match &self.output {
            Some(path) => fsio::write_atomic(path, text, self.overwrite())?,
            None => io.out.write_all(text.as_bytes())?,
        }
        Ok(())
    }
}

/// `--evidence FILE`: what `idpfit scan` measured, weighed against the answers.
#[derive(Debug, Args)]
pub struct EvidenceArgs {
    /// The output of `idpfit scan` (JSON or TOML): measured answers fill what the answers leave
    /// unknown, and each one an answer contradicts is listed as a contradiction
    #[arg(long, value_name = "FILE")]
    pub evidence: Option<PathBuf>,
}
