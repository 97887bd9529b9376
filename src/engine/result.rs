//! The result of an assessment: the value renderers turn into tables, JSON, Markdown and HTML.
//!
//! Field names are the JSON contract of SPEC §4. Fields of every struct here are declared in
//! alphabetical order, because serde writes them in declaration order and JSON output promises
//! sorted keys (a test walks the output to hold us to it). Lists are in a documented, stable
//! order, so the same inputs always render to the same bytes. These types compute nothing: the
//! engine fills them and renderers read them.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Confidence, Dimension, Portal, Recommendation};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assessment {
    /// In the order the weights declare them.
    pub advice: Vec<Advice>,
    /// In the order the weights declare them.
    pub blockers: Vec<Blocker>,
    pub confidence: Confidence,
    /// Why the confidence is what it is: the margin, then every reason it was lowered or
    /// capped, one sentence each.
    pub confidence_reason: String,
    /// Context-only answers (`section.key` to value), reported but never scored.
    pub context: BTreeMap<String, String>,
    /// What-if: the smallest sets of changes to levers that give another recommendation;
    /// present only when the what-if analysis was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counterfactuals: Option<Vec<Counterfactual>>,
    /// In the order capacity, integrations, hosting, time.
    pub dimensions: Vec<DimensionLean>,
    /// With evidence (`--evidence`, the output of `idpfit scan`): each answer the scan
    /// measured, or looked for and could not measure, by `section.key`; absent without evidence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<BTreeMap<String, EvidenceItem>>,
    /// One entry per excluded option, in the order backstage, port, hybrid.
    pub excluded: Vec<Exclusion>,
    /// The answers file this came from, as the user named it. The engine never reads files and
    /// leaves this `None`; the caller that read the answers fills it in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Whether the recommendation is the same whatever the unknown answers turn out to be:
    /// true only when every combination of their values was shown to give it.
    pub holds_across_unknowns: bool,
    /// Answers that cannot all be true, in the order the weights declare the rules, then each
    /// measured value that contradicts its answer, in questionnaire order.
    pub inconsistencies: Vec<Inconsistency>,
    /// The best option that is not excluded, ignoring blockers.
    pub leaning: Portal,
    /// The share (0-1) of weight perturbations that keep the leaning.
    pub leaning_robustness: f64,
    /// Required answers absent from the file (only with --partial), in questionnaire order.
    pub missing: Vec<String>,
    /// By core question number (general items last), then in declaration order.
    pub open_questions: Vec<OpenQuestion>,
    /// Id of the questionnaire the answers belong to.
    pub questionnaire: String,
    /// Largest |points| first; ties by answer id.
    pub rationale: Vec<Rationale>,
    /// The option to choose, or `not_ready` when a blocker applies.
    pub recommendation: Recommendation,
    /// The share (0-1) of weight perturbations that keep the recommendation.
    pub robustness: f64,
    /// Support for each option on one common scale, 0-100, one decimal.
    pub scores: Scores,
    /// Each unknown (or, with --partial, missing) answer, in questionnaire order.
    pub unknowns: Vec<UnknownAnswer>,
    /// Name of the weights used.
    pub weights: String,
}

impl Assessment {
    /// The recommendation in a few words: "Port", or "Not yet (leaning Port)".
    pub fn headline(&self) -> String {
        match self.recommendation {
            Recommendation::NotReady => format!("Not yet (leaning {})", self.leaning.name()),
            other => other.name().to_string(),
        }
    }

    /// The organisation's name when the answers give one.
    pub fn organisation(&self) -> Option<&str> {
        self.context
            .get("organization.name")
            .map(String::as_str)
            .filter(|n| !n.trim().is_empty())
    }

    /// Options as results list them: those still possible first, best score first (ties in
    /// the engine's tie order), then the excluded ones, so an option that cannot be chosen
    /// never heads the list.
    pub fn options_by_score(&self) -> Vec<Portal> {
        let mut options = Portal::TIE_ORDER.to_vec();
        let excluded = |p: &Portal| self.excluded.iter().any(|e| e.option == *p);
        options.sort_by(|a, b| {
            excluded(a)
                .cmp(&excluded(b))
                .then(self.scores.get(*b).total_cmp(&self.scores.get(*a)))
        });
        options
    }

    /// Where an option stands in the result.
    pub fn status(&self, portal: Portal) -> OptionStatus {
        if self.excluded.iter().any(|e| e.option == portal) {
            OptionStatus::Excluded
        } else if portal != self.leaning {
            OptionStatus::Eligible
        } else if self.recommendation == Recommendation::NotReady {
            OptionStatus::LeaningBlocked
        } else {
            OptionStatus::Recommended
        }
    }
}

