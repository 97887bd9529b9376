//! `idpfit diff OLD NEW`: what changed between two answers files and why the recommendation
//! moved. Finding the causes is [`crate::teams::diff`]'s job; this file only reads the two
//! files and prints the report.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::data::{self, Data};
use super::fsio;
use super::{Exit, Io};
use crate::load::LoadOptions;
use crate::render::Style;
use crate::render::teams::{TeamFormat, diff};
use crate::teams;

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier answers file
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later answers file
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Output format
    #[arg(long, short, value_enum, default_value_t)]
    pub format: TeamFormat,
    /// Accept files with missing answers (scored as unknown)
    #[arg(long)]
    pub partial: bool,
}

pub fn run(data: &Data, args: &DiffArgs, style: Style, io: &mut Io<'_>) -> Result<Exit> {
    if args.old.as_os_str() == fsio::STDIN && args.new.as_os_str() == fsio::STDIN {
        writeln!(
            io.err,
            "error: only one of OLD and NEW can be `-` (standard input)"
        )?;
        return Ok(Exit::Invalid);
    }
    let options = LoadOptions {
        partial: args.partial,
    };
    let old = data::answers(data, &args.old, options, io)?;
    let new = data::answers(data, &args.new, options, io)?;
    let (Some(old), Some(new)) = (old, new) else {
        return Ok(Exit::Invalid);
    };
    let model = data.model();
    let result = teams::diff::diff(&model, &old, &new);
    let (old_name, new_name) = (data::display_name(&args.old), data::display_name(&args.new));
    let text = diff::render(
        args.format,
        &data.questionnaire,
        &result,
        (&old_name, &new_name),
        style,
    );
    io.out.write_all(text.as_bytes())?;
    Ok(Exit::Success)
}
