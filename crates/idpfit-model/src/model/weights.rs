//! The scoring model as checked data, bound to one questionnaire: how each answer moves each
//! option (Backstage, Port, hybrid) and which of the four dimensions it counts toward; which
//! answers exclude an option outright; which answers block a decision (the readiness gate);
//! which weak answers are findings (on the five core questions, or on readiness) and what they do
//! to the confidence; which answers contradict each other; and which combinations deserve a
//! piece of advice.
//!
//! Question and choice references are indices into the questionnaire. Reading and checking a
//! weights file is [`crate::load::weights`]'s job; applying the model is the engine's. The
//! only arithmetic here is reading a value's points (a case, or a point on a curve); adding them
//! up is the engine's.

use serde::{Deserialize, Serialize};

use super::condition::Condition;
use super::domain::{Confidence, Dimension, Portal};
use super::value::{AsSlot, Slot};

/// A checked scoring model, bound to one questionnaire.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Weights {
    pub name: String,
    pub description: String,
    /// Per dimension, indexed by [`Dimension::index`].
    pub dimensions: [DimensionWeights; 4],
    pub thresholds: Thresholds,
    pub confidence_wording: ConfidenceWording,
    pub evidence_wording: EvidenceWording,
    pub effects: Vec<Effect>,
    pub exclusions: Vec<Exclusion>,
    pub blockers: Vec<BlockerRule>,
    pub findings: Vec<FindingRule>,
    pub inconsistencies: Vec<InconsistencyRule>,
    pub advice: Vec<AdviceRule>,
    /// Finding used for an unknown answer to a question that serves a core question.
    pub unknown_finding: String,
    /// Message of a blocker that fires because an answer it reads is unknown.
    pub unknown_blocker: String,
    /// Why an effect whose answer is unknown counts as it does.
    pub unknown_effect: String,
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

/// Cut-offs for lean bands and confidence.
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
    /// A leaning option scoring below this fits only because the others fit worse: the
    /// confidence is at most medium.
    pub hollow_fit: f64,
    /// Share of weight perturbations below which the confidence is at most medium ...
    pub robust_high: f64,
    /// ... and below which it is low.
    pub robust_medium: f64,
}

/// The sentences that say why the confidence is what it is. `{leaning}` and `{rival}` stand
/// for option names, `{margin}` and `{score}` for score points, `{share}` for a percentage.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ConfidenceWording {
    /// The leaning option's lead over its closest rival.
    pub margin: String,
    /// Only one option is left.
    pub only_option: String,
    /// The leaning option's own score is below `hollow_fit`.
    pub hollow: String,
    /// Robustness below `robust_high`.
    pub fragile: String,
    /// Some combination of unknown answers gives another recommendation.
    pub unknowns: String,
    /// Answers contradict each other; `{count}` is how many contradictions were found.
    pub inconsistent: String,
    /// The recommendation is "not yet": what the confidence is about then.
    pub not_ready: String,
}

/// Sentences about answers measured by `idpfit scan` and passed with `--evidence`. `{answer}`
/// is the question's id, `{reported}` and `{measured}` the answer given and the measured value
/// as an answers file writes them, `{evidence}` the first line of the scan's evidence for it.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct EvidenceWording {
    /// A measured value contradicts the answer given: the message of its inconsistency.
    pub conflict: String,
    /// The answers leave the question unknown or unanswered, so the measured value is scored.
    pub filled: String,
    /// The answers leave the question out because it does not apply to them, so the measured
    /// value is not scored.
    pub not_applicable: String,
}

impl EvidenceWording {
    /// The placeholders its sentences may use.
    pub const PLACEHOLDERS: [&'static str; 4] = ["answer", "reported", "measured", "evidence"];
}

/// How one answer moves the options.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Effect {
    pub question: usize,
    pub dimension: Option<Dimension>,
    /// The effect applies only when this holds (e.g. switching costs only for a current portal).
    pub when: Option<Condition>,
    /// The effect's points are multiplied by a factor read from another answer.
    pub scale: Option<Scale>,
    pub points: Points,
}

/// An effect's points: per value of a choice, yes/no or text answer, or along a curve for a
/// number.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Points {
    Cases(Vec<Case>),
    /// Anchors in ascending order of `at`; linear between them, flat beyond the ends.
    Curve(Vec<Anchor>),
}

