//! One value from a file, checked against its question: the right type, within bounds, among
//! the choices, "unknown" only where the questionnaire allows it. A problem names the question
//! and what was expected, with a hint for the usual slips (a quoted number, `yes` for `true`).
//!
//! The answers loader and the questionnaire's `when_skipped` use it; so does the interactive
//! prompt, for what a user types.

use std::ops::Range;

use super::condition::unknown_choice;
use super::diagnostic::{Code, Problem, shorten};
use crate::model::questionnaire::{Question, QuestionKind, UNKNOWN};
use crate::model::value::{Num, Value};

/// A scalar as it appears in a TOML file, before it is checked against a question.
#[derive(Clone, Copy, Debug)]
pub enum Scalar<'a> {
    Str(&'a str),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// Any other TOML value, described with its article: "a table", "a list", "a date".
    Other(&'static str),
}

impl Question {
    /// Checks one scalar from a file against the question. The error is a problem without a
    /// position; the caller knows where the value sits.
    pub fn check(&self, scalar: Scalar<'_>) -> Result<Value, Problem> {
        if let Scalar::Str(text) = scalar
            && text == UNKNOWN
            && self.kind != QuestionKind::Text
        {
            return self.unknown_or_error();
        }
        match (&self.kind, scalar) {
            (QuestionKind::Choice(choices), Scalar::Str(text)) => {
                match choices.iter().position(|c| c.value == text) {
                    Some(index) => Ok(Value::Choice(index)),
                    None => {
                        let mut allowed: Vec<&str> =
                            choices.iter().map(|c| c.value.as_str()).collect();
                        if self.unknown_allowed {
                            allowed.push(UNKNOWN);
                        }
                        Err(unknown_choice(&self.id, text, allowed.into_iter(), None))
                    }
                }
            }
            (QuestionKind::Bool, Scalar::Bool(b)) => Ok(Value::Bool(b)),
            (QuestionKind::Number { .. }, Scalar::Int(i)) => self.check_number(i as f64),
            (QuestionKind::Number { .. }, Scalar::Float(f)) => self.check_number(f),
            (QuestionKind::Integer { min, max }, Scalar::Int(i)) => {
                if min.is_some_and(|m| i < m) || max.is_some_and(|m| i > m) {
                    Err(self.out_of_range(&i.to_string()))
                } else {
                    Ok(Value::Integer(i))
                }
            }
            (QuestionKind::Integer { .. }, Scalar::Float(f)) => Err(self.wrong_type(
                &format!("the fraction {}", Num(f)),
                Some("help: write a whole number without a decimal point".to_string()),
            )),
            (QuestionKind::Text, Scalar::Str(text)) if text == UNKNOWN => self.unknown_or_error(),
            (QuestionKind::Text, Scalar::Str(text)) if has_control(text) => {
                Err(self.control_character())
            }
            (QuestionKind::Text, Scalar::Str(text)) => self.check_text(text),
            (_, other) => Err(self.wrong_type(&describe(other), self.quoting_hint(other))),
        }
    }

    fn check_number(&self, n: f64) -> Result<Value, Problem> {
        let QuestionKind::Number {
            min,
            greater_than,
            max,
        } = self.kind
        else {
            return Err(self.wrong_type("a number", None));
        };
        let in_range = n.is_finite()
            && min.is_none_or(|m| n >= m)
            && greater_than.is_none_or(|g| n > g)
            && max.is_none_or(|m| n <= m);
        if in_range {
            Ok(Value::Number(n))
        } else {
            Err(self.out_of_range(&Num(n).to_string()))
        }
    }

    /// A text within the question's length, in its format when it has one. An empty text
    /// means "none" and needs no format.
    fn check_text(&self, text: &str) -> Result<Value, Problem> {
        let length = text.chars().count();
        if let Some(max) = self.max_length
            && length > max
        {
            return Err(Problem::new(
                Code::InvalidValue,
                format!(
                    "`{}` is {} characters long; at most {} are allowed",
                    self.id,
                    format_args!("{:#}", Num(length as f64)),
                    format_args!("{:#}", Num(max as f64))
                ),
            )
            .label("too long")
            .note(format!(
                "help: shorten it to {} characters or fewer; put longer notes in a comment (# ...) above the key",
                format_args!("{:#}", Num(max as f64))
            )));
        }
        if let Some(format) = self.format
            && !text.is_empty()
            && !format.accepts(text)
        {
            let upper = text.trim().to_ascii_uppercase();
            let hint = (upper != text && format.accepts(&upper))
                .then(|| format!("help: write \"{upper}\""));
            return Err(Problem::new(
                Code::InvalidValue,
                format!(
                    "`{}` = \"{}\" is not {}",
                    self.id,
                    shorten(text),
                    format.name()
                ),
            )
            .label(format!("not {}", format.name()))
            .note(format!("expected {}", format.expected()))
            .note_opt(hint));
        }
        Ok(Value::Text(text.to_string()))
    }

    fn unknown_or_error(&self) -> Result<Value, Problem> {
        if self.unknown_allowed {
            Ok(Value::Unknown)
        } else {
            Err(Problem::new(
                Code::InvalidValue,
                format!("`{}` cannot be \"{UNKNOWN}\"", self.id),
            )
            .label("needs a real value")
            .note(format!("expected {}", self.expected()))
            .note("help: leave the key out if you have no figure; it is optional"))
        }
    }

    fn control_character(&self) -> Problem {
        Problem::new(
            Code::InvalidValue,
            format!("`{}` contains a control character", self.id),
        )
        .label("control character")
        .note(
            "expected plain text; tabs and line breaks are fine, other control characters are not",
        )
    }

    fn out_of_range(&self, shown: &str) -> Problem {
        Problem::new(
            Code::InvalidValue,
            format!("`{}` = {shown} is out of range", self.id),
        )
        .label("out of range")
        .note(format!("expected {}", self.expected()))
    }

    fn wrong_type(&self, found: &str, hint: Option<String>) -> Problem {
        Problem::new(
            Code::WrongType,
            format!("`{}` has the wrong type: found {found}", self.id),
        )
        .label(format!("expected {}", self.kind.name()))
        .note(format!("expected {}", self.expected()))
        .note_opt(hint)
    }

    /// A hint for the classic slip of quoting a number or a boolean, or not quoting a choice.
    fn quoting_hint(&self, found: Scalar<'_>) -> Option<String> {
        match (&self.kind, found) {
            (QuestionKind::Number { .. } | QuestionKind::Integer { .. }, Scalar::Str(s))
                if s.trim().parse::<f64>().is_ok() =>
            {
                Some(format!("help: remove the quotes: {}", shorten(s.trim())))
            }
            (QuestionKind::Bool, Scalar::Str(s)) if matches!(s, "true" | "false") => {
                Some(format!("help: remove the quotes: {s}"))
            }
            (QuestionKind::Bool, Scalar::Str(s)) if matches!(s, "yes" | "no") => Some(format!(
                "help: write {}",
                if s == "yes" { "true" } else { "false" }
            )),
            (_, Scalar::Other("a table")) => Some(format!(
                "help: write `{} = ...` on one line under [{}], not as a [{}] header",
                self.key, self.section, self.id
            )),
            (_, Scalar::Other("a list")) => Some("help: give one value, not a list".to_string()),
            _ => None,
        }
    }
}

fn describe(scalar: Scalar<'_>) -> String {
    match scalar {
        Scalar::Str(s) => format!("the string \"{}\"", shorten(s)),
        Scalar::Int(i) => format!("the integer {i}"),
        Scalar::Float(f) => format!("the number {}", Num(f)),
        Scalar::Bool(b) => format!("the boolean {b}"),
        Scalar::Other(kind) => kind.to_string(),
    }
}

/// Whether `text` holds a control character other than tab, newline and carriage return:
/// nothing a person types into a text answer, and unsafe to print to a terminal.
pub fn has_control(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// Reads a `toml::Value` as a scalar for [`Question::check`].
pub fn scalar_of_toml(value: &toml::Value) -> Scalar<'_> {
    match value {
        toml::Value::String(s) => Scalar::Str(s),
        toml::Value::Integer(i) => Scalar::Int(*i),
        toml::Value::Float(f) => Scalar::Float(*f),
        toml::Value::Boolean(b) => Scalar::Bool(*b),
        toml::Value::Datetime(_) => Scalar::Other("a date"),
        toml::Value::Array(_) => Scalar::Other("a list"),
        toml::Value::Table(_) => Scalar::Other("a table"),
    }
}

/// Gives a problem from [`Question::check`] the position of the value it is about.
pub fn place(problem: Problem, span: Range<usize>) -> Problem {
    if problem.span.is_some() {
        problem
    } else {
        problem.at(span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    #[test]
    fn unknown_is_refused_where_the_spec_forbids_it() {
        let q = testing::questionnaire();
        let engineers = q
            .question("organization.engineers")
            .map(|x| x.check(Scalar::Str(UNKNOWN)));
        assert!(matches!(engineers, Some(Err(_))));
        let fte = q
            .question("capacity.dedicated_fte")
            .map(|x| x.check(Scalar::Str(UNKNOWN)));
        assert_eq!(fte.and_then(Result::ok), Some(Value::Unknown));
    }

    #[test]
    fn a_fraction_is_not_a_whole_number() {
        let q = testing::questionnaire();
        let result = q
            .question("integrations.uncovered_integrations")
            .map(|x| x.check(Scalar::Float(2.5)));
        let problem = result.and_then(Result::err).map(|p| p.message);
        assert_eq!(
            problem.as_deref(),
            Some(
                "`integrations.uncovered_integrations` has the wrong type: found the fraction 2.5"
            )
        );
    }
}
