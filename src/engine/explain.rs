//! The words of an assessment: the confidence and every reason for it, each dimension's
//! explanation, the rationale lines, exclusions, blockers, open questions, contradictions and
//! advice, each filled in from the weights' messages and pointing at the answers that caused
//! it.
//!
//! It reads what [`super::score`] computed and adds no arithmetic of its own beyond putting
//! points in score units and picking confidence levels from the thresholds.

use super::score::{Evaluation, round1};
use super::{
    Advice, Blocker, DimensionLean, Exclusion, Inconsistency, Model, OpenQuestion, Rationale,
    Resolved, Scores,
};
use crate::model::weights::ConfidenceEffect;
use crate::model::{Confidence, Dimension, Portal, Recommendation, Value};

impl Model<'_> {
    /// The confidence and why: the margin (or, with one option left, its own score), then each
    /// reason to doubt it, lowering or capping the level, every reason its own sentence.
    pub(super) fn confidence(
        &self,
        evaluation: &Evaluation,
        resolved: &Resolved,
        holds: bool,
        leaning_robustness: f64,
        inconsistencies: usize,
    ) -> (Confidence, String) {
        let t = &self.weights.thresholds;
        let words = &self.weights.confidence_wording;
        let leaning = evaluation.leaning;
        let score = evaluation.scores[leaning.index()];
        let fill = |text: &str| {
            text.replace("{leaning}", leaning.name())
                .replace("{rival}", evaluation.rival.name())
                .replace("{score}", &format!("{score:.1}"))
                .replace(
                    "{margin}",
                    &format!("{:.1}", score - evaluation.scores[evaluation.rival.index()]),
                )
                .replace("{share}", &format!("{:.0}%", leaning_robustness * 100.0))
        };
        let mut reasons = Vec::new();
        if evaluation.recommendation == Recommendation::NotReady {
            reasons.push(fill(&words.not_ready));
        }
        let mut level = if evaluation.eligible_count() >= 2 {
            reasons.push(fill(&words.margin));
            let margin = score - evaluation.scores[evaluation.rival.index()];
            level_for(margin, t.high_margin, t.medium_margin)
        } else {
            reasons.push(fill(&words.only_option));
            level_for(score, t.single_option_high, t.single_option_medium)
        };
        let mut apply = |effect: ConfidenceEffect, reason: String| {
            level = match effect {
                ConfidenceEffect::Lower(steps) => (0..steps).fold(level, |l, _| l.lowered()),
                ConfidenceEffect::AtMost(cap) => level.min(cap),
            };
            reasons.push(reason);
        };
        if score < t.hollow_fit {
            apply(
                ConfidenceEffect::AtMost(Confidence::Medium),
                fill(&words.hollow),
            );
        }
        if leaning_robustness < t.robust_medium {
            apply(
                ConfidenceEffect::AtMost(Confidence::Low),
                fill(&words.fragile),
            );
        } else if leaning_robustness < t.robust_high {
            apply(
                ConfidenceEffect::AtMost(Confidence::Medium),
                fill(&words.fragile),
            );
        }
        if !holds {
            apply(ConfidenceEffect::Lower(1), fill(&words.unknowns));
        }
        if inconsistencies > 0 {
            // Each contradiction lowers it a step: one may be a slip, several are a warning.
            let steps = u8::try_from(inconsistencies).unwrap_or(u8::MAX);
            let reason = fill(&words.inconsistent).replace("{count}", &inconsistencies.to_string());
            apply(ConfidenceEffect::Lower(steps), reason);
        }
        for rule in &self.weights.findings {
            if let Some(effect) = rule.confidence
                && rule.when.holds(&resolved.slots)
            {
                apply(effect, self.fill(&rule.finding, &resolved.values));
            }
        }
        (level, reasons.join(" "))
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

    /// Each blocker that fires, with its answers; one that fires because an answer it reads is
    /// unknown says which, in the weights' words for that.
    pub(super) fn blockers(&self, evaluation: &Evaluation, resolved: &Resolved) -> Vec<Blocker> {
        evaluation
            .blockers
            .iter()
            .map(|&(i, known)| {
                let rule = &self.weights.blockers[i];
                let mut read = rule.when.questions();
                read.sort_unstable();
                read.dedup();
                let message = if known {
                    self.fill(&rule.message, &resolved.values)
                } else {
                    let prompts: Vec<&str> = read
                        .iter()
                        .filter(|&&q| resolved.slots[q].is_unknown())
                        .map(|&q| self.questionnaire.questions[q].prompt.as_str())
                        .collect();
                    self.weights
                        .unknown_blocker
                        .replace("{question}", &prompts.join(" "))
                };
                Blocker {
                    answers: read
                        .iter()
                        .map(|&q| self.questionnaire.questions[q].id.clone())
                        .collect(),
                    id: rule.id.clone(),
                    known,
                    message,
                    title: self.fill(&rule.title, &resolved.values),
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

    /// Every answer that moved the scores, in score points: what it gave each option, and
    /// what it put between the leaning option and its rival; largest first.
    pub(super) fn rationale(&self, evaluation: &Evaluation, resolved: &Resolved) -> Vec<Rationale> {
        let leaning = evaluation.leaning.index();
        let rival = evaluation.rival.index();
        let k = self.margin_scale();
        let weights = self.dimension_weights();
        let values = &resolved.values;
        let mut lines: Vec<Rationale> = evaluation
            .contributions
            .iter()
            .filter(|(_, points)| points.iter().any(|p| p.abs() > 1e-9))
            .map(|&(index, points)| {
                let effect = &self.weights.effects[index];
                let question = &self.questionnaire.questions[effect.question];
                let value = &values[effect.question];
                let weight = effect.dimension.map_or(1.0, |d| weights[d.index()]);
                let in_score = points.map(|p| k * weight * p);
                let known = self.reads[index]
                    .iter()
                    .all(|&q| !resolved.slots[q].is_unknown());
                let why = match effect.points.at(&resolved.slots[effect.question]) {
                    Some((_, why)) if known => self.fill(why, values),
                    _ => self.weights.unknown_effect.clone(),
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

    /// Findings that fire and answers still open: by core question (findings about readiness,
    /// and open answers outside the five questions, last), then in declaration order.
    pub(super) fn open_questions(&self, resolved: &Resolved) -> Vec<OpenQuestion> {
        let values = &resolved.values;
        let mut items: Vec<(u8, usize, OpenQuestion)> = Vec::new();
        for (order, rule) in self.weights.findings.iter().enumerate() {
            if rule.when.holds(&resolved.slots) {
                items.push((
                    rule.question.unwrap_or(u8::MAX),
                    order,
                    OpenQuestion {
                        question: rule.question,
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

    /// The answers that contradict each other, rule by rule.
    pub(super) fn inconsistencies(&self, resolved: &Resolved) -> Vec<Inconsistency> {
        self.weights
            .inconsistencies
            .iter()
            .filter(|rule| rule.when.holds(&resolved.slots))
            .map(|rule| Inconsistency {
                answers: rule
                    .answers
                    .iter()
                    .map(|&q| self.questionnaire.questions[q].id.clone())
                    .collect(),
                message: self.fill(&rule.message, &resolved.values),
            })
            .collect()
    }

    pub(super) fn advice(&self, evaluation: &Evaluation, resolved: &Resolved) -> Vec<Advice> {
        self.weights
            .advice
            .iter()
            .filter(|rule| rule.leaning.is_empty() || rule.leaning.contains(&evaluation.leaning))
            .filter(|rule| rule.when.as_ref().is_none_or(|c| c.holds(&resolved.slots)))
            .map(|rule| Advice {
                id: rule.id.clone(),
                message: self.fill(&rule.message, &resolved.values),
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

/// High at or above `high`, medium at or above `medium`, else low.
fn level_for(value: f64, high: f64, medium: f64) -> Confidence {
    if value >= high {
        Confidence::High
    } else if value >= medium {
        Confidence::Medium
    } else {
        Confidence::Low
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_follow_the_thresholds() {
        assert_eq!(level_for(12.0, 10.0, 4.0), Confidence::High);
        assert_eq!(level_for(10.0, 10.0, 4.0), Confidence::High);
        assert_eq!(level_for(4.0, 10.0, 4.0), Confidence::Medium);
        assert_eq!(level_for(3.9, 10.0, 4.0), Confidence::Low);
    }
}
