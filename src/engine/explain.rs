//! The words of an assessment: the confidence sentence, each dimension's explanation, the
//! rationale lines, exclusions, blockers, open questions and advice, each filled in from the
//! weights' messages and pointing at the answer that caused it.
//!
//! It reads what [`super::score`] computed and adds no arithmetic of its own beyond putting
//! points in score units.

use super::score::round1;
use super::{
    Advice, Blocker, DimensionLean, Evaluation, Exclusion, Model, OpenQuestion, Rationale,
    Resolved, Scores,
};
use crate::model::weights::Thresholds;
use crate::model::{Confidence, Dimension, Portal, Value};

impl Model<'_> {
    pub(super) fn confidence(&self, evaluation: &Evaluation, holds: bool) -> (Confidence, String) {
        let t: &Thresholds = &self.weights.thresholds;
        let leaning = evaluation.leaning;
        let score = evaluation.scores[leaning.index()];
        let (level, mut reason) = if evaluation.eligible_count() >= 2 {
            let margin = score - evaluation.scores[evaluation.rival.index()];
            let level = if margin >= t.high_margin {
                Confidence::High
            } else if margin >= t.medium_margin {
                Confidence::Medium
            } else {
                Confidence::Low
            };
            (
                level,
                format!(
                    "{} leads {} by {:.1} points.",
                    leaning.name(),
                    evaluation.rival.name(),
                    margin
                ),
            )
        } else {
            let level = if score >= t.single_option_high {
                Confidence::High
            } else if score >= t.single_option_medium {
                Confidence::Medium
            } else {
                Confidence::Low
            };
            (
                level,
                format!(
                    "{} is the only option left; it fits at {:.1} of 100.",
                    leaning.name(),
                    score
                ),
            )
        };
        if holds {
            (level, reason)
        } else {
            reason.push_str(" Lowered: an unknown answer could change the recommendation.");
            (level.lowered(), reason)
        }
    }

    pub(super) fn dimensions(
        &self,
        evaluation: &Evaluation,
        values: &[Value],
    ) -> Vec<DimensionLean> {
        let t = &self.weights.thresholds;
        Dimension::ALL
            .iter()
            .map(|&dimension| {
                let lean = evaluation.leans[dimension.index()];
                let weights = self.weights.dimension(dimension);
                let summary = &weights.summary;
                let sentence = if lean >= t.strong_lean {
                    &summary.strong_backstage
                } else if lean >= t.clear_lean {
                    &summary.backstage
                } else if lean > -t.clear_lean {
                    &summary.neutral
                } else if lean > -t.strong_lean {
                    &summary.port
                } else {
                    &summary.strong_port
                };
                let driver = self.main_driver(evaluation, dimension, lean, values);
                let explanation = match driver {
                    Some(driver) => format!("{sentence} Main driver: {driver}."),
                    None => sentence.clone(),
                };
                DimensionLean {
                    id: dimension,
                    title: weights.title.clone(),
                    lean: lean.round() as i32,
                    explanation,
                }
            })
            .collect()
    }

    /// The answer that pushed this dimension hardest in the direction it leans.
    fn main_driver(
        &self,
        evaluation: &Evaluation,
        dimension: Dimension,
        lean: f64,
        values: &[Value],
    ) -> Option<String> {
        let direction = if lean >= 0.0 { 1.0 } else { -1.0 };
        evaluation
            .contributions
            .iter()
            .filter(|(i, _)| self.weights.effects[*i].dimension == Some(dimension))
            .map(|(i, p)| (*i, (p[0] - p[1]) * direction))
            .filter(|(_, push)| *push > 0.0)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(i, _)| {
                let question = &self.questionnaire.questions[self.weights.effects[i].question];
                format!(
                    "{} = {}",
                    question.id,
                    question.display(&values[self.weights.effects[i].question])
                )
            })
    }

    pub(super) fn blockers(&self, evaluation: &Evaluation, values: &[Value]) -> Vec<Blocker> {
        evaluation
            .blockers
            .iter()
            .map(|&i| {
                let rule = &self.weights.blockers[i];
                Blocker {
                    id: rule.id.clone(),
                    message: self.fill(&rule.message, values),
                }
            })
            .collect()
    }

    pub(super) fn exclusions(&self, evaluation: &Evaluation, values: &[Value]) -> Vec<Exclusion> {
        Portal::ALL
            .iter()
            .filter_map(|&option| {
                evaluation.excluded[option.index()].map(|rule| Exclusion {
                    option,
                    reason: self.fill(&self.weights.exclusions[rule].reason, values),
                })
            })
            .collect()
    }

    pub(super) fn rationale(&self, evaluation: &Evaluation, values: &[Value]) -> Vec<Rationale> {
        let leaning = evaluation.leaning.index();
        let rival = evaluation.rival.index();
        let mut lines: Vec<Rationale> = evaluation
            .contributions
            .iter()
            .filter(|(_, points)| points.iter().any(|p| p.abs() > 1e-9))
            .map(|&(index, points)| {
                let effect = &self.weights.effects[index];
                let question = &self.questionnaire.questions[effect.question];
                let value = &values[effect.question];
                let in_score = Portal::ALL.map(|p| self.to_score_units(p, points[p.index()]));
                let why = match effect.case_for(value) {
                    Some(case) => self.fill(&case.why, values),
                    None => {
                        "Not known: counted at the average of what its possible answers would do."
                            .to_string()
                    }
                };
                Rationale {
                    answer: question.id.clone(),
                    value: question.display(value),
                    effect: why,
                    points: round1(in_score[leaning] - in_score[rival]),
                    options: Scores::from_array(in_score.map(round1)),
                    dimension: effect.dimension,
                }
            })
            .collect();
        lines.sort_by(|a, b| {
            b.points
                .abs()
                .total_cmp(&a.points.abs())
                .then_with(|| a.answer.cmp(&b.answer))
        });
        lines
    }

    pub(super) fn open_questions(&self, resolved: &Resolved) -> Vec<OpenQuestion> {
        let values = &resolved.values;
        let mut items: Vec<(u8, usize, OpenQuestion)> = Vec::new();
        for (order, rule) in self.weights.findings.iter().enumerate() {
            if rule.when.holds(values) {
                items.push((
                    rule.question,
                    order,
                    OpenQuestion {
                        question: Some(rule.question),
                        answer: self.questionnaire.questions[rule.answer].id.clone(),
                        finding: self.fill(&rule.finding, values),
                    },
                ));
            }
        }
        let base = self.weights.findings.len();
        for (order, &index) in resolved.open.iter().enumerate() {
            let question = &self.questionnaire.questions[index];
            let core = question.serves.first().copied();
            items.push((
                core.unwrap_or(u8::MAX),
                base + order,
                OpenQuestion {
                    question: core,
                    answer: question.id.clone(),
                    finding: self
                        .weights
                        .unknown_finding
                        .replace("{question}", &question.prompt),
                },
            ));
        }
        items.sort_by_key(|(number, order, _)| (*number, *order));
        items.into_iter().map(|(_, _, item)| item).collect()
    }

    pub(super) fn advice(&self, evaluation: &Evaluation, values: &[Value]) -> Vec<Advice> {
        self.weights
            .advice
            .iter()
            .filter(|rule| rule.leaning.is_empty() || rule.leaning.contains(&evaluation.leaning))
            .filter(|rule| rule.when.as_ref().is_none_or(|c| c.holds(values)))
            .map(|rule| Advice {
                id: rule.id.clone(),
                message: self.fill(&rule.message, values),
            })
            .collect()
    }

    /// Replaces `{section.key}` in a message with that answer.
    pub(super) fn fill(&self, text: &str, values: &[Value]) -> String {
        let mut out = text.to_string();
        for name in crate::model::weights::placeholders(text) {
            if let Some(index) = self.questionnaire.index_of(name) {
                let question = &self.questionnaire.questions[index];
                out = out.replace(&format!("{{{name}}}"), &question.display(&values[index]));
            }
        }
        out
    }
}
