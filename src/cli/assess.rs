//! `idpfit assess`: checks for a terminal, settles which file the answers go to (never
//! replacing one without `--force` or the user's say-so), says how far a resumed file has come,
//! runs the flow of [`crate::assess`] on the terminal with a save after every answer, and ends
//! with the same result view as `idpfit score` and the HTML decision record written next to the
//! answers file (`idp-answers.html`, again never replaced without asking).
//!
//! Like the rest of the CLI layer, results go to `io.out` and problems to `io.err`; the
//! prompts themselves are drawn on the terminal by [`crate::assess::terminal`].

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;

use super::args::{DataArgs, EvidenceArgs, OutputArgs, edit};
use super::data::{self, Data};
use super::fsio::{self, FileKind, Overwrite};
use super::{Exit, Io};
use crate::assess::terminal::{Session, TerminalPrompter};
use crate::assess::{Flow, Outcome, Saved};
use crate::engine::{AssessOptions, Assessment, Evidence};
use crate::load::LoadOptions;
use crate::model::Answers;
use crate::render::answers::AssessNotes;
use crate::render::report::ReportFormat;
use crate::render::score::{self, ScoreFormat};
use crate::render::{self, Style};
use crate::report::{DecisionRecord, Meta, Status};

/// Where `assess` saves the answers unless told otherwise.
const ANSWERS_FILE: &str = "idp-answers.toml";

#[derive(Debug, Args)]
#[command(mut_args(edit("output", |a| a
    .help("Where to save the answers; the file is rewritten after every answer")
    .default_value(ANSWERS_FILE)
    .conflicts_with("resume"))))]
#[command(mut_args(edit("force", |a| a
    .help("Replace the --output file and its decision record if they exist, without asking")
    .conflicts_with("resume"))))]
pub struct AssessArgs {
    #[command(flatten)]
    pub output: OutputArgs,
    /// Continue a partly answered file: ask only what is missing and save back to it
    #[arg(long, value_name = "PATH")]
    pub resume: Option<PathBuf>,
    #[command(flatten)]
    pub evidence: EvidenceArgs,
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
    let Some(evidence) = data::evidence(data, &args.evidence, io)? else {
        return Ok(Exit::Invalid);
    };
    let session = Session::start();
    let mut prompter = TerminalPrompter::new(style.color);
    let questionnaire = &data.questionnaire;
    let commands = Commands {
        data: data_args,
        evidence: args.evidence.evidence.as_deref(),
    };
    let (target, mut flow, mut overwrite) = match &args.resume {
        Some(path) => {
            let Some((answers, notes)) = read_resumed(data, path, io)? else {
                return Ok(Exit::Invalid);
            };
            let flow = Flow::resume(questionnaire, &answers, &notes);
            let progress = flow.progress();
            prompter.continuing();
            let to_go = progress.total - progress.answered;
            prompter.say(&if to_go == 0 {
                format!("{}: all {} answered.", path.display(), progress.total)
            } else {
                format!(
                    "{}: {} of {} answered, {to_go} to go.",
                    path.display(),
                    progress.answered,
                    progress.total
                )
            })?;
            (path.clone(), flow, Overwrite::Allow)
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
                let question = format!(
                    "{} already exists. Replace it with a new assessment?",
                    path.display()
                );
                if !prompter.confirm(&question)? {
                    writeln!(
                        io.err,
                        "{} was left as it is.\n  = help: continue it with `{}`, or answer into another file with --output PATH",
                        path.display(),
                        commands.resume(&path)
                    )?;
                    return Ok(Exit::Invalid);
                }
                Overwrite::Allow
            } else {
                Overwrite::Refuse
            };
            (path, Flow::new(questionnaire), overwrite)
        }
    };

    if let (Some(evidence), Some(path)) = (&evidence, &args.evidence.evidence) {
        flow = flow.with_evidence(evidence);
        prompter.say(&offered(path, evidence.measured.len()))?;
    }
    let resume = commands.resume(&target);
    let mut saved = args.resume.is_some();
    if saved {
        session.on_interrupt(stopped_message(&target, &resume));
    }
    let outcome = flow.run(&mut prompter, &mut |progress: &Saved| {
        let text =
            render::answers::to_toml_with_notes(questionnaire, &progress.answers, &progress.notes);
        fsio::write_atomic(&target, &text, overwrite).with_context(|| "cannot save the answers")?;
        overwrite = Overwrite::Allow;
        if !saved {
            saved = true;
            session.on_interrupt(stopped_message(&target, &resume));
        }
        Ok(())
    });
    match outcome? {
        Outcome::Stopped(_) if !saved => {
            writeln!(
                io.err,
                "\nStopped before the first answer; nothing was saved.\n  = help: start again with `{}`",
                commands.assess()
            )?;
            Ok(Exit::Interrupted)
        }
        Outcome::Stopped(_) => {
            writeln!(io.err, "\n{}", stopped_message(&target, &resume))?;
            Ok(Exit::Interrupted)
        }
        Outcome::Finished(_) => {
            let Some(result) = Scored::read(data, &target, evidence.as_ref(), io)? else {
                return Ok(Exit::Invalid);
            };
            io.out.write_all(b"\n")?;
            io.out.write_all(result.view(style).as_bytes())?;
            writeln!(io.out, "\nYour answers are saved in {}.", target.display())?;
            io.out.flush()?;
            let record = write_record(data, &target, &result, args.output.force, &prompter, io)?;
            writeln!(io.out, "{record}")?;
            Ok(Exit::Success)
        }
    }
}

