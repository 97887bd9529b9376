//! The fill-in answers file of `idpfit template`, generated from the questionnaire alone: every
//! question in the questionnaire's order, with its allowed values and why it is asked, as
//! comments above its key. It does not validate the questionnaire; the loader already has.

use crate::model::{Question, QuestionKind, Questionnaire, UNKNOWN};
use crate::render::text::{Num, comment, one_line};

/// Column at which comment text wraps.
const WRAP: usize = 96;

/// A commented answers file with every question, its allowed values and why it is asked.
/// Questions that accept "unknown" are pre-filled with it, so the template is valid as it
/// stands and scores with every answer open; optional questions are commented out.
pub fn answers_template(questionnaire: &Questionnaire) -> String {
    let mut out = String::new();
    out.push_str(&comment(
        &format!(
            "idpfit answers: {} ({}).",
            questionnaire.title, questionnaire.id
        ),
        WRAP,
    ));
    out.push_str("# Replace each \"unknown\" with your answer; keep \"unknown\" where you do not know yet.\n");
    out.push_str("# Then run: idpfit score <this file>\n");
    out.push_str(&format!(
        "questionnaire = {}\n",
        toml::Value::String(questionnaire.id.clone())
    ));
    for section in &questionnaire.sections {
        out.push_str(&format!("\n[{}]\n", section.id));
        out.push_str(&comment(
            &format!("{}: {}", section.title, section.intro),
            WRAP,
        ));
        if section.all_or_nothing {
            let details = questionnaire.questions_in(&section.id).any(|q| q.detail);
            out.push_str(if details {
                "# Give every key of this section, or none; the optional details may be left out.\n"
            } else {
                "# Give every key of this section, or none.\n"
            });
        }
        for question in questionnaire.questions_in(&section.id) {
            out.push('\n');
            push_question(&mut out, question);
        }
    }
    out
}

fn push_question(out: &mut String, question: &Question) {
    out.push_str(&comment(&question.prompt, WRAP));
    if !question.help.is_empty() {
        out.push_str(&comment(&format!("Why we ask: {}", question.help), WRAP));
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
    out.push_str(&comment(&facts.join(" "), WRAP));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;
    use crate::load::LoadOptions;
    use crate::model::Answers;

    #[test]
    fn the_template_is_a_valid_answers_file() {
        let questionnaire = builtin::questionnaire();
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
        let questionnaire = builtin::questionnaire();
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
