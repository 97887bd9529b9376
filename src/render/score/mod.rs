//! The result of `idpfit score` (and the result view at the end of `idpfit assess`): one
//! [`Assessment`] in, a `String` out, in the format the user picked.
//!
//! Every format lists sections in the same order (recommendation, options, dimensions, reasons,
//! blockers, exclusions, open questions, advice, unknowns, missing answers, what would change
//! it) and takes lists in the order the assessment keeps them, so output is stable byte for
//! byte. The table and Markdown show the top of long lists; JSON carries everything. No
//! renderer here computes anything the assessment does not carry.

pub mod json;
pub mod markdown;
pub mod table;

use clap::ValueEnum;

use super::Style;
use crate::engine::{Assessment, Counterfactual};
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
