//! The seam between the assessment flow and the terminal: what one screen asks ([`Screen`]),
//! each answer the user confirms on it ([`Answer`]), where they go next ([`Move`]), and the
//! [`Prompter`] trait the flow talks to.
//!
//! The flow never touches a terminal; [`super::terminal`] implements [`Prompter`], and the
//! flow's tests implement it with a script. Reading typed text into an answer ([`read_typed`])
//! lives here too, so its rules are tested without a terminal.

use std::fmt;

use crate::model::{Question, QuestionKind, Section, UNKNOWN};

use super::number::{NumberKind, read_number};
use crate::load::Scalar;
use crate::model::Value;

/// Where the user is, shown above every prompt: "Hosting · 9 of 24".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position<'a> {
    /// The section's title.
    pub title: &'a str,
    /// 1-based number of this screen among the screens that apply.
    pub number: usize,
    /// How many screens apply given the answers so far (it shrinks when a section is skipped).
    pub total: usize,
}

impl fmt::Display for Position<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} · {} of {}", self.title, self.number, self.total)
    }
}

/// One screen of the assessment.
#[derive(Debug)]
pub struct Screen<'a> {
    pub position: Position<'a>,
    /// The section's introduction, on the first screen of a section.
    pub intro: Option<&'a str>,
    /// Whether there is an earlier screen to go back to.
    pub can_go_back: bool,
    /// The user came here by going back from the next screen, so a screen of several
    /// questions starts at its last one.
    pub backwards: bool,
    pub ask: Ask<'a>,
}

/// What a screen asks.
#[derive(Debug)]
pub enum Ask<'a> {
    /// One question, or several consecutive choice and yes/no questions that share the screen
    /// (`ask_with`), in order.
    Questions(Vec<Asked<'a>>),
    /// Whether to answer an optional section at all (the section's `offer`).
    Offer {
        section: &'a Section,
        text: &'a str,
        /// The answer the cursor starts on: an earlier decision, else No.
        default: bool,
    },
}

/// One question on a screen, with its earlier answer (from going back, or from a resumed
/// file) as the default.
#[derive(Debug)]
pub struct Asked<'a> {
    pub question: &'a Question,
    pub default: Option<Value>,
    /// What `idpfit scan` measured for the question (`assess --evidence`): shown with it, and
    /// offered as the default while there is no earlier answer.
    pub measured: Option<Suggestion>,
    /// A blank answer is refused: the question is required, or belongs to an all-or-nothing
    /// section the user chose to answer.
    pub must_answer: bool,
}

/// A value measured by `idpfit scan`, as `assess` offers it.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub value: Value,
    /// The first line of the scan's evidence for it: where it was found.
    pub evidence: String,
}

/// An answer the user confirmed on a screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// The answer to the screen's question number `member` (0-based, in [`Ask::Questions`]
    /// order); `None` leaves an optional question blank.
    Question { member: usize, value: Option<Value> },
    /// Accepted or declined an [`Ask::Offer`].
    Offer(bool),
}

/// How the user left a screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// Every question on it is answered: on to the next screen.
    Next,
    /// Back to the previous screen; the answers given here are kept.
    Back,
    /// Stop here (Ctrl-C, or Esc and a confirmation); everything answered is kept.
    Stop,
}

/// Shows screens and collects answers. The prompter hands every answer the user confirms to
/// `answered` at once, and goes on only after it returns: that is when the flow saves it, so
/// nothing shown as answered can be lost. Help, moving between the questions of one screen and
/// asking before a stop are the prompter's own business; the flow sees answers and moves.
pub trait Prompter {
    fn ask(
        &mut self,
        screen: &Screen<'_>,
        answered: &mut dyn FnMut(Answer) -> anyhow::Result<()>,
    ) -> anyhow::Result<Move>;
}

/// What a line typed at a number or text prompt means.
#[derive(Clone, Debug, PartialEq)]
pub enum Typed {
    /// `?`: show why we ask.
    Help,
    /// `<`: go back.
    Back,
    /// An answer; `None` leaves an optional question blank.
    Answer(Option<Value>),
}

