//! Fixtures for unit tests: the questionnaire and weights idpfit ships, parsed from their TOML
//! (the `idpfit` crate embeds the same files).

use crate::load::Diagnostics;
use crate::model::{Questionnaire, Weights};

pub const QUESTIONNAIRE_TOML: &str = include_str!("../../../questionnaires/idp-portal-v1.toml");
pub const WEIGHTS_TOML: &str = include_str!("../../../weights/default.toml");
pub const PORT_EXAMPLE: &str = include_str!("../../../examples/port.toml");

fn loaded<T>(what: &str, result: Result<T, Diagnostics>) -> T {
    result.unwrap_or_else(|d| panic!("the shipped {what} does not load:\n{}", d.render()))
}

pub fn questionnaire() -> Questionnaire {
    loaded(
        "questionnaire",
        Questionnaire::from_toml("questionnaire.toml", QUESTIONNAIRE_TOML),
    )
}

pub fn weights() -> Weights {
    loaded(
        "weights",
        Weights::from_toml("weights.toml", WEIGHTS_TOML, &questionnaire()),
    )
}
