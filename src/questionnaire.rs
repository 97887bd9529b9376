//! The questionnaire as data: loading `questionnaires/*.toml`, checking it, and validating a
//! single answer against its question.
//!
//! The Rust side knows only the question *types* (choice, yes/no, number, whole number, text);
//! ids, wording, allowed values, bounds and skip rules all come from the file. This module does
//! not read files: it takes the text and a name to report errors against.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::condition::{Condition, RawCondition, unknown_choice};
use crate::diagnostic::{Diagnostics, Problem, did_you_mean, quoted_list, shorten, syntax_problem};
use crate::domain::Dimension;
use crate::value::{Num, Value};

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
                Some("help: write a whole number without a decimal point".to_string()),
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
    fn phrase_keys(&self) -> Vec<String> {
        match &self.kind {
            QuestionKind::Choice(choices) => choices.iter().map(|c| c.value.clone()).collect(),
            QuestionKind::Bool => vec!["true".to_string(), "false".to_string()],
            QuestionKind::Text => vec!["empty".to_string(), "given".to_string()],
            QuestionKind::Number { .. } | QuestionKind::Integer { .. } => {
                vec!["more".to_string(), "less".to_string()]
            }
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
    #[serde(default = "yes")]
    asked: bool,
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
    ask_with: Option<Spanned<String>>,
    cautious: Option<Spanned<toml::Value>>,
    #[serde(default)]
    must_agree: bool,
    what_if: Option<Spanned<RawWhatIf>>,
}

#[derive(Clone, Deserialize)]
#[serde(untagged)]
enum RawWhatIf {
    Template(String),
    ByValue(BTreeMap<String, String>),
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
                    asked: s.asked,
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
                pending.push((raw.ask_if, raw.when_skipped, raw.ask_with));
            }
        }
        let mut questionnaire = Questionnaire {
            id: self.id.into_inner(),
            title: self.title,
            core_questions: self.core_questions,
            sections,
            questions,
        };
        let mut grouping = Vec::new();
        for (index, (ask_if, when_skipped, ask_with)) in pending.into_iter().enumerate() {
            grouping.push(ask_with);
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
        for (index, ask_with) in grouping.into_iter().enumerate() {
            if let Some(lead) = ask_with {
                let found = check_ask_with(&questionnaire, index, &lead, problems);
                questionnaire.questions[index].ask_with = found;
            }
        }
        questionnaire
    }
}

/// Checks `ask_with` on question `index`: it must name an earlier question of the same section
/// that leads its group (has no `ask_with` itself), the group must be contiguous, every member
/// must be a choice or yes/no question (they share one screen), and all must share the lead's
/// `ask_if`, so the group is asked or skipped as a whole.
fn check_ask_with(
    questionnaire: &Questionnaire,
    index: usize,
    lead: &Spanned<String>,
    problems: &mut Vec<Problem>,
) -> Option<usize> {
    let question = &questionnaire.questions[index];
    let span = lead.span();
    let Some(lead_index) = questionnaire.index_of(lead.get_ref()) else {
        problems.push(crate::condition::unknown_question(
            questionnaire,
            lead.get_ref(),
            span,
        ));
        return None;
    };
    let leader = &questionnaire.questions[lead_index];
    let id = &question.id;
    let problem = if lead_index >= index {
        Some(format!(
            "`{id}` is asked with `{}`, which must come before it",
            leader.id
        ))
    } else if leader.section != question.section {
        Some(format!(
            "`{id}` is asked with `{}`, which is in another section",
            leader.id
        ))
    } else if leader.ask_with.is_some() {
        Some(format!(
            "`{id}` is asked with `{}`, which is itself asked with another question",
            leader.id
        ))
    } else if index - 1 != lead_index
        && questionnaire.questions[index - 1].ask_with != Some(lead_index)
    {
        Some(format!(
            "`{id}` is asked with `{}`, but the questions between them are not",
            leader.id
        ))
    } else if !(is_pickable(&question.kind) && is_pickable(&leader.kind)) {
        Some(format!(
            "`{id}` is asked with `{}`, but only choice and bool questions can share a screen",
            leader.id
        ))
    } else if question.ask_if != leader.ask_if {
        Some(format!(
            "`{id}` is asked with `{}`, but their `ask_if` conditions differ",
            leader.id
        ))
    } else {
        None
    };
    match problem {
        Some(message) => {
            problems.push(
                Problem::new(message)
                    .at(span)
                    .note("help: `ask_with` names the first question of a run of consecutive choice or bool questions in one section"),
            );
            None
        }
        None => Some(lead_index),
    }
}

