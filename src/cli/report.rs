//! `idpfit report FILE`: the decision record of one answers file, as Markdown or a
//! self-contained HTML page, always with its what-if analysis. The record is built by
//! [`crate::report`] and worded by [`crate::render::report`]; this file only reads the answers
//! and writes the text where asked.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::args::{OutputArgs, output_help};
use super::data::{self, Data};
use super::{Exit, Io};
use crate::engine::Model;
use crate::load::LoadOptions;
use crate::render::report::{self, ReportFormat};
use crate::report::DecisionRecord;

#[derive(Debug, Args)]
#[command(mut_args(output_help("Write the report to this file instead of standard output")))]
pub struct ReportArgs {
    /// Answers file to report on (`-` reads standard input)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Output format [default: html when --output ends in .html or .htm, else markdown]
    #[arg(long, short, value_enum)]
    pub format: Option<ReportFormat>,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Report on a file with missing answers: they count as unknown and are listed
    #[arg(long)]
    pub partial: bool,
}

pub fn run(data: &Data, args: &ReportArgs, io: &mut Io<'_>) -> Result<Exit> {
    let options = LoadOptions {
        partial: args.partial,
    };
    let Some(answers) = data::answers(data, &args.file, options, io)? else {
        return Ok(Exit::Invalid);
    };
    let model = Model::new(&data.questionnaire, &data.weights);
    let assessment = model.assess_with_what_if(&answers);
    let file = data::display_name(&args.file);
    let record = DecisionRecord::new(&file, &data.questionnaire, &answers, &assessment);
    let format = args.format.unwrap_or_else(|| {
        args.output
            .output
            .as_deref()
            .map_or(ReportFormat::Markdown, ReportFormat::for_path)
    });
    args.output.emit(&report::render(format, &record), io)?;
    Ok(Exit::Success)
}
