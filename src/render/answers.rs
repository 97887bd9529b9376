//! Answers as an answers file: what `idpfit assess` saves after every answer, and the literal
//! form of one answer that every file idpfit writes uses.
//!
//! Besides its answers, a file `assess` writes records what `--resume` needs to continue
//! exactly where the user stopped ([`AssessNotes`]): declined optional sections, as empty
//! tables, and sections begun but not yet complete, as a commented-out fragment at the end.
//! Both leave the file meaning the same to `score`, `validate` and every other reader.
//!
//! The text reads back as the same answers (a test and the fuzz target hold it to that), so a
//! saved file can be scored, edited and resumed. It writes no file itself; the CLI decides
//! where the text goes.

use crate::load::Scalar;
use crate::model::{Answers, Question, Questionnaire, UNKNOWN, Value};
use crate::render::text::Num;

/// What a file written by `idpfit assess` records besides its answers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AssessNotes {
    /// Optional sections (with an `offer`) the user declined, by id: each is written as an
    /// empty table, which every reader takes as "none of this section answered".
    pub declined: Vec<String>,
    /// Sections the user began that cannot be among the answers yet: an accepted offer with
    /// no answer so far, or an all-or-nothing section with some of its answers. Each comes
    /// with the answers given (question index, value), and is written as comments, so the
    /// file stays valid and nothing the user confirmed is lost.
    pub begun: Vec<(String, Vec<(usize, Value)>)>,
}

/// The first line of the commented-out fragment that holds [`AssessNotes::begun`].
const BEGUN: &str = "# Begun in `idpfit assess` and held back until complete (`idpfit assess --resume` continues it):";

/// The comment under a declined section's empty table.
const DECLINED: &str =
    "# Declined in `idpfit assess`: left out on purpose. Answer its questions here to include it.";

/// The answers as an answers file: every answered question under its section, each preceded
/// by its prompt as a comment. Sections and keys follow the questionnaire's order, so the
/// same answers always give the same text.
pub fn to_toml(questionnaire: &Questionnaire, answers: &Answers) -> String {
    to_toml_with_notes(questionnaire, answers, &AssessNotes::default())
}

/// What `idpfit assess` saves: [`to_toml`] with the sections of `notes` (see [`AssessNotes`]).
pub fn to_toml_with_notes(
    questionnaire: &Questionnaire,
    answers: &Answers,
    notes: &AssessNotes,
) -> String {
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
            if notes.declined.contains(&section.id) {
                out.push_str(&format!("\n[{}]\n{DECLINED}\n", section.id));
            }
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
    if !notes.begun.is_empty() {
        out.push_str(&format!("\n{BEGUN}\n"));
        for (section, held) in &notes.begun {
            out.push_str(&format!("# [{section}]\n"));
            for (index, value) in held {
                if let Some(question) = questionnaire.questions.get(*index) {
                    out.push_str(&format!(
                        "# {} = {}\n",
                        question.key,
                        toml_literal(question, value)
                    ));
                }
            }
        }
    }
    out
}

impl AssessNotes {
    /// The notes in an answers file's text. Lenient: what it cannot read (a file that is not
    /// TOML, a fragment edited by hand into nonsense) it leaves out; the loader reports the
    /// file's own problems.
    pub fn read(questionnaire: &Questionnaire, source: &str) -> AssessNotes {
        let offered = |id: &str| questionnaire.section(id).is_some_and(|s| s.offer.is_some());
        let declined = source
            .parse::<toml::Table>()
            .map(|table| {
                questionnaire
                    .sections
                    .iter()
                    .filter(|s| offered(&s.id))
                    .filter(|s| {
                        table
                            .get(&s.id)
                            .and_then(toml::Value::as_table)
                            .is_some_and(toml::Table::is_empty)
                    })
                    .map(|s| s.id.clone())
                    .collect()
            })
            .unwrap_or_default();
        let fragment: String = source
            .lines()
            .skip_while(|line| *line != BEGUN)
            .skip(1)
            .map_while(|line| line.strip_prefix("# "))
            .map(|line| format!("{line}\n"))
            .collect();
        let begun = fragment
            .parse::<toml::Table>()
            .map(|table| {
                table
                    .iter()
                    .filter(|(id, _)| questionnaire.section(id).is_some())
                    .filter_map(|(id, keys)| {
                        Some((id.clone(), held(questionnaire, id, keys.as_table()?)))
                    })
                    .collect()
            })
            .unwrap_or_default();
        AssessNotes { declined, begun }
    }
}

/// The valid answers among a begun section's keys.
fn held(questionnaire: &Questionnaire, section: &str, keys: &toml::Table) -> Vec<(usize, Value)> {
    keys.iter()
        .filter_map(|(key, value)| {
            let index = questionnaire.index_in(section, key)?;
            let scalar = match value {
                toml::Value::String(s) => Scalar::Str(s),
                toml::Value::Integer(i) => Scalar::Int(*i),
                toml::Value::Float(f) => Scalar::Float(*f),
                toml::Value::Boolean(b) => Scalar::Bool(*b),
                _ => return None,
            };
            let value = questionnaire.questions[index].check(scalar).ok()?;
            Some((index, value))
        })
        .collect()
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
    fn notes_leave_the_answers_as_they_are_and_read_back() {
        let questionnaire = builtin::questionnaire();
        let text = crate::testing::PORT_EXAMPLE;
        let Ok(mut answers) =
            Answers::from_toml("a.toml", text, &questionnaire, LoadOptions::default())
        else {
            panic!("the example does not load")
        };
        let mut cost = Vec::new();
        for (index, (question, value)) in questionnaire
            .questions
            .iter()
            .zip(answers.values.iter_mut())
            .enumerate()
        {
            if question.section == "cost" {
                cost.push((index, value.take()));
            }
        }
        let declined = AssessNotes {
            declined: vec!["cost".to_string()],
            begun: Vec::new(),
        };
        let written = to_toml_with_notes(&questionnaire, &answers, &declined);
        assert!(
            written.ends_with(&format!("\n[cost]\n{DECLINED}\n")),
            "{written}"
        );
        let again = Answers::from_toml("b.toml", &written, &questionnaire, LoadOptions::default());
        assert_eq!(again.ok(), Some(answers.clone()));
        assert_eq!(AssessNotes::read(&questionnaire, &written), declined);

        // Half of the all-or-nothing cost section: held back in comments, read back.
        let (first, value) = cost[0].clone();
        let begun = AssessNotes {
            declined: Vec::new(),
            begun: vec![(
                "cost".to_string(),
                vec![(first, value.unwrap_or(Value::Unknown))],
            )],
        };
        let written = to_toml_with_notes(&questionnaire, &answers, &begun);
        assert!(
            written.ends_with(&format!(
                "\n{BEGUN}\n# [cost]\n# engineer_annual_cost = 160000\n"
            )),
            "{written}"
        );
        let again = Answers::from_toml("c.toml", &written, &questionnaire, LoadOptions::default());
        assert_eq!(again.ok(), Some(answers));
        assert_eq!(AssessNotes::read(&questionnaire, &written), begun);
        assert_eq!(
            AssessNotes::read(&questionnaire, text),
            AssessNotes::default()
        );
    }

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
