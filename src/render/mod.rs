//! Renderers: a value in, a `String` out. Nothing here reads files, prints, or decides where
//! output goes; the CLI does.
//!
//! - [`score`]: an assessment, as a table, Markdown or JSON;
//! - [`report`]: the decision record, as Markdown or HTML;
//! - [`teams`]: the reports of `aggregate` and `diff`, and the combined answers file;
//! - [`scan`]: what `idpfit scan` measured, as a table, JSON or a partial answers file;
//! - [`answers`], [`template`], [`schema`], [`listing`]: answers files, the fill-in template,
//!   the answers file's JSON Schema, and the listings of questions and presets;
//! - [`text`]: the one place numbers, wrapping and escaping are shaped for people;
//! - [`json`]: the one serializer every JSON output goes through (keys sorted at every level).
//!
//! Each command family has one format enum (`clap` `ValueEnum`), and each of its values maps
//! to one renderer.

pub mod answers;
pub mod json;
pub mod listing;
pub mod report;
pub mod scan;
pub mod schema;
pub mod score;
pub mod teams;
pub mod template;
pub mod text;

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
