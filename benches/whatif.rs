//! Benchmark of the what-if analysis: for one answers file, the full assessment with its
//! counterfactuals, robustness (1,000 weight perturbations) and unknown-answer exploration.
//! Target: under 50 ms per file.
//!
//! Run with `cargo bench --bench whatif`. It prints, per case, the median and the slowest of
//! the timed runs for scoring alone (`assess`) and for scoring with what-if
//! (`assess_with_what_if`), and fails (exit 1) if a median exceeds the target.

#![allow(clippy::print_stdout)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use idpfit::builtin;
use idpfit::engine::Model;
use idpfit::load::LoadOptions;
use idpfit::model::Answers;

const RUNS: usize = 30;
const TARGET: Duration = Duration::from_millis(50);

fn load(name: &str, source: &str) -> Answers {
    let questionnaire = builtin::questionnaire();
    Answers::from_toml(name, source, &questionnaire, LoadOptions::default())
        .unwrap_or_else(|d| panic!("{name}:\n{}", d.render()))
}

/// Median and maximum of `RUNS` timed calls of `f`, after one warm-up call.
fn time(mut f: impl FnMut()) -> (Duration, Duration) {
    f();
    let mut samples: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    samples.sort();
    (samples[RUNS / 2], samples[RUNS - 1])
}

fn main() {
    let questionnaire = builtin::questionnaire();
    let weights = builtin::weights();
    let model = Model::new(&questionnaire, &weights);
    let port = include_str!("../examples/port.toml");
    // Three unknown answers at once: the combinations are explored exhaustively.
    let several_unknowns = port
        .replace(
            "requirement = \"no_constraint\"",
            "requirement = \"unknown\"",
        )
        .replace("stack = \"standard\"", "stack = \"unknown\"")
        .replace("first_value_months = 3", "first_value_months = \"unknown\"");
    let cases = [
        ("port", port.to_string()),
        (
            "backstage",
            include_str!("../examples/backstage.toml").to_string(),
        ),
        (
            "hybrid",
            include_str!("../examples/hybrid.toml").to_string(),
        ),
        (
            "not-ready",
            include_str!("../examples/not-ready.toml").to_string(),
        ),
        (
            "one unknown",
            include_str!("../tests/fixtures/unknowns.toml").to_string(),
        ),
        ("three unknowns", several_unknowns),
    ];
    println!(
        "{:<16} {:>14} {:>14} {:>16} {:>16} {:>6}",
        "case", "assess median", "assess max", "what-if median", "what-if max", "pairs"
    );
    let mut over = false;
    for (name, source) in &cases {
        let answers = load(name, source);
        let (assess_median, assess_max) = time(|| {
            black_box(model.assess(black_box(&answers)));
        });
        let (what_if_median, what_if_max) = time(|| {
            black_box(model.assess_with_what_if(black_box(&answers)));
        });
        let pairs = model
            .assess_with_what_if(&answers)
            .counterfactuals
            .iter()
            .flatten()
            .filter(|c| c.changes.len() == 2)
            .count();
        over |= what_if_median > TARGET;
        println!(
            "{name:<16} {:>14.3?} {:>14.3?} {:>16.3?} {:>16.3?} {pairs:>6}",
            assess_median, assess_max, what_if_median, what_if_max
        );
    }
    if over {
        println!("a median is over the {TARGET:?} target");
        std::process::exit(1);
    }
    println!("every median is under the {TARGET:?} target");
}
