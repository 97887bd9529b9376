//! The questionnaire as data: loading `questionnaires/*.toml`, checking it, and validating a
//! single answer against its question.
//!
//! The Rust side knows only the question *types* (choice, yes/no, number, whole number, text);
//! ids, wording, allowed values, bounds and skip rules all come from the file. This module does
//! not read files: it takes the text and a name to report errors against.

use std::collections::BTreeSet;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::condition::{Condition, RawCondition, unknown_choice};
use crate::diagnostic::{Diagnostics, Problem, did_you_mean, quoted_list, shorten, syntax_problem};
use crate::domain::Dimension;
use crate::value::{Num, Value};

/// The literal an answers file uses for "I don't know".
pub const UNKNOWN: &str = "unknown";

#[derive(Clone, Debug)]
pub struct Questionnaire {
    /// `name/version`, e.g. `idp-portal/1`; answers files must name it.
    pub id: String,
    pub title: String,
    pub core_questions: Vec<CoreQuestion>,
    pub sections: Vec<Section>,
    /// In file order, which is also the order `assess` asks them and `template` writes them.
    pub questions: Vec<Question>,
}

/// One of the five questions to settle before committing to a portal.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoreQuestion {
    pub number: u8,
    pub title: String,
    pub text: String,
}

#[derive(Clone, Debug)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub intro: String,
    /// The section's questions are answered together or not at all (the cost pair).
    pub all_or_nothing: bool,
    /// For an optional section, the yes/no question that offers it in `assess`.
    pub offer: Option<String>,
}

#[derive(Clone, Debug)]
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
    pub prompt: String,
    pub help: String,
    pub dimensions: Vec<Dimension>,
    /// Numbers (1-5) of the core questions this answer helps settle.
    pub serves: Vec<u8>,
    /// The question applies only when this holds.
    pub ask_if: Option<Condition>,
    /// What an unanswered, non-applicable question stands for.
    pub when_skipped: Option<Value>,
}

