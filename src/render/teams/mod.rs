//! The reports of `idpfit aggregate` and `idpfit diff`, as a terminal table, Markdown or JSON,
//! and the combined answers file `aggregate` writes.
//!
//! Both commands share one format enum, [`TeamFormat`]; each report builds its JSON form first
//! and the other formats read it, so they never disagree.

pub mod aggregate;
pub mod diff;

use clap::ValueEnum;

/// Formats of the `aggregate` and `diff` reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum TeamFormat {
    /// Human-readable tables for a terminal.
    #[default]
    Table,
    /// Machine-readable JSON.
    Json,
    /// Markdown for a pull-request comment or CI job summary.
    Markdown,
}
