//! Load a weights file against the built-in questionnaire; when it loads, score the shipped
//! examples with it and render the results.
//!
//! A weights file is data a user edits, so whatever it holds must either be refused with
//! diagnostics or give finite scores within 0-100.

#![no_main]

use std::sync::OnceLock;

use idpfit::builtin;
use idpfit::engine::Model;
use idpfit::load::LoadOptions;
use idpfit::model::{Answers, Questionnaire, Weights};
use idpfit::render::Style;
use idpfit::render::score::{self, ScoreFormat};
use libfuzzer_sys::fuzz_target;

const EXAMPLES: [&str; 4] = [
    include_str!("../../examples/port.toml"),
    include_str!("../../examples/backstage.toml"),
    include_str!("../../examples/hybrid.toml"),
    include_str!("../../examples/not-ready.toml"),
];

fn data() -> &'static (Questionnaire, Vec<Answers>) {
    static DATA: OnceLock<(Questionnaire, Vec<Answers>)> = OnceLock::new();
    DATA.get_or_init(|| {
        let questionnaire = builtin::questionnaire();
        let mut answers: Vec<Answers> = EXAMPLES
            .iter()
            .filter_map(|text| {
                Answers::from_toml("example.toml", text, &questionnaire, LoadOptions::default())
                    .ok()
            })
            .collect();
        // Every answer unknown: the widest exploration the engine does.
        answers.push(Answers::empty(&questionnaire));
        (questionnaire, answers)
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let (questionnaire, examples) = data();
    match Weights::from_toml("fuzz.toml", text, questionnaire) {
        Ok(weights) => {
            let model = Model::new(questionnaire, &weights);
            for answers in examples {
                let assessment = model.assess(answers);
                for score in [
                    assessment.scores.backstage,
                    assessment.scores.port,
                    assessment.scores.hybrid,
                ] {
                    assert!((0.0..=100.0).contains(&score), "score {score} out of range");
                }
                for format in [ScoreFormat::Table, ScoreFormat::Json, ScoreFormat::Markdown] {
                    let _ = score::render(format, "fuzz.toml", &assessment, Style::default());
                }
            }
        }
        Err(diagnostics) => {
            assert!(!diagnostics.problems.is_empty());
            let _ = diagnostics.render();
            let _ = diagnostics.to_string();
        }
    }
});