/// A saved answers file, read back and scored exactly as `idpfit score FILE` does.
struct Scored {
    name: String,
    answers: Answers,
    assessment: Assessment,
}

impl Scored {
    /// Reads the file from disk, validated strictly, and assesses it with its what-if analysis
    /// (and against the evidence, when there is some), as `idpfit score` would.
    fn read(
        data: &Data,
        path: &Path,
        evidence: Option<&Evidence>,
        io: &mut Io<'_>,
    ) -> Result<Option<Scored>> {
        let name = path.display().to_string();
        let source = fsio::read_text(path, FileKind::Answers)
            .with_context(|| "cannot read the saved answers")?;
        let loaded =
            Answers::from_toml(&name, &source, &data.questionnaire, LoadOptions::default());
        Ok(data::shown(loaded, io)?.map(|answers| {
            let model = data.model();
            let options = AssessOptions {
                what_if: true,
                evidence,
            };
            let assessment = model.assess_with(&answers, options);
            let answers = match evidence {
                Some(evidence) => model.answers_with(&answers, evidence),
                None => answers,
            };
            Scored {
                name,
                answers,
                assessment,
            }
        }))
    }

    /// The view `idpfit score FILE` prints on the same terminal.
    fn view(&self, style: Style) -> String {
        score::render(ScoreFormat::Table, &self.name, &self.assessment, style)
    }
}

/// Writes the HTML decision record next to the answers file (`a.toml` → `a.html`), asking
/// before replacing one unless `force`; returns the line that says where it is, or how to
/// write it when the user kept the old one.
fn write_record(
    data: &Data,
    answers_path: &Path,
    scored: &Scored,
    force: bool,
    prompter: &TerminalPrompter,
    io: &mut Io<'_>,
) -> Result<String> {
    let path = answers_path.with_extension("html");
    let shown = path.display().to_string();
    let exists = path.exists();
    if exists && !force {
        let question = format!("{shown} already exists. Replace it with this decision record?");
        if !prompter.confirm(&question)? {
            return Ok(format!(
                "The decision record in {shown} was left as it is. To replace it: idpfit report {} --output {} --force",
                shell_word(&answers_path.display().to_string()),
                shell_word(&shown)
            ));
        }
    }
    let meta = Meta {
        date: super::report::today(),
        status: Status::Proposed,
        authors: Vec::new(),
        approver: None,
    };
    let record = match DecisionRecord::new(
        &scored.name,
        &data.questionnaire,
        &scored.answers,
        &scored.assessment,
        meta,
    ) {
        Ok(record) => record,
        Err(missing) => return Ok(format!("No decision record was written: {missing}")),
    };
    let html = render::report::render(ReportFormat::Html, &record);
    let overwrite = if exists {
        Overwrite::Allow
    } else {
        Overwrite::Refuse
    };
    if let Err(error) = fsio::write_atomic(&path, &html, overwrite) {
        writeln!(io.err, "error: {error}")?;
        return Ok(format!(
            "The decision record was not written. To write it: idpfit report {} --output PATH.html",
            shell_word(&answers_path.display().to_string())
        ));
    }
    Ok(format!(
        "Decision record for leadership: {shown} (open it in a browser)"
    ))
}

