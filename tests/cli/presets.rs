//! Weight presets: `idpfit presets` and `--preset`.

use crate::support::{Execute, fixture, idpfit};

#[test]
fn presets_lists_every_preset_with_its_description() {
    let output = idpfit().arg("presets").run();
    output.assert_success();
    let text = &output.stdout;
    let names: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(names, ["default", "regulated-enterprise", "scale-up"]);
    assert!(
        text.contains("default               Balanced weights for an organisation"),
        "{text}"
    );
}

fn recommendation(preset: &str, file: &str) -> serde_json::Value {
    let output = idpfit()
        .args(["--preset", preset, "score", "--format", "json", file])
        .run();
    output.assert_success();
    output.json()
}

#[test]
fn a_preset_changes_a_borderline_result_and_is_named_in_it() {
    let borderline = fixture("gates/borderline.toml");
    let default = recommendation("default", &borderline);
    assert_eq!(default["recommendation"], "port");
    assert_eq!(default["weights"], "default");
    let regulated = recommendation("regulated-enterprise", &borderline);
    assert_eq!(regulated["recommendation"], "backstage");
    assert_eq!(regulated["weights"], "regulated-enterprise");
}

#[test]
fn every_preset_keeps_the_shipped_examples() {
    for preset in ["default", "regulated-enterprise", "scale-up"] {
        for (file, expected) in [
            ("examples/port.toml", "port"),
            ("examples/backstage.toml", "backstage"),
            ("examples/hybrid.toml", "hybrid"),
            ("examples/not-ready.toml", "not_ready"),
        ] {
            let result = recommendation(preset, file);
            assert_eq!(result["recommendation"], expected, "{preset} on {file}");
        }
    }
}

#[test]
fn an_unknown_preset_lists_the_real_ones() {
    let output = idpfit()
        .args(["--preset", "regulated", "score", "examples/port.toml"])
        .run();
    assert_eq!(output.code, Some(2));
    assert!(
        output
            .stderr
            .contains("[possible values: default, regulated-enterprise, scale-up]"),
        "{}",
        output.stderr
    );
}

#[test]
fn a_preset_and_a_weights_file_cannot_be_combined() {
    let output = idpfit()
        .args([
            "--preset",
            "scale-up",
            "--weights",
            "weights/default.toml",
            "score",
            "examples/port.toml",
        ])
        .run();
    assert_eq!(output.code, Some(2));
    assert!(
        output.stderr.contains("cannot be used with"),
        "{}",
        output.stderr
    );
}
