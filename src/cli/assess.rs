//! `idpfit assess`: checks for a terminal, settles which file the answers go to (never
//! replacing one without `--force` or the user's say-so), runs the flow of [`crate::assess`]
//! on the terminal with a save after every answer, and ends with the same result view as
//! `idpfit score`.
//!
//! Like the rest of the CLI layer, results go to `io.out` and problems to `io.err`; the
//! prompts themselves are drawn on the terminal by [`crate::assess::terminal`].

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;

use super::args::{DataArgs, OutputArgs, edit};
use super::data::{self, Data};
use super::fsio::{self, FileKind, Overwrite};
use super::{Exit, Io};
use crate::assess::terminal::{Session, TerminalPrompter};
use crate::assess::{Flow, Outcome};
use crate::engine::Model;
use crate::load::LoadOptions;
use crate::model::Answers;
use crate::render::score::{self, ScoreFormat};
use crate::render::{self, Style};

/// Where `assess` saves the answers unless told otherwise.
const ANSWERS_FILE: &str = "idp-answers.toml";

#[derive(Debug, Args)]
#[command(mut_args(edit("output", |a| a
    .help("Where to save the answers; the file is rewritten after every answer")
    .default_value(ANSWERS_FILE)
    .conflicts_with("resume"))))]
#[command(mut_args(edit("force", |a| a
    .help("Replace the --output file if it exists, without asking")
    .conflicts_with("resume"))))]
pub struct AssessArgs {
    #[command(flatten)]
    pub output: OutputArgs,
    /// Continue a partly answered file: ask only what is missing and save back to it
    #[arg(long, value_name = "PATH")]
    pub resume: Option<PathBuf>,
}

/// `Some(Exit::Invalid)`, with the reason on standard error, when standard input or output is
/// not a terminal: `assess` asks its questions there, so it cannot run.
pub fn require_terminal(io: &mut Io<'_>) -> Result<Option<Exit>> {
    let stdin = std::io::stdin().is_terminal();
    let stdout = io.out_is_terminal;
    if stdin && stdout {
        return Ok(None);
    }
    writeln!(
        io.err,
        "error: `idpfit assess` needs a terminal to ask its questions, but {}\n  \
         = help: to answer without a terminal, write the answers in a file and score it:\n          \
         idpfit template > idp-answers.toml   (then edit it)\n          \
         idpfit score idp-answers.toml",
        match (stdin, stdout) {
            (false, false) => "neither standard input nor standard output is one",
            (false, true) => "standard input is not one",
            _ => "standard output is not one",
        }
    )?;
    Ok(Some(Exit::Invalid))
}

/// Runs `idpfit assess` with the questionnaire and weights `data` loaded from `data_args`.
pub fn run(
    data: &Data,
    data_args: &DataArgs,
    args: &AssessArgs,
    style: Style,
    io: &mut Io<'_>,
) -> Result<Exit> {
    let session = Session::start();
    let prompter = TerminalPrompter::new(style.color);
    let (target, flow_answers, mut overwrite) = match &args.resume {
        Some(path) => {
            let partial = LoadOptions { partial: true };
            let Some(answers) = data::answers(data, path, partial, io)? else {
                return Ok(Exit::Invalid);
            };
            (path.clone(), Some(answers), Overwrite::Allow)
        }
        None => {
            let path = args
                .output
                .output
                .clone()
                .unwrap_or_else(|| ANSWERS_FILE.into());
            if let Some(problem) = unusable_target(&path) {
                writeln!(io.err, "error: {problem}")?;
                return Ok(Exit::Invalid);
            }
            let overwrite = if args.output.force {
                Overwrite::Allow
            } else if path.exists() {
                match prompter.confirm_replace(&path.display().to_string())? {
                    Some(true) => Overwrite::Allow,
                    _ => {
                        writeln!(
                            io.err,
                            "{} was left as it is.\n  = help: continue it with `{}`, or answer into another file with --output PATH",
                            path.display(),
                            resume_command(data_args, &path)
                        )?;
                        return Ok(Exit::Invalid);
                    }
                }
            } else {
                Overwrite::Refuse
            };
            (path, None, overwrite)
        }
    };

    let questionnaire = &data.questionnaire;
    let mut flow = match &flow_answers {
        Some(answers) => Flow::resume(questionnaire, answers),
        None => Flow::new(questionnaire),
    };
    let resume = resume_command(data_args, &target);
    let mut saved = flow_answers.is_some();
    if saved {
        session.on_interrupt(stopped_message(&target, &resume));
    }
    let mut prompter = prompter;
    let outcome = flow.run(&mut prompter, &mut |answers: &Answers| {
        fsio::write_atomic(
            &target,
            &render::answers::to_toml(questionnaire, answers),
            overwrite,
        )
        .with_context(|| "cannot save the answers")?;
        overwrite = Overwrite::Allow;
        if !saved {
            saved = true;
            session.on_interrupt(stopped_message(&target, &resume));
        }
        Ok(())
    });
    drop(prompter);
    drop(session);
    match outcome? {
        Outcome::Stopped(_) if !saved => {
            writeln!(
                io.err,
                "\nStopped before the first answer; nothing was saved.\n  = help: start again with `{}`",
                assess_command(data_args)
            )?;
            Ok(Exit::Interrupted)
        }
        Outcome::Stopped(_) => {
            writeln!(io.err, "\n{}", stopped_message(&target, &resume))?;
            Ok(Exit::Interrupted)
        }
        Outcome::Finished(_) => {
            let Some(view) = result_view(data, &target, style, io)? else {
                return Ok(Exit::Invalid);
            };
            io.out.write_all(b"\n")?;
            io.out.write_all(view.as_bytes())?;
            writeln!(
                io.out,
                "\nYour answers are saved in {}.\nWrite the decision report: {}",
                target.display(),
                command_line(data_args, &["report"], &target),
            )?;
            Ok(Exit::Success)
        }
    }
}

