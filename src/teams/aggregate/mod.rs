//! Combining several respondents' answers into one answers file, and measuring how far they
//! agree (`idpfit aggregate`).
//!
//! How each answer is combined (the rules are also written at the top of every combined file):
//! - **numbers**: the median; with an even count, the mean of the two middle answers. Whole
//!   numbers round a half down (2 and 7 give 4), so the result is always a valid whole number.
//! - **choices**: the most common answer. A tie goes to the more cautious of the tied answers,
//!   in the order the questionnaire's `cautious` list gives (file order when it gives none).
//! - **yes/no**: the majority; a tie goes to the questionnaire's `cautious` value.
//! - **texts**: one text when everyone wrote the same (ignoring case and spacing). Otherwise,
//!   when at least half left it empty, the combined answer is empty (every rule about a text
//!   warns about an empty one, so empty is the cautious side); else each respondent's text is
//!   kept on its own line as `name: text`, with `(none)` marking an empty answer.
//! - **"unknown"** counts as not answering: someone who does not know does not outvote someone
//!   who does. Only when nobody gave an answer is the combined answer "unknown".
//! - A question that does not apply to the combined answers (e.g. months invested when the
//!   combined answer is "no current portal") is left out.
//!
//! Alignment compares answers as the scoring sees them: choices and yes/no by value, numbers by
//! the band the weights put them in, texts by whether they are empty (for must-agree texts such
//! as the accountable owner, by the text itself), and "unknown" as an answer of its own. A
//! question answered by fewer than two respondents, or context only, is not compared.
//!
//! Disagreement on a question the questionnaire marks `must_agree` (ownership, commitment,
//! accountable owner, hosting) is recorded in the combined file as the answer
//! [`ALIGNMENT_ANSWER`], which the weights' `stakeholders_not_aligned` blocker reads. So scoring
//! the combined file with `idpfit score` surfaces the disagreement like any other blocker, and
//! the file stays an ordinary answers file.
//!
//! Everything here is pure: answers in, an [`Aggregate`] out. The alignment report and the
//! combined answers file are rendered by [`crate::render::teams::aggregate`].

use std::collections::BTreeMap;

use crate::engine::candidates;
use crate::model::{Answers, Question, QuestionKind, Questionnaire, Value, Weights};

/// The answer in which a combined file records the must-agree answers respondents disagree on.
pub const ALIGNMENT_ANSWER: &str = "alignment.disagreements";

/// One respondent: a name (the answers file's stem) and their answers.
#[derive(Clone, Debug)]
pub struct Respondent {
    pub name: String,
    pub answers: Answers,
}

/// How a combined answer was reached.
#[derive(Clone, Debug, PartialEq)]
pub enum Rule {
    /// Nobody answered the question.
    NotAnswered,
    /// It does not apply given the combined answers, so it is left out.
    NotApplicable,
    /// Everyone who answered said "unknown".
    AllUnknown,
    /// Every answer was the same.
    Unanimous,
    /// The median of the numbers given.
    Median,
    /// The most common answer (the majority, for yes/no).
    Majority,
    /// These answers tied for most common; the more cautious one was taken.
    CautiousTie(Vec<Value>),
    /// The texts differ and most respondents wrote one: kept per respondent.
    PerRespondent,
    /// The texts differ and at least half left it empty: empty.
    EmptyByMajority,
    /// The must-agree answers respondents disagree on (the [`ALIGNMENT_ANSWER`]).
    Disagreements,
}

/// One question across respondents.
#[derive(Clone, Debug, PartialEq)]
pub struct Combined {
    /// Index into the questionnaire's questions.
    pub question: usize,
    /// Each respondent's answer, in respondent order; `None` when they left it out.
    pub responses: Vec<Option<Value>>,
    /// The combined answer; `None` when it is left out of the combined file.
    pub value: Option<Value>,
    pub rule: Rule,
    /// Whether every respondent who answered gave an equivalent answer; `None` when the question
    /// is not compared (context only, or fewer than two answers).
    pub aligned: Option<bool>,
    /// Share of those who answered that gave the most common (equivalent) answer.
    pub agreement: Option<f64>,
}

