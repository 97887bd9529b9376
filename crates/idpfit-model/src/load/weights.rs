//! Weights files (`weights/*.toml`) read into checked [`Weights`]: raw structs deserialized
//! with `deny_unknown_fields` and spans, then every reference checked against the questionnaire
//! (questions, choices, options, dimensions, core questions), every problem collected before
//! failing, each pointing at its line and column. It does not apply the weights; the engine
//! does. It reads no file: the caller passes the text.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::condition::{RawCondition, unknown_choice, unknown_question};
use super::diagnostic::{Code, Diagnostics, Problem, did_you_mean};
use super::names;
use crate::model::condition::Condition;
use crate::model::domain::{Confidence, Dimension, Portal};
use crate::model::questionnaire::{QuestionKind, Questionnaire};
use crate::model::weights::{
    AdviceRule, Anchor, BlockerRule, Case, ConfidenceEffect, ConfidenceWording, DimensionWeights,
    Effect, EvidenceWording, Exclusion, ExclusionRule, Factor, FindingRule, InconsistencyRule,
    Matcher, Points, Scale, Thresholds, Weights, placeholders,
};

impl Weights {
    /// Parses and checks a weights file against `questionnaire`; `name` is how errors refer
    /// to the file.
    pub fn from_toml(
        name: &str,
        source: &str,
        questionnaire: &Questionnaire,
    ) -> Result<Weights, Diagnostics> {
        let raw: RawWeights = super::raw(name, source)?;
        let mut problems = Vec::new();
        let weights = raw.validate(questionnaire, &mut problems);
        super::checked(name, source, problems, weights)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWeights {
    name: String,
    #[serde(default)]
    description: String,
    questionnaire: Spanned<String>,
    dimensions: BTreeMap<Spanned<String>, DimensionWeights>,
    thresholds: Spanned<Thresholds>,
    confidence_wording: ConfidenceWording,
    evidence_wording: RawEvidenceWording,
    unknown_finding: String,
    unknown_blocker: String,
    unknown_effect: String,
    #[serde(default)]
    effects: Vec<RawEffect>,
    #[serde(default)]
    exclusions: Vec<RawExclusion>,
    #[serde(default)]
    blockers: Vec<RawBlocker>,
    #[serde(default)]
    findings: Vec<RawFinding>,
    #[serde(default)]
    inconsistencies: Vec<RawInconsistency>,
    #[serde(default)]
    advice: Vec<RawAdvice>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvidenceWording {
    conflict: Spanned<String>,
    filled: Spanned<String>,
    not_applicable: Spanned<String>,
}

impl RawEvidenceWording {
    /// The sentences, each placeholder checked against [`EvidenceWording::PLACEHOLDERS`].
    fn validate(self, problems: &mut Vec<Problem>) -> EvidenceWording {
        for text in [&self.conflict, &self.filled, &self.not_applicable] {
            for name in placeholders(text.get_ref()) {
                if !EvidenceWording::PLACEHOLDERS.contains(&name) {
                    let hint = did_you_mean(name, EvidenceWording::PLACEHOLDERS);
                    problems.push(
                        Problem::new(
                            Code::UnknownName,
                            format!("`{{{name}}}` is not a placeholder of [evidence_wording]"),
                        )
                        .at(text.span())
                        .note_opt(hint.map(|h| format!("help: did you mean `{{{h}}}`?")))
                        .note(format!(
                            "allowed: {}",
                            EvidenceWording::PLACEHOLDERS
                                .map(|p| format!("{{{p}}}"))
                                .join(", ")
                        )),
                    );
                }
            }
        }
        EvidenceWording {
            conflict: self.conflict.into_inner(),
            filled: self.filled.into_inner(),
            not_applicable: self.not_applicable.into_inner(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEffect {
    answer: Spanned<String>,
    dimension: Option<Spanned<String>>,
    when: Option<Spanned<RawCondition>>,
    scale: Option<Spanned<RawScale>>,
    #[serde(default)]
    choices: BTreeMap<Spanned<String>, RawPoints>,
    curve: Option<Spanned<Vec<RawAnchor>>>,
    if_true: Option<RawPoints>,
    if_false: Option<RawPoints>,
    if_empty: Option<RawPoints>,
    if_given: Option<RawPoints>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPoints {
    #[serde(default)]
    backstage: f64,
    #[serde(default)]
    port: f64,
    #[serde(default)]
    hybrid: f64,
    why: String,
}

/// One point of a number's curve: its points at `at`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnchor {
    at: f64,
    #[serde(default)]
    backstage: f64,
    #[serde(default)]
    port: f64,
    #[serde(default)]
    hybrid: f64,
    why: String,
}

/// `scale = { answer = ..., curve = [{ at, factor }, ...] }` for a number, or
/// `scale = { answer = ..., choices = { value = factor, ... } }` for a choice.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    answer: Spanned<String>,
    curve: Option<Vec<RawFactorPoint>>,
    choices: Option<BTreeMap<Spanned<String>, f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFactorPoint {
    at: f64,
    factor: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExclusion {
    options: Vec<Spanned<String>>,
    when: Option<Spanned<RawCondition>>,
    unless: Option<Spanned<RawCondition>>,
    reason: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBlocker {
    id: String,
    title: Spanned<String>,
    when: Spanned<RawCondition>,
    message: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFinding {
    question: Option<Spanned<u8>>,
    answer: Spanned<String>,
    when: Spanned<RawCondition>,
    finding: Spanned<String>,
    confidence: Option<Spanned<RawConfidence>>,
}

/// `confidence = { lower = 1 }` or `confidence = { at_most = "medium" }`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfidence {
    lower: Option<u8>,
    at_most: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInconsistency {
    answers: Vec<Spanned<String>>,
    when: Spanned<RawCondition>,
    message: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAdvice {
    id: String,
    when: Option<Spanned<RawCondition>>,
    #[serde(default)]
    leaning: Vec<Spanned<String>>,
    message: Spanned<String>,
}

impl RawPoints {
    fn into_case(self, matcher: Matcher) -> Case {
        Case {
            matcher,
            points: [self.backstage, self.port, self.hybrid],
            why: self.why,
        }
    }
}

/// Largest size of one effect's points, and of a dimension weight. Far beyond any sensible
/// model (10 points is a strong signal), and small enough that no sum of them overflows, so
/// every score stays a finite number.
pub const MAX_POINTS: f64 = 1e6;
pub const MAX_WEIGHT: f64 = 1e6;

fn points_in_range(points: &[f64; 3]) -> bool {
    points
        .iter()
        .all(|p| p.is_finite() && p.abs() <= MAX_POINTS)
}

fn compile(
    raw: &Option<Spanned<RawCondition>>,
    questionnaire: &Questionnaire,
    problems: &mut Vec<Problem>,
) -> Option<Condition> {
    raw.as_ref()
        .and_then(|c| c.get_ref().compile(questionnaire, c.span(), problems))
}

fn compile_required(
    raw: &Spanned<RawCondition>,
    questionnaire: &Questionnaire,
    problems: &mut Vec<Problem>,
) -> Option<Condition> {
    raw.get_ref().compile(questionnaire, raw.span(), problems)
}

/// Refuses a condition that decides the recommendation (an exclusion, a blocker, when an
/// effect applies) but reads a context-only answer: headcount and the like are recorded for the
/// report and must never move the result, directly or through a rule.
fn decisive(
    condition: Option<Condition>,
    raw: &Spanned<RawCondition>,
    questionnaire: &Questionnaire,
    problems: &mut Vec<Problem>,
) -> Option<Condition> {
    let condition = condition?;
    for index in condition.questions() {
        let question = &questionnaire.questions[index];
        if question.context_only {
            problems.push(
                Problem::new(Code::InvalidRule, format!(
                    "`{}` is context only and cannot decide the recommendation",
                    question.id
                ))
                .at(raw.span())
                .note("the questionnaire marks it `context_only`: it is recorded for the report, never decisive")
                .note("help: use it in [[advice]] or [[findings]] instead, which do not change the recommendation"),
            );
            return None;
        }
    }
    Some(condition)
}

/// Checks `{section.key}` placeholders in a message: each must name a question.
fn check_placeholders(
    text: &Spanned<String>,
    questionnaire: &Questionnaire,
    problems: &mut Vec<Problem>,
) {
    for name in placeholders(text.get_ref()) {
        if questionnaire.index_of(name).is_none() {
            problems.push(unknown_question(questionnaire, name, text.span()));
        }
    }
}

impl RawWeights {
    fn validate(
        self,
        questionnaire: &Questionnaire,
        problems: &mut Vec<Problem>,
    ) -> Option<Weights> {
        if self.questionnaire.get_ref() != &questionnaire.id {
            problems.push(
                Problem::new(Code::OtherQuestionnaire, format!(
                    "these weights are for questionnaire \"{}\", but the questionnaire in use is \"{}\"",
                    self.questionnaire.get_ref(),
                    questionnaire.id
                ))
                .at(self.questionnaire.span()),
            );
        }
        let t = &self.thresholds;
        let cut_offs = [
            t.get_ref().strong_lean,
            t.get_ref().clear_lean,
            t.get_ref().high_margin,
            t.get_ref().medium_margin,
            t.get_ref().single_option_high,
            t.get_ref().single_option_medium,
            t.get_ref().hollow_fit,
        ];
        let shares = [t.get_ref().robust_high, t.get_ref().robust_medium];
        if cut_offs.iter().any(|c| !(c.is_finite() && *c >= 0.0))
            || shares.iter().any(|s| !(0.0..=1.0).contains(s))
        {
            problems.push(
                Problem::new(
                    Code::InvalidValue,
                    "every [thresholds] value must be a finite number >= 0, and `robust_high` and `robust_medium` shares between 0 and 1",
                )
                .at(t.span()),
            );
        }
        let dimensions = validate_dimensions(self.dimensions, problems)?;
        let effects = self
            .effects
            .into_iter()
            .filter_map(|e| e.validate(questionnaire, problems))
            .collect();
        let exclusions = self
            .exclusions
            .into_iter()
            .filter_map(|e| e.validate(questionnaire, problems))
            .collect();
        let blockers = self
            .blockers
            .into_iter()
            .filter_map(|b| {
                check_placeholders(&b.message, questionnaire, problems);
                check_placeholders(&b.title, questionnaire, problems);
                Some(BlockerRule {
                    when: decisive(
                        compile_required(&b.when, questionnaire, problems),
                        &b.when,
                        questionnaire,
                        problems,
                    )?,
                    id: b.id,
                    title: b.title.into_inner(),
                    message: b.message.into_inner(),
                })
            })
            .collect();
        let findings = self
            .findings
            .into_iter()
            .filter_map(|f| f.validate(questionnaire, problems))
            .collect();
        let inconsistencies = self
            .inconsistencies
            .into_iter()
            .filter_map(|i| i.validate(questionnaire, problems))
            .collect();
        let advice = self
            .advice
            .into_iter()
            .filter_map(|a| {
                check_placeholders(&a.message, questionnaire, problems);
                let leaning = a
                    .leaning
                    .iter()
                    .filter_map(|l| names::portal(l, problems))
                    .collect();
                Some(AdviceRule {
                    when: match &a.when {
                        Some(_) => Some(compile(&a.when, questionnaire, problems)?),
                        None => None,
                    },
                    leaning,
                    id: a.id,
                    message: a.message.into_inner(),
                })
            })
            .collect();
        Some(Weights {
            name: self.name,
            description: self.description,
            dimensions,
            thresholds: self.thresholds.into_inner(),
            confidence_wording: self.confidence_wording,
            evidence_wording: self.evidence_wording.validate(problems),
            effects,
            exclusions,
            blockers,
            findings,
            inconsistencies,
            advice,
            unknown_finding: self.unknown_finding,
            unknown_blocker: self.unknown_blocker,
            unknown_effect: self.unknown_effect,
        })
    }
}

fn validate_dimensions(
    raw: BTreeMap<Spanned<String>, DimensionWeights>,
    problems: &mut Vec<Problem>,
) -> Option<[DimensionWeights; 4]> {
    let mut found: [Option<DimensionWeights>; 4] = Default::default();
    for (key, dimension) in raw {
        let Some(d) = names::dimension(&key, problems) else {
            continue;
        };
        if !(dimension.weight.is_finite() && (0.0..=MAX_WEIGHT).contains(&dimension.weight)) {
            problems.push(
                Problem::new(
                    Code::InvalidValue,
                    format!(
                        "dimension `{}` needs a weight between 0 and {MAX_WEIGHT}",
                        key.get_ref()
                    ),
                )
                .at(key.span()),
            );
        }
        found[d.index()] = Some(dimension);
    }
    let missing: Vec<&str> = Dimension::ALL
        .iter()
        .filter(|d| found[d.index()].is_none())
        .map(|d| d.id())
        .collect();
    if !missing.is_empty() {
        problems.push(Problem::new(
            Code::Missing,
            format!("missing [dimensions.*] table for: {}", missing.join(", ")),
        ));
        return None;
    }
    let [a, b, c, d] = found;
    Some([a?, b?, c?, d?])
}

impl RawEffect {
    fn validate(
        self,
        questionnaire: &Questionnaire,
        problems: &mut Vec<Problem>,
    ) -> Option<Effect> {
        let id = self.answer.get_ref().clone();
        let id = id.as_str();
        let span = self.answer.span();
        let Some(question) = questionnaire.index_of(id) else {
            problems.push(unknown_question(questionnaire, id, span));
            return None;
        };
        let q = &questionnaire.questions[question];
        if q.context_only {
            problems.push(
                Problem::new(Code::InvalidRule, format!("`{id}` is context only and cannot be scored"))
                    .at(span.clone())
                    .note("the questionnaire marks it `context_only`: it is recorded for the report, never decisive"),
            );
        }
        let dimension = self
            .dimension
            .as_ref()
            .and_then(|d| names::dimension(d, problems));
        let when = match &self.when {
            Some(raw) => decisive(
                compile(&self.when, questionnaire, problems),
                raw,
                questionnaire,
                problems,
            ),
            None => None,
        };
        let scale = self
            .scale
            .as_ref()
            .and_then(|raw| raw.get_ref().validate(raw.span(), questionnaire, problems));
        let points = self.points(&q.kind, id, span.clone(), problems)?;
        let all_points: Vec<[f64; 3]> = match &points {
            Points::Cases(cases) => cases.iter().map(|c| c.points).collect(),
            Points::Curve(anchors) => anchors.iter().map(|a| a.points).collect(),
        };
        if all_points.iter().any(|p| !points_in_range(p)) {
            problems.push(
                Problem::new(Code::InvalidValue, format!("effect on `{id}` has points out of range"))
                    .at(span)
                    .note(format!(
                        "points are finite numbers between -{MAX_POINTS} and {MAX_POINTS}; 10 is already a strong signal"
                    )),
            );
        }
        Some(Effect {
            question,
            dimension,
            when,
            scale,
            points,
        })
    }

    fn points(
        self,
        kind: &QuestionKind,
        id: &str,
        span: Range<usize>,
        problems: &mut Vec<Problem>,
    ) -> Option<Points> {
        let has_choices = !self.choices.is_empty();
        let has_curve = self.curve.is_some();
        let has_flags = self.if_true.is_some() || self.if_false.is_some();
        let has_text = self.if_empty.is_some() || self.if_given.is_some();
        let fits = match kind {
            QuestionKind::Choice(_) => has_choices && !has_curve && !has_flags && !has_text,
            QuestionKind::Bool => has_flags && !has_choices && !has_curve && !has_text,
            QuestionKind::Number { .. } | QuestionKind::Integer { .. } => {
                has_curve && !has_choices && !has_flags && !has_text
            }
            QuestionKind::Text => has_text && !has_choices && !has_curve && !has_flags,
        };
        if !fits {
            let expected = match kind {
                QuestionKind::Choice(_) => "`choices.<value> = { ... }` entries",
                QuestionKind::Bool => "`if_true` and/or `if_false`",
                QuestionKind::Number { .. } | QuestionKind::Integer { .. } => {
                    "`curve = [{ at = N, ... }, ...]`"
                }
                QuestionKind::Text => "`if_empty` and/or `if_given`",
            };
            problems.push(
                Problem::new(
                    Code::InvalidRule,
                    format!(
                        "effect on `{id}` ({} question) must use {expected}",
                        kind.name()
                    ),
                )
                .at(span),
            );
            return None;
        }
        let mut cases = Vec::new();
        match kind {
            QuestionKind::Choice(choices) => {
                for (value, points) in self.choices {
                    match choices.iter().position(|c| &c.value == value.get_ref()) {
                        Some(index) => cases.push(points.into_case(Matcher::Choice(index))),
                        None => problems.push(unknown_choice(
                            id,
                            value.get_ref(),
                            choices.iter().map(|c| c.value.as_str()),
                            Some(value.span()),
                        )),
                    }
                }
            }
            QuestionKind::Bool => {
                cases.extend(self.if_true.map(|p| p.into_case(Matcher::Flag(true))));
                cases.extend(self.if_false.map(|p| p.into_case(Matcher::Flag(false))));
            }
            QuestionKind::Text => {
                cases.extend(self.if_empty.map(|p| p.into_case(Matcher::Empty(true))));
                cases.extend(self.if_given.map(|p| p.into_case(Matcher::Empty(false))));
            }
            QuestionKind::Number { .. } | QuestionKind::Integer { .. } => {
                let curve = self.curve?;
                return curve_anchors(id, curve, problems).map(Points::Curve);
            }
        }
        Some(Points::Cases(cases))
    }
}

/// A curve's points are written in ascending order of `at`: at least one, every `at` a finite
/// number larger than the one before, so the curve is a function of the answer.
fn curve_anchors(
    id: &str,
    curve: Spanned<Vec<RawAnchor>>,
    problems: &mut Vec<Problem>,
) -> Option<Vec<Anchor>> {
    let span = curve.span();
    let anchors: Vec<Anchor> = curve
        .into_inner()
        .into_iter()
        .map(|a| Anchor {
            at: a.at,
            points: [a.backstage, a.port, a.hybrid],
            why: a.why,
        })
        .collect();
    if !rising(anchors.iter().map(|a| a.at)) {
        problems.push(
            Problem::new(
                Code::InvalidRule,
                format!(
                    "the curve of `{id}` needs at least one point, each `at` a finite number larger than the one before"
                ),
            )
            .at(span)
            .note("example: curve = [{ at = 0, port = 5, why = \"...\" }, { at = 2, backstage = 8, why = \"...\" }]"),
        );
        return None;
    }
    Some(anchors)
}

/// Whether positions are finite, at least one, and strictly ascending.
fn rising(positions: impl Iterator<Item = f64>) -> bool {
    let mut previous: Option<f64> = None;
    for at in positions {
        if !at.is_finite() || previous.is_some_and(|p| at <= p) {
            return false;
        }
        previous = Some(at);
    }
    previous.is_some()
}

impl RawScale {
    /// A scale reads a number along a curve, or a choice by its value. The answer it reads
    /// decides the result like any other, so it may not be context-only; factors are finite.
    fn validate(
        &self,
        span: Range<usize>,
        questionnaire: &Questionnaire,
        problems: &mut Vec<Problem>,
    ) -> Option<Scale> {
        let id = self.answer.get_ref();
        let Some(question) = questionnaire.index_of(id) else {
            problems.push(unknown_question(questionnaire, id, self.answer.span()));
            return None;
        };
        let q = &questionnaire.questions[question];
        if q.context_only {
            problems.push(
                Problem::new(
                    Code::InvalidRule,
                    format!("`{id}` is context only and cannot scale an effect"),
                )
                .at(self.answer.span())
                .note("the questionnaire marks it `context_only`: it is recorded for the report, never decisive"),
            );
            return None;
        }
        let factor = match (&q.kind, &self.curve, &self.choices) {
            (QuestionKind::Number { .. } | QuestionKind::Integer { .. }, Some(curve), None) => {
                let points: Vec<(f64, f64)> = curve.iter().map(|p| (p.at, p.factor)).collect();
                if !rising(points.iter().map(|p| p.0)) {
                    problems.push(
                        Problem::new(
                            Code::InvalidRule,
                            format!(
                                "the scale curve on `{id}` needs at least one point, each `at` a finite number larger than the one before"
                            ),
                        )
                        .at(span.clone()),
                    );
                    return None;
                }
                Factor::Curve(points)
            }
            (QuestionKind::Choice(choices), None, Some(map)) => {
                let mut factors = vec![0.0; choices.len()];
                for (value, factor) in map {
                    match choices.iter().position(|c| &c.value == value.get_ref()) {
                        Some(i) => factors[i] = *factor,
                        None => problems.push(unknown_choice(
                            id,
                            value.get_ref(),
                            choices.iter().map(|c| c.value.as_str()),
                            Some(value.span()),
                        )),
                    }
                }
                Factor::Choices(factors)
            }
            (kind, _, _) => {
                let expected = match kind {
                    QuestionKind::Choice(_) => "`choices = { value = factor, ... }`",
                    _ => "a number question and `curve = [{ at = N, factor = F }, ...]`",
                };
                problems.push(
                    Problem::new(
                        Code::InvalidRule,
                        format!(
                            "a scale on `{id}` ({} question) needs {expected}",
                            kind.name()
                        ),
                    )
                    .at(span),
                );
                return None;
            }
        };
        let factors: Vec<f64> = match &factor {
            Factor::Curve(points) => points.iter().map(|p| p.1).collect(),
            Factor::Choices(factors) => factors.clone(),
        };
        if factors
            .iter()
            .any(|f| !(f.is_finite() && f.abs() <= MAX_WEIGHT))
        {
            problems.push(
                Problem::new(
                    Code::InvalidValue,
                    format!(
                        "the factors of the scale on `{id}` must be finite numbers between -{MAX_WEIGHT} and {MAX_WEIGHT}"
                    ),
                )
                .at(span),
            );
            return None;
        }
        Some(Scale { question, factor })
    }
}

impl RawExclusion {
    fn validate(
        self,
        questionnaire: &Questionnaire,
        problems: &mut Vec<Problem>,
    ) -> Option<Exclusion> {
        let options: Vec<Portal> = self
            .options
            .iter()
            .filter_map(|o| names::portal(o, problems))
            .collect();
        check_placeholders(&self.reason, questionnaire, problems);
        let rule = match (&self.when, &self.unless) {
            (Some(raw), None) => ExclusionRule::When(decisive(
                compile(&self.when, questionnaire, problems),
                raw,
                questionnaire,
                problems,
            )?),
            (None, Some(raw)) => ExclusionRule::Unless(decisive(
                compile(&self.unless, questionnaire, problems),
                raw,
                questionnaire,
                problems,
            )?),
            _ => {
                let span = self.options.first().map(|o| o.span());
                problems.push(
                    Problem::new(
                        Code::InvalidRule,
                        "an exclusion needs exactly one of `when` or `unless`",
                    )
                    .at_opt(span),
                );
                return None;
            }
        };
        Some(Exclusion {
            options,
            rule,
            reason: self.reason.into_inner(),
        })
    }
}

impl RawFinding {
    fn validate(
        self,
        questionnaire: &Questionnaire,
        problems: &mut Vec<Problem>,
    ) -> Option<FindingRule> {
        let number = self.question.as_ref().map(|q| (*q.get_ref(), q.span()));
        if let Some((number, span)) = &number
            && questionnaire.core_question(*number).is_none()
        {
            problems.push(
                Problem::new(
                    Code::UnknownName,
                    format!("there is no core question {number}"),
                )
                .at(span.clone())
                .note("core questions are numbered 1 to 5; leave `question` out for a finding about readiness"),
            );
        }
        check_placeholders(&self.finding, questionnaire, problems);
        let confidence = self
            .confidence
            .as_ref()
            .and_then(|raw| raw.get_ref().validate(raw.span(), problems));
        let Some(answer) = questionnaire.index_of(self.answer.get_ref()) else {
            problems.push(unknown_question(
                questionnaire,
                self.answer.get_ref(),
                self.answer.span(),
            ));
            return None;
        };
        Some(FindingRule {
            question: number.map(|(n, _)| n),
            answer,
            when: compile_required(&self.when, questionnaire, problems)?,
            finding: self.finding.into_inner(),
            confidence,
        })
    }
}

impl RawConfidence {
    fn validate(
        &self,
        span: Range<usize>,
        problems: &mut Vec<Problem>,
    ) -> Option<ConfidenceEffect> {
        let level = match self.at_most.as_deref() {
            Some("low") => Some(Confidence::Low),
            Some("medium") => Some(Confidence::Medium),
            Some("high") => Some(Confidence::High),
            _ => None,
        };
        match (self.lower, &self.at_most, level) {
            (Some(steps), None, _) if steps >= 1 => Some(ConfidenceEffect::Lower(steps)),
            (None, Some(_), Some(level)) => Some(ConfidenceEffect::AtMost(level)),
            _ => {
                problems.push(
                    Problem::new(
                        Code::InvalidRule,
                        "`confidence` must be `{ lower = N }` with N >= 1, or `{ at_most = \"low\" }` (or \"medium\", \"high\")",
                    )
                    .at(span),
                );
                None
            }
        }
    }
}

impl RawInconsistency {
    /// The listed answers must be exactly the questions the condition reads, and at least two:
    /// an inconsistency is between answers.
    fn validate(
        self,
        questionnaire: &Questionnaire,
        problems: &mut Vec<Problem>,
    ) -> Option<InconsistencyRule> {
        check_placeholders(&self.message, questionnaire, problems);
        let mut answers = Vec::new();
        for id in &self.answers {
            match questionnaire.index_of(id.get_ref()) {
                Some(index) => answers.push(index),
                None => problems.push(unknown_question(questionnaire, id.get_ref(), id.span())),
            }
        }
        let when = compile_required(&self.when, questionnaire, problems)?;
        let mut read = when.questions();
        read.sort_unstable();
        read.dedup();
        let mut listed = answers.clone();
        listed.sort_unstable();
        listed.dedup();
        if listed.len() < 2 || listed != read {
            let names: Vec<String> = read
                .iter()
                .map(|&i| format!("`{}`", questionnaire.questions[i].id))
                .collect();
            problems.push(
                Problem::new(
                    Code::InvalidRule,
                    "an inconsistency lists the answers involved: at least two, exactly the ones its `when` reads",
                )
                .at(self.when.span())
                .note(format!("`when` reads {}", names.join(", "))),
            );
            return None;
        }
        Some(InconsistencyRule {
            answers,
            when,
            message: self.message.into_inner(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    #[test]
    fn default_weights_load() {
        let weights = testing::weights();
        assert_eq!(weights.name, "default");
        assert!(!weights.effects.is_empty());
    }

    #[test]
    fn every_reference_problem_is_listed_with_its_position() {
        let questionnaire = testing::questionnaire();
        let source = testing::WEIGHTS_TOML
            .replacen(
                "answer = \"capacity.ownership\"",
                "answer = \"capacity.ownershp\"",
                1,
            )
            .replacen("choices.standard ", "choices.standerd ", 1);
        let err = Weights::from_toml("w.toml", &source, &questionnaire).err();
        let text = err.map(|d| d.to_string()).unwrap_or_default();
        assert!(text.contains("no question `capacity.ownershp`"), "{text}");
        assert!(text.contains("did you mean `capacity.ownership`"), "{text}");
        assert!(
            text.contains("\"standerd\" is not a choice of `integrations.stack`"),
            "{text}"
        );
        assert!(text.contains("2 problems in w.toml"), "{text}");
    }

    #[test]
    fn evidence_sentences_use_only_their_placeholders() {
        let questionnaire = testing::questionnaire();
        let source = testing::WEIGHTS_TOML.replacen("{measured} (", "{measure} (", 1);
        let text = Weights::from_toml("w.toml", &source, &questionnaire)
            .err()
            .map(|d| d.to_string())
            .unwrap_or_default();
        assert!(
            text.contains("`{measure}` is not a placeholder of [evidence_wording]"),
            "{text}"
        );
        assert!(text.contains("did you mean `{measured}`?"), "{text}");
    }

    #[test]
    fn headcount_cannot_be_given_points() {
        let questionnaire = testing::questionnaire();
        let source = format!(
            "{}\n[[effects]]\nanswer = \"organization.engineers\"\ncurve = [{{ at = 1, backstage = 5, why = \"big\" }}]\n",
            testing::WEIGHTS_TOML
        );
        let text = Weights::from_toml("w.toml", &source, &questionnaire)
            .err()
            .map(|d| d.to_string())
            .unwrap_or_default();
        assert!(
            text.contains("`organization.engineers` is context only"),
            "{text}"
        );
    }
}
