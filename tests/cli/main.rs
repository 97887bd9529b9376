//! idpfit's end-to-end tests, in one test binary: the `idpfit` binary run as a user runs it, one
//! module per command or concern. `tests/README.md` says where each kind of test lives and how to
//! add one.
//!
//! Every run of the binary goes through [`support::idpfit`]. The few tests that call the library
//! directly import it through [`library`].

// Clippy's `allow-unwrap-in-tests` (clippy.toml) covers `#[test]` functions and items under
// `cfg(test)`; marking the whole crate extends it to the helpers these modules share.
#![cfg(test)]

mod aggregate;
mod assess;
mod browser;
mod cases;
mod ci_example;
mod diff;
mod formats;
mod gates;
mod hostile;
mod json_keys;
mod layout;
mod manual;
mod output;
mod panics;
mod presets;
mod properties;
mod report;
mod scan;
mod scenarios;
mod schema;
mod score;
mod support;

/// The library items the tests use directly, imported here and nowhere else, so that moving an
/// item inside the library changes these lines only.
mod library {
    pub use idpfit::builtin;
    pub use idpfit::cli::Cli;
    pub use idpfit::engine::{self, Assessment, Model};
    pub use idpfit::load::LoadOptions;
    pub use idpfit::model::{
        Answers, Condition, Portal, Question, QuestionKind, Questionnaire, Recommendation, Value,
        Weights,
    };
    pub use idpfit::render::scan as render_scan;
    pub use idpfit::scan::report::{AnswerValue, ScanReport};
}