fn is_pickable(kind: &QuestionKind) -> bool {
    matches!(kind, QuestionKind::Choice(_) | QuestionKind::Bool)
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
        let caution = self.caution(&kind, problems);
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
            ask_with: None,
            caution,
            must_agree: self.must_agree,
            what_if: WhatIfPhrase::Generic,
        })
        .map(|mut question| {
            question.what_if = self.what_if_phrase(&question, problems);
            question
        })
    }

    /// Checks `what_if`: a template for numbers, a table keyed by the question's values for
    /// everything else.
    fn what_if_phrase(&self, question: &Question, problems: &mut Vec<Problem>) -> WhatIfPhrase {
        let Some(raw) = &self.what_if else {
            return WhatIfPhrase::Generic;
        };
        let numeric = matches!(
            question.kind,
            QuestionKind::Number { .. } | QuestionKind::Integer { .. }
        );
        match raw.get_ref() {
            RawWhatIf::Template(template) if numeric => WhatIfPhrase::Template(template.clone()),
            RawWhatIf::ByValue(phrases) => {
                let allowed = question.phrase_keys();
                for key in phrases.keys().filter(|k| !allowed.contains(k)) {
                    let hint = did_you_mean(key, allowed.iter().map(String::as_str));
                    problems.push(
                        Problem::new(format!(
                            "`what_if` of `{}` has a phrase for `{key}`, which is not one of its values",
                            question.id
                        ))
                        .at(raw.span())
                        .note_opt(hint.map(|h| format!("help: did you mean `{h}`?")))
                        .note(format!("allowed: {}", quoted_list(allowed.iter().map(String::as_str)))),
                    );
                }
                WhatIfPhrase::ByValue(phrases.clone())
            }
            _ => {
                problems.push(
                    Problem::new(format!(
                        "`what_if` of `{}` must be a table with one phrase per value",
                        question.id
                    ))
                    .at(raw.span())
                    .note("help: a single phrase is allowed for number and integer questions only"),
                );
                WhatIfPhrase::Generic
            }
        }
    }

    /// Reads `cautious`: for a choice question, every choice once, most cautious first; for a
    /// yes/no question, the cautious value.
    fn caution(&self, kind: &QuestionKind, problems: &mut Vec<Problem>) -> Vec<Value> {
        let Some(raw) = &self.cautious else {
            return Vec::new();
        };
        let id = self.id.get_ref();
        match (kind, raw.get_ref()) {
            (QuestionKind::Bool, toml::Value::Boolean(b)) => {
                vec![Value::Bool(*b), Value::Bool(!*b)]
            }
            (QuestionKind::Choice(choices), toml::Value::Array(items)) => {
                let mut order = Vec::new();
                for item in items {
                    let index = item
                        .as_str()
                        .and_then(|text| choices.iter().position(|c| c.value == text));
                    match index {
                        Some(i) if !order.contains(&Value::Choice(i)) => {
                            order.push(Value::Choice(i))
                        }
                        _ => {
                            order.clear();
                            break;
                        }
                    }
                }
                if order.len() != choices.len() {
                    problems.push(
                        Problem::new(format!(
                            "`cautious` of `{id}` must list every choice exactly once, most cautious first"
                        ))
                        .at(raw.span())
                        .note(format!(
                            "choices: {}",
                            quoted_list(choices.iter().map(|c| c.value.as_str()))
                        )),
                    );
                    return Vec::new();
                }
                order
            }
            (QuestionKind::Bool, _) => {
                problems.push(
                    Problem::new(format!(
                        "`cautious` of yes/no question `{id}` must be true or false"
                    ))
                    .at(raw.span()),
                );
                Vec::new()
            }
            (QuestionKind::Choice(_), _) => {
                problems.push(
                    Problem::new(format!(
                        "`cautious` of choice question `{id}` must be a list of its choices, most cautious first"
                    ))
                    .at(raw.span()),
                );
                Vec::new()
            }
            _ => {
                problems.push(
                    Problem::new(format!(
                        "`cautious` applies only to choice and yes/no questions, and `{id}` is a {} question",
                        kind.name()
                    ))
                    .at(raw.span()),
                );
                Vec::new()
            }
        }
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
    fn questions_asked_together_point_at_their_lead() {
        let q = questionnaire();
        let lead = q.index_of("platform.golden_paths");
        for id in [
            "platform.deploy_automation",
            "platform.catalog_data",
            "platform.top_interactions_listed",
        ] {
            assert_eq!(q.question(id).and_then(|x| x.ask_with), lead, "{id}");
        }
        assert_eq!(
            q.question("platform.golden_paths").map(|x| x.ask_with),
            Some(None)
        );
    }

    fn grouping_error(questions: &str) -> String {
        let source = format!(
            r#"
id = "x/1"
title = "x"
[[sections]]
id = "a"
title = "A"
[[sections]]
id = "b"
title = "B"
{questions}
"#
        );
        Questionnaire::from_toml("q.toml", &source)
            .err()
            .map(|d| d.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn ask_with_must_name_an_earlier_neighbour_of_a_pickable_kind() {
        let yes_no = |id: &str, extra: &str| {
            format!("[[questions]]\nid = \"{id}\"\ntype = \"bool\"\nprompt = \"?\"\n{extra}\n")
        };
        let unknown =
            grouping_error(&(yes_no("a.one", "") + &yes_no("a.two", "ask_with = \"a.on\"")));
        assert!(unknown.contains("no question `a.on`"), "{unknown}");
        assert!(unknown.contains("did you mean `a.one`"), "{unknown}");

        let later =
            grouping_error(&(yes_no("a.one", "ask_with = \"a.two\"") + &yes_no("a.two", "")));
        assert!(later.contains("which must come before it"), "{later}");

        let elsewhere =
            grouping_error(&(yes_no("a.one", "") + &yes_no("b.two", "ask_with = \"a.one\"")));
        assert!(elsewhere.contains("in another section"), "{elsewhere}");

        let gap = grouping_error(
            &(yes_no("a.one", "")
                + &yes_no("a.two", "")
                + &yes_no("a.three", "ask_with = \"a.one\"")),
        );
        assert!(gap.contains("the questions between them are not"), "{gap}");

        let typed = grouping_error(
            &(yes_no("a.one", "")
                + "[[questions]]\nid = \"a.n\"\ntype = \"number\"\nprompt = \"?\"\nask_with = \"a.one\"\n"),
        );
        assert!(typed.contains("only choice and bool questions"), "{typed}");

        let conditional = grouping_error(
            &(yes_no("a.one", "")
                + &yes_no(
                    "a.two",
                    "ask_with = \"a.one\"\nask_if = { answer = \"a.one\", is = true }",
                )),
        );
        assert!(
            conditional.contains("`ask_if` conditions differ"),
            "{conditional}"
        );

        let fine =
            grouping_error(&(yes_no("a.one", "") + &yes_no("a.two", "ask_with = \"a.one\"")));
        assert_eq!(fine, "");
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

    #[test]
    fn what_if_phrases_read_as_sentences() {
        let q = questionnaire();
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

    #[test]
    fn what_if_keys_must_be_values_of_the_question() {
        let source = r#"
id = "x/1"
title = "x"
[[sections]]
id = "capacity"
title = "c"
[[questions]]
id = "capacity.ownership"
type = "choice"
choices = [{ value = "dedicated_team", label = "A team" }, { value = "nobody", label = "Nobody" }]
prompt = "Who owns it?"
what_if.dedicated_teem = "a team owned it"
[[questions]]
id = "capacity.fte"
type = "bool"
prompt = "Staffed?"
"#;
        let text = Questionnaire::from_toml("q.toml", source)
            .err()
            .map(|d| d.to_string())
            .unwrap_or_default();
        assert!(text.contains("has a phrase for `dedicated_teem`"), "{text}");
        assert!(text.contains("did you mean `dedicated_team`"), "{text}");

        let generic = Questionnaire::from_toml(
            "q.toml",
            &source.replace("what_if.dedicated_teem = \"a team owned it\"\n", ""),
        );
        let generic = generic
            .ok()
            .and_then(|q| q.question("capacity.fte").cloned());
        assert_eq!(
            generic
                .map(|x| x.what_if(&Value::Bool(false), &Value::Bool(true)))
                .as_deref(),
            Some("the answer to \"Staffed?\" were \"yes\" instead of \"no\"")
        );
    }
}
