//! Load a questionnaire file; when it loads, write its template and question listing, check
//! that the template reads back as a valid answers file (its documented promise), and try the
//! built-in weights against it.

#![no_main]

use idpfit::builtin;
use idpfit::engine::Model;
use idpfit::load::LoadOptions;
use idpfit::model::{Answers, Questionnaire, Weights};
use idpfit::render::Style;
use idpfit::render::answers::to_toml;
use idpfit::render::score::{self, ScoreFormat};
use idpfit::render::{listing, template};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let questionnaire = match Questionnaire::from_toml("fuzz.toml", text) {
        Ok(questionnaire) => questionnaire,
        Err(diagnostics) => {
            assert!(!diagnostics.problems.is_empty());
            let _ = diagnostics.render();
            let _ = diagnostics.to_string();
            return;
        }
    };
    let _ = listing::questions(listing::ListFormat::Table, &questionnaire, Style::default());
    let _ = listing::questions(listing::ListFormat::Json, &questionnaire, Style::default());
    let filled = template::answers_template(&questionnaire);
    let partial = LoadOptions { partial: true };
    let answers = match Answers::from_toml("template.toml", &filled, &questionnaire, partial) {
        Ok(answers) => answers,
        Err(d) => panic!("the template of a valid questionnaire does not load:\n{filled}\n{d}"),
    };
    let written = to_toml(&questionnaire, &answers);
    match Answers::from_toml("written.toml", &written, &questionnaire, partial) {
        Ok(reread) => assert_eq!(reread, answers, "written answers read back differently"),
        Err(d) => panic!("written answers do not read back:\n{written}\n{d}"),
    }
    match Weights::from_toml(builtin::WEIGHTS_NAME, builtin::WEIGHTS_TOML, &questionnaire) {
        Ok(weights) => {
            let assessment = Model::new(&questionnaire, &weights).assess(&answers);
            for format in [ScoreFormat::Table, ScoreFormat::Json, ScoreFormat::Markdown] {
                let _ = score::render(format, "template.toml", &assessment, Style::default());
            }
        }
        Err(diagnostics) => {
            let _ = diagnostics.render();
        }
    }
});
