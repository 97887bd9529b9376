//! Conditions as data files write them (see [`crate::model::condition`] for the syntax),
//! checked against the questionnaire: every question and choice they name must exist, and each
//! test must fit its question's type. Every problem is collected. It does not evaluate
//! conditions; the checked [`Condition`] does.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::diagnostic::{Code, Problem, did_you_mean, shorten};
use crate::model::condition::Condition;
use crate::model::question::quoted_list;
use crate::model::questionnaire::{QuestionKind, Questionnaire};

/// A condition as written in a data file, before its question ids are checked.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCondition {
    answer: Option<Spanned<String>>,
    is: Option<Spanned<RawIs>>,
    is_empty: Option<bool>,
    at_least: Option<f64>,
    below: Option<f64>,
    any: Option<Vec<RawCondition>>,
    all: Option<Vec<RawCondition>>,
    of: Option<Vec<RawCondition>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
enum RawIs {
    Flag(bool),
    Choices(Vec<String>),
}

impl RawCondition {
    /// Checks the condition against the questionnaire; every problem goes to `problems`, and
    /// `None` is returned if there was any.
    pub fn compile(
        &self,
        questionnaire: &Questionnaire,
        whole: Range<usize>,
        problems: &mut Vec<Problem>,
    ) -> Option<Condition> {
        let before = problems.len();
        let condition = self.compile_inner(questionnaire, &whole, problems);
        if problems.len() > before {
            None
        } else {
            condition
        }
    }

    fn compile_inner(
        &self,
        questionnaire: &Questionnaire,
        whole: &Range<usize>,
        problems: &mut Vec<Problem>,
    ) -> Option<Condition> {
        let combinators = [&self.any, &self.all, &self.of];
        let combinator_count = combinators.iter().filter(|c| c.is_some()).count();
        let has_leaf = self.answer.is_some();
        if (combinator_count > 0) == has_leaf || combinator_count > 1 {
            problems.push(
                Problem::new(
                    Code::InvalidRule,
                    "a condition needs either `answer` with a test, or one of `any`, `all`, or `at_least` with `of`",
                )
                .at(whole.clone())
                .note("example: { answer = \"hosting.requirement\", is = [\"must_self_host\"] }"),
            );
            return None;
        }
        if let Some(list) = &self.any {
            return Some(Condition::Any(self.compile_list(
                list,
                questionnaire,
                whole,
                problems,
            )));
        }
        if let Some(list) = &self.all {
            return Some(Condition::All(self.compile_list(
                list,
                questionnaire,
                whole,
                problems,
            )));
        }
        if let Some(list) = &self.of {
            return self.compile_count(list, questionnaire, whole, problems);
        }
        let answer = self.answer.as_ref()?;
        let span = answer.span();
        let Some(question) = questionnaire.index_of(answer.get_ref()) else {
            problems.push(unknown_question(questionnaire, answer.get_ref(), span));
            return None;
        };
        let kind = &questionnaire.questions[question].kind;
        let id = answer.get_ref();
        match (kind, &self.is, self.is_empty, self.at_least.or(self.below)) {
            (QuestionKind::Choice(choices), Some(is), None, None) => match is.get_ref() {
                RawIs::Choices(values) => {
                    let mut indices = Vec::new();
                    for value in values {
                        match choices.iter().position(|c| &c.value == value) {
                            Some(i) => indices.push(i),
                            None => problems.push(unknown_choice(
                                id,
                                value,
                                choices.iter().map(|c| c.value.as_str()),
                                Some(is.span()),
                            )),
                        }
                    }
                    Some(Condition::Choice {
                        question,
                        choices: indices,
                    })
                }
                RawIs::Flag(_) => {
                    problems.push(
                        Problem::new(
                            Code::InvalidRule,
                            format!("`{id}` is a choice; `is` must list choices"),
                        )
                        .at(is.span())
                        .note(format!(
                            "allowed: {}",
                            quoted_list(choices.iter().map(|c| c.value.as_str()))
                        )),
                    );
                    None
                }
            },
            (QuestionKind::Bool, Some(is), None, None) => match is.get_ref() {
                RawIs::Flag(value) => Some(Condition::Flag {
                    question,
                    value: *value,
                }),
                RawIs::Choices(_) => {
                    problems.push(
                        Problem::new(
                            Code::InvalidRule,
                            format!("`{id}` is yes/no; write `is = true` or `is = false`"),
                        )
                        .at(is.span()),
                    );
                    None
                }
            },
            (QuestionKind::Text, None, Some(empty), None) => {
                Some(Condition::Empty { question, empty })
            }
            (QuestionKind::Number { .. } | QuestionKind::Integer { .. }, None, None, Some(_))
                if [self.at_least, self.below]
                    .iter()
                    .flatten()
                    .any(|n| !n.is_finite()) =>
            {
                problems.push(
                    Problem::new(
                        Code::InvalidRule,
                        format!("`at_least` and `below` on `{id}` must be finite numbers"),
                    )
                    .at(span),
                );
                None
            }
            (QuestionKind::Number { .. } | QuestionKind::Integer { .. }, None, None, Some(_)) => {
                Some(Condition::Range {
                    question,
                    at_least: self.at_least,
                    below: self.below,
                })
            }
            _ => {
                problems.push(
                    Problem::new(
                        Code::InvalidRule,
                        format!(
                            "this test does not fit `{id}`, which is a {} question",
                            kind.name()
                        ),
                    )
                    .at(span)
                    .note(format!("use {}", kind.condition_hint())),
                );
                None
            }
        }
    }

