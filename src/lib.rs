//! idpfit: an explainable readiness-and-fit assessment for choosing an internal developer
//! portal (Backstage, Port, a hybrid, or not yet).
//!
//! The layout follows the data's path through the tool:
//! - [`questionnaire`] and [`weights`]: the data files that define the questions and the
//!   scoring model, loaded and checked;
//! - [`answers`]: an answers file read into validated [`answers::Answers`] (and written back);
//! - [`engine`]: the pure scoring engine, answers and weights in, an assessment out;
//! - [`render`]: one renderer per output format, each returning a `String`;
//! - [`report`]: the decision record `idpfit report` renders as Markdown or HTML;
//! - [`template`]: the fill-in answers file and the question listing;
//! - [`assess`]: the interactive front end of `idpfit assess`, which only collects answers;
//! - [`aggregate`], [`diff`], [`gate`]: several respondents combined, two answers files
//!   compared, and the CI gates on a result;
//! - [`schema`], [`manual`], [`presets`], [`answer_json`]: the answers file's JSON Schema, man
//!   pages and completions, the built-in weight presets, and answers as JSON values;
//! - [`scan`]: answers measured in repositories on disk, with the rules kept in `detectors/`;
//! - [`cli`] and [`fsio`]: the command line and the only code that touches files.
//!
//! Only `cli` prints; everything else returns values, so tests can call it directly.

pub mod aggregate;
pub mod answer_json;
pub mod answers;
pub mod assess;
pub mod cli;
pub mod condition;
pub mod defaults;
pub mod diagnostic;
pub mod diff;
pub mod domain;
pub mod engine;
pub mod fsio;
pub mod gate;
pub mod manual;
pub mod presets;
pub mod questionnaire;
pub mod render;
pub mod report;
pub mod scan;
pub mod schema;
pub mod template;
pub mod value;
pub mod weights;

#[cfg(test)]
pub(crate) mod testing;
