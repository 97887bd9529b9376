//! The decision record of `idpfit report`, laid out in the format the user picked: one
//! self-contained HTML page with charts, Markdown for a pull request or wiki, an architecture
//! decision record in MADR 4 form, or JSON for tools.
//!
//! Every format reads the same [`DecisionRecord`] and turns its phrases into text with
//! [`words::say`], so the formats never disagree and each sentence is worded once; each format
//! only lays the record out and escapes what comes from the answers or the data files.

pub mod adr;
pub mod html;
pub mod json;
pub mod markdown;
pub mod words;

use clap::ValueEnum;

use crate::report::DecisionRecord;

/// Formats of `idpfit report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML page with charts, for a browser or print.
    Html,
    /// Markdown for a pull request, a CI job summary or a wiki.
    Markdown,
    /// An architecture decision record (MADR 4), for log4brains and other ADR tools.
    Adr,
    /// The record as data (JSON), for tools.
    Json,
}

impl ReportFormat {
    /// The format a file name asks for: HTML for `.html` and `.htm`, JSON for `.json`,
    /// Markdown otherwise.
    pub fn for_path(path: &std::path::Path) -> ReportFormat {
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match extension.as_deref() {
            Some("html" | "htm") => ReportFormat::Html,
            Some("json") => ReportFormat::Json,
            _ => ReportFormat::Markdown,
        }
    }
}

/// Renders `record` in `format`.
pub fn render(format: ReportFormat, record: &DecisionRecord<'_>) -> String {
    match format {
        ReportFormat::Html => html::render(record),
        ReportFormat::Markdown => markdown::render(record),
        ReportFormat::Adr => adr::render(record),
        ReportFormat::Json => json::render(record),
    }
}