/// Several respondents' answers, combined.
#[derive(Clone, Debug, PartialEq)]
pub struct Aggregate {
    pub respondents: Vec<String>,
    /// One entry per question, in questionnaire order.
    pub questions: Vec<Combined>,
    /// The combined answers, ready to score or write.
    pub combined: Answers,
    /// Must-agree questions the respondents disagree on (indices into `questions`).
    pub not_aligned: Vec<usize>,
    /// Questions compared for alignment, and how many of them were unanimous.
    pub compared: usize,
    pub unanimous: usize,
}

impl Aggregate {
    /// The overall alignment: the share (0-1) of compared questions on which everyone agrees.
    pub fn alignment(&self) -> Option<f64> {
        (self.compared > 0).then(|| self.unanimous as f64 / self.compared as f64)
    }
}

/// Combines the respondents' answers. All must belong to `questionnaire`; `weights` decides
/// which numbers count as equivalent (the same band).
pub fn aggregate(
    questionnaire: &Questionnaire,
    weights: &Weights,
    respondents: &[Respondent],
) -> Aggregate {
    let alignment_index = questionnaire.index_of(ALIGNMENT_ANSWER);
    let names: Vec<String> = respondents.iter().map(|r| r.name.clone()).collect();
    let mut questions: Vec<Combined> = questionnaire
        .questions
        .iter()
        .enumerate()
        .map(|(index, question)| {
            let responses: Vec<Option<Value>> = respondents
                .iter()
                .map(|r| r.answers.values.get(index).cloned().flatten())
                .collect();
            let (value, rule) = if Some(index) == alignment_index {
                (None, Rule::Disagreements)
            } else {
                combine(question, &names, &responses)
            };
            let (aligned, agreement) = if question.context_only || Some(index) == alignment_index {
                (None, None)
            } else {
                alignment(questionnaire, weights, index, &responses)
            };
            Combined {
                question: index,
                responses,
                value,
                rule,
                aligned,
                agreement,
            }
        })
        .collect();

    // Leave out what does not apply to the combined answers.
    let resolved: Vec<Value> = questions
        .iter()
        .map(|c| c.value.clone().unwrap_or(Value::Unknown))
        .collect();
    for (question, combined) in questionnaire.questions.iter().zip(questions.iter_mut()) {
        if combined.value.is_some() && !question.applies(&resolved) {
            combined.value = None;
            combined.rule = Rule::NotApplicable;
        }
    }

    let not_aligned: Vec<usize> = questions
        .iter()
        .enumerate()
        .filter(|(i, c)| questionnaire.questions[*i].must_agree && c.aligned == Some(false))
        .map(|(i, _)| i)
        .collect();
    if let Some(index) = alignment_index {
        let text = disagreement_text(questionnaire, &names, &questions, &not_aligned, index);
        questions[index].value = text.map(Value::Text);
    }
    let compared = questions.iter().filter(|c| c.aligned.is_some()).count();
    let unanimous = questions.iter().filter(|c| c.aligned == Some(true)).count();
    let combined = Answers {
        questionnaire: questionnaire.id.clone(),
        values: questions.iter().map(|c| c.value.clone()).collect(),
    };
    Aggregate {
        respondents: names,
        questions,
        combined,
        not_aligned,
        compared,
        unanimous,
    }
}

