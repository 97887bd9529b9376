//! `idpfit diff`: two answers files of the same organisation, and which change moved the result.

use crate::support::{Execute, Run, fixture, idpfit};

fn quarters(format: &str) -> Run {
    idpfit()
        .args(["diff", "--format", format])
        .arg(fixture("diff/q1.toml"))
        .arg(fixture("diff/q2.toml"))
        .run()
}

#[test]
fn a_flip_names_the_change_that_caused_it() {
    let output = quarters("table");
    output.assert_success();
    let text = &output.stdout;
    assert!(
        text.contains(
            "Recommendation: Port → Not yet (leaning Backstage) (the recommendation changed)\n\
             The recommendation changed because of platform.catalog_data alone.\n\
             The leaning (Port → Backstage) changed because of hosting.requirement alone.\n"
        ),
        "{text}"
    );
    let catalog_row = text
        .lines()
        .find(|l| l.starts_with("│ platform.catalog_data"))
        .expect("a row for platform.catalog_data");
    assert!(
        catalog_row.contains("flips it: not_ready") && catalog_row.contains("yes"),
        "{text}"
    );
    assert!(text.contains("Blockers added: catalog_stale"), "{text}");
}

#[test]
fn json_lists_changes_scores_and_leans() {
    let report = quarters("json").json();
    assert_eq!(report["flipped"], true);
    assert_eq!(report["old"]["recommendation"], "port");
    assert_eq!(report["new"]["recommendation"], "not_ready");
    assert_eq!(
        report["causes"],
        serde_json::json!({
            "kind": "single",
            "sets": [["platform.catalog_data"]],
            "searched_up_to": null,
            "minimal": null
        })
    );
    let changes = report["changes"].as_array().unwrap();
    let answers: Vec<&str> = changes
        .iter()
        .filter_map(|c| c["answer"].as_str())
        .collect();
    assert_eq!(
        answers,
        [
            "capacity.dedicated_fte",
            "hosting.requirement",
            "platform.catalog_data"
        ]
    );
    assert_eq!(changes[0]["from"], 1);
    assert_eq!(changes[0]["to"], 2);
    assert_eq!(changes[1]["alone"], "backstage");
    assert_eq!(changes[2]["flips_alone"], true);
    assert_eq!(changes[2]["needed"], true);
    let port = &report["scores"][1];
    assert_eq!(port["option"], "port");
    assert_eq!(port["old"], 62.3);
    assert_eq!(port["new"], 60.6);
    assert_eq!(port["change"], -1.7);
    let hosting = &report["dimensions"][2];
    assert_eq!(hosting["id"], "hosting");
    assert_eq!(hosting["change"], 54);
}

#[test]
fn markdown_is_ready_for_a_pull_request() {
    let text = quarters("markdown").stdout;
    assert!(
        text.starts_with("## idpfit diff: Port → Not yet (leaning Backstage)"),
        "{text}"
    );
    assert!(
        text.contains("| `platform.catalog_data` | manual_maintained | stale | **flips it:** not_ready (leaning port) | yes |"),
        "{text}"
    );
}

#[test]
fn the_same_file_twice_changes_nothing() {
    let output = idpfit()
        .arg("diff")
        .arg(fixture("diff/q1.toml"))
        .arg(fixture("diff/q1.toml"))
        .run();
    assert_eq!(output.code, Some(0));
    let text = &output.stdout;
    assert!(text.contains("Recommendation: Port (unchanged)"), "{text}");
    assert!(text.contains("No answer changed."), "{text}");
}

#[test]
fn an_invalid_file_is_an_input_error() {
    let output = idpfit()
        .arg("diff")
        .arg(fixture("diff/q1.toml"))
        .arg(fixture("schema/bad.toml"))
        .run();
    assert_eq!(output.code, Some(2));
    assert!(output.stdout.is_empty());
    assert!(output.stderr.contains("bad.toml"), "{}", output.stderr);
}
