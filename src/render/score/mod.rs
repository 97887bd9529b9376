//! The result of `idpfit score` (and the result view at the end of `idpfit assess`): one
//! [`Assessment`] in, a `String` out, in the format the user picked.
//!
//! Every format lists sections in the same order (recommendation, options, dimensions, reasons,
//! blockers, contradictions, exclusions, open questions, advice, unknowns, missing answers,
//! evidence from a scan, what would change it) and takes lists in the order the assessment keeps them, so output is stable byte for
//! byte. The table and Markdown show the top of long lists; JSON carries everything. No
//! renderer here computes anything the assessment does not carry.

pub mod json;
pub mod markdown;
pub mod table;

use clap::ValueEnum;

use super::Style;
use crate::engine::{Assessment, Counterfactual, EvidenceItem, EvidenceStatus};
use crate::model::Recommendation;

/// Output formats of `idpfit score`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    /// Human-readable tables for a terminal.
    Table,
    /// Machine-readable JSON (one object per line when scoring several files).
    Json,
    /// Markdown for a pull-request comment or CI job summary.
    Markdown,
}

/// Renders one assessment of `file` in `format`. JSON is pretty-printed here; see
/// [`render_part`] and [`join`] for several files.
pub fn render(format: ScoreFormat, file: &str, assessment: &Assessment, style: Style) -> String {
    match format {
        ScoreFormat::Table => table::render(file, assessment, style),
        ScoreFormat::Json => json::render_pretty(file, assessment),
        ScoreFormat::Markdown => markdown::render(file, assessment),
    }
}

/// One file's part of `score`'s output, so that files can be rendered side by side; [`join`]
/// puts the parts together.
pub fn render_part(
    format: ScoreFormat,
    file: &str,
    assessment: &Assessment,
    json_lines: bool,
    style: Style,
) -> String {
    match format {
        ScoreFormat::Json if json_lines => json::render_line(file, assessment),
        format => render(format, file, assessment, style),
    }
}

/// The output for several files from the parts [`render_part`] made, in the order given:
/// tables and Markdown one after the other with a blank line between; JSON pretty-printed, or
/// with `json_lines` one compact object per line. `score` asks for JSON Lines whenever it was
/// given several files, even if only one of them loaded, so the shape of its output depends
/// only on the command line.
pub fn join(format: ScoreFormat, json_lines: bool, parts: &[String]) -> String {
    let separator = match format {
        ScoreFormat::Json if json_lines => "",
        _ => "\n",
    };
    parts.join(separator)
}

/// Counterfactuals listed by `score`'s table and Markdown; `idpfit report` and JSON carry
/// them all.
pub const SHOWN_CHANGES: usize = 6;

/// The counterfactual sentences `score` shows: changes to another option first, then those
/// that would trip the readiness gate, at most [`SHOWN_CHANGES`]; and how many are left out.
pub fn what_if_lines(counterfactuals: &[Counterfactual]) -> (Vec<&str>, usize) {
    let mut changes: Vec<&Counterfactual> = counterfactuals.iter().collect();
    changes.sort_by_key(|c| c.recommendation == Recommendation::NotReady);
    let shown = changes
        .iter()
        .take(SHOWN_CHANGES)
        .map(|c| c.summary.as_str())
        .collect();
    (shown, changes.len().saturating_sub(SHOWN_CHANGES))
}

/// Said when no change to one or two answers flips the recommendation.
pub const NO_COUNTERFACTUAL: &str = "No change to one or two answers gives another recommendation.";

/// How many rationale lines the human formats show; JSON carries them all.
pub const TOP_REASONS: usize = 8;

/// One group of the evidence summary: how its answers stand against the scan, and the answers.
pub struct EvidenceGroup<'a> {
    pub label: &'static str,
    pub answers: Vec<EvidenceAnswer<'a>>,
}

/// An answer in the evidence summary, and its values where they say something.
pub struct EvidenceAnswer<'a> {
    pub id: &'a str,
    /// `= value`, `(answered X, measured Y)`, or empty.
    pub detail: String,
}

/// The evidence summary the table and Markdown show (when the assessment has evidence): the
/// answers the scan measured or looked for, grouped by how they stand, groups without answers
/// left out. JSON and the decision record carry every evidence line.
pub fn evidence_groups(assessment: &Assessment) -> Vec<EvidenceGroup<'_>> {
    let Some(evidence) = &assessment.evidence else {
        return Vec::new();
    };
    Standing::ALL
        .into_iter()
        .map(|standing| EvidenceGroup {
            label: standing.label(),
            answers: evidence
                .iter()
                .filter(|(_, item)| Standing::of(item) == standing)
                .map(|(id, item)| EvidenceAnswer {
                    id,
                    detail: evidence_detail(item),
                })
                .collect(),
        })
        .filter(|group| !group.answers.is_empty())
        .collect()
}

/// How an answer stands against the scan, as the summary groups them, in the order shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Standing {
    Contradicted,
    Taken,
    Confirmed,
    NotScored,
    NotMeasured,
}

impl Standing {
    const ALL: [Standing; 5] = [
        Standing::Contradicted,
        Standing::Taken,
        Standing::Confirmed,
        Standing::NotScored,
        Standing::NotMeasured,
    ];

    fn of(item: &EvidenceItem) -> Standing {
        let unanswered = item.self_reported.is_null()
            || item.self_reported.as_str() == Some(crate::model::UNKNOWN);
        match item.status {
            EvidenceStatus::Conflicting => Standing::Contradicted,
            EvidenceStatus::SelfReported => Standing::NotMeasured,
            EvidenceStatus::Measured if item.used => Standing::Taken,
            EvidenceStatus::Measured if unanswered => Standing::NotScored,
            EvidenceStatus::Measured => Standing::Confirmed,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Standing::Contradicted => "Contradicted by the scan (listed with the contradictions)",
            Standing::Taken => "Taken from the scan, as the answers leave them unknown",
            Standing::Confirmed => "Confirmed by the scan",
            Standing::NotScored => {
                "Measured, not scored: the question does not apply to the answers"
            }
            Standing::NotMeasured => "Not measured by the scan, so as answered",
        }
    }
}

/// An evidence item's values in a few words: the one value when there is one to show, both
/// when they differ.
fn evidence_detail(item: &EvidenceItem) -> String {
    let plain = |value: &serde_json::Value| match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    match (&item.self_reported, &item.measured) {
        (_, serde_json::Value::Null) => String::new(),
        (reported, measured) if item.used || reported.is_null() || reported == measured => {
            format!("= {}", plain(measured))
        }
        (reported, measured) => format!(
            "(answered {}, measured {})",
            plain(reported),
            plain(measured)
        ),
    }
}
