//! `idpfit aggregate FILE FILE...`: combine several respondents' answers, report where they
//! disagree, and with `--output` write the combined answers file. Combining and measuring
//! agreement are [`crate::teams::aggregate`]'s; this file only reads the files, writes the
//! combined one and prints the report.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::Args;

use super::args::{OutputArgs, output_help};
use super::data::{self, Data};
use super::fsio;
use super::{Exit, Io};
use crate::load::LoadOptions;
use crate::render::Style;
use crate::render::teams::{TeamFormat, aggregate};
use crate::teams::{
    self,
    aggregate::{ALIGNMENT_ANSWER, Respondent},
};

#[derive(Debug, Args)]
#[command(mut_args(output_help(
    "Write the combined answers file here (score it with `idpfit score`)"
)))]
pub struct AggregateArgs {
    /// Each respondent's answers file; the file name without its extension names the respondent
    #[arg(required = true, num_args = 2.., value_name = "FILE")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Format of the alignment report on standard output
    #[arg(long, short, value_enum, default_value_t)]
    pub format: TeamFormat,
    /// Accept respondents' files with missing answers (missing counts as not answering)
    #[arg(long)]
    pub partial: bool,
}

pub fn run(data: &Data, args: &AggregateArgs, style: Style, io: &mut Io<'_>) -> Result<Exit> {
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
        match data::answers(data, path, options, io)? {
            Some(answers) => respondents.push(Respondent { name, answers }),
            None => invalid = true,
        }
    }
    if invalid {
        return Ok(Exit::Invalid);
    }
    let questionnaire = &data.questionnaire;
    let combined = teams::aggregate::aggregate(questionnaire, &data.weights, &respondents);
    let assessment = data.model().assess(&combined.combined);
    let text = aggregate::render(args.format, questionnaire, &combined, &assessment, style);
    if let Some(path) = &args.output.output {
        let file = aggregate::combined_toml(questionnaire, &combined);
        fsio::write_atomic(path, &file, args.output.overwrite())?;
    }
    io.out.write_all(text.as_bytes())?;
    if !combined.not_aligned.is_empty() && questionnaire.index_of(ALIGNMENT_ANSWER).is_none() {
        writeln!(
            io.err,
            "warning: the questionnaire has no `{ALIGNMENT_ANSWER}` question, so the combined file cannot record the disagreement; scoring it alone will not show it"
        )?;
    }
    match &args.output.output {
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
