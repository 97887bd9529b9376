//! Conditions over answers, as data files write them: when a question applies (`ask_if`), when
//! an option is excluded, when a blocker, finding or piece of advice fires.
//!
//! In TOML a condition is an inline table:
//!
//! ```toml
//! { answer = "hosting.requirement", is = ["must_self_host"] }   # a choice among several
//! { answer = "integrations.port_gap_documented", is = true }   # a yes/no answer
//! { answer = "friction.metric", is_empty = true }              # a free-text answer left blank
//! { answer = "capacity.dedicated_fte", below = 1 }             # a number in a range
//! { any = [ ... ] }  /  { all = [ ... ] }                      # combinations
//! { at_least = 2, of = [ ... ] }                              # at least 2 of several hold
//! ```
//!
//! An answer of "unknown" never satisfies a leaf condition: rules do not fire on guesses. The
//! engine explores what unknown answers could do separately. Checking a condition as written
//! against the questionnaire is `load::condition`'s job.

use serde::{Deserialize, Serialize};

use super::value::{AsSlot, Slot};

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
    /// At least `count` of the conditions hold.
    AtLeast {
        count: usize,
        of: Vec<Condition>,
    },
}

impl Condition {
    /// Whether the condition holds for a full set of answers (indexed like the questionnaire's
    /// questions), given as values or as slots.
    pub fn holds<S: AsSlot>(&self, values: &[S]) -> bool {
        let slot = |question: &usize| values.get(*question).map_or(Slot::Unknown, AsSlot::slot);
        match self {
            Condition::Choice { question, choices } => {
                matches!(slot(question), Slot::Choice(c) if choices.contains(&c))
            }
            Condition::Flag { question, value } => {
                matches!(slot(question), Slot::Bool(b) if b == *value)
            }
            Condition::Empty { question, empty } => {
                matches!(slot(question), Slot::Text { empty: e } if e == *empty)
            }
            Condition::Range {
                question,
                at_least,
                below,
            } => match slot(question).as_f64() {
                Some(n) => at_least.is_none_or(|lo| n >= lo) && below.is_none_or(|hi| n < hi),
                None => false,
            },
            Condition::Any(conditions) => conditions.iter().any(|c| c.holds(values)),
            Condition::All(conditions) => conditions.iter().all(|c| c.holds(values)),
            Condition::AtLeast { count, of } => {
                of.iter().filter(|c| c.holds(values)).count() >= *count
            }
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
            Condition::Any(conditions)
            | Condition::All(conditions)
            | Condition::AtLeast { of: conditions, .. } => {
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
            Condition::Any(conditions)
            | Condition::All(conditions)
            | Condition::AtLeast { of: conditions, .. } => {
                conditions
                    .iter()
                    .for_each(|c| c.thresholds_for(question, out));
            }
            _ => {}
        }
    }
}
