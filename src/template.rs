//! Text generated from the questionnaire alone: the fill-in answers file (`idpfit template`)
//! and the question listing (`idpfit questions`). Both follow the questionnaire's order.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use serde::Serialize;

use crate::questionnaire::{Question, QuestionKind, Questionnaire, UNKNOWN};
use crate::render::Style;
use crate::value::Num;

/// Column at which comment text wraps.
const WRAP: usize = 96;

/// A commented answers file with every question, its allowed values and why it is asked.
/// Questions that accept "unknown" are pre-filled with it, so the template is valid as it
/// stands and scores with every answer open; optional questions are commented out.
pub fn answers_template(questionnaire: &Questionnaire) -> String {
    let mut out = String::new();
    push_wrapped(
        &mut out,
        &format!(
            "idpfit answers: {} ({}).",
            questionnaire.title, questionnaire.id
        ),
        "# ",
    );
    out.push_str("# Replace each \"unknown\" with your answer; keep \"unknown\" where you do not know yet.\n");
    out.push_str("# Then run: idpfit score <this file>\n");
    out.push_str(&format!(
        "questionnaire = {}\n",
        toml::Value::String(questionnaire.id.clone())
    ));
    for section in &questionnaire.sections {
        out.push_str(&format!("\n[{}]\n", section.id));
        push_wrapped(
            &mut out,
            &format!("{}: {}", section.title, section.intro),
            "# ",
        );
        if section.all_or_nothing {
            out.push_str("# Give every key of this section, or none.\n");
        }
        for question in questionnaire.questions_in(&section.id) {
            out.push('\n');
            push_question(&mut out, question);
        }
    }
    out
}

fn push_question(out: &mut String, question: &Question) {
    push_wrapped(out, &question.prompt, "# ");
    if !question.help.is_empty() {
        push_wrapped(out, &format!("Why we ask: {}", question.help), "# ");
    }
    if let QuestionKind::Choice(choices) = &question.kind {
        let width = choices.iter().map(|c| c.value.len()).max().unwrap_or(0) + 2;
        for choice in choices {
            out.push_str(&format!(
                "#   {:<width$}  {}\n",
                format!("\"{}\"", choice.value),
                one_line(&choice.label)
            ));
        }
    }
    let mut facts = vec![format!("Expected: {}.", question.expected())];
    if !question.required {
        facts.push("Optional.".to_string());
    }
    if question.ask_if.is_some() {
        facts.push("Only needed when it applies (see above).".to_string());
    }
    push_wrapped(out, &facts.join(" "), "# ");
    let line = format!("{} = {}", question.key, placeholder(question));
    if question.unknown_allowed && question.required {
        out.push_str(&line);
    } else {
        out.push_str("# ");
        out.push_str(&line);
    }
    out.push('\n');
}

/// What a template line holds before the user answers.
fn placeholder(question: &Question) -> String {
    if question.unknown_allowed {
        return format!("\"{UNKNOWN}\"");
    }
    match &question.kind {
        QuestionKind::Choice(choices) => choices
            .first()
            .map_or_else(|| "\"\"".to_string(), |c| format!("\"{}\"", c.value)),
        QuestionKind::Bool => "false".to_string(),
        QuestionKind::Number {
            min, greater_than, ..
        } => Num(min.or(greater_than.map(|g| g + 1.0)).unwrap_or(0.0)).to_string(),
        QuestionKind::Integer { min, .. } => min.unwrap_or(0).to_string(),
        QuestionKind::Text => "\"\"".to_string(),
    }
}

/// `text` on one line, every run of whitespace or control characters made a single space, so
/// it can sit in a TOML comment.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Word-wraps `text` into comment lines starting with `prefix`. Line breaks and control
/// characters in `text` become spaces: a comment must not end early or hold characters TOML
/// forbids in comments.
fn push_wrapped(out: &mut String, text: &str, prefix: &str) {
    let mut line = String::from(prefix);
    let text = one_line(text);
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if line.len() > prefix.len() && line.len() + 1 + word.len() > WRAP {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(prefix);
        }
        if line.len() > prefix.len() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(line.trim_end());
    out.push('\n');
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
pub fn questions_table(questionnaire: &Questionnaire, style: Style) -> String {
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
pub fn questions_json(questionnaire: &Questionnaire) -> String {
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
    let mut text = serde_json::to_string_pretty(&entries).unwrap_or_default();
    text.push('\n');
    text
}

fn required_text(question: &Question) -> &'static str {
    match (question.required, question.ask_if.is_some()) {
        (false, _) => "no",
        (true, true) => "if applicable",
        (true, false) => "yes",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{Answers, LoadOptions};
    use crate::defaults;

    #[test]
    fn the_template_is_a_valid_answers_file() {
        let questionnaire = defaults::questionnaire();
        let text = answers_template(&questionnaire);
        let loaded = Answers::from_toml("t.toml", &text, &questionnaire, LoadOptions::default());
        assert!(
            loaded.is_ok(),
            "{}",
            loaded.err().map(|d| d.render()).unwrap_or_default()
        );
    }

    #[test]
    fn the_template_lists_every_choice() {
        let questionnaire = defaults::questionnaire();
        let text = answers_template(&questionnaire);
        for question in &questionnaire.questions {
            assert!(
                text.contains(&format!("{} = ", question.key)),
                "{}",
                question.id
            );
            for choice in question.kind.choices() {
                assert!(
                    text.contains(&format!("\"{}\"", choice.value)),
                    "{}",
                    choice.value
                );
            }
        }
    }
}
