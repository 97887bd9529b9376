//! A question's values in words: what a valid answer looks like ([`Question::expected`]), a
//! value as an answers file writes it and as a person reads it, and the clause a what-if
//! sentence uses for a change of answer. Also whether a question applies, given the others.
//!
//! Checking a value from a file against the question is [`crate::load`]'s job. Nothing here
//! formats for a particular output; renderers do.

use super::questionnaire::{Agreement, Question, QuestionKind, UNKNOWN, WhatIfPhrase};
use super::value::{Num, Value};

impl Question {
    /// What a valid answer looks like, in words, e.g. `a number >= 0` or
    /// `one of "strong", "some", "none"`.
    pub fn expected(&self) -> String {
        let base = match &self.kind {
            QuestionKind::Choice(choices) => {
                format!(
                    "one of {}",
                    quoted_list(choices.iter().map(|c| c.value.as_str()))
                )
            }
            QuestionKind::Bool => "true or false".to_string(),
            QuestionKind::Number {
                min,
                greater_than,
                max,
            } => format!("a number{}", bounds_text(*min, *greater_than, *max)),
            QuestionKind::Integer { min, max } => format!(
                "a whole number{}",
                bounds_text(min.map(|m| m as f64), None, max.map(|m| m as f64))
            ),
            QuestionKind::Text => match (self.format, self.max_length) {
                (Some(format), _) => format!("{}, or \"\" for none", format.expected()),
                (None, Some(max)) => {
                    format!("a string of at most {:#} characters", Num(max as f64))
                }
                (None, None) => "a string".to_string(),
            },
        };
        if self.unknown_allowed {
            format!("{base}, or \"{UNKNOWN}\"")
        } else {
            base
        }
    }

    /// The value as an answers file writes it (`"dedicated_team"`, `2.5`, `true`).
    pub fn display(&self, value: &Value) -> String {
        match value {
            Value::Choice(i) => self
                .kind
                .choices()
                .get(*i)
                .map_or_else(|| "?".to_string(), |c| c.value.clone()),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => Num(*n).to_string(),
            Value::Integer(i) => i.to_string(),
            Value::Text(t) if t.trim().is_empty() => "(none)".to_string(),
            Value::Text(t) => t.clone(),
            Value::Unknown => UNKNOWN.to_string(),
        }
    }

    /// The value in words for people: a choice's label, "yes"/"no".
    pub fn label(&self, value: &Value) -> String {
        match value {
            Value::Choice(i) => self
                .kind
                .choices()
                .get(*i)
                .map_or_else(|| "?".to_string(), |c| c.label.clone()),
            Value::Bool(true) => "yes".to_string(),
            Value::Bool(false) => "no".to_string(),
            Value::Unknown => "don't know".to_string(),
            other => self.display(other),
        }
    }

    /// The clause that completes "If ..." for a change of this answer from `from` to `to`, e.g.
    /// "the toolchain were unusual" or "leadership could wait 9 months for first value instead
    /// of 3". `{from}` and `{to}` in a phrase stand for the two values in words.
    pub fn what_if(&self, from: &Value, to: &Value) -> String {
        let fill = |phrase: &str| {
            phrase
                .replace("{from}", &self.label(from))
                .replace("{to}", &self.label(to))
        };
        let phrase = match &self.what_if {
            WhatIfPhrase::Template(template) => Some(fill(template)),
            WhatIfPhrase::ByValue(phrases) => self
                .phrase_key(from, to)
                .and_then(|key| phrases.get(&key))
                .map(|phrase| fill(phrase)),
            WhatIfPhrase::Generic => None,
        };
        phrase.unwrap_or_else(|| {
            format!(
                "the answer to \"{}\" were \"{}\" instead of \"{}\"",
                self.prompt,
                self.label(to),
                self.label(from)
            )
        })
    }

