//! The files a command reads: the questionnaire and weights it scores with (built in, a preset,
//! or given by path), the answers files named on the command line, and the scan's evidence.
//!
//! Every problem found in a file is printed to standard error with its line and column, and
//! the loader returns `None`; a file that cannot be read at all is an error for the caller.
//! Parsing and checking are [`crate::load`]'s job; this module only finds the text and says
//! which file it is.

use std::path::Path;

use anyhow::{Context, Result};

use super::Io;
use super::args::{DataArgs, EvidenceArgs};
use super::fsio::{self, FileKind};
use crate::builtin;
use crate::builtin::presets;
use crate::engine::{Evidence, Model, Scales};
use crate::load::Diagnostics;
use crate::load::LoadOptions;
use crate::model::Answers;
use crate::model::{Questionnaire, Weights};

/// The questionnaire and weights in use, loaded once per run.
pub struct Data {
    pub questionnaire: Questionnaire,
    pub weights: Weights,
    /// Their scales, when they are the built-in data whose scales the binary keeps.
    scales: Option<Scales>,
}

impl Data {
    /// The model to score with: the kept scales when there are any, measured otherwise.
    pub fn model(&self) -> Model<'_> {
        match self.scales {
            Some(scales) => Model::with_scales(&self.questionnaire, &self.weights, scales),
            None => Model::new(&self.questionnaire, &self.weights),
        }
    }
}

/// Loads the questionnaire (built-in or `--questionnaire`), printing its problems if it is
/// invalid.
pub fn questionnaire(sources: &DataArgs, io: &mut Io<'_>) -> Result<Option<Questionnaire>> {
    match &sources.questionnaire {
        Some(path) => {
            let source = fsio::read_text(path, FileKind::Questionnaire)
                .context("cannot load the questionnaire")?;
            shown(
                Questionnaire::from_toml(&path.display().to_string(), &source),
                io,
            )
        }
        None => Ok(Some(builtin::questionnaire())),
    }
}

/// Loads the questionnaire and the weights (built-in, `--preset` or `--weights`), printing
/// every problem found in either.
pub fn load(sources: &DataArgs, io: &mut Io<'_>) -> Result<Option<Data>> {
    let Some(questionnaire) = questionnaire(sources, io)? else {
        return Ok(None);
    };
    let preset = sources.preset.as_deref().and_then(presets::find);
    // Only the built-in questionnaire and weights come with scales measured for them.
    let (loaded, scales) = match (&sources.weights, preset, &sources.questionnaire) {
        (Some(path), _, _) => {
            let source =
                fsio::read_text(path, FileKind::Weights).context("cannot load the weights")?;
            let loaded = Weights::from_toml(&path.display().to_string(), &source, &questionnaire);
            (loaded, None)
        }
        (None, Some(preset), _) => (preset.load(&questionnaire), None),
        // The compiled default weights refer to the built-in questionnaire's questions by
        // position; against another questionnaire they must be checked afresh.
        (None, None, Some(_)) => (
            Weights::from_toml(builtin::WEIGHTS_NAME, builtin::WEIGHTS_TOML, &questionnaire),
            None,
        ),
        (None, None, None) => (
            Ok(builtin::weights()),
            builtin::scales().map(|(total, leans)| Scales { total, leans }),
        ),
    };
    Ok(shown(loaded, io)?.map(|weights| Data {
        questionnaire,
        weights,
        scales,
    }))
}

/// Reads and validates one answers file, printing its problems.
pub fn answers(
    data: &Data,
    path: &Path,
    options: LoadOptions,
    io: &mut Io<'_>,
) -> Result<Option<Answers>> {
    match read_answers(data, path, options) {
        Ok(answers) => Ok(Some(answers)),
        Err(problems) => {
            // A closed stderr must not turn invalid input into success: the problems are
            // reported as well as they can be, and the exit code still says "invalid".
            let _ = io.err.write_all(problems.as_bytes());
            Ok(None)
        }
    }
}

/// Reads and validates one answers file; its problems come back as the text to print, so
/// files can be read side by side and their problems still reported in order.
pub fn read_answers(data: &Data, path: &Path, options: LoadOptions) -> Result<Answers, String> {
    let source =
        fsio::read_text(path, FileKind::Answers).map_err(|error| format!("error: {error}\n"))?;
    Answers::from_toml(&display_name(path), &source, &data.questionnaire, options)
        .map_err(|diagnostics| diagnostics.render())
}

/// Reads and checks the `--evidence` file, printing its problems: `Ok(None)` when it is
/// invalid (as for an answers file), `Ok(Some(None))` when none was given.
pub fn evidence(
    data: &Data,
    args: &EvidenceArgs,
    io: &mut Io<'_>,
) -> Result<Option<Option<Evidence>>> {
    let Some(path) = &args.evidence else {
        return Ok(Some(None));
    };
    let source = fsio::read_text(path, FileKind::Evidence).context("cannot read the evidence")?;
    let read = crate::scan::evidence::read(&display_name(path), &source, &data.questionnaire);
    Ok(shown(read, io)?.map(Some))
}

/// Prints diagnostics to `err`, turning them into `None`.
pub fn shown<T>(loaded: Result<T, Diagnostics>, io: &mut Io<'_>) -> Result<Option<T>> {
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

/// How results and messages name an answers file: its path, or `<stdin>` for `-`.
pub fn display_name(path: &Path) -> String {
    if path.as_os_str() == fsio::STDIN {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}
