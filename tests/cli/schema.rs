//! `idpfit schema`: the JSON Schema an editor uses to check an answers file while it is typed,
//! which must agree with what the loader accepts.

use serde_json::Value;

use crate::support::{Execute, fixture, idpfit, repo_path};

/// The schema as `idpfit schema` prints it.
fn schema() -> Value {
    let run = idpfit().arg("schema").run();
    run.assert_success();
    run.json()
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&schema()).expect("the schema compiles")
}

/// An answers file as the JSON value a TOML editor validates.
fn as_json(text: &str) -> Value {
    let table: toml::Value = toml::from_str(text).unwrap();
    serde_json::to_value(table).unwrap()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo_path(path)).unwrap()
}

/// Where each problem is, as JSON Pointers into the file.
fn problems(validator: &jsonschema::Validator, text: &str) -> Vec<String> {
    let instance = as_json(text);
    let mut paths: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| e.instance_path().to_string())
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

#[test]
fn the_schema_is_a_valid_draft_07_schema() {
    let schema = schema();
    assert!(jsonschema::meta::is_valid(&schema));
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
}

#[test]
fn every_example_and_fixture_validates() {
    let validator = validator();
    let mut checked = 0;
    for dir in [
        "examples".to_string(),
        fixture("aggregate"),
        fixture("tie"),
        fixture("diff"),
        fixture("gates"),
    ] {
        let mut files: Vec<_> = std::fs::read_dir(repo_path(&dir))
            .unwrap()
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let found = problems(&validator, &text);
            assert!(found.is_empty(), "{}: {found:?}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 12, "only {checked} files checked");
}

#[test]
fn the_template_and_a_combined_file_validate() {
    let validator = validator();
    let template = idpfit().arg("template").run();
    assert!(problems(&validator, &template.stdout).is_empty());
    let dir = tempfile::tempdir().unwrap();
    let combined = dir.path().join("combined.toml");
    idpfit()
        .arg("aggregate")
        .arg(fixture("aggregate/platform-lead.toml"))
        .arg(fixture("aggregate/staff-engineer.toml"))
        .arg("--output")
        .arg(&combined)
        .run()
        .assert_success();
    let text = std::fs::read_to_string(&combined).unwrap();
    assert!(text.contains("[alignment]"), "{text}");
    assert_eq!(problems(&validator, &text), Vec::<String>::new());
}

#[test]
fn a_bad_file_fails_validation_at_each_mistake() {
    let found = problems(&validator(), &read(&fixture("schema/bad.toml")));
    for path in [
        "",                                  // required sections missing
        "/capacity",                         // the unknown key `budget`
        "/capacity/dedicated_fte",           // out of range
        "/capacity/ownership",               // not a choice
        "/integrations/port_gap_documented", // a quoted boolean
        "/organization/engineers",           // "unknown" is not allowed here
    ] {
        assert!(
            found.iter().any(|p| p == path),
            "no error at {path:?}: {found:?}"
        );
    }
    // The loader rejects the same file.
    let run = idpfit()
        .arg("validate")
        .arg(fixture("schema/bad.toml"))
        .run();
    assert_eq!(run.code, Some(2));
}

#[test]
fn conditional_and_all_or_nothing_keys_follow_the_loader() {
    let validator = validator();
    let port = read("examples/port.toml");
    let on_backstage = port.replace("portal = \"none\"", "portal = \"backstage\"");
    assert!(
        problems(&validator, &on_backstage).contains(&"/current".to_string()),
        "months_invested and the rest become required"
    );
    let half_cost = port.replace("port_annual_subscription = 55000\n", "");
    assert!(problems(&validator, &half_cost).contains(&"/cost".to_string()));
    let unknown_fte = port.replace("dedicated_fte = 1\n", "dedicated_fte = \"unknown\"\n");
    assert!(problems(&validator, &unknown_fte).is_empty());
}

#[test]
fn the_committed_schema_is_in_sync_with_the_questionnaire() {
    let run = idpfit().arg("schema").run();
    let committed = read("schema/idp-answers.schema.json");
    assert!(
        run.stdout == committed,
        "schema/idp-answers.schema.json is out of date: run \
         `cargo run -- schema --output schema/idp-answers.schema.json --force` and commit it"
    );
}