    /// Which `what_if` phrase a change uses: the new value's key, or for a number whether it
    /// goes up (`more`) or down (`less`).
    fn phrase_key(&self, from: &Value, to: &Value) -> Option<String> {
        match to {
            Value::Choice(i) => self.kind.choices().get(*i).map(|c| c.value.clone()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Text(t) if t.trim().is_empty() => Some("empty".to_string()),
            Value::Text(_) => Some("given".to_string()),
            Value::Number(_) | Value::Integer(_) => {
                let (from, to) = (from.as_f64()?, to.as_f64()?);
                Some(if to > from { "more" } else { "less" }.to_string())
            }
            Value::Unknown => None,
        }
    }

    /// The keys a `what_if` table may use for this question.
    pub fn phrase_keys(&self) -> Vec<String> {
        match &self.kind {
            QuestionKind::Choice(choices) => choices.iter().map(|c| c.value.clone()).collect(),
            QuestionKind::Bool => vec!["true".to_string(), "false".to_string()],
            QuestionKind::Text => vec!["empty".to_string(), "given".to_string()],
            QuestionKind::Number { .. } | QuestionKind::Integer { .. } => {
                vec!["more".to_string(), "less".to_string()]
            }
        }
    }

    /// Whether `answered` agrees with the value `measured` by `idpfit scan`, under the
    /// question's `measured` rule; without a rule only the same value agrees. Neither may be
    /// unknown: an unknown answer neither agrees nor disagrees, and the caller handles it.
    pub fn agrees_with_measured(&self, measured: &Value, answered: &Value) -> bool {
        let agreement = self.measured.as_ref().map(|m| &m.agreement);
        match (agreement, measured, answered) {
            (Some(Agreement::Choices(agree)), Value::Choice(m), Value::Choice(a)) => {
                agree.get(*m).is_some_and(|list| list.contains(a))
            }
            (Some(Agreement::Number { floor, within }), _, _) => {
                match (measured.as_f64(), answered.as_f64()) {
                    (Some(m), Some(a)) if *floor => a >= m - within,
                    (Some(m), Some(a)) => (a - m).abs() <= *within,
                    _ => measured == answered,
                }
            }
            _ => measured == answered,
        }
    }

    /// Whether the question applies given the other answers.
    pub fn applies(&self, values: &[Value]) -> bool {
        self.ask_if.as_ref().is_none_or(|c| c.holds(values))
    }
}

fn bounds_text(min: Option<f64>, greater_than: Option<f64>, max: Option<f64>) -> String {
    let lower = match (min, greater_than) {
        (_, Some(g)) => Some(format!("> {}", Num(g))),
        (Some(m), None) => Some(format!(">= {}", Num(m))),
        (None, None) => None,
    };
    let upper = max.map(|m| format!("<= {}", Num(m)));
    match (lower, upper) {
        (Some(l), Some(u)) => format!(" {l} and {u}"),
        (Some(l), None) => format!(" {l}"),
        (None, Some(u)) => format!(" {u}"),
        (None, None) => String::new(),
    }
}

/// A list of allowed values, quoted and comma-separated, for notes.
pub fn quoted_list<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    values
        .into_iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    #[test]
    fn what_if_phrases_read_as_sentences() {
        let q = testing::questionnaire();
        let phrase = |id: &str, from: Value, to: Value| {
            q.question(id)
                .map(|x| x.what_if(&from, &to))
                .unwrap_or_default()
        };
        assert_eq!(
            phrase(
                "timeline.first_value_months",
                Value::Number(3.0),
                Value::Number(9.0)
            ),
            "leadership could wait 9 months for first value instead of 3"
        );
        assert_eq!(
            phrase(
                "timeline.first_value_months",
                Value::Number(9.0),
                Value::Number(6.0)
            ),
            "leadership needed first value within 6 months instead of 9"
        );
        assert_eq!(
            phrase("hosting.requirement", Value::Choice(2), Value::Choice(0)),
            "all tooling had to run in your own infrastructure"
        );
        assert_eq!(
            phrase(
                "success.accountable_owner",
                Value::Text("VP".into()),
                Value::Text(String::new())
            ),
            "nobody were accountable for the outcome"
        );
    }
}
