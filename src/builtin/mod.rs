//! The questionnaire and weights compiled into the binary, so an installed `idpfit` works from
//! any directory, and the weight [`presets`]. `--questionnaire`, `--weights` and `--preset`
//! replace them at run time.
//!
//! Both are checked at build time (`build.rs`, with the same `idpfit-model` code the binary
//! uses), which stores them pre-validated; decoding that form is what makes start-up cheap. The
//! TOML text is embedded too, for code that needs to re-check the default weights against a
//! different questionnaire. Nothing here reads a file at run time.

pub mod presets;

use crate::model::{Questionnaire, Weights};

pub const QUESTIONNAIRE_TOML: &str = include_str!("../../questionnaires/idp-portal-v1.toml");
pub const QUESTIONNAIRE_NAME: &str = "<built-in questionnaires/idp-portal-v1.toml>";
pub const WEIGHTS_TOML: &str = include_str!("../../weights/default.toml");
pub const WEIGHTS_NAME: &str = "<built-in weights/default.toml>";

const QUESTIONNAIRE_BIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/questionnaire.bin"));
const WEIGHTS_BIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/weights.bin"));

/// The built-in questionnaire. The build checked it, so decoding cannot fail unless the binary
/// itself is damaged, which is reported as the bug it would be.
#[allow(clippy::expect_used)]
pub fn questionnaire() -> Questionnaire {
    postcard::from_bytes(QUESTIONNAIRE_BIN).expect("the built-in questionnaire decodes")
}

/// The built-in weights, checked against the built-in questionnaire at build time.
#[allow(clippy::expect_used)]
pub fn weights() -> Weights {
    postcard::from_bytes(WEIGHTS_BIN).expect("the built-in weights decode")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_defaults_match_their_toml() {
        let questionnaire = Questionnaire::from_toml(QUESTIONNAIRE_NAME, QUESTIONNAIRE_TOML);
        let questionnaire = questionnaire.map_err(|d| d.render());
        assert!(questionnaire.is_ok(), "{questionnaire:?}");
        let Ok(questionnaire) = questionnaire else {
            return;
        };
        let weights =
            Weights::from_toml(WEIGHTS_NAME, WEIGHTS_TOML, &questionnaire).map_err(|d| d.render());
        let Ok(weights) = weights else {
            panic!("{weights:?}");
        };
        assert_eq!(
            format!("{questionnaire:?}"),
            format!("{:?}", super::questionnaire())
        );
        assert_eq!(format!("{weights:?}"), format!("{:?}", super::weights()));
    }
}