/// The result of scoring the saved file exactly as `idpfit score FILE` does, in the table
/// format: read from disk, validated strictly, assessed and rendered under the file's name.
fn result_view(data: &Data, path: &Path, style: Style, io: &mut Io<'_>) -> Result<Option<String>> {
    let name = path.display().to_string();
    let source = fsio::read_text(path, FileKind::Answers)
        .with_context(|| "cannot read the saved answers")?;
    let loaded = Answers::from_toml(&name, &source, &data.questionnaire, LoadOptions::default());
    Ok(data::shown(loaded, io)?.map(|answers| {
        let assessment =
            Model::new(&data.questionnaire, &data.weights).assess_with_what_if(&answers);
        score::render(ScoreFormat::Table, &name, &assessment, style)
    }))
}

/// Why answers could not be saved at `path`, found before the first question rather than
/// after it.
fn unusable_target(path: &Path) -> Option<String> {
    if path.is_dir() {
        return Some(format!(
            "{}: is a directory\n  = help: pass a file path with --output, e.g. {}/idp-answers.toml",
            path.display(),
            path.display()
        ));
    }
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    (!dir.is_dir()).then(|| {
        format!(
            "{}: the directory {} does not exist\n  = help: create it first, or choose another path with --output",
            path.display(),
            dir.display()
        )
    })
}

fn stopped_message(path: &Path, resume: &str) -> String {
    format!(
        "Stopped. Your answers so far are saved in {}.\nResume with: {resume}\n",
        path.display()
    )
}

fn assess_command(data_args: &DataArgs) -> String {
    let mut words = vec!["idpfit".to_string(), "assess".to_string()];
    words.extend(data_words(data_args));
    words.join(" ")
}

/// `idpfit assess --resume PATH`, with the questionnaire and weights options in use.
pub fn resume_command(data_args: &DataArgs, path: &Path) -> String {
    command_line(data_args, &["assess", "--resume"], path)
}

fn command_line(data_args: &DataArgs, words: &[&str], path: &Path) -> String {
    let mut line = vec!["idpfit".to_string()];
    line.extend(words.iter().map(|w| w.to_string()));
    line.push(shell_word(&path.display().to_string()));
    line.extend(data_words(data_args));
    line.join(" ")
}

fn data_words(data_args: &DataArgs) -> Vec<String> {
    let mut words = Vec::new();
    if let Some(q) = &data_args.questionnaire {
        words.push("--questionnaire".to_string());
        words.push(shell_word(&q.display().to_string()));
    }
    if let Some(w) = &data_args.weights {
        words.push("--weights".to_string());
        words.push(shell_word(&w.display().to_string()));
    }
    if let Some(preset) = &data_args.preset {
        words.push("--preset".to_string());
        words.push(shell_word(preset));
    }
    words
}

/// `word` as a POSIX shell would need it typed: bare when it is made of safe characters,
/// single-quoted otherwise.
pub fn shell_word(word: &str) -> String {
    let safe = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@%+=,".contains(c));
    if safe {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_quoted_only_when_a_shell_needs_it() {
        assert_eq!(shell_word("idp-answers.toml"), "idp-answers.toml");
        assert_eq!(shell_word("my answers.toml"), "'my answers.toml'");
        assert_eq!(shell_word("it's.toml"), "'it'\\''s.toml'");
    }

    #[test]
    fn the_resume_command_carries_the_data_options() {
        let data = DataArgs {
            questionnaire: Some(PathBuf::from("q.toml")),
            weights: None,
            preset: Some("scale-up".to_string()),
        };
        assert_eq!(
            resume_command(&data, Path::new("team answers.toml")),
            "idpfit assess --resume 'team answers.toml' --questionnaire q.toml --preset scale-up"
        );
    }
}
