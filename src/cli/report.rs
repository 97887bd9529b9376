//! `idpfit report FILE`: the decision record of one answers file, as HTML, Markdown, an ADR or
//! JSON, always with its what-if analysis. The record is built by [`crate::report`] and laid out
//! by [`crate::render::report`]; this file reads the answers, decides the record's date (today,
//! from the clock, unless `--date` pins it), and writes the text where asked.

use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::args::{EvidenceArgs, OutputArgs, output_help};
use super::data::{self, Data};
use super::{Exit, Io};
use crate::engine::AssessOptions;
use crate::load::LoadOptions;
use crate::render::report::{self, ReportFormat};
use crate::report::{Date, DecisionRecord, Meta, Status};

#[derive(Debug, Args)]
#[command(mut_args(output_help("Write the report to this file instead of standard output")))]
pub struct ReportArgs {
    /// Answers file to report on (`-` reads standard input)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Output format [default: html when --output ends in .html or .htm, json for .json, else
    /// markdown]
    #[arg(long, short, value_enum)]
    pub format: Option<ReportFormat>,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub evidence: EvidenceArgs,
    /// Report on a file with missing answers: they count as unknown and are listed
    #[arg(long)]
    pub partial: bool,
    /// The record's date, YYYY-MM-DD; checkpoints and revisit dates count from it [default:
    /// today]
    #[arg(long, value_parser = parse_date)]
    pub date: Option<Date>,
    /// Who wrote the record or answered for it (repeat for several people)
    #[arg(long, value_name = "NAME")]
    pub author: Vec<String>,
    /// Whether the decision is proposed or accepted
    #[arg(long, value_enum, default_value_t = StatusArg::Proposed)]
    pub status: StatusArg,
    /// Who approves the decision
    #[arg(long, value_name = "NAME")]
    pub approver: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    Proposed,
    Accepted,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text)
}

/// Today in UTC, from the clock: the only place the record's date may come from it.
pub(super) fn today() -> Date {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_days_since_epoch((seconds / 86_400) as i64)
}

pub fn run(data: &Data, args: &ReportArgs, io: &mut Io<'_>) -> Result<Exit> {
    let options = LoadOptions {
        partial: args.partial,
    };
    let Some(answers) = data::answers(data, &args.file, options, io)? else {
        return Ok(Exit::Invalid);
    };
    let Some(evidence) = data::evidence(data, &args.evidence, io)? else {
        return Ok(Exit::Invalid);
    };
    let model = data.model();
    let assessment = model.assess_with(
        &answers,
        AssessOptions {
            what_if: true,
            evidence: evidence.as_ref(),
        },
    );
    // The record's figures come from the answers the assessment scored, measured ones included.
    let answers = match &evidence {
        Some(evidence) => model.answers_with(&answers, evidence),
        None => answers,
    };
    let file = data::display_name(&args.file);
    let meta = Meta {
        date: args.date.unwrap_or_else(today),
        status: match args.status {
            StatusArg::Proposed => Status::Proposed,
            StatusArg::Accepted => Status::Accepted,
        },
        authors: args.author.clone(),
        approver: args.approver.clone(),
    };
    let record = DecisionRecord::new(&file, &data.questionnaire, &answers, &assessment, meta)?;
    let format = args.format.unwrap_or_else(|| {
        args.output
            .output
            .as_deref()
            .map_or(ReportFormat::Markdown, ReportFormat::for_path)
    });
    args.output.emit(&report::render(format, &record), io)?;
    Ok(Exit::Success)
}