/// Where an option stands in an [`Assessment`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionStatus {
    /// The recommendation.
    Recommended,
    /// The leaning option, held back by a blocker.
    LeaningBlocked,
    /// Ruled out by an exclusion.
    Excluded,
    /// Still possible, but not the best.
    Eligible,
}

impl OptionStatus {
    /// The status as the result tables show it; empty for an eligible option.
    pub fn words(self) -> &'static str {
        match self {
            OptionStatus::Recommended => "recommended",
            OptionStatus::LeaningBlocked => "leaning (blocked)",
            OptionStatus::Excluded => "excluded",
            OptionStatus::Eligible => "",
        }
    }
}

/// A number per option.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Scores {
    pub backstage: f64,
    pub hybrid: f64,
    pub port: f64,
}

impl Scores {
    pub fn get(&self, portal: Portal) -> f64 {
        match portal {
            Portal::Backstage => self.backstage,
            Portal::Port => self.port,
            Portal::Hybrid => self.hybrid,
        }
    }

    /// From an array indexed by [`Portal::index`].
    pub fn from_array(values: [f64; 3]) -> Scores {
        Scores {
            backstage: values[Portal::Backstage.index()],
            hybrid: values[Portal::Hybrid.index()],
            port: values[Portal::Port.index()],
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DimensionLean {
    pub explanation: String,
    pub id: Dimension,
    /// -100 (all the way to Port) to 100 (all the way to Backstage).
    pub lean: i32,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Exclusion {
    pub option: Portal,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Blocker {
    /// The answers the blocker reads.
    pub answers: Vec<String>,
    pub id: String,
    /// `true` when the answers make it fire; `false` when it fires because an answer it reads
    /// is unknown and a weak answer there would block.
    pub known: bool,
    pub message: String,
    /// The blocker in a few words.
    pub title: String,
}

/// Answers that contradict each other.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Inconsistency {
    /// The answers involved, `section.key`, in the order the rule lists them.
    pub answers: Vec<String>,
    pub message: String,
}

/// One answer set beside what the scan found for it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EvidenceItem {
    /// What the measured value rests on (repository, file and count), or why the scan could
    /// not measure it.
    pub evidence: Vec<String>,
    /// The measured value as an answers file writes it; `null` when the scan could not measure
    /// it.
    pub measured: serde_json::Value,
    /// Why a measured value and an answer that differ from it still agree, why the measured
    /// value is scored, or why it is not; `null` when there is nothing to add.
    pub note: Option<String>,
    /// The answer as the file gives it (`"unknown"` included); `null` when the file leaves it
    /// out.
    pub self_reported: serde_json::Value,
    pub status: EvidenceStatus,
    /// Whether the assessment scored the measured value in place of the answer: only where the
    /// answers leave the question unknown or unanswered and it applies.
    pub used: bool,
}

/// Where an answer stands against the scan's evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceStatus {
    /// The scan measured it, and the answer agrees, or leaves it unknown.
    Measured,
    /// The scan looked for it and could not measure it: only the answer stands.
    SelfReported,
    /// The scan measured a value the answer contradicts.
    Conflicting,
}

impl EvidenceStatus {
    /// The status in words, for tables and records.
    pub fn words(self) -> &'static str {
        match self {
            EvidenceStatus::Measured => "measured",
            EvidenceStatus::SelfReported => "self-reported",
            EvidenceStatus::Conflicting => "conflicting",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rationale {
    /// The answer that caused this line, `section.key`.
    pub answer: String,
    /// The dimension it counts toward, if any.
    pub dimension: Option<Dimension>,
    /// Why it moves the options.
    pub effect: String,
    /// Score points it gave each option.
    pub options: Scores,
    /// Score points this answer put between the leaning option and its closest rival: positive
    /// for the leaning option, negative against it.
    pub points: f64,
    /// That answer as the file gives it.
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OpenQuestion {
    /// The answer the finding is about.
    pub answer: String,
    pub finding: String,
    /// Which of the five core questions (1-5); `null` for an open item outside them.
    pub question: Option<u8>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Advice {
    pub id: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UnknownAnswer {
    pub answer: String,
    /// Whether some value would change the recommendation.
    pub decisive: bool,
    /// What the recommendation becomes for each value the answer could take.
    pub outcomes: Vec<UnknownOutcome>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UnknownOutcome {
    pub recommendation: Recommendation,
    pub value: String,
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
