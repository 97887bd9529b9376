//! Conditions over answers, written in data files: when a question applies (`ask_if`), when an
//! option is excluded, when a blocker, finding or piece of advice fires.
//!
//! In TOML a condition is an inline table:
//!
//! ```toml
//! { answer = "hosting.requirement", is = ["must_self_host"] }   # a choice among several
//! { answer = "integrations.port_gap_documented", is = true }   # a yes/no answer
//! { answer = "friction.metric", is_empty = true }              # a free-text answer left blank
//! { answer = "capacity.dedicated_fte", below = 1 }             # a number in a range
//! { any = [ ... ] }  /  { all = [ ... ] }                      # combinations
//! ```
//!
//! An answer of "unknown" never satisfies a leaf condition: rules do not fire on guesses. The
//! engine explores what unknown answers could do separately.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::diagnostic::{Problem, did_you_mean, quoted_list, shorten};
use crate::questionnaire::{QuestionKind, Questionnaire};
use crate::value::Value;

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
}

#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
enum RawIs {
    Flag(bool),
    Choices(Vec<String>),
}

/// A checked condition; question and choice references are indices into the questionnaire.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    Choice {
        question: usize,
        choices: Vec<usize>,
    },
    Flag {
        question: usize,
        value: bool,
    },
    Empty {
        question: usize,
        empty: bool,
    },
    Range {
        question: usize,
        at_least: Option<f64>,
        below: Option<f64>,
    },
    Any(Vec<Condition>),
    All(Vec<Condition>),
}

impl Condition {
    /// Whether the condition holds for a full set of answer values (indexed like the
    /// questionnaire's questions).
    pub fn holds(&self, values: &[Value]) -> bool {
        match self {
            Condition::Choice { question, choices } => {
                matches!(values.get(*question), Some(Value::Choice(c)) if choices.contains(c))
            }
            Condition::Flag { question, value } => {
                matches!(values.get(*question), Some(Value::Bool(b)) if b == value)
            }
            Condition::Empty { question, empty } => {
                matches!(values.get(*question), Some(Value::Text(t)) if t.trim().is_empty() == *empty)
            }
            Condition::Range {
                question,
                at_least,
                below,
            } => match values.get(*question).and_then(Value::as_f64) {
                Some(n) => at_least.is_none_or(|lo| n >= lo) && below.is_none_or(|hi| n < hi),
                None => false,
            },
            Condition::Any(conditions) => conditions.iter().any(|c| c.holds(values)),
            Condition::All(conditions) => conditions.iter().all(|c| c.holds(values)),
        }
    }

    /// Every question the condition reads, in the order written.
    pub fn questions(&self) -> Vec<usize> {
        let mut out = Vec::new();
        self.collect_questions(&mut out);
        out
    }

    fn collect_questions(&self, out: &mut Vec<usize>) {
        match self {
            Condition::Choice { question, .. }
            | Condition::Flag { question, .. }
            | Condition::Empty { question, .. }
            | Condition::Range { question, .. } => out.push(*question),
            Condition::Any(conditions) | Condition::All(conditions) => {
                conditions.iter().for_each(|c| c.collect_questions(out));
            }
        }
    }

    /// Numeric thresholds this condition tests on `question`, so the engine can try values on
    /// each side of them.
    pub fn thresholds_for(&self, question: usize, out: &mut Vec<f64>) {
        match self {
            Condition::Range {
                question: q,
                at_least,
                below,
            } if *q == question => {
                out.extend(at_least.iter().chain(below.iter()));
            }
            Condition::Any(conditions) | Condition::All(conditions) => {
                conditions
                    .iter()
                    .for_each(|c| c.thresholds_for(question, out));
            }
            _ => {}
        }
    }
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
        let combinators = [&self.any, &self.all];
        let has_combinator = combinators.iter().any(|c| c.is_some());
        let has_leaf = self.answer.is_some();
        if has_combinator == has_leaf || (self.any.is_some() && self.all.is_some()) {
            problems.push(
                Problem::new(
                    "a condition needs either `answer` with a test, or one of `any` / `all`",
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
                        Problem::new(format!("`{id}` is a choice; `is` must list choices"))
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
                        Problem::new(format!(
                            "`{id}` is yes/no; write `is = true` or `is = false`"
                        ))
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
                    Problem::new(format!(
                        "`at_least` and `below` on `{id}` must be finite numbers"
                    ))
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
                    Problem::new(format!(
                        "this test does not fit `{id}`, which is a {} question",
                        kind.name()
                    ))
                    .at(span)
                    .note(format!("use {}", kind.condition_hint())),
                );
                None
            }
        }
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
    Problem::new(format!(
        "no question `{}` in questionnaire {}",
        shorten(id),
        questionnaire.id
    ))
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
    Problem::new(format!("\"{}\" is not a choice of `{id}`", shorten(value)))
        .at_opt(span)
        .label("unknown choice")
        .note(format!("allowed: {}", quoted_list(choices)))
        .note_opt(suggestion.map(|s| format!("help: did you mean \"{s}\"?")))
}