/// Points for one value of an answer.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Case {
    pub matcher: Matcher,
    /// Indexed by [`Portal::index`]; before the dimension weight.
    pub points: [f64; 3],
    /// Why the answer moves the options this way; shown as the rationale's effect.
    pub why: String,
}

/// One named point of a curve.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Anchor {
    pub at: f64,
    /// Indexed by [`Portal::index`]; before the dimension weight.
    pub points: [f64; 3],
    /// Explains values from this anchor up to the next.
    pub why: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Matcher {
    Choice(usize),
    Flag(bool),
    Empty(bool),
}

/// A factor read from an answer: along a curve for a number, per choice for a choice.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Scale {
    pub question: usize,
    pub factor: Factor,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Factor {
    /// `(at, factor)` pairs in ascending order of `at`; linear between, flat beyond the ends.
    Curve(Vec<(f64, f64)>),
    /// One factor per choice, indexed like the question's choices.
    Choices(Vec<f64>),
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

impl ExclusionRule {
    pub fn condition(&self) -> &Condition {
        match self {
            ExclusionRule::When(c) | ExclusionRule::Unless(c) => c,
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BlockerRule {
    pub id: String,
    /// The blocker in a few words, for headings.
    pub title: String,
    pub when: Condition,
    pub message: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FindingRule {
    /// The core question (1-5) the finding is about; `None` for findings about readiness.
    pub question: Option<u8>,
    /// The answer the finding is about, for the rationale link.
    pub answer: usize,
    pub when: Condition,
    pub finding: String,
    /// What the finding does to the confidence, if anything.
    pub confidence: Option<ConfidenceEffect>,
}

/// How a finding or a contradiction weighs on the confidence.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum ConfidenceEffect {
    /// One or more steps lower (high, medium, low), never below low.
    Lower(u8),
    /// At most this level.
    AtMost(Confidence),
}

/// Answers that cannot all be true together.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct InconsistencyRule {
    /// The answers involved: exactly the questions `when` reads.
    pub answers: Vec<usize>,
    pub when: Condition,
    pub message: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AdviceRule {
    pub id: String,
    pub when: Option<Condition>,
    /// Fires only when the leaning option is one of these (empty: any).
    pub leaning: Vec<Portal>,
    pub message: String,
}

impl Points {
    /// The points for a concrete value before any weight or scale, with the sentence that
    /// explains them; `None` when the effect gives nothing for this value.
    pub fn at<S: AsSlot>(&self, value: &S) -> Option<([f64; 3], &str)> {
        match (self, value.slot()) {
            (Points::Cases(cases), slot) => cases
                .iter()
                .find(|case| case.matcher.matches(slot))
                .map(|case| (case.points, case.why.as_str())),
            (Points::Curve(anchors), Slot::Number(x)) => {
                let (low, high, t) = segment(anchors.iter().map(|a| a.at), x)?;
                let (a, b) = (&anchors[low], &anchors[high]);
                let points = std::array::from_fn(|i| a.points[i] + t * (b.points[i] - a.points[i]));
                Some((points, a.why.as_str()))
            }
            _ => None,
        }
    }

    /// Every value at which the points change slope or step: the anchors of a curve.
    pub fn breakpoints(&self) -> impl Iterator<Item = f64> + '_ {
        let anchors = match self {
            Points::Curve(anchors) => anchors.as_slice(),
            Points::Cases(_) => &[],
        };
        anchors.iter().map(|a| a.at)
    }

    fn scale_by(&mut self, factor: f64) {
        match self {
            Points::Cases(cases) => cases
                .iter_mut()
                .for_each(|c| c.points = c.points.map(|p| p * factor)),
            Points::Curve(anchors) => anchors
                .iter_mut()
                .for_each(|a| a.points = a.points.map(|p| p * factor)),
        }
    }
}

impl Matcher {
    pub fn matches(&self, slot: Slot) -> bool {
        match (self, slot) {
            (Matcher::Choice(c), Slot::Choice(v)) => *c == v,
            (Matcher::Flag(f), Slot::Bool(b)) => *f == b,
            (Matcher::Empty(e), Slot::Text { empty }) => *e == empty,
            _ => false,
        }
    }
}

impl Factor {
    /// The factor for a concrete value; `None` when the value cannot be read (unknown, or not
    /// the kind of value the scale reads).
    pub fn at(&self, slot: Slot) -> Option<f64> {
        match (self, slot) {
            (Factor::Curve(points), Slot::Number(x)) => {
                let (low, high, t) = segment(points.iter().map(|p| p.0), x)?;
                Some(points[low].1 + t * (points[high].1 - points[low].1))
            }
            (Factor::Choices(factors), Slot::Choice(c)) => factors.get(c).copied(),
            _ => None,
        }
    }

    /// Values at which the factor changes slope.
    pub fn breakpoints(&self) -> impl Iterator<Item = f64> + '_ {
        let points = match self {
            Factor::Curve(points) => points.as_slice(),
            Factor::Choices(_) => &[],
        };
        points.iter().map(|p| p.0)
    }
}

/// Where `x` falls among ascending anchor positions: the anchors it lies between and how far
/// along (0-1). Outside the ends, the nearest end with no slope: a curve is flat beyond its
/// first and last anchor.
fn segment(positions: impl Iterator<Item = f64> + Clone, x: f64) -> Option<(usize, usize, f64)> {
    let count = positions.clone().count();
    let last = count.checked_sub(1)?;
    let after = positions.clone().take_while(|&at| at <= x).count();
    Some(match after {
        0 => (0, 0, 0.0),
        n if n > last => (last, last, 0.0),
        n => {
            let (low, high) = (n - 1, n);
            let mut at = positions.skip(low);
            let (a, b) = (at.next().unwrap_or(x), at.next().unwrap_or(x));
            let t = if b > a { (x - a) / (b - a) } else { 0.0 };
            (low, high, t)
        }
    })
}

impl Weights {
    /// A copy with every effect's points multiplied by `factor`. Scores share one scale, set
    /// by the lowest and highest totals the points allow, so a positive common factor changes
    /// no score, lean or recommendation; a model can be written on whatever scale reads best.
    pub fn scaled(&self, factor: f64) -> Weights {
        let mut scaled = self.clone();
        scaled
            .effects
            .iter_mut()
            .for_each(|e| e.points.scale_by(factor));
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

impl Effect {
    /// Every question the effect reads: its answer, its `when` condition's answers and its
    /// scale's answer, without repeats, in that order.
    pub fn reads(&self) -> Vec<usize> {
        let mut out = vec![self.question];
        out.extend(self.when.iter().flat_map(Condition::questions));
        out.extend(self.scale.as_ref().map(|s| s.question));
        let mut seen = Vec::new();
        out.retain(|q| {
            let new = !seen.contains(q);
            seen.push(*q);
            new
        });
        out
    }
}

/// The `{...}` names in a message, in order.
pub fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn curve(points: &[(f64, f64)]) -> Points {
        Points::Curve(
            points
                .iter()
                .map(|&(at, p)| Anchor {
                    at,
                    points: [p, -p, 0.0],
                    why: format!("from {at}"),
                })
                .collect(),
        )
    }

    #[test]
    fn a_curve_interpolates_between_anchors_and_is_flat_beyond_them() {
        let points = curve(&[(0.0, -10.0), (2.0, 10.0), (4.0, 12.0)]);
        let at = |x: f64| {
            points
                .at(&Slot::Number(x))
                .map(|(p, why)| (p[0], why.to_string()))
        };
        assert_eq!(at(-1.0), Some((-10.0, "from 0".into())));
        assert_eq!(at(0.0), Some((-10.0, "from 0".into())));
        assert_eq!(at(1.0), Some((0.0, "from 0".into())));
        assert_eq!(at(1.99).map(|(p, _)| (p * 100.0).round()), Some(990.0));
        assert_eq!(at(2.0), Some((10.0, "from 2".into())));
        assert_eq!(at(3.0), Some((11.0, "from 2".into())));
        assert_eq!(at(4.0), Some((12.0, "from 4".into())));
        assert_eq!(at(400.0), Some((12.0, "from 4".into())));
        assert_eq!(points.at(&Slot::Unknown), None);
    }

    #[test]
    fn a_scale_reads_a_curve_or_a_choice() {
        let curve = Factor::Curve(vec![(0.0, 0.0), (2.0, 1.0)]);
        assert_eq!(curve.at(Slot::Number(1.0)), Some(0.5));
        assert_eq!(curve.at(Slot::Number(5.0)), Some(1.0));
        assert_eq!(curve.at(Slot::Unknown), None);
        let choices = Factor::Choices(vec![1.0, 0.5]);
        assert_eq!(choices.at(Slot::Choice(1)), Some(0.5));
        assert_eq!(choices.at(Slot::Choice(2)), None);
    }
}
