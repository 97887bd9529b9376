//! Organisations written from the rules of SPEC §2 and §2a, one answers file each in
//! `tests/fixtures/scenarios/`, each saying in its header what the source analysis leads to:
//! `# expect: RECOMMENDATION` and, where the rule is about it, `# confidence: LEVEL`. They are
//! the model's regression suite: a change to the weights that breaks one breaks a rule.

use crate::support::{Execute, fixture, idpfit};

/// The value after `# key:` in a file's header.
fn header(text: &str, key: &str) -> Option<String> {
    text.lines()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| l.strip_prefix(&format!("# {key}: ")))
        .map(|v| v.split_whitespace().next().unwrap_or("").to_string())
}

#[test]
fn every_scenario_gets_the_result_its_rule_expects() {
    let dir = std::path::Path::new(&fixture("scenarios")).to_path_buf();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 25, "{} scenarios", files.len());
    let mut wrong = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let expected = header(&text, "expect").expect("an `# expect:` line");
        let output = idpfit()
            .args(["score", "--no-what-if", "--format", "json"])
            .arg(file)
            .run();
        output.assert_success();
        let json = output.json();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if json["recommendation"] != expected.as_str() {
            wrong.push(format!(
                "{name}: {} instead of {expected}",
                json["recommendation"]
            ));
        }
        if let Some(level) = header(&text, "confidence")
            && json["confidence"] != level.as_str()
        {
            wrong.push(format!(
                "{name}: confidence {} instead of {level}",
                json["confidence"]
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