    /// `{ at_least = N, of = [...] }`: N must be a whole number between 1 and the list's length,
    /// and nothing else may be given.
    fn compile_count(
        &self,
        list: &[RawCondition],
        questionnaire: &Questionnaire,
        whole: &Range<usize>,
        problems: &mut Vec<Problem>,
    ) -> Option<Condition> {
        let count = self
            .at_least
            .filter(|n| n.fract() == 0.0 && *n >= 1.0 && *n <= list.len() as f64);
        let extra = self.is.is_some() || self.is_empty.is_some() || self.below.is_some();
        let Some(count) = count.filter(|_| !extra) else {
            problems.push(
                Problem::new(
                    Code::InvalidRule,
                    format!(
                        "`of` needs `at_least` = a whole number from 1 to {}, and nothing else",
                        list.len()
                    ),
                )
                .at(whole.clone())
                .note("example: { at_least = 2, of = [ ... ] }"),
            );
            return None;
        };
        Some(Condition::AtLeast {
            count: count as usize,
            of: self.compile_list(list, questionnaire, whole, problems),
        })
    }

    fn compile_list(
        &self,
        list: &[RawCondition],
        questionnaire: &Questionnaire,
        whole: &Range<usize>,
        problems: &mut Vec<Problem>,
    ) -> Vec<Condition> {
        list.iter()
            .filter_map(|c| c.compile_inner(questionnaire, whole, problems))
            .collect()
    }
}

/// "No question X" with a did-you-mean over all question ids.
pub fn unknown_question(questionnaire: &Questionnaire, id: &str, span: Range<usize>) -> Problem {
    let suggestion = did_you_mean(id, questionnaire.questions.iter().map(|q| q.id.as_str()));
    Problem::new(
        Code::UnknownName,
        format!(
            "no question `{}` in questionnaire {}",
            shorten(id),
            questionnaire.id
        ),
    )
    .at(span)
    .label("unknown question")
    .note_opt(suggestion.map(|s| format!("help: did you mean `{s}`?")))
}

/// "X is not a choice of Y", listing the choices and the nearest one.
pub fn unknown_choice<'a>(
    id: &str,
    value: &str,
    choices: impl Iterator<Item = &'a str> + Clone,
    span: Option<Range<usize>>,
) -> Problem {
    let suggestion = did_you_mean(value, choices.clone());
    Problem::new(
        Code::UnknownName,
        format!("\"{}\" is not a choice of `{id}`", shorten(value)),
    )
    .at_opt(span)
    .label("unknown choice")
    .note(format!("allowed: {}", quoted_list(choices)))
    .note_opt(suggestion.map(|s| format!("help: did you mean \"{s}\"?")))
}