/// The words that mean "don't know" at a typed prompt (`u` is the key lists use for it).
pub const UNKNOWN_WORDS: [&str; 4] = ["u", UNKNOWN, "don't know", "dont know"];

fn number_kind(question: &Question) -> NumberKind {
    match question.kind {
        _ if question.money => NumberKind::Money,
        QuestionKind::Integer { .. } => NumberKind::Whole,
        _ => NumberKind::Decimal,
    }
}

/// How a typed answer was understood, when that is not plain from the text: `"185k"` saved as
/// `185000` gives `Some("185000")`. `None` when the text already is the saved value.
pub fn understood(question: &Question, line: &str, value: &Value) -> Option<String> {
    let saved = question.display(value);
    let typed = line.trim();
    let numeric = matches!(value, Value::Number(_) | Value::Integer(_));
    (numeric && typed != saved).then_some(saved)
}

/// Reads a typed line for `question`. A blank line keeps `default` when there is one; without
/// one it is an empty text answer for a required text question, no answer for an optional
/// question, and refused otherwise. `Err` is the reason to show before asking again.
pub fn read_typed(
    question: &Question,
    default: Option<&Value>,
    must_answer: bool,
    line: &str,
) -> Result<Typed, String> {
    let text = line.trim();
    match text {
        "?" => return Ok(Typed::Help),
        "<" => return Ok(Typed::Back),
        "" => {
            return match (default, &question.kind) {
                (Some(value), _) => Ok(Typed::Answer(Some(value.clone()))),
                (None, _) if !must_answer => Ok(Typed::Answer(None)),
                (None, QuestionKind::Text) => Ok(Typed::Answer(Some(Value::Text(String::new())))),
                (None, _) => Err(format!("An answer is needed: {}.", question.expected())),
            };
        }
        _ => {}
    }
    let text_kind = question.kind == QuestionKind::Text;
    if UNKNOWN_WORDS.iter().any(|w| text.eq_ignore_ascii_case(w)) {
        if question.unknown_allowed {
            return Ok(Typed::Answer(Some(Value::Unknown)));
        }
        // A text answer that may not be unknown takes these words as written; only the
        // literal "unknown" is refused (below), since a file could not hold it either.
        if !text_kind {
            return Err(format!(
                "This one needs a figure, not \"don't know\": {}.",
                question.expected()
            ));
        }
    }
    let scalar = match &question.kind {
        QuestionKind::Text => Scalar::Str(text),
        QuestionKind::Number { .. } | QuestionKind::Integer { .. } => {
            let reading = read_number(text, number_kind(question))
                .map_err(|reason| format!("{reason}: expected {}.", question.expected()))?;
            // Whole numbers stay integers while f64 holds them exactly.
            if reading.whole && reading.value.fract() == 0.0 && reading.value.abs() < 9e15 {
                Scalar::Int(reading.value as i64)
            } else {
                Scalar::Float(reading.value)
            }
        }
        QuestionKind::Choice(_) | QuestionKind::Bool => Scalar::Str(text),
    };
    question
        .check(scalar)
        .map(|v| Typed::Answer(Some(v)))
        .map_err(|_| match (&question.kind, scalar) {
            (QuestionKind::Integer { .. }, Scalar::Float(_)) => format!(
                "{text} is not a whole number: expected {}.",
                question.expected()
            ),
            _ if text_kind => format!(
                "\"{text}\" cannot be the answer here: expected {} other than \"{UNKNOWN}\".",
                question.expected()
            ),
            _ => format!("{text} is out of range: expected {}.", question.expected()),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;

    fn read(id: &str, default: Option<&Value>, line: &str) -> Result<Typed, String> {
        let q = builtin::questionnaire();
        let question = q.question(id).cloned();
        match question {
            Some(question) => read_typed(&question, default, question.required, line),
            None => Err(format!("no question {id}")),
        }
    }

    #[test]
    fn a_number_outside_its_bounds_is_refused_with_the_allowed_range() {
        assert_eq!(
            read("capacity.dedicated_fte", None, "-1"),
            Err("-1 is out of range: expected a number >= 0 and <= 500, or \"unknown\".".into())
        );
        assert_eq!(
            read("capacity.dedicated_fte", None, " 2.5 "),
            Ok(Typed::Answer(Some(Value::Number(2.5))))
        );
    }

    #[test]
    fn words_and_fractions_are_not_whole_numbers() {
        let words = read("integrations.uncovered_integrations", None, "a few");
        assert!(
            words
                .as_ref()
                .is_err_and(|e| e.starts_with("\"a few\" is not a number")),
            "{words:?}"
        );
        let fraction = read("integrations.uncovered_integrations", None, "2.5");
        assert!(
            fraction
                .as_ref()
                .is_err_and(|e| e.starts_with("2.5 is not a whole number")),
            "{fraction:?}"
        );
    }

    #[test]
    fn money_is_read_as_written_and_said_back_when_it_was_not_plain() {
        let q = builtin::questionnaire();
        let Some(cost) = q.question("cost.engineer_annual_cost") else {
            panic!("no cost question")
        };
        for typed in ["185000", "185,000", "185k", "$185,000", "€185.000"] {
            assert_eq!(
                read("cost.engineer_annual_cost", None, typed),
                Ok(Typed::Answer(Some(Value::Number(185000.0)))),
                "{typed}"
            );
            let shown = understood(cost, typed, &Value::Number(185000.0));
            let expected = (typed != "185000").then(|| "185000".to_string());
            assert_eq!(shown, expected, "{typed}");
        }
        assert_eq!(
            read("cost.engineer_annual_cost", None, "1.500k"),
            Err("\"1.500k\" is ambiguous: 1.5 thousand or 1500 thousand? Write 1.5k or 1500k: expected a number > 0 and <= 100000000.".into())
        );
        // Other numbers take separators, but no currency.
        assert_eq!(
            read("organization.engineers", None, "1,200"),
            Ok(Typed::Answer(Some(Value::Integer(1200))))
        );
        let currency = read("capacity.dedicated_fte", None, "$2");
        assert!(
            currency
                .as_ref()
                .is_err_and(|e| e.starts_with("\"$2\" is not a number")),
            "{currency:?}"
        );
    }

    #[test]
    fn dont_know_is_unknown_where_allowed_and_refused_elsewhere() {
        assert_eq!(
            read("timeline.first_value_months", None, "Don't know"),
            Ok(Typed::Answer(Some(Value::Unknown)))
        );
        let cost = read("cost.engineer_annual_cost", None, "unknown");
        assert!(
            cost.as_ref().is_err_and(|e| e.contains("needs a figure")),
            "{cost:?}"
        );
    }

    #[test]
    fn dont_know_words_are_plain_text_where_a_text_answer_cannot_be_unknown() {
        assert_eq!(
            read("organization.name", None, "u"),
            Ok(Typed::Answer(Some(Value::Text("u".to_string()))))
        );
        assert_eq!(
            read("friction.metric", None, "u"),
            Ok(Typed::Answer(Some(Value::Unknown)))
        );
        let literal = read("organization.name", None, "unknown");
        assert!(
            literal
                .as_ref()
                .is_err_and(|e| e.contains("cannot be the answer here")),
            "{literal:?}"
        );
    }

    #[test]
    fn a_blank_line_keeps_the_default_or_means_no_answer() {
        let default = Value::Number(3.0);
        assert_eq!(
            read("capacity.dedicated_fte", Some(&default), ""),
            Ok(Typed::Answer(Some(default.clone())))
        );
        assert!(read("capacity.dedicated_fte", None, "").is_err());
        assert_eq!(
            read("organization.engineers", None, "  "),
            Ok(Typed::Answer(None))
        );
        assert_eq!(
            read("friction.metric", None, ""),
            Ok(Typed::Answer(Some(Value::Text(String::new()))))
        );
        assert_eq!(read("friction.metric", None, "?"), Ok(Typed::Help));
        assert_eq!(read("friction.metric", None, "<"), Ok(Typed::Back));
    }
}
