//! Compiles the built-in questionnaire and weights at build time.
//!
//! The TOML files are loaded and checked with the same code the binary uses at run time (the
//! modules are included below by path), so a mistake in them fails the build with the usual
//! diagnostics instead of shipping. The checked values are stored in a compact binary form in
//! `OUT_DIR` and embedded by `src/defaults.rs`; decoding them costs a few microseconds, where
//! parsing the TOML costs most of a millisecond on every run.
#![allow(clippy::print_stdout, clippy::print_stderr, dead_code)]

use std::path::Path;
use std::process::exit;

#[path = "src/condition.rs"]
mod condition;
#[path = "src/diagnostic.rs"]
mod diagnostic;
#[path = "src/domain.rs"]
mod domain;
#[path = "src/questionnaire.rs"]
mod questionnaire;
#[path = "src/value.rs"]
mod value;
#[path = "src/weights.rs"]
mod weights;

const QUESTIONNAIRE: &str = "questionnaires/idp-portal-v1.toml";
const WEIGHTS: &str = "weights/default.toml";

fn main() {
    for path in [
        QUESTIONNAIRE,
        WEIGHTS,
        "src/condition.rs",
        "src/diagnostic.rs",
        "src/domain.rs",
        "src/questionnaire.rs",
        "src/value.rs",
        "src/weights.rs",
    ] {
        println!("cargo::rerun-if-changed={path}");
    }
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| fail("OUT_DIR is not set"));
    let questionnaire_text = read(QUESTIONNAIRE);
    let weights_text = read(WEIGHTS);
    let questionnaire = questionnaire::Questionnaire::from_toml(QUESTIONNAIRE, &questionnaire_text)
        .unwrap_or_else(|d| fail(&d.render()));
    let weights = weights::Weights::from_toml(WEIGHTS, &weights_text, &questionnaire)
        .unwrap_or_else(|d| fail(&d.render()));
    write(&out_dir, "questionnaire.bin", &encode(&questionnaire));
    write(&out_dir, "weights.bin", &encode(&weights));
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| fail(&format!("{path}: {e}")))
}

fn encode<T: serde::Serialize>(value: &T) -> Vec<u8> {
    postcard::to_allocvec(value).unwrap_or_else(|e| fail(&format!("cannot encode: {e}")))
}

fn write(dir: &str, name: &str, bytes: &[u8]) {
    let path = Path::new(dir).join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
}

fn fail(message: &str) -> ! {
    eprintln!("built-in data is invalid:\n{message}");
    exit(1)
}
