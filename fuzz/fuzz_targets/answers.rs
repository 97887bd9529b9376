//! Parse, validate and score an answers file with the built-in questionnaire and weights, then
//! render the result in every format and write the answers back out.
//!
//! Beyond "no panic", it checks what a user relies on: scores are finite and within 0-100,
//! scoring is deterministic, and written answers read back identically.

#![no_main]

use std::sync::OnceLock;

use idpfit::builtin;
use idpfit::engine::Model;
use idpfit::load::LoadOptions;
use idpfit::model::{Answers, Questionnaire, Weights};
use idpfit::render::Style;
use idpfit::render::answers::to_toml;
use idpfit::render::score::{self, ScoreFormat};
use libfuzzer_sys::fuzz_target;

fn data() -> &'static (Questionnaire, Weights) {
    static DATA: OnceLock<(Questionnaire, Weights)> = OnceLock::new();
    DATA.get_or_init(|| (builtin::questionnaire(), builtin::weights()))
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let (questionnaire, weights) = data();
    for partial in [false, true] {
        let options = LoadOptions { partial };
        match Answers::from_toml("fuzz.toml", text, questionnaire, options) {
            Ok(answers) => {
                let model = Model::new(questionnaire, weights);
                let assessment = model.assess(&answers);
                for score in [
                    assessment.scores.backstage,
                    assessment.scores.port,
                    assessment.scores.hybrid,
                ] {
                    assert!((0.0..=100.0).contains(&score), "score {score} out of range");
                }
                let again = model.assess(&answers);
                assert_eq!(
                    score::json::render_line("f", &assessment),
                    score::json::render_line("f", &again),
                    "scoring is not deterministic"
                );
                for format in [ScoreFormat::Table, ScoreFormat::Json, ScoreFormat::Markdown] {
                    let _ = score::render(format, "fuzz.toml", &assessment, Style::default());
                }
                let written = to_toml(questionnaire, &answers);
                let reread = Answers::from_toml("written.toml", &written, questionnaire, options);
                match reread {
                    Ok(reread) => {
                        assert_eq!(reread, answers, "written answers read back differently")
                    }
                    Err(d) => panic!("written answers do not read back:\n{written}\n{d}"),
                }
            }
            Err(diagnostics) => {
                assert!(!diagnostics.problems.is_empty());
                let _ = diagnostics.render();
                let _ = diagnostics.to_string();
            }
        }
    }
});
