//! Listings of the data in use: every question of the questionnaire (`idpfit questions`, as a
//! table or JSON for tools) and the built-in weight presets (`idpfit presets`). Both follow the
//! data's own order. Loading the presets is [`crate::builtin::presets`]'s job; this only lays
//! them out.

use clap::ValueEnum;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use serde::Serialize;

use crate::model::{Question, Questionnaire, Weights};
use crate::render::{self, Style};

/// Formats of `idpfit questions`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

/// Every question of `questionnaire` in `format`.
pub fn questions(format: ListFormat, questionnaire: &Questionnaire, style: Style) -> String {
    match format {
        ListFormat::Table => questions_table(questionnaire, style),
        ListFormat::Json => questions_json(questionnaire),
    }
}

/// One question as `idpfit questions --format json` lists it.
#[derive(Serialize)]
struct QuestionEntry<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    required: bool,
    unknown_allowed: bool,
    allowed: String,
    choices: Vec<&'a str>,
    prompt: &'a str,
    dimensions: Vec<&'static str>,
    serves: &'a [u8],
}

/// Every question with its id, type and allowed values, as a table.
fn questions_table(questionnaire: &Questionnaire, style: Style) -> String {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED.with_rounded_corners())
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width)
        .set_header(vec!["Id", "Type", "Required", "Allowed values"]);
    if !style.color {
        table.force_no_tty();
    }
    for question in &questionnaire.questions {
        table.add_row(vec![
            question.id.clone(),
            question.kind.name().to_string(),
            required_text(question).to_string(),
            question.expected(),
        ]);
    }
    format!(
        "{} ({}): {} questions\n{table}\n",
        questionnaire.title,
        questionnaire.id,
        questionnaire.questions.len()
    )
}

/// Every question as a JSON array, for tools.
fn questions_json(questionnaire: &Questionnaire) -> String {
    let entries: Vec<QuestionEntry> = questionnaire
        .questions
        .iter()
        .map(|q| QuestionEntry {
            id: &q.id,
            kind: q.kind.name(),
            required: q.required,
            unknown_allowed: q.unknown_allowed,
            allowed: q.expected(),
            choices: q.kind.choices().iter().map(|c| c.value.as_str()).collect(),
            prompt: &q.prompt,
            dimensions: q.dimensions.iter().map(|d| d.id()).collect(),
            serves: &q.serves,
        })
        .collect();
    render::json::pretty(&entries)
}

fn required_text(question: &Question) -> &'static str {
    match (question.required, question.ask_if.is_some()) {
        (false, _) => "no",
        (true, true) => "if applicable",
        (true, false) => "yes",
    }
}

/// `idpfit presets`: one line per preset, its name then its weights' description, the
/// descriptions aligned, in the order given.
pub fn presets(presets: &[(&str, Weights)]) -> String {
    let width = presets
        .iter()
        .map(|(name, _)| name.len())
        .max()
        .unwrap_or(0);
    presets
        .iter()
        .map(|(name, weights)| format!("{name:<width$}  {}\n", weights.description))
        .collect()
}