/// The answers of a file to resume, and what `assess` noted in it besides.
fn read_resumed(
    data: &Data,
    path: &Path,
    io: &mut Io<'_>,
) -> Result<Option<(Answers, AssessNotes)>> {
    let source = match fsio::read_text(path, FileKind::Answers) {
        Ok(source) => source,
        Err(error) => {
            writeln!(io.err, "error: {error}")?;
            return Ok(None);
        }
    };
    let loaded = Answers::from_toml(
        &data::display_name(path),
        &source,
        &data.questionnaire,
        LoadOptions { partial: true },
    );
    let notes = AssessNotes::read(&data.questionnaire, &source);
    Ok(data::shown(loaded, io)?.map(|answers| (answers, notes)))
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

/// What the screen says about the evidence before the first question.
fn offered(path: &Path, measured: usize) -> String {
    match measured {
        0 => format!(
            "{}: the scan measured none of these answers.",
            path.display()
        ),
        1 => format!(
            "{}: one answer measured by idpfit scan is offered as its default, with where it was found; Enter keeps it.",
            path.display()
        ),
        n => format!(
            "{}: {n} answers measured by idpfit scan are offered as their defaults, each with where it was found; Enter keeps one.",
            path.display()
        ),
    }
}

/// The command lines `assess` suggests (to resume, to start again), with the options in use.
struct Commands<'a> {
    data: &'a DataArgs,
    evidence: Option<&'a Path>,
}

impl Commands<'_> {
    /// `idpfit assess --resume PATH` and the options in use.
    fn resume(&self, path: &Path) -> String {
        resume_command(self.data, self.evidence, path)
    }

    /// `idpfit assess` and the options in use.
    fn assess(&self) -> String {
        let mut words = vec!["idpfit".to_string(), "assess".to_string()];
        words.extend(option_words(self.data, self.evidence));
        words.join(" ")
    }
}

/// `idpfit assess --resume PATH`, with the questionnaire, weights and evidence options in use.
pub fn resume_command(data_args: &DataArgs, evidence: Option<&Path>, path: &Path) -> String {
    let mut line = vec![
        "idpfit".to_string(),
        "assess".to_string(),
        "--resume".to_string(),
        shell_word(&path.display().to_string()),
    ];
    line.extend(option_words(data_args, evidence));
    line.join(" ")
}

fn option_words(data_args: &DataArgs, evidence: Option<&Path>) -> Vec<String> {
    let mut words = data_words(data_args);
    if let Some(path) = evidence {
        words.push("--evidence".to_string());
        words.push(shell_word(&path.display().to_string()));
    }
    words
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
            resume_command(&data, None, Path::new("team answers.toml")),
            "idpfit assess --resume 'team answers.toml' --questionnaire q.toml --preset scale-up"
        );
        assert_eq!(
            resume_command(&data, Some(Path::new("scan.json")), Path::new("a.toml")),
            "idpfit assess --resume a.toml --questionnaire q.toml --preset scale-up --evidence scan.json"
        );
    }
}