#[derive(Clone, Debug, PartialEq)]
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

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub value: String,
    pub label: String,
}

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

    pub(crate) fn condition_hint(&self) -> &'static str {
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
            QuestionKind::Text => "a string".to_string(),
        };
        if self.unknown_allowed {
            format!("{base}, or \"{UNKNOWN}\"")
        } else {
            base
        }
    }

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
                Some("write a whole number without a decimal point".to_string()),
            )),
            (QuestionKind::Text, Scalar::Str(text)) if text == UNKNOWN => self.unknown_or_error(),
            (QuestionKind::Text, Scalar::Str(text)) if has_control(text) => Err(Problem::new(
                format!("`{}` contains a control character", self.id),
                )
                .label("control character")
                .note("expected plain text; tabs and line breaks are fine, other control characters are not")),
            (QuestionKind::Text, Scalar::Str(text)) => Ok(Value::Text(text.to_string())),
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

    fn unknown_or_error(&self) -> Result<Value, Problem> {
        if self.unknown_allowed {
            Ok(Value::Unknown)
        } else {
            Err(
                Problem::new(format!("`{}` cannot be \"{UNKNOWN}\"", self.id))
                    .label("needs a real value")
                    .note(format!("expected {}", self.expected()))
                    .note("help: leave the key out if you have no figure; it is optional"),
            )
        }
    }

    fn out_of_range(&self, shown: &str) -> Problem {
        Problem::new(format!("`{}` = {shown} is out of range", self.id))
            .label("out of range")
            .note(format!("expected {}", self.expected()))
    }

    fn wrong_type(&self, found: &str, hint: Option<String>) -> Problem {
        Problem::new(format!("`{}` has the wrong type: found {found}", self.id))
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

fn describe(scalar: Scalar<'_>) -> String {
    match scalar {
        Scalar::Str(s) => format!("the string \"{}\"", shorten(s)),
        Scalar::Int(i) => format!("the integer {i}"),
        Scalar::Float(f) => format!("the number {}", Num(f)),
        Scalar::Bool(b) => format!("the boolean {b}"),
        Scalar::Other(kind) => kind.to_string(),
    }
}

impl Questionnaire {
    /// Parses and checks a questionnaire file; `name` is how errors refer to it.
    pub fn from_toml(name: &str, source: &str) -> Result<Questionnaire, Diagnostics> {
        // Syntax first, so a broken file gets the same message as a broken answers file.
        toml::de::DeTable::parse(source)
            .map_err(|e| Diagnostics::single(name, source, syntax_problem(source, &e)))?;
        let raw: RawQuestionnaire = toml::from_str(source).map_err(|e| {
            Diagnostics::single(
                name,
                source,
                Problem::new(e.message().to_string()).at_opt(e.span()),
            )
        })?;
        let mut problems = Vec::new();
        let questionnaire = raw.validate(&mut problems);
        let mut diagnostics = Diagnostics::new(name, source);
        problems.into_iter().for_each(|p| diagnostics.push(p));
        diagnostics.into_result(questionnaire)
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestionnaire {
    id: Spanned<String>,
    title: String,
    #[serde(default)]
    core_questions: Vec<CoreQuestion>,
    sections: Vec<RawSection>,
    questions: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    id: Spanned<String>,
    title: String,
    #[serde(default)]
    intro: String,
    #[serde(default)]
    all_or_nothing: bool,
    offer: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    #[serde(rename = "type")]
    kind: Spanned<String>,
    choices: Option<Vec<ChoiceOption>>,
    min: Option<f64>,
    max: Option<f64>,
    greater_than: Option<f64>,
    #[serde(default = "yes")]
    required: bool,
    #[serde(default = "yes")]
    unknown: bool,
    #[serde(default)]
    context_only: bool,
    prompt: String,
    #[serde(default)]
    help: String,
    #[serde(default)]
    dimensions: Vec<Spanned<String>>,
    #[serde(default)]
    serves: Vec<Spanned<u8>>,
    ask_if: Option<Spanned<RawCondition>>,
    when_skipped: Option<Spanned<toml::Value>>,
}

fn yes() -> bool {
    true
}

impl RawQuestionnaire {
    fn validate(self, problems: &mut Vec<Problem>) -> Questionnaire {
        let mut section_ids = BTreeSet::new();
        let sections: Vec<Section> = self
            .sections
            .into_iter()
            .map(|s| {
                if !is_identifier(s.id.get_ref()) {
                    problems.push(identifier_problem("section id", s.id.get_ref(), s.id.span()));
                } else if s.id.get_ref() == "questionnaire" {
                    problems.push(
                        Problem::new("a section cannot be called `questionnaire`")
                            .at(s.id.span())
                            .note("answers files use the top-level `questionnaire` key for the questionnaire's id"),
                    );
                }
                if !section_ids.insert(s.id.get_ref().clone()) {
                    problems.push(
                        Problem::new(format!("section `{}` is declared twice", s.id.get_ref()))
                            .at(s.id.span()),
                    );
                }
                Section {
                    id: s.id.into_inner(),
                    title: s.title,
                    intro: s.intro,
                    all_or_nothing: s.all_or_nothing,
                    offer: s.offer,
                }
            })
            .collect();
        if self.id.get_ref().trim().is_empty() || has_control(self.id.get_ref()) {
            problems.push(
                Problem::new("the questionnaire `id` must be a non-empty name/version")
                    .at(self.id.span())
                    .note("e.g. id = \"idp-portal/1\"; answers files repeat it to say which questions they answer"),
            );
        }
        let core_numbers: BTreeSet<u8> = self.core_questions.iter().map(|c| c.number).collect();

        // First pass: everything but the skip rules, which may refer to any question.
        let mut questions = Vec::new();
        let mut pending = Vec::new();
        let mut seen = BTreeSet::new();
        for raw in self.questions {
            if !seen.insert(raw.id.get_ref().clone()) {
                problems.push(
                    Problem::new(format!("question `{}` is declared twice", raw.id.get_ref()))
                        .at(raw.id.span()),
                );
            }
            if let Some(question) = raw.first_pass(&section_ids, &core_numbers, problems) {
                questions.push(question);
                pending.push((raw.ask_if, raw.when_skipped));
            }
        }
        let mut questionnaire = Questionnaire {
            id: self.id.into_inner(),
            title: self.title,
            core_questions: self.core_questions,
            sections,
            questions,
        };
        for (index, (ask_if, when_skipped)) in pending.into_iter().enumerate() {
            let ask_if = ask_if.and_then(|c| {
                let span = c.span();
                let condition = c.get_ref().compile(&questionnaire, span.clone(), problems)?;
                // Whether a question applies decides what an unanswered one stands for, so a
                // context-only answer here would steer the result.
                let context = condition
                    .questions()
                    .into_iter()
                    .map(|i| &questionnaire.questions[i])
                    .find(|q| q.context_only);
                if let Some(context) = context {
                    problems.push(
                        Problem::new(format!(
                            "`ask_if` cannot read `{}`, which is context only",
                            context.id
                        ))
                        .at(span)
                        .note("context-only answers are recorded for the report and never steer the result"),
                    );
                    return None;
                }
                Some(condition)
            });
            let when_skipped = when_skipped.and_then(|raw| {
                let question = &questionnaire.questions[index];
                match question.check(scalar_of_toml(raw.get_ref())) {
                    Ok(value) => Some(value),
                    Err(problem) => {
                        problems.push(problem.at(raw.span()));
                        None
                    }
                }
            });
            let question = &mut questionnaire.questions[index];
            question.ask_if = ask_if;
            question.when_skipped = when_skipped;
        }
        questionnaire
    }
}

impl RawQuestion {
    fn first_pass(
        &self,
        sections: &BTreeSet<String>,
        core_numbers: &BTreeSet<u8>,
        problems: &mut Vec<Problem>,
    ) -> Option<Question> {
        let id = self.id.get_ref();
        let Some((section, key)) = id
            .split_once('.')
            .filter(|(section, key)| is_identifier(section) && is_identifier(key))
        else {
            problems.push(
                Problem::new(format!(
                    "question id \"{}\" must be `section.key`",
                    id.escape_debug()
                ))
                .at(self.id.span())
                .note("both parts use only ASCII letters, digits, `_` and `-`, e.g. \"capacity.ownership\""),
            );
            return None;
        };
        if !sections.contains(section) {
            let hint = did_you_mean(section, sections.iter().map(String::as_str));
            problems.push(
                Problem::new(format!(
                    "question `{id}` is in undeclared section `{section}`"
                ))
                .at(self.id.span())
                .note_opt(hint.map(|h| format!("help: did you mean `{h}`?")))
                .note("help: declare it under [[sections]]"),
            );
        }
        let kind = self.kind(problems)?;
        let dimensions = self
            .dimensions
            .iter()
            .filter_map(|d| {
                let found = Dimension::from_id(d.get_ref());
                if found.is_none() {
                    problems.push(
                        Problem::new(format!("unknown dimension `{}`", d.get_ref()))
                            .at(d.span())
                            .note("allowed: \"capacity\", \"integrations\", \"hosting\", \"time\""),
                    );
                }
                found
            })
            .collect();
        for number in &self.serves {
            if !core_numbers.contains(number.get_ref()) {
                problems.push(
                    Problem::new(format!(
                        "`serves` names core question {} which is not declared",
                        number.get_ref()
                    ))
                    .at(number.span()),
                );
            }
        }
        Some(Question {
            id: id.clone(),
            section: section.to_string(),
            key: key.to_string(),
            kind,
            required: self.required,
            unknown_allowed: self.unknown,
            context_only: self.context_only,
            prompt: self.prompt.clone(),
            help: self.help.clone(),
            dimensions,
            serves: self.serves.iter().map(|s| *s.get_ref()).collect(),
            ask_if: None,
            when_skipped: None,
        })
    }

    fn kind(&self, problems: &mut Vec<Problem>) -> Option<QuestionKind> {
        let span = self.kind.span();
        let bounds_on_non_number =
            self.min.is_some() || self.max.is_some() || self.greater_than.is_some();
        let kind = match self.kind.get_ref().as_str() {
            "choice" => match &self.choices {
                Some(choices) if !choices.is_empty() => {
                    let mut values = BTreeSet::new();
                    for choice in choices {
                        if !is_identifier(&choice.value) {
                            problems.push(identifier_problem(
                                &format!("choice of `{}`", self.id.get_ref()),
                                &choice.value,
                                span.clone(),
                            ));
                        } else if !values.insert(choice.value.as_str()) || choice.value == UNKNOWN {
                            problems.push(
                                Problem::new(format!(
                                    "choice \"{}\" of `{}` is repeated or reserved",
                                    choice.value,
                                    self.id.get_ref()
                                ))
                                .at(span.clone()),
                            );
                        }
                    }
                    QuestionKind::Choice(choices.clone())
                }
                _ => {
                    problems.push(
                        Problem::new(format!(
                            "choice question `{}` needs a non-empty `choices` list",
                            self.id.get_ref()
                        ))
                        .at(span),
                    );
                    return None;
                }
            },
            "bool" => QuestionKind::Bool,
            "text" => QuestionKind::Text,
            "number" => {
                self.check_bounds(problems)?;
                return Some(QuestionKind::Number {
                    min: self.min,
                    greater_than: self.greater_than,
                    max: self.max,
                });
            }
            "integer" => {
                self.check_bounds(problems)?;
                if self.greater_than.is_some() {
                    problems.push(
                        Problem::new(format!(
                            "`{}`: `greater_than` applies only to number questions",
                            self.id.get_ref()
                        ))
                        .at(span)
                        .note("for a whole number, write `min = N + 1`"),
                    );
                    return None;
                }
                let min = self.min.map(|m| m.ceil() as i64);
                let max = self.max.map(|m| m.floor() as i64);
                if let (Some(low), Some(high)) = (min, max)
                    && low > high
                {
                    problems.push(
                        Problem::new(format!(
                            "`{}`: no whole number lies between `min` and `max`",
                            self.id.get_ref()
                        ))
                        .at(span),
                    );
                    return None;
                }
                return Some(QuestionKind::Integer { min, max });
            }
            other => {
                problems.push(
                    Problem::new(format!("unknown question type `{other}`"))
                        .at(span)
                        .note("allowed: \"choice\", \"bool\", \"number\", \"integer\", \"text\""),
                );
                return None;
            }
        };
        if bounds_on_non_number {
            problems.push(
                Problem::new(format!(
                    "`{}`: bounds apply only to number and integer questions",
                    self.id.get_ref()
                ))
                .at(span),
            );
        }
        Some(kind)
    }
}

/// Whether `text` can be written as a bare TOML key: ASCII letters, digits, `_` and `-`.
/// Section ids, question keys and choice values must be, so that an answers file can name them
/// without quoting and a template written from the questionnaire is always valid TOML.
pub fn is_identifier(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn identifier_problem(what: &str, text: &str, span: Range<usize>) -> Problem {
    Problem::new(format!(
        "{what} \"{}\" must be a plain identifier",
        text.escape_debug()
    ))
    .at(span)
    .note("use only ASCII letters, digits, `_` and `-`, e.g. \"dedicated_team\"")
}

/// Whether `text` holds a control character other than tab, newline and carriage return:
/// nothing a person types into a text answer, and unsafe to print to a terminal.
pub fn has_control(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

impl RawQuestion {
    /// Bounds must be finite, and leave some value allowed.
    fn check_bounds(&self, problems: &mut Vec<Problem>) -> Option<()> {
        let id = self.id.get_ref();
        let span = self.kind.span();
        let bounds = [self.min, self.greater_than, self.max];
        if bounds.iter().flatten().any(|b| !b.is_finite()) {
            problems.push(
                Problem::new(format!(
                    "`{id}`: `min`, `max` and `greater_than` must be finite numbers"
                ))
                .at(span),
            );
            return None;
        }
        let lower = self
            .min
            .into_iter()
            .chain(self.greater_than)
            .fold(None, |acc: Option<f64>, b| {
                Some(acc.map_or(b, |a| a.max(b)))
            });
        let empty = match (lower, self.max) {
            (Some(low), Some(high)) => low > high || (self.greater_than.is_some_and(|g| g >= high)),
            _ => false,
        };
        if empty {
            problems.push(
                Problem::new(format!("`{id}`: the bounds leave no allowed value"))
                    .at(span)
                    .note("the lower bound must be below `max`"),
            );
            return None;
        }
        Some(())
    }
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
    use crate::defaults;

    fn questionnaire() -> Questionnaire {
        defaults::questionnaire()
    }

    #[test]
    fn default_questionnaire_loads_and_covers_the_spec() {
        let q = questionnaire();
        assert_eq!(q.id, "idp-portal/1");
        for id in [
            "organization.engineers",
            "capacity.dedicated_fte",
            "integrations.port_gap_documented",
            "hosting.requirement",
            "timeline.first_value_months",
            "platform.catalog_data",
            "current.pain",
            "cost.port_annual_subscription",
        ] {
            assert!(q.index_of(id).is_some(), "{id} missing");
        }
        assert_eq!(q.core_questions.len(), 5);
    }

    #[test]
    fn unknown_is_refused_where_the_spec_forbids_it() {
        let q = questionnaire();
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
        let q = questionnaire();
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

    #[test]
    fn a_bad_section_reference_is_reported_with_a_hint() {
        let source = r#"
id = "x/1"
title = "x"
[[sections]]
id = "capacity"
title = "c"
[[questions]]
id = "capacty.fte"
type = "number"
prompt = "?"
"#;
        let err = Questionnaire::from_toml("q.toml", source)
            .err()
            .map(|d| d.to_string());
        let text = err.unwrap_or_default();
        assert!(text.contains("undeclared section `capacty`"), "{text}");
        assert!(text.contains("did you mean `capacity`"), "{text}");
    }
}
