//! The scan's output as evidence: `score --evidence` and `report --evidence` weigh an answers
//! file against what the scan measured in the `acme` organisation. A measured value the answers
//! contradict is an inconsistency naming both values and lowers the confidence; one they agree
//! with is marked measured; one they leave unknown is scored; what the scan looked for and did
//! not find stays self-reported.

use std::path::{Path, PathBuf};

use serde_json::Value as Json;

use super::fixture::{Org, acme, scan_text};
use crate::support::{Run, port_example, run};

/// The scan of `org` written to `scan.FORMAT` in its scratch folder.
fn scan_file(org: &Org, format: &str) -> PathBuf {
    let file = org.scratch().join(format!("scan.{format}"));
    let (code, _, stderr) = scan_text(&[&org.path()], &["--output", &file.display().to_string()]);
    assert_eq!(code, 0, "{stderr}");
    file
}

/// The Port example with `changes` (answer id and its value as TOML) applied, written to the
/// scratch folder of `org`.
fn answers_file(org: &Org, name: &str, changes: &[(&str, &str)]) -> PathBuf {
    let mut answers: toml::Table = toml::from_str(&port_example()).unwrap();
    for (id, value) in changes {
        let (section, key) = id.split_once('.').unwrap();
        let value: toml::Table = toml::from_str(&format!("v = {value}")).unwrap();
        answers
            .entry(section)
            .or_insert_with(|| toml::Value::Table(toml::Table::new()))
            .as_table_mut()
            .unwrap()
            .insert(key.to_string(), value["v"].clone());
    }
    let path = org.scratch().join(name);
    std::fs::write(&path, toml::to_string(&answers).unwrap()).unwrap();
    path
}

fn score(evidence: Option<&Path>, answers: &Path) -> Json {
    let answers = answers.display().to_string();
    let mut args = vec!["score", "--format", "json", "--no-what-if"];
    let evidence = evidence.map(|e| e.display().to_string());
    if let Some(evidence) = &evidence {
        args.extend(["--evidence", evidence.as_str()]);
    }
    args.push(&answers);
    let run = run(&args);
    run.assert_success();
    run.json()
}

