//! Renderers: an [`Assessment`] in, a `String` out, one module per output format.
//!
//! Every renderer lists sections in the same order (recommendation, options, dimensions,
//! reasons, blockers, exclusions, open questions, advice, unknowns, missing answers) and takes
//! lists in the order the assessment keeps them, so output is stable byte for byte.

pub mod html;
pub mod json;
pub mod markdown;
pub mod report_markdown;
pub mod table;

use clap::ValueEnum;

use crate::domain::{Portal, Recommendation};
use crate::engine::Assessment;

/// Output formats of `idpfit score`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable tables for a terminal.
    Table,
    /// Machine-readable JSON (one object per line when scoring several files).
    Json,
    /// Markdown for a pull-request comment or CI job summary.
    Markdown,
}

/// Presentation choices that depend on where the output goes, decided by the CLI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    /// Use ANSI colours (a terminal, and `NO_COLOR` unset).
    pub color: bool,
    /// Wrap tables to this many columns.
    pub width: u16,
}

impl Default for Style {
    /// No colour, 100 columns: what pipes, files and snapshot tests get.
    fn default() -> Self {
        Style {
            color: false,
            width: 100,
        }
    }
}

/// Renders one assessment of `file` in `format`. JSON is pretty-printed here; see
/// [`json::render_line`] for one object per line.
pub fn render(format: Format, file: &str, assessment: &Assessment, style: Style) -> String {
    match format {
        Format::Table => table::render(file, assessment, style),
        Format::Json => json::render_pretty(file, assessment),
        Format::Markdown => markdown::render(file, assessment),
    }
}

/// Counterfactuals listed by `score`'s table and Markdown; `idpfit report` and JSON carry
/// them all.
pub const SHOWN_CHANGES: usize = 6;

/// The counterfactual sentences `score` shows: changes to another option first, then those
/// that would trip the readiness gate, at most [`SHOWN_CHANGES`]; and how many are left out.
pub fn what_if_lines(counterfactuals: &[crate::engine::Counterfactual]) -> (Vec<&str>, usize) {
    let mut changes: Vec<&crate::engine::Counterfactual> = counterfactuals.iter().collect();
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

/// A dimension lean in words: "Port 62", "Backstage 40", "balanced".
pub fn lean_words(lean: i32) -> String {
    match lean {
        l if l < 0 => format!("{} {}", Portal::Port.short_name(), -l),
        l if l > 0 => format!("{} {}", Portal::Backstage.short_name(), l),
        _ => "balanced".to_string(),
    }
}

/// A signed number with one decimal and an explicit sign: "+12.5", "-3.0".
pub fn signed(points: f64) -> String {
    format!("{points:+.1}")
}

/// Label for an open question's number: "Q2", or "—" for general items.
pub fn question_label(question: Option<u8>) -> String {
    question.map_or_else(|| "—".to_string(), |n| format!("Q{n}"))
}
