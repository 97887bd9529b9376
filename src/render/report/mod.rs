//! The decision record of `idpfit report`, laid out in the format the user picked: Markdown for
//! a pull request or wiki, or one self-contained HTML page with charts.
//!
//! Every format reads the same [`DecisionRecord`] and the same sentences from [`words`], in
//! the same section order, so the formats never disagree; each only lays them out and escapes
//! what comes from the answers or the data files.

pub mod html;
pub mod markdown;
pub mod words;

use clap::ValueEnum;

use crate::report::DecisionRecord;

/// Formats of `idpfit report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown for a pull request, a CI job summary or a wiki.
    Markdown,
    /// One self-contained HTML page with charts, for a browser or print.
    Html,
}

impl ReportFormat {
    /// The format a file name asks for: HTML for `.html` and `.htm`, Markdown otherwise.
    pub fn for_path(path: &std::path::Path) -> ReportFormat {
        let html = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
        if html {
            ReportFormat::Html
        } else {
            ReportFormat::Markdown
        }
    }
}

/// Renders `record` in `format`.
pub fn render(format: ReportFormat, record: &DecisionRecord<'_>) -> String {
    match format {
        ReportFormat::Markdown => markdown::render(record),
        ReportFormat::Html => html::render(record),
    }
}
