//! The questionnaire as checked data: its sections and questions, each question's type, allowed
//! values and skip rule, and how to look them up.
//!
//! The Rust side knows only the question *types* (choice, yes/no, number, whole number, text);
//! ids, wording, allowed values, bounds and skip rules all come from the file, which
//! [`crate::load::questionnaire`] reads and checks. A question's values in words are in
//! [`super::question`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::condition::Condition;
use super::domain::Dimension;
use super::record::RecordSpec;
use super::value::Value;

/// The literal an answers file uses for "I don't know".
pub const UNKNOWN: &str = "unknown";

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Questionnaire {
    /// `name/version`, e.g. `idp-portal/1`; answers files must name it.
    pub id: String,
    pub title: String,
    pub core_questions: Vec<CoreQuestion>,
    pub sections: Vec<Section>,
    /// In file order, which is also the order `assess` asks them and `template` writes them.
    pub questions: Vec<Question>,
    /// What the decision record needs (`[record]`); `None` when the file has none, which only
    /// `idpfit report` minds.
    pub record: Option<RecordSpec>,
}

/// One of the five questions to settle before committing to a portal.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CoreQuestion {
    pub number: u8,
    pub title: String,
    pub text: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub intro: String,
    /// The section's questions are answered together or not at all (the cost pair).
    pub all_or_nothing: bool,
    /// For an optional section, the yes/no question that offers it in `assess`.
    pub offer: Option<String>,
    /// Whether `idpfit assess` asks this section's questions; `false` for sections that tools
    /// fill in (the stakeholder alignment written by `aggregate`).
    pub asked: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Question {
    /// `section.key`.
    pub id: String,
    pub section: String,
    pub key: String,
    pub kind: QuestionKind,
    pub required: bool,
    /// Whether "unknown" is an accepted answer.
    pub unknown_allowed: bool,
    /// Recorded for the report only; weights may not score it.
    pub context_only: bool,
    /// A number question whose answer is an amount of money: `idpfit assess` then also reads
    /// amounts as people write them (`$185,000`, `185k`). Never changes what a file may hold.
    pub money: bool,
    pub prompt: String,
    pub help: String,
    pub dimensions: Vec<Dimension>,
    /// Numbers (1-5) of the core questions this answer helps settle.
    pub serves: Vec<u8>,
    /// The question applies only when this holds.
    pub ask_if: Option<Condition>,
    /// What an unanswered, non-applicable question stands for.
    pub when_skipped: Option<Value>,
    /// Index of the question this one is asked together with, on one screen of `assess`
    /// (its group's lead). Grouping changes how questions are asked, never the answers file.
    pub ask_with: Option<usize>,
    /// For combining several respondents' answers: the question's values from most to least
    /// cautious (every choice, or both yes/no values); empty when the file declares none. A tie
    /// between respondents goes to the value listed first.
    pub caution: Vec<Value>,
    /// Respondents who combine their answers must agree on this one; if they do not, that
    /// disagreement is itself a finding.
    pub must_agree: bool,
    /// How a change to this answer reads after "if" in a what-if sentence.
    pub what_if: WhatIfPhrase,
    /// Whether the organisation can decide this answer (staffing, ownership, timeline, fixing
    /// the platform); only levers are changed when idpfit says what would change its result.
    /// Facts (what you run today, your toolchain) are never changed.
    pub lever: bool,
    /// For numbers: what-if values are rounded to a multiple of this (0.5 FTE, one month).
    pub step: Option<f64>,
    /// What the answer describes; answers sharing a topic describe the same thing from two
    /// sides, so each such pair is checked for contradictions.
    pub topics: Vec<String>,
    /// For text: the most characters an answer may have.
    pub max_length: Option<usize>,
    /// For text: a form the answer must take beyond plain text.
    pub format: Option<TextFormat>,
    /// In an all-or-nothing section: an optional detail, which may be left out when the rest
    /// of the section is given but never given without it (a currency beside the figures).
    pub detail: bool,
    /// How a value measured in the organisation's repositories (`idpfit scan`, passed with
    /// `--evidence`) compares with the answer given; `None` for a question nothing measures,
    /// for which evidence is refused.
    pub measured: Option<Measured>,
}

