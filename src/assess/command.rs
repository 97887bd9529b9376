//! The `idpfit assess` subcommand: checks for a terminal, settles which file the answers go to
//! (never replacing one without `--force` or the user's say-so), runs the flow on the terminal
//! with a save after every answer, and ends with the same result view as `idpfit score`.
//!
//! Like the rest of the CLI layer, results go to `io.out` and problems to `io.err`; the
//! prompts themselves are drawn on the terminal by [`super::terminal`].

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::terminal::{Session, TerminalPrompter};
use super::{Flow, Outcome};
use crate::answers::{Answers, LoadOptions};
use crate::cli::{AssessArgs, Data, DataArgs, Exit, Io, load_data};
use crate::engine::Model;
use crate::fsio::{self, Overwrite};
use crate::render::score::{self, ScoreFormat};
use crate::render::{self, Style};

/// Whether standard input and output are terminals (decided by the caller, so tests can say).
#[derive(Clone, Copy, Debug)]
pub struct Terminals {
    pub stdin: bool,
    pub stdout: bool,
}

/// Runs `idpfit assess`.
pub fn run(
    data_args: &DataArgs,
    args: &AssessArgs,
    terminals: Terminals,
    style: Style,
    io: &mut Io<'_>,
) -> Result<Exit> {
    if !(terminals.stdin && terminals.stdout) {
        writeln!(
            io.err,
            "error: `idpfit assess` needs a terminal to ask its questions, but {}\n  \
             = help: to answer without a terminal, write the answers in a file and score it:\n          \
             idpfit template > idp-answers.toml   (then edit it)\n          \
             idpfit score idp-answers.toml",
            match (terminals.stdin, terminals.stdout) {
                (false, false) => "neither standard input nor standard output is one",
                (false, true) => "standard input is not one",
                _ => "standard output is not one",
            }
        )?;
        return Ok(Exit::Invalid);
    }
    let Some(data) = load_data(data_args, io)? else {
        return Ok(Exit::Invalid);
    };
    let session = Session::start();
    let prompter = TerminalPrompter::new(style.color);
    let (target, flow_answers, mut overwrite) = match &args.resume {
        Some(path) => {
            let Some(answers) = load_partial(&data, path, io)? else {
                return Ok(Exit::Invalid);
            };
            (path.clone(), Some(answers), Overwrite::Allow)
        }
        None => {
            let path = args.output.clone();
            if let Some(problem) = unusable_target(&path) {
                writeln!(io.err, "error: {problem}")?;
                return Ok(Exit::Invalid);
            }
            let overwrite = if args.force {
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
            let Some(view) = result_view(&data, &target, style, io)? else {
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
pub fn result_view(
    data: &Data,
    path: &Path,
    style: Style,
    io: &mut Io<'_>,
) -> Result<Option<String>> {
    let name = path.display().to_string();
    let source = fsio::read_text(path).with_context(|| "cannot read the saved answers")?;
    match Answers::from_toml(&name, &source, &data.questionnaire, LoadOptions::default()) {
        Ok(answers) => {
            let assessment =
                Model::new(&data.questionnaire, &data.weights).assess_with_what_if(&answers);
            Ok(Some(score::render(
                ScoreFormat::Table,
                &name,
                &assessment,
                style,
            )))
        }
        Err(diagnostics) => {
            io.err.write_all(diagnostics.render().as_bytes())?;
            Ok(None)
        }
    }
}

fn load_partial(data: &Data, path: &Path, io: &mut Io<'_>) -> Result<Option<Answers>> {
    let source = match fsio::read_text(path) {
        Ok(source) => source,
        Err(error) => {
            writeln!(io.err, "error: {error}")?;
            return Ok(None);
        }
    };
    let loaded = Answers::from_toml(
        &path.display().to_string(),
        &source,
        &data.questionnaire,
        LoadOptions { partial: true },
    );
    match loaded {
        Ok(answers) => Ok(Some(answers)),
        Err(diagnostics) => {
            io.err.write_all(diagnostics.render().as_bytes())?;
            Ok(None)
        }
    }
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
