//! Answers as an answers file: what `idpfit assess` saves after every answer, and the literal
//! form of one answer that every file idpfit writes uses.
//!
//! The text reads back as the same answers (a test and the fuzz target hold it to that), so a
//! saved file can be scored, edited and resumed. It writes no file itself; the CLI decides
//! where the text goes.

use crate::model::{Answers, Question, Questionnaire, UNKNOWN, Value};
use crate::render::text::Num;

/// The answers as an answers file: every answered question under its section, each preceded
/// by its prompt as a comment. Sections and keys follow the questionnaire's order, so the
/// same answers always give the same text.
pub fn to_toml(questionnaire: &Questionnaire, answers: &Answers) -> String {
    let mut out = format!(
        "questionnaire = {}\n",
        toml::Value::String(questionnaire.id.clone())
    );
    for section in &questionnaire.sections {
        let answered: Vec<(&Question, &Value)> = questionnaire
            .questions
            .iter()
            .zip(&answers.values)
            .filter(|(q, _)| q.section == section.id)
            .filter_map(|(q, v)| v.as_ref().map(|v| (q, v)))
            .collect();
        if answered.is_empty() {
            continue;
        }
        out.push_str(&format!("\n[{}]\n", section.id));
        for (question, value) in answered {
            out.push_str(&format!("# {}\n", question.prompt));
            out.push_str(&format!(
                "{} = {}\n",
                question.key,
                toml_literal(question, value)
            ));
        }
    }
    out
}

/// A value as a TOML literal for `question`'s key.
pub fn toml_literal(question: &Question, value: &Value) -> String {
    match value {
        Value::Choice(_) => toml::Value::String(question.display(value)).to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => {
            let text = Num(*n).to_string();
            // The short form when it reads back as the same value and as a TOML number (a
            // very large whole number would read back as an integer too large for TOML);
            // otherwise Rust's shortest round-trip form, which always has a `.` or an exponent.
            if text.parse::<f64>().ok() == Some(*n) && n.abs() < 1e15 {
                text
            } else {
                format!("{n:?}")
            }
        }
        Value::Integer(i) => i.to_string(),
        Value::Text(t) => toml::Value::String(t.clone()).to_string(),
        Value::Unknown => toml::Value::String(UNKNOWN.to_string()).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;
    use crate::load::LoadOptions;

    #[test]
    fn written_answers_read_back_identically() {
        let questionnaire = builtin::questionnaire();
        let source = crate::testing::PORT_EXAMPLE;
        let answers = Answers::from_toml("a.toml", source, &questionnaire, LoadOptions::default());
        let answers = answers.map_err(|d| d.to_string());
        assert!(answers.is_ok(), "{answers:?}");
        let answers = answers.unwrap_or_else(|_| Answers::empty(&questionnaire));
        let written = to_toml(&questionnaire, &answers);
        let again = Answers::from_toml("b.toml", &written, &questionnaire, LoadOptions::default());
        assert_eq!(again.ok(), Some(answers));
    }
}
