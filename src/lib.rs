//! idpfit: an explainable readiness-and-fit assessment for choosing an internal developer
//! portal (Backstage, Port, a hybrid, or not yet).
//!
//! The layout follows the data's path through the tool; each module depends only on those
//! listed before it (a test, `tests/layout.rs`, holds the modules to that):
//! - [`model`] and [`load`] (the `idpfit-model` crate): the checked data (questionnaire,
//!   weights, answers) and the loader that reads it from TOML, collecting every problem;
//! - [`builtin`]: the questionnaire, weights and presets compiled into the binary;
//! - [`engine`]: the pure scoring engine, answers and weights in, an assessment out (with its
//!   explanation, unknowns, what-if analysis and CI gates);
//! - [`teams`]: several answers files at once: respondents combined, two files compared;
//! - [`scan`]: answers measured in repositories on disk (`idpfit scan`) by rules kept in
//!   `detectors/`; its walk and git history are the only reads outside `cli`, and it writes
//!   nothing;
//! - [`report`]: the decision record of `idpfit report`, as a view model;
//! - [`render`]: value in, `String` out, one renderer per output format;
//! - [`assess`]: the interactive front end of `idpfit assess`, which only collects answers;
//! - [`cli`]: the command line, and the only code that writes files or reads the user's data
//!   files.
//!
//! Only `cli` prints; everything else returns values, so tests can call it directly.

pub use idpfit_model::{load, model};

pub mod assess;
pub mod builtin;
pub mod cli;
pub mod engine;
pub mod render;
pub mod report;
pub mod scan;
pub mod teams;

#[cfg(test)]
pub(crate) mod testing;
