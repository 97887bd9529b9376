//! In-process timings of the scoring path, free of process-start noise: `cargo bench`.
//!
//! Each figure is the fastest of several rounds, which is the most repeatable statistic on a
//! shared machine. `benches/score.sh` measures the same work end to end through the binary.
#![allow(clippy::print_stdout)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use idpfit::builtin;
use idpfit::engine::Model;
use idpfit::load::LoadOptions;
use idpfit::model::{Answers, Questionnaire, Weights};
use idpfit::render::score::json;

/// Fastest time of `rounds` runs of `f`, each repeated `inner` times, per repetition.
fn fastest(rounds: usize, inner: usize, mut f: impl FnMut()) -> Duration {
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..inner {
                f();
            }
            start.elapsed() / inner as u32
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let decode = fastest(20, 200, || {
        black_box((builtin::questionnaire(), builtin::weights()));
    });
    let load = fastest(20, 20, || {
        let questionnaire = Questionnaire::from_toml("q", builtin::QUESTIONNAIRE_TOML)
            .unwrap_or_else(|_| std::process::exit(1));
        let weights = Weights::from_toml("w", builtin::WEIGHTS_TOML, &questionnaire)
            .unwrap_or_else(|_| std::process::exit(1));
        black_box(weights);
    });

    let questionnaire = builtin::questionnaire();
    let weights = builtin::weights();
    let model = Model::new(&questionnaire, &weights);
    let sources: Vec<String> = ["port", "backstage", "hybrid", "not-ready"]
        .iter()
        .map(|name| std::fs::read_to_string(format!("examples/{name}.toml")).unwrap_or_default())
        .collect();
    let unknowns = std::fs::read_to_string("tests/fixtures/unknowns.toml").unwrap_or_default();

    let score_one = |source: &str| {
        let answers = Answers::from_toml("a.toml", source, &questionnaire, LoadOptions::default())
            .unwrap_or_else(|_| std::process::exit(1));
        let assessment = model.assess(&answers);
        black_box(json::render_line("a.toml", &assessment));
    };
    let per_file = fastest(20, 200, || score_one(&sources[2]));
    let per_file_unknown = fastest(20, 200, || score_one(&unknowns));
    let ten_thousand = fastest(3, 1, || {
        for i in 0..10_000 {
            score_one(&sources[i % 4]);
        }
    });

    println!(
        "decode built-in questionnaire + weights: {:>7.1} us",
        decode.as_secs_f64() * 1e6
    );
    println!(
        "parse the same from TOML (--weights):  {:>9.1} us",
        load.as_secs_f64() * 1e6
    );
    println!(
        "parse + score + JSON, one file:        {:>9.1} us",
        per_file.as_secs_f64() * 1e6
    );
    println!(
        "... with an unknown answer explored:   {:>9.1} us",
        per_file_unknown.as_secs_f64() * 1e6
    );
    println!(
        "10,000 files (in process):             {:>9.1} ms",
        ten_thousand.as_secs_f64() * 1e3
    );
}
