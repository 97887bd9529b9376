//! The scoring model as checked data, bound to one questionnaire: how each answer moves each
//! option (Backstage, Port, hybrid) and which of the four dimensions it counts toward; which
//! answers exclude an option outright; which answers block a decision (the readiness gate);
//! which weak answers are findings on the five core questions; and which combinations deserve a
//! piece of advice.
//!
//! Question and choice references are indices into the questionnaire. Reading and checking a
//! weights file is [`crate::load::weights`]'s job; applying the model is the engine's. No
//! arithmetic lives here beyond looking up a case and scaling the points.

use serde::{Deserialize, Serialize};

use super::condition::Condition;
use super::domain::{Dimension, Portal};
use super::value::Value;

/// A checked scoring model, bound to one questionnaire.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Weights {
    pub name: String,
    pub description: String,
    /// Per dimension, indexed by [`Dimension::index`].
    pub dimensions: [DimensionWeights; 4],
    pub thresholds: Thresholds,
    pub effects: Vec<Effect>,
    pub exclusions: Vec<Exclusion>,
    pub blockers: Vec<BlockerRule>,
    pub findings: Vec<FindingRule>,
    pub advice: Vec<AdviceRule>,
    /// Finding used for an unknown answer to a question that serves a core question.
    pub unknown_finding: String,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DimensionWeights {
    /// Multiplies the points of every effect counted toward this dimension.
    pub weight: f64,
    pub title: String,
    /// What the dimension asks, for reports.
    pub question: String,
    /// One sentence per lean band, used to explain the dimension's lean.
    pub summary: LeanSummaries,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LeanSummaries {
    pub strong_backstage: String,
    pub backstage: String,
    pub neutral: String,
    pub port: String,
    pub strong_port: String,
}

/// Cut-offs for lean bands and confidence, in score points.
#[derive(Clone, Copy, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// |lean| at or above which a dimension leans strongly.
    pub strong_lean: f64,
    /// |lean| at or above which a dimension leans at all.
    pub clear_lean: f64,
    /// Winning margin (score points) for high confidence.
    pub high_margin: f64,
    /// Winning margin for medium confidence.
    pub medium_margin: f64,
    /// When only one option is left, its own score needed for high confidence.
    pub single_option_high: f64,
    /// ... and for medium confidence.
    pub single_option_medium: f64,
}

/// How one answer moves the options.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Effect {
    pub question: usize,
    pub dimension: Option<Dimension>,
    /// The effect applies only when this holds (e.g. switching costs only for a current portal).
    pub when: Option<Condition>,
    pub cases: Vec<Case>,
}

/// Points for one value (or range of values) of an answer.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Case {
    pub matcher: Matcher,
    /// Indexed by [`Portal::index`]; before the dimension weight.
    pub points: [f64; 3],
    /// Why the answer moves the options this way; shown as the rationale's effect.
    pub why: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Matcher {
    Choice(usize),
    Flag(bool),
    Empty(bool),
    Range {
        at_least: Option<f64>,
        below: Option<f64>,
    },
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Exclusion {
    pub options: Vec<Portal>,
    pub rule: ExclusionRule,
    pub reason: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum ExclusionRule {
    When(Condition),
    Unless(Condition),
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BlockerRule {
    pub id: String,
    pub when: Condition,
    pub message: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FindingRule {
    pub question: u8,
    /// The answer the finding is about, for the rationale link.
    pub answer: usize,
    pub when: Condition,
    pub finding: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AdviceRule {
    pub id: String,
    pub when: Option<Condition>,
    /// Fires only when the leaning option is one of these (empty: any).
    pub leaning: Vec<Portal>,
    pub message: String,
}

impl Effect {
    /// The case matching a concrete value, if any.
    pub fn case_for(&self, value: &Value) -> Option<&Case> {
        self.cases.iter().find(|case| match (&case.matcher, value) {
            (Matcher::Choice(c), Value::Choice(v)) => c == v,
            (Matcher::Flag(f), Value::Bool(b)) => f == b,
            (Matcher::Empty(e), Value::Text(t)) => t.trim().is_empty() == *e,
            (Matcher::Range { at_least, below }, v) => v.as_f64().is_some_and(|n| {
                at_least.is_none_or(|lo| n >= lo) && below.is_none_or(|hi| n < hi)
            }),
            _ => false,
        })
    }
}

impl Weights {
    /// A copy with every effect's points multiplied by `factor`. Scores and leans are shares
    /// of the range the points make possible, so a positive common factor changes no score,
    /// lean or recommendation; a model can be written on whatever scale reads best.
    pub fn scaled(&self, factor: f64) -> Weights {
        let mut scaled = self.clone();
        for case in scaled.effects.iter_mut().flat_map(|e| e.cases.iter_mut()) {
            case.points = case.points.map(|p| p * factor);
        }
        scaled
    }

    pub fn dimension(&self, dimension: Dimension) -> &DimensionWeights {
        &self.dimensions[dimension.index()]
    }

    /// The multiplier an effect's points get: its dimension's weight, or 1 outside dimensions.
    pub fn multiplier(&self, effect: &Effect) -> f64 {
        effect
            .dimension
            .map_or(1.0, |d| self.dimensions[d.index()].weight)
    }
}

/// The `{...}` names in a message, in order.
pub fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}