/// The combined answer to one question and how it was reached.
fn combine(
    question: &Question,
    names: &[String],
    responses: &[Option<Value>],
) -> (Option<Value>, Rule) {
    let answered: Vec<&Value> = responses.iter().flatten().collect();
    let Some(first) = answered.first() else {
        return (None, Rule::NotAnswered);
    };
    if answered.iter().all(|v| same(v, first)) {
        let rule = if first.is_unknown() {
            Rule::AllUnknown
        } else {
            Rule::Unanimous
        };
        return (Some((*first).clone()), rule);
    }
    let known: Vec<&Value> = answered
        .iter()
        .copied()
        .filter(|v| !v.is_unknown())
        .collect();
    if known.is_empty() {
        return (Some(Value::Unknown), Rule::AllUnknown);
    }
    match &question.kind {
        QuestionKind::Choice(_) | QuestionKind::Bool => most_common(question, &known),
        QuestionKind::Number { .. } => {
            let mut numbers: Vec<f64> = known.iter().filter_map(|v| v.as_f64()).collect();
            numbers.sort_by(f64::total_cmp);
            let n = numbers.len();
            let median = if n % 2 == 1 {
                numbers[n / 2]
            } else {
                (numbers[n / 2 - 1] + numbers[n / 2]) / 2.0
            };
            (Some(Value::Number(median)), Rule::Median)
        }
        QuestionKind::Integer { .. } => {
            let mut numbers: Vec<i64> = known
                .iter()
                .filter_map(|v| match v {
                    Value::Integer(i) => Some(*i),
                    _ => None,
                })
                .collect();
            numbers.sort_unstable();
            let n = numbers.len();
            let median = if n % 2 == 1 {
                numbers[n / 2]
            } else {
                // Round a half down: floor of the mean of the two middle answers.
                (numbers[n / 2 - 1] + numbers[n / 2]).div_euclid(2)
            };
            (Some(Value::Integer(median)), Rule::Median)
        }
        QuestionKind::Text => {
            if known.iter().all(|v| same(v, known[0])) {
                return (Some(known[0].clone()), Rule::Majority);
            }
            let empty = known.iter().filter(|v| is_empty_text(v)).count();
            if empty * 2 >= known.len() {
                return (Some(Value::Text(String::new())), Rule::EmptyByMajority);
            }
            let lines: Vec<String> = names
                .iter()
                .zip(responses)
                .filter_map(|(name, response)| {
                    response
                        .as_ref()
                        .map(|v| format!("{name}: {}", text_shown(v)))
                })
                .collect();
            (Some(Value::Text(lines.join("\n"))), Rule::PerRespondent)
        }
    }
}

/// The most common value; a tie goes to the first tied value in the question's caution order
/// (its choice order when it has none).
fn most_common(question: &Question, known: &[&Value]) -> (Option<Value>, Rule) {
    let mut counts: Vec<(Value, usize)> = Vec::new();
    for value in known {
        match counts.iter_mut().find(|(v, _)| v == *value) {
            Some((_, count)) => *count += 1,
            None => counts.push(((*value).clone(), 1)),
        }
    }
    let top = counts.iter().map(|(_, c)| *c).max().unwrap_or(0);
    let mut tied: Vec<Value> = counts
        .into_iter()
        .filter(|(_, c)| *c == top)
        .map(|(v, _)| v)
        .collect();
    if tied.len() == 1 {
        return (tied.pop(), Rule::Majority);
    }
    let order = caution_order(question);
    tied.sort_by_key(|v| order.iter().position(|o| o == v).unwrap_or(usize::MAX));
    (tied.first().cloned(), Rule::CautiousTie(tied))
}

/// Values from most to least cautious: the questionnaire's `cautious` order, or file order.
pub fn caution_order(question: &Question) -> Vec<Value> {
    if !question.caution.is_empty() {
        return question.caution.clone();
    }
    match &question.kind {
        QuestionKind::Choice(choices) => (0..choices.len()).map(Value::Choice).collect(),
        QuestionKind::Bool => vec![Value::Bool(false), Value::Bool(true)],
        _ => Vec::new(),
    }
}

/// Whether every answer agrees, and the share that gives the most common one.
fn alignment(
    questionnaire: &Questionnaire,
    weights: &Weights,
    index: usize,
    responses: &[Option<Value>],
) -> (Option<bool>, Option<f64>) {
    let question = &questionnaire.questions[index];
    let classes: Vec<String> = responses
        .iter()
        .flatten()
        .map(|v| class_of(questionnaire, weights, index, question, v))
        .collect();
    if classes.len() < 2 {
        return (None, None);
    }
    let mut groups: BTreeMap<&str, usize> = BTreeMap::new();
    for class in &classes {
        *groups.entry(class.as_str()).or_default() += 1;
    }
    let largest = groups.values().copied().max().unwrap_or(0);
    (
        Some(groups.len() == 1),
        Some(largest as f64 / classes.len() as f64),
    )
}