/// Every contradiction message, joined.
fn contradictions(result: &Json) -> String {
    result["inconsistencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["message"].as_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The answers acme's scan measures, as an answers file writes them.
const AS_MEASURED: [(&str, &str); 7] = [
    ("integrations.stack", "\"mostly_standard\""),
    ("integrations.uncovered_integrations", "2"),
    ("platform.deploy_automation", "\"some_manual\""),
    ("platform.catalog_data", "\"stale\""),
    ("current.portal", "\"backstage\""),
    ("current.months_invested", "18"),
    ("current.custom_plugins", "2"),
];

/// The Port example answered as acme's scan measured it (with the pain a portal run today
/// needs).
fn as_measured() -> Vec<(&'static str, &'static str)> {
    let mut changes = AS_MEASURED.to_vec();
    changes.push(("current.pain", "\"capacity\""));
    changes
}

#[test]
fn measured_values_the_answers_contradict_are_named_and_lower_the_confidence() {
    let org = acme();
    let evidence = scan_file(&org, "json");
    let answers = answers_file(&org, "answers.toml", &[]);
    let alone = score(None, &answers);
    let weighed = score(Some(&evidence), &answers);

    assert_eq!(alone["confidence"], "medium");
    assert_eq!(weighed["confidence"], "low");
    assert!(alone.get("evidence").is_none());
    assert!(
        weighed["confidence_reason"]
            .as_str()
            .unwrap()
            .contains("Contradictions between answers: 5"),
        "{}",
        weighed["confidence_reason"]
    );
    let named = contradictions(&weighed);
    for expected in [
        "current.portal is answered none, but the scan measured backstage (portal/backstage.json: Backstage app, version 1.30.0).",
        "integrations.stack is answered standard, but the scan measured mostly_standard (12 tools found in 4 repositories:",
        "integrations.uncovered_integrations is answered 0, but the scan measured 2 (",
        "platform.deploy_automation is answered automated, but the scan measured some_manual (5 production deploy jobs in 3 repositories: 2 wait for a person",
        "platform.catalog_data is answered manual_maintained, but the scan measured stale (",
    ] {
        assert!(named.contains(expected), "{expected}\n{named}");
    }

    let evidence = &weighed["evidence"];
    let portal = &evidence["current.portal"];
    assert_eq!(portal["status"], "conflicting");
    assert_eq!(portal["measured"], "backstage");
    assert_eq!(portal["self_reported"], "none");
    assert_eq!(portal["used"], false);
    assert!(
        portal["evidence"][0]
            .as_str()
            .unwrap()
            .starts_with("portal/backstage.json")
    );
    // The example runs no portal, so the questions about one do not apply: measured, not
    // scored, and no contradiction of their own.
    let months = &evidence["current.months_invested"];
    assert_eq!(months["status"], "measured");
    assert_eq!(months["measured"], 18);
    assert_eq!(months["self_reported"], Json::Null);
    assert_eq!(months["used"], false);
    assert!(
        months["note"].as_str().unwrap().contains("does not apply"),
        "{months}"
    );
    // Exactly the seven answers acme's scan measures, no others.
    let keys: Vec<&String> = evidence.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 7, "{keys:?}");
}

#[test]
fn answers_that_agree_with_the_scan_are_measured_and_change_nothing() {
    let org = acme();
    let evidence = scan_file(&org, "json");
    let answers = answers_file(&org, "answers.toml", &as_measured());
    let alone = score(None, &answers);
    let weighed = score(Some(&evidence), &answers);

    assert_eq!(weighed["inconsistencies"], alone["inconsistencies"]);
    assert_eq!(weighed["confidence"], alone["confidence"]);
    assert_eq!(weighed["recommendation"], alone["recommendation"]);
    for (id, _) in AS_MEASURED {
        let item = &weighed["evidence"][id];
        assert_eq!(item["status"], "measured", "{id}: {item}");
        assert_eq!(item["measured"], item["self_reported"], "{id}: {item}");
        assert_eq!(item["note"], Json::Null, "{id}: {item}");
    }
}

#[test]
fn an_answer_beyond_what_the_scan_can_see_agrees_with_it_and_says_why() {
    let org = acme();
    let evidence = scan_file(&org, "json");
    // More plugins and integrations than the scan found, and a longer investment: the scan
    // counts only what is in the repositories it was given. Two months fewer is within the
    // questionnaire's tolerance; three months fewer is not.
    let mut changes = as_measured();
    changes.extend([
        ("current.custom_plugins", "5"),
        ("integrations.uncovered_integrations", "4"),
        ("integrations.stack", "\"unusual\""),
        ("current.months_invested", "16"),
    ]);
    let answers = answers_file(&org, "answers.toml", &changes);
    let weighed = score(Some(&evidence), &answers);
    assert_eq!(
        contradictions(&weighed),
        contradictions(&score(None, &answers))
    );
    let plugins = &weighed["evidence"]["current.custom_plugins"];
    assert_eq!(plugins["status"], "measured");
    assert_eq!(plugins["self_reported"], 5);
    assert_eq!(plugins["measured"], 2);
    assert!(
        plugins["note"]
            .as_str()
            .unwrap()
            .contains("plugins kept elsewhere come on top"),
        "{plugins}"
    );

    changes.push(("current.months_invested", "15"));
    let answers = answers_file(&org, "fewer-months.toml", &changes);
    let weighed = score(Some(&evidence), &answers);
    assert_eq!(
        weighed["evidence"]["current.months_invested"]["status"],
        "conflicting"
    );
    assert!(
        contradictions(&weighed)
            .contains("current.months_invested is answered 15, but the scan measured 18"),
        "{}",
        contradictions(&weighed)
    );
}

#[test]
fn an_unknown_answer_takes_the_measured_value() {
    let org = acme();
    let evidence = scan_file(&org, "json");
    let mut changes = as_measured();
    changes.push(("current.months_invested", "\"unknown\""));
    let unknown = answers_file(&org, "unknown.toml", &changes);
    let known = answers_file(&org, "known.toml", &as_measured());

    let alone = score(None, &unknown);
    assert!(
        alone["unknowns"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["answer"] == "current.months_invested"),
        "{}",
        alone["unknowns"]
    );
    let weighed = score(Some(&evidence), &unknown);
    let months = &weighed["evidence"]["current.months_invested"];
    assert_eq!(months["status"], "measured");
    assert_eq!(months["self_reported"], "unknown");
    assert_eq!(months["used"], true);
    assert!(
        months["note"].as_str().unwrap().contains("scored"),
        "{months}"
    );
    assert_eq!(weighed["unknowns"], Json::Array(Vec::new()));
    // Scored exactly as if the answers had said 18.
    let stated = score(None, &known);
    assert_eq!(weighed["scores"], stated["scores"]);
    assert_eq!(weighed["rationale"], stated["rationale"]);
}

#[test]
fn the_toml_output_is_the_same_evidence_as_the_json() {
    let org = acme();
    let answers = answers_file(&org, "answers.toml", &[]);
    let json = score(Some(&scan_file(&org, "json")), &answers);
    let toml = score(Some(&scan_file(&org, "toml")), &answers);
    assert_eq!(json, toml);
}

#[test]
fn the_record_gains_an_evidence_section() {
    let org = acme();
    let evidence = scan_file(&org, "json");
    let answers = answers_file(&org, "answers.toml", &[]);
    let answers = answers.display().to_string();
    let evidence = evidence.display().to_string();
    let report = |extra: &[&str]| -> Run {
        let mut args = vec!["report", "--date", "2026-12-01", &answers];
        args.extend(extra);
        let run = run(&args);
        run.assert_success();
        run
    };
    let plain = report(&[]);
    assert!(!plain.stdout.contains("## Evidence"), "{}", plain.stdout);

    let record = report(&["--evidence", &evidence]).stdout;
    let section = record
        .split("\n## Evidence\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .unwrap_or_else(|| panic!("no Evidence section:\n{record}"));
    for row in [
        "| Which portal do you run today? | None yet | Backstage | conflicting | portal/backstage.json: Backstage app, version 1.30.0 (and 1 more in the scan's output) |",
        "| How standard is your delivery toolchain? | Standard: mainstream cloud, CI and source-control vendors | Mostly standard, with a few in-house pieces | conflicting |",
    ] {
        assert!(section.contains(row), "{row}\n{section}");
    }
    // The appendix lists 31 answers; the scan looks at five of them (the other two it
    // measured, about a portal run today, do not apply to the example).
    assert!(
        section.contains(
            "\nThe other 26 answers are self-reported: the scan does not measure them.\n"
        ),
        "{section}"
    );
    assert!(
        record.contains("## Answers that contradict each other"),
        "{record}"
    );

    let json = report(&["--evidence", &evidence, "--format", "json"]).json();
    let rows = json["evidence"].as_array().unwrap();
    let portal = rows
        .iter()
        .find(|r| r["answer"] == "current.portal")
        .unwrap();
    assert_eq!(portal["status"], "conflicting");
    assert_eq!(portal["measured"], "Backstage");
    let adr = report(&["--evidence", &evidence, "--format", "adr"]).stdout;
    assert!(
        adr.contains("\n## More Information\n\n### Evidence\n"),
        "{adr}"
    );
    let html = report(&["--evidence", &evidence, "--format", "html"]).stdout;
    assert!(html.contains("<section id=\"evidence\">"), "no section");
}

#[test]
fn evidence_that_is_not_the_scans_output_is_refused_with_a_hint() {
    let org = acme();
    let answers = answers_file(&org, "answers.toml", &[]);
    let answers = answers.display().to_string();
    let missing = run(&["score", "--evidence", "no/such/scan.json", &answers]);
    missing.assert_invalid("no/such/scan.json: file not found");
    assert!(
        missing
            .stderr
            .contains("idpfit scan PATH... --output scan.json"),
        "{}",
        missing.stderr
    );

    // An answers file states values but carries no evidence for them.
    let not_evidence = run(&["score", "--evidence", &answers, &answers]);
    not_evidence.assert_invalid("`integrations.stack` has no evidence");
    assert_eq!(not_evidence.stdout, "");
}