/// Which answers a measured value does not contradict, and why: a measurement sees only what
/// is on disk, so an answer that goes beyond it in the direction the measurement cannot see
/// agrees with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measured {
    pub agreement: Agreement,
    /// What the measurement cannot see, in a sentence: shown when an answer differs from the
    /// measured value and still agrees with it.
    pub why: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Agreement {
    /// For number and whole-number questions: the answer agrees when it is at most `within`
    /// from the measured value, or, for a `floor` (the measurement counts only part of what the
    /// answer covers), when it is at most `within` below it and anything above.
    Number { floor: bool, within: f64 },
    /// For choice questions: per measured choice (by index), the answered choices that agree
    /// with it, itself always among them.
    Choices(Vec<Vec<usize>>),
}

/// Forms a text answer can be required to take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextFormat {
    /// An ISO 4217 currency code: three capital letters, such as `EUR`.
    Currency,
}

impl TextFormat {
    /// The name a questionnaire file uses for the format.
    pub fn id(self) -> &'static str {
        match self {
            TextFormat::Currency => "currency",
        }
    }

    /// Whether `text` has the form.
    pub fn accepts(self, text: &str) -> bool {
        match self {
            TextFormat::Currency => text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase()),
        }
    }

    /// The form in a few words: "an ISO 4217 currency code".
    pub fn name(self) -> &'static str {
        match self {
            TextFormat::Currency => "an ISO 4217 currency code",
        }
    }

    /// What the form looks like, for a message about an answer that lacks it.
    pub fn expected(self) -> &'static str {
        match self {
            TextFormat::Currency => {
                "an ISO 4217 currency code: three capital letters, such as \"EUR\" or \"USD\""
            }
        }
    }
}

/// The words for "if this answer were different", used to state counterfactuals in plain
/// language ("if leadership expected value within 9 months instead of 3, ...").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum WhatIfPhrase {
    /// No phrase given: a generic sentence quoting the prompt is used.
    #[default]
    Generic,
    /// For number and integer questions: one phrase for any change.
    Template(String),
    /// One phrase per value the answer changes *to*, keyed by choice value, `true`/`false`, or
    /// `empty`/`given`; for numbers, `more` and `less` by the direction of the change.
    ByValue(BTreeMap<String, String>),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum QuestionKind {
    Choice(Vec<ChoiceOption>),
    Bool,
    Number {
        min: Option<f64>,
        greater_than: Option<f64>,
        max: Option<f64>,
    },
    Integer {
        min: Option<i64>,
        max: Option<i64>,
    },
    Text,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub value: String,
    pub label: String,
}

impl QuestionKind {
    pub fn name(&self) -> &'static str {
        match self {
            QuestionKind::Choice(_) => "choice",
            QuestionKind::Bool => "bool",
            QuestionKind::Number { .. } => "number",
            QuestionKind::Integer { .. } => "integer",
            QuestionKind::Text => "text",
        }
    }

    /// How a condition tests this type, for a message about a condition that does not fit.
    pub fn condition_hint(&self) -> &'static str {
        match self {
            QuestionKind::Choice(_) => "`is = [\"choice\", ...]`",
            QuestionKind::Bool => "`is = true` or `is = false`",
            QuestionKind::Number { .. } | QuestionKind::Integer { .. } => {
                "`at_least = N` and/or `below = N`"
            }
            QuestionKind::Text => "`is_empty = true` or `is_empty = false`",
        }
    }

    /// The choices of a choice question, empty otherwise.
    pub fn choices(&self) -> &[ChoiceOption] {
        match self {
            QuestionKind::Choice(choices) => choices,
            _ => &[],
        }
    }
}

impl Questionnaire {
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }

    /// The index of the question `key` in `section`, without building the `section.key` id.
    pub fn index_in(&self, section: &str, key: &str) -> Option<usize> {
        self.questions
            .iter()
            .position(|q| q.key == key && q.section == section)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The questions of one section, in file order.
    pub fn questions_in<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a Question> {
        self.questions.iter().filter(move |q| q.section == section)
    }

    pub fn core_question(&self, number: u8) -> Option<&CoreQuestion> {
        self.core_questions.iter().find(|c| c.number == number)
    }

    /// The questions of an all-or-nothing section that must be given together (its details
    /// aside), as indices; empty for any other section.
    pub fn all_or_nothing_core(&self, section: &Section) -> Vec<usize> {
        if !section.all_or_nothing {
            return Vec::new();
        }
        (0..self.questions.len())
            .filter(|&i| self.questions[i].section == section.id && !self.questions[i].detail)
            .collect()
    }
}
