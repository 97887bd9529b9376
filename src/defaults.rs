//! The questionnaire and weights compiled into the binary, so an installed `idpfit` works from
//! any directory. `--questionnaire` and `--weights` replace them at run time.

use crate::questionnaire::Questionnaire;
use crate::weights::Weights;

pub const QUESTIONNAIRE_TOML: &str = include_str!("../questionnaires/idp-portal-v1.toml");
pub const QUESTIONNAIRE_NAME: &str = "<built-in questionnaires/idp-portal-v1.toml>";
pub const WEIGHTS_TOML: &str = include_str!("../weights/default.toml");
pub const WEIGHTS_NAME: &str = "<built-in weights/default.toml>";

/// The built-in questionnaire. It is checked by the test suite, so failing to load it is a bug
/// in this build, reported as such rather than as a user error.
#[allow(clippy::expect_used)]
pub fn questionnaire() -> Questionnaire {
    Questionnaire::from_toml(QUESTIONNAIRE_NAME, QUESTIONNAIRE_TOML)
        .expect("the built-in questionnaire is valid (checked by tests)")
}

/// The built-in weights, checked against the built-in questionnaire by the test suite.
#[allow(clippy::expect_used)]
pub fn weights() -> Weights {
    Weights::from_toml(WEIGHTS_NAME, WEIGHTS_TOML, &questionnaire())
        .expect("the built-in weights are valid (checked by tests)")
}
