//! Questionnaire files (`questionnaires/*.toml`) read into a checked [`Questionnaire`]: raw
//! structs deserialized with `deny_unknown_fields` and spans, then validated, every problem
//! collected before failing. This module does not read files: it takes the text and a name to
//! report errors against.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::condition::{RawCondition, unknown_question};
use super::diagnostic::{Code, Diagnostics, Problem, did_you_mean};
use super::names;
use super::scalar::{has_control, scalar_of_toml};
use crate::model::question::quoted_list;
use crate::model::questionnaire::{
    Agreement, ChoiceOption, CoreQuestion, Measured, Question, QuestionKind, Questionnaire,
    Section, TextFormat, UNKNOWN, WhatIfPhrase,
};

/// The most characters a text answer may have when its question sets no `max_length`: answers
/// are short by nature (SPEC §3), and a limit keeps a pasted document out of every report.
pub const DEFAULT_MAX_LENGTH: usize = 2000;
use crate::model::value::Value;

impl Questionnaire {
    /// Parses and checks a questionnaire file; `name` is how errors refer to it.
    pub fn from_toml(name: &str, source: &str) -> Result<Questionnaire, Diagnostics> {
        let raw: RawQuestionnaire = super::raw(name, source)?;
        let mut problems = Vec::new();
        let questionnaire = raw.validate(&mut problems);
        super::checked(name, source, problems, Some(questionnaire))
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
    /// What the decision record needs; see [`super::record`].
    record: Option<Spanned<super::record::RawRecord>>,
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
    #[serde(default)]
    money: bool,
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
    #[serde(default)]
    lever: bool,
    step: Option<Spanned<f64>>,
    #[serde(default)]
    topics: Vec<Spanned<String>>,
    max_length: Option<Spanned<usize>>,
    format: Option<Spanned<String>>,
    detail: Option<Spanned<bool>>,
    measured: Option<Spanned<RawMeasured>>,
}

/// A question's `measured` rule as written: `floor` and `within` for numbers, `agrees` for
/// choices, and `why` for both.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeasured {
    #[serde(default)]
    floor: bool,
    within: Option<Spanned<f64>>,
    #[serde(default)]
    agrees: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    why: Spanned<String>,
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
                        Problem::new(Code::InvalidValue, "a section cannot be called `questionnaire`")
                            .at(s.id.span())
                            .note("answers files use the top-level `questionnaire` key for the questionnaire's id"),
                    );
                }
                if !section_ids.insert(s.id.get_ref().clone()) {
                    problems.push(
                        Problem::new(Code::Duplicate, format!("section `{}` is declared twice", s.id.get_ref()))
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
                Problem::new(Code::InvalidValue, "the questionnaire `id` must be a non-empty name/version")
                    .at(self.id.span())
                    .note("e.g. id = \"idp-portal/1\"; answers files repeat it to say which questions they answer"),
            );
        }
        let core_numbers: BTreeSet<u8> = self.core_questions.iter().map(|c| c.number).collect();

        // First pass: everything but the skip rules, which may refer to any question.
        let mut questions = Vec::new();
        let mut pending = Vec::new();
        let mut seen = BTreeSet::new();
        let mut detail_spans = Vec::new();
        for raw in self.questions {
            if !seen.insert(raw.id.get_ref().clone()) {
                problems.push(
                    Problem::new(
                        Code::Duplicate,
                        format!("question `{}` is declared twice", raw.id.get_ref()),
                    )
                    .at(raw.id.span()),
                );
            }
            if let Some(question) = raw.first_pass(&section_ids, &core_numbers, problems) {
                detail_spans.push(
                    raw.detail
                        .as_ref()
                        .map_or_else(|| raw.id.span(), Spanned::span),
                );
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
            record: None,
        };
        check_details(&questionnaire, &detail_spans, problems);
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
                        Problem::new(Code::InvalidRule, format!(
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
        if let Some(record) = self.record {
            let span = record.span();
            questionnaire.record = record.into_inner().validate(&questionnaire, span, problems);
        }
        questionnaire
    }
}

/// A question marked `detail` must sit in an all-or-nothing section, and be optional, and the
/// section must keep at least one question that is not a detail.
fn check_details(
    questionnaire: &Questionnaire,
    spans: &[Range<usize>],
    problems: &mut Vec<Problem>,
) {
    for (question, span) in questionnaire.questions.iter().zip(spans) {
        if !question.detail {
            continue;
        }
        let section = questionnaire.section(&question.section);
        let problem = if !section.is_some_and(|s| s.all_or_nothing) {
            Some("sits in a section that is not `all_or_nothing`")
        } else if question.required {
            Some("is required, but a detail may be left out")
        } else if section.is_some_and(|s| questionnaire.all_or_nothing_core(s).is_empty()) {
            Some("is in a section of details only")
        } else {
            None
        };
        if let Some(problem) = problem {
            problems.push(
                Problem::new(
                    Code::InvalidRule,
                    format!("detail `{}` {problem}", question.id),
                )
                .at(span.clone())
                .note("help: `detail = true` marks an optional answer of an all-or-nothing section that is given only together with the rest of it (write `required = false`)"),
            );
        }
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
        problems.push(unknown_question(questionnaire, lead.get_ref(), span));
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
                Problem::new(Code::InvalidRule, message)
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
                Problem::new(Code::InvalidValue, format!(
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
                Problem::new(
                    Code::UnknownName,
                    format!("question `{id}` is in undeclared section `{section}`"),
                )
                .at(self.id.span())
                .note_opt(hint.map(|h| format!("help: did you mean `{h}`?")))
                .note("help: declare it under [[sections]]"),
            );
        }
        let kind = self.kind(problems)?;
        let caution = self.caution(&kind, problems);
        let max_length = self.max_length(&kind, problems);
        let format = self.format(&kind, problems);
        let dimensions = self
            .dimensions
            .iter()
            .filter_map(|d| names::dimension(d, problems))
            .collect();
        for number in &self.serves {
            if !core_numbers.contains(number.get_ref()) {
                problems.push(
                    Problem::new(
                        Code::UnknownName,
                        format!(
                            "`serves` names core question {} which is not declared",
                            number.get_ref()
                        ),
                    )
                    .at(number.span()),
                );
            }
        }
        let step = self.step(&kind, problems);
        let measured = self.measured(&kind, problems);
        if self.lever && self.context_only {
            problems.push(
                Problem::new(
                    Code::InvalidRule,
                    format!("`{id}` cannot be both a lever and context only"),
                )
                .at(self.id.span())
                .note("a lever is an answer the organisation can change to change the result; a context-only answer never changes it"),
            );
        }
        for topic in &self.topics {
            if !is_identifier(topic.get_ref()) {
                problems.push(identifier_problem("topic", topic.get_ref(), topic.span()));
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
            money: self.money,
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
            lever: self.lever,
            step,
            topics: self.topics.iter().map(|t| t.get_ref().clone()).collect(),
            max_length,
            format,
            detail: self.detail.as_ref().is_some_and(|d| *d.get_ref()),
            measured,
        })
        .map(|mut question| {
            question.what_if = self.what_if_phrase(&question, problems);
            question
        })
    }

    /// `step`: for number and whole-number questions only, a positive finite number (for a
    /// whole number, a whole number); what-if changes are rounded to it.
    fn step(&self, kind: &QuestionKind, problems: &mut Vec<Problem>) -> Option<f64> {
        let step = self.step.as_ref()?;
        let value = *step.get_ref();
        let fits = match kind {
            QuestionKind::Number { .. } => value.is_finite() && value > 0.0,
            QuestionKind::Integer { .. } => value >= 1.0 && value.fract() == 0.0,
            _ => false,
        };
        if !fits {
            problems.push(
                Problem::new(
                    Code::InvalidValue,
                    format!(
                        "`step` of `{}` must be a positive number, whole for a whole-number question, and only on number questions",
                        self.id.get_ref()
                    ),
                )
                .at(step.span()),
            );
            return None;
        }
        Some(value)
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
                        Problem::new(Code::UnknownName, format!(
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
                    Problem::new(
                        Code::InvalidRule,
                        format!(
                            "`what_if` of `{}` must be a table with one phrase per value",
                            question.id
                        ),
                    )
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
                        Problem::new(Code::InvalidRule, format!(
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
                    Problem::new(
                        Code::InvalidRule,
                        format!("`cautious` of yes/no question `{id}` must be true or false"),
                    )
                    .at(raw.span()),
                );
                Vec::new()
            }
            (QuestionKind::Choice(_), _) => {
                problems.push(
                    Problem::new(Code::InvalidRule, format!(
                        "`cautious` of choice question `{id}` must be a list of its choices, most cautious first"
                    ))
                    .at(raw.span()),
                );
                Vec::new()
            }
            _ => {
                problems.push(
                    Problem::new(Code::InvalidRule, format!(
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
        if self.money && self.kind.get_ref() != "number" {
            problems.push(
                Problem::new(
                    Code::InvalidRule,
                    format!(
                        "`{}`: `money` applies only to number questions",
                        self.id.get_ref()
                    ),
                )
                .at(span.clone()),
            );
        }
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
                                Problem::new(
                                    Code::Duplicate,
                                    format!(
                                        "choice \"{}\" of `{}` is repeated or reserved",
                                        choice.value,
                                        self.id.get_ref()
                                    ),
                                )
                                .at(span.clone()),
                            );
                        }
                    }
                    QuestionKind::Choice(choices.clone())
                }
                _ => {
                    problems.push(
                        Problem::new(
                            Code::Missing,
                            format!(
                                "choice question `{}` needs a non-empty `choices` list",
                                self.id.get_ref()
                            ),
                        )
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
                        Problem::new(
                            Code::InvalidRule,
                            format!(
                                "`{}`: `greater_than` applies only to number questions",
                                self.id.get_ref()
                            ),
                        )
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
                        Problem::new(
                            Code::InvalidValue,
                            format!(
                                "`{}`: no whole number lies between `min` and `max`",
                                self.id.get_ref()
                            ),
                        )
                        .at(span),
                    );
                    return None;
                }
                return Some(QuestionKind::Integer { min, max });
            }
            other => {
                problems.push(
                    Problem::new(
                        Code::UnknownName,
                        format!("unknown question type `{other}`"),
                    )
                    .at(span)
                    .note("allowed: \"choice\", \"bool\", \"number\", \"integer\", \"text\""),
                );
                return None;
            }
        };
        if bounds_on_non_number {
            problems.push(
                Problem::new(
                    Code::InvalidRule,
                    format!(
                        "`{}`: bounds apply only to number and integer questions",
                        self.id.get_ref()
                    ),
                )
                .at(span),
            );
        }
        Some(kind)
    }
}

impl RawQuestion {
    /// A text question's `max_length`, or the default; other types take none.
    fn max_length(&self, kind: &QuestionKind, problems: &mut Vec<Problem>) -> Option<usize> {
        match (&self.max_length, kind) {
            (None, QuestionKind::Text) => Some(DEFAULT_MAX_LENGTH),
            (None, _) => None,
            (Some(max), QuestionKind::Text) if *max.get_ref() > 0 => Some(*max.get_ref()),
            (Some(max), QuestionKind::Text) => {
                problems.push(
                    Problem::new(
                        Code::InvalidValue,
                        format!("`max_length` of `{}` must be at least 1", self.id.get_ref()),
                    )
                    .at(max.span()),
                );
                None
            }
            (Some(max), other) => {
                problems.push(self.text_only("max_length", other, max.span()));
                None
            }
        }
    }

    /// A text question's `format`, checked against the forms idpfit knows.
    fn format(&self, kind: &QuestionKind, problems: &mut Vec<Problem>) -> Option<TextFormat> {
        let raw = self.format.as_ref()?;
        if *kind != QuestionKind::Text {
            problems.push(self.text_only("format", kind, raw.span()));
            return None;
        }
        let known = [TextFormat::Currency];
        match known.iter().find(|f| f.id() == raw.get_ref()) {
            Some(format) => Some(*format),
            None => {
                let hint = did_you_mean(raw.get_ref(), known.iter().map(|f| f.id()));
                problems.push(
                    Problem::new(
                        Code::UnknownName,
                        format!("unknown text format `{}`", raw.get_ref()),
                    )
                    .at(raw.span())
                    .note_opt(hint.map(|h| format!("help: did you mean `{h}`?")))
                    .note(format!(
                        "allowed: {}",
                        quoted_list(known.iter().map(|f| f.id()))
                    )),
                );
                None
            }
        }
    }

    /// Checks `measured`: `floor` and `within` (a finite number >= 0) on number and
    /// whole-number questions, `agrees` keyed and filled with the question's choices on choice
    /// questions, and a `why` on every rule. A measured choice always agrees with itself.
    fn measured(&self, kind: &QuestionKind, problems: &mut Vec<Problem>) -> Option<Measured> {
        let raw = self.measured.as_ref()?;
        let span = raw.span();
        let raw = raw.get_ref();
        let id = self.id.get_ref();
        let before = problems.len();
        if raw.why.get_ref().trim().is_empty() {
            problems.push(
                Problem::new(
                    Code::Missing,
                    format!("`measured` of `{id}` needs a `why`: what the measurement cannot see"),
                )
                .at(raw.why.span()),
            );
        }
        let wrong_key = |key: &str| {
            Problem::new(
                Code::InvalidRule,
                format!(
                    "`measured.{key}` does not apply to `{id}`, which is of type {}",
                    kind.name()
                ),
            )
            .at(span.clone())
            .note("help: numbers take `floor` and `within`; choices take `agrees`")
        };
        let agreement = match kind {
            QuestionKind::Number { .. } | QuestionKind::Integer { .. } => {
                if !raw.agrees.is_empty() {
                    problems.push(wrong_key("agrees"));
                }
                let within = raw.within.as_ref().map_or(0.0, |w| *w.get_ref());
                if !(within.is_finite() && within >= 0.0) {
                    problems.push(
                        Problem::new(
                            Code::InvalidValue,
                            format!("`measured.within` of `{id}` must be a number >= 0"),
                        )
                        .at(raw.within.as_ref().map_or(span.clone(), Spanned::span)),
                    );
                }
                Agreement::Number {
                    floor: raw.floor,
                    within,
                }
            }
            QuestionKind::Choice(choices) => {
                if raw.floor {
                    problems.push(wrong_key("floor"));
                }
                if raw.within.is_some() {
                    problems.push(wrong_key("within"));
                }
                let position = |name: &Spanned<String>, problems: &mut Vec<Problem>| {
                    let found = choices.iter().position(|c| &c.value == name.get_ref());
                    if found.is_none() {
                        let values = choices.iter().map(|c| c.value.as_str());
                        let hint = did_you_mean(name.get_ref(), values.clone());
                        problems.push(
                            Problem::new(
                                Code::UnknownName,
                                format!(
                                    "`measured.agrees` of `{id}` names `{}`, which is not one of its choices",
                                    name.get_ref()
                                ),
                            )
                            .at(name.span())
                            .note_opt(hint.map(|h| format!("help: did you mean `{h}`?")))
                            .note(format!("choices: {}", quoted_list(values))),
                        );
                    }
                    found
                };
                let mut agree: Vec<Vec<usize>> = (0..choices.len()).map(|c| vec![c]).collect();
                for (measured, answered) in &raw.agrees {
                    let Some(m) = position(measured, problems) else {
                        continue;
                    };
                    for a in answered.iter().filter_map(|a| position(a, problems)) {
                        if !agree[m].contains(&a) {
                            agree[m].push(a);
                        }
                    }
                    agree[m].sort_unstable();
                }
                Agreement::Choices(agree)
            }
            other => {
                problems.push(
                    Problem::new(
                        Code::InvalidRule,
                        format!(
                            "`measured` applies only to number, integer and choice questions, and `{id}` is of type {}",
                            other.name()
                        ),
                    )
                    .at(span),
                );
                return None;
            }
        };
        (problems.len() == before).then(|| Measured {
            agreement,
            why: raw.why.get_ref().trim().to_string(),
        })
    }

    fn text_only(&self, key: &str, kind: &QuestionKind, span: Range<usize>) -> Problem {
        Problem::new(
            Code::InvalidRule,
            format!(
                "`{key}` applies only to text questions, and `{}` is of type {}",
                self.id.get_ref(),
                kind.name()
            ),
        )
        .at(span)
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
    Problem::new(
        Code::InvalidValue,
        format!(
            "{what} \"{}\" must be a plain identifier",
            text.escape_debug()
        ),
    )
    .at(span)
    .note("use only ASCII letters, digits, `_` and `-`, e.g. \"dedicated_team\"")
}

impl RawQuestion {
    /// Bounds must be finite, and leave some value allowed.
    fn check_bounds(&self, problems: &mut Vec<Problem>) -> Option<()> {
        let id = self.id.get_ref();
        let span = self.kind.span();
        let bounds = [self.min, self.greater_than, self.max];
        if bounds.iter().flatten().any(|b| !b.is_finite()) {
            problems.push(
                Problem::new(
                    Code::InvalidValue,
                    format!("`{id}`: `min`, `max` and `greater_than` must be finite numbers"),
                )
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
                Problem::new(
                    Code::InvalidValue,
                    format!("`{id}`: the bounds leave no allowed value"),
                )
                .at(span)
                .note("the lower bound must be below `max`"),
            );
            return None;
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    #[test]
    fn default_questionnaire_loads_and_covers_the_spec() {
        let q = testing::questionnaire();
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
    fn questions_asked_together_point_at_their_lead() {
        let q = testing::questionnaire();
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
    fn only_number_questions_can_be_money() {
        let question = |kind: &str| {
            format!(
                "[[questions]]\nid = \"a.cost\"\ntype = \"{kind}\"\nprompt = \"?\"\nmoney = true\n"
            )
        };
        let integer = grouping_error(&question("integer"));
        assert!(
            integer.contains("`a.cost`: `money` applies only to number questions"),
            "{integer}"
        );
        assert_eq!(grouping_error(&question("number")), "");
        let q = testing::questionnaire();
        let money: Vec<&str> = q
            .questions
            .iter()
            .filter(|q| q.money)
            .map(|q| q.id.as_str())
            .collect();
        assert_eq!(
            money,
            ["cost.engineer_annual_cost", "cost.port_annual_subscription"]
        );
    }

    #[test]
    fn measured_rules_fit_their_question_and_say_why() {
        let text = grouping_error(
            r#"
[[questions]]
id = "a.count"
type = "integer"
prompt = "?"
measured = { within = -1, agrees = { x = ["y"] }, why = "" }
[[questions]]
id = "a.level"
type = "choice"
choices = [{ value = "low", label = "Low" }, { value = "high", label = "High" }]
prompt = "?"
measured = { floor = true, agrees = { low = ["hgh"] }, why = "It sees part." }
[[questions]]
id = "a.flag"
type = "bool"
prompt = "?"
measured = { why = "No." }
"#,
        );
        for expected in [
            "`measured` of `a.count` needs a `why`",
            "`measured.agrees` does not apply to `a.count`, which is of type integer",
            "`measured.within` of `a.count` must be a number >= 0",
            "`measured.floor` does not apply to `a.level`",
            "`measured.agrees` of `a.level` names `hgh`, which is not one of its choices",
            "did you mean `high`?",
            "`measured` applies only to number, integer and choice questions, and `a.flag` is of type bool",
        ] {
            assert!(text.contains(expected), "{expected}\n{text}");
        }
    }

    #[test]
    fn a_measured_value_agrees_with_the_answers_its_rule_names() {
        let q = testing::questionnaire();
        let question = |id: &str| q.question(id).unwrap_or_else(|| panic!("{id}"));
        let months = question("current.months_invested");
        let agrees = |measured: i64, answered: i64| {
            months.agrees_with_measured(&Value::Integer(measured), &Value::Integer(answered))
        };
        // A floor with a tolerance of two: anything above agrees, up to two below.
        assert!(agrees(18, 30) && agrees(18, 18) && agrees(18, 16));
        assert!(!agrees(18, 15));
        let stack = question("integrations.stack");
        let choice = |name: &str| {
            Value::Choice(
                stack
                    .kind
                    .choices()
                    .iter()
                    .position(|c| c.value == name)
                    .unwrap_or_else(|| panic!("{name}")),
            )
        };
        let agrees = |m: &str, a: &str| stack.agrees_with_measured(&choice(m), &choice(a));
        assert!(agrees("mostly_standard", "unusual"));
        assert!(agrees("mostly_standard", "mostly_standard"));
        assert!(!agrees("mostly_standard", "standard"));
        assert!(!agrees("unusual", "mostly_standard"));
        // Without a rule, only the same value agrees.
        let ownership = question("capacity.ownership");
        assert!(ownership.measured.is_none());
        assert!(ownership.agrees_with_measured(&Value::Choice(1), &Value::Choice(1)));
        assert!(!ownership.agrees_with_measured(&Value::Choice(1), &Value::Choice(0)));
    }

    #[test]
    fn text_limits_formats_and_details_are_checked_where_they_apply() {
        let text = grouping_error(
            r#"
[[questions]]
id = "a.count"
type = "integer"
prompt = "?"
max_length = 10
format = "currency"
[[questions]]
id = "a.code"
type = "text"
prompt = "?"
format = "curency"
[[questions]]
id = "a.extra"
type = "text"
required = false
prompt = "?"
detail = true
"#,
        );
        assert!(
            text.contains(
                "`max_length` applies only to text questions, and `a.count` is of type integer"
            ),
            "{text}"
        );
        assert!(
            text.contains("`format` applies only to text questions"),
            "{text}"
        );
        assert!(text.contains("unknown text format `curency`"), "{text}");
        assert!(text.contains("did you mean `currency`"), "{text}");
        assert!(
            text.contains("detail `a.extra` sits in a section that is not `all_or_nothing`"),
            "{text}"
        );

        let q = testing::questionnaire();
        let name = q.question("organization.name").and_then(|x| x.max_length);
        assert_eq!(name, Some(200));
        let other = q.question("friction.metric").and_then(|x| x.max_length);
        assert_eq!(other, Some(DEFAULT_MAX_LENGTH));
        let details: Vec<&str> = q
            .questions
            .iter()
            .filter(|x| x.detail)
            .map(|x| x.id.as_str())
            .collect();
        assert_eq!(details, ["cost.currency", "cost.port_fte"]);
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
