//! Shared fixtures for unit tests: the shipped examples, loaded once per call, and the built-in
//! questionnaire and weights, decoded once per test binary.

use std::sync::LazyLock;

use crate::model::Answers;

use crate::builtin;
use crate::load::LoadOptions;
use crate::model::{Questionnaire, Weights};

pub static QUESTIONNAIRE: LazyLock<Questionnaire> = LazyLock::new(builtin::questionnaire);
pub static WEIGHTS: LazyLock<Weights> = LazyLock::new(builtin::weights);

pub const PORT_EXAMPLE: &str = include_str!("../examples/port.toml");
pub const BACKSTAGE_EXAMPLE: &str = include_str!("../examples/backstage.toml");
pub const HYBRID_EXAMPLE: &str = include_str!("../examples/hybrid.toml");
pub const NOT_READY_EXAMPLE: &str = include_str!("../examples/not-ready.toml");

/// Loads an answers text with the built-in questionnaire, failing the test with the rendered
/// diagnostics if it is invalid.
pub fn answers(source: &str) -> Answers {
    let questionnaire = builtin::questionnaire();
    match Answers::from_toml(
        "fixture.toml",
        source,
        &questionnaire,
        LoadOptions::default(),
    ) {
        Ok(answers) => answers,
        Err(diagnostics) => panic!("fixture does not load:\n{}", diagnostics.render()),
    }
}

/// A copy of `answers` with one answer replaced, given in answers-file syntax
/// (`"capacity.ownership"`, `"\"whoever_has_time\""`).
pub fn with(answers: &Answers, id: &str, toml_value: &str) -> Answers {
    let questionnaire = builtin::questionnaire();
    let (section, key) = id.split_once('.').unwrap_or((id, ""));
    let source = format!(
        "questionnaire = \"{}\"\n[{section}]\n{key} = {toml_value}\n",
        questionnaire.id
    );
    let single = Answers::from_toml(
        "x.toml",
        &source,
        &questionnaire,
        LoadOptions { partial: true },
    );
    let index = questionnaire.index_of(id);
    let mut out = answers.clone();
    match (single, index) {
        (Ok(single), Some(index)) => out.values[index] = single.values[index].clone(),
        (Err(d), _) => panic!("bad override {id} = {toml_value}:\n{}", d.render()),
        (_, None) => panic!("no question {id}"),
    }
    out
}
