//! Evidence: answers measured in the organisation's repositories (by `idpfit scan`), held next
//! to the answers people gave. An assessment with evidence ([`super::Model::assess_with`]) scores
//! a measured value where the answers leave the question unknown or unanswered, names every
//! measured value that contradicts the answer given as an inconsistency, and reports each
//! answer the scan measured, or looked for and could not measure, in `evidence`.
//!
//! What "contradicts" means is the questionnaire's data (each measured question's `measured`
//! rule: whether the scan sees only part of what the answer covers, and how far off a number may
//! be); the sentences are the weights' (`[evidence_wording]`). This module reads no file: the
//! CLI reads the scan's output into an [`Evidence`] value and passes it in.

use std::collections::BTreeMap;

use super::answer_json::{answer_json, optional_answer_json};
use super::{EvidenceItem, EvidenceStatus, Inconsistency, Model};
use crate::model::{Answers, Value};

/// What a scan measured, checked against the questionnaire: question indices and valid values.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evidence {
    /// Measured answers, in questionnaire order, at most one per question.
    pub measured: Vec<Measurement>,
    /// Answers the scan looked for but could not settle, in questionnaire order, with why.
    pub not_measured: Vec<(usize, String)>,
}

/// One measured answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Measurement {
    /// Index of the question in the questionnaire.
    pub question: usize,
    /// The measured value (never [`Value::Unknown`]).
    pub value: Value,
    /// What the value rests on: repository, file and count, as the scan wrote it.
    pub lines: Vec<String>,
}

impl Evidence {
    /// The measurement of question `index`, if the scan made one.
    pub fn measurement(&self, index: usize) -> Option<&Measurement> {
        self.measured.iter().find(|m| m.question == index)
    }
}

/// What evidence adds to an assessment: each answer against it, and the contradictions.
pub(super) struct Weighed {
    pub items: BTreeMap<String, EvidenceItem>,
    pub conflicts: Vec<Inconsistency>,
}

impl Model<'_> {
    /// The answers an assessment with `evidence` scores: a measured question the answers leave
    /// unknown or unanswered takes the measured value, when it applies to the answers. The
    /// questions are filled in questionnaire order, so a measured portal makes the questions
    /// about it apply before they are looked at. Every answer given stands, contradicted or
    /// not: a contradiction is named, never resolved.
    pub fn answers_with(&self, answers: &Answers, evidence: &Evidence) -> Answers {
        let mut filled = answers.clone();
        filled
            .values
            .resize(self.questionnaire.questions.len(), None);
        for measurement in &evidence.measured {
            let q = measurement.question;
            let open = filled.values[q].as_ref().is_none_or(Value::is_unknown);
            if open && self.applies(q, &filled) {
                filled.values[q] = Some(measurement.value.clone());
            }
        }
        filled
    }

    /// Whether question `q` applies to `answers` for certain (an unknown answer its rule
    /// reads leaves that open, and so does not count).
    fn applies(&self, q: usize, answers: &Answers) -> bool {
        let values: Vec<Value> = answers
            .values
            .iter()
            .map(|v| v.clone().unwrap_or(Value::Unknown))
            .collect();
        self.questionnaire.questions[q].applies(&values)
    }

    /// Each answer the scan measured or looked for, against the answers given (`answers`) and
    /// those scored (`scored`, from [`Model::answers_with`]), and an inconsistency for each
    /// measured value the answer given contradicts.
    pub(super) fn weigh(
        &self,
        answers: &Answers,
        scored: &Answers,
        evidence: &Evidence,
    ) -> Weighed {
        let wording = &self.weights.evidence_wording;
        let mut items = BTreeMap::new();
        let mut conflicts = Vec::new();
        for measurement in &evidence.measured {
            let q = measurement.question;
            let question = &self.questionnaire.questions[q];
            let given = answers.values.get(q).and_then(Option::as_ref);
            let used = given != scored.values[q].as_ref();
            let (status, note) = match given {
                Some(value) if !value.is_unknown() => {
                    if question.agrees_with_measured(&measurement.value, value) {
                        let why = question.measured.as_ref().map(|m| m.why.clone());
                        (
                            EvidenceStatus::Measured,
                            why.filter(|_| *value != measurement.value),
                        )
                    } else {
                        conflicts.push(Inconsistency {
                            answers: vec![question.id.clone()],
                            message: fill(
                                &wording.conflict,
                                &question.id,
                                &question.display(value),
                                &question.display(&measurement.value),
                                measurement.lines.first().map_or("", String::as_str),
                            ),
                        });
                        (EvidenceStatus::Conflicting, None)
                    }
                }
                _ if used => (EvidenceStatus::Measured, Some(wording.filled.clone())),
                _ => (
                    EvidenceStatus::Measured,
                    Some(wording.not_applicable.clone()),
                ),
            };
            items.insert(
                question.id.clone(),
                EvidenceItem {
                    evidence: measurement.lines.clone(),
                    measured: answer_json(question, &measurement.value),
                    note,
                    self_reported: optional_answer_json(question, given),
                    status,
                    used,
                },
            );
        }
        for (q, why) in &evidence.not_measured {
            let question = &self.questionnaire.questions[*q];
            let given = answers.values.get(*q).and_then(Option::as_ref);
            items.insert(
                question.id.clone(),
                EvidenceItem {
                    evidence: vec![why.clone()],
                    measured: serde_json::Value::Null,
                    note: None,
                    self_reported: optional_answer_json(question, given),
                    status: EvidenceStatus::SelfReported,
                    used: false,
                },
            );
        }
        Weighed { items, conflicts }
    }
}

/// A sentence of `[evidence_wording]` with its placeholders filled.
fn fill(template: &str, answer: &str, reported: &str, measured: &str, evidence: &str) -> String {
    template
        .replace("{answer}", answer)
        .replace("{reported}", reported)
        .replace("{measured}", measured)
        .replace("{evidence}", evidence)
}
