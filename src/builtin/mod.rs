//! The questionnaire and weights compiled into the binary, so an installed `idpfit` works from
//! any directory, and the weight [`presets`]. `--questionnaire`, `--weights` and `--preset`
//! replace them at run time.
//!
//! Both are checked at build time (`build.rs`, with the same `idpfit-model` code the binary
//! uses), which stores them pre-validated; decoding that form is what makes start-up cheap. The
//! TOML text is embedded too, for code that needs to re-check the default weights against a
//! different questionnaire. Nothing here reads a file at run time.

pub mod presets;
// Written by a test (see the file), in the layout that test writes.
#[rustfmt::skip]
mod scales;

use crate::model::{Questionnaire, Weights};

pub const QUESTIONNAIRE_TOML: &str = include_str!("../../questionnaires/idp-portal-v1.toml");
pub const QUESTIONNAIRE_NAME: &str = "<built-in questionnaires/idp-portal-v1.toml>";
pub const WEIGHTS_TOML: &str = include_str!("../../weights/default.toml");
pub const WEIGHTS_NAME: &str = "<built-in weights/default.toml>";

const QUESTIONNAIRE_BIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/questionnaire.bin"));
const WEIGHTS_BIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/weights.bin"));

/// The fingerprint of the two, written by the build.
const FINGERPRINT: u64 = include!(concat!(env!("OUT_DIR"), "/fingerprint.rs"));

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

/// A lowest and a highest value.
pub type Range = (f64, f64);

/// The common scale of the built-in questionnaire and default weights, and each dimension's
/// lean range, as the engine measured them (`engine::Scales`: `total`, then `leans`), when
/// they were measured for the data this binary holds; `None` once that data has changed, and
/// the engine measures them again on every run. Measuring them is an eighth of the instructions
/// of scoring one file (callgrind), which every run on the built-in data saves.
pub fn scales() -> Option<(Range, [Range; 4])> {
    (scales::MEASURED_FOR == FINGERPRINT).then_some((scales::TOTAL, scales::LEANS))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Model, Scales};

    /// The text `scales.rs` should hold for the data this binary holds.
    fn scales_source() -> String {
        let (questionnaire, weights) = (super::questionnaire(), super::weights());
        let Scales { total, leans } = Model::new(&questionnaire, &weights).scales();
        let pair = |(low, high): (f64, f64)| format!("({low:?}, {high:?})");
        let leans: Vec<String> = leans.into_iter().map(pair).collect();
        format!(
            "{}\npub const MEASURED_FOR: u64 = 0x{FINGERPRINT:016x};\npub const TOTAL: (f64, f64) = {};\npub const LEANS: [(f64, f64); 4] = [\n    {},\n];\n",
            SCALES_HEADER.trim_end(),
            pair(total),
            leans.join(",\n    ")
        )
    }

    const SCALES_HEADER: &str = "\
//! The common scale of the built-in questionnaire and default weights, and each dimension's
//! lean range, measured by the engine (`Model::new`) and kept here so that a run need not
//! measure them again. Written by a test: after changing the built-in data, run
//! `IDPFIT_BLESS=1 cargo test --lib builtin::tests::the_kept_scales_are_current`. Until then
//! the fingerprint does not match and they are measured on every run, as for any other data.
";

    #[test]
    fn the_kept_scales_are_current() {
        if std::env::var_os("IDPFIT_BLESS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/builtin/scales.rs");
            std::fs::write(path, scales_source()).unwrap();
            return;
        }
        let measured = Model::new(&super::questionnaire(), &super::weights()).scales();
        assert_eq!(
            scales(),
            Some((measured.total, measured.leans)),
            "src/builtin/scales.rs was measured for other built-in data; rewrite it with \
             `IDPFIT_BLESS=1 cargo test --lib builtin::tests::the_kept_scales_are_current`"
        );
    }

    #[test]
    fn a_model_with_the_kept_scales_scores_as_one_that_measures_them() {
        let (questionnaire, weights) = (super::questionnaire(), super::weights());
        let Some((total, leans)) = scales() else {
            panic!("the kept scales are stale");
        };
        let kept = Model::with_scales(&questionnaire, &weights, Scales { total, leans });
        let measured = Model::new(&questionnaire, &weights);
        assert_eq!(kept.scales(), measured.scales());
        use crate::testing::{BACKSTAGE_EXAMPLE, HYBRID_EXAMPLE, NOT_READY_EXAMPLE, PORT_EXAMPLE};
        for example in [
            PORT_EXAMPLE,
            BACKSTAGE_EXAMPLE,
            HYBRID_EXAMPLE,
            NOT_READY_EXAMPLE,
        ] {
            let answers = crate::testing::answers(example);
            assert_eq!(
                format!("{:?}", kept.assess_with_what_if(&answers)),
                format!("{:?}", measured.assess_with_what_if(&answers))
            );
        }
    }

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
