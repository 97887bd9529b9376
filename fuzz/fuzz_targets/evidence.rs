//! Read a file as the scan's evidence (`--evidence`: its JSON or its TOML output) against the
//! built-in questionnaire; when it reads, weigh the shipped examples and a file of unknown
//! answers against it and render the results.
//!
//! Evidence is a file a user passes and may edit: whatever it holds must be refused with
//! diagnostics, or give an assessment with one evidence entry per answer the scan measured or
//! looked for, scores within 0-100, and every answer given left standing.

#![no_main]

use std::sync::OnceLock;

use idpfit::builtin;
use idpfit::engine::{AssessOptions, Model};
use idpfit::load::LoadOptions;
use idpfit::model::{Answers, Questionnaire, Weights};
use idpfit::render::Style;
use idpfit::render::score::{self, ScoreFormat};
use idpfit::scan::evidence;
use libfuzzer_sys::fuzz_target;

const EXAMPLES: [&str; 2] = [
    include_str!("../../examples/port.toml"),
    include_str!("../../examples/backstage.toml"),
];

fn data() -> &'static (Questionnaire, Weights, Vec<Answers>) {
    static DATA: OnceLock<(Questionnaire, Weights, Vec<Answers>)> = OnceLock::new();
    DATA.get_or_init(|| {
        let questionnaire = builtin::questionnaire();
        let mut answers: Vec<Answers> = EXAMPLES
            .iter()
            .filter_map(|text| {
                Answers::from_toml("example.toml", text, &questionnaire, LoadOptions::default())
                    .ok()
            })
            .collect();
        // Every answer unknown: each measured value is scored.
        answers.push(Answers::empty(&questionnaire));
        (questionnaire, builtin::weights(), answers)
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let (questionnaire, weights, answers) = data();
    let Ok(evidence) = evidence::read("scan.json", text, questionnaire) else {
        return;
    };
    let model = Model::new(questionnaire, weights);
    for answers in answers {
        let options = AssessOptions {
            what_if: false,
            evidence: Some(&evidence),
        };
        let assessment = model.assess_with(answers, options);
        let items = assessment.evidence.as_ref().map_or(0, |e| e.len());
        assert_eq!(items, evidence.measured.len() + evidence.not_measured.len());
        for option in [assessment.scores.backstage, assessment.scores.port] {
            assert!((0.0..=100.0).contains(&option), "score {option}");
        }
        // A known answer always stands; an open one takes the measured value, or stays open
        // where the question does not apply.
        let filled = model.answers_with(answers, &evidence);
        for measurement in &evidence.measured {
            assert!(!measurement.value.is_unknown());
            let q = measurement.question;
            let given = answers.values[q].as_ref();
            match given.filter(|v| !v.is_unknown()) {
                Some(known) => assert_eq!(filled.values[q].as_ref(), Some(known)),
                None => assert!(
                    filled.values[q].as_ref() == Some(&measurement.value)
                        || filled.values[q].as_ref() == given
                ),
            }
        }
        for format in [ScoreFormat::Table, ScoreFormat::Json, ScoreFormat::Markdown] {
            score::render(format, "f.toml", &assessment, Style::default());
        }
    }
});
