//! The commands that print the data in use rather than score answers: `template` (an answers
//! file to fill in), `questions` (every question), `schema` (the answers file's JSON Schema)
//! and `presets` (the built-in weights presets). None of them reads an answers file.

use anyhow::Result;
use clap::Args;

use super::args::{OutputArgs, output_help};
use super::data;
use super::{Exit, Io};
use crate::builtin::presets;
use crate::model::Questionnaire;
use crate::render::listing::{self, ListFormat};
use crate::render::{Style, schema, template as answers_template};

#[derive(Debug, Args)]
#[command(mut_args(output_help("Write the template to this file instead of standard output")))]
pub struct TemplateArgs {
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct QuestionsArgs {
    /// Output format
    #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
#[command(mut_args(output_help("Write the schema to this file instead of standard output")))]
pub struct SchemaArgs {
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn template(
    questionnaire: &Questionnaire,
    args: &TemplateArgs,
    io: &mut Io<'_>,
) -> Result<Exit> {
    args.output
        .emit(&answers_template::answers_template(questionnaire), io)?;
    Ok(Exit::Success)
}

pub fn questions(
    questionnaire: &Questionnaire,
    args: &QuestionsArgs,
    style: Style,
    io: &mut Io<'_>,
) -> Result<Exit> {
    let text = listing::questions(args.format, questionnaire, style);
    io.out.write_all(text.as_bytes())?;
    Ok(Exit::Success)
}

pub fn schema(questionnaire: &Questionnaire, args: &SchemaArgs, io: &mut Io<'_>) -> Result<Exit> {
    args.output
        .emit(&schema::answers_schema_text(questionnaire), io)?;
    Ok(Exit::Success)
}

/// Every preset with its description, each checked against the questionnaire in use.
pub fn presets(questionnaire: &Questionnaire, io: &mut Io<'_>) -> Result<Exit> {
    match data::shown(presets::load_all(questionnaire), io)? {
        Some(loaded) => {
            io.out.write_all(listing::presets(&loaded).as_bytes())?;
            Ok(Exit::Success)
        }
        None => Ok(Exit::Invalid),
    }
}