/// What alignment compares: answers the scoring cannot tell apart share a class.
fn class_of(
    questionnaire: &Questionnaire,
    weights: &Weights,
    index: usize,
    question: &Question,
    value: &Value,
) -> String {
    match value {
        Value::Unknown => "unknown".to_string(),
        Value::Number(_) | Value::Integer(_) => {
            let n = value.as_f64().unwrap_or(0.0);
            let representatives = candidates(questionnaire, weights, index);
            let band = representatives
                .iter()
                .skip(1)
                .filter_map(Value::as_f64)
                .filter(|cut| *cut <= n)
                .count();
            format!("band {band}")
        }
        Value::Text(t) if question.must_agree => format!("text {}", normalise(t)),
        Value::Text(t) if t.trim().is_empty() => "empty".to_string(),
        Value::Text(_) => "given".to_string(),
        other => question.display(other),
    }
}

/// Whether two answers count as the same when combining: equal values, texts equal ignoring
/// case and spacing.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Text(x), Value::Text(y)) => normalise(x) == normalise(y),
        _ => a == b,
    }
}

fn normalise(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_empty_text(value: &Value) -> bool {
    matches!(value, Value::Text(t) if t.trim().is_empty())
}

/// A text answer as a per-respondent line shows it.
fn text_shown(value: &Value) -> String {
    match value {
        Value::Text(t) if t.trim().is_empty() => "(none)".to_string(),
        Value::Text(t) => t.split_whitespace().collect::<Vec<_>>().join(" "),
        _ => "(unknown)".to_string(),
    }
}

/// The [`ALIGNMENT_ANSWER`] text: each must-agree question in dispute with every respondent's
/// answer, then any disagreements the input files already recorded. `None` when there is none.
fn disagreement_text(
    questionnaire: &Questionnaire,
    names: &[String],
    questions: &[Combined],
    not_aligned: &[usize],
    alignment_index: usize,
) -> Option<String> {
    let mut parts: Vec<String> = not_aligned
        .iter()
        .map(|&index| {
            let question = &questionnaire.questions[index];
            format!(
                "{} ({})",
                question.id,
                responses_text(question, names, &questions[index].responses)
            )
        })
        .collect();
    for (name, response) in names.iter().zip(&questions[alignment_index].responses) {
        if let Some(Value::Text(text)) = response
            && !text.trim().is_empty()
        {
            parts.push(format!("{} (recorded by {name})", text.trim()));
        }
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// "alice: dedicated_team; bob: whoever_has_time" (respondents who left it out are skipped).
pub fn responses_text(
    question: &Question,
    names: &[String],
    responses: &[Option<Value>],
) -> String {
    names
        .iter()
        .zip(responses)
        .filter_map(|(name, response)| {
            response.as_ref().map(|v| match v {
                Value::Text(_) => format!("{name}: {}", text_shown(v)),
                other => format!("{name}: {}", question.display(other)),
            })
        })
        .collect::<Vec<_>>()
        .join("; ")
}

impl Rule {
    /// The rule in a few words, for reports and for the combined file's comments.
    pub fn describe(&self, question: &Question) -> String {
        match self {
            Rule::NotAnswered => "nobody answered".to_string(),
            Rule::NotApplicable => "does not apply to the combined answers".to_string(),
            Rule::AllUnknown => "nobody knows".to_string(),
            Rule::Unanimous => "everyone agrees".to_string(),
            Rule::Median => "median".to_string(),
            Rule::Majority => match question.kind {
                QuestionKind::Text => "the same text from everyone who knew".to_string(),
                QuestionKind::Bool => "majority".to_string(),
                _ => "most common answer".to_string(),
            },
            Rule::CautiousTie(tied) => format!(
                "tie between {}: the more cautious answer",
                tied.iter()
                    .map(|v| question.display(v))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
            Rule::PerRespondent => "texts differ: kept per respondent".to_string(),
            Rule::EmptyByMajority => "at least half left it empty".to_string(),
            Rule::Disagreements => "must-agree answers in dispute".to_string(),
        }
    }
}

#[cfg(test)]
mod tests;
