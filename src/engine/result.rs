//! The result of an assessment: the value renderers turn into tables, JSON, Markdown and HTML.
//!
//! Field names are the JSON contract of SPEC §4. Lists are in a documented, stable order, so
//! the same inputs always render to the same bytes.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::domain::{Confidence, Dimension, Portal, Recommendation};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assessment {
    /// Id of the questionnaire the answers belong to.
    pub questionnaire: String,
    /// Name of the weights used.
    pub weights: String,
    /// The option to choose, or `not_ready` when a blocker applies.
    pub recommendation: Recommendation,
    /// The best option that is not excluded, ignoring blockers.
    pub leaning: Portal,
    pub confidence: Confidence,
    /// Why the confidence is what it is, in one sentence.
    pub confidence_reason: String,
    /// Fit of each option, 0-100, one decimal.
    pub scores: Scores,
    /// In the order capacity, integrations, hosting, time.
    pub dimensions: Vec<DimensionLean>,
    /// One entry per excluded option, in the order backstage, port, hybrid.
    pub excluded: Vec<Exclusion>,
    /// In the order the weights declare them.
    pub blockers: Vec<Blocker>,
    /// Largest |points| first; ties by answer id.
    pub rationale: Vec<Rationale>,
    /// By core question number (general items last), then in declaration order.
    pub open_questions: Vec<OpenQuestion>,
    /// In the order the weights declare them.
    pub advice: Vec<Advice>,
    /// Each unknown (or, with --partial, missing) answer, in questionnaire order.
    pub unknowns: Vec<UnknownAnswer>,
    /// Whether the recommendation is the same whatever the unknown answers turn out to be.
    pub holds_across_unknowns: bool,
    /// Required answers absent from the file (only with --partial), in questionnaire order.
    pub missing: Vec<String>,
    /// Context-only answers (`section.key` to value), reported but never scored.
    pub context: BTreeMap<String, String>,
    /// What would change the recommendation: present when asked for (it costs far more than
    /// scoring), as the top-level keys `counterfactuals`, `robustness` and
    /// `leaning_robustness`.
    #[serde(flatten)]
    pub what_if: Option<WhatIf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Scores {
    pub backstage: f64,
    pub port: f64,
    pub hybrid: f64,
}

impl Scores {
    pub fn get(&self, portal: Portal) -> f64 {
        match portal {
            Portal::Backstage => self.backstage,
            Portal::Port => self.port,
            Portal::Hybrid => self.hybrid,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DimensionLean {
    pub id: Dimension,
    pub title: String,
    /// -100 (all the way to Port) to 100 (all the way to Backstage).
    pub lean: i32,
    pub explanation: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Exclusion {
    pub option: Portal,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Blocker {
    pub id: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rationale {
    /// The answer that caused this line, `section.key`.
    pub answer: String,
    /// That answer as the file gives it.
    pub value: String,
    /// Why it moves the options.
    pub effect: String,
    /// Score points this answer put between the leaning option and its closest rival: positive
    /// for the leaning option, negative against it.
    pub points: f64,
    /// Score points it gave each option.
    pub options: BTreeMap<Portal, f64>,
    /// The dimension it counts toward, if any.
    pub dimension: Option<Dimension>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OpenQuestion {
    /// Which of the five core questions (1-5); `null` for an open item outside them.
    pub question: Option<u8>,
    /// The answer the finding is about.
    pub answer: String,
    pub finding: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Advice {
    pub id: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UnknownAnswer {
    pub answer: String,
    /// What the recommendation becomes for each value the answer could take.
    pub outcomes: Vec<UnknownOutcome>,
    /// Whether some value would change the recommendation.
    pub decisive: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UnknownOutcome {
    pub value: String,
    pub recommendation: Recommendation,
}

/// What would change the recommendation, from [`crate::engine::Model::what_if`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WhatIf {
    /// The smallest sets of answer changes that give another recommendation: single answers
    /// first, then pairs, each size in questionnaire order.
    pub counterfactuals: Vec<Counterfactual>,
    /// Share (0-1) of random perturbations of the weights that keep the recommendation.
    pub robustness: f64,
    /// Share that keep the leaning; differs from `robustness` when a blocker holds the
    /// recommendation at `not_ready` whatever the weights.
    pub leaning_robustness: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Counterfactual {
    pub changes: Vec<Change>,
    /// What the recommendation would be with these changes.
    pub recommendation: Recommendation,
    /// The whole counterfactual as one sentence: "If ..., the recommendation would be ...".
    pub summary: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    /// `section.key`.
    pub answer: String,
    /// The answer now, as an answers file writes it.
    pub from: serde_json::Value,
    /// The answer that would change the recommendation, as an answers file writes it; a text
    /// answer that would merely need to be given is `"(any text)"`.
    pub to: serde_json::Value,
}
